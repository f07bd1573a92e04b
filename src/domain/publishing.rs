//! Publishing a round's results (发布结果): the step after which the committee can
//! export the results file (工委 → 所有人) from 数据交换.
//!
//! A round can be published once at least one unit in it is graded; units whose
//! scoring is incomplete then appear as 未评定 in the published results, and the
//! confirmation says how many. Publishing can be withdrawn (撤销发布): files already
//! sent out are not recalled, and the confirmation says so.

use thiserror::Error;

use super::exchange::{result_rows, results_digest, rows_of};
use super::lifecycle::propose_changes;
use super::model::{AppState, Round, SheetSource};
use super::scoring::{compute_round, RoundResults, ScoringError};

/// Why a round's results cannot be published.
#[derive(Debug, Error, PartialEq)]
pub enum PublishError {
    /// No such round.
    #[error("找不到这个考评轮次（可能已被删除），请刷新页面")]
    RoundNotFound,
    /// Nothing to publish yet.
    #[error("「{0}」还没有评定任何单位，没有可发布的结果。请先完成评分。")]
    NothingGraded(String),
    /// The round cannot be scored (its scheme is missing or its data is invalid).
    #[error("无法计算本轮结果，不能发布：{0}")]
    Scoring(String),
}

/// What publishing a round would publish, for the confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishPreview {
    /// The round's name.
    pub round_name: String,
    /// Units in the round.
    pub units: usize,
    /// Units with a grade.
    pub graded: usize,
    /// Graded units whose scoring is incomplete (graded from what was received).
    pub graded_incomplete: usize,
    /// 动态管理建议 of this round not yet confirmed or dismissed.
    pub pending_proposals: usize,
    /// What the scoring still lacks, in words (empty when every sheet is in and full):
    /// published results are computed from what was received.
    pub incomplete: Vec<String>,
    /// Units scored by fewer assessors than the scheme asks (评委不足), and that
    /// minimum.
    pub short_of_assessors: usize,
    pub min_assessors: u8,
}

impl PublishPreview {
    /// The confirmation text, in plain words.
    pub fn message(&self) -> String {
        let mut text = format!(
            "将发布「{}」的结果：{} 个单位的排名、得分和等次。",
            self.round_name, self.units
        );
        let ungraded = self.units - self.graded;
        if ungraded > 0 {
            text.push_str(&format!(
                "其中 {ungraded} 个单位评分尚未完成，发布后显示为“未评定”。"
            ));
        }
        if self.graded_incomplete > 0 {
            text.push_str(&format!(
                "有 {} 个单位评分不全，但已有评委评分：按已收到的评分评定等次、参加排名，导出的排名表和考评报告中注明“评分不全”。",
                self.graded_incomplete
            ));
        }
        if self.short_of_assessors > 0 {
            text.push_str(&format!(
                "有 {} 个单位的评委少于考评方案要求的 {} 位（评委不足），其结果按实际评委的评分计算。",
                self.short_of_assessors, self.min_assessors
            ));
        }
        if !self.incomplete.is_empty() {
            text.push_str(&format!(
                "注意：本轮评分尚不完整——{}。结果按已收到的评分计算；补齐后结果可能变化，需要重新发布。",
                self.incomplete.join("；")
            ));
        }
        if self.pending_proposals > 0 {
            text.push_str(&format!(
                "另有 {} 条“动态管理建议”尚未确认或不采纳（在本页下方），发布不影响它们，可以先处理再发布。",
                self.pending_proposals
            ));
        }
        text.push_str("发布后可在“数据交换”中导出结果文件，发给各单位和评委。");
        text
    }
}

