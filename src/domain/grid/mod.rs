//! The score grid's logic: one source's scores in a round as a table of units (rows)
//! × indicators (columns), checking what is typed in a cell, reading a block pasted
//! from Excel or WPS (tab-separated), and writing checked cells into the sheets.
//!
//! Rules (see `docs/score-entry.md`):
//! - A blank cell is not a zero: clearing a cell removes the score.
//! - A value that is not a number, is out of the indicator's range or off its step is
//!   never stored; the cell keeps what was typed and says what is wrong.
//! - A pasted block is applied cell by cell: the good cells are stored (in one change),
//!   the bad ones are listed and left as they were in the data. Cells falling outside
//!   the table are counted and reported, not stored.

use std::collections::{BTreeSet, HashMap};

use super::model::*;
use super::points::{Points, PointsParseError};
use super::validation::{check_points_for, ValidationError};

mod paste;
pub use paste::*;

/// The key of the self-assessment in the grid's address (`#/rounds/r1/scores/self`).
pub const SELF_KEY: &str = "self";

/// The address key of a source: the assessor's id, or [`SELF_KEY`].
pub fn source_key(source: &SheetSource) -> String {
    match source {
        SheetSource::SelfAssessment => SELF_KEY.to_string(),
        SheetSource::Assessor(id) => id.clone(),
    }
}

/// The source an address key names in this round, if any.
pub fn source_from_key(round: &Round, key: &str) -> Option<SheetSource> {
    if key == SELF_KEY {
        Some(SheetSource::SelfAssessment)
    } else {
        round
            .assessors
            .iter()
            .find(|a| a.id == key)
            .map(|a| SheetSource::Assessor(a.id.clone()))
    }
}

/// Why a cell's text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("单位「{unit}」指标「{indicator}」填的「{text}」{reason}，未保存")]
    NotPoints {
        unit: String,
        indicator: String,
        text: String,
        reason: PointsParseError,
    },
    #[error("{0}，未保存")]
    Invalid(ValidationError),
}

impl CellError {
    /// The short message shown at the cell itself.
    pub fn short(&self) -> String {
        match self {
            CellError::NotPoints { reason, .. } => reason.to_string(),
            CellError::Invalid(ValidationError::PointsOutOfRange { max, .. }) => {
                format!("超出范围 0–{max}")
            }
            CellError::Invalid(ValidationError::PointsOffStep { step, .. }) => {
                format!("须为 {step} 的整数倍")
            }
            CellError::Invalid(e) => e.to_string(),
        }
    }
}

/// Why grid data cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    #[error("找不到这个考评轮次（编号「{0}」），可能已被删除或撤销")]
    RoundNotFound(String),
    #[error("考评轮次「{round}」所用的考评方案「{scheme}」不存在")]
    SchemeNotFound { round: String, scheme: String },
    #[error("考评轮次「{round}」中没有评委「{key}」")]
    UnknownSource { round: String, key: String },
    #[error("第 {row} 行、第 {col} 列不在评分表范围内")]
    OutsideGrid { row: usize, col: usize },
    #[error("{0}")]
    Cell(CellError),
}

/// One column of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub indicator_id: Id,
    pub name: String,
    pub max: Points,
    pub step: Points,
    /// The index of its dimension in the scheme.
    pub dimension: usize,
    /// 评分细则 (shown a click away from the column's header).
    pub guidance: String,
}

/// A row, or a sheet, with no score at all, as the grid and the round page say it.
pub const NOT_SCORED: &str = "未评";

/// One source's scores in a round, as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub round_id: Id,
    pub round_name: String,
    pub source: SheetSource,
    /// 评委「张三」 or 自评.
    pub source_name: String,
    /// Row ids (the round's units expected from this source, in round order).
    pub unit_ids: Vec<Id>,
    pub unit_names: Vec<String>,
    pub columns: Vec<Column>,
    /// Dimension names with their number of columns, for a header row.
    pub dimensions: Vec<(String, usize)>,
    /// `values[row][col]`; `None` is blank.
    pub values: Vec<Vec<Option<Points>>>,
}

impl Grid {
    /// Reads the grid of source `key` (assessor id or `self`) in round `round_id`.
    /// Rows are the units the source is expected to score.
    pub fn read(state: &AppState, round_id: &str, key: &str) -> Result<Grid, GridError> {
        let round = state
            .round(round_id)
            .ok_or_else(|| GridError::RoundNotFound(round_id.to_string()))?;
        let scheme = state
            .scheme(&round.scheme_id)
            .ok_or_else(|| GridError::SchemeNotFound {
                round: round.name.clone(),
                scheme: round.scheme_id.clone(),
            })?;
        let source = source_from_key(round, key).ok_or_else(|| GridError::UnknownSource {
            round: round.name.clone(),
            key: key.to_string(),
        })?;
        let n = scheme.indicator_count();
        let unit_ids: Vec<Id> = round
            .unit_ids
            .iter()
            .filter(|u| super::round_setup::expects(round, &source, u))
            .cloned()
            .collect();
        // One pass over the units and the sheets (a large city's round has 2,400
        // sheets; looking each row's sheet up in the list was 300 × 2,400 comparisons).
        let names: HashMap<&str, &str> = state
            .units
            .iter()
            .rev()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        let sheets: HashMap<&str, &ScoreSheet> = round
            .sheets
            .iter()
            .rev()
            .filter(|s| s.source == source)
            .map(|s| (s.unit_id.as_str(), s))
            .collect();
        let unit_names = unit_ids
            .iter()
            .map(|id| {
                names
                    .get(id.as_str())
                    .map_or_else(|| id.clone(), |n| n.to_string())
            })
            .collect();
        let values = unit_ids
            .iter()
            .map(|u| {
                let mut row: Vec<Option<Points>> = sheets
                    .get(u.as_str())
                    .map(|s| s.points.clone())
                    .unwrap_or_default();
                row.resize(n, None);
                row
            })
            .collect();
        let columns = scheme
            .dimensions
            .iter()
            .enumerate()
            .flat_map(|(d, dim)| {
                dim.indicators.iter().map(move |i| Column {
                    indicator_id: i.id.clone(),
                    name: i.name.clone(),
                    max: i.max,
                    step: i.step,
                    dimension: d,
                    guidance: i.guidance.clone(),
                })
            })
            .collect();
        Ok(Grid {
            round_id: round.id.clone(),
            round_name: round.name.clone(),
            source_name: super::validation::source_name(round, &source),
            source,
            unit_ids,
            unit_names,
            columns,
            dimensions: scheme
                .dimensions
                .iter()
                .map(|d| (d.name.clone(), d.indicators.len()))
                .collect(),
            values,
        })
    }

