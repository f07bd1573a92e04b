use super::*;

fn draft(name: &str) -> ApplicationDraft {
    ApplicationDraft {
        org_name: name.to_string(),
        sector: "综合管理系统".to_string(),
        org_type: OrgType::Branch,
        applied_on: "2026-03-01".to_string(),
        basis: "阵地齐全，制度健全".to_string(),
        plans: "打造“红色档案”品牌".to_string(),
        leader: "王芳".to_string(),
        contact: "13800000000".to_string(),
    }
}

fn rating() -> Rating {
    Rating {
        foundation: 4,
        potential: 5,
        willingness: 3,
        note: "基础扎实".to_string(),
    }
}

fn decision(d: ApplicationDecision) -> Decision {
    Decision {
        decision: d,
        date: "2026-04-10".to_string(),
        doc_no: "市直工委〔2026〕12号".to_string(),
        note: "三项标准均达到".to_string(),
    }
}

const NOW: &str = "2026-04-10T08:00:00Z";

#[test]
fn accepted_application_enters_the_roster_as_candidate_with_history() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("市档案馆党支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert_eq!(st.units.len(), 1);
    let u = &st.units[0];
    assert_eq!(u.name, "市档案馆党支部");
    assert_eq!(u.status, UnitStatus::Candidate);
    assert_eq!(u.entered_year, 2026);
    assert_eq!(u.leader, "王芳");
    assert_eq!(u.history.len(), 1);
    assert_eq!(u.history[0].date, "2026-04-10");
    assert_eq!(u.history[0].doc_no, "市直工委〔2026〕12号");
    assert!(u.history[0].reason.contains("入选培育"));
    let a = &st.applications[0];
    assert_eq!(a.decision, ApplicationDecision::Accepted);
    assert_eq!(a.unit_id.as_deref(), Some(u.id.as_str()));
    assert_eq!(a.decided_on.as_deref(), Some("2026-04-10"));
    // Final: cannot be rated or decided again.
    assert!(matches!(
        rate(&mut st, &id, &rating(), NOW),
        Err(ApplicationError::Final(..))
    ));
    // With its 文号 and no 决定说明: the history says 申报遴选入选培育.
    // A name pasted with a zero-width space is kept without it.
    let other = add(&mut st, draft("市方志办\u{200b}党支部"), NOW).unwrap();
    rate(&mut st, &other, &rating(), NOW).unwrap();
    let mut d = decision(ApplicationDecision::Accepted);
    d.note.clear();
    decide(&mut st, &other, &d, NOW).unwrap();
    let u = st
        .units
        .iter()
        .find(|u| u.name == "市方志办党支部")
        .unwrap();
    assert_eq!(u.history[0].reason, "申报遴选入选培育");
}

