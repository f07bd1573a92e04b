//! The engine: a round's score sheets in, results out, in named phases —
//! [`index_sheets`] (check and index), then per unit [`collect_sheets`] (who scored,
//! what is missing), [`score_indicators`] (mean or trimmed mean, self-assessment
//! blend), [`dimension_results`], [`adjustment_lines`] (bonus, deductions, vetoes) and
//! the total; then for the round [`assign_grades`], [`rank`], [`apply_excellent_cap`]
//! and [`dimension_means`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::grading::{apply_excellent_cap, assign_grades, dimension_means, rank};
use super::indicators::{dimension_results, score_indicators, RoleSums};
use super::results::*;
use super::{Exact, ScoringError};
use crate::domain::dates;
use crate::domain::model::*;
use crate::domain::points::Points;
use crate::domain::validation::{self, source_name, ValidationError};

/// Unit names by id, for results and messages (an unknown id stands for itself).
struct UnitNames<'a>(HashMap<&'a str, &'a str>);

impl<'a> UnitNames<'a> {
    fn new(units: &'a [Unit]) -> UnitNames<'a> {
        UnitNames(
            units
                .iter()
                .map(|u| (u.id.as_str(), u.name.as_str()))
                .collect(),
        )
    }

    fn of(&self, id: &str) -> String {
        self.0
            .get(id)
            .map(|n| n.to_string())
            .unwrap_or_else(|| id.to_string())
    }
}

/// The round's sheets by unit and source.
type SheetIndex<'a> = HashMap<(&'a str, &'a SheetSource), &'a ScoreSheet>;

/// One assessor, prepared once: its sheet key, shared id and name, and its line in
/// the completeness list (which is in the round's order).
pub(super) struct AssessorKey<'a> {
    assessor: &'a Assessor,
    source: SheetSource,
    pub(super) id: Arc<str>,
    pub(super) name: Arc<str>,
    line: Option<usize>,
}

/// What every unit of the round is scored against, looked up once.
pub(super) struct RoundContext<'a> {
    round: &'a Round,
    pub(super) scheme: &'a Scheme,
    pub(super) indicators: Vec<&'a Indicator>,
    /// Assessors sorted by id: results do not depend on the order they were listed in.
    keys: Vec<AssessorKey<'a>>,
    /// Units each assessor with a list scores (no list: every unit).
    assigned: HashMap<&'a str, HashSet<&'a str>>,
    /// Units with a recognised outcome dated in the round's year.
    innovators: HashSet<&'a str>,
    adjustments_of: HashMap<&'a str, Vec<&'a Adjustment>>,
    /// Self-assessment weight in percent (0–100).
    pub(super) self_weight: i128,
}

