//! 整改期限延期: the committee extends a warned unit's 整改期限 by decision (with its
//! date, 文号 and reason). The status stays 警示, so nothing enters the history; the
//! extension is kept on the unit (`Unit::extensions`). The unit's rectification items
//! still open that were due on the old deadline move with it, so the 整改 list, the
//! 整改通知 and the 摘牌 rule all read the new date.

use crate::domain::dates::Now;
use crate::domain::model::*;
use crate::domain::validation::check_date;

/// Why a 整改期限 was not extended (nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    #[error("找不到单位「{0}」")]
    UnitNotFound(String),
    #[error("单位「{unit}」现在是“{status}”，只有警示期间的整改期限才能延期")]
    NotWarned { unit: String, status: &'static str },
    #[error("单位「{unit}」还没有整改期限，请先在“补记授牌信息”中填写警示时定下的整改期限")]
    NoDeadline { unit: String },
    #[error("请填写延期决定的日期")]
    MissingDate,
    #[error("延期决定日期「{value}」{why}，请核对")]
    BadDate { value: String, why: String },
    #[error("请填写延期后的整改期限")]
    MissingDeadline,
    #[error("延期后的整改期限「{value}」{why}，请核对")]
    BadDeadline { value: String, why: String },
    #[error("请填写延期理由")]
    MissingReason,
    #[error("请填写延期决定的文号：整改期限延期须依据工委的决定")]
    MissingDocNo,
}

/// Said before an extension is confirmed when its new deadline is more than two years
/// after the decision (2029 typed for 2027), as the 整改事项 form says of its deadline.
pub fn far_deadline_note(req: &ExtensionRequest) -> Option<String> {
    let (date, to) = (req.date.trim(), req.to.trim());
    // Two years to the day is not more (2026-12-01 → 2028-12-01, a leap year between).
    let limit = crate::domain::dates::add_months(date, 24)?;
    (crate::domain::dates::parse_date(to).is_some() && to > limit.as_str())
        .then(|| format!("请注意：延期后的整改期限 {to} 距决定日期超过两年，请核对年份。"))
}

/// Whether `u`'s 整改期限 can be extended now: warned, with a deadline. The form shows
/// only then; [`extend_deadline`] refuses otherwise, saying which.
pub fn can_extend_deadline(u: &Unit) -> bool {
    u.status == UnitStatus::Warned && u.rectify_by.is_some()
}

/// What the committee decided: on `date`, by its decision `doc_no` (文号), the 整改期限
/// moves to `to`, for `reason`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtensionRequest {
    pub date: String,
    pub to: String,
    pub doc_no: String,
    pub reason: String,
}

/// Extends the 整改期限 of warned unit `unit_id` as `req` says: the decision's date not
/// after `now`, not before the 警示 nor before its last extension; the new deadline later than the present one
/// and than the decision's date; the decision's 文号; a reason. The unit's rectification items not yet
/// 销号 that were due on the present deadline move to the new one, each with a dated
/// note of the move. Returns how many
/// items moved. Refuses, changing nothing, anything else.
pub fn extend_deadline(
    state: &mut AppState,
    unit_id: &str,
    req: &ExtensionRequest,
    now: impl Into<Now>,
) -> Result<usize, ExtensionError> {
    let now = &now.into();
    let origin = state.settings.origin.clone();
    let (date, to) = (req.date.trim(), req.to.trim());
    let (doc_no, reason) = (req.doc_no.trim(), req.reason.trim());
    let u = state
        .unit(unit_id)
        .ok_or_else(|| ExtensionError::UnitNotFound(unit_id.to_string()))?;
    let unit = u.name.clone();
    if u.status != UnitStatus::Warned {
        return Err(ExtensionError::NotWarned {
            unit,
            status: u.status.label(),
        });
    }
    let Some(from) = u.rectify_by.clone() else {
        return Err(ExtensionError::NoDeadline { unit });
    };
    if date.is_empty() {
        return Err(ExtensionError::MissingDate);
    }
    let bad_date = |why: String| ExtensionError::BadDate {
        value: date.to_string(),
        why,
    };
    check_date("", date)
        .map_err(|_| bad_date("格式不正确，应为“年-月-日”，如 2026-11-20".into()))?;
    if now.has_not_come(date) {
        return Err(bad_date("晚于今天".into()));
    }
    if let Some(warned) = u.warned_on() {
        if date < warned {
            return Err(bad_date(format!("早于警示日期（{warned}）")));
        }
    }
    // Nor before this warning's last extension: its record would say the deadline on
    // that day was one set only later.
    let last = u
        .extensions
        .iter()
        .filter(|e| u.warned_on().is_none_or(|w| e.date.as_str() >= w))
        .map(|e| e.date.as_str())
        .max();
    if let Some(last) = last.filter(|l| date < *l) {
        return Err(bad_date(format!("早于上一次延期决定的日期（{last}）")));
    }
    if to.is_empty() {
        return Err(ExtensionError::MissingDeadline);
    }
    let bad_deadline = |why: String| ExtensionError::BadDeadline {
        value: to.to_string(),
        why,
    };
    check_date("", to)
        .map_err(|_| bad_deadline("格式不正确，应为“年-月-日”，如 2027-06-30".into()))?;
    if to <= from.as_str() {
        return Err(bad_deadline(format!(
            "不晚于现在的整改期限（{from}），不是延期"
        )));
    }
    if to <= date {
        return Err(bad_deadline(format!("不晚于延期决定日期（{date}）")));
    }
    // A decision, as every other status decision is (a clerk's review: it was saved
    // with none, and its record printed "—").
    if doc_no.is_empty() {
        return Err(ExtensionError::MissingDocNo);
    }
    if reason.is_empty() {
        return Err(ExtensionError::MissingReason);
    }
    let Some(u) = state.units.iter_mut().find(|u| u.id == unit_id) else {
        return Err(ExtensionError::UnitNotFound(unit_id.to_string()));
    };
    let at = u.extensions.partition_point(|e| e.date.as_str() <= date);
    u.extensions.insert(
        at,
        DeadlineExtension {
            date: date.to_string(),
            from: from.clone(),
            to: to.to_string(),
            doc_no: doc_no.to_string(),
            reason: reason.to_string(),
        },
    );
    u.rectify_by = Some(to.to_string());
    u.meta.touch(now, &origin);
    let decision = if doc_no.is_empty() {
        "按延期决定".to_string()
    } else {
        format!("按延期决定（{doc_no}）")
    };
    let mut moved = 0;
    for r in state.rectifications.iter_mut().filter(|r| {
        r.unit_id == unit_id && r.status != RectificationStatus::Closed && r.deadline == from
    }) {
        // As a moved deadline on the item itself (`rectification::edit`): dated by the
        // decision, so its lateness then stays in view.
        r.progress.push(ProgressNote {
            date: date.to_string(),
            note: format!("{decision}，整改期限由 {from} 调整为 {to}"),
            kind: NoteKind::Deadline,
            moved_from: Some(from.clone()),
        });
        r.progress.sort_by(|a, b| a.date.cmp(&b.date));
        r.deadline = to.to_string();
        r.meta.touch(now, &origin);
        moved += 1;
    }
    Ok(moved)
}
