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
