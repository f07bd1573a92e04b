//! Outcomes (成果) and their path: kinds, innovations, promotion stages, steps,
//! incentives and history.

use serde::{Deserialize, Serialize};

use super::*;

// ---------------------------------------------------------------------------
// Outcomes, pairing, rectification, resources, applications, guidance
// ---------------------------------------------------------------------------

/// An outcome (成果) in the outcome library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: Id,
    pub unit_id: Id,
    pub title: String,
    pub date: Date,
    pub kind: OutcomeKind,
    /// The innovation it shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub innovations: Vec<Innovation>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Evidence references (file names, archive numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// 备案: filed with the committee on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed_on: Option<Date>,
    /// 反馈: reported back on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_on: Option<Date>,
    pub promotion: PromotionStage,
    /// Date of reaching the current promotion stage (推介).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promoted_on: Option<Date>,
    /// The committee recognises it as an innovation outcome (counts for 优秀).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recognised: bool,
    /// Incentive awarded, as described.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub incentive: String,
    /// The dated path beyond the fields above: filing number, feedback, recognition,
    /// incentives and the history of every step (see `domain::outcomes`). Absent in
    /// data written before it existed.
    #[serde(default, skip_serializing_if = "OutcomePath::is_empty")]
    pub path: OutcomePath,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// The details of an outcome's path (登记 → 备案 → 反馈 → 认定, 推广 → 推介, incentives)
/// that the older fields of [`Outcome`] do not hold, and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OutcomePath {
    /// 备案编号, given when the committee files it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filing_no: String,
    /// The committee's feedback to the unit (反馈意见).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
    /// When it was recognised as an innovation outcome (认定).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognised_on: Option<Date>,
    /// 文号 of the recognition.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recognition_doc_no: String,
    /// When it reached 本系统推广 (`promoted_on` holds the date of the current stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_on: Option<Date>,
    /// 表彰 and 奖励 awarded for it, in the order recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incentives: Vec<Incentive>,
    /// Every step taken or undone, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<OutcomeEvent>,
}

impl OutcomePath {
    /// Nothing recorded (left out of the stored form).
    pub fn is_empty(&self) -> bool {
        *self == OutcomePath::default()
    }
}

/// 表彰 / 奖励.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncentiveKind {
    Commendation,
    Award,
}

impl IncentiveKind {
    pub const ALL: [IncentiveKind; 2] = [IncentiveKind::Commendation, IncentiveKind::Award];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            IncentiveKind::Commendation => "表彰",
            IncentiveKind::Award => "奖励",
        }
    }
}

/// An incentive awarded for an outcome: what, when, and the decision's 文号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incentive {
    pub kind: IncentiveKind,
    pub what: String,
    pub date: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
}

/// A step on an outcome's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OutcomeStep {
    /// 登记.
    Register,
    /// 备案.
    File,
    /// 反馈.
    Feedback,
    /// 认定 (as an innovation outcome).
    Recognise,
    /// 本系统推广.
    PromoteSystem,
    /// 市直机关推介.
    PromoteMunicipal,
    /// 表彰/奖励.
    Incentive,
}

impl OutcomeStep {
    pub const ALL: [OutcomeStep; 7] = [
        OutcomeStep::Register,
        OutcomeStep::File,
        OutcomeStep::Feedback,
        OutcomeStep::Recognise,
        OutcomeStep::PromoteSystem,
        OutcomeStep::PromoteMunicipal,
        OutcomeStep::Incentive,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeStep::Register => "登记",
            OutcomeStep::File => "备案",
            OutcomeStep::Feedback => "反馈",
            OutcomeStep::Recognise => "认定",
            OutcomeStep::PromoteSystem => "本系统推广",
            OutcomeStep::PromoteMunicipal => "市直机关推介",
            OutcomeStep::Incentive => "表彰/奖励",
        }
    }
}

/// One line of an outcome's history: a step taken, or undone with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeEvent {
    pub step: OutcomeStep,
    /// Set when this line undoes the step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undo: bool,
    /// The date the step (or its undoing) took effect.
    pub date: Date,
    /// Who: `committee` or a unit id.
    pub by: String,
    /// When it was recorded (ISO 8601).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// 备案编号 or 文号.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
    /// The feedback, the incentive, or the reason for undoing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// 实践成果 / 制度成果 / 理论成果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OutcomeKind {
    Practice,
    Institutional,
    Theoretical,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 3] = [
        OutcomeKind::Practice,
        OutcomeKind::Institutional,
        OutcomeKind::Theoretical,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeKind::Practice => "实践成果",
            OutcomeKind::Institutional => "制度成果",
            OutcomeKind::Theoretical => "理论成果",
        }
    }
}

/// 方法创新 / 载体创新 / 制度创新.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Innovation {
    Method,
    Vehicle,
    Institution,
}

impl Innovation {
    pub const ALL: [Innovation; 3] = [
        Innovation::Method,
        Innovation::Vehicle,
        Innovation::Institution,
    ];
    /// The types in `list` as a set: each once, in their fixed order (how a form
    /// writes them and how two lists are compared).
    pub fn set_of(list: &[Innovation]) -> Vec<Innovation> {
        Innovation::ALL
            .into_iter()
            .filter(|i| list.contains(i))
            .collect()
    }
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Innovation::Method => "方法创新",
            Innovation::Vehicle => "载体创新",
            Innovation::Institution => "制度创新",
        }
    }
}

/// 本单位 → 本系统推广 → 市直机关推介.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PromotionStage {
    OwnUnit,
    System,
    Municipal,
}

impl PromotionStage {
    pub const ALL: [PromotionStage; 3] = [
        PromotionStage::OwnUnit,
        PromotionStage::System,
        PromotionStage::Municipal,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            PromotionStage::OwnUnit => "本单位",
            PromotionStage::System => "本系统推广",
            PromotionStage::Municipal => "市直机关推介",
        }
    }
}
