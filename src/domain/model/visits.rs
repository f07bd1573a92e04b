//! Guidance visits (指导/督导) by the committee to the sites: who went, in what form,
//! what was looked at and found.

use serde::{Deserialize, Serialize};

use super::*;

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
