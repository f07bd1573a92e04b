//! 整改: the rectification items with filters (overdue ones stand out), a form to add
//! one, and one item's page with its dated progress notes, 销号 with its evidence, and
//! deletion. Rules and figures are `domain::between_rounds::rectification`.

use leptos::prelude::*;

use crate::ui::components::gone_drafts::TextOfGoneRecord;

use crate::domain::between_rounds::rectification::{
    self as rect, RectificationDraft, RectificationFilter,
};
use crate::domain::between_rounds::UNIT_FIELD;
use crate::domain::{ProblemCategory, ProblemSource, Rectification, RectificationStatus};
use crate::route::Route;
use crate::ui::components::between::{by_code, name, options, unit_options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    filters_from_link, keep_draft, keep_filters, update_form, ChoiceSelect, DateField, FormActions,
    FormDraft, FormError, FormFaults, Refusal, TextArea, TextField,
};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// A row of the list.
#[derive(Clone, PartialEq)]
struct Row {
    r: Rectification,
    unit: String,
    overdue: bool,
    /// Days the 销号 came after the deadline (0 when on time or not closed).
    closed_late: i64,
    /// The deadline moved after it had passed: which, and how long overdue then.
    extended: Option<(String, i64)>,
    /// Past due, owed before the unit left and was selected again: not counted overdue.
    earlier: bool,
}

