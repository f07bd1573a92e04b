//! 更正最近一条记录 on a unit's page: the date, reason or 文号 of the last entry of its
//! 状态履历, mistyped when it was recorded (see `lifecycle::correct_last_change`).
//! Opens by a button, asks before saving, and closes when saved.

use leptos::prelude::*;

use super::earlier_naming::Done;
use crate::domain::lifecycle::{
    correct_last_change, doc_year_note, labels, records_after_leaving_note, HistoryCorrection,
};
use crate::domain::Unit;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{focus_when_drawn, DateField, FormActions, Refusal, TextField};
use crate::ui::state::{AppContext, Notice};

/// The button's and the form's name.
const CORRECT: &str = "更正最近一条记录";
/// The button's id, for the keyboard's way back to it.
const CORRECT_BUTTON_ID: &str = "correct-last-history";

/// The button, and the form once it is opened (none without a history).
#[component]
pub(super) fn HistoryCorrectionButton(unit: Unit) -> impl IntoView {
    let open = RwSignal::new(false);
    let has_history = !unit.history.is_empty();
    let unit = StoredValue::new(unit);
    has_history.then(|| {
        view! {
            <div class="no-print">
                {move || if open.get() {
                    // Closed, saved or not, the keyboard goes back to the button that
                    // opened it, not to the page's top (a clerk's review).
                    view! { <CorrectionForm unit=unit.get_value()
                        on_done=Callback::new(move |_| {
                            open.set(false);
                            focus_when_drawn(CORRECT_BUTTON_ID);
                        }) /> }.into_any()
                } else {
                    view! { <p><button type="button" id=CORRECT_BUTTON_ID on:click=move |_| open.set(true)>{CORRECT}</button></p> }.into_any()
                }}
            </div>
        }
    })
}

#[component]
fn CorrectionForm(unit: Unit, on_done: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let last = unit.history.last().cloned();
    let (date, reason, doc_no) = match &last {
        Some(h) => (h.date.clone(), h.reason.clone(), h.doc_no.clone()),
        None => Default::default(),
    };
    let (date, reason, doc_no) = (
        RwSignal::new(date),
        RwSignal::new(reason),
        RwSignal::new(doc_no),
    );
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let done = Done::new(
        format!("{CORRECT}:{}", unit.id),
        vec![date, reason, doc_no],
        on_done,
        form_ref,
    );
    let Done { kept, faults, .. } = done;
    let error = faults.error;
    let id = StoredValue::new(unit.id.clone());
    let name = StoredValue::new(unit.name.clone());
    let what = last
        .as_ref()
        .map(|h| format!("{}，{} → {}", h.date, h.from.label(), h.to.label()))
        .unwrap_or_default();
    let to = last.as_ref().map(|h| h.to);
    let correction = move || HistoryCorrection {
        date: date.get_untracked().trim().to_string(),
        reason: reason.get_untracked(),
        doc_no: doc_no.get_untracked(),
    };
    let as_recorded = StoredValue::new(last.clone());
    let unchanged = move |c: &HistoryCorrection| {
        as_recorded.with_value(|h| {
            h.as_ref().is_some_and(|h| {
                h.date == c.date && h.reason == c.reason.trim() && h.doc_no == c.doc_no.trim()
            })
        })
    };
    let confirm_open = RwSignal::new(false);
    let confirm_message = RwSignal::new(String::new());
    // Checked on a copy first; asked, saying what moves with the date.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = correction();
        let now = ctx.now();
        let checked = ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            correct_last_change(&mut trial, &id.get_value(), &c, &now).map(|effects| {
                let later = to
                    .and_then(|to| records_after_leaving_note(s, &id.get_value(), to, &c.date))
                    .map(|n| format!("{n}。"))
                    .unwrap_or_default();
                (effects.note(&c.date), later)
            })
        });
        match checked {
            Err(e) => faults.refuse(Refusal::of(&e)),
            // Nothing typed differs: no change made, none to undo (a clerk's review:
            // 已更正 was said and an undo step added for nothing).
            Ok(_) if unchanged(&c) => {
                done.cancel().run(());
                ctx.notice.set(Some(Notice::info(
                    "没有改动：状态履历的最后一条记录保持原样。",
                )));
            }
            Ok((moved, later)) => {
                faults.clear();
                let doc = if c.doc_no.trim().is_empty() {
                    String::new()
                } else {
                    format!("，文号 {}", c.doc_no.trim())
                };
                let year = doc_year_note(&c.doc_no, &c.date).unwrap_or_default();
                confirm_message.set(format!(
                    "将「{}」状态履历的最后一条记录更正为：{}{doc}，理由“{}”{moved}{year}。状态不变；如点错，可用页面顶部的“撤销”恢复。{later}",
                    name.get_value(),
                    c.date,
                    c.reason.trim()
                ));
                confirm_open.set(true);
            }
        }
    };
    let on_confirm = Callback::new(move |_| {
        let c = correction();
        let now = ctx.now();
        done.save(
            ctx,
            CORRECT,
            |_| "已更正状态履历的最后一条记录。".into(),
            |s| correct_last_change(s, &id.get_value(), &c, &now),
        );
    });
    let cancel = done.cancel();
    view! {
        <form class="step-form" aria-label=CORRECT node_ref=form_ref on:submit=submit>
            <h3>{CORRECT}</h3>
            {kept.note()}
            <p class="hint">{format!(
                "更正最后一条记录（{what}）登记时填错的日期、理由或文号，不新增记录。状态本身要改变的，请用下方的“变更状态”。"
            )}</p>
            <DateField label=labels::DATE value=date faults />
            <TextField label=labels::REASON value=reason faults wide=true />
            <TextField label=labels::DOC_NO value=doc_no faults />
            <FormActions submit_label="保存更正" on_cancel=cancel error error_id=faults.error_id() />
        </form>
        <ConfirmDialog open=confirm_open title=CORRECT message=confirm_message
            confirm_label="更正" on_confirm />
    }
}
