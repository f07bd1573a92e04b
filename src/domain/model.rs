//! The data model of the programme: units and their lifecycle, scoring schemes,
//! evaluation rounds with score sheets, outcomes, pairings, rectification, resources,
//! applications and guidance visits. Plain serde types; behaviour lives in the sibling
//! modules (`points`, `scoring`, `lifecycle`, `validation`, …).
//!
//! Every record has a stable `id` and a [`RecordMeta`] that merging files relies on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::points::Points;

/// A stable record id, e.g. `u7` or `c.o12` (see [`AppState::new_id`]).
pub type Id = String;

/// A calendar date as `YYYY-MM-DD` (validated by `validation::check_date`).
pub type Date = String;

/// Revision metadata carried by every record, used to detect conflicts when merging
/// files: `rev` grows by one at each change; `updated` is an ISO timestamp; `by`
/// names who made the change (`committee`, a unit id or an assessor id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecordMeta {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rev: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl RecordMeta {
    /// Never changed (rev 0, no timestamp, no author): left out of the stored form.
    pub fn is_default(&self) -> bool {
        self.rev == 0 && self.updated.is_empty() && self.by.is_empty()
    }

    /// Marks a change made at `now` by `by`.
    pub fn touch(&mut self, now: &str, by: &str) {
        self.rev += 1;
        self.updated = now.to_string();
        self.by = by.to_string();
    }
}

/// The whole state of the app: what is stored, exported as a backup and restored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AppState {
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub schemes: Vec<Scheme>,
    #[serde(default)]
    pub rounds: Vec<Round>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub pairings: Vec<Pairing>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    #[serde(default)]
    pub resources: Vec<ResourceEntry>,
    #[serde(default)]
    pub applications: Vec<Application>,
    #[serde(default)]
    pub guidance_visits: Vec<GuidanceVisit>,
    /// The committee's own paragraphs of each year's 通报 (what the data cannot say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeText>,
    #[serde(default)]
    pub settings: Settings,
    /// The access codes this copy issued for exchange files (committee side).
    #[serde(
        default,
        skip_serializing_if = "super::exchange::ExchangeBook::is_empty"
    )]
    pub exchange: super::exchange::ExchangeBook,
    /// Set when this copy was opened from a committee → unit or committee → assessor
    /// file: whose tasks it shows and the code its return file is signed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<super::exchange::Workspace>,
}

/// Settings of this copy of the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Who this copy belongs to: `committee`, or a unit or assessor id in a focused mode.
    #[serde(default = "default_origin")]
    pub origin: String,
    /// The counter behind [`AppState::new_id`].
    #[serde(default)]
    pub next_id: u64,
    /// The rules that propose lifecycle changes.
    #[serde(default)]
    pub lifecycle_rules: LifecycleRules,
    /// A pairing with no activity for this many months is idle (结对不活跃).
    #[serde(
        default = "default_idle_months",
        skip_serializing_if = "is_default_idle_months"
    )]
    pub idle_pairing_months: u32,
    /// A site with no guidance visit for this many months is listed on 概览.
    #[serde(
        default = "default_visit_gap_months",
        skip_serializing_if = "is_default_visit_gap_months"
    )]
    pub visit_gap_months: u32,
}

fn default_idle_months() -> u32 {
    6
}

fn default_visit_gap_months() -> u32 {
    12
}

fn is_default_idle_months(n: &u32) -> bool {
    *n == default_idle_months()
}

fn is_default_visit_gap_months(n: &u32) -> bool {
    *n == default_visit_gap_months()
}

fn default_origin() -> String {
    "committee".to_string()
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            origin: default_origin(),
            next_id: 0,
            lifecycle_rules: LifecycleRules::default(),
            idle_pairing_months: default_idle_months(),
            visit_gap_months: default_visit_gap_months(),
        }
    }
}

impl AppState {
    /// A new id with the given prefix (`u` unit, `s` scheme, `r` round, `o` outcome, …),
    /// unique within this copy; copies other than the committee's add their origin, so
    /// records made in different browsers never collide.
    pub fn new_id(&mut self, prefix: &str) -> Id {
        self.settings.next_id += 1;
        if self.settings.origin == "committee" {
            format!("{prefix}{}", self.settings.next_id)
        } else {
            format!("{}.{prefix}{}", self.settings.origin, self.settings.next_id)
        }
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The scheme version with this id.
    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// The round with this id.
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }
}

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
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
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

