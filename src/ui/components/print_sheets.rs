//! 打印自评表 / 打印评分表 in a task copy: the sheets to sign and seal, hidden on screen
//! and printed alone on A4 (one sheet per page) with their signature lines.

use leptos::prelude::*;

use crate::domain::print_sheets::{print_sheets, PrintSheet};
use crate::ui::state::AppContext;

/// The print button and the sheets it prints.
#[component]
pub fn PrintSheets() -> impl IntoView {
    let ctx = AppContext::get();
    let sheets = Memo::new(move |_| ctx.state.with(print_sheets));
    let label = move || {
        if sheets.with(|s| s.first().is_some_and(|s| s.with_evidence)) {
            "打印自评表（签字盖章用）"
        } else {
            "打印评分表（签字用）"
        }
    };
    view! {
        <p class="no-print">
            <button type="button" on:click=move |_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{label}</button>
            " 打印时只打印表格，每个单位一页（佐证说明很长时接续到下一页）。"
        </p>
        <div class="print-sheets">
            {move || sheets.get().into_iter().map(sheet_view).collect_view()}
        </div>
    }
}

fn sheet_view(s: PrintSheet) -> impl IntoView {
    let with_evidence = s.with_evidence;
    view! {
        <section class="print-sheet">
            <h1>{s.title}</h1>
            <p class="print-sheet__who">{format!("被考评单位：{}　　{}", s.unit_name, s.filled_by)}</p>
            <table>
                <thead><tr>
                    <th scope="col" class="print-sheet__dim">"一级指标"</th><th scope="col" class="print-sheet__ind">"二级指标"</th>
                    <th scope="col" class="num">"满分"</th><th scope="col" class="num">"得分"</th>
                    {with_evidence.then(|| view! { <th scope="col">"佐证说明"</th> })}
                </tr></thead>
                <tbody>
                    {s.rows.into_iter().map(|r| view! {
                        <tr>
                            {r.dimension.map(|(name, span)| view! { <th scope="row" rowspan=span.to_string()>{name}</th> })}
                            <td>{r.indicator}</td>
                            <td class="num">{r.max.to_string()}</td>
                            <td class="num">{r.points.map(|p| p.to_string()).unwrap_or_default()}</td>
                            {with_evidence.then(|| view! { <td class="print-sheet__note">{r.evidence.clone()}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!s.comment.is_empty()).then(|| view! { <p class="print-sheet__comment">{format!("评语：{}", s.comment)}</p> })}
            <p class="print-sheet__total">{format!(
                "合计：{} 分（满分 {} 分）{}",
                s.total,
                s.full,
                if s.blanks > 0 { format!("，另有 {} 项未填", s.blanks) } else { String::new() }
            )}</p>
            <p class="print-sheet__sign">{s.signature}</p>
        </section>
    }
}
