//! Importing the roster from a table a clerk already keeps: a block pasted from Excel or
//! WPS, or the rows of an .xlsx/.csv (`sheet_read`). The first row may be a header (its
//! column names are recognised in the usual wordings); without one the columns are taken
//! in the order the page shows. Units are matched by name: a new name is added, a known
//! one changed where the table says something else, and a row that cannot be used is
//! listed with its row number and why. Nothing changes until the preview is confirmed.

use std::collections::BTreeMap;

use super::model::*;
use super::roster::{
    add_unit, bare_name, edit_unit, parse_year, year_hint, year_of_excel_date, year_to_come,
    RosterError, UnitInput,
};

/// A header cell as its column is looked up: spaces dropped, a full-width slash made
/// half-width, the 必填 marks (`*`) around it taken off.
fn heading(cell: &str) -> String {
    let t: String = cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '／' { '/' } else { c })
        .collect();
    t.trim_matches(|c| c == '*' || c == '＊').to_string()
}

/// The columns a roster table may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RosterColumn {
    Name,
    Sector,
    OrgType,
    Leader,
    Contact,
    EnteredYear,
}

impl RosterColumn {
    /// The order of the columns when the table has no header row (as the page shows).
    pub const ORDER: [RosterColumn; 6] = [
        RosterColumn::Name,
        RosterColumn::Sector,
        RosterColumn::OrgType,
        RosterColumn::Leader,
        RosterColumn::Contact,
        RosterColumn::EnteredYear,
    ];

    /// The column's name as the page shows it.
    pub fn label(self) -> &'static str {
        match self {
            RosterColumn::Name => "单位名称",
            RosterColumn::Sector => "系统/行业",
            RosterColumn::OrgType => "组织类型",
            RosterColumn::Leader => "责任人",
            RosterColumn::Contact => "联系方式",
            RosterColumn::EnteredYear => "入选年份",
        }
    }

    /// The column a header cell names, in the wordings rosters use.
    fn from_header(cell: &str) -> Option<RosterColumn> {
        Some(match heading(cell).as_str() {
            "名称" | "单位名称" | "单位" | "党组织名称" | "党组织" | "示范点名称" | "示范点" => {
                RosterColumn::Name
            }
            "系统" | "行业" | "系统/行业" | "系统（行业）" | "系统(行业)" | "所属系统"
            | "系统行业" => RosterColumn::Sector,
            "组织类型" | "类型" | "党组织类型" | "组织形式" | "组织类别" | "党组织类别" => {
                RosterColumn::OrgType
            }
            "责任人" | "书记" | "党组织书记" | "负责人" => RosterColumn::Leader,
            "联系方式" | "联系电话" | "电话" | "手机" | "手机号" | "手机号码" | "联系人电话"
            | "联系电话号码" | "办公电话" => RosterColumn::Contact,
            "入选年份" | "年份" | "入选年度" | "年度" | "入选年" | "入选时间" | "入选日期"
            | "创建年份" | "创建时间" => RosterColumn::EnteredYear,
            _ => return None,
        })
    }
}

/// Why a table cannot be imported at all (nothing is changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterImportError {
    #[error("表格是空的：没有可导入的行")]
    Empty,
    #[error("第一行像是表头，但其中没有“单位名称”（或“名称”“党组织名称”）一列，无法知道哪一列是单位名称。请在单位名称那一列的表头写上“单位名称”，再重新导入（复制时请连同单位名称一列一起选中）")]
    NoNameColumn,
    #[error("表头中“{0}”出现了两次，请只保留一列")]
    DuplicateColumn(&'static str),
}

/// What happens to one row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowPlan {
    /// A new unit.
    Add { row: usize, input: UnitInput },
    /// A unit already in the roster, with what changes (`字段：旧 → 新`).
    Change {
        row: usize,
        id: Id,
        input: UnitInput,
        changes: Vec<String>,
    },
    /// A unit already in the roster that the row does not change.
    Same { row: usize, name: String },
    /// A row that cannot be used, and why (with its name as written, if any).
    Refused {
        row: usize,
        name: String,
        reason: String,
    },
}

impl RowPlan {
    /// What the row will do, as the preview says it: a new unit with the type, year
    /// and sector it will get, the changes, or why it is refused.
    pub fn what(&self) -> String {
        match self {
            RowPlan::Add { input, .. } => {
                let mut s = format!(
                    "新增：{}，{} 年入选",
                    input.org_type.label(),
                    input.entered_year
                );
                if !input.sector.is_empty() {
                    s.push_str(&format!("，{}", input.sector));
                }
                s
            }
            RowPlan::Change { changes, .. } => format!("修改：{}", changes.join("；")),
            RowPlan::Same { .. } => "无变化".to_string(),
            RowPlan::Refused { reason, .. } => format!("不导入：{reason}"),
        }
    }

    /// The table's row number the plan is for.
    pub fn row(&self) -> usize {
        match self {
            RowPlan::Add { row, .. }
            | RowPlan::Change { row, .. }
            | RowPlan::Same { row, .. }
            | RowPlan::Refused { row, .. } => *row,
        }
    }
}

/// The preview of an import: what each row will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterPreview {
    /// The columns read, in table order (`None`: a column not recognised, ignored).
    pub columns: Vec<Option<RosterColumn>>,
    /// Whether a row was taken as the header.
    pub header: bool,
    /// Rows above the header left out as the table's title.
    pub title_rows: usize,
    pub rows: Vec<RowPlan>,
    /// What the clerk should know before confirming: columns not read, years filled in.
    pub notes: Vec<String>,
}

impl RosterPreview {
    /// How many rows add, change, change nothing and are refused.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.rows {
            match r {
                RowPlan::Add { .. } => c.0 += 1,
                RowPlan::Change { .. } => c.1 += 1,
                RowPlan::Same { .. } => c.2 += 1,
                RowPlan::Refused { .. } => c.3 += 1,
            }
        }
        c
    }

    /// Nothing would change.
    pub fn is_noop(&self) -> bool {
        let (add, change, _, _) = self.counts();
        add == 0 && change == 0
    }

    /// One line saying what the import does.
    pub fn summary(&self) -> String {
        let (add, change, same, refused) = self.counts();
        let mut s = if self.title_rows > 0 {
            format!("表头在第 {} 行（上方的标题未导入）；", self.title_rows + 1)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "新增 {add} 个单位，修改 {change} 个，{same} 个无变化"
        ));
        if refused > 0 {
            s.push_str(&format!("，{refused} 行不能导入（见下方原因）"));
        }
        s
    }
}

