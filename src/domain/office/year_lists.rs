//! The lists of a year a clerk takes to Excel or WPS, as plain tables: the year's
//! outcomes (成果), rectification items (整改), pairings and their activities (结对,
//! 结对活动), resources (保障投入) and guidance visits (督导). Which records belong to
//! the year is said on each function; the labels are the ones the pages use.

use super::{date, text, Cell, Column, SumOf, Table};
use crate::domain::between_rounds::pairing::running_on;
use crate::domain::between_rounds::{rectification, resources, unit_name};
use crate::domain::dates::year_of;
use crate::domain::model::*;
use crate::domain::outcomes::{days_feedback_to_promotion, recognition_by, stage, stage_on};

fn in_year(d: &str, year: u16) -> bool {
    year_of(d) == Some(i32::from(year))
}

fn sector(state: &AppState, unit_id: &str) -> String {
    state
        .unit(unit_id)
        .map(|u| u.sector.clone())
        .unwrap_or_default()
}

fn cols(spec: &[(&str, f64)]) -> Vec<Column> {
    spec.iter().map(|(h, w)| Column::new(h, *w)).collect()
}

/// The outcomes dated in `year` (as 报表 counts them), in the library's order (by date,
/// then title): 单位, 系统/行业, 成果名称, 类别, 创新类型, 日期, 阶段, the dates and
/// numbers of its path and the 反馈意见, 认定, days from 反馈 to 推介, 表彰/奖励 (with
/// their 文号).
pub fn outcomes_table(state: &AppState, year: u16, reference: &str) -> Table {
    let mut list: Vec<&Outcome> = state
        .outcomes
        .iter()
        .filter(|o| in_year(&o.date, year))
        .collect();
    list.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
    outcome_list_table(state, list, Some(reference))
}

/// The outcomes `ids`, in that order (the library's list as filtered and sorted on
/// screen), with the columns of [`outcomes_table`]: the library's export and the
/// year's workbook say the same of an outcome.
pub fn outcomes_list_table(state: &AppState, ids: &[Id]) -> Table {
    let by_id: std::collections::HashMap<&str, &Outcome> =
        state.outcomes.iter().map(|o| (o.id.as_str(), o)).collect();
    outcome_list_table(
        state,
        ids.iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect(),
        None,
    )
}

/// The rows of `list`, as they stood on `reference` (the year's reference date, as
/// the 报表 counts them: a step taken after it, its date, 文号 and wording, is not in
/// the row, nor a 表彰 given after it), or as they stand now.
fn outcome_list_table(state: &AppState, list: Vec<&Outcome>, reference: Option<&str>) -> Table {
    // A step's date, when it had been taken by `reference`.
    let by = |d: Option<&str>| -> Option<String> {
        d.filter(|d| reference.is_none_or(|r| *d <= r))
            .map(str::to_string)
    };
    let rows = list
        .into_iter()
        .map(|o| {
            let innovations: Vec<&str> = o.innovations.iter().map(|i| i.label()).collect();
            let system_on = by(match o.promotion {
                PromotionStage::System => o.promoted_on.as_deref(),
                _ => o.path.system_on.as_deref(),
            });
            let municipal_on = by(match o.promotion {
                PromotionStage::Municipal => o.promoted_on.as_deref(),
                _ => None,
            });
            let filed_on = by(o.filed_on.as_deref());
            let feedback_on = by(o.feedback_on.as_deref());
            let recognised_on = match reference {
                Some(r) => recognition_by(o, r),
                None => o.recognised.then(|| o.path.recognised_on.clone()),
            };
            let recognised = recognised_on.is_some();
            let incentives: Vec<String> = o
                .path
                .incentives
                .iter()
                .filter(|i| by(Some(&i.date)).is_some())
                .map(|i| {
                    // As the outcome's page says it: a 表彰 list is made with its 文号.
                    if i.doc_no.trim().is_empty() {
                        format!("{}：{}（{}）", i.kind.label(), i.what, i.date)
                    } else {
                        format!(
                            "{}：{}（{}，{}）",
                            i.kind.label(),
                            i.what,
                            i.date,
                            i.doc_no.trim()
                        )
                    }
                })
                .collect();
            let days = match (&feedback_on, &municipal_on) {
                (Some(_), Some(_)) => days_feedback_to_promotion(o),
                _ => None,
            };
            vec![
                text(unit_name(state, &o.unit_id)),
                text(sector(state, &o.unit_id)),
                text(o.title.clone()),
                text(o.kind.label()),
                text(innovations.join("、")),
                date(Some(&o.date)),
                text(
                    reference
                        .map_or_else(|| stage(o), |r| stage_on(o, r))
                        .label(),
                ),
                date(filed_on.as_deref()),
                text(if filed_on.is_some() {
                    o.path.filing_no.clone()
                } else {
                    String::new()
                }),
                date(feedback_on.as_deref()),
                text(if feedback_on.is_some() {
                    o.path.feedback.clone()
                } else {
                    String::new()
                }),
                date(system_on.as_deref()),
                date(municipal_on.as_deref()),
                text(if recognised { "是" } else { "否" }),
                date(recognised_on.flatten().as_deref()),
                text(if recognised {
                    o.path.recognition_doc_no.clone()
                } else {
                    String::new()
                }),
                days.map_or(Cell::Empty, |d| Cell::Number(d as f64)),
                text(incentives.join("；")),
            ]
        })
        .collect();
    Table {
        sheet: "成果".to_string(),
        columns: cols(&[
            ("单位", 28.0),
            ("系统/行业", 12.0),
            ("成果名称", 30.0),
            ("类别", 10.0),
            ("创新类型", 14.0),
            ("日期", 12.0),
            ("阶段", 12.0),
            ("备案日期", 12.0),
            ("备案编号", 14.0),
            ("反馈日期", 12.0),
            ("反馈意见", 24.0),
            ("本系统推广日期", 14.0),
            ("市直机关推介日期", 16.0),
            ("认定为创新成果", 10.0),
            ("认定日期", 12.0),
            ("认定文号", 18.0),
            ("反馈至推介天数", 10.0),
            ("表彰/奖励", 30.0),
        ]),
        rows,
        footer: vec![],
        title: String::new(),
    }
}

