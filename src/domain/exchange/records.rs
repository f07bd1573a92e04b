//! Records as the preview sees them: one typed value per record, a stable key
//! (`outcome:u3.o5`, `sheet:r2/u3/a:a1`), a Chinese label, its [`RecordMeta`], and how
//! to put it into a state.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::model::*;
use crate::domain::validation::source_name;

/// The record types shown in a preview, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordType {
    Unit,
    Scheme,
    Round,
    Sheet,
    Outcome,
    Pairing,
    Rectification,
    Resource,
    Application,
    Guidance,
    Results,
}

impl RecordType {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            RecordType::Unit => "单位",
            RecordType::Scheme => "考评方案",
            RecordType::Round => "考评轮次",
            RecordType::Sheet => "评分表",
            RecordType::Outcome => "成果",
            RecordType::Pairing => "结对",
            RecordType::Rectification => "整改事项",
            RecordType::Resource => "保障投入",
            RecordType::Application => "申报",
            RecordType::Guidance => "督导记录",
            RecordType::Results => "发布结果",
        }
    }
}

/// One record of any type.
#[derive(Debug, Clone, PartialEq)]
pub enum Rec {
    Unit(Unit),
    Scheme(Scheme),
    Round(Round),
    Sheet { round_id: Id, sheet: ScoreSheet },
    Outcome(Outcome),
    Pairing(Pairing),
    Rectification(Rectification),
    Resource(ResourceEntry),
    Application(Application),
    Guidance(GuidanceVisit),
}

/// The key of a sheet: `sheet:<round>/<unit>/self` or `sheet:<round>/<unit>/a:<assessor>`.
pub fn sheet_key(round_id: &str, unit_id: &str, source: &SheetSource) -> String {
    match source {
        SheetSource::SelfAssessment => format!("sheet:{round_id}/{unit_id}/self"),
        SheetSource::Assessor(a) => format!("sheet:{round_id}/{unit_id}/a:{a}"),
    }
}

impl Rec {
    pub fn record_type(&self) -> RecordType {
        match self {
            Rec::Unit(_) => RecordType::Unit,
            Rec::Scheme(_) => RecordType::Scheme,
            Rec::Round(_) => RecordType::Round,
            Rec::Sheet { .. } => RecordType::Sheet,
            Rec::Outcome(_) => RecordType::Outcome,
            Rec::Pairing(_) => RecordType::Pairing,
            Rec::Rectification(_) => RecordType::Rectification,
            Rec::Resource(_) => RecordType::Resource,
            Rec::Application(_) => RecordType::Application,
            Rec::Guidance(_) => RecordType::Guidance,
        }
    }

    /// The stable key (type and id).
    pub fn key(&self) -> String {
        match self {
            Rec::Unit(x) => format!("unit:{}", x.id),
            Rec::Scheme(x) => format!("scheme:{}", x.id),
            Rec::Round(x) => format!("round:{}", x.id),
            Rec::Sheet { round_id, sheet } => sheet_key(round_id, &sheet.unit_id, &sheet.source),
            Rec::Outcome(x) => format!("outcome:{}", x.id),
            Rec::Pairing(x) => format!("pairing:{}", x.id),
            Rec::Rectification(x) => format!("rectification:{}", x.id),
            Rec::Resource(x) => format!("resource:{}", x.id),
            Rec::Application(x) => format!("application:{}", x.id),
            Rec::Guidance(x) => format!("guidance:{}", x.id),
        }
    }

    pub fn meta(&self) -> &RecordMeta {
        match self {
            Rec::Unit(x) => &x.meta,
            Rec::Scheme(x) => &x.meta,
            Rec::Round(x) => &x.meta,
            Rec::Sheet { sheet, .. } => &sheet.meta,
            Rec::Outcome(x) => &x.meta,
            Rec::Pairing(x) => &x.meta,
            Rec::Rectification(x) => &x.meta,
            Rec::Resource(x) => &x.meta,
            Rec::Application(x) => &x.meta,
            Rec::Guidance(x) => &x.meta,
        }
    }

    pub(crate) fn meta_mut(&mut self) -> &mut RecordMeta {
        match self {
            Rec::Unit(x) => &mut x.meta,
            Rec::Scheme(x) => &mut x.meta,
            Rec::Round(x) => &mut x.meta,
            Rec::Sheet { sheet, .. } => &mut sheet.meta,
            Rec::Outcome(x) => &mut x.meta,
            Rec::Pairing(x) => &mut x.meta,
            Rec::Rectification(x) => &mut x.meta,
            Rec::Resource(x) => &mut x.meta,
            Rec::Application(x) => &mut x.meta,
            Rec::Guidance(x) => &mut x.meta,
        }
    }