    pub fn rows(&self) -> usize {
        self.unit_ids.len()
    }

    pub fn cols(&self) -> usize {
        self.columns.len()
    }

    /// The stored value of a cell (`None` when blank or outside).
    pub fn value(&self, row: usize, col: usize) -> Option<Points> {
        self.values
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .flatten()
    }

    /// A cell as a message names it: its unit and its indicator (`甲支部 实践成果`).
    pub fn cell_label(&self, row: usize, col: usize) -> String {
        format!(
            "{} {}",
            self.unit_names.get(row).cloned().unwrap_or_default(),
            self.columns
                .get(col)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        )
    }

    /// The sum of a row's scores (blanks add nothing).
    pub fn row_total(&self, row: usize) -> Points {
        self.values
            .get(row)
            .map(|r| r.iter().flatten().copied().sum())
            .unwrap_or(Points::ZERO)
    }

    /// The row total as shown: `—` for a row with no score at all (a blank is not 0).
    pub fn row_total_text(&self, row: usize) -> String {
        match self.values.get(row) {
            Some(r) if r.iter().any(Option::is_some) => self.row_total(row).to_string(),
            _ => "—".to_string(),
        }
    }

    /// The row's 空项 as shown: the count, or 未评 for a row with no score at all, as
    /// the round page and the results say of it (a clerk's re-test: 22 blanks here, 未评
    /// there, for one cleared sheet).
    pub fn row_blanks_text(&self, row: usize) -> String {
        if self.row_scored(row) {
            self.row_blanks(row).to_string()
        } else {
            NOT_SCORED.to_string()
        }
    }

    /// Whether any cell of the row holds a score.
    pub fn row_scored(&self, row: usize) -> bool {
        self.values
            .get(row)
            .is_some_and(|r| r.iter().any(Option::is_some))
    }

    /// The blanks in a row.
    pub fn row_blanks(&self, row: usize) -> usize {
        self.values
            .get(row)
            .map(|r| r.iter().filter(|p| p.is_none()).count())
            .unwrap_or(0)
    }

    /// The full points of the scheme (the best row total).
    pub fn full_points(&self) -> Points {
        self.columns.iter().map(|c| c.max).sum()
    }

    /// Checks what is typed into a cell: `Ok(None)` for a blank, `Ok(Some(points))`
    /// for a value that may be stored, or why not.
    pub fn check(&self, row: usize, col: usize, text: &str) -> Result<Option<Points>, GridError> {
        let (Some(unit), Some(column)) = (self.unit_names.get(row), self.columns.get(col)) else {
            return Err(GridError::OutsideGrid {
                row: row + 1,
                col: col + 1,
            });
        };
        check_cell(unit, column, text).map_err(GridError::Cell)
    }

    /// Plans pasting `block` (rows of cells) with its top-left cell at (`row`, `col`).
    ///
    /// A block copied with its headings is lined up, never stored shifted: a first row
    /// with no number in it is a header row and is skipped (when its cells name this
    /// table's indicators, columns are lined up by those names); a first column of text
    /// is the units' names, and each row goes to its unit's row whatever cell was
    /// focused. A name or heading that is not in this table refuses the whole block.
    /// A single column pasted where the grid has one row: its cells as one row (see
    /// [`column_as_row`]).
    fn one_column_for_one_row(&self, block: &[Vec<String>]) -> Option<Vec<String>> {
        if self.rows() != 1 {
            return None;
        }
        column_as_row(block)
    }

