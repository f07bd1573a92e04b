//! One round's page (units, assessors, panels, completeness, consistency) and the page
//! that enters one source's scores.

use leptos::prelude::*;

use crate::domain::exchange::{received_counts, received_line, units_awaited, Party};
use crate::domain::grid::{source_key, SELF_KEY};
use crate::domain::round_setup::{
    delete_round, deletion_of, departed_units, round_progress, scheme_choices, scheme_switch,
    sheet_status, switch_scheme, SheetStatus,
};
use crate::domain::{AppState, Id, Scheme, SheetSource};
use crate::route::Route;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::consistency::ConsistencySection;
use crate::ui::components::fields::{navigate, ChoiceSelect, FormError};
use crate::ui::components::panel::RoundPanel;
use crate::ui::components::round_report::{ChangedSincePublishedNote, PublishedEditHint};
use crate::ui::components::score_form::ScoreEntry;
use crate::ui::state::{AppContext, Notice};

/// One round: units, assessors, completeness.
pub fn round_page(id: String) -> AnyView {
    view! { <RoundPage id=id /> }.into_any()
}

/// What the round page shows, derived from the state.
#[derive(Clone, PartialEq)]
struct RoundView {
    id: Id,
    name: String,
    scheme: String,
    self_weight: u8,
    units: Vec<(Id, String)>,
    /// Per source: key, name, progress line, names of units not started.
    sources: Vec<(String, String, String, Vec<String>)>,
    /// Per unit: a status label per source (assessors, then self).
    matrix: Vec<Vec<SheetStatus>>,
    /// Who has sent return files, e.g. `评委 3 位，单位 10 个`.
    received: String,
    /// Units sent a task file that have sent nothing back yet, by name.
    awaited: Vec<String>,
    /// Units of the round that have since left the programme, `名称（摘牌）`.
    departed: Vec<String>,
}

fn round_view(s: &AppState, id: &str) -> Option<RoundView> {
    let r = s.round(id)?;
    let scheme = s.scheme(&r.scheme_id);
    let n = scheme.map(|sc| sc.indicator_count()).unwrap_or(0);
    let unit_name = |uid: &str| {
        s.unit(uid)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| uid.to_string())
    };
    let progress = round_progress(r, n);
    let sources = progress
        .iter()
        .map(|p| {
            let mut line = format!(
                "应评 {} 个单位，已评 {} 个（完整 {} 个，未填完 {} 个，共空 {} 项），未评 {} 个",
                p.expected,
                p.scored(),
                p.complete,
                p.partial,
                p.blanks,
                p.not_started.len()
            );
            if let SheetSource::Assessor(aid) = &p.source {
                line.push_str(&received_line(s, &r.id, &Party::Assessor(aid.clone())));
            }
            (
                source_key(&p.source),
                p.name.clone(),
                line,
                p.not_started.iter().map(|u| unit_name(u)).collect(),
            )
        })
        .collect();
    let mut all_sources: Vec<SheetSource> = r
        .assessors
        .iter()
        .map(|a| SheetSource::Assessor(a.id.clone()))
        .collect();
    all_sources.push(SheetSource::SelfAssessment);
    let matrix = r
        .unit_ids
        .iter()
        .map(|u| {
            all_sources
                .iter()
                .map(|src| sheet_status(r, src, u, n))
                .collect()
        })
        .collect();
    let (from_assessors, from_units) = received_counts(s, &r.id);
    Some(RoundView {
        received: format!("评委 {from_assessors} 位，单位 {from_units} 个"),
        awaited: units_awaited(s, &r.id)
            .iter()
            .map(|u| unit_name(u))
            .collect(),
        departed: departed_units(s, r),
        id: r.id.clone(),
        name: r.name.clone(),
        scheme: scheme
            .map(Scheme::version_label)
            .unwrap_or_else(|| format!("方案「{}」缺失", r.scheme_id)),
        self_weight: scheme.map(|sc| sc.aggregation.self_weight_pct).unwrap_or(0),
        units: r
            .unit_ids
            .iter()
            .map(|u| (u.clone(), unit_name(u)))
            .collect(),
        sources,
        matrix,
    })
}

