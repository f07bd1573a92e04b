//! A unit's return is held to the rules of the committee's own forms: no new date after
//! the importing clerk's today, no 结对活动 before the pairing began, no 保障投入 for a
//! year to come or before the unit entered, no 整改 record that only the committee's
//! steps write. Entries held already stand; large amounts are said as warnings.
#![cfg(not(target_arch = "wasm32"))]

mod exchange_support;

use exchange_support::*;
use exemplar::domain::dates::parse_date;
use exemplar::domain::exchange::*;
use exemplar::domain::*;

/// The committee importing on 2026-12-01.
fn on_dec_1() -> ImportOptions {
    ImportOptions {
        today: parse_date("2026-12-01"),
        ..ImportOptions::default()
    }
}

fn previewed(c: &AppState, copy: &AppState) -> Result<Preview, ExchangeError> {
    let file = export_unit_return(copy, LATER).expect("export");
    preview(c, "u1.json", file.as_bytes(), &on_dec_1())
}

fn refused(c: &AppState, copy: &AppState) -> String {
    let e = previewed(c, copy).expect_err("refused");
    assert_eq!(e.code(), "report_refused", "{e}");
    e.to_string()
}

#[test]
fn dates_after_the_clerks_today_are_refused_by_name() {
    let mut c = committee();
    let base = unit_copy(&mut c);

    let mut copy = base.clone();
    let o = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o.date = "2027-05-22".into();
    o.meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("的日期 2027-05-22 晚于今天（2026-12-01）"),
        "{said}"
    );
    assert!(said.contains("整个文件已拒绝"), "{said}");

    let mut copy = base.clone();
    copy.pairings[0]
        .activities
        .push(activity("2027-05-21", "联学"));
    copy.pairings[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("活动「联学」日期 2027-05-21 晚于今天"),
        "{said}"
    );

    let mut copy = base.clone();
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2027-05-20", "已整改"));
    copy.rectifications[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(said.contains("整改进展日期 2027-05-20 晚于今天"), "{said}");

    // Today itself is taken, and without a clock nothing is bounded.
    let mut copy = base.clone();
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-12-01", "已整改"));
    copy.rectifications[0].meta.touch(LATER, "u1");
    previewed(&c, &copy).expect("today is not after today");
    let mut ahead = base;
    ahead.rectifications[0]
        .progress
        .push(ProgressNote::progress("2027-05-20", "已整改"));
    ahead.rectifications[0].meta.touch(LATER, "u1");
    let file = export_unit_return(&ahead, LATER).expect("export");
    preview(&c, "u1.json", file.as_bytes(), &ImportOptions::default()).expect("no clock");
}

#[test]
fn an_activity_before_the_pairing_began_is_refused() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    copy.pairings[0]
        .activities
        .push(activity("2024-01-01", "早到的活动"));
    copy.pairings[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("活动「早到的活动」日期 2024-01-01 早于结对开始日期 2026-03-01"),
        "{said}"
    );
}

#[test]
fn a_deadline_move_or_a_withdrawn_closure_written_by_a_unit_is_refused() {
    let mut c = committee();
    let base = unit_copy(&mut c);
    for (kind, said) in [
        (NoteKind::Deadline, "调整整改期限"),
        (NoteKind::Reopened, "撤销销号"),
    ] {
        let mut copy = base.clone();
        let mut note = ProgressNote::progress("2026-11-25", "整改期限由2026-12-31调整为2028-12-31");
        note.kind = kind;
        copy.rectifications[0].progress.push(note);
        copy.rectifications[0].meta.touch(LATER, "u1");
        let e = refused(&c, &copy);
        assert!(e.contains(&format!("有一条{said}的记录")), "{e}");
        assert!(e.contains("单位只能报送整改进展"), "{e}");
    }
}

