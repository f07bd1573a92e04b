//! Who may write what: the fields of each record kind a unit or an assessor may change
//! through a return file, the ids a sender may give the records it creates, and the
//! committee's own record of what it sent (the ledger the conflict rule reads).
//!
//! The check is generic: a record is turned into a JSON object and every key outside the
//! kind's allow-list ([`sender_fields`]) is the committee's. A field another engineer adds
//! to a model type later is therefore the committee's until it is put on a list here.
//! A return that changes a committee field is refused whole, naming the field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::envelope::{hex, Party};
use super::error::ExchangeError;
use super::records::{find, Rec, RecordType};
use super::workspace::{SentRecord, SentTask};
use crate::domain::model::*;

/// Keys that name a record and its owner: fixed by the scope check, never "changed".
const IDENTITY: &[&str] = &["id", "unit_id", "site_id", "source", "meta"];

/// The fields a unit (or, for sheets, the unit or assessor who fills it) may write, per
/// record kind. Everything else is the committee's (`docs/exchange-format.md`).
pub fn sender_fields(t: RecordType) -> &'static [&'static str] {
    match t {
        RecordType::Sheet => &["points", "evidence", "submitted"],
        RecordType::Outcome => &[
            "title",
            "date",
            "kind",
            "innovations",
            "description",
            "evidence",
        ],
        RecordType::Pairing => &["goals", "activities", "partner_progress"],
        RecordType::Rectification => &["status", "progress"],
        RecordType::Resource => &[
            "year",
            "funds",
            "activity_funds",
            "staff",
            "part_time_staff",
            "premises",
            "premises_area",
            "note",
        ],
        _ => &[],
    }
}

/// Whether a unit may create a record of this kind (pairings and rectification items
/// are registered by the committee; a unit reports on them).
pub fn sender_may_create(t: RecordType) -> bool {
    matches!(
        t,
        RecordType::Sheet | RecordType::Outcome | RecordType::Resource
    )
}

/// A field as named in messages: in the forms' words (the stored key only for a field
/// no form shows).
fn field_name(t: RecordType, key: &str) -> String {
    let name = match (t, key) {
        (RecordType::Outcome, "filed_on") => "备案日期",
        (RecordType::Outcome, "feedback_on") => "反馈日期",
        (RecordType::Outcome, "promotion") => "推广阶段",
        (RecordType::Outcome, "promoted_on") => "推介日期",
        (RecordType::Outcome, "recognised") => "创新成果认定",
        (RecordType::Outcome, "incentive") => "激励",
        (RecordType::Outcome, "path") => "备案、反馈、认定、激励及其记录",
        (RecordType::Pairing, "partner_unit_id") => "结对单位",
        (RecordType::Pairing, "partner_name") => "结对单位名称",
        (RecordType::Pairing, "start") => "结对开始日期",
        (RecordType::Pairing, "status") => "结对状态",
        (RecordType::Pairing, "ended_on") => "结对结束日期",
        (RecordType::Rectification, "visit_id") => "来源督导",
        (RecordType::Rectification, "deadline") => "整改期限",
        (RecordType::Rectification, "category") => "问题类别",
        (RecordType::Rectification, "description") => "问题描述",
        (RecordType::Rectification, "owner") => "责任人",
        (RecordType::Rectification, "status") => "整改状态",
        (RecordType::Rectification, "closure") => "销号",
        _ => "",
    };
    if name.is_empty() {
        format!("「{key}」项")
    } else {
        format!("「{name}」")
    }
}

/// The record as a JSON object (plain data: cannot fail; an empty object if it did).
/// Through text rather than `to_value`/`from_value`: the model types' text serialiser
/// and deserialiser are in the wasm already, a second pair per type would not be.
fn object(rec: &Rec) -> Map<String, Value> {
    let text = match rec {
        Rec::Unit(x) => serde_json::to_string(x),
        Rec::Scheme(x) => serde_json::to_string(x),
        Rec::Round(x) => serde_json::to_string(x),
        Rec::Sheet { sheet, .. } => serde_json::to_string(sheet),
        Rec::Outcome(x) => serde_json::to_string(x),
        Rec::Pairing(x) => serde_json::to_string(x),
        Rec::Rectification(x) => serde_json::to_string(x),
        Rec::Resource(x) => serde_json::to_string(x),
        Rec::Application(x) => serde_json::to_string(x),
        Rec::Guidance(x) => serde_json::to_string(x),
    };
    match text.ok().and_then(|t| serde_json::from_str(&t).ok()) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A record of the same kind from a JSON object.
fn from_object(like: &Rec, m: Map<String, Value>) -> Option<Rec> {
    let t = Value::Object(m).to_string();
    Some(match like {
        Rec::Sheet { round_id, .. } => Rec::Sheet {
            round_id: round_id.clone(),
            sheet: serde_json::from_str(&t).ok()?,
        },
        Rec::Outcome(_) => Rec::Outcome(serde_json::from_str(&t).ok()?),
        Rec::Pairing(_) => Rec::Pairing(serde_json::from_str(&t).ok()?),
        Rec::Rectification(_) => Rec::Rectification(serde_json::from_str(&t).ok()?),
        Rec::Resource(_) => Rec::Resource(serde_json::from_str(&t).ok()?),
        _ => return None,
    })
}

/// The committee's part of a record: every key outside the allow-list and identity.
fn committee_part(rec: &Rec) -> BTreeMap<String, Value> {
    committee_keys(rec.record_type(), object(rec))
}

/// [`committee_part`] of a record already turned into a JSON object.
fn committee_keys(t: RecordType, m: Map<String, Value>) -> BTreeMap<String, Value> {
    let allowed = sender_fields(t);
    m.into_iter()
        .filter(|(k, _)| !allowed.contains(&k.as_str()) && !IDENTITY.contains(&k.as_str()))
        .collect()
}

/// A short digest of the committee's part of a record, kept in the ledger of what was
/// sent: a return whose committee part has this digest left it as sent.
pub fn committee_digest(rec: &Rec) -> String {
    digest(&serde_json::to_string(&committee_part(rec)).unwrap_or_default())
}

/// The lists of a sender's fields that both sides may add to: merged item by item
/// rather than chosen between as a whole.
fn merged_lists(t: RecordType) -> &'static [&'static str] {
    match t {
        RecordType::Pairing => &["activities"],
        _ => &[],
    }
}

