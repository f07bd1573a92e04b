//! Property tests of the exchange: export → import is the identity for every kind it
//! applies to, and the import never panics on anything ("poor man's fuzz": thousands
//! of mutated files, byte-level and structure-aware, re-signed so they reach the
//! scope and validation steps). An accepted file never makes the state invalid.
#![cfg(not(target_arch = "wasm32"))]

mod exchange_support;

use std::path::Path;

use exchange_support::*;
use exemplar::domain::exchange::*;
use exemplar::domain::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// A valid cell of the default scheme's indicators: blank or a multiple of 0.5 up to max.
fn cells(scheme: &Scheme, picks: &[(bool, u32)]) -> Vec<Option<Points>> {
    scheme
        .indicators()
        .zip(picks.iter().cycle())
        .map(|(ind, &(blank, k))| {
            if blank {
                None
            } else {
                let steps = (ind.max.hundredths() / ind.step.hundredths()) as u32;
                Some(Points(i64::from(k % (steps + 1)) * ind.step.hundredths()))
            }
        })
        .collect()
}

fn picks() -> impl Strategy<Value = Vec<(bool, u32)>> {
    prop::collection::vec((prop::bool::weighted(0.15), 0u32..1000), 22)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// An assessor's sheets, exported and imported into the committee that issued the
    /// task, are the sheets the assessor entered; nothing else changes.
    #[test]
    fn assessor_sheets_round_trip(which in 0usize..2, grid in prop::collection::vec(picks(), 3)) {
        let mut committee = committee();
        let assessor = ["a1", "a2"][which];
        let mut copy = assessor_copy(&mut committee, assessor);
        let scheme = copy.schemes[0].clone();
        let src = SheetSource::Assessor(assessor.into());
        let units = copy.rounds[0].unit_ids.clone();
        for (u, g) in units.iter().zip(grid.iter()) {
            let round = &mut copy.rounds[0];
            let pts = cells(&scheme, g);
            match round.sheets.iter_mut().find(|s| &s.unit_id == u && s.source == src) {
                Some(s) => { s.points = pts; s.meta.touch(LATER, assessor); }
                None => {
                    let mut s = sheet(&scheme, u, src.clone());
                    s.points = pts;
                    s.meta = RecordMeta::default();
                    s.meta.touch(LATER, assessor);
                    round.sheets.push(s);
                }
            }
        }
        let file = export_assessor_return(&copy, LATER).expect("exports");
        let p = preview(&committee, "a.json", file.as_bytes(), &ImportOptions::default()).expect("previews");
        let next = apply(&committee, &p, &Decisions::default()).expect("applies");
        for u in &units {
            prop_assert_eq!(next.rounds[0].sheet(u, &src), copy.rounds[0].sheet(u, &src));
        }
        let others = |st: &AppState| st.rounds[0].sheets.iter().filter(|s| s.source != src).cloned().collect::<Vec<_>>();
        prop_assert_eq!(others(&next), others(&committee));
        // Besides the sheets, only the record that the file was received, and the
        // ledger's note of the sheets as the base of the assessor's next return.
        prop_assert_eq!(next.exchange.received.len(), 1);
        let mut rest = next.clone();
        rest.rounds = committee.rounds.clone();
        rest.exchange.received.clear();
        rest.exchange.sent = committee.exchange.sent.clone();
        prop_assert_eq!(rest, committee);
    }

    /// A unit's return (self-assessment, new outcomes, rectification progress),
    /// imported by the committee, gives the committee exactly the unit's records.
    #[test]
    fn unit_records_round_trip(
        g in picks(),
        // A title is never blank (the limits refuse one): it starts with a non-space.
        titles in prop::collection::vec("[a-zA-Z0-9<>/\\p{Han}][a-zA-Z0-9 <>/\\p{Han}]{0,15}", 0..4),
        note in "[\\p{Han}a-z ]{0,30}",
    ) {
        let mut committee = committee();
        let mut copy = unit_copy(&mut committee);
        let scheme = copy.schemes[0].clone();
        for t in &titles {
            let id = copy.new_id("o");
            let mut o = outcome(&id, "u1", t);
            o.meta = RecordMeta::default();
            o.meta.touch(LATER, "u1");
            copy.outcomes.push(o);
        }
        let s = copy.rounds[0].sheets.iter_mut().find(|s| s.source == SheetSource::SelfAssessment).expect("self");
        s.points = cells(&scheme, &g);
        s.meta.touch(LATER, "u1");
        copy.rectifications[0].progress.push(ProgressNote::progress("2026-10-01", note.clone()));
        copy.rectifications[0].meta.touch(LATER, "u1");
        let file = export_unit_return(&copy, LATER).expect("exports");
        let p = preview(&committee, "u.json", file.as_bytes(), &ImportOptions::default()).expect("previews");
        let next = apply(&committee, &p, &Decisions::default()).expect("applies");
        let mine = |st: &AppState| st.outcomes.iter().filter(|o| o.unit_id == "u1").cloned().collect::<Vec<_>>();
        prop_assert_eq!(mine(&next), mine(&copy));
        prop_assert_eq!(&next.rectifications, &copy.rectifications);
        prop_assert_eq!(
            next.rounds[0].sheet("u1", &SheetSource::SelfAssessment),
            copy.rounds[0].sheet("u1", &SheetSource::SelfAssessment)
        );
        prop_assert_eq!(&next.units, &committee.units);
    }

    /// A full backup restores the state exactly; a task file gives the recipient the
    /// committee's scheme and its own records unchanged.
    #[test]
    fn backup_and_task_files_round_trip(seed in 0u64..1000) {
        let mut city = sample::sample_city(seed);
        let file = export_backup(&city, LATER);
        let blank = AppState::default();
        let p = preview(&blank, "b.json", file.as_bytes(), &ImportOptions::default()).expect("previews");
        prop_assert_eq!(&apply(&blank, &p, &Decisions::default()).expect("applies"), &city);

        let round = city.rounds[1].clone();
        let unit_id = round.unit_ids[(seed as usize) % round.unit_ids.len()].clone();
        let task = export_to_unit(&mut city, &round.id, &unit_id, ISSUED, ENTROPY).expect("exports");
        let copy = open_task(&task);
        prop_assert_eq!(copy.scheme(&round.scheme_id), city.scheme(&round.scheme_id));
        prop_assert_eq!(copy.unit(&unit_id), city.unit(&unit_id));
        let own = |st: &AppState| st.outcomes.iter().filter(|o| o.unit_id == unit_id).cloned().collect::<Vec<_>>();
        prop_assert_eq!(own(&copy), own(&city));
        prop_assert_eq!(
            copy.rounds[0].sheet(&unit_id, &SheetSource::SelfAssessment),
            round.sheet(&unit_id, &SheetSource::SelfAssessment)
        );
        // And its untouched return changes nothing at the committee.
        let back = export_unit_return(&copy, LATER).expect("exports");
        let p = preview(&city, "u.json", back.as_bytes(), &ImportOptions::default()).expect("previews");
        prop_assert!(p.is_noop());
    }
}