#[test]
fn resources_for_a_year_to_come_or_before_entry_are_refused_and_large_sums_are_said() {
    let mut c = committee();
    let base = unit_copy(&mut c);
    let entered = c.unit("u1").expect("u1").entered_year;

    let mut copy = base.clone();
    copy.resources[0].year = 2027;
    copy.resources[0].id = copy.new_id("e");
    copy.resources[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("2027 年的保障投入还没有到（今天是 2026-12-01）"),
        "{said}"
    );

    let mut copy = base.clone();
    copy.resources[0].year = entered - 1;
    copy.resources[0].id = copy.new_id("e");
    copy.resources[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains(&format!(
            "{} 年的保障投入早于本单位的入选年份 {entered}",
            entered - 1
        )),
        "{said}"
    );

    let mut copy = base;
    copy.resources[0].funds = Points::whole(25000);
    copy.resources[0].meta.touch(LATER, "u1");
    let p = previewed(&c, &copy).expect("taken, with a warning");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.contains("党建工作经费 25000 万元，数额很大")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn entries_held_already_stand_whatever_their_dates() {
    // An outcome the committee holds dated ahead (its own business) does not make the
    // unit's unrelated return refused.
    let mut c = committee();
    let copy = unit_copy(&mut c);
    c.outcomes[0].date = "2027-01-05".into();
    let mut copy = copy;
    copy.outcomes[0].date = "2027-01-05".into();
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-11-30", "已补开结对活动"));
    copy.rectifications[0].meta.touch(LATER, "u1");
    previewed(&c, &copy).expect("held entries stand");
}

#[test]
fn an_area_without_premises_and_an_overlong_evidence_note_are_refused() {
    let mut c = committee();
    let base = unit_copy(&mut c);

    let mut copy = base.clone();
    copy.resources[0].premises = false;
    copy.resources[0].premises_area = 500;
    copy.resources[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("阵地为“无”，却写了阵地面积 500 平方米"),
        "{said}"
    );

    let mut copy = base;
    let round = copy.rounds.first_mut().expect("the round");
    let sheet = round
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u1" && s.source == SheetSource::SelfAssessment)
        .expect("u1's self-assessment");
    let first = round_first_indicator(&c);
    sheet.evidence.insert(first, "很".repeat(800));
    sheet.meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("有一条佐证说明 800 字，超过每项 500 字的上限"),
        "{said}"
    );
}

fn round_first_indicator(c: &AppState) -> String {
    let r = &c.rounds[0];
    let scheme = c.scheme(&r.scheme_id).expect("scheme");
    scheme.indicators().next().expect("an indicator").id.clone()
}

#[test]
fn a_pairings_activities_come_in_in_date_order() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    copy.pairings[0]
        .activities
        .push(activity("2026-04-01", "四月初的活动"));
    copy.pairings[0].meta.touch(LATER, "u1");
    let p = previewed(&c, &copy).expect("taken");
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    let dates: Vec<&str> = next.pairings[0]
        .activities
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    assert_eq!(dates, ["2026-04-01", "2026-04-12"]);
}

#[test]
fn the_round_names_the_units_sent_a_task_file_that_have_not_returned_one() {
    let mut c = committee();
    let mut fresh = c.clone();
    fresh.exchange.sent.clear();
    assert_eq!(
        units_awaited(&fresh, "r1"),
        Vec::<String>::new(),
        "nothing sent"
    );
    // The support's committee has sent both units their task files.
    let copy = unit_copy(&mut c);
    assert_eq!(units_awaited(&c, "r1"), ["u1", "u2"]);
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &on_dec_1()).expect("taken");
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    assert_eq!(units_awaited(&next, "r1"), ["u2"]);
}

