//! The report card: a unit's dimensions against the round's average, as bars, and its
//! totals over the years, as a line; each with a sentence that says it in words.

use super::*;

// ---------------------------------------------------------------------------
// The report card: dimensions against the average, and the trend
// ---------------------------------------------------------------------------

/// The foot of a printed report card, as a paper from the committee ends: who issues it
/// (the 落款 of its 通报, [`signer_of_year`](crate::domain::reports::notice::signer_of_year))
/// and the date: the day the results were published, or, before, the day it is made
/// (制表日期).
pub fn card_dateline(state: &AppState, round: &Round, today: &str) -> (String, String) {
    let signer = crate::domain::reports::notice::signer_of_year(state, round.year);
    let written = crate::domain::reports::notice::written_date;
    let date = match round
        .publication
        .as_ref()
        .and_then(|p| crate::domain::dates::beijing_day(&p.at))
    {
        Some(day) => written(&day),
        None => format!("制表日期：{}", written(today.get(..10).unwrap_or(today))),
    };
    (signer, date)
}

/// One dimension of a unit set against the round's average.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionComparison {
    pub name: String,
    pub full: Points,
    pub unit: Exact,
    /// Mean over the round's graded units.
    pub average: Option<Exact>,
}

/// A unit's dimension subtotals against the round's averages.
pub fn compare_dimensions(results: &RoundResults, unit_id: &str) -> Vec<DimensionComparison> {
    let Some(u) = results.unit(unit_id) else {
        return Vec::new();
    };
    u.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| DimensionComparison {
            name: d.name.clone(),
            full: d.full,
            unit: d.subtotal,
            average: results.dimension_means.get(i).copied().flatten(),
        })
        .collect()
}

/// The line beside 总分 on the card that makes it add up for the unit reading it: the
/// indicators' sum, the bonus counted (and, over the scheme's cap, what was recorded)
/// and the deductions. `None` when the total is the indicators' sum alone.
pub fn card_adjustments(u: &crate::domain::scoring::UnitResult) -> Option<String> {
    let zero = Points(0);
    if u.bonus_before_cap == zero && u.deductions == zero {
        return None;
    }
    let mut parts = vec![format!("指标得分 {}", u.raw_total)];
    if u.bonus_before_cap > zero {
        parts.push(if u.bonus < u.bonus_before_cap {
            format!(
                "加分 +{}（登记 {} 分，按方案的加分上限计入）",
                u.bonus, u.bonus_before_cap
            )
        } else {
            format!("加分 +{}", u.bonus)
        });
    }
    if u.deductions > zero {
        parts.push(format!("扣分 −{}", u.deductions));
    }
    Some(parts.join("，"))
}

/// The card's note when its 一级指标 scores, as shown, do not add up to its 指标得分 as
/// shown (each rounded once for display): a unit adding up its own card finds 0.01 off
/// (a clerk's review); the results page says it under the table, the card did not.
/// With 加分 or 扣分 the parts are set against the 指标得分 the card's 其中 shows, not
/// the 总分.
pub fn card_rounding_note(u: &crate::domain::scoring::UnitResult) -> Option<String> {
    let shown: i64 = u.dimensions.iter().map(|d| d.display().0).sum();
    let whole = if card_adjustments(u).is_some() {
        "指标得分"
    } else {
        "总分"
    };
    (u.graded && !u.dimensions.is_empty() && shown != u.raw_total.rounded().0).then(|| {
        // Short enough for the chart's legend line: the card fills its A4 page.
        // Each part rounded on its own: off by up to a few hundredths, not always 0.01.
        format!("注：各项得分分别四舍五入，之和与{whole}可能略有出入")
    })
}

/// The card's 类型依据: the figures behind the suggested type, or, when the committee
/// set another type, that it did (the suggestion's reasons would argue for the type
/// that was not given; the committee's own note stays on its screens).
pub fn card_type_basis(t: &crate::domain::typing::TypeSuggestion) -> Vec<String> {
    match &t.overridden {
        Some(o) if o.site_type != t.suggested => vec![format!(
            "类型由工委综合本年度考评和日常掌握的情况确定为{}。",
            o.site_type.public_label()
        )],
        _ => t
            .reasons
            .iter()
            .map(|r| {
                if r == crate::domain::typing::FIRST_ROUND_REASON {
                    crate::domain::typing::FIRST_ROUND_PUBLIC.to_string()
                } else {
                    r.clone()
                }
            })
            .collect(),
    }
}

