//! 复查: the periodic re-check of a site (every `review_years` after its 授牌; see
//! `lifecycle_settings::reviews_due`). Recording one takes the site off the 到期复查
//! list until its next anniversary. A failed 复查 changes no status by itself: the
//! committee decides a 警示 or 摘牌 as any other change, with its 文号.

use crate::domain::dates::{self, Now};
use crate::domain::lifecycle_settings::{anniversaries, naming_date};
use crate::domain::model::*;
use crate::domain::validation::check_date;

/// Why a 复查 was not recorded (nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("找不到单位「{0}」")]
    UnitNotFound(String),
    #[error("单位「{unit}」现在是“{status}”，只有已授牌或警示的示范点才记录复查")]
    NotASite { unit: String, status: &'static str },
    #[error("请填写单位「{unit}」的复查日期")]
    MissingDate { unit: String },
    #[error("单位「{unit}」的复查日期「{value}」{why}，请核对")]
    BadDate {
        unit: String,
        value: String,
        why: String,
    },
    #[error("单位「{unit}」{date}的复查已经记录过了")]
    SameDate { unit: String, date: Date },
    #[error("复查不合格的，请在“情况说明”中写明存在的问题")]
    MissingNote,
    /// Recorded for the 复查 due on `due_on`, a date that does not count for it.
    #[error("复查日期 {date} 早于 {from}，不算 {due_on} 到期的这次复查（到期前一年内或到期后的复查才算）；请核对日期")]
    TooEarlyForDue {
        date: Date,
        from: Date,
        due_on: Date,
    },
    #[error("复查日期 {date} 的复查将算作 {missed} 到期而未做的那次复查，{due_on} 到期的这次仍需另行记录；请核对日期")]
    CountsForMissed {
        date: Date,
        missed: Date,
        due_on: Date,
    },
    #[error("单位「{unit}」没有 {date} 的复查记录，可能已被删除")]
    NoSuchReview { unit: String, date: Date },
}

/// Records a 复查 of site `unit_id` (已授牌 or 警示) on `date` (`YYYY-MM-DD`: not after
/// `now`, not before its 授牌) with `conclusion` and `note` (required when it failed).
/// A second 复查 on the same day is refused. Kept in date order.
pub fn record_review(
    state: &mut AppState,
    unit_id: &str,
    date: &str,
    conclusion: ReviewConclusion,
    note: &str,
    now: impl Into<Now>,
) -> Result<(), ReviewError> {
    let now = &now.into();
    let origin = state.settings.origin.clone();
    let (date, note) = (date.trim(), note.trim());
    let u = state
        .units
        .iter_mut()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| ReviewError::UnitNotFound(unit_id.to_string()))?;
    let unit = u.name.clone();
    if !matches!(u.status, UnitStatus::Named | UnitStatus::Warned) {
        return Err(ReviewError::NotASite {
            unit,
            status: u.status.label(),
        });
    }
    if date.is_empty() {
        return Err(ReviewError::MissingDate { unit });
    }
    let wrong = |why: String| ReviewError::BadDate {
        unit: unit.clone(),
        value: date.to_string(),
        why,
    };
    check_date("", date).map_err(|_| wrong("格式不正确，应为“年-月-日”，如 2026-11-20".into()))?;
    if now.has_not_come(date) {
        return Err(wrong("晚于今天".into()));
    }
    if let Some(named) = naming_date(u) {
        if date < named.as_str() {
            return Err(wrong(format!("早于其授牌日期（{named}）")));
        }
    }
    if u.reviews.iter().any(|r| r.date == date) {
        return Err(ReviewError::SameDate {
            unit,
            date: date.to_string(),
        });
    }
    if conclusion == ReviewConclusion::Failed && note.is_empty() {
        return Err(ReviewError::MissingNote);
    }
    let at = u.reviews.partition_point(|r| r.date.as_str() <= date);
    u.reviews.insert(
        at,
        Review {
            date: date.to_string(),
            conclusion,
            note: note.to_string(),
        },
    );
    u.meta.touch(now, &origin);
    Ok(())
}