/// Checks that a round can be published and says what would be published, with the
/// lifecycle proposals still open on `today` (`YYYY-MM-DD`).
pub fn preview(
    state: &AppState,
    round_id: &str,
    today: &str,
) -> Result<PublishPreview, PublishError> {
    let round = state.round(round_id).ok_or(PublishError::RoundNotFound)?;
    let results = compute_round(state, round_id).map_err(|e| match e {
        ScoringError::RoundNotFound(_) => PublishError::RoundNotFound,
        other => PublishError::Scoring(other.to_string()),
    })?;
    let graded = results.units.iter().filter(|u| u.graded).count();
    if graded == 0 {
        return Err(PublishError::NothingGraded(round.name.clone()));
    }
    let pending_proposals = propose_changes(state, round_id, today).map_or(0, |p| p.len());
    let min_assessors = state
        .scheme(&round.scheme_id)
        .map_or(0, |s| s.aggregation.min_assessors);
    Ok(PublishPreview {
        round_name: round.name.clone(),
        units: results.units.len(),
        graded,
        graded_incomplete: results
            .units
            .iter()
            .filter(|u| u.graded && !u.completeness.is_complete())
            .count(),
        pending_proposals,
        short_of_assessors: results
            .units
            .iter()
            .filter(|u| crate::domain::report::short_of(&u.completeness, min_assessors))
            .count(),
        min_assessors,
        incomplete: incomplete_parts(
            state,
            &results,
            state
                .scheme(&round.scheme_id)
                .is_some_and(|s| s.aggregation.self_weight_pct > 0),
        ),
    })
}

/// The most sheets with blanks named one by one; the rest are counted.
const NAMED_SHEETS: usize = 5;

/// What a round's scoring lacks: missing sheets counted, sheets with blanks named
/// (whose sheet, for which unit, how many blanks).
fn incomplete_parts(state: &AppState, results: &RoundResults, self_counts: bool) -> Vec<String> {
    let c = &results.completeness;
    let mut parts = super::report::missing_sheets(c, self_counts);
    let blanks = super::report::sheets_with_blanks(c, self_counts);
    if !blanks.is_empty() {
        let unit_name = |id: &str| state.unit(id).map_or(id.to_string(), |u| u.name.clone());
        let mut named: Vec<String> = blanks
            .iter()
            .take(NAMED_SHEETS)
            .map(|b| {
                let whose = match &b.source {
                    SheetSource::SelfAssessment => "自评".to_string(),
                    source => c
                        .by_source
                        .iter()
                        .find(|s| &s.source == source)
                        .map_or("评委".to_string(), |s| s.name.clone()),
                };
                format!("{whose}评「{}」{}项空", unit_name(&b.unit_id), b.blanks)
            })
            .collect();
        let more = blanks.len().saturating_sub(NAMED_SHEETS);
        if more > 0 {
            named.push(format!("另有{more}份"));
        }
        parts.push(format!(
            "{}份评分表有空项（{}）",
            blanks.len(),
            named.join("、")
        ));
    }
    parts
}

/// Publishes a round's results (`true`) or withdraws publication (`false`), and
/// records who changed the round and when. Publishing is checked as in [`preview`];
/// withdrawing is always allowed.
pub fn set_published(
    state: &mut AppState,
    round_id: &str,
    published: bool,
    now: &str,
) -> Result<(), PublishError> {
    if published {
        preview(state, round_id, now.get(..10).unwrap_or(now))?;
    }
    let publication = if published {
        let rows =
            result_rows(state, round_id).map_err(|e| PublishError::Scoring(e.to_string()))?;
        Some(crate::domain::exchange::publication_of(&rows, now))
    } else {
        None
    };
    let by = state.settings.origin.clone();
    let round = state
        .rounds
        .iter_mut()
        .find(|r| r.id == round_id)
        .ok_or(PublishError::RoundNotFound)?;
    round.published = published;
    round.publication = publication;
    round.meta.touch(now, &by);
    Ok(())
}

/// Whether a published round's results are no longer what was published (scores,
/// adjustments or the scheme changed since). `false` for a round that is not
/// published, or was published before the record was kept.
pub fn changed_since_publication(state: &AppState, round_id: &str) -> bool {
    state.round(round_id).is_some_and(|round| {
        changed_since_publication_of(round, compute_round(state, round_id).as_ref().ok())
    })
}

