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
#[derive(Debug, Clone, PartialEq)]
pub struct PastedEntry {
    /// The row's place in the pasted block, from 1.
    pub line: usize,
    pub unit_name: String,
    /// What saving the row does to the unit's entry for the year.
    pub change: PastedChange,
    pub draft: ResourceDraft,
    /// The entry as it will be saved (amounts in 万元 as read).
    pub saved: ResourceEntry,
    /// The unit's entry for the year as it is now, if it has one.
    pub was: Option<ResourceEntry>,
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
#[derive(Debug, Clone, PartialEq)]
pub struct PastePlan {
    pub year: u16,
    pub entries: Vec<PastedEntry>,
    /// Rows passed over: a title, a header, a 合计/小计 row.
    pub passed_over: usize,
    /// Amounts so large they were probably typed in 元, by row: saved if the person
    /// goes on, but said first.
    pub warnings: Vec<String>,
    /// The columns a header left out (`专职党务干部`…): a unit's entry already
    /// recorded keeps its figures there, so that what was not copied is not taken for 0.
    pub kept_columns: Vec<&'static str>,
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

/// What a replaced entry loses, field by field: `活动经费 3.5 → 0`.
pub fn changed_fields(was: &ResourceEntry, now: &ResourceEntry) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what} {a} → {b}"));
        }
    };
    field("党建工作经费", was.funds.to_string(), now.funds.to_string());
    field(
        "活动经费",
        was.activity_funds.to_string(),
        now.activity_funds.to_string(),
    );
    field("专职党务干部", was.staff.to_string(), now.staff.to_string());
    field(
        "兼职党务干部",
        was.part_time_staff.to_string(),
        now.part_time_staff.to_string(),
    );
    field(
        "阵地",
        resources::premises_text(was),
        resources::premises_text(now),
    );
    let note = |n: &str| {
        if n.is_empty() {
            "（空）".to_string()
        } else {
            n.to_string()
        }
    };
    field("备注", note(&was.note), note(&now.note));
    out
}

/// 阵地 as the table prints it (`有，120 平方米`, `有（面积未填）`, `无`) or as a clerk
/// types it (`有`, `是`, `120`, `120平方米`, `否`, `0`, empty): whether there are
/// premises and their area. Anything else (two numbers, a decimal area, words) is not
/// guessed at.
fn premises(cell: &str) -> Option<(bool, String)> {
    let t = crate::domain::typed::half_width(cell.trim());
    let t = t.trim();
    if t.is_empty() || ["无", "否", "没有", "×", "0"].contains(&t) {
        return Some((false, String::new()));
    }
    let area = |rest: &str| -> Option<String> {
        let r = rest
            .trim_start_matches([',', '，', ':', '：', ' ', '、'])
            .trim_end();
        let r = resources::SQUARE_METRES
            .iter()
            .fold(r, |r, unit| r.strip_suffix(unit).unwrap_or(r))
            .trim();
        if r == "（面积未填）" || r == "(面积未填)" {
            return Some(String::new());
        }
        r.chars().all(|c| c.is_ascii_digit()).then(|| r.to_string())
    };
    if let Some(rest) = ["有", "是", "√"].iter().find_map(|p| t.strip_prefix(p)) {
        return area(rest).map(|a| (true, a));
    }
    match area(t) {
        Some(a) if a.trim_start_matches('0').is_empty() => Some((false, String::new())),
        Some(a) => Some((true, a)),
        None => None,
    }
}

