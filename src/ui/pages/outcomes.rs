//! 成果: the outcome library (every outcome across units and years, with search,
//! filters, sortable columns, a count line and a CSV export), registering an outcome,
//! and one outcome's page: its record, its dated history, a form for each step it can
//! take next and the undoing of a step with a reason. Rules and figures are
//! `domain::outcomes`; this file lays them out and dispatches through `AppContext`.

use leptos::prelude::*;

use crate::domain::outcomes::{
    count_line, days_feedback_to_promotion, edit_outcome, filter_outcomes, history, next_steps,
    outcome_sectors, outcome_years, outcomes_csv, outcomes_csv_name, register_outcome,
    sort_outcome_rows, stage, take_step, undo_step, undo_targets, OutcomeFilter, OutcomeInput,
    OutcomeRow, OutcomeSort, OutcomeSortKey, OutcomeStage, StepRequest, UndoTarget,
};
use crate::domain::{IncentiveKind, Innovation, Outcome, OutcomeKind, OutcomeStep};
use crate::route::Route;
use crate::ui::components::fields::{
    update_inline, ChoiceSelect, DateField, FormError, ReasonDialog, TextArea, TextField,
};
use crate::ui::components::outcome_form::{code, OutcomeForm};
use crate::ui::components::sort_header::SortHeader;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// (code, text) pairs for an enum's values.
fn choices<T: Copy + std::fmt::Debug>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t), label(*t).to_string()))
        .collect()
}

/// The value whose code is `c`, if any.
fn by_code<T: Copy + std::fmt::Debug>(all: &[T], c: &str) -> Option<T> {
    all.iter().copied().find(|t| code(*t) == c)
}

/// The units as (id, name) choices, in roster order.
fn unit_choices(ctx: AppContext) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        ctx.state.with(|s| {
            s.units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect()
        })
    })
}