/// Records the 复查 due on `due_on` (from the 到期复查 list, on `today`) as
/// [`record_review`] does, and refuses a date that would leave it due: one more than a
/// year before `due_on`, or one that counts for an earlier anniversary missed.
#[allow(clippy::too_many_arguments)]
pub fn record_due_review(
    state: &mut AppState,
    unit_id: &str,
    due_on: &str,
    today: &str,
    date: &str,
    conclusion: ReviewConclusion,
    note: &str,
    now: impl Into<Now>,
) -> Result<(), ReviewError> {
    let now = &now.into();
    let mut next = state.clone();
    record_review(&mut next, unit_id, date, conclusion, note, now)?;
    let period = next.settings.lifecycle_rules.review_years.max(1) as u32;
    let date = date.trim();
    if let Some(u) = next.unit(unit_id) {
        let dates: Vec<Date> = naming_date(u)
            .map(|named| anniversaries(&named, period, today))
            .unwrap_or_default();
        if let Some(k) = dates.iter().position(|d| d == due_on) {
            let done = reviewed(u, &dates);
            if !done[k] {
                let from = year_before(due_on).unwrap_or_default();
                let before = state.unit(unit_id).map(|u| reviewed(u, &dates));
                let missed = before
                    .and_then(|b| (0..k).find(|&j| done[j] && !b[j]))
                    .map(|j| dates[j].clone());
                return Err(match missed {
                    Some(missed) => ReviewError::CountsForMissed {
                        date: date.to_string(),
                        missed,
                        due_on: due_on.to_string(),
                    },
                    None => ReviewError::TooEarlyForDue {
                        date: date.to_string(),
                        from,
                        due_on: due_on.to_string(),
                    },
                });
            }
        }
    }
    *state = next;
    Ok(())
}

/// Deletes site `unit_id`'s 复查 of `date` (one entered by mistake); a 复查 not there
/// is refused, changing nothing.
pub fn delete_review(
    state: &mut AppState,
    unit_id: &str,
    date: &str,
    now: &str,
) -> Result<(), ReviewError> {
    let origin = state.settings.origin.clone();
    let u = state
        .units
        .iter_mut()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| ReviewError::UnitNotFound(unit_id.to_string()))?;
    let Some(at) = u.reviews.iter().position(|r| r.date == date) else {
        return Err(ReviewError::NoSuchReview {
            unit: u.name.clone(),
            date: date.to_string(),
        });
    };
    u.reviews.remove(at);
    u.meta.touch(now, &origin);
    Ok(())
}

/// Which of a site's 复查 anniversaries (`anniversaries`, in order) have their 复查
/// recorded. Each 复查, in date order, covers every anniversary on or before its date
/// still uncovered (a late 复查 catches up on those missed); one held before any is
/// due covers the next anniversary if it is at most twelve months ahead (a 复查 held
/// early in its year). So a late 复查 never also counts for the next one.
pub fn reviewed(u: &Unit, anniversaries: &[Date]) -> Vec<bool> {
    let mut done = vec![false; anniversaries.len()];
    for r in &u.reviews {
        let date = r.date.as_str();
        let mut caught_up = false;
        for (d, a) in done.iter_mut().zip(anniversaries) {
            if a.as_str() <= date && !*d {
                *d = true;
                caught_up = true;
            }
        }
        if caught_up {
            continue;
        }
        if let Some(k) = anniversaries.iter().position(|a| a.as_str() > date) {
            if year_before(&anniversaries[k]).is_some_and(|from| date > from.as_str()) {
                done[k] = true;
            }
        }
    }
    done
}

/// The same day a year before `date` (28 February for a 29th).
fn year_before(date: &str) -> Option<String> {
    dates::parse_date(date).map(|d| {
        let day = if d.month == 2 && d.day == 29 {
            28
        } else {
            d.day
        };
        format!("{:04}-{:02}-{:02}", d.year - 1, d.month, day)
    })
}
