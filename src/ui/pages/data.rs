//! 数据管理: storage use, last save, backup, restore and clearing all data.

use leptos::prelude::*;

use crate::domain::damaged::EXPORT_DAMAGED;
use crate::domain::exchange::{
    check_backup_fits, read_restore_unchecked, security_changes, ExchangeError, Restored,
};
use crate::domain::validation::{cautions, cautions_said};
use crate::domain::AppState;
use crate::store::QUOTA_CHARS;
use crate::ui::app::local_time;
use crate::ui::components::banner::export_backup;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::copy_switcher::RemoveCopy;
use crate::ui::components::snapshots::SnapshotList;
use crate::ui::state::{AppContext, Notice, ReplaceError};
use crate::ui::text::{self, describe_state as describe};

/// The data management page.
#[component]
pub fn DataPage() -> impl IntoView {
    let ctx = AppContext::get();
    let r = Restore::new();
    let clear_open = RwSignal::new(false);
    let sample_open = RwSignal::new(false);
    let focused = Memo::new(move |_| ctx.state.with(|s| s.workspace.is_some()));
    let do_clear = Callback::new(move |_| match ctx.clear_all() {
        Ok(()) => ctx.notice.set(Some(Notice::info("已清空全部数据。"))),
        Err(e) => ctx.notice.set(Some(Notice::error(e))),
    });
    let sample_message = Signal::derive(move || {
        format!(
            "将用示例数据（一个约 40 个单位、2 个考评轮次、5 位评委的虚构城市）替换本浏览器中的全部当前数据（{}）。{}{}",
            ctx.state.with(describe),
            ctx.state.with(text::replace_keeps),
            text::unsaved_forms_dropped(&ctx.forms_a_replacement_drops())
        )
    });
    let do_sample = Callback::new(move |_| ctx.load_sample());
    let clear_message = Signal::derive(move || {
        format!(
            "将永久删除本浏览器中的全部数据（{}）{}，不能撤销。{}请先点“{}”把数据存为文件。",
            ctx.state.with(describe),
            // Read only while the dialog is open (the list may be large).
            match clear_open
                .get()
                .then(|| ctx.store().load_snapshots().map(|l| l.items.len()))
            {
                Some(Ok(n)) if n > 0 => format!("及全部 {n} 个快照"),
                _ => String::new(),
            },
            text::unsaved_forms_dropped(&ctx.forms_a_replacement_drops()),
            text::EXPORT_BACKUP
        )
    });

    view! {
        <section>
            <h1>"数据管理"</h1>
            <p>{text::WHERE_DATA_LIVES}</p>
            {storage_facts(ctx)}
            {damaged_section(ctx)}

            <h2>"备份"</h2>
            <p>"把全部数据导出为一个备份文件（文件名以 .json 结尾），可存到 U 盘或发给他人，之后可用“从备份恢复”还原。"</p>
            <button type="button" on:click=move |_| export_backup(ctx)>{text::EXPORT_BACKUP}</button>

            {restore_section(ctx, r)}

            // The sample is a committee's city: a task copy (a unit's or an assessor's)
            // is not offered it.
            {move || (!focused.get()).then(|| view! {
                <h2>"示例数据"</h2>
                <p>"想先试一试？载入一个虚构城市的示例数据，每个页面都能看到效果。"</p>
                <button type="button" on:click=move |_| {
                    if ctx.state.with(|s| s.units.is_empty() && s.rounds.is_empty()) { ctx.load_sample() } else { sample_open.set(true) }
                }>{text::LOAD_SAMPLE}</button>
            })}

            <SnapshotList />

            <RemoveCopy />

            // A task copy kept beside the browser's own data is removed above, as a
            // whole; clearing is for the browser's own data.
            {ctx.current_copy().is_none().then(|| view! {
                <h2>"清空全部数据"</h2>
                {move || ctx.read_only.get().is_some().then(|| view! {
                    <p class="muted">"当前为只读状态：浏览器中保存的数据不是本窗口能读取或修改的，因此不能在这里清空。"</p>
                })}
                <button type="button" class="danger" disabled=move || ctx.read_only.get().is_some()
                    on:click=move |_| clear_open.set(true)>"清空全部数据"</button>
            })}

            {restore_dialogs(ctx, r)}
            <ConfirmDialog open=sample_open title=text::CONFIRM_LOAD_SAMPLE message=sample_message
                confirm_label="载入" on_confirm=do_sample />
            <ConfirmDialog open=clear_open title="确认清空全部数据" message=clear_message
                confirm_label="永久清空" type_to_confirm="清空" on_confirm=do_clear
                first=(text::EXPORT_BACKUP, Callback::new(move |_| export_backup(ctx))) />
        </section>
    }
}

