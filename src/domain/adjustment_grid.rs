//! Bonus, deduction and veto entries for many units at once (加减分批量登记): the
//! round's units down, the scheme's items across, each cell the number of times the
//! item applies to the unit (a veto: 0 or 1). Saving the grid makes the round's records
//! match it, all or nothing; a cell left as it was keeps its records and their notes.
//! Single records are still added and removed by `adjustments.rs`.

use super::adjustments::{item_choices, kind_label, AdjustmentError, ItemChoice, MAX_COUNT};
use super::model::*;
use super::points::Points;

/// Why the grid could not be saved (nothing changes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    #[error("「{unit}」的{kind}项目「{item}」次数应为0到99之间的整数，填的是“{text}”，请改正。")]
    BadCell {
        unit: String,
        kind: &'static str,
        item: String,
        text: String,
    },
    #[error(transparent)]
    Adjustment(#[from] AdjustmentError),
}

/// One unit's row: its counts, in the order of [`AdjustmentGrid::items`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub unit_id: Id,
    pub name: String,
    pub counts: Vec<u32>,
}

/// The grid of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentGrid {
    pub items: Vec<ItemChoice>,
    pub rows: Vec<GridRow>,
}

/// One cell as typed: the unit, the item's key ([`ItemChoice::key`]) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    pub unit_id: Id,
    pub key: String,
    pub text: String,
}

/// What saving changed: records added, changed (count) and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GridChange {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

fn count_of(round: &Round, unit: &str, c: &ItemChoice) -> u32 {
    let n: u32 = round
        .adjustments
        .iter()
        .filter(|a| a.unit_id == unit && a.kind == c.kind && a.item_id == c.item_id)
        .map(|a| a.count)
        .sum();
    if c.kind == AdjustmentKind::Veto {
        n.min(1)
    } else {
        n
    }
}

/// The round's grid: its units in round order, the scheme's items (bonus, deduction,
/// veto), and each cell the sum of the recorded counts.
pub fn grid(state: &AppState, round_id: &str) -> Result<AdjustmentGrid, AdjustmentError> {
    let round = state
        .round(round_id)
        .ok_or_else(|| AdjustmentError::RoundNotFound(round_id.to_string()))?;
    let scheme = state
        .scheme(&round.scheme_id)
        .ok_or_else(|| AdjustmentError::SchemeNotFound {
            round: round.name.clone(),
        })?;
    let items = item_choices(scheme);
    let rows = round
        .unit_ids
        .iter()
        .map(|u| GridRow {
            unit_id: u.clone(),
            name: state
                .unit(u)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| u.clone()),
            counts: items.iter().map(|c| count_of(round, u, c)).collect(),
        })
        .collect();
    Ok(AdjustmentGrid { items, rows })
}

/// A unit whose bonus points add up to more than the scheme's cap: the total counts
/// the cap (what the person entered is kept as entered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CappedBonus {
    pub unit_name: String,
    /// The bonus lines' sum as entered.
    pub entered: Points,
    /// What the total counts: the scheme's cap.
    pub counted: Points,
}

/// The units of round `round_id` whose bonus is over the cap, in ranking order (none
/// when the round cannot be scored).
pub fn capped_bonuses(state: &AppState, round_id: &str) -> Vec<CappedBonus> {
    let Ok(results) = super::scoring::compute_round(state, round_id) else {
        return Vec::new();
    };
    results
        .ranking()
        .filter(|u| u.bonus_before_cap > u.bonus)
        .map(|u| CappedBonus {
            unit_name: u.unit_name.clone(),
            entered: u.bonus_before_cap,
            counted: u.bonus,
        })
        .collect()
}

