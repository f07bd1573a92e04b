//! Reproduces every figure of the worked examples in docs/scoring.md.

mod domain_support;

use domain_support::*;
use exemplar::domain::scoring::Dropped;
use exemplar::domain::*;

/// Example 1: trimmed mean, a blank, and the one rounding step.
#[test]
fn example_1_trimmed_mean_blank_and_rounding() {
    let mut r = round("r1", 2026, &["u1"], &["a1", "a2", "a3", "a4", "a5"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["36", "27", "25"]),
        sheet("u1", by("a2"), &["38", "28", "24.5"]),
        sheet("u1", by("a3"), &["35.5", "27.5", "26"]),
        sheet("u1", by("a4"), &["30", "26", "23"]),
        sheet("u1", by("a5"), &["39", "29.5", ""]),
    ]
    .into();
    let st = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![r],
        vec![],
    );
    let res = compute_round(&st, "r1").unwrap();
    let u = &res.units[0];

    let a = &u.indicators[0];
    assert!(a.trimmed);
    assert_eq!(a.aggregate.unwrap().rounded(), p("36.5"));
    assert!(a.aggregate.unwrap().is_exact_hundredths());
    let dropped: Vec<(&str, Dropped)> = a
        .sources
        .iter()
        .filter_map(|s| s.dropped.map(|d| (&*s.assessor_id, d)))
        .collect();
    assert_eq!(
        dropped,
        vec![("a4", Dropped::Lowest), ("a5", Dropped::Highest)]
    );

    let b = &u.indicators[1];
    assert!(b.trimmed);
    assert_eq!(b.aggregate.unwrap(), Exact::from_points(p("27.5")));

    let c = &u.indicators[2];
    assert!(!c.trimmed, "4 points are fewer than 5: plain mean");
    // 24.625 exactly (a fraction of hundredths), shown as 24.63.
    let c_exact = Exact::mean(&[Points(2462), Points(2463)]).unwrap();
    assert_eq!(c.aggregate.unwrap(), c_exact);
    assert_eq!(c.aggregate.unwrap().rounded(), p("24.63"));

    assert_eq!(
        u.raw_total,
        Exact::mean(&[Points(8862), Points(8863)]).unwrap(),
        "88.625 exactly"
    );
    assert_eq!(u.total, p("88.63"));
    assert_eq!(u.grade, Some(Grade::Good));
    assert_eq!(u.completeness.blanks, 1);
    assert_eq!(res.completeness.sheets_with_blanks.len(), 1);
    // The self-assessment was never sent: it shows as missing.
    assert_eq!(
        res.completeness.missing,
        vec![("u1".to_string(), SheetSource::SelfAssessment)]
    );
}

/// A sheet with every cell cleared (kept because it was sent in) is one not received,
/// as the round page and the grid say 未评: not "received, 3 blank" (a clerk's review
/// found the two wordings for one sheet).
#[test]
fn a_sheet_with_no_score_at_all_is_not_received() {
    let mut r = round("r1", 2026, &["u1"], &["a1", "a2"]);
    let mut empty = sheet("u1", by("a2"), &["", "", ""]);
    empty.submitted = true;
    let mut empty_self = sheet("u1", SheetSource::SelfAssessment, &["", "", ""]);
    empty_self.submitted = true;
    r.sheets = vec![
        sheet("u1", by("a1"), &["36", "27", "25"]),
        empty,
        empty_self,
    ]
    .into();
    let st = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![r],
        vec![],
    );
    let res = compute_round(&st, "r1").unwrap();
    let c = &res.units[0].completeness;
    assert_eq!(
        (c.expected_assessors, c.received_assessors, c.blanks),
        (2, 1, 0)
    );
    assert_eq!(c.missing_assessors, vec!["a2".to_string()]);
    assert!(!c.self_received);
    assert!(res.completeness.sheets_with_blanks.is_empty());
    assert_eq!(
        res.completeness.missing,
        vec![
            ("u1".to_string(), by("a2")),
            ("u1".to_string(), SheetSource::SelfAssessment)
        ]
    );
    assert_eq!(res.completeness.received_sheets, 1);
    assert_eq!(
        res.completeness.expected_sheets - res.completeness.missing.len(),
        res.completeness.received_sheets
    );
    // The one assessor's scores stand, unchanged by the empty sheet.
    assert_eq!(res.units[0].total, p("88"));
}

