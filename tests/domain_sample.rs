//! The sample data is valid, deterministic and scores sensibly.

use exemplar::domain::sample::{large_city, sample_city};
use exemplar::domain::*;

#[test]
fn sample_city_is_valid_and_deterministic() {
    let a = sample_city(7);
    let b = sample_city(7);
    assert_eq!(a, b);
    assert_ne!(a, sample_city(8));
    if let Err(errs) = validate_state(&a) {
        panic!(
            "{:#?}",
            errs.iter().map(|e| e.to_string()).collect::<Vec<_>>()
        );
    }
    assert!((35..=45).contains(&a.units.len()));
    assert_eq!(a.rounds.len(), 2);
    assert!(a.rounds.iter().all(|r| r.assessors.len() == 5));
    assert!(!a.outcomes.is_empty());
    assert!(!a.pairings.is_empty());
    assert!(a.pairings.iter().any(|p| !p.activities.is_empty()));
    assert!(a
        .rectifications
        .iter()
        .any(|r| r.deadline.as_str() < "2026-06-30" && r.status != RectificationStatus::Done));
    assert!(!a.resources.is_empty());
    assert!(!a.applications.is_empty());
    assert!(!a.guidance_visits.is_empty());
    assert!(a.units.iter().any(|u| u.status == UnitStatus::Warned));
    assert!(a.units.iter().any(|u| u.status == UnitStatus::Candidate));
}

#[test]
fn sample_city_scores_into_every_grade_band() {
    let st = sample_city(1);
    for r in &st.rounds {
        let res = compute_round(&st, &r.id).unwrap();
        assert!(res.completeness.is_complete());
        for u in res.ranking() {
            println!(
                "{} {:>3} {:<28} {:>6} {:?} {:?}",
                r.year,
                u.rank.unwrap_or(0),
                u.unit_name,
                u.total.to_string(),
                u.grade.map(|g| g.label()),
                u.grade_notes
            );
        }
        let counts = res.grade_counts();
        println!("{:?}", counts);
        assert!(counts[0] + counts[1] > 0, "some 优秀/良好");
        assert!(counts[2] + counts[3] > 0, "some 合格/不合格");
    }
}

#[test]
fn large_city_is_valid() {
    let st = large_city(1);
    assert_eq!(st.units.len(), 300);
    assert_eq!(st.rounds.len(), 5);
    assert!(st.schemes.iter().all(|s| s.indicator_count() == 50));
    validate_state(&st).unwrap();
    let last = st.rounds.last().unwrap();
    assert_eq!(last.assessors.len(), 7);
    assert_eq!(last.sheets.len(), 300 * 8);
}

/// Every day (`YYYY-MM-DD`) anywhere in `v`, with the key it is under.
fn days<'a>(key: &str, v: &'a serde_json::Value, out: &mut Vec<(String, &'a str)>) {
    match v {
        serde_json::Value::String(s)
            if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' =>
        {
            out.push((key.to_string(), s))
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| days(key, x, out)),
        serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| days(k, x, out)),
        _ => {}
    }
}

#[test]
fn the_sample_holds_nothing_after_its_today_but_deadlines() {
    // sample_city is built as of 2026-06-30: a clerk trying it later must not see an
    // outcome, a recognition or a visit that has not happened yet.
    let v = serde_json::to_value(sample_city(2026)).expect("serialises");
    let mut all = Vec::new();
    days("", &v, &mut all);
    assert!(all.len() > 300, "the walk finds the sample's days");
    let late: Vec<_> = all
        .iter()
        .filter(|(k, d)| *d > "2026-06-30" && k != "deadline" && k != "rectify_by")
        .collect();
    assert!(late.is_empty(), "{late:?}");
}