/// The units of round `round_id` with a 一票否决 recorded.
pub fn vetoed_units(state: &AppState, round_id: &str) -> Vec<Id> {
    let mut out: Vec<Id> = state
        .round(round_id)
        .map(|r| {
            r.adjustments
                .iter()
                .filter(|a| a.kind == AdjustmentKind::Veto)
                .map(|a| a.unit_id.clone())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

/// What saving says of the vetoes taken off (`vetoed_before`: [`vetoed_units`] before
/// saving) from units whose status change this round already decided and that have
/// since left (摘牌 or 退出): the decision rested on the veto, and only the unit's page
/// can correct it. Empty when there are none.
pub fn removed_veto_note(state: &AppState, round_id: &str, vetoed_before: &[Id]) -> String {
    let Some(round) = state.round(round_id) else {
        return String::new();
    };
    let now = vetoed_units(state, round_id);
    let names: Vec<String> = vetoed_before
        .iter()
        .filter(|u| !now.contains(u) && round.decided_proposals.contains(u))
        .filter_map(|u| state.unit(u))
        .filter(|u| matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn))
        .map(|u| format!("「{}」（{}）", u.name, u.status.label()))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!(
        "{}的状态已按本轮的动态管理建议变更，现在取消了一票否决：如该决定需要更正，请到单位页面办理。",
        names.join("、")
    )
}

/// What saving says of the capped bonuses: empty when there are none.
pub fn capped_note(capped: &[CappedBonus]) -> String {
    let Some(first) = capped.first() else {
        return String::new();
    };
    let names: Vec<String> = capped
        .iter()
        .take(5)
        .map(|c| format!("「{}」{}分", c.unit_name, c.entered))
        .collect();
    let more = if capped.len() > 5 {
        format!("等{}个单位", capped.len())
    } else {
        String::new()
    };
    format!(
        "加分合计超过上限{}分的：{}{more}，加分按{}分计入总分。",
        first.counted,
        names.join("、"),
        first.counted
    )
}

/// Reads a cell: empty is 0; a whole number 0–99; for a veto only 0 or 1.
fn parse_cell(text: &str, veto: bool) -> Option<u32> {
    // Digits typed through a Chinese input method (２) are digits.
    let t = super::typed::half_width(text);
    if t.is_empty() {
        return Some(0);
    }
    let n: u32 = t.parse().ok()?;
    let max = if veto { 1 } else { MAX_COUNT };
    (n <= max).then_some(n)
}

/// One cell the page sent, in the grid's order: its unit, item and key, the count
/// recorded now, and the count typed (`None`: not a count, refused on saving).
struct EditedCell<'a> {
    row: &'a GridRow,
    item: &'a ItemChoice,
    key: String,
    was: u32,
    typed: Option<u32>,
}

/// The cells `edits` holds, read against grid `g`. The edits are looked up by (unit,
/// item key): the page sends every cell of the round, so searching the list for each
/// would take time of its size squared.
fn edited_cells<'a>(g: &'a AdjustmentGrid, edits: &[CellEdit]) -> Vec<EditedCell<'a>> {
    let by_cell: std::collections::HashMap<(&str, &str), &str> = edits
        .iter()
        .map(|e| ((e.unit_id.as_str(), e.key.as_str()), e.text.as_str()))
        .collect();
    let mut out = Vec::new();
    for row in &g.rows {
        for (item, was) in g.items.iter().zip(&row.counts) {
            let key = item.key();
            let Some(text) = by_cell.get(&(row.unit_id.as_str(), key.as_str())) else {
                continue;
            };
            let typed = parse_cell(text, item.kind == AdjustmentKind::Veto);
            out.push(EditedCell {
                row,
                item,
                key,
                was: *was,
                typed,
            });
        }
    }
    out
}

/// The edited cells that are not counts (what [`save_grid`] refuses), as (unit, item
/// key), in the grid's order: the page marks them and puts the keyboard on the first.
pub fn bad_cells(state: &AppState, round_id: &str, edits: &[CellEdit]) -> Vec<(Id, String)> {
    let Ok(g) = grid(state, round_id) else {
        return Vec::new();
    };
    edited_cells(&g, edits)
        .into_iter()
        .filter(|c| c.typed.is_none())
        .map(|c| (c.row.unit_id.clone(), c.key))
        .collect()
}

/// From how many occurrences a count is asked about before saving ([`large_counts`]).
pub const LARGE_COUNT: u32 = 5;

