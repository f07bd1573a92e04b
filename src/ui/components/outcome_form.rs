//! The form for an outcome's record: unit, title, date, kind, innovations, description
//! and evidence references (document name, page, where kept — no uploads).

use leptos::prelude::*;

use crate::domain::form_merge::EditConflict;
use crate::domain::outcomes::{edit_outcome_from, outcome_edit_conflicts, OutcomeInput};
use crate::domain::{Innovation, OutcomeKind};
use crate::ui::components::fields::{
    update_form, ChoiceChecks, ChoiceSelect, DateField, FormError, FormFaults, Refusal, TextArea,
    TextField,
};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// Field labels, shared with the domain's messages and the import preview.
pub use crate::domain::outcomes::labels;

/// A stable code for an enum value in a form (its serde spelling).
pub fn code<T: std::fmt::Debug>(t: T) -> String {
    format!("{t:?}")
}

/// Saves 修改成果 of outcome `id` from a form opened on `base` (`domain::form_merge`):
/// the fields the person left alone keep what another window saved meanwhile; a field
/// both changed is said first (`seen` remembers what was said: the same save again goes
/// ahead). Says the outcome was saved.
pub fn save_outcome_edit(
    ctx: AppContext,
    id: &str,
    base: &OutcomeInput,
    seen: StoredValue<Vec<EditConflict>>,
    input: &OutcomeInput,
) -> Result<(), Refusal> {
    let (conflicts, changed_elsewhere) = ctx.state.with_untracked(|s| {
        (
            outcome_edit_conflicts(s, id, base, input),
            s.outcomes
                .iter()
                .find(|o| o.id == id)
                .is_some_and(|o| OutcomeInput::from_outcome(o) != *base),
        )
    });
    if !conflicts.is_empty() && seen.with_value(|s| *s != conflicts) {
        let refusal = Refusal::edited_elsewhere(&conflicts, text::SAVE_CHANGES);
        seen.set_value(conflicts);
        return Err(refusal);
    }
    let now = ctx.now();
    update_form(ctx, text::EDIT_OUTCOME, |s| {
        edit_outcome_from(s, id, base, input, &now)
    })?;
    ctx.notice.set(Some(Notice::info(if changed_elsewhere {
        format!("{}{}", text::OUTCOME_SAVED, text::OTHERS_KEPT)
    } else {
        text::OUTCOME_SAVED.to_string()
    })));
    Ok(())
}

/// The form's fields as signals (a unit and an enum by their codes).
#[derive(Clone, Copy)]
struct OutcomeSignals {
    unit: RwSignal<String>,
    title: RwSignal<String>,
    date: RwSignal<String>,
    kind: RwSignal<String>,
    innovations: RwSignal<Vec<String>>,
    description: RwSignal<String>,
    evidence: RwSignal<String>,
}

impl OutcomeSignals {
    fn of(i: &OutcomeInput) -> OutcomeSignals {
        OutcomeSignals {
            unit: RwSignal::new(i.unit_id.clone()),
            title: RwSignal::new(i.title.clone()),
            date: RwSignal::new(i.date.clone()),
            kind: RwSignal::new(code(i.kind)),
            innovations: RwSignal::new(i.innovations.iter().map(|x| code(*x)).collect()),
            description: RwSignal::new(i.description.clone()),
            evidence: RwSignal::new(i.evidence.clone()),
        }
    }

    fn draft_fields(self) -> Vec<crate::ui::components::fields::DraftField> {
        use crate::ui::components::fields::DraftField;
        vec![
            DraftField::Text(self.unit),
            DraftField::Text(self.title),
            DraftField::Text(self.date),
            DraftField::Text(self.kind),
            DraftField::Checks(self.innovations),
            DraftField::Text(self.description),
            DraftField::Text(self.evidence),
        ]
    }

