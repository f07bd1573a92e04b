//! The application state owned in one place and shared by a typed context.
//!
//! Every change goes through [`AppContext::update`]: the change is applied to a copy,
//! and only when it succeeds is the copy shown and saved. A failed change leaves the
//! data as it was and shows why. Saves run inside a Web Lock so that two tabs never
//! write over each other unseen (the protocol is in [`crate::domain::revisions`] and
//! `docs/architecture.md`).

use std::fmt::Display;

use leptos::prelude::*;

use crate::clock::Clock;
use crate::domain::document;
use crate::domain::revisions::{self, ConflictKind, OtherWrite, Stamp};
use crate::domain::snapshots::KEEP;
use crate::domain::AppState;
use crate::route::Route;
use crate::store::{self, LoadNotice, Store, StoreError};
use crate::ui::text;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message in the banner at the top of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    /// Offer an export of the data next to the message (when it could not be saved).
    pub offer_export: bool,
    /// Offer to reload the page.
    pub offer_reload: bool,
    /// Offer the two ways out of a conflict with another tab: keep this tab's data, or
    /// take the stored data.
    pub offer_resolve: bool,
}

impl Notice {
    /// An informational message.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Info,
            text: text.into(),
            offer_export: false,
            offer_reload: false,
            offer_resolve: false,
        }
    }
    /// An error message.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Error,
            text: text.into(),
            ..Notice::info("")
        }
    }
    /// An error message with an export offered next to it (the data is only in this page).
    pub fn unsaved(text: impl Into<String>) -> Notice {
        Notice {
            offer_export: true,
            ..Notice::error(text)
        }
    }
}

/// Why [`AppContext::replace_all`] did not replace the data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplaceError {
    /// The snapshot of the current data could not be kept; `state` is the data that
    /// was to replace it, handed back.
    #[error("{message}")]
    Snapshot {
        message: String,
        state: Box<AppState>,
    },
    /// Nothing may be written now (read-only, or the save failed); already shown.
    #[error("{0}")]
    Refused(String),
}

/// The most undo steps kept in memory.
const UNDO_DEPTH: usize = 30;

/// Why this tab writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// The stored data was written by a newer app.
    NewerApp,
    /// Stored data exists but could not be read.
    Unreadable,
}

/// The app's shared state: the data, where it stands in storage, and the banner.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The data.
    pub state: RwSignal<AppState>,
    /// The stored revision this tab's data corresponds to.
    pub rev: RwSignal<u64>,
    /// When the data was last saved (ISO).
    pub saved_at: RwSignal<String>,
    /// Data in memory that is not in storage (a save failed or was refused).
    pub unsaved: RwSignal<bool>,
    /// A change waits to be saved (for a moment, until the save lock is granted).
    pub pending: RwSignal<bool>,
    /// This tab's changes and another tab's went different ways: nothing is saved until
    /// the person chooses (see [`AppContext::keep_this_tab`], [`AppContext::take_stored`]).
    pub conflict: RwSignal<bool>,
    /// Nothing may be written, and why.
    pub read_only: RwSignal<Option<ReadOnly>>,
    /// The banner message.
    pub notice: RwSignal<Option<Notice>>,
    /// The current screen.
    pub route: RwSignal<Route>,
    /// The one clock every page reads the time from.
    pub clock: Clock,
    /// Counts changes to the stored snapshots (lists of them track it).
    pub snapshots_changed: RwSignal<u32>,
    /// Scheme edits not yet saved, by scheme id: kept while the person visits other
    /// pages (the editor saves only on 保存方案).
    scheme_drafts: StoredValue<std::collections::BTreeMap<String, crate::domain::Scheme>>,
    undo: StoredValue<Vec<(AppState, String)>>,
    store: StoredValue<Store>,
    /// The stored value this tab's data stands on.
    base: StoredValue<Stamp>,
    /// This tab's name in the stamps it writes.
    me: StoredValue<String>,
    /// A save lock has been asked for and not yet granted.
    in_flight: StoredValue<bool>,
}

