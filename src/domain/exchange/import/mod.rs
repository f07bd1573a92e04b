//! The import pipeline: read → identify the sender → signature → scope → validate →
//! preview, then [`apply`]. Every step is pure; the state given is never changed.

use std::collections::{BTreeMap, BTreeSet};

use super::content::*;
use super::envelope::{
    checksum, read_package, signed_message, verify, Package, PackageKind, Party, RoundRef,
    SchemeRef,
};
use super::error::ExchangeError;
use super::export::assigned_units;
use super::ownership::{
    check_ownership, committee_digest, committee_fields_differ, conflict_choices,
    conflict_choices_in_copy, merged_in_copy, merged_parts, sender_fields_differ,
    with_committee_fields,
};
use super::records::{all_records, find, Rec, RecordType};
use super::restore::check_state;
use super::security::security_changes;
use super::signing::verify_results;
use super::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::validation::{cautions, cautions_said, validate_state, ValidationError};

mod preview_types;
pub use preview_types::*;

mod details;

mod focused;
use focused::*;

mod results;
pub use results::*;

mod returns;
use returns::*;

/// A fingerprint of a state (SHA-256 of its serialised form), to tell whether it
/// changed between preview and apply.
pub fn fingerprint(state: &AppState) -> String {
    checksum(&serde_json::to_string(state).unwrap_or_default())
}

/// Nothing held: a new browser.
pub fn is_blank(state: &AppState) -> bool {
    state.units.is_empty()
        && state.schemes.is_empty()
        && state.rounds.is_empty()
        && state.outcomes.is_empty()
        && state.pairings.is_empty()
        && state.rectifications.is_empty()
        && state.resources.is_empty()
        && state.applications.is_empty()
        && state.guidance_visits.is_empty()
        && state.exchange.is_empty()
        && state.workspace.is_none()
}

fn error_strings(state: &AppState) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    if let Err(errs) = validate_state(state) {
        for e in errs {
            *m.entry(e.to_string()).or_insert(0) += 1;
        }
    }
    m
}

/// Validation errors in `after` that `before` did not have.
fn new_errors(before: &AppState, after: &AppState) -> Vec<ValidationError> {
    let mut known = error_strings(before);
    let mut out = Vec::new();
    if let Err(errs) = validate_state(after) {
        for e in errs {
            match known.get_mut(&e.to_string()) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push(e),
            }
        }
    }
    out
}

/// The name this copy's records give a unit or an assessor of the round.
fn recorded_name(state: &AppState, round: &Round, party: &Party) -> String {
    match party {
        Party::Unit(u) => state.unit(u).map(|x| x.name.clone()),
        Party::Assessor(a) => round
            .assessors
            .iter()
            .find(|x| &x.id == a)
            .map(|x| x.name.clone()),
        _ => None,
    }
    .unwrap_or_default()
}

fn file_info(name: &str, pkg: &Package, signature: SignatureCheck) -> FileInfo {
    FileInfo {
        name: name.to_string(),
        kind: pkg.envelope.kind,
        made_by: pkg.envelope.made_by.clone(),
        claimed_name: pkg.envelope.made_by_name.clone(),
        sender: pkg.sender(),
        made_at: pkg.envelope.made_at.clone(),
        round: pkg.envelope.round.clone(),
        scheme: pkg.envelope.scheme.clone(),
        signature,
    }
}

/// What the file itself calls for: a signature of the first format version, which did
/// not cover the export time, and the file's markup.
fn file_warnings(pkg: &Package) -> Vec<String> {
    let old_signature = pkg.envelope.signature.is_some()
        && pkg.envelope.version < super::envelope::HEADER_SIGNED_FROM;
    let legacy = old_signature.then(|| {
        format!(
            "此文件由旧版本的程序导出：签名只核验文件内容，文件所写的导出时间（{}）未经核验。同一发送者有多份文件时，请核对哪一份是最新的。",
            pkg.envelope.made_at
        )
    });
    // The text is quoted, not its place in the file: a place is the file's own path
    // ("self_sheet.evidence.d2-1"), which says nothing to a clerk (a clerk's review).
    let mut quoted: Vec<&str> = Vec::new();
    for (_, text) in &pkg.markup {
        if !quoted.contains(&text.as_str()) && quoted.len() < 10 {
            quoted.push(text);
        }
    }
    legacy
        .into_iter()
        .chain(quoted.into_iter().map(|text| {
            format!(
                "文件中有文字含有类似网页代码的内容「{text}」，将按普通文字原样保存，不会被执行"
            )
        }))
        .collect()
}

