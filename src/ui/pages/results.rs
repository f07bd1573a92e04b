//! 结果.

use leptos::prelude::*;

/// The 结果 page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    super::not_built::page("结果")
}

/// A round's ranking; the latest round when none is named.
pub fn results_page(_round: Option<String>) -> AnyView {
    view! { <ResultsPage /> }.into_any()
}

/// How one unit's total was made.
pub fn result_detail_page(_round: String, _unit: String) -> AnyView {
    super::not_built::page("结果")
}

/// A one-page report card of one unit in one round.
pub fn report_card_page(_round: String, _unit: String) -> AnyView {
    super::not_built::page("结果")
}
