//! The year's lists as office files (issue 12): 年度成果, 年度整改事项, 年度结对及活动,
//! 年度保障投入 and 年度督导记录. Each workbook is opened with calamine (independent of
//! the writer) and checked against a small fixture whose expected values are worked
//! out by hand in the comments.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use exemplar::domain::between_rounds::rectification;
use exemplar::domain::dates::add_days;
use exemplar::domain::office::csv::tables_csv;
use exemplar::domain::office::tables::ExportList;
use exemplar::domain::office::xlsx::workbook;
use exemplar::domain::sample::sample_city;
use exemplar::domain::*;
use serde_json::json;

/// Two units, a 2026 round, and records in 2024–2027 so that each list has something
/// to leave out.
fn fixture() -> AppState {
    let unit = |id: &str, name: &str, sector: &str| {
        json!({"id": id, "name": name, "sector": sector, "org_type": "Branch",
               "entered_year": 2024, "status": "Named"})
    };
    serde_json::from_value(json!({
        "units": [unit("u1", "甲支部", "教育系统"), unit("u2", "乙支部", "经济系统")],
        "rounds": [{"id": "r26", "name": "2026年度考评", "year": 2026, "scheme_id": "s",
                    "unit_ids": [], "assessors": []}],
        "outcomes": [
            {"id": "o1", "unit_id": "u1", "title": "红色课堂", "date": "2026-03-05",
             "kind": "Practice", "innovations": ["Method", "Vehicle"],
             "filed_on": "2026-03-20", "feedback_on": "2026-04-01",
             "promotion": "Municipal", "promoted_on": "2026-05-01", "recognised": true,
             "path": {"filing_no": "备〔2026〕1号", "system_on": "2026-04-15",
                      "recognition_doc_no": "工委〔2026〕9号"}},
            {"id": "o2", "unit_id": "u2", "title": "制度汇编", "date": "2026-01-10",
             "kind": "Institutional", "promotion": "OwnUnit"},
            {"id": "o3", "unit_id": "u1", "title": "旧成果", "date": "2025-06-01",
             "kind": "Theoretical", "promotion": "OwnUnit"}
        ],
        "rectifications": [
            {"id": "k1", "unit_id": "u1", "category": "WeakGuidance", "description": "台账不全",
             "owner": "李明", "deadline": "2026-06-30", "status": "Open", "source": "Visit",
             "visit_id": "v1",
             "progress": [{"date": "2026-06-10", "note": "正在落实"},
                          {"date": "2026-05-01", "note": "已制定方案"}]},
            {"id": "k2", "unit_id": "u2", "category": "Other", "description": "阵地陈旧",
             "deadline": "2025-10-01", "status": "InProgress"},
            {"id": "k3", "unit_id": "u2", "category": "Other", "description": "早已销号",
             "deadline": "2025-05-01", "status": "Closed",
             "closure": {"date": "2025-04-20", "evidence": "验收记录"}},
            {"id": "k4", "unit_id": "u1", "category": "ShowNotModel", "description": "示而不范",
             "deadline": "2026-03-01", "status": "Closed", "source": "Evaluation",
             "closure": {"date": "2026-02-20", "evidence": "整改报告"}}
        ],
        "pairings": [
            {"id": "p1", "site_id": "u1", "partner_name": "丙社区党委", "start": "2025-09-01",
             "goals": "共建阵地",
             "activities": [
                {"date": "2026-08-15", "title": "现场观摩", "form": "SiteVisit"},
                {"date": "2025-10-01", "title": "启动会"},
                {"date": "2026-02-01", "title": "联学党课", "form": "JointStudy",
                 "participants": "两支部党员", "result": "形成学习计划"}
             ]},
            {"id": "p2", "site_id": "u2", "partner_unit_id": "u1", "partner_name": "甲支部",
             "start": "2024-01-01", "status": "Ended",
             "activities": [{"date": "2024-05-01", "title": "交流"}]},
            {"id": "p3", "site_id": "u2", "partner_name": "丁企业党支部", "start": "2027-01-05"}
        ],
        "resources": [
            {"id": "e1", "unit_id": "u1", "year": 2026, "funds": 3.5, "activity_funds": 1.25,
             "staff": 2, "part_time_staff": 3, "premises": true, "premises_area": 120},
            {"id": "e2", "unit_id": "u2", "year": 2026, "funds": 10, "activity_funds": 0,
             "staff": 1},
            {"id": "e3", "unit_id": "u1", "year": 2025, "funds": 99, "activity_funds": 0,
             "staff": 9}
        ],
        "guidance_visits": [
            {"id": "v1", "unit_id": "u1", "more_units": ["u2"], "date": "2026-04-10",
             "by": "王强", "form": "Guidance", "looked_at": ["Premises", "Records"],
             "other_check": "看资料", "findings": "台账不全", "advice": "完善台账",
             "follow_up": "已回访"},
            {"id": "v2", "unit_id": "u2", "date": "2025-12-01", "by": "赵敏"}
        ]
    }))
    .expect("the fixture reads")
}

