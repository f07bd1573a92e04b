//! 整改: rectification items with their category, source, owner, deadline, status and
//! dated progress notes; 销号 by the committee with its evidence; overdue items.

use super::{
    all_of, check_date, check_length, check_past_date, check_unit, require, BetweenRoundsError,
};
use crate::domain::dates;
use crate::domain::dates::Now;
use crate::domain::form_merge::{conflicts_with_record, pick, EditConflict, Field};
use crate::domain::model::*;

/// What a person enters to add or edit an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationDraft {
    pub unit_id: Id,
    pub category: ProblemCategory,
    pub source: ProblemSource,
    pub description: String,
    pub owner: String,
    /// `YYYY-MM-DD`; for an item from a 警示 decision, empty takes the unit's deadline.
    pub deadline: Date,
    /// 未开始 / 整改中 / 已完成 (已销号 only through [`close`]).
    pub status: RectificationStatus,
}

/// The item form's labels (修改整改事项 names a field both windows changed by them).
pub mod labels {
    pub const UNIT: &str = "整改单位";
    pub const CATEGORY: &str = "问题类别";
    pub const SOURCE: &str = "问题来源";
    pub const DESCRIPTION: &str = "问题描述";
    pub const OWNER: &str = "责任人";
    pub const DEADLINE: &str = "整改期限";
    pub const STATUS: &str = "整改状态";
}

impl RectificationDraft {
    /// The form filled in from an item.
    pub fn from_item(r: &Rectification) -> RectificationDraft {
        RectificationDraft {
            unit_id: r.unit_id.clone(),
            category: r.category,
            source: r.source,
            description: r.description.clone(),
            owner: r.owner.clone(),
            deadline: r.deadline.clone(),
            status: r.status,
        }
    }

    /// What a form opened on `base` saves over `current` (the item as stored now,
    /// perhaps changed by another window, 标记已完成 or a 延期 meanwhile): see
    /// `form_merge`.
    pub fn merged(
        base: &RectificationDraft,
        mine: &RectificationDraft,
        current: &RectificationDraft,
    ) -> RectificationDraft {
        RectificationDraft {
            unit_id: pick(&base.unit_id, &mine.unit_id, &current.unit_id),
            category: pick(&base.category, &mine.category, &current.category),
            source: pick(&base.source, &mine.source, &current.source),
            description: pick(&base.description, &mine.description, &current.description),
            owner: pick(&base.owner, &mine.owner, &current.owner),
            deadline: pick(&base.deadline, &mine.deadline, &current.deadline),
            status: pick(&base.status, &mine.status, &current.status),
        }
    }
}

/// The fields of item `id` that both this form (opened on `base`, now `mine`) and
/// another window (since `base`) changed, to different values.
pub fn edit_conflicts(
    state: &AppState,
    id: &str,
    base: &RectificationDraft,
    mine: &RectificationDraft,
) -> Vec<EditConflict> {
    let current = state
        .rectifications
        .iter()
        .find(|r| r.id == id)
        .map(RectificationDraft::from_item);
    let fields: [Field<RectificationDraft>; 7] = [
        (labels::UNIT, |d| d.unit_id.clone()),
        (labels::CATEGORY, |d| d.category.label().to_string()),
        (labels::SOURCE, |d| d.source.label().to_string()),
        (labels::DESCRIPTION, |d| d.description.trim().to_string()),
        (labels::OWNER, |d| d.owner.trim().to_string()),
        (labels::DEADLINE, |d| d.deadline.trim().to_string()),
        (labels::STATUS, |d| d.status.label().to_string()),
    ];
    conflicts_with_record(state, current, base, mine, &fields, labels::UNIT)
}

/// [`edit`] from a form opened on `base`: only the fields changed from `base` are
/// written (see [`RectificationDraft::merged`]).
pub fn edit_from(
    state: &mut AppState,
    id: &str,
    base: &RectificationDraft,
    draft: RectificationDraft,
    now: &str,
) -> Result<(), BetweenRoundsError> {
    let current = state
        .rectifications
        .iter()
        .find(|r| r.id == id)
        .map(RectificationDraft::from_item)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
    edit(
        state,
        id,
        RectificationDraft::merged(base, &draft, &current),
        now,
    )
}

