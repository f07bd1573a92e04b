//! The banner at the top of every page: saving problems, recoveries, other tabs.

use leptos::prelude::*;

use crate::ui::state::{AppContext, Level};
use crate::ui::text;

/// Offers the whole data as a backup download, reporting a failure in the banner.
pub fn export_backup(ctx: AppContext) {
    // Read-only from the start, the page holds nothing of the stored data: a backup now
    // would be an empty file under a backup's name (a clerk's review: it was saved, and
    // offered to replace 41 units with none).
    let nothing_read = ctx
        .state
        .with_untracked(|s| text::record_counts(s).iter().all(|n| *n == 0));
    if let (Some(why), true) = (ctx.read_only.get_untracked(), nothing_read) {
        // Said about the data as it stood when the page opened: it stays across pages,
        // as the read-only message it takes the place of.
        ctx.notice.set(Some(crate::ui::state::Notice {
            on_load: true,
            ..crate::ui::state::Notice::error(text::empty_backup_refused(why))
        }));
        return;
    }
    // After a partial recovery the data lacks the rounds that did not read: the file is
    // named and said to be incomplete, not one to put over a whole backup (a clerk's
    // re-test: it looked like the newest good backup).
    let missing = ctx.missing_rounds.get_untracked();
    let name = format!(
        "{}-{}{}.json",
        text::BACKUP_FILE_PREFIX,
        crate::files::stamp(ctx.clock.now_ms()),
        if missing > 0 {
            text::INCOMPLETE_BACKUP_MARK
        } else {
            ""
        }
    );
    let backup = ctx.backup_text();
    if let Err(e) = crate::files::download(&name, "application/json", &backup) {
        ctx.notice
            .set(Some(crate::ui::state::Notice::error(e.to_string())));
        return;
    }
    // A file this program could not read back is said at once, not on the day of need.
    let limit = crate::domain::exchange::MAX_BYTES;
    if backup.len() > limit {
        ctx.notice.set(Some(crate::ui::state::Notice::warning(format!(
            "备份文件已下载，但它有 {:.1} MB，超过本程序可读取的 {} MB 上限，将不能用“从备份恢复”还原。请删减过长的简介、说明等文字后重新导出备份。",
            backup.len() as f64 / 1024.0 / 1024.0,
            limit / 1024 / 1024
        ))));
    } else if missing > 0 {
        ctx.notice.set(Some(crate::ui::state::Notice {
            on_load: true,
            ..crate::ui::state::Notice::warning(text::incomplete_backup_said(&name, missing))
        }));
    } else if ctx
        .notice
        .with_untracked(|n| n.as_ref().is_none_or(|n| n.level == Level::Info))
    {
        // Said on the page, not only in the browser's download bar (a clerk's review);
        // a warning on screen (storage full, say) stays.
        ctx.notice.set(Some(crate::ui::state::Notice::info(format!(
            "已导出备份“{name}”（在浏览器的下载位置）。请另存到U盘或其他电脑，以防本机数据丢失。"
        ))));
    }
}

/// Shows the current notice, if any, with the actions it offers.
#[component]
pub fn Banner() -> impl IntoView {
    let ctx = AppContext::get();
    move || {
        ctx.notice.get().map(|n| {
            let class = match n.level {
                Level::Info => "banner banner--info",
                Level::Warning => "banner banner--warning",
                Level::Error => "banner banner--error",
            };
            let role = if n.level == Level::Info { "status" } else { "alert" };
            view! {
                <div class=class role=role>
                    <p>{n.text.clone()}</p>
                    <div class="banner__actions">
                        {n.offer_export.then(|| view! {
                            <button type="button" on:click=move |_| export_backup(ctx)>{text::EXPORT_BACKUP}</button>
                        })}
                        {n.offer_resolve.then(|| view! {
                            <button type="button" on:click=move |_| ctx.keep_this_tab()>{text::KEEP_THIS_TAB}</button>
                            <button type="button" on:click=move |_| ctx.take_stored()>{text::TAKE_STORED}</button>
                        })}
                        // Shown with any notice while changes are held after a partial
                        // recovery (an export's notice takes the load notice's place).
                        {move || ctx.held_for_lost_rounds.get().then(|| view! {
                            <button type="button" on:click=move |_| ctx.go_on_without_lost_rounds()>{crate::domain::damaged::GO_ON_WITHOUT_LOST_ROUNDS}</button>
                        })}
                        {n.offer_reload.then(|| view! {
                            <button type="button" on:click=move |_| {
                                if let Some(w) = web_sys::window() { let _ = w.location().reload(); }
                            }>{text::RELOAD}</button>
                        })}
                        <button type="button" class="quiet" aria-label="关闭提示" on:click=move |_| ctx.notice.set(None)>"×"</button>
                    </div>
                </div>
            }
        })
    }
}
