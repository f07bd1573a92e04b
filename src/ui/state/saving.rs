//! Saving and the other tabs: every save in the Web Lock, conflicts the person
//! decides, another tab's writes taken in only when nothing here would be lost (the
//! protocol is in `crate::domain::revisions` and `docs/architecture.md`).

use super::*;

/// After a save, how long a typed change waits before it is saved, in milliseconds:
/// changes typed meanwhile (a row of scores) are saved together when it ends.
pub const COALESCE_MS: i32 = 250;

/// Another tab wrote what this tab cannot read: this tab keeps what it shows.
fn other_tab_unreadable() -> Notice {
    Notice {
        level: Level::Warning,
        text: "另一个窗口写入了无法读取的数据。本页数据未受影响；请重新载入页面检查。".into(),
        offer_export: true,
        offer_reload: true,
        offer_resolve: false,
        on_load: false,
    }
}

impl AppContext {
    /// Saves the pending change in the save lock, at once; or, for a change typed in a
    /// grid (`coalesce`) when a save ran less than [`COALESCE_MS`] ago, when that time
    /// ends, together with the changes typed meanwhile. So typing does not save on every
    /// cell, yet a change reaches storage well within a second; every other change is
    /// saved at once, as before. Hiding or leaving the page saves at once
    /// ([`save_pending`](Self::save_pending)).
    pub(super) fn schedule_save(&self, coalesce: bool) {
        let waiting = self.waiting.get_value();
        if self.in_flight.get_value() && (coalesce || !waiting) {
            return;
        }
        self.in_flight.set_value(true);
        if coalesce && self.cooling.get_value() {
            // The end of the cooling time asks for the lock.
            self.waiting.set_value(true);
            return;
        }
        self.waiting.set_value(false);
        self.ask_lock();
    }

    /// Asks for the save lock; once granted, saves what is pending.
    fn ask_lock(&self) {
        let ctx = *self;
        let name = format!("{}.save", self.store.with_value(|s| s.key_state()));
        store::with_lock(&name, move || {
            // The context may be gone (tests unmount it): then there is nothing to save.
            if ctx.in_flight.try_set_value(false).is_none() {
                ctx.save_pending();
            }
        });
    }

