//! 补记授牌信息: a site entered in the roster already 已授牌 (or 警示), named before the
//! committee kept its programme in this app, has no naming in its status history, so
//! nothing knew when it was named: its 复查 never fell due and its plaque was unknown.
//! Its 授牌日期 and 牌匾编号 are recorded afterwards, without a history entry (the
//! naming was not decided in any year this app reports on). A plaque number left
//! blank at 授牌, or mistyped, is recorded or corrected by `record_plaque_no`.

use super::LifecycleError;
use crate::domain::dates::{self, Now};
use crate::domain::lifecycle_settings::naming_date;
use crate::domain::model::*;
use crate::domain::typed::half_width;
use crate::domain::validation::check_date;

/// Whether `u` may have its naming recorded afterwards: 已授牌 or 警示, with no naming
/// in its history (a naming decided in this app is corrected nowhere but there).
pub fn can_record_earlier_naming(u: &Unit) -> bool {
    matches!(u.status, UnitStatus::Named | UnitStatus::Warned) && !named_in_history(u)
}

fn named_in_history(u: &Unit) -> bool {
    u.history
        .iter()
        .any(|h| h.to == UnitStatus::Named && h.from != UnitStatus::Warned)
}

/// Records that site `unit_id` was named on `date` (`YYYY-MM-DD`, not after `now`, not
/// before its 入选年份 and not after the first change in its history) with plaque
/// `plaque_no` (optional; a number another unit holds is refused), and, for one entered
/// already 警示, the 整改期限 `rectify_by` it was given (required while it has none;
/// not before `date`).
/// Refuses, changing nothing, a unit that is not 已授牌 or 警示 or whose naming is in
/// its history.
pub fn record_earlier_naming(
    state: &mut AppState,
    unit_id: &str,
    date: &str,
    plaque_no: &str,
    rectify_by: &str,
    now: impl Into<Now>,
) -> Result<(), LifecycleError> {
    let now = &now.into();
    let origin = state.settings.origin.clone();
    let plaque = half_width(plaque_no.trim());
    let date = date.trim();
    let u = site_holding_plaque(state, unit_id)?;
    let unit = u.name.clone();
    if named_in_history(u) {
        return Err(LifecycleError::NamingInHistory {
            unit,
            date: naming_date(u).unwrap_or_default(),
        });
    }
    let wrong = |why: String| LifecycleError::EarlierNamingDate {
        unit: unit.clone(),
        value: date.to_string(),
        why,
    };
    if date.is_empty() {
        return Err(LifecycleError::MissingNamingDate { unit });
    }
    check_date("", date).map_err(|_| wrong("格式不正确，应为“年-月-日”，如 2021-07-01".into()))?;
    if now.has_not_come(date) {
        return Err(wrong("晚于今天".into()));
    }
    if dates::year_of(date) < Some(i32::from(u.entered_year)) {
        return Err(wrong(format!("早于其入选年份（{}年）", u.entered_year)));
    }
    if let Some(first) = u.history.iter().map(|h| h.date.as_str()).min() {
        if date > first {
            return Err(wrong(format!(
                "晚于其状态履历中的第一次变更（{first}），授牌应在此之前"
            )));
        }
    }
    let rectify_by = rectify_by.trim();
    let warned_deadline = u.status == UnitStatus::Warned && !rectify_by.is_empty();
    // A warning has a deadline: one entered without it gets it here.
    if u.status == UnitStatus::Warned && rectify_by.is_empty() && u.rectify_by.is_none() {
        return Err(LifecycleError::MissingDeadline { unit });
    }
    if warned_deadline {
        check_date("", rectify_by).map_err(|_| LifecycleError::BadDeadline {
            unit: unit.clone(),
            value: rectify_by.to_string(),
        })?;
        if rectify_by < date {
            return Err(LifecycleError::DeadlineBeforeNaming {
                unit,
                deadline: rectify_by.to_string(),
                date: date.to_string(),
            });
        }
    }
    if !plaque.is_empty() {
        plaque_free(state, unit_id, &unit, &plaque)?;
    }
    let u = unit_mut(state, unit_id)?;
    u.named_on = Some(date.to_string());
    u.plaque_no = (!plaque.is_empty()).then_some(plaque);
    if warned_deadline {
        u.rectify_by = Some(rectify_by.to_string());
    }
    u.meta.touch(now, &origin);
    Ok(())
}

/// Records or corrects the 牌匾编号 of site `unit_id` (已授牌 or 警示): one left blank
/// when it was named, or mistyped. A blank number, or one another unit holds, is
/// refused, changing nothing. No history entry: the naming itself does not change.
pub fn record_plaque_no(
    state: &mut AppState,
    unit_id: &str,
    plaque_no: &str,
    now: &str,
) -> Result<(), LifecycleError> {
    let origin = state.settings.origin.clone();
    let plaque = half_width(plaque_no.trim());
    let unit = site_holding_plaque(state, unit_id)?.name.clone();
    if plaque.is_empty() {
        return Err(LifecycleError::MissingPlaque { unit });
    }
    plaque_free(state, unit_id, &unit, &plaque)?;
    let u = unit_mut(state, unit_id)?;
    if u.plaque_no.as_deref() != Some(plaque.as_str()) {
        u.plaque_no = Some(plaque);
        u.meta.touch(now, &origin);
    }
    Ok(())
}

/// Unit `unit_id`, which must be 已授牌 or 警示 (a site that holds a plaque).
fn site_holding_plaque<'a>(state: &'a AppState, unit_id: &str) -> Result<&'a Unit, LifecycleError> {
    let u = state
        .unit(unit_id)
        .ok_or_else(|| LifecycleError::UnitNotFound(unit_id.to_string()))?;
    if !matches!(u.status, UnitStatus::Named | UnitStatus::Warned) {
        return Err(LifecycleError::NotHoldingPlaque {
            unit: u.name.clone(),
            status: u.status.label(),
        });
    }
    Ok(u)
}

/// Refuses plaque number `plaque` for unit `unit_id` (named `unit`) when another holds it.
fn plaque_free(
    state: &AppState,
    unit_id: &str,
    unit: &str,
    plaque: &str,
) -> Result<(), LifecycleError> {
    match super::plaque_holder(state, unit_id, plaque) {
        Some(other) => Err(super::duplicate_plaque(unit, plaque, other)),
        None => Ok(()),
    }
}

fn unit_mut<'a>(state: &'a mut AppState, unit_id: &str) -> Result<&'a mut Unit, LifecycleError> {
    state
        .units
        .iter_mut()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| LifecycleError::UnitNotFound(unit_id.to_string()))
}
