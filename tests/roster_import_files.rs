//! The roster import reads the files clerks have (issue 14, must-show 3): an .xlsx made by
//! an independent writer (rust_xlsxwriter, as Excel would: shared strings, numbers stored
//! as numbers, an empty row, a second sheet that is not taken), a roster behind a sheet
//! of notes, and a CSV.
#![cfg(not(target_arch = "wasm32"))]

use exemplar::domain::model::*;
use exemplar::domain::roster_import::{apply_roster, preview_roster, RowPlan};
use exemplar::domain::sheet_read::{read_csv, read_xlsx, SheetReadError};
use rust_xlsxwriter::{Format, Workbook};

fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("示范点名册").expect("a sheet name");
    for (c, h) in [
        "单位名称",
        "系统/行业",
        "组织类型",
        "责任人",
        "联系电话",
        "入选年份",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .expect("header");
    }
    let rows: [(&str, &str, &str, &str, &str, f64); 3] = [
        (
            "市教育局机关党委",
            "教育",
            "党委",
            "陈静",
            "0311-8888",
            2025.0,
        ),
        (
            "市卫健委第二党支部",
            "卫生健康",
            "党支部",
            "周伟",
            "13912345678",
            2026.0,
        ),
        ("市水务局党总支", "水务", "党总支", "", "", 2024.0),
    ];
    for (i, (name, sector, org, leader, phone, year)) in rows.iter().enumerate() {
        // Row 2 is left empty: rows keep the numbers the clerk sees.
        let r = if i == 2 { 4 } else { i as u32 + 1 };
        sheet.write_string(r, 0, *name).expect("cell");
        sheet.write_string(r, 1, *sector).expect("cell");
        sheet.write_string(r, 2, *org).expect("cell");
        if !leader.is_empty() {
            sheet.write_string(r, 3, *leader).expect("cell");
        }
        if !phone.is_empty() {
            sheet.write_string(r, 4, *phone).expect("cell");
        }
        sheet.write_number(r, 5, *year).expect("cell");
    }
    // A repeated string goes through the shared strings table once.
    let other = book.add_worksheet();
    other.write_string(0, 0, "不读这一页").expect("cell");
    book.save_to_buffer().expect("a workbook")
}

#[test]
fn an_xlsx_reads_as_the_clerk_sees_it() {
    let rows = read_xlsx(&workbook()).expect("reads");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][0], "单位名称");
    assert_eq!(
        rows[1],
        vec![
            "市教育局机关党委",
            "教育",
            "党委",
            "陈静",
            "0311-8888",
            "2025"
        ]
    );
    assert_eq!(rows[2][4], "13912345678", "a phone number kept as text");
    assert!(rows[3].is_empty(), "the empty row is kept");
    assert_eq!(
        rows[4],
        vec!["市水务局党总支", "水务", "党总支", "", "", "2024"]
    );
}

#[test]
fn an_xlsx_previews_and_imports_into_the_roster() {
    let rows = read_xlsx(&workbook()).expect("reads");
    let mut state = AppState::default();
    let p = preview_roster(&state, &rows, 2026).expect("previews");
    assert_eq!(p.counts(), (3, 0, 0, 0));
    let rows_added: Vec<usize> = p
        .rows
        .iter()
        .filter_map(|r| match r {
            RowPlan::Add { row, .. } => Some(*row),
            _ => None,
        })
        .collect();
    assert_eq!(rows_added, vec![2, 3, 5], "row numbers as in the sheet");
    apply_roster(&mut state, &p, "2026-12-01T10:00:00Z").expect("applies");
    let water = state
        .units
        .iter()
        .find(|u| u.name == "市水务局党总支")
        .expect("added");
    assert_eq!(water.org_type, OrgType::GeneralBranch);
    assert_eq!(water.entered_year, 2024);
    assert_eq!(water.status, UnitStatus::Candidate);
}

