//! A sortable column header: a button in a `<th>` that carries `aria-sort`.

use leptos::prelude::*;

use crate::domain::report::{Sort, SortKey};

/// A `<th>` whose button sorts the table by `key`; clicking again flips the direction.
#[component]
pub fn SortHeader(
    /// The column's name (the button's accessible name).
    #[prop(into)]
    label: String,
    /// The column this header sorts by.
    key: SortKey,
    /// The table's current sort.
    sort: RwSignal<Sort>,
    /// Extra class on the cell (e.g. `num`).
    #[prop(into, optional)]
    class: String,
) -> impl IntoView {
    let arrow = move || match sort.get().aria(key) {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" class=class aria-sort=move || sort.get().aria(key)>
            <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = s.click(key))>
                {label}
                <span class="sort__arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
