//! Assessor consistency (`domain::consistency`, docs/scoring.md §8) on fixtures worked
//! out by hand, including Spearman's rank correlation with ties.

mod domain_support;

use domain_support::*;
use exemplar::domain::consistency::{assess, panel_split, ranks, spearman, what_if, Flag};
use exemplar::domain::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn ranks_share_the_average_rank_when_tied() {
    // 80 < 85 = 85 < 90: the two 85s share (2 + 3) / 2 = 2.5.
    assert_eq!(ranks(&[80.0, 85.0, 85.0, 90.0]), vec![1.0, 2.5, 2.5, 4.0]);
    // Three equal: (1 + 2 + 3) / 3 = 2.
    assert_eq!(ranks(&[7.0, 7.0, 7.0]), vec![2.0, 2.0, 2.0]);
}

#[test]
fn spearman_with_ties_by_hand() {
    // x = 80, 85, 85, 90 → ranks 1, 2.5, 2.5, 4; y = 65, 70, 75, 75 → 1, 2, 3.5, 3.5.
    // Both mean 2.5. Deviations x: −1.5, 0, 0, 1.5; y: −1.5, −0.5, 1, 1.
    // Σ dx·dy = 2.25 + 0 + 0 + 1.5 = 3.75; Σ dx² = 4.5; Σ dy² = 2.25 + 0.25 + 1 + 1 = 4.5.
    // ρ = 3.75 / √(4.5 × 4.5) = 0.8333…
    let r = spearman(&[80.0, 85.0, 85.0, 90.0], &[65.0, 70.0, 75.0, 75.0]).unwrap();
    assert!(close(r, 3.75 / 4.5), "{r}");
    // Reversed order: −0.8333…
    let r = spearman(&[80.0, 85.0, 85.0, 90.0], &[75.0, 75.0, 70.0, 65.0]).unwrap();
    assert!(close(r, -3.75 / 4.5), "{r}");
    // All tied on one side: no correlation can be said.
    assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
    assert_eq!(spearman(&[1.0], &[1.0]), None);
}

/// Three assessors score four units on the 3-indicator scheme (A 40, B 30, C 30):
///
/// | | u1 | u2 | u3 | u4 |
/// | --- | --- | --- | --- | --- |
/// | a1 | 30 25 25 = 80 | 32 27 26 = 85 | 34 26 25 = 85 | 36 27 27 = 90 |
/// | a2 | 28 21 21 = 70 | 30 23 22 = 75 | 32 24 24 = 80 | 30 25 25 = 80 |
/// | a3 | 20 20 20 = 60 | 25 20 20 = 65 | 30 20 20 = 70 | 25 22.5 22.5 = 70 |
fn fixture(trim_min: u8) -> (AppState, RoundResults) {
    let mut r = round("r1", 2026, &["u1", "u2", "u3", "u4"], &["a1", "a2", "a3"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["30", "25", "25"]),
        sheet("u2", by("a1"), &["32", "27", "26"]),
        sheet("u3", by("a1"), &["34", "26", "25"]),
        sheet("u4", by("a1"), &["36", "27", "27"]),
        sheet("u1", by("a2"), &["28", "21", "21"]),
        sheet("u2", by("a2"), &["30", "23", "22"]),
        sheet("u3", by("a2"), &["32", "24", "24"]),
        sheet("u4", by("a2"), &["30", "25", "25"]),
        sheet("u1", by("a3"), &["20", "20", "20"]),
        sheet("u2", by("a3"), &["25", "20", "20"]),
        sheet("u3", by("a3"), &["30", "20", "20"]),
        sheet("u4", by("a3"), &["25", "22.5", "22.5"]),
    ]
    .into();
    let units = ["u1", "u2", "u3", "u4"]
        .iter()
        .map(|u| unit(u, &format!("单位{u}"), UnitStatus::Named))
        .collect();
    let mut st = state(units, vec![r], vec![]);
    st.schemes[0].aggregation.trim_min_assessors = trim_min;
    let res = compute_round(&st, "r1").unwrap();
    (st, res)
}

