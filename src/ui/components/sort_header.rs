//! A sortable column header: a button in a `<th>` that carries `aria-sort`.

use leptos::prelude::*;

use crate::domain::sorting::TableSort;

/// A `<th>` whose button sorts the table by `key`; what clicking it again does is the
/// table's [`TableSort::click`] (the direction flips; the roster's third click goes back
/// to its own order).
/// Works for any table whose sort implements [`TableSort`] (the ranking, the outcomes).
#[component]
pub fn SortHeader<S: TableSort>(
    /// The column's name (the button's accessible name).
    #[prop(into)]
    label: String,
    /// The column this header sorts by.
    key: S::Key,
    /// The table's current sort.
    sort: RwSignal<S>,
    /// Extra class on the cell (e.g. `num`).
    #[prop(into, optional)]
    class: String,
) -> impl IntoView {
    let printed = label.clone();
    let arrow = move || match sort.get().aria(key) {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        // `data-label`: printed in place of the button (print.css), since Chromium
        // leaves buttons out of the header row it repeats on each printed page.
        <th scope="col" class=class data-label=printed aria-sort=move || sort.get().aria(key)>
            <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = s.click(key))>
                {label}
                <span class="sort__arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