#[test]
fn rejected_and_deferred_do_not_touch_the_roster() {
    let mut st = AppState::default();
    let a = add(&mut st, draft("甲支部"), NOW).unwrap();
    let b = add(&mut st, draft("乙支部"), NOW).unwrap();
    rate(&mut st, &a, &rating(), NOW).unwrap();
    rate(&mut st, &b, &rating(), NOW).unwrap();
    let mut no = decision(ApplicationDecision::Rejected);
    no.doc_no.clear(); // not needed for 不予入选
    decide(&mut st, &a, &no, NOW).unwrap();
    let mut later = decision(ApplicationDecision::Deferred);
    later.date = "2026-04-09".to_string();
    later.note = "明年再议".to_string();
    decide(&mut st, &b, &later, NOW).unwrap();
    assert!(st.units.is_empty());
    // 暂缓 can be decided again, not dated before the 暂缓; 不予入选 cannot. The 暂缓
    // is kept beside the decision.
    let mut early = decision(ApplicationDecision::Accepted);
    early.date = "2026-04-08".to_string();
    assert_eq!(
        decide(&mut st, &b, &early, NOW).map_err(|e| e.to_string()),
        Err("决定日期 2026-04-08 早于此前暂缓的日期 2026-04-09".to_string())
    );
    decide(&mut st, &b, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert_eq!(st.units.len(), 1);
    let kept = &st
        .applications
        .iter()
        .find(|x| x.id == b)
        .unwrap()
        .deferrals;
    assert_eq!(
        kept,
        &[Deferral {
            date: "2026-04-09".into(),
            doc_no: "市直工委〔2026〕12号".into(),
            note: "明年再议".into(),
        }]
    );
    assert!(decide(&mut st, &a, &decision(ApplicationDecision::Accepted), NOW).is_err());
    assert_eq!(counts(&st, None), [0, 1, 0, 1]);
}

#[test]
fn refusals_change_nothing() {
    let mut st = AppState::default();
    assert_eq!(
        add(&mut st, draft("  "), NOW),
        Err(ApplicationError::MissingName)
    );
    let mut both = draft(" ");
    both.applied_on = "昨天".to_string();
    assert_eq!(
        add(&mut st, both, NOW).map_err(|e| e.to_string()),
        Err(
            "请填写申报单位名称\n申报日期「昨天」格式不正确，应为“年-月-日”，如 2026-03-15"
                .to_string()
        )
    );
    let mut bad = draft("甲支部");
    bad.applied_on = "2026-02-30".to_string();
    assert!(matches!(
        add(&mut st, bad, NOW),
        Err(ApplicationError::BadDate(_))
    ));
    let mut blank = draft("甲支部");
    blank.applied_on = " ".to_string();
    assert_eq!(
        add(&mut st, blank, NOW).map_err(|e| e.to_string()),
        Err("请填写申报日期".to_string())
    );
    // Not a day that has not come (NOW is 2026-04-10; the day after is allowed for
    // a clerk east of Greenwich).
    let mut future = draft("甲支部");
    future.applied_on = "2026-04-12".to_string();
    assert_eq!(
        add(&mut st, future, NOW).map_err(|e| e.to_string()),
        Err("申报日期 2026-04-12 晚于今天，请核对年份和月份".to_string())
    );
    // Nor a slip of the year long before the programme (1990 for 2026), which would
    // start a year of its own in the 申报年度 filter.
    let mut early = draft("甲支部");
    early.applied_on = "1990-01-01".to_string();
    assert_eq!(
        add(&mut st, early, NOW).map_err(|e| e.to_string()),
        Err("申报日期 1990-01-01 早于 2000 年，请核对年份".to_string())
    );
    let id = add(&mut st, draft("甲支部"), NOW).unwrap();
    assert!(matches!(
        add(&mut st, draft("甲支部"), NOW),
        Err(ApplicationError::DuplicatePending(_))
    ));
    let before = st.clone();
    // Not rated yet.
    assert!(matches!(
        decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW),
        Err(ApplicationError::NotRated(_))
    ));
    let mut r = rating();
    r.potential = 0;
    assert!(matches!(
        rate(&mut st, &id, &r, NOW),
        Err(ApplicationError::MissingLevel(_, "后劲充足"))
    ));
    assert_eq!(st, before);
    rate(&mut st, &id, &rating(), NOW).unwrap();
    let rated = st.clone();
    let mut d = decision(ApplicationDecision::Accepted);
    d.doc_no = " ".to_string();
    assert!(matches!(
        decide(&mut st, &id, &d, NOW),
        Err(ApplicationError::MissingDocNo(_))
    ));
    let mut d = decision(ApplicationDecision::Accepted);
    d.date = "2026-02-01".to_string();
    assert!(matches!(
        decide(&mut st, &id, &d, NOW),
        Err(ApplicationError::DecidedBeforeApplied { .. })
    ));
    let mut d = decision(ApplicationDecision::Deferred);
    d.note.clear();
    assert!(matches!(
        decide(&mut st, &id, &d, NOW),
        Err(ApplicationError::MissingNote(_))
    ));
    let mut d = decision(ApplicationDecision::Rejected);
    d.date = "2030-01-01".to_string();
    assert_eq!(
        decide(&mut st, &id, &d, NOW).map_err(|e| e.to_string()),
        Err("决定日期 2030-01-01 晚于今天，请核对年份和月份".to_string())
    );
    // Everything missing at once is said at once, in the form's order.
    let blank = Decision {
        decision: ApplicationDecision::Pending,
        date: "2026-4-1".to_string(),
        doc_no: String::new(),
        note: " ".to_string(),
    };
    let err = decide(&mut st, &id, &blank, NOW).unwrap_err();
    assert_eq!(
        err.to_string(),
        "请选择遴选结果（入选培育、暂缓或不予入选）\n决定日期「2026-4-1」格式不正确，应为“年-月-日”，如 2026-03-15\n请填写「甲支部」的决定说明"
    );
    let mut d = decision(ApplicationDecision::Accepted);
    d.doc_no.clear();
    d.note.clear();
    // 入选培育 rests on its 文号: the 决定说明 may be left empty, the 文号 not.
    assert!(matches!(
        decide(&mut st, &id, &d, NOW),
        Err(ApplicationError::MissingDocNo(_))
    ));
    assert_eq!(st, rated);
}

