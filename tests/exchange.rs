//! Exchange by files: each package kind exported and imported, previews, conflicts,
//! signatures, merging several files, focused mode and snapshots.

mod exchange_support;

use exchange_support::*;
use exemplar::domain::exchange::*;
use exemplar::domain::*;

fn opts() -> ImportOptions {
    ImportOptions::default()
}

#[test]
fn a_unit_task_opens_in_focused_mode_and_its_return_applies() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let ws = copy.workspace.clone().expect("focused mode");
    assert_eq!(ws.party, Party::Unit("u1".into()));
    assert_eq!(ws.party_name, "市财政局机关党委");
    assert_eq!(ws.access_code, code(&committee, Party::Unit("u1".into())));
    assert_eq!(copy.settings.origin, "u1");
    // Only this unit's records, plus the pairing partner as a roster entry.
    assert_eq!(copy.outcomes.len(), 1);
    assert_eq!(copy.rounds[0].unit_ids, vec!["u1".to_string()]);
    assert!(copy.rounds[0].assessors.is_empty());
    assert_eq!(copy.rounds[0].sheets.len(), 1);
    assert!(copy
        .units
        .iter()
        .any(|u| u.id == "u2" && u.contact.is_empty()));
    assert!(validate_state(&copy).is_ok());

    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("return exports");
    let before = ser(&committee);
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert_eq!(ser(&committee), before, "preview changes nothing");
    assert_eq!(p.files[0].signature, SignatureCheck::Verified);
    let g = p.groups();
    assert_eq!(g[&RecordType::Outcome].added, 1);
    assert_eq!(g[&RecordType::Outcome].unchanged, 1);
    assert_eq!(g[&RecordType::Sheet].changed, 1);
    assert_eq!(g[&RecordType::Rectification].changed, 1);
    assert_eq!(g[&RecordType::Pairing].unchanged, 1);
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(next.outcomes.len(), 3);
    assert!(next.outcomes.iter().any(|o| o.id == "u1.o1"));
    let own = next.rounds[0]
        .sheet("u1", &SheetSource::SelfAssessment)
        .expect("self sheet");
    assert_eq!(own.points[0], Some(Points(350)));
    assert_eq!(
        next.rectifications[0].status,
        RectificationStatus::InProgress
    );
    // Everything else as it was.
    assert_eq!(next.units, committee.units);
    assert_eq!(next.schemes, committee.schemes);
    assert_eq!(next.exchange.codes, committee.exchange.codes);
    // The ledger of the unit's task learns the one record the unit made, as received.
    let ledger = |st: &AppState| {
        st.exchange
            .sent_to("r1", &Party::Unit("u1".into()))
            .cloned()
    };
    let (was, now) = (
        ledger(&committee).expect("sent"),
        ledger(&next).expect("sent"),
    );
    let learnt: Vec<&String> = now
        .records
        .keys()
        .filter(|k| !was.records.contains_key(*k))
        .collect();
    assert_eq!(learnt, ["outcome:u1.o1"]);
    assert_eq!(next.exchange.sent.len(), committee.exchange.sent.len());
    assert_eq!(next.exchange.key, committee.exchange.key);
    // The file is counted as received, once, for the unit and round.
    assert_eq!(next.exchange.received.len(), 1);
    let got = &next.exchange.received[0];
    assert_eq!(
        (got.round_id.as_str(), &got.party, got.file.as_str()),
        (
            next.rounds[0].id.as_str(),
            &Party::Unit("u1".into()),
            "u1.json"
        )
    );
    // The same file again changes nothing.
    let again = preview(&next, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(again.is_noop());
    assert!(again
        .noop_message()
        .starts_with("所选文件中的数据与本机相同"));
}

#[test]
fn assessor_sheets_come_back_exactly() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assert_eq!(
        copy.rounds[0].unit_ids,
        vec!["u1".to_string(), "u2".to_string()]
    );
    assert_eq!(copy.units.len(), 2);
    assessor_works(&mut copy, Points(300));
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    let src = SheetSource::Assessor("a1".into());
    for u in ["u1", "u2"] {
        assert_eq!(next.rounds[0].sheet(u, &src), copy.rounds[0].sheet(u, &src));
    }
    assert_eq!(next.rounds[0].sheets.len(), 3);
}

#[test]
fn both_sides_changing_a_record_is_a_conflict_the_person_decides() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let back = export_assessor_return(&copy, LATER).expect("exports");
    // Meanwhile the committee corrected a1's sheet on u1 from paper.
    let src = SheetSource::Assessor("a1".into());
    let s = committee.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u1" && s.source == src)
        .expect("sheet");
    s.points[0] = Some(Points(100));
    s.meta.touch("2026-10-01T00:00:00Z", "committee");
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec!["sheet:r1/u1/a:a1".to_string()]);
    assert_eq!(p.groups()[&RecordType::Sheet].added, 1);
    // What the person chooses between: the scores that differ, ours and the file's.
    let conflict = p.conflicts().next().expect("one conflict");
    let lines = p.field_changes(&committee, conflict);
    let first = committee.schemes[0]
        .indicators()
        .next()
        .expect("an indicator");
    assert_eq!(lines[0], format!("{}：本机 1，文件 3", first.name));
    assert_eq!(lines.len(), 1, "the other indicators agree: {lines:?}");
    // A blank reads 空; an evidence note is named by its indicator and quoted.
    let mut blanked = committee.clone();
    let held = blanked.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u1" && s.source == src)
        .expect("sheet");
    held.points[1] = None;
    held.evidence.insert(first.id.clone(), "见台账第3页".into());
    held.evidence
        .insert(comments::COMMENT_KEY.into(), "台账齐全".into());
    let second = committee.schemes[0]
        .indicators()
        .nth(1)
        .expect("two indicators");
    // (Read against the record held, not the conflict's own 保留本机 version, which
    // differs from the file only in the scores both sides changed.)
    let whole = Change {
        kept: None,
        ..conflict.clone()
    };
    let lines = p.field_changes(&blanked, &whole);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[1].starts_with(&format!("{}：本机 空，文件 ", second.name)),
        "{lines:?}"
    );
    assert_eq!(
        lines[2],
        format!("佐证说明（{}）：本机 “见台账第3页”，文件 空", first.name)
    );
    assert_eq!(lines[3], "评语：本机 “台账齐全”，文件 空");
    // A sheet new to this copy has nothing to compare.
    let added = p
        .changes
        .iter()
        .find(|c| c.status == ChangeStatus::Added)
        .expect("the u2 sheet");
    assert!(p.field_changes(&committee, added).is_empty());
    // Default: keep ours.
    let kept = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        kept.rounds[0].sheet("u1", &src).and_then(|s| s.points[0]),
        Some(Points(100))
    );
    // Chosen: take the file's.
    let mut d = Decisions::default();
    d.take_file.insert(conflicts[0].clone());
    let taken = apply(&committee, &p, &d).expect("applies");
    assert_eq!(
        taken.rounds[0].sheet("u1", &src).and_then(|s| s.points[0]),
        Some(Points(300))
    );
}

#[test]
fn changes_that_do_not_meet_are_merged_not_chosen_between() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    // The unit edits its outcome's 简介 and logs an activity.
    let o = copy.outcomes.iter_mut().find(|o| o.id == "o1").unwrap();
    o.description = "单位补充的简介".into();
    o.meta.touch(LATER, "u1");
    let p = copy.pairings.iter_mut().find(|p| p.id == "p1").unwrap();
    p.activities.push(activity("2026-10-10", "单位记录的活动"));
    p.meta.touch(LATER, "u1");
    let back = export_unit_return(&copy, LATER).expect("exports");
    // Meanwhile the committee recognises the outcome and logs another activity.
    let o = committee
        .outcomes
        .iter_mut()
        .find(|o| o.id == "o1")
        .unwrap();
    o.recognised = true;
    o.meta.touch("2026-10-01T00:00:00Z", "committee");
    let p = committee
        .pairings
        .iter_mut()
        .find(|p| p.id == "p1")
        .unwrap();
    p.activities.push(activity("2026-09-20", "工委补录的活动"));
    p.meta.touch("2026-10-01T00:00:00Z", "committee");

    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert_eq!(p.conflicts().count(), 0, "{:?}", p.notes);
    assert_eq!(
        p.notes
            .iter()
            .filter(|n| n.contains("互不冲突，导入时合并"))
            .count(),
        2,
        "{:?}",
        p.notes
    );
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    let o = next.outcomes.iter().find(|o| o.id == "o1").unwrap();
    assert!(o.recognised, "the committee's 认定 stays");
    assert_eq!(o.description, "单位补充的简介", "the unit's text is taken");
    let titles: Vec<&str> = next.pairings[0]
        .activities
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["联合主题党日", "工委补录的活动", "单位记录的活动"]);

    // An activity the committee deleted stays deleted; one the unit added is taken.
    let mut committee2 = next.clone();
    committee2.pairings[0]
        .activities
        .retain(|a| a.title != "联合主题党日");
    committee2.pairings[0]
        .meta
        .touch("2026-10-20T00:00:00Z", "committee");
    let mut unit2 = copy.clone();
    unit2.pairings[0]
        .activities
        .push(activity("2026-10-12", "第二次活动"));
    unit2.pairings[0].meta.touch(LATER, "u1");
    // Exported after the first file (one no newer is taken as picked again).
    let back2 = export_unit_return(&unit2, "2026-10-16T09:00:00Z").expect("exports");
    // A later file is judged against the ledger again, and merged the same way.
    let p2 = preview(&committee2, "u1.json", back2.as_bytes(), &opts()).expect("previews");
    assert_eq!(p2.conflicts().count(), 0);
    let next2 = apply(&committee2, &p2, &Decisions::default()).expect("applies");
    let titles: Vec<&str> = next2.pairings[0]
        .activities
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["工委补录的活动", "单位记录的活动", "第二次活动"]);
    // Once the unit's own fields differ from what was sent (its 目标 changed in the
    // first file and taken here), a later change by both is still merged: the 目标 is
    // the same on both sides, and each side's new activity is kept.
    let mut unit3 = unit2.clone();
    unit3.pairings[0].goals = "共建共学，互促互进".into();
    unit3.pairings[0].meta.touch(LATER, "u1");
    let back3 = export_unit_return(&unit3, "2026-10-17T09:00:00Z").expect("exports");
    let taken = apply(
        &committee2,
        &preview(&committee2, "u1.json", back3.as_bytes(), &opts()).expect("previews"),
        &Decisions::default(),
    )
    .expect("applies");
    let mut committee4 = taken.clone();
    committee4.pairings[0]
        .activities
        .push(activity("2026-10-25", "工委又补录的活动"));
    committee4.pairings[0]
        .meta
        .touch("2026-10-26T00:00:00Z", "committee");
    unit3.pairings[0]
        .activities
        .push(activity("2026-10-27", "单位又记录的活动"));
    unit3.pairings[0].meta.touch(LATER, "u1");
    let back4 = export_unit_return(&unit3, "2026-10-28T09:00:00Z").expect("exports");
    let p4 = preview(&committee4, "u1.json", back4.as_bytes(), &opts()).expect("previews");
    assert_eq!(p4.conflicts().count(), 0, "{:?}", p4.changes);
    let next4 = apply(&committee4, &p4, &Decisions::default()).expect("applies");
    let titles: Vec<&str> = next4.pairings[0]
        .activities
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "工委补录的活动",
            "单位记录的活动",
            "第二次活动",
            "工委又补录的活动",
            "单位又记录的活动"
        ]
    );
    assert_eq!(next4.pairings[0].goals, "共建共学，互促互进");
    // But the two sides giving the 目标 different words is a conflict the person
    // decides: never a silent loss of either side.
    let mut committee5 = committee4.clone();
    committee5.pairings[0].goals = "工委改的目标".into();
    let p5 = preview(&committee5, "u1.json", back4.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p5.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec!["pairing:p1".to_string()]);

    // Both changing the unit's own field is still a conflict.
    let mut committee3 = committee.clone();
    let o = committee3
        .outcomes
        .iter_mut()
        .find(|o| o.id == "o1")
        .unwrap();
    o.description = "工委改的简介".into();
    let p3 = preview(&committee3, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p3.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec!["outcome:o1".to_string()]);
}

#[test]
fn the_preview_says_what_each_changed_record_changes_on_both_sides() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    // The unit: 活动经费 1.5 → 5.5, a pairing activity, an outcome's description.
    let e = copy
        .resources
        .iter_mut()
        .find(|r| r.id == "e1")
        .expect("e1");
    e.activity_funds = Points(550);
    e.meta.touch(LATER, "u1");
    let p = copy.pairings.iter_mut().find(|p| p.id == "p1").expect("p1");
    p.activities.push(PairingActivity {
        date: "2026-09-01".into(),
        title: "联学".into(),
        note: String::new(),
        form: ActivityForm::Other,
        participants: String::new(),
        result: String::new(),
    });
    p.meta.touch(LATER, "u1");
    let o = copy.outcomes.iter_mut().find(|o| o.id == "o1").expect("o1");
    o.description = "补充了推广情况".into();
    o.meta.touch(LATER, "u1");
    // Meanwhile the committee corrected the unit's 党建工作经费 to 15 and its 活动经费
    // to 2 from paper.
    let e = committee
        .resources
        .iter_mut()
        .find(|r| r.id == "e1")
        .expect("e1");
    e.funds = Points::whole(15);
    e.activity_funds = Points::whole(2);
    e.meta.touch("2026-10-01T00:00:00Z", "committee");
    let back = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let of = |key: &str| {
        let c = p.changes.iter().find(|c| c.key == key).expect(key);
        (c.status, p.field_changes(&committee, c))
    };
    // Both sides of the conflict are shown, with no arrow (either may be kept): the
    // committee's 2 and the unit's 5.5 for 活动经费, which both changed. The
    // committee's 15, which the unit left alone, stays whichever is chosen, so it is
    // not offered. The records only the unit changed read 本机 → 文件.
    assert_eq!(
        of("resource:e1"),
        (
            ChangeStatus::Conflict,
            vec!["活动经费（万元）：本机 2，文件 5.5".to_string()]
        )
    );
    // What a list gains is said item by item, not only counted.
    assert_eq!(
        of("pairing:p1").1,
        [
            "结对活动：本机 1 条 → 文件 2 条",
            "文件中有、本机没有的结对活动：“2026-09-01 联学”"
        ]
    );
    assert_eq!(
        of("outcome:o1").1,
        ["成果简介：本机 “做法与成效” → 文件 “补充了推广情况”"]
    );
    assert_eq!(
        of("rectification:c1").1,
        [
            "整改状态：本机 未开始 → 文件 整改中",
            "整改进展：本机 0 条 → 文件 1 条",
            "文件中有、本机没有的整改进展：“2026-10-10 已开展结对活动两次”"
        ]
    );
}

#[test]
fn an_older_file_after_a_newer_one_is_stale() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let first = export_assessor_return(&copy, LATER).expect("exports");
    assessor_works(&mut copy, Points(350));
    let second = export_assessor_return(&copy, LATER).expect("exports");
    let p2 = preview(&committee, "2.json", second.as_bytes(), &opts()).expect("previews");
    let after2 = apply(&committee, &p2, &Decisions::default()).expect("applies");
    let p1 = preview(&after2, "1.json", first.as_bytes(), &opts()).expect("previews");
    assert!(p1.changes.iter().all(|c| c.status == ChangeStatus::Stale));
    assert!(p1.is_noop());
    // Said as an older file, not as the same data.
    assert!(p1
        .noop_message()
        .starts_with("所选文件中没有比本机更新的内容"));
    // And the newer one after the older one is a plain change.
    let after1 = apply(
        &committee,
        &preview(&committee, "1.json", first.as_bytes(), &opts()).expect("previews"),
        &Decisions::default(),
    )
    .expect("applies");
    let p = preview(&after1, "2.json", second.as_bytes(), &opts()).expect("previews");
    assert!(p.changes.iter().all(|c| c.status == ChangeStatus::Changed));
}

#[test]
fn an_unsigned_file_needs_the_explicit_override() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    copy.workspace.as_mut().expect("ws").access_code = "WRONG-CODE".into();
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let err = preview(&committee, "a1.json", back.as_bytes(), &opts()).unwrap_err();
    assert_eq!(err.code(), "bad_signature");
    assert!(err.overridable());
    assert!(err.to_string().contains("评委「张评委」"));
    let p = preview(
        &committee,
        "a1.json",
        back.as_bytes(),
        &ImportOptions {
            accept_unverified: true,
            ..ImportOptions::default()
        },
    )
    .expect("override previews");
    assert!(matches!(
        p.files[0].signature,
        SignatureCheck::Overridden(_)
    ));
    assert!(p.warnings[0].contains("未通过身份核对"));
}

#[test]
fn apply_refuses_a_state_that_changed_after_the_preview() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a2");
    assessor_works(&mut copy, Points(300));
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a2.json", back.as_bytes(), &opts()).expect("previews");
    let mut moved = committee.clone();
    moved.units[0].name.push('X');
    assert_eq!(
        apply(&moved, &p, &Decisions::default()),
        Err(ExchangeError::StalePreview)
    );
}

#[test]
fn several_files_merge_into_one_preview_and_overlaps_are_refused() {
    let mut committee = committee();
    let mut a1 = assessor_copy(&mut committee, "a1");
    assessor_works(&mut a1, Points(300));
    let mut a2 = assessor_copy(&mut committee, "a2");
    assessor_works(&mut a2, Points(250));
    let mut u1 = unit_copy(&mut committee);
    unit_works(&mut u1);
    let f1 = export_assessor_return(&a1, LATER).expect("exports");
    let f2 = export_assessor_return(&a2, LATER).expect("exports");
    let f3 = export_unit_return(&u1, LATER).expect("exports");
    let backup = export_backup(&committee, LATER);
    let files = vec![
        ("a1.json".to_string(), f1.clone().into_bytes()),
        ("a2.json".to_string(), f2.into_bytes()),
        ("u1.json".to_string(), f3.into_bytes()),
        // a1 exported again later: another file changing the same records.
        (
            "a1-again.json".to_string(),
            export_assessor_return(&a1, "2026-10-16T09:00:00Z")
                .expect("exports")
                .into_bytes(),
        ),
        // The very same file under another name.
        ("a1（副本）.json".to_string(), f1.into_bytes()),
        ("backup.json".to_string(), backup.into_bytes()),
        ("junk.json".to_string(), b"not json".to_vec()),
    ];
    let before = ser(&committee);
    let batch = preview_many(&committee, &files, &opts());
    assert_eq!(ser(&committee), before);
    let codes: Vec<&str> = batch
        .verdicts
        .iter()
        .map(|v| match &v.result {
            Ok(_) => "ok",
            Err(e) => e.code(),
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            "older_than_other",
            "ok",
            "ok",
            "ok",
            "same_file",
            "not_for_this_copy",
            "not_json"
        ]
    );
    assert!(batch.verdicts[4]
        .result
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("与文件「a1.json」的内容完全相同"));
    // a1 exported again later: the later file is taken, the earlier one refused.
    assert!(batch.verdicts[0]
        .result
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("文件「a1-again.json」导出得较晚"));
    assert_eq!(batch.merged.files.len(), 3);
    // Listed (and named in the snapshot's label) in the order chosen, not newest first.
    assert_eq!(
        batch
            .merged
            .files
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["a2.json", "u1.json", "a1-again.json"]
    );
    // Each change still names its own file: the unit's new outcome is from u1.json.
    let added: Vec<&str> = batch
        .merged
        .changes
        .iter()
        .filter(|c| c.record_type == RecordType::Outcome && c.status == ChangeStatus::Added)
        .map(|c| batch.merged.files[c.file].name.as_str())
        .collect();
    assert_eq!(added, ["u1.json"]);
    let next = apply(&committee, &batch.merged, &Decisions::default()).expect("applies");
    // a1: u1, u2; a2: u1, u2, u3; u1 self: 6 assessor/self sheets + the unit's.
    assert_eq!(next.rounds[0].sheets.len(), 6);
    assert_eq!(next.outcomes.len(), 3);
}