#[test]
fn every_entry_no_form_would_take_is_named_at_once_and_the_clock_is_blamed_only_for_dates_ahead() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    let o = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o.date = "2027-05-22".into();
    o.meta.touch(LATER, "u1");
    copy.resources[0].premises = false;
    copy.resources[0].premises_area = 80;
    copy.resources[0].meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(said.contains("的文件中有 2 处本机的表单不会接受"), "{said}");
    assert!(
        said.contains("2027-05-22 晚于今天（2026-12-01），可能是对方电脑的日期不对"),
        "{said}"
    );
    assert!(
        said.contains("2026 年的保障投入阵地为“无”，却写了阵地面积 80 平方米"),
        "{said}"
    );
    assert_eq!(said.matches("电脑的日期").count(), 1, "{said}");
    assert!(said.ends_with("请对方改正后重新导出"), "{said}");
}

#[test]
fn an_outcome_after_the_unit_left_and_an_activity_after_the_pairing_ended_are_refused() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    // After the task file went out, u1 was 摘牌 and its pairing ended.
    let u1 = c.units.iter_mut().find(|u| u.id == "u1").expect("u1");
    u1.history.push(StatusChange {
        date: "2026-09-20".into(),
        from: u1.status,
        to: UnitStatus::Delisted,
        reason: "整改期满复查仍不合格".into(),
        doc_no: String::new(),
    });
    u1.status = UnitStatus::Delisted;
    c.pairings[0].status = PairingStatus::Ended;
    c.pairings[0].ended_on = Some("2026-09-20".into());
    // The unit, not knowing, registers an outcome dated after that.
    let new_outcome = |copy: &mut AppState, title: &str, date: &str| {
        let id = copy.new_id("o");
        let mut o = outcome(&id, "u1", title);
        o.date = date.into();
        o.meta = RecordMeta::default();
        o.meta.touch(LATER, "u1");
        copy.outcomes.push(o);
    };
    new_outcome(&mut copy, "摘牌后的成果", "2026-10-01");
    copy.pairings[0]
        .activities
        .push(activity("2026-10-01", "结束后的活动"));
    copy.pairings[0].meta.touch(LATER, "u1");
    // …and one from before it entered the programme (u1 entered in 2024).
    new_outcome(&mut copy, "入选前的成果", "2023-05-01");
    let said = refused(&c, &copy);
    assert!(
        said.contains("成果「摘牌后的成果」的日期 2026-10-01 在本单位摘牌（2026-09-20）之后"),
        "{said}"
    );
    assert!(
        said.contains("成果「入选前的成果」的日期 2023-05-01 早于本单位的入选年份 2024"),
        "{said}"
    );
    assert!(
        said.contains("活动「结束后的活动」日期 2026-10-01 晚于结对结束日期 2026-09-20"),
        "{said}"
    );
}

