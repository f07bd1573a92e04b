//! Lifecycle proposals, confirmation, history; type suggestions; scheme versions.

mod domain_support;

use domain_support::*;
use exemplar::domain::lifecycle::*;
use exemplar::domain::typing::{set_type_override, suggest_types};
use exemplar::domain::*;

/// A time after every decision these tests record (a decision cannot be dated later
/// than the day it is recorded).
const LATER: &str = "2027-06-30T09:00:00Z";

/// Unit `w`'s 示而不范 item `id`, due `deadline`, in `status`, found in `source`.
fn warned_item(
    id: &str,
    deadline: &str,
    status: RectificationStatus,
    source: ProblemSource,
) -> Rectification {
    Rectification {
        id: id.into(),
        unit_id: "w".into(),
        category: ProblemCategory::ShowNotModel,
        description: "示而不范".into(),
        owner: String::new(),
        deadline: deadline.into(),
        status,
        progress: vec![],
        source,
        visit_id: None,
        closure: None,
        opened_on: String::new(),
        meta: RecordMeta::default(),
    }
}

/// Two rounds: 2025 and 2026, one assessor, units with chosen totals.
fn two_rounds(scores_2025: &[(&str, [&str; 3])], scores_2026: &[(&str, [&str; 3])]) -> Vec<Round> {
    let mk = |id: &str, year, scores: &[(&str, [&str; 3])]| {
        let ids: Vec<&str> = scores.iter().map(|(u, _)| *u).collect();
        let mut r = round(id, year, &ids, &["a1"]);
        r.sheets = scores.iter().map(|(u, s)| sheet(u, by("a1"), s)).collect();
        r
    };
    vec![mk("r25", 2025, scores_2025), mk("r26", 2026, scores_2026)]
}

#[test]
fn proposals_follow_the_rules_and_change_nothing_until_confirmed() {
    let units = vec![
        unit("fail", "不合格支部", UnitStatus::Named),
        unit("warned", "警示支部", UnitStatus::Warned),
        unit("pass2", "两年合格支部", UnitStatus::Named),
        unit("cand", "创建支部", UnitStatus::Candidate),
        unit("veto", "否决支部", UnitStatus::Named),
        unit("ok", "良好支部", UnitStatus::Named),
        unit("back", "复查支部", UnitStatus::Warned),
    ];
    let pass = ["30", "23", "22"]; // 75
    let fail = ["25", "20", "20"]; // 65
    let good = ["34", "25", "25"]; // 84
    let mut rounds = two_rounds(
        &[("pass2", pass), ("ok", good)],
        &[
            ("fail", fail),
            ("warned", fail),
            ("pass2", pass),
            ("cand", good),
            ("veto", good),
            ("ok", pass),
            ("back", pass),
        ],
    );
    rounds[1]
        .adjustments
        .push(adj("j1", "veto", AdjustmentKind::Veto, "v2", 1));
    let st = state(units, rounds, vec![]);
    let before = st.clone();
    let props = propose_changes(&st, "r26", "2026-12-15").unwrap();
    assert_eq!(st, before);
    // A round not yet published: confirming says its scores may still change.
    let round_name = st.round("r26").unwrap().name.clone();
    let said = draft_basis(&st, &props[0]).expect("r26 is not published");
    assert!(
        said.contains(&format!("「{round_name}」结果尚未发布（草稿）")),
        "{said}"
    );
    let mut published = st.clone();
    published.rounds.iter_mut().for_each(|r| r.published = true);
    assert_eq!(draft_basis(&published, &props[0]), None);
    // Decided on a day that puts its 整改期限 behind today: said (a 01 typed for 11).
    assert_eq!(props[0].to, UnitStatus::Warned);
    assert_eq!(
        deadline_already_past(&st, &props[0], "2026-01-15", "2026-12-15").as_deref(),
        Some("注意：按这个决定日期，整改期限 2026-07-15 已在今天（2026-12-15）之前，请核对决定日期。")
    );
    assert_eq!(
        deadline_already_past(&st, &props[0], "2026-12-15", "2026-12-15"),
        None
    );
    // Decided before the unit's scores in the round were entered: said (a 01 typed
    // for 11); on the day they were finished in Beijing, or later, not.
    let mut stamped = st.clone();
    let fail_sheets = stamped.rounds[1]
        .sheets
        .iter()
        .filter(|s| s.unit_id == "fail")
        .count();
    assert_eq!(fail_sheets, 1);
    for sheet in stamped.rounds[1].sheets.iter_mut() {
        sheet.meta.updated = "2026-11-14T17:30:00Z".into(); // 2026-11-15 01:30 in Beijing
    }
    assert_eq!(props[0].unit_id, "fail");
    let said = decided_before_scores(&stamped, &props[0], "2026-01-15")
        .expect("decided ten months before the scores");
    assert!(
        said.contains("决定日期 2026-01-15 早于该单位在「"),
        "{said}"
    );
    assert!(
        said.contains("最后一次录入评分的日期（2026-11-15）"),
        "{said}"
    );
    assert_eq!(
        decided_before_scores(&stamped, &props[0], "2026-11-15"),
        None
    );
    assert_eq!(decided_before_scores(&stamped, &props[0], "不是日期"), None);
    // Sheets from before stamps were kept: nothing to compare with.
    assert_eq!(decided_before_scores(&st, &props[0], "2026-01-15"), None);
    let got: Vec<(&str, UnitStatus, UnitStatus, Option<&str>)> = props
        .iter()
        .map(|p| (p.unit_id.as_str(), p.from, p.to, p.rectify_by.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "fail",
                UnitStatus::Named,
                UnitStatus::Warned,
                Some("2027-06-15")
            ),
            ("warned", UnitStatus::Warned, UnitStatus::Delisted, None),
            (
                "pass2",
                UnitStatus::Named,
                UnitStatus::Warned,
                Some("2027-06-15")
            ),
            ("cand", UnitStatus::Candidate, UnitStatus::Named, None),
            ("veto", UnitStatus::Named, UnitStatus::Delisted, None),
            ("back", UnitStatus::Warned, UnitStatus::Named, None),
        ]
    );
    assert!(props[2]
        .reason
        .contains("2025年度、2026年度连续两年考评为合格"));
    assert!(props[4].reason.contains("一票否决"));
    // A warned unit with a 整改 item still open is not restored, however it scored.
    let mut open = st.clone();
    open.rectifications.push(Rectification {
        id: "x1".into(),
        unit_id: "back".into(),
        category: ProblemCategory::Other,
        description: "台账不全".into(),
        owner: String::new(),
        deadline: "2026-09-30".into(),
        status: RectificationStatus::InProgress,
        progress: Vec::new(),
        source: ProblemSource::default(),
        visit_id: None,
        closure: None,
        opened_on: String::new(),
        meta: RecordMeta::default(),
    });
    let held = propose_changes(&open, "r26", "2026-12-15").unwrap();
    assert!(!held.iter().any(|p| p.unit_id == "back"), "{held:?}");
    open.rectifications[0].status = RectificationStatus::Closed;
    let freed = propose_changes(&open, "r26", "2026-12-15").unwrap();
    assert!(freed
        .iter()
        .any(|p| p.unit_id == "back" && p.to == UnitStatus::Named));

    // Confirm one: status, history and the round's decided list change.
    let mut st2 = st.clone();
    confirm_proposal(
        &mut st2,
        &props[0],
        "2026-12-20",
        "市直机关工委〔2026〕30号",
        "",
        LATER,
    )
    .unwrap();
    let u = st2.unit("fail").unwrap();
    assert_eq!(u.status, UnitStatus::Warned);
    // Six months from the decision (2026-12-20), not from the proposal's day.
    assert_eq!(u.rectify_by.as_deref(), Some("2027-06-20"));
    assert_eq!(u.history.len(), 1);
    assert_eq!(u.history[0].doc_no, "市直机关工委〔2026〕30号");
    assert_eq!(u.history[0].reason, props[0].reason);
    // The warning brings one 整改 item from its decision, due at its deadline, so the
    // rule that de-lists a unit with open items after the deadline has one to see.
    let items: Vec<_> = st2
        .rectifications
        .iter()
        .filter(|r| r.unit_id == "fail")
        .collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].source, ProblemSource::Warning);
    assert_eq!(items[0].deadline, "2027-06-20");
    assert_eq!(
        items[0].description,
        "按警示决定，对照2026年度考评反馈的问题逐项整改"
    );
    // 授牌 from a proposal takes the plaque's number typed beside it.
    let naming = props
        .iter()
        .find(|p| p.to == UnitStatus::Named)
        .expect("a candidate proposed for 授牌");
    let mut named = st.clone();
    confirm_proposal(
        &mut named,
        naming,
        "2026-12-20",
        "市直机关工委〔2026〕31号",
        " SFD-2026-009 ",
        LATER,
    )
    .unwrap();
    let u = named.unit(&naming.unit_id).unwrap();
    assert_eq!(u.plaque_no.as_deref(), Some("SFD-2026-009"));
    assert_eq!(u.named_on.as_deref(), Some("2026-12-20"));
    // Dismiss another; neither is proposed again.
    dismiss_proposal(&mut st2, &props[1]);
    let again = propose_changes(&st2, "r26", "2026-12-21").unwrap();
    assert!(again
        .iter()
        .all(|p| p.unit_id != "fail" && p.unit_id != "warned"));
    assert_eq!(again.len(), 4);

    // Rules can be switched off.
    let mut st3 = st.clone();
    st3.settings.lifecycle_rules.two_passes_warn = false;
    st3.settings.lifecycle_rules.candidate_good_names = false;
    let props = propose_changes(&st3, "r26", "2026-12-15").unwrap();
    assert!(props
        .iter()
        .all(|p| p.unit_id != "pass2" && p.unit_id != "cand"));
}

