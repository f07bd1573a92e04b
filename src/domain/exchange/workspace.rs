//! The state kept for exchange: the access codes the committee issued, the focused
//! mode of a copy opened from a task file, and snapshots taken before imports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::content::PublishedResults;
use super::envelope::Party;
use super::signing::CommitteeKey;
use crate::domain::model::{AppState, Id, Round};

/// An access code issued to a unit or assessor for one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessCode {
    pub round_id: Id,
    pub party: Party,
    /// `XXXX-XXXX-XXXX-XXXX` from an alphabet without 0/O, 1/I/L.
    pub code: String,
    pub issued_at: String,
}

/// What the committee sent of one record in a task file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// The record's `rev` when sent: the conflict rule's base.
    pub rev: u32,
    /// A digest of the committee's fields when sent (see `ownership::committee_digest`).
    #[serde(default)]
    pub committee: String,
    /// A digest of the sender's own fields when sent, its merged lists left out (see
    /// `ownership::sender_digest`); empty in a ledger older than it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sender: String,
    /// Digests of the items of its merged lists when sent (a pairing's activities).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// A short digest of each of the sender's fields when sent, one after another, for
    /// the kinds merged field by field (see `ownership::field_digests`); empty in a
    /// ledger older than it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fields: String,
    /// A score sheet's points as sent, or as the sender's last return had them, one per
    /// indicator, comma-separated (blank for none): a return changing some scores while
    /// the committee corrected others is merged score by score (see
    /// `ownership::merge_sheet`). Empty for other kinds and in a ledger older than it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cells: String,
    /// The sender's revision of the return whose scores [`SentRecord::cells`] holds;
    /// 0 while it holds what was sent.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub got: u32,
    /// In a copy's [`Workspace::returned`]: for each of [`SentRecord::items`], the
    /// number of the return that first carried it (1 the first). A task file holding an
    /// item first returned in one return shows the committee took that return and those
    /// before it, not a later one it may have refused (a clerk's review: a refused
    /// return's activities were taken for removed by the committee and vanished from the
    /// copy). Empty elsewhere and in a copy older than it (all read as one return).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gens: Vec<u32>,
}

impl SentRecord {
    /// The return that first carried item `i` ([`SentRecord::gens`]); 0 unknown.
    pub fn gen(&self, i: usize) -> u32 {
        self.gens.get(i).copied().unwrap_or(0)
    }

    /// This return's record with [`SentRecord::gens`] counted on from `before`, the
    /// record of the last return: an item it carried keeps its number, a new one gets
    /// the next.
    pub fn counted_from(mut self, before: Option<&SentRecord>) -> SentRecord {
        let next = before
            .map(|b| (0..b.items.len()).map(|i| b.gen(i)).max().unwrap_or(0))
            .unwrap_or(0)
            + 1;
        self.gens = self
            .items
            .iter()
            .map(|d| {
                before
                    .and_then(|b| b.items.iter().position(|x| x == d).map(|i| b.gen(i)))
                    .unwrap_or(next)
            })
            .collect();
        self
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The committee's own record of the last task file it exported to a party for a round.
/// Conflicts are decided from this, never from the `base` a return file carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentTask {
    pub round_id: Id,
    pub party: Party,
    /// When the task file was made.
    pub at: String,
    /// Record key → what was sent.
    #[serde(default)]
    pub records: BTreeMap<String, SentRecord>,
    /// The scheme version the task file carried; empty in a ledger older than it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheme_id: Id,
    /// What earlier task files to the party sent of the records merged field by field
    /// (outcomes, pairings, 保障投入), where a later file sent something else: a return
    /// made from an earlier file is merged against what that file sent (its `rev`), not
    /// against what the sender never had. At most [`EARLIER_KEPT`] per record, newest
    /// last; empty in a ledger older than it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub earlier: BTreeMap<String, Vec<SentRecord>>,
}

/// How many earlier versions of a record [`SentTask::earlier`] keeps.
pub const EARLIER_KEPT: usize = 3;

impl SentTask {
    /// What the task file that sent `key` at revision `rev` sent of it, this one or an
    /// earlier one.
    pub fn sent_at(&self, key: &str, rev: u32) -> Option<&SentRecord> {
        self.records
            .get(key)
            .filter(|s| s.rev == rev)
            .or_else(|| self.earlier.get(key)?.iter().rev().find(|s| s.rev == rev))
    }
}

/// The codes this copy issued (committee side) and what its task files sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ExchangeBook {
    #[serde(default)]
    pub codes: Vec<AccessCode>,
    /// One entry per round and party: the last task file exported to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<SentTask>,
    /// The committee's key that signs published results (made at the first task export
    /// or results export). A backup carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<CommitteeKey>,
    /// Return files taken in by imports (`receipts.rs`): counted on the round page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<super::receipts::Receipt>,
    /// Keys of records a unit made (its outcomes, its 保障投入) that the committee
    /// deleted after taking them in: a later return still carrying one, even changed,
    /// leaves it deleted, with a note (a clerk's re-test: an outcome deleted here came
    /// back as 新增 once the unit edited it, the task file sent since no longer naming
    /// it in the ledger).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

impl ExchangeBook {
    /// No code issued and nothing sent.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
            && self.sent.is_empty()
            && self.key.is_none()
            && self.received.is_empty()
            && self.removed.is_empty()
    }

