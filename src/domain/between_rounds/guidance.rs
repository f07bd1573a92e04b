//! 督导/指导: the committee's visits, the last visit per unit, the sites with no visit
//! for a while (a setting, 12 months by default), and a finding turned into a 整改 item
//! in one step.

use super::rectification::{self, RectificationDraft};
use super::{all_of, check_past_date, check_unit, older_than, require, BetweenRoundsError};
use crate::domain::dates::Now;
use crate::domain::form_merge::{conflicts, pick, shown_through, EditConflict, Field};
use crate::domain::model::*;

/// What a person enters to add or edit a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDraft {
    /// The units visited (at least one).
    pub unit_ids: Vec<Id>,
    pub date: Date,
    /// Who went.
    pub by: String,
    pub form: VisitForm,
    pub looked_at: Vec<VisitCheck>,
    pub other_check: String,
    pub findings: String,
    pub advice: String,
    pub follow_up: String,
}

/// The visit form's labels (修改督导记录 names a field both windows changed by them).
pub mod labels {
    pub const UNITS: &str = "督导单位";
    pub const DATE: &str = "督导日期";
    pub const BY: &str = "督导人员";
    pub const FORM: &str = "督导形式";
    pub const CHECKS: &str = "督导内容";
    pub const OTHER_CHECK: &str = "其他督导内容";
    pub const FINDINGS: &str = "发现问题";
    pub const ADVICE: &str = "指导意见";
    pub const FOLLOW_UP: &str = "跟进情况";
}

impl VisitDraft {
    /// The form filled in from a visit (督导内容 in the form's order).
    pub fn from_visit(v: &GuidanceVisit) -> VisitDraft {
        VisitDraft {
            unit_ids: v.units().cloned().collect(),
            date: v.date.clone(),
            by: v.by.clone(),
            form: v.form,
            looked_at: VisitCheck::ALL
                .into_iter()
                .filter(|c| v.looked_at.contains(c))
                .collect(),
            other_check: v.other_check.clone(),
            findings: v.findings.clone(),
            advice: v.advice.clone(),
            follow_up: v.follow_up.clone(),
        }
    }

    /// What a form opened on `base` saves over `current` (the visit as stored now,
    /// perhaps changed by another window meanwhile): see `form_merge`. The units
    /// visited are one field.
    pub fn merged(base: &VisitDraft, mine: &VisitDraft, current: &VisitDraft) -> VisitDraft {
        VisitDraft {
            unit_ids: pick(&base.unit_ids, &mine.unit_ids, &current.unit_ids),
            date: pick(&base.date, &mine.date, &current.date),
            by: pick(&base.by, &mine.by, &current.by),
            form: pick(&base.form, &mine.form, &current.form),
            looked_at: pick(&base.looked_at, &mine.looked_at, &current.looked_at),
            other_check: pick(&base.other_check, &mine.other_check, &current.other_check),
            findings: pick(&base.findings, &mine.findings, &current.findings),
            advice: pick(&base.advice, &mine.advice, &current.advice),
            follow_up: pick(&base.follow_up, &mine.follow_up, &current.follow_up),
        }
    }
}

/// The fields of visit `id` that both this form (opened on `base`, now `mine`) and
/// another window (since `base`) changed, to different values.
pub fn edit_conflicts(
    state: &AppState,
    id: &str,
    base: &VisitDraft,
    mine: &VisitDraft,
) -> Vec<EditConflict> {
    let current = state
        .guidance_visits
        .iter()
        .find(|v| v.id == id)
        .map(VisitDraft::from_visit);
    let fields: [Field<VisitDraft>; 9] = [
        (labels::UNITS, |d| d.unit_ids.join("、")),
        (labels::DATE, |d| d.date.trim().to_string()),
        (labels::BY, |d| d.by.trim().to_string()),
        (labels::FORM, |d| d.form.label().to_string()),
        (labels::CHECKS, |d| {
            d.looked_at
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join("、")
        }),
        (labels::OTHER_CHECK, |d| d.other_check.trim().to_string()),
        (labels::FINDINGS, |d| d.findings.trim().to_string()),
        (labels::ADVICE, |d| d.advice.trim().to_string()),
        (labels::FOLLOW_UP, |d| d.follow_up.trim().to_string()),
    ];
    let named = |ids: &str| {
        ids.split('、')
            .map(|id| super::unit_name(state, id))
            .collect::<Vec<_>>()
            .join("、")
    };
    let Some(current) = current else {
        return Vec::new();
    };
    shown_through(
        conflicts(base, mine, &current, &fields),
        labels::UNITS,
        named,
    )
}

