//! In-browser tests of the storage layer with the real local storage of headless Chromium.
#![cfg(target_arch = "wasm32")]

use exemplar::domain::document;
use exemplar::domain::revisions::Stamp;
use exemplar::domain::{AppState, OrgType, Unit, UnitStatus};
use exemplar::store::{LoadNotice, Store, StoreError};
use exemplar::ui::components::banner::Banner;
use exemplar::ui::state::AppContext;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn state_with(names: &[&str]) -> AppState {
    let mut s = AppState::default();
    for n in names {
        let id = s.new_id("u");
        s.units.push(Unit {
            id,
            name: n.to_string(),
            sector: "测试".into(),
            org_type: OrgType::Branch,
            leader: "李四".into(),
            contact: String::new(),
            entered_year: 2025,
            status: UnitStatus::Candidate,
            plaque_no: None,
            named_on: None,
            rectify_by: None,
            history: vec![],
            reviews: Vec::new(),
            extensions: Vec::new(),
            meta: Default::default(),
        });
    }
    s
}

/// Waits `ms` milliseconds (lets a save lock be granted, or an event arrive).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn fresh(prefix: &str) -> Store {
    let store = Store::new(prefix);
    store.clear().unwrap();
    store
}

#[wasm_bindgen_test]
fn a_save_is_read_back() {
    let store = fresh("t-save");
    let s = state_with(&["市财政局机关党委"]);
    let rev = store.save(&s, 0, "2026-11-28T00:00:00Z").unwrap();
    assert_eq!(rev, 1);
    let raw = storage().get_item(&store.key_state()).unwrap().unwrap();
    assert_eq!(
        exemplar::domain::parts::read_stored(&raw, |n| storage()
            .get_item(&store.key_part(n))
            .unwrap())
        .unwrap()
        .state,
        s
    );
    let loaded = store.load();
    assert_eq!(loaded.state, s);
    assert_eq!(loaded.stamp.rev, 1);
    assert_eq!(loaded.notice, None);
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_corrupt_value_is_recovered_from_the_previous_copy_with_a_notice() {
    let store = fresh("t-corrupt");
    let first = state_with(&["甲"]);
    let second = state_with(&["甲", "乙"]);
    store.save(&first, 0, "t1").unwrap();
    store.save(&second, 1, "t2").unwrap();
    let bad =
        "{\"format\":\"exemplar-state\",\"schema\":1,\"rev\":2,\"state\":{\"units\":[{\"id\":";
    storage().set_item(&store.key_state(), bad).unwrap();

    let loaded = store.load();
    assert_eq!(loaded.state, first, "the previous good copy is used");
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::RecoveredFromPrevious { .. })
    ));
    assert!(loaded
        .notice
        .unwrap()
        .message()
        .contains("已自动从上一份完好的副本恢复"));
    // The bad value is kept aside, not discarded.
    assert_eq!(
        storage().get_item(&store.key_damaged()).unwrap().as_deref(),
        Some(bad)
    );
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_newer_schema_is_refused_and_not_overwritten() {
    let store = fresh("t-newer");
    let newer =
        document::serialize(&state_with(&["甲"]), 5, "t").replace("\"schema\":1", "\"schema\":42");
    storage().set_item(&store.key_state(), &newer).unwrap();

    let loaded = store.load();
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::NewerSchema { .. })
    ));
    assert!(loaded.state.units.is_empty());
    let err = store.save(&state_with(&["乙"]), 5, "t").unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema(_)));
    assert!(err.to_string().contains("更新版本"));
    assert_eq!(
        storage().get_item(&store.key_state()).unwrap().unwrap(),
        newer
    );
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_stale_revision_is_not_written() {
    let store = fresh("t-stale");
    store.save(&state_with(&["甲"]), 0, "t1").unwrap();
    // Another tab, which had read revision 1, saves revision 2.
    let theirs = state_with(&["甲", "乙"]);
    store.save(&theirs, 1, "t2").unwrap();
    // This tab still thinks the stored revision is 1.
    let err = store.save(&state_with(&["丙"]), 1, "t3").unwrap_err();
    assert_eq!(err, StoreError::Stale { stored: 2, ours: 1 });
    assert_eq!(store.load().state, theirs);
    store.clear().unwrap();
}

