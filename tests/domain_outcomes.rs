//! The outcome library (`domain::outcomes`): the path from 登记 to 推介 with its
//! checks and history, undoing with a reason, the days from 反馈 to 推介, search,
//! filters, sorting, the CSV export and the views of a year.

use exemplar::domain::outcomes::*;
use exemplar::domain::sorting::TableSort;
use exemplar::domain::*;

const NOW: &str = "2026-12-01T08:00:00Z";

fn state() -> AppState {
    let mut s = AppState::default();
    for (id, name, sector) in [("u1", "甲支部", "教育系统"), ("u2", "乙支部", "经济系统")]
    {
        s.units.push(Unit {
            id: id.into(),
            name: name.into(),
            sector: sector.into(),
            org_type: OrgType::Branch,
            leader: String::new(),
            contact: String::new(),
            entered_year: 2025,
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
    s
}

fn input(unit: &str, title: &str, date: &str) -> OutcomeInput {
    OutcomeInput {
        unit_id: unit.into(),
        title: title.into(),
        date: date.into(),
        kind: OutcomeKind::Practice,
        innovations: vec![Innovation::Method],
        description: "做法与成效".into(),
        evidence: "工作台账，第3页，党建办公室\n\n 会议纪要 ".into(),
    }
}

fn file(d: &str) -> StepRequest {
    StepRequest::File {
        date: d.into(),
        filing_no: "备〔2026〕1号".into(),
    }
}
fn feedback(d: &str) -> StepRequest {
    StepRequest::Feedback {
        date: d.into(),
        text: "做法可复制".into(),
    }
}
fn recognise(d: &str) -> StepRequest {
    StepRequest::Recognise {
        date: d.into(),
        doc_no: "市直工委〔2026〕5号".into(),
    }
}
fn promote(d: &str) -> StepRequest {
    StepRequest::Promote { date: d.into() }
}

fn registered() -> (AppState, Id) {
    let mut s = state();
    let id = register_outcome(&mut s, &input("u1", "红色驿站工作法", "2026-03-01"), NOW)
        .expect("registers");
    (s, id)
}

fn get<'a>(s: &'a AppState, id: &str) -> &'a Outcome {
    s.outcomes.iter().find(|o| o.id == id).expect("outcome")
}

#[test]
fn registration_is_checked_and_recorded_with_who() {
    let mut s = state();
    assert_eq!(
        register_outcome(&mut s, &input("", "x", "2026-03-01"), NOW),
        Err(OutcomeError::NoUnitChosen)
    );
    assert_eq!(
        register_outcome(&mut s, &input("u9", "x", "2026-03-01"), NOW),
        Err(OutcomeError::NoUnit("u9".into()))
    );
    assert_eq!(
        register_outcome(&mut s, &input("u1", "  ", "2026-03-01"), NOW),
        Err(OutcomeError::NoTitle)
    );
    assert!(matches!(
        register_outcome(&mut s, &input("u1", "x", "2026-02-30"), NOW),
        Err(OutcomeError::BadDate { .. })
    ));
    // Left empty: asked for, not called wrong.
    assert_eq!(
        register_outcome(&mut s, &input("u1", "x", " "), NOW).map_err(|e| e.to_string()),
        Err("请填写成果日期".to_string())
    );
    // A year typed wrong (2062 for 2026) is a date that has not come yet.
    let err = register_outcome(&mut s, &input("u1", "x", "2062-05-01"), NOW).unwrap_err();
    assert_eq!(
        err.to_string(),
        "成果日期 2062-05-01 晚于今天，请核对年份和月份"
    );
    let err = register_outcome(&mut s, &input("u1", "x", "1900-01-01"), NOW).unwrap_err();
    assert_eq!(
        err.to_string(),
        "成果日期 1900-01-01 早于 1990 年，请核对年份"
    );
    // Before 1900 too: the year is the slip, not the way it is written.
    let err = register_outcome(&mut s, &input("u1", "x", "1899-01-01"), NOW).unwrap_err();
    assert_eq!(
        err.to_string(),
        "成果日期 1899-01-01 早于 1990 年，请核对年份"
    );
    // Several problems are named at once, in the form's order.
    let err = register_outcome(&mut s, &input("", " ", "2026-13-01"), NOW).unwrap_err();
    assert!(
        matches!(&err, OutcomeError::Several(v) if v.len() == 3),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "请选择成果所属的单位（名册中还没有单位的，请先在“单位”中添加）\n请填写成果名称\n成果日期“2026-13-01”不对，应为 年-月-日，例如 2026-05-01"
    );
    // The form marks the fields they are about, in its order.
    use exemplar::domain::problems::FieldsAt;
    assert_eq!(
        err.fields(),
        [labels::UNIT, labels::TITLE, labels::DATE],
        "{err:?}"
    );
    assert!(register_outcome(&mut s.clone(), &input("u1", "x", "2026-06-01"), NOW).is_ok());
    assert!(s.outcomes.is_empty());
    let (s, id) = registered();
    let o = get(&s, &id);
    assert_eq!(o.evidence, ["工作台账，第3页，党建办公室", "会议纪要"]);
    assert_eq!(stage(o), OutcomeStage::Registered);
    let h = history(&s, o);
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].what.as_str(), h[0].by.as_str()), ("登记", "工委"));
    assert_eq!(next_steps(o), [OutcomeStep::File]);
}

#[test]
fn the_whole_path_in_order_with_dates_and_history() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    take_step(&mut s, &id, &recognise("2026-04-01"), NOW).expect("认定");
    take_step(&mut s, &id, &promote("2026-04-10"), NOW).expect("本系统");
    take_step(&mut s, &id, &promote("2026-05-09"), NOW).expect("推介");
    let inc = StepRequest::Incentive {
        kind: IncentiveKind::Commendation,
        what: "市直机关优秀创新成果".into(),
        date: "2026-06-01".into(),
        doc_no: "市直工委〔2026〕9号".into(),
    };
    take_step(&mut s, &id, &inc, NOW).expect("表彰");
    let o = get(&s, &id);
    assert!(o.recognised);
    assert_eq!(o.promotion, PromotionStage::Municipal);
    assert_eq!(o.promoted_on.as_deref(), Some("2026-05-09"));
    assert_eq!(o.path.system_on.as_deref(), Some("2026-04-10"));
    assert_eq!(stage(o), OutcomeStage::Municipal);
    assert_eq!(days_feedback_to_promotion(o), Some(50));
    assert_eq!(o.meta.rev, 7);
    let whats: Vec<String> = history(&s, o).into_iter().map(|l| l.what).collect();
    assert_eq!(
        whats,
        [
            "登记",
            "备案",
            "反馈",
            "认定",
            "本系统推广",
            "市直机关推介",
            "表彰/奖励"
        ]
    );
    assert_eq!(
        take_step(&mut s, &id, &promote("2026-06-01"), NOW),
        Err(OutcomeError::TopStage("红色驿站工作法".into()))
    );
    assert!(next_steps(get(&s, &id)) == [OutcomeStep::Incentive]);
}

/// A clerk's review: a 本系统推广 dated before the 认定 entered earlier was listed after
/// it. The history reads by date, as a unit's 状态履历 does.
#[test]
fn the_history_reads_by_date_whatever_order_the_steps_were_entered() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    take_step(&mut s, &id, &recognise("2026-08-01"), NOW).expect("认定");
    take_step(&mut s, &id, &promote("2026-07-15"), NOW).expect("本系统");
    let lines: Vec<(String, String)> = history(&s, get(&s, &id))
        .into_iter()
        .map(|l| (l.date, l.what))
        .collect();
    let whats: Vec<&str> = lines.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        whats,
        ["登记", "备案", "反馈", "本系统推广", "认定"],
        "{lines:?}"
    );
}