    /// A save ran: a typed change waits until [`COALESCE_MS`] (or `?savedelay=`) is up.
    fn start_cooling(&self) {
        if self.cooling.get_value() {
            return;
        }
        self.cooling.set_value(true);
        let ctx = *self;
        store::after(store::save_delay(COALESCE_MS), move || {
            if ctx.cooling.try_set_value(false).is_some() {
                return;
            }
            if ctx.waiting.get_value() {
                ctx.waiting.set_value(false);
                ctx.ask_lock();
            }
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
        self.start_cooling();
    }

    /// Saves the data shown now, changed or not: after recovering from a damaged value,
    /// so that the browser holds readable data again before that value is removed.
    pub fn save_now(&self) {
        self.pending.set(true);
        self.save_pending();
    }

    /// Records the outcome of a save.
    pub(super) fn after_save(&self, result: Result<Stamp, StoreError>, now: String) {
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
                | StoreError::DamagedStillCurrent
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
    pub(super) fn enter_conflict(&self, text: &str) {
        self.unsaved.set(true);
        self.conflict.set(true);
        self.notice.set(Some(Notice {
            level: Level::Error,
            text: format!("{text}{}", text::CONFLICT_CHOICES),
            offer_export: true,
            offer_reload: false,
            offer_resolve: true,
            on_load: false,
        }));
    }

    /// The person keeps this tab's data: it is saved over whatever another tab saved.
    /// What the other tab saved is kept as a snapshot first (the choice may be wrong,
    /// and the other tab's clerk is told, and may want it back).
    pub fn keep_this_tab(&self) {
        let store = self.store.get_value();
        let now = self.clock.now_iso();
        let me = self.me.get_value();
        let theirs = store.load_after_other_tab();
        let kept_aside = theirs.notice.is_none()
            && self
                .snapshot_of(text::REPLACED_SNAPSHOT, &theirs.state)
                .is_ok();
        let result = self
            .state
            .with_untracked(|s| store.replace_other_tabs_by(s, &me, &now));
        // Writes heard while hidden are behind this one now; one heard after it is
        // judged against it (a third tab's choice to keep its own over this save).
        self.deferred.set_value(None);
        self.conflict.set(false);
        self.pending.set(false);
        let ok = result.is_ok();
        self.after_save(result, now);
        if ok {
            // Undo steps from before were made on data that is no longer stored.
            self.undo.set_value(Vec::new());
            self.notice.set(Some(Notice::info(if kept_aside {
                text::kept_this_tab_with_snapshot()
            } else {
                "已保存本窗口的数据（另一个窗口的那次修改已被替换）。".to_string()
            })));
        }
    }

    /// The person takes the stored data: this tab's unsaved changes are dropped.
    pub fn take_stored(&self) {
        // What this tab held goes into a snapshot first: one click must not lose it for
        // good (the choice may be the wrong one).
        let kept_aside = self.snapshot(text::DROPPED_SNAPSHOT).is_ok();
        let loaded = self.store.get_value().load();
        self.deferred.set_value(None);
        self.undo.set_value(Vec::new());
        self.conflict.set(false);
        self.pending.set(false);
        self.unsaved.set(false);
        self.rev.set(loaded.stamp.rev);
        self.base.set_value(loaded.stamp);
        self.saved_at.set(loaded.saved_at);
        self.state.set(loaded.state);
        self.notice.set(Some(Notice::info(if kept_aside {
            text::took_stored_with_snapshot()
        } else {
            "已载入最新保存的数据，本窗口未保存的修改已放弃。".to_string()
        })));
    }

    /// Another tab wrote `raw` to the store. A page in view takes it in at once; a
    /// hidden page (another browser tab in front) waits until it is shown, so that it
    /// does not read and score every save of the tab being typed in, on the same cores.
    /// It keeps the first save it missed: that one is checked against what this page
    /// stands on, and taking it in reads what is stored now, so the later ones are
    /// taken in with it (they build on it, or the check says they went another way).
    pub fn other_tab_wrote(&self, raw: String, page_hidden: bool) {
        if page_hidden {
            self.deferred.update_value(|d| {
                d.get_or_insert(raw);
            });
        } else {
            self.adopt_from_other_tab(&raw);
        }
    }

    /// The page is in view again: take in what another tab saved while it was hidden.
    pub fn page_shown(&self) {
        if let Some(raw) = self.deferred.try_update_value(Option::take).flatten() {
            self.adopt_from_other_tab(&raw);
        }
    }

    /// Another tab wrote `raw` to the store: take it in when it was made on top of this
    /// tab's data and this tab has nothing unsaved; otherwise let the person decide.
    fn adopt_from_other_tab(&self, raw: &str) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let Some(incoming) = revisions::peek(raw) else {
            self.notice.set(Some(other_tab_unreadable()));
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
            OtherWrite::Conflict(kind) => self.enter_conflict(&match kind {
                ConflictKind::UnsavedHere => {
                    "另一个窗口保存了修改，而本窗口还有尚未保存的修改。".to_string()
                }
                ConflictKind::Overwritten | ConflictKind::Refused => {
                    "另一个窗口几乎同时保存了修改，本窗口刚才的修改被它替换，尚未保存。".to_string()
                }
                ConflictKind::Replaced => {
                    let kept = store.load_snapshots().is_ok_and(|l| {
                        l.items
                            .last()
                            .is_some_and(|x| x.label == text::REPLACED_SNAPSHOT)
                    });
                    text::replaced_by_other_tab(kept)
                }
            }),
            OtherWrite::Adopt => {
                let loaded = store.load_after_other_tab();
                if loaded.notice.is_some() {
                    // Unreadable now: keep what this tab shows and say so.
                    self.notice.set(Some(other_tab_unreadable()));
                    return;
                }
                // Records gone (the other tab cleared, restored or deleted): said with
                // what the data held and holds, not as an ordinary save.
                let fewer = self.state.with_untracked(|old| {
                    let (was, now) = (text::record_counts(old), text::record_counts(&loaded.state));
                    was.iter().zip(now).any(|(w, n)| n < *w).then(|| {
                        (
                            text::describe_state(old),
                            text::describe_state(&loaded.state),
                        )
                    })
                });
                self.rev.set(loaded.stamp.rev);
                self.base.set_value(loaded.stamp);
                self.saved_at.set(loaded.saved_at);
                self.state.set(loaded.state);
                // What is shown now is what another tab saved, read whole: the rounds
                // this tab could not read are no longer its matter (a review: the hold
                // stayed, refusing edits, after another tab restored a backup).
                self.missing_rounds.set(0);
                self.held_for_lost_rounds.set(false);
                // Undo steps were made on data this tab no longer shows: said, as a
                // deletion's confirmation promised one (a clerk's review).
                let had_undo = self.undo.with_value(|u| !u.is_empty());
                self.undo.set_value(Vec::new());
                let mut said = "另一个窗口保存了新的修改，本页已同步更新。".to_string();
                if had_undo {
                    said.push_str(text::UNDO_LOST_TO_OTHER_TAB);
                }
                if let Some((was, now)) = fewer {
                    said.push_str(&format!(
                        "数据内容由“{was}”变为“{now}”（另一个窗口删除、清空或从备份恢复了数据）。"
                    ));
                }
                self.notice.set(Some(Notice::info(said)));
            }
        }
    }

    /// Whether leaving the page now would lose changes (unsaved data, a scheme draft
    /// not yet saved, or score cells typed and refused).
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.try_get_untracked().unwrap_or(false)
            || self.pending.try_get_untracked().unwrap_or(false)
            || self
                .scheme_drafts
                .try_with_value(|d| !d.is_empty())
                .unwrap_or(false)
            || self
                .held_cells
                .try_with_value(|h| !h.is_empty())
                .unwrap_or(false)
            || self
                .form_drafts
                .try_with_value(|d| !d.is_empty())
                .unwrap_or(false)
    }
}
