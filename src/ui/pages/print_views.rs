//! 报表's print views of tables, on A4 landscape with the header row on every page and
//! no navigation: the roster (名册, with each unit's recent grades) and the units and
//! assessors who have not returned their files in the year's round (the same table as
//! the 未报送名单 export). Tables from `domain::reports::prints` and
//! `domain::office::tables`; this page lays them out.

use leptos::prelude::*;

use crate::ui::components::round_report::UnpublishedYearNote;

use crate::domain::office::tables::not_returned_table;
use crate::domain::reports::prints::roster_print_table;
use crate::domain::reports::{reference_date, round_of_year};
use crate::route::PrintView;
use crate::ui::components::print_table::{PrintBar, PrintTable};
use crate::ui::state::AppContext;

/// The print view `view` for `year` (the report cards have a page of their own).
pub fn print_page(year: u16, view: PrintView) -> AnyView {
    match view {
        PrintView::Roster => view! { <RosterPrint year /> }.into_any(),
        PrintView::NotReturned => view! { <NotReturnedPrint year /> }.into_any(),
        PrintView::Cards => super::print_cards::print_cards_page(year),
    }
}

/// 名册: every unit with its recent grades.
#[component]
fn RosterPrint(year: u16) -> impl IntoView {
    let ctx = AppContext::get();
    // A past year's roster as it stood at that year's end.
    let reference = reference_date(year, &ctx.today());
    let content = move || {
        let table = ctx.state.with(|s| roster_print_table(s, year, &reference));
        let meta = format!(
            "截至{reference}，共{}个单位。等次为各年度考评的结果。",
            table.rows.len()
        );
        view! {
            <PrintTable title="示范点名册".to_string() meta table
                empty="名册中还没有单位，没有可打印的名册。".to_string() />
        }
    };
    view! {
        <section class="print-view print-view--landscape">
            <PrintBar year />
            <UnpublishedYearNote year />
            <h1>"示范点名册"</h1>
            {content}
        </section>
    }
}

/// 未报送名单: who still owes a score sheet or a self-assessment in the year's round.
#[component]
fn NotReturnedPrint(year: u16) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let content = move || {
        ctx.state.with(|s| match round_of_year(s, year) {
            None => view! {
                <h1>"未报送名单"</h1>
                <p class="print-view__empty" role="status">{format!("{year}年度没有考评，没有可打印的未报送名单。")}</p>
            }
            .into_any(),
            Some(round) => {
                let table = not_returned_table(s, round);
                let title = format!("{}未报送名单", round.name);
                let meta = format!("截至{today}，共{}条（评委按人、单位按自评表列出）。", table.rows.len());
                let empty = format!("{}的评分表和自评表都已交回，没有未报送的评委和单位。", round.name);
                view! {
                    <h1>{title.clone()}</h1>
                    <PrintTable title meta table empty />
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="print-view print-view--landscape">
            <PrintBar year />
            {content}
        </section>
    }
}
