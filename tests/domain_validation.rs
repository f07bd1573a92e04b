//! Every validation error kind: bad input gives the error (with a Chinese message
//! naming unit, indicator and value) and leaves the data exactly as it was.

mod domain_support;

use domain_support::*;
use exemplar::domain::lifecycle::{
    change_status, confirm_proposal, LifecycleError, Proposal, StatusChangeRequest,
};
use exemplar::domain::validation::{check_date, check_points_for, validate_scheme};
use exemplar::domain::*;

fn good_state() -> AppState {
    let mut r = round("r1", 2026, &["u1", "u2"], &["a1"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["36", "27", "25"]),
        sheet("u2", by("a1"), &["30", "20", ""]),
    ]
    .into();
    state(
        vec![
            unit("u1", "甲支部", UnitStatus::Named),
            unit("u2", "乙支部", UnitStatus::Named),
        ],
        vec![r],
        vec![outcome("o1", "u1", "2026-04-01", true)],
    )
}

/// Validates a changed copy; asserts the copy was not modified by validation and
/// returns the errors.
fn errors_of(bad: AppState) -> Vec<ValidationError> {
    let before = bad.clone();
    let errs = validate_state(&bad).unwrap_err();
    assert_eq!(bad, before, "validation must not change the data");
    // Scoring refuses too, and changes nothing.
    let _ = compute_round(&bad, "r1");
    assert_eq!(bad, before);
    errs
}

#[test]
fn the_good_state_is_valid() {
    validate_state(&good_state()).unwrap();
    compute_round(&good_state(), "r1").unwrap();
}

#[test]
fn points_out_of_range() {
    let mut st = good_state();
    st.rounds[0].sheets[0].points[0] = Some(p("41"));
    let errs = errors_of(st.clone());
    assert_eq!(
        errs,
        vec![ValidationError::PointsOutOfRange {
            unit: "甲支部".into(),
            indicator: "阵地与制度".into(),
            value: p("41"),
            max: p("40"),
        }]
    );
    assert_eq!(
        errs[0].to_string(),
        "单位「甲支部」指标「阵地与制度」的分值 41 超出范围（0–40）"
    );
    assert_eq!(
        compute_round(&st, "r1").unwrap_err(),
        ScoringError::Invalid(errs[0].clone())
    );
    // Negative too, and through check_points (the grid) without a unit.
    let scheme = scheme3();
    let e = check_points(&scheme, 1, p("-1")).unwrap_err();
    assert_eq!(e.to_string(), "指标「创建成果」的分值 -1 超出范围（0–30）");
    assert_eq!(scheme, scheme3());
}

#[test]
fn points_not_on_step() {
    let mut st = good_state();
    st.rounds[0].sheets[1].points[2] = Some(p("7.25"));
    let errs = errors_of(st);
    assert!(
        matches!(&errs[..], [ValidationError::PointsOffStep { unit, indicator, value, step }]
        if unit == "乙支部" && indicator == "结对带动" && *value == p("7.25") && *step == p("0.5"))
    );
    assert_eq!(
        errs[0].to_string(),
        "单位「乙支部」指标「结对带动」的分值 7.25 不是 0.5 的整数倍"
    );
    let scheme = scheme3();
    assert!(check_points_for("乙支部", &scheme, 2, p("7.5")).is_ok());
}

#[test]
fn unknown_indicator() {
    let mut st = good_state();
    st.rounds[0].sheets[0]
        .evidence
        .insert("Z9".into(), "见台账".into());
    let errs = errors_of(st);
    assert_eq!(
        errs,
        vec![ValidationError::UnknownIndicator {
            unit: "甲支部".into(),
            indicator: "Z9".into()
        }]
    );
    assert_eq!(
        errs[0].to_string(),
        "单位「甲支部」引用了方案中不存在的指标「Z9」"
    );
    let scheme = scheme3();
    let e = check_points(&scheme, 3, p("1")).unwrap_err();
    assert_eq!(e.to_string(), "引用了方案中不存在的指标「第4项」");
}

