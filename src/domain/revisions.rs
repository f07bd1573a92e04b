//! The cross-tab saving protocol, as pure decisions (see `docs/architecture.md`, "Two
//! tabs"). The store and the app context do the reading and writing; this module says
//! what a stored value's header means for a tab.
//!
//! Every stored value carries a [`Stamp`]: its revision and the tab that wrote it, and
//! the writer of the revision it was saved on top of (its parent). A tab remembers the
//! stamp its data stands on (its *base*). It may write only while the stored stamp is
//! still its base; a write from another tab is taken in only when it was made on top of
//! that same base. Anything else is a conflict that the person decides.

use serde::Deserialize;

use super::document;

/// Which write of the stored document a tab's data corresponds to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stamp {
    /// The revision, counting every save.
    pub rev: u64,
    /// The tab that wrote it (empty for values written before tabs were named, backups
    /// and restores).
    pub writer: String,
}

impl Stamp {
    /// A stamp of revision `rev` by `writer`.
    pub fn new(rev: u64, writer: &str) -> Stamp {
        Stamp {
            rev,
            writer: writer.to_string(),
        }
    }
}

/// The parent writer of a value a person chose to write over another tab's save (保留本
/// 窗口的数据): the tab whose save it replaces is told so, instead of taking it in.
pub const REPLACED: &str = "replaced";

/// What a stored value's first line says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampedHeader {
    /// This value's stamp.
    pub stamp: Stamp,
    /// The stamp it was saved on top of.
    pub parent: Stamp,
    /// Its schema version.
    pub schema: u32,
}

#[derive(Deserialize)]
struct HeaderLine {
    #[serde(default)]
    rev: u64,
    #[serde(default)]
    writer: String,
    #[serde(default)]
    parent: String,
}

/// Reads the stamp of a stored value (packed or plain) from its first bytes; `None`
/// when it does not start like one of this app's documents.
pub fn peek(raw: &str) -> Option<StampedHeader> {
    let header = document::peek_header(raw)?;
    // A packed value's header is one JSON line; a plain document has no writer.
    let (writer, parent) = raw
        .split_once('\n')
        .and_then(|(line, _)| serde_json::from_str::<HeaderLine>(line).ok())
        .filter(|h| h.rev == header.rev)
        .map(|h| (h.writer, h.parent))
        .unwrap_or_default();
    Some(StampedHeader {
        stamp: Stamp::new(header.rev, &writer),
        parent: Stamp::new(header.rev.saturating_sub(1), &parent),
        schema: header.schema,
    })
}

/// Whether a tab standing on `base` may write now, given what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveCheck {
    /// Write as the revision after `base` (or after what is stored, when nothing
    /// readable is).
    Go,
    /// Another tab (or program) wrote since this tab's data was read: writing would
    /// erase that.
    Stale { stored: Stamp },
    /// A newer app wrote the stored value: nothing may be written.
    NewerSchema { found: u32 },
}

/// Decides whether to write, given the stored value's header (`None`: nothing stored,
/// or a value whose header cannot be read; such a value was set aside at load).
pub fn check_save(stored: Option<&StampedHeader>, base: &Stamp, supported: u32) -> SaveCheck {
    match stored {
        None => SaveCheck::Go,
        Some(h) if h.schema > supported => SaveCheck::NewerSchema { found: h.schema },
        Some(h) if h.stamp == *base => SaveCheck::Go,
        Some(h) => SaveCheck::Stale {
            stored: h.stamp.clone(),
        },
    }
}

/// What a tab does when another tab has written the stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtherWrite {
    /// Nothing to do: it is what this tab already stands on, or an old event whose
    /// value has since been replaced by this tab's own.
    Ignore,
    /// Take the new data in: it was made on top of this tab's data, and this tab has
    /// nothing unsaved.
    Adopt,
    /// This tab holds changes that are not in storage and the stored data went another
    /// way: the person decides (keep this tab's data, or take the stored one).
    Conflict(ConflictKind),
}

/// Why a tab's changes and the stored data went different ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Another tab saved while this tab had changes it could not save yet.
    UnsavedHere,
    /// Another tab wrote over this tab's last save (both saved at nearly the same
    /// moment, and the other write landed last).
    Overwritten,
    /// A save of this tab was refused because another tab had saved first.
    Refused,
    /// The person in another tab chose to keep that tab's data over this tab's last
    /// save (保留本窗口的数据).
    Replaced,
}