    pub fn plan_paste(
        &self,
        row: usize,
        col: usize,
        block: &[Vec<String>],
    ) -> Result<PastePlan, PasteError> {
        let mut plan = PastePlan::default();
        // A column pasted into a grid of one row (a unit's own self-assessment, kept in
        // a spreadsheet one indicator a line, as the printed 自评表 is): laid along the
        // row, a text heading above the numbers left out.
        let laid_along;
        let block = match self.one_column_for_one_row(block) {
            Some(row_cells) => {
                plan.notes.push("已把粘贴的一列依次填入本行".to_string());
                laid_along = [row_cells];
                &laid_along[..]
            }
            None => block,
        };
        let mut body: &[Vec<String>] = block;
        let mut header: Option<&[String]> = None;
        if let [first, rest @ ..] = block {
            let names_a_unit = first.iter().take(2).any(|c| self.unit_row(c).is_some());
            if !rest.is_empty()
                && !names_a_unit
                && first.iter().any(|c| is_text(c))
                && !first.iter().any(|c| is_number(c))
            {
                header = Some(first);
                body = rest;
                plan.notes.push("已跳过第一行表头".to_string());
            }
        }
        // A 合计 or 平均 row under the units, its label under 序号 or 单位 (merged across
        // both in Excel): not a unit, left out (a clerk's review: it refused the whole
        // block, the label under 序号 said as a unit name out of place).
        let total_label = |r: &Vec<String>| {
            r.iter()
                .take(2)
                .find(|c| TOTAL_ROWS.contains(&heading_name(c)) && self.unit_row(c).is_none())
                .map(|c| heading_name(c).to_string())
        };
        let mut total_rows: Vec<String> = body.iter().filter_map(total_label).collect();
        let without_totals: Vec<Vec<String>>;
        if !total_rows.is_empty() {
            without_totals = body
                .iter()
                .filter(|r| total_label(r).is_none())
                .cloned()
                .collect();
            body = &without_totals;
        }
        // The units' names: a first column of text in every row that has anything, or,
        // after a 序号 column (numbers), a second one that names this table's units.
        let filled: Vec<&Vec<String>> = body
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        let names_in = |k: usize| {
            !filled.is_empty()
                && filled.iter().all(|r| {
                    r.get(k).is_some_and(|c| looks_like_name(c))
                        && r[..k].iter().all(|c| c.trim().is_empty() || is_number(c))
                })
                && (filled.len() > 1 || filled.iter().any(|r| r.len() > k + 1))
        };
        let name_col = if names_in(0) {
            Some(0)
        } else if names_in(1)
            && filled
                .iter()
                .any(|r| r.get(1).is_some_and(|c| self.unit_row(c).is_some()))
        {
            plan.notes.push("已跳过序号列".to_string());
            Some(1)
        } else {
            None
        };
        // Where each block row goes, and the cells that hold values.
        let mut rows: Vec<(usize, &[String])> = Vec::new();
        if let Some(k) = name_col {
            let mut seen = BTreeSet::new();
            for (line, cells) in body.iter().enumerate() {
                let (Some(name), Some(values)) = (cells.get(k), cells.get(k + 1..)) else {
                    continue;
                };
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let Some(r) = self.unit_row(name) else {
                    return Err(PasteError::UnknownUnit {
                        line: line + 1 + usize::from(header.is_some()),
                        column: k + 1,
                        name: name.trim().to_string(),
                    });
                };
                if !seen.insert(r) {
                    return Err(PasteError::DuplicateUnit {
                        name: name.trim().to_string(),
                    });
                }
                rows.push((r, values));
            }
            plan.notes
                .push(format!("已按单位名称对齐 {} 行", rows.len()));
        } else {
            // Scores by position: a unit's name among them would put every score after
            // it one indicator along (and the rows under the wrong units).
            for (line, cells) in body.iter().enumerate() {
                if let Some(name) = cells.iter().find(|c| self.unit_row(c).is_some()) {
                    return Err(PasteError::NameOutOfPlace {
                        line: line + 1 + usize::from(header.is_some()),
                        name: name.trim().to_string(),
                    });
                }
            }
            rows.extend(
                body.iter()
                    .enumerate()
                    .map(|(dr, cells)| (row + dr, cells.as_slice())),
            );
        }
        total_rows.dedup();
        if !total_rows.is_empty() {
            let names: Vec<String> = total_rows.iter().map(|h| format!("「{h}」")).collect();
            plan.notes
                .push(format!("{}行不是单位，未粘贴", names.join("")));
        }
        // Column of each value cell: by the header's indicator names when it has any.
        let headings: Vec<&String> = match header {
            Some(h) => h.iter().skip(name_col.map_or(0, |k| k + 1)).collect(),
            None => Vec::new(),
        };
        let skipped = |j: usize| {
            headings
                .get(j)
                .is_some_and(|h| SKIPPED_HEADINGS.contains(&heading_name(h)))
        };
        let by_heading = headings.iter().any(|h| self.column_of(h).is_some());
        // A header naming none of this table's indicators (the clerk's own short names)
        // says nothing of where its columns go: pasted by position from the focused
        // cell, its scores went into other indicators unsaid (a clerk's review).
        if !by_heading {
            if let Some(h) = headings.iter().find(|h| {
                !heading_name(h).is_empty() && !SKIPPED_HEADINGS.contains(&heading_name(h))
            }) {
                return Err(PasteError::HeaderNamesNoIndicator {
                    heading: h.trim().to_string(),
                });
            }
        }
        let column_for = |j: usize| -> Result<Option<usize>, PasteError> {
            if skipped(j) {
                return Ok(None);
            }
            if !by_heading {
                // Columns such as 合计 in a header of other words: left out, and the
                // columns after them not moved along.
                return Ok(Some(col + j - (0..j).filter(|&i| skipped(i)).count()));
            }
            let Some(h) = headings.get(j) else {
                return Ok(None);
            };
            if heading_name(h).is_empty() {
                return Ok(None);
            }
            self.column_of(h)
                .map(Some)
                .ok_or_else(|| PasteError::UnknownHeading {
                    heading: h.trim().to_string(),
                })
        };
        if by_heading {
            plan.notes.push("已按表头的指标名称对齐各列".to_string());
        }
        let mut left_out: Vec<&str> = (0..headings.len())
            .filter(|&j| skipped(j))
            .filter(|&j| {
                rows.iter()
                    .any(|(_, cells)| cells.get(j).is_some_and(|c| !c.trim().is_empty()))
            })
            .map(|j| heading_name(headings[j]))
            .collect();
        left_out.dedup();
        if !left_out.is_empty() {
            let names: Vec<String> = left_out.iter().map(|h| format!("「{h}」")).collect();
            plan.notes
                .push(format!("{}列不是指标，未粘贴", names.join("")));
        }
        for (r, cells) in rows {
            for (j, text) in cells.iter().enumerate() {
                let Some(c) = column_for(j)? else {
                    continue;
                };
                if r >= self.rows() || c >= self.cols() {
                    // An empty cell beyond the grid (a selection one column too wide)
                    // puts nothing anywhere: not counted, not asked about.
                    if !text.trim().is_empty() {
                        plan.outside += 1;
                    }
                    continue;
                }
                match self.check(r, c, text) {
                    Ok(v) if v == self.value(r, c) => plan.unchanged.push((r, c)),
                    Ok(value) => plan.edits.push(CellEdit {
                        row: r,
                        col: c,
                        value,
                    }),
                    Err(GridError::Cell(error)) => plan.problems.push(CellProblem {
                        row: r,
                        col: c,
                        text: text.clone(),
                        error,
                    }),
                    Err(_) => plan.outside += 1,
                }
            }
        }
        Ok(plan)
    }

