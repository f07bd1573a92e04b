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

/// A unit's grade in a round before and after a change (see
/// [`grade_change_if_unrecognised`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeChange {
    pub round_name: String,
    /// The round's results are published, and after the change they are no longer
    /// what the units were given.
    pub unlike_published: bool,
    pub from: Option<Grade>,
    pub to: Option<Grade>,
}

impl GradeChange {
    /// What a confirmation says of it, naming the unit.
    pub fn sentence(&self, unit: &str) -> String {
        let grade = |g: Option<Grade>| g.map_or("未评定", Grade::label);
        if self.from == self.to {
            // Another recognised outcome of the year still counts (a re-test: the
            // general "results will change" read as a grade that failed to follow).
            return format!(
                "{unit}在{}中的等次不受影响，仍为“{}”。",
                self.round_name,
                grade(self.to)
            );
        }
        let mut s = format!(
            "{unit}在{}中的等次将由“{}”变为“{}”。",
            self.round_name,
            grade(self.from),
            grade(self.to)
        );
        if self.unlike_published {
            s.push_str("该轮结果已发布，撤销后与已发给各单位的不同，需在“结果”页重新发布。");
        }
        s
    }
}

/// What undoing outcome `id`'s 认定 would do to its unit's grade in the round of the
/// outcome's year (a recognised innovation is a condition of 优秀), `from` and `to`
/// alike when the grade stays (another recognised outcome counts, or the total is below
/// 优秀 anyway): `None` when the outcome is not recognised or no round of that year
/// scores the unit.
pub fn grade_change_if_unrecognised(state: &AppState, id: &str) -> Option<GradeChange> {
    let o = state.outcomes.iter().find(|o| o.id == id && o.recognised)?;
    let year = crate::domain::dates::year_of(&o.date)?;
    let mut after = state.clone();
    if let Ok(x) = find_mut(&mut after, id) {
        x.recognised = false;
    }
    let grade_in = |r: &crate::domain::scoring::RoundResults| r.unit(&o.unit_id).map(|u| u.grade);
    state
        .rounds
        .iter()
        .filter(|r| i32::from(r.year) == year && r.unit_ids.contains(&o.unit_id))
        .find_map(|r| {
            let before = crate::domain::scoring::compute_round(state, &r.id).ok()?;
            let now = crate::domain::scoring::compute_round(&after, &r.id).ok()?;
            let (from, to) = (grade_in(&before)?, grade_in(&now)?);
            Some(GradeChange {
                round_name: r.name.clone(),
                unlike_published: from != to
                    && crate::domain::publishing::changed_since_publication_of(r, Some(&now)),
                from,
                to,
            })
        })
}