/// [`edit`] from a form opened on `base`: only the fields changed from `base` are
/// written (see [`VisitDraft::merged`]).
pub fn edit_from(
    state: &mut AppState,
    id: &str,
    base: &VisitDraft,
    draft: VisitDraft,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let current = state
        .guidance_visits
        .iter()
        .find(|v| v.id == id)
        .map(VisitDraft::from_visit)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
    edit(state, id, VisitDraft::merged(base, &draft, &current), now)
}

/// Checks a draft; `was` is the visit being edited, if any (its units and date as
/// stored may stay as they are).
fn checked(
    state: &AppState,
    mut d: VisitDraft,
    now: &Now,
    was: Option<&GuidanceVisit>,
) -> Result<VisitDraft, BetweenRoundsError> {
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = d.unit_ids.iter().find(|u| !seen.insert(u.as_str())) {
        return Err(BetweenRoundsError::VisitedTwice(super::unit_name(
            state, twice,
        )));
    }
    if d.unit_ids.is_empty() {
        return Err(BetweenRoundsError::Missing("督导的单位"));
    }
    for u in &d.unit_ids {
        check_unit(state, u)?;
    }
    all_of([
        check_past_date("督导", &d.date, now),
        require("督导人员", &d.by),
    ])?;
    d.date = d.date.trim().to_string();
    // Not before the unit entered the programme (a year typed wrong, most likely): such
    // a visit would also restart its clock of 指导不够有力 from a date before it began.
    // A visit kept from before keeps its date for the units it had.
    for u in &d.unit_ids {
        let kept = was.is_some_and(|v| v.date == d.date && v.units().any(|x| x == u));
        if let Some(unit) = state
            .unit(u)
            .filter(|x| !kept && d.date < super::entry_start(x.entered_year))
        {
            return Err(BetweenRoundsError::VisitBeforeEntry {
                unit: unit.name.clone(),
                date: d.date.clone(),
                entered: unit.entered_year,
            });
        }
        // Nor after it left (退出, 摘牌): it is no longer a site to guide.
        if let Some((unit, h)) = state
            .unit(u)
            .filter(|_| !kept)
            .and_then(|x| x.departure_by(&d.date).map(|h| (x, h)))
        {
            return Err(BetweenRoundsError::VisitAfterLeaving {
                unit: unit.name.clone(),
                left: h.date.clone(),
                how: crate::domain::outcomes::departure_word(h.to),
                date: d.date.clone(),
            });
        }
    }
    Ok(d)
}

fn fill(v: &mut GuidanceVisit, d: VisitDraft) {
    let mut units = d.unit_ids.into_iter();
    v.unit_id = units.next().unwrap_or_default();
    v.more_units = units.collect();
    v.date = d.date;
    v.by = d.by.trim().to_string();
    v.form = d.form;
    v.looked_at = d.looked_at;
    v.other_check = d.other_check.trim().to_string();
    v.findings = d.findings.trim().to_string();
    v.advice = d.advice.trim().to_string();
    v.follow_up = d.follow_up.trim().to_string();
}

/// A visit already recorded on the draft's date for one of its units (another than
/// `except`, the visit being edited): the same visit typed twice, most likely, asked
/// about before it is saved. Returned as `2026-06-18 督导（甲支部）`.
pub fn same_day_visit(
    state: &AppState,
    draft: &VisitDraft,
    except: Option<&str>,
) -> Option<String> {
    let date = draft.date.trim();
    state
        .guidance_visits
        .iter()
        .filter(|v| Some(v.id.as_str()) != except && v.date == date)
        .find(|v| v.units().any(|u| draft.unit_ids.contains(u)))
        .map(|v| {
            let names: Vec<String> = v.units().map(|u| super::unit_name(state, u)).collect();
            format!("{} 督导（{}，{}）", v.date, names.join("、"), v.by)
        })
}

