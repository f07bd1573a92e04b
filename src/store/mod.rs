//! Local storage that never loses work. The only module that touches `localStorage`.
//!
//! One versioned document (see [`crate::domain::document`]) stored as parts (the rest,
//! one per round; see [`crate::domain::parts`]) and a manifest under
//! [`Store::key_state`] that names them, written last; the previous good copy (the
//! previous manifest, whose parts are kept) under [`Store::key_previous`]. The single
//! packed value stored before parts existed still loads, and the first save rewrites
//! it as parts. Every save:
//! 1. reads the stored header and refuses unless the stored value is still the one the
//!    tab's data stands on (`Stale`: another tab wrote since; see
//!    [`crate::domain::revisions`]) or when a newer app wrote a newer schema
//!    (`NewerSchema`). The app runs each save inside a Web Lock ([`with_lock`]) so that
//!    this check and the write are one step across tabs;
//! 2. writes the parts that changed since the last save or load, under new names (a
//!    round whose only changes are a few score sheets keeps its part, and the manifest
//!    carries those sheets: a typed score rewrites the manifest alone);
//! 3. copies the current good value to the previous-copy key;
//! 4. writes the new manifest, reads it and the new parts back and compares before it
//!    counts; then removes the parts that no kept manifest names.
//!
//! A full quota stops the save with [`StoreError::Quota`] and leaves both the stored copy
//! and (in the caller) the in-memory state as they were. At load, a corrupt value is set
//! aside under [`Store::key_damaged`] and the previous copy is used, with a notice; a
//! value that exists but cannot be read is never taken for "nothing stored".

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::damaged::GO_ON_WITHOUT_LOST_ROUNDS;
use crate::domain::document::{self, DocumentError, SCHEMA_VERSION};
use crate::domain::parts::{self, PartCache};
use crate::domain::revisions::{self, SaveCheck, Stamp};
use crate::domain::AppState;

pub mod copies;
mod drafts;
mod layout;
mod lock;
pub use drafts::LeftDrafts;
mod snapshots;
mod tabs;

pub use lock::{after, save_delay, with_lock};
pub use tabs::OtherTabListener;

/// The app's own key prefix (the main copy; see [`crate::domain::copies::MAIN_PREFIX`]).
pub const APP_PREFIX: &str = crate::domain::copies::MAIN_PREFIX;

/// What the conservative browser allows in local storage, in characters (the brief's
/// figure; Chromium allows about twice as much).
pub const QUOTA_CHARS: usize = 2_500_000;

/// The kinds of drafts a tab keeps ([`Store::write_drafts`]): form texts, scheme edits.
pub const DRAFTS_FORMS: &str = "forms";
/// See [`DRAFTS_FORMS`].
pub const DRAFTS_SCHEMES: &str = "schemes";

/// Why a save or a load did not go through. Messages are for the person using the app.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "浏览器不允许使用本地存储（可能处于隐私模式或已禁用存储），数据无法保存。请先导出备份。"
    )]
    Unavailable,
    #[error("浏览器的本地存储空间已满，本次修改没有保存（数据仍在本页面中）。请立即“导出备份”，再删除不需要的快照或旧数据。")]
    Quota,
    #[error("另一个窗口已保存了更新的数据（版本 {stored}，本窗口的数据基于版本 {ours}），为避免覆盖，本次修改没有保存。")]
    Stale { stored: u64, ours: u64 },
    #[error("无法读取本地保存的数据，为避免覆盖，本窗口不保存任何修改。")]
    Unreadable,
    #[error("{0}")]
    NewerSchema(String),
    #[error("保存后读回的数据与写入的不一致，本次保存不算数。请导出备份后重新载入页面。")]
    VerifyFailed,
    #[error("保存失败：{0}")]
    Other(String),
    #[error("浏览器中当前保存的仍是这份损坏的数据（本窗口的数据还没能重新保存），暂不能删除。请先按页首的提示处理，再删除。")]
    DamagedStillCurrent,
}

