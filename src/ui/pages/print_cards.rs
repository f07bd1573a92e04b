//! Every report card of the year's round in one print, a page each, in the ranking's
//! order: the same card as the report card page (`components::report_card`), which
//! shows only the neutral wording of the type (the committee's internal words are
//! never printed for a unit).

use leptos::prelude::*;

use crate::ui::components::round_report::PublicationNote;

use crate::domain::report::round_report;
use crate::domain::reports::prints::card_units;
use crate::domain::reports::round_of_year;
use crate::ui::components::print_table::PrintBar;
use crate::ui::components::report_card::unit_card;
use crate::ui::state::AppContext;

/// The print of every report card of `year`'s round.
pub fn print_cards_page(year: u16) -> AnyView {
    view! { <PrintCards year /> }.into_any()
}

#[component]
fn PrintCards(year: u16) -> impl IntoView {
    let ctx = AppContext::get();
    let content = move || {
        let round = ctx.state.with(|s| {
            round_of_year(s, year).map(|r| {
                let report = round_report(s, &r.id);
                let results = report.as_ref().ok().map(|x| &x.results);
                let note = crate::domain::publishing::publication_note(r, results);
                // Each card is marked by its own unit's figures (a unit whose figures
                // are as published was given them).
                let marks: Vec<(String, Option<&'static str>)> = r
                    .unit_ids
                    .iter()
                    .map(|u| {
                        (
                            u.clone(),
                            crate::domain::publishing::unit_draft_mark(r, results, u),
                        )
                    })
                    .collect();
                // Every unit's trend, each round computed once (not once per card).
                let trends = crate::domain::report::unit_trends(s, year);
                (note, marks, r.name.clone(), report, trends)
            })
        });
        let Some((note, marks, name, report, mut trends)) = round else {
            return empty(
                "考评报告".to_string(),
                format!("{year}年度没有考评，没有可打印的考评报告。"),
            );
        };
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                return empty(
                    format!("{name}考评报告"),
                    format!("{name}无法计算结果，没有可打印的考评报告：{e}"),
                )
            }
        };
        let units = card_units(&report);
        if units.is_empty() {
            return empty(
                format!("{name}考评报告"),
                format!("{name}中没有单位，没有可打印的考评报告。"),
            );
        }
        let n = units.len();
        let cards = units
            .iter()
            .filter_map(|id| report.results.unit(id))
            .map(|u| {
                let mark = marks
                    .iter()
                    .find(|(id, _)| *id == u.unit_id)
                    .and_then(|(_, m)| *m);
                let trend = trends.remove(&u.unit_id).unwrap_or_default();
                unit_card(&report, u, mark, trend)
            })
            .collect_view();
        view! {
            <PublicationNote note=Signal::stored(note) />
            <div class="print-cards__head no-print">
                <h1>{format!("{name}：全部单位考评报告")}</h1>
                <p class="print-view__meta">{format!("共{n}个单位，按排名顺序，每个单位一页。")}</p>
            </div>
            <div class="print-cards__list">{cards}</div>
        }
        .into_any()
    };
    view! {
        <section class="print-view print-cards">
            <PrintBar year />
            {content}
        </section>
    }
}

fn empty(title: String, why: String) -> AnyView {
    view! {
        <h1>{title}</h1>
        <p class="print-view__empty" role="status">{why}</p>
    }
    .into_any()
}
