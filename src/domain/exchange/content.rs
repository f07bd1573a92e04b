//! The content of each package kind. Return packages (`unit_return`,
//! `assessor_return`) refuse unknown fields, so a file cannot smuggle a scheme or a
//! roster past the scope check: an unknown field is reported as out of scope.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::PackageKind;
use super::error::ExchangeError;
use crate::domain::model::*;
use crate::domain::points::Points;

/// 工委 → 单位.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToUnit {
    /// The round cut down to this unit: no assessors, only its self-assessment sheet.
    pub round: Round,
    pub scheme: Scheme,
    pub unit: Unit,
    /// Pairing partners in the roster (name and type only), so references resolve.
    #[serde(default)]
    pub partner_units: Vec<Unit>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub pairings: Vec<Pairing>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    #[serde(default)]
    pub resources: Vec<ResourceEntry>,
    pub access_code: String,
    pub issued_at: String,
    /// The committee's public key (hex): results files must be signed by it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub committee_key: String,
}

/// 工委 → 评委.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToAssessor {
    /// The round cut down to the assigned units and this assessor and its sheets.
    pub round: Round,
    pub scheme: Scheme,
    /// The assigned units (name, sector, type; history and contact left out).
    pub units: Vec<Unit>,
    pub assessor_id: Id,
    pub access_code: String,
    pub issued_at: String,
    /// The committee's public key (hex): results files must be signed by it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub committee_key: String,
}

/// 单位 → 工委.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitReturn {
    pub round_id: Id,
    pub unit_id: Id,
    /// When the committee issued the package this return answers.
    pub issued_at: String,
    /// Record key → `rev` as issued (the conflict rule's base).
    #[serde(default)]
    pub base: BTreeMap<String, u32>,
    #[serde(default)]
    pub self_sheet: Option<ScoreSheet>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub pairings: Vec<Pairing>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    #[serde(default)]
    pub resources: Vec<ResourceEntry>,
}

/// 评委 → 工委.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessorReturn {
    pub round_id: Id,
    pub assessor_id: Id,
    pub issued_at: String,
    #[serde(default)]
    pub base: BTreeMap<String, u32>,
    #[serde(default)]
    pub sheets: Vec<ScoreSheet>,
}

/// One line of published results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub unit_id: Id,
    pub unit_name: String,
    pub total: Points,
    /// `None`: 未评定.
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
    /// Why the grade is what it is when the total alone does not say it (the 优秀
    /// condition, a veto, the 优秀 cap): the unit reads the reason with its grade.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grade_note: String,
}

impl ResultRow {
    /// The total as a results table shows it: `—` for a unit not graded and not ranked
    /// (not scored: its total is no score, and a 0 beside 未评定 reads as one).
    pub fn total_text(&self) -> String {
        if self.grade.is_none() && self.rank.is_none() {
            "—".to_string()
        } else {
            self.total.to_string()
        }
    }
}

/// 工委 → 所有人: a round's published results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedResults {
    pub round_id: Id,
    pub round_name: String,
    pub year: u16,
    pub scheme_id: Id,
    pub published_at: String,
    /// In ranking order.
    pub rows: Vec<ResultRow>,
}

/// 完整备份.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub state: AppState,
}

/// The content of a package, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    ToUnit(Box<ToUnit>),
    ToAssessor(Box<ToAssessor>),
    UnitReturn(Box<UnitReturn>),
    AssessorReturn(Box<AssessorReturn>),
    Results(Box<PublishedResults>),
    Backup(Box<Backup>),
}

impl Serialize for Content {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Content::ToUnit(c) => c.serialize(s),
            Content::ToAssessor(c) => c.serialize(s),
            Content::UnitReturn(c) => c.serialize(s),
            Content::AssessorReturn(c) => c.serialize(s),
            Content::Results(c) => c.serialize(s),
            Content::Backup(c) => c.serialize(s),
        }
    }
}

impl Content {
    pub fn kind(&self) -> PackageKind {
        match self {
            Content::ToUnit(_) => PackageKind::ToUnit,
            Content::ToAssessor(_) => PackageKind::ToAssessor,
            Content::UnitReturn(_) => PackageKind::UnitReturn,
            Content::AssessorReturn(_) => PackageKind::AssessorReturn,
            Content::Results(_) => PackageKind::Results,
            Content::Backup(_) => PackageKind::Backup,
        }
    }

    /// Types the content (JSON text) of a file of this kind. Typed straight from the
    /// text rather than from a `serde_json::Value`: quicker, and it keeps a second
    /// deserialiser per model type out of the wasm.
    pub fn from_text(kind: PackageKind, v: &str, sender: &str) -> Result<Content, ExchangeError> {
        let typed_err = |e: serde_json::Error| {
            let msg = e.to_string();
            if kind.needs_signature() && msg.starts_with("unknown field") {
                let field = msg.split('`').nth(1).unwrap_or("").to_string();
                ExchangeError::OutOfScope {
                    sender: sender.to_string(),
                    what: format!("文件含有不允许报送的内容「{field}」"),
                }
            } else {
                ExchangeError::BadContent {
                    kind: kind.label().to_string(),
                    detail: super::error::zh_serde(&msg),
                }
            }
        };
        fn typed<T: serde::de::DeserializeOwned>(
            v: &str,
            err: impl Fn(serde_json::Error) -> ExchangeError,
        ) -> Result<T, ExchangeError> {
            serde_json::from_str(v).map_err(err)
        }
        Ok(match kind {
            PackageKind::ToUnit => Content::ToUnit(typed(v, typed_err)?),
            PackageKind::ToAssessor => Content::ToAssessor(typed(v, typed_err)?),
            PackageKind::UnitReturn => Content::UnitReturn(typed(v, typed_err)?),
            PackageKind::AssessorReturn => Content::AssessorReturn(typed(v, typed_err)?),
            PackageKind::Results => Content::Results(typed(v, typed_err)?),
            PackageKind::Backup => Content::Backup(typed(v, typed_err)?),
        })
    }
}