/// Records a visit; returns its id.
pub fn add(
    state: &mut AppState,
    draft: VisitDraft,
    now: impl Into<Now>,
) -> Result<Id, BetweenRoundsError> {
    let now = &now.into();
    let d = checked(state, draft, now, None)?;
    let by = state.settings.origin.clone();
    let id = state.new_id("g");
    let mut v = GuidanceVisit {
        id: id.clone(),
        unit_id: String::new(),
        more_units: Vec::new(),
        date: String::new(),
        by: String::new(),
        form: VisitForm::default(),
        looked_at: Vec::new(),
        other_check: String::new(),
        findings: String::new(),
        advice: String::new(),
        follow_up: String::new(),
        meta: RecordMeta::default(),
    };
    fill(&mut v, d);
    v.meta.touch(now, &by);
    state.guidance_visits.push(v);
    Ok(id)
}

/// Replaces a visit's fields.
pub fn edit(
    state: &mut AppState,
    id: &str,
    draft: VisitDraft,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let now = &now.into();
    let was = state.guidance_visits.iter().find(|v| v.id == id);
    let d = checked(state, draft, now, was)?;
    // The items made from its findings were checked against its date: a later date
    // would put their deadline, progress or 销号 before the problem was found.
    for r in items_of_visit(state, id) {
        // An item belongs to a unit visited: that unit cannot leave the visit.
        if !d.unit_ids.contains(&r.unit_id) {
            return Err(BetweenRoundsError::VisitUnitHasItem {
                unit: super::unit_name(state, &r.unit_id),
            });
        }
        let dated = std::iter::once(("整改期限", r.deadline.as_str()))
            .chain(r.progress.iter().map(|n| ("整改进展", n.date.as_str())))
            .chain(r.closure.iter().map(|c| ("销号", c.date.as_str())));
        if let Some((what, date)) = dated
            .filter(|(_, x)| *x < d.date.as_str())
            .min_by_key(|(_, x)| *x)
        {
            return Err(BetweenRoundsError::VisitAfterItsItem {
                date: d.date.clone(),
                what,
                item_date: date.to_string(),
            });
        }
    }
    let by = state.settings.origin.clone();
    let v = state
        .guidance_visits
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
    fill(v, d);
    v.meta.touch(now, &by);
    Ok(())
}

/// Deletes a visit (items made from its findings stay).
pub fn delete(state: &mut AppState, id: &str) -> Result<(), BetweenRoundsError> {
    let before = state.guidance_visits.len();
    state.guidance_visits.retain(|v| v.id != id);
    if state.guidance_visits.len() == before {
        return Err(BetweenRoundsError::NotFound(id.to_string()));
    }
    Ok(())
}

/// What deleting visit `visit_id` keeps, said in its confirmation after “将删除…的记录”:
/// the 整改 items made from its findings, counted, or nothing when none was made (a
/// clerk's review: the confirmation spoke of items kept where none existed).
pub fn deletion_keeps(state: &AppState, visit_id: &str) -> String {
    match items_of_visit(state, visit_id).count() {
        0 => String::new(),
        n => format!("（由其发现转成的{n}项整改事项保留，来源记为“督导发现”）"),
    }
}

/// The 整改 items made from visit `visit_id`'s findings.
pub fn items_of_visit<'a>(
    state: &'a AppState,
    visit_id: &'a str,
) -> impl Iterator<Item = &'a Rectification> + 'a {
    state
        .rectifications
        .iter()
        .filter(move |r| r.visit_id.as_deref() == Some(visit_id))
}

/// 转为整改事项: a finding of visit `visit_id` becomes an item of `draft.unit_id` (one
/// of the units visited), with the visit as its source. Returns the item's id.
pub fn finding_to_item(
    state: &mut AppState,
    visit_id: &str,
    mut draft: RectificationDraft,
    now: &str,
) -> Result<Id, BetweenRoundsError> {
    let v = state
        .guidance_visits
        .iter()
        .find(|v| v.id == visit_id)
        .ok_or_else(|| BetweenRoundsError::NotFound(visit_id.to_string()))?;
    if !v.units().any(|u| *u == draft.unit_id) {
        return Err(BetweenRoundsError::UnitNotFound(draft.unit_id));
    }
    if draft.description.trim().is_empty() {
        draft.description = v.findings.clone();
    }
    let deadline = draft.deadline.trim();
    if !deadline.is_empty() && deadline < v.date.as_str() {
        return Err(BetweenRoundsError::DeadlineBeforeVisit {
            deadline: deadline.to_string(),
            visit: v.date.clone(),
        });
    }
    // The same finding of the same visit for the same unit once (a second click).
    if items_of_visit(state, visit_id)
        .any(|r| r.unit_id == draft.unit_id && r.description == draft.description.trim())
    {
        return Err(BetweenRoundsError::FindingAlreadyItem {
            unit: super::unit_name(state, &draft.unit_id),
        });
    }
    draft.source = ProblemSource::Visit;
    rectification::add_from_visit(state, draft, Some(visit_id.to_string()), now)
}