// ---------------------------------------------------------------------------
// Poor man's fuzz
// ---------------------------------------------------------------------------

fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(load_seeds)
}

fn load_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["exchange", "bad"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if p.extension().is_some_and(|e| e == "json") {
                    out.push(std::fs::read(p).unwrap_or_default());
                }
            }
        }
    }
    assert!(out.len() > 50, "fixtures present");
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..16),
                Just(b"\"".to_vec()),
                Just(b"[{".to_vec()),
                Just(b"\\u0000".to_vec()),
                Just(b"99999999999999999999".to_vec()),
            ]
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0usize..256).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if !bytes.is_empty() {
                    let k = i % bytes.len();
                    bytes[k] ^= b | 1;
                }
            }
            Mutation::Delete(i, n) => {
                let a = i % len;
                let b = (a + n).min(bytes.len());
                if a < b {
                    bytes.drain(a..b);
                }
            }
            Mutation::Insert(i, ins) => {
                let a = (i % len).min(bytes.len());
                bytes.splice(a..a, ins.iter().copied());
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            Mutation::Duplicate(i, n) => {
                let a = i % len;
                let b = (a + n).min(bytes.len());
                if a < b {
                    let piece = bytes[a..b].to_vec();
                    bytes.splice(b..b, piece);
                }
            }
        }
    }
    bytes
}

