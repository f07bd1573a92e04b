//! What the 结果, 概览 and report-card screens show, prepared from
//! [`compute_round`](super::scoring::compute_round) and [`typing`](super::typing):
//! ranking rows and their sorting, the round's dimension averages, a unit's trend
//! over the years, and the geometry of the charts. Pure functions; the components
//! render what these return and compute nothing.

use std::cmp::Ordering;

use super::model::*;
use super::points::Points;
use super::scoring::{compute_round, Exact, RoundResults, ScoringError};
use super::typing::TypeSuggestion;

mod card;

/// How the figures of a ranking are rounded: said under the table on screen and in its
/// export, where a clerk summing the dimension columns finds them 0.01 off the total (a
/// clerk's review).
pub const ROUNDING_NOTE: &str =
    "各项得分四舍五入保留两位小数显示；总分按未经舍入的得分计算，只在最后四舍五入一次，故各项之和与总分可能略有出入（相差零点零几分）。";

pub use card::*;

// ---------------------------------------------------------------------------
// Rounds
// ---------------------------------------------------------------------------

/// Rounds newest first: by year descending, then later in the list first.
pub fn rounds_latest_first(state: &AppState) -> Vec<&Round> {
    let mut v: Vec<(usize, &Round)> = state.rounds.iter().map(|r| &**r).enumerate().collect();
    crate::domain::sorting::sort_by(&mut v, |(ia, a), (ib, b)| {
        b.year.cmp(&a.year).then(ib.cmp(ia))
    });
    v.into_iter().map(|(_, r)| r).collect()
}

/// The latest round.
pub fn latest_round(state: &AppState) -> Option<&Round> {
    rounds_latest_first(state).into_iter().next()
}

/// The round the 结果 page opens with: the latest of a year that has come
/// (`this_year` or before), so a round set up ahead for next year is not the one a
/// clerk publishes by mistake; the latest when every round is ahead.
pub fn default_round(state: &AppState, this_year: u16) -> Option<&Round> {
    let all = rounds_latest_first(state);
    all.iter()
        .find(|r| r.year <= this_year)
        .or(all.first())
        .copied()
}

// ---------------------------------------------------------------------------
// A round's report and its ranking rows
// ---------------------------------------------------------------------------

/// A round's results with the type suggestions, as the 结果 page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundReport {
    pub round_id: Id,
    pub round_name: String,
    pub year: u16,
    /// The scheme's dimension names, in order (the table's score columns).
    pub dimension_names: Vec<String>,
    /// How many indicators each dimension has, in order (a unit's `indicators` are
    /// grouped by dimension in this order).
    pub dimension_sizes: Vec<usize>,
    /// The self-assessment weight in percent (0: for reference only).
    pub self_weight_pct: u8,
    pub results: RoundResults,
    /// One per graded unit.
    pub types: Vec<TypeSuggestion>,
    /// Each unit's 系统/行业, for filtering the ranking.
    pub sectors: std::collections::BTreeMap<Id, String>,
    /// The scheme's 每个单位至少的评委人数 (0: no minimum).
    pub min_assessors: u8,
}

impl RoundReport {
    /// The type suggestion of a unit, if it was graded.
    pub fn type_of(&self, unit_id: &str) -> Option<&TypeSuggestion> {
        self.types.iter().find(|t| t.unit_id == unit_id)
    }

    /// The index range of each dimension's indicators in a unit's `indicators`.
    pub fn dimension_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut start = 0;
        self.dimension_sizes
            .iter()
            .map(|n| {
                let r = start..start + n;
                start += n;
                r
            })
            .collect()
    }

    /// Number of graded (ranked) units.
    pub fn graded_count(&self) -> usize {
        self.results.units.iter().filter(|u| u.graded).count()
    }

    /// The graded units whose scoring is not complete (a sheet missing or with blanks,
    /// no veto): their grade stands on the scores received so far, said beside the count
    /// of graded units (a clerk's review: 已评定1个（不合格1） on two cells of one
    /// assessor's sheet, the same page marking the unit 评分不全).
    pub fn graded_provisionally(&self) -> usize {
        self.results
            .units
            .iter()
            .filter(|u| u.graded && !u.completeness.is_complete() && u.vetoes.is_empty())
            .count()
    }

    /// The units scored by fewer assessors than the scheme asks (评委不足), by name.
    pub fn short_of_assessors(&self) -> Vec<&str> {
        self.results
            .units
            .iter()
            .filter(|u| short_of(&u.completeness, self.min_assessors))
            .map(|u| u.unit_name.as_str())
            .collect()
    }
}

/// Whether a unit is expected to be scored by fewer assessors than `min` (评委不足).
pub fn short_of(c: &crate::domain::scoring::UnitCompleteness, min: u8) -> bool {
    c.expected_assessors < usize::from(min)
}

/// What the results say of units with fewer assessors than the scheme asks (a clerk's
/// review: only the round page said so, and results were published without a word).
pub fn short_panel_message(report: &RoundReport) -> Option<String> {
    let short = report.short_of_assessors();
    (!short.is_empty()).then(|| {
        format!(
            "评委不足：{} 个单位的评委少于考评方案要求的 {} 位（{}），其结果按实际评委的评分计算。",
            short.len(),
            report.min_assessors,
            short.join("、")
        )
    })
}