/// The 整改 page: the list and the add form.
#[component]
pub fn RectificationPage() -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let as_of = crate::domain::reports::notice::written_date(&today);
    let unit = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let late = RwSignal::new(String::new());
    keep_filters("整改", vec![unit, category, status, source, late]);
    filters_from_link(&[
        ("unit", unit),
        ("category", category),
        ("status", status),
        ("source", source),
        ("late", late),
    ]);
    let rows = Memo::new(move |_| {
        let f = RectificationFilter {
            unit_id: unit.get(),
            category: by_code(
                &ProblemCategory::ALL,
                ProblemCategory::code,
                &category.get(),
            ),
            status: by_code(
                &RectificationStatus::ALL,
                RectificationStatus::code,
                &status.get(),
            ),
            source: by_code(&ProblemSource::ALL, ProblemSource::code, &source.get()),
            overdue_only: late.get() == "yes",
        };
        ctx.state.with(|s| {
            rect::filtered(s, &f, &today)
                .into_iter()
                .map(|r| Row {
                    r: r.clone(),
                    // Marked when it has left, as the year's export marks it: its item
                    // past the deadline is then not counted overdue (a clerk's re-test).
                    unit: match s.unit(&r.unit_id).and_then(|u| u.departure_by(&today)) {
                        Some(h) => crate::domain::roster::departed_name(&name(s, &r.unit_id), h.to),
                        None => name(s, &r.unit_id),
                    },
                    overdue: rect::is_overdue_in(s, r, &today),
                    closed_late: rect::days_closed_late(r),
                    extended: rect::extended_when_overdue(r),
                    earlier: rect::owed_in_earlier_spell(s, r, &today),
                })
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.rectifications.len()));
    let late_opts = Signal::derive(|| vec![("yes".to_string(), "只看逾期".to_string())]);
    // An item half entered before the person left opens again with its text.
    let adding = RwSignal::new(crate::ui::components::fields::has_draft(&draft_key(None)));
    view! {
        <section class="rectification">
            <h1>"整改"</h1>
            <p class="hint no-print">"问题整改事项：来自考评发现、警示决定、督导发现或其他。逾期未完成的事项标红；单位报“已完成”后，由工委核验并“销号”，超过整改期限才销号的标“逾期销号”，已逾期才调整整改期限的标“逾期后延期”。"</p>
            <div class="filters" role="search" aria-label="筛选整改事项">
                <ChoiceSelect label="单位" options=unit_options(ctx) value=unit all_label=text::ANY />
                <ChoiceSelect label="问题类别" options=Signal::derive(|| options(&ProblemCategory::ALL, ProblemCategory::code, ProblemCategory::label)) value=category all_label=text::ANY />
                <ChoiceSelect label="状态" options=Signal::derive(|| options(&RectificationStatus::ALL, RectificationStatus::code, RectificationStatus::label)) value=status all_label=text::ANY />
                <ChoiceSelect label="来源" options=Signal::derive(|| options(&ProblemSource::ALL, ProblemSource::code, ProblemSource::label)) value=source all_label=text::ANY />
                <ChoiceSelect label="是否逾期" options=late_opts value=late all_label=text::ANY />
            </div>
            // On paper the filters are not shown: which items these are, and as of when
            // (逾期 is counted at that day), is said instead (a clerk's review: six
            // overdue items printed read as the whole list, undated).
            <p class="print-only">{
                move || {
                    let mut parts = Vec::new();
                    let u = unit.get();
                    if !u.is_empty() {
                        parts.push(format!("单位：{}", ctx.state.with(|s| name(s, &u))));
                    }
                    if let Some(c) = by_code(&ProblemCategory::ALL, ProblemCategory::code, &category.get()) {
                        parts.push(format!("问题类别：{}", c.label()));
                    }
                    if let Some(c) = by_code(&RectificationStatus::ALL, RectificationStatus::code, &status.get()) {
                        parts.push(format!("状态：{}", c.label()));
                    }
                    if let Some(c) = by_code(&ProblemSource::ALL, ProblemSource::code, &source.get()) {
                        parts.push(format!("来源：{}", c.label()));
                    }
                    if late.get() == "yes" {
                        parts.push("只看逾期".to_string());
                    }
                    let which = if parts.is_empty() {
                        "全部整改事项".to_string()
                    } else {
                        format!("筛选条件：{}", parts.join("；"))
                    };
                    format!("（截至{as_of}，{which}）")
                }
            }</p>
            <p role="status">{move || format!("共{}项整改事项，符合条件{}项，其中逾期{}项。",
                total.get(), rows.with(Vec::len), rows.with(|r| r.iter().filter(|x| x.overdue).count()))}</p>
            <p class="no-print">
                <button type="button" aria-expanded=move || adding.get().to_string()
                    on:click=move |_| adding.update(|a| *a = !*a)>{text::ADD_RECTIFICATION}</button>
                // One unit chosen: its 整改通知 (the open items as an official document).
                {move || {
                    let id = unit.get();
                    (!id.is_empty()).then(|| {
                        let who = ctx.state.with(|s| name(s, &id));
                        view! { " " <a href=Route::RectificationNotice(id).href()>{format!("{}：{who}", text::RECTIFICATION_NOTICE)}</a> }
                    })
                }}
            </p>
            <Show when=move || adding.get()>
                // Opened with a unit filtered, the item is that unit's; otherwise the
                // unit is chosen (never the roster's first unseen).
                <ItemForm for_unit=unit.get_untracked() on_done=Callback::new(move |_| adding.set(false)) />
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || if total.get() == 0 { "还没有整改事项。" } else { "没有符合条件的整改事项。" }}</p> }>
                <div class="table-wrap">
                    <table class="rect-list">
                        <caption class="visually-hidden">"整改事项"</caption>
                        <thead><tr>
                            <th scope="col">"单位"</th><th scope="col">"问题类别"</th><th scope="col">"问题描述"</th>
                            <th scope="col">"来源"</th><th scope="col">"责任人"</th><th scope="col">"整改期限"</th>
                            <th scope="col">"状态"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|x| (x.r.id.clone(), x.r.meta.rev, x.overdue)
                                children=move |x: Row| view! {
                                    <tr class:overdue=x.overdue>
                                        <td>{x.unit.clone()}</td>
                                        <td>{x.r.category.label()}</td>
                                        <td><a href=Route::RectificationItem(x.r.id.clone()).href()>{rect::heading_of(&x.r.description).0}</a></td>
                                        <td>{x.r.source.label()}</td>
                                        <td>{x.r.owner.clone()}</td>
                                        <td>{x.r.deadline.clone()}</td>
                                        <td>{x.r.status.label()}
                                            {x.overdue.then(|| view! { " "<span class="badge badge--danger">"逾期"</span> })}
                                            {x.earlier.then(|| view! { " "<span class="badge badge--warn">{text::RAISED_BEFORE_RESELECTED}</span> })}
                                            {(x.closed_late > 0).then(|| view! { " "<span class="badge badge--warn" title=closed_late_text(x.closed_late)>{text::CLOSED_LATE}</span> })}
                                            {x.extended.clone().map(|e| view! { " "<span class="badge badge--warn" title=extended_text(&e)>{text::EXTENDED_WHEN_OVERDUE}</span> })}</td>
                                    </tr>
                                } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// `逾期销号：晚于整改期限12天`.
fn closed_late_text(days: i64) -> String {
    format!("{}：晚于整改期限{days}天", text::CLOSED_LATE)
}

/// `逾期后延期：原整改期限 2027-03-31 已逾期10天后调整`.
fn extended_text((from, days): &(String, i64)) -> String {
    format!(
        "{}：原整改期限 {from} 已逾期{days}天后调整",
        text::EXTENDED_WHEN_OVERDUE
    )
}

/// The key of the item form's draft: 登记 or 修改 of one item (see `fields::keep_draft`).
fn draft_key(item: Option<&str>) -> String {
    match item {
        Some(id) => format!("{}/{id}", text::EDIT_RECTIFICATION),
        None => text::ADD_RECTIFICATION.to_string(),
    }
}

/// The form that adds an item, or edits `item` when given; `on_done` runs after it is
/// saved or cancelled.
/// The item form's fields (unit, category, source, status, description, owner,
/// deadline; the enums by their codes) as a draft.
fn draft_of(f: [RwSignal<String>; 7]) -> RectificationDraft {
    let [unit, category, source, status, description, owner, deadline] =
        f.map(|s| s.get_untracked());
    RectificationDraft {
        unit_id: unit,
        category: by_code(&ProblemCategory::ALL, ProblemCategory::code, &category)
            .unwrap_or(ProblemCategory::Other),
        source: by_code(&ProblemSource::ALL, ProblemSource::code, &source)
            .unwrap_or(ProblemSource::Other),
        description,
        owner,
        deadline,
        status: by_code(
            &RectificationStatus::ALL,
            RectificationStatus::code,
            &status,
        )
        .unwrap_or(RectificationStatus::Open),
    }
}

/// For 修改整改事项: the conflicts with another window's change already said (the same
/// save again goes ahead). What the form opened with travels in its draft.
type Seen = StoredValue<Vec<crate::domain::form_merge::EditConflict>>;

#[component]
fn ItemForm(
    #[prop(optional)] item: Option<Rectification>,
    /// For an edit, the conflicts already said. Saved over a change made since the form
    /// opened (标记已完成 on the same page, another window, a 延期, an import), only the
    /// fields changed here are written; a field both changed is said first.
    #[prop(optional)]
    seen: Option<Seen>,
    /// For a new item: the unit it is for (the list's unit filter), if one is chosen.
    #[prop(optional)]
    for_unit: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::components::fields::focus_first_field(form_ref);
    let it = item.clone();
    let unit = RwSignal::new(it.as_ref().map_or(for_unit, |r| r.unit_id.clone()));
    let category = RwSignal::new(
        it.as_ref()
            .map_or(ProblemCategory::UnevenProgress, |r| r.category)
            .code()
            .to_string(),
    );
    let source = RwSignal::new(
        it.as_ref()
            .map_or(ProblemSource::Evaluation, |r| r.source)
            .code()
            .to_string(),
    );
    let status = RwSignal::new(
        it.as_ref()
            .map_or(RectificationStatus::Open, |r| r.status)
            .code()
            .to_string(),
    );
    let description = RwSignal::new(
        it.as_ref()
            .map(|r| r.description.clone())
            .unwrap_or_default(),
    );
    let owner = RwSignal::new(it.as_ref().map(|r| r.owner.clone()).unwrap_or_default());
    let deadline = RwSignal::new(it.as_ref().map(|r| r.deadline.clone()).unwrap_or_default());
    let faults = FormFaults::new();
    let editing = StoredValue::new(item.map(|r| r.id));
    let label = if editing.get_value().is_some() {
        text::EDIT_RECTIFICATION
    } else {
        text::ADD_RECTIFICATION
    };
    let shown = [unit, category, source, status, description, owner, deadline];
    // What an edit opened with, as hidden fields of its draft: a form opened again from
    // its draft (a reload, a visit elsewhere, the page redrawn after 标记已完成) still
    // writes only the fields changed in it, not its old values over a change saved
    // meanwhile.
    let opened_fields = shown.map(|f| RwSignal::new(f.get_untracked()));
    let mut fields = shown.to_vec();
    if editing.get_value().is_some() {
        fields.extend(opened_fields);
    }
    let kept = keep_draft(draft_key(editing.get_value().as_deref()), fields);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = draft_of(shown);
        // Saved over a change made since the form opened: the fields left alone keep it.
        let opened = editing.get_value().map(|_| draft_of(opened_fields));
        let mut changed_elsewhere = false;
        if let (Some(id), Some(seen), Some(opened)) = (editing.get_value(), seen, &opened) {
            let (conflicts, changed) = ctx.state.with_untracked(|s| {
                (
                    rect::edit_conflicts(s, &id, opened, &draft),
                    s.rectifications
                        .iter()
                        .find(|r| r.id == id)
                        .is_some_and(|r| RectificationDraft::from_item(r) != *opened),
                )
            });
            if !conflicts.is_empty() && seen.with_value(|s| *s != conflicts) {
                let refusal = Refusal::edited_elsewhere(&conflicts, text::SAVE_CHANGES);
                seen.set_value(conflicts);
                faults.refuse(refusal);
                return;
            }
            changed_elsewhere = changed;
        }
        let now = ctx.now();
        // The deadline before this save: a correction that leaves it is not pointed at.
        let before = editing.get_value().and_then(|id| {
            ctx.state.with_untracked(|s| {
                s.rectifications
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.deadline.clone())
            })
        });
        let done = match editing.get_value() {
            Some(id) => update_form(ctx, label, |s| {
                match &opened {
                    Some(o) => rect::edit_from(s, &id, o, draft, &now),
                    None => rect::edit(s, &id, draft, &now),
                }
                .map(|()| id)
            }),
            None => update_form(ctx, label, |s| rect::add(s, draft, &now)),
        };
        match done {
            Ok(id) => {
                faults.clear();
                // A deadline already past, or years ahead, is pointed out (a year typed
                // wrong), when it was typed in this form.
                let past = ctx.state.with_untracked(|s| {
                    s.rectifications
                        .iter()
                        .find(|r| r.id == id)
                        .filter(|r| before.as_ref() != Some(&r.deadline))
                        .and_then(|r| rect::past_deadline_note(r, &ctx.today()))
                });
                let others = if changed_elsewhere {
                    text::OTHERS_KEPT
                } else {
                    ""
                };
                ctx.notice.set(Some(match past {
                    Some(note) => Notice::warning(format!("已保存整改事项。{others}{note}")),
                    None => Notice::info(format!("已保存整改事项。{others}")),
                }));
                if editing.get_value().is_some() {
                    kept.done();
                    on_done.run(());
                } else {
                    description.set(String::new());
                    kept.saved();
                }
            }
            Err(e) => faults.refuse(e),
        }
    };
    // 已销号 only through 销号, with its evidence.
    let status_opts = Signal::derive(|| {
        options(
            &RectificationStatus::ALL,
            RectificationStatus::code,
            RectificationStatus::label,
        )
        .into_iter()
        .filter(|(c, _)| c != RectificationStatus::Closed.code())
        .collect()
    });
    view! {
        <form node_ref=form_ref class="step-form" aria-label=label on:submit=submit>
            <h2>{label}</h2>
            {kept.note()}
            <ChoiceSelect label=rect::labels::UNIT options=unit_options(ctx) value=unit all_label=text::CHOOSE_UNIT faults also=UNIT_FIELD />
            <ChoiceSelect label=rect::labels::CATEGORY options=Signal::derive(|| options(&ProblemCategory::ALL, ProblemCategory::code, ProblemCategory::label)) value=category />
            <ChoiceSelect label=rect::labels::SOURCE options=Signal::derive(|| options(&ProblemSource::ALL, ProblemSource::code, ProblemSource::label)) value=source />
            <TextField label=rect::labels::DESCRIPTION value=description wide=true required=true faults />
            <TextField label=rect::labels::OWNER value=owner faults />
            <DateField label=rect::labels::DEADLINE value=deadline faults />
            {editing.get_value().is_some().then(|| view! { <ChoiceSelect label=rect::labels::STATUS options=status_opts value=status faults /> })}
            <p class="hint">"来源为“警示决定”且不填整改期限时，取该单位警示时定出的整改期限。"</p>
            <FormActions submit_label={if editing.get_value().is_some() { text::SAVE_CHANGES } else { "登记" }} on_cancel=Callback::new(move |_| { kept.done(); on_done.run(()); }) error=faults.error error_id=faults.error_id() />
        </form>
    }
}

