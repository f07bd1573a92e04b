//! Between rounds: pairings, rectification, resources and guidance visits (must-show 4,
//! domain part): overdue items, idle pairings, last visits and the 警示 → 摘牌 path.

mod domain_support;

use domain_support::{state, unit};
use exemplar::domain::between_rounds::guidance::{self, VisitDraft};
use exemplar::domain::between_rounds::pairing::{self, PairingDraft};
use exemplar::domain::between_rounds::rectification::{self, RectificationDraft};
use exemplar::domain::between_rounds::resources::{self, ResourceDraft};
use exemplar::domain::between_rounds::BetweenRoundsError;
use exemplar::domain::lifecycle::{
    change_status, confirm_proposal, propose_overdue, StatusChangeRequest,
};
use exemplar::domain::problems::FieldsAt;
use exemplar::domain::*;

const NOW: &str = "2026-07-01T09:00:00+08:00";

fn city() -> AppState {
    state(
        vec![
            unit("a", "甲支部", UnitStatus::Named),
            unit("b", "乙支部", UnitStatus::Named),
            unit("c", "丙支部", UnitStatus::Candidate),
            unit("d", "丁支部", UnitStatus::Delisted),
        ],
        vec![],
        vec![],
    )
}

fn item(unit_id: &str, deadline: &str) -> RectificationDraft {
    RectificationDraft {
        unit_id: unit_id.into(),
        category: ProblemCategory::WeakRadiation,
        source: ProblemSource::Evaluation,
        description: "结对活动偏少".into(),
        owner: "王书记".into(),
        deadline: deadline.into(),
        status: RectificationStatus::Open,
    }
}

#[test]
fn a_deadline_already_past_when_saved_is_pointed_out() {
    let mut st = city();
    // A clerk's review: a deadline years before the unit entered (2024) was saved and
    // counted overdue. It is refused; one past but after entry is pointed out.
    let before = st.clone();
    assert!(matches!(
        rectification::add(&mut st, item("a", "2020-01-01"), NOW),
        Err(BetweenRoundsError::DeadlineBeforeEntry { entered: 2024, .. })
    ));
    assert_eq!(st, before, "nothing saved");
    let typo = rectification::add(&mut st, item("a", "2024-01-01"), NOW).unwrap();
    let fine = rectification::add(&mut st, item("a", "2026-12-31"), NOW).unwrap();
    let of = |st: &AppState, id: &str| {
        let r = st.rectifications.iter().find(|r| r.id == id).expect(id);
        rectification::past_deadline_note(r, "2026-07-01")
    };
    let note = of(&st, &typo).expect("pointed out");
    assert!(note.contains("整改期限 2024-01-01 已过去 912 天"), "{note}");
    assert_eq!(of(&st, &fine), None);
    // One far ahead (2099 typed for 2026) is pointed out as well.
    let far = rectification::add(&mut st, item("a", "2099-12-31"), NOW).unwrap();
    let note = of(&st, &far).expect("pointed out");
    assert!(note.contains("整改期限 2099-12-31 距今超过两年"), "{note}");
    // Once no work is owed, a past deadline is nothing to point at.
    let mut d = item("a", "2024-01-01");
    d.status = RectificationStatus::Done;
    rectification::edit(&mut st, &typo, d, NOW).unwrap();
    assert_eq!(of(&st, &typo), None);
}

#[test]
fn overdue_items_are_those_owing_work_past_their_deadline() {
    let mut st = city();
    let x1 = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let x2 = rectification::add(&mut st, item("a", "2026-05-31"), NOW).unwrap();
    let x3 = rectification::add(&mut st, item("b", "2026-06-30"), NOW).unwrap();
    // On its deadline an item is not yet overdue.
    assert!(rectification::overdue(&st, "2026-06-30")
        .iter()
        .map(|r| &r.id)
        .eq([&x2]));
    // The longest overdue first.
    let ids: Vec<&str> = rectification::overdue(&st, "2026-07-01")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, [x2.as_str(), x1.as_str(), x3.as_str()]);
    // A progress note moves it to 整改中; still overdue.
    rectification::add_progress(&mut st, &x1, "2026-07-01", "已部署", NOW).unwrap();
    assert_eq!(st.rectifications[0].status, RectificationStatus::InProgress);
    assert_eq!(
        rectification::days_overdue(&st.rectifications[0], "2026-07-03"),
        3
    );
    // 已完成 and 已销号 are not overdue.
    let mut d = item("b", "2026-06-30");
    d.status = RectificationStatus::Done;
    rectification::edit(&mut st, &x3, d, NOW).unwrap();
    rectification::close(&mut st, &x2, "2026-07-01", "整改报告已核验", NOW).unwrap();
    let ids: Vec<&str> = rectification::overdue(&st, "2026-07-10")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, [x1.as_str()]);
    assert_eq!(
        rectification::unit_open_counts(&st, "a", "2026-07-10"),
        (1, 1)
    );
}

/// A clerk's review: 报表 for 2026, read in April 2027, said 逾期未完成的整改事项6项; once
/// an item overdue at the end of 2026 was closed in 2027 it said 5. A day gone by is read
/// as it stood: open then, by the deadline it had then.
#[test]
fn an_item_handled_later_stays_overdue_on_a_day_gone_by() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let y = rectification::add(&mut st, item("b", "2026-06-30"), NOW).unwrap();
    let later = "2027-04-15T09:00:00+08:00";
    // x closed in 2027; y's deadline moved in 2027 (after it had passed).
    rectification::add_progress(&mut st, &x, "2027-04-10", "完成阵地改造", later).unwrap();
    rectification::report_done(&mut st, &x, later).unwrap();
    rectification::close(&mut st, &x, "2027-04-12", "现场核查", later).unwrap();
    let mut moved = item("b", "2027-06-30");
    moved.status = RectificationStatus::InProgress;
    rectification::edit(&mut st, &y, moved, later).unwrap();
    let ids = |day: &str| -> Vec<String> {
        rectification::overdue(&st, day)
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(ids("2026-12-31"), [x.clone(), y.clone()]);
    let at = |id: &str| st.rectifications.iter().find(|r| r.id == id).unwrap();
    assert_eq!(rectification::days_overdue(at(&x), "2026-12-31"), 184);
    assert_eq!(rectification::days_overdue(at(&y), "2026-12-31"), 184);
    // Today neither is.
    assert!(ids("2027-04-15").is_empty());
}

#[test]
fn a_form_with_several_problems_names_them_all() {
    let mut st = city();
    let before = st.clone();
    let mut d = item("a", "2026-6-31");
    d.description = " ".into();
    let err = rectification::add(&mut st, d, NOW).unwrap_err();
    assert!(
        matches!(&err, BetweenRoundsError::Several(v) if v.len() == 2),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "请填写问题描述\n整改期限的日期「2026-6-31」格式不正确，应为“年-月-日”，如 2026-03-15"
    );
    // One problem reads as it always did.
    assert_eq!(
        rectification::add(&mut st, item("a", ""), NOW),
        Err(BetweenRoundsError::Missing("整改期限"))
    );
    assert_eq!(st, before, "nothing added");
}

#[test]
fn what_has_happened_cannot_be_dated_after_today() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let before = st.clone();
    // NOW is 2026-07-01 (UTC): the next day is allowed, for a clerk east of Greenwich.
    for date in ["2026-08-01", "2062-07-01"] {
        assert_eq!(
            rectification::add_progress(&mut st, &x, date, "已部署", NOW),
            Err(BetweenRoundsError::FutureDate {
                what: "进展",
                value: date.into()
            })
        );
        assert!(matches!(
            rectification::close(&mut st, &x, date, "已核验", NOW),
            Err(BetweenRoundsError::FutureDate { what: "销号", .. })
        ));
        assert!(matches!(
            guidance::add(&mut st, visit(&["a"], date), NOW),
            Err(BetweenRoundsError::FutureDate { what: "督导", .. })
        ));
    }
    assert_eq!(st, before, "nothing recorded");
    rectification::add_progress(&mut st, &x, "2026-07-02", "已部署", NOW)
        .expect("tomorrow by UTC is today in Beijing");
}

#[test]
fn with_the_clerks_local_date_tomorrow_is_refused() {
    use exemplar::domain::dates::Now;
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    let before = st.clone();
    // 09:00 on 07-01 in Beijing: the stamp alone would let 07-02 through.
    let now = Now::at("2026-07-01T01:00:00.000Z", "2026-07-01");
    let tomorrow = "2026-07-02";
    assert!(matches!(
        rectification::add_progress(&mut st, &x, tomorrow, "已部署", &now),
        Err(BetweenRoundsError::FutureDate { what: "进展", .. })
    ));
    assert!(matches!(
        rectification::close(&mut st, &x, tomorrow, "已核验", &now),
        Err(BetweenRoundsError::FutureDate { what: "销号", .. })
    ));
    assert!(matches!(
        guidance::add(&mut st, visit(&["a"], tomorrow), &now),
        Err(BetweenRoundsError::FutureDate { what: "督导", .. })
    ));
    assert!(matches!(
        pairing::add_activity(&mut st, &p, activity(tomorrow), &now),
        Err(BetweenRoundsError::FutureDate { what: "活动", .. })
    ));
    let mut late = pair("b", None);
    late.start = tomorrow.into();
    assert!(matches!(
        pairing::add(&mut st, late, &now),
        Err(BetweenRoundsError::FutureDate {
            what: "结对开始",
            ..
        })
    ));
    let warn = StatusChangeRequest {
        to: UnitStatus::Warned,
        date: tomorrow.into(),
        reason: "考评不合格".into(),
        doc_no: "市直机关工委〔2026〕5号".into(),
        plaque_no: None,
        rectify_by: Some("2026-12-31".into()),
    };
    assert!(change_status(&mut st, "a", &warn, &now).is_err());
    assert_eq!(st, before, "nothing recorded");
    // Today itself is fine.
    rectification::add_progress(&mut st, &x, "2026-07-01", "已部署", &now).expect("today");
    guidance::add(&mut st, visit(&["a"], "2026-07-01"), &now).expect("today");
}

#[test]
fn a_closure_after_the_deadline_stays_marked_late() {
    let mut st = city();
    let on_time = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let late = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let open = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    rectification::close(&mut st, &on_time, "2026-06-30", "台账已核验", NOW).unwrap();
    rectification::close(
        &mut st,
        &late,
        "2026-07-12",
        "台账已核验",
        "2026-07-12T09:00:00Z",
    )
    .unwrap();
    let days = |id: &str| {
        let r = st.rectifications.iter().find(|r| r.id == id).unwrap();
        rectification::days_closed_late(r)
    };
    assert_eq!(days(&on_time), 0, "closed on its deadline");
    assert_eq!(days(&late), 12);
    assert_eq!(
        days(&open),
        0,
        "not closed: overdue instead, while work is owed"
    );
}

#[test]
fn a_unit_reports_an_item_done_and_the_committee_closes_it() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    rectification::report_done(&mut st, &x, NOW).unwrap();
    assert_eq!(st.rectifications[0].status, RectificationStatus::Done);
    // Twice is once; closed is final.
    let done = st.clone();
    rectification::report_done(&mut st, &x, "2026-07-02T09:00:00Z").unwrap();
    assert_eq!(st, done);
    rectification::close(&mut st, &x, "2026-07-01", "台账已核验", NOW).unwrap();
    let closed = st.clone();
    assert_eq!(
        rectification::report_done(&mut st, &x, NOW),
        Err(BetweenRoundsError::AlreadyClosed)
    );
    assert_eq!(st, closed);
    assert!(rectification::report_done(&mut st, "nope", NOW).is_err());
}

#[test]
fn closing_needs_evidence_and_ends_the_item() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let before = st.clone();
    assert_eq!(
        rectification::close(&mut st, &x, "2026-07-01", " ", NOW),
        Err(BetweenRoundsError::Missing("销号依据"))
    );
    assert_eq!(st, before);
    rectification::close(&mut st, &x, "2026-07-01", "台账已核验", NOW).unwrap();
    let r = &st.rectifications[0];
    assert_eq!(r.status, RectificationStatus::Closed);
    assert_eq!(
        r.closure.as_ref().map(|c| c.evidence.as_str()),
        Some("台账已核验")
    );
    assert_eq!(
        rectification::add_progress(&mut st, &x, "2026-07-02", "再补充", NOW),
        Err(BetweenRoundsError::AlreadyClosed)
    );
    // 已销号 is never set through an edit.
    let y = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let mut d = item("a", "2026-06-30");
    d.status = RectificationStatus::Closed;
    assert_eq!(
        rectification::edit(&mut st, &y, d, NOW),
        Err(BetweenRoundsError::CloseThroughClosure)
    );
}

#[test]
fn bad_input_is_refused_with_a_chinese_message() {
    let mut st = city();
    let before = st.clone();
    let e = rectification::add(&mut st, item("a", "2026-13-01"), NOW).unwrap_err();
    assert!(e
        .to_string()
        .contains("整改期限的日期「2026-13-01」格式不正确"));
    let e = rectification::add(&mut st, item("zz", "2026-06-30"), NOW).unwrap_err();
    assert_eq!(e.to_string(), "找不到单位「zz」");
    assert_eq!(st, before);
}

#[test]
fn a_warning_with_items_leads_to_delisting_once_the_deadline_passes() {
    let mut st = city();
    change_status(
        &mut st,
        "a",
        &StatusChangeRequest {
            to: UnitStatus::Warned,
            date: "2026-07-01".into(),
            reason: "考评不合格".into(),
            doc_no: "市直机关工委〔2026〕5号".into(),
            plaque_no: None,
            rectify_by: Some("2026-12-31".into()),
        },
        NOW,
    )
    .unwrap();
    // An item from the 警示 decision takes the unit's deadline when none is given.
    let mut d = item("a", "");
    d.source = ProblemSource::Warning;
    let x1 = rectification::add(&mut st, d.clone(), NOW).unwrap();
    let _x2 = rectification::add(&mut st, d, NOW).unwrap();
    assert!(st.rectifications.iter().all(|r| r.deadline == "2026-12-31"));
    rectification::close(
        &mut st,
        &x1,
        "2026-12-01",
        "整改到位",
        "2026-12-01T09:00:00Z",
    )
    .unwrap();
    assert!(propose_overdue(&st, "2026-12-31").is_empty());
    let props = propose_overdue(&st, "2027-01-01");
    assert_eq!(props.len(), 1);
    assert_eq!(props[0].to, UnitStatus::Delisted);
    assert_eq!(props[0].reason, "整改期限2026-12-31已过，仍有1项整改未完成");
    confirm_proposal(
        &mut st,
        &props[0],
        "2027-01-05",
        "市直机关工委〔2027〕1号",
        "",
        "2027-01-05T09:00:00Z",
    )
    .unwrap();
    let u = st.unit("a").unwrap();
    assert_eq!(u.status, UnitStatus::Delisted);
    assert_eq!(
        u.history.last().map(|h| h.doc_no.as_str()),
        Some("市直机关工委〔2027〕1号")
    );
}

