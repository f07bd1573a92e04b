//! 加减分批量登记: the grid of a round and saving it (all or nothing).

mod domain_support;

use domain_support::*;
use exemplar::domain::adjustment_grid::*;
use exemplar::domain::*;

fn cell(unit: &str, key: &str, text: &str) -> CellEdit {
    CellEdit {
        unit_id: unit.into(),
        key: key.into(),
        text: text.into(),
    }
}

/// Three units in one round; u1 has 获市级表彰 (b3) ×1 with a note, and k1 twice in two
/// records; u3 a veto v2.
fn fixture() -> AppState {
    let units = vec![
        unit("u1", "甲支部", UnitStatus::Named),
        unit("u2", "乙支部", UnitStatus::Named),
        unit("u3", "丙支部", UnitStatus::Named),
    ];
    let mut r = round("r1", 2026, &["u1", "u2", "u3"], &["a1"]);
    let mut b3 = adj("j1", "u1", AdjustmentKind::Bonus, "b3", 1);
    b3.note = "市委表彰".into();
    let mut k1a = adj("j2", "u1", AdjustmentKind::Deduction, "k1", 1);
    k1a.note = "3月逾期".into();
    let mut k1b = adj("j3", "u1", AdjustmentKind::Deduction, "k1", 1);
    k1b.note = "6月逾期".into();
    r.adjustments = vec![b3, k1a, k1b, adj("j4", "u3", AdjustmentKind::Veto, "v2", 1)];
    state(units, vec![r], vec![])
}

#[test]
fn the_grid_sums_the_records() {
    let st = fixture();
    let g = grid(&st, "r1").unwrap();
    // 6 bonus + 5 deduction + 3 veto items of the default scheme.
    assert_eq!(g.items.len(), 14);
    let keys: Vec<String> = g.items.iter().map(|c| c.key()).collect();
    let at = |k: &str| keys.iter().position(|x| x == k).unwrap();
    let names: Vec<&str> = g.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["甲支部", "乙支部", "丙支部"]);
    assert_eq!(g.rows[0].counts[at("b:b3")], 1);
    assert_eq!(g.rows[0].counts[at("d:k1")], 2); // two records of one each
    assert_eq!(g.rows[2].counts[at("v:v2")], 1);
    assert_eq!(g.rows[1].counts.iter().sum::<u32>(), 0);
}

