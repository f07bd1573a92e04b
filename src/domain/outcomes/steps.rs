//! Taking a step on an outcome's path (备案, 反馈, 认定, 推广, 推介, 激励), each checked
//! against the steps before it.

use super::path::{check_date, find_mut, seed_history};
use super::OutcomeError;
use crate::domain::dates::Now;
use crate::domain::model::*;

// ---------------------------------------------------------------------------
// Taking and undoing steps
// ---------------------------------------------------------------------------

/// A step to take, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRequest {
    /// 备案: the committee files it under a number.
    File { date: String, filing_no: String },
    /// 反馈: the committee's feedback to the unit.
    Feedback { date: String, text: String },
    /// 认定: recognised as an innovation outcome by a decision with a 文号.
    Recognise { date: String, doc_no: String },
    /// One promotion stage up: 本单位 → 本系统推广 → 市直机关推介.
    Promote { date: String },
    /// A 表彰 or 奖励.
    Incentive {
        kind: IncentiveKind,
        what: String,
        date: String,
        doc_no: String,
    },
}

fn require(
    o: &Outcome,
    done: bool,
    step: &'static str,
    needs: &'static str,
) -> Result<(), OutcomeError> {
    if done {
        Ok(())
    } else {
        Err(OutcomeError::OutOfOrder {
            title: o.title.clone(),
            step,
            needs,
        })
    }
}

fn not_before(
    step: &'static str,
    date: &str,
    previous: &'static str,
    previous_date: Option<&Date>,
) -> Result<(), OutcomeError> {
    match previous_date {
        Some(p) if date < p.as_str() => Err(OutcomeError::BeforePrevious {
            step,
            date: date.to_string(),
            previous,
            previous_date: p.clone(),
        }),
        _ => Ok(()),
    }
}

pub(super) fn not_before_registration(
    o: &Outcome,
    step: &'static str,
    date: &str,
) -> Result<(), OutcomeError> {
    if date < o.date.as_str() {
        return Err(OutcomeError::BeforeRegistration {
            step,
            date: date.to_string(),
            registered: o.date.clone(),
        });
    }
    Ok(())
}

/// The date of the stage before `Municipal`: the recorded 本系统推广 date, or for older
/// data the current stage's date.
fn system_date(o: &Outcome) -> Option<&Date> {
    o.path.system_on.as_ref().or(o.promoted_on.as_ref())
}

/// Takes a step on the outcome's path and returns which. Refused when out of order,
/// dated before registration or before the step it follows, or missing what it needs
/// (备案编号, 反馈意见, 文号, an innovation to recognise).
pub fn take_step(
    state: &mut AppState,
    id: &str,
    req: &StepRequest,
    now: impl Into<Now>,
) -> Result<OutcomeStep, OutcomeError> {
    let now = &now.into();
    // What has not happened yet cannot be recorded: a typo of the year, most likely.
    let (what, date) = match req {
        StepRequest::File { date, .. } => ("备案日期", date),
        StepRequest::Feedback { date, .. } => ("反馈日期", date),
        StepRequest::Recognise { date, .. } => ("认定日期", date),
        StepRequest::Promote { date } => {
            let municipal = state
                .outcomes
                .iter()
                .any(|o| o.id == id && o.promotion == PromotionStage::System);
            (
                if municipal {
                    "推介日期"
                } else {
                    "推广日期"
                },
                date,
            )
        }
        StepRequest::Incentive { date, .. } => ("表彰/奖励日期", date),
    };
    if crate::domain::dates::parse_date(date.trim()).is_some() && now.has_not_come(date.trim()) {
        return Err(OutcomeError::FutureDate {
            what: what.to_string(),
            value: date.trim().to_string(),
        });
    }
    // A filing number names one outcome: a second use is a typo or a copy.
    if let StepRequest::File { filing_no, .. } = req {
        let no = filing_no.trim();
        let key = filing_key(no);
        let taken = state.outcomes.iter().find(|o| {
            o.id != id
                && !key.is_empty()
                && o.filed_on.is_some()
                && filing_key(&o.path.filing_no) == key
        });
        if let Some(other) = taken {
            return Err(OutcomeError::FilingNoTaken {
                no: no.to_string(),
                unit: state
                    .unit(&other.unit_id)
                    .map_or_else(|| "（名册中已没有）".to_string(), |u| u.name.clone()),
                title: other.title.clone(),
            });
        }
    }
    // A unit that has left (退出 or 摘牌) is no longer a site: its outcome is not
    // recognised after that day, as it would make the unit 优秀 in a year it has no
    // part in (a clerk's review: a unit 退出 in March became 优秀 on a December 认定).
    if let StepRequest::Recognise { date, .. } = req {
        let date = date.trim();
        let left = state
            .outcomes
            .iter()
            .find(|o| o.id == id)
            .and_then(|o| state.unit(&o.unit_id))
            .and_then(|u| u.departure_by(date).map(|h| (u, h)));
        if let Some((unit, h)) = left {
            return Err(OutcomeError::RecogniseAfterLeaving {
                unit: unit.name.clone(),
                left: h.date.clone(),
                how: super::path::departure_word(h.to),
                date: date.to_string(),
            });
        }
    }
    let origin = state.settings.origin.clone();
    let by_unit = state
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .is_some_and(|o| state.unit(&o.meta.by).is_some());
    let o = find_mut(state, id)?;
    let mut event = OutcomeEvent {
        step: OutcomeStep::Register,
        undo: false,
        date: String::new(),
        by: origin.clone(),
        at: now.to_string(),
        doc_no: String::new(),
        note: String::new(),
    };
    match req {
        StepRequest::File { date, filing_no } => step_file(o, date, filing_no, &mut event)?,
        StepRequest::Feedback { date, text } => step_feedback(o, date, text, &mut event)?,
        StepRequest::Recognise { date, doc_no } => step_recognise(o, date, doc_no, &mut event)?,
        StepRequest::Promote { date } => step_promote(o, date, &mut event)?,
        StepRequest::Incentive {
            kind,
            what,
            date,
            doc_no,
        } => step_incentive(o, *kind, what, date, doc_no, &mut event)?,
    }
    let step = event.step;
    seed_history(o, by_unit);
    o.path.history.push(event);
    o.meta.touch(now, &origin);
    Ok(step)
}

