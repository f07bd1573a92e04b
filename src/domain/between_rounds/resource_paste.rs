//! 保障投入 pasted from Excel or WPS: the rows of one year's comparison table (单位,
//! 党建工作经费, 活动经费, 专职党务干部, 兼职党务干部, 阵地, 备注), each checked as the
//! form checks one entry, all of them before anything is saved, and saved all or nothing.

use super::resources::{self, ResourceDraft};
use super::BetweenRoundsError;
use crate::domain::model::*;

/// The columns a pasted row is read in: those of the comparison table.
pub const PASTE_COLUMNS: [&str; 7] = [
    "单位",
    resources::PARTY_FUNDS_LABEL,
    resources::ACTIVITY_FUNDS_LABEL,
    "专职党务干部",
    "兼职党务干部",
    "阵地",
    "备注",
];

/// One pasted row, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedEntry {
    /// The row's line in the pasted text, from 1.
    pub line: usize,
    pub unit_name: String,
    /// What saving the row does to the unit's entry for the year.
    pub change: PastedChange,
    pub draft: ResourceDraft,
}

/// What saving a pasted row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PastedChange {
    /// No entry for the unit and year yet: one is added.
    Added,
    /// The unit's entry gets the pasted figures.
    Replaced,
    /// The unit's entry has these figures already: nothing is written.
    Same,
}

impl PastedChange {
    pub fn label(self) -> &'static str {
        match self {
            PastedChange::Added => "新增",
            PastedChange::Replaced => "更新已有记录",
            PastedChange::Same => "无变化",
        }
    }
}

/// What a paste would save, every row checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastePlan {
    pub year: u16,
    pub entries: Vec<PastedEntry>,
    /// Lines passed over: a header row, the 合计 row.
    pub passed_over: usize,
}

impl PastePlan {
    /// How many rows add an entry, replace one's figures, and change nothing.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |c: PastedChange| self.entries.iter().filter(|e| e.change == c).count();
        (
            n(PastedChange::Added),
            n(PastedChange::Replaced),
            n(PastedChange::Same),
        )
    }
}

/// 阵地 as the table prints it (`有，120 平方米`, `有（面积未填）`, `无`) or as a clerk
/// types it (`有`, `是`, `120`, `否`, empty): whether there are premises and their area.
fn premises(cell: &str) -> Option<(bool, String)> {
    let t = crate::domain::typed::half_width(cell.trim());
    if t.is_empty() || ["无", "否", "没有", "×"].contains(&t.as_str()) {
        return Some((false, String::new()));
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.starts_with('有') || t.starts_with('是') || t.starts_with('√') {
        return Some((true, digits));
    }
    // A bare area, with or without its unit.
    let bare = t
        .trim_end_matches("平方米")
        .trim_end_matches("㎡")
        .trim_end_matches("m2")
        .trim();
    (!bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit())).then_some((true, digits))
}

