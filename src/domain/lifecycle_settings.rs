//! 动态管理 settings and the lists beside the status proposals (`lifecycle.rs`):
//! the rules' switches and thresholds as one checked change, the sites due for the
//! periodic 复查 (every `review_years` years after their 授牌, 3 by default), and the
//! "优秀 → 可推荐表彰" proposal, which is advice only (no status changes).

use super::dates;
use super::model::*;
use super::scoring::{compute_round, ScoringError};

/// Why a settings change was refused (nothing changes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("整改期限应为 1–24 个月，填的是「{0}」")]
    RectifyMonths(String),
    #[error("复查周期应为 1–10 年，填的是「{0}」")]
    ReviewYears(String),
    #[error("授牌条件的等次应为优秀、良好或合格")]
    NamingGrade,
}

/// The labels of the rules form's fields, by which a refusal marks them.
pub mod labels {
    pub const RECTIFY_MONTHS: &str = "警示后的整改期限（月）";
    pub const NAMING_GRADE: &str = "创建单位授牌的等次条件";
    pub const REVIEW_YEARS: &str = "复查周期（年）";
}

impl crate::domain::problems::FieldsAt for SettingsError {
    fn fields(&self) -> Vec<String> {
        vec![match self {
            SettingsError::RectifyMonths(_) => labels::RECTIFY_MONTHS,
            SettingsError::ReviewYears(_) => labels::REVIEW_YEARS,
            SettingsError::NamingGrade => labels::NAMING_GRADE,
        }
        .to_string()]
    }
}

/// The rules as typed on the settings page (numbers as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesInput {
    pub fail_warns: bool,
    pub rectify_months: String,
    pub fail_while_warned_delists: bool,
    pub veto_delists: bool,
    pub two_passes_warn: bool,
    pub candidate_good_names: bool,
    pub naming_grade: Grade,
    pub excellent_commends: bool,
    pub review_years: String,
}

impl RulesInput {
    /// The form filled in from the current rules.
    pub fn from_rules(r: &LifecycleRules) -> RulesInput {
        RulesInput {
            fail_warns: r.fail_warns,
            rectify_months: r.rectify_months.to_string(),
            fail_while_warned_delists: r.fail_while_warned_delists,
            veto_delists: r.veto_delists,
            two_passes_warn: r.two_passes_warn,
            candidate_good_names: r.candidate_good_names,
            naming_grade: r.naming_grade,
            excellent_commends: r.excellent_commends,
            review_years: r.review_years.to_string(),
        }
    }
}

fn number(text: &str, range: std::ops::RangeInclusive<u8>) -> Option<u8> {
    let n: u8 = crate::domain::typed::half_width(text)
        .trim_end_matches(['个', '月', '年'])
        .parse()
        .ok()?;
    range.contains(&n).then_some(n)
}

/// Checks the input and sets the rules; refuses (changing nothing) a deadline outside
/// 1–24 months, a 复查 period outside 1–10 years or 不合格 as the naming grade.
pub fn set_rules(state: &mut AppState, input: &RulesInput) -> Result<(), SettingsError> {
    let rectify_months = number(&input.rectify_months, 1..=24)
        .ok_or_else(|| SettingsError::RectifyMonths(input.rectify_months.trim().to_string()))?;
    let review_years = number(&input.review_years, 1..=10)
        .ok_or_else(|| SettingsError::ReviewYears(input.review_years.trim().to_string()))?;
    if input.naming_grade == Grade::Fail {
        return Err(SettingsError::NamingGrade);
    }
    state.settings.lifecycle_rules = LifecycleRules {
        fail_warns: input.fail_warns,
        rectify_months,
        fail_while_warned_delists: input.fail_while_warned_delists,
        veto_delists: input.veto_delists,
        two_passes_warn: input.two_passes_warn,
        candidate_good_names: input.candidate_good_names,
        naming_grade: input.naming_grade,
        excellent_commends: input.excellent_commends,
        review_years,
    };
    Ok(())
}

