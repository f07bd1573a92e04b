//! 评委评分一致性 on the round page: each assessor's figures from
//! `domain::consistency`, the flagged ones marked with the reason, and — when the
//! scheme asks for it — the "what if" totals from normalised sheets beside the
//! official ones. The figures are computed in the domain; this only shows them.

use leptos::prelude::*;

use crate::domain::consistency::{
    assess, what_if, AssessorConsistency, DEVIATION_FLAG_PCT, RANK_FLAG_BELOW,
};
use crate::domain::{compute, AppState, Points};
use crate::ui::state::AppContext;

/// What the section shows.
#[derive(Clone, PartialEq)]
struct ConsistencyView {
    rows: Vec<AssessorConsistency>,
    indicator_names: Vec<String>,
    /// (unit name, official, normalised) when the scheme shows the what-if column.
    what_if: Option<Vec<(String, String, String)>>,
    deviation_points: String,
}

fn consistency_view(s: &AppState, round_id: &str) -> Option<ConsistencyView> {
    let r = s.round(round_id)?;
    let scheme = s.scheme(&r.scheme_id)?;
    let res = compute(r, scheme, &s.units, &s.outcomes).ok()?;
    let rows = assess(r, scheme, &res);
    let what_if = scheme.aggregation.what_if_normalised.then(|| {
        what_if(r, scheme, &res)
            .into_iter()
            .map(|w| {
                let name = s
                    .unit(&w.unit_id)
                    .map(|u| u.name.clone())
                    .unwrap_or(w.unit_id);
                let shown =
                    |p: Option<Points>| p.map_or_else(|| "—".to_string(), |p| p.to_string());
                (name, shown(w.official), shown(w.normalised))
            })
            .collect()
    });
    let full = scheme.full_points().as_f64();
    Some(ConsistencyView {
        rows,
        indicator_names: scheme.indicators().map(|i| i.name.clone()).collect(),
        what_if,
        deviation_points: Points::round_half_up(full * DEVIATION_FLAG_PCT / 100.0).to_string(),
    })
}

/// A signed figure with two decimals (+1.25, −0.50).
fn signed(x: f64) -> String {
    let p = Points::round_half_up(x.abs());
    let body = format!("{}.{:02}", p.0 / 100, p.0 % 100);
    if p.0 == 0 {
        body
    } else if x < 0.0 {
        format!("−{body}")
    } else {
        format!("+{body}")
    }
}

fn two(x: f64) -> String {
    let p = Points::round_half_up(x.abs());
    let body = format!("{}.{:02}", p.0 / 100, p.0 % 100);
    if x < 0.0 && p.0 != 0 {
        format!("−{body}")
    } else {
        body
    }
}

fn pct(x: f64) -> String {
    format!("{}%", Points::round_half_up(x * 100.0).0 / 100)
}

/// The 评委评分一致性 section of a round's page.
#[component]
pub fn ConsistencySection(
    /// The round's id.
    #[prop(into)]
    round_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let data = Memo::new(move |_| ctx.state.with(|s| consistency_view(s, &rid.get_value())));
    view! {
        <section class="consistency" aria-labelledby="consistency-title">
            <h2 id="consistency-title">"评委评分一致性"</h2>
            {move || data.get().map(|v| {
                let flagged: Vec<String> = v.rows.iter().filter(|r| !r.flags.is_empty()).map(|r| r.name.clone()).collect();
                let summary = if flagged.is_empty() {
                    "没有评委超出提示界限。".to_string()
                } else {
                    format!("需关注的评委：{}。", flagged.join("、"))
                };
                let names = v.indicator_names.clone();
                view! {
                    <p class="hint">{format!(
                        "偏离：与评同一单位的其他评委相比，总分平均高（+）或低（−）多少分；相关：与其他评委对单位排序的一致程度（斯皮尔曼等级相关，1 为完全一致）；去掉比例：因去掉最高最低分而未计入的比例，括号内为偶然情况下的比例。偏离达到 {} 分、相关低于 {} 或去掉比例达到偶然情况的 2 倍时提示。",
                        v.deviation_points, RANK_FLAG_BELOW)}</p>
                    <p role="status" aria-live="off" class=if flagged.is_empty() { "" } else { "warn" }>{summary}</p>
                    <div class="table-scroll">
                        <table class="consistency-table">
                            <caption class="visually-hidden">"评委评分一致性"</caption>
                            <thead><tr>
                                <th scope="col">"评委"</th>
                                <th scope="col" class="num">"比较单位数"</th>
                                <th scope="col" class="num">"总分偏离"</th>
                                <th scope="col" class="num">"排序相关"</th>
                                <th scope="col" class="num">"被去掉比例"</th>
                                <th scope="col">"提示"</th>
                                <th scope="col">"各指标偏离"</th>
                            </tr></thead>
                            <tbody>
                                {v.rows.iter().map(|r| {
                                    let flag = r.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join("；");
                                    let class = if r.flags.is_empty() { "" } else { "flagged" };
                                    let dropped = match (r.dropped_share, r.chance_share) {
                                        (Some(d), Some(c)) => format!("{}（{}）", pct(d), pct(c)),
                                        _ => "—".to_string(),
                                    };
                                    let per: Vec<String> = r.indicator_dev.iter().zip(names.iter())
                                        .filter_map(|(d, n)| d.map(|d| format!("{n}：{}", signed(d))))
                                        .collect();
                                    view! {
                                        <tr class=class>
                                            <th scope="row">{r.name.clone()}</th>
                                            <td class="num">{r.units_compared}</td>
                                            <td class="num">{r.total_dev.map(signed).unwrap_or_else(|| "—".into())}</td>
                                            <td class="num">{r.spearman.map(two).unwrap_or_else(|| "—".into())}</td>
                                            <td class="num">{dropped}</td>
                                            <td>{if flag.is_empty() { String::new() } else { format!("需关注：{flag}") }}</td>
                                            <td><details><summary>{format!("查看（{} 项）", per.len())}</summary>
                                                <ul class="small">{per.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                                            </details></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {v.what_if.map(|rows| view! {
                        <h3 id="what-if-title">"标准化总分（假设）"</h3>
                        <p class="hint">"按考评方案的设置并列显示：把每位评委的单位总分换算为标准分（减去该评委的平均分、除以其标准差），再放回全体评分的平均分和标准差上汇总，加上加分、减去扣分。仅供参考，正式总分、等次和排名不变。"</p>
                        <table class="what-if">
                            <caption class="visually-hidden">"标准化总分（假设）与正式总分"</caption>
                            <thead><tr>
                                <th scope="col">"单位"</th>
                                <th scope="col" class="num">"正式总分"</th>
                                <th scope="col" class="num">"标准化总分（假设）"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(n, o, z)| view! {
                                    <tr><th scope="row">{n}</th><td class="num">{o}</td><td class="num">{z}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                }
            })}
        </section>
    }
}