/// One item's page.
pub fn item_page(id: String) -> AnyView {
    view! { <ItemPage id /> }.into_any()
}

/// One item, its unit's name and the days it is overdue.
type Item = (Rectification, String, i64);

/// What the item page's parts share: the item and the fields of its forms.
#[derive(Clone, Copy)]
struct ItemState {
    ctx: AppContext,
    id: StoredValue<String>,
    note_date: RwSignal<String>,
    note: RwSignal<String>,
    close_date: RwSignal<String>,
    evidence: RwSignal<String>,
    /// The refusal of the progress form (记录进展, 标记已完成).
    note_error: FormFaults,
    /// The refusal of the 销号 form.
    close_error: FormFaults,
    /// Why a 销号 is withdrawn (撤销销号), and its refusal.
    reopen_reason: RwSignal<String>,
    reopen_error: FormFaults,
    /// Half-typed text of the progress, 销号 and 撤销销号 forms, kept while the clerk is
    /// elsewhere.
    progress_draft: FormDraft,
    close_draft: FormDraft,
    reopen_draft: FormDraft,
    edit_open: RwSignal<bool>,
    /// The conflicts 修改整改事项 has said (the form is drawn anew as the item changes;
    /// this stays).
    edit_seen: Seen,
    delete_open: RwSignal<bool>,
}