#[test]
fn saving_makes_the_records_match_and_keeps_what_was_not_touched() {
    let mut st = fixture();
    let change = save_grid(
        &mut st,
        "r1",
        &[
            cell("u1", "b:b3", "1"), // unchanged: record and note kept
            cell("u1", "d:k1", "3"), // two records become one of 3, notes joined
            cell("u2", "b:b1", "2"), // new
            cell("u2", "d:k2", ""),  // empty = 0, nothing there
            cell("u3", "v:v2", "0"), // veto lifted
            cell("u3", "v:v1", "1"), // another veto
        ],
    )
    .unwrap();
    assert_eq!(
        change,
        GridChange {
            added: 3,
            changed: 0,
            removed: 3
        }
    );
    let r = &st.rounds[0];
    let find = |u: &str, item: &str| {
        r.adjustments
            .iter()
            .filter(|a| a.unit_id == u && a.item_id == item)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(find("u1", "b3")[0].id, "j1");
    assert_eq!(find("u1", "b3")[0].note, "市委表彰");
    let k1 = find("u1", "k1");
    assert_eq!(k1.len(), 1);
    assert_eq!(k1[0].count, 3);
    assert_eq!(k1[0].note, "3月逾期；6月逾期");
    assert_eq!(find("u2", "b1")[0].count, 2);
    assert!(find("u3", "v2").is_empty());
    assert_eq!(find("u3", "v1").len(), 1);
    // One record whose count changes is changed in place.
    let change = save_grid(&mut st, "r1", &[cell("u2", "b:b1", "1")]).unwrap();
    assert_eq!(change.changed, 1);
    assert_eq!(find_in(&st, "u2", "b1"), vec![1]);
    // The totals follow: u2 scored nothing, bonus b1 = 3 points × 1 = 3.
    let res = compute_round(&st, "r1").unwrap();
    assert_eq!(res.unit("u2").unwrap().bonus, Points::whole(3));
}

fn find_in(st: &AppState, u: &str, item: &str) -> Vec<u32> {
    st.rounds[0]
        .adjustments
        .iter()
        .filter(|a| a.unit_id == u && a.item_id == item)
        .map(|a| a.count)
        .collect()
}

#[test]
fn a_bad_cell_refuses_the_whole_grid() {
    let mut st = fixture();
    let before = st.clone();
    let err = save_grid(
        &mut st,
        "r1",
        &[cell("u2", "b:b1", "2"), cell("u3", "d:k1", "三")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "「丙支部」的扣分项目「材料逾期报送（每次）」次数应为0到99之间的整数，填的是“三”，请改正。"
    );
    // The page marks the cell refused.
    let bad = bad_cells(
        &st,
        "r1",
        &[cell("u2", "b:b1", "2"), cell("u3", "d:k1", "三")],
    );
    assert_eq!(bad, vec![("u3".to_string(), "d:k1".to_string())]);
    // A veto is 0 or 1.
    assert!(save_grid(&mut st, "r1", &[cell("u2", "v:v1", "2")]).is_err());
    assert!(save_grid(&mut st, "r1", &[cell("u9", "b:b1", "1")]).is_err());
    assert_eq!(st, before);
}

#[test]
fn a_bonus_over_the_cap_is_named_with_what_the_total_counts() {
    let mut st = fixture();
    assert!(capped_bonuses(&st, "r1").is_empty());
    assert_eq!(capped_note(&[]), "");
    // b1 is 3 points a time: 5 times is 15, over the default cap of 10.
    save_grid(&mut st, "r1", &[cell("u2", "b:b1", "5")]).unwrap();
    let capped = capped_bonuses(&st, "r1");
    assert_eq!(
        capped,
        vec![CappedBonus {
            unit_name: "乙支部".into(),
            entered: Points::whole(15),
            counted: Points::whole(10),
        }]
    );
    let res = compute_round(&st, "r1").unwrap();
    assert_eq!(res.unit("u2").unwrap().bonus, Points::whole(10));
    assert_eq!(
        capped_note(&capped),
        "加分合计超过上限10分的：「乙支部」15分，加分按10分计入总分。"
    );
}

/// A clerk's review: 40 typed under 被通报批评（−3分） was saved without a word and took
/// 120 points; and ２ typed through a Chinese input method was refused. Large new counts
/// are listed with their points for a question before saving; full-width digits count.
#[test]
fn large_counts_are_asked_about_and_full_width_digits_count() {
    let st = fixture();
    let edits = [
        cell("u2", "d:k1", "40"),
        cell("u1", "d:k1", "2"),  // unchanged (two records of one)
        cell("u3", "b:b3", "４"), // under the mark
        cell("u3", "b:b1", "x"),  // not a count: refused on saving, not asked about
    ];
    let asked = large_counts(&st, "r1", &edits);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0].starts_with("「乙支部」扣分「材料逾期报送（每次）」40次，计−"),
        "{asked:?}"
    );
    let mut saved = st.clone();
    save_grid(&mut saved, "r1", &[cell("u3", "b:b3", "２")]).expect("full-width digits");
    let g = grid(&saved, "r1").unwrap();
    let at = g.items.iter().position(|c| c.key() == "b:b3").unwrap();
    assert_eq!(g.rows[2].counts[at], 2);
}

/// A clerk's review: a unit was 摘牌 on the veto's proposal, then the veto was taken off
/// in the grid without a word; the unit stayed 摘牌 on a veto no longer there. Saving
/// now says so and where to correct it.
#[test]
fn taking_off_a_veto_a_decision_rested_on_is_said() {
    let mut st = fixture();
    let before = vetoed_units(&st, "r1");
    assert_eq!(before, vec!["u3".to_string()]);
    // Not decided yet: nothing to say.
    let mut undecided = st.clone();
    save_grid(&mut undecided, "r1", &[cell("u3", "v:v2", "")]).unwrap();
    assert_eq!(removed_veto_note(&undecided, "r1", &before), "");
    // 摘牌 on the round's proposal, then the veto taken off.
    st.units[2].status = UnitStatus::Delisted;
    st.rounds[0].decided_proposals.push("u3".into());
    save_grid(&mut st, "r1", &[cell("u3", "v:v2", "")]).unwrap();
    assert_eq!(
        removed_veto_note(&st, "r1", &before),
        "「丙支部」（摘牌）的状态已按本轮的动态管理建议变更，现在取消了一票否决：如该决定需要更正，请到单位页面办理。"
    );
}