/// [`changed_since_publication`] from the round's already computed results (`None`:
/// it cannot be scored now, which counts as changed).
pub fn changed_since_publication_of(round: &Round, results: Option<&RoundResults>) -> bool {
    match (&round.publication, round.published) {
        (Some(p), true) => results.is_none_or(|r| results_digest(&rows_of(r)) != p.digest),
        _ => false,
    }
}

/// What a page showing a round's grades and ranks outside 结果 (报表, the 通报, prints,
/// a report card) says about publication, given the round's results as computed
/// now: not yet published (they may still change); published, but changed since
/// (not what the units were given); `None` when published as shown.
pub fn publication_note(round: &Round, results: Option<&RoundResults>) -> Option<String> {
    if !round.published {
        return Some(format!(
            "{}的结果尚未发布：其中的等次和排名还可能变动。正式印发或发给各单位之前，请先在“结果”页发布结果。",
            round.name
        ));
    }
    changed_since_publication_of(round, results).then(|| {
        format!(
            "{}的结果发布后又有改动：这里的分数、等次和排名按现在的数据计算，与已发布、已发给各单位的不同。正式印发之前，请先在“结果”页重新发布。",
            round.name
        )
    })
}

/// [`publication_note`] for a round's own pages (its breakdown, the round page), which
/// say only a change since publishing: the unit was given other figures. `None` when
/// not published (结果 says that) or published as shown.
pub fn changed_note(round: &Round, results: Option<&RoundResults>) -> Option<String> {
    changed_since_publication_of(round, results)
        .then(|| publication_note(round, results))
        .flatten()
}

/// [`draft_mark`] of a round not published.
pub const NOT_PUBLISHED_MARK: &str = "草稿：结果尚未发布";
/// [`draft_mark`] of a round changed since it was published.
pub const CHANGED_MARK: &str = "草稿：与已发布的结果不同";

/// Whether unit `unit_id`'s own figures (total, grade, rank) in a published round are no
/// longer what was published: [`changed_since_publication_of`] for that unit alone. A
/// publication recorded before units were kept one by one counts any change.
pub fn unit_changed_since_publication_of(
    round: &Round,
    results: Option<&RoundResults>,
    unit_id: &str,
) -> bool {
    if !changed_since_publication_of(round, results) {
        return false;
    }
    let (Some(p), Some(results)) = (&round.publication, results) else {
        return true;
    };
    if p.units.is_empty() {
        return true;
    }
    let now = rows_of(results)
        .into_iter()
        .find(|r| r.unit_id == unit_id)
        .map(|r| crate::domain::exchange::unit_figures_digest(&r));
    now.as_ref() != p.units.get(unit_id)
}

/// [`draft_mark`] on a page of one unit's figures (its breakdown, report card, the trend
/// on its page): not published, or its own figures changed since.
pub fn unit_draft_mark(
    round: &Round,
    results: Option<&RoundResults>,
    unit_id: &str,
) -> Option<&'static str> {
    if !round.published {
        return Some(NOT_PUBLISHED_MARK);
    }
    unit_changed_since_publication_of(round, results, unit_id).then_some(CHANGED_MARK)
}

/// [`changed_note`] on a page of one unit's figures: only when its own changed.
pub fn unit_changed_note(
    round: &Round,
    results: Option<&RoundResults>,
    unit_id: &str,
) -> Option<String> {
    unit_changed_since_publication_of(round, results, unit_id)
        .then(|| publication_note(round, results))
        .flatten()
}

