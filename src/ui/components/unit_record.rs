//! What a unit's page shows of its evaluations and outcomes: its grade in every round
//! it was part of, and its outcomes, each linking to where it is worked on.

use leptos::prelude::*;

use crate::domain::outcomes;
use crate::domain::report::{unit_trend, TrendPoint};
use crate::route::Route;
use crate::ui::state::AppContext;
use crate::ui::text;

/// The unit's results round by round (scored after the page's first frame: every
/// round it was in is computed), each linking to its breakdown.
#[component]
pub fn UnitRounds(
    /// The unit shown.
    #[prop(into)]
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let uid = StoredValue::new(unit_id);
    let shown = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::files::after_first_paint().await;
        shown.try_set(true);
    });
    let trend = Memo::new(move |_| {
        if !shown.get() {
            return None;
        }
        Some(
            ctx.state
                .with(|s| uid.with_value(|id| unit_trend(s, id, u16::MAX))),
        )
    });
    view! {
        <h2>"历年考评"</h2>
        {move || match trend.get() {
            None => view! { <p class="muted" role="status">"正在计算历年结果……"</p> }.into_any(),
            Some(points) if points.is_empty() => view! { <p class="empty">"尚未参加考评。"</p> }.into_any(),
            Some(points) => view! {
                <table class="unit-rounds">
                    <caption class="visually-hidden">"历年考评"</caption>
                    <thead><tr>
                        <th scope="col">"考评轮次"</th><th scope="col" class="num">"总分"</th>
                        <th scope="col">"等次"</th><th scope="col" class="num">"排名"</th>
                    </tr></thead>
                    <tbody>
                        {points.into_iter().rev().map(|p| {
                            let href = Route::ResultDetail { round: p.round_id.clone(), unit: uid.get_value() }.href();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=href>{p.round_name.clone()}</a>
                                        {p.draft.map(|d| view! { " "<span class="warn">{format!("（{d}）")}</span> })}
                                    </th>
                                    {trend_figures(&p)}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}

/// A round's total, grade and rank (of the graded) as three cells of a trend row.
pub fn trend_figures(p: &TrendPoint) -> impl IntoView {
    view! {
        <td class="num">{p.total.map(|t| t.to_string()).unwrap_or_else(|| "未评定".into())}</td>
        <td>{p.grade.map(|g| g.label()).unwrap_or("—")}</td>
        <td class="num">{p.rank.map(|k| format!("{}{k}/{}", if p.tied { "并列" } else { "" }, p.of)).unwrap_or_else(|| "—".into())}</td>
    }
}

/// The unit's outcomes, newest first, each linking to its page.
#[component]
pub fn UnitOutcomes(
    /// The unit shown.
    #[prop(into)]
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let uid = StoredValue::new(unit_id);
    let rows = Memo::new(move |_| {
        ctx.state
            .with(|s| uid.with_value(|id| outcomes::unit_outcomes(s, id)))
    });
    view! {
        <h2>"成果"</h2>
        {move || rows.with(|rows| if rows.is_empty() {
            view! { <p class="empty">"尚未登记成果。"<a class="no-print" href=Route::Outcomes.href()>"去成果"</a></p> }.into_any()
        } else {
            view! { <OutcomeTable rows=rows.clone() caption="成果" linked=true /> }.into_any()
        })}
    }
}

/// A unit's outcomes as a table: name, date, kind, stage, whether recognised. With
/// `linked`, each name opens the outcome's page (the report card, printed for the
/// unit, has plain names).
#[component]
pub fn OutcomeTable(
    rows: Vec<outcomes::OutcomeRow>,
    /// The table's accessible name.
    caption: &'static str,
    #[prop(optional)] linked: bool,
) -> impl IntoView {
    view! {
        <table class="unit-outcomes">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>
                <th scope="col">"成果名称"</th><th scope="col">"日期"</th><th scope="col">"类别"</th>
                <th scope="col">"阶段"</th><th scope="col">"认定"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|o| {
                    let title = if linked {
                        view! { <a href=Route::Outcome(o.id.clone()).href()>{o.title}</a> }.into_any()
                    } else {
                        o.title.into_any()
                    };
                    view! {
                        <tr>
                            <td>{title}</td><td>{o.date}</td><td>{o.kind.label()}</td>
                            <td>{o.stage.label()}</td><td>{if o.recognised { text::RECOGNISED_INNOVATION } else { "—" }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
