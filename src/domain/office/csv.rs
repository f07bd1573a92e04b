//! Tables as CSV: UTF-8 with a byte-order mark (Excel and WPS then read the Chinese),
//! CRLF line ends, every text through [`csv_field`] (quoted when needed, and a leading
//! `=`/`+`/`-`/`@` defused), and phone numbers kept text. Several tables go one after another, each under its name.

use super::{Cell, Table};

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

/// Whether Excel or WPS would take text of digits for a number and spoil it: a
/// leading 0 dropped (`05718700000`), or 11 digits and more shown as `1.56E+10` (a
/// mobile number).
fn spoilt_as_number(text: &str) -> bool {
    text.len() > 1
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.starts_with('0') || text.len() >= 11)
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        // A tab before the digits keeps them text in Excel and WPS (the cell shows
        // them as they are); a program reading the CSV back trims it.
        Cell::Text(t) if spoilt_as_number(t) => format!("\t{t}"),
        Cell::Text(t) => csv_field(t),
        Cell::Number(n) => {
            if n.fract() == 0.0 {
                format!("{n:.0}")
            } else {
                // Hundredths at most (our points), without trailing zeros.
                let s = format!("{n:.2}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
        Cell::Date(d) => d.clone(),
        Cell::Sum { value, .. } => cell_text(&Cell::Number(*value)),
    }
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push_str(&cells.collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

/// The tables as one CSV text. A single table is just its header and rows; with
/// several, each starts with a line holding its name and they are separated by an
/// empty line.
pub fn tables_csv(tables: &[Table]) -> String {
    let mut out = String::from("\u{feff}");
    let several = tables.len() > 1;
    for (i, t) in tables.iter().enumerate() {
        if several {
            if i > 0 {
                out.push_str("\r\n");
            }
            push_line(&mut out, std::iter::once(csv_field(&t.sheet)));
        }
        push_line(&mut out, t.columns.iter().map(|c| csv_field(&c.header)));
        for r in &t.rows {
            push_line(&mut out, r.iter().map(cell_text));
        }
        if !t.footer.is_empty() {
            out.push_str("\r\n");
            for r in &t.footer {
                push_line(&mut out, r.iter().map(cell_text));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;

    #[test]
    fn csv_field_quotes_and_guards_formulas() {
        assert_eq!(csv_field("城关社区"), "城关社区");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+86"), "'+86");
        assert_eq!(csv_field("-3"), "'-3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn phone_numbers_stay_text_in_excel() {
        let t = Table {
            sheet: "表".into(),
            columns: vec![Column::new("联系方式", 10.0)],
            rows: vec![
                vec![Cell::Text("05718700000".into())],
                vec![Cell::Text("15631426569".into())],
                vec![Cell::Text("0311-8888".into())],
                vec![Cell::Text("2024".into())],
                vec![Cell::Text("0".into())],
            ],
            footer: vec![],
            title: String::new(),
        };
        assert_eq!(
            tables_csv(&[t]),
            "\u{feff}联系方式\r\n\t05718700000\r\n\t15631426569\r\n0311-8888\r\n2024\r\n0\r\n"
        );
    }

    #[test]
    fn csv_has_a_bom_crlf_and_plain_numbers() {
        let t = Table {
            sheet: "表".into(),
            columns: vec![Column::new("单位", 10.0), Column::new("总分", 6.0)],
            rows: vec![
                vec![Cell::Text("甲,乙".into()), Cell::Number(88.5)],
                vec![Cell::Text("=1+1".into()), Cell::Number(90.0)],
                vec![Cell::Date("2026-01-02".into()), Cell::Number(71.25)],
            ],
            footer: vec![],
            title: String::new(),
        };
        let s = tables_csv(&[t]);
        assert_eq!(
            s,
            "\u{feff}单位,总分\r\n\"甲,乙\",88.5\r\n'=1+1,90\r\n2026-01-02,71.25\r\n"
        );
    }
}
