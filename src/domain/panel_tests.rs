//! Tests of `domain::panel`.

use super::*;
use crate::domain::points::Points;

fn state() -> AppState {
    let mut s = AppState::default();
    for (id, name) in [
        ("u1", "甲支部"),
        ("u2", "乙支部"),
        ("u3", "丙支部"),
        ("u4", "丁支部"),
    ] {
        s.units.push(Unit {
            id: id.into(),
            name: name.into(),
            sector: String::new(),
            org_type: OrgType::Branch,
            leader: String::new(),
            contact: String::new(),
            entered_year: 2024,
            status: UnitStatus::Named,
            plaque_no: None,
            named_on: None,
            rectify_by: None,
            history: Vec::new(),
            reviews: Vec::new(),
            extensions: Vec::new(),
            meta: RecordMeta::default(),
        });
    }
    let assessor = |id: &str, name: &str, units: &[&str]| Assessor {
        id: id.into(),
        name: name.into(),
        org: String::new(),
        unit_ids: units.iter().map(|u| u.to_string()).collect(),
    };
    let sheet = |u: &str, a: &str, pts: &[Option<i64>]| ScoreSheet {
        unit_id: u.into(),
        source: SheetSource::Assessor(a.into()),
        points: pts.iter().map(|p| p.map(Points::whole)).collect(),
        evidence: Default::default(),
        submitted: false,
        meta: RecordMeta::default(),
    };
    s.rounds.push(
        Round {
            id: "r1".into(),
            name: "2026年度考评".into(),
            year: 2026,
            scheme_id: "s1".into(),
            unit_ids: vec!["u1".into(), "u2".into(), "u3".into()],
            assessors: vec![
                assessor("a1", "张三", &[]),
                assessor("a2", "李四", &["u1", "u2"]),
                assessor("a3", "王五", &["u2"]),
            ],
            sheets: vec![
                sheet("u1", "a1", &[Some(3), Some(4), None]),
                sheet("u2", "a1", &[None, None, None]),
                sheet("u1", "a2", &[Some(2), Some(2), Some(2)]),
                sheet("u2", "a3", &[Some(1), None, None]),
            ]
            .into(),
            adjustments: vec![Adjustment {
                id: "j1".into(),
                unit_id: "u1".into(),
                kind: AdjustmentKind::Bonus,
                item_id: "b1".into(),
                count: 1,
                note: String::new(),
            }],
            type_overrides: Vec::new(),
            decided_proposals: Vec::new(),
            dismissed_proposals: Vec::new(),
            published: false,
            publication: None,
            meta: RecordMeta::default(),
        }
        .into(),
    );
    s
}

fn round(s: &AppState) -> &Round {
    &s.rounds[0]
}

#[test]
fn counts_assessors_per_unit_and_flags_below_the_minimum() {
    let s = state();
    // u1: a1 (all) and a2 → 2; u2: a1, a2, a3 → 3; u3: a1 only → 1.
    let rows = panel_rows(round(&s), 3);
    let got: Vec<(usize, bool)> = rows.iter().map(|r| (r.assessors, r.below_min)).collect();
    assert_eq!(got, vec![(2, true), (3, false), (1, true)]);
    assert!(panel_rows(round(&s), 0).iter().all(|r| !r.below_min));
}

#[test]
fn impact_says_what_a_removal_takes() {
    let s = state();
    // u1: a1's sheet (2 scores) and a2's (3 scores), and the bonus entry.
    let u1 = impact(round(&s), &Removal::Unit("u1".into()));
    assert_eq!(
        u1,
        Impact {
            sheets: 2,
            scores: 5,
            adjustments: 1,
            overrides: 0
        }
    );
    assert_eq!(
        u1.describe(),
        "2 张评分表（共 5 个分数）、1 条加扣分或否决记录"
    );
    // a1: the u1 sheet counts; the all-blank u2 sheet holds nothing.
    let a1 = impact(round(&s), &Removal::Assessor("a1".into()));
    assert_eq!((a1.sheets, a1.scores), (1, 2));
    let a3u2 = impact(round(&s), &Removal::Assignment("a3".into(), "u2".into()));
    assert_eq!((a3u2.sheets, a3u2.scores), (1, 1));
    assert!(impact(round(&s), &Removal::Unit("u3".into())).is_empty());
}

#[test]
fn removing_a_unit_takes_its_sheets_entries_and_assignments() {
    let mut s = state();
    remove_unit(&mut s, "r1", "u1", "t").unwrap();
    let r = round(&s);
    assert_eq!(r.unit_ids, vec!["u2".to_string(), "u3".to_string()]);
    assert!(r.sheets.iter().all(|x| x.unit_id != "u1"));
    assert_eq!(r.sheets.len(), 2);
    assert!(r.adjustments.is_empty());
    assert_eq!(r.assessors[1].unit_ids, vec!["u2".to_string()]);
}