/// What loading found besides the state.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNotice {
    /// The stored value was unreadable; the previous copy was used. The bad value is kept.
    RecoveredFromPrevious {
        reason: String,
        /// When the copy used was saved (ISO), to say how old it is.
        saved_at: String,
        /// What it holds (see [`snapshots::summary`](crate::domain::snapshots::summary)).
        holds: String,
    },
    /// Both the stored value and the previous copy were unreadable; started empty, the
    /// bad value is kept aside.
    DamagedNoCopy {
        reason: String,
        /// When the newest snapshot kept in this browser was taken (ISO), if any: the
        /// way back, named first (a clerk's review: told only of a backup file, with two
        /// whole snapshots listed on 数据管理).
        newest_snapshot: Option<String>,
    },
    /// The stored value did not read whole, but its rest did: what reads was put
    /// together (see [`parts::salvage`]), a damaged round taken from the previous copy
    /// where it reads there; the bad value is kept aside.
    Salvaged {
        reason: String,
        /// Rounds that did not read in either copy, left out.
        lost_rounds: usize,
        /// Rounds taken from the previous copy.
        older_rounds: usize,
        /// The names of the rounds that read, in order: the one missing is told by
        /// what is not among them (its own name is in the part that did not read).
        kept_rounds: Vec<String>,
        /// When the newest snapshot in this browser was taken (ISO), if any: named when
        /// a round is lost, to weigh against what restoring it replaces (a clerk's
        /// review: the notice said only 如有备份文件或快照).
        newest_snapshot: Option<String>,
    },
    /// The data was saved by a newer app: nothing is read or written.
    NewerSchema { message: String },
    /// Stored data exists but could not be read (the browser refused or returned
    /// nothing): nothing is written, so that it is not overwritten.
    Unreadable { reason: String },
    /// Local storage cannot be used at all: changes live only in this page.
    Unavailable,
}

impl LoadNotice {
    /// The message shown to the person.
    pub fn message(&self) -> String {
        match self {
            LoadNotice::RecoveredFromPrevious {
                reason,
                saved_at,
                holds,
            } => {
                // In this browser's time zone, as the save status and the snapshots
                // show it (a clerk's review: Beijing time here read as a save from
                // the future on a computer set otherwise).
                let at = crate::domain::dates::beijing_time(saved_at)
                    .map(|_| crate::clock::local_time(saved_at));
                let when = at
                    .as_ref()
                    .map(|t| format!("保存于 {t}，"))
                    .unwrap_or_default();
                // What is missing is said by its time (a clerk's review: a score typed
                // after that copy was gone, and 请检查最近一次修改 did not say which).
                let lost = match &at {
                    Some(t) => format!("{t} 之后保存的修改没有恢复，请核对后重新录入"),
                    None => "最近一次保存的修改没有恢复，请核对后重新录入".to_string(),
                };
                format!(
                    "本地保存的数据已损坏（{reason}），已自动从上一份完好的副本恢复（{when}含 {holds}）：{lost}。损坏的数据另存在浏览器中，未被删除（可在“数据管理”中导出）。"
                )
            }
            LoadNotice::DamagedNoCopy {
                reason,
                newest_snapshot: Some(taken),
            } => format!(
                "本地保存的数据已损坏（{reason}），且没有可用的副本。浏览器中还有快照，最新的一份保存于 {}：请先到“数据管理”的“快照”中恢复它，再继续工作（恢复会替换此后在本页输入的内容）；没有合适的快照时，可从备份文件恢复。损坏的数据另存在浏览器中，未被删除。",
                crate::clock::local_time(taken)
            ),
            LoadNotice::DamagedNoCopy {
                reason,
                newest_snapshot: None,
            } => format!(
                "本地保存的数据已损坏（{reason}），且没有可用的副本。损坏的数据另存在浏览器中，未被删除；可在“数据管理”中从备份文件恢复。"
            ),
            LoadNotice::Salvaged {
                reason,
                lost_rounds,
                older_rounds,
                kept_rounds,
                newest_snapshot,
            } => {
                let mut rounds = String::new();
                if *lost_rounds > 0 {
                    let kept = if kept_rounds.is_empty() {
                        "现在一个考评轮次也没有".to_string()
                    } else {
                        format!("现在能看到的考评轮次：{}", kept_rounds.join("、"))
                    };
                    rounds.push_str(&format!(
                        "有 {lost_rounds} 个考评轮次的数据读不出来，没有恢复（{kept}）；"
                    ));
                }
                if *older_rounds > 0 {
                    rounds.push_str(&format!(
                        "有 {older_rounds} 个考评轮次取自上一份副本，最近一次对它的修改可能不在；"
                    ));
                }
                // A clerk's review: "其余数据都在" read as all is well, and the next
                // edit would have saved the data without the round.
                // A later review: skimmed or closed, that advice let the next edit save
                // the data without the round; now nothing is saved until the person
                // restores or chooses to go on.
                let first = match (*lost_rounds > 0, newest_snapshot) {
                    (true, Some(taken)) => format!(
                        "为免在缺少这个轮次的情况下保存，本窗口暂不接受修改（不会保存）。浏览器中还有快照，最新的一份保存于 {}：恢复它会替换此后的全部修改，可先“导出备份”留存现在的数据，再到“数据管理”中恢复快照或备份文件；确认不需要找回这个轮次时，点“{GO_ON_WITHOUT_LOST_ROUNDS}”。",
                        crate::clock::local_time(taken)
                    ),
                    (true, None) => format!("为免在缺少这个轮次的情况下保存，本窗口暂不接受修改（不会保存）：如有备份文件，请先在“数据管理”中恢复；确认不需要找回这个轮次时，点“{GO_ON_WITHOUT_LOST_ROUNDS}”。"),
                    (false, _) => "请逐一核对；如有备份文件或快照，可在“数据管理”中恢复。".to_string(),
                };
                format!(
                    "本地保存的数据已损坏（{reason}）。已恢复能读出的部分：单位名册、考评方案、成果等其余数据都在，{rounds}{first}损坏的数据另存在浏览器中，未被删除，可在“数据管理”中导出交给技术人员。"
                )
            }
            LoadNotice::NewerSchema { message } => format!("{message} 本窗口为只读，不会写入任何数据。"),
            LoadNotice::Unreadable { reason } => format!(
                "浏览器中保存有本程序的数据，但现在无法读取（{reason}）。为避免把它覆盖，本窗口为只读，不会写入任何数据。请关闭本程序的其他窗口后重新载入页面；如果仍然如此，请重启浏览器。"
            ),
            LoadNotice::Unavailable => "浏览器不允许本页面使用本地存储（可能处于隐私模式或已禁用网站数据）。在这里做的修改不会被保存，关闭页面就会丢失；请在离开前“导出备份”，或换用允许保存数据的浏览器窗口。".to_string(),
        }
    }
}

