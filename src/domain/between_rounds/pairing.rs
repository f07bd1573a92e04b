//! 结对: pairings of a site with partner organisations (in the roster or not), their
//! activity log and the idle figure (no activity for N months, a setting).

use super::{all_of, check_past_date, check_unit, older_than, require, BetweenRoundsError};
use crate::domain::dates::Now;
use crate::domain::form_merge::{conflicts_with_record, pick, shown_through, EditConflict, Field};
use crate::domain::model::*;

/// The pairing form's 结对目标 field, as the import preview names it too.
pub const GOALS_LABEL: &str = "结对目标";
/// The pairing form's 结对单位进展 field.
pub const PARTNER_PROGRESS_LABEL: &str = "结对单位进展";
/// The pairing form's choice of a partner on the roster.
pub const PARTNER_LABEL: &str = "结对单位（名册内）";
/// The pairing form's name of a partner outside the roster.
pub const OUTSIDE_NAME_LABEL: &str = "名册外结对单位名称";

/// What a person enters to add or edit a pairing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingDraft {
    pub site_id: Id,
    /// The partner when it is in the roster (its name is then taken from the roster).
    pub partner_unit_id: Option<Id>,
    /// The partner's name (required when it is outside the roster).
    pub partner_name: String,
    pub start: Date,
    pub goals: String,
    pub status: PairingStatus,
    /// The end date of an ended pairing (`YYYY-MM-DD`; ignored while it runs).
    pub ended_on: Date,
    /// How the partner is doing.
    pub partner_progress: String,
}

/// The pairing form's labels (修改结对 names a field both windows changed by them).
pub mod labels {
    pub const SITE: &str = "示范点";
    pub const START: &str = "结对开始日期";
    pub const STATUS: &str = "结对状态";
}

impl PairingDraft {
    /// The form filled in from a pairing.
    pub fn from_pairing(p: &Pairing) -> PairingDraft {
        PairingDraft {
            site_id: p.site_id.clone(),
            partner_unit_id: p.partner_unit_id.clone(),
            partner_name: p.partner_name.clone(),
            start: p.start.clone(),
            goals: p.goals.clone(),
            status: p.status,
            ended_on: p.ended_on.clone().unwrap_or_default(),
            partner_progress: p.partner_progress.clone(),
        }
    }

    /// The partner as one choice: a roster unit, or a name outside it.
    fn partner(&self) -> (Option<Id>, String) {
        match &self.partner_unit_id {
            Some(id) => (Some(id.clone()), String::new()),
            None => (None, self.partner_name.trim().to_string()),
        }
    }

    /// The status with its end date, as one choice.
    fn ending(&self) -> (PairingStatus, String) {
        let end = match self.status {
            PairingStatus::Active => String::new(),
            _ => self.ended_on.trim().to_string(),
        };
        (self.status, end)
    }

    /// What a form opened on `base` saves over `current` (the pairing as stored now,
    /// perhaps changed by another window or an import meanwhile): see `form_merge`.
    pub fn merged(
        base: &PairingDraft,
        mine: &PairingDraft,
        current: &PairingDraft,
    ) -> PairingDraft {
        let partner = if mine.partner() == base.partner() {
            current
        } else {
            mine
        };
        let ending = if mine.ending() == base.ending() {
            current
        } else {
            mine
        };
        PairingDraft {
            site_id: pick(&base.site_id, &mine.site_id, &current.site_id),
            partner_unit_id: partner.partner_unit_id.clone(),
            partner_name: partner.partner_name.clone(),
            start: pick(&base.start, &mine.start, &current.start),
            goals: pick(&base.goals, &mine.goals, &current.goals),
            status: ending.status,
            ended_on: ending.ended_on.clone(),
            partner_progress: pick(
                &base.partner_progress,
                &mine.partner_progress,
                &current.partner_progress,
            ),
        }
    }
}

