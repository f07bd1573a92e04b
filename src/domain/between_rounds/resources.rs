//! 保障投入: a unit's funds, activity funds, staff and premises per year, and the
//! comparison of units in one year.

use super::{check_unit, BetweenRoundsError};
use crate::domain::model::*;
use crate::domain::points::Points;

/// What a person enters for one unit and year (amounts as typed, in 万元).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDraft {
    pub unit_id: Id,
    pub year: u16,
    /// 党建工作经费 (万元).
    pub funds: String,
    /// 活动经费 (万元).
    pub activity_funds: String,
    pub staff: u32,
    pub part_time_staff: u32,
    pub premises: bool,
    pub premises_area: u32,
    pub note: String,
}

fn amount(what: &'static str, text: &str) -> Result<Points, BetweenRoundsError> {
    if text.trim().is_empty() {
        return Ok(Points(0));
    }
    match Points::parse(text.trim()) {
        Ok(p) if p.0 >= 0 => Ok(p),
        Ok(_) => Err(BetweenRoundsError::NegativeAmount {
            what,
            value: text.to_string(),
        }),
        Err(_) => Err(BetweenRoundsError::BadAmount {
            what,
            value: text.to_string(),
        }),
    }
}

/// The unit a new entry for `year` is most likely for: the first on the roster with no
/// entry for that year yet (the first unit when every one has one).
pub fn next_unit_without_entry(state: &AppState, year: u16) -> Option<&Id> {
    state
        .units
        .iter()
        .find(|u| {
            !state
                .resources
                .iter()
                .any(|r| r.unit_id == u.id && r.year == year)
        })
        .or(state.units.first())
        .map(|u| &u.id)
}

/// Records or replaces (`id` given) the entry of a unit and year. A second entry for
/// the same unit and year is refused.
pub fn save(
    state: &mut AppState,
    id: Option<&str>,
    d: ResourceDraft,
    now: &str,
) -> Result<Id, BetweenRoundsError> {
    check_unit(state, &d.unit_id)?;
    if d.year < 2000 || d.year > 2100 {
        return Err(BetweenRoundsError::Missing("年度（2000—2100）"));
    }
    let funds = amount("党建工作经费", &d.funds)?;
    let activity_funds = amount("活动经费", &d.activity_funds)?;
    let dup = state
        .resources
        .iter()
        .any(|r| r.unit_id == d.unit_id && r.year == d.year && Some(r.id.as_str()) != id);
    if dup {
        return Err(BetweenRoundsError::DuplicateResource {
            unit: super::unit_name(state, &d.unit_id),
            year: d.year,
        });
    }
    let by = state.settings.origin.clone();
    let id = match id {
        Some(id) => id.to_string(),
        None => {
            let id = state.new_id("m");
            state.resources.push(ResourceEntry {
                id: id.clone(),
                unit_id: d.unit_id.clone(),
                year: d.year,
                funds: Points(0),
                activity_funds: Points(0),
                staff: 0,
                part_time_staff: 0,
                premises: false,
                premises_area: 0,
                note: String::new(),
                meta: RecordMeta::default(),
            });
            id
        }
    };
    let r = state
        .resources
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.clone()))?;
    r.unit_id = d.unit_id;
    r.year = d.year;
    r.funds = funds;
    r.activity_funds = activity_funds;
    r.staff = d.staff;
    r.part_time_staff = d.part_time_staff;
    r.premises = d.premises;
    r.premises_area = if d.premises { d.premises_area } else { 0 };
    r.note = d.note.trim().to_string();
    r.meta.touch(now, &by);
    Ok(id)
}

/// Deletes an entry.
pub fn delete(state: &mut AppState, id: &str) -> Result<(), BetweenRoundsError> {
    let before = state.resources.len();
    state.resources.retain(|r| r.id != id);
    if state.resources.len() == before {
        return Err(BetweenRoundsError::NotFound(id.to_string()));
    }
    Ok(())
}

/// The years with entries, newest first.
pub fn years(state: &AppState) -> Vec<u16> {
    let mut v: Vec<u16> = state.resources.iter().map(|r| r.year).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

/// The entries of `year`, by total funds (largest first), then unit name.
pub fn compare_year(state: &AppState, year: u16) -> Vec<&ResourceEntry> {
    let mut v: Vec<&ResourceEntry> = state.resources.iter().filter(|r| r.year == year).collect();
    v.sort_by(|a, b| {
        (b.funds + b.activity_funds)
            .cmp(&(a.funds + a.activity_funds))
            .then_with(|| {
                super::unit_name(state, &a.unit_id).cmp(&super::unit_name(state, &b.unit_id))
            })
    });
    v
}

/// A unit's entries, newest year first.
pub fn of_unit<'a>(state: &'a AppState, unit_id: &str) -> Vec<&'a ResourceEntry> {
    let mut v: Vec<&ResourceEntry> = state
        .resources
        .iter()
        .filter(|r| r.unit_id == unit_id)
        .collect();
    v.sort_by_key(|r| std::cmp::Reverse(r.year));
    v
}

/// The entry of a unit in a year, if recorded.
pub fn of_unit_year<'a>(
    state: &'a AppState,
    unit_id: &str,
    year: u16,
) -> Option<&'a ResourceEntry> {
    state
        .resources
        .iter()
        .find(|r| r.unit_id == unit_id && r.year == year)
}
