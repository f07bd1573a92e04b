//! 动态管理 settings: switches and thresholds change what is proposed; the 复查 list;
//! the 优秀 → 可推荐表彰 proposal.

mod domain_support;

use domain_support::*;
use exemplar::domain::lifecycle::propose_changes;
use exemplar::domain::lifecycle_settings::*;
use exemplar::domain::*;

/// One 2026 round, one assessor. Totals by hand (bands 90/80/70 of the default scheme):
/// cand 34+25+25 = 84 (良好), cand2 30+23+22 = 75 (合格), star 38+28+28 = 94 (优秀 with a
/// recognised 2026 outcome), good 34+25+25 = 84 (良好), fail 25+20+20 = 65 (不合格).
fn fixture() -> AppState {
    let units = vec![
        unit("cand", "创建支部", UnitStatus::Candidate),
        unit("cand2", "合格创建支部", UnitStatus::Candidate),
        unit("star", "优秀支部", UnitStatus::Named),
        unit("good", "良好支部", UnitStatus::Named),
        unit("fail", "不合格支部", UnitStatus::Named),
    ];
    let scores: [(&str, [&str; 3]); 5] = [
        ("cand", ["34", "25", "25"]),
        ("cand2", ["30", "23", "22"]),
        ("star", ["38", "28", "28"]),
        ("good", ["34", "25", "25"]),
        ("fail", ["25", "20", "20"]),
    ];
    let ids: Vec<&str> = scores.iter().map(|(u, _)| *u).collect();
    let mut r = round("r26", 2026, &ids, &["a1"]);
    r.sheets = scores.iter().map(|(u, s)| sheet(u, by("a1"), s)).collect();
    state(
        units,
        vec![r],
        vec![outcome("o1", "star", "2026-05-01", true)],
    )
}

fn targets(st: &AppState) -> Vec<(String, UnitStatus)> {
    propose_changes(st, "r26", "2026-12-15")
        .unwrap()
        .into_iter()
        .map(|p| (p.unit_id, p.to))
        .collect()
}

fn input(st: &AppState) -> RulesInput {
    RulesInput::from_rules(&st.settings.lifecycle_rules)
}

#[test]
fn a_switched_off_rule_no_longer_proposes() {
    let mut st = fixture();
    assert_eq!(
        targets(&st),
        vec![
            ("cand".to_string(), UnitStatus::Named),
            ("fail".to_string(), UnitStatus::Warned),
        ]
    );
    let mut i = input(&st);
    i.fail_warns = false;
    set_rules(&mut st, &i).unwrap();
    assert_eq!(targets(&st), vec![("cand".to_string(), UnitStatus::Named)]);
    i.candidate_good_names = false;
    set_rules(&mut st, &i).unwrap();
    assert!(targets(&st).is_empty());
}

#[test]
fn the_naming_threshold_moves_which_candidates_are_proposed() {
    let mut st = fixture();
    let mut i = input(&st);
    // 合格 is enough: cand2 (75, 合格) is proposed too.
    i.naming_grade = Grade::Pass;
    set_rules(&mut st, &i).unwrap();
    let t = targets(&st);
    assert!(t.contains(&("cand2".to_string(), UnitStatus::Named)));
    assert!(t.contains(&("cand".to_string(), UnitStatus::Named)));
    // Only 优秀: cand (84, 良好) is no longer proposed.
    i.naming_grade = Grade::Excellent;
    set_rules(&mut st, &i).unwrap();
    assert!(!targets(&st).iter().any(|(u, _)| u.starts_with("cand")));
}

#[test]
fn bad_thresholds_are_refused_and_change_nothing() {
    let mut st = fixture();
    let before = st.clone();
    let mut i = input(&st);
    i.rectify_months = "0".into();
    assert_eq!(
        set_rules(&mut st, &i),
        Err(SettingsError::RectifyMonths("0".into()))
    );
    let mut i = input(&st);
    i.review_years = "三".into();
    assert!(matches!(
        set_rules(&mut st, &i),
        Err(SettingsError::ReviewYears(_))
    ));
    let mut i = input(&st);
    i.naming_grade = Grade::Fail;
    assert_eq!(set_rules(&mut st, &i), Err(SettingsError::NamingGrade));
    assert_eq!(st, before);
    // A deadline of 3 months is taken, and the warning's deadline follows it:
    // 2026-12-15 + 3 months = 2027-03-15.
    let mut i = input(&st);
    i.rectify_months = "3个月".into();
    set_rules(&mut st, &i).unwrap();
    let p = propose_changes(&st, "r26", "2026-12-15").unwrap();
    let warn = p.iter().find(|p| p.unit_id == "fail").unwrap();
    assert_eq!(warn.rectify_by.as_deref(), Some("2027-03-15"));
}

