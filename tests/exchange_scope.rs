//! What a sender may write (issue 18 items 1 and 4, issue 10 "what a unit may write"):
//! file sequences, beside the single bad files of `tests/exchange_corpus.rs`.

mod exchange_support;

use exchange_support::*;
use exemplar::domain::between_rounds::rectification;
use exemplar::domain::exchange::*;
use exemplar::domain::*;

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn import(st: &AppState, name: &str, file: &str) -> Result<AppState, ExchangeError> {
    let p = preview(st, name, file.as_bytes(), &opts())?;
    apply(st, &p, &Decisions::default())
}

/// A unit's copy with one outcome it registered itself.
fn copy_with_outcome(c: &mut AppState, unit_id: &str, title: &str) -> AppState {
    let f = export_to_unit(c, "r1", unit_id, ISSUED, ENTROPY).expect("task");
    let mut copy = open_task(&f);
    let id = copy.new_id("o");
    let mut o = outcome(&id, unit_id, title);
    o.meta = RecordMeta::default();
    o.meta.touch(LATER, unit_id);
    copy.outcomes.push(o);
    copy
}

#[test]
fn one_units_records_can_never_block_anothers() {
    let mut c = committee();
    let u2_copy = copy_with_outcome(&mut c, "u2", "“红色课堂”升级版");
    let u2_id = u2_copy.outcomes.last().map(|o| o.id.clone()).expect("id");
    assert_eq!(u2_id, "u2.o1", "ids made in a copy carry the unit's prefix");
    // u1 tries first to take the id u2's copy gives its first outcome.
    let mut u1_copy = copy_with_outcome(&mut c, "u1", "抢注");
    if let Some(o) = u1_copy.outcomes.last_mut() {
        o.id = u2_id.clone();
    }
    let squat = export_unit_return(&u1_copy, LATER).expect("export");
    let err = import(&c, "u1.json", &squat).expect_err("refused");
    assert_eq!(err.code(), "out_of_scope");
    assert!(err.to_string().contains("不是本单位的编号"), "{err}");
    // u2's genuine return is accepted, its outcome added under its own id.
    let genuine = export_unit_return(&u2_copy, LATER).expect("export");
    let next = import(&c, "u2.json", &genuine).expect("u2's return is accepted");
    let o = next.outcomes.iter().find(|o| o.id == u2_id).expect("added");
    assert_eq!(o.unit_id, "u2");
}

#[test]
fn a_committee_field_set_after_the_task_went_out_stays_when_the_unit_edits_its_part() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    // The committee files and recognises o1 after sending the task.
    let o1 = c.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o1.filed_on = Some("2026-09-10".into());
    o1.recognised = true;
    o1.meta.touch(LATER, "committee");
    // The unit edits o1's description in its copy, unaware.
    let mine = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    mine.description = "补充了推广情况".into();
    mine.meta.touch(LATER, "u1");
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &opts()).expect("accepted");
    let ch = p
        .changes
        .iter()
        .find(|x| x.key == "outcome:o1")
        .expect("o1");
    // Both sides changed o1 since it was sent, each its own fields: merged, with the
    // committee's 备案 and 认定 and the unit's text, with nothing to decide.
    assert_eq!(ch.status, ChangeStatus::Changed);
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    let o1 = next.outcomes.iter().find(|o| o.id == "o1").expect("o1");
    assert_eq!(o1.description, "补充了推广情况");
    assert!(o1.recognised);
    assert_eq!(o1.filed_on.as_deref(), Some("2026-09-10"));
}

#[test]
fn a_filed_outcome_keeps_its_name_category_date_and_innovations_whatever_the_file_says() {
    let mut c = committee();
    // o1 is filed and recognised before the task goes out.
    let o1 = c.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o1.filed_on = Some("2026-05-10".into());
    o1.recognised = true;
    o1.innovations = vec![Innovation::ALL[0]];
    o1.meta.touch(ISSUED, "committee");
    let held = c
        .outcomes
        .iter()
        .find(|o| o.id == "o1")
        .cloned()
        .expect("o1");
    let mut copy = unit_copy(&mut c);
    // The unit's own form refuses to rename it, and takes a new description.
    let mut input = outcomes::OutcomeInput::from_outcome(&held);
    input.title = "全国示范品牌".into();
    let before = copy.clone();
    assert!(matches!(
        outcomes::edit_outcome(&mut copy, "o1", &input, LATER),
        Err(outcomes::OutcomeError::SettledForUnit(_))
    ));
    assert_eq!(copy, before);
    let mut input = outcomes::OutcomeInput::from_outcome(&held);
    input.description = "补充了推广情况".into();
    outcomes::edit_outcome(&mut copy, "o1", &input, LATER).expect("description is the unit's");
    // A file edited by hand to rename and recategorise it: the committee's values stay,
    // the description comes in, and the preview says why.
    let mine = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    mine.title = "经工委认定的国家级创新成果".into();
    mine.kind = if held.kind == OutcomeKind::Theoretical {
        OutcomeKind::Practice
    } else {
        OutcomeKind::Theoretical
    };
    let mine_kind = mine.kind;
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &opts()).expect("accepted");
    assert!(
        p.notes.iter().any(
            |n| n.contains(&format!("成果「{}」工委已办理备案或认定", held.title))
                && n.ends_with(&format!(
                    "文件中的名称「经工委认定的国家级创新成果」、类别“{}”未导入",
                    mine_kind.label()
                ))
        ),
        "{:?}",
        p.notes
    );
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    let o1 = next.outcomes.iter().find(|o| o.id == "o1").expect("o1");
    assert_eq!(
        (o1.title.as_str(), o1.kind),
        (held.title.as_str(), held.kind)
    );
    assert_eq!(o1.description, "补充了推广情况");
}

