//! 督导: the committee's visits (督导/指导/调研/观摩) with what was looked at, findings,
//! advice and follow-up; a finding becomes a 整改 item in one step ("转为整改事项");
//! the sites with no visit lately. Rules are `domain::between_rounds::guidance`.

use leptos::prelude::*;

use crate::domain::between_rounds::guidance::{self, VisitDraft};
use crate::domain::between_rounds::rectification::RectificationDraft;
use crate::domain::between_rounds::{MonthsSetting, UNIT_FIELD};
use crate::domain::form_merge::EditConflict;
use crate::domain::{
    GuidanceVisit, ProblemCategory, ProblemSource, RectificationStatus, UnitStatus, VisitCheck,
    VisitForm,
};
use crate::route::Route;
use crate::ui::components::between::{by_code, name, options, unit_options, MonthsSettingForm};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    filters_from_link, has_draft, keep_draft, keep_draft_fields, keep_filters, update_form,
    ChoiceChecks, ChoiceSelect, DateField, DraftField, FormActions, FormFaults, Refusal, TextArea,
    TextField,
};
use crate::ui::components::unvisited::{unvisited_title, UnvisitedSites};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The key of 登记督导's draft (see `fields::keep_draft`).
const DRAFT_KEY: &str = "登记督导";

/// A visit as listed: the record and the names of the units visited.
#[derive(Clone, PartialEq)]
struct Row {
    v: GuidanceVisit,
    units: Vec<(String, String)>,
    /// Those of `units` still in the programme: a finding becomes an item only for them.
    open_units: Vec<(String, String)>,
    /// The 整改 items its findings became: id and description.
    items: Vec<(String, String)>,
}

