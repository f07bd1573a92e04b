//! 评语 on a sheet (`domain::comments`): saved with the sheet, checked, carried by the
//! stored form and by an assessor's return file.

mod domain_support;

use domain_support::*;
use exemplar::domain::comments::{
    assessor_comments, comment_of, set_comment, CommentError, COMMENT_KEY,
};
use exemplar::domain::*;

fn st() -> AppState {
    let mut r = round("r1", 2026, &["u1", "u2"], &["a1", "a2"]);
    r.assessors[1].unit_ids = vec!["u2".into()];
    r.sheets = vec![sheet("u1", by("a1"), &["30", "", ""])].into();
    state(
        vec![
            unit("u1", "甲支部", UnitStatus::Named),
            unit("u2", "乙支部", UnitStatus::Named),
        ],
        vec![r],
        vec![],
    )
}

#[test]
fn a_comment_is_kept_on_the_sheet_and_removed_with_an_empty_text() {
    let mut s = st();
    assert!(set_comment(&mut s, "r1", "a1", "u1", " 阵地规范，台账齐全 ", "t1").unwrap());
    assert_eq!(comment_of(&s, "r1", "a1", "u1"), "阵地规范，台账齐全");
    // The points are untouched; the sheet's meta moved on.
    let sh = s.rounds[0].sheet("u1", &by("a1")).unwrap();
    assert_eq!(sh.points[0], Some(p("30")));
    assert_eq!(sh.meta.rev, 1);
    // The same text again changes nothing.
    assert!(!set_comment(&mut s, "r1", "a1", "u1", "阵地规范，台账齐全", "t2").unwrap());
    // A comment on a unit with no sheet starts one; clearing it drops it again.
    assert!(set_comment(&mut s, "r1", "a1", "u2", "未见结对活动记录", "t3").unwrap());
    assert!(s.rounds[0].sheet("u2", &by("a1")).is_some());
    assert!(set_comment(&mut s, "r1", "a1", "u2", "", "t4").unwrap());
    assert!(s.rounds[0].sheet("u2", &by("a1")).is_none());
    // The state still validates: the comment's key is not an unknown indicator.
    assert!(validate_state(&s).is_ok());
}

#[test]
fn a_comment_is_refused_off_the_sheet_or_too_long_and_nothing_changes() {
    let mut s = st();
    let before = s.clone();
    // a2 scores 乙支部 only.
    assert_eq!(
        set_comment(&mut s, "r1", "a2", "u1", "x", "t"),
        Err(CommentError::NotOnSheet("甲支部".into()))
    );
    let long = "评".repeat(1001);
    assert_eq!(
        set_comment(&mut s, "r1", "a1", "u1", &long, "t"),
        Err(CommentError::TooLong { n: 1001, max: 1000 })
    );
    assert_eq!(s, before);
}

#[test]
fn the_stored_form_keeps_the_comment() {
    let mut s = st();
    set_comment(&mut s, "r1", "a1", "u1", "阵地规范", "t1").unwrap();
    let json = serde_json::to_string(&s.rounds[0]).unwrap();
    let back: Round = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.sheet("u1", &by("a1"))
            .unwrap()
            .evidence
            .get(COMMENT_KEY),
        Some(&"阵地规范".to_string())
    );
}

#[test]
fn the_committee_reads_each_assessors_comment_on_a_unit() {
    let mut s = st();
    assert!(assessor_comments(&s, "r1", "u2").is_empty());
    set_comment(&mut s, "r1", "a2", "u2", "台账齐全", "t1").unwrap();
    set_comment(&mut s, "r1", "a1", "u2", "结对活动偏少", "t2").unwrap();
    let names: Vec<String> = s.rounds[0]
        .assessors
        .iter()
        .map(|a| a.name.clone())
        .collect();
    // In the round's order of assessors, whoever wrote first.
    assert_eq!(
        assessor_comments(&s, "r1", "u2"),
        [
            (names[0].clone(), "结对活动偏少".to_string()),
            (names[1].clone(), "台账齐全".to_string())
        ]
    );
    assert!(
        assessor_comments(&s, "r1", "u1").is_empty(),
        "a sheet without one"
    );
    assert!(assessor_comments(&s, "r9", "u2").is_empty());
}
