//! Units (基层党组织) and their lifecycle: status, status history, the rules that propose
//! changes.

use serde::{Deserialize, Serialize};

use super::*;

// ---------------------------------------------------------------------------
// Units and their lifecycle
// ---------------------------------------------------------------------------

/// A grassroots party organisation (基层党组织) in the programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: Id,
    pub name: String,
    /// 系统/行业.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    pub org_type: OrgType,
    /// 责任人.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leader: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// The year the unit entered the programme.
    pub entered_year: u16,
    pub status: UnitStatus,
    /// 牌匾编号, once named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plaque_no: Option<String>,
    /// Date of naming (授牌).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_on: Option<Date>,
    /// Rectification deadline while warned (警示).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectify_by: Option<Date>,
    /// Every status change, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// Its periodic 复查, oldest first (`lifecycle::record_review`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Its 整改期限 extended by decision (延期), oldest first
    /// (`lifecycle::extend_deadline`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<DeadlineExtension>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// One 整改期限延期 of a warned unit: decided on `date` (with its 文号), moving the
/// deadline from `from` to `to`, for `reason`. No status change, so not in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineExtension {
    pub date: Date,
    pub from: Date,
    pub to: Date,
    /// 文号 of the decision.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
    /// 延期理由.
    pub reason: String,
}

/// One 复查 of a site: when, with what conclusion and why. A failed one changes no
/// status by itself; the committee decides a 警示 or 摘牌 as any other change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub date: Date,
    pub conclusion: ReviewConclusion,
    /// 情况说明.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A 复查's conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewConclusion {
    /// 复查合格.
    Passed,
    /// 复查不合格.
    Failed,
}

impl ReviewConclusion {
    pub const ALL: [ReviewConclusion; 2] = [ReviewConclusion::Passed, ReviewConclusion::Failed];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ReviewConclusion::Passed => "合格",
            ReviewConclusion::Failed => "不合格",
        }
    }
    /// The code in forms.
    pub fn code(self) -> &'static str {
        match self {
            ReviewConclusion::Passed => "passed",
            ReviewConclusion::Failed => "failed",
        }
    }
}

impl Unit {
    /// The date of its latest 警示 (the latest history entry to 警示), if any.
    pub fn warned_on(&self) -> Option<&str> {
        self.history
            .iter()
            .filter(|h| h.to == UnitStatus::Warned)
            .map(|h| h.date.as_str())
            .max()
    }

    /// The extensions of its current warning's 整改期限 (none unless 警示 now), oldest
    /// first: those decided on or after its latest 警示.
    pub fn current_extensions(&self) -> Vec<&DeadlineExtension> {
        if self.status != UnitStatus::Warned {
            return Vec::new();
        }
        let since = self.warned_on().unwrap_or_default();
        self.extensions
            .iter()
            .filter(|e| e.date.as_str() >= since)
            .collect()
    }

    /// Whether it is 警示 now or was at some time (its history says so).
    pub fn ever_warned(&self) -> bool {
        self.status == UnitStatus::Warned || self.history.iter().any(|h| h.to == UnitStatus::Warned)
    }

    /// Its 授牌日期 as a roster shows it for a day it was `status`: only while it holds
    /// the plaque (已授牌 or 警示 then) and named by `reference` (`None`: now). A unit
    /// 摘牌, 退出 or back as 创建中 has handed the plaque back (its page names it).
    pub fn plaque_held_on(&self, status: UnitStatus, reference: Option<&str>) -> Option<&str> {
        self.named_on
            .as_deref()
            .filter(|d| reference.is_none_or(|r| *d <= r))
            .filter(|_| matches!(status, UnitStatus::Named | UnitStatus::Warned))
    }

    /// The 退出 or 摘牌 the unit stood under on `date`, when it had left the programme by
    /// then (its latest such change on or before that day); `None` while it was in.
    /// Outcomes, 督导 and reports dated after it are refused.
    pub fn departure_by(&self, date: &str) -> Option<&StatusChange> {
        let gone = |s: UnitStatus| matches!(s, UnitStatus::Withdrawn | UnitStatus::Delisted);
        if !self.status_on(date).is_some_and(gone) {
            return None;
        }
        self.history
            .iter()
            .filter(|h| h.date.as_str() <= date && gone(h.to))
            .max_by(|a, b| a.date.cmp(&b.date))
    }

