//! Inline SVG charts drawn from the geometry in `domain::report` (nothing is computed
//! here): dimensions against the round's average, and the totals over the years.

use leptos::prelude::*;

use crate::domain::report::{BarChart, LineChart};

/// Bars of a unit's dimension scores (as shares of full points) beside the round's
/// averages. An image with `summary` as its accessible name.
#[component]
pub fn DimensionChart(
    /// The geometry, from `report::bar_chart`.
    chart: BarChart,
    /// What the chart shows, in words (`report::comparison_summary`).
    #[prop(into)]
    summary: String,
    /// A short note on the legend's line (the card's rounding note).
    #[prop(optional)]
    note: Option<String>,
) -> impl IntoView {
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let bh = chart.bar_height;
    let x0 = chart.plot_x;
    let grid = chart
        .ticks
        .iter()
        .map(|(x, label)| {
            view! {
                <line x1=*x y1="0" x2=*x y2=chart.axis_y class="chart__grid" />
                <text x=*x y=chart.axis_y + 12.0 class="chart__tick" text-anchor="middle">{label.clone()}</text>
            }
        })
        .collect_view();
    let bars = chart
        .pairs
        .iter()
        .map(|p| {
            view! {
                <text x=x0 - 6.0 y=p.y + bh + 4.0 class="chart__label" text-anchor="end">{p.label.clone()}</text>
                <rect x=x0 y=p.y width=p.unit_width height=bh class="chart__unit" />
                <text x=x0 + p.unit_width + 4.0 y=p.y + bh - 2.0 class="chart__value">{p.unit_text.clone()}</text>
                <rect x=x0 y=p.y + bh + 2.0 width=p.average_width height=bh class="chart__avg" />
                <text x=x0 + p.average_width + 4.0 y=p.y + 2.0 * bh class="chart__value chart__value--avg">{p.average_text.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=view_box role="img" aria-label=summary class="chart__svg">
                {grid}
                {bars}
            </svg>
            <figcaption class="chart__legend">
                <span class="legend legend--unit">"本单位得分"</span>
                <span class="legend legend--avg">"本轮平均"</span>
                "（条长为占该项满分的比例）"
                {note.map(|n| view! { <span class="chart__note">{n}</span> })}
            </figcaption>
        </figure>
    }
}

/// The unit's totals over the years as a line. An image with `summary` as its name.
#[component]
pub fn TrendChart(
    /// The geometry, from `report::trend_chart`.
    chart: LineChart,
    /// What the chart shows, in words (`report::trend_summary`).
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let dots = chart
        .dots
        .iter()
        .map(|(x, y, year, value)| {
            view! {
                <circle cx=*x cy=*y r="3.5" class="chart__dot" />
                <text x=*x y=*y - 7.0 class="chart__value" text-anchor="middle">{value.clone()}</text>
                <text x=*x y=chart.height - 8.0 class="chart__tick" text-anchor="middle">{year.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <svg viewBox=view_box role="img" aria-label=summary class="chart__svg chart__svg--trend">
            <line x1=chart.plot_left y1=chart.y_min.0 x2=chart.plot_right y2=chart.y_min.0 class="chart__grid" />
            <line x1=chart.plot_left y1=chart.y_max.0 x2=chart.plot_right y2=chart.y_max.0 class="chart__grid" />
            <text x=chart.plot_left - 6.0 y=chart.y_min.0 + 4.0 class="chart__tick" text-anchor="end">{chart.y_min.1.clone()}</text>
            <text x=chart.plot_left - 6.0 y=chart.y_max.0 + 4.0 class="chart__tick" text-anchor="end">{chart.y_max.1.clone()}</text>
            <polyline points=chart.polyline.clone() class="chart__line" />
            {dots}
        </svg>
    }
}

/// Counts as horizontal bars (grades, statuses, outcomes by kind). An image with
/// `summary` as its accessible name.
#[component]
pub fn CountBars(
    /// The geometry, from `reports::chart::count_chart`.
    chart: crate::domain::reports::chart::CountChart,
    /// What the chart shows, in words (`reports::chart::count_summary`).
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let (x0, bh) = (chart.plot_x, chart.bar_height);
    let bars = chart
        .bars
        .iter()
        .map(|b| {
            view! {
                <text x=x0 - 6.0 y=b.y + bh - 4.0 class="chart__label" text-anchor="end">{b.label.clone()}</text>
                <rect x=x0 y=b.y width=b.width height=bh class="chart__unit" />
                <text x=x0 + b.width + 4.0 y=b.y + bh - 4.0 class="chart__value">{b.value.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <svg viewBox=view_box role="img" aria-label=summary class="chart__svg chart__svg--count">
            {bars}
        </svg>
    }
}
