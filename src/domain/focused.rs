//! What a copy in focused mode (opened from a task file, see
//! [`exchange::Workspace`](super::exchange::Workspace)) shows and lets the person do:
//! who they are and for which round, the units to score with their completeness, and
//! adding an outcome (a unit's copy).

use super::exchange::{Party, PublishedResults};
use super::model::*;
use super::round_setup::{sheet_status, SheetStatus};
use super::validation::check_date;

/// One unit in the task list, with where its sheet stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskUnit {
    pub id: Id,
    pub name: String,
    pub status: SheetStatus,
    /// The indicators left blank on a sheet begun (scheme order), to say which.
    pub blanks: Vec<String>,
}

/// The task of a focused copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub party: Party,
    pub party_name: String,
    pub round_id: Id,
    /// Empty for a results-only copy.
    pub round_name: String,
    /// The score grid's source key: `self` for a unit, the assessor id for an assessor.
    pub source_key: String,
    /// The units this party scores, in round order.
    pub units: Vec<TaskUnit>,
    /// Published results received.
    pub results: Vec<PublishedResults>,
    /// The round was published when this task file was sent: the round is over, even
    /// before its results file comes in.
    pub round_published: bool,
}

impl Task {
    /// `您正在以单位「…」身份填报 2026年度考评`.
    pub fn headline(&self) -> String {
        match self.party {
            Party::Unit(_) | Party::Assessor(_) => format!(
                "您正在以{}身份填报 {}",
                self.party.describe(&self.party_name),
                self.round_name
            ),
            _ => "您正在查看工委发布的考评结果（只读副本）".to_string(),
        }
    }

    /// Whether the committee's published results of this task's round have come in:
    /// the round is over for this party, and its copy leads with them.
    pub fn results_in(&self) -> bool {
        self.results.iter().any(|r| r.round_id == self.round_id)
    }

    /// `已完成 3/5 个单位` (an assessor), `自评：缺 3 项` (a unit).
    pub fn completeness(&self) -> String {
        if let (Party::Unit(_), [me]) = (&self.party, self.units.as_slice()) {
            return format!("自评：{}", me.status.label());
        }
        let done = self
            .units
            .iter()
            .filter(|u| u.status == SheetStatus::Complete)
            .count();
        format!("已完成 {done}/{} 个单位", self.units.len())
    }
}

/// The task of a copy in focused mode; `None` for the committee's copy.
pub fn task(state: &AppState) -> Option<Task> {
    let ws = state.workspace.as_ref()?;
    let round = state.round(&ws.round_id);
    let (source, source_key) = match &ws.party {
        Party::Assessor(a) => (Some(SheetSource::Assessor(a.clone())), a.clone()),
        Party::Unit(_) => (Some(SheetSource::SelfAssessment), "self".to_string()),
        _ => (None, String::new()),
    };
    let scheme = round.and_then(|r| state.scheme(&r.scheme_id));
    let indicators = scheme.map(|s| s.indicator_count()).unwrap_or(0);
    let units = match (round, &source) {
        (Some(r), Some(src)) => r
            .unit_ids
            .iter()
            .filter(|u| match &ws.party {
                Party::Unit(me) => *u == me,
                _ => true,
            })
            .map(|u| {
                let status = sheet_status(r, src, u, indicators);
                let blanks = match (status, r.sheet(u, src), scheme) {
                    (SheetStatus::Partial(_), Some(sheet), Some(scheme)) => scheme
                        .indicators()
                        .enumerate()
                        .filter(|(i, _)| sheet.points.get(*i).is_none_or(Option::is_none))
                        .map(|(_, ind)| ind.name.clone())
                        .collect(),
                    _ => Vec::new(),
                };
                TaskUnit {
                    id: u.clone(),
                    name: state
                        .unit(u)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| u.clone()),
                    status,
                    blanks,
                }
            })
            .filter(|t| t.status != SheetStatus::NotAssigned)
            .collect(),
        _ => Vec::new(),
    };
    Some(Task {
        party: ws.party.clone(),
        party_name: ws.party_name.clone(),
        round_id: ws.round_id.clone(),
        round_name: round.map(|r| r.name.clone()).unwrap_or_default(),
        source_key,
        units,
        results: ws.results.clone(),
        round_published: round.is_some_and(|r| r.published),
    })
}

