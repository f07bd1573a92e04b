//! The import pipeline: read → identify the sender → signature → scope → validate →
//! preview, then [`apply`]. Every step is pure; the state given is never changed.

use std::collections::{BTreeMap, BTreeSet};

use super::content::*;
use super::envelope::{
    checksum, read_package, verify, Package, PackageKind, Party, RoundRef, SchemeRef,
};
use super::error::ExchangeError;
use super::export::assigned_units;
use super::ownership::check_ownership;
use super::records::{all_records, find, Rec, RecordType};
use super::restore::check_state;
use super::security::security_changes;
use super::signing::verify_results;
use super::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::validation::{validate_state, ValidationError};

/// Choices the person makes before the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Import a return file although it is unsigned, wrongly signed, or its sender has
    /// no code here (the person confirmed the source). Shown as a warning.
    pub accept_unverified: bool,
}

/// What became of the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The kind is not signed (task files, results, backups).
    NotRequired,
    /// Signed with the code issued to the sender.
    Verified,
    /// Not verified; imported because the person chose to (the reason in Chinese).
    Overridden(String),
}

/// What a file says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    /// The file name as chosen by the person.
    pub name: String,
    pub kind: PackageKind,
    pub made_by: Party,
    /// `单位「名称」`, `评委「姓名」`, `工委`. For a return file, named from this copy's
    /// own records (the roster, the round's assessors), not from the file.
    pub sender: String,
    /// The maker's name as the file writes it (`made_by_name`): a claim, shown as one.
    pub claimed_name: String,
    /// The time the file says it was made (`made_at`): a claim too.
    pub made_at: String,
    pub round: Option<RoundRef>,
    pub scheme: Option<SchemeRef>,
    pub signature: SignatureCheck,
}

impl FileInfo {
    /// Whether `made_at` reads as a time (`YYYY-MM-DDTHH:MM…`); otherwise the UI shows
    /// the text as the file's unreadable claim rather than as an export time.
    pub fn made_at_is_time(&self) -> bool {
        let b = self.made_at.as_bytes();
        b.len() >= 16
            && b[..16].iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b'T' || *c == b' ',
                13 => *c == b':',
                _ => c.is_ascii_digit(),
            })
    }

    /// Who the file is from, and how that is known: `经签名核实：单位「甲」` when the
    /// signature verified (the name from this copy's records), otherwise the file's
    /// own claim, said to be one.
    pub fn identity(&self) -> String {
        match &self.signature {
            SignatureCheck::Verified => format!("经签名核实：来自{}", self.sender),
            _ => format!("文件自称来自{}（未经核实）", self.sender),
        }
    }

    /// The file's own words about its maker when they differ from [`Self::sender`].
    pub fn claim_note(&self) -> Option<String> {
        let claimed = self.claimed_name.trim();
        (!claimed.is_empty() && !self.sender.contains(claimed))
            .then(|| format!("文件中写的导出者为「{claimed}」，以本机记录为准"))
    }
}

/// How an incoming record compares with the one held here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeStatus {
    /// Not held here: will be added.
    Added,
    /// Changed by the sender only: will be replaced.
    Changed,
    /// Same content: nothing to do.
    Unchanged,
    /// Changed here only, or the file holds an older copy: kept as it is here.
    Stale,
    /// Changed on both sides since the file was issued: the person decides
    /// (kept as it is here unless chosen otherwise).
    Conflict,
}

impl ChangeStatus {
    pub fn label(self) -> &'static str {
        match self {
            ChangeStatus::Added => "新增",
            ChangeStatus::Changed => "修改",
            ChangeStatus::Unchanged => "无变化",
            ChangeStatus::Stale => "本机的较新（保留本机）",
            ChangeStatus::Conflict => "冲突（需选择）",
        }
    }
}

/// One record in a preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub record_type: RecordType,
    pub label: String,
    pub status: ChangeStatus,
    /// Index into [`Preview::files`].
    pub file: usize,
    pub incoming: Rec,
}

/// Counts per record type, for the preview table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupSummary {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub stale: usize,
    pub conflicting: usize,
    /// Only for whole-state replacements (backup, task file).
    pub removed: usize,
}