    /// The row of the unit named `name` (as the roster compares names: spaces,
    /// invisible characters and the width of brackets ignored).
    fn unit_row(&self, name: &str) -> Option<usize> {
        if name.trim().is_empty() {
            return None;
        }
        self.unit_names
            .iter()
            .position(|n| super::roster::same_name(n, name))
    }

    /// The column of the indicator named `name`.
    fn column_of(&self, name: &str) -> Option<usize> {
        let name = heading_name(name);
        self.columns.iter().position(|c| c.name.trim() == name)
    }
}

/// A heading as an indicator's name: without the grid's own additions when its header
/// is copied (「（5分）」 after the name and the 「细则」 button) or a half-width
/// 「(5分)」.
fn heading_name(h: &str) -> &str {
    let h = h.trim();
    let h = h.strip_suffix("细则").map_or(h, str::trim_end);
    for (open, close) in [('（', "分）"), ('(', "分)")] {
        if let Some(inner) = h.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let points = &inner[at + open.len_utf8()..];
                if !points.is_empty() && points.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    return inner[..at].trim_end();
                }
            }
        }
    }
    h
}

/// Names of rows a spreadsheet often has under the units' rows; skipped.
const TOTAL_ROWS: [&str; 5] = ["合计", "总计", "小计", "平均", "平均分"];

