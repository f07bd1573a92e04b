//! The scoring engine: aggregates a round's score sheets into totals, grades and
//! ranks, each result explaining itself. The rules are written out with worked
//! examples in `docs/scoring.md`; `tests/domain_scoring_examples.rs` reproduces them.
//!
//! Arithmetic is exact: every mean and weighted blend is kept as a fraction
//! ([`Exact`]) and the total is rounded **once**, half-up to two decimals, after
//! bonus and deductions are applied. Dimension subtotals and indicator aggregates are
//! rounded for display only.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::{Add, Sub};
use std::sync::Arc;

use super::dates;
use super::model::*;
use super::points::Points;
use super::validation::{self, source_name, ValidationError};

// ---------------------------------------------------------------------------
// Exact fractions of hundredths
// ---------------------------------------------------------------------------

/// An exact number of points, held as a fraction of hundredths (`num / den`
/// hundredths, `den > 0`, reduced). Means of scores like 7 + 8 + 8 over 3 stay exact
/// until the single rounding step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    // Fast path: 128-bit division is emulated in software (notably in wasm), and
    // scores' fractions almost always fit in 64 bits.
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        let (mut x, mut y) = (x, y);
        while y != 0 {
            let t = x % y;
            x = y;
            y = t;
        }
        return i128::from(x);
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    i128::try_from(a).unwrap_or(1)
}

impl Exact {
    pub const ZERO: Exact = Exact { num: 0, den: 1 };

    fn new(num: i128, den: i128) -> Exact {
        let (num, den) = if den < 0 {
            (num.saturating_neg(), den.saturating_neg())
        } else {
            (num, den)
        };
        if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den)) {
            // The same in 64 bits (see `gcd`).
            let g = i64::try_from(gcd(num, den).max(1)).unwrap_or(1);
            return Exact {
                num: i128::from(n / g),
                den: i128::from(d / g),
            };
        }
        let g = gcd(num, den).max(1);
        Exact {
            num: num / g,
            den: den / g,
        }
    }

    /// Exactly these points.
    pub fn from_points(p: Points) -> Exact {
        Exact {
            num: p.hundredths() as i128,
            den: 1,
        }
    }

    /// The mean of some points (`None` for none).
    pub fn mean(points: &[Points]) -> Option<Exact> {
        if points.is_empty() {
            return None;
        }
        let sum: i128 = points.iter().map(|p| p.hundredths() as i128).sum();
        Some(Exact::new(sum, points.len() as i128))
    }

    /// `self × k / d`.
    pub fn scale(self, k: i128, d: i128) -> Exact {
        match (self.num.checked_mul(k), self.den.checked_mul(d)) {
            (Some(n), Some(m)) if m != 0 => Exact::new(n, m),
            _ => {
                let c = self.coarse();
                Exact::new(c.num.saturating_mul(k) / d.max(1), COARSE)
            }
        }
    }

    /// Rounded half-up (away from zero) to hundredths: the one rounding rule.
    pub fn rounded(self) -> Points {
        let (n, d) = (self.num.abs(), self.den);
        let r = (2 * n + d) / (2 * d);
        Points(if self.num < 0 { -(r as i64) } else { r as i64 })
    }

    /// As a float number of points (for charts and percentages only).
    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64 / 100.0
    }

    /// Whether it is a whole number of hundredths (no rounding needed).
    pub fn is_exact_hundredths(self) -> bool {
        self.den == 1
    }

    /// The larger of two.
    pub fn max(self, o: Exact) -> Exact {
        if o > self {
            o
        } else {
            self
        }
    }
}

impl Default for Exact {
    fn default() -> Self {
        Exact::ZERO
    }
}

impl Add for Exact {
    type Output = Exact;
    fn add(self, o: Exact) -> Exact {
        let exact = (|| {
            let a = self.num.checked_mul(o.den)?;
            let b = o.num.checked_mul(self.den)?;
            Some(Exact::new(a.checked_add(b)?, self.den.checked_mul(o.den)?))
        })();
        exact.unwrap_or_else(|| {
            // Only with absurd numbers of assessors: fall back to 1e-9 hundredths.
            let (a, b) = (self.coarse(), o.coarse());
            Exact::new(a.num.saturating_add(b.num), COARSE)
        })
    }
}

impl Sub for Exact {
    type Output = Exact;
    fn sub(self, o: Exact) -> Exact {
        self + Exact {
            num: -o.num,
            den: o.den,
        }
    }
}

