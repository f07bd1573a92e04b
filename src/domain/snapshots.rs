//! The stored form of snapshots (快照): copies of the whole state taken before every
//! import and every restore, kept in local storage apart from the state itself.
//!
//! Each snapshot's state is packed on its own ([`packing::pack`]), so listing the
//! snapshots reads only labels and times, taking one packs only the new state, and
//! restoring one unpacks only that one:
//!
//! ```json
//! {"format":"exemplar-snapshots","items":[{"label":"导入前：…","taken_at":"…","packed":"{…}\n䀀…","summary":"41 个单位、…"}]}
//! ```

use serde::{Deserialize, Serialize};

use super::document::DocumentError;
use super::model::AppState;
use super::packing;

/// The `format` tag of the stored list.
pub const FORMAT_TAG: &str = "exemplar-snapshots";

/// How many snapshots are kept (the newest).
pub const KEEP: usize = 5;

/// One snapshot: a label, when it was taken, and the packed state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSnapshot {
    /// E.g. `导入前：单位报送-市财政局机关党委-20261128.json`.
    pub label: String,
    /// ISO time.
    pub taken_at: String,
    /// The state as [`packing::pack`] writes it.
    pub packed: String,
    /// What the data held, in a line ([`summary`]), so that snapshots taken for the same
    /// reason can be told apart without unpacking them. Empty in one taken before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// What a snapshot's data held, in a line: `41 个单位、2 个考评轮次、96 项成果、18 项整改`.
pub fn summary(state: &AppState) -> String {
    format!(
        "{} 个单位、{} 个考评轮次、{} 项成果、{} 项整改",
        state.units.len(),
        state.rounds.len(),
        state.outcomes.len(),
        state.rectifications.len()
    )
}

/// The snapshots, oldest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StoredSnapshots {
    #[serde(default)]
    pub items: Vec<StoredSnapshot>,
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'a str,
    items: &'a [StoredSnapshot],
}

#[derive(Deserialize)]
struct In {
    format: Option<String>,
    #[serde(default)]
    items: Vec<StoredSnapshot>,
}

impl StoredSnapshots {
    /// Adds a copy of `state`, keeping the newest `keep` (at least one).
    pub fn take(&mut self, label: &str, now: &str, state: &AppState, keep: usize) {
        // Packed without a time (the time is `taken_at`), so the same data packs the
        // same: taking it again (the same backup restored five times) replaces the
        // older copy instead of pushing different snapshots out.
        let packed = packing::pack(state, 0, "");
        self.items.retain(|s| s.packed != packed);
        self.items.push(StoredSnapshot {
            label: label.to_string(),
            taken_at: now.to_string(),
            packed,
            summary: summary(state),
        });
        self.keep_newest(keep);
    }

    /// Drops the oldest snapshots beyond `keep` (at least one is kept).
    pub fn keep_newest(&mut self, keep: usize) {
        let keep = keep.max(1);
        if self.items.len() > keep {
            let extra = self.items.len() - keep;
            self.items.drain(..extra);
        }
    }