/// Headings of columns a spreadsheet (or this grid's own header) often has beside the
/// indicators; skipped.
const SKIPPED_HEADINGS: [&str; 12] = [
    "合计",
    "总分",
    "小计",
    "得分合计",
    "序号",
    "备注",
    "空项",
    "单位",
    "单位名称",
    "名称",
    "党组织名称",
    "评语",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round_setup::{create_round, default_unit_ids, NewRound};
    use crate::domain::sample::sample_city;

    /// The sample city with a new, empty 2027 round with assessors 张三 and 李四.
    fn fresh() -> (AppState, Id) {
        let mut s = sample_city(3);
        let form = NewRound {
            year: "2027".into(),
            scheme_id: s.rounds[1].scheme_id.clone(),
            unit_ids: default_unit_ids(&s),
            assessor_names: "张三\n李四".into(),
            self_weight: "0".into(),
        };
        let id = create_round(&mut s, &form, "now").expect("round");
        (s, id)
    }

    /// The grid of the first assessor of [`fresh`]'s round.
    fn fresh_grid() -> Grid {
        let (s, rid) = fresh();
        Grid::read(&s, &rid, &key0(&s, &rid)).expect("grid")
    }

    fn key0(s: &AppState, rid: &str) -> String {
        s.round(rid).expect("round").assessors[0].id.clone()
    }

    fn p(x: &str) -> Option<Points> {
        Some(Points::parse(x).expect("number"))
    }

    /// A plan's edits as (row, column, value), in order.
    fn sorted_edits(plan: &PastePlan) -> Vec<(usize, usize, Option<Points>)> {
        let mut cells: Vec<_> = plan.edits.iter().map(|e| (e.row, e.col, e.value)).collect();
        cells.sort();
        cells
    }

    #[test]
    fn parse_block_reads_excel_and_wps_text() {
        assert_eq!(
            parse_block("3\t2.5\t\n4\t3\t1\r\n"),
            vec![vec!["3", "2.5", ""], vec!["4", "3", "1"]]
        );
        assert_eq!(
            parse_block("1\t2\r\n3\t4\r\n"),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        assert_eq!(parse_block("7"), vec![vec!["7"]]);
        assert_eq!(
            parse_block("\"3.5\"\t\"a\"\"b\""),
            vec![vec!["3.5", "a\"b"]]
        );
        assert!(parse_block("").is_empty());
        assert!(parse_block("\n").is_empty());
        // An empty line in the middle is a row of one blank cell.
        assert_eq!(
            parse_block("1\n\n2\n"),
            vec![vec!["1"], vec![""], vec!["2"]]
        );
        // A cell with a line break (Alt+Enter) comes quoted, and stays one cell.
        assert_eq!(
            parse_block("市民政局机关党委\t\"刘洋\r\n（书记）\"\t2024\r\n"),
            vec![vec!["市民政局机关党委", "刘洋\n（书记）", "2024"]]
        );
        assert_eq!(
            parse_block("\"a\tb\"\t\"x\"\"y\"\"\"\n"),
            vec![vec!["a\tb", "x\"y\""]]
        );
        // Quotes that are the cell's own, or one never closed, are read as typed.
        assert_eq!(
            parse_block("\"红旗\"党支部\t1\n\"未闭合\t2\n"),
            vec![vec!["\"红旗\"党支部", "1"], vec!["\"未闭合", "2"]]
        );
        assert_eq!(parse_block("\"\"\t1"), vec![vec!["", "1"]]);
    }

    #[test]
    fn a_cell_is_checked_against_its_indicator() {
        let (s, rid) = fresh();
        let g = Grid::read(&s, &rid, &key0(&s, &rid)).expect("grid");
        assert_eq!(g.check(0, 0, " "), Ok(None));
        assert_eq!(g.check(0, 0, "3.5"), Ok(p("3.5")));
        assert_eq!(g.check(0, 0, "３．５"), Ok(p("3.5")), "full-width digits");
        let unit = &g.unit_names[0];
        let ind = &g.columns[0].name;
        match g.check(0, 0, "abc") {
            Err(GridError::Cell(e)) => {
                assert_eq!(e.short(), "不是数字");
                assert_eq!(
                    e.to_string(),
                    format!("单位「{unit}」指标「{ind}」填的「abc」不是数字，未保存")
                );
            }
            other => panic!("{other:?}"),
        }
        match g.check(0, 0, "30") {
            Err(GridError::Cell(e)) => {
                assert_eq!(e.short(), "超出范围 0–4");
                assert!(e.to_string().contains(unit) && e.to_string().contains("30"));
            }
            other => panic!("{other:?}"),
        }
        match g.check(0, 0, "-1") {
            Err(GridError::Cell(e)) => assert_eq!(e.short(), "超出范围 0–4"),
            other => panic!("{other:?}"),
        }
        match g.check(0, 0, "2.3") {
            Err(GridError::Cell(e)) => {
                assert_eq!(e.short(), "须为 0.5 的整数倍");
                assert!(e.to_string().contains("2.3"));
            }
            other => panic!("{other:?}"),
        }
        match g.check(0, 0, "2.125") {
            Err(GridError::Cell(e)) => assert_eq!(e.short(), "最多保留两位小数"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            g.check(g.rows(), 0, "1"),
            Err(GridError::OutsideGrid { .. })
        ));
    }

    #[test]
    fn grid_reads_units_indicators_and_totals() {
        let s = sample_city(3);
        let r = &s.rounds[1];
        let key = r.assessors[0].id.clone();
        let g = Grid::read(&s, &r.id, &key).expect("grid");
        assert_eq!(g.rows(), r.unit_ids.len());
        assert_eq!(g.cols(), 22);
        assert_eq!(g.dimensions.iter().map(|d| d.1).sum::<usize>(), 22);
        let sheet = r
            .sheet(&r.unit_ids[0], &SheetSource::Assessor(key))
            .expect("sheet");
        let sum: Points = sheet.points.iter().flatten().copied().sum();
        assert_eq!(g.row_total(0), sum);
        assert_eq!(g.row_blanks(0), 0);
        assert_eq!(g.full_points(), Points::whole(100));
        assert!(Grid::read(&s, &r.id, "nobody").is_err());
        assert!(Grid::read(&s, "r999", "self").is_err());
        let selfg = Grid::read(&s, &r.id, SELF_KEY).expect("self grid");
        assert_eq!(selfg.source, SheetSource::SelfAssessment);
        assert_eq!(selfg.source_name, "自评");
    }

    #[test]
    fn typing_stores_and_clearing_removes_the_score() {
        let (mut s, rid) = fresh();
        let key = key0(&s, &rid);
        let edit = CellEdit {
            row: 1,
            col: 2,
            value: p("3"),
        };
        assert_eq!(apply_edits(&mut s, &rid, &key, &[edit], "t1"), Ok(1));
        let g = Grid::read(&s, &rid, &key).expect("grid");
        assert_eq!(g.value(1, 2), p("3"));
        assert_eq!(g.row_total(1), Points::whole(3));
        assert_eq!(g.row_total_text(1), "3");
        // A row nobody scored shows a dash, not 0.
        assert_eq!(g.row_total_text(0), "—");
        assert_eq!(g.row_blanks(1), 21);
        assert_eq!(g.row_blanks_text(1), "21");
        assert_eq!(
            g.row_blanks_text(0),
            "未评",
            "nothing scored, as the round page says"
        );
        let r = s.round(&rid).expect("round");
        assert_eq!(r.sheets.len(), 1);
        assert_eq!(r.sheets[0].meta.rev, 1);
        assert_eq!(r.sheets[0].meta.updated, "t1");
        // The same value again changes nothing.
        assert_eq!(apply_edits(&mut s, &rid, &key, &[edit], "t2"), Ok(0));
        // Clearing is a blank, not a zero; the empty sheet goes.
        let clear = CellEdit {
            row: 1,
            col: 2,
            value: None,
        };
        assert_eq!(apply_edits(&mut s, &rid, &key, &[clear], "t3"), Ok(1));
        let g = Grid::read(&s, &rid, &key).expect("grid");
        assert_eq!(g.value(1, 2), None);
        assert!(s.round(&rid).expect("round").sheets.is_empty());
        // Zero is a score.
        let zero = CellEdit {
            row: 1,
            col: 2,
            value: Some(Points::ZERO),
        };
        assert_eq!(apply_edits(&mut s, &rid, &key, &[zero], "t4"), Ok(1));
        assert_eq!(
            Grid::read(&s, &rid, &key).expect("grid").value(1, 2),
            Some(Points::ZERO)
        );
        assert!(crate::domain::validate_state(&s).is_ok());
    }

    #[test]
    fn an_invalid_edit_changes_nothing() {
        let (mut s, rid) = fresh();
        let key = key0(&s, &rid);
        let before = s.clone();
        let good = CellEdit {
            row: 0,
            col: 0,
            value: p("2"),
        };
        for bad in [
            CellEdit {
                row: 0,
                col: 1,
                value: p("30"),
            },
            CellEdit {
                row: 0,
                col: 1,
                value: p("1.25"),
            },
            CellEdit {
                row: 0,
                col: 1,
                value: p("-1"),
            },
            CellEdit {
                row: 999,
                col: 0,
                value: p("1"),
            },
            CellEdit {
                row: 0,
                col: 999,
                value: None,
            },
        ] {
            assert!(apply_edits(&mut s, &rid, &key, &[good, bad], "t").is_err());
            assert_eq!(s, before);
        }
        assert!(apply_edits(&mut s, &rid, "nobody", &[good], "t").is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn a_pasted_block_fills_from_the_focused_cell_and_lists_bad_cells() {
        let (mut s, rid) = fresh();
        let key = key0(&s, &rid);
        let g = Grid::read(&s, &rid, &key).expect("grid");
        let block = parse_block("3\t2.5\tabc\r\n4\t99\t1\r\n\t2.3\t2.5\r\n");
        let plan = g.plan_paste(2, 1, &block).expect("plan");
        assert_eq!(plan.edits.len(), 5, "{plan:?}");
        assert_eq!(plan.unchanged, vec![(4, 1)], "a blank over a blank");
        let bad: Vec<(usize, usize, &str, String)> = plan
            .problems
            .iter()
            .map(|p| (p.row, p.col, p.text.as_str(), p.error.short()))
            .collect();
        assert_eq!(
            bad,
            vec![
                (2, 3, "abc", "不是数字".to_string()),
                (3, 2, "99", "超出范围 0–4".to_string()),
                (4, 2, "2.3", "须为 0.5 的整数倍".to_string()),
            ]
        );
        assert_eq!(plan.outside, 0);
        assert!(plan
            .summary()
            .contains("已粘贴 6 个单元格，其中 5 个有改动"));
        assert!(plan.summary().contains("3 个单元格的内容有误"));
        let before_bad: Vec<Option<Points>> = plan
            .problems
            .iter()
            .map(|p| g.value(p.row, p.col))
            .collect();
        assert_eq!(apply_edits(&mut s, &rid, &key, &plan.edits, "t"), Ok(5));
        let g2 = Grid::read(&s, &rid, &key).expect("grid");
        assert_eq!(g2.value(2, 1), p("3"));
        assert_eq!(g2.value(2, 2), p("2.5"));
        assert_eq!(g2.value(3, 1), p("4"));
        assert_eq!(g2.value(3, 3), p("1"));
        assert_eq!(g2.value(4, 3), p("2.5"));
        let after_bad: Vec<Option<Points>> = plan
            .problems
            .iter()
            .map(|p| g2.value(p.row, p.col))
            .collect();
        assert_eq!(before_bad, after_bad, "bad cells keep their stored value");
        assert_eq!(g2.row_total(2), Points(550));
        assert_eq!(g2.row_total(3), Points(500));
        assert_eq!(
            s.round(&rid).expect("round").sheets.len(),
            3,
            "one sheet per unit touched"
        );
        assert!(crate::domain::validate_state(&s).is_ok());
        // A blank cell in a block pasted over scores clears the score it lands on, as
        // Excel does: said, so that it is not a surprise.
        let cleared = g2.plan_paste(2, 1, &parse_block("1\t\t2")).expect("plan");
        assert_eq!(
            cleared.edits.iter().filter(|e| e.value.is_none()).count(),
            1
        );
        assert!(
            cleared
                .summary()
                .contains("其中 1 个空单元格清除了原有的分数"),
            "{}",
            cleared.summary()
        );
        assert!(
            !plan.summary().contains("清除"),
            "a blank over a blank clears nothing"
        );
    }

    #[test]
    fn scores_copied_with_their_unit_are_numbers_not_unit_names() {
        let g = fresh_grid();
        let plan = g
            .plan_paste(2, 1, &parse_block("3分\t2.5 分\t1\r\n"))
            .expect("a row of scores, not a unit's name");
        assert!(plan.problems.is_empty(), "{plan:?}");
        assert_eq!(plan.edits.len(), 3);
        assert_eq!(Points::parse_score(" 3.5 分 "), Ok(Points(350)));
        assert!(
            Points::parse("3分").is_err(),
            "an amount keeps its strict reading"
        );
    }

    #[test]
    fn a_block_with_the_unit_name_column_is_lined_up_by_name_not_shifted() {
        let g = fresh_grid();
        // Copied from Excel with the names, rows in another order, focused on row 0.
        let text = format!("{}\t3\t2.5\n{}\t4\t1\n", g.unit_names[2], g.unit_names[0]);
        let plan = g.plan_paste(0, 0, &parse_block(&text)).expect("lined up");
        let cells = sorted_edits(&plan);
        assert_eq!(
            cells,
            vec![
                (0, 0, p("4")),
                (0, 1, p("1")),
                (2, 0, p("3")),
                (2, 1, p("2.5")),
            ]
        );
        assert!(plan.problems.is_empty(), "{plan:?}");
        assert!(
            plan.summary().starts_with("已按单位名称对齐 2 行"),
            "{}",
            plan.summary()
        );
    }

    #[test]
    fn a_header_row_is_skipped_and_its_indicator_names_line_up_the_columns() {
        let g = fresh_grid();
        // Header: 单位, the second indicator, 合计, the first indicator.
        let text = format!(
            "单位\t{}\t合计\t{}\n{}\t2\t9\t3\n",
            g.columns[1].name, g.columns[0].name, g.unit_names[1]
        );
        let plan = g.plan_paste(4, 3, &parse_block(&text)).expect("lined up");
        let cells = sorted_edits(&plan);
        assert_eq!(cells, vec![(1, 0, p("3")), (1, 1, p("2"))]);
        assert!(plan.summary().contains("已跳过第一行表头"));
        // A header of other words (the clerk's own short names) says nothing of where
        // its columns go: refused, not pasted by position into other indicators (a
        // clerk's review).
        assert_eq!(
            g.plan_paste(0, 0, &parse_block("甲\t乙\n1\t2\n")),
            Err(PasteError::HeaderNamesNoIndicator {
                heading: "甲".into()
            })
        );
    }

    /// A clerk's review: a block ending in its 合计 row refused everything.
    #[test]
    fn a_total_row_under_the_units_is_left_out() {
        let g = fresh_grid();
        let name = &g.unit_names[0];
        for text in [
            format!("{name}\t1\t2\n合计\t1\t2\n"),
            // Its label under 序号 (merged across 序号 and 单位 in Excel): the same (a
            // re-test: said as a unit name out of place).
            format!("1\t{name}\t1\t2\n合计\t\t1\t2\n"),
        ] {
            let plan = g.plan_paste(0, 0, &parse_block(&text)).expect("pasted");
            assert_eq!(
                plan.edits
                    .iter()
                    .map(|e| (e.row, e.col))
                    .collect::<Vec<_>>(),
                vec![(0, 0), (0, 1)]
            );
            assert!(
                plan.summary().contains("「合计」行不是单位，未粘贴"),
                "{}",
                plan.summary()
            );
        }
    }

    #[test]
    fn empty_cells_beyond_the_grid_are_not_counted_as_outside() {
        // A code review: a selection one column too wide asked whether every unit's
        // scores were shifted.
        let g = fresh_grid();
        let last = g.cols() - 1;
        let plan = g
            .plan_paste(0, last, &parse_block("1\t\t\n"))
            .expect("plans");
        assert_eq!(plan.outside, 0);
        let plan = g
            .plan_paste(0, last, &parse_block("1\t2\t\n"))
            .expect("plans");
        assert_eq!(plan.outside, 1);
    }

    #[test]
    fn a_mark_or_a_word_first_in_a_row_of_scores_is_a_score_refused_at_its_cell() {
        // An Excel review: a row of scores starting with "-" (not scored) was refused
        // whole as naming a unit not in the table.
        let g = fresh_grid();
        for first in ["-", "三", "3,5"] {
            let plan = g
                .plan_paste(0, 0, &parse_block(&format!("{first}\t1\n")))
                .unwrap_or_else(|e| panic!("{first}: {e}"));
            assert_eq!(plan.problems.len(), 1, "{first}");
            assert_eq!((plan.problems[0].row, plan.problems[0].col), (0, 0));
            assert_eq!(plan.edits.len(), 1, "{first}: the 1 beside it is pasted");
        }
    }

    #[test]
    fn a_name_or_heading_not_in_the_table_refuses_the_whole_block() {
        let g = fresh_grid();
        let text = format!("{}\t3\n不存在的单位\t4\n", g.unit_names[0]);
        assert_eq!(
            g.plan_paste(0, 0, &parse_block(&text)),
            Err(PasteError::UnknownUnit {
                line: 2,
                column: 1,
                name: "不存在的单位".into()
            })
        );
        let text = format!("{0}\t3\n{0}\t4\n", g.unit_names[0]);
        assert!(matches!(
            g.plan_paste(0, 0, &parse_block(&text)),
            Err(PasteError::DuplicateUnit { .. })
        ));
        let text = format!(
            "单位\t{}\t别的指标\n{}\t1\t2\n",
            g.columns[0].name, g.unit_names[0]
        );
        assert_eq!(
            g.plan_paste(0, 0, &parse_block(&text)),
            Err(PasteError::UnknownHeading {
                heading: "别的指标".into()
            })
        );
    }

    /// A clerk's paste: rows copied from a sheet with 序号 and 单位 columns, no header.
    /// Read by position, the 序号 became the first score and each unit's scores went
    /// one indicator along; now the rows line up by the names after the 序号.
    #[test]
    fn rows_with_a_serial_number_before_the_name_line_up_by_the_name() {
        let g = fresh_grid();
        let text = format!(
            "1\t{}\t3\t2\r\n2\t{}\t4\t1\r\n",
            g.unit_names[2], g.unit_names[0]
        );
        let plan = g.plan_paste(0, 0, &parse_block(&text)).expect("lined up");
        let cells = sorted_edits(&plan);
        assert_eq!(
            cells,
            vec![
                (0, 0, p("4")),
                (0, 1, p("1")),
                (2, 0, p("3")),
                (2, 1, p("2")),
            ]
        );
        assert!(plan
            .summary()
            .starts_with("已跳过序号列，已按单位名称对齐 2 行"));
        // With a header of 序号, 单位名称, the indicators as the grid shows them
        // (「（5分）」, the 细则 button) and 合计: lined up by name and heading, and the
        // 合计 said to be left out, not counted as outside the table.
        let text = format!(
            "序号\t单位名称\t{}（{}分） 细则\t{}(4分)\t合计\n1\t{}\t2\t3\t5\n",
            g.columns[1].name, g.columns[1].max, g.columns[0].name, g.unit_names[1]
        );
        let plan = g.plan_paste(5, 5, &parse_block(&text)).expect("lined up");
        let cells = sorted_edits(&plan);
        assert_eq!(cells, vec![(1, 0, p("3")), (1, 1, p("2"))]);
        assert_eq!(plan.outside, 0);
        assert!(
            plan.summary().contains("「合计」列不是指标，未粘贴"),
            "{}",
            plan.summary()
        );
    }

    /// Scores by position with a unit's name among them (a name in the third column)
    /// would be stored one indicator along: refused whole.
    #[test]
    fn a_name_among_scores_by_position_refuses_the_whole_block() {
        let g = fresh_grid();
        let text = format!("1\t2\t{}\t3\n", g.unit_names[0]);
        assert_eq!(
            g.plan_paste(0, 0, &parse_block(&text)),
            Err(PasteError::NameOutOfPlace {
                line: 1,
                name: g.unit_names[0].clone()
            })
        );
        // A 序号 column before text that names no unit of this table is not taken for
        // names: the text is a bad cell, as any word among scores.
        let plan = g
            .plan_paste(0, 0, &parse_block("1\t好\t3\n"))
            .expect("plan");
        assert_eq!(plan.problems.len(), 1);
        // A header of other words with 合计 in the middle: refused as any header of
        // other words, 合计 not named as the reason.
        assert_eq!(
            g.plan_paste(0, 0, &parse_block("合计\t甲\t乙\n9\t1\t2\n")),
            Err(PasteError::HeaderNamesNoIndicator {
                heading: "甲".into()
            })
        );
    }

    #[test]
    fn a_block_past_the_edge_is_cut_and_counted() {
        let g = fresh_grid();
        let last_row = g.rows() - 1;
        let last_col = g.cols() - 1;
        let plan = g
            .plan_paste(last_row, last_col, &parse_block("1\t1\n1\t1\n"))
            .expect("plan");
        assert_eq!(
            plan.edits,
            vec![CellEdit {
                row: last_row,
                col: last_col,
                value: p("1")
            }]
        );
        assert_eq!(plan.outside, 3);
        assert!(plan.summary().contains("3 个单元格超出表格范围"));
    }

    #[test]
    fn a_column_pasted_into_a_one_row_grid_goes_along_the_row() {
        let (mut s, rid) = fresh();
        // A unit's own copy has one row: its self-assessment.
        let r = s.rounds.iter_mut().find(|r| r.id == rid).expect("round");
        r.unit_ids.truncate(1);
        let g = Grid::read(&s, &rid, SELF_KEY).expect("grid");
        assert_eq!(g.rows(), 1);
        let plan = g
            .plan_paste(0, 0, &parse_block("自评分\r\n3.5\r\n3\r\n2.5\r\n"))
            .expect("plan");
        let got: Vec<(usize, usize, Option<Points>)> =
            plan.edits.iter().map(|e| (e.row, e.col, e.value)).collect();
        assert_eq!(
            got,
            vec![(0, 0, p("3.5")), (0, 1, p("3")), (0, 2, p("2.5"))]
        );
        assert!(
            plan.summary().starts_with("已把粘贴的一列依次填入本行"),
            "{}",
            plan.summary()
        );
        assert_eq!(plan.outside, 0);
        // The same column as 逐个单位录入 takes it (a box, then the ones after it).
        assert_eq!(
            column_as_row(&parse_block("自评分\n3.5\n3\n")),
            Some(vec!["3.5".to_string(), "3".to_string()])
        );
        assert_eq!(column_as_row(&parse_block("3.5\t3\n")), None);
        // Where the grid has many rows, a column stays a column.
        let g = fresh_grid();
        let plan = g.plan_paste(0, 0, &parse_block("1\n2\n")).expect("plan");
        let got: Vec<(usize, usize)> = plan.edits.iter().map(|e| (e.row, e.col)).collect();
        assert_eq!(got, vec![(0, 0), (1, 0)]);
    }

    #[test]
    fn pasting_blanks_clears_cells() {
        let (mut s, rid) = fresh();
        let key = key0(&s, &rid);
        let g = Grid::read(&s, &rid, &key).expect("grid");
        let plan = g.plan_paste(0, 0, &parse_block("1\t2\t3\n")).expect("plan");
        apply_edits(&mut s, &rid, &key, &plan.edits, "t").expect("applied");
        let g = Grid::read(&s, &rid, &key).expect("grid");
        let plan = g.plan_paste(0, 1, &parse_block("\t\n")).expect("plan");
        assert_eq!(
            plan.edits,
            vec![
                CellEdit {
                    row: 0,
                    col: 1,
                    value: None
                },
                CellEdit {
                    row: 0,
                    col: 2,
                    value: None
                },
            ]
        );
        apply_edits(&mut s, &rid, &key, &plan.edits, "t").expect("applied");
        let g = Grid::read(&s, &rid, &key).expect("grid");
        assert_eq!(g.row_total(0), Points::whole(1));
        assert_eq!(g.row_blanks(0), 21);
    }

    #[test]
    fn rows_follow_the_assessors_assignment() {
        let (mut s, rid) = fresh();
        let r = s.rounds.iter_mut().find(|r| r.id == rid).expect("round");
        let picked = vec![r.unit_ids[3].clone(), r.unit_ids[1].clone()];
        r.assessors[1].unit_ids = picked;
        let key = r.assessors[1].id.clone();
        let expected = vec![r.unit_ids[1].clone(), r.unit_ids[3].clone()];
        let g = Grid::read(&s, &rid, &key).expect("grid");
        assert_eq!(g.unit_ids, expected, "round order");
    }

    #[test]
    fn source_keys_round_trip() {
        let s = sample_city(3);
        let r = &s.rounds[0];
        for src in [
            SheetSource::SelfAssessment,
            SheetSource::Assessor(r.assessors[2].id.clone()),
        ] {
            assert_eq!(source_from_key(r, &source_key(&src)), Some(src));
        }
        assert_eq!(source_from_key(r, "x"), None);
    }
}