impl<'a> RoundContext<'a> {
    fn new(round: &'a Round, scheme: &'a Scheme, outcomes: &'a [Outcome]) -> RoundContext<'a> {
        let mut assessors: Vec<&Assessor> = round.assessors.iter().collect();
        crate::domain::sorting::sort_by(&mut assessors, |a, b| a.id.cmp(&b.id));
        let keys = assessors
            .iter()
            .map(|a| AssessorKey {
                assessor: a,
                source: SheetSource::Assessor(a.id.clone()),
                id: Arc::from(a.id.as_str()),
                name: Arc::from(a.name.as_str()),
                line: round.assessors.iter().position(|x| x.id == a.id),
            })
            .collect();
        let mut adjustments_of: HashMap<&str, Vec<&Adjustment>> = HashMap::new();
        for adj in &round.adjustments {
            adjustments_of
                .entry(adj.unit_id.as_str())
                .or_default()
                .push(adj);
        }
        RoundContext {
            round,
            scheme,
            indicators: scheme.indicators().collect(),
            keys,
            assigned: round
                .assessors
                .iter()
                .filter(|a| !a.unit_ids.is_empty())
                .map(|a| {
                    (
                        a.id.as_str(),
                        a.unit_ids.iter().map(String::as_str).collect(),
                    )
                })
                .collect(),
            innovators: outcomes
                .iter()
                .filter(|o| o.recognised && dates::year_of(&o.date) == Some(round.year as i32))
                .map(|o| o.unit_id.as_str())
                .collect(),
            adjustments_of,
            self_weight: scheme.aggregation.self_weight_pct.min(100) as i128,
        }
    }

    /// Whether assessor `a` is expected to score `unit_id`.
    fn expects(&self, a: &Assessor, unit_id: &str) -> bool {
        self.assigned
            .get(a.id.as_str())
            .is_none_or(|units| units.contains(unit_id))
    }
}

/// Scores a round against its scheme. `units` is the roster (for names) and
/// `outcomes` the outcome library (for the 优秀 innovation condition).
pub fn compute(
    round: &Round,
    scheme: &Scheme,
    units: &[Unit],
    outcomes: &[Outcome],
) -> Result<RoundResults, ScoringError> {
    let names = UnitNames::new(units);
    let sheets = index_sheets(round, scheme, &names)?;
    let ctx = RoundContext::new(round, scheme, outcomes);
    let mut tally = Tally::new(round);
    let mut completeness = RoundCompleteness::default();
    let mut results = Vec::with_capacity(round.unit_ids.len());
    for unit_id in &round.unit_ids {
        results.push(score_unit(
            &ctx,
            &sheets,
            &names,
            unit_id,
            &mut tally,
            &mut completeness,
        )?);
    }
    tally.finish(round, &mut completeness);
    assign_grades(&mut results, scheme, round.year);
    let graded = rank(&mut results);
    let excellent_max = apply_excellent_cap(&mut results, scheme, &graded);
    let mut order = graded.clone();
    order.extend((0..results.len()).filter(|&i| !results[i].graded));
    let dimension_means = dimension_means(&results, &graded, scheme.dimensions.len());
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

/// Checks every sheet (its unit is in the round, its assessor exists, it has one entry
/// per indicator, each in range, one sheet per unit and source) and indexes them.
fn index_sheets<'a>(
    round: &'a Round,
    scheme: &'a Scheme,
    names: &UnitNames,
) -> Result<SheetIndex<'a>, ScoringError> {
    let n = scheme.indicator_count();
    let indicators: Vec<&Indicator> = scheme.indicators().collect();
    let in_round: HashSet<&str> = round.unit_ids.iter().map(String::as_str).collect();
    let mut sheets: SheetIndex = HashMap::with_capacity(round.sheets.len());
    for s in &round.sheets {
        // Names are made only for a message: this loop runs for every sheet.
        let uname = || names.of(&s.unit_id);
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
    Ok(sheets)
}

/// The completeness lines of the round, filled unit by unit.
struct Tally {
    by_assessor: Vec<SourceCompleteness>,
    self_line: SourceCompleteness,
}

impl Tally {
    fn new(round: &Round) -> Tally {
        let line = |source: SheetSource, name: String| SourceCompleteness {
            source,
            name,
            expected: 0,
            received: 0,
            submitted: 0,
            blanks: 0,
            missing_units: Vec::new(),
        };
        Tally {
            by_assessor: round
                .assessors
                .iter()
                .map(|a| line(SheetSource::Assessor(a.id.clone()), a.name.clone()))
                .collect(),
            self_line: line(SheetSource::SelfAssessment, "自评".to_string()),
        }
    }

