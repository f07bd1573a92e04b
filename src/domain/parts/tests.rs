use std::collections::HashMap;

use super::*;
use crate::domain::points::Points;
use crate::domain::sample::sample_city;

/// A stand-in for local storage: part name → packed text.
type Parts = HashMap<String, String>;

fn write_all(store: &mut Parts, plan: &SavePlan) {
    for p in &plan.writes {
        store.insert(p.name.clone(), p.value.clone());
    }
}

fn first_save(state: &AppState, rev: u64) -> (SavePlan, Parts, PartCache) {
    let mut cache = PartCache::default();
    let plan = plan_save(state, &cache, None, &Stamp::new(rev, "ta"), "", "t1");
    let mut parts = Parts::new();
    write_all(&mut parts, &plan);
    cache.commit(state, &plan);
    (plan, parts, cache)
}

#[test]
fn a_state_saved_as_parts_joins_back_to_the_same_state() {
    let s = sample_city(7);
    assert!(s.rounds.len() >= 2, "the sample has several rounds");
    let (plan, parts, _) = first_save(&s, 1);
    // Nothing stored before: the rest and every round are written.
    assert_eq!(plan.written(), 1 + s.rounds.len());
    let stored = plan.manifest.to_stored();
    assert!(is_manifest(&stored));
    let m = parse_manifest(&stored).unwrap();
    assert_eq!(m, plan.manifest);
    let doc = join(&m, |n| parts.get(n).cloned()).unwrap();
    assert_eq!(doc.state, s);
    assert_eq!(doc.rev, 1);
    // The manifest's header reads like a packed document's.
    let h = crate::domain::revisions::peek(&stored).unwrap();
    assert_eq!(h.stamp, Stamp::new(1, "ta"));
}

/// Changes score `col` of sheet `at` of round `round` (to 1.5, or 2 if it was 1.5).
fn retype(s: &mut AppState, round: usize, at: usize, col: usize) {
    let p = &mut s.rounds[round].sheets[at].points[col];
    *p = Some(Points(if *p == Some(Points(150)) { 200 } else { 150 }));
}

/// Whether a stored manifest says it carries changed sheets.
fn carries_sheets(stored: &str) -> bool {
    stored
        .lines()
        .next()
        .is_some_and(|l| l.contains("\"packing\":\"parts+sheets\""))
}

/// Plans the save of `next` on top of `m` and "writes" it.
fn save(
    next: &AppState,
    m: &Manifest,
    parts: &mut Parts,
    cache: &mut PartCache,
    rev: u64,
) -> SavePlan {
    let plan = plan_save(next, cache, Some(m), &Stamp::new(rev, "ta"), "ta", "t");
    write_all(parts, &plan);
    cache.commit(next, &plan);
    plan
}