/// Checks a draft and fills the deadline of a 警示 item from the unit's deadline.
fn checked(
    state: &AppState,
    mut d: RectificationDraft,
) -> Result<RectificationDraft, BetweenRoundsError> {
    if d.deadline.trim().is_empty() && d.source == ProblemSource::Warning {
        if let Some(by) = state.unit(&d.unit_id).and_then(|u| u.rectify_by.clone()) {
            d.deadline = by;
        }
    }
    all_of([
        check_unit(state, &d.unit_id),
        require(labels::DESCRIPTION, &d.description),
        // A whole inspection report pasted as one finding and made an item filled the
        // 整改 list and the item's heading (a clerk's review: 5,071 characters).
        check_length(labels::DESCRIPTION, &d.description),
        require(labels::DEADLINE, &d.deadline)
            .and_then(|()| check_date(labels::DEADLINE, &d.deadline)),
    ])?;
    if d.status == RectificationStatus::Closed {
        return Err(BetweenRoundsError::CloseThroughClosure);
    }
    d.deadline = d.deadline.trim().to_string();
    // A deadline before the unit entered the programme is a slip (a year mistyped):
    // saved, it would count as overdue for years.
    if let Some(u) = state
        .unit(d.unit_id.trim())
        .filter(|u| d.deadline.as_str() < super::entry_start(u.entered_year).as_str())
    {
        return Err(BetweenRoundsError::DeadlineBeforeEntry {
            unit: u.name.clone(),
            date: d.deadline.clone(),
            entered: u.entered_year,
        });
    }
    d.description = d.description.trim().to_string();
    d.owner = d.owner.trim().to_string();
    Ok(d)
}

/// Adds an item at `now`; returns its id.
pub fn add(
    state: &mut AppState,
    draft: RectificationDraft,
    now: &str,
) -> Result<Id, BetweenRoundsError> {
    add_from_visit(state, draft, None, now)
}

/// Adds an item found on visit `visit_id` (when given); returns its id.
pub(super) fn add_from_visit(
    state: &mut AppState,
    draft: RectificationDraft,
    visit_id: Option<Id>,
    now: &str,
) -> Result<Id, BetweenRoundsError> {
    // A unit that has left (退出, 摘牌) is no longer a site with problems to put right:
    // said first, before what the form lacks.
    let gone = |s: UnitStatus| matches!(s, UnitStatus::Withdrawn | UnitStatus::Delisted);
    if let Some(u) = state.unit(draft.unit_id.trim()).filter(|u| gone(u.status)) {
        let left = u
            .history
            .iter()
            .filter(|h| h.to == u.status)
            .map(|h| h.date.clone())
            .max()
            .unwrap_or_default();
        return Err(BetweenRoundsError::ForDepartedUnit {
            unit: u.name.clone(),
            how: crate::domain::outcomes::departure_word(u.status),
            left,
        });
    }
    let d = checked(state, draft)?;
    let by = state.settings.origin.clone();
    let id = state.new_id("x");
    let mut meta = RecordMeta::default();
    meta.touch(now, &by);
    state.rectifications.push(Rectification {
        id: id.clone(),
        unit_id: d.unit_id,
        category: d.category,
        description: d.description,
        owner: d.owner,
        deadline: d.deadline,
        status: d.status,
        progress: Vec::new(),
        source: d.source,
        visit_id,
        closure: None,
        opened_on: now.get(..10).unwrap_or(now).to_string(),
        meta,
    });
    Ok(id)
}

fn find_mut<'a>(
    state: &'a mut AppState,
    id: &str,
) -> Result<&'a mut Rectification, BetweenRoundsError> {
    state
        .rectifications
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))
}