fn pair(site: &str, partner: Option<&str>) -> PairingDraft {
    PairingDraft {
        site_id: site.into(),
        partner_unit_id: partner.map(str::to_string),
        partner_name: "市档案馆机关党支部".into(),
        start: "2026-01-10".into(),
        goals: "共建共学".into(),
        status: PairingStatus::Active,
        ended_on: String::new(),
        partner_progress: String::new(),
    }
}

fn activity(date: &str) -> PairingActivity {
    PairingActivity {
        date: date.into(),
        title: "联合主题党日".into(),
        note: String::new(),
        form: ActivityForm::JointStudy,
        participants: "双方支委".into(),
        result: String::new(),
    }
}

#[test]
fn a_pairing_is_idle_after_the_setting_without_activity() {
    let mut st = city();
    assert_eq!(st.settings.idle_pairing_months, 6);
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    assert_eq!(st.pairings[0].partner_name, "丙支部");
    // No activity yet: counted from the start.
    assert!(!pairing::is_idle(&st.pairings[0], 6, "2026-07-10"));
    assert!(pairing::is_idle(&st.pairings[0], 6, "2026-07-11"));
    for d in ["2026-02-01", "2026-04-15", "2026-03-01"] {
        pairing::add_activity(&mut st, &p, activity(d), NOW).unwrap();
    }
    assert_eq!(pairing::last_activity(&st.pairings[0]), Some("2026-04-15"));
    assert!(pairing::idle(&st, "2026-10-15").is_empty());
    assert_eq!(pairing::idle(&st, "2026-10-16").len(), 1);
    st.settings.idle_pairing_months = 12;
    assert!(pairing::idle(&st, "2026-10-16").is_empty());
    // Ending needs its date: not before the last activity, nor in the future.
    let before = st.clone();
    let mut d = pair("a", Some("c"));
    d.status = PairingStatus::Ended;
    for (end, says) in [
        ("", "请填写结对的结束日期"),
        (
            "2026-04-01",
            "结对结束日期 2026-04-01 早于已记录的最后一次活动（2026-04-15），请核对",
        ),
        (
            "2025-12-01",
            "结对结束日期 2025-12-01 早于结对开始日期 2026-01-10，请核对",
        ),
    ] {
        d.ended_on = end.into();
        let e = pairing::edit(&mut st, &p, d.clone(), NOW).unwrap_err();
        assert_eq!(e.to_string(), says);
    }
    assert_eq!(st, before);
    d.ended_on = " 2026-06-30 ".into();
    pairing::edit(&mut st, &p, d, NOW).unwrap();
    assert_eq!(st.pairings[0].ended_on.as_deref(), Some("2026-06-30"));
    // An ended pairing is never idle; it was running until the day it ended.
    assert!(pairing::idle(&st, "2030-01-01").is_empty());
    assert!(pairing::running_on(&st.pairings[0], "2026-06-29"));
    assert!(!pairing::running_on(&st.pairings[0], "2026-06-30"));
    assert!(
        !pairing::running_on(&st.pairings[0], "2026-01-09"),
        "not yet started"
    );
    // No activity after it ended.
    let e = pairing::add_activity(&mut st, &p, activity("2026-07-01"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "活动日期 2026-07-01 晚于结对结束日期 2026-06-30：结对已结束，请核对"
    );
    // Running again, it has no end date.
    pairing::edit(&mut st, &p, pair("a", Some("c")), NOW).unwrap();
    assert_eq!(st.pairings[0].ended_on, None);
    let mut d = pair("a", Some("c"));
    d.status = PairingStatus::Ended;
    d.ended_on = "2026-06-30".into();
    pairing::edit(&mut st, &p, d, NOW).unwrap();
    assert_eq!(
        pairing::add(&mut st, pair("a", Some("a")), NOW),
        Err(BetweenRoundsError::SelfPairing)
    );
    // An activity is deleted by what it is: the log's first (in date order) here.
    let first = st.pairings[0].activities[0].clone();
    pairing::delete_activity(&mut st, &p, &first, NOW).unwrap();
    assert_eq!(st.pairings[0].activities.len(), 2);
    assert!(!st.pairings[0].activities.contains(&first));
    // Asked again (a confirmation left open while another window deleted it): refused,
    // and nothing else goes.
    let before = st.clone();
    assert_eq!(
        pairing::delete_activity(&mut st, &p, &first, NOW),
        Err(BetweenRoundsError::ActivityDeleted)
    );
    assert_eq!(st, before);
    // One corrected meanwhile is said as changed, not deleted.
    let second = st.pairings[0].activities[0].clone();
    let mut corrected = second.clone();
    corrected.result = "另一个窗口改过的成效".into();
    pairing::edit_activity(&mut st, &p, &second, corrected, NOW).unwrap();
    assert_eq!(
        pairing::position_of(&st.pairings[0], &second),
        Err(BetweenRoundsError::ActivityGone)
    );
}

#[test]
fn an_activity_logged_meanwhile_does_not_move_a_deletion_or_a_correction() {
    let mut st = city();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    pairing::add_activity(&mut st, &p, activity("2026-04-15"), NOW).unwrap();
    // The clerk opens the log: the April activity is its first row.
    let seen = st.pairings[0].activities[0].clone();
    // Another window logs an earlier one, which takes the first row.
    let mut earlier = activity("2026-02-01");
    earlier.title = "二月的学习".into();
    pairing::add_activity(&mut st, &p, earlier.clone(), NOW).unwrap();
    let mut corrected = seen.clone();
    corrected.result = "形成问题清单3条".into();
    assert!(pairing::edit_activity(&mut st, &p, &seen, corrected.clone(), NOW).unwrap());
    assert_eq!(
        st.pairings[0].activities,
        [earlier.clone(), corrected.clone()]
    );
    pairing::delete_activity(&mut st, &p, &corrected, NOW).unwrap();
    assert_eq!(st.pairings[0].activities, [earlier]);
}

#[test]
fn an_activity_is_corrected_with_the_checks_of_a_new_one() {
    let mut st = city();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    for d in ["2026-02-01", "2026-04-15"] {
        pairing::add_activity(&mut st, &p, activity(d), NOW).unwrap();
    }
    let before = st.clone();
    let log = st.pairings[0].activities.clone();
    // Before the pairing began, in the future, without content, or not there: refused.
    for (old, a) in [
        (&log[0], activity("2025-12-31")),
        (&log[0], activity("2099-01-01")),
        (
            &log[0],
            PairingActivity {
                title: " ".into(),
                ..activity("2026-02-01")
            },
        ),
        (&activity("2026-03-01"), activity("2026-02-01")),
    ] {
        assert!(pairing::edit_activity(&mut st, &p, old, a, NOW).is_err());
    }
    assert_eq!(st, before, "nothing refused changed anything");
    // The first one's date corrected to after the second: the log stays in date order.
    let mut a = activity(" 2026-05-02 ");
    a.title = " 联合开展志愿服务 ".into();
    assert!(pairing::edit_activity(&mut st, &p, &log[0], a, "2026-07-01T08:00:00Z").unwrap());
    let log = &st.pairings[0].activities;
    assert_eq!(
        log.iter()
            .map(|a| (a.date.as_str(), a.title.as_str()))
            .collect::<Vec<_>>(),
        [
            ("2026-04-15", "联合主题党日"),
            ("2026-05-02", "联合开展志愿服务")
        ]
    );
    assert_eq!(pairing::last_activity(&st.pairings[0]), Some("2026-05-02"));
    assert!(st.pairings[0].meta.rev > before.pairings[0].meta.rev);
    // Saving it unchanged changes nothing.
    let same = st.clone();
    let a = st.pairings[0].activities[1].clone();
    assert!(!pairing::edit_activity(&mut st, &p, &a.clone(), a, NOW).unwrap());
    assert_eq!(st, same);
}

#[test]
fn a_running_pairing_is_not_made_twice_nor_for_a_site_that_left() {
    let mut st = city();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    let before = st.pairings.clone();
    // The same two, either way round, while it runs.
    for draft in [pair("a", Some("c")), pair("c", Some("a"))] {
        let e = pairing::add(&mut st, draft, NOW).unwrap_err();
        assert!(
            matches!(e, BetweenRoundsError::DuplicatePairing { .. }),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("已有进行中的结对（开始于 2026-01-10）"),
            "{e}"
        );
    }
    // A partner outside the roster, by name.
    pairing::add(&mut st, pair("b", None), NOW).unwrap();
    assert!(matches!(
        pairing::add(&mut st, pair("b", None), NOW),
        Err(BetweenRoundsError::DuplicatePairing { .. })
    ));
    // 丁 is de-listed: no new pairing as a site.
    let e = pairing::add(&mut st, pair("d", Some("a")), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "「丁支部」已摘牌，不再作为示范点新建结对，已结束的结对也不再恢复"
    );
    assert_eq!(st.pairings.len(), before.len() + 1, "only 乙's was added");
    // Once ended, the two may pair again, from the day it ended.
    let mut d = pair("a", Some("c"));
    d.status = PairingStatus::Ended;
    d.ended_on = "2026-06-30".into();
    pairing::edit(&mut st, &p, d, NOW).unwrap();
    let mut again = pair("a", Some("c"));
    again.start = "2026-06-30".into();
    pairing::add(&mut st, again, NOW).unwrap();
    // An activity before the pairing began is refused, and nothing changes.
    let log = st.pairings.clone();
    let e = pairing::add_activity(&mut st, &p, activity("2025-12-31"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "活动日期 2025-12-31 早于结对开始日期 2026-01-10，请核对"
    );
    assert_eq!(st.pairings, log);
    pairing::add_activity(&mut st, &p, activity("2026-01-10"), NOW).unwrap();
}

#[test]
fn the_same_two_are_paired_once_at_a_time() {
    // A clerk's review: 结对 ended on 2026-06-30 and made again from 2025-06-01 (inside
    // the first) was saved; an activity of the first was logged again in the second and
    // the closed year's count of pairings went up by one.
    let mut st = city();
    let mut first = pair("a", Some("c"));
    first.start = "2025-03-01".into();
    let p = pairing::add(&mut st, first, NOW).unwrap();
    pairing::add_activity(&mut st, &p, activity("2026-06-14"), NOW).unwrap();
    let mut ended = pair("a", Some("c"));
    ended.start = "2025-03-01".into();
    ended.status = PairingStatus::Ended;
    ended.ended_on = "2026-06-30".into();
    pairing::edit(&mut st, &p, ended.clone(), NOW).unwrap();
    let before = st.clone();
    // Made again from a day inside the first, either way round, running or ended.
    let mut inside = pair("a", Some("c"));
    inside.start = "2025-06-01".into();
    let mut reversed = pair("c", Some("a"));
    reversed.start = "2026-06-29".into();
    let mut past = pair("a", Some("c"));
    past.start = "2024-05-01".into();
    past.status = PairingStatus::Ended;
    past.ended_on = "2025-03-02".into();
    for draft in [inside, reversed, past] {
        let e = pairing::add(&mut st, draft, NOW).unwrap_err();
        assert!(
            matches!(e, BetweenRoundsError::OverlappingPairing { .. }),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("已有 2025-03-01 至 2026-06-30 的结对，与这个结对的时间重叠"),
            "{e}"
        );
        assert_eq!(
            e.fields(),
            ["结对开始日期"],
            "the form marks the start date"
        );
    }
    assert_eq!(st, before, "nothing refused changed anything");
    // A partner outside the roster, its name typed with a space inside: the same
    // partner (a re-test: 东城社区 党委 was paired beside 东城社区党委).
    let mut outside = pair("b", None);
    outside.partner_name = "东城社区党委".into();
    pairing::add(&mut st, outside, NOW).unwrap();
    let mut spaced = pair("b", None);
    spaced.partner_name = "东城社区 党委".into();
    assert!(matches!(
        pairing::add(&mut st, spaced, NOW),
        Err(BetweenRoundsError::DuplicatePairing { .. })
    ));
    // An earlier pairing that ended on the day the first began, and a new one from the
    // day it ended, are both kept.
    let mut earlier = pair("a", Some("c"));
    earlier.start = "2024-05-01".into();
    earlier.status = PairingStatus::Ended;
    earlier.ended_on = "2025-03-01".into();
    pairing::add(&mut st, earlier, NOW).unwrap();
    let mut later = pair("a", Some("c"));
    later.start = "2026-06-30".into();
    let q = pairing::add(&mut st, later, NOW).unwrap();
    // The first's end moved past the second's start: refused as running beside it.
    let mut longer = ended.clone();
    longer.ended_on = "2026-07-01".into();
    let before = st.clone();
    let e = pairing::edit(&mut st, &p, longer, NOW).unwrap_err();
    assert!(
        matches!(e, BetweenRoundsError::OverlapsRunning { .. }),
        "{e}"
    );
    // Said as an overlap of the pairing being edited, not as one made twice (a re-test:
    // 不能重复建立 read as if a new one were being made).
    assert_eq!(
        e.to_string(),
        "「甲支部」与「丙支部」已有 2026-06-30 开始、仍在进行的结对，与这个结对的时间重叠：同一对单位同一时间只记一个结对，活动也只记在一个结对中；请核对结对开始、结束日期和结对状态"
    );
    assert_eq!(e.fields(), ["结对开始日期"]);
    // The second moved back into the first: refused.
    let mut back = pair("a", Some("c"));
    back.start = "2026-01-01".into();
    assert!(matches!(
        pairing::edit(&mut st, &q, back, NOW),
        Err(BetweenRoundsError::OverlappingPairing { .. })
    ));
    assert_eq!(st, before);
    // Its goals corrected alone: saved.
    let mut goals = ended;
    goals.goals = "共建共学，互帮互促".into();
    pairing::edit(&mut st, &p, goals, NOW).unwrap();
}

#[test]
fn an_edited_pairing_meets_the_checks_of_a_new_one() {
    let mut st = city();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    let q = pairing::add(&mut st, pair("b", Some("c")), NOW).unwrap();
    pairing::add_activity(&mut st, &p, activity("2026-03-01"), NOW).unwrap();
    let before = st.pairings.clone();
    // Made the twin of another running pairing.
    let e = pairing::edit(&mut st, &q, pair("a", Some("c")), NOW).unwrap_err();
    assert!(
        matches!(e, BetweenRoundsError::OverlapsRunning { .. }),
        "{e}"
    );
    // Moved to a site that has left the programme.
    let e = pairing::edit(&mut st, &q, pair("d", Some("c")), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "「丁支部」已摘牌，不再作为示范点新建结对，已结束的结对也不再恢复"
    );
    // Started after its own first activity, or after today.
    let mut late = pair("a", Some("c"));
    late.start = "2026-04-01".into();
    let e = pairing::edit(&mut st, &p, late, NOW).unwrap_err();
    assert!(
        e.to_string()
            .contains("晚于已记录的第一次活动（2026-03-01）"),
        "{e}"
    );
    let mut future = pair("b", Some("a"));
    future.start = "2027-03-01".into();
    let e = pairing::add(&mut st, future, NOW).unwrap_err();
    assert!(matches!(e, BetweenRoundsError::FutureDate { .. }), "{e}");
    assert_eq!(st.pairings, before, "nothing refused changed anything");
    // Editing its own fields (the same two) is fine.
    let mut goals = pair("a", Some("c"));
    goals.goals = "共建共学，互学互促".into();
    pairing::edit(&mut st, &p, goals, NOW).unwrap();
}

/// A clerk's review: a pairing typed as starting in 2019 for sites entered in 2022 was
/// saved, and 报表 counted it as an idle pairing in years before either was a site. The
/// same activity logged twice (a second click) was kept twice and counted twice.
#[test]
fn a_pairing_starts_after_its_site_entered_and_an_activity_is_logged_once() {
    let mut st = city();
    let entered = st.unit("a").expect("a").entered_year;
    let mut early = pair("a", Some("c"));
    early.start = format!("{}-12-31", entered - 1);
    let before = st.clone();
    let e = pairing::add(&mut st, early.clone(), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "单位「甲支部」是{entered}年入选的，{}-12-31还不在示范点建设之列，不登记此前开始的结对；请核对结对开始日期",
            entered - 1
        )
    );
    assert_eq!(st, before);
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    let e = pairing::edit(&mut st, &p, early.clone(), NOW).unwrap_err();
    assert!(
        matches!(e, BetweenRoundsError::PairingBeforeEntry { .. }),
        "{e}"
    );
    // One kept from before keeps its start when its other fields are edited.
    st.pairings[0].start = early.start.clone();
    let mut goals = early;
    goals.goals = "共建共学，互学互促".into();
    pairing::edit(&mut st, &p, goals, NOW).unwrap();

    pairing::add_activity(&mut st, &p, activity("2026-03-10"), NOW).unwrap();
    let once = st.clone();
    let e = pairing::add_activity(&mut st, &p, activity("2026-03-10"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "2026-03-10的活动「联合主题党日」已经记录过（日期、形式和内容都相同），不重复记录；如是另一次活动，请在内容中写明区别"
    );
    assert_eq!(st, once);
    // As the message says, date, form and content make it the same activity: other
    // participants do not (a clerk's review: it was counted twice).
    let mut again = activity("2026-03-10");
    again.participants = "张三".into();
    assert!(matches!(
        pairing::add_activity(&mut st, &p, again.clone(), NOW),
        Err(BetweenRoundsError::DuplicateActivity { .. })
    ));
    assert_eq!(st, once);
    // Its own participants can still be corrected.
    assert!(
        pairing::edit_activity(&mut st, &p, &activity("2026-03-10"), again.clone(), NOW).unwrap()
    );
    // Another the same day with content that tells it apart is logged.
    let mut other = activity("2026-03-10");
    other.title = "联合主题党日（第二场）".into();
    pairing::add_activity(&mut st, &p, other.clone(), NOW).unwrap();
    // Nor can a correction make one the twin of another.
    let e = pairing::edit_activity(&mut st, &p, &other, activity("2026-03-10"), NOW).unwrap_err();
    assert!(
        matches!(e, BetweenRoundsError::DuplicateActivity { .. }),
        "{e}"
    );
    assert_eq!(st.pairings[0].activities.len(), 2);
}

#[test]
fn an_ended_pairing_of_a_site_that_has_left_is_not_set_running_again() {
    let mut st = city();
    // 乙 pairs, ends the pairing, then is de-listed.
    let p = pairing::add(&mut st, pair("b", Some("c")), NOW).unwrap();
    let mut ended = pair("b", Some("c"));
    ended.status = PairingStatus::Ended;
    ended.ended_on = "2026-06-30".into();
    pairing::edit(&mut st, &p, ended.clone(), NOW).unwrap();
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "b") {
        u.status = UnitStatus::Delisted;
    }
    let before = st.clone();
    let e = pairing::edit(&mut st, &p, pair("b", Some("c")), NOW).unwrap_err();
    assert!(matches!(e, BetweenRoundsError::SiteNotActive { .. }), "{e}");
    assert_eq!(st, before);
    // The ended pairing's other fields can still be corrected.
    let mut goals = ended;
    goals.goals = "补记目标".into();
    pairing::edit(&mut st, &p, goals, NOW).unwrap();
}

fn visit(units: &[&str], date: &str) -> VisitDraft {
    VisitDraft {
        unit_ids: units.iter().map(|u| u.to_string()).collect(),
        date: date.into(),
        by: "组织部 李明".into(),
        form: VisitForm::Inspection,
        looked_at: vec![VisitCheck::Premises, VisitCheck::Records],
        other_check: String::new(),
        findings: "台账不全".into(),
        advice: "完善台账".into(),
        follow_up: String::new(),
    }
}

#[test]
fn last_visit_and_sites_without_a_visit() {
    let mut st = city();
    // Never visited: 甲, 乙, 丙 (丁 is de-listed, not in the programme).
    let names: Vec<String> = guidance::without_visit(&st, "2026-07-01")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["丙支部", "乙支部", "甲支部"]);
    guidance::add(&mut st, visit(&["a", "b"], "2025-07-01"), NOW).unwrap();
    guidance::add(&mut st, visit(&["a"], "2026-03-01"), NOW).unwrap();
    // A visit dated after the day asked about does not count then (entered on 2026-08-01).
    guidance::add(&mut st, visit(&["c"], "2026-08-01"), "2026-08-01T09:00:00Z").unwrap();
    assert_eq!(
        guidance::last_visit(&st, "a", "2026-07-01"),
        Some("2026-03-01")
    );
    assert_eq!(
        guidance::last_visit(&st, "b", "2026-07-01"),
        Some("2025-07-01")
    );
    assert_eq!(guidance::last_visit(&st, "c", "2026-07-01"), None);
    // Exactly 12 months ago still counts as within 12 months.
    let v = guidance::without_visit(&st, "2026-07-01");
    assert_eq!(
        v.iter().map(|s| s.unit_id.as_str()).collect::<Vec<_>>(),
        ["c"]
    );
    let v = guidance::without_visit(&st, "2026-07-02");
    assert_eq!(
        v.iter().map(|s| s.unit_id.as_str()).collect::<Vec<_>>(),
        ["c", "b"]
    );
    assert_eq!(v[1].last.as_deref(), Some("2025-07-01"));
    assert_eq!(
        guidance::add(&mut st, visit(&[], "2026-07-01"), NOW),
        Err(BetweenRoundsError::Missing("督导的单位"))
    );
}

