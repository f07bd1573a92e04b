//! 结果: a round's ranking, one unit's breakdown, and the one-page report card.
//! Every figure comes from `domain::report` (on `scoring::compute_round` and
//! `typing`); this file only lays them out.

use leptos::prelude::*;

use crate::domain::adjustments::{self, ItemChoice};
use crate::domain::outcomes;
use crate::domain::publishing;
use crate::domain::report::{self, RankingRow, RoundReport};
use crate::domain::scoring::{Dropped, UnitResult};
use crate::domain::{AdjustmentKind, ScoringError};
use crate::route::Route;
use crate::ui::components::between::ResourcesFact;
use crate::ui::components::charts::{DimensionChart, TrendChart};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::proposals::ProposalList;
use crate::ui::components::ranking_table::RankingTable;
use crate::ui::components::type_override::TypeOverrideForm;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

fn set_hash(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href);
    }
}

/// A round's report, recomputed only when the data changes.
fn report_memo(round_id: String) -> Memo<Result<RoundReport, ScoringError>> {
    let ctx = AppContext::get();
    Memo::new(move |_| ctx.state.with(|s| report::round_report(s, &round_id)))
}

/// The 结果 page: the round chosen (the latest by default) and its ranking.
#[component]
pub fn ResultsPage(
    /// The round to show; the latest when `None`.
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
    let selected = round.or_else(|| rounds.get_untracked().first().map(|(id, _)| id.clone()));
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
    let export = move |_| {
        let out = report.with_untracked(|r| {
            r.as_ref()
                .map(|r| {
                    (
                        report::ranking_csv_name(
                            &r.round_name,
                            &crate::files::stamp(ctx.clock.now_ms()),
                        ),
                        report::ranking_csv(r),
                    )
                })
                .map_err(|e| format!("无法计算本轮结果，不能导出：{e}"))
        });
        let msg = out.and_then(|(name, text)| {
            crate::files::download(&name, "text/csv;charset=utf-8", &text)
                .map(|_| name)
                .map_err(|e| format!("导出排名表失败：{e}"))
        });
        ctx.notice.set(Some(match msg {
            Ok(name) => Notice::info(format!("已导出排名表“{name}”，可用Excel或WPS打开。")),
            Err(m) => Notice::error(m),
        }));
    };
    view! {
        <section class="results-page">
            <h1>"结果"</h1>
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
                Err(e) => view! { <p class="error" role="alert">{format!("无法计算本轮结果：{e}")}</p> }.into_any(),
                Ok(r) => {
                    let counts = r.results.grade_counts();
                    let summary = format!(
                        "{}：共{}个单位，已评定{}个（优秀{}、良好{}、合格{}、不合格{}）。",
                        r.round_name, r.results.units.len(), r.graded_count(),
                        counts[0], counts[1], counts[2], counts[3]
                    );
                    let incomplete = report::incomplete_message(r);
                    view! {
                        <p class="results-summary">{summary}<span class="muted">"各项得分四舍五入保留两位小数显示；总分按未经舍入的得分计算，只在最后四舍五入一次。"</span></p>
                        {incomplete.map(|m| view! { <p class="incomplete" role="note">{m}</p> })}
                    }.into_any()
                }
            })}
            {move || report.with(|r| r.is_ok()).then(|| view! {
                <p class="no-print"><button type="button" on:click=export>"导出排名表"</button></p>
            })}
            <PublishControl round_id=rid.clone() report />
            {move || report.with(|r| r.as_ref().ok().map(|r| r.dimension_names.clone())).map(|names| view! {
                <RankingTable round_id=rid_table.clone() dimension_names=names rows />
                {move || rows.with(|rs| rs.iter().any(|r| !r.grade_notes.is_empty())).then(|| view! {
                    <p class="muted">"※ 等次另有说明（如总分达到优秀分数线，但不满足优秀的其他条件）：鼠标停在等次上可查看，或打开该单位的得分明细。"</p>
                })}
            })}
            <h2>"动态管理建议"</h2>
            <ProposalList round_id=rid />
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
                        <p role="status">{when}<a href=Route::Exchange.href()>"去数据交换导出结果文件"</a></p>
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

