//! Arbitrary bytes as a backup chosen in 数据管理 → 从备份恢复: must never panic; a
//! restored state must pass the checks, and must be what the exchange import of the
//! same bytes as a backup accepts or refuses alike.
#![no_main]

use exemplar::domain::exchange::{check_state, preview, read_restore, ImportOptions};
use exemplar::domain::AppState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = read_restore(data) {
        assert!(check_state(&r.state).is_ok(), "a restored state passes the checks");
        // The same bytes through 数据交换: an exchange backup is accepted there too.
        let blank = AppState::default();
        if let Ok(p) = preview(&blank, "fuzz.json", data, &ImportOptions::default()) {
            assert!(p.replaces_state);
        }
    }
});
