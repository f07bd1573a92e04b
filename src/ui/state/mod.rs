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
use crate::domain::revisions::{self, ConflictKind, OtherWrite, Stamp};
use crate::domain::snapshots::KEEP;
use crate::domain::AppState;
use crate::route::Route;
use crate::store::{self, LoadNotice, Store, StoreError};
use crate::ui::text;

mod copies;
mod notice;
mod replace;
mod saving;

pub use notice::{Level, Notice};
pub use replace::ReplaceError;

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
    /// Rounds that did not read when the page opened (a damaged value, partly
    /// recovered): a backup made now lacks them, and says so. 0 once the data is
    /// replaced or cleared.
    pub missing_rounds: RwSignal<usize>,
    /// Changes are held back (nothing saved) after a partial recovery lost rounds, until
    /// the data is replaced or the person chooses to go on without them
    /// ([`AppContext::go_on_without_lost_rounds`]).
    pub held_for_lost_rounds: RwSignal<bool>,
    /// What other tabs typed and left unsaved (a tab closed with it, or still open),
    /// found when the page opened: the forms' names, offered to take into this tab
    /// (`components::left_drafts`). Empty once taken or dropped.
    pub left_drafts: RwSignal<Vec<String>>,
    /// Scheme edits not yet saved, by scheme id: kept while the person visits other
    /// pages (the editor saves only on 保存方案).
    scheme_drafts: StoredValue<std::collections::BTreeMap<String, crate::domain::Scheme>>,
    /// Text typed into a form (登记督导, 登记成果 and the like) and not yet saved, by the
    /// form's key: kept while the person visits other pages, so the form opens again
    /// with it (see `components::fields::keep_draft`).
    form_drafts: LeftWith,
    /// For each form holding a draft, the turn ([`AppContext::form_closed`]) in which
    /// it was last taken off the page, and whether it was showing its kept-text note
    /// then.
    /// With the page visit the form was drawn in (see `page_visit`).
    form_closed_in: StoredValue<std::collections::BTreeMap<String, (u64, u64, bool)>>,
    /// Counts the pages shown (each change of address): a form drawn in an earlier visit
    /// was left, whenever its page happened to be taken down.
    page_visit: StoredValue<u64>,
    /// Counts the browser's turns in which a form was taken off the page: moved on by a
    /// timer, so a form taken off and drawn again in one turn (the page redrew) is told
    /// from one closed, or left, and opened again later.
    form_turn: StoredValue<(u64, bool)>,
    /// A list's search and filters as the person left them, by page: kept while they
    /// visit other pages, so Back finds the list as it was (see
    /// `components::fields::keep_filters`).
    list_filters: LeftWith,
    /// Score cells typed but refused (out of range, not a number), by (round, source):
    /// kept while the person visits other pages, so the grid shows them again.
    held_cells: StoredValue<std::collections::BTreeMap<(String, String), Vec<HeldCell>>>,
    /// The undo list: the state each change replaced, what the change was, and its
    /// serial number (see [`AppContext::last_change`]).
    undo: StoredValue<Vec<(AppState, String, u64)>>,
    /// The serial number of the last change put on the undo list.
    undo_serial: StoredValue<u64>,
    /// The serial number of the change the last undo took back.
    last_undone: StoredValue<Option<u64>>,
    store: StoredValue<Store>,
    /// The stored value this tab's data stands on.
    base: StoredValue<Stamp>,
    /// This tab's name in the stamps it writes.
    me: StoredValue<String>,
    /// A save has been asked for and has not run yet (it waits for the lock, or for the
    /// cooling time after the last save).
    in_flight: StoredValue<bool>,
    /// A save ran less than `saving::COALESCE_MS` ago.
    cooling: StoredValue<bool>,
    /// The save asked for waits for the cooling time to end (a typed change).
    waiting: StoredValue<bool>,
    /// The first save another tab made while this page was hidden, taken in when it is
    /// shown again (see [`AppContext::other_tab_wrote`]).
    deferred: StoredValue<Option<String>>,
}

/// A score cell typed but refused, kept by its unit and indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldCell {
    pub unit_id: String,
    pub indicator_id: String,
    /// What was typed.
    pub text: String,
}