#[test]
fn deviation_rank_correlation_and_flags_by_hand() {
    let (st, res) = fixture(0);
    let c = assess(&st.rounds[0], &st.schemes[0], &res);
    let a1 = &c[0];
    // a1 against the mean of a2 and a3, per indicator:
    // A: 30−24, 32−27.5, 34−31, 36−27.5 = 6, 4.5, 3, 8.5 → mean 5.5
    // B: 25−20.5, 27−21.5, 26−22, 27−23.75 = 4.5, 5.5, 4, 3.25 → mean 4.3125
    // C: 25−20.5, 26−21, 25−22, 27−23.75 = 4.5, 5, 3, 3.25 → mean 3.9375
    let dev: Vec<f64> = a1.indicator_dev.iter().map(|d| d.unwrap()).collect();
    assert!(
        close(dev[0], 5.5) && close(dev[1], 4.3125) && close(dev[2], 3.9375),
        "{dev:?}"
    );
    // Totals: a1 80, 85, 85, 90; the rest 65, 70, 75, 75 → 15, 15, 10, 15 → mean 13.75.
    assert!(close(a1.total_dev.unwrap(), 13.75));
    // The spearman_with_ties_by_hand pair: 0.8333…
    assert!(close(a1.spearman.unwrap(), 3.75 / 4.5));
    assert_eq!(a1.units_compared, 4);
    // a2: 70, 75, 80, 80 against 70, 75, 77.5, 80 → 0, 0, 2.5, 0 → 0.625.
    // Ranks 1, 2, 3.5, 3.5 against 1, 2, 3, 4: Σ dx·dy = 2.25 + 0.25 + 0.5 + 1.5 = 4.5,
    // Σ dx² = 4.5, Σ dy² = 5 → ρ = 4.5 / √22.5 = 3 / √10 = 0.9487.
    assert!(close(c[1].total_dev.unwrap(), 0.625));
    assert!(close(c[1].spearman.unwrap(), 3.0 / 10f64.sqrt()));
    // a3: 60, 65, 70, 70 against 75, 80, 82.5, 85 → −15, −15, −12.5, −15 → −14.375.
    assert!(close(c[2].total_dev.unwrap(), -14.375));
    assert!(close(c[2].spearman.unwrap(), 3.0 / 10f64.sqrt()));
    // 5% of 100 full points = 5: a1 (+13.75) and a3 (−14.375) are flagged, a2 is not.
    assert_eq!(a1.flags, vec![Flag::Deviation]);
    assert!(c[1].flags.is_empty());
    assert_eq!(c[2].flags, vec![Flag::Deviation]);
    // No trimming: nothing dropped.
    assert_eq!(a1.trimmed_points, 0);
    assert_eq!(a1.dropped_share, None);
}

#[test]
fn dropped_share_against_chance() {
    // Trimming from 3: every indicator of every unit drops one highest and one lowest.
    // a1 is the highest and a3 the lowest on all 12 (unit, indicator) pairs, a2 never.
    let (st, res) = fixture(3);
    let c = assess(&st.rounds[0], &st.schemes[0], &res);
    assert_eq!(c[0].trimmed_points, 12);
    assert!(close(c[0].dropped_share.unwrap(), 1.0));
    assert!(close(c[1].dropped_share.unwrap(), 0.0));
    assert!(close(c[2].dropped_share.unwrap(), 1.0));
    // Chance: 2 of 3 points are dropped on each indicator → 2/3. 1 < 2 × 2/3, so the
    // dropped share alone flags no one here.
    assert!(close(c[0].chance_share.unwrap(), 2.0 / 3.0));
    assert!(!c[0].flags.contains(&Flag::Dropped));
}

#[test]
fn a_tie_for_the_highest_shares_the_drop() {
    // One unit, three assessors, A: 30, 30, 20 (a tie for the highest), trimmed from 3.
    // The highest drop is shared: a1 and a2 each 1/2; a3 is the lowest: 1.
    let mut r = round("r1", 2026, &["u1"], &["a1", "a2", "a3"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["30", "", ""]),
        sheet("u1", by("a2"), &["30", "", ""]),
        sheet("u1", by("a3"), &["20", "", ""]),
    ]
    .into();
    let mut st = state(vec![unit("u1", "甲", UnitStatus::Named)], vec![r], vec![]);
    st.schemes[0].aggregation.trim_min_assessors = 3;
    let res = compute_round(&st, "r1").unwrap();
    let c = assess(&st.rounds[0], &st.schemes[0], &res);
    let shares: Vec<f64> = c.iter().map(|x| x.dropped_share.unwrap()).collect();
    assert_eq!(shares, vec![0.5, 0.5, 1.0]);
}