    /// Notes that the committee deleted record `key` (`outcome:u1.o3`), made by a unit
    /// (its id the unit's, `<unit>.<n>`): see [`ExchangeBook::removed`].
    pub fn note_removed(&mut self, key: String, id: &str) {
        if id.contains('.') && !self.removed.contains(&key) {
            self.removed.push(key);
        }
    }

    /// What the last task file to `party` for `round_id` sent.
    pub fn sent_to(&self, round_id: &str, party: &Party) -> Option<&SentTask> {
        self.sent
            .iter()
            .find(|s| s.round_id == round_id && &s.party == party)
    }

    /// Whether the last task file sent to `party` for `round` carried another scheme
    /// version than the round uses now (更换考评方案 since): a return made from it is
    /// refused, and the task is to be exported again.
    pub fn sent_with_another_scheme(&self, round: &Round, party: &Party) -> bool {
        self.sent_to(&round.id, party)
            .is_some_and(|t| !t.scheme_id.is_empty() && t.scheme_id != round.scheme_id)
    }

    /// Records a task file sent (replacing the record of an earlier one to the same
    /// party for the same round; one that sent the same records is left as it was).
    pub fn record_sent(&mut self, task: SentTask) {
        match self
            .sent
            .iter_mut()
            .find(|s| s.round_id == task.round_id && s.party == task.party)
        {
            Some(slot) if slot.records == task.records && slot.scheme_id == task.scheme_id => {}
            Some(slot) => {
                let mut earlier = std::mem::take(&mut slot.earlier);
                for (key, was) in &slot.records {
                    // Only the kinds merged field by field carry field digests.
                    if was.fields.is_empty() || task.records.get(key) == Some(was) {
                        continue;
                    }
                    let list = earlier.entry(key.clone()).or_default();
                    list.retain(|s| s.rev != was.rev);
                    list.push(was.clone());
                    if list.len() > EARLIER_KEPT {
                        list.remove(0);
                    }
                }
                // Records no longer sent to the party leave no history.
                earlier.retain(|key, _| task.records.contains_key(key));
                *slot = SentTask { earlier, ..task };
            }
            None => self.sent.push(task),
        }
    }

    /// The code issued to `party` for `round_id`.
    pub fn code_for(&self, round_id: &str, party: &Party) -> Option<&AccessCode> {
        self.codes
            .iter()
            .find(|c| c.round_id == round_id && &c.party == party)
    }
}

const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ#";