    /// Moves the lines into `completeness` with the round's totals: missing sheets,
    /// assessors first (in the round's assessor order), then self.
    fn finish(self, round: &Round, completeness: &mut RoundCompleteness) {
        completeness.by_source = self.by_assessor;
        completeness.by_source.push(self.self_line);
        completeness.missing = completeness
            .by_source
            .iter()
            .flat_map(|line| {
                line.missing_units
                    .iter()
                    .map(|u| (u.clone(), line.source.clone()))
            })
            .collect();
        completeness.expected_sheets = completeness.by_source.iter().map(|l| l.expected).sum();
        let in_round: HashSet<&str> = round.unit_ids.iter().map(String::as_str).collect();
        completeness.received_sheets = round
            .sheets
            .iter()
            .filter(|s| in_round.contains(s.unit_id.as_str()))
            .filter(|s| s.points.iter().any(Option::is_some))
            .count();
    }
}

/// Scores one unit: its sheets, indicators, dimensions, adjustments and total (grade
/// and rank come later, for the whole round).
fn score_unit(
    ctx: &RoundContext,
    sheets: &SheetIndex,
    names: &UnitNames,
    unit_id: &str,
    tally: &mut Tally,
    completeness: &mut RoundCompleteness,
) -> Result<UnitResult, ScoringError> {
    let uname = names.of(unit_id);
    let (mut comp, unit_sheets, self_sheet) = collect_sheets(ctx, sheets, unit_id, tally);
    let indicators = score_indicators(ctx, &unit_sheets, self_sheet, &mut comp);
    let dims = dimension_results(ctx.scheme, &indicators);
    let raw_total: Exact = dims.iter().map(|d| d.subtotal).sum();
    let sums = RoleSums::of(&dims);
    let adj = adjustment_lines(ctx, unit_id, &uname)?;
    let bonus_before_cap: Points = adj.bonus.iter().map(|l| l.points).sum();
    let bonus = bonus_before_cap.min(ctx.scheme.bonus_cap.max(Points::ZERO));
    let deductions: Points = adj.deductions.iter().map(|l| l.points).sum();
    let total = (raw_total + Exact::from_points(bonus) - Exact::from_points(deductions))
        .rounded()
        .max(Points::ZERO);
    // Graded when any assessor scored anything, or a veto makes it 不合格 anyway.
    let graded = indicators.iter().any(|r| r.committee.is_some()) || !adj.vetoes.is_empty();
    sheets_with_blanks(
        completeness,
        unit_id,
        unit_sheets.iter().map(|(_, s)| *s).chain(self_sheet),
    );
    Ok(UnitResult {
        unit_id: unit_id.to_string(),
        unit_name: uname,
        indicators,
        dimensions: dims,
        raw_total,
        bonus_lines: adj.bonus,
        bonus_before_cap,
        bonus,
        deduction_lines: adj.deductions,
        deductions,
        vetoes: adj.vetoes,
        total,
        own_sum: sums.own_sum,
        own_full: sums.own_full,
        demo_sum: sums.demo_sum,
        demo_full: sums.demo_full,
        has_recognised_innovation: ctx.innovators.contains(unit_id),
        graded,
        band_grade: None,
        grade: None,
        grade_notes: Vec::new(),
        rank: None,
        position: None,
        completeness: comp,
    })
}

/// A unit's assessor sheets (in sorted assessor order) and self sheet, with what is
/// expected, received and missing counted for the unit and for the round's lines.
#[allow(clippy::type_complexity)]
fn collect_sheets<'a, 'k>(
    ctx: &'k RoundContext<'a>,
    sheets: &SheetIndex<'a>,
    unit_id: &str,
    tally: &mut Tally,
) -> (
    UnitCompleteness,
    Vec<(&'k AssessorKey<'a>, &'a ScoreSheet)>,
    Option<&'a ScoreSheet>,
) {
    let mut comp = UnitCompleteness::default();
    let mut unit_sheets = Vec::new();
    for key in &ctx.keys {
        let a = key.assessor;
        let sheet = sheets.get(&(unit_id, &key.source)).copied();
        let expected = ctx.expects(a, unit_id);
        let line = key.line.and_then(|i| tally.by_assessor.get_mut(i));
        if expected {
            comp.expected_assessors += 1;
        }
        // A sheet with no score at all (every cell cleared, or sent back empty) is one
        // not received, as the round page and the grid say 未评 (a clerk's review: the
        // unit's page said 已收到5份，空项22处 of the same sheet).
        match sheet.filter(|s| s.points.iter().any(Option::is_some)) {
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
                    l.missing_units.push(unit_id.to_string());
                }
            }
            None => {}
        }
    }
    let self_sheet = sheets
        .get(&(unit_id, &SheetSource::SelfAssessment))
        .copied()
        .filter(|s| s.points.iter().any(Option::is_some));
    let self_line = &mut tally.self_line;
    self_line.expected += 1;
    match self_sheet {
        Some(s) => {
            comp.self_received = true;
            comp.self_blanks = s.points.iter().filter(|p| p.is_none()).count();
            self_line.received += 1;
            self_line.submitted += usize::from(s.submitted);
            self_line.blanks += comp.self_blanks;
        }
        None => self_line.missing_units.push(unit_id.to_string()),
    }
    (comp, unit_sheets, self_sheet)
}

/// A unit's bonus, deduction and veto lines.
struct Adjustments {
    bonus: Vec<AdjustmentLine>,
    deductions: Vec<AdjustmentLine>,
    vetoes: Vec<VetoLine>,
}

/// The bonus, deduction and veto items recorded for a unit, each named from the
/// scheme; an item the scheme does not have is an error.
fn adjustment_lines(
    ctx: &RoundContext,
    unit_id: &str,
    uname: &str,
) -> Result<Adjustments, ScoringError> {
    let scheme = ctx.scheme;
    let mut out = Adjustments {
        bonus: Vec::new(),
        deductions: Vec::new(),
        vetoes: Vec::new(),
    };
    for adj in ctx.adjustments_of.get(unit_id).into_iter().flatten() {
        let unknown = |kind: &str| ValidationError::UnknownItem {
            round: ctx.round.name.clone(),
            unit: uname.to_string(),
            kind: kind.to_string(),
            item: adj.item_id.clone(),
        };
        match adj.kind {
            AdjustmentKind::Bonus | AdjustmentKind::Deduction => {
                let (items, kind, lines) = if adj.kind == AdjustmentKind::Bonus {
                    (&scheme.bonus_items, "加分", &mut out.bonus)
                } else {
                    (&scheme.deduction_items, "扣分", &mut out.deductions)
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
                out.vetoes.push(VetoLine {
                    item_id: item.id.clone(),
                    name: item.name.clone(),
                    note: adj.note.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Records the sheets of a unit that have blanks.
fn sheets_with_blanks<'a>(
    c: &mut RoundCompleteness,
    unit_id: &str,
    sheets: impl Iterator<Item = &'a ScoreSheet>,
) {
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
