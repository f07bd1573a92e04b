//! The three types of the speech (一类 真正示范, 二类 吃老本, 三类 闭门造车): a
//! suggestion per unit from its scores, its trend and its new outcomes, with the
//! reasons in Chinese; the committee may override it with a note. The thresholds are
//! the constants below and are described in `docs/scoring.md`.

use std::collections::BTreeMap;

use super::dates;
use super::model::*;
use super::points::Points;
use super::scoring::{compute_round, Exact, RoundResults, ScoringError, UnitResult};

/// 一类 needs at least this share (percent) of full points in both own-construction
/// and demonstration dimensions.
pub const EXEMPLAR_MIN_PCT: i64 = 80;
/// 三类 when the demonstration share lags the own-construction share by at least
/// this many percentage points.
pub const CLOSED_DOOR_GAP_PCT: i64 = 15;
/// A fall of the total by at least this much since the unit's previous round counts
/// as declining (3 points).
pub const DECLINE: Points = Points(300);

/// A type suggestion for one unit in one round.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeSuggestion {
    pub unit_id: Id,
    pub unit_name: String,
    pub suggested: SiteType,
    /// Why, in Chinese, one sentence each.
    pub reasons: Vec<String>,
    /// Share of full points in own-construction dimensions, percent with 2 decimals.
    pub own_pct: Points,
    /// Share of full points in demonstration dimensions, percent with 2 decimals.
    pub demo_pct: Points,
    /// The total in the unit's previous round (the latest earlier year it was graded).
    pub previous_total: Option<Points>,
    /// This total minus the previous total.
    pub trend: Option<Points>,
    /// Outcomes of the unit dated in the round's year.
    pub new_outcomes: usize,
    /// The committee's override, if any.
    pub overridden: Option<TypeOverride>,
}

impl TypeSuggestion {
    /// The type that stands: the override if there is one, else the suggestion.
    pub fn effective(&self) -> SiteType {
        self.overridden
            .as_ref()
            .map(|o| o.site_type)
            .unwrap_or(self.suggested)
    }
}

/// Percent of `full` reached by `sum`, rounded half-up to hundredths of a percent.
pub fn share_pct(sum: Exact, full: Points) -> Points {
    if full.hundredths() <= 0 {
        return Points::ZERO;
    }
    sum.scale(10_000, full.hundredths() as i128).rounded()
}

/// Said of a unit in its first round, to the committee (which decides the type).
pub const FIRST_ROUND_REASON: &str =
    "首次参加考评，没有往年成绩可比：类型只依据上述得分率和新增成果，请结合实际确定";
/// The trend of a unit with no earlier total (in its first round): the start of
/// [`FIRST_ROUND_REASON`], so a first round reads the same whatever the type.
pub const FIRST_ROUND_TREND: &str = "首次参加考评，没有往年成绩可比";
/// The same on the report card the unit receives: no instruction to the committee.
pub const FIRST_ROUND_PUBLIC: &str =
    "首次参加考评，没有往年成绩可比，类型依据上述得分率和新增成果提出";