/// The sender's part of a record, its merged lists left out.
fn sender_part(rec: &Rec) -> BTreeMap<String, Value> {
    let t = rec.record_type();
    let (allowed, lists) = (sender_fields(t), merged_lists(t));
    object(rec)
        .into_iter()
        .filter(|(k, _)| allowed.contains(&k.as_str()) && !lists.contains(&k.as_str()))
        .collect()
}

fn digest(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes())[..8])
}

/// A short digest of the sender's part of a record (its merged lists left out), kept
/// in the ledger: what is held has this digest while the committee has not changed the
/// sender's fields since it sent the record.
pub fn sender_digest(rec: &Rec) -> String {
    digest(&serde_json::to_string(&sender_part(rec)).unwrap_or_default())
}

/// The kinds whose sender fields are merged one by one when both sides changed the
/// record: an outcome, a pairing, a year's 保障投入. (A sheet's scores are one field; a
/// rectification item has its own merge, `Rec::merged_with`.)
fn merged_by_field(t: RecordType) -> bool {
    matches!(
        t,
        RecordType::Outcome | RecordType::Pairing | RecordType::Resource
    )
}

/// Hex digits per field in [`field_digests`]: 32 bits, enough to tell a changed field
/// from one as sent. With every task file of the large city sent, its stored state
/// grows by 8% (by 27% with the sender digest's 64 bits a field).
const FIELD_DIGEST_LEN: usize = 8;

/// The short digest of one field's value (an absent field as empty).
fn field_digest(v: Option<&Value>) -> String {
    let text = v.map(Value::to_string).unwrap_or_default();
    hex(&Sha256::digest(text.as_bytes())[..FIELD_DIGEST_LEN / 2])
}

/// The sender's fields of a kind merged field by field, in the ledger's order (its
/// merged lists left out); empty for other kinds.
fn digested_fields(t: RecordType) -> Vec<&'static str> {
    if !merged_by_field(t) {
        return Vec::new();
    }
    let lists = merged_lists(t);
    sender_fields(t)
        .iter()
        .copied()
        .filter(|k| !lists.contains(k))
        .collect()
}

/// A short digest of each of the sender's fields, one after another in
/// [`sender_fields`] order, kept in the ledger for the kinds merged field by field: the
/// committee changing one field (专职 4→5) and the sender another (活动经费) is then a
/// merge, not a conflict. Empty for other kinds.
pub fn field_digests(rec: &Rec) -> String {
    let fields = digested_fields(rec.record_type());
    if fields.is_empty() {
        // Not turned into JSON for nothing: a task file's sheets are most of what it sends.
        return String::new();
    }
    let m = object(rec);
    fields.into_iter().map(|k| field_digest(m.get(k))).collect()
}

/// An outcome's fields (as stored) that the committee's 备案 or 认定 settles: see
/// `outcomes::SETTLED_FIELDS`.
pub const OUTCOME_SETTLED_KEYS: [&str; 4] = ["title", "kind", "date", "innovations"];

/// Whether `taken`, a file's record, holds in each of the sender's fields but `except`
/// what this copy last returned of it (`returned`'s field digests): the committee has
/// changed none of them since. False without digests to tell.
pub fn holds_returned_fields(taken: &Rec, returned: Option<&SentRecord>, except: &[&str]) -> bool {
    let Some(fields) = returned.and_then(|r| sent_fields(taken.record_type(), &r.fields)) else {
        return false;
    };
    let m = object(taken);
    fields
        .iter()
        .filter(|(k, _)| !except.contains(k))
        .all(|(k, d)| field_digest(m.get(*k)) == *d)
}

/// The ledger's [`field_digests`] by field, if it has them for this kind (a ledger
/// written before them, or before a field was added to the kind, has not).
fn sent_fields(t: RecordType, fields: &str) -> Option<Vec<(&'static str, &str)>> {
    let keys = digested_fields(t);
    if keys.is_empty() || fields.len() != keys.len() * FIELD_DIGEST_LEN || !fields.is_ascii() {
        return None;
    }
    Some(
        keys.into_iter()
            .enumerate()
            .map(|(i, k)| (k, &fields[i * FIELD_DIGEST_LEN..(i + 1) * FIELD_DIGEST_LEN]))
            .collect(),
    )
}

/// The items of a record's merged lists, each with its digest.
fn list_items(rec: &Rec) -> Vec<(String, Value)> {
    let lists = merged_lists(rec.record_type());
    object(rec)
        .into_iter()
        .filter(|(k, _)| lists.contains(&k.as_str()))
        .flat_map(|(_, v)| match v {
            Value::Array(items) => items,
            _ => Vec::new(),
        })
        .map(|v| (digest(&v.to_string()), v))
        .collect()
}

/// How many items of `held`'s merged lists (activities, progress notes) `file` lacks:
/// what taking the file's version whole would remove.
pub fn held_only_items(held: &Rec, file: &Rec) -> usize {
    let theirs: Vec<String> = list_items(file).into_iter().map(|(d, _)| d).collect();
    list_items(held)
        .into_iter()
        .filter(|(d, _)| !theirs.contains(d))
        .count()
}

/// What a task file sent, per record key: its revision and the digests of its parts.
pub fn sent_records(recs: impl Iterator<Item = Rec>) -> BTreeMap<String, SentRecord> {
    recs.map(|r| (r.key(), sent_record(&r))).collect()
}

/// What the ledger keeps of one record sent: its revision, the digests of its parts and
/// a score sheet's points.
fn sent_record(r: &Rec) -> SentRecord {
    SentRecord {
        rev: r.meta().rev,
        committee: committee_digest(r),
        sender: sender_digest(r),
        items: list_items(r).into_iter().map(|(d, _)| d).collect(),
        fields: field_digests(r),
        cells: sheet_cells(r),
        got: 0,
        gens: Vec::new(),
    }
}

