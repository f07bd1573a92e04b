//! Office files (issue 12, must-show 1): each generated .xlsx is opened with calamine
//! and each .docx is unzipped and its document.xml read, both independent of the
//! writers. Sheet names, headers, cell types and values are checked against the
//! domain's own figures (the ranking rows, the score sheets, the roster).

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use exemplar::domain::office::csv::tables_csv;
use exemplar::domain::office::docx::{notice_docx, NoticeFile};
use exemplar::domain::office::tables::{
    assessor_tables, not_returned_table, ranking_table, roster_tables, ExportList,
};
use exemplar::domain::office::xlsx::workbook;
use exemplar::domain::office::OfficeError;
use exemplar::domain::report::{self, ranking_rows, round_report};
use exemplar::domain::reports::figures::year_figures;
use exemplar::domain::reports::notice::build_notice;
use exemplar::domain::reports::problems::five_problems;
use exemplar::domain::sample::sample_city;
use exemplar::domain::*;

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

/// A part of the zip as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut f = z.by_name(name).expect("the part is there");
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

fn latest(st: &AppState) -> &Round {
    st.rounds.iter().max_by_key(|r| r.year).unwrap()
}

#[test]
fn the_ranking_opens_in_a_spreadsheet_reader_with_numbers_as_numbers() {
    let st = sample_city(2026);
    let round = latest(&st);
    let report = round_report(&st, &round.id).unwrap();
    let bytes = workbook(&[ranking_table(&report)]).unwrap();
    let mut wb = open(bytes.clone());
    assert_eq!(wb.sheet_names(), ["排名表"]);
    let range = wb.worksheet_range("排名表").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
    let mut want = vec!["排名".to_string(), "单位".into(), "系统/行业".into()];
    want.extend(report.dimension_names.iter().cloned());
    want.extend(["加减分", "总分", "等次", "等次说明", "类型"].map(String::from));
    assert_eq!(header, want);
    let rows = ranking_rows(&report);
    // The header, a row per unit, a blank row and the note on rounding (a clerk summing
    // the dimension columns found them 0.01 off the total, unexplained).
    assert_eq!(range.height(), rows.len() + 3);
    assert_eq!(
        range
            .rows()
            .next_back()
            .and_then(|r| r.first())
            .map(text)
            .as_deref(),
        Some(exemplar::domain::report::ROUNDING_NOTE)
    );
    // Printed, each page says which round it ranks (the page header, not a row that
    // would break sorting and filtering in Excel).
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(&format!(
            "<oddHeader>&amp;C{}　排名表</oddHeader>",
            round.name
        )),
        "{sheet1}"
    );
    let total_col = want.iter().position(|h| h == "总分").unwrap();
    let grade_col = total_col + 1;
    // Every graded row: rank and total are numbers equal to the domain's; the grade
    // is its label.
    for (i, r) in rows.iter().enumerate() {
        let cells = range.rows().nth(i + 1).unwrap();
        assert_eq!(text(&cells[1]), r.unit_name);
        match r.total {
            Some(t) => {
                assert_eq!(number(&cells[0]), f64::from(r.rank.unwrap()));
                assert!((number(&cells[total_col]) - t.as_f64()).abs() < 1e-9);
                assert_eq!(text(&cells[grade_col]), r.grade.unwrap().label());
                // The first dimension's score, rounded to hundredths as shown.
                let d0 = r.dimensions[0].rounded().as_f64();
                assert!((number(&cells[3]) - d0).abs() < 1e-9);
            }
            None => assert_eq!(text(&cells[grade_col]), "未评定"),
        }
    }
    // The header row is frozen, columns have widths, A4 landscape with the header
    // repeated on every printed page.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#));
    assert!(sheet.contains("<cols>") && sheet.contains("customWidth=\"1\""));
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    let book = part(&bytes, "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"));
}