/// A filing number as two are compared: what looks alike on paper is alike —
/// full-width digits and letters as half-width, every bracket as one, traditional 備/號
/// as 备/号, spaces and the words around the numbers (第, 年, 号) left out, and a
/// number's leading zeros dropped (备〔2026〕５号, 备(2026) 05号, 备〔2026年〕第5号 and
/// 备〔2026〕5号 are one number).
pub fn filing_key(no: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            let trimmed = digits.trim_start_matches('0');
            out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            digits.clear();
        }
    };
    for c in crate::domain::typed::half_width(no).chars() {
        if c.is_whitespace() || matches!(c, '第' | '年' | '号' | '號') {
            continue;
        }
        let c = if c == '備' { '备' } else { c };
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut out);
        out.push(match c {
            '(' | '[' | '〔' | '【' | '{' => '〔',
            ')' | ']' | '〕' | '】' | '}' => '〕',
            _ => c,
        });
    }
    flush(&mut digits, &mut out);
    out
}

/// 备案: the committee files it under a number.
fn step_file(
    o: &mut Outcome,
    date: &str,
    filing_no: &str,
    event: &mut OutcomeEvent,
) -> Result<(), OutcomeError> {
    let label = OutcomeStep::File.label();
    if o.filed_on.is_some() {
        return Err(already(o, label));
    }
    let date = check_date("备案日期", date)?;
    not_before_registration(o, label, &date)?;
    let no = filing_no.trim();
    if no.is_empty() {
        return Err(OutcomeError::NoFilingNo);
    }
    o.filed_on = Some(date.clone());
    o.path.filing_no = no.to_string();
    event.step = OutcomeStep::File;
    event.date = date;
    event.doc_no = no.to_string();
    Ok(())
}

/// 反馈: needs 备案, and a text.
fn step_feedback(
    o: &mut Outcome,
    date: &str,
    text: &str,
    event: &mut OutcomeEvent,
) -> Result<(), OutcomeError> {
    let label = OutcomeStep::Feedback.label();
    if o.feedback_on.is_some() {
        return Err(already(o, label));
    }
    require(o, o.filed_on.is_some(), label, OutcomeStep::File.label())?;
    let date = check_date("反馈日期", date)?;
    not_before_registration(o, label, &date)?;
    not_before(label, &date, OutcomeStep::File.label(), o.filed_on.as_ref())?;
    let text = text.trim();
    if text.is_empty() {
        return Err(OutcomeError::NoFeedback);
    }
    o.feedback_on = Some(date.clone());
    o.path.feedback = text.to_string();
    event.step = OutcomeStep::Feedback;
    event.date = date;
    event.note = text.to_string();
    Ok(())
}