/// Scores a round and suggests types for it. The round is computed once (the same
/// suggestions as [`typing::suggest_types`](super::typing::suggest_types), which
/// computes it twice: a test checks they agree).
pub fn round_report(state: &AppState, round_id: &str) -> Result<RoundReport, ScoringError> {
    let results = compute_round(state, round_id)?;
    let round = state
        .round(round_id)
        .ok_or_else(|| ScoringError::RoundNotFound(round_id.to_string()))?;
    let types = super::typing::suggest_types_from(state, round, &results);
    let scheme = state.scheme(&round.scheme_id);
    Ok(RoundReport {
        round_id: round.id.clone(),
        round_name: round.name.clone(),
        year: round.year,
        dimension_names: scheme
            .map(|s| s.dimensions.iter().map(|d| d.name.clone()).collect())
            .unwrap_or_default(),
        dimension_sizes: scheme
            .map(|s| s.dimensions.iter().map(|d| d.indicators.len()).collect())
            .unwrap_or_default(),
        self_weight_pct: scheme.map(|s| s.aggregation.self_weight_pct).unwrap_or(0),
        sectors: round
            .unit_ids
            .iter()
            .filter_map(|id| state.unit(id).map(|u| (id.clone(), u.sector.clone())))
            .collect(),
        min_assessors: scheme.map(|s| s.aggregation.min_assessors).unwrap_or(0),
        results,
        types,
    })
}

/// One line of the ranking table.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    pub unit_id: Id,
    pub unit_name: String,
    /// The unit's 系统/行业.
    pub sector: String,
    /// Place in the computed ranking order (0-based; ungraded units come last).
    pub order: usize,
    /// Competition rank (1, 2, 2, 4); `None`: not graded.
    pub rank: Option<u32>,
    /// Another graded unit holds the same rank (shown 并列, as the card says it).
    pub tied: bool,
    /// Dimension subtotals, exact (shown rounded to two decimals).
    pub dimensions: Vec<Exact>,
    /// Bonus (after its cap) minus deductions, as counted in the total.
    pub adjustment: Points,
    /// The rounded total; `None`: not graded (未评定).
    pub total: Option<Points>,
    pub grade: Option<Grade>,
    /// Why the grade differs from the band (veto, innovation, 优秀 cap).
    pub grade_notes: Vec<String>,
    pub suggested: Option<SiteType>,
    /// The override, if the committee set one.
    pub override_type: Option<SiteType>,
    pub override_note: Option<String>,
    /// Why the type was suggested.
    pub reasons: Vec<String>,
    /// Every expected assessor sheet is in, without blanks.
    pub complete: bool,
}

impl RankingRow {
    /// The type that stands: the override, else the suggestion.
    pub fn effective_type(&self) -> Option<SiteType> {
        self.override_type.or(self.suggested)
    }
}

/// The rows of the ranking table in ranking order.
pub fn ranking_rows(report: &RoundReport) -> Vec<RankingRow> {
    let mut holding: std::collections::BTreeMap<u32, usize> = Default::default();
    for k in report
        .results
        .units
        .iter()
        .filter(|u| u.graded)
        .filter_map(|u| u.rank)
    {
        *holding.entry(k).or_default() += 1;
    }
    report
        .results
        .ranking()
        .enumerate()
        .map(|(order, u)| {
            let t = report.type_of(&u.unit_id);
            RankingRow {
                unit_id: u.unit_id.clone(),
                unit_name: u.unit_name.clone(),
                sector: report.sectors.get(&u.unit_id).cloned().unwrap_or_default(),
                order,
                rank: u.rank,
                tied: u.graded
                    && u.rank
                        .is_some_and(|k| holding.get(&k).is_some_and(|n| *n > 1)),
                dimensions: u.dimensions.iter().map(|d| d.subtotal).collect(),
                adjustment: u.bonus - u.deductions,
                total: u.graded.then_some(u.total),
                grade: u.grade,
                grade_notes: u.grade_notes.clone(),
                suggested: t.map(|t| t.suggested),
                override_type: t.and_then(|t| t.overridden.as_ref().map(|o| o.site_type)),
                override_note: t.and_then(|t| t.overridden.as_ref().map(|o| o.note.clone())),
                reasons: t.map(|t| t.reasons.clone()).unwrap_or_default(),
                complete: u.completeness.is_complete(),
            }
        })
        .collect()
}

/// Which rows of the ranking to show: a search on the unit's name, a 系统/行业 and a
/// grade (`Some(None)`: the units not graded).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RankingFilter {
    pub text: String,
    pub sector: Option<String>,
    pub grade: Option<Option<Grade>>,
}

impl RankingFilter {
    /// Whether `row` is shown.
    pub fn matches(&self, row: &RankingRow) -> bool {
        let text = self.text.trim();
        (text.is_empty() || row.unit_name.contains(text))
            && self.sector.as_ref().is_none_or(|s| &row.sector == s)
            && self.grade.is_none_or(|g| row.grade == g)
    }

    /// Whether any condition is set.
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty() || self.sector.is_some() || self.grade.is_some()
    }
}

/// The 系统/行业 of the rows, each once, in code-point order (the filter's choices).
pub fn ranking_sectors(rows: &[RankingRow]) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r.sector.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    set.into_iter().map(String::from).collect()
}

