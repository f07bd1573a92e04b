//! The 结果 page's figures on the large city (300 units, 50 indicators, 7 assessors):
//! every unit gets a row with a rank and a type, and the time to prepare them is
//! printed (`cargo test --release --test domain_report_large -- --nocapture`).
use std::time::Instant;

use exemplar::domain::report::{self, Sort, SortKey};
use exemplar::domain::sample;

#[test]
fn large_city_ranking_rows() {
    let state = sample::large_city(2026);
    let round = report::latest_round(&state).expect("a round").id.clone();
    let t = Instant::now();
    let r = report::round_report(&state, &round).expect("scores");
    let compute_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut rows = report::ranking_rows(&r);
    report::sort_rows(&mut rows, Sort::default().click(SortKey::Total));
    let rows_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("large city, 1 round: report {compute_ms:.1} ms, rows + sort {rows_ms:.2} ms");
    assert_eq!(rows.len(), 300);
    assert!(rows
        .iter()
        .all(|x| x.rank.is_some() && x.suggested.is_some()));
    assert!(rows.windows(2).all(|w| w[0].total >= w[1].total));
}

#[test]
fn large_city_one_compute() {
    let state = sample::large_city(2026);
    let round = report::latest_round(&state).expect("a round").id.clone();
    let t = Instant::now();
    let _ = exemplar::domain::compute_round(&state, &round).expect("scores");
    println!(
        "compute_round once: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let _ =
        exemplar::domain::lifecycle::propose_changes(&state, &round, "2026-12-01").expect("scores");
    println!(
        "propose_changes: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
