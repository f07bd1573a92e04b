//! Pasting from Excel or WPS: a block read as rows of cells, lined up by the units'
//! names and a header row or refused, and the edits it makes.

use super::*;

/// Whether a pasted cell holds a number.
pub(super) fn is_number(cell: &str) -> bool {
    let t = cell.trim();
    let bare = t.strip_suffix('分').map_or(t, str::trim_end);
    !t.is_empty() && (bare.parse::<f64>().is_ok() || Points::parse(bare).is_ok())
}

/// Whether a pasted cell holds something that is not a number.
pub(super) fn is_text(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && !is_number(t)
}

/// Text that can be a unit's name: two letters or more (`-`, `三`, `3,5` are a score
/// typed wrong, refused at their cell, not a unit not in the table).
pub(super) fn looks_like_name(cell: &str) -> bool {
    is_text(cell) && cell.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// A block of a single column of two or more lines (a self-assessment kept one
/// indicator a line) as one row of cells; a first line of text over numbers, a
/// heading, is left out. `None` for any other block.
pub fn column_as_row(block: &[Vec<String>]) -> Option<Vec<String>> {
    if block.len() < 2 || block.iter().any(|r| r.len() > 1) {
        return None;
    }
    let mut cells: Vec<String> = block
        .iter()
        .map(|r| r.first().cloned().unwrap_or_default())
        .collect();
    if cells.first().is_some_and(|c| is_text(c)) && cells[1..].iter().any(|c| is_number(c)) {
        cells.remove(0);
    }
    Some(cells)
}

/// Why a pasted block is refused as a whole (nothing is stored).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("粘贴内容第 {line} 行第 {column} 列的「{name}」不是本表中的单位。复制时带上了单位名称的，名称须与本表一致；也可以只复制分数部分再粘贴。没有粘贴任何内容。")]
    UnknownUnit {
        line: usize,
        column: usize,
        name: String,
    },
    #[error("粘贴内容第 {line} 行中有单位名称「{name}」，但不在第一列（或序号列之后的一列），无法确定各个分数属于哪个单位、哪一项。请让单位名称在第一列（前面可有序号列），或只复制分数部分再粘贴。没有粘贴任何内容。")]
    NameOutOfPlace { line: usize, name: String },
    #[error("粘贴内容中单位「{name}」出现了不止一次，无法确定用哪一行。没有粘贴任何内容。")]
    DuplicateUnit { name: String },
    #[error("粘贴内容表头中的「{heading}」不是本表中的指标。请只复制分数部分，或让表头与本表的指标名称一致。没有粘贴任何内容。")]
    UnknownHeading { heading: String },
    #[error("粘贴内容的表头（如「{heading}」）与本表的指标名称都对不上，无法确定各列是哪一项指标。请让表头与本表的指标名称一致，或不带表头、只复制分数，从要填的第一格开始粘贴。没有粘贴任何内容。")]
    HeaderNamesNoIndicator { heading: String },
}

/// Checks one cell's text against its column.
pub fn check_cell(unit: &str, column: &Column, text: &str) -> Result<Option<Points>, CellError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let value = Points::parse_score(t).map_err(|reason| CellError::NotPoints {
        unit: unit.to_string(),
        indicator: column.name.clone(),
        text: t.to_string(),
        reason,
    })?;
    // One-indicator scheme view, so check_points_for names this column.
    let scheme_like = one_indicator_scheme(column);
    check_points_for(unit, &scheme_like, 0, value).map_err(CellError::Invalid)?;
    Ok(Some(value))
}

pub(super) fn one_indicator_scheme(column: &Column) -> Scheme {
    Scheme {
        id: String::new(),
        family: String::new(),
        version: 0,
        name: String::new(),
        year: 0,
        dimensions: vec![Dimension {
            id: String::new(),
            name: String::new(),
            role: DimensionRole::Both,
            indicators: vec![Indicator {
                id: column.indicator_id.clone(),
                name: column.name.clone(),
                max: column.max,
                step: column.step,
                guidance: String::new(),
            }],
        }],
        bonus_items: Vec::new(),
        bonus_cap: Points::ZERO,
        deduction_items: Vec::new(),
        veto_items: Vec::new(),
        grade_bands: GradeBands {
            excellent: Points::ZERO,
            good: Points::ZERO,
            pass: Points::ZERO,
        },
        excellent_cap_pct: None,
        excellent_needs_innovation: false,
        aggregation: Aggregation::default(),
        meta: RecordMeta::default(),
    }
}

/// One cell to write: `None` clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellEdit {
    pub row: usize,
    pub col: usize,
    pub value: Option<Points>,
}

/// A cell of a pasted block that cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub row: usize,
    pub col: usize,
    /// What was pasted.
    pub text: String,
    pub error: CellError,
}

/// What pasting a block would do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PastePlan {
    /// Good cells whose value changes.
    pub edits: Vec<CellEdit>,
    /// Good cells that already hold the pasted value.
    pub unchanged: Vec<(usize, usize)>,
    /// Bad cells: not stored, listed.
    pub problems: Vec<CellProblem>,
    /// Pasted cells beyond the table's last row or column.
    pub outside: usize,
    /// How the block was lined up (a header row skipped, rows matched by name).
    pub notes: Vec<String>,
}