/// What an import would do. Made by [`preview`] / [`preview_many`]; carried out by
/// [`apply`] only if the state is still the one previewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub files: Vec<FileInfo>,
    pub changes: Vec<Change>,
    /// Records held here that a replacement drops, as `(type, label)`.
    pub removed: Vec<(RecordType, String)>,
    /// Things the person should know (markup kept as text, signature overridden).
    pub warnings: Vec<String>,
    /// Plain information (e.g. "opens the tasks of unit X").
    pub notes: Vec<String>,
    /// Whether applying replaces the whole state (backup, task file, results copy).
    pub replaces_state: bool,
    /// Access codes and keys the file would change, one line each
    /// (`security::security_changes`): shown on their own, confirmed on their own.
    pub security: Vec<String>,
    /// A results file's round name and number of rows, to say what was saved.
    pub results_saved: Option<(String, usize)>,
    replacement: Option<Box<AppState>>,
    fingerprint: String,
}

impl Preview {
    /// What importing a results file saved, in a sentence (`None` for other files).
    pub fn results_saved_line(&self) -> Option<String> {
        self.results_saved
            .as_ref()
            .map(|(round, n)| format!("已保存考评轮次「{round}」的发布结果（{n} 个单位）"))
    }

    /// Counts per record type, in display order.
    pub fn groups(&self) -> BTreeMap<RecordType, GroupSummary> {
        let mut out: BTreeMap<RecordType, GroupSummary> = BTreeMap::new();
        for c in &self.changes {
            let g = out.entry(c.record_type).or_default();
            match c.status {
                ChangeStatus::Added => g.added += 1,
                ChangeStatus::Changed => g.changed += 1,
                ChangeStatus::Unchanged => g.unchanged += 1,
                ChangeStatus::Stale => g.stale += 1,
                ChangeStatus::Conflict => g.conflicting += 1,
            }
        }
        for (t, _) in &self.removed {
            out.entry(*t).or_default().removed += 1;
        }
        out
    }

    /// The conflicts the person must decide on.
    pub fn conflicts(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.status == ChangeStatus::Conflict)
    }

    /// Whether applying would change nothing.
    pub fn is_noop(&self) -> bool {
        !self.replaces_state
            && self
                .changes
                .iter()
                .all(|c| matches!(c.status, ChangeStatus::Unchanged | ChangeStatus::Stale))
    }
}

/// The person's choices on conflicts: keys whose file version wins. Every other
/// conflict keeps the version held here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decisions {
    pub take_file: BTreeSet<String>,
    /// The person confirmed, separately, the changes of access codes and keys listed in
    /// [`Preview::security`]. Without it such a preview is not applied.
    pub confirm_security: bool,
}

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