/// Makes a code from entropy (the UI passes random bytes from the browser): SHA-256 of
/// the entropy and the round, party and time, 16 characters of 5 bits each (80 bits).
pub fn make_code(entropy: &[u8], round_id: &str, party: &Party, now: &str) -> String {
    let mut h = Sha256::new();
    h.update(entropy);
    h.update(round_id.as_bytes());
    h.update(party.origin().as_bytes());
    h.update(now.as_bytes());
    let digest = h.finalize();
    let mut out = String::new();
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // 31 symbols used ('#' never): index by the byte modulo 31.
        out.push(CODE_ALPHABET[(digest[i] % 31) as usize] as char);
    }
    out
}

/// Carries the access codes `current` has issued over into `restored` (the state an
/// undo goes back to), and in a copy, what its return files carried. A task file that was exported is out in the world: forgetting
/// its code would make the return file it brings back unverifiable, and forgetting what
/// it sent would lose the conflict rule's base. Codes for a round `restored` does not
/// have are left out. A task file `restored` already knows keeps its ledger as it was
/// there: records received since (an import being undone) leave the ledger with the
/// data, so the same return imported again brings them in rather than calling them
/// deleted here.
pub fn keep_issued_codes(restored: &mut AppState, current: &AppState) {
    for c in &current.exchange.codes {
        let round_exists = restored.rounds.iter().any(|r| r.id == c.round_id);
        if round_exists && restored.exchange.code_for(&c.round_id, &c.party).is_none() {
            restored.exchange.codes.push(c.clone());
        }
    }
    if restored.exchange.key.is_none() {
        restored.exchange.key = current.exchange.key.clone();
    }
    // A copy's return files are out in the world too: what they carried stays noted.
    if let (Some(back), Some(now)) = (restored.workspace.as_mut(), current.workspace.as_ref()) {
        if back.party == now.party && back.round_id == now.round_id {
            back.returned
                .extend(now.returned.iter().map(|(k, r)| (k.clone(), r.clone())));
        }
    }
    for t in &current.exchange.sent {
        let round_exists = restored.rounds.iter().any(|r| r.id == t.round_id);
        let same_file = restored
            .exchange
            .sent_to(&t.round_id, &t.party)
            .is_some_and(|was| was.at == t.at);
        if round_exists && !same_file {
            let mut t = t.clone();
            super::ownership::ledger_for_restored(&mut t, restored);
            restored.exchange.record_sent(t);
        }
    }
}

/// Issues (or returns the already issued) code for `party` in `round_id`.
pub fn issue_code(
    state: &mut AppState,
    round_id: &str,
    party: Party,
    now: &str,
    entropy: &[u8],
) -> String {
    if let Some(c) = state.exchange.code_for(round_id, &party) {
        return c.code.clone();
    }
    let code = make_code(entropy, round_id, &party, now);
    state.exchange.codes.push(AccessCode {
        round_id: round_id.to_string(),
        party,
        code: code.clone(),
        issued_at: now.to_string(),
    });
    code
}

