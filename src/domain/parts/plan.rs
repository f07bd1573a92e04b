//! Deciding what a save writes: which parts changed since the last save or load.
//!
//! The store keeps a [`PartCache`]: the rest and each round as last written (or read),
//! with the part that holds it. A save compares the state with it (a comparison of
//! values, no packing) and packs only what differs; everything else keeps its part, as
//! long as the stored manifest still names that part.

use std::collections::{HashMap, HashSet};

use super::{pack_part, Manifest, Part};
use crate::domain::document::SCHEMA_VERSION;
use crate::domain::model::{AppState, Id, Round};
use crate::domain::revisions::Stamp;

/// The parts last written or read, with the values they hold.
#[derive(Debug, Default, Clone)]
pub struct PartCache {
    rest: Option<(AppState, String)>,
    rounds: HashMap<Id, (Round, String)>,
}

/// What one save writes: the parts that changed, then the manifest.
#[derive(Debug, Clone)]
pub struct SavePlan {
    pub manifest: Manifest,
    /// The parts to write before the manifest (new names only).
    pub writes: Vec<Part>,
    rest_written: bool,
    rounds_written: Vec<usize>,
}

impl SavePlan {
    /// How many of the state's parts (the rest, each round) are written.
    pub fn written(&self) -> usize {
        self.writes.len()
    }
}

/// Everything but the rounds (the *rest* part). Every field is named, so that a new
/// field of [`AppState`] cannot be left out without the compiler saying so.
pub fn rest_of(state: &AppState) -> AppState {
    let AppState {
        units,
        schemes,
        rounds: _,
        outcomes,
        pairings,
        rectifications,
        resources,
        applications,
        guidance_visits,
        notices,
        settings,
        exchange,
        workspace,
    } = state;
    AppState {
        units: units.clone(),
        schemes: schemes.clone(),
        rounds: Vec::new(),
        outcomes: outcomes.clone(),
        pairings: pairings.clone(),
        rectifications: rectifications.clone(),
        resources: resources.clone(),
        applications: applications.clone(),
        guidance_visits: guidance_visits.clone(),
        notices: notices.clone(),
        settings: settings.clone(),
        exchange: exchange.clone(),
        workspace: workspace.clone(),
    }
}

/// Whether `a` and `b` are equal apart from their rounds.
pub fn rest_eq(a: &AppState, b: &AppState) -> bool {
    let AppState {
        units,
        schemes,
        rounds: _,
        outcomes,
        pairings,
        rectifications,
        resources,
        applications,
        guidance_visits,
        notices,
        settings,
        exchange,
        workspace,
    } = a;
    *units == b.units
        && *schemes == b.schemes
        && *outcomes == b.outcomes
        && *pairings == b.pairings
        && *rectifications == b.rectifications
        && *resources == b.resources
        && *applications == b.applications
        && *guidance_visits == b.guidance_visits
        && *notices == b.notices
        && *settings == b.settings
        && *exchange == b.exchange
        && *workspace == b.workspace
}

impl PartCache {
    /// The cache after `state` was read from the parts `m` names.
    pub fn of(state: &AppState, m: &Manifest) -> PartCache {
        if m.rounds.len() != state.rounds.len() {
            return PartCache::default();
        }
        PartCache {
            rest: Some((rest_of(state), m.rest.clone())),
            rounds: state
                .rounds
                .iter()
                .zip(&m.rounds)
                .map(|(r, n)| (r.id.clone(), (r.clone(), n.clone())))
                .collect(),
        }
    }

    /// Records that `plan` (made from `state`) was written.
    pub fn commit(&mut self, state: &AppState, plan: &SavePlan) {
        if plan.rest_written || self.rest.is_none() {
            self.rest = Some((rest_of(state), plan.manifest.rest.clone()));
        }
        for &i in &plan.rounds_written {
            if let (Some(r), Some(n)) = (state.rounds.get(i), plan.manifest.rounds.get(i)) {
                self.rounds.insert(r.id.clone(), (r.clone(), n.clone()));
            }
        }
        let ids: HashSet<&str> = state.rounds.iter().map(|r| r.id.as_str()).collect();
        self.rounds.retain(|id, _| ids.contains(id.as_str()));
    }
}

/// Plans the save of `state` as `stamp` (on top of a revision by `parent_writer`):
/// a part is reused when the cache holds the same value under a part that `stored`
/// (the manifest stored now) names; every other part is packed to be written.
pub fn plan_save(
    state: &AppState,
    cache: &PartCache,
    stored: Option<&Manifest>,
    stamp: &Stamp,
    parent_writer: &str,
    saved_at: &str,
) -> SavePlan {
    let there: HashSet<&str> = stored.map(|m| m.parts().collect()).unwrap_or_default();
    let reuse = |name: &String| there.contains(name.as_str()).then(|| name.clone());
    let mut writes = Vec::new();
    let write = |json: String, writes: &mut Vec<Part>| {
        let p = pack_part(&json);
        let name = p.name.clone();
        if !writes.iter().any(|w: &Part| w.name == name) {
            writes.push(p);
        }
        name
    };
    let kept_rest = cache
        .rest
        .as_ref()
        .filter(|(r, _)| rest_eq(state, r))
        .and_then(|(_, n)| reuse(n));
    let rest_written = kept_rest.is_none();
    let rest = match kept_rest {
        Some(n) => n,
        None => write(
            serde_json::to_string(&rest_of(state)).unwrap_or_default(),
            &mut writes,
        ),
    };
    let mut rounds = Vec::with_capacity(state.rounds.len());
    let mut rounds_written = Vec::new();
    for (i, r) in state.rounds.iter().enumerate() {
        let kept = cache
            .rounds
            .get(&r.id)
            .filter(|(c, _)| c == r)
            .and_then(|(_, n)| reuse(n));
        rounds.push(match kept {
            Some(n) => n,
            None => {
                rounds_written.push(i);
                write(serde_json::to_string(r).unwrap_or_default(), &mut writes)
            }
        });
    }
    SavePlan {
        manifest: Manifest {
            schema: SCHEMA_VERSION,
            stamp: stamp.clone(),
            parent_writer: parent_writer.to_string(),
            saved_at: saved_at.to_string(),
            rest,
            rounds,
        },
        writes,
        rest_written,
        rounds_written,
    }
}