#[test]
fn every_assessor_gets_a_sheet_with_the_raw_points() {
    let st = sample_city(2026);
    let round = latest(&st);
    let scheme = st.scheme(&round.scheme_id).unwrap();
    let tables = assessor_tables(&st, round);
    assert_eq!(tables.len(), round.assessors.len());
    let mut wb = open(workbook(&tables).unwrap());
    let names: Vec<String> = round.assessors.iter().map(|a| a.name.clone()).collect();
    assert_eq!(wb.sheet_names(), names);
    let a = &round.assessors[0];
    let range = wb.worksheet_range(&a.name).unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(header.len(), scheme.indicator_count() + 2);
    let first = scheme.indicators().next().unwrap();
    assert_eq!(header[1], format!("{}（{}分）", first.name, first.max));
    assert_eq!(header.last().unwrap(), "合计");
    // The first unit's row holds that sheet's points as numbers, and their sum.
    let row = range.rows().nth(1).unwrap();
    let unit_id = round
        .unit_ids
        .iter()
        .find(|u| st.unit(u).is_some_and(|x| x.name == text(&row[0])))
        .unwrap();
    let sheet = round
        .sheet(unit_id, &SheetSource::Assessor(a.id.clone()))
        .unwrap();
    let mut sum = 0.0;
    for (k, p) in sheet.points.iter().enumerate() {
        let p = p.unwrap().as_f64();
        sum += p;
        assert!((number(&row[k + 1]) - p).abs() < 1e-9);
    }
    assert!((number(&row[header.len() - 1]) - sum).abs() < 1e-9);
    // In Excel the 合计 is a formula over the row's points (a score corrected on the
    // printed sheet is summed again).
    let formulas = wb.worksheet_formula(&a.name).expect("formulas");
    let last = header.len() - 1;
    let col = |c: usize| {
        let mut name = String::new();
        let mut n = c + 1;
        while n > 0 {
            name.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
            n = (n - 1) / 26;
        }
        name
    };
    assert_eq!(
        formulas
            .get_value((1, last as u32))
            .cloned()
            .unwrap_or_default(),
        format!("SUM(B2:{}2)", col(last - 1))
    );
    // The signature line under the table.
    let cells: Vec<String> = range
        .rows()
        .flat_map(|r| {
            r.iter().filter_map(|c| match c {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
        })
        .collect();
    assert!(cells.iter().any(|c| c == "评委签名："));
    // Printed: the round and the assessor at the top of every page, the page number
    // at the foot, and indicator columns narrow enough to sign on one page wide.
    let bytes = workbook(&tables).unwrap();
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(&format!(
            "<oddHeader>&amp;C{}　评委评分表　评委：{}</oddHeader>",
            round.name, a.name
        )),
        "{sheet1}"
    );
    assert!(sheet1.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"));
    let width: f64 = tables[0].columns.iter().map(|c| c.width).sum();
    assert!(width < 180.0, "{width} characters wide");
}

#[test]
fn the_roster_has_dates_as_dates_and_the_status_history() {
    let st = sample_city(2026);
    let mut wb = open(workbook(&roster_tables(&st)).unwrap());
    assert_eq!(wb.sheet_names(), ["名册", "状态变更"]);
    let range = wb.worksheet_range("名册").unwrap();
    assert_eq!(range.height(), st.units.len() + 1);
    let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(header[0], "单位");
    assert_eq!(header[5], "入选年份");
    assert_eq!(header[7], "授牌日期");
    let (i, u) = st
        .units
        .iter()
        .enumerate()
        .find(|(_, u)| u.named_on.is_some())
        .unwrap();
    let row = range.rows().nth(i + 1).unwrap();
    assert_eq!(text(&row[0]), u.name);
    assert_eq!(number(&row[5]), f64::from(u.entered_year));
    match &row[7] {
        Data::DateTime(dt) => {
            // Excel's serial date: days since 1899-12-30; 2000-01-01 is 36526.
            let serial = dt.as_f64() as i64;
            assert_eq!(
                exemplar::domain::dates::add_days("2000-01-01", serial - 36526).as_deref(),
                u.named_on.as_deref()
            );
        }
        other => panic!("授牌日期 should be a date, got {other:?}"),
    }
    let history = wb.worksheet_range("状态变更").unwrap();
    let changes: usize = st.units.iter().map(|u| u.history.len()).sum();
    assert_eq!(history.height(), changes + 1);
    // The sample's 入选培育 (an entry, 创建中 from nothing) reads "—" before it, as on
    // the unit's page, not 创建中 → 创建中.
    let rows: Vec<Vec<String>> = history
        .rows()
        .skip(1)
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    let entry = st
        .units
        .iter()
        .find_map(|u| u.history.iter().find(|c| c.from == c.to).map(|c| (u, c)))
        .expect("the sample has an entry");
    let row = rows
        .iter()
        .find(|r| r[0] == entry.0.name && r[4] == entry.1.reason)
        .expect("its row");
    assert_eq!((row[2].as_str(), row[3].as_str()), ("—", "创建中"));
    assert!(
        !rows.iter().any(|r| r[2] == r[3]),
        "no change from a status to itself"
    );
    // A unit that handed its plaque back (摘牌, or back as 创建中) lists neither its
    // 授牌日期 nor the number of the plaque it no longer holds.
    let mut st = st;
    st.units[i].status = UnitStatus::Delisted;
    let plaque = st.units[i].plaque_no.clone();
    assert!(plaque.is_some());
    let mut wb = open(workbook(&roster_tables(&st)).unwrap());
    let range = wb.worksheet_range("名册").unwrap();
    let row = range.rows().nth(i + 1).unwrap();
    assert_eq!(text(&row[6]), "摘牌");
    assert!(
        matches!(row[7], Data::Empty) && matches!(row[8], Data::Empty),
        "{:?}",
        &row[7..9]
    );
}

#[test]
fn the_not_returned_list_names_who_owes_what() {
    let mut st = sample_city(2026);
    let round_id = latest(&st).id.clone();
    // Take away one assessor's sheet and one self-assessment.
    let r = st.rounds.iter_mut().find(|r| r.id == round_id).unwrap();
    let a = r.assessors[1].clone();
    let gone_unit = r.unit_ids[0].clone();
    r.sheets.retain(|s| {
        !(s.unit_id == gone_unit
            && (s.source == SheetSource::Assessor(a.id.clone())
                || s.source == SheetSource::SelfAssessment))
    });
    let round = st.round(&round_id).unwrap();
    let t = not_returned_table(&st, round);
    let mut wb = open(workbook(std::slice::from_ref(&t)).unwrap());
    let range = wb.worksheet_range("未报送名单").unwrap();
    let unit_name = st.unit(&gone_unit).unwrap().name.clone();
    let rows: Vec<Vec<Data>> = range.rows().skip(1).map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(text(&rows[0][0]), "评委");
    assert_eq!(text(&rows[0][1]), a.name);
    assert_eq!(text(&rows[0][3]), format!("评分表：{unit_name}"));
    assert_eq!(number(&rows[0][4]), 1.0);
    assert_eq!(text(&rows[1][0]), "单位");
    assert_eq!(text(&rows[1][1]), unit_name);
    assert_eq!(text(&rows[1][3]), "自评表");

    // A sheet returned with blanks is listed too: the reminder is the same.
    let other_unit = {
        let r = st.rounds.iter_mut().find(|r| r.id == round_id).unwrap();
        let other_unit = r.unit_ids[1].clone();
        for s in r.sheets.iter_mut() {
            if s.unit_id == other_unit && s.source == SheetSource::Assessor(a.id.clone()) {
                s.points[0] = None;
                s.points[1] = None;
            }
        }
        other_unit
    };
    let round = st.round(&round_id).unwrap();
    let t = not_returned_table(&st, round);
    let blank = t
        .rows
        .iter()
        .find(|r| matches!(&r[3], exemplar::domain::office::Cell::Text(x) if x.starts_with("评分表未填完")))
        .expect("a row for the sheet with blanks");
    let other_name = st.unit(&other_unit).unwrap().name.clone();
    assert!(
        matches!(&blank[3], exemplar::domain::office::Cell::Text(x) if *x == format!("评分表未填完：{other_name}（2 项空白）")),
        "{blank:?}"
    );
    assert!(matches!(&blank[1], exemplar::domain::office::Cell::Text(x) if *x == a.name));
}

#[test]
fn the_ranking_as_csv_has_a_line_per_unit_with_the_grade_note_and_no_formulas() {
    let st = sample_city(2026);
    let round = latest(&st);
    let mut report = round_report(&st, &round.id).unwrap();
    let rows = ranking_rows(&report);
    let csv = tables_csv(&[ranking_table(&report)]);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""), "ends with a line break");
    let lines = &lines[..lines.len() - 1];
    let mut head = vec!["排名".to_string(), "单位".into(), "系统/行业".into()];
    head.extend(report.dimension_names.iter().cloned());
    head.extend(["加减分", "总分", "等次", "等次说明", "类型"].map(String::from));
    assert_eq!(lines[0], head.join(","));
    assert_eq!(
        lines.len(),
        1 + rows.len() + 2,
        "one line per unit, then the note"
    );
    assert_eq!(
        lines.last().copied(),
        Some(exemplar::domain::report::ROUNDING_NOTE)
    );
    // The types by their neutral names: a file travels, the speech's words stay inside.
    assert!(!csv.contains("吃老本") && !csv.contains("闭门造车"));
    assert!(
        csv.contains(SiteType::LivingOnPast.public_label())
            || csv.contains(SiteType::ClosedDoor.public_label())
    );
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first[0], rows[0].rank.unwrap().to_string());
    assert_eq!(first[1], rows[0].unit_name);
    // The grade's note travels with the grade.
    let noted = rows
        .iter()
        .position(|r| !r.grade_notes.is_empty())
        .expect("the sample has a grade with a note");
    assert!(
        lines[1 + noted].contains(&rows[noted].grade_notes.join("；")),
        "{}",
        lines[1 + noted]
    );
    // A unit named like a formula is quoted and cannot run as one.
    let u = report
        .results
        .units
        .iter_mut()
        .find(|u| u.unit_id == rows[0].unit_id)
        .unwrap();
    u.unit_name = "=HYPERLINK(\"x\",1)".into();
    let csv = tables_csv(&[ranking_table(&report)]);
    assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\",1)\","), "{csv}");
}