/// The date of the unit's latest visit on or before `today`.
pub fn last_visit<'a>(state: &'a AppState, unit_id: &str, today: &str) -> Option<&'a str> {
    state
        .guidance_visits
        .iter()
        .filter(|v| v.units().any(|u| u == unit_id) && v.date.as_str() <= today)
        .map(|v| v.date.as_str())
        .max()
}

/// A site with no visit within the setting's months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnvisitedSite {
    pub unit_id: Id,
    pub name: String,
    /// The last visit, if there ever was one.
    pub last: Option<Date>,
}

/// The units in the programme (创建中, 已授牌, 警示) with no visit in the last
/// `settings.visit_gap_months` months before `today`: never visited first, then the
/// longest ago, then by name.
pub fn without_visit(state: &AppState, today: &str) -> Vec<UnvisitedSite> {
    let months = state.settings.visit_gap_months;
    let mut v: Vec<UnvisitedSite> = state
        .units
        .iter()
        .filter(|u| is_visited_site(u))
        .filter_map(|u| {
            let last = last_visit(state, &u.id, today);
            let stale = visit_overdue(u, last, months, today);
            stale.then(|| UnvisitedSite {
                unit_id: u.id.clone(),
                name: u.name.clone(),
                last: last.map(str::to_string),
            })
        })
        .collect();
    v.sort_by(|a, b| a.last.cmp(&b.last).then(a.name.cmp(&b.name)));
    v
}

/// Whether site `u`, last visited on `last` (if ever), has gone more than `months`
/// months without a visit by `today`. One never visited (or visited only before it
/// entered) counts from the start of the year it entered the programme: a unit that
/// joined this year is not yet overdue.
pub fn visit_overdue(u: &Unit, last: Option<&str>, months: u32, today: &str) -> bool {
    let start = super::entry_start(u.entered_year);
    // A visit before the unit entered does not start its clock earlier than entering.
    let from = last.filter(|d| *d > start.as_str()).unwrap_or(&start);
    older_than(from, months, today)
}

/// The units visits are expected at: 示范点 (已授牌, 警示) and 创建单位.
fn is_visited_site(u: &Unit) -> bool {
    matches!(
        u.status,
        UnitStatus::Candidate | UnitStatus::Named | UnitStatus::Warned
    )
}

/// Whether there is any unit visits are expected at (else “none unvisited” says
/// nothing).
pub fn has_sites(state: &AppState) -> bool {
    state.units.iter().any(is_visited_site)
}

/// A unit's visits, newest first.
pub fn of_unit<'a>(state: &'a AppState, unit_id: &str) -> Vec<&'a GuidanceVisit> {
    let mut v: Vec<&GuidanceVisit> = state
        .guidance_visits
        .iter()
        .filter(|v| v.units().any(|u| u == unit_id))
        .collect();
    v.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    v
}

/// The visits to `unit_id` (every unit when empty) in `year` (every year when `None`),
/// newest first: the 督导 list's filters.
pub fn filtered<'a>(
    state: &'a AppState,
    unit_id: &str,
    year: Option<i32>,
) -> Vec<&'a GuidanceVisit> {
    let mut v: Vec<&GuidanceVisit> = state
        .guidance_visits
        .iter()
        .filter(|v| unit_id.is_empty() || v.units().any(|u| u == unit_id))
        .filter(|v| year.is_none() || crate::domain::dates::year_of(&v.date) == year)
        .collect();
    v.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    v
}

/// The years that have visits, latest first (the 督导 list's 年度 filter).
pub fn visit_years(state: &AppState) -> Vec<i32> {
    let mut years: Vec<i32> = state
        .guidance_visits
        .iter()
        .filter_map(|v| crate::domain::dates::year_of(&v.date))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}