#[test]
fn a_visit_before_the_unit_entered_is_refused_and_does_not_start_its_clock() {
    let mut st = city();
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "c") {
        u.entered_year = 2026;
    }
    // 丙 joined in 2026: not overdue at the end of 2026 (it counts from 2026-01-01).
    let overdue = |st: &AppState| {
        guidance::without_visit(st, "2026-12-05")
            .into_iter()
            .map(|s| s.unit_id)
            .collect::<Vec<_>>()
    };
    assert!(!overdue(&st).contains(&"c".to_string()));
    // A visit dated before it entered (a year typed wrong) is refused by name, alone
    // or as the second unit of a joint visit; nothing is recorded.
    let before = st.clone();
    for units in [&["c"][..], &["a", "c"][..]] {
        let e = guidance::add(&mut st, visit(units, "2025-10-01"), NOW).unwrap_err();
        assert_eq!(
            e.to_string(),
            "单位「丙支部」是2026年入选的，2025-10-01还不在示范点建设之列，不登记此前的督导；请核对督导日期"
        );
    }
    assert_eq!(st, before);
    // One kept from before (recorded under an earlier 入选年份) stays editable, and
    // still does not make 丙 look less visited than never visited.
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "c") {
        u.entered_year = 2025;
    }
    let old = guidance::add(&mut st, visit(&["c"], "2025-10-01"), NOW).unwrap();
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "c") {
        u.entered_year = 2026;
    }
    assert!(!overdue(&st).contains(&"c".to_string()));
    let mut changed = visit(&["c"], "2025-10-01");
    changed.findings = "台账已补".into();
    guidance::edit(&mut st, &old, changed, NOW).expect("kept date");
    // Moved to another date before entry: refused.
    assert!(matches!(
        guidance::edit(&mut st, &old, visit(&["c"], "2025-09-01"), NOW),
        Err(BetweenRoundsError::VisitBeforeEntry { .. })
    ));
}

#[test]
fn a_second_visit_of_the_same_unit_on_the_same_day_is_found_to_ask_about() {
    let mut st = city();
    let first = guidance::add(&mut st, visit(&["a", "b"], "2026-06-18"), NOW).unwrap();
    assert_eq!(
        guidance::same_day_visit(&st, &visit(&["b"], "2026-06-18"), None).as_deref(),
        Some("2026-06-18 督导（甲支部、乙支部，组织部 李明）")
    );
    // Another day, another unit, or the visit itself being edited: nothing to ask.
    assert!(guidance::same_day_visit(&st, &visit(&["b"], "2026-06-19"), None).is_none());
    assert!(guidance::same_day_visit(&st, &visit(&["c"], "2026-06-18"), None).is_none());
    assert!(
        guidance::same_day_visit(&st, &visit(&["a", "b"], "2026-06-18"), Some(&first)).is_none()
    );
}

#[test]
fn a_unit_in_a_joint_visit_cannot_be_deleted_from_the_roster() {
    let mut st = city();
    guidance::add(&mut st, visit(&["a", "b"], "2026-03-01"), NOW).unwrap();
    let e = exemplar::domain::roster::delete_unit(&mut st, "b").unwrap_err();
    assert!(e.to_string().contains("有 1 条督导记录"), "{e}");
    assert!(st.unit("b").is_some());
}

#[test]
fn the_visit_list_is_filtered_by_unit_and_year() {
    let mut st = city();
    guidance::add(&mut st, visit(&["a", "b"], "2025-07-01"), NOW).unwrap();
    guidance::add(&mut st, visit(&["a"], "2026-03-01"), NOW).unwrap();
    guidance::add(&mut st, visit(&["c"], "2026-05-01"), NOW).unwrap();
    let dates = |unit: &str, year: Option<i32>| -> Vec<String> {
        guidance::filtered(&st, unit, year)
            .into_iter()
            .map(|v| v.date.clone())
            .collect()
    };
    assert_eq!(dates("", None), ["2026-05-01", "2026-03-01", "2025-07-01"]);
    // A visit to several units is found under each of them.
    assert_eq!(dates("a", None), ["2026-03-01", "2025-07-01"]);
    assert_eq!(dates("b", None), ["2025-07-01"]);
    assert_eq!(dates("", Some(2026)), ["2026-05-01", "2026-03-01"]);
    assert_eq!(dates("a", Some(2026)), ["2026-03-01"]);
    assert!(dates("b", Some(2026)).is_empty());
    assert_eq!(guidance::visit_years(&st), [2026, 2025]);
}

#[test]
fn a_finding_becomes_an_item_in_one_step() {
    let mut st = city();
    let g = guidance::add(&mut st, visit(&["a", "b"], "2026-06-01"), NOW).unwrap();
    let mut d = item("b", "2026-09-30");
    d.description = String::new();
    let x = guidance::finding_to_item(&mut st, &g, d, NOW).unwrap();
    let r = st.rectifications.iter().find(|r| r.id == x).unwrap();
    assert_eq!(r.source, ProblemSource::Visit);
    assert_eq!(r.visit_id.as_deref(), Some(g.as_str()));
    assert_eq!(r.description, "台账不全");
    assert_eq!(r.unit_id, "b");
    // Only for a unit the visit went to.
    assert!(guidance::finding_to_item(&mut st, &g, item("c", "2026-09-30"), NOW).is_err());
    let before = st.clone();
    // The same finding for the same unit once: a second click makes no twin.
    let mut again = item("b", "2026-10-31");
    again.description = " 台账不全 ".into();
    assert_eq!(
        guidance::finding_to_item(&mut st, &g, again, NOW).map_err(|e| e.to_string()),
        Err("这次督导发现的这个问题已转为「乙支部」的整改事项，不必再转；可在“整改”中跟踪".into())
    );
    // A deadline before the visit would be overdue from the start.
    let mut early = item("a", "2026-05-31");
    early.description = String::new();
    assert_eq!(
        guidance::finding_to_item(&mut st, &g, early, NOW).map_err(|e| e.to_string()),
        Err("整改期限 2026-05-31 早于督导日期 2026-06-01，请核对".into())
    );
    assert_eq!(st, before);
    // The same finding for the other unit visited is its own item.
    let mut other = item("a", "2026-09-30");
    other.description = String::new();
    assert_eq!(guidance::deletion_keeps(&st, "no-such-visit"), "");
    guidance::finding_to_item(&mut st, &g, other, NOW).unwrap();
    assert_eq!(guidance::items_of_visit(&st, &g).count(), 2);
    // Deleting the visit says the two items stay; a visit with none says nothing of them.
    assert_eq!(
        guidance::deletion_keeps(&st, &g),
        "（由其发现转成的2项整改事项保留，来源记为“督导发现”）"
    );
    let bare = guidance::add(&mut st, visit(&["a"], "2026-07-01"), NOW).unwrap();
    assert_eq!(guidance::deletion_keeps(&st, &bare), "");
    // Nor can editing the item move its deadline before the visit (it was saved, and
    // logged as 整改期限由 2026-09-30 调整为 2026-05-31).
    let mut moved = item("b", "2026-05-31");
    moved.description = "台账不全".into();
    let before = st.clone();
    assert_eq!(
        rectification::edit(&mut st, &x, moved, NOW).map_err(|e| e.to_string()),
        Err("整改期限 2026-05-31 早于督导日期 2026-06-01，请核对".into())
    );
    assert_eq!(st, before);
}

/// A clerk's review: an item of a 警示 decision took progress dated a year before the
/// warning, while an item of a 督导 refuses a date before the visit.
#[test]
fn progress_on_a_warnings_item_is_not_dated_before_the_warning() {
    let mut st = city();
    let u = st.units.iter_mut().find(|u| u.id == "a").unwrap();
    u.status = UnitStatus::Warned;
    u.history.push(StatusChange {
        date: "2026-03-10".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Warned,
        reason: "考评不合格".into(),
        doc_no: "市直工委〔2026〕5号".into(),
    });
    let mut draft = item("a", "2026-09-30");
    draft.source = ProblemSource::Warning;
    let x = rectification::add(&mut st, draft, NOW).unwrap();
    let before = st.clone();
    let e =
        rectification::add_progress(&mut st, &x, "2025-01-10", "警示前的进展", NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "日期 2025-01-10 早于提出这项整改的警示决定（2026-03-10），请核对"
    );
    assert_eq!(st, before);
    rectification::add_progress(&mut st, &x, "2026-03-10", "当天召开整改部署会", NOW).unwrap();
}

