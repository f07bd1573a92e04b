//! 单位: the roster with search and filters, adding, editing and deleting units; and
//! one unit's page with its record, its status history and the status change form.

use leptos::prelude::*;

use crate::domain::between_rounds::rectification::{warn_with_items, WarnError};
use crate::domain::lifecycle::{
    change_status, needs_doc_no, transition_allowed, StatusChangeRequest,
};
use crate::domain::roster::{
    add_unit, delete_unit, edit_unit, entry_years, filter_units, sectors, unit_references,
    RosterFilter, UnitInput,
};
use crate::domain::ProblemCategory;
use crate::domain::{OrgType, Unit, UnitStatus};
use crate::route::Route;
use crate::ui::components::between::{by_code, options, UnitBetweenRounds};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::update_inline;
use crate::ui::components::fields::{ChoiceSelect, FormError, TextArea};
use crate::ui::components::roster_import::RosterImport;
use crate::ui::components::unit_form::UnitForm;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// A `<select>` with an "all" option, for a filter.
fn filter_select(
    label: &'static str,
    options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select aria-label=label on:change=move |e| value.set(event_target_value(&e))>
                <option value="" selected=move || value.get().is_empty()>"全部"</option>
                {move || options.get().into_iter().map(|(v, text)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || value.get() == v2>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The 单位 page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let query = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let org_type = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());

    let filter = Memo::new(move |_| RosterFilter {
        query: query.get(),
        status: UnitStatus::ALL
            .into_iter()
            .find(|s| s.label() == status.get()),
        sector: Some(sector.get()).filter(|s| !s.is_empty()),
        org_type: OrgType::ALL
            .into_iter()
            .find(|t| t.label() == org_type.get()),
        entered_year: year.get().parse().ok(),
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        ctx.state.with(|s| {
            filter_units(&s.units, &f)
                .into_iter()
                .cloned()
                .collect::<Vec<Unit>>()
        })
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.units.len()));

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

    let add = Callback::new(move |input: UnitInput| {
        let now = ctx.now_iso();
        let name = input.name.trim().to_string();
        update_inline(ctx, "添加单位", |s| add_unit(s, &input, &now)).map(|_| {
            ctx.notice
                .set(Some(Notice::info(format!("已添加单位「{name}」。"))));
        })
    });

    // Editing: the unit being edited, shown in a dialog.
    let editing = RwSignal::new(None::<Unit>);
    // Deleting: the unit waiting for confirmation.
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_open = RwSignal::new(false);
    let ask_delete = move |id: String, name: String| {
        let refs = ctx.state.with_untracked(|s| unit_references(s, &id));
        if refs.is_empty() {
            deleting.set(Some((id, name)));
            delete_open.set(true);
        } else {
            // Refuse at once, with the reason: there is nothing to confirm.
            let _ = ctx.update("删除单位", |s| delete_unit(s, &id));
        }
    };
    let delete_message = Signal::derive(move || match deleting.get() {
        Some((_, name)) => {
            format!("将删除单位「{name}」及其状态履历。删除后可用右上角的“撤销”恢复。")
        }
        None => String::new(),
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, name)) = deleting.get_untracked() {
            if ctx.update("删除单位", |s| delete_unit(s, &id)).is_ok() {
                ctx.notice
                    .set(Some(Notice::info(format!("已删除单位「{name}」。"))));
            }
        }
        deleting.set(None);
    });

    view! {
        <section class="units">
            <h1>"单位"</h1>

            <h2>"添加单位"</h2>
            <UnitForm initial=UnitInput::blank(ctx.this_year()) form_label="添加单位" submit_label="添加单位" with_status=true on_submit=add />

            <RosterImport />

            <h2>"单位名册"</h2>
            <div class="filters" role="search" aria-label="查找单位">
                <label class="field">
                    <span>"搜索单位"</span>
                    <input type="search" placeholder="输入单位名称的一部分"
                        prop:value=move || query.get()
                        on:input=move |e| query.set(event_target_value(&e)) />
                </label>
                {filter_select("状态", status_opts, status)}
                {filter_select("系统/行业", sector_opts, sector)}
                {filter_select("组织类型", type_opts, org_type)}
                {filter_select("入选年份", year_opts, year)}
            </div>
            <p role="status">{move || {
                let (n, t) = (shown.with(Vec::len), total.get());
                if n == t { format!("共 {t} 个单位") } else { format!("共 {t} 个单位，符合条件的 {n} 个") }
            }}</p>
            <Show when=move || !shown.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || if total.get() == 0 {
                    "还没有单位。请用上面的表单添加，或在“数据管理”中载入示例数据。"
                } else { "没有符合条件的单位。" }}</p> }>
                <table class="roster">
                    <caption class="visually-hidden">"单位名册"</caption>
                    <thead><tr>
                        <th scope="col">"名称"</th><th scope="col">"系统/行业"</th><th scope="col">"组织类型"</th>
                        <th scope="col">"责任人"</th><th scope="col">"联系方式"</th><th scope="col" class="num">"入选年份"</th>
                        <th scope="col">"状态"</th><th scope="col">"操作"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || shown.get() key=|u| (u.id.clone(), u.meta.rev, u.name.clone(), u.status)
                            children=move |u: Unit| {
                                let id = u.id.clone();
                                let name = u.name.clone();
                                let (id2, name2) = (id.clone(), name.clone());
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
                                            <button type="button" aria-label=format!("编辑 {name}")
                                                on:click=move |_| editing.set(Some(for_edit.clone()))>"编辑"</button>
                                            <button type="button" class="danger" aria-label=format!("删除 {name}")
                                                on:click=move |_| ask_delete(id2.clone(), name2.clone())>"删除"</button>
                                        </td>
                                    </tr>
                                }
                            } />
                    </tbody>
                </table>
            </Show>

            {move || editing.get().map(|u| {
                let id = u.id.clone();
                let title = format!("编辑单位：{}", u.name);
                let save = Callback::new(move |input: UnitInput| {
                    let now = ctx.now_iso();
                    update_inline(ctx, "修改单位", |s| edit_unit(s, &id, &input, &now)).map(|_| {
                        ctx.notice.set(Some(Notice::info(format!("已保存单位「{}」的修改。", input.name.trim()))));
                        editing.set(None);
                    })
                });
                let cancel = Callback::new(move |_| editing.set(None));
                view! {
                    <div class="modal-backdrop">
                        <div class="modal" role="dialog" aria-modal="true" aria-labelledby="unit-edit-title">
                            <h2 id="unit-edit-title">{title}</h2>
                            <p class="hint">"状态请在单位页面用“变更状态”办理，以便记入履历。"</p>
                            <UnitForm initial=UnitInput::from_unit(&u) form_label="编辑单位" submit_label="保存修改" on_submit=save on_cancel=cancel />
                        </div>
                    </div>
                }
            })}
            <ConfirmDialog open=delete_open title="确认删除单位" message=delete_message
                confirm_label="删除" on_confirm=do_delete />
        </section>
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
                <p>{format!("编号为“{}”的单位不存在，可能已被删除。", id.get_value())}</p>
                <p><a href=Route::Units.href()>"返回单位列表"</a></p>
            </section>
        }
        .into_any(),
        Some(u) => view! { <UnitRecord unit=u /> }.into_any(),
    }
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
                    _ => opt(&unit.plaque_no),
                }}</dd>
                <dt>"授牌日期"</dt><dd>{opt(&unit.named_on)}</dd>
                {unit.rectify_by.clone().map(|d| view! { <dt>"整改期限"</dt><dd>{d}</dd> })}
            </dl>

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
                <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印履历"</button>
            </p>

            <UnitBetweenRounds unit_id=unit.id.clone() />

            <div class="no-print">
                <h2>"变更状态"</h2>
                <StatusChangeForm unit_id=unit.id.clone() status=status />
            </div>
        </section>
    }
}