/// A name for this tab, unique enough among the tabs of one browser.
fn tab_name() -> String {
    let a = (js_sys::Math::random() * 1e15) as u64;
    let b = (js_sys::Math::random() * 1e15) as u64;
    format!("t{a:x}{b:x}")
}

impl AppContext {
    /// Loads the data from `store` and makes the context (not yet provided).
    pub fn load(store: Store) -> AppContext {
        let loaded = store.load();
        let read_only = match loaded.notice {
            Some(LoadNotice::NewerSchema { .. }) => Some(ReadOnly::NewerApp),
            Some(LoadNotice::Unreadable { .. }) => Some(ReadOnly::Unreadable),
            _ => None,
        };
        let notice = loaded.notice.as_ref().map(|n| Notice {
            level: if read_only.is_some() || matches!(n, LoadNotice::Unavailable) {
                Level::Error
            } else {
                Level::Warning
            },
            text: n.message(),
            offer_export: read_only.is_none(),
            offer_reload: read_only == Some(ReadOnly::Unreadable),
            offer_resolve: false,
        });
        AppContext {
            state: RwSignal::new(loaded.state),
            rev: RwSignal::new(loaded.stamp.rev),
            saved_at: RwSignal::new(loaded.saved_at),
            unsaved: RwSignal::new(false),
            pending: RwSignal::new(false),
            conflict: RwSignal::new(false),
            read_only: RwSignal::new(read_only),
            notice: RwSignal::new(notice),
            route: RwSignal::new(Route::Dashboard),
            clock: Clock::from_page(),
            snapshots_changed: RwSignal::new(0),
            scheme_drafts: StoredValue::new(Default::default()),
            undo: StoredValue::new(Vec::new()),
            store: StoredValue::new(store),
            base: StoredValue::new(loaded.stamp),
            me: StoredValue::new(tab_name()),
            in_flight: StoredValue::new(false),
        }
    }

    /// The context provided by the app.
    pub fn get() -> AppContext {
        expect_context::<AppContext>()
    }

    /// Why a change may not be made now, if it may not.
    fn refusal(&self) -> Option<String> {
        if let Some(why) = self.read_only.get_untracked() {
            return Some(match why {
                ReadOnly::NewerApp => {
                    "当前为只读状态（数据由更新版本的程序保存），不能修改。".to_string()
                }
                ReadOnly::Unreadable => {
                    "当前为只读状态（无法读取浏览器中保存的数据），不能修改。".to_string()
                }
            });
        }
        if self.conflict.get_untracked() {
            return Some(
                "本窗口与另一个窗口的修改有冲突，请先在页面顶部的提示中选择保留哪一份数据。"
                    .to_string(),
            );
        }
        None
    }

