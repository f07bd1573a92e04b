//! One validation for every door (issue 18 item 8, must-show 3): 数据管理 → 从备份恢复
//! (`read_restore`, the stored document or a backup file) and 数据交换's import of a
//! backup accept and refuse the same states, with the same error.
#![cfg(not(target_arch = "wasm32"))]

mod exchange_support;

use exchange_support::*;
use exemplar::domain::exchange::*;
use exemplar::domain::*;
use proptest::prelude::*;

/// Something wrong (or nothing) put into a good state.
#[derive(Debug, Clone)]
enum Flaw {
    None,
    /// A character refused in text, put in a unit's name.
    Char(usize, char),
    DuplicateOutcome,
    DanglingOutcome,
    PointsOutOfRange(i64),
    ImpossibleDate,
    /// Two units of one name (the second renamed as the first, spaces around it).
    DuplicateName,
    /// A byte that is not UTF-8 in the middle of a unit's name.
    BadUtf8(usize),
    /// The file cut inside a multi-byte character.
    CutInCharacter,
}

fn flaw() -> impl Strategy<Value = Flaw> {
    prop_oneof![
        Just(Flaw::None),
        (
            0usize..4,
            prop::sample::select(vec!['\u{202E}', '\u{0}', '\u{7}', '\u{2066}', '\u{1b}'])
        )
            .prop_map(|(u, c)| Flaw::Char(u, c)),
        Just(Flaw::DuplicateOutcome),
        Just(Flaw::DanglingOutcome),
        (401i64..100_000).prop_map(Flaw::PointsOutOfRange),
        Just(Flaw::ImpossibleDate),
        Just(Flaw::DuplicateName),
        (0usize..4).prop_map(Flaw::BadUtf8),
        Just(Flaw::CutInCharacter),
    ]
}

fn flawed_state(f: &Flaw) -> AppState {
    let mut st = committee();
    match f {
        Flaw::Char(u, c) => st.units[*u].name = format!("市{c}财政局"),
        Flaw::DuplicateOutcome => {
            let o = st.outcomes[0].clone();
            st.outcomes.push(o);
        }
        Flaw::DanglingOutcome => st.outcomes[0].unit_id = "u999".into(),
        Flaw::PointsOutOfRange(h) => st.rounds[0].sheets[0].points[0] = Some(Points(*h)),
        Flaw::ImpossibleDate => st.outcomes[0].date = "2026-02-30".into(),
        Flaw::DuplicateName => st.units[1].name = format!(" {} ", st.units[0].name),
        Flaw::None | Flaw::BadUtf8(_) | Flaw::CutInCharacter => {}
    }
    st
}

/// The file's bytes with the flaws that live in bytes rather than in the state.
fn damaged(mut bytes: Vec<u8>, f: &Flaw, st: &AppState) -> Vec<u8> {
    match f {
        Flaw::BadUtf8(u) => {
            let name = st.units[*u].name.as_bytes();
            if let Some(at) = bytes.windows(name.len()).position(|w| w == name) {
                // The second byte of the name's first character.
                bytes[at + 1] = 0xFF;
            }
        }
        Flaw::CutInCharacter => {
            let name = st.units[0].name.as_bytes();
            if let Some(at) = bytes.windows(name.len()).position(|w| w == name) {
                bytes.truncate(at + 1);
            }
        }
        _ => {}
    }
    bytes
}

fn verdict<T>(r: Result<T, ExchangeError>) -> Result<(), &'static str> {
    r.map(|_| ()).map_err(|e| e.code())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn backup_restore_and_exchange_import_accept_and_refuse_the_same_states(f in flaw()) {
        let st = flawed_state(&f);
        let document = damaged(document::serialize(&st, 3, LATER).into_bytes(), &f, &st);
        let backup = damaged(export_backup(&st, LATER).into_bytes(), &f, &st);
        let blank = AppState::default();
        let import = verdict(preview(&blank, "b.json", &backup, &ImportOptions::default()));
        let restore_doc = verdict(read_restore(&document));
        let restore_backup = verdict(read_restore(&backup));
        prop_assert_eq!(&import, &restore_doc, "{:?}", f);
        prop_assert_eq!(&import, &restore_backup, "{:?}", f);
        let refused = !matches!(f, Flaw::None);
        prop_assert_eq!(import.is_err(), refused, "{:?}: {:?}", f, import);
        // A good state comes back exactly through either door.
        if !refused {
            let r = read_restore(&document).expect("restores");
            prop_assert_eq!(r.state, st);
        }
    }
}

