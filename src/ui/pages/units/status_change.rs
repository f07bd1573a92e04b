//! The status change form of a unit's page: new status, date, reason and 文号 (plus the
//! plaque number when naming, the deadline and rectification items when warning).

use leptos::prelude::*;

use crate::domain::between_rounds::rectification::{
    warn_with_items, WarnError, WARN_CATEGORY_LABEL, WARN_ITEMS_LABEL,
};
use crate::domain::lifecycle::{
    change_status, doc_year_note, labels, pairings_ended_note, repeat_note, transition_allowed,
    StatusChangeRequest,
};
use crate::domain::{ProblemCategory, UnitStatus};
use crate::ui::components::between::{by_code, options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    keep_draft, update_form, ChoiceSelect, DateField, FormDraft, FormError, FormFaults, Refusal,
    TextArea, TextField,
};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// How each note after the confirmation's sentence begins.
const NOTE: &str = "。请注意：";
/// The empty first option of the 警示整改事项类别.
const CHOOSE: &str = "请选择";
/// Said when 警示整改事项 are written and no category is chosen.
const NO_CATEGORY: &str = "请选择警示整改事项类别（这些事项属于哪一类问题）";

/// What the form holds: the unit, its status now, and each field.
#[derive(Clone, Copy)]
struct StatusForm {
    ctx: AppContext,
    unit_id: StoredValue<String>,
    status: UnitStatus,
    to: RwSignal<UnitStatus>,
    date: RwSignal<String>,
    reason: RwSignal<String>,
    doc_no: RwSignal<String>,
    plaque: RwSignal<String>,
    rectify_by: RwSignal<String>,
    // 警示: the items it creates, one per line, and their category.
    warn_items: RwSignal<String>,
    warn_category: RwSignal<String>,
    /// The form's refusals, marking the fields they name.
    faults: FormFaults,
    /// The text typed and not yet recorded, kept while the page is drawn anew (another
    /// window saved, the clerk went elsewhere and came back).
    draft: StoredValue<Option<FormDraft>>,
    // Every change is checked first, then confirmed in a dialog.
    confirm_open: RwSignal<bool>,
    confirm_message: RwSignal<String>,
}

impl StatusForm {
    fn request(self) -> StatusChangeRequest {
        let target = self.to.get_untracked();
        StatusChangeRequest {
            to: target,
            date: self.date.get_untracked().trim().to_string(),
            reason: self.reason.get_untracked(),
            doc_no: self.doc_no.get_untracked(),
            plaque_no: Some(self.plaque.get_untracked().trim().to_string())
                .filter(|p| naming(self.status, target) && !p.is_empty()),
            rectify_by: Some(self.rectify_by.get_untracked().trim().to_string())
                .filter(|d| target == UnitStatus::Warned && !d.is_empty()),
        }
    }

    /// Makes the change (with the warning's rectification items), or shows why not.
    fn apply(self) {
        let ctx = self.ctx;
        let req = self.request();
        let items = self.warn_items.get_untracked();
        let category = by_code(
            &ProblemCategory::ALL,
            ProblemCategory::code,
            &self.warn_category.get_untracked(),
        )
        .unwrap_or(ProblemCategory::Other);
        let now = ctx.now();
        let unit_id = self.unit_id;
        // Said in the notice too (a clerk's review: a pairing ended unsaid after 摘牌).
        let ending = ctx
            .state
            .with_untracked(|s| pairings_ended_note(s, &unit_id.get_value(), req.to, &req.date));
        match update_form(ctx, "变更单位状态", |s| {
            if req.to == UnitStatus::Warned {
                warn_with_items(s, &unit_id.get_value(), &req, category, &items, &now).map(|_| ())
            } else {
                change_status(s, &unit_id.get_value(), &req, &now).map_err(WarnError::from)
            }
        }) {
            Ok(()) => {
                self.faults.clear();
                if let Some(d) = self.draft.get_value() {
                    d.done();
                }
                ctx.notice.set(Some(Notice::info(format!(
                    "已将状态变更为“{}”，并记入履历{ending}。",
                    req.to.label()
                ))));
            }
            Err(e) => self.faults.refuse(e),
        }
    }