#[test]
fn of_two_returns_from_one_unit_the_later_export_is_imported_in_either_order() {
    // A unit exports, corrects a score and exports again; both files sit on the USB
    // stick and are chosen together, in whatever order the file picker gives.
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let first = export_unit_return(&copy, LATER).expect("exports");
    let sheet = copy.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.source == SheetSource::SelfAssessment)
        .expect("self sheet");
    sheet.points[0] = Some(Points(100));
    sheet.meta.touch("2026-10-16T09:00:00Z", "u1");
    let second = export_unit_return(&copy, "2026-10-16T09:00:00Z").expect("exports");
    let self_score = |s: &AppState| {
        s.rounds[0]
            .sheets
            .iter()
            .find(|x| x.unit_id == "u1" && x.source == SheetSource::SelfAssessment)
            .and_then(|x| x.points[0])
    };
    let older = ("u1.json".to_string(), first.into_bytes());
    let newer = ("u1 (1).json".to_string(), second.into_bytes());
    for files in [
        vec![older.clone(), newer.clone()],
        vec![newer.clone(), older.clone()],
    ] {
        let batch = preview_many(&committee, &files, &opts());
        let older = batch
            .verdicts
            .iter()
            .find(|v| v.name == "u1.json")
            .expect("listed");
        assert_eq!(
            older.result.as_ref().map_err(|e| e.code()).err(),
            Some("older_than_other")
        );
        let next = apply(&committee, &batch.merged, &Decisions::default()).expect("applies");
        assert_eq!(
            self_score(&next),
            Some(Points(100)),
            "the later export wins"
        );
    }
}

#[test]
fn a_return_whose_envelope_names_another_round_is_refused_naming_both_rounds() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("exports");
    let mut env: serde_json::Value = serde_json::from_str(&back).expect("json");
    env["round"] = serde_json::json!({"id": "r9", "name": "2025年度考评"});
    let edited = serde_json::to_string(&env).expect("json");
    let before = ser(&committee);
    let err = preview(&committee, "u1.json", edited.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(err.code(), "sender_mismatch");
    // The content's round by its name, as the clerk knows it, not by its code.
    let name = &committee.rounds[0].name;
    assert_eq!(
        err.to_string(),
        format!("文件信封上写的是考评轮次「2025年度考评」，内容却是考评轮次「{name}」，前后不一致")
    );
    // Only the code changed: the codes are named, not one name twice.
    env["round"] = serde_json::json!({"id": "r9", "name": name});
    let edited = serde_json::to_string(&env).expect("json");
    let err = preview(&committee, "u1.json", edited.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "文件信封上写的是考评轮次编号「r9」，内容却是考评轮次编号「r1」，前后不一致"
    );
    // The content's round is not in this copy: said so, not named by its bare code (a
    // clerk's review: 内容却是考评轮次「r1」).
    let mut elsewhere = committee.clone();
    elsewhere.rounds[0].id = "r8".into();
    env["round"] = serde_json::json!({"id": "r9", "name": "2025年度考评"});
    let edited = serde_json::to_string(&env).expect("json");
    let err = preview(&elsewhere, "u1.json", edited.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "文件信封上写的是考评轮次「2025年度考评」，内容却是本机没有的考评轮次（编号「r1」），前后不一致"
    );
    // Only the name changed (the committee may rename a round after sending it): the
    // file is read, and shown under the round as this copy names it. (Signed as the
    // unit wrote it: an envelope edited afterwards breaks the signature.)
    let id = committee.rounds[0].id.clone();
    env["round"] = serde_json::json!({"id": id, "name": "2025年度考评"});
    let signed: Envelope = serde_json::from_value(env.clone()).expect("an envelope");
    let u1 = code(&committee, Party::Unit("u1".into()));
    env["signature"] = serde_json::json!(sign(&u1, &signed_message(&signed)));
    let edited = serde_json::to_string(&env).expect("json");
    let p = preview(&committee, "u1.json", edited.as_bytes(), &opts()).expect("previews");
    assert_eq!(
        p.files[0].round.as_ref().map(|r| r.name.as_str()),
        Some(name.as_str())
    );
    assert_eq!(ser(&committee), before);
}

#[test]
fn a_later_export_that_puts_a_score_back_outweighs_the_earlier_change() {
    // The committee holds the unit's self-assessment; the unit changes a score and
    // exports, then corrects it back and exports again. Chosen together, in either
    // order, the earlier file is refused: the score stays as the later file has it.
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let sent = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", sent.as_bytes(), &opts()).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let self_score = |s: &AppState| {
        s.rounds[0]
            .sheets
            .iter()
            .find(|x| x.unit_id == "u1" && x.source == SheetSource::SelfAssessment)
            .map(|x| x.points[0])
    };
    let held = self_score(&committee).expect("self sheet");
    let set = |copy: &mut AppState, v: Option<Points>, at: &str| {
        let sheet = copy.rounds[0]
            .sheets
            .iter_mut()
            .find(|x| x.source == SheetSource::SelfAssessment)
            .expect("self sheet");
        sheet.points[0] = v;
        sheet.meta.touch(at, "u1");
    };
    set(&mut copy, Some(Points(100)), "2026-10-16T09:00:00Z");
    let wrong = export_unit_return(&copy, "2026-10-16T09:00:00Z").expect("exports");
    set(&mut copy, held, "2026-10-16T09:01:00Z");
    let right = export_unit_return(&copy, "2026-10-16T09:01:00Z").expect("exports");
    let early = ("early.json".to_string(), wrong.into_bytes());
    let late = ("late.json".to_string(), right.into_bytes());
    for files in [
        vec![early.clone(), late.clone()],
        vec![late.clone(), early.clone()],
    ] {
        let batch = preview_many(&committee, &files, &opts());
        let verdict = |n: &str| verdict_of(&batch, n);
        assert_eq!(verdict("early.json"), Some("older_than_other"));
        assert_eq!(verdict("late.json"), Some("ok"));
        let next = apply(&committee, &batch.merged, &Decisions::default()).expect("applies");
        assert_eq!(self_score(&next), Some(held), "the later file's score");
    }
}

/// What a batch said of file `name`: `ok`, or its refusal's code.
fn verdict_of(batch: &exemplar::domain::exchange::Batch, name: &str) -> Option<&'static str> {
    batch
        .verdicts
        .iter()
        .find(|v| v.name == name)
        .map(|v| v.result.as_ref().map(|_| "ok").unwrap_or_else(|e| e.code()))
}

/// A clerk's review: with 仍然导入 ticked for one doubtful file (another city's copy of
/// a unit's return, signed with another code and exported later), the unit's verified
/// return was pushed out of the batch as 较早, and its work went unsaid.
#[test]
fn an_unverified_file_never_displaces_a_verified_one_of_the_same_sender() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let genuine = export_unit_return(&copy, LATER).expect("exports");
    let mut forged = copy.clone();
    forged.workspace.as_mut().expect("ws").access_code = "ANOTHER-CITY".into();
    let forged = export_unit_return(&forged, "2026-10-16T09:00:00Z").expect("exports");
    let unverified = ImportOptions {
        accept_unverified: true,
        ..ImportOptions::default()
    };
    for files in [
        vec![
            ("genuine.json".to_string(), genuine.clone().into_bytes()),
            ("forged.json".to_string(), forged.clone().into_bytes()),
        ],
        vec![
            ("forged.json".to_string(), forged.clone().into_bytes()),
            ("genuine.json".to_string(), genuine.clone().into_bytes()),
        ],
    ] {
        let batch = preview_many(&committee, &files, &unverified);
        let verdict = |n: &str| verdict_of(&batch, n);
        assert_eq!(verdict("genuine.json"), Some("ok"));
        assert_eq!(verdict("forged.json"), Some("behind_verified"));
        let said = batch
            .verdicts
            .iter()
            .find_map(|v| v.result.as_ref().err())
            .expect("refused")
            .to_string();
        assert!(
            said.starts_with("文件「genuine.json」通过了身份核对"),
            "{said}"
        );
        assert_eq!(batch.merged.files.len(), 1);
        assert_eq!(batch.merged.files[0].signature, SignatureCheck::Verified);
    }
    // Alone, the doubtful file may still be taken in by the person's choice.
    let alone =
        preview(&committee, "forged.json", forged.as_bytes(), &unverified).expect("previews");
    assert!(matches!(
        alone.files[0].signature,
        SignatureCheck::Overridden(_)
    ));
}

#[test]
fn two_exports_of_the_same_work_list_each_record_once() {
    // A unit exported the same work twice (two files, different times); the committee
    // has imported it already and chooses both again: nothing to import, and each
    // record counted once, not twice.
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let first = export_unit_return(&copy, LATER).expect("exports");
    let second = export_unit_return(&copy, "2026-10-16T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let once = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    let files = vec![
        ("u1.json".to_string(), first.into_bytes()),
        ("u1 (1).json".to_string(), second.into_bytes()),
    ];
    let batch = preview_many(&committee, &files, &opts());
    assert!(batch.verdicts.iter().all(|v| v.result.is_ok()));
    let keys = |p: &Preview| {
        let mut k: Vec<String> = p.changes.iter().map(|c| c.key.clone()).collect();
        k.sort();
        k
    };
    assert!(batch
        .merged
        .changes
        .iter()
        .all(|c| c.status == ChangeStatus::Unchanged));
    assert_eq!(keys(&batch.merged), keys(&once), "each record once");
}

#[test]
fn a_snapshot_restores_the_exact_state_from_before_an_import() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("exports");
    let mut snaps = Snapshots::default();
    let before = ser(&committee);
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    snaps.take("导入前：单位报送文件", LATER, &committee);
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_ne!(ser(&next), before);
    let restored = snaps.restore(0).expect("snapshot");
    assert_eq!(ser(&restored), before);
    assert_eq!(restored, committee);
}

#[test]
fn backup_restores_the_whole_state_and_results_reach_a_unit_copy() {
    let mut committee = committee();
    let backup = export_backup(&committee, LATER);
    let blank = AppState::default();
    let p = preview(&blank, "b.json", backup.as_bytes(), &opts()).expect("previews");
    assert!(p.replaces_state);
    assert_eq!(
        apply(&blank, &p, &Decisions::default()).expect("applies"),
        committee
    );
    // Into a state with other data: shows what is dropped.
    let mut other = committee.clone();
    other.outcomes.push(outcome("o9", "u3", "多出的成果"));
    let p = preview(&other, "b.json", backup.as_bytes(), &opts()).expect("previews");
    assert_eq!(p.groups()[&RecordType::Outcome].removed, 1);

    let copy = unit_copy(&mut committee);
    committee.rounds[0].published = true;
    let results = export_results(&committee, "r1", LATER).expect("exports");
    let p = preview(&copy, "r.json", results.as_bytes(), &opts()).expect("previews");
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    let ws = next.workspace.expect("ws");
    assert_eq!(ws.results.len(), 1);
    assert_eq!(ws.results[0].rows.len(), 3);
    assert_eq!(
        preview(&committee, "r.json", results.as_bytes(), &opts())
            .unwrap_err()
            .code(),
        "not_for_this_copy"
    );
}

#[test]
fn exports_refuse_with_a_message() {
    let mut committee = committee();
    assert_eq!(
        export_results(&committee, "r1", LATER).unwrap_err().code(),
        "export"
    );
    assert!(export_to_unit(&mut committee, "r1", "u4", LATER, ENTROPY)
        .unwrap_err()
        .to_string()
        .contains("不在考评轮次"));
    assert!(export_unit_return(&committee, LATER).is_err());
    assert_eq!(
        file_name(
            PackageKind::UnitReturn,
            "市财政局/机关:党委",
            "2026-11-28T10:00:00Z"
        ),
        "单位报送-市财政局_机关_党委-20261128.json"
    );
}

#[test]
fn an_older_version_is_migrated_and_a_missing_step_is_an_error() {
    let committee = committee();
    let file = export_backup(&committee, LATER);
    // Written as version 1.
    let old = file;
    // Pretend the current version is 2 with a migration 1 → 2 that renames a field.
    fn bump(
        _kind: PackageKind,
        mut v: serde_json::Value,
    ) -> Result<serde_json::Value, ExchangeError> {
        if let Some(st) = v.get_mut("state").and_then(|s| s.as_object_mut()) {
            st.insert("guidance_visits".into(), serde_json::json!([]));
        }
        Ok(v)
    }
    let pkg = read_package_with(old.as_bytes(), 2, &[bump]).expect("migrates");
    match pkg.content {
        Content::Backup(b) => assert_eq!(b.state, committee),
        other => panic!("wrong content {other:?}"),
    }
    assert_eq!(
        read_package_with(old.as_bytes(), 3, &[bump])
            .unwrap_err()
            .code(),
        "migration"
    );
}

#[test]
fn all_task_files_at_once_match_the_single_exports_and_issue_each_code_once() {
    let mut committee = committee();
    // One code issued before: it is reused; the others are issued now, all different.
    issue_code(
        &mut committee,
        "r1",
        Party::Unit("u1".into()),
        ISSUED,
        ENTROPY,
    );
    let before_codes = committee.exchange.codes.len();
    let round = committee.round("r1").unwrap().clone();
    let files = export_all_tasks(&mut committee, "r1", LATER, b"other entropy").expect("exports");
    assert_eq!(files.len(), round.unit_ids.len() + round.assessors.len());
    assert_eq!(files[0].party, Party::Unit(round.unit_ids[0].clone()));
    // The round and the person in each name: a clerk sends dozens of these.
    let day: String = LATER.chars().filter(char::is_ascii_digit).take(8).collect();
    assert_eq!(
        files.last().unwrap().name,
        format!("评分任务-2026年度考评-李评委-{day}.json")
    );
    assert_eq!(
        files.last().unwrap().party,
        Party::Assessor(round.assessors.last().unwrap().id.clone())
    );
    let mut codes: Vec<String> = files
        .iter()
        .map(|f| code(&committee, f.party.clone()))
        .collect();
    assert_eq!(codes[0], code(&committee, Party::Unit("u1".into())));
    assert!(committee.exchange.codes.len() >= before_codes);
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), files.len(), "one distinct code per recipient");
    // Each file is what the single export makes now that the codes exist.
    for f in &files {
        let single = match &f.party {
            Party::Unit(u) => export_to_unit(&mut committee, "r1", u, LATER, b"unused"),
            Party::Assessor(a) => export_to_assessor(&mut committee, "r1", a, LATER, b"unused"),
            other => panic!("unexpected {other:?}"),
        }
        .unwrap();
        assert_eq!(f.text, single, "{}", f.who);
        assert!(
            f.name.ends_with(".json") && f.name.contains(&f.who),
            "{}",
            f.name
        );
        // And opens in a blank browser.
        assert!(open_task(&f.text).workspace.is_some());
    }
    // Exporting again issues nothing new.
    let n = committee.exchange.codes.len();
    export_all_tasks(&mut committee, "r1", LATER, b"third").unwrap();
    assert_eq!(committee.exchange.codes.len(), n);
}

#[test]
fn all_task_files_for_an_unknown_round_change_nothing() {
    let mut committee = committee();
    let before = ser(&committee);
    assert!(export_all_tasks(&mut committee, "nope", LATER, ENTROPY).is_err());
    assert_eq!(ser(&committee), before);
}

#[test]
fn undo_keeps_the_access_codes_issued_since() {
    let mut committee = committee();
    let before_export = committee.clone();
    let files = export_all_tasks(&mut committee, "r1", LATER, ENTROPY).unwrap();
    assert!(!files.is_empty());
    // Going back to the state before the export keeps every code it issued…
    let mut restored = before_export.clone();
    keep_issued_codes(&mut restored, &committee);
    for f in &files {
        assert_eq!(
            restored
                .exchange
                .code_for("r1", &f.party)
                .map(|c| c.code.clone()),
            committee
                .exchange
                .code_for("r1", &f.party)
                .map(|c| c.code.clone()),
            "{}",
            f.who
        );
    }
    // …and nothing else of the later state.
    let mut expected = before_export.clone();
    expected.exchange = restored.exchange.clone();
    assert_eq!(restored, expected);
    // A code for a round the restored state does not have is left out.
    let mut no_round = before_export;
    no_round.rounds.clear();
    let had = no_round.exchange.codes.len();
    assert!(
        committee.exchange.codes.len() > had,
        "the export issued codes"
    );
    keep_issued_codes(&mut no_round, &committee);
    assert_eq!(no_round.exchange.codes.len(), had);
}

#[test]
fn a_return_arriving_after_publication_is_previewed_with_a_warning() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.warnings.iter().any(|w| w.contains("已经发布")),
        "not published: no warning"
    );
    committee.rounds[0].published = true;
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.contains("的结果已经发布") && w.contains("提示重新发布")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn an_incomplete_return_is_named_in_the_preview_and_counted_when_received() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    // a1 leaves two scores of u2 (市教育局机关党支部) blank.
    let src = SheetSource::Assessor("a1".into());
    let s = copy.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u2" && s.source == src)
        .expect("sheet");
    s.points[0] = None;
    s.points[3] = None;
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(
        p.notes
            .iter()
            .any(|n| n
                == "评委「张评委」的报送不完整（导入后仍未评完）：市教育局机关党支部：缺 2 项"),
        "{:?}",
        p.notes
    );
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    let (n, latest) = received_from(&next, "r1", &Party::Assessor("a1".into()));
    assert_eq!(n, 1);
    assert_eq!(
        latest.map(|r| r.incomplete.clone()),
        Some(vec!["市教育局机关党支部：缺 2 项".to_string()])
    );
    assert_eq!(received_counts(&next, "r1"), (1, 0));
    assert_eq!(
        received_line(&next, "r1", &Party::Assessor("a1".into())),
        "；已收到报送文件 1 份，最近一份未评完 1 个单位（市教育局机关党支部：缺 2 项）"
    );
    assert_eq!(
        received_line(&next, "r1", &Party::Assessor("a2".into())),
        "；尚未收到报送文件"
    );
    // The same file again is not a second file.
    let again = apply(
        &next,
        &preview(&next, "a1.json", back.as_bytes(), &opts()).expect("previews"),
        &Decisions::default(),
    )
    .expect("applies");
    assert_eq!(received_counts(&again, "r1"), (1, 0));
    // A second, different file from the same assessor is a second file, not a second
    // assessor.
    let mut later = again.clone();
    let mut second = later.exchange.received[0].clone();
    second.file = "a1（更正）.json".into();
    second.made_at = "2026-12-02T09:00:00Z".into();
    later.exchange.received.push(second);
    assert_eq!(
        received_from(&later, "r1", &Party::Assessor("a1".into())).0,
        2
    );
    assert_eq!(received_counts(&later, "r1"), (1, 0));
}