fn named(id: &str, date: &str) -> Unit {
    let mut u = unit(id, &format!("{id}支部"), UnitStatus::Named);
    u.history.push(StatusChange {
        date: date.into(),
        from: UnitStatus::Candidate,
        to: UnitStatus::Named,
        reason: "授牌".into(),
        doc_no: "1号".into(),
    });
    u
}

#[test]
fn review_list_counts_years_from_the_naming_in_history() {
    let mut restored = named("restored", "2022-12-20");
    // A return from 警示 is not a new naming: the period still counts from 2022.
    restored.history.push(StatusChange {
        date: "2025-08-01".into(),
        from: UnitStatus::Warned,
        to: UnitStatus::Named,
        reason: "复查合格".into(),
        doc_no: "2号".into(),
    });
    let mut old = named("old", "2019-05-10");
    old.status = UnitStatus::Warned;
    let mut from_field = unit("field", "字段支部", UnitStatus::Named);
    from_field.named_on = Some("2023-06-01".into());
    let st = state(
        vec![
            named("recent", "2024-01-15"),
            named("exact", "2023-06-30"),
            restored,
            old,
            from_field,
            unit("cand", "创建支部", UnitStatus::Candidate),
        ],
        vec![],
        vec![],
    );
    let due = reviews_due(&st, "2026-06-30");
    let got: Vec<(&str, &str, u32, u32)> = due
        .iter()
        .map(|d| (d.unit_id.as_str(), d.due_on.as_str(), d.years, d.years_now))
        .collect();
    // old: 2019-05-10 + 6 years = 2025-05-10 (the 9th year is 2028); restored:
    // 2022-12-20 + 3 = 2025-12-20; field: 2023-06-01 + 3 = 2026-06-01; exact:
    // 2023-06-30 + 3 = 2026-06-30, due today; recent (2024) is not due until 2027.
    // Years held today: old 7 (2019-05-10 → 2026-05-10), the others 3.
    assert_eq!(
        got,
        vec![
            ("old", "2025-05-10", 6, 7),
            ("restored", "2025-12-20", 3, 3),
            ("field", "2026-06-01", 3, 3),
            ("exact", "2026-06-30", 3, 3),
        ]
    );
    // A period of 2 years brings the 2024 site in (2026-01-15).
    let mut st2 = st.clone();
    let mut i = RulesInput::from_rules(&st2.settings.lifecycle_rules);
    i.review_years = "2".into();
    set_rules(&mut st2, &i).unwrap();
    assert!(reviews_due(&st2, "2026-06-30")
        .iter()
        .any(|d| d.unit_id == "recent" && d.due_on == "2026-01-15"));
}

#[test]
fn excellent_sites_are_proposed_for_commendation_unless_switched_off() {
    let mut st = fixture();
    let c = commendations(&st, "r26").unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].unit_id, "star");
    assert_eq!(c[0].reason, "2026年度考评为优秀（总分94），可推荐表彰");
    let mut i = input(&st);
    i.excellent_commends = false;
    set_rules(&mut st, &i).unwrap();
    assert!(commendations(&st, "r26").unwrap().is_empty());
}

#[test]
fn old_rules_load_with_the_defaults_and_new_ones_round_trip() {
    // Settings as stored before the thresholds existed.
    let old = r#"{"fail_warns":false,"rectify_months":6,"fail_while_warned_delists":true,
        "veto_delists":true,"two_passes_warn":true,"candidate_good_names":true}"#;
    let r: LifecycleRules = serde_json::from_str(old).unwrap();
    assert!(!r.fail_warns);
    assert_eq!(r.naming_grade, Grade::Good);
    assert!(r.excellent_commends);
    assert_eq!(r.review_years, 3);
    // Defaults are not written, so files made by this version read the same as before.
    let text = serde_json::to_string(&LifecycleRules::default()).unwrap();
    assert!(!text.contains("review_years") && !text.contains("naming_grade"));
    let mut changed = r.clone();
    changed.review_years = 5;
    changed.naming_grade = Grade::Excellent;
    changed.excellent_commends = false;
    let back: LifecycleRules =
        serde_json::from_str(&serde_json::to_string(&changed).unwrap()).unwrap();
    assert_eq!(back, changed);
}

/// A clerk's review: a setting typed wrong was refused with no field marked.
#[test]
fn a_refused_setting_names_its_field() {
    use exemplar::domain::lifecycle_settings::labels;
    use exemplar::domain::problems::FieldsAt;
    let mut st = fixture();
    let mut i = input(&st);
    i.rectify_months = "x".into();
    let err = set_rules(&mut st, &i).unwrap_err();
    assert_eq!(err.fields(), [labels::RECTIFY_MONTHS]);
    i.rectify_months = "6".into();
    i.review_years = "0".into();
    let err = set_rules(&mut st, &i).unwrap_err();
    assert_eq!(err.fields(), [labels::REVIEW_YEARS]);
}