/// Replaces an open item's fields with the draft's.
pub fn edit(
    state: &mut AppState,
    id: &str,
    draft: RectificationDraft,
    now: &str,
) -> Result<(), BetweenRoundsError> {
    let d = checked(state, draft)?;
    let by = state.settings.origin.clone();
    let unit_name = |id: &str| state.unit(id).map_or(id.to_string(), |u| u.name.clone());
    let (old_unit, new_unit) = {
        let r = state
            .rectifications
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| BetweenRoundsError::NotFound(id.to_string()))?;
        (unit_name(&r.unit_id), unit_name(&d.unit_id))
    };
    // An item a visit found is due after the visit, as when it was made from it.
    let visit = state
        .rectifications
        .iter()
        .find(|r| r.id == id)
        .and_then(|r| r.visit_id.as_deref())
        .and_then(|v| state.guidance_visits.iter().find(|x| x.id == v));
    if let Some(v) = visit.filter(|v| d.deadline.as_str() < v.date.as_str()) {
        return Err(BetweenRoundsError::DeadlineBeforeVisit {
            deadline: d.deadline.clone(),
            visit: v.date.clone(),
        });
    }
    let r = find_mut(state, id)?;
    if r.status == RectificationStatus::Closed {
        return Err(BetweenRoundsError::AlreadyClosed);
    }
    // Once work is on record, it is that unit's: moving it would credit another unit
    // with it. (A moved deadline is not work.)
    let worked_on = r.progress.iter().any(|n| n.kind != NoteKind::Deadline);
    if r.unit_id != d.unit_id && (worked_on || r.status != RectificationStatus::Open) {
        return Err(BetweenRoundsError::RectificationUnitFixed {
            unit: old_unit,
            other: new_unit,
        });
    }
    if d.status == RectificationStatus::Open && worked_on {
        return Err(BetweenRoundsError::BackToNotStarted);
    }
    // A moved deadline (延期) stays on the record: the item's history says from what
    // to what and when.
    if r.deadline != d.deadline {
        r.progress.push(ProgressNote {
            date: now.get(..10).unwrap_or(now).to_string(),
            note: format!("整改期限由 {} 调整为 {}", r.deadline, d.deadline),
            kind: NoteKind::Deadline,
            moved_from: Some(r.deadline.clone()),
        });
        r.progress.sort_by(|a, b| a.date.cmp(&b.date));
    }
    r.unit_id = d.unit_id;
    r.category = d.category;
    r.source = d.source;
    r.description = d.description;
    r.owner = d.owner;
    r.deadline = d.deadline;
    r.status = d.status;
    r.meta.touch(now, &by);
    Ok(())
}

/// Adds a dated progress note; an item not started moves to 整改中.
pub fn add_progress(
    state: &mut AppState,
    id: &str,
    date: &str,
    note: &str,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let now = &now.into();
    all_of([
        check_past_date("进展", date, now),
        require("进展情况", note),
        check_length("进展情况", note),
    ])?;
    let found = found_on(state, id);
    let entered = state
        .rectifications
        .iter()
        .find(|r| r.id == id)
        .and_then(|r| state.unit(&r.unit_id))
        .map(|u| (u.name.clone(), u.entered_year));
    let by = state.settings.origin.clone();
    let r = find_mut(state, id)?;
    if r.status == RectificationStatus::Closed {
        return Err(BetweenRoundsError::AlreadyClosed);
    }
    check_not_before_found(date, found)?;
    // Not before the unit entered the programme (a year typed wrong, most likely).
    if let Some((unit, entered)) =
        entered.filter(|(_, y)| date.trim() < super::entry_start(*y).as_str())
    {
        return Err(BetweenRoundsError::ProgressBeforeEntry {
            unit,
            date: date.trim().to_string(),
            entered,
        });
    }
    // The same line twice is a double click or a form sent again (a clerk's review: it
    // could not be removed, and went to the committee twice).
    if r.progress
        .iter()
        .any(|p| p.kind == NoteKind::Progress && p.date == date.trim() && p.note == note.trim())
    {
        return Err(BetweenRoundsError::DuplicateProgress {
            date: date.trim().to_string(),
            note: note.trim().to_string(),
        });
    }
    r.progress
        .push(ProgressNote::progress(date.trim(), note.trim()));
    r.progress.sort_by(|a, b| a.date.cmp(&b.date));
    if r.status == RectificationStatus::Open {
        r.status = RectificationStatus::InProgress;
    }
    r.meta.touch(now, &by);
    Ok(())
}