#[test]
fn an_older_incomplete_return_picked_again_does_not_say_the_complete_sheets_are_missing() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let src = SheetSource::Assessor("a1".into());
    let blank = |copy: &mut AppState, v: Option<Points>| {
        let s = copy.rounds[0]
            .sheets
            .iter_mut()
            .find(|s| s.unit_id == "u2" && s.source == src)
            .expect("sheet");
        s.points[0] = v;
        s.meta.touch(LATER, "a1");
    };
    blank(&mut copy, None);
    let first = export_assessor_return(&copy, LATER).expect("exports");
    // The assessor fills the blank and sends again; the committee takes that one.
    blank(&mut copy, Some(Points(300)));
    let second = export_assessor_return(&copy, "2026-12-02T09:00:00Z").expect("exports");
    let p = preview(&committee, "a1b.json", second.as_bytes(), &opts()).expect("previews");
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    // The first file, picked again by mistake: its sheet is older and is not taken, so
    // nothing is left incomplete and the preview does not say so.
    let p = preview(&next, "a1.json", first.as_bytes(), &opts()).expect("previews");
    assert!(p.changes.iter().any(|c| c.status == ChangeStatus::Stale));
    assert!(
        !p.notes.iter().any(|n| n.contains("报送不完整")),
        "{:?}",
        p.notes
    );
}

#[test]
fn the_results_file_says_a_rule_set_a_vetoed_units_grade_not_that_it_was_a_veto() {
    let state = exemplar::domain::sample::sample_city(1);
    let round = state.rounds.iter().max_by_key(|r| r.year).expect("a round");
    let results = exemplar::domain::scoring::compute_round(&state, &round.id).expect("computes");
    let vetoed = results
        .ranking()
        .find(|u| !u.vetoes.is_empty())
        .expect("the sample has a vetoed unit");
    let item = vetoed.vetoes[0].name.clone();
    assert!(
        vetoed.grade_notes.concat().contains(&item),
        "the committee's own view names it"
    );
    let rows = rows_of(&results);
    let row = rows
        .iter()
        .find(|r| r.unit_id == vetoed.unit_id)
        .expect("row");
    assert_eq!(row.grade_note, VETO_PUBLIC_NOTE);
    assert!(rows.iter().all(|r| !r.grade_note.contains(&item)));
    // Nor that it was a veto: the file travels on a USB stick to every unit.
    assert!(rows.iter().all(|r| !r.grade_note.contains("否决")));
    // Other reasons (the 优秀 line without an innovation) still travel.
    let other = results
        .ranking()
        .find(|u| u.vetoes.is_empty() && !u.grade_notes.is_empty())
        .expect("a unit with another reason");
    let row = rows
        .iter()
        .find(|r| r.unit_id == other.unit_id)
        .expect("row");
    assert_eq!(row.grade_note, other.grade_notes.join("；"));
}

#[test]
fn a_return_with_nothing_new_is_still_counted_as_received() {
    let mut committee = committee();
    // The assessor sends the task back without scoring anything.
    let copy = assessor_copy(&mut committee, "a1");
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(p.is_noop(), "no record changes");
    assert_eq!(unrecorded_receipts(&committee, &p.files), 1);
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(received_counts(&next, "r1"), (1, 0));
    assert_eq!(
        received_from(&next, "r1", &Party::Assessor("a1".into())).0,
        1
    );
    assert_eq!(unrecorded_receipts(&next, &p.files), 0, "recorded once");
    // Nothing but the receipt changed.
    let mut without = next.clone();
    without.exchange.received.clear();
    assert_eq!(ser(&without), ser(&committee));
}

#[test]
fn a_task_file_exported_again_brings_the_committees_new_records_and_keeps_the_work() {
    use exemplar::domain::between_rounds::rectification::{self, RectificationDraft};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let worked = copy.clone();
    // The committee records a new item for the unit, and sends the task file again.
    rectification::add(
        &mut committee,
        RectificationDraft {
            unit_id: "u1".into(),
            category: ProblemCategory::WeakRadiation,
            source: ProblemSource::Visit,
            description: "结对帮带活动偏少".into(),
            owner: "王芳".into(),
            deadline: "2026-12-20".into(),
            status: RectificationStatus::Open,
        },
        "2026-10-20T09:00:00Z",
    )
    .expect("item added");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export to unit");
    // Opened in the copy: a task update, not a refusal, not a blank copy.
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    assert!(!p.replaces_state);
    assert_eq!(
        p.notes,
        vec![exemplar::domain::exchange::TASK_UPDATE_NOTE.to_string()]
    );
    let g = p.groups();
    assert_eq!(g[&RecordType::Rectification].added, 1, "{g:?}");
    // The self-assessment and the outcome filled in here are the copy's to keep.
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert!(next
        .rectifications
        .iter()
        .any(|r| r.description == "结对帮带活动偏少"));
    let mine = |s: &AppState| {
        s.rounds[0]
            .sheets
            .iter()
            .find(|s| s.source == SheetSource::SelfAssessment)
            .map(|s| s.points[0])
    };
    assert_eq!(mine(&next), mine(&worked));
    assert_eq!(mine(&next), Some(Some(Points(350))));
    assert_eq!(next.outcomes.len(), worked.outcomes.len());
    // The new item is now part of the task as issued (the base a return reports on).
    let item = next
        .rectifications
        .iter()
        .find(|r| r.description == "结对帮带活动偏少")
        .expect("the item");
    assert!(next
        .workspace
        .as_ref()
        .is_some_and(|w| w.base.keys().any(|k| k.contains(&item.id))));
    // The return from the updated copy still reaches the committee whole.
    let back = export_unit_return(&next, LATER).expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(mine(&done), Some(Some(Points(350))));
    // The same file once more changes nothing.
    let p = preview(&next, "again.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.is_noop(), "{:?}", p.changes);
}

#[test]
fn a_task_update_to_another_scheme_is_refused_while_the_copy_holds_scores() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    // The committee moves the round to a corrected version of its scheme.
    let mut v2 = committee.schemes[0].clone();
    v2.id = "s-v2".into();
    v2.version += 1;
    committee.schemes.push(v2);
    committee.rounds[0].scheme_id = "s-v2".into();
    committee.rounds[0].meta.rev += 1;
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export to unit");
    let before = ser(&copy);
    let e = preview(&copy, "again.json", again.as_bytes(), &opts()).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("改用") && text.contains("第2版") && text.contains("导出备份"),
        "{text}"
    );
    assert_eq!(ser(&copy), before, "nothing changed");
}

#[test]
fn progress_added_on_both_sides_to_one_rectification_item_is_merged_not_lost() {
    use exemplar::domain::between_rounds::rectification;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    // The unit reports progress and completion; meanwhile the committee notes a call.
    progress_and_done(&mut copy);
    rectification::add_progress(
        &mut committee,
        "c1",
        "2026-10-06",
        "工委电话督促",
        "2026-10-06T09:00:00Z",
    )
    .expect("committee progress");
    let notes = |s: &AppState| -> Vec<String> {
        let r = s
            .rectifications
            .iter()
            .find(|r| r.id == "c1")
            .expect("item");
        r.progress.iter().map(|p| p.note.clone()).collect()
    };
    let status = |s: &AppState| {
        s.rectifications
            .iter()
            .find(|r| r.id == "c1")
            .unwrap()
            .status
    };

    // At the committee: no conflict to choose, both notes kept, the unit's 已完成 taken.
    let back = export_unit_return(&copy, LATER).expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    assert!(
        p.notes.iter().any(|n| n.contains("导入时合并")),
        "{:?}",
        p.notes
    );
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(notes(&done), ["已开展结对活动两次", "工委电话督促"]);
    assert_eq!(status(&done), RectificationStatus::Done);

    // At the unit, the committee's task file again: the same, from the other side.
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export to unit");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(notes(&next), ["已开展结对活动两次", "工委电话督促"]);
    assert_eq!(status(&next), RectificationStatus::Done);
}

#[test]
fn a_units_copy_without_the_years_resources_is_told_before_it_exports() {
    use exemplar::domain::return_check::resources_gap;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let year = copy.rounds[0].year;
    copy.resources
        .retain(|r| !(r.unit_id == "u1" && r.year == year));
    assert_eq!(
        resources_gap(&copy, year),
        Some(format!("{year}年度保障投入还没有登记"))
    );
    // A clerk's review: a round of a year still to come (a 2027 round set up in 2026)
    // asked for that year's figures, which the form refuses until the year comes.
    assert_eq!(resources_gap(&copy, year - 1), None);
    assert_eq!(
        exemplar::domain::return_check::resources_year(&copy, year - 1),
        None
    );
    let draft = between_rounds::resources::ResourceDraft {
        unit_id: "u1".into(),
        year: year.to_string(),
        funds: "3".into(),
        activity_funds: String::new(),
        staff: "1".into(),
        part_time_staff: String::new(),
        premises: false,
        premises_area: String::new(),
        note: String::new(),
    };
    between_rounds::resources::save(&mut copy, None, draft, LATER).expect("saved");
    assert_eq!(resources_gap(&copy, year), None);
    // An assessor's copy and the committee's own data have nothing to enter.
    assert_eq!(
        resources_gap(&assessor_copy(&mut committee, "a1"), year),
        None
    );
    assert_eq!(resources_gap(&committee, year), None);
}

/// The committee takes the unit's first return (an outcome registered in the copy) and
/// files (备案) that outcome on 2026-11-02, which the copy has not seen: the committee,
/// the copy and the outcome's id.
fn filed_after_its_return() -> (AppState, AppState, String) {
    use exemplar::domain::outcomes::{take_step, StepRequest};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let id = copy.outcomes.last().expect("made").id.clone();
    let first = export_unit_return(&copy, "2026-11-01T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    let mut committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let filing = StepRequest::File {
        date: "2026-11-02".into(),
        filing_no: "BA-1".into(),
    };
    take_step(&mut committee, &id, &filing, "2026-11-02T09:00:00Z").expect("filed");
    (committee, copy, id)
}

/// A clerk review: once the committee had filed (备案) an outcome the unit had sent, the
/// unit's next file, with only its 佐证材料 changed, was refused whole as changing the
/// 备案日期 it had never seen, and so was every later file. Now the committee keeps its
/// filing and takes the unit's change; a task file sent again brings the filing into
/// the unit's copy without losing what the unit typed, and the next return is taken too.
#[test]
fn a_unit_that_has_not_seen_the_committees_filing_is_not_refused_for_it() {
    use exemplar::domain::outcomes::{edit_outcome, OutcomeInput};
    const T3: &str = "2026-11-03T09:00:00Z";
    const T4: &str = "2026-11-04T09:00:00Z";
    let (mut committee, mut copy, id) = filed_after_its_return();
    // The unit corrects its evidence, not having seen the filing.
    let o = outcome_in(&copy, &id).expect("in the copy").clone();
    let mut input = OutcomeInput::from_outcome(&o);
    input.evidence = "服务台账第2页".into();
    edit_outcome(&mut copy, &id, &input, T3).expect("edited");
    let back = export_unit_return(&copy, T3).expect("exports");
    let before = ser(&committee);
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    assert_eq!(ser(&committee), before);
    let c = p
        .changes
        .iter()
        .find(|c| c.key.ends_with(&id))
        .expect("the outcome is in the preview");
    let Rec::Outcome(taken) = &c.incoming else {
        panic!("an outcome")
    };
    assert_eq!(
        taken.filed_on.as_deref(),
        Some("2026-11-02"),
        "the filing stays"
    );
    assert_eq!(taken.evidence, ["服务台账第2页"]);
    // Both sides changed it since it arrived, the committee only its filing and the unit
    // only its evidence: merged, not a conflict whose default would drop the evidence.
    assert_eq!(c.status, ChangeStatus::Changed);
    assert!(
        p.notes.iter().any(|n| n.contains("互不冲突，导入时合并")),
        "{:?}",
        p.notes
    );
    let decisions = Decisions::default();
    committee = apply(&committee, &p, &decisions).expect("applies");
    let held = outcome_in(&committee, &id).expect("held");
    assert_eq!(held.filed_on.as_deref(), Some("2026-11-02"));
    assert_eq!(held.evidence, ["服务台账第2页"]);

    // The committee files another outcome and sends the task again, while the unit has
    // corrected its evidence once more: the copy keeps the correction and takes the
    // filing.
    input.evidence = "服务台账第3页".into();
    edit_outcome(&mut copy, &id, &input, T4).expect("edited");
    let again = export_to_unit(&mut committee, "r1", "u1", T4, ENTROPY).expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("工委的办理情况（如备案、反馈、认定）已更新")),
        "{:?}",
        p.notes
    );
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let mine = outcome_in(&copy, &id).expect("in the copy");
    assert_eq!(
        mine.filed_on.as_deref(),
        Some("2026-11-02"),
        "the unit sees the filing"
    );
    assert_eq!(mine.evidence, ["服务台账第3页"], "and keeps what it typed");
    // Its next return is taken as a change of its own, the filing untouched.
    let back = export_unit_return(&copy, T4).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    let c = p
        .changes
        .iter()
        .find(|c| c.key.ends_with(&id))
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed);
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let held = outcome_in(&committee, &id).expect("held");
    assert_eq!(
        (held.filed_on.as_deref(), held.evidence.as_slice()),
        (Some("2026-11-02"), &["服务台账第3页".to_string()][..])
    );

    // A unit that does change a committee field is still refused whole.
    let mut forged = copy.clone();
    if let Some(o) = forged.outcomes.iter_mut().find(|o| o.id == id) {
        o.filed_on = Some("2026-10-20".into());
    }
    let e = preview(
        &committee,
        "u1.json",
        export_unit_return(&forged, T4).expect("exports").as_bytes(),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "committee_field");
}

fn outcome_in<'a>(st: &'a AppState, id: &str) -> Option<&'a Outcome> {
    st.outcomes.iter().find(|o| o.id == id)
}

/// A clerk review: one activity corrected on both sides came back as two (counted twice),
/// said to be "互不冲突，导入时合并"; and an activity the committee deleted came back when
/// the same file was picked again.
#[test]
fn an_activity_corrected_on_both_sides_is_a_conflict_and_a_deleted_one_stays_deleted() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let sent = copy.pairings[0].activities[0].clone();
    // Both correct the one activity the task file carried.
    let mut theirs = sent.clone();
    theirs.title = "联合主题党日（单位修改）".into();
    copy.pairings[0].activities[0] = theirs;
    copy.pairings[0].meta.touch(LATER, "u1");
    let mut ours = sent.clone();
    ours.title = "联合主题党日（工委修改）".into();
    committee.pairings[0].activities[0] = ours;
    committee.pairings[0]
        .meta
        .touch("2026-10-01T00:00:00Z", "committee");
    let back = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert_eq!(p.conflicts().count(), 1, "{:?}", p.notes);
    assert!(
        !p.notes.iter().any(|n| n.contains("互不冲突")),
        "{:?}",
        p.notes
    );
    // Kept as held by default: one activity, not two.
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(next.pairings[0].activities.len(), 1);

    // The unit adds an activity; the committee takes the file in, then deletes that
    // activity (entered by mistake); the same file picked again does not bring it back.
    let mut committee = exchange_support::committee();
    let mut copy = unit_copy(&mut committee);
    copy.pairings[0]
        .activities
        .push(activity("2026-10-10", "误记的活动"));
    copy.pairings[0].meta.touch(LATER, "u1");
    let back = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let titles = |st: &AppState| -> Vec<String> {
        st.pairings[0]
            .activities
            .iter()
            .map(|a| a.title.clone())
            .collect()
    };
    assert!(titles(&committee).contains(&"误记的活动".to_string()));
    committee.pairings[0]
        .activities
        .retain(|a| a.title != "误记的活动");
    committee.pairings[0]
        .meta
        .touch("2026-10-20T00:00:00Z", "committee");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let again = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert!(
        !titles(&again).contains(&"误记的活动".to_string()),
        "{:?}",
        titles(&again)
    );
}

/// A clerk review: a results file opened in another committee computer (one with data
/// of its own, not this round) was told 工委本机已有这些数据, which was not so there.
#[test]
fn a_results_file_in_another_committee_computer_is_pointed_to_the_backup() {
    let mut committee = committee();
    let _ = unit_copy(&mut committee);
    let mut published = committee.clone();
    published.rounds[0].published = true;
    let file = export_results(&published, "r1", LATER).expect("exports");
    let e = preview(&committee, "r.json", file.as_bytes(), &opts()).unwrap_err();
    assert!(e.to_string().contains("工委本机已有这些数据"), "{e}");
    let mut other = AppState::default();
    other.units.push(unit("x1", "另一台电脑上的单位"));
    let before = ser(&other);
    let e = preview(&other, "r.json", file.as_bytes(), &opts()).unwrap_err();
    assert_eq!(e.code(), "not_for_this_copy");
    assert!(
        e.to_string().contains("“导出备份”，在这里“从备份恢复”"),
        "{e}"
    );
    assert!(!e.to_string().contains("本机已有"), "{e}");
    assert_eq!(ser(&other), before);
}

#[test]
fn a_return_whose_envelope_names_another_unit_is_refused_naming_both_units() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("exports");
    let mut env: serde_json::Value = serde_json::from_str(&back).expect("json");
    // Only the code changed: the envelope's own name still says u1's.
    let made_by = env["made_by"].to_string();
    assert!(made_by.contains("u1"), "{made_by}");
    env["made_by"] = serde_json::from_str(&made_by.replace("u1", "u2")).expect("json");
    let edited = serde_json::to_string(&env).expect("json");
    let err = preview(&committee, "u1.json", edited.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(err.code(), "sender_mismatch");
    let name = |id: &str| committee.unit(id).expect("unit").name.clone();
    assert_eq!(
        err.to_string(),
        format!(
            "文件信封上写的是单位「{}」，内容却是单位「{}」，前后不一致",
            name("u2"),
            name("u1")
        )
    );
}