/// The rectification items of `year` ([`rectification::in_year`]: due, worked on or
/// closed in the year, or carried over into it), by deadline. 逾期天数 is counted at
/// `reference` (the year's reference date) for items still open; the header says which
/// date. 逾期销号天数 keeps a closure after the deadline in view, as the item's page does.
pub fn rectification_table(state: &AppState, year: u16, reference: &str) -> Table {
    let mut list: Vec<&Rectification> = state
        .rectifications
        .iter()
        .filter(|r| rectification::in_year(r, year))
        .collect();
    list.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.id.cmp(&b.id)));
    let rows = list
        .into_iter()
        .map(|r| {
            // A unit that had left owes nothing more: no days overdue counted.
            let days = if rectification::unit_left_by(state, r, reference) {
                0
            } else {
                rectification::days_overdue(r, reference)
            };
            let last = r
                .progress
                .iter()
                .max_by(|a, b| a.date.cmp(&b.date))
                .map_or(String::new(), |p| format!("{} {}", p.date, p.note));
            vec![
                // Marked when it had left, as the list on screen marks it (a clerk's
                // review: an item past its deadline, not counted overdue, said no why).
                text(resources::unit_label_in_year(
                    state, &r.unit_id, year, reference,
                )),
                text(r.category.label()),
                text(r.description.clone()),
                text(r.source.label()),
                text(r.owner.clone()),
                date(Some(&r.deadline)),
                text(r.status.label()),
                if days > 0 {
                    Cell::Number(days as f64)
                } else {
                    Cell::Empty
                },
                // As the list on screen marks it (a clerk's review: the file lost it).
                text(
                    rectification::extended_when_overdue(r)
                        .map(|(d, n)| format!("原整改期限 {d} 逾期{n}天后延期"))
                        .unwrap_or_default(),
                ),
                text(last),
                date(r.closure.as_ref().map(|c| c.date.as_str())),
                text(
                    r.closure
                        .as_ref()
                        .map_or(String::new(), |c| c.evidence.clone()),
                ),
                match rectification::days_closed_late(r) {
                    0 => Cell::Empty,
                    late => Cell::Number(late as f64),
                },
            ]
        })
        .collect();
    Table {
        sheet: "整改事项".to_string(),
        columns: vec![
            Column::new("单位", 28.0),
            Column::new("问题类别", 12.0),
            Column::new("问题描述", 36.0),
            Column::new("来源", 10.0),
            Column::new("责任人", 10.0),
            Column::new("整改期限", 12.0),
            // The status now (with its 销号日期): the file's other figures stand at
            // `reference`, this one does not.
            Column::new("当前状态", 9.0),
            Column::new(&format!("逾期天数（截至{reference}）"), 14.0),
            Column::new("逾期后延期", 24.0),
            Column::new("最近进展", 30.0),
            Column::new("销号日期", 12.0),
            Column::new("销号依据", 24.0),
            Column::new("逾期销号天数", 12.0),
        ],
        rows,
        footer: vec![],
        title: String::new(),
    }
}

