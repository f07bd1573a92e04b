//! 评语: an assessor's (or a unit's) overall comment on one unit's sheet, written in
//! the one-unit score form. It is kept in the sheet's notes under [`COMMENT_KEY`]
//! (beside the 佐证说明 by indicator id), so it is stored, packed and exchanged with the
//! sheet like those notes, with no change to the stored or file format.

use super::grid::{Grid, GridError};
use super::model::*;

/// The key of the sheet's 评语 in `ScoreSheet::evidence` (never an indicator id).
pub const COMMENT_KEY: &str = "_comment";

/// The longest 评语, in characters.
pub const COMMENT_MAX: usize = 1000;

/// Why a 评语 cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    #[error("{0}")]
    Grid(#[from] GridError),
    #[error("单位「{0}」不在此评分表中")]
    NotOnSheet(String),
    #[error("评语有 {n} 个字，超过了 {max} 字的上限，请精简后再保存")]
    TooLong { n: usize, max: usize },
}

/// The 评语 of a sheet (empty when none).
pub fn comment(sheet: &ScoreSheet) -> &str {
    sheet
        .evidence
        .get(COMMENT_KEY)
        .map(String::as_str)
        .unwrap_or("")
}

/// The assessors' 评语 on `unit_id` in a round, as (assessor's name, 评语), in the
/// round's order of assessors; those who wrote none are left out. For the committee's
/// 得分明细 only: a 评语 is an assessor's word to the committee, not to the unit.
pub fn assessor_comments(state: &AppState, round_id: &str, unit_id: &str) -> Vec<(String, String)> {
    let Some(round) = state.round(round_id) else {
        return Vec::new();
    };
    round
        .assessors
        .iter()
        .filter_map(|a| {
            let sheet = round.sheet(unit_id, &SheetSource::Assessor(a.id.clone()))?;
            let c = comment(sheet).trim();
            (!c.is_empty()).then(|| (a.name.clone(), c.to_string()))
        })
        .collect()
}

/// The 评语 of `unit_id` on the sheet of source `key` (an assessor id or `self`).
pub fn comment_of(state: &AppState, round_id: &str, key: &str, unit_id: &str) -> String {
    let Ok(grid) = Grid::read(state, round_id, key) else {
        return String::new();
    };
    state
        .round(round_id)
        .and_then(|r| r.sheet(unit_id, &grid.source))
        .map(|s| comment(s).to_string())
        .unwrap_or_default()
}

/// Sets the 评语 of `unit_id` on the sheet of source `key`; an empty text removes it.
/// The sheet is started if needed and dropped again when it holds nothing. Returns
/// whether anything changed; nothing changes on an error.
pub fn set_comment(
    state: &mut AppState,
    round_id: &str,
    key: &str,
    unit_id: &str,
    text: &str,
    now: &str,
) -> Result<bool, CommentError> {
    let grid = Grid::read(state, round_id, key)?;
    if !grid.unit_ids.iter().any(|u| u == unit_id) {
        let name = state
            .unit(unit_id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| unit_id.to_string());
        return Err(CommentError::NotOnSheet(name));
    }
    let text = text.trim().to_string();
    let n = text.chars().count();
    if n > COMMENT_MAX {
        return Err(CommentError::TooLong {
            n,
            max: COMMENT_MAX,
        });
    }
    let by = state.settings.origin.clone();
    let cols = grid.cols();
    let Some(round) = state.rounds.iter_mut().find(|r| r.id == round_id) else {
        return Err(GridError::RoundNotFound(round_id.to_string()).into());
    };
    let pos = round
        .sheets
        .iter()
        .position(|s| s.unit_id == unit_id && s.source == grid.source);
    let pos = match pos {
        Some(p) => p,
        None if text.is_empty() => return Ok(false),
        None => {
            round.sheets.push(ScoreSheet {
                unit_id: unit_id.to_string(),
                source: grid.source.clone(),
                points: vec![None; cols],
                evidence: Default::default(),
                submitted: false,
                meta: RecordMeta::default(),
            });
            round.sheets.len() - 1
        }
    };
    let sheet = &mut round.sheets[pos];
    if comment(sheet) == text {
        return Ok(false);
    }
    if text.is_empty() {
        sheet.evidence.remove(COMMENT_KEY);
    } else {
        sheet.evidence.insert(COMMENT_KEY.to_string(), text);
    }
    sheet.meta.touch(now, &by);
    let empty =
        sheet.points.iter().all(|p| p.is_none()) && sheet.evidence.is_empty() && !sheet.submitted;
    if empty {
        round.sheets.remove(pos);
    }
    Ok(true)
}
