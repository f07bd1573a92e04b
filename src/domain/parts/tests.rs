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

#[test]
fn one_score_typed_rewrites_only_its_round() {
    let s = sample_city(7);
    let (plan1, mut parts, mut cache) = first_save(&s, 1);
    let mut next = s.clone();
    let last = next.rounds.len() - 1;
    let sheet = &mut next.rounds[last].sheets[0];
    let before = sheet.points[0];
    sheet.points[0] = Some(Points(if before == Some(Points(150)) {
        200
    } else {
        150
    }));
    let plan2 = plan_save(
        &next,
        &cache,
        Some(&plan1.manifest),
        &Stamp::new(2, "ta"),
        "ta",
        "t2",
    );
    // One part: the changed round. The rest and the other rounds keep their parts.
    assert_eq!(plan2.written(), 1);
    assert_eq!(plan2.manifest.rest, plan1.manifest.rest);
    for i in 0..last {
        assert_eq!(plan2.manifest.rounds[i], plan1.manifest.rounds[i]);
    }
    assert_ne!(plan2.manifest.rounds[last], plan1.manifest.rounds[last]);
    write_all(&mut parts, &plan2);
    cache.commit(&next, &plan2);
    assert_eq!(
        join(&plan2.manifest, |n| parts.get(n).cloned())
            .unwrap()
            .state,
        next
    );
    // A change to the rest only (a unit renamed) writes the rest only.
    let mut third = next.clone();
    third.units[0].name.push('甲');
    let plan3 = plan_save(
        &third,
        &cache,
        Some(&plan2.manifest),
        &Stamp::new(3, "ta"),
        "ta",
        "t3",
    );
    assert_eq!(plan3.written(), 1);
    assert_ne!(plan3.manifest.rest, plan2.manifest.rest);
    assert_eq!(plan3.manifest.rounds, plan2.manifest.rounds);
}

#[test]
fn a_crash_between_part_writes_leaves_the_last_saved_state_whole() {
    let s = sample_city(3);
    let (plan1, mut parts, cache) = first_save(&s, 1);
    let old_manifest = plan1.manifest.to_stored();
    let mut next = s.clone();
    next.units[0].name = "改名后的支部".into();
    next.rounds[0].sheets[0].points[0] = None;
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