impl ItemState {
    /// After any change to the item saved from this page, no form's earlier refusal
    /// stays on screen (a 销号 refused, then progress recorded: the 销号 message went
    /// on reading as if it were the latest word).
    fn clear_errors(self) {
        self.note_error.clear();
        self.close_error.clear();
        self.reopen_error.clear();
    }

    fn add_note(self) {
        let ctx = self.ctx;
        let now = ctx.now();
        let (d, n) = (self.note_date.get_untracked(), self.note.get_untracked());
        match update_form(ctx, crate::ui::text::LOG_PROGRESS, |s| {
            rect::add_progress(s, &self.id.get_value(), &d, &n, &now)
        }) {
            Ok(()) => {
                self.clear_errors();
                self.note.set(String::new());
                self.progress_draft.saved();
            }
            Err(e) => self.note_error.refuse(e),
        }
    }

    fn close(self) {
        let ctx = self.ctx;
        let now = ctx.now();
        let (d, e) = (
            self.close_date.get_untracked(),
            self.evidence.get_untracked(),
        );
        match update_form(ctx, "销号", |s| {
            rect::close(s, &self.id.get_value(), &d, &e, &now)
        }) {
            Ok(()) => {
                self.clear_errors();
                self.close_draft.done();
                ctx.notice.set(Some(Notice::info("已销号，整改事项办结。")));
            }
            Err(e) => self.close_error.refuse(e),
        }
    }

