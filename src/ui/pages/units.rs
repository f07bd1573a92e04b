//! 单位: the roster with search and filters, adding, editing and deleting units; and
//! one unit's page with its record, its status history and the status change form
//! (`status_change`).

use leptos::prelude::*;

use crate::ui::components::gone_drafts::TextOfGoneRecord;

use crate::domain::roster::{
    add_unit, delete_unit, edit_conflicts, edit_unit_from, entry_years, filter_units, sectors,
    sort_units, unit_references, EditConflict, RosterFilter, RosterSort, RosterSortKey, UnitInput,
};
use crate::domain::{OrgType, Unit, UnitStatus};
use crate::route::Route;
use crate::ui::components::between::UnitBetweenRounds;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{update_form, ChoiceSelect, Refusal};
use crate::ui::components::modal::Modal;
use crate::ui::components::reviews::UnitReviews;
use crate::ui::components::roster_import::RosterImport;
use crate::ui::components::sort_header::SortHeader;
use crate::ui::components::unit_form::UnitForm;
use crate::ui::components::unit_record::{UnitOutcomes, UnitRounds};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

mod deadline_extension;
mod earlier_naming;
mod history_correction;
mod status_change;

use deadline_extension::DeadlineExtensions;
use earlier_naming::{EarlierNaming, PlaqueNumber};
use history_correction::HistoryCorrectionButton;
use status_change::StatusChangeForm;

/// The roster's filters as typed and chosen.
#[derive(Clone, Copy)]
struct Filters {
    query: RwSignal<String>,
    status: RwSignal<String>,
    sector: RwSignal<String>,
    org_type: RwSignal<String>,
    year: RwSignal<String>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            query: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            sector: RwSignal::new(String::new()),
            org_type: RwSignal::new(String::new()),
            year: RwSignal::new(String::new()),
        }
    }

    fn filter(self) -> RosterFilter {
        RosterFilter {
            query: self.query.get(),
            status: UnitStatus::ALL
                .into_iter()
                .find(|s| s.label() == self.status.get()),
            sector: Some(self.sector.get()).filter(|s| !s.is_empty()),
            org_type: OrgType::ALL
                .into_iter()
                .find(|t| t.label() == self.org_type.get()),
            entered_year: self.year.get().parse().ok(),
        }
    }
}

/// The search box and the four filter selects.
fn filter_bar(ctx: AppContext, f: Filters) -> impl IntoView {
    let status_opts = Signal::derive(|| {
        UnitStatus::ALL
            .iter()
            .map(|s| (s.label().to_string(), s.label().to_string()))
            .collect()
    });
    let sector_opts = Signal::derive(move || {
        ctx.state
            .with(|s| sectors(&s.units))
            .into_iter()
            .map(|s| (s.clone(), s))
            .collect()
    });
    let type_opts = Signal::derive(|| {
        OrgType::ALL
            .iter()
            .map(|t| (t.label().to_string(), t.label().to_string()))
            .collect()
    });
    let year_opts = Signal::derive(move || {
        ctx.state
            .with(|s| entry_years(&s.units))
            .into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect()
    });
    let query = f.query;
    view! {
        <div class="filters" role="search" aria-label="查找单位">
            <label class="field">
                <span>"搜索单位"</span>
                <input type="search" placeholder="单位名称、责任人或联系方式的一部分"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e)) />
            </label>
            // The kit's filter select: a choice that disappears (the last unit of a year
            // deleted, here or in another tab) falls back to 全部.
            <ChoiceSelect label="状态" options=status_opts value=f.status all_label=text::ANY />
            <ChoiceSelect label="系统/行业" options=sector_opts value=f.sector all_label=text::ANY />
            <ChoiceSelect label="组织类型" options=type_opts value=f.org_type all_label=text::ANY />
            <ChoiceSelect label="入选年份" options=year_opts value=f.year all_label=text::ANY />
        </div>
    }
}

/// Deleting: the unit waiting for confirmation and the dialog's state.
#[derive(Clone, Copy)]
struct Deleting {
    unit: RwSignal<Option<(String, String)>>,
    open: RwSignal<bool>,
    /// The unit whose deletion was just refused, and why: said in its row too (a
    /// keyboard review: the banner was a screen above the 删除 pressed far down the
    /// roster, and nothing seemed to happen).
    refused: RwSignal<Option<(String, String)>>,
}

impl Deleting {
    /// Asks before deleting a unit nothing refers to; refuses at once otherwise.
    fn ask(self, ctx: AppContext, id: String, name: String) {
        let refs = ctx.state.with_untracked(|s| unit_references(s, &id));
        self.refused.set(None);
        if refs.is_empty() {
            self.unit.set(Some((id, name)));
            self.open.set(true);
        } else if let Err(why) = ctx.update("删除单位", |s| delete_unit(s, &id)) {
            // Refused at once, with the reason: there is nothing to confirm.
            self.refused.set(Some((id, why)));
        }
    }
}

