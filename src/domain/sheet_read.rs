//! Reading a table out of a file a clerk has: the first worksheet of an .xlsx (Excel,
//! WPS), or a .csv. The zip container and the XML are read with well-kept crates
//! (`zip`, `quick-xml`, `csv`); only the spreadsheet's own rules are here (shared
//! strings, cell references). Every cell comes back as text, as the clerk sees it.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most rows and columns read (a roster has a few hundred units).
pub const MAX_ROWS: usize = 20_000;
const MAX_COLS: usize = 64;
/// The most bytes a part of the workbook may inflate to (a zip bomb is refused).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Why a file could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetReadError {
    /// What the zip or XML reader said is kept for debugging, not shown: it is in
    /// English and means nothing to a clerk.
    #[error("这不是有效的 Excel 工作簿（.xlsx），文件可能已损坏或没有下载完整。请在 Excel 或 WPS 中打开后另存为“Excel 工作簿（*.xlsx）”或“CSV”再试")]
    NotXlsx(String),
    #[error("工作簿中没有工作表")]
    NoSheet,
    #[error("表格超过 {MAX_ROWS} 行，请分批导入")]
    TooManyRows,
    /// The line (1-based) the reader stopped at.
    #[error("CSV 文件第 {0} 行无法读取。请在 Excel 或 WPS 中打开后另存为“CSV（逗号分隔）”再试")]
    BadCsv(u64),
    /// A file of this program (a backup, a task or return file) chosen for a roster.
    #[error("这是本程序导出的数据文件（.json），不是名册表格：恢复备份请在“数据管理”中点“从备份恢复”，任务文件或报送文件请在“数据交换”中导入。批量导入单位请选择 Excel 工作簿（.xlsx）或 CSV 文件")]
    OurDataFile,
}

fn not_xlsx(e: impl std::fmt::Display) -> SheetReadError {
    SheetReadError::NotXlsx(e.to_string())
}

/// The cells of the first worksheet of an .xlsx, row by row (empty rows kept as empty
/// rows so that row numbers match what the clerk sees; trailing empty cells dropped).
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetReadError> {
    read_xlsx_sheets(bytes)?
        .into_iter()
        .next()
        .map(|s| s.rows)
        .ok_or(SheetReadError::NoSheet)
}

/// The most worksheets read from one workbook.
pub const MAX_SHEETS: usize = 20;

/// One worksheet: its name as the tab shows it, and its cells as [`read_xlsx`] reads
/// them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NamedSheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// Every visible worksheet of an .xlsx in the workbook's order (at most [`MAX_SHEETS`]),
/// so that a table on the second sheet, behind a sheet of notes, is found. A workbook
/// whose sheets cannot be listed reads as its first sheet alone.
pub fn read_xlsx_sheets(bytes: &[u8]) -> Result<Vec<NamedSheet>, SheetReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let shared = match part(&mut zip, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let mut listed = sheet_paths(&mut zip)?;
    if listed.is_empty() {
        listed.push((String::new(), first_sheet_path(&mut zip)?, false));
    }
    // Hidden sheets are left out, unless every sheet is hidden.
    if listed.iter().any(|(_, _, hidden)| !hidden) {
        listed.retain(|(_, _, hidden)| !hidden);
    }
    let mut out = Vec::new();
    for (name, path, _) in listed.into_iter().take(MAX_SHEETS) {
        if let Some(xml) = part(&mut zip, &path)? {
            out.push(NamedSheet {
                name,
                rows: sheet_rows(&xml, &shared)?,
            });
        }
    }
    if out.is_empty() {
        return Err(SheetReadError::NoSheet);
    }
    Ok(out)
}

/// The sheets of the workbook, in order: (name, path, hidden), from `xl/workbook.xml`
/// and its relationships; empty when they do not say.
fn sheet_paths(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<Vec<(String, String, bool)>, SheetReadError> {
    let (Some(book), Some(rels)) = (
        part(zip, "xl/workbook.xml")?,
        part(zip, "xl/_rels/workbook.xml.rels")?,
    ) else {
        return Ok(Vec::new());
    };
    let mut targets = std::collections::BTreeMap::new();
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let target = target.trim_start_matches('/');
                    let path = if target.starts_with("xl/") {
                        target.to_string()
                    } else {
                        format!("xl/{target}")
                    };
                    targets.insert(id, path);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_xlsx(e)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut reader = Reader::from_str(&book);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e)) if e.local_name().as_ref() == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                // A hidden sheet (`hidden`, `veryHidden`) is not what the clerk sees.
                let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                if let Some(path) = attr(&e, "r:id").and_then(|id| targets.get(&id)) {
                    out.push((name, path.clone(), hidden));
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_xlsx(e)),
            _ => {}
        }
    }
    Ok(out)
}

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, SheetReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(not_xlsx(e)),
    };
    let mut text = String::new();
    file.take(MAX_PART)
        .read_to_string(&mut text)
        .map_err(not_xlsx)?;
    Ok(Some(text))
}

