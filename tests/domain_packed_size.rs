//! The packed stored form of the large city: prints its size in characters and its
//! share of a 2.5-million-character quota (`--nocapture` to see it).
use exemplar::domain::{document, packing, sample};

#[test]
fn large_city_packed_fits_twice_with_room() {
    let state = sample::large_city(2026);
    let plain = document::serialize(&state, 1, "2026-11-28T00:00:00Z");
    let packed = packing::pack(&state, 1, "2026-11-28T00:00:00Z");
    let units = |s: &str| s.encode_utf16().count();
    let quota = 2_500_000f64;
    println!(
        "large city: plain {} chars ({:.1}% of quota), packed {} chars ({:.1}%), ratio {:.1}x",
        units(&plain),
        units(&plain) as f64 * 100.0 / quota,
        units(&packed),
        units(&packed) as f64 * 100.0 / quota,
        units(&plain) as f64 / units(&packed) as f64
    );
    assert_eq!(packing::parse_stored(&packed).unwrap().state, state);
    // The stored copy and the previous copy together stay under 40% of the quota.
    assert!((2 * units(&packed)) as f64 <= 0.4 * quota);
}