#[test]
fn the_words_say_what_happened() {
    let st = committee();
    let doc = document::serialize(&st, 3, LATER).into_bytes();
    let cut = damaged(doc.clone(), &Flaw::CutInCharacter, &st);
    let e = read_restore(&cut).expect_err("cut");
    assert!(e.to_string().contains("中途结束"), "{e}");
    let bad = damaged(doc, &Flaw::BadUtf8(0), &st);
    let e = read_restore(&bad).expect_err("bad byte");
    assert!(e.to_string().contains("无法识别的字符"), "{e}");
    assert!(!e.to_string().contains("图片"), "{e}");
    // One byte over 30 MB is not "30.0 MB over the 30 MB limit".
    let e = decode_text(&vec![b' '; MAX_BYTES + 1]).expect_err("too large");
    assert!(
        e.to_string().contains("30.1 MB 超过可读取的上限 30 MB"),
        "{e}"
    );
    // A task file chosen for 从备份恢复 is pointed to 数据交换.
    let mut c = committee();
    let task = export_to_unit(&mut c, "r1", "u1", ISSUED, ENTROPY).expect("task");
    let e = read_restore(task.as_bytes()).expect_err("not a backup");
    assert!(e.to_string().contains("数据交换"), "{e}");
    // Two units of one name, from a backup edited by hand: the name is said.
    let st = flawed_state(&Flaw::DuplicateName);
    let e = read_restore(export_backup(&st, LATER).as_bytes()).expect_err("two of one name");
    assert!(
        e.to_string()
            .contains(&format!("名册中有两个单位都叫「{}」", st.units[0].name)),
        "{e}"
    );
    // A name that differs only in a space restores, with a caution said beforehand.
    let mut st = committee();
    let first: Vec<char> = st.units[0].name.chars().collect();
    st.units[1].name = format!("{} {}", first[0], first[1..].iter().collect::<String>());
    let backup = export_backup(&st, LATER);
    let restored = read_restore(backup.as_bytes()).expect("restores");
    let said = validation::cautions_said(&validation::cautions(&restored.state, Some(2026)))
        .expect("a caution");
    assert!(said.contains(&st.units[1].name), "{said}");
    let p = preview(
        &AppState::default(),
        "b.json",
        backup.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("imports");
    assert!(p.warnings.contains(&said), "{:?}", p.warnings);
}

#[test]
fn damaged_data_written_out_for_recovery_is_said_as_such_at_either_door() {
    let file = damaged::damaged_file("exemplar.state.damaged", "{\"format\":\"exe", &[], LATER);
    let said = |e: ExchangeError| {
        let s = e.to_string();
        assert!(s.contains("导出损坏的数据"), "{s}");
        assert!(s.contains("不能导入"), "{s}");
    };
    said(read_restore(file.as_bytes()).expect_err("not a backup"));
    said(
        preview(
            &committee(),
            "损坏.json",
            file.as_bytes(),
            &ImportOptions::default(),
        )
        .expect_err("not an exchange file"),
    );
}

/// A clerk's review: a unit's backup handed over instead of its return was offered to
/// the committee as a replacement of all its data (and a batch's refusal said to import
/// it alone); the committee's backup opened in a unit's copy wiped what the unit had
/// not sent and gave it every unit's access code. Refused at both doors, with what to
/// do; a browser with no data takes either (a new computer).
#[test]
fn a_backup_of_another_kind_of_copy_is_refused_at_both_doors() {
    let mut c = committee();
    let mut u1 = unit_copy(&mut c);
    unit_works(&mut u1);
    let a1 = assessor_copy(&mut c, "a1");
    let unit_backup = export_backup(&u1, LATER);
    let committee_backup = export_backup(&c, LATER);
    let assessor_backup = export_backup(&a1, LATER);
    let opts = ImportOptions::default();
    let refused = |here: &AppState, file: &str| -> String {
        let by_exchange =
            preview(here, "备份.json", file.as_bytes(), &opts).expect_err("refused at 数据交换");
        let restored = read_restore(file.as_bytes()).expect("a good backup");
        let by_restore = check_backup_fits(here, &restored.state).expect_err("refused at 恢复");
        assert_eq!(by_exchange, by_restore, "one rule at both doors");
        assert_eq!(by_exchange.code(), "not_for_this_copy");
        by_exchange.to_string()
    };
    // A unit's backup at the committee: not a return; the way to send one is named.
    let said = refused(&c, &unit_backup);
    assert!(said.starts_with("这是单位「"), "{said}");
    assert!(
        said.contains("不能替换工委的全部数据") && said.contains("导出报送文件"),
        "{said}"
    );
    // Among return files, the same sentence, not "import it alone".
    let ret = export_unit_return(&u1, LATER).expect("a return");
    let batch = preview_many(
        &c,
        &[
            ("单位报送.json".into(), ret.into_bytes()),
            ("备份.json".into(), unit_backup.clone().into_bytes()),
        ],
        &opts,
    );
    let verdict = batch.verdicts[1]
        .result
        .as_ref()
        .expect_err("the backup refused");
    assert_eq!(verdict.to_string(), said);
    assert!(batch.verdicts[0].result.is_ok(), "the return still taken");
    // The committee's backup in a unit's copy; another party's copy's backup.
    let said = refused(&u1, &committee_backup);
    assert!(
        said.starts_with("这是工委的完整备份，不能在单位「"),
        "{said}"
    );
    assert!(said.contains("任务文件"), "{said}");
    // What to do names what a copy's 数据管理 has (删除此任务副本; 清空全部数据 is the
    // first copy's alone): a clerk's review found the button named missing.
    assert!(
        said.contains("删除各个任务副本") && said.contains("第一个副本用“清空全部数据”"),
        "{said}"
    );
    let said = refused(&u1, &assessor_backup);
    assert!(
        said.starts_with("这是评委「") && said.contains("不是本副本"),
        "{said}"
    );
    // Its own backup: taken, in a copy and at the committee.
    for (here, file) in [(&u1, &unit_backup), (&c, &committee_backup)] {
        let p = preview(here, "备份.json", file.as_bytes(), &opts).expect("its own backup");
        assert!(p.replaces_state);
    }
    // A browser with no data takes either.
    let blank = AppState::default();
    for file in [&unit_backup, &committee_backup] {
        assert!(preview(&blank, "备份.json", file.as_bytes(), &opts).is_ok());
        let restored = read_restore(file.as_bytes()).expect("good");
        assert_eq!(check_backup_fits(&blank, &restored.state), Ok(()));
    }
}
