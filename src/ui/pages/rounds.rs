//! 考评: the list of rounds with the 新建考评 form, one round's page (units, assessors,
//! who has scored whom) and the score grid page of one source.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::ui::components::fields::FormError;

use crate::domain::exchange::{received_counts, received_line, Party};
use crate::domain::grid::{source_key, SELF_KEY};
use crate::domain::round_setup::{
    create_round, default_scheme_choice, default_unit_ids, round_progress, round_summary,
    scheme_choices, sheet_status, suggest_year, NewRound, SheetStatus,
};
use crate::domain::{AppState, Id, SheetSource};
use crate::route::Route;
use crate::ui::components::consistency::ConsistencySection;
use crate::ui::components::panel::RoundPanel;
use crate::ui::components::score_form::ScoreEntry;
use crate::ui::state::{AppContext, Notice};

/// Goes to a route by setting the location's hash.
fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

/// One line of the rounds list.
#[derive(Clone, PartialEq)]
struct RoundLine {
    id: Id,
    name: String,
    year: u16,
    scheme: String,
    units: usize,
    assessors: usize,
    completeness: String,
}

fn round_lines(s: &AppState) -> Vec<RoundLine> {
    let mut lines: Vec<RoundLine> = s
        .rounds
        .iter()
        .map(|r| {
            let scheme = s.scheme(&r.scheme_id);
            let n = scheme.map(|sc| sc.indicator_count()).unwrap_or(0);
            RoundLine {
                id: r.id.clone(),
                name: r.name.clone(),
                year: r.year,
                scheme: scheme
                    .map(|sc| format!("{}（第{}版）", sc.name, sc.version))
                    .unwrap_or_else(|| format!("方案「{}」缺失", r.scheme_id)),
                units: r.unit_ids.len(),
                assessors: r.assessors.len(),
                completeness: round_summary(r, n).label(),
            }
        })
        .collect();
    crate::domain::sorting::sort_by(&mut lines, |a, b| {
        b.year.cmp(&a.year).then(a.name.cmp(&b.name))
    });
    lines
}