/// The first sheet in the workbook's order (`xl/workbook.xml` and its relationships);
/// `xl/worksheets/sheet1.xml` when they do not say.
fn first_sheet_path(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, SheetReadError> {
    let fallback = "xl/worksheets/sheet1.xml".to_string();
    let (Some(book), Some(rels)) = (
        part(zip, "xl/workbook.xml")?,
        part(zip, "xl/_rels/workbook.xml.rels")?,
    ) else {
        return Ok(fallback);
    };
    let Some(rid) = first_attr(&book, "sheet", "r:id") else {
        return Ok(fallback);
    };
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Id").as_deref() == Some(rid.as_str()) =>
            {
                let target = attr(&e, "Target").unwrap_or_default();
                let target = target.trim_start_matches('/');
                return Ok(if target.starts_with("xl/") {
                    target.to_string()
                } else {
                    format!("xl/{target}")
                });
            }
            Ok(Event::Eof) => return Ok(fallback),
            Err(e) => return Err(not_xlsx(e)),
            _ => {}
        }
    }
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn first_attr(xml: &str, element: &str, name: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e)) if e.local_name().as_ref() == element => {
                return attr(&e, name);
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Appends the text of a text event (entities resolved).
fn push_text(out: &mut String, t: &quick_xml::events::BytesText) {
    out.push_str(&t.xml10_content());
}

/// The shared strings: each `<si>` is one string, the concatenation of its `<t>`
/// (rich text has several runs; phonetic `<rPh>` runs are not part of the value).
fn shared_strings(xml: &str) -> Result<Vec<String>, SheetReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut in_rph) = (false, false);
    loop {
        match reader.read_event().map_err(not_xlsx)? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_t = true,
                "rPh" => in_rph = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(std::mem::take(&mut current)),
                "t" => in_t = false,
                "rPh" => in_rph = false,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Text(t) if in_t && !in_rph => push_text(&mut current, &t),
            Event::GeneralRef(r) if in_t && !in_rph => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else {
                    current.push_str(match &*r {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The column index of a cell reference (`B7` → 1).
fn column_of(reference: &str) -> Option<usize> {
    let mut n = 0usize;
    let mut any = false;
    for c in reference.chars().take_while(|c| c.is_ascii_alphabetic()) {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
        any = true;
        if n > MAX_COLS {
            return None;
        }
    }
    any.then(|| n - 1)
}

/// The row number of a cell reference (`B7` → 7).
fn row_of(reference: &str) -> Option<usize> {
    reference
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

struct Cell {
    col: usize,
    kind: String,
    text: String,
}

fn sheet_rows(xml: &str, shared: &[String]) -> Result<Vec<Vec<String>>, SheetReadError> {
    let mut reader = Reader::from_str(xml);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_value = false;
    let mut next_col = 0usize;
    let mut merges: Vec<String> = Vec::new();
    loop {
        match reader.read_event().map_err(not_xlsx)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                merges.extend(attr(&e, "ref"));
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                let number = attr(&e, "r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .unwrap_or(rows.len() + 1);
                if number > MAX_ROWS {
                    return Err(SheetReadError::TooManyRows);
                }
                // Rows are numbered from 1; missing rows are empty rows.
                while rows.len() < number {
                    rows.push(Vec::new());
                }
                next_col = 0;
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let reference = attr(&e, "r").unwrap_or_default();
                let col = column_of(&reference).unwrap_or(next_col);
                if let Some(r) = row_of(&reference) {
                    if r > MAX_ROWS {
                        return Err(SheetReadError::TooManyRows);
                    }
                    while rows.len() < r {
                        rows.push(Vec::new());
                    }
                }
                cell = Some(Cell {
                    col,
                    kind: attr(&e, "t").unwrap_or_default(),
                    text: String::new(),
                });
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), "v" | "t") => in_value = true,
            Event::End(e) if matches!(e.local_name().as_ref(), "v" | "t") => in_value = false,
            Event::Text(t) if in_value => {
                if let Some(c) = cell.as_mut() {
                    push_text(&mut c.text, &t);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "c" => {
                if let Some(c) = cell.take() {
                    next_col = c.col + 1;
                    let value = match c.kind.as_str() {
                        "s" => c
                            .text
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i).cloned())
                            .unwrap_or_default(),
                        "b" => if c.text == "1" { "TRUE" } else { "FALSE" }.to_string(),
                        _ => c.text,
                    };
                    if c.col < MAX_COLS {
                        let row = match rows.last_mut() {
                            Some(r) => r,
                            None => {
                                rows.push(Vec::new());
                                rows.last_mut().ok_or(SheetReadError::NoSheet)?
                            }
                        };
                        while row.len() <= c.col {
                            row.push(String::new());
                        }
                        row[c.col] = value;
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for range in &merges {
        fill_down(&mut rows, range);
    }
    for row in &mut rows {
        while row.last().is_some_and(|c| c.trim().is_empty()) {
            row.pop();
        }
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Ok(rows)
}

/// A cell range merged over several rows (`B3:B6`, a 系统 written once for its group)
/// shows its value on each of them, so its first column reads so on each row. A merge
/// along one row (a title across the table) is left as it is: its cells beside the first
/// stay empty. A range out of bounds or not understood is ignored.
fn fill_down(rows: &mut [Vec<String>], range: &str) {
    let Some((from, to)) = range.split_once(':') else {
        return;
    };
    let (Some(col), Some(first), Some(last)) = (column_of(from), row_of(from), row_of(to)) else {
        return;
    };
    if first == 0 || last <= first {
        return;
    }
    let Some(value) = rows.get(first - 1).and_then(|r| r.get(col)).cloned() else {
        return;
    };
    if value.trim().is_empty() {
        return;
    }
    for row in rows.iter_mut().take(last).skip(first) {
        while row.len() <= col {
            row.push(String::new());
        }
        if row[col].trim().is_empty() {
            row[col] = value.clone();
        }
    }
}

/// The text of a file saved as UTF-16 with a byte-order mark (Excel's “Unicode 文本”),
/// little- or big-endian; `None` for a file without one. Unpaired surrogates become
/// U+FFFD.
pub fn utf16_text(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// The rows of a CSV text (already decoded; a leading BOM is dropped). Rows may have
/// different lengths. A text whose first line has tabs and no commas is read as
/// tab-separated (Excel's “文本文件（制表符分隔）” and “Unicode 文本”, often saved
/// under a .csv name).
pub fn read_csv(text: &str) -> Result<Vec<Vec<String>>, SheetReadError> {
    let text = text.trim_start_matches('\u{feff}');
    // A backup or an exchange file chosen by mistake: said as such, not read as a
    // dozen rows each refused for its commas (a clerk's review).
    if text.trim_start().starts_with('{') && text.contains("\"exemplar-") {
        return Err(SheetReadError::OurDataFile);
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            SheetReadError::BadCsv(e.position().map_or(rows.len() as u64 + 1, |p| p.line()))
        })?;
        if rows.len() >= MAX_ROWS {
            return Err(SheetReadError::TooManyRows);
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clerk's review: a backup chosen in 批量导入 was read as a dozen rows each
    /// refused for its commas.
    #[test]
    fn a_file_of_this_program_is_named_not_read_as_rows() {
        let backup = "{\"format\":\"exemplar-exchange\",\"version\":1,\n\"kind\":\"backup\"}";
        assert_eq!(read_csv(backup), Err(SheetReadError::OurDataFile));
        let stored = "\u{feff} {\"format\":\"exemplar-state\"}";
        assert_eq!(read_csv(stored), Err(SheetReadError::OurDataFile));
        // A roster that merely mentions braces is a roster.
        assert!(read_csv("单位名称\n{测试}支部\n").is_ok());
    }

    #[test]
    fn cell_references() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("B7"), Some(1));
        assert_eq!(column_of("AA3"), Some(26));
        assert_eq!(column_of("7"), None);
        assert_eq!(column_of("ZZZZ1"), None);
        assert_eq!(row_of("B7"), Some(7));
    }

    #[test]
    fn csv_with_quotes_bom_and_ragged_rows() {
        let rows = read_csv("\u{feff}名称,系统\n\"甲,乙\",\"说\"\"明\"\n丙\n").expect("reads");
        assert_eq!(
            rows,
            vec![
                vec!["名称".to_string(), "系统".into()],
                vec!["甲,乙".into(), "说\"明".into()],
                vec!["丙".into()],
            ]
        );
    }

    #[test]
    fn tab_separated_text_under_a_csv_name() {
        let rows = read_csv("单位名称\t责任人\n\"甲,乙\"\t王芳\n").expect("reads");
        assert_eq!(
            rows,
            vec![
                vec!["单位名称".to_string(), "责任人".into()],
                vec!["甲,乙".into(), "王芳".into()],
            ]
        );
        // A comma in the first line: commas separate, tabs stay in the cells.
        let rows = read_csv("名称,备注\n甲,a\tb\n").expect("reads");
        assert_eq!(rows[1], vec!["甲".to_string(), "a\tb".into()]);
    }

    #[test]
    fn excel_unicode_text_is_utf16_and_tab_separated() {
        let text = "单位名称\t责任人\r\n市民政局机关党委\t刘洋\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let decoded = utf16_text(&bytes).expect("a BOM");
            assert_eq!(decoded, text);
            let rows = read_csv(&decoded).expect("reads");
            assert_eq!(rows[1], vec!["市民政局机关党委".to_string(), "刘洋".into()]);
        }
        assert_eq!(
            utf16_text("单位名称".as_bytes()),
            None,
            "UTF-8 is not UTF-16"
        );
    }

    #[test]
    fn not_a_workbook_says_what_is_wanted() {
        let e = read_xlsx(b"{\"format\":\"exemplar-state\"}").expect_err("refused");
        assert!(matches!(e, SheetReadError::NotXlsx(_)));
        assert!(e.to_string().contains("另存为"));
        // A truncated download: the zip reader's own words (English) are not shown.
        let e = read_xlsx(b"PK\x03\x04 truncated").expect_err("refused");
        let said = e.to_string();
        assert!(said.contains("损坏"), "{said}");
        assert!(
            !said.contains("Zip") && !said.contains("EOCD") && !said.contains("archive"),
            "{said}"
        );
    }
}
