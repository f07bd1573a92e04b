//! 快照: the copies of the whole data taken before anything replaces or imports data.
//! Each can be restored (after a confirmation, itself snapshotted first) or deleted, and
//! shows how much room it takes.

use leptos::prelude::*;

use crate::domain::snapshots::{StoredSnapshots, KEEP};
use crate::domain::AppState;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::state::{AppContext, Notice, ReplaceError};
use crate::ui::text::{self, describe_state};

/// About how much room `chars` characters of local storage take, in words.
fn size_words(chars: usize) -> String {
    // Local storage counts UTF-16 code units: two bytes each.
    let kb = (chars * 2).div_ceil(1024);
    if kb >= 1024 {
        format!("约 {:.1} MB", kb as f64 / 1024.0)
    } else {
        format!("约 {kb} KB")
    }
}

/// The snapshots, newest first, each with 恢复此快照 and 删除 (each after a confirmation).
#[component]
pub fn SnapshotList() -> impl IntoView {
    let ctx = AppContext::get();
    let snaps: Memo<Result<StoredSnapshots, String>> = Memo::new(move |_| {
        ctx.snapshots_changed.track();
        ctx.store().load_snapshots()
    });
    // The snapshot to restore: as the confirmation names it, when it was taken, its data.
    let pending = RwSignal::new(None::<(String, String, AppState)>);
    let open = RwSignal::new(false);
    // The snapshot to delete, by what names it (its time and label: its place in the
    // list moves when another window takes one), and as the confirmation names it.
    let to_delete = RwSignal::new(None::<(String, String, String)>);
    let delete_open = RwSignal::new(false);
    let label_of = move |i: usize| {
        snaps.with_untracked(|s| {
            s.as_ref().ok().and_then(|l| l.items.get(i)).map(|item| {
                format!(
                    "{}（{}）",
                    item.label,
                    crate::ui::app::local_time(&item.taken_at)
                )
            })
        })
    };
    let ask = move |i: usize| {
        let got = snaps.with_untracked(|s| {
            let list = s.as_ref().map_err(|e| e.clone())?;
            let state = list.restore(i).map_err(|e| e.to_string())?;
            Ok::<_, String>(state)
        });
        let taken = snaps.with_untracked(|s| {
            s.as_ref()
                .ok()
                .and_then(|l| l.items.get(i))
                .map(|item| crate::ui::app::local_time(&item.taken_at))
        });
        match (got, label_of(i).zip(taken)) {
            (Ok(state), Some((label, taken))) => {
                pending.set(Some((label, taken, state)));
                open.set(true);
            }
            (Err(e), _) => ctx
                .notice
                .set(Some(Notice::error(format!("这个快照无法恢复：{e}")))),
            (_, None) => ctx
                .notice
                .set(Some(Notice::error(text::SNAPSHOT_NOT_FOUND))),
        }
    };
    let message = Signal::derive(move || {
        pending.with(|p| match p {
            // Everything saved since goes too, in any window (a re-test: restoring the
            // snapshot of a deleted unit also undid a later setting without a word).
            Some((label, taken, s)) => format!(
                "将用快照“{label}”中的数据（{}）替换本浏览器中的全部当前数据（{}）：{taken} 之后所做的全部修改（包括在其他窗口保存的）都会一并被替换。{}",
                describe_state(s),
                ctx.state.with(describe_state),
                ctx.state.with(text::replace_keeps)
            ),
            None => String::new(),
        })
    });
    let restore = Callback::new(move |_| {
        // Taken out, not copied (a snapshot of a large city is big).
        if let Some((label, taken, mut s)) = pending.try_update_untracked(Option::take).flatten() {
            // Task files exported since the snapshot are out in the world: their codes
            // and what they sent stay, or their returns could not be verified (as 撤销).
            ctx.state
                .with_untracked(|cur| crate::domain::exchange::keep_issued_codes(&mut s, cur));
            // Named by when the restored one was taken, not by its label: restoring the
            // snapshot a restore took would otherwise nest 恢复快照前：恢复快照前：….
            match ctx.replace_all(&format!("恢复快照：{taken} 的快照"), s) {
                Ok(()) => ctx
                    .notice
                    .set(Some(Notice::info(format!("已恢复快照：{label}")))),
                Err(ReplaceError::Snapshot { message, .. }) => ctx.notice.set(Some(
                    Notice::unsaved(format!("{message} 为免丢失当前数据，快照没有恢复。")),
                )),
                Err(ReplaceError::Refused(_)) => {}
            }
        }
        pending.set(None);
    });
    let delete_message = Signal::derive(move || {
        to_delete.with(|d| {
            d.as_ref()
                .map(|(_, _, shown)| format!("将删除快照 {shown}。删除后不能找回。"))
                .unwrap_or_default()
        })
    });
    let delete = Callback::new(move |_| {
        if let Some((taken_at, label, shown)) = to_delete.get_untracked() {
            match ctx.delete_snapshot(&taken_at, &label) {
                Ok(()) => ctx
                    .notice
                    .set(Some(Notice::info(format!("已删除快照：{shown}")))),
                Err(e) => ctx.notice.set(Some(Notice::error(e))),
            }
        }
        to_delete.set(None);
    });
    view! {
        <h2>"快照"</h2>
        <p>{format!("每次导入、从备份恢复、恢复快照、载入示例数据，以及删除单位、考评、成果、结对、整改事项、督导、保障投入或复查记录之前，程序都会自动保存一份当时的全部数据，保留最近 {KEEP} 份；数据与已有快照完全相同时（如删除后又撤销），只保留最新的一份；删除单条记录前的快照先让位，最近一次导入、恢复或载入前的那一份不会被它们挤掉。存储空间不够时，可删除不需要的快照。")}</p>
        {move || match snaps.get() {
            // Said of what is kept in the browser, not of a file passed on (a clerk's
            // review: "copied or passed on" did not apply).
            Err(_) => view! {
                <p class="error">"浏览器中保存的快照已损坏，读不出来。保存下一份快照时，损坏的快照数据会原样另存（见下方），不会被直接覆盖。"</p>
            }.into_any(),
            Ok(list) if list.items.is_empty() => view! { <p class="muted">"还没有快照。"</p> }.into_any(),
            Ok(list) => view! {
                <ul class="snapshots" aria-label="快照列表">
                    {list.items.iter().enumerate().rev().map(|(i, item)| {
                        let size = size_words(item.packed.encode_utf16().count());
                        // Each button names its snapshot: a screen reader hears which.
                        let which = format!("{} {}", crate::ui::app::local_time(&item.taken_at), item.label);
                        view! {
                            <li>
                                <span class="snapshots__time">{crate::ui::app::local_time(&item.taken_at)}</span>
                                <span class="snapshots__label">{item.label.clone()}</span>
                                // What it holds: snapshots taken for the same reason told apart.
                                {(!item.summary.is_empty()).then(|| view! {
                                    <span class="snapshots__summary muted">{format!("（{}）", item.summary)}</span>
                                })}
                                <span class="snapshots__size">{size}</span>
                                <button type="button" aria-label=format!("恢复此快照：{which}") on:click=move |_| ask(i)>"恢复此快照"</button>
                                <button type="button" class="quiet" aria-label=format!("删除快照：{which}")
                                    on:click={let (at, label) = (item.taken_at.clone(), item.label.clone()); move |_| {
                                        if let Some(shown) = label_of(i) {
                                            to_delete.set(Some((at.clone(), label.clone(), shown)));
                                            delete_open.set(true);
                                        }
                                    }}>"删除"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <DamagedSnapshots />
        <ConfirmDialog open=open title="确认恢复快照" message=message confirm_label="恢复"
            on_confirm=restore />
        <ConfirmDialog open=delete_open title="确认删除快照" message=delete_message confirm_label="删除"
            on_confirm=delete />
    }
}

/// The unreadable list of snapshots set aside before a new snapshot replaced it, if any:
/// written out for whoever tries to recover it, or removed to free the space.
#[component]
fn DamagedSnapshots() -> impl IntoView {
    let ctx = AppContext::get();
    let removed = RwSignal::new(0u32);
    let chars = Memo::new(move |_| {
        ctx.snapshots_changed.track();
        removed.track();
        ctx.store().damaged_snapshots_chars()
    });
    let remove_open = RwSignal::new(false);
    let export = move |_| {
        let file = ctx.store().damaged_snapshots_file(&ctx.now_iso());
        download_damaged(ctx, file, "快照-");
    };
    let do_remove = Callback::new(move |_| {
        match ctx.store().remove_damaged_snapshots() {
            Ok(()) => ctx.notice.set(Some(Notice::info("已删除损坏的快照数据。"))),
            Err(e) => ctx.notice.set(Some(Notice::error(e.to_string()))),
        }
        removed.update(|n| *n += 1);
    });
    let remove_message = Signal::derive(move || {
        format!(
            "将从浏览器中删除读不出来的那份快照数据（{} 字符），不能撤销。当前的数据和其他快照不受影响。如尚未导出，请先点“{}”。",
            chars.get().unwrap_or(0),
            EXPORT_DAMAGED_SNAPSHOTS
        )
    });
    move || {
        chars.get().map(|n| view! {
            <h3>"损坏的快照数据"</h3>
            <p>{format!("原先保存的快照已损坏、读不出来，在保存新快照之前原样另存在浏览器中（{n} 字符）。可以把它导出为文件，交给技术人员尝试恢复；确认不再需要后，可以删除它以腾出存储空间。")}</p>
            <div class="form-actions">
                <button type="button" on:click=export>{EXPORT_DAMAGED_SNAPSHOTS}</button>
                <button type="button" class="danger" on:click=move |_| remove_open.set(true)>"删除损坏的快照数据"</button>
            </div>
            <ConfirmDialog open=remove_open title="确认删除损坏的快照数据" message=remove_message
                confirm_label="删除" on_confirm=do_remove />
        })
    }
}

/// The button that writes the damaged list of snapshots out.
const EXPORT_DAMAGED_SNAPSHOTS: &str = "导出损坏的快照数据";

/// Downloads damaged data set aside (`file`, written by the store for whoever tries to
/// recover it) as `示范点考评-损坏数据-<kind><time>.json`; nothing when there is none.
pub fn download_damaged(ctx: AppContext, file: Option<String>, kind: &str) {
    let Some(file) = file else {
        return;
    };
    let name = format!(
        "{}-{kind}{}.json",
        text::DAMAGED_FILE_PREFIX,
        crate::files::stamp(ctx.clock.now_ms())
    );
    if let Err(e) = crate::files::download(&name, "application/json", &file) {
        ctx.notice.set(Some(Notice::error(e.to_string())));
    }
}