/// Example 2: bonus over the cap, deductions, and the innovation condition.
#[test]
fn example_2_bonus_cap_and_deductions() {
    let mut r = round("r1", 2026, &["u1"], &["a1", "a2", "a3"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["38", "28", "27"]),
        sheet("u1", by("a2"), &["37", "27", "28"]),
        sheet("u1", by("a3"), &["36", "26.5", "26"]),
    ]
    .into();
    r.adjustments = vec![
        adj("j1", "u1", AdjustmentKind::Bonus, "b2", 1),
        adj("j2", "u1", AdjustmentKind::Bonus, "b3", 1),
        adj("j3", "u1", AdjustmentKind::Bonus, "b6", 2),
        adj("j4", "u1", AdjustmentKind::Deduction, "k1", 2),
        adj("j5", "u1", AdjustmentKind::Deduction, "k3", 1),
    ];
    let with_outcome = state(
        vec![unit("u1", "乙支部", UnitStatus::Named)],
        vec![r],
        vec![outcome("o1", "u1", "2026-05-10", true)],
    );
    let res = compute_round(&with_outcome, "r1").unwrap();
    let u = &res.units[0];
    assert_eq!(
        u.indicators[0].aggregate.unwrap(),
        Exact::from_points(p("37"))
    );
    assert_eq!(u.indicators[1].aggregate.unwrap().rounded(), p("27.17"));
    assert_eq!(
        u.indicators[2].aggregate.unwrap(),
        Exact::from_points(p("27"))
    );
    assert_eq!(u.raw_total.rounded(), p("91.17"));
    assert_eq!(u.bonus_before_cap, p("11"));
    assert_eq!(u.bonus, p("10"));
    assert_eq!(u.deductions, p("5"));
    assert_eq!(u.total, p("96.17"));
    assert_eq!(u.grade, Some(Grade::Excellent));

    // Without a recognised outcome in 2026 (one from 2025 does not count): 良好.
    let mut without = with_outcome.clone();
    without.outcomes = vec![outcome("o1", "u1", "2025-12-31", true)].into();
    let u = compute_round(&without, "r1").unwrap().units[0].clone();
    assert_eq!(u.total, p("96.17"));
    assert_eq!(u.band_grade, Some(Grade::Excellent));
    assert_eq!(u.grade, Some(Grade::Good));
    assert!(u.grade_notes[0].contains("无经认定的创新成果"));
}