/// The pairings of `year` and, as a second table, their activities dated in the year.
/// A pairing belongs to the year when it had started by the year's end and was still
/// running at it, started or ended in the year, or has an activity in it. Its status is
/// as at the year's end; 不活跃 as at `reference` (the year's end, or today while it
/// runs), as the 结对 page, 概览 and 报表 count it (a clerk's review: the file dropped
/// the mark, and the 9 pairings counted as inactive could not be shown).
pub fn pairing_tables(state: &AppState, year: u16, reference: &str) -> Vec<Table> {
    let months = state.settings.idle_pairing_months;
    let end = format!("{year:04}-12-31");
    let pairings: Vec<&Pairing> = state
        .pairings
        .iter()
        .filter(|p| {
            p.start.as_str() <= end.as_str()
                && (running_on(p, &end)
                    || in_year(&p.start, year)
                    || p.ended_on.as_deref().is_some_and(|e| in_year(e, year))
                    || p.activities.iter().any(|a| in_year(&a.date, year)))
        })
        .collect();
    let rows = pairings
        .iter()
        .map(|p| {
            let of_year = p.activities.iter().filter(|a| in_year(&a.date, year));
            let last = of_year.clone().map(|a| a.date.as_str()).max();
            vec![
                text(unit_name(state, &p.site_id)),
                text(p.partner_name.clone()),
                date(Some(&p.start)),
                text(if running_on(p, &end) {
                    PairingStatus::Active.label().to_string()
                } else {
                    match &p.ended_on {
                        Some(e) => format!("{}（{e}）", PairingStatus::Ended.label()),
                        None => PairingStatus::Ended.label().to_string(),
                    }
                }),
                text(
                    if crate::domain::between_rounds::pairing::idle_on(p, months, reference) {
                        "不活跃"
                    } else {
                        ""
                    },
                ),
                text(p.goals.clone()),
                Cell::Number(of_year.count() as f64),
                date(last),
                text(p.partner_progress.clone()),
            ]
        })
        .collect();
    let mut activities: Vec<(&Pairing, &PairingActivity)> = pairings
        .iter()
        .flat_map(|p| p.activities.iter().map(move |a| (*p, a)))
        .filter(|(_, a)| in_year(&a.date, year))
        .collect();
    activities.sort_by(|a, b| a.1.date.cmp(&b.1.date));
    let activity_rows = activities
        .into_iter()
        .map(|(p, a)| {
            vec![
                date(Some(&a.date)),
                text(unit_name(state, &p.site_id)),
                text(p.partner_name.clone()),
                text(a.form.label()),
                text(a.title.clone()),
                text(a.participants.clone()),
                text(a.result.clone()),
                text(a.note.clone()),
            ]
        })
        .collect();
    vec![
        Table {
            sheet: "结对".to_string(),
            columns: cols(&[
                ("示范点", 28.0),
                ("结对单位", 28.0),
                ("开始日期", 12.0),
                ("状态", 8.0),
                ("活跃情况", 10.0),
                ("结对目标", 30.0),
                ("本年活动次数", 10.0),
                ("本年最近活动", 12.0),
                ("结对单位进展", 30.0),
            ]),
            rows,
            footer: vec![],
            title: String::new(),
        },
        Table {
            sheet: "结对活动".to_string(),
            columns: cols(&[
                ("日期", 12.0),
                ("示范点", 28.0),
                ("结对单位", 28.0),
                ("形式", 10.0),
                ("内容", 30.0),
                ("参加人员", 20.0),
                ("成效", 30.0),
                ("备注", 20.0),
            ]),
            rows: activity_rows,
            footer: vec![],
            title: String::new(),
        },
    ]
}