    /// Where the snapshot taken at `taken_at` under `label` is now: another tab may have
    /// taken one since (pushing the oldest out) or deleted one, so a place in a list
    /// shown earlier does not name it.
    pub fn position(&self, taken_at: &str, label: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|s| s.taken_at == taken_at && s.label == label)
    }

    /// The state saved in snapshot `index`.
    pub fn restore(&self, index: usize) -> Result<AppState, DocumentError> {
        let item = self
            .items
            .get(index)
            .ok_or_else(|| DocumentError::BadContent("找不到这个快照".into()))?;
        packing::parse_stored(&item.packed).map(|d| d.state)
    }

    /// The text kept in local storage.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&Out {
            format: FORMAT_TAG,
            items: &self.items,
        })
        .unwrap_or_default()
    }

    /// Reads the text kept in local storage.
    pub fn from_stored(raw: &str) -> Result<StoredSnapshots, DocumentError> {
        let v: In = serde_json::from_str(raw).map_err(|e| {
            DocumentError::NotJson(crate::domain::exchange::zh_serde(&e.to_string()))
        })?;
        if v.format.as_deref() != Some(FORMAT_TAG) {
            return Err(DocumentError::WrongFormat);
        }
        Ok(StoredSnapshots { items: v.items })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;

    #[test]
    fn a_snapshot_gives_back_the_exact_state() {
        let mut list = StoredSnapshots::default();
        let s = sample_city(3);
        list.take("导入前", "2026-11-28T00:00:00Z", &s, KEEP);
        let back = StoredSnapshots::from_stored(&list.to_stored()).unwrap();
        assert_eq!(back, list);
        assert_eq!(back.restore(0).unwrap(), s);
        assert!(back.restore(1).is_err());
        // Its line says what it holds, without unpacking it.
        assert_eq!(
            back.items[0].summary,
            format!(
                "{} 个单位、{} 个考评轮次、{} 项成果、{} 项整改",
                s.units.len(),
                s.rounds.len(),
                s.outcomes.len(),
                s.rectifications.len()
            )
        );
        // One stored before it reads, with no line.
        let old = r#"{"format":"exemplar-snapshots","items":[{"label":"导入前","taken_at":"t","packed":""}]}"#;
        let read = StoredSnapshots::from_stored(old).unwrap();
        assert_eq!(read.items[0].summary, "");
        assert!(!read.to_stored().contains("summary"));
    }

    #[test]
    fn only_the_newest_are_kept() {
        let mut list = StoredSnapshots::default();
        for k in 0..7u64 {
            let mut st = AppState::default();
            st.settings.next_id = k;
            list.take(&format!("s{k}"), "t", &st, KEEP);
        }
        assert_eq!(list.items.len(), KEEP);
        assert_eq!(list.items[0].label, "s2");
        assert_eq!(list.restore(KEEP - 1).unwrap().settings.next_id, 6);
        list.keep_newest(0);
        assert_eq!(list.items.len(), 1);
        assert_eq!(list.items[0].label, "s6");
    }

    #[test]
    fn the_same_data_taken_again_replaces_its_older_copy() {
        let mut list = StoredSnapshots::default();
        let mut other = AppState::default();
        other.settings.next_id = 9;
        list.take("另一份", "2026-12-01T08:00:00Z", &other, KEEP);
        let same = sample_city(3);
        for k in 0..5 {
            list.take(
                &format!("从备份恢复前：good.json #{k}"),
                &format!("2026-12-01T09:0{k}:00Z"),
                &same,
                KEEP,
            );
        }
        assert_eq!(list.items.len(), 2, "the different one is not pushed out");
        assert_eq!(list.items[0].label, "另一份");
        assert_eq!(list.items[1].label, "从备份恢复前：good.json #4");
        assert_eq!(list.restore(1).unwrap(), same);
    }

    #[test]
    fn a_snapshot_is_found_by_its_time_and_label_after_the_list_moved() {
        let mut list = StoredSnapshots::default();
        for k in 0..KEEP as u64 {
            let mut st = AppState::default();
            st.settings.next_id = k;
            list.take(
                &format!("导入前：{k}.json"),
                &format!("2026-12-0{}T08:00:00Z", k + 1),
                &st,
                KEEP,
            );
        }
        // A clerk's list shows the second oldest at place 1; another window then takes
        // a snapshot, and the oldest is pushed out.
        let (at, label) = (list.items[1].taken_at.clone(), list.items[1].label.clone());
        let mut st = AppState::default();
        st.settings.next_id = 99;
        list.take("导入前：新.json", "2026-12-09T08:00:00Z", &st, KEEP);
        assert_eq!(list.position(&at, &label), Some(0));
        assert_eq!(list.restore(0).unwrap().settings.next_id, 1);
        // Gone, or another label at the same time: not found.
        assert_eq!(
            list.position("2026-12-01T08:00:00Z", "导入前：0.json"),
            None
        );
        assert_eq!(list.position(&at, "导入前：0.json"), None);
    }

    #[test]
    fn damaged_text_is_an_error() {
        assert!(StoredSnapshots::from_stored("{").is_err());
        assert_eq!(
            StoredSnapshots::from_stored(r#"{"format":"x","items":[]}"#),
            Err(DocumentError::WrongFormat)
        );
        let mut list = StoredSnapshots::default();
        list.take("a", "t", &AppState::default(), KEEP);
        let p = &list.items[0].packed;
        list.items[0].packed = p.chars().take(p.chars().count() / 2).collect();
        assert!(list.restore(0).is_err());
    }
}
