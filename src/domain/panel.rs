//! A round's panel after it was created: adding and removing units and assessors, and
//! which units each assessor scores (`Assessor::unit_ids`; an empty list, as in data
//! from before assignments, means every unit of the round).
//!
//! Each change checks first and changes nothing on an error. A change that would drop
//! scores (removing a unit or an assessor, or taking a unit from an assessor) is
//! described by [`impact`] first, so the page can say what goes and ask.

use std::collections::BTreeSet;

use super::model::*;

/// Said when one name of several is refused: the others were not added either (a
/// clerk's review: the others were taken to be on the panel).
const NONE_ADDED: &str = "这次填写的姓名都没有添加：请删去重复的姓名，再点“添加评委”。";

/// Why a panel change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PanelError {
    #[error("找不到该考评轮次，可能已被删除")]
    NoRound,
    #[error("单位「{0}」不在单位名册中，请刷新页面后重新选择")]
    UnknownUnit(String),
    #[error("单位「{0}」已经在本次考评中")]
    UnitAlreadyIn(String),
    #[error("单位「{0}」不在本次考评中")]
    UnitNotIn(String),
    #[error("本次考评至少要有一个参评单位，不能移除最后一个")]
    LastUnit,
    #[error("评委「{0}」只评单位「{1}」；请先为该评委分配其他单位，或先移除该评委")]
    OnlyUnitOf(String, String),
    #[error("请填写评委姓名")]
    NoName,
    /// The name as [`RepeatedAssessor::said`](crate::domain::round_setup::RepeatedAssessor::said)
    /// says it.
    #[error("本次考评已有评委{0}，每位评委只填一次。{NONE_ADDED}")]
    DuplicateAssessor(String),
    /// A name typed twice in one go (as `RepeatedAssessor::said` says it).
    #[error("评委{0}填写了不止一次，每位评委只填一次。{NONE_ADDED}")]
    TypedTwice(String),
    #[error("找不到该评委，可能已被移除")]
    NoAssessor,
    #[error("本次考评至少要有一位评委，不能移除最后一位")]
    LastAssessor,
    #[error("每位评委至少评一个单位；如不再需要评委「{0}」，请移除该评委")]
    NoUnitLeft(String),
}

/// The labels of the round page's 加入考评 and 添加评委 fields: also the names a
/// refusal marks them by ([`FieldsAt`](crate::domain::problems::FieldsAt)).
pub mod labels {
    pub const ADD_UNIT: &str = "加入单位";
    pub const NEW_ASSESSOR: &str = "新评委姓名";
}

impl crate::domain::problems::FieldsAt for PanelError {
    fn fields(&self) -> Vec<String> {
        match self {
            PanelError::UnknownUnit(_) | PanelError::UnitAlreadyIn(_) => {
                vec![labels::ADD_UNIT.to_string()]
            }
            PanelError::NoName | PanelError::DuplicateAssessor(_) | PanelError::TypedTwice(_) => {
                vec![labels::NEW_ASSESSOR.to_string()]
            }
            _ => Vec::new(),
        }
    }
}

/// What a removal takes away.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Sheets removed that hold at least one score.
    pub sheets: usize,
    /// Scores (filled cells) in them.
    pub scores: usize,
    /// Bonus, deduction and veto entries removed.
    pub adjustments: usize,
    /// The committee's type decisions removed.
    pub overrides: usize,
}

impl Impact {
    /// Whether anything entered would go.
    pub fn is_empty(&self) -> bool {
        *self == Impact::default()
    }

    /// In plain words, e.g. `2 张评分表（共 44 个分数）、1 条加扣分记录`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.sheets > 0 {
            parts.push(format!(
                "{} 张评分表（共 {} 个分数）",
                self.sheets, self.scores
            ));
        }
        if self.adjustments > 0 {
            parts.push(format!("{} 条加扣分或否决记录", self.adjustments));
        }
        if self.overrides > 0 {
            parts.push(format!("{} 条类型认定", self.overrides));
        }
        parts.join("、")
    }
}

/// A removal the page asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Unit(Id),
    Assessor(Id),
    /// Taking a unit (second) from an assessor (first).
    Assignment(Id, Id),
}

fn filled(sheet: &ScoreSheet) -> usize {
    sheet.points.iter().filter(|p| p.is_some()).count()
}

fn sheets_impact<'a>(sheets: impl Iterator<Item = &'a ScoreSheet>) -> Impact {
    let mut out = Impact::default();
    for s in sheets {
        let n = filled(s);
        if n > 0 || !s.evidence.is_empty() {
            out.sheets += 1;
            out.scores += n;
        }
    }
    out
}