/// Fills local storage until it refuses more; returns the filler keys.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = Vec::new();
    let mut chunk = 1 << 20;
    let mut i = 0;
    while chunk >= 16 {
        let key = format!("filler-{i}");
        let value = "x".repeat(chunk);
        if s.set_item(&key, &value).is_ok() {
            keys.push(key);
            i += 1;
        } else {
            chunk /= 2;
        }
    }
    keys
}

#[wasm_bindgen_test]
async fn a_full_quota_keeps_memory_and_stored_copy_and_says_so() {
    let store = fresh("t-quota");
    let before = state_with(&["甲"]);
    store.save(&before, 0, "t1").unwrap();
    let stored_before = storage().get_item(&store.key_state()).unwrap().unwrap();

    let host: web_sys::HtmlElement = document_body_div();
    let ctx_cell = std::rc::Rc::new(std::cell::Cell::new(None::<AppContext>));
    let cell = ctx_cell.clone();
    let store2 = store.clone();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        let ctx = AppContext::load(store2.clone());
        provide_context(ctx);
        cell.set(Some(ctx));
        view! { <Banner /> }
    });
    let ctx = ctx_cell.get().unwrap();
    assert_eq!(ctx.state.get_untracked(), before);

    let fillers = fill_storage();
    let result = ctx.mutate("添加单位", |s| {
        s.units.extend(
            state_with(&["乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙"])
                .units
                .into_iter()
                .map(|mut u| {
                    u.id = "u99".into();
                    u
                }),
        )
    });
    // The save runs a moment later, once the save lock is granted: wait until it has
    // been tried (the change is marked unsaved), however busy the machine, up to 5 s.
    for _ in 0..100 {
        sleep(50).await;
        leptos::task::tick().await;
        if ctx.unsaved.get_untracked() {
            break;
        }
    }
    for k in &fillers {
        storage().remove_item(k).unwrap();
    }

    assert!(result, "the change itself is made");
    // In memory: the change is kept, marked unsaved.
    assert_eq!(ctx.state.get_untracked().units.len(), 2);
    assert!(ctx.unsaved.get_untracked());
    // In storage: the copy from before, byte for byte.
    assert_eq!(
        storage().get_item(&store.key_state()).unwrap().unwrap(),
        stored_before
    );
    // On screen: the message, with an export offered.
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("本地存储空间已满"), "{text}");
    assert!(text.contains("导出备份"), "{text}");
    store.clear().unwrap();
}