/// The 成果 page: the library.
#[component]
pub fn OutcomesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let query = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let innovation = RwSignal::new(String::new());
    let stage_f = RwSignal::new(String::new());
    let recognised = RwSignal::new(String::new());
    let sort = RwSignal::new(OutcomeSort::default());

    let filter = Memo::new(move |_| OutcomeFilter {
        query: query.get(),
        unit_id: Some(unit.get()).filter(|u| !u.is_empty()),
        sector: Some(sector.get()).filter(|s| !s.is_empty()),
        year: year.get().parse().ok(),
        kind: by_code(&OutcomeKind::ALL, &kind.get()),
        innovation: by_code(&Innovation::ALL, &innovation.get()),
        stage: by_code(&OutcomeStage::ALL, &stage_f.get()),
        recognised: match recognised.get().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
    });
    let rows: Memo<Vec<OutcomeRow>> = Memo::new(move |_| {
        let f = filter.get();
        let mut rows = ctx.state.with(|s| filter_outcomes(s, &f));
        sort_outcome_rows(&mut rows, sort.get());
        rows
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.outcomes.len()));

    let sector_opts = Signal::derive(move || {
        ctx.state
            .with(outcome_sectors)
            .into_iter()
            .map(|s| (s.clone(), s))
            .collect()
    });
    let year_opts = Signal::derive(move || {
        ctx.state
            .with(outcome_years)
            .into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect()
    });
    let kind_opts = Signal::derive(|| choices(&OutcomeKind::ALL, OutcomeKind::label));
    let innovation_opts = Signal::derive(|| choices(&Innovation::ALL, Innovation::label));
    let stage_opts = Signal::derive(|| choices(&OutcomeStage::ALL, OutcomeStage::label));
    let recognised_opts = Signal::derive(|| {
        vec![
            ("yes".to_string(), "已认定".to_string()),
            ("no".to_string(), "未认定".to_string()),
        ]
    });

    let export = move |_| {
        let (name, text) = rows.with_untracked(|r| {
            (
                outcomes_csv_name(&crate::files::stamp(ctx.clock.now_ms())),
                outcomes_csv(r),
            )
        });
        ctx.notice.set(Some(
            match crate::files::download(&name, "text/csv;charset=utf-8", &text) {
                Ok(()) => Notice::info(format!(
                    "已导出成果清单“{name}”（{} 项），可用Excel或WPS打开。",
                    rows.with_untracked(Vec::len)
                )),
                Err(e) => Notice::error(format!("导出成果清单失败：{e}")),
            },
        ));
    };

    let registering = RwSignal::new(false);
    let register = Callback::new(move |input: OutcomeInput| {
        let now = ctx.now_iso();
        let title = input.title.trim().to_string();
        update_inline(ctx, "登记成果", |s| register_outcome(s, &input, &now)).map(|id| {
            ctx.notice.set(Some(Notice::info(format!(
                "已登记成果「{title}」。可打开该成果办理备案、反馈、认定和推广。"
            ))));
            registering.set(false);
            let _ = id;
        })
    });

    view! {
        <section class="outcomes">
            <h1>"成果"</h1>
            <p class="hint">"各单位历年的实践成果、制度成果和理论成果。办理顺序：登记 → 备案 → 反馈 → 认定为创新成果、本系统推广 → 市直机关推介；经认定的创新成果计入当年度“优秀”条件。"</p>
            <div class="filters" role="search" aria-label="查找成果">
                <TextField label="搜索成果" value=query search=true placeholder="成果名称或简介中的词" />
                <ChoiceSelect label="单位" options=unit_choices(ctx) value=unit all_label=text::ANY />
                <ChoiceSelect label="系统/行业" options=sector_opts value=sector all_label=text::ANY />
                <ChoiceSelect label="年度" options=year_opts value=year all_label=text::ANY />
                <ChoiceSelect label="类别" options=kind_opts value=kind all_label=text::ANY />
                <ChoiceSelect label="创新类型" options=innovation_opts value=innovation all_label=text::ANY />
                <ChoiceSelect label="阶段" options=stage_opts value=stage_f all_label=text::ANY />
                <ChoiceSelect label="认定" options=recognised_opts value=recognised all_label=text::ANY />
            </div>
            <p role="status">{move || count_line(total.get(), rows.with(Vec::len))}</p>
            <p class="no-print">
                <button type="button" on:click=export disabled=move || rows.with(Vec::is_empty)>"导出成果清单"</button>" "
                <button type="button" aria-expanded=move || registering.get().to_string()
                    on:click=move |_| registering.update(|r| *r = !*r)>"登记新成果"</button>
            </p>
            <Show when=move || registering.get()>
                <h2>"登记新成果"</h2>
                <OutcomeForm initial=OutcomeInput::blank(&ctx.today()) form_label="登记成果"
                    submit_label="登记" units=unit_choices(ctx) clear_after=true on_submit=register
                    on_cancel=Callback::new(move |_| registering.set(false)) />
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || if total.get() == 0 {
                    "还没有成果。可点“登记新成果”登记，或由单位在填报模式中登记后随回传文件报来。"
                } else { "没有符合条件的成果。" }}</p> }>
                <div class="table-wrap">
                    <table class="outcome-list">
                        <caption class="visually-hidden">"成果清单"</caption>
                        <thead><tr>
                            <SortHeader label="成果名称" key=OutcomeSortKey::Title sort />
                            <SortHeader label="单位" key=OutcomeSortKey::Unit sort />
                            <SortHeader label="日期" key=OutcomeSortKey::Date sort />
                            <SortHeader label="类别" key=OutcomeSortKey::Kind sort />
                            <th scope="col">"创新类型"</th>
                            <SortHeader label="阶段" key=OutcomeSortKey::Stage sort />
                            <SortHeader label="认定" key=OutcomeSortKey::Recognised sort />
                            <SortHeader label="反馈至推介天数" key=OutcomeSortKey::Days sort class="num" />
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| (r.id.clone(), r.rev)
                                children=move |r: OutcomeRow| view! {
                                    <tr>
                                        <td><a href=Route::Outcome(r.id.clone()).href()>{r.title.clone()}</a></td>
                                        <td>{r.unit_name.clone()}</td>
                                        <td>{r.date.clone()}</td>
                                        <td>{r.kind.label()}</td>
                                        <td>{r.innovations.clone()}</td>
                                        <td>{r.stage.label()}</td>
                                        <td>{if r.recognised { "已认定" } else { "—" }}</td>
                                        <td class="num">{r.days_to_promotion.map(|d| d.to_string()).unwrap_or_default()}</td>
                                    </tr>
                                } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// One outcome's page.
