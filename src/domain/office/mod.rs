//! Office files a clerk opens in Excel, WPS or Word: the lists of [`tables`] (the round's)
//! and [`year_lists`] (the year's outcomes, 整改, 结对, 保障投入, 督导) written as
//! .xlsx ([`xlsx`], with `rust_xlsxwriter`) and as CSV with a byte-order mark
//! ([`csv`]), and the 通报 as .docx ([`docx`], with `docx-rs`). Each writer takes data
//! and returns bytes or text; `files.rs` offers them as downloads.
//!
//! In the browser the .xlsx and .docx writers and the .xlsx reader run in the office
//! module (`src/bin/exemplar-office.rs`), a second wasm loaded the first time a clerk
//! asks for one of them; the app passes it the plain data as JSON ([`Table`], the
//! notice) and gets the file's bytes back. CSV stays in the app (no crate behind it).

pub mod csv;
pub mod docx;
pub mod ooxml_order;
pub mod tables;
pub mod xlsx;
pub mod year_lists;

use thiserror::Error;

/// Why an office file could not be written (nothing is downloaded).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OfficeError {
    #[error("无法生成 Excel 文件：{0}")]
    Xlsx(String),
    #[error("无法生成 Word 文件：{0}")]
    Docx(String),
    #[error("没有可导出的内容。")]
    Empty,
    /// Every table of the list has no rows: no file is written.
    #[error("{0}中没有记录，不必导出。")]
    NothingIn(String),
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    /// Written as a number (Excel can sum it).
    Number(f64),
    /// `YYYY-MM-DD`, written as a date.
    Date(String),
    /// A sum Excel keeps as a formula, so that it follows a figure corrected in the
    /// workbook: `value` is what it comes to now (the formula's stored result, and the
    /// number in a CSV or a print).
    Sum {
        value: f64,
        of: SumOf,
    },
}

/// What a [`Cell::Sum`] adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SumOf {
    /// The table's rows above it, in its column.
    Above,
    /// Its own row, from column `from` to the column before it.
    Left { from: u16 },
}

/// A text cell.
pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A date cell (`YYYY-MM-DD`), or an empty cell when there is no date.
pub(crate) fn date(d: Option<&str>) -> Cell {
    match d {
        Some(d) if !d.is_empty() => Cell::Date(d.to_string()),
        _ => Cell::Empty,
    }
}

/// A column: its header and width in characters.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    pub header: String,
    pub width: f64,
}

impl Column {
    pub fn new(header: &str, width: f64) -> Column {
        Column {
            header: header.to_string(),
            width,
        }
    }
}

/// A table: one worksheet, its header row first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// The sheet's name (≤ 31 characters).
    pub sheet: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines under the table after an empty row (e.g. the signature line).
    pub footer: Vec<Vec<Cell>>,
    /// Printed at the top of every page (e.g. the round and the assessor of a sheet to
    /// sign); none when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// A file name with the characters a file system refuses replaced by `_`.
pub fn file_name(stem: &str, ext: &str) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{safe}.{ext}")
}
