//! 概览: the dashboard.

use leptos::prelude::*;

use crate::domain::UnitStatus;
use crate::ui::state::AppContext;

/// The dashboard: units by status and what needs attention.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = AppContext::get();
    let counts = Memo::new(move |_| {
        ctx.state.with(|s| {
            UnitStatus::ALL
                .iter()
                .map(|st| {
                    (
                        st.label(),
                        s.units.iter().filter(|u| u.status == *st).count(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section>
            <h1>"概览"</h1>
            <h2>"单位状态"</h2>
            <ul class="stat-row">
                {move || counts.get().into_iter().map(|(label, n)| view! {
                    <li class="stat"><span class="stat__value">{n}</span><span class="stat__label">{label}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