fn sheets(list: ExportList, st: &AppState, today: Option<&str>) -> (String, Xlsx<Cursor<Vec<u8>>>) {
    let (stem, tables) = list
        .tables_at(st, None, Some("r26"), today)
        .expect("tables");
    let bytes = workbook(&tables).expect("a workbook");
    (
        stem,
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens it"),
    )
}

fn rows(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(sheet).expect("the sheet");
    range.rows().map(|r| r.to_vec()).collect()
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

/// A date cell as `YYYY-MM-DD` (Excel's serial: days since 1899-12-30; 2000-01-01 is
/// 36526).
fn day(d: &Data) -> String {
    match d {
        Data::DateTime(dt) => add_days("2000-01-01", dt.as_f64() as i64 - 36526).unwrap(),
        other => panic!("expected a date, got {other:?}"),
    }
}

fn header(r: &[Data]) -> Vec<String> {
    r.iter().map(text).collect()
}

fn empty(d: &Data) -> bool {
    matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.is_empty())
}

#[test]
fn the_years_outcomes_with_their_path_dates_as_dates() {
    let (stem, mut wb) = sheets(ExportList::Outcomes, &fixture(), None);
    assert_eq!(stem, "2026年度成果");
    assert_eq!(wb.sheet_names(), ["成果"]);
    let r = rows(&mut wb, "成果");
    assert_eq!(
        header(&r[0]),
        [
            "单位",
            "系统/行业",
            "成果名称",
            "类别",
            "创新类型",
            "日期",
            "阶段",
            "备案日期",
            "备案编号",
            "反馈日期",
            "反馈意见",
            "本系统推广日期",
            "市直机关推介日期",
            "认定为创新成果",
            "认定日期",
            "认定文号",
            "反馈至推介天数",
            "表彰/奖励"
        ]
    );
    // 2025's 旧成果 is left out; 制度汇编 (01-10) comes before 红色课堂 (03-05).
    assert_eq!(r.len(), 3);
    assert_eq!(text(&r[1][2]), "制度汇编");
    assert_eq!(text(&r[1][6]), "已登记");
    assert!(empty(&r[1][7]) && empty(&r[1][16]));
    let o1 = &r[2];
    assert_eq!(text(&o1[0]), "甲支部");
    assert_eq!(text(&o1[1]), "教育系统");
    assert_eq!(text(&o1[3]), "实践成果");
    assert_eq!(text(&o1[4]), "方法创新、载体创新");
    assert_eq!(day(&o1[5]), "2026-03-05");
    assert_eq!(text(&o1[6]), "市直机关推介");
    assert_eq!(day(&o1[7]), "2026-03-20");
    assert_eq!(text(&o1[8]), "备〔2026〕1号");
    assert_eq!(day(&o1[11]), "2026-04-15");
    assert_eq!(day(&o1[12]), "2026-05-01");
    assert_eq!(text(&o1[13]), "是");
    // 反馈 2026-04-01 → 推介 2026-05-01: 30 days (April has 30).
    assert_eq!(number(&o1[16]), 30.0);
}