#[test]
fn progress_and_closure_are_not_dated_before_the_problem_was_found() {
    let mut st = city();
    let g = guidance::add(&mut st, visit(&["a"], "2026-06-01"), NOW).unwrap();
    let x = guidance::finding_to_item(&mut st, &g, item("a", "2026-09-30"), NOW).unwrap();
    let before = st.clone();
    let e = rectification::add_progress(&mut st, &x, "2025-01-01", "已整改", NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "日期 2025-01-01 早于发现这个问题的督导（2026-06-01），请核对"
    );
    let e = rectification::close(&mut st, &x, "2024-06-01", "现场核查", NOW).unwrap_err();
    assert!(matches!(e, BetweenRoundsError::BeforeFound { .. }), "{e}");
    assert_eq!(st, before);
    rectification::add_progress(&mut st, &x, "2026-06-20", "已整改", NOW).unwrap();
    let e = rectification::close(&mut st, &x, "2026-06-10", "现场核查", NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "销号日期 2026-06-10 早于最近一次整改进展（2026-06-20），请核对"
    );
    rectification::close(&mut st, &x, "2026-06-20", "现场核查", NOW).unwrap();
    // The visit cannot be moved after what its item already records.
    let before = st.clone();
    let e = guidance::edit(&mut st, &g, visit(&["a"], "2026-06-25"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "督导日期 2026-06-25 晚于由这次督导转成的整改事项的整改进展（2026-06-20），请核对"
    );
    assert_eq!(st, before);
    // Nor can its item's unit leave it: the item would hang on a visit to another unit.
    let e = guidance::edit(&mut st, &g, visit(&["b"], "2026-06-01"), NOW).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "这次督导发现的问题已转为「甲支部」的整改事项，不能把「甲支部」从被督导单位中去掉"
        ),
        "{e}"
    );
    assert_eq!(st, before);
    guidance::edit(&mut st, &g, visit(&["a", "b"], "2026-06-01"), NOW).expect("another unit added");
    guidance::edit(&mut st, &g, visit(&["a"], "2026-05-30"), NOW).expect("earlier is fine");
}

fn money(unit_id: &str, year: u16, funds: &str) -> ResourceDraft {
    ResourceDraft {
        unit_id: unit_id.into(),
        year: year.to_string(),
        funds: funds.into(),
        activity_funds: "1.5".into(),
        staff: "2".into(),
        part_time_staff: "5".into(),
        premises: true,
        premises_area: "120".into(),
        note: String::new(),
    }
}

#[test]
fn resources_one_entry_per_unit_and_year_compared_across_units() {
    let mut st = city();
    let m = resources::save(&mut st, None, money("a", 2026, "3"), NOW).unwrap();
    resources::save(&mut st, None, money("b", 2026, "8.25"), NOW).unwrap();
    resources::save(&mut st, None, money("a", 2025, "2"), NOW).unwrap();
    assert!(matches!(
        resources::save(&mut st, None, money("a", 2026, "1"), NOW),
        Err(BetweenRoundsError::DuplicateResource { year: 2026, .. })
    ));
    let e = resources::save(&mut st, None, money("c", 2026, "三万"), NOW).unwrap_err();
    assert!(e.to_string().contains("党建工作经费「三万」"));
    // An area beside 无 is asked about, not dropped.
    let mut no_premises = money("c", 2026, "3");
    no_premises.premises = false;
    assert_eq!(
        resources::save(&mut st, None, no_premises.clone(), NOW),
        Err(BetweenRoundsError::AreaWithoutPremises(120))
    );
    no_premises.premises_area = "0".into();
    let c = resources::save(&mut st, None, no_premises, NOW).unwrap();
    resources::delete(&mut st, &c).unwrap();
    // A negative amount is called what it is, not an invalid number.
    let before = st.resources.clone();
    let e = resources::save(&mut st, None, money("c", 2026, "-3"), NOW).unwrap_err();
    assert!(matches!(e, BetweenRoundsError::NegativeAmount { .. }));
    assert!(e.to_string().contains("不能是负数"), "{e}");
    assert_eq!(st.resources, before, "nothing changes");
    // A new 2026 entry starts on the first unit without one; 2024 on the first unit.
    let next = resources::next_unit_without_entry(&st, 2026).unwrap();
    assert!(next != "a" && next != "b", "{next}");
    assert_eq!(
        resources::next_unit_without_entry(&st, 2024),
        Some(&st.units[0].id)
    );
    resources::save(&mut st, Some(&m), money("a", 2026, "10"), NOW).unwrap();
    let row: Vec<&str> = resources::compare_year(&st, 2026)
        .iter()
        .map(|r| r.unit_id.as_str())
        .collect();
    assert_eq!(row, ["a", "b"]);
    assert_eq!(resources::years(&st), [2026, 2025]);
    assert_eq!(resources::of_unit(&st, "a")[0].funds, Points::whole(10));
}

#[test]
fn amounts_as_clerks_write_them_and_sums_probably_in_yuan() {
    let mut st = city();
    for (typed, want) in [
        ("12万元", 12),
        ("12 万", 12),
        ("1,200", 1200),
        ("1，200万元", 1200),
    ] {
        let id = resources::save(&mut st, None, money("a", 2026, typed), NOW).expect(typed);
        let e = st.resources.iter().find(|r| r.id == id).expect("saved");
        assert_eq!(e.funds, Points::whole(want), "{typed}");
        resources::delete(&mut st, &id).expect("deleted");
    }
    let id = resources::save(&mut st, None, money("a", 2026, "50000"), NOW).expect("saved");
    let e = st.resources.iter().find(|r| r.id == id).expect("saved");
    assert_eq!(resources::large_amounts(e), ["党建工作经费 50000 万元"]);
    let id = resources::save(&mut st, None, money("b", 2026, "999"), NOW).expect("saved");
    let e = st.resources.iter().find(|r| r.id == id).expect("saved");
    assert!(resources::large_amounts(e).is_empty());
    assert!(resources::save(&mut st, None, money("c", 2026, "万元"), NOW).is_err());
    // 1,2 is not a thousands separator; a sum in 元 is said in 万元.
    assert!(matches!(
        resources::save(&mut st, None, money("c", 2026, "1,2"), NOW),
        Err(BetweenRoundsError::BadAmount { .. })
    ));
    let e = resources::save(&mut st, None, money("c", 2026, "120000元"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "党建工作经费请按“万元”填写：「120000元」应填 12"
    );
    // What the hint says is what the field takes (a clerk's review: 应填 1.2345 was
    // then refused as more than two decimals).
    let said = |text: &str| {
        resources::save(&mut st.clone(), None, money("c", 2026, text), NOW)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        said("12345元"),
        "党建工作经费请按“万元”填写：「12345元」应填 约 1.23（按万元保留两位小数）"
    );
    assert!(resources::save(&mut st.clone(), None, money("c", 2026, "1.23"), NOW).is_ok());
    assert!(said("40元")
        .ends_with("应填 0（不足 50 元，按万元保留两位小数记为 0；如需记下，请写在备注中）"));
    assert!(said("15000元").ends_with("应填 1.5"));
    // Who has not reported, and 阵地 as it reads.
    // (丁支部 is 摘牌: no longer asked.)
    assert_eq!(resources::units_without_entry(&st, 2026), ["丙支部"]);
    assert_eq!(
        resources::units_without_entry(&st, 2025),
        ["甲支部", "乙支部", "丙支部"]
    );
    // A unit that joined in 2026 owed nothing for 2025.
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "c") {
        u.entered_year = 2026;
    }
    assert_eq!(
        resources::units_without_entry(&st, 2025),
        ["甲支部", "乙支部"]
    );
    let mut e = st.resources[0].clone();
    assert_eq!(resources::premises_text(&e), "有，120 平方米");
    e.premises_area = 0;
    assert_eq!(resources::premises_text(&e), "有（面积未填）");
    e.premises = false;
    assert_eq!(resources::premises_text(&e), "无");
}

#[test]
fn a_resource_entry_keeps_its_year_and_refuses_years_to_come_and_bad_counts() {
    let mut st = city();
    let m = resources::save(&mut st, None, money("a", 2026, "3"), NOW).unwrap();
    let before = st.clone();
    // A form saved with nothing typed, or with no unit to choose, records nothing.
    let mut blank = money("b", 2026, "");
    blank.activity_funds.clear();
    blank.staff.clear();
    blank.part_time_staff.clear();
    blank.premises_area.clear();
    blank.premises = false;
    assert_eq!(
        resources::save(&mut st, None, blank, NOW),
        Err(BetweenRoundsError::NothingEntered)
    );
    // Said as the form reads it: an empty field is 0 (a clerk's review: it asked for
    // 0 where a blank was saved as 0 anyway).
    assert_eq!(
        BetweenRoundsError::NothingEntered.to_string(),
        "经费和人数都没有填写，阵地为“无”：这样保存就是全部为 0，请至少填写一项（经费、人数、面积不填的按 0 计）"
    );
    assert_eq!(
        resources::save(&mut st, None, money("", 2026, "3"), NOW).map_err(|e| e.to_string()),
        Err("请选择单位（名册中还没有单位的，请先在“单位”中添加）".into())
    );
    assert_eq!(st, before);
    // Editing the 2026 entry cannot move it to 2025 (2026 would lose its figures).
    let e = resources::save(&mut st, Some(&m), money("a", 2025, "3"), NOW).unwrap_err();
    assert!(
        matches!(&e, BetweenRoundsError::ResourceYearFixed { year: 2026, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("修改时不能改年度"), "{e}");
    // Nor to another unit.
    let e = resources::save(&mut st, Some(&m), money("b", 2026, "3"), NOW).unwrap_err();
    assert!(
        matches!(&e, BetweenRoundsError::ResourceUnitFixed { year: 2026, .. }),
        "{e:?}"
    );
    // On New Year's morning in Beijing (still 31 December by UTC) the new year is open.
    let mut early = st.clone();
    resources::save(
        &mut early,
        None,
        money("b", 2027, "1"),
        "2026-12-31T17:30:00Z",
    )
    .expect("2027 is this year in Beijing");
    // A year that has not come yet (NOW is in 2026).
    let e = resources::save(&mut st, None, money("a", 2062, "3"), NOW).unwrap_err();
    assert_eq!(
        e,
        BetweenRoundsError::FutureResourceYear {
            year: 2062,
            this_year: 2026
        }
    );
    // Negative and fractional counts, a year in words: every problem at once.
    let mut d = money("b", 2026, "-1");
    d.year = "二〇二六".into();
    d.staff = "-2".into();
    d.premises_area = "12.5".into();
    let e = resources::save(&mut st, None, d, NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "年度「二〇二六」不对，应为 2000 至 2100 之间的四位数年份，如 2026\n党建工作经费不能是负数（填写的是「-1」）；没有就填 0 或留空\n专职党务干部人数「-2」不对，应为 0 或正整数；没有就填 0 或留空\n阵地面积「12.5」不对，应为 0 或正整数；没有就填 0 或留空"
    );
    assert_eq!(st, before, "nothing changes");
    // Empty counts are 0.
    let mut d = money("b", 2026, "");
    d.staff.clear();
    d.part_time_staff.clear();
    d.premises_area.clear();
    let id = resources::save(&mut st, None, d, NOW).unwrap();
    let r = st.resources.iter().find(|r| r.id == id).unwrap();
    assert_eq!((r.staff, r.part_time_staff, r.premises_area), (0, 0, 0));
}

#[test]
fn stored_data_without_the_new_fields_still_loads() {
    let old = r#"{"settings":{"origin":"committee","next_id":3},
        "rectifications":[{"id":"x1","unit_id":"a","category":"WeakRadiation","description":"d",
        "deadline":"2026-01-01","status":"Done"}],
        "guidance_visits":[{"id":"g1","unit_id":"a","date":"2026-01-01","by":"李"}]}"#;
    let st: AppState = serde_json::from_str(old).unwrap();
    assert_eq!(st.settings.idle_pairing_months, 6);
    assert_eq!(st.settings.visit_gap_months, 12);
    assert_eq!(st.rectifications[0].source, ProblemSource::Other);
    assert_eq!(st.guidance_visits[0].form, VisitForm::Inspection);
}

#[test]
fn the_sample_city_has_overdue_items_idle_pairs_and_unvisited_sites() {
    let st = sample::sample_city(1);
    let today = "2026-06-30";
    assert!(!rectification::overdue(&st, today).is_empty());
    assert!(!pairing::idle(&st, today).is_empty());
    assert!(guidance::without_visit(&st, today)
        .iter()
        .any(|s| s.last.is_none()));
    assert!(st
        .rectifications
        .iter()
        .any(|r| r.status == RectificationStatus::Closed));
}

#[test]
fn pending_proposals_name_a_unit_once() {
    use exemplar::domain::lifecycle::pending_proposals;
    let mut st = city();
    st.units[0].status = UnitStatus::Warned;
    st.units[0].rectify_by = Some("2026-06-30".into());
    rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let v = pending_proposals(&st, None, "2026-07-01").unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].round_id, None);
    assert!(pending_proposals(&st, None, "2026-06-30")
        .unwrap()
        .is_empty());
}

#[test]
fn thresholds_are_settings_of_one_to_sixty_months() {
    use exemplar::domain::between_rounds::{set_months, MonthsSetting};
    let mut st = city();
    assert_eq!(
        set_months(&mut st, MonthsSetting::IdlePairing, " 3 "),
        Ok(3)
    );
    assert_eq!(st.settings.idle_pairing_months, 3);
    assert_eq!(set_months(&mut st, MonthsSetting::VisitGap, "24"), Ok(24));
    assert_eq!(st.settings.visit_gap_months, 24);
    // As a Chinese input method types it: full-width digits, with 个月.
    assert_eq!(
        set_months(&mut st, MonthsSetting::IdlePairing, "６个月"),
        Ok(6)
    );
    let e = set_months(&mut st, MonthsSetting::VisitGap, "0").unwrap_err();
    assert_eq!(
        e.to_string(),
        "未督导提示（月）应为1到60之间的整数（月），填的是“0”，请改正"
    );
    assert_eq!(st.settings.visit_gap_months, 24);
}

#[test]
fn a_warning_creates_its_items_all_or_nothing() {
    use exemplar::domain::between_rounds::rectification::warn_with_items;
    let mut st = city();
    let mut req = StatusChangeRequest {
        to: UnitStatus::Warned,
        date: "2026-06-10".into(),
        reason: "考评不合格".into(),
        doc_no: "市直工委〔2027〕3号".into(),
        plaque_no: None,
        rectify_by: None,
    };
    let before = st.clone();
    let e = warn_with_items(
        &mut st,
        "a",
        &req,
        ProblemCategory::ShowNotModel,
        "一\n二",
        NOW,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "给单位「甲支部」警示须定出整改期限");
    assert_eq!(st, before);
    req.rectify_by = Some("2027-06-30".into());
    let ids = warn_with_items(
        &mut st,
        "a",
        &req,
        ProblemCategory::ShowNotModel,
        " 特色不鲜明 \n\n台账不全\n",
        NOW,
    )
    .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(st.unit("a").unwrap().status, UnitStatus::Warned);
    assert!(st
        .rectifications
        .iter()
        .all(|r| r.deadline == "2027-06-30" && r.source == ProblemSource::Warning));
    assert_eq!(st.rectifications[0].description, "特色不鲜明");
}

