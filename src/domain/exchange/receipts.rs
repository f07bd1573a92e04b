//! Return files received (committee side): which files came in for a round from whom,
//! and whether the sender's sheets were complete after each, so the round page can
//! count files, not only scores, and the import preview can say which returns are
//! incomplete.

use serde::{Deserialize, Serialize};

use super::envelope::{PackageKind, Party};
use super::import::{FileInfo, SignatureCheck};
use crate::domain::model::*;
use crate::domain::round_setup::{sheet_status, SheetStatus};

/// One return file taken in by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub round_id: Id,
    pub party: Party,
    /// When the sender made the file (its envelope's `made_at`).
    pub made_at: String,
    /// The file's name as chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// Units the sender was expected to score that were not complete after the import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<String>,
    /// Taken in although it failed the check of its sender (仍然导入): what it brought
    /// is never held over a later file that passes the check, and the round page says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
}

fn source_of(party: &Party) -> Option<SheetSource> {
    match party {
        Party::Unit(_) => Some(SheetSource::SelfAssessment),
        Party::Assessor(a) => Some(SheetSource::Assessor(a.clone())),
        _ => None,
    }
}

/// The sender's units not complete in `state`, each as `甲支部：缺 3 项` or
/// `乙支部：未评分`, in the round's order.
pub fn incomplete_units(state: &AppState, round_id: &str, party: &Party) -> Vec<String> {
    let (Some(round), Some(source)) = (state.round(round_id), source_of(party)) else {
        return Vec::new();
    };
    let n = state
        .scheme(&round.scheme_id)
        .map(|s| s.indicator_count())
        .unwrap_or(0);
    let units: Vec<&Id> = match party {
        Party::Unit(u) => round.unit_ids.iter().filter(|x| *x == u).collect(),
        _ => round.unit_ids.iter().collect(),
    };
    units
        .into_iter()
        .filter_map(|u| {
            let name = state
                .unit(u)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| u.clone());
            match sheet_status(round, &source, u, n) {
                SheetStatus::NotStarted => Some(format!("{name}：未评分")),
                SheetStatus::Partial(k) => Some(format!("{name}：缺 {k} 项")),
                SheetStatus::Complete | SheetStatus::NotAssigned => None,
            }
        })
        .collect()
}

/// A sentence for the import preview when a return leaves its sender incomplete.
pub fn incomplete_note(sender: &str, lines: &[String]) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let shown: Vec<&str> = lines.iter().take(8).map(String::as_str).collect();
    let more = if lines.len() > 8 {
        format!("等 {} 个单位", lines.len())
    } else {
        String::new()
    };
    Some(format!(
        "{sender}的报送不完整（导入后仍未评完）：{}{more}",
        shown.join("；")
    ))
}

/// Records the return files of an applied import in `next` (after their records
/// were taken). The same file imported again is recorded once.
pub fn record_receipts(next: &mut AppState, files: &[FileInfo]) {
    for f in files {
        let Some(receipt) = receipt_of(next, f) else {
            continue;
        };
        match next
            .exchange
            .received
            .iter()
            .position(|r| same_file(r, &receipt))
        {
            None => next.exchange.received.push(receipt),
            // A verified file taken in again after a doubtful one: moved to the end, so
            // it is the sender's last file in (a review: the genuine file imported again
            // to put things right left the doubtful one last, and the page warning).
            Some(at)
                if !receipt.unverified
                    && last_unverified(next, &receipt.round_id, &receipt.party) =>
            {
                next.exchange.received.remove(at);
                next.exchange.received.push(receipt);
            }
            Some(_) => {}
        }
    }
}

/// How many of `files` are return files not yet recorded as received. A return that
/// holds nothing new (a unit that sent its task back unfilled, or a file older than
/// the data here) changes no record, but it did come in: the import records it.
pub fn unrecorded_receipts(state: &AppState, files: &[FileInfo]) -> usize {
    files
        .iter()
        .filter_map(|f| receipt_of(state, f))
        .filter(|r| !is_recorded(state, r))
        .count()
}

/// The receipt for file `f` if it is a return file of a round.
fn receipt_of(state: &AppState, f: &FileInfo) -> Option<Receipt> {
    if !matches!(
        f.kind,
        PackageKind::UnitReturn | PackageKind::AssessorReturn
    ) {
        return None;
    }
    let round = f.round.as_ref()?;
    Some(Receipt {
        round_id: round.id.clone(),
        party: f.made_by.clone(),
        made_at: f.made_at.clone(),
        file: f.name.clone(),
        incomplete: incomplete_units(state, &round.id, &f.made_by),
        unverified: matches!(f.signature, SignatureCheck::Overridden(_)),
    })
}

fn is_recorded(state: &AppState, receipt: &Receipt) -> bool {
    state
        .exchange
        .received
        .iter()
        .any(|r| same_file(r, receipt))
}

/// Whether two receipts are of the same file: its round, sender and time, and whether it
/// passed the check of its sender (a file edited and taken in by 仍然导入 keeps the time
/// it had: a review found it then left no receipt, and nothing marked it).
fn same_file(a: &Receipt, b: &Receipt) -> bool {
    a.round_id == b.round_id
        && a.party == b.party
        && a.made_at == b.made_at
        && a.unverified == b.unverified
}