#[test]
fn steps_out_of_order_are_refused_and_change_nothing() {
    let (mut s, id) = registered();
    let before = s.clone();
    for req in [
        feedback("2026-03-20"),
        recognise("2026-04-01"),
        promote("2026-04-01"),
    ] {
        assert!(matches!(
            take_step(&mut s, &id, &req, NOW),
            Err(OutcomeError::OutOfOrder { .. })
        ));
    }
    assert_eq!(s, before);
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    assert!(matches!(
        take_step(&mut s, &id, &file("2026-03-11"), NOW),
        Err(OutcomeError::AlreadyDone { .. })
    ));
    let e = take_step(&mut s, &id, &recognise("2026-04-01"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "成果「红色驿站工作法」尚未反馈，不能认定（顺序为 登记→备案→反馈→认定、推广）"
    );
}

#[test]
fn dates_before_registration_or_the_previous_step_are_refused() {
    let (mut s, id) = registered();
    let e = take_step(&mut s, &id, &file("2026-02-28"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "备案的日期 2026-02-28 早于成果日期 2026-03-01"
    );
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    let e = take_step(&mut s, &id, &feedback("2026-03-05"), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        "反馈的日期 2026-03-05 早于备案的日期 2026-03-10"
    );
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    take_step(&mut s, &id, &promote("2026-04-10"), NOW).expect("本系统");
    assert!(matches!(
        take_step(&mut s, &id, &promote("2026-04-09"), NOW),
        Err(OutcomeError::BeforePrevious { .. })
    ));
    // Editing the registration date past a step is refused too.
    let mut later = input("u1", "红色驿站工作法", "2026-03-15");
    assert!(matches!(
        edit_outcome(&mut s, &id, &later, NOW),
        Err(OutcomeError::RegistrationAfterStep { .. })
    ));
    later.date = "2026-03-02".into();
    edit_outcome(&mut s, &id, &later, NOW).expect("an earlier date is fine");
}

#[test]
fn with_the_clerks_local_date_tomorrow_is_refused_for_an_outcome_and_its_steps() {
    use exemplar::domain::dates::Now;
    let (mut s, id) = registered();
    let before = s.clone();
    // 07:30 on 12-02 in Beijing is still 12-01 in UTC: today is the 2nd, not the 3rd.
    let now = Now::at("2026-12-01T23:30:00.000Z", "2026-12-02");
    assert!(matches!(
        take_step(&mut s, &id, &file("2026-12-03"), &now),
        Err(OutcomeError::FutureDate { .. })
    ));
    assert!(matches!(
        register_outcome(&mut s, &input("u1", "社区议事会", "2026-12-03"), &now),
        Err(OutcomeError::FutureDate { .. })
    ));
    assert_eq!(s, before);
    take_step(&mut s, &id, &file("2026-12-02"), &now).expect("today in Beijing");
}

#[test]
fn steps_cannot_be_dated_after_today_and_a_handled_outcome_keeps_its_unit() {
    let (mut s, id) = registered();
    let before = s.clone();
    // NOW is 2026-12-01: a step in 2027 has not happened yet.
    let e = take_step(&mut s, &id, &file("2027-04-01"), NOW).unwrap_err();
    assert_eq!(
        e,
        OutcomeError::FutureDate {
            what: "备案日期".into(),
            value: "2027-04-01".into()
        }
    );
    assert_eq!(s, before);
    // Before any step the unit may still be corrected; after one it stays.
    edit_outcome(
        &mut s,
        &id,
        &input("u2", "红色驿站工作法", "2026-03-01"),
        NOW,
    )
    .expect("moved before the committee handled it");
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    let handled = s.clone();
    let e = edit_outcome(
        &mut s,
        &id,
        &input("u1", "红色驿站工作法", "2026-03-01"),
        NOW,
    )
    .unwrap_err();
    assert!(matches!(e, OutcomeError::UnitFixed(_)), "{e}");
    assert_eq!(s, handled);
    // A row pasted from Excel leaves no tabs in the title.
    edit_outcome(
        &mut s,
        &id,
        &input("u2", "红色驿站工作法\t2026-03-01\t", "2026-03-01"),
        NOW,
    )
    .expect("same unit");
    assert_eq!(get(&s, &id).title, "红色驿站工作法 2026-03-01");
}

#[test]
fn the_same_outcome_is_not_registered_twice() {
    let (mut s, _) = registered();
    let before = s.clone();
    let e =
        register_outcome(&mut s, &input("u1", " 红色驿站工作法 ", "2026-03-01"), NOW).unwrap_err();
    assert!(matches!(e, OutcomeError::AlreadyRegistered { .. }), "{e}");
    assert_eq!(s, before);
    // Another unit's, or another date's, is another outcome.
    register_outcome(&mut s, &input("u2", "红色驿站工作法", "2026-03-01"), NOW).expect("u2");
    let later =
        register_outcome(&mut s, &input("u1", "红色驿站工作法", "2026-04-01"), NOW).expect("later");
    // Nor renamed or re-dated into a twin; runs of spaces and tabs count as one space.
    let e = edit_outcome(
        &mut s,
        &later,
        &input("u1", "红色驿站工作法", "2026-03-01"),
        NOW,
    )
    .unwrap_err();
    assert!(matches!(e, OutcomeError::AlreadyRegistered { .. }), "{e}");
    let spaced = register_outcome(
        &mut s,
        &input("u1", "读书\t\t会制度  汇编", "2026-03-01"),
        NOW,
    )
    .expect("another outcome");
    assert_eq!(get(&s, &spaced).title, "读书 会制度 汇编");
    // Quoted one way or another, or spaced otherwise, it is the same name.
    for twin in ["读书会制度汇编", "“读书会”制度 汇编", "「读书会」制度汇编"]
    {
        let e = register_outcome(&mut s, &input("u1", twin, "2026-03-01"), NOW).unwrap_err();
        // Named as it is held, not as typed.
        assert!(
            matches!(&e, OutcomeError::AlreadyRegistered { title, .. } if title == "读书 会制度 汇编"),
            "{twin}: {e}"
        );
    }
    // The same name on another date is taken, and pointed out; another unit's is not.
    let note = namesake_note_of(&s, &later).expect("a namesake");
    assert!(
        note.contains("「红色驿站工作法」（成果日期 2026-03-01）"),
        "{note}"
    );
    assert!(note.contains("可能是同一项成果登记了两次"), "{note}");
    let u2 = s
        .outcomes
        .iter()
        .find(|o| o.unit_id == "u2")
        .map(|o| o.id.clone())
        .expect("u2's");
    assert_eq!(namesake_note_of(&s, &u2), None);
    assert_eq!(namesake_note_of(&s, &spaced), None);
    // A third: both earlier ones are named, and a title in 「」 is not bracketed twice.
    let third =
        register_outcome(&mut s, &input("u1", "红色驿站工作法", "2026-05-01"), NOW).expect("third");
    let note = namesake_note_of(&s, &third).expect("namesakes");
    assert!(
        note.contains("已有2项同名成果「红色驿站工作法」（成果日期 2026-03-01、2026-04-01）"),
        "{note}"
    );
    let quoted =
        register_outcome(&mut s, &input("u2", "「连心桥」工作法", "2026-03-01"), NOW).expect("q");
    register_outcome(&mut s, &input("u2", "「连心桥」工作法", "2026-03-02"), NOW).expect("q2");
    let note = namesake_note_of(&s, &quoted).expect("namesake");
    assert!(note.contains("同名成果「『连心桥』工作法」"), "{note}");
}

#[test]
fn recognition_needs_a_doc_no_and_an_innovation() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    let no_doc = StepRequest::Recognise {
        date: "2026-04-01".into(),
        doc_no: " ".into(),
    };
    let e = take_step(&mut s, &id, &no_doc, NOW).unwrap_err();
    assert_eq!(e, OutcomeError::NoDocNo);
    assert_eq!(e.to_string(), "认定须填写认定文件的文号");
    let mut plain = input("u1", "红色驿站工作法", "2026-03-01");
    plain.innovations.clear();
    edit_outcome(&mut s, &id, &plain, NOW).expect("edit");
    assert_eq!(
        take_step(&mut s, &id, &recognise("2026-04-01"), NOW),
        Err(OutcomeError::NoInnovation("红色驿站工作法".into()))
    );
    assert!(!get(&s, &id).recognised);
    // Filing needs its number, feedback its text.
    let (mut s, id) = registered();
    let e = take_step(
        &mut s,
        &id,
        &StepRequest::File {
            date: "2026-03-10".into(),
            filing_no: String::new(),
        },
        NOW,
    );
    assert_eq!(e, Err(OutcomeError::NoFilingNo));
}

#[test]
fn undoing_keeps_the_history_and_goes_back_one_step() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    take_step(&mut s, &id, &recognise("2026-04-01"), NOW).expect("认定");
    take_step(&mut s, &id, &promote("2026-04-10"), NOW).expect("本系统");
    take_step(&mut s, &id, &promote("2026-05-09"), NOW).expect("推介");
    let o = get(&s, &id);
    assert_eq!(
        undo_targets(o),
        [UndoTarget::Promote, UndoTarget::Recognise]
    );
    // Feedback cannot go while later steps stand.
    assert_eq!(
        undo_step(&mut s, &id, UndoTarget::Feedback, "2026-06-01", "错录", NOW),
        Err(OutcomeError::UndoBlocked {
            step: "反馈",
            later: "认定"
        })
    );
    assert_eq!(
        undo_step(&mut s, &id, UndoTarget::Recognise, "2026-06-01", " ", NOW),
        Err(OutcomeError::NoReason)
    );
    undo_step(
        &mut s,
        &id,
        UndoTarget::Recognise,
        "2026-06-01",
        "经复核不属于创新成果",
        NOW,
    )
    .expect("undo 认定");
    undo_step(
        &mut s,
        &id,
        UndoTarget::Promote,
        "2026-06-02",
        "推介材料撤回",
        NOW,
    )
    .expect("undo 推介");
    let o = get(&s, &id);
    assert!(!o.recognised);
    assert!(o.path.recognition_doc_no.is_empty());
    assert_eq!(o.promotion, PromotionStage::System);
    assert_eq!(o.promoted_on.as_deref(), Some("2026-04-10"));
    assert_eq!(days_feedback_to_promotion(o), None);
    let h = history(&s, o);
    assert_eq!(h.len(), 8);
    assert_eq!(h[6].what, "撤销认定");
    // The number of the recognition undone is said as such, not in the 文号 column as
    // if the withdrawal were issued under it (a clerk's review).
    assert_eq!(
        h[6].note,
        "经复核不属于创新成果（所撤销的为 市直工委〔2026〕5号）"
    );
    assert_eq!(h[6].doc_no, "");
    assert_eq!(h[3].doc_no, "市直工委〔2026〕5号");
    assert_eq!(h[3].what, "认定", "the recognition stays in the history");
    assert_eq!(h[7].what, "撤销市直机关推介");
    // It can be recognised again, and nothing left to undo is refused.
    take_step(&mut s, &id, &recognise("2026-06-03"), NOW).expect("认定 again");
    undo_step(&mut s, &id, UndoTarget::Promote, "2026-06-04", "撤回", NOW).expect("本系统");
    assert!(matches!(
        undo_step(&mut s, &id, UndoTarget::Promote, "2026-06-04", "撤回", NOW),
        Err(OutcomeError::NotDone { .. })
    ));
    assert_eq!(
        undo_step(
            &mut s,
            &id,
            UndoTarget::Incentive(0),
            "2026-06-04",
            "x",
            NOW
        ),
        Err(OutcomeError::NoSuchIncentive)
    );
}