    /// Applies `change` to a copy of the data; if it succeeds, shows the copy and saves
    /// it (at once, or as soon as the save lock is granted). `what` names the action for
    /// the undo list (e.g. "添加单位"). On failure nothing changes and the error is
    /// returned (and shown in the banner). A save that fails later keeps the change on
    /// screen, marked unsaved, and says so in the banner.
    pub fn update<T, E: Display>(
        &self,
        what: &str,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<T, String> {
        if let Some(msg) = self.refusal() {
            self.notice.set(Some(Notice::error(msg.clone())));
            return Err(msg);
        }
        // One copy of the state per change: the one being changed. The state it
        // replaces is moved into the undo list, not copied (a large city is big).
        let mut next = self.state.with_untracked(AppState::clone);
        let out = match change(&mut next) {
            Ok(v) => v,
            Err(e) => {
                let msg = e.to_string();
                self.notice.set(Some(Notice::error(msg.clone())));
                return Err(msg);
            }
        };
        self.show(next, Some(what.to_string()));
        self.pending.set(true);
        self.schedule_save();
        Ok(out)
    }

    /// Like [`update`](Self::update) for a change that cannot fail.
    pub fn mutate(&self, what: &str, change: impl FnOnce(&mut AppState)) -> bool {
        self.update(what, |s| {
            change(s);
            Ok::<(), String>(())
        })
        .is_ok()
    }

    /// Asks for the save lock (once; changes made meanwhile are saved with it).
    fn schedule_save(&self) {
        if self.in_flight.get_value() {
            return;
        }
        self.in_flight.set_value(true);
        let ctx = *self;
        let name = format!("{}.save", self.store.with_value(|s| s.key_state()));
        store::with_lock(&name, move || {
            ctx.in_flight.set_value(false);
            ctx.save_pending();
        });
    }

    /// Saves what is pending now, if anything (inside the save lock, or when the page is
    /// being hidden and cannot wait).
    pub fn save_pending(&self) {
        // The context may outlive its owner in tests; a disposed signal means no page.
        if !self.pending.try_get_untracked().unwrap_or(false) || self.conflict.get_untracked() {
            return;
        }
        self.pending.set(false);
        let store = self.store.get_value();
        let now = self.clock.now_iso();
        let base = self.base.get_value();
        let me = self.me.get_value();
        let result = self
            .state
            .with_untracked(|s| store.save_by(s, &base, &me, &now));
        self.after_save(result, now);
    }

    /// Records the outcome of a save.
    fn after_save(&self, result: Result<Stamp, StoreError>, now: String) {
        match result {
            Ok(stamp) => {
                self.rev.set(stamp.rev);
                self.base.set_value(stamp);
                self.saved_at.set(now);
                self.unsaved.set(false);
                if matches!(
                    self.notice.get_untracked(),
                    Some(Notice {
                        offer_export: true,
                        ..
                    })
                ) {
                    self.notice.set(None);
                }
            }
            Err(
                e @ (StoreError::Quota
                | StoreError::VerifyFailed
                | StoreError::Other(_)
                | StoreError::Unavailable
                | StoreError::Unreadable),
            ) => {
                self.unsaved.set(true);
                self.notice.set(Some(Notice::unsaved(e.to_string())));
            }
            Err(e @ StoreError::Stale { .. }) => {
                self.enter_conflict(&format!("{e}本窗口的修改仍显示在页面上，尚未保存。"));
            }
            Err(e @ StoreError::NewerSchema(_)) => {
                self.read_only.set(Some(ReadOnly::NewerApp));
                self.unsaved.set(true);
                self.notice.set(Some(Notice::unsaved(e.to_string())));
            }
        }
    }

    /// Stops saving until the person chooses which data to keep, and says so.
    fn enter_conflict(&self, text: &str) {
        self.unsaved.set(true);
        self.conflict.set(true);
        self.notice.set(Some(Notice {
            level: Level::Error,
            text: format!("{text}{}", text::CONFLICT_CHOICES),
            offer_export: true,
            offer_reload: false,
            offer_resolve: true,
        }));
    }

    /// The person keeps this tab's data: it is saved over whatever another tab saved.
    pub fn keep_this_tab(&self) {
        let store = self.store.get_value();
        let now = self.clock.now_iso();
        let me = self.me.get_value();
        let result = self
            .state
            .with_untracked(|s| store.overwrite_by(s, &me, &now));
        self.conflict.set(false);
        self.pending.set(false);
        let ok = result.is_ok();
        self.after_save(result, now);
        if ok {
            // Undo steps from before were made on data that is no longer stored.
            self.undo.set_value(Vec::new());
            self.notice.set(Some(Notice::info(
                "已保存本窗口的数据（另一个窗口的那次修改已被替换）。",
            )));
        }
    }

    /// The person takes the stored data: this tab's unsaved changes are dropped.
    pub fn take_stored(&self) {
        let loaded = self.store.get_value().load();
        self.undo.set_value(Vec::new());
        self.conflict.set(false);
        self.pending.set(false);
        self.unsaved.set(false);
        self.rev.set(loaded.stamp.rev);
        self.base.set_value(loaded.stamp);
        self.saved_at.set(loaded.saved_at);
        self.state.set(loaded.state);
        self.notice.set(Some(Notice::info(
            "已载入最新保存的数据，本窗口未保存的修改已放弃。",
        )));
    }

    /// Shows `next`; the state it replaces goes onto the undo list when `undo_what`
    /// names the change.
    fn show(&self, next: AppState, undo_what: Option<String>) {
        let before = self.state.try_update(|s| std::mem::replace(s, next));
        self.push_undo(before.zip(undo_what));
    }

    fn push_undo(&self, entry: Option<(AppState, String)>) {
        if let Some(e) = entry {
            self.undo.update_value(|u| {
                u.push(e);
                if u.len() > UNDO_DEPTH {
                    u.remove(0);
                }
            });
        }
    }

    /// What the next undo would undo, if anything.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.with_value(|u| u.last().map(|(_, w)| w.clone()))
    }

