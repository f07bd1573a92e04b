//! One backup format, documented field by field (issue 15, must-show 3): a backup written
//! by hand from `docs/exchange-format.md` ("The backup, field by field") restores, and
//! scores as worked out by hand; a backup written by an earlier build (2026-11-29) and
//! the exchange file of kind `backup` still restore.
#![cfg(not(target_arch = "wasm32"))]

use exemplar::domain::exchange::read_restore;
use exemplar::domain::model::*;
use exemplar::domain::points::Points;
use exemplar::domain::scoring::compute_round;

const HAND_WRITTEN: &[u8] = include_bytes!("fixtures/backup/hand-written.json");
const EARLIER_BUILD: &[u8] = include_bytes!("fixtures/backup/2026-11-29-sample.json");
const EXCHANGE_KIND: &[u8] = include_bytes!("fixtures/exchange/backup.json");

fn pts(s: &str) -> Points {
    Points::parse(s).expect("a literal in this test")
}

#[test]
fn the_hand_written_backup_restores_with_every_record() {
    let r = read_restore(HAND_WRITTEN).expect("the documented form restores");
    let s = &r.state;
    assert_eq!(r.saved_at, "2026-11-30T09:00:00+08:00");
    let names: Vec<&str> = s.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "手写备份第一党支部",
            "手写备份第二党总支",
            "手写备份机关党委"
        ]
    );
    assert_eq!(s.units[0].history[0].doc_no, "市直工委〔2025〕12号");
    assert_eq!(s.units[1].status, UnitStatus::Candidate);
    assert_eq!(s.schemes[0].full_points(), pts("100"));
    let round = &s.rounds[0];
    // Six assessor sheets and one self-assessment, all from the plain `sheets` list.
    assert_eq!(round.sheets.len(), 7);
    let own = round
        .sheet("u1", &SheetSource::SelfAssessment)
        .expect("the self-assessment");
    assert_eq!(own.points, vec![Some(pts("40")), Some(pts("30")), None]);
    assert_eq!(
        own.evidence.get("i1").map(String::as_str),
        Some("支部委员会会议记录12份")
    );
    assert_eq!(s.outcomes[0].innovations, vec![Innovation::Method]);
    assert_eq!(s.settings.next_id, 100);
}

#[test]
fn the_hand_written_backup_scores_as_worked_out_by_hand() {
    let r = read_restore(HAND_WRITTEN).expect("restores");
    let res = compute_round(&r.state, "r1").expect("scores");
    // Two assessors (fewer than 5: no trimming), self-assessment weight 0:
    // u1: (38+37)/2 + (28+27.5)/2 + (27+28)/2 = 37.5 + 27.75 + 27.5 = 92.75 → 优秀 (≥ 90)
    // u2: (30+32)/2 + (25+24)/2 + (20+22)/2 = 31 + 24.5 + 21 = 76.5      → 合格 (60–80)
    // u3: (35+34)/2 + (26+27)/2 + (24+25)/2 = 34.5 + 26.5 + 24.5 = 85.5,
    //     plus one 获市级表彰 bonus of 2 (cap 5) = 87.5                      → 良好 (80–90)
    let row = |id: &str| res.unit(id).expect("a unit of the round");
    assert_eq!(row("u1").total, pts("92.75"));
    assert_eq!(row("u2").total, pts("76.5"));
    assert_eq!(row("u3").total, pts("87.5"));
    assert_eq!(row("u1").grade, Some(Grade::Excellent));
    assert_eq!(row("u2").grade, Some(Grade::Pass));
    assert_eq!(row("u3").grade, Some(Grade::Good));
    assert_eq!(
        (row("u1").rank, row("u3").rank, row("u2").rank),
        (Some(1), Some(2), Some(3))
    );
}

#[test]
fn what_the_app_writes_back_reads_as_the_same_state() {
    let r = read_restore(HAND_WRITTEN).expect("restores");
    let again = exemplar::domain::document::serialize(&r.state, 2, "2026-12-01T00:00:00Z");
    // The app writes the compact score strings, not the plain list…
    assert!(!again.contains("\"sheets\""));
    let back = read_restore(again.as_bytes()).expect("its own form restores");
    // …and the sheets are the same (in grid order).
    let mut a = r.state.rounds[0].sheets.clone();
    let mut b = back.state.rounds[0].sheets.clone();
    a.sort_by(|x, y| (&x.unit_id, &x.source).cmp(&(&y.unit_id, &y.source)));
    b.sort_by(|x, y| (&x.unit_id, &x.source).cmp(&(&y.unit_id, &y.source)));
    assert_eq!(a, b);
}

#[test]
fn a_backup_from_the_earlier_build_still_restores() {
    let r = read_restore(EARLIER_BUILD).expect("the 2026-11-29 backup restores");
    assert_eq!(r.saved_at, "2026-11-29T10:25:30Z");
    assert!(r.state.units.len() >= 30, "{}", r.state.units.len());
    assert!(!r.state.rounds.is_empty());
    for round in &r.state.rounds {
        compute_round(&r.state, &round.id).expect("every round still scores");
    }
}

#[test]
fn the_exchange_kind_backup_still_restores() {
    let r = read_restore(EXCHANGE_KIND).expect("the exchange backup restores");
    assert!(!r.state.units.is_empty());
}