/// The fields of pairing `id` that both this form (opened on `base`, now `mine`) and
/// another window (since `base`) changed, to different values.
pub fn edit_conflicts(
    state: &AppState,
    id: &str,
    base: &PairingDraft,
    mine: &PairingDraft,
) -> Vec<EditConflict> {
    let current = state
        .pairings
        .iter()
        .find(|p| p.id == id)
        .map(PairingDraft::from_pairing);
    let fields: [Field<PairingDraft>; 6] = [
        (labels::SITE, |d| d.site_id.clone()),
        (PARTNER_LABEL, |d| match d.partner() {
            (Some(id), _) => id,
            (None, name) => format!("名册外：{name}"),
        }),
        (labels::START, |d| d.start.trim().to_string()),
        (GOALS_LABEL, |d| d.goals.trim().to_string()),
        (labels::STATUS, |d| match d.ending() {
            (st, end) if end.is_empty() => st.label().to_string(),
            (st, end) => format!("{}（{end}）", st.label()),
        }),
        (PARTNER_PROGRESS_LABEL, |d| {
            d.partner_progress.trim().to_string()
        }),
    ];
    let named = |id: &str| state.unit(id).map_or(id.to_string(), |u| u.name.clone());
    shown_through(
        conflicts_with_record(state, current, base, mine, &fields, labels::SITE),
        PARTNER_LABEL,
        named,
    )
}

/// [`edit`] from a form opened on `base`: only the fields changed from `base` are
/// written (see [`PairingDraft::merged`]).
pub fn edit_from(
    state: &mut AppState,
    id: &str,
    base: &PairingDraft,
    draft: PairingDraft,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let current = state
        .pairings
        .iter()
        .find(|p| p.id == id)
        .map(PairingDraft::from_pairing)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
    edit(state, id, PairingDraft::merged(base, &draft, &current), now)
}

fn checked(
    state: &AppState,
    mut d: PairingDraft,
    now: &Now,
) -> Result<PairingDraft, BetweenRoundsError> {
    check_unit(state, &d.site_id)?;
    if let Some(p) = d.partner_unit_id.clone() {
        if p == d.site_id {
            return Err(BetweenRoundsError::SelfPairing);
        }
        check_unit(state, &p)?;
        d.partner_name = super::unit_name(state, &p);
    } else if let Some(u) = state
        .units
        .iter()
        .find(|u| crate::domain::roster::same_name(&u.name, &d.partner_name))
    {
        // A unit on the roster typed in as 名册外: its own pages would miss the pairing.
        return Err(BetweenRoundsError::PartnerOnRoster(u.name.clone()));
    }
    all_of([
        require(OUTSIDE_NAME_LABEL, &d.partner_name),
        check_past_date("结对开始", &d.start, now),
    ])?;
    d.start = d.start.trim().to_string();
    // Spaces inside a name typed outside the roster are cleaned as a roster name's are
    // (a re-test: 东城社区 党委 paired beside 东城社区党委 over the same days).
    if d.partner_unit_id.is_none() {
        d.partner_name = crate::domain::roster::clean_name(&d.partner_name);
    }
    d.partner_name = d.partner_name.trim().to_string();
    d.ended_on = d.ended_on.trim().to_string();
    if d.status == PairingStatus::Active {
        d.ended_on.clear();
    } else {
        if d.ended_on.is_empty() {
            return Err(BetweenRoundsError::MissingEndDate);
        }
        check_past_date("结对结束", &d.ended_on, now)?;
        if d.ended_on < d.start {
            return Err(BetweenRoundsError::EndBeforeStart {
                end: d.ended_on.clone(),
                start: d.start.clone(),
            });
        }
    }
    Ok(d)
}

/// Whether pairing `p` was running on `date`: started by then, and not ended by then
/// (one ended before its end date was kept counts as ended).
pub fn running_on(p: &Pairing, date: &str) -> bool {
    p.start.as_str() <= date
        && match p.status {
            PairingStatus::Active => true,
            PairingStatus::Ended => p.ended_on.as_deref().is_some_and(|e| e > date),
        }
}

fn find_mut<'a>(state: &'a mut AppState, id: &str) -> Result<&'a mut Pairing, BetweenRoundsError> {
    state
        .pairings
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))
}