fn document_body_div() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
fn a_truncated_packed_value_is_recovered_too() {
    let store = fresh("t-packed");
    let first = state_with(&["甲"]);
    store.save(&first, 0, "t1").unwrap();
    store.save(&state_with(&["甲", "乙"]), 1, "t2").unwrap();
    let raw = storage().get_item(&store.key_state()).unwrap().unwrap();
    assert!(
        raw.contains("\"packing\":\"parts\""),
        "local storage holds the manifest of the parts"
    );
    let cut: String = raw.chars().take(raw.chars().count() - 5).collect();
    storage().set_item(&store.key_state(), &cut).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.state, first);
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::RecoveredFromPrevious { .. })
    ));
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn snapshots_round_trip_and_drop_the_oldest_when_space_runs_out() {
    use exemplar::domain::snapshots::{StoredSnapshot, StoredSnapshots};
    let store = fresh("t-snap");
    assert_eq!(store.load_snapshots(), Ok(StoredSnapshots::default()));
    // Four different states (a snapshot of the same data replaces its older copy).
    let base = exemplar::domain::sample::sample_city(5);
    let state = |k: u64| {
        let mut s = base.clone();
        s.settings.next_id += k;
        s
    };
    let mut list = StoredSnapshots::default();
    for k in 0..3 {
        list.take(&format!("快照{k}"), "2026-11-28T00:00:00Z", &state(k), 5);
    }
    assert_eq!(store.save_snapshots(&list), Ok(3));
    let back = store.load_snapshots().unwrap();
    assert_eq!(back, list);
    assert_eq!(back.restore(2).unwrap(), state(2));

    // Storage full: a fourth snapshot replaces the oldest instead of failing.
    let fillers = fill_storage();
    let mut more = list.clone();
    more.take("快照3", "2026-11-28T00:00:00Z", &state(3), 5);
    let kept = store.save_snapshots(&more);
    // Not even one fits: refused, and the stored list is as it was.
    let huge = StoredSnapshots {
        items: vec![StoredSnapshot {
            label: "大".repeat(3_000_000),
            taken_at: "t".into(),
            packed: String::new(),
            summary: String::new(),
            minor: false,
        }],
    };
    let refused = store.save_snapshots(&huge);
    let after = store.load_snapshots();
    for k in &fillers {
        storage().remove_item(k).unwrap();
    }
    let kept = kept.unwrap();
    assert!((1..=3).contains(&kept), "kept {kept}");
    let after = after.unwrap();
    assert_eq!(after.items.len(), kept);
    assert_eq!(after.items.last().map(|s| s.label.as_str()), Some("快照3"));
    assert_eq!(refused, Err(StoreError::Quota));

    // A damaged list is set aside as it is, once: a second damaged list does not
    // overwrite the first; a list that reads is not set aside.
    store.set_aside_damaged_snapshots().unwrap();
    assert_eq!(
        store.damaged_snapshots_chars(),
        None,
        "a list that reads stays put"
    );
    let key = store.key_snapshots();
    storage()
        .set_item(&key, "{\"format\":\"exemplar-snapshots\",\"items\":[{\"la")
        .unwrap();
    assert!(store.load_snapshots().is_err());
    store.set_aside_damaged_snapshots().unwrap();
    let first = storage().get_item(&store.key_snapshots_damaged()).unwrap();
    assert_eq!(
        first.as_deref(),
        Some("{\"format\":\"exemplar-snapshots\",\"items\":[{\"la")
    );
    storage().set_item(&key, "另一份坏数据").unwrap();
    store.set_aside_damaged_snapshots().unwrap();
    assert_eq!(
        storage().get_item(&store.key_snapshots_damaged()).unwrap(),
        first
    );
    assert!(store
        .damaged_snapshots_file("2026-12-06T08:00:00Z")
        .is_some_and(|f| f.contains("exemplar-snapshots")));
    store.remove_damaged_snapshots().unwrap();
    assert_eq!(store.damaged_snapshots_chars(), None);
    storage().set_item(&key, "坏").unwrap();
    store.set_aside_damaged_snapshots().unwrap();

    store.clear().unwrap();
    assert_eq!(store.load_snapshots(), Ok(StoredSnapshots::default()));
    assert_eq!(
        store.damaged_snapshots_chars(),
        None,
        "cleared with the rest"
    );
}

#[wasm_bindgen_test]
fn a_tab_never_writes_over_a_save_it_has_not_seen() {
    let store = fresh("t-tabs");
    let first = store
        .save_by(&state_with(&["甲"]), &Stamp::default(), "tA", "t1")
        .unwrap();
    assert_eq!(first, Stamp::new(1, "tA"));
    // Tab B saves on top of A's revision 1.
    let theirs = state_with(&["甲", "乙"]);
    store.save_by(&theirs, &first, "tB", "t2").unwrap();
    // Tab A, still on its own revision 1, is refused, and B's data stays.
    let err = store
        .save_by(&state_with(&["丙"]), &first, "tA", "t3")
        .unwrap_err();
    assert_eq!(err, StoreError::Stale { stored: 2, ours: 1 });
    assert_eq!(store.load().state, theirs);
    // A value of the same revision by another tab is refused as well.
    let other_one = Stamp::new(2, "tC");
    assert!(matches!(
        store.save_by(&state_with(&["丁"]), &other_one, "tC", "t4"),
        Err(StoreError::Stale { .. })
    ));
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn after_recovering_from_a_cut_value_the_next_save_goes_through() {
    let store = fresh("t-cut-save");
    let first = state_with(&["甲"]);
    store.save(&first, 0, "t1").unwrap();
    store.save(&state_with(&["甲", "乙"]), 1, "t2").unwrap();
    // The header survives, the body is cut.
    let raw = storage().get_item(&store.key_state()).unwrap().unwrap();
    let cut: String = raw.chars().take(raw.chars().count() - 7).collect();
    storage().set_item(&store.key_state(), &cut).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.state, first);
    assert_eq!(
        loaded.stamp.rev, 2,
        "stands on the damaged value, kept aside"
    );
    assert_eq!(
        storage().get_item(&store.key_damaged()).unwrap().unwrap(),
        cut
    );
    let next = state_with(&["甲", "丙"]);
    store
        .save_by(&next, &loaded.stamp, "tA", "t3")
        .expect("not refused as stale");
    assert_eq!(store.load().state, next);
    store.clear().unwrap();
}