/// How one unit's total was made.
pub fn result_detail_page(round: String, unit: String) -> AnyView {
    view! { <ResultDetail round unit /> }.into_any()
}

/// A one-page report card of one unit in one round.
pub fn report_card_page(round: String, unit: String) -> AnyView {
    view! { <ReportCard round unit /> }.into_any()
}

/// The unit's result and the round's report, or what is wrong.
fn unit_of(
    r: &Result<RoundReport, ScoringError>,
    unit: &str,
) -> Result<(RoundReport, UnitResult), String> {
    let r = r.as_ref().map_err(|e| format!("无法计算本轮结果：{e}"))?;
    let u = r
        .results
        .unit(unit)
        .cloned()
        .ok_or_else(|| format!("{}中没有单位「{unit}」。", r.round_name))?;
    Ok((r.clone(), u))
}

fn rank_text(u: &UnitResult, graded: usize) -> String {
    match u.rank {
        Some(k) => format!("第{k}名（共{graded}个已评定单位）"),
        None => "未评定（尚无评委评分）".into(),
    }
}

fn grade_text(u: &UnitResult) -> String {
    let g = u.grade.map(|g| g.label()).unwrap_or("未评定");
    if u.grade_notes.is_empty() {
        g.to_string()
    } else {
        format!("{g}（{}）", u.grade_notes.join("；"))
    }
}

/// One unit's breakdown: every assessor's points per indicator, what was dropped, the
/// aggregate, self-assessment, adjustments, total, grade, rank and type.
#[component]
fn ResultDetail(round: String, unit: String) -> impl IntoView {
    let report = report_memo(round.clone());
    let round = StoredValue::new(round);
    let unit = StoredValue::new(unit);
    // The editor sits outside the re-rendered breakdown so it keeps focus and input
    // when an adjustment changes the scores.
    let in_round = Memo::new(move |_| report.with(|r| unit_of(r, &unit.get_value()).is_ok()));
    let detail = move || {
        let found = report.with(|r| unit_of(r, &unit.get_value()));
        match found {
            Err(msg) => view! {
                <section>
                    <h1>"得分明细"</h1>
                    <p class="error" role="alert">{msg}</p>
                    <p><a href=Route::Results(Some(round.get_value())).href()>"返回排名"</a></p>
                </section>
            }
            .into_any(),
            Ok((r, u)) => {
                let basis = innovation_fact(&u.unit_id, r.year);
                let notes: Vec<(String, String)> = AppContext::get().state.with(|s| {
                    crate::domain::focused::evidence_notes(s, &round.get_value(), &u.unit_id)
                        .into_iter()
                        .filter(|(_, _, n)| !n.is_empty())
                        .map(|(_, name, n)| (name, n))
                        .collect()
                });
                detail_view(round.get_value(), r, u, basis, notes).into_any()
            }
        }
    };
    view! {
        {detail}
        {move || in_round.get().then(|| view! {
            <AdjustmentEditor round=round.get_value() unit=unit.get_value() />
        })}
    }
}