/// Storage used, the last save and what the data holds.
fn storage_facts(ctx: AppContext) -> impl IntoView {
    let usage = Memo::new(move |_| {
        ctx.rev.track();
        ctx.store().usage()
    });
    view! {
        <dl class="facts">
            <dt>"本程序占用的存储"</dt>
            <dd>{move || {
                let u = usage.get();
                let share = u.app_chars as f64 * 100.0 / QUOTA_CHARS as f64;
                format!("{} 字符，约占 {:.1}%（按最保守浏览器上限 {} 万字符计{}）",
                    u.app_chars, share, QUOTA_CHARS / 10_000,
                    if share > 100.0 { "；本浏览器的上限更高，只要保存没有报错就无需处理" } else { "" })
            }}</dd>
            {move || {
                // The space is shared with every page of the same address (all files
                // opened from disk share one): when others fill it, saving fails although
                // this program's own data is small.
                let u = usage.get();
                let others = u.chars.saturating_sub(u.program_chars);
                (others * 10 > QUOTA_CHARS).then(|| view! {
                    <dt>"其他网页占用的存储"</dt>
                    <dd>{format!(
                        "{others} 字符，{}。同一地址下的其他网页（直接从本机或 U 盘打开的网页文件都算同一地址）与本程序共用这部分空间；如保存时提示空间已满，请在浏览器设置中清除这些网页的数据，或把本程序放到单独的网址下使用。",
                        // Beyond the cautious limit, a share over 100% reads as an error:
                        // this browser allows more, and saving says when it is full.
                        if others > QUOTA_CHARS {
                            format!("已超过最保守浏览器上限（{} 万字符），本浏览器的上限更高", QUOTA_CHARS / 10_000)
                        } else {
                            format!("约占 {:.1}%", others as f64 * 100.0 / QUOTA_CHARS as f64)
                        }
                    )}</dd>
                })
            }}
            <dt>"最近一次保存"</dt>
            <dd>{move || { let t = ctx.saved_at.get(); if t.is_empty() { "尚未保存".to_string() } else { local_time(&t) } }}</dd>
            <dt>"数据内容"</dt>
            <dd>{move || ctx.state.with(describe)}</dd>
        </dl>
    }
}

/// The value set aside as damaged when the app opened, if any: written out for
/// whoever tries to recover it, or removed to free the space.
fn damaged_section(ctx: AppContext) -> impl IntoView {
    let removed = RwSignal::new(0u32);
    let chars = Memo::new(move |_| {
        ctx.rev.track();
        removed.track();
        ctx.store().damaged_chars()
    });
    let remove_open = RwSignal::new(false);
    let export = move |_| {
        let file = ctx.store().damaged_file(&ctx.now_iso());
        crate::ui::components::snapshots::download_damaged(ctx, file, "");
    };
    let do_remove = Callback::new(move |_| {
        // While changes are held for lost rounds, saving here would store the data
        // without them and removing would drop the one raw copy that has them (a review).
        if ctx.refused_now() {
            return;
        }
        // The value is still the current one until this tab saves: save first.
        ctx.save_now();
        match ctx.store().remove_damaged() {
            Ok(()) => ctx.notice.set(Some(Notice::info("已删除损坏的数据。"))),
            Err(e) => ctx.notice.set(Some(Notice::error(e.to_string()))),
        }
        removed.update(|n| *n += 1);
    });
    let remove_message = Signal::derive(move || {
        format!(
            "将从浏览器中删除读不出来的那份损坏数据（{} 字符），不能撤销。当前的数据不受影响。如尚未导出，请先点“{}”。",
            chars.get().unwrap_or(0),
            EXPORT_DAMAGED
        )
    });
    move || {
        chars.get().map(|n| view! {
            <h2>"损坏的数据"</h2>
            <p>{move || format!(
                "本程序打开时发现浏览器中保存的数据已损坏，{}损坏的那份原样另存在浏览器中（{n} 字符），本程序读不出来。可以把它导出为文件，连同备份一起交给技术人员尝试恢复；确认不再需要后，可以删除它以腾出存储空间。",
                // Nothing read is said so, not taken for data recovered.
                if ctx.state.with(|s| *s == crate::domain::AppState::default()) {
                    "没有读出任何数据（本浏览器中现在没有数据）；如有备份文件，请用上面的“从备份恢复”找回。"
                } else {
                    "已改用能读出的数据。"
                }
            )}</p>
            <div class="form-actions">
                <button type="button" on:click=export>{EXPORT_DAMAGED}</button>
                <button type="button" class="danger" on:click=move |_| remove_open.set(true)>"删除损坏的数据"</button>
            </div>
            <ConfirmDialog open=remove_open title="确认删除损坏的数据" message=remove_message
                confirm_label="删除" on_confirm=do_remove />
        })
    }
}

