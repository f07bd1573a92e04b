//! 整改期限延期 on a unit's page: the extensions decided for it, and on a warned unit the
//! form that records one (`lifecycle::extend_deadline`). The form opens by a button, or
//! at once when it holds typing kept from before, and closes when saved.

use leptos::prelude::*;

use super::earlier_naming::Done;
use crate::domain::lifecycle::{
    can_extend_deadline, extend_deadline, far_deadline_note, labels, ExtensionRequest,
};
use crate::domain::Unit;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    has_draft, DateField, FormActions, Refusal, TextArea, TextField,
};
use crate::ui::state::AppContext;

/// The button's and the form's name.
const EXTEND: &str = "整改期限延期";

/// A unit's 延期记录 (every extension decided, also after it was 摘牌 or 退出: they are
/// part of its record), and while it is warned the 整改期限延期 button (its form once
/// opened). Draws nothing when there is neither.
#[component]
pub(super) fn DeadlineExtensions(unit: Unit) -> impl IntoView {
    let key = format!("{EXTEND}:{}", unit.id);
    let open = RwSignal::new(has_draft(&key));
    let can_extend = can_extend_deadline(&unit);
    let records = unit.extensions.clone();
    let id = unit.id.clone();
    let deadline = unit.rectify_by.clone().unwrap_or_default();
    if records.is_empty() && !can_extend {
        return ().into_any();
    }
    view! {
        {(!records.is_empty()).then(|| view! {
            <table class="history">
                <caption>"整改期限延期记录"</caption>
                <thead><tr>
                    <th scope="col">"决定日期"</th><th scope="col">"原整改期限"</th>
                    <th scope="col">"延期至"</th><th scope="col">"理由"</th><th scope="col">"文号"</th>
                </tr></thead>
                <tbody>
                    {records.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.date}</td><td>{e.from}</td><td>{e.to}</td><td>{e.reason}</td>
                            <td>{if e.doc_no.is_empty() { "—".to_string() } else { e.doc_no }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <div class="no-print">
            {move || if !can_extend {
                ().into_any()
            } else if open.get() {
                view! { <ExtensionForm key=key.clone() unit_id=id.clone() deadline=deadline.clone()
                    on_done=Callback::new(move |_| open.set(false)) /> }.into_any()
            } else {
                view! { <p><button type="button" on:click=move |_| open.set(true)>{EXTEND}</button></p> }.into_any()
            }}
        </div>
    }
    .into_any()
}

#[component]
fn ExtensionForm(
    key: String,
    unit_id: String,
    /// The present 整改期限.
    deadline: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(ctx.today());
    let to = RwSignal::new(String::new());
    let doc_no = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let done = Done::new(key, vec![date, to, doc_no, reason], on_done, form_ref);
    let Done { kept, faults, .. } = done;
    let error = faults.error;
    let id = StoredValue::new(unit_id);
    let present = StoredValue::new(deadline.clone());
    let request = move || ExtensionRequest {
        date: date.get_untracked(),
        to: to.get_untracked(),
        doc_no: doc_no.get_untracked(),
        reason: reason.get_untracked(),
    };
    // Asked first, as every status decision is (a clerk's review: it was saved at once),
    // once the request passes every check.
    let confirm_open = RwSignal::new(false);
    let asked = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = request();
        let now = ctx.now();
        let tried = ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            let unit = s.unit(&id.get_value()).map(|u| u.name.clone());
            extend_deadline(&mut trial, &id.get_value(), &req, &now).map(|moved| (unit, moved))
        });
        match tried {
            Ok((unit, moved)) => {
                faults.clear();
                let items = if moved == 0 {
                    String::new()
                } else {
                    format!("原定同日到期、尚未销号的{moved}项整改事项一并顺延。")
                };
                let far = far_deadline_note(&req).unwrap_or_default();
                asked.set(format!(
                    "将把「{}」的整改期限由{}延至{}（{}，文号 {}）。{items}{far}",
                    unit.unwrap_or_default(),
                    present.get_value(),
                    req.to.trim(),
                    req.date.trim(),
                    req.doc_no.trim()
                ));
                confirm_open.set(true);
            }
            Err(e) => faults.refuse(Refusal::of(&e)),
        }
    };
    let save = Callback::new(move |_| {
        let req = request();
        let now = ctx.now();
        let new_deadline = req.to.trim().to_string();
        done.save(
            ctx,
            EXTEND,
            move |moved: usize| {
                if moved == 0 {
                    format!("整改期限已延至{new_deadline}。")
                } else {
                    format!("整改期限已延至{new_deadline}，原定同日到期、尚未销号的{moved}项整改事项一并顺延。")
                }
            },
            |s| extend_deadline(s, &id.get_value(), &req, &now),
        );
    });
    let cancel = done.cancel();
    view! {
        <form class="step-form" aria-label=EXTEND node_ref=form_ref on:submit=submit>
            <h3>{EXTEND}</h3>
            {kept.note()}
            <p class="hint">{format!(
                "按工委的延期决定填写。现在的整改期限是{deadline}；尚未销号、原定同日到期的整改事项随之顺延，其他事项的期限不变。单位仍为“警示”，不记入状态履历。"
            )}</p>
            <DateField label=labels::EXTENSION_DATE value=date faults />
            <DateField label=labels::EXTENDED_TO value=to faults />
            <TextField label=labels::DOC_NO value=doc_no faults />
            <TextArea label=labels::EXTENSION_REASON value=reason rows=2 faults />
            <FormActions submit_label="保存延期决定" on_cancel=cancel error error_id=faults.error_id() />
        </form>
        <ConfirmDialog open=confirm_open title="确认整改期限延期" message=asked
            confirm_label="确认延期" on_confirm=save />
    }
}