/// What a unit's copy says at the top of 我的任务 once the unit has left the programme
/// by `today` (摘牌 or 退出): since when, under which 文号, and that outcomes dated after
/// it are not taken (a clerk's review: a delisted unit learnt it only from a refused
/// outcome, whose 如日期有误，请更正 read as its date being wrong). `None` while in.
pub fn departure_note(state: &AppState, unit_id: &str, today: &str) -> Option<String> {
    let h = state.unit(unit_id)?.departure_by(today)?;
    let doc = if h.doc_no.trim().is_empty() {
        String::new()
    } else {
        format!("（{}）", h.doc_no.trim())
    };
    Some(format!(
        "本单位已于 {} {}{doc}，此后不再是示范点：此后日期的成果、结对活动不再登记。自评等其余事项仍请按工委的要求填写报送。",
        h.date,
        crate::domain::outcomes::departure_word(h.to)
    ))
}

/// Why an outcome could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    #[error("请填写成果名称")]
    NoTitle,
    #[error("成果名称不能超过 100 个字（现在 {0} 个字）")]
    TitleTooLong(usize),
    #[error("请填写成果日期")]
    NoDate,
    #[error("成果{q}的日期“{value}”不对，应为 年-月-日，例如 2026-05-01", q = crate::domain::outcomes::corner_quoted(.title))]
    BadDate { title: String, value: String },
    #[error("找不到单位「{0}」")]
    NoUnit(String),
}

/// Adds an outcome of `unit_id` (at the lowest promotion stage) and returns its id.
/// Ids follow [`AppState::new_id`], so a unit's copy makes ids the committee never does.
pub fn add_outcome(
    state: &mut AppState,
    unit_id: &str,
    title: &str,
    kind: OutcomeKind,
    date: &str,
    now: &str,
) -> Result<Id, OutcomeError> {
    let title = title.trim();
    let date = date.trim();
    if title.is_empty() {
        return Err(OutcomeError::NoTitle);
    }
    let n = title.chars().count();
    if n > 100 {
        return Err(OutcomeError::TitleTooLong(n));
    }
    if date.is_empty() {
        return Err(OutcomeError::NoDate);
    }
    if check_date("成果日期", date).is_err() {
        return Err(OutcomeError::BadDate {
            title: title.to_string(),
            value: date.to_string(),
        });
    }
    if state.unit(unit_id).is_none() {
        return Err(OutcomeError::NoUnit(unit_id.to_string()));
    }
    let id = state.new_id("o");
    let by = state.settings.origin.clone();
    let mut meta = RecordMeta::default();
    meta.touch(now, &by);
    state.outcomes.push(Outcome {
        id: id.clone(),
        unit_id: unit_id.to_string(),
        title: title.to_string(),
        date: date.to_string(),
        kind,
        innovations: Vec::new(),
        description: String::new(),
        evidence: Vec::new(),
        filed_on: None,
        feedback_on: None,
        promotion: PromotionStage::OwnUnit,
        promoted_on: None,
        recognised: false,
        incentive: String::new(),
        path: OutcomePath::default(),
        meta,
    });
    Ok(id)
}

/// The longest 佐证说明 (evidence note) per indicator, in characters.
pub const EVIDENCE_NOTE_MAX: usize = 500;

/// Why evidence notes could not be saved (nothing is changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    #[error("找不到考评轮次「{0}」")]
    RoundNotFound(String),
    #[error("找不到本轮使用的考评方案")]
    SchemeNotFound,
    #[error("单位「{0}」不在本轮考评中")]
    UnitNotInRound(String),
    #[error("考评方案中没有指标「{0}」")]
    UnknownIndicator(String),
    #[error("指标「{indicator}」的佐证说明不能超过 {max} 个字（现在 {n} 个字）")]
    TooLong {
        indicator: String,
        n: usize,
        max: usize,
    },
}