#[test]
fn a_unit_reports_progress_and_done_but_cannot_close_an_item() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    copy.rectifications[0].status = RectificationStatus::InProgress;
    copy.rectifications[0].meta.touch(LATER, "u1");
    let file = export_unit_return(&copy, LATER).expect("export");
    let next = import(&c, "u1.json", &file).expect("progress is the unit's");
    assert_eq!(
        next.rectifications[0].status,
        RectificationStatus::InProgress
    );
    // 已完成 is the unit's word; the committee checks it and closes the item.
    copy.rectifications[0].status = RectificationStatus::Done;
    let file = export_unit_return(&copy, LATER).expect("export");
    let next = import(&c, "u1.json", &file).expect("done is the unit's to report");
    assert_eq!(next.rectifications[0].status, RectificationStatus::Done);
    // 销号 is not.
    copy.rectifications[0].status = RectificationStatus::Closed;
    let file = export_unit_return(&copy, LATER).expect("export");
    let err = import(&c, "u1.json", &file).expect_err("closing is the committee's");
    assert_eq!(err.code(), "committee_field");
    // An item the committee has since marked done, or closed, keeps that status
    // whatever a file made before says, and the file is not refused for it: the unit
    // may not have touched the item at all, or only added progress.
    copy.rectifications[0].status = RectificationStatus::InProgress;
    copy.rectifications[0]
        .progress
        .push(ProgressNote::progress("2026-10-10", "已补开结对活动"));
    let file = export_unit_return(&copy, LATER).expect("export");
    let mut done = c.clone();
    done.rectifications[0].status = RectificationStatus::Done;
    let next = import(&done, "u1.json", &file).expect("the file is taken");
    assert_eq!(next.rectifications[0].status, RectificationStatus::Done);
    let mut closed = c.clone();
    rectification::close(&mut closed, "c1", "2026-10-01", "已核验", LATER).expect("closes");
    let next = import(&closed, "u1.json", &file).expect("the file is taken");
    assert_eq!(next.rectifications[0].status, RectificationStatus::Closed);
    assert!(next.rectifications[0].closure.is_some());
    // A file that never touched the item is taken too.
    let untouched = export_unit_return(&unit_copy(&mut c.clone()), LATER).expect("export");
    let next = import(&closed, "u1.json", &untouched).expect("the file is taken");
    assert_eq!(next.rectifications[0].status, RectificationStatus::Closed);
}

#[test]
fn the_files_base_does_not_decide_conflicts_the_committees_ledger_does() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    // The committee corrects u1's self-assessment after the task went out.
    let s = c.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u1" && s.source == SheetSource::SelfAssessment)
        .expect("sheet");
    s.points[0] = Some(Points(100));
    s.meta.touch(LATER, "committee");
    let corrected = c.clone();
    // The unit changes its sheet and claims it was sent the corrected revision.
    let mine = copy.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.source == SheetSource::SelfAssessment)
        .expect("sheet");
    mine.points[1] = Some(Points(0));
    mine.meta.touch(LATER, "u1");
    mine.meta.rev = 3;
    if let Some(ws) = copy.workspace.as_mut() {
        ws.base.insert("sheet:r1/u1/self".into(), 2);
    }
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &opts()).expect("previews");
    let ch = p
        .changes
        .iter()
        .find(|x| x.key == "sheet:r1/u1/self")
        .expect("sheet");
    // Judged against what the committee sent: each side changed another score, so the
    // two are merged score by score; the correction is never taken over.
    assert_eq!(ch.status, ChangeStatus::Changed);
    assert!(
        p.notes.iter().any(|n| n.contains("改的是不同的分数")),
        "{:?}",
        p.notes
    );
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    let points = |s: &AppState| {
        s.rounds[0]
            .sheet("u1", &SheetSource::SelfAssessment)
            .map(|x| x.points.clone())
            .unwrap_or_default()
    };
    let mut expected = points(&corrected);
    expected[1] = Some(Points(0));
    assert_eq!(points(&next), expected);
}