#[test]
fn one_score_typed_rewrites_only_the_manifest() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let mut next = s.clone();
    let last = next.rounds.len() - 1;
    retype(&mut next, last, 0, 0);
    let plan2 = save(&next, &plan1.manifest, &mut parts, &mut cache, 2);
    // No part is written: every part is kept, and the manifest carries the one sheet.
    assert_eq!(plan2.written(), 0);
    assert_eq!(plan2.manifest.rest, plan1.manifest.rest);
    assert_eq!(plan2.manifest.rounds, plan1.manifest.rounds);
    assert_eq!(plan2.manifest.sheets.len(), 1);
    let d = &plan2.manifest.sheets[0];
    assert_eq!((d.round, d.at), (last, 0));
    assert_eq!(d.sheet, next.rounds[last].sheets[0]);
    let stored = plan2.manifest.to_stored();
    assert!(carries_sheets(&stored));
    assert!(
        stored.len() < 2_000,
        "a few hundred characters: {}",
        stored.len()
    );
    let back = read_stored(&stored, |n| parts.get(n).cloned()).unwrap();
    assert_eq!(back.state, next);
    // Read back (as after a reload), a second score in another sheet: the manifest
    // carries both.
    let m2 = parse_manifest(&stored).unwrap();
    let mut cache = PartCache::of(&back.state, &m2);
    let mut third = back.state.clone();
    retype(&mut third, last, 1, 2);
    let plan3 = save(&third, &m2, &mut parts, &mut cache, 3);
    assert_eq!(plan3.written(), 0);
    let at: Vec<(usize, usize)> = plan3
        .manifest
        .sheets
        .iter()
        .map(|d| (d.round, d.at))
        .collect();
    assert_eq!(at, [(last, 0), (last, 1)]);
    let joined = join(&plan3.manifest, |n| parts.get(n).cloned()).unwrap();
    assert_eq!(joined.state, third);
    // A change to the rest only (a unit renamed) writes the rest only, and the
    // manifest still carries the sheets.
    let mut fourth = third.clone();
    fourth.units[0].name.push('甲');
    let plan4 = save(&fourth, &plan3.manifest, &mut parts, &mut cache, 4);
    assert_eq!(plan4.written(), 1);
    assert_ne!(plan4.manifest.rest, plan3.manifest.rest);
    assert_eq!(plan4.manifest.rounds, plan3.manifest.rounds);
    assert_eq!(plan4.manifest.sheets, plan3.manifest.sheets);
    assert_eq!(
        join(&plan4.manifest, |n| parts.get(n).cloned())
            .unwrap()
            .state,
        fourth
    );
}

#[test]
fn past_the_most_sheets_carried_the_round_is_written_again() {
    let s = sample_city(7);
    let last = s.rounds.len() - 1;
    assert!(
        s.rounds[last].sheets.len() > MAX_SHEETS,
        "enough sheets to go past the limit"
    );
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let mut next = s.clone();
    let mut m = plan1.manifest.clone();
    for k in 0..MAX_SHEETS {
        retype(&mut next, last, k, 0);
        m = save(&next, &m, &mut parts, &mut cache, 2 + k as u64).manifest;
        assert_eq!(m.sheets.len(), k + 1);
    }
    assert_eq!(
        m.rounds, plan1.manifest.rounds,
        "no round part written so far"
    );
    retype(&mut next, last, MAX_SHEETS, 0);
    let plan = save(&next, &m, &mut parts, &mut cache, 99);
    assert_eq!(plan.written(), 1, "the round's part, and nothing else");
    assert!(plan.manifest.sheets.is_empty());
    assert_ne!(plan.manifest.rounds[last], plan1.manifest.rounds[last]);
    assert_eq!(
        join(&plan.manifest, |n| parts.get(n).cloned())
            .unwrap()
            .state,
        next
    );
}

#[test]
fn an_added_sheet_is_carried_and_a_removed_one_rewrites_the_round() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let last = s.rounds.len() - 1;
    let mut next = s.clone();
    let mut extra = next.rounds[last].sheets[0].clone();
    extra.unit_id = "新增的单位".into();
    next.rounds[last].sheets.push(extra);
    let n = next.rounds[last].sheets.len();
    let plan2 = save(&next, &plan1.manifest, &mut parts, &mut cache, 2);
    assert_eq!(plan2.written(), 0);
    assert_eq!(
        plan2
            .manifest
            .sheets
            .iter()
            .map(|d| d.at)
            .collect::<Vec<_>>(),
        [n - 1]
    );
    assert_eq!(
        join(&plan2.manifest, |n| parts.get(n).cloned())
            .unwrap()
            .state,
        next
    );
    let mut third = next.clone();
    third.rounds[last].sheets.remove(0);
    let plan3 = save(&third, &plan2.manifest, &mut parts, &mut cache, 3);
    assert_eq!(plan3.written(), 1);
    assert!(plan3.manifest.sheets.is_empty());
    assert_eq!(
        join(&plan3.manifest, |n| parts.get(n).cloned())
            .unwrap()
            .state,
        third
    );
}

