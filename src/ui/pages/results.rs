//! 结果: a round's ranking and its publication (one unit's breakdown is
//! `result_detail.rs`, the report card `report_card.rs`).
//! Every figure comes from `domain::report` (on `scoring::compute_round` and
//! `typing`); this file only lays them out.

use leptos::prelude::*;

use crate::domain::office::tables::ExportList;
use crate::domain::publishing;
use crate::domain::report::{self, RankingRow, RoundReport};
use crate::domain::ScoringError;
use crate::route::Route;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::office_exports::{ExportBusy, ExportButtons};
use crate::ui::components::proposals::ProposalList;
use crate::ui::components::ranking_table::RankingTable;
use crate::ui::components::round_report::report_memo;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

fn set_hash(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href);
    }
}

/// The 结果 page: the round chosen (by default the latest of a year that has come,
/// `report::default_round`) and its ranking.
#[component]
pub fn ResultsPage(
    /// The round to show; `report::default_round` when `None`.
    round: Option<String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rounds = Memo::new(move |_| {
        ctx.state.with(|s| {
            report::rounds_latest_first(s)
                .into_iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let this_year: u16 = ctx
        .today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    let selected = round.or_else(|| {
        ctx.state
            .with_untracked(|s| report::default_round(s, this_year).map(|r| r.id.clone()))
    });
    let Some(rid) = selected else {
        return view! {
            <section>
                <h1>"结果"</h1>
                <p>"还没有考评轮次，没有可显示的结果。可在“考评”中建立考评轮次，或在“数据管理”中载入示例数据先看看效果。"</p>
                <p><a href=Route::Data.href()>"去数据管理"</a></p>
            </section>
        }
        .into_any();
    };
    let current = rid.clone();
    let report = report_memo(rid.clone());
    let rows: Memo<Vec<RankingRow>> = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(report::ranking_rows).unwrap_or_default())
    });
    let rid_table = rid.clone();
    let proposals_shown = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::files::after_first_paint().await;
        proposals_shown.try_set(true);
    });
    let export_busy = RwSignal::new(false);
    // On paper, a ranking not published (or changed since) says so on every page.
    let rid_mark = rid.clone();
    let mark = Signal::derive(move || {
        report.with(|r| {
            let r = r.as_ref().ok()?;
            ctx.state.with(|s| {
                s.round(&rid_mark)
                    .and_then(|x| crate::domain::publishing::draft_mark(x, Some(&r.results)))
            })
        })
    });
    view! {
        <section class="results-page">
            <h1><span class="no-print">"结果"</span>
                <span class="print-only">{move || report.with(|r| r.as_ref().map(|r| format!("{}排名表", r.round_name)).unwrap_or_default())}</span>
                {move || mark.get().map(|m| view! { <span class="print-only draft-mark">{m}</span> })}</h1>
            <div class="field">
                <label for="results-round">"考评轮次"</label>
                <select id="results-round" on:change=move |e| set_hash(&Route::Results(Some(event_target_value(&e))).href())>
                    {move || rounds.get().into_iter().map(|(id, name)| {
                        let sel = id == current;
                        view! { <option value=id selected=sel>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || report.with(|r| match r {
                Err(e) => view! { <p class="error" role="alert">{format!("{}{e}", text::ROUND_NOT_COMPUTED)}</p> }.into_any(),
                Ok(r) => {
                    let counts = r.results.grade_counts();
                    let provisional = match r.graded_provisionally() {
                        0 => String::new(),
                        n => format!("其中{n}个评分不全，等次暂按已收到的评分，"),
                    };
                    let summary = format!(
                        "{}：共{}个单位，已评定{}个（{provisional}优秀{}、良好{}、合格{}、不合格{}）。",
                        r.round_name, r.results.units.len(), r.graded_count(),
                        counts[0], counts[1], counts[2], counts[3]
                    );
                    let incomplete = report::incomplete_message(r);
                    let short = report::short_panel_message(r);
                    view! {
                        <p class="results-summary">{summary}<span class="muted">{crate::domain::report::ROUNDING_NOTE}{text::TIE_RULE}</span></p>
                        {incomplete.map(|m| view! { <p class="incomplete" role="note">{m}</p> })}
                        {short.map(|m| view! { <p class="incomplete" role="note">{m}</p> })}
                    }.into_any()
                }
            })}
            {let rid = rid.clone(); move || report.with(|r| r.as_ref().ok().map(|r| r.year)).map(|year| view! {
                <p class="no-print"><ExportButtons list=ExportList::Ranking year round_id=Some(rid.clone()) busy=export_busy /></p>
                <ExportBusy busy=export_busy />
            })}
            <PublishControl round_id=rid.clone() report />
            {move || report.with(|r| r.as_ref().ok().map(|r| r.dimension_names.clone())).map(|names| view! {
                <RankingTable round_id=rid_table.clone() dimension_names=names rows mark />
                {move || rows.with(|rs| rs.iter().any(|r| !r.grade_notes.is_empty())).then(|| view! {
                    <p class="muted">"※ 等次另有说明（如总分达到优秀分数线，但不满足优秀的其他条件）：鼠标停在等次上可查看，或打开该单位的得分明细。"</p>
                })}
                // On paper there is no tooltip: the notes are printed under the table.
                {move || rows.with(|rs| {
                    let noted: Vec<_> = rs.iter().filter(|r| !r.grade_notes.is_empty())
                        .map(|r| format!("※ {}：{}", r.unit_name, r.grade_notes.join("；")))
                        .collect();
                    (!noted.is_empty()).then(|| view! {
                        <ul class="grade-notes print-only" aria-label="等次说明">
                            {noted.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                    })
                })}
            })}
            <h2>{text::LIFECYCLE_PROPOSALS}</h2>
            // Scoring the proposals takes as long as scoring the round: they come in the
            // frame after the table's first, so the table is not kept waiting for them.
            {move || proposals_shown.get().then(|| view! { <ProposalList round_id=rid.clone() /> })}
        </section>
    }
    .into_any()
}

/// What the publish control shows.
#[derive(Clone, PartialEq)]
enum PublicationView {
    NotPublished,
    /// Published, with its time when recorded.
    Published(Option<String>),
    /// Published, but the results have changed since.
    Changed,
}

/// 发布结果 / 撤销发布 for one round, each after a confirmation. The checks and the
/// change are `domain::publishing`.
#[component]
fn PublishControl(
    round_id: String,
    /// The round's report the page already computed (the check reuses its results).
    report: Memo<Result<RoundReport, ScoringError>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    // Not published; published (when, if recorded); or changed since it was published.
    let publication = Memo::new(move |_| {
        ctx.state.with(|s| {
            rid.with_value(|id| match s.round(id) {
                Some(r) if r.published => {
                    let changed = report.with(|rep| {
                        publishing::changed_since_publication_of(
                            r,
                            rep.as_ref().ok().map(|rep| &rep.results),
                        )
                    });
                    if changed {
                        PublicationView::Changed
                    } else {
                        PublicationView::Published(
                            r.publication
                                .as_ref()
                                .map(|p| crate::ui::app::date_time(&p.at)),
                        )
                    }
                }
                _ => PublicationView::NotPublished,
            })
        })
    });
    let open_publish = RwSignal::new(false);
    let open_withdraw = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let ask_publish = move |_| match ctx.state.with_untracked(|s| {
        let today = ctx.today();
        rid.with_value(|id| publishing::preview(s, id, &today))
    }) {
        Ok(p) => {
            message.set(p.message());
            open_publish.set(true);
        }
        Err(e) => ctx.notice.set(Some(Notice::error(e.to_string()))),
    };
    let set = move |to: bool| {
        let now = ctx.now_iso();
        let id = rid.get_value();
        let what = if to { "发布结果" } else { "撤销发布" };
        if ctx
            .update(what, |s| publishing::set_published(s, &id, to, &now))
            .is_ok()
        {
            let text = if to {
                "已发布本轮结果。可在“数据交换”中导出结果文件，发给各单位和评委。"
            } else {
                "已撤销发布。已经发出的结果文件不会被收回。"
            };
            ctx.notice.set(Some(Notice::info(text)));
        }
    };
    view! {
        <div class="publish no-print">
            {move || match publication.get() {
                PublicationView::Changed => view! {
                    <p class="error" role="alert">"本轮结果发布后，评分、加减分或成果认定有改动，现在的结果与已发布的不同（已发出的结果文件仍是发布时的）。请重新发布，再到“数据交换”导出结果文件。"</p>
                    <p>
                        <button type="button" class="primary" on:click=ask_publish>"重新发布"</button>" "
                        <button type="button" on:click=move |_| open_withdraw.set(true)>"撤销发布"</button>
                    </p>
                }.into_any(),
                PublicationView::Published(at) => {
                    let when = at.map(|t| format!("本轮结果已于 {t} 发布。")).unwrap_or_else(|| "本轮结果已发布。".to_string());
                    view! {
                        <p role="status">{when}<a href=Route::ExchangeRound(rid.get_value()).href()>"去数据交换导出结果文件"</a></p>
                        <p><button type="button" on:click=move |_| open_withdraw.set(true)>"撤销发布"</button></p>
                    }.into_any()
                }
                PublicationView::NotPublished => view! {
                    <p class="muted">"本轮结果尚未发布。发布后可在“数据交换”中导出结果文件，发给各单位和评委。"</p>
                    <p><button type="button" class="primary" on:click=ask_publish>"发布结果"</button></p>
                }.into_any(),
            }}
        </div>
        <ConfirmDialog open=open_publish title="确认发布结果" message=Signal::derive(move || message.get())
            confirm_label="发布" on_confirm=Callback::new(move |_| set(true)) />
        <ConfirmDialog open=open_withdraw title="确认撤销发布"
            message=Signal::derive(|| "撤销后，数据交换中不再能导出本轮结果，直到再次发布；已经发出的结果文件不会被收回。".to_string())
            confirm_label="撤销发布" on_confirm=Callback::new(move |_| set(false)) />
    }
}

/// A round's ranking; the latest round when none is named.
pub fn results_page(round: Option<String>) -> AnyView {
    view! { <ResultsPage round=round /> }.into_any()
}