#[test]
fn a_proposal_set_aside_does_not_stand_for_one_from_another_status() {
    // A clerk's review: 不采纳 on 已授牌 → 警示, then a 警示 recorded by hand (dated
    // early in the year), and the unit's 警示期间仍为不合格 → 摘牌 was never proposed.
    let mut st = two_failing_sites();
    let props = propose_changes(&st, "r26", "2026-12-15").unwrap();
    let warn = props
        .iter()
        .find(|p| p.unit_id == "fail")
        .expect("不合格 while 已授牌: 警示");
    assert_eq!(
        (warn.from, warn.to),
        (UnitStatus::Named, UnitStatus::Warned)
    );
    dismiss_proposal(&mut st, warn);
    assert!(propose_changes(&st, "r26", "2026-12-15")
        .unwrap()
        .iter()
        .all(|p| p.unit_id != "fail"));
    warned_by_hand_in_january(&mut st, "fail");
    let props = propose_changes(&st, "r26", "2026-12-15").unwrap();
    let delist = props
        .iter()
        .find(|p| p.unit_id == "fail")
        .expect("警示期间仍为不合格: 摘牌");
    assert_eq!(
        (delist.from, delist.to),
        (UnitStatus::Warned, UnitStatus::Delisted)
    );
    // Set aside as well: not made again while the unit stays 警示.
    let mut aside = st.clone();
    dismiss_proposal(&mut aside, delist);
    assert!(propose_changes(&aside, "r26", "2026-12-15")
        .unwrap()
        .iter()
        .all(|p| p.unit_id != "fail"));
    // Confirmed: no proposal for the unit this round any more, whatever its status.
    confirm_proposal(
        &mut st,
        delist,
        "2026-12-20",
        "市直机关工委〔2026〕40号",
        "",
        LATER,
    )
    .unwrap();
    let r = st.round("r26").unwrap();
    assert!(r.dismissed_proposals.iter().all(|d| d.unit_id != "fail"));
    assert!(r.proposal_decided("fail", UnitStatus::Named));
    // A proposal set aside in data from before the status was kept (the unit id
    // alone) stays set aside whatever the status.
    let mut older = aside.clone();
    let round = &mut older.rounds[1];
    round.dismissed_proposals.clear();
    assert!(round.proposal_decided("fail", UnitStatus::Named));
    assert!(round.proposal_decided("fail", UnitStatus::Warned));
    assert!(!round.proposal_decided("also", UnitStatus::Named));
}

#[test]
fn a_proposal_set_aside_is_listed_and_can_be_taken_back() {
    // A clerk's review: a proposal set aside by mistake was listed nowhere after a
    // reload, and could not be made again that round.
    let mut st = two_failing_sites();
    assert!(set_aside_proposals(&st, "r26", "2026-12-15").is_empty());
    let props = propose_changes(&st, "r26", "2026-12-15").unwrap();
    let warn = props.iter().find(|p| p.unit_id == "fail").unwrap().clone();
    dismiss_proposal(&mut st, &warn);
    let listed = set_aside_proposals(&st, "r26", "2026-12-15");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].unit_name.as_str(), listed[0].from),
        ("不合格支部", UnitStatus::Named)
    );
    // What it proposed is worked out again, with its reason.
    let again = listed[0]
        .again
        .as_ref()
        .expect("still proposed once reconsidered");
    assert_eq!(
        (again.to, again.reason.as_str()),
        (warn.to, warn.reason.as_str())
    );

    // Taken back: proposed again, no longer listed; the other unit untouched.
    let mut back = st.clone();
    assert!(reconsider_proposal(&mut back, "r26", "fail"));
    let props = propose_changes(&back, "r26", "2026-12-15").unwrap();
    assert!(props
        .iter()
        .any(|p| p.unit_id == "fail" && p.to == UnitStatus::Warned));
    assert!(props.iter().any(|p| p.unit_id == "also"));
    assert!(set_aside_proposals(&back, "r26", "2026-12-15").is_empty());
    assert!(!back
        .round("r26")
        .unwrap()
        .decided_proposals
        .contains(&"fail".to_string()));
    // Nothing to take back a second time, nor for a unit never set aside.
    assert!(!reconsider_proposal(&mut back, "r26", "fail"));
    assert!(!reconsider_proposal(&mut back, "r26", "also"));
    assert!(!reconsider_proposal(&mut back, "no-round", "fail"));

    // Set aside from 已授牌, then warned by hand: the old one no longer stands, so it
    // is not listed, and taking back the new one keeps the unit's id for the old.
    warned_by_hand_in_january(&mut st, "fail");
    assert!(set_aside_proposals(&st, "r26", "2026-12-15").is_empty());
    let delist = propose_changes(&st, "r26", "2026-12-15")
        .unwrap()
        .into_iter()
        .find(|p| p.unit_id == "fail")
        .unwrap();
    dismiss_proposal(&mut st, &delist);
    let listed = set_aside_proposals(&st, "r26", "2026-12-15");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].from, UnitStatus::Warned);
    assert!(reconsider_proposal(&mut st, "r26", "fail"));
    let r = st.round("r26").unwrap();
    assert_eq!(r.dismissed_proposals.len(), 1);
    assert!(r.decided_proposals.contains(&"fail".to_string()));
    assert!(!r.proposal_decided("fail", UnitStatus::Warned));
    assert!(r.proposal_decided("fail", UnitStatus::Named));
}

#[test]
fn overdue_rectification_proposes_delisting() {
    let mut u = unit("w", "警示支部", UnitStatus::Warned);
    u.rectify_by = Some("2026-06-30".into());
    let mut st = state(vec![u], vec![], vec![]);
    st.rectifications.push(warned_item(
        "x1",
        "2026-06-30",
        RectificationStatus::InProgress,
        ProblemSource::Warning,
    ));
    assert!(propose_overdue(&st, "2026-06-30").is_empty());
    let props = propose_overdue(&st, "2026-07-01");
    assert_eq!(props.len(), 1);
    assert_eq!(props[0].to, UnitStatus::Delisted);
    assert_eq!(props[0].reason, "整改期限2026-06-30已过，仍有1项整改未完成");
    // Reported 已完成 by the unit: still proposed until the committee closes it.
    st.rectifications[0].status = RectificationStatus::Done;
    let props = propose_overdue(&st, "2026-07-01");
    assert_eq!(
        props[0].reason,
        "整改期限2026-06-30已过，1项整改单位已报完成，尚未核实销号"
    );
    st.rectifications[0].status = RectificationStatus::Closed;
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    // Everything closed: not 摘牌, but the warning still waits for a decision.
    assert!(
        warnings_to_settle(&st, "2026-06-30").is_empty(),
        "not yet due"
    );
    let due = warnings_to_settle(&st, "2026-07-01");
    assert_eq!(due.len(), 1);
    assert_eq!(
        due[0].message(),
        "整改期限2026-06-30已过，1项整改事项已全部销号：可在单位页面作出“解除警示”的决定"
    );
    // No item ever recorded: said so, not silently left.
    st.rectifications.clear();
    assert_eq!(
        warnings_to_settle(&st, "2026-07-01")[0].message(),
        "整改期限2026-06-30已过，但没有登记整改事项：请在“整改”中登记，或在单位页面作出决定"
    );
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    // A clerk's review: the 摘牌 proposal's advice led a clerk to move the items'
    // deadlines in 整改 rather than extend the unit's: the proposal went, and the unit
    // was listed nowhere. It is listed, saying what is missing.
    st.rectifications.push(warned_item(
        "x2",
        "2027-01-31",
        RectificationStatus::InProgress,
        ProblemSource::Warning,
    ));
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    let due = warnings_to_settle(&st, "2026-07-01");
    assert_eq!(due.len(), 1);
    assert_eq!(
        due[0].message(),
        "整改期限2026-06-30已过，1项整改事项尚未销号，其期限已在“整改”中改到此后，但单位的整改期限没有延期：如工委已决定延期，请在单位页面用“整改期限延期”登记决定；否则请作出决定"
    );
}

#[test]
fn delisting_counts_only_items_whose_own_deadline_has_passed() {
    let mut u = unit("w", "警示支部", UnitStatus::Warned);
    u.rectify_by = Some("2026-06-30".into());
    let mut st = state(vec![u], vec![], vec![]);
    let item = |id: &str, deadline: &str| {
        warned_item(
            id,
            deadline,
            RectificationStatus::InProgress,
            ProblemSource::Other,
        )
    };
    // An item opened before the warning and due at the year's end is not late in July.
    st.rectifications.push(item("x1", "2026-12-31"));
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    // One due with the warning is; extending its deadline takes the proposal away.
    st.rectifications.push(item("x2", "2026-06-30"));
    let props = propose_overdue(&st, "2026-07-01");
    assert_eq!(props[0].reason, "整改期限2026-06-30已过，仍有1项整改未完成");
    st.rectifications[1].deadline = "2026-09-30".into();
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    assert_eq!(propose_overdue(&st, "2027-01-01").len(), 1);
}

#[test]
fn transition_table() {
    use UnitStatus::*;
    assert!(transition_allowed(Candidate, Named));
    assert!(transition_allowed(Warned, Named));
    assert!(!transition_allowed(Delisted, Named));
    assert!(!transition_allowed(Candidate, Warned));
    for s in UnitStatus::ALL {
        assert!(!transition_allowed(s, s));
        if s != Withdrawn {
            assert!(transition_allowed(s, Withdrawn));
        }
    }
    // Naming sets the date and plaque number.
    let mut st = state(vec![unit("c", "创建支部", Candidate)], vec![], vec![]);
    change_status(
        &mut st,
        "c",
        &StatusChangeRequest {
            to: Named,
            date: "2026-12-20".into(),
            reason: "考评良好，予以授牌".into(),
            doc_no: "市直机关工委〔2026〕31号".into(),
            plaque_no: Some("SFD-2026-001".into()),
            rectify_by: None,
        },
        LATER,
    )
    .unwrap();
    let u = st.unit("c").unwrap();
    assert_eq!(
        (u.status, u.named_on.as_deref(), u.plaque_no.as_deref()),
        (Named, Some("2026-12-20"), Some("SFD-2026-001"))
    );
    assert_eq!(u.meta.rev, 1);
}