#[test]
fn a_carried_sheet_past_its_rounds_sheets_is_an_error() {
    let s = sample_city(2);
    let (plan, parts, _) = first_save(&s, 1);
    let mut m = plan.manifest.clone();
    let sheet = s.rounds[0].sheets[0].clone();
    m.sheets.push(SheetDelta {
        round: 0,
        at: s.rounds[0].sheets.len() + 1,
        sheet: sheet.clone(),
    });
    assert!(matches!(
        join(&m, |n| parts.get(n).cloned()),
        Err(DocumentError::BadContent(_))
    ));
    m.sheets = vec![SheetDelta {
        round: 99,
        at: 0,
        sheet,
    }];
    assert!(join(&m, |n| parts.get(n).cloned()).is_err());
}

#[test]
fn a_crash_between_part_writes_leaves_the_last_saved_state_whole() {
    let s = sample_city(3);
    let (plan1, mut parts, cache) = first_save(&s, 1);
    let old_manifest = plan1.manifest.to_stored();
    let mut next = s.clone();
    next.units[0].name = "改名后的支部".into();
    // A change to the round besides its sheets: its part is written again.
    next.rounds[0].name.push('乙');
    let plan2 = plan_save(
        &next,
        &cache,
        Some(&plan1.manifest),
        &Stamp::new(2, "ta"),
        "ta",
        "t2",
    );
    assert_eq!(plan2.written(), 2, "the rest and the first round changed");
    // The first part is written, then the page dies: the manifest is the old one.
    let p = &plan2.writes[0];
    parts.insert(p.name.clone(), p.value.clone());
    let doc = read_stored(&old_manifest, |n| parts.get(n).cloned()).unwrap();
    assert_eq!(
        doc.state, s,
        "exactly the last saved state, no part of the new one"
    );
    assert_eq!(doc.rev, 1);
    // Every part the new manifest needs that was not written is missing: reading it
    // would be an error, never a mix.
    let missing = plan2.writes[1].name.clone();
    assert!(join(&plan2.manifest, |n| parts.get(n).cloned()).is_err());
    assert!(!parts.contains_key(&missing));
}

#[test]
fn parts_are_reused_only_when_the_stored_manifest_names_them() {
    let s = sample_city(5);
    let (_plan1, _parts, cache) = first_save(&s, 1);
    // Another writer replaced the stored manifest: nothing can be taken for granted.
    let plan = plan_save(&s, &cache, None, &Stamp::new(2, "ta"), "", "t2");
    assert_eq!(plan.written(), 1 + s.rounds.len());
}

#[test]
fn a_damaged_or_missing_part_is_an_error_and_a_newer_manifest_is_refused() {
    let s = sample_city(2);
    let (plan, parts, _) = first_save(&s, 4);
    let name = plan.manifest.rounds[0].clone();
    let mut bad = parts.clone();
    let v = bad[&name].replacen('\n', "\n䀀", 1);
    bad.insert(name.clone(), v);
    assert!(matches!(
        join(&plan.manifest, |n| bad.get(n).cloned()),
        Err(DocumentError::NotJson(_))
    ));
    let mut gone = parts.clone();
    gone.remove(&name);
    assert!(join(&plan.manifest, |n| gone.get(n).cloned()).is_err());
    let newer = plan
        .manifest
        .to_stored()
        .replacen("\"schema\":1", "\"schema\":9", 1);
    assert!(matches!(
        read_stored(&newer, |n| parts.get(n).cloned()),
        Err(DocumentError::NewerSchema { found: 9, .. })
    ));
}