/// The denominator of the overflow fallback.
const COARSE: i128 = 1_000_000_000;

impl Exact {
    /// The nearest fraction with denominator [`COARSE`].
    fn coarse(self) -> Exact {
        let whole = self.num / self.den;
        let rem = self.num % self.den;
        let frac = (rem as f64 / self.den as f64 * COARSE as f64).round() as i128;
        Exact {
            num: whole.saturating_mul(COARSE).saturating_add(frac),
            den: COARSE,
        }
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, Add::add)
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, o: &Exact) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Exact {
    fn cmp(&self, o: &Exact) -> Ordering {
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.coarse().num.cmp(&o.coarse().num),
        }
    }
}

impl fmt::Display for Exact {
    /// Rounded half-up to two decimals for display (an official table says once, in a
    /// note, that figures are rounded, rather than marking each one).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rounded())
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a round cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    #[error("找不到考评轮次「{0}」")]
    RoundNotFound(String),
    #[error("考评轮次「{round}」使用的考评方案「{scheme}」不存在")]
    SchemeNotFound { round: String, scheme: String },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

/// Why a score was left out of an indicator's aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// 去掉的最高分.
    Highest,
    /// 去掉的最低分.
    Lowest,
}

impl Dropped {
    pub fn label(self) -> &'static str {
        match self {
            Dropped::Highest => "去掉最高分",
            Dropped::Lowest => "去掉最低分",
        }
    }
}

/// One assessor's points on one indicator, as shown in the explanation. The id and
/// name are shared (`Arc`), not copied: there is one of these per assessor, indicator
/// and unit, 105,000 for a round of the large city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePoints {
    pub assessor_id: Arc<str>,
    pub assessor_name: Arc<str>,
    /// `None`: left blank (not a zero; left out).
    pub points: Option<Points>,
    /// Set when trimmed away.
    pub dropped: Option<Dropped>,
}

/// One indicator of one unit: every source's points and how they were combined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorResult {
    pub indicator_id: Id,
    pub name: String,
    pub max: Points,
    /// Assessors with a sheet for this unit, ordered by assessor id.
    pub sources: Vec<SourcePoints>,
    /// The self-assessment's points, if given.
    pub self_points: Option<Points>,
    /// Whether one highest and one lowest were dropped.
    pub trimmed: bool,
    /// The committee's aggregate (mean or trimmed mean of assessors' points).
    pub committee: Option<Exact>,
    /// What counts towards the total: the committee aggregate blended with the
    /// self-assessment by its weight. `None` when no assessor scored it (counts 0).
    pub aggregate: Option<Exact>,
    /// How it was computed, in Chinese.
    pub note: String,
}

/// A dimension's subtotal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionResult {
    pub dimension_id: Id,
    pub name: String,
    pub role: DimensionRole,
    pub full: Points,
    /// Exact sum of the indicator aggregates.
    pub subtotal: Exact,
}

impl DimensionResult {
    /// Rounded for display only (the total is not the sum of these).
    pub fn display(&self) -> Points {
        self.subtotal.rounded()
    }
}

/// A bonus or deduction line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentLine {
    pub item_id: Id,
    pub name: String,
    pub points_each: Points,
    pub count: u32,
    pub points: Points,
    pub note: String,
}

/// A veto recorded against the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VetoLine {
    pub item_id: Id,
    pub name: String,
    pub note: String,
}

/// What is missing for one unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitCompleteness {
    /// Assessors expected to score this unit (assigned, or all when unassigned).
    pub expected_assessors: usize,
    /// Assessors' sheets received.
    pub received_assessors: usize,
    /// Assessors expected but with no sheet, by id.
    pub missing_assessors: Vec<Id>,
    /// Whether the self-assessment sheet exists.
    pub self_received: bool,
    /// Blank cells over all assessors' sheets.
    pub blanks: usize,
    /// Blank cells in the self-assessment.
    pub self_blanks: usize,
    /// Indicators no assessor scored (they count 0).
    pub unscored_indicators: usize,
}

impl UnitCompleteness {
    /// Every expected sheet is in and has no blanks.
    pub fn is_complete(&self) -> bool {
        self.missing_assessors.is_empty() && self.blanks == 0 && self.unscored_indicators == 0
    }
}

