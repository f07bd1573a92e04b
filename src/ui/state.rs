//! The application state owned in one place and shared by a typed context.
//!
//! Every change goes through [`AppContext::update`]: the change is applied to a copy,
//! and only when it succeeds is the copy saved and shown. A failed change leaves the
//! data as it was and shows why.

use std::fmt::Display;

use leptos::prelude::*;

use crate::domain::document;
use crate::domain::AppState;
use crate::route::Route;
use crate::store::{self, LoadNotice, Store, StoreError};

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
    /// Offer to reload the page (when another tab saved newer data).
    pub offer_reload: bool,
}

impl Notice {
    /// An informational message.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Info,
            text: text.into(),
            offer_export: false,
            offer_reload: false,
        }
    }
    /// An error message.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Error,
            text: text.into(),
            offer_export: false,
            offer_reload: false,
        }
    }
}

/// The most undo steps kept in memory.
const UNDO_DEPTH: usize = 30;

/// The app's shared state: the data, where it stands in storage, and the banner.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The data.
    pub state: RwSignal<AppState>,
    /// The stored revision this tab's data corresponds to.
    pub rev: RwSignal<u64>,
    /// When the data was last saved (ISO).
    pub saved_at: RwSignal<String>,
    /// Data in memory that is not in storage (after a failed save).
    pub unsaved: RwSignal<bool>,
    /// Nothing may be written (data from a newer app).
    pub read_only: RwSignal<bool>,
    /// The banner message.
    pub notice: RwSignal<Option<Notice>>,
    /// The current screen.
    pub route: RwSignal<Route>,
    undo: StoredValue<Vec<(AppState, String)>>,
    store: StoredValue<Store>,
}

impl AppContext {
    /// Loads the data from `store` and makes the context (not yet provided).
    pub fn load(store: Store) -> AppContext {
        let loaded = store.load();
        let read_only = matches!(loaded.notice, Some(LoadNotice::NewerSchema { .. }));
        let notice = loaded.notice.as_ref().map(|n| Notice {
            level: if read_only {
                Level::Error
            } else {
                Level::Warning
            },
            text: n.message(),
            offer_export: !read_only,
            offer_reload: false,
        });
        AppContext {
            state: RwSignal::new(loaded.state),
            rev: RwSignal::new(loaded.rev),
            saved_at: RwSignal::new(loaded.saved_at),
            unsaved: RwSignal::new(false),
            read_only: RwSignal::new(read_only),
            notice: RwSignal::new(notice),
            route: RwSignal::new(Route::Dashboard),
            undo: StoredValue::new(Vec::new()),
            store: StoredValue::new(store),
        }
    }

    /// The context provided by the app.
    pub fn get() -> AppContext {
        expect_context::<AppContext>()
    }

