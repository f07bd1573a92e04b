//! Where the task copies of this browser are kept (see [`crate::domain::copies`]): the
//! list under one key, each copy's data under its own prefix, and which copy a tab shows
//! (the page's `?copy=` parameter, so each tab and each bookmark keeps its copy).

use crate::domain::copies::{self, CopyList};

use super::{js_to_store_error, Store, StoreError, APP_PREFIX};

/// The key of the list of task copies.
fn list_key() -> String {
    format!("{APP_PREFIX}.copies")
}

fn storage() -> Result<web_sys::Storage, StoreError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        _ => Err(StoreError::Unavailable),
    }
}

/// The task copies of this browser (none when nothing is stored or it is unreadable).
pub fn load_list() -> CopyList {
    storage()
        .ok()
        .and_then(|s| s.get_item(&list_key()).ok().flatten())
        .map(|t| CopyList::parse(&t))
        .unwrap_or_default()
}

/// Keeps the list of task copies.
pub fn save_list(list: &CopyList) -> Result<(), StoreError> {
    storage()?
        .set_item(&list_key(), &list.to_text())
        .map_err(js_to_store_error)
}

/// The copy this page asks for with `?copy=`, if any.
pub fn asked_for() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    copies::copy_from_query(&search)
}

/// The store of a task copy.
pub fn store_of(id: &str) -> Store {
    Store::new(&copies::prefix(id))
}

/// The store this page shows: the listed copy its `?copy=` names, else the main one.
/// The second value is the copy asked for that this browser does not have.
pub fn current() -> (Store, Option<String>) {
    match asked_for() {
        Some(id) if load_list().find(&id).is_some() => (store_of(&id), None),
        Some(id) => (Store::app(), Some(id)),
        None => (Store::app(), None),
    }
}

/// Notes that this page shows copy `shown` (`None`: the main data) and returns the copy
/// in use before, if another ([`CopyList::opened`]). Nothing is said when the list
/// cannot be kept.
pub fn note_opened(shown: Option<&str>) -> Option<copies::CopyEntry> {
    let mut list = load_list();
    let was = list.last_shown.clone();
    let before = list.opened(shown);
    if list.last_shown != was {
        let _ = save_list(&list);
    }
    before
}

/// Whether a copy's data is stored.
pub fn has_data(id: &str) -> bool {
    let s = store_of(id);
    s.read(&s.key_state()).is_some()
}

/// Removes a copy's data and its entry in the list.
pub fn remove(id: &str) -> Result<(), StoreError> {
    store_of(id).clear()?;
    let mut list = load_list();
    list.remove(id);
    save_list(&list)
}

/// Loads the page again showing copy `id` (`None`: the main data), on its 我的任务 or
/// 概览 page. Other parameters (the test clock) are kept.
pub fn switch_to(id: Option<&str>) {
    // Chosen here: the page it opens says nothing of the copy left.
    let mut list = load_list();
    if list.last_shown != id.unwrap_or_default() {
        list.last_shown = id.unwrap_or_default().to_string();
        let _ = save_list(&list);
    }
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let search = loc.search().unwrap_or_default();
    let mut params: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(copies::COPY_PARAM))
        .map(str::to_string)
        .collect();
    if let Some(id) = id {
        params.push(format!("{}={id}", copies::COPY_PARAM));
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    let path = loc.pathname().unwrap_or_default();
    let _ = loc.assign(&format!("{path}{query}#/"));
}
