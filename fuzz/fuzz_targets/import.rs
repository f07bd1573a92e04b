//! Arbitrary bytes as an exchange file, imported into a committee with data and into a
//! blank browser: must never panic; an accepted file must apply.
#![no_main]

use std::sync::OnceLock;

use exemplar::domain::exchange::{apply, preview, preview_many, Decisions, ImportOptions};
use exemplar::domain::{sample, AppState};
use libfuzzer_sys::fuzz_target;

fn committee() -> &'static AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE.get_or_init(|| sample::sample_city(1))
}

fuzz_target!(|data: &[u8]| {
    let blank = AppState::default();
    for st in [committee(), &blank] {
        if let Ok(p) = preview(st, "fuzz.json", data, &ImportOptions::default()) {
            let _ = p.groups();
            let _ = apply(st, &p, &Decisions::default());
        }
        let _ = preview_many(
            st,
            &[("fuzz.json".to_string(), data.to_vec())],
            &ImportOptions { accept_unverified: true },
        );
    }
});
