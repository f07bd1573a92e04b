//! What can still be read of a stored value whose parts do not all read.
//!
//! A round's part that is unchanged between saves is named by the current manifest and
//! by the previous copy alike, so one damaged part can spoil both: the loader then has
//! no whole copy. Rather than start empty, [`salvage`] keeps everything that reads: the
//! rest (units, schemes, outcomes, settings…) must read, and each round is taken from
//! its own part, else from the previous copy's part in the same place, else left out
//! and counted. Nothing is guessed: a round is either read whole from a part that
//! matches its name or not there.

use super::{unpack_part, Manifest, SheetDelta};
use crate::domain::document::{Document, SCHEMA_VERSION};
use crate::domain::model::{AppState, Round, Shared};

/// A state put together from the parts that read, and what it is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Salvaged {
    pub doc: Document,
    /// Rounds whose part did not read, here or in the previous copy: left out.
    pub lost_rounds: usize,
    /// Rounds taken from the previous copy (one save older) because their own part did
    /// not read.
    pub older_rounds: usize,
}

/// Puts together what reads of the stored revision `m`, with `previous` (the previous
/// copy's manifest) as a second source for a round whose part is damaged. `None` when
/// the rest does not read (without the roster nothing else means anything), when the
/// manifest is of an older schema (its migrations need the whole document), or when
/// nothing is damaged (then the value reads as it is and this is not needed).
pub fn salvage(
    m: &Manifest,
    previous: Option<&Manifest>,
    read_part: impl Fn(&str) -> Option<String>,
) -> Option<Salvaged> {
    if m.schema != SCHEMA_VERSION {
        return None;
    }
    let json = |name: &str| unpack_part(name, &read_part(name)?).ok();
    let mut state: AppState = serde_json::from_str(&json(&m.rest)?).ok()?;
    let round = |name: &str| serde_json::from_str::<Round>(&json(name)?).ok();
    // The previous copy's round in the same place, when it has the same rounds.
    let fallback =
        previous.filter(|p| p.schema == SCHEMA_VERSION && p.rounds.len() == m.rounds.len());
    let (mut lost, mut older) = (0, 0);
    let mut rounds: Vec<Option<Round>> = Vec::with_capacity(m.rounds.len());
    for (i, name) in m.rounds.iter().enumerate() {
        if let Some(r) = round(name) {
            rounds.push(Some(with_sheets(r, i, &m.sheets)));
            continue;
        }
        match fallback.and_then(|p| Some((round(&p.rounds[i])?, p))) {
            Some((r, p)) => {
                older += 1;
                rounds.push(Some(with_sheets(r, i, &p.sheets)));
            }
            None => {
                lost += 1;
                rounds.push(None);
            }
        }
    }
    if lost == 0 && older == 0 {
        return None;
    }
    state.rounds = rounds.into_iter().flatten().map(Shared::new).collect();
    Some(Salvaged {
        doc: Document {
            rev: m.stamp.rev,
            saved_at: m.saved_at.clone(),
            state,
        },
        lost_rounds: lost,
        older_rounds: older,
    })
}

/// Round `r` (the `i`-th of its manifest) with the sheets that manifest carries for it;
/// a carried sheet that does not fit is left out (the part's own sheet stays).
fn with_sheets(mut r: Round, i: usize, sheets: &[SheetDelta]) -> Round {
    for d in sheets.iter().filter(|d| d.round == i) {
        r.sheets.put(d.at, d.sheet.clone());
    }
    r
}
