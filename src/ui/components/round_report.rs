//! What the 结果 pages share: a round's report recomputed when the data changes, one
//! unit's result in it, and its grade and rank in words.

use leptos::prelude::*;

use crate::domain::outcomes;
use crate::domain::report::{self, RoundReport};
use crate::domain::scoring::UnitResult;
use crate::domain::ScoringError;
use crate::ui::state::AppContext;

/// A round's report, recomputed only when the data changes.
pub fn report_memo(round_id: String) -> Memo<Result<RoundReport, ScoringError>> {
    let ctx = AppContext::get();
    Memo::new(move |_| ctx.state.with(|s| report::round_report(s, &round_id)))
}
/// The unit's result and the round's report, or what is wrong.
pub fn unit_of(
    r: &Result<RoundReport, ScoringError>,
    unit: &str,
) -> Result<(RoundReport, UnitResult), String> {
    let r = r
        .as_ref()
        .map_err(|e| format!("{}{e}", crate::ui::text::ROUND_NOT_COMPUTED))?;
    let u = r
        .results
        .unit(unit)
        .cloned()
        .ok_or_else(|| format!("{}中没有单位「{unit}」。", r.round_name))?;
    Ok((r.clone(), u))
}

pub fn rank_text(u: &UnitResult, graded: usize) -> String {
    match u.rank {
        Some(k) => format!("第{k}名（共{graded}个已评定单位）"),
        None => "未评定（尚无评委评分）".into(),
    }
}

pub fn grade_text(u: &UnitResult) -> String {
    let g = u.grade.map(|g| g.label()).unwrap_or("未评定");
    if u.grade_notes.is_empty() {
        g.to_string()
    } else {
        format!("{g}（{}）", u.grade_notes.join("；"))
    }
}

/// What the 优秀 innovation condition finds for a unit in a year, in words (read from
/// the data, so recognising or withdrawing an outcome shows at once).
pub fn innovation_fact(unit_id: &str, year: u16) -> String {
    AppContext::get().state.with(|s| {
        outcomes::innovation_basis(s, unit_id, year)
            .unwrap_or_else(|| format!("{year}年度无经认定的创新成果"))
    })
}