    fn reopen(self) {
        let ctx = self.ctx;
        let now = ctx.now();
        let reason = self.reopen_reason.get_untracked();
        match update_form(ctx, "撤销销号", |s| {
            rect::reopen(s, &self.id.get_value(), &reason, &now)
        }) {
            Ok(()) => {
                self.clear_errors();
                self.reopen_reason.set(String::new());
                self.reopen_draft.done();
                ctx.notice.set(Some(Notice::info(
                    "已撤销销号：事项重新打开（整改中），撤销的原因记在整改进展中。",
                )));
            }
            Err(e) => self.reopen_error.refuse(e),
        }
    }

    /// 标记已完成, with the 进展情况 typed beside it (if any) recorded first as its
    /// progress note, in the same change: the text is not dropped.
    fn mark_done(self) {
        let now = self.ctx.now();
        let (d, n) = (self.note_date.get_untracked(), self.note.get_untracked());
        let id = self.id.get_value();
        match update_form(self.ctx, text::REPORT_DONE, |s| {
            if !n.trim().is_empty() {
                rect::add_progress(s, &id, &d, &n, &now)?;
            }
            rect::report_done(s, &id, &now)
        }) {
            Ok(()) => {
                self.clear_errors();
                self.note.set(String::new());
                self.progress_draft.saved();
                // Said, as 销号 and 撤销销号 are (a clerk's review: only the status moved).
                self.ctx.notice.set(Some(Notice::info(
                    "已标记为“已完成”；核实整改情况后，可在下方“销号”并写明依据。",
                )));
            }
            Err(e) => self.note_error.refuse(e),
        }
    }
}