#[test]
fn a_csv_reads_too_and_other_files_say_what_is_wanted() {
    let rows = read_csv("\u{feff}名称,系统\r\n\"市商务局机关党委\",商务\r\n").expect("reads");
    let p = preview_roster(&AppState::default(), &rows, 2026).expect("previews");
    assert_eq!(p.counts(), (1, 0, 0, 0));
    let backup = include_bytes!("fixtures/backup/hand-written.json");
    assert!(matches!(read_xlsx(backup), Err(SheetReadError::NotXlsx(_))));
    // A zip that is not a workbook has no sheet.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .expect("a file");
    let bytes = zip.finish().expect("a zip").into_inner();
    assert_eq!(read_xlsx(&bytes), Err(SheetReadError::NoSheet));
}

#[test]
fn a_roster_behind_a_sheet_of_notes_is_found_by_its_header() {
    use exemplar::domain::roster_import::roster_sheet;
    use exemplar::domain::sheet_read::read_xlsx_sheets;
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").expect("a sheet name");
    notes
        .write_string(0, 0, "请在第二个工作表填写")
        .expect("cell");
    let roster = book.add_worksheet();
    roster.set_name("名册").expect("a sheet name");
    roster.write_string(0, 0, "2026年示范点名册").expect("cell");
    roster.write_string(1, 0, "单位名称").expect("cell");
    roster.write_string(1, 1, "系统/行业").expect("cell");
    roster.write_string(2, 0, "市商务局机关党委").expect("cell");
    roster.write_string(2, 1, "商务").expect("cell");
    let bytes = book.save_to_buffer().expect("a workbook");
    let sheets = read_xlsx_sheets(&bytes).expect("reads");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["说明", "名册"]);
    let rows: Vec<Vec<Vec<String>>> = sheets.iter().map(|s| s.rows.clone()).collect();
    assert_eq!(roster_sheet(&rows), Some(1));
    let p = preview_roster(&AppState::default(), &rows[1], 2026).expect("previews");
    assert_eq!(p.counts(), (1, 0, 0, 0));
    // The first sheet is still what read_xlsx reads; a workbook of notes alone gives
    // its first sheet with anything in it.
    assert_eq!(
        read_xlsx(&bytes).expect("reads")[0][0],
        "请在第二个工作表填写"
    );
    assert_eq!(roster_sheet(&rows[..1]), Some(0));
    assert_eq!(roster_sheet(&[]), None);
}

#[test]
fn a_hidden_sheet_is_not_read() {
    use exemplar::domain::roster_import::roster_sheet;
    use exemplar::domain::sheet_read::read_xlsx_sheets;
    let mut book = Workbook::new();
    let old = book.add_worksheet();
    old.set_name("旧名册").expect("a sheet name");
    old.write_string(0, 0, "单位名称").expect("cell");
    old.write_string(1, 0, "已撤销的老单位党支部")
        .expect("cell");
    old.set_hidden(true);
    let roster = book.add_worksheet();
    roster.set_name("名册").expect("a sheet name");
    roster.write_string(0, 0, "单位名称").expect("cell");
    roster.write_string(1, 0, "市财政局机关党委").expect("cell");
    roster.set_active(true);
    let bytes = book.save_to_buffer().expect("a workbook");
    let sheets = read_xlsx_sheets(&bytes).expect("reads");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["名册"], "the hidden sheet is left out");
    let rows: Vec<Vec<Vec<String>>> = sheets.iter().map(|s| s.rows.clone()).collect();
    assert_eq!(roster_sheet(&rows), Some(0));
    assert_eq!(rows[0][1][0], "市财政局机关党委");
}

#[test]
fn a_year_kept_as_an_excel_date_is_its_year() {
    // 入选年份 typed as a date in Excel: the cell holds the day's serial number.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "单位名称").expect("cell");
    sheet.write_string(0, 1, "入选时间").expect("cell");
    sheet
        .write_string(1, 0, "市统计局机关党支部")
        .expect("cell");
    let date = Format::new().set_num_format("yyyy\"年\"");
    sheet
        .write_number_with_format(1, 1, 45717.0, &date)
        .expect("cell"); // 2025-03-01
    let rows = read_xlsx(&book.save_to_buffer().expect("a workbook")).expect("reads");
    let p = preview_roster(&AppState::default(), &rows, 2026).expect("previews");
    match &p.rows[0] {
        RowPlan::Add { input, .. } => assert_eq!(input.entered_year, "2025"),
        other => panic!("{other:?}"),
    }
}

