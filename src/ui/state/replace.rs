//! Replacing all data (backup, snapshot, sample data) with a snapshot first; the
//! snapshots themselves; clearing; the backup text.

use super::*;

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

impl AppContext {
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
        if let Some(msg) = self.refusal().filter(|_| !self.replacing_allowed()) {
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
                // Text half typed into forms was about the data now replaced.
                self.forget_left_forms();
                self.rev.set(stamp.rev);
                self.base.set_value(stamp);
                self.saved_at.set(now);
                self.unsaved.set(false);
                self.pending.set(false);
                self.conflict.set(false);
                self.missing_rounds.set(0);
                self.held_for_lost_rounds.set(false);
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
        match self.replace_all(text::LOAD_SAMPLE, crate::domain::sample::sample_city(2026)) {
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
    pub fn delete_snapshot(&self, taken_at: &str, label: &str) -> Result<(), String> {
        let store = self.store.get_value();
        let mut list = store.load_snapshots()?;
        let Some(index) = list.position(taken_at, label) else {
            return Err(text::SNAPSHOT_NOT_FOUND.into());
        };
        list.items.remove(index);
        store
            .save_snapshots(&list)
            .map_err(|e| format!("快照未能删除：{e}"))?;
        self.snapshots_changed.update(|n| *n += 1);
        Ok(())
    }

    /// Keeps a snapshot of the current data under `label` (skipped when there is no
    /// data). An unreadable list is set aside, then replaced: the new snapshot
    /// matters more.
    pub fn snapshot(&self, label: &str) -> Result<(), String> {
        self.state.with_untracked(|s| self.snapshot_of(label, s))
    }

    /// Keeps a snapshot of `state` (data other than this tab's: what another tab
    /// saved) under `label`, as [`snapshot`](Self::snapshot) does.
    pub fn snapshot_of(&self, label: &str, state: &AppState) -> Result<(), String> {
        self.keep_snapshot(label, state, false)
    }

    /// A snapshot of the current data before deleting one record: one that makes way
    /// before those taken before replacing data wholesale
    /// (`StoredSnapshots::keep_newest`).
    pub fn snapshot_before_deleting(&self, label: &str) -> Result<(), String> {
        self.state
            .with_untracked(|s| self.keep_snapshot(label, s, true))
    }

    fn keep_snapshot(&self, label: &str, state: &AppState, minor: bool) -> Result<(), String> {
        if *state == AppState::default() {
            return Ok(());
        }
        let store = self.store.get_value();
        // An unreadable list is replaced (the new snapshot matters more), once it is
        // set aside as it was; if it cannot be, the new snapshot is not taken over it.
        store
            .set_aside_damaged_snapshots()
            .map_err(|e| format!("快照未能保存：损坏的快照数据未能另存（{e}）"))?;
        let mut list = store.load_snapshots().unwrap_or_default();
        let now = self.clock.now_iso();
        if minor {
            list.take_minor(label, &now, state, KEEP);
        } else {
            list.take(label, &now, state, KEEP);
        }
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
        if let Some(msg) = self.refusal().filter(|_| !self.replacing_allowed()) {
            return Err(msg);
        }
        let store = self.store.get_value();
        let now = self.clock.now_iso();
        let stamp = store
            .clear_by(&self.me.get_value(), &now)
            .map_err(|e| e.to_string())?;
        self.undo.set_value(Vec::new());
        // Text half typed into forms was about the data now gone.
        self.forget_left_forms();
        self.state.set(AppState::default());
        self.rev.set(stamp.rev);
        self.base.set_value(stamp);
        self.saved_at.set(now);
        self.unsaved.set(false);
        self.pending.set(false);
        self.conflict.set(false);
        self.missing_rounds.set(0);
        self.held_for_lost_rounds.set(false);
        // The snapshots went with it: their list must not offer them any more.
        self.snapshots_changed.update(|n| *n += 1);
        Ok(())
    }

    /// The whole data as a backup file: an exchange file of kind 完整备份, which names
    /// who made it and when and carries a checksum, so a file changed on the way is
    /// refused on restore (both 从备份恢复 and 数据交换 read it).
    pub fn backup_text(&self) -> String {
        self.state
            .with_untracked(|s| crate::domain::exchange::export_backup(s, &self.clock.now_iso()))
    }
}
