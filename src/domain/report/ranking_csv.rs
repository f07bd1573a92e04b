//! The ranking as a CSV file for Excel and WPS (BOM, formula-safe fields).

use super::*;

// ---------------------------------------------------------------------------
// The ranking as a CSV file for Excel / WPS
// ---------------------------------------------------------------------------

/// One text cell of a CSV file: a cell a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe; a
/// cell with a comma, quote or line break is quoted, its quotes doubled.
pub fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The ranking table as CSV text: UTF-8 with a byte-order mark (so Excel reads the
/// Chinese correctly), CRLF line ends, one header line and one line per unit in
/// ranking order. Columns: 排名, 单位, each dimension, 加减分, 总分, 等次, 等次说明 (why
/// the grade is what it is, e.g. the 优秀 condition or a veto), 类型建议 (the
/// committee's type when it set one). Ungraded units have no rank or total and the
/// grade 未评定. Numbers are ours and written as they are; every text cell goes
/// through [`csv_field`].
pub fn ranking_csv(report: &RoundReport) -> String {
    let mut out = String::from("\u{feff}");
    let mut head = vec![csv_field("排名"), csv_field("单位")];
    head.extend(report.dimension_names.iter().map(|n| csv_field(n)));
    head.extend(["加减分", "总分", "等次", "等次说明", "类型建议"].map(csv_field));
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in ranking_rows(report) {
        let mut cells = vec![
            row.rank.map(|k| k.to_string()).unwrap_or_default(),
            csv_field(&row.unit_name),
        ];
        cells.extend(row.dimensions.iter().map(|d| d.rounded().to_string()));
        cells.push(if row.total.is_some() {
            row.adjustment.to_string()
        } else {
            String::new()
        });
        cells.push(row.total.map(|t| t.to_string()).unwrap_or_default());
        cells.push(csv_field(row.grade.map(|g| g.label()).unwrap_or("未评定")));
        cells.push(csv_field(&row.grade_notes.join("；")));
        cells.push(csv_field(
            row.effective_type().map(|t| t.label()).unwrap_or(""),
        ));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The export's file name: `<轮次名>-排名表-<stamp>.csv`, with characters a file name
/// cannot hold replaced by `_`.
pub fn ranking_csv_name(round_name: &str, stamp: &str) -> String {
    let safe: String = round_name
        .chars()
        .map(|c| {
            if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}-排名表-{stamp}.csv", safe.trim())
}