#[test]
fn a_scheme_edited_after_its_task_files_went_out_is_a_new_version_and_the_round_keeps_its_own() {
    let mut c = committee();
    // Nothing scored and nothing sent yet (the fixture has sent its task files).
    c.exchange.sent.clear();
    for sheet in c.rounds[0].sheets.iter_mut() {
        sheet.points.iter_mut().for_each(|p| *p = None);
    }
    let scheme_id = c.rounds[0].scheme_id.clone();
    assert!(!scheme_has_scores(&c, &scheme_id));
    // Before any file goes out, an edit changes the version in place.
    let mut edited = c.scheme(&scheme_id).expect("scheme").clone();
    edited.name = "改名后的方案".into();
    assert_eq!(save_scheme_edit(&mut c, edited, LATER), scheme_id);
    let task = export_to_unit(&mut c, "r1", "u1", ISSUED, ENTROPY).expect("task");
    assert_eq!(scheme_sent_out(&c, &scheme_id), 1, "a task file went out");
    // Once one has, an indicator removed makes a new version; the round and the task
    // file it sent keep the old one, so the return still reads.
    let mut edited = c.scheme(&scheme_id).expect("scheme").clone();
    edited.dimensions[0].indicators.remove(0);
    let new = save_scheme_edit(&mut c, edited, LATER);
    assert_ne!(new, scheme_id);
    assert_eq!(c.rounds[0].scheme_id, scheme_id);
    let before = c.scheme(&scheme_id).expect("kept").indicator_count();
    assert_eq!(c.scheme(&new).expect("new").indicator_count(), before - 1);
    let mut copy = open_task(&task);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("return");
    preview(&c, "u1.json", back.as_bytes(), &opts()).expect("the return reads");
    // The round moved to the new version after all: that return is refused, and the
    // message says what to do.
    exemplar::domain::round_setup::switch_scheme(&mut c, "r1", &new, LATER).expect("switched");
    let err = preview(&c, "u1.json", back.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(err.code(), "scheme_mismatch");
    assert!(
        err.to_string()
            .contains("请在“数据交换”中重新导出任务文件发给对方"),
        "{err}"
    );
}

/// A unit reported an item done; the committee closed it, found the work not done,
/// withdrew the 销号 and moved the deadline, and sent a new task file while the unit
/// added progress. The unit's copy takes the committee's deadline and 整改中, keeps
/// both sides' notes, and its next return is not refused for a deadline it never
/// touched.
#[test]
fn a_task_file_after_a_withdrawn_closure_and_a_moved_deadline_brings_both_into_the_units_copy() {
    use exemplar::domain::between_rounds::rectification;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    progress_and_done(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");

    // The committee: 销号, then 撤销销号, then a later deadline.
    rectification::close(
        &mut committee,
        "c1",
        "2026-10-16",
        "台账核验",
        "2026-10-16T09:00:00Z",
    )
    .expect("closed");
    rectification::reopen(
        &mut committee,
        "c1",
        "复查发现未整改到位",
        "2026-10-17T09:00:00Z",
    )
    .expect("reopened");
    move_deadline(&mut committee, "2027-01-31", "2026-10-18T09:00:00Z");
    // Meanwhile the unit writes more progress.
    rectification::add_progress(
        &mut copy,
        "c1",
        "2026-10-18",
        "补充台账",
        "2026-10-18T10:00:00Z",
    )
    .expect("unit progress");

    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export to unit");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let item = &copy.rectifications[0];
    assert_eq!(item.deadline, "2027-01-31");
    assert_eq!(item.status, RectificationStatus::InProgress);
    assert!(item.closure.is_none());
    let kinds: Vec<NoteKind> = item.progress.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoteKind::Progress,
            NoteKind::Reopened,
            NoteKind::Progress,
            NoteKind::Deadline
        ],
        "{:?}",
        item.progress
    );

    // The unit's next return comes in: its notes are taken, the deadline is the
    // committee's own, and the committee's 整改中 stands.
    rectification::add_progress(
        &mut copy,
        "c1",
        "2026-10-21",
        "阵地整改完毕",
        "2026-10-21T10:00:00Z",
    )
    .expect("unit progress");
    let back = export_unit_return(&copy, "2026-10-21T10:00:00Z").expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    let item = &done.rectifications[0];
    assert_eq!(item.deadline, "2027-01-31");
    assert_eq!(item.status, RectificationStatus::InProgress);
    assert_eq!(item.progress.len(), 5, "{:?}", item.progress);
}

/// The committee withdrew a 销号 while a unit's return still carried its earlier 已完成:
/// the merge keeps the committee's 整改中 (the reopening came after the report).
#[test]
fn a_return_from_before_a_withdrawn_closure_does_not_mark_the_item_done_again() {
    use exemplar::domain::between_rounds::rectification;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    progress_and_done(&mut copy);
    // The committee hears of it by phone, notes it, closes and reopens.
    rectification::add_progress(
        &mut committee,
        "c1",
        "2026-10-06",
        "电话核实",
        "2026-10-06T09:00:00Z",
    )
    .expect("committee progress");
    rectification::close(
        &mut committee,
        "c1",
        "2026-10-07",
        "电话核实",
        "2026-10-07T09:00:00Z",
    )
    .expect("closed");
    rectification::reopen(
        &mut committee,
        "c1",
        "现场复查未完成",
        "2026-10-08T09:00:00Z",
    )
    .expect("reopened");
    let back = export_unit_return(&copy, LATER).expect("return exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    let item = &done.rectifications[0];
    assert_eq!(item.status, RectificationStatus::InProgress);
    assert_eq!(item.progress.len(), 3, "{:?}", item.progress);
}

/// In a unit's copy: progress on item c1 (2026-10-05), then 已完成 reported.
fn progress_and_done(copy: &mut AppState) {
    use exemplar::domain::between_rounds::rectification;
    rectification::add_progress(copy, "c1", "2026-10-05", "已开展结对活动两次", LATER)
        .expect("unit progress");
    rectification::report_done(copy, "c1", LATER).expect("reported done");
}

/// A clerk review: the committee filed, recognised and gave an innovation type to an
/// outcome the unit had sent, while the unit rewrote its description; the next task
/// file replaced the unit's description without a word. Now it is a conflict whose
/// default keeps what the unit wrote and still takes the committee's handling.
#[test]
fn a_task_file_does_not_silently_replace_what_a_unit_wrote_in_an_outcome_it_sent() {
    use exemplar::domain::outcomes::{edit_outcome, take_step, OutcomeInput, StepRequest};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let id = copy.outcomes.last().expect("made").id.clone();
    let first = export_unit_return(&copy, "2026-11-01T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let steps = [
        StepRequest::File {
            date: "2026-11-02".into(),
            filing_no: "BA-1".into(),
        },
        StepRequest::Feedback {
            date: "2026-11-03".into(),
            text: "请补充台账".into(),
        },
    ];
    for s in &steps {
        take_step(&mut committee, &id, s, "2026-11-03T09:00:00Z").expect("step");
    }
    let held = outcome_in(&committee, &id).expect("held").clone();
    let mut typed = OutcomeInput::from_outcome(&held);
    typed.innovations = vec![Innovation::ALL[0]];
    edit_outcome(&mut committee, &id, &typed, "2026-11-04T09:00:00Z").expect("typed");
    // The unit rewrites its description once.
    let mine = outcome_in(&copy, &id).expect("in the copy").clone();
    let mut input = OutcomeInput::from_outcome(&mine);
    input.description = "第二稿：补充了服务台账".into();
    edit_outcome(&mut copy, &id, &input, "2026-11-04T10:00:00Z").expect("edited");

    let again = export_to_unit(&mut committee, "r1", "u1", "2026-11-05T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key.ends_with(&id))
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Conflict);
    assert!(
        p.notes.iter().any(|n| n.contains("工委的办理情况")),
        "{:?}",
        p.notes
    );
    // 保留本机 (the default): the unit's description, the committee's filing.
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    let o = outcome_in(&kept, &id).expect("kept");
    assert_eq!(o.description, "第二稿：补充了服务台账");
    assert_eq!(o.filed_on.as_deref(), Some("2026-11-02"));
    assert_eq!(o.feedback_on.as_deref(), Some("2026-11-03"));
    // Its next return is taken, not refused for the filing it now holds.
    let back = export_unit_return(&kept, "2026-11-06T09:00:00Z").expect("exports");
    let p2 = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    let done = apply(&committee, &p2, &Decisions::default()).expect("applies");
    let o = outcome_in(&done, &id).expect("held");
    assert_eq!(o.description, "第二稿：补充了服务台账");
    assert_eq!(o.filed_on.as_deref(), Some("2026-11-02"));
    // 采用文件: the committee's version whole.
    let mut take = Decisions::default();
    take.take_file.insert(c.key.clone());
    let taken = apply(&copy, &p, &take).expect("applies");
    assert_eq!(
        outcome_in(&taken, &id).expect("taken").innovations,
        typed.innovations
    );
}

/// A clerk review: the committee ended a pairing while the unit logged an activity
/// before the end; the default 保留本机 kept the pairing running in the copy, and the
/// unit's next return was refused for changing 结对结束日期. Kept, the copy now takes
/// the end and keeps its activity; the return comes in.
#[test]
fn a_pairing_ended_by_the_committee_reaches_the_copy_whichever_side_is_kept() {
    use exemplar::domain::between_rounds::pairing::{self, PairingDraft};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let p0 = committee.pairings[0].clone();
    let end = PairingDraft {
        site_id: p0.site_id.clone(),
        partner_unit_id: p0.partner_unit_id.clone(),
        partner_name: p0.partner_name.clone(),
        start: p0.start.clone(),
        goals: p0.goals.clone(),
        status: PairingStatus::Ended,
        ended_on: "2026-10-30".into(),
        partner_progress: p0.partner_progress.clone(),
    };
    pairing::edit(&mut committee, "p1", end, "2026-10-30T09:00:00Z").expect("ended");
    pairing::add_activity(
        &mut copy,
        "p1",
        activity("2026-10-28", "联学活动"),
        "2026-10-29T09:00:00Z",
    )
    .expect("logged");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-11-01T09:00:00Z", ENTROPY)
        .expect("export");
    // A copy opened before it kept what each task file carried: a conflict, whose
    // default (保留本机) still takes the committee's end.
    let mut older = copy.clone();
    if let Some(w) = older.workspace.as_mut() {
        w.issued.clear();
    }
    let p = preview(&older, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_some(), "{:?}", p.changes);
    let kept = apply(&older, &p, &Decisions::default()).expect("applies");
    // Today's copy knows the end is the committee's change and the activity its own.
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let (a, b) = (&kept.pairings[0], &copy.pairings[0]);
    assert_eq!(
        (&a.activities, a.status, &a.ended_on),
        (&b.activities, b.status, &b.ended_on)
    );
    let held = &copy.pairings[0];
    assert_eq!(held.status, PairingStatus::Ended);
    assert_eq!(held.ended_on.as_deref(), Some("2026-10-30"));
    assert!(held.activities.iter().any(|a| a.title == "联学活动"));
    // After the end, no activity is taken in the copy.
    assert!(pairing::add_activity(
        &mut copy.clone(),
        "p1",
        activity("2026-10-31", "结束后"),
        "2026-11-01T10:00:00Z",
    )
    .is_err());
    let back = export_unit_return(&copy, "2026-11-02T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert!(done.pairings[0]
        .activities
        .iter()
        .any(|a| a.title == "联学活动"));
    assert_eq!(done.pairings[0].ended_on.as_deref(), Some("2026-10-30"));
}

/// A return made from an older task file, after the committee moved a deadline and sent
/// the task again, is refused (it carries the old deadline), and the message says the
/// likely cause and the way out, not only that the unit changed a committee field.
#[test]
fn a_return_older_than_the_latest_task_file_is_refused_with_the_way_out() {
    use exemplar::domain::between_rounds::rectification;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    rectification::add_progress(&mut copy, "c1", "2026-10-05", "已开展结对活动", LATER)
        .expect("unit progress");
    let old = export_unit_return(&copy, LATER).expect("exports");
    move_deadline(&mut committee, "2027-01-31", "2026-10-16T09:00:00Z");
    export_to_unit(&mut committee, "r1", "u1", "2026-10-17T09:00:00Z", ENTROPY).expect("sent");
    let e = preview(&committee, "u1.json", old.as_bytes(), &opts()).expect_err("refused");
    assert_eq!(e.code(), "committee_field");
    let said = e.to_string();
    assert!(said.contains("「整改期限」"), "{said}");
    assert!(
        said.contains("请对方先导入最新的任务文件，再重新导出报送文件"),
        "{said}"
    );
}

/// A clerk review: after the committee moved a deadline, every later return from the
/// unit listed the item as 修改 with nothing changed and said 两边都有新的整改进展，导入时合并.
/// A merge that adds nothing to what is held is no change.
#[test]
fn a_return_that_adds_nothing_to_an_item_moved_here_does_not_list_it_as_changed() {
    use exemplar::domain::between_rounds::rectification;
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    rectification::add_progress(&mut copy, "c1", "2026-10-05", "已开展结对活动", LATER)
        .expect("unit progress");
    let first = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    move_deadline(&mut committee, "2027-01-31", "2026-10-16T09:00:00Z");
    // The unit sends again, the item untouched since its first return.
    let again = export_unit_return(&copy, "2026-10-17T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", again.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == "rectification:c1")
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Unchanged, "{:?}", p.notes);
    assert!(
        !p.notes.iter().any(|n| n.contains("导入时合并")),
        "{:?}",
        p.notes
    );
}

/// The committee moves item c1's deadline (修改整改事项, 延期) to `to`.
fn move_deadline(committee: &mut AppState, to: &str, now: &str) {
    use exemplar::domain::between_rounds::rectification::{self, RectificationDraft};
    let held = committee.rectifications[0].clone();
    let draft = RectificationDraft {
        unit_id: held.unit_id.clone(),
        category: held.category,
        source: held.source,
        description: held.description.clone(),
        owner: held.owner.clone(),
        deadline: to.into(),
        status: held.status,
    };
    rectification::edit(committee, "c1", draft, now).expect("moved");
}

/// A clerk review: a 保障投入 entry only the unit changed, held here at a later revision
/// (an earlier file from the unit was taken in), was said to be 互不冲突，导入时合并（双方的改动都
/// 保留）though nothing of the committee's was in it. It is a plain change.
#[test]
fn a_change_only_the_unit_made_is_not_called_a_merge_of_both_sides() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    // Only the revision moves here, the figures as sent.
    committee.resources[0].meta.rev += 1;
    copy.resources[0].activity_funds = Points(600);
    copy.resources[0].meta.touch(LATER, "u1");
    let back = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == format!("resource:{}", committee.resources[0].id))
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    assert!(
        !p.notes.iter().any(|n| n.contains("互不冲突")),
        "{:?}",
        p.notes
    );
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(done.resources[0].activity_funds, Points(600));
}

/// A clerk's case: the committee corrected a unit's 专职党务干部 from paper while the
/// unit raised its 活动经费. Each changed a different field of the year's 保障投入, so
/// both are kept: a conflict would make the person drop one of the two.
#[test]
fn resources_changed_in_different_fields_on_both_sides_keep_both() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let id = committee.resources[0].id.clone();
    let staff = committee.resources[0].staff;
    copy.resources[0].activity_funds = Points(600);
    copy.resources[0].meta.touch(LATER, "u1");
    let back = export_unit_return(&copy, LATER).expect("exports");
    committee.resources[0].staff = staff + 1;
    committee.resources[0]
        .meta
        .touch("2026-10-01T00:00:00Z", "committee");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == format!("resource:{id}"))
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    assert!(
        p.notes.iter().any(|n| n.contains("互不冲突，导入时合并")),
        "{:?}",
        p.notes
    );
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(done.resources[0].staff, staff + 1, "the committee's 专职");
    assert_eq!(
        done.resources[0].activity_funds,
        Points(600),
        "the unit's 活动经费"
    );

    // A ledger stored before it kept each field's digest cannot tell who changed
    // which field: the person decides, as before.
    let mut old = committee.clone();
    for task in old.exchange.sent.iter_mut() {
        for sent in task.records.values_mut() {
            sent.fields.clear();
        }
    }
    let p = preview(&old, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec![format!("resource:{id}")]);
}

/// The same in the unit's copy: the committee corrected 专职 and sent the task file
/// again while the unit raised its 活动经费. The copy keeps what each task file carried
/// of the record, so it takes the committee's 专职 and keeps its own 活动经费, where it
/// asked the person to drop one of them; and its next return reaches the committee as
/// one change. The same field changed on both sides is still a conflict.
#[test]
fn a_task_update_keeps_both_sides_changes_to_different_fields_in_the_copy() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let id = committee.resources[0].id.clone();
    let key = format!("resource:{id}");
    let staff = committee.resources[0].staff;
    copy.resources[0].activity_funds = Points(600);
    copy.resources[0].meta.touch(LATER, "u1");
    committee.resources[0].staff = staff + 1;
    committee.resources[0]
        .meta
        .touch("2026-10-01T00:00:00Z", "committee");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-02T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    assert!(
        p.notes.iter().any(|n| n.contains("互不冲突，导入时合并")),
        "{:?}",
        p.notes
    );
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(next.resources[0].staff, staff + 1, "the committee's 专职");
    assert_eq!(
        next.resources[0].activity_funds,
        Points(600),
        "the unit's 活动经费"
    );
    // The same file once more changes nothing.
    let p = preview(&next, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.is_noop(), "{:?}", p.changes);
    // Back at the committee: the unit's 活动经费 arrives, the 专职 stays corrected.
    let back = export_unit_return(&next, "2026-10-03T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(done.resources[0].staff, staff + 1);
    assert_eq!(done.resources[0].activity_funds, Points(600));

    // The committee and the unit both changed 活动经费: the person decides.
    let mut both = copy.clone();
    committee.resources[0].activity_funds = Points(700);
    committee.resources[0]
        .meta
        .touch("2026-10-04T00:00:00Z", "committee");
    let third = export_to_unit(&mut committee, "r1", "u1", "2026-10-04T09:00:00Z", ENTROPY)
        .expect("export");
    both.resources[0].meta.touch(LATER, "u1");
    let p = preview(&both, "task.json", third.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec![key]);
}

/// A clerk's review: the committee corrected an assessor's score from the paper sheet
/// (u1) and typed in a sheet the assessor had not started (u2), then sent the task file
/// again. The assessor's copy compared the round whole, its sheets inside it: the
/// update said 没有需要导入的内容 and both changes were lost there. Sheets are compared
/// one by one; what the assessor scored since stays, and a round-level change from the
/// committee never takes the assessor's scores with it.
#[test]
fn a_task_file_sent_again_brings_the_committees_sheet_changes_into_an_assessors_copy() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    let src = SheetSource::Assessor("a1".into());
    let scheme = committee.schemes[0].clone();
    let sheet_of = |s: &AppState, u: &str| {
        s.rounds[0]
            .sheets
            .iter()
            .find(|x| x.unit_id == u && x.source == src)
            .cloned()
    };
    // The assessor works on its copy: a note on u1 (its own field), a score on u1 too.
    {
        let s = copy.rounds[0]
            .sheets
            .iter_mut()
            .find(|x| x.unit_id == "u1" && x.source == src)
            .expect("u1's sheet");
        s.points[1] = Some(Points(100));
        s.meta.touch(LATER, "a1");
        copy.rounds[0].meta.touch(LATER, "a1");
    }
    // The committee types in u2's sheet from paper, and renames the round (a change of
    // the round itself), several times over.
    let mut u2 = sheet(&scheme, "u2", src.clone());
    u2.points = points(&scheme, Some(Points(150)));
    u2.meta.touch("2026-10-01T00:00:00Z", "committee");
    let at = committee.rounds[0].sheets.len();
    committee.rounds[0].sheets.put(at, u2);
    for _ in 0..5 {
        committee.rounds[0]
            .meta
            .touch("2026-10-01T00:00:00Z", "committee");
    }
    committee.rounds[0].name = "2026年度考评（更正）".into();
    let again = export_to_assessor(&mut committee, "r1", "a1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export again");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    assert!(!p.is_noop(), "{:?}", p.changes);
    let status = |key: &str| p.changes.iter().find(|c| c.key == key).map(|c| c.status);
    assert_eq!(status("sheet:r1/u2/a:a1"), Some(ChangeStatus::Added));
    assert_eq!(
        status("sheet:r1/u1/a:a1"),
        Some(ChangeStatus::Stale),
        "kept"
    );
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        sheet_of(&next, "u2").map(|s| s.points[0]),
        Some(Some(Points(150))),
        "the committee's sheet arrives"
    );
    assert_eq!(
        sheet_of(&next, "u1").map(|s| s.points[1]),
        Some(Some(Points(100))),
        "the assessor's score stays"
    );
    assert_eq!(next.rounds[0].name, "2026年度考评（更正）");
}

