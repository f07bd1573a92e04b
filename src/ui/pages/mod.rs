//! One file per screen. [`render`] picks the page for a route.
pub mod dashboard;
pub mod data;
pub mod not_built;

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Dashboard => view! { <dashboard::DashboardPage /> }.into_any(),
        Route::Data => view! { <data::DataPage /> }.into_any(),
        Route::Units | Route::Unit(_) => not_built::page("单位"),
        Route::Schemes | Route::Scheme(_) => not_built::page("考评方案"),
        Route::Rounds | Route::Round(_) | Route::ScoreGrid { .. } => not_built::page("考评"),
        Route::Results(_) | Route::ResultDetail { .. } | Route::ReportCard { .. } => {
            not_built::page("结果")
        }
        Route::Outcomes => not_built::page("成果"),
        Route::Pairings => not_built::page("结对"),
        Route::Rectification => not_built::page("整改"),
        Route::Reports => not_built::page("报表"),
        Route::Exchange => not_built::page("数据交换"),
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