/// The date the problem was found, when the item knows it: the 督导 visit it came from.
/// (An item entered by hand may be entered long after the problem was found, so its
/// entry time says nothing.) With what found it, in words.
pub fn found_on(state: &AppState, id: &str) -> Option<(Date, &'static str)> {
    let r = state.rectifications.iter().find(|r| r.id == id)?;
    if let Some(visit) = r.visit_id.as_deref() {
        return state
            .guidance_visits
            .iter()
            .find(|v| v.id == visit)
            .map(|v| (v.date.clone(), "发现这个问题的督导"));
    }
    // An item of a 警示 decision: not before the warning it carries out (a clerk's
    // review: progress dated a year before the warning was taken). The warning is the
    // latest one by the day the item was registered.
    if r.source != ProblemSource::Warning {
        return None;
    }
    let unit = state.unit(&r.unit_id)?;
    unit.history
        .iter()
        .filter(|h| h.to == UnitStatus::Warned)
        .filter(|h| r.opened_on.is_empty() || h.date <= r.opened_on)
        .map(|h| h.date.clone())
        .max()
        .map(|d| (d, "提出这项整改的警示决定"))
}

/// Refuses a progress or 销号 date before the problem was found.
fn check_not_before_found(
    date: &str,
    found: Option<(Date, &'static str)>,
) -> Result<(), BetweenRoundsError> {
    match found {
        Some((found, by)) if date.trim() < found.as_str() => Err(BetweenRoundsError::BeforeFound {
            date: date.trim().to_string(),
            found,
            by,
        }),
        _ => Ok(()),
    }
}

/// 已完成: the unit (or the committee for it) reports the item done; 销号 stays the
/// committee's, on evidence. Refused for an item already closed; an item already done
/// stays as it is.
pub fn report_done(state: &mut AppState, id: &str, now: &str) -> Result<(), BetweenRoundsError> {
    let by = state.settings.origin.clone();
    let r = find_mut(state, id)?;
    match r.status {
        RectificationStatus::Closed => Err(BetweenRoundsError::AlreadyClosed),
        RectificationStatus::Done => Ok(()),
        _ => {
            r.status = RectificationStatus::Done;
            r.meta.touch(now, &by);
            Ok(())
        }
    }
}

/// 销号: the committee closes the item on `date` on the strength of `evidence`.
pub fn close(
    state: &mut AppState,
    id: &str,
    date: &str,
    evidence: &str,
    now: impl Into<Now>,
) -> Result<(), BetweenRoundsError> {
    let now = &now.into();
    all_of([
        check_past_date("销号", date, now),
        require("销号依据", evidence),
        check_length("销号依据", evidence),
    ])?;
    let found = found_on(state, id);
    let by = state.settings.origin.clone();
    let r = find_mut(state, id)?;
    if r.status == RectificationStatus::Closed {
        return Err(BetweenRoundsError::AlreadyClosed);
    }
    check_not_before_found(date, found)?;
    // The unit's progress and a 销号 withdrawn count; the note a moved deadline writes
    // is the clerk's record of a decision, dated when it was typed, not work done (a
    // clerk's review: 销号 could not be dated before the day an extension was typed).
    if let Some(last) = r
        .progress
        .iter()
        .filter(|n| n.kind != crate::domain::model::NoteKind::Deadline)
        .map(|n| n.date.as_str())
        .max()
    {
        if date.trim() < last {
            return Err(BetweenRoundsError::ClosedBeforeProgress {
                date: date.trim().to_string(),
                last: last.to_string(),
            });
        }
    }
    r.status = RectificationStatus::Closed;
    r.closure = Some(Closure {
        date: date.trim().to_string(),
        evidence: evidence.trim().to_string(),
        by: by.clone(),
    });
    r.meta.touch(now, &by);
    Ok(())
}

/// 撤销销号: a 销号 made in error (the evidence did not hold) is withdrawn with its
/// reason. The item is open again (整改中), and its progress keeps a dated note of
/// the withdrawn 销号 and why, so the record never hides that it was closed once.
pub fn reopen(
    state: &mut AppState,
    id: &str,
    reason: &str,
    now: &str,
) -> Result<(), BetweenRoundsError> {
    all_of([
        require("撤销销号的原因", reason),
        check_length("撤销销号的原因", reason),
    ])?;
    let by = state.settings.origin.clone();
    let r = find_mut(state, id)?;
    let Some(c) = r.closure.take() else {
        return Err(BetweenRoundsError::NotClosed);
    };
    r.progress.push(ProgressNote {
        date: now.get(..10).unwrap_or(now).to_string(),
        note: format!(
            "撤销销号（原销号 {}：{}）：{}",
            c.date,
            c.evidence,
            reason.trim()
        ),
        kind: NoteKind::Reopened,
        moved_from: None,
    });
    r.progress.sort_by(|a, b| a.date.cmp(&b.date));
    r.status = RectificationStatus::InProgress;
    r.meta.touch(now, &by);
    Ok(())
}

/// The most characters of an item's description shown as its heading and in lists.
pub const HEADING_CHARS: usize = 40;

/// An item's description as its heading and list entry show it: whole up to
/// [`HEADING_CHARS`] characters, else cut there with “…” (the whole is shown beside).
/// Returns the text and whether it was cut.
pub fn heading_of(description: &str) -> (String, bool) {
    let d = description.trim();
    match d.char_indices().nth(HEADING_CHARS) {
        Some((at, _)) => (format!("{}…", &d[..at]), true),
        None => (d.to_string(), false),
    }
}

/// Deletes an item.
pub fn delete(state: &mut AppState, id: &str) -> Result<(), BetweenRoundsError> {
    let before = state.rectifications.len();
    state.rectifications.retain(|r| r.id != id);
    if state.rectifications.len() == before {
        return Err(BetweenRoundsError::NotFound(id.to_string()));
    }
    Ok(())
}

/// Whether work was still owed on `r` on `day` and the deadline then in force was
/// before it. For today that is its status and deadline now; for a day gone by (a
/// finished year read at 31 December) an item closed (销号) since was still open then,
/// and one whose deadline was moved since was due by the deadline it had then, so a
/// year's figure does not change when the item is handled the next year.
pub fn is_overdue(r: &Rectification, day: &str) -> bool {
    open_on(r, day) && dates::days_between(deadline_on(r, day), day).is_some_and(|d| d > 0)
}

/// Whether `r` was not closed on `day`: closed later, or still owing work.
fn open_on(r: &Rectification, day: &str) -> bool {
    match &r.closure {
        Some(c) => c.date.as_str() > day,
        None => r.status.is_open(),
    }
}

/// The 整改期限 in force on `day`: the one the first move after `day` replaced, or the
/// deadline now when it has not moved since.
fn deadline_on<'a>(r: &'a Rectification, day: &str) -> &'a str {
    r.progress
        .iter()
        .filter(|n| n.kind == NoteKind::Deadline && n.date.as_str() > day)
        .min_by(|a, b| a.date.cmp(&b.date))
        .and_then(|n| n.moved_from.as_deref())
        .unwrap_or(&r.deadline)
}