/// The most outcomes a report card lists: more would push it past one A4 page.
pub const CARD_OUTCOMES: usize = 6;

/// The outcomes a report card lists (recognised innovations first, then by date, at
/// most [`CARD_OUTCOMES`]) and how many more the unit has that year.
pub fn card_outcomes(
    mut rows: Vec<crate::domain::outcomes::OutcomeRow>,
) -> (Vec<crate::domain::outcomes::OutcomeRow>, usize) {
    rows.sort_by(|a, b| b.recognised.cmp(&a.recognised).then(a.date.cmp(&b.date)));
    let more = rows.len().saturating_sub(CARD_OUTCOMES);
    rows.truncate(CARD_OUTCOMES);
    (rows, more)
}

/// The chart's accessible summary, e.g. "各一级指标得分与本轮平均分对比：领导重视 18.5/20（平均 17.2）；…".
pub fn comparison_summary(dims: &[DimensionComparison]) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| match d.average {
            Some(a) => format!(
                "{} {}/{}（平均 {}）",
                d.name,
                d.unit.rounded(),
                d.full,
                a.rounded()
            ),
            None => format!("{} {}/{}", d.name, d.unit.rounded(), d.full),
        })
        .collect();
    format!("各一级指标得分与本轮平均分对比：{}", parts.join("；"))
}

/// One dimension's pair of bars (本单位 and 平均), as shares of the dimension's full points.
#[derive(Debug, Clone, PartialEq)]
pub struct BarPair {
    pub label: String,
    /// Top of the pair.
    pub y: f64,
    pub unit_width: f64,
    pub average_width: f64,
    /// e.g. "18.5/20".
    pub unit_text: String,
    /// e.g. "平均 17.2".
    pub average_text: String,
}

/// A horizontal bar chart in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    /// Where the bars start (labels are left of it).
    pub plot_x: f64,
    pub plot_width: f64,
    pub bar_height: f64,
    pub pairs: Vec<BarPair>,
    /// Grid lines at 0, 25, 50, 75, 100 percent: (x, label).
    pub ticks: Vec<(f64, String)>,
    /// Top of the tick labels.
    pub axis_y: f64,
}

