//! The scoring engine: aggregates a round's score sheets into totals, grades and
//! ranks, each result explaining itself. The rules are written out with worked
//! examples in `docs/scoring.md`; `tests/domain_scoring_examples.rs` reproduces them.
//!
//! Arithmetic is exact: every mean and weighted blend is kept as a fraction
//! ([`Exact`]) and the total is rounded **once**, half-up to two decimals, after
//! bonus and deductions are applied. Dimension subtotals and indicator aggregates are
//! rounded for display only.
//!
//! `exact.rs` holds the fractions, `results.rs` what scoring gives, `engine.rs` the
//! phases of [`compute`].

use std::cmp::Ordering;

use super::model::*;
use super::points::Points;
use super::validation::ValidationError;

mod engine;
mod exact;
mod grading;
mod indicators;
mod results;

pub use engine::compute;
pub use exact::Exact;
pub use results::*;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a round cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    #[error("这个考评轮次已不存在（可能已被删除，编号「{0}」），请在考评轮次中另选一个")]
    RoundNotFound(String),
    #[error("考评轮次「{round}」使用的考评方案「{scheme}」不存在")]
    SchemeNotFound { round: String, scheme: String },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Scores the round `round_id` of the state.
pub fn compute_round(state: &AppState, round_id: &str) -> Result<RoundResults, ScoringError> {
    let round = state
        .round(round_id)
        .ok_or_else(|| ScoringError::RoundNotFound(round_id.to_string()))?;
    let scheme = state
        .scheme(&round.scheme_id)
        .ok_or_else(|| ScoringError::SchemeNotFound {
            round: round.name.clone(),
            scheme: round.scheme_id.clone(),
        })?;
    compute(round, scheme, &state.units, &state.outcomes)
}

/// Aggregates one indicator's assessors' points (blanks already removed).
/// Returns the committee aggregate, whether trimmed, and the indices dropped
/// (lowest, highest) into `vals`.
///
/// Trimming happens when `trim_min > 0` and there are at least `max(trim_min, 3)`
/// points. Among equal points the one of the first assessor in `vals` order is dropped.
pub fn aggregate_points(
    vals: &[Points],
    trim_min: u8,
) -> (Option<Exact>, bool, Option<(usize, usize)>) {
    if vals.is_empty() {
        return (None, false, None);
    }
    let trim = trim_min > 0 && vals.len() >= (trim_min as usize).max(3);
    if !trim {
        return (Exact::mean(vals), false, None);
    }
    let mut lo = 0;
    let mut hi = 0;
    for (i, v) in vals.iter().enumerate() {
        if *v < vals[lo] {
            lo = i;
        }
        if *v > vals[hi] {
            hi = i;
        }
    }
    if lo == hi {
        // All equal: drop the first as lowest and the second as highest.
        hi = if lo == 0 { 1 } else { 0 };
    }
    let kept: Vec<Points> = vals
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != lo && *i != hi)
        .map(|(_, v)| *v)
        .collect();
    (Exact::mean(&kept), true, Some((lo, hi)))
}

/// The ranking order: total descending; then the demonstration sum (dimensions with
/// role 示范带动 or both) descending; then the own-construction sum descending; then
/// unit name; then unit id. Deterministic for any input.
pub fn rank_cmp(a: &UnitResult, b: &UnitResult) -> Ordering {
    b.total
        .cmp(&a.total)
        .then_with(|| b.demo_sum.cmp(&a.demo_sum))
        .then_with(|| b.own_sum.cmp(&a.own_sum))
        .then_with(|| a.unit_name.cmp(&b.unit_name))
        .then_with(|| a.unit_id.cmp(&b.unit_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_rounds_half_up_once() {
        let third = Exact::mean(&[Points(700), Points(800), Points(800)]).unwrap();
        assert_eq!(third.rounded(), Points(767));
        // Overflow falls back to a close approximation instead of panicking.
        let mut big = Exact::ZERO;
        for k in 1..200 {
            big = big + Exact::from_points(Points(k)).scale(1, k as i128 * 7919);
        }
        assert!(big > Exact::ZERO && big < Exact::from_points(Points(1)));
        let half = Exact::mean(&[Points(1), Points(2)]).unwrap(); // 1.5 hundredths
        assert_eq!(half.rounded(), Points(2));
        let neg = Exact::ZERO - half;
        assert_eq!(neg.rounded(), Points(-2));
        assert!(third > Exact::from_points(Points(766)));
    }

    #[test]
    fn trims_only_with_enough_points() {
        let v = [Points(500), Points(600), Points(700), Points(800)];
        assert!(!aggregate_points(&v, 5).1);
        let v5 = [
            Points(500),
            Points(600),
            Points(700),
            Points(800),
            Points(400),
        ];
        let (m, t, d) = aggregate_points(&v5, 5);
        assert!(t);
        assert_eq!(d, Some((4, 3)));
        assert_eq!(m, Some(Exact::from_points(Points(600))));
        // Threshold 2 still needs 3 points to trim.
        assert!(!aggregate_points(&v[..2], 2).1);
        // Never trims with 0.
        assert!(!aggregate_points(&v5, 0).1);
    }
}
