//! The form for a unit's record: name, sector, organisation type, responsible person,
//! contact and entry year (and, for a new unit, its current status).

use leptos::prelude::*;

use crate::ui::components::fields::{marks, FormError, FormFaults, Refusal};

use crate::domain::roster::UnitInput;
use crate::domain::{OrgType, UnitStatus};

/// Field labels, as the domain names them (the merge and the refusals use them too).
pub use crate::domain::roster::labels;

/// A unit's record as a form. The inputs keep what is typed; `on_submit` gets it and
/// returns an error message to show, or `Ok` (a new-unit form then empties itself).
#[component]
pub fn UnitForm(
    /// What the form starts with.
    initial: UnitInput,
    /// The form's accessible name ("添加单位", "修改单位").
    #[prop(into)]
    form_label: String,
    /// The submit button's label ("添加单位", "保存修改").
    #[prop(into)]
    submit_label: String,
    /// Whether to ask for the starting status (only for a new unit).
    #[prop(optional)]
    with_status: bool,
    /// Handles the submitted input; an `Err` is shown under the form, and the fields
    /// it names are marked.
    on_submit: Callback<UnitInput, Result<(), Refusal>>,
    /// When given, a 取消 button calls it.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// When given, what is typed is kept under this key until saved or cancelled (see
    /// `fields::keep_draft`): leaving the page loses nothing, and it asks before closing.
    #[prop(optional, into)]
    draft_key: Option<String>,
) -> impl IntoView {
    let blank = UnitInput {
        name: String::new(),
        sector: String::new(),
        leader: String::new(),
        contact: String::new(),
        ..initial.clone()
    };
    let blank_for_cancel = blank.clone();
    let input = RwSignal::new(initial);
    // Whether the person picked the 组织类型 (see `follow_name`).
    let type_picked = RwSignal::new(false);
    let faults = FormFaults::new();
    let error = faults.error;
    // The fields as the draft keeps them (name, sector, leader, contact, year, and the
    // two choices by their labels: a clerk's review found 组织类型 and 当前状态 back at
    // their defaults after a reload, beside the restored text).
    let texts: [RwSignal<String>; 7] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let sync = move || {
        let now = input.with_untracked(|i| {
            [
                i.name.clone(),
                i.sector.clone(),
                i.leader.clone(),
                i.contact.clone(),
                i.entered_year.clone(),
                i.org_type.label().to_string(),
                i.status.label().to_string(),
            ]
        });
        for (t, v) in texts.iter().zip(now) {
            if t.get_untracked() != v {
                t.set(v);
            }
        }
    };
    sync();
    // What the form opened with, kept with the draft: a draft made on another version
    // of the record (changed since, by an import or another window) puts back only the
    // fields that were typed, never the old values of the others.
    let opened: [RwSignal<String>; 7] =
        std::array::from_fn(|i| RwSignal::new(texts[i].get_untracked()));
    let kept = draft_key.map(|k| {
        let now: [String; 7] = texts.map(|t| t.get_untracked());
        let fields: Vec<RwSignal<String>> = texts.iter().chain(opened.iter()).copied().collect();
        let d = crate::ui::components::fields::keep_draft(k, fields);
        for (i, now) in now.iter().enumerate() {
            let was = opened[i].get_untracked();
            if was != *now {
                if texts[i].get_untracked() == was {
                    texts[i].set(now.clone());
                }
                opened[i].set(now.clone());
            }
        }
        // A kept draft was put into the fields: into the form with it.
        input.update(|i| {
            let [name, sector, leader, contact, year, org_type, status] =
                texts.map(|t| t.get_untracked());
            (i.name, i.sector, i.leader, i.contact, i.entered_year) =
                (name, sector, leader, contact, year);
            if let Some(t) = OrgType::ALL.iter().find(|t| t.label() == org_type) {
                i.org_type = *t;
            }
            if let Some(s) = UnitStatus::ALL.iter().find(|s| s.label() == status) {
                i.status = *s;
            }
        });
        d
    });
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match on_submit.run(input.get_untracked()) {
            Ok(()) => {
                faults.clear();
                if with_status {
                    input.set(blank.clone());
                    type_picked.set(false);
                    sync();
                    if let Some(k) = kept {
                        k.saved();
                    }
                    // The next unit begins at its name (a clerk's review: Enter left the
                    // keyboard in 入选年份, and the next name was typed there).
                    if let Some(f) = form_ref.get_untracked() {
                        crate::ui::components::fields::focus_first_field_of(&f);
                    }
                } else if let Some(k) = kept {
                    k.done();
                }
            }
            Err(e) => faults.refuse(e),
        }
    };
    // Adding a unit, the 组织类型 follows a name that says it (…党委, …党总支, …支部), as
    // the roster import reads it, until the person picks one (a clerk's first week: a
    // 机关党委 added by hand was filed as 党支部, the list's first choice).
    let follow_name = move || {
        if !with_status || type_picked.get_untracked() {
            return;
        }
        let said =
            input.with_untracked(|i| crate::domain::roster_import::parse_org_type(i.name.trim()));
        if let Some(t) = said.filter(|t| input.with_untracked(|i| i.org_type != *t)) {
            input.update(|i| i.org_type = t);
        }
    };
    let text_field = move |label: &'static str,
                           get: fn(&UnitInput) -> &String,
                           set: fn(&mut UnitInput, String),
                           required: bool| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" aria-required=required.then_some("true")
                    aria-invalid=marks(Some(faults), label, None).0 aria-describedby=marks(Some(faults), label, None).1
                    prop:value=move || input.with(|i| get(i).clone())
                    on:input=move |e| {
                        input.update(|i| set(i, event_target_value(&e)));
                        if label == labels::NAME {
                            follow_name();
                        }
                        sync();
                    } />
            </label>
        }
    };
    view! {
        <form class="unit-form" aria-label=form_label node_ref=form_ref on:submit=submit>
            {kept.map(|k| k.note())}
            <p class="hint">"名称和入选年份必须填写。"</p>
            {text_field(labels::NAME, |i| &i.name, |i, v| i.name = v, true)}
            {text_field(labels::SECTOR, |i| &i.sector, |i, v| i.sector = v, false)}
            <label class="field">
                <span>{labels::ORG_TYPE}</span>
                // The value as a property too: once a person has picked an option, the
                // browser ignores later changes to the options' `selected` attributes
                // (the emptied form showed the last unit's choice, and saved another).
                <select aria-label=labels::ORG_TYPE prop:value=move || input.with(|i| i.org_type.label().to_string())
                    on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(t) = OrgType::ALL.iter().find(|t| t.label() == v) {
                        type_picked.set(true);
                        input.update(|i| i.org_type = *t);
                        sync();
                    }
                }>
                    {OrgType::ALL.iter().map(|t| view! {
                        <option value=t.label() selected=move || input.with(|i| i.org_type == *t)>{t.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            {text_field(labels::LEADER, |i| &i.leader, |i, v| i.leader = v, false)}
            {text_field(labels::CONTACT, |i| &i.contact, |i, v| i.contact = v, false)}
            {text_field(labels::YEAR, |i| &i.entered_year, |i, v| i.entered_year = v, true)}
            {with_status.then(|| view! {
                <label class="field">
                    <span>{labels::STATUS}</span>
                    <select aria-label=labels::STATUS
                        aria-invalid=marks(Some(faults), labels::STATUS, None).0
                        aria-describedby=marks(Some(faults), labels::STATUS, None).1
                        prop:value=move || input.with(|i| i.status.label().to_string())
                        on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(s) = UnitStatus::ALL.iter().find(|s| s.label() == v) {
                            input.update(|i| i.status = *s);
                            sync();
                        }
                    }>
                        {UnitStatus::ALL.iter().map(|s| view! {
                            <option value=s.label() selected=move || input.with(|i| i.status == *s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                // A unit entered in another status has no history: said before it is added.
                <Show when=move || input.with(|i| i.status != UnitStatus::Candidate)>
                    <p class="hint" role="note">{crate::ui::text::STATUS_WITHOUT_HISTORY}</p>
                </Show>
            })}
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
                // A form that stays open (添加单位) offers 取消 for a kept draft, as its
                // note says: the form empties and the draft is forgotten.
                {move || (on_cancel.is_none() && kept.is_some_and(|k| k.is_restored())).then(|| {
                    let blank = blank_for_cancel.clone();
                    view! {
                        <button type="button" on:click=move |_| {
                            input.set(blank.clone());
                            sync();
                            if let Some(k) = kept {
                                k.saved();
                            }
                        }>{crate::ui::text::CANCEL}</button>
                    }
                })}
            </div>
            <FormError error id=faults.error_id() />
        </form>
    }
}