/// The confirmation of a delete.
fn delete_dialog(ctx: AppContext, del: Deleting) -> impl IntoView {
    let deleting = del.unit;
    let delete_message = Signal::derive(move || match deleting.get() {
        Some((_, name)) => {
            format!(
                "将删除单位「{name}」及其状态履历。删除后可用右上角的“撤销”恢复{}。",
                text::UNDO_LIMITS
            )
        }
        None => String::new(),
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, name)) = deleting.get_untracked() {
            // Kept aside first: the undo does not outlive a reload or another tab's save.
            let label = format!("删除单位前：{name}");
            if let Ok((_, kept)) = ctx.update_kept("删除单位", &label, |s| delete_unit(s, &id))
            {
                ctx.notice.set(Some(Notice::info(format!(
                    "已删除单位「{name}」。{}",
                    text::deleted_note(kept)
                ))));
            }
        }
        deleting.set(None);
    });
    view! {
        <ConfirmDialog open=del.open title="确认删除单位" message=delete_message
            confirm_label="删除" on_confirm=do_delete />
    }
}

/// The 单位 page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let f = Filters::new();
    crate::ui::components::fields::keep_filters(
        "单位",
        vec![f.query, f.status, f.sector, f.org_type, f.year],
    );
    let filter = Memo::new(move |_| f.filter());
    // Clicking a header sorts; before that the roster's own order.
    let sort = RwSignal::new(RosterSort::default());
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let mut units = ctx.state.with(|s| {
            filter_units(&s.units, &f)
                .into_iter()
                .cloned()
                .collect::<Vec<Unit>>()
        });
        sort_units(&mut units, sort.get());
        units
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.units.len()));

    let add = Callback::new(move |input: UnitInput| {
        let now = ctx.now_iso();
        let name = input.name.trim().to_string();
        update_form(ctx, "添加单位", |s| add_unit(s, &input, &now)).map(|_| {
            ctx.notice
                .set(Some(Notice::info(format!("已添加单位「{name}」。"))));
        })
    });

    // Editing: the unit being edited, shown in a dialog.
    // A 修改单位 dialog left with something typed (a reload, another page) opens again
    // with it, as the other forms do.
    let left_open = ctx.form_drafts_under(EDIT_DRAFT).into_iter().find_map(|k| {
        let id = k.strip_prefix(EDIT_DRAFT)?.to_string();
        ctx.state.with_untracked(|s| s.unit(&id).cloned())
    });
    let editing = RwSignal::new(left_open);
    let del = Deleting {
        unit: RwSignal::new(None),
        open: RwSignal::new(false),
        refused: RwSignal::new(None),
    };

    view! {
        <section class="units">
            <h1>"单位"</h1>

            <h2>"添加单位"</h2>
            <UnitForm initial=UnitInput::blank(ctx.this_year()) form_label="添加单位" submit_label="添加单位" with_status=true on_submit=add
                draft_key="添加单位" />

            <RosterImport />

            <h2>"单位名册"</h2>
            {filter_bar(ctx, f)}
            <p role="status">{move || {
                let (n, t) = (shown.with(Vec::len), total.get());
                if n == t { format!("共 {t} 个单位") } else { format!("共 {t} 个单位，符合条件的 {n} 个") }
            }}</p>
            <Show when=move || !shown.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || if total.get() == 0 {
                    "还没有单位。请用上面的表单逐个添加，或点“批量导入名册”从 Excel、WPS 或 CSV 导入；也可在“数据管理”中载入示例数据看看效果。"
                } else { "没有符合条件的单位。" }}</p> }>
                <table class="roster">
                    <caption class="visually-hidden">"单位名册"</caption>
                    <thead><tr>
                        <SortHeader label="名称" key=RosterSortKey::Name sort />
                        <SortHeader label="系统/行业" key=RosterSortKey::Sector sort />
                        <SortHeader label="组织类型" key=RosterSortKey::OrgType sort />
                        <SortHeader label="责任人" key=RosterSortKey::Leader sort />
                        <SortHeader label="联系方式" key=RosterSortKey::Contact sort />
                        <SortHeader label="入选年份" key=RosterSortKey::EnteredYear sort class="num" />
                        <SortHeader label="状态" key=RosterSortKey::Status sort />
                        <th scope="col">"操作"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || shown.get() key=|u| (u.id.clone(), u.meta.rev, u.name.clone(), u.status)
                            children=move |u: Unit| roster_row(ctx, u, editing, del) />
                    </tbody>
                </table>
            </Show>

            {move || editing.get().map(|u| edit_dialog(ctx, editing, u))}
            {delete_dialog(ctx, del)}
        </section>
    }
}

