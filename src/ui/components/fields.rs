//! A small form kit: labelled text, date and multi-line fields, a select keyed by a
//! stable code, a group of checkboxes, and a dialog that asks for a reason. Each field
//! is a `<label>` around its control, and the control also carries the label as its
//! `aria-label`: a wrapping label alone would add the control's value (a select's
//! chosen option, a textbox's text) to its accessible name. Tests find it with
//! `getByLabel`.

use leptos::prelude::*;

use crate::ui::components::modal::Modal;
use crate::ui::state::{AppContext, Level};
use crate::ui::text;

/// Runs `ctx.update` for a change whose error is shown next to the form that made it:
/// the same message is then not repeated in the banner.
pub fn update_inline<T, E: std::fmt::Display>(
    ctx: AppContext,
    what: &str,
    change: impl FnOnce(&mut crate::domain::AppState) -> Result<T, E>,
) -> Result<T, String> {
    let out = ctx.update(what, change);
    if let Err(msg) = &out {
        let same = ctx.notice.with_untracked(|n| {
            n.as_ref().is_some_and(|n| {
                n.level == Level::Error && &n.text == msg && !n.offer_export && !n.offer_reload
            })
        });
        if same {
            ctx.notice.set(None);
        }
    }
    out
}

/// A refused submit: what to say, and the fields it is about, by their labels
/// ([`FieldsAt`](crate::domain::problems::FieldsAt)); none for a refusal about the
/// whole form (another window, a damaged store).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Refusal {
    pub message: String,
    pub fields: Vec<String>,
}

impl Refusal {
    /// A domain error's refusal: its message, with the fields it names marked.
    pub fn of<E: std::fmt::Display + crate::domain::problems::FieldsAt>(e: &E) -> Refusal {
        Refusal {
            message: e.to_string(),
            fields: e.fields(),
        }
    }

    /// A save over fields another window changed meanwhile: said first
    /// (`text::edited_elsewhere`), with those fields marked.
    pub fn edited_elsewhere(
        conflicts: &[crate::domain::form_merge::EditConflict],
        submit: &str,
    ) -> Refusal {
        Refusal {
            message: crate::ui::text::edited_elsewhere(
                &crate::domain::form_merge::said(conflicts),
                submit,
            ),
            fields: conflicts.iter().map(|c| c.field.to_string()).collect(),
        }
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal {
            message,
            fields: Vec::new(),
        }
    }
}

/// [`update_inline`] for a form whose fields can be marked: a refusal keeps the fields
/// the domain's error names.
pub fn update_form<T, E: std::fmt::Display + crate::domain::problems::FieldsAt>(
    ctx: AppContext,
    what: &str,
    change: impl FnOnce(&mut crate::domain::AppState) -> Result<T, E>,
) -> Result<T, Refusal> {
    let fields = std::cell::RefCell::new(Vec::new());
    update_inline(ctx, what, |s| {
        change(s).inspect_err(|e| *fields.borrow_mut() = e.fields())
    })
    .map_err(|message| Refusal {
        message,
        fields: fields.into_inner(),
    })
}