fn markup_warnings(pkg: &Package) -> Vec<String> {
    pkg.markup
        .iter()
        .take(10)
        .map(|(place, text)| {
            format!("文件中「{place}」处含有类似网页代码的文字「{text}」，将按普通文字原样保存，不会被执行")
        })
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
            // The same check as 数据管理 → 从备份恢复 (`restore::read_restore`).
            check_state(&b.state)?;
            let notes = vec![format!(
                "这是{}于 {} 导出的完整备份，导入将用它替换本机的全部数据",
                pkg.sender(),
                pkg.envelope.made_at
            )];
            Ok(replacement(state, name, pkg, b.state.clone(), notes))
        }
        Content::ToUnit(c) => {
            require_blank(state, pkg)?;
            let next = focused_from_unit(pkg, c);
            check_focused(&next)?;
            let notes = vec![format!(
                "将以单位「{}」的身份打开考评轮次「{}」的任务，填写后导出报送文件交回工委",
                c.unit.name, c.round.name
            )];
            Ok(replacement(state, name, pkg, next, notes))
        }
        Content::ToAssessor(c) => {
            require_blank(state, pkg)?;
            let next = focused_from_assessor(c)?;
            check_focused(&next)?;
            let notes = vec![format!(
                "将以{}的身份打开考评轮次「{}」的评分任务（{} 个单位），评分后导出评分文件交回工委",
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
    let new = all_records(&next);
    let changes = new
        .into_iter()
        .map(|(key, rec)| {
            let status = match old.get(&key) {
                None => ChangeStatus::Added,
                Some(o) if o == &rec => ChangeStatus::Unchanged,
                Some(_) => ChangeStatus::Changed,
            };
            Change {
                label: rec.label(&next),
                record_type: rec.record_type(),
                key,
                status,
                file: 0,
                incoming: rec,
            }
        })
        .collect::<Vec<_>>();
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
        warnings: markup_warnings(pkg),
        notes,
        replaces_state: true,
        security: security_changes(state, &next),
        results_saved: None,
        replacement: Some(Box::new(next)),
        fingerprint: fingerprint(state),
    }
}

/// The next id number after the largest `<origin>.<prefix><n>` in the records.
fn next_id_after(state: &AppState, origin: &str) -> u64 {
    let pre = format!("{origin}.");
    all_records(state)
        .values()
        .filter_map(|r| {
            let key = r.key();
            let id = key.split_once(':').map(|(_, id)| id.to_string())?;
            let rest = id.strip_prefix(&pre)?;
            let digits: String = rest.chars().skip_while(|c| !c.is_ascii_digit()).collect();
            digits.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0)
}

fn base_of(recs: impl Iterator<Item = Rec>) -> BTreeMap<String, u32> {
    recs.map(|r| (r.key(), r.meta().rev)).collect()
}

fn focused_from_unit(pkg: &Package, c: &ToUnit) -> AppState {
    let me = c.unit.id.clone();
    let mut st = AppState {
        units: std::iter::once(c.unit.clone())
            .chain(c.partner_units.iter().cloned())
            .collect(),
        schemes: vec![c.scheme.clone()],
        rounds: vec![c.round.clone()],
        outcomes: c.outcomes.clone(),
        pairings: c.pairings.clone(),
        rectifications: c.rectifications.clone(),
        resources: c.resources.clone(),
        ..AppState::default()
    };
    let sheets = c.round.sheets.iter().map(|s| Rec::Sheet {
        round_id: c.round.id.clone(),
        sheet: s.clone(),
    });
    let base = base_of(
        sheets
            .chain(c.outcomes.iter().cloned().map(Rec::Outcome))
            .chain(c.pairings.iter().cloned().map(Rec::Pairing))
            .chain(c.rectifications.iter().cloned().map(Rec::Rectification))
            .chain(c.resources.iter().cloned().map(Rec::Resource)),
    );
    st.settings.origin = me.clone();
    st.settings.next_id = next_id_after(&st, &me);
    st.workspace = Some(Workspace {
        party: Party::Unit(me),
        party_name: c.unit.name.clone(),
        round_id: c.round.id.clone(),
        access_code: c.access_code.clone(),
        issued_at: if c.issued_at.is_empty() {
            pkg.envelope.made_at.clone()
        } else {
            c.issued_at.clone()
        },
        base,
        results: Vec::new(),
        committee_key: c.committee_key.clone(),
    });
    st
}

fn focused_from_assessor(c: &ToAssessor) -> Result<AppState, ExchangeError> {
    let assessor = c
        .round
        .assessors
        .iter()
        .find(|a| a.id == c.assessor_id)
        .cloned()
        .ok_or_else(|| ExchangeError::BadContent {
            kind: PackageKind::ToAssessor.label().to_string(),
            detail: format!("考评轮次中没有评委「{}」", c.assessor_id),
        })?;
    let mut st = AppState {
        units: c.units.clone(),
        schemes: vec![c.scheme.clone()],
        rounds: vec![c.round.clone()],
        ..AppState::default()
    };
    let base = base_of(c.round.sheets.iter().map(|s| Rec::Sheet {
        round_id: c.round.id.clone(),
        sheet: s.clone(),
    }));
    st.settings.origin = assessor.id.clone();
    st.settings.next_id = next_id_after(&st, &assessor.id);
    st.workspace = Some(Workspace {
        party: Party::Assessor(assessor.id.clone()),
        party_name: assessor.name.clone(),
        round_id: c.round.id.clone(),
        access_code: c.access_code.clone(),
        issued_at: c.issued_at.clone(),
        base,
        results: Vec::new(),
        committee_key: c.committee_key.clone(),
    });
    Ok(st)
}

fn with_results(state: &AppState, r: &PublishedResults) -> Result<AppState, ExchangeError> {
    if state.workspace.is_none() && !is_blank(state) {
        return Err(ExchangeError::NotForThisCopy(
            "这是工委发布的考评结果文件，供单位和评委查看；工委本机已有这些数据，无需导入"
                .to_string(),
        ));
    }
    let mut next = state.clone();
    let ws = next.workspace.get_or_insert_with(|| Workspace {
        party: Party::Public,
        party_name: String::new(),
        round_id: String::new(),
        access_code: String::new(),
        issued_at: String::new(),
        base: BTreeMap::new(),
        results: Vec::new(),
        committee_key: String::new(),
    });
    match ws.results.iter_mut().find(|x| x.round_id == r.round_id) {
        Some(slot) => *slot = r.clone(),
        None => ws.results.push(r.clone()),
    }
    Ok(next)
}

/// The most rows a results file may have: far beyond any real round.
pub const MAX_RESULT_ROWS: usize = 5000;

/// A results file must be signed by the committee's key pinned in this copy. With no
/// key pinned (a blank browser, or a copy from an older task file) it can only be taken
/// with the explicit override.
fn check_results_signature(
    state: &AppState,
    pkg: &Package,
    opts: &ImportOptions,
) -> Result<SignatureCheck, ExchangeError> {
    let pinned = state
        .workspace
        .as_ref()
        .map(|w| w.committee_key.as_str())
        .filter(|k| !k.is_empty());
    let Some(key) = pinned else {
        let e = ExchangeError::ResultsUnverified;
        return if opts.accept_unverified {
            Ok(SignatureCheck::Overridden(format!(
                "未通过身份核对，按您的选择仍然导入：{e}"
            )))
        } else {
            Err(e)
        };
    };
    let signed = pkg
        .envelope
        .signature
        .as_deref()
        .is_some_and(|sig| verify_results(key, &pkg.envelope.content, sig));
    if signed {
        Ok(SignatureCheck::Verified)
    } else {
        Err(ExchangeError::ResultsForged)
    }
}

/// Rows that no real publication has: an unknown round, duplicate units, a negative
/// total, rank 0, ranks out of order, more rows than the round has units.
fn check_result_rows(state: &AppState, r: &PublishedResults) -> Result<(), ExchangeError> {
    let bad = |what: String| Err(ExchangeError::BadResults(what));
    if r.rows.len() > MAX_RESULT_ROWS {
        return bad(format!(
            "共 {} 行，远超任何一次考评的规模（上限 {MAX_RESULT_ROWS} 行）",
            r.rows.len()
        ));
    }
    if !(2000..=2100).contains(&r.year) {
        return bad(format!("年度 {} 不合理", r.year));
    }
    // A task copy knows its round and scheme: the file must be about them, and no total
    // can pass the scheme's full points plus its bonus cap.
    let task_copy = state
        .workspace
        .as_ref()
        .is_some_and(|w| !w.round_id.is_empty());
    let mut most = None;
    if task_copy {
        let Some(round) = state.round(&r.round_id) else {
            return bad(format!("本机没有考评轮次「{}」", r.round_name));
        };
        if round.scheme_id != r.scheme_id || round.year != r.year {
            return bad(format!(
                "考评轮次「{}」的方案或年度与本机的不同",
                r.round_name
            ));
        }
        most = state
            .scheme(&round.scheme_id)
            .map(|sc| sc.full_points() + sc.bonus_cap);
    }
    let mut seen = BTreeSet::new();
    let mut last_rank = 0u32;
    let mut unranked = false;
    for (i, row) in r.rows.iter().enumerate() {
        let at = format!("第 {} 行（{}）", i + 1, row.unit_name);
        if row.unit_id.is_empty() || !seen.insert(row.unit_id.as_str()) {
            return bad(format!("{at}的单位重复或为空"));
        }
        if row.total.hundredths() < 0 {
            return bad(format!("{at}的总分 {} 为负数", row.total));
        }
        if let Some(max) = most.filter(|m| row.total > *m) {
            return bad(format!(
                "{at}的总分 {} 超过满分加上加分上限 {max}",
                row.total
            ));
        }
        match row.rank {
            Some(0) => return bad(format!("{at}的名次为 0")),
            Some(n) if unranked || n < last_rank || n as usize > r.rows.len() => {
                return bad(format!("{at}的名次 {n} 与排序不符"))
            }
            Some(n) => last_rank = n,
            None => unranked = true,
        }
    }
    Ok(())
}

/// Sender, round and incoming records of a return file.
struct ReturnParts<'a> {
    party: Party,
    round_id: &'a str,
    recs: Vec<Rec>,
}

fn return_parts(pkg: &Package) -> Option<ReturnParts<'_>> {
    match &pkg.content {
        Content::UnitReturn(c) => {
            let sheet = c.self_sheet.iter().map(|s| Rec::Sheet {
                round_id: c.round_id.clone(),
                sheet: s.clone(),
            });
            let recs = sheet
                .chain(c.outcomes.iter().cloned().map(Rec::Outcome))
                .chain(c.pairings.iter().cloned().map(Rec::Pairing))
                .chain(c.rectifications.iter().cloned().map(Rec::Rectification))
                .chain(c.resources.iter().cloned().map(Rec::Resource))
                .collect();
            Some(ReturnParts {
                party: Party::Unit(c.unit_id.clone()),
                round_id: &c.round_id,
                recs,
            })
        }
        Content::AssessorReturn(c) => Some(ReturnParts {
            party: Party::Assessor(c.assessor_id.clone()),
            round_id: &c.round_id,
            recs: c
                .sheets
                .iter()
                .map(|s| Rec::Sheet {
                    round_id: c.round_id.clone(),
                    sheet: s.clone(),
                })
                .collect(),
        }),
        _ => None,
    }
}