/// A column the ranking can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// 排名 (the computed order, with its tie-break).
    Rank,
    /// 单位 (by name, code point order).
    Name,
    /// A dimension's subtotal, by index.
    Dimension(usize),
    /// 加减分 (bonus minus deductions).
    Adjustment,
    /// 总分.
    Total,
    /// 等次 (优秀 first when ascending).
    Grade,
    /// 类型 (the type that stands; 一类 first when ascending).
    Type,
}

/// How the ranking table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    /// By rank, 1 first.
    fn default() -> Self {
        Sort {
            key: SortKey::Rank,
            descending: false,
        }
    }
}

impl crate::domain::sorting::TableSort for Sort {
    type Key = SortKey;
    fn click(self, key: SortKey) -> Sort {
        Sort::click(self, key)
    }
    fn aria(self, key: SortKey) -> &'static str {
        Sort::aria(self, key)
    }
}

impl Sort {
    /// The sort after clicking the header of `key`: the same column flips direction;
    /// another column starts with scores highest first, and everything else ascending.
    pub fn click(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: matches!(
                    key,
                    SortKey::Total | SortKey::Dimension(_) | SortKey::Adjustment
                ),
            }
        }
    }

    /// The `aria-sort` value of the header of `key`.
    pub fn aria(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

fn type_order(t: SiteType) -> usize {
    SiteType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

/// Sorts rows in place. Units that were not graded stay last, in round order,
/// whatever the direction; ties keep the ranking order.
pub fn sort_rows(rows: &mut Vec<RankingRow>, sort: Sort) {
    crate::domain::sorting::sort_by(rows, |a, b| {
        let graded = b.total.is_some().cmp(&a.total.is_some());
        if graded != Ordering::Equal {
            return graded;
        }
        if a.total.is_none() {
            return a.order.cmp(&b.order);
        }
        let by = match sort.key {
            SortKey::Rank => a.order.cmp(&b.order),
            SortKey::Name => a.unit_name.cmp(&b.unit_name),
            SortKey::Dimension(i) => a.dimensions.get(i).cmp(&b.dimensions.get(i)),
            SortKey::Adjustment => a.adjustment.cmp(&b.adjustment),
            SortKey::Total => a.total.cmp(&b.total),
            SortKey::Grade => a.grade.cmp(&b.grade),
            SortKey::Type => a
                .effective_type()
                .map(type_order)
                .cmp(&b.effective_type().map(type_order)),
        };
        let by = if sort.descending { by.reverse() } else { by };
        by.then(a.order.cmp(&b.order))
    });
}

/// The sheets a round has not received that its results depend on, in words:
/// assessors' sheets counted, then the units without a self-assessment when
/// `self_counts` (a self-assessment weight above 0; at 0 it is for reference only).
pub fn missing_sheets(
    c: &crate::domain::scoring::RoundCompleteness,
    self_counts: bool,
) -> Vec<String> {
    let self_missing = self_missing(c);
    let assessor_missing = c.missing.len() - self_missing;
    let mut parts = Vec::new();
    if assessor_missing > 0 {
        parts.push(format!("还缺{assessor_missing}份评委评分表"));
    }
    if self_missing > 0 && self_counts {
        parts.push(format!("{self_missing}个单位未交自评表"));
    }
    parts
}

/// How many units have not sent their self-assessment.
fn self_missing(c: &crate::domain::scoring::RoundCompleteness) -> usize {
    c.missing
        .iter()
        .filter(|(_, s)| *s == SheetSource::SelfAssessment)
        .count()
}

/// The sheets with blanks that the results depend on (self-assessments only when
/// `self_counts`).
pub fn sheets_with_blanks(
    c: &crate::domain::scoring::RoundCompleteness,
    self_counts: bool,
) -> Vec<&crate::domain::scoring::SheetBlanks> {
    c.sheets_with_blanks
        .iter()
        .filter(|b| self_counts || b.source != SheetSource::SelfAssessment)
        .collect()
}

/// Marked beside a unit whose scoring is incomplete: its total counts only the scores
/// received.
pub const INCOMPLETE_MARK: &str = "评分不全";

/// Said about a graded unit whose scoring is incomplete, in exports and on its card.
pub const INCOMPLETE_NOTE: &str = "评分不全：总分按已收到的评分计算，补齐后可能变化";

/// [`INCOMPLETE_NOTE`] for a graded unit whose scoring is incomplete, else `None`.
pub fn incomplete_unit_note(u: &crate::domain::scoring::UnitResult) -> Option<&'static str> {
    (u.graded && !u.completeness.is_complete()).then_some(INCOMPLETE_NOTE)
}

/// Says plainly what is missing in a round's scoring, or `None` when complete.
pub fn incomplete_message(report: &RoundReport) -> Option<String> {
    let c = &report.results.completeness;
    let ungraded = report.results.units.len() - report.graded_count();
    if c.is_complete() && ungraded == 0 {
        return None;
    }
    let self_counts = report.self_weight_pct > 0;
    let mut parts = missing_sheets(c, self_counts);
    let blanks = sheets_with_blanks(c, self_counts).len();
    if blanks > 0 {
        parts.push(format!("{blanks}份评分表有空项"));
    }
    if ungraded > 0 {
        parts.push(format!("{ungraded}个单位尚无评委评分，未评定"));
    }
    if parts.is_empty() {
        // Only self-assessments are missing or blank, and they do not count.
        let missing = self_missing(c);
        return (missing > 0).then(|| {
            format!(
                "{}：{missing}个单位未交自评表。本方案的自评只作参考、不计入得分，下表的结果不受影响。",
                report.round_name
            )
        });
    }
    Some(format!(
        "{}的评分尚不完整：{}。下表按已收到的评分计算，补齐后结果可能变化。",
        report.round_name,
        parts.join("，")
    ))
}

// ---------------------------------------------------------------------------
// Dashboard figures
// ---------------------------------------------------------------------------

/// A round's sheet completeness in figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletenessSummary {
    pub round_id: Id,
    pub round_name: String,
    pub expected: usize,
    pub received: usize,
    pub missing: usize,
    /// Of `missing`, the units' 自评表 (counted for nothing when the scheme's 自评权重 is
    /// 0, so 结果 does not wait for them): said apart, so 概览 and 结果 agree.
    pub missing_self: usize,
    /// The scheme's 自评权重 is 0: the 自评表 count for nothing.
    pub self_for_reference: bool,
    pub with_blanks: usize,
    /// Received as a whole percent of expected, rounded down (100 only when all are in,
    /// or nothing is expected).
    pub percent: u32,
}

