//! 数据交换.

use leptos::prelude::*;

/// The 数据交换 page.
#[component]
pub fn ExchangePage() -> impl IntoView {
    super::not_built::page("数据交换")
}
