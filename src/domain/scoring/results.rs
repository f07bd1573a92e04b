//! What scoring a round gives: per indicator, dimension and unit, with the
//! explanations and the round's completeness.

use std::sync::Arc;

use super::Exact;
use crate::domain::model::*;
use crate::domain::points::Points;

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

    /// A unit's place in words, as the report card and the detail page print it:
    /// `第2名（共4个已评定单位）`, `并列第2名（…）` when another graded unit holds the
    /// same rank (a clerk's review: a card read as sole first beside a tie), or
    /// `未评定（尚无评委评分）`.
    pub fn rank_words(&self, unit_id: &str) -> String {
        let graded = self.units.iter().filter(|u| u.graded).count();
        let Some(k) = self.unit(unit_id).and_then(|u| u.rank) else {
            return "未评定（尚无评委评分）".into();
        };
        let tied = if self.is_tied(unit_id) { "并列" } else { "" };
        format!("{tied}第{k}名（共{graded}个已评定单位）")
    }

    /// Whether another graded unit holds the same rank as `unit_id` (a tie).
    pub fn is_tied(&self, unit_id: &str) -> bool {
        let Some(k) = self.unit(unit_id).and_then(|u| u.rank) else {
            return false;
        };
        self.units
            .iter()
            .filter(|u| u.graded && u.rank == Some(k))
            .count()
            > 1
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
