//! The year's other figures: status counts and the year's changes (入选培育, 授牌, 解除警示,
//! 警示, 摘牌, 退出),
//! the grade distribution, outcomes by kind and stage, overdue rectification and the
//! resources put in.

use super::{reference_date, SiteLine};
use crate::domain::between_rounds::rectification::{days_overdue, overdue};
use crate::domain::between_rounds::unit_name;
use crate::domain::dates::year_of;
use crate::domain::model::*;
use crate::domain::outcomes::{kind_stage_counts, KindStageCounts};
use crate::domain::report::RoundReport;

/// What a status change of the year was, as the 通报 and 报表 count it: a warning
/// lifted (警示 → 已授牌) is not a new 授牌.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// 入选培育: a unit entering as 创建中 (a new one, or one that had left, re-admitted).
    Admitted,
    Named,
    Lifted,
    Warned,
    Delisted,
    Withdrawn,
}

impl ChangeKind {
    /// In the order the 通报 lists them.
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Admitted,
        ChangeKind::Named,
        ChangeKind::Lifted,
        ChangeKind::Warned,
        ChangeKind::Delisted,
        ChangeKind::Withdrawn,
    ];

    /// The kind of a change from `from` to `to`; `None` for one the 通报 does not
    /// list (a site put back to 创建中). A unit's entry (创建中 to 创建中, as 申报遴选's
    /// 入选培育 records it) and a departed unit re-admitted are 入选培育.
    pub fn of(from: UnitStatus, to: UnitStatus) -> Option<ChangeKind> {
        match (from, to) {
            (
                UnitStatus::Candidate | UnitStatus::Delisted | UnitStatus::Withdrawn,
                UnitStatus::Candidate,
            ) => Some(ChangeKind::Admitted),
            (UnitStatus::Warned, UnitStatus::Named) => Some(ChangeKind::Lifted),
            (_, UnitStatus::Named) => Some(ChangeKind::Named),
            (_, UnitStatus::Warned) => Some(ChangeKind::Warned),
            (_, UnitStatus::Delisted) => Some(ChangeKind::Delisted),
            (_, UnitStatus::Withdrawn) => Some(ChangeKind::Withdrawn),
            (_, UnitStatus::Candidate) => None,
        }
    }

    /// The verb, e.g. `授牌`, `解除警示`.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Admitted => "入选培育",
            ChangeKind::Named => "授牌",
            ChangeKind::Lifted => "解除警示",
            ChangeKind::Warned => "警示",
            ChangeKind::Delisted => "摘牌",
            ChangeKind::Withdrawn => "退出",
        }
    }
}

/// One status change of the year, for the list under 动态管理.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub unit_id: Id,
    pub name: String,
    /// Empty for a unit's entry known only by its 入选年份 (no status change recorded).
    pub date: Date,
    pub kind: ChangeKind,
    pub doc_no: String,
    pub reason: String,
}

/// The resources reported for the year, summed over units (the sums the 保障投入 page's
/// 合计 line and its export give).
pub type ResourceTotals = crate::domain::between_rounds::resources::YearTotals;

/// The year's other figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub year: u16,
    pub reference: Date,
    /// The 成文日期 a 通报 of the year takes when the committee sets none (see
    /// [`super::notice::default_written_on`]).
    pub written_on: Date,
    /// Units per status on the reference date, in [`UnitStatus::ALL`] order.
    pub status_counts: [usize; 5],
    /// Units on the roster that enter in a later year: on no status of this year
    /// (概览 counts them among today's 创建中, so the report says why it has fewer).
    pub entering_later: usize,
    /// The year's changes (授牌, 解除警示, 警示, 摘牌, 退出), by date.
    pub changes: Vec<ChangeLine>,
    /// Graded units per grade in [`Grade::ALL`] order (all 0 without a round).
    pub grades: [usize; 4],
    /// The units of each grade, in ranking order; a unit 摘牌 or 退出 by the reference
    /// date is named with its status (it was graded, and is no longer a site), one whose
    /// scores are not all in with （评分不全）.
    pub grade_units: [Vec<String>; 4],
    /// Graded units 摘牌 or 退出 by the reference date (not in `status_counts`' sites).
    pub departed_graded: usize,
    pub outcomes: KindStageCounts,
    /// Rectification items overdue at the reference date, the longest overdue first.
    pub overdue: Vec<SiteLine>,
    /// Items past their deadline that the unit has reported done (已完成), not yet
    /// closed (销号) by the committee: not counted as overdue, said beside it. Counted
    /// for a year still running only (when they were reported done is not recorded).
    pub done_awaiting_closure: usize,
    pub resources: ResourceTotals,
}