#[test]
fn the_years_rectification_items_with_days_overdue_at_the_reference_date() {
    let st = fixture();
    let (stem, mut wb) = sheets(ExportList::Rectification, &st, None);
    assert_eq!(stem, "2026年度整改事项");
    assert_eq!(wb.sheet_names(), ["整改事项"]);
    let r = rows(&mut wb, "整改事项");
    assert_eq!(
        header(&r[0]),
        [
            "单位",
            "问题类别",
            "问题描述",
            "来源",
            "责任人",
            "整改期限",
            "当前状态",
            "逾期天数（截至2026-12-31）",
            "逾期后延期",
            "最近进展",
            "销号日期",
            "销号依据",
            "逾期销号天数"
        ]
    );
    // k3 (due 2025, closed) is left out; k2 (due 2025, still open) is carried over.
    // By deadline: k2 2025-10-01, k4 2026-03-01, k1 2026-06-30.
    let names: Vec<String> = r[1..].iter().map(|x| text(&x[2])).collect();
    assert_eq!(names, ["阵地陈旧", "示而不范", "台账不全"]);
    // k2: 2025-10-01 → 2025-12-31 is 30+30+31 = 91 days, plus 365 for 2026 = 456.
    assert_eq!(number(&r[1][7]), 456.0);
    assert_eq!(text(&r[1][6]), "整改中");
    // k4 is closed: not overdue; its closure is a date and its evidence text.
    assert!(empty(&r[2][7]));
    assert_eq!(day(&r[2][10]), "2026-02-20");
    assert_eq!(text(&r[2][11]), "整改报告");
    assert!(empty(&r[2][12]), "closed before its deadline");
    assert_eq!(text(&r[2][3]), "考评发现");
    // k1: 2026-06-30 → 2026-12-31 is 31+31+30+31+30+31 = 184 days; the latest note.
    assert_eq!(number(&r[3][7]), 184.0);
    assert_eq!(day(&r[3][5]), "2026-06-30");
    assert_eq!(text(&r[3][1]), "指导不够有力");
    assert_eq!(text(&r[3][3]), "督导发现");
    assert_eq!(text(&r[3][9]), "2026-06-10 正在落实");
    // While the year runs, overdue is counted at today: 2026-07-10 is 10 days past k1's.
    let (_, mut wb) = sheets(ExportList::Rectification, &st, Some("2026-07-10"));
    let r = rows(&mut wb, "整改事项");
    assert_eq!(text(&r[0][7]), "逾期天数（截至2026-07-10）");
    assert_eq!(number(&r[3][7]), 10.0);
}

#[test]
fn an_item_put_off_into_next_year_or_closed_years_late_stays_on_the_year_it_was_handled_in() {
    let mut st = fixture();
    let item = |id: &str, description: &str, deadline: &str| -> Rectification {
        serde_json::from_value(json!({
            "id": id, "unit_id": "u1", "category": "Other", "description": description,
            "deadline": deadline, "status": "InProgress"
        }))
        .expect("an item")
    };
    // Due 2026-03-02, overdue, put off on 2026-12-04 to 2027-03-31.
    let mut put_off = item("k5", "延期到明年", "2027-03-31");
    put_off.progress.push(ProgressNote {
        date: "2026-12-04".into(),
        note: "整改期限由 2026-03-02 改为 2027-03-31".into(),
        kind: NoteKind::Deadline,
        moved_from: Some("2026-03-02".into()),
    });
    // Due 2020, closed in 2026.
    let mut late = item("k6", "多年后销号", "2020-01-01");
    late.status = RectificationStatus::Closed;
    late.closure = Some(Closure {
        date: "2026-12-04".into(),
        evidence: "验收记录".into(),
        by: "committee".into(),
    });
    // Due next year and not touched this year: next year's.
    let next = item("k7", "明年到期", "2027-06-30");
    st.rectifications.extend([put_off, late, next]);
    let (_, mut wb) = sheets(ExportList::Rectification, &st, None);
    let r = rows(&mut wb, "整改事项");
    let names: Vec<String> = r[1..].iter().map(|x| text(&x[2])).collect();
    // A clerk's review: a closure years after the deadline read only 已销号.
    assert_eq!(number(&r[1][12]), 2529.0, "closed 2529 days late");
    // Put off 277 days after it had passed: said, as the list on screen marks it.
    let k5 = r[1..]
        .iter()
        .find(|x| text(&x[2]) == "延期到明年")
        .expect("k5");
    assert_eq!(text(&k5[8]), "原整改期限 2026-03-02 逾期277天后延期");
    assert_eq!(
        names,
        [
            "多年后销号",
            "阵地陈旧",
            "示而不范",
            "台账不全",
            "延期到明年"
        ]
    );
    // The one due 2020 and closed in 2026 was open all through 2025 (and 2021), so it
    // is on those lists too, not on 2027's; the one put off is on 2027's, not on 2025's
    // (it was first due in 2026).
    let k = |id: &str| st.rectifications.iter().find(|r| r.id == id).expect(id);
    assert!(rectification::in_year(k("k6"), 2025));
    assert!(rectification::in_year(k("k6"), 2021));
    assert!(!rectification::in_year(k("k6"), 2027));
    assert!(!rectification::in_year(k("k5"), 2025));
    assert!(rectification::in_year(k("k5"), 2027));
    assert!(!rectification::in_year(k("k7"), 2026));
    assert!(rectification::in_year(k("k7"), 2027));
}