/// Example 3: a veto, a tie broken by the demonstration sum, and the 优秀 cap.
#[test]
fn example_3_veto_tie_and_excellent_cap() {
    let mut r = round("r1", 2026, &["w", "x", "y", "z"], &["a1"]);
    r.sheets = vec![
        sheet("w", by("a1"), &["38", "28", "27"]),
        sheet("x", by("a1"), &["37", "27", "28"]),
        sheet("y", by("a1"), &["38", "27", "27"]),
        sheet("z", by("a1"), &["36", "27", "27.5"]),
    ]
    .into();
    r.adjustments = vec![adj("j1", "w", AdjustmentKind::Veto, "v1", 1)];
    let units = vec![
        unit("w", "丁支部", UnitStatus::Named),
        unit("x", "戊支部", UnitStatus::Named),
        unit("y", "己支部", UnitStatus::Named),
        unit("z", "庚支部", UnitStatus::Named),
    ];
    let outcomes = ["w", "x", "y", "z"]
        .iter()
        .enumerate()
        .map(|(i, u)| outcome(&format!("o{i}"), u, "2026-03-01", true))
        .collect();
    let mut st = state(units, vec![r], outcomes);
    st.schemes[0].excellent_cap_pct = Some(25);
    let res = compute_round(&st, "r1").unwrap();
    assert_eq!(res.excellent_max, Some(1));
    let row = |id: &str| res.unit(id).unwrap();
    assert_eq!(row("w").total, p("93"));
    assert_eq!(row("x").total, p("92"));
    assert_eq!(row("y").total, p("92"));
    assert_eq!(row("z").total, p("90.5"));
    assert_eq!(row("x").demo_sum, Exact::from_points(p("55")));
    assert_eq!(row("y").demo_sum, Exact::from_points(p("54")));

    let table: Vec<(&str, u32, u32, Grade)> = res
        .ranking()
        .map(|u| {
            (
                u.unit_id.as_str(),
                u.rank.unwrap(),
                u.position.unwrap(),
                u.grade.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        table,
        vec![
            ("w", 1, 1, Grade::Fail),
            ("x", 2, 2, Grade::Excellent),
            ("y", 2, 3, Grade::Good),
            ("z", 4, 4, Grade::Good),
        ]
    );
    // The card's words: the tie is said, the rest not (a clerk's review: a tied unit's
    // card read as sole first).
    assert_eq!(res.rank_words("x"), "并列第2名（共4个已评定单位）");
    assert_eq!(res.rank_words("y"), "并列第2名（共4个已评定单位）");
    assert_eq!(res.rank_words("z"), "第4名（共4个已评定单位）");
    assert_eq!(res.rank_words("w"), "第1名（共4个已评定单位）");
    assert_eq!(res.rank_words("nobody"), "未评定（尚无评委评分）");
    assert!(res.is_tied("x") && res.is_tied("y") && !res.is_tied("z") && !res.is_tied("nobody"));
    assert!(row("w").grade_notes[0].contains("一票否决"));
    // Tied with x on the total: the note says so and what put it after (a clerk's
    // review: it read 按排名 with both at the same rank).
    assert_eq!(
        row("y").grade_notes[0],
        "与「戊支部」总分相同（并列第2名），示范带动类得分较低，排在其后；优秀比例上限25%（共1个名额）已满，评为良好"
    );
    // Not tied: the place went by the ranking.
    let mut z_only = st.clone();
    z_only.rounds[0].sheets.retain(|s| s.unit_id != "y");
    z_only.schemes[0].excellent_cap_pct = Some(34);
    let res = compute_round(&z_only, "r1").unwrap();
    assert_eq!(
        res.unit("z").unwrap().grade_notes,
        ["优秀比例上限34%（共1个名额）已满，按排名评为良好"]
    );
}

/// Example 4: the self-assessment weight.
#[test]
fn example_4_self_assessment_weight() {
    let mut r = round("r1", 2026, &["u1"], &["a1", "a2", "a3", "a4", "a5"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["36", "27", "25"]),
        sheet("u1", by("a2"), &["38", "28", "24.5"]),
        sheet("u1", by("a3"), &["35.5", "27.5", "26"]),
        sheet("u1", by("a4"), &["30", "26", "23"]),
        sheet("u1", by("a5"), &["39", "29.5", ""]),
        sheet("u1", SheetSource::SelfAssessment, &["40", "30", ""]),
    ]
    .into();
    let mut st = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![r],
        vec![],
    );
    st.schemes[0].aggregation.self_weight_pct = 20;
    let u = compute_round(&st, "r1").unwrap().units[0].clone();
    assert_eq!(
        u.indicators[0].aggregate.unwrap(),
        Exact::from_points(p("37.2"))
    );
    assert_eq!(
        u.indicators[1].aggregate.unwrap(),
        Exact::from_points(p("28"))
    );
    // No self score on C: the committee's 24.625 alone.
    assert_eq!(u.indicators[2].aggregate.unwrap().rounded(), p("24.63"));
    assert_eq!(u.total, p("89.83"));
    assert_eq!(u.grade, Some(Grade::Good));
}

/// Example 5: panels. Trimming counts the unit's own assessors, not the round's six.
#[test]
fn example_5_panels_trim_by_the_units_own_assessors() {
    let mut r = round(
        "r1",
        2026,
        &["u1", "u2"],
        &["a1", "a2", "a3", "a4", "a5", "a6"],
    );
    for a in &mut r.assessors[..3] {
        a.unit_ids = vec!["u1".into()];
    }
    r.assessors[5].unit_ids = vec!["u2".into()];
    r.sheets = vec![
        sheet("u1", by("a1"), &["36", "27", "25"]),
        sheet("u1", by("a2"), &["38", "28", "24.5"]),
        sheet("u1", by("a3"), &["35.5", "27.5", "26"]),
        sheet("u1", by("a4"), &["30", "26", "23"]),
        sheet("u1", by("a5"), &["39", "29.5", "27"]),
        sheet("u2", by("a4"), &["30", "24", "20"]),
        sheet("u2", by("a5"), &["38", "27", "26"]),
        sheet("u2", by("a6"), &["33", "25.5", "25"]),
    ]
    .into();
    let st = state(
        vec![
            unit("u1", "甲支部", UnitStatus::Named),
            unit("u2", "乙支部", UnitStatus::Named),
        ],
        vec![r],
        vec![],
    );
    let res = compute_round(&st, "r1").unwrap();
    let (jia, yi) = (&res.units[0], &res.units[1]);
    // 甲: 36.5 + 27.5 + 75.5/3 = 89.1666… → 89.17, every indicator trimmed.
    assert!(jia.indicators.iter().all(|i| i.trimmed));
    assert_eq!(jia.total, p("89.17"));
    // 乙: three points each, plain means: 101/3 + 25.5 + 71/3 = 82.8333… → 82.83.
    assert!(yi.indicators.iter().all(|i| !i.trimmed));
    assert_eq!(yi.total, p("82.83"));
    // Each unit expects only its panel: 5 and 3 sheets; only the two self-assessments
    // are missing.
    assert_eq!(jia.completeness.expected_assessors, 5);
    assert_eq!(yi.completeness.expected_assessors, 3);
    assert!(res
        .completeness
        .missing
        .iter()
        .all(|(_, s)| *s == SheetSource::SelfAssessment));
    assert_eq!(res.completeness.missing.len(), 2);
}