    /// Undoes the last change (saved as a new revision). Refused when another tab has
    /// saved since: putting back this tab's older data would erase that tab's change.
    pub fn undo(&self) {
        if let Some(msg) = self.refusal() {
            self.notice.set(Some(Notice::error(msg)));
            return;
        }
        let stored = self.store.with_value(Store::stored_stamp);
        if !self.pending.get_untracked() && stored.is_some_and(|s| s != self.base.get_value()) {
            self.undo.set_value(Vec::new());
            self.notice.set(Some(Notice::error(
                "另一个窗口在此之后保存了修改，撤销会抹掉那些修改，因此不能撤销。",
            )));
            return;
        }
        let Some((mut prev, what)) = self.undo.try_update_value(|u| u.pop()).flatten() else {
            return;
        };
        // Undo never takes back an access code: its task file may already be out.
        let codes_before = prev.exchange.codes.len();
        self.state
            .with_untracked(|cur| crate::domain::exchange::keep_issued_codes(&mut prev, cur));
        let kept_codes = prev.exchange.codes.len() > codes_before;
        self.show(prev, None);
        self.pending.set(true);
        self.schedule_save();
        // Files already downloaded cannot be called back: say so.
        let text = if kept_codes {
            format!("已撤销：{what}。已经下载的文件不受影响，其中的访问码仍然有效。")
        } else {
            format!("已撤销：{what}")
        };
        self.notice.set(Some(Notice::info(text)));
    }

    /// Replaces all data (restore from backup, snapshot, sample data) as a new revision,
    /// whatever another tab wrote. A snapshot of the data it replaces is taken first
    /// (when there is any); if the snapshot cannot be kept, nothing is replaced and the
    /// new data comes back in the error, for the person to decide.
    pub fn replace_all(&self, what: &str, next: AppState) -> Result<(), ReplaceError> {
        self.replace_all_with(what, next, false)
    }

