//! The snapshots taken before imports and restores, under [`Store::key_snapshots`].

use crate::domain::snapshots::StoredSnapshots;

use super::{js_to_store_error, Store, StoreError};

impl Store {
    /// The snapshots kept; none when nothing is stored. An unreadable value is an
    /// error (and is left where it is until the next snapshot replaces it).
    pub fn load_snapshots(&self) -> Result<StoredSnapshots, String> {
        match self.read(&self.key_snapshots()) {
            None => Ok(StoredSnapshots::default()),
            Some(raw) => StoredSnapshots::from_stored(&raw).map_err(|e| e.to_string()),
        }
    }

    /// Sets the stored list of snapshots aside, as it is, when it cannot be read: a new
    /// snapshot is about to replace it (a clerk's review: damaged snapshots vanished
    /// without a trace at the next one). An earlier value set aside is kept, not
    /// overwritten. Nothing happens when the list reads or nothing is stored.
    pub fn set_aside_damaged_snapshots(&self) -> Result<(), StoreError> {
        let Some(raw) = self.read(&self.key_snapshots()) else {
            return Ok(());
        };
        if StoredSnapshots::from_stored(&raw).is_ok()
            || self.read(&self.key_snapshots_damaged()).is_some()
        {
            return Ok(());
        }
        self.write(&self.key_snapshots_damaged(), &raw)
    }

    /// How many characters the list of snapshots set aside as damaged holds, if any.
    pub fn damaged_snapshots_chars(&self) -> Option<usize> {
        self.read(&self.key_snapshots_damaged())
            .map(|v| v.encode_utf16().count())
    }

    /// The list of snapshots set aside as damaged, as a file for whoever tries to
    /// recover it; `None`: nothing is set aside.
    pub fn damaged_snapshots_file(&self, now: &str) -> Option<String> {
        let key = self.key_snapshots_damaged();
        let value = self.read(&key)?;
        Some(crate::domain::damaged::damaged_file(&key, &value, &[], now))
    }

    /// Removes the list of snapshots set aside as damaged.
    pub fn remove_damaged_snapshots(&self) -> Result<(), StoreError> {
        self.raw()?
            .remove_item(&self.key_snapshots_damaged())
            .map_err(js_to_store_error)
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
}