/// One unit's row in the roster, with its edit and delete buttons.
fn roster_row(
    ctx: AppContext,
    u: Unit,
    editing: RwSignal<Option<Unit>>,
    del: Deleting,
) -> impl IntoView {
    let id = u.id.clone();
    let name = u.name.clone();
    let (id2, name2, id3) = (id.clone(), name.clone(), id.clone());
    let for_edit = u.clone();
    view! {
        <tr>
            <td><a href=Route::Unit(id.clone()).href()>{u.name.clone()}</a></td>
            <td>{u.sector.clone()}</td>
            <td>{u.org_type.label()}</td>
            <td>{u.leader.clone()}</td>
            <td>{u.contact.clone()}</td>
            <td class="num">{u.entered_year}</td>
            <td><span class=format!("status status--{:?}", u.status).to_lowercase()>{u.status.label()}</span></td>
            <td class="actions">
                // By id, the keyboard comes back to it once the saved row is drawn anew.
                <button type="button" id=format!("edit-unit-{id}") aria-label=format!("{} {name}", text::EDIT)
                    on:click=move |_| editing.set(Some(for_edit.clone()))>{text::EDIT}</button>
                <button type="button" class="danger" aria-label=format!("删除 {name}")
                    on:click=move |_| del.ask(ctx, id2.clone(), name2.clone())>"删除"</button>
                // Announced by the banner (an alert); here to be seen where it was asked.
                {move || del.refused.get().filter(|(u, _)| *u == id3).map(|(_, why)| view! {
                    <p class="error" id=format!("delete-refused-{id3}")>{why}</p>
                })}
            </td>
        </tr>
    }
}

/// The start of the draft key of a unit's 修改单位 dialog (the unit's id follows).
const EDIT_DRAFT: &str = "修改单位/";

/// The dialog editing one unit's record.
fn edit_dialog(ctx: AppContext, editing: RwSignal<Option<Unit>>, u: Unit) -> impl IntoView {
    let id = u.id.clone();
    let title = format!("修改单位：{}", u.name);
    // What the form showed when it opened: another tab may change the unit meanwhile,
    // and only the fields changed here are written over it.
    let base = UnitInput::from_unit(&u);
    // A field another window saved meanwhile that this form changed too is said first;
    // the same save again writes this form's value over it.
    let seen = StoredValue::new(Vec::<EditConflict>::new());
    let save = Callback::new(move |input: UnitInput| {
        let conflicts = ctx
            .state
            .with_untracked(|s| edit_conflicts(s, &id, &base, &input));
        if !conflicts.is_empty() && seen.with_value(|s| *s != conflicts) {
            let refusal = Refusal::edited_elsewhere(&conflicts, "保存修改");
            seen.set_value(conflicts);
            return Err(refusal);
        }
        let now = ctx.now_iso();
        update_form(ctx, "修改单位", |s| {
            edit_unit_from(s, &id, &base, &input, &now)
        })
        .map(|_| {
            ctx.notice.set(Some(Notice::info(format!(
                "已保存单位「{}」的修改。",
                input.name.trim()
            ))));
            editing.set(None);
        })
    });
    let cancel = Callback::new(move |_| editing.set(None));
    view! {
        <Modal labelled_by="unit-edit-title" on_close=cancel>
            <h2 id="unit-edit-title">{title}</h2>
            <UnitForm initial=UnitInput::from_unit(&u) form_label="修改单位" submit_label="保存修改" on_submit=save on_cancel=cancel
                draft_key=format!("{EDIT_DRAFT}{}", u.id) />
            // A clerk's first week: 单位页面 read as this page, where no 变更状态 is. After
            // the form, so the dialog opens in 名称, not on this link (a keyboard review:
            // Enter by habit left the dialog).
            <p class="hint">"状态（授牌、警示、摘牌等）不在这里修改：请到"
                <a href=Route::Unit(u.id.clone()).href()>{format!("「{}」的单位页面", u.name)}</a>
                "用“变更状态”办理，以便记入履历。"</p>
        </Modal>
    }
}

/// One unit's page (its record and lifecycle history).
pub fn unit_page(id: String) -> AnyView {
    view! { <UnitPage id=id /> }.into_any()
}

#[component]
fn UnitPage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    let unit = Memo::new(move |_| ctx.state.with(|s| s.unit(&id.get_value()).cloned()));
    move || match unit.get() {
        None => view! {
            <section>
                <h1>"找不到单位"</h1>
                <p>{text::record_gone("单位")}</p>
                <TextOfGoneRecord id=id.get_value() />
                <p><a href=Route::Units.href()>"返回单位列表"</a></p>
            </section>
        }
        .into_any(),
        Some(u) => view! { <UnitRecord unit=u /> }.into_any(),
    }
}