    /// Same content, ignoring the revision metadata.
    pub fn same_content(&self, other: &Rec) -> bool {
        let (mut a, mut b) = (self.clone(), other.clone());
        *a.meta_mut() = RecordMeta::default();
        *b.meta_mut() = RecordMeta::default();
        a == b
    }

    /// A record changed on both sides that can be merged rather than chosen between:
    /// a rectification item, whose progress notes both sides add to. `self` is the
    /// record held here, `incoming` the file's; `from_committee` says the file is the
    /// committee's (a task file taken into a unit's copy). The committee's fields
    /// (整改期限, 问题描述, 销号…) are the committee's version, whichever side that is;
    /// each side's notes are kept; the status is [`merged_status`]. `None` for any other
    /// record.
    pub fn merged_with(&self, incoming: &Rec, from_committee: bool) -> Option<Rec> {
        let (Rec::Rectification(held), Rec::Rectification(file)) = (self, incoming) else {
            return None;
        };
        let (committee, unit) = if from_committee {
            (file, held)
        } else {
            (held, file)
        };
        let mut out = committee.clone();
        out.progress = held.progress.clone();
        for note in &file.progress {
            if !out.progress.contains(note) {
                out.progress.push(note.clone());
            }
        }
        out.progress.sort_by(|a, b| a.date.cmp(&b.date));
        out.status = merged_status(committee, unit);
        out.meta.rev = held.meta.rev.max(file.meta.rev) + 1;
        out.meta.updated = held.meta.updated.clone().max(file.meta.updated.clone());
        Some(Rec::Rectification(out))
    }

    /// The unit a unit-owned record belongs to.
    pub fn owner_unit(&self) -> Option<&str> {
        match self {
            Rec::Sheet { sheet, .. } => Some(&sheet.unit_id),
            Rec::Outcome(x) => Some(&x.unit_id),
            Rec::Pairing(x) => Some(&x.site_id),
            Rec::Rectification(x) => Some(&x.unit_id),
            Rec::Resource(x) => Some(&x.unit_id),
            Rec::Guidance(x) => Some(&x.unit_id),
            _ => None,
        }
    }

