//! The native half of `scripts/bench`: writes the large city as a backup file and
//! times recomputing every round natively, so the browser's figure can be set against
//! it. `cargo run --release --example bench_native -- OUT.json`
use std::time::Instant;

use exemplar::domain::{document, sample, scoring};

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "large-city.json".into());
    let t = Instant::now();
    let state = sample::large_city(2026);
    let generate_ms = t.elapsed().as_secs_f64() * 1000.0;
    let doc = document::serialize(&state, 1, "2026-11-28T00:00:00Z");
    if let Err(e) = std::fs::write(&out, &doc) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for r in &state.rounds {
            if let Err(e) = scoring::compute_round(&state, &r.id) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    // For reading the import figure: where a native import's time goes.
    let t = Instant::now();
    let parsed = document::parse(&doc).map(|d| d.state);
    let parse_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    if let Ok(s) = &parsed {
        let _ = exemplar::domain::validate_state(s);
    }
    let validate_ms = t.elapsed().as_secs_f64() * 1000.0;
    eprintln!("native import: parse {parse_ms:.1} ms, validate {validate_ms:.1} ms");
    let rounds = state.rounds.len();
    let units = state.units.len();
    let scores: usize = state
        .rounds
        .iter()
        .map(|r| r.sheets.iter().map(|s| s.points.len()).sum::<usize>())
        .sum();
    println!(
        "{{\"native_recompute_ms\":{:.3},\"generate_ms\":{:.1},\"rounds\":{rounds},\"units\":{units},\"scores\":{scores},\"backup_chars\":{}}}",
        times[2],
        generate_ms,
        doc.encode_utf16().count()
    );
}