/// What `removal` would take away from `round`.
pub fn impact(round: &Round, removal: &Removal) -> Impact {
    match removal {
        Removal::Unit(u) => {
            let mut out = sheets_impact(round.sheets.iter().filter(|s| &s.unit_id == u));
            out.adjustments = round.adjustments.iter().filter(|a| &a.unit_id == u).count();
            out.overrides = round
                .type_overrides
                .iter()
                .filter(|o| &o.unit_id == u)
                .count();
            out
        }
        Removal::Assessor(a) => sheets_impact(
            round
                .sheets
                .iter()
                .filter(|s| matches!(&s.source, SheetSource::Assessor(x) if x == a)),
        ),
        Removal::Assignment(a, u) => sheets_impact(round.sheets.iter().filter(|s| {
            &s.unit_id == u && matches!(&s.source, SheetSource::Assessor(x) if x == a)
        })),
    }
}

/// How many task files this copy sent to the assessor or unit `removal` takes out of
/// round `round_id`: once removed, their returns are refused, so the removal says so.
pub fn task_files_sent(state: &AppState, round_id: &str, removal: &Removal) -> usize {
    use crate::domain::exchange::Party;
    state
        .exchange
        .sent
        .iter()
        .filter(|t| t.round_id == round_id)
        .filter(|t| match (removal, &t.party) {
            (Removal::Assessor(a), Party::Assessor(b)) | (Removal::Unit(a), Party::Unit(b)) => {
                a == b
            }
            _ => false,
        })
        .count()
}

fn round_mut<'a>(state: &'a mut AppState, round_id: &str) -> Result<&'a mut Round, PanelError> {
    state
        .rounds
        .iter_mut()
        .find(|r| r.id == round_id)
        .map(|r| &mut **r)
        .ok_or(PanelError::NoRound)
}