/// A clerk's review: an assessor changed one score of a unit and the committee
/// corrected another of the same sheet, then sent the task file again. The copy called
/// the whole row changed on both sides and asked for one side: 采用文件 lost the
/// assessor's score (never returned), 保留本机 the committee's correction. The copy now
/// merges the sheet score by score, as the committee does a return.
/// A clerk's review: in an assessor's first round the task file held no sheet of its;
/// the committee corrected a returned score and filled a blank one, and sent the task
/// again: both were conflicts kept 保留本机 by default, unhinted, and the next return
/// undid them. The sheet now counts as sent blank: the blank filled comes in, the
/// correction is to choose with the hint that it is most likely the committee's.
#[test]
fn an_assessors_first_round_takes_the_committees_corrections() {
    let mut committee = committee();
    let src = SheetSource::Assessor("a1".into());
    let key = "sheet:r1/u1/a:a1";
    let template = committee.rounds[0]
        .sheet("u1", &src)
        .expect("a1's sheet of u1")
        .clone();
    committee.rounds[0].sheets.retain(|s| s.source != src);
    let mut copy = assessor_copy(&mut committee, "a1");
    let mut begun = template.clone();
    begun.points = vec![None; template.points.len()];
    begun.points[0] = Some(Points(100));
    begun.points[1] = Some(Points(50));
    begun.meta = RecordMeta::default();
    begun.meta.touch(LATER, "a1");
    copy.rounds[0].sheets.push(begun);
    let back = export_assessor_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let at = "2026-10-20T09:00:00Z";
    set_a1_score(&mut committee, "u1", 0, Points(150), "committee", at);
    set_a1_score(&mut committee, "u1", 2, Points(100), "committee", at);
    let again = export_to_assessor(&mut committee, "r1", "a1", "2026-10-20T10:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_eq!(c.status, ChangeStatus::Conflict, "the corrected score");
    assert!(
        p.notes.iter().any(|n| n.contains("多半是工委作了更正")),
        "{:?}",
        p.notes
    );
    // Not said as changed on both sides beside it (a clerk's re-test).
    assert!(
        !p.notes.iter().any(|n| n.contains("两边改了同一项分数")),
        "{:?}",
        p.notes
    );
    let lines = p.field_changes(&copy, c);
    let chosen = lines
        .iter()
        .filter(|l| !l.starts_with("（无论选哪边都导入）"))
        .count();
    assert_eq!(chosen, 1, "only the corrected score to choose: {lines:?}");
    let points = |st: &AppState| {
        let p = &st.rounds[0].sheet("u1", &src).expect("the sheet").points;
        (p[0], p[1], p[2])
    };
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        points(&kept),
        (Some(Points(100)), Some(Points(50)), Some(Points(100))),
        "the blank the committee filled comes in either way"
    );
    let mut take = Decisions::default();
    take.take_file.insert(key.to_string());
    let taken = apply(&copy, &p, &take).expect("applies");
    assert_eq!(
        points(&taken),
        (Some(Points(150)), Some(Points(50)), Some(Points(100)))
    );
}

#[test]
fn an_assessors_copy_takes_a_task_update_score_by_score() {
    let mut committee = committee();
    let copy = assessor_copy(&mut committee, "a1");
    let key = "sheet:r1/u1/a:a1";
    let points_of = |st: &AppState| {
        st.rounds[0]
            .sheet("u1", &SheetSource::Assessor("a1".into()))
            .expect("u1's sheet")
            .points
            .clone()
    };
    // Each side changes a score of u1 (`mine` in the copy, `theirs` at the committee on
    // `day`), and the committee sends the task file again: the copy's preview of it.
    fn send_again(
        copy: &mut AppState,
        committee: &mut AppState,
        mine: (usize, Points),
        theirs: (usize, Points),
        day: &str,
    ) -> Preview {
        set_a1_score(copy, "u1", mine.0, mine.1, "a1", LATER);
        let at = format!("{day}T09:00:00Z");
        set_a1_score(committee, "u1", theirs.0, theirs.1, "committee", &at);
        let made = format!("{day}T10:00:00Z");
        let file = export_to_assessor(committee, "r1", "a1", &made, ENTROPY).expect("export");
        preview(copy, "again.json", file.as_bytes(), &opts()).expect("previews")
    }
    let status_of = |p: &Preview| {
        let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
        c.status
    };
    let before = points_of(&copy);
    let mut mine = copy.clone();
    // The assessor writes a note as well, its own (a re-test: a 评语 made the sheet one
    // conflict again, whose default dropped the committee's correction).
    let src = SheetSource::Assessor("a1".into());
    if let Some(s) = mine.rounds[0]
        .sheets
        .iter_mut()
        .find(|x| x.unit_id == "u1" && x.source == src)
    {
        s.evidence
            .insert("d1-1".into(), "评委评语：创新亮点突出".into());
    }
    let p = send_again(
        &mut mine,
        &mut committee,
        (2, Points(100)),
        (0, Points(150)),
        "2026-10-21",
    );
    assert_eq!(status_of(&p), ChangeStatus::Changed, "nothing to choose");
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("本机和工委改的是不同的分数，导入时合并")),
        "{:?}",
        p.notes
    );
    let next = apply(&mine, &p, &Decisions::default()).expect("applies");
    let got = points_of(&next);
    assert_eq!(got[0], Some(Points(150)), "the committee's correction");
    assert_eq!(got[2], Some(Points(100)), "the assessor's score");
    assert_eq!(got[1], before[1]);
    let note = |st: &AppState| {
        st.rounds[0]
            .sheet("u1", &src)
            .and_then(|s| s.evidence.get("d1-1").cloned())
    };
    assert_eq!(note(&next).as_deref(), Some("评委评语：创新亮点突出"));

    // The same score changed on both sides: that score alone is to choose, and either
    // choice keeps the score only one side changed.
    let mut both = mine.clone();
    let p = send_again(
        &mut both,
        &mut committee,
        (1, Points(50)),
        (1, Points(200)),
        "2026-10-22",
    );
    assert_eq!(status_of(&p), ChangeStatus::Conflict);
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    let lines = p.field_changes(&both, c);
    let chosen = lines
        .iter()
        .filter(|l| !l.starts_with("（无论选哪边都导入）"))
        .count();
    assert_eq!(chosen, 1, "one score to choose: {lines:?}");
    // The committee's score only it changed comes in either way, and is said.
    assert_eq!(lines.len(), 2, "{lines:?}");
    let kept = apply(&both, &p, &Decisions::default()).expect("applies");
    let got = points_of(&kept);
    assert_eq!(
        (got[0], got[1], got[2]),
        (Some(Points(150)), Some(Points(50)), Some(Points(100)))
    );
    let mut take = Decisions::default();
    take.take_file.insert(key.to_string());
    let taken = apply(&both, &p, &take).expect("applies");
    let got = points_of(&taken);
    assert_eq!(
        (got[0], got[1], got[2]),
        (Some(Points(150)), Some(Points(200)), Some(Points(100)))
    );
    // The note is the assessor's whichever is chosen.
    assert_eq!(note(&kept).as_deref(), Some("评委评语：创新亮点突出"));
    assert_eq!(note(&taken).as_deref(), Some("评委评语：创新亮点突出"));
}

/// A clerk's review: the committee corrected an assessor's score from the paper sheet
/// and sent the task file again; the assessor, not having taken it in, changed another
/// score and reported again. The return was taken over the correction (merged against
/// the ledger of a task file the assessor never opened, or a plain 修改). It is a
/// conflict the person decides, showing both sides.
#[test]
fn a_return_made_from_an_older_task_file_does_not_undo_a_correction_made_since() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    let src = SheetSource::Assessor("a1".into());
    let touch_u1 = |s: &mut AppState, at: usize, p: Points, by: &str, when: &str| {
        set_a1_score(s, "u1", at, p, by, when)
    };
    touch_u1(&mut copy, 0, Points(300), "a1", LATER);
    let first = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    // The committee corrects the first score from paper and sends the task again.
    touch_u1(
        &mut committee,
        0,
        Points(100),
        "committee",
        "2026-10-16T09:00:00Z",
    );
    export_to_assessor(&mut committee, "r1", "a1", "2026-10-16T10:00:00Z", ENTROPY)
        .expect("export again");
    // The assessor, on its old copy, changes another score and reports again.
    touch_u1(&mut copy, 1, Points(100), "a1", "2026-10-17T09:00:00Z");
    let second = export_assessor_return(&copy, "2026-10-17T09:00:00Z").expect("exports");
    let p = preview(&committee, "a1.json", second.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(
        conflicts,
        vec!["sheet:r1/u1/a:a1".to_string()],
        "{:?}",
        p.changes
    );
    let kept = apply(&committee, &p, &Decisions::default()).expect("applies");
    let first_score = |s: &AppState| s.rounds[0].sheet("u1", &src).and_then(|x| x.points[0]);
    assert_eq!(
        first_score(&kept),
        Some(Points(100)),
        "the correction stays"
    );
    // Taking the task file in, the assessor sees the correction beside its own score
    // (a conflict in its copy) and decides; kept, the copy holds its own.
    let again = export_to_assessor(&mut committee, "r1", "a1", "2026-10-18T10:00:00Z", ENTROPY)
        .expect("export again");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<_> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec!["sheet:r1/u1/a:a1".to_string()]);
    let copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(first_score(&copy), Some(Points(300)));
}

/// A clerk's review: a unit's copy showed the units not scored in published results
/// as 0 points beside 未评定. A row not graded and not ranked reads —.
#[test]
fn a_published_row_not_graded_shows_no_total() {
    let row = |grade: Option<Grade>, rank: Option<u32>| ResultRow {
        unit_id: "u1".into(),
        unit_name: "甲支部".into(),
        total: Points::ZERO,
        grade,
        rank,
        grade_note: String::new(),
    };
    assert_eq!(row(None, None).total_text(), "—");
    assert_eq!(row(Some(Grade::Fail), Some(40)).total_text(), "0");
    let mut graded = row(Some(Grade::Good), Some(3));
    graded.total = Points(8950);
    assert_eq!(graded.total_text(), "89.5");
}

/// A clerk's review: the committee ended a pairing (in a later task file) after which
/// the unit's copy still held an activity dated past the end. The return exported
/// without a word and the committee refused it whole, with the unit's other work. The
/// copy now refuses to export it, naming the activity and the way.
#[test]
fn a_unit_return_with_an_activity_after_its_pairing_ended_is_not_exported() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let p = copy
        .pairings
        .iter_mut()
        .find(|p| p.site_id == "u1")
        .expect("the unit's pairing");
    p.activities
        .push(activity("2026-10-20", "年终结对工作总结会"));
    p.ended_on = Some("2026-10-15".into());
    let partner = p.partner_name.clone();
    let e = export_unit_return(&copy, LATER).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!(
            "结对「{partner}」的活动「年终结对工作总结会」日期 2026-10-20 晚于结对结束日期 2026-10-15。"
        )),
        "{e}"
    );
    assert!(e.contains("请先在“我的任务”的结对活动中改正日期"), "{e}");
    // Dated on the last day: it goes.
    if let Some(a) = copy
        .pairings
        .iter_mut()
        .flat_map(|p| p.activities.iter_mut())
        .find(|a| a.title == "年终结对工作总结会")
    {
        a.date = "2026-10-15".into();
    }
    export_unit_return(&copy, LATER).expect("exports");
}

/// Left alone for several sessions: a unit's copy changed a field (活动经费, a 佐证说明),
/// returned it, and changed it again before the next task file. The committee took the
/// return and sent the task file again; the copy called its own later change a 冲突 with
/// the committee's copy of its earlier value. The copy now notes what each return
/// carried, so that value is its own come back: the later change is kept, and the next
/// return reaches the committee as a change. A value the committee changed itself is
/// still a conflict.
#[test]
fn a_field_changed_again_after_its_return_is_not_a_conflict_in_the_copy() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let funds_key = format!("resource:{}", committee.resources[0].id);
    let sheet_key = "sheet:r1/u1/self".to_string();
    let note = |st: &mut AppState, text: &str, at: &str| {
        let s = st.rounds[0]
            .sheets
            .iter_mut()
            .find(|s| s.source == SheetSource::SelfAssessment)
            .expect("self sheet");
        s.evidence.insert("d1-1".into(), text.into());
        s.meta.touch(at, "u1");
    };
    let conflicts = |p: &Preview| -> Vec<String> { p.conflicts().map(|c| c.key.clone()).collect() };
    // 活动经费 600 and a 佐证说明, returned, taken in by the committee.
    copy.resources[0].activity_funds = Points(600);
    copy.resources[0].meta.touch(LATER, "u1");
    note(&mut copy, "会议记录两份", LATER);
    let first = export_unit_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(committee.resources[0].activity_funds, Points(600));
    // The unit raises it and rewrites the note; the committee exports the task file again.
    let mut later = copy.clone();
    later.resources[0].activity_funds = Points(650);
    later.resources[0].meta.touch("2026-10-20T09:00:00Z", "u1");
    note(&mut later, "会议记录三份", "2026-10-20T09:00:00Z");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T09:00:00Z", ENTROPY)
        .expect("export");
    // Without the note of what was returned, both would be asked about.
    let mut forgetful = later.clone();
    if let Some(ws) = forgetful.workspace.as_mut() {
        ws.returned.clear();
    }
    let p = preview(&forgetful, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert_eq!(conflicts(&p), vec![funds_key.clone(), sheet_key.clone()]);
    let p = preview(&later, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(conflicts(&p).is_empty(), "{:?}", conflicts(&p));
    let next = apply(&later, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        next.resources[0].activity_funds,
        Points(650),
        "the later change"
    );
    let own = next.rounds[0]
        .sheet("u1", &SheetSource::SelfAssessment)
        .expect("self sheet");
    assert_eq!(
        own.evidence.get("d1-1").map(String::as_str),
        Some("会议记录三份")
    );
    // Back at the committee: both arrive as changes.
    let back = export_unit_return(&next, "2026-10-22T09:00:00Z").expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(conflicts(&p).is_empty(), "{:?}", conflicts(&p));
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(done.resources[0].activity_funds, Points(650));
    let theirs = done.rounds[0]
        .sheet("u1", &SheetSource::SelfAssessment)
        .expect("self sheet");
    assert_eq!(
        theirs.evidence.get("d1-1").map(String::as_str),
        Some("会议记录三份")
    );

    // The committee itself changed the returned 活动经费 (to 700) and the note: the
    // person decides, as before.
    committee.resources[0].activity_funds = Points(700);
    committee.resources[0]
        .meta
        .touch("2026-10-21T10:00:00Z", "committee");
    let s = committee.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.source == SheetSource::SelfAssessment)
        .expect("self sheet");
    s.evidence
        .insert("d1-1".into(), "工委核定：会议记录一份".into());
    s.meta.touch("2026-10-21T10:00:00Z", "committee");
    let third = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T11:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&later, "task.json", third.as_bytes(), &opts()).expect("previews");
    assert_eq!(conflicts(&p), vec![funds_key, sheet_key]);
}

/// A clerk's review: the committee took a unit's return (a new outcome, a pairing
/// activity), sent the task file again, then restored the snapshot from before that
/// import, and took the unit's later return. The ledger of the second task file, kept
/// over the restore, held the outcome and the activity as sent: the preview called the
/// outcome 本机原有…后来在本机删除 and dropped it, and the activity went unsaid. They are
/// the unit's, and come in again; the committee's own item, registered after the
/// snapshot, stays undone.
#[test]
fn a_later_return_after_a_snapshot_restored_brings_the_units_records_in_again() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let id = copy.new_id("o");
    let mut o = outcome(&id, "u1", "社区服务站建设经验");
    o.meta = RecordMeta::default();
    o.meta.touch(LATER, "u1");
    copy.outcomes.push(o);
    copy.pairings[0]
        .activities
        .push(activity("2026-11-10", "联合学习党的二十届四中全会精神"));
    copy.pairings[0].meta.touch(LATER, "u1");
    let first = export_unit_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    let snapshot = committee.clone();
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(committee.pairings[0].activities.len(), 2);
    // The committee registers an item and sends the task file again; the unit takes it
    // and reports again.
    let mut item = committee.rectifications[0].clone();
    item.id = "c9".into();
    item.description = "台账不全".into();
    item.meta = RecordMeta::default();
    item.meta.touch("2026-10-20T09:00:00Z", "committee");
    committee.rectifications.push(item);
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let second = export_unit_return(&copy, "2026-10-22T09:00:00Z").expect("exports");
    // The committee restores the snapshot from before the first import.
    let mut restored = snapshot;
    keep_issued_codes(&mut restored, &committee);
    let p = preview(&restored, "u1.json", second.as_bytes(), &opts()).expect("previews");
    let status = |key: &str| p.changes.iter().find(|c| c.key == key).map(|c| c.status);
    assert_eq!(
        status(&format!("outcome:{id}")),
        Some(ChangeStatus::Added),
        "{:?}",
        p.notes
    );
    assert_eq!(
        status("pairing:p1"),
        Some(ChangeStatus::Changed),
        "{:?}",
        p.notes
    );
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("台账不全") && n.contains("后来在本机删除")),
        "the committee's own item stays undone: {:?}",
        p.notes
    );
    assert!(
        !p.notes.iter().any(|n| n.contains("社区服务站建设经验")),
        "{:?}",
        p.notes
    );
    let done = apply(&restored, &p, &Decisions::default()).expect("applies");
    assert!(done.outcomes.iter().any(|o| o.id == id));
    assert_eq!(done.pairings[0].activities.len(), 2, "the unit's activity");
}

/// A clerk's review: the unit changed 活动经费 (and 兼职); the committee changed 活动经费
/// too, and corrected 专职. The 冲突 was one choice for the whole record, and 采用文件 put
/// the file's old 专职 back over the committee's correction (and 保留本机 dropped the
/// unit's 兼职). The choice is now for the field both changed: each side's other
/// changes stay either way, and the preview lists only what is chosen.
#[test]
fn a_resource_conflict_chooses_only_the_field_both_sides_changed() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let id = committee.resources[0].id.clone();
    let staff = committee.resources[0].staff;
    let part_time = committee.resources[0].part_time_staff;
    copy.resources[0].activity_funds = Points(250);
    copy.resources[0].part_time_staff = part_time + 2;
    copy.resources[0].meta.touch(LATER, "u1");
    let back = export_unit_return(&copy, LATER).expect("exports");
    committee.resources[0].activity_funds = Points(180);
    committee.resources[0].staff = staff + 1;
    committee.resources[0]
        .meta
        .touch("2026-10-01T00:00:00Z", "committee");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let key = format!("resource:{id}");
    let c = p.changes.iter().find(|c| c.key == key).expect("listed");
    assert_eq!(c.status, ChangeStatus::Conflict, "{:?}", p.changes);
    // The field to choose, then what the file brings either way (a clerk's review: a
    // one-sided 兼职 went in unlisted).
    assert_eq!(
        p.field_changes(&committee, c),
        vec![
            "活动经费（万元）：本机 1.8，文件 2.5".to_string(),
            "（无论选哪边都导入）兼职党务干部（人）：本机 0 → 文件 2".to_string()
        ],
        "only the field chosen between"
    );
    assert!(
        p.notes.iter().any(|n| n.contains("只有一方改过的项目")),
        "{:?}",
        p.notes
    );
    // 采用文件: the unit's 活动经费 and 兼职, the committee's 专职.
    let take = Decisions {
        take_file: [key.clone()].into(),
        ..Decisions::default()
    };
    let done = apply(&committee, &p, &take).expect("applies");
    let r = &done.resources[0];
    assert_eq!(
        (r.activity_funds, r.staff, r.part_time_staff),
        (Points(250), staff + 1, part_time + 2)
    );
    // 保留本机: the committee's 活动经费 and 专职, the unit's 兼职.
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    let r = &done.resources[0];
    assert_eq!(
        (r.activity_funds, r.staff, r.part_time_staff),
        (Points(180), staff + 1, part_time + 2)
    );
}

