//! 报表's print views (issue 12): the roster as printed, with each unit's recent grades,
//! and the order of every report card of a round.

use exemplar::domain::office::Cell;
use exemplar::domain::report::{round_report, unit_trend};
use exemplar::domain::reports::prints::{card_units, grade_years, roster_print_table};
use exemplar::domain::sample::sample_city;

#[test]
fn the_roster_prints_every_unit_with_its_grade_of_each_recent_year() {
    let st = sample_city(2026);
    let mut years: Vec<u16> = st.rounds.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    // The sample has at most three round years, so all of them are shown.
    assert!(years.len() <= 3);
    assert_eq!(grade_years(&st, 2026), years);
    let t = roster_print_table(&st, 2026, "2026-12-01");
    let heads: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    let mut want = vec![
        "序号",
        "单位",
        "系统/行业",
        "组织类型",
        "责任人",
        "联系方式",
        "入选年份",
        "状态",
        "授牌日期",
        "牌匾编号",
    ];
    // The sample's 2026 round is not published: its heading (repeated on every printed
    // page) says so, as each unit's trend does.
    let grade_heads: Vec<String> = years
        .iter()
        .map(|y| {
            let published = st.rounds.iter().any(|r| r.year == *y && r.published);
            if published {
                format!("{y}年等次")
            } else {
                format!("{y}年等次（草稿，未发布）")
            }
        })
        .collect();
    assert!(grade_heads.contains(&"2026年等次（草稿，未发布）".to_string()));
    let first = &st.units[0].id;
    let drafts: Vec<(u16, Option<&str>)> = unit_trend(&st, first, 2026)
        .iter()
        .map(|p| (p.year, p.draft))
        .collect();
    assert!(
        drafts.contains(&(2026, Some("草稿：结果尚未发布"))),
        "{drafts:?}"
    );
    assert!(drafts.contains(&(2025, None)), "{drafts:?}");
    want.extend(grade_heads.iter().map(String::as_str));
    assert_eq!(heads, want);
    assert_eq!(t.rows.len(), st.units.len());
    for (i, (row, u)) in t.rows.iter().zip(&st.units).enumerate() {
        assert_eq!(row[0], Cell::Number((i + 1) as f64));
        assert_eq!(row[1], Cell::Text(u.name.clone()));
        assert_eq!(row[7], Cell::Text(u.status.label().to_string()));
        // The grade of each year, read through the unit's trend (the report card's path).
        let trend = unit_trend(&st, &u.id, 2026);
        for (k, y) in years.iter().enumerate() {
            let want = match trend.iter().find(|p| p.year == *y) {
                Some(p) => Cell::Text(p.grade.map_or("未评定", |g| g.label()).to_string()),
                None => Cell::Empty,
            };
            assert_eq!(row[10 + k], want, "{} in {y}", u.name);
        }
    }
    // The published 2025 round changed since (a sheet emptied): its heading says the
    // grades differ from those published, not that they never were.
    let mut changed = st.clone();
    let r2025 = changed
        .rounds
        .iter_mut()
        .find(|r| r.year == 2025)
        .expect("the 2025 round");
    assert!(r2025.published);
    let first_unit = r2025.unit_ids[0].clone();
    for sheet in r2025.sheets.iter_mut().filter(|s| s.unit_id == first_unit) {
        sheet
            .points
            .iter_mut()
            .for_each(|p| *p = Some(exemplar::domain::Points(0)));
    }
    let heads: Vec<String> = roster_print_table(&changed, 2026, "2026-12-01")
        .columns
        .iter()
        .map(|c| c.header.clone())
        .collect();
    assert!(
        heads.contains(&"2025年等次（草稿，与已发布的不同）".to_string()),
        "{heads:?}"
    );
    // A unit graded on scores not all in says so in the printed roster (a clerk's first
    // day: 18 of 22 items blank printed as plain 不合格).
    let mut blanks = st.clone();
    let r2026 = blanks
        .rounds
        .iter_mut()
        .find(|r| r.year == 2026)
        .expect("the 2026 round");
    let some_unit = r2026.unit_ids[0].clone();
    let mut emptied = 0;
    for sheet in r2026.sheets.iter_mut().filter(|s| s.unit_id == some_unit) {
        if let Some(p) = sheet.points.get_mut(1) {
            *p = None;
            emptied += 1;
        }
    }
    assert!(emptied > 0);
    let printed = roster_print_table(&blanks, 2026, "2026-12-01");
    let k = years.iter().position(|y| *y == 2026).expect("2026 shown");
    let row = printed
        .rows
        .iter()
        .find(|r| r[1] == Cell::Text(blanks.unit(&some_unit).expect("held").name.clone()))
        .expect("printed");
    match &row[10 + k] {
        Cell::Text(t) => assert!(t.ends_with("（评分不全）"), "{t}"),
        other => panic!("{other:?}"),
    }
    // 2025 as it stood at its end: not the units that entered in 2026.
    let past = roster_print_table(&st, 2025, "2025-12-31");
    let entered_later = st.units.iter().filter(|u| u.entered_year > 2025).count();
    assert!(entered_later > 0);
    assert_eq!(past.rows.len(), st.units.len() - entered_later);
    // A year before every round shows no grade columns.
    let first = years[0];
    assert!(grade_years(&st, first - 1).is_empty());
}

