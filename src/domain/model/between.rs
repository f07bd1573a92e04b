//! The records between rounds: pairings (结对), rectification (整改), resources (保障投入),
//! applications (申报) and the committee's 通报 text per year; guidance visits (督导) are
//! `visits.rs`.

use serde::{Deserialize, Serialize};

use super::*;

/// A pairing (结对结亲) of a site with another organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: Id,
    /// The demonstration site.
    pub site_id: Id,
    /// The partner, when it is a unit in the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_unit_id: Option<Id>,
    /// The partner's name (always filled, also for partners outside the roster).
    pub partner_name: String,
    pub start: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goals: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<PairingActivity>,
    /// How the partner is doing ("创建一个、成功一个、带动一片").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partner_progress: String,
    /// 进行中 / 已结束.
    #[serde(default, skip_serializing_if = "PairingStatus::is_active")]
    pub status: PairingStatus,
    /// When an ended pairing ended (`None` while it runs, and for one ended before the
    /// date was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<Date>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// Whether a pairing is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PairingStatus {
    #[default]
    Active,
    Ended,
}

impl PairingStatus {
    pub const ALL: [PairingStatus; 2] = [PairingStatus::Active, PairingStatus::Ended];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            PairingStatus::Active => "进行中",
            PairingStatus::Ended => "已结束",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            PairingStatus::Active => "active",
            PairingStatus::Ended => "ended",
        }
    }
    fn is_active(&self) -> bool {
        *self == PairingStatus::Active
    }
}

/// A joint activity in a pairing's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairingActivity {
    pub date: Date,
    /// What was done (the content).
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 联学共建 / 结对帮扶 / 现场观摩 / 其他.
    #[serde(default, skip_serializing_if = "ActivityForm::is_other")]
    pub form: ActivityForm,
    /// Who took part.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub participants: String,
    /// What came of it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result: String,
}

/// The form of a pairing activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ActivityForm {
    JointStudy,
    Assistance,
    SiteVisit,
    #[default]
    Other,
}

impl ActivityForm {
    pub const ALL: [ActivityForm; 4] = [
        ActivityForm::JointStudy,
        ActivityForm::Assistance,
        ActivityForm::SiteVisit,
        ActivityForm::Other,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ActivityForm::JointStudy => "联学共建",
            ActivityForm::Assistance => "结对帮扶",
            ActivityForm::SiteVisit => "现场观摩",
            ActivityForm::Other => "其他",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            ActivityForm::JointStudy => "joint_study",
            ActivityForm::Assistance => "assistance",
            ActivityForm::SiteVisit => "site_visit",
            ActivityForm::Other => "other",
        }
    }
    fn is_other(&self) -> bool {
        *self == ActivityForm::Other
    }
}

/// A problem to rectify (问题整改).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rectification {
    pub id: Id,
    pub unit_id: Id,
    pub category: ProblemCategory,
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    pub deadline: Date,
    pub status: RectificationStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<ProgressNote>,
    /// Where the problem was found.
    #[serde(default, skip_serializing_if = "ProblemSource::is_other")]
    pub source: ProblemSource,
    /// The 督导 visit the problem was found on, when `source` is a visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_id: Option<Id>,
    /// 销号 by the committee: when, with what evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<Closure>,
    /// The day it was registered (`YYYY-MM-DD`); empty for items registered before the
    /// day was kept. An item registered in a year is on that year's list.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opened_on: Date,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// Where a rectification item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ProblemSource {
    Evaluation,
    Warning,
    Visit,
    #[default]
    Other,
}

impl ProblemSource {
    pub const ALL: [ProblemSource; 4] = [
        ProblemSource::Evaluation,
        ProblemSource::Warning,
        ProblemSource::Visit,
        ProblemSource::Other,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ProblemSource::Evaluation => "考评发现",
            ProblemSource::Warning => "警示决定",
            ProblemSource::Visit => "督导发现",
            ProblemSource::Other => "其他",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            ProblemSource::Evaluation => "evaluation",
            ProblemSource::Warning => "warning",
            ProblemSource::Visit => "visit",
            ProblemSource::Other => "other",
        }
    }
    fn is_other(&self) -> bool {
        *self == ProblemSource::Other
    }
}

/// 销号: the committee closes an item on `date` on the strength of `evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub date: Date,
    pub evidence: String,
    /// Who closed it (the copy's origin, normally `committee`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// The five problems the speech names, "示而不范", or other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProblemCategory {
    UnevenProgress,
    ExperienceNotDug,
    WeakRadiation,
    WeakGuidance,
    LatePromotion,
    ShowNotModel,
    Other,
}

impl ProblemCategory {
    pub const ALL: [ProblemCategory; 7] = [
        ProblemCategory::UnevenProgress,
        ProblemCategory::ExperienceNotDug,
        ProblemCategory::WeakRadiation,
        ProblemCategory::WeakGuidance,
        ProblemCategory::LatePromotion,
        ProblemCategory::ShowNotModel,
        ProblemCategory::Other,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ProblemCategory::UnevenProgress => "进展不平衡",
            ProblemCategory::ExperienceNotDug => "经验挖掘不够",
            ProblemCategory::WeakRadiation => "辐射带动不强",
            ProblemCategory::WeakGuidance => "指导不够有力",
            ProblemCategory::LatePromotion => "推广滞后",
            ProblemCategory::ShowNotModel => "示而不范",
            ProblemCategory::Other => "其他",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            ProblemCategory::UnevenProgress => "uneven",
            ProblemCategory::ExperienceNotDug => "experience",
            ProblemCategory::WeakRadiation => "radiation",
            ProblemCategory::WeakGuidance => "guidance",
            ProblemCategory::LatePromotion => "promotion",
            ProblemCategory::ShowNotModel => "show",
            ProblemCategory::Other => "other",
        }
    }
}

