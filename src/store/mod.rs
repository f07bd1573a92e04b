//! Local storage that never loses work. The only module that touches `localStorage`.
//!
//! One versioned document (see [`crate::domain::document`]), packed (see
//! [`crate::domain::packing`]), under [`Store::key_state`];
//! the previous good copy under [`Store::key_previous`]. Every save:
//! 1. reads the stored header and refuses if another tab wrote a newer revision
//!    (`Stale`) or a newer app wrote a newer schema (`NewerSchema`);
//! 2. copies the current good value to the previous-copy key;
//! 3. writes the new document, reads it back and compares before it counts.
//!
//! A full quota stops the save with [`StoreError::Quota`] and leaves both the stored copy
//! and (in the caller) the in-memory state as they were. At load, a corrupt value is set
//! aside under [`Store::key_damaged`] and the previous copy is used, with a notice.

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::document::{self, DocumentError, SCHEMA_VERSION};
use crate::domain::packing;
use crate::domain::snapshots::StoredSnapshots;
use crate::domain::AppState;

/// The app's own key prefix.
pub const APP_PREFIX: &str = "exemplar";

/// What the conservative browser allows in local storage, in characters (the brief's
/// figure; Chromium allows about twice as much).
pub const QUOTA_CHARS: usize = 2_500_000;

/// Why a save or a load did not go through. Messages are for the person using the app.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "浏览器不允许使用本地存储（可能处于隐私模式或已禁用存储），数据无法保存。请先导出备份。"
    )]
    Unavailable,
    #[error("浏览器的本地存储空间已满，本次修改没有保存（数据仍在本页面中）。请立即“导出备份”，再删除不需要的快照或旧数据。")]
    Quota,
    #[error("另一个窗口已保存了更新的数据（版本 {stored}，本窗口为 {ours}），为避免覆盖，本次修改没有保存。请重新载入页面。")]
    Stale { stored: u64, ours: u64 },
    #[error("{0}")]
    NewerSchema(String),
    #[error("保存后读回的数据与写入的不一致，本次保存不算数。请导出备份后重新载入页面。")]
    VerifyFailed,
    #[error("保存失败：{0}")]
    Other(String),
}

/// What loading found besides the state.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNotice {
    /// The stored value was unreadable; the previous copy was used. The bad value is kept.
    RecoveredFromPrevious { reason: String },
    /// Both the stored value and the previous copy were unreadable; started empty, the
    /// bad value is kept aside.
    DamagedNoCopy { reason: String },
    /// The data was saved by a newer app: nothing is read or written.
    NewerSchema { message: String },
}

impl LoadNotice {
    /// The message shown to the person.
    pub fn message(&self) -> String {
        match self {
            LoadNotice::RecoveredFromPrevious { reason } => format!(
                "本地保存的数据已损坏（{reason}），已自动从上一份完好的副本恢复。损坏的数据另存在浏览器中，未被删除。请检查最近一次修改是否还在。"
            ),
            LoadNotice::DamagedNoCopy { reason } => format!(
                "本地保存的数据已损坏（{reason}），且没有可用的副本。损坏的数据另存在浏览器中，未被删除；可在“数据管理”中从备份文件恢复。"
            ),
            LoadNotice::NewerSchema { message } => format!("{message} 本窗口为只读，不会写入任何数据。"),
        }
    }
}

/// The result of [`Store::load`].
#[derive(Debug, Clone)]
pub struct Loaded {
    pub state: AppState,
    /// The revision the state was read at (0 for nothing stored).
    pub rev: u64,
    pub saved_at: String,
    pub notice: Option<LoadNotice>,
}

/// How much local storage is in use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    /// Characters in all keys and values of this origin.
    pub chars: usize,
    /// Characters in this app's keys.
    pub app_chars: usize,
}

/// Local storage under one key prefix (the app uses [`APP_PREFIX`]; tests use their own).
#[derive(Debug, Clone)]
pub struct Store {
    prefix: String,
}

impl Store {
    /// A store under `prefix`.
    pub fn new(prefix: &str) -> Store {
        Store {
            prefix: prefix.to_string(),
        }
    }

    /// The app's store.
    pub fn app() -> Store {
        Store::new(APP_PREFIX)
    }

    /// The key of the current document.
    pub fn key_state(&self) -> String {
        format!("{}.state", self.prefix)
    }

    /// The key of the previous good copy.
    pub fn key_previous(&self) -> String {
        format!("{}.state.previous", self.prefix)
    }