pub fn outcome_page(id: String) -> AnyView {
    view! { <OutcomePage id /> }.into_any()
}

#[component]
fn OutcomePage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    let outcome = Memo::new(move |_| {
        ctx.state
            .with(|s| s.outcomes.iter().find(|o| o.id == id.get_value()).cloned())
    });
    let exists = Memo::new(move |_| outcome.with(Option::is_some));
    view! {
        <Show when=move || exists.get() fallback=move || view! {
            <section>
                <h1>"找不到成果"</h1>
                <p>{format!("编号为“{}”的成果不存在，可能已被删除。", id.get_value())}</p>
                <p><a href=Route::Outcomes.href()>"返回成果库"</a></p>
            </section>
        }>
            <section class="outcome-page">
                <p class="no-print"><a href=Route::Outcomes.href()>"← 返回成果库"</a></p>
                {move || outcome.get().map(|o| record_view(ctx, &o))}
                <EditOutcome outcome=outcome />
                <div class="no-print">
                    <h2>"办理"</h2>
                    {move || {
                        let steps = outcome.with(|o| o.as_ref().map(next_steps).unwrap_or_default());
                        steps.into_iter().map(|s| view! {
                            <StepForm outcome_id=id.get_value() step=s />
                        }).collect_view()
                    }}
                    <UndoControls outcome=outcome />
                </div>
            </section>
        </Show>
    }
}