/// The edited cells whose new count is [`LARGE_COUNT`] or more, each as the question
/// before saving says it: `「单位」扣分「被通报批评」40次，计−120分`. A clerk reading
/// 「（−3分）」 may type the points, not the times (3 meaning 3 points deducts 9). Cells
/// left as they were, and cells that are not counts (refused on saving), are not listed.
pub fn large_counts(state: &AppState, round_id: &str, edits: &[CellEdit]) -> Vec<String> {
    let Ok(g) = grid(state, round_id) else {
        return Vec::new();
    };
    edited_cells(&g, edits)
        .into_iter()
        .filter_map(|c| {
            let n = c.typed.filter(|n| *n >= LARGE_COUNT && *n != c.was)?;
            let points = c.item.points.unwrap_or(Points::ZERO) * i64::from(n);
            let sign = if c.item.kind == AdjustmentKind::Deduction {
                "−"
            } else {
                "+"
            };
            Some(format!(
                "「{}」{}「{}」{n}次，计{sign}{points}分",
                c.row.name,
                kind_label(c.item.kind),
                c.item.name
            ))
        })
        .collect()
}

/// Saves the edited cells of round `round_id`: a cell whose count differs from the
/// records is made to match (0 removes the unit's records of that item; one record
/// gets the new count; several are replaced by one, their notes kept). Refuses the
/// whole grid, naming the cell, if any cell is not a count, or a unit or item is not
/// the round's.
pub fn save_grid(
    state: &mut AppState,
    round_id: &str,
    edits: &[CellEdit],
) -> Result<GridChange, GridError> {
    let g = grid(state, round_id)?;
    let mut copy = state.clone();
    let mut change = GridChange::default();
    for e in edits {
        let Some(item) = g.items.iter().find(|c| c.key() == e.key) else {
            continue;
        };
        let Some(row) = g.rows.iter().find(|r| r.unit_id == e.unit_id) else {
            let unit = state
                .unit(&e.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_else(|| e.unit_id.clone());
            let round = state.round(round_id).map(|r| r.name.clone());
            return Err(AdjustmentError::UnitNotInRound {
                round: round.unwrap_or_default(),
                unit,
            }
            .into());
        };
        let veto = item.kind == AdjustmentKind::Veto;
        let n = parse_cell(&e.text, veto).ok_or_else(|| GridError::BadCell {
            unit: row.name.clone(),
            kind: kind_label(item.kind),
            item: item.name.clone(),
            text: e.text.trim().to_string(),
        })?;
        let Some(round) = copy.rounds.iter_mut().find(|r| r.id == round_id) else {
            return Err(AdjustmentError::RoundNotFound(round_id.to_string()).into());
        };
        if count_of(round, &e.unit_id, item) == n {
            continue;
        }
        let mine = |a: &Adjustment| {
            a.unit_id == e.unit_id && a.kind == item.kind && a.item_id == item.item_id
        };
        let existing: Vec<Adjustment> = round
            .adjustments
            .iter()
            .filter(|a| mine(a))
            .cloned()
            .collect();
        match (existing.len(), n) {
            (k, 0) => {
                round.adjustments.retain(|a| !mine(a));
                change.removed += k;
            }
            (1, n) => {
                if let Some(a) = round.adjustments.iter_mut().find(|a| mine(a)) {
                    a.count = n;
                }
                change.changed += 1;
            }
            (k, n) => {
                let note = existing
                    .iter()
                    .map(|a| a.note.as_str())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("；");
                round.adjustments.retain(|a| !mine(a));
                change.removed += k;
                let id = copy.new_id("j");
                if let Some(round) = copy.rounds.iter_mut().find(|r| r.id == round_id) {
                    round.adjustments.push(Adjustment {
                        id,
                        unit_id: e.unit_id.clone(),
                        kind: item.kind,
                        item_id: item.item_id.clone(),
                        count: n,
                        note,
                    });
                }
                change.added += 1;
            }
        }
    }
    *state = copy;
    Ok(change)
}
