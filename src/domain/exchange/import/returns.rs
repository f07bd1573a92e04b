//! Previewing a return file (a unit's or an assessor's): its signature, what the sender may write, and how each record compares with what this copy holds.

use super::*;
use crate::domain::exchange::ownership::{SheetMerge, SheetNotes};

/// Sender, round and incoming records of a return file.
pub(super) struct ReturnParts<'a> {
    party: Party,
    round_id: &'a str,
    recs: Vec<Rec>,
    /// The revisions the file says its task file issued (a claim: used only to make a
    /// change a conflict, never to take one).
    claimed_base: &'a BTreeMap<String, u32>,
}

pub(super) fn return_parts(pkg: &Package) -> Option<ReturnParts<'_>> {
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
                claimed_base: &c.base,
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
            claimed_base: &c.base,
        }),
        _ => None,
    }
}

pub(super) fn preview_return(
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
    // 1. Who sent it, for which round.
    let round = sender_round(state, pkg, &parts)?;
    // From here on the sender is named from this copy's own records, never from the
    // file's `made_by_name` (a claim: shown as such).
    let sender = parts
        .party
        .describe(&recorded_name(state, round, &parts.party));
    // 2. Made against the scheme version the round uses.
    check_scheme_version(state, pkg, round)?;
    // 3. Signed with the code issued to the sender.
    let signature = check_signature(state, pkg, &sender, parts.round_id, &round.name, opts)?;
    // 4. Scope, then what the sender may write (committee fields, ids it may create).
    check_scope(state, round, &parts, &sender)?;
    let ledger = state.exchange.sent_to(parts.round_id, &parts.party);
    let (mut recs, mut notes) = check_ownership(state, ledger, &parts.party, &parts.recs, &sender)?;
    // The conflict rule's base: what the committee itself sent, never the file's `base`.
    let base: BTreeMap<String, u32> = ledger
        .map(|l| l.records.iter().map(|(k, s)| (k.clone(), s.rev)).collect())
        .unwrap_or_default();
    // 4b. What the sender reports passes the forms' own rules (dates, years).
    let scope = crate::domain::exchange::reported::ReportScope {
        round_year: round.year,
        sent: &base,
    };
    let left_out = crate::domain::exchange::reported::leave_out_progress_before_found(
        state, &mut recs, &sender,
    );
    let mut reported = crate::domain::exchange::reported::check_reported(
        state, &recs, opts.today, &sender, &scope,
    )?;
    reported.extend(left_out);
    // 5. Duplicates within the file.
    no_duplicates(&recs)?;
    // 6. Classify against what is held here.
    let origin = parts.party.origin();
    // Picked again, or older than a file already taken in from the sender.
    // A file that passes the check of its sender is judged against the files before it
    // that passed it too: a doubtful file's claimed time says nothing.
    let verified_now = !matches!(signature, SignatureCheck::Overridden(_));
    let last_taken = if verified_now {
        crate::domain::exchange::receipts::latest_verified(state, parts.round_id, &parts.party)
    } else {
        crate::domain::exchange::receipts::received_from(state, parts.round_id, &parts.party).1
    };
    let held_unverified = verified_now
        && crate::domain::exchange::receipts::last_unverified(state, parts.round_id, &parts.party);
    let seen_before = last_taken
        .as_ref()
        .is_some_and(|r| r.made_at >= pkg.envelope.made_at);
    let older = last_taken.is_some_and(|r| r.made_at > pkg.envelope.made_at);
    // Score sheets of a file made from an older task file: not the base of the next.
    let mut from_older = std::collections::BTreeSet::new();
    let mut changes: Vec<Change> = recs
        .iter()
        .map(|rec| {
            let existing = find(state, rec);
            let mut status = classify(rec, existing.as_ref(), &base, &origin);
            let label = rec.label(state);
            // What is held came from the sender's last file, taken in although it failed
            // the check of its sender; this one passes it. Its counters and times are the
            // doubtful file's claims: the verified file is taken, said why (a re-test: as a
            // 冲突 it defaulted to 保留本机, and a plain 确认导入 kept the forged score).
            // A file older than a verified one already in is old whatever else: the
            // rule below for older files decides it (a review).
            if held_unverified
                && !older
                && status == ChangeStatus::Stale
                && existing.as_ref().is_some_and(|h| h.meta().by == origin)
            {
                notes.push(format!(
                    "{label}：本机现有的内容来自此前未通过身份核对、按选择仍然导入的文件；这份文件通过了核对，导入时以这份文件为准（两边的不同见下表）"
                ));
                return change(rec, label, ChangeStatus::Changed, rec.clone());
            }
            // The version held came from the sender, and the file carries that same
            // version with other content: no edit makes that, so it is said, not called
            // a change made here since (a clerk's review: a score altered by hand and
            // taken in by 仍然导入 read "本机在此之后又改过", and nobody had).
            if status == ChangeStatus::Stale
                && existing
                    .as_ref()
                    .is_some_and(|h| h.meta().by == origin && h.meta().rev == rec.meta().rev)
            {
                notes.push(format!(
                    "{label}：文件中的这一项与本机此前从{sender}收到的是同一版本，内容却不同（本机没有改过它），文件可能被改动过；保留本机的。如对方确实改过，请对方重新导出报送文件"
                ));
                return Change {
                    altered: true,
                    ..change(rec, label, ChangeStatus::Stale, rec.clone())
                };
            }
            // Made from a task file older than the one last sent, on a record the
            // committee has changed since that older one (a score corrected from paper,
            // then the task sent again): what the file holds never saw the change, so
            // it is never taken over it; it is merged against what the older file sent
            // when that is kept (`SentTask::earlier`), else it is the person's to decide.
            let from_older_task = existing.as_ref().is_some_and(|h| {
                let key = rec.key();
                h.meta().by != origin
                    && match (parts.claimed_base.get(&key), base.get(&key)) {
                        (Some(&was), Some(&sent)) => was < sent && h.meta().rev > was,
                        _ => false,
                    }
            });
            // A record in a file older than one already read in from the sender (an older
            // return imported after a newer one): nothing of it is news, and the newer
            // one's stands (a clerk's review: it was a 冲突 whose 采用文件 brought back a
            // score the assessor, or a 阵地面积 the unit, had changed since, once the
            // committee had corrected it).
            if older
                && existing.is_some()
                && matches!(status, ChangeStatus::Changed | ChangeStatus::Conflict)
            {
                return change(rec, label, ChangeStatus::Stale, rec.clone());
            }
            // A score sheet the committee changed since the ledger's version (what it
            // sent, or the sender's last return): merged score by score.
            if let (
                Rec::Sheet { .. },
                false,
                Some(h),
                Some(sent),
                ChangeStatus::Changed | ChangeStatus::Conflict,
            ) = (
                rec,
                from_older_task,
                existing.as_ref(),
                ledger.and_then(|l| l.records.get(&rec.key())),
                status,
            ) {
                if h.meta().by != origin && !sent.cells.is_empty() {
                    if rec.meta().rev < sent.got {
                        // Older than a return already read in from the sender.
                        return change(rec, label, ChangeStatus::Stale, rec.clone());
                    }
                    match super::super::ownership::merge_sheet(h, rec, sent, SheetNotes::FromFile) {
                        Some(SheetMerge::NothingNew) => {
                            return change(rec, label, ChangeStatus::Stale, rec.clone());
                        }
                        Some(SheetMerge::TakeFile) => {
                            return change(rec, label, ChangeStatus::Changed, rec.clone());
                        }
                        Some(SheetMerge::Merged(m)) => {
                            notes.push(sheet_merged_note(&label, &sender));
                            return Change {
                                file_version: Some(rec.clone()),
                                ..change(rec, label, ChangeStatus::Changed, *m)
                            };
                        }
                        Some(SheetMerge::Choose { here, file }) => {
                            notes.push(sheet_conflict_note(&label));
                            return Change {
                                kept: Some(*here),
                                file_version: Some(rec.clone()),
                                ..change(rec, label, ChangeStatus::Conflict, *file)
                            };
                        }
                        None => {}
                    }
                }
            }
            if from_older_task {
                from_older.insert(rec.key());
            }
            if from_older_task && status == ChangeStatus::Changed {
                status = ChangeStatus::Conflict;
            }
            // Both sides changed it since it was sent, in different fields (the
            // committee its own, the unit its own) or each adding to a list: both kept.
            // A file made from an older task file is judged against what that file sent
            // (a clerk's review: the committee's new 结对目标 and the unit's activity
            // were a conflict whose either side lost one of them).
            let key = rec.key();
            let sent = ledger.and_then(|l| match (from_older_task, parts.claimed_base.get(&key)) {
                (false, _) => l.records.get(&key),
                (true, Some(&was)) => l.sent_at(&key, was),
                (true, None) => None,
            });
            if let (ChangeStatus::Conflict, Some(merged)) = (
                status,
                existing
                    .as_ref()
                    .zip(sent)
                    .and_then(|(h, s)| merged_parts(h, rec, s, seen_before)),
            ) {
                if existing.as_ref().is_some_and(|h| h.same_content(&merged)) {
                    // Nothing of the file's is new here: no change to count or say.
                    return change(rec, label, ChangeStatus::Unchanged, merged);
                }
                // Said only when this side changed something of its own since it sent
                // the record (its fields, or its list's items); if only the revision
                // moved (an earlier file from the sender was taken in), it is a plain
                // change.
                let ours_changed = existing
                    .as_ref()
                    .zip(sent)
                    .is_some_and(|(h, s)| committee_digest(h) != s.committee);
                if ours_changed || !merged.same_content(rec) {
                    notes.push(parts_merged_note(&label));
                }
                return change(rec, label, ChangeStatus::Changed, merged);
            }
            // Both sides added progress to one rectification item: both are kept.
            if let (ChangeStatus::Conflict, Some(merged)) = (
                status,
                existing.as_ref().and_then(|h| h.merged_with(rec, false)),
            ) {
                if existing.as_ref().is_some_and(|h| h.same_content(&merged)) {
                    // The file only lacks what was added here (a 延期 it has not seen).
                    return change(rec, label, ChangeStatus::Unchanged, merged);
                }
                if let Some(h) = &existing {
                    notes.push(merged_note(&label, h, rec));
                }
                return change(rec, label, ChangeStatus::Changed, merged);
            }
            // The same field changed on both sides: the person chooses for those fields
            // alone; a field only one side changed keeps that side's value either way.
            if let (ChangeStatus::Conflict, Some((here, file))) = (
                status,
                existing
                    .as_ref()
                    .zip(sent)
                    .and_then(|(h, s)| conflict_choices(h, rec, s, seen_before)),
            ) {
                notes.push(parts_conflict_note(&label));
                return Change {
                    kept: Some(here),
                    ..change(rec, label, status, file)
                };
            }
            // Not mergeable item by item: taking the file's version removes what only
            // this side holds. Said before the choice (a clerk's review: 采用文件 removed
            // an activity the committee had just logged, unannounced).
            if status == ChangeStatus::Conflict {
                let only_here = existing
                    .as_ref()
                    .map_or(0, |h| super::super::ownership::held_only_items(h, rec));
                if only_here > 0 {
                    notes.push(format!(
                        "{label}：两边的改动不能逐项合并。选“采用文件”，本机有、文件中没有的 {only_here} 条记录（见下方所列）将被删去；要保留它们，请选“保留本机”，再在本机补上文件中的改动"
                    ));
                }
            }
            change(rec, label, status, rec.clone())
        })
        .collect();
    for c in changes.iter_mut() {
        if c.record_type == RecordType::Sheet
            && c.file_version.is_none()
            && !from_older.contains(&c.key)
        {
            c.file_version = recs.iter().find(|r| r.key() == c.key).cloned();
        }
    }
    // 7. Validate the state as it would be with every incoming record taken.
    checked_tentative(state, &changes)?;
    // What the sender leaves incomplete as the import goes by default (a sheet newer
    // here, or a conflict left to this side, is not taken): an older file picked again
    // does not make the complete sheets held here look incomplete.
    let mut by_default = state.clone();
    for c in &changes {
        if matches!(c.status, ChangeStatus::Added | ChangeStatus::Changed) {
            c.incoming.clone().upsert(&mut by_default);
        }
    }
    let missing = crate::domain::exchange::receipts::incomplete_units(
        &by_default,
        parts.round_id,
        &parts.party,
    );
    notes.extend(crate::domain::exchange::receipts::incomplete_note(
        &sender, &missing,
    ));
    let mut warnings = return_warnings(state, pkg, &signature, round, &changes);
    warnings.extend(reported);
    // Made "later than today": the sender's clock is ahead, and its files would be
    // taken as newer than they are.
    let made_on = pkg.envelope.made_at.get(..10).unwrap_or_default();
    if let Some(t) = opts
        .today
        .filter(|t| crate::domain::dates::parse_date(made_on).is_some_and(|d| d > *t))
    {
        warnings.push(format!(
            "文件所写的导出日期 {made_on} 晚于今天（{}）：对方电脑的日期可能不对，请提醒对方改正",
            crate::domain::dates::format_date(t)
        ));
    }
    Ok(Preview {
        files: vec![FileInfo {
            sender: sender.clone(),
            // The round as this copy names it, as the sender is (the envelope's name
            // is the file's claim).
            round: Some(RoundRef {
                id: round.id.clone(),
                name: round.name.clone(),
            }),
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
        task_update: None,
        fingerprint: fingerprint(state),
    })
}

/// A party's code as a file writes it (shown only where two parties share a name).
fn party_code(p: &Party) -> &str {
    match p {
        Party::Unit(id) | Party::Assessor(id) => id,
        Party::Committee => "committee",
        Party::Public => "public",
    }
}

/// The round the return is for, once the envelope's sender and round agree with the
/// content and this copy knows the sender in that round.
fn sender_round<'s>(
    state: &'s AppState,
    pkg: &Package,
    parts: &ReturnParts<'_>,
) -> Result<&'s Round, ExchangeError> {
    if parts.party != pkg.envelope.made_by {
        // Each side by the name this copy has for it (the envelope's own name may have
        // been left as it was when its code was changed).
        let name = |party: &Party| match party {
            Party::Unit(u) => state.unit(u).map(|x| x.name.clone()),
            Party::Assessor(a) => state
                .round(parts.round_id)
                .and_then(|r| r.assessors.iter().find(|x| &x.id == a))
                .map(|x| x.name.clone()),
            _ => None,
        };
        let made_by = &pkg.envelope.made_by;
        let mut envelope =
            made_by.describe(&name(made_by).unwrap_or_else(|| pkg.envelope.made_by_name.clone()));
        let mut content = parts
            .party
            .describe(&name(&parts.party).unwrap_or_default());
        if envelope == content {
            // One name for two codes: the codes are what differ.
            envelope = format!("{envelope}（编号「{}」）", party_code(made_by));
            content = format!("{content}（编号「{}」）", party_code(&parts.party));
        }
        return Err(ExchangeError::SenderMismatch { envelope, content });
    }
    if let Some(r) = &pkg.envelope.round {
        if r.id != parts.round_id {
            // The round by its name where this copy has it, not by its code; where the
            // two names are the same, the codes are what differ; a round this copy does
            // not have is said to be one (a clerk's review: 内容却是考评轮次「r1」).
            let (envelope, content) = match state.round(parts.round_id) {
                None => (
                    format!("考评轮次「{}」", r.name),
                    format!("本机没有的考评轮次（编号「{}」）", parts.round_id),
                ),
                Some(here) if r.name == here.name => (
                    format!("考评轮次编号「{}」", r.id),
                    format!("考评轮次编号「{}」", parts.round_id),
                ),
                Some(here) => (
                    format!("考评轮次「{}」", r.name),
                    format!("考评轮次「{}」", here.name),
                ),
            };
            return Err(ExchangeError::SenderMismatch { envelope, content });
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
            sender: pkg.sender(),
            round: round.name.clone(),
        });
    }
    Ok(round)
}