#[test]
fn type_suggestions_explain_themselves() {
    let units = vec![
        unit("t1", "真示范支部", UnitStatus::Named),
        unit("t2", "吃老本支部", UnitStatus::Named),
        unit("t3", "闭门造车支部", UnitStatus::Named),
    ];
    let rounds = two_rounds(
        &[("t1", ["34", "26", "26"]), ("t2", ["38", "28", "28"])],
        &[
            ("t1", ["36", "27", "27"]), // 90%, 90%: 一类 with an outcome
            ("t2", ["34", "25", "25"]), // fell 10 points, no outcome: 二类
            ("t3", ["38", "27", "18"]), // own 65/70 = 92.86%, demo 45/60 = 75%: 三类
        ],
    );
    let st = state(
        units,
        rounds,
        vec![outcome("o1", "t1", "2026-02-01", false)],
    );
    let s = suggest_types(&st, "r26").unwrap();
    assert_eq!(s[0].suggested, SiteType::TrueExemplar);
    assert_eq!(s[0].trend, Some(p("4")));
    assert_eq!(s[0].own_pct, p("90"));
    assert!(s[0]
        .reasons
        .iter()
        .any(|r| r == "总分比上一轮（86）提高4分"));
    assert_eq!(s[1].suggested, SiteType::LivingOnPast);
    assert!(s[1].reasons.contains(&"本年度无新增成果".to_string()));
    assert!(s[1]
        .reasons
        .iter()
        .any(|r| r == "总分比上一轮（94）下降10分"));
    assert_eq!(s[2].suggested, SiteType::ClosedDoor);
    assert_eq!((s[2].own_pct, s[2].demo_pct), (p("92.86"), p("75")));
    assert!(s[2].reasons[0].contains("低17.86个百分点"));

    let mut st2 = st.clone();
    assert!(!set_type_override(
        &mut st2.rounds[1],
        "t3",
        SiteType::LivingOnPast,
        " "
    ));
    assert!(set_type_override(
        &mut st2.rounds[1],
        "t3",
        SiteType::LivingOnPast,
        "实地考察后认定"
    ));
    let s = suggest_types(&st2, "r26").unwrap();
    assert_eq!(s[2].suggested, SiteType::ClosedDoor);
    assert_eq!(s[2].effective(), SiteType::LivingOnPast);
    assert_eq!(s[2].overridden.as_ref().unwrap().note, "实地考察后认定");
}

#[test]
fn editing_a_scored_scheme_makes_a_new_version() {
    let mut r = round("r1", 2026, &["u1"], &["a1"]);
    let mut st = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![r.clone()],
        vec![],
    );
    assert!(!scheme_has_scores(&st, "s1"));
    let mut edited = st.schemes[0].clone();
    edited.bonus_cap = p("8");
    assert_eq!(
        save_scheme_edit(&mut st, edited.clone(), "2026-03-01T09:00:00Z"),
        "s1"
    );
    assert_eq!(st.schemes.len(), 1);
    assert_eq!(st.schemes[0].bonus_cap, p("8"));

    r.sheets.push(sheet("u1", by("a1"), &["1", "", ""]));
    st.rounds[0] = r.into();
    assert!(scheme_has_scores(&st, "s1"));
    edited.bonus_cap = p("6");
    let id = save_scheme_edit(&mut st, edited, "2026-03-02T09:00:00Z");
    assert_ne!(id, "s1");
    let v2 = st.scheme(&id).unwrap();
    assert_eq!(
        (v2.family.as_str(), v2.version, v2.bonus_cap),
        ("s1", 2, p("6"))
    );
    assert_eq!(
        st.scheme("s1").unwrap().bonus_cap,
        p("8"),
        "the scored version is untouched"
    );

    let copy = copy_scheme_for_year(&mut st, "s1", 2027).unwrap();
    let c = st.scheme(&copy).unwrap();
    assert_eq!((c.year, c.version, c.family == copy), (2027, 1, true));
    assert_eq!(
        copy_scheme(&default_scheme("a", "a", 2026), "b", 2027).name,
        "2027年度基层党建示范点考评方案"
    );
}

/// A clerk's review: a stray copy ("1999年度…", a duplicate "…（2）") could never be
/// removed, and stayed in 新建考评's list. A version no round uses can be deleted; one
/// a round uses cannot, with the round named.
#[test]
fn only_a_scheme_no_round_uses_is_deleted() {
    let mut st = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![round("r1", 2026, &["u1"], &["a1"])],
        vec![],
    );
    let copy = copy_scheme_for_year(&mut st, "s1", 1999).unwrap();
    let before = st.clone();
    assert_eq!(
        delete_scheme(&mut st, "s1").map_err(|e| e.to_string()),
        Err(format!(
            "考评方案「{}」已用于{}，不能删除；考评轮次按它评分和导出任务文件",
            st.scheme("s1").unwrap().name,
            st.rounds[0].name
        ))
    );
    assert_eq!(st, before, "nothing changed");
    delete_scheme(&mut st, &copy).unwrap();
    assert!(st.scheme(&copy).is_none());
    assert_eq!(st.schemes.len(), before.schemes.len() - 1);
    assert_eq!(
        delete_scheme(&mut st, &copy),
        Err(SchemeDeleteError::NotFound)
    );
}

#[test]
fn nothing_is_proposed_on_incomplete_scoring() {
    let units = vec![
        unit("partial", "缺项支部", UnitStatus::Named),
        unit("full", "完整支部", UnitStatus::Named),
        unit("vetoed", "否决缺项支部", UnitStatus::Named),
    ];
    // All three well under 合格; two left an indicator blank.
    let rounds = {
        let mut r = round("r26", 2026, &["partial", "full", "vetoed"], &["a1"]);
        r.sheets = vec![
            sheet("partial", by("a1"), &["3.5", "", ""]),
            sheet("full", by("a1"), &["25", "20", "20"]),
            sheet("vetoed", by("a1"), &["30", "", "22"]),
        ]
        .into();
        r.adjustments
            .push(adj("j1", "vetoed", AdjustmentKind::Veto, "v2", 1));
        vec![r]
    };
    let st = state(units, rounds, vec![]);
    let props = propose_changes(&st, "r26", "2026-12-15").unwrap();
    let got: Vec<(&str, UnitStatus)> = props.iter().map(|p| (p.unit_id.as_str(), p.to)).collect();
    // The blank-ridden unit is not warned on one score; the complete one is; a veto
    // decides without the missing score.
    assert_eq!(
        got,
        vec![
            ("full", UnitStatus::Warned),
            ("vetoed", UnitStatus::Delisted)
        ]
    );
    // The page says who waits for a missing score (a clerk's review: a unit graded
    // 良好 with a sheet missing got no 授牌 suggestion and no word why).
    let (pending, held) = pending_proposals_and_held(&st, Some("r26"), "2026-12-15").unwrap();
    assert_eq!(pending.len(), 2);
    assert_eq!(held, ["缺项支部"]);
}

#[test]
fn the_history_stays_in_date_order_and_a_restored_unit_keeps_its_naming_date() {
    use exemplar::domain::roster::{add_unit, UnitInput};
    let mut s = AppState::default();
    let mut input = UnitInput::blank(2024);
    input.name = "市民政局机关党委".into();
    let id = add_unit(&mut s, &input, LATER).expect("added");
    let req = |to, date: &str, rectify_by: Option<&str>| StatusChangeRequest {
        to,
        date: date.into(),
        reason: "依据考评结果".into(),
        doc_no: "市直机关工委〔2025〕3号".into(),
        plaque_no: None,
        rectify_by: rectify_by.map(Into::into),
    };
    change_status(
        &mut s,
        &id,
        &req(UnitStatus::Named, "2025-01-10", None),
        LATER,
    )
    .expect("授牌");
    let named = s.clone();
    // A warning dated before the naming it warns about is refused.
    let e = change_status(
        &mut s,
        &id,
        &req(UnitStatus::Warned, "2024-06-01", Some("2024-12-01")),
        LATER,
    )
    .unwrap_err();
    assert!(
        matches!(&e, LifecycleError::BeforeLastChange { last, .. } if last == "2025-01-10"),
        "{e}"
    );
    assert_eq!(s, named);
    // Warned, then back: the 授牌日期 is the first naming's; the history has all three.
    change_status(
        &mut s,
        &id,
        &req(UnitStatus::Warned, "2025-06-01", Some("2025-12-01")),
        LATER,
    )
    .expect("警示");
    change_status(
        &mut s,
        &id,
        &req(UnitStatus::Named, "2026-02-01", None),
        LATER,
    )
    .expect("恢复");
    let u = &s.units[0];
    assert_eq!(u.named_on.as_deref(), Some("2025-01-10"));
    let dates: Vec<&str> = u.history.iter().map(|h| h.date.as_str()).collect();
    assert_eq!(dates, ["2025-01-10", "2025-06-01", "2026-02-01"]);
}