/// The names of forms in draft keys `keys`, each once: the key's first part (`添加成果`,
/// `保障投入`, `记录结对活动`…); a key not in words is `其他表单`.
fn form_names<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut names: Vec<String> = keys.map(|k| form_name(k)).collect();
    names.sort();
    names.dedup();
    names
}

/// [`form_names`], a form left more than once (two tabs' 添加单位) said with how many:
/// `添加单位（2份）`.
fn form_names_counted<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for k in keys {
        *counts.entry(form_name(k)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(n, c)| if c > 1 { format!("{n}（{c}份）") } else { n })
        .collect()
}

/// The name of the form of draft key `k` (see [`form_names`]).
fn form_name(k: &str) -> String {
    match k.split([':', '/']).next() {
        Some(n) if !n.is_ascii() => n.to_string(),
        // Keys in letters are named by the form they are of (a clerk's re-test: the
        // offer said 其他表单, and so which page to open was not said).
        Some(n) => FORMS_IN_LETTERS
            .iter()
            .find(|(key, _)| *key == n)
            .map_or("其他表单", |(_, name)| name)
            .to_string(),
        None => "其他表单".to_string(),
    }
}

/// The most characters of a left form's text shown in the offer.
const EXCERPT_CHARS: usize = 60;

/// What a person would recognise of a form's values: the words, dates and numbers (not
/// the codes of picked options, which are letters and digits), joined with “；” and cut
/// at [`EXCERPT_CHARS`].
fn draft_excerpt(values: &[String]) -> String {
    draft_text(values, Some(EXCERPT_CHARS))
}

/// The words, dates and numbers of a form's values (see [`draft_excerpt`]), each once,
/// cut at `most` characters when given.
fn draft_text(values: &[String], most: Option<usize>) -> String {
    let date = |v: &str| {
        v.len() == 10
            && v.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            })
    };
    // Each value once: an edit form keeps what it opened with beside what was typed,
    // and defaults repeat (a clerk's re-test: 党支部；创建中；党支部；创建中).
    let mut shown: Vec<&str> = Vec::new();
    for v in values.iter().map(|v| v.trim()) {
        let wanted = !v.is_empty() && (!v.is_ascii() || date(v) || v.parse::<f64>().is_ok());
        if wanted && !shown.contains(&v) {
            shown.push(v);
        }
    }
    let all = shown.join("；");
    match most.and_then(|m| all.char_indices().nth(m)) {
        Some((at, _)) => format!("{}…", &all[..at]),
        None => all,
    }
}

/// Moves into `mine` what `theirs` holds under a key `mine` does not; returns the rest.
fn take_missing<T>(
    mine: &mut std::collections::BTreeMap<String, T>,
    theirs: std::collections::BTreeMap<String, T>,
) -> std::collections::BTreeMap<String, T> {
    use std::collections::btree_map::Entry;
    let mut left = std::collections::BTreeMap::new();
    for (k, v) in theirs {
        match mine.entry(k) {
            Entry::Vacant(e) => {
                e.insert(v);
            }
            Entry::Occupied(e) => {
                left.insert(e.key().clone(), v);
            }
        }
    }
    left
}

/// Unsaved text of one form on a record (see [`AppContext::drafts_of_record`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDraft {
    /// The form's draft key.
    pub key: String,
    /// The local-storage key of the other tab's mirror it is in; `None`: this tab's.
    pub left_under: Option<String>,
    /// The form's name and what was typed: `修改结对：…`.
    pub line: String,
}

/// What [`AppContext::take_left_drafts`] took into this tab and what stays offered (a
/// form this tab already holds text for), each by the forms' names.
pub struct TakenDrafts {
    pub taken: Vec<String>,
    pub still: Vec<String>,
}

/// The forms whose draft keys start in letters, by that start, and what they are called.
const FORMS_IN_LETTERS: [(&str, &str); 7] = [
    ("application-new", "申报遴选（登记申报）"),
    ("application-edit", "申报遴选（修改申报）"),
    ("application-rating", "申报遴选（三项标准评定）"),
    ("application-decision", "申报遴选（遴选决定）"),
    ("rectification-progress", "整改事项（记录进展）"),
    ("rectification-close", "整改事项（销号）"),
    ("rectification-reopen", "整改事项（撤销销号）"),
];