/// A score sheet's points as the ledger keeps them ([`SentRecord::cells`]); empty for
/// other kinds.
fn sheet_cells(r: &Rec) -> String {
    match r {
        Rec::Sheet { sheet, .. } => sheet
            .points
            .iter()
            .map(|p| p.map(|p| p.to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// After a return's score sheet is read in (taken, merged, or kept against): the
/// ledger of the sender's task keeps the file's scores as the base of the sender's next
/// return ([`SentRecord::cells`], [`SentRecord::got`]; its `rev` stays the task's). A
/// later return with nothing new for the sheet is then not a conflict with what the
/// committee changed since, and one changing other scores is merged score by score (a
/// clerk's review: the committee's entry in a blank cell, and the assessor's correction
/// of another, were one conflict whose either side lost one of them). A file older than
/// the one noted leaves the ledger as it is (the import leaves one made from an older
/// task file unnoted).
pub fn note_sheet_received(state: &mut AppState, file: &Rec) {
    let Rec::Sheet { round_id, sheet } = file else {
        return;
    };
    let party = match &sheet.source {
        SheetSource::Assessor(a) => Party::Assessor(a.clone()),
        SheetSource::SelfAssessment => Party::Unit(sheet.unit_id.clone()),
    };
    let Some(task) = state
        .exchange
        .sent
        .iter_mut()
        .find(|s| &s.round_id == round_id && s.party == party)
    else {
        return;
    };
    let rev = file.meta().rev;
    // A sheet the task did not send (the sender began it): noted from its first return,
    // at revision 0 (both sides may have changed it since).
    let sent = task
        .records
        .entry(file.key())
        .or_insert_with(|| SentRecord {
            rev: 0,
            ..sent_record(file)
        });
    let cells = sheet_cells(file);
    if sent.cells.is_empty() || sent.got > rev || sent.cells == cells {
        return;
    }
    sent.cells = cells;
    sent.got = rev;
}

/// A score sheet changed on both sides, merged score by score against the ledger's
/// [`SentRecord::cells`] (what was sent, or the sender's last return): each score only
/// one side changed is that side's.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetMerge {
    /// The file changes nothing since the ledger's version: what is held stays.
    NothingNew,
    /// Only the file changed scores (or its notes): taken as it is.
    TakeFile,
    /// Both changed, different scores: one sheet with both sides' changes.
    Merged(Box<Rec>),
    /// Both changed the same scores to different values: the two to choose between,
    /// each with the scores only one side changed as that side has them, and the scores
    /// both changed as here (`here`) or as in the file (`file`).
    Choose { here: Box<Rec>, file: Box<Rec> },
}

/// Whose a sheet's notes (佐证说明, 评语) and 已提交 are in [`merge_sheet`]: the
/// sender's own, so the file's at the committee; in a copy, what is held, once the
/// file's are known to be as sent or returned ([`file_notes_not_changed`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SheetNotes {
    FromFile,
    Held,
}

/// In a copy, whether the file's sheet `file` holds its notes (佐证说明, 评语) and
/// 已提交 as the task file this copy last took sent them (`issued`) or as this copy last
/// returned them (`returned`): its sender digest, taken with that record's points,
/// matches. Then notes held otherwise are this copy's own, not the committee's change.
pub fn file_notes_not_changed(
    file: &Rec,
    issued: Option<&SentRecord>,
    returned: Option<&SentRecord>,
) -> bool {
    let Rec::Sheet { round_id, sheet } = file else {
        return false;
    };
    let as_in = |r: &SentRecord| {
        if r.sender.is_empty() || r.cells.is_empty() {
            return false;
        }
        let points: Option<Vec<Option<crate::domain::Points>>> = r
            .cells
            .split(',')
            .map(|c| match c {
                "" => Some(None),
                c => crate::domain::Points::parse(c).ok().map(Some),
            })
            .collect();
        let Some(points) = points.filter(|p| p.len() == sheet.points.len()) else {
            return false;
        };
        let mut probe = sheet.clone();
        probe.points = points;
        sender_digest(&Rec::Sheet {
            round_id: round_id.clone(),
            sheet: probe,
        }) == r.sender
    };
    issued.is_some_and(as_in) || returned.is_some_and(as_in)
}

/// [`SheetMerge`] of `held` and the file's `file` against `sent`; `None` for another
/// kind, a ledger without cells, or a sheet of another length (another scheme).
pub fn merge_sheet(
    held: &Rec,
    file: &Rec,
    sent: &SentRecord,
    notes: SheetNotes,
) -> Option<SheetMerge> {
    let (Rec::Sheet { round_id, sheet: h }, Rec::Sheet { sheet: f, .. }) = (held, file) else {
        return None;
    };
    if sent.cells.is_empty() {
        return None;
    }
    let base: Vec<&str> = sent.cells.split(',').collect();
    if base.len() != h.points.len() || base.len() != f.points.len() {
        return None;
    }
    let cell = |p: &Option<crate::domain::Points>| p.map(|p| p.to_string()).unwrap_or_default();
    // Notes (佐证说明, 评语) and 已提交 are the sender's: the file's are taken at the
    // committee, a copy keeps its own.
    let notes_differ = f.evidence != h.evidence || f.submitted != h.submitted;
    let file_notes_changed = notes == SheetNotes::FromFile && notes_differ;
    let mut here_changed = false;
    let mut file_changed = false;
    let mut both = Vec::new();
    for (i, b) in base.iter().enumerate() {
        let (hh, ff) = (cell(&h.points[i]), cell(&f.points[i]));
        let (mine, theirs) = (hh != *b, ff != *b);
        here_changed |= mine;
        file_changed |= theirs;
        if mine && theirs && hh != ff {
            both.push(i);
        }
    }
    if !file_changed && !file_notes_changed {
        return Some(SheetMerge::NothingNew);
    }
    // In a copy, notes of its own differing from the file's are a change here too.
    let own_notes = notes == SheetNotes::Held && notes_differ;
    if !here_changed && !own_notes {
        return Some(SheetMerge::TakeFile);
    }
    // The file's sheet (its notes, 评语 and 已提交), with the scores only this side
    // changed as held; past both revisions, as this side's.
    let with = |take_file_on_both: bool| {
        let mut m = f.clone();
        for (i, b) in base.iter().enumerate() {
            let theirs = cell(&f.points[i]) != *b;
            if !theirs || (both.contains(&i) && !take_file_on_both) {
                m.points[i] = h.points[i];
            }
        }
        if notes == SheetNotes::Held {
            m.evidence = h.evidence.clone();
            m.submitted = h.submitted;
        }
        m.meta = h.meta.clone();
        m.meta.rev = h.meta.rev.max(f.meta.rev) + 1;
        Rec::Sheet {
            round_id: round_id.clone(),
            sheet: m,
        }
    };
    Some(if both.is_empty() {
        SheetMerge::Merged(Box::new(with(false)))
    } else {
        SheetMerge::Choose {
            here: Box::new(with(false)),
            file: Box::new(with(true)),
        }
    })
}

/// What a task file carries of the records merged field by field and of score sheets
/// (merged score by score), as a copy keeps it ([`Workspace::issued`](super::Workspace)):
/// the [`sent_records`] of those kinds.
pub fn issued_records(recs: impl Iterator<Item = Rec>) -> BTreeMap<String, SentRecord> {
    sent_records(
        recs.filter(|r| merged_by_field(r.record_type()) || r.record_type() == RecordType::Sheet),
    )
}

/// In a copy, the base a task file's score sheet is merged against: the points the
/// task file this copy last took carried (`issued`), where a score of the file's that
/// holds what this copy last returned (`returned`) is this copy's own come back, not
/// the committee's change. A score this copy returned changed that the file holds
/// otherwise, and `held` otherwise again, is to choose (a clerk's review: the committee
/// set a returned score back to the task file's value, and the copy kept its own as if
/// nothing had come; or the assessor set it back while the committee corrected it, and
/// the update overwrote the assessor's). Also says what may lie behind a score to choose
/// ([`ReturnedHint`]). A sheet the task file did not carry (this copy began it) counts
/// as sent blank, its return being this copy's (a clerk's review: an assessor's first
/// round, whose task file held no sheets; the committee's correction of a returned score
/// and its entry in a blank cell were two conflicts kept 保留本机 by default, and the
/// next return undid them). `None` without the points the task file carried, or a
/// return of them.
pub fn sheet_base_in_copy(
    file: &Rec,
    held: &Rec,
    issued: Option<&SentRecord>,
    returned: Option<&SentRecord>,
) -> Option<(SentRecord, ReturnedHint)> {
    let blank;
    let sent = match issued.filter(|s| !s.cells.is_empty()) {
        Some(s) => s,
        None => {
            let back = returned.filter(|r| !r.cells.is_empty())?;
            let n = back.cells.split(',').count();
            blank = SentRecord {
                rev: 0,
                cells: vec![""; n].join(","),
                ..back.clone()
            };
            &blank
        }
    };
    let Some(back) = returned.filter(|r| !r.cells.is_empty()) else {
        return Some((sent.clone(), ReturnedHint::None));
    };
    let in_file: Vec<String> = sheet_cells(file).split(',').map(str::to_string).collect();
    let here: Vec<String> = sheet_cells(held).split(',').map(str::to_string).collect();
    let was: Vec<&str> = sent.cells.split(',').collect();
    let came_back: Vec<&str> = back.cells.split(',').collect();
    if in_file.len() != was.len() || came_back.len() != was.len() || here.len() != was.len() {
        return Some((sent.clone(), ReturnedHint::None));
    }
    let fresh = returned_since_taken(sent, back);
    let mut hint = ReturnedHint::None;
    let cells: Vec<&str> = was
        .iter()
        .zip(&came_back)
        .zip(in_file.iter().zip(&here))
        .map(|((w, b), (f, h))| {
            if b == f {
                f.as_str()
            } else if !fresh || b == w || f == h {
                w
            } else {
                hint = hint.max(ReturnedHint::of(f == w, h == b));
                TO_CHOOSE
            }
        })
        .collect();
    Some((
        SentRecord {
            cells: cells.join(","),
            ..sent.clone()
        },
        hint,
    ))
}

/// What may lie behind a score or field to choose in a copy that the copy returned
/// changed and the file holds otherwise: said beside the conflict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReturnedHint {
    #[default]
    None,
    /// The copy has not changed it since it returned it: most likely the committee's
    /// correction of what it got (a clerk's re-test: kept by default, the next return
    /// undid the correction as a plain 修改).
    Corrected,
    /// The file holds it as the task file first carried it: set back by the committee,
    /// or a return the committee has not taken in.
    SetBack,
}

impl ReturnedHint {
    fn of(as_first_sent: bool, unchanged_since_returned: bool) -> ReturnedHint {
        if as_first_sent {
            ReturnedHint::SetBack
        } else if unchanged_since_returned {
            ReturnedHint::Corrected
        } else {
            ReturnedHint::None
        }
    }
}

/// Whether this copy's last return of a record (`returned`) was made after it took the
/// task file it holds of it (`issued`): its record's revision then was past the file's.
/// A return made before a task file taken since is older than that file's values, which
/// are the base then.
fn returned_since_taken(issued: &SentRecord, returned: &SentRecord) -> bool {
    returned.rev > issued.rev
}

/// A base score no score equals: both sides count as having changed it.
const TO_CHOOSE: &str = "?";

/// After return files are taken in: each record a sender created (under its own id),
/// taken as its file has it, that the ledger of the sender's task does not hold yet
/// enters that ledger as if sent: its revision and its parts' digests as received, its
/// committee fields at their defaults (what the sender's copy has until a task file
/// carries the committee's). So when the committee then files (备案) or recognises it and
/// the sender corrects its own fields, the next return is merged, not a conflict whose
/// default would drop the sender's correction. `files` says which sender sent which
/// round's return.
pub fn record_received(
    state: &mut AppState,
    taken: &[&Rec],
    files: &[crate::domain::exchange::import::FileInfo],
) {
    use crate::domain::exchange::envelope::PackageKind;
    for rec in taken {
        let origin = rec.meta().by.clone();
        if !senders_id(&origin, &short_id(rec)) {
            continue;
        }
        let Some((round_id, party)) = files
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    PackageKind::UnitReturn | PackageKind::AssessorReturn
                )
            })
            .find(|f| f.made_by.origin() == origin)
            .and_then(|f| f.round.as_ref().map(|r| (r.id.clone(), f.made_by.clone())))
        else {
            continue;
        };
        let Some(committee) = fresh(rec).map(|f| committee_digest(&f)) else {
            continue;
        };
        let Some(task) = state
            .exchange
            .sent
            .iter_mut()
            .find(|s| s.round_id == round_id && s.party == party)
        else {
            continue;
        };
        task.records.entry(rec.key()).or_insert_with(|| SentRecord {
            rev: rec.meta().rev,
            committee,
            sender: sender_digest(rec),
            items: list_items(rec).into_iter().map(|(d, _)| d).collect(),
            fields: field_digests(rec),
            cells: sheet_cells(rec),
            got: 0,
            gens: Vec::new(),
        });
    }
}