thread_local! {
    /// The last number given to a form's error line (its id must be unique on a page).
    static FORM_ERRORS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A form's last refusal: the message under the form, and the fields it names, which
/// are marked (`aria-invalid`, described by the message) until the next submit. The
/// keyboard goes to the first marked field.
#[derive(Clone, Copy)]
pub struct FormFaults {
    /// The message, as [`FormError`] shows it.
    pub error: RwSignal<Option<String>>,
    fields: RwSignal<Vec<String>>,
    id: u32,
}

impl FormFaults {
    /// No refusal yet.
    pub fn new() -> FormFaults {
        let id = FORM_ERRORS.with(|n| {
            n.set(n.get().wrapping_add(1));
            n.get()
        });
        FormFaults {
            error: RwSignal::new(None),
            fields: RwSignal::new(Vec::new()),
            id,
        }
    }

    /// The id of the message's line, which a marked field is described by.
    pub fn error_id(self) -> String {
        format!("form-error-{}", self.id)
    }

    /// Shows a refusal, marks its fields, and puts the keyboard on the first of them
    /// in the form's order once they are marked.
    pub fn refuse(self, r: Refusal) {
        let any = !r.fields.is_empty();
        self.fields.set(r.fields);
        self.error.set(Some(r.message));
        if any {
            let id = self.error_id();
            request_animation_frame(move || focus_first_marked(&id));
        }
    }

    /// A submit went through: nothing is marked.
    pub fn clear(self) {
        self.error.set(None);
        self.fields.set(Vec::new());
    }

    /// Whether the field labelled `label` is marked (tracked).
    pub fn marks(self, label: &str) -> bool {
        self.fields.with(|f| f.iter().any(|x| x == label))
    }
}

impl Default for FormFaults {
    fn default() -> FormFaults {
        FormFaults::new()
    }
}

/// Focuses the first marked field of the form whose error line has the id `error_id`.
fn focus_first_marked(error_id: &str) {
    use wasm_bindgen::JsCast;
    let first = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(error_id))
        // A form, or a row of fields that acts as one (a round's 添加评委).
        .and_then(|e| e.closest("form, .inline-form").ok().flatten())
        .and_then(|f| f.query_selector("[aria-invalid=\"true\"]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}

/// A labelled one-line text input bound to `value`.
#[component]
pub fn TextField(
    /// The label (the input's accessible name).
    #[prop(into)]
    label: String,
    /// What the input holds.
    value: RwSignal<String>,
    /// A hint inside the empty input.
    #[prop(into, optional)]
    placeholder: String,
    /// Marks the field as required (`aria-required`).
    #[prop(optional)]
    required: bool,
    /// A wider field (for titles and reasons).
    #[prop(optional)]
    wide: bool,
    /// `search` for a search box; `text` otherwise.
    #[prop(optional)]
    search: bool,
    /// The form's refusals: the field is marked while the last one names it.
    #[prop(optional)]
    faults: Option<FormFaults>,
) -> impl IntoView {
    let (invalid, described_by) = marks(faults, &label, None);
    view! {
        <label class=if wide { "field field--wide" } else { "field" }>
            <span>{label.clone()}</span>
            <input type=if search { "search" } else { "text" } placeholder=placeholder aria-label=label.clone()
                aria-required=required.then_some("true")
                aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e)) />
        </label>
    }
}

/// A labelled date input (`YYYY-MM-DD`) bound to `value`.
#[component]
pub fn DateField(
    /// The label (the input's accessible name).
    #[prop(into)]
    label: String,
    /// The date as `YYYY-MM-DD`, or empty.
    value: RwSignal<String>,
    /// The form's refusals: the field is marked while the last one names it.
    #[prop(optional)]
    faults: Option<FormFaults>,
) -> impl IntoView {
    let (invalid, described_by) = marks(faults, &label, None);
    view! {
        <label class="field">
            <span>{label.clone()}</span>
            <input type="date" aria-label=label.clone() prop:value=move || value.get()
                aria-invalid=invalid aria-describedby=described_by
                on:input=move |e| value.set(event_target_value(&e)) />
        </label>
    }
}

/// A labelled multi-line text area bound to `value`.
#[component]
pub fn TextArea(
    /// The label (the text area's accessible name).
    #[prop(into)]
    label: String,
    /// What the text area holds.
    value: RwSignal<String>,
    /// A hint inside the empty text area.
    #[prop(into, optional)]
    placeholder: String,
    /// Visible lines (3 when not given).
    #[prop(optional)]
    rows: Option<u32>,
    /// The form's refusals: the field is marked while the last one names it.
    #[prop(optional)]
    faults: Option<FormFaults>,
) -> impl IntoView {
    let (invalid, described_by) = marks(faults, &label, None);
    view! {
        <label class="field field--wide">
            <span>{label.clone()}</span>
            <textarea rows=rows.unwrap_or(3) placeholder=placeholder aria-label=label.clone()
                aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))></textarea>
        </label>
    }
}