    /// The key where an unreadable value is set aside.
    pub fn key_damaged(&self) -> String {
        format!("{}.state.damaged", self.prefix)
    }

    /// The key of the snapshots taken before imports and restores.
    pub fn key_snapshots(&self) -> String {
        format!("{}.snapshots", self.prefix)
    }

    fn raw(&self) -> Result<web_sys::Storage, StoreError> {
        let w = web_sys::window().ok_or(StoreError::Unavailable)?;
        match w.local_storage() {
            Ok(Some(s)) => Ok(s),
            _ => Err(StoreError::Unavailable),
        }
    }

    /// The raw stored value under `key`.
    pub fn read(&self, key: &str) -> Option<String> {
        self.raw().ok()?.get_item(key).ok().flatten()
    }

    fn write(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let s = self.raw()?;
        s.set_item(key, value).map_err(js_to_store_error)
    }

    /// Loads the state, recovering from the previous copy when the current value is
    /// unreadable. Never panics and never discards a stored value.
    pub fn load(&self) -> Loaded {
        let empty = |notice| Loaded {
            state: AppState::default(),
            rev: 0,
            saved_at: String::new(),
            notice,
        };
        let Some(raw) = self.read(&self.key_state()) else {
            // Nothing stored yet (or storage unavailable): a fresh start, unless a
            // previous copy survived on its own.
            return match self
                .read(&self.key_previous())
                .map(|p| packing::parse_stored(&p))
            {
                Some(Ok(doc)) => Loaded {
                    state: doc.state,
                    rev: doc.rev,
                    saved_at: doc.saved_at,
                    notice: Some(LoadNotice::RecoveredFromPrevious {
                        reason: "当前数据缺失".into(),
                    }),
                },
                _ => empty(None),
            };
        };
        match packing::parse_stored(&raw) {
            Ok(doc) => Loaded {
                state: doc.state,
                rev: doc.rev,
                saved_at: doc.saved_at,
                notice: None,
            },
            Err(e @ DocumentError::NewerSchema { .. }) => empty(Some(LoadNotice::NewerSchema {
                message: e.to_string(),
            })),
            Err(e) => {
                let reason = short_reason(&e);
                // Keep the bad value aside; if even that fails, it stays where it is.
                let _ = self.write(&self.key_damaged(), &raw);
                match self
                    .read(&self.key_previous())
                    .map(|p| packing::parse_stored(&p))
                {
                    Some(Ok(doc)) => Loaded {
                        state: doc.state,
                        rev: doc.rev,
                        saved_at: doc.saved_at,
                        notice: Some(LoadNotice::RecoveredFromPrevious { reason }),
                    },
                    _ => empty(Some(LoadNotice::DamagedNoCopy { reason })),
                }
            }
        }
    }

