//! Property tests of the scoring engine and the stored form.

mod domain_support;

use std::collections::BTreeMap;

use domain_support::*;
use exemplar::domain::scoring::aggregate_points;
use exemplar::domain::*;
use proptest::prelude::*;

const UNITS: [&str; 6] = ["u1", "u2", "u3", "u4", "u5", "u6"];
const NAMES: [&str; 6] = ["甲支部", "乙支部", "丙支部", "甲支部", "戊支部", "己支部"];
const ASSESSORS: [&str; 7] = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"];

/// A valid cell of the 3-indicator scheme: blank, or a multiple of 0.5 up to max.
fn cell(max_half_points: i64) -> impl Strategy<Value = Option<Points>> {
    prop_oneof![
        1 => Just(None),
        6 => (0..=max_half_points).prop_map(|h| Some(Points(h * 50))),
    ]
}

fn sheet_cells() -> impl Strategy<Value = Vec<Option<Points>>> {
    (cell(80), cell(60), cell(60)).prop_map(|(a, b, c)| vec![a, b, c])
}

/// A valid scored state: up to 6 units, up to 7 assessors, any sheets missing,
/// random bonus/deduction/veto items, random trim threshold, self weight and 优秀 cap.
fn scored_state() -> impl Strategy<Value = AppState> {
    (
        1usize..=6,
        1usize..=7,
        proptest::collection::vec(proptest::option::weighted(0.85, sheet_cells()), 48),
        proptest::collection::vec((0usize..6, 0usize..3, 0usize..5, 1u32..4), 0..8),
        0u8..=8,
        prop_oneof![Just(0u8), 0u8..=100],
        proptest::option::of(0u8..=100),
        proptest::collection::vec(any::<bool>(), 6),
    )
        .prop_map(|(nu, na, cells, adjs, trim, weight, cap, recog)| {
            let units: Vec<Unit> = (0..nu)
                .map(|i| unit(UNITS[i], NAMES[i], UnitStatus::Named))
                .collect();
            let mut r = round("r1", 2026, &UNITS[..nu], &ASSESSORS[..na]);
            let mut k = 0;
            for u in &UNITS[..nu] {
                for src in ASSESSORS[..na]
                    .iter()
                    .map(|a| by(a))
                    .chain([SheetSource::SelfAssessment])
                {
                    if let Some(points) = cells[k % cells.len()].clone() {
                        let mut s = sheet(u, src, &[]);
                        s.points = points;
                        r.sheets.push(s);
                    }
                    k += 1;
                }
            }
            for (j, (ui, kind, item, count)) in adjs.into_iter().enumerate() {
                if ui >= nu {
                    continue;
                }
                let (kind, item) = match kind {
                    0 => (AdjustmentKind::Bonus, format!("b{}", item + 1)),
                    1 => (AdjustmentKind::Deduction, format!("k{}", item + 1)),
                    _ => (AdjustmentKind::Veto, format!("v{}", item % 3 + 1)),
                };
                r.adjustments
                    .push(adj(&format!("j{j}"), UNITS[ui], kind, &item, count));
            }
            let outcomes = (0..nu)
                .filter(|i| recog[*i])
                .map(|i| outcome(&format!("o{i}"), UNITS[i], "2026-06-01", true))
                .collect();
            let mut st = state(units, vec![r], outcomes);
            let s = &mut st.schemes[0];
            s.aggregation.trim_min_assessors = trim;
            s.aggregation.self_weight_pct = weight;
            s.excellent_cap_pct = cap;
            st
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn trimmed_mean_lies_between_min_and_max(
        vals in proptest::collection::vec((0i64..=10_000).prop_map(Points), 1..12),
        trim in 0u8..8,
    ) {
        let (agg, trimmed, dropped) = aggregate_points(&vals, trim);
        let agg = agg.unwrap();
        let min = *vals.iter().min().unwrap();
        let max = *vals.iter().max().unwrap();
        prop_assert!(agg >= Exact::from_points(min));
        prop_assert!(agg <= Exact::from_points(max));
        prop_assert_eq!(trimmed, dropped.is_some());
        if let Some((lo, hi)) = dropped {
            prop_assert!(lo != hi);
            prop_assert_eq!(vals[lo], min);
            prop_assert_eq!(vals[hi], max);
            prop_assert!(vals.len() >= 3 && vals.len() >= trim as usize && trim > 0);
        }
    }

    #[test]
    fn total_never_exceeds_full_points_plus_bonus_cap(st in scored_state()) {
        let res = compute_round(&st, "r1").unwrap();
        let s = &st.schemes[0];
        for u in &res.units {
            prop_assert!(u.total <= s.full_points() + s.bonus_cap);
            prop_assert!(u.total >= Points::ZERO);
            prop_assert!(u.bonus <= s.bonus_cap);
            for i in &u.indicators {
                if let Some(a) = i.aggregate {
                    prop_assert!(a <= Exact::from_points(i.max) && a >= Exact::ZERO);
                }
            }
            if !u.vetoes.is_empty() {
                prop_assert_eq!(u.grade, Some(Grade::Fail));
            }
        }
        if let (Some(max), counts) = (res.excellent_max, res.grade_counts()) {
            prop_assert!(counts[0] <= max);
        }
    }

    #[test]
    fn reordering_assessors_changes_nothing(st in scored_state(), seed in any::<u64>()) {
        let res = compute_round(&st, "r1").unwrap();
        let mut shuffled = st.clone();
        let r = &mut shuffled.rounds[0];
        let mut rng = exemplar::domain::sample::Rng::new(seed);
        for i in (1..r.assessors.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            r.assessors.swap(i, j);
        }
        for i in (1..r.sheets.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            r.sheets.swap(i, j);
        }
        let res2 = compute_round(&shuffled, "r1").unwrap();
        prop_assert_eq!(&res.units, &res2.units);
        prop_assert_eq!(&res.order, &res2.order);
    }

    #[test]
    fn ranking_is_deterministic(st in scored_state(), seed in any::<u64>()) {
        let a = compute_round(&st, "r1").unwrap();
        let b = compute_round(&st, "r1").unwrap();
        prop_assert_eq!(&a, &b);
        // The ranking does not depend on the order units are listed in either.
        let mut moved = st.clone();
        let r = &mut moved.rounds[0];
        let mut rng = exemplar::domain::sample::Rng::new(seed);
        for i in (1..r.unit_ids.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            r.unit_ids.swap(i, j);
        }
        let c = compute_round(&moved, "r1").unwrap();
        let ids = |x: &RoundResults| x.ranking().filter(|u| u.graded).map(|u| (u.unit_id.clone(), u.rank, u.grade, u.total)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a), ids(&c));
        // Positions are 1..=n, ranks are competition ranks.
        let graded: Vec<_> = a.ranking().filter(|u| u.graded).collect();
        for (i, u) in graded.iter().enumerate() {
            prop_assert_eq!(u.position, Some(i as u32 + 1));
            let better = graded.iter().filter(|v| v.total > u.total).count() as u32;
            prop_assert_eq!(u.rank, Some(better + 1));
        }
    }

    #[test]
    fn serialise_then_deserialise_is_identity(round in any_round(), sample_seed in 0u64..4) {
        let mut st = exemplar::domain::sample::sample_city(sample_seed);
        st.rounds.truncate(1);
        st.rounds.push(round.into());
        let text = serde_json::to_string(&st).unwrap();
        let back: AppState = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, st);
    }
}