/// Files received for a round from one party: how many, and the latest one.
pub fn received_from<'a>(
    state: &'a AppState,
    round_id: &str,
    party: &Party,
) -> (usize, Option<&'a Receipt>) {
    let list: Vec<&Receipt> = state
        .exchange
        .received
        .iter()
        .filter(|r| r.round_id == round_id && &r.party == party)
        .collect();
    let latest = list
        .iter()
        .copied()
        .max_by(|a, b| a.made_at.cmp(&b.made_at));
    (list.len(), latest)
}

/// The latest file received from a party for a round that passed the check of its
/// sender (see [`Receipt::unverified`]).
pub fn latest_verified<'a>(
    state: &'a AppState,
    round_id: &str,
    party: &Party,
) -> Option<&'a Receipt> {
    state
        .exchange
        .received
        .iter()
        .filter(|r| r.round_id == round_id && &r.party == party && !r.unverified)
        .max_by(|a, b| a.made_at.cmp(&b.made_at))
}

/// Whether the last file imported from a party for a round (in the order imported) was
/// taken in without passing the check of its sender: what it brought is held here, and
/// a file that passes the check replaces it by default, not judged older by that file's
/// claimed times and counters (a clerk's review: a forged score stayed over the
/// assessor's genuine return as 本机的较新).
pub fn last_unverified(state: &AppState, round_id: &str, party: &Party) -> bool {
    state
        .exchange
        .received
        .iter()
        .rev()
        .find(|r| r.round_id == round_id && &r.party == party)
        .is_some_and(|r| r.unverified)
}

/// Who has sent return files for a round: (assessors, units), each counted once however
/// many files they sent.
pub fn received_counts(state: &AppState, round_id: &str) -> (usize, usize) {
    let mut a = std::collections::BTreeSet::new();
    let mut u = std::collections::BTreeSet::new();
    for r in state
        .exchange
        .received
        .iter()
        .filter(|r| r.round_id == round_id)
    {
        match &r.party {
            Party::Assessor(id) => a.insert(id),
            Party::Unit(id) => u.insert(id),
            _ => false,
        };
    }
    (a.len(), u.len())
}

/// The round's units that were sent a task file and have sent no return file yet, in
/// the round's order: whose outcomes, 保障投入 and progress reports are still owed.
pub fn units_awaited(state: &AppState, round_id: &str) -> Vec<Id> {
    let Some(round) = state.round(round_id) else {
        return Vec::new();
    };
    round
        .unit_ids
        .iter()
        .filter(|u| {
            let party = Party::Unit((*u).clone());
            state.exchange.sent_to(round_id, &party).is_some()
                && received_from(state, round_id, &party).0 == 0
        })
        .cloned()
        .collect()
}

/// For the round page's progress line: `；已收到报送文件 2 份，最近一份未评完 1 个单位（…）`,
/// or `；尚未收到报送文件`.
pub fn received_line(state: &AppState, round_id: &str, party: &Party) -> String {
    with_unverified(
        state,
        round_id,
        party,
        received_counted(state, round_id, party, true),
    )
}

/// [`received_line`] without what the latest file left incomplete (`；已收到报送文件 2
/// 份`): for 数据交换's list of recipients, where a unit's self-assessment read as
/// units 未评完.
pub fn received_count_line(state: &AppState, round_id: &str, party: &Party) -> String {
    with_unverified(
        state,
        round_id,
        party,
        received_counted(state, round_id, party, false),
    )
}

/// `line`, with how many of the sender's files were taken in unverified, if any.
fn with_unverified(state: &AppState, round_id: &str, party: &Party, mut line: String) -> String {
    let unverified = state
        .exchange
        .received
        .iter()
        .filter(|r| r.round_id == round_id && &r.party == party && r.unverified)
        .count();
    // Said as long as the receipts are kept (a clerk's review: after the import, nothing
    // on the page told the forged file from the others).
    if unverified > 0 {
        // After a verified file, said as past (a re-test: the warning stayed once a
        // verified file had replaced what the doubtful one brought).
        let then = if last_unverified(state, round_id, party) {
            "，请向对方核实"
        } else {
            "；此后已导入通过核对的文件"
        };
        line.push_str(&format!(
            "（其中 {unverified} 份未通过身份核对，是按选择“仍然导入”导入的{then}）"
        ));
    }
    line
}

/// How many files came in from `party`, and, with `incomplete`, what the latest left
/// incomplete.
fn received_counted(state: &AppState, round_id: &str, party: &Party, incomplete: bool) -> String {
    match received_from(state, round_id, party) {
        (0, _) => "；尚未收到报送文件".to_string(),
        (n, Some(latest)) if incomplete && !latest.incomplete.is_empty() => format!(
            "；已收到报送文件 {n} 份，最近一份未评完 {} 个单位（{}）",
            latest.incomplete.len(),
            latest.incomplete.join("；")
        ),
        (n, _) => format!("；已收到报送文件 {n} 份"),
    }
}