#[component]
fn ItemPage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let id = StoredValue::new(id);
    let item = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.rectifications
                .iter()
                .find(|r| r.id == id.get_value())
                .map(|r| {
                    (
                        r.clone(),
                        name(s, &r.unit_id),
                        rect::days_overdue(r, &today),
                    )
                })
        })
    });
    let (note_date, note) = (RwSignal::new(ctx.today()), RwSignal::new(String::new()));
    let (close_date, evidence) = (RwSignal::new(ctx.today()), RwSignal::new(String::new()));
    let reopen_reason = RwSignal::new(String::new());
    let key = |form: &str| format!("rectification-{form}:{}", id.get_value());
    let st = ItemState {
        ctx,
        id,
        progress_draft: keep_draft(key("progress"), vec![note_date, note]),
        close_draft: keep_draft(key("close"), vec![close_date, evidence]),
        reopen_draft: keep_draft(key("reopen"), vec![reopen_reason]),
        note_date,
        note,
        close_date,
        evidence,
        note_error: FormFaults::new(),
        close_error: FormFaults::new(),
        reopen_reason,
        reopen_error: FormFaults::new(),
        edit_open: RwSignal::new(crate::ui::components::fields::has_draft(&draft_key(Some(
            &id.get_value(),
        )))),
        edit_seen: StoredValue::new(Vec::new()),
        delete_open: RwSignal::new(false),
    };
    let delete_message = Signal::derive(move || {
        item.with(|i| {
            i.as_ref()
                .map(|(r, u, _)| {
                    format!(
                        "将删除「{u}」的整改事项「{}」及其进展记录。删除后可点“撤销”找回{}。",
                        rect::heading_of(&r.description).0,
                        text::UNDO_LIMITS
                    )
                })
                .unwrap_or_default()
        })
    });
    let do_delete = Callback::new(move |_| {
        let label = item.with_untracked(|i| {
            i.as_ref().map_or_else(String::new, |(r, u, _)| {
                format!("删除整改事项前：{u} {}", rect::heading_of(&r.description).0)
            })
        });
        if let Ok((_, kept)) = ctx.update_kept("删除整改事项", &label, |s| {
            rect::delete(s, &id.get_value())
        }) {
            ctx.notice.set(Some(Notice::info(format!(
                "已删除整改事项。{}",
                text::deleted_note(kept)
            ))));
            // The record's page is gone: back to the list it was opened from.
            crate::ui::components::fields::navigate(&Route::Rectification);
        }
    });
    view! {
        {move || match item.get() {
            None => view! {
                <section>
                    <h1>"找不到整改事项"</h1>
                    <p>{text::record_gone("整改事项")}</p>
                    <TextOfGoneRecord id=st.id.get_value() />
                    <p><a href=Route::Rectification.href()>"返回整改"</a></p>
                </section>
            }.into_any(),
            Some(found) => item_view(st, found).into_any(),
        }}
        <ConfirmDialog open=st.delete_open title="确认删除整改事项" message=delete_message
            confirm_label="删除" on_confirm=do_delete />
    }
}

