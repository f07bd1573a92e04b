//! Outcomes seen by year: the report card's list, 概览's counts by kind and stage, and
//! the innovation condition of 优秀.

use super::library::*;
use crate::domain::dates::year_of;
use crate::domain::model::*;

// ---------------------------------------------------------------------------
// Views of a year: the report card, 概览, and the grade's innovation condition
// ---------------------------------------------------------------------------

/// A unit's outcomes dated in `year`, oldest first.
pub fn unit_outcomes_of_year(state: &AppState, unit_id: &str, year: u16) -> Vec<OutcomeRow> {
    let mut rows = filter_outcomes(
        state,
        &OutcomeFilter {
            unit_id: Some(unit_id.to_string()),
            year: Some(i32::from(year)),
            ..OutcomeFilter::default()
        },
    );
    crate::domain::sorting::sort_by(&mut rows, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
    });
    rows
}

/// All a unit's outcomes, newest first (its page lists them).
pub fn unit_outcomes(state: &AppState, unit_id: &str) -> Vec<OutcomeRow> {
    let mut rows = filter_outcomes(
        state,
        &OutcomeFilter {
            unit_id: Some(unit_id.to_string()),
            ..OutcomeFilter::default()
        },
    );
    sort_outcome_rows(&mut rows, OutcomeSort::default());
    rows
}

/// Outcomes of a year counted by kind (rows) and stage (columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindStageCounts {
    pub year: i32,
    /// One row per kind in [`OutcomeKind::ALL`] order: counts per stage in
    /// [`OutcomeStage::ALL`] order, and the row's total.
    pub rows: Vec<(OutcomeKind, [usize; 5], usize)>,
    /// Per stage over all kinds.
    pub by_stage: [usize; 5],
    pub total: usize,
    /// Of which recognised as innovation outcomes.
    pub recognised: usize,
}

/// The outcomes dated in `year` by kind and by the stage they had reached on `day` (the
/// year's reference date: its 31 December once it is over, see [`stage_on`]).
pub fn kind_stage_counts(state: &AppState, year: i32, day: &str) -> KindStageCounts {
    let mut rows: Vec<(OutcomeKind, [usize; 5], usize)> =
        OutcomeKind::ALL.iter().map(|k| (*k, [0; 5], 0)).collect();
    let mut by_stage = [0; 5];
    let (mut total, mut recognised) = (0, 0);
    for o in state
        .outcomes
        .iter()
        .filter(|o| year_of(&o.date) == Some(year))
    {
        let s = OutcomeStage::ALL
            .iter()
            .position(|x| *x == stage_on(o, day))
            .unwrap_or(0);
        if let Some(row) = rows.iter_mut().find(|r| r.0 == o.kind) {
            row.1[s] += 1;
            row.2 += 1;
        }
        by_stage[s] += 1;
        total += 1;
        recognised += usize::from(recognised_by(o, day));
    }
    KindStageCounts {
        year,
        rows,
        by_stage,
        total,
        recognised,
    }
}

/// The year 概览 shows outcomes for: the latest round's year, or without rounds the
/// latest year an outcome is dated in.
pub fn overview_year(state: &AppState) -> Option<i32> {
    crate::domain::report::latest_round(state)
        .map(|r| i32::from(r.year))
        .or_else(|| outcome_years(state).first().copied())
}

/// `「…」` around a title; corner brackets inside it become the inner pair 『』, as
/// nested quotation is written (「『先锋领航』结对共建制度」, not 「「先锋领航」…」).
pub fn corner_quoted(title: &str) -> String {
    format!("「{}」", title.replace('「', "『").replace('」', "』"))
}

/// What satisfies the 优秀 innovation condition for a unit in a round's year, in words
/// ("「…」（认定文号：…，2026-06-01）"), or `None` when nothing does. Scoring reads the same
/// outcomes: recognised and dated in the year.
pub fn innovation_basis(state: &AppState, unit_id: &str, year: u16) -> Option<String> {
    let parts: Vec<String> = state
        .outcomes
        .iter()
        .filter(|o| {
            o.unit_id == unit_id && o.recognised && year_of(&o.date) == Some(i32::from(year))
        })
        .map(|o| {
            let mut detail = Vec::new();
            if !o.path.recognition_doc_no.is_empty() {
                detail.push(format!("认定文号：{}", o.path.recognition_doc_no));
            }
            if let Some(d) = &o.path.recognised_on {
                detail.push(format!("{d}认定"));
            }
            let title = corner_quoted(&o.title);
            if detail.is_empty() {
                title
            } else {
                format!("{title}（{}）", detail.join("，"))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| format!("{year}年度经认定的创新成果：{}", parts.join("；")))
}
