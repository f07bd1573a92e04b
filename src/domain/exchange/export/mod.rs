//! Making exchange files. Each function returns the file's text; the UI downloads it
//! under [`file_name`]. Functions that issue an access code take `&mut AppState` (the
//! code is kept so the return file can be checked).

use super::content::*;
use super::envelope::{seal, seal_with, Header, PackageKind, Party, RoundRef, SchemeRef};
use super::error::ExchangeError;
use super::ownership::sent_records;
use super::records::Rec;
use super::signing::{ensure_committee_key, sign_results};
use super::workspace::{issue_code, SentTask, Workspace};
use crate::domain::model::*;
use crate::domain::scoring::{compute_round, RoundResults};

mod results;
pub use results::*;

fn round_of<'a>(state: &'a AppState, round_id: &str) -> Result<&'a Round, ExchangeError> {
    state
        .round(round_id)
        .ok_or_else(|| ExchangeError::Export(format!("找不到考评轮次「{round_id}」")))
}

fn scheme_of<'a>(state: &'a AppState, round: &Round) -> Result<&'a Scheme, ExchangeError> {
    state.scheme(&round.scheme_id).ok_or_else(|| {
        ExchangeError::Export(format!(
            "考评轮次「{}」使用的考评方案「{}」不存在",
            round.name, round.scheme_id
        ))
    })
}

fn refs(round: &Round, scheme: &Scheme) -> (Option<SchemeRef>, Option<RoundRef>) {
    (
        Some(SchemeRef {
            id: scheme.id.clone(),
            name: scheme.name.clone(),
            version: scheme.version,
        }),
        Some(RoundRef {
            id: round.id.clone(),
            name: round.name.clone(),
        }),
    )
}

/// A unit as shown to others: no history, 复查, contact or lifecycle details.
fn roster_entry(u: &Unit) -> Unit {
    Unit {
        contact: String::new(),
        history: Vec::new(),
        reviews: Vec::new(),
        extensions: Vec::new(),
        rectify_by: None,
        ..u.clone()
    }
}

/// A round cut down to what one recipient may see.
fn cut_round(round: &Round, units: &[Id], assessor: Option<&Assessor>) -> Round {
    let mut r = round.clone();
    r.unit_ids = round
        .unit_ids
        .iter()
        .filter(|u| units.contains(u))
        .cloned()
        .collect();
    r.assessors = assessor.cloned().into_iter().collect();
    let keep = |s: &ScoreSheet| {
        units.contains(&s.unit_id)
            && match (&s.source, assessor) {
                (SheetSource::SelfAssessment, None) => true,
                (SheetSource::Assessor(a), Some(x)) => a == &x.id,
                _ => false,
            }
    };
    r.sheets.retain(keep);
    r.adjustments.clear();
    r.type_overrides.clear();
    r.decided_proposals.clear();
    r.dismissed_proposals.clear();
    r
}

/// 工委 → 单位: the round, the scheme, the unit's record (its outcomes, pairings,
/// rectification items and resources) and its access code (issued now if needed).
pub fn export_to_unit(
    state: &mut AppState,
    round_id: &str,
    unit_id: &str,
    now: &str,
    entropy: &[u8],
) -> Result<String, ExchangeError> {
    let round = round_of(state, round_id)?.clone();
    let scheme = scheme_of(state, &round)?.clone();
    let unit = state
        .unit(unit_id)
        .filter(|_| round.unit_ids.iter().any(|u| u == unit_id))
        .cloned()
        .ok_or_else(|| {
            ExchangeError::Export(format!("单位「{unit_id}」不在考评轮次「{}」中", round.name))
        })?;
    let party = Party::Unit(unit_id.to_string());
    let code = issue_code(state, round_id, party, now, entropy);
    let committee_key = ensure_committee_key(state, now, entropy).unwrap_or_default();
    let issued_at = state
        .exchange
        .code_for(round_id, &Party::Unit(unit_id.to_string()))
        .map(|c| c.issued_at.clone())
        .unwrap_or_else(|| now.to_string());
    let pairings: Vec<Pairing> = state
        .pairings
        .iter()
        .filter(|p| p.site_id == unit_id)
        .cloned()
        .collect();
    let partner_units = state
        .units
        .iter()
        .filter(|u| {
            u.id != unit_id
                && pairings
                    .iter()
                    .any(|p| p.partner_unit_id.as_deref() == Some(u.id.as_str()))
        })
        .map(roster_entry)
        .collect();
    let task = ToUnit {
        round: cut_round(&round, std::slice::from_ref(&unit.id), None),
        scheme: scheme.clone(),
        unit: unit.clone(),
        partner_units,
        outcomes: owned(&state.outcomes, unit_id, |o| &o.unit_id),
        pairings,
        rectifications: owned(&state.rectifications, unit_id, |o| &o.unit_id),
        resources: owned(&state.resources, unit_id, |o| &o.unit_id),
        access_code: code,
        issued_at,
        committee_key,
    };
    let sent = sheets_of(&task.round)
        .chain(task.outcomes.iter().cloned().map(Rec::Outcome))
        .chain(task.pairings.iter().cloned().map(Rec::Pairing))
        .chain(task.rectifications.iter().cloned().map(Rec::Rectification))
        .chain(task.resources.iter().cloned().map(Rec::Resource));
    state.exchange.record_sent(SentTask {
        round_id: round_id.to_string(),
        party: Party::Unit(unit_id.to_string()),
        at: now.to_string(),
        records: sent_records(sent),
        scheme_id: scheme.id.clone(),
        earlier: Default::default(),
    });
    let content = Content::ToUnit(Box::new(task));
    let (scheme_ref, round_ref) = refs(&round, &scheme);
    Ok(seal(
        Header {
            kind: PackageKind::ToUnit,
            made_by: Party::Committee,
            made_by_name: "工委".to_string(),
            made_at: now.to_string(),
            scheme: scheme_ref,
            round: round_ref,
        },
        &content,
        None,
    ))
}