/// The 考评 page.
#[component]
pub fn RoundsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let lines = Memo::new(move |_| ctx.state.with(round_lines));
    view! {
        <section class="rounds">
            <h1>"考评"</h1>
            {move || {
                let lines = lines.get();
                if lines.is_empty() {
                    view! { <p>"还没有考评轮次。请用下面的“新建考评”创建。"</p> }.into_any()
                } else {
                    view! {
                        <table class="rounds-list">
                            <caption class="visually-hidden">"考评轮次"</caption>
                            <thead><tr>
                                <th scope="col">"考评"</th>
                                <th scope="col" class="num">"年度"</th>
                                <th scope="col">"考评方案"</th>
                                <th scope="col" class="num">"单位"</th>
                                <th scope="col" class="num">"评委"</th>
                                <th scope="col">"评分完成情况"</th>
                            </tr></thead>
                            <tbody>
                                {lines.into_iter().map(|l| view! {
                                    <tr>
                                        <th scope="row"><a href=Route::Round(l.id.clone()).href()>{l.name}</a></th>
                                        <td class="num">{l.year}</td>
                                        <td>{l.scheme}</td>
                                        <td class="num">{l.units}</td>
                                        <td class="num">{l.assessors}</td>
                                        <td>{l.completeness}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
            <NewRoundForm />
        </section>
    }
}

/// The 新建考评 form.
#[component]
fn NewRoundForm() -> impl IntoView {
    let ctx = AppContext::get();
    let start = ctx.state.with_untracked(|s| {
        let year = suggest_year(s, ctx.this_year());
        let choice = default_scheme_choice(s, year);
        (year, choice, default_unit_ids(s))
    });
    let year = RwSignal::new(start.0.to_string());
    let scheme_id = RwSignal::new(start.1.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let weight = RwSignal::new(
        start
            .1
            .as_ref()
            .map(|c| c.self_weight_pct.to_string())
            .unwrap_or_else(|| "0".into()),
    );
    let selected: RwSignal<BTreeSet<Id>> = RwSignal::new(start.2.into_iter().collect());
    let names = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let year_num = move || year.with(|y| y.trim().parse::<u16>().unwrap_or(start.0));
    let choices = Memo::new(move |_| {
        let y = year_num();
        ctx.state.with(|s| scheme_choices(s, y))
    });
    let units = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone(), u.status.label()))
                .collect::<Vec<_>>()
        })
    });
    let all_ticked = move || {
        let us = units.get();
        !us.is_empty() && selected.with(|sel| us.iter().all(|(id, _, _)| sel.contains(id)))
    };

    let on_scheme = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(c) = choices.get_untracked().into_iter().find(|c| c.id == id) {
            weight.set(c.self_weight_pct.to_string());
        }
        scheme_id.set(id);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NewRound {
            year: year.get_untracked(),
            scheme_id: scheme_id.get_untracked(),
            unit_ids: selected.get_untracked().into_iter().collect(),
            assessor_names: names.get_untracked(),
            self_weight: weight.get_untracked(),
        };
        let now = ctx.now_iso();
        // Checked on a copy first, so a mistake is shown at the form only.
        let mut probe = ctx.state.get_untracked();
        if let Err(e) = create_round(&mut probe, &form, &now) {
            error.set(Some(e.to_string()));
            return;
        }
        error.set(None);
        if let Ok(id) = ctx.update("新建考评", |s| create_round(s, &form, &now)) {
            let name = ctx
                .state
                .with_untracked(|s| s.round(&id).map(|r| r.name.clone()))
                .unwrap_or_default();
            ctx.notice
                .set(Some(Notice::info(format!("已创建「{name}」。"))));
            go(&Route::Round(id));
        }
    };

    view! {
        <form class="new-round" on:submit=on_submit aria-labelledby="new-round-title" novalidate>
            <h2 id="new-round-title">"新建考评"</h2>
            <div>
                <label class="field">
                    <span>"年度"</span>
                    <input type="number" min="2000" max="2100" step="1"
                        prop:value=move || year.get()
                        on:input=move |e| year.set(event_target_value(&e)) />
                </label>
                <div class="field">
                    <label for="new-round-scheme">"考评方案"</label>
                    <select id="new-round-scheme" on:change=on_scheme>
                        {move || choices.get().into_iter().map(|c| {
                            let id = c.id.clone();
                            view! {
                                <option value=c.id.clone() selected=move || scheme_id.with(|s| *s == id)>{c.label}</option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <label class="field">
                    <span>"自评权重（%）"</span>
                    <input type="number" min="0" max="100" step="1" aria-describedby="weight-hint"
                        prop:value=move || weight.get()
                        on:input=move |e| weight.set(event_target_value(&e)) />
                </label>
                <p id="weight-hint" class="hint">"默认取自所选方案；填写不同的数值会为本次考评生成该方案的新版本，原方案不变。"</p>
            </div>
            <fieldset class="unit-picker">
                <legend>{move || format!("参评单位（已选 {} / {} 个）", selected.with(|s| s.len()), units.with(|u| u.len()))}</legend>
                <label class="unit-picker__all">
                    <input type="checkbox" prop:checked=all_ticked
                        on:change=move |_| {
                            if all_ticked() {
                                selected.set(BTreeSet::new());
                            } else {
                                selected.set(units.get_untracked().into_iter().map(|(id, _, _)| id).collect());
                            }
                        } />
                    "全选"
                </label>
                {move || if units.with(|u| u.is_empty()) {
                    view! { <p>"单位名册为空。请先在“单位”页面添加单位，或在“数据管理”中载入示例数据。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="unit-picker__list">
                            {units.get().into_iter().map(|(id, name, status)| {
                                let id2 = id.clone();
                                view! {
                                    <li><label>
                                        <input type="checkbox"
                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                            on:change=move |e| {
                                                let on = event_target_checked(&e);
                                                selected.update(|s| { if on { s.insert(id2.clone()); } else { s.remove(&id2); } });
                                            } />
                                        {name}
                                        <span class="muted">{format!("（{status}）")}</span>
                                    </label></li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </fieldset>
            <label class="field field--wide">
                <span>"评委姓名"</span>
                <textarea rows="5" aria-describedby="names-hint"
                    prop:value=move || names.get()
                    on:input=move |e| names.set(event_target_value(&e))></textarea>
            </label>
            <p id="names-hint" class="hint">"每行填写一位评委的姓名，至少一位。"</p>
            <FormError error />
            <p><button type="submit" class="primary">"创建考评"</button></p>
        </form>
    }
}

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
    /// Return files received by import, e.g. `评委 3 份，单位 10 份`.
    received: String,
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
        received: format!("评委 {from_assessors} 份，单位 {from_units} 份"),
        id: r.id.clone(),
        name: r.name.clone(),
        scheme: scheme
            .map(|sc| format!("{}（第{}版）", sc.name, sc.version))
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
                <p>{format!("没有编号为「{}」的考评轮次，可能已被删除或撤销。", id.get_value())}</p>
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
                    <dl class="facts">
                        <dt>"考评方案"</dt><dd>{v.scheme.clone()}</dd>
                        <dt>"自评权重"</dt><dd>{format!("{}%", v.self_weight)}</dd>
                        <dt>"参评单位"</dt><dd>{format!("{} 个", v.units.len())}</dd>
                        <dt>"评委"</dt><dd>{format!("{assessor_count} 位")}</dd>
                        <dt>"已收到报送文件"</dt><dd>{v.received.clone()}</dd>
                    </dl>
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
                </section>
            }
            .into_any()
        }
    }
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
            <ScoreEntry round_id=round.get_value() source_key=key.get_value() />
        </section>
    }
    .into_any()
}