/// One tab's form texts, by draft key.
type Forms = std::collections::BTreeMap<String, Vec<String>>;

/// The form texts other tabs mirrored in `store`, each with the key it is under; a value
/// that cannot be read is no draft.
fn left_forms(store: &Store) -> Vec<(String, Forms)> {
    store
        .left_drafts(FORM_DRAFTS)
        .into_iter()
        .filter_map(|d| Some((d.key, serde_json::from_str::<Forms>(&d.text).ok()?)))
        .collect()
}

/// The forms (and 方案 edits) other tabs left unsaved in `store`, named as
/// [`form_names`] names them.
fn left_draft_names(store: &Store) -> Vec<String> {
    let forms: Vec<String> = left_forms(store)
        .into_iter()
        .flat_map(|(_, m)| m.into_keys())
        .collect();
    let mut names = form_names_counted(forms.iter());
    let schemes = store.left_drafts(SCHEME_DRAFTS).iter().any(|d| {
        serde_json::from_str::<std::collections::BTreeMap<String, crate::domain::Scheme>>(&d.text)
            .is_ok_and(|m| !m.is_empty())
    });
    if schemes {
        names.push(crate::ui::text::SCHEME_EDITS.to_string());
    }
    names
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
            // Nothing could be read: a backup of the empty data now shown would only
            // risk being copied over a good one.
            offer_export: read_only.is_none() && !matches!(n, LoadNotice::DamagedNoCopy { .. }),
            offer_reload: read_only == Some(ReadOnly::Unreadable),
            offer_resolve: false,
            on_load: true,
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
            missing_rounds: RwSignal::new(match &loaded.notice {
                Some(LoadNotice::Salvaged { lost_rounds, .. }) => *lost_rounds,
                _ => 0,
            }),
            held_for_lost_rounds: RwSignal::new(matches!(
                &loaded.notice,
                Some(LoadNotice::Salvaged { lost_rounds, .. }) if *lost_rounds > 0
            )),
            left_drafts: RwSignal::new(left_draft_names(&store)),
            // What this tab had typed and not saved before a reload (a value that cannot
            // be read is no draft).
            scheme_drafts: StoredValue::new(
                store
                    .read_drafts(SCHEME_DRAFTS)
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
            ),
            form_drafts: StoredValue::new(
                store
                    .read_drafts(FORM_DRAFTS)
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
            ),
            form_closed_in: StoredValue::new(Default::default()),
            form_turn: StoredValue::new((0, false)),
            page_visit: StoredValue::new(0),
            list_filters: StoredValue::new(Default::default()),
            held_cells: StoredValue::new(Default::default()),
            undo: StoredValue::new(Vec::new()),
            undo_serial: StoredValue::new(0),
            last_undone: StoredValue::new(None),
            store: StoredValue::new(store),
            base: StoredValue::new(loaded.stamp),
            me: StoredValue::new(tab_name()),
            in_flight: StoredValue::new(false),
            cooling: StoredValue::new(false),
            waiting: StoredValue::new(false),
            deferred: StoredValue::new(None),
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
        if self.held_for_lost_rounds.get_untracked() {
            let n = self.missing_rounds.get_untracked();
            let them = if n > 1 {
                "这些轮次"
            } else {
                "这个轮次"
            };
            return Some(format!(
                "打开本程序时有 {n} 个考评轮次的数据读不出来，没有恢复；为免在缺少{them}的情况下保存，本窗口暂不接受修改，这次修改没有做。如有快照或备份文件，请先在“数据管理”中恢复；确认不需要找回时，点“{}”。",
                crate::domain::damaged::GO_ON_WITHOUT_LOST_ROUNDS
            ));
        }
        if self.conflict.get_untracked() {
            return Some("本窗口与另一个窗口的修改有冲突，这次修改没有做。".to_string());
        }
        None
    }

    /// Whether this tab may not write now; if so, says why (as a refused edit does).
    /// For steps that write outside [`update`](Self::update) (a snapshot before an
    /// import, removing the damaged value).
    pub fn refused_now(&self) -> bool {
        match self.refusal() {
            Some(msg) => {
                self.say_refusal(&msg);
                true
            }
            None => false,
        }
    }

    /// Whether a change to the whole data (a restore, sample data, clearing) may be made
    /// in spite of [`refusal`](Self::refusal): in a conflict or while held for lost
    /// rounds, replacing the data is the way out.
    fn replacing_allowed(&self) -> bool {
        self.conflict.get_untracked() || self.held_for_lost_rounds.get_untracked()
    }

    /// The person chose not to recover the rounds a partial recovery lost: changes are
    /// saved again from now on (the data saved lacks those rounds).
    pub fn go_on_without_lost_rounds(&self) {
        self.held_for_lost_rounds.set(false);
        self.notice.set(Some(Notice::warning(format!(
            "已选择不恢复读不出来的 {} 个考评轮次，此后的修改照常保存。以后如要找回，可在“数据管理”中恢复快照或备份文件（会替换此后所做的修改）。",
            self.missing_rounds.get_untracked()
        ))));
    }

    /// Shows why a change was refused. In a conflict the choices stay in view: the
    /// banner keeps (or gets back) its 保留本窗口的数据 / 改用已保存的数据 buttons, so a
    /// refused edit never hides the way out.
    fn say_refusal(&self, msg: &str) {
        if self.conflict.get_untracked() {
            self.enter_conflict(msg);
        } else if self.held_for_lost_rounds.get_untracked() {
            // About the data as it opened: it stays, with the export and the way on.
            self.notice.set(Some(Notice {
                on_load: true,
                offer_export: true,
                ..Notice::error(msg.to_string())
            }));
        } else {
            self.notice.set(Some(Notice::error(msg.to_string())));
        }
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
        self.update_as(what, false, change)
    }

    /// Like [`update`](Self::update) for a change typed in a grid cell: saved together
    /// with the cells typed right after it (see `saving::COALESCE_MS`).
    pub fn update_typed<T, E: Display>(
        &self,
        what: &str,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<T, String> {
        self.update_as(what, true, change)
    }

    /// Like [`update`](Self::update) for a change worth a snapshot (a deletion of one
    /// record): the data as it stood is kept under `label` only once the change is
    /// known to go through, so a refused change leaves no snapshot behind. Also says
    /// whether the snapshot was kept. Such a snapshot makes way before one taken before
    /// replacing data wholesale ([`snapshot_before_deleting`](Self::snapshot_before_deleting)).
    pub fn update_kept<T, E: Display>(
        &self,
        what: &str,
        label: &str,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<(T, bool), String> {
        self.update_snapshotted(what, label, true, change)
    }

    /// [`update_kept`](Self::update_kept) for a change of much at once (a roster
    /// imported, a round deleted): its snapshot is kept as one before a restore is.
    pub fn update_kept_wholesale<T, E: Display>(
        &self,
        what: &str,
        label: &str,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<(T, bool), String> {
        self.update_snapshotted(what, label, false, change)
    }

    fn update_snapshotted<T, E: Display>(
        &self,
        what: &str,
        label: &str,
        minor: bool,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<(T, bool), String> {
        let mut kept = false;
        let out = self.apply(what, false, Some((label, minor, &mut kept)), change)?;
        Ok((out, kept))
    }

    fn update_as<T, E: Display>(
        &self,
        what: &str,
        coalesce: bool,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<T, String> {
        self.apply(what, coalesce, None, change)
    }

    fn apply<T, E: Display>(
        &self,
        what: &str,
        coalesce: bool,
        snapshot: Option<(&str, bool, &mut bool)>,
        change: impl FnOnce(&mut AppState) -> Result<T, E>,
    ) -> Result<T, String> {
        if let Some(msg) = self.refusal() {
            self.say_refusal(&msg);
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
        // Every door keeps within the limits a backup is checked against (a typed
        // score is checked by its grid, and the limits say nothing of scores).
        if !coalesce {
            let breach = self.state.with_untracked(|cur| {
                crate::domain::validation::new_limit_errors(cur, &next)
                    .into_iter()
                    .next()
            });
            if let Some(e) = breach {
                let msg = format!("{e}。{}", text::NOT_SAVED_FIX_IT);
                self.notice.set(Some(Notice::error(msg.clone())));
                return Err(msg);
            }
        }
        // A refusal shown earlier is answered by a change that went through.
        if self.notice.with_untracked(|n| {
            n.as_ref()
                .is_some_and(|n| n.level == Level::Error && n.passes())
        }) {
            self.notice.set(None);
        }
        if let Some((label, minor, kept)) = snapshot {
            // Nothing is kept of empty data (a clerk's review: the first roster import
            // said a snapshot was kept, and 数据管理 listed none).
            let empty = self.state.with_untracked(|s| *s == AppState::default());
            *kept = !empty
                && if minor {
                    self.snapshot_before_deleting(label).is_ok()
                } else {
                    self.snapshot(label).is_ok()
                };
        }
        self.show(next, Some(what.to_string()));
        self.pending.set(true);
        self.schedule_save(coalesce);
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

    /// Applies bookkeeping the person did not make as an edit (what a return file just
    /// exported carried): saved, not put on the undo list. `change` says whether it
    /// changed anything. Skipped while this tab may not write.
    pub fn note_quietly(&self, change: impl FnOnce(&mut AppState) -> bool) {
        if self.refusal().is_some() {
            return;
        }
        let mut next = self.state.with_untracked(AppState::clone);
        if change(&mut next) {
            self.show(next, None);
            self.pending.set(true);
            self.schedule_save(false);
        }
    }

    /// Shows `next`; the state it replaces goes onto the undo list when `undo_what`
    /// names the change.
    fn show(&self, next: AppState, undo_what: Option<String>) {
        let before = self.state.try_update(|s| std::mem::replace(s, next));
        self.push_undo(before.zip(undo_what));
    }

    fn push_undo(&self, entry: Option<(AppState, String)>) {
        if let Some((state, what)) = entry {
            self.undo_serial.update_value(|n| *n += 1);
            let serial = self.undo_serial.get_value();
            self.undo.update_value(|u| {
                u.push((state, what, serial));
                if u.len() > UNDO_DEPTH {
                    u.remove(0);
                }
            });
        }
    }

    /// What the next undo would undo, if anything.
    pub fn undo_label(&self) -> Option<String> {
        self.undo
            .with_value(|u| u.last().map(|(_, w, _)| w.clone()))
    }

    /// The serial number of the last change that can be undone: a component that shows
    /// something beside a change (a paste's refused cells) keeps it, and takes its own
    /// part back when [`last_undone`](Self::last_undone) names it.
    pub fn last_change(&self) -> Option<u64> {
        self.undo.with_value(|u| u.last().map(|(_, _, n)| *n))
    }

    /// The serial number of the change the last undo took back.
    pub fn last_undone(&self) -> Option<u64> {
        self.last_undone.get_value()
    }

    /// Undoes the last change (saved as a new revision). Refused when another tab has
    /// saved since: putting back this tab's older data would erase that tab's change.
    pub fn undo(&self) {
        if let Some(msg) = self.refusal() {
            self.say_refusal(&msg);
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
        let Some((mut prev, what, serial)) = self.undo.try_update_value(|u| u.pop()).flatten()
        else {
            return;
        };
        self.last_undone.set_value(Some(serial));
        // Undo never takes back an access code: its task file may already be out.
        let codes_before = prev.exchange.codes.len();
        self.state
            .with_untracked(|cur| crate::domain::exchange::keep_issued_codes(&mut prev, cur));
        let kept_codes = prev.exchange.codes.len() > codes_before;
        self.show(prev, None);
        self.pending.set(true);
        self.schedule_save(false);
        // Files already downloaded cannot be called back: say so.
        let text = if kept_codes {
            format!("已撤销：{what}。已经下载的文件不受影响，其中的访问码仍然有效。")
        } else {
            format!("已撤销：{what}")
        };
        self.notice.set(Some(Notice::info(text)));
    }

    /// The unsaved text of form `key`, if the person left it with something typed.
    pub fn form_draft(&self, key: &str) -> Option<Vec<String>> {
        kept(self.form_drafts, key)
    }

    /// The draft keys of forms left with unsaved text that start with `prefix`, in key
    /// order (a dialog reopened after a reload finds its record by the key's rest).
    pub fn form_drafts_under(&self, prefix: &str) -> Vec<String> {
        self.form_drafts
            .try_with_value(|d| {
                d.keys()
                    .filter(|k| k.starts_with(prefix))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The unsaved text of this tab's forms on record `id` (a key whose part after the
    /// form's name is the id: `修改结对/p3`, `记录结对活动:p3`), one line per form with
    /// every word and date typed, and its key. Shown where the record went from under
    /// the form (deleted in another window), so the text is not lost unsaid.
    /// Those other tabs left (closed, or the browser closed) are listed too (a clerk's
    /// re-test: after the browser was reopened the page showed nothing, and the offer
    /// above it promised to continue on a deleted record).
    pub fn drafts_of_record(&self, id: &str) -> Vec<RecordDraft> {
        let of_record = |k: &String| k.split([':', '/']).nth(1) == Some(id);
        let line =
            |k: &str, values: &[String]| format!("{}：{}", form_name(k), draft_text(values, None));
        let mut found: Vec<RecordDraft> = self
            .form_drafts
            .try_with_value(|d| {
                d.iter()
                    .filter(|(k, _)| of_record(k))
                    .map(|(k, values)| RecordDraft {
                        key: k.clone(),
                        left_under: None,
                        line: line(k, values),
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (mirror, theirs) in left_forms(&self.store.get_value()) {
            found.extend(
                theirs
                    .iter()
                    .filter(|(k, _)| of_record(k))
                    .map(|(k, values)| RecordDraft {
                        key: k.clone(),
                        left_under: Some(mirror.clone()),
                        line: line(k, values),
                    }),
            );
        }
        found
    }

    /// Forgets the unsaved text `d` of a record no longer in the data: this tab's, or
    /// the part of another tab's mirror it was (the offer above the page follows).
    pub fn drop_record_draft(&self, d: &RecordDraft) {
        match &d.left_under {
            None => self.keep_form_draft(&d.key, None),
            Some(mirror) => {
                let store = self.store.get_value();
                if let Some((_, mut theirs)) =
                    left_forms(&store).into_iter().find(|(k, _)| k == mirror)
                {
                    theirs.remove(&d.key);
                    store.keep_left_drafts(mirror, &theirs);
                }
                self.left_drafts.set(left_draft_names(&store));
            }
        }
    }

    /// The forms left with unsaved text, each named once by its draft key's first part
    /// (`添加成果`, `保障投入`, `记录结对活动`…); a key not in words is `其他表单`.
    pub fn unsaved_forms(&self) -> Vec<String> {
        self.form_drafts
            .try_with_value(|d| form_names(d.keys()))
            .unwrap_or_default()
    }

    /// Takes into this tab what other tabs typed and left unsaved. A form this tab holds
    /// text for keeps its own, and so does the first tab's of two that left the same
    /// form: the text not taken stays offered (a clerk's re-test: of two tabs' 添加单位,
    /// one was taken and the other forgotten unsaid). Returns what was taken and what stays
    /// offered.
    pub fn take_left_drafts(&self) -> TakenDrafts {
        type Schemes = std::collections::BTreeMap<String, crate::domain::Scheme>;
        let store = self.store.get_value();
        let mut taken: Vec<String> = Vec::new();
        for (mirror, theirs) in left_forms(&store) {
            let keys: Vec<String> = theirs.keys().cloned().collect();
            let left = self
                .form_drafts
                .try_update_value(|mine| take_missing(mine, theirs))
                .unwrap_or_default();
            taken.extend(keys.into_iter().filter(|k| !left.contains_key(k)));
            store.keep_left_drafts(&mirror, &left);
        }
        let mut schemes_taken = false;
        for d in store.left_drafts(SCHEME_DRAFTS) {
            let Ok(theirs) = serde_json::from_str::<Schemes>(&d.text) else {
                continue;
            };
            let offered = theirs.len();
            let left = self
                .scheme_drafts
                .try_update_value(|mine| take_missing(mine, theirs))
                .unwrap_or_default();
            schemes_taken |= left.len() < offered;
            store.keep_left_drafts(&d.key, &left);
        }
        self.write_drafts(FORM_DRAFTS);
        self.write_drafts(SCHEME_DRAFTS);
        let mut taken = form_names_counted(taken.iter());
        if schemes_taken {
            taken.push(crate::ui::text::SCHEME_EDITS.to_string());
        }
        let still = left_draft_names(&store);
        self.left_drafts.set(still.clone());
        TakenDrafts { taken, still }
    }

    /// The forms whose text replacing the data drops: this tab's, and those other tabs
    /// left and are offered here (a clerk's re-test: a closed tab's 销号依据 went unsaid).
    /// Other tabs' are named as such (a clerk's review: “修改单位、修改单位（7份）” read
    /// as a mistake).
    pub fn forms_a_replacement_drops(&self) -> Vec<String> {
        let mut names = self.unsaved_forms();
        names.extend(
            self.left_drafts
                .get_untracked()
                .into_iter()
                .map(|n| format!("其他窗口中的{n}")),
        );
        names
    }

    /// Another tab mirrored, saved or dropped its unsaved text: an offer shown here
    /// follows, so it never names a form already saved there (a clerk's re-test: the offer
    /// stayed, and 恢复到本窗口 then restored nothing and said nothing). No offer is put up
    /// while this tab is at work; the next page load makes it.
    pub fn other_tab_left_drafts(&self) {
        if self.left_drafts.with_untracked(Vec::is_empty) {
            return;
        }
        let names = left_draft_names(&self.store.get_value());
        self.left_drafts.set(names);
    }

    /// What other tabs typed and left unsaved, one line per form: its name and the words
    /// and dates typed (`记录整改进展：2026-03-01；已组织结对支部联学3次`), so the person
    /// can tell text already saved since from text to take back (a clerk's review: an
    /// offer of a progress note recorded meanwhile invited a second copy of it).
    pub fn left_draft_contents(&self) -> Vec<String> {
        left_forms(&self.store.get_value())
            .into_iter()
            .flat_map(|(_, m)| m.into_iter())
            .map(|(k, values)| {
                let typed = draft_excerpt(&values);
                if typed.is_empty() {
                    form_name(&k)
                } else {
                    format!("{}：{typed}", form_name(&k))
                }
            })
            .collect()
    }

    /// Forgets what other tabs typed and left unsaved (the person chose not to keep it).
    pub fn drop_left_drafts(&self) {
        let store = self.store.get_value();
        let keys: Vec<String> = [FORM_DRAFTS, SCHEME_DRAFTS]
            .into_iter()
            .flat_map(|w| store.left_drafts(w))
            .map(|d| d.key)
            .collect();
        store.forget_left_drafts(keys.iter().map(String::as_str));
        self.left_drafts.set(Vec::new());
    }

    /// Keeps (or with `None`, forgets) the unsaved text of form `key`, in this tab's
    /// session storage too, so a reload finds it.
    pub fn keep_form_draft(&self, key: &str, draft: Option<Vec<String>>) {
        keep(self.form_drafts, key, draft);
        self.write_drafts(FORM_DRAFTS);
    }

    /// Writes the kept drafts of `what` to this tab's session storage.
    fn write_drafts(&self, what: &str) {
        let text = if what == FORM_DRAFTS {
            self.form_drafts
                .try_with_value(|d| (!d.is_empty()).then(|| serde_json::to_string(d).ok()))
        } else {
            self.scheme_drafts
                .try_with_value(|d| (!d.is_empty()).then(|| serde_json::to_string(d).ok()))
        };
        let Some(text) = text else { return };
        self.store
            .with_value(|s| s.write_drafts(what, text.flatten().as_deref()));
    }

    /// The page visit now: a form notes it when drawn and gives it back on closing.
    pub fn page_visit(&self) -> u64 {
        self.page_visit.try_get_value().unwrap_or_default()
    }

    /// Form `key`, drawn in page visit `drawn_in`, was taken off the page (closed, left,
    /// or about to be drawn anew).
    pub fn form_closed(&self, key: &str, drawn_in: u64, noted: bool) {
        let Some((turn, moving)) = self.form_turn.try_get_value() else {
            return;
        };
        self.form_closed_in.update_value(|m| {
            m.insert(key.to_string(), (turn, drawn_in, noted));
        });
        if !moving {
            self.form_turn.set_value((turn, true));
            let next = self.form_turn;
            set_timeout(
                move || {
                    next.try_update_value(|(t, m)| {
                        *t += 1;
                        *m = false;
                    });
                },
                std::time::Duration::ZERO,
            );
        }
    }

    /// Another page is shown (the address changed): a new turn at once, whatever the
    /// timer, so a form left and come back to is never taken for a redrawn one.
    pub fn new_visit(&self) {
        self.form_turn.try_update_value(|(t, _)| *t += 1);
        self.page_visit.try_update_value(|v| *v += 1);
    }

    /// Whether form `key` is being drawn again in the same turn it was taken off the
    /// page, on the page it was drawn on: the page redrew (another form saved, another
    /// window's change taken in), and the person never left the form. A form drawn on
    /// an earlier visit of the page was left, however late its page was taken down.
    /// `Some(noted)` (whether it showed its kept-text note, which it keeps) when so.
    pub fn form_redrawn(&self, key: &str) -> Option<bool> {
        let turn = self.form_turn.get_value().0;
        let visit = self.page_visit();
        self.form_closed_in
            .try_with_value(|m| {
                m.get(key)
                    .filter(|(t, v, _)| *t == turn && *v == visit)
                    .map(|(_, _, n)| *n)
            })
            .flatten()
    }

    /// The search and filters list `key` was left with, if any were set.
    pub fn list_filters(&self, key: &str) -> Option<Vec<String>> {
        kept(self.list_filters, key)
    }

    /// Keeps (or with `None`, forgets) the search and filters of list `key`.
    pub fn keep_list_filters(&self, key: &str, values: Option<Vec<String>>) {
        keep(self.list_filters, key, values);
    }

    /// Forgets what forms and lists were left with: the data they were about was
    /// replaced.
    pub(super) fn forget_left_forms(&self) {
        self.form_drafts.update_value(|d| d.clear());
        self.write_drafts(FORM_DRAFTS);
        self.store.with_value(|s| s.forget_all_left_drafts());
        self.left_drafts.set(Vec::new());
        self.list_filters.update_value(|d| d.clear());
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
        self.write_drafts(SCHEME_DRAFTS);
    }

    /// The refused cells of the grid of `round` and source `key`, as last left.
    pub fn held_cells(&self, round: &str, key: &str) -> Vec<HeldCell> {
        self.held_cells
            .try_with_value(|h| h.get(&(round.to_string(), key.to_string())).cloned())
            .flatten()
            .unwrap_or_default()
    }

    /// Keeps the refused cells of a grid (none: forgets them).
    pub fn hold_cells(&self, round: &str, key: &str, cells: Vec<HeldCell>) {
        let k = (round.to_string(), key.to_string());
        self.held_cells.try_update_value(|h| {
            if cells.is_empty() {
                h.remove(&k);
            } else {
                h.insert(k, cells);
            }
        });
    }

    /// The current time (ISO, UTC), from the app's one clock.
    pub fn now_iso(&self) -> String {
        self.clock.now_iso()
    }

    /// The moment an action is taken, from the app's one clock: its stamp and the
    /// person's local date, so that the domain refuses tomorrow's date by the wall
    /// calendar, not by the UTC date.
    pub fn now(&self) -> crate::domain::dates::Now {
        crate::domain::dates::Now::at(self.clock.now_iso(), self.clock.today())
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

/// The session-storage names of the forms' and the schemes' unsaved drafts.
use crate::store::{DRAFTS_FORMS as FORM_DRAFTS, DRAFTS_SCHEMES as SCHEME_DRAFTS};

/// What a page left under `key` in one of the context's kept maps.
type LeftWith = StoredValue<Forms>;

fn kept(map: LeftWith, key: &str) -> Option<Vec<String>> {
    map.try_with_value(|d| d.get(key).cloned()).flatten()
}

fn keep(map: LeftWith, key: &str, values: Option<Vec<String>>) {
    map.update_value(|d| match values {
        Some(v) => {
            d.insert(key.to_string(), v);
        }
        None => {
            d.remove(key);
        }
    });
}
