//! Hooks for `scripts/bench` (not used by the app): each times one piece of work in the
//! browser on a document the benchmark passes in, so it can be set against the same
//! work done natively or by the browser's own `JSON.parse`. Exposed to the page as
//! `window.wasmBindings.*` by trunk's loader.

use wasm_bindgen::prelude::*;

use crate::domain::{document, scoring, validation};
use crate::store::Store;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn parse(doc: &str) -> Result<crate::domain::AppState, JsValue> {
    document::parse(doc)
        .map(|d| d.state)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Median milliseconds over `runs` to recompute every round's results.
#[wasm_bindgen]
pub fn exemplar_bench_recompute(doc: &str, runs: u32) -> Result<f64, JsValue> {
    let state = parse(doc)?;
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let t = now_ms();
        for r in &state.rounds {
            scoring::compute_round(&state, &r.id).map_err(|e| JsValue::from_str(&e.to_string()))?;
        }
        times.push(now_ms() - t);
    }
    Ok(median(times))
}

/// Median milliseconds over `runs` to import a full backup: parse, migrate, validate.
#[wasm_bindgen]
pub fn exemplar_bench_import(doc: &str, runs: u32) -> Result<f64, JsValue> {
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let t = now_ms();
        let state = parse(doc)?;
        let _ = validation::validate_state(&state);
        times.push(now_ms() - t);
    }
    Ok(median(times))
}

/// Median milliseconds over `runs` to save the state with read-back verification,
/// and the stored characters, as `[ms, chars]`.
#[wasm_bindgen]
pub fn exemplar_bench_save(doc: &str, runs: u32) -> Result<Vec<f64>, JsValue> {
    let state = parse(doc)?;
    let store = Store::new("exemplar-bench");
    let _ = store.clear();
    let mut times = Vec::new();
    let mut rev = 0;
    for _ in 0..runs.max(1) {
        let t = now_ms();
        rev = store
            .save(&state, rev, "2026-11-28T00:00:00Z")
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        times.push(now_ms() - t);
    }
    let chars = store
        .read(&store.key_state())
        .map(|v| v.encode_utf16().count())
        .unwrap_or(0);
    let _ = store.clear();
    Ok(vec![median(times), chars as f64])
}