/// Said when an item still open is saved with a deadline already past on `today` (a
/// year typed wrong, e.g. 2020 for 2026, would otherwise only show as 已逾期2529天):
/// `None` when the deadline has not passed or no work is owed.
/// A deadline more than two years ahead is pointed out too (2099 typed for 2026).
pub fn past_deadline_note(r: &Rectification, today: &str) -> Option<String> {
    if dates::days_between(today, &r.deadline).is_some_and(|d| d > FAR_DAYS) {
        return Some(format!(
            "请注意：整改期限 {} 距今超过两年。如期限填错了（例如年份），请点“修改整改事项”改正。",
            r.deadline
        ));
    }
    let days = days_overdue(r, today);
    (days > 0).then(|| {
        format!(
            "请注意：整改期限 {} 已过去 {days} 天，该事项已计为逾期。如期限填错了（例如年份），请点“修改整改事项”改正。",
            r.deadline
        )
    })
}

/// How many days ahead a deadline is pointed out as far off ([`past_deadline_note`]).
const FAR_DAYS: i64 = 730;

/// Days past the deadline in force on `day` (0 when not overdue then, see
/// [`is_overdue`]).
pub fn days_overdue(r: &Rectification, day: &str) -> i64 {
    if is_overdue(r, day) {
        dates::days_between(deadline_on(r, day), day).unwrap_or(0)
    } else {
        0
    }
}

/// Days the 销号 came after the deadline: 0 when it is not closed, or was closed on or
/// before the deadline. A late closure stays on the record after the item is done.
pub fn days_closed_late(r: &Rectification) -> i64 {
    r.closure
        .as_ref()
        .and_then(|c| dates::days_between(&r.deadline, &c.date))
        .filter(|d| *d > 0)
        .unwrap_or(0)
}

