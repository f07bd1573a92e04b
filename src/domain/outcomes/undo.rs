//! Undoing a step of an outcome's path, with a reason: the step's line and the undoing
//! both stay in the history.

use super::path::{check_date, find_mut, seed_history};
use super::steps::not_before_registration;
use super::OutcomeError;
use crate::domain::model::*;

/// A step that can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoTarget {
    File,
    Feedback,
    Recognise,
    /// The last promotion stage (back one stage).
    Promote,
    /// The incentive at this position of `path.incentives`.
    Incentive(usize),
}

impl UndoTarget {
    /// The name of what is undone, e.g. "撤销认定".
    pub fn label(self, o: &Outcome) -> String {
        match self {
            UndoTarget::File => "撤销备案".into(),
            UndoTarget::Feedback => "撤销反馈".into(),
            UndoTarget::Recognise => "撤销认定".into(),
            UndoTarget::Promote => format!("撤销{}", o.promotion.label()),
            UndoTarget::Incentive(i) => match o.path.incentives.get(i) {
                Some(x) => format!("撤销{}「{}」", x.kind.label(), x.what),
                None => "撤销表彰/奖励".into(),
            },
        }
    }
}

/// Why `target` cannot be undone now, or `Ok` when it can.
fn can_undo(o: &Outcome, target: UndoTarget) -> Result<(), OutcomeError> {
    let not_done = |step: OutcomeStep| OutcomeError::NotDone {
        title: o.title.clone(),
        step: step.label(),
    };
    let blocked = |step: OutcomeStep, later: &'static str| OutcomeError::UndoBlocked {
        step: step.label(),
        later,
    };
    match target {
        UndoTarget::File => {
            if o.filed_on.is_none() {
                return Err(not_done(OutcomeStep::File));
            }
            if o.feedback_on.is_some() {
                return Err(blocked(OutcomeStep::File, OutcomeStep::Feedback.label()));
            }
            if !o.path.incentives.is_empty() {
                return Err(blocked(OutcomeStep::File, OutcomeStep::Incentive.label()));
            }
        }
        UndoTarget::Feedback => {
            if o.feedback_on.is_none() {
                return Err(not_done(OutcomeStep::Feedback));
            }
            if o.recognised {
                return Err(blocked(
                    OutcomeStep::Feedback,
                    OutcomeStep::Recognise.label(),
                ));
            }
            if o.promotion != PromotionStage::OwnUnit {
                return Err(blocked(OutcomeStep::Feedback, o.promotion.label()));
            }
        }
        UndoTarget::Recognise => {
            if !o.recognised {
                return Err(not_done(OutcomeStep::Recognise));
            }
        }
        UndoTarget::Promote => {
            if o.promotion == PromotionStage::OwnUnit {
                return Err(not_done(OutcomeStep::PromoteSystem));
            }
        }
        UndoTarget::Incentive(i) => {
            if i >= o.path.incentives.len() {
                return Err(OutcomeError::NoSuchIncentive);
            }
        }
    }
    Ok(())
}

/// The steps that can be undone now, latest first within the path.
pub fn undo_targets(o: &Outcome) -> Vec<UndoTarget> {
    let mut all = vec![
        UndoTarget::Promote,
        UndoTarget::Recognise,
        UndoTarget::Feedback,
        UndoTarget::File,
    ];
    all.extend((0..o.path.incentives.len()).map(UndoTarget::Incentive));
    all.into_iter()
        .filter(|t| can_undo(o, *t).is_ok())
        .collect()
}

/// Undoes a step with a reason, dated `date`; the undoing is added to the history and
/// the step's line stays there. Returns the step undone.
pub fn undo_step(
    state: &mut AppState,
    id: &str,
    target: UndoTarget,
    date: &str,
    reason: &str,
    now: &str,
) -> Result<OutcomeStep, OutcomeError> {
    let origin = state.settings.origin.clone();
    let by_unit = state
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .is_some_and(|o| state.unit(&o.meta.by).is_some());
    let o = find_mut(state, id)?;
    can_undo(o, target)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OutcomeError::NoReason);
    }
    let date = check_date("撤销日期", date)?;
    not_before_registration(o, "撤销", &date)?;
    let mut doc_no = String::new();
    let step = match target {
        UndoTarget::File => {
            o.filed_on = None;
            doc_no = std::mem::take(&mut o.path.filing_no);
            OutcomeStep::File
        }
        UndoTarget::Feedback => {
            o.feedback_on = None;
            o.path.feedback.clear();
            OutcomeStep::Feedback
        }
        UndoTarget::Recognise => {
            o.recognised = false;
            o.path.recognised_on = None;
            doc_no = std::mem::take(&mut o.path.recognition_doc_no);
            OutcomeStep::Recognise
        }
        UndoTarget::Promote => {
            if o.promotion == PromotionStage::Municipal {
                o.promotion = PromotionStage::System;
                o.promoted_on = o.path.system_on.clone();
                OutcomeStep::PromoteMunicipal
            } else {
                o.promotion = PromotionStage::OwnUnit;
                o.promoted_on = None;
                o.path.system_on = None;
                OutcomeStep::PromoteSystem
            }
        }
        UndoTarget::Incentive(i) => {
            let x = o.path.incentives.remove(i);
            doc_no = x.doc_no;
            OutcomeStep::Incentive
        }
    };
    seed_history(o, by_unit);
    o.path.history.push(OutcomeEvent {
        step,
        undo: true,
        date,
        by: origin.clone(),
        at: now.to_string(),
        doc_no,
        note: reason.to_string(),
    });
    o.meta.touch(now, &origin);
    Ok(step)
}