impl PastePlan {
    /// What happened, in one sentence for the person.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for n in &self.notes {
            s.push_str(n);
            s.push('，');
        }
        s.push_str(&format!(
            "已粘贴 {} 个单元格",
            self.edits.len() + self.unchanged.len()
        ));
        // Cells that already held what was pasted (an empty cell over an empty one,
        // the same score again) are pasted but change nothing: say how many did.
        if !self.unchanged.is_empty() {
            s.push_str(&format!("，其中 {} 个有改动", self.edits.len()));
        }
        let cleared = self.edits.iter().filter(|e| e.value.is_none()).count();
        if cleared > 0 {
            s.push_str(&format!(
                "，其中 {cleared} 个空单元格清除了原有的分数（如不是有意的，请立即点“撤销”；刷新或关闭页面后就不能撤销了）"
            ));
        }
        if !self.problems.is_empty() {
            s.push_str(&format!(
                "；{} 个单元格的内容有误，未保存（已在表格中标出）",
                self.problems.len()
            ));
        }
        if self.outside > 0 {
            s.push_str(&format!("；{} 个单元格超出表格范围，已忽略", self.outside));
        }
        s.push('。');
        s
    }
}

/// Splits text copied from Excel or WPS into rows of cells: rows end with `\r\n`, `\n`
/// or `\r`, cells are separated by tabs; the empty line after the last row (Excel adds
/// one) is ignored. A cell wrapped in double quotes loses them (`""` becomes `"`); such
/// a cell may hold tabs and line breaks (Excel quotes a cell with a line break typed
/// with Alt+Enter), which stay in the cell.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let normal = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut rest = normal.as_str();
    loop {
        let (cell, after) = take_cell(rest);
        row.push(cell);
        let mut chars = after.chars();
        match chars.next() {
            Some('\t') => rest = chars.as_str(),
            Some('\n') => {
                rows.push(std::mem::take(&mut row));
                rest = chars.as_str();
            }
            _ => {
                rows.push(row);
                break;
            }
        }
    }
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.len() == 1 && r[0].is_empty())
    {
        rows.pop();
    }
    rows
}

/// The first cell of `text` and what follows it (starting at the tab or line break
/// that ends it). A quoted cell ends at a closing quote followed by a tab, a line
/// break or the end; a quote anywhere else is the cell's own.
fn take_cell(text: &str) -> (String, &str) {
    if let Some(inner) = text.strip_prefix('"') {
        let mut cell = String::new();
        let mut chars = inner.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '"' {
                cell.push(c);
                continue;
            }
            match chars.peek() {
                Some((_, '"')) => {
                    cell.push('"');
                    chars.next();
                }
                Some((_, '\t' | '\n')) | None => return (cell, &inner[i + 1..]),
                // A quote inside an unquoted cell (`"红旗"党支部`): read it plainly.
                Some(_) => break,
            }
        }
    }
    let end = text.find(['\t', '\n']).unwrap_or(text.len());
    (unquote(&text[..end]), &text[end..])
}

pub(super) fn unquote(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if t.len() >= 2 => inner.replace("\"\"", "\""),
        _ => cell.to_string(),
    }
}

/// Writes checked cells into the round's sheets for `key`'s source; returns how many
/// cells changed. Every value is checked again; if any is bad, or a cell is outside
/// the grid, nothing is written (`state` is left as it was). A sheet is created when
/// its first score arrives and removed when its last score is cleared (unless it has
/// evidence notes or was marked submitted). Changed sheets get `meta.touch(now, origin)`.
pub fn apply_edits(
    state: &mut AppState,
    round_id: &str,
    key: &str,
    edits: &[CellEdit],
    now: &str,
) -> Result<usize, GridError> {
    let grid = Grid::read(state, round_id, key)?;
    for e in edits {
        if let Some(v) = e.value {
            grid.check(e.row, e.col, &v.to_string())?;
        } else if e.row >= grid.rows() || e.col >= grid.cols() {
            return Err(GridError::OutsideGrid {
                row: e.row + 1,
                col: e.col + 1,
            });
        }
    }
    let by = state.settings.origin.clone();
    let n = grid.cols();
    let Some(round) = state.rounds.iter_mut().find(|r| r.id == round_id) else {
        return Err(GridError::RoundNotFound(round_id.to_string()));
    };
    let mut changed = 0;
    let mut touched: Vec<usize> = Vec::new();
    for e in edits {
        let unit_id = &grid.unit_ids[e.row];
        let pos = match round
            .sheets
            .iter()
            .position(|s| &s.unit_id == unit_id && s.source == grid.source)
        {
            Some(p) => p,
            None if e.value.is_none() => continue,
            None => {
                round.sheets.push(ScoreSheet {
                    unit_id: unit_id.clone(),
                    source: grid.source.clone(),
                    points: vec![None; n],
                    evidence: Default::default(),
                    submitted: false,
                    meta: RecordMeta::default(),
                });
                round.sheets.len() - 1
            }
        };
        let sheet = &mut round.sheets[pos];
        if sheet.points.len() < n {
            sheet.points.resize(n, None);
        }
        if sheet.points[e.col] != e.value {
            sheet.points[e.col] = e.value;
            changed += 1;
            if !touched.contains(&pos) {
                touched.push(pos);
            }
        }
    }
    for &pos in &touched {
        round.sheets[pos].meta.touch(now, &by);
    }
    round.sheets.retain(|s| {
        !(s.source == grid.source
            && s.points.iter().all(|p| p.is_none())
            && s.evidence.is_empty()
            && !s.submitted)
    });
    Ok(changed)
}
