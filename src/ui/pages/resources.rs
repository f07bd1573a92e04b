//! 保障投入: per unit per year, 党建工作经费 and 活动经费 (万元), 专职/兼职党务干部,
//! 阵地 (yes/no and area) and notes; the units of one year compared in a table.
//! Rules are `domain::between_rounds::resources`.

use leptos::prelude::*;

use crate::domain::between_rounds::resources;
use crate::domain::ResourceEntry;
use crate::ui::components::between::name;
use crate::ui::components::between_forms::ResourceForm;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::ChoiceSelect;
use crate::ui::state::{AppContext, Notice};

/// An entry as listed.
#[derive(Clone, PartialEq)]
struct Row {
    r: ResourceEntry,
    unit: String,
}

/// The 保障投入 page.
#[component]
pub fn ResourcesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let this_year = ctx.today().get(0..4).unwrap_or("2026").to_string();
    let years = Memo::new(move |_| ctx.state.with(resources::years));
    let year = RwSignal::new(
        years
            .get_untracked()
            .first()
            .map(|y| y.to_string())
            .unwrap_or(this_year.clone()),
    );
    let rows = Memo::new(move |_| {
        let y: u16 = year.get().parse().unwrap_or(0);
        ctx.state.with(|s| {
            resources::compare_year(s, y)
                .into_iter()
                .map(|r| Row {
                    r: r.clone(),
                    unit: name(s, &r.unit_id),
                })
                .collect::<Vec<_>>()
        })
    });
    // The years with entries, and this year even before its first entry (an empty
    // choice would be a box with nothing in it).
    let this_year_num: u16 = this_year.parse().unwrap_or(0);
    let year_opts = Signal::derive(move || {
        let mut ys = years.get();
        if !ys.contains(&this_year_num) {
            ys.insert(0, this_year_num);
            ys.sort_by(|a, b| b.cmp(a));
        }
        ys.into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect()
    });
    let editing = RwSignal::new(None::<Option<ResourceEntry>>);
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        deleting
            .get()
            .map(|(_, w)| format!("将删除{w}的保障投入记录。"))
            .unwrap_or_default()
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, _)) = deleting.get_untracked() {
            if ctx
                .update("删除保障投入", |s| resources::delete(s, &id))
                .is_ok()
            {
                ctx.notice.set(Some(Notice::info("已删除保障投入记录。")));
            }
        }
    });
    view! {
        <section class="resources">
            <h1>"保障投入"</h1>
            <p class="hint">"各单位每年的党建工作经费、活动经费（万元）、专兼职党务干部和阵地建设情况。"</p>
            <div class="filters" role="search" aria-label="选择年度">
                <ChoiceSelect label="年度" options=year_opts value=year />
            </div>
            <p class="no-print"><button type="button" on:click=move |_| editing.set(Some(None))>"登记保障投入"</button></p>
            {move || editing.get().map(|entry| view! {
                <ResourceForm entry=entry year=year.get_untracked() on_done=Callback::new(move |saved: Option<u16>| {
                    editing.set(None);
                    // An entry saved for another year is shown where it went.
                    if let Some(saved) = saved.filter(|y| year.get_untracked() != y.to_string()) {
                        year.set(saved.to_string());
                    }
                }) />
            })}
            <p role="status">{move || format!("{}年度登记保障投入的单位{}个。", year.get(), rows.with(Vec::len))}</p>
            {move || {
                let y: u16 = year.get().parse().unwrap_or(0);
                let missing = ctx.state.with(|s| resources::units_without_entry(s, y));
                (!missing.is_empty()).then(|| view! {
                    <p class="muted">{format!("尚未登记的单位（{}个）：{}。", missing.len(), missing.join("、"))}</p>
                })
            }}
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"该年度还没有保障投入记录。"</p> }>
                <div class="table-wrap">
                    <table class="resource-compare">
                        <caption class="visually-hidden">{move || format!("{}年度各单位保障投入对比", year.get())}</caption>
                        <thead><tr>
                            <th scope="col">"单位"</th><th scope="col" class="num">{crate::ui::text::PARTY_FUNDS_LABEL}</th>
                            <th scope="col" class="num">{crate::ui::text::ACTIVITY_FUNDS_LABEL}</th><th scope="col" class="num">"专职党务干部"</th>
                            <th scope="col" class="num">"兼职党务干部"</th><th scope="col">"阵地"</th><th scope="col">"备注"</th>
                            <th scope="col" class="no-print">"操作"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| (r.r.id.clone(), r.r.meta.rev)
                                children=move |r: Row| {
                                    let what = format!("{} {}年", r.unit, r.r.year);
                                    let (w1, w2) = (what.clone(), what.clone());
                                    let (e, d) = (r.r.clone(), r.r.id.clone());
                                    view! {
                                        <tr>
                                            <th scope="row">{r.unit.clone()}</th>
                                            <td class="num">{r.r.funds.to_string()}</td>
                                            <td class="num">{r.r.activity_funds.to_string()}</td>
                                            <td class="num">{r.r.staff}</td>
                                            <td class="num">{r.r.part_time_staff}</td>
                                            <td>{resources::premises_text(&r.r)}</td>
                                            <td>{r.r.note.clone()}</td>
                                            <td class="no-print">
                                                <button type="button" aria-label=format!("{} {w1}", crate::ui::text::EDIT) on:click=move |_| editing.set(Some(Some(e.clone())))>{crate::ui::text::EDIT}</button>" "
                                                <button type="button" class="danger" aria-label=format!("删除 {w2}")
                                                    on:click=move |_| { deleting.set(Some((d.clone(), what.clone()))); delete_open.set(true); }>"删除"</button>
                                            </td>
                                        </tr>
                                    }
                                } />
                        </tbody>
                        <tfoot>{move || {
                            let t = ctx.state.with(|s| {
                                let y: u16 = year.get().parse().unwrap_or(0);
                                resources::year_totals(&resources::compare_year(s, y))
                            });
                            view! {
                                <tr class="total">
                                    <th scope="row">{format!("合计（{}个单位）", t.units)}</th>
                                    <td class="num">{t.funds.to_string()}</td>
                                    <td class="num">{t.activity_funds.to_string()}</td>
                                    <td class="num">{t.staff}</td>
                                    <td class="num">{t.part_time_staff}</td>
                                    <td>{format!("有阵地{}个", t.premises)}</td>
                                    <td></td>
                                    <td class="no-print"></td>
                                </tr>
                            }
                        }}</tfoot>
                    </table>
                </div>
            </Show>
            <ConfirmDialog open=delete_open title="确认删除保障投入" message=delete_message confirm_label="删除" on_confirm=do_delete />
        </section>
    }
}