/// The focused mode of a copy opened from a committee → unit or committee → assessor
/// file (or from published results in an empty browser). The UI shows only this
/// party's tasks and exports the return file signed with `access_code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Who I am.
    pub party: Party,
    pub party_name: String,
    /// The round of the task (empty for a results-only copy).
    #[serde(default)]
    pub round_id: Id,
    #[serde(default)]
    pub access_code: String,
    /// When the committee issued the task file.
    #[serde(default)]
    pub issued_at: String,
    /// Record key → `rev` as issued: sent back so the committee can tell who changed what.
    #[serde(default)]
    pub base: BTreeMap<String, u32>,
    /// Published results received.
    #[serde(default)]
    pub results: Vec<PublishedResults>,
    /// The committee's public key (hex) pinned by the task file: results files must be
    /// signed by it. Empty in a copy from an older task file or a results-only copy.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub committee_key: String,
    /// What the task file last carried of each record merged field by field (outcomes,
    /// pairings, 保障投入), by key: its fields' and list items' digests
    /// (`ownership::issued_records`). A task update judges each field against it, so the
    /// committee's change to one field and this copy's to another are both kept. Empty in
    /// a copy opened before it (such a record changed on both sides is a conflict).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub issued: BTreeMap<String, SentRecord>,
    /// What this copy's return files last carried of each record, by key: the digests of
    /// its parts (`ownership::sent_records`), noted when a return is exported. A task
    /// update reads a committee's field that holds what this copy returned as the
    /// committee's copy of this copy's own value, not as a change of its own: a field
    /// changed, returned and changed again is then no conflict. Empty in a copy that has
    /// exported no return since it was kept. A record's `rev` is set to 0 once a task file
    /// carrying it is taken: the return was made before that file, which supersedes it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub returned: BTreeMap<String, SentRecord>,
    /// When the task file this copy last took was made (its envelope's `made_at`): an
    /// older task file is refused, as it would put its older records over what this copy
    /// has filled in since (a clerk's review). Empty in a copy opened before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub task_made_at: String,
    /// Pairing key → digests of activities corrected here from one the task file or a
    /// return carried: an edited activity is not one logged here (it has no 删除 as
    /// "not yet returned"; deleting it would remove the committee's). Empty in a copy
    /// that has corrected none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub corrected: BTreeMap<String, Vec<String>>,
}

/// A copy of the state taken before an import (the store keeps the list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// E.g. `导入前：单位「市财政局机关党委」报送文件`.
    pub label: String,
    pub taken_at: String,
    pub state: AppState,
}

/// Snapshots, newest last, at most `keep` of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshots {
    pub keep: usize,
    pub items: Vec<Snapshot>,
}

impl Default for Snapshots {
    fn default() -> Self {
        Snapshots {
            keep: 5,
            items: Vec::new(),
        }
    }
}

impl Snapshots {
    /// Records a copy of `state`; drops the oldest beyond `keep`.
    pub fn take(&mut self, label: &str, now: &str, state: &AppState) {
        self.items.push(Snapshot {
            label: label.to_string(),
            taken_at: now.to_string(),
            state: state.clone(),
        });
        let keep = self.keep.max(1);
        if self.items.len() > keep {
            let extra = self.items.len() - keep;
            self.items.drain(..extra);
        }
    }