/// Imports into the committee and a blank browser: never panics; an accepted file
/// applies and never adds a validation error.
fn exercise(bytes: &[u8]) -> Result<(), TestCaseError> {
    for st in [committee(), AppState::default()] {
        let before = ser(&st);
        if let Ok(p) = preview(&st, "f.json", bytes, &ImportOptions::default()) {
            let _ = p.groups();
            if let Ok(next) = apply(&st, &p, &Decisions::default()) {
                let had = validate_state(&st).err().map_or(0, |e| e.len());
                let has = validate_state(&next).err().map_or(0, |e| e.len());
                prop_assert!(
                    has <= had || p.replaces_state,
                    "an accepted file added errors"
                );
            }
        }
        let _ = preview_many(
            &st,
            &[("f.json".into(), bytes.to_vec())],
            &ImportOptions::default(),
        );
        prop_assert_eq!(ser(&st), before);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_never_panic(which in any::<usize>(), ms in prop::collection::vec(mutation(), 1..5)) {
        let seeds = seeds();
        let bytes = mutate(seeds[which % seeds.len()].clone(), &ms);
        exercise(&bytes)?;
    }
}

/// A random replacement for a JSON value.
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1e300)),
        Just(json!(4.5)),
        Just(json!(18446744073709551615u64)),
        Just(json!("")),
        Just(json!("u2")),
        Just(json!("u999")),
        Just(json!("r1")),
        Just(json!("2026-02-30")),
        Just(json!("<script>alert(1)</script>")),
        Just(json!("SelfAssessment")),
        Just(json!({"Assessor": "a2"})),
        Just(json!({"Assessor": "a1"})),
        Just(json!(true)),
        Just(json!([])),
        Just(json!({})),
        "[\\p{Han}a-z0-9]{0,12}".prop_map(Value::String),
    ]
}

/// Replaces the `k`-th value (pre-order) of `v` by `new`, or removes it from its
/// parent when `remove`.
fn replace_nth(v: &mut Value, k: &mut usize, new: &Value, remove: bool) -> bool {
    let children: Vec<String> = match v {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
        _ => Vec::new(),
    };
    for c in children {
        let hit = *k == 0;
        if hit {
            match v {
                Value::Object(m) => {
                    if remove {
                        m.remove(&c);
                    } else {
                        m.insert(c, new.clone());
                    }
                }
                Value::Array(a) => {
                    let i: usize = c.parse().unwrap_or(0);
                    if remove {
                        a.remove(i);
                    } else {
                        a[i] = new.clone();
                    }
                }
                _ => {}
            }
            return true;
        }
        *k -= 1;
        let child = match v {
            Value::Object(m) => m.get_mut(&c),
            Value::Array(a) => c.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        if let Some(child) = child {
            if replace_nth(child, k, new, remove) {
                return true;
            }
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Structure-aware: a valid return file with one value replaced or removed, then
    /// re-checksummed and re-signed with the right code, so it reaches scope and
    /// validation.
    #[test]
    fn mutated_contents_never_panic_and_never_corrupt(
        assessor in any::<bool>(),
        edits in prop::collection::vec((any::<usize>(), junk(), prop::bool::weighted(0.2)), 1..4),
    ) {
        let mut c = committee();
        let (file, party) = if assessor {
            let mut copy = assessor_copy(&mut c, "a1");
            assessor_works(&mut copy, Points(300));
            (export_assessor_return(&copy, LATER).expect("exports"), Party::Assessor("a1".into()))
        } else {
            let mut copy = unit_copy(&mut c);
            unit_works(&mut copy);
            (export_unit_return(&copy, LATER).expect("exports"), Party::Unit("u1".into()))
        };
        let code = code(&c, party);
        let mut env: Value = serde_json::from_str(&file).expect("env");
        let mut content: Value = serde_json::from_str(env["content"].as_str().expect("s")).expect("c");
        for (k, new, remove) in &edits {
            let mut n = k % 400;
            replace_nth(&mut content, &mut n, new, *remove);
        }
        let text = content.to_string();
        env["checksum"] = json!(checksum(&text));
        env["signature"] = json!(sign(&code, &text));
        env["content"] = json!(text);
        exercise(serde_json::to_string(&env).expect("s").as_bytes())?;
    }
}