/// The completeness of the latest round.
pub fn current_completeness(state: &AppState) -> Option<Result<CompletenessSummary, ScoringError>> {
    let round = latest_round(state)?;
    Some(compute_round(state, &round.id).map(|r| {
        let c = &r.completeness;
        CompletenessSummary {
            round_id: round.id.clone(),
            round_name: round.name.clone(),
            expected: c.expected_sheets,
            // The expected sheets in: a sheet from an assessor not expected for the unit
            // does not make up for one missing (code review).
            received: c.expected_sheets.saturating_sub(c.missing.len()),
            missing: c.missing.len(),
            missing_self: c
                .missing
                .iter()
                .filter(|(_, src)| matches!(src, crate::domain::SheetSource::SelfAssessment))
                .count(),
            self_for_reference: state
                .scheme(&round.scheme_id)
                .is_some_and(|sc| sc.aggregation.self_weight_pct == 0),
            with_blanks: c.sheets_with_blanks.len(),
            percent: done_percent(
                c.expected_sheets.saturating_sub(c.missing.len()),
                c.expected_sheets,
            ),
        }
    }))
}

/// A progress as a whole percent that says 100 only when all is done: rounded down, so
/// 239 of 240 is 99, not 100 (a clerk's review: 100% with a sheet still missing).
fn done_percent(part: usize, whole: usize) -> u32 {
    (part * 100).checked_div(whole).map_or(100, |p| p as u32)
}

fn percent(part: usize, whole: usize) -> u32 {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or(100, |p| p as u32)
}

/// How many graded units got each grade in one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeDistribution {
    pub round_id: Id,
    pub round_name: String,
    /// In [`Grade::ALL`] order.
    pub counts: [usize; 4],
    /// Whole percents of the graded units, in the same order (for bar widths).
    pub percents: [u32; 4],
    pub graded: usize,
    /// Of the graded, those whose scores are not all in (评分不全): their grade may
    /// still change, and the 概览 says so beside the counts.
    pub incomplete: usize,
    /// Not yet published, or changed since it was (`publishing::publication_note`): the
    /// 概览 says so as 报表 does (a clerk's review: 优秀3个 read out from the first screen
    /// while the units had been sent 优秀2个).
    pub publication: Option<String>,
}