/// A task file's ledger kept over an undo or a snapshot restored (`restored` does not
/// know that file): it was sent when the committee held what was undone, such as the
/// records a return brought in. A record the sender made (or a score sheet) that
/// `restored` does not hold, and a list item its record there does not hold, leave
/// the ledger: the next return from that task brings them in as new, where the ledger
/// would have called them deleted here and dropped them. A record the committee made
/// stays: restored without it, it was undone here.
pub fn ledger_for_restored(task: &mut SentTask, restored: &AppState) {
    let held = super::records::all_records(restored);
    let sender = task.party.origin();
    task.records.retain(|key, sent| {
        let Some((kind, id)) = key.split_once(':') else {
            return true;
        };
        match held.get(key) {
            // Held older than it was sent: a return's version of it is newer than this,
            // not a copy of what is held.
            Some(rec) => {
                let items: Vec<String> = list_items(rec).into_iter().map(|(d, _)| d).collect();
                sent.items.retain(|d| items.contains(d));
                // A sheet held older than sent, or not as the sender's last return had
                // it (that import undone): no base to merge score by score against; the
                // next return is judged as before the ledger had one.
                if kind == "sheet"
                    && (rec.meta().rev < sent.rev
                        || (sent.got > 0 && sheet_cells(rec) != sent.cells))
                {
                    sent.cells.clear();
                    sent.got = 0;
                }
                sent.rev = sent.rev.min(rec.meta().rev);
                true
            }
            None => kind != "sheet" && !senders_id(&sender, id),
        }
    });
}