    /// Checks the change on a copy and asks to confirm it, saying everything it records.
    fn submit(self) {
        let req = self.request();
        let has_items = self
            .warn_items
            .with_untracked(|t| t.lines().any(|l| !l.trim().is_empty()));
        if req.to == UnitStatus::Warned
            && has_items
            && self.warn_category.with_untracked(String::is_empty)
        {
            self.faults.refuse(Refusal {
                message: NO_CATEGORY.to_string(),
                fields: vec![WARN_CATEGORY_LABEL.to_string()],
            });
            return;
        }
        let unit_id = self.unit_id;
        let now = self.ctx.now();
        let checked = self.ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            let ending = pairings_ended_note(s, &unit_id.get_value(), req.to, &req.date);
            // A warning lifted while items of it are still open: said, not refused
            // (the committee may lift it on the main work done).
            let open = if self.status == UnitStatus::Warned && req.to == UnitStatus::Named {
                crate::domain::between_rounds::rectification::unit_open_counts(
                    s,
                    &unit_id.get_value(),
                    &req.date,
                )
                .0
            } else {
                0
            };
            let later = crate::domain::lifecycle::records_after_leaving_note(
                s,
                &unit_id.get_value(),
                req.to,
                &req.date,
            )
            .map(|n| format!("。{n}"))
            .unwrap_or_default();
            change_status(&mut trial, &unit_id.get_value(), &req, &now).map(|()| {
                // What it repeats of the 履历, read before the change is added.
                let repeat = s
                    .unit(&unit_id.get_value())
                    .and_then(|u| repeat_note(u, &req.date, &req.doc_no))
                    .unwrap_or_default();
                (
                    trial.unit(&unit_id.get_value()).map(|u| u.name.clone()),
                    ending,
                    open,
                    format!("{repeat}{later}"),
                )
            })
        });
        match checked {
            Err(e) => self.faults.refuse(Refusal::of(&e)),
            Ok((name, ending, open, later)) => {
                self.faults.clear();
                // Everything that will be recorded, so that a mistyped plaque number,
                // deadline or item list is caught before it is on record.
                let plaque = req
                    .plaque_no
                    .as_ref()
                    .map(|p| format!("，牌匾编号 {p}"))
                    .unwrap_or_default();
                let deadline = req
                    .rectify_by
                    .as_ref()
                    .map(|d| format!("，整改期限 {d}"))
                    .unwrap_or_default();
                let items = if req.to == UnitStatus::Warned {
                    let n = self
                        .warn_items
                        .with_untracked(|t| t.lines().filter(|l| !l.trim().is_empty()).count());
                    if n > 0 {
                        format!("，同时登记整改事项 {n} 项")
                    } else {
                        String::new()
                    }
                } else {
                    String::new()
                };
                // The reason and the 文号 as they will stand in the 履历, an empty 文号
                // said (a clerk's review: a reason typed into the 文号 field went
                // unseen in this confirmation).
                let reason = match req.reason.trim() {
                    "" => String::new(),
                    r => format!("，理由：{r}"),
                };
                let doc_no = match req.doc_no.trim() {
                    "" => "，未填文号".to_string(),
                    d => format!("，文号 {d}"),
                };
                // A site that leaves ends its running pairings (lifecycle::change_status).
                let pairings = ending;
                let open = if open > 0 {
                    format!(
                        "。请注意：该单位还有 {open} 项整改事项没有销号，解除警示后{}仍在“整改”中按各自期限跟进",
                        if open == 1 { "这一项" } else { "这些事项" }
                    )
                } else {
                    String::new()
                };
                let year = doc_year_note(&req.doc_no, &req.date).unwrap_or_default();
                // One 请注意 before all the notes (a re-test: the 文号's year and its
                // use before each began with its own).
                let bodies: Vec<String> = format!("{open}{year}{later}")
                    .split(NOTE)
                    .filter(|b| !b.is_empty())
                    .map(str::to_string)
                    .collect();
                let notes = if bodies.is_empty() {
                    String::new()
                } else {
                    format!("{NOTE}{}", bodies.join("。"))
                };
                self.confirm_message.set(format!(
                    "将「{}」由「{}」变更为「{}」（{}{reason}{doc_no}{plaque}{deadline}{items}），并记入状态履历{pairings}{notes}。",
                    name.unwrap_or_default(),
                    self.status.label(),
                    req.to.label(),
                    req.date,
                ));
                self.confirm_open.set(true);
            }
        }
    }
}

