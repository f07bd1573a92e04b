//! The forms a unit or an assessor prints, signs and seals: a unit's 自评表 and an
//! assessor's 评分表 (one A4 page per unit), from the task copy's own sheets. The sums
//! are made here, not in the page.

use super::exchange::Party;
use super::focused::task;
use super::model::*;
use super::points::Points;

/// One indicator line of a printed sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintRow {
    /// The 一级指标, on its first indicator only (the cell spans the rest).
    pub dimension: Option<(String, usize)>,
    pub indicator: String,
    pub max: Points,
    pub points: Option<Points>,
    /// 佐证说明 (self-assessment only).
    pub evidence: String,
}

/// One printed sheet: a unit, by one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintSheet {
    /// `2026年度考评　自评表` / `2026年度考评　评分表`.
    pub title: String,
    pub unit_name: String,
    /// Who fills it in, as printed under the title.
    pub filled_by: String,
    pub rows: Vec<PrintRow>,
    /// The sum of the points given (blanks count nothing) and the full points.
    pub total: Points,
    pub full: Points,
    /// Indicators left blank.
    pub blanks: usize,
    /// The signature line's wording.
    pub signature: &'static str,
    /// Whether the sheet has a 佐证说明 column (a unit's self-assessment).
    pub with_evidence: bool,
    /// The 评语 written on the sheet (empty when none): signed for with the scores.
    pub comment: String,
}

/// The sheets of this task copy, in round order: the unit's 自评表, or one 评分表 per
/// unit an assessor scores. Empty for the committee's copy.
pub fn print_sheets(state: &AppState) -> Vec<PrintSheet> {
    let Some(t) = task(state) else {
        return Vec::new();
    };
    let Some(round) = state.round(&t.round_id) else {
        return Vec::new();
    };
    let Some(scheme) = state.scheme(&round.scheme_id) else {
        return Vec::new();
    };
    let (source, kind, filled_by, signature, with_evidence) = match &t.party {
        Party::Unit(_) => (
            SheetSource::SelfAssessment,
            "自评表",
            format!("填报单位：{}", t.party_name),
            "单位负责人（签字）：＿＿＿＿＿＿＿＿　　（单位盖章）　　日期：＿＿＿＿年＿＿月＿＿日",
            true,
        ),
        Party::Assessor(a) => (
            SheetSource::Assessor(a.clone()),
            "评分表",
            format!("评委：{}", t.party_name),
            "评委（签字）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
            false,
        ),
        _ => return Vec::new(),
    };
    t.units
        .iter()
        .map(|u| {
            let sheet = round.sheet(&u.id, &source);
            let mut rows = Vec::new();
            let mut k = 0;
            for d in &scheme.dimensions {
                for (j, ind) in d.indicators.iter().enumerate() {
                    let points = sheet.and_then(|s| s.points.get(k).copied().flatten());
                    rows.push(PrintRow {
                        dimension: (j == 0).then(|| (d.name.clone(), d.indicators.len())),
                        indicator: ind.name.clone(),
                        max: ind.max,
                        points,
                        evidence: sheet
                            .and_then(|s| s.evidence.get(&ind.id).cloned())
                            .unwrap_or_default(),
                    });
                    k += 1;
                }
            }
            PrintSheet {
                title: format!("{}　{kind}", t.round_name),
                unit_name: u.name.clone(),
                filled_by: filled_by.clone(),
                total: rows.iter().filter_map(|r| r.points).sum(),
                full: scheme.full_points(),
                blanks: rows.iter().filter(|r| r.points.is_none()).count(),
                rows,
                signature,
                with_evidence,
                comment: sheet
                    .map(|s| super::comments::comment(s).trim().to_string())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{
        apply, export_to_assessor, export_to_unit, preview, Decisions, ImportOptions,
    };

    fn opened(file: &str) -> AppState {
        let blank = AppState::default();
        let p = preview(&blank, "t.json", file.as_bytes(), &ImportOptions::default())
            .expect("previews");
        apply(&blank, &p, &Decisions::default()).expect("opens")
    }

    #[test]
    fn a_units_copy_prints_its_self_assessment_with_the_sum_of_its_points() {
        let mut c = crate::domain::sample::sample_city(2026);
        let round = c.rounds.last().cloned().expect("a round");
        let unit = round.unit_ids[0].clone();
        let file =
            export_to_unit(&mut c, &round.id, &unit, "2026-12-01T00:00:00Z", b"e").expect("a task");
        let mut copy = opened(&file);
        // Blank the second indicator: it counts nothing and is counted as blank.
        let r = copy.rounds.iter_mut().next().expect("the round");
        let sheet = r
            .sheets
            .iter_mut()
            .find(|s| s.source == SheetSource::SelfAssessment)
            .expect("its self-assessment");
        sheet.points[1] = None;
        let expected: Points = sheet.points.iter().flatten().copied().sum();
        let sheets = print_sheets(&copy);
        assert_eq!(sheets.len(), 1);
        let s = &sheets[0];
        assert_eq!(s.title, format!("{}　自评表", round.name));
        assert_eq!(s.total, expected);
        assert_eq!(s.blanks, 1);
        assert!(s.with_evidence);
        assert!(s.signature.contains("单位盖章"));
        // The dimension cell spans its indicators.
        let spans: usize = s
            .rows
            .iter()
            .filter_map(|r| r.dimension.as_ref())
            .map(|d| d.1)
            .sum();
        assert_eq!(spans, s.rows.len());
        assert_eq!(s.full, Points::parse("100").expect("100"));
    }

    #[test]
    fn an_assessors_copy_prints_one_sheet_per_unit_and_the_committee_none() {
        let mut c = crate::domain::sample::sample_city(2026);
        assert!(print_sheets(&c).is_empty());
        let round = c.rounds.last().cloned().expect("a round");
        let a = round.assessors[0].clone();
        let file = export_to_assessor(&mut c, &round.id, &a.id, "2026-12-01T00:00:00Z", b"e")
            .expect("a task");
        let mut copy = opened(&file);
        // A clerk's review: the 评语 written on a sheet was not printed with it.
        let first = task(&copy).expect("a task").units[0].id.clone();
        let src = SheetSource::Assessor(a.id.clone());
        let r = copy.rounds.iter_mut().next().expect("the round");
        if let Some(s) = r
            .sheets
            .iter_mut()
            .find(|s| s.unit_id == first && s.source == src)
        {
            s.evidence.insert(
                super::super::comments::COMMENT_KEY.to_string(),
                "台账规范，品牌特色鲜明".into(),
            );
        }
        let sheets = print_sheets(&copy);
        assert_eq!(sheets[0].comment, "台账规范，品牌特色鲜明");
        assert!(sheets[1..].iter().all(|s| s.comment.is_empty()));
        let assigned = task(&copy).expect("a task").units.len();
        assert_eq!(sheets.len(), assigned);
        assert!(sheets
            .iter()
            .all(|s| s.title.ends_with("评分表") && !s.with_evidence));
        assert_eq!(sheets[0].filled_by, format!("评委：{}", a.name));
    }
}