/// A record changed on both sides since it was sent, when the changes do not meet: the
/// committee changed only its own fields (and added to or removed from a merged list),
/// the sender its fields. `taken` is the file's record with the committee's fields as
/// held (what [`check_ownership`] gives). The result has both: the committee's fields,
/// the sender's fields from the file, and each merged list with the items either side
/// added and without those either side removed. For the kinds merged field by field
/// (the ledger holds [`field_digests`]), a sender field the committee changed and the
/// file did not is the committee's, so each side may have changed different fields.
/// `None` when both changed the same sender field to different values (or, in a ledger
/// without field digests, both changed any of them: a real conflict), when an item sent
/// was changed or removed on both sides while each added items (most likely one item
/// corrected twice: kept as two it would be counted twice), or the ledger is older than
/// the sender digest.
///
/// `seen_before`: a file no newer than one already taken in from the sender (picked
/// again, or an older one). Its items were received then; one not held here now was
/// removed here since, and stays removed.
pub fn merged_parts(held: &Rec, taken: &Rec, sent: &SentRecord, seen_before: bool) -> Option<Rec> {
    merge(held, taken, sent, None, seen_before, None)
}

/// A record merged field by field whose two sides changed the same field to different
/// values (where [`merged_parts`] gives `None`): the two versions to choose between,
/// each with every field only one side changed as that side has it, and the fields both
/// changed as here (the first) or as in the file (the second). Choosing the file then
/// never puts back a field the sender did not touch over the committee's change (专职
/// corrected here, 活动经费 changed on both sides). `None` for the kinds not merged field
/// by field, a ledger without field digests, and a list merge that does not meet.
pub fn conflict_choices(
    held: &Rec,
    taken: &Rec,
    sent: &SentRecord,
    seen_before: bool,
) -> Option<(Rec, Rec)> {
    sent_fields(held.record_type(), &sent.fields)?;
    Some((
        merge(held, taken, sent, None, seen_before, Some(Side::Here))?,
        merge(held, taken, sent, None, seen_before, Some(Side::File))?,
    ))
}

/// [`conflict_choices`] in a unit's copy taking a task file (see [`merged_in_copy`]):
/// judged against what the task file the copy last took carried (`issued`), a field
/// holding what the copy returned (`returned`) being the copy's own value come back.
/// `None` where [`conflict_choices`] gives none, and without `issued`.
pub fn conflict_choices_in_copy(
    held: &Rec,
    taken: &Rec,
    issued: Option<&SentRecord>,
    returned: Option<&SentRecord>,
) -> Option<(Rec, Rec)> {
    let sent = issued?;
    sent_fields(held.record_type(), &sent.fields)?;
    Some((
        merge(held, taken, sent, returned, false, Some(Side::Here))?,
        merge(held, taken, sent, returned, false, Some(Side::File))?,
    ))
}

/// In a copy, what may lie behind a field to choose of a record merged field by field
/// ([`ReturnedHint`]): one this copy returned changed (`returned`, made since the task
/// file it holds, `issued`) that the file `taken` holds otherwise, and this copy
/// otherwise again.
pub fn returned_hint_in_copy(
    held: &Rec,
    taken: &Rec,
    issued: Option<&SentRecord>,
    returned: Option<&SentRecord>,
) -> ReturnedHint {
    let t = held.record_type();
    if !issued
        .zip(returned)
        .is_some_and(|(s, r)| returned_since_taken(s, r))
    {
        return ReturnedHint::None;
    }
    let (Some(sent), Some(back)) = (
        issued.and_then(|s| sent_fields(t, &s.fields)),
        returned.and_then(|r| sent_fields(t, &r.fields)),
    ) else {
        return ReturnedHint::None;
    };
    let (own, file) = (object(held), object(taken));
    sent.iter()
        .filter_map(|(key, was)| {
            let theirs = field_digest(file.get(*key));
            let ours = field_digest(own.get(*key));
            let came = back.iter().find(|(k, _)| k == key).map(|(_, d)| *d)?;
            (came != *was && theirs != came && ours != theirs)
                .then(|| ReturnedHint::of(theirs == *was, ours == came))
        })
        .max()
        .unwrap_or_default()
}

/// Whose value a field both sides changed takes, when the merge is to choose one.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Here,
    File,
}

/// In a unit's or assessor's copy, a task file's record changed here and by the
/// committee since the task file the copy last took (`issued`, for the kinds merged
/// field by field): [`merged_parts`], where a field of the file's that holds what this
/// copy last returned (`returned`, see `Workspace::returned`) is this copy's own value
/// come back, not the committee's change. For the other kinds (a sheet, a rectification
/// item), a file whose sender part is as this copy returned it keeps this copy's part,
/// with the committee's fields. `None` when the two sides changed the same thing.
pub fn merged_in_copy(
    held: &Rec,
    taken: &Rec,
    issued: Option<&SentRecord>,
    returned: Option<&SentRecord>,
) -> Option<Rec> {
    // (A sheet's points the task file carried are merged by `merge_sheet`.)
    if let Some(sent) = issued.filter(|_| merged_by_field(held.record_type())) {
        return merge(held, taken, sent, returned, false, None);
    }
    let returned = returned.filter(|r| !r.sender.is_empty())?;
    if merged_by_field(held.record_type())
        || !merged_lists(held.record_type()).is_empty()
        || sender_digest(taken) != returned.sender
    {
        return None;
    }
    let mut out = with_committee_fields(held, taken)?;
    out.meta_mut().rev = held.meta().rev.max(taken.meta().rev) + 1;
    Some(out)
}

