//! One unit's indicators and dimensions: each indicator's aggregate (mean or trimmed
//! mean of the assessors, blended with the self-assessment) and each dimension's
//! subtotal, with the own-construction and demonstration sums.

use super::engine::{AssessorKey, RoundContext};
use super::results::*;
use super::{aggregate_points, Dropped, Exact};
use crate::domain::model::*;
use crate::domain::points::Points;

/// Each indicator's aggregate: the assessors' mean (trimmed when there are enough),
/// blended with the self-assessment by the scheme's weight, with an explanation.
pub(super) fn score_indicators(
    ctx: &RoundContext,
    unit_sheets: &[(&AssessorKey, &ScoreSheet)],
    self_sheet: Option<&ScoreSheet>,
    comp: &mut UnitCompleteness,
) -> Vec<IndicatorResult> {
    let w = ctx.self_weight;
    let mut out = Vec::with_capacity(ctx.indicators.len());
    // Reused buffers: this runs for every indicator of every unit.
    let mut present: Vec<usize> = Vec::with_capacity(unit_sheets.len());
    let mut vals: Vec<Points> = Vec::with_capacity(unit_sheets.len());
    for (i, ind) in ctx.indicators.iter().enumerate() {
        let mut sources: Vec<SourcePoints> = unit_sheets
            .iter()
            .map(|(key, s)| SourcePoints {
                assessor_id: key.id.clone(),
                assessor_name: key.name.clone(),
                points: s.points.get(i).copied().flatten(),
                dropped: None,
            })
            .collect();
        present.clear();
        present.extend(
            sources
                .iter()
                .enumerate()
                .filter(|(_, s)| s.points.is_some())
                .map(|(k, _)| k),
        );
        vals.clear();
        vals.extend(present.iter().filter_map(|&k| sources[k].points));
        let (committee, trimmed, drop) =
            aggregate_points(&vals, ctx.scheme.aggregation.trim_min_assessors);
        if let Some((lo, hi)) = drop {
            sources[present[lo]].dropped = Some(Dropped::Lowest);
            sources[present[hi]].dropped = Some(Dropped::Highest);
        }
        let self_points = self_sheet.and_then(|s| s.points.get(i).copied().flatten());
        let mut note = match (committee, trimmed) {
            (None, _) => "无评委评分，本项计0分".to_string(),
            (Some(c), true) => {
                let lo = drop.map(|d| vals[d.0]).unwrap_or_default();
                let hi = drop.map(|d| vals[d.1]).unwrap_or_default();
                format!(
                    "{}位评委评分，去掉一个最高分{hi}、一个最低分{lo}，其余{}个取平均{c}",
                    vals.len(),
                    vals.len() - 2
                )
            }
            (Some(c), false) => format!("{}位评委评分取平均{c}", vals.len()),
        };
        let aggregate = match (committee, self_points) {
            (Some(c), Some(sp)) if w > 0 => {
                let blended = c.scale(100 - w, 100) + Exact::from_points(sp).scale(w, 100);
                note.push_str(&format!("；按自评权重{w}%与自评分{sp}加权，得{blended}"));
                Some(blended)
            }
            (Some(c), None) if w > 0 => {
                note.push_str("；无自评分，按评委评分计");
                Some(c)
            }
            (c, _) => c,
        };
        if committee.is_none() {
            comp.unscored_indicators += 1;
        }
        out.push(IndicatorResult {
            indicator_id: ind.id.clone(),
            name: ind.name.clone(),
            max: ind.max,
            sources,
            self_points,
            trimmed,
            committee,
            aggregate,
            note,
        });
    }
    out
}

/// Each dimension's subtotal: the sum of its indicators' aggregates.
pub(super) fn dimension_results(
    scheme: &Scheme,
    indicators: &[IndicatorResult],
) -> Vec<DimensionResult> {
    let mut dims = Vec::with_capacity(scheme.dimensions.len());
    let mut k = 0;
    for d in &scheme.dimensions {
        let subtotal: Exact = indicators[k..k + d.indicators.len()]
            .iter()
            .filter_map(|r| r.aggregate)
            .sum();
        k += d.indicators.len();
        dims.push(DimensionResult {
            dimension_id: d.id.clone(),
            name: d.name.clone(),
            role: d.role,
            full: d.full_points(),
            subtotal,
        });
    }
    dims
}

/// Own-construction and demonstration sums and full points (a dimension of role
/// "both" counts in each).
pub(super) struct RoleSums {
    pub(super) own_sum: Exact,
    pub(super) own_full: Points,
    pub(super) demo_sum: Exact,
    pub(super) demo_full: Points,
}

impl RoleSums {
    pub(super) fn of(dims: &[DimensionResult]) -> RoleSums {
        let own =
            |r: DimensionRole| matches!(r, DimensionRole::OwnConstruction | DimensionRole::Both);
        let demo =
            |r: DimensionRole| matches!(r, DimensionRole::Demonstration | DimensionRole::Both);
        RoleSums {
            own_sum: dims
                .iter()
                .filter(|d| own(d.role))
                .map(|d| d.subtotal)
                .sum(),
            own_full: dims.iter().filter(|d| own(d.role)).map(|d| d.full).sum(),
            demo_sum: dims
                .iter()
                .filter(|d| demo(d.role))
                .map(|d| d.subtotal)
                .sum(),
            demo_full: dims.iter().filter(|d| demo(d.role)).map(|d| d.full).sum(),
        }
    }
}