impl YearFigures {
    /// How many changes of the year were of `kind`.
    pub fn changes_of(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// The other figures of `year`; `report` is the year's round report, if any.
pub fn year_figures(
    state: &AppState,
    year: u16,
    today: &str,
    report: Option<&RoundReport>,
) -> YearFigures {
    let reference = reference_date(year, today);
    let mut status_counts = [0; 5];
    let entering_later = state.units.iter().filter(|u| u.entered_year > year).count();
    for u in &state.units {
        let status = u.status_on(&reference);
        if let Some(i) = UnitStatus::ALL.iter().position(|s| Some(*s) == status) {
            status_counts[i] += 1;
        }
    }
    let mut changes: Vec<ChangeLine> = state
        .units
        .iter()
        .flat_map(|u| {
            u.history.iter().filter_map(move |c| {
                let kind = ChangeKind::of(c.from, c.to)?;
                (year_of(&c.date) == Some(i32::from(year))).then(|| ChangeLine {
                    unit_id: u.id.clone(),
                    name: u.name.clone(),
                    date: c.date.clone(),
                    kind,
                    doc_no: c.doc_no.clone(),
                    reason: c.reason.clone(),
                })
            })
        })
        .collect();
    // A unit the roster says entered this year, with no record of its 入选培育 that
    // year (entered on 单位 or imported, not through 申报遴选): it entered all the same,
    // as the 名册's 入选年份 says. Its date is not known.
    for u in &state.units {
        let recorded = u.history.iter().any(|c| {
            ChangeKind::of(c.from, c.to) == Some(ChangeKind::Admitted)
                && year_of(&c.date) == Some(i32::from(u.entered_year))
        });
        if u.entered_year == year && !recorded && u.status_on(&reference).is_some() {
            changes.push(ChangeLine {
                unit_id: u.id.clone(),
                name: u.name.clone(),
                date: String::new(),
                kind: ChangeKind::Admitted,
                doc_no: String::new(),
                reason: String::new(),
            });
        }
    }
    changes.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.cmp(&b.name)));
    let mut grade_units: [Vec<String>; 4] = Default::default();
    let mut departed_graded = 0;
    if let Some(r) = report {
        for u in r.results.ranking() {
            if let Some(i) = u
                .grade
                .and_then(|g| Grade::ALL.iter().position(|x| *x == g))
            {
                let departed = state
                    .unit(&u.unit_id)
                    .and_then(|x| x.status_on(&reference))
                    .filter(|s| matches!(s, UnitStatus::Delisted | UnitStatus::Withdrawn));
                // A grade on scores not all in says so, as the ranking does (a re-test:
                // the 通报 named a 不合格 as final that its own 四 said was unfinished).
                let incomplete = (u.graded && !u.completeness.is_complete())
                    .then_some(crate::domain::report::INCOMPLETE_MARK);
                let marks: Vec<String> = departed
                    .map(|s| format!("已{}", s.label()))
                    .into_iter()
                    .chain(incomplete.map(str::to_string))
                    .collect();
                if departed.is_some() {
                    departed_graded += 1;
                }
                grade_units[i].push(if marks.is_empty() {
                    u.unit_name.clone()
                } else {
                    format!("{}（{}）", u.unit_name, marks.join("，"))
                });
            }
        }
    }
    let overdue_lines = overdue(state, &reference)
        .into_iter()
        .map(|r| SiteLine {
            unit_id: r.unit_id.clone(),
            name: unit_name(state, &r.unit_id),
            note: format!(
                "{}：{}（期限 {}，逾期 {} 天）",
                r.category.label(),
                r.description,
                r.deadline,
                days_overdue(r, &reference)
            ),
        })
        .collect();
    let done_awaiting_closure = if reference == today.get(..10).unwrap_or(today) {
        state
            .rectifications
            .iter()
            .filter(|r| {
                r.status == RectificationStatus::Done
                    && r.closure.is_none()
                    && r.deadline.as_str() < reference.as_str()
                    && !crate::domain::between_rounds::rectification::unit_left_by(
                        state, r, &reference,
                    )
            })
            .count()
    } else {
        0
    };
    YearFigures {
        year,
        status_counts,
        done_awaiting_closure,
        entering_later,
        changes,
        grades: report.map_or([0; 4], |r| r.results.grade_counts()),
        grade_units,
        departed_graded,
        outcomes: kind_stage_counts(state, i32::from(year), &reference),
        overdue: overdue_lines,
        resources: resource_totals(state, year),
        written_on: super::notice::default_written_on(year, today),
        reference,
    }
}

fn resource_totals(state: &AppState, year: u16) -> ResourceTotals {
    let entries: Vec<&ResourceEntry> = state.resources.iter().filter(|e| e.year == year).collect();
    crate::domain::between_rounds::resources::year_totals(&entries)
}