/// A clerk's review: a unit returned its 活动经费, the committee took it in, corrected
/// 专职 and sent the task file again. The unit, with nothing changed since, was told
/// 工委和单位各自改动的内容互不冲突，已合并 before it had imported anything: there was
/// nothing of its own to merge. It is a plain change from the committee.
#[test]
fn a_task_file_holding_the_copys_returned_change_is_a_plain_change() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let key = format!("resource:{}", committee.resources[0].id);
    let staff = committee.resources[0].staff;
    funds_returned_and_taken(&mut committee, &mut copy, Points(450));
    committee.resources[0].staff = staff + 1;
    committee.resources[0]
        .meta
        .touch("2026-10-21T08:00:00Z", "committee");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    assert!(
        !p.notes.iter().any(|n| n.contains("合并")),
        "nothing of the copy's own to merge: {:?}",
        p.notes
    );
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(next.resources[0].staff, staff + 1, "the committee's 专职");
    assert_eq!(
        next.resources[0].activity_funds,
        Points(450),
        "the unit's own"
    );
}

/// A clerk's review: a task file that brought the committee's 备案 of an outcome was
/// listed in the unit's preview as 修改 with no line saying what changed (the preview
/// listed the unit's own fields only).
#[test]
fn a_task_update_says_what_the_committee_did_with_an_outcome() {
    let mut committee = committee();
    let copy = unit_copy(&mut committee);
    let o = committee
        .outcomes
        .iter_mut()
        .find(|o| o.id == "o1")
        .expect("o1");
    o.filed_on = Some("2026-09-30".into());
    o.path.filing_no = "备〔2026〕88号".into();
    o.meta.touch("2026-10-01T00:00:00Z", "committee");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-02T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == "outcome:o1")
        .expect("listed");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    assert_eq!(
        p.field_changes(&copy, c),
        vec![
            "办理阶段：本机 已登记 → 文件 已备案",
            "备案日期：本机 （空） → 文件 2026-09-30",
            "备案编号：本机 （空） → 文件 备〔2026〕88号"
        ]
    );
}

/// A clerk's review, on the sample city: the unit logged an activity and exported its
/// return; the committee then changed only the pairing's 结对目标 and sent the task file
/// again. In the copy the update dropped the activity (the file lacked it because the
/// committee had not taken the return in yet); at the committee the first return was a
/// conflict whose either side lost something. Both sides' changes are kept, both ways.
#[test]
fn a_committee_goal_change_and_a_unit_activity_are_both_kept_on_both_sides() {
    use exemplar::domain::between_rounds::pairing::{self, PairingDraft};
    let mut committee = exemplar::domain::sample::sample_city(2026);
    let unit = committee
        .units
        .iter()
        .find(|u| u.name == "市林业局离退休干部党支部")
        .expect("in the sample")
        .id
        .clone();
    let round = committee
        .rounds
        .iter()
        .find(|r| r.year == 2026)
        .expect("2026")
        .id
        .clone();
    let pid = committee
        .pairings
        .iter()
        .find(|p| p.site_id == unit)
        .expect("paired")
        .id
        .clone();
    let task = export_to_unit(
        &mut committee,
        &round,
        &unit,
        "2026-12-01T01:00:00Z",
        ENTROPY,
    )
    .expect("export");
    let mut copy = open_task(&task);
    pairing::add_activity(
        &mut copy,
        &pid,
        activity("2026-11-10", "联合主题党日"),
        "2026-12-01T01:10:00Z",
    )
    .expect("logged");
    let back = export_unit_return(&copy, "2026-12-01T01:11:00Z").expect("exports");
    note_return_sent(&mut copy);
    let held = committee
        .pairings
        .iter()
        .find(|p| p.id == pid)
        .expect("held")
        .clone();
    let mut draft = PairingDraft::from_pairing(&held);
    draft.goals = "共建共享，两年内带动结对单位创建示范点".into();
    pairing::edit(&mut committee, &pid, draft, "2026-12-01T01:20:00Z").expect("edited");
    let again = export_to_unit(
        &mut committee,
        &round,
        &unit,
        "2026-12-01T01:21:00Z",
        ENTROPY,
    )
    .expect("export");
    let kept = |st: &AppState| {
        let p = st.pairings.iter().find(|p| p.id == pid).expect("held");
        (
            p.goals.clone(),
            p.activities.len(),
            p.activities.iter().any(|a| a.title == "联合主题党日"),
        )
    };
    let want = (
        "共建共享，两年内带动结对单位创建示范点".to_string(),
        held.activities.len() + 1,
        true,
    );

    // In the copy: no conflict, both kept, and said so.
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    assert!(
        p.notes.iter().any(|n| n.contains("互不冲突，导入时合并")),
        "{:?}",
        p.notes
    );
    let got = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(kept(&got), want);

    // At the committee, the return made from the first task file: the same.
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().next().is_none(), "{:?}", p.changes);
    let done = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(kept(&done), want);

    // Once the committee has it, a task file that lacks it but has another activity
    // the copy returned tells a removal there: the copy follows.
    let mut copy = got;
    let back = logged_and_returned(
        &mut copy,
        &pid,
        "2026-11-20",
        "志愿服务",
        "2026-12-01T02:10:00Z",
    );
    let p = preview(&done, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let mut committee = apply(&done, &p, &Decisions::default()).expect("applies");
    let p = committee
        .pairings
        .iter_mut()
        .find(|p| p.id == pid)
        .expect("held");
    assert!(p.activities.iter().any(|a| a.title == "志愿服务"));
    p.activities.retain(|a| a.title != "联合主题党日");
    p.meta.rev += 1;
    let third = export_to_unit(
        &mut committee,
        &round,
        &unit,
        "2026-12-01T03:00:00Z",
        ENTROPY,
    )
    .expect("export");
    let p = preview(&copy, "task.json", third.as_bytes(), &opts()).expect("previews");
    let got = apply(&copy, &p, &Decisions::default()).expect("applies");
    let (_, n, logged) = kept(&got);
    assert_eq!((n, logged), (held.activities.len() + 1, false));
}

/// A clerk's review: a unit's return was refused whole at the committee (an activity
/// dated after the pairing ended there); the committee's next task file, holding the
/// activity of an earlier return it took, was read as having removed the refused
/// return's activities, and the copy dropped them, the valid one too, unsaid. And the
/// update said only 修改 of the pairing, not that it had ended.
#[test]
fn a_refused_returns_activities_stay_in_the_copy_and_the_end_is_said() {
    use exemplar::domain::between_rounds::pairing::{self, PairingDraft};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let round = committee.rounds[0].id.clone();
    let unit = committee.pairings[0].site_id.clone();
    // The first return, with one activity, is taken in.
    let first = logged_and_returned(
        &mut copy,
        "p1",
        "2026-10-20",
        "联学活动",
        "2026-10-21T09:00:00Z",
    );
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    // The committee ends the pairing; the copy, not knowing, logs two more and returns
    // them: the committee refuses that file (not taken in here).
    let p0 = committee.pairings[0].clone();
    let end = PairingDraft {
        ended_on: "2026-11-30".into(),
        status: PairingStatus::Ended,
        ..PairingDraft::from_pairing(&p0)
    };
    pairing::edit(&mut committee, "p1", end, "2026-11-30T09:00:00Z").expect("ended");
    for (day, title) in [
        ("2026-11-25", "十一月有效活动"),
        ("2026-12-03", "十二月活动"),
    ] {
        pairing::add_activity(
            &mut copy,
            "p1",
            activity(day, title),
            "2026-12-03T09:00:00Z",
        )
        .expect("logged");
    }
    export_unit_return(&copy, "2026-12-03T09:05:00Z").expect("exports");
    note_return_sent(&mut copy);
    // The committee sends the task again; the copy takes it.
    let again = export_to_unit(
        &mut committee,
        &round,
        &unit,
        "2026-12-04T09:00:00Z",
        ENTROPY,
    )
    .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let change = p
        .changes
        .iter()
        .find(|c| c.key == "pairing:p1")
        .expect("the pairing");
    let lines = p.field_changes(&copy, change);
    assert!(
        lines
            .iter()
            .any(|l| l == "结对状态：本机 进行中 → 文件 已结束（2026-11-30）"),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains("十一月有效活动")),
        "not listed as removed: {lines:?}"
    );
    let got = apply(&copy, &p, &Decisions::default()).expect("applies");
    let held = got.pairings.iter().find(|p| p.id == "p1").expect("held");
    let titles: Vec<&str> = held.activities.iter().map(|a| a.title.as_str()).collect();
    for t in ["联学活动", "十一月有效活动", "十二月活动"] {
        assert!(titles.contains(&t), "{t} kept: {titles:?}");
    }
    assert_eq!(held.status, PairingStatus::Ended);
    assert_eq!(held.ended_on.as_deref(), Some("2026-11-30"));
}

/// A clerk's review: the committee changed only an item's 责任人 and sent the task again;
/// the unit, with new 进展 of its own, was told 两边都有新的整改进展. It is told what it
/// keeps and what it takes.
#[test]
fn a_task_update_that_changes_only_the_owner_is_not_said_to_bring_progress() {
    use exemplar::domain::between_rounds::rectification::{self, RectificationDraft};
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    rectification::add_progress(&mut copy, "c1", "2026-10-05", "已开展结对活动", LATER)
        .expect("unit progress");
    let held = committee.rectifications[0].clone();
    let draft = RectificationDraft {
        unit_id: held.unit_id.clone(),
        category: held.category,
        source: held.source,
        description: held.description.clone(),
        owner: "朱振华、李明".into(),
        deadline: held.deadline.clone(),
        status: held.status,
    };
    rectification::edit(&mut committee, "c1", draft, "2026-10-16T09:00:00Z").expect("edited");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-17T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(
        p.notes
            .iter()
            .any(|n| n
                .contains("本机新填写的整改进展保留，文件中的其他修改（如责任人、期限）一并导入")),
        "{:?}",
        p.notes
    );
    assert!(
        !p.notes.iter().any(|n| n.contains("两边都有新的整改进展")),
        "{:?}",
        p.notes
    );
    let got = apply(&copy, &p, &Decisions::default()).expect("applies");
    let item = &got.rectifications[0];
    assert_eq!(item.owner, "朱振华、李明");
    assert!(item.progress.iter().any(|n| n.note == "已开展结对活动"));
}

/// A unit's copy with its work done ([`unit_works`]), and the id of the outcome it
/// registered.
fn copy_with_its_outcome(committee: &mut AppState) -> (AppState, String) {
    let mut copy = unit_copy(committee);
    unit_works(&mut copy);
    let mine = copy
        .outcomes
        .iter()
        .find(|o| o.title == "“四强”党支部创建手册")
        .expect("registered")
        .id
        .clone();
    (copy, mine)
}

/// A clerk's re-test: the committee took a unit's outcome in, deleted it, and sent the
/// task file again (which no longer names it); the unit edited the outcome and returned
/// it: it came back as 新增. It stays deleted, said.
#[test]
fn an_outcome_the_committee_deleted_stays_deleted_when_the_unit_returns_it_edited() {
    use exemplar::domain::outcomes::delete_outcome;
    let mut committee = committee();
    let (mut copy, mine) = copy_with_its_outcome(&mut committee);
    let back = export_unit_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    delete_outcome(&mut committee, &mine).expect("deleted");
    export_to_unit(&mut committee, "r1", "u1", "2026-10-20T09:00:00Z", ENTROPY).expect("export");
    let o = copy
        .outcomes
        .iter_mut()
        .find(|o| o.id == mine)
        .expect("still in the copy");
    o.description = "补充了创建手册的使用情况".into();
    o.meta.touch("2026-10-21T09:00:00Z", "u1");
    let again = export_unit_return(&copy, "2026-10-21T09:05:00Z").expect("exports");
    let p = preview(&committee, "u1.json", again.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.changes.iter().any(|c| c.key == format!("outcome:{mine}")),
        "{:?}",
        p.changes
            .iter()
            .map(|c| (&c.key, c.status))
            .collect::<Vec<_>>()
    );
    assert!(
        p.notes.iter().any(|n| n.contains("保持删除，不导入")),
        "{:?}",
        p.notes
    );
    let got = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert!(!got.outcomes.iter().any(|o| o.id == mine), "stays deleted");
}

/// A clerk's review: nothing entered in a unit's copy could be deleted, so a duplicate
/// went to the committee. What was entered here and has not gone out may go.
#[test]
fn what_a_copy_entered_and_has_not_returned_may_be_deleted_there() {
    use exemplar::domain::between_rounds::pairing;
    let mut committee = committee();
    let (mut copy, mine) = copy_with_its_outcome(&mut committee);
    let sent = committee.outcomes.first().map(|o| o.id.clone());
    assert!(unreported_outcome(&copy, &mine));
    if let Some(id) = &sent {
        assert!(!unreported_outcome(&copy, id), "the committee's own");
    }
    let logged = activity("2026-10-10", "联学活动");
    pairing::add_activity(&mut copy, "p1", logged.clone(), LATER).expect("logged");
    let held = copy.pairings[0].clone();
    let logged = held
        .activities
        .iter()
        .find(|a| a.title == "联学活动")
        .expect("held")
        .clone();
    assert!(unreported_activity(&copy, "p1", &logged));
    for a in held.activities.iter().filter(|a| a.title != "联学活动") {
        assert!(
            !unreported_activity(&copy, "p1", a),
            "sent in the task file"
        );
    }
    // One logged here and corrected is still its own; one the task file carried and
    // corrected here is not (a clerk's review: editing the committee's activity gave
    // it 删除 as "not yet returned", and deleting it removed the committee's record).
    let mut fixed = logged.clone();
    fixed.note = "补记".into();
    pairing::edit_activity(&mut copy, "p1", &logged, fixed.clone(), LATER).expect("edited");
    assert!(unreported_activity(&copy, "p1", &fixed));
    let logged = fixed;
    let theirs = held
        .activities
        .iter()
        .find(|a| a.title != "联学活动")
        .expect("one sent in the task file")
        .clone();
    let mut changed = theirs.clone();
    changed.result = "单位补记：学习成效明显".into();
    pairing::edit_activity(&mut copy, "p1", &theirs, changed.clone(), LATER).expect("edited");
    assert!(!unreported_activity(&copy, "p1", &changed));
    let mut again = changed.clone();
    again.result = "又改了一次".into();
    pairing::edit_activity(&mut copy, "p1", &changed, again.clone(), LATER).expect("edited");
    assert!(!unreported_activity(&copy, "p1", &again));
    // Once a return carries them, they stay.
    export_unit_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    assert!(!unreported_outcome(&copy, &mine));
    assert!(!unreported_activity(&copy, "p1", &logged));
    // Nothing of the kind on the committee's side.
    assert!(!unreported_outcome(&committee, &mine));
    // The committee refused that return: the task file it sends next lacks them, and
    // once the copy takes it they may go again (a clerk's review: a mistaken outcome in
    // a refused return could never be withdrawn).
    let next = export_to_unit(&mut committee, "r1", "u1", "2026-10-20T09:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", next.as_bytes(), &opts()).expect("previews");
    let copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert!(copy.outcomes.iter().any(|o| o.id == mine), "kept");
    assert!(unreported_outcome(&copy, &mine));
    assert!(unreported_activity(&copy, "p1", &logged));
    assert!(!unreported_activity(&copy, "p1", &again), "the committee's");
}

/// A clerk's review: the committee ticked an outcome's 创新类型 and recognised it while
/// the unit, not having seen it, rewrote its 简介. Taking the next task file was a
/// conflict (创新类型 本机 无，文件 制度创新): 保留本机 left the copy with a recognised
/// outcome without its type, 采用文件 lost the 简介. Both sides' changes are now kept,
/// nothing to choose; with the 简介 changed on both sides, 保留本机 still takes the type.
#[test]
fn a_units_new_description_and_the_committees_innovation_type_are_both_kept() {
    use exemplar::domain::outcomes::{edit_outcome, take_step, OutcomeInput, StepRequest};
    const T1: &str = "2026-11-01T09:00:00Z";
    const T2: &str = "2026-11-02T09:00:00Z";
    const T3: &str = "2026-11-03T09:00:00Z";
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    unit_works(&mut copy);
    let id = copy.outcomes.last().expect("made").id.clone();
    let first = export_unit_return(&copy, T1).expect("exports");
    note_return_sent(&mut copy);
    let p = preview(&committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    // The outcome edited on one side as `change` says.
    let edit = |st: &mut AppState, at: &str, change: &dyn Fn(&mut OutcomeInput)| {
        let o = outcome_in(st, &id).expect("held").clone();
        let mut input = OutcomeInput::from_outcome(&o);
        change(&mut input);
        edit_outcome(st, &id, &input, at).expect("edited");
    };
    // The committee sends the task file again: the copy's preview, and the outcome's
    // status in it.
    let send = |committee: &mut AppState, copy: &AppState| {
        let task = export_to_unit(committee, "r1", "u1", T3, ENTROPY).expect("export");
        let p = preview(copy, "task.json", task.as_bytes(), &opts()).expect("previews");
        let c = p.changes.iter().find(|c| c.key.ends_with(&id)).cloned();
        (p, c.expect("the outcome is in the preview"))
    };
    // The copy holds the committee's type and filing and its own 简介.
    let both_kept = |st: &AppState| {
        let o = outcome_in(st, &id).expect("in the copy");
        assert_eq!(o.innovations, [Innovation::Institution]);
        assert_eq!(o.description, "对离退休党员实行积分管理");
        assert_eq!(o.filed_on.as_deref(), Some("2026-11-02"));
    };
    // The committee: 制度创新, then 备案.
    edit(&mut committee, T2, &|i| {
        i.innovations = vec![Innovation::Institution]
    });
    let filing = StepRequest::File {
        date: "2026-11-02".into(),
        filing_no: "BA-7".into(),
    };
    take_step(&mut committee, &id, &filing, T2).expect("filed");
    // The unit, meanwhile: a new 简介.
    edit(&mut copy, T3, &|i| {
        i.description = "对离退休党员实行积分管理".into()
    });
    let (p, c) = send(&mut committee, &copy);
    assert_eq!(c.status, ChangeStatus::Changed, "nothing to decide");
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("本副本中的创新类型“方法创新”已改为工委的")),
        "{:?}",
        p.notes
    );
    both_kept(&apply(&copy, &p, &Decisions::default()).expect("applies"));

    // The committee rewrote the 简介 too: a conflict on it alone; 保留本机 keeps this
    // copy's 简介 with the committee's type and filing.
    edit(&mut committee, T3, &|i| {
        i.description = "工委改写的简介".into()
    });
    let (p, c) = send(&mut committee, &copy);
    assert_eq!(c.status, ChangeStatus::Conflict);
    let lines = p.field_changes(&copy, &c);
    assert!(
        lines
            .iter()
            .filter(|l| l.contains("创新类型"))
            .all(|l| l.starts_with("（无论选哪边都导入）")),
        "only the 简介 is to choose: {lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("成果简介")), "{lines:?}");
    assert_eq!(p.kept_with_file_changes(&copy, &Decisions::default()), 1);
    both_kept(&apply(&copy, &p, &Decisions::default()).expect("applies"));
}

