//! 考评.

use leptos::prelude::*;

/// The 考评 page.
#[component]
pub fn RoundsPage() -> impl IntoView {
    super::not_built::page("考评")
}

/// One round: units, assessors, completeness.
pub fn round_page(_id: String) -> AnyView {
    super::not_built::page("考评")
}

/// The score grid of one source (an assessor id, or `self`) in a round.
pub fn score_grid_page(_round: String, _source: String) -> AnyView {
    super::not_built::page("考评")
}