/// The result of one unit in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitResult {
    pub unit_id: Id,
    pub unit_name: String,
    pub indicators: Vec<IndicatorResult>,
    pub dimensions: Vec<DimensionResult>,
    /// Exact sum of indicator aggregates, before bonus and deductions.
    pub raw_total: Exact,
    pub bonus_lines: Vec<AdjustmentLine>,
    /// Sum of bonus lines before the cap.
    pub bonus_before_cap: Points,
    /// Bonus counted (at most the scheme's cap).
    pub bonus: Points,
    pub deduction_lines: Vec<AdjustmentLine>,
    pub deductions: Points,
    pub vetoes: Vec<VetoLine>,
    /// raw + bonus − deductions, rounded once half-up to hundredths, not below 0.
    pub total: Points,
    /// Exact sum of dimensions with role own construction or both.
    pub own_sum: Exact,
    pub own_full: Points,
    /// Exact sum of dimensions with role demonstration or both.
    pub demo_sum: Exact,
    pub demo_full: Points,
    /// At least one recognised outcome dated in the round's year.
    pub has_recognised_innovation: bool,
    /// Whether any assessor scored anything or a veto applies (otherwise not graded
    /// or ranked: 未评定).
    pub graded: bool,
    /// The grade by bands alone (before veto, conditions and cap).
    pub band_grade: Option<Grade>,
    /// The final grade; `None` when not graded (未评定).
    pub grade: Option<Grade>,
    /// Why the grade differs from the band grade, in Chinese.
    pub grade_notes: Vec<String>,
    /// Competition rank (1, 2, 2, 4) by total; `None` when not graded.
    pub rank: Option<u32>,
    /// Unique position in the ranking after the tie-break (1-based).
    pub position: Option<u32>,
    pub completeness: UnitCompleteness,
}

/// One sheet's blanks, for the completeness view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetBlanks {
    pub unit_id: Id,
    pub source: SheetSource,
    pub blanks: usize,
    pub submitted: bool,
}

/// Completeness per source (each assessor, and the self-assessments together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCompleteness {
    pub source: SheetSource,
    pub name: String,
    pub expected: usize,
    pub received: usize,
    pub submitted: usize,
    pub blanks: usize,
    /// Units expected from this source with no sheet.
    pub missing_units: Vec<Id>,
}

/// Which sheets a round still lacks and which have blanks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundCompleteness {
    pub expected_sheets: usize,
    pub received_sheets: usize,
    /// (unit, source) pairs with no sheet, assessors first then self-assessments.
    pub missing: Vec<(Id, SheetSource)>,
    /// Sheets with at least one blank.
    pub sheets_with_blanks: Vec<SheetBlanks>,
    /// Per assessor, then one line for all self-assessments.
    pub by_source: Vec<SourceCompleteness>,
}

impl RoundCompleteness {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.sheets_with_blanks.is_empty()
    }
}

/// The results of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundResults {
    pub round_id: Id,
    pub scheme_id: Id,
    /// In the round's `unit_ids` order.
    pub units: Vec<UnitResult>,
    /// Indices into `units`, in ranking order (graded first by position, then the rest
    /// in round order).
    pub order: Vec<usize>,
    /// Per dimension, the mean subtotal over graded units (for the report card).
    pub dimension_means: Vec<Option<Exact>>,
    /// The 优秀 cap as a number of units, when the scheme has one.
    pub excellent_max: Option<usize>,
    pub completeness: RoundCompleteness,
}

impl RoundResults {
    /// Results in ranking order.
    pub fn ranking(&self) -> impl Iterator<Item = &UnitResult> {
        self.order.iter().filter_map(|&i| self.units.get(i))
    }

    /// The result of one unit.
    pub fn unit(&self, unit_id: &str) -> Option<&UnitResult> {
        self.units.iter().find(|u| u.unit_id == unit_id)
    }

    /// How many graded units got each grade, in [`Grade::ALL`] order.
    pub fn grade_counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for u in &self.units {
            if let Some(g) = u.grade {
                if let Some(i) = Grade::ALL.iter().position(|x| *x == g) {
                    c[i] += 1;
                }
            }
        }
        c
    }
}

// ---------------------------------------------------------------------------
// The engine
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

