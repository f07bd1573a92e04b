//! 成果库: an outcome's path and the outcome library's views.
//!
//! The path, each step dated and recorded with who took it:
//! 登记 (the unit or the committee) → 备案 (date, filing number) → 反馈 (feedback text,
//! date) → 认定 (recognised as an innovation outcome, with 文号) and, after 反馈,
//! promotion 本单位 → 本系统推广 → 市直机关推介 (each dated); 表彰/奖励 once it is filed.
//! A step can be undone with a reason; the undoing is a line of the history, which is
//! never rewritten. `Outcome::recognised` stays the flag scoring reads.
//!
//! Also here: search, filters and sorting of the library, the days from 反馈 to 推介,
//! the CSV export, a unit's outcomes of a year and the counts by kind and stage.

use std::cmp::Ordering;

use super::dates::{days_between, parse_date, year_of};
use super::model::*;
use super::report::csv_field;
use super::sorting::TableSort;

/// Why a change to the outcome library was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    #[error("找不到这项成果（可能已被删除），请刷新页面")]
    NotFound(Id),
    #[error("请选择成果所属的单位")]
    NoUnitChosen,
    #[error("找不到单位「{0}」")]
    NoUnit(Id),
    #[error("请填写成果名称")]
    NoTitle,
    #[error("成果名称不能超过 100 个字（现在 {0} 个字）")]
    TitleTooLong(usize),
    #[error("{what}“{value}”不对，应为 年-月-日，例如 2026-05-01")]
    BadDate { what: String, value: String },
    #[error("{step}的日期 {date} 早于成果登记的日期 {registered}")]
    BeforeRegistration {
        step: &'static str,
        date: Date,
        registered: Date,
    },
    #[error("{step}的日期 {date} 早于{previous}的日期 {previous_date}")]
    BeforePrevious {
        step: &'static str,
        date: Date,
        previous: &'static str,
        previous_date: Date,
    },
    #[error("成果「{title}」尚未{needs}，不能{step}（顺序为 登记→备案→反馈→认定、推广）")]
    OutOfOrder {
        title: String,
        step: &'static str,
        needs: &'static str,
    },
    #[error("成果「{title}」已经{step}，不能重复办理")]
    AlreadyDone { title: String, step: &'static str },
    #[error("备案须填写备案编号")]
    NoFilingNo,
    #[error("反馈须填写反馈意见")]
    NoFeedback,
    #[error("认定须填写认定文件的文号")]
    NoDocNo,
    #[error("成果「{0}」未注明创新类型（方法创新、载体创新或制度创新），不能认定为创新成果")]
    NoInnovation(String),
    #[error("成果「{0}」已在市直机关推介，没有更高的推广阶段")]
    TopStage(String),
    #[error("请填写表彰或奖励的内容")]
    NoIncentiveWhat,
    #[error("表彰或奖励须填写决定的文号")]
    NoIncentiveDocNo,
    #[error("成果「{title}」尚未{step}，没有可撤销的")]
    NotDone { title: String, step: &'static str },
    #[error("请先撤销「{later}」，再撤销「{step}」")]
    UndoBlocked {
        step: &'static str,
        later: &'static str,
    },
    #[error("撤销须填写理由，理由会记入成果履历")]
    NoReason,
    #[error("找不到要撤销的表彰或奖励（可能已被撤销）")]
    NoSuchIncentive,
    #[error("登记日期 {date} 晚于已办理的{step}（{step_date}），请先核对日期")]
    RegistrationAfterStep {
        date: Date,
        step: &'static str,
        step_date: Date,
    },
}

// ---------------------------------------------------------------------------
// Registering and editing
// ---------------------------------------------------------------------------

/// What a clerk enters to register or edit an outcome, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeInput {
    pub unit_id: Id,
    pub title: String,
    /// The outcome's date (登记日期), `YYYY-MM-DD`.
    pub date: String,
    pub kind: OutcomeKind,
    pub innovations: Vec<Innovation>,
    pub description: String,
    /// Evidence references, one per line as typed (document name, page, where kept).
    pub evidence: String,
}

