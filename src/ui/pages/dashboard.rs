//! 概览: the dashboard. Units by status, the current round's completeness, the grade
//! distribution of the latest round with results, and the status changes waiting for a
//! decision (with the 摘牌 proposals of warned units past their deadline), overdue
//! rectification items, idle pairings and sites with no visit lately. Figures from
//! `domain::report`, `domain::lifecycle` and `domain::between_rounds`.

use leptos::prelude::*;

use crate::domain::between_rounds::guidance::UnvisitedSite;
use crate::domain::between_rounds::{guidance, pairing, rectification, unit_name};
use crate::domain::lifecycle::propose_overdue;
use crate::domain::outcomes::{self, KindStageCounts};
use crate::domain::overview::{rounds_waiting, RoundWaiting};
use crate::domain::report::{self, CompletenessSummary, GradeDistribution};
use crate::domain::{AppState, Grade, RectificationStatus, ScoringError, UnitStatus};
use crate::route::{href_with, Route};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::outcome_counts::{outcome_count_line, OutcomeCountsTable};
use crate::ui::components::proposals::ProposalList;
use crate::ui::components::unvisited::{unvisited_title, UnvisitedSites};
use crate::ui::state::AppContext;
use crate::ui::text::{self, describe_state};

/// The dashboard: units by status and what needs attention.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = AppContext::get();
    let counts = Memo::new(move |_| {
        ctx.state.with(|s| {
            UnitStatus::ALL
                .iter()
                .map(|st| {
                    (
                        st.label(),
                        s.units.iter().filter(|u| u.status == *st).count(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let no_units = Memo::new(move |_| ctx.state.with(|s| s.units.is_empty()));
    let completeness = Memo::new(move |_| ctx.state.with(report::current_completeness));
    let grades = Memo::new(move |_| ctx.state.with(report::latest_grade_distribution));
    let today = ctx.today();
    let waiting = Memo::new(move |_| ctx.state.with(|s| rounds_waiting(s, &today)));
    let today2 = ctx.today();
    let between = Memo::new(move |_| ctx.state.with(|s| between_figures(s, &today2)));
    let today3 = ctx.today();
    // Sites due for their 复查: how many, and the period.
    let reviews = Memo::new(move |_| {
        ctx.state.with(|s| {
            (
                crate::domain::lifecycle_settings::reviews_due(s, &today3).len(),
                s.settings.lifecycle_rules.review_years,
            )
        })
    });
    let today_for_outcomes = ctx.today();
    let outcome_counts = Memo::new(move |_| {
        ctx.state.with(|s| {
            outcomes::overview_year(s)
                .map(|y| outcomes::kind_stage_counts(s, y, &today_for_outcomes))
        })
    });
    let sample_open = RwSignal::new(false);
    let sample_message = Signal::derive(move || {
        format!(
            "将用示例数据替换本浏览器中的全部当前数据（{}）。{}",
            ctx.state.with(describe_state),
            ctx.state.with(text::replace_keeps)
        )
    });
    let do_sample = Callback::new(move |_| ctx.load_sample());

    view! {
        <section>
            <h1>"概览"</h1>
            <Show when=move || no_units.get()>
                {empty_start(ctx, sample_open)}
            </Show>
            <h2>"单位状态"</h2>
            <ul class="stat-row">
                {move || counts.get().into_iter().map(|(label, n)| view! {
                    <li class="stat"><span class="stat__value">{n}</span><span class="stat__label">{label}</span></li>
                }).collect_view()}
            </ul>

            <h2>"本轮评分进度"</h2>
            {move || progress_view(completeness.get())}

            <h2>"等次分布"</h2>
            {move || grades_view(grades.get())}

            <h2>"成果"</h2>
            {move || outcomes_view(outcome_counts.get())}

            <h2>"待决定的状态变更"</h2>
            {move || waiting_view(waiting.get())}
            {move || {
                let (n, years) = reviews.get();
                (n > 0).then(|| view! {
                    <p>{format!("{n}个示范点授牌满{years}年到期复查。")}
                        <a href=Route::Lifecycle.href()>"去记录复查"</a></p>
                })
            }}
            {move || between_view(between.get())}
            <ConfirmDialog open=sample_open title=text::CONFIRM_LOAD_SAMPLE message=sample_message
                confirm_label="载入" on_confirm=do_sample />
        </section>
    }
}

/// What the between-rounds part of the dashboard shows.
#[derive(Clone, PartialEq)]
struct BetweenFigures {
    /// Overdue rectification items: id, “unit：description”, deadline, days overdue.
    overdue: Vec<(String, String, String, i64)>,
    unvisited: Vec<UnvisitedSite>,
    /// Whether any unit is a 示范点 or 创建单位.
    any_sites: bool,
    /// Pairings running (进行中), and of them those idle.
    running: usize,
    idle: usize,
    months: u32,
    deadline_proposals: usize,
    /// Items the unit reported done (已完成), waiting for the committee's 销号.
    awaiting_closure: usize,
    /// Warned units past their deadline with nothing unsettled: unit id, name, what to do.
    to_settle: Vec<(String, String, String)>,
}

fn between_figures(s: &AppState, today: &str) -> BetweenFigures {
    let overdue = rectification::overdue(s, today)
        .into_iter()
        .map(|r| {
            (
                r.id.clone(),
                format!("{}：{}", unit_name(s, &r.unit_id), r.description),
                r.deadline.clone(),
                rectification::days_overdue(r, today),
            )
        })
        .collect();
    BetweenFigures {
        overdue,
        unvisited: guidance::without_visit(s, today),
        any_sites: guidance::has_sites(s),
        running: s
            .pairings
            .iter()
            .filter(|p| p.status == crate::domain::PairingStatus::Active)
            .count(),
        idle: pairing::idle(s, today).len(),
        months: s.settings.visit_gap_months,
        deadline_proposals: propose_overdue(s, today).len(),
        awaiting_closure: s
            .rectifications
            .iter()
            .filter(|r| r.status == crate::domain::RectificationStatus::Done)
            .count(),
        to_settle: crate::domain::lifecycle::warnings_to_settle(s, today)
            .into_iter()
            .map(|w| {
                let message = w.message();
                (w.unit_id, w.unit_name, message)
            })
            .collect(),
    }
}

/// The first steps offered while there are no units.
fn empty_start(ctx: AppContext, sample_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="empty-start">
            <p>"还没有任何单位。可以在"<a href=Route::Units.href()>"“单位”"</a>"中逐个添加或“批量导入名册”（从 Excel、WPS 或 CSV），或先载入一个虚构城市的示例数据看看效果。"</p>
            <p>"如果您是单位或评委：请在“数据交换”中点“选择要导入的文件”，打开工委发来的任务文件，程序会进入只显示您本人任务的填报模式。"<a href=Route::Exchange.href()>"去数据交换"</a></p>
            <button type="button" class="primary" on:click=move |_| {
                if ctx.state.with(|s| s.rounds.is_empty() && s.schemes.is_empty()) { ctx.load_sample() } else { sample_open.set(true) }
            }>{text::LOAD_SAMPLE}</button>
        </div>
    }
}

/// How many score sheets of the current round have come in.
fn progress_view(completeness: Option<Result<CompletenessSummary, ScoringError>>) -> AnyView {
    match completeness {
        None => view! { <p class="muted">"还没有考评轮次。"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
        Some(Ok(c)) => {
            let href = Route::Round(c.round_id.clone()).href();
            view! {
                <p>
                    <a href=href>{c.round_name.clone()}</a>
                    // Sheets with scores, typed here or imported: not files come in,
                    // which the round page counts (a clerk's review: 已收到240份 here,
                    // 评委 0 位 there).
                    {format!("：应交评分表{}份，已录入{}份（{}%，含导入的）", c.expected, c.received, c.percent)}
                    {(c.missing > 0).then(|| {
                        // Said when they count for nothing: the round is not waiting
                        // for them (a clerk's review).
                        let note = if c.self_for_reference { "，自评只作参考、不计入得分" } else { "" };
                        match c.missing_self {
                            0 => format!("，还缺{}份", c.missing),
                            n if n == c.missing => format!("，还缺{n}份自评表{note}"),
                            n => format!("，还缺{}份（其中自评表{n}份{note}）", c.missing),
                        }
                    })}
                    {(c.with_blanks > 0).then(|| format!("，{}份有空项", c.with_blanks))}
                    "。"
                </p>
                <div class="meter" role="progressbar" aria-label="评分表录入进度"
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow=c.percent>
                    <div class="meter__bar" style=format!("width: {}%", c.percent)></div>
                </div>
            }.into_any()
        }
    }
}

/// The grade distribution of the latest round with results.
fn grades_view(grades: Option<GradeDistribution>) -> AnyView {
    let Some(g) = grades else {
        return view! { <p class="muted">"还没有评定结果。"</p> }.into_any();
    };
    let href = Route::Results(Some(g.round_id.clone())).href();
    view! {
        <p><a href=href>{g.round_name.clone()}</a>{format!("，已评定{}个单位：", g.graded)}</p>
        // Grades resting on scores not all in are provisional: said beside the counts (a
        // clerk's first day: a half-scored unit stood as 不合格 here unremarked).
        {(g.incomplete > 0).then(|| view! {
            <p class="hint">{format!("其中{}个单位评分不全，等次按已收到的评分暂定，补齐后可能变化。", g.incomplete)}</p>
        })}
        {g.publication.clone().map(|n| view! { <p class="hint" role="note">{n}</p> })}
        <table class="grades">
            <caption class="sr-only">{format!("{}等次分布", g.round_name)}</caption>
            <thead><tr><th scope="col">"等次"</th><th scope="col" class="num">"单位数"</th><th scope="col">"占比"</th></tr></thead>
            <tbody>
                {Grade::ALL.iter().enumerate().map(|(i, grade)| view! {
                    <tr>
                        <th scope="row">{grade.label()}</th>
                        <td class="num">{g.counts[i]}</td>
                        <td class="share">
                            <span class="share__bar" style=format!("width: {}%", g.percents[i])></span>
                            {format!("{}%", g.percents[i])}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="hint">"占比四舍五入到整数，合计可能不是 100%。"</p>
    }.into_any()
}

/// The year's outcomes by kind and stage.
fn outcomes_view(counts: Option<KindStageCounts>) -> AnyView {
    let Some(c) = counts else {
        return view! { <p class="muted">"还没有成果。"</p> }.into_any();
    };
    view! {
        <p>
            {outcome_count_line(&c)}
            <a href=Route::Outcomes.href()>"去成果库"</a>
        </p>
        <OutcomeCountsTable counts=c />
    }
    .into_any()
}

/// Each round's status-change proposals waiting for a decision.
fn waiting_view(rounds: Vec<RoundWaiting>) -> AnyView {
    if rounds.is_empty() {
        return view! { <p class="muted">"还没有考评轮次。"</p> }.into_any();
    }
    rounds
        .into_iter()
        .map(|w| match w.proposals {
            0 => {
                view! { <p>{format!("{}没有待决定的状态变更建议。", w.round_name)}</p> }.into_any()
            }
            n => view! {
                <p>
                    {format!("{}有{n}条状态变更建议待决定。", w.round_name)}
                    <a href=Route::Results(Some(w.round_id)).href()>"去处理状态变更建议"</a>
                </p>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

/// Warned units past their deadline, overdue rectification, unvisited sites, idle pairings.
fn between_view(b: BetweenFigures) -> impl IntoView {
    let BetweenFigures {
        overdue,
        unvisited,
        any_sites,
        running,
        idle,
        months,
        deadline_proposals,
        awaiting_closure,
        to_settle,
    } = b;
    view! {
        <Show when=move || { deadline_proposals > 0 }>
            <h3>"整改期限已过的警示单位"</h3>
            <ProposalList />
        </Show>
        {(!to_settle.is_empty()).then(|| view! {
            <h3>"整改期限已过、待作决定的警示单位"</h3>
            <ul class="between-list">
                {to_settle.into_iter().map(|(id, name, message)| view! {
                    <li><a href=Route::Unit(id).href()>{name}</a>{format!("：{message}")}</li>
                }).collect_view()}
            </ul>
        })}
        <h2>"逾期整改"</h2>
        {if overdue.is_empty() {
            view! { <p>"没有逾期的整改事项。"</p> }.into_any()
        } else {
            view! {
                <p>{format!("{}项整改事项已过期限仍未完成：", overdue.len())}<a href=href_with(&Route::Rectification, &[("late", "yes")])>"去整改"</a></p>
                <ul class="between-list overdue-list">
                    {overdue.into_iter().take(10).map(|(id, what, deadline, days)| view! {
                        <li class="overdue"><a href=Route::RectificationItem(id).href()>{what}</a>
                            {format!("（期限 {deadline}，逾期{days}天）")}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(awaiting_closure > 0).then(|| view! {
            <p>{format!("另有{awaiting_closure}项整改事项单位已报告完成，待工委核验后销号。")}
                <a href=href_with(&Route::Rectification, &[("status", RectificationStatus::Done.code())])>"去销号"</a></p>
        })}
        <h2>{unvisited_title(months)}</h2>
        <UnvisitedSites sites=unvisited any_sites months limit=15 />
        <h2>"结对"</h2>
        // How many run, not only the idle (a clerk's review: 概览 said 不活跃的结对9个
        // and nothing else of the pairings).
        {if running == 0 {
            view! { <p>"没有进行中的结对。"<a href=Route::Pairings.href()>"去结对"</a></p> }.into_any()
        } else {
            // The idle ones when there are any, else the list (a review: an empty
            // filtered list).
            let pairings_href = if idle > 0 {
                href_with(&Route::Pairings, &[("idle", "yes")])
            } else {
                Route::Pairings.href()
            };
            view! {
                <p>{format!("进行中的结对{running}个，其中不活跃的结对{idle}个。")}
                    <a href=pairings_href>"去结对"</a></p>
            }.into_any()
        }}
    }
}
