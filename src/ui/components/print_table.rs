//! A print view's frame and table: the 打印 button and the way back (not printed), the
//! title, a line on what is listed, and a `Table` from the domain as an HTML table whose
//! header row repeats on every printed page (print.css). When the table has no rows
//! the view says so in plain words instead.

use leptos::prelude::*;

use crate::domain::office::{Cell, Table};
use crate::domain::reports::prints::cell_text;
use crate::route::Route;

/// The print button and the link back to the year's 报表 (neither is printed).
#[component]
pub fn PrintBar(
    /// The year of the 报表 to go back to.
    year: u16,
) -> impl IntoView {
    view! {
        <p class="links no-print">
            <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印"</button>
            " "
            <a href=Route::Reports(Some(year)).href()>"返回报表"</a>
        </p>
    }
}

/// A titled table for A4 landscape, or `empty` when it has no rows.
#[component]
pub fn PrintTable(
    /// The heading (also the table's accessible name).
    title: String,
    /// A line under the heading: as at when, how many.
    meta: String,
    /// The rows to print.
    table: Table,
    /// What to say when there is nothing to print.
    empty: String,
) -> impl IntoView {
    if table.rows.is_empty() {
        return view! { <p class="print-view__empty" role="status">{empty}</p> }.into_any();
    }
    let heads = table
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.header.clone()}</th> })
        .collect_view();
    // Names and short columns stay on one line; only long text (wider than a unit's
    // name) wraps.
    let short: Vec<bool> = table.columns.iter().map(|c| c.width <= 28.0).collect();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let cells = r
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let class = match (c, short.get(k).copied().unwrap_or(false)) {
                        (Cell::Number(_), _) => "num",
                        (_, true) => "nowrap",
                        _ => "",
                    };
                    view! { <td class=class>{cell_text(c)}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <p class="print-view__meta">{meta}</p>
        <table class="print-table" aria-label=title>
            <thead><tr>{heads}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