/// Lets the person change a unit's status: new status, date, reason and 文号 (plus the
/// plaque number when naming and the deadline when warning).
#[component]
pub(super) fn StatusChangeForm(unit_id: String, status: UnitStatus) -> impl IntoView {
    let ctx = AppContext::get();
    let first_allowed = UnitStatus::ALL
        .into_iter()
        .find(|t| transition_allowed(status, *t))
        .unwrap_or(status);
    let f = StatusForm {
        ctx,
        unit_id: StoredValue::new(unit_id),
        status,
        to: RwSignal::new(first_allowed),
        date: RwSignal::new(ctx.today()),
        reason: RwSignal::new(String::new()),
        doc_no: RwSignal::new(String::new()),
        plaque: RwSignal::new(String::new()),
        rectify_by: RwSignal::new(String::new()),
        warn_items: RwSignal::new(String::new()),
        // Chosen, not preset: the category is a judgement on the unit (示而不范 preset
        // was recorded unread on every item).
        warn_category: RwSignal::new(String::new()),
        faults: FormFaults::new(),
        draft: StoredValue::new(None),
        confirm_open: RwSignal::new(false),
        confirm_message: RwSignal::new(String::new()),
    };
    let draft = keep_draft(
        format!("{}:{}", text::CHANGE_STATUS, f.unit_id.get_value()),
        vec![
            f.date,
            f.reason,
            f.doc_no,
            f.plaque,
            f.rectify_by,
            f.warn_items,
            f.warn_category,
        ],
    );
    f.draft.set_value(Some(draft));
    let StatusForm {
        to,
        date,
        reason,
        doc_no,
        faults,
        ..
    } = f;
    let error = faults.error;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        f.submit();
    };
    view! {
        <form class="status-form" aria-label=text::CHANGE_STATUS on:submit=submit>
            {draft.note()}
            <p class="hint">{format!("当前状态：{}。", status.label())}
                "可变更为："{UnitStatus::ALL.iter().filter(|t| transition_allowed(status, **t)).map(|t| t.label()).collect::<Vec<_>>().join("、")}"。"</p>
            <label class="field">
                <span>"新状态"</span>
                <select aria-label="新状态" prop:value=move || to.get().label().to_string() on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(s) = UnitStatus::ALL.iter().find(|s| s.label() == v) { to.set(*s); }
                }>
                    // Only the statuses this one may change to (the rest would be refused).
                    {UnitStatus::ALL.iter().filter(|t| **t != status && transition_allowed(status, **t)).map(|t| view! {
                        <option value=t.label() selected=move || to.get() == *t>{t.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <DateField label=labels::DATE value=date faults />
            <TextField label=labels::REASON value=reason wide=true faults />
            <TextField label=labels::DOC_NO value=doc_no placeholder=text::DOC_NO_EXAMPLE faults />
            {decision_fields(f)}
            <div class="form-actions"><button type="submit">"确认变更"</button></div>
            <FormError error id=faults.error_id() />
        </form>
        <ConfirmDialog open=f.confirm_open title=text::CONFIRM_STATUS_CHANGE message=f.confirm_message
            confirm_label="确认" on_confirm=Callback::new(move |_| f.apply()) />
    }
}

/// Whether a change from `from` to `to` names the unit (a plaque is given): 已授牌,
/// except a warning lifted (the unit keeps its plaque).
fn naming(from: UnitStatus, to: UnitStatus) -> bool {
    to == UnitStatus::Named && from != UnitStatus::Warned
}

/// The 整改期限 of a 警示 follows its date (the rules' months after it) until the clerk
/// types another.
fn follow_warning_deadline(f: StatusForm) {
    let ctx = f.ctx;
    let last = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if f.to.get() != UnitStatus::Warned {
            return;
        }
        let date = f.date.get();
        let Some(d) = ctx
            .state
            .with_untracked(|s| crate::domain::lifecycle::warning_deadline(s, &date))
        else {
            return;
        };
        let typed = f.rectify_by.get_untracked();
        if typed.trim().is_empty() || last.get_value().as_deref() == Some(typed.as_str()) {
            f.rectify_by.set(d.clone());
            last.set_value(Some(d));
            // The form's own default, not typing: not a draft to keep on its own.
            if let Some(draft) = f.draft.get_value() {
                draft.filled_in(f.rectify_by);
            }
        }
    });
}

/// The plaque number (授牌) and the deadline and rectification items (警示).
fn decision_fields(f: StatusForm) -> impl IntoView {
    let StatusForm {
        status,
        to,
        plaque,
        rectify_by,
        warn_items,
        warn_category,
        faults,
        ..
    } = f;
    follow_warning_deadline(f);
    view! {
        <Show when=move || naming(status, to.get())>
            <TextField label=labels::PLAQUE value=plaque faults />
        </Show>
        <Show when=move || to.get() == UnitStatus::Warned>
            <DateField label=labels::DEADLINE value=rectify_by faults />
            <ChoiceSelect label=WARN_CATEGORY_LABEL options=Signal::derive(|| options(&ProblemCategory::ALL, ProblemCategory::code, ProblemCategory::label)) value=warn_category all_label=CHOOSE faults />
            <TextArea label=WARN_ITEMS_LABEL value=warn_items rows=2 placeholder="每行一项，登记为来源“警示决定”、期限同整改期限的整改事项" faults />
        </Show>
    }
}