/// 未开始 / 整改中 / 已完成 / 已销号. 已完成 is the unit's word that the work is done
/// (no longer overdue, waiting for 销号); 已销号 is the committee's closure with its
/// evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RectificationStatus {
    Open,
    InProgress,
    Done,
    Closed,
}

impl RectificationStatus {
    pub const ALL: [RectificationStatus; 4] = [
        RectificationStatus::Open,
        RectificationStatus::InProgress,
        RectificationStatus::Done,
        RectificationStatus::Closed,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            RectificationStatus::Open => "未开始",
            RectificationStatus::InProgress => "整改中",
            RectificationStatus::Done => "已完成",
            RectificationStatus::Closed => "已销号",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            RectificationStatus::Open => "open",
            RectificationStatus::InProgress => "in_progress",
            RectificationStatus::Done => "done",
            RectificationStatus::Closed => "closed",
        }
    }
    /// Whether work is still owed: 未开始 or 整改中.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RectificationStatus::Open | RectificationStatus::InProgress
        )
    }
}

/// A dated progress note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressNote {
    pub date: Date,
    pub note: String,
    /// What wrote it: 进展 (typed by a person), or the record of a change to the item.
    #[serde(default, skip_serializing_if = "NoteKind::is_progress")]
    pub kind: NoteKind,
    /// For a moved 整改期限 (`NoteKind::Deadline`): the deadline it replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<Date>,
}

impl ProgressNote {
    /// A note of 整改进展 as a person typed it.
    pub fn progress(date: impl Into<Date>, note: impl Into<String>) -> ProgressNote {
        ProgressNote {
            date: date.into(),
            note: note.into(),
            kind: NoteKind::Progress,
            moved_from: None,
        }
    }
}

/// What a rectification item's note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum NoteKind {
    /// 整改进展, as reported.
    #[default]
    Progress,
    /// The 整改期限 moved (延期), written by the edit.
    Deadline,
    /// A 销号 withdrawn (撤销销号), with its reason.
    Reopened,
}

impl NoteKind {
    pub fn is_progress(&self) -> bool {
        *self == NoteKind::Progress
    }
}

/// Resources (保障投入) of a unit in a year. Money in 万元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceEntry {
    pub id: Id,
    pub unit_id: Id,
    pub year: u16,
    /// 党建工作经费 (万元; 专项资金 in early notes).
    pub funds: Points,
    /// 活动经费 (万元).
    pub activity_funds: Points,
    /// 专职党务干部 (人).
    pub staff: u32,
    /// 兼职党务干部 (人).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub part_time_staff: u32,
    /// Whether the unit has its own 阵地 (activity premises).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub premises: bool,
    /// The premises' area in m², when it has one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub premises_area: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// An application (申报) to become a candidate, rated on the three selection standards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: Id,
    /// The applying organisation's name (it is not in the roster yet).
    pub org_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    pub org_type: OrgType,
    pub applied_on: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// 基础较好, 0–5.
    #[serde(default)]
    pub foundation: u8,
    /// 后劲充足, 0–5.
    #[serde(default)]
    pub potential: u8,
    /// 创先争优意愿较强, 0–5.
    #[serde(default)]
    pub willingness: u8,
    pub decision: ApplicationDecision,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 创建计划 (what the unit plans to build).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plans: String,
    /// 责任人.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leader: String,
    /// 联系方式.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// The committee's note on the three ratings (评定意见).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rating_note: String,
    /// Date of the decision (入选培育/暂缓/不予入选).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<Date>,
    /// 文号 of the decision.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
    /// The unit created when accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<Id>,
    /// Earlier 暂缓 decisions, oldest first (a later decision does not erase them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deferrals: Vec<Deferral>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// A 暂缓 decision an application had before its present one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferral {
    pub date: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// 待定 / 入选培育 / 不予入选 / 暂缓 (labels in `applications.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationDecision {
    Pending,
    Accepted,
    Rejected,
    Deferred,
}

/// What the committee writes itself in a year's 通报 (the rest is drafted from the
/// year's data by `reports::notice`). Every field may be empty: the draft then uses
/// its default wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NoticeText {
    pub year: u16,
    /// 主送, e.g. "各基层党组织".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipients: String,
    /// 发文字号, e.g. "市直工委〔2026〕12号"; empty: none printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_no: String,
    /// A paragraph added to 一、基本情况.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub situation: String,
    /// A paragraph added to 四、存在的问题.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    /// 五、下一步工作 (one paragraph per line).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_steps: String,
    /// 落款: the issuing body.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer: String,
    /// 成文日期 (`YYYY-MM-DD`); empty: the year's reference date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: Date,
    /// The 通报's lines as they read when this text was saved (without the 草稿 mark):
    /// the page says which read otherwise now, as the data changed since (a notice
    /// issued under its 文号 must not change unremarked). Empty before it was kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved_body: Vec<String>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}