#[test]
fn a_removal_that_would_leave_an_assessor_with_nothing_is_refused_unchanged() {
    let mut s = state();
    let before = s.clone();
    assert_eq!(
        remove_unit(&mut s, "r1", "u2", "t"),
        Err(PanelError::OnlyUnitOf("王五".into(), "乙支部".into()))
    );
    assert_eq!(
        set_assigned(&mut s, "r1", "a3", "u2", false, "t"),
        Err(PanelError::NoUnitLeft("王五".into()))
    );
    assert_eq!(s, before);
}

#[test]
fn adding_units_and_assessors() {
    let mut s = state();
    add_unit(&mut s, "r1", "u4", "t").unwrap();
    assert_eq!(round(&s).unit_ids.len(), 4);
    assert_eq!(
        add_unit(&mut s, "r1", "u4", "t"),
        Err(PanelError::UnitAlreadyIn("丁支部".into()))
    );
    assert_eq!(
        add_unit(&mut s, "r1", "u9", "t"),
        Err(PanelError::UnknownUnit("u9".into()))
    );
    let id = add_assessor(&mut s, "r1", " 赵六 ", "t").unwrap();
    let a = round(&s).assessors.last().unwrap();
    assert_eq!(
        vec![(a.id.clone(), a.name.as_str())],
        vec![(id[0].clone(), "赵六")]
    );
    assert_eq!(
        add_assessor(&mut s, "r1", "张三", "t"),
        Err(PanelError::DuplicateAssessor("「张三」".into()))
    );
    // The same person with a space inside the name (copied from a Word table), or typed
    // twice in one go, is refused, and nothing is added.
    let before = s.clone();
    assert_eq!(
        add_assessor(&mut s, "r1", "钱四、张 三", "t"),
        Err(PanelError::DuplicateAssessor("「张三」".into()))
    );
    // Typed twice in one go: not said to be in the round already.
    assert_eq!(
        add_assessor(&mut s, "r1", "钱四，钱四", "t"),
        Err(PanelError::TypedTwice("「钱四」".into()))
    );
    assert_eq!(
        PanelError::TypedTwice("「钱四」".into()).to_string(),
        "评委「钱四」填写了不止一次，每位评委只填一次。这次填写的姓名都没有添加：请删去重复的姓名，再点“添加评委”。"
    );
    assert_eq!(s, before);
    // A Latin name in another case is the same person.
    let mut latin = s.clone();
    add_assessor(&mut latin, "r1", "Wang Fang", "t").unwrap();
    assert!(matches!(
        add_assessor(&mut latin, "r1", "wang fang", "t"),
        Err(PanelError::DuplicateAssessor(_))
    ));
    // Several names at once are several assessors.
    let two = add_assessor(&mut s, "r1", "钱四、孙五", "t").unwrap();
    let names: Vec<&str> = round(&s)
        .assessors
        .iter()
        .rev()
        .take(2)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!((two.len(), names), (2, vec!["孙五", "钱四"]));
    assert_eq!(
        add_assessor(&mut s, "r1", "  ", "t"),
        Err(PanelError::NoName)
    );
    // Both refusals mark the name typed, for the clerk to correct.
    use crate::domain::problems::FieldsAt;
    for e in [
        PanelError::NoName,
        PanelError::DuplicateAssessor("张三".into()),
    ] {
        assert_eq!(e.fields(), vec![labels::NEW_ASSESSOR]);
    }
    assert_eq!(
        PanelError::UnitAlreadyIn("x".into()).fields(),
        vec![labels::ADD_UNIT]
    );
    // The new unit: a1, 赵六, 钱四 and 孙五 (all with no list) → 4.
    assert_eq!(panel_rows(round(&s), 3)[3].assessors, 4);
}

#[test]
fn unticking_from_all_lists_every_other_unit_and_drops_that_sheet() {
    let mut s = state();
    set_assigned(&mut s, "r1", "a1", "u1", false, "t").unwrap();
    let r = round(&s);
    assert_eq!(
        r.assessors[0].unit_ids,
        vec!["u2".to_string(), "u3".to_string()]
    );
    assert!(r.sheet("u1", &SheetSource::Assessor("a1".into())).is_none());
    // Ticking keeps the round's order.
    set_assigned(&mut s, "r1", "a3", "u1", true, "t").unwrap();
    assert_eq!(
        round(&s).assessors[2].unit_ids,
        vec!["u1".to_string(), "u2".to_string()]
    );
}

#[test]
fn removing_an_assessor_takes_their_sheets_only() {
    let mut s = state();
    remove_assessor(&mut s, "r1", "a1", "t").unwrap();
    let r = round(&s);
    assert_eq!(r.assessors.len(), 2);
    assert_eq!(r.sheets.len(), 2);
    let mut s2 = state();
    s2.rounds[0].assessors.truncate(1);
    assert_eq!(
        remove_assessor(&mut s2, "r1", "a1", "t"),
        Err(PanelError::LastAssessor)
    );
}