/// A cell without its spaces (`单  位` is 单位; U+3000 counts as a space).
fn squeezed(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a column of a pasted table goes: one of [`PASTE_COLUMNS`] by its place, or
/// [`AREA`] (a 阵地面积 column of its own, read together with 阵地).
type Slot = usize;

/// A separate 阵地面积 column's slot, after those of [`PASTE_COLUMNS`].
const AREA: Slot = PASTE_COLUMNS.len();

/// The slot a header cell names (`None`: a column left out, as 序号, 操作 and 系统/行业),
/// or `Err`
/// with the header as written when it is none of the table's columns.
fn header_slot(cell: &str) -> Result<Option<Slot>, String> {
    let h = squeezed(cell);
    // Columns the year's export (报表 → 导出年度保障投入) adds about the unit: read past,
    // so the export pastes back as it is.
    let about_unit = ["系统/行业", "系统", "行业", "组织类型"];
    let slot = if h.is_empty() || h == "序号" || h == "操作" || about_unit.contains(&h.as_str())
    {
        None
    } else if h == "单位" || h.ends_with("名称") {
        Some(0)
    } else if h.contains("活动经费") {
        Some(2)
    } else if h.contains("经费") {
        Some(1)
    } else if h.contains("兼职") {
        Some(4)
    } else if h.contains("专职") {
        Some(3)
    } else if h.contains("面积") {
        Some(AREA)
    } else if h.contains("阵地") {
        Some(5)
    } else if h.contains("备注") {
        Some(6)
    } else {
        return Err(cell.trim().to_string());
    };
    Ok(slot)
}

/// The columns a header row lays out, when they are not the comparison table's own
/// in its order (`Ok(None)`: read by place, as before). `Err`: what is wrong with it.
fn header_layout(cells: &[String]) -> Result<Option<Vec<Option<Slot>>>, String> {
    let slots = cells
        .iter()
        .map(|c| header_slot(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|h| {
            format!(
                "表头中的「{h}」不是对比表的列（{}），请不要复制这一列，或把表头改成对比表的列名",
                PASTE_COLUMNS.join("、")
            )
        })?;
    let named: Vec<Slot> = slots.iter().flatten().copied().collect();
    if let Some(twice) = named
        .iter()
        .enumerate()
        .find_map(|(i, s)| named[..i].contains(s).then_some(*s))
    {
        let what = PASTE_COLUMNS.get(twice).copied().unwrap_or("阵地面积");
        return Err(format!("表头中有两列都是「{what}」，请只复制其中一列"));
    }
    // Read by place only when the header is the comparison table's own columns in its
    // order, all of them, nothing between them (an empty or 操作 column shifts what
    // follows; a column left out keeps what was recorded, see [`left_out`]).
    let in_order =
        slots.len() == PASTE_COLUMNS.len() && slots.iter().enumerate().all(|(i, s)| *s == Some(i));
    Ok((!in_order).then_some(slots))
}

/// The figures' columns (and 备注) a header's `layout` does not have; 阵地 is there when
/// the header has 阵地 or 阵地面积.
fn left_out(layout: &[Option<Slot>]) -> Vec<Slot> {
    let has = |s: Slot| layout.contains(&Some(s)) || (s == 5 && layout.contains(&Some(AREA)));
    (1..PASTE_COLUMNS.len()).filter(|s| !has(*s)).collect()
}

/// A draft that keeps `was`'s value in each of the `columns` (slots of
/// [`PASTE_COLUMNS`]) and takes `draft`'s in the others.
fn keep_columns(mut draft: ResourceDraft, was: &ResourceEntry, columns: &[Slot]) -> ResourceDraft {
    for c in columns {
        match c {
            1 => draft.funds = was.funds.to_string(),
            2 => draft.activity_funds = was.activity_funds.to_string(),
            3 => draft.staff = was.staff.to_string(),
            4 => draft.part_time_staff = was.part_time_staff.to_string(),
            5 => {
                draft.premises = was.premises;
                draft.premises_area = was.premises_area.to_string();
            }
            6 => draft.note = was.note.clone(),
            _ => {}
        }
    }
    draft
}

/// A header row: it starts with 单位 (or 单位名称), or every cell filled in it names
/// a column of the table (at least three, the unit's among them), in any order.
fn is_header(cells: &[String]) -> bool {
    let first = squeezed(cells.first().map(String::as_str).unwrap_or_default());
    if first == "单位" || first == "单位名称" {
        return true;
    }
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let slots: Vec<Option<Slot>> = filled.iter().filter_map(|c| header_slot(c).ok()).collect();
    filled.len() >= 3 && slots.len() == filled.len() && slots.contains(&Some(0))
}

/// A row read by a header's `layout`, as the comparison table's columns; a separate
/// 阵地面积 goes with 阵地 (`有` and `60` read as `有，60`).
fn by_layout(cells: &[String], layout: &[Option<Slot>]) -> Vec<String> {
    let mut out = vec![String::new(); AREA + 1];
    for (cell, slot) in cells.iter().zip(layout) {
        if let Some(s) = slot {
            out[*s] = cell.clone();
        }
    }
    let area = out.pop().unwrap_or_default();
    if !area.is_empty() && area != "0" {
        out[5] = if out[5].is_empty() {
            area
        } else {
            format!("{}，{area}", out[5])
        };
    }
    out
}

/// Reads `text` (rows copied from a spreadsheet: cells separated by tabs, a quoted
/// cell may hold a line break) as the entries of `year`, and checks each as the form
/// would, the rows together (a unit named twice is refused). A 序号 column and the 操作
/// column of the page's own table are dropped; a title, a header and 合计/小计 rows
/// are passed over. `Err` lists every problem, one per row.
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
        warnings: Vec::new(),
        kept_columns: Vec::new(),
    };
    let mut problems = Vec::new();
    let columns = PASTE_COLUMNS.join("、");
    // The header's own layout, when it has one (columns in another order, or 阵地面积
    // apart from 阵地): the rows below are read by it.
    // With it, whether the header began with 序号 (taken off each row too).
    let mut layout: Option<(Vec<Option<Slot>>, bool)> = None;
    // The columns that header leaves out (see [`left_out`]).
    let mut missing: Vec<Slot> = Vec::new();
    let on_roster = |name: &str| {
        state
            .units
            .iter()
            .any(|u| !u.name.trim().is_empty() && name.starts_with(u.name.trim()))
    };
    for (i, row) in crate::domain::grid::parse_block(text)
        .into_iter()
        .enumerate()
    {
        let line = i + 1;
        let mut cells: Vec<String> = row.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        // A 序号 column: a number (or the word) before the unit; under a header, only
        // when the header has it (a first column of figures is then not taken for one).
        let seq = cells.len() > 1 && {
            let first = squeezed(&cells[0]);
            match &layout {
                Some((_, had)) => *had,
                None => first == "序号" || first.chars().all(|c| c.is_ascii_digit()),
            }
        };
        if seq {
            cells.remove(0);
        }
        // Empty cells after the last column (a wider selection) are not columns.
        let width = layout
            .as_ref()
            .map_or(PASTE_COLUMNS.len(), |(l, _)| l.len());
        while cells.len() > width && cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        // The 操作 column of this page's own table, copied with it.
        if layout.is_none() && cells.len() == PASTE_COLUMNS.len() + 1 {
            let last = squeezed(&cells[PASTE_COLUMNS.len()]);
            if last == "操作" || (last.contains("修改") && last.contains("删除")) {
                cells.pop();
            }
        }
        if is_header(&cells) {
            layout = header_layout(&cells)
                .map_err(|e| vec![format!("第{line}行：{e}")])?
                .map(|l| (l, seq));
            missing = layout
                .as_ref()
                .map(|(l, _)| left_out(l))
                .unwrap_or_default();
            for &c in &missing {
                if !plan.kept_columns.contains(&PASTE_COLUMNS[c]) {
                    plan.kept_columns.push(PASTE_COLUMNS[c]);
                }
            }
            plan.passed_over += 1;
            continue;
        }
        if let Some((l, _)) = &layout {
            // Read by the header: as many columns as it has, one (备注) may be cut.
            if cells.len() > l.len() || cells.len() + 1 < l.len() {
                problems.push(format!(
                    "第{line}行（{}）有{}列，与表头的{}列对不上：请连同表头一起，选中整齐的几列复制",
                    cells[0],
                    cells.len(),
                    l.len()
                ));
                continue;
            }
            cells = by_layout(&cells, l);
        }
        let first = squeezed(cells.first().map(String::as_str).unwrap_or_default());
        if ["合计", "小计", "总计"]
            .iter()
            .any(|t| first.starts_with(t))
        {
            plan.passed_over += 1;
            continue;
        }
        let name = cells[0].clone();
        // A title above the table (one cell filled, not a unit's name).
        if cells.iter().filter(|c| !c.is_empty()).count() == 1 && !on_roster(&name) {
            plan.passed_over += 1;
            continue;
        }
        if cells.len() < 2 {
            problems.push(format!(
                "第{line}行没有分列（「{name}」）：请在 Excel 或 WPS 表格中选中这几列的单元格复制，再粘贴到这里"
            ));
            continue;
        }
        if cells.len() > PASTE_COLUMNS.len() {
            problems.push(format!(
                "第{line}行有{}列，多于{}列（{columns}）",
                cells.len(),
                PASTE_COLUMNS.len(),
            ));
            continue;
        }
        let cell = |n: usize| cells.get(n).cloned().unwrap_or_default();
        // A name copied back from the comparison, marked （已退出）, is that unit.
        let named = |n: &str| {
            state
                .units
                .iter()
                .find(|u| crate::domain::roster::same_name(&u.name, n))
        };
        let Some(unit) =
            named(&name).or_else(|| named(crate::domain::roster::without_departed_mark(&name)))
        else {
            problems.push(format!(
                "第{line}行：名册中没有单位「{name}」（单位名称须与“单位”中的一致）"
            ));
            continue;
        };
        // A year before the unit entered is said first: no set of columns makes that
        // row one to keep (a clerk's review: told to copy every column, then refused
        // for the year).
        if unit.entered_year > year {
            let err = super::BetweenRoundsError::ResourceBeforeEntry {
                unit: unit.name.clone(),
                year,
                entered: unit.entered_year,
            };
            problems.push(format!("第{line}行（{name}）：{err}"));
            continue;
        }
        // A short row would clear the figures it leaves out: asked for whole.
        if cells.len() < PASTE_COLUMNS.len() - 1 {
            problems.push(format!(
                "第{line}行（{name}）只有{}列：请按“{columns}”的顺序把各列一起复制（没有的填 0，备注可以空着），以免没复制的数字被当作 0",
                cells.len()
            ));
            continue;
        }
        if let Some(e) = plan.entries.iter().find(|e| e.draft.unit_id == unit.id) {
            problems.push(format!(
                "第{line}行：「{name}」在第{}行已经有了，每个单位一年只登记一条",
                e.line
            ));
            continue;
        }
        let Some((has_premises, mut area)) = premises(&cell(5)) else {
            problems.push(format!(
                "第{line}行（{name}）：阵地「{}」看不明白，应为“有”“无”或阵地面积（整数，平方米），如“有，120 平方米”",
                cell(5)
            ));
            continue;
        };
        let was = state
            .resources
            .iter()
            .find(|r| r.unit_id == unit.id && r.year == year)
            .cloned();
        // Columns the header left out: kept from the entry recorded, never taken for 0;
        // a unit with no entry yet needs them all (备注 may be left out).
        let needed: Vec<&str> = missing
            .iter()
            .filter(|c| **c != 6)
            .map(|c| PASTE_COLUMNS[*c])
            .collect();
        if was.is_none() && !needed.is_empty() {
            problems.push(format!(
                "第{line}行（{name}）：表头中没有「{}」列，而这个单位{year}年度还没有登记保障投入：请把{columns}各列一起复制（没有的填 0），以免没复制的数字被当作 0",
                needed.join("」「")
            ));
            continue;
        }
        // A bare 有 where the table has no 阵地面积 column says nothing of the area:
        // the area recorded stays (有（面积未填） written out clears it).
        let area_column = layout
            .as_ref()
            .is_some_and(|(l, _)| l.contains(&Some(AREA)));
        let bare_yes = ["有", "是", "√"].contains(&squeezed(&cell(5)).as_str());
        if let Some(w) = was
            .as_ref()
            .filter(|w| has_premises && area.is_empty() && bare_yes && !area_column && w.premises)
        {
            if w.premises_area > 0 {
                area = w.premises_area.to_string();
            }
        }
        let typed = ResourceDraft {
            unit_id: unit.id.clone(),
            year: year.to_string(),
            funds: cell(1),
            activity_funds: cell(2),
            staff: cell(3),
            part_time_staff: cell(4),
            premises: has_premises,
            premises_area: area,
            note: cell(6),
        };
        plan.entries.push(PastedEntry {
            line,
            unit_name: unit.name.clone(),
            change: PastedChange::Added,
            draft: match &was {
                Some(w) => keep_columns(typed, w, &missing),
                None => typed,
            },
            saved: was
                .clone()
                .unwrap_or_else(|| resources::blank_entry(String::new(), unit.id.clone(), year)),
            was,
        });
    }
    // Each row checked as the form checks it, on a copy.
    let mut trial = state.clone();
    for e in &mut plan.entries {
        match save_one(&mut trial, year, &e.draft, now) {
            Ok((change, id)) => {
                e.change = change;
                if let Some(r) = trial.resources.iter().find(|r| r.id == id) {
                    e.saved = r.clone();
                }
                for big in resources::large_amounts(&e.saved) {
                    plan.warnings.push(format!(
                        "第{}行（{}）：{big}，数额很大，是不是按“元”填写了？请核对（按万元填写）",
                        e.line, e.unit_name
                    ));
                }
            }
            Err(err) => problems.push(format!("第{}行（{}）：{err}", e.line, e.unit_name)),
        }
    }
    if plan.entries.is_empty() && problems.is_empty() {
        problems.push(format!(
            "没有读到任何一行：请在 Excel 或 WPS 表格中选中各单位的行（{columns}）复制，再粘贴到这里"
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
) -> Result<(PastedChange, Id), BetweenRoundsError> {
    let held = state
        .resources
        .iter()
        .find(|r| r.unit_id == d.unit_id && r.year == year)
        .cloned();
    let id = resources::save(state, held.as_ref().map(|h| h.id.as_str()), d.clone(), now)?;
    let Some(held) = held else {
        return Ok((PastedChange::Added, id));
    };
    if let Some(r) = state.resources.iter_mut().find(|r| r.id == id) {
        let mut saved = r.clone();
        saved.meta = held.meta.clone();
        if saved == held {
            *r = held;
            return Ok((PastedChange::Same, id));
        }
    }
    Ok((PastedChange::Replaced, id))
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
            Ok((PastedChange::Added, _)) => counts.0 += 1,
            Ok((PastedChange::Replaced, _)) => counts.1 += 1,
            Ok((PastedChange::Same, _)) => counts.2 += 1,
            Err(err) => {
                state.resources = held;
                state.settings.next_id = next_id;
                return Err(err);
            }
        }
    }
    Ok(counts)
}
