//! Deciding what a save writes: which parts changed since the last save or load.
//!
//! The store keeps a [`PartCache`]: the rest and each round as last written (or read),
//! with the part that holds it. A save compares the state with it and packs only what
//! differs; everything else keeps its part, as long as the stored manifest still names
//! that part. The lists of the state and the sheets of a round are shared between
//! copies of the state ([`crate::domain::model::Shared`], [`Sheets`]), so the
//! comparison is mostly of pointers. A round whose only changes are some of its
//! sheets keeps its part and sends those sheets in the manifest ([`SheetDelta`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{pack_part, Manifest, Part, SheetDelta, MAX_SHEETS};
use crate::domain::document::SCHEMA_VERSION;
use crate::domain::model::{AppState, Id, Round, Shared, Sheets};
use crate::domain::revisions::Stamp;

/// A round as its part holds it, and which of its sheets the stored manifest carries.
#[derive(Debug, Clone)]
struct CachedRound {
    /// The round as last written or read (with the manifest's sheets put in): the
    /// state's own value, so that a round not changed since is the same value.
    base: Shared<Round>,
    part: String,
    /// Sheets (by position) the stored manifest carries: they differ from the part.
    carried: BTreeSet<usize>,
}

/// The parts last written or read, with the values they hold.
#[derive(Debug, Default, Clone)]
pub struct PartCache {
    rest: Option<(AppState, String)>,
    rounds: HashMap<Id, CachedRound>,
}

/// What one save writes: the parts that changed, then the manifest.
#[derive(Debug, Clone)]
pub struct SavePlan {
    pub manifest: Manifest,
    /// The parts to write before the manifest (new names only).
    pub writes: Vec<Part>,
    rest_written: bool,
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
    /// The cache after `state` was read from the parts `m` names (and the sheets it
    /// carries put in).
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
                .enumerate()
                .map(|(i, (r, n))| {
                    let cached = CachedRound {
                        base: r.clone(),
                        part: n.clone(),
                        carried: m.carried_in(i),
                    };
                    (r.id.clone(), cached)
                })
                .collect(),
        }
    }

    /// The state `m` names, from cached parts only: `None` unless every part `m` names
    /// is cached and each cached round carries no sheet that `m` does not carry (its
    /// cached value then differs from its part only in sheets `m` puts in again). The
    /// manifest's sheets are still to be put in.
    pub fn state_for(&self, m: &Manifest) -> Option<AppState> {
        let (rest, name) = self.rest.as_ref()?;
        if *name != m.rest {
            return None;
        }
        let mut state = rest.clone();
        for (i, part) in m.rounds.iter().enumerate() {
            let carried = m.carried_in(i);
            let c = self
                .rounds
                .values()
                .find(|c| c.part == *part && c.carried.is_subset(&carried))?;
            state.rounds.push(c.base.clone());
        }
        Some(state)
    }

    /// Records that `plan` (made from `state`) was written: each round as the state
    /// holds it, under its part and with the sheets the manifest carries for it.
    pub fn commit(&mut self, state: &AppState, plan: &SavePlan) {
        if plan.rest_written || self.rest.is_none() {
            self.rest = Some((rest_of(state), plan.manifest.rest.clone()));
        }
        for (i, (r, n)) in state.rounds.iter().zip(&plan.manifest.rounds).enumerate() {
            let cached = CachedRound {
                base: r.clone(),
                part: n.clone(),
                carried: plan.manifest.carried_in(i),
            };
            self.rounds.insert(r.id.clone(), cached);
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
    let mut sheets: Vec<SheetDelta> = Vec::new();
    // What each round keeps: its part, and the sheets the manifest carries on top.
    let kept: Vec<Option<(String, Vec<usize>)>> = state
        .rounds
        .iter()
        .map(|r| {
            let c = cache.rounds.get(&r.id)?;
            let part = reuse(&c.part)?;
            // The same value as when last saved: only the sheets carried then differ.
            let changed = if c.base.same(r) {
                c.carried.iter().copied().collect()
            } else {
                changed_sheets(&c.base, &c.carried, r)?
            };
            Some((part, changed))
        })
        .collect();
    let carried: usize = kept.iter().flatten().map(|(_, v)| v.len()).sum();
    for (i, (r, kept)) in state.rounds.iter().zip(kept).enumerate() {
        match kept {
            // Too many sheets to carry: every round that has some is written again.
            Some((part, changed)) if changed.is_empty() || carried <= MAX_SHEETS => {
                sheets.extend(changed.into_iter().map(|at| SheetDelta {
                    round: i,
                    at,
                    sheet: r.sheets[at].clone(),
                }));
                rounds.push(part);
            }
            _ => {
                rounds.push(write(
                    serde_json::to_string(r).unwrap_or_default(),
                    &mut writes,
                ));
            }
        }
    }
    SavePlan {
        manifest: Manifest {
            schema: SCHEMA_VERSION,
            stamp: stamp.clone(),
            parent_writer: parent_writer.to_string(),
            saved_at: saved_at.to_string(),
            rest,
            rounds,
            sheets,
        },
        writes,
        rest_written,
    }
}

/// The positions of the sheets of `now` that differ from `base` (the round as its part
/// and the stored manifest hold it, the manifest carrying `carried`), when nothing else
/// in the round changed and no sheet was taken away; `None` when the round's part must
/// be written again.
fn changed_sheets(base: &Round, carried: &BTreeSet<usize>, now: &Round) -> Option<Vec<usize>> {
    if !same_but_sheets(base, now) || now.sheets.len() < base.sheets.len() {
        return None;
    }
    let (b, n): (&Sheets, &Sheets) = (&base.sheets, &now.sheets);
    // Mostly pointer comparisons: a sheet not changed since `base` is the same sheet.
    let mut changed: Vec<usize> = (0..n.len())
        .filter(|&k| k >= b.len() || (!n.same_at(b, k) && n.get(k) != b.get(k)))
        .collect();
    if !carried.is_empty() {
        changed.extend(carried.iter().copied().filter(|&k| k < n.len()));
        changed.sort_unstable();
        changed.dedup();
    }
    Some(changed)
}

/// Whether two rounds are equal apart from their sheets. Every field is named, so that
/// a new field of [`Round`] cannot be left out without the compiler saying so.
fn same_but_sheets(a: &Round, b: &Round) -> bool {
    let Round {
        id,
        name,
        year,
        scheme_id,
        unit_ids,
        assessors,
        sheets: _,
        adjustments,
        type_overrides,
        decided_proposals,
        dismissed_proposals,
        published,
        publication,
        meta,
    } = a;
    *id == b.id
        && *name == b.name
        && *year == b.year
        && *scheme_id == b.scheme_id
        && *unit_ids == b.unit_ids
        && *assessors == b.assessors
        && *adjustments == b.adjustments
        && *type_overrides == b.type_overrides
        && *decided_proposals == b.decided_proposals
        && *dismissed_proposals == b.dismissed_proposals
        && *published == b.published
        && *publication == b.publication
        && *meta == b.meta
}