#[test]
fn duplicate_id() {
    let mut st = good_state();
    st.units[1].id = "u1".into();
    let errs = errors_of(st);
    assert!(errs.contains(&ValidationError::DuplicateId {
        kind: "单位".into(),
        id: "u1".into()
    }));
    assert!(errs.iter().any(|e| e.to_string() == "单位编号「u1」重复"));
    let mut st = good_state();
    st.schemes[0].dimensions[1].indicators[0].id = "A".into();
    let errs = errors_of(st);
    assert_eq!(errs[0].to_string(), "方案中的指标编号「A」重复");
}

#[test]
fn dangling_references() {
    let mut st = good_state();
    st.outcomes[0].unit_id = "u404".into();
    let errs = errors_of(st);
    assert_eq!(
        errs[0].to_string(),
        "成果「成果o1」引用的单位「u404」不存在"
    );

    let mut st = good_state();
    st.rounds[0].scheme_id = "s404".into();
    let errs = errors_of(st.clone());
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」引用的考评方案「s404」不存在"
    );
    assert!(matches!(
        compute_round(&st, "r1"),
        Err(ScoringError::SchemeNotFound { .. })
    ));

    let mut st = good_state();
    st.rounds[0].sheets[0].source = by("ghost");
    let errs = errors_of(st);
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」中单位「甲支部」的评分表引用的评委「ghost」不存在"
    );
}

#[test]
fn sheet_for_a_unit_not_in_the_round() {
    let mut st = good_state();
    st.units.push(unit("u3", "丙支部", UnitStatus::Named));
    st.rounds[0]
        .sheets
        .push(sheet("u3", by("a1"), &["1", "1", "1"]));
    let errs = errors_of(st);
    assert_eq!(
        errs,
        vec![ValidationError::SheetUnitNotInRound {
            round: "2026年度考评".into(),
            unit: "丙支部".into(),
            source_name: "评委「评委a1」".into(),
        }]
    );
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」中有单位「丙支部」的评委「评委a1」评分表，但该单位不在本轮考评名单中"
    );
}

#[test]
fn sheet_of_the_wrong_length() {
    let mut st = good_state();
    st.rounds[0].sheets[1].points.pop();
    let errs = errors_of(st);
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」中单位「乙支部」的评委「评委a1」评分表有 2 项分值，方案应为 3 项"
    );
}

#[test]
fn duplicate_sheet() {
    let mut st = good_state();
    let dup = st.rounds[0].sheets[0].clone();
    st.rounds[0].sheets.push(dup);
    let errs = errors_of(st);
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」中单位「甲支部」的评委「评委a1」评分表重复"
    );
}

#[test]
fn duplicate_sheet_outside_the_grid() {
    // Two sheets from an assessor who is not in the round: both dangle, and the second
    // is still found to be a duplicate (the path for sheets that have no grid cell).
    let mut st = good_state();
    let mut stray = st.rounds[0].sheets[0].clone();
    stray.source = SheetSource::Assessor("nobody".into());
    st.rounds[0].sheets.push(stray.clone());
    st.rounds[0].sheets.push(stray);
    let errs = errors_of(st);
    let texts: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.ends_with("「nobody」不存在"))
            .count(),
        2,
        "{texts:?}"
    );
    assert_eq!(
        texts.iter().filter(|t| t.ends_with("评分表重复")).count(),
        1,
        "{texts:?}"
    );
}

#[test]
fn bad_dates() {
    let mut st = good_state();
    st.outcomes[0].date = "2026/4/1".into();
    let errs = errors_of(st);
    assert_eq!(
        errs,
        vec![ValidationError::BadDate {
            what: "成果「成果o1」".into(),
            value: "2026/4/1".into()
        }]
    );
    assert_eq!(
        errs[0].to_string(),
        "成果「成果o1」的日期「2026/4/1」格式不正确，应为“年-月-日”，如 2026-03-15"
    );
    assert!(check_date("x", "2026-02-30").is_err());
}

#[test]
fn unknown_adjustment_item() {
    let mut st = good_state();
    st.rounds[0]
        .adjustments
        .push(adj("j1", "u2", AdjustmentKind::Bonus, "k1", 1));
    let errs = errors_of(st);
    assert_eq!(
        errs[0].to_string(),
        "考评轮次「2026年度考评」中单位「乙支部」登记的加分项目「k1」在方案中不存在"
    );
}

