//! The round-wide phases after every unit is scored: grades (bands, veto, the
//! innovation condition), ranks, the 优秀 share cap and the dimension means.

use super::{rank_cmp, Exact, UnitResult};
use crate::domain::model::*;

/// Grades by the bands, then a veto (不合格) and the innovation condition (优秀 → 良好
/// without a recognised innovation outcome of the year), each with its note.
pub(super) fn assign_grades(results: &mut [UnitResult], scheme: &Scheme, year: u16) {
    let bands = &scheme.grade_bands;
    for r in results.iter_mut().filter(|r| r.graded) {
        let band = if r.total >= bands.excellent {
            Grade::Excellent
        } else if r.total >= bands.good {
            Grade::Good
        } else if r.total >= bands.pass {
            Grade::Pass
        } else {
            Grade::Fail
        };
        r.band_grade = Some(band);
        let mut grade = band;
        if !r.vetoes.is_empty() {
            grade = Grade::Fail;
            let names: Vec<&str> = r.vetoes.iter().map(|v| v.name.as_str()).collect();
            r.grade_notes
                .push(format!("一票否决（{}），评为不合格", names.join("；")));
        } else if grade == Grade::Excellent
            && scheme.excellent_needs_innovation
            && !r.has_recognised_innovation
        {
            grade = Grade::Good;
            r.grade_notes.push(format!(
                "总分{}达到优秀分数线，但{}年度无经认定的创新成果，评为良好",
                r.total, year
            ));
        }
        r.grade = Some(grade);
    }
}

/// Ranks the graded units by [`rank_cmp`] (competition ranks: 1, 2, 2, 4; unique
/// positions after the tie-break) and returns their indices in ranking order.
pub(super) fn rank(results: &mut [UnitResult]) -> Vec<usize> {
    let mut graded: Vec<usize> = (0..results.len()).filter(|&i| results[i].graded).collect();
    crate::domain::sorting::sort_by(&mut graded, |&a, &b| rank_cmp(&results[a], &results[b]));
    for (pos, &i) in graded.iter().enumerate() {
        let total = results[i].total;
        let better = graded.iter().filter(|&&j| results[j].total > total).count();
        results[i].position = Some(pos as u32 + 1);
        results[i].rank = Some(better as u32 + 1);
    }
    graded
}

/// The 优秀 share cap: floor(cap% × graded / 100); those past it by position get 良好.
/// Returns the number of 优秀 places when the scheme sets a cap.
pub(super) fn apply_excellent_cap(
    results: &mut [UnitResult],
    scheme: &Scheme,
    graded: &[usize],
) -> Option<usize> {
    let excellent_max = scheme
        .excellent_cap_pct
        .map(|pct| pct.min(100) as usize * graded.len() / 100);
    if let Some(max) = excellent_max {
        let mut seen = 0;
        // The last unit kept at 优秀: one tied with it on the total is told what put it
        // after (a clerk's review: both read 第1名, and the one demoted read 按排名).
        let mut last_kept: Option<usize> = None;
        for &i in graded {
            if results[i].grade == Some(Grade::Excellent) {
                seen += 1;
                if seen > max {
                    let cap = scheme.excellent_cap_pct.unwrap_or(0);
                    let note = match last_kept.filter(|&k| results[k].total == results[i].total) {
                        Some(k) => format!(
                            "与「{}」总分相同（并列第{}名），{}，排在其后；优秀比例上限{cap}%（共{max}个名额）已满，评为良好",
                            results[k].unit_name,
                            results[i].rank.unwrap_or(0),
                            tie_broken_by(&results[k], &results[i])
                        ),
                        None => format!(
                            "优秀比例上限{cap}%（共{max}个名额）已满，按排名评为良好"
                        ),
                    };
                    results[i].grade = Some(Grade::Good);
                    results[i].grade_notes.push(note);
                } else {
                    last_kept = Some(i);
                }
            }
        }
    }
    excellent_max
}

/// What put `after` behind `before`, two units of the same total, by [`rank_cmp`]'s
/// order.
fn tie_broken_by(before: &UnitResult, after: &UnitResult) -> &'static str {
    if before.demo_sum != after.demo_sum {
        "示范带动类得分较低"
    } else if before.own_sum != after.own_sum {
        "自身建设类得分较低"
    } else {
        "两类得分也相同，按单位名称的先后"
    }
}

/// Each dimension's mean subtotal over the graded units (`None` when none is graded).
pub(super) fn dimension_means(
    results: &[UnitResult],
    graded: &[usize],
    dims: usize,
) -> Vec<Option<Exact>> {
    (0..dims)
        .map(|d| {
            let subs: Vec<Exact> = graded
                .iter()
                .map(|&i| results[i].dimensions[d].subtotal)
                .collect();
            if subs.is_empty() {
                None
            } else {
                let len = subs.len() as i128;
                Some(subs.into_iter().sum::<Exact>().scale(1, len))
            }
        })
        .collect()
}
