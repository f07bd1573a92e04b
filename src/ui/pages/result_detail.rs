//! One unit's breakdown in a round: every assessor's points per indicator, what was
//! dropped, the aggregate, adjustments (recorded here), total, grade, rank and type.

use leptos::prelude::*;

use crate::domain::adjustments::{self, ItemChoice, RecordedAdjustment};
use crate::domain::report::RoundReport;
use crate::domain::scoring::{Dropped, IndicatorResult, UnitCompleteness, UnitResult};
use crate::domain::AdjustmentKind;
use crate::route::Route;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::focus_when_drawn;
use crate::ui::components::proposals::ProposalList;
use crate::ui::components::type_override::TypeOverrideForm;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

use crate::ui::components::round_report::{
    grade_text, innovation_fact, report_memo, unit_of, PublicationNote,
};

/// How one unit's total was made.
pub fn result_detail_page(round: String, unit: String) -> AnyView {
    view! { <ResultDetail round unit /> }.into_any()
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
                let remarks = AppContext::get().state.with(|s| {
                    crate::domain::comments::assessor_comments(s, &round.get_value(), &u.unit_id)
                });
                // On paper, a breakdown not published (or changed since) says so, as
                // the ranking and the report card do.
                let (mark, changed) = AppContext::get().state.with(|s| {
                    let x = s.round(&round.get_value());
                    (
                        x.and_then(|x| {
                            crate::domain::publishing::unit_draft_mark(
                                x,
                                Some(&r.results),
                                &u.unit_id,
                            )
                        }),
                        // On screen too, once published: the unit was given other figures.
                        x.and_then(|x| {
                            crate::domain::publishing::unit_changed_note(
                                x,
                                Some(&r.results),
                                &u.unit_id,
                            )
                        }),
                    )
                });
                detail_view(
                    round.get_value(),
                    r,
                    u,
                    basis,
                    notes,
                    remarks,
                    (mark, changed),
                )
                .into_any()
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

/// The id of the adjustment form's 项目 list.
const ADJUST_ITEM_ID: &str = "adjust-item";

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
    let f = AdjustForm {
        ctx,
        rid,
        uid,
        choices,
        chosen: RwSignal::new(String::new()),
        count: RwSignal::new("1".to_string()),
        note: RwSignal::new(String::new()),
        veto_open: RwSignal::new(false),
    };
    let AdjustForm {
        chosen,
        count,
        note,
        ..
    } = f;
    let chosen_kind = move || adjustments::parse_key(&chosen.get()).map(|(k, _)| k);
    // Deleting one is asked first; the keyboard then goes to the 项目 list above.
    let removing = RwSignal::new(None::<RecordedAdjustment>);
    let remove_open = RwSignal::new(false);
    let remove_message = Signal::derive(move || {
        removing.with(|a| {
            a.as_ref()
                .map(|a| {
                    let effect = ctx.state.with_untracked(|s| {
                        adjustments::removal_effect(s, &rid.get_value(), &a.id)
                    });
                    remove_question(a, effect)
                })
                .unwrap_or_default()
        })
    });
    let remove = Callback::new(move |_| {
        let Some(a) = removing.get_untracked() else {
            return;
        };
        removing.set(None);
        if ctx
            .update("删除加减分", |s| {
                adjustments::remove_adjustment(s, &rid.get_value(), &a.id)
            })
            .is_ok()
        {
            ctx.notice.set(Some(Notice::info(format!(
                "已删除“{}”，可用“撤销”恢复。",
                a.name
            ))));
            focus_when_drawn(ADJUST_ITEM_ID);
        }
    });
    view! {
        <section class="adjust-editor no-print">
            <fieldset>
                <legend>"加减分和一票否决"</legend>
                <div class="adjust-form">
                    <label class="field">
                        <span>"项目"</span>
                        <select id=ADJUST_ITEM_ID prop:value=move || chosen.get() on:change=move |e| chosen.set(event_target_value(&e))>
                            <option value="">"（请选择）"</option>
                            {item_group(choices, AdjustmentKind::Bonus)}
                            {item_group(choices, AdjustmentKind::Deduction)}
                            {item_group(choices, AdjustmentKind::Veto)}
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
                    <button type="button" class="primary" on:click=move |_| f.ask_or_add()>"添加"</button>
                </div>
                {move || recorded_list(removing, remove_open, recorded.get())}
            </fieldset>
            <ConfirmDialog open=f.veto_open title="确认一票否决" message=Signal::derive(move || f.veto_message())
                confirm_label="登记一票否决" on_confirm=Callback::new(move |_| f.add()) />
            <ConfirmDialog open=remove_open title="确认删除加减分" message=remove_message
                confirm_label="删除" on_confirm=remove />
        </section>
    }
}

