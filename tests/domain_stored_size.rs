//! Measures the stored size of the large city (issue 3, "must show" 4). Run with
//! `cargo test --test domain_stored_size -- --nocapture` to see the figures.

use exemplar::domain::compact::stored_chars;
use exemplar::domain::sample::large_city;

/// Local storage holds about 2.5 million characters in the worst browser.
const QUOTA: usize = 2_500_000;

#[test]
fn large_city_fits_with_room_for_a_backup() {
    let st = large_city(2026);
    let total = stored_chars(&st).unwrap();
    let scores: usize = st
        .rounds
        .iter()
        .map(|r| r.sheets.iter().map(|s| s.points.len()).sum::<usize>())
        .sum();
    let sheets: usize = st.rounds.iter().map(|r| r.sheets.len()).sum();
    let rounds_only: usize = st
        .rounds
        .iter()
        .map(|r| serde_json::to_string(r).unwrap().encode_utf16().count())
        .sum();
    let part = |v: usize| 100.0 * v as f64 / total as f64;
    let size = |x: &dyn Fn() -> String| x().encode_utf16().count();
    let units = size(&|| serde_json::to_string(&st.units).unwrap());
    let outcomes = size(&|| serde_json::to_string(&st.outcomes).unwrap());
    let schemes = size(&|| serde_json::to_string(&st.schemes).unwrap());
    println!(
        "large city: {} units, {} rounds, {} sheets, {} scores",
        st.units.len(),
        st.rounds.len(),
        sheets,
        scores
    );
    println!(
        "whole state:      {total:>9} chars ({:.1}% of {QUOTA})",
        100.0 * total as f64 / QUOTA as f64
    );
    println!(
        "rounds (sheets):  {rounds_only:>9} chars ({:.1}% of the state), {:.3} chars per score",
        part(rounds_only),
        rounds_only as f64 / scores as f64
    );
    println!(
        "units:            {units:>9} chars ({:.1}% of the state)",
        part(units)
    );
    println!(
        "outcomes:         {outcomes:>9} chars ({:.1}% of the state), {} outcomes",
        part(outcomes),
        st.outcomes.len()
    );
    println!(
        "schemes:          {schemes:>9} chars ({:.1}% of the state)",
        part(schemes)
    );
    let mut grid = 0;
    for r in &st.rounds {
        let v = serde_json::to_value(r).unwrap();
        let strings = v["sa"].as_array().into_iter().flatten().chain(v.get("ss"));
        grid += strings
            .filter_map(|x| x.as_str())
            .map(str::len)
            .sum::<usize>();
    }
    println!(
        "score strings alone: {grid:>6} chars, {:.3} chars per score",
        grid as f64 / scores as f64
    );
    let rest = total - rounds_only - units - outcomes - schemes;
    println!("other records (resources, pairings, rectifications, guidance): {rest} chars");
    println!(
        "chars per score over the whole state: {:.3}",
        total as f64 / scores as f64
    );
    assert_eq!(scores, 300 * 8 * 50 * 5);
    // The score sheets of the large city (with their metadata, evidence notes and
    // adjustments) take at most 40% of the quota.
    assert!(rounds_only <= QUOTA * 40 / 100, "rounds: {rounds_only}");
    assert!(rounds_only as f64 / (scores as f64) < 1.4);
    // The whole state, with the generator's volume of outcomes and other records,
    // stays under 60% (see docs/performance.md for what that leaves).
    assert!(total <= QUOTA * 60 / 100, "whole state: {total}");
}
