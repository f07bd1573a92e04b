//! An outcome's path: registering and editing the record (taking a step is in
//! `steps.rs`, undoing one in `undo.rs`).

use super::OutcomeError;
use crate::domain::dates::{parse_date, year_of, Now};
use crate::domain::form_merge::{conflicts_with_record, pick, EditConflict, Field};
use crate::domain::model::*;

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

/// Checks a form; `now` is the time of the change (an outcome dated after its day
/// has not happened yet: a typo of the year, most likely).
fn check_input(state: &AppState, input: &OutcomeInput, now: &Now) -> Result<Checked, OutcomeError> {
    let mut errors = Vec::new();
    if input.unit_id.trim().is_empty() {
        errors.push(OutcomeError::NoUnitChosen);
    } else if state.unit(&input.unit_id).is_none() {
        errors.push(OutcomeError::NoUnit(input.unit_id.clone()));
    }
    // A row pasted from Excel brings its tabs (and a cell its line breaks) along.
    let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = title.chars().count();
    if title.is_empty() {
        errors.push(OutcomeError::NoTitle);
    } else if n > 100 {
        errors.push(OutcomeError::TitleTooLong(n));
    }
    let date = match check_date(super::labels::DATE, &input.date) {
        Ok(date) if now.has_not_come(&date) => {
            errors.push(OutcomeError::FutureDate {
                what: super::labels::DATE.to_string(),
                value: date.clone(),
            });
            date
        }
        Ok(date) if date.as_str() < "1990-01-01" => {
            errors.push(OutcomeError::TooEarly {
                what: super::labels::DATE.to_string(),
                value: date.clone(),
            });
            date
        }
        Ok(date) => date,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    crate::domain::problems::gather(errors, OutcomeError::Several)?;
    let innovations = Innovation::set_of(&input.innovations);
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

/// Refuses an outcome of a unit dated before the year it entered the programme, or on
/// a day it had left it (退出 or 摘牌 by then): it would count towards a year's 等次
/// and figures it has no part in.
fn refuse_after_leaving(state: &AppState, unit_id: &str, date: &str) -> Result<(), OutcomeError> {
    let Some(unit) = state.unit(unit_id) else {
        return Ok(());
    };
    if date < crate::domain::between_rounds::entry_start(unit.entered_year).as_str() {
        return Err(OutcomeError::BeforeEntry {
            unit: unit.name.clone(),
            entered: unit.entered_year,
            date: date.to_string(),
        });
    }
    match unit.departure_by(date) {
        Some(h) => Err(OutcomeError::AfterLeaving {
            unit: unit.name.clone(),
            left: h.date.clone(),
            how: departure_word(h.to),
            date: date.to_string(),
        }),
        None => Ok(()),
    }
}

/// How a unit left, said after “已于 2026-03-12 ”: `退出示范点建设` or `摘牌`.
pub fn departure_word(to: UnitStatus) -> &'static str {
    if to == UnitStatus::Withdrawn {
        "退出示范点建设"
    } else {
        "摘牌"
    }
}

/// An outcome's name as two are compared: spaces and quotation marks aside
/// (「育人先锋」工作法 and “育人先锋”工作法 are one name).
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !"「」『』“”‘’\"'《》〈〉".contains(*c))
        .collect()
}

/// Refuses a second outcome of `unit_id` with the checked name and date of `c` (other
/// than `except`, the outcome being edited).
fn refuse_twin(
    state: &AppState,
    except: Option<&str>,
    unit_id: &str,
    c: &Checked,
) -> Result<(), OutcomeError> {
    let key = title_key(&c.title);
    let twin = state.outcomes.iter().find(|o| {
        Some(o.id.as_str()) != except
            && o.unit_id == unit_id
            && o.date == c.date
            && title_key(&o.title) == key
    });
    match twin {
        // Named as it is held, which may be quoted or spaced otherwise than typed.
        Some(o) => Err(OutcomeError::AlreadyRegistered {
            title: o.title.trim().to_string(),
            date: c.date.clone(),
        }),
        None => Ok(()),
    }
}

/// The other outcomes of the same unit under the same name ([`title_key`]), those with the
/// same date first: most often one outcome registered twice, under two dates or in
/// two copies. Not refused (two outcomes may share a name), only pointed out.
pub fn namesakes<'a>(state: &'a AppState, o: &Outcome) -> Vec<&'a Outcome> {
    let title = title_key(&o.title);
    let mut same: Vec<&Outcome> = state
        .outcomes
        .iter()
        .filter(|x| x.id != o.id && x.unit_id == o.unit_id && title_key(&x.title) == title)
        .collect();
    same.sort_by_key(|x| (x.date != o.date, x.date.clone()));
    same
}

