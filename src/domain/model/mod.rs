//! The data model of the programme: units and their lifecycle, scoring schemes,
//! evaluation rounds with score sheets, outcomes, pairings, rectification, resources,
//! applications and guidance visits. Plain serde types; behaviour lives in the sibling
//! modules (`points`, `scoring`, `lifecycle`, `validation`, …).
//!
//! Every record has a stable `id` and a [`RecordMeta`] that merging files relies on. The
//! types are kept by concern: `units.rs`, `schemes.rs`, `rounds.rs`, `outcome.rs`,
//! `between.rs`, `visits.rs`; this file holds the state, the settings and the metadata.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::points::Points;

mod between;
mod outcome;
mod rounds;
mod schemes;
mod shared;
mod sheets;
mod units;
mod visits;

pub use between::*;
pub use outcome::*;
pub use rounds::*;
pub use schemes::*;
pub use shared::Shared;
pub use sheets::Sheets;
pub use units::*;
pub use visits::*;

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
    pub units: Shared<Vec<Unit>>,
    #[serde(default)]
    pub schemes: Shared<Vec<Scheme>>,
    #[serde(default)]
    pub rounds: Vec<Shared<Round>>,
    #[serde(default)]
    pub outcomes: Shared<Vec<Outcome>>,
    #[serde(default)]
    pub pairings: Shared<Vec<Pairing>>,
    #[serde(default)]
    pub rectifications: Shared<Vec<Rectification>>,
    #[serde(default)]
    pub resources: Shared<Vec<ResourceEntry>>,
    #[serde(default)]
    pub applications: Shared<Vec<Application>>,
    #[serde(default)]
    pub guidance_visits: Shared<Vec<GuidanceVisit>>,
    /// The committee's own paragraphs of each year's 通报 (what the data cannot say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Shared<Vec<NoticeText>>,
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
        self.rounds.iter().find(|r| r.id == id).map(|r| &**r)
    }
}