/// The 佐证说明 of a unit's self-assessment in a round, one per indicator in scheme
/// order: (indicator id, indicator name, note — empty when none).
pub fn evidence_notes(
    state: &AppState,
    round_id: &str,
    unit_id: &str,
) -> Vec<(Id, String, String)> {
    let Some(round) = state.round(round_id) else {
        return Vec::new();
    };
    let Some(scheme) = state.scheme(&round.scheme_id) else {
        return Vec::new();
    };
    let sheet = round.sheet(unit_id, &SheetSource::SelfAssessment);
    scheme
        .indicators()
        .map(|i| {
            let note = sheet
                .and_then(|s| s.evidence.get(&i.id))
                .cloned()
                .unwrap_or_default();
            (i.id.clone(), i.name.clone(), note)
        })
        .collect()
}

/// Sets the 佐证说明 of a unit's self-assessment, by indicator id (an empty note removes
/// it); the self-assessment sheet is started if it was not. Returns how many notes
/// changed; the sheet is touched only when one did.
pub fn set_evidence_notes(
    state: &mut AppState,
    round_id: &str,
    unit_id: &str,
    notes: &[(Id, String)],
    now: &str,
) -> Result<usize, EvidenceError> {
    let round = state
        .round(round_id)
        .ok_or_else(|| EvidenceError::RoundNotFound(round_id.to_string()))?;
    let scheme = state
        .scheme(&round.scheme_id)
        .ok_or(EvidenceError::SchemeNotFound)?;
    if !round.unit_ids.iter().any(|u| u == unit_id) {
        return Err(EvidenceError::UnitNotInRound(unit_id.to_string()));
    }
    let n = scheme.indicator_count();
    let mut checked = Vec::new();
    for (id, note) in notes {
        let ind = scheme
            .indicators()
            .find(|i| &i.id == id)
            .ok_or_else(|| EvidenceError::UnknownIndicator(id.clone()))?;
        let note = note.trim().to_string();
        let len = note.chars().count();
        if len > EVIDENCE_NOTE_MAX {
            return Err(EvidenceError::TooLong {
                indicator: ind.name.clone(),
                n: len,
                max: EVIDENCE_NOTE_MAX,
            });
        }
        checked.push((id.clone(), note));
    }
    let by = state.settings.origin.clone();
    let round = state
        .rounds
        .iter_mut()
        .find(|r| r.id == round_id)
        .ok_or_else(|| EvidenceError::RoundNotFound(round_id.to_string()))?;
    let pos = match round
        .sheets
        .iter()
        .position(|s| s.unit_id == unit_id && s.source == SheetSource::SelfAssessment)
    {
        Some(p) => p,
        None if checked.iter().all(|(_, n)| n.is_empty()) => return Ok(0),
        None => {
            round.sheets.push(ScoreSheet {
                unit_id: unit_id.to_string(),
                source: SheetSource::SelfAssessment,
                points: vec![None; n],
                evidence: Default::default(),
                submitted: false,
                meta: RecordMeta::default(),
            });
            round.sheets.len() - 1
        }
    };
    let sheet = &mut round.sheets[pos];
    let mut changed = 0;
    for (id, note) in checked {
        let before = sheet.evidence.get(&id).cloned().unwrap_or_default();
        if before != note {
            changed += 1;
            if note.is_empty() {
                sheet.evidence.remove(&id);
            } else {
                sheet.evidence.insert(id, note);
            }
        }
    }
    if changed > 0 {
        sheet.meta.touch(now, &by);
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{
        apply, export_to_assessor, export_to_unit, preview, Decisions, ImportOptions,
    };
    use crate::domain::sample::sample_city;
    use crate::domain::validation::validate_state;

    fn latest(s: &AppState) -> Round {
        s.rounds
            .iter()
            .max_by_key(|r| r.year)
            .map(|r| Round::clone(r))
            .unwrap()
    }

    fn open(file: &str) -> AppState {
        let blank = AppState::default();
        let p = preview(&blank, "t.json", file.as_bytes(), &ImportOptions::default()).unwrap();
        apply(&blank, &p, &Decisions::default()).unwrap()
    }

    #[test]
    fn a_unit_that_left_is_told_so_at_the_top_of_its_task() {
        let mut s = sample_city(1);
        let r = latest(&s);
        let today = "2026-12-07";
        let gone = r
            .unit_ids
            .iter()
            .find(|u| s.unit(u).is_some_and(|x| x.departure_by(today).is_some()))
            .cloned()
            .expect("the sample has a unit that left in its latest round");
        let file = export_to_unit(&mut s, &r.id, &gone, "2026-11-01T00:00:00Z", b"e").unwrap();
        let copy = open(&file);
        let h = copy
            .unit(&gone)
            .unwrap()
            .departure_by(today)
            .unwrap()
            .clone();
        let note = departure_note(&copy, &gone, today).expect("said");
        assert!(
            note.starts_with(&format!("本单位已于 {} ", h.date)),
            "{note}"
        );
        assert!(note.contains(&h.doc_no), "{note}");
        assert!(note.contains("此后日期的成果、结对活动不再登记"), "{note}");
        // Not said the day before it left, nor of a unit still in.
        let before = crate::domain::dates::add_days(&h.date, -1).unwrap();
        assert_eq!(departure_note(&copy, &gone, &before), None);
        let still = r
            .unit_ids
            .iter()
            .find(|u| s.unit(u).is_some_and(|x| x.departure_by(today).is_none()))
            .unwrap();
        assert_eq!(departure_note(&s, still, today), None);
    }

    #[test]
    fn the_committee_has_no_task() {
        assert_eq!(task(&sample_city(1)), None);
    }

    #[test]
    fn a_unit_copy_has_its_own_self_assessment_and_can_add_outcomes() {
        let mut s = sample_city(1);
        let r = latest(&s);
        let uid = r.unit_ids[0].clone();
        let file = export_to_unit(&mut s, &r.id, &uid, "2026-11-01T00:00:00Z", b"e").unwrap();
        let mut copy = open(&file);
        let t = task(&copy).unwrap();
        assert_eq!(t.source_key, "self");
        assert_eq!(t.units.len(), 1);
        assert_eq!(t.units[0].id, uid);
        assert!(
            t.headline().starts_with("您正在以单位「"),
            "{}",
            t.headline()
        );
        assert!(t.headline().ends_with(&r.name));
        assert!(
            t.completeness().starts_with("自评："),
            "{}",
            t.completeness()
        );

        let before = copy.clone();
        assert_eq!(
            add_outcome(
                &mut copy,
                &uid,
                "  ",
                OutcomeKind::Practice,
                "2026-01-01",
                "t"
            ),
            Err(OutcomeError::NoTitle)
        );
        assert!(matches!(
            add_outcome(
                &mut copy,
                &uid,
                "好做法",
                OutcomeKind::Practice,
                "2026-13-01",
                "t"
            ),
            Err(OutcomeError::BadDate { .. })
        ));
        assert_eq!(copy, before);
        let id = add_outcome(
            &mut copy,
            &uid,
            "好做法",
            OutcomeKind::Institutional,
            "2026-05-01",
            "t",
        )
        .unwrap();
        assert!(id.starts_with(&format!("{uid}.o")), "{id}");
        let o = copy.outcomes.iter().find(|o| o.id == id).unwrap();
        assert_eq!(o.meta.by, uid);
        assert_eq!(o.meta.rev, 1);
        assert!(validate_state(&copy).is_ok());
    }

    #[test]
    fn results_are_in_only_when_those_of_the_task_round_have_come() {
        let mut s = sample_city(1);
        let r = latest(&s);
        let uid = r.unit_ids[0].clone();
        let file = export_to_unit(&mut s, &r.id, &uid, "2026-11-01T00:00:00Z", b"e").unwrap();
        let mut copy = open(&file);
        assert!(!task(&copy).unwrap().results_in());
        let published = |round_id: &str| PublishedResults {
            round_id: round_id.to_string(),
            round_name: "某轮".into(),
            year: 2026,
            scheme_id: r.scheme_id.clone(),
            published_at: "2026-12-01T00:00:00Z".into(),
            rows: Vec::new(),
        };
        let ws = copy.workspace.as_mut().unwrap();
        ws.results.push(published("another-round"));
        assert!(!task(&copy).unwrap().results_in());
        copy.workspace
            .as_mut()
            .unwrap()
            .results
            .push(published(&r.id));
        assert!(task(&copy).unwrap().results_in());
    }

    #[test]
    fn a_task_sent_after_publication_knows_its_round_is_over() {
        let mut s = sample_city(1);
        let running = latest(&s).clone();
        let uid = running.unit_ids[0].clone();
        let file = export_to_unit(&mut s, &running.id, &uid, "2026-11-01T00:00:00Z", b"e");
        assert!(!task(&open(&file.unwrap())).unwrap().round_published);
        // The sample's earlier round is published: its task file says so.
        let done = s
            .rounds
            .iter()
            .find(|r| r.published)
            .expect("a published round")
            .clone();
        let uid = done.unit_ids[0].clone();
        let file = export_to_unit(&mut s, &done.id, &uid, "2026-11-01T00:00:00Z", b"e").unwrap();
        let t = task(&open(&file)).unwrap();
        assert!(t.round_published && !t.results_in());
    }

    #[test]
    fn a_unit_copy_writes_evidence_notes_per_indicator() {
        let mut s = sample_city(1);
        let r = latest(&s);
        let uid = r.unit_ids[0].clone();
        let file = export_to_unit(&mut s, &r.id, &uid, "2026-11-01T00:00:00Z", b"e").unwrap();
        let mut copy = open(&file);
        let notes = evidence_notes(&copy, &r.id, &uid);
        let scheme = copy.scheme(&r.scheme_id).unwrap().clone();
        assert_eq!(notes.len(), scheme.indicator_count());
        let (i0, i1) = (notes[0].0.clone(), notes[1].0.clone());
        let before = copy.clone();
        let long = "字".repeat(EVIDENCE_NOTE_MAX + 1);
        assert!(matches!(
            set_evidence_notes(&mut copy, &r.id, &uid, &[(i0.clone(), long)], "t"),
            Err(EvidenceError::TooLong { .. })
        ));
        assert_eq!(
            set_evidence_notes(&mut copy, &r.id, &uid, &[("nope".into(), "x".into())], "t"),
            Err(EvidenceError::UnknownIndicator("nope".into()))
        );
        assert_eq!(copy, before);
        let n = set_evidence_notes(
            &mut copy,
            &r.id,
            &uid,
            &[
                (i0.clone(), " 会议纪要，第3页，党办 ".into()),
                (i1.clone(), "专题研究记录".into()),
            ],
            "t2",
        )
        .unwrap();
        assert_eq!(n, 2);
        let notes = evidence_notes(&copy, &r.id, &uid);
        assert_eq!(notes[0].2, "会议纪要，第3页，党办");
        assert_eq!(notes[1].2, "专题研究记录");
        let sheet = copy
            .round(&r.id)
            .unwrap()
            .sheet(&uid, &SheetSource::SelfAssessment)
            .unwrap();
        assert_eq!(sheet.meta.by, uid);
        // Saving the same again changes nothing; an empty note removes it.
        assert_eq!(
            set_evidence_notes(
                &mut copy,
                &r.id,
                &uid,
                &[(i1.clone(), "专题研究记录".into())],
                "t3"
            ),
            Ok(0)
        );
        set_evidence_notes(&mut copy, &r.id, &uid, &[(i1, String::new())], "t4").unwrap();
        assert_eq!(evidence_notes(&copy, &r.id, &uid)[1].2, "");
        assert!(validate_state(&copy).is_ok());
    }

    #[test]
    fn an_assessor_copy_lists_its_assigned_units_with_completeness() {
        let mut s = sample_city(1);
        let r = latest(&s);
        let a = r.assessors[0].clone();
        let file = export_to_assessor(&mut s, &r.id, &a.id, "2026-11-01T00:00:00Z", b"e").unwrap();
        let copy = open(&file);
        let t = task(&copy).unwrap();
        assert_eq!(t.source_key, a.id);
        let expected = crate::domain::exchange::assigned_units(&r, &a);
        assert_eq!(
            t.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
            expected
        );
        assert!(t.completeness().starts_with("已完成 "));
        assert!(t.headline().contains(&format!("评委「{}」", a.name)));
    }
}