/// The file was made against the scheme version the round uses.
fn check_scheme_version(
    state: &AppState,
    pkg: &Package,
    round: &Round,
) -> Result<(), ExchangeError> {
    if let Some(s) = &pkg.envelope.scheme {
        if s.id != round.scheme_id {
            let ours = state
                .scheme(&round.scheme_id)
                .map(Scheme::version_label)
                .unwrap_or_else(|| round.scheme_id.clone());
            return Err(ExchangeError::SchemeMismatch {
                file_scheme: s.version_label(),
                round: round.name.clone(),
                our_scheme: ours,
            });
        }
    }
    Ok(())
}

/// No record appears twice in the file.
fn no_duplicates(recs: &[Rec]) -> Result<(), ExchangeError> {
    let mut seen = BTreeSet::new();
    let mut dups = Vec::new();
    for r in recs {
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
    if dups.is_empty() {
        Ok(())
    } else {
        Err(ExchangeError::invalid(dups))
    }
}

/// The state as it would be with every changed record taken, if it has no new errors.
fn checked_tentative(state: &AppState, changes: &[Change]) -> Result<AppState, ExchangeError> {
    let mut tentative = state.clone();
    for c in changes {
        if c.status != ChangeStatus::Unchanged {
            c.incoming.clone().upsert(&mut tentative);
        }
    }
    let errs = new_errors(state, &tentative);
    if errs.is_empty() {
        Ok(tentative)
    } else {
        Err(ExchangeError::invalid(errs))
    }
}

/// A return's record in the preview (every return is one file), taking `incoming`.
fn change(rec: &Rec, label: String, status: ChangeStatus, incoming: Rec) -> Change {
    Change {
        key: rec.key(),
        record_type: rec.record_type(),
        label,
        status,
        file: 0,
        incoming,
        kept: None,
        file_version: None,
        altered: false,
    }
}

/// The preview's warnings: an overridden signature first, the file's markup, outcomes
/// under a name the unit has, scores the file blanks, a round other than the latest,
/// and a return arriving after the round's results were published.
fn return_warnings(
    state: &AppState,
    pkg: &Package,
    signature: &SignatureCheck,
    round: &Round,
    changes: &[Change],
) -> Vec<String> {
    let mut warnings = file_warnings(pkg);
    if let SignatureCheck::Overridden(why) = signature {
        warnings.insert(0, why.clone());
    }
    // An outcome the sender adds under a name the unit already has here: one outcome
    // registered twice (in the copy and here, or twice in the copy) is likely.
    for c in changes.iter().filter(|c| c.status == ChangeStatus::Added) {
        if let Rec::Outcome(o) = &c.incoming {
            let unit = crate::domain::between_rounds::unit_name(state, &o.unit_id);
            let others = crate::domain::outcomes::namesakes(state, o);
            if let Some(note) = crate::domain::outcomes::namesake_note(&unit, &others) {
                warnings.push(format!(
                    "交回的成果{}（成果日期 {}）：{note}",
                    crate::domain::outcomes::corner_quoted(o.title.trim()),
                    o.date,
                ));
            }
        }
    }
    // Scores held here that the file leaves blank: taken, the unit's sheet is no longer
    // complete (an assessor-flow review: an earlier round's return blanked a scored cell
    // with nothing said beyond the change list).
    let mut blanked = 0;
    let mut blanked_units: Vec<String> = Vec::new();
    // Changes taken by default only: a 冲突 keeps what is here unless chosen, and its
    // lines say both sides.
    for c in changes.iter().filter(|c| c.status == ChangeStatus::Changed) {
        let (Rec::Sheet { sheet: file, .. }, Some(Rec::Sheet { sheet: held, .. })) =
            (&c.incoming, super::super::records::find(state, &c.incoming))
        else {
            continue;
        };
        let n = held
            .points
            .iter()
            .zip(&file.points)
            .filter(|(h, f)| h.is_some() && f.is_none())
            .count();
        if n > 0 {
            blanked += n;
            let unit = crate::domain::between_rounds::unit_name(state, &file.unit_id);
            if !blanked_units.contains(&unit) {
                blanked_units.push(unit);
            }
        }
    }
    if blanked > 0 {
        let more = if blanked_units.len() > 3 { "等" } else { "" };
        blanked_units.truncate(3);
        warnings.push(format!(
            "文件把本机已有分数的 {blanked} 个评分格改为空（{}{more}）：导入后这些评分不全。请核对对方是否有意清空。",
            blanked_units.join("、")
        ));
    }
    // A return for a round other than the latest that changes its scores: most likely
    // a file of last year's picked by mistake (said, not refused: a late return is still
    // that round's). A unit's outcomes and progress travel under the round of its task
    // file whatever the year, and are not warned of (a review).
    let changes_scores = changes.iter().any(|c| {
        c.record_type == RecordType::Sheet
            && matches!(
                c.status,
                ChangeStatus::Changed | ChangeStatus::Conflict | ChangeStatus::Added
            )
    });
    if let Some(newer) = state
        .rounds
        .iter()
        .filter(|r| changes_scores && r.year > round.year)
        .max_by_key(|r| r.year)
    {
        warnings.push(format!(
            "这份文件属于「{}」，本机另有更新的「{}」。请核对对方交回的是否就是这一轮的评分。",
            round.name, newer.name
        ));
    }
    // A return that arrives after publication: the published files do not follow it.
    if round.published && changes.iter().any(|c| c.status != ChangeStatus::Unchanged) {
        warnings.push(format!(
            "考评轮次「{}」的结果已经发布。导入后如果结果有变化，“结果”页会提示重新发布；已经发出的结果文件不会随之改变。",
            round.name
        ));
    }
    warnings
}

pub(super) fn check_signature(
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
            Some(sig) if verify(&code.code, &signed_message(&pkg.envelope), sig) => Ok(()),
            Some(_) => Err(ExchangeError::BadSignature { sender }),
        },
    };
    match result {
        Ok(()) => Ok(SignatureCheck::Verified),
        Err(e) if opts.accept_unverified => Ok(SignatureCheck::Overridden(e.imported_anyway())),
        Err(e) => Err(e),
    }
}

