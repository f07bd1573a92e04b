//! Hooks for `scripts/bench` (not used by the app): each times one piece of work in the
//! browser on a document the benchmark passes in, so it can be set against the same
//! work done natively or by the browser's own `JSON.parse`. Exposed to the page as
//! `window.wasmBindings.*` by trunk's loader.

use wasm_bindgen::prelude::*;

use crate::domain::revisions::Stamp;
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

/// Median milliseconds over `runs` to save the whole state from nothing stored (every
/// part written, as after a restore) with read-back verification, and the stored
/// characters, as `[ms, chars]`.
#[wasm_bindgen]
pub fn exemplar_bench_save(doc: &str, runs: u32) -> Result<Vec<f64>, JsValue> {
    let state = parse(doc)?;
    let store = Store::new("exemplar-bench");
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let _ = store.clear();
        let t = now_ms();
        store
            .save(&state, 0, "2026-11-28T00:00:00Z")
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        times.push(now_ms() - t);
    }
    let chars = store.usage().app_chars;
    let _ = store.clear();
    Ok(vec![median(times), chars as f64])
}

/// One saved edit on the large city: saves `doc` once, then `runs` times changes one
/// score in the last round (a different sheet each time) and saves, as the app does
/// (`Store::save_by` on the stamp of the save before). Returns `[mean ms
/// of those saves, mean characters written (the manifest and any part written, as
/// stored), mean ms of a raw setItem+getItem of that same text, mean ms of a raw
/// setItem+getItem of the round's plain JSON]`. Means over many repetitions, because
/// the browser's clock ticks in 0.1 ms and a saved edit takes a few ticks.
#[wasm_bindgen]
pub fn exemplar_bench_edit_save(doc: &str, runs: u32) -> Result<Vec<f64>, JsValue> {
    const REPEAT: usize = 50;
    let mut state = parse(doc)?;
    let store = Store::new("exemplar-bench");
    let _ = store.clear();
    let err = |e: crate::store::StoreError| JsValue::from_str(&e.to_string());
    // As the app saves: on top of the stamp of its last save, as a named tab.
    let mut stamp = store
        .save_by(&state, &Stamp::new(0, ""), "bench", "2026-11-28T00:00:00Z")
        .map_err(err)?;
    let last = state.rounds.len().checked_sub(1).ok_or("no round")?;
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or("no local storage")?;
    // Mean ms of a raw setItem+getItem of each of `texts`.
    let raw = |texts: &[String]| -> Result<f64, JsValue> {
        let t = now_ms();
        for text in texts {
            for _ in 0..REPEAT {
                storage.set_item("exemplar-bench-raw", text)?;
                let _ = storage.get_item("exemplar-bench-raw")?;
            }
        }
        let ms = (now_ms() - t) / (REPEAT * texts.len().max(1)) as f64;
        let _ = storage.remove_item("exemplar-bench-raw");
        Ok(ms)
    };
    let runs = runs.max(1) as usize;
    let (mut total, mut written) = (0.0, Vec::new());
    for i in 0..runs {
        let sheets = &mut state.rounds[last].sheets;
        let n = sheets.len().max(1);
        if let Some(p) = sheets
            .get_mut(i * 37 % n)
            .and_then(|s| s.points.first_mut())
        {
            *p = Some(crate::domain::Points(
                if *p == Some(crate::domain::Points(100)) {
                    150
                } else {
                    100
                },
            ));
        }
        let before = store.part_names();
        let t = now_ms();
        stamp = store
            .save_by(&state, &stamp, "bench", "2026-11-28T00:00:01Z")
            .map_err(err)?;
        total += now_ms() - t;
        // What this save wrote: the manifest, and any part that was not there before.
        let mut text = store.read(&store.key_state()).unwrap_or_default();
        for name in store.part_names() {
            if !before.contains(&name) {
                text.push_str(&store.read(&store.key_part(&name)).unwrap_or_default());
            }
        }
        written.push(text);
    }
    let chars = written
        .iter()
        .map(|t| t.encode_utf16().count())
        .sum::<usize>() as f64;
    let plain = serde_json::to_string(&state.rounds[last]).unwrap_or_default();
    let _ = store.clear();
    Ok(vec![
        total / runs as f64,
        chars / runs as f64,
        raw(&written)?,
        raw(std::slice::from_ref(&plain))?,
    ])
}