#[test]
fn an_assessor_who_orders_units_the_other_way_is_flagged() {
    // a1: u1 30+30 = 60, u2 35+30 = 65, u3 40+30 = 70, u4 40+30+5 = 75;
    // a2: u1 40+30+5 = 75, u2 40+30 = 70, u3 35+30 = 65, u4 30+30 = 60.
    // C is scored by one of them only (u1, u4), so it is not compared: on the common
    // indicators a1 = 60, 65, 70, 70 and a2 = 70, 70, 65, 60 (each the other's rest).
    // Ranks a1 1, 2, 3.5, 3.5 and a2 3.5, 3.5, 2, 1; deviations −1.5, −0.5, 1, 1 and
    // 1, 1, −0.5, −1.5: Σ dx·dy = −4, Σ dx² = Σ dy² = 4.5 → ρ = −4 / 4.5 = −0.8889.
    // Differences −10, −5, +5, +10 average 0: no deviation flag, only the rank flag.
    let mut r = round("r1", 2026, &["u1", "u2", "u3", "u4"], &["a1", "a2"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["30", "30", ""]),
        sheet("u2", by("a1"), &["35", "30", ""]),
        sheet("u3", by("a1"), &["40", "30", ""]),
        sheet("u4", by("a1"), &["40", "30", "5"]),
        sheet("u1", by("a2"), &["40", "30", "5"]),
        sheet("u2", by("a2"), &["40", "30", ""]),
        sheet("u3", by("a2"), &["35", "30", ""]),
        sheet("u4", by("a2"), &["30", "30", ""]),
    ]
    .into();
    let units = ["u1", "u2", "u3", "u4"]
        .iter()
        .map(|u| unit(u, u, UnitStatus::Named))
        .collect();
    let st = state(units, vec![r], vec![]);
    let res = compute_round(&st, "r1").unwrap();
    let c = assess(&st.rounds[0], &st.schemes[0], &res);
    assert!(
        close(c[0].spearman.unwrap(), -4.0 / 4.5),
        "{:?}",
        c[0].spearman
    );
    assert!(close(c[0].total_dev.unwrap(), 0.0));
    assert_eq!(c[0].flags, vec![Flag::Rank]);
    assert_eq!(c[1].flags, vec![Flag::Rank]);
}

