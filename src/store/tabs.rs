//! Another tab's writes: the `storage` event on the state key and on the snapshots.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Store;

impl Store {
    /// Calls `on_change(raw)` when another tab writes this store's state key,
    /// `on_snapshots()` when it takes or deletes a snapshot, and `on_left_drafts()` when
    /// it mirrors, saves or drops its unsaved form text. Returns the listener; drop it to
    /// stop listening.
    pub fn watch_other_tabs(
        &self,
        on_change: impl Fn(String) + 'static,
        on_snapshots: impl Fn() + 'static,
        on_left_drafts: impl Fn() + 'static,
    ) -> OtherTabListener {
        let (key, snapshots) = (self.key_state(), self.key_snapshots());
        let left = self.key_left_head();
        OtherTabListener::new(move |e: web_sys::StorageEvent| match e.key() {
            Some(k) if k == key => {
                if let Some(v) = e.new_value() {
                    on_change(v);
                }
            }
            Some(k) if k == snapshots => on_snapshots(),
            Some(k) if k.starts_with(&left) => on_left_drafts(),
            _ => {}
        })
    }
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