#[test]
fn the_printed_roster_and_the_exported_one_agree_on_plaques() {
    use exemplar::domain::office::tables::roster_tables_at;
    use exemplar::domain::UnitStatus;
    let st = sample_city(2026);
    for (year, reference) in [(2026, "2026-12-01"), (2025, "2025-12-31")] {
        let printed = roster_print_table(&st, year, reference);
        let exported = &roster_tables_at(&st, Some(reference))[0];
        assert_eq!(printed.rows.len(), exported.rows.len());
        for (p, e) in printed.rows.iter().zip(&exported.rows) {
            assert_eq!(p[1], e[0]);
            // 授牌日期 and 牌匾编号: columns 8–9 printed, 7–8 exported.
            assert_eq!((&p[8], &p[9]), (&e[7], &e[8]), "{:?} on {reference}", p[1]);
        }
    }
    // The sample has a 摘牌 unit that once held a plaque: neither shows it as held.
    let gone = st
        .units
        .iter()
        .find(|u| u.status == UnitStatus::Delisted && u.plaque_no.is_some())
        .expect("a delisted unit with its former plaque");
    let printed = roster_print_table(&st, 2026, "2026-12-01");
    let row = printed
        .rows
        .iter()
        .find(|r| r[1] == Cell::Text(gone.name.clone()))
        .expect("printed");
    assert_eq!(
        (&row[8], &row[9]),
        (&Cell::Empty, &Cell::Text(String::new()))
    );
}

#[test]
fn only_the_latest_three_years_of_grades() {
    let mut st = sample_city(2026);
    let base = st.rounds[0].clone();
    for (i, y) in [2019u16, 2020, 2021].into_iter().enumerate() {
        let mut r = base.clone();
        r.id = format!("old{i}");
        r.year = y;
        st.rounds.push(r);
    }
    // Rounds in 2019–2021 and the sample's: the latest three up to 2021 are 2019–2021.
    assert_eq!(grade_years(&st, 2021), [2019, 2020, 2021]);
    assert_eq!(grade_years(&st, 2020), [2019, 2020]);
}

#[test]
fn every_unit_of_the_round_gets_a_card_in_ranking_order() {
    let st = sample_city(2026);
    let round = st.rounds.iter().max_by_key(|r| r.year).unwrap();
    let report = round_report(&st, &round.id).unwrap();
    let ids = card_units(&report);
    assert_eq!(ids.len(), round.unit_ids.len());
    // Graded units first, by rank (never decreasing), then the ungraded.
    let ranks: Vec<Option<u32>> = ids
        .iter()
        .map(|id| report.results.unit(id).unwrap().rank)
        .collect();
    let graded = ranks.iter().take_while(|r| r.is_some()).count();
    assert!(ranks[graded..].iter().all(Option::is_none));
    assert!(ranks[..graded].windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_report_card_lists_at_most_six_outcomes_recognised_first() {
    use exemplar::domain::outcomes::unit_outcomes_of_year;
    use exemplar::domain::report::{card_outcomes, CARD_OUTCOMES};
    let st = sample_city(2026);
    let one = st
        .units
        .iter()
        .flat_map(|u| unit_outcomes_of_year(&st, &u.id, 2026))
        .next()
        .expect("the sample has outcomes in 2026");
    // Nine outcomes of one year, the two recognised ones dated last.
    let rows: Vec<_> = (1..=9)
        .map(|k| {
            let mut o = one.clone();
            o.id = format!("o{k}");
            o.date = format!("2026-0{k}-01");
            o.recognised = k >= 8;
            o
        })
        .collect();
    let (shown, more) = card_outcomes(rows.clone());
    assert_eq!((shown.len(), more), (CARD_OUTCOMES, 3));
    let ids: Vec<&str> = shown.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["o8", "o9", "o1", "o2", "o3", "o4"]);
    // A few are all shown.
    let (shown, more) = card_outcomes(rows[..4].to_vec());
    assert_eq!((shown.len(), more), (4, 0));
}