fn merge(
    held: &Rec,
    taken: &Rec,
    sent: &SentRecord,
    returned: Option<&SentRecord>,
    seen_before: bool,
    on_both: Option<Side>,
) -> Option<Rec> {
    let by_field = sent_fields(held.record_type(), &sent.fields);
    if sent.sender.is_empty() || (by_field.is_none() && sender_digest(held) != sent.sender) {
        return None;
    }
    let came_back = returned.and_then(|r| sent_fields(held.record_type(), &r.fields));
    let fresh = returned.is_some_and(|r| returned_since_taken(sent, r));
    let (ours, theirs) = (list_items(held), list_items(taken));
    let has = |list: &[(String, Value)], d: &String| list.iter().any(|(x, _)| x == d);
    // The items this copy added and returned count as sent only once the file shows the
    // committee has them (one of them is in it): a file made before the return was
    // taken in lacks them because it never had them, not because they were removed
    // there (a clerk's review: an activity logged and returned vanished from the copy
    // when the committee's next task file, made before the return came in, was taken).
    // Only those of the returns up to the last the file shows taken ([`SentRecord::gens`]):
    // a later return may have been refused whole, its items never there to remove.
    let arrived = returned.and_then(|r| {
        r.items
            .iter()
            .enumerate()
            .filter(|(_, d)| !sent.items.contains(d) && has(&theirs, d))
            .map(|(i, _)| r.gen(i))
            .max()
    });
    let was_sent = |d: &String| {
        sent.items.contains(d)
            || returned.is_some_and(|r| {
                r.items
                    .iter()
                    .position(|x| x == d)
                    .is_some_and(|i| arrived.is_some_and(|g| r.gen(i) <= g))
            })
    };
    let gone_from_both = sent
        .items
        .iter()
        .any(|d| !has(&ours, d) && !has(&theirs, d));
    let added = |list: &[(String, Value)]| list.iter().any(|(d, _)| !was_sent(d));
    if gone_from_both && added(&ours) && added(&theirs) {
        return None;
    }
    let mut m = object(taken);
    if let Some(fields) = by_field {
        let own = object(held);
        for (key, was) in fields {
            let (ours, theirs) = (own.get(key).cloned(), m.get(key).cloned());
            let ours_digest = field_digest(ours.as_ref());
            let mut ours_changed = ours_digest != was;
            // The file holding what this copy returned is this copy's value come back.
            let theirs_digest = field_digest(theirs.as_ref());
            let returned = came_back
                .as_ref()
                .and_then(|r| r.iter().find(|(k, _)| *k == key))
                .map(|(_, d)| *d);
            let returned_here = returned == Some(theirs_digest.as_str());
            let mut theirs_changed = theirs_digest != was && !returned_here;
            // A field this copy returned changed, which the file holds otherwise and this
            // copy otherwise again: changed on both sides (a clerk's review: the
            // committee set a returned 阵地面积 back to the task file's value, and the
            // copy kept its own unsaid, as if the file held nothing new).
            if fresh
                && returned.is_some_and(|d| d != was)
                && !returned_here
                && ours_digest != theirs_digest
            {
                (ours_changed, theirs_changed) = (true, true);
            }
            let take_ours = match (ours_changed, theirs_changed) {
                (true, true) if ours != theirs => match on_both {
                    None => return None,
                    Some(side) => side == Side::Here,
                },
                (_, false) => true,
                _ => false,
            };
            if take_ours {
                match ours {
                    Some(v) => m.insert(key.to_string(), v),
                    None => m.remove(key),
                };
            }
        }
    }
    for key in merged_lists(taken.record_type()) {
        // The file's items the committee has not removed, then what the committee added.
        let mut items: Vec<Value> = theirs
            .iter()
            .filter(|(d, _)| has(&ours, d) || (!was_sent(d) && !seen_before))
            .map(|(_, v)| v.clone())
            .collect();
        items.extend(
            ours.iter()
                .filter(|(d, _)| !was_sent(d) && !has(&theirs, d))
                .map(|(_, v)| v.clone()),
        );
        items.sort_by(|a, b| {
            a.get("date")
                .map(Value::to_string)
                .cmp(&b.get("date").map(Value::to_string))
        });
        m.insert((*key).to_string(), Value::Array(items));
    }
    let mut out = from_object(taken, m)?;
    // Held here, changed by both: a later file from the sender is judged against the
    // ledger again (never taken whole over the committee's part of the merge).
    let (h, t) = (held.meta(), taken.meta());
    *out.meta_mut() = RecordMeta {
        rev: h.rev.max(t.rev) + 1,
        updated: h.updated.clone().max(t.updated.clone()),
        by: h.by.clone(),
    };
    Some(out)
}

/// `mine` with the committee's fields as `theirs` has them (the same record as the
/// committee holds it): the sender's fields and `meta` stay `mine`'s. `None` for a kind
/// with no sender fields.
pub fn with_committee_fields(mine: &Rec, theirs: &Rec) -> Option<Rec> {
    let mut m = object(theirs);
    let own = object(mine);
    for k in sender_fields(mine.record_type())
        .iter()
        .copied()
        .chain(["meta"])
    {
        match own.get(k) {
            Some(v) => m.insert(k.to_string(), v.clone()),
            None => m.remove(k),
        };
    }
    from_object(mine, m)
}

/// Whether two versions of a record differ in the committee's fields.
pub fn committee_fields_differ(a: &Rec, b: &Rec) -> bool {
    first_difference(&committee_part(a), &committee_part(b)).is_some()
}

/// Whether two versions of a record differ in the sender's fields, its lists included.
pub fn sender_fields_differ(a: &Rec, b: &Rec) -> bool {
    let allowed = sender_fields(a.record_type());
    let part = |r: &Rec| -> BTreeMap<String, Value> {
        object(r)
            .into_iter()
            .filter(|(k, _)| allowed.contains(&k.as_str()))
            .collect()
    };
    part(a) != part(b)
}