/// When the 整改期限 was moved after it had already passed (延期 of an overdue item):
/// the deadline that had passed and the days it was overdue when it was moved (the
/// longest such wait, if it was moved more than once). `days_closed_late` and
/// `is_overdue` judge by the deadline in force; this keeps the earlier lateness in view.
pub fn extended_when_overdue(r: &Rectification) -> Option<(Date, i64)> {
    r.progress
        .iter()
        .filter(|n| n.kind == NoteKind::Deadline)
        .filter_map(|n| {
            let from = n.moved_from.as_ref()?;
            let days = dates::days_between(from, &n.date)?;
            (days > 0).then(|| (from.clone(), days))
        })
        .max_by_key(|(_, days)| *days)
}

/// Whether `r` is on `year`'s list: registered in the year, due in it (by its deadline
/// now, or one it was moved from), worked on (a progress note) or closed in it, or due
/// before it and not yet closed when the year began (still open, awaiting 销号, or closed in or after the year).
/// An item whose deadline was put off into the next year, or closed long after it was
/// due, stays on the list of the year it was handled in.
pub fn in_year(r: &Rectification, year: u16) -> bool {
    let y = i32::from(year);
    let deadlines = || {
        std::iter::once(&r.deadline).chain(r.progress.iter().filter_map(|n| n.moved_from.as_ref()))
    };
    let in_y = |d: &String| dates::year_of(d) == Some(y);
    if deadlines().any(in_y)
        || in_y(&r.opened_on)
        || r.progress.iter().any(|n| in_y(&n.date))
        || r.closure.as_ref().is_some_and(|c| in_y(&c.date))
    {
        return true;
    }
    let not_closed_before = r
        .closure
        .as_ref()
        .is_none_or(|c| dates::year_of(&c.date).is_none_or(|c| c >= y));
    let first_due = deadlines().filter_map(|d| dates::year_of(d)).min();
    not_closed_before && first_due.is_none_or(|f| f < y)
}

/// Whether `r`'s unit had left the programme (退出, 摘牌) by `day`, or left after the
/// item was raised and came back since (入选培育 again): what it still had open is no
/// longer owed by a site, or was owed in its earlier spell, so it is not counted
/// overdue (a clerk's review: a unit selected again took a 174-day-old item of its
/// earlier spell into the year's 逾期 figure and the 通报).
pub fn unit_left_by(state: &AppState, r: &Rectification, day: &str) -> bool {
    let departed = |s: UnitStatus| matches!(s, UnitStatus::Withdrawn | UnitStatus::Delisted);
    let Some(unit) = state.unit(&r.unit_id) else {
        return false;
    };
    if unit.status_on(day).is_some_and(departed) {
        return true;
    }
    // Raised on its 登记 day; an item older than that field, by its first deadline.
    let raised = if r.opened_on.is_empty() {
        deadline_on(r, "")
    } else {
        r.opened_on.as_str()
    };
    unit.history.iter().any(|h| {
        departed(h.to) && h.date.as_str() <= day && !raised.is_empty() && raised <= h.date.as_str()
    })
}

/// Whether `r` is past its deadline on `day` and was owed in its unit's earlier spell:
/// the unit left (退出, 摘牌) after it was raised and is in the programme again (入选培育).
/// Not counted overdue ([`unit_left_by`]), and said beside the item so that 逾期0项 does
/// not stand unexplained next to an item months past due.
pub fn owed_in_earlier_spell(state: &AppState, r: &Rectification, day: &str) -> bool {
    let departed = |s: UnitStatus| matches!(s, UnitStatus::Withdrawn | UnitStatus::Delisted);
    is_overdue(r, day)
        && unit_left_by(state, r, day)
        && state
            .unit(&r.unit_id)
            .is_some_and(|u| u.status_on(day).is_some_and(|s| !departed(s)))
}

/// [`is_overdue`] for an item of a unit still in the programme on `day`: the overdue
/// figures of 概览, 报表 and the 通报, and the list's 逾期, leave out the items of a
/// unit that had left ([`unit_left_by`]).
pub fn is_overdue_in(state: &AppState, r: &Rectification, day: &str) -> bool {
    is_overdue(r, day) && !unit_left_by(state, r, day)
}