/// The sheets of a (cut) round as records.
fn sheets_of(round: &Round) -> impl Iterator<Item = Rec> + '_ {
    round.sheets.iter().map(|s| Rec::Sheet {
        round_id: round.id.clone(),
        sheet: s.clone(),
    })
}

fn owned<T: Clone>(list: &[T], unit_id: &str, owner: impl Fn(&T) -> &Id) -> Vec<T> {
    list.iter()
        .filter(|x| owner(x) == unit_id)
        .cloned()
        .collect()
}

/// The units assigned to an assessor (all units of the round when none are listed).
pub fn assigned_units(round: &Round, assessor: &Assessor) -> Vec<Id> {
    if assessor.unit_ids.is_empty() {
        round.unit_ids.clone()
    } else {
        round
            .unit_ids
            .iter()
            .filter(|u| assessor.unit_ids.contains(u))
            .cloned()
            .collect()
    }
}

/// One task file made by [`export_all_tasks`].
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFile {
    /// Who it is for.
    pub party: Party,
    /// The unit's or assessor's name.
    pub who: String,
    /// The file name to save it under ([`file_name`]).
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// 工委 → 单位 and 工委 → 评委 for everyone in a round at once: one task file per unit
/// (in the round's order) and then per assessor. Access codes not issued yet are
/// issued now (each from `entropy`, the round, the party and `now`, so they differ);
/// codes already issued are reused. Nothing is changed when any file fails.
pub fn export_all_tasks(
    state: &mut AppState,
    round_id: &str,
    now: &str,
    entropy: &[u8],
) -> Result<Vec<TaskFile>, ExchangeError> {
    let round = round_of(state, round_id)?.clone();
    let mut work = state.clone();
    let mut files = Vec::with_capacity(round.unit_ids.len() + round.assessors.len());
    for unit_id in &round.unit_ids {
        let who = work
            .unit(unit_id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| unit_id.clone());
        let text = export_to_unit(&mut work, round_id, unit_id, now, entropy)?;
        files.push(TaskFile {
            party: Party::Unit(unit_id.clone()),
            name: file_name(PackageKind::ToUnit, &format!("{}-{who}", round.name), now),
            who,
            text,
        });
    }
    for a in &round.assessors {
        let text = export_to_assessor(&mut work, round_id, &a.id, now, entropy)?;
        files.push(TaskFile {
            party: Party::Assessor(a.id.clone()),
            name: file_name(
                PackageKind::ToAssessor,
                &format!("{}-{}", round.name, a.name),
                now,
            ),
            who: a.name.clone(),
            text,
        });
    }
    *state = work;
    Ok(files)
}

/// 工委 → 评委: the round cut to the assigned units, the scheme, those units and the
/// assessor's access code (issued now if needed).
pub fn export_to_assessor(
    state: &mut AppState,
    round_id: &str,
    assessor_id: &str,
    now: &str,
    entropy: &[u8],
) -> Result<String, ExchangeError> {
    let round = round_of(state, round_id)?.clone();
    let scheme = scheme_of(state, &round)?.clone();
    let assessor = round
        .assessors
        .iter()
        .find(|a| a.id == assessor_id)
        .cloned()
        .ok_or_else(|| {
            ExchangeError::Export(format!(
                "考评轮次「{}」中没有评委「{assessor_id}」",
                round.name
            ))
        })?;
    let party = Party::Assessor(assessor_id.to_string());
    let code = issue_code(state, round_id, party.clone(), now, entropy);
    let committee_key = ensure_committee_key(state, now, entropy).unwrap_or_default();
    let issued_at = state
        .exchange
        .code_for(round_id, &party)
        .map(|c| c.issued_at.clone())
        .unwrap_or_else(|| now.to_string());
    let ids = assigned_units(&round, &assessor);
    let units = state
        .units
        .iter()
        .filter(|u| ids.contains(&u.id))
        .map(roster_entry)
        .collect();
    let task = ToAssessor {
        round: cut_round(&round, &ids, Some(&assessor)),
        scheme: scheme.clone(),
        units,
        assessor_id: assessor_id.to_string(),
        access_code: code,
        issued_at,
        committee_key,
    };
    state.exchange.record_sent(SentTask {
        round_id: round_id.to_string(),
        party,
        at: now.to_string(),
        records: sent_records(sheets_of(&task.round)),
        scheme_id: scheme.id.clone(),
        earlier: Default::default(),
    });
    let content = Content::ToAssessor(Box::new(task));
    let (scheme_ref, round_ref) = refs(&round, &scheme);
    Ok(seal(
        Header {
            kind: PackageKind::ToAssessor,
            made_by: Party::Committee,
            made_by_name: "工委".to_string(),
            made_at: now.to_string(),
            scheme: scheme_ref,
            round: round_ref,
        },
        &content,
        None,
    ))
}

fn workspace_of(state: &AppState) -> Result<&super::Workspace, ExchangeError> {
    state.workspace.as_ref().ok_or_else(|| {
        ExchangeError::Export("本机不是从工委下发的任务文件打开的，无法导出报送文件".to_string())
    })
}

/// 单位 → 工委, from a copy in focused mode: the self-assessment, outcomes, pairings,
/// rectification items and resources of this unit, signed with its access code.
pub fn export_unit_return(state: &AppState, now: &str) -> Result<String, ExchangeError> {
    let ws = workspace_of(state)?;
    let Party::Unit(unit_id) = &ws.party else {
        return Err(ExchangeError::Export(
            "本机是评委的评分任务，请导出评分文件".to_string(),
        ));
    };
    let round = round_of(state, &ws.round_id)?;
    let scheme = scheme_of(state, round)?;
    // An activity dated after its pairing ended (the committee ended it in a later task
    // file): the committee refuses the whole file for it, so it is said here, with the
    // way, before anything is sent.
    let late: Vec<String> = state
        .pairings
        .iter()
        .filter(|p| &p.site_id == unit_id)
        .flat_map(|p| {
            let end = p.ended_on.as_deref();
            p.activities
                .iter()
                .filter(move |a| end.is_some_and(|e| a.date.as_str() > e))
                .map(move |a| {
                    format!(
                        "结对「{}」的活动「{}」日期 {} 晚于结对结束日期 {}",
                        p.partner_name,
                        a.title,
                        a.date,
                        end.unwrap_or_default()
                    )
                })
        })
        .collect();
    if !late.is_empty() {
        return Err(ExchangeError::Export(format!(
            "{}。工委已结束这个结对，导入时会因此拒收整个报送文件：请先在“我的任务”的结对活动中改正日期（或删除这条活动），再导出",
            late.join("；")
        )));
    }
    let content = Content::UnitReturn(Box::new(unit_return(state, ws, round, unit_id)));
    Ok(seal_return(
        ws,
        PackageKind::UnitReturn,
        round,
        scheme,
        &content,
        now,
    ))
}

/// 评委 → 工委, from a copy in focused mode: this assessor's score sheets, signed.
pub fn export_assessor_return(state: &AppState, now: &str) -> Result<String, ExchangeError> {
    let ws = workspace_of(state)?;
    let Party::Assessor(assessor_id) = &ws.party else {
        return Err(ExchangeError::Export(
            "本机是单位的报送任务，请导出单位报送文件".to_string(),
        ));
    };
    let round = round_of(state, &ws.round_id)?;
    let scheme = scheme_of(state, round)?;
    let content = Content::AssessorReturn(Box::new(assessor_return(ws, round, assessor_id)));
    Ok(seal_return(
        ws,
        PackageKind::AssessorReturn,
        round,
        scheme,
        &content,
        now,
    ))
}

/// A unit's return: its self-assessment, outcomes, pairings, rectification items and
/// 保障投入, as held in this copy.
fn unit_return(state: &AppState, ws: &Workspace, round: &Round, unit_id: &str) -> UnitReturn {
    UnitReturn {
        round_id: round.id.clone(),
        unit_id: unit_id.to_string(),
        issued_at: ws.issued_at.clone(),
        base: ws.base.clone(),
        self_sheet: round.sheet(unit_id, &SheetSource::SelfAssessment).cloned(),
        outcomes: owned(&state.outcomes, unit_id, |o| &o.unit_id),
        pairings: owned(&state.pairings, unit_id, |o| &o.site_id),
        rectifications: owned(&state.rectifications, unit_id, |o| &o.unit_id),
        resources: owned(&state.resources, unit_id, |o| &o.unit_id),
    }
}

/// An assessor's return: the score sheets this assessor holds in this copy.
fn assessor_return(ws: &Workspace, round: &Round, assessor_id: &str) -> AssessorReturn {
    let source = SheetSource::Assessor(assessor_id.to_string());
    AssessorReturn {
        round_id: round.id.clone(),
        assessor_id: assessor_id.to_string(),
        issued_at: ws.issued_at.clone(),
        base: ws.base.clone(),
        sheets: round
            .sheets
            .iter()
            .filter(|s| s.source == source)
            .cloned()
            .collect(),
    }
}

/// What a return file made now from this copy carries, record by record: the content
/// the export would seal, so the two cannot drift apart.
fn returned_records(state: &AppState, ws: &Workspace) -> Vec<Rec> {
    let Some(round) = state.round(&ws.round_id) else {
        return Vec::new();
    };
    let sheet = |sheet: ScoreSheet| Rec::Sheet {
        round_id: round.id.clone(),
        sheet,
    };
    match &ws.party {
        Party::Unit(unit) => {
            let r = unit_return(state, ws, round, unit);
            r.self_sheet
                .into_iter()
                .map(sheet)
                .chain(r.outcomes.into_iter().map(Rec::Outcome))
                .chain(r.pairings.into_iter().map(Rec::Pairing))
                .chain(r.rectifications.into_iter().map(Rec::Rectification))
                .chain(r.resources.into_iter().map(Rec::Resource))
                .collect()
        }
        Party::Assessor(a) => assessor_return(ws, round, a)
            .sheets
            .into_iter()
            .map(sheet)
            .collect(),
        Party::Committee | Party::Public => Vec::new(),
    }
}

/// Notes in a copy what the return file just exported carries (call it once the file is
/// out): a task update then knows a committee's field that holds this copy's returned
/// value for this copy's own (see [`Workspace::returned`]). Whether anything new was
/// noted; nothing outside a copy.
pub fn note_return_sent(state: &mut AppState) -> bool {
    let Some(ws) = state.workspace.as_ref() else {
        return false;
    };
    let sent = sent_records(returned_records(state, ws).into_iter());
    let Some(ws) = state.workspace.as_mut() else {
        return false;
    };
    let mut new = false;
    for (k, r) in sent {
        let r = r.counted_from(ws.returned.get(&k));
        new |= ws.returned.get(&k) != Some(&r);
        ws.returned.insert(k, r);
    }
    new
}

/// Seals a return file made in focused mode, signed with the person's access code.
fn seal_return(
    ws: &Workspace,
    kind: PackageKind,
    round: &Round,
    scheme: &Scheme,
    content: &Content,
    now: &str,
) -> String {
    let (scheme_ref, round_ref) = refs(round, scheme);
    seal(
        Header {
            kind,
            made_by: ws.party.clone(),
            made_by_name: ws.party_name.clone(),
            made_at: now.to_string(),
            scheme: scheme_ref,
            round: round_ref,
        },
        content,
        Some(&ws.access_code),
    )
}

/// 完整备份: the whole state, including issued codes and the focused mode.
pub fn export_backup(state: &AppState, now: &str) -> String {
    let (made_by, made_by_name) = match &state.workspace {
        Some(ws) => (ws.party.clone(), ws.party_name.clone()),
        None => (Party::Committee, "工委".to_string()),
    };
    seal(
        Header {
            kind: PackageKind::Backup,
            made_by,
            made_by_name,
            made_at: now.to_string(),
            scheme: None,
            round: None,
        },
        &Content::Backup(Box::new(Backup {
            state: state.clone(),
        })),
        None,
    )
}

/// A file name for a download: `考评任务-市财政局机关党委-20261128.json`. Characters
/// that file systems refuse are replaced by `_`.
pub fn file_name(kind: PackageKind, who: &str, now: &str) -> String {
    let what = match kind {
        PackageKind::ToUnit => "考评任务",
        PackageKind::ToAssessor => "评分任务",
        PackageKind::UnitReturn => "单位报送",
        PackageKind::AssessorReturn => "评委评分",
        PackageKind::Results => "考评结果",
        PackageKind::Backup => "完整备份",
    };
    let clean: String = who
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        // Room for a round's name and a unit's full name (returns carry both).
        .take(60)
        .collect();
    let day: String = now.chars().filter(char::is_ascii_digit).take(8).collect();
    if clean.is_empty() {
        format!("{what}-{day}.json")
    } else {
        format!("{what}-{clean}-{day}.json")
    }
}