/// A clerk's review: a 警示 confirmed on 2026-12-01 made an item due 2027-06-01, which
/// was then on no year's export until 2027. An item is on the list of the year it was
/// registered in too.
#[test]
fn an_item_registered_this_year_and_due_next_year_is_on_this_years_list() {
    let mut st = fixture();
    let id = rectification::add(
        &mut st,
        rectification::RectificationDraft {
            unit_id: "u1".into(),
            category: ProblemCategory::Other,
            source: ProblemSource::Warning,
            description: "按警示决定逐项整改".into(),
            owner: String::new(),
            deadline: "2027-06-01".into(),
            status: RectificationStatus::Open,
        },
        "2026-12-01T09:00:00+08:00",
    )
    .expect("added");
    let r = st.rectifications.iter().find(|r| r.id == id).expect("kept");
    assert_eq!(r.opened_on, "2026-12-01");
    assert!(rectification::in_year(r, 2026));
    assert!(rectification::in_year(r, 2027));
    assert!(!rectification::in_year(r, 2025));
    let (_, mut wb) = sheets(ExportList::Rectification, &st, None);
    let rows = rows(&mut wb, "整改事项");
    assert!(rows[1..]
        .iter()
        .any(|x| text(&x[2]) == "按警示决定逐项整改"));
}

/// A clerk's review: an item of a unit 摘牌 in the year, past its deadline and not
/// counted overdue, was listed without the （已摘牌） the list on screen shows.
#[test]
fn an_item_of_a_unit_that_left_is_marked_as_on_screen() {
    let mut st = fixture();
    rectification::add(
        &mut st,
        rectification::RectificationDraft {
            unit_id: "u1".into(),
            category: ProblemCategory::Other,
            source: ProblemSource::Other,
            description: "阵地建设滞后".into(),
            owner: String::new(),
            deadline: "2026-06-15".into(),
            status: RectificationStatus::Open,
        },
        "2026-03-01T09:00:00+08:00",
    )
    .expect("added");
    let u = st.units.iter_mut().find(|u| u.id == "u1").expect("u1");
    let name = u.name.clone();
    u.history.push(StatusChange {
        date: "2026-09-01".into(),
        from: u.status,
        to: UnitStatus::Delisted,
        reason: "整改不到位".into(),
        doc_no: "市直工委〔2026〕40号".into(),
    });
    u.status = UnitStatus::Delisted;
    let (_, mut wb) = sheets(ExportList::Rectification, &st, None);
    let rows = rows(&mut wb, "整改事项");
    let row = rows[1..]
        .iter()
        .find(|x| text(&x[2]) == "阵地建设滞后")
        .expect("listed");
    assert_eq!(text(&row[0]), format!("{name}（已摘牌）"));
    assert_eq!(row[7], Data::Empty, "not counted overdue");
}

#[test]
fn the_years_pairings_and_activities_in_two_sheets() {
    let (stem, mut wb) = sheets(ExportList::Pairings, &fixture(), None);
    assert_eq!(stem, "2026年度结对及活动");
    assert_eq!(wb.sheet_names(), ["结对", "结对活动"]);
    let p = rows(&mut wb, "结对");
    assert_eq!(
        header(&p[0]),
        [
            "示范点",
            "结对单位",
            "开始日期",
            "状态",
            "活跃情况",
            "结对目标",
            "本年活动次数",
            "本年最近活动",
            "结对单位进展"
        ]
    );
    // p2 ended with nothing in 2026 and p3 starts in 2027: only p1.
    assert_eq!(p.len(), 2);
    assert_eq!(text(&p[1][0]), "甲支部");
    assert_eq!(text(&p[1][1]), "丙社区党委");
    assert_eq!(day(&p[1][2]), "2025-09-01");
    assert_eq!(text(&p[1][3]), "进行中");
    // Two of its three activities are in 2026; the later is 08-15.
    assert_eq!(number(&p[1][6]), 2.0);
    assert_eq!(day(&p[1][7]), "2026-08-15");
    // 不活跃 as the 结对 page says it on the list's date (a clerk's review: the file
    // dropped the mark): under a 3-month setting, at the year's end, months after
    // 08-15; on 2026-09-01, not.
    assert_eq!(
        p[1][4],
        Data::Empty,
        "the default 6 months have not passed by 12-31"
    );
    let mut st = fixture();
    st.settings.idle_pairing_months = 3;
    let (_, mut late) = sheets(ExportList::Pairings, &st, None);
    assert_eq!(text(&rows(&mut late, "结对")[1][4]), "不活跃");
    let (_, mut early) = sheets(ExportList::Pairings, &st, Some("2026-09-01"));
    assert_eq!(rows(&mut early, "结对")[1][4], Data::Empty);
    let a = rows(&mut wb, "结对活动");
    assert_eq!(
        header(&a[0]),
        [
            "日期",
            "示范点",
            "结对单位",
            "形式",
            "内容",
            "参加人员",
            "成效",
            "备注"
        ]
    );
    assert_eq!(a.len(), 3);
    assert_eq!(day(&a[1][0]), "2026-02-01");
    assert_eq!(text(&a[1][3]), "联学共建");
    assert_eq!(text(&a[1][4]), "联学党课");
    assert_eq!(text(&a[1][6]), "形成学习计划");
    assert_eq!(day(&a[2][0]), "2026-08-15");
    assert_eq!(text(&a[2][3]), "现场观摩");
}