/// A clerk's review: a unit renamed its outcome before the committee's 备案 reached it.
/// The committee kept its name (said, and now naming what the file tried), but the
/// unit's copy kept the new name for good: each later task file left it there, and each
/// return tried it again. The copy now takes the committee's name, keeps its own other
/// changes, and says so.
#[test]
fn a_unit_renaming_an_outcome_the_committee_has_filed_gets_the_committees_name_back() {
    use exemplar::domain::outcomes::{edit_outcome, OutcomeInput};
    const T3: &str = "2026-11-03T09:00:00Z";
    const T4: &str = "2026-11-04T09:00:00Z";
    let (mut committee, mut copy, id) = filed_after_its_return();
    let filed_title = outcome_in(&committee, &id).expect("held").title.clone();
    // The unit renames it and corrects its evidence, not having seen the filing.
    let o = outcome_in(&copy, &id).expect("in the copy").clone();
    let mut input = OutcomeInput::from_outcome(&o);
    input.title = "改过的名称".into();
    input.evidence = "服务台账第2页".into();
    edit_outcome(&mut copy, &id, &input, T3).expect("edited before the filing arrived");
    let back = export_unit_return(&copy, T3).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("not refused");
    assert!(
        p.notes
            .iter()
            .any(|n| n.ends_with("文件中的名称「改过的名称」未导入")),
        "{:?}",
        p.notes
    );
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let held = outcome_in(&committee, &id).expect("held");
    assert_eq!(held.title, filed_title);
    assert_eq!(held.evidence, ["服务台账第2页"]);
    // The task file sent again: the copy takes the committee's name and its filing, and
    // keeps its evidence.
    let again = export_to_unit(&mut committee, "r1", "u1", T4, ENTROPY).expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    assert!(
        p.notes.iter().any(|n| n.contains(&format!(
            "成果{}工委已办理备案或认定，其名称、类别、日期和创新类型以工委的为准：本副本中的名称「改过的名称」已改为工委的",
            exemplar::domain::outcomes::corner_quoted(&filed_title)
        ))),
        "{:?}",
        p.notes
    );
    assert!(
        p.changes.iter().all(|c| c.status != ChangeStatus::Conflict),
        "nothing to decide"
    );
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let mine = outcome_in(&copy, &id).expect("in the copy");
    assert_eq!(mine.title, filed_title);
    assert_eq!(mine.filed_on.as_deref(), Some("2026-11-02"));
    assert_eq!(mine.evidence, ["服务台账第2页"]);
    // Its next return says nothing more about the name.
    let next = export_unit_return(&copy, T4).expect("exports");
    let p = preview(&committee, "u1.json", next.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.notes.iter().any(|n| n.contains("未导入")),
        "{:?}",
        p.notes
    );
}

/// A clerk's review: a unit that had taken the committee's newer task file opened the
/// first one again (from an old email); the preview offered the old file's values over
/// its evidence and scores, and taking it wiped them. An older task file is refused.
#[test]
fn an_older_task_file_than_the_one_taken_is_refused_and_changes_nothing() {
    const T2: &str = "2026-11-02T09:00:00Z";
    let mut committee = committee();
    let first = export_to_unit(&mut committee, "r1", "u1", ISSUED, ENTROPY).expect("export");
    let mut copy = open_task(&first);
    unit_works(&mut copy);
    let back = export_unit_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let again = export_to_unit(&mut committee, "r1", "u1", T2, ENTROPY).expect("export");
    let p = preview(&copy, "task2.json", again.as_bytes(), &opts()).expect("previews");
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    let before = ser(&copy);
    let e = preview(&copy, "task1.json", first.as_bytes(), &opts()).unwrap_err();
    assert_eq!(e.code(), "older_task");
    assert!(
        e.to_string().starts_with(
            "这是一份较早的任务文件（工委于 2026-09-01 17:00 导出），本副本已导入过工委 2026-11-02 17:00 导出的更新的任务文件"
        ),
        "{e}"
    );
    assert_eq!(ser(&copy), before);
    // The newer file again is taken as before (nothing new in it).
    let p = preview(&copy, "task2.json", again.as_bytes(), &opts()).expect("the same file");
    assert!(p
        .changes
        .iter()
        .all(|c| c.status == ChangeStatus::Unchanged));
}

/// A clerk's review: the committee and the unit both changed a 保障投入's 经费, and the
/// committee alone its 专职. In the unit's copy, taking the next task file, the conflict's
/// default 保留本机 put back the copy's old 专职 too, and the next return overwrote the
/// committee's 专职 as if the unit had changed it. A field only one side changed keeps
/// that side's value whichever side is chosen, in the copy as at the committee.
#[test]
fn in_a_copy_a_conflict_on_one_field_keeps_the_committees_change_to_another() {
    const T2: &str = "2026-11-02T09:00:00Z";
    const T3: &str = "2026-11-03T09:00:00Z";
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    // The unit changes 经费 5 → 18.
    let e = copy
        .resources
        .iter_mut()
        .find(|e| e.id == "e1")
        .expect("e1");
    e.funds = Points::whole(18);
    e.meta.touch(LATER, "u1");
    // The committee changes 经费 5 → 16 and 专职 3 → 4, then sends the task again.
    let e = committee
        .resources
        .iter_mut()
        .find(|e| e.id == "e1")
        .expect("e1");
    e.funds = Points::whole(16);
    e.staff = 4;
    e.meta.touch(T2, "committee");
    let again = export_to_unit(&mut committee, "r1", "u1", T2, ENTROPY).expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == "resource:e1")
        .expect("the entry");
    assert_eq!(
        c.status,
        ChangeStatus::Conflict,
        "经费 changed on both sides"
    );
    // 采用文件: the committee's 经费 and 专职.
    let mut d = Decisions::default();
    d.take_file.insert(c.key.clone());
    let taken = apply(&copy, &p, &d).expect("applies");
    let e = taken.resources.iter().find(|e| e.id == "e1").expect("e1");
    assert_eq!((e.funds, e.staff), (Points::whole(16), 4));
    // 保留本机 (the default): the copy's 经费, the committee's 专职.
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    let e = kept.resources.iter().find(|e| e.id == "e1").expect("e1");
    assert_eq!((e.funds, e.staff), (Points::whole(18), 4));
    // And its return does not take the committee's 专职 back.
    let back = export_unit_return(&kept, T3).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let next = apply(&committee, &p, &Decisions::default()).expect("applies");
    let e = next.resources.iter().find(|e| e.id == "e1").expect("e1");
    assert_eq!(e.staff, 4, "the committee's 专职 stands");
}

/// A clerk's review: a pairing changed on both sides in a way that cannot be merged item
/// by item (one activity corrected on both sides) while the committee had logged
/// another; 采用文件 removed the committee's new activity, and nothing said it would.
#[test]
fn a_conflict_that_takes_the_files_version_whole_says_what_it_removes() {
    use exemplar::domain::between_rounds::pairing;
    const T2: &str = "2026-11-02T09:00:00Z";
    const T3: &str = "2026-11-03T09:00:00Z";
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let sent = committee.pairings[0].activities[0].clone();
    // Both correct the same activity, each its own way; the committee logs another.
    let mut mine = sent.clone();
    mine.result = "单位补记".into();
    pairing::edit_activity(&mut copy, "p1", &sent, mine, LATER).expect("edited");
    let mut theirs = sent.clone();
    theirs.result = "工委补记".into();
    pairing::edit_activity(&mut committee, "p1", &sent, theirs, T2).expect("edited");
    pairing::add_activity(
        &mut committee,
        "p1",
        activity("2026-11-01", "工委新增活动"),
        T2,
    )
    .expect("logged");
    let back = export_unit_return(&copy, T3).expect("exports");
    let p = preview(&committee, "u1.json", back.as_bytes(), &opts()).expect("previews");
    let c = p
        .changes
        .iter()
        .find(|c| c.key == "pairing:p1")
        .expect("the pairing");
    assert_eq!(c.status, ChangeStatus::Conflict);
    assert!(
        p.notes.iter().any(|n| n.contains(
            "两边的改动不能逐项合并。选“采用文件”，本机有、文件中没有的 2 条记录（见下方所列）将被删去"
        )),
        "{:?}",
        p.notes
    );
}

/// A clerk's review (an assessor's copy end to end, 2027 round). The committee typed a
/// score from paper into a sheet an assessor had returned; then:
/// - the assessor's next return, with nothing new for that unit, was a 冲突 (本机 5，
///   文件 空) whose 采用文件 erased the committee's entry;
/// - one correcting another score was a 冲突 of the whole sheet: either side lost its
///   change;
/// - an older return picked on its own after a newer one was a 冲突, not refused.
///
/// A return's sheet is now judged against the sender's last return, score by score.
#[test]
fn returns_after_the_committee_changed_a_sheet_are_merged_score_by_score() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    let src = SheetSource::Assessor("a1".into());
    let set = |s: &mut AppState, at: usize, p: Points, by: &str, when: &str| {
        set_a1_score(s, "u1", at, p, by, when)
    };
    let scores = |s: &AppState| {
        s.rounds[0]
            .sheet("u1", &src)
            .map(|x| x.points[..5].to_vec())
            .unwrap_or_default()
    };
    let status = |p: &Preview| {
        p.changes
            .iter()
            .find(|c| c.key == "sheet:r1/u1/a:a1")
            .map(|c| c.status)
    };
    let import = |st: &AppState, file: &str| {
        let p = preview(st, "a1.json", file.as_bytes(), &opts()).expect("previews");
        let next = apply(st, &p, &Decisions::default()).expect("applies");
        (p, next)
    };
    // The first return, taken in.
    set(&mut copy, 0, Points(300), "a1", LATER);
    let v1 = export_assessor_return(&copy, LATER).expect("exports");
    committee = import(&committee, &v1).1;
    // The committee enters a score from paper.
    set(
        &mut committee,
        2,
        Points(100),
        "committee",
        "2026-10-16T09:00:00Z",
    );
    let entered = scores(&committee);
    // The assessor reports again with nothing new: nothing to choose, the entry stays.
    let same = export_assessor_return(&copy, "2026-10-16T12:00:00Z").expect("exports");
    let (p, next) = import(&committee, &same);
    assert_eq!(status(&p), Some(ChangeStatus::Stale));
    assert_eq!(p.conflicts().count(), 0);
    assert_eq!(scores(&next), entered);
    // The assessor corrects another score: both kept, and said.
    set(&mut copy, 1, Points(200), "a1", "2026-10-17T09:00:00Z");
    let v2 = export_assessor_return(&copy, "2026-10-17T09:00:00Z").expect("exports");
    let (p, next) = import(&committee, &v2);
    assert_eq!(status(&p), Some(ChangeStatus::Changed));
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("本机和评委「张评委」改的是不同的分数")),
        "{:?}",
        p.notes
    );
    let mut both = entered.clone();
    both[1] = Some(Points(200));
    assert_eq!(scores(&next), both);
    committee = next;
    // The first return picked on its own afterwards: older than what was taken.
    let (p, next) = import(&committee, &v1);
    assert_eq!(status(&p), Some(ChangeStatus::Stale));
    assert_eq!(scores(&next), both);
    // Both change the same score: that score alone is chosen; the rest merge either way.
    set(
        &mut committee,
        3,
        Points(100),
        "committee",
        "2026-10-18T09:00:00Z",
    );
    set(&mut copy, 3, Points(200), "a1", "2026-10-18T10:00:00Z");
    set(&mut copy, 4, Points(400), "a1", "2026-10-18T10:00:00Z");
    let v3 = export_assessor_return(&copy, "2026-10-18T10:00:00Z").expect("exports");
    let p = preview(&committee, "a1.json", v3.as_bytes(), &opts()).expect("previews");
    let conflict = p.conflicts().next().expect("a conflict");
    let fourth = committee.schemes[0].indicators().nth(3).expect("indicator");
    assert_eq!(
        p.field_changes(&committee, conflict)[0],
        format!("{}：本机 1，文件 2", fourth.name)
    );
    assert!(p.field_changes(&committee, conflict)[1..]
        .iter()
        .all(|l| l.starts_with("（无论选哪边都导入）")));
    let kept = apply(&committee, &p, &Decisions::default()).expect("applies");
    let mut expect_kept = both.clone();
    expect_kept[3] = Some(Points(100));
    expect_kept[4] = Some(Points(400));
    assert_eq!(scores(&kept), expect_kept);
    let mut d = Decisions::default();
    d.take_file.insert(conflict.key.clone());
    let taken = apply(&committee, &p, &d).expect("applies");
    let mut expect_taken = expect_kept.clone();
    expect_taken[3] = Some(Points(200));
    assert_eq!(scores(&taken), expect_taken, "the paper entry stays");
    // The same return again after keeping ours: nothing new.
    let (p, _) = import(&kept, &v3);
    assert_eq!(status(&p), Some(ChangeStatus::Stale));
}

/// A clerk's review of the exports: the 评委评分表 a judge signs showed a score the
/// committee had changed after the judge's return as the judge's own, unmarked.
#[test]
fn the_assessors_sheet_to_sign_names_the_units_changed_after_the_return() {
    use exemplar::domain::office::tables::assessor_tables;
    use exemplar::domain::reports::prints::cell_text;
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let back = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
    let mut next = apply(&committee, &p, &Decisions::default()).expect("applies");
    let footer = |st: &AppState| -> Vec<String> {
        assessor_tables(st, &st.rounds[0])[0]
            .footer
            .iter()
            .map(|r| r.iter().map(cell_text).collect::<String>())
            .collect()
    };
    assert!(
        footer(&next).iter().all(|l| !l.starts_with('※')),
        "as returned: {:?}",
        footer(&next)
    );
    // The committee changes u1's score from paper.
    let src = SheetSource::Assessor("a1".into());
    let sheet = next.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.unit_id == "u1" && s.source == src)
        .expect("u1's sheet");
    sheet.points[0] = Some(Points(100));
    sheet.meta.touch("2026-10-20T09:00:00Z", "committee");
    let u1 = next.unit("u1").expect("u1").name.clone();
    assert!(
        footer(&next).contains(&format!(
            "※ 以下单位的分数在收到评委报送的文件后由工委录入或修改，请评委核对后签名：{u1}"
        )),
        "{:?}",
        footer(&next)
    );
}

/// A clerk's review: the assessor returned a changed score; the committee took the
/// return, set the score back to what the task file first carried, and sent the task
/// again. The copy kept its own score, calling it 本机的较新, and never said the
/// committee's. Then, the other way: the committee corrected a returned score while the
/// assessor put it back to the task file's value, and the update overwrote the
/// assessor's as a plain 修改.
#[test]
fn a_score_set_back_to_the_task_files_value_is_not_taken_for_no_change() {
    let key = "sheet:r1/u1/a:a1";
    let src = SheetSource::Assessor("a1".into());
    let score = |s: &AppState, at: usize| s.rounds[0].sheet("u1", &src).and_then(|x| x.points[at]);
    // The assessor changes score 0 and returns; the committee takes the return in.
    let start = |committee: &mut AppState| {
        let mut copy = assessor_copy(committee, "a1");
        let sent = score(&copy, 0);
        set_a1_score(&mut copy, "u1", 0, Points(300), "a1", LATER);
        let back = export_assessor_return(&copy, LATER).expect("exports");
        note_return_sent(&mut copy);
        let p = preview(committee, "a1.json", back.as_bytes(), &opts()).expect("previews");
        *committee = apply(committee, &p, &Decisions::default()).expect("applies");
        assert_eq!(score(committee, 0), Some(Points(300)));
        (copy, sent)
    };
    // A: the committee sets it back; the assessor has typed nothing since.
    let mut committee = committee();
    let (copy, sent) = start(&mut committee);
    let sent = sent.expect("the task file carried a score");
    let again = corrected_and_sent_again(&mut committee, sent);
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_ne!(
        c.status,
        ChangeStatus::Stale,
        "the committee's score is said: {:?}",
        c
    );
    assert_ne!(c.status, ChangeStatus::Unchanged);
    assert_eq!(c.status, ChangeStatus::Conflict, "{:?}", p.changes);
    // Said why: set back by the committee, or a return it has not taken in.
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("文件中有分数与工委原先下发的相同")),
        "{:?}",
        p.notes
    );
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        score(&kept, 0),
        Some(Points(300)),
        "保留本机 keeps the copy's"
    );
    let mut take = Decisions::default();
    take.take_file.insert(key.to_string());
    let by_file = apply(&copy, &p, &take).expect("applies");
    assert_eq!(
        score(&by_file, 0),
        Some(sent),
        "采用文件 takes the committee's"
    );

    // B: the committee corrects the returned score; the assessor meanwhile puts it back
    // to the task file's value. Not a plain change: the assessor's is asked about.
    let mut committee = self::committee();
    let (mut copy, sent) = start(&mut committee);
    let sent = sent.expect("the task file carried a score");
    let again = corrected_and_sent_again(&mut committee, Points(250));
    set_a1_score(&mut copy, "u1", 0, sent, "a1", "2026-10-16T11:00:00Z");
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_eq!(c.status, ChangeStatus::Conflict, "{:?}", p.changes);
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(score(&kept, 0), Some(sent), "保留本机 keeps the assessor's");
    let mut take = Decisions::default();
    take.take_file.insert(key.to_string());
    let by_file = apply(&copy, &p, &take).expect("applies");
    assert_eq!(
        score(&by_file, 0),
        Some(Points(250)),
        "采用文件 takes the correction"
    );
    // A correction of a score this copy returned, with nothing typed here since, is one
    // to choose, as before: the copy cannot tell that its return reached the committee.
    let mut committee = self::committee();
    let (copy, _) = start(&mut committee);
    let again = corrected_and_sent_again(&mut committee, Points(250));
    let p = preview(&copy, "again.json", again.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_eq!(c.status, ChangeStatus::Conflict, "{:?}", p.changes);
    // Said to be most likely the committee's correction (a clerk's re-test: kept by
    // default, the next return undid it as a plain 修改).
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("而本副本报送后没有再改：多半是工委作了更正")),
        "{:?}",
        p.notes
    );
    assert!(!p.notes.iter().any(|n| n.contains("与工委原先下发的相同")));
}

/// A clerk's review: a unit returned 阵地面积 changed; the committee took the return, set
/// it back to the task file's value and sent the task again. The unit's copy kept its
/// own, unsaid. It is now to choose, and either choice is had.
#[test]
fn a_field_set_back_to_the_task_files_value_is_asked_about_in_the_copy() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let key = format!("resource:{}", committee.resources[0].id);
    let sent = copy.resources[0].activity_funds;
    funds_returned_and_taken(&mut committee, &mut copy, Points(600));
    assert_eq!(committee.resources[0].activity_funds, Points(600));
    committee.resources[0].activity_funds = sent;
    committee.resources[0]
        .meta
        .touch("2026-10-21T10:00:00Z", "committee");
    let again = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T11:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", again.as_bytes(), &opts()).expect("previews");
    let conflicts: Vec<String> = p.conflicts().map(|c| c.key.clone()).collect();
    assert_eq!(conflicts, vec![key.clone()], "{:?}", p.changes);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("文件中有项目与工委原先下发的相同")),
        "{:?}",
        p.notes
    );
    let kept = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(kept.resources[0].activity_funds, Points(600));
    let mut take = Decisions::default();
    take.take_file.insert(key.clone());
    let taken = apply(&copy, &p, &take).expect("applies");
    assert_eq!(taken.resources[0].activity_funds, sent, "the committee's");
    // Corrected to a third figure instead: most likely the committee's correction.
    committee.resources[0].activity_funds = Points(650);
    committee.resources[0]
        .meta
        .touch("2026-10-22T10:00:00Z", "committee");
    let third = export_to_unit(&mut committee, "r1", "u1", "2026-10-22T11:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "task.json", third.as_bytes(), &opts()).expect("previews");
    assert_eq!(
        p.conflicts().map(|c| c.key.clone()).collect::<Vec<_>>(),
        vec![key]
    );
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("文件中有项目与本副本报送的不同，而本副本报送后没有再改")),
        "{:?}",
        p.notes
    );
}

