//! What the 结果 pages share: a round's report recomputed when the data changes, one
//! unit's result in it, and its grade and rank in words.

use std::cell::RefCell;

use leptos::prelude::*;

use crate::domain::outcomes;
use crate::domain::report::{self, RoundReport};
use crate::domain::scoring::UnitResult;
use crate::domain::AppState;
use crate::domain::ScoringError;
use crate::ui::state::AppContext;

/// A round's report and the data it was computed from.
type ReportCache = ArcMemo<Result<RoundReport, ScoringError>>;

/// How many rounds' reports are kept between pages (the 结果 page, a unit's breakdown
/// and its report card usually show the same round).
const KEPT_REPORTS: usize = 2;

thread_local! {
    /// The reports of the rounds shown last, each a memo that outlives the page that
    /// made it: going back to a round's results does not score the round again unless
    /// the data changed (the memo follows `ctx.state` and recomputes when read after
    /// a change). Keyed by the data's signal as well, so another app (a test) never
    /// sees this one's reports.
    static REPORTS: RefCell<Vec<(RwSignal<AppState>, String, ReportCache)>> =
        const { RefCell::new(Vec::new()) };
}

/// A round's report, recomputed only when the data changes (also across pages: see
/// `REPORTS`).
pub fn report_memo(round_id: String) -> Memo<Result<RoundReport, ScoringError>> {
    let ctx = AppContext::get();
    let data = ctx.state;
    let cached = REPORTS.with_borrow_mut(|kept| {
        let at = kept
            .iter()
            .position(|(d, r, _)| *d == data && *r == round_id);
        let entry = match at {
            Some(i) => kept.remove(i),
            None => {
                let id = round_id.clone();
                // Under an owner of its own, so it does not go when the page goes
                // (making a root makes it the current owner: the page's is put back).
                let page = Owner::current();
                let root = Owner::new_root(None);
                if let Some(page) = &page {
                    page.set();
                }
                let memo = root
                    .with(|| ArcMemo::new(move |_| data.with(|s| report::round_report(s, &id))));
                (data, round_id, memo)
            }
        };
        let memo = entry.2.clone();
        kept.insert(0, entry);
        kept.truncate(KEPT_REPORTS);
        memo
    });
    Memo::from(cached)
}
/// The unit's result and the round's report, or what is wrong.
pub fn unit_of(
    r: &Result<RoundReport, ScoringError>,
    unit: &str,
) -> Result<(RoundReport, UnitResult), String> {
    let r = r
        .as_ref()
        .map_err(|e| format!("{}{e}", crate::ui::text::ROUND_NOT_COMPUTED))?;
    let u = r
        .results
        .unit(unit)
        .cloned()
        .ok_or_else(|| format!("{}中没有单位「{unit}」。", r.round_name))?;
    Ok((r.clone(), u))
}

pub fn grade_text(u: &UnitResult) -> String {
    let g = u.grade.map(|g| g.label()).unwrap_or("未评定");
    if u.grade_notes.is_empty() {
        g.to_string()
    } else {
        format!("{g}（{}）", u.grade_notes.join("；"))
    }
}

/// What the 优秀 innovation condition finds for a unit in a year, in words (read from
/// the data, so recognising or withdrawing an outcome shows at once).
pub fn innovation_fact(unit_id: &str, year: u16) -> String {
    AppContext::get().state.with(|s| {
        outcomes::innovation_basis(s, unit_id, year)
            .unwrap_or_else(|| format!("{year}年度无经认定的创新成果"))
    })
}

/// Over a published round's score grid and adjustments: a change there is not in the
/// published results until they are published again.
#[component]
pub fn PublishedEditHint(
    /// The round shown.
    round_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let published = Memo::new(move |_| {
        ctx.state
            .with(|s| rid.with_value(|id| s.round(id).is_some_and(|r| r.published)))
    });
    move || {
        published.get().then(|| {
            view! { <p class="hint" role="note">{crate::ui::text::PUBLISHED_EDIT_HINT}</p> }
        })
    }
}

/// Above what a year's round feeds when the page has not scored the round itself
/// (the printed roster): see [`PublicationNote`]. Scores the round only when it is
/// published (to tell whether it changed since). Not printed.
#[component]
pub fn UnpublishedYearNote(year: u16) -> impl IntoView {
    let ctx = AppContext::get();
    let note = Memo::new(move |_| {
        ctx.state.with(|s| {
            let round = crate::domain::reports::round_of_year(s, year)?;
            let results = round
                .published
                .then(|| crate::domain::scoring::compute_round(s, &round.id).ok())
                .flatten();
            crate::domain::publishing::publication_note(round, results.as_ref())
        })
    });
    view! { <PublicationNote note /> }
}

/// On a round's page: its results were published and have changed since (a score or
/// 加减分 after 发布结果), said on screen with the way on. Scores the round only when it
/// is published. Not printed.
#[component]
pub fn ChangedSincePublishedNote(round_id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let note = Memo::new(move |_| {
        ctx.state.with(|s| {
            let round = rid.with_value(|id| s.round(id))?;
            let results = round
                .published
                .then(|| crate::domain::scoring::compute_round(s, &round.id).ok())
                .flatten()?;
            crate::domain::publishing::changed_note(round, Some(&results))
        })
    });
    view! { <PublicationNote note /> }
}

/// Above what shows a round's grades and ranks outside the 结果 page: the page's
/// `publishing::publication_note`, from the results it computed. Not printed.
#[component]
pub fn PublicationNote(#[prop(into)] note: Signal<Option<String>>) -> impl IntoView {
    move || {
        note.get()
            .map(|text| view! { <p class="warning no-print" role="note">{text}</p> })
    }
}