#[test]
fn the_years_resources_as_numbers_with_a_total_line() {
    let (stem, mut wb) = sheets(ExportList::Resources, &fixture(), None);
    assert_eq!(stem, "2026年度保障投入");
    assert_eq!(wb.sheet_names(), ["保障投入"]);
    let r = rows(&mut wb, "保障投入");
    assert_eq!(
        header(&r[0]),
        [
            "单位",
            "系统/行业",
            "党建工作经费（万元）",
            "活动经费（万元）",
            "专职党务干部（人）",
            "兼职党务干部（人）",
            "阵地",
            "阵地面积（平方米）",
            "备注"
        ]
    );
    // 2025's entry is left out; 乙 (10 万元) before 甲 (3.5 + 1.25 = 4.75).
    assert_eq!(text(&r[1][0]), "乙支部");
    assert_eq!(number(&r[1][2]), 10.0);
    assert_eq!(text(&r[1][6]), "无");
    assert!(empty(&r[1][7]));
    assert_eq!(text(&r[2][0]), "甲支部");
    assert_eq!(number(&r[2][2]), 3.5);
    assert_eq!(number(&r[2][3]), 1.25);
    assert_eq!(number(&r[2][4]), 2.0);
    assert_eq!(number(&r[2][5]), 3.0);
    assert_eq!(text(&r[2][6]), "有");
    assert_eq!(number(&r[2][7]), 120.0);
    // The last row: 合计 10 + 3.5 = 13.5, 0 + 1.25, staff 1 + 2, part-time 0 + 3.
    assert_eq!(r.len(), 4);
    let total = &r[3];
    assert_eq!(text(&total[0]), "合计（2个单位）");
    assert_eq!(number(&total[2]), 13.5);
    assert_eq!(number(&total[3]), 1.25);
    assert_eq!(number(&total[4]), 3.0);
    assert_eq!(number(&total[5]), 3.0);
    // In Excel each is a formula over the rows above, so a figure corrected in the
    // workbook is summed again; the CSV has the numbers.
    let formulas = wb.worksheet_formula("保障投入").expect("formulas");
    let f = |col: u32| formulas.get_value((3, col)).cloned().unwrap_or_default();
    assert_eq!(
        [f(2), f(3), f(4), f(5)],
        ["SUM(C2:C3)", "SUM(D2:D3)", "SUM(E2:E3)", "SUM(F2:F3)"]
    );
    assert_eq!(f(0), "");
    let (_, tables) = ExportList::Resources
        .tables_at(&fixture(), None, Some("r26"), None)
        .expect("tables");
    let csv = tables_csv(&tables);
    assert!(csv.contains("合计（2个单位）,,13.5,1.25,3,3,"), "{csv}");
}