fn preview_return(
    state: &AppState,
    name: &str,
    pkg: &Package,
    opts: &ImportOptions,
) -> Result<Preview, ExchangeError> {
    if state.workspace.is_some() {
        return Err(ExchangeError::NotForThisCopy(format!(
            "这是{}，应由工委导入；本机是单位或评委的任务副本",
            pkg.envelope.kind.label()
        )));
    }
    let parts = return_parts(pkg).ok_or_else(|| ExchangeError::BadContent {
        kind: pkg.envelope.kind.label().to_string(),
        detail: "内容与类别不符".to_string(),
    })?;
    let sender = pkg.sender();
    // 1. Who sent it, for which round.
    if parts.party != pkg.envelope.made_by {
        let name = match &parts.party {
            Party::Unit(u) => state.unit(u).map(|x| x.name.clone()),
            Party::Assessor(a) => state
                .round(parts.round_id)
                .and_then(|r| r.assessors.iter().find(|x| &x.id == a))
                .map(|x| x.name.clone()),
            _ => None,
        };
        return Err(ExchangeError::SenderMismatch {
            envelope: sender,
            content: parts.party.describe(&name.unwrap_or_default()),
        });
    }
    if let Some(r) = &pkg.envelope.round {
        if r.id != parts.round_id {
            return Err(ExchangeError::SenderMismatch {
                envelope: format!("考评轮次「{}」", r.name),
                content: format!("考评轮次「{}」", parts.round_id),
            });
        }
    }
    let round = state
        .round(parts.round_id)
        .ok_or_else(|| ExchangeError::UnknownRound {
            round: pkg
                .envelope
                .round
                .as_ref()
                .map(|r| r.name.clone())
                .unwrap_or_else(|| parts.round_id.to_string()),
        })?;
    let known = match &parts.party {
        Party::Unit(u) => round.unit_ids.contains(u),
        Party::Assessor(a) => round.assessors.iter().any(|x| &x.id == a),
        _ => false,
    };
    if !known {
        return Err(ExchangeError::UnknownSender {
            sender,
            round: round.name.clone(),
        });
    }
    // From here on the sender is named from this copy's own records, never from the
    // file's `made_by_name` (a claim: shown as such).
    let sender = parts
        .party
        .describe(&recorded_name(state, round, &parts.party));
    // 2. Made against the scheme version the round uses.
    if let Some(s) = &pkg.envelope.scheme {
        if s.id != round.scheme_id {
            let ours = state
                .scheme(&round.scheme_id)
                .map(|x| format!("{}第{}版", x.name, x.version))
                .unwrap_or_else(|| round.scheme_id.clone());
            return Err(ExchangeError::SchemeMismatch {
                file_scheme: format!("{}第{}版", s.name, s.version),
                round: round.name.clone(),
                our_scheme: ours,
            });
        }
    }
    // 3. Signed with the code issued to the sender.
    let signature = check_signature(state, pkg, &sender, parts.round_id, &round.name, opts)?;
    // 4. Scope, then what the sender may write (committee fields, ids it may create).
    check_scope(state, round, &parts, &sender)?;
    let ledger = state.exchange.sent_to(parts.round_id, &parts.party);
    let (recs, notes) = check_ownership(state, ledger, &parts.party, &parts.recs, &sender)?;
    // The conflict rule's base: what the committee itself sent, never the file's `base`.
    let base: BTreeMap<String, u32> = ledger
        .map(|l| l.records.iter().map(|(k, s)| (k.clone(), s.rev)).collect())
        .unwrap_or_default();
    // 5. Duplicates within the file.
    let mut seen = BTreeSet::new();
    let mut dups = Vec::new();
    for r in &recs {
        if !seen.insert(r.key()) {
            dups.push(ValidationError::DuplicateId {
                kind: format!("文件中的{}", r.record_type().label()),
                id: r
                    .key()
                    .split_once(':')
                    .map(|x| x.1)
                    .unwrap_or("")
                    .to_string(),
            });
        }
    }
    if !dups.is_empty() {
        return Err(ExchangeError::invalid(dups));
    }
    // 6. Classify against what is held here.
    let origin = parts.party.origin();
    let changes: Vec<Change> = recs
        .iter()
        .map(|rec| {
            let existing = find(state, rec);
            let status = classify(rec, existing.as_ref(), &base, &origin);
            Change {
                key: rec.key(),
                record_type: rec.record_type(),
                label: rec.label(state),
                status,
                file: 0,
                incoming: rec.clone(),
            }
        })
        .collect();
    // 7. Validate the state as it would be with every incoming record taken.
    let mut tentative = state.clone();
    for c in &changes {
        if c.status != ChangeStatus::Unchanged {
            c.incoming.clone().upsert(&mut tentative);
        }
    }
    let errs = new_errors(state, &tentative);
    if !errs.is_empty() {
        return Err(ExchangeError::invalid(errs));
    }
    let mut notes = notes;
    let missing = super::receipts::incomplete_units(&tentative, parts.round_id, &parts.party);
    notes.extend(super::receipts::incomplete_note(&sender, &missing));
    let mut warnings = markup_warnings(pkg);
    if let SignatureCheck::Overridden(why) = &signature {
        warnings.insert(0, why.clone());
    }
    // A return that arrives after publication: the published files do not follow it.
    if round.published && changes.iter().any(|c| c.status != ChangeStatus::Unchanged) {
        warnings.push(format!(
            "考评轮次「{}」的结果已经发布。导入后如果结果有变化，“结果”页会提示重新发布；已经发出的结果文件不会随之改变。",
            round.name
        ));
    }
    Ok(Preview {
        files: vec![FileInfo {
            sender: sender.clone(),
            ..file_info(name, pkg, signature)
        }],
        changes,
        removed: Vec::new(),
        warnings,
        notes,
        replaces_state: false,
        security: Vec::new(),
        results_saved: None,
        replacement: None,
        fingerprint: fingerprint(state),
    })
}