/// A clerk's review: an assessor's older return, imported after a newer one (and after
/// the committee corrected the score and sent the task again), was a two-sided 冲突
/// whose 采用文件 brought back a score the assessor had already changed. It is older
/// than what was read in, and says so, as a unit's older return does.
#[test]
fn an_older_assessor_return_after_a_newer_one_is_not_a_conflict() {
    let key = "sheet:r1/u1/a:a1";
    let src = SheetSource::Assessor("a1".into());
    let score = |s: &AppState| s.rounds[0].sheet("u1", &src).and_then(|x| x.points[0]);
    for send_again in [false, true] {
        let mut committee = committee();
        let mut copy = assessor_copy(&mut committee, "a1");
        set_a1_score(&mut copy, "u1", 0, Points(300), "a1", LATER);
        let first = export_assessor_return(&copy, LATER).expect("exports");
        note_return_sent(&mut copy);
        set_a1_score(
            &mut copy,
            "u1",
            0,
            Points(350),
            "a1",
            "2026-10-15T17:00:00Z",
        );
        let second = export_assessor_return(&copy, "2026-10-15T17:00:00Z").expect("exports");
        let p = preview(&committee, "a1-2.json", second.as_bytes(), &opts()).expect("previews");
        committee = apply(&committee, &p, &Decisions::default()).expect("applies");
        assert_eq!(score(&committee), Some(Points(350)));
        set_a1_score(
            &mut committee,
            "u1",
            0,
            Points(250),
            "committee",
            "2026-10-16T09:00:00Z",
        );
        if send_again {
            export_to_assessor(&mut committee, "r1", "a1", "2026-10-16T10:00:00Z", ENTROPY)
                .expect("export again");
        }
        let p = preview(&committee, "a1-1.json", first.as_bytes(), &opts()).expect("previews");
        let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
        assert_eq!(
            c.status,
            ChangeStatus::Stale,
            "sent again: {send_again}; {:?}",
            p.changes
        );
        let after = apply(&committee, &p, &Decisions::default()).unwrap_or(committee.clone());
        assert_eq!(score(&after), Some(Points(250)), "the correction stays");
    }
}

/// The rule above only for a return made since the task file the copy holds: a return
/// older than a task file taken since is not asked about again (the committee's later
/// 专职 came into the copy plainly while the unit changed its 经费).
#[test]
fn a_return_older_than_the_task_file_taken_since_asks_nothing() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let key = format!("resource:{}", committee.resources[0].id);
    funds_returned_and_taken(&mut committee, &mut copy, Points(600));
    // The committee corrects 专职 and sends the task; the copy takes it.
    committee.resources[0].staff = 4;
    committee.resources[0]
        .meta
        .touch("2026-10-21T10:00:00Z", "committee");
    let t2 = export_to_unit(&mut committee, "r1", "u1", "2026-10-21T11:00:00Z", ENTROPY)
        .expect("export");
    let p = preview(&copy, "t2.json", t2.as_bytes(), &opts()).expect("previews");
    assert_eq!(p.conflicts().count(), 0, "{:?}", p.changes);
    copy = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(copy.resources[0].staff, 4);
    // Again, 专职 5, while the unit changes its 党建工作经费.
    committee.resources[0].staff = 5;
    committee.resources[0]
        .meta
        .touch("2026-10-22T10:00:00Z", "committee");
    let t3 = export_to_unit(&mut committee, "r1", "u1", "2026-10-22T11:00:00Z", ENTROPY)
        .expect("export");
    copy.resources[0].funds = Points(1500);
    copy.resources[0].meta.touch("2026-10-22T12:00:00Z", "u1");
    let p = preview(&copy, "t3.json", t3.as_bytes(), &opts()).expect("previews");
    assert!(p.conflicts().all(|c| c.key != key), "{:?}", p.changes);
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(
        (next.resources[0].staff, next.resources[0].funds),
        (5, Points(1500))
    );
}

/// A clerk's re-test: a unit's older return, imported after its newer one and the
/// committee's correction of the figure, was a 冲突 whose 采用文件 put the older figure
/// back. It is older than what was read in, as an assessor's older return is.
#[test]
fn a_units_older_return_after_a_newer_one_is_not_a_conflict() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let key = format!("resource:{}", committee.resources[0].id);
    copy.resources[0].activity_funds = Points(500);
    copy.resources[0].meta.touch(LATER, "u1");
    let older = export_unit_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    copy.resources[0].activity_funds = Points(600);
    copy.resources[0].meta.touch("2026-10-15T17:00:00Z", "u1");
    let newer = export_unit_return(&copy, "2026-10-15T17:00:00Z").expect("exports");
    let p = preview(&committee, "new.json", newer.as_bytes(), &opts()).expect("previews");
    committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    committee.resources[0].activity_funds = Points(700);
    committee.resources[0]
        .meta
        .touch("2026-10-16T09:00:00Z", "committee");
    export_to_unit(&mut committee, "r1", "u1", "2026-10-16T10:00:00Z", ENTROPY).expect("export");
    let p = preview(&committee, "old.json", older.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("listed");
    assert_eq!(c.status, ChangeStatus::Stale, "{:?}", p.changes);
    let after = apply(&committee, &p, &Decisions::default()).unwrap_or(committee.clone());
    assert_eq!(
        after.resources[0].activity_funds,
        Points(700),
        "the correction stays"
    );
}

/// The unit's copy sets its 活动经费 to `funds` and returns it; the committee takes the
/// return in.
fn funds_returned_and_taken(committee: &mut AppState, copy: &mut AppState, funds: Points) {
    copy.resources[0].activity_funds = funds;
    copy.resources[0].meta.touch(LATER, "u1");
    let first = export_unit_return(copy, LATER).expect("exports");
    note_return_sent(copy);
    let p = preview(committee, "u1.json", first.as_bytes(), &opts()).expect("previews");
    *committee = apply(committee, &p, &Decisions::default()).expect("applies");
}

/// The committee sets a1's first score of u1 to `to` and sends a1's task file again.
fn corrected_and_sent_again(committee: &mut AppState, to: Points) -> String {
    set_a1_score(committee, "u1", 0, to, "committee", "2026-10-16T09:00:00Z");
    export_to_assessor(committee, "r1", "a1", "2026-10-16T10:00:00Z", ENTROPY)
        .expect("export again")
}

/// A return the committee never took in, followed by a task file the copy took (which
/// supersedes it): the committee's next change of that score is taken plainly, not
/// asked about as if the return were newer than the task file (its revision, counted
/// in the copy, is past the committee's).
#[test]
fn a_return_superseded_by_a_task_file_taken_since_asks_nothing() {
    let key = "sheet:r1/u1/a:a1";
    let src = SheetSource::Assessor("a1".into());
    let score = |s: &AppState| s.rounds[0].sheet("u1", &src).and_then(|x| x.points[0]);
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    for (i, at) in ["10:00", "10:01", "10:02"].iter().enumerate() {
        set_a1_score(
            &mut copy,
            "u1",
            0,
            Points(300 + 50 * i as i64),
            "a1",
            &format!("2026-10-15T{at}:00Z"),
        );
    }
    export_assessor_return(&copy, LATER).expect("exports");
    note_return_sent(&mut copy);
    // Never taken in: the committee changes the score itself and sends the task again;
    // the copy takes it (both changed: the file's is chosen).
    let t2 = corrected_and_sent_again(&mut committee, Points(150));
    let p = preview(&copy, "t2.json", t2.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_eq!(c.status, ChangeStatus::Conflict, "{:?}", p.changes);
    let mut take = Decisions::default();
    take.take_file.insert(key.to_string());
    copy = apply(&copy, &p, &take).expect("applies");
    assert_eq!(score(&copy), Some(Points(150)));
    // The committee then corrects the score again and sends the task again: nothing of
    // the copy's to weigh against it.
    let t3 = corrected_and_sent_again(&mut committee, Points(250));
    let p = preview(&copy, "t3.json", t3.as_bytes(), &opts()).expect("previews");
    let c = p.changes.iter().find(|c| c.key == key).expect("the sheet");
    assert_eq!(c.status, ChangeStatus::Changed, "{:?}", p.changes);
    let next = apply(&copy, &p, &Decisions::default()).expect("applies");
    assert_eq!(score(&next), Some(Points(250)));
}

/// The return of assessor copy `copy` altered: every score 0, its counters raised and
/// signed with a code this committee never issued, made at `made_at`.
fn forged_return(copy: &AppState, made_at: &str) -> String {
    let mut forged = copy.clone();
    assessor_works(&mut forged, Points(0));
    for s in forged.rounds[0].sheets.iter_mut() {
        s.meta.rev += 5;
    }
    forged.workspace.as_mut().expect("ws").access_code = "FORGED".into();
    export_assessor_return(&forged, made_at).expect("exports")
}

/// A clerk's review: an assessor's return altered (a score lowered, its counters raised,
/// signed with another code) was taken in by 仍然导入; the assessor's genuine return then
/// met the forged score as 本机的较新 and was kept out, and nothing on the round page told
/// the forged file from the others.
#[test]
fn a_verified_return_replaces_what_an_unverified_one_left_and_says_why() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let genuine = export_assessor_return(&copy, LATER).expect("exports");
    let forged = forged_return(&copy, "2026-10-20T09:00:00Z");
    let unverified = ImportOptions {
        accept_unverified: true,
        ..ImportOptions::default()
    };
    let p = preview(&committee, "forged.json", forged.as_bytes(), &unverified).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let round_id = committee.rounds[0].id.clone();
    let party = Party::Assessor("a1".into());
    assert!(committee.exchange.received[0].unverified);
    let line = received_line(&committee, &round_id, &party);
    assert!(line.contains("其中 1 份未通过身份核对"), "{line}");

    // The genuine return: each sheet the forged file left is taken from it by default,
    // said why (as a 冲突 it defaulted to 保留本机), and the assessor's scores are back.
    let p = preview(&committee, "genuine.json", genuine.as_bytes(), &opts()).expect("previews");
    assert_eq!(p.files[0].signature, SignatureCheck::Verified);
    let sheets: Vec<&Change> = p
        .changes
        .iter()
        .filter(|c| c.record_type == RecordType::Sheet)
        .collect();
    assert!(!sheets.is_empty());
    assert!(
        sheets.iter().all(|c| c.status == ChangeStatus::Changed),
        "{:?}",
        sheets.iter().map(|c| c.status).collect::<Vec<_>>()
    );
    assert!(p
        .notes
        .iter()
        .any(|n| n.contains("这份文件通过了核对，导入时以这份文件为准")));
    let after = apply(&committee, &p, &Decisions::default()).expect("applies");
    let first = |s: &AppState| {
        s.rounds[0]
            .sheets
            .iter()
            .find(|x| x.source == SheetSource::Assessor("a1".into()))
            .and_then(|x| x.points.first().copied().flatten())
    };
    assert_eq!(
        first(&committee),
        Some(Points(0)),
        "the forged score was held"
    );
    assert_eq!(
        first(&after),
        Some(Points(300)),
        "the assessor's score is back"
    );
    // Once a verified file is the last one in, the ordinary rules apply again, and the
    // round page says the doubtful file was followed by a verified one.
    assert!(!after.exchange.received.last().expect("recorded").unverified);
    let line = received_line(&after, &round_id, &party);
    assert!(line.contains("此后已导入通过核对的文件"), "{line}");
    let again = preview(&after, "genuine.json", genuine.as_bytes(), &opts()).expect("previews");
    assert!(again
        .changes
        .iter()
        .all(|c| c.status != ChangeStatus::Conflict));
}

/// A clerk's review: a return older than what is held listed its sheet as 本机的较新 with
/// nothing more, so whether the file agreed with the score kept could not be told.
#[test]
fn a_sheet_kept_as_newer_here_says_where_the_file_differs() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let first = export_assessor_return(&copy, LATER).expect("exports");
    assessor_works(&mut copy, Points(200));
    let second = export_assessor_return(&copy, "2026-10-16T09:00:00Z").expect("exports");
    let p = preview(&committee, "2.json", second.as_bytes(), &opts()).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let p = preview(&committee, "1.json", first.as_bytes(), &opts()).expect("previews");
    let stale = p
        .changes
        .iter()
        .find(|c| c.status == ChangeStatus::Stale && c.record_type == RecordType::Sheet)
        .expect("a sheet kept here");
    let lines = p.field_changes(&committee, stale);
    assert!(!lines.is_empty());
    assert!(
        lines.iter().all(|l| l.contains("本机 2，文件 3")),
        "{lines:?}"
    );
}

/// An assessor-flow review: a return of last year's round, picked while this year's was
/// on, blanked a scored cell; the preview said nothing beyond its list of changes.
#[test]
fn a_return_that_blanks_scores_or_is_not_of_the_latest_round_is_said() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let full = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "1.json", full.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.warnings.iter().any(|w| w.contains("改为空")),
        "{:?}",
        p.warnings
    );
    assert!(
        !p.warnings.iter().any(|w| w.contains("本机另有更新的")),
        "{:?}",
        p.warnings
    );
    let mut committee = apply(&committee, &p, &Decisions::default()).expect("applies");

    for s in copy.rounds[0].sheets.iter_mut() {
        s.points[0] = None;
        s.meta.rev += 1;
    }
    let blanked = export_assessor_return(&copy, "2026-10-16T09:00:00Z").expect("exports");
    let year = committee.rounds[0].year;
    let mut next = (*committee.rounds[0]).clone();
    next.id = "r-next".into();
    next.year = year + 1;
    next.name = format!("{}年度考评", year + 1);
    committee.rounds.push(next.into());
    let p = preview(&committee, "2.json", blanked.as_bytes(), &opts()).expect("previews");
    let sheets = p
        .changes
        .iter()
        .filter(|c| c.status == ChangeStatus::Changed && c.record_type == RecordType::Sheet)
        .count();
    assert!(sheets > 0);
    assert!(
        p.warnings
            .iter()
            .any(|w| w.starts_with(&format!("文件把本机已有分数的 {sheets} 个评分格改为空"))),
        "{:?}",
        p.warnings
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.contains(&format!("本机另有更新的「{}年度考评」", year + 1))),
        "{:?}",
        p.warnings
    );
}

/// A code review: a genuine return edited in a text editor keeps the time it was made,
/// so taken in by 仍然导入 it left no receipt and nothing marked it; and the genuine file
/// imported again to put things right left the doubtful one last, the page warning on.
#[test]
fn a_tampered_copy_keeping_its_time_is_marked_and_the_genuine_one_again_puts_it_right() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let genuine = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "a.json", genuine.as_bytes(), &opts()).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let forged = forged_return(&copy, LATER);
    let unverified = ImportOptions {
        accept_unverified: true,
        ..ImportOptions::default()
    };
    let p = preview(&committee, "b.json", forged.as_bytes(), &unverified).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    let round_id = committee.rounds[0].id.clone();
    let party = Party::Assessor("a1".into());
    assert_eq!(
        committee.exchange.received.len(),
        2,
        "the doubtful copy is recorded"
    );
    assert!(received_line(&committee, &round_id, &party).contains("请向对方核实"));

    let p = preview(&committee, "a.json", genuine.as_bytes(), &opts()).expect("previews");
    assert!(p
        .changes
        .iter()
        .filter(|c| c.record_type == RecordType::Sheet)
        .all(|c| c.status == ChangeStatus::Changed));
    let after = apply(&committee, &p, &Decisions::default()).expect("applies");
    assert_eq!(after.exchange.received.len(), 2, "counted once");
    let line = received_line(&after, &round_id, &party);
    assert!(line.contains("此后已导入通过核对的文件"), "{line}");
    // A verified file older than one already in stays older: not taken over what is here.
    let mut older_copy = copy.clone();
    assessor_works(&mut older_copy, Points(200));
    let older = export_assessor_return(&older_copy, "2026-10-01T09:00:00Z").expect("exports");
    let p = preview(&committee, "old.json", older.as_bytes(), &opts()).expect("previews");
    assert!(p
        .changes
        .iter()
        .filter(|c| c.record_type == RecordType::Sheet)
        .all(|c| c.status == ChangeStatus::Stale));
}

/// A code review: a unit's return (outcomes, progress) warned of an earlier year's round
/// once next year's round existed, scores or not.
#[test]
fn a_unit_return_of_last_years_round_without_scores_is_not_warned_of_the_year() {
    let mut committee = committee();
    let mut copy = unit_copy(&mut committee);
    let as_sent = copy.rounds[0].clone();
    unit_works(&mut copy);
    // Its outcome and progress only: the self-assessment as it was sent.
    copy.rounds[0] = as_sent;
    let back = export_unit_return(&copy, LATER).expect("exports");
    let year = committee.rounds[0].year;
    let mut next = (*committee.rounds[0]).clone();
    next.id = "r-next".into();
    next.year = year + 1;
    next.name = format!("{}年度考评", year + 1);
    committee.rounds.push(next.into());
    let p = preview(&committee, "u.json", back.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.warnings.iter().any(|w| w.contains("本机另有更新的")),
        "{:?}",
        p.warnings
    );
}

/// A clerk's review: a return's score altered by hand (its version kept) and taken in by
/// 仍然导入 read "本机在此之后又改过", though nobody here had changed the sheet.
#[test]
fn a_file_carrying_a_received_version_with_other_content_is_said_to_be_altered() {
    let mut committee = committee();
    let mut copy = assessor_copy(&mut committee, "a1");
    assessor_works(&mut copy, Points(300));
    let genuine = export_assessor_return(&copy, LATER).expect("exports");
    let p = preview(&committee, "genuine.json", genuine.as_bytes(), &opts()).expect("previews");
    let committee = apply(&committee, &p, &Decisions::default()).expect("applies");
    // One score altered, nothing else: same versions, signed with another code.
    let mut altered = copy.clone();
    altered.rounds[0].sheets[0].points[0] = Some(Points(0));
    altered.workspace.as_mut().expect("ws").access_code = "FORGED".into();
    let file = export_assessor_return(&altered, "2026-10-21T09:00:00Z").expect("exports");
    let unverified = ImportOptions {
        accept_unverified: true,
        ..ImportOptions::default()
    };
    let p = preview(&committee, "altered.json", file.as_bytes(), &unverified).expect("previews");
    assert!(p.is_noop(), "the held sheet is kept");
    let said = p.notes.join("\n");
    assert!(
        said.contains("同一版本，内容却不同（本机没有改过它），文件可能被改动过；保留本机的"),
        "{said}"
    );
    // Its line says so too, not 本机的较新 (nobody changed it here).
    let sheet = p
        .changes
        .iter()
        .find(|c| c.record_type == RecordType::Sheet && c.status != ChangeStatus::Unchanged)
        .expect("the altered sheet is listed");
    assert!(sheet.altered);
    assert_eq!(sheet.status_label(), "与此前收到的同一版本不同（保留本机）");
    assert_eq!(
        p.changes.iter().filter(|c| c.altered).count(),
        1,
        "only the sheet altered"
    );
    // Counted apart in the summary, not as 本机的较新.
    let sheets = &p.groups()[&RecordType::Sheet];
    assert_eq!((sheets.altered, sheets.stale), (1, 0));
    // The genuine file again says nothing of the kind.
    let p = preview(&committee, "genuine.json", genuine.as_bytes(), &opts()).expect("previews");
    assert!(
        !p.notes.join("\n").contains("可能被改动过"),
        "{:?}",
        p.notes
    );
}
