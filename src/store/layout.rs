//! The parts of the stored layout in local storage (see [`crate::domain::parts`]): each
//! part under `<prefix>.part.<name>`, the manifest that names them under the state key.

use std::sync::{Mutex, MutexGuard};

use crate::domain::document::{Document, DocumentError};
use crate::domain::parts::{self, Manifest, Part, PartCache, SavePlan};
use crate::domain::AppState;

use super::{js_to_store_error, Store, StoreError};

impl Store {
    /// The key of part `name`.
    pub fn key_part(&self, name: &str) -> String {
        format!("{}.part.{name}", self.prefix)
    }

    fn part_head(&self) -> String {
        format!("{}.part.", self.prefix)
    }

    pub(super) fn cache(&self) -> MutexGuard<'_, PartCache> {
        lock(&self.cache)
    }

    /// Reads a stored value of any layout, its parts from this store (or, when it names
    /// parts this store already holds, from what they hold).
    pub(super) fn parse_value(&self, raw: &str) -> Result<Document, DocumentError> {
        let cache = self.cache().clone();
        parts::read_stored_cached(raw, &cache, |name| self.read(&self.key_part(name)))
    }

    /// Remembers which parts hold `state`, read from the stored value `raw` (nothing
    /// is remembered for a value of the old single-value layout).
    pub(super) fn remember(&self, raw: &str, state: &AppState) {
        let cache = match parts::parse_manifest(raw) {
            Ok(m) if parts::is_manifest(raw) => PartCache::of(state, &m),
            _ => PartCache::default(),
        };
        *self.cache() = cache;
    }

    /// The manifest in the stored value `raw`, if it is one and reads: the one this
    /// store wrote last when `raw` is exactly what it wrote.
    pub(super) fn manifest_of(&self, raw: &str) -> Option<Manifest> {
        if let Some((text, m)) = lock(&self.last).as_ref() {
            if text == raw {
                return Some(m.clone());
            }
        }
        parts::parse_manifest(raw)
            .ok()
            .filter(|_| parts::is_manifest(raw))
    }

    /// The manifest stored under `key`, if the value there is one and reads.
    pub(super) fn manifest_at(&self, key: &str) -> Option<Manifest> {
        self.read(key)
            .filter(|r| parts::is_manifest(r))
            .and_then(|r| parts::parse_manifest(&r).ok())
    }

    /// The names of the parts stored now (an empty list when storage cannot be used).
    pub fn part_names(&self) -> Vec<String> {
        self.raw()
            .map(|s| self.stored_parts(&s))
            .unwrap_or_default()
    }

    /// The names of the parts stored now.
    pub(super) fn stored_parts(&self, storage: &web_sys::Storage) -> Vec<String> {
        let head = self.part_head();
        let n = storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|k| k.strip_prefix(head.as_str()).map(str::to_string))
            .collect()
    }

    /// Writes the parts of `plan`. On failure the parts written so far are removed
    /// again (the stored manifest never named them) and the error is returned.
    pub(super) fn write_parts(
        &self,
        storage: &web_sys::Storage,
        plan: &SavePlan,
        stored: Option<&Manifest>,
    ) -> Result<(), StoreError> {
        for (i, p) in plan.writes.iter().enumerate() {
            if let Err(e) = storage.set_item(&self.key_part(&p.name), &p.value) {
                self.forget_parts(storage, &plan.writes[..i], stored);
                return Err(js_to_store_error(e));
            }
        }
        Ok(())
    }

    /// Removes `written` parts that `stored` does not name (a save that did not go
    /// through).
    pub(super) fn forget_parts(
        &self,
        storage: &web_sys::Storage,
        written: &[Part],
        stored: Option<&Manifest>,
    ) {
        for p in written {
            if !stored.is_some_and(|m| m.parts().any(|n| n == p.name)) {
                let _ = storage.remove_item(&self.key_part(&p.name));
            }
        }
    }

    /// Whether every written part reads back as written.
    pub(super) fn parts_read_back(&self, storage: &web_sys::Storage, written: &[Part]) -> bool {
        written.iter().all(|p| {
            storage
                .get_item(&self.key_part(&p.name))
                .ok()
                .flatten()
                .as_deref()
                == Some(p.value.as_str())
        })
    }

    /// Removes the parts that neither `now`, the previous copy nor a value set aside as
    /// damaged names, nor are held with a damaged value that names none.
    pub(super) fn remove_unused_parts(&self, storage: &web_sys::Storage, now: &Manifest) {
        let previous = self.manifest_at(&self.key_previous());
        let damaged = self.manifest_at(&self.key_damaged());
        let keep: Vec<&Manifest> = std::iter::once(now)
            .chain(previous.as_ref())
            .chain(damaged.as_ref())
            .collect();
        let stored = self.stored_parts(storage);
        let held = match self.read(&self.key_damaged()) {
            Some(value) => self.damaged_parts(&value),
            None => Vec::new(),
        };
        for name in parts::unused_parts(&stored, &keep)
            .into_iter()
            .filter(|n| !held.iter().any(|h| h == *n))
        {
            let _ = storage.remove_item(&self.key_part(name));
        }
    }

    /// Removes every part of this store.
    pub(super) fn remove_all_parts(&self, storage: &web_sys::Storage) -> Result<(), StoreError> {
        for name in self.stored_parts(storage) {
            storage
                .remove_item(&self.key_part(&name))
                .map_err(js_to_store_error)?;
        }
        Ok(())
    }
}

/// The cache, even when an earlier holder panicked (it is only a hint: a part is reused
/// only when the stored manifest names it).
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