impl OutcomeInput {
    /// An empty form dated `today`.
    pub fn blank(today: &str) -> OutcomeInput {
        OutcomeInput {
            unit_id: String::new(),
            title: String::new(),
            date: today.to_string(),
            kind: OutcomeKind::Practice,
            innovations: Vec::new(),
            description: String::new(),
            evidence: String::new(),
        }
    }

    /// The form filled in from an outcome.
    pub fn from_outcome(o: &Outcome) -> OutcomeInput {
        OutcomeInput {
            unit_id: o.unit_id.clone(),
            title: o.title.clone(),
            date: o.date.clone(),
            kind: o.kind,
            innovations: o.innovations.clone(),
            description: o.description.clone(),
            evidence: o.evidence.join("\n"),
        }
    }
}

/// Checked input: trimmed title, date, innovations in their fixed order, evidence lines.
struct Checked {
    title: String,
    date: Date,
    innovations: Vec<Innovation>,
    evidence: Vec<String>,
}

fn check_input(state: &AppState, input: &OutcomeInput) -> Result<Checked, OutcomeError> {
    if input.unit_id.trim().is_empty() {
        return Err(OutcomeError::NoUnitChosen);
    }
    if state.unit(&input.unit_id).is_none() {
        return Err(OutcomeError::NoUnit(input.unit_id.clone()));
    }
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(OutcomeError::NoTitle);
    }
    let n = title.chars().count();
    if n > 100 {
        return Err(OutcomeError::TitleTooLong(n));
    }
    let date = check_date("登记日期", &input.date)?;
    let innovations = Innovation::ALL
        .into_iter()
        .filter(|i| input.innovations.contains(i))
        .collect();
    let evidence = input
        .evidence
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Checked {
        title,
        date,
        innovations,
        evidence,
    })
}

fn check_date(what: &str, value: &str) -> Result<Date, OutcomeError> {
    let v = value.trim();
    if parse_date(v).is_none() {
        return Err(OutcomeError::BadDate {
            what: what.to_string(),
            value: v.to_string(),
        });
    }
    Ok(v.to_string())
}

/// Registers (登记) an outcome for a unit and returns its id. The registration is the
/// first line of its history, by this copy's origin (`committee` or the unit).
pub fn register_outcome(
    state: &mut AppState,
    input: &OutcomeInput,
    now: &str,
) -> Result<Id, OutcomeError> {
    let c = check_input(state, input)?;
    let id = loop {
        let id = state.new_id("o");
        if !state.outcomes.iter().any(|o| o.id == id) {
            break id;
        }
    };
    let by = state.settings.origin.clone();
    let mut meta = RecordMeta::default();
    meta.touch(now, &by);
    // A unit's copy writes no `path` at all: the path is the committee's to write (a
    // unit's return carries only the record), and the registration line is made from
    // the record's author when the committee takes the first step.
    let history = if by == "committee" {
        vec![OutcomeEvent {
            step: OutcomeStep::Register,
            undo: false,
            date: c.date.clone(),
            by,
            at: now.to_string(),
            doc_no: String::new(),
            note: String::new(),
        }]
    } else {
        Vec::new()
    };
    state.outcomes.push(Outcome {
        id: id.clone(),
        unit_id: input.unit_id.clone(),
        title: c.title,
        date: c.date,
        kind: input.kind,
        innovations: c.innovations,
        description: input.description.trim().to_string(),
        evidence: c.evidence,
        filed_on: None,
        feedback_on: None,
        promotion: PromotionStage::OwnUnit,
        promoted_on: None,
        recognised: false,
        incentive: String::new(),
        path: OutcomePath {
            history,
            ..OutcomePath::default()
        },
        meta,
    });
    Ok(id)
}

