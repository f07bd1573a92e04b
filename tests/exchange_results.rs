//! Signed results (issue 18 item 3, must-show 2): a results file must be signed by the
//! committee's key pinned in the task copy.

mod exchange_support;

use exchange_support::*;
use exemplar::domain::exchange::*;
use exemplar::domain::*;

fn published(c: &AppState) -> AppState {
    let mut p = c.clone();
    p.rounds[0].published = true;
    p
}

#[test]
fn results_signed_by_the_committee_are_accepted_in_a_unit_copy_and_others_refused() {
    let mut c = committee();
    let copy = unit_copy(&mut c);
    let key = c
        .exchange
        .key
        .clone()
        .expect("made at the first task export");
    assert_eq!(
        copy.workspace.as_ref().map(|w| w.committee_key.as_str()),
        Some(key.public.as_str()),
        "the task file pins the committee's public key"
    );
    let genuine = export_results(&published(&c), "r1", LATER).expect("exports");
    let p = preview(
        &copy,
        "r.json",
        genuine.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("the committee's results are accepted");
    assert_eq!(p.files[0].signature, SignatureCheck::Verified);

    // The same results signed by another key (a unit made its own): refused, and the
    // override does not help where a key is pinned.
    let mut forger = published(&c);
    forger.exchange.key = None;
    ensure_committee_key(&mut forger, LATER, b"the forger's own randomness");
    let forged = export_results(&forger, "r1", LATER).expect("exports");
    for accept_unverified in [false, true] {
        let err = preview(
            &copy,
            "r.json",
            forged.as_bytes(),
            &ImportOptions {
                accept_unverified,
                ..ImportOptions::default()
            },
        )
        .expect_err("refused");
        assert_eq!(err.code(), "results_forged");
        assert!(!err.overridable());
    }
}

#[test]
fn a_blank_browser_takes_results_only_with_the_override() {
    let c = committee();
    let file = export_results(&published(&c), "r1", LATER).expect("exports");
    let blank = AppState::default();
    let err = preview(&blank, "r.json", file.as_bytes(), &ImportOptions::default())
        .expect_err("no key to check against");
    assert_eq!(err.code(), "results_unverified");
    let p = preview(
        &blank,
        "r.json",
        file.as_bytes(),
        &ImportOptions {
            accept_unverified: true,
            ..ImportOptions::default()
        },
    )
    .expect("taken on the person's word");
    assert!(p.warnings[0].contains("无法核实"), "{:?}", p.warnings);
}

#[test]
fn a_backup_carries_the_key_to_a_new_computer() {
    let mut c = committee();
    let copy = unit_copy(&mut c);
    let backup = export_backup(&c, LATER);
    assert!(backup.contains(&c.exchange.key.clone().expect("key").secret));
    // The new computer restores the backup and publishes: old task copies accept it.
    let blank = AppState::default();
    let p = preview(
        &blank,
        "b.json",
        backup.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("backup previews");
    let restored = apply(&blank, &p, &Decisions::default()).expect("applies");
    let file = export_results(&published(&restored), "r1", LATER).expect("exports");
    assert!(preview(&copy, "r.json", file.as_bytes(), &ImportOptions::default()).is_ok());
    // Without the backup, a new key: the old copies refuse its results.
    let mut fresh = published(&restored);
    fresh.exchange.key = None;
    ensure_committee_key(&mut fresh, LATER, b"a new computer");
    let file = export_results(&fresh, "r1", LATER).expect("exports");
    let err =
        preview(&copy, "r.json", file.as_bytes(), &ImportOptions::default()).expect_err("new key");
    assert_eq!(err.code(), "results_forged");
}

#[test]
fn an_older_results_file_does_not_put_superseded_figures_back() {
    let mut c = committee();
    let copy = unit_copy(&mut c);
    let p = published(&c);
    let at = |t: &str| export_results(&p, "r1", t).expect("exports");
    let (first, second, third) = (
        at("2026-12-01T08:00:00Z"),
        at("2026-12-03T08:00:00Z"),
        at("2026-12-04T08:00:00Z"),
    );
    let opts = ImportOptions::default();
    let taken = preview(&copy, "second.json", second.as_bytes(), &opts).expect("previews");
    let copy = apply(&copy, &taken, &Decisions::default()).expect("applies");
    // The file published first, picked by mistake afterwards: refused, saying why.
    let err = preview(&copy, "first.json", first.as_bytes(), &opts).expect_err("older");
    assert_eq!(err.code(), "older_results");
    assert!(err.to_string().contains("是旧文件"), "{err}");
    // A later publication still goes in.
    assert!(preview(&copy, "third.json", third.as_bytes(), &opts).is_ok());
}