/// The overdue items ([`is_overdue_in`]), the longest overdue first (then by id).
pub fn overdue<'a>(state: &'a AppState, today: &str) -> Vec<&'a Rectification> {
    let mut v: Vec<&Rectification> = state
        .rectifications
        .iter()
        .filter(|r| is_overdue_in(state, r, today))
        .collect();
    v.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.id.cmp(&b.id)));
    v
}

/// A filter on the 整改 list; empty or `None` fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RectificationFilter {
    pub unit_id: String,
    pub category: Option<ProblemCategory>,
    pub status: Option<RectificationStatus>,
    pub source: Option<ProblemSource>,
    pub overdue_only: bool,
}

/// The items that pass `f`: overdue first, then by deadline and id.
pub fn filtered<'a>(
    state: &'a AppState,
    f: &RectificationFilter,
    today: &str,
) -> Vec<&'a Rectification> {
    let mut v: Vec<&Rectification> = state
        .rectifications
        .iter()
        .filter(|r| f.unit_id.is_empty() || r.unit_id == f.unit_id)
        .filter(|r| f.category.is_none_or(|c| r.category == c))
        .filter(|r| f.status.is_none_or(|s| r.status == s))
        .filter(|r| f.source.is_none_or(|s| r.source == s))
        .filter(|r| !f.overdue_only || is_overdue_in(state, r, today))
        .collect();
    v.sort_by(|a, b| {
        is_overdue_in(state, b, today)
            .cmp(&is_overdue_in(state, a, today))
            .then(a.deadline.cmp(&b.deadline))
            .then(a.id.cmp(&b.id))
    });
    v
}

/// A unit's items still owing work and how many of them are overdue.
pub fn unit_open_counts(state: &AppState, unit_id: &str, today: &str) -> (usize, usize) {
    let open: Vec<&Rectification> = state
        .rectifications
        .iter()
        .filter(|r| r.unit_id == unit_id && r.status.is_open())
        .collect();
    let late = open
        .iter()
        .filter(|r| is_overdue_in(state, r, today))
        .count();
    (open.len(), late)
}

/// Why a 警示 with its items was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarnError {
    #[error(transparent)]
    Lifecycle(#[from] crate::domain::lifecycle::LifecycleError),
    #[error(transparent)]
    Item(#[from] BetweenRoundsError),
}

impl crate::domain::problems::FieldsAt for WarnError {
    fn fields(&self) -> Vec<String> {
        match self {
            WarnError::Lifecycle(e) => e.fields(),
            // An item of the list refused: the list.
            WarnError::Item(_) => vec![WARN_ITEMS_LABEL.to_string()],
        }
    }
}

/// The 状态变更 form's list of the warning's rectification items.
pub const WARN_ITEMS_LABEL: &str = "警示整改事项（每行一项）";
/// The 状态变更 form's category of those items.
pub const WARN_CATEGORY_LABEL: &str = "警示整改事项类别";

/// Gives a unit 警示 (`req.to` must be 警示, with its deadline and 文号) and creates
/// one 整改 item per non-empty line of `items`, each from the 警示 decision with the
/// warning's deadline. The unit's items already open count towards the same deadline
/// (see `lifecycle::propose_overdue`). All or nothing: on an error nothing changes.
pub fn warn_with_items(
    state: &mut AppState,
    unit_id: &str,
    req: &crate::domain::lifecycle::StatusChangeRequest,
    category: ProblemCategory,
    items: &str,
    now: impl Into<Now>,
) -> Result<Vec<Id>, WarnError> {
    let now = &now.into();
    let mut next = state.clone();
    crate::domain::lifecycle::change_status(&mut next, unit_id, req, now)?;
    let mut ids = Vec::new();
    for line in items.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let draft = RectificationDraft {
            unit_id: unit_id.to_string(),
            category,
            source: ProblemSource::Warning,
            description: line.to_string(),
            owner: String::new(),
            deadline: String::new(),
            status: RectificationStatus::Open,
        };
        ids.push(add(&mut next, draft, now)?);
    }
    *state = next;
    Ok(ids)
}