#[test]
fn days_from_feedback_to_promotion() {
    let (mut s, id) = registered();
    assert_eq!(days_feedback_to_promotion(get(&s, &id)), None);
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    let later = "2027-02-01T08:00:00Z";
    take_step(&mut s, &id, &feedback("2026-12-20"), later).expect("反馈");
    take_step(&mut s, &id, &promote("2026-12-31"), later).expect("本系统");
    assert_eq!(
        days_feedback_to_promotion(get(&s, &id)),
        None,
        "not 推介 yet"
    );
    take_step(&mut s, &id, &promote("2027-02-01"), later).expect("推介");
    // 11 days of December + 31 of January + 1.
    assert_eq!(days_feedback_to_promotion(get(&s, &id)), Some(43));
    // Same day: 0. Older data with the stage but no feedback date: none.
    let o = get(&s, &id).clone();
    let mut same = o.clone();
    same.promoted_on = same.feedback_on.clone();
    assert_eq!(days_feedback_to_promotion(&same), Some(0));
    let mut old = o;
    old.feedback_on = None;
    assert_eq!(days_feedback_to_promotion(&old), None);
}

fn library() -> AppState {
    let mut s = state();
    let mut add = |unit: &str, title: &str, date: &str, kind, innov: Vec<Innovation>| {
        let mut i = input(unit, title, date);
        i.kind = kind;
        i.innovations = innov;
        register_outcome(&mut s, &i, NOW).expect("add")
    };
    let a = add(
        "u1",
        "红色驿站工作法",
        "2026-03-01",
        OutcomeKind::Practice,
        vec![Innovation::Method],
    );
    let b = add(
        "u2",
        "党员积分管理办法",
        "2025-05-01",
        OutcomeKind::Institutional,
        vec![Innovation::Institution],
    );
    let c = add(
        "u2",
        "品牌建设调研报告",
        "2026-01-15",
        OutcomeKind::Theoretical,
        vec![],
    );
    for (id, d, no) in [(&a, "2026-03", "1"), (&b, "2025-06", "2")] {
        let filed = StepRequest::File {
            date: format!("{d}-10"),
            filing_no: format!("备〔2026〕{no}号"),
        };
        take_step(&mut s, id, &filed, NOW).expect("备案");
        take_step(&mut s, id, &feedback(&format!("{d}-20")), NOW).expect("反馈");
    }
    take_step(&mut s, &a, &recognise("2026-04-01"), NOW).expect("认定");
    take_step(&mut s, &b, &promote("2025-07-01"), NOW).expect("本系统");
    take_step(&mut s, &b, &promote("2025-07-31"), NOW).expect("推介");
    let _ = c;
    s
}

fn titles(rows: &[OutcomeRow]) -> Vec<&str> {
    rows.iter().map(|r| r.title.as_str()).collect()
}