#[test]
fn a_plaque_number_names_one_site_and_no_change_precedes_entry() {
    use UnitStatus::*;
    let mut st = state(
        vec![unit("a", "甲支部", Named), unit("c", "创建支部", Candidate)],
        vec![],
        vec![],
    );
    st.units[0].plaque_no = Some("SFD-2025-001".into());
    let naming = |date: &str, plaque: &str| StatusChangeRequest {
        to: Named,
        date: date.into(),
        reason: "考评良好，予以授牌".into(),
        doc_no: "市直机关工委〔2026〕31号".into(),
        plaque_no: Some(plaque.into()),
        rectify_by: None,
    };
    let before = st.clone();
    let e =
        change_status(&mut st, "c", &naming("2026-12-20", " SFD-2025-001 "), LATER).unwrap_err();
    assert_eq!(
        e.to_string(),
        "牌匾编号「SFD-2025-001」已是「甲支部」的，不能再给单位「创建支部」；请核对编号"
    );
    // The holder 摘牌: its plaque was taken back, and the number is still not given
    // again; said so, and what to do (a clerk's review: 已是「…」的 beside that unit's
    // page saying 牌匾已收回).
    let mut gone = st.clone();
    if let Some(u) = gone.units.iter_mut().find(|u| u.name == "甲支部") {
        u.status = UnitStatus::Delisted;
    }
    let e =
        change_status(&mut gone, "c", &naming("2026-12-20", "SFD-2025-001"), LATER).unwrap_err();
    assert_eq!(
        e.to_string(),
        "牌匾编号「SFD-2025-001」是「甲支部」用过的（该单位已摘牌，牌匾已收回）；收回的编号不再发给别的单位，请给「创建支部」另编一个编号"
    );
    // The unit entered in 2024: a decision dated 2023 is a typing error.
    let e = change_status(&mut st, "c", &naming("2023-12-20", "SFD-2026-002"), LATER).unwrap_err();
    assert_eq!(
        e.to_string(),
        "单位「创建支部」状态变更的日期 2023-12-20 早于其入选年份（2024年），请核对日期"
    );
    // Nor typed in lower case or in full width, as a Chinese input method may.
    for typed in ["sfd-2025-001", "ＳＦＤ－２０２５－００１"] {
        assert!(matches!(
            change_status(&mut st, "c", &naming("2026-12-20", typed), LATER),
            Err(LifecycleError::DuplicatePlaque { .. })
        ));
    }
    assert_eq!(st, before, "nothing changed");
    change_status(&mut st, "c", &naming("2026-12-20", "SFD-2026-002"), LATER).unwrap();
    assert_eq!(
        st.unit("c").unwrap().plaque_no.as_deref(),
        Some("SFD-2026-002")
    );
}

#[test]
fn a_site_entered_already_named_has_its_naming_recorded_afterwards_and_falls_due_for_review() {
    use exemplar::domain::lifecycle_settings::reviews_due;
    let mut old = unit("old", "老示范点", UnitStatus::Named);
    old.entered_year = 2020;
    let mut st = state(
        vec![
            old,
            unit("warned", "警示支部", UnitStatus::Warned),
            unit("cand", "创建支部", UnitStatus::Candidate),
        ],
        vec![],
        vec![],
    );
    st.units[2].plaque_no = Some("SF-09".into());
    const NOW: &str = "2026-12-04T09:00:00Z";
    // Entered as 已授牌 with no date: nothing falls due.
    assert!(reviews_due(&st, "2026-12-04").is_empty());
    assert!(can_record_earlier_naming(&st.units[0]));
    assert!(!can_record_earlier_naming(&st.units[2]));
    let before = st.clone();
    for (id, date, plaque, says) in [
        ("old", "", "", "请填写单位「老示范点」的授牌日期"),
        ("old", "2021/7/1", "", "格式不正确"),
        ("old", "2027-01-01", "", "晚于今天"),
        ("old", "2019-07-01", "", "早于其入选年份（2020年）"),
        (
            "old",
            "2021-07-01",
            "ＳＦ－09",
            "牌匾编号「SF-09」已是「创建支部」的",
        ),
        (
            "cand",
            "2021-07-01",
            "",
            "只有已授牌或警示的单位才能补记授牌信息",
        ),
    ] {
        let e = record_earlier_naming(&mut st, id, date, plaque, "", NOW)
            .expect_err(date)
            .to_string();
        assert!(e.contains(says), "{e}");
    }
    assert_eq!(st, before, "nothing refused changed anything");
    record_earlier_naming(&mut st, "old", " 2021-07-01 ", " ＳＦ－01 ", "", NOW).unwrap();
    let u = &st.units[0];
    assert_eq!(
        (u.named_on.as_deref(), u.plaque_no.as_deref()),
        (Some("2021-07-01"), Some("SF-01"))
    );
    assert!(
        u.history.is_empty(),
        "no history entry: not a decision of these years"
    );
    // Named 2021-07-01 with a 3-year period: due 2024-07-01 (and overdue since).
    let due = reviews_due(&st, "2026-12-04");
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].unit_id.as_str(), due[0].due_on.as_str()),
        ("old", "2024-07-01")
    );
    // It can be corrected while the naming is not in the history.
    record_earlier_naming(&mut st, "old", "2021-06-30", "SF-01", "", NOW).unwrap();
    assert_eq!(st.units[0].named_on.as_deref(), Some("2021-06-30"));
    // A warning decided since: the naming must come before it.
    let warn = StatusChangeRequest {
        to: UnitStatus::Warned,
        date: "2025-03-01".into(),
        reason: "考评不合格".into(),
        doc_no: "工委〔2025〕1号".into(),
        plaque_no: None,
        rectify_by: Some("2025-09-01".into()),
    };
    change_status(&mut st, "old", &warn, NOW).unwrap();
    let e = record_earlier_naming(&mut st, "old", "2025-04-01", "SF-01", "", NOW).unwrap_err();
    assert!(
        e.to_string()
            .contains("晚于其状态履历中的第一次变更（2025-03-01）"),
        "{e}"
    );
    // One entered already 警示 gets its 整改期限 recorded too: required (a warning
    // has one), not before the naming.
    let before = st.clone();
    let e = record_earlier_naming(&mut st, "warned", "2024-01-10", "", " ", NOW).unwrap_err();
    assert_eq!(e.to_string(), "给单位「警示支部」警示须定出整改期限");
    let e =
        record_earlier_naming(&mut st, "warned", "2024-01-10", "", "2024/9/1", NOW).unwrap_err();
    assert!(e.to_string().contains("格式不正确"), "{e}");
    let e =
        record_earlier_naming(&mut st, "warned", "2024-01-10", "", "2023-12-31", NOW).unwrap_err();
    assert!(
        e.to_string()
            .contains("整改期限「2023-12-31」早于其授牌日期「2024-01-10」"),
        "{e}"
    );
    assert_eq!(st, before);
    record_earlier_naming(&mut st, "warned", "2024-01-10", "", "2027-03-31", NOW).unwrap();
    assert_eq!(
        st.unit("warned").unwrap().rectify_by.as_deref(),
        Some("2027-03-31")
    );
    // A naming decided in the app is in the history: corrected nowhere else.
    let mut named = unit("named", "新授牌支部", UnitStatus::Candidate);
    named.entered_year = 2024;
    st.units.push(named);
    let name = StatusChangeRequest {
        to: UnitStatus::Named,
        date: "2026-05-10".into(),
        reason: "考评良好".into(),
        doc_no: "工委〔2026〕5号".into(),
        plaque_no: Some("SF-20".into()),
        rectify_by: None,
    };
    change_status(&mut st, "named", &name, NOW).unwrap();
    assert!(!can_record_earlier_naming(st.unit("named").unwrap()));
    let e = record_earlier_naming(&mut st, "named", "2025-01-01", "", "", NOW).unwrap_err();
    assert!(
        e.to_string().contains("授牌已记入状态履历（2026-05-10）"),
        "{e}"
    );
}

#[test]
fn a_plaque_number_left_blank_at_naming_is_recorded_later_and_a_mistyped_one_corrected() {
    const NOW: &str = "2026-12-04T09:00:00Z";
    let mut st = state(
        vec![
            unit("c", "创建支部", UnitStatus::Candidate),
            unit("other", "另一示范点", UnitStatus::Named),
            unit("cand", "候选支部", UnitStatus::Candidate),
        ],
        vec![],
        vec![],
    );
    st.units[1].plaque_no = Some("SF-02".into());
    let name = StatusChangeRequest {
        to: UnitStatus::Named,
        date: "2026-05-10".into(),
        reason: "考评良好".into(),
        doc_no: "工委〔2026〕5号".into(),
        plaque_no: None,
        rectify_by: None,
    };
    change_status(&mut st, "c", &name, NOW).unwrap();
    assert_eq!(st.unit("c").unwrap().plaque_no, None);
    // Named in the history: 补记授牌信息 is not offered, yet the plaque can be recorded.
    assert!(!can_record_earlier_naming(st.unit("c").unwrap()));
    let before = st.clone();
    for (id, plaque, says) in [
        ("c", "  ", "请填写单位「创建支部」的牌匾编号"),
        ("c", "ＳＦ－02", "牌匾编号「SF-02」已是「另一示范点」的"),
        ("cand", "SF-09", "只有已授牌或警示的单位"),
    ] {
        let e = record_plaque_no(&mut st, id, plaque, NOW)
            .expect_err(plaque)
            .to_string();
        assert!(e.contains(says), "{e}");
    }
    assert_eq!(st, before, "nothing refused changed anything");
    record_plaque_no(&mut st, "c", " SF-03 ", NOW).unwrap();
    assert_eq!(st.unit("c").unwrap().plaque_no.as_deref(), Some("SF-03"));
    record_plaque_no(&mut st, "c", "SF-04", NOW).unwrap();
    let u = st.unit("c").unwrap();
    assert_eq!(
        u.plaque_no.as_deref(),
        Some("SF-04"),
        "a mistyped one corrected"
    );
    assert_eq!(u.history.len(), 1, "no history entry of its own");
}

#[test]
fn results_open_on_the_latest_round_of_a_year_that_has_come() {
    use exemplar::domain::report::default_round;
    let st = state(vec![], two_rounds(&[], &[]), vec![]);
    let id = |y: u16| default_round(&st, y).map(|r| r.id.clone());
    assert_eq!(id(2026).as_deref(), Some("r26"));
    // In 2025 the 2026 round is one set up ahead: not the one shown first.
    assert_eq!(id(2025).as_deref(), Some("r25"));
    assert_eq!(id(2024).as_deref(), Some("r26"), "all ahead: the latest");
}