/// Lets the person change a unit's status: new status, date, reason and 文号 (plus the
/// plaque number when naming and the deadline when warning).
#[component]
fn StatusChangeForm(unit_id: String, status: UnitStatus) -> impl IntoView {
    let ctx = AppContext::get();
    let first_allowed = UnitStatus::ALL
        .into_iter()
        .find(|t| transition_allowed(status, *t))
        .unwrap_or(status);
    let to = RwSignal::new(first_allowed);
    let date = RwSignal::new(ctx.today());
    let reason = RwSignal::new(String::new());
    let doc_no = RwSignal::new(String::new());
    let plaque = RwSignal::new(String::new());
    let rectify_by = RwSignal::new(String::new());
    // 警示: the items it creates, one per line, and their category.
    let warn_items = RwSignal::new(String::new());
    let warn_category = RwSignal::new(ProblemCategory::ShowNotModel.code().to_string());
    let error = RwSignal::new(None::<String>);
    let unit_id = StoredValue::new(unit_id);
    let request = move || {
        let target = to.get_untracked();
        StatusChangeRequest {
            to: target,
            date: date.get_untracked().trim().to_string(),
            reason: reason.get_untracked(),
            doc_no: doc_no.get_untracked(),
            plaque_no: Some(plaque.get_untracked().trim().to_string())
                .filter(|p| target == UnitStatus::Named && !p.is_empty()),
            rectify_by: Some(rectify_by.get_untracked().trim().to_string())
                .filter(|d| target == UnitStatus::Warned && !d.is_empty()),
        }
    };
    let apply = move || {
        let req = request();
        let items = warn_items.get_untracked();
        let category = by_code(
            &ProblemCategory::ALL,
            ProblemCategory::code,
            &warn_category.get_untracked(),
        )
        .unwrap_or(ProblemCategory::Other);
        let now = ctx.now_iso();
        match update_inline(ctx, "变更单位状态", |s| {
            if req.to == UnitStatus::Warned {
                warn_with_items(s, &unit_id.get_value(), &req, category, &items, &now).map(|_| ())
            } else {
                change_status(s, &unit_id.get_value(), &req).map_err(WarnError::from)
            }
        }) {
            Ok(()) => {
                error.set(None);
                ctx.notice.set(Some(Notice::info(format!(
                    "已将状态变更为“{}”，并记入履历。",
                    req.to.label()
                ))));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    // 授牌, 警示 and 摘牌 are decisions: checked first, then confirmed in a dialog.
    let confirm_open = RwSignal::new(false);
    let confirm_message = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = request();
        if !needs_doc_no(req.to) {
            apply();
            return;
        }
        let checked = ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            change_status(&mut trial, &unit_id.get_value(), &req)
                .map(|()| trial.unit(&unit_id.get_value()).map(|u| u.name.clone()))
        });
        match checked {
            Err(e) => error.set(Some(e.to_string())),
            Ok(name) => {
                error.set(None);
                let deadline = req
                    .rectify_by
                    .as_ref()
                    .map(|d| format!("，整改期限 {d}"))
                    .unwrap_or_default();
                confirm_message.set(format!(
                    "将「{}」由「{}」变更为「{}」（{}，文号 {}{deadline}），并记入状态履历。",
                    name.unwrap_or_default(),
                    status.label(),
                    req.to.label(),
                    req.date,
                    req.doc_no.trim()
                ));
                confirm_open.set(true);
            }
        }
    };
    view! {
        <form class="status-form" aria-label="变更状态" on:submit=submit>
            <p class="hint">{format!("当前状态：{}。", status.label())}
                "可变更为："{UnitStatus::ALL.iter().filter(|t| transition_allowed(status, **t)).map(|t| t.label()).collect::<Vec<_>>().join("、")}"。"</p>
            <label class="field">
                <span>"新状态"</span>
                <select aria-label="新状态" on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(s) = UnitStatus::ALL.iter().find(|s| s.label() == v) { to.set(*s); }
                }>
                    // Only the statuses this one may change to (the rest would be refused).
                    {UnitStatus::ALL.iter().filter(|t| **t != status && transition_allowed(status, **t)).map(|t| view! {
                        <option value=t.label() selected=move || to.get() == *t>{t.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"变更日期"</span>
                <input type="date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e)) />
            </label>
            <label class="field field--wide">
                <span>"变更理由"</span>
                <input type="text" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e)) />
            </label>
            <label class="field">
                <span>"文号"</span>
                <input type="text" placeholder=text::DOC_NO_EXAMPLE prop:value=move || doc_no.get() on:input=move |e| doc_no.set(event_target_value(&e)) />
            </label>
            <Show when=move || to.get() == UnitStatus::Named>
                <label class="field">
                    <span>"牌匾编号"</span>
                    <input type="text" prop:value=move || plaque.get() on:input=move |e| plaque.set(event_target_value(&e)) />
                </label>
            </Show>
            <Show when=move || to.get() == UnitStatus::Warned>
                <label class="field">
                    <span>"整改期限"</span>
                    <input type="date" prop:value=move || rectify_by.get() on:input=move |e| rectify_by.set(event_target_value(&e)) />
                </label>
                <ChoiceSelect label="警示整改事项类别" options=Signal::derive(|| options(&ProblemCategory::ALL, ProblemCategory::code, ProblemCategory::label)) value=warn_category />
                <TextArea label="警示整改事项（每行一项）" value=warn_items rows=2 placeholder="每行一项，登记为来源“警示决定”、期限同整改期限的整改事项" />
            </Show>
            <div class="form-actions"><button type="submit">"确认变更"</button></div>
            <FormError error />
        </form>
        <ConfirmDialog open=confirm_open title=text::CONFIRM_STATUS_CHANGE message=confirm_message
            confirm_label="确认" on_confirm=Callback::new(move |_| apply()) />
    }
}