/// The adjustment form's state: the round and unit, the scheme's items and what is typed.
#[derive(Clone, Copy)]
struct AdjustForm {
    ctx: AppContext,
    rid: StoredValue<String>,
    uid: StoredValue<String>,
    choices: Memo<Vec<ItemChoice>>,
    chosen: RwSignal<String>,
    count: RwSignal<String>,
    note: RwSignal<String>,
    /// The confirmation of a veto is open.
    veto_open: RwSignal<bool>,
}

impl AdjustForm {
    /// 添加: a veto is confirmed first (it decides the grade whatever the scores).
    fn ask_or_add(self) {
        let veto = adjustments::parse_key(&self.chosen.get_untracked())
            .is_some_and(|(k, _)| k == AdjustmentKind::Veto);
        if veto {
            self.veto_open.set(true);
        } else {
            self.add();
        }
    }

    /// What the veto's confirmation says: whom, which item, what follows.
    fn veto_message(self) -> String {
        let key = self.chosen.get();
        let item = self
            .choices
            .with(|c| c.iter().find(|c| c.key() == key).map(|c| c.name.clone()))
            .unwrap_or_default();
        let unit = self.ctx.state.with(|s| {
            s.unit(&self.uid.get_value())
                .map(|u| u.name.clone())
                .unwrap_or_default()
        });
        format!(
            "为「{unit}」登记一票否决项目“{item}”：本轮等次将定为不合格，不论得分；已授牌的示范点还会出现摘牌建议。登记错了可点“撤销”，或在下面的列表中删除。"
        )
    }

    /// Records the chosen item (once for a veto), or says what is missing.
    fn add(self) {
        let ctx = self.ctx;
        let key = self.chosen.get_untracked();
        let Some((kind, item)) = adjustments::parse_key(&key) else {
            ctx.notice.set(Some(Notice::error(
                "请先在“项目”中选择一个加分、扣分或一票否决项目。",
            )));
            return;
        };
        let n = if kind == AdjustmentKind::Veto {
            Ok(1)
        } else {
            adjustments::parse_count(&self.count.get_untracked())
        };
        let n = match n {
            Ok(n) => n,
            Err(e) => {
                ctx.notice.set(Some(Notice::error(e.to_string())));
                return;
            }
        };
        let text = self.note.get_untracked();
        let name = self
            .choices
            .with_untracked(|c| c.iter().find(|c| c.key() == key).map(|c| c.name.clone()))
            .unwrap_or_default();
        let (rid, uid) = (self.rid.get_value(), self.uid.get_value());
        let done = ctx.update("登记加减分", |s| {
            adjustments::add_adjustment(s, &rid, &uid, kind, item, n, &text)
        });
        if done.is_ok() {
            self.count.set("1".into());
            self.note.set(String::new());
            ctx.notice.set(Some(Notice::info(format!(
                "已登记{}“{name}”。",
                adjustments::kind_label(kind)
            ))));
        }
    }
}

/// The scheme's items of one kind, as an option group (none when it has none).
fn item_group(
    choices: Memo<Vec<ItemChoice>>,
    kind: AdjustmentKind,
) -> impl Fn() -> Option<AnyView> {
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
            .into_any()
        })
    }
}

/// What deleting adjustment `a` changes, asked first (a clerk's review: one stray Enter
/// on 删除 took a 一票否决 away, and the grade and a status proposal with it, unasked,
/// while adding it asked).
/// `effect`: what it does to the total, grade and rank (`adjustments::removal_effect`;
/// a clerk's review: "总分随之重算" at the 良好 line said nothing of the grade).
fn remove_question(a: &RecordedAdjustment, effect: Option<String>) -> String {
    let effect = effect
        .map(|e| format!("删除后{e}。"))
        .unwrap_or_else(|| "本单位的总分随之重算。".to_string());
    let veto = if a.kind == AdjustmentKind::Veto {
        "因此提出的状态变更建议（如有）也随之撤回。"
    } else {
        ""
    };
    format!(
        "删除已登记的{}？{effect}{veto}删错了可点“撤销”恢复。",
        a.describe()
    )
}