/// Suggests a type from one unit's result, its previous total and its count of new
/// outcomes. Rules, in order:
///
/// 1. 一类 if own-construction and demonstration shares are both at least
///    [`EXEMPLAR_MIN_PCT`]%, there is at least one new outcome, and the total did not
///    fall by [`DECLINE`] or more;
/// 2. else 三类 if the demonstration share lags the own-construction share by at least
///    [`CLOSED_DOOR_GAP_PCT`] percentage points;
/// 3. else 二类.
pub fn suggest_type(
    result: &UnitResult,
    previous_total: Option<Points>,
    new_outcomes: usize,
) -> (SiteType, Vec<String>) {
    let own = share_pct(result.own_sum, result.own_full);
    let demo = share_pct(result.demo_sum, result.demo_full);
    let min = Points::whole(EXEMPLAR_MIN_PCT);
    let trend = previous_total.map(|p| result.total - p);
    let declining = trend.is_some_and(|t| t <= Points::ZERO - DECLINE);
    let mut reasons = Vec::new();
    let describe_trend = |reasons: &mut Vec<String>| match (previous_total, trend) {
        (Some(p), Some(t)) if t > Points::ZERO => {
            reasons.push(format!("总分比上一轮（{p}）提高{t}分"))
        }
        (Some(p), Some(t)) if t < Points::ZERO => {
            reasons.push(format!("总分比上一轮（{p}）下降{}分", Points::ZERO - t))
        }
        (Some(p), _) => reasons.push(format!("总分与上一轮（{p}）持平")),
        // Said as a first round is everywhere (a clerk's review: two new units' cards
        // read 无上一轮得分可比较, three others' 首次参加考评…).
        _ => reasons.push(FIRST_ROUND_TREND.to_string()),
    };

    // A unit with a veto item is not a true exemplar, whatever its rates.
    let vetoed = !result.vetoes.is_empty();
    if vetoed {
        reasons.push("有一票否决事项，不列为一类".to_string());
    }
    if own >= min && demo >= min && new_outcomes >= 1 && !declining && !vetoed {
        reasons.push(format!(
            "自身建设类指标得分率{own}%、示范带动类指标得分率{demo}%，均达到{EXEMPLAR_MIN_PCT}%"
        ));
        reasons.push(format!("本年度新增成果{new_outcomes}项"));
        describe_trend(&mut reasons);
        return (SiteType::TrueExemplar, reasons);
    }
    if own - demo >= Points::whole(CLOSED_DOOR_GAP_PCT) {
        reasons.push(format!(
            "示范带动类指标得分率{demo}%，比自身建设类指标得分率{own}%低{}个百分点（达到{CLOSED_DOOR_GAP_PCT}个百分点即视为带动不足）",
            own - demo
        ));
        if new_outcomes == 0 {
            reasons.push("本年度无新增成果".to_string());
        }
        describe_trend(&mut reasons);
        return (SiteType::ClosedDoor, reasons);
    }
    if new_outcomes == 0 {
        reasons.push("本年度无新增成果".to_string());
    }
    if declining {
        describe_trend(&mut reasons);
        if own >= min && demo >= min && new_outcomes >= 1 {
            // Only the fall kept it from 一类: say so, plainly.
            reasons.push(format!(
                "各项得分率均达到{EXEMPLAR_MIN_PCT}%且有新增成果，仅因总分比上一轮下降{DECLINE}分以上，未列为一类"
            ));
        }
    }
    if own < min || demo < min {
        reasons.push(format!(
            "自身建设类指标得分率{own}%、示范带动类指标得分率{demo}%，未均达到{EXEMPLAR_MIN_PCT}%"
        ));
    }
    // 二类 speaks of resting on the past; a unit in its first round has none, said
    // once (not beside the trend's own first-round line).
    if previous_total.is_none() {
        reasons.push(FIRST_ROUND_REASON.to_string());
    } else if !declining {
        describe_trend(&mut reasons);
    }
    (SiteType::LivingOnPast, reasons)
}

/// Type suggestions for every graded unit of a round, with overrides attached.
pub fn suggest_types(
    state: &AppState,
    round_id: &str,
) -> Result<Vec<TypeSuggestion>, ScoringError> {
    let results = compute_round(state, round_id)?;
    let round = state
        .round(round_id)
        .ok_or_else(|| ScoringError::RoundNotFound(round_id.to_string()))?;
    Ok(suggest_types_from(state, round, &results))
}

/// Type suggestions for the graded units of `round` from its already computed
/// `results`; earlier rounds are computed only as far back as each unit's previous
/// graded round, each at most once.
pub fn suggest_types_from(
    state: &AppState,
    round: &Round,
    results: &RoundResults,
) -> Vec<TypeSuggestion> {
    // Earlier rounds, latest first; each computed at most once.
    let mut earlier: Vec<&Round> = state
        .rounds
        .iter()
        .filter(|r| r.year < round.year)
        .map(|r| &**r)
        .collect();
    crate::domain::sorting::sort_by_key(&mut earlier, |r| std::cmp::Reverse(r.year));
    let mut cache: BTreeMap<Id, Option<RoundResults>> = BTreeMap::new();
    let mut out = Vec::new();
    for r in results.units.iter().filter(|r| r.graded) {
        let mut previous_total = None;
        for e in &earlier {
            if !e.unit_ids.contains(&r.unit_id) {
                continue;
            }
            let res = cache
                .entry(e.id.clone())
                .or_insert_with(|| compute_round(state, &e.id).ok());
            if let Some(u) = res.as_ref().and_then(|x| x.unit(&r.unit_id)) {
                if u.graded {
                    previous_total = Some(u.total);
                    break;
                }
            }
        }
        let new_outcomes = state
            .outcomes
            .iter()
            .filter(|o| {
                o.unit_id == r.unit_id && dates::year_of(&o.date) == Some(round.year as i32)
            })
            .count();
        let (suggested, reasons) = suggest_type(r, previous_total, new_outcomes);
        out.push(TypeSuggestion {
            unit_id: r.unit_id.clone(),
            unit_name: r.unit_name.clone(),
            suggested,
            reasons,
            own_pct: share_pct(r.own_sum, r.own_full),
            demo_pct: share_pct(r.demo_sum, r.demo_full),
            previous_total,
            trend: previous_total.map(|p| r.total - p),
            new_outcomes,
            overridden: round
                .type_overrides
                .iter()
                .find(|o| o.unit_id == r.unit_id)
                .cloned(),
        });
    }
    out
}

/// Records the committee's type for a unit in a round, replacing an earlier one.
/// Returns `false` (and changes nothing) if the unit is not in the round or the note
/// is empty: an override always says why.
pub fn set_type_override(
    round: &mut Round,
    unit_id: &str,
    site_type: SiteType,
    note: &str,
) -> bool {
    if !round.unit_ids.iter().any(|u| u == unit_id) || note.trim().is_empty() {
        return false;
    }
    round.type_overrides.retain(|o| o.unit_id != unit_id);
    round.type_overrides.push(TypeOverride {
        unit_id: unit_id.to_string(),
        site_type,
        note: note.trim().to_string(),
    });
    true
}