/// Any round at all, valid or not: units and assessors not in the round, duplicates,
/// odd values, negative values, evidence, metadata, any order.
fn any_round() -> impl Strategy<Value = Round> {
    let text = "[a-z0-9,{}\\-+.\"\\\\ 中文]{0,6}";
    let points = proptest::option::weighted(0.8, (-100_000i64..=1_000_000).prop_map(Points));
    let sheet = (
        0usize..5,
        0usize..5,
        proptest::collection::vec(points, 0..5),
        proptest::collection::btree_map(text, text, 0..2),
        any::<bool>(),
        (
            0u32..3,
            prop_oneof![
                Just(String::new()),
                Just("2026-11-01T08:00:00Z".to_string())
            ],
            text,
        ),
    );
    (
        proptest::collection::vec(0usize..5, 0..4),
        proptest::collection::vec(0usize..5, 0..4),
        proptest::collection::vec(sheet, 0..12),
        any::<bool>(),
        text,
    )
        .prop_map(|(units, assessors, sheets, published, name)| {
            let uid = |i: usize| format!("u{i}");
            let aid = |i: usize| {
                if i == 4 {
                    "self".to_string()
                } else {
                    format!("a{i}")
                }
            };
            let mut r = round("rx", 2027, &[], &[]);
            r.name = name;
            r.published = published;
            r.unit_ids = units.into_iter().map(uid).collect();
            r.assessors = assessors.into_iter().map(|a| assessor(&aid(a))).collect();
            r.sheets = sheets
                .into_iter()
                .map(
                    |(u, a, points, evidence, submitted, (rev, updated, by_))| ScoreSheet {
                        unit_id: uid(u),
                        source: if a == 4 {
                            SheetSource::SelfAssessment
                        } else {
                            by(&aid(a))
                        },
                        points,
                        evidence: evidence.into_iter().collect::<BTreeMap<_, _>>(),
                        submitted,
                        meta: RecordMeta {
                            rev,
                            updated,
                            by: by_,
                        },
                    },
                )
                .collect();
            r
        })
}