/// 认定: needs 反馈, an innovation named and a 文号.
fn step_recognise(
    o: &mut Outcome,
    date: &str,
    doc_no: &str,
    event: &mut OutcomeEvent,
) -> Result<(), OutcomeError> {
    let label = OutcomeStep::Recognise.label();
    if o.recognised {
        return Err(already(o, label));
    }
    require(
        o,
        o.feedback_on.is_some(),
        label,
        OutcomeStep::Feedback.label(),
    )?;
    if o.innovations.is_empty() {
        return Err(OutcomeError::NoInnovation(o.title.clone()));
    }
    let date = check_date("认定日期", date)?;
    not_before_registration(o, label, &date)?;
    not_before(
        label,
        &date,
        OutcomeStep::Feedback.label(),
        o.feedback_on.as_ref(),
    )?;
    let doc_no = doc_no.trim();
    if doc_no.is_empty() {
        return Err(OutcomeError::NoDocNo);
    }
    o.recognised = true;
    o.path.recognised_on = Some(date.clone());
    o.path.recognition_doc_no = doc_no.to_string();
    event.step = OutcomeStep::Recognise;
    event.date = date;
    event.doc_no = doc_no.to_string();
    Ok(())
}

/// One promotion stage up: needs 反馈, and 本系统推广 before 推介.
fn step_promote(o: &mut Outcome, date: &str, event: &mut OutcomeEvent) -> Result<(), OutcomeError> {
    let (step, label) = match o.promotion {
        PromotionStage::OwnUnit => (
            OutcomeStep::PromoteSystem,
            OutcomeStep::PromoteSystem.label(),
        ),
        PromotionStage::System => (
            OutcomeStep::PromoteMunicipal,
            OutcomeStep::PromoteMunicipal.label(),
        ),
        PromotionStage::Municipal => return Err(OutcomeError::TopStage(o.title.clone())),
    };
    require(
        o,
        o.feedback_on.is_some(),
        label,
        OutcomeStep::Feedback.label(),
    )?;
    let date = check_date(&format!("{label}日期"), date)?;
    not_before_registration(o, label, &date)?;
    if step == OutcomeStep::PromoteSystem {
        not_before(
            label,
            &date,
            OutcomeStep::Feedback.label(),
            o.feedback_on.as_ref(),
        )?;
        o.promotion = PromotionStage::System;
        o.path.system_on = Some(date.clone());
    } else {
        not_before(
            label,
            &date,
            OutcomeStep::PromoteSystem.label(),
            system_date(o),
        )?;
        if o.path.system_on.is_none() {
            o.path.system_on = o.promoted_on.clone();
        }
        o.promotion = PromotionStage::Municipal;
    }
    o.promoted_on = Some(date.clone());
    event.step = step;
    event.date = date;
    Ok(())
}

/// 表彰/奖励: needs 备案, what it is and a 文号.
fn step_incentive(
    o: &mut Outcome,
    kind: IncentiveKind,
    what: &str,
    date: &str,
    doc_no: &str,
    event: &mut OutcomeEvent,
) -> Result<(), OutcomeError> {
    let label = OutcomeStep::Incentive.label();
    require(o, o.filed_on.is_some(), label, OutcomeStep::File.label())?;
    let date = check_date("表彰/奖励日期", date)?;
    not_before_registration(o, label, &date)?;
    let what = what.trim();
    if what.is_empty() {
        return Err(OutcomeError::NoIncentiveWhat);
    }
    let doc_no = doc_no.trim();
    if doc_no.is_empty() {
        return Err(OutcomeError::NoIncentiveDocNo);
    }
    o.path.incentives.push(Incentive {
        kind,
        what: what.to_string(),
        date: date.clone(),
        doc_no: doc_no.to_string(),
    });
    event.step = OutcomeStep::Incentive;
    event.date = date;
    event.doc_no = doc_no.to_string();
    event.note = format!("{}：{what}", kind.label());
    Ok(())
}

fn already(o: &Outcome, step: &'static str) -> OutcomeError {
    OutcomeError::AlreadyDone {
        title: o.title.clone(),
        step,
    }
}

/// The steps that can be taken now (the forms to offer).
pub fn next_steps(o: &Outcome) -> Vec<OutcomeStep> {
    let mut out = Vec::new();
    if o.filed_on.is_none() {
        out.push(OutcomeStep::File);
    } else if o.feedback_on.is_none() {
        out.push(OutcomeStep::Feedback);
    } else {
        if !o.recognised {
            out.push(OutcomeStep::Recognise);
        }
        match o.promotion {
            PromotionStage::OwnUnit => out.push(OutcomeStep::PromoteSystem),
            PromotionStage::System => out.push(OutcomeStep::PromoteMunicipal),
            PromotionStage::Municipal => {}
        }
    }
    if o.filed_on.is_some() {
        out.push(OutcomeStep::Incentive);
    }
    out
}