/// The sentence that points out [`namesakes`] (`None` when there are none).
pub fn namesake_note(unit_name: &str, others: &[&Outcome]) -> Option<String> {
    let first = others.first()?;
    let count = match others.len() {
        1 => "一".to_string(),
        n => n.to_string(),
    };
    let dates = others
        .iter()
        .map(|o| o.date.as_str())
        .collect::<Vec<_>>()
        .join("、");
    Some(format!(
        "「{unit_name}」已有{count}项同名成果{}（成果日期 {dates}），可能是同一项成果登记了两次；请核对，重复的可删除。",
        super::corner_quoted(first.title.trim()),
    ))
}

/// [`namesake_note`] for the outcome `id` held here, when it has [`namesakes`].
pub fn namesake_note_of(state: &AppState, id: &str) -> Option<String> {
    let o = state.outcomes.iter().find(|o| o.id == id)?;
    let unit = crate::domain::between_rounds::unit_name(state, &o.unit_id);
    namesake_note(&unit, &namesakes(state, o))
}

pub(super) fn check_date(what: &str, value: &str) -> Result<Date, OutcomeError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(OutcomeError::MissingDate(what.to_string()));
    }
    if parse_date(v).is_none() {
        // Written right but years too early (1899-01-01): the year is the slip.
        let early = v.len() == 10
            && v.get(4..5) == Some("-")
            && v.get(7..8) == Some("-")
            && v.get(..4)
                .and_then(|y| y.parse::<u16>().ok())
                .is_some_and(|y| y < 1990);
        if early {
            return Err(OutcomeError::TooEarly {
                what: what.to_string(),
                value: v.to_string(),
            });
        }
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
    now: impl Into<Now>,
) -> Result<Id, OutcomeError> {
    let now = &now.into();
    let c = check_input(state, input, now)?;
    refuse_after_leaving(state, &input.unit_id, &c.date)?;
    // The same outcome registered twice (a double click, a form sent again) is one.
    refuse_twin(state, None, &input.unit_id, &c)?;
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

impl OutcomeInput {
    /// What a form opened on `base` saves over `current` (the record as stored now,
    /// perhaps changed by another window meanwhile): see `form_merge`.
    pub fn merged(
        base: &OutcomeInput,
        mine: &OutcomeInput,
        current: &OutcomeInput,
    ) -> OutcomeInput {
        let innovations = |i: &OutcomeInput| Innovation::set_of(&i.innovations);
        OutcomeInput {
            unit_id: pick(&base.unit_id, &mine.unit_id, &current.unit_id),
            title: pick(&base.title, &mine.title, &current.title),
            date: pick(&base.date, &mine.date, &current.date),
            kind: pick(&base.kind, &mine.kind, &current.kind),
            innovations: pick(
                &innovations(base),
                &innovations(mine),
                &innovations(current),
            ),
            description: pick(&base.description, &mine.description, &current.description),
            evidence: pick(&base.evidence, &mine.evidence, &current.evidence),
        }
    }
}

/// The fields of outcome `id` that both this form (opened on `base`, now `mine`) and
/// another window (since `base`) changed, to different values.
pub fn outcome_edit_conflicts(
    state: &AppState,
    id: &str,
    base: &OutcomeInput,
    mine: &OutcomeInput,
) -> Vec<EditConflict> {
    use crate::domain::outcomes::labels;
    let current = state
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .map(OutcomeInput::from_outcome);
    let fields: [Field<OutcomeInput>; 7] = [
        (labels::UNIT, |i| i.unit_id.clone()),
        (labels::TITLE, |i| i.title.trim().to_string()),
        (labels::DATE, |i| i.date.trim().to_string()),
        (labels::KIND, |i| i.kind.label().to_string()),
        (labels::INNOVATIONS, |i| {
            Innovation::set_of(&i.innovations)
                .into_iter()
                .map(Innovation::label)
                .collect::<Vec<_>>()
                .join("、")
        }),
        (labels::DESCRIPTION, |i| i.description.trim().to_string()),
        (labels::EVIDENCE, |i| {
            i.evidence
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("；")
        }),
    ];
    conflicts_with_record(state, current, base, mine, &fields, labels::UNIT)
}

/// [`edit_outcome`] from a form opened on `base`: only the fields changed from `base`
/// are written (see [`OutcomeInput::merged`]).
pub fn edit_outcome_from(
    state: &mut AppState,
    id: &str,
    base: &OutcomeInput,
    input: &OutcomeInput,
    now: impl Into<Now>,
) -> Result<(), OutcomeError> {
    let current = state
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .map(OutcomeInput::from_outcome)
        .ok_or_else(|| OutcomeError::NotFound(id.to_string()))?;
    edit_outcome(state, id, &OutcomeInput::merged(base, input, &current), now)
}

/// Changes an outcome's record (unit, title, date, kind, innovations, description,
/// evidence). A new date may not fall after a step already taken. Taking away the last
/// innovation of a recognised outcome, or moving it to another year, is refused (undo
/// the recognition first).
pub fn edit_outcome(
    state: &mut AppState,
    id: &str,
    input: &OutcomeInput,
    now: impl Into<Now>,
) -> Result<(), OutcomeError> {
    let now = &now.into();
    let c = check_input(state, input, now)?;
    // Moved onto a day its unit had left (a kept unit and date may stay as they were).
    let was = state.outcomes.iter().find(|o| o.id == id);
    if was.is_none_or(|o| o.unit_id != input.unit_id || o.date.trim() != c.date) {
        refuse_after_leaving(state, &input.unit_id, &c.date)?;
    }
    // Renamed into the twin of another of the unit's outcomes: two rows, one outcome.
    refuse_twin(state, Some(id), &input.unit_id, &c)?;
    let origin = state.settings.origin.clone();
    let o = find_mut(state, id)?;
    // Compared as the form would write them: a title trimmed, innovations as a set.
    let same_innovations = Innovation::set_of(&o.innovations) == c.innovations;
    if origin != "committee"
        && super::settled(o)
        && (o.title.trim() != c.title
            || o.kind != input.kind
            || o.date.trim() != c.date
            || !same_innovations)
    {
        return Err(OutcomeError::SettledForUnit(o.title.clone()));
    }
    // A unit's outcome counts for that unit (its 优秀 conditions, the 推广 figures):
    // once the committee has taken a step on it, it does not move to another unit.
    if o.unit_id != input.unit_id && super::settled(o) {
        return Err(OutcomeError::UnitFixed(o.title.clone()));
    }
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
    // A recognised outcome counts for the year of its date (the 优秀 condition): moved
    // to another year, it would change a grade, perhaps one already published.
    if o.recognised {
        let (from, to) = (year_of(&o.date), year_of(&c.date));
        if let (Some(from), Some(to)) = (from, to) {
            if from != to {
                return Err(OutcomeError::RecognisedYearFixed {
                    title: o.title.clone(),
                    from,
                    to,
                });
            }
        }
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

/// Deletes an outcome registered by mistake (twice, or for the wrong unit) and returns
/// it. Refused once the committee has handled it (备案 or beyond, 认定): those steps
/// are records of its decisions, undone one by one with a reason first.
pub fn delete_outcome(state: &mut AppState, id: &str) -> Result<Outcome, OutcomeError> {
    let pos = state
        .outcomes
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| OutcomeError::NotFound(id.to_string()))?;
    if super::settled(&state.outcomes[pos]) {
        return Err(OutcomeError::HandledCannotDelete(
            state.outcomes[pos].title.clone(),
        ));
    }
    let gone = state.outcomes.remove(pos);
    if state.workspace.is_none() {
        state
            .exchange
            .note_removed(format!("outcome:{}", gone.id), &gone.id);
    }
    Ok(gone)
}

pub(super) fn find_mut<'a>(
    state: &'a mut AppState,
    id: &str,
) -> Result<&'a mut Outcome, OutcomeError> {
    state
        .outcomes
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| OutcomeError::NotFound(id.to_string()))
}

/// What the registration line of an outcome a unit registered in its copy says.
pub const UNIT_REGISTERED: &str = "单位登记，随报送文件交来";

/// Before the first step is recorded on an outcome without a history (registered in a
/// unit's copy, or data from before histories), its registration line: the outcome's
/// date, by the record's author (`by_unit`: a unit, in its copy, which the line says).
pub(super) fn seed_history(o: &mut Outcome, by_unit: bool) {
    if o.path.history.is_empty() {
        o.path.history.push(OutcomeEvent {
            step: OutcomeStep::Register,
            undo: false,
            date: o.date.clone(),
            by: o.meta.by.clone(),
            at: o.meta.updated.clone(),
            doc_no: String::new(),
            note: if by_unit {
                UNIT_REGISTERED.to_string()
            } else {
                String::new()
            },
        });
    }
}