/// Scores a round against its scheme. `units` is the roster (for names) and
/// `outcomes` the outcome library (for the 优秀 innovation condition).
pub fn compute(
    round: &Round,
    scheme: &Scheme,
    units: &[Unit],
    outcomes: &[Outcome],
) -> Result<RoundResults, ScoringError> {
    let n = scheme.indicator_count();
    let indicators: Vec<&Indicator> = scheme.indicators().collect();
    let names: std::collections::HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    let unit_name = |id: &str| -> String {
        names
            .get(id)
            .map(|n| n.to_string())
            .unwrap_or_else(|| id.to_string())
    };

    // Index the sheets and check them.
    let in_round: HashSet<&str> = round.unit_ids.iter().map(String::as_str).collect();
    let mut sheets: HashMap<(&str, &SheetSource), &ScoreSheet> =
        HashMap::with_capacity(round.sheets.len());
    for s in &round.sheets {
        // Names are made only for a message: this loop runs for every sheet.
        let uname = || unit_name(&s.unit_id);
        let src = || source_name(round, &s.source);
        if !in_round.contains(s.unit_id.as_str()) {
            return Err(ValidationError::SheetUnitNotInRound {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
            }
            .into());
        }
        if let SheetSource::Assessor(aid) = &s.source {
            if !round.assessors.iter().any(|a| &a.id == aid) {
                return Err(ValidationError::DanglingReference {
                    owner: format!("考评轮次「{}」中单位「{}」的评分表", round.name, uname()),
                    kind: "评委".to_string(),
                    id: aid.clone(),
                }
                .into());
            }
        }
        if s.points.len() != n {
            return Err(ValidationError::SheetLength {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
                len: s.points.len(),
                expected: n,
            }
            .into());
        }
        for (p, ind) in s.points.iter().zip(&indicators) {
            if let Some(p) = p {
                validation::check_indicator_points(uname, ind, *p)?;
            }
        }
        if sheets.insert((s.unit_id.as_str(), &s.source), s).is_some() {
            return Err(ValidationError::DuplicateSheet {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
            }
            .into());
        }
    }

    // Assessors sorted by id: results do not depend on the order they were listed in.
    let mut assessors: Vec<&Assessor> = round.assessors.iter().collect();
    crate::domain::sorting::sort_by(&mut assessors, |a, b| a.id.cmp(&b.id));
    // Looked up per unit below, so grouped once here rather than searched per unit.
    let innovators: HashSet<&str> = outcomes
        .iter()
        .filter(|o| o.recognised && dates::year_of(&o.date) == Some(round.year as i32))
        .map(|o| o.unit_id.as_str())
        .collect();
    let mut adjustments_of: HashMap<&str, Vec<&Adjustment>> = HashMap::new();
    for adj in &round.adjustments {
        adjustments_of
            .entry(adj.unit_id.as_str())
            .or_default()
            .push(adj);
    }
    // An assessor with no unit list scores every unit of the round.
    let assigned: HashMap<&str, HashSet<&str>> = round
        .assessors
        .iter()
        .filter(|a| !a.unit_ids.is_empty())
        .map(|a| {
            (
                a.id.as_str(),
                a.unit_ids.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let expects = |a: &Assessor, unit_id: &str| {
        assigned
            .get(a.id.as_str())
            .is_none_or(|units| units.contains(unit_id))
    };
    // Per sorted assessor, made once: its sheet key, shared id and name, and its
    // line in `by_assessor` (which is in the round's order).
    struct AssessorKey<'a> {
        assessor: &'a Assessor,
        source: SheetSource,
        id: Arc<str>,
        name: Arc<str>,
        line: Option<usize>,
    }
    let keys: Vec<AssessorKey> = assessors
        .iter()
        .map(|a| AssessorKey {
            assessor: a,
            source: SheetSource::Assessor(a.id.clone()),
            id: Arc::from(a.id.as_str()),
            name: Arc::from(a.name.as_str()),
            line: round.assessors.iter().position(|x| x.id == a.id),
        })
        .collect();

    let w = scheme.aggregation.self_weight_pct.min(100) as i128;
    let mut results = Vec::with_capacity(round.unit_ids.len());
    let mut completeness = RoundCompleteness::default();
    let mut self_line = SourceCompleteness {
        source: SheetSource::SelfAssessment,
        name: "自评".to_string(),
        expected: 0,
        received: 0,
        submitted: 0,
        blanks: 0,
        missing_units: Vec::new(),
    };
    let mut by_assessor: Vec<SourceCompleteness> = round
        .assessors
        .iter()
        .map(|a| SourceCompleteness {
            source: SheetSource::Assessor(a.id.clone()),
            name: a.name.clone(),
            expected: 0,
            received: 0,
            submitted: 0,
            blanks: 0,
            missing_units: Vec::new(),
        })
        .collect();

    for unit_id in &round.unit_ids {
        let uname = unit_name(unit_id);
        let mut comp = UnitCompleteness::default();
        let mut unit_sheets: Vec<(&AssessorKey, &ScoreSheet)> = Vec::new();
        for key in &keys {
            let a = key.assessor;
            let sheet = sheets.get(&(unit_id.as_str(), &key.source)).copied();
            let expected = expects(a, unit_id);
            let line = key.line.and_then(|i| by_assessor.get_mut(i));
            if expected {
                comp.expected_assessors += 1;
            }
            match sheet {
                Some(s) => {
                    let blanks = s.points.iter().filter(|p| p.is_none()).count();
                    comp.received_assessors += 1;
                    comp.blanks += blanks;
                    unit_sheets.push((key, s));
                    if let Some(l) = line {
                        l.expected += usize::from(expected);
                        l.received += 1;
                        l.submitted += usize::from(s.submitted);
                        l.blanks += blanks;
                    }
                }
                None if expected => {
                    comp.missing_assessors.push(a.id.clone());
                    if let Some(l) = line {
                        l.expected += 1;
                        l.missing_units.push(unit_id.clone());
                    }
                }
                None => {}
            }
        }
        let self_sheet = sheets
            .get(&(unit_id.as_str(), &SheetSource::SelfAssessment))
            .copied();
        self_line.expected += 1;
        match self_sheet {
            Some(s) => {
                comp.self_received = true;
                comp.self_blanks = s.points.iter().filter(|p| p.is_none()).count();
                self_line.received += 1;
                self_line.submitted += usize::from(s.submitted);
                self_line.blanks += comp.self_blanks;
            }
            None => self_line.missing_units.push(unit_id.clone()),
        }

        // Per indicator.
        let mut ind_results = Vec::with_capacity(n);
        let mut present: Vec<usize> = Vec::with_capacity(keys.len());
        let mut vals: Vec<Points> = Vec::with_capacity(keys.len());
        for (i, ind) in indicators.iter().enumerate() {
            let mut sources: Vec<SourcePoints> = unit_sheets
                .iter()
                .map(|(key, s)| SourcePoints {
                    assessor_id: key.id.clone(),
                    assessor_name: key.name.clone(),
                    points: s.points.get(i).copied().flatten(),
                    dropped: None,
                })
                .collect();
            // Reused buffers: this runs for every indicator of every unit.
            present.clear();
            present.extend(
                sources
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.points.is_some())
                    .map(|(k, _)| k),
            );
            vals.clear();
            vals.extend(present.iter().filter_map(|&k| sources[k].points));
            let (committee, trimmed, drop) =
                aggregate_points(&vals, scheme.aggregation.trim_min_assessors);
            if let Some((lo, hi)) = drop {
                sources[present[lo]].dropped = Some(Dropped::Lowest);
                sources[present[hi]].dropped = Some(Dropped::Highest);
            }
            let self_points = self_sheet.and_then(|s| s.points.get(i).copied().flatten());
            let mut note = match (committee, trimmed) {
                (None, _) => "无评委评分，本项计0分".to_string(),
                (Some(c), true) => {
                    let lo = drop.map(|d| vals[d.0]).unwrap_or_default();
                    let hi = drop.map(|d| vals[d.1]).unwrap_or_default();
                    format!(
                        "{}位评委评分，去掉一个最高分{hi}、一个最低分{lo}，其余{}个取平均{c}",
                        vals.len(),
                        vals.len() - 2
                    )
                }
                (Some(c), false) => format!("{}位评委评分取平均{c}", vals.len()),
            };
            let aggregate = match (committee, self_points) {
                (Some(c), Some(sp)) if w > 0 => {
                    let blended = c.scale(100 - w, 100) + Exact::from_points(sp).scale(w, 100);
                    note.push_str(&format!("；按自评权重{w}%与自评分{sp}加权，得{blended}"));
                    Some(blended)
                }
                (Some(c), None) if w > 0 => {
                    note.push_str("；无自评分，按评委评分计");
                    Some(c)
                }
                (c, _) => c,
            };
            if committee.is_none() {
                comp.unscored_indicators += 1;
            }
            ind_results.push(IndicatorResult {
                indicator_id: ind.id.clone(),
                name: ind.name.clone(),
                max: ind.max,
                sources,
                self_points,
                trimmed,
                committee,
                aggregate,
                note,
            });
        }

        // Dimensions.
        let mut dims = Vec::with_capacity(scheme.dimensions.len());
        let mut k = 0;
        for d in &scheme.dimensions {
            let subtotal: Exact = ind_results[k..k + d.indicators.len()]
                .iter()
                .filter_map(|r| r.aggregate)
                .sum();
            k += d.indicators.len();
            dims.push(DimensionResult {
                dimension_id: d.id.clone(),
                name: d.name.clone(),
                role: d.role,
                full: d.full_points(),
                subtotal,
            });
        }
        let raw_total: Exact = dims.iter().map(|d| d.subtotal).sum();
        let own =
            |r: DimensionRole| matches!(r, DimensionRole::OwnConstruction | DimensionRole::Both);
        let demo =
            |r: DimensionRole| matches!(r, DimensionRole::Demonstration | DimensionRole::Both);
        let own_sum = dims
            .iter()
            .filter(|d| own(d.role))
            .map(|d| d.subtotal)
            .sum();
        let own_full = dims.iter().filter(|d| own(d.role)).map(|d| d.full).sum();
        let demo_sum = dims
            .iter()
            .filter(|d| demo(d.role))
            .map(|d| d.subtotal)
            .sum();
        let demo_full = dims.iter().filter(|d| demo(d.role)).map(|d| d.full).sum();

        // Adjustments.
        let mut bonus_lines = Vec::new();
        let mut deduction_lines = Vec::new();
        let mut vetoes = Vec::new();
        for adj in adjustments_of.get(unit_id.as_str()).into_iter().flatten() {
            let unknown = |kind: &str| ValidationError::UnknownItem {
                round: round.name.clone(),
                unit: uname.clone(),
                kind: kind.to_string(),
                item: adj.item_id.clone(),
            };
            match adj.kind {
                AdjustmentKind::Bonus | AdjustmentKind::Deduction => {
                    let (items, kind, lines) = if adj.kind == AdjustmentKind::Bonus {
                        (&scheme.bonus_items, "加分", &mut bonus_lines)
                    } else {
                        (&scheme.deduction_items, "扣分", &mut deduction_lines)
                    };
                    let item = items
                        .iter()
                        .find(|i| i.id == adj.item_id)
                        .ok_or_else(|| unknown(kind))?;
                    lines.push(AdjustmentLine {
                        item_id: item.id.clone(),
                        name: item.name.clone(),
                        points_each: item.points,
                        count: adj.count,
                        points: item.points * adj.count as i64,
                        note: adj.note.clone(),
                    });
                }
                AdjustmentKind::Veto => {
                    let item = scheme
                        .veto_items
                        .iter()
                        .find(|i| i.id == adj.item_id)
                        .ok_or_else(|| unknown("一票否决"))?;
                    vetoes.push(VetoLine {
                        item_id: item.id.clone(),
                        name: item.name.clone(),
                        note: adj.note.clone(),
                    });
                }
            }
        }
        let bonus_before_cap: Points = bonus_lines.iter().map(|l| l.points).sum();
        let bonus = bonus_before_cap.min(scheme.bonus_cap.max(Points::ZERO));
        let deductions: Points = deduction_lines.iter().map(|l| l.points).sum();
        let total = (raw_total + Exact::from_points(bonus) - Exact::from_points(deductions))
            .rounded()
            .max(Points::ZERO);

        let has_recognised_innovation = innovators.contains(unit_id.as_str());
        // Graded when any assessor scored anything, or a veto makes it 不合格 anyway.
        let graded = ind_results.iter().any(|r| r.committee.is_some()) || !vetoes.is_empty();
        comp_into(
            &mut completeness,
            unit_id,
            unit_sheets.iter().map(|(_, s)| *s),
            self_sheet,
        );
        results.push(UnitResult {
            unit_id: unit_id.clone(),
            unit_name: uname,
            indicators: ind_results,
            dimensions: dims,
            raw_total,
            bonus_lines,
            bonus_before_cap,
            bonus,
            deduction_lines,
            deductions,
            vetoes,
            total,
            own_sum,
            own_full,
            demo_sum,
            demo_full,
            has_recognised_innovation,
            graded,
            band_grade: None,
            grade: None,
            grade_notes: Vec::new(),
            rank: None,
            position: None,
            completeness: comp,
        });
    }

    // Completeness lines.
    completeness.by_source = by_assessor;
    completeness.by_source.push(self_line);
    // Missing sheets: assessors first (in the round's assessor order), then self.
    let mut missing = Vec::new();
    for line in &completeness.by_source {
        for u in &line.missing_units {
            missing.push((u.clone(), line.source.clone()));
        }
    }
    completeness.missing = missing;
    completeness.expected_sheets = completeness.by_source.iter().map(|l| l.expected).sum();
    completeness.received_sheets = round
        .sheets
        .iter()
        .filter(|s| in_round.contains(s.unit_id.as_str()))
        .count();

    // Grades by bands, veto and the innovation condition.
    let bands = &scheme.grade_bands;
    for r in results.iter_mut().filter(|r| r.graded) {
        let band = if r.total >= bands.excellent {
            Grade::Excellent
        } else if r.total >= bands.good {
            Grade::Good
        } else if r.total >= bands.pass {
            Grade::Pass
        } else {
            Grade::Fail
        };
        r.band_grade = Some(band);
        let mut grade = band;
        if !r.vetoes.is_empty() {
            grade = Grade::Fail;
            let names: Vec<&str> = r.vetoes.iter().map(|v| v.name.as_str()).collect();
            r.grade_notes
                .push(format!("一票否决（{}），评为不合格", names.join("；")));
        } else if grade == Grade::Excellent
            && scheme.excellent_needs_innovation
            && !r.has_recognised_innovation
        {
            grade = Grade::Good;
            r.grade_notes.push(format!(
                "总分{}达到优秀分数线，但{}年度无经认定的创新成果，评为良好",
                r.total, round.year
            ));
        }
        r.grade = Some(grade);
    }

    // Ranking: total desc, then demonstration sum desc, then own-construction sum
    // desc, then unit name, then unit id.
    let mut graded: Vec<usize> = (0..results.len()).filter(|&i| results[i].graded).collect();
    crate::domain::sorting::sort_by(&mut graded, |&a, &b| rank_cmp(&results[a], &results[b]));
    for (pos, &i) in graded.iter().enumerate() {
        let total = results[i].total;
        let better = graded.iter().filter(|&&j| results[j].total > total).count();
        results[i].position = Some(pos as u32 + 1);
        results[i].rank = Some(better as u32 + 1);
    }

    // The 优秀 share cap: floor(cap% × graded / 100); those past it by position get 良好.
    let excellent_max = scheme
        .excellent_cap_pct
        .map(|pct| pct.min(100) as usize * graded.len() / 100);
    if let Some(max) = excellent_max {
        let mut seen = 0;
        for &i in &graded {
            if results[i].grade == Some(Grade::Excellent) {
                seen += 1;
                if seen > max {
                    results[i].grade = Some(Grade::Good);
                    results[i].grade_notes.push(format!(
                        "优秀比例上限{}%（共{}个名额）已满，按排名评为良好",
                        scheme.excellent_cap_pct.unwrap_or(0),
                        max
                    ));
                }
            }
        }
    }

    let mut order = graded.clone();
    order.extend((0..results.len()).filter(|&i| !results[i].graded));

    let dimension_means = (0..scheme.dimensions.len())
        .map(|d| {
            let subs: Vec<Exact> = graded
                .iter()
                .map(|&i| results[i].dimensions[d].subtotal)
                .collect();
            if subs.is_empty() {
                None
            } else {
                let len = subs.len() as i128;
                Some(subs.into_iter().sum::<Exact>().scale(1, len))
            }
        })
        .collect();

    Ok(RoundResults {
        round_id: round.id.clone(),
        scheme_id: scheme.id.clone(),
        units: results,
        order,
        dimension_means,
        excellent_max,
        completeness,
    })
}

fn comp_into<'a>(
    c: &mut RoundCompleteness,
    unit_id: &str,
    unit_sheets: impl Iterator<Item = &'a ScoreSheet>,
    self_sheet: Option<&'a ScoreSheet>,
) {
    let sheets = unit_sheets.chain(self_sheet);
    for s in sheets {
        let blanks = s.points.iter().filter(|p| p.is_none()).count();
        if blanks > 0 {
            c.sheets_with_blanks.push(SheetBlanks {
                unit_id: unit_id.to_string(),
                source: s.source.clone(),
                blanks,
                submitted: s.submitted,
            });
        }
    }
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