impl Store {
    /// When the newest snapshot kept in this browser was taken (ISO), if any.
    fn newest_snapshot_taken(&self) -> Option<String> {
        self.load_snapshots()
            .ok()
            .and_then(|s| s.items.iter().map(|i| i.taken_at.clone()).max())
    }
}

/// The notice of a load that fell back on the previous copy `doc`.
fn recovered(reason: String, doc: &document::Document) -> LoadNotice {
    LoadNotice::RecoveredFromPrevious {
        reason,
        saved_at: doc.saved_at.clone(),
        holds: crate::domain::snapshots::summary(&doc.state),
    }
}

/// The result of [`Store::load`].
#[derive(Debug, Clone)]
pub struct Loaded {
    pub state: AppState,
    /// The stored value the state stands on: the next save must find it still there
    /// (revision 0 for nothing stored).
    pub stamp: Stamp,
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
    /// Characters in the keys of this program (every copy), the rest being other pages'.
    pub program_chars: usize,
}

/// Local storage under one key prefix (the app uses [`APP_PREFIX`]; tests use their own).
#[derive(Debug, Clone)]
pub struct Store {
    prefix: String,
    /// Which stored parts hold which part of the state (shared by the clones).
    cache: std::sync::Arc<std::sync::Mutex<PartCache>>,
    /// The manifest this store wrote last, as stored and as read: the next save finds
    /// it still stored (the usual case) without reading it again.
    last: std::sync::Arc<std::sync::Mutex<Option<(String, parts::Manifest)>>>,
}

impl Store {
    /// A store under `prefix`.
    pub fn new(prefix: &str) -> Store {
        Store {
            prefix: prefix.to_string(),
            cache: Default::default(),
            last: Default::default(),
        }
    }

    /// The app's store.
    pub fn app() -> Store {
        Store::new(APP_PREFIX)
    }