#[test]
fn an_edit_keeps_the_items_history_honest() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    // Not yet started: a wrong unit can be corrected.
    rectification::edit(&mut st, &x, item("b", "2026-06-30"), NOW).unwrap();
    assert_eq!(st.rectifications[0].unit_id, "b");
    assert!(
        st.rectifications[0].progress.is_empty(),
        "nothing else recorded"
    );
    // Moving the deadline (延期) is kept as a dated note.
    rectification::edit(&mut st, &x, item("b", "2026-09-30"), NOW).unwrap();
    let r = &st.rectifications[0];
    assert_eq!(r.deadline, "2026-09-30");
    assert_eq!(r.progress.len(), 1);
    assert_eq!(r.progress[0].date, "2026-07-01");
    assert_eq!(
        r.progress[0].note,
        "整改期限由 2026-06-30 调整为 2026-09-30"
    );
    assert_eq!(
        r.status,
        RectificationStatus::Open,
        "a 延期 is not progress"
    );
    // Nor is it work: the item can still be corrected in every field, unit included.
    let mut d = item("a", "2026-09-30");
    d.owner = "赵委员".into();
    rectification::edit(&mut st, &x, d, NOW).unwrap();
    assert_eq!(st.rectifications[0].unit_id, "a");
    rectification::edit(&mut st, &x, item("b", "2026-09-30"), NOW).unwrap();
    assert_eq!(st.rectifications[0].progress.len(), 1, "no note for those");
    // With work on record it stays with its unit, and cannot go back to 未开始.
    rectification::add_progress(&mut st, &x, "2026-07-01", "已部署", NOW).unwrap();
    let before = st.clone();
    let e = rectification::edit(&mut st, &x, item("a", "2026-09-30"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "这是「乙支部」的整改事项，已有整改进展，不能改到「甲支部」名下；如单位登记错了，请删除这一条，再为「甲支部」重新登记"
    );
    assert_eq!(
        rectification::edit(&mut st, &x, item("b", "2026-09-30"), NOW),
        Err(BetweenRoundsError::BackToNotStarted)
    );
    assert_eq!(st, before, "nothing changed");
    // Other fields change as before, without a note.
    let mut d = item("b", "2026-09-30");
    d.status = RectificationStatus::InProgress;
    d.owner = "李委员".into();
    rectification::edit(&mut st, &x, d, NOW).unwrap();
    assert_eq!(st.rectifications[0].owner, "李委员");
    assert_eq!(st.rectifications[0].progress.len(), 2);
}