#[test]
fn search_and_every_filter() {
    let s = library();
    let f = |f: OutcomeFilter| {
        let mut rows = filter_outcomes(&s, &f);
        sort_outcome_rows(&mut rows, OutcomeSort::default());
        rows
    };
    let all = f(OutcomeFilter::default());
    assert_eq!(
        titles(&all),
        ["红色驿站工作法", "品牌建设调研报告", "党员积分管理办法"]
    );
    let q = |q: &str| {
        f(OutcomeFilter {
            query: q.into(),
            ..Default::default()
        })
    };
    assert_eq!(titles(&q("积分")), ["党员积分管理办法"]);
    assert_eq!(q("做法 成效").len(), 3, "the description is searched too");
    assert!(q("没有").is_empty());
    // The unit's name, the 备案编号 and the 认定文号 are searched too (a clerk's review:
    // a search for a unit or a filing number found nothing).
    assert_eq!(
        titles(&q("乙支部")),
        ["品牌建设调研报告", "党员积分管理办法"]
    );
    assert_eq!(titles(&q("备〔2026〕2号")), ["党员积分管理办法"]);
    assert_eq!(titles(&q("市直工委〔2026〕5号")), ["红色驿站工作法"]);
    let by_unit = f(OutcomeFilter {
        unit_id: Some("u2".into()),
        ..Default::default()
    });
    assert_eq!(by_unit.len(), 2);
    let by_sector = f(OutcomeFilter {
        sector: Some("教育系统".into()),
        ..Default::default()
    });
    assert_eq!(titles(&by_sector), ["红色驿站工作法"]);
    let by_year = f(OutcomeFilter {
        year: Some(2025),
        ..Default::default()
    });
    assert_eq!(titles(&by_year), ["党员积分管理办法"]);
    let by_kind = f(OutcomeFilter {
        kind: Some(OutcomeKind::Theoretical),
        ..Default::default()
    });
    assert_eq!(titles(&by_kind), ["品牌建设调研报告"]);
    let by_innov = f(OutcomeFilter {
        innovation: Some(Innovation::Method),
        ..Default::default()
    });
    assert_eq!(titles(&by_innov), ["红色驿站工作法"]);
    let by_stage = f(OutcomeFilter {
        stage: Some(OutcomeStage::Municipal),
        ..Default::default()
    });
    assert_eq!(titles(&by_stage), ["党员积分管理办法"]);
    assert_eq!(by_stage[0].days_to_promotion, Some(41));
    let registered = f(OutcomeFilter {
        stage: Some(OutcomeStage::Registered),
        ..Default::default()
    });
    assert_eq!(titles(&registered), ["品牌建设调研报告"]);
    let rec = f(OutcomeFilter {
        recognised: Some(true),
        ..Default::default()
    });
    assert_eq!(titles(&rec), ["红色驿站工作法"]);
    let not_rec = f(OutcomeFilter {
        recognised: Some(false),
        ..Default::default()
    });
    assert_eq!(not_rec.len(), 2);
    assert_eq!(count_line(3, 3), "共 3 项成果");
    assert_eq!(count_line(3, 1), "共 3 项成果，符合条件的 1 项");
    assert_eq!(outcome_years(&s), [2026, 2025]);
    assert_eq!(outcome_sectors(&s), ["教育系统", "经济系统"]);
}

#[test]
fn sorting_by_each_column() {
    let s = library();
    let sorted = |key, descending| {
        let mut rows = filter_outcomes(&s, &OutcomeFilter::default());
        sort_outcome_rows(&mut rows, OutcomeSort { key, descending });
        rows.into_iter().map(|r| r.title).collect::<Vec<_>>()
    };
    assert_eq!(
        sorted(OutcomeSortKey::Date, false),
        ["党员积分管理办法", "品牌建设调研报告", "红色驿站工作法"]
    );
    assert_eq!(
        sorted(OutcomeSortKey::Recognised, false)[0],
        "红色驿站工作法"
    );
    assert_eq!(sorted(OutcomeSortKey::Stage, true)[0], "党员积分管理办法");
    assert_eq!(sorted(OutcomeSortKey::Kind, false)[0], "红色驿站工作法");
    assert_eq!(sorted(OutcomeSortKey::Unit, false)[0], "品牌建设调研报告");
    // Days: the one with days first whichever way.
    assert_eq!(sorted(OutcomeSortKey::Days, false)[0], "党员积分管理办法");
    assert_eq!(sorted(OutcomeSortKey::Days, true)[0], "党员积分管理办法");
    let s0 = OutcomeSort::default();
    assert_eq!(s0.aria(OutcomeSortKey::Date), "descending");
    let s1 = s0.click(OutcomeSortKey::Title);
    assert_eq!((s1.key, s1.descending), (OutcomeSortKey::Title, false));
    assert!(s1.click(OutcomeSortKey::Title).descending);
}

#[test]
fn csv_has_bom_header_and_guards_formulas() {
    let mut s = library();
    s.outcomes[0].title = "=HYPERLINK(\"x\")".into();
    let rows = filter_outcomes(&s, &OutcomeFilter::default());
    let text = outcomes_csv(&s, &rows);
    // The columns of the year's 成果 workbook: the two exports say the same.
    assert!(text.starts_with(
        "\u{feff}单位,系统/行业,成果名称,类别,创新类型,日期,阶段,备案日期,备案编号,反馈日期,反馈意见,本系统推广日期,市直机关推介日期,认定为创新成果,认定日期,认定文号,反馈至推介天数,表彰/奖励\r\n"
    ));
    assert_eq!(text.matches("\r\n").count(), 4);
    assert!(text.contains(
        "甲支部,教育系统,\"'=HYPERLINK(\"\"x\"\")\",实践成果,方法创新,2026-03-01,已反馈,2026-03-10,备〔2026〕1号,2026-03-20,做法可复制,,,是,2026-04-01,市直工委〔2026〕5号,,\r\n"
    ));
    assert!(text.contains(
        "乙支部,经济系统,党员积分管理办法,制度成果,制度创新,2025-05-01,市直机关推介,2025-06-10,备〔2026〕2号,2025-06-20,做法可复制,2025-07-01,2025-07-31,否,,,41,\r\n"
    ));
    assert_eq!(
        outcomes_csv_name("20261201-1500"),
        "成果库-20261201-1500.csv"
    );
}

#[test]
fn year_views_and_the_innovation_basis() {
    let s = library();
    let rows = unit_outcomes_of_year(&s, "u2", 2026);
    assert_eq!(titles(&rows), ["品牌建设调研报告"]);
    let c = kind_stage_counts(&s, 2026, "2026-12-01");
    assert_eq!(c.total, 2);
    assert_eq!(c.recognised, 1);
    assert_eq!(c.rows[0], (OutcomeKind::Practice, [0, 0, 1, 0, 0], 1));
    assert_eq!(c.rows[2], (OutcomeKind::Theoretical, [1, 0, 0, 0, 0], 1));
    assert_eq!(c.by_stage, [1, 0, 1, 0, 0]);
    assert_eq!(
        innovation_basis(&s, "u1", 2026).as_deref(),
        Some("2026年度经认定的创新成果：「红色驿站工作法」（认定文号：市直工委〔2026〕5号，2026-04-01认定）")
    );
    assert_eq!(innovation_basis(&s, "u1", 2025), None);
    assert_eq!(innovation_basis(&s, "u2", 2026), None);
    // A title with its own corner brackets is quoted with the inner pair.
    assert_eq!(
        corner_quoted("「先锋领航」结对共建制度"),
        "「『先锋领航』结对共建制度」"
    );
    assert_eq!(corner_quoted("红色驿站工作法"), "「红色驿站工作法」");
}