#[test]
fn the_years_visits_with_every_unit_and_the_items_they_raised() {
    let (stem, mut wb) = sheets(ExportList::Visits, &fixture(), None);
    assert_eq!(stem, "2026年度督导记录");
    assert_eq!(wb.sheet_names(), ["督导"]);
    let r = rows(&mut wb, "督导");
    assert_eq!(
        header(&r[0]),
        [
            "督导日期",
            "被督导单位",
            "同次督导的其他单位",
            "督导形式",
            "督导人员",
            "督导内容",
            "发现问题",
            "指导意见",
            "跟进情况",
            "转为整改事项（项）"
        ]
    );
    // The joint visit is a line for each unit, each naming the other: a filter on
    // either unit finds it.
    assert_eq!(r.len(), 3);
    for (line, unit, other) in [(1, "甲支部", "乙支部"), (2, "乙支部", "甲支部")] {
        assert_eq!(day(&r[line][0]), "2026-04-10");
        assert_eq!(text(&r[line][1]), unit);
        assert_eq!(text(&r[line][2]), other);
        assert_eq!(text(&r[line][3]), "指导");
        assert_eq!(text(&r[line][5]), "看阵地、查台账、看资料");
        assert_eq!(text(&r[line][6]), "台账不全");
    }
    // k1, of 甲支部, came from v1: counted on 甲支部's line only.
    assert_eq!(number(&r[1][9]), 1.0);
    assert_eq!(number(&r[2][9]), 0.0);
}

#[test]
fn the_sample_city_exports_every_year_list_with_rows() {
    let st = sample_city(2026);
    let round = st.rounds.iter().max_by_key(|r| r.year).unwrap();
    let year = round.year;
    for list in ExportList::ALL.into_iter().filter(|l| l.is_year_list()) {
        let (stem, tables) = list.tables(&st, Some(&round.id)).unwrap();
        assert_eq!(stem, format!("{year}{}", list.label()));
        assert!(tables_csv(&tables).starts_with('\u{feff}'));
        assert!(
            !tables[0].rows.is_empty(),
            "{} has rows in the sample",
            list.label()
        );
        assert!(workbook(&tables).is_ok());
    }
    // The outcomes' rows are the sample's outcomes dated in the year, counted here.
    let want = st
        .outcomes
        .iter()
        .filter(|o| o.date.starts_with(&year.to_string()))
        .count();
    let (_, t) = ExportList::Outcomes.tables(&st, Some(&round.id)).unwrap();
    assert_eq!(t[0].rows.len(), want);
}

#[test]
fn a_year_without_a_round_still_exports_its_year_lists() {
    let mut st = sample_city(2026);
    // 2026 as if its round had not been set up yet.
    st.rounds.retain(|r| r.year != 2026);
    for list in ExportList::ALL {
        let out = list.tables_at(&st, Some(2026), None, Some("2026-12-03"));
        if list.needs_round() {
            assert!(out.is_err(), "{} needs the round", list.label());
            continue;
        }
        let (stem, tables) = out.unwrap_or_else(|e| panic!("{}: {e}", list.label()));
        // Every list of a year is named 2026年度…
        assert!(stem.starts_with("2026年度"), "{stem}");
        assert!(stem.ends_with(list.label()), "{stem}");
        assert!(!tables[0].rows.is_empty(), "{} has rows", list.label());
    }
}

#[test]
fn each_list_says_on_its_printed_pages_what_it_is_and_as_of_when() {
    // Printed from WPS, a page shows the list and the day it was made (the file name is
    // not printed); a list of two sheets names the sheet too.
    let st = fixture();
    let title = |list: ExportList| {
        list.tables_at(&st, None, Some("r26"), Some("2026-12-01T09:00:00Z"))
            .expect("tables")
            .1
            .into_iter()
            .map(|t| t.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        title(ExportList::Resources),
        ["2026年度保障投入（截至2026-12-01）"]
    );
    assert_eq!(
        title(ExportList::Pairings),
        [
            "2026年度结对及活动　结对（截至2026-12-01）",
            "2026年度结对及活动　结对活动（截至2026-12-01）"
        ]
    );
    // The ranking keeps its own title, with the round's name.
    let city = sample_city(2026);
    let round = city.rounds.iter().max_by_key(|r| r.year).unwrap();
    let (_, ranking) = ExportList::Ranking
        .tables_at(&city, None, Some(&round.id), Some("2026-12-01"))
        .expect("tables");
    assert!(
        ranking[0]
            .title
            .starts_with(&format!("{}　排名表", round.name))
            && ranking[0].title.ends_with("（截至2026-12-01）"),
        "{}",
        ranking[0].title
    );
    // The page header is in the workbook.
    let (_, tables) = ExportList::Visits
        .tables_at(&st, None, Some("r26"), Some("2026-12-01"))
        .expect("tables");
    let bytes = workbook(&tables).expect("a workbook");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut sheet,
    )
    .expect("text");
    assert!(
        sheet.contains("2026年度督导记录（截至2026-12-01）"),
        "{sheet}"
    );
}
