//! 申报遴选: the committee enters a unit's application (basis, plans, contact), rates
//! it on the three selection standards and decides 入选培育 / 暂缓 / 不予入选; the list
//! prints on A4. Rules are `domain::applications`.

use leptos::prelude::*;

use crate::domain::applications::{
    self, labels, level_label, ApplicationDraft, Decision, Rating, LEVELS, STANDARDS,
};
use crate::domain::{Application, ApplicationDecision, OrgType};
use crate::route::Route;
use crate::ui::components::between::{by_code, options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    has_draft, keep_draft, keep_filters, update_form, ChoiceSelect, DateField, FormActions,
    FormDraft, FormError, FormFaults, TextArea, TextField,
};

/// The draft key of the 登记申报 form.
const NEW_APPLICATION: &str = "application-new";
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

fn org_type_code(t: OrgType) -> &'static str {
    match t {
        OrgType::PartyCommittee => "committee",
        OrgType::GeneralBranch => "general",
        OrgType::Branch => "branch",
    }
}

/// The 申报遴选 page.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let ctx = AppContext::get();
    // The year whose applications are shown and printed (empty: every year).
    let year = RwSignal::new(String::new());
    keep_filters("申报遴选", vec![year]);
    let chosen_year = move || year.with(|y| y.parse::<u16>().ok());
    let rows = Memo::new(move |_| ctx.state.with(|s| applications::listed(s, chosen_year())));
    let counts = Memo::new(move |_| ctx.state.with(|s| applications::counts(s, chosen_year())));
    let year_options = Signal::derive(move || {
        ctx.state
            .with(applications::years)
            .into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect::<Vec<_>>()
    });
    // Open at once when it holds text typed before the clerk went elsewhere.
    let adding = RwSignal::new(has_draft(NEW_APPLICATION));
    // The application just decided, and what was decided: its card says so and takes
    // focus, since the card shrinks and the page's notice is out of view by then.
    let decided = RwSignal::new(None::<(String, u32, String)>);
    // Where focus goes once a card is drawn anew after a save: the card (its id) and
    // what in it (a CSS selector). Without it focus fell to the page's body.
    let focus_card = RwSignal::new(None::<(String, &'static str)>);
    view! {
        <section class="applications">
            <h1>"申报遴选"</h1>
            <p class="hint no-print">"单位申报成为示范点创建单位：工委登记申报材料，按“基础较好、后劲充足、创先争优意愿较强”三项标准评定，作出入选培育、暂缓或不予入选的决定。入选培育的单位列入名册，状态为“创建中”，决定的日期和文号记入其状态履历。"</p>
            <div class="filters no-print" role="search" aria-label="选择申报年度">
                <ChoiceSelect label="申报年度" options=year_options value=year all_label="全部年度" />
            </div>
            <p role="status">{move || {
                let [p, a, d, r] = counts.get();
                let of = chosen_year().map(|y| format!("{y}年")).unwrap_or_default();
                format!("{of}共{}份申报：待遴选{p}份，入选培育{a}份，暂缓{d}份，不予入选{r}份。", p + a + d + r)
            }}</p>
            <p class="no-print">
                <button type="button" aria-expanded=move || adding.get().to_string()
                    on:click=move |_| adding.update(|a| *a = !*a)>"登记申报"</button>
                " "
                // Nothing to print without an application (the page's hint is no list).
                <button type="button" disabled=move || rows.with(Vec::is_empty)
                    on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印遴选名单"</button>
            </p>
            <Show when=move || adding.get()>
                <ApplicationForm on_done=Callback::new(move |_| adding.set(false)) focus_card year />
            </Show>
            <ApplicationList rows year=Signal::derive(chosen_year) />
            <div class="no-print">
                <For each=move || rows.get() key=|a| (a.id.clone(), a.meta.rev, a.decision as u8)
                    children=move |a: Application| view! { <ApplicationCard a decided focus_card /> } />
            </div>
        </section>
    }
}

/// The printable list of applications (A4).
#[component]
fn ApplicationList(rows: Memo<Vec<Application>>, year: Signal<Option<u16>>) -> impl IntoView {
    view! {
        <h2 class="print-title">{move || match year.get() {
            Some(y) => format!("{y}年度示范点创建单位申报遴选名单"),
            None => "示范点创建单位申报遴选名单（各年度）".to_string(),
        }}</h2>
        {move || if rows.with(Vec::is_empty) {
            view! { <p class="empty no-print">"还没有申报。点“登记申报”录入单位的申报材料。"</p> }.into_any()
        } else {
            view! {
                <table class="applications-list">
                    <caption class="visually-hidden">"申报名单"</caption>
                    <thead><tr>
                        <th scope="col">"申报单位"</th><th scope="col">"系统/行业"</th><th scope="col">"申报日期"</th>
                        {STANDARDS.map(|s| view! { <th scope="col">{s}</th> })}
                        <th scope="col">"遴选结果"</th><th scope="col">"决定日期"</th><th scope="col">"文号"</th><th scope="col">"决定说明"</th>
                    </tr></thead>
                    <tbody>
                        {rows.get().into_iter().map(|a| {
                            let link = a.unit_id.clone().filter(|_| a.decision == ApplicationDecision::Accepted)
                                .map(|u| Route::Unit(u).href());
                            let others = AppContext::get()
                                .state
                                .with_untracked(|s| crate::domain::applications::others_this_year(s, &a));
                            view! {
                                <tr>
                                    <th scope="row">{match link {
                                        Some(h) => view! { <a href=h>{a.org_name.clone()}</a> }.into_any(),
                                        None => a.org_name.clone().into_any(),
                                    }}</th>
                                    <td>{a.sector.clone()}</td>
                                    <td class="nowrap">{a.applied_on.clone()}</td>
                                    <td class="nowrap">{level_label(a.foundation)}</td>
                                    <td class="nowrap">{level_label(a.potential)}</td>
                                    <td class="nowrap">{level_label(a.willingness)}</td>
                                    <td class="nowrap">{a.decision.label()}</td>
                                    <td class="nowrap">{a.decided_on.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td>{if a.doc_no.is_empty() { "—".to_string() } else { a.doc_no.clone() }}</td>
                                    // Why it was deferred or declined: the paper record of
                                    // the decision says so, and an earlier 暂缓 stays on it
                                    // after the application is decided again.
                                    <td>
                                        {a.deferrals.iter().map(|d| {
                                            let doc = if d.doc_no.is_empty() { String::new() } else { format!("（{}）", d.doc_no) };
                                            view! { <p class="applications-list__deferral">{format!("此前 {} 暂缓{doc}：{}", d.date, if d.note.trim().is_empty() { "—" } else { d.note.as_str() })}</p> }
                                        }).collect_view()}
                                        {if a.note.trim().is_empty() { "—".to_string() } else { a.note.clone() }}
                                        {others.into_iter().map(|o| view! { <p class="applications-list__deferral">{o}</p> }).collect_view()}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// The fields of an application as the committee enters them (登记申报 and 修改申报).
#[derive(Clone, Copy)]
struct ApplicationFields {
    name: RwSignal<String>,
    sector: RwSignal<String>,
    org_type: RwSignal<String>,
    applied_on: RwSignal<String>,
    leader: RwSignal<String>,
    contact: RwSignal<String>,
    basis: RwSignal<String>,
    plans: RwSignal<String>,
}

impl ApplicationFields {
    /// Empty (dated `today`), or filled in from `a`.
    fn new(a: Option<&Application>, today: String) -> Self {
        let field =
            |f: fn(&Application) -> &String| RwSignal::new(a.map(f).cloned().unwrap_or_default());
        ApplicationFields {
            name: field(|a| &a.org_name),
            sector: field(|a| &a.sector),
            org_type: RwSignal::new(
                org_type_code(a.map_or(OrgType::Branch, |a| a.org_type)).to_string(),
            ),
            applied_on: RwSignal::new(a.map_or(today, |a| a.applied_on.clone())),
            leader: field(|a| &a.leader),
            contact: field(|a| &a.contact),
            basis: field(|a| &a.statement),
            plans: field(|a| &a.plans),
        }
    }

    /// Every field, for the form's draft.
    fn all(self) -> Vec<RwSignal<String>> {
        vec![
            self.name,
            self.sector,
            self.org_type,
            self.applied_on,
            self.leader,
            self.contact,
            self.basis,
            self.plans,
        ]
    }

    fn draft(self) -> ApplicationDraft {
        ApplicationDraft {
            org_name: self.name.get_untracked(),
            sector: self.sector.get_untracked(),
            org_type: by_code(&OrgType::ALL, org_type_code, &self.org_type.get_untracked())
                .unwrap_or(OrgType::Branch),
            applied_on: self.applied_on.get_untracked(),
            basis: self.basis.get_untracked(),
            plans: self.plans.get_untracked(),
            leader: self.leader.get_untracked(),
            contact: self.contact.get_untracked(),
        }
    }

    fn view(self, faults: FormFaults) -> impl IntoView {
        view! {
            <TextField label=labels::NAME value=self.name required=true wide=true faults />
            <TextField label=labels::SECTOR value=self.sector faults />
            <ChoiceSelect label="组织类型" options=Signal::derive(|| options(&OrgType::ALL, org_type_code, OrgType::label)) value=self.org_type />
            <DateField label=labels::APPLIED_ON value=self.applied_on faults />
            <TextField label="责任人" value=self.leader />
            <TextField label="联系方式" value=self.contact />
            <TextArea label="创建基础" value=self.basis rows=3 />
            <TextArea label="创建计划" value=self.plans rows=3 />
        }
    }
}

/// What both application forms start with: focus in the first field, the fields
/// (empty, or from the application corrected), the error line, the draft kept under
/// `key`, and 取消 (forgets the draft and closes the form).
#[derive(Clone, Copy)]
struct FormStart {
    form_ref: NodeRef<leptos::html::Form>,
    fields: ApplicationFields,
    faults: FormFaults,
    kept: FormDraft,
    cancel: Callback<()>,
}

impl FormStart {
    fn new(a: Option<&Application>, key: String, on_done: Callback<()>) -> Self {
        let form_ref = NodeRef::<leptos::html::Form>::new();
        crate::ui::components::fields::focus_first_field(form_ref);
        let fields = ApplicationFields::new(a, AppContext::get().today());
        let kept = keep_draft(key, fields.all());
        FormStart {
            form_ref,
            fields,
            faults: FormFaults::new(),
            kept,
            cancel: Callback::new(move |_| {
                kept.done();
                on_done.run(());
            }),
        }
    }
}

/// The form that records an application.
#[component]
fn ApplicationForm(
    on_done: Callback<()>,
    focus_card: RwSignal<Option<(String, &'static str)>>,
    /// The page's 申报年度 choice: moved to the new application's year when another year
    /// is shown, so that its card is there to see.
    year: RwSignal<String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let f = FormStart::new(None, NEW_APPLICATION.to_string(), on_done);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = f.fields.draft();
        let applied = draft.applied_on.trim().get(..4).unwrap_or("").to_string();
        let now = ctx.now();
        match update_form(ctx, "登记申报", |s| applications::add(s, draft, &now)) {
            Ok(id) => {
                f.faults.clear();
                f.kept.done();
                let refused = ctx
                    .state
                    .with_untracked(|s| applications::refused_this_year(s, &id));
                ctx.notice.set(Some(match refused {
                    Some(date) => Notice::warning(format!(
                        "已登记申报。请注意：该单位本年度的申报已于 {date} 决定为“{}”，请核对是否重复登记。",
                        ApplicationDecision::Rejected.label()
                    )),
                    None => Notice::info("已登记申报。"),
                }));
                if year.with_untracked(|y| !y.is_empty() && *y != applied) {
                    year.set(applied);
                }
                // On to its card, where it is rated next.
                focus_card.set(Some((id, "h3")));
                on_done.run(());
            }
            Err(e) => f.faults.refuse(e),
        }
    };
    view! {
        <form node_ref=f.form_ref class="step-form no-print" aria-label="登记申报" on:submit=submit>
            <h2>"登记申报"</h2>
            {f.kept.note()}
            {f.fields.view(f.faults)}
            <FormActions submit_label="保存申报" on_cancel=f.cancel error=f.faults.error error_id=f.faults.error_id() />
        </form>
    }
}

/// The draft key of an application's 修改申报 form.
fn edit_key(id: &str) -> String {
    format!("application-edit:{id}")
}

/// 修改申报: what an application still waiting for a decision says, corrected (a name
/// or a date typed wrong) without losing its rating.
#[component]
fn EditApplicationForm(
    a: Application,
    on_done: Callback<()>,
    focus_card: RwSignal<Option<(String, &'static str)>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let f = FormStart::new(Some(&a), edit_key(&a.id), on_done);
    let id = StoredValue::new(a.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = f.fields.draft();
        let now = ctx.now();
        match update_form(ctx, "修改申报", |s| {
            applications::edit(s, &id.get_value(), draft, &now)
        }) {
            Ok(changed) => {
                f.faults.clear();
                f.kept.done();
                ctx.notice.set(Some(Notice::info(if changed {
                    text::CHANGES_SAVED
                } else {
                    "申报内容没有改动。"
                })));
                focus_card.set(Some((id.get_value(), "h3")));
                on_done.run(());
            }
            Err(e) => f.faults.refuse(e),
        }
    };
    view! {
        <form node_ref=f.form_ref class="step-form" aria-label=format!("修改申报 {}", a.org_name) on:submit=submit>
            <h4>"修改申报"</h4>
            {f.kept.note()}
            <p class="hint">"更正申报材料（如单位名称、申报日期填错）；已作的评定保留。"</p>
            {f.fields.view(f.faults)}
            <FormActions submit_label=text::SAVE_CHANGES on_cancel=f.cancel error=f.faults.error error_id=f.faults.error_id() />
        </form>
    }
}

/// One application: what it says, and (while open) the rating and decision forms.
/// Just after its decision it says what was decided and takes focus.
#[component]
fn ApplicationCard(
    a: Application,
    decided: RwSignal<Option<(String, u32, String)>>,
    focus_card: RwSignal<Option<(String, &'static str)>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let title = a.org_name.clone();
    // Two applications of one unit are told apart by their date (a clerk's review: two
    // cards and two 删除申报 buttons had one name).
    let named = format!("{}（{}申报）", a.org_name, a.applied_on);
    let heading = NodeRef::<leptos::html::H3>::new();
    let card = NodeRef::<leptos::html::Article>::new();
    let focus_here =
        focus_card.with_untracked(|f| f.as_ref().filter(|(i, _)| *i == a.id).map(|(_, s)| *s));
    if let Some(selector) = focus_here {
        Effect::new(move |_| {
            let target = card
                .get()
                .and_then(|c| c.query_selector(selector).ok().flatten())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(t) = target {
                let _ = t.focus();
                focus_card.set(None);
            }
        });
    }
    // Only while the decision stands (the record at the revision it made): after 撤销
    // the card says nothing of it.
    let rev = a.meta.rev;
    let just_decided = {
        let id = a.id.clone();
        move || {
            decided.with(|d| {
                d.as_ref()
                    .filter(|(i, r, _)| *i == id && *r == rev)
                    .map(|(_, _, m)| m.clone())
            })
        }
    };
    if just_decided().is_some() {
        // Drawn anew after the decision: focus (and so scroll to) its heading.
        Effect::new(move |_| {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        });
    }
    let unit_link = a
        .unit_id
        .clone()
        .filter(|_| a.decision == ApplicationDecision::Accepted)
        .map(|u| Route::Unit(u).href());
    let dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let open = a.decision.is_open();
    // Open at once when it holds text typed before the clerk went elsewhere.
    let editing = RwSignal::new(open && has_draft(&edit_key(&a.id)));
    let delete_open = RwSignal::new(false);
    let id = StoredValue::new(a.id.clone());
    let del_name = title.clone();
    // A decision made (暂缓, 不予入选) goes with it, and off the 遴选名单: said first.
    let decided_note = match (a.decision, &a.decided_on) {
        (ApplicationDecision::Pending, _) if a.deferrals.is_empty() => String::new(),
        (ApplicationDecision::Pending, _) => {
            "此前的暂缓决定也将一并删除，遴选名单中不再有这些记录。".to_string()
        }
        (d, Some(on)) => format!(
            "工委 {on} 作出的“{}”决定也将一并删除，遴选名单中不再有这条决定。",
            d.label()
        ),
        (d, None) => format!(
            "工委作出的“{}”决定也将一并删除，遴选名单中不再有这条决定。",
            d.label()
        ),
    };
    let do_delete = Callback::new(move |_| {
        if ctx
            .update("删除申报", |s| applications::delete(s, &id.get_value()))
            .is_ok()
        {
            ctx.notice.set(Some(Notice::info("已删除申报。")));
        }
    });
    let ratings = format!(
        "{}：{}；{}：{}；{}：{}",
        STANDARDS[0],
        level_label(a.foundation),
        STANDARDS[1],
        level_label(a.potential),
        STANDARDS[2],
        level_label(a.willingness)
    );
    view! {
        <article class="application card" aria-label=named.clone() node_ref=card>
            <h3 node_ref=heading tabindex="-1">{format!("{}（{}）", title, a.decision.label())}</h3>
            {move || just_decided().map(|m| view! {
                <p role="status" class="decided">{m}
                    {unit_link.clone().map(|h| view! { " " <a href=h>"查看单位"</a> })}
                </p>
            })}
            <dl class="facts">
                <dt>"申报日期"</dt><dd>{a.applied_on.clone()}</dd>
                <dt>"责任人"</dt><dd>{dash(&a.leader)}</dd>
                <dt>"联系方式"</dt><dd>{dash(&a.contact)}</dd>
                <dt>"创建基础"</dt><dd>{dash(&a.statement)}</dd>
                <dt>"创建计划"</dt><dd>{dash(&a.plans)}</dd>
                <dt>"评定"</dt><dd>{ratings}</dd>
                <dt>"评定意见"</dt><dd>{dash(&a.rating_note)}</dd>
                {(!a.deferrals.is_empty()).then(|| view! {
                    <dt>"此前暂缓"</dt>
                    <dd><ul class="plain">{a.deferrals.iter().map(|d| {
                        let doc = if d.doc_no.is_empty() { String::new() } else { format!("（{}）", d.doc_no) };
                        view! { <li>{format!("{} 暂缓{doc}：{}", d.date, dash(&d.note))}</li> }
                    }).collect_view()}</ul></dd>
                })}
                <dt>"遴选结果"</dt><dd>{a.decision.label()}</dd>
                {a.decided_on.clone().map(|d| view! { <dt>"决定日期"</dt><dd>{d}</dd> })}
                {(!a.doc_no.is_empty()).then(|| view! { <dt>"决定文号"</dt><dd>{a.doc_no.clone()}</dd> })}
                <dt>"说明"</dt><dd>{dash(&a.note)}</dd>
            </dl>
            {open.then(|| {
                let a2 = a.clone();
                view! {
                    {move || if editing.get() {
                        view! { <EditApplicationForm a=a2.clone() on_done=Callback::new(move |_| editing.set(false)) focus_card /> }.into_any()
                    } else {
                        view! { <p><button type="button" aria-label=format!("修改申报 {}", a2.org_name)
                            on:click=move |_| editing.set(true)>"修改申报"</button></p> }.into_any()
                    }}
                    <RatingForm a=a.clone() focus_card />
                    <DecisionForm a=a.clone() decided />
                }
            })}
            {(a.decision != ApplicationDecision::Accepted).then(|| view! {
                <p><button type="button" class="danger" aria-label=format!("删除申报 {named}")
                    on:click=move |_| delete_open.set(true)>"删除"</button></p>
                <ConfirmDialog open=delete_open title="确认删除申报"
                    message=Signal::derive(move || format!("将删除「{del_name}」的申报及其评定。{decided_note}删错了可立即点页面顶部的“撤销”退回。"))
                    confirm_label="删除" on_confirm=do_delete />
            })}
        </article>
    }
}

/// The decision form's first field (遴选结果), inside its card.
const DECISION_FIRST_FIELD: &str = "form.decision-form select";

/// The three levels and the note.
#[component]
fn RatingForm(
    a: Application,
    focus_card: RwSignal<Option<(String, &'static str)>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let level = |l: u8| RwSignal::new(if l == 0 { String::new() } else { l.to_string() });
    let levels = [
        level(a.foundation),
        level(a.potential),
        level(a.willingness),
    ];
    let note = RwSignal::new(a.rating_note.clone());
    let faults = FormFaults::new();
    let id = StoredValue::new(a.id.clone());
    // A rating half done is kept while the person visits other pages, as the decision is.
    let kept = keep_draft(
        format!("application-rating:{}", a.id),
        vec![levels[0], levels[1], levels[2], note],
    );
    let level_options = Signal::derive(|| {
        LEVELS
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let get = |k: usize| levels[k].get_untracked().parse::<u8>().unwrap_or(0);
        let r = Rating {
            foundation: get(0),
            potential: get(1),
            willingness: get(2),
            note: note.get_untracked(),
        };
        let now = ctx.now();
        match update_form(ctx, "评定申报", |s| {
            applications::rate(s, &id.get_value(), &r, &now)
        }) {
            Ok(()) => {
                faults.clear();
                kept.done();
                ctx.notice.set(Some(Notice::info("已保存评定。")));
                // The card is drawn anew: on to the decision, the next step.
                focus_card.set(Some((id.get_value(), DECISION_FIRST_FIELD)));
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form class="step-form" aria-label=format!("评定 {}", a.org_name) on:submit=submit>
            <h4>"按三项标准评定"</h4>
            {kept.note()}
            {STANDARDS.into_iter().zip(levels).map(|(s, v)| view! {
                <ChoiceSelect label=s options=level_options value=v all_label="（未评定）" faults />
            }).collect_view()}
            <TextArea label="评定意见" value=note rows=2 />
            <div class="form-actions"><button type="submit">"保存评定"</button></div>
            <FormError error=faults.error id=faults.error_id() />
        </form>
    }
}

/// The decision: 入选培育 / 暂缓 / 不予入选, its date, 文号 and note.
/// The choice starts empty, so that a decision is never taken by default.
#[component]
fn DecisionForm(a: Application, decided: RwSignal<Option<(String, u32, String)>>) -> impl IntoView {
    let ctx = AppContext::get();
    let decision = RwSignal::new(String::new());
    let date = RwSignal::new(ctx.today());
    let doc_no = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let faults = FormFaults::new();
    let id = StoredValue::new(a.id.clone());
    let org = StoredValue::new(a.org_name.clone());
    let unit_id = StoredValue::new(a.unit_id.clone());
    let confirm_open = RwSignal::new(false);
    let confirm_message = RwSignal::new(String::new());
    let kept = keep_draft(
        format!("application-decision:{}", a.id),
        vec![decision, date, doc_no, note],
    );
    let draft = move || Decision {
        decision: by_code(
            &ApplicationDecision::DECISIONS,
            ApplicationDecision::code,
            &decision.get_untracked(),
        )
        .unwrap_or(ApplicationDecision::Pending),
        date: date.get_untracked(),
        doc_no: doc_no.get_untracked(),
        note: note.get_untracked(),
    };
    // What 入选培育 would change in the roster entry of a unit already on it.
    let roster_updates = move || {
        ctx.state.with_untracked(|s| {
            s.applications
                .iter()
                .find(|x| x.id == id.get_value())
                .map(|a| applications::roster_updates(s, a))
                .unwrap_or_default()
        })
    };
    // A decision is final (入选培育 puts the unit on the roster): checked, then asked.
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft();
        let now = ctx.now();
        let checked = ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            applications::decide(&mut trial, &id.get_value(), &d, &now)
        });
        if let Err(e) = checked {
            faults.refuse(crate::ui::components::fields::Refusal::of(&e));
            return;
        }
        faults.clear();
        let doc = if d.doc_no.trim().is_empty() {
            String::new()
        } else {
            format!("，{}", d.doc_no.trim())
        };
        // A unit 摘牌 or 退出 applying again is on the roster already: its status changes.
        let on_roster = ctx.state.with_untracked(|s| {
            unit_id
                .get_value()
                .and_then(|u| s.unit(&u).map(|u| u.status.label()))
        });
        // Its roster entry takes the application's 责任人 and the like where they differ.
        let updated = roster_updates()
            .iter()
            .map(|x| {
                let from = if x.from.trim().is_empty() {
                    "（空）"
                } else {
                    x.from.as_str()
                };
                format!("{}由“{from}”改为“{}”", x.field.label(), x.to)
            })
            .collect::<Vec<_>>();
        let roster = match (d.decision, on_roster) {
            (ApplicationDecision::Accepted, Some(from)) if !updated.is_empty() => format!(
                "该单位已在名册中，状态将由“{from}”改为“创建中”，决定记入其状态履历；名册中的{}（按申报书）。",
                updated.join("，")
            ),
            (ApplicationDecision::Accepted, Some(from)) => {
                format!("该单位已在名册中，状态将由“{from}”改为“创建中”，决定记入其状态履历。")
            }
            (ApplicationDecision::Accepted, None) => {
                "该单位将列入名册（状态为“创建中”），决定记入其状态履历。".to_string()
            }
            _ => String::new(),
        };
        // The roster's 组织类型 is kept where the application says another.
        let kept_type = ctx
            .state
            .with_untracked(|s| {
                s.applications
                    .iter()
                    .find(|x| x.id == id.get_value())
                    .and_then(|a| applications::org_type_kept(s, a))
            })
            .filter(|_| d.decision == ApplicationDecision::Accepted)
            .map(|(held, given)| {
                format!(
                    "申报书填的组织类型“{}”与名册中的“{}”不同，名册保持“{}”；如需更改，请在单位页面修改。",
                    given.label(),
                    held.label(),
                    held.label()
                )
            })
            .unwrap_or_default();
        // 暂缓 leaves the application open: it is rated and decided again later.
        // Where a mistake found later is mended (a clerk's review: after a reload the
        // 撤销 was gone, and nothing said where a wrong date or 文号 is corrected).
        let after = if d.decision.is_open() {
            "暂缓的申报以后仍可重新评定、再作决定；如有错误，可立即点“撤销”"
        } else if d.decision == ApplicationDecision::Accepted {
            "决定后不能再修改；如有错误，可立即点“撤销”，事后发现日期或文号有误，可在该单位页面用“更正最近一条记录”更正"
        } else {
            "决定后不能再修改；如有错误，可立即点“撤销”"
        };
        confirm_message.set(format!(
            "「{}」的遴选结果定为“{}”（{}{doc}）。{roster}{kept_type}{after}。",
            org.get_value(),
            d.decision.label(),
            d.date.trim()
        ));
        confirm_open.set(true);
    };
    let submit = move |_: ()| {
        let d = draft();
        let now = ctx.now();
        let label = d.decision.label();
        let updates = roster_updates().len();
        match update_form(ctx, "遴选决定", |s| {
            applications::decide(s, &id.get_value(), &d, &now)
        }) {
            Ok(()) => {
                faults.clear();
                kept.done();
                // The card says what was decided; the banner's 已保存评定 is old news.
                ctx.notice.set(None);
                let extra = match (d.decision, updates) {
                    (ApplicationDecision::Accepted, 0) => "，已列入名册（状态为“创建中”）",
                    (ApplicationDecision::Accepted, _) => {
                        "，已列入名册（状态为“创建中”），名册信息已按申报书更新"
                    }
                    _ => "",
                };
                let rev = ctx.state.with_untracked(|s| {
                    s.applications
                        .iter()
                        .find(|x| x.id == id.get_value())
                        .map(|x| x.meta.rev)
                        .unwrap_or_default()
                });
                decided.set(Some((
                    id.get_value(),
                    rev,
                    format!("遴选结果：{label}{extra}。"),
                )));
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form class="step-form decision-form" aria-label=format!("遴选决定 {}", a.org_name) on:submit=ask>
            <h4>"遴选决定"</h4>
            {kept.note()}
            <ChoiceSelect label=labels::DECISION value=decision all_label="（请选择）" faults
                options=Signal::derive(|| options(&ApplicationDecision::DECISIONS, ApplicationDecision::code, ApplicationDecision::label)) />
            <DateField label=labels::DECIDED_ON value=date faults />
            <TextField label=labels::DOC_NO value=doc_no placeholder="入选培育须填写" faults />
            <TextField label=labels::NOTE value=note wide=true placeholder="暂缓、不予入选须写明理由" faults />
            <div class="form-actions"><button type="submit">"确认遴选结果"</button>" "
                <button type="button" on:click=move |_| {
                    decision.set(String::new());
                    date.set(ctx.today());
                    doc_no.set(String::new());
                    note.set(String::new());
                    faults.clear();
                    kept.saved();
                }>"清空"</button></div>
            <FormError error=faults.error id=faults.error_id() />
            <ConfirmDialog open=confirm_open title="确认遴选结果" message=Signal::derive(move || confirm_message.get())
                confirm_label="确认" on_confirm=Callback::new(submit) />
        </form>
    }
}