/// A labelled `<select>` whose options are (code, text) pairs; `value` holds the chosen
/// code. With `all_label`, a first option with the empty code stands for "any" (a
/// filter).
#[component]
pub fn ChoiceSelect(
    /// The label (the select's accessible name).
    #[prop(into)]
    label: String,
    /// The options: a stable code and the text shown.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen code.
    value: RwSignal<String>,
    /// The text of a first option with the empty code: "any" for a filter (e.g. "全部"),
    /// or "nothing chosen yet" for a form (e.g. "请选择", checked on submit).
    #[prop(optional)]
    all_label: Option<&'static str>,
    /// The form's refusals: the field is marked while the last one names it.
    #[prop(optional)]
    faults: Option<FormFaults>,
    /// Another name a refusal may give the field (a unit choice is
    /// `between_rounds::UNIT_FIELD` to the domain, whatever its label).
    #[prop(optional)]
    also: Option<&'static str>,
) -> impl IntoView {
    let (invalid, described_by) = marks(faults, &label, also);
    if all_label.is_some() {
        // A filter on something no longer there (a unit deleted, the last application
        // of a year deleted, a filter kept from before) would hide every row behind a
        // blank box: it falls back to "any".
        Effect::new(move |_| {
            // "Any" needs no check (and the options, often derived from the whole
            // roster, are not worked out again for it).
            let chosen = value.get();
            if chosen.is_empty() {
                return;
            }
            if options.with(|o| !o.iter().any(|(code, _)| *code == chosen)) {
                value.set(String::new());
            }
        });
    }
    view! {
        <label class="field">
            <span>{label.clone()}</span>
            // The value as a property too: once a person has picked an option, the
            // browser ignores later changes to the options' `selected` attributes.
            <select aria-label=label.clone() prop:value=move || value.get()
                aria-invalid=invalid aria-describedby=described_by
                on:change=move |e| value.set(event_target_value(&e))>
                {all_label.map(|t| view! {
                    <option value="" selected=move || value.get().is_empty()>{t}</option>
                })}
                {move || options.get().into_iter().map(|(code, shown)| {
                    let c = code.clone();
                    view! { <option value=code selected=move || value.get() == c>{shown}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A group of checkboxes with a legend; `value` holds the codes that are checked.
#[component]
pub fn ChoiceChecks(
    /// The group's name (its legend).
    #[prop(into)]
    legend: String,
    /// The choices: a stable code and the text shown (each box's name).
    options: Vec<(String, String)>,
    /// The checked codes.
    value: RwSignal<Vec<String>>,
    /// The form's refusals: each box is marked while the last one names the group.
    #[prop(optional)]
    faults: Option<FormFaults>,
) -> impl IntoView {
    let (invalid, described_by) = marks(faults, &legend, None);
    let invalid = Signal::derive(invalid);
    let described_by = Signal::derive(described_by);
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {options.into_iter().map(|(code, shown)| {
                let (c1, c2) = (code.clone(), code);
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || value.with(|v| v.contains(&c1))
                            aria-invalid=move || invalid.get() aria-describedby=move || described_by.get()
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                value.update(|v| {
                                    v.retain(|x| *x != c2);
                                    if on { v.push(c2.clone()); }
                                });
                            } />
                        {shown}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A modal dialog that asks for a reason before an action (e.g. undoing a step). The
/// reason is passed to `on_confirm`; an `Err` is shown in the dialog and keeps it open.
#[component]
pub fn ReasonDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's title (its accessible name).
    #[prop(into)]
    title: Signal<String>,
    /// What will happen, in plain words.
    #[prop(into)]
    message: Signal<String>,
    /// The reason field's label.
    #[prop(into)]
    reason_label: String,
    /// The confirm button's label.
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Called with the reason; `Ok` closes the dialog.
    on_confirm: Callback<String, Result<(), String>>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let reason_label = StoredValue::new(reason_label);
    let close = move || {
        open.set(false);
        reason.set(String::new());
        error.set(None);
    };
    let title_id = "reason-dialog-title";
    view! {
        <Show when=move || open.get()>
            <Modal labelled_by=title_id on_close=Callback::new(move |_| close())>
                <h2 id=title_id>{move || title.get()}</h2>
                <p class="modal__message">{move || message.get()}</p>
                <TextField label=reason_label.get_value() value=reason wide=true required=true />
                <FormError error />
                <div class="modal__actions">
                    <button type="button" class="danger" on:click=move |_| {
                        match on_confirm.run(reason.get_untracked()) {
                            Ok(()) => close(),
                            Err(e) => error.set(Some(e)),
                        }
                    }>{move || confirm_label.get()}</button>
                    <button type="button" on:click=move |_| close()>{text::CANCEL}</button>
                </div>
            </Modal>
        </Show>
    }
}

/// The `aria-invalid` and `aria-describedby` of a field labelled `label` (or named
/// `also` by a refusal): nothing without the form's refusals.
pub fn marks(
    faults: Option<FormFaults>,
    label: &str,
    also: Option<&'static str>,
) -> (
    impl Fn() -> Option<&'static str> + 'static,
    impl Fn() -> Option<String> + 'static,
) {
    let label = label.to_string();
    let on = move || faults.is_some_and(|f| f.marks(&label) || also.is_some_and(|a| f.marks(a)));
    let on2 = on.clone();
    (
        move || on().then_some("true"),
        move || on2().then(|| faults.map(FormFaults::error_id).unwrap_or_default()),
    )
}

/// A form's error, read where the form is (a screen reader hears it at once). With
/// `id`, the fields it names are described by it.
#[component]
pub fn FormError(
    /// The message, if the last submit was refused.
    error: RwSignal<Option<String>>,
    /// The line's id (see [`FormFaults::error_id`]).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    move || {
        let id = id.clone();
        error
            .get()
            .map(|e| view! { <p class="error" role="alert" id=id>{e}</p> })
    }
}

/// A form's last lines: its submit button, 取消, and the error of the last submit.
#[component]
pub fn FormActions(
    /// The submit button's label.
    #[prop(into)]
    submit_label: String,
    /// Called by 取消.
    on_cancel: Callback<()>,
    /// The message, if the last submit was refused.
    error: RwSignal<Option<String>>,
    /// The message line's id (see [`FormFaults::error_id`]).
    #[prop(optional, into)]
    error_id: Option<String>,
) -> impl IntoView {
    view! {
        <div class="form-actions">
            <button type="submit">{submit_label}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{text::CANCEL}</button>
        </div>
        {match error_id {
            Some(id) => view! { <FormError error id /> }.into_any(),
            None => view! { <FormError error /> }.into_any(),
        }}
    }
}

/// Asks once before a form writes over a record that another window (or an import)
/// saved after the form opened, which would otherwise silently undo that change:
/// `opened` is the record's revision when the form opened.
#[derive(Clone, Copy)]
pub struct StaleGuard {
    opened: StoredValue<u32>,
    /// The revision the person was told of: saving again over it goes ahead.
    told: StoredValue<Option<u32>>,
}

impl StaleGuard {
    /// A guard for a form opened on a record at revision `rev`.
    pub fn new(rev: u32) -> StaleGuard {
        StaleGuard {
            opened: StoredValue::new(rev),
            told: StoredValue::new(None),
        }
    }

    /// The form opened (again) on the record at revision `rev`.
    pub fn reopened(self, rev: u32) {
        self.opened.set_value(rev);
        self.told.set_value(None);
    }

    /// The revision the form opened on, as a field of its draft: kept with the typing,
    /// so that a form drawn again (another window saved the record, and the list
    /// redrew it) or opened again from its draft still counts from the revision the
    /// typing started on, and asks before writing over the other window's change.
    pub fn rev_field(self) -> RwSignal<String> {
        RwSignal::new(self.opened.get_value().to_string())
    }

    /// After the form's draft is restored: counts from the revision `field` holds.
    pub fn restored_from(self, field: RwSignal<String>) {
        if let Ok(rev) = field.get_untracked().parse::<u32>() {
            if rev != self.opened.get_value() {
                self.reopened(rev);
            }
        }
    }

    /// `Ok` when the record, now at revision `current` (`None`: gone, which the save
    /// itself reports), is as the form found it, or the person was told of this very
    /// change and saves again; otherwise the words that tell them (`submit` is the
    /// form's button).
    pub fn check(self, current: Option<u32>, submit: &str) -> Result<(), String> {
        match current {
            Some(rev) if rev != self.opened.get_value() && self.told.get_value() != Some(rev) => {
                self.told.set_value(Some(rev));
                Err(text::saved_elsewhere(submit))
            }
            _ => Ok(()),
        }
    }
}

/// The draft of one form: what is typed into its text fields is kept in the context
/// under the form's key while it differs from what the form opened with, so leaving
/// the page (or the form) loses nothing; the form, opened again, shows it. Saving or
/// 取消 forgets it ([`FormDraft::done`]).
#[derive(Clone, Copy)]
pub struct FormDraft {
    key: StoredValue<String>,
    done: StoredValue<bool>,
    /// What the fields held when the form opened (or was last saved and left open).
    opened: StoredValue<Vec<String>>,
    fields: StoredValue<Vec<DraftField>>,
    /// The form was opened with a kept draft (said in the form, until saved or 取消).
    restored: RwSignal<bool>,
}

impl FormDraft {
    /// Forgets the draft (the form was saved or cancelled, and closes).
    pub fn done(self) {
        let ctx = AppContext::get();
        self.done.set_value(true);
        self.restored.set(false);
        ctx.keep_form_draft(&self.key.get_value(), None);
    }

    /// Forgets the draft of a form that stays open after saving (登记 one item after
    /// another): what it holds now is the new starting point.
    pub fn saved(self) {
        let ctx = AppContext::get();
        let now = self
            .fields
            .with_value(|f| f.iter().map(|x| x.get_untracked()).collect());
        self.opened.set_value(now);
        self.restored.set(false);
        ctx.keep_form_draft(&self.key.get_value(), None);
    }

    /// The form itself filled `field` (a default that follows another field, such as a
    /// 警示's 整改期限 after its date): its value now is what the form opened with, not
    /// typing to keep (a page visited and left untouched said 已恢复… on return).
    pub fn filled_in(self, field: RwSignal<String>) {
        let at = self.fields.with_value(|f| {
            f.iter()
                .position(|x| matches!(x, DraftField::Text(s) if *s == field))
        });
        if let Some(i) = at {
            let v = field.get_untracked();
            self.opened.update_value(|o| {
                if let Some(slot) = o.get_mut(i) {
                    *slot = v;
                }
            });
        }
    }

    /// Whether the form shows a kept draft (until saved or 取消); tracked.
    pub fn is_restored(self) -> bool {
        self.restored.get()
    }

    /// The form's line saying its text was kept from before (nothing otherwise). In
    /// the form, not the banner: it belongs to this form and must not hide the page's
    /// own message (已删除… after a delete).
    pub fn note(self) -> impl IntoView {
        move || {
            self.restored
                .get()
                .then(|| view! { <p class="hint warn" role="status">{text::DRAFT_RESTORED}</p> })
        }
    }
}

/// Whether form `key` has unsaved text kept (a page opens such a form at once).
pub fn has_draft(key: &str) -> bool {
    AppContext::get().form_draft(key).is_some()
}

/// One field of a form's draft: a text (an input, a select), or a group of checkboxes
/// (the codes checked), kept as one text.
#[derive(Clone, Copy)]
pub enum DraftField {
    Text(RwSignal<String>),
    Checks(RwSignal<Vec<String>>),
}

/// Between the codes of a [`DraftField::Checks`] kept as text (never typed).
const CODE_SEP: char = '\u{1f}';

impl DraftField {
    fn get(self) -> String {
        match self {
            DraftField::Text(s) => s.get(),
            DraftField::Checks(l) => l.with(|v| v.join(&CODE_SEP.to_string())),
        }
    }

    fn get_untracked(self) -> String {
        match self {
            DraftField::Text(s) => s.get_untracked(),
            DraftField::Checks(l) => l.with_untracked(|v| v.join(&CODE_SEP.to_string())),
        }
    }

    fn set(self, v: String) {
        match self {
            DraftField::Text(s) => s.set(v),
            DraftField::Checks(l) => l.set(if v.is_empty() {
                Vec::new()
            } else {
                v.split(CODE_SEP).map(str::to_string).collect()
            }),
        }
    }
}

/// Keeps the text of `fields` as the draft of form `key` (see [`FormDraft`]); a draft
/// kept earlier is put back into the fields first, with a note saying so.
pub fn keep_draft(key: impl Into<String>, fields: Vec<RwSignal<String>>) -> FormDraft {
    keep_draft_fields(key, fields.into_iter().map(DraftField::Text).collect())
}

/// [`keep_draft`] for a form with groups of checkboxes too (登记成果's 创新类型, 督导内容):
/// left out, a restored form came back with every box unticked and was saved so.
pub fn keep_draft_fields(key: impl Into<String>, fields: Vec<DraftField>) -> FormDraft {
    let ctx = AppContext::get();
    let key = key.into();
    let opened: Vec<String> = fields.iter().map(|f| f.get_untracked()).collect();
    let restored = RwSignal::new(false);
    if let Some(kept) = ctx.form_draft(&key).filter(|k| k.len() == fields.len()) {
        for (f, v) in fields.iter().zip(kept) {
            f.set(v);
        }
        // Said to a person who closed or left the form and came back; a form the page
        // merely drew again (another form saved, another window's change) keeps its
        // text without a word: the person never left it.
        // A form redrawn just after the person came back keeps the note it showed.
        restored.set(ctx.form_redrawn(&key).unwrap_or(true));
    }
    {
        let key = key.clone();
        let drawn_in = ctx.page_visit();
        on_cleanup(move || {
            let noted = restored.try_get_untracked().unwrap_or(false);
            ctx.form_closed(&key, drawn_in, noted);
        });
    }
    let draft = FormDraft {
        key: StoredValue::new(key),
        done: StoredValue::new(false),
        opened: StoredValue::new(opened),
        fields: StoredValue::new(fields.clone()),
        restored,
    };
    Effect::new(move |_| {
        let now: Vec<String> = fields.iter().map(|f| f.get()).collect();
        if draft.done.get_value() {
            return;
        }
        let changed = draft.opened.with_value(|o| *o != now);
        ctx.keep_form_draft(&draft.key.get_value(), changed.then_some(now));
    });
    draft
}

/// Keeps the search and filters of list `key` (`fields`, each a text value) while the
/// person visits other pages: the list opens again with what was set, so Back from a
/// record finds the list as it was. All empty is nothing to keep.
pub fn keep_filters(key: &'static str, fields: Vec<RwSignal<String>>) {
    let ctx = AppContext::get();
    if let Some(kept) = ctx.list_filters(key).filter(|k| k.len() == fields.len()) {
        for (f, v) in fields.iter().zip(kept) {
            f.set(v);
        }
    }
    Effect::new(move |_| {
        let now: Vec<String> = fields.iter().map(|f| f.get()).collect();
        let set = now.iter().any(|v| !v.is_empty());
        ctx.keep_list_filters(key, set.then_some(now));
    });
}

/// Sets a list's filters from the link that opened it (`route::href_with`, e.g. 概览's
/// 去销号): each named field takes the link's value, the others are cleared, so the list
/// shows what the link said. The filters then leave the address, so that Back from a
/// record finds the list as the person left it. No filters in the link: nothing changes.
pub fn filters_from_link(fields: &[(&str, RwSignal<String>)]) {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    let set = crate::route::link_filters(&hash);
    if set.is_empty() {
        return;
    }
    for (name, field) in fields {
        let v = set.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        field.set(v.unwrap_or_default());
    }
    let plain = hash.split('?').next().unwrap_or_default().to_string();
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&plain));
    }
}

/// Goes to another screen (sets the location's hash; the app follows it).
pub fn navigate(route: &crate::route::Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

/// Focuses the first field of a form drawn on request (登记申报, 登记督导 and the
/// like) once it is there, so the keyboard carries on where the person asked for it.
pub fn focus_first_field(form: NodeRef<leptos::html::Form>) {
    Effect::new(move |_| {
        if let Some(f) = form.get() {
            focus_first_field_of(&f);
        }
    });
}

/// Puts the keyboard on the first field of `form` now: a form emptied for the next
/// entry (添加单位), where the next one begins.
pub fn focus_first_field_of(form: &web_sys::HtmlFormElement) {
    use wasm_bindgen::JsCast;
    let first = form
        .query_selector("input:not([type=hidden]), select, textarea")
        .ok()
        .flatten();
    if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Puts the keyboard on the button named `name` (its `aria-label`) once it is drawn
/// (the next frame), or on `or_else` when that one is disabled: the button of an item
/// moved up or down, so that pressing it again moves the same item on.
pub fn focus_button_when_drawn(name: String, or_else: String) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let Some(all) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all("button[aria-label]").ok())
        else {
            return;
        };
        let buttons: Vec<web_sys::HtmlButtonElement> = (0..all.length())
            .filter_map(|i| all.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .collect();
        let named = |want: &str| {
            buttons
                .iter()
                .find(|b| b.get_attribute("aria-label").as_deref() == Some(want) && !b.disabled())
        };
        if let Some(b) = named(&name).or_else(|| named(&or_else)) {
            let _ = b.focus();
        }
    });
}

/// Puts the keyboard on the element with id `id` once it is drawn (the next frame): the
/// result of a file the person chose, where they go on. Without it the keyboard was
/// left on the page's heading, or nowhere (the file input is disabled while the file
/// is read). The element should take focus (`tabindex="-1"` on a heading).
pub fn focus_when_drawn(id: impl Into<String>) {
    use wasm_bindgen::JsCast;
    let id = id.into();
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