/// The geometry of the dimensions-against-average chart.
pub fn bar_chart(dims: &[DimensionComparison]) -> BarChart {
    let width = 640.0;
    let plot_x = 170.0;
    let plot_width = 340.0;
    let bar_height = 12.0;
    let pair_height = 2.0 * bar_height + 12.0;
    let top = 6.0;
    let share = |v: Exact, full: Points| {
        if full.hundredths() <= 0 {
            0.0
        } else {
            (v.as_f64() / full.as_f64()).clamp(0.0, 1.0)
        }
    };
    let pairs: Vec<BarPair> = dims
        .iter()
        .enumerate()
        .map(|(i, d)| BarPair {
            label: d.name.clone(),
            y: top + i as f64 * pair_height,
            unit_width: round1(share(d.unit, d.full) * plot_width),
            average_width: round1(d.average.map(|a| share(a, d.full)).unwrap_or(0.0) * plot_width),
            unit_text: format!("{}/{}", d.unit.rounded(), d.full),
            average_text: d
                .average
                .map(|a| format!("平均 {}", a.rounded()))
                .unwrap_or_else(|| "平均 —".into()),
        })
        .collect();
    let axis_y = top + dims.len() as f64 * pair_height + 4.0;
    let ticks = (0..=4)
        .map(|k| {
            (
                round1(plot_x + plot_width * k as f64 / 4.0),
                format!("{}%", k * 25),
            )
        })
        .collect();
    BarChart {
        width,
        height: axis_y + 16.0,
        plot_x,
        plot_width,
        bar_height,
        pairs,
        ticks,
        axis_y,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A unit's result in one round, for the trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub round_id: Id,
    pub round_name: String,
    pub year: u16,
    /// `None`: in the round but not graded.
    pub total: Option<Points>,
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
    /// Another graded unit holds the same rank (printed 并列, as the card's 排名 is).
    pub tied: bool,
    /// Graded units in that round.
    pub of: usize,
    /// `草稿：…` while the unit's figures in that round are not the published ones
    /// (`publishing::unit_draft_mark`): said beside them wherever they are shown or
    /// printed.
    pub draft: Option<&'static str>,
}

/// The unit's results in every round it was part of up to `up_to_year`, oldest first.
pub fn unit_trend(state: &AppState, unit_id: &str, up_to_year: u16) -> Vec<TrendPoint> {
    let mut rounds = rounds_latest_first(state);
    rounds.retain(|r| r.year <= up_to_year && r.unit_ids.iter().any(|u| u == unit_id));
    rounds.reverse();
    rounds
        .into_iter()
        .filter_map(|round| {
            let res = compute_round(state, &round.id).ok()?;
            trend_point(round, &res, unit_id)
        })
        .collect()
}

/// [`unit_trend`] of every unit at once, each round computed once: the print of every
/// report card asked for it unit by unit, computing every round again for each (300
/// units and 5 rounds held the page for 19 seconds). Units in no round are absent.
pub fn unit_trends(
    state: &AppState,
    up_to_year: u16,
) -> std::collections::BTreeMap<Id, Vec<TrendPoint>> {
    let mut rounds = rounds_latest_first(state);
    rounds.retain(|r| r.year <= up_to_year);
    rounds.reverse();
    let mut out: std::collections::BTreeMap<Id, Vec<TrendPoint>> = Default::default();
    for round in rounds {
        let Ok(res) = compute_round(state, &round.id) else {
            continue;
        };
        for unit_id in &round.unit_ids {
            if let Some(p) = trend_point(round, &res, unit_id) {
                out.entry(unit_id.clone()).or_default().push(p);
            }
        }
    }
    out
}

/// The unit's point of `round`, whose results are `res`; `None` when it has no result.
fn trend_point(round: &Round, res: &RoundResults, unit_id: &str) -> Option<TrendPoint> {
    let u = res.unit(unit_id)?;
    Some(TrendPoint {
        round_id: round.id.clone(),
        round_name: round.name.clone(),
        year: round.year,
        total: u.graded.then_some(u.total),
        grade: u.grade,
        rank: u.rank,
        tied: res.is_tied(unit_id),
        of: res.units.iter().filter(|x| x.graded).count(),
        draft: crate::domain::publishing::unit_draft_mark(round, Some(res), unit_id),
    })
}

/// A line chart of totals over the years, in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub width: f64,
    pub height: f64,
    /// The polyline's `points` attribute.
    pub polyline: String,
    /// (x, y, year label, value label) per graded point.
    pub dots: Vec<(f64, f64, String, String)>,
    /// The lowest and highest value on the y axis, with their y.
    pub y_min: (f64, String),
    pub y_max: (f64, String),
    pub plot_left: f64,
    pub plot_right: f64,
}

/// The geometry of the trend chart; `None` with fewer than two graded rounds.
pub fn trend_chart(points: &[TrendPoint]) -> Option<LineChart> {
    let graded: Vec<(&TrendPoint, Points)> = points
        .iter()
        .filter_map(|p| p.total.map(|t| (p, t)))
        .collect();
    if graded.len() < 2 {
        return None;
    }
    let (width, height) = (360.0, 150.0);
    let (left, right, top, bottom) = (40.0, 340.0, 18.0, 120.0);
    let lo = graded
        .iter()
        .map(|(_, t)| t.as_f64())
        .fold(f64::MAX, f64::min);
    let hi = graded
        .iter()
        .map(|(_, t)| t.as_f64())
        .fold(f64::MIN, f64::max);
    // At least a 10-point band, whole numbers at the ends.
    let lo = (lo - 2.0).floor().max(0.0);
    let hi = (hi + 2.0).ceil().max(lo + 10.0);
    let n = graded.len();
    let dots: Vec<(f64, f64, String, String)> = graded
        .iter()
        .enumerate()
        .map(|(i, (p, t))| {
            let x = left + (right - left) * i as f64 / (n - 1) as f64;
            let y = bottom - (bottom - top) * (t.as_f64() - lo) / (hi - lo);
            (round1(x), round1(y), format!("{}年", p.year), t.to_string())
        })
        .collect();
    let polyline = dots
        .iter()
        .map(|(x, y, _, _)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(LineChart {
        width,
        height,
        polyline,
        dots,
        y_min: (bottom, format!("{lo}")),
        y_max: (top, format!("{hi}")),
        plot_left: left,
        plot_right: right,
    })
}

/// The trend chart's accessible summary, e.g. "历年总分：2025年 86.5；2026年 88.63".
pub fn trend_summary(points: &[TrendPoint]) -> String {
    let parts: Vec<String> = points
        .iter()
        .map(|p| match p.total {
            Some(t) => format!("{}年 {t}", p.year),
            None => format!("{}年 未评定", p.year),
        })
        .collect();
    format!("历年总分：{}", parts.join("；"))
}