    /// How the record is named in a preview.
    pub fn label(&self, state: &AppState) -> String {
        let uname = |id: &str| {
            state
                .unit(id)
                .map(|u| u.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        match self {
            Rec::Unit(x) => format!("单位「{}」", x.name),
            Rec::Scheme(x) => format!("考评方案「{}」第{}版", x.name, x.version),
            Rec::Round(x) => format!("考评轮次「{}」", x.name),
            Rec::Sheet { round_id, sheet } => {
                let src = match state.round(round_id) {
                    Some(r) => source_name(r, &sheet.source),
                    None => match &sheet.source {
                        SheetSource::SelfAssessment => "自评".to_string(),
                        SheetSource::Assessor(a) => format!("评委「{a}」"),
                    },
                };
                format!("单位「{}」的{src}评分表", uname(&sheet.unit_id))
            }
            Rec::Outcome(x) => format!(
                "单位「{}」的成果{}",
                uname(&x.unit_id),
                crate::domain::outcomes::corner_quoted(&x.title)
            ),
            Rec::Pairing(x) => format!("结对「{}—{}」", uname(&x.site_id), x.partner_name),
            Rec::Rectification(x) => {
                let mut d: String = x.description.chars().take(20).collect();
                if x.description.chars().count() > 20 {
                    d.push('…');
                }
                format!("单位「{}」的整改事项「{d}」", uname(&x.unit_id))
            }
            Rec::Resource(x) => format!("单位「{}」{}年保障投入", uname(&x.unit_id), x.year),
            Rec::Application(x) => format!("「{}」的申报", x.org_name),
            Rec::Guidance(x) => format!("单位「{}」{}的督导记录", uname(&x.unit_id), x.date),
        }
    }

    /// Puts the record into the state, replacing the one with the same key. A sheet
    /// whose round is missing is dropped (scope checks make sure it exists).
    pub fn upsert(self, state: &mut AppState) {
        fn put<T>(list: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) {
            match list.iter_mut().find(|x| same(x)) {
                Some(slot) => *slot = item,
                None => list.push(item),
            }
        }
        match self {
            Rec::Unit(x) => put(&mut state.units, x.clone(), |y| y.id == x.id),
            Rec::Scheme(x) => put(&mut state.schemes, x.clone(), |y| y.id == x.id),
            Rec::Round(x) => put(&mut state.rounds, x.clone().into(), |y| y.id == x.id),
            Rec::Sheet { round_id, sheet } => {
                if let Some(r) = state.rounds.iter_mut().find(|r| r.id == round_id) {
                    let (u, s) = (sheet.unit_id.clone(), sheet.source.clone());
                    let at = r
                        .sheets
                        .iter()
                        .position(|y| y.unit_id == u && y.source == s);
                    let at = at.unwrap_or(r.sheets.len());
                    r.sheets.put(at, sheet);
                }
            }
            Rec::Outcome(x) => put(&mut state.outcomes, x.clone(), |y| y.id == x.id),
            Rec::Pairing(x) => put(&mut state.pairings, x.clone(), |y| y.id == x.id),
            Rec::Rectification(x) => put(&mut state.rectifications, x.clone(), |y| y.id == x.id),
            Rec::Resource(x) => put(&mut state.resources, x.clone(), |y| y.id == x.id),
            Rec::Application(x) => put(&mut state.applications, x.clone(), |y| y.id == x.id),
            Rec::Guidance(x) => put(&mut state.guidance_visits, x.clone(), |y| y.id == x.id),
        }
    }
}

/// Every record of a state, rounds whole (with their sheets), by key. Duplicate keys
/// keep the first.
pub fn all_records(state: &AppState) -> BTreeMap<String, Rec> {
    let mut out = BTreeMap::new();
    let recs = state
        .units
        .iter()
        .cloned()
        .map(Rec::Unit)
        .chain(state.schemes.iter().cloned().map(Rec::Scheme))
        .chain(state.rounds.iter().map(|r| Rec::Round(Round::clone(r))))
        .chain(state.outcomes.iter().cloned().map(Rec::Outcome))
        .chain(state.pairings.iter().cloned().map(Rec::Pairing))
        .chain(state.rectifications.iter().cloned().map(Rec::Rectification))
        .chain(state.resources.iter().cloned().map(Rec::Resource))
        .chain(state.applications.iter().cloned().map(Rec::Application))
        .chain(state.guidance_visits.iter().cloned().map(Rec::Guidance));
    for r in recs {
        out.entry(r.key()).or_insert(r);
    }
    out
}

/// The record with this key in the state (sheets by round, unit and source).
pub fn find(state: &AppState, rec: &Rec) -> Option<Rec> {
    match rec {
        Rec::Sheet { round_id, sheet } => state
            .round(round_id)?
            .sheet(&sheet.unit_id, &sheet.source)
            .map(|s| Rec::Sheet {
                round_id: round_id.clone(),
                sheet: s.clone(),
            }),
        Rec::Unit(x) => state
            .units
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Unit),
        Rec::Scheme(x) => state.scheme(&x.id).cloned().map(Rec::Scheme),
        Rec::Round(x) => state.round(&x.id).cloned().map(Rec::Round),
        Rec::Outcome(x) => state
            .outcomes
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Outcome),
        Rec::Pairing(x) => state
            .pairings
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Pairing),
        Rec::Rectification(x) => state
            .rectifications
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Rectification),
        Rec::Resource(x) => state
            .resources
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Resource),
        Rec::Application(x) => state
            .applications
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Application),
        Rec::Guidance(x) => state
            .guidance_visits
            .iter()
            .find(|y| y.id == x.id)
            .cloned()
            .map(Rec::Guidance),
    }
}

/// The status of a rectification item both sides changed: 已销号 only as the committee
/// has it; a 撤销销号 the unit had not yet seen stands over the unit's earlier report
/// (已完成 reported, then the committee closed and reopened it); otherwise the further
/// along of the two (the unit's 已完成 stands over the committee's 整改中).
fn merged_status(committee: &Rectification, unit: &Rectification) -> RectificationStatus {
    let reopened_since = committee
        .progress
        .iter()
        .any(|n| n.kind == NoteKind::Reopened && !unit.progress.contains(n));
    if committee.status == RectificationStatus::Closed
        || reopened_since
        || unit.status == RectificationStatus::Closed
    {
        return committee.status;
    }
    let rank = |s: RectificationStatus| RectificationStatus::ALL.iter().position(|x| *x == s);
    if rank(unit.status) > rank(committee.status) {
        unit.status
    } else {
        committee.status
    }
}