#[test]
fn bad_scheme() {
    let mut s = scheme3();
    s.dimensions[0].indicators[0].step = p("3");
    s.grade_bands.pass = p("95");
    s.aggregation.self_weight_pct = 120;
    let before = s.clone();
    let errs: Vec<String> = validate_scheme(&s).iter().map(|e| e.to_string()).collect();
    assert_eq!(s, before);
    assert_eq!(
        errs,
        vec![
            "考评方案「示例方案」有误：指标「阵地与制度」的满分 40 不是计分单位 3 的整数倍",
            "考评方案「示例方案」有误：合格分数线（95）不能高于良好分数线（80），请核对",
            "考评方案「示例方案」有误：自评权重 120% 超过 100%",
        ]
    );
}

#[test]
fn round_not_found() {
    let st = good_state();
    assert_eq!(
        compute_round(&st, "r9").unwrap_err().to_string(),
        "这个考评轮次已不存在（可能已被删除，编号「r9」），请在考评轮次中另选一个"
    );
}

#[test]
fn lifecycle_refusals_change_nothing() {
    let st = good_state();
    let req = |to, date: &str, reason: &str| StatusChangeRequest {
        to,
        date: date.into(),
        reason: reason.into(),
        doc_no: "市直机关工委〔2026〕1号".into(),
        plaque_no: None,
        rectify_by: None,
    };
    let cases: Vec<(&str, StatusChangeRequest, &str)> = vec![
        (
            "u404",
            req(UnitStatus::Warned, "2026-12-01", "理由"),
            "找不到单位「u404」",
        ),
        (
            "u1",
            req(UnitStatus::Candidate, "2026-12-01", "理由"),
            "单位「甲支部」不能从「已授牌」直接变更为「创建中」",
        ),
        (
            "u1",
            req(UnitStatus::Warned, "2026-13-01", "理由"),
            "单位「甲支部」状态变更的日期「2026-13-01」格式不正确，应为“年-月-日”，如 2026-03-15",
        ),
        (
            "u1",
            StatusChangeRequest {
                rectify_by: Some("2027-06-01".into()),
                ..req(UnitStatus::Warned, "2026-12-01", "  ")
            },
            "单位「甲支部」的状态变更需要填写理由",
        ),
        // Two fields empty: both named, one per line.
        (
            "u1",
            req(UnitStatus::Warned, "2026-12-01", "  "),
            "单位「甲支部」的状态变更需要填写理由\n给单位「甲支部」警示须定出整改期限",
        ),
        (
            "u1",
            StatusChangeRequest {
                doc_no: " ".into(),
                ..req(UnitStatus::Delisted, "2026-12-01", "理由")
            },
            "将单位「甲支部」变更为「摘牌」须依据工委的决定，请填写决定的文号",
        ),
        (
            "u1",
            req(UnitStatus::Warned, "2026-12-01", "理由"),
            "给单位「甲支部」警示须定出整改期限",
        ),
        (
            "u1",
            StatusChangeRequest {
                rectify_by: Some("2026-11-30".into()),
                ..req(UnitStatus::Warned, "2026-12-01", "理由")
            },
            "单位「甲支部」的整改期限「2026-11-30」不晚于警示日期「2026-12-01」：整改期限应在警示之后",
        ),
        (
            "u1",
            StatusChangeRequest {
                rectify_by: Some("2026-12-01".into()),
                ..req(UnitStatus::Warned, "2026-12-01", "理由")
            },
            "单位「甲支部」的整改期限「2026-12-01」不晚于警示日期「2026-12-01」：整改期限应在警示之后",
        ),
        (
            "u1",
            StatusChangeRequest {
                doc_no: "工委〔2027〕1号".into(),
                ..req(UnitStatus::Delisted, "2027-01-15", "理由")
            },
            "单位「甲支部」状态变更的日期 2027-01-15 晚于今天，请核对年份和月份（只能记录已经作出的决定）",
        ),
    ];
    for (unit_id, r, msg) in cases {
        let mut s = st.clone();
        let e = change_status(&mut s, unit_id, &r, "2026-12-01T09:00:00Z").unwrap_err();
        assert_eq!(e.to_string(), msg);
        assert_eq!(s, st);
    }
    // A stale proposal.
    let mut s = st.clone();
    let prop = Proposal {
        round_id: Some("r1".into()),
        unit_id: "u1".into(),
        unit_name: "甲支部".into(),
        from: UnitStatus::Warned,
        to: UnitStatus::Delisted,
        reason: "x".into(),
        rectify_by: None,
    };
    let e =
        confirm_proposal(&mut s, &prop, "2026-12-01", "", "", "2026-12-01T09:00:00Z").unwrap_err();
    assert!(matches!(e, LifecycleError::Stale { .. }));
    assert_eq!(s, st);
}

