//! One file per screen. [`render`] picks the page for a route.
pub mod dashboard;
pub mod data;
pub mod exchange;
pub mod focused;
pub mod not_built;
pub mod outcomes;
pub mod results;
pub mod rounds;
pub mod schemes;
pub mod units;

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Dashboard => view! { <dashboard::DashboardPage /> }.into_any(),
        Route::Units => view! { <units::UnitsPage /> }.into_any(),
        Route::Unit(id) => units::unit_page(id),
        Route::Schemes => view! { <schemes::SchemesPage /> }.into_any(),
        Route::Scheme(id) => schemes::scheme_page(id),
        Route::Rounds => view! { <rounds::RoundsPage /> }.into_any(),
        Route::Round(id) => rounds::round_page(id),
        Route::ScoreGrid { round, source } => rounds::score_grid_page(round, source),
        Route::Results(round) => results::results_page(round),
        Route::ResultDetail { round, unit } => results::result_detail_page(round, unit),
        Route::ReportCard { round, unit } => results::report_card_page(round, unit),
        Route::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
        Route::Data => view! { <data::DataPage /> }.into_any(),
        Route::Outcomes => view! { <outcomes::OutcomesPage /> }.into_any(),
        Route::Outcome(id) => outcomes::outcome_page(id),
        Route::Pairings => not_built::page("结对"),
        Route::Rectification => not_built::page("整改"),
        Route::Reports => not_built::page("报表"),
        Route::NotFound(path) => view! {
            <section>
                <h1>"找不到页面"</h1>
                <p>{format!("地址“#/{path}”不对应任何页面。")}</p>
                <p><a href="#/">"回到概览"</a></p>
            </section>
        }
        .into_any(),
    }
}