#[test]
fn older_data_without_a_history_reads_from_its_dates() {
    let mut s = state();
    let mut o = {
        let id = register_outcome(&mut s, &input("u1", "旧成果", "2025-03-01"), NOW).expect("add");
        get(&s, &id).clone()
    };
    o.path = OutcomePath::default();
    o.filed_on = Some("2025-03-05".into());
    o.feedback_on = Some("2025-04-01".into());
    o.recognised = true;
    o.promotion = PromotionStage::System;
    o.promoted_on = Some("2025-05-01".into());
    let whats: Vec<String> = history(&s, &o).into_iter().map(|l| l.what).collect();
    assert_eq!(whats, ["登记", "备案", "反馈", "本系统推广", "认定"]);
    assert_eq!(history(&s, &o)[0].note, "据原有记录");
    // One a unit registered in its copy, imported without the committee's history:
    // registered by the unit, not 'from old records', on the outcome's date as every
    // registration is.
    let mut from_unit = o.clone();
    from_unit.filed_on = None;
    from_unit.feedback_on = None;
    from_unit.recognised = false;
    from_unit.promotion = PromotionStage::OwnUnit;
    from_unit.promoted_on = None;
    from_unit.meta.by = "u1".into();
    from_unit.meta.updated = "2026-11-20T08:00:00Z".into();
    let lines = history(&s, &from_unit);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (
            lines[0].date.as_str(),
            lines[0].what.as_str(),
            lines[0].note.as_str()
        ),
        ("2025-03-01", "登记", "单位登记，随报送文件交来")
    );
    // Filed by the committee: the registration line keeps saying whose it was.
    let mut filed = s.clone();
    *filed.outcomes = vec![from_unit.clone()];
    exemplar::domain::outcomes::take_step(
        &mut filed,
        &from_unit.id,
        &exemplar::domain::outcomes::StepRequest::File {
            date: "2025-04-01".into(),
            filing_no: "BA-9".into(),
        },
        "2026-11-21T08:00:00Z",
    )
    .expect("filed");
    let lines = history(&filed, &filed.outcomes[0]);
    assert_eq!(
        (lines[0].what.as_str(), lines[0].note.as_str()),
        (
            "登记",
            "单位登记，随报送文件交来；按成果日期记，2026-11-20 录入"
        )
    );
    assert_eq!(lines[1].what, "备案");
    // Reading an outcome stored before the path existed.
    let json = r#"{"id":"o1","unit_id":"u1","title":"t","date":"2025-01-01","kind":"Practice","promotion":"OwnUnit"}"#;
    let read: Outcome = serde_json::from_str(json).expect("old outcome reads");
    assert!(read.path.is_empty());
    let back = serde_json::to_string(&read).expect("writes");
    assert!(!back.contains("path"), "an empty path is left out: {back}");
}

mod domain_support;

/// A 2026 round in which unit u1 totals 95 (one assessor) and has one outcome of 2026,
/// filed and fed back, not yet recognised.
fn graded_state() -> (AppState, Id) {
    use domain_support::*;
    let mut r = round("r1", 2026, &["u1"], &["a1"]);
    r.sheets.push(sheet("u1", by("a1"), &["38", "29", "28"]));
    let mut s = state(
        vec![unit("u1", "甲支部", UnitStatus::Named)],
        vec![r],
        vec![],
    );
    let mut i = input("u1", "红色驿站工作法", "2026-03-01");
    i.innovations = vec![Innovation::Vehicle];
    let id = register_outcome(&mut s, &i, NOW).expect("add");
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    (s, id)
}

fn grade_of(s: &AppState) -> (Option<Grade>, Vec<String>) {
    let res = compute_round(s, "r1").expect("scores");
    let u = res.unit("u1").expect("u1");
    (u.grade, u.grade_notes.clone())
}

#[test]
fn recognition_lifts_a_qualifying_unit_to_excellent_and_undoing_returns_the_grade() {
    let (mut s, id) = graded_state();
    let (g, notes) = grade_of(&s);
    assert_eq!(g, Some(Grade::Good));
    assert_eq!(
        notes,
        ["总分95达到优秀分数线，但2026年度无经认定的创新成果，评为良好"]
    );
    assert_eq!(innovation_basis(&s, "u1", 2026), None);

    take_step(&mut s, &id, &recognise("2026-04-01"), NOW).expect("认定");
    assert_eq!(grade_of(&s), (Some(Grade::Excellent), vec![]));
    assert!(innovation_basis(&s, "u1", 2026)
        .is_some_and(|b| b.contains("红色驿站工作法") && b.contains("市直工委〔2026〕5号")));

    undo_step(
        &mut s,
        &id,
        UndoTarget::Recognise,
        "2026-06-01",
        "经复核撤销",
        NOW,
    )
    .expect("undo");
    assert_eq!(grade_of(&s).0, Some(Grade::Good));
}

#[test]
fn a_published_round_notices_a_recognition_changing_its_results() {
    let (mut s, id) = graded_state();
    publishing::set_published(&mut s, "r1", true, "2026-06-01T08:00:00Z").expect("publish");
    let changed = |s: &AppState| {
        let res = compute_round(s, "r1").ok();
        publishing::changed_since_publication_of(s.round("r1").expect("r1"), res.as_ref())
    };
    assert!(!changed(&s));
    take_step(&mut s, &id, &recognise("2026-06-02"), NOW).expect("认定");
    assert!(changed(&s), "优秀 now: the published 良好 is out of date");
    undo_step(
        &mut s,
        &id,
        UndoTarget::Recognise,
        "2026-06-03",
        "撤回",
        NOW,
    )
    .expect("undo");
    assert!(!changed(&s), "back to what was published");
}

/// A clerk's review: 认定 of a published round's 良好 unit made it 优秀 with nothing
/// said (撤销认定 named the change). The form asks first, with this sentence.
#[test]
fn a_recognition_says_first_the_grade_it_changes_and_whether_it_was_published() {
    let (mut s, id) = graded_state();
    // Not published yet: said too (a clerk's review: nothing said read as not known).
    let c = grade_change_if_step(&s, &id, &recognise("2026-06-02"), NOW)
        .expect("the step would be taken")
        .expect("r1 scores u1");
    assert_eq!(
        c.sentence("甲支部"),
        format!(
            "甲支部在{}中的等次将由“良好”变为“优秀”。该轮结果尚未发布，发布时按变化后的等次。",
            c.round_name
        )
    );
    publishing::set_published(&mut s, "r1", true, "2026-06-01T08:00:00Z").expect("publish");
    let c = grade_change_if_step(&s, &id, &recognise("2026-06-02"), NOW)
        .expect("the step would be taken")
        .expect("r1 scores u1");
    assert!(c.moves());
    assert_eq!((c.from, c.to), (Some(Grade::Good), Some(Grade::Excellent)));
    assert!(c.unlike_published);
    assert_eq!(
        c.sentence("甲支部"),
        format!(
            "甲支部在{}中的等次将由“良好”变为“优秀”。该轮结果已发布，认定后与已发给各单位的不同，需在“结果”页重新发布。",
            c.round_name
        )
    );
    // Nothing is taken by asking.
    assert!(!get(&s, &id).recognised);
    // A step the form would refuse is refused here, with the same error.
    let no_doc = StepRequest::Recognise {
        date: "2026-06-02".into(),
        doc_no: " ".into(),
    };
    assert_eq!(
        grade_change_if_step(&s, &id, &no_doc, NOW),
        Err(OutcomeError::NoDocNo)
    );
    // Another step never changes a grade.
    assert_eq!(
        grade_change_if_step(&s, &id, &promote("2026-06-02"), NOW),
        Ok(None)
    );
    // Undoing says 撤销.
    take_step(&mut s, &id, &recognise("2026-06-02"), NOW).expect("认定");
    let back = grade_change_if_unrecognised(&s, &id).expect("r1");
    assert_eq!(back.by, "撤销");
    assert!(!back.unlike_published, "back to what was published");
}

/// A clerk's review: a unit 退出 in March became 优秀 on a December 认定 of its outcome.
#[test]
fn an_outcome_is_not_recognised_after_its_unit_left() {
    let (mut s, id) = graded_state();
    let u = s.units.iter_mut().find(|u| u.id == "u1").expect("u1");
    u.status = UnitStatus::Withdrawn;
    u.history.push(StatusChange {
        date: "2026-05-01".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Withdrawn,
        reason: "单位撤并".into(),
        doc_no: String::new(),
    });
    let before = s.clone();
    let refused = take_step(&mut s, &id, &recognise("2026-06-02"), NOW);
    assert_eq!(
        refused,
        Err(OutcomeError::RecogniseAfterLeaving {
            unit: "甲支部".into(),
            left: "2026-05-01".into(),
            how: "退出示范点建设",
            date: "2026-06-02".into(),
        })
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .starts_with("单位「甲支部」已于 2026-05-01 退出示范点建设，2026-06-02 不能再认定"));
    assert_eq!(s, before, "nothing changed");
    // A decision taken while it was a site stands.
    take_step(&mut s, &id, &recognise("2026-04-01"), NOW).expect("认定 before leaving");
    assert!(get(&s, &id).recognised);
}