    /// Saves `state` as the revision after `known_rev`, verified by reading it back.
    /// Returns the new revision. On any error the stored copy is as it was.
    pub fn save(&self, state: &AppState, known_rev: u64, now: &str) -> Result<u64, StoreError> {
        let storage = self.raw()?;
        let key = self.key_state();
        let current = storage.get_item(&key).map_err(js_to_store_error)?;
        if let Some(cur) = &current {
            if let Some(h) = document::peek_header(cur) {
                if h.schema > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema(
                        DocumentError::NewerSchema {
                            found: h.schema,
                            supported: SCHEMA_VERSION,
                        }
                        .to_string(),
                    ));
                }
                if h.rev > known_rev {
                    return Err(StoreError::Stale {
                        stored: h.rev,
                        ours: known_rev,
                    });
                }
            }
        }
        let rev = known_rev + 1;
        let doc = packing::pack(state, rev, now);
        // Keep the last good copy. An unreadable current value was set aside at load.
        if let Some(cur) = current {
            if document::peek_header(&cur).is_some() {
                storage
                    .set_item(&self.key_previous(), &cur)
                    .map_err(js_to_store_error)?;
            }
        }
        storage.set_item(&key, &doc).map_err(js_to_store_error)?;
        match storage.get_item(&key) {
            Ok(Some(back)) if back == doc => Ok(rev),
            _ => Err(StoreError::VerifyFailed),
        }
    }

    /// Replaces everything with `state` regardless of revisions (restore, clear), keeping
    /// the current value as the previous copy. Returns the new revision.
    pub fn overwrite(&self, state: &AppState, now: &str) -> Result<u64, StoreError> {
        let stored_rev = self
            .read(&self.key_state())
            .and_then(|r| document::peek_header(&r))
            .map(|h| h.rev)
            .unwrap_or(0);
        self.save(state, stored_rev, now)
    }

    /// Removes this store's keys (the state, its previous copy and any damaged value).
    pub fn clear(&self) -> Result<(), StoreError> {
        let s = self.raw()?;
        for k in [
            self.key_state(),
            self.key_previous(),
            self.key_damaged(),
            self.key_snapshots(),
        ] {
            s.remove_item(&k).map_err(js_to_store_error)?;
        }
        Ok(())
    }

    /// The snapshots kept; none when nothing is stored. An unreadable value is an
    /// error (and is left where it is until the next snapshot replaces it).
    pub fn load_snapshots(&self) -> Result<StoredSnapshots, String> {
        match self.read(&self.key_snapshots()) {
            None => Ok(StoredSnapshots::default()),
            Some(raw) => StoredSnapshots::from_stored(&raw).map_err(|e| e.to_string()),
        }
    }

    /// Keeps `list` as the snapshots. When the quota is reached, drops the oldest
    /// snapshots one by one and tries again; returns how many were kept, or
    /// [`StoreError::Quota`] when not even the newest fits (the stored list is then
    /// as it was).
    pub fn save_snapshots(&self, list: &StoredSnapshots) -> Result<usize, StoreError> {
        let storage = self.raw()?;
        let key = self.key_snapshots();
        let mut list = list.clone();
        loop {
            match storage.set_item(&key, &list.to_stored()) {
                Ok(()) => return Ok(list.items.len()),
                Err(e) => match js_to_store_error(e) {
                    StoreError::Quota if list.items.len() > 1 => {
                        list.items.remove(0);
                    }
                    other => return Err(other),
                },
            }
        }
    }

    /// Characters used by the whole origin and by this store's keys.
    pub fn usage(&self) -> Usage {
        let mut u = Usage {
            chars: 0,
            app_chars: 0,
        };
        let Ok(s) = self.raw() else { return u };
        let n = s.length().unwrap_or(0);
        for i in 0..n {
            if let Ok(Some(k)) = s.key(i) {
                let v = s
                    .get_item(&k)
                    .ok()
                    .flatten()
                    .map(|v| v.encode_utf16().count())
                    .unwrap_or(0);
                let size = k.encode_utf16().count() + v;
                u.chars += size;
                if k.starts_with(&self.prefix) {
                    u.app_chars += size;
                }
            }
        }
        u
    }

    /// Calls `on_change(raw)` when another tab writes this store's state key.
    /// Returns the listener; drop it to stop listening.
    pub fn watch_other_tabs(&self, on_change: impl Fn(String) + 'static) -> OtherTabListener {
        let key = self.key_state();
        OtherTabListener::new(move |e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(key.as_str()) {
                if let Some(v) = e.new_value() {
                    on_change(v);
                }
            }
        })
    }
}

/// The reason shown for an unreadable stored value, kept short.
fn short_reason(e: &DocumentError) -> String {
    match e {
        DocumentError::NotJson(_) => "内容不是有效的数据，可能被截断".into(),
        other => {
            let s = other.to_string();
            s.chars().take(60).collect()
        }
    }
}

/// Maps a thrown storage exception to a [`StoreError`]; quota errors are named
/// differently in each browser.
fn js_to_store_error(v: JsValue) -> StoreError {
    if let Some(ex) = v.dyn_ref::<web_sys::DomException>() {
        let name = ex.name();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || ex.code() == 22
            || ex.code() == 1014
        {
            return StoreError::Quota;
        }
        if name == "SecurityError" {
            return StoreError::Unavailable;
        }
        return StoreError::Other(format!("{name}: {}", ex.message()));
    }
    StoreError::Other(format!("{v:?}"))
}

/// The current time as an ISO string.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date as `YYYY-MM-DD` (local time).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Whether gloo's storage reports local storage as usable.
pub fn available() -> bool {
    LocalStorage::raw().length().is_ok()
}

/// A `storage` event listener on the window that removes itself when dropped.
pub struct OtherTabListener {
    closure: Closure<dyn FnMut(web_sys::StorageEvent)>,
}

impl OtherTabListener {
    fn new(f: impl Fn(web_sys::StorageEvent) + 'static) -> OtherTabListener {
        let closure = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(f);
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref());
        }
        OtherTabListener { closure }
    }
}

impl Drop for OtherTabListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "storage",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}