/// Types another score into the first cell of the first round's sheet `sheet`.
fn retype(s: &mut AppState, sheet: usize) {
    let p = &mut s.rounds[0].sheets[sheet].points[0];
    *p = Some(exemplar::domain::Points(
        if *p == Some(exemplar::domain::Points(50)) {
            100
        } else {
            50
        },
    ));
}

/// Cuts the last characters off stored part `name` (a crash in the middle of a write).
fn damage_part(store: &Store, name: &str) {
    let key = store.key_part(name);
    let v = storage().get_item(&key).unwrap().unwrap();
    storage().set_item(&key, &v[..v.len() - 3]).unwrap();
}

fn part_keys(store: &Store) -> Vec<String> {
    let s = storage();
    let head = store.key_part("");
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(&head))
        .collect()
}

#[wasm_bindgen_test]
fn a_round_changed_rewrites_one_part_a_typed_score_none_and_a_damaged_part_falls_back() {
    use exemplar::domain::parts;
    let store = fresh("t-parts");
    let first = exemplar::domain::sample::sample_city(7);
    let n = first.rounds.len();
    store.save(&first, 0, "t1").unwrap();
    // The rest and one part per round.
    assert_eq!(part_keys(&store).len(), 1 + n);
    let mut second = first.clone();
    second.rounds[0].name.push_str("（修订）");
    store.save(&second, 1, "t2").unwrap();
    // One new part: the changed round; the old one stays for the previous copy.
    assert_eq!(part_keys(&store).len(), 2 + n);
    assert_eq!(store.load().state, second);
    // The changed round's part is damaged: that round is taken from the previous copy
    // (here all that changed, so the first state is what loads), and it says so.
    let m =
        parts::parse_manifest(&storage().get_item(&store.key_state()).unwrap().unwrap()).unwrap();
    damage_part(&store, &m.rounds[0]);
    let loaded = store.load();
    assert_eq!(loaded.state, first);
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::Salvaged {
            lost_rounds: 0,
            older_rounds: 1,
            ..
        })
    ));
    // A third save keeps only the parts the kept manifests name (and the damaged one's).
    store.save(&second, 2, "t3").unwrap();
    assert_eq!(store.load().state, second);
    // A typed score: no part is written, the manifest carries the changed sheet.
    let parts_before = part_keys(&store);
    let mut third = second.clone();
    retype(&mut third, 0);
    store.save(&third, 3, "t4").unwrap();
    assert_eq!(part_keys(&store), parts_before);
    let raw = storage().get_item(&store.key_state()).unwrap().unwrap();
    assert!(raw.contains("\"packing\":\"parts+sheets\""));
    assert_eq!(store.load().state, third);
    store.clear().unwrap();
    assert!(part_keys(&store).is_empty(), "clearing removes the parts");
}