    /// The state saved in snapshot `index`.
    pub fn restore(&self, index: usize) -> Option<AppState> {
        self.items.get(index).map(|s| s.state.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_per_party_and_well_formed() {
        let mut s = AppState::default();
        let p = Party::Unit("u1".into());
        let c1 = issue_code(&mut s, "r1", p.clone(), "t", b"abc");
        let c2 = issue_code(&mut s, "r1", p, "t2", b"xyz");
        assert_eq!(c1, c2);
        assert_eq!(c1.len(), 19);
        assert!(c1
            .chars()
            .all(|c| c == '-' || (CODE_ALPHABET[..31].contains(&(c as u8)))));
        let c3 = issue_code(&mut s, "r1", Party::Assessor("a1".into()), "t", b"abc");
        assert_ne!(c1, c3);
        assert_eq!(s.exchange.codes.len(), 2);
    }

    #[test]
    fn undo_keeps_the_signing_key_and_what_was_sent() {
        let mut before = AppState::default();
        before
            .rounds
            .push(crate::domain::sample::sample_city(1).rounds[0].clone());
        let rid = before.rounds[0].id.clone();
        let mut current = before.clone();
        crate::domain::exchange::ensure_committee_key(&mut current, "t", b"entropy");
        current.exchange.record_sent(SentTask {
            round_id: rid.clone(),
            party: Party::Unit("u1".into()),
            at: "t".into(),
            records: BTreeMap::new(),
            scheme_id: String::new(),
            earlier: Default::default(),
        });
        let mut restored = before.clone();
        keep_issued_codes(&mut restored, &current);
        assert_eq!(restored.exchange.key, current.exchange.key);
        assert!(restored
            .exchange
            .sent_to(&rid, &Party::Unit("u1".into()))
            .is_some());
    }

    /// A task file sent again keeps what the earlier ones sent of a record merged field
    /// by field, a few versions deep, and only while the record is still sent.
    #[test]
    fn a_task_sent_again_keeps_what_earlier_files_sent() {
        let sent = |rev: u32| SentRecord {
            rev,
            committee: format!("c{rev}"),
            sender: "s".into(),
            items: Vec::new(),
            fields: "0123456789abcdef".into(),
            cells: String::new(),
            got: 0,
            gens: Vec::new(),
        };
        let task = |rev: u32| SentTask {
            round_id: "r1".into(),
            party: Party::Unit("u1".into()),
            at: format!("t{rev}"),
            records: BTreeMap::from([
                ("pairing:p1".to_string(), sent(rev)),
                // A sheet carries no field digests: no history kept for it.
                (
                    "sheet:r1:u1:self".to_string(),
                    SentRecord {
                        fields: String::new(),
                        cells: String::new(),
                        got: 0,
                        ..sent(rev)
                    },
                ),
            ]),
            scheme_id: String::new(),
            earlier: Default::default(),
        };
        let mut book = ExchangeBook::default();
        for rev in 1..=5 {
            book.record_sent(task(rev));
        }
        let t = book.sent_to("r1", &Party::Unit("u1".into())).expect("sent");
        let revs: Vec<u32> = t.earlier["pairing:p1"].iter().map(|s| s.rev).collect();
        assert_eq!(revs, vec![2, 3, 4]);
        assert!(!t.earlier.contains_key("sheet:r1:u1:self"));
        assert_eq!(t.sent_at("pairing:p1", 5).map(|s| s.rev), Some(5));
        assert_eq!(
            t.sent_at("pairing:p1", 3).map(|s| s.committee.as_str()),
            Some("c3")
        );
        assert_eq!(t.sent_at("pairing:p1", 1), None);
        // No longer sent: its history goes.
        let mut last = task(6);
        last.records.remove("pairing:p1");
        book.record_sent(last);
        let t = book.sent_to("r1", &Party::Unit("u1".into())).expect("sent");
        assert!(t.earlier.is_empty());
    }

    /// In a copy, an undo past a return's export keeps the note of what the file carried.
    #[test]
    fn undo_in_a_copy_keeps_what_its_return_carried() {
        let ws = Workspace {
            party: Party::Unit("u1".into()),
            party_name: "单位".into(),
            round_id: "r1".into(),
            access_code: String::new(),
            issued_at: String::new(),
            base: BTreeMap::new(),
            results: Vec::new(),
            committee_key: String::new(),
            issued: BTreeMap::new(),
            returned: BTreeMap::new(),
            task_made_at: String::new(),
            corrected: Default::default(),
        };
        let before = AppState {
            workspace: Some(ws),
            ..AppState::default()
        };
        let mut current = before.clone();
        let noted = SentRecord {
            rev: 2,
            committee: String::new(),
            sender: "ab".into(),
            items: Vec::new(),
            fields: String::new(),
            cells: String::new(),
            got: 0,
            gens: Vec::new(),
        };
        if let Some(w) = current.workspace.as_mut() {
            w.returned.insert("resource:e1".into(), noted.clone());
        }
        let mut restored = before.clone();
        keep_issued_codes(&mut restored, &current);
        let kept = restored.workspace.map(|w| w.returned).unwrap_or_default();
        assert_eq!(kept.get("resource:e1"), Some(&noted));
    }

    #[test]
    fn snapshots_keep_the_newest() {
        let mut list = Snapshots {
            keep: 2,
            items: vec![],
        };
        for k in 0..3u64 {
            let mut st = AppState::default();
            st.settings.next_id = k;
            list.take(&format!("s{k}"), "t", &st);
        }
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].label, "s1");
        assert_eq!(list.restore(1).map(|s| s.settings.next_id), Some(2));
        assert_eq!(list.restore(2), None);
    }
}