/// The first key whose value differs between two committee parts.
fn first_difference(a: &BTreeMap<String, Value>, b: &BTreeMap<String, Value>) -> Option<String> {
    a.keys()
        .chain(b.keys())
        .find(|k| a.get(*k) != b.get(*k))
        .cloned()
}

/// How a new record of this kind looks before the committee has written anything: the
/// sender's fields and identity as given, every other field at its default.
fn fresh(rec: &Rec) -> Option<Rec> {
    let allowed = sender_fields(rec.record_type());
    let mut m: Map<String, Value> = object(rec)
        .into_iter()
        .filter(|(k, _)| allowed.contains(&k.as_str()) || IDENTITY.contains(&k.as_str()))
        .collect();
    // The only committee fields with no serde default.
    if let Rec::Outcome(_) = rec {
        m.insert("promotion".into(), Value::String("OwnUnit".into()));
    }
    from_object(rec, m)
}

/// In a unit's copy: whether outcome `id` was registered here and has gone out in no
/// return yet, or in none the committee took (the task file taken since lacks it), so
/// deleting it (a duplicate, a slip) takes nothing from the committee. One already
/// returned stays: the committee holds it (a clerk's review: nothing entered in a copy
/// could be deleted, so a duplicate went to the committee).
pub fn unreported_outcome(state: &AppState, id: &str) -> bool {
    let Some(ws) = &state.workspace else {
        return false;
    };
    let key = format!("outcome:{id}");
    senders_id(&ws.party.origin(), id)
        && !ws.returned.get(&key).is_some_and(returned_after_task)
        && !ws.base.contains_key(&key)
}

/// Whether a copy's return was made after the task file it holds: what it carried may
/// yet reach the committee. One made before (its `rev` set to 0 when a later task file
/// was taken) and not in that file never reached it, or was removed there (a clerk's
/// review: an outcome in a return the committee refused could not be deleted).
fn returned_after_task(r: &SentRecord) -> bool {
    r.rev != 0
}

/// In a unit's copy: whether `activity` of pairing `pairing_id` was logged here and has
/// gone out in no return yet: neither the task file (as the copy keeps it) nor a return
/// made since carried it. `false` in a copy that does not keep what the task file carried.
pub fn unreported_activity(state: &AppState, pairing_id: &str, activity: &PairingActivity) -> bool {
    let Some(ws) = &state.workspace else {
        return false;
    };
    let key = format!("pairing:{pairing_id}");
    let Some(issued) = ws.issued.get(&key) else {
        return false;
    };
    let Some(d) = activity_digest(activity) else {
        return false;
    };
    !issued.items.contains(&d)
        && !ws
            .returned
            .get(&key)
            .is_some_and(|r| returned_after_task(r) && r.items.contains(&d))
        && !ws.corrected.get(&key).is_some_and(|c| c.contains(&d))
}

/// An activity's digest as a merged list's item (what the task file, a return and
/// the copy's corrections keep of it).
fn activity_digest(activity: &PairingActivity) -> Option<String> {
    serde_json::to_value(activity)
        .ok()
        .map(|v| digest(&v.to_string()))
}

/// In a unit's copy, after activity `old` of pairing `pairing_id` was corrected to
/// `new`: when `old` was not logged here (the task file or a return carried it, or it
/// was itself such a correction), `new` is noted as a correction, so it is not taken
/// for one logged here and never returned (a clerk's review: an edited committee
/// activity was offered 删除 as "not yet returned", and the committee's was removed).
/// `old_was_ours` is [`unreported_activity`] of `old`, asked before the edit.
pub fn note_corrected_activity(
    state: &mut AppState,
    pairing_id: &str,
    old_was_ours: bool,
    new: &PairingActivity,
) {
    if old_was_ours {
        return;
    }
    let Some(ws) = state.workspace.as_mut() else {
        return;
    };
    let Some(d) = activity_digest(new) else {
        return;
    };
    let list = ws
        .corrected
        .entry(format!("pairing:{pairing_id}"))
        .or_default();
    if !list.contains(&d) {
        list.push(d);
    }
}

