//! 报表: a year's figures. The speech's five problems, each with its definition, last
//! year's figure and the sites behind it one click away; the year's other figures
//! (statuses and changes, grades, outcomes, overdue rectification, resources) with
//! charts; the link to the year's 通报, the office exports and the print views. Figures from
//! `domain::reports`; this page renders them.

use leptos::prelude::*;

use crate::ui::components::round_report::PublicationNote;

use crate::domain::reports::chart::{count_chart, count_summary};
use crate::domain::reports::figures::{year_figures, ChangeKind, YearFigures};
use crate::domain::reports::problems::{five_problems, ProblemFigure};
use crate::domain::reports::{report_of_year, report_years, round_of_year, SiteLine};
use crate::domain::{Grade, UnitStatus};
use crate::route::{PrintView, Route};
use crate::ui::components::charts::CountBars;
use crate::ui::components::office_exports::OfficeExports;
use crate::ui::components::outcome_counts::{outcome_count_line, OutcomeCountsTable};
use crate::ui::state::AppContext;

fn set_hash(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href);
    }
}

/// What the page shows for a year.
#[derive(Clone, PartialEq)]
struct YearView {
    problems: Vec<ProblemFigure>,
    figures: YearFigures,
    round_id: Option<String>,
    round_name: Option<String>,
    /// What to say about the round's publication (see `publishing::publication_note`).
    publication: Option<String>,
}

/// The 报表 page for `year` (the latest round's year when `None`).
pub fn reports_page(year: Option<u16>) -> AnyView {
    let ctx = AppContext::get();
    let this_year = ctx.this_year();
    let years = ctx.state.with_untracked(|s| report_years(s, this_year));
    // The latest round's year that has begun (a round set up ahead for next year is
    // not where the year's figures are).
    let latest_round_year = ctx.state.with_untracked(|s| {
        s.rounds
            .iter()
            .map(|r| r.year)
            .filter(|y| *y <= this_year)
            .max()
    });
    let year = year.or(latest_round_year).unwrap_or(this_year);
    let today = ctx.today();
    let data = Memo::new(move |_| {
        ctx.state.with(|s| {
            let report = report_of_year(s, year);
            let last_report = report_of_year(s, year - 1);
            let five = five_problems(s, year, &today, report.as_ref());
            let last = five_problems(s, year - 1, &today, last_report.as_ref());
            let round = round_of_year(s, year);
            YearView {
                publication: round.and_then(|r| {
                    crate::domain::publishing::publication_note(
                        r,
                        report.as_ref().map(|x| &x.results),
                    )
                }),
                problems: five.figures(Some(&last)),
                figures: year_figures(s, year, &today, report.as_ref()),
                round_id: round.map(|r| r.id.clone()),
                round_name: round.map(|r| r.name.clone()),
            }
        })
    });
    let options = years
        .into_iter()
        .chain(std::iter::once(year))
        .collect::<std::collections::BTreeSet<u16>>()
        .into_iter()
        .rev()
        .map(|y| {
            let sel = y == year;
            view! { <option value=y.to_string() selected=sel>{format!("{y}年")}</option> }
        })
        .collect_view();
    view! {
        <section class="reports">
            <h1>"报表"</h1>
            <div class="field no-print">
                <label for="reports-year">"年度"</label>
                <select id="reports-year" on:change=move |e| {
                    if let Ok(y) = event_target_value(&e).parse::<u16>() { set_hash(&Route::Reports(Some(y)).href()) }
                }>{options}</select>
            </div>
            <p class="muted">{move || data.with(|d| format!(
                "统计日：{}（年度已结束的按12月31日计，未结束的按今天计）。{}",
                d.figures.reference,
                d.round_name.as_ref().map_or_else(
                    || format!("{year}年度没有考评，考评数据一项为空。"),
                    |n| format!("考评数据来自{n}。"),
                )
            ))}</p>
            {(year > this_year).then(|| view! {
                <p class="warning" role="note">{crate::ui::text::year_not_begun(year, this_year)}</p>
            })}
            <PublicationNote note=Signal::derive(move || data.with(|d| d.publication.clone())) />
            <p class="no-print"><a href=Route::Notice(year).href()>{format!("起草{year}年度通报")}</a></p>
            <h2>"五个问题"</h2>
            <div class="problems">
                {move || data.with(|d| d.problems.iter().cloned().map(|f| view! { <ProblemCard figure=f /> }).collect_view())}
            </div>
            <h2>"本年度其他数据"</h2>
            {move || data.with(|d| other_figures(&d.figures))}
            <h2 class="no-print">"导出"</h2>
            {move || data.with(|d| view! { <OfficeExports year=year round_id=d.round_id.clone() /> })}
            <h2 class="no-print">"打印"</h2>
            <ul class="print-links no-print" aria-label="打印">
                <li><a href=Route::Print(year, PrintView::Roster).href()>"打印名册"</a>" "<span class="muted">"A4横向，每页重复表头"</span></li>
                // Both come from the year's round: a year without one offers neither.
                {move || data.with(|d| d.round_id.is_some()).then(|| view! {
                    <li><a href=Route::Print(year, PrintView::NotReturned).href()>"打印未报送名单"</a>" "<span class="muted">"A4横向，本年度考评中未交回评分表、自评表的评委和单位"</span></li>
                    <li><a href=Route::Print(year, PrintView::Cards).href()>"打印全部考评报告"</a>" "<span class="muted">"本年度考评每个单位一页"</span></li>
                })}
            </ul>
        </section>
    }
    .into_any()
}