/// Refuses a pairing that would start for a site that has left the programme, or
/// would run beside another running pairing of the same two (either way round).
/// `except` is the pairing being edited; `site_changed` whether its site is new;
/// `reopened` whether an ended pairing is set running again; `span_changed` whether
/// its two units or its days are new (a pairing kept from before that overlaps
/// another can still have its goals corrected).
fn check_running(
    state: &AppState,
    d: &PairingDraft,
    except: Option<&str>,
    site_changed: bool,
    reopened: bool,
    span_changed: bool,
) -> Result<(), BetweenRoundsError> {
    // A site that has left the programme starts no new pairing, and an ended one of
    // it does not run again (activities could then be logged after it left).
    if site_changed || reopened {
        if let Some(u) = state.unit(&d.site_id) {
            if matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn) {
                return Err(BetweenRoundsError::SiteNotActive {
                    site: u.name.clone(),
                    status: u.status.label(),
                });
            }
        }
    }
    if !span_changed {
        return Ok(());
    }
    // The same two, either way round, paired over days this pairing covers: one
    // pairing at a time (a clerk's review: a pairing ended and made again from a date
    // inside the first counted its activities twice and changed a closed year's count).
    let same = |p: &Pairing| {
        let this_way = p.site_id == d.site_id
            && match (&p.partner_unit_id, &d.partner_unit_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => p.partner_name == d.partner_name,
                _ => false,
            };
        let other_way = d.partner_unit_id.as_ref() == Some(&p.site_id)
            && p.partner_unit_id.as_ref() == Some(&d.site_id);
        Some(p.id.as_str()) != except
            && (this_way || other_way)
            && overlap(
                (&p.start, ran_until(p.status, p.ended_on.as_deref())),
                (&d.start, ran_until(d.status, Some(&d.ended_on))),
            )
    };
    let Some(p) = state.pairings.iter().find(|p| same(p)) else {
        return Ok(());
    };
    let site = super::unit_name(state, &d.site_id);
    let partner = d.partner_name.clone();
    match (p.status, p.ended_on.clone()) {
        (PairingStatus::Ended, Some(end)) => Err(BetweenRoundsError::OverlappingPairing {
            site,
            partner,
            start: p.start.clone(),
            end,
        }),
        // Editing one of the two, "不能重复建立" would speak of a new one (a re-test).
        _ if except.is_some() => Err(BetweenRoundsError::OverlapsRunning {
            site,
            partner,
            start: p.start.clone(),
        }),
        _ => Err(BetweenRoundsError::DuplicatePairing {
            site,
            partner,
            start: p.start.clone(),
        }),
    }
}

/// The day a pairing stopped running (`None`: it runs on). An ended pairing without
/// its end date kept is taken as ended on its first day.
fn ran_until(status: PairingStatus, ended_on: Option<&str>) -> Option<String> {
    match status {
        PairingStatus::Active => None,
        PairingStatus::Ended => Some(ended_on.unwrap_or_default().to_string()),
    }
}

/// Whether two spans of days share one: each from its start up to (not including) its
/// end, or on without an end. A pairing made again on the day the earlier one ended
/// does not overlap it.
fn overlap(a: (&str, Option<String>), b: (&str, Option<String>)) -> bool {
    let before_end = |start: &str, end: &Option<String>| end.as_deref().is_none_or(|e| start < e);
    before_end(a.0, &b.1) && before_end(b.0, &a.1)
}

/// A pairing starts no earlier than its site entered the programme (a year typed wrong,
/// most likely: such a pairing would be counted idle in years before the site was one).
/// A pairing kept from before keeps its start for its site.
fn check_entry(
    state: &AppState,
    d: &PairingDraft,
    was: Option<&Pairing>,
) -> Result<(), BetweenRoundsError> {
    let kept = was.is_some_and(|p| p.site_id == d.site_id && p.start == d.start);
    match state
        .unit(&d.site_id)
        .filter(|u| !kept && d.start < super::entry_start(u.entered_year))
    {
        Some(u) => Err(BetweenRoundsError::PairingBeforeEntry {
            unit: u.name.clone(),
            date: d.start.clone(),
            entered: u.entered_year,
        }),
        None => Ok(()),
    }
}

/// Adds a pairing; returns its id.
pub fn add(
    state: &mut AppState,
    draft: PairingDraft,
    now: impl Into<Now>,
) -> Result<Id, BetweenRoundsError> {
    let now = &now.into();
    let d = checked(state, draft, now)?;
    check_entry(state, &d, None)?;
    check_running(state, &d, None, true, false, true)?;
    let by = state.settings.origin.clone();
    let id = state.new_id("p");
    let mut meta = RecordMeta::default();
    meta.touch(now, &by);
    state.pairings.push(Pairing {
        id: id.clone(),
        site_id: d.site_id,
        partner_unit_id: d.partner_unit_id,
        partner_name: d.partner_name,
        start: d.start,
        goals: d.goals.trim().to_string(),
        activities: Vec::new(),
        partner_progress: d.partner_progress.trim().to_string(),
        status: d.status,
        ended_on: (!d.ended_on.is_empty()).then_some(d.ended_on),
        meta,
    });
    Ok(id)
}