/// An organisation type as written: 党委, 党总支, 党支部 (or a name ending in one).
/// A 党组 is not one of them and is not read as a 党委.
pub fn parse_org_type(text: &str) -> Option<OrgType> {
    let t = text.trim();
    if t.ends_with("总支") || t.ends_with("总支部") || t.ends_with("总支部委员会") {
        Some(OrgType::GeneralBranch)
    } else if t.ends_with("支部") || t.ends_with("支部委员会") {
        Some(OrgType::Branch)
    } else if t.ends_with("党委") || t.ends_with("党工委") || t.ends_with("委员会") {
        Some(OrgType::PartyCommittee)
    } else {
        None
    }
}

/// Reads the header, if the first row is one.
/// How many rows above the header a title may take (a merged "2026年……名册" line,
/// a blank line under it, a line of notes).
const TITLE_ROWS: usize = 3;

/// The columns of the table and the index of its header row, if it has one: the
/// first row with a recognised column, or — past up to [`TITLE_ROWS`] title rows — the
/// first row naming the 单位名称 column.
fn columns_of(
    rows: &[Vec<String>],
) -> Result<(Vec<Option<RosterColumn>>, Option<usize>), RosterImportError> {
    let first = rows.first().ok_or(RosterImportError::Empty)?;
    let named_of = |cells: &Vec<String>| -> Vec<Option<RosterColumn>> {
        cells.iter().map(|c| RosterColumn::from_header(c)).collect()
    };
    let mut at = 0;
    let mut named = named_of(first);
    if named.iter().flatten().count() == 0 {
        // A title above the header: the first of the next rows naming the 单位名称.
        match rows
            .iter()
            .enumerate()
            .skip(1)
            .take(TITLE_ROWS)
            .find(|(_, r)| named_of(r).contains(&Some(RosterColumn::Name)))
        {
            Some((i, r)) => {
                at = i;
                named = named_of(r);
            }
            None => {
                return Ok((
                    RosterColumn::ORDER.iter().copied().map(Some).collect(),
                    None,
                ))
            }
        }
    }
    sector_put_otherwise(&rows[at], &mut named);
    let mut seen = std::collections::BTreeSet::new();
    for c in named.iter().flatten() {
        if !seen.insert(*c) {
            return Err(RosterImportError::DuplicateColumn(c.label()));
        }
    }
    if !seen.contains(&RosterColumn::Name) {
        return Err(RosterImportError::NoNameColumn);
    }
    Ok((named, Some(at)))
}

/// In a header naming the 单位名称 and no 系统/行业 column in the usual words, the one
/// heading that names a 系统, 行业 or 领域 otherwise (所属党组织/系统, 所属行业, 行业
/// 领域): read as the 系统/行业 (a clerk's sheet came in with every unit's sector empty).
/// Headings about something else (a contact, a rank, a yes/no) are not; two candidates
/// leave both unread, as before.
fn sector_put_otherwise(header: &[String], named: &mut [Option<RosterColumn>]) {
    if !named.contains(&Some(RosterColumn::Name)) || named.contains(&Some(RosterColumn::Sector)) {
        return;
    }
    let candidates: Vec<usize> = header
        .iter()
        .zip(named.iter())
        .enumerate()
        .filter(|(_, (cell, col))| {
            let t = heading(cell);
            col.is_none()
                && ["系统", "行业", "领域"].iter().any(|w| t.contains(w))
                && ![
                    "名称", "序号", "编号", "备注", "联系", "电话", "负责", "排名", "排序", "是否",
                    "日期", "时间", "年份",
                ]
                .iter()
                .any(|w| t.contains(w))
        })
        .map(|(i, _)| i)
        .collect();
    if let [one] = candidates[..] {
        named[one] = Some(RosterColumn::Sector);
    }
}

/// Which sheet of a workbook holds the roster: the first whose header (under a title,
/// perhaps) names the 单位名称 column, else the first sheet with anything in it, else
/// the first. `None` for no sheets.
pub fn roster_sheet(sheets: &[Vec<Vec<String>>]) -> Option<usize> {
    let has_rows =
        |rows: &Vec<Vec<String>>| rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()));
    sheets
        .iter()
        .position(|rows| matches!(columns_of(rows), Ok((_, Some(_)))))
        .or_else(|| sheets.iter().position(has_rows))
        .or_else(|| (!sheets.is_empty()).then_some(0))
}

/// Whether two names of the same length differ in exactly one character.
fn one_char_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