#[test]
fn a_unit_in_the_programme_cannot_apply_but_a_delisted_one_comes_back() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("甲支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert!(matches!(
        add(&mut st, draft("甲支部"), NOW),
        Err(ApplicationError::AlreadyInProgramme(_, "创建中"))
    ));
    // Named once, withdrawn, then applies again: the same unit goes back to 创建中,
    // its old plaque kept on record (a past year's roster still shows it; the unit's
    // page says it is the former one).
    st.units[0].status = UnitStatus::Withdrawn;
    st.units[0].plaque_no = Some("SFD-2023-010".into());
    st.units[0].named_on = Some("2023-12-16".into());
    let mut again = draft("甲支部");
    again.applied_on = "2027-03-01".to_string();
    // Applying again with a new 责任人 and 联系方式 (the 系统/行业 as before): the roster
    // takes the application's where it differs.
    again.leader = "王五".to_string();
    again.contact = "13900000000".to_string();
    // A year on: the dates are in the past by then.
    let later = "2027-05-01T08:00:00Z";
    let id2 = add(&mut st, again, later).unwrap();
    rate(&mut st, &id2, &rating(), later).unwrap();
    let a2 = st
        .applications
        .iter()
        .find(|a| a.id == id2)
        .unwrap()
        .clone();
    let updates = roster_updates(&st, &a2);
    assert_eq!(org_type_kept(&st, &a2), None, "the same type");
    let mut other_type = a2.clone();
    other_type.org_type = OrgType::GeneralBranch;
    assert_eq!(
        org_type_kept(&st, &other_type),
        Some((st.units[0].org_type, OrgType::GeneralBranch))
    );
    assert_eq!(
        updates
            .iter()
            .map(|x| (x.field.label(), x.from.as_str(), x.to.as_str()))
            .collect::<Vec<_>>(),
        [
            ("责任人", "王芳", "王五"),
            ("联系方式", "13800000000", "13900000000")
        ]
    );
    let mut d = decision(ApplicationDecision::Accepted);
    d.date = "2027-04-01".to_string();
    d.doc_no = "市直工委〔2027〕5号".to_string();
    decide(&mut st, &id2, &d, later).unwrap();
    assert_eq!(st.units.len(), 1);
    let u = &st.units[0];
    assert_eq!(
        (u.leader.as_str(), u.contact.as_str()),
        ("王五", "13900000000")
    );
    assert_eq!(u.sector, "综合管理系统");
    assert_eq!(u.status, UnitStatus::Candidate);
    assert_eq!(u.history.len(), 2);
    assert_eq!(u.history[1].from, UnitStatus::Withdrawn);
    assert_eq!(u.history[1].date, "2027-04-01");
    assert_eq!(
        (u.plaque_no.as_deref(), u.named_on.as_deref()),
        (Some("SFD-2023-010"), Some("2023-12-16"))
    );
}