/// Whether `id` is one the sender may give a record it creates: `<sender>.` followed by
/// letters, digits, `_` or `-` (what its copy makes: `u1.o12`), at most 64 characters.
pub fn senders_id(sender_id: &str, id: &str) -> bool {
    let Some(rest) = id.strip_prefix(sender_id).and_then(|r| r.strip_prefix('.')) else {
        return false;
    };
    !sender_id.is_empty()
        && !rest.is_empty()
        && id.chars().count() <= 64
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

fn short_id(rec: &Rec) -> String {
    let key = rec.key();
    key.split_once(':')
        .map(|(_, id)| id.to_string())
        .unwrap_or(key)
}

/// Checks every incoming record of a return against what the sender may write, and
/// returns the records to preview: a committee field the file left as the committee
/// sent it takes the committee's current value (so a later 备案 or 认定 stays).
/// Refused: a committee field changed; a record created where the sender may not, or
/// under an id that is not the sender's; a rectification item closed (销号) by a unit.
/// A record the committee sent and has deleted since is left out (it stays deleted),
/// with a note saying so.
pub fn check_ownership(
    state: &AppState,
    ledger: Option<&SentTask>,
    party: &Party,
    recs: &[Rec],
    sender: &str,
) -> Result<(Vec<Rec>, Vec<String>), ExchangeError> {
    let mut notes = Vec::new();
    let out_of_scope = |what: String| ExchangeError::OutOfScope {
        sender: sender.to_string(),
        what,
    };
    let refused_field = |rec: &Rec, key: &str| ExchangeError::CommitteeField {
        sender: sender.to_string(),
        record: rec.label(state),
        field: field_name(rec.record_type(), key),
        sent_before: ledger.is_some_and(|l| l.records.contains_key(&rec.key())),
    };
    let mut out = Vec::with_capacity(recs.len());
    for rec in recs {
        let t = rec.record_type();
        let Some(held) = find(state, rec) else {
            if ledger.is_some_and(|l| l.records.contains_key(&rec.key()))
                || state.exchange.removed.contains(&rec.key())
            {
                notes.push(format!(
                    "文件中的{}本机原有（工委下发或此前已导入），后来在本机删除，保持删除，不导入",
                    rec.label(state)
                ));
                continue;
            }
            // A new record.
            if !sender_may_create(t) {
                return Err(out_of_scope(format!(
                    "文件新建了{}，{}由工委登记，单位只能报送其进展",
                    rec.label(state),
                    t.label()
                )));
            }
            if t != RecordType::Sheet {
                let me = party.origin();
                let id = short_id(rec);
                if !senders_id(&me, &id) {
                    return Err(out_of_scope(format!(
                        "新建的{}编号「{}」不是本单位的编号（应以「{me}.」开头），可能是冒用他人的编号",
                        t.label(),
                        id.chars().take(40).collect::<String>()
                    )));
                }
            }
            let Some(template) = fresh(rec) else {
                // A committee field with no default was filled in: name the first.
                let key = committee_part(rec).into_keys().next().unwrap_or_default();
                return Err(refused_field(rec, &key));
            };
            if let Some(key) = first_difference(&committee_part(rec), &committee_part(&template)) {
                return Err(refused_field(rec, &key));
            }
            if let Rec::Rectification(r) = rec {
                if r.status == RectificationStatus::Done {
                    return Err(refused_field(rec, "status"));
                }
            }
            out.push(rec.clone());
            continue;
        };
        let (incoming, held_part) = (committee_part(rec), committee_part(&held));
        let taken = match first_difference(&incoming, &held_part) {
            None => rec.clone(),
            Some(key) => {
                let as_sent = ledger
                    .and_then(|l| l.records.get(&rec.key()))
                    .is_some_and(|s| s.committee == committee_digest(rec));
                // A record the sender made itself, its committee fields still as it made
                // them: it has not seen the committee's handling (a 备案 after the
                // record arrived), which is no change of its own.
                let as_made = senders_id(&party.origin(), &short_id(rec))
                    && fresh(rec).is_some_and(|f| committee_part(&f) == incoming);
                // Named as held here: the file's version may name another partner (a
                // clerk's review: the refusal named a pairing this side never had).
                if !as_sent && !as_made {
                    return Err(refused_field(&held, &key));
                }
                // Left as sent (or as made): the committee's current values stand.
                with_committee_fields(rec, &held).ok_or_else(|| refused_field(&held, &key))?
            }
        };
        // An outcome the committee has filed or recognised keeps the name, category,
        // date and innovation types it was settled under, whatever the file says.
        let taken = match (taken, &held) {
            (Rec::Outcome(mut new), Rec::Outcome(old)) if crate::domain::outcomes::settled(old) => {
                let tried = crate::domain::outcomes::settled_differences(&new, old);
                if !tried.is_empty() {
                    // What the file tried is named (a clerk's review: the preview said
                    // only that "different content" was not taken).
                    notes.push(format!(
                        "成果{}工委已办理备案或认定，其{}以本机为准，文件中的{}未导入",
                        crate::domain::outcomes::corner_quoted(&old.title),
                        crate::domain::outcomes::SETTLED_FIELDS,
                        tried.join("、")
                    ));
                }
                if new.title != old.title
                    || new.kind != old.kind
                    || new.date != old.date
                    || new.innovations != old.innovations
                {
                    crate::domain::outcomes::take_settled_fields(&mut new, old);
                }
                Rec::Outcome(new)
            }
            (taken, _) => taken,
        };
        // A 保障投入 entry is one year's figures: a file cannot move it to another year.
        if let (Rec::Resource(new), Rec::Resource(old)) = (&taken, &held) {
            if new.year != old.year {
                return Err(out_of_scope(format!(
                    "文件把{}的年度改成了 {}：已登记的保障投入不能改年度，另一年度的请另外登记",
                    held.label(state),
                    new.year
                )));
            }
        }
        // A unit reports progress and, at the end, that the item is done (已完成);
        // closing it (销号) is the committee's. An item the committee holds as done or
        // closed keeps that status: a file saying otherwise was made before (the unit's
        // copy has no way back from 已完成), and its progress notes are still taken.
        let taken = match (taken, &held) {
            (Rec::Rectification(mut new), Rec::Rectification(old)) => {
                if new.status == RectificationStatus::Closed
                    && old.status != RectificationStatus::Closed
                {
                    return Err(refused_field(&held, "status"));
                }
                if matches!(
                    old.status,
                    RectificationStatus::Done | RectificationStatus::Closed
                ) {
                    new.status = old.status;
                }
                Rec::Rectification(new)
            }
            (taken, _) => taken,
        };
        // A pairing's activities in date order, as its page keeps them (a unit's copy
        // lists those it added after the ones it was sent).
        let taken = match taken {
            Rec::Pairing(mut p) => {
                p.activities.sort_by(|a, b| a.date.cmp(&b.date));
                Rec::Pairing(p)
            }
            taken => taken,
        };
        out.push(taken);
    }
    Ok((out, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_senders_ids_carry_its_prefix() {
        assert!(senders_id("u1", "u1.o12"));
        assert!(!senders_id("u1", "u12.o1"));
        assert!(!senders_id("u1", "u1."));
        assert!(!senders_id("u1", ""));
        assert!(!senders_id("u1", "o11"));
        assert!(!senders_id("u1", "u1.r1/u2/self"));
        assert!(!senders_id("", ".o1"));
    }

    #[test]
    fn a_field_added_to_a_model_later_is_the_committees() {
        // An outcome as a later version might serialise it, with a 备案编号 and a history.
        let held: Map<String, Value> = serde_json::from_str(
            r#"{"id":"o1","unit_id":"u1","title":"甲","filing_no":"备2026-1","history":[]}"#,
        )
        .unwrap();
        let mut incoming = held.clone();
        incoming.insert("title".into(), Value::String("乙".into()));
        let (a, b) = (
            committee_keys(RecordType::Outcome, held.clone()),
            committee_keys(RecordType::Outcome, incoming.clone()),
        );
        assert_eq!(first_difference(&a, &b), None, "the title is the unit's");
        incoming.insert("filing_no".into(), Value::String("备2026-9".into()));
        let b = committee_keys(RecordType::Outcome, incoming);
        assert_eq!(first_difference(&a, &b).as_deref(), Some("filing_no"));
    }

    #[test]
    fn every_unknown_field_is_the_committees() {
        assert!(!sender_fields(RecordType::Outcome).contains(&"recognised"));
        assert!(!sender_fields(RecordType::Outcome).contains(&"filing_no"));
        assert_eq!(
            field_name(RecordType::Outcome, "filing_no"),
            "「filing_no」项"
        );
        assert_eq!(field_name(RecordType::Outcome, "filed_on"), "「备案日期」");
    }
}