/// Every date recorded on the path after registration, with the step's name.
fn step_dates(o: &Outcome) -> Vec<(&'static str, &Date)> {
    let mut out = Vec::new();
    if let Some(d) = &o.filed_on {
        out.push((OutcomeStep::File.label(), d));
    }
    if let Some(d) = &o.feedback_on {
        out.push((OutcomeStep::Feedback.label(), d));
    }
    if let Some(d) = &o.path.recognised_on {
        out.push((OutcomeStep::Recognise.label(), d));
    }
    if let Some(d) = &o.path.system_on {
        out.push((OutcomeStep::PromoteSystem.label(), d));
    }
    if let Some(d) = &o.promoted_on {
        out.push((o.promotion.label(), d));
    }
    for i in &o.path.incentives {
        out.push((OutcomeStep::Incentive.label(), &i.date));
    }
    out
}

/// Changes an outcome's record (unit, title, date, kind, innovations, description,
/// evidence). A new date may not fall after a step already taken. Taking away the last
/// innovation of a recognised outcome is refused (undo the recognition first).
pub fn edit_outcome(
    state: &mut AppState,
    id: &str,
    input: &OutcomeInput,
    now: &str,
) -> Result<(), OutcomeError> {
    let c = check_input(state, input)?;
    let origin = state.settings.origin.clone();
    let o = find_mut(state, id)?;
    if let Some((step, d)) = step_dates(o)
        .into_iter()
        .find(|(_, d)| d.as_str() < c.date.as_str())
    {
        return Err(OutcomeError::RegistrationAfterStep {
            date: c.date,
            step,
            step_date: d.clone(),
        });
    }
    if o.recognised && c.innovations.is_empty() {
        return Err(OutcomeError::NoInnovation(c.title));
    }
    o.unit_id = input.unit_id.clone();
    o.title = c.title;
    o.date = c.date;
    o.kind = input.kind;
    o.innovations = c.innovations;
    o.description = input.description.trim().to_string();
    o.evidence = c.evidence;
    o.meta.touch(now, &origin);
    Ok(())
}

fn find_mut<'a>(state: &'a mut AppState, id: &str) -> Result<&'a mut Outcome, OutcomeError> {
    state
        .outcomes
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| OutcomeError::NotFound(id.to_string()))
}

/// Before the first step is recorded on an outcome without a history (registered in a
/// unit's copy, or data from before histories), its registration line: the outcome's
/// date, by the record's author.
fn seed_history(o: &mut Outcome) {
    if o.path.history.is_empty() {
        o.path.history.push(OutcomeEvent {
            step: OutcomeStep::Register,
            undo: false,
            date: o.date.clone(),
            by: o.meta.by.clone(),
            at: o.meta.updated.clone(),
            doc_no: String::new(),
            note: String::new(),
        });
    }
}

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

fn not_before_registration(
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
    now: &str,
) -> Result<OutcomeStep, OutcomeError> {
    let origin = state.settings.origin.clone();
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
        StepRequest::File { date, filing_no } => {
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
        }
        StepRequest::Feedback { date, text } => {
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
        }
        StepRequest::Recognise { date, doc_no } => {
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
        }
        StepRequest::Promote { date } => {
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
        }
        StepRequest::Incentive {
            kind,
            what,
            date,
            doc_no,
        } => {
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
                kind: *kind,
                what: what.to_string(),
                date: date.clone(),
                doc_no: doc_no.to_string(),
            });
            event.step = OutcomeStep::Incentive;
            event.date = date;
            event.doc_no = doc_no.to_string();
            event.note = format!("{}：{what}", kind.label());
        }
    }
    let step = event.step;
    seed_history(o);
    o.path.history.push(event);
    o.meta.touch(now, &origin);
    Ok(step)
}

fn already(o: &Outcome, step: &'static str) -> OutcomeError {
    OutcomeError::AlreadyDone {
        title: o.title.clone(),
        step,
    }
}

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
    seed_history(o);
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

// ---------------------------------------------------------------------------
// Reading an outcome
// ---------------------------------------------------------------------------

/// How far an outcome has come along its path (recognition is shown apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeStage {
    Registered,
    Filed,
    FeedbackGiven,
    System,
    Municipal,
}