/// The record and the history of an outcome.
fn record_view(ctx: AppContext, o: &Outcome) -> impl IntoView {
    let dash = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    let (unit_name, sector, lines) = ctx.state.with_untracked(|s| {
        let u = s.unit(&o.unit_id);
        (
            u.map(|u| u.name.clone())
                .unwrap_or_else(|| o.unit_id.clone()),
            u.map(|u| u.sector.clone()).unwrap_or_default(),
            history(s, o),
        )
    });
    let innovations = o
        .innovations
        .iter()
        .map(|i| i.label())
        .collect::<Vec<_>>()
        .join("、");
    let filed = o
        .filed_on
        .as_ref()
        .map(|d| format!("{d}，备案编号 {}", dash(&o.path.filing_no)))
        .unwrap_or_else(|| "未备案".into());
    let feedback = o
        .feedback_on
        .as_ref()
        .map(|d| format!("{d}：{}", dash(&o.path.feedback)))
        .unwrap_or_else(|| "未反馈".into());
    let recognised = if o.recognised {
        let mut t = text::RECOGNISED_INNOVATION.to_string();
        if let Some(d) = &o.path.recognised_on {
            t.push_str(&format!("（{d}"));
            if !o.path.recognition_doc_no.is_empty() {
                t.push_str(&format!("，{}", o.path.recognition_doc_no));
            }
            t.push('）');
        }
        t
    } else {
        "未认定".to_string()
    };
    let promotion = match (&o.promoted_on, o.path.system_on.as_ref()) {
        (Some(d), Some(sys)) if o.promotion == crate::domain::PromotionStage::Municipal => {
            format!("{}（{d}；本系统推广 {sys}）", o.promotion.label())
        }
        (Some(d), _) => format!("{}（{d}）", o.promotion.label()),
        (None, _) => o.promotion.label().to_string(),
    };
    let days = days_feedback_to_promotion(o)
        .map(|d| format!("{d} 天"))
        .unwrap_or_else(|| "—（尚未推介）".into());
    let evidence = o.evidence.clone();
    let incentives = o.path.incentives.clone();
    let legacy_incentive = o.incentive.clone();
    view! {
        <h1>{o.title.clone()}</h1>
        <dl class="facts">
            <dt>"所属单位"</dt><dd>{unit_name}</dd>
            <dt>"系统/行业"</dt><dd>{dash(&sector)}</dd>
            <dt>"成果日期"</dt><dd>{o.date.clone()}</dd>
            <dt>"成果类别"</dt><dd>{o.kind.label()}</dd>
            <dt>"创新类型"</dt><dd>{dash(&innovations)}</dd>
            <dt>"成果简介"</dt><dd>{dash(&o.description)}</dd>
            <dt>"佐证材料"</dt><dd>{if evidence.is_empty() {
                view! { "—" }.into_any()
            } else {
                view! { <ul class="evidence">{evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> }.into_any()
            }}</dd>
            <dt>"当前阶段"</dt><dd>{stage(o).label()}</dd>
            <dt>"备案"</dt><dd>{filed}</dd>
            <dt>"反馈"</dt><dd>{feedback}</dd>
            <dt>"认定"</dt><dd>{recognised}</dd>
            <dt>"推广"</dt><dd>{promotion}</dd>
            <dt>"反馈至推介"</dt><dd>{days}</dd>
            <dt>"表彰/奖励"</dt><dd>{if incentives.is_empty() && legacy_incentive.is_empty() {
                view! { "—" }.into_any()
            } else {
                view! { <ul class="incentives">
                    {(!legacy_incentive.is_empty()).then(|| view! { <li>{legacy_incentive.clone()}</li> })}
                    {incentives.into_iter().map(|i| view! {
                        <li>{format!("{}：{}（{}，{}）", i.kind.label(), i.what, i.date, i.doc_no)}</li>
                    }).collect_view()}
                </ul> }.into_any()
            }}</dd>
        </dl>
        <h2>"成果履历"</h2>
        <table class="history">
            <caption class="visually-hidden">"成果履历"</caption>
            <thead><tr>
                <th scope="col">"日期"</th><th scope="col">"事项"</th><th scope="col">"办理"</th>
                <th scope="col">"编号/文号"</th><th scope="col">"说明"</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr class=if l.undo { "history__undo" } else { "" }>
                        <td>{if l.date.is_empty() { "日期不详".to_string() } else { l.date }}</td>
                        <td>{l.what}</td><td>{l.by}</td><td>{dash(&l.doc_no)}</td><td>{dash(&l.note)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The form for one step an outcome can take next.
#[component]
fn StepForm(outcome_id: String, step: OutcomeStep) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(ctx.today());
    let doc_no = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let incentive_kind = RwSignal::new(code(IncentiveKind::Commendation));
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(outcome_id);
    let (form_label, date_label, button) = match step {
        OutcomeStep::File => ("备案", "备案日期", "备案"),
        OutcomeStep::Feedback => ("反馈", "反馈日期", "反馈"),
        OutcomeStep::Recognise => ("认定为创新成果", "认定日期", "认定"),
        OutcomeStep::PromoteSystem => ("本系统推广", "推广日期", "本系统推广"),
        OutcomeStep::PromoteMunicipal => ("市直机关推介", "推介日期", "市直机关推介"),
        OutcomeStep::Incentive => ("表彰/奖励", "表彰/奖励日期", "记录表彰/奖励"),
        OutcomeStep::Register => ("登记", "登记日期", "登记"),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = date.get_untracked();
        let req = match step {
            OutcomeStep::File => StepRequest::File {
                date: d,
                filing_no: doc_no.get_untracked(),
            },
            OutcomeStep::Feedback => StepRequest::Feedback {
                date: d,
                text: text.get_untracked(),
            },
            OutcomeStep::Recognise => StepRequest::Recognise {
                date: d,
                doc_no: doc_no.get_untracked(),
            },
            OutcomeStep::Incentive => StepRequest::Incentive {
                kind: by_code(&IncentiveKind::ALL, &incentive_kind.get_untracked())
                    .unwrap_or(IncentiveKind::Commendation),
                what: text.get_untracked(),
                date: d,
                doc_no: doc_no.get_untracked(),
            },
            _ => StepRequest::Promote { date: d },
        };
        let now = ctx.now_iso();
        match update_inline(ctx, form_label, |s| {
            take_step(s, &id.get_value(), &req, &now)
        }) {
            Ok(done) => {
                error.set(None);
                doc_no.set(String::new());
                text.set(String::new());
                ctx.notice.set(Some(Notice::info(format!(
                    "已办理“{}”，并记入成果履历。",
                    done.label()
                ))));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let incentive_opts = Signal::derive(|| choices(&IncentiveKind::ALL, IncentiveKind::label));
    view! {
        <form class="step-form" aria-label=form_label on:submit=submit>
            <h3>{form_label}</h3>
            <DateField label=date_label value=date />
            {match step {
                OutcomeStep::File => view! {
                    <TextField label="备案编号" value=doc_no required=true placeholder="如 备〔2026〕15号" />
                }.into_any(),
                OutcomeStep::Feedback => view! {
                    <TextArea label="反馈意见" value=text />
                }.into_any(),
                OutcomeStep::Recognise => view! {
                    <TextField label="认定文号" value=doc_no required=true placeholder=text::DOC_NO_EXAMPLE />
                }.into_any(),
                OutcomeStep::Incentive => view! {
                    <ChoiceSelect label="表彰/奖励类别" options=incentive_opts value=incentive_kind />
                    <TextField label="表彰/奖励内容" value=text required=true wide=true />
                    <TextField label="表彰/奖励文号" value=doc_no required=true />
                }.into_any(),
                _ => ().into_any(),
            }}
            <div class="form-actions"><button type="submit">{button}</button></div>
            <FormError error />
        </form>
    }
}

/// A button for each step that can be undone; each asks for a reason first.
#[component]
fn UndoControls(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let ctx = AppContext::get();
    let open = RwSignal::new(false);
    let target = RwSignal::new(None::<(UndoTarget, String)>);
    let targets = Memo::new(move |_| {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| {
                    undo_targets(o)
                        .into_iter()
                        .map(|t| (t, t.label(o)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let title = Signal::derive(move || {
        target
            .get()
            .map(|(_, l)| format!("确认{l}"))
            .unwrap_or_default()
    });
    let label = Signal::derive(move || target.get().map(|(_, l)| l).unwrap_or_default());
    let message = Signal::derive(move || {
        let grade = target
            .get()
            .is_some_and(|(t, _)| t == UndoTarget::Recognise);
        let mut m = "撤销后，这一步及撤销理由都会保留在成果履历中。".to_string();
        if grade {
            m.push_str(
                "撤销认定后，该成果不再计入当年度“优秀”所需的创新成果，相关考评结果会随之变化。",
            );
        }
        m
    });
    let confirm = Callback::new(move |reason: String| {
        let Some((t, l)) = target.get_untracked() else {
            return Ok(());
        };
        let Some(id) = outcome.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) else {
            return Ok(());
        };
        let now = ctx.now_iso();
        let today = ctx.today();
        update_inline(ctx, &l, |s| undo_step(s, &id, t, &today, &reason, &now)).map(|_| {
            ctx.notice
                .set(Some(Notice::info(format!("已{l}，理由已记入成果履历。"))));
        })
    });
    view! {
        <Show when=move || !targets.with(Vec::is_empty)>
            <h3>"撤销办理"</h3>
            <p class="hint">"办错或情况变化时可撤销最近的一步，须写明理由。"</p>
            <p class="undo-actions">
                {move || targets.get().into_iter().map(|(t, l)| {
                    let l2 = l.clone();
                    view! {
                        <button type="button" class="danger" on:click=move |_| {
                            target.set(Some((t, l2.clone())));
                            open.set(true);
                        }>{l}</button>" "
                    }
                }).collect_view()}
            </p>
        </Show>
        <ReasonDialog open title message reason_label="撤销理由" confirm_label=label on_confirm=confirm />
    }
}

/// 修改成果: the record's form, opened by a button.
#[component]
fn EditOutcome(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let ctx = AppContext::get();
    let editing = RwSignal::new(false);
    let save = Callback::new(move |input: OutcomeInput| {
        let Some(id) = outcome.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) else {
            return Ok(());
        };
        let now = ctx.now_iso();
        update_inline(ctx, text::EDIT_OUTCOME, |s| {
            edit_outcome(s, &id, &input, &now)
        })
        .map(|_| {
            ctx.notice.set(Some(Notice::info(text::OUTCOME_SAVED)));
            editing.set(false);
        })
    });
    view! {
        <p class="no-print">
            <button type="button" aria-expanded=move || editing.get().to_string()
                on:click=move |_| editing.update(|e| *e = !*e)>{text::EDIT_OUTCOME}</button>
        </p>
        {move || (editing.get()).then(|| outcome.get_untracked().map(|o| view! {
            <OutcomeForm initial=OutcomeInput::from_outcome(&o) form_label=text::EDIT_OUTCOME submit_label=text::SAVE_CHANGES
                units=unit_choices(ctx) on_submit=save on_cancel=Callback::new(move |_| editing.set(false)) />
        }))}
    }
}