/// A clerk's review: 撤销认定 (dated the day it was recorded) read last, below the 认定
/// that replaced it with an earlier decision date, as if that one were withdrawn.
#[test]
fn an_undoing_reads_before_the_step_taken_again_after_it() {
    let (mut s, id) = graded_state();
    take_step(&mut s, &id, &recognise("2026-04-01"), NOW).expect("认定");
    take_step(&mut s, &id, &promote("2026-04-20"), NOW).expect("本系统推广");
    undo_step(
        &mut s,
        &id,
        UndoTarget::Recognise,
        "2026-06-06",
        "文号填错",
        NOW,
    )
    .expect("undo");
    take_step(&mut s, &id, &recognise("2026-04-02"), NOW).expect("认定 again");
    let lines: Vec<(String, String)> = history(&s, get(&s, &id))
        .into_iter()
        .map(|l| (l.date, l.what))
        .collect();
    let at = |what: &str, date: &str| {
        lines
            .iter()
            .position(|l| l.0 == date && l.1 == what)
            .unwrap_or_else(|| panic!("{what} {date} in {lines:?}"))
    };
    assert!(at("认定", "2026-04-01") < at("撤销认定", "2026-06-06"));
    assert!(
        at("撤销认定", "2026-06-06") < at("认定", "2026-04-02"),
        "{lines:?}"
    );
    assert_eq!(lines.last().map(|l| l.1.as_str()), Some("本系统推广"));
    // Without a step taken again, an undoing stays at its own date.
    let mut once = s.clone();
    undo_step(
        &mut once,
        &id,
        UndoTarget::Promote,
        "2026-06-07",
        "错录",
        NOW,
    )
    .expect("undo 推广");
    let last = history(&once, get(&once, &id)).pop().expect("lines");
    assert_eq!(
        (last.date.as_str(), last.what.as_str()),
        ("2026-06-07", "撤销本系统推广")
    );
}

#[test]
fn the_sample_city_shows_every_stage_with_consistent_dated_paths() {
    let s = sample::sample_city(7);
    for st in OutcomeStage::ALL {
        assert!(
            s.outcomes.iter().any(|o| stage(o) == st),
            "no sample outcome at {}",
            st.label()
        );
    }
    assert!(s.outcomes.iter().any(|o| o.recognised));
    assert!(s.outcomes.iter().any(|o| !o.path.incentives.is_empty()));
    assert!(s
        .outcomes
        .iter()
        .any(|o| o.path.history.iter().any(|e| e.undo)));
    assert!(s
        .outcomes
        .iter()
        .any(|o| days_feedback_to_promotion(o).is_some()));
    for o in &s.outcomes {
        assert!(!o.path.history.is_empty(), "{}", o.title);
        assert!(
            o.path.history.iter().all(|e| e.date >= o.date),
            "{}",
            o.title
        );
        if o.recognised || o.promotion != PromotionStage::OwnUnit {
            assert!(
                o.feedback_on.is_some() && o.filed_on.is_some(),
                "{}",
                o.title
            );
        }
        if let Some(d) = days_feedback_to_promotion(o) {
            assert!(d >= 0, "{}", o.title);
        }
    }
    assert_eq!(overview_year(&s), Some(2026));
}

#[test]
fn a_units_copy_registers_without_a_path_and_the_committee_s_first_step_names_it() {
    let mut s = state();
    s.settings.origin = "u1".into();
    let id = register_outcome(&mut s, &input("u1", "网格议事厅", "2026-03-01"), NOW).expect("add");
    assert!(id.starts_with("u1.o"), "{id}");
    let o = get(&s, &id).clone();
    assert!(o.path.is_empty(), "a unit writes no path");
    assert_eq!(history(&s, &o)[0].by, "甲支部");
    // The committee files it: the registration line comes first, by the unit.
    s.settings.origin = "committee".into();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    let lines = history(&s, get(&s, &id));
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.what.as_str(), l.by.as_str()))
            .collect::<Vec<_>>(),
        [("登记", "甲支部"), ("备案", "工委")]
    );
}

#[test]
fn a_bad_date_on_the_path_is_a_validation_error() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    assert!(validate_state(&s).is_ok());
    if let Some(o) = s.outcomes.iter_mut().find(|o| o.id == id) {
        o.path.history[1].date = "2026-02-30".into();
    }
    let errs = validate_state(&s).expect_err("a bad date");
    assert!(
        errs.iter().any(|e| e.to_string().contains("2026-02-30")),
        "{errs:?}"
    );
}

#[test]
fn a_recognised_outcome_does_not_move_to_another_year() {
    let (mut s, id) = registered();
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    take_step(&mut s, &id, &recognise("2026-03-25"), NOW).expect("认定");
    let recognised = s.clone();
    // Moved into 2025 it would no longer count for 2026's 优秀 condition.
    let e = edit_outcome(
        &mut s,
        &id,
        &input("u1", "红色驿站工作法", "2025-12-28"),
        NOW,
    )
    .unwrap_err();
    assert_eq!(
        e,
        OutcomeError::RecognisedYearFixed {
            title: "红色驿站工作法".into(),
            from: 2026,
            to: 2025
        }
    );
    assert!(e.to_string().contains("请先撤销认定"), "{e}");
    assert_eq!(s, recognised);
    // Within the year the date may be corrected.
    edit_outcome(
        &mut s,
        &id,
        &input("u1", "红色驿站工作法", "2026-02-27"),
        NOW,
    )
    .expect("same year");
    assert_eq!(get(&s, &id).date, "2026-02-27");
}

#[test]
fn an_outcome_registered_by_mistake_can_be_deleted_until_it_is_handled() {
    let (mut s, id) = registered();
    let twin = register_outcome(&mut s, &input("u2", "红色驿站工作法", "2026-03-01"), NOW)
        .expect("registered for the wrong unit");
    let removed = delete_outcome(&mut s, &twin).expect("deleted");
    assert_eq!(removed.unit_id, "u2");
    assert_eq!(s.outcomes.len(), 1);
    assert!(matches!(
        delete_outcome(&mut s, &twin),
        Err(OutcomeError::NotFound(_))
    ));
    // Once filed, the committee's step would go with it: refused.
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    let filed = s.clone();
    let e = delete_outcome(&mut s, &id).unwrap_err();
    assert!(matches!(e, OutcomeError::HandledCannotDelete(_)), "{e}");
    assert!(e.to_string().contains("请先撤销办理到“登记”"), "{e}");
    assert_eq!(s, filed);
}

#[test]
fn a_filter_says_what_it_keeps_for_the_printed_title() {
    let s = library();
    assert_eq!(OutcomeFilter::default().describe(&s), "全部");
    let name = s.unit("u2").expect("unit u2").name.clone();
    let f = OutcomeFilter {
        query: " 积分 ".into(),
        unit_id: Some("u2".into()),
        year: Some(2025),
        kind: Some(OutcomeKind::ALL[0]),
        recognised: Some(true),
        ..Default::default()
    };
    assert_eq!(
        f.describe(&s),
        format!(
            "2025年度，{name}，{}，已认定，含“积分”",
            OutcomeKind::ALL[0].label()
        )
    );
}

#[test]
fn a_title_with_its_own_corner_quotes_is_not_quoted_twice_in_a_message() {
    let mut s = state();
    let title = "「红色引擎」结对共建制度";
    register_outcome(&mut s, &input("u1", title, "2026-03-01"), NOW).unwrap();
    let e = register_outcome(&mut s, &input("u1", title, "2026-03-01"), NOW).unwrap_err();
    let said = e.to_string();
    assert!(
        said.starts_with("该单位已登记过成果「『红色引擎』结对共建制度」（成果日期 2026-03-01）"),
        "{said}"
    );
    assert!(!said.contains("「「"), "{said}");
}