/// A site due for its periodic 复查.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    pub unit_id: Id,
    pub name: String,
    pub status: UnitStatus,
    /// The 授牌 date the period counts from.
    pub named_on: Date,
    /// The latest anniversary (a multiple of the period) on or before today.
    pub due_on: Date,
    /// Whole years since 授牌 on that anniversary (the review it is due for).
    pub years: u32,
    /// Whole years since 授牌 today: more than `years` when the review is overdue.
    pub years_now: u32,
    /// The site's latest 复查 (one before this period), if any.
    pub last_review: Option<Review>,
}

/// The date a site was named: its latest history entry to 已授牌 that is not a
/// return from 警示 (a restore is no new naming), else `named_on`.
pub fn naming_date(u: &Unit) -> Option<Date> {
    u.history
        .iter()
        .rev()
        .find(|h| h.to == UnitStatus::Named && h.from != UnitStatus::Warned)
        .map(|h| h.date.clone())
        .or_else(|| u.named_on.clone())
}

/// The 复查 anniversaries of a site named on `named`, every `period` years, up to
/// `today`, in order.
pub fn anniversaries(named: &str, period: u32, today: &str) -> Vec<Date> {
    let mut out = Vec::new();
    let mut k = 1;
    while let Some(d) = dates::add_months(named, 12 * period * k) {
        if d.as_str() > today {
            break;
        }
        out.push(d);
        k += 1;
    }
    out
}

/// The sites (已授牌 or 警示) named `review_years` or more years before `today`, each
/// with the anniversary that makes it due, unless the 复查 for it is recorded
/// (`lifecycle::reviewed`); sorted by that date, then name.
pub fn reviews_due(state: &AppState, today: &str) -> Vec<ReviewDue> {
    let period = state.settings.lifecycle_rules.review_years.max(1) as u32;
    let mut out = Vec::new();
    for u in state
        .units
        .iter()
        .filter(|u| matches!(u.status, UnitStatus::Named | UnitStatus::Warned))
    {
        let Some(named) = naming_date(u) else {
            continue;
        };
        let mut anniversaries = anniversaries(&named, period, today);
        let done = crate::domain::lifecycle::reviewed(u, &anniversaries);
        let due = match (anniversaries.pop(), done.last()) {
            (Some(d), Some(false)) => Some((d, period * anniversaries.len() as u32 + period)),
            _ => None,
        };
        let mut years_now = due.as_ref().map_or(0, |(_, y)| *y);
        while dates::add_months(&named, 12 * (years_now + 1)).is_some_and(|d| d.as_str() <= today) {
            years_now += 1;
        }
        if let Some((due_on, years)) = due {
            out.push(ReviewDue {
                unit_id: u.id.clone(),
                name: u.name.clone(),
                status: u.status,
                named_on: named,
                due_on,
                years,
                years_now,
                last_review: u.reviews.last().cloned(),
            });
        }
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.name.cmp(&b.name)));
    out
}

/// A site the committee may recommend for commendation (可推荐表彰).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commendation {
    pub unit_id: Id,
    pub name: String,
    pub reason: String,
}

/// "优秀 → 可推荐表彰": the 已授牌 sites graded 优秀 in round `round_id` with their
/// scoring complete (if `excellent_commends`), in rank order. Advice only.
pub fn commendations(state: &AppState, round_id: &str) -> Result<Vec<Commendation>, ScoringError> {
    if !state.settings.lifecycle_rules.excellent_commends {
        return Ok(Vec::new());
    }
    let results = compute_round(state, round_id)?;
    let year = state.round(round_id).map(|r| r.year).unwrap_or_default();
    let mut rows: Vec<_> = results
        .units
        .iter()
        .filter(|r| r.graded && r.grade == Some(Grade::Excellent))
        .filter(|r| r.completeness.is_complete() && r.vetoes.is_empty())
        .filter(|r| state.unit(&r.unit_id).map(|u| u.status) == Some(UnitStatus::Named))
        .collect();
    rows.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.unit_id.cmp(&b.unit_id)));
    Ok(rows
        .into_iter()
        .map(|r| Commendation {
            unit_id: r.unit_id.clone(),
            name: r.unit_name.clone(),
            reason: format!("{year}年度考评为优秀（总分{}），可推荐表彰", r.total),
        })
        .collect())
}