#[test]
fn a_return_made_on_a_day_after_today_is_taken_with_a_warning_about_the_senders_clock() {
    let mut c = committee();
    let copy = unit_copy(&mut c);
    let file = export_unit_return(&copy, "2027-06-01T09:00:00Z").expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &on_dec_1()).expect("taken");
    assert!(
        p.warnings.iter().any(|w| w
            == "文件所写的导出日期 2027-06-01 晚于今天（2026-12-01）：对方电脑的日期可能不对，请提醒对方改正"),
        "{:?}",
        p.warnings
    );
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &on_dec_1()).expect("taken");
    assert!(
        !p.warnings.iter().any(|w| w.contains("导出日期")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn progress_before_the_unit_entered_or_longer_than_a_form_takes_is_refused() {
    let mut c = committee();
    let base = unit_copy(&mut c);
    let entered = c.units[0].entered_year;
    let mut copy = base.clone();
    let early = format!("{}-06-30", entered - 1);
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress(&early, "已整改"));
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-11-20", "字".repeat(501)));
    copy.rectifications[0].meta.touch(LATER, "u1");
    let e = refused(&c, &copy);
    assert!(
        e.contains(&format!(
            "整改进展日期 {early} 早于本单位的入选年份 {entered}"
        )),
        "{e}"
    );
    assert!(
        e.contains("有一条整改进展 501 字，超过每条 500 字的上限"),
        "{e}"
    );
    // 500 characters, dated in the unit's years, come in.
    let mut fine = base;
    fine.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-11-20", "字".repeat(500)));
    fine.rectifications[0].meta.touch(LATER, "u1");
    assert!(previewed(&c, &fine).is_ok());
}

/// A clerk's review: the copy holds no 督导 visits, so it took progress dated before
/// the visit that found the problem; taken in, the visit could no longer be saved and
/// the item stood in the year before. Refusing the file (a first mend) refused every
/// later return too, as the copy cannot take a progress note back (a re-test). It is
/// left out, said; the rest of the file comes in.
#[test]
fn progress_before_the_visit_that_found_the_problem_is_left_out_and_said() {
    let mut c = committee();
    let unit = c.rectifications[0].unit_id.clone();
    c.guidance_visits.push(GuidanceVisit {
        id: "v1".into(),
        unit_id: unit,
        more_units: vec![],
        date: "2026-11-01".into(),
        by: "组织部".into(),
        form: VisitForm::Inspection,
        looked_at: vec![],
        other_check: String::new(),
        findings: "特色做法未总结推广".into(),
        advice: String::new(),
        follow_up: String::new(),
        meta: RecordMeta::default(),
    });
    c.rectifications[0].visit_id = Some("v1".into());
    c.rectifications[0].source = ProblemSource::Visit;
    let base = unit_copy(&mut c);
    let mut copy = base;
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-10-31", "提前自查"));
    // On the visit's day or after, it comes in.
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-11-01", "当天整改"));
    copy.rectifications[0].meta.touch(LATER, "u1");
    let p = previewed(&c, &copy).expect("taken, but for the early note");
    assert!(
        p.warnings.iter().any(|w| w.contains(
            "有一条整改进展日期 2026-10-31，早于发现这个问题的督导（2026-11-01），没有导入，其余内容照常导入"
        )),
        "{:?}",
        p.warnings
    );
    let got = apply(&c, &p, &Decisions::default()).expect("applies");
    let notes: Vec<&str> = got.rectifications[0]
        .progress
        .iter()
        .map(|n| n.note.as_str())
        .collect();
    assert!(notes.contains(&"当天整改"), "{notes:?}");
    assert!(!notes.contains(&"提前自查"), "{notes:?}");
}

#[test]
fn another_years_resources_are_the_committees_a_return_cannot_rewrite_them() {
    // A clerk's review: an edited backup, restored in the unit's copy and returned,
    // rewrote 2025's 党建工作经费 from 7 to 70, and the committee was offered it.
    let mut c = committee();
    let mut e2 = c.resources[0].clone();
    e2.id = "e2".into();
    e2.year = 2025;
    e2.funds = Points::whole(7);
    c.resources.push(e2);
    let base = unit_copy(&mut c);

    let mut copy = base.clone();
    let past = copy
        .resources
        .iter_mut()
        .find(|e| e.id == "e2")
        .expect("e2");
    past.funds = Points::whole(70);
    past.meta.touch(LATER, "u1");
    let said = refused(&c, &copy);
    assert!(
        said.contains("2025 年的保障投入不是本轮（2026年度）的：单位只报送本轮年度的保障投入"),
        "{said}"
    );
    // Nor a new entry for another year.
    let mut copy = base.clone();
    let mut e3 = copy.resources[0].clone();
    e3.id = copy.new_id("e");
    e3.year = 2025;
    e3.meta.touch(LATER, "u1");
    copy.resources.push(e3);
    let said = refused(&c, &copy);
    assert!(said.contains("2025 年的保障投入不是本轮"), "{said}");

    // Sent and left alone, it stands, though the committee corrected it since.
    let mut held = c.clone();
    let e = held
        .resources
        .iter_mut()
        .find(|e| e.id == "e2")
        .expect("e2");
    e.funds = Points::whole(8);
    e.meta.touch(LATER, "committee");
    let mut copy = base;
    copy.resources[0].funds = Points::whole(6);
    copy.resources[0].meta.touch(LATER, "u1");
    previewed(&held, &copy).expect("the round's year is the unit's to report");
}
