//! The one-page report card of one unit in one round: dimensions against the round's
//! average, the trend over the years, grade, rank and type; printable on one A4 page.

use leptos::prelude::*;

use crate::domain::outcomes;
use crate::domain::report;
use crate::route::Route;
use crate::ui::components::report_card::card_view;
use crate::ui::components::round_report::{innovation_fact, report_memo, unit_of, PublicationNote};
use crate::ui::state::AppContext;

/// A one-page report card of one unit in one round.
pub fn report_card_page(round: String, unit: String) -> AnyView {
    view! { <ReportCard round unit /> }.into_any()
}

/// The one-page report card: dimension scores against the round's average, the trend
/// over the years, grade, rank and type; printable on one A4 page.
#[component]
fn ReportCard(round: String, unit: String) -> impl IntoView {
    let ctx = AppContext::get();
    let report = report_memo(round.clone());
    let unit = StoredValue::new(unit);
    let round = StoredValue::new(round);
    let publication = Signal::derive(move || {
        report.with(|r| {
            ctx.state.with(|s| {
                let round = s.round(&round.get_value())?;
                crate::domain::publishing::publication_note(
                    round,
                    r.as_ref().ok().map(|x| &x.results),
                )
            })
        })
    });
    let trend = Memo::new(move |_| {
        let year = report.with(|r| r.as_ref().map(|r| r.year).unwrap_or(0));
        ctx.state
            .with(|s| report::unit_trend(s, &unit.get_value(), year))
    });
    let card = move || {
        let found = report.with(|r| unit_of(r, &unit.get_value()));
        match found {
            Err(msg) => view! {
                <section>
                    <h1>"考评报告"</h1>
                    <p class="error" role="alert">{msg}</p>
                    <p><a href=Route::Results(Some(round.get_value())).href()>"返回排名"</a></p>
                </section>
            }
            .into_any(),
            Ok((r, u)) => {
                let basis = innovation_fact(&u.unit_id, r.year);
                let rows = ctx
                    .state
                    .with(|s| outcomes::unit_outcomes_of_year(s, &u.unit_id, r.year));
                let mark = ctx.state.with(|s| {
                    s.round(&round.get_value()).and_then(|x| {
                        crate::domain::publishing::unit_draft_mark(x, Some(&r.results), &u.unit_id)
                    })
                });
                card_view(
                    round.get_value(),
                    &r,
                    &u,
                    trend.get(),
                    basis,
                    rows,
                    true,
                    mark,
                )
                .into_any()
            }
        }
    };
    view! {
        <PublicationNote note=publication />
        {card}
    }
}