#[test]
fn an_outcome_dated_after_its_unit_left_is_refused_and_one_before_is_not() {
    let mut s = sample::sample_city(7);
    let unit = s
        .units
        .iter()
        .find(|u| u.status == UnitStatus::Withdrawn)
        .expect("the sample has a unit 退出")
        .clone();
    let left = unit
        .history
        .iter()
        .filter(|h| h.to == UnitStatus::Withdrawn)
        .map(|h| h.date.clone())
        .max()
        .expect("dated");
    let before = s.clone();
    let after = dates::add_days(&left, 30).expect("a date");
    let e = register_outcome(&mut s, &input(&unit.id, "退出后的成果", &after), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "单位「{}」已于 {left} 退出示范点建设，{after} 的成果不在示范点建设之列，不能登记；如日期有误，请更正",
            unit.name
        )
    );
    assert_eq!(s, before, "nothing registered");
    // Registered late, an outcome from before it left is fine; it cannot be moved after.
    let earlier = dates::add_days(&left, -30).expect("a date");
    let id = register_outcome(&mut s, &input(&unit.id, "退出前的成果", &earlier), NOW)
        .expect("from before it left");
    assert!(matches!(
        edit_outcome(&mut s, &id, &input(&unit.id, "退出前的成果", &after), NOW),
        Err(OutcomeError::AfterLeaving { .. })
    ));
    // A clerk's review: one dated years before the unit entered was registered (and
    // counted in that year's figures). Refused, as 督导, 保障投入 and 整改进展 are.
    let before = s.clone();
    let entered = unit.entered_year;
    let early = format!("{}-06-30", entered - 1);
    let e = register_outcome(&mut s, &input(&unit.id, "入选前的成果", &early), NOW).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "单位「{}」是{entered}年入选的，{early} 的成果在入选之前，不在示范点建设之列，不能登记；如日期有误，请更正",
            unit.name
        )
    );
    assert_eq!(s, before, "nothing registered");
    assert!(matches!(
        edit_outcome(&mut s, &id, &input(&unit.id, "退出前的成果", &early), NOW),
        Err(OutcomeError::BeforeEntry { .. })
    ));
}

#[test]
fn a_filing_number_already_used_is_refused_by_the_outcome_it_names() {
    let (mut s, first) = registered();
    take_step(&mut s, &first, &file("2026-04-01"), NOW).expect("filed");
    let no = get(&s, &first).path.filing_no.clone();
    let second =
        register_outcome(&mut s, &input("u2", "四事工作法", "2026-03-05"), NOW).expect("registers");
    let before = s.clone();
    let e = take_step(&mut s, &second, &file("2026-04-02"), NOW).unwrap_err();
    assert!(
        matches!(&e, OutcomeError::FilingNoTaken { no: n, .. } if *n == no),
        "{e}"
    );
    assert!(e.to_string().contains("红色驿站工作法"), "{e}");
    assert_eq!(s, before, "nothing filed");
    let other = StepRequest::File {
        date: "2026-04-02".into(),
        filing_no: "备〔2026〕99号".into(),
    };
    // What looks like the same number on paper is the same number.
    for alike in [
        "备〔2026〕１号",
        "备〔2026〕 1号",
        "备(2026)1号",
        "备〔2026〕01号",
        " 备【2026】1 号",
        "备〔2026〕1",
        "备〔2026〕第1号",
        "备〔2026年〕1号",
        "備〔2026〕1號",
    ] {
        let req = StepRequest::File {
            date: "2026-04-02".into(),
            filing_no: alike.into(),
        };
        assert!(
            matches!(
                take_step(&mut s, &second, &req, NOW),
                Err(OutcomeError::FilingNoTaken { .. })
            ),
            "{alike}"
        );
    }
    assert_eq!(s, before, "nothing filed");
    assert_ne!(filing_key("备〔2026〕10号"), filing_key("备〔2026〕1号"));
    assert_ne!(filing_key("备〔2026〕1号"), filing_key("备〔2025〕1号"));
    take_step(&mut s, &second, &other, NOW).expect("another number");
    // The sample city uses each number once.
    let city = sample::sample_city(7);
    let mut seen = std::collections::BTreeSet::new();
    for o in city.outcomes.iter().filter(|o| o.filed_on.is_some()) {
        assert!(
            seen.insert(o.path.filing_no.clone()),
            "{}",
            o.path.filing_no
        );
    }
}

/// A clerk's review: 修改成果 open in two windows; the second save (after being told
/// once) wrote its whole form, putting back the first window's 成果简介. The fields the
/// form left alone now keep the stored values; a field both changed is named.
#[test]
fn an_edit_from_an_older_form_keeps_what_it_left_alone() {
    let mut s = state();
    let id = register_outcome(&mut s, &input("u1", "红色驿站", "2026-03-01"), NOW).unwrap();
    let opened = OutcomeInput::from_outcome(&s.outcomes[0]);
    // Window A corrects the description and the innovations.
    let mut a = opened.clone();
    a.description = "窗口甲写的简介".into();
    a.innovations = vec![Innovation::Vehicle, Innovation::Method];
    edit_outcome(&mut s, &id, &a, NOW).unwrap();
    // Window B, opened before, changes the evidence only.
    let mut b = opened.clone();
    b.evidence = "活动照片，第2册".into();
    assert!(outcome_edit_conflicts(&s, &id, &opened, &b).is_empty());
    edit_outcome_from(&mut s, &id, &opened, &b, NOW).unwrap();
    let o = &s.outcomes[0];
    assert_eq!(o.description, "窗口甲写的简介", "A's description kept");
    assert_eq!(o.innovations, [Innovation::Method, Innovation::Vehicle]);
    assert_eq!(o.evidence, ["活动照片，第2册"]);
    // Both change the description: named. The unit only B changed, and a title that
    // differs only in spaces, are not conflicts.
    let opened = OutcomeInput::from_outcome(&s.outcomes[0]);
    let mut a = opened.clone();
    a.description = "甲".into();
    edit_outcome(&mut s, &id, &a, NOW).unwrap();
    let mut b = opened.clone();
    b.description = "乙".into();
    b.unit_id = "u2".into();
    b.title = "  红色驿站 ".into();
    let said: Vec<String> = outcome_edit_conflicts(&s, &id, &opened, &b)
        .iter()
        .map(|c| c.said())
        .collect();
    assert_eq!(said, ["「成果简介」已被改为“甲”（本窗口填的是“乙”）"]);
    edit_outcome_from(&mut s, &id, &opened, &b, NOW).unwrap();
    assert_eq!(s.outcomes[0].description, "乙");
    assert_eq!(s.outcomes[0].unit_id, "u2");
}