    /// Where the unit stood on `date` (`YYYY-MM-DD`), read from its history: the latest
    /// change on or before it, else what the earliest change started from. `None`
    /// before the year it entered the programme.
    pub fn status_on(&self, date: &str) -> Option<UnitStatus> {
        let year = crate::domain::dates::year_of(date)?;
        if year < i32::from(self.entered_year) {
            return None;
        }
        // By the changes' dates, not their order: a change entered late, back-dated,
        // still falls where it belongs (of two on one day, the later entered).
        let last_by = self
            .history
            .iter()
            .enumerate()
            .filter(|(_, c)| c.date.as_str() <= date)
            .max_by(|(i, a), (j, b)| a.date.cmp(&b.date).then(i.cmp(j)));
        Some(match last_by {
            Some((_, c)) => c.to,
            None => self
                .history
                .iter()
                .enumerate()
                .min_by(|(i, a), (j, b)| a.date.cmp(&b.date).then(i.cmp(j)))
                .map_or(self.status, |(_, c)| c.from),
        })
    }
}

/// 党委 / 党总支 / 党支部.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrgType {
    PartyCommittee,
    GeneralBranch,
    Branch,
}

impl OrgType {
    pub const ALL: [OrgType; 3] = [
        OrgType::PartyCommittee,
        OrgType::GeneralBranch,
        OrgType::Branch,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OrgType::PartyCommittee => "党委",
            OrgType::GeneralBranch => "党总支",
            OrgType::Branch => "党支部",
        }
    }
}

/// Where a unit stands in the programme (动态管理).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum UnitStatus {
    /// 培育/创建中.
    Candidate,
    /// 已授牌.
    Named,
    /// 警示.
    Warned,
    /// 摘牌.
    Delisted,
    /// 退出.
    Withdrawn,
}

impl UnitStatus {
    pub const ALL: [UnitStatus; 5] = [
        UnitStatus::Candidate,
        UnitStatus::Named,
        UnitStatus::Warned,
        UnitStatus::Delisted,
        UnitStatus::Withdrawn,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            UnitStatus::Candidate => "创建中",
            UnitStatus::Named => "已授牌",
            UnitStatus::Warned => "警示",
            UnitStatus::Delisted => "摘牌",
            UnitStatus::Withdrawn => "退出",
        }
    }
}

/// One change of a unit's status, as it appears in the printed history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub date: Date,
    pub from: UnitStatus,
    pub to: UnitStatus,
    pub reason: String,
    /// 文号 of the decision.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
}

/// The configurable rules that propose lifecycle changes after a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleRules {
    /// One 不合格 → 警示.
    pub fail_warns: bool,
    /// Months given to rectify after a warning.
    pub rectify_months: u8,
    /// 不合格 while warned (or a veto) → 摘牌.
    pub fail_while_warned_delists: bool,
    /// A veto item → 摘牌 at once.
    pub veto_delists: bool,
    /// Two 合格 in a row → 警示.
    pub two_passes_warn: bool,
    /// A candidate graded 良好 or better → eligible for 授牌.
    pub candidate_good_names: bool,
    /// The lowest grade that makes a candidate eligible for 授牌 (良好 by default).
    #[serde(
        default = "default_naming_grade",
        skip_serializing_if = "is_default_naming_grade"
    )]
    pub naming_grade: Grade,
    /// A site graded 优秀 → 可推荐表彰 (see `lifecycle_settings.rs`).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub excellent_commends: bool,
    /// Years between a site's 授牌 and its 复查 (3 by default).
    #[serde(
        default = "default_review_years",
        skip_serializing_if = "is_default_review_years"
    )]
    pub review_years: u8,
}

fn default_naming_grade() -> Grade {
    Grade::Good
}

fn yes() -> bool {
    true
}

fn default_review_years() -> u8 {
    3
}

fn is_default_naming_grade(g: &Grade) -> bool {
    *g == default_naming_grade()
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn is_default_review_years(n: &u8) -> bool {
    *n == default_review_years()
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            fail_warns: true,
            rectify_months: 6,
            fail_while_warned_delists: true,
            veto_delists: true,
            two_passes_warn: true,
            candidate_good_names: true,
            naming_grade: default_naming_grade(),
            excellent_commends: true,
            review_years: default_review_years(),
        }
    }
}