/// Previews one file against the state. Nothing is changed.
pub fn preview(
    state: &AppState,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Preview, ExchangeError> {
    let pkg = read_package(bytes)?;
    preview_package(state, name, &pkg, opts)
}

/// [`preview`] of a package already read.
pub fn preview_package(
    state: &AppState,
    name: &str,
    pkg: &Package,
    opts: &ImportOptions,
) -> Result<Preview, ExchangeError> {
    match &pkg.content {
        Content::Backup(b) => {
            // The same checks as 数据管理 → 从备份恢复 (`restore::read_restore`).
            check_state(&b.state)?;
            super::restore::check_backup_fits(state, &b.state)?;
            // The export time is shown with the file's facts, in local time.
            let notes = vec![format!(
                "这是{}导出的完整备份，导入将用它替换本机的全部数据",
                pkg.sender()
            )];
            let mut p = replacement(state, name, pkg, b.state.clone(), notes);
            let made_on = pkg.envelope.made_at.get(..10).unwrap_or_default();
            let this_year = crate::domain::dates::year_of(made_on);
            p.warnings
                .extend(cautions_said(&cautions(&b.state, this_year)));
            Ok(p)
        }
        Content::ToUnit(c) => {
            let next = focused_from_unit(pkg, c);
            check_focused(&next)?;
            if same_task(state, &next) {
                return task_update(state, name, pkg, next);
            }
            require_blank(state, pkg)?;
            let notes = vec![format!(
                "将以单位「{}」的身份打开考评轮次「{}」的任务，填写后导出报送文件交回工委",
                c.unit.name, c.round.name
            )];
            Ok(replacement(state, name, pkg, next, notes))
        }
        Content::ToAssessor(c) => {
            let mut next = focused_from_assessor(c)?;
            if let Some(ws) = next.workspace.as_mut() {
                ws.task_made_at = pkg.envelope.made_at.clone();
            }
            check_focused(&next)?;
            if same_task(state, &next) {
                return task_update(state, name, pkg, next);
            }
            require_blank(state, pkg)?;
            let notes = vec![format!(
                "将以{}的身份打开考评轮次「{}」的评分任务（{} 个单位），评分后导出报送文件交回工委",
                next.workspace
                    .as_ref()
                    .map(|w| w.party.describe(&w.party_name))
                    .unwrap_or_default(),
                c.round.name,
                c.units.len()
            )];
            Ok(replacement(state, name, pkg, next, notes))
        }
        Content::Results(r) => {
            let next = with_results(state, r)?;
            check_result_rows(state, r)?;
            let signature = check_results_signature(state, pkg, opts)?;
            let notes = vec![format!(
                "将保存考评轮次「{}」的发布结果（{} 个单位）",
                r.round_name,
                r.rows.len()
            )];
            let mut p = replacement(state, name, pkg, next, notes);
            p.results_saved = Some((r.round_name.clone(), r.rows.len()));
            if let SignatureCheck::Overridden(why) = &signature {
                p.warnings.insert(0, why.clone());
            }
            if let Some(f) = p.files.first_mut() {
                f.signature = signature;
            }
            Ok(p)
        }
        Content::UnitReturn(_) | Content::AssessorReturn(_) => {
            preview_return(state, name, pkg, opts)
        }
    }
}

/// Whether `next` (a task file opened) is the task this copy holds: the same party in
/// the same round.
fn same_task(state: &AppState, next: &AppState) -> bool {
    match (&state.workspace, &next.workspace) {
        (Some(here), Some(there)) => here.party == there.party && here.round_id == there.round_id,
        _ => false,
    }
}

/// What a task update says on its preview.
pub const TASK_UPDATE_NOTE: &str = "这是本副本所属任务的文件（可能是工委更新后重新导出的）：工委新增或修改的记录将导入，本副本中已填写的内容保留；两边都改过的记录列为冲突，由您决定";

/// What a task update says when it has conflicts: keeping this copy's version keeps what
/// was filled in here, never the committee's old handling of it.
pub const TASK_CONFLICT_NOTE: &str = "两边都改过的记录：选“保留本机”，保留本副本填写的内容，工委的办理情况（如备案、认定、整改期限、结束结对）仍按文件更新；选“采用文件”，按文件的内容。逐项比对过的记录（评分表按分数，成果、结对、保障投入按项目），只有一方改过的项目无论选哪边都按改过的一方保留";

/// A task file for the task this copy holds, opened in it: the committee's records new
/// or changed since the copy's task file are taken, and what was filled in here is
/// kept. Each record is judged against the revision first issued (the workspace's
/// `base`): changed only there, taken; only here, kept; on both sides, a conflict.
fn task_update(
    state: &AppState,
    name: &str,
    pkg: &Package,
    next: AppState,
) -> Result<Preview, ExchangeError> {
    // An older task file than the one this copy last took (the first one, opened again
    // from an old email) would put its records over what was filled in since.
    if let Some(held) = state
        .workspace
        .as_ref()
        .map(|w| w.task_made_at.as_str())
        .filter(|h| !h.is_empty() && pkg.envelope.made_at.as_str() < *h)
    {
        return Err(ExchangeError::OlderTask {
            made: local_stamp(&pkg.envelope.made_at),
            held: local_stamp(held),
        });
    }
    scores_fit_the_scheme(state, &next)?;
    let mut held = records_apart(state, state);
    let (base, issued, returned) = state
        .workspace
        .as_ref()
        .map(|w| (w.base.clone(), w.issued.clone(), w.returned.clone()))
        .unwrap_or_default();
    let mut changes = changes_of(&next, records_apart(&next, state), |key, rec| {
        match held.get(key) {
            None => ChangeStatus::Added,
            Some(h) if h.same_content(rec) => ChangeStatus::Unchanged,
            Some(h) => {
                let (theirs, mine) = (rec.meta().rev, h.meta().rev);
                match base.get(key) {
                    Some(&b) => match (theirs > b, mine > b) {
                        (false, true) => ChangeStatus::Stale,
                        (true, true) => ChangeStatus::Conflict,
                        _ => ChangeStatus::Changed,
                    },
                    // A record this copy made and sent in (an outcome, 保障投入): the
                    // committee's version came from a return of it, so the revisions of the
                    // two sides are not one count. More changes there, and what the unit
                    // fills in differs: either side may have changed it, so the person
                    // decides (the committee's handling is taken either way, see `apply`).
                    None if theirs > mine && sender_fields_differ(h, rec) => ChangeStatus::Conflict,
                    None if theirs > mine => ChangeStatus::Changed,
                    None => ChangeStatus::Stale,
                }
            }
        }
    });
    // Both sides added progress to one rectification item: both are kept.
    let mut notes = vec![TASK_UPDATE_NOTE.to_string()];
    for c in changes.iter_mut() {
        // An outcome the committee has settled, renamed here before that reached this
        // copy: the committee's name (and category, date, innovation types) stands, as
        // it does in every return this copy sends, so this copy takes it rather than
        // keep a name the committee will never take (a clerk's review).
        if matches!(c.status, ChangeStatus::Stale | ChangeStatus::Conflict) {
            if let Some(note) = settled_by_committee(held.get_mut(&c.key), &c.incoming) {
                notes.push(note);
                let Some(h) = held.get(&c.key) else { continue };
                if !sender_fields_differ(h, &c.incoming) {
                    // Nothing else of this copy's apart: the file's record is it.
                    c.status = ChangeStatus::Changed;
                    continue;
                }
                if c.status == ChangeStatus::Stale && !committee_fields_differ(h, &c.incoming) {
                    let mut mine = h.clone();
                    mine.meta_mut().rev = h.meta().rev.max(c.incoming.meta().rev) + 1;
                    c.status = ChangeStatus::Changed;
                    c.incoming = mine;
                    continue;
                }
                // The file's other fields of the unit's as this copy last returned them:
                // what differs is this copy's own since, kept with the committee's
                // handling (a clerk's review: the copy's new 简介 beside the committee's
                // 创新类型 and 认定 was a conflict, either choice losing one of them).
                let settled_keys = &super::ownership::OUTCOME_SETTLED_KEYS;
                if super::ownership::holds_returned_fields(
                    &c.incoming,
                    returned.get(&c.key),
                    settled_keys,
                ) {
                    if let Some(mine) = kept_here(h, &c.incoming) {
                        notes.push(kept_here_note(&c.label));
                        c.status = ChangeStatus::Changed;
                        c.incoming = mine;
                        continue;
                    }
                }
            }
        }
        // Newer here, but the committee has handled it since (备案, 认定…): what was
        // filled in here stays, and the committee's fields are taken, which only it
        // writes. Its revision goes past both, so the next return counts as a change.
        if c.status == ChangeStatus::Stale {
            let Some(h) = held.get(&c.key) else { continue };
            if !committee_fields_differ(h, &c.incoming) {
                continue;
            }
            if let Some(merged) = kept_here(h, &c.incoming) {
                notes.push(kept_here_note(&c.label));
                c.status = ChangeStatus::Changed;
                c.incoming = merged;
            }
            continue;
        }
        if c.status != ChangeStatus::Conflict {
            continue;
        }
        // A score sheet changed on both sides: merged score by score against the points
        // the task file carried (a clerk's review: an assessor's copy chose between
        // whole rows, losing either its own new score or the committee's correction of
        // another, and listed both as changed on both sides).
        // Notes (评语, 佐证说明) held otherwise than the file's are this copy's own when
        // the file's are as sent or returned (a re-test: an assessor's 评语 made the
        // sheet one conflict again, whose default dropped the committee's correction);
        // else the sheet is judged whole, as below.
        if let (Rec::Sheet { sheet: f, .. }, Some(h @ Rec::Sheet { sheet: mine, .. })) =
            (&c.incoming, held.get(&c.key))
        {
            use super::ownership::{
                file_notes_not_changed, merge_sheet, sheet_base_in_copy, SheetMerge, SheetNotes,
            };
            let (sent, back) = (issued.get(&c.key), returned.get(&c.key));
            let notes_ours = (f.evidence == mine.evidence && f.submitted == mine.submitted)
                || file_notes_not_changed(&c.incoming, sent, back);
            let based = sheet_base_in_copy(&c.incoming, h, sent, back).filter(|_| notes_ours);
            let hint = based.as_ref().map(|(_, h)| *h).unwrap_or_default();
            let merged =
                based.and_then(|(base, _)| merge_sheet(h, &c.incoming, &base, SheetNotes::Held));
            match merged {
                Some(SheetMerge::NothingNew) => {
                    c.status = ChangeStatus::Stale;
                    continue;
                }
                Some(SheetMerge::TakeFile) => {
                    c.status = ChangeStatus::Changed;
                    continue;
                }
                Some(SheetMerge::Merged(m)) => {
                    notes.push(returns::sheet_merged_note(&c.label, "工委"));
                    c.status = ChangeStatus::Changed;
                    c.incoming = *m;
                    continue;
                }
                Some(SheetMerge::Choose { here, file }) => {
                    notes.push(match hint {
                        super::ownership::ReturnedHint::None => {
                            returns::sheet_conflict_note(&c.label)
                        }
                        _ => returns::hinted_conflict_note(&c.label, "分数"),
                    });
                    notes.extend(returns::returned_note(&c.label, "分数", hint));
                    c.kept = Some(*here);
                    c.incoming = *file;
                    continue;
                }
                None => {}
            }
        }
        // Changed on both sides in different fields since the task file this copy last
        // took (the committee's 专职 and this copy's 活动经费): both are kept.
        // A field holding what this copy returned is this copy's own value come back.
        let by_field =
            |h: &Rec| merged_in_copy(h, &c.incoming, issued.get(&c.key), returned.get(&c.key));
        let merged = held
            .get(&c.key)
            .and_then(|h| match h.merged_with(&c.incoming, true) {
                Some(m) => Some((h, m, returns::merged_note(&c.label, h, &c.incoming))),
                None => by_field(h).map(|m| (h, m, returns::parts_merged_note(&c.label))),
            });
        if let Some((h, merged, note)) = merged {
            if h.same_content(&merged) {
                c.status = ChangeStatus::Unchanged;
            } else {
                // Said only when this copy keeps something the file lacks: a file that
                // holds this copy's change already (returned and taken in) brings the
                // committee's alone, a plain change.
                if !merged.same_content(&c.incoming) {
                    notes.push(note);
                }
                c.status = ChangeStatus::Changed;
            }
            c.incoming = merged;
            continue;
        }
        // The same field changed on both sides (经费), and others by one side only (the
        // committee's 专职): the person chooses for the first alone; either choice keeps
        // each one-sided change (a clerk's review: 保留本机 put the copy's old 专职 back,
        // and its next return overwrote the committee's). Past both revisions, so the
        // next return carries what the copy keeps.
        let choices = held.get(&c.key).and_then(|h| {
            conflict_choices_in_copy(h, &c.incoming, issued.get(&c.key), returned.get(&c.key))
                .map(|pair| (h.meta().rev.max(c.incoming.meta().rev) + 1, pair))
        });
        if let Some((rev, (mut here, mut file))) = choices {
            here.meta_mut().rev = rev;
            file.meta_mut().rev = rev;
            let hint = held
                .get(&c.key)
                .map(|h| {
                    super::ownership::returned_hint_in_copy(
                        h,
                        &c.incoming,
                        issued.get(&c.key),
                        returned.get(&c.key),
                    )
                })
                .unwrap_or_default();
            notes.push(match hint {
                super::ownership::ReturnedHint::None => returns::parts_conflict_note(&c.label),
                _ => returns::hinted_conflict_note(&c.label, "项目"),
            });
            notes.extend(returns::returned_note(&c.label, "项目", hint));
            c.kept = Some(here);
            c.incoming = file;
        } else if let Some(h) = held.get(&c.key) {
            // 保留本机 keeps what was filled in here, with the committee's fields and
            // what it settled of an outcome (a clerk's review: the copy kept an outcome
            // 认定 by the committee without the 创新类型 the preview said it took).
            c.kept = kept_here(h, &c.incoming);
        }
    }
    if changes.iter().any(|c| c.status == ChangeStatus::Conflict) {
        notes.push(TASK_CONFLICT_NOTE.to_string());
    }
    Ok(Preview {
        files: vec![file_info(name, pkg, SignatureCheck::NotRequired)],
        changes,
        removed: Vec::new(),
        warnings: file_warnings(pkg),
        notes,
        replaces_state: false,
        security: security_changes(state, &next),
        results_saved: None,
        replacement: None,
        task_update: next.workspace.map(Box::new),
        fingerprint: fingerprint(state),
    })
}

/// A task update that moves the round to another scheme version is refused while this
/// copy holds scores: they were given against the old indicators and would not fit.
fn scores_fit_the_scheme(state: &AppState, next: &AppState) -> Result<(), ExchangeError> {
    let Some(w) = &next.workspace else {
        return Ok(());
    };
    let (Some(here), Some(there)) = (state.round(&w.round_id), next.round(&w.round_id)) else {
        return Ok(());
    };
    if here.scheme_id == there.scheme_id || !here.has_scores() {
        return Ok(());
    }
    let label = |s: &AppState, id: &str| {
        s.scheme(id)
            .map(Scheme::version_label)
            .unwrap_or_else(|| format!("方案「{id}」"))
    };
    Err(ExchangeError::NotForThisCopy(format!(
        "工委已将「{}」改用{}，本副本是按{}评的分，已录入的分数对不上新方案的指标，因此没有导入。请先导出备份留存原来的分数，再在“数据管理”中清空数据后打开此文件，按新方案重新填写",
        there.name,
        label(next, &there.scheme_id),
        label(state, &here.scheme_id)
    )))
}

/// A copy's record `held` as it stays in a task update: what was filled in here, with the
/// committee's fields of `file`, past both revisions so the next return carries it.
fn kept_here(held: &Rec, file: &Rec) -> Option<Rec> {
    let mut kept = with_committee_fields(held, file)?;
    kept.meta_mut().rev = held.meta().rev.max(file.meta().rev) + 1;
    Some(kept)
}

/// A task update's note on a record whose content filled in here stays while the
/// committee's handling of it is taken.
fn kept_here_note(label: &str) -> String {
    format!("{label}：保留本副本填写的内容，工委的办理情况（如备案、反馈、认定）已更新")
}

/// A file's stamp as the messages give it: Beijing time to the minute.
fn local_stamp(stamp: &str) -> String {
    crate::domain::dates::beijing_time(stamp).unwrap_or_else(|| stamp.to_string())
}

/// When `file` is an outcome the committee has settled (备案 or beyond, 认定) and
/// `held`, this copy's version, differs from it in the fields that fixes: puts the
/// file's values into `held` and says what of this copy's was not taken.
fn settled_by_committee(held: Option<&mut Rec>, file: &Rec) -> Option<String> {
    let (Some(Rec::Outcome(h)), Rec::Outcome(f)) = (held, file) else {
        return None;
    };
    if !crate::domain::outcomes::settled(f) {
        return None;
    }
    let mine = crate::domain::outcomes::settled_differences(h, f);
    if mine.is_empty() {
        return None;
    }
    crate::domain::outcomes::take_settled_fields(h, f);
    Some(format!(
        "成果{}工委已办理备案或认定，其{}以工委的为准：本副本中的{}已改为工委的",
        crate::domain::outcomes::corner_quoted(&f.title),
        crate::domain::outcomes::SETTLED_FIELDS,
        mine.join("、")
    ))
}

/// Every record of a task copy's state for a task update, its sheets apart: each round
/// holds the sheets `sheets_from` holds (so it is judged on its own fields, and taking
/// it never takes the sheets with it), and each sheet is a record of its own, judged
/// against the revision the task file issued, as every other record is. (Compared
/// whole, a round with a score typed here was 本机的较新 and the committee's corrected
/// or newly typed sheets never arrived; a round the committee had changed more often
/// would have replaced the scores typed here.) In key order, `round:` comes before
/// `sheet:`, so a round taken is put in before the sheets taken into it.
fn records_apart(state: &AppState, sheets_from: &AppState) -> BTreeMap<String, Rec> {
    let mut out = all_records(state);
    for round in state.rounds.iter() {
        if let Some(Rec::Round(r)) = out.get_mut(&format!("round:{}", round.id)) {
            r.sheets = sheets_from
                .round(&round.id)
                .map(|h| h.sheets.clone())
                .unwrap_or_default();
        }
        for sheet in round.sheets.iter() {
            let rec = Rec::Sheet {
                round_id: round.id.clone(),
                sheet: sheet.clone(),
            };
            out.entry(rec.key()).or_insert(rec);
        }
    }
    out
}

/// Every record of `next` as a change of one file, its status judged by `status_of`.
fn changes_to(next: &AppState, status_of: impl Fn(&str, &Rec) -> ChangeStatus) -> Vec<Change> {
    changes_of(next, all_records(next), status_of)
}

/// The records `recs` of `next` as changes of one file, their status judged by
/// `status_of`.
fn changes_of(
    next: &AppState,
    recs: BTreeMap<String, Rec>,
    status_of: impl Fn(&str, &Rec) -> ChangeStatus,
) -> Vec<Change> {
    recs.into_iter()
        .map(|(key, rec)| Change {
            label: rec.label(next),
            record_type: rec.record_type(),
            status: status_of(&key, &rec),
            key,
            file: 0,
            incoming: rec,
            kept: None,
            file_version: None,
            altered: false,
        })
        .collect()
}

fn require_blank(state: &AppState, pkg: &Package) -> Result<(), ExchangeError> {
    if is_blank(state) {
        Ok(())
    } else {
        Err(ExchangeError::NotForThisCopy(format!(
            "这是{}，只能在没有数据的浏览器中打开。本机已有数据；如确需改用此文件，请先导出备份再清空数据",
            pkg.envelope.kind.label()
        )))
    }
}

/// A task copy must itself be consistent, or the person could not work in it.
fn check_focused(next: &AppState) -> Result<(), ExchangeError> {
    match validate_state(next) {
        Ok(()) => Ok(()),
        Err(errs) => Err(ExchangeError::invalid(errs)),
    }
}

fn replacement(
    state: &AppState,
    name: &str,
    pkg: &Package,
    next: AppState,
    notes: Vec<String>,
) -> Preview {
    let old = all_records(state);
    let changes = changes_to(&next, |key, rec| match old.get(key) {
        None => ChangeStatus::Added,
        Some(o) if o == rec => ChangeStatus::Unchanged,
        Some(_) => ChangeStatus::Changed,
    });
    let kept: BTreeSet<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    let removed = old
        .iter()
        .filter(|(k, _)| !kept.contains(k.as_str()))
        .map(|(_, r)| (r.record_type(), r.label(state)))
        .collect();
    Preview {
        files: vec![file_info(name, pkg, SignatureCheck::NotRequired)],
        changes,
        removed,
        warnings: file_warnings(pkg),
        notes,
        replaces_state: true,
        security: security_changes(state, &next),
        results_saved: None,
        replacement: Some(Box::new(next)),
        task_update: None,
        fingerprint: fingerprint(state),
    }
}

impl Preview {
    /// What 保留本机 on change `c`, a conflict, puts in place of the held record
    /// (`None`: the held record stays as it is): its own 保留本机 version, with the
    /// file's changes to other fields (at the committee, a record merged field by field;
    /// in a copy taking a task update, every conflict: see `kept_here`).
    pub fn kept_record(&self, c: &Change) -> Option<Rec> {
        (c.status == ChangeStatus::Conflict)
            .then(|| c.kept.clone())
            .flatten()
    }

    /// How many of the conflicts kept here (保留本机 under `decisions`) still take
    /// something from the file: the committee's handling, or its changes to other
    /// fields (a clerk's review: 修改 0 项、保留本机 2 项 read as nothing changed, while
    /// the committee's correction of 专职 and its 认定 had come in).
    pub fn kept_with_file_changes(&self, state: &AppState, decisions: &Decisions) -> usize {
        self.changes
            .iter()
            .filter(|c| !decisions.take_file.contains(&c.key))
            .filter(|c| {
                self.kept_record(c).is_some_and(|k| {
                    find(state, &c.incoming).is_none_or(|held| !held.same_content(&k))
                })
            })
            .count()
    }
}

/// Carries out a preview: returns the new state. Refused if `state` is no longer the
/// state previewed. Added and changed records are taken; conflicts only where
/// `decisions` says so.
pub fn apply(
    state: &AppState,
    preview: &Preview,
    decisions: &Decisions,
) -> Result<AppState, ExchangeError> {
    if fingerprint(state) != preview.fingerprint {
        return Err(ExchangeError::StalePreview);
    }
    if !preview.security.is_empty() && !decisions.confirm_security {
        return Err(ExchangeError::SecurityNotConfirmed(preview.security.len()));
    }
    if let Some(next) = &preview.replacement {
        return Ok((**next).clone());
    }
    let mut next = state.clone();
    let mut taken = Vec::new();
    for c in &preview.changes {
        let take = match c.status {
            ChangeStatus::Added | ChangeStatus::Changed => true,
            ChangeStatus::Conflict => decisions.take_file.contains(&c.key),
            ChangeStatus::Unchanged | ChangeStatus::Stale => false,
        };
        if take {
            c.incoming.clone().upsert(&mut next);
            taken.push(&c.incoming);
        } else if let Some(kept) = preview.kept_record(c) {
            kept.upsert(&mut next);
        }
    }
    // The records senders created join the ledger of what their copies hold; a score
    // sheet read in is the base of the sender's next return.
    if preview.task_update.is_none() {
        super::ownership::record_received(&mut next, &taken, &preview.files);
        for f in preview
            .changes
            .iter()
            .filter_map(|c| c.file_version.as_ref())
        {
            super::ownership::note_sheet_received(&mut next, f);
        }
    }
    // A task update: the copy now holds the newer task file (its issue date, the
    // revisions it issued, the code and key it carries).
    if let (Some(ws), Some(here)) = (&preview.task_update, next.workspace.as_mut()) {
        here.issued_at = ws.issued_at.clone();
        here.task_made_at = ws.task_made_at.clone();
        here.access_code = ws.access_code.clone();
        here.committee_key = ws.committee_key.clone();
        here.base
            .extend(ws.base.iter().map(|(k, r)| (k.clone(), *r)));
        here.issued
            .extend(ws.issued.iter().map(|(k, r)| (k.clone(), r.clone())));
        // A return made before this task file is superseded by it: its values no longer
        // stand apart from the file's (`ownership::returned_since_taken`; a return's
        // revision, counted here, may be past the committee's without being newer). What
        // it carried that the file lacks has not reached the committee, or was removed
        // there: it may be deleted here (`ownership::unreported_outcome`).
        for r in here.returned.values_mut() {
            r.rev = 0;
        }
    }
    let errs = new_errors(state, &next);
    if let Some(first) = errs.first() {
        return Err(ExchangeError::ApplyInvalid(first.to_string()));
    }
    super::receipts::record_receipts(&mut next, &preview.files);
    Ok(next)
}

/// One file of a batch: accepted (what it is) or refused (why).
#[derive(Debug, Clone, PartialEq)]
pub struct FileVerdict {
    pub name: String,
    pub result: Result<FileInfo, ExchangeError>,
}

/// Several return files previewed together.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub verdicts: Vec<FileVerdict>,
    /// The accepted files' changes in one preview (empty when none was accepted).
    pub merged: Preview,
}