/// A 合计 of the rows above it (a formula in Excel).
fn total(value: f64) -> Cell {
    Cell::Sum {
        value,
        of: SumOf::Above,
    }
}

/// The resources entered for `year` (one line per unit, largest funds first, as the
/// 保障投入 page compares them), and a last 合计 line (a row of the table, so its sums
/// are numbers).
pub fn resources_table(state: &AppState, year: u16, reference: &str) -> Table {
    let list = resources::compare_year(state, year);
    let sum = resources::year_totals(&list);
    let mut rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|r| {
            vec![
                // Marked when it had left by the year's end, as on the page (the export
                // listed them unmarked, and counted them in 合计).
                text(resources::unit_label_in_year(
                    state, &r.unit_id, year, reference,
                )),
                text(sector(state, &r.unit_id)),
                Cell::Number(r.funds.as_f64()),
                Cell::Number(r.activity_funds.as_f64()),
                Cell::Number(f64::from(r.staff)),
                Cell::Number(f64::from(r.part_time_staff)),
                text(if r.premises { "有" } else { "无" }),
                if r.premises && r.premises_area > 0 {
                    Cell::Number(f64::from(r.premises_area))
                } else {
                    Cell::Empty
                },
                text(r.note.clone()),
            ]
        })
        .collect();
    if !list.is_empty() {
        rows.push(vec![
            text(format!("合计（{}个单位）", sum.units)),
            Cell::Empty,
            // Formulas in Excel: a figure corrected in the workbook is summed again.
            total(sum.funds.as_f64()),
            total(sum.activity_funds.as_f64()),
            total(f64::from(sum.staff)),
            total(f64::from(sum.part_time_staff)),
            text(format!("有阵地{}个", sum.premises)),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    Table {
        sheet: "保障投入".to_string(),
        columns: cols(&[
            ("单位", 28.0),
            ("系统/行业", 12.0),
            ("党建工作经费（万元）", 14.0),
            ("活动经费（万元）", 12.0),
            ("专职党务干部（人）", 12.0),
            ("兼职党务干部（人）", 12.0),
            ("阵地", 6.0),
            ("阵地面积（平方米）", 12.0),
            ("备注", 24.0),
        ]),
        rows,
        footer: vec![],
        title: String::new(),
    }
}

/// The guidance visits dated in `year`, by date: one line per unit visited, the others
/// visited with it beside it, and how many 整改 items of that unit its findings became
/// (a clerk's review: a joint visit on one line under 甲、乙 was lost to a filter on 乙
/// in Excel).
pub fn visits_table(state: &AppState, year: u16) -> Table {
    let mut list: Vec<&GuidanceVisit> = state
        .guidance_visits
        .iter()
        .filter(|v| in_year(&v.date, year))
        .collect();
    list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let rows = list
        .into_iter()
        .flat_map(|v| v.units().map(move |u| (v, u)))
        .map(|(v, unit)| {
            let others: Vec<String> = v
                .units()
                .filter(|u| *u != unit)
                .map(|u| unit_name(state, u))
                .collect();
            let checks: Vec<&str> = v
                .looked_at
                .iter()
                .map(|c| c.label())
                .chain((!v.other_check.is_empty()).then_some(v.other_check.as_str()))
                .collect();
            let items = crate::domain::between_rounds::guidance::items_of_visit(state, &v.id)
                .filter(|r| r.unit_id == *unit)
                .count();
            vec![
                date(Some(&v.date)),
                text(unit_name(state, unit)),
                text(others.join("、")),
                text(v.form.label()),
                text(v.by.clone()),
                text(checks.join("、")),
                text(v.findings.clone()),
                text(v.advice.clone()),
                text(v.follow_up.clone()),
                Cell::Number(items as f64),
            ]
        })
        .collect();
    Table {
        sheet: "督导".to_string(),
        columns: cols(&[
            ("督导日期", 12.0),
            ("被督导单位", 28.0),
            ("同次督导的其他单位", 20.0),
            ("督导形式", 8.0),
            ("督导人员", 16.0),
            ("督导内容", 20.0),
            ("发现问题", 30.0),
            ("指导意见", 30.0),
            ("跟进情况", 24.0),
            ("转为整改事项（项）", 12.0),
        ]),
        rows,
        footer: vec![],
        title: String::new(),
    }
}