    fn input(self) -> OutcomeInput {
        let chosen: Vec<String> = self.innovations.get_untracked();
        OutcomeInput {
            unit_id: self.unit.get_untracked(),
            title: self.title.get_untracked(),
            date: self.date.get_untracked(),
            kind: OutcomeKind::ALL
                .into_iter()
                .find(|k| code(*k) == self.kind.get_untracked())
                .unwrap_or(OutcomeKind::Practice),
            innovations: Innovation::ALL
                .into_iter()
                .filter(|i| chosen.contains(&code(*i)))
                .collect(),
            description: self.description.get_untracked(),
            evidence: self.evidence.get_untracked(),
        }
    }
}

/// An outcome's record as a form. `on_submit` gets what was typed and returns an error
/// to show, or `Ok` (a new-outcome form then empties its title, description and
/// evidence).
#[component]
pub fn OutcomeForm(
    /// What the form starts with.
    initial: OutcomeInput,
    /// The form's accessible name ("登记成果", "修改成果").
    #[prop(into)]
    form_label: String,
    /// The submit button's label.
    #[prop(into)]
    submit_label: String,
    /// The units to choose from (id, name); empty hides the choice (a unit's own copy).
    #[prop(into)]
    units: Signal<Vec<(String, String)>>,
    /// Whether the form empties after a successful submit (a new outcome).
    #[prop(optional)]
    clear_after: bool,
    /// Handles the submitted input; an `Err` is shown under the form, and the fields
    /// it names are marked.
    on_submit: Callback<OutcomeInput, Result<(), Refusal>>,
    /// When given, a 取消 button calls it.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// The committee has filed or recognised it and this is a unit's copy: name,
    /// category, date and innovation types are shown, not offered for editing.
    #[prop(optional)]
    settled: bool,
    /// The committee has filed or recognised it: its unit is shown, not offered for a
    /// change (the save would be refused: the outcome counts for that unit).
    #[prop(optional)]
    unit_fixed: bool,
    /// When given, what is typed is kept under this key until saved or cancelled
    /// (see `fields::keep_draft`), so leaving the page loses nothing.
    #[prop(optional, into)]
    draft_key: Option<String>,
    /// The form was opened on request (登记新成果, 修改成果): its first field takes the
    /// keyboard.
    #[prop(optional)]
    focus_on_open: bool,
    /// For an edit kept as a draft: gets what the form showed when the typing began
    /// (kept in the draft beside the typing), so a form opened again from its draft
    /// after a reload or a visit elsewhere still writes only the fields changed in it
    /// (`save_outcome_edit`), not its old values over a change saved meanwhile.
    #[prop(optional)]
    base: Option<StoredValue<Option<OutcomeInput>>>,
) -> impl IntoView {
    let form_ref = NodeRef::<leptos::html::Form>::new();
    if focus_on_open {
        crate::ui::components::fields::focus_first_field(form_ref);
    }
    let shown = OutcomeSignals::of(&initial);
    let OutcomeSignals {
        unit,
        title,
        date,
        kind,
        innovations,
        description,
        evidence,
    } = shown;
    let faults = FormFaults::new();
    let error = faults.error;
    // What the form opened with, as hidden fields of its draft (see `base`).
    let opened = OutcomeSignals::of(&initial);
    let kept = draft_key.map(|k| {
        use crate::ui::components::fields::keep_draft_fields;
        let mut fields = shown.draft_fields();
        if base.is_some() {
            fields.extend(opened.draft_fields());
        }
        keep_draft_fields(k, fields)
    });
    if let Some(b) = base {
        b.set_value(Some(opened.input()));
    }
    let fixed_unit = initial.unit_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = shown.input();
        if units.with_untracked(Vec::is_empty) {
            input.unit_id = fixed_unit.clone();
        }
        match on_submit.run(input) {
            Ok(()) => {
                faults.clear();
                if clear_after {
                    title.set(String::new());
                    description.set(String::new());
                    evidence.set(String::new());
                    innovations.set(Vec::new());
                    if let Some(k) = kept {
                        k.saved();
                    }
                } else if let Some(k) = kept {
                    k.done();
                }
            }
            Err(e) => faults.refuse(e),
        }
    };
    let kinds: Vec<(String, String)> = OutcomeKind::ALL
        .iter()
        .map(|k| (code(*k), k.label().to_string()))
        .collect();
    let innovation_choices: Vec<(String, String)> = Innovation::ALL
        .iter()
        .map(|i| (code(*i), i.label().to_string()))
        .collect();
    view! {
        <form node_ref=form_ref class="outcome-form" aria-label=form_label on:submit=submit>
            {kept.map(|k| k.note())}
            // A settled outcome's page says what stays the committee's; what must be
            // filled in is not asked of it.
            {(!settled).then(|| view! {
                <p class="hint">{move || if units.with(Vec::is_empty) {
                    "成果名称和成果日期必须填写。要申请认定为创新成果，请注明创新类型。"
                } else {
                    "所属单位、成果名称和成果日期必须填写。认定为创新成果须注明创新类型。"
                }}</p>
            })}
            {move || (!units.with(Vec::is_empty)).then(|| if unit_fixed {
                let name = units.with(|u| {
                    u.iter()
                        .find(|(id, _)| *id == unit.get_untracked())
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default()
                });
                view! {
                    <p>{labels::UNIT}"："<strong>{name}</strong>" "
                        <span class="hint">"（工委已办理备案或认定，成果计在这个单位名下；如确是登记错了单位，请先撤销办理到“登记”再改）"</span></p>
                }.into_any()
            } else {
                view! { <ChoiceSelect label=labels::UNIT options=units value=unit all_label=crate::ui::text::CHOOSE_UNIT faults />  }.into_any()
            })}
            {if settled {
                let kind_text = kinds.iter().find(|k| k.0 == kind.get_untracked()).map(|k| k.1.clone()).unwrap_or_default();
                let chosen = innovations.get_untracked();
                let types: Vec<String> = innovation_choices.iter().filter(|c| chosen.contains(&c.0)).map(|c| c.1.clone()).collect();
                view! {
                    <dl class="facts">
                        <dt>{labels::TITLE}</dt><dd>{title.get_untracked()}</dd>
                        <dt>{labels::DATE}</dt><dd>{date.get_untracked()}</dd>
                        <dt>{labels::KIND}</dt><dd>{kind_text}</dd>
                        <dt>{labels::INNOVATIONS}</dt><dd>{if types.is_empty() { "无".to_string() } else { types.join("、") }}</dd>
                    </dl>
                }.into_any()
            } else {
                view! {
                    <TextField label=labels::TITLE value=title required=true wide=true faults />
                    <DateField label=labels::DATE value=date faults />
                    <ChoiceSelect label=labels::KIND options=Signal::derive(move || kinds.clone()) value=kind />
                    <ChoiceChecks legend=labels::INNOVATIONS options=innovation_choices value=innovations faults />
                }.into_any()
            }}
            <TextArea label=labels::DESCRIPTION value=description />
            <TextArea label=labels::EVIDENCE value=evidence
                placeholder="每行一项：文件名称、页码、存放地点，如“2026年党建工作台账，第12页，党办档案柜”" />
            <div class="form-actions">
                <button type="submit">{submit_label}</button>
                {on_cancel.map(|c| view! {
                    <button type="button" on:click=move |_| {
                        if let Some(k) = kept {
                            k.done();
                        }
                        c.run(())
                    }>{crate::ui::text::CANCEL}</button>
                })}
            </div>
            <FormError error id=faults.error_id() />
        </form>
    }
}

/// (code, text) pairs for an enum's values.
pub fn choices<T: Copy + std::fmt::Debug>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t), label(*t).to_string()))
        .collect()
}

/// The value whose code is `c`, if any.
pub fn by_code<T: Copy + std::fmt::Debug>(all: &[T], c: &str) -> Option<T> {
    all.iter().copied().find(|t| code(*t) == c)
}