#[test]
fn a_copy_from_before_the_ledger_still_refuses_committee_fields() {
    let mut c = committee();
    let mut copy = unit_copy(&mut c);
    c.exchange.sent.clear();
    let o1 = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o1.incentive = "表彰".into();
    o1.meta.touch(LATER, "u1");
    let file = export_unit_return(&copy, LATER).expect("export");
    let err = import(&c, "u1.json", &file).expect_err("refused");
    assert_eq!(err.code(), "committee_field");
    assert!(err.to_string().contains("激励"), "{err}");
}

#[test]
fn an_assessor_writes_only_points_evidence_and_submitted() {
    assert_eq!(
        sender_fields(RecordType::Sheet),
        &["points", "evidence", "submitted"]
    );
    assert!(!sender_may_create(RecordType::Pairing));
    assert!(!sender_may_create(RecordType::Rectification));
}

#[test]
fn a_record_the_committee_deleted_after_sending_stays_deleted_and_blocks_nothing() {
    let mut c = committee();
    let copy = unit_copy(&mut c);
    c.outcomes.retain(|o| o.id != "o1");
    let before = c.clone();
    let file = export_unit_return(&copy, LATER).expect("export");
    let p = preview(&c, "u1.json", file.as_bytes(), &opts()).expect("accepted");
    assert!(p.changes.iter().all(|x| x.key != "outcome:o1"));
    assert!(
        p.notes.iter().any(|n| n.contains("保持删除")),
        "{:?}",
        p.notes
    );
    let next = apply(&c, &p, &Decisions::default()).expect("applies");
    assert!(next.outcomes.iter().all(|o| o.id != "o1"));
    assert_eq!(before, c);
}

#[test]
fn an_outcome_returned_under_a_name_the_unit_already_has_is_pointed_out() {
    let mut c = committee();
    let copy = copy_with_outcome(&mut c, "u2", "“红色课堂”升级版");
    let file = export_unit_return(&copy, LATER).expect("export");
    // Nothing of that name here: no warning.
    let p = preview(&c, "u2.json", file.as_bytes(), &opts()).expect("preview");
    assert!(
        !p.warnings.iter().any(|w| w.contains("同名成果")),
        "{:?}",
        p.warnings
    );
    // The committee registered it too, on another date, after the task went out.
    let mut here = outcome("o9", "u2", " “红色课堂”升级版 ");
    here.date = "2026-04-01".into();
    c.outcomes.push(here);
    let p = preview(&c, "u2.json", file.as_bytes(), &opts()).expect("preview");
    let w: Vec<&String> = p
        .warnings
        .iter()
        .filter(|w| w.contains("同名成果"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", p.warnings);
    assert!(w[0].contains("（成果日期 2026-04-01）"), "{}", w[0]);
    // Pointed out, not refused: both are kept for the person to compare.
    let next = apply(&c, &p, &Decisions::default()).expect("applied");
    let same = next
        .outcomes
        .iter()
        .filter(|o| o.unit_id == "u2" && o.title.trim() == "“红色课堂”升级版")
        .count();
    assert_eq!(same, 2);
}

#[test]
fn an_import_undone_and_made_again_brings_the_units_outcome_in() {
    let mut c = committee();
    let copy = copy_with_outcome(&mut c, "u2", "公安青年先锋岗");
    let file = export_unit_return(&copy, LATER).expect("export");
    let before_import = c.clone();
    let imported = import(&c, "u2.json", &file).expect("imports");
    assert!(imported
        .outcomes
        .iter()
        .any(|o| o.title == "公安青年先锋岗"));
    // 撤销: back to the state before the import, keeping what was issued since.
    let mut undone = before_import.clone();
    keep_issued_codes(&mut undone, &imported);
    assert_eq!(undone, before_import, "nothing of the import is left");
    // The same file again: the outcome comes in as new, not "deleted here".
    let p = preview(&undone, "u2.json", file.as_bytes(), &opts()).expect("previews");
    assert!(
        p.notes.iter().all(|n| !n.contains("保持删除")),
        "{:?}",
        p.notes
    );
    let again = apply(&undone, &p, &Decisions::default()).expect("applies");
    assert!(again.outcomes.iter().any(|o| o.title == "公安青年先锋岗"));
    // Deleted on purpose after the import, it stays deleted, and the note does not
    // call the unit's own outcome the committee's.
    let mut deleted = again.clone();
    deleted.outcomes.retain(|o| o.title != "公安青年先锋岗");
    let p = preview(&deleted, "u2.json", file.as_bytes(), &opts()).expect("previews");
    let note = p
        .notes
        .iter()
        .find(|n| n.contains("保持删除"))
        .expect("noted");
    assert!(!note.contains("工委下发的"), "{note}");
    assert!(p.is_noop());
    assert!(
        !p.noop_message().contains("相同"),
        "the file is not the same as here: {}",
        p.noop_message()
    );
}
