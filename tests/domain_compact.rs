//! The compact stored form of rounds: identity on round trip, clear errors on bad text.

use std::collections::BTreeMap;

use exemplar::domain::compact::{sort_sheets, RoundStored};
use exemplar::domain::sample::{large_city, sample_city};
use exemplar::domain::*;

fn round_trip(st: &AppState) -> AppState {
    let text = serde_json::to_string(st).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sample_and_large_city_round_trip() {
    let st = sample_city(3);
    assert_eq!(round_trip(&st), st);
    let big = large_city(3);
    assert_eq!(round_trip(&big), big);
}

#[test]
fn scores_are_one_character_each() {
    let st = sample_city(3);
    let v = serde_json::to_value(&st.rounds[0]).unwrap();
    let sa = v["sa"][0].as_str().unwrap();
    let first = sa.split(',').next().unwrap();
    // "+" (submitted) and one character per indicator.
    assert_eq!(first.chars().count(), 1 + 22);
    assert!(v.get("sheets").is_none());
}

fn tiny_round() -> Round {
    Round {
        id: "r1".into(),
        name: "2026年度考评".into(),
        year: 2026,
        scheme_id: "s1".into(),
        unit_ids: vec!["u1".into(), "u2".into()],
        assessors: vec![Assessor {
            id: "a1".into(),
            name: "张三".into(),
            org: String::new(),
            unit_ids: vec![],
        }],
        sheets: vec![].into(),
        adjustments: vec![],
        type_overrides: vec![],
        decided_proposals: vec![],
        dismissed_proposals: vec![],
        published: false,
        publication: None,
        meta: RecordMeta::default(),
    }
}

fn sheet(unit: &str, source: SheetSource, points: Vec<Option<Points>>) -> ScoreSheet {
    ScoreSheet {
        unit_id: unit.into(),
        source,
        points,
        evidence: BTreeMap::new(),
        submitted: false,
        meta: RecordMeta::default(),
    }
}

#[test]
fn odd_values_blanks_extras_and_order_survive() {
    let mut r = tiny_round();
    let a1 = SheetSource::Assessor("a1".into());
    r.sheets.push(sheet(
        "u2",
        SheetSource::SelfAssessment,
        vec![Some(Points(25)), None],
    ));
    r.sheets.push(sheet(
        "u1",
        a1.clone(),
        vec![Some(Points(-50)), Some(Points(99_900))],
    ));
    r.sheets.push(sheet("u9", a1.clone(), vec![]));
    r.sheets.push(sheet(
        "u1",
        SheetSource::Assessor("ghost".into()),
        vec![None],
    ));
    r.sheets
        .push(sheet("u1", a1.clone(), vec![Some(Points(350))]));
    r.sheets[1].submitted = true;
    r.sheets[1].meta.touch("2026-11-01T08:00:00Z", "a1");
    r.sheets[0]
        .evidence
        .insert("d1-1".into(), "见会议纪要".into());
    let text = serde_json::to_string(&r).unwrap();
    let back: Round = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
    assert!(text.contains("\"ord\""));
    sort_sheets(&mut r);
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("\"ord\""), "{text}");
    assert_eq!(serde_json::from_str::<Round>(&text).unwrap(), r);
}

fn stored_with(sa: Vec<Option<&str>>, ss: Option<&str>) -> String {
    let r: RoundStored = tiny_round().into();
    let mut v = serde_json::to_value(r).unwrap();
    v["sa"] = serde_json::json!(sa);
    v["ss"] = serde_json::json!(ss);
    v.to_string()
}

#[test]
fn broken_text_is_a_clear_error_not_a_panic() {
    let cases = [
        (
            stored_with(vec![Some("+12,34"), None], None),
            "有 2 组评委评分",
        ),
        (stored_with(vec![Some("+12")], None), "覆盖 1 个单位"),
        (
            stored_with(vec![Some("+1!,-")], None),
            "无法识别的内容「!」",
        ),
        (stored_with(vec![Some("+{12,-")], None), "无法识别"),
        (
            stored_with(vec![Some("-,-")], Some("{99999999999999999999},-")),
            "无法识别",
        ),
        (
            stored_with(vec![Some("中,-")], None),
            "无法识别的内容「中」",
        ),
    ];
    for (text, needle) in cases {
        let err = serde_json::from_str::<Round>(&text)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{err} should contain {needle}");
        assert!(err.contains("2026年度考评"), "{err}");
    }
    // Metadata and order that point nowhere.
    let mut v = serde_json::to_value(RoundStored::from(tiny_round())).unwrap();
    v["sa"] = serde_json::json!(["1,-"]);
    v["mi"] = serde_json::json!(["5.", null]);
    assert!(serde_json::from_str::<Round>(&v.to_string()).is_err());
    v["mi"] = serde_json::json!([]);
    v["ord"] = serde_json::json!([3]);
    assert!(serde_json::from_str::<Round>(&v.to_string()).is_err());
    v["ord"] = serde_json::Value::Null;
    v["ev"] = serde_json::json!([[0, 1, {"x": "y"}]]);
    assert!(serde_json::from_str::<Round>(&v.to_string()).is_err());
}