/// Replaces a pairing's fields (its activities stay).
pub fn edit(
    state: &mut AppState,
    id: &str,
    draft: PairingDraft,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let now = &now.into();
    let d = checked(state, draft, now)?;
    let old = state
        .pairings
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
    check_entry(state, &d, Some(old))?;
    let reopened = old.status != PairingStatus::Active && d.status == PairingStatus::Active;
    let span_changed = old.site_id != d.site_id
        || old.partner_unit_id != d.partner_unit_id
        || old.partner_name != d.partner_name
        || old.start != d.start
        || old.status != d.status
        || old.ended_on.as_deref().unwrap_or_default() != d.ended_on;
    check_running(
        state,
        &d,
        Some(id),
        old.site_id != d.site_id,
        reopened,
        span_changed,
    )?;
    // The log stays: the pairing cannot start after its first activity.
    if let Some(first) = old.activities.iter().map(|a| a.date.as_str()).min() {
        if d.start.as_str() > first {
            return Err(BetweenRoundsError::StartAfterActivity {
                start: d.start.clone(),
                first: first.to_string(),
            });
        }
    }
    // Nor end before its last activity.
    if let Some(last) = last_activity(old) {
        if !d.ended_on.is_empty() && d.ended_on.as_str() < last {
            return Err(BetweenRoundsError::EndBeforeActivity {
                end: d.ended_on.clone(),
                last: last.to_string(),
            });
        }
    }
    let by = state.settings.origin.clone();
    let p = find_mut(state, id)?;
    p.site_id = d.site_id;
    p.partner_unit_id = d.partner_unit_id;
    p.partner_name = d.partner_name;
    p.start = d.start;
    p.goals = d.goals.trim().to_string();
    p.status = d.status;
    p.ended_on = (!d.ended_on.is_empty()).then_some(d.ended_on);
    p.partner_progress = d.partner_progress.trim().to_string();
    p.meta.touch(now, &by);
    Ok(())
}

/// Deletes a pairing with its activity log.
pub fn delete(state: &mut AppState, id: &str) -> Result<(), BetweenRoundsError> {
    let before = state.pairings.len();
    state.pairings.retain(|p| p.id != id);
    if state.pairings.len() == before {
        return Err(BetweenRoundsError::NotFound(id.to_string()));
    }
    Ok(())
}

/// Logs an activity (kept in date order).
pub fn add_activity(
    state: &mut AppState,
    id: &str,
    activity: PairingActivity,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let now = &now.into();
    let by = state.settings.origin.clone();
    let p = find_mut(state, id)?;
    let a = checked_activity(p, activity, now)?;
    not_logged(p, &a, None)?;
    p.activities.push(a);
    p.activities.sort_by(|x, y| x.date.cmp(&y.date));
    p.meta.touch(now, &by);
    Ok(())
}

/// Corrects `old`, found in the log by what it is (not by its place, which an activity
/// logged meanwhile would move), with the checks of a new one; the log is put back in
/// date order. Returns whether anything changed (an activity saved as it was leaves the
/// record untouched); [`BetweenRoundsError::ActivityGone`] when `old` is no longer there.
pub fn edit_activity(
    state: &mut AppState,
    id: &str,
    old: &PairingActivity,
    activity: PairingActivity,
    now: impl Into<Now>,
) -> Result<bool, BetweenRoundsError> {
    let now = &now.into();
    let by = state.settings.origin.clone();
    // In a unit's copy: whether `old` was logged here and never returned (see
    // `exchange::note_corrected_activity`).
    let ours =
        state.workspace.is_none() || crate::domain::exchange::unreported_activity(state, id, old);
    let p = find_mut(state, id)?;
    let index = position_of(p, old)?;
    let a = checked_activity(p, activity, now)?;
    if p.activities[index] == a {
        return Ok(false);
    }
    not_logged(p, &a, Some(index))?;
    let kept = a.clone();
    p.activities[index] = a;
    p.activities.sort_by(|x, y| x.date.cmp(&y.date));
    p.meta.touch(now, &by);
    crate::domain::exchange::note_corrected_activity(state, id, ours, &kept);
    Ok(true)
}

/// An activity the log already holds (the same date, form and content: a second click,
/// a form sent twice, or the same activity with its participants written otherwise) is
/// not logged again: it would be counted twice. `except` is the activity being
/// corrected.
fn not_logged(
    p: &Pairing,
    a: &PairingActivity,
    except: Option<usize>,
) -> Result<(), BetweenRoundsError> {
    let same = |b: &PairingActivity| {
        b.date == a.date && b.form == a.form && b.title.trim() == a.title.trim()
    };
    let held = p
        .activities
        .iter()
        .enumerate()
        .any(|(i, b)| Some(i) != except && same(b));
    if held {
        return Err(BetweenRoundsError::DuplicateActivity {
            date: a.date.clone(),
            title: a.title.clone(),
        });
    }
    Ok(())
}