/// One of the five problems: the figure, last year's, the definition, and the sites.
#[component]
fn ProblemCard(figure: ProblemFigure) -> impl IntoView {
    let open = RwSignal::new(false);
    let label = figure.category.label();
    let id = format!("problem-{}", figure.category.code());
    let labelled_by = id.clone();
    let described_by = id.clone();
    let n = figure.sites.len();
    let what = figure.lines_are;
    let sites = figure.sites.clone();
    view! {
        <article class="problem" aria-labelledby=labelled_by>
            <h3 id=id>{label}</h3>
            <p class="problem__figure">{figure.headline.clone()}</p>
            <p class="problem__previous">{format!("上年：{}", figure.previous)}</p>
            {(!figure.detail.is_empty()).then(|| view! { <p class="problem__detail">{figure.detail.clone()}</p> })}
            <p class="problem__definition muted">{figure.definition.clone()}</p>
            {if !figure.counted {
                view! { <p class="muted">{format!("本年度没有可统计的记录，不列{what}。")}</p> }.into_any()
            } else if n == 0 {
                view! { <p class="muted">{format!("没有涉及的{what}。")}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="no-print" aria-expanded=move || open.get().to_string()
                        aria-describedby=described_by
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { format!("收起{what}（{n}）") } else { format!("查看{what}（{n}）") }}
                    </button>
                    <Show when=move || open.get()>
                        <SiteList label=format!("{label}涉及的{what}") sites=sites.clone() />
                    </Show>
                }.into_any()
            }}
        </article>
    }
}

/// Sites behind a figure, each a link to the unit.
#[component]
fn SiteList(
    /// The list's accessible name.
    label: String,
    sites: Vec<SiteLine>,
) -> impl IntoView {
    view! {
        <ul class="site-list" aria-label=label>
            {sites.into_iter().map(|s| view! {
                <li><a href=Route::Unit(s.unit_id.clone()).href()>{s.name.clone()}</a>" "<span class="muted">{s.note.clone()}</span></li>
            }).collect_view()}
        </ul>
    }
}

fn chart_of(title: &str, items: Vec<(String, usize)>) -> impl IntoView {
    let summary = count_summary(title, &items);
    view! {
        <figure class="chart">
            <CountBars chart=count_chart(&items) summary=summary />
            <figcaption class="chart__legend">{title.to_string()}</figcaption>
        </figure>
    }
}

fn other_figures(f: &YearFigures) -> AnyView {
    let statuses: Vec<(String, usize)> = UnitStatus::ALL
        .iter()
        .zip(f.status_counts)
        .map(|(s, n)| (s.label().to_string(), n))
        .collect();
    let grades: Vec<(String, usize)> = Grade::ALL
        .iter()
        .zip(f.grades)
        .map(|(g, n)| (g.label().to_string(), n))
        .collect();
    let changes = format!(
        "{}年{}。",
        f.year,
        ChangeKind::ALL
            .iter()
            .map(|k| format!("{}{}个", k.label(), f.changes_of(*k)))
            .collect::<Vec<_>>()
            .join("、")
    );
    let r = &f.resources;
    let resources = format!(
        "{}个单位登记了{}年度保障投入：党建工作经费合计{}万元，活动经费合计{}万元，专职党务干部{}人，兼职党务干部{}人，{}个单位有自己的阵地。",
        r.units, f.year, r.funds, r.activity_funds, r.staff, r.part_time_staff, r.premises
    );
    let overdue = f.overdue.clone();
    let change_lines = f.changes.clone();
    view! {
        <div class="year-figures">
            <section aria-labelledby="fig-status">
                <h3 id="fig-status">"单位状态和动态管理"</h3>
                {chart_of(&format!("各状态单位数（截至{}）", f.reference), statuses)}
                {(f.entering_later > 0).then(|| view! {
                    <p class="muted">{format!("另有 {} 个单位 {} 年以后才入选，不在本年度统计之列。", f.entering_later, f.year)}</p>
                })}
                <p>{changes}</p>
                {(!change_lines.is_empty()).then(|| view! {
                    <ul class="site-list" aria-label="本年度状态变更">
                        {change_lines.into_iter().map(|c| view! {
                            <li>{if c.date.is_empty() {
                                    format!("{}年 {}：{}（按名册的入选年份；入选没有状态变更记录）", f.year, c.kind.label(), c.name)
                                } else {
                                    format!("{} {}：{}", c.date, c.kind.label(), c.name)
                                }}
                                {(!c.doc_no.is_empty()).then(|| format!("（{}）", c.doc_no))}</li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="fig-grades">
                <h3 id="fig-grades">"等次分布"</h3>
                {chart_of("各等次单位数", grades)}
            </section>
            <section aria-labelledby="fig-outcomes">
                <h3 id="fig-outcomes">"成果（按类别和阶段）"</h3>
                <div class="table-wrap">
                    <OutcomeCountsTable counts=f.outcomes.clone() />
                </div>
                <p>{outcome_count_line(&f.outcomes)}</p>
            </section>
            <section aria-labelledby="fig-overdue">
                <h3 id="fig-overdue">"逾期整改"</h3>
                <p>{format!("截至{}，逾期未完成的整改事项{}项。", f.reference, overdue.len())}</p>
                {(!overdue.is_empty()).then(|| view! { <SiteList label="逾期整改事项".to_string() sites=overdue /> })}
            </section>
            <section aria-labelledby="fig-resources">
                <h3 id="fig-resources">"保障投入"</h3>
                <p>{resources}</p>
            </section>
        </div>
    }
    .into_any()
}