/// The 督导 page.
#[component]
pub fn GuidancePage() -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let (unit, year) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    keep_filters("督导", vec![unit, year]);
    filters_from_link(&[("unit", unit), ("year", year)]);
    let rows = Memo::new(move |_| {
        let (unit, year) = (unit.get(), year.get().parse().ok());
        ctx.state.with(|s| {
            guidance::filtered(s, &unit, year)
                .into_iter()
                .map(|v| Row {
                    v: v.clone(),
                    units: v.units().map(|u| (u.clone(), name(s, u))).collect(),
                    open_units: v
                        .units()
                        .filter(|u| {
                            s.unit(u).is_none_or(|x| {
                                !matches!(x.status, UnitStatus::Withdrawn | UnitStatus::Delisted)
                            })
                        })
                        .map(|u| (u.clone(), name(s, u)))
                        .collect(),
                    items: guidance::items_of_visit(s, &v.id)
                        .map(|r| (r.id.clone(), r.description.clone()))
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.guidance_visits.len()));
    let year_opts = Signal::derive(move || {
        ctx.state.with(|s| {
            guidance::visit_years(s)
                .into_iter()
                .map(|y| (y.to_string(), format!("{y}年")))
                .collect::<Vec<_>>()
        })
    });
    // On paper the page says what it is and as of when (the 近N个月 are counted back
    // from that day).
    let as_of = format!(
        "（截至{}）",
        crate::domain::reports::notice::written_date(&today)
    );
    let as_of2 = as_of.clone();
    let unvisited = Memo::new(move |_| {
        ctx.state.with(|s| {
            (
                s.settings.visit_gap_months,
                guidance::without_visit(s, &today),
                guidance::has_sites(s),
            )
        })
    });
    // A visit half entered before the person left opens again with its text.
    let adding = RwSignal::new(has_draft(DRAFT_KEY));
    let delete_open = RwSignal::new(false);
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_message = Signal::derive(move || {
        deleting
            .get()
            .map(|(id, what)| {
                let keeps = ctx.state.with(|s| guidance::deletion_keeps(s, &id));
                format!(
                    "将删除{what}的记录{keeps}。删除后可点“撤销”找回{}。",
                    text::UNDO_LIMITS
                )
            })
            .unwrap_or_default()
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, what)) = deleting.get_untracked() {
            let label = format!("删除督导记录前：{what}");
            if let Ok((_, kept)) =
                ctx.update_kept("删除督导记录", &label, |s| guidance::delete(s, &id))
            {
                ctx.notice.set(Some(Notice::info(format!(
                    "已删除督导记录。{}",
                    text::deleted_note(kept)
                ))));
            }
        }
    });
    view! {
        <section class="guidance">
            // On paper the title says what the pages hold and as of when; the screen's
            // heading keeps its name (focus and screen readers go by it).
            <h1 class="no-print">"督导"</h1>
            <p class="print-only print-title">{format!("督导记录{as_of}")}</p>
            <p class="hint no-print">"工委对各示范点的督导、指导、调研和观摩：看阵地、查台账、听汇报，发现的问题可一步转为整改事项。"</p>
            <p class="no-print">
                <button type="button" aria-expanded=move || adding.get().to_string()
                    on:click=move |_| adding.update(|a| *a = !*a)>"登记督导"</button>
            </p>
            <Show when=move || adding.get()>
                <VisitForm unit year on_done=Callback::new(move |_| adding.set(false)) />
            </Show>
            // A print of some records (a unit, a year) is about them: the list of all
            // the sites without a visit is left off the paper.
            <div class:no-print=move || !unit.get().is_empty() || !year.get().is_empty()>
                <h2>{move || unvisited_title(unvisited.get().0)}<span class="print-only">{as_of2.clone()}</span></h2>
                <MonthsSettingForm which=MonthsSetting::VisitGap />
                {move || {
                    let (months, sites, any_sites) = unvisited.get();
                    view! { <UnvisitedSites sites any_sites months /> }
                }}
            </div>
            <h2>"督导记录"</h2>
            <div class="filters" role="search" aria-label="筛选督导记录">
                <ChoiceSelect label="被督导单位" options=unit_options(ctx) value=unit all_label=text::ANY />
                <ChoiceSelect label="督导年度" options=year_opts value=year all_label=text::ANY />
            </div>
            // On paper the filters are not shown: which records these are is said instead.
            <p class="print-only">{move || {
                let (u, y) = (unit.get(), year.get());
                let mut parts = Vec::new();
                if !u.is_empty() {
                    parts.push(format!("被督导单位：{}", ctx.state.with(|s| name(s, &u))));
                }
                if !y.is_empty() {
                    parts.push(format!("督导年度：{y}年"));
                }
                (!parts.is_empty()).then(|| format!("（{}）", parts.join("；")))
            }}</p>
            <p role="status">{move || {
                let (all, shown) = (total.get(), rows.with(Vec::len));
                if all == shown {
                    format!("共{all}次督导/指导。")
                } else {
                    format!("共{all}次督导/指导，符合条件{shown}次。")
                }
            }}</p>
            <For each=move || rows.get() key=|r| (r.v.id.clone(), r.v.meta.rev, r.items.clone())
                children=move |r: Row| {
                    let names = r.units.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join("、");
                    let what = format!("{} {}（{}）", r.v.date, r.v.form.label(), names);
                    let checks = r.v.looked_at.iter().map(|c| c.label()).chain((!r.v.other_check.is_empty()).then_some(r.v.other_check.as_str())).collect::<Vec<_>>().join("、");
                    let del = (r.v.id.clone(), what.clone());
                    view! {
                        <article class="visit card" aria-label=what.clone()>
                            <h3>{what.clone()}</h3>
                            <dl class="facts">
                                <dt>"督导人员"</dt><dd>{r.v.by.clone()}</dd>
                                <dt>"督导内容"</dt><dd>{if checks.is_empty() { "—".to_string() } else { checks }}</dd>
                                <dt>"发现问题"</dt><dd>{if r.v.findings.is_empty() { "—".to_string() } else { r.v.findings.clone() }}</dd>
                                <dt>"指导意见"</dt><dd>{if r.v.advice.is_empty() { "—".to_string() } else { r.v.advice.clone() }}</dd>
                                <dt>"跟进情况"</dt><dd>{if r.v.follow_up.is_empty() { "—".to_string() } else { r.v.follow_up.clone() }}</dd>
                                {(!r.items.is_empty()).then(|| view! {
                                    <dt>"已转为整改事项"</dt><dd>
                                        {r.items.iter().enumerate().map(|(i, (id, d))| view! {
                                            {(i > 0).then_some("；")}
                                            <a href=Route::RectificationItem(id.clone()).href()>{d.clone()}</a>
                                        }).collect_view()}
                                    </dd>
                                })}
                            </dl>
                            <EditVisit visit=r.v.clone() label=what.clone() />
                            // Nothing found, nothing to turn into an item (a clerk's review: the
                            // button opened an empty form); 修改 first to write the finding.
                            // A unit that has left takes no new item: not offered (a clerk's
                            // review: offered, then refused with 请核对单位).
                            {match (r.v.findings.trim().is_empty(), r.open_units.is_empty()) {
                                (true, _) => None,
                                (false, false) => Some(view! {
                                    <FindingToItem visit_id=r.v.id.clone() units=r.open_units.clone() findings=r.v.findings.clone() label=what.clone() converted=r.items.len() />
                                }.into_any()),
                                (false, true) => Some(view! {
                                    <p class="hint no-print">"被督导单位已退出或摘牌，不再登记新的整改事项。"</p>
                                }.into_any()),
                            }}
                            <p class="no-print"><button type="button" class="danger" aria-label=format!("删除督导记录 {what}")
                                on:click=move |_| { deleting.set(Some(del.clone())); delete_open.set(true); }>"删除"</button></p>
                        </article>
                    }
                } />
            <ConfirmDialog open=delete_open title="确认删除督导记录" message=delete_message
                confirm_label="删除" on_confirm=do_delete />
        </section>
    }
}

/// The fields of a visit's form, filled from a visit when it is being corrected.
#[derive(Clone, Copy)]
struct VisitFields {
    unit: RwSignal<String>,
    unit2: RwSignal<String>,
    date: RwSignal<String>,
    by: RwSignal<String>,
    form: RwSignal<String>,
    checks: RwSignal<Vec<String>>,
    other: RwSignal<String>,
    findings: RwSignal<String>,
    advice: RwSignal<String>,
    follow_up: RwSignal<String>,
}

impl VisitFields {
    fn new(v: Option<&GuidanceVisit>, first_unit: String, today: String) -> VisitFields {
        let text = |f: fn(&GuidanceVisit) -> &String| {
            RwSignal::new(v.map(|v| f(v).clone()).unwrap_or_default())
        };
        VisitFields {
            unit: RwSignal::new(v.map(|v| v.unit_id.clone()).unwrap_or(first_unit)),
            unit2: RwSignal::new(
                v.and_then(|v| v.more_units.first().cloned())
                    .unwrap_or_default(),
            ),
            date: RwSignal::new(v.map(|v| v.date.clone()).unwrap_or(today)),
            by: text(|v| &v.by),
            form: RwSignal::new(
                v.map(|v| v.form)
                    .unwrap_or(VisitForm::Inspection)
                    .code()
                    .to_string(),
            ),
            checks: RwSignal::new(
                v.map(|v| v.looked_at.iter().map(|c| c.code().to_string()).collect())
                    .unwrap_or_default(),
            ),
            other: text(|v| &v.other_check),
            findings: text(|v| &v.findings),
            advice: text(|v| &v.advice),
            follow_up: text(|v| &v.follow_up),
        }
    }

    /// The draft; `more` are the further units of a visit to three or more, which the
    /// form does not show and keeps.
    fn draft(self, more: &[String]) -> VisitDraft {
        let mut unit_ids = vec![self.unit.get_untracked()];
        let u2 = self.unit2.get_untracked();
        if !u2.is_empty() {
            unit_ids.push(u2);
        }
        unit_ids.extend(more.iter().cloned());
        let looked = self.checks.get_untracked();
        VisitDraft {
            unit_ids,
            date: self.date.get_untracked(),
            by: self.by.get_untracked(),
            form: by_code(&VisitForm::ALL, VisitForm::code, &self.form.get_untracked())
                .unwrap_or_default(),
            looked_at: VisitCheck::ALL
                .into_iter()
                .filter(|c| looked.iter().any(|l| l == c.code()))
                .collect(),
            other_check: self.other.get_untracked(),
            findings: self.findings.get_untracked(),
            advice: self.advice.get_untracked(),
            follow_up: self.follow_up.get_untracked(),
        }
    }

    /// The fields kept as a draft while the form is open, 督导内容's boxes among them.
    fn texts(self) -> Vec<DraftField> {
        vec![
            DraftField::Text(self.unit),
            DraftField::Text(self.unit2),
            DraftField::Text(self.date),
            DraftField::Text(self.by),
            DraftField::Text(self.form),
            DraftField::Checks(self.checks),
            DraftField::Text(self.other),
            DraftField::Text(self.findings),
            DraftField::Text(self.advice),
            DraftField::Text(self.follow_up),
        ]
    }

    /// The units that can be the second one visited: all but the first.
    fn others(self, ctx: AppContext) -> Signal<Vec<(String, String)>> {
        let all = unit_options(ctx);
        let first = self.unit;
        Signal::derive(move || {
            let chosen = first.get();
            all.get()
                .into_iter()
                .filter(|(id, _)| *id != chosen)
                .collect()
        })
    }

    fn view(self, ctx: AppContext, faults: FormFaults) -> impl IntoView {
        view! {
            <ChoiceSelect label=guidance::labels::UNITS options=unit_options(ctx) value=self.unit all_label=text::CHOOSE_UNIT faults also=UNIT_FIELD />
            <ChoiceSelect label="本次一并督导的另一单位" options=self.others(ctx) value=self.unit2 all_label="（无）" />
            <DateField label=guidance::labels::DATE value=self.date faults />
            <TextField label=guidance::labels::BY value=self.by required=true faults />
            <ChoiceSelect label=guidance::labels::FORM options=Signal::derive(|| options(&VisitForm::ALL, VisitForm::code, VisitForm::label)) value=self.form faults />
            <ChoiceChecks legend=guidance::labels::CHECKS options=options(&VisitCheck::ALL, VisitCheck::code, VisitCheck::label) value=self.checks />
            <TextField label=guidance::labels::OTHER_CHECK value=self.other faults />
            <TextArea label=guidance::labels::FINDINGS value=self.findings rows=2 faults />
            <TextArea label=guidance::labels::ADVICE value=self.advice rows=2 faults />
            <TextArea label=guidance::labels::FOLLOW_UP value=self.follow_up rows=2 faults />
        }
    }
}

/// The question asked before a second visit of a unit on one day is saved.
const SAME_DAY_TITLE: &str = "同一天已有督导记录";

/// What the question says, `same` being the visit already recorded.
fn same_day_question(same: &str) -> String {
    format!("已有一条同一天督导该单位的记录：{same}。如果这是另一次督导，可以保存；如果是同一次，请取消，在已有记录上“修改”。")
}

/// The form that records a visit.
#[component]
fn VisitForm(
    /// The list's 被督导单位 filter: a new visit starts on that unit.
    unit: RwSignal<String>,
    /// The list's 年度 filter, to say when the new visit is not in the list shown.
    year: RwSignal<String>,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::components::fields::focus_first_field(form_ref);
    let chosen = unit.get_untracked();
    let first = ctx
        .state
        .with_untracked(|s| {
            s.units
                .iter()
                .find(|u| u.id == chosen)
                .map(|u| u.id.clone())
        })
        .unwrap_or_default();
    let f = VisitFields::new(None, first, ctx.today());
    let kept = keep_draft_fields(DRAFT_KEY, f.texts());
    let faults = FormFaults::new();
    let error = faults.error;
    // The same unit visited on the same day already: asked about first (the same
    // visit typed twice would count twice in 报表 and the exports).
    let twice_open = RwSignal::new(false);
    let twice_asked = RwSignal::new(String::new());
    let save = move |confirmed: bool| {
        if !confirmed {
            let same = ctx
                .state
                .with_untracked(|s| guidance::same_day_visit(s, &f.draft(&[]), None));
            if let Some(same) = same {
                twice_asked.set(same_day_question(&same));
                twice_open.set(true);
                return;
            }
        }
        let now = ctx.now();
        match update_form(ctx, "登记督导", |s| {
            guidance::add(s, f.draft(&[]), &now)
        }) {
            Ok(id) => {
                faults.clear();
                kept.done();
                let shown = ctx.state.with_untracked(|s| {
                    guidance::filtered(s, &unit.get_untracked(), year.get_untracked().parse().ok())
                        .iter()
                        .any(|v| v.id == id)
                });
                ctx.notice.set(Some(Notice::info(if shown {
                    "已登记督导记录。"
                } else {
                    "已登记督导记录。按当前的筛选条件它不在下面的列表中，把筛选改为“全部”即可看到。"
                })));
                on_done.run(());
                crate::ui::components::modal::focus_page_heading();
            }
            Err(e) => faults.refuse(e),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(false);
    };
    let on_cancel = Callback::new(move |_| {
        kept.done();
        on_done.run(());
    });
    view! {
        <form node_ref=form_ref class="step-form no-print" aria-label="登记督导" on:submit=submit>
            <h2>"登记督导"</h2>
            {kept.note()}
            {f.view(ctx, faults)}
            <FormActions submit_label="保存督导记录" on_cancel error error_id=faults.error_id() />
        </form>
        <ConfirmDialog open=twice_open title=SAME_DAY_TITLE message=twice_asked
            confirm_label="仍然保存" on_confirm=Callback::new(move |_| save(true)) />
    }
}

/// 修改: a visit's record corrected or completed (跟进情况 comes after the visit), in
/// a form opened under it. What is typed is kept while the person visits other pages;
/// coming back opens the form again with it.
#[component]
fn EditVisit(visit: GuidanceVisit, label: String) -> impl IntoView {
    let draft_key = format!("修改督导记录/{}", visit.id);
    let editing = RwSignal::new(has_draft(&draft_key));
    // The conflicts with another window's change already said: the same save again
    // goes ahead.
    let seen = StoredValue::new(Vec::<EditConflict>::new());
    let visit = StoredValue::new(visit);
    view! {
        <p class="no-print"><button type="button" aria-expanded=move || editing.get().to_string()
            aria-label=format!("修改督导记录 {label}")
            on:click=move |_| {
                if !editing.get_untracked() {
                    seen.set_value(Vec::new());
                }
                editing.update(|e| *e = !*e)
            }>"修改"</button></p>
        {move || editing.get().then(|| view! {
            <EditVisitForm visit=visit.get_value() draft_key=draft_key.clone() seen editing />
        })}
    }
}

/// Saved over a change made since the form opened (another window, an item made from
/// its findings), only the fields changed here are written; a field both changed is
/// said first, as 修改结对 and 修改整改事项 do.
#[component]
fn EditVisitForm(
    visit: GuidanceVisit,
    draft_key: String,
    seen: StoredValue<Vec<EditConflict>>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::components::fields::focus_first_field(form_ref);
    let f = VisitFields::new(Some(&visit), String::new(), ctx.today());
    // What the form opened with, as hidden fields of its draft.
    let opened = VisitFields::new(Some(&visit), String::new(), ctx.today());
    let mut fields = f.texts();
    fields.extend(opened.texts());
    let kept = keep_draft_fields(draft_key, fields);
    let more = StoredValue::new(visit.more_units.iter().skip(1).cloned().collect::<Vec<_>>());
    let vid = StoredValue::new(visit.id.clone());
    let faults = FormFaults::new();
    let error = faults.error;
    let twice_open = RwSignal::new(false);
    let twice_asked = RwSignal::new(String::new());
    let save = move |confirmed: bool| {
        let (id, more) = (vid.get_value(), more.get_value());
        let (draft, base) = (f.draft(&more), opened.draft(&more));
        let (conflicts, changed_elsewhere) = ctx.state.with_untracked(|s| {
            (
                guidance::edit_conflicts(s, &id, &base, &draft),
                s.guidance_visits
                    .iter()
                    .find(|v| v.id == id)
                    .is_some_and(|v| VisitDraft::from_visit(v) != base),
            )
        });
        if !confirmed {
            if !conflicts.is_empty() && seen.with_value(|s| *s != conflicts) {
                faults.refuse(Refusal::edited_elsewhere(&conflicts, text::SAVE_CHANGES));
                seen.set_value(conflicts);
                return;
            }
            let same = ctx
                .state
                .with_untracked(|s| guidance::same_day_visit(s, &draft, Some(id.as_str())));
            if let Some(same) = same {
                twice_asked.set(same_day_question(&same));
                twice_open.set(true);
                return;
            }
        }
        let now = ctx.now();
        match update_form(ctx, "修改督导记录", |s| {
            guidance::edit_from(s, &id, &base, draft, &now)
        }) {
            Ok(()) => {
                faults.clear();
                kept.done();
                editing.set(false);
                ctx.notice
                    .set(Some(Notice::info(text::changes_saved(changed_elsewhere))));
            }
            Err(e) => faults.refuse(e),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(false);
    };
    let on_cancel = Callback::new(move |_| {
        kept.done();
        editing.set(false);
    });
    view! {
        <form node_ref=form_ref class="step-form no-print" aria-label="修改督导记录" on:submit=submit>
            {kept.note()}
            {f.view(ctx, faults)}
            <FormActions submit_label=text::SAVE_CHANGES on_cancel error error_id=faults.error_id() />
        </form>
        <ConfirmDialog open=twice_open title=SAME_DAY_TITLE message=twice_asked
            confirm_label="仍然保存" on_confirm=Callback::new(move |_| save(true)) />
    }
}

/// "转为整改事项": a button that opens a short form (unit, category, deadline, owner)
/// turning the visit's finding into a rectification item. What is typed is kept while
/// the person visits other pages; coming back opens the form again with it. Once the
/// visit has an item, the button offers another (a visit may find several problems,
/// or visit several units), so that it does not read as not done yet.
#[component]
fn FindingToItem(
    visit_id: String,
    units: Vec<(String, String)>,
    findings: String,
    label: String,
    /// How many items the visit's findings became already.
    converted: usize,
) -> impl IntoView {
    let button = if converted > 0 {
        "另转一项整改事项"
    } else {
        text::FINDING_TO_ITEM
    };
    let draft_key = format!("{}/{visit_id}", text::FINDING_TO_ITEM);
    let open = RwSignal::new(has_draft(&draft_key));
    let (visit_id, units, findings) = (
        StoredValue::new(visit_id),
        StoredValue::new(units),
        StoredValue::new(findings),
    );
    view! {
        <p class="no-print">
            <button type="button" aria-expanded=move || open.get().to_string() aria-label=format!("{button} {label}")
                on:click=move |_| open.update(|o| *o = !*o)>{button}</button>
        </p>
        {move || open.get().then(|| view! {
            <FindingToItemForm visit_id=visit_id.get_value() units=units.get_value()
                findings=findings.get_value() draft_key=draft_key.clone() open />
        })}
    }
}

#[component]
fn FindingToItemForm(
    visit_id: String,
    units: Vec<(String, String)>,
    findings: String,
    draft_key: String,
    open: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let first = units.first().map(|u| u.0.clone()).unwrap_or_default();
    let unit = RwSignal::new(first);
    let category = RwSignal::new(ProblemCategory::Other.code().to_string());
    let description = RwSignal::new(findings);
    let owner = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let kept = keep_draft(
        draft_key,
        vec![unit, category, description, owner, deadline],
    );
    let faults = FormFaults::new();
    let error = faults.error;
    let vid = StoredValue::new(visit_id);
    let unit_opts = Signal::derive(move || units.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = RectificationDraft {
            unit_id: unit.get_untracked(),
            category: by_code(
                &ProblemCategory::ALL,
                ProblemCategory::code,
                &category.get_untracked(),
            )
            .unwrap_or(ProblemCategory::Other),
            source: ProblemSource::Visit,
            description: description.get_untracked(),
            owner: owner.get_untracked(),
            deadline: deadline.get_untracked(),
            status: RectificationStatus::Open,
        };
        let now = ctx.now();
        match update_form(ctx, text::FINDING_TO_ITEM, |s| {
            guidance::finding_to_item(s, &vid.get_value(), draft, &now)
        }) {
            Ok(id) => {
                faults.clear();
                kept.done();
                open.set(false);
                // A deadline already past, or years ahead, is pointed out as on 整改's
                // own form (a clerk's review: it was counted overdue with nothing said).
                let past = ctx.state.with_untracked(|s| {
                    s.rectifications.iter().find(|r| r.id == id).and_then(|r| {
                        crate::domain::between_rounds::rectification::past_deadline_note(
                            r,
                            &ctx.today(),
                        )
                    })
                });
                let done = "已将督导发现的问题转为整改事项，可在“整改”中跟踪。";
                ctx.notice.set(Some(match past {
                    Some(note) => Notice::warning(format!("{done}{note}")),
                    None => Notice::info(done),
                }));
            }
            Err(e) => faults.refuse(e),
        }
    };
    let on_cancel = Callback::new(move |_| {
        kept.done();
        open.set(false);
    });
    view! {
        <form class="step-form" aria-label=text::FINDING_TO_ITEM on:submit=submit>
            {kept.note()}
            <ChoiceSelect label="整改单位" options=unit_opts value=unit faults also=UNIT_FIELD />
            <ChoiceSelect label="问题类别" options=Signal::derive(|| options(&ProblemCategory::ALL, ProblemCategory::code, ProblemCategory::label)) value=category />
            <TextArea label="问题描述" value=description rows=2 faults />
            <TextField label="责任人" value=owner faults />
            <DateField label="整改期限" value=deadline faults />
            <FormActions submit_label="确认转为整改事项" on_cancel error error_id=faults.error_id() />
        </form>
    }
}