#[test]
fn a_recorded_review_takes_the_site_off_the_due_list_until_its_next_anniversary() {
    use exemplar::domain::lifecycle_settings::reviews_due;
    let mut site = unit("site", "示范支部", UnitStatus::Named);
    site.entered_year = 2020;
    site.named_on = Some("2021-07-01".into());
    let mut st = state(
        vec![site, unit("cand", "创建支部", UnitStatus::Candidate)],
        vec![],
        vec![],
    );
    const NOW: &str = "2026-12-04T09:00:00Z";
    // Named 2021-07-01, every 3 years: due 2024-07-01 and not yet reviewed.
    let due = reviews_due(&st, "2026-12-04");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due_on, "2024-07-01");
    assert_eq!(due[0].last_review, None);

    let before = st.clone();
    for (id, date, conclusion, note, says) in [
        (
            "site",
            "",
            ReviewConclusion::Passed,
            "",
            "请填写单位「示范支部」的复查日期",
        ),
        (
            "site",
            "2026/11/20",
            ReviewConclusion::Passed,
            "",
            "格式不正确",
        ),
        (
            "site",
            "2026-12-06",
            ReviewConclusion::Passed,
            "",
            "晚于今天",
        ),
        (
            "site",
            "2021-06-30",
            ReviewConclusion::Passed,
            "",
            "早于其授牌日期（2021-07-01）",
        ),
        (
            "site",
            "2026-11-20",
            ReviewConclusion::Failed,
            " ",
            "请在“情况说明”中写明存在的问题",
        ),
        (
            "cand",
            "2026-11-20",
            ReviewConclusion::Passed,
            "",
            "只有已授牌或警示的示范点才记录复查",
        ),
        (
            "gone",
            "2026-11-20",
            ReviewConclusion::Passed,
            "",
            "找不到单位「gone」",
        ),
    ] {
        let err = record_review(&mut st, id, date, conclusion, note, NOW).expect_err(date);
        // Each names its field in the 记录复查 form, but for a unit not there or no site.
        use exemplar::domain::problems::FieldsAt;
        assert_eq!(
            err.fields().is_empty(),
            matches!(id, "gone" | "cand"),
            "{err:?}"
        );
        let e = err.to_string();
        assert!(e.contains(says), "{e}");
    }
    assert_eq!(st, before, "nothing refused changed anything");

    // A review held more than a year before the anniversary does not count for it.
    record_review(
        &mut st,
        "site",
        "2023-06-30",
        ReviewConclusion::Passed,
        "",
        NOW,
    )
    .unwrap();
    let due = reviews_due(&st, "2026-12-04");
    assert_eq!(due.len(), 1);
    assert_eq!(
        due[0].last_review.as_ref().map(|r| r.date.as_str()),
        Some("2023-06-30")
    );
    // One within the year before it (or after) does; the same day twice is refused.
    record_review(
        &mut st,
        "site",
        " 2026-11-20 ",
        ReviewConclusion::Passed,
        " 阵地、台账齐全 ",
        NOW,
    )
    .unwrap();
    assert!(reviews_due(&st, "2026-12-04").is_empty());
    let again = record_review(
        &mut st,
        "site",
        "2026-11-20",
        ReviewConclusion::Passed,
        "",
        NOW,
    );
    assert!(
        matches!(again, Err(ReviewError::SameDate { .. })),
        "{again:?}"
    );
    let u = st.unit("site").unwrap();
    assert_eq!(
        u.reviews
            .iter()
            .map(|r| (r.date.as_str(), r.note.as_str()))
            .collect::<Vec<_>>(),
        [("2023-06-30", ""), ("2026-11-20", "阵地、台账齐全")],
        "kept in date order, trimmed"
    );
    assert_eq!(u.meta.updated, NOW);
    // Until the next anniversary: 2027-07-01 falls due again (the late 复查 of
    // 2024's does not count for it too).
    assert!(reviews_due(&st, "2027-06-30").is_empty());
    let due = reviews_due(&st, "2027-07-01");
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].due_on.as_str(), due[0].years), ("2027-07-01", 6));
    // One held early in that year counts for it.
    let mut early = st.clone();
    record_review(
        &mut early,
        "site",
        "2027-05-01",
        ReviewConclusion::Passed,
        "",
        LATER,
    )
    .unwrap();
    assert!(reviews_due(&early, "2027-07-01").is_empty());

    // Stored and read back as it was; a unit without reviews writes no field.
    let json = serde_json::to_string(&st.units).unwrap();
    assert_eq!(json.matches("\"reviews\"").count(), 1);
    let back: Vec<Unit> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, *st.units);
    // A backup with a 复查 dated wrongly is refused, naming it.
    let mut bad = st.clone();
    bad.units[0].reviews[0].date = "2026-13-01".into();
    let errs = validate_state(&bad).expect_err("a bad date");
    assert!(
        errs.iter()
            .any(|e| e.to_string().contains("单位「示范支部」的复查")
                && e.to_string().contains("2026-13-01")),
        "{errs:?}"
    );
}

#[test]
fn a_review_recorded_from_the_due_list_must_count_for_it_and_a_mistaken_one_can_be_deleted() {
    use exemplar::domain::lifecycle_settings::reviews_due;
    let mut site = unit("site", "示范支部", UnitStatus::Named);
    site.entered_year = 2020;
    site.named_on = Some("2021-07-01".into());
    let mut st = state(vec![site], vec![], vec![]);
    const NOW: &str = "2027-07-02T09:00:00Z";
    const TODAY: &str = "2027-07-02";
    // Due 2024-07-01 (missed) and 2027-07-01: the list shows the latest.
    assert_eq!(reviews_due(&st, TODAY)[0].due_on, "2027-07-01");
    let before = st.clone();
    // More than a year before it: counts for nothing that is due, refused.
    let e = record_due_review(
        &mut st,
        "site",
        "2027-07-01",
        TODAY,
        "2022-01-01",
        ReviewConclusion::Passed,
        "",
        NOW,
    )
    .expect_err("too early")
    .to_string();
    assert!(
        e.contains("复查日期 2022-01-01 早于 2026-07-01，不算 2027-07-01 到期的这次复查"),
        "{e}"
    );
    // Within the year before it, but 2024's was missed: it would count for that one.
    let e = record_due_review(
        &mut st,
        "site",
        "2027-07-01",
        TODAY,
        "2026-09-01",
        ReviewConclusion::Passed,
        "",
        NOW,
    )
    .expect_err("counts for the missed one")
    .to_string();
    assert!(
        e.contains("将算作 2024-07-01 到期而未做的那次复查，2027-07-01 到期的这次仍需另行记录"),
        "{e}"
    );
    assert_eq!(st, before, "nothing refused changed anything");
    // On or after the anniversary: it catches up on both, and the site leaves the list.
    record_due_review(
        &mut st,
        "site",
        "2027-07-01",
        TODAY,
        "2027-07-02",
        ReviewConclusion::Passed,
        "",
        NOW,
    )
    .unwrap();
    assert!(reviews_due(&st, TODAY).is_empty());

    // Entered by mistake: deleted, the site is due again; a date not there is refused.
    let e = delete_review(&mut st, "site", "2027-07-01", NOW)
        .expect_err("none that day")
        .to_string();
    assert_eq!(
        e,
        "单位「示范支部」没有 2027-07-01 的复查记录，可能已被删除"
    );
    delete_review(&mut st, "site", "2027-07-02", NOW).unwrap();
    assert!(st.unit("site").unwrap().reviews.is_empty());
    assert_eq!(reviews_due(&st, TODAY).len(), 1);
}

#[test]
fn a_warning_deadline_is_extended_by_decision_and_its_items_move_with_it() {
    let mut u = unit("w", "警示支部", UnitStatus::Warned);
    u.rectify_by = Some("2026-06-30".into());
    u.history.push(StatusChange {
        date: "2025-12-31".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Warned,
        reason: "年度考评不合格".into(),
        doc_no: "市直工委〔2025〕9号".into(),
    });
    let mut st = state(
        vec![u, unit("n", "已授牌支部", UnitStatus::Named)],
        vec![],
        vec![],
    );
    let item = |id: &str, deadline: &str, status| {
        warned_item(id, deadline, status, ProblemSource::Warning)
    };
    st.rectifications
        .push(item("x1", "2026-06-30", RectificationStatus::InProgress));
    st.rectifications
        .push(item("x2", "2026-06-30", RectificationStatus::Closed));
    st.rectifications
        .push(item("x3", "2026-03-31", RectificationStatus::Open));
    assert_eq!(propose_overdue(&st, "2026-07-01").len(), 1);
    let req = |date: &str, to: &str, reason: &str| ExtensionRequest {
        date: date.into(),
        to: to.into(),
        doc_no: "市直工委〔2026〕5号".into(),
        reason: reason.into(),
    };
    let now = "2026-07-01T09:00:00Z";
    let before = st.clone();
    // Each wrong request is refused with its reason, changing nothing.
    for (r, why) in [
        (req("", "2026-09-30", "x"), "请填写延期决定的日期"),
        (
            req("2026-07-03", "2026-09-30", "x"),
            "延期决定日期「2026-07-03」晚于今天，请核对",
        ),
        (
            req("2025-12-01", "2026-09-30", "x"),
            "延期决定日期「2025-12-01」早于警示日期（2025-12-31），请核对",
        ),
        (req("2026-06-20", "", "x"), "请填写延期后的整改期限"),
        (
            req("2026-06-20", "2026-06-30", "x"),
            "延期后的整改期限「2026-06-30」不晚于现在的整改期限（2026-06-30），不是延期，请核对",
        ),
        (
            req("2026-06-20", "2026/9/30", "x"),
            "延期后的整改期限「2026/9/30」格式不正确，应为“年-月-日”，如 2027-06-30，请核对",
        ),
        (req("2026-06-20", "2026-09-30", " "), "请填写延期理由"),
        (
            ExtensionRequest {
                doc_no: " ".into(),
                ..req("2026-06-20", "2026-09-30", "x")
            },
            "请填写延期决定的文号：整改期限延期须依据工委的决定",
        ),
    ] {
        let e = extend_deadline(&mut st, "w", &r, now).unwrap_err();
        assert_eq!(e.to_string(), why);
        assert_eq!(st, before);
    }
    let e = extend_deadline(&mut st, "n", &req("2026-06-20", "2026-09-30", "x"), now).unwrap_err();
    assert_eq!(
        e.to_string(),
        "单位「已授牌支部」现在是“已授牌”，只有警示期间的整改期限才能延期"
    );
    // Granted: the deadline moves, with the open item due on it; the closed one and the
    // one with its own deadline stay.
    let moved = extend_deadline(
        &mut st,
        "w",
        &req("2026-06-20", "2026-09-30", "新班子调整，需要时间"),
        now,
    )
    .unwrap();
    assert_eq!(moved, 1);
    let w = st.unit("w").unwrap();
    assert_eq!(w.rectify_by.as_deref(), Some("2026-09-30"));
    assert_eq!(w.status, UnitStatus::Warned);
    assert_eq!(w.history.len(), 1, "no status change in the history");
    let ext = w.current_extensions();
    assert_eq!(ext.len(), 1);
    assert_eq!(
        (ext[0].from.as_str(), ext[0].to.as_str()),
        ("2026-06-30", "2026-09-30")
    );
    let deadlines: Vec<&str> = st
        .rectifications
        .iter()
        .map(|r| r.deadline.as_str())
        .collect();
    assert_eq!(deadlines, ["2026-09-30", "2026-06-30", "2026-03-31"]);
    // Not late now by the unit's deadline; late again after the new one.
    assert!(propose_overdue(&st, "2026-07-01").is_empty());
    assert_eq!(
        propose_overdue(&st, "2026-10-01")[0].reason,
        "整改期限2026-09-30已过，仍有2项整改未完成"
    );
    // A second extension counts from the first's deadline.
    let e = extend_deadline(&mut st, "w", &req("2026-07-01", "2026-08-31", "x"), now).unwrap_err();
    assert!(
        e.to_string().contains("不晚于现在的整改期限（2026-09-30）"),
        "{e}"
    );
    // Nor is one decided before the first: its record would say the deadline that day
    // was 2026-09-30, set only on 2026-06-20.
    let e = extend_deadline(&mut st, "w", &req("2026-04-01", "2026-12-31", "x"), now).unwrap_err();
    assert_eq!(
        e.to_string(),
        "延期决定日期「2026-04-01」早于上一次延期决定的日期（2026-06-20），请核对"
    );
    // Once the warning is lifted, its extensions are no longer current, but kept.
    let w = st.units.iter_mut().find(|u| u.id == "w").unwrap();
    w.status = UnitStatus::Named;
    assert!(w.current_extensions().is_empty());
    assert_eq!(w.extensions.len(), 1);
}

