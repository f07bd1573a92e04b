//! 单位.

use leptos::prelude::*;

/// The 单位 page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    super::not_built::page("单位")
}

/// One unit's page (its record and lifecycle history).
pub fn unit_page(_id: String) -> AnyView {
    super::not_built::page("单位")
}
