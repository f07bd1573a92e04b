//! Several task copies in one browser (see [`crate::domain::copies`]): which copy this
//! tab shows, switching in one click, a task file opened into a copy of its own, and
//! removing a copy.

use super::*;
use crate::domain::copies::{self, CopyEntry, CopyList};
use crate::store::copies as stored;

impl AppContext {
    /// The task copy this tab shows (`None`: the browser's main data).
    pub fn current_copy(&self) -> Option<String> {
        self.store.with_value(|s| s.copy_id())
    }

    /// The task copies of this browser, with the main data's name as last seen.
    pub fn copies(&self) -> CopyList {
        let mut list = stored::load_list();
        if self.current_copy().is_none() {
            self.note_main(&mut list);
        }
        list
    }

    /// Notes in `list` what the main data (shown in this tab) holds.
    fn note_main(&self, list: &mut CopyList) {
        list.main_label = self.state.with_untracked(copies::label_of);
        list.main_id = self.state.with_untracked(copies::task_id_of);
    }

    /// Whether this browser already holds the copy `id` (with data), or the main data,
    /// shown in another copy now, holds that task.
    pub fn copy_exists(&self, id: &str) -> bool {
        let list = stored::load_list();
        (list.find(id).is_some() && stored::has_data(id))
            || (self.current_copy().is_some() && !id.is_empty() && list.main_id == id)
    }

    /// Shows another copy in this tab (`None`: the main data), after saving what waits.
    pub fn switch_copy(&self, id: Option<String>) {
        self.save_pending();
        if self.current_copy().is_none() {
            let mut list = stored::load_list();
            self.note_main(&mut list);
            // Only a name for the switcher: the switch goes ahead if it cannot be kept.
            let _ = stored::save_list(&list);
        }
        stored::switch_to(id.as_deref());
    }

    /// Puts a task just opened from a file into a copy of its own and shows it. A copy of
    /// the same task already here (or the main data, holding it) keeps its work (the file
    /// does not overwrite it) and is shown instead. Nothing of this tab's own data changes.
    pub fn open_task_copy(&self, entry: CopyEntry, next: &AppState) -> Result<(), StoreError> {
        // The main data holds this task (the first task file opened in this browser).
        if self.current_copy().is_some() && stored::load_list().main_id == entry.id {
            self.switch_copy(None);
            return Ok(());
        }
        if !self.copy_exists(&entry.id) {
            let me = self.me.get_value();
            stored::store_of(&entry.id).overwrite_by(next, &me, &self.clock.now_iso())?;
        }
        let mut list = stored::load_list();
        list.upsert(entry.clone());
        stored::save_list(&list)?;
        self.switch_copy(Some(entry.id));
        Ok(())
    }

    /// Removes the task copy this tab shows (its data, snapshots and place in the list)
    /// and shows the main data.
    pub fn remove_this_copy(&self) -> Result<(), StoreError> {
        let Some(id) = self.current_copy() else {
            return Ok(());
        };
        // Nothing may be saved into the copy after it is gone.
        self.pending.set(false);
        stored::remove(&id)?;
        stored::switch_to(None);
        Ok(())
    }
}