/// The 督导 visit the item was found on, if it is still recorded: when and how, and a
/// link to the 督导 records of that unit and year.
fn visit_found(ctx: AppContext, r: &Rectification) -> Option<impl IntoView> {
    let id = r.visit_id.as_deref()?;
    let (date, form) = ctx.state.with_untracked(|s| {
        s.guidance_visits
            .iter()
            .find(|v| v.id == id)
            .map(|v| (v.date.clone(), v.form.label()))
    })?;
    let year = date.get(..4).unwrap_or_default().to_string();
    let href = crate::route::href_with(
        &Route::Guidance,
        &[("unit", r.unit_id.as_str()), ("year", year.as_str())],
    );
    Some(view! {
        {format!("（{date} {form}）")}" "
        <a class="no-print" href=href>"查看督导记录"</a>
    })
}

/// The item's facts, progress, forms, edit and delete.
fn item_view(st: ItemState, (r, unit, late): Item) -> impl IntoView {
    let closed = r.status == RectificationStatus::Closed;
    let closed_late = rect::days_closed_late(&r);
    let extended = rect::extended_when_overdue(&r);
    let heading = rect::heading_of(&r.description);
    let (edit_open, delete_open) = (st.edit_open, st.delete_open);
    view! {
        <section class="rect-page">
            <p class="no-print"><a href=Route::Rectification.href()>"← 返回整改"</a></p>
            <h1>{format!("整改事项：{}", heading.0)}</h1>
            {(late > 0).then(|| view! { <p class="error" role="note">{format!("已逾期{late}天。")}</p> })}
            <dl class="facts">
                <dt>"单位"</dt><dd><a href=Route::Unit(r.unit_id.clone()).href()>{unit}</a>
                    " · "<a href=Route::RectificationNotice(r.unit_id.clone()).href()>{text::RECTIFICATION_NOTICE}</a></dd>
                {heading.1.then(|| view! { <dt>{rect::labels::DESCRIPTION}</dt><dd>{r.description.clone()}</dd> })}
                <dt>"问题类别"</dt><dd>{r.category.label()}</dd>
                <dt>"来源"</dt><dd>{r.source.label()}{visit_found(st.ctx, &r)}</dd>
                <dt>"责任人"</dt><dd>{if r.owner.is_empty() { "—".to_string() } else { r.owner.clone() }}</dd>
                <dt>"整改期限"</dt><dd>{r.deadline.clone()}
                    {extended.map(|e| view! { " "<span class="badge badge--warn">{extended_text(&e)}</span> })}</dd>
                <dt>"状态"</dt><dd>{r.status.label()}</dd>
                {r.closure.clone().map(|c| view! { <dt>"销号"</dt><dd>{format!("{}：{}", c.date, c.evidence)}
                    {(closed_late > 0).then(|| view! { " "<span class="badge badge--warn">{closed_late_text(closed_late)}</span> })}</dd> })}
            </dl>
            <h2>"整改进展"</h2>
            {if r.progress.is_empty() {
                view! { <p class="empty">"尚无进展记录。"</p> }.into_any()
            } else {
                view! { <ul class="between-list">{r.progress.iter().map(|p| view! { <li>{format!("{}：{}", p.date, p.note)}</li> }).collect_view()}</ul> }.into_any()
            }}
            {(!closed).then(|| step_forms(st, r.status != RectificationStatus::Done))}
            // 销号 (here or in another window) while 修改整改事项 held typing: kept, and said.
            {(closed && crate::ui::components::fields::has_draft(&draft_key(Some(&r.id)))).then(|| view! {
                <p class="warning no-print" role="note">"事项已销号，“修改整改事项”中尚未保存的修改已暂存：如需继续修改，请先撤销销号。"</p>
            })}
            {closed.then(|| reopen_form(st))}
            {(!closed).then(|| {
                let r2 = r.clone();
                let seen = st.edit_seen;
                view! {
                    <p class="no-print"><button type="button" aria-expanded=move || edit_open.get().to_string()
                        on:click=move |_| {
                            if !edit_open.get_untracked() {
                                seen.set_value(Vec::new());
                            }
                            edit_open.update(|o| *o = !*o)
                        }>{text::EDIT_RECTIFICATION}</button></p>
                    <Show when=move || edit_open.get()>
                        <ItemForm item=r2.clone() seen on_done=Callback::new(move |_| edit_open.set(false)) />
                    </Show>
                }
            })}
            <p class="no-print"><button type="button" class="danger" on:click=move |_| delete_open.set(true)>"删除整改事项"</button></p>
        </section>
    }
}

