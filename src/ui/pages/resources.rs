//! 保障投入: per unit per year, 党建工作经费 and 活动经费 (万元), 专职/兼职党务干部,
//! 阵地 (yes/no and area) and notes; the units of one year compared in a table.
//! Rules are `domain::between_rounds::resources`.

use leptos::prelude::*;

use crate::domain::between_rounds::resources::{self, ResourceDraft};
use crate::domain::ResourceEntry;
use crate::ui::components::between::{name, unit_options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{update_inline, ChoiceSelect, FormActions, TextField};
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
    let year_opts = Signal::derive(move || {
        years
            .get()
            .into_iter()
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
                <ResourceForm entry=entry year=year.get_untracked() on_done=Callback::new(move |_| editing.set(None)) />
            })}
            <p role="status">{move || format!("{}年度登记保障投入的单位{}个。", year.get(), rows.with(Vec::len))}</p>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"该年度还没有保障投入记录。"</p> }>
                <div class="table-wrap">
                    <table class="resource-compare">
                        <caption class="visually-hidden">{move || format!("{}年度各单位保障投入对比", year.get())}</caption>
                        <thead><tr>
                            <th scope="col">"单位"</th><th scope="col" class="num">"党建工作经费（万元）"</th>
                            <th scope="col" class="num">"活动经费（万元）"</th><th scope="col" class="num">"专职党务干部"</th>
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
                                            <td>{if r.r.premises { format!("有，{} 平方米", r.r.premises_area) } else { "无".to_string() }}</td>
                                            <td>{r.r.note.clone()}</td>
                                            <td class="no-print">
                                                <button type="button" aria-label=format!("修改 {w1}") on:click=move |_| editing.set(Some(Some(e.clone())))>"修改"</button>" "
                                                <button type="button" class="danger" aria-label=format!("删除 {w2}")
                                                    on:click=move |_| { deleting.set(Some((d.clone(), what.clone()))); delete_open.set(true); }>"删除"</button>
                                            </td>
                                        </tr>
                                    }
                                } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <ConfirmDialog open=delete_open title="确认删除保障投入" message=delete_message confirm_label="删除" on_confirm=do_delete />
        </section>
    }
}

/// The form for one unit's entry of a year (a new one when `entry` is `None`).
#[component]
fn ResourceForm(
    entry: Option<ResourceEntry>,
    year: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let first = ctx
        .state
        .with_untracked(|s| s.units.first().map(|u| u.id.clone()))
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
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(entry.map(|e| e.id));
    let count = |s: String| s.trim().parse::<u32>().ok();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(st), Some(pt), Some(ar)) = (
            count(if staff.get_untracked().trim().is_empty() {
                "0".into()
            } else {
                staff.get_untracked()
            }),
            count(if part_time.get_untracked().trim().is_empty() {
                "0".into()
            } else {
                part_time.get_untracked()
            }),
            count(if area.get_untracked().trim().is_empty() {
                "0".into()
            } else {
                area.get_untracked()
            }),
        ) else {
            error.set(Some("党务干部人数和阵地面积须填整数。".into()));
            return;
        };
        let Ok(y) = year.get_untracked().trim().parse::<u16>() else {
            error.set(Some("年度须填四位数字，如 2026。".into()));
            return;
        };
        let draft = ResourceDraft {
            unit_id: unit.get_untracked(),
            year: y,
            funds: funds.get_untracked(),
            activity_funds: activity.get_untracked(),
            staff: st,
            part_time_staff: pt,
            premises: premises.get_untracked() == "yes",
            premises_area: ar,
            note: note.get_untracked(),
        };
        let now = ctx.now_iso();
        let existing = id.get_value();
        match update_inline(ctx, "保存保障投入", |s| {
            resources::save(s, existing.as_deref(), draft, &now)
        }) {
            Ok(_) => {
                error.set(None);
                ctx.notice.set(Some(Notice::info("已保存保障投入。")));
                on_done.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let yes_no = Signal::derive(|| {
        vec![
            ("yes".to_string(), "有".to_string()),
            ("no".to_string(), "无".to_string()),
        ]
    });
    view! {
        <form class="step-form" aria-label="保障投入" on:submit=submit>
            <h2>"保障投入"</h2>
            <ChoiceSelect label="单位" options=unit_options(ctx) value=unit />
            <TextField label="年度" value=year />
            <TextField label="党建工作经费（万元）" value=funds />
            <TextField label="活动经费（万元）" value=activity />
            <TextField label="专职党务干部（人）" value=staff />
            <TextField label="兼职党务干部（人）" value=part_time />
            <ChoiceSelect label="是否有阵地" options=yes_no value=premises />
            <TextField label="阵地面积（平方米）" value=area />
            <TextField label="备注" value=note wide=true />
            <FormActions submit_label="保存保障投入" on_cancel=on_done error />
        </form>
    }
}