/// The grade distribution of the latest round that has any graded unit.
pub fn latest_grade_distribution(state: &AppState) -> Option<GradeDistribution> {
    rounds_latest_first(state).into_iter().find_map(|round| {
        let r = compute_round(state, &round.id).ok()?;
        let counts = r.grade_counts();
        let graded: usize = counts.iter().sum();
        (graded > 0).then(|| GradeDistribution {
            round_id: round.id.clone(),
            round_name: round.name.clone(),
            counts,
            percents: counts.map(|c| percent(c, graded)),
            graded,
            incomplete: r
                .units
                .iter()
                .filter(|u| u.graded && !u.completeness.is_complete())
                .count(),
            publication: crate::domain::publishing::publication_note(round, Some(&r)),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;

    fn report() -> (AppState, RoundReport) {
        let s = sample_city(2026);
        let rid = latest_round(&s).map(|r| r.id.clone()).unwrap_or_default();
        let r = round_report(&s, &rid).expect("sample scores");
        (s, r)
    }

    #[test]
    fn a_card_whose_rounded_parts_do_not_add_up_says_why_and_only_then() {
        let (_, r) = report();
        let graded: Vec<_> = r.results.units.iter().filter(|u| u.graded).collect();
        let off = |u: &crate::domain::scoring::UnitResult| {
            let shown: i64 = u.dimensions.iter().map(|d| d.display().0).sum();
            shown != u.raw_total.rounded().0
        };
        // The sample has both kinds (a clerk's review found 92.49 against 92.5).
        let (a, b): (Vec<_>, Vec<_>) = graded.into_iter().partition(|u| off(u));
        assert!(
            !a.is_empty() && !b.is_empty(),
            "{} off, {} even",
            a.len(),
            b.len()
        );
        for u in a {
            let note = card_rounding_note(u).expect("said");
            // Set against what the card shows: 指标得分 when 加分/扣分 make the 总分 other.
            let whole = if card_adjustments(u).is_some() {
                "指标得分"
            } else {
                "总分"
            };
            assert!(
                note.ends_with(&format!("之和与{whole}可能略有出入")),
                "{note}"
            );
        }
        let mut plain = r
            .results
            .units
            .iter()
            .find(|u| u.graded && off(u))
            .expect("one")
            .clone();
        plain.bonus_before_cap = Points::ZERO;
        plain.bonus = Points::ZERO;
        plain.deductions = Points::ZERO;
        assert!(card_rounding_note(&plain).is_some_and(|n| n.ends_with("之和与总分可能略有出入")));
        plain.bonus_before_cap = Points(100);
        plain.bonus = Points(100);
        assert!(
            card_rounding_note(&plain).is_some_and(|n| n.ends_with("之和与指标得分可能略有出入"))
        );
        for u in b {
            assert_eq!(card_rounding_note(u), None, "{}", u.unit_name);
        }
    }

    #[test]
    fn types_agree_with_typing_suggest_types() {
        let (mut s, r) = report();
        let expected = crate::domain::typing::suggest_types(&s, &r.round_id).expect("types");
        assert_eq!(r.types, expected);
        // With an override, too.
        let rid = r.round_id.clone();
        let unit = r.types[0].unit_id.clone();
        let round = s.rounds.iter_mut().find(|x| x.id == rid).expect("round");
        assert!(crate::domain::typing::set_type_override(
            round,
            &unit,
            SiteType::ClosedDoor,
            "实地考察发现结对活动流于形式"
        ));
        let again = round_report(&s, &rid).expect("scores");
        let expected = crate::domain::typing::suggest_types(&s, &rid).expect("types");
        assert_eq!(again.types, expected);
        let row = ranking_rows(&again)
            .into_iter()
            .find(|x| x.unit_id == unit)
            .expect("row");
        assert_eq!(row.effective_type(), Some(SiteType::ClosedDoor));
        assert_eq!(
            row.override_note.as_deref(),
            Some("实地考察发现结对活动流于形式")
        );
    }

    #[test]
    fn a_grade_on_incomplete_scoring_is_counted_as_provisional() {
        let (mut s, r) = report();
        let complete = r.graded_provisionally();
        let rid = r.round_id.clone();
        let round = s.rounds.iter_mut().find(|x| x.id == rid).expect("round");
        let mut round2 = (**round).clone();
        let unit = r
            .results
            .units
            .iter()
            .find(|u| u.graded && u.completeness.is_complete() && u.vetoes.is_empty())
            .expect("a complete unit")
            .unit_id
            .clone();
        let sheet = round2
            .sheets
            .iter_mut()
            .find(|x| x.unit_id == unit && matches!(x.source, SheetSource::Assessor(_)))
            .expect("an assessor's sheet");
        sheet.points[0] = None;
        *round = round2.into();
        let again = round_report(&s, &rid).expect("scores");
        assert_eq!(again.graded_provisionally(), complete + 1);
    }

    #[test]
    fn dimension_ranges_cover_the_indicators() {
        let (_, r) = report();
        let ranges = r.dimension_ranges();
        assert_eq!(ranges.len(), r.dimension_names.len());
        let u = &r.results.units[0];
        assert_eq!(ranges.last().map(|x| x.end), Some(u.indicators.len()));
        for (range, d) in ranges.iter().zip(&u.dimensions) {
            let sum: Exact = u.indicators[range.clone()]
                .iter()
                .filter_map(|i| i.aggregate)
                .sum();
            assert_eq!(sum, d.subtotal, "{}", d.name);
        }
    }

    #[test]
    fn latest_round_is_the_newest_year() {
        let s = sample_city(2026);
        let years: Vec<u16> = rounds_latest_first(&s).iter().map(|r| r.year).collect();
        assert_eq!(years, vec![2026, 2025]);
        assert_eq!(latest_round(&s).map(|r| r.year), Some(2026));
        assert!(latest_round(&AppState::default()).is_none());
    }

    #[test]
    fn rows_follow_the_ranking_and_carry_types() {
        let (_, r) = report();
        let rows = ranking_rows(&r);
        assert_eq!(rows.len(), r.results.units.len());
        assert_eq!(rows[0].rank, Some(1));
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row.order, i);
            assert_eq!(row.dimensions.len(), r.dimension_names.len());
            if row.total.is_some() {
                assert!(row.suggested.is_some(), "graded rows have a type");
                assert!(!row.reasons.is_empty());
            }
        }
        // Ranks never go down, and equal ranks mean equal totals.
        for w in rows.windows(2) {
            if let (Some(a), Some(b)) = (w[0].rank, w[1].rank) {
                assert!(a <= b);
                assert_eq!(a == b, w[0].total == w[1].total);
            }
        }
    }

    #[test]
    fn a_ranking_row_is_tied_exactly_when_the_card_says_并列() {
        let (_, r) = report();
        let rows = ranking_rows(&r);
        assert!(rows.iter().any(|x| x.tied), "the sample has ties");
        assert!(rows.iter().any(|x| !x.tied));
        for row in &rows {
            assert_eq!(
                row.tied,
                r.results.is_tied(&row.unit_id),
                "{}",
                row.unit_name
            );
        }
    }

    #[test]
    fn sorting_by_total_toggles_and_keeps_ungraded_last() {
        let (_, r) = report();
        let mut rows = ranking_rows(&r);
        // An ungraded unit stays last in both directions.
        rows.push(RankingRow {
            unit_id: "zz".into(),
            unit_name: "未评单位".into(),
            order: rows.len(),
            total: None,
            rank: None,
            grade: None,
            suggested: None,
            ..rows[0].clone()
        });
        let s = Sort::default().click(SortKey::Total);
        assert_eq!(
            s,
            Sort {
                key: SortKey::Total,
                descending: true
            }
        );
        assert_eq!(s.aria(SortKey::Total), "descending");
        assert_eq!(s.aria(SortKey::Rank), "none");
        sort_rows(&mut rows, s);
        let totals: Vec<Points> = rows.iter().filter_map(|r| r.total).collect();
        assert!(totals.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(rows.last().map(|r| r.unit_id.as_str()), Some("zz"));
        let s = s.click(SortKey::Total);
        assert_eq!(s.aria(SortKey::Total), "ascending");
        sort_rows(&mut rows, s);
        let totals: Vec<Points> = rows.iter().filter_map(|r| r.total).collect();
        assert!(totals.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(rows.last().map(|r| r.unit_id.as_str()), Some("zz"));
        // Back to rank: the computed order.
        sort_rows(&mut rows, Sort::default());
        assert!(rows.windows(2).all(|w| w[0].order < w[1].order));
        // Names ascend by code point; a click on another column starts ascending.
        let s = Sort::default().click(SortKey::Name);
        assert!(!s.descending);
        sort_rows(&mut rows, s);
        let graded: Vec<&str> = rows
            .iter()
            .filter(|r| r.total.is_some())
            .map(|r| r.unit_name.as_str())
            .collect();
        assert!(graded.windows(2).all(|w| w[0] <= w[1]));
        // Grades: 优秀 first when ascending.
        sort_rows(&mut rows, Sort::default().click(SortKey::Grade));
        let grades: Vec<Grade> = rows.iter().filter_map(|r| r.grade).collect();
        assert!(grades.windows(2).all(|w| w[0] <= w[1]));
        // A dimension, highest first.
        sort_rows(&mut rows, Sort::default().click(SortKey::Dimension(1)));
        let d: Vec<Exact> = rows
            .iter()
            .filter(|r| r.total.is_some())
            .map(|r| r.dimensions[1])
            .collect();
        assert!(d.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn a_missing_self_assessment_that_does_not_count_is_said_not_to_change_the_results() {
        let (mut s, r) = report();
        let rid = r.round_id.clone();
        let scheme_id = s.round(&rid).expect("round").scheme_id.clone();
        let round = s.rounds.iter_mut().find(|x| x.id == rid).expect("round");
        let pos = round
            .sheets
            .iter()
            .position(|x| x.source == SheetSource::SelfAssessment)
            .expect("a self-assessment");
        round.sheets.remove(pos);
        let weigh = |s: &mut AppState, pct: u8| {
            let sc = s
                .schemes
                .iter_mut()
                .find(|x| x.id == scheme_id)
                .expect("scheme");
            sc.aggregation.self_weight_pct = pct;
        };
        weigh(&mut s, 0);
        let msg = incomplete_message(&round_report(&s, &rid).expect("scores")).expect("said");
        assert!(msg.contains("1个单位未交自评表"), "{msg}");
        assert!(msg.contains("下表的结果不受影响"), "{msg}");
        assert!(!msg.contains("结果可能变化"), "{msg}");
        let publish =
            crate::domain::publishing::preview(&s, &rid, "2026-12-31").expect("publishable");
        assert!(publish.incomplete.is_empty(), "{:?}", publish.incomplete);
        // When it counts, it is incomplete as before.
        weigh(&mut s, 20);
        let msg = incomplete_message(&round_report(&s, &rid).expect("scores")).expect("said");
        assert!(msg.contains("1个单位未交自评表"), "{msg}");
        assert!(msg.contains("补齐后结果可能变化"), "{msg}");
        let publish =
            crate::domain::publishing::preview(&s, &rid, "2026-12-31").expect("publishable");
        assert_eq!(publish.incomplete, vec!["1个单位未交自评表".to_string()]);
    }

    #[test]
    fn the_card_says_how_the_total_is_made_and_an_overridden_type_keeps_no_contrary_reasons() {
        let (_, r) = report();
        let mut u = r.results.units[0].clone();
        u.bonus_before_cap = Points::ZERO;
        u.bonus = Points::ZERO;
        u.deductions = Points::ZERO;
        assert_eq!(
            card_adjustments(&u),
            None,
            "the total is the indicators' sum"
        );
        u.bonus_before_cap = Points(1200);
        u.bonus = Points(1000);
        u.deductions = Points(300);
        let line = card_adjustments(&u).expect("said");
        assert_eq!(
            line,
            format!(
                "指标得分 {}，加分 +10（登记 12 分，按方案的加分上限计入），扣分 −3",
                u.raw_total
            )
        );
        let mut t = r.types[0].clone();
        t.overridden = None;
        assert_eq!(card_type_basis(&t), t.reasons);
        let other = SiteType::ALL
            .into_iter()
            .find(|x| *x != t.suggested)
            .expect("another type");
        t.overridden = Some(crate::domain::TypeOverride {
            unit_id: t.unit_id.clone(),
            site_type: other,
            note: "工委内部的说明".into(),
        });
        let basis = card_type_basis(&t);
        assert_eq!(basis.len(), 1);
        assert!(basis[0].contains(other.public_label()), "{basis:?}");
        assert!(
            !basis[0].contains("工委内部的说明"),
            "the committee's note stays inside"
        );
        // The same type set by hand: the figures still stand behind it.
        t.overridden = Some(crate::domain::TypeOverride {
            unit_id: t.unit_id.clone(),
            site_type: t.suggested,
            note: String::new(),
        });
        assert_eq!(card_type_basis(&t), t.reasons);
    }

    #[test]
    fn incomplete_scoring_is_said_plainly() {
        let (mut s, r) = report();
        assert_eq!(incomplete_message(&r), None, "the sample is complete");
        let rid = r.round_id.clone();
        let round = s.rounds.iter_mut().find(|x| x.id == rid).expect("round");
        let victim = round.unit_ids[0].clone();
        // Drop one assessor sheet and blank a cell of another.
        let pos = round
            .sheets
            .iter()
            .position(|x| x.unit_id == victim && x.source != SheetSource::SelfAssessment)
            .expect("sheet");
        round.sheets.remove(pos);
        if let Some(sh) = round
            .sheets
            .iter_mut()
            .find(|x| x.unit_id == victim && x.source != SheetSource::SelfAssessment)
        {
            sh.points[0] = None;
        }
        let r = round_report(&s, &rid).expect("scores");
        let msg = incomplete_message(&r).expect("incomplete");
        assert!(msg.contains("还缺1份评委评分表"), "{msg}");
        assert!(msg.contains("1份评分表有空项"), "{msg}");
        let row = ranking_rows(&r)
            .into_iter()
            .find(|x| x.unit_id == victim)
            .expect("row");
        assert!(!row.complete);
    }

    #[test]
    fn dashboard_figures() {
        let s = sample_city(2026);
        let c = current_completeness(&s).expect("a round").expect("scores");
        assert_eq!(c.received, c.expected);
        assert_eq!(c.percent, 100);
        assert_eq!(c.missing, 0);
        // One sheet short is never 100%: 239 of 240 is 99.
        assert_eq!(done_percent(239, 240), 99);
        assert_eq!(done_percent(1, 240), 0);
        assert_eq!(done_percent(240, 240), 100);
        assert_eq!(done_percent(0, 0), 100);
        let g = latest_grade_distribution(&s).expect("graded");
        assert_eq!(g.counts.iter().sum::<usize>(), g.graded);
        assert!(g.graded > 0);
        assert_eq!(g.incomplete, 0, "the sample's scores are all in");
        // The sample's latest round is not published: said, as on 报表.
        let note = g.publication.clone().expect("not published");
        assert!(note.contains("的结果尚未发布"), "{note}");
        // A blank in one unit's sheet: counted, and said (a clerk's first day).
        let rid = g.round_id.clone();
        let blank_first_point = |st: &mut AppState| {
            let r = st.rounds.iter_mut().find(|r| r.id == rid).expect("round");
            let u = r.unit_ids[0].clone();
            for sheet in r.sheets.iter_mut().filter(|x| x.unit_id == u) {
                if let Some(p) = sheet.points.get_mut(0) {
                    *p = None;
                }
            }
        };
        let mut blank = s.clone();
        blank_first_point(&mut blank);
        let g = latest_grade_distribution(&blank).expect("graded");
        assert_eq!(g.incomplete, 1);
        // Published, then changed: said; published as shown: nothing.
        let mut published = s.clone();
        crate::domain::publishing::set_published(
            &mut published,
            &rid,
            true,
            "2026-12-01T08:00:00Z",
        )
        .expect("publish");
        assert_eq!(
            latest_grade_distribution(&published)
                .expect("graded")
                .publication,
            None
        );
        let mut changed = published.clone();
        blank_first_point(&mut changed);
        let note = latest_grade_distribution(&changed)
            .expect("graded")
            .publication
            .expect("changed since");
        assert!(note.contains("发布后又有改动"), "{note}");
        let pct: u32 = g.percents.iter().sum();
        assert!((98..=102).contains(&pct), "{pct}");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 100);
        assert!(current_completeness(&AppState::default()).is_none());
        assert!(latest_grade_distribution(&AppState::default()).is_none());
        // A clerk's review: 概览 said 还缺2份 where 结果 said nothing was missing; the
        // two were 自评表, which 结果 does not wait for. They are counted apart.
        let mut s = s;
        let rid = latest_round(&s).expect("a round").id.clone();
        if let Some(r) = s.rounds.iter_mut().find(|r| r.id == rid) {
            let at = r
                .sheets
                .iter()
                .position(|x| x.source == SheetSource::SelfAssessment)
                .expect("a self-assessment");
            r.sheets.remove(at);
        }
        let c = current_completeness(&s).expect("a round").expect("scores");
        assert_eq!((c.missing, c.missing_self), (1, 1));
        let weight = s
            .round(&c.round_id)
            .and_then(|r| s.scheme(&r.scheme_id))
            .map(|sc| sc.aggregation.self_weight_pct);
        assert_eq!(c.self_for_reference, weight == Some(0));
    }

    #[test]
    fn report_card_chart_and_trend() {
        let (s, r) = report();
        let unit = ranking_rows(&r)[0].unit_id.clone();
        let dims = compare_dimensions(&r.results, &unit);
        assert_eq!(dims.len(), r.dimension_names.len());
        let chart = bar_chart(&dims);
        assert_eq!(chart.pairs.len(), dims.len());
        for (p, d) in chart.pairs.iter().zip(&dims) {
            assert!(p.unit_width >= 0.0 && p.unit_width <= chart.plot_width);
            let expect = d.unit.as_f64() / d.full.as_f64() * chart.plot_width;
            assert!(
                (p.unit_width - expect).abs() <= 0.05,
                "{} vs {expect}",
                p.unit_width
            );
            assert!(p.y + 2.0 * chart.bar_height <= chart.axis_y);
        }
        assert!(chart.height > chart.axis_y);
        assert_eq!(chart.ticks.len(), 5);
        let summary = comparison_summary(&dims);
        assert!(summary.starts_with("各一级指标得分与本轮平均分对比："));
        assert!(summary.contains(&dims[0].name) && summary.contains("平均"));

        let trend = unit_trend(&s, &unit, r.year);
        assert!(!trend.is_empty());
        // All at once (the print of every card) is each unit's own, for every unit.
        let all = unit_trends(&s, r.year);
        assert_eq!(all.get(&unit), Some(&trend));
        for u in &s.units {
            let one = unit_trend(&s, &u.id, r.year);
            assert_eq!(
                all.get(&u.id).cloned().unwrap_or_default(),
                one,
                "{}",
                u.name
            );
        }
        assert_eq!(trend.last().map(|t| t.year), Some(r.year));
        assert!(trend.windows(2).all(|w| w[0].year < w[1].year));
        let t = trend_summary(&trend);
        assert!(t.starts_with("历年总分："), "{t}");
        if trend.iter().filter(|p| p.total.is_some()).count() >= 2 {
            let lc = trend_chart(&trend).expect("two points");
            for (x, y, _, _) in &lc.dots {
                assert!(*x >= lc.plot_left && *x <= lc.plot_right);
                assert!(*y >= lc.y_max.0 && *y <= lc.y_min.0);
            }
        }
        assert!(trend_chart(&trend[..1]).is_none());
        assert!(compare_dimensions(&r.results, "no-such").is_empty());
    }

    #[test]
    fn trend_chart_puts_the_higher_total_higher() {
        let p = |year, t| TrendPoint {
            round_id: format!("r{year}"),
            round_name: String::new(),
            year,
            total: Some(Points(t)),
            grade: None,
            rank: None,
            tied: false,
            of: 1,
            draft: None,
        };
        let lc = trend_chart(&[p(2024, 8000), p(2025, 9000)]).expect("chart");
        assert!(lc.dots[1].1 < lc.dots[0].1, "SVG y grows downwards");
        assert_eq!(lc.dots[0].0, lc.plot_left);
        assert_eq!(lc.dots[1].0, lc.plot_right);
        assert_eq!(lc.polyline.split(' ').count(), 2);
    }

    #[test]
    fn the_adjustment_column_is_bonus_minus_deductions() {
        let (_, r) = report();
        let rows = ranking_rows(&r);
        let mut seen_nonzero = false;
        for row in &rows {
            let u = r
                .results
                .units
                .iter()
                .find(|u| u.unit_id == row.unit_id)
                .unwrap();
            assert_eq!(row.adjustment, u.bonus - u.deductions, "{}", row.unit_name);
            seen_nonzero |= row.adjustment != Points::ZERO;
        }
        assert!(seen_nonzero, "the sample has bonuses or deductions");
    }

    #[test]
    fn the_ranking_filters_by_name_sector_and_grade() {
        let (_, r) = report();
        let rows = ranking_rows(&r);
        let sectors = ranking_sectors(&rows);
        assert!(sectors.len() > 1, "{sectors:?}");
        let all = RankingFilter::default();
        assert!(!all.is_active());
        assert!(rows.iter().all(|row| all.matches(row)));
        let one = RankingFilter {
            sector: Some(sectors[0].clone()),
            ..Default::default()
        };
        let shown: Vec<&RankingRow> = rows.iter().filter(|row| one.matches(row)).collect();
        assert!(!shown.is_empty() && shown.len() < rows.len());
        assert!(shown.iter().all(|row| row.sector == sectors[0]));
        let good = RankingFilter {
            grade: Some(Some(Grade::Good)),
            ..Default::default()
        };
        assert!(rows
            .iter()
            .filter(|row| good.matches(row))
            .all(|row| row.grade == Some(Grade::Good)));
        let name = &rows[3].unit_name;
        let by_name = RankingFilter {
            text: format!(" {} ", name.chars().take(2).collect::<String>()),
            ..Default::default()
        };
        assert!(rows
            .iter()
            .filter(|row| by_name.matches(row))
            .any(|row| &row.unit_name == name));
    }
}
