//! Evaluation rounds (考评轮次): assessors, score sheets, adjustments, types, publication.

use serde::{Deserialize, Serialize};

use super::*;

// ---------------------------------------------------------------------------
// Evaluation rounds
// ---------------------------------------------------------------------------

/// An evaluation round (考评轮次), e.g. 2026年度考评.
///
/// Stored compactly: the sheets serialise as one string per source, one character
/// per score (see `compact::RoundStored`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    into = "crate::domain::compact::RoundStored",
    try_from = "crate::domain::compact::RoundStored"
)]
pub struct Round {
    pub id: Id,
    pub name: String,
    pub year: u16,
    /// The scheme version scored against.
    pub scheme_id: Id,
    /// The units evaluated, in a fixed order.
    pub unit_ids: Vec<Id>,
    pub assessors: Vec<Assessor>,
    /// One sheet per (unit, source) that has been started.
    #[serde(default, skip_serializing_if = "Sheets::is_empty")]
    pub sheets: Sheets,
    /// Bonus, deduction and veto items recorded against units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// The committee's overrides of the suggested type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_overrides: Vec<TypeOverride>,
    /// Lifecycle proposals already decided (confirmed or dismissed), by unit id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided_proposals: Vec<Id>,
    /// The proposals set aside (不采纳), with the status each was made from; their units
    /// are in `decided_proposals` too (so a build from before this field still makes
    /// them no more). See [`Round::proposal_decided`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed_proposals: Vec<DismissedProposal>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published: bool,
    /// When the results were published and what was published (see
    /// `domain::publishing`); absent in data from before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// A lifecycle proposal set aside (不采纳): its unit and the status it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DismissedProposal {
    pub unit_id: Id,
    pub from: UnitStatus,
}

/// The record of a round's publication (发布结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// When it was published (ISO 8601).
    pub at: String,
    /// SHA-256 of the published ranking rows, to notice a later change of scores.
    pub digest: String,
    /// Each unit's published figures (total, grade, rank), digested
    /// (`exchange::unit_figures_digest`): a unit's own page and report card say
    /// 与已发布的结果不同 only when its own figures changed (a clerk's review: every
    /// unit's page said so after one unit's grade moved). Empty in a publication
    /// recorded before it; any change then counts for every unit.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub units: std::collections::BTreeMap<Id, String>,
}

impl Round {
    /// Whether this round's proposal for unit `unit_id`, now of status `status`, was
    /// decided: confirmed, or set aside while the unit had that status. A proposal set
    /// aside does not stand for one from another status, the unit's status changed by
    /// hand since (a clerk's review: 不采纳 on 已授牌 → 警示, then a 警示 recorded by
    /// hand, and the unit's 警示 → 摘牌 was never proposed).
    pub fn proposal_decided(&self, unit_id: &str, status: UnitStatus) -> bool {
        let mut set_aside = self
            .dismissed_proposals
            .iter()
            .filter(|d| d.unit_id == unit_id)
            .peekable();
        if set_aside.peek().is_some() {
            return set_aside.any(|d| d.from == status);
        }
        self.decided_proposals.iter().any(|u| u == unit_id)
    }

    /// The sheet of this unit from this source, if started.
    pub fn sheet(&self, unit_id: &str, source: &SheetSource) -> Option<&ScoreSheet> {
        self.sheets
            .iter()
            .find(|s| s.unit_id == unit_id && &s.source == source)
    }

    /// Whether anything was scored in this round: a score, or a bonus, deduction or
    /// veto recorded (then its scheme version must not change).
    pub fn has_scores(&self) -> bool {
        !self.adjustments.is_empty()
            || self
                .sheets
                .iter()
                .any(|s| s.points.iter().any(|p| p.is_some()))
    }
}

/// An assessor (评委) of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessor {
    pub id: Id,
    pub name: String,
    /// Organisation or post, as printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub org: String,
    /// Units assigned to this assessor; empty means all units of the round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_ids: Vec<Id>,
}

/// Who filled in a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SheetSource {
    /// An assessor, by id.
    Assessor(Id),
    /// The unit's own self-assessment (自评).
    SelfAssessment,
}

/// The points one source gave one unit, in the scheme version's indicator order.
/// A blank (`None`) is not a zero: it is left out of the aggregate and counted as missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheet {
    pub unit_id: Id,
    pub source: SheetSource,
    pub points: Vec<Option<Points>>,
    /// Evidence notes by indicator id (mostly for the self-assessment).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<Id, String>,
    /// Set when the source says the sheet is complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub submitted: bool,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// Which kind of adjustment item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdjustmentKind {
    Bonus,
    Deduction,
    Veto,
}

/// A bonus, deduction or veto item recorded against a unit in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    pub id: Id,
    pub unit_id: Id,
    pub kind: AdjustmentKind,
    /// The scheme's item id.
    pub item_id: Id,
    /// Occurrences (bonus and deduction multiply by it).
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn one() -> u32 {
    1
}

/// The three types the speech sorts sites into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteType {
    /// 一类: builds itself well and drives others (真正示范).
    TrueExemplar,
    /// 二类: lives off past results, surface work (吃老本).
    LivingOnPast,
    /// 三类: works behind closed doors (闭门造车).
    ClosedDoor,
}

impl SiteType {
    pub const ALL: [SiteType; 3] = [
        SiteType::TrueExemplar,
        SiteType::LivingOnPast,
        SiteType::ClosedDoor,
    ];
    /// The committee's own name for the type, with the speech's words (真正示范, 吃老本,
    /// 闭门造车): for the committee's screens only, never for printed or published matter.
    pub fn label(self) -> &'static str {
        match self {
            SiteType::TrueExemplar => "一类（真正示范）",
            SiteType::LivingOnPast => "二类（吃老本）",
            SiteType::ClosedDoor => "三类（闭门造车）",
        }
    }

    /// The name for printed and published matter a unit may see: the class and a
    /// neutral description of what it asks of the site.
    pub fn public_label(self) -> &'static str {
        match self {
            SiteType::TrueExemplar => "一类（自身建设好、示范带动强）",
            SiteType::LivingOnPast => "二类（需在持续创新、巩固提升上下功夫）",
            SiteType::ClosedDoor => "三类（需加强联系实际、发挥带动作用）",
        }
    }
}

/// The committee's override of a suggested type, with its note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeOverride {
    pub unit_id: Id,
    pub site_type: SiteType,
    pub note: String,
}