/// A clerk's review: 报表 2025's table counted an outcome as 本系统推广 though it was
/// promoted on 2026-01-08 (it stood at 已反馈 on 2025-12-31). A finished year's table
/// counts each outcome at the stage it had then.
#[test]
fn a_finished_years_table_counts_each_outcome_at_its_stage_then() {
    let mut s = state();
    let id = register_outcome(&mut s, &input("u1", "结对共建制度", "2025-03-01"), NOW).unwrap();
    take_step(&mut s, &id, &file("2025-04-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2025-05-20"), NOW).expect("反馈");
    let promote = |d: &str| StepRequest::Promote { date: d.into() };
    take_step(&mut s, &id, &promote("2026-01-08"), NOW).expect("本系统推广");
    let o = &s.outcomes[0];
    assert_eq!(stage(o), OutcomeStage::System);
    assert_eq!(stage_on(o, "2025-12-31"), OutcomeStage::FeedbackGiven);
    assert_eq!(stage_on(o, "2025-05-01"), OutcomeStage::Filed);
    assert_eq!(stage_on(o, "2025-03-01"), OutcomeStage::Registered);
    let at_end = kind_stage_counts(&s, 2025, "2025-12-31");
    assert_eq!(at_end.by_stage, [0, 0, 1, 0, 0]);
    assert_eq!(
        kind_stage_counts(&s, 2025, "2026-12-01").by_stage,
        [0, 0, 0, 1, 0]
    );
    // Then 市直机关推介: on a day between the two, it was 本系统推广.
    take_step(&mut s, &id, &promote("2026-03-01"), NOW).expect("市直机关推介");
    let o = &s.outcomes[0];
    assert_eq!(stage_on(o, "2026-02-01"), OutcomeStage::System);
    assert_eq!(stage_on(o, "2026-03-01"), OutcomeStage::Municipal);
}

/// A clerk's review: 备案 without its number, 认定 without its 文号 and a 表彰/奖励
/// without its date were refused with no field marked; the steps' forms now mark
/// theirs, by the labels the forms show.
#[test]
fn a_refused_step_names_the_field_of_its_form() {
    use exemplar::domain::problems::FieldsAt;
    let (mut s, id) = registered();
    let before = s.clone();
    let no_number = StepRequest::File {
        date: "2026-03-10".into(),
        filing_no: " ".into(),
    };
    let err = take_step(&mut s, &id, &no_number, NOW).unwrap_err();
    assert_eq!(err.fields(), [labels::FILING_NO], "{err:?}");
    // Dated before the outcome: the step's date, as its form labels it.
    let err = take_step(&mut s, &id, &file("2026-02-01"), NOW).unwrap_err();
    assert_eq!(
        err.fields(),
        [labels::step_date(OutcomeStep::File)],
        "{err:?}"
    );
    assert_eq!(labels::step_date(OutcomeStep::File), "备案日期");
    let err = take_step(&mut s, &id, &file("2031-01-01"), NOW).unwrap_err();
    assert_eq!(err.fields(), ["备案日期"], "{err:?}");
    assert_eq!(s, before);
    take_step(&mut s, &id, &file("2026-03-10"), NOW).expect("备案");
    take_step(&mut s, &id, &feedback("2026-03-20"), NOW).expect("反馈");
    let no_doc = StepRequest::Recognise {
        date: "2026-04-01".into(),
        doc_no: String::new(),
    };
    let err = take_step(&mut s, &id, &no_doc, NOW).unwrap_err();
    assert_eq!(err.fields(), [labels::DOC_NO], "{err:?}");
}

/// A clerk's review: an outcome registered on 2026-12-01 with 成果日期 2026-09-15 read
/// 2026-09-15 登记 in its 履历, as if registered in September. The line keeps the
/// outcome's date (the 履历 stays in order) and says the day it was entered.
#[test]
fn the_registration_line_says_the_day_it_was_entered() {
    let (s, id) = registered();
    let lines = history(&s, get(&s, &id));
    assert_eq!(
        (lines[0].date.as_str(), lines[0].note.as_str()),
        ("2026-03-01", "按成果日期记，2026-12-01 录入")
    );
    // Entered in the Beijing evening of 1 December: the 2nd there.
    assert_eq!(
        exemplar::domain::dates::beijing_day("2026-12-01T17:30:00Z").as_deref(),
        Some("2026-12-02")
    );
    assert_eq!(exemplar::domain::dates::beijing_day("not a time"), None);
    assert_eq!(
        exemplar::domain::dates::beijing_time("2026-12-01T17:30:00Z").as_deref(),
        Some("2026-12-02 01:30")
    );
    assert_eq!(
        exemplar::domain::dates::beijing_time("2026-12-01T08:05:09Z").as_deref(),
        Some("2026-12-01 16:05")
    );
    assert_eq!(exemplar::domain::dates::beijing_time("2026-12-01"), None);
}

/// A clerk's review: the exported list gave 表彰 without its 文号, and no 反馈意见,
/// both of which the outcome's page shows.
#[test]
fn the_exported_list_carries_the_incentives_document_number_and_the_feedback() {
    let mut s = library();
    let id = s.outcomes[0].id.clone();
    take_step(
        &mut s,
        &id,
        &StepRequest::Incentive {
            kind: IncentiveKind::Commendation,
            what: "全市机关党建优秀案例".into(),
            date: "2026-04-20".into(),
            doc_no: "市直机关工委〔2026〕35号".into(),
        },
        NOW,
    )
    .expect("表彰");
    let rows = filter_outcomes(&s, &OutcomeFilter::default());
    let text = outcomes_csv(&s, &rows);
    assert!(
        text.contains("做法可复制,")
            && text.contains("表彰：全市机关党建优秀案例（2026-04-20，市直机关工委〔2026〕35号）"),
        "{text}"
    );
}

/// A clerk's review: 撤销认定 on a published round's 优秀 unit said only that "results
/// would change", not that this unit drops from 优秀 in a round the units were given.
#[test]
fn undoing_a_recognition_names_the_grade_it_changes_and_whether_it_was_published() {
    let s = sample::sample_city(2026);
    let (id, change) = s
        .outcomes
        .iter()
        .filter(|o| o.recognised)
        .find_map(|o| {
            grade_change_if_unrecognised(&s, &o.id)
                .filter(|c| c.unlike_published)
                .map(|c| (o.id.clone(), c))
        })
        .expect("a recognised outcome behind a published 优秀");
    assert_eq!(change.from, Some(Grade::Excellent));
    assert_eq!(change.to, Some(Grade::Good));
    let o = s.outcomes.iter().find(|o| o.id == id).unwrap().clone();
    let unit = s.unit(&o.unit_id).unwrap().name.clone();
    let said = change.sentence(&unit);
    assert!(
        said.starts_with(&format!(
            "{unit}在{}中的等次将由“优秀”变为“良好”。",
            change.round_name
        )),
        "{said}"
    );
    assert!(said.contains("需在“结果”页重新发布"), "{said}");
    // It is what undoing does.
    let mut after = s.clone();
    undo_step(
        &mut after,
        &id,
        UndoTarget::Recognise,
        "2026-12-01",
        "重复",
        NOW,
    )
    .unwrap();
    let round = after
        .rounds
        .iter()
        .find(|r| r.name == change.round_name)
        .unwrap()
        .id
        .clone();
    let results = scoring::compute_round(&after, &round).unwrap();
    assert_eq!(results.unit(&o.unit_id).unwrap().grade, Some(Grade::Good));
    // Undone, there is nothing to undo; and an outcome never recognised changes nothing.
    assert_eq!(grade_change_if_unrecognised(&after, &id), None);
    let plain = s.outcomes.iter().find(|o| !o.recognised).unwrap();
    assert_eq!(grade_change_if_unrecognised(&s, &plain.id), None);
    // A unit with two recognised outcomes of the year stays 优秀 when one goes: said so
    // (a re-test read the general sentence as a grade that failed to follow).
    let (two, stays) = s
        .outcomes
        .iter()
        .filter(|o| o.recognised)
        .find_map(|o| {
            grade_change_if_unrecognised(&s, &o.id)
                .filter(|c| c.from == Some(Grade::Excellent) && c.to == c.from)
                .map(|c| (o.clone(), c))
        })
        .expect("a 优秀 unit with two recognised outcomes in the sample");
    assert!(!stays.unlike_published);
    let unit = s.unit(&two.unit_id).unwrap().name.clone();
    assert_eq!(
        stays.sentence(&unit),
        format!("{unit}在{}中的等次不受影响，仍为“优秀”。", stays.round_name)
    );
}