impl OutcomeStage {
    pub const ALL: [OutcomeStage; 5] = [
        OutcomeStage::Registered,
        OutcomeStage::Filed,
        OutcomeStage::FeedbackGiven,
        OutcomeStage::System,
        OutcomeStage::Municipal,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeStage::Registered => "已登记",
            OutcomeStage::Filed => "已备案",
            OutcomeStage::FeedbackGiven => "已反馈",
            OutcomeStage::System => "本系统推广",
            OutcomeStage::Municipal => "市直机关推介",
        }
    }
    /// A stable code for a form's option value.
    pub fn code(self) -> &'static str {
        match self {
            OutcomeStage::Registered => "registered",
            OutcomeStage::Filed => "filed",
            OutcomeStage::FeedbackGiven => "feedback",
            OutcomeStage::System => "system",
            OutcomeStage::Municipal => "municipal",
        }
    }
}

/// The stage an outcome has reached.
pub fn stage(o: &Outcome) -> OutcomeStage {
    match o.promotion {
        PromotionStage::Municipal => OutcomeStage::Municipal,
        PromotionStage::System => OutcomeStage::System,
        PromotionStage::OwnUnit if o.feedback_on.is_some() => OutcomeStage::FeedbackGiven,
        PromotionStage::OwnUnit if o.filed_on.is_some() => OutcomeStage::Filed,
        PromotionStage::OwnUnit => OutcomeStage::Registered,
    }
}

/// Days from 反馈 to 市直机关推介, when the outcome has both dates (the speech's "推介
/// 不够及时" is measured by it).
pub fn days_feedback_to_promotion(o: &Outcome) -> Option<i64> {
    if o.promotion != PromotionStage::Municipal {
        return None;
    }
    days_between(o.feedback_on.as_deref()?, o.promoted_on.as_deref()?)
}

/// Who took a step, in words: 工委, the unit's name, or the id as recorded.
pub fn who(state: &AppState, by: &str) -> String {
    if by == "committee" {
        return "工委".to_string();
    }
    match state.unit(by) {
        Some(u) => u.name.clone(),
        None if by.is_empty() => "—".to_string(),
        None => by.to_string(),
    }
}

/// One line of an outcome's history as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub date: Date,
    /// "备案", "撤销认定", …
    pub what: String,
    /// Who, in words.
    pub by: String,
    /// 备案编号 or 文号.
    pub doc_no: String,
    /// The feedback, the incentive, or the reason for undoing.
    pub note: String,
    /// This line undoes a step.
    pub undo: bool,
}

/// The history of an outcome, oldest first. Data from before histories were kept has
/// none: its lines are then made from the dates on record (and say so in `note`).
pub fn history(state: &AppState, o: &Outcome) -> Vec<HistoryLine> {
    if !o.path.history.is_empty() {
        return o
            .path
            .history
            .iter()
            .map(|e| HistoryLine {
                date: e.date.clone(),
                what: if e.undo {
                    format!("撤销{}", e.step.label())
                } else {
                    e.step.label().to_string()
                },
                by: who(state, &e.by),
                doc_no: e.doc_no.clone(),
                note: e.note.clone(),
                undo: e.undo,
            })
            .collect();
    }
    let from_record = "据原有记录".to_string();
    let line = |date: &Date, what: &str, doc_no: &str, note: &str| HistoryLine {
        date: date.clone(),
        what: what.to_string(),
        by: "—".to_string(),
        doc_no: doc_no.to_string(),
        note: if note.is_empty() {
            from_record.clone()
        } else {
            format!("{note}（{from_record}）")
        },
        undo: false,
    };
    let mut out = vec![HistoryLine {
        by: if o.meta.by.is_empty() {
            "—".to_string()
        } else {
            who(state, &o.meta.by)
        },
        ..line(&o.date, OutcomeStep::Register.label(), "", "")
    }];
    if let Some(d) = &o.filed_on {
        out.push(line(d, OutcomeStep::File.label(), &o.path.filing_no, ""));
    }
    if let Some(d) = &o.feedback_on {
        out.push(line(d, OutcomeStep::Feedback.label(), "", &o.path.feedback));
    }
    if o.recognised {
        let d = o.path.recognised_on.clone().unwrap_or_default();
        out.push(line(
            &d,
            OutcomeStep::Recognise.label(),
            &o.path.recognition_doc_no,
            "",
        ));
    }
    if let Some(d) = &o.path.system_on {
        out.push(line(d, OutcomeStep::PromoteSystem.label(), "", ""));
    }
    if let Some(d) = &o.promoted_on {
        if o.promotion == PromotionStage::Municipal || o.path.system_on.is_none() {
            out.push(line(d, o.promotion.label(), "", ""));
        }
    }
    // Undated lines (a recognition recorded without its date) last.
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.date.is_empty(), &a.date).cmp(&(b.date.is_empty(), &b.date))
    });
    out
}