// ---------------------------------------------------------------------------
// Scoring schemes
// ---------------------------------------------------------------------------

/// One version of a scoring scheme (考评方案). A scheme with scores against it is never
/// changed in place: editing it makes a new version (`family` stays, `version` grows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    pub id: Id,
    /// Shared by every version of the same scheme.
    pub family: Id,
    pub version: u32,
    pub name: String,
    pub year: u16,
    pub dimensions: Vec<Dimension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus_items: Vec<AdjustmentItem>,
    /// The most bonus a unit can get in all.
    pub bonus_cap: Points,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deduction_items: Vec<AdjustmentItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub veto_items: Vec<VetoItem>,
    pub grade_bands: GradeBands,
    /// Optional cap on the share of 优秀, in percent of the units graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excellent_cap_pct: Option<u8>,
    /// 优秀 needs at least one recognised innovation outcome in the round's year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excellent_needs_innovation: bool,
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

impl Scheme {
    /// Every indicator in scheme order (the order score sheets are stored in).
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.dimensions.iter().flat_map(|d| d.indicators.iter())
    }

    /// Number of indicators (the length of every score sheet).
    pub fn indicator_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.indicators.len()).sum()
    }

    /// Sum of the indicators' full points.
    pub fn full_points(&self) -> Points {
        self.indicators().map(|i| i.max).sum()
    }
}

/// A first-level dimension (一级指标).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: Id,
    pub name: String,
    /// Whether it measures own construction, demonstration, or both (for the three types).
    pub role: DimensionRole,
    pub indicators: Vec<Indicator>,
}

impl Dimension {
    /// Sum of its indicators' full points.
    pub fn full_points(&self) -> Points {
        self.indicators.iter().map(|i| i.max).sum()
    }
}

/// What a dimension speaks to when the three types are suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DimensionRole {
    /// 自身建设.
    OwnConstruction,
    /// 示范带动.
    Demonstration,
    /// Counts for both.
    Both,
}

impl DimensionRole {
    pub const ALL: [DimensionRole; 3] = [
        DimensionRole::OwnConstruction,
        DimensionRole::Demonstration,
        DimensionRole::Both,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            DimensionRole::OwnConstruction => "自身建设",
            DimensionRole::Demonstration => "示范带动",
            DimensionRole::Both => "兼顾两者",
        }
    }
}

/// A second-level indicator (二级指标) with its full points and scoring guidance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: Id,
    pub name: String,
    /// Full points; a score lies in `0..=max`.
    pub max: Points,
    /// A score must be a multiple of this (e.g. 0.5).
    pub step: Points,
    /// 评分细则.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
}

/// A bonus or deduction item: points per occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdjustmentItem {
    pub id: Id,
    pub name: String,
    /// Points per occurrence (positive; a deduction subtracts them).
    pub points: Points,
}

/// A veto item (一票否决): grade 不合格 whatever the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VetoItem {
    pub id: Id,
    pub name: String,
}

/// Minimum totals for each grade; below `pass` is 不合格.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBands {
    pub excellent: Points,
    pub good: Points,
    pub pass: Points,
}

/// 等次.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    Excellent,
    Good,
    Pass,
    Fail,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }
    /// The next lower grade (不合格 stays).
    pub fn lower(self) -> Grade {
        match self {
            Grade::Excellent => Grade::Good,
            Grade::Good => Grade::Pass,
            Grade::Pass | Grade::Fail => Grade::Fail,
        }
    }
}

/// How the assessors' points are combined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregation {
    /// With at least this many assessors' points on an indicator, drop one highest and
    /// one lowest; 0 means never trim.
    pub trim_min_assessors: u8,
    /// Weight of the self-assessment in percent (0 = shown for reference only).
    pub self_weight_pct: u8,
    /// The fewest assessors a unit of a round should have; a unit with fewer stands
    /// out on the round page (0 = no minimum). Absent in older data: 3.
    #[serde(
        default = "default_min_assessors",
        skip_serializing_if = "is_default_min_assessors"
    )]
    pub min_assessors: u8,
    /// Show, on the round page, a "what if" column of totals from z-score-normalised
    /// assessors' points beside the official totals (never replacing them; see
    /// `domain::consistency` and `docs/scoring.md`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub what_if_normalised: bool,
}

