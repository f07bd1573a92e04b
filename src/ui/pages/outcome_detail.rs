//! One outcome's page: its record, its dated history, a form for each step it can take
//! next, and the undoing of a step with a reason. Rules are `domain::outcomes`.

use leptos::prelude::*;

use crate::ui::components::gone_drafts::TextOfGoneRecord;

use crate::domain::outcomes::{
    days_feedback_to_promotion, delete_outcome, grade_change_if_step, history, labels, next_steps,
    stage, take_step, undo_step, undo_targets, OutcomeInput, StepRequest, UndoTarget,
};
use crate::domain::{IncentiveKind, Outcome, OutcomeStep};
use crate::route::Route;
use crate::ui::components::between::unit_options;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    update_form, update_inline, ChoiceSelect, DateField, FormError, FormFaults, ReasonDialog,
    Refusal, TextArea, TextField,
};
use crate::ui::components::outcome_form::{by_code, choices, code, save_outcome_edit, OutcomeForm};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

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
                <p>{text::record_gone("成果")}</p>
                <TextOfGoneRecord id=id.get_value() />
                <p><a href=Route::Outcomes.href()>"返回成果库"</a></p>
            </section>
        }>
            <section class="outcome-page">
                <p class="no-print"><a href=Route::Outcomes.href()>"← 返回成果库"</a></p>
                {move || outcome.get().map(|o| record_view(ctx, &o))}
                <EditOutcome outcome=outcome />
                <DeleteOutcome outcome=outcome />
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
    let faults = FormFaults::new();
    let error = faults.error;
    let id = StoredValue::new(outcome_id);
    // A refusal here is about the outcome as it stood: once another form changes it
    // (another step taken, 修改成果), the old message no longer holds and goes.
    let rev = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.outcomes
                .iter()
                .find(|o| o.id == id.get_value())
                .map(|o| o.meta.rev)
        })
    });
    Effect::new(move |seen: Option<Option<u32>>| {
        let now = rev.get();
        if seen.is_some_and(|was| was != now) {
            faults.clear();
        }
        now
    });
    let date_label = labels::step_date(step);
    let (form_label, button) = match step {
        OutcomeStep::File => ("备案", "备案"),
        OutcomeStep::Feedback => ("反馈", "反馈"),
        OutcomeStep::Recognise => ("认定为创新成果", "认定"),
        OutcomeStep::PromoteSystem => ("本系统推广", "本系统推广"),
        OutcomeStep::PromoteMunicipal => ("市直机关推介", "市直机关推介"),
        OutcomeStep::Incentive => ("表彰/奖励", "记录表彰/奖励"),
        OutcomeStep::Register => ("登记", "登记"),
    };
    let take = move |req: StepRequest| {
        let now = ctx.now();
        match update_form(ctx, form_label, |s| {
            take_step(s, &id.get_value(), &req, &now)
        }) {
            Ok(done) => {
                faults.clear();
                doc_no.set(String::new());
                text.set(String::new());
                ctx.notice.set(Some(Notice::info(format!(
                    "已办理“{}”，并记入成果履历。",
                    done.label()
                ))));
            }
            Err(e) => faults.refuse(e),
        }
    };
    let confirming = RwSignal::new(false);
    let confirm_message = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<StepRequest>);
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
        // A 认定 that moves the unit's grade is confirmed first, naming the grade and
        // whether the round was published, as 撤销认定 is (a clerk's review: a
        // published 良好 became 优秀 with nothing said).
        let now = ctx.now();
        let change = ctx
            .state
            .with_untracked(|s| grade_change_if_step(s, &id.get_value(), &req, &now));
        match change {
            Err(e) => faults.refuse(Refusal::of(&e)),
            Ok(Some(c)) if c.moves() => {
                let unit = ctx.state.with_untracked(|s| {
                    s.outcomes
                        .iter()
                        .find(|o| o.id == id.get_value())
                        .map(|o| crate::domain::between_rounds::unit_name(s, &o.unit_id))
                        .unwrap_or_default()
                });
                confirm_message.set(c.sentence(&unit));
                pending.set_value(Some(req));
                confirming.set(true);
            }
            Ok(_) => take(req),
        }
    };
    let on_confirm = Callback::new(move |()| {
        if let Some(req) = pending.try_update_value(Option::take).flatten() {
            take(req);
        }
    });
    let incentive_opts = Signal::derive(|| choices(&IncentiveKind::ALL, IncentiveKind::label));
    view! {
        <form class="step-form" aria-label=form_label on:submit=submit>
            <h3>{form_label}</h3>
            <DateField label=date_label value=date faults />
            {match step {
                OutcomeStep::File => view! {
                    <TextField label=labels::FILING_NO value=doc_no required=true placeholder="如 备〔2026〕15号" faults />
                }.into_any(),
                OutcomeStep::Feedback => view! {
                    <TextArea label=labels::FEEDBACK value=text faults />
                }.into_any(),
                OutcomeStep::Recognise => view! {
                    <TextField label=labels::DOC_NO value=doc_no required=true placeholder=text::DOC_NO_EXAMPLE faults />
                }.into_any(),
                OutcomeStep::Incentive => view! {
                    <ChoiceSelect label="表彰/奖励类别" options=incentive_opts value=incentive_kind />
                    <TextField label=labels::INCENTIVE_WHAT value=text required=true wide=true faults />
                    <TextField label=labels::INCENTIVE_DOC_NO value=doc_no required=true faults />
                }.into_any(),
                _ => ().into_any(),
            }}
            <div class="form-actions"><button type="submit">{button}</button></div>
            <FormError error id=faults.error_id() />
        </form>
        <ConfirmDialog open=confirming title=format!("确认{button}") message=confirm_message
            confirm_label=button on_confirm />
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
    // Computed once per opening: it scores the round with and without the 认定.
    let message = Memo::new(move |_| {
        let grade = target
            .get()
            .is_some_and(|(t, _)| t == UndoTarget::Recognise);
        let mut m = "撤销后，这一步及撤销理由都会保留在成果履历中。".to_string();
        if grade {
            m.push_str("撤销认定后，该成果不再计入当年度“优秀”所需的创新成果");
            // The unit's grade it changes is named, and whether it was published (a
            // clerk's review: "results will change" did not say a published 优秀 goes);
            // or that it stays.
            let change = outcome.with_untracked(|o| {
                o.as_ref().and_then(|o| {
                    ctx.state.with_untracked(|s| {
                        crate::domain::outcomes::grade_change_if_unrecognised(s, &o.id).map(|c| {
                            c.sentence(&crate::domain::between_rounds::unit_name(s, &o.unit_id))
                        })
                    })
                })
            });
            match change {
                Some(c) => {
                    m.push('：');
                    m.push_str(&c);
                }
                None => m.push_str("，相关考评结果会随之变化。"),
            }
        }
        m
    });
    let message_signal: Signal<String> = message.into();
    let confirm = Callback::new(move |reason: String| {
        let Some((t, l)) = target.get_untracked() else {
            return Ok(());
        };
        let Some(id) = outcome.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) else {
            return Ok(());
        };
        let now = ctx.now();
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
        <ReasonDialog open title message=message_signal reason_label="撤销理由" confirm_label=label on_confirm=confirm />
    }
}