/// The unit's recorded adjustments, each with its delete button (asked first).
fn recorded_list(
    removing: RwSignal<Option<RecordedAdjustment>>,
    open: RwSignal<bool>,
    list: Vec<RecordedAdjustment>,
) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">"本单位尚未登记加分、扣分或一票否决。"</p> }.into_any();
    }
    view! {
        <ul class="adjust-list" aria-label="已登记的加减分">
            {list.into_iter().map(|a| {
                let name = format!("删除 {}", a.name);
                let line = a.describe();
                view! {
                    <li>
                        <span>{line}</span>" "
                        <button type="button" on:click=move |_| {
                            removing.set(Some(a.clone()));
                            open.set(true);
                        }>{name}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn blend_text(weight: u8) -> String {
    if weight == 0 {
        "自评分仅供参考，不计入得分（自评权重为0）。".to_string()
    } else {
        format!(
            "每项得分 = 评委平均 × {}% + 自评分 × {weight}%；未填自评分的指标只按评委平均计。",
            100 - weight
        )
    }
}

fn completeness_text(c: &UnitCompleteness, min_assessors: u8, missing: &[String]) -> String {
    let short = if crate::domain::report::short_of(c, min_assessors) {
        format!(
            "评委不足：考评方案要求至少{min_assessors}位评委，本单位只有{}位。",
            c.expected_assessors
        )
    } else {
        String::new()
    };
    if c.is_complete() {
        format!(
            "已收到全部{}位评委的评分表，无空项。{short}",
            c.expected_assessors
        )
    } else {
        // Whose sheet is missing, by name (a clerk's re-test: the column was simply
        // absent from the tables below).
        let whose = if missing.is_empty() {
            String::new()
        } else {
            format!("（未评：{}）", missing.join("、"))
        };
        format!(
            "评分不全：应有{}份评委评分表，已收到{}份{whose}，空项{}处，无人评分的指标{}项。{short}",
            c.expected_assessors, c.received_assessors, c.blanks, c.unscored_indicators
        )
    }
}

/// One table per dimension: every assessor's points per indicator, what was dropped,
/// the self-assessment and the aggregate.
fn dimension_tables(r: &RoundReport, u: &UnitResult) -> impl IntoView {
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
    u.dimensions
        .iter()
        .zip(ranges)
        .map(|(d, range)| {
            let range = range.start.min(u.indicators.len())..range.end.min(u.indicators.len());
            let heads = sources
                .iter()
                .map(|s| view! { <th scope="col" class="num">{s.clone()}</th> })
                .collect_view();
            let body = u.indicators[range].iter().map(indicator_row).collect_view();
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
        .collect_view()
}

fn indicator_row(ind: &IndicatorResult) -> impl IntoView {
    let cells = ind
        .sources
        .iter()
        .map(|s| match (s.points, s.dropped) {
            (None, _) => view! { <td class="num muted">"空"</td> }.into_any(),
            (Some(p), Some(dr)) => view! {
                <td class="num dropped" title=dr.label()>
                    <s>{p.to_string()}</s>
                    // Seen on screen and on paper, as the note above the table says.
                    <span class="dropped-mark">{dropped_marker(dr)}</span>
                </td>
            }
            .into_any(),
            (Some(p), None) => view! { <td class="num">{p.to_string()}</td> }.into_any(),
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
}

/// Bonus and deduction lines, vetoes and the total's formula.
fn adjustment_lines(u: &UnitResult) -> impl IntoView {
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
    view! {
        {bonus}
        {deductions}
        {vetoes}
        <p><strong>{formula}</strong></p>
    }
}

/// Named notes as a definition list labelled `label`, or `none` when there are none:
/// the unit's 佐证说明 by indicator, the assessors' 评语 (for the committee only; the
/// unit's report card carries none).
fn notes_view(notes: Vec<(String, String)>, label: &'static str, none: &'static str) -> AnyView {
    if notes.is_empty() {
        view! { <p class="muted">{none}</p> }.into_any()
    } else {
        view! {
            <dl class="facts evidence-notes" aria-label=label>
                {notes.into_iter().map(|(name, note)| view! { <dt>{name}</dt><dd>{note}</dd> }).collect_view()}
            </dl>
        }.into_any()
    }
}

fn detail_view(
    rid: String,
    r: RoundReport,
    u: UnitResult,
    basis: String,
    evidence: Vec<(String, String)>,
    remarks: Vec<(String, String)>,
    (mark, changed): (Option<&'static str>, Option<String>),
) -> impl IntoView {
    let suggestion = r.type_of(&u.unit_id).cloned();
    let blend = blend_text(r.self_weight_pct);
    let missing: Vec<String> = AppContext::get().state.with_untracked(|s| {
        let round = s.round(&rid);
        u.completeness
            .missing_assessors
            .iter()
            .map(|id| {
                round
                    .and_then(|x| x.assessors.iter().find(|a| &a.id == id))
                    .map_or_else(|| id.clone(), |a| a.name.clone())
            })
            .collect()
    });
    let completeness = completeness_text(&u.completeness, r.min_assessors, &missing);
    let dims = dimension_tables(&r, &u);
    // The number named, for a check by hand (a clerk's review: 方案规定的个数 sent them
    // to the scheme to find it).
    let at = AppContext::get().state.with_untracked(|s| {
        s.round(&rid)
            .and_then(|x| s.scheme(&x.scheme_id))
            .map(|sc| sc.aggregation.trim_min_assessors)
    });
    // A panel split wide: the grade, and the proposal below, hang on who sat on it.
    let split = AppContext::get().state.with_untracked(|s| {
        s.round(&rid)
            .and_then(|x| s.scheme(&x.scheme_id))
            .and_then(|sc| crate::domain::consistency::panel_split(&u, sc.full_points()))
    });
    let trim_rule = match at {
        Some(n) => format!("某项的评委评分（空项不计）达到{n}个时，去掉一个最高分和一个最低分（划去并标注“去掉”）后取平均；不足{n}个时直接取平均。"),
        None => "某项的评委评分（空项不计）达到方案规定的个数时，去掉一个最高分和一个最低分（划去并标注“去掉”）后取平均；不足时直接取平均。".to_string(),
    };
    let title = format!("{}得分明细", u.unit_name);
    let card = Route::ReportCard {
        round: rid.clone(),
        unit: u.unit_id.clone(),
    }
    .href();
    view! {
        <section class="result-detail">
            <h1>{title}{mark.map(|m| view! { <span class="print-only draft-mark">{m}</span> })}</h1>
            <PublicationNote note=Signal::derive(move || changed.clone()) />
            <p class="print-only print-internal" role="note">{text::INTERNAL_PRINT_NOTE}</p>
            <p class="links no-print">
                <a href=Route::Results(Some(rid.clone())).href()>{format!("返回{}排名", r.round_name)}</a>
                " · "
                <a href=card>"考评报告"</a>
            </p>
            <dl class="facts">
                <dt>"考评轮次"</dt><dd>{r.round_name.clone()}</dd>
                <dt>"总分"</dt><dd>{if u.graded { u.total.to_string() } else { "未评定".into() }}</dd>
                <dt>"等次"</dt><dd>{grade_text(&u)}</dd>
                <dt>"排名"</dt><dd>{r.results.rank_words(&u.unit_id)}</dd>
                <dt>"创新成果"</dt><dd>{basis}</dd>
                <dt>"评分情况"</dt><dd>{completeness}</dd>
                <dt>"自评"</dt><dd>{blend}</dd>
            </dl>
            {split.map(|sp| view! {
                <p class="warning" role="note">{format!(
                    "评委评分分歧较大：{}。等次和下面的状态建议可能取决于个别评委，请核实后再定（考评轮次页的“评委评分一致性”列出各评委的偏离情况）。",
                    sp.describe()
                )}</p>
            })}
            <h2>"逐项得分"</h2>
            <p class="muted">{trim_rule}</p>
            {dims}
            <h2>"自评佐证说明"</h2>
            {notes_view(evidence, "自评佐证说明", "单位未填写佐证说明。")}
            <h2>"评委评语"</h2>
            {notes_view(remarks, "评委评语", "评委没有写评语。")}
            <h2>"加分、扣分与一票否决"</h2>
            {adjustment_lines(&u)}
            // The committee's own judgements (类型, 处理建议): never on paper that may
            // reach the unit.
            <div class="no-print">
                <h2>"类型"</h2>
                {match suggestion {
                    Some(s) => view! { <TypeOverrideForm round_id=rid.clone() suggestion=s /> }.into_any(),
                    None => view! { <p>"尚未评定，暂无类型建议。"</p> }.into_any(),
                }}
                <h2>{text::LIFECYCLE_PROPOSALS}</h2>
                <ProposalList round_id=rid.clone() unit_id=u.unit_id.clone() />
            </div>
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