fn default_min_assessors() -> u8 {
    3
}

fn is_default_min_assessors(n: &u8) -> bool {
    *n == default_min_assessors()
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation {
            trim_min_assessors: 5,
            self_weight_pct: 0,
            min_assessors: default_min_assessors(),
            what_if_normalised: false,
        }
    }
}

// ---------------------------------------------------------------------------
// Evaluation rounds
// ---------------------------------------------------------------------------

/// An evaluation round (考评轮次), e.g. 2026年度考评.
///
/// Stored compactly: the sheets serialise as one string per source, one character
/// per score (see `compact::RoundStored`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    into = "super::compact::RoundStored",
    try_from = "super::compact::RoundStored"
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<ScoreSheet>,
    /// Bonus, deduction and veto items recorded against units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// The committee's overrides of the suggested type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_overrides: Vec<TypeOverride>,
    /// Lifecycle proposals already decided (confirmed or dismissed), by unit id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided_proposals: Vec<Id>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published: bool,
    /// When the results were published and what was published (see
    /// `domain::publishing`); absent in data from before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// The record of a round's publication (发布结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// When it was published (ISO 8601).
    pub at: String,
    /// SHA-256 of the published ranking rows, to notice a later change of scores.
    pub digest: String,
}

impl Round {
    /// The sheet of this unit from this source, if started.
    pub fn sheet(&self, unit_id: &str, source: &SheetSource) -> Option<&ScoreSheet> {
        self.sheets
            .iter()
            .find(|s| s.unit_id == unit_id && &s.source == source)
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// Resources (保障投入) of a unit in a year. Money in 万元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceEntry {
    pub id: Id,
    pub unit_id: Id,
    pub year: u16,
    /// 专项资金 (万元).
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
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

/// 待定 / 入选培育 / 不予入选 / 暂缓 (labels in `applications.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationDecision {
    Pending,
    Accepted,
    Rejected,
    Deferred,
}

/// A guidance visit (指导/督导) by the committee to a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuidanceVisit {
    pub id: Id,
    /// The (first) unit visited.
    pub unit_id: Id,
    /// Further units visited on the same trip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_units: Vec<Id>,
    pub date: Date,
    /// Who visited.
    pub by: String,
    /// 督导 / 指导 / 调研 / 观摩.
    #[serde(default, skip_serializing_if = "VisitForm::is_inspection")]
    pub form: VisitForm,
    /// What was looked at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub looked_at: Vec<VisitCheck>,
    /// Anything else looked at.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other_check: String,
    /// What the visit found (a problem here can become a 整改 item).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub findings: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub advice: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub follow_up: String,
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}

impl GuidanceVisit {
    /// Every unit visited: `unit_id` then `more_units`.
    pub fn units(&self) -> impl Iterator<Item = &Id> {
        std::iter::once(&self.unit_id).chain(self.more_units.iter())
    }
}

/// 看阵地 / 查台账 / 听汇报.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitCheck {
    Premises,
    Records,
    Briefing,
}

impl VisitCheck {
    pub const ALL: [VisitCheck; 3] = [
        VisitCheck::Premises,
        VisitCheck::Records,
        VisitCheck::Briefing,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            VisitCheck::Premises => "看阵地",
            VisitCheck::Records => "查台账",
            VisitCheck::Briefing => "听汇报",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            VisitCheck::Premises => "premises",
            VisitCheck::Records => "records",
            VisitCheck::Briefing => "briefing",
        }
    }
}

/// The form of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum VisitForm {
    #[default]
    Inspection,
    Guidance,
    Research,
    Observation,
}

impl VisitForm {
    pub const ALL: [VisitForm; 4] = [
        VisitForm::Inspection,
        VisitForm::Guidance,
        VisitForm::Research,
        VisitForm::Observation,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            VisitForm::Inspection => "督导",
            VisitForm::Guidance => "指导",
            VisitForm::Research => "调研",
            VisitForm::Observation => "观摩",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            VisitForm::Inspection => "inspection",
            VisitForm::Guidance => "guidance",
            VisitForm::Research => "research",
            VisitForm::Observation => "observation",
        }
    }
    fn is_inspection(&self) -> bool {
        *self == VisitForm::Inspection
    }
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
    #[serde(default, skip_serializing_if = "RecordMeta::is_default")]
    pub meta: RecordMeta,
}