pub(super) fn check_scope(
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

/// What a preview says of a record merged from both sides ([`Rec::merged_with`]):
/// `held` here, `incoming` the file's. Both adding 进展 is said so; otherwise what is
/// kept of each (a clerk's review: a task file that changed only the 责任人 was said to
/// bring new 进展).
pub(super) fn merged_note(label: &str, held: &Rec, incoming: &Rec) -> String {
    let notes = |r: &Rec| match r {
        Rec::Rectification(x) => x.progress.clone(),
        _ => Vec::new(),
    };
    let (ours, theirs) = (notes(held), notes(incoming));
    let ours_only = ours.iter().any(|n| !theirs.contains(n));
    let theirs_only = theirs.iter().any(|n| !ours.contains(n));
    match (ours_only, theirs_only) {
        (true, true) => {
            format!("{label}：两边都有新的整改进展，导入时合并（双方填写的进展都保留）")
        }
        (true, false) => {
            format!("{label}：本机新填写的整改进展保留，文件中的其他修改（如责任人、期限）一并导入")
        }
        _ => format!("{label}：文件中的修改导入，本机已填写的内容保留"),
    }
}

/// What a preview says of a record whose two sides' changes were merged
/// ([`merged_parts`]).
pub(super) fn parts_merged_note(label: &str) -> String {
    format!("{label}：工委和单位各自改动的内容互不冲突，导入时合并（双方的改动都保留）")
}

/// What a preview says of a score sheet merged score by score (`ownership::merge_sheet`).
pub(super) fn sheet_merged_note(label: &str, sender: &str) -> String {
    format!("{label}：本机和{sender}改的是不同的分数，导入时合并（双方改的分数都保留）")
}

/// What a preview says of a score sheet whose two sides changed the same scores.
pub(super) fn sheet_conflict_note(label: &str) -> String {
    format!("{label}：两边改了同一项分数，请在冲突中选择；只有一方改过的分数，无论选哪边都按改过的一方保留")
}

/// [`sheet_conflict_note`] or [`parts_conflict_note`] in a copy where what is to choose
/// may be the committee's change alone ([`returned_note`] says why): not said as changed
/// on both sides (a clerk's re-test: "两边改了" beside "本副本报送后没有再改").
pub(super) fn hinted_conflict_note(label: &str, what: &str) -> String {
    format!("{label}：有{what}需要在冲突中选择（原因见下一条）；只有一方改过的{what}，无论选哪边都按改过的一方保留")
}

/// Said beside a conflict's note in a copy, of a score (or field, `what`) this copy
/// returned changed that the file holds otherwise ([`ReturnedHint`]).
///
/// [`ReturnedHint`]: super::super::ownership::ReturnedHint
pub(super) fn returned_note(
    label: &str,
    what: &str,
    hint: super::super::ownership::ReturnedHint,
) -> Option<String> {
    use super::super::ownership::ReturnedHint as H;
    match hint {
        H::None => None,
        H::SetBack => Some(format!("{label}：文件中有{what}与工委原先下发的相同、与本副本报送的不同：工委可能把它改了回去，也可能还没有导入本副本的报送文件，请与工委核对后选择")),
        H::Corrected => Some(format!("{label}：文件中有{what}与本副本报送的不同，而本副本报送后没有再改：多半是工委作了更正；如无异议，请选“采用文件”，否则下次报送会把工委的更正改回去")),
    }
}

/// What a preview says of a 冲突 chosen field by field ([`conflict_choices`]).
pub(super) fn parts_conflict_note(label: &str) -> String {
    format!("{label}：两边改了同一项目，请在冲突中选择；只有一方改过的项目，无论选哪边都按改过的一方保留")
}

/// The conflict rule (see `docs/exchange-format.md`, "Conflicts").
pub(super) fn classify(
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