// ---------------------------------------------------------------------------
// The library: search, filters, sorting, export
// ---------------------------------------------------------------------------

/// The library's search and filters; `None` (or an empty query) lets everything through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutcomeFilter {
    /// Words to find in the title or description (all of them).
    pub query: String,
    pub unit_id: Option<Id>,
    /// 系统/行业 of the unit.
    pub sector: Option<String>,
    /// The year of the outcome's date.
    pub year: Option<i32>,
    pub kind: Option<OutcomeKind>,
    pub innovation: Option<Innovation>,
    pub stage: Option<OutcomeStage>,
    pub recognised: Option<bool>,
}

/// One row of the library's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub id: Id,
    pub title: String,
    pub unit_id: Id,
    pub unit_name: String,
    pub sector: String,
    pub date: Date,
    pub kind: OutcomeKind,
    /// The innovations, named and joined ("方法创新、载体创新").
    pub innovations: String,
    pub stage: OutcomeStage,
    pub recognised: bool,
    /// Days from 反馈 to 市直机关推介.
    pub days_to_promotion: Option<i64>,
    /// Its revision, so a table keyed on rows redraws a changed one.
    pub rev: u32,
}

fn row_of(state: &AppState, o: &Outcome) -> OutcomeRow {
    let unit = state.unit(&o.unit_id);
    OutcomeRow {
        id: o.id.clone(),
        title: o.title.clone(),
        unit_id: o.unit_id.clone(),
        unit_name: unit
            .map(|u| u.name.clone())
            .unwrap_or_else(|| o.unit_id.clone()),
        sector: unit.map(|u| u.sector.clone()).unwrap_or_default(),
        date: o.date.clone(),
        kind: o.kind,
        innovations: o
            .innovations
            .iter()
            .map(|i| i.label())
            .collect::<Vec<_>>()
            .join("、"),
        stage: stage(o),
        recognised: o.recognised,
        days_to_promotion: days_feedback_to_promotion(o),
        rev: o.meta.rev,
    }
}

fn matches(state: &AppState, o: &Outcome, f: &OutcomeFilter) -> bool {
    let words: Vec<String> = f.query.split_whitespace().map(str::to_lowercase).collect();
    if !words.is_empty() {
        let hay = format!("{}\n{}", o.title, o.description).to_lowercase();
        if !words.iter().all(|w| hay.contains(w.as_str())) {
            return false;
        }
    }
    if f.unit_id.as_ref().is_some_and(|u| *u != o.unit_id) {
        return false;
    }
    if let Some(sector) = &f.sector {
        if state.unit(&o.unit_id).map(|u| &u.sector) != Some(sector) {
            return false;
        }
    }
    if f.year.is_some() && year_of(&o.date) != f.year {
        return false;
    }
    if f.kind.is_some_and(|k| k != o.kind) {
        return false;
    }
    if f.innovation.is_some_and(|i| !o.innovations.contains(&i)) {
        return false;
    }
    if f.stage.is_some_and(|s| s != stage(o)) {
        return false;
    }
    if f.recognised.is_some_and(|r| r != o.recognised) {
        return false;
    }
    true
}