#[test]
fn a_deadline_moved_after_it_passed_keeps_the_lateness_in_view() {
    let mut st = city();
    let before_due = rectification::add(&mut st, item("a", "2026-07-15"), NOW).unwrap();
    let overdue = rectification::add(&mut st, item("a", "2026-06-20"), NOW).unwrap();
    let get = |st: &AppState, id: &str| {
        st.rectifications
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        rectification::extended_when_overdue(&get(&st, &overdue)),
        None,
        "never moved"
    );
    // Moved on 07-01: one before its deadline, one 11 days after it had passed.
    rectification::edit(&mut st, &before_due, item("a", "2026-09-30"), NOW).unwrap();
    rectification::edit(&mut st, &overdue, item("a", "2026-09-30"), NOW).unwrap();
    assert_eq!(
        rectification::extended_when_overdue(&get(&st, &before_due)),
        None
    );
    let r = get(&st, &overdue);
    assert_eq!(
        rectification::extended_when_overdue(&r),
        Some(("2026-06-20".to_string(), 11))
    );
    // Closed before the new deadline: not 逾期销号 by the deadline in force, but the
    // earlier lateness stays.
    rectification::close(&mut st, &overdue, "2026-07-01", "台账已核验", NOW).unwrap();
    let r = get(&st, &overdue);
    assert_eq!(rectification::days_closed_late(&r), 0);
    assert_eq!(
        rectification::extended_when_overdue(&r),
        Some(("2026-06-20".to_string(), 11))
    );
    // The moved-from deadline travels in the file and comes back.
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains(r#""moved_from":"2026-06-20""#), "{json}");
    let back: Rectification = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn a_mistaken_closure_is_withdrawn_with_its_reason_and_stays_on_record() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let before = st.clone();
    assert_eq!(
        rectification::reopen(&mut st, &x, "台账不实", NOW),
        Err(BetweenRoundsError::NotClosed)
    );
    rectification::close(&mut st, &x, "2026-06-20", "台账已核验", NOW).unwrap();
    let closed = st.clone();
    assert_eq!(
        rectification::reopen(&mut st, &x, "  ", NOW),
        Err(BetweenRoundsError::Missing("撤销销号的原因"))
    );
    assert_eq!(st, closed, "nothing changed");
    let later = "2026-07-03T10:00:00+08:00";
    rectification::reopen(&mut st, &x, "复查发现台账不实", later).unwrap();
    let r = &st.rectifications[0];
    assert_eq!(r.status, RectificationStatus::InProgress);
    assert_eq!(r.closure, None);
    assert_eq!(
        r.progress
            .last()
            .map(|p| (p.date.as_str(), p.note.as_str())),
        Some((
            "2026-07-03",
            "撤销销号（原销号 2026-06-20：台账已核验）：复查发现台账不实"
        ))
    );
    // Open again: overdue after its deadline, and can be closed again.
    assert!(rectification::is_overdue(r, "2026-07-03"));
    rectification::close(&mut st, &x, "2026-07-03", "重新核验", later).unwrap();
    assert_ne!(st, before);
}

#[test]
fn an_empty_date_is_asked_for_by_its_full_name() {
    let mut st = city();
    let e = guidance::add(&mut st, visit(&["a"], " "), NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写督导日期");
    let mut d = pair("a", Some("b"));
    d.start = String::new();
    let e = pairing::add(&mut st, d, NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写结对开始日期");
    let p = pairing::add(&mut st, pair("a", Some("b")), NOW).unwrap();
    let after_pairing = st.clone();
    let e = pairing::add_activity(&mut st, &p, activity(""), NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写活动日期");
    assert_eq!(st, after_pairing, "nothing recorded");
    let x = rectification::add(&mut st, item("a", "2026-06-30"), NOW).unwrap();
    let e = rectification::add_progress(&mut st, &x, "", "已部署", NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写进展日期");
    let e = rectification::close(&mut st, &x, "", "台账已核验", NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写销号日期");
    // A deadline is named as it is.
    let e = rectification::add(&mut st, item("a", ""), NOW).unwrap_err();
    assert_eq!(e.to_string(), "请填写整改期限");
}

#[test]
fn a_roster_unit_typed_in_as_off_roster_is_refused() {
    let mut st = city();
    let name = st.unit("b").unwrap().name.clone();
    let before = st.clone();
    let mut d = pair("a", None);
    d.partner_name = format!(" {name} ");
    let e = pairing::add(&mut st, d, NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("「{name}」已在名册中，请在“结对单位（名册内）”中选择它，不要按名册外单位填写（否则它的单位页看不到这个结对）")
    );
    assert_eq!(st, before, "nothing recorded");
    // Chosen from the roster, or a name not on it: accepted.
    pairing::add(&mut st, pair("a", Some("b")), NOW).unwrap();
    pairing::add(&mut st, pair("c", None), NOW).unwrap();
}

#[test]
fn resources_pasted_from_a_spreadsheet_are_checked_together_and_saved_all_or_nothing() {
    use exemplar::domain::between_rounds::resource_paste::{read_pasted, save_pasted};
    let mut st = city();
    resources::save(&mut st, None, money("b", 2026, "3"), NOW).unwrap();
    // As copied from the comparison table itself: a header, the rows, the 合计.
    let table =
        "单位\t党建工作经费（万元）\t活动经费（万元）\t专职党务干部\t兼职党务干部\t阵地\t备注\n\
                 甲支部\t12.5\t3\t1\t4\t有，120 平方米\t\n\
                 乙支部\t8万元\t2\t0\t3\t无\t与机关合用\r\n\
                 \n\
                 丙支部\t1,200\t0\t0\t2\t有（面积未填）\t\t\n\
                 合计（3个单位）\t1220.5\t5\t1\t9\t有阵地2个\t";
    let plan = read_pasted(&st, 2026, table, NOW).expect("read");
    assert_eq!(plan.passed_over, 2, "the header and the 合计");
    assert_eq!(
        plan.counts(),
        (2, 1, 0),
        "乙支部 has its 2026 entry already"
    );
    assert_eq!(
        plan.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
        [2, 3, 5]
    );
    assert_eq!(save_pasted(&mut st, &plan, NOW), Ok((2, 1, 0)));
    let y = resources::compare_year(&st, 2026);
    assert_eq!(y.len(), 3);
    let get = |id: &str| {
        st.resources
            .iter()
            .find(|r| r.unit_id == id && r.year == 2026)
            .expect("entry")
    };
    assert_eq!(get("a").funds.to_string(), "12.5");
    assert_eq!((get("a").premises, get("a").premises_area), (true, 120));
    assert_eq!(get("b").funds.to_string(), "8");
    assert_eq!(get("b").note, "与机关合用");
    assert!(!get("b").premises);
    assert_eq!(get("c").funds.to_string(), "1200");
    assert_eq!((get("c").premises, get("c").premises_area), (true, 0));
    assert_eq!(
        st.resources.iter().filter(|r| r.unit_id == "b").count(),
        1,
        "replaced, not added twice"
    );
    // The same rows pasted again change nothing, not even a revision.
    let saved = st.clone();
    let again = read_pasted(&st, 2026, table, NOW).expect("read");
    assert_eq!(again.counts(), (0, 0, 3));
    assert_eq!(save_pasted(&mut st, &again, NOW), Ok((0, 0, 3)));
    assert_eq!(st, saved);

    // Every problem at once, by line; nothing saved.
    let bad = "甲支部\t5\t-1\t\t\t\t\n\
               戊支部\t1\t1\t1\t1\t无\t\n\
               乙支部\t50000元\t1\t1\t1\t无\n\
               甲支部\t1\t1\t1\t1\t无\n\
               丙支部\t1\t1\t1\t1\t不清楚\n\
               丙支部 1 1 1";
    let before = st.clone();
    let problems = read_pasted(&st, 2026, bad, NOW).expect_err("refused");
    let joined = problems.join("\n");
    for (line, what) in [
        ("第2行", "名册中没有单位「戊支部」"),
        ("第4行", "「甲支部」在第1行已经有了"),
        ("第5行（丙支部）", "阵地「不清楚」看不明白"),
        ("第6行", "没有分列"),
        ("第1行（甲支部）", "活动经费不能是负数"),
        ("第3行（乙支部）", "请按“万元”填写：「50000元」应填 5"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(line) && p.contains(what)),
            "{line} {what}:\n{joined}"
        );
    }
    assert_eq!(st, before);
    // Nothing readable is said so, not saved as nothing.
    let problems = read_pasted(&st, 2026, "\n单位\t经费\n", NOW).expect_err("refused");
    assert!(problems[0].starts_with("没有读到任何一行"), "{problems:?}");
    // A year to come is refused as the form refuses it, on every row.
    let problems = read_pasted(&st, 2027, "甲支部\t1\t1\t1\t1\t无", NOW).expect_err("refused");
    assert!(problems[0].contains("2027"), "{problems:?}");
}

#[test]
fn a_pasted_table_as_clerks_lay_it_out_is_read_and_nothing_is_guessed() {
    use exemplar::domain::between_rounds::resource_paste::{
        changed_fields, read_pasted, save_pasted, PastedChange,
    };
    let mut st = city();
    resources::save(&mut st, None, money("b", 2026, "3"), NOW).unwrap();
    // A title, a 序号 column, a spaced header, a note with a line break (Excel quotes
    // it), a 小计 row, and the 操作 column of the page's own table.
    let table = "2026年度保障投入统计表\t\t\t\t\t\t\n\
                 序号\t单  位\t党建工作经费\t活动经费\t专职\t兼职\t阵地\t备注\n\
                 1\t甲支部\t12\t3\t1\t4\t120平方米\t\"与机关\n合用\"\n\
                 2\t乙支部\t50000\t1.5\t2\t5\t0\t\n\
                 小计\t\t50012\t4.5\t3\t9\t\t\n\
                 丙支部\t1\t1\t0\t2\t有\t\t修改 删除";
    let plan = read_pasted(&st, 2026, table, NOW).expect("read");
    assert_eq!(plan.passed_over, 3, "the title, the header and the 小计");
    let by = |u: &str| plan.entries.iter().find(|e| e.draft.unit_id == u).expect(u);
    assert_eq!(by("a").saved.note, "与机关\n合用");
    assert_eq!(
        (by("a").saved.premises, by("a").saved.premises_area),
        (true, 120)
    );
    // 阵地 0 is 无, not 有 with no area.
    assert!(!by("b").saved.premises);
    assert_eq!(by("c").change, PastedChange::Added);
    // 乙支部 replaced: what it loses is shown, and 50000 万元 is pointed out.
    assert_eq!(by("b").change, PastedChange::Replaced);
    let was = by("b").was.as_ref().expect("held");
    assert_eq!(
        changed_fields(was, &by("b").saved),
        ["党建工作经费 3 → 50000", "阵地 有，120 平方米 → 无"]
    );
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert!(plan.warnings[0].starts_with("第4行（乙支部）：党建工作经费 50000 万元"));
    assert_eq!(save_pasted(&mut st, &plan, NOW), Ok((2, 1, 0)));

    // An area that is not one whole number, and a row cut short, are refused, not
    // guessed (a short row would clear the figures it leaves out).
    for (cell, ok) in [
        ("有，120.5 平方米", false),
        ("有，2处共300平方米", false),
        ("有，约120平方米（含活动室2间）", false),
        ("有（面积未填）", true),
        ("是", true),
        ("１２０㎡", true),
    ] {
        let row = format!("甲支部\t1\t1\t1\t1\t{cell}\t");
        assert_eq!(read_pasted(&st, 2026, &row, NOW).is_ok(), ok, "{cell}");
    }
    let before = st.clone();
    let problems = read_pasted(&st, 2026, "乙支部\t3", NOW).expect_err("short");
    assert!(
        problems[0].starts_with("第1行（乙支部）只有2列"),
        "{problems:?}"
    );
    assert_eq!(st, before);
}

#[test]
fn a_draft_with_an_amount_probably_in_yuan_is_named_before_it_is_saved() {
    let mut d = money("a", 2026, "25000万元");
    d.activity_funds = "1,200".into();
    assert_eq!(
        resources::large_in_draft(&d),
        ["党建工作经费 25000 万元", "活动经费 1200 万元"]
    );
    // As saving reads them: what saving refuses (元, words) is left to it.
    d.funds = "50000元".into();
    d.activity_funds = "999.99".into();
    assert!(resources::large_in_draft(&d).is_empty());
    d.funds = "很多".into();
    assert!(resources::large_in_draft(&d).is_empty());
}

#[test]
fn counts_and_areas_are_read_with_their_units_and_full_width_digits() {
    // The form reads what the paste reads: 80㎡, ２人, 3 名.
    let mut st = city();
    let mut d = money("a", 2026, "3");
    d.staff = "２人".into();
    d.part_time_staff = "3 名".into();
    d.premises_area = "80㎡".into();
    let id = resources::save(&mut st, None, d, NOW).expect("saved");
    let r = st.resources.iter().find(|r| r.id == id).expect("entry");
    assert_eq!((r.staff, r.part_time_staff, r.premises_area), (2, 3, 80));
    // Still a whole number: 2.5 people, 80.5 平方米 and words are refused.
    for (staff, area) in [("2.5", "80"), ("2", "80.5㎡"), ("两人", "80")] {
        let mut d = money("b", 2026, "3");
        d.staff = staff.into();
        d.premises_area = area.into();
        assert!(
            resources::save(&mut st, None, d, NOW).is_err(),
            "{staff} {area}"
        );
    }
}

#[test]
fn a_pasted_table_with_its_own_header_is_read_by_the_header_not_by_place() {
    use exemplar::domain::between_rounds::resource_paste::read_pasted;
    let mut st = city();
    resources::save(&mut st, None, money("b", 2026, "3"), NOW).unwrap();
    // A clerk's own sheet: 阵地 split into 是否有阵地 and 阵地面积 (a column more than
    // the comparison table), read one column off before: 60 went into 备注.
    let sheet = "序号\t单位\t党建工作经费\t活动经费\t专职\t兼职\t是否有阵地\t阵地面积\t备注\n\
                 1\t甲支部\t17\t1\t3\t2\t有\t60\t\n\
                 2\t乙支部\t5\t1\t1\t1\t无\t\t与机关合用";
    let plan = read_pasted(&st, 2026, sheet, NOW).expect("read");
    let by = |u: &str| plan.entries.iter().find(|e| e.draft.unit_id == u).expect(u);
    assert_eq!(
        (by("a").saved.premises, by("a").saved.premises_area),
        (true, 60)
    );
    assert_eq!(by("a").saved.note, "");
    assert!(!by("b").saved.premises);
    assert_eq!(by("b").saved.note, "与机关合用");
    // Columns in another order are read by their names.
    let moved = "单位名称\t活动经费（万元）\t党建工作经费（万元）\t兼职党务干部\t专职党务干部\t备注\t阵地\n\
                 甲支部\t2\t9\t4\t1\t新建活动室\t有，80 平方米";
    let plan = read_pasted(&st, 2026, moved, NOW).expect("read");
    let a = &plan.entries[0].saved;
    assert_eq!(
        (a.funds.to_string(), a.activity_funds.to_string()),
        ("9".to_string(), "2".to_string())
    );
    assert_eq!((a.staff, a.part_time_staff), (1, 4));
    assert_eq!((a.premises_area, a.note.as_str()), (80, "新建活动室"));
    // The table's own columns in its order but an empty column between them (common
    // in a copied range): read by the header, not shifted by place.
    let gap =
        "单位\t党建工作经费（万元）\t\t活动经费（万元）\t专职党务干部\t兼职党务干部\t阵地\t备注\n\
               甲支部\t6\t\t2\t1\t3\t有，50 平方米\t";
    let plan = read_pasted(&st, 2026, gap, NOW).expect("read");
    let a = &plan.entries[0].saved;
    assert_eq!(
        (a.activity_funds.to_string(), a.staff, a.part_time_staff),
        ("2".to_string(), 1, 3)
    );
    assert_eq!((a.premises_area, a.note.as_str()), (50, ""));
    // A header that does not start with 单位 is still a header; two rows whose
    // area and 备注 are both empty are not too short for it.
    let unit_second = "党建工作经费\t单位\t活动经费\t专职\t兼职\t是否有阵地\t阵地面积\t备注\n\
                       7\t甲支部\t1\t1\t1\t无\t\t\n\
                       8\t乙支部\t2\t1\t1\t有\t\t";
    let plan = read_pasted(&st, 2026, unit_second, NOW).expect("read");
    assert_eq!(plan.passed_over, 1, "the header");
    let by = |u: &str| plan.entries.iter().find(|e| e.draft.unit_id == u).expect(u);
    assert_eq!(by("a").saved.funds.to_string(), "7");
    assert!(!by("a").saved.premises);
    assert_eq!(
        (by("b").saved.premises, by("b").saved.premises_area),
        (true, 0)
    );
    // 无 with an area is not guessed at; a column the table has not is refused by
    // name, as is a column given twice; nothing is saved.
    let before = st.clone();
    let contradicts = "单位\t党建工作经费\t活动经费\t专职\t兼职\t是否有阵地\t阵地面积\t备注\n\
                       甲支部\t1\t1\t1\t1\t无\t60\t";
    let problems = read_pasted(&st, 2026, contradicts, NOW).expect_err("refused");
    assert!(
        problems[0].contains("阵地「无，60」看不明白"),
        "{problems:?}"
    );
    let unknown = "单位\t党建工作经费\t活动经费\t专职\t兼职\t阵地\t联系人\n\
                   甲支部\t1\t1\t1\t1\t有\t王某";
    let problems = read_pasted(&st, 2026, unknown, NOW).expect_err("refused");
    assert!(
        problems[0].starts_with("第1行：表头中的「联系人」不是对比表的列"),
        "{problems:?}"
    );
    let twice = "单位\t党建工作经费\t工作经费\t专职\t兼职\t阵地\n甲支部\t1\t1\t1\t1\t有";
    let problems = read_pasted(&st, 2026, twice, NOW).expect_err("refused");
    assert!(
        problems[0].contains("两列都是「党建工作经费"),
        "{problems:?}"
    );
    let ragged = "单位\t经费\t活动经费\t专职\t兼职\t阵地面积\t阵地\t备注\n甲支部\t1\t1\t1";
    let problems = read_pasted(&st, 2026, ragged, NOW).expect_err("refused");
    assert!(problems[0].contains("与表头的8列对不上"), "{problems:?}");
    assert_eq!(st, before);
}

#[test]
fn a_resource_figure_above_its_limit_is_refused_by_name_before_any_question() {
    let mut st = city();
    let before = st.clone();
    let mut d = money("a", 2026, "100001");
    let refusal = |st: &mut AppState, d: &ResourceDraft| {
        resources::save(st, None, d.clone(), NOW)
            .unwrap_err()
            .to_string()
    };
    // Refused where the form checks, not asked about as 数额很大 first.
    assert!(resources::large_in_draft(&d).is_empty());
    // Read as a sum in 元, it says what to fill in (a clerk's review).
    assert_eq!(
        refusal(&mut st, &d),
        "党建工作经费「100001」超过上限（100000 万元），没有保存；金额按“万元”填写，如是按“元”填写的，应填 约 10（按万元保留两位小数）"
    );
    d.funds = "250000".into();
    assert!(refusal(&mut st, &d).ends_with("应填 25"));
    // Beyond any sum in 元 of the limit: only the limit.
    d.funds = "2000000000".into();
    assert_eq!(
        refusal(&mut st, &d),
        "党建工作经费「2000000000」超过上限（100000 万元），没有保存；请核对"
    );
    d.funds = "100000".into();
    d.premises_area = "99999999".into();
    assert_eq!(
        refusal(&mut st, &d),
        "阵地面积「99999999」超过上限（100000 平方米），没有保存；请核对"
    );
    d.premises_area = "120".into();
    d.part_time_staff = "10001人".into();
    assert!(matches!(
        resources::save(&mut st, None, d.clone(), NOW),
        Err(BetweenRoundsError::TooLarge {
            what: "兼职党务干部人数",
            ..
        })
    ));
    assert_eq!(st, before);
    // At the limits: saved (and the large amount is asked about, as before).
    d.part_time_staff = "5".into();
    assert_eq!(resources::large_in_draft(&d), ["党建工作经费 100000 万元"]);
    resources::save(&mut st, None, d, NOW).expect("at the limit");
}

#[test]
fn a_pasted_header_that_leaves_out_columns_keeps_what_was_recorded_there() {
    use exemplar::domain::between_rounds::resource_paste::{read_pasted, save_pasted};
    let mut st = city();
    let mut recorded = money("b", 2026, "3");
    recorded.note = "与机关合用".into();
    resources::save(&mut st, None, recorded, NOW).unwrap();
    let before = st.clone();
    // Only the two amounts, in another order: 乙's staff, 阵地 and 备注 stay as recorded
    // (they used to be saved as 0, 无 and empty).
    let two = "单位\t活动经费（万元）\t党建工作经费（万元）\n乙支部\t1.5\t4";
    let plan = read_pasted(&st, 2026, two, NOW).expect("read");
    assert_eq!(
        plan.kept_columns,
        ["专职党务干部", "兼职党务干部", "阵地", "备注"]
    );
    let b = &plan.entries[0].saved;
    assert_eq!(b.funds.to_string(), "4");
    assert_eq!((b.staff, b.part_time_staff), (2, 5));
    assert_eq!((b.premises, b.premises_area), (true, 120));
    assert_eq!(b.note, "与机关合用");
    save_pasted(&mut st, &plan, NOW).expect("saved");
    let saved = resources::of_unit_year(&st, "b", 2026).expect("entry");
    assert_eq!((saved.funds.to_string(), saved.staff), ("4".to_string(), 2));
    // The table's columns in order without 备注: the note is kept too.
    let no_note = "单位\t党建工作经费\t活动经费\t专职党务干部\t兼职党务干部\t阵地\n乙支部\t5\t1\t2\t5\t有，120 平方米";
    let plan = read_pasted(&st, 2026, no_note, NOW).expect("read");
    assert_eq!(plan.kept_columns, ["备注"]);
    assert_eq!(plan.entries[0].saved.note, "与机关合用");
    // 阵地 as a bare 有 with no 阵地面积 column says nothing of the area: it stays; one
    // written out as 有（面积未填） clears it.
    let bare =
        "单位\t党建工作经费\t活动经费\t专职党务干部\t兼职党务干部\t阵地\n乙支部\t5\t1\t2\t5\t有";
    let plan = read_pasted(&st, 2026, bare, NOW).expect("read");
    let b = &plan.entries[0].saved;
    assert_eq!((b.premises, b.premises_area), (true, 120));
    let cleared = bare.replace("\t有", "\t有（面积未填）");
    let plan = read_pasted(&st, 2026, &cleared, NOW).expect("read");
    let b = &plan.entries[0].saved;
    assert_eq!((b.premises, b.premises_area), (true, 0));
    // A unit with nothing recorded for the year needs every figure: refused, by name,
    // and nothing is saved.
    let st = before;
    let problems = read_pasted(
        &st,
        2026,
        "单位\t活动经费\t党建工作经费\n甲支部\t1.5\t4",
        NOW,
    )
    .expect_err("refused");
    assert!(
        problems[0]
            .starts_with("第2行（甲支部）：表头中没有「专职党务干部」「兼职党务干部」「阵地」列"),
        "{problems:?}"
    );
    // A year before the unit entered is said first, not the columns (a clerk's review:
    // told to copy every column, then refused for the year).
    let entered = st
        .units
        .iter()
        .find(|u| u.name == "甲支部")
        .expect("甲")
        .entered_year;
    let problems = read_pasted(
        &st,
        entered - 1,
        "单位\t活动经费\t党建工作经费\n甲支部\t1.5\t4",
        NOW,
    )
    .expect_err("refused");
    assert!(
        problems[0].starts_with(&format!(
            "第2行（甲支部）：单位「甲支部」是{entered}年入选的，{}年度还不在示范点建设之列",
            entered - 1
        )),
        "{problems:?}"
    );
    // A short row without a header too (a re-test: 只有4列 was said first).
    let problems = read_pasted(&st, entered - 1, "甲支部\t5\t1\t2", NOW).expect_err("refused");
    assert!(problems[0].contains("还不在示范点建设之列"), "{problems:?}");
    // A header with every column keeps nothing back.
    let all = "单位\t党建工作经费\t活动经费\t专职党务干部\t兼职党务干部\t阵地\t备注\n甲支部\t1\t1\t1\t1\t无\t";
    assert!(read_pasted(&st, 2026, all, NOW)
        .expect("read")
        .kept_columns
        .is_empty());
}

#[test]
fn a_site_that_leaves_ends_its_running_pairings_on_the_day_it_leaves() {
    use exemplar::domain::lifecycle::{change_status, pairing_ends, StatusChangeRequest};
    let mut st = city();
    let p = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    pairing::add_activity(&mut st, &p, activity("2026-03-01"), NOW).unwrap();
    // As the partner, 甲 stays in 乙's pairing: only its own (as the site) end.
    let q = pairing::add(&mut st, pair("b", Some("a")), NOW).unwrap();
    assert_eq!(pairing_ends(&st, "a", "2026-05-20"), ["2026-05-20"]);
    // Left before its last activity: ended on that activity, none after the end.
    assert_eq!(pairing_ends(&st, "a", "2026-02-01"), ["2026-03-01"]);
    let leave = StatusChangeRequest {
        to: UnitStatus::Withdrawn,
        date: "2026-05-20".into(),
        reason: "机构改革撤并".into(),
        doc_no: String::new(),
        plaque_no: None,
        rectify_by: None,
    };
    change_status(&mut st, "a", &leave, NOW).unwrap();
    let ended = st.pairings.iter().find(|x| x.id == p).unwrap();
    assert_eq!(ended.status, PairingStatus::Ended);
    assert_eq!(ended.ended_on.as_deref(), Some("2026-05-20"));
    assert!(pairing::running_on(ended, "2026-05-19"));
    let kept = st.pairings.iter().find(|x| x.id == q).unwrap();
    assert_eq!(kept.status, PairingStatus::Active);
    assert!(pairing_ends(&st, "a", "2026-05-20").is_empty());
}

#[test]
fn a_visit_naming_one_unit_twice_is_refused() {
    let mut st = city();
    let before = st.clone();
    let e = guidance::add(
        &mut st,
        visit(&["a", "a"], "2026-03-01"),
        "2026-03-02T09:00:00Z",
    )
    .expect_err("the same unit twice");
    assert!(matches!(e, BetweenRoundsError::VisitedTwice(_)), "{e:?}");
    assert!(e.to_string().contains("填了两次"), "{e}");
    assert_eq!(st, before);
}

#[test]
fn resources_for_a_year_before_the_unit_entered_are_refused() {
    let mut st = city();
    let before = st.clone();
    // 甲 entered in 2024 (the test roster's year).
    let e = resources::save(&mut st, None, money("a", 2023, "6"), "2026-03-02T09:00:00Z")
        .expect_err("before it entered");
    assert_eq!(
        e.to_string(),
        "单位「甲支部」是2024年入选的，2023年度还不在示范点建设之列，不登记该年度的保障投入；请核对年度"
    );
    assert_eq!(st, before);
    resources::save(&mut st, None, money("a", 2024, "6"), "2026-03-02T09:00:00Z")
        .expect("its first year");
}

#[test]
fn the_years_resources_export_pastes_back_unchanged_with_its_system_column() {
    use exemplar::domain::between_rounds::resource_paste::read_pasted;
    use exemplar::domain::office::year_lists::resources_table;
    use exemplar::domain::reports::prints::cell_text;
    let st = exemplar::domain::sample::sample_city(2026);
    let t = resources_table(&st, 2026, "2026-12-06");
    assert!(t.columns.iter().any(|c| c.header == "系统/行业"));
    // A unit that had left is marked as on the page (the export listed it unmarked);
    // the marked name still reads back.
    let names: Vec<String> = t.rows.iter().map(|r| cell_text(&r[0])).collect();
    assert!(
        names.iter().any(|n| n.ends_with("（已摘牌）"))
            && names.iter().any(|n| n.ends_with("（已退出）")),
        "{names:?}"
    );
    let mut text = t
        .columns
        .iter()
        .map(|c| c.header.clone())
        .collect::<Vec<_>>()
        .join("\t");
    for row in &t.rows {
        text.push('\n');
        text.push_str(&row.iter().map(cell_text).collect::<Vec<_>>().join("\t"));
    }
    let plan = read_pasted(&st, 2026, &text, NOW).expect("the export reads back");
    let held = st.resources.iter().filter(|r| r.year == 2026).count();
    assert!(held > 10, "the sample records 2026");
    assert_eq!(plan.counts(), (0, 0, held), "nothing changes");
}

#[test]
fn a_visit_after_the_unit_left_is_refused_one_before_is_not() {
    let mut st = city();
    let a = st.units.iter_mut().find(|u| u.id == "a").expect("a");
    a.history.push(StatusChange {
        date: "2026-03-12".into(),
        from: a.status,
        to: UnitStatus::Withdrawn,
        reason: "机构改革撤并".into(),
        doc_no: String::new(),
    });
    a.status = UnitStatus::Withdrawn;
    let before = st.clone();
    let e = guidance::add(&mut st, visit(&["a"], "2026-05-01"), NOW).expect_err("after it left");
    assert_eq!(
        e.to_string(),
        "单位「甲支部」已于 2026-03-12 退出示范点建设，此后已不是示范点，不能登记 2026-05-01 的督导；请核对督导日期或督导单位"
    );
    assert_eq!(st, before);
    guidance::add(&mut st, visit(&["a"], "2026-03-01"), NOW).expect("before it left");
}

#[test]
fn no_new_rectification_item_for_a_unit_that_has_left() {
    let mut st = city();
    let a = st.units.iter_mut().find(|u| u.id == "a").expect("a");
    a.history.push(StatusChange {
        date: "2026-03-11".into(),
        from: a.status,
        to: UnitStatus::Delisted,
        reason: "整改期满复查仍不合格".into(),
        doc_no: String::new(),
    });
    a.status = UnitStatus::Delisted;
    let before = st.clone();
    let e = rectification::add(&mut st, item("a", "2026-12-31"), NOW).expect_err("left");
    assert_eq!(
        e.to_string(),
        "单位「甲支部」已摘牌（2026-03-11），不再登记新的整改事项；请核对单位"
    );
    assert_eq!(st, before);
    rectification::add(&mut st, item("b", "2026-12-31"), NOW).expect("b is a site");
}

#[test]
fn a_refused_item_names_the_fields_of_its_form() {
    use exemplar::domain::between_rounds::UNIT_FIELD;
    use exemplar::domain::problems::FieldsAt;
    let mut st = city();
    let before = st.clone();
    let blank = RectificationDraft {
        description: " ".into(),
        ..item("", "")
    };
    let err = rectification::add(&mut st, blank, NOW).unwrap_err();
    assert_eq!(
        err.fields(),
        [
            UNIT_FIELD,
            rectification::labels::DESCRIPTION,
            rectification::labels::DEADLINE
        ]
    );
    // A deadline before the unit entered: the deadline.
    let err = rectification::add(&mut st, item("a", "2001-01-01"), NOW).unwrap_err();
    assert_eq!(err.fields(), [rectification::labels::DEADLINE], "{err:?}");
    assert_eq!(st, before);
    // A date named by its event is its form's 日期 field; a text field by its name.
    let id = rectification::add(&mut st, item("a", "2026-12-31"), NOW).unwrap();
    let err = rectification::close(&mut st, &id, "2031-01-01", " ", NOW).unwrap_err();
    assert_eq!(err.fields(), ["销号日期", "销号依据"], "{err:?}");
    let err = rectification::add_progress(&mut st, &id, "", "x", NOW).unwrap_err();
    assert_eq!(err.fields(), ["进展日期"], "{err:?}");
    let mut v = visit(&["a"], "2031-01-01");
    v.by = String::new();
    let err = guidance::add(&mut st, v, NOW).unwrap_err();
    assert_eq!(err.fields(), ["督导日期", "督导人员"], "{err:?}");
}

#[test]
fn a_refused_unit_names_the_fields_of_its_form() {
    use exemplar::domain::problems::FieldsAt;
    use exemplar::domain::roster::{self, labels, RosterError, UnitInput};
    let mut st = city();
    let before = st.clone();
    // A blank name and a year to come: both fields, in the form's order.
    let input = UnitInput {
        name: " ".into(),
        entered_year: "2031".into(),
        ..UnitInput::blank(2026)
    };
    let err = roster::add_unit(&mut st, &input, NOW).unwrap_err();
    assert!(
        matches!(&err, RosterError::Several(v) if v.len() == 2),
        "{err:?}"
    );
    assert_eq!(err.fields(), [labels::NAME, labels::YEAR]);
    // A name the roster has: the name alone.
    let taken = UnitInput {
        name: st.units[0].name.clone(),
        ..UnitInput::blank(2026)
    };
    let err = roster::add_unit(&mut st, &taken, NOW).unwrap_err();
    assert_eq!(err.fields(), [labels::NAME]);
    // A unit that is not there is about no field.
    let err = roster::edit_unit(&mut st, "nobody", &taken, NOW).unwrap_err();
    assert!(err.fields().is_empty(), "{err:?}");
    assert_eq!(st, before);
}

#[test]
fn a_name_typed_with_other_brackets_or_an_invisible_character_finds_its_unit() {
    use exemplar::domain::between_rounds::resource_paste::read_pasted;
    use exemplar::domain::roster::{self, UnitInput};
    let mut st = city();
    // A name copied from a web page carries a zero-width space: kept without it, and
    // the same name typed plainly is refused as a second unit.
    let input = UnitInput {
        name: "市税务局\u{200b}(第二)党支部\u{feff}".into(),
        ..UnitInput::blank(2026)
    };
    let id = roster::add_unit(&mut st, &input, NOW).expect("added");
    let kept = st.units.iter().find(|u| u.id == id).expect("unit");
    assert_eq!(kept.name, "市税务局(第二)党支部");
    let again = UnitInput {
        name: "市税务局（第二）党支部".into(),
        ..UnitInput::blank(2026)
    };
    assert!(matches!(
        roster::add_unit(&mut st.clone(), &again, NOW),
        Err(roster::RosterError::DuplicateName(_))
    ));
    // 保障投入 pasted from a sheet that writes the brackets full-width, with a space.
    let row = "市税务局（第二） 党支部\t2\t1\t1\t1\t有";
    let plan = read_pasted(&st, 2026, row, NOW).expect("read");
    assert_eq!(plan.entries[0].draft.unit_id, id);
    // A 名册外 partner typed as a roster unit's name, brackets aside, is still that unit.
    let mut outside = pair("a", None);
    outside.partner_name = "乙支部\u{200b}".into();
    assert_eq!(
        pairing::add(&mut st, outside, NOW),
        Err(BetweenRoundsError::PartnerOnRoster("乙支部".into()))
    );
}

#[test]
fn progress_before_the_unit_entered_or_too_long_is_refused_and_changes_nothing() {
    let mut st = city();
    let entered = st.units[0].entered_year;
    let id = rectification::add(&mut st, item("a", "2026-12-31"), NOW).unwrap();
    let before = st.clone();
    let early = format!("{}-12-31", entered - 1);
    assert_eq!(
        rectification::add_progress(&mut st, &id, &early, "已整改", NOW),
        Err(BetweenRoundsError::ProgressBeforeEntry {
            unit: "甲支部".into(),
            date: early,
            entered,
        })
    );
    let long = "字".repeat(501);
    assert_eq!(
        rectification::add_progress(&mut st, &id, "2026-06-30", &long, NOW),
        Err(BetweenRoundsError::TooLong {
            what: "进展情况",
            count: 501,
            most: 500,
        })
    );
    assert!(rectification::close(&mut st, &id, "2026-06-30", &long, NOW).is_err());
    assert_eq!(st, before);
    let first = format!("{entered}-01-01");
    rectification::add_progress(&mut st, &id, &first, &"字".repeat(500), NOW).expect("taken");
}

/// A clerk's review: a 5,071-character 督导 finding made an item whose description
/// filled the 整改 list and the item's heading.
#[test]
fn an_item_description_over_the_limit_is_refused_and_a_long_one_is_headed_short() {
    let mut st = city();
    let before = st.clone();
    let mut long = item("a", "2026-12-31");
    long.description = "台账不全".repeat(126); // 504 characters
    assert_eq!(
        rectification::add(&mut st, long.clone(), NOW),
        Err(BetweenRoundsError::TooLong {
            what: "问题描述",
            count: 504,
            most: 500,
        })
    );
    // Nor made from a visit's finding in one step.
    let g = guidance::add(&mut st, visit(&["a"], "2026-06-01"), NOW).unwrap();
    let with_visit = st.clone();
    assert!(matches!(
        guidance::finding_to_item(&mut st, &g, long.clone(), NOW),
        Err(BetweenRoundsError::TooLong { count: 504, .. })
    ));
    assert_eq!(st, with_visit);
    st = before;
    long.description = "台账不全".repeat(125); // 500: taken
    let id = rectification::add(&mut st, long, NOW).expect("taken");
    let r = st.rectifications.iter().find(|r| r.id == id).unwrap();
    let (heading, cut) = rectification::heading_of(&r.description);
    assert!(cut);
    assert_eq!(heading, format!("{}…", "台账不全".repeat(10)));
    assert_eq!(
        rectification::heading_of(" 台账不全 "),
        ("台账不全".to_string(), false)
    );
    let forty = "字".repeat(40);
    assert_eq!(rectification::heading_of(&forty), (forty.clone(), false));
}

/// A clerk's review: the same 整改进展 recorded twice (a double click) could not be
/// removed and went to the committee twice.
#[test]
fn the_same_progress_line_is_not_recorded_twice() {
    let mut st = city();
    let id = rectification::add(&mut st, item("a", "2026-12-31"), NOW).unwrap();
    rectification::add_progress(&mut st, &id, "2026-06-01", "已向系统内3个支部介绍做法", NOW)
        .unwrap();
    let before = st.clone();
    let again = rectification::add_progress(
        &mut st,
        &id,
        " 2026-06-01 ",
        " 已向系统内3个支部介绍做法 ",
        NOW,
    );
    assert_eq!(
        again,
        Err(BetweenRoundsError::DuplicateProgress {
            date: "2026-06-01".into(),
            note: "已向系统内3个支部介绍做法".into(),
        })
    );
    assert_eq!(
        again.unwrap_err().to_string(),
        "2026-06-01的进展「已向系统内3个支部介绍做法」已经记录过，不重复记录；如是另一项进展，请在内容中写明区别"
    );
    assert_eq!(st, before, "nothing changed");
    // Another day, or other words, is another line.
    rectification::add_progress(&mut st, &id, "2026-06-02", "已向系统内3个支部介绍做法", NOW)
        .expect("another day");
    rectification::add_progress(&mut st, &id, "2026-06-01", "已向系统内4个支部介绍做法", NOW)
        .expect("other words");
    assert_eq!(st.rectifications[0].progress.len(), 3);
}

/// A clerk's review: 修改整改事项 left open while 标记已完成 was clicked (or another
/// window saved the item) put the old status back on saving, or was refused whole and
/// "再点一次" did. The fields the form left alone now keep the stored values.
#[test]
fn an_edit_from_an_older_form_keeps_what_it_left_alone() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-09-30"), NOW).unwrap();
    let opened = RectificationDraft::from_item(&st.rectifications[0]);
    // Meanwhile: progress, 标记已完成 and a new description elsewhere.
    rectification::add_progress(&mut st, &x, "2026-07-01", "台账已补齐", NOW).unwrap();
    rectification::report_done(&mut st, &x, NOW).unwrap();
    st.rectifications[0].description = "结对活动偏少，记录不全".into();
    // This form changed only the owner.
    let mut mine = opened.clone();
    mine.owner = "李书记".into();
    assert!(rectification::edit_conflicts(&st, &x, &opened, &mine).is_empty());
    rectification::edit_from(&mut st, &x, &opened, mine.clone(), NOW).unwrap();
    let r = &st.rectifications[0];
    assert_eq!(r.owner, "李书记");
    assert_eq!(r.status, RectificationStatus::Done, "标记已完成 kept");
    assert_eq!(r.description, "结对活动偏少，记录不全");
    // Both changed the description differently: named.
    let opened = RectificationDraft::from_item(&st.rectifications[0]);
    st.rectifications[0].description = "窗口甲的描述".into();
    let mut mine = opened.clone();
    mine.description = "窗口乙的描述".into();
    let said: Vec<String> = rectification::edit_conflicts(&st, &x, &opened, &mine)
        .iter()
        .map(|c| c.said())
        .collect();
    assert_eq!(
        said,
        ["「问题描述」已被改为“窗口甲的描述”（本窗口填的是“窗口乙的描述”）"]
    );
    // Saved anyway: this form's value for the field both changed.
    rectification::edit_from(&mut st, &x, &opened, mine, NOW).unwrap();
    assert_eq!(st.rectifications[0].description, "窗口乙的描述");
}

/// 修改督导记录 open in two windows: each keeps the field the other saved.
#[test]
fn a_visit_edit_from_an_older_form_keeps_what_it_left_alone() {
    let mut st = city();
    let x = guidance::add(&mut st, visit(&["a"], "2026-06-01"), NOW).unwrap();
    let stored = |st: &AppState| {
        st.guidance_visits
            .iter()
            .find(|v| v.id == x)
            .unwrap()
            .clone()
    };
    let opened = VisitDraft::from_visit(&stored(&st));
    let mut theirs = opened.clone();
    theirs.follow_up = "已督促整改".into();
    guidance::edit(&mut st, &x, theirs, NOW).unwrap();
    let mut mine = opened.clone();
    mine.findings = "台账不全，记录缺页".into();
    assert!(guidance::edit_conflicts(&st, &x, &opened, &mine).is_empty());
    guidance::edit_from(&mut st, &x, &opened, mine, NOW).unwrap();
    let v = stored(&st);
    assert_eq!(v.findings, "台账不全，记录缺页");
    assert_eq!(v.follow_up, "已督促整改", "the other window's change kept");
    // Both changed the 跟进情况: named with both values.
    let opened = VisitDraft::from_visit(&v);
    let mut theirs = opened.clone();
    theirs.follow_up = "甲".into();
    guidance::edit(&mut st, &x, theirs, NOW).unwrap();
    let mut mine = opened.clone();
    mine.follow_up = "乙".into();
    let said: Vec<String> = guidance::edit_conflicts(&st, &x, &opened, &mine)
        .iter()
        .map(|c| c.said())
        .collect();
    assert_eq!(said, ["「跟进情况」已被改为“甲”（本窗口填的是“乙”）"]);
}

/// A clerk's review: 修改结对 open in two windows; the second save ("再点一次") put
/// back the 结对单位进展 the other window had saved, a field it never touched.
#[test]
fn a_pairing_edit_from_an_older_form_keeps_what_it_left_alone() {
    let mut st = city();
    let x = pairing::add(&mut st, pair("a", Some("c")), NOW).unwrap();
    let opened = PairingDraft::from_pairing(&st.pairings[0]);
    // Another window: the partner's progress.
    let mut theirs = opened.clone();
    theirs.partner_progress = "已建立台账".into();
    pairing::edit(&mut st, &x, theirs, NOW).unwrap();
    // This form: the goals only.
    let mut mine = opened.clone();
    mine.goals = "共建共学、互学互促".into();
    assert!(pairing::edit_conflicts(&st, &x, &opened, &mine).is_empty());
    pairing::edit_from(&mut st, &x, &opened, mine, NOW).unwrap();
    let p = &st.pairings[0];
    assert_eq!(p.goals, "共建共学、互学互促");
    assert_eq!(
        p.partner_progress, "已建立台账",
        "the other window's change kept"
    );
    assert_eq!(p.partner_unit_id.as_deref(), Some("c"));
    // Both changed the partner: named by the units' names.
    let opened = PairingDraft::from_pairing(&st.pairings[0]);
    let mut theirs = opened.clone();
    theirs.partner_unit_id = Some("b".into());
    pairing::edit(&mut st, &x, theirs, NOW).unwrap();
    let mut mine = opened.clone();
    mine.partner_unit_id = None;
    mine.partner_name = "市档案馆机关党支部".into();
    let said: Vec<String> = pairing::edit_conflicts(&st, &x, &opened, &mine)
        .iter()
        .map(|c| c.said())
        .collect();
    let b = st.unit("b").unwrap().name.clone();
    assert_eq!(
        said,
        [format!(
            "「结对单位（名册内）」已被改为“{b}”（本窗口填的是“名册外：市档案馆机关党支部”）"
        )]
    );
    // Ended here, left alone there: the end date travels with the status.
    let opened = PairingDraft::from_pairing(&st.pairings[0]);
    let mut mine = opened.clone();
    mine.status = PairingStatus::Ended;
    mine.ended_on = "2026-05-30".into();
    pairing::edit_from(&mut st, &x, &opened, mine, NOW).unwrap();
    assert_eq!(st.pairings[0].status, PairingStatus::Ended);
    assert_eq!(st.pairings[0].ended_on.as_deref(), Some("2026-05-30"));
    assert_eq!(st.pairings[0].partner_unit_id.as_deref(), Some("b"));
}

/// Left alone last session: a 摘牌 unit's open items went on counting as 逾期整改 on
/// 概览, in 报表 and the 通报, years after it left. A unit that has left owes nothing
/// more; its items stay on record, but not overdue.
#[test]
fn a_unit_that_has_left_owes_nothing_overdue() {
    let mut st = city();
    let x = rectification::add(&mut st, item("a", "2026-03-31"), NOW).unwrap();
    let day = "2026-07-01";
    assert_eq!(rectification::overdue(&st, day).len(), 1);
    assert_eq!(rectification::unit_open_counts(&st, "a", day), (1, 1));
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "a") {
        u.status = UnitStatus::Delisted;
    }
    let r = st.rectifications.iter().find(|r| r.id == x).unwrap();
    assert!(
        rectification::is_overdue(r, day),
        "past its deadline all the same"
    );
    assert!(rectification::unit_left_by(&st, r, day));
    assert!(!rectification::is_overdue_in(&st, r, day));
    assert!(rectification::overdue(&st, day).is_empty());
    assert_eq!(rectification::unit_open_counts(&st, "a", day), (1, 0));
    let only_late = rectification::RectificationFilter {
        overdue_only: true,
        ..Default::default()
    };
    assert!(rectification::filtered(&st, &only_late, day).is_empty());
}

/// A clerk's review: a unit 摘牌 with an item open, selected again (入选培育) in
/// November, brought that item back into 报表's and the 通报's 逾期 figure as 174 days
/// overdue. An item of its earlier spell is not counted; one raised since is.
#[test]
fn an_item_of_a_units_earlier_spell_is_not_overdue_after_it_comes_back() {
    let mut st = city();
    let old = rectification::add(&mut st, item("a", "2026-06-15"), NOW).unwrap();
    let new = rectification::add(&mut st, item("a", "2026-11-30"), NOW).unwrap();
    for (id, opened) in [(&old, "2026-03-01"), (&new, "2026-11-10")] {
        if let Some(r) = st.rectifications.iter_mut().find(|r| &r.id == id) {
            r.opened_on = opened.into();
        }
    }
    if let Some(u) = st.units.iter_mut().find(|u| u.id == "a") {
        u.status = UnitStatus::Candidate;
        u.history = vec![
            StatusChange {
                date: "2026-07-20".into(),
                from: UnitStatus::Named,
                to: UnitStatus::Delisted,
                reason: "警示期间考评仍不合格".into(),
                doc_no: String::new(),
            },
            StatusChange {
                date: "2026-11-04".into(),
                from: UnitStatus::Delisted,
                to: UnitStatus::Candidate,
                reason: "重新申报，入选培育".into(),
                doc_no: String::new(),
            },
        ];
    }
    let day = "2026-12-06";
    let late: Vec<&str> = rectification::overdue(&st, day)
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(late, vec![new.as_str()]);
    assert_eq!(rectification::unit_open_counts(&st, "a", day), (2, 1));
    // Before it left, the old item was overdue like any other.
    let r = st.rectifications.iter().find(|r| r.id == old).unwrap();
    assert!(rectification::is_overdue_in(&st, r, "2026-07-01"));
    // Said beside the item now that the unit is back (a clerk's review: 逾期0项 beside
    // an item six months past due); not while it was away, nor of the item raised since.
    assert!(rectification::owed_in_earlier_spell(&st, r, day));
    assert!(!rectification::owed_in_earlier_spell(&st, r, "2026-07-01"));
    assert!(!rectification::owed_in_earlier_spell(&st, r, "2026-09-01"));
    let r_new = st.rectifications.iter().find(|r| r.id == new).unwrap();
    assert!(!rectification::owed_in_earlier_spell(&st, r_new, day));
}

/// Left alone last session: a refused 保障投入 marked no field, its labels carrying the
/// unit (活动经费（万元）) where the check names the figure alone (活动经费).
#[test]
fn a_refused_resource_entry_names_the_fields_of_its_form() {
    use exemplar::domain::between_rounds::resources::{
        ACTIVITY_FUNDS_LABEL, PARTY_FUNDS_LABEL, PREMISES_AREA_LABEL, PREMISES_LABEL, STAFF_LABEL,
        YEAR_LABEL,
    };
    use exemplar::domain::between_rounds::UNIT_FIELD;
    use exemplar::domain::problems::FieldsAt;
    let mut st = city();
    let before = st.clone();
    // Two figures wrong: both, by their labels, in the form's order.
    let d = ResourceDraft {
        activity_funds: "三万".into(),
        staff: "两人".into(),
        ..money("a", 2026, "5")
    };
    let err = resources::save(&mut st, None, d, NOW).unwrap_err();
    assert_eq!(err.fields(), [ACTIVITY_FUNDS_LABEL, STAFF_LABEL], "{err:?}");
    // A sum in 元 over the limit: its field.
    let err = resources::save(&mut st, None, money("a", 2026, "250000元"), NOW).unwrap_err();
    assert_eq!(err.fields(), [PARTY_FUNDS_LABEL], "{err:?}");
    // The year, and nothing typed.
    let err = resources::save(&mut st, None, money("a", 2031, "5"), NOW).unwrap_err();
    assert_eq!(err.fields(), [YEAR_LABEL], "{err:?}");
    let nothing = ResourceDraft {
        activity_funds: String::new(),
        staff: String::new(),
        part_time_staff: String::new(),
        premises: false,
        premises_area: String::new(),
        ..money("a", 2026, "")
    };
    let err = resources::save(&mut st, None, nothing, NOW).unwrap_err();
    assert_eq!(err.fields(), [PARTY_FUNDS_LABEL], "{err:?}");
    // An area beside 无: both fields.
    let d = ResourceDraft {
        premises: false,
        premises_area: "80".into(),
        ..money("a", 2026, "5")
    };
    let err = resources::save(&mut st, None, d, NOW).unwrap_err();
    assert_eq!(
        err.fields(),
        [PREMISES_LABEL, PREMISES_AREA_LABEL],
        "{err:?}"
    );
    assert_eq!(st, before);
    // A second entry for the unit and year: the unit and the year.
    resources::save(&mut st, None, money("a", 2026, "5"), NOW).expect("first");
    let err = resources::save(&mut st, None, money("a", 2026, "6"), NOW).unwrap_err();
    assert_eq!(err.fields(), [UNIT_FIELD, YEAR_LABEL], "{err:?}");
}

/// Left alone last session and a clerk's review: a pairing refused for its partner
/// (itself, paired already, a roster unit typed as outside, no name) marked nothing.
#[test]
fn a_refused_pairing_names_its_partner_field() {
    use exemplar::domain::between_rounds::pairing::{OUTSIDE_NAME_LABEL, PARTNER_LABEL};
    use exemplar::domain::problems::FieldsAt;
    let mut st = city();
    let err = pairing::add(&mut st, pair("a", Some("a")), NOW).unwrap_err();
    assert_eq!(err.fields(), [PARTNER_LABEL], "{err:?}");
    let mut unnamed = pair("a", None);
    unnamed.partner_name = " ".into();
    let err = pairing::add(&mut st, unnamed, NOW).unwrap_err();
    assert_eq!(err.fields(), [OUTSIDE_NAME_LABEL], "{err:?}");
    assert!(err.to_string().contains(OUTSIDE_NAME_LABEL), "{err}");
    pairing::add(&mut st, pair("a", Some("b")), NOW).expect("first");
    let err = pairing::add(&mut st, pair("a", Some("b")), NOW).unwrap_err();
    assert_eq!(err.fields(), [PARTNER_LABEL], "{err:?}");
}

/// A clerk's review: the deadline was moved on the day it was typed (its note dated
/// then), after the unit's real progress; 销号 on the day before was refused as earlier
/// than the latest 整改进展. The deadline's note is the record of a decision, not work.
#[test]
fn a_moved_deadline_does_not_hold_the_closure_back() {
    let mut st = city();
    let x = rectification::add(
        &mut st,
        item("a", "2026-06-20"),
        "2026-06-01T09:00:00+08:00",
    )
    .unwrap();
    rectification::add_progress(&mut st, &x, "2026-06-25", "已补录台账", NOW).unwrap();
    let mut later = item("a", "2026-09-30");
    later.status = st.rectifications[0].status;
    rectification::edit(&mut st, &x, later, NOW).unwrap();
    assert!(
        st.rectifications[0]
            .progress
            .iter()
            .any(|n| n.kind == NoteKind::Deadline && n.date == "2026-07-01"),
        "{:?}",
        st.rectifications[0].progress
    );
    // Before the unit's own progress: still refused.
    assert!(matches!(
        rectification::close(&mut st.clone(), &x, "2026-06-24", "已核验", NOW),
        Err(BetweenRoundsError::ClosedBeforeProgress { .. })
    ));
    rectification::close(&mut st, &x, "2026-06-28", "已核验", NOW).unwrap();
    assert_eq!(st.rectifications[0].status, RectificationStatus::Closed);
}

/// A clerk's review: 2025's 登记保障投入 opened on a unit that entered in 2026, and saving
/// was refused. A new entry starts on a unit in the programme that year, or on none.
#[test]
fn a_new_entry_for_a_past_year_starts_on_a_unit_that_owes_one() {
    let st = exemplar::domain::sample::sample_city(2026);
    for year in [2025u16, 2026] {
        let owed = resources::units_without_entry(&st, year);
        let id = resources::next_unit_without_entry(&st, year).expect("units in the programme");
        let name = &st.unit(id).expect("held").name;
        assert!(
            owed.is_empty() || owed.contains(name),
            "{year}: {name} owes none while {owed:?} do"
        );
    }
    let later = st
        .units
        .iter()
        .find(|u| u.entered_year == 2026)
        .expect("the sample has a unit that entered in 2026");
    assert_ne!(
        resources::next_unit_without_entry(&st, 2025),
        Some(&later.id)
    );
}

/// A clerk's review: the printed 保障投入 comparison listed a 摘牌 and a 退出 unit
/// unmarked among the 40, so its reader could not tell they were no longer sites.
#[test]
fn the_resource_comparison_marks_a_unit_that_had_left_by_the_years_end() {
    let mut st = city();
    let (id, name) = (st.units[0].id.clone(), st.units[0].name.clone());
    st.units[0].status = UnitStatus::Withdrawn;
    st.units[0].history.push(StatusChange {
        date: "2026-03-12".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Withdrawn,
        reason: "单位撤并".into(),
        doc_no: String::new(),
    });
    let label = |year: u16, today: &str| resources::unit_label_in_year(&st, &id, year, today);
    assert_eq!(label(2026, "2026-12-06"), format!("{name}（已退出）"));
    assert_eq!(
        label(2025, "2026-12-06"),
        name,
        "still a site at the end of 2025"
    );
    assert_eq!(
        label(2026, "2026-03-01"),
        name,
        "not yet left on the day read"
    );
    let other = st.units[1].id.clone();
    assert_eq!(
        resources::unit_label_in_year(&st, &other, 2026, "2026-12-06"),
        st.units[1].name
    );
    // The table copied back into 从表格粘贴 (its marked name too) is read as drawn.
    use exemplar::domain::between_rounds::resource_paste::read_pasted;
    let table = format!(
        "单位\t党建工作经费（万元）\t活动经费（万元）\t专职党务干部\t兼职党务干部\t阵地\t备注\n{}\t2\t1\t0\t1\t无\t",
        label(2026, "2026-12-06")
    );
    let plan = read_pasted(&st, 2026, &table, NOW).expect("the marked name is the unit");
    assert_eq!(plan.entries.len(), 1);
    assert_eq!(plan.entries[0].draft.unit_id, id);
}