#[test]
fn extensions_survive_a_stored_round_trip_and_older_data_reads_without_them() {
    let mut u = unit("w", "警示支部", UnitStatus::Warned);
    u.extensions.push(DeadlineExtension {
        date: "2026-06-20".into(),
        from: "2026-06-30".into(),
        to: "2026-09-30".into(),
        doc_no: String::new(),
        reason: "理由".into(),
    });
    let json = serde_json::to_string(&u).unwrap();
    assert!(json.contains("\"extensions\""));
    assert!(
        !json.contains("doc_no"),
        "an empty 文号 is left out: {json}"
    );
    let back: Unit = serde_json::from_str(&json).unwrap();
    assert_eq!(back, u);
    u.extensions.clear();
    let json = serde_json::to_string(&u).unwrap();
    assert!(!json.contains("extensions"));
    assert_eq!(serde_json::from_str::<Unit>(&json).unwrap(), u);
}

#[test]
fn an_item_moved_by_an_extension_keeps_a_dated_note_of_the_move() {
    use exemplar::domain::between_rounds::rectification::extended_when_overdue;
    let mut u = unit("w", "警示支部", UnitStatus::Warned);
    u.rectify_by = Some("2026-06-30".into());
    let mut st = state(vec![u], vec![], vec![]);
    st.rectifications.push(warned_item(
        "x1",
        "2026-06-30",
        RectificationStatus::Open,
        ProblemSource::Warning,
    ));
    let req = ExtensionRequest {
        date: "2026-07-10".into(),
        to: "2026-10-31".into(),
        doc_no: "市直工委〔2026〕7号".into(),
        reason: "换届".into(),
    };
    assert_eq!(
        extend_deadline(&mut st, "w", &req, "2026-07-10T08:00:00Z"),
        Ok(1)
    );
    let r = &st.rectifications[0];
    assert_eq!(r.progress.len(), 1);
    assert_eq!(r.progress[0].date, "2026-07-10");
    assert_eq!(
        r.progress[0].note,
        "按延期决定（市直工委〔2026〕7号），整改期限由 2026-06-30 调整为 2026-10-31"
    );
    assert_eq!(
        r.status,
        RectificationStatus::Open,
        "a 延期 is not progress"
    );
    // Extended ten days after it had passed: that lateness stays in view.
    assert_eq!(
        extended_when_overdue(r),
        Some(("2026-06-30".to_string(), 10))
    );
    // The warning cannot be lifted on a day before its extension was decided (a
    // clerk's review: it was).
    let lift = |date: &str| StatusChangeRequest {
        to: UnitStatus::Named,
        date: date.into(),
        reason: "整改到位".into(),
        doc_no: "市直工委〔2026〕9号".into(),
        plaque_no: None,
        rectify_by: None,
    };
    let before = st.clone();
    let e = change_status(&mut st, "w", &lift("2026-07-05"), "2026-07-20T08:00:00Z").unwrap_err();
    assert_eq!(
        e.to_string(),
        "单位「警示支部」状态变更的日期 2026-07-05 早于上一次变更（整改期限延期）的日期 2026-07-10；履历按日期先后记录，请核对日期"
    );
    assert_eq!(st, before);
    change_status(&mut st, "w", &lift("2026-07-12"), "2026-07-20T08:00:00Z").expect("after it");
}

/// A clerk's review: the sample's 市人力资源社会保障局业务一处党支部 was warned on
/// 2026-03-10 for its 2025 result, and the 2025 round then proposed 警示 → 摘牌 for
/// 警示期间2025年度考评仍为不合格, the very result that warned it. A round proposes nothing
/// for a unit whose status was last changed after the round's year.
#[test]
fn a_round_proposes_nothing_on_a_status_set_after_its_year() {
    let mut s = exemplar::domain::sample::sample_city(2026);
    let rid = s
        .rounds
        .iter()
        .find(|r| r.year == 2025)
        .expect("the 2025 round")
        .id
        .clone();
    let warned = s
        .units
        .iter()
        .find(|u| u.name == "市人力资源社会保障局业务一处党支部")
        .expect("the warned unit")
        .id
        .clone();
    let proposed_for = |s: &AppState| {
        propose_changes(s, &rid, "2026-12-01")
            .expect("proposes")
            .into_iter()
            .find(|p| p.unit_id == warned)
    };
    let unit = s.unit(&warned).expect("held");
    assert_eq!(unit.status, UnitStatus::Warned);
    assert!(unit
        .history
        .last()
        .is_some_and(|h| h.date.as_str() > "2025-12-31"));
    assert_eq!(proposed_for(&s), None);
    // Warned within 2025, the 2025 round's 不合格 is a result during the warning.
    let unit = s.units.iter_mut().find(|u| u.id == warned).expect("held");
    if let Some(h) = unit.history.last_mut() {
        h.date = "2025-06-10".into();
    }
    let p = proposed_for(&s).expect("proposed");
    assert_eq!(p.to, UnitStatus::Delisted);
    assert!(
        p.reason.contains("警示期间2025年度考评仍为不合格"),
        "{}",
        p.reason
    );
}