/// The form to record a bonus, deduction or veto item for a unit, and the unit's list
/// with a delete button each. Checks and changes are `domain::adjustments`.
#[component]
fn AdjustmentEditor(round: String, unit: String) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round);
    let uid = StoredValue::new(unit);
    let choices: Memo<Vec<ItemChoice>> = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.round(&rid.get_value())
                .and_then(|r| s.scheme(&r.scheme_id))
                .map(adjustments::item_choices)
                .unwrap_or_default()
        })
    });
    let recorded = Memo::new(move |_| {
        ctx.state
            .with(|s| adjustments::unit_adjustments(s, &rid.get_value(), &uid.get_value()))
    });
    let chosen = RwSignal::new(String::new());
    let count = RwSignal::new("1".to_string());
    let note = RwSignal::new(String::new());
    let chosen_kind = move || adjustments::parse_key(&chosen.get()).map(|(k, _)| k);
    let add = move |_| {
        let key = chosen.get_untracked();
        let Some((kind, item)) = adjustments::parse_key(&key) else {
            ctx.notice.set(Some(Notice::error(
                "请先在“项目”中选择一个加分、扣分或一票否决项目。",
            )));
            return;
        };
        let n = if kind == AdjustmentKind::Veto {
            Ok(1)
        } else {
            adjustments::parse_count(&count.get_untracked())
        };
        let n = match n {
            Ok(n) => n,
            Err(e) => {
                ctx.notice.set(Some(Notice::error(e.to_string())));
                return;
            }
        };
        let text = note.get_untracked();
        let name = choices
            .with_untracked(|c| c.iter().find(|c| c.key() == key).map(|c| c.name.clone()))
            .unwrap_or_default();
        let done = ctx.update("登记加减分", |s| {
            adjustments::add_adjustment(s, &rid.get_value(), &uid.get_value(), kind, item, n, &text)
        });
        if done.is_ok() {
            count.set("1".into());
            note.set(String::new());
            ctx.notice.set(Some(Notice::info(format!(
                "已登记{}“{name}”。",
                adjustments::kind_label(kind)
            ))));
        }
    };
    let group = |kind: AdjustmentKind| {
        move || {
            let items: Vec<ItemChoice> =
                choices.with(|c| c.iter().filter(|c| c.kind == kind).cloned().collect());
            (!items.is_empty()).then(|| {
                view! {
                    <optgroup label=adjustments::kind_label(kind)>
                        {items.into_iter().map(|c| {
                            let key = c.key();
                            view! { <option value=key>{c.label()}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            })
        }
    };
    view! {
        <section class="adjust-editor no-print">
            <fieldset>
                <legend>"加减分和一票否决"</legend>
                <div class="adjust-form">
                    <label class="field">
                        <span>"项目"</span>
                        <select prop:value=move || chosen.get() on:change=move |e| chosen.set(event_target_value(&e))>
                            <option value="">"（请选择）"</option>
                            {group(AdjustmentKind::Bonus)}
                            {group(AdjustmentKind::Deduction)}
                            {group(AdjustmentKind::Veto)}
                        </select>
                    </label>
                    {move || (chosen_kind() != Some(AdjustmentKind::Veto)).then(|| view! {
                        <label class="field field--narrow">
                            <span>"次数"</span>
                            <input type="number" min="1" max="99" step="1"
                                prop:value=move || count.get()
                                on:input=move |e| count.set(event_target_value(&e)) />
                        </label>
                    })}
                    <label class="field field--wide">
                        <span>"加减分说明"</span>
                        <input type="text" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e)) />
                    </label>
                    <button type="button" class="primary" on:click=add>"添加"</button>
                </div>
                {move || {
                    let list = recorded.get();
                    if list.is_empty() {
                        view! { <p class="muted">"本单位尚未登记加分、扣分或一票否决。"</p> }.into_any()
                    } else {
                        view! {
                            <ul class="adjust-list" aria-label="已登记的加减分">
                                {list.into_iter().map(|a| {
                                    let id = a.id.clone();
                                    let name = a.name.clone();
                                    let remove = move |_| {
                                        let id = id.clone();
                                        if ctx.update("删除加减分", |s| adjustments::remove_adjustment(s, &rid.get_value(), &id)).is_ok() {
                                            ctx.notice.set(Some(Notice::info(format!("已删除“{name}”，可用“撤销”恢复。"))));
                                        }
                                    };
                                    view! {
                                        <li>
                                            <span>{a.describe()}</span>" "
                                            <button type="button" on:click=remove>{format!("删除 {}", a.name)}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </fieldset>
        </section>
    }
}

/// What the 优秀 innovation condition finds for a unit in a year, in words (read from
/// the data, so recognising or withdrawing an outcome shows at once).
fn innovation_fact(unit_id: &str, year: u16) -> String {
    AppContext::get().state.with(|s| {
        outcomes::innovation_basis(s, unit_id, year)
            .unwrap_or_else(|| format!("{year}年度无经认定的创新成果"))
    })
}

fn detail_view(
    rid: String,
    r: RoundReport,
    u: UnitResult,
    basis: String,
    evidence: Vec<(String, String)>,
) -> impl IntoView {
    let graded = r.graded_count();
    let suggestion = r.type_of(&u.unit_id).cloned();
    let weight = r.self_weight_pct;
    let blend = if weight == 0 {
        "自评分仅供参考，不计入得分（自评权重为0）。".to_string()
    } else {
        format!(
            "每项得分 = 评委平均 × {}% + 自评分 × {weight}%；未填自评分的指标只按评委平均计。",
            100 - weight
        )
    };
    let c = &u.completeness;
    let completeness = if c.is_complete() {
        format!("已收到全部{}位评委的评分表，无空项。", c.expected_assessors)
    } else {
        format!(
            "评分不全：应有{}份评委评分表，已收到{}份，空项{}处，无人评分的指标{}项。",
            c.expected_assessors, c.received_assessors, c.blanks, c.unscored_indicators
        )
    };
    let sources: Vec<String> = u
        .indicators
        .first()
        .map(|i| {
            i.sources
                .iter()
                .map(|s| s.assessor_name.to_string())
                .collect()
        })
        .unwrap_or_default();
    let ranges = r.dimension_ranges();
    let dims = u
        .dimensions
        .iter()
        .zip(ranges)
        .map(|(d, range)| {
            let range = range.start.min(u.indicators.len())..range.end.min(u.indicators.len());
            let heads = sources
                .iter()
                .map(|s| view! { <th scope="col" class="num">{s.clone()}</th> })
                .collect_view();
            let body = u.indicators[range]
                .iter()
                .map(|ind| {
                    let cells = ind
                        .sources
                        .iter()
                        .map(|s| match (s.points, s.dropped) {
                            (None, _) => view! { <td class="num muted">"空"</td> }.into_any(),
                            (Some(p), Some(dr)) => view! {
                                <td class="num dropped" title=dr.label()>
                                    <s>{p.to_string()}</s>
                                    <span class="sr-only">{dropped_marker(dr)}</span>
                                </td>
                            }
                            .into_any(),
                            (Some(p), None) => {
                                view! { <td class="num">{p.to_string()}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    let selfp = ind
                        .self_points
                        .map(|p| p.to_string())
                        .unwrap_or_else(|| "—".into());
                    let agg = ind
                        .aggregate
                        .map(|a| a.to_string())
                        .unwrap_or_else(|| "0".into());
                    view! {
                        <tr>
                            <th scope="row">{ind.name.clone()}</th>
                            <td class="num">{ind.max.to_string()}</td>
                            {cells}
                            <td class="num">{selfp}</td>
                            <td class="num"><strong>{agg}</strong></td>
                            <td class="note">{ind.note.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{format!("{}（满分{}，得分{}）", d.name, d.full, d.subtotal)}</h3>
                <div class="table-wrap">
                    <table class="breakdown">
                        <thead>
                            <tr>
                                <th scope="col">"指标"</th>
                                <th scope="col" class="num">"满分"</th>
                                {heads}
                                <th scope="col" class="num">"自评"</th>
                                <th scope="col" class="num">"计入得分"</th>
                                <th scope="col">"计算说明"</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let bonus = if u.bonus_lines.is_empty() {
        view! { <p>"加分：无。"</p> }.into_any()
    } else {
        let capped =
            (u.bonus_before_cap != u.bonus).then(|| format!("，超过上限，按{}分计", u.bonus));
        view! {
            <p>{format!("加分合计{}分", u.bonus_before_cap)}{capped}"："</p>
            <ul>{u.bonus_lines.iter().map(|l| view! {
                <li>{format!("{}：{}分 × {}次 = {}分{}", l.name, l.points_each, l.count, l.points, note_suffix(&l.note))}</li>
            }).collect_view()}</ul>
        }
        .into_any()
    };
    let deductions = if u.deduction_lines.is_empty() {
        view! { <p>"扣分：无。"</p> }.into_any()
    } else {
        view! {
            <p>{format!("扣分合计{}分：", u.deductions)}</p>
            <ul>{u.deduction_lines.iter().map(|l| view! {
                <li>{format!("{}：{}分 × {}次 = {}分{}", l.name, l.points_each, l.count, l.points, note_suffix(&l.note))}</li>
            }).collect_view()}</ul>
        }
        .into_any()
    };
    let vetoes = (!u.vetoes.is_empty()).then(|| {
        view! {
            <p class="error">"一票否决（等次为不合格，不论得分）："</p>
            <ul>{u.vetoes.iter().map(|v| view! { <li>{format!("{}{}", v.name, note_suffix(&v.note))}</li> }).collect_view()}</ul>
        }
    });
    let formula = format!(
        "总分 = 指标合计{} + 加分{} − 扣分{} = {}（只在最后四舍五入保留两位小数）",
        u.raw_total, u.bonus, u.deductions, u.total
    );
    let title = format!("{}得分明细", u.unit_name);
    let card = Route::ReportCard {
        round: rid.clone(),
        unit: u.unit_id.clone(),
    }
    .href();
    view! {
        <section>
            <h1>{title}</h1>
            <p class="links">
                <a href=Route::Results(Some(rid.clone())).href()>{format!("返回{}排名", r.round_name)}</a>
                " · "
                <a href=card>"考评报告"</a>
            </p>
            <dl class="facts">
                <dt>"考评轮次"</dt><dd>{r.round_name.clone()}</dd>
                <dt>"总分"</dt><dd>{if u.graded { u.total.to_string() } else { "未评定".into() }}</dd>
                <dt>"等次"</dt><dd>{grade_text(&u)}</dd>
                <dt>"排名"</dt><dd>{rank_text(&u, graded)}</dd>
                <dt>"创新成果"</dt><dd>{basis}</dd>
                <dt>"评分情况"</dt><dd>{completeness}</dd>
                <dt>"自评"</dt><dd>{blend}</dd>
            </dl>
            <h2>"逐项得分"</h2>
            <p class="muted">"评委人数达到方案规定时，每项去掉一个最高分和一个最低分（划去并标注“去掉”）后取平均；空项不计入平均。"</p>
            {dims}
            <h2>"自评佐证说明"</h2>
            {if evidence.is_empty() {
                view! { <p class="muted">"单位未填写佐证说明。"</p> }.into_any()
            } else {
                view! {
                    <dl class="facts evidence-notes" aria-label="自评佐证说明">
                        {evidence.into_iter().map(|(name, note)| view! { <dt>{name}</dt><dd>{note}</dd> }).collect_view()}
                    </dl>
                }.into_any()
            }}
            <h2>"加分、扣分与一票否决"</h2>
            {bonus}
            {deductions}
            {vetoes}
            <p><strong>{formula}</strong></p>
            <h2>"类型"</h2>
            {match suggestion {
                Some(s) => view! { <TypeOverrideForm round_id=rid.clone() suggestion=s /> }.into_any(),
                None => view! { <p>"尚未评定，暂无类型建议。"</p> }.into_any(),
            }}
            <h2>"动态管理建议"</h2>
            <ProposalList round_id=rid.clone() unit_id=u.unit_id.clone() />
        </section>
    }
}

fn dropped_marker(d: Dropped) -> &'static str {
    match d {
        Dropped::Highest | Dropped::Lowest => "（去掉）",
    }
}

fn note_suffix(note: &str) -> String {
    if note.trim().is_empty() {
        String::new()
    } else {
        format!("（{note}）")
    }
}

/// The one-page report card: dimension scores against the round's average, the trend
/// over the years, grade, rank and type; printable on one A4 page.
#[component]
fn ReportCard(round: String, unit: String) -> impl IntoView {
    let ctx = AppContext::get();
    let report = report_memo(round.clone());
    let unit = StoredValue::new(unit);
    let round = StoredValue::new(round);
    let trend = Memo::new(move |_| {
        let year = report.with(|r| r.as_ref().map(|r| r.year).unwrap_or(0));
        ctx.state
            .with(|s| report::unit_trend(s, &unit.get_value(), year))
    });
    move || {
        let found = report.with(|r| unit_of(r, &unit.get_value()));
        match found {
            Err(msg) => view! {
                <section>
                    <h1>"考评报告"</h1>
                    <p class="error" role="alert">{msg}</p>
                    <p><a href=Route::Results(Some(round.get_value())).href()>"返回排名"</a></p>
                </section>
            }
            .into_any(),
            Ok((r, u)) => {
                let basis = innovation_fact(&u.unit_id, r.year);
                let rows = ctx
                    .state
                    .with(|s| outcomes::unit_outcomes_of_year(s, &u.unit_id, r.year));
                card_view(round.get_value(), r, u, trend.get(), basis, rows).into_any()
            }
        }
    }
}

fn card_view(
    rid: String,
    r: RoundReport,
    u: UnitResult,
    trend: Vec<report::TrendPoint>,
    basis: String,
    outcome_rows: Vec<outcomes::OutcomeRow>,
) -> impl IntoView {
    let dims = report::compare_dimensions(&r.results, &u.unit_id);
    let chart = report::bar_chart(&dims);
    let summary = report::comparison_summary(&dims);
    let line = report::trend_chart(&trend);
    let trend_summary = report::trend_summary(&trend);
    let t = r.type_of(&u.unit_id).cloned();
    // The report card is printed for the unit: the neutral wording, and only the type
    // that stands (the committee's internal words stay on its own screens).
    let type_text = t
        .as_ref()
        .map(|t| t.effective().public_label().to_string())
        .unwrap_or_else(|| "—".into());
    let reasons = t.map(|t| t.reasons).unwrap_or_default();
    let title = format!("{} {}年度考评报告", u.unit_name, r.year);
    let detail = Route::ResultDetail {
        round: rid.clone(),
        unit: u.unit_id.clone(),
    }
    .href();
    let graded = r.graded_count();
    view! {
        <section class="report-card">
            <h1>{title}</h1>
            <p class="links no-print">
                <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印"</button>
                " "
                <a href=detail>"得分明细"</a>
                " · "
                <a href=Route::Results(Some(rid)).href()>"返回排名"</a>
            </p>
            <dl class="facts facts--card">
                <dt>"考评轮次"</dt><dd>{r.round_name.clone()}</dd>
                <dt>"总分"</dt><dd>{if u.graded { u.total.to_string() } else { "未评定".into() }}</dd>
                <dt>"等次"</dt><dd>{grade_text(&u)}</dd>
                <dt>"排名"</dt><dd>{rank_text(&u, graded)}</dd>
                <dt>"类型"</dt><dd>{type_text}</dd>
                <dt>"创新成果"</dt><dd>{basis}</dd>
                <ResourcesFact unit_id=u.unit_id.clone() year=r.year />
            </dl>
            <h2>"各一级指标得分与本轮平均"</h2>
            <DimensionChart chart summary />
            <h2>"历年情况"</h2>
            <div class="card-trend">
                <table class="trend">
                    <thead><tr><th scope="col">"年度"</th><th scope="col" class="num">"总分"</th><th scope="col">"等次"</th><th scope="col" class="num">"排名"</th></tr></thead>
                    <tbody>
                        {trend.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{format!("{}年", p.year)}</th>
                                <td class="num">{p.total.map(|t| t.to_string()).unwrap_or_else(|| "未评定".into())}</td>
                                <td>{p.grade.map(|g| g.label()).unwrap_or("—")}</td>
                                <td class="num">{p.rank.map(|k| format!("{k}/{}", p.of)).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {match line {
                    Some(c) => view! { <TrendChart chart=c summary=trend_summary /> }.into_any(),
                    None => view! { <p class="muted">"只有一个年度的结果，暂无趋势。"</p> }.into_any(),
                }}
            </div>
            <h2>{format!("{}年度成果", r.year)}</h2>
            {if outcome_rows.is_empty() {
                view! { <p class="muted">"本年度没有登记成果。"</p> }.into_any()
            } else {
                view! {
                    <table class="card-outcomes">
                        <caption class="visually-hidden">"本年度成果"</caption>
                        <thead><tr>
                            <th scope="col">"成果名称"</th><th scope="col">"日期"</th><th scope="col">"类别"</th>
                            <th scope="col">"阶段"</th><th scope="col">"认定"</th>
                        </tr></thead>
                        <tbody>
                            {outcome_rows.into_iter().map(|o| view! {
                                <tr>
                                    <td>{o.title}</td><td>{o.date}</td><td>{o.kind.label()}</td>
                                    <td>{o.stage.label()}</td><td>{if o.recognised { text::RECOGNISED_INNOVATION } else { "—" }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {(!reasons.is_empty()).then(|| view! {
                <h2>"类型依据"</h2>
                <ul class="reasons">{reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}