#[test]
fn every_list_exports_as_csv_with_a_bom() {
    let st = sample_city(2026);
    let rid = latest(&st).id.clone();
    for list in ExportList::ALL {
        if list == ExportList::NotReturned {
            // Every sheet of the sample's round is in: nothing to list, no file.
            assert_eq!(
                list.tables(&st, Some(&rid)).map(|_| ()),
                Err(OfficeError::NothingIn("「2026年度考评-未报送名单」".into()))
            );
            continue;
        }
        let (stem, tables) = list.tables(&st, Some(&rid)).unwrap();
        assert!(stem.contains(list.label()), "{stem}");
        let csv = tables_csv(&tables);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\r\n"));
        assert!(workbook(&tables).is_ok());
    }
    // Without a round only the roster can be exported.
    assert!(ExportList::Ranking.tables(&st, None).is_err());
    assert!(ExportList::Roster.tables(&st, None).is_ok());
    // An empty browser has no roster to export.
    assert_eq!(
        ExportList::Roster
            .tables(&AppState::default(), None)
            .map(|_| ()),
        Err(OfficeError::NothingIn("「名册及状态变更」".into()))
    );
}

#[test]
fn the_notice_opens_as_a_word_document_with_its_text() {
    let st = sample_city(2026);
    let year = latest(&st).year;
    let report = exemplar::domain::reports::report_of_year(&st, year);
    let five = five_problems(&st, year, "2026-12-01", report.as_ref());
    let figures = year_figures(&st, year, "2026-12-01", report.as_ref());
    let mut notice = build_notice(&st, report.as_ref(), &figures, &five);
    notice.doc_no = "市直工委〔2026〕12号".into();
    // Drafted before the results are published: the Word file says so too.
    notice.draft = "草稿：结果尚未发布".into();
    let bytes = notice_docx(&NoticeFile {
        notice: notice.clone(),
        made_at: "2026-12-03T06:50:12.345Z".into(),
    })
    .unwrap();
    let xml = part(&bytes, "word/document.xml");
    // Page numbers "— 1 —" on every page (odd and even footers), and the time it
    // was written in the file's properties, not 1970.
    let footers: Vec<String> = ["word/footer1.xml", "word/footer2.xml"]
        .iter()
        .map(|f| part(&bytes, f))
        .collect();
    for f in &footers {
        assert!(
            f.contains("PAGE") && f.contains("— ") && f.contains(" —"),
            "{f}"
        );
    }
    assert!(footers[0].contains(r#"w:val="right""#) && footers[1].contains(r#"w:val="left""#));
    assert!(part(&bytes, "word/settings.xml").contains("evenAndOddHeaders"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("2026-12-03T06:50:12Z") && !core.contains("1970"),
        "{core}"
    );
    // 作者 is the 落款, not docx-rs's `unknown` (a clerk's review: Word's 属性).
    assert!(
        core.contains(&format!("<dc:creator>{}</dc:creator>", notice.signer))
            && core.contains(&format!(
                "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
                notice.signer
            ))
            && !core.contains("unknown"),
        "{core}"
    );
    // The visible text is the runs' <w:t> contents, in order.
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let open_end = rest.find('>').unwrap();
        let close = rest.find("</w:t>").unwrap_or(open_end);
        if close > open_end {
            text.push_str(&rest[open_end + 1..close]);
            text.push('\n');
        }
        rest = &rest[open_end + 1..];
    }
    for line in notice.all_text().into_iter().filter(|l| *l != notice.draft) {
        assert!(text.contains(&line), "missing in document.xml: {line}");
    }
    let title = format!("关于{year}年度基层党建示范点考评情况的通报");
    // The draft mark at the top of every page (odd and even headers), not in the body;
    // the 发文字号 above the title.
    for h in ["word/header1.xml", "word/header2.xml"] {
        let header = part(&bytes, h);
        assert!(header.contains("草稿：结果尚未发布"), "{h}: {header}");
    }
    assert!(!text.contains("草稿"), "{text}");
    let doc_no_at = text.find("市直工委〔2026〕12号").expect("the 发文字号");
    assert!(doc_no_at < text.find(&title).expect("the title"), "{text}");
    assert!(text.contains("四、存在的问题"));
    // A4 portrait and the body font.
    assert!(xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#));
    assert!(xml.contains("仿宋") && xml.contains("黑体"));
    assert!(!text.contains("吃老本") && !text.contains("闭门造车"));
    // Properties in the schema's sequence (a clerk's review: docx-rs put 字号 before
    // 字体 and the paragraph's run properties first, which Word may drop): in every
    // part, each paragraph's properties end with their run properties, 行距 before 缩进
    // before 对齐; 字体 before 字号; the header and footer references open the section.
    let parts: Vec<String> = [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ]
    .iter()
    .map(|p| part(&bytes, p))
    .collect();
    // The children named, in the order they must come, inside each `open`…`close`.
    let in_order = |x: &str, open: &str, close: &str, names: &[&str]| {
        let mut rest = x;
        let mut seen = 0;
        while let Some(a) = rest.find(open) {
            let block = &rest[a..];
            let b = block.find(close).map_or(block.len(), |b| b + close.len());
            let block = &block[..b];
            let at: Vec<usize> = names.iter().filter_map(|n| block.find(n)).collect();
            assert!(
                at.windows(2).all(|w| w[0] < w[1]),
                "{names:?} out of order in {block}"
            );
            seen += usize::from(at.len() > 1);
            rest = &rest[a + b..];
        }
        seen
    };
    let mut paragraphs = 0;
    let mut runs = 0;
    for x in &parts {
        paragraphs += in_order(
            x,
            "<w:pPr>",
            "</w:pPr>",
            &["<w:spacing", "<w:ind", "<w:jc", "<w:rPr"],
        );
        runs += in_order(
            x,
            "<w:r><w:rPr>",
            "</w:rPr>",
            &["<w:rFonts", "<w:sz ", "<w:szCs"],
        );
    }
    assert!(
        paragraphs > 20 && runs > 20,
        "checked {paragraphs} paragraphs and {runs} runs"
    );
    let sect = &xml[xml.find("<w:sectPr").expect("a section")..];
    assert!(
        sect.trim_start_matches(|c| c != '>')
            .starts_with("><w:headerReference"),
        "{sect}"
    );
}

#[test]
fn a_past_years_roster_is_the_roster_as_it_stood_at_that_years_end() {
    let st = sample_city(2026);
    let r2025 = st
        .rounds
        .iter()
        .find(|r| r.year == 2025)
        .expect("a 2025 round")
        .id
        .clone();
    let (stem, tables) = ExportList::Roster
        .tables_at(&st, None, Some(&r2025), Some("2026-12-03"))
        .unwrap();
    assert_eq!(stem, "2025年度名册及状态变更");
    let end = "2025-12-31";
    let then: Vec<&exemplar::domain::Unit> = st
        .units
        .iter()
        .filter(|u| u.status_on(end).is_some())
        .collect();
    assert!(
        then.len() < st.units.len(),
        "the sample has units that entered in 2026"
    );
    assert_eq!(tables[0].rows.len(), then.len());
    // Each unit's status then, not now.
    for (row, u) in tables[0].rows.iter().zip(&then) {
        assert_eq!(row[0], exemplar::domain::office::Cell::Text(u.name.clone()));
        assert_eq!(
            row[6],
            exemplar::domain::office::Cell::Text(u.status_on(end).unwrap().label().to_string())
        );
    }
    // Only the changes up to that day.
    let changes: usize = then
        .iter()
        .map(|u| u.history.iter().filter(|c| c.date.as_str() <= end).count())
        .sum();
    assert_eq!(tables[1].rows.len(), changes);
    // A clerk's review: the file said "截至" the day it was made and headed the column
    // 当前状态, over statuses of 31 December. Its pages say the day they stand at.
    assert_eq!(tables[0].columns[6].header, "状态");
    for t in &tables {
        assert!(t.title.ends_with("（截至2025-12-31）"), "{}", t.title);
    }
    assert!(
        st.units
            .iter()
            .flat_map(|u| &u.history)
            .any(|c| c.date.as_str() > end),
        "the sample changed statuses in 2026"
    );
    // This year's, while it runs: as it stands today.
    let r2026 = latest(&st).id.clone();
    let (stem, now) = ExportList::Roster
        .tables_at(&st, None, Some(&r2026), Some("2026-12-03"))
        .unwrap();
    assert_eq!(stem, "2026年度名册及状态变更");
    assert_eq!(now[0].rows.len(), st.units.len());
    assert!(
        now[0].title.ends_with("（截至2026-12-03）"),
        "{}",
        now[0].title
    );
    // The roster as it stands (the 单位 page's export) says so in its column.
    assert_eq!(
        exemplar::domain::office::tables::roster_tables(&st)[0].columns[6].header,
        "当前状态"
    );
}

/// A clerk's review: undoing a 2025 认定 today took it out of 2025's year-end count and
/// list. The recognition stood on 31 December 2025, and still does for that year.
#[test]
fn a_recognition_undone_after_the_year_still_stands_for_that_year() {
    use exemplar::domain::outcomes::{
        kind_stage_counts, recognised_by, recognition_by, undo_step, UndoTarget,
    };
    let mut st = sample_city(2026);
    let end = "2025-12-31";
    // Every outcome stands now as its fields say.
    for o in &st.outcomes {
        assert_eq!(recognised_by(o, "9999-12-31"), o.recognised, "{}", o.title);
    }
    let o = st
        .outcomes
        .iter()
        .find(|o| o.date.starts_with("2025") && recognised_by(o, end))
        .expect("the sample has a 2025 outcome recognised in 2025")
        .clone();
    let before = kind_stage_counts(&st, 2025, end);
    let row_of = |st: &AppState| {
        let (_, tables) = ExportList::Outcomes
            .tables_at(st, Some(2025), None, Some("2026-12-03"))
            .unwrap();
        let t = &tables[0];
        let col = |h: &str| t.columns.iter().position(|c| c.header == h).unwrap();
        let (title, yes, on) = (col("成果名称"), col("认定为创新成果"), col("认定日期"));
        t.rows
            .iter()
            .find(|r| r[title] == exemplar::domain::office::Cell::Text(o.title.clone()))
            .map(|r| (r[yes].clone(), r[on].clone()))
            .expect("listed")
    };
    let listed = row_of(&st);
    undo_step(
        &mut st,
        &o.id,
        UndoTarget::Recognise,
        "2026-12-01",
        "经复核不属于创新成果",
        "2026-12-01T09:00:00Z",
    )
    .expect("undone");
    let now = st.outcomes.iter().find(|x| x.id == o.id).expect("held");
    assert!(!now.recognised);
    assert!(recognised_by(now, end), "it stood on 2025-12-31");
    assert!(!recognised_by(now, "2026-12-01"));
    assert_eq!(recognition_by(now, end), recognition_by(&o, end));
    assert_eq!(
        kind_stage_counts(&st, 2025, end).recognised,
        before.recognised
    );
    assert_eq!(row_of(&st), listed);
}

#[test]
fn a_past_years_outcomes_are_listed_at_the_stage_they_had_reached_at_its_end() {
    // A clerk's review: the 2025 成果 file counted a 本系统推广 of January 2026, while
    // the 报表 counted that outcome as 已反馈 on 31 December 2025.
    use exemplar::domain::outcomes::{stage, stage_on};
    let st = sample_city(2026);
    let end = "2025-12-31";
    let (_, tables) = ExportList::Outcomes
        .tables_at(&st, Some(2025), None, Some("2026-12-03"))
        .unwrap();
    let t = &tables[0];
    assert!(t.title.ends_with("（截至2025-12-31）"), "{}", t.title);
    let col = t.columns.iter().position(|c| c.header == "阶段").unwrap();
    let of_year: Vec<_> = st
        .outcomes
        .iter()
        .filter(|o| o.date.starts_with("2025"))
        .collect();
    assert!(
        of_year.iter().any(|o| stage_on(o, end) != stage(o)),
        "the sample has a 2025 outcome that moved on in 2026"
    );
    let mut listed: Vec<String> = t
        .rows
        .iter()
        .map(|r| match &r[col] {
            exemplar::domain::office::Cell::Text(s) => s.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    let mut expected: Vec<String> = of_year
        .iter()
        .map(|o| stage_on(o, end).label().to_string())
        .collect();
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected);
    // Nor a step, a 认定 or a 表彰 of after that day (the re-test: a 2026 推广 date, a
    // 2026 表彰 and a 2026 认定 stood in the 2025 file beside 阶段 已反馈).
    use exemplar::domain::office::Cell;
    for row in &t.rows {
        for cell in &row[7..] {
            match cell {
                Cell::Date(d) => assert!(d.as_str() <= end, "{d} in {row:?}"),
                Cell::Text(s) => assert!(!s.contains("2026-"), "{s} in {row:?}"),
                _ => {}
            }
        }
    }
    let recognised_col = t
        .columns
        .iter()
        .position(|c| c.header == "认定为创新成果")
        .unwrap();
    let recognised = t
        .rows
        .iter()
        .filter(|r| r[recognised_col] == Cell::Text("是".into()))
        .count();
    let counts = exemplar::domain::outcomes::kind_stage_counts(&st, 2025, end);
    assert_eq!(recognised, counts.recognised, "the 报表's count");
    assert!(
        of_year
            .iter()
            .any(|o| o.recognised && !exemplar::domain::outcomes::recognised_by(o, end)),
        "the sample has a 2025 outcome recognised in 2026"
    );
}

#[test]
fn a_unit_scored_from_an_incomplete_round_is_marked_in_the_ranking_file() {
    let mut st = sample_city(2026);
    let rid = latest(&st).id.clone();
    let round = st.rounds.iter_mut().find(|r| r.id == rid).unwrap();
    let sheet = round
        .sheets
        .iter_mut()
        .find(|sh| matches!(sh.source, SheetSource::Assessor(_)))
        .unwrap();
    sheet.points[0] = None;
    let blanked = sheet.unit_id.clone();
    let report = round_report(&st, &rid).unwrap();
    let rows = ranking_rows(&report);
    let csv = tables_csv(&[ranking_table(&report)]);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    let at = rows.iter().position(|r| r.unit_id == blanked).unwrap();
    assert!(rows[at].total.is_some(), "still graded from what came in");
    assert!(
        lines[1 + at].contains(report::INCOMPLETE_NOTE),
        "{}",
        lines[1 + at]
    );
    let others = lines[1..=rows.len()]
        .iter()
        .enumerate()
        .filter(|(i, l)| *i != at && l.contains(report::INCOMPLETE_NOTE))
        .count();
    assert_eq!(others, 0, "only the unit with a blank is marked");
}

#[test]
fn a_ranking_not_the_published_one_says_so_in_its_name_on_every_page_and_under_the_table() {
    use exemplar::domain::publishing::set_published;
    let mut st = sample_city(2026);
    let rid = latest(&st).id.clone();
    set_published(&mut st, &rid, false, "2026-12-01T09:00:00Z").unwrap();
    let marked = |st: &AppState, mark: &str| {
        let (stem, tables) = ExportList::Ranking.tables(st, Some(&rid)).unwrap();
        assert_eq!(stem, format!("{}-排名表（草稿）", latest(st).name));
        assert!(
            tables[0].title.ends_with(&format!("（{mark}）")),
            "{}",
            tables[0].title
        );
        let csv = tables_csv(&tables);
        assert!(csv.contains(&format!("{mark}。正式的分数、等次和排名以工委发布的为准。")));
        let xlsx = workbook(&tables).unwrap();
        assert!(
            part(&xlsx, "xl/worksheets/sheet1.xml").contains(mark),
            "the page header"
        );
    };
    marked(&st, "草稿：结果尚未发布");
    set_published(&mut st, &rid, true, "2026-12-02T09:00:00Z").expect("the sample round publishes");
    let (stem, tables) = ExportList::Ranking.tables(&st, Some(&rid)).unwrap();
    assert_eq!(stem, format!("{}-排名表", latest(&st).name));
    assert!(!tables_csv(&tables).contains("草稿"));
    // The judges' sheets: unmarked before publication and as published.
    let sheets_marked = |st: &AppState| {
        let (stem, tables) = ExportList::AssessorSheets.tables(st, Some(&rid)).unwrap();
        let all = tables
            .iter()
            .all(|t| t.title.ends_with("（草稿：与已发布的结果不同）"));
        let none = tables.iter().all(|t| !t.title.contains("草稿"));
        assert!(all || none, "every sheet or none");
        assert_eq!(stem.ends_with("（草稿）"), all);
        all
    };
    assert!(!sheets_marked(&st));
    // A recognised outcome withdrawn, or any score changed, after publication.
    let round = st.rounds.iter_mut().find(|r| r.id == rid).unwrap();
    let first = round.unit_ids[0].clone();
    for sheet in round.sheets.iter_mut().filter(|sh| sh.unit_id == first) {
        sheet.points.iter_mut().for_each(|p| *p = Some(Points(0)));
    }
    marked(&st, "草稿：与已发布的结果不同");
    // A clerk's review: the sheets a judge signs were unmarked beside the ranking.
    assert!(sheets_marked(&st));
}

/// A clerk's review: every unit had 2 assessors against the scheme's 3; 结果 and the
/// publication said 评委不足, the exported ranking did not. It says so under the table.
#[test]
fn the_ranking_says_under_the_table_which_units_had_too_few_assessors() {
    let st = sample_city(2026);
    let round = latest(&st);
    let mut report = round_report(&st, &round.id).unwrap();
    let said = |report: &report::RoundReport| {
        ranking_table(report).footer.iter().flatten().any(
            |c| matches!(c, exemplar::domain::office::Cell::Text(t) if t.starts_with("评委不足：")),
        )
    };
    assert_eq!(said(&report), !report.short_of_assessors().is_empty());
    report.min_assessors = 99;
    assert!(said(&report), "every unit short of 99 assessors");
    let csv = tables_csv(&[ranking_table(&report)]);
    assert!(csv.contains("评委不足："), "in the CSV too");
}