/// Reads `text` (rows copied from a spreadsheet: cells separated by tabs) as the
/// entries of `year`, and checks each as the form would, the rows together (a unit
/// named twice is refused). `Err` lists every problem, one per row, by line.
pub fn read_pasted(
    state: &AppState,
    year: u16,
    text: &str,
    now: &str,
) -> Result<PastePlan, Vec<String>> {
    let mut plan = PastePlan {
        year,
        entries: Vec::new(),
        passed_over: 0,
    };
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
        while cells.len() > PASTE_COLUMNS.len() && cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        let first = cells.first().copied().unwrap_or_default();
        if first == "单位" || first == "单位名称" || first.starts_with("合计") {
            plan.passed_over += 1;
            continue;
        }
        if cells.len() < 2 {
            problems.push(format!(
                "第{line}行没有分列（「{first}」）：请在 Excel 或 WPS 表格中选中这几列的单元格复制，再粘贴到这里"
            ));
            continue;
        }
        if cells.len() > PASTE_COLUMNS.len() {
            problems.push(format!(
                "第{line}行有{}列，多于{}列（{}）",
                cells.len(),
                PASTE_COLUMNS.len(),
                PASTE_COLUMNS.join("、")
            ));
            continue;
        }
        let cell = |n: usize| cells.get(n).copied().unwrap_or_default().to_string();
        let Some(unit) = state.units.iter().find(|u| u.name.trim() == first) else {
            problems.push(format!(
                "第{line}行：名册中没有单位「{first}」（单位名称须与“单位”中的一致）"
            ));
            continue;
        };
        if let Some(e) = plan.entries.iter().find(|e| e.draft.unit_id == unit.id) {
            problems.push(format!(
                "第{line}行：「{first}」在第{}行已经有了，每个单位一年只登记一条",
                e.line
            ));
            continue;
        }
        let Some((has_premises, area)) = premises(&cell(5)) else {
            problems.push(format!(
                "第{line}行（{first}）：阵地「{}」看不明白，应为“有”“无”或阵地面积（平方米）",
                cell(5)
            ));
            continue;
        };
        plan.entries.push(PastedEntry {
            line,
            unit_name: unit.name.clone(),
            change: PastedChange::Added,
            draft: ResourceDraft {
                unit_id: unit.id.clone(),
                year: year.to_string(),
                funds: cell(1),
                activity_funds: cell(2),
                staff: cell(3),
                part_time_staff: cell(4),
                premises: has_premises,
                premises_area: area,
                note: cell(6),
            },
        });
    }
    // Each row checked as the form checks it, on a copy.
    let mut trial = state.clone();
    for e in &mut plan.entries {
        match save_one(&mut trial, year, &e.draft, now) {
            Ok(change) => e.change = change,
            Err(err) => problems.push(format!("第{}行（{}）：{err}", e.line, e.unit_name)),
        }
    }
    if plan.entries.is_empty() && problems.is_empty() {
        problems.push(format!(
            "没有读到任何一行：请在 Excel 或 WPS 表格中选中各单位的行（{}）复制，再粘贴到这里",
            PASTE_COLUMNS.join("、")
        ));
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// One row saved: a new entry, or the figures of the unit's entry for the year (left
/// as it was, revision and all, when they are the same).
fn save_one(
    state: &mut AppState,
    year: u16,
    d: &ResourceDraft,
    now: &str,
) -> Result<PastedChange, BetweenRoundsError> {
    let held = state
        .resources
        .iter()
        .find(|r| r.unit_id == d.unit_id && r.year == year)
        .cloned();
    let id = resources::save(state, held.as_ref().map(|h| h.id.as_str()), d.clone(), now)?;
    let Some(held) = held else {
        return Ok(PastedChange::Added);
    };
    if let Some(r) = state.resources.iter_mut().find(|r| r.id == id) {
        let mut saved = r.clone();
        saved.meta = held.meta.clone();
        if saved == held {
            *r = held;
            return Ok(PastedChange::Same);
        }
    }
    Ok(PastedChange::Replaced)
}

/// Saves every row of `plan`, or none (the first refusal is returned and `state` is
/// left as it was). Returns how many rows added an entry, replaced one's figures and
/// changed nothing, as they stand now.
pub fn save_pasted(
    state: &mut AppState,
    plan: &PastePlan,
    now: &str,
) -> Result<(usize, usize, usize), BetweenRoundsError> {
    let (held, next_id) = (state.resources.clone(), state.settings.next_id);
    let mut counts = (0, 0, 0);
    for e in &plan.entries {
        match save_one(state, plan.year, &e.draft, now) {
            Ok(PastedChange::Added) => counts.0 += 1,
            Ok(PastedChange::Replaced) => counts.1 += 1,
            Ok(PastedChange::Same) => counts.2 += 1,
            Err(err) => {
                state.resources = held;
                state.settings.next_id = next_id;
                return Err(err);
            }
        }
    }
    Ok(counts)
}
