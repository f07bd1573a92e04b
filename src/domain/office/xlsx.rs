//! Tables as a real .xlsx workbook (`rust_xlsxwriter`): one worksheet per table, the
//! Chinese header row bold and frozen, column widths set, numbers stored as numbers and
//! dates as dates (`yyyy-mm-dd`), and printing set up as A4 landscape, one page wide,
//! with the header row repeated on every page, the table's title (if any) at the top
//! and the page number at the foot of each page.

use rust_xlsxwriter::{
    cell_range, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::{Cell, OfficeError, SumOf, Table};
use crate::domain::dates::parse_date;

fn err(e: XlsxError) -> OfficeError {
    OfficeError::Xlsx(e.to_string())
}

/// A4 in Excel's paper-size codes.
const A4: u8 = 9;

struct Formats {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
}

fn formats() -> Formats {
    let base = Format::new().set_border(FormatBorder::Thin);
    Formats {
        header: base
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xF3EFE9)),
        text: base.clone().set_text_wrap(),
        number: base.clone(),
        date: base.set_num_format("yyyy-mm-dd"),
    }
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {
            ws.write_blank(row, col, &f.text)?;
        }
        Cell::Text(t) => {
            ws.write_string_with_format(row, col, t, &f.text)?;
        }
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, *n, &f.number)?;
        }
        Cell::Sum { value, of } => {
            let range = match *of {
                // The table's rows start under the header, at row 1.
                SumOf::Above if row > 1 => Some(cell_range(1, col, row - 1, col)),
                SumOf::Left { from } if from < col => Some(cell_range(row, from, row, col - 1)),
                _ => None,
            };
            match range {
                Some(r) => {
                    let formula = Formula::new(format!("=SUM({r})")).set_result(value.to_string());
                    ws.write_formula_with_format(row, col, formula, &f.number)?;
                }
                None => {
                    ws.write_number_with_format(row, col, *value, &f.number)?;
                }
            }
        }
        Cell::Date(d) => match parse_date(d) {
            Some(ymd) => {
                let dt = ExcelDateTime::from_ymd(ymd.year as u16, ymd.month as u8, ymd.day as u8)?;
                ws.write_datetime_with_format(row, col, &dt, &f.date)?;
            }
            None => {
                ws.write_string_with_format(row, col, d, &f.text)?;
            }
        },
    }
    Ok(())
}

fn write_sheet(ws: &mut Worksheet, t: &Table, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(&t.sheet)?;
    for (c, col) in t.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, &col.header, &f.header)?;
        ws.set_column_width(c, col.width)?;
    }
    for (r, cells) in t.rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            write_cell(ws, r as u32 + 1, c as u16, cell, f)?;
        }
    }
    let plain = Format::new();
    let below = t.rows.len() as u32 + 2;
    for (r, cells) in t.footer.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            if let Cell::Text(s) = cell {
                ws.write_string_with_format(below + r as u32, c as u16, s, &plain)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    // `&` starts a code in a header or footer: a title's own is written `&&`.
    // A header is at most 255 characters (Excel's own limit; longer is dropped).
    if !t.title.is_empty() {
        let title: String = t.title.chars().take(120).collect();
        ws.set_header(format!("&C{}", title.replace('&', "&&")));
    }
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The tables as .xlsx bytes, one worksheet each, in order.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, OfficeError> {
    if tables.is_empty() {
        return Err(OfficeError::Empty);
    }
    let f = formats();
    let mut wb = Workbook::new();
    for t in tables {
        let ws = wb.add_worksheet();
        write_sheet(ws, t, &f).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