/// The outcomes that pass the filter, as table rows, in stored order.
pub fn filter_outcomes(state: &AppState, f: &OutcomeFilter) -> Vec<OutcomeRow> {
    state
        .outcomes
        .iter()
        .filter(|o| matches(state, o, f))
        .map(|o| row_of(state, o))
        .collect()
}

/// A column the library can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeSortKey {
    Title,
    Unit,
    Date,
    Kind,
    Stage,
    Recognised,
    /// Days from 反馈 to 推介 (outcomes without them last, either way).
    Days,
}

/// How the library is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeSort {
    pub key: OutcomeSortKey,
    pub descending: bool,
}

impl Default for OutcomeSort {
    /// Newest first.
    fn default() -> Self {
        OutcomeSort {
            key: OutcomeSortKey::Date,
            descending: true,
        }
    }
}

impl TableSort for OutcomeSort {
    type Key = OutcomeSortKey;

    /// The same column flips; another starts newest (dates) or ascending.
    fn click(self, key: OutcomeSortKey) -> Self {
        if self.key == key {
            OutcomeSort {
                key,
                descending: !self.descending,
            }
        } else {
            OutcomeSort {
                key,
                descending: key == OutcomeSortKey::Date,
            }
        }
    }

    fn aria(self, key: OutcomeSortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Sorts rows in place; ties by date (newest first), then id.
pub fn sort_outcome_rows(rows: &mut Vec<OutcomeRow>, sort: OutcomeSort) {
    crate::domain::sorting::sort_by(rows, |a, b| {
        let by = match sort.key {
            OutcomeSortKey::Days => {
                // Missing days stay last whatever the direction.
                let present = b
                    .days_to_promotion
                    .is_some()
                    .cmp(&a.days_to_promotion.is_some());
                if present != Ordering::Equal {
                    return present;
                }
                a.days_to_promotion.cmp(&b.days_to_promotion)
            }
            OutcomeSortKey::Title => a.title.cmp(&b.title),
            OutcomeSortKey::Unit => a.unit_name.cmp(&b.unit_name),
            OutcomeSortKey::Date => a.date.cmp(&b.date),
            OutcomeSortKey::Kind => a.kind.cmp(&b.kind),
            OutcomeSortKey::Stage => a.stage.cmp(&b.stage),
            OutcomeSortKey::Recognised => b.recognised.cmp(&a.recognised),
        };
        let by = if sort.descending { by.reverse() } else { by };
        by.then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The years outcomes are dated in, latest first.
pub fn outcome_years(state: &AppState) -> Vec<i32> {
    let mut ys: Vec<i32> = state
        .outcomes
        .iter()
        .filter_map(|o| year_of(&o.date))
        .collect();
    ys.sort_unstable_by(|a, b| b.cmp(a));
    ys.dedup();
    ys
}

/// The sectors (系统/行业) of units with outcomes, in code-point order.
pub fn outcome_sectors(state: &AppState) -> Vec<String> {
    let mut ss: Vec<String> = state
        .outcomes
        .iter()
        .filter_map(|o| state.unit(&o.unit_id))
        .map(|u| u.sector.clone())
        .filter(|s| !s.is_empty())
        .collect();
    ss.sort();
    ss.dedup();
    ss
}

/// The count line: "共 N 项成果" or "共 N 项成果，符合条件的 M 项".
pub fn count_line(total: usize, shown: usize) -> String {
    if total == shown {
        format!("共 {total} 项成果")
    } else {
        format!("共 {total} 项成果，符合条件的 {shown} 项")
    }
}

/// The rows as CSV text for Excel or WPS: UTF-8 with a byte-order mark, CRLF, one
/// header line; every text cell through [`csv_field`] (formula-safe).
pub fn outcomes_csv(rows: &[OutcomeRow]) -> String {
    let mut out = String::from("\u{feff}");
    let head = [
        "成果名称",
        "单位",
        "系统/行业",
        "日期",
        "类别",
        "创新类型",
        "阶段",
        "认定为创新成果",
        "反馈至推介天数",
    ];
    out.push_str(&head.map(csv_field).join(","));
    out.push_str("\r\n");
    for r in rows {
        let cells = [
            csv_field(&r.title),
            csv_field(&r.unit_name),
            csv_field(&r.sector),
            csv_field(&r.date),
            csv_field(r.kind.label()),
            csv_field(&r.innovations),
            csv_field(r.stage.label()),
            csv_field(if r.recognised { "是" } else { "否" }),
            r.days_to_promotion
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The export's file name: `成果库-<stamp>.csv`.
pub fn outcomes_csv_name(stamp: &str) -> String {
    format!("成果库-{stamp}.csv")
}

// ---------------------------------------------------------------------------
// Views of a year: the report card, 概览, and the grade's innovation condition
// ---------------------------------------------------------------------------

/// A unit's outcomes dated in `year`, oldest first.
pub fn unit_outcomes_of_year(state: &AppState, unit_id: &str, year: u16) -> Vec<OutcomeRow> {
    let mut rows = filter_outcomes(
        state,
        &OutcomeFilter {
            unit_id: Some(unit_id.to_string()),
            year: Some(i32::from(year)),
            ..OutcomeFilter::default()
        },
    );
    crate::domain::sorting::sort_by(&mut rows, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
    });
    rows
}

/// Outcomes of a year counted by kind (rows) and stage (columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindStageCounts {
    pub year: i32,
    /// One row per kind in [`OutcomeKind::ALL`] order: counts per stage in
    /// [`OutcomeStage::ALL`] order, and the row's total.
    pub rows: Vec<(OutcomeKind, [usize; 5], usize)>,
    /// Per stage over all kinds.
    pub by_stage: [usize; 5],
    pub total: usize,
    /// Of which recognised as innovation outcomes.
    pub recognised: usize,
}

/// The outcomes dated in `year` by kind and stage.
pub fn kind_stage_counts(state: &AppState, year: i32) -> KindStageCounts {
    let mut rows: Vec<(OutcomeKind, [usize; 5], usize)> =
        OutcomeKind::ALL.iter().map(|k| (*k, [0; 5], 0)).collect();
    let mut by_stage = [0; 5];
    let (mut total, mut recognised) = (0, 0);
    for o in state
        .outcomes
        .iter()
        .filter(|o| year_of(&o.date) == Some(year))
    {
        let s = OutcomeStage::ALL
            .iter()
            .position(|x| *x == stage(o))
            .unwrap_or(0);
        if let Some(row) = rows.iter_mut().find(|r| r.0 == o.kind) {
            row.1[s] += 1;
            row.2 += 1;
        }
        by_stage[s] += 1;
        total += 1;
        recognised += usize::from(o.recognised);
    }
    KindStageCounts {
        year,
        rows,
        by_stage,
        total,
        recognised,
    }
}

/// The year 概览 shows outcomes for: the latest round's year, or without rounds the
/// latest year an outcome is dated in.
pub fn overview_year(state: &AppState) -> Option<i32> {
    super::report::latest_round(state)
        .map(|r| i32::from(r.year))
        .or_else(|| outcome_years(state).first().copied())
}

/// What satisfies the 优秀 innovation condition for a unit in a round's year, in words
/// ("「…」（认定文号：…，2026-06-01）"), or `None` when nothing does. Scoring reads the same
/// outcomes: recognised and dated in the year.
pub fn innovation_basis(state: &AppState, unit_id: &str, year: u16) -> Option<String> {
    let parts: Vec<String> = state
        .outcomes
        .iter()
        .filter(|o| {
            o.unit_id == unit_id && o.recognised && year_of(&o.date) == Some(i32::from(year))
        })
        .map(|o| {
            let mut detail = Vec::new();
            if !o.path.recognition_doc_no.is_empty() {
                detail.push(format!("认定文号：{}", o.path.recognition_doc_no));
            }
            if let Some(d) = &o.path.recognised_on {
                detail.push(format!("{d}认定"));
            }
            if detail.is_empty() {
                format!("「{}」", o.title)
            } else {
                format!("「{}」（{}）", o.title, detail.join("，"))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| format!("{year}年度经认定的创新成果：{}", parts.join("；")))
}