#[wasm_bindgen_test]
fn a_damaged_round_keeps_the_newer_rest_and_an_empty_previous_copy_is_never_the_good_one() {
    use exemplar::domain::parts;
    // A clerk's review: right after restoring a backup onto empty data, one round's part
    // was damaged; the app loaded the empty copy from before the restore, called it
    // 上一份完好的副本, and 42 units that still read were out of sight.
    let store = fresh("t-empty-previous");
    store.save(&AppState::default(), 0, "t1").unwrap();
    let restored = exemplar::domain::sample::sample_city(7);
    store.save(&restored, 1, "2026-12-01T01:00:00Z").unwrap();
    let m =
        parts::parse_manifest(&storage().get_item(&store.key_state()).unwrap().unwrap()).unwrap();
    damage_part(&store, &m.rounds[0]);
    let loaded = store.load();
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::Salvaged {
            lost_rounds: 1,
            older_rounds: 0,
            ..
        })
    ));
    assert_eq!(loaded.state.units, restored.units);
    assert_eq!(loaded.state.outcomes, restored.outcomes);
    assert_eq!(loaded.state.rounds.as_slice(), &restored.rounds[1..]);
    let said = loaded.notice.unwrap().message();
    assert!(said.contains("已恢复能读出的部分"), "{said}");
    assert!(!said.contains("没有完好的副本"), "{said}");
    store.clear().unwrap();

    // A copy one save older that holds data is used when a round would be lost, and
    // the message says when it was saved and what it holds.
    let store = fresh("t-dated-previous");
    let first = state_with(&["甲"]);
    store.save(&first, 0, "2026-11-30T02:05:00Z").unwrap();
    store.save(&state_with(&["甲", "乙"]), 1, "t2").unwrap();
    storage()
        .set_item(&store.key_state(), "{\"format\"")
        .unwrap();
    let loaded = store.load();
    assert_eq!(loaded.state, first);
    let said = loaded.notice.unwrap().message();
    // In this browser's time zone, as the save status and the snapshots say it.
    let when = exemplar::clock::local_time("2026-11-30T02:05:00Z");
    assert!(
        when.starts_with("2026-11-30 ") || when.starts_with("2026-11-29 "),
        "{when}"
    );
    assert!(
        said.contains(&format!(
            "已自动从上一份完好的副本恢复（保存于 {when}，含 1 个单位、0 个考评轮次、0 份评分表、0 项成果、0 项整改、0 个结对、0 次督导）：{when} 之后保存的修改没有恢复"
        )),
        "{said}"
    );
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn the_value_main_stores_today_loads_and_the_first_save_writes_parts() {
    let store = fresh("t-migrate");
    let main = include_str!("fixtures/stored/main-packed-state.txt");
    storage().set_item(&store.key_state(), main).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.notice, None);
    // sample_city(2026) when the fixture was written: 41 units, 2 rounds; rev 7.
    assert_eq!(loaded.state.units.len(), 41);
    assert_eq!(loaded.state.rounds.len(), 2);
    assert_eq!(loaded.stamp.rev, 7);
    let rev = store.save(&loaded.state, 7, "t8").unwrap();
    assert_eq!(rev, 8);
    assert_eq!(part_keys(&store).len(), 3);
    assert_eq!(
        storage()
            .get_item(&store.key_previous())
            .unwrap()
            .as_deref(),
        Some(main)
    );
    assert_eq!(store.load().state, loaded.state);
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn another_tabs_typed_score_is_taken_in_and_a_plain_load_still_checks_every_part() {
    // Two tabs: two stores under one prefix.
    let here = fresh("t-adopt");
    let there = Store::new("t-adopt");
    let first = exemplar::domain::sample::sample_city(7);
    here.save(&first, 0, "t1").unwrap();
    assert_eq!(there.load().state, first);
    let mut second = first.clone();
    retype(&mut second, 1);
    there.save(&second, 1, "t2").unwrap();
    assert_eq!(here.load_after_other_tab().state, second);
    // A part damaged behind both tabs' backs: a plain load reads every part and finds
    // it, whatever the store holds (the typed score kept round 0's part, so the previous
    // copy names it too: there is no whole copy). What reads is kept, and it says which
    // rounds are missing.
    let m = exemplar::domain::parts::parse_manifest(
        &storage().get_item(&here.key_state()).unwrap().unwrap(),
    )
    .unwrap();
    let cut = |name: &str| damage_part(&here, name);
    cut(&m.rounds[0]);
    let got = here.load();
    assert!(matches!(
        got.notice,
        Some(LoadNotice::Salvaged {
            lost_rounds: 1,
            older_rounds: 0,
            ..
        })
    ));
    assert_eq!(got.state.units, second.units);
    assert_eq!(got.state.rounds.as_slice(), &second.rounds[1..]);
    let said = got.notice.as_ref().unwrap().message();
    assert!(said.contains("有 1 个考评轮次的数据读不出来"), "{said}");
    assert!(!said.contains("快照"), "none kept: {said}");
    // With a snapshot kept, its time is named, to weigh against what restoring it
    // replaces (a clerk's review: only 如有备份文件或快照 was said).
    let mut kept = exemplar::domain::snapshots::StoredSnapshots::default();
    kept.take("导入前", "2026-11-28T00:00:00Z", &first, 5);
    here.save_snapshots(&kept).unwrap();
    let said = here.load().notice.unwrap().message();
    assert!(
        said.contains("浏览器中还有快照，最新的一份保存于"),
        "{said}"
    );
    here.save_snapshots(&exemplar::domain::snapshots::StoredSnapshots::default())
        .unwrap();
    // The damaged value is kept aside, and the next save (standing on it) goes through.
    assert!(storage().get_item(&here.key_damaged()).unwrap().is_some());
    here.save_by(&got.state, &got.stamp, "tc", "t3").unwrap();
    assert_eq!(here.load().state, got.state);
    // Without the rest (the roster, the schemes…) nothing is put together.
    let m = exemplar::domain::parts::parse_manifest(
        &storage().get_item(&here.key_state()).unwrap().unwrap(),
    )
    .unwrap();
    let prev = storage().get_item(&here.key_previous()).unwrap().unwrap();
    assert!(prev.contains(&m.rest), "both copies name the same rest");
    cut(&m.rest);
    let notice = here.load().notice.expect("said");
    assert!(
        matches!(
            notice,
            LoadNotice::DamagedNoCopy {
                newest_snapshot: None,
                ..
            }
        ),
        "{notice:?}"
    );
    assert!(notice.message().contains("可在“数据管理”中从备份文件恢复"));
    // With snapshots kept, the newest is named as the way back (a clerk's review: only
    // a backup file was named, two whole snapshots listed on 数据管理).
    let mut kept = exemplar::domain::snapshots::StoredSnapshots::default();
    kept.take("导入前", "2026-11-27T01:00:00Z", &first, 5);
    kept.take("恢复前", "2026-11-28T01:00:00Z", &second, 5);
    here.save_snapshots(&kept).unwrap();
    let notice = here.load().notice.expect("said");
    assert!(
        matches!(
            &notice,
            LoadNotice::DamagedNoCopy {
                newest_snapshot: Some(t),
                ..
            } if t == "2026-11-28T01:00:00Z"
        ),
        "{notice:?}"
    );
    assert!(
        notice
            .message()
            .contains("浏览器中还有快照，最新的一份保存于 "),
        "{}",
        notice.message()
    );
    here.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_damaged_manifest_with_no_copy_keeps_the_parts_it_pointed_to_through_later_saves() {
    use exemplar::domain::parts;
    // A clerk's review: right after 载入示例数据 (one save, no previous copy) the
    // manifest was damaged; the app said the damaged data was kept, and the first
    // save after it removed every part that held the data.
    let store = fresh("t-damaged-manifest");
    let first = exemplar::domain::sample::sample_city(5);
    store.save(&first, 0, "t1").unwrap();
    let m =
        parts::parse_manifest(&storage().get_item(&store.key_state()).unwrap().unwrap()).unwrap();
    let old: Vec<(String, String)> = m
        .parts()
        .map(|n| {
            let v = storage().get_item(&store.key_part(n)).unwrap().unwrap();
            (n.to_string(), v)
        })
        .collect();
    storage()
        .set_item(&store.key_state(), "{{{not json")
        .unwrap();
    let loaded = store.load();
    assert!(
        matches!(loaded.notice, Some(LoadNotice::DamagedNoCopy { .. })),
        "{:?}",
        loaded.notice
    );
    assert_eq!(loaded.state, AppState::default());
    let held = storage().get_item(&store.key_damaged_parts()).unwrap();
    assert!(held.is_some(), "held after load");
    // Work goes on: two saves, each of which removes parts named by nothing.
    let second = state_with(&["新单位"]);
    let stamp = store
        .save_by(&second, &loaded.stamp, "tA", "t2")
        .expect("saved");
    let third = state_with(&["新单位", "又一个单位"]);
    store.save_by(&third, &stamp, "tA", "t3").expect("saved");
    // What the damaged manifest pointed to is still there, and in the file.
    let file = store
        .damaged_file("2026-12-06T09:00:00Z")
        .expect("set aside");
    let out: serde_json::Value = serde_json::from_str(&file).unwrap();
    for (name, value) in &old {
        assert_eq!(
            storage()
                .get_item(&store.key_part(name))
                .unwrap()
                .as_deref(),
            Some(value.as_str()),
            "part {name} kept"
        );
        assert_eq!(out["parts"][name].as_str(), Some(value.as_str()), "{name}");
    }
    let held: usize = old.iter().map(|(_, v)| v.encode_utf16().count()).sum();
    assert_eq!(store.damaged_chars(), Some(held + "{{{not json".len()));
    // Removed with 删除损坏的数据; the current data is untouched.
    store.remove_damaged().unwrap();
    assert!(storage()
        .get_item(&store.key_damaged_parts())
        .unwrap()
        .is_none());
    for (name, _) in &old {
        assert!(
            storage().get_item(&store.key_part(name)).unwrap().is_none(),
            "{name}"
        );
    }
    assert_eq!(store.load().state, third);
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_damaged_value_stays_out_of_the_previous_copy_is_written_out_and_removed_with_its_parts() {
    use exemplar::domain::parts;
    let store = fresh("t-damaged-out");
    let first = exemplar::domain::sample::sample_city(7);
    store.save(&first, 0, "t1").unwrap();
    let mut second = first.clone();
    second.rounds[0].name.push_str("（修订）");
    store.save(&second, 1, "t2").unwrap();
    assert_eq!(store.damaged_chars(), None);
    assert_eq!(store.damaged_file("t"), None);
    let good_previous = storage().get_item(&store.key_previous()).unwrap().unwrap();
    // The changed round's part is damaged; the manifest naming it still reads.
    let m =
        parts::parse_manifest(&storage().get_item(&store.key_state()).unwrap().unwrap()).unwrap();
    let key = store.key_part(&m.rounds[0]);
    let v = storage().get_item(&key).unwrap().unwrap();
    let cut = v[..v.len() - 3].to_string();
    storage().set_item(&key, &cut).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.state, first);
    // Not removed while it is still the current value (nothing saved since).
    assert_eq!(store.remove_damaged(), Err(StoreError::DamagedStillCurrent));
    assert!(storage().get_item(&store.key_damaged()).unwrap().is_some());
    // The next save keeps the copy it recovered from as the previous one, not the
    // damaged value set aside.
    let mut third = first.clone();
    third.rounds[0].name.push_str("（再改）");
    store
        .save_by(&third, &loaded.stamp, "tA", "t3")
        .expect("saved");
    assert_eq!(
        storage().get_item(&store.key_previous()).unwrap().unwrap(),
        good_previous
    );
    // Written out as stored: the manifest and the cut part.
    let file = store
        .damaged_file("2026-12-04T09:00:00Z")
        .expect("set aside");
    let out: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(out["format"], exemplar::domain::damaged::DAMAGED_TAG);
    assert_eq!(out["parts"][&m.rounds[0]].as_str(), Some(cut.as_str()));
    assert!(store.damaged_chars().unwrap() > cut.len());
    // Removed with the part only it names; the data is untouched.
    store.remove_damaged().unwrap();
    assert!(storage().get_item(&store.key_damaged()).unwrap().is_none());
    assert!(storage().get_item(&key).unwrap().is_none());
    assert_eq!(store.damaged_chars(), None);
    let again = store.load();
    assert_eq!(again.state, third);
    assert!(again.notice.is_none());
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn drafts_a_closed_tab_left_are_found_by_the_next_tab_and_never_offered_to_their_own() {
    use exemplar::store::{DRAFTS_FORMS, DRAFTS_SCHEMES};
    let store = fresh("test-left-drafts");
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let mirrors = || {
        let s = storage();
        (0..s.length().unwrap())
            .filter_map(|i| s.key(i).unwrap())
            .filter(|k| k.starts_with("test-left-drafts.drafts.left."))
            .collect::<Vec<_>>()
    };
    let typed = r#"{"添加成果":["半截的成果名称"]}"#;
    store.write_drafts(DRAFTS_FORMS, Some(typed));
    // Kept for a reload in the tab's session storage, and mirrored under its name.
    assert_eq!(store.read_drafts(DRAFTS_FORMS).as_deref(), Some(typed));
    assert_eq!(mirrors().len(), 1);
    // A tab is never offered its own text (a reload keeps its name).
    assert!(store.left_drafts(DRAFTS_FORMS).is_empty());
    // The tab closes (its session storage goes); the next tab finds the text.
    session.clear().unwrap();
    let found = store.left_drafts(DRAFTS_FORMS);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, typed);
    assert!(store.left_drafts(DRAFTS_SCHEMES).is_empty());
    // Its own drafts are mirrored beside, and do not hide the other tab's.
    store.write_drafts(DRAFTS_FORMS, Some(r#"{"保障投入":["x"]}"#));
    assert_eq!(mirrors().len(), 2);
    assert_eq!(store.left_drafts(DRAFTS_FORMS), found);
    // Taken or dropped: gone for every later tab; saving its own forms removes its mirror.
    store.forget_left_drafts(found.iter().map(|d| d.key.as_str()));
    store.write_drafts(DRAFTS_FORMS, None);
    assert!(mirrors().is_empty());
    // Replacing the data forgets every tab's left drafts.
    store.write_drafts(DRAFTS_SCHEMES, Some("{}"));
    session.clear().unwrap();
    store.forget_all_left_drafts();
    assert!(mirrors().is_empty());
    store.clear().unwrap();
}