    /// [`replace_all`](Self::replace_all), going ahead without a snapshot when
    /// `without_snapshot` (the person was told the snapshot failed and chose to go on).
    pub fn replace_all_with(
        &self,
        what: &str,
        next: AppState,
        without_snapshot: bool,
    ) -> Result<(), ReplaceError> {
        if let Some(msg) = self.refusal().filter(|_| !self.conflict.get_untracked()) {
            self.notice.set(Some(Notice::error(msg.clone())));
            return Err(ReplaceError::Refused(msg));
        }
        if !without_snapshot {
            // "从备份恢复：文件名" → "从备份恢复前：文件名", like "导入前：…".
            let label = match what.split_once('：') {
                Some((head, tail)) => format!("{head}前：{tail}"),
                None => format!("{what}前"),
            };
            if let Err(message) = self.snapshot(&label) {
                return Err(ReplaceError::Snapshot {
                    message,
                    state: Box::new(next),
                });
            }
        }
        let store = self.store.get_value();
        let now = self.clock.now_iso();
        let me = self.me.get_value();
        match store.overwrite_by(&next, &me, &now) {
            Ok(stamp) => {
                self.rev.set(stamp.rev);
                self.base.set_value(stamp);
                self.saved_at.set(now);
                self.unsaved.set(false);
                self.pending.set(false);
                self.conflict.set(false);
                self.show(next, Some(what.to_string()));
                Ok(())
            }
            Err(e) => {
                // The data on screen is still the data in storage: say exactly that.
                let msg = match e {
                    StoreError::Quota => format!("浏览器的本地存储空间已满，“{what}”没有完成，当前数据没有改变。可在“数据管理”中删除不需要的快照后再试。"),
                    other => format!("“{what}”没有完成（{other}），当前数据没有改变。"),
                };
                self.notice.set(Some(Notice::unsaved(msg.clone())));
                Err(ReplaceError::Refused(msg))
            }
        }
    }

    /// Replaces the data with the sample city (after a snapshot of what was there).
    pub fn load_sample(&self) {
        match self.replace_all("载入示例数据", crate::domain::sample::sample_city(2026)) {
            Ok(()) => self.notice.set(Some(Notice::info(
                "已载入示例数据。之前的数据（如有）已存为快照；可随时在“数据管理”中清空。",
            ))),
            Err(ReplaceError::Snapshot { message, .. }) => self.notice.set(Some(Notice::error(
                format!("{message} 为免丢失当前数据，示例数据没有载入。请先导出备份，或在“数据管理”中删除不需要的快照。"),
            ))),
            Err(ReplaceError::Refused(_)) => {}
        }
    }

    /// Deletes snapshot `index` (of the stored list, oldest first).
    pub fn delete_snapshot(&self, index: usize) -> Result<(), String> {
        let store = self.store.get_value();
        let mut list = store.load_snapshots()?;
        if index >= list.items.len() {
            return Err("找不到这个快照".into());
        }
        list.items.remove(index);
        store
            .save_snapshots(&list)
            .map_err(|e| format!("快照未能删除：{e}"))?;
        self.snapshots_changed.update(|n| *n += 1);
        Ok(())
    }

    /// Keeps a snapshot of the current data under `label` (skipped when there is no
    /// data). An unreadable list is replaced: the new snapshot matters more.
    pub fn snapshot(&self, label: &str) -> Result<(), String> {
        if self.state.with_untracked(|s| *s == AppState::default()) {
            return Ok(());
        }
        let store = self.store.get_value();
        let mut list = store.load_snapshots().unwrap_or_default();
        let now = self.clock.now_iso();
        self.state
            .with_untracked(|s| list.take(label, &now, s, KEEP));
        let kept = store
            .save_snapshots(&list)
            .map(|_| ())
            .map_err(|e| format!("快照未能保存：{e}"));
        self.snapshots_changed.update(|n| *n += 1);
        kept
    }

    /// Removes everything this app stored and starts empty. Refused while read-only:
    /// the stored data is then not this app's to delete.
    pub fn clear_all(&self) -> Result<(), String> {
        if let Some(msg) = self.refusal().filter(|_| !self.conflict.get_untracked()) {
            return Err(msg);
        }
        let store = self.store.get_value();
        store.clear().map_err(|e| e.to_string())?;
        self.undo.set_value(Vec::new());
        self.state.set(AppState::default());
        self.rev.set(0);
        self.base.set_value(Stamp::default());
        self.saved_at.set(String::new());
        self.unsaved.set(false);
        self.pending.set(false);
        self.conflict.set(false);
        Ok(())
    }

    /// The whole data as a backup document (the same form as stored).
    pub fn backup_text(&self) -> String {
        self.state.with_untracked(|s| {
            document::serialize(s, self.rev.get_untracked(), &self.clock.now_iso())
        })
    }

