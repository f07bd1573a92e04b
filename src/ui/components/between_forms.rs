//! The forms a site reports on between rounds with, shared by the committee's pages and
//! a unit's own copy: a pairing activity, a rectification progress note, and the year's
//! 保障投入. What a unit may change in its copy is checked again on import
//! (`domain::exchange::ownership`).

use leptos::prelude::*;

use crate::domain::between_rounds::rectification as rect;
use crate::domain::between_rounds::resources::{self, ResourceDraft};
use crate::domain::between_rounds::{pairing, BetweenRoundsError};
use crate::domain::{ActivityForm, PairingActivity, ResourceEntry};
use crate::ui::components::between::{by_code, options, unit_options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    keep_draft, update_form, ChoiceSelect, DateField, FormActions, FormError, FormFaults, Refusal,
    StaleGuard, TextArea, TextField,
};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The form that logs an activity, or corrects one (`correcting`: its place in the
/// log, the activity and the pairing's revision when the form opened).
/// The key of the draft of a correction of activity `a` of pairing `pairing_id`: by what
/// the activity is, not its place, which moves as activities are logged.
pub fn correction_draft_key(pairing_id: &str, a: &PairingActivity) -> String {
    format!("修改结对活动:{pairing_id}:{}:{}", a.date, a.title)
}

#[component]
pub fn ActivityLogForm(
    pairing_id: String,
    #[prop(optional)] correcting: Option<(usize, PairingActivity, u32)>,
    /// Called after the correction is saved, or on 取消.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    if correcting.is_some() {
        crate::ui::components::fields::focus_first_field(form_ref);
    }
    let old = correcting.as_ref().map(|(_, a, _)| a.clone());
    let index = correcting.as_ref().map(|(i, _, _)| *i);
    let guard = StaleGuard::new(correcting.as_ref().map_or(0, |(_, _, rev)| *rev));
    let date = RwSignal::new(old.as_ref().map_or_else(|| ctx.today(), |a| a.date.clone()));
    let code = old
        .as_ref()
        .map_or(ActivityForm::JointStudy, |a| a.form)
        .code();
    let form = RwSignal::new(code.to_string());
    let field = |f: fn(&PairingActivity) -> &String| {
        RwSignal::new(old.as_ref().map(f).cloned().unwrap_or_default())
    };
    let content = field(|a| &a.title);
    let participants = field(|a| &a.participants);
    let result = field(|a| &a.result);
    let note = StoredValue::new(old.as_ref().map(|a| a.note.clone()).unwrap_or_default());
    let faults = FormFaults::new();
    let error = faults.error;
    let (label, submit_label) = match index {
        Some(_) => ("修改结对活动", text::SAVE_CHANGES),
        None => ("记录结对活动", text::LOG_ACTIVITY),
    };
    // What is typed is kept while the page redraws (another form saved, another window)
    // or the person corrects another activity first: per pairing, and per activity.
    let kept = keep_draft(
        match old.as_ref() {
            Some(a) => correction_draft_key(&pairing_id, a),
            None => format!("{label}:{pairing_id}"),
        },
        vec![date, form, content, participants, result],
    );
    let pid = StoredValue::new(pairing_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let a = PairingActivity {
            date: date.get_untracked(),
            title: content.get_untracked(),
            note: note.get_value(),
            form: by_code(
                &ActivityForm::ALL,
                ActivityForm::code,
                &form.get_untracked(),
            )
            .unwrap_or_default(),
            participants: participants.get_untracked().trim().to_string(),
            result: result.get_untracked().trim().to_string(),
        };
        let now = ctx.now();
        let saved: Result<bool, Refusal> = match old.as_ref() {
            // Saved over the activity the form was opened on, found again by what it
            // was (an activity logged since, earlier in date order, moves it down the
            // log); if it has gone, said so before the "changed meanwhile" check.
            Some(old) => {
                let (rev, gone) = ctx.state.with_untracked(|s| {
                    let p = s.pairings.iter().find(|p| p.id == pid.get_value());
                    (
                        p.map(|p| p.meta.rev),
                        p.and_then(|p| pairing::position_of(p, old).err()),
                    )
                });
                match gone {
                    // Deleted: the text typed is the person's, and the way on is said
                    // (a clerk's review: the same refusal at each 保存修改).
                    Some(e @ BetweenRoundsError::ActivityDeleted) => Err(format!(
                        "{e}表单中填写的内容还在：如仍要记录这次活动，请先复制下来，点“取消”后用“{}”重新登记。",
                        text::LOG_ACTIVITY
                    )
                    .into()),
                    Some(e) => Err(e.to_string().into()),
                    None => guard
                        .check(rev, submit_label)
                        .map_err(Refusal::from)
                        .and_then(|()| {
                            update_form(ctx, label, |s| {
                                pairing::edit_activity(s, &pid.get_value(), old, a, &now)
                            })
                        }),
                }
            }
            None => update_form(ctx, label, |s| {
                pairing::add_activity(s, &pid.get_value(), a, &now).map(|()| true)
            }),
        };
        match saved {
            Ok(changed) => {
                faults.clear();
                if let Some(done) = on_done {
                    kept.done();
                    ctx.notice.set(Some(Notice::info(if changed {
                        "已保存结对活动的修改。"
                    } else {
                        "活动记录没有改动。"
                    })));
                    done.run(());
                } else {
                    content.set(String::new());
                    participants.set(String::new());
                    result.set(String::new());
                    kept.saved();
                    ctx.notice.set(Some(Notice::info("已记录结对活动。")));
                }
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form class="step-form no-print" aria-label=label on:submit=submit node_ref=form_ref>
            <h2>{label}</h2>
            {kept.note()}
            <DateField label="活动日期" value=date faults />
            <ChoiceSelect label="活动形式" options=Signal::derive(|| options(&ActivityForm::ALL, ActivityForm::code, ActivityForm::label)) value=form />
            <TextField label="活动内容" value=content wide=true required=true faults />
            <TextField label="参加人员" value=participants />
            <TextField label="活动成效" value=result wide=true />
            {match on_done {
                Some(done) => view! {
                    <FormActions submit_label=submit_label on_cancel=Callback::new(move |_| { kept.done(); done.run(()); }) error error_id=faults.error_id() />
                }.into_any(),
                None => view! {
                    <div class="form-actions"><button type="submit">{submit_label}</button></div>
                    <FormError error id=faults.error_id() />
                }.into_any(),
            }}
        </form>
    }
}

/// The 保障投入 form's button.
const SAVE_ENTRY: &str = "保存保障投入";

/// The draft of a new 保障投入 on the committee's page (its unit and year with it).
pub const NEW_RESOURCE_DRAFT: &str = text::ADD_RESOURCE;

/// The draft of a 保障投入 entry being changed on the committee's page.
pub fn resource_draft_key(entry_id: &str) -> String {
    format!("修改保障投入/{entry_id}")
}

/// The form for one unit's entry of a year (a new one when `entry` is `None`).
#[component]
pub fn ResourceForm(
    entry: Option<ResourceEntry>,
    /// The unit the entry is for, fixed (a unit's own copy); otherwise chosen.
    #[prop(optional)]
    fixed_unit: Option<String>,
    year: String,
    /// Called with the year of the entry saved, or `None` on 取消.
    on_done: Callback<Option<u16>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let fixed = fixed_unit.is_some();
    // On the committee's page the form is opened on request: its first field takes
    // the keyboard. A unit's own page shows it all the time.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    if !fixed {
        crate::ui::components::fields::focus_first_field(form_ref);
    }
    // The year (and unit) are chosen only for a new entry on the committee's page: an
    // entry keeps both, and a unit reports for itself and its task's year.
    let year_fixed = fixed || entry.is_some();
    // A new entry starts on the first unit that has none for the year yet.
    let first = fixed_unit
        .or_else(|| {
            let y = year.trim().parse::<u16>().unwrap_or_default();
            ctx.state.with_untracked(|s| {
                crate::domain::between_rounds::resources::next_unit_without_entry(s, y).cloned()
            })
        })
        .unwrap_or_default();
    let e = entry.clone();
    let unit = RwSignal::new(e.as_ref().map(|e| e.unit_id.clone()).unwrap_or(first));
    let year = RwSignal::new(e.as_ref().map(|e| e.year.to_string()).unwrap_or(year));
    let funds = RwSignal::new(e.as_ref().map(|e| e.funds.to_string()).unwrap_or_default());
    let activity = RwSignal::new(
        e.as_ref()
            .map(|e| e.activity_funds.to_string())
            .unwrap_or_default(),
    );
    let staff = RwSignal::new(e.as_ref().map(|e| e.staff.to_string()).unwrap_or_default());
    let part_time = RwSignal::new(
        e.as_ref()
            .map(|e| e.part_time_staff.to_string())
            .unwrap_or_default(),
    );
    let premises = RwSignal::new(
        if e.as_ref().is_some_and(|e| e.premises) {
            "yes"
        } else {
            "no"
        }
        .to_string(),
    );
    let area = RwSignal::new(
        e.as_ref()
            .map(|e| e.premises_area.to_string())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(e.as_ref().map(|e| e.note.clone()).unwrap_or_default());
    let faults = FormFaults::new();
    let error = faults.error;
    // What is typed is kept until saved or cancelled: leaving the page loses nothing
    // (the committee's page opens the form again on return), and a reload asks first.
    // In a unit's own copy, where the form is always shown, the return also asks
    // before it goes without it.
    // What an edit opened with (`resources::form_texts`), as hidden fields of its draft:
    // a form opened again from its draft (a reload, a visit elsewhere) still writes only
    // the fields changed in it, not its old values over a change saved meanwhile.
    let opened_fields = [funds, activity, staff, part_time, premises, area, note]
        .map(|f| RwSignal::new(f.get_untracked()));
    let with_opened = |mut v: Vec<RwSignal<String>>| {
        if e.is_some() {
            v.extend(opened_fields);
        }
        v
    };
    let kept = if fixed {
        keep_draft(
            format!(
                "保障投入:{}:{}:{}",
                e.as_ref().map_or("new", |e| e.id.as_str()),
                unit.get_untracked(),
                year.get_untracked()
            ),
            with_opened(vec![
                funds, activity, staff, part_time, premises, area, note,
            ]),
        )
    } else {
        keep_draft(
            e.as_ref().map_or(NEW_RESOURCE_DRAFT.to_string(), |e| {
                resource_draft_key(&e.id)
            }),
            with_opened(vec![
                unit, year, funds, activity, staff, part_time, premises, area, note,
            ]),
        )
    };
    let merged_others = StoredValue::new(false);
    let id = StoredValue::new(entry.map(|e| e.id));
    // A sum typed in 元 lands in 万元 ten thousand times too large: asked about before
    // it is saved (a real figure of that size is possible), unless the entry already
    // holds that very figure.
    let large_open = RwSignal::new(false);
    let large_asked = RwSignal::new(String::new());
    let save = move |confirmed: bool| {
        if let Some(existing) = id.get_value() {
            let current = ctx.state.with_untracked(|s| {
                s.resources
                    .iter()
                    .find(|r| r.id == existing)
                    .map(resources::form_texts)
            });
            // Saved elsewhere since the typing began (on this form's opening, or on the
            // one its draft began on): what this form left alone takes the other
            // window's values (`resources::merge_edits`); only a field both changed is
            // asked about.
            let opened = opened_fields.map(|f| f.get_untracked());
            if let Some(now) = current.filter(|now| *now != opened) {
                let fields = [funds, activity, staff, part_time, premises, area, note];
                let (merged, both) =
                    resources::merge_edits(&opened, &fields.map(|f| f.get_untracked()), &now);
                for (f, v) in fields.iter().zip(merged) {
                    f.set(v);
                }
                // The form now stands on the stored values, in its draft too.
                for (f, v) in opened_fields.iter().zip(now) {
                    f.set(v);
                }
                merged_others.set_value(true);
                if !both.is_empty() {
                    faults.refuse(Refusal::from(format!(
                        "在您填写期间，另一个窗口（或一次导入）也修改了这条记录：{}。其他项目已按那边的修改更新。如仍以本窗口填写的为准，请再点一次“{SAVE_ENTRY}”；否则请点“取消”。",
                        both.join("；")
                    )));
                    return;
                }
            }
        }
        let draft = ResourceDraft {
            unit_id: unit.get_untracked(),
            year: year.get_untracked(),
            funds: funds.get_untracked(),
            activity_funds: activity.get_untracked(),
            staff: staff.get_untracked(),
            part_time_staff: part_time.get_untracked(),
            premises: premises.get_untracked() == "yes",
            premises_area: area.get_untracked(),
            note: note.get_untracked(),
        };
        let existing = id.get_value();
        let now = ctx.now();
        if !confirmed {
            let held = ctx.state.with_untracked(|s| {
                s.resources
                    .iter()
                    .find(|r| Some(&r.id) == existing.as_ref())
                    .map(resources::large_amounts)
                    .unwrap_or_default()
            });
            let new_large: Vec<String> = resources::large_in_draft(&draft)
                .into_iter()
                .filter(|l| !held.contains(l))
                .collect();
            if !new_large.is_empty() {
                // The form's other checks first: asked only about a draft that saves.
                let checked = ctx.state.with_untracked(|s| {
                    let mut trial = s.clone();
                    resources::save(&mut trial, existing.as_deref(), draft.clone(), &now)
                        .map(|_| ())
                });
                if let Err(e) = checked {
                    faults.refuse(Refusal::of(&e));
                    return;
                }
                faults.clear();
                large_asked.set(format!(
                    "{} 数额很大。金额的单位是“万元”，请核对是否按“元”填写了（如 50000 元应填 5）。确实是这个数额的，可以保存。",
                    new_large.join("、")
                ));
                large_open.set(true);
                return;
            }
        }
        match update_form(ctx, "保存保障投入", |s| {
            resources::save(s, existing.as_deref(), draft, &now)
        }) {
            Ok(saved) => {
                faults.clear();
                kept.done();
                let saved_year = ctx.state.with_untracked(|s| {
                    s.resources
                        .iter()
                        .find(|r| r.id == saved)
                        .map(|r| r.year)
                        .unwrap_or_default()
                });
                ctx.notice
                    .set(Some(Notice::info(if merged_others.get_value() {
                        "已保存保障投入。在您填写期间另一个窗口修改的其他项目已一并保留。"
                    } else {
                        "已保存保障投入。"
                    })));
                on_done.run(Some(saved_year));
                // The form is gone: the keyboard carries on from the page's heading.
                crate::ui::components::modal::focus_page_heading();
            }
            Err(e) => faults.refuse(e),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(false);
    };
    let yes_no = Signal::derive(|| {
        vec![
            ("yes".to_string(), "有".to_string()),
            ("no".to_string(), "无".to_string()),
        ]
    });
    view! {
        <form node_ref=form_ref class="step-form" aria-label="保障投入" on:submit=submit>
            <h2>"保障投入"</h2>
            {kept.note()}
            {(!year_fixed).then(|| view! { <ChoiceSelect label="单位" options=unit_options(ctx) value=unit all_label="请选择" faults /> })}
            {(year_fixed && !fixed).then(|| {
                let name = ctx.state.with_untracked(|s| crate::domain::between_rounds::unit_name(s, &unit.get_untracked()));
                view! { <p class="field-static">{format!("单位：{name}")}</p> }
            })}
            {if year_fixed {
                view! { <p class="field-static">{move || format!("年度：{}", year.get())}</p> }.into_any()
            } else {
                view! { <TextField label=resources::YEAR_LABEL value=year faults /> }.into_any()
            }}
            <p class="hint">{format!("{}；阵地按所选的“有”或“无”记。", resources::BLANK_IS_ZERO)}</p>
            <TextField label={crate::ui::text::PARTY_FUNDS_LABEL} value=funds faults />
            <TextField label={crate::ui::text::ACTIVITY_FUNDS_LABEL} value=activity faults />
            <TextField label=resources::STAFF_LABEL value=staff faults />
            <TextField label=resources::PART_TIME_STAFF_LABEL value=part_time faults />
            <ChoiceSelect label=resources::PREMISES_LABEL options=yes_no value=premises faults />
            <TextField label=resources::PREMISES_AREA_LABEL value=area faults />
            <TextField label="备注" value=note wide=true faults />
            <FormActions submit_label=SAVE_ENTRY on_cancel=Callback::new(move |_| { kept.done(); on_done.run(None) }) error error_id=faults.error_id() />
        </form>
        <ConfirmDialog open=large_open title="确认金额" message=large_asked
            confirm_label="仍然保存" on_confirm=Callback::new(move |_| save(true)) />
    }
}

/// The form that adds a progress note to a rectification item. Named after the item
/// (`what`, its description), as several such forms stand on one page.
#[component]
pub fn ProgressNoteForm(item_id: String, what: String) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(ctx.today());
    let note = RwSignal::new(String::new());
    let faults = FormFaults::new();
    let error = faults.error;
    let kept = keep_draft(
        format!("{}:{item_id}", crate::ui::text::LOG_PROGRESS),
        vec![date, note],
    );
    let id = StoredValue::new(item_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now();
        let (d, n) = (date.get_untracked(), note.get_untracked());
        match update_form(ctx, crate::ui::text::LOG_PROGRESS, |s| {
            rect::add_progress(s, &id.get_value(), &d, &n, &now)
        }) {
            Ok(()) => {
                faults.clear();
                note.set(String::new());
                kept.saved();
                ctx.notice.set(Some(Notice::info("已记录整改进展。")));
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form class="step-form no-print" aria-label=format!("{}：{what}", crate::ui::text::LOG_PROGRESS) on:submit=submit>
            {kept.note()}
            <DateField label="进展日期" value=date faults />
            <TextArea label="进展情况" value=note rows=2 faults />
            <div class="form-actions"><button type="submit" aria-label=format!("记录进展：{what}")>"记录进展"</button></div>
            <FormError error id=faults.error_id() />
        </form>
    }
}