/// 删除成果: for one registered by mistake (twice, or for the wrong unit); after a
/// confirmation, and back to the library. One the committee has handled is refused
/// with the reason (undo the steps first).
#[component]
fn DeleteOutcome(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let ctx = AppContext::get();
    let open = RwSignal::new(false);
    let message = Signal::derive(move || {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| {
                    // Steps taken and undone go with it: said (a clerk's review: a 备案,
                    // its 反馈 and both undo reasons went unmentioned).
                    let steps = o
                        .path
                        .history
                        .iter()
                        .filter(|e| e.step != crate::domain::OutcomeStep::Register)
                        .count();
                    let record = if steps > 0 {
                        format!("它的 {steps} 条办理记录（含撤销及原因）将一并删除。")
                    } else {
                        String::new()
                    };
                    format!(
                        "将删除成果{}（{}）。{record}删除后可点“撤销”找回{}。",
                        crate::domain::outcomes::corner_quoted(&o.title),
                        o.date,
                        crate::ui::text::UNDO_LIMITS
                    )
                })
                .unwrap_or_default()
        })
    });
    let confirm = Callback::new(move |_| {
        let Some((id, title)) =
            outcome.with_untracked(|o| o.as_ref().map(|o| (o.id.clone(), o.title.clone())))
        else {
            return;
        };
        let label = format!("删除成果前：{title}");
        if let Ok((_, kept)) = ctx.update_kept("删除成果", &label, |s| delete_outcome(s, &id)) {
            ctx.notice.set(Some(Notice::info(format!(
                "已删除成果{}。{}",
                crate::domain::outcomes::corner_quoted(&title),
                crate::ui::text::deleted_note(kept)
            ))));
            crate::ui::components::fields::navigate(&Route::Outcomes);
        }
    });
    // One the committee has handled is not offered for deletion: said, with the way.
    let handled =
        move || outcome.with(|o| o.as_ref().is_some_and(crate::domain::outcomes::settled));
    view! {
        <p class="no-print">
            {move || if handled() {
                view! { <span class="hint">"工委已办理备案或认定的成果不能删除；如确是登记错了，请先撤销办理到“登记”，再删除。"</span> }.into_any()
            } else {
                view! { <button type="button" class="danger" on:click=move |_| open.set(true)>"删除成果"</button> }.into_any()
            }}
        </p>
        <crate::ui::components::confirm::ConfirmDialog open title=crate::ui::text::CONFIRM_DELETE_OUTCOME message
            confirm_label="删除" on_confirm=confirm />
    }
}