#[test]
fn a_change_may_not_bring_in_what_a_backup_would_refuse() {
    use exemplar::domain::between_rounds::resources::{save, ResourceDraft};
    use exemplar::domain::roster::{add_unit, UnitInput};
    use exemplar::domain::validation::new_limit_errors;
    let before = good_state();
    // A unit name beyond the limit, through the roster's own form.
    let mut after = before.clone();
    let mut input = UnitInput::blank(2026);
    input.name = "超长".repeat(101);
    add_unit(&mut after, &input, "2026-12-01T09:00:00Z").expect("the form takes it");
    let errs = new_limit_errors(&before, &after);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].to_string().contains("单位名称"), "{}", errs[0]);
    assert!(
        validate_state(&after).is_err(),
        "the backup of it would not restore"
    );
    // An absurd amount of money, through the resources form.
    let mut after = before.clone();
    let draft = ResourceDraft {
        unit_id: "u1".into(),
        year: "2026".into(),
        funds: "5".into(),
        activity_funds: "100000".into(),
        staff: "2".into(),
        part_time_staff: String::new(),
        premises: false,
        premises_area: String::new(),
        note: String::new(),
    };
    // The form refuses more than the limit itself; a door without that check (an
    // entry changed in place) is still stopped by the gate.
    save(&mut after, None, draft, "2026-12-01T09:00:00Z").expect("the form takes it");
    assert!(new_limit_errors(&before, &after).is_empty(), "at the limit");
    if let Some(e) = after
        .resources
        .iter_mut()
        .find(|e| e.unit_id == "u1" && e.year == 2026)
    {
        e.activity_funds = exemplar::domain::Points(100_000_000 * 100);
    }
    let errs = new_limit_errors(&before, &after);
    assert!(errs[0].to_string().contains("活动经费"), "{}", errs[0]);
    // What the data already broke does not block other changes.
    let mut other = after.clone();
    other.units[0].leader = "张三".into();
    assert!(new_limit_errors(&after, &other).is_empty());
    // Within the limits: nothing.
    let mut fine = before.clone();
    fine.units[0].name = "甲支部（新）".into();
    assert!(new_limit_errors(&before, &fine).is_empty());
}

#[test]
fn every_free_text_has_a_bound() {
    use exemplar::domain::validation::limits::TEXT_CHARS;
    use exemplar::domain::validation::new_limit_errors;
    let before = exemplar::domain::sample::sample_city(1);
    assert!(validate_state(&before).is_ok());
    let said = |after: &AppState| -> Vec<String> {
        new_limit_errors(&before, after)
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    // An activity's participants and result, a 保障投入 note, a visit's findings, an
    // outcome's evidence: each over the bound is named with the bound.
    let mut after = before.clone();
    let long = |c: &str| c.repeat(TEXT_CHARS + 1);
    after.pairings[0].activities[0].participants = long("人");
    after.pairings[0].activities[0].result = long("效");
    after.resources[0].note = long("注");
    after.guidance_visits[0].findings = long("问");
    after.outcomes[0].evidence = vec![long("证")];
    let errs = said(&after);
    assert_eq!(errs.len(), 5, "{errs:?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("的参加人员") && e.contains(&format!("最多 {TEXT_CHARS} 个字"))),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("保障投入的备注")),
        "{errs:?}"
    );
    // At the bound: fine.
    let mut after = before.clone();
    after.pairings[0].activities[0].participants = "人".repeat(TEXT_CHARS);
    assert!(said(&after).is_empty());
}

/// A clerk's review: 合格分数线 −10 was refused with "应满足 合格 -10 ≤ 良好 80 ≤ 优秀
/// 90.5", an order the lines meet. A negative line is now named as such.
#[test]
fn a_negative_grade_line_is_named() {
    let mut s = scheme3();
    s.grade_bands.pass = p("-10");
    let errs: Vec<String> = validate_scheme(&s).iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        ["考评方案「示例方案」有误：合格分数线 -10 不能为负数"]
    );
}