/// Prints the unit's record and status history only: the page is marked while the
/// print dialog is open (`body[data-print="history"]`, see print.css; `print()` returns
/// when the dialog closes).
fn print_history() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let _ = body.set_attribute("data-print", "history");
    let _ = window.print();
    let _ = body.remove_attribute("data-print");
}

/// The record, history and status change form of one unit.
#[component]
fn UnitRecord(unit: Unit) -> impl IntoView {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    let dash = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    let history = unit.history.clone();
    let status = unit.status;
    view! {
        <section class="unit-page">
            <p class="no-print"><a href=Route::Units.href()>"← 返回单位列表"</a></p>
            <h1>{unit.name.clone()}</h1>
            <dl class="facts">
                <dt>"系统/行业"</dt><dd>{dash(&unit.sector)}</dd>
                <dt>"组织类型"</dt><dd>{unit.org_type.label()}</dd>
                <dt>"责任人"</dt><dd>{dash(&unit.leader)}</dd>
                <dt>"联系方式"</dt><dd>{dash(&unit.contact)}</dd>
                <dt>"入选年份"</dt><dd>{format!("{}年", unit.entered_year)}</dd>
                <dt>"当前状态"</dt><dd>{unit.status.label()}</dd>
                <dt>"牌匾编号"</dt><dd>{match (&unit.status, &unit.plaque_no) {
                    // The number stays on record; the plaque itself was taken back.
                    (UnitStatus::Delisted, Some(p)) if !p.is_empty() => format!("{p}（已摘牌，牌匾已收回）"),
                    // Back as 创建中 (or 退出) after holding a plaque: the former one.
                    (UnitStatus::Candidate | UnitStatus::Withdrawn, Some(p)) if !p.is_empty() => format!("{p}（原牌匾，已收回）"),
                    _ => opt(&unit.plaque_no),
                }}</dd>
                <dt>"授牌日期"</dt><dd>{match (&unit.status, &unit.named_on) {
                    (UnitStatus::Candidate | UnitStatus::Withdrawn, Some(d)) => format!("{d}（上次授牌）"),
                    _ => opt(&unit.named_on),
                }}</dd>
                {unit.rectify_by.clone().map(|d| {
                    // Extended by decision: the first deadline of this warning beside it.
                    let first = unit.current_extensions().first().map(|e| e.from.clone());
                    let shown = match first {
                        Some(f) => format!("{d}（已延期，原定{f}）"),
                        None => d,
                    };
                    view! { <dt>"整改期限"</dt><dd>{shown}</dd> }
                })}
            </dl>
            <DeadlineExtensions unit=unit.clone() />
            {if crate::domain::lifecycle::can_record_earlier_naming(&unit) {
                view! { <EarlierNaming unit=unit.clone() /> }.into_any()
            } else if matches!(unit.status, UnitStatus::Named | UnitStatus::Warned) {
                view! { <PlaqueNumber unit=unit.clone() /> }.into_any()
            } else {
                ().into_any()
            }}

            <h2>"状态履历"</h2>
            {if history.is_empty() {
                view! { <p class="empty">"尚无状态变更记录。"</p> }.into_any()
            } else {
                view! {
                    <table class="history">
                        <caption class="visually-hidden">"状态履历"</caption>
                        <thead><tr>
                            <th scope="col">"日期"</th><th scope="col">"原状态"</th><th scope="col">"新状态"</th>
                            <th scope="col">"理由"</th><th scope="col">"文号"</th>
                        </tr></thead>
                        <tbody>
                            {history.iter().map(|h| view! {
                                <tr>
                                    <td>{h.date.clone()}</td><td>{if h.from == h.to { "—" } else { h.from.label() }}</td><td>{h.to.label()}</td>
                                    <td>{h.reason.clone()}</td><td>{dash(&h.doc_no)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <p class="no-print">
                <button type="button" on:click=move |_| print_history()>"打印履历"</button>
            </p>
            <HistoryCorrectionButton unit=unit.clone() />
            <UnitReviews unit_id=unit.id.clone() />
            // Printed last, under the records it dates (a clerk's review: it stood
            // between 状态履历 and 复查记录).
            <p class="history-print-date">{format!("打印日期：{}", crate::domain::reports::notice::written_date(&AppContext::get().today()))}</p>

            // What 打印履历 leaves off: the record of the unit's status is what it prints
            // (a clerk's review: it printed the whole page); Ctrl+P prints everything.
            <div class="unit-page__more">
                <UnitRounds unit_id=unit.id.clone() />
                <UnitOutcomes unit_id=unit.id.clone() />
                <UnitBetweenRounds unit_id=unit.id.clone() />
            </div>

            <div class="no-print">
                <h2>"变更状态"</h2>
                <StatusChangeForm unit_id=unit.id.clone() status=status />
            </div>
        </section>
    }
}