/// Where `a` is in the pairing's log, found by what it is:
/// [`BetweenRoundsError::ActivityGone`] when only one of its day, form and content is
/// there (changed), [`BetweenRoundsError::ActivityDeleted`] when none is.
pub fn position_of(p: &Pairing, a: &PairingActivity) -> Result<usize, BetweenRoundsError> {
    p.activities.iter().position(|x| x == a).ok_or_else(|| {
        let changed = p
            .activities
            .iter()
            .any(|x| x.date == a.date && x.form == a.form && x.title == a.title);
        if changed {
            BetweenRoundsError::ActivityGone
        } else {
            BetweenRoundsError::ActivityDeleted
        }
    })
}

/// An activity as it is kept: dated (not in the future, not before the pairing began
/// nor after it ended),
/// with its content, trimmed.
fn checked_activity(
    p: &Pairing,
    activity: PairingActivity,
    now: &Now,
) -> Result<PairingActivity, BetweenRoundsError> {
    all_of([
        check_past_date("活动", &activity.date, now),
        require("活动内容", &activity.title),
    ])?;
    let mut a = activity;
    a.date = a.date.trim().to_string();
    if a.date.as_str() < p.start.as_str() {
        return Err(BetweenRoundsError::ActivityBeforeStart {
            date: a.date,
            start: p.start.clone(),
        });
    }
    if let Some(end) = p.ended_on.as_ref().filter(|e| a.date.as_str() > e.as_str()) {
        return Err(BetweenRoundsError::ActivityAfterEnd {
            date: a.date,
            end: end.clone(),
        });
    }
    a.title = a.title.trim().to_string();
    Ok(a)
}

/// Removes `activity`, found in the log by what it is (the confirmation it was asked in
/// may have stayed open while another window changed the log).
pub fn delete_activity(
    state: &mut AppState,
    id: &str,
    activity: &PairingActivity,
    now: &str,
) -> Result<(), BetweenRoundsError> {
    let by = state.settings.origin.clone();
    let p = find_mut(state, id)?;
    let index = position_of(p, activity)?;
    p.activities.remove(index);
    p.meta.touch(now, &by);
    Ok(())
}

/// The date of the latest activity, if any.
pub fn last_activity(p: &Pairing) -> Option<&str> {
    p.activities.iter().map(|a| a.date.as_str()).max()
}

/// Whether a running pairing has had no activity for more than `months` months before
/// `today` (counted from its start when it has none yet).
pub fn is_idle(p: &Pairing, months: u32, today: &str) -> bool {
    p.status == PairingStatus::Active
        && older_than(last_activity(p).unwrap_or(&p.start), months, today)
}

/// Whether a pairing running on `day` had had no activity for more than `months`
/// months by then (activities after `day` not counted): a finished year's 不活跃 as it
/// stood at its end, for the 报表 and the year's list alike.
pub fn idle_on(p: &Pairing, months: u32, day: &str) -> bool {
    running_on(p, day) && older_than(last_activity_by(p, day).unwrap_or(&p.start), months, day)
}

/// The date of the latest activity on or before `day`, if any.
pub fn last_activity_by<'a>(p: &'a Pairing, day: &str) -> Option<&'a str> {
    p.activities
        .iter()
        .map(|a| a.date.as_str())
        .filter(|d| *d <= day)
        .max()
}

/// The idle pairings under the copy's setting, by site then id.
pub fn idle<'a>(state: &'a AppState, today: &str) -> Vec<&'a Pairing> {
    let months = state.settings.idle_pairing_months;
    let mut v: Vec<&Pairing> = state
        .pairings
        .iter()
        .filter(|p| is_idle(p, months, today))
        .collect();
    v.sort_by(|a, b| a.site_id.cmp(&b.site_id).then(a.id.cmp(&b.id)));
    v
}

/// A unit's pairings, as the site or as the partner.
pub fn of_unit<'a>(state: &'a AppState, unit_id: &str) -> Vec<&'a Pairing> {
    state
        .pairings
        .iter()
        .filter(|p| p.site_id == unit_id || p.partner_unit_id.as_deref() == Some(unit_id))
        .collect()
}
