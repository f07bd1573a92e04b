//! The page shown for a screen that is not built yet: it says so plainly.

use leptos::prelude::*;

use crate::ui::text;

/// A page titled `title` that says its feature is not built yet.
pub fn page(title: &'static str) -> AnyView {
    view! {
        <section>
            <h1>{title}</h1>
            <p class="not-built">{text::NOT_BUILT}</p>
        </section>
    }
    .into_any()
}