/// A decision date left empty is asked for, not called a date in the wrong format
/// (状态变更的日期「」格式不正确).
#[test]
fn an_empty_decision_date_is_asked_for() {
    let mut s = exemplar::domain::sample::sample_city(2026);
    let rid = s
        .rounds
        .iter()
        .find(|r| r.year == 2026)
        .expect("the 2026 round")
        .id
        .clone();
    let p = propose_changes(&s, &rid, "2026-12-01")
        .expect("proposes")
        .into_iter()
        .next()
        .expect("a proposal");
    let before = s.clone();
    let e = confirm_proposal(&mut s, &p, " ", "市直机关工委〔2026〕9号", "", LATER).unwrap_err();
    assert!(matches!(e, LifecycleError::MissingDate { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "请填写单位「{}」状态变更的日期（决定日期），如 2026-03-15",
            p.unit_name
        )
    );
    assert_eq!(s, before);
}

/// A clerk's review: the unit page's forms (状态变更, 修改牌匾编号, 延期) refused with
/// no field marked. Each refusal names its field by the form's label.
#[test]
fn a_refused_status_change_names_the_field_of_its_form() {
    use exemplar::domain::lifecycle::labels;
    use exemplar::domain::problems::FieldsAt;
    use UnitStatus::*;
    let mut st = state(
        vec![unit("a", "甲支部", Named), unit("c", "创建支部", Candidate)],
        vec![],
        vec![],
    );
    st.units[0].plaque_no = Some("SFD-2025-001".into());
    let req = |date: &str, reason: &str, doc_no: &str, plaque: &str| StatusChangeRequest {
        to: Named,
        date: date.into(),
        reason: reason.into(),
        doc_no: doc_no.into(),
        plaque_no: Some(plaque.into()),
        rectify_by: None,
    };
    let field = |r: StatusChangeRequest, st: &mut AppState| {
        change_status(st, "c", &r, LATER).unwrap_err().fields()
    };
    let ok = (
        "2026-12-20",
        "考评良好",
        "市直机关工委〔2026〕31号",
        "SFD-2026-002",
    );
    assert_eq!(field(req(ok.0, " ", ok.2, ok.3), &mut st), [labels::REASON]);
    assert_eq!(field(req(ok.0, ok.1, "", ok.3), &mut st), [labels::DOC_NO]);
    assert_eq!(
        field(req("2023-12-20", ok.1, ok.2, ok.3), &mut st),
        [labels::DATE]
    );
    assert_eq!(
        field(req(ok.0, ok.1, ok.2, "SFD-2025-001"), &mut st),
        [labels::PLAQUE]
    );
}

/// A clerk's review: a 警示 for the 2025 result, given on 2026-12-01 after the 2026
/// round was scored, made the 2026 round's 不合格 read as 警示期间仍为不合格 and propose
/// 摘牌. A warning given before the scores were in still leads to 摘牌.
#[test]
fn a_warning_given_after_the_rounds_scores_does_not_make_its_fail_a_second_one() {
    let fail = ["25", "20", "20"]; // 65
    let warned_on = |date: &str| {
        let mut u = unit("w", "警示支部", UnitStatus::Warned);
        u.history.push(StatusChange {
            date: date.into(),
            from: UnitStatus::Named,
            to: UnitStatus::Warned,
            reason: "2025年度考评不合格".into(),
            doc_no: "市直机关工委〔2026〕70号".into(),
        });
        let mut rounds = two_rounds(&[("w", fail)], &[("w", fail)]);
        for sheet in rounds[1].sheets.iter_mut() {
            sheet.meta.updated = "2026-11-20T02:00:00Z".into();
        }
        state(vec![u], rounds, vec![])
    };
    let late = warned_on("2026-12-01");
    assert_eq!(propose_changes(&late, "r26", "2026-12-02").unwrap(), vec![]);
    let early = warned_on("2026-03-01");
    let props = propose_changes(&early, "r26", "2026-12-02").unwrap();
    assert_eq!(props.len(), 1);
    assert_eq!(props[0].to, UnitStatus::Delisted);
    assert!(props[0].reason.contains("警示期间2026年度考评仍为不合格"));
}

/// A clerk's review: 摘牌 confirmed from the proposals did not say the site's running
/// pairing would end with it; 变更状态 on the unit page did. One sentence for both.
#[test]
fn a_delisting_says_which_running_pairings_end_with_it() {
    let mut st = state(
        vec![unit("w", "警示支部", UnitStatus::Warned)],
        vec![],
        vec![],
    );
    let pairing = |id: &str, last: Option<&str>| Pairing {
        id: id.into(),
        site_id: "w".into(),
        partner_unit_id: None,
        partner_name: "结对支部".into(),
        start: "2026-01-10".into(),
        goals: String::new(),
        activities: last
            .map(|d| {
                vec![PairingActivity {
                    date: d.into(),
                    title: "联学".into(),
                    note: String::new(),
                    form: ActivityForm::default(),
                    participants: String::new(),
                    result: String::new(),
                }]
            })
            .unwrap_or_default(),
        partner_progress: String::new(),
        status: PairingStatus::Active,
        ended_on: None,
        meta: RecordMeta::default(),
    };
    assert_eq!(
        pairings_ended_note(&st, "w", UnitStatus::Delisted, "2026-11-30"),
        ""
    );
    st.pairings.push(pairing("p1", None));
    assert_eq!(
        pairings_ended_note(&st, "w", UnitStatus::Delisted, "2026-11-30"),
        "；其1个进行中的结对同日结束"
    );
    assert_eq!(
        pairings_ended_note(&st, "w", UnitStatus::Named, "2026-11-30"),
        ""
    );
    st.pairings.push(pairing("p2", Some("2026-12-05")));
    assert_eq!(
        pairings_ended_note(&st, "w", UnitStatus::Delisted, "2026-11-30"),
        "；其2个进行中的结对同时结束（其中1个有晚于该日的活动记录，结束日期记为最后一次活动的日期）"
    );
}

/// A clerk's review: an extension to 2029-12-31, decided on 2026-11-01, was asked about
/// like any other; the 整改事项 form points out a deadline over two years away.
#[test]
fn an_extension_more_than_two_years_on_is_pointed_out() {
    let req = |to: &str| ExtensionRequest {
        date: "2026-11-01".into(),
        to: to.into(),
        doc_no: "市直机关工委〔2026〕80号".into(),
        reason: "整改任务重".into(),
    };
    assert_eq!(
        far_deadline_note(&req("2029-12-31")).as_deref(),
        Some("请注意：延期后的整改期限 2029-12-31 距决定日期超过两年，请核对年份。")
    );
    assert_eq!(far_deadline_note(&req("2027-06-30")), None);
    // Two years to the day is not more than two (a clerk's re-test).
    assert_eq!(far_deadline_note(&req("2028-11-01")), None);
    assert!(far_deadline_note(&req("2028-11-02")).is_some());
    assert_eq!(far_deadline_note(&req("不是日期")), None);
}

/// A clerk's review: a unit 退出 in March and selected again (入选培育) in November
/// was proposed for 授牌 at once, on the year's 良好 scored for its earlier spell. A
/// unit back in the programme within or after a round's year gets no proposal from it;
/// one back in an earlier year is proposed as any 创建中 unit.
#[test]
fn a_unit_selected_again_within_the_rounds_year_is_not_proposed_from_it() {
    let good = ["34", "25", "25"]; // 84
    let back_on = |left: &str, back: &str| {
        let mut u = unit("c", "重新入选支部", UnitStatus::Candidate);
        u.history = vec![
            StatusChange {
                date: left.into(),
                from: UnitStatus::Named,
                to: UnitStatus::Withdrawn,
                reason: "主动申请退出".into(),
                doc_no: String::new(),
            },
            StatusChange {
                date: back.into(),
                from: UnitStatus::Withdrawn,
                to: UnitStatus::Candidate,
                reason: "重新申报，入选培育".into(),
                doc_no: "市直机关工委〔2026〕30号".into(),
            },
        ];
        let mut rounds = two_rounds(&[], &[("c", good)]);
        // Scores stamped after the return: the rule on later status changes misses it.
        for sheet in rounds[1].sheets.iter_mut() {
            sheet.meta.updated = "2026-12-01T02:00:00Z".into();
        }
        state(vec![u], rounds, vec![])
    };
    let this_year = back_on("2026-03-12", "2026-11-20");
    assert_eq!(
        propose_changes(&this_year, "r26", "2026-12-02").unwrap(),
        vec![]
    );
    let earlier = back_on("2025-03-12", "2025-09-01");
    let props = propose_changes(&earlier, "r26", "2026-12-02").unwrap();
    assert_eq!(props.len(), 1, "{props:?}");
    assert_eq!(props[0].to, UnitStatus::Named);
}

#[test]
fn leaving_dated_before_the_units_later_records_names_them() {
    // A clerk's review: 摘牌 dated 2025-09-15 (a year typed wrong) for a unit with a
    // 2026 成果, 保障投入 and 考评 went through with nothing said.
    let mut r = round("r26", 2026, &["w"], &["a1"]);
    let mut s = sheet("w", by("a1"), &["30", "23", "22"]);
    s.meta.touch("2026-11-20T02:00:00Z", "committee");
    r.sheets = vec![s].into();
    let mut st = state(
        vec![unit("w", "甲支部", UnitStatus::Named)],
        vec![r],
        vec![
            outcome("o1", "w", "2026-05-28", false),
            outcome("o2", "w", "2025-03-01", false),
        ],
    );
    let resource: ResourceEntry = serde_json::from_value(serde_json::json!({
        "id": "e1", "unit_id": "w", "year": 2026, "funds": 5, "activity_funds": 2, "staff": 1
    }))
    .expect("a 保障投入 entry");
    st.resources = vec![resource].into();
    let visit: GuidanceVisit = serde_json::from_value(serde_json::json!({
        "id": "v1", "unit_id": "x", "more_units": ["w"], "date": "2026-03-01", "by": "工委"
    }))
    .expect("a visit");
    st.guidance_visits = vec![visit].into();
    assert_eq!(
        records_after_leaving(&st, "w", UnitStatus::Delisted, "2025-09-15"),
        [
            "成果 1 项（最晚 2026-05-28）",
            "2026年度考评的评分（录入于 2026-11-20）",
            "2026年度保障投入",
            "督导 1 次"
        ]
    );
    // Dated after them all, or another change: nothing to say.
    assert!(records_after_leaving(&st, "w", UnitStatus::Withdrawn, "2026-12-01").is_empty());
    assert!(records_after_leaving(&st, "w", UnitStatus::Warned, "2025-09-15").is_empty());
}

/// 更正履历: a status change recorded with a mistyped date or 文号 could only be covered
/// by another change (a clerk's review). The last entry is corrected in place.
#[test]
fn the_last_status_change_is_corrected_with_what_hangs_on_its_date() {
    let req = |to, date: &str, rectify_by: Option<&str>| StatusChangeRequest {
        to,
        date: date.into(),
        reason: "2025年度考评良好".into(),
        doc_no: "市直机关工委〔2026〕3号".into(),
        plaque_no: None,
        rectify_by: rectify_by.map(Into::into),
    };
    let fix = |date: &str, doc_no: &str| HistoryCorrection {
        date: date.into(),
        reason: "2025年度考评良好".into(),
        doc_no: doc_no.into(),
    };
    let mut st = state(
        vec![unit("c", "创建支部", UnitStatus::Candidate)],
        vec![],
        vec![],
    );
    assert!(matches!(
        correct_last_change(&mut st, "c", &fix("2026-01-10", "x"), LATER),
        Err(LifecycleError::NoHistory { .. })
    ));
    change_status(
        &mut st,
        "c",
        &req(UnitStatus::Named, "2025-01-10", None),
        LATER,
    )
    .unwrap();
    // 2025 typed for 2026: the date and the 授牌日期 move together.
    let done = correct_last_change(
        &mut st,
        "c",
        &fix("2026-01-10", " 市直机关工委〔2026〕4号 "),
        LATER,
    )
    .unwrap();
    assert_eq!(
        done,
        CorrectionEffects {
            naming_date: true,
            pairings: 0
        }
    );
    assert_eq!(done.note("2026-01-10"), "；授牌日期随之改为 2026-01-10");
    let u = st.unit("c").unwrap();
    assert_eq!(u.history.len(), 1, "corrected, not a second entry");
    assert_eq!(
        (u.history[0].date.as_str(), u.history[0].doc_no.as_str()),
        ("2026-01-10", "市直机关工委〔2026〕4号")
    );
    assert_eq!(u.named_on.as_deref(), Some("2026-01-10"));
    assert_eq!(u.status, UnitStatus::Named);

    // Refused, changing nothing: the rules it was recorded under.
    let before = st.clone();
    for (c, why) in [
        (fix("", "x"), "MissingDate"),
        (fix("2026-13-01", "x"), "BadDate"),
        (fix("2027-07-02", "x"), "FutureDate"),
        (fix("2023-05-01", "x"), "BeforeEntry"),
        (fix("2026-01-10", " "), "MissingDocNo"),
    ] {
        let e = correct_last_change(&mut st, "c", &c, LATER).unwrap_err();
        assert!(format!("{e:?}").starts_with(why), "{why}: {e:?}");
        assert_eq!(st, before);
    }
    let no_reason = HistoryCorrection {
        reason: " ".into(),
        ..fix("2026-01-10", "x")
    };
    assert!(matches!(
        correct_last_change(&mut st, "c", &no_reason, LATER),
        Err(LifecycleError::MissingReason { .. })
    ));

    // A warning: not after its deadline, nor after its extension; the previous entry
    // bounds it below.
    change_status(
        &mut st,
        "c",
        &req(UnitStatus::Warned, "2026-03-01", Some("2026-09-01")),
        LATER,
    )
    .unwrap();
    assert!(matches!(
        correct_last_change(&mut st, "c", &fix("2026-01-01", "x"), LATER),
        Err(LifecycleError::BeforeLastChange { .. })
    ));
    assert!(matches!(
        correct_last_change(&mut st, "c", &fix("2026-09-01", "x"), LATER),
        Err(LifecycleError::DeadlineBeforeDate { .. })
    ));
    st.units[0].extensions.push(DeadlineExtension {
        date: "2026-08-01".into(),
        from: "2026-09-01".into(),
        to: "2026-12-01".into(),
        doc_no: "市直机关工委〔2026〕50号".into(),
        reason: "整改任务重".into(),
    });
    st.units[0].rectify_by = Some("2026-12-01".into());
    assert!(matches!(
        correct_last_change(&mut st, "c", &fix("2026-08-15", "x"), LATER),
        Err(LifecycleError::AfterExtension { .. })
    ));
    let done = correct_last_change(&mut st, "c", &fix("2026-03-05", "x"), LATER).unwrap();
    assert_eq!(done, CorrectionEffects::default());
    assert_eq!(
        st.unit("c").unwrap().named_on.as_deref(),
        Some("2026-01-10")
    );

    // 摘牌: the pairing it ended moves with its date; a pairing ended by hand on
    // another day does not.
    change_status(
        &mut st,
        "c",
        &req(UnitStatus::Delisted, "2026-11-30", None),
        LATER,
    )
    .unwrap();
    let mut ended = |id: &str, on: &str| {
        st.pairings.push(Pairing {
            id: id.into(),
            site_id: "c".into(),
            partner_unit_id: None,
            partner_name: "结对支部".into(),
            start: "2026-04-01".into(),
            goals: String::new(),
            activities: Vec::new(),
            partner_progress: String::new(),
            status: PairingStatus::Ended,
            ended_on: Some(on.into()),
            meta: RecordMeta::default(),
        })
    };
    ended("p1", "2026-11-30");
    ended("p2", "2026-10-01");
    st.pairings[0].activities.push(PairingActivity {
        date: "2026-11-10".into(),
        title: "联学".into(),
        note: String::new(),
        form: ActivityForm::default(),
        participants: String::new(),
        result: String::new(),
    });
    let done = correct_last_change(&mut st, "c", &fix("2026-11-20", "x"), LATER).unwrap();
    assert_eq!(done.pairings, 1);
    let ends: Vec<_> = st
        .pairings
        .iter()
        .map(|p| p.ended_on.clone().unwrap())
        .collect();
    assert_eq!(ends, ["2026-11-20", "2026-10-01"]);
    // Before its last activity: it ends on that activity; corrected again, it follows
    // (a clerk's re-test: the second correction left it behind).
    correct_last_change(&mut st, "c", &fix("2026-11-01", "x"), LATER).unwrap();
    assert_eq!(st.pairings[0].ended_on.as_deref(), Some("2026-11-10"));
    let done = correct_last_change(&mut st, "c", &fix("2026-11-25", "x"), LATER).unwrap();
    assert_eq!(done.pairings, 1);
    assert_eq!(st.pairings[0].ended_on.as_deref(), Some("2026-11-25"));
    assert_eq!(st.pairings[1].ended_on.as_deref(), Some("2026-10-01"));
    correct_last_change(&mut st, "c", &fix("2026-11-20", "x"), LATER).unwrap();
    // The same values again: nothing changes, not even the revision.
    let before = st.clone();
    assert_eq!(
        correct_last_change(&mut st, "c", &fix("2026-11-20", "x"), LATER).unwrap(),
        CorrectionEffects::default()
    );
    assert_eq!(st, before);
}

/// A clerk's review: the status form named one empty field per click (理由, then 文号).
/// The empty fields are named together, and marked together.
#[test]
fn a_status_change_names_every_empty_field_at_once() {
    use exemplar::domain::problems::FieldsAt;
    let mut st = state(
        vec![unit("c", "创建支部", UnitStatus::Candidate)],
        vec![],
        vec![],
    );
    let before = st.clone();
    let empty = StatusChangeRequest {
        to: UnitStatus::Named,
        date: " ".into(),
        reason: String::new(),
        doc_no: String::new(),
        plaque_no: None,
        rectify_by: None,
    };
    let e = change_status(&mut st, "c", &empty, LATER).unwrap_err();
    assert!(
        matches!(&e, LifecycleError::Several(v) if v.len() == 3),
        "{e:?}"
    );
    assert_eq!(e.fields(), ["变更日期", "变更理由", "文号"]);
    assert_eq!(e.to_string().lines().count(), 3, "{e}");
    assert_eq!(st, before);
    // One alone is refused as before.
    let one = StatusChangeRequest {
        date: "2026-03-01".into(),
        reason: "考评良好".into(),
        ..empty
    };
    assert!(matches!(
        change_status(&mut st, "c", &one, LATER),
        Err(LifecycleError::MissingDocNo { .. })
    ));
}

/// Unit `id` warned by hand, dated early in the year (2026-01-10).
fn warned_by_hand_in_january(st: &mut AppState, id: &str) {
    change_status(
        st,
        id,
        &StatusChangeRequest {
            to: UnitStatus::Warned,
            date: "2026-01-10".into(),
            reason: "2025年度考评不合格".into(),
            doc_no: "市直机关工委〔2026〕2号".into(),
            plaque_no: None,
            rectify_by: Some("2026-07-10".into()),
        },
        LATER,
    )
    .unwrap();
}

/// Two 已授牌 sites, "fail" and "also", both 不合格 (65) in the 2026 round "r26".
fn two_failing_sites() -> AppState {
    let fail = ["25", "20", "20"]; // 65
    let units = vec![
        unit("fail", "不合格支部", UnitStatus::Named),
        unit("also", "另一支部", UnitStatus::Named),
    ];
    let rounds = two_rounds(&[], &[("fail", fail), ("also", fail)]);
    state(units, rounds, vec![])
}

#[test]
fn a_second_change_on_one_day_or_under_one_doc_no_is_said_before_confirming() {
    use exemplar::domain::roster::{add_unit, UnitInput};
    let mut s = AppState::default();
    let mut input = UnitInput::blank(2026);
    input.name = "市自然资源和规划局青年党支部".into();
    let id = add_unit(&mut s, &input, LATER).expect("added");
    let named = StatusChangeRequest {
        to: UnitStatus::Named,
        date: "2026-12-01".into(),
        reason: "考评良好".into(),
        doc_no: "市直机关工委〔2026〕30号".into(),
        plaque_no: None,
        rectify_by: None,
    };
    let unit = |s: &AppState| s.unit(&id).expect("unit").clone();
    assert_eq!(
        repeat_note(&unit(&s), "2026-12-01", "市直机关工委〔2026〕30号"),
        None,
        "nothing recorded yet"
    );
    change_status(&mut s, &id, &named, LATER).expect("授牌");
    let u = unit(&s);
    assert_eq!(
        repeat_note(&u, "2026-12-01", "市直机关工委〔2026〕32号").as_deref(),
        Some("。请注意：该单位 2026-12-01 已记有一次状态变更（创建中→已授牌），同一天再变更请核对日期")
    );
    // The same 文号, typed with full-width digits, on another day.
    assert_eq!(
        repeat_note(&u, "2026-12-03", "市直机关工委〔２０２６〕３０号").as_deref(),
        Some("。请注意：文号 市直机关工委〔２０２６〕３０号 已用于该单位 2026-12-01 的“已授牌”，请核对文号")
    );
    let both = repeat_note(&u, "2026-12-01", "市直机关工委〔2026〕30号").expect("both said");
    assert!(
        both.contains("同一天再变更") && both.contains("已用于该单位"),
        "{both}"
    );
    assert_eq!(
        repeat_note(&u, "2026-12-03", "市直机关工委〔2026〕32号"),
        None
    );
    assert_eq!(
        repeat_note(&u, "2026-12-03", ""),
        None,
        "no 文号: nothing to repeat"
    );
    // Said, not refused: the warning goes through.
    let warned = StatusChangeRequest {
        to: UnitStatus::Warned,
        date: "2026-12-01".into(),
        doc_no: "市直机关工委〔2026〕30号".into(),
        rectify_by: Some("2027-06-01".into()),
        ..named
    };
    change_status(&mut s, &id, &warned, LATER).expect("警示 the same day");
}