    /// Applies `change` to a copy of the data; if it succeeds, saves and shows the copy.
    /// `what` names the action for the undo list (e.g. "添加单位").
    /// On failure nothing changes and the error is returned (and shown in the banner).
    pub fn update<T, E: Display>(
        &self,
        what: &str,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<T, String> {
        if self.read_only.get_untracked() {
            let msg = "当前为只读状态（数据由更新版本的程序保存），不能修改。".to_string();
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
        self.commit(next, Some(what.to_string()))?;
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

    /// Saves `next` and shows it. A quota or verification error keeps `next` in memory,
    /// marks it unsaved and offers an export; a stale revision keeps the data as it was.
    fn commit(&self, next: AppState, undo_what: Option<String>) -> Result<(), String> {
        let store = self.store.get_value();
        let now = store::now_iso();
        match store.save(&next, self.rev.get_untracked(), &now) {
            Ok(rev) => {
                self.rev.set(rev);
                self.saved_at.set(now);
                self.unsaved.set(false);
                self.show(next, undo_what);
                if matches!(
                    self.notice.get_untracked(),
                    Some(Notice {
                        offer_export: true,
                        ..
                    })
                ) {
                    self.notice.set(None);
                }
                Ok(())
            }
            Err(
                e @ (StoreError::Quota
                | StoreError::VerifyFailed
                | StoreError::Other(_)
                | StoreError::Unavailable),
            ) => {
                let msg = e.to_string();
                self.show(next, undo_what);
                self.unsaved.set(true);
                self.notice.set(Some(Notice {
                    level: Level::Error,
                    text: msg.clone(),
                    offer_export: true,
                    offer_reload: false,
                }));
                Err(msg)
            }
            Err(e @ StoreError::Stale { .. }) => {
                let msg = e.to_string();
                self.notice.set(Some(Notice {
                    level: Level::Error,
                    text: msg.clone(),
                    offer_export: false,
                    offer_reload: true,
                }));
                Err(msg)
            }
            Err(e @ StoreError::NewerSchema(_)) => {
                let msg = e.to_string();
                self.read_only.set(true);
                self.notice.set(Some(Notice::error(msg.clone())));
                Err(msg)
            }
        }
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

    /// Undoes the last change (saved as a new revision).
    pub fn undo(&self) {
        let Some((mut prev, what)) = self.undo.try_update_value(|u| u.pop()).flatten() else {
            return;
        };
        // Undo never takes back an access code: its task file may already be out.
        self.state
            .with_untracked(|cur| crate::domain::exchange::keep_issued_codes(&mut prev, cur));
        if self.commit(prev, None).is_ok() {
            // Files already downloaded cannot be called back: say so.
            let text = if what.starts_with("导出") {
                format!("已撤销：{what}。已经下载的文件不受影响，其中的访问码仍然有效。")
            } else {
                format!("已撤销：{what}")
            };
            self.notice.set(Some(Notice::info(text)));
        }
    }

    /// Replaces all data (restore from backup, clear, sample data) as a new revision,
    /// whatever another tab wrote. The replaced data can be undone.
    pub fn replace_all(&self, what: &str, next: AppState) -> Result<(), String> {
        if self.read_only.get_untracked() {
            return Err("当前为只读状态，不能修改。".into());
        }
        let store = self.store.get_value();
        let now = store::now_iso();
        match store.overwrite(&next, &now) {
            Ok(rev) => {
                self.rev.set(rev);
                self.saved_at.set(now);
                self.unsaved.set(false);
                self.show(next, Some(what.to_string()));
                Ok(())
            }
            Err(e) => {
                let msg = e.to_string();
                self.notice.set(Some(Notice::error(msg.clone())));
                Err(msg)
            }
        }
    }

    /// Removes everything this app stored and starts empty.
    pub fn clear_all(&self) -> Result<(), String> {
        let store = self.store.get_value();
        store.clear().map_err(|e| e.to_string())?;
        self.undo.set_value(Vec::new());
        self.state.set(AppState::default());
        self.rev.set(0);
        self.saved_at.set(String::new());
        self.unsaved.set(false);
        Ok(())
    }

    /// The whole data as a backup document (the same form as stored).
    pub fn backup_text(&self) -> String {
        document::serialize(
            &self.state.get_untracked(),
            self.rev.get_untracked(),
            &store::now_iso(),
        )
    }

    /// Takes in what another tab saved, if it is newer than what this tab has.
    pub fn adopt_from_other_tab(&self, raw: &str) {
        match crate::domain::packing::parse_stored(raw) {
            Ok(doc) if doc.rev > self.rev.get_untracked() => {
                self.rev.set(doc.rev);
                self.saved_at.set(doc.saved_at);
                self.state.set(doc.state);
                self.unsaved.set(false);
                self.notice.set(Some(Notice::info(
                    "另一个窗口保存了新的修改，本页已同步更新。",
                )));
            }
            Ok(_) => {}
            Err(_) => {
                self.notice.set(Some(Notice {
                    level: Level::Warning,
                    text: "另一个窗口写入了无法读取的数据。本页数据未受影响；请重新载入页面检查。"
                        .into(),
                    offer_export: true,
                    offer_reload: true,
                }));
            }
        }
    }

    /// The store this context saves to.
    pub fn store(&self) -> Store {
        self.store.get_value()
    }
}