    /// The task copy this store holds (`None`: the browser's main data).
    pub fn copy_id(&self) -> Option<String> {
        let head = crate::domain::copies::prefix("");
        self.prefix.strip_prefix(head.as_str()).map(str::to_string)
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

    /// The key of the names of the parts that were stored when a value whose names
    /// cannot be read (the manifest itself damaged) was set aside: what it pointed to,
    /// kept with it.
    pub fn key_damaged_parts(&self) -> String {
        format!("{}.state.damaged.parts", self.prefix)
    }

    /// The key of the snapshots taken before imports and restores.
    pub fn key_snapshots(&self) -> String {
        format!("{}.snapshots", self.prefix)
    }

    /// The key where an unreadable list of snapshots is set aside before a new
    /// snapshot replaces it.
    pub fn key_snapshots_damaged(&self) -> String {
        format!("{}.snapshots.damaged", self.prefix)
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
    /// unreadable. Never panics and never discards a stored value. Every part is read
    /// and checked against its name.
    pub fn load(&self) -> Loaded {
        *self.cache() = PartCache::default();
        self.load_after_other_tab()
    }

    /// [`load`](Self::load) right after another tab saved: the parts this store already
    /// holds under the names the new manifest gives are taken from what it holds (a
    /// part's name is the hash of its content), so a typed score saved there is taken
    /// in without reading and unpacking the whole city.
    pub fn load_after_other_tab(&self) -> Loaded {
        let empty = |notice| Loaded {
            state: AppState::default(),
            stamp: Stamp::default(),
            saved_at: String::new(),
            notice,
        };
        let storage = match self.raw() {
            Ok(s) => s,
            Err(_) => return empty(Some(LoadNotice::Unavailable)),
        };
        let key = self.key_state();
        let raw = match storage.get_item(&key) {
            Ok(Some(raw)) => raw,
            Err(e) => {
                return empty(Some(LoadNotice::Unreadable {
                    reason: js_to_store_error(e).to_string(),
                }))
            }
            Ok(None) if has_key(&storage, &key) => {
                // Listed, yet nothing came back: never treat that as "nothing stored".
                return empty(Some(LoadNotice::Unreadable {
                    reason: "浏览器没有返回已保存的内容".into(),
                }));
            }
            Ok(None) => {
                // Nothing stored yet: a fresh start, unless a previous copy survived.
                return match self.read_doc(&self.key_previous()) {
                    Some((doc, stamp)) => Loaded {
                        notice: Some(recovered("当前数据缺失".into(), &doc)),
                        state: doc.state,
                        stamp,
                        saved_at: doc.saved_at,
                    },
                    None => empty(None),
                };
            }
        };
        let stamp = revisions::peek(&raw).map(|h| h.stamp).unwrap_or_default();
        let parsed = self.parse_value(&raw);
        *self.cache() = PartCache::default();
        match parsed {
            Ok(doc) => {
                self.remember(&raw, &doc.state);
                Loaded {
                    state: doc.state,
                    stamp,
                    saved_at: doc.saved_at,
                    notice: None,
                }
            }
            Err(e @ DocumentError::NewerSchema { .. }) => empty(Some(LoadNotice::NewerSchema {
                message: e.to_string(),
            })),
            Err(e) => {
                let reason = short_reason(&e);
                // Keep the bad value aside; if even that fails, it stays where it is.
                let _ = self.write(&self.key_damaged(), &raw);
                self.hold_parts_of_damaged(&storage, &raw);
                // The next save must be allowed to replace the damaged value (it is
                // kept aside), so the tab stands on the damaged value's stamp when its
                // header is readable: otherwise every save would look stale.
                let standing = |own: Stamp| {
                    if revisions::peek(&raw).is_some() {
                        stamp.clone()
                    } else {
                        own
                    }
                };
                // What reads of the damaged value comes first when no round is lost:
                // everything in it is newer than the previous copy (a clerk's review:
                // one damaged round after a restore gave the empty copy from before
                // it). Else the previous copy, one save older, when it holds anything.
                let salvaged = self.salvage(&raw);
                let previous = match &salvaged {
                    Some(got) if got.lost_rounds == 0 => None,
                    _ => self
                        .read_doc(&self.key_previous())
                        .filter(|(doc, _)| doc.state != AppState::default()),
                };
                match (previous, salvaged) {
                    (Some((doc, own)), _) => Loaded {
                        notice: Some(recovered(reason, &doc)),
                        state: doc.state,
                        stamp: standing(own),
                        saved_at: doc.saved_at,
                    },
                    (None, Some(got)) => Loaded {
                        notice: Some(LoadNotice::Salvaged {
                            reason,
                            lost_rounds: got.lost_rounds,
                            older_rounds: got.older_rounds,
                            kept_rounds: got
                                .doc
                                .state
                                .rounds
                                .iter()
                                .map(|r| r.name.clone())
                                .collect(),
                            newest_snapshot: self.newest_snapshot_taken(),
                        }),
                        state: got.doc.state,
                        stamp: standing(Stamp::default()),
                        saved_at: got.doc.saved_at,
                    },
                    (None, None) => Loaded {
                        stamp: standing(Stamp::default()),
                        ..empty(Some(LoadNotice::DamagedNoCopy {
                            reason,
                            newest_snapshot: self.newest_snapshot_taken(),
                        }))
                    },
                }
            }
        }
    }

    /// What reads of the damaged stored value `raw` (or, when it is not a manifest that
    /// reads, of the previous copy), the previous copy standing in for a damaged round.
    fn salvage(&self, raw: &str) -> Option<parts::Salvaged> {
        let previous = self.manifest_at(&self.key_previous());
        let read = |name: &str| self.read(&self.key_part(name));
        match parts::parse_manifest(raw)
            .ok()
            .filter(|_| parts::is_manifest(raw))
        {
            Some(m) => parts::salvage(&m, previous.as_ref(), read),
            None => parts::salvage(previous.as_ref()?, None, read),
        }
    }

    /// The document under `key` and its stamp, if it reads.
    fn read_doc(&self, key: &str) -> Option<(document::Document, Stamp)> {
        let raw = self.read(key)?;
        let doc = self.parse_value(&raw).ok()?;
        let stamp = revisions::peek(&raw).map(|h| h.stamp).unwrap_or_default();
        Some((doc, stamp))
    }

    /// The stamp of the value stored now, if one is there and its header reads.
    pub fn stored_stamp(&self) -> Option<Stamp> {
        self.read(&self.key_state())
            .and_then(|r| revisions::peek(&r))
            .map(|h| h.stamp)
    }

    /// Saves `state` as revision `known_rev + 1` with no writer named (tests and tools;
    /// the app uses [`save_by`](Self::save_by)).
    pub fn save(&self, state: &AppState, known_rev: u64, now: &str) -> Result<u64, StoreError> {
        let stored = self.stored_stamp();
        // An unnamed writer stands on whatever unnamed value has its revision.
        let base = Stamp::new(
            known_rev,
            stored
                .filter(|s| s.rev == known_rev)
                .map(|s| s.writer)
                .unwrap_or_default()
                .as_str(),
        );
        self.save_by(state, &base, "", now).map(|s| s.rev)
    }

    /// Saves `state` on top of `base` (the stored value this tab's data stands on) as
    /// written by tab `me`, verified by reading it back. Refused when the stored value
    /// is no longer `base` (see [`revisions::check_save`]). Returns the new stamp. On any
    /// error the stored copy is as it was.
    pub fn save_by(
        &self,
        state: &AppState,
        base: &Stamp,
        me: &str,
        now: &str,
    ) -> Result<Stamp, StoreError> {
        self.save_on(state, base, &base.writer, me, now)
    }

    /// [`save_by`](Self::save_by), naming `parent_writer` as the writer of the value it
    /// was saved on top of.
    fn save_on(
        &self,
        state: &AppState,
        base: &Stamp,
        parent_writer: &str,
        me: &str,
        now: &str,
    ) -> Result<Stamp, StoreError> {
        let storage = self.raw()?;
        let key = self.key_state();
        let current = storage.get_item(&key).map_err(js_to_store_error)?;
        let header = current.as_deref().and_then(revisions::peek);
        match revisions::check_save(header.as_ref(), base, SCHEMA_VERSION) {
            SaveCheck::Go => {}
            SaveCheck::Stale { stored } => {
                return Err(StoreError::Stale {
                    stored: stored.rev,
                    ours: base.rev,
                })
            }
            SaveCheck::NewerSchema { found } => {
                return Err(StoreError::NewerSchema(
                    DocumentError::NewerSchema {
                        found,
                        supported: SCHEMA_VERSION,
                    }
                    .to_string(),
                ))
            }
        }
        let after = header
            .as_ref()
            .map_or(base.rev, |h| h.stamp.rev.max(base.rev));
        let stamp = Stamp::new(after + 1, me);
        let stored = current.as_deref().and_then(|c| self.manifest_of(c));
        let plan = parts::plan_save(
            state,
            &self.cache(),
            stored.as_ref(),
            &stamp,
            parent_writer,
            now,
        );
        // The changed parts first, under new names: the stored manifest's parts stay.
        self.write_parts(&storage, &plan, stored.as_ref())?;
        let undo = |e: StoreError| {
            self.forget_parts(&storage, &plan.writes, stored.as_ref());
            e
        };
        // Keep the last good copy. An unreadable current value was set aside at load
        // and is not one, though its header may read (a value cut near its end, or one
        // naming a damaged part): the copy recovered from stays the previous one.
        let set_aside = storage.get_item(&self.key_damaged()).ok().flatten();
        if let (Some(cur), Some(_)) = (current.filter(|c| set_aside.as_ref() != Some(c)), header) {
            storage
                .set_item(&self.key_previous(), &cur)
                .map_err(|e| undo(js_to_store_error(e)))?;
        }
        let doc = plan.manifest.to_stored();
        storage
            .set_item(&key, &doc)
            .map_err(|e| undo(js_to_store_error(e)))?;
        let back = storage.get_item(&key).ok().flatten();
        if back.as_deref() != Some(doc.as_str()) || !self.parts_read_back(&storage, &plan.writes) {
            return Err(StoreError::VerifyFailed);
        }
        self.cache().commit(state, &plan);
        *layout::lock(&self.last) = Some((doc, plan.manifest.clone()));
        // Parts fall out of use only when parts are written (a manifest that carries
        // sheets names the same parts as the one before it); a part the previous copy
        // named two saves ago waits for the next save that writes parts.
        if !plan.writes.is_empty() {
            self.remove_unused_parts(&storage, &plan.manifest);
        }
        Ok(stamp)
    }

    /// Replaces everything with `state` regardless of what is stored (restore, clear,
    /// sample data, a person's choice to keep this tab's data), keeping the current value
    /// as the previous copy. Returns the new stamp.
    pub fn overwrite_by(&self, state: &AppState, me: &str, now: &str) -> Result<Stamp, StoreError> {
        let base = self.stored_stamp().unwrap_or_default();
        self.save_by(state, &base, me, now)
    }

    /// A person's choice to keep this tab's data over what another tab saved: written as
    /// [`overwrite_by`](Self::overwrite_by), and marked as replacing it
    /// ([`revisions::REPLACED`]), so that the tab whose save it replaces is told, not
    /// brought silently onto data without its change.
    pub fn replace_other_tabs_by(
        &self,
        state: &AppState,
        me: &str,
        now: &str,
    ) -> Result<Stamp, StoreError> {
        let base = self.stored_stamp().unwrap_or_default();
        self.save_on(state, &base, revisions::REPLACED, me, now)
    }

    /// [`overwrite_by`](Self::overwrite_by) with no writer named. Returns the revision.
    pub fn overwrite(&self, state: &AppState, now: &str) -> Result<u64, StoreError> {
        self.overwrite_by(state, "", now).map(|s| s.rev)
    }

    /// When the damaged value `raw` names no parts it can be read for (the manifest
    /// itself is damaged), notes the parts stored now: they hold what it pointed to, and
    /// are kept with it (a save would otherwise remove them as named by nothing).
    fn hold_parts_of_damaged(&self, storage: &web_sys::Storage, raw: &str) {
        let key = self.key_damaged_parts();
        if !crate::domain::damaged::part_names(raw).is_empty() {
            let _ = storage.remove_item(&key);
            return;
        }
        let mut held = self.stored_parts(storage);
        // Already held for the same damaged value (a second load): kept as noted.
        held.extend(self.held_parts());
        held.sort();
        held.dedup();
        if held.is_empty() {
            let _ = storage.remove_item(&key);
        } else if let Ok(list) = serde_json::to_string(&held) {
            let _ = storage.set_item(&key, &list);
        }
    }

    /// The parts noted as held with a damaged value ([`Self::hold_parts_of_damaged`]).
    fn held_parts(&self) -> Vec<String> {
        self.read(&self.key_damaged_parts())
            .and_then(|l| serde_json::from_str(&l).ok())
            .unwrap_or_default()
    }

    /// The parts of the value set aside as damaged: those it names, or those held with
    /// it when it names none it can be read for.
    pub(super) fn damaged_parts(&self, value: &str) -> Vec<String> {
        let named = crate::domain::damaged::part_names(value);
        if named.is_empty() {
            self.held_parts()
        } else {
            named
        }
    }

    /// The size in characters of the value set aside as damaged and of its parts
    /// (`None`: nothing is set aside).
    pub fn damaged_chars(&self) -> Option<usize> {
        let value = self.read(&self.key_damaged())?;
        let parts: usize = self
            .damaged_parts(&value)
            .iter()
            .filter_map(|n| self.read(&self.key_part(n)))
            .map(|v| v.encode_utf16().count())
            .sum();
        Some(value.encode_utf16().count() + parts)
    }

    /// The value set aside as damaged and the parts it names, as a file for whoever
    /// tries to recover it ([`crate::domain::damaged`]); `None`: nothing is set aside.
    pub fn damaged_file(&self, now: &str) -> Option<String> {
        let key = self.key_damaged();
        let value = self.read(&key)?;
        let found: Vec<(String, Option<String>)> = self
            .damaged_parts(&value)
            .into_iter()
            .map(|n| {
                let v = self.read(&self.key_part(&n));
                (n, v)
            })
            .collect();
        Some(crate::domain::damaged::damaged_file(
            &key, &value, &found, now,
        ))
    }

    /// Removes the value set aside as damaged, and the parts only it names. Refused
    /// while it is still the current value (nothing saved since it was set aside): the
    /// next save would then keep it as the previous copy.
    pub fn remove_damaged(&self) -> Result<(), StoreError> {
        let s = self.raw()?;
        let damaged = self.read(&self.key_damaged());
        if damaged.is_some() && self.read(&self.key_state()) == damaged {
            return Err(StoreError::DamagedStillCurrent);
        }
        s.remove_item(&self.key_damaged())
            .map_err(js_to_store_error)?;
        s.remove_item(&self.key_damaged_parts())
            .map_err(js_to_store_error)?;
        if let Some(m) = self.manifest_at(&self.key_state()) {
            self.remove_unused_parts(&s, &m);
        }
        Ok(())
    }

    /// Removes this store's keys (the state, its parts, its previous copy and any damaged
    /// value).
    pub fn clear(&self) -> Result<(), StoreError> {
        let s = self.raw()?;
        for k in [
            self.key_state(),
            self.key_previous(),
            self.key_damaged(),
            self.key_damaged_parts(),
            self.key_snapshots(),
            self.key_snapshots_damaged(),
        ] {
            s.remove_item(&k).map_err(js_to_store_error)?;
        }
        *self.cache() = PartCache::default();
        *layout::lock(&self.last) = None;
        self.remove_all_parts(&s)
    }

    /// Empties this store as a new revision (清空全部数据): the empty state is written
    /// over the stored one, so that another tab sees a newer revision and follows
    /// instead of writing its data back; then the previous copy, any damaged value, the
    /// snapshots and every part the empty state does not name go.
    pub fn clear_by(&self, me: &str, now: &str) -> Result<Stamp, StoreError> {
        let stamp = self.overwrite_by(&AppState::default(), me, now)?;
        let s = self.raw()?;
        for k in [
            self.key_previous(),
            self.key_damaged(),
            self.key_damaged_parts(),
            self.key_snapshots(),
            self.key_snapshots_damaged(),
        ] {
            s.remove_item(&k).map_err(js_to_store_error)?;
        }
        match self.manifest_at(&self.key_state()) {
            Some(m) => self.remove_unused_parts(&s, &m),
            None => self.remove_all_parts(&s)?,
        }
        Ok(stamp)
    }

    /// Characters used by the whole origin and by this store's keys.
    pub fn usage(&self) -> Usage {
        let mut u = Usage {
            chars: 0,
            app_chars: 0,
            program_chars: 0,
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
                if k.starts_with(APP_PREFIX) {
                    u.program_chars += size;
                }
            }
        }
        u
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
        return StoreError::Other(format!("浏览器报告“{name}”"));
    }
    // Never show a raw script value to a person.
    StoreError::Other("浏览器的存储出现了未知错误".into())
}

/// Whether `key` is listed in `storage`.
fn has_key(storage: &web_sys::Storage, key: &str) -> bool {
    let n = storage.length().unwrap_or(0);
    (0..n).any(|i| storage.key(i).ok().flatten().as_deref() == Some(key))
}

/// Whether gloo's storage reports local storage as usable.
pub fn available() -> bool {
    LocalStorage::raw().length().is_ok()
}