/// A roster laid out as offices keep them: a title merged across the table, 单位名称 and
/// 联系人 heads merged over two rows, and each 系统 merged down its group of units.
#[test]
fn merged_cells_read_as_excel_shows_them() {
    let mut book = Workbook::new();
    let plain = Format::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 3, "2026年基层党建示范点名册", &plain)
        .expect("a title");
    sheet
        .merge_range(1, 0, 2, 0, "单位名称", &plain)
        .expect("a head");
    sheet
        .merge_range(1, 1, 2, 1, "系统/行业", &plain)
        .expect("a head");
    sheet
        .merge_range(1, 2, 1, 3, "联系人", &plain)
        .expect("a head");
    sheet.write_string(2, 2, "责任人").expect("cell");
    sheet.write_string(2, 3, "联系电话").expect("cell");
    let units = [
        "市教育局机关党委",
        "市第一中学党支部",
        "市第二中学党支部",
        "市卫健委第二党支部",
    ];
    for (i, name) in units.iter().enumerate() {
        sheet.write_string(3 + i as u32, 0, *name).expect("cell");
    }
    sheet
        .merge_range(3, 1, 5, 1, "教育", &plain)
        .expect("a group");
    sheet.write_string(6, 1, "卫生健康").expect("cell");
    let bytes = book.save_to_buffer().expect("a workbook");

    let rows = read_xlsx(&bytes).expect("reads");
    // The title stays on its first cell; the heads and the group read on every row.
    assert_eq!(rows[0], vec!["2026年基层党建示范点名册".to_string()]);
    assert_eq!(rows[2][..2], ["单位名称".to_string(), "系统/行业".into()]);
    let sectors: Vec<&str> = rows[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(sectors, ["教育", "教育", "教育", "卫生健康"]);

    let p = preview_roster(&AppState::default(), &rows, 2026).expect("previews");
    assert_eq!(p.counts(), (4, 0, 0, 0), "{:?}", p.rows);
    assert!(
        p.notes.iter().any(|n| n.contains("第 3 行重复了表头")),
        "{:?}",
        p.notes
    );
    assert!(
        !p.notes.iter().any(|n| n.contains("没有填系统/行业")),
        "{:?}",
        p.notes
    );
    let added: Vec<String> = p.rows.iter().map(RowPlan::what).collect();
    assert!(
        added[..3].iter().all(|w| w.ends_with("，教育")),
        "{added:?}"
    );
}

/// The same roster copied as text: the merged 系统 is on its group's first row only.
/// The preview says which new units will have none, and how to carry it.
#[test]
fn a_merged_sector_copied_as_text_is_pointed_out() {
    let rows = read_csv("单位名称,系统/行业\n市教育局机关党委,教育\n市第一中学党支部,\n市卫健委第二党支部,卫生健康\n").expect("reads");
    let p = preview_roster(&AppState::default(), &rows, 2026).expect("previews");
    assert_eq!(p.counts(), (3, 0, 0, 0));
    let note = p
        .notes
        .iter()
        .find(|n| n.contains("没有填系统/行业"))
        .expect("a note");
    assert!(note.starts_with("第 3 行的新单位"), "{note}");
    assert!(note.contains("合并单元格"), "{note}");
    // A table without the column, or blanks before any sector, needs no such word.
    for text in [
        "单位名称\n市教育局机关党委\n",
        "单位名称,系统/行业\n市教育局机关党委,\n市卫健委第二党支部,卫生健康\n",
    ] {
        let p = preview_roster(&AppState::default(), &read_csv(text).expect("reads"), 2026)
            .expect("previews");
        assert!(
            !p.notes.iter().any(|n| n.contains("没有填系统/行业")),
            "{text}: {:?}",
            p.notes
        );
    }
}