/// The mark printed on each page showing a round's grades and ranks while they are not
/// the ones published (the screen's note is not printed): `None` when they are.
pub fn draft_mark(round: &Round, results: Option<&RoundResults>) -> Option<&'static str> {
    if !round.published {
        return Some(NOT_PUBLISHED_MARK);
    }
    changed_since_publication_of(round, results).then_some(CHANGED_MARK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample;

    fn city() -> AppState {
        sample::sample_city(2026)
    }

    fn unpublished(state: &AppState) -> String {
        state
            .rounds
            .iter()
            .find(|r| !r.published)
            .map(|r| r.id.clone())
            .expect("the sample has an unpublished round")
    }

    #[test]
    fn publishes_and_withdraws() {
        let mut s = city();
        let rid = unpublished(&s);
        set_published(&mut s, &rid, true, "2026-12-01T09:00:00Z").unwrap();
        let r = s.round(&rid).unwrap();
        assert!(r.published);
        assert_eq!(r.meta.updated, "2026-12-01T09:00:00Z");
        set_published(&mut s, &rid, false, "2026-12-02T09:00:00Z").unwrap();
        assert!(!s.round(&rid).unwrap().published);
    }

    #[test]
    fn a_change_after_publishing_is_noticed_and_blocks_the_results_file() {
        use crate::domain::exchange::export_results;
        let mut s = city();
        let rid = unpublished(&s);
        let note = |s: &AppState| {
            let results = compute_round(s, &rid).ok();
            publication_note(s.round(&rid).unwrap(), results.as_ref())
        };
        // The printed mark says the same on paper.
        let mark = |s: &AppState| {
            let results = compute_round(s, &rid).ok();
            draft_mark(s.round(&rid).unwrap(), results.as_ref())
        };
        assert!(note(&s).unwrap().contains("的结果尚未发布"));
        assert_eq!(mark(&s), Some("草稿：结果尚未发布"));
        set_published(&mut s, &rid, true, "2026-12-01T09:00:00Z").unwrap();
        assert!(!changed_since_publication(&s, &rid));
        assert_eq!(note(&s), None, "published as shown");
        assert_eq!(mark(&s), None);
        let file = export_results(&s, &rid, "2026-12-05T10:00:00Z").unwrap();
        assert!(
            file.contains("2026-12-01T09:00:00Z"),
            "the file carries the publication time, not the export time"
        );
        // Scores change after publication: every cell of the first unit becomes 0.
        zero_first_unit(&mut s, &rid);
        assert!(changed_since_publication(&s, &rid));
        assert!(note(&s).unwrap().contains("的结果发布后又有改动"));
        assert_eq!(mark(&s), Some("草稿：与已发布的结果不同"));
        let err = export_results(&s, &rid, "2026-12-06T10:00:00Z").unwrap_err();
        assert!(err.to_string().contains("请先在“结果”页重新发布"), "{err}");
        // Publishing again records the new results.
        set_published(&mut s, &rid, true, "2026-12-07T09:00:00Z").unwrap();
        assert!(!changed_since_publication(&s, &rid));
        assert!(export_results(&s, &rid, "2026-12-08T10:00:00Z")
            .unwrap()
            .contains("2026-12-07T09:00:00Z"));
    }

    /// A clerk's review: in the sample's published 2025 round a 加减分 changed a total,
    /// and 结果 still said 本轮结果已发布 with no 草稿 on the exports: the sample's
    /// publication had no record of what was published.
    #[test]
    fn the_samples_published_round_shows_a_change_made_since() {
        let mut s = city();
        let round = s.rounds.iter().find(|r| r.published).expect("published");
        let rid = round.id.clone();
        assert!(round.publication.is_some());
        assert!(!changed_since_publication(&s, &rid), "as published");
        zero_first_unit(&mut s, &rid);
        assert!(changed_since_publication(&s, &rid));
    }

    /// Every cell of round `rid`'s first unit becomes 0 (a change after publication).
    /// A clerk's review: after one unit's grade moved, every unit's page marked its
    /// result 与已发布的结果不同, those whose figures were as published too.
    #[test]
    fn a_units_own_page_says_changed_only_when_its_figures_changed() {
        let mut s = city();
        let round = s.rounds.iter().find(|r| r.published).expect("published");
        let rid = round.id.clone();
        let units = round.unit_ids.clone();
        assert_eq!(
            round.publication.as_ref().map(|p| p.units.len()),
            Some(units.len()),
            "each unit's figures recorded"
        );
        let was = compute_round(&s, &rid).unwrap();
        zero_first_unit(&mut s, &rid);
        let now = compute_round(&s, &rid).unwrap();
        let round = s.round(&rid).unwrap();
        let figures = |r: &RoundResults, u: &str| r.unit(u).map(|x| (x.total, x.grade, x.rank));
        let (mut same, mut moved) = (0, 0);
        for u in &units {
            let changed = unit_changed_since_publication_of(round, Some(&now), u);
            assert_eq!(changed, figures(&was, u) != figures(&now, u), "{u}");
            let mark = unit_draft_mark(round, Some(&now), u);
            if changed {
                moved += 1;
                assert_eq!(mark, Some("草稿：与已发布的结果不同"));
                assert!(unit_changed_note(round, Some(&now), u).is_some());
            } else {
                same += 1;
                assert_eq!(mark, None, "{u} is as published");
                assert_eq!(unit_changed_note(round, Some(&now), u), None);
            }
        }
        assert!(
            moved >= 1 && same >= 1,
            "{moved} moved, {same} as published"
        );
        assert!(unit_changed_since_publication_of(
            round,
            Some(&now),
            &units[0]
        ));
        // A publication recorded before units were kept: any change counts for all.
        let mut older = round.clone();
        if let Some(p) = older.publication.as_mut() {
            p.units.clear();
        }
        assert!(units
            .iter()
            .all(|u| unit_changed_since_publication_of(&older, Some(&now), u)));
        // Not published: the unit's pages say so.
        older.published = false;
        assert_eq!(
            unit_draft_mark(&older, Some(&now), &units[1]),
            Some("草稿：结果尚未发布")
        );
    }

    fn zero_first_unit(s: &mut AppState, rid: &str) {
        let round = s.rounds.iter_mut().find(|r| r.id == rid).unwrap();
        let first_unit = round.unit_ids[0].clone();
        for sheet in round
            .sheets
            .iter_mut()
            .filter(|sh| sh.unit_id == first_unit)
        {
            sheet
                .points
                .iter_mut()
                .for_each(|p| *p = Some(crate::domain::Points(0)));
        }
    }

    #[test]
    fn refuses_a_round_with_nothing_graded() {
        let mut s = city();
        let rid = unpublished(&s);
        let round = s.rounds.iter_mut().find(|r| r.id == rid).unwrap();
        // Every cell blank and no 一票否决 (a veto grades a unit 不合格 without scores).
        round
            .sheets
            .iter_mut()
            .for_each(|sh| sh.points.iter_mut().for_each(|p| *p = None));
        round.adjustments.clear();
        let before = s.clone();
        let err = set_published(&mut s, &rid, true, "2026-12-01T09:00:00Z").unwrap_err();
        assert!(matches!(err, PublishError::NothingGraded(_)), "{err}");
        assert!(err.to_string().contains("没有可发布的结果"));
        assert_eq!(s, before, "a refused publication changes nothing");
    }

    #[test]
    fn unknown_round() {
        let mut s = city();
        assert_eq!(
            set_published(&mut s, "nope", true, "2026-12-01T09:00:00Z"),
            Err(PublishError::RoundNotFound)
        );
        assert_eq!(
            set_published(&mut s, "nope", false, "2026-12-01T09:00:00Z"),
            Err(PublishError::RoundNotFound)
        );
    }

    #[test]
    fn the_message_counts_ungraded_units() {
        let p = PublishPreview {
            round_name: "2026年度考评".into(),
            units: 12,
            graded: 10,
            graded_incomplete: 1,
            pending_proposals: 3,
            incomplete: Vec::new(),
            short_of_assessors: 0,
            min_assessors: 3,
        };
        let m = p.message();
        assert!(m.contains("12 个单位"), "{m}");
        assert!(m.contains("2 个单位评分尚未完成"), "{m}");
        assert!(m.contains("另有 3 条“动态管理建议”尚未确认或不采纳"), "{m}");
        assert!(m.contains("有 1 个单位评分不全，但已有评委评分"), "{m}");
        let all = PublishPreview {
            graded: 12,
            graded_incomplete: 0,
            pending_proposals: 0,
            ..p
        };
        assert!(!all.message().contains("尚未完成"));
        assert!(!all.message().contains("动态管理建议"));
        assert!(!all.message().contains("尚不完整"));
        assert!(!all.message().contains("评分不全"));
    }

    #[test]
    fn the_confirmation_names_the_sheets_with_blanks() {
        let mut s = city();
        let rid = unpublished(&s);
        assert!(
            preview(&s, &rid, "2026-12-01")
                .unwrap()
                .incomplete
                .is_empty(),
            "the sample's sheets are full"
        );
        let round = s.rounds.iter_mut().find(|r| r.id == rid).unwrap();
        let sheet = round
            .sheets
            .iter_mut()
            .find(|sh| matches!(sh.source, SheetSource::Assessor(_)))
            .unwrap();
        sheet.points[0] = None;
        sheet.points[1] = None;
        let (unit_id, source) = (sheet.unit_id.clone(), sheet.source.clone());
        let SheetSource::Assessor(aid) = source else {
            unreachable!()
        };
        let unit = s.unit(&unit_id).unwrap().name.clone();
        let assessor = s
            .round(&rid)
            .unwrap()
            .assessors
            .iter()
            .find(|a| a.id == aid)
            .unwrap()
            .name
            .clone();
        let p = preview(&s, &rid, "2026-12-01").unwrap();
        let m = p.message();
        assert!(m.contains("本轮评分尚不完整"), "{m}");
        assert!(
            m.contains(&format!("1份评分表有空项（{assessor}评「{unit}」2项空）")),
            "{m}"
        );
        assert!(m.contains("需要重新发布"), "{m}");
        assert_eq!(
            p.graded_incomplete, 1,
            "the unit is graded from what came in"
        );
        assert!(m.contains("有 1 个单位评分不全"), "{m}");
    }

    /// A clerk's review: a round whose units each had one assessor (the scheme asks for
    /// 3) was published with no word of it; only the round page said 评委不足.
    #[test]
    fn the_confirmation_and_the_report_say_which_units_had_too_few_assessors() {
        let mut s = city();
        let rid = unpublished(&s);
        assert_eq!(
            preview(&s, &rid, "2026-12-01").unwrap().short_of_assessors,
            0
        );
        let round = s.rounds.iter_mut().find(|r| r.id == rid).unwrap();
        let keep = round.assessors[0].id.clone();
        let first = round.unit_ids[0].clone();
        let all = round.unit_ids.clone();
        // The first unit is left with one assessor.
        for a in round.assessors.iter_mut().filter(|a| a.id != keep) {
            if a.unit_ids.is_empty() {
                a.unit_ids = all.clone();
            }
            a.unit_ids.retain(|u| *u != first);
        }
        round.sheets.retain(|sh| {
            sh.unit_id != first
                || sh.source == SheetSource::Assessor(keep.clone())
                || sh.source == SheetSource::SelfAssessment
        });
        let p = preview(&s, &rid, "2026-12-01").unwrap();
        assert_eq!(p.short_of_assessors, 1);
        let m = p.message();
        assert!(m.contains("有 1 个单位的评委少于考评方案要求的"), "{m}");
        let r = crate::domain::report::round_report(&s, &rid).unwrap();
        let name = s.unit(&first).unwrap().name.clone();
        assert_eq!(r.short_of_assessors(), vec![name.as_str()]);
        let said = crate::domain::report::short_panel_message(&r).unwrap();
        assert!(
            said.starts_with("评委不足：1 个单位的评委少于考评方案要求的"),
            "{said}"
        );
        assert!(said.contains(&name), "{said}");
    }
}
