//! What a tab typed and has not saved (form texts, scheme edits): in the tab's session
//! storage, so a reload finds it, and mirrored in local storage under the tab's name,
//! so a tab opened after the browser was closed can offer to take it back.

use super::Store;

/// One tab's mirrored drafts of one kind, as another tab finds them.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftDrafts {
    /// The local-storage key they are under (forgotten by it once taken or dropped).
    pub key: String,
    /// The drafts, as the tab wrote them (JSON).
    pub text: String,
}

impl Store {
    /// The key, in this tab's session storage, of the text typed into forms and the
    /// scheme edits not saved yet.
    fn key_drafts(&self, what: &str) -> String {
        format!("{}.drafts.{what}", self.prefix)
    }

    /// The key, in session storage, of this tab's name: a reload keeps it.
    fn key_tab(&self) -> String {
        format!("{}.drafts.tab", self.prefix)
    }

    /// Where every tab mirrors its drafts, by tab name and kind.
    pub(super) fn key_left_head(&self) -> String {
        format!("{}.drafts.left.", self.prefix)
    }

    fn session() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// This tab's name, made on its first page load and kept for its reloads (`None`
    /// when session storage is refused: nothing is mirrored then).
    fn tab(&self) -> Option<String> {
        let s = Self::session()?;
        if let Some(t) = s.get_item(&self.key_tab()).ok().flatten() {
            return Some(t);
        }
        let a = (js_sys::Math::random() * 1e15) as u64;
        let t = format!("t{a:x}");
        s.set_item(&self.key_tab(), &t).ok()?;
        Some(t)
    }

    /// What this tab kept of `what` (`forms` or `schemes`) before the page was reloaded:
    /// session storage, so this tab only, and gone when the tab closes.
    pub fn read_drafts(&self, what: &str) -> Option<String> {
        Self::session()?
            .get_item(&self.key_drafts(what))
            .ok()
            .flatten()
    }

    /// Keeps `value` as this tab's `what` until the next write (`None`: forgets it),
    /// in session storage and mirrored in local storage under the tab's name. Best
    /// effort: a refused write leaves drafts kept for this page only, as before.
    pub fn write_drafts(&self, what: &str, value: Option<&str>) {
        if let Some(s) = Self::session() {
            let key = self.key_drafts(what);
            let _ = match value {
                Some(v) => s.set_item(&key, v),
                None => s.remove_item(&key),
            };
        }
        let (Some(tab), Ok(l)) = (self.tab(), self.raw()) else {
            return;
        };
        let key = format!("{}{tab}.{what}", self.key_left_head());
        let _ = match value {
            Some(v) => l.set_item(&key, v),
            None => l.remove_item(&key),
        };
    }

    /// The drafts of `what` other tabs mirrored and still hold: of a tab closed with
    /// them (the browser closed, or the tab closed and 离开 chosen), or of a tab still
    /// open elsewhere. In key order.
    pub fn left_drafts(&self, what: &str) -> Vec<LeftDrafts> {
        let Ok(l) = self.raw() else {
            return Vec::new();
        };
        let head = self.key_left_head();
        let own = self.tab().map(|t| format!("{head}{t}.{what}"));
        let tail = format!(".{what}");
        let n = l.length().unwrap_or(0);
        let mut found: Vec<LeftDrafts> = (0..n)
            .filter_map(|i| l.key(i).ok().flatten())
            .filter(|k| k.starts_with(&head) && k.ends_with(&tail) && Some(k) != own.as_ref())
            .filter_map(|k| {
                let text = l.get_item(&k).ok().flatten()?;
                Some(LeftDrafts { key: k, text })
            })
            .collect();
        found.sort_by(|a, b| a.key.cmp(&b.key));
        found
    }

    /// Forgets the mirrored drafts under `keys` (taken into this tab, or dropped).
    pub fn forget_left_drafts<'a>(&self, keys: impl IntoIterator<Item = &'a str>) {
        if let Ok(l) = self.raw() {
            for k in keys {
                let _ = l.remove_item(k);
            }
        }
    }

    /// Puts back under `key` the part of another tab's drafts not taken (`left`), or
    /// forgets the key when all was taken.
    pub fn keep_left_drafts<T: serde::Serialize>(
        &self,
        key: &str,
        left: &std::collections::BTreeMap<String, T>,
    ) {
        let Ok(l) = self.raw() else {
            return;
        };
        let text = (!left.is_empty())
            .then(|| serde_json::to_string(left).ok())
            .flatten();
        let _ = match text {
            Some(t) => l.set_item(key, &t),
            None => l.remove_item(key),
        };
    }

    /// Forgets every other tab's mirrored drafts: the data they were typed against was
    /// replaced (restore, 清空, 载入示例数据).
    pub fn forget_all_left_drafts(&self) {
        for what in [super::DRAFTS_FORMS, super::DRAFTS_SCHEMES] {
            let keys: Vec<String> = self.left_drafts(what).into_iter().map(|d| d.key).collect();
            self.forget_left_drafts(keys.iter().map(String::as_str));
        }
    }
}