/// 撤销销号 of a closed item, with its reason.
fn reopen_form(st: ItemState) -> impl IntoView {
    let reopen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        st.reopen();
    };
    view! {
        <form class="step-form no-print" aria-label="撤销销号" on:submit=reopen>
            <h2>"撤销销号"</h2>
            <p class="hint">"销号有误（如复查发现整改不实）时撤销：事项重新打开为“整改中”，原销号和撤销原因记入整改进展。"</p>
            {st.reopen_draft.note()}
            <TextField label="撤销原因" value=st.reopen_reason wide=true required=true faults=st.reopen_error />
            <div class="form-actions"><button type="submit">"撤销销号"</button></div>
            <FormError error=st.reopen_error.error id=st.reopen_error.error_id() />
        </form>
    }
}

/// The forms of an open item: a progress note (and 标记已完成 unless done), and 销号.
fn step_forms(st: ItemState, can_mark_done: bool) -> impl IntoView {
    let add_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        st.add_note();
    };
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        st.close();
    };
    view! {
        <form class="step-form no-print" aria-label={crate::ui::text::LOG_PROGRESS} on:submit=add_note>
            {st.progress_draft.note()}
            <DateField label="进展日期" value=st.note_date faults=st.note_error />
            <TextArea label="进展情况" value=st.note rows=2 faults=st.note_error />
            <div class="form-actions"><button type="submit">"记录进展"</button>
                {can_mark_done.then(|| view! {
                    " "<button type="button" on:click=move |_| st.mark_done()>"标记已完成"</button>
                })}
            </div>
            <FormError error=st.note_error.error id=st.note_error.error_id() />
        </form>
        <form class="step-form no-print" aria-label="销号" on:submit=close>
            <h2>"销号"</h2>
            <p class="hint">"工委核验整改结果后销号，须写明依据（如整改报告、台账、现场核查）。"</p>
            {st.close_draft.note()}
            <DateField label="销号日期" value=st.close_date faults=st.close_error />
            <TextField label="销号依据" value=st.evidence wide=true required=true faults=st.close_error />
            <div class="form-actions"><button type="submit">"销号"</button></div>
            <FormError error=st.close_error.error id=st.close_error.error_id() />
        </form>
    }
}
