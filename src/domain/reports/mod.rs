//! 报表: the figures of a year (BRIEF 9 and 13), computed from the model.
//!
//! - [`problems`]: the speech's five problems, each a figure with the sites behind it;
//! - [`figures`]: the year's other figures (status changes, grades, outcomes, overdue
//!   rectification, resources);
//! - [`prints`]: what the print views print (the roster with recent grades, the order
//!   of the report cards);
//! - [`notice`]: the year's 通报 drafted from those figures, with the committee's own
//!   paragraphs kept in [`NoticeText`](crate::domain::model::NoticeText).
//!
//! A year is read "as at" its reference date: the last day of the year, or today while
//! the year is not over (see [`reference_date`]). Pure functions; the 报表 page, the
//! 通报 and the office files show what these return.

pub mod chart;
pub mod figures;
pub mod notice;
pub mod prints;
pub mod problems;
pub mod rectification_notice;

use super::model::*;
use super::report::{rounds_latest_first, RoundReport};
use super::round_setup::in_programme;

/// The date a year's figures are read at: `YYYY-12-31`, or `today` when that is
/// earlier (the year is still running).
pub fn reference_date(year: u16, today: &str) -> Date {
    let end = format!("{year:04}-12-31");
    if today < end.as_str() {
        today.to_string()
    } else {
        end
    }
}

/// The round of a year: the latest round with that year, if any.
pub fn round_of_year(state: &AppState, year: u16) -> Option<&Round> {
    rounds_latest_first(state)
        .into_iter()
        .find(|r| r.year == year)
}

/// The round report of a year, when there is a round that can be scored.
pub fn report_of_year(state: &AppState, year: u16) -> Option<RoundReport> {
    let round = round_of_year(state, year)?;
    super::report::round_report(state, &round.id).ok()
}

/// The years a report can be made for, newest first: every round's year, this year,
/// and every year up to this one with something the report counts (a status change,
/// an outcome, a resource entry, a 督导 visit), so a year kept without a round (the
/// programme's first, or one whose round was not entered) can still be chosen.
pub fn report_years(state: &AppState, this_year: u16) -> Vec<u16> {
    let year = |d: &str| {
        crate::domain::dates::year_of(d)
            .and_then(|y| u16::try_from(y).ok())
            .filter(|y| *y <= this_year)
    };
    let mut v: Vec<u16> = state.rounds.iter().map(|r| r.year).collect();
    v.push(this_year);
    v.extend(
        state
            .units
            .iter()
            .flat_map(|u| u.history.iter().filter_map(|h| year(&h.date))),
    );
    v.extend(state.outcomes.iter().filter_map(|o| year(&o.date)));
    v.extend(state.guidance_visits.iter().filter_map(|g| year(&g.date)));
    v.extend(
        state
            .resources
            .iter()
            .map(|r| r.year)
            .filter(|y| *y <= this_year),
    );
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

/// The sites a year's figures speak of: units in the programme (创建中, 已授牌, 警示)
/// at the end of that year, as their status history tells, in roster order.
pub fn sites_of_year(state: &AppState, year: u16) -> Vec<&Unit> {
    let end = format!("{year:04}-12-31");
    state
        .units
        .iter()
        .filter(|u| u.status_on(&end).is_some_and(in_programme))
        .collect()
}

/// One site behind a figure, with what puts it there in a few words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLine {
    pub unit_id: Id,
    pub name: String,
    /// Why it is listed, e.g. "总分 71.50，二类" or "最近一次督导：2025-03-02".
    pub note: String,
}

/// A percentage with no decimals, rounded half-up; `None` when `of` is 0.
pub fn percent(part: usize, of: usize) -> Option<u32> {
    if of == 0 {
        return None;
    }
    Some(((part as u64 * 200 + of as u64) / (of as u64 * 2)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_date_is_year_end_or_today() {
        assert_eq!(reference_date(2025, "2026-03-01"), "2025-12-31");
        assert_eq!(reference_date(2026, "2026-03-01"), "2026-03-01");
        assert_eq!(reference_date(2026, "2026-12-31"), "2026-12-31");
    }

    #[test]
    fn percent_rounds_half_up() {
        // 1/8 = 12.5% → 13; 1/3 = 33.3% → 33; 2/3 = 66.7% → 67.
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
    }
}
