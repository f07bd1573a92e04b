//! One unit's report card in a round: dimensions against the round's average, the
//! trend over the years, grade, rank, type and the year's outcomes; one A4 page. Shown
//! by the report card page and, every card of a round together, by its print view.

use leptos::prelude::*;

use crate::domain::outcomes;
use crate::domain::report::{self, RoundReport};
use crate::domain::scoring::UnitResult;
use crate::route::Route;
use crate::ui::components::between::ResourcesFact;
use crate::ui::components::charts::{DimensionChart, TrendChart};
use crate::ui::components::round_report::{grade_text, innovation_fact};
use crate::ui::components::unit_record::{trend_figures, OutcomeTable};
use crate::ui::state::AppContext;

/// The card of `u` in `r` without the page's links, with its `trend` (all units' made
/// at once, `report::unit_trends`), and its innovation basis and outcomes read from the
/// data (for the print of every card); `mark` is printed at its top while the results
/// are not the published ones.
pub fn unit_card(
    r: &RoundReport,
    u: &UnitResult,
    mark: Option<&'static str>,
    trend: Vec<report::TrendPoint>,
) -> AnyView {
    let ctx = AppContext::get();
    let rows = ctx
        .state
        .with_untracked(|s| outcomes::unit_outcomes_of_year(s, &u.unit_id, r.year));
    let basis = innovation_fact(&u.unit_id, r.year);
    card_view(r.round_id.clone(), r, u, trend, basis, rows, false, mark).into_any()
}

/// One unit's report card (the report card page and the print of every card share it).
/// `links`: the print button and the links to the detail and the ranking (left out
/// where many cards are printed together). `mark`: printed at the top of the page
/// while the results are not the published ones (`publishing::draft_mark`).
#[allow(clippy::too_many_arguments)]
pub fn card_view(
    rid: String,
    r: &RoundReport,
    u: &UnitResult,
    trend: Vec<report::TrendPoint>,
    basis: String,
    outcome_rows: Vec<outcomes::OutcomeRow>,
    links: bool,
    mark: Option<&'static str>,
) -> impl IntoView {
    let dims = report::compare_dimensions(&r.results, &u.unit_id);
    let grade = grade_text(u);
    let rank = r.results.rank_words(&u.unit_id);
    let chart = report::bar_chart(&dims);
    let summary = report::comparison_summary(&dims);
    let line = report::trend_chart(&trend);
    let trend_summary = report::trend_summary(&trend);
    let t = r.type_of(&u.unit_id).cloned();
    // The report card is printed for the unit: the neutral wording, and only the type
    // that stands (the committee's internal words stay on its own screens).
    let type_text = t
        .as_ref()
        .map(|t| t.effective().public_label().to_string())
        .unwrap_or_else(|| "—".into());
    let reasons = t.as_ref().map(report::card_type_basis).unwrap_or_default();
    let adjustments = report::card_adjustments(u);
    // Who issues the paper and when, as it is signed at its foot.
    let ctx = AppContext::get();
    let (signer, dated) = ctx.state.with_untracked(|s| {
        s.round(&rid)
            .map(|round| report::card_dateline(s, round, &ctx.today()))
            .unwrap_or_default()
    });
    let title = format!("{} {}年度考评报告", u.unit_name, r.year);
    let detail = Route::ResultDetail {
        round: rid.clone(),
        unit: u.unit_id.clone(),
    }
    .href();
    view! {
        <section class="report-card">
            // On the title's line, so that a card still fills one A4 page.
            <h1>{title}{mark.map(|m| view! { <span class="print-only draft-mark">{m}</span> })}</h1>
            {links.then(|| view! {
                <p class="links no-print">
                    <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印"</button>
                    " "
                    <a href=detail>"得分明细"</a>
                    " · "
                    <a href=Route::Results(Some(rid)).href()>"返回排名"</a>
                </p>
            })}
            <dl class="facts facts--card">
                <dt>"考评轮次"</dt><dd>{r.round_name.clone()}</dd>
                <dt>"总分"</dt><dd>{if u.graded { u.total.to_string() } else { "未评定".into() }}</dd>
                {adjustments.map(|a| view! { <dt>"其中"</dt><dd>{a}</dd> })}
                {report::incomplete_unit_note(u).map(|n| view! { <dt>"说明"</dt><dd>{n}</dd> })}
                <dt>"等次"</dt><dd>{grade}</dd>
                <dt>"排名"</dt><dd>{rank}</dd>
                <dt>"类型"</dt><dd>{type_text}</dd>
                <dt>"创新成果"</dt><dd>{basis}</dd>
                <ResourcesFact unit_id=u.unit_id.clone() year=r.year />
            </dl>
            <h2>"各一级指标得分与本轮平均"</h2>
            {if u.graded {
                match report::card_rounding_note(u) {
                    Some(note) => view! { <DimensionChart chart summary note /> }.into_any(),
                    None => view! { <DimensionChart chart summary /> }.into_any(),
                }
            } else {
                // Zero bars would read as scores of zero.
                view! { <p class="muted">"本单位尚无评委评分，暂无各一级指标得分。"</p> }.into_any()
            }}
            <h2>"历年情况"</h2>
            <div class="card-trend">
                <table class="trend">
                    <thead><tr><th scope="col">"年度"</th><th scope="col" class="num">"总分"</th><th scope="col">"等次"</th><th scope="col" class="num">"排名"</th></tr></thead>
                    <tbody>
                        {trend.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{format!("{}年", p.year)}</th>
                                {trend_figures(p)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {match line {
                    Some(c) => view! { <TrendChart chart=c summary=trend_summary /> }.into_any(),
                    None => view! { <p class="muted">"只有一个年度的结果，暂无趋势。"</p> }.into_any(),
                }}
            </div>
            <h2>{format!("{}年度成果", r.year)}</h2>
            {if outcome_rows.is_empty() {
                view! { <p class="muted">"本年度没有登记成果。"</p> }.into_any()
            } else {
                let (rows, more) = report::card_outcomes(outcome_rows);
                let total = rows.len() + more;
                view! {
                    <OutcomeTable rows caption="本年度成果" />
                    {(more > 0).then(|| view! {
                        <p class="muted">{format!("另有{more}项成果未列出（本年度共{total}项，已认定的创新成果列在前面）。")}</p>
                    })}
                }.into_any()
            }}
            {(!reasons.is_empty()).then(|| view! {
                <h2>"类型依据"</h2>
                <ul class="reasons">{reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
            })}
            {(!signer.is_empty()).then(|| view! {
                <p class="card-dateline"><span>{signer.clone()}</span><span>{dated}</span></p>
            })}
            // Where the 落款 comes from (a clerk's first week: no screen asked for the
            // committee's name, and the card was signed with the default one).
            {links.then(|| view! {
                <p class="hint no-print">{format!("落款“{signer}”取自{}年度通报的落款；如需改为本机关的全称，请在", r.year)}
                    <a href=Route::Notice(r.year).href()>{format!("{}年度通报", r.year)}</a>
                    "中点“填写通报内容”，修改“落款”并保存，考评报告随之改变。"</p>
            })}
        </section>
    }
}