/// Where a restore from a backup stands: the file read, the dialogs open, the progress.
#[derive(Clone, Copy)]
struct Restore {
    /// The backup's state and “file（保存于 …）”, waiting for confirmation.
    pending: RwSignal<Option<(AppState, String)>>,
    open: RwSignal<bool>,
    secure_open: RwSignal<bool>,
    /// Access codes and keys the backup would change, one line each.
    security: RwSignal<Vec<String>>,
    /// What the backup holds that today's forms refuse (`validation::cautions_said`).
    cautions: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    snapshot_open: RwSignal<bool>,
    snapshot_error: RwSignal<String>,
    restoring: RwSignal<bool>,
}

impl Restore {
    fn new() -> Self {
        Restore {
            pending: RwSignal::new(None),
            open: RwSignal::new(false),
            secure_open: RwSignal::new(false),
            security: RwSignal::new(Vec::new()),
            cautions: RwSignal::new(None),
            error: RwSignal::new(None),
            snapshot_open: RwSignal::new(false),
            snapshot_error: RwSignal::new(String::new()),
            restoring: RwSignal::new(false),
        }
    }
}

/// The file chooser, the reading error and the progress of a restore.
fn restore_section(ctx: AppContext, r: Restore) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::files::take_chosen(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(read_backup(ctx, r, file));
    };
    view! {
        <h2>"从备份恢复"</h2>
        <label class="file-button">
            <span>"选择备份文件"</span>
            <input type="file" accept=".json,application/json" on:change=on_file />
        </label>
        {move || r.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {move || r.restoring.get().then(|| view! {
            <p role="status"><progress aria-label="正在恢复"></progress>" 正在保存快照并恢复，请稍候……"</p>
        })}
    }
}

/// Reads a backup with every check of [`crate::domain::exchange::read_restore`], letting
/// the browser draw between parsing and checking (each about a tenth of a second on a
/// large city).
async fn read_checked(raw: &[u8]) -> Result<Restored, ExchangeError> {
    let unchecked = read_restore_unchecked(raw)?;
    crate::files::yield_to_browser().await;
    unchecked.check()
}

/// Reads the chosen backup and asks for confirmation (typed, when access codes change).
async fn read_backup(ctx: AppContext, r: Restore, file: web_sys::File) {
    let name = file.name();
    // Bytes, not text: the same checks as 数据交换 (strict UTF-8, text, ids,
    // ranges) decide, never a silently replaced character.
    match crate::files::read_bytes(&file).await {
        Err(e) => r.error.set(Some(e.to_string())),
        Ok(raw) => match read_checked(&raw).await.and_then(|doc| {
            ctx.state
                .with_untracked(|cur| check_backup_fits(cur, &doc.state))
                .map(|()| doc)
        }) {
            Err(e) => r.error.set(Some(format!("“{name}”不能用于恢复：{e}"))),
            Ok(doc) => {
                r.error.set(None);
                let when = if doc.saved_at.is_empty() {
                    "时间不详".to_string()
                } else {
                    local_time(&doc.saved_at)
                };
                // Access codes and keys the backup would change: said line by
                // line, and confirmed by typing, never swapped unseen.
                let security = ctx
                    .state
                    .with_untracked(|cur| security_changes(cur, &doc.state));
                let secure = !security.is_empty();
                r.security.set(security);
                let this_year = Some(i32::from(ctx.this_year()));
                // Data saved here after the backup was: its later work goes too (a
                // clerk's review: the counts alone were the same on both sides).
                let current = ctx.saved_at.get_untracked();
                let held = ctx.state.with_untracked(|s| *s != AppState::default());
                // Not when it holds the backup's data itself (a re-test: said again right
                // after that backup was restored).
                let differs = ctx.state.with_untracked(|s| *s != doc.state);
                let saved_since = !doc.saved_at.is_empty() && current > doc.saved_at;
                let later = (held && differs && saved_since).then(|| {
                    format!(
                        "本浏览器中的数据最后保存于 {}，晚于这份备份：备份之后所做的修改都会被替换。",
                        local_time(&current)
                    )
                });
                let said = cautions_said(&cautions(&doc.state, this_year));
                r.cautions.set(match (later, said) {
                    (None, None) => None,
                    (a, b) => Some(format!(
                        "{}{}",
                        a.unwrap_or_default(),
                        b.unwrap_or_default()
                    )),
                });
                r.pending
                    .set(Some((doc.state, format!("{name}（保存于 {when}）"))));
                if secure {
                    r.secure_open.set(true);
                } else {
                    r.open.set(true);
                }
            }
        },
    }
}

