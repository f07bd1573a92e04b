//! What 认定 and 撤销认定 do to the unit's grade in the round of the outcome's year (a
//! recognised innovation is a condition of 优秀): said before either is taken, naming
//! the grade and whether the round's results were published (a clerk's review: a
//! published 良好 became 优秀 on 认定 with nothing said).

use super::path::find_mut;
use super::steps::{take_step, StepRequest};
use super::OutcomeError;
use crate::domain::dates::Now;
use crate::domain::model::*;

/// A unit's grade in a round before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeChange {
    pub round_name: String,
    /// The round's results are published, and after the change they are no longer
    /// what the units were given.
    pub unlike_published: bool,
    /// The round's results have been published (said either way when the grade moves:
    /// a clerk's review missed the word on a round not yet published).
    pub published: bool,
    pub from: Option<Grade>,
    pub to: Option<Grade>,
    /// The change, as the sentence names it: "撤销" or "认定".
    pub by: &'static str,
}

impl GradeChange {
    /// Whether the grade moves.
    pub fn moves(&self) -> bool {
        self.from != self.to
    }

    /// What a confirmation says of it, naming the unit.
    pub fn sentence(&self, unit: &str) -> String {
        let grade = |g: Option<Grade>| g.map_or("未评定", Grade::label);
        if !self.moves() {
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
            s.push_str(&format!(
                "该轮结果已发布，{}后与已发给各单位的不同，需在“结果”页重新发布。",
                self.by
            ));
        } else if !self.published {
            s.push_str("该轮结果尚未发布，发布时按变化后的等次。");
        }
        s
    }
}

/// The grade of unit `unit_id` in the round of `year` that scores it, in `before` and
/// in `after`: `None` when no round of that year scores the unit.
fn grade_change_between(
    before: &AppState,
    after: &AppState,
    unit_id: &str,
    year: i32,
    by: &'static str,
) -> Option<GradeChange> {
    let grade_in = |r: &crate::domain::scoring::RoundResults| r.unit(unit_id).map(|u| u.grade);
    before
        .rounds
        .iter()
        .filter(|r| i32::from(r.year) == year && r.unit_ids.iter().any(|u| u == unit_id))
        .find_map(|r| {
            let was = crate::domain::scoring::compute_round(before, &r.id).ok()?;
            let now = crate::domain::scoring::compute_round(after, &r.id).ok()?;
            let (from, to) = (grade_in(&was)?, grade_in(&now)?);
            Some(GradeChange {
                round_name: r.name.clone(),
                unlike_published: from != to
                    && crate::domain::publishing::changed_since_publication_of(r, Some(&now)),
                published: r.published,
                from,
                to,
                by,
            })
        })
}

/// What undoing outcome `id`'s 认定 would do to its unit's grade in the round of the
/// outcome's year, `from` and `to` alike when the grade stays (another recognised
/// outcome counts, or the total is below 优秀 anyway): `None` when the outcome is not
/// recognised or no round of that year scores the unit.
pub fn grade_change_if_unrecognised(state: &AppState, id: &str) -> Option<GradeChange> {
    let o = state.outcomes.iter().find(|o| o.id == id && o.recognised)?;
    let year = crate::domain::dates::year_of(&o.date)?;
    let mut after = state.clone();
    if let Ok(x) = find_mut(&mut after, id) {
        x.recognised = false;
    }
    grade_change_between(state, &after, &o.unit_id, year, "撤销")
}

/// What taking `req` on outcome `id` would do to its unit's grade (as
/// [`grade_change_if_unrecognised`]; only 认定 can change it): `Ok(None)` for another
/// step (nothing is tried: taking it says what is wrong) or no round that scores the
/// unit, `Err` when a 认定 would be refused (the form then says why, as taking it would).
pub fn grade_change_if_step(
    state: &AppState,
    id: &str,
    req: &StepRequest,
    now: impl Into<Now>,
) -> Result<Option<GradeChange>, OutcomeError> {
    if !matches!(req, StepRequest::Recognise { .. }) {
        return Ok(None);
    }
    let mut after = state.clone();
    take_step(&mut after, id, req, now)?;
    let Some(o) = state.outcomes.iter().find(|o| o.id == id) else {
        return Ok(None);
    };
    let Some(year) = crate::domain::dates::year_of(&o.date) else {
        return Ok(None);
    };
    Ok(grade_change_between(
        state, &after, &o.unit_id, year, "认定",
    ))
}