#[test]
fn unused_parts_are_those_no_kept_manifest_names() {
    let m = |rest: &str, rounds: &[&str]| Manifest {
        schema: 1,
        stamp: Stamp::default(),
        parent_writer: String::new(),
        saved_at: String::new(),
        rest: rest.into(),
        rounds: rounds.iter().map(|s| s.to_string()).collect(),
        sheets: Vec::new(),
    };
    let now = m("a", &["b", "c"]);
    let previous = m("a", &["b", "d"]);
    let stored: Vec<String> = ["a", "b", "c", "d", "e", "f"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // By hand: a, b, c, d are named; e and f are not.
    assert_eq!(unused_parts(&stored, &[&now, &previous]), vec!["e", "f"]);
}

/// The value main stored before parts existed (`tests/fixtures/stored/`, made with
/// `packing::pack_stamped(&sample_city(2026), &Stamp::new(7, "tmain"), "tprev", …)`).
const MAIN_STORED: &str = include_str!("../../../tests/fixtures/stored/main-packed-state.txt");

#[test]
fn the_value_main_stores_today_loads_and_is_rewritten_as_parts() {
    assert!(!is_manifest(MAIN_STORED));
    let doc = read_stored(MAIN_STORED, |_| None).unwrap();
    // Figures of sample_city(2026) when the fixture was written: 41 units, 2 rounds,
    // the first unit 市民政局综合科党支部; the header said rev 7 by tab "tmain".
    assert_eq!(doc.rev, 7);
    assert_eq!(doc.saved_at, "2026-11-30T08:00:00Z");
    assert_eq!(doc.state.units.len(), 41);
    assert_eq!(doc.state.rounds.len(), 2);
    assert_eq!(doc.state.units[0].name, "市民政局综合科党支部");
    let h = crate::domain::revisions::peek(MAIN_STORED).unwrap();
    assert_eq!(h.stamp, Stamp::new(7, "tmain"));
    // The first save after loading it: nothing is cached and the stored value names no
    // parts, so every part is written, and the new manifest joins back to the same data.
    let plan = plan_save(
        &doc.state,
        &PartCache::default(),
        None,
        &Stamp::new(8, "tnew"),
        "tmain",
        "2026-12-01T00:00:00Z",
    );
    assert_eq!(plan.written(), 3, "the rest and the two rounds");
    let parts: Parts = plan
        .writes
        .iter()
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect();
    let again = read_stored(&plan.manifest.to_stored(), |n| parts.get(n).cloned()).unwrap();
    assert_eq!(again.state, doc.state);
    assert_eq!(again.rev, 8);
}

/// The value main stored as parts before manifests carried sheets
/// (`tests/fixtures/stored/main-parts-state.json`: the manifest and its parts, made by
/// main at 1d00613 with `plan_save(&sample_city(2026), …, &Stamp::new(5, "tmain"),
/// "tprev", "2026-12-01T08:00:00Z")`).
const MAIN_PARTS: &str = include_str!("../../../tests/fixtures/stored/main-parts-state.json");

#[test]
fn the_parts_main_stores_today_load_and_a_typed_score_is_carried_in_the_manifest() {
    let v: serde_json::Value = serde_json::from_str(MAIN_PARTS).unwrap();
    let manifest = v["manifest"].as_str().unwrap();
    let mut parts: Parts = v["parts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, p)| (k.clone(), p.as_str().unwrap().to_string()))
        .collect();
    assert!(manifest
        .lines()
        .next()
        .unwrap()
        .contains("\"packing\":\"parts\""));
    let doc = read_stored(manifest, |n| parts.get(n).cloned()).unwrap();
    // Figures of sample_city(2026) when the fixture was written: 41 units, 2 rounds,
    // the first unit 市民政局综合科党支部; rev 5 by tab "tmain".
    assert_eq!(doc.rev, 5);
    assert_eq!(doc.state.units.len(), 41);
    assert_eq!(doc.state.rounds.len(), 2);
    assert_eq!(doc.state.units[0].name, "市民政局综合科党支部");
    // Loaded as the store does, then a score typed in the second round: no part is
    // written, the manifest carries the sheet, and it all reads back.
    let m = parse_manifest(manifest).unwrap();
    let mut cache = PartCache::of(&doc.state, &m);
    let mut next = doc.state.clone();
    retype(&mut next, 1, 3, 0);
    let plan = save(&next, &m, &mut parts, &mut cache, 6);
    assert_eq!(plan.written(), 0);
    assert_eq!(plan.manifest.rounds, m.rounds);
    let stored = plan.manifest.to_stored();
    assert!(carries_sheets(&stored));
    let back = read_stored(&stored, |n| parts.get(n).cloned()).unwrap();
    assert_eq!(back.state, next);
    assert_eq!(back.rev, 6);
}

#[test]
fn another_tabs_typed_score_is_taken_in_from_the_parts_already_held() {
    let s = sample_city(7);
    let last = s.rounds.len() - 1;
    // Tab A saves; tab B reads it (and holds its parts).
    let (plan1, mut parts, mut cache_a) = first_save(&s, 1);
    let m1 = plan1.manifest.clone();
    let b = read_stored(&m1.to_stored(), |n| parts.get(n).cloned()).unwrap();
    let cache_b = PartCache::of(&b.state, &m1);
    // A types a score: B takes it in without reading a single part.
    let mut next = s.clone();
    retype(&mut next, last, 5, 1);
    let m2 = save(&next, &m1, &mut parts, &mut cache_a, 2).manifest;
    let none = |_: &str| -> Option<String> { None };
    let got = read_stored_cached(&m2.to_stored(), &cache_b, none).unwrap();
    assert_eq!(got.state, next);
    assert_eq!(got.rev, 2);
    // And the next one, from the cache B made of that.
    let cache_b = PartCache::of(&got.state, &m2);
    let mut third = next.clone();
    retype(&mut third, 0, 2, 0);
    let m3 = save(&third, &m2, &mut parts, &mut cache_a, 3).manifest;
    assert_eq!(m3.sheets.len(), 2);
    let got = read_stored_cached(&m3.to_stored(), &cache_b, none).unwrap();
    assert_eq!(got.state, third);
    // A manifest that no longer carries a sheet B's cached round carries cannot be
    // made from the cache: the parts are read (here: missing, so an error, not a guess).
    let mut dropped = m3.clone();
    dropped.sheets.retain(|d| d.round != last);
    assert!(PartCache::of(&third, &m3).state_for(&dropped).is_none());
    assert!(read_stored_cached(&dropped.to_stored(), &PartCache::of(&third, &m3), none).is_err());
    let from_parts = read_stored_cached(&dropped.to_stored(), &PartCache::of(&third, &m3), |n| {
        parts.get(n).cloned()
    })
    .unwrap();
    assert_eq!(
        from_parts.state.rounds[last], s.rounds[last],
        "the round as its part holds it"
    );
}

/// A round not changed since the last save is the same value (`Shared`), so the plan
/// does not compare it: saving it again carries the same sheets and writes nothing.
/// Over a long run of edits in every round, saves, a cache made afresh as after a
/// reload, and the other tab's cache: every stored value reads back as the state.
#[test]
fn a_long_run_of_edits_and_saves_always_reads_back_as_the_state() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let mut m = plan1.manifest;
    let mut state = s.clone();
    // Saving the state unchanged: nothing written, nothing carried.
    let again = save(&state, &m, &mut parts, &mut cache, 2);
    assert_eq!((again.written(), again.manifest.sheets.len()), (0, 0));
    m = again.manifest;
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for rev in 3..200 {
        let before = state.clone();
        let step = next() % 10;
        match step {
            // Mostly a typed score, in any round.
            0..=6 => {
                let r = next() % state.rounds.len();
                let n = state.rounds[r].sheets.len();
                let cols = state.rounds[r].sheets[0].points.len();
                retype(&mut state, r, next() % n, next() % cols);
            }
            // A change to the rest.
            7 => state.units[0].name.push('甲'),
            // A change to a round other than its sheets.
            8 => {
                let r = next() % state.rounds.len();
                state.rounds[r].name.push('乙');
            }
            // A reload: the cache is made from what is stored.
            _ => {
                let back = read_stored(&m.to_stored(), |n| parts.get(n).cloned()).unwrap();
                assert_eq!(back.state, state);
                cache = PartCache::of(&back.state, &m);
                state = back.state;
            }
        }
        // The rounds an edit did not touch are still the very values saved before.
        let untouched = state
            .rounds
            .iter()
            .zip(&before.rounds)
            .filter(|(a, b)| a.same(b))
            .count();
        match step {
            7 => assert_eq!(untouched, state.rounds.len()),
            9 => {}
            _ => assert_eq!(untouched + 1, state.rounds.len()),
        }
        let plan = save(&state, &m, &mut parts, &mut cache, rev);
        m = plan.manifest;
        let got = join(&m, |n| parts.get(n).cloned()).unwrap();
        assert_eq!(got.state, state, "after save {rev}");
        let stored = m.to_stored();
        assert_eq!(carries_sheets(&stored), !m.sheets.is_empty());
        assert!(m.sheets.len() <= MAX_SHEETS);
    }
}

/// `parts` with part `name`'s packed text spoiled (one character changed).
fn spoiled(parts: &Parts, name: &str) -> Parts {
    let mut bad = parts.clone();
    let v = bad[name].replacen('\n', "\n䀀", 1);
    bad.insert(name.to_string(), v);
    bad
}

#[test]
fn a_damaged_round_shared_by_both_copies_is_left_out_and_the_rest_is_kept() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    // A typed score: the next manifest names the same round parts as the previous one.
    let mut next = s.clone();
    let last = next.rounds.len() - 1;
    retype(&mut next, last, 0, 0);
    let plan2 = save(&next, &plan1.manifest, &mut parts, &mut cache, 2);
    assert_eq!(plan2.manifest.rounds, plan1.manifest.rounds);
    let bad = spoiled(&parts, &plan2.manifest.rounds[0]);
    // Neither copy reads whole.
    assert!(join(&plan2.manifest, |n| bad.get(n).cloned()).is_err());
    assert!(join(&plan1.manifest, |n| bad.get(n).cloned()).is_err());
    let got = salvage(&plan2.manifest, Some(&plan1.manifest), |n| {
        bad.get(n).cloned()
    })
    .expect("the rest and the other rounds read");
    assert_eq!((got.lost_rounds, got.older_rounds), (1, 0));
    assert_eq!(got.doc.rev, 2);
    let st = &got.doc.state;
    assert_eq!(st.units, next.units);
    assert_eq!(st.outcomes, next.outcomes);
    assert_eq!(st.rounds.len(), next.rounds.len() - 1);
    assert_eq!(
        st.rounds.as_slice(),
        &next.rounds[1..],
        "the other rounds whole, the typed score (carried in the manifest) in"
    );
    assert_eq!(crate::domain::validate_state(st), Ok(()));
}