fn check_signature(
    state: &AppState,
    pkg: &Package,
    sender: &str,
    round_id: &str,
    round_name: &str,
    opts: &ImportOptions,
) -> Result<SignatureCheck, ExchangeError> {
    let sender = sender.to_string();
    let result = match state.exchange.code_for(round_id, &pkg.envelope.made_by) {
        None => Err(ExchangeError::UnknownCode {
            sender,
            round: round_name.to_string(),
        }),
        Some(code) => match &pkg.envelope.signature {
            None => Err(ExchangeError::Unsigned { sender }),
            Some(sig) if verify(&code.code, &pkg.envelope.content, sig) => Ok(()),
            Some(_) => Err(ExchangeError::BadSignature { sender }),
        },
    };
    match result {
        Ok(()) => Ok(SignatureCheck::Verified),
        Err(e) if opts.accept_unverified => Ok(SignatureCheck::Overridden(format!(
            "未通过身份核对，按您的选择仍然导入：{e}"
        ))),
        Err(e) => Err(e),
    }
}

fn check_scope(
    state: &AppState,
    round: &Round,
    parts: &ReturnParts<'_>,
    sender: &str,
) -> Result<(), ExchangeError> {
    let out = |what: String| ExchangeError::OutOfScope {
        sender: sender.to_string(),
        what,
    };
    let uname = |id: &str| {
        state
            .unit(id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let allowed_units: Vec<Id> = match &parts.party {
        Party::Unit(u) => vec![u.clone()],
        Party::Assessor(a) => round
            .assessors
            .iter()
            .find(|x| &x.id == a)
            .map(|x| assigned_units(round, x))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    for rec in &parts.recs {
        if let Rec::Sheet { round_id, sheet } = rec {
            if round_id != &round.id {
                return Err(out(format!("含有其他考评轮次「{round_id}」的评分表")));
            }
            let own_source = match (&parts.party, &sheet.source) {
                (Party::Unit(_), SheetSource::SelfAssessment) => true,
                (Party::Assessor(a), SheetSource::Assessor(b)) => a == b,
                _ => false,
            };
            if !own_source {
                let src = crate::domain::validation::source_name(round, &sheet.source);
                return Err(out(format!(
                    "含有单位「{}」的{src}评分表，只能报送自己填写的评分表",
                    uname(&sheet.unit_id)
                )));
            }
        }
        let Some(owner) = rec.owner_unit() else {
            return Err(out(format!("含有{}，不允许报送", rec.label(state))));
        };
        if !allowed_units.iter().any(|u| u == owner) {
            return Err(out(match &parts.party {
                Party::Assessor(_) => format!(
                    "含有单位「{}」的评分表，该单位不是分配给此评委的",
                    uname(owner)
                ),
                _ => format!("{}，不是本单位的记录", rec.label(state)),
            }));
        }
        if let Some(existing) = find(state, rec) {
            if let Some(held_owner) = existing.owner_unit() {
                if held_owner != owner {
                    return Err(out(format!(
                        "{}在本机属于单位「{}」，文件试图改动它",
                        existing.label(state),
                        uname(held_owner)
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The conflict rule (see `docs/exchange-format.md`, "Conflicts").
fn classify(
    incoming: &Rec,
    existing: Option<&Rec>,
    base: &BTreeMap<String, u32>,
    sender_origin: &str,
) -> ChangeStatus {
    let Some(held) = existing else {
        return ChangeStatus::Added;
    };
    if incoming.same_content(held) {
        return ChangeStatus::Unchanged;
    }
    let (file_rev, held_rev) = (incoming.meta().rev, held.meta().rev);
    if held.meta().by == sender_origin {
        // What is held came from this sender's earlier file.
        return if file_rev > held_rev {
            ChangeStatus::Changed
        } else {
            ChangeStatus::Stale
        };
    }
    match base.get(&incoming.key()) {
        None => ChangeStatus::Conflict,
        Some(&b) => match (file_rev > b, held_rev > b) {
            (true, false) => ChangeStatus::Changed,
            (false, true) => ChangeStatus::Stale,
            _ => ChangeStatus::Conflict,
        },
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
    for c in &preview.changes {
        let take = match c.status {
            ChangeStatus::Added | ChangeStatus::Changed => true,
            ChangeStatus::Conflict => decisions.take_file.contains(&c.key),
            ChangeStatus::Unchanged | ChangeStatus::Stale => false,
        };
        if take {
            c.incoming.clone().upsert(&mut next);
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

/// Previews several return files (from units and assessors) against the same state.
/// A file is refused if it fails on its own, if it is not a return file (backups and
/// task files are imported one at a time), or if it touches a record an earlier
/// accepted file also touches.
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
        fingerprint: fingerprint(state),
    };
    let mut touched: BTreeMap<String, String> = BTreeMap::new();
    let mut verdicts = Vec::new();
    for (name, bytes) in files {
        let result = read_package(bytes).and_then(|pkg| {
            if !pkg.envelope.kind.needs_signature() {
                return Err(ExchangeError::NotForThisCopy(format!(
                    "{}需要单独导入，不能与其他文件一起合并",
                    pkg.envelope.kind.label()
                )));
            }
            let p = preview_package(state, name, &pkg, opts)?;
            for c in &p.changes {
                if c.status == ChangeStatus::Unchanged {
                    continue;
                }
                if let Some(other) = touched.get(&c.key) {
                    return Err(ExchangeError::Overlap {
                        other: other.clone(),
                        record: c.label.clone(),
                    });
                }
            }
            Ok(p)
        });
        match result {
            Ok(p) => {
                let index = merged.files.len();
                for c in p.changes {
                    if c.status != ChangeStatus::Unchanged {
                        touched.insert(c.key.clone(), name.clone());
                    }
                    merged.changes.push(Change { file: index, ..c });
                }
                merged.warnings.extend(p.warnings);
                merged.notes.extend(p.notes);
                let info = p.files.into_iter().next();
                if let Some(info) = &info {
                    merged.files.push(info.clone());
                }
                verdicts.push(FileVerdict {
                    name: name.clone(),
                    result: info.ok_or(ExchangeError::Empty),
                });
            }
            Err(e) => verdicts.push(FileVerdict {
                name: name.clone(),
                result: Err(e),
            }),
        }
    }
    Batch { verdicts, merged }
}