#[test]
fn what_if_normalised_totals_remove_a_constant_bias() {
    // a1 gives u1, u2, u3 totals 70, 80, 90; a2 is 10 lower on each: 60, 70, 80.
    // Official (plain means, 2 assessors): 65, 75, 85.
    // Each assessor's z: (−√1.5, 0, +√1.5) (mean 80 or 70, sd √(200/3)).
    // Pooled 70, 80, 90, 60, 70, 80: mean 75, variance 550/6, sd × √1.5 = √137.5 = 11.726.
    // What if: 75 − 11.726 = 63.274 → 63.27; 75; 86.726 → 86.73.
    let mut r = round("r1", 2026, &["u1", "u2", "u3"], &["a1", "a2"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["30", "20", "20"]),
        sheet("u2", by("a1"), &["35", "25", "20"]),
        sheet("u3", by("a1"), &["40", "25", "25"]),
        sheet("u1", by("a2"), &["30", "15", "15"]),
        sheet("u2", by("a2"), &["30", "20", "20"]),
        sheet("u3", by("a2"), &["35", "25", "20"]),
    ]
    .into();
    let units = ["u1", "u2", "u3"]
        .iter()
        .map(|u| unit(u, u, UnitStatus::Named))
        .collect();
    let st = state(units, vec![r], vec![]);
    let res = compute_round(&st, "r1").unwrap();
    let w = what_if(&st.rounds[0], &st.schemes[0], &res);
    let got: Vec<(String, String)> = w
        .iter()
        .map(|x| {
            (
                x.official.unwrap().to_string(),
                x.normalised.unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("65".to_string(), "63.27".to_string()),
            ("75".to_string(), "75".to_string()),
            ("85".to_string(), "86.73".to_string()),
        ]
    );
}

#[test]
fn a_unit_with_nothing_scored_has_no_official_total_beside_its_what_if() {
    // A new round: u2 not scored yet is 未评定, not a total of 0.
    let mut r = round("r1", 2026, &["u1", "u2"], &["a1"]);
    r.sheets = vec![sheet("u1", by("a1"), &["30", "20", "20"])].into();
    let units = ["u1", "u2"]
        .iter()
        .map(|u| unit(u, u, UnitStatus::Named))
        .collect();
    let st = state(units, vec![r], vec![]);
    let res = compute_round(&st, "r1").unwrap();
    let w = what_if(&st.rounds[0], &st.schemes[0], &res);
    assert_eq!(w[0].official.map(|p| p.to_string()), Some("70".to_string()));
    assert_eq!((w[1].official, w[1].normalised), (None, None));
}

/// The consistency figures and the what-if totals on the large city (300 units, 50
/// indicators, 7 assessors): every assessor gets figures, every unit a what-if total;
/// the time is printed (`cargo test --release --test domain_consistency -- --nocapture`).
#[test]
fn large_city_consistency() {
    let state = exemplar::domain::sample::large_city(2026);
    let round = state.rounds.last().expect("a round");
    let scheme = state.scheme(&round.scheme_id).expect("scheme");
    let t = std::time::Instant::now();
    let res = compute(round, scheme, &state.units, &state.outcomes).expect("scores");
    let compute_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = std::time::Instant::now();
    let c = assess(round, scheme, &res);
    let w = what_if(round, scheme, &res);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("large city: compute {compute_ms:.1} ms, consistency + what-if {ms:.1} ms");
    assert_eq!(c.len(), round.assessors.len());
    assert!(c.iter().all(|a| a.spearman.is_some()));
    assert_eq!(w.len(), round.unit_ids.len());
}

/// The fixture with a3's sheet for u1 as given.
fn with_a3_on_u1(points: &[&str]) -> (AppState, RoundResults) {
    let mut r = round("r1", 2026, &["u1", "u2"], &["a1", "a2", "a3"]);
    r.sheets = vec![
        sheet("u1", by("a1"), &["30", "25", "25"]),
        sheet("u2", by("a1"), &["32", "27", "26"]),
        sheet("u1", by("a2"), &["28", "21", "21"]),
        sheet("u2", by("a2"), &["30", "23", "22"]),
        sheet("u1", by("a3"), points),
        sheet("u2", by("a3"), &["25", "20", "20"]),
    ]
    .into();
    let units = ["u1", "u2"]
        .iter()
        .map(|u| unit(u, &format!("单位{u}"), UnitStatus::Named))
        .collect();
    let mut st = state(units, vec![r], vec![]);
    st.schemes[0].aggregation.trim_min_assessors = 0;
    let res = compute_round(&st, "r1").unwrap();
    (st, res)
}

/// A clerk's review: totals of 99, 77 and 28 made a 不合格 with nothing said beside it.
/// In the fixture the widest panel is u1's (80 − 60 = 20 of 100: under 30, not said);
/// a3 giving u1 nothing but 5s widens it to 80 − 15 = 65, said with who gave which.
#[test]
fn a_panel_split_by_thirty_points_of_a_hundred_is_said_with_who_gave_what() {
    let (st, res) = fixture(0);
    let full = st.schemes[0].full_points();
    assert_eq!(full, Points::whole(100));
    assert!(res.units.iter().all(|u| panel_split(u, full).is_none()));

    let (_, res) = with_a3_on_u1(&["5", "5", "5"]);
    let split = panel_split(res.unit("u1").unwrap(), full).expect("said");
    assert_eq!(split.lowest.1, Points::whole(15));
    assert_eq!(split.highest.1, Points::whole(80));
    assert_eq!(
        split.describe(),
        format!(
            "评委总分从 15（{}）到 80（{}），相差 65 分",
            split.lowest.0, split.highest.0
        )
    );
    assert!(panel_split(res.unit("u2").unwrap(), full).is_none());
    // A sheet left half done is no total: with a3's blank, 80 − 70 is all that is left.
    let (_, res) = with_a3_on_u1(&["5", "", "5"]);
    assert_eq!(panel_split(res.unit("u1").unwrap(), full), None);
}