#[test]
fn accepted_cannot_be_deleted_and_list_puts_open_first() {
    let mut st = AppState::default();
    let a = add(&mut st, draft("甲支部"), NOW).unwrap();
    let mut late = draft("乙支部");
    late.applied_on = "2026-03-05".to_string();
    let b = add(&mut st, late, NOW).unwrap();
    let c = add(&mut st, draft("丙支部"), NOW).unwrap();
    rate(&mut st, &a, &rating(), NOW).unwrap();
    decide(&mut st, &a, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert!(matches!(
        delete(&mut st, &a),
        Err(ApplicationError::AcceptedCannotDelete(_))
    ));
    // Open ones first by application date (丙 03-01 before 乙 03-05), then decided.
    let order: Vec<String> = listed(&st, None).into_iter().map(|x| x.id).collect();
    assert_eq!(order, vec![c.clone(), b.clone(), a.clone()]);
    // One year's list (the printed 遴选名单 is of a year).
    let mut older = draft("丁支部");
    older.applied_on = "2025-09-01".to_string();
    let d = add(&mut st, older, NOW).unwrap();
    assert_eq!(years(&st), vec![2026, 2025]);
    let of = |y| -> Vec<String> { listed(&st, Some(y)).into_iter().map(|x| x.id).collect() };
    assert_eq!(of(2025), vec![d.clone()]);
    assert_eq!(of(2026), vec![c.clone(), b.clone(), a.clone()]);
    assert_eq!(counts(&st, Some(2025)), [1, 0, 0, 0]);
    assert_eq!(counts(&st, None), [3, 1, 0, 0]);
    delete(&mut st, &d).unwrap();
    delete(&mut st, &b).unwrap();
    assert_eq!(st.applications.len(), 2);
    assert_eq!(level_label(4), "较好");
    assert_eq!(level_label(0), "—");
}

#[test]
fn a_restored_file_with_a_bad_decision_date_is_refused() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("甲支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    decide(&mut st, &id, &decision(ApplicationDecision::Deferred), NOW).unwrap();
    assert_eq!(crate::domain::validate_state(&st), Ok(()));
    st.applications[0].decided_on = Some("2026/4/10".into());
    let errs = crate::domain::validate_state(&st).unwrap_err();
    assert_eq!(
        errs,
        vec![crate::domain::ValidationError::BadDate {
            what: "「甲支部」的申报".into(),
            value: "2026/4/10".into()
        }]
    );
}

#[test]
fn a_name_or_sector_too_long_for_the_roster_is_refused_at_registration() {
    let mut st = AppState::default();
    let long: String = "很".repeat(250);
    let err = add(&mut st, draft(&long), NOW).unwrap_err();
    assert!(
        err.to_string()
            .contains("申报单位名称有 250 个字，最多 200 个字"),
        "{err}"
    );
    let mut d = draft("市档案馆党支部");
    d.sector = "行".repeat(300);
    let err = add(&mut st, d, NOW).unwrap_err();
    assert!(err.to_string().contains("系统/行业有 300 个字"), "{err}");
    assert_eq!(st, AppState::default(), "nothing registered");
    // At the limit it is taken, and selection brings it onto the roster.
    let id = add(&mut st, draft(&"很".repeat(200)), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert_eq!(st.units.len(), 1);
    assert_eq!(crate::domain::validate_state(&st), Ok(()));
}

#[test]
fn a_second_application_after_a_refusal_the_same_year_is_flagged() {
    let mut st = AppState::default();
    let first = add(&mut st, draft("市档案馆党支部"), NOW).unwrap();
    rate(&mut st, &first, &rating(), NOW).unwrap();
    decide(
        &mut st,
        &first,
        &decision(ApplicationDecision::Rejected),
        NOW,
    )
    .unwrap();
    assert_eq!(refused_this_year(&st, &first), None, "not its own refusal");
    // The same organisation again the same year, spelt with a space.
    let again = add(&mut st, draft("市档案馆 党支部"), NOW).unwrap();
    assert_eq!(
        refused_this_year(&st, &again).as_deref(),
        Some("2026-04-10")
    );
    // Another year, or another organisation, is not flagged.
    st.applications.retain(|a| a.id != again);
    let mut last_year = draft("市档案馆党支部");
    last_year.applied_on = "2025-03-01".to_string();
    let earlier = add(&mut st, last_year, NOW).unwrap();
    assert_eq!(refused_this_year(&st, &earlier), None);
    let other = add(&mut st, draft("市图书馆党支部"), NOW).unwrap();
    assert_eq!(refused_this_year(&st, &other), None);
    assert_eq!(refused_this_year(&st, "no-such-id"), None);
}

#[test]
fn an_open_application_is_corrected_with_the_checks_of_a_new_one_and_keeps_its_rating() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("市档案馆党支布"), NOW).unwrap();
    let other = add(&mut st, draft("市统计局党支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    let before = st.clone();
    // Refused, changing nothing: no name, a date to come, another open application's
    // name.
    for (name, date) in [
        ("", "2026-03-01"),
        ("市档案馆党支部", "2026-05-01"),
        ("市统计局党支部", "2026-03-01"),
    ] {
        let mut d = draft(name);
        d.applied_on = date.into();
        assert!(edit(&mut st, &id, d, NOW).is_err(), "{name} {date}");
    }
    assert_eq!(st, before);
    // The name typed wrong is corrected: the rating stays.
    let mut d = draft(" 市档案馆党支部 ");
    d.leader = "李强".into();
    assert!(edit(&mut st, &id, d.clone(), NOW).unwrap());
    let a = st.applications.iter().find(|a| a.id == id).unwrap();
    assert_eq!(
        (a.org_name.as_str(), a.leader.as_str()),
        ("市档案馆党支部", "李强")
    );
    assert_eq!((a.foundation, a.potential, a.willingness), (4, 5, 3));
    assert!(a.meta.rev > before.applications[0].meta.rev);
    // Saved as it is: nothing changes.
    let same = st.clone();
    assert!(!edit(&mut st, &id, d.clone(), NOW).unwrap());
    assert_eq!(st, same);
    // After a 暂缓 on 2026-04-10 the application cannot be dated after it.
    decide(&mut st, &id, &decision(ApplicationDecision::Deferred), NOW).unwrap();
    let mut late = d.clone();
    late.applied_on = "2026-04-11".into();
    assert!(edit(&mut st, &id, late, "2026-05-01T08:00:00Z").is_err());
    // Once decided for good, it is not corrected here.
    rate(&mut st, &other, &rating(), NOW).unwrap();
    decide(
        &mut st,
        &other,
        &decision(ApplicationDecision::Rejected),
        NOW,
    )
    .unwrap();
    assert!(matches!(
        edit(&mut st, &other, draft("市统计局机关党支部"), NOW),
        Err(ApplicationError::Final(..))
    ));
    // A name that is a 摘牌 unit's links the application to it.
    let mut unit = crate::domain::sample::sample_city(2026).units[0].clone();
    unit.name = "市档案馆党支部".into();
    unit.status = UnitStatus::Delisted;
    let uid = unit.id.clone();
    st.units.push(unit);
    edit(&mut st, &id, d, NOW).unwrap();
    assert_eq!(
        st.applications
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .unit_id
            .as_deref(),
        Some(uid.as_str())
    );
}

#[test]
fn a_refused_application_names_the_fields_at_fault() {
    use crate::domain::problems::FieldsAt;
    let mut st = AppState::default();
    let mut d = draft("");
    d.applied_on = "2026-13-01".to_string();
    let e = add(&mut st, d, NOW).unwrap_err();
    assert_eq!(e.fields(), vec![labels::NAME, labels::APPLIED_ON]);
    assert!(st.applications.is_empty());

    let id = add(&mut st, draft("市档案馆党支部"), NOW).unwrap();
    let e = rate(
        &mut st,
        &id,
        &Rating {
            potential: 0,
            ..rating()
        },
        NOW,
    )
    .unwrap_err();
    assert_eq!(e.fields(), vec![STANDARDS[1]]);
    // Nothing chosen: all three said and marked.
    let e = rate(
        &mut st,
        &id,
        &Rating {
            foundation: 0,
            potential: 0,
            willingness: 0,
            ..rating()
        },
        NOW,
    )
    .unwrap_err();
    assert_eq!(e.fields(), STANDARDS.to_vec());
    assert_eq!(e.to_string().lines().count(), 3);

    rate(&mut st, &id, &rating(), NOW).unwrap();
    let mut d = decision(ApplicationDecision::Accepted);
    d.doc_no = " ".to_string();
    d.date = "2026-02-01".to_string();
    let e = decide(&mut st, &id, &d, NOW).unwrap_err();
    // The date is before the application, and 入选培育 has no 文号: the decision form
    // has no 申报日期, so it marks its 决定日期 and 决定文号.
    assert_eq!(
        e.fields(),
        vec![labels::APPLIED_ON, labels::DECIDED_ON, labels::DOC_NO]
    );
    let e = decide(
        &mut st,
        &id,
        &Decision {
            decision: ApplicationDecision::Pending,
            ..decision(ApplicationDecision::Accepted)
        },
        NOW,
    )
    .unwrap_err();
    assert_eq!(e.fields(), vec![labels::DECISION]);
}

#[test]
fn a_decision_says_every_problem_at_once() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("市档案馆党支部"), NOW).unwrap();
    let mut d = decision(ApplicationDecision::Accepted);
    d.doc_no = String::new();
    d.date = "2026-02-01".to_string();
    let e = decide(&mut st, &id, &d, NOW).unwrap_err();
    let said = e.to_string();
    assert_eq!(said.lines().count(), 3, "{said}");
}