fn unit_name(state: &AppState, id: &str) -> String {
    state
        .unit(id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn touch(round: &mut Round, now: &str, by: &str) {
    round.meta.touch(now, by);
}

/// Adds a roster unit to the round (after the units already in it). Assessors with
/// no list of units (every unit) score it too; others are assigned it by hand.
pub fn add_unit(
    state: &mut AppState,
    round_id: &str,
    unit_id: &str,
    now: &str,
) -> Result<(), PanelError> {
    let name = state
        .unit(unit_id)
        .map(|u| u.name.clone())
        .ok_or_else(|| PanelError::UnknownUnit(unit_id.to_string()))?;
    let by = state.settings.origin.clone();
    let round = round_mut(state, round_id)?;
    if round.unit_ids.iter().any(|u| u == unit_id) {
        return Err(PanelError::UnitAlreadyIn(name));
    }
    round.unit_ids.push(unit_id.to_string());
    touch(round, now, &by);
    Ok(())
}

/// Removes a unit from the round with its sheets, adjustments, type decision and
/// decided proposal, and from every assessor's list.
pub fn remove_unit(
    state: &mut AppState,
    round_id: &str,
    unit_id: &str,
    now: &str,
) -> Result<(), PanelError> {
    let name = unit_name(state, unit_id);
    let by = state.settings.origin.clone();
    let round = round_mut(state, round_id)?;
    if !round.unit_ids.iter().any(|u| u == unit_id) {
        return Err(PanelError::UnitNotIn(name));
    }
    if round.unit_ids.len() == 1 {
        return Err(PanelError::LastUnit);
    }
    if let Some(a) = round
        .assessors
        .iter()
        .find(|a| a.unit_ids.len() == 1 && a.unit_ids[0] == unit_id)
    {
        return Err(PanelError::OnlyUnitOf(a.name.clone(), name));
    }
    round.unit_ids.retain(|u| u != unit_id);
    round.sheets.retain(|s| s.unit_id != unit_id);
    round.adjustments.retain(|a| a.unit_id != unit_id);
    round.type_overrides.retain(|o| o.unit_id != unit_id);
    round.decided_proposals.retain(|u| u != unit_id);
    round.dismissed_proposals.retain(|d| d.unit_id != unit_id);
    for a in &mut round.assessors {
        a.unit_ids.retain(|u| u != unit_id);
    }
    touch(round, now, &by);
    Ok(())
}

/// Adds the assessors named in `text` (one, or several separated as in 新建考评's box:
/// lines, 、，；) to a round, with no units yet (they score every unit), and returns
/// their ids. All or nothing: an empty text, or a name the round has already (spaces and
/// full-width letters set aside) or that is typed twice, is refused.
pub fn add_assessor(
    state: &mut AppState,
    round_id: &str,
    text: &str,
    now: &str,
) -> Result<Vec<Id>, PanelError> {
    let names = crate::domain::round_setup::parse_assessor_names(text);
    if names.is_empty() {
        return Err(PanelError::NoName);
    }
    let round = state.round(round_id).ok_or(PanelError::NoRound)?;
    if let Some(r) = crate::domain::round_setup::repeated_assessor(
        round.assessors.iter().map(|a| a.name.as_str()),
        &names,
    ) {
        return Err(if r.in_round {
            PanelError::DuplicateAssessor(r.said())
        } else {
            PanelError::TypedTwice(r.said())
        });
    }
    let by = state.settings.origin.clone();
    let mut ids = Vec::new();
    for name in names {
        let id = loop {
            let id = state.new_id("a");
            let taken = state
                .rounds
                .iter()
                .any(|r| r.assessors.iter().any(|a| a.id == id));
            if !taken {
                break id;
            }
        };
        let round = round_mut(state, round_id)?;
        round.assessors.push(Assessor {
            id: id.clone(),
            name,
            org: String::new(),
            unit_ids: Vec::new(),
        });
        touch(round, now, &by);
        ids.push(id);
    }
    Ok(ids)
}

/// Removes an assessor and their sheets.
pub fn remove_assessor(
    state: &mut AppState,
    round_id: &str,
    assessor_id: &str,
    now: &str,
) -> Result<(), PanelError> {
    let by = state.settings.origin.clone();
    let round = round_mut(state, round_id)?;
    if !round.assessors.iter().any(|a| a.id == assessor_id) {
        return Err(PanelError::NoAssessor);
    }
    if round.assessors.len() == 1 {
        return Err(PanelError::LastAssessor);
    }
    round.assessors.retain(|a| a.id != assessor_id);
    round
        .sheets
        .retain(|s| !matches!(&s.source, SheetSource::Assessor(x) if x == assessor_id));
    touch(round, now, &by);
    Ok(())
}

/// Whether the assessor scores the unit (an empty list: every unit).
pub fn is_assigned(assessor: &Assessor, unit_id: &str) -> bool {
    assessor.unit_ids.is_empty() || assessor.unit_ids.iter().any(|u| u == unit_id)
}

/// Assigns a unit to an assessor (`on`) or takes it away with the assessor's sheet for
/// it. The list is kept in the round's unit order; an assessor keeps at least one unit.
pub fn set_assigned(
    state: &mut AppState,
    round_id: &str,
    assessor_id: &str,
    unit_id: &str,
    on: bool,
    now: &str,
) -> Result<(), PanelError> {
    let name = unit_name(state, unit_id);
    let by = state.settings.origin.clone();
    let round = round_mut(state, round_id)?;
    if !round.unit_ids.iter().any(|u| u == unit_id) {
        return Err(PanelError::UnitNotIn(name));
    }
    let all = round.unit_ids.clone();
    let a = round
        .assessors
        .iter_mut()
        .find(|a| a.id == assessor_id)
        .ok_or(PanelError::NoAssessor)?;
    let mut set: BTreeSet<Id> = if a.unit_ids.is_empty() {
        all.iter().cloned().collect()
    } else {
        a.unit_ids.iter().cloned().collect()
    };
    if on {
        set.insert(unit_id.to_string());
    } else {
        set.remove(unit_id);
    }
    if set.is_empty() {
        return Err(PanelError::NoUnitLeft(a.name.clone()));
    }
    a.unit_ids = all.into_iter().filter(|u| set.contains(u)).collect();
    if !on {
        round.sheets.retain(|s| {
            !(s.unit_id == unit_id
                && matches!(&s.source, SheetSource::Assessor(x) if x == assessor_id))
        });
    }
    touch(round, now, &by);
    Ok(())
}

/// One unit's line in the panel: how many assessors score it, and whether that is
/// below the scheme's minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRow {
    pub unit_id: Id,
    pub assessors: usize,
    pub below_min: bool,
}

/// Each unit of the round with its number of assessors, against `min_assessors`.
pub fn panel_rows(round: &Round, min_assessors: u8) -> Vec<PanelRow> {
    round
        .unit_ids
        .iter()
        .map(|u| {
            let n = round.assessors.iter().filter(|a| is_assigned(a, u)).count();
            PanelRow {
                unit_id: u.clone(),
                assessors: n,
                below_min: n < min_assessors as usize,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "panel_tests.rs"]
mod tests;