#[test]
fn a_round_damaged_in_its_new_part_comes_from_the_previous_copy() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let mut next = s.clone();
    next.rounds[0].name.push('乙');
    let plan2 = save(&next, &plan1.manifest, &mut parts, &mut cache, 2);
    assert_ne!(plan2.manifest.rounds[0], plan1.manifest.rounds[0]);
    let bad = spoiled(&parts, &plan2.manifest.rounds[0]);
    let got = salvage(&plan2.manifest, Some(&plan1.manifest), |n| {
        bad.get(n).cloned()
    })
    .unwrap();
    assert_eq!((got.lost_rounds, got.older_rounds), (0, 1));
    // That round as the save before left it; the rest as now.
    assert_eq!(*got.doc.state.rounds[0], *s.rounds[0]);
    assert_eq!(got.doc.state.rounds[1..], next.rounds[1..]);
    // Without the previous copy the round is lost instead.
    let alone = salvage(&plan2.manifest, None, |n| bad.get(n).cloned()).unwrap();
    assert_eq!((alone.lost_rounds, alone.older_rounds), (1, 0));
}

#[test]
fn nothing_is_salvaged_without_the_rest_or_when_nothing_is_damaged() {
    let s = sample_city(3);
    let (plan, parts, _) = first_save(&s, 1);
    assert_eq!(
        salvage(&plan.manifest, None, |n| parts.get(n).cloned()),
        None,
        "a whole value is read as it is"
    );
    let bad = spoiled(&parts, &plan.manifest.rest);
    assert_eq!(salvage(&plan.manifest, None, |n| bad.get(n).cloned()), None);
    let mut gone = parts.clone();
    gone.remove(&plan.manifest.rest);
    assert_eq!(
        salvage(&plan.manifest, None, |n| gone.get(n).cloned()),
        None
    );
}
