//! The rules of `propose_changes` for one graded unit: the veto rule, then the rules by
//! grade and status (see the list on [`super::propose_changes`]).

use crate::domain::model::*;
use crate::domain::scoring::UnitResult;

/// A proposed change: the new status, the reason and (for 警示) the deadline.
pub(super) type Change = (UnitStatus, String, Option<Date>);

/// Rule 1: a veto delists a named or warned unit and withdraws a candidate.
pub(super) fn veto_rule(r: &UnitResult, status: UnitStatus, year: u16) -> Option<Change> {
    let items: Vec<&str> = r.vetoes.iter().map(|v| v.name.as_str()).collect();
    match status {
        UnitStatus::Named | UnitStatus::Warned => Some((
            UnitStatus::Delisted,
            format!("{year}年度考评一票否决：{}", items.join("；")),
            None,
        )),
        UnitStatus::Candidate => Some((
            UnitStatus::Withdrawn,
            format!("{year}年度考评一票否决：{}，取消创建资格", items.join("；")),
            None,
        )),
        _ => None,
    }
}

/// Rules 2–6, by grade and status; `previous` holds units' grades and years in their
/// previous round (looked up only for rule 4).
pub(super) fn grade_rule(
    rules: &LifecycleRules,
    r: &UnitResult,
    grade: Grade,
    status: UnitStatus,
    year: u16,
    previous: &[(Id, Grade, u16)],
    deadline: &Option<Date>,
) -> Option<Change> {
    let previous = || {
        previous
            .iter()
            .find(|(u, _, _)| u == &r.unit_id)
            .map(|(_, g, y)| (*g, *y))
    };
    match (grade, status) {
        (Grade::Fail, UnitStatus::Warned) if rules.fail_while_warned_delists => Some((
            UnitStatus::Delisted,
            format!("警示期间{year}年度考评仍为不合格（总分{}）", r.total),
            None,
        )),
        (Grade::Fail, UnitStatus::Named) if rules.fail_warns => Some((
            UnitStatus::Warned,
            format!(
                "{year}年度考评不合格（总分{}），予以警示，限期{}个月整改",
                r.total, rules.rectify_months
            ),
            deadline.clone(),
        )),
        (Grade::Pass, UnitStatus::Named)
            if rules.two_passes_warn && previous().is_some_and(|(g, _)| g == Grade::Pass) =>
        {
            let prev_year = previous().map(|(_, y)| y).unwrap_or(year);
            Some((
                UnitStatus::Warned,
                format!("{prev_year}年度、{year}年度连续两年考评为合格，予以警示"),
                deadline.clone(),
            ))
        }
        (_, UnitStatus::Candidate) if rules.candidate_good_names && grade <= rules.naming_grade => {
            Some((
                UnitStatus::Named,
                format!(
                    "{year}年度考评为{}（总分{}），符合授牌条件",
                    grade.label(),
                    r.total
                ),
                None,
            ))
        }
        (Grade::Excellent | Grade::Good | Grade::Pass, UnitStatus::Warned) => Some((
            UnitStatus::Named,
            format!(
                "警示后{year}年度复查考评为{}（总分{}），建议恢复",
                grade.label(),
                r.total
            ),
            None,
        )),
        _ => None,
    }
}