/// The preview of importing `rows` into the roster of `state`. Row numbers are the
/// table's own (1 is the first row, the header if there is one).
pub fn preview_roster(
    state: &AppState,
    rows: &[Vec<String>],
    this_year: u16,
) -> Result<RosterPreview, RosterImportError> {
    let (columns, header_at) = columns_of(rows)?;
    // Matched as names are compared when added (`roster::same_name`): spaces aside.
    let by_name: BTreeMap<String, &Unit> = state
        .units
        .iter()
        .map(|u| (bare_name(&u.name), u))
        .collect();
    let mut first_row_of: FirstRows = BTreeMap::new();
    let mut plans = Vec::new();
    // Whether each planned row had a year (a new unit without one gets this year).
    let mut years_given = Vec::new();
    let skip = header_at.map_or(0, |i| i + 1);
    // Where a second table starts, if one does (our own 名册及状态变更 CSV has the
    // changes under the roster): a title alone on its row, then a header naming the
    // 单位名称 column.
    let mut other_table = None;
    let mut total_rows = Vec::new();
    // Whether each planned row had an organisation type, or a name that says it.
    let mut types_given = Vec::new();
    // Whether each planned row had a 系统/行业, or needed none: a blank under a filled one
    // is likely a merged cell copied as text, which keeps its value on its first row only.
    let mut sectors_given = Vec::new();
    let has_sector = columns.contains(&Some(RosterColumn::Sector));
    let mut any_sector_above = false;
    let mut header_rows = Vec::new();
    // Phone numbers Excel turned into 1.56314E+10: their last digits are gone.
    let mut scientific = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(skip) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        let header_next = rows.get(i + 1).is_some_and(|r| {
            r.iter()
                .any(|c| RosterColumn::from_header(c) == Some(RosterColumn::Name))
        });
        if filled.len() == 1 && header_next {
            other_table = Some((row, filled[0].trim().to_string()));
            break;
        }
        // A 合计 line under the table counts the units; it is not one.
        if is_total_row(cells) {
            total_rows.push(row.to_string());
            continue;
        }
        let get = |col: RosterColumn| -> &str {
            columns
                .iter()
                .position(|c| *c == Some(col))
                .and_then(|k| cells.get(k))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        // The header's second row (its 单位名称 merged over two rows reads on both).
        if RosterColumn::from_header(get(RosterColumn::Name)) == Some(RosterColumn::Name) {
            header_rows.push(row.to_string());
            continue;
        }
        let sector = get(RosterColumn::Sector);
        sectors_given.push(!sector.is_empty() || !has_sector || !any_sector_above);
        any_sector_above |= !sector.is_empty();
        years_given.push(!get(RosterColumn::EnteredYear).is_empty());
        types_given.push(
            !get(RosterColumn::OrgType).is_empty()
                || parse_org_type(get(RosterColumn::Name)).is_some(),
        );
        let contact = get(RosterColumn::Contact);
        let damaged = is_scientific(contact);
        if damaged {
            scientific.push(format!("第 {row} 行的「{contact}」"));
        }
        // Read as left blank: a unit on the roster keeps its number.
        let get = |col: RosterColumn| -> &str {
            if col == RosterColumn::Contact && damaged {
                ""
            } else {
                get(col)
            }
        };
        let plan = plan_row(&by_name, &mut first_row_of, row, &get, this_year);
        // A refused row is no unit's first row: a later row of the same unit (the
        // corrected one) is taken (a review: it was refused as "只导入第 2 行" while
        // row 2 was refused too).
        if let RowPlan::Refused { row: r, .. } = &plan {
            first_row_of.retain(|_, (first, _)| first != r);
        }
        plans.push(plan);
    }
    if plans.is_empty() {
        return Err(RosterImportError::Empty);
    }
    // The roster's own checks (a year against the unit's status history, …), row by
    // row as applying would make them: a row they refuse is said here, not after the
    // clerk confirms, and the others still import.
    let plans = tried(state, plans, &format!("{this_year}-12-31T23:59:59Z"));
    let mut notes = Vec::new();
    if let Some(at) = header_at {
        notes.extend(read_as_note(&rows[at], &columns));
        notes.extend(unread_columns_note(&rows[at], &columns));
    }
    if !header_rows.is_empty() {
        notes.push(format!(
            "第 {} 行重复了表头（单位名称），是表头的一部分，未导入",
            header_rows.join("、")
        ));
    }
    if !total_rows.is_empty() {
        notes.push(format!("第 {} 行是合计行，未导入", total_rows.join("、")));
    }
    if let Some((row, title)) = other_table {
        notes.push(format!("第 {row} 行起是另一张表「{title}」，未导入"));
    }
    if !scientific.is_empty() {
        notes.push(format!(
            "{}联系方式被 Excel 显示成了科学计数法，号码的后几位已经丢失，未导入（已有的联系方式不变）；请在 Excel 中把这一列设为“文本”、重新填写号码后再导入",
            scientific.join("、")
        ));
    }
    // A new name one character away from a unit already there, with its 责任人 or 联系方式,
    // is likely that unit mistyped (a clerk's first day: 第一党之部 for 第一党支部 became a
    // second unit, was put in the round and could not be deleted): said, not refused.
    // Names alone differ by one character often enough (市民政局, 市财政局).
    for plan in &plans {
        if let RowPlan::Add { row, input } = plan {
            let new = bare_name(&input.name);
            let same = |a: &str, b: &str| !a.trim().is_empty() && a.trim() == b.trim();
            if let Some(old) = by_name.iter().find(|(k, u)| {
                one_char_apart(k, &new)
                    && (same(&u.leader, &input.leader) || same(&u.contact, &input.contact))
            }) {
                notes.push(format!(
                    "第 {row} 行的新单位「{}」与名册中的「{}」只差一个字，可能是同一单位写错了；如是，请在表格中改正后重新预览",
                    input.name.trim(),
                    old.1.name
                ));
            }
        }
    }
    let no_year = new_rows_without(&plans, &years_given);
    if !no_year.is_empty() {
        notes.push(format!(
            "第 {no_year} 行的新单位没有填入选年份，将记为 {this_year} 年；如不对，请在表格中补上后重新预览"
        ));
    }
    let no_sector = new_rows_without(&plans, &sectors_given);
    if !no_sector.is_empty() {
        notes.push(format!(
            "第 {no_sector} 行的新单位没有填系统/行业，将空着。若表格中系统/行业是合并单元格，复制或另存为 CSV 时只有第一行有值：请导入 .xlsx 文件本身，或在表格中取消合并、填满后重新预览"
        ));
    }
    let no_type = new_rows_without(&plans, &types_given);
    if !no_type.is_empty() {
        notes.push(format!(
            "第 {no_type} 行的新单位没有填组织类型，从名称也看不出，暂记为党支部；如不对，请在表格中补上后重新预览"
        ));
    }
    Ok(RosterPreview {
        columns,
        header: header_at.is_some(),
        title_rows: header_at.unwrap_or(0),
        rows: plans,
        notes,
    })
}