/// Removes the committee's type for a unit; the suggestion stands again.
pub fn clear_type_override(round: &mut Round, unit_id: &str) {
    round.type_overrides.retain(|o| o.unit_id != unit_id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;

    /// A graded unit of the sample's latest round with both rates at the 一类 line.
    fn strong_unit() -> UnitResult {
        let s = sample_city(2026);
        let round = s.rounds.iter().max_by_key(|r| r.year).expect("a round");
        let results = compute_round(&s, &round.id).expect("results");
        let min = Points::whole(EXEMPLAR_MIN_PCT);
        results
            .units
            .into_iter()
            .find(|u| {
                u.graded
                    && share_pct(u.own_sum, u.own_full) >= min
                    && share_pct(u.demo_sum, u.demo_full) >= min
            })
            .expect("the sample has a strong unit")
    }

    #[test]
    fn a_fall_alone_keeping_a_strong_unit_from_class_one_is_said_plainly() {
        let strong = &strong_unit();
        let (t, _) = suggest_type(strong, Some(strong.total), 1);
        assert_eq!(t, SiteType::TrueExemplar);
        let (t, reasons) = suggest_type(strong, Some(strong.total + Points::whole(5)), 1);
        assert_eq!(t, SiteType::LivingOnPast);
        assert!(
            reasons.iter().any(|r| r.contains("仅因总分比上一轮下降")),
            "{reasons:?}"
        );
        // With no new outcome the fall is not the only reason, and it is not said.
        let (_, reasons) = suggest_type(strong, Some(strong.total + Points::whole(5)), 0);
        assert!(!reasons.iter().any(|r| r.contains("仅因")), "{reasons:?}");
        // A first round with no new outcome: 二类, said to rest on this year alone, in
        // words fit for the unit's printed report.
        let (t, reasons) = suggest_type(strong, None, 0);
        assert_eq!(t, SiteType::LivingOnPast);
        assert!(
            reasons.iter().any(|r| r.starts_with("首次参加考评")),
            "{reasons:?}"
        );
        assert!(!reasons.iter().any(|r| r.contains("吃老本")));
        // With a previous round it is not said.
        let (_, reasons) = suggest_type(strong, Some(strong.total), 0);
        assert!(!reasons.iter().any(|r| r.starts_with("首次参加考评")));
    }

    #[test]
    fn a_first_round_reads_the_same_whatever_the_type() {
        // A clerk's review: new units of 一类 and 三类 read 无上一轮得分可比较, those of 二类
        // 首次参加考评…: one wording, said once.
        let strong = strong_unit();
        let mut lagging = strong.clone();
        lagging.demo_sum = Exact::ZERO;
        for (unit, outcomes, expected) in [
            (&strong, 1, SiteType::TrueExemplar),
            (&strong, 0, SiteType::LivingOnPast),
            (&lagging, 0, SiteType::ClosedDoor),
        ] {
            let (t, reasons) = suggest_type(unit, None, outcomes);
            assert_eq!(t, expected, "{reasons:?}");
            let first: Vec<_> = reasons
                .iter()
                .filter(|r| r.starts_with(FIRST_ROUND_TREND))
                .collect();
            assert_eq!(first.len(), 1, "{t:?}: {reasons:?}");
            assert!(!reasons.iter().any(|r| r.contains("上一轮")), "{reasons:?}");
        }
    }

    #[test]
    fn a_vetoed_unit_is_never_class_one_and_its_card_gives_the_committee_no_instruction() {
        let mut strong = strong_unit();
        strong.vetoes.push(crate::domain::scoring::VetoLine {
            item_id: "v1".into(),
            name: "弄虚作假骗取荣誉".into(),
            note: String::new(),
        });
        let (t, reasons) = suggest_type(&strong, Some(strong.total), 1);
        assert_ne!(t, SiteType::TrueExemplar);
        assert!(
            reasons.iter().any(|r| r.contains("一票否决")),
            "{reasons:?}"
        );
        // The card's basis for a first round: no 请结合实际确定.
        let (suggested, reasons) = suggest_type(&strong, None, 0);
        let card = crate::domain::report::card_type_basis(&TypeSuggestion {
            unit_id: strong.unit_id.clone(),
            unit_name: strong.unit_name.clone(),
            suggested,
            reasons,
            own_pct: Points::ZERO,
            demo_pct: Points::ZERO,
            previous_total: None,
            trend: None,
            new_outcomes: 0,
            overridden: None,
        });
        assert!(card.iter().any(|r| r == FIRST_ROUND_PUBLIC), "{card:?}");
        assert!(!card.iter().any(|r| r.contains("请结合实际")), "{card:?}");
    }
}