/// Decides what to do with another tab's write `incoming`, when this tab (`me`) stands
/// on `base`, storage now holds `stored_now`, and `unsaved` says whether this tab has
/// changes that are not in storage. Events arrive in the order of the writes, so a
/// write is judged by its parent: adopted only when it was made on top of this tab's
/// own last save (or when this tab has written nothing it could lose).
pub fn on_other_write(
    incoming: &StampedHeader,
    stored_now: Option<&Stamp>,
    base: &Stamp,
    me: &str,
    unsaved: bool,
) -> OtherWrite {
    if incoming.stamp == *base || stored_now == Some(base) {
        // What this tab stands on, or an old event: storage still holds this tab's data.
        return OtherWrite::Ignore;
    }
    if unsaved {
        return OtherWrite::Conflict(ConflictKind::UnsavedHere);
    }
    if base.writer == me && incoming.parent.writer == REPLACED {
        // Kept over this tab's save by a person's choice there.
        return OtherWrite::Conflict(ConflictKind::Replaced);
    }
    if base.writer == me && incoming.parent != *base {
        // This tab's last save was written over by a write that does not build on it.
        return OtherWrite::Conflict(ConflictKind::Overwritten);
    }
    OtherWrite::Adopt
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::packing;
    use crate::domain::sample::sample_city;

    fn header(rev: u64, writer: &str, parent: &str) -> StampedHeader {
        StampedHeader {
            stamp: Stamp::new(rev, writer),
            parent: Stamp::new(rev - 1, parent),
            schema: 1,
        }
    }

    #[test]
    fn a_packed_value_carries_its_writer_and_parent() {
        let s = sample_city(1);
        let raw = packing::pack_stamped(&s, &Stamp::new(7, "tA"), "tB", "t");
        let h = peek(&raw).unwrap();
        assert_eq!(h.stamp, Stamp::new(7, "tA"));
        assert_eq!(h.parent, Stamp::new(6, "tB"));
        // Values written before stamps (and plain backups) read with no writer.
        let old = packing::pack(&s, 3, "t");
        assert_eq!(peek(&old).unwrap().stamp, Stamp::new(3, ""));
        let plain = document::serialize(&s, 4, "t");
        assert_eq!(peek(&plain).unwrap().stamp, Stamp::new(4, ""));
        assert_eq!(peek("not ours"), None);
    }

    #[test]
    fn a_tab_writes_only_on_top_of_what_it_read() {
        let base = Stamp::new(4, "tA");
        assert_eq!(check_save(None, &base, 1), SaveCheck::Go);
        assert_eq!(
            check_save(Some(&header(4, "tA", "tB")), &base, 1),
            SaveCheck::Go
        );
        // Another tab saved revision 5 first.
        assert_eq!(
            check_save(Some(&header(5, "tB", "tA")), &base, 1),
            SaveCheck::Stale {
                stored: Stamp::new(5, "tB")
            }
        );
        // Another tab wrote the same revision number: still not this tab's data.
        assert!(matches!(
            check_save(Some(&header(4, "tB", "tC")), &base, 1),
            SaveCheck::Stale { .. }
        ));
        let mut newer = header(9, "tB", "tA");
        newer.schema = 2;
        assert_eq!(
            check_save(Some(&newer), &base, 1),
            SaveCheck::NewerSchema { found: 2 }
        );
    }

    #[test]
    fn a_write_on_top_of_this_tabs_data_is_taken_in() {
        let base = Stamp::new(4, "tA");
        let incoming = header(5, "tB", "tA");
        assert_eq!(
            on_other_write(&incoming, Some(&incoming.stamp), &base, "tA", false),
            OtherWrite::Adopt
        );
        // The same write while this tab has unsaved changes: the person decides.
        assert_eq!(
            on_other_write(&incoming, Some(&incoming.stamp), &base, "tA", true),
            OtherWrite::Conflict(ConflictKind::UnsavedHere)
        );
    }

    #[test]
    fn two_saves_of_the_same_revision_are_a_conflict_for_the_loser_only() {
        // Both tabs stood on (4, tC) and wrote revision 5; B's write landed last.
        let a_base = Stamp::new(5, "tA");
        let b_base = Stamp::new(5, "tB");
        let from_a = header(5, "tA", "tC");
        let from_b = header(5, "tB", "tC");
        let stored = Stamp::new(5, "tB");
        // A hears B's write: A's save is gone.
        assert_eq!(
            on_other_write(&from_b, Some(&stored), &a_base, "tA", false),
            OtherWrite::Conflict(ConflictKind::Overwritten)
        );
        // B hears A's (earlier) write: storage holds B's own, nothing to do.
        assert_eq!(
            on_other_write(&from_a, Some(&stored), &b_base, "tB", false),
            OtherWrite::Ignore
        );
    }

    #[test]
    fn a_later_write_on_another_branch_is_still_a_conflict() {
        // A's revision 5 was overwritten by B's 5, then B wrote 6: A never adopts 6.
        let a_base = Stamp::new(5, "tA");
        let six = header(6, "tB", "tB");
        assert_eq!(
            on_other_write(&six, Some(&six.stamp), &a_base, "tA", false),
            OtherWrite::Conflict(ConflictKind::Overwritten)
        );
        // A tab that has written nothing since it loaded loses nothing: it takes any
        // newer data in, whoever wrote it.
        let loaded = Stamp::new(3, "");
        let seven = header(7, "tB", "tB");
        assert_eq!(
            on_other_write(&seven, Some(&seven.stamp), &loaded, "tA", false),
            OtherWrite::Adopt
        );
    }

    #[test]
    fn a_save_replaced_by_a_choice_in_another_tab_is_said_there() {
        // A saved revision 2; B, refused, chose 保留本窗口的数据 and wrote 3 over it. The
        // write stands on A's revision by number, but not on its content: A is told.
        let a_base = Stamp::new(2, "tA");
        let kept = header(3, "tB", REPLACED);
        assert_eq!(
            on_other_write(&kept, Some(&kept.stamp), &a_base, "tA", false),
            OtherWrite::Conflict(ConflictKind::Replaced)
        );
        // A tab with no save of its own there loses nothing: it takes the data in.
        let c_base = Stamp::new(2, "tA");
        assert_eq!(
            on_other_write(&kept, Some(&kept.stamp), &c_base, "tC", false),
            OtherWrite::Adopt
        );
    }
}
