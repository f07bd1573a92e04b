//! 保障投入: per unit per year, 党建工作经费 and 活动经费 (万元), 专职/兼职党务干部,
//! 阵地 (yes/no and area) and notes; the units of one year compared in a table.
//! Rules are `domain::between_rounds::resources`.

use leptos::prelude::*;

use crate::domain::between_rounds::resource_paste::{
    changed_fields, read_pasted, save_pasted, PastePlan, PastedChange, PASTE_COLUMNS,
};
use crate::domain::between_rounds::resources;
use crate::domain::ResourceEntry;
use crate::ui::components::between_forms::{resource_draft_key, ResourceForm, NEW_RESOURCE_DRAFT};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{has_draft, keep_draft, ChoiceSelect, FormError, TextArea};
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
        let today = ctx.today();
        ctx.state.with(|s| {
            resources::compare_year(s, y)
                .into_iter()
                .map(|r| Row {
                    r: r.clone(),
                    unit: resources::unit_label_in_year(s, &r.unit_id, y, &today),
                })
                .collect::<Vec<_>>()
        })
    });
    // The years with entries, and this year and the four before it even without one
    // (an empty choice would be a box with nothing in it, and earlier years' figures
    // are entered or pasted in afterwards).
    let this_year_num: u16 = this_year.parse().unwrap_or(0);
    let year_opts = Signal::derive(move || {
        let mut ys = years.get();
        for y in this_year_num.saturating_sub(4)..=this_year_num {
            if !ys.contains(&y) {
                ys.push(y);
            }
        }
        ys.sort_by(|a, b| b.cmp(a));
        ys.into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect()
    });
    // A form left with typing in it opens again with it (see `keep_draft`).
    let reopened = if has_draft(NEW_RESOURCE_DRAFT) {
        Some(None)
    } else {
        ctx.state.with_untracked(|s| {
            s.resources
                .iter()
                .find(|r| has_draft(&resource_draft_key(&r.id)))
                .cloned()
                .map(Some)
        })
    };
    let editing = RwSignal::new(reopened);
    // The draft of the form open now, if any.
    let open_key = move || match editing.get_untracked() {
        Some(None) => Some(NEW_RESOURCE_DRAFT.to_string()),
        Some(Some(e)) => Some(resource_draft_key(&e.id)),
        None => None,
    };
    // Another form asked for while the open one holds typing: asked first, so that the
    // typing is neither lost without a word nor left to come back by itself later.
    let switch_to = RwSignal::new(None::<Option<ResourceEntry>>);
    let switch_open = RwSignal::new(false);
    let open_form = move |target: Option<ResourceEntry>| {
        let same = match (&editing.get_untracked(), &target) {
            (Some(None), None) => true,
            (Some(Some(a)), Some(b)) => a.id == b.id,
            _ => false,
        };
        if same {
            return;
        }
        if open_key().is_some_and(|k| has_draft(&k)) {
            switch_to.set(Some(target));
            switch_open.set(true);
        } else {
            editing.set(Some(target));
        }
    };
    let do_switch = Callback::new(move |_| {
        if let Some(k) = open_key() {
            ctx.keep_form_draft(&k, None);
        }
        if let Some(target) = switch_to.get_untracked() {
            editing.set(Some(target));
        }
    });
    let pasting = RwSignal::new(has_draft(PASTE_DRAFT));
    let pasted = RwSignal::new(String::new());
    // Closed with its own button, the paste is put away as 取消 does: nothing comes back
    // by itself, and leaving the page asks nothing.
    let toggle_paste = move |_| {
        if pasting.get_untracked() {
            ctx.keep_form_draft(PASTE_DRAFT, None);
            pasted.set(String::new());
        }
        pasting.update(|p| *p = !*p);
    };
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        deleting
            .get()
            .map(|(_, w)| {
                format!(
                    "将删除{w}的保障投入记录。删除后可点“撤销”找回{}。",
                    crate::ui::text::UNDO_LIMITS
                )
            })
            .unwrap_or_default()
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, what)) = deleting.get_untracked() {
            // Kept in a snapshot as every other deletion is (its question says so).
            let label = format!("删除保障投入前：{what}");
            if let Ok((_, kept)) =
                ctx.update_kept("删除保障投入", &label, |s| resources::delete(s, &id))
            {
                // Its 修改 form, open or set aside, goes with it.
                ctx.keep_form_draft(&resource_draft_key(&id), None);
                if editing.with_untracked(|e| matches!(e, Some(Some(x)) if x.id == id)) {
                    editing.set(None);
                }
                ctx.notice.set(Some(Notice::info(format!(
                    "已删除保障投入记录。{}",
                    crate::ui::text::deleted_note(kept)
                ))));
            }
        }
    });
    view! {
        <section class="resources">
            <h1><span class="no-print">"保障投入"</span><span class="print-only">{move || format!("{}年度各单位保障投入对比表", year.get())}</span></h1>
            <p class="hint">"各单位每年的党建工作经费、活动经费（万元）、专兼职党务干部和阵地建设情况。"</p>
            <div class="filters" role="search" aria-label="选择年度">
                <ChoiceSelect label="年度" options=year_opts value=year />
            </div>
            <p class="no-print"><button type="button" on:click=move |_| open_form(None)>{crate::ui::text::ADD_RESOURCE}</button>" "
                <button type="button" aria-expanded=move || pasting.get().to_string()
                    on:click=toggle_paste>"从表格粘贴"</button>" "
                <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印对比表"</button></p>
            <Show when=move || pasting.get()>
                <PasteResources year text=pasted on_done=Callback::new(move |_| pasting.set(false)) />
            </Show>
            {move || editing.get().map(|entry| view! {
                <ResourceForm entry=entry year=year.get_untracked() on_done=Callback::new(move |saved: Option<u16>| {
                    editing.set(None);
                    // An entry saved for another year is shown where it went.
                    if let Some(saved) = saved.filter(|y| year.get_untracked() != y.to_string()) {
                        year.set(saved.to_string());
                    }
                }) />
            })}
            <p role="status">{move || format!("{}年度登记保障投入的单位{}个，按两项经费之和（党建工作经费＋活动经费）从多到少排列。", year.get(), rows.with(Vec::len))}</p>
            {move || {
                let y: u16 = year.get().parse().unwrap_or(0);
                let missing = ctx.state.with(|s| resources::units_without_entry(s, y));
                (!missing.is_empty()).then(|| view! {
                    // Printed too: the list a clerk chases late units with.
                    <p class="muted resources-missing">{format!("尚未登记的单位（{}个）：{}。", missing.len(), missing.join("、"))}</p>
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
                                                <button type="button" aria-label=format!("{} {w1}", crate::ui::text::EDIT) on:click=move |_| open_form(Some(e.clone()))>{crate::ui::text::EDIT}</button>" "
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
            <ConfirmDialog open=switch_open title="放弃未保存的内容" message=Signal::derive(|| "正在填写的保障投入还没有保存。放弃这些内容，改为打开另一条吗？（要保留，请点“取消”，先保存正在填写的内容。）".to_string())
                confirm_label="放弃并打开" on_confirm=do_switch />
        </section>
    }
}

/// The draft of 从表格粘贴: what was pasted, kept until saved or cancelled.
const PASTE_DRAFT: &str = "从表格粘贴保障投入";

/// Rows pasted from Excel or WPS for the year shown: checked first (every problem by
/// line, nothing saved), then shown as they will be saved, then saved all together.
#[component]
fn PasteResources(
    /// The year the rows are for (the page's year).
    year: RwSignal<String>,
    /// What is pasted: the page's, so closing the form and opening it again keeps it.
    text: RwSignal<String>,
    /// Called after saving, or on 取消.
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::components::fields::focus_first_field(form_ref);
    let kept = keep_draft(PASTE_DRAFT, vec![text]);
    let plan = RwSignal::new(None::<PastePlan>);
    let error = RwSignal::new(None::<String>);
    // What was checked is what is saved: a change of text or year asks for a new check.
    Effect::new(move |_| {
        text.track();
        year.track();
        plan.set(None);
    });
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let y: u16 = year.get_untracked().parse().unwrap_or(0);
        let now = ctx.now_iso();
        match ctx
            .state
            .with_untracked(|s| read_pasted(s, y, &text.get_untracked(), &now))
        {
            Ok(p) => {
                error.set(None);
                plan.set(Some(p));
            }
            Err(problems) => {
                plan.set(None);
                error.set(Some(problems.join("\n")));
            }
        }
    };
    // What the check found doubtful (a sum in 元, most likely) is asked about before it
    // is saved, as 登记保障投入 asks about a large amount.
    let asking = RwSignal::new(false);
    let asked = RwSignal::new(String::new());
    let save = move || {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        let now = ctx.now_iso();
        if let Ok(counts) = ctx.update("粘贴保障投入", |s| save_pasted(s, &p, &now)) {
            ctx.notice.set(Some(Notice::info(format!(
                "已保存{}年度保障投入：{}。",
                p.year,
                counts_text(counts)
            ))));
            kept.done();
            text.set(String::new());
            on_done.run(());
        }
    };
    let ask_or_save = move |_| {
        let doubts =
            plan.with_untracked(|p| p.as_ref().map(|p| p.warnings.clone()).unwrap_or_default());
        if doubts.is_empty() {
            save();
        } else {
            asked.set(format!(
                "{}\n请核对以上内容。确认无误后再保存。",
                doubts.join("\n")
            ));
            asking.set(true);
        }
    };
    view! {
        <form class="step-form no-print" aria-label="从表格粘贴保障投入" on:submit=check node_ref=form_ref>
            <h2>{move || format!("从表格粘贴{}年度保障投入", year.get())}</h2>
            <p class="hint">{format!(
                "在 Excel 或 WPS 表格中选中各单位的行复制，粘贴到下面。列的顺序：{}，前面可以有序号列；连同表头一起复制时按表头的列名读（“阵地面积”可单独一列；表头中没有的列，已登记的单位保持原样）。阵地填“有”“无”或面积（整数，平方米）。标题行、表头和合计行会跳过。已登记的单位按粘贴的数字更新，检查后会列出每个单位改了什么。",
                PASTE_COLUMNS.join("、")
            )}</p>
            {kept.note()}
            <TextArea label="粘贴的表格内容" value=text rows=8 />
            <div class="form-actions">
                <button type="submit">"检查粘贴内容"</button>
                <button type="button" on:click=move |_| { kept.done(); text.set(String::new()); on_done.run(()); }>{crate::ui::text::CANCEL}</button>
            </div>
            <FormError error />
        </form>
        {move || plan.get().map(|p| {
            let n = p.entries.len();
            view! {
                <section class="no-print" aria-label="将保存的保障投入">
                    <p role="status">{format!(
                        "共{n}个单位：{}{}。",
                        counts_text(p.counts()),
                        if p.passed_over > 0 { format!("（标题、表头或合计{}行已跳过）", p.passed_over) } else { String::new() }
                    )}</p>
                    {(!p.kept_columns.is_empty()).then(|| view! {
                        <p class="hint">{format!(
                            "表头中没有「{}」列：已登记的单位{}保持原样，只更新粘贴的列。",
                            p.kept_columns.join("」「"),
                            if p.kept_columns.len() > 1 { "这几项" } else { "这一项" }
                        )}</p>
                    })}
                    <div class="table-wrap">
                        <table class="resource-compare">
                            <caption class="visually-hidden">"将保存的保障投入"</caption>
                            <thead><tr>
                                <th scope="col">"行"</th>
                                {PASTE_COLUMNS.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                                <th scope="col">"处理"</th>
                            </tr></thead>
                            <tbody>
                                {p.entries.iter().map(|e| view! {
                                    <tr>
                                        <td class="num">{e.line}</td>
                                        <th scope="row">{e.unit_name.clone()}</th>
                                        <td class="num">{e.saved.funds.to_string()}</td>
                                        <td class="num">{e.saved.activity_funds.to_string()}</td>
                                        <td class="num">{e.saved.staff}</td>
                                        <td class="num">{e.saved.part_time_staff}</td>
                                        <td>{resources::premises_text(&e.saved)}</td>
                                        <td>{e.saved.note.clone()}</td>
                                        <td>{match (&e.was, e.change) {
                                            (Some(was), PastedChange::Replaced) => format!("{}：{}", e.change.label(), changed_fields(was, &e.saved).join("；")),
                                            _ => e.change.label().to_string(),
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(!p.warnings.is_empty()).then(|| view! {
                        <div class="warning" role="note" aria-label="请核对">
                            {p.warnings.iter().map(|w| view! { <p>{w.clone()}</p> }).collect_view()}
                        </div>
                    })}
                    <p><button type="button" on:click=ask_or_save>{format!("保存这{n}个单位")}</button></p>
                </section>
            }
        })}
        <ConfirmDialog open=asking title="请核对后再保存" message=asked
            confirm_label="仍然保存" on_confirm=Callback::new(move |_| save()) />
    }
}

/// `新增2个，更新1个，无变化3个`.
fn counts_text((added, replaced, same): (usize, usize, usize)) -> String {
    format!("新增{added}个，更新{replaced}个，无变化{same}个")
}