/// A clerk's review: a 2026 decision under 〔2025〕9号 was saved unremarked, and the 通报
/// printed it beside the unit.
#[test]
fn a_decisions_doc_no_of_another_year_is_refused_and_nothing_changes() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("市体育局机关党支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    let before = st.clone();
    let mut d = decision(ApplicationDecision::Accepted);
    d.doc_no = "市直机关工委〔２０２５〕9号".into();
    let e = decide(&mut st, &id, &d, NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "决定文号「市直机关工委〔２０２５〕9号」的年份 2025 与决定日期 2026-04-10 不符：文号按发文的年份编号，请核对决定文号或决定日期"
    );
    assert_eq!(st, before);
    // A 文号 without a year in brackets is taken as it is.
    d.doc_no = "市直机关工委9号".into();
    decide(&mut st, &id, &d, NOW).unwrap();
    assert_eq!(st.units.len(), 1);
}

/// A clerk's review: the applicant was put on the roster by hand while its application
/// waited, and 入选培育 was then refused as 单位名称不能重复, which says nothing of what
/// to do. A site of that name is refused by what happened; one that left is brought back.
#[test]
fn an_applicant_put_on_the_roster_since_is_refused_by_what_happened() {
    let mut st = AppState::default();
    let id = add(&mut st, draft("乙支部"), NOW).unwrap();
    rate(&mut st, &id, &rating(), NOW).unwrap();
    let input = crate::domain::roster::UnitInput {
        name: "乙 支部".into(),
        sector: "综合管理系统".into(),
        org_type: OrgType::Branch,
        leader: String::new(),
        contact: String::new(),
        entered_year: "2022".into(),
        status: UnitStatus::Named,
    };
    crate::domain::roster::add_unit(&mut st, &input, NOW).unwrap();
    let before = st.clone();
    let e = decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW).unwrap_err();
    assert!(
        matches!(&e, ApplicationError::JoinedSince(_, "已授牌")),
        "{e}"
    );
    assert!(e.to_string().contains("请删除，或决定为“不予入选”"), "{e}");
    assert_eq!(st, before, "nothing changed");
    // 不予入选 still goes through.
    decide(&mut st, &id, &decision(ApplicationDecision::Rejected), NOW).unwrap();

    // One that left since: brought back as 创建中, as one linked at registration is.
    let mut st = before;
    st.units[0].status = UnitStatus::Withdrawn;
    decide(&mut st, &id, &decision(ApplicationDecision::Accepted), NOW).unwrap();
    assert_eq!(st.units.len(), 1);
    assert_eq!(st.units[0].status, UnitStatus::Candidate);
    assert_eq!(
        st.applications[0].unit_id.as_deref(),
        Some(st.units[0].id.as_str())
    );
}

#[test]
fn the_list_links_two_applications_of_one_organisation_in_a_year() {
    // A review: 不予入选 and a later 入选培育 of one unit printed as two rows with nothing
    // linking them.
    let mut st = AppState::default();
    let first = add(&mut st, draft("市档案馆党支部"), NOW).unwrap();
    rate(&mut st, &first, &rating(), NOW).unwrap();
    decide(
        &mut st,
        &first,
        &decision(ApplicationDecision::Rejected),
        NOW,
    )
    .unwrap();
    let again = add(&mut st, draft("市档案馆 党支部"), NOW).unwrap();
    let of = |st: &AppState, id: &str| {
        let a = st.applications.iter().find(|a| a.id == id).unwrap().clone();
        others_this_year(st, &a)
    };
    let applied = st.applications[0].applied_on.clone();
    assert_eq!(
        of(&st, &again),
        vec![format!(
            "同年另有一份申报（{applied} 申报）：2026-04-10 决定为“不予入选”"
        )]
    );
    assert_eq!(
        of(&st, &first),
        vec![format!("同年另有一份申报（{applied} 申报）：待遴选")]
    );
    let other = add(&mut st, draft("市图书馆党支部"), NOW).unwrap();
    assert!(of(&st, &other).is_empty());
}