/// What the accepted files of a batch say of one record.
#[derive(Default)]
struct Claim {
    /// The file that changes it, and when that file was made.
    changed: Option<(String, String)>,
    /// The newest file that holds it as this copy has it: the file, when it was made
    /// and by whom. A later export by the same person that puts a record back as it was
    /// (a score changed, then corrected back) outweighs an earlier one changing it.
    held: Option<(String, String, Party)>,
}

/// Previews several return files (from units and assessors) against the same state.
/// A file is refused if it fails on its own, if it is not a return file (backups and
/// task files are imported one at a time), or if it touches a record another accepted
/// file also touches. The files are taken newest first (by when each was exported),
/// so that of two returns changing the same record — a unit that exported again after
/// a correction — the later one is imported, whatever order they were chosen in.
/// The verdicts are in the order the files were given.
pub fn preview_many(state: &AppState, files: &[(String, Vec<u8>)], opts: &ImportOptions) -> Batch {
    let mut merged = Preview {
        files: Vec::new(),
        changes: Vec::new(),
        removed: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
        replaces_state: false,
        security: Vec::new(),
        results_saved: None,
        replacement: None,
        task_update: None,
        fingerprint: fingerprint(state),
    };
    let mut verdicts: Vec<Option<FileVerdict>> = vec![None; files.len()];
    let mut read = Vec::new();
    for (i, (name, bytes)) in files.iter().enumerate() {
        // The same file chosen twice (a copy under another name): said as such, not
        // counted twice, and not taken for two files changing the same records.
        if let Some((first, _)) = files[..i].iter().find(|(_, b)| b == bytes) {
            verdicts[i] = Some(FileVerdict {
                name: name.clone(),
                result: Err(ExchangeError::SameFile {
                    other: first.clone(),
                }),
            });
            continue;
        }
        read.push((i, name, read_package(bytes)));
    }
    let made_at = |r: &Result<Package, ExchangeError>| -> String {
        r.as_ref()
            .map(|p| p.envelope.made_at.clone())
            .unwrap_or_default()
    };
    // Newest first; files that could not be read (no time) last. The sort is stable.
    read.sort_by_key(|(_, _, r)| std::cmp::Reverse(made_at(r)));
    // What the accepted files so far say of each record they list.
    let mut claims: BTreeMap<String, Claim> = BTreeMap::new();
    // Where each accepted file was among those chosen.
    let mut chosen_at: Vec<usize> = Vec::new();
    // Each file previewed on its own; then the verified files before those taken in
    // only because the person chose 仍然导入 (a clerk's review: another city's copy of a
    // unit's return, unverified and exported later, pushed the unit's verified return
    // out of the import unsaid), newest first within each (the sort is stable).
    let mut previewed: Vec<_> = read
        .into_iter()
        .map(|(i, name, pkg)| {
            let result = pkg.and_then(|pkg| {
                if !pkg.envelope.kind.needs_signature() {
                    // A backup that could not be taken here alone says why (a clerk's
                    // review: "import it alone" steered a unit's backup over all the data).
                    if let Content::Backup(b) = &pkg.content {
                        super::restore::check_backup_fits(state, &b.state)?;
                    }
                    return Err(ExchangeError::NotForThisCopy(format!(
                        "{}需要单独导入，不能与其他文件一起合并",
                        pkg.envelope.kind.label()
                    )));
                }
                let p = preview_package(state, name, &pkg, opts)?;
                Ok((p, pkg.envelope.made_at, pkg.envelope.made_by))
            });
            (i, name, result)
        })
        .collect();
    let unverified = |p: &Preview| {
        p.files
            .first()
            .is_some_and(|f| matches!(f.signature, SignatureCheck::Overridden(_)))
    };
    previewed.sort_by_key(|(_, _, r)| r.as_ref().is_ok_and(|(p, _, _)| unverified(p)));
    // The accepted files that passed the check of their sender.
    let mut verified_files: std::collections::BTreeSet<String> = Default::default();
    for (i, name, result) in previewed {
        let result = result.and_then(|(p, made_at, made_by)| {
            let changed = p
                .changes
                .iter()
                .filter(|c| c.status != ChangeStatus::Unchanged);
            for c in changed {
                let Some(claim) = claims.get(&c.key) else {
                    continue;
                };
                let by_verified = |f: &String| verified_files.contains(f) && unverified(&p);
                let held = claim.held.as_ref().map(|(f, _, _)| f);
                let changing = claim.changed.as_ref().map(|(f, _)| f);
                if let Some(f) = held.into_iter().chain(changing).find(|f| by_verified(f)) {
                    return Err(ExchangeError::BehindVerified {
                        verified: f.clone(),
                        record: c.label.clone(),
                    });
                }
                if let Some((other, _, _)) = claim
                    .held
                    .as_ref()
                    .filter(|(_, made, by)| *by == made_by && *made > made_at)
                {
                    return Err(ExchangeError::OlderThanOther {
                        newer: other.clone(),
                        record: c.label.clone(),
                    });
                }
                if let Some((other, other_made)) = &claim.changed {
                    return Err(if *other_made > made_at {
                        ExchangeError::OlderThanOther {
                            newer: other.clone(),
                            record: c.label.clone(),
                        }
                    } else {
                        ExchangeError::Overlap {
                            other: other.clone(),
                            record: c.label.clone(),
                        }
                    });
                }
            }
            if !unverified(&p) {
                verified_files.insert(name.clone());
            }
            Ok((p, made_at, made_by))
        });
        verdicts[i] = Some(match result {
            Ok((p, made, by)) => {
                let index = merged.files.len();
                for c in p.changes {
                    let listed = claims.contains_key(&c.key);
                    let claim = claims.entry(c.key.clone()).or_default();
                    if c.status == ChangeStatus::Unchanged {
                        claim
                            .held
                            .get_or_insert_with(|| (name.clone(), made.clone(), by.clone()));
                        if listed {
                            // A record another file has too, unchanged: counted once
                            // (two exports of the same work, made at different times).
                            continue;
                        }
                    } else {
                        claim.changed = Some((name.clone(), made.clone()));
                        if listed {
                            // Listed unchanged from another file: now listed as this.
                            merged.changes.retain(|x| x.key != c.key);
                        }
                    }
                    merged.changes.push(Change { file: index, ..c });
                }
                merged.warnings.extend(p.warnings);
                merged.notes.extend(p.notes);
                let info = p.files.into_iter().next();
                if let Some(info) = &info {
                    merged.files.push(info.clone());
                    chosen_at.push(i);
                }
                FileVerdict {
                    name: name.clone(),
                    result: info.ok_or(ExchangeError::Empty),
                }
            }
            Err(e) => FileVerdict {
                name: name.clone(),
                result: Err(e),
            },
        });
    }
    // The accepted files in the order they were chosen (the snapshot taken before the
    // import names them so), their changes following them.
    let mut order: Vec<usize> = (0..merged.files.len()).collect();
    order.sort_by_key(|&k| chosen_at[k]);
    let mut now_at = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        now_at[old] = new;
    }
    merged.files = order.iter().map(|&k| merged.files[k].clone()).collect();
    for c in &mut merged.changes {
        c.file = now_at[c.file];
    }
    Batch {
        verdicts: verdicts.into_iter().flatten().collect(),
        merged,
    }
}
