//! Scoring schemes (考评方案): dimensions, indicators, items, grade bands, aggregation.

use serde::{Deserialize, Serialize};

use super::*;

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

/// 「名称（第N版）」, for a scheme or a file's reference to one.
pub fn version_label(name: &str, version: u32) -> String {
    format!("{name}（第{version}版）")
}

impl Scheme {
    /// How a version is named to people: 「名称（第N版）」.
    pub fn version_label(&self) -> String {
        version_label(&self.name, self.version)
    }

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
