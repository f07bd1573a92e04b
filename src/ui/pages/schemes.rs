//! 考评方案.

use leptos::prelude::*;

/// The 考评方案 page.
#[component]
pub fn SchemesPage() -> impl IntoView {
    super::not_built::page("考评方案")
}

/// One scheme version, for viewing and editing.
pub fn scheme_page(_id: String) -> AnyView {
    super::not_built::page("考评方案")
}