#[component]
fn RoundPage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    let view_data = Memo::new(move |_| ctx.state.with(|s| round_view(s, &id.get_value())));
    move || match view_data.get() {
        None => view! {
            <section>
                <h1>"找不到考评"</h1>
                <p>{crate::ui::text::record_gone("考评轮次")}</p>
                <p><a href=Route::Rounds.href()>"返回考评列表"</a></p>
            </section>
        }
        .into_any(),
        Some(v) => {
            let assessor_count = v.sources.len().saturating_sub(1);
            view! {
                <section class="round">
                    <p class="crumbs"><a href=Route::Rounds.href()>"考评"</a>" › "{v.name.clone()}</p>
                    <h1>{v.name.clone()}</h1>
                    <ChangedSincePublishedNote round_id=id.get_value() />
                    <dl class="facts">
                        <dt>"考评方案"</dt><dd>{v.scheme.clone()}</dd>
                        <dt>"自评权重"</dt><dd>{format!("{}%", v.self_weight)}</dd>
                        <dt>"参评单位"</dt><dd>{format!("{} 个", v.units.len())}</dd>
                        <dt>"评委"</dt><dd>{format!("{assessor_count} 位")}</dd>
                        <dt>"已收到谁的报送文件"</dt><dd>
                            {v.received.clone()}
                            {(!v.awaited.is_empty()).then(|| view! {
                                <details class="awaited">
                                    <summary>{format!("已发任务文件、尚未交回的单位 {} 个", v.awaited.len())}</summary>
                                    <ul aria-label="尚未交回报送文件的单位">
                                        {v.awaited.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                                    </ul>
                                </details>
                            })}
                        </dd>
                    </dl>
                    {(!v.departed.is_empty()).then(|| view! {
                        <p class="warning" role="note">{format!(
                            "本轮名单中有已离开示范点建设的单位：{}。它们仍照常评定，出现在排名和年度通报中；如在考评前已摘牌或退出，请在下方“评委分工”中把它移除。",
                            v.departed.join("、")
                        )}</p>
                    })}
                    <ChangeScheme id=v.id.clone() />
                    <p><a href=Route::Results(Some(v.id.clone())).href()>"查看考评结果"</a>" · "
                        <a href=Route::RoundAdjustments(v.id.clone()).href()>{crate::ui::text::ADJUSTMENT_GRID}</a></p>

                    <h2 id="progress-title">"评分进度"</h2>
                    <ul class="progress-list" aria-labelledby="progress-title">
                        {v.sources.iter().map(|(key, name, line, missing)| {
                            let link_text = if key == SELF_KEY { "录入自评".to_string() } else { format!("录入评分：{name}") };
                            let who = if key == SELF_KEY { "自评".to_string() } else { format!("评委 {name}") };
                            let href = Route::ScoreGrid { round: v.id.clone(), source: key.clone() }.href();
                            // Short enough to read: all, a few by name, or the first ten.
                            let all_units = v.units.len();
                            let missing_line = (!missing.is_empty()).then(|| {
                                if missing.len() == all_units {
                                    "尚未评分的单位：全部".to_string()
                                } else if missing.len() > 10 {
                                    format!("尚未评分的单位：{}等 {} 个", missing[..10].join("、"), missing.len())
                                } else {
                                    format!("尚未评分的单位：{}", missing.join("、"))
                                }
                            });
                            view! {
                                <li>
                                    <strong>{who}</strong>"："{line.clone()}" "
                                    <a href=href>{link_text}</a>
                                    {missing_line.map(|m| view! { <p class="muted small">{m}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>

                    <h2>"单位与评分情况"</h2>
                    <div class="table-scroll">
                        <table class="round-matrix">
                            <caption class="visually-hidden">"各单位的评分情况：每位评委和自评"</caption>
                            <thead><tr>
                                <th scope="col">"单位"</th>
                                {v.sources.iter().map(|(_, name, _, _)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {v.units.iter().zip(v.matrix.iter()).map(|((uid, name), row)| view! {
                                    <tr>
                                        <th scope="row"><a href=Route::Unit(uid.clone()).href()>{name.clone()}</a></th>
                                        {row.iter().map(|st| {
                                            let class = match st {
                                                SheetStatus::Complete => "st st--done",
                                                SheetStatus::Partial(_) => "st st--partial",
                                                SheetStatus::NotStarted => "st st--missing",
                                                SheetStatus::NotAssigned => "st",
                                            };
                                            view! { <td class=class>{st.label()}</td> }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <RoundPanel round_id=v.id.clone() />
                    <ConsistencySection round_id=v.id.clone() />
                    <DeleteRound id=v.id.clone() />
                </section>
            }
            .into_any()
        }
    }
}

/// 更换考评方案, while nothing is scored: a corrected version of the scheme made after
/// the round was set up, or a scheme chosen by mistake. Says what changes and asks.
#[component]
fn ChangeScheme(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    // The other versions, and whether the round is scored (then none can be chosen).
    let (scored, options) = ctx.state.with_untracked(|s| {
        let r = s.round(&id.get_value())?;
        let others: Vec<(String, String)> = scheme_choices(s, r.year)
            .into_iter()
            .filter(|c| c.id != r.scheme_id && s.scheme(&c.id).is_some())
            .map(|c| {
                (
                    c.id,
                    format!("{}，自评权重 {}%", c.label, c.self_weight_pct),
                )
            })
            .collect();
        (!others.is_empty()).then_some((r.has_scores() || r.published, others))
    })?;
    // Another version exists (a corrected one, most often) but the round is scored:
    // said, so that the clerk does not look for the control in vain.
    if scored {
        return Some(
            view! {
                <p class="muted no-print" role="note">{crate::ui::text::SCHEME_FIXED_ONCE_SCORED}</p>
            }
            .into_any(),
        );
    }
    let chosen = RwSignal::new(options[0].0.clone());
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let ask = move |_| match ctx
        .state
        .with_untracked(|s| scheme_switch(s, &id.get_value(), &chosen.get_untracked()))
    {
        Ok(sw) => {
            error.set(None);
            message.set(sw.message());
            open.set(true);
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    let do_switch = Callback::new(move |_| {
        let now = ctx.now_iso();
        let scheme = chosen.get_untracked();
        match ctx.update("更换考评方案", |s| {
            switch_scheme(s, &id.get_value(), &scheme, &now)
        }) {
            Ok(sw) => ctx.notice.set(Some(Notice::info(format!(
                "「{}」已改用{}。改错了可点“撤销”。",
                sw.round, sw.to
            )))),
            Err(e) => error.set(Some(e)),
        }
    });
    let options = Signal::stored(options);
    Some(view! {
        <details class="change-scheme no-print">
            <summary>"更换考评方案"</summary>
            <p class="muted">"本轮还没有录入分数，可以改用方案的修订版或另一个方案。录入分数后就不能再换了。"</p>
            <div class="row">
                <ChoiceSelect label="改用的考评方案" options value=chosen />
                <button type="button" on:click=ask>"更换方案"</button>
            </div>
            <FormError error />
            <ConfirmDialog open title="确认更换考评方案" message=Signal::derive(move || message.get())
                confirm_label="更换方案" on_confirm=do_switch />
        </details>
    }.into_any())
}

/// 删除本轮考评, for a round made by mistake (a wrong year, the wrong units): says what
/// goes with it, asks (typing 删除 when anything was entered), keeps a snapshot first.
/// A published round cannot be deleted; the section says why instead.
#[component]
fn DeleteRound(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    let open = RwSignal::new(false);
    let deletion = ctx
        .state
        .with_untracked(|s| deletion_of(s, &id.get_value()).map_err(|e| e.to_string()));
    let d = match deletion {
        Ok(d) => d,
        Err(why) => {
            return view! {
                <section class="danger-zone no-print">
                    <h2>"删除考评"</h2>
                    <p class="muted">{why}</p>
                </section>
            }
            .into_any()
        }
    };
    let message = Signal::stored(d.message());
    let name = StoredValue::new(d.name.clone());
    let do_delete = Callback::new(move |_| {
        let name = name.get_value();
        let label = format!("删除考评前：{name}");
        let done =
            ctx.update_kept_wholesale("删除考评", &label, |s| delete_round(s, &id.get_value()));
        if let Ok((_, kept)) = done {
            navigate(&Route::Rounds);
            ctx.notice.set(Some(Notice::info(format!(
                "已删除「{name}」。{}",
                crate::ui::text::deleted_note(kept)
            ))));
        }
    });
    let confirm = if d.has_work() {
        view! {
            <ConfirmDialog open title="确认删除考评" message confirm_label="删除考评"
                type_to_confirm="删除" on_confirm=do_delete />
        }
        .into_any()
    } else {
        view! {
            <ConfirmDialog open title="确认删除考评" message confirm_label="删除考评"
                on_confirm=do_delete />
        }
        .into_any()
    };
    view! {
        <section class="danger-zone no-print">
            <h2>"删除考评"</h2>
            <p class="muted">"建错了（年度、单位填错）的考评可以删除；单位名册、考评方案和成果不受影响。"</p>
            <button type="button" class="danger" on:click=move |_| open.set(true)>
                {format!("删除「{}」", d.name)}
            </button>
            {confirm}
        </section>
    }
    .into_any()
}

/// The score grid of one source (an assessor id, or `self`) in a round.
pub fn score_grid_page(round: String, source: String) -> AnyView {
    let ctx = AppContext::get();
    let round = StoredValue::new(round);
    let key = StoredValue::new(source);
    let heading = Memo::new(move |_| {
        ctx.state.with(|s| {
            let r = s.round(&round.get_value())?;
            let src = crate::domain::grid::source_from_key(r, &key.get_value())?;
            let who = match &src {
                SheetSource::SelfAssessment => "自评".to_string(),
                SheetSource::Assessor(aid) => r
                    .assessors
                    .iter()
                    .find(|a| &a.id == aid)
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| aid.clone()),
            };
            let others: Vec<(String, String)> = r
                .assessors
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .chain(std::iter::once((SELF_KEY.to_string(), "自评".to_string())))
                .collect();
            Some((r.name.clone(), who, others))
        })
    });
    view! {
        <section class="grid-page">
            {move || heading.get().map_or_else(|| view! { <h1>"找不到评分表"</h1> }.into_any(), |(name, who, others)| {
                let rid = round.get_value();
                let current = key.get_value();
                view! {
                    <p class="crumbs">
                        <a href=Route::Rounds.href()>"考评"</a>" › "
                        <a href=Route::Round(rid.clone()).href()>{name.clone()}</a>" › 评分录入"
                    </p>
                    <h1>{format!("{name} 评分录入：{who}")}</h1>
                    <nav class="source-switch" aria-label="切换评分来源">
                        {others.into_iter().map(|(k, n)| {
                            let href = Route::ScoreGrid { round: rid.clone(), source: k.clone() }.href();
                            let cur = (k == current).then_some("page");
                            view! { <a href=href aria-current=cur>{n}</a> }
                        }).collect_view()}
                    </nav>
                }.into_any()
            })}
            <PublishedEditHint round_id=round.get_value() />
            <ScoreEntry round_id=round.get_value() source_key=key.get_value() />
        </section>
    }
    .into_any()
}
