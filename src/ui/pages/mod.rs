//! One file per screen. [`render`] picks the page for a route.
pub mod adjustment_grid;
pub mod applications;
pub mod dashboard;
pub mod data;
pub mod exchange;
pub mod focused;
pub mod guidance;
pub mod lifecycle;
pub mod notice;
pub mod outcome_detail;
pub mod outcomes;
pub mod pairings;
pub mod print_cards;
pub mod print_views;
pub mod rectification;
pub mod rectification_notice;
pub mod report_card;
pub mod reports;
pub mod resources;
pub mod result_detail;
pub mod results;
pub mod round_detail;
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
        Route::Applications => view! { <applications::ApplicationsPage /> }.into_any(),
        Route::Lifecycle => view! { <lifecycle::LifecyclePage /> }.into_any(),
        Route::Schemes => view! { <schemes::SchemesPage /> }.into_any(),
        Route::Scheme(id) => schemes::scheme_page(id),
        Route::Rounds => view! { <rounds::RoundsPage /> }.into_any(),
        Route::Round(id) => round_detail::round_page(id),
        Route::RoundAdjustments(id) => adjustment_grid::page(id),
        Route::ScoreGrid { round, source } => round_detail::score_grid_page(round, source),
        Route::Results(round) => results::results_page(round),
        Route::ResultDetail { round, unit } => result_detail::result_detail_page(round, unit),
        Route::ReportCard { round, unit } => report_card::report_card_page(round, unit),
        Route::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
        Route::ExchangeRound(id) => view! { <exchange::ExchangePage round=id /> }.into_any(),
        Route::Data => view! { <data::DataPage /> }.into_any(),
        Route::Outcomes => view! { <outcomes::OutcomesPage /> }.into_any(),
        Route::Outcome(id) => outcome_detail::outcome_page(id),
        Route::Pairings => view! { <pairings::PairingsPage /> }.into_any(),
        Route::Pairing(id) => pairings::pairing_page(id),
        Route::Rectification => view! { <rectification::RectificationPage /> }.into_any(),
        Route::RectificationItem(id) => rectification::item_page(id),
        Route::RectificationNotice(unit) => rectification_notice::rectification_notice_page(unit),
        Route::Resources => view! { <resources::ResourcesPage /> }.into_any(),
        Route::Guidance => view! { <guidance::GuidancePage /> }.into_any(),
        Route::Reports(year) => reports::reports_page(year),
        Route::Notice(year) => notice::notice_page(year),
        Route::Print(year, view) => print_views::print_page(year, view),
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