/// What a restore ended in: the notice, or (when no snapshot could be kept) the
/// question whether to go on without one.
fn finish(ctx: AppContext, r: Restore, result: Result<(), ReplaceError>, from: String) {
    match result {
        Ok(()) => ctx
            .notice
            .set(Some(Notice::info(format!("已从备份恢复：{from}")))),
        Err(ReplaceError::Snapshot { message, state }) => {
            // Handed back: kept for "仍然恢复".
            r.pending.set(Some((*state, from)));
            r.snapshot_error.set(message);
            r.snapshot_open.set(true);
        }
        Err(ReplaceError::Refused(_)) => {}
    }
}

/// The restore's three confirmations: plain, with access-code changes, without a snapshot.
fn restore_dialogs(ctx: AppContext, r: Restore) -> impl IntoView {
    let restore_message = Signal::derive(move || {
        let current = ctx.state.with(describe);
        // `with`, not `get`: a large city's state is not copied to describe it.
        r.pending.with(|p| match p {
            Some((s, from)) => format!(
                "{}将用备份文件 {from} 中的数据（{}）替换本浏览器中的全部当前数据（{current}）。{}{}",
                // A backup of an empty browser put over a whole city (a clerk's review:
                // it read like any other).
                if text::record_counts(s).iter().all(|n| *n == 0) {
                    "这份备份中没有任何数据。"
                } else {
                    ""
                },
                describe(s),
                ctx.state.with(text::replace_keeps),
                r.cautions.get().unwrap_or_default()
            ),
            None => String::new(),
        })
    });
    // A snapshot of the data being replaced comes first (AppContext::replace_all);
    // when it cannot be kept, the person is asked whether to go on without one.
    let restore_now = Callback::new(move |_| {
        // Taken out, not copied: this step already packs and saves the whole state.
        if let Some((s, from)) = r.pending.try_update_untracked(Option::take).flatten() {
            finish(
                ctx,
                r,
                ctx.replace_all_with(&format!("从备份恢复：{from}"), s, true),
                from,
            );
        }
    });
    let do_restore = Callback::new(move |_| {
        let Some((s, from)) = r.pending.try_update_untracked(Option::take).flatten() else {
            return;
        };
        // The browser paints the progress first: a large city takes a moment to pack.
        r.restoring.set(true);
        leptos::task::spawn_local(async move {
            crate::files::yield_to_browser().await;
            finish(
                ctx,
                r,
                ctx.replace_all(&format!("从备份恢复：{from}"), s),
                from,
            );
            r.restoring.set(false);
        });
    });
    let snapshot_message = Signal::derive(move || {
        format!(
            "{} 如果仍然恢复，当前数据将不能从快照找回（仍可立即点“撤销”退回，或先取消并“导出备份”）。",
            r.snapshot_error.get()
        )
    });
    let restore_secure_message = Signal::derive(move || {
        format!(
            "{} 此备份还会更换访问码或签名密钥：{}。换掉以后，只有持新访问码的人导出的文件才能通过签名验证。请逐项核对，确认备份来源可靠。",
            restore_message.get(),
            r.security.with(|l| l.join("；"))
        )
    });
    view! {
        <ConfirmDialog open=r.open title="确认从备份恢复" message=restore_message
            confirm_label="恢复" on_confirm=do_restore />
        <ConfirmDialog open=r.secure_open title="确认从备份恢复（含访问码变化）"
            message=restore_secure_message confirm_label="恢复" type_to_confirm="更换访问码"
            on_confirm=do_restore />
        <ConfirmDialog open=r.snapshot_open title=text::SNAPSHOT_NOT_KEPT message=snapshot_message
            confirm_label="仍然恢复" on_confirm=restore_now />
    }
}