    /// Another tab wrote `raw` to the store: take it in when it was made on top of this
    /// tab's data and this tab has nothing unsaved; otherwise let the person decide.
    pub fn adopt_from_other_tab(&self, raw: &str) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let Some(incoming) = revisions::peek(raw) else {
            self.notice.set(Some(Notice {
                level: Level::Warning,
                text: "另一个窗口写入了无法读取的数据。本页数据未受影响；请重新载入页面检查。"
                    .into(),
                offer_export: true,
                offer_reload: true,
                offer_resolve: false,
            }));
            return;
        };
        if self.conflict.get_untracked() {
            return;
        }
        let store = self.store.get_value();
        let stored_now = store.stored_stamp();
        let unsaved = self.unsaved.get_untracked() || self.pending.get_untracked();
        match revisions::on_other_write(
            &incoming,
            stored_now.as_ref(),
            &self.base.get_value(),
            &self.me.get_value(),
            unsaved,
        ) {
            OtherWrite::Ignore => {}
            OtherWrite::Conflict(kind) => self.enter_conflict(match kind {
                ConflictKind::UnsavedHere => "另一个窗口保存了修改，而本窗口还有尚未保存的修改。",
                ConflictKind::Overwritten | ConflictKind::Refused => {
                    "另一个窗口几乎同时保存了修改，本窗口刚才的修改被它替换，尚未保存。"
                }
            }),
            OtherWrite::Adopt => {
                let loaded = store.load();
                if loaded.notice.is_some() {
                    // Unreadable now: keep what this tab shows and say so.
                    self.notice.set(Some(Notice {
                        level: Level::Warning,
                        text:
                            "另一个窗口写入了无法读取的数据。本页数据未受影响；请重新载入页面检查。"
                                .into(),
                        offer_export: true,
                        offer_reload: true,
                        offer_resolve: false,
                    }));
                    return;
                }
                self.rev.set(loaded.stamp.rev);
                self.base.set_value(loaded.stamp);
                self.saved_at.set(loaded.saved_at);
                self.state.set(loaded.state);
                // Undo steps were made on data this tab no longer shows.
                self.undo.set_value(Vec::new());
                self.notice.set(Some(Notice::info(
                    "另一个窗口保存了新的修改，本页已同步更新。",
                )));
            }
        }
    }

    /// Whether leaving the page now would lose changes (unsaved data, or a scheme
    /// draft not yet saved).
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.try_get_untracked().unwrap_or(false)
            || self.pending.try_get_untracked().unwrap_or(false)
            || self
                .scheme_drafts
                .try_with_value(|d| !d.is_empty())
                .unwrap_or(false)
    }

    /// The unsaved draft of scheme `id`, if the person left its editor with changes.
    pub fn scheme_draft(&self, id: &str) -> Option<crate::domain::Scheme> {
        self.scheme_drafts.with_value(|d| d.get(id).cloned())
    }

    /// Keeps (or with `None`, forgets) the unsaved draft of scheme `id`.
    pub fn keep_scheme_draft(&self, id: &str, draft: Option<crate::domain::Scheme>) {
        self.scheme_drafts.update_value(|d| match draft {
            Some(s) => {
                d.insert(id.to_string(), s);
            }
            None => {
                d.remove(id);
            }
        });
    }

    /// The current time (ISO, UTC), from the app's one clock.
    pub fn now_iso(&self) -> String {
        self.clock.now_iso()
    }

    /// Today's local date, `YYYY-MM-DD`, from the app's one clock.
    pub fn today(&self) -> String {
        self.clock.today()
    }

    /// This year, from the app's one clock.
    pub fn this_year(&self) -> u16 {
        self.clock.this_year()
    }

    /// The store this context saves to.
    pub fn store(&self) -> Store {
        self.store.get_value()
    }
}
