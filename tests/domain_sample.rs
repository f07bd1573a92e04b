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
        // `from`/`to` are the deadlines of a 整改期限延期 (the only dates under them).
        .filter(|(k, d)| {
            *d > "2026-06-30" && !["deadline", "rectify_by", "from", "to"].contains(&k.as_str())
        })
        .collect();
    assert!(late.is_empty(), "{late:?}");
}

#[test]
fn the_sample_pairings_are_ones_a_person_could_enter() {
    use exemplar::domain::between_rounds::pairing::{add, add_activity, PairingDraft};
    for seed in [1, 7] {
        let sample = sample_city(seed);
        assert!(!sample.pairings.is_empty());
        // A site that has since left ended its pairing; it was in the programme when
        // the pairing was entered, and is replayed as then.
        let left = |s: &AppState, id: &str| {
            s.unit(id)
                .is_some_and(|u| matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn))
        };
        for p in &sample.pairings {
            if left(&sample, &p.site_id) {
                assert_eq!(p.status, PairingStatus::Ended, "{}", p.id);
            }
        }
        let mut replay = sample.clone();
        replay.pairings.clear();
        for u in &mut replay.units {
            if matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn) {
                u.status = UnitStatus::Named;
            }
        }
        for p in &sample.pairings {
            let draft = PairingDraft::from_pairing(p);
            let id = add(&mut replay, draft, "t")
                .unwrap_or_else(|e| panic!("pairing {} refused: {e}", p.id));
            for a in &p.activities {
                add_activity(&mut replay, &id, a.clone(), "t")
                    .unwrap_or_else(|e| panic!("activity of {} refused: {e}", p.id));
            }
            let entered = replay.pairings.last().expect("just added");
            assert_eq!(entered.activities, p.activities, "in date order");
        }
    }
}

#[test]
fn the_sample_holds_nothing_of_a_unit_before_it_joined() {
    // A unit that entered in 2026 has no 2025 outcome, 保障投入, visit or pairing: a
    // first-time user reading 2025's figures would take them for a mistake.
    for seed in [1, 7, 2026] {
        let s = sample_city(seed);
        let joined = |uid: &str| s.unit(uid).map(|u| u.entered_year).unwrap_or(0);
        let year = |d: &str| d.get(..4).and_then(|y| y.parse::<u16>().ok()).unwrap_or(0);
        let late_units = s.units.iter().filter(|u| u.entered_year == 2026).count();
        assert!(
            late_units > 0,
            "the sample has units that joined in its last year"
        );
        for o in &s.outcomes {
            assert!(year(&o.date) >= joined(&o.unit_id), "outcome {}", o.id);
        }
        for r in &s.resources {
            assert!(r.year >= joined(&r.unit_id), "保障投入 {}", r.id);
        }
        for v in &s.guidance_visits {
            assert!(year(&v.date) >= joined(&v.unit_id), "visit {}", v.id);
        }
        for p in &s.pairings {
            assert!(year(&p.start) >= joined(&p.site_id), "pairing {}", p.id);
            if let Some(partner) = &p.partner_unit_id {
                assert!(year(&p.start) >= joined(partner), "partner of {}", p.id);
            }
            for a in &p.activities {
                assert!(year(&a.date) >= joined(&p.site_id), "activity of {}", p.id);
            }
        }
    }
}

/// What a clerk reads in the sample's 通报 and 督导 holds together as the forms keep it:
/// nothing of a unit dated after it left the programme, one 文号 per decision (one
/// date), and every item "found in 督导" comes from a visit to its unit that found
/// something.
#[test]
fn the_sample_keeps_the_rules_its_forms_apply() {
    use std::collections::BTreeMap;
    let st = sample_city(2026);
    let gone = |s: UnitStatus| matches!(s, UnitStatus::Withdrawn | UnitStatus::Delisted);
    for u in &st.units {
        let Some(left) = u
            .history
            .iter()
            .filter(|h| gone(h.to))
            .map(|h| &h.date)
            .min()
        else {
            continue;
        };
        for o in st.outcomes.iter().filter(|o| o.unit_id == u.id) {
            assert!(
                &o.date <= left,
                "{}: outcome {} after {left}",
                u.name,
                o.date
            );
        }
        for v in st.guidance_visits.iter().filter(|v| v.unit_id == u.id) {
            assert!(&v.date <= left, "{}: visit {} after {left}", u.name, v.date);
        }
    }
    let mut dates: BTreeMap<String, String> = BTreeMap::new();
    let mut one = |no: &str, date: &str, what: &str| {
        if no.is_empty() {
            return;
        }
        if let Some(d) = dates.insert(no.to_string(), date.to_string()) {
            assert_eq!(d, date, "{no} on two dates ({what})");
        }
    };
    for u in &st.units {
        for h in &u.history {
            one(&h.doc_no, &h.date, &u.name);
        }
    }
    for o in &st.outcomes {
        if let Some(d) = &o.path.recognised_on {
            one(&o.path.recognition_doc_no, d, &o.title);
        }
        for i in &o.path.incentives {
            one(&i.doc_no, &i.date, &o.title);
        }
    }
    for r in st
        .rectifications
        .iter()
        .filter(|r| r.source == ProblemSource::Visit)
    {
        let v = r
            .visit_id
            .as_ref()
            .and_then(|id| st.guidance_visits.iter().find(|v| &v.id == id))
            .expect("an item found in 督导 names its visit");
        assert_eq!(v.unit_id, r.unit_id);
        assert!(!v.findings.is_empty());
    }
}

/// A clerk's review: a 摘牌 unit of the sample, selected again, brought an item dated
/// past its 摘牌 into 概览's 逾期整改 as 175 days overdue. A sample item of a unit that
/// left was raised before it left, so it stays with the unit's earlier spell.
#[test]
fn a_sample_item_of_a_unit_that_left_was_raised_before_it_left() {
    use exemplar::domain::between_rounds::rectification::unit_left_by;
    let st = sample_city(2026);
    let mut seen = 0;
    for r in st.rectifications.iter() {
        let Some(u) = st.unit(&r.unit_id) else {
            continue;
        };
        let Some(left) = u
            .history
            .iter()
            .rev()
            .find(|h| matches!(h.to, UnitStatus::Withdrawn | UnitStatus::Delisted))
        else {
            continue;
        };
        seen += 1;
        if r.deadline > left.date {
            assert!(
                !r.opened_on.is_empty() && r.opened_on <= left.date,
                "{} raised {} after leaving on {} ({:?} {} {:?})",
                r.id,
                r.opened_on,
                left.date,
                r.source,
                r.description,
                r.visit_id
            );
        }
        // Back in the programme, the item stays out of the overdue figures.
        let mut back = st.clone();
        let unit = back.units.iter_mut().find(|x| x.id == u.id).expect("unit");
        unit.history.push(StatusChange {
            date: "2026-12-06".into(),
            from: unit.status,
            to: UnitStatus::Candidate,
            reason: "申报遴选入选培育".into(),
            doc_no: "市直机关工委〔2026〕52号".into(),
        });
        unit.status = UnitStatus::Candidate;
        let item = back
            .rectifications
            .iter()
            .find(|x| x.id == r.id)
            .expect("item");
        assert!(unit_left_by(&back, item, "2026-12-07"), "{}", r.id);
    }
    assert!(seen > 0, "the sample has an item of a unit that left");
}
