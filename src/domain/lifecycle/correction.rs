//! 更正履历: the last entry of a unit's status history corrected in place (its date,
//! reason or 文号 mistyped when it was recorded), with what hangs on its date moved
//! along. The status itself is not changed here: another status is a new decision.

use super::{check_date, needs_doc_no, pairing_end, LifecycleError};
use crate::domain::dates::Now;
use crate::domain::model::*;

/// The corrected fields of a unit's last status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryCorrection {
    /// `YYYY-MM-DD`.
    pub date: Date,
    pub reason: String,
    pub doc_no: String,
}

/// What a correction moves along with the entry's date: the unit's 授牌日期 (when
/// this entry named it) and the pairings its 摘牌 or 退出 ended that day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorrectionEffects {
    pub naming_date: bool,
    pub pairings: usize,
}

impl CorrectionEffects {
    /// Said in the confirmation (empty when nothing else moves).
    pub fn note(&self, date: &str) -> String {
        let mut said = Vec::new();
        if self.naming_date {
            said.push(format!("授牌日期随之改为 {date}"));
        }
        if self.pairings > 0 {
            said.push(format!(
                "随之结束的{}个结对的结束日期改为 {date}（有晚于该日的活动记录的，记为最后一次活动的日期）",
                self.pairings
            ));
        }
        if said.is_empty() {
            String::new()
        } else {
            format!("；{}", said.join("；"))
        }
    }
}

/// Corrects the date, reason and 文号 of the last entry of unit `unit_id`'s status
/// history, by the rules [`super::change_status`] recorded it under: a date that has
/// come, not before the unit's entry nor its previous entry; a reason; a 文号 for a
/// decision; a warning's date before its 整改期限 and before any extension of it; a
/// warning lifted not before its last extension. The unit's 授牌日期, and the pairings
/// a 摘牌 or 退出 ended, move with the date. Refused, it changes nothing; says what
/// moved along.
pub fn correct_last_change(
    state: &mut AppState,
    unit_id: &str,
    c: &HistoryCorrection,
    now: impl Into<Now>,
) -> Result<CorrectionEffects, LifecycleError> {
    let now = &now.into();
    let origin = state.settings.origin.clone();
    let unit = state
        .unit(unit_id)
        .ok_or_else(|| LifecycleError::UnitNotFound(unit_id.to_string()))?;
    let name = unit.name.clone();
    let Some((last, earlier)) = unit.history.split_last() else {
        return Err(LifecycleError::NoHistory { unit: name });
    };
    let date = c.date.trim().to_string();
    if date.is_empty() {
        return Err(LifecycleError::MissingDate { unit: name });
    }
    let bad_date = || LifecycleError::BadDate {
        unit: name.clone(),
        value: date.clone(),
    };
    check_date("", &date).map_err(|_| bad_date())?;
    if now.has_not_come(&date) {
        return Err(LifecycleError::FutureDate {
            unit: name,
            value: date,
        });
    }
    if date.get(..4).and_then(|y| y.parse::<u16>().ok()) < Some(unit.entered_year) {
        return Err(LifecycleError::BeforeEntry {
            unit: name,
            value: date,
            year: unit.entered_year,
        });
    }
    if let Some(prev) = earlier.last().filter(|h| h.date > date) {
        return Err(LifecycleError::BeforeLastChange {
            unit: name,
            value: date,
            last: prev.date.clone(),
            last_to: prev.to.label(),
        });
    }
    // The extensions of the warning this entry made, or of the one it lifted.
    let warned_since = match (last.to, earlier.last()) {
        (UnitStatus::Warned, _) => Some(last.date.as_str()),
        (_, Some(prev)) if last.from == UnitStatus::Warned && prev.to == UnitStatus::Warned => {
            Some(prev.date.as_str())
        }
        _ => None,
    };
    let extensions: Vec<&DeadlineExtension> = warned_since
        .map(|since| {
            unit.extensions
                .iter()
                .filter(|e| e.date.as_str() >= since)
                .collect()
        })
        .unwrap_or_default();
    if last.to == UnitStatus::Warned {
        if let Some(first) = extensions.iter().map(|e| e.date.as_str()).min() {
            if date.as_str() > first {
                return Err(LifecycleError::AfterExtension {
                    unit: name,
                    value: date,
                    extension: first.to_string(),
                });
            }
        }
        // The deadline in force: the last extension's, or the warning's own.
        if let Some(d) = unit.rectify_by.as_deref().filter(|d| *d <= date.as_str()) {
            return Err(LifecycleError::DeadlineBeforeDate {
                unit: name,
                deadline: d.to_string(),
                date,
            });
        }
    } else if let Some(ext) = extensions
        .iter()
        .filter(|e| e.date > date)
        .max_by(|a, b| a.date.cmp(&b.date))
    {
        return Err(LifecycleError::BeforeLastChange {
            unit: name,
            value: date,
            last: ext.date.clone(),
            last_to: "整改期限延期",
        });
    }
    if c.reason.trim().is_empty() {
        return Err(LifecycleError::MissingReason { unit: name });
    }
    if needs_doc_no(last.to) && c.doc_no.trim().is_empty() {
        return Err(LifecycleError::MissingDocNo {
            unit: name,
            to: last.to.label(),
        });
    }
    let old = last.date.clone();
    let to = last.to;
    let changed =
        last.date != date || last.reason != c.reason.trim() || last.doc_no != c.doc_no.trim();
    let mut effects = CorrectionEffects::default();
    if !changed {
        return Ok(effects);
    }
    let Some(unit) = state.units.iter_mut().find(|u| u.id == unit_id) else {
        return Err(LifecycleError::UnitNotFound(unit_id.to_string()));
    };
    if let Some(last) = unit.history.last_mut() {
        last.date = date.clone();
        last.reason = c.reason.trim().to_string();
        last.doc_no = c.doc_no.trim().to_string();
    }
    if to == UnitStatus::Named && unit.named_on.as_deref() == Some(old.as_str()) && old != date {
        unit.named_on = Some(date.clone());
        effects.naming_date = true;
    }
    unit.meta.touch(now, &origin);
    if matches!(to, UnitStatus::Delisted | UnitStatus::Withdrawn) && old != date {
        // Those it ended: on its day, or on the last activity after it (a clerk's
        // re-test: corrected twice, the second date left such a pairing behind).
        for p in state.pairings.iter_mut().filter(|p| {
            p.site_id == unit_id
                && p.status == PairingStatus::Ended
                && p.ended_on.as_deref() == Some(pairing_end(p, &old).as_str())
        }) {
            p.ended_on = Some(pairing_end(p, &date));
            p.meta.touch(now, &origin);
            effects.pairings += 1;
        }
    }
    Ok(effects)
}