/// The sheet rows, joined with 、, of new units whose value was not given
/// (`given` runs beside `plans`); empty when every new unit had one.
fn new_rows_without(plans: &[RowPlan], given: &[bool]) -> String {
    plans
        .iter()
        .zip(given)
        .filter(|(p, given)| matches!(p, RowPlan::Add { .. }) && !**given)
        .map(|(p, _)| p.row().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// A 合计/总计/小计/共计 line: a cell that is, or starts with, one of those words.
fn is_total_row(cells: &[String]) -> bool {
    cells.iter().any(|c| {
        let t: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        ["合计", "总计", "小计", "共计"]
            .iter()
            .any(|w| t.starts_with(w))
    })
}

/// Header cells read under another name than the roster's (书记 as 责任人, 所属党组织/
/// 系统 as 系统/行业), said so the clerk can check the file was understood (a clerk's
/// re-test: the preview never said how the columns were read).
fn read_as_note(header: &[String], columns: &[Option<RosterColumn>]) -> Option<String> {
    let renamed: Vec<String> = header
        .iter()
        .zip(columns)
        .filter_map(|(cell, col)| {
            let name: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
            let name = name.trim_matches(|c| c == '*' || c == '＊').to_string();
            // 系统／行业 is 系统/行业 written with a full-width slash: nothing to say.
            col.filter(|c| c.label() != heading(cell))
                .map(|c| format!("「{name}」作为{}", c.label()))
        })
        .collect();
    (!renamed.is_empty()).then(|| format!("按表头读取：{}", renamed.join("，")))
}

/// Header cells that are not read, named so the clerk knows what stays behind: status
/// columns (the roster's status changes each need a decision) said apart from the rest.
/// A 序号 column is not worth a word.
fn unread_columns_note(header: &[String], columns: &[Option<RosterColumn>]) -> Vec<String> {
    let mut status = Vec::new();
    let mut other = Vec::new();
    for (cell, col) in header.iter().zip(columns) {
        let name: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        if col.is_some() || name.is_empty() || matches!(name.as_str(), "序号" | "编号" | "No.")
        {
            continue;
        }
        if ["状态", "授牌", "牌匾", "警示", "摘牌"]
            .iter()
            .any(|w| name.contains(w))
        {
            status.push(name);
        } else {
            other.push(name);
        }
    }
    let mut out = Vec::new();
    if !other.is_empty() {
        out.push(format!(
            "以下列不导入：{}（只读单位名称、系统/行业、组织类型、责任人、联系方式、入选年份；若其中有需要的内容，请把列名改为这些名称）",
            other.join("、")
        ));
    }
    if !status.is_empty() {
        out.push(format!(
            "以下状态类的列不导入：{}。新单位一律记为“创建中”；授牌、警示等状态请在单位页面逐个变更并填写文号",
            status.join("、")
        ));
    }
    out
}

/// A number as Excel shows a long one in a General cell: `1.56314E+10`.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exp)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("0");
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(whole) && digits(frac) && digits(exp)
}

/// The first row of each unit (by its bare name) and its cells after the name, in
/// [`RosterColumn::ORDER`].
type FirstRows = BTreeMap<String, (usize, Vec<String>)>;

fn plan_row<'a>(
    by_name: &BTreeMap<String, &Unit>,
    first_row_of: &mut FirstRows,
    row: usize,
    get: &dyn Fn(RosterColumn) -> &'a str,
    this_year: u16,
) -> RowPlan {
    // As it will be kept: the preview names the unit the import will add.
    let raw = get(RosterColumn::Name);
    let name = super::roster::clean_name(raw);
    let refuse = |reason: String| RowPlan::Refused {
        row,
        name: name.clone(),
        reason,
    };
    if name.is_empty() {
        return refuse(format!("第 {row} 行没有单位名称"));
    }
    if name.chars().count() > 200 {
        return refuse(format!("第 {row} 行的单位名称超过 200 个字"));
    }
    // A comma, quote or line break in a name is a table read wrongly (a CSV with an
    // unpaired quote runs the rest of the file into one cell), not a unit's name.
    if raw.contains([',', '"', '\n', '\r', '\t']) {
        return refuse(format!(
            "第 {row} 行的单位名称含有逗号、引号或换行。单位名称中不能有这些符号：若名称本来如此，请改用顿号；否则可能是表格没有读对（CSV 文件中有未配对的引号，或名称单元格中有换行），请检查这一行"
        ));
    }
    // Digits and signs only: a 序号 column, or a header row not recognised.
    if !name.chars().any(|c| c.is_alphabetic()) {
        return refuse(format!(
            "第 {row} 行的单位名称「{name}」只有数字或符号，不像单位名称；若表格有序号列，请加上表头（如“序号、单位名称、系统/行业……”）"
        ));
    }
    let cells: Vec<String> = RosterColumn::ORDER[1..]
        .iter()
        .map(|c| get(*c).trim().to_string())
        .collect();
    // A title line alone in its row ("2026年全市……示范点名册") with no header under it:
    // not a unit (a clerk's re-test: it was previewed as one to add).
    let title_words = [
        "名册",
        "名单",
        "一览表",
        "汇总表",
        "统计表",
        "情况表",
        "登记表",
    ];
    if cells.iter().all(String::is_empty) && title_words.iter().any(|w| name.ends_with(w)) {
        return refuse(format!(
            "第 {row} 行「{name}」像是表格的标题，不是单位名称，未导入；若表格有表头，请把表头放在标题下面一行"
        ));
    }
    if let Some((first, was)) = first_row_of.get(&bare_name(&name)) {
        // Two rows of one unit that disagree: which one is kept is said, with how they
        // differ (an Excel review: the second row, the correction, was dropped as a
        // plain duplicate).
        let differ: Vec<String> = RosterColumn::ORDER[1..]
            .iter()
            .zip(was.iter().zip(&cells))
            .filter(|(_, (a, b))| a != b)
            .map(|(c, (a, b))| {
                let shown = |v: &str| {
                    if v.is_empty() {
                        "空".to_string()
                    } else {
                        format!("「{v}」")
                    }
                };
                format!("{}{}与{}", c.label(), shown(a), shown(b))
            })
            .collect();
        return refuse(if differ.is_empty() {
            format!("第 {row} 行的单位「{name}」与第 {first} 行重复")
        } else {
            format!(
                "第 {row} 行的单位「{name}」与第 {first} 行重复，两行内容不同（{}），只导入第 {first} 行；如第 {row} 行才是对的，请在文件中删去第 {first} 行后重新导入",
                differ.join("；")
            )
        });
    }
    first_row_of.insert(bare_name(&name), (row, cells));
    let org_text = get(RosterColumn::OrgType);
    let org_type = if org_text.is_empty() {
        None
    } else {
        match parse_org_type(org_text) {
            Some(t) => Some(t),
            None if org_text.ends_with("党组") => {
                return refuse(format!(
                    "第 {row} 行的组织类型是「{org_text}」：党组不是基层党组织，名册只收党委、党总支、党支部；如是该单位的党委或支部，请改写组织类型"
                ))
            }
            None => {
                return refuse(format!(
                    "第 {row} 行的组织类型「{org_text}」无法识别，应为党委、党总支或党支部"
                ))
            }
        }
    };
    let year_text = get(RosterColumn::EnteredYear);
    let year = parse_year(year_text).or_else(|| year_of_excel_date(year_text));
    if !year_text.is_empty() {
        match year {
            None => {
                return refuse(format!(
                    "第 {row} 行的入选年份「{year_text}」不对，{}，如 {this_year}",
                    year_hint(year_text)
                ))
            }
            Some(y) if year_to_come(y, i32::from(this_year)) => {
                return refuse(format!(
                    "第 {row} 行的入选年份 {y} 还没有到（今年是 {this_year} 年），请核对"
                ))
            }
            Some(_) => {}
        }
    }
    // A line break inside a cell (Alt+Enter in Excel) is a space in the roster.
    let field = |col: RosterColumn, old: &str| -> String {
        let v = get(col);
        if v.is_empty() {
            old.to_string()
        } else {
            v.split(['\r', '\n'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    match by_name.get(&bare_name(&name)) {
        None => RowPlan::Add {
            row,
            input: UnitInput {
                name: name.clone(),
                sector: field(RosterColumn::Sector, ""),
                org_type: org_type
                    .or_else(|| parse_org_type(&name))
                    .unwrap_or(OrgType::Branch),
                leader: field(RosterColumn::Leader, ""),
                contact: super::typed::half_width_digits(&field(RosterColumn::Contact, "")),
                entered_year: year.unwrap_or(this_year).to_string(),
                status: UnitStatus::Candidate,
            },
        },
        Some(unit) => {
            let mut input = UnitInput::from_unit(unit);
            input.sector = field(RosterColumn::Sector, &unit.sector);
            input.org_type = org_type.unwrap_or(unit.org_type);
            input.leader = field(RosterColumn::Leader, &unit.leader);
            input.contact =
                super::typed::half_width_digits(&field(RosterColumn::Contact, &unit.contact));
            if let Some(y) = year {
                input.entered_year = y.to_string();
            }
            let changes = differences(unit, &input);
            if changes.is_empty() {
                RowPlan::Same { row, name }
            } else {
                RowPlan::Change {
                    row,
                    id: unit.id.clone(),
                    input,
                    changes,
                }
            }
        }
    }
}

fn differences(unit: &Unit, input: &UnitInput) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |what: &str, old: &str, new: &str| {
        if old != new {
            let old = if old.is_empty() { "（空）" } else { old };
            out.push(format!("{what}：{old} → {new}"));
        }
    };
    diff("系统/行业", &unit.sector, &input.sector);
    diff("组织类型", unit.org_type.label(), input.org_type.label());
    diff("责任人", &unit.leader, &input.leader);
    diff("联系方式", &unit.contact, &input.contact);
    diff(
        "入选年份",
        &unit.entered_year.to_string(),
        &input.entered_year,
    );
    out
}

/// Each plan tried in order on a copy of `state` as [`apply_roster`] would carry it
/// out; one the roster refuses becomes [`RowPlan::Refused`] with the reason.
fn tried(state: &AppState, plans: Vec<RowPlan>, now: &str) -> Vec<RowPlan> {
    let mut next = state.clone();
    plans
        .into_iter()
        .map(|plan| {
            let (outcome, input) = match &plan {
                RowPlan::Add { input, .. } => (add_unit(&mut next, input, now).map(|_| ()), input),
                RowPlan::Change { id, input, .. } => (edit_unit(&mut next, id, input, now), input),
                RowPlan::Same { .. } | RowPlan::Refused { .. } => return plan,
            };
            match outcome {
                Ok(()) => plan,
                Err(e) => RowPlan::Refused {
                    row: plan.row(),
                    name: input.name.clone(),
                    reason: e.to_string(),
                },
            }
        })
        .collect()
}

/// Applies a preview made on this same state: adds and changes the units it lists.
/// All or nothing: on any refusal the state is left as it was.
pub fn apply_roster(
    state: &mut AppState,
    preview: &RosterPreview,
    now: &str,
) -> Result<(usize, usize), RosterError> {
    let mut next = state.clone();
    let (mut added, mut changed) = (0, 0);
    for plan in &preview.rows {
        match plan {
            RowPlan::Add { input, .. } => {
                add_unit(&mut next, input, now)?;
                added += 1;
            }
            RowPlan::Change { id, input, .. } => {
                edit_unit(&mut next, id, input, now)?;
                changed += 1;
            }
            RowPlan::Same { .. } | RowPlan::Refused { .. } => {}
        }
    }
    *state = next;
    Ok((added, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        crate::domain::grid::parse_block(text)
    }

    fn roster() -> AppState {
        let mut s = AppState::default();
        let mut input = UnitInput::blank(2024);
        input.name = "市财政局机关党委".into();
        input.sector = "财政".into();
        input.org_type = OrgType::PartyCommittee;
        add_unit(&mut s, &input, "t").expect("added");
        s
    }

    /// A clerk's first week: a name pasted with spaces inside was added with them, unseen
    /// on screen; the clean row below it was the one refused as its duplicate.
    #[test]
    fn a_name_pasted_with_spaces_inside_is_added_as_it_reads() {
        let s = AppState::default();
        let p = preview_roster(
            &s,
            &rows("单位名称\n  市 交通局  机关党总支 \n市交通局机关党总支\nABC  Tech 党支部\n"),
            2026,
        )
        .expect("previews");
        let added: Vec<&str> = p
            .rows
            .iter()
            .filter_map(|r| match r {
                RowPlan::Add { input, .. } => Some(input.name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(added, vec!["市交通局机关党总支", "ABC Tech党支部"]);
        assert!(p.rows.iter().any(|r| matches!(r,
            RowPlan::Refused { row: 3, reason, .. } if reason == "第 3 行的单位「市交通局机关党总支」与第 2 行重复")));
    }

    /// A clerk's first day: 第一党之部 for 第一党支部, with the same 责任人 and phone,
    /// became a second unit unremarked. Said; names alone one character apart are not.
    #[test]
    fn a_new_name_one_character_off_a_unit_with_its_leader_is_pointed_out() {
        let mut s = roster();
        let mut input = UnitInput::blank(2025);
        input.name = "市教育局第一党支部".into();
        input.leader = "李娜".into();
        input.contact = "13800000002".into();
        add_unit(&mut s, &input, "t").expect("added");
        let p = preview_roster(
            &s,
            &rows(
                "单位名称	责任人	联系方式	入选年份
市教育局第一党之部	李娜	13800000002	2025
市民政局机关党委			2025
",
            ),
            2026,
        )
        .expect("previews");
        assert_eq!(p.counts(), (2, 0, 0, 0), "{:?}", p.rows);
        let said: Vec<&String> = p
            .notes
            .iter()
            .filter(|n| n.contains("只差一个字"))
            .collect();
        assert_eq!(
            said,
            vec!["第 2 行的新单位「市教育局第一党之部」与名册中的「市教育局第一党支部」只差一个字，可能是同一单位写错了；如是，请在表格中改正后重新预览"],
            "市民政局 beside 市财政局 is not said"
        );
    }

    #[test]
    fn a_name_typed_with_a_space_is_the_unit_already_there() {
        let s = roster();
        let p = preview_roster(
            &s,
            &rows("单位名称\t系统/行业\n市财政局 机关党委\t财政\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(p.counts(), (0, 0, 1, 0), "{:?}", p.rows);
        // A year not yet come is refused with the row.
        let p = preview_roster(
            &s,
            &rows("单位名称\t入选年份\n市税务局第一党支部\t2035\n"),
            2026,
        )
        .expect("previews");
        assert!(
            matches!(&p.rows[0], RowPlan::Refused { reason, .. } if reason.contains("2035 还没有到"))
        );
    }

    #[test]
    fn a_row_the_roster_would_refuse_is_refused_in_the_preview_and_the_rest_import() {
        let mut s = crate::domain::sample::sample_city(7);
        let unit = s
            .units
            .iter()
            .find(|u| !u.history.is_empty())
            .expect("a unit with history")
            .clone();
        let first = unit
            .history
            .iter()
            .map(|h| h.date.clone())
            .min()
            .expect("dated");
        let late = crate::domain::dates::year_of(&first).expect("year") + 1;
        let table = format!(
            "单位名称\t组织类型\t入选年份\n{}\t党支部\t{late}\n市新设机构第一党支部\t党支部\t2026\n",
            unit.name
        );
        let p = preview_roster(&s, &rows(&table), 2026).expect("previews");
        assert!(
            matches!(&p.rows[0], RowPlan::Refused { reason, .. } if reason.contains("晚于其状态履历中最早的变更")),
            "{:?}",
            p.rows[0]
        );
        assert!(matches!(&p.rows[1], RowPlan::Add { .. }), "{:?}", p.rows[1]);
        let before = s.units.len();
        assert_eq!(apply_roster(&mut s, &p, "2026-12-01T08:00:00Z"), Ok((1, 0)));
        assert_eq!(s.units.len(), before + 1);
        let kept = s.unit(&unit.id).expect("still there");
        assert_eq!(
            kept.entered_year, unit.entered_year,
            "the refused row changed nothing"
        );
    }

    #[test]
    fn a_title_above_the_header_is_left_out() {
        let s = roster();
        // A merged title line, then a blank line, then the header (as a clerk's
        // workbook has it).
        let p = preview_roster(
            &s,
            &rows("2026年基层党建示范点创建单位名册\t\t\n\t\t\n序号\t单位名称\t系统/行业\n1\t市税务局第一党支部\t税务\n"),
            2026,
        )
        .expect("previews");
        assert!(p.header);
        assert_eq!(p.title_rows, 2);
        assert_eq!(p.counts(), (1, 0, 0, 0));
        match &p.rows[0] {
            RowPlan::Add { row, input } => {
                assert_eq!(*row, 4, "the table's own row number");
                assert_eq!(input.name, "市税务局第一党支部");
            }
            other => panic!("{other:?}"),
        }
        assert!(p
            .summary()
            .starts_with("表头在第 3 行（上方的标题未导入）；新增 1 个单位"));
        // A title with no header under it is not a header: read as before.
        let p = preview_roster(&s, &rows("市税务局第一党支部\t税务\n"), 2026).expect("previews");
        assert!(!p.header);
        assert_eq!(p.title_rows, 0);
    }

    #[test]
    fn a_header_in_any_order_and_usual_wordings() {
        let s = roster();
        let p = preview_roster(
            &s,
            &rows("序号\t党组织名称\t所属系统\t书记\t联系电话\n1\t市税务局第一党支部\t税务\t王芳\t0311-1234\n2\t市财政局机关党委\t财政\t李明\t\n"),
            2026,
        )
        .expect("previews");
        assert!(p.header);
        assert_eq!(p.columns[0], None, "序号 is ignored");
        assert_eq!(p.counts(), (1, 1, 0, 0));
        match &p.rows[0] {
            RowPlan::Add { row, input } => {
                assert_eq!(*row, 2);
                assert_eq!(input.name, "市税务局第一党支部");
                assert_eq!(input.sector, "税务");
                assert_eq!(input.leader, "王芳");
                assert_eq!(input.contact, "0311-1234");
                // No type column: taken from the name; no year: this year.
                assert_eq!(input.org_type, OrgType::Branch);
                assert_eq!(input.entered_year, "2026");
            }
            other => panic!("{other:?}"),
        }
        match &p.rows[1] {
            RowPlan::Change { changes, .. } => {
                // An empty cell keeps what the roster has; only the leader changes.
                assert_eq!(changes, &vec!["责任人：（空） → 李明".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_heading_naming_the_system_however_put_is_read_as_the_sector() {
        let s = roster();
        for heading in [
            "所属党组织/系统",
            "所属党组织／系统",
            "所属行业",
            "行业领域",
            "主管系统",
        ] {
            let p = preview_roster(
                &s,
                &rows(&format!(
                    "单位名称\t{heading}\t备注\n市税务局第一党支部\t税务\t无\n"
                )),
                2026,
            )
            .expect("previews");
            assert_eq!(p.columns[1], Some(RosterColumn::Sector), "{heading}");
            match &p.rows[0] {
                RowPlan::Add { input, .. } => assert_eq!(input.sector, "税务", "{heading}"),
                other => panic!("{other:?}"),
            }
            // Only 备注 is said to stay behind.
            assert!(
                p.notes
                    .iter()
                    .any(|n| n.starts_with("以下列不导入：备注（")),
                "{heading}: {:?}",
                p.notes
            );
        }
        // 所属党组织 alone is the parent organisation, neither the sector nor the name.
        let p = preview_roster(&s, &rows("单位名称\t所属党组织\n甲支部\t乙党委\n"), 2026)
            .expect("previews");
        assert_eq!(p.columns[1], None);
        // A heading about something else is not the sector; two candidates, neither;
        // a column in the usual words wins.
        for (header, expected) in [
            (
                "单位名称\t行业主管部门联系人\t是否行业示范点",
                vec![None, None],
            ),
            (
                "单位名称\t所属系统\t行业分类",
                vec![Some(RosterColumn::Sector), None],
            ),
            ("单位名称\t所属党组织/系统\t行业分类", vec![None, None]),
            (
                "单位名称\t系统/行业\t行业领域",
                vec![Some(RosterColumn::Sector), None],
            ),
        ] {
            let p = preview_roster(&s, &rows(&format!("{header}\n甲支部\t一\t二\n")), 2026)
                .expect(header);
            assert_eq!(p.columns[1..].to_vec(), expected, "{header}");
        }
        // A title that names a 系统, or headerless rows whose sector says 系统, are read
        // as before: the title skipped, the rows in the usual order.
        let p = preview_roster(
            &s,
            &rows("2026年全市教育系统基层党建示范点名册\n单位名称\t所属系统\n甲支部\t教育系统\n"),
            2026,
        )
        .expect("a title naming a 系统");
        assert_eq!(p.title_rows, 1);
        assert_eq!(
            p.columns,
            vec![Some(RosterColumn::Name), Some(RosterColumn::Sector)]
        );
        let p = preview_roster(
            &s,
            &rows("市新单位党支部\t经济系统\n市另一单位党支部\t政法系统\n"),
            2026,
        )
        .expect("headerless rows");
        assert!(!p.header);
        match &p.rows[0] {
            RowPlan::Add { input, .. } => assert_eq!(input.sector, "经济系统"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_phone_number_excel_showed_as_1_5e10_is_not_imported_and_said() {
        let mut s = roster();
        let id = s.units[0].id.clone();
        s.units[0].contact = "15631426569".into();
        let p = preview_roster(
            &s,
            &rows("单位名称\t联系电话\t责任人\n市财政局机关党委\t1.56314E+10\t李明\n市审计局党总支\t1.39057e10\t赵强\n市税务局第一党支部\t0311-1234\t王芳\n"),
            2026,
        )
        .expect("previews");
        // The unit on the roster keeps its number; only the leader changes.
        match &p.rows[0] {
            RowPlan::Change {
                id: changed,
                changes,
                ..
            } => {
                assert_eq!(changed, &id);
                assert_eq!(changes, &vec!["责任人：（空） → 李明".to_string()]);
            }
            other => panic!("{other:?}"),
        }
        // A new unit is added without it; a plain number is read as before.
        match (&p.rows[1], &p.rows[2]) {
            (RowPlan::Add { input: a, .. }, RowPlan::Add { input: b, .. }) => {
                assert_eq!(a.contact, "");
                assert_eq!(b.contact, "0311-1234");
            }
            other => panic!("{other:?}"),
        }
        let note = p
            .notes
            .iter()
            .find(|n| n.contains("科学计数法"))
            .expect("said");
        assert!(
            note.starts_with("第 2 行的「1.56314E+10」、第 3 行的「1.39057e10」联系方式"),
            "{note}"
        );
        for plain in ["15631426569", "0311-1234", "E+10", "1.5E", "电话E1"] {
            assert!(!is_scientific(plain), "{plain}");
        }
    }

    #[test]
    fn without_a_header_the_columns_are_in_page_order() {
        let p = preview_roster(
            &AppState::default(),
            &rows("市审计局党总支\t审计\t党总支\t赵强\t138\t2025\n"),
            2026,
        )
        .expect("previews");
        assert!(!p.header);
        match &p.rows[0] {
            RowPlan::Add { input, row } => {
                assert_eq!(*row, 1);
                assert_eq!(input.org_type, OrgType::GeneralBranch);
                assert_eq!(input.entered_year, "2025");
            }
            other => panic!("{other:?}"),
        }
    }

    /// The reasons of the refused rows, in row order.
    fn refused(p: &RosterPreview) -> Vec<&str> {
        p.rows
            .iter()
            .filter_map(|r| match r {
                RowPlan::Refused { reason, .. } => Some(reason.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_title_alone_in_its_row_is_not_taken_for_a_unit() {
        let p = preview_roster(
            &AppState::default(),
            &rows("2026年全市教育系统示范点名册\n市教育局第一党支部\t教育\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(
            refused(&p),
            vec!["第 1 行「2026年全市教育系统示范点名册」像是表格的标题，不是单位名称，未导入；若表格有表头，请把表头放在标题下面一行"]
        );
        assert_eq!(p.counts().0, 1, "the unit under it is added");
        // A unit whose name ends so, with its cells filled, is a unit.
        let p = preview_roster(&AppState::default(), &rows("市档案馆名册\t档案\n"), 2026)
            .expect("previews");
        assert!(refused(&p).is_empty());
    }

    #[test]
    fn a_row_read_wrongly_or_a_number_is_not_taken_for_a_name() {
        let p = preview_roster(
            &AppState::default(),
            &[
                vec!["1".to_string(), "2".to_string()],
                vec!["未闭合引号,abc,20x6 测试二支部".to_string()],
                vec!["foo".to_string(), "bar".to_string()],
            ],
            2026,
        )
        .expect("previews");
        let reasons = refused(&p);
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].starts_with("第 1 行的单位名称「1」只有数字或符号"));
        assert!(reasons[1].starts_with("第 2 行的单位名称含有逗号"));
        assert!(matches!(&p.rows[2], RowPlan::Add { input, .. } if input.name == "foo"));
    }

    #[test]
    fn two_rows_of_one_unit_that_disagree_say_how_and_which_is_kept() {
        let p = preview_roster(
            &AppState::default(),
            &rows("单位名称\t系统/行业\t组织类型\t联系方式\n市测试单位党支部\t农业农村\t党总支\t0571-1\n市测试单位 党支部\t交通运输\t党支部\t0571-1\n市测试单位党支部\t农业农村\t党总支\t0571-1\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(
            refused(&p),
            vec![
                "第 3 行的单位「市测试单位党支部」与第 2 行重复，两行内容不同（系统/行业「农业农村」与「交通运输」；组织类型「党总支」与「党支部」），只导入第 2 行；如第 3 行才是对的，请在文件中删去第 2 行后重新导入",
                "第 4 行的单位「市测试单位党支部」与第 2 行重复",
            ]
        );
        // A refused first row is no first row: the corrected one after it is taken.
        let p = preview_roster(
            &AppState::default(),
            &rows("单位名称\t组织类型\n市测试单位党支部\t支委\n市测试单位党支部\t党支部\n"),
            2026,
        )
        .expect("previews");
        let reasons = refused(&p);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(reasons[0].starts_with("第 2 行的组织类型「支委」无法识别"));
        assert!(
            matches!(&p.rows[1], RowPlan::Add { input, .. } if input.name == "市测试单位党支部")
        );
    }

    #[test]
    fn bad_rows_are_listed_with_their_row_and_reason() {
        let p = preview_roster(
            &roster(),
            &rows("单位名称\t组织类型\t入选年份\n甲支部\t党小组\t\n\t党支部\t\n乙支部\t\t26\n丙支部\t\t\n丙支部\t\t\n市财政局机关党委\t党委\t2024\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(
            refused(&p),
            vec![
                "第 2 行的组织类型「党小组」无法识别，应为党委、党总支或党支部",
                "第 3 行没有单位名称",
                "第 4 行的入选年份「26」不对，应为 1990 年以后的四位数年份，如 2026",
                "第 6 行的单位「丙支部」与第 5 行重复",
            ]
        );
        assert_eq!(p.counts(), (1, 0, 1, 4));
        assert!(p.summary().contains("4 行不能导入"));
    }

    #[test]
    fn a_totals_line_is_not_a_unit_and_a_party_group_is_not_a_committee() {
        let p = preview_roster(
            &roster(),
            &rows("序号\t单位名称\t组织类型\n1\t市应急局党支部\t党组\n2\t市工业园区党工委\t党工委\n合计\t2个单位\t\n总 计：2\t\t\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(p.counts(), (1, 0, 0, 1), "{:?}", p.rows);
        assert_eq!(
            refused(&p),
            ["第 2 行的组织类型是「党组」：党组不是基层党组织，名册只收党委、党总支、党支部；如是该单位的党委或支部，请改写组织类型"]
        );
        assert_eq!(p.rows[1].what(), "新增：党委，2026 年入选");
        assert!(
            p.notes.contains(&"第 4、5 行是合计行，未导入".to_string()),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn a_name_typed_in_full_width_letters_is_the_unit_already_there() {
        let mut st = roster();
        let mut input = UnitInput::blank(2024);
        input.name = "ABC市审计局党支部".into();
        add_unit(&mut st, &input, "2026-01-05").expect("adds");
        let p =
            preview_roster(&st, &rows("单位名称\nＡＢＣ市审计局党支部\n"), 2026).expect("previews");
        assert_eq!(p.counts(), (0, 0, 1, 0), "{:?}", p.rows);
    }

    #[test]
    fn the_preview_says_what_it_does_not_read_and_what_it_fills_in() {
        let p = preview_roster(
            &roster(),
            &rows("序号\t单位名称\t组织类别\t入选时间\t联系人\t当前状态\t牌匾编号\n1\t市统计局机关\t党总支部\t2025-03-01\t刘洋\t已授牌\tSF-01\n2\t市民政局机关党委\t\t\t\t\t\n3\t市财政局机关党委\t\t\t\t\t\n4\t市档案馆\t\t2024\t\t\t\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(p.counts(), (3, 0, 1, 0), "{:?}", p.rows);
        assert_eq!(p.rows[0].what(), "新增：党总支，2025 年入选");
        assert_eq!(
            p.rows[1].what(),
            "新增：党委，2026 年入选",
            "the type read from the name"
        );
        assert_eq!(p.rows[3].what(), "新增：党支部，2024 年入选");
        match &p.rows[0] {
            RowPlan::Add { input, .. } => {
                assert_eq!(input.org_type, OrgType::GeneralBranch, "党总支部");
                assert_eq!(input.entered_year, "2025", "the year of a date");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            p.notes,
            vec![
                "按表头读取：「组织类别」作为组织类型，「入选时间」作为入选年份".to_string(),
                "以下列不导入：联系人（只读单位名称、系统/行业、组织类型、责任人、联系方式、入选年份；若其中有需要的内容，请把列名改为这些名称）".to_string(),
                "以下状态类的列不导入：当前状态、牌匾编号。新单位一律记为“创建中”；授牌、警示等状态请在单位页面逐个变更并填写文号".to_string(),
                "第 3 行的新单位没有填入选年份，将记为 2026 年；如不对，请在表格中补上后重新预览".to_string(),
                "第 5 行的新单位没有填组织类型，从名称也看不出，暂记为党支部；如不对，请在表格中补上后重新预览".to_string(),
            ]
        );
        // A table that says everything has nothing to note.
        let p = preview_roster(
            &AppState::default(),
            &rows("单位名称\t入选年份\n甲支部\t2024\n"),
            2026,
        )
        .expect("previews");
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }

    #[test]
    fn a_cell_with_a_line_break_pasted_from_excel_is_one_cell() {
        let p = preview_roster(
            &AppState::default(),
            &rows("单位名称\t责任人\t入选年份\r\n市民政局机关党委\t\"刘洋\r\n（书记）\"\t2024\r\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(p.rows.len(), 1, "{:?}", p.rows);
        match &p.rows[0] {
            RowPlan::Add { input, .. } => {
                assert_eq!(input.leader, "刘洋 （书记）");
                assert_eq!(input.entered_year, "2024");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_refused_row_keeps_its_name_and_brackets_do_not_make_a_new_unit() {
        let mut s = AppState::default();
        let mut input = UnitInput::blank(2024);
        input.name = "市税务局（第二）党支部".into();
        add_unit(&mut s, &input, "t").expect("added");
        let p = preview_roster(
            &s,
            &rows("单位名称\t组织类型\n市审计局党支部\t党小组\n市税务局(第二)党支部\t党支部\n"),
            2026,
        )
        .expect("previews");
        assert!(
            matches!(&p.rows[0], RowPlan::Refused { name, .. } if name == "市审计局党支部"),
            "{:?}",
            p.rows[0]
        );
        assert!(
            matches!(&p.rows[1], RowPlan::Same { .. }),
            "{:?}",
            p.rows[1]
        );
    }

    #[test]
    fn a_second_table_under_the_roster_is_not_read_as_units() {
        // As our own 名册及状态变更 CSV has it.
        let csv = "名册\n单位名称,系统/行业\n甲支部,教育\n\n状态变更\n单位名称,日期,原状态\n甲支部,2026-01-01,创建中\n";
        let table = crate::domain::sheet_read::read_csv(csv).expect("reads");
        let p = preview_roster(&AppState::default(), &table, 2026).expect("previews");
        assert_eq!(p.counts(), (1, 0, 0, 0), "{:?}", p.rows);
        assert!(
            p.notes
                .iter()
                .any(|n| n == "第 4 行起是另一张表「状态变更」，未导入"),
            "{:?}",
            p.notes
        );
        // A blank row inside a roster is only a blank row.
        let p = preview_roster(
            &AppState::default(),
            &rows("单位名称\n甲支部\n\n乙支部\n"),
            2026,
        )
        .expect("previews");
        assert_eq!(p.counts(), (2, 0, 0, 0));
    }

    #[test]
    fn a_table_that_cannot_be_read_is_refused_whole() {
        let s = AppState::default();
        assert_eq!(preview_roster(&s, &[], 2026), Err(RosterImportError::Empty));
        assert_eq!(
            preview_roster(&s, &rows("系统\t责任人\n财政\t王\n"), 2026),
            Err(RosterImportError::NoNameColumn)
        );
        assert_eq!(
            preview_roster(&s, &rows("名称\t单位名称\n甲\t乙\n"), 2026),
            Err(RosterImportError::DuplicateColumn("单位名称"))
        );
        assert_eq!(
            preview_roster(&s, &rows("名称\n\n"), 2026),
            Err(RosterImportError::Empty)
        );
    }

    #[test]
    fn applying_adds_and_changes_and_a_second_time_changes_nothing() {
        let mut s = roster();
        let table = rows("名称\t系统/行业\n市财政局机关党委\t财政金融\n新单位党支部\t教育\n");
        let p = preview_roster(&s, &table, 2026).expect("previews");
        assert_eq!(apply_roster(&mut s, &p, "t").expect("applies"), (1, 1));
        assert_eq!(s.units.len(), 2);
        assert_eq!(s.units[0].sector, "财政金融");
        assert_eq!(s.units[1].status, UnitStatus::Candidate);
        let again = preview_roster(&s, &table, 2026).expect("previews");
        assert!(again.is_noop());
        assert_eq!(again.counts(), (0, 0, 2, 0));
    }
}
