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
    /// Taken before deleting one record (a unit, an outcome), not before replacing or
    /// merging data wholesale: such snapshots make way first (see
    /// [`StoredSnapshots::keep_newest`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minor: bool,
}

/// What a snapshot's data held, in a line:
/// `41 个单位、2 个考评轮次、88 份评分表、96 项成果、18 项整改、16 个结对、44 次督导`
/// (the sheets counted: a snapshot kept before removing a scored unit from a round read
/// as the data after it; pairings and visits, since deleting one keeps a snapshot: a
/// clerk's re-test could not tell it held the pairing).
pub fn summary(state: &AppState) -> String {
    // 保障投入 and 申报 said when there are any (a clerk's re-test: the snapshot kept
    // before deleting a 保障投入 record did not show it held them).
    let more = |n: usize, what: &str| {
        if n > 0 {
            format!("、{n} {what}")
        } else {
            String::new()
        }
    };
    format!(
        "{} 个单位、{} 个考评轮次、{} 份评分表、{} 项成果、{} 项整改、{} 个结对、{} 次督导{}{}",
        state.units.len(),
        state.rounds.len(),
        state.rounds.iter().map(|r| r.sheets.len()).sum::<usize>(),
        state.outcomes.len(),
        state.rectifications.len(),
        state.pairings.len(),
        state.guidance_visits.len(),
        more(state.resources.len(), "条保障投入"),
        more(state.applications.len(), "份申报"),
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
        self.take_as(label, now, state, keep, false);
    }

    /// [`take`](Self::take) before deleting one record: a [`StoredSnapshot::minor`] one.
    pub fn take_minor(&mut self, label: &str, now: &str, state: &AppState, keep: usize) {
        self.take_as(label, now, state, keep, true);
    }

    fn take_as(&mut self, label: &str, now: &str, state: &AppState, keep: usize, minor: bool) {
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
            minor,
        });
        self.keep_newest(keep);
    }

    /// Drops the oldest snapshots beyond `keep` (at least one is kept), never the
    /// newest one taken before replacing or merging data wholesale (a restore, an
    /// import, sample data) while another can go: a clerk's review lost the only copy
    /// from before a wrong restore to five deletions of an empty test unit.
    pub fn keep_newest(&mut self, keep: usize) {
        let keep = keep.max(1);
        while self.items.len() > keep {
            let pinned = self.items.iter().rposition(|s| !s.minor);
            let oldest = (0..self.items.len())
                .find(|&i| Some(i) != pinned)
                .unwrap_or(0);
            self.items.remove(oldest);
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
                "{} 个单位、{} 个考评轮次、{} 份评分表、{} 项成果、{} 项整改、{} 个结对、{} 次督导、{} 条保障投入、{} 份申报",
                s.units.len(),
                s.rounds.len(),
                s.rounds.iter().map(|r| r.sheets.len()).sum::<usize>(),
                s.outcomes.len(),
                s.rectifications.len(),
                s.pairings.len(),
                s.guidance_visits.len(),
                s.resources.len(),
                s.applications.len()
            )
        );
        assert!(
            s.resources.len() * s.applications.len() > 0,
            "the sample has both"
        );
        // Without any, they are not said.
        assert!(summary(&AppState::default()).ends_with("0 次督导"));
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
    fn deletions_never_push_out_the_newest_copy_from_before_a_restore() {
        let mut list = StoredSnapshots::default();
        let state = |k: u64| {
            let mut st = AppState::default();
            st.settings.next_id = k;
            st
        };
        list.take("导入前：a.json", "t0", &state(0), KEEP);
        list.take("从备份恢复前：b.json", "t1", &state(1), KEEP);
        for k in 2..9u64 {
            list.take_minor(&format!("删除单位前：临时单位{k}"), "t", &state(k), KEEP);
        }
        let labels: Vec<&str> = list.items.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "从备份恢复前：b.json",
                "删除单位前：临时单位5",
                "删除单位前：临时单位6",
                "删除单位前：临时单位7",
                "删除单位前：临时单位8"
            ],
            "the older import went first, then the oldest deletions; the restore stays"
        );
        assert_eq!(list.restore(0).unwrap().settings.next_id, 1);
        // A newer wholesale snapshot takes its place as the one kept.
        list.take("导入前：c.json", "t9", &state(9), KEEP);
        list.take_minor("删除成果前：x", "t10", &state(10), KEEP);
        assert_eq!(list.items.len(), KEEP);
        assert!(!list
            .items
            .iter()
            .any(|s| s.label == "删除单位前：临时单位5"));
        list.take_minor("删除成果前：y", "t11", &state(11), KEEP);
        list.take_minor("删除成果前：z", "t12", &state(12), KEEP);
        list.take_minor("删除成果前：w", "t13", &state(13), KEEP);
        list.take_minor("删除成果前：v", "t14", &state(14), KEEP);
        assert_eq!(list.items[0].label, "导入前：c.json");
        assert!(!list.items.iter().any(|s| s.label == "从备份恢复前：b.json"));
        // Stored and read back, the mark stays; one stored before it reads as wholesale.
        let back = StoredSnapshots::from_stored(&list.to_stored()).unwrap();
        assert_eq!(back, list);
        assert!(!back.items[0].minor && back.items[1].minor);
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