/// 修改成果: the record's form, opened by a button.
#[component]
fn EditOutcome(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let ctx = AppContext::get();
    // What was typed is kept while the person visits other pages (and the page asks
    // before it closes); coming back opens the form again with it.
    let draft_key = outcome
        .with_untracked(|o| {
            o.as_ref()
                .map(|o| format!("{}/{}", text::EDIT_OUTCOME, o.id))
        })
        .unwrap_or_default();
    let editing = RwSignal::new(crate::ui::components::fields::has_draft(&draft_key));
    // What the form showed when it opened: saved over another window's change, only
    // the fields changed here are written (`save_outcome_edit`).
    let opened = move || outcome.with_untracked(|o| o.as_ref().map(OutcomeInput::from_outcome));
    let base = StoredValue::new(opened());
    let seen = StoredValue::new(Vec::new());
    let save = Callback::new(move |input: OutcomeInput| {
        let (Some(id), Some(base)) = (
            outcome.with_untracked(|o| o.as_ref().map(|o| o.id.clone())),
            base.get_value(),
        ) else {
            return Ok(());
        };
        save_outcome_edit(ctx, &id, &base, seen, &input).map(|()| editing.set(false))
    });
    view! {
        <p class="no-print">
            <button type="button" aria-expanded=move || editing.get().to_string()
                on:click=move |_| {
                    if !editing.get_untracked() {
                        base.set_value(opened());
                        seen.set_value(Vec::new());
                    }
                    editing.update(|e| *e = !*e)
                }>{text::EDIT_OUTCOME}</button>
        </p>
        {move || (editing.get()).then(|| outcome.get_untracked().map(|o| view! {
            <OutcomeForm initial=OutcomeInput::from_outcome(&o) form_label=text::EDIT_OUTCOME submit_label=text::SAVE_CHANGES
                units=unit_options(ctx) unit_fixed=crate::domain::outcomes::settled(&o) base on_submit=save on_cancel=Callback::new(move |_| editing.set(false)) focus_on_open=true
                draft_key=draft_key.clone() />
        }))}
    }
}
