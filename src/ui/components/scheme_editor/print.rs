//! The scheme as it prints (Ctrl+P or 打印方案): a plain A4 table of the dimensions and
//! indicators with their points and 评分细则 in full, the items, the grade lines and the
//! aggregation settings, for handing to assessors. The editor's inputs do not print.

use leptos::prelude::*;

use crate::domain::{AdjustmentItem, Scheme};

/// The printed scheme: the draft as it stands (`unsaved` marks changes not yet saved).
pub(super) fn scheme_print(draft: RwSignal<Scheme>, unsaved: Memo<bool>) -> impl IntoView {
    move || {
        draft.with(|s| {
            let title = format!("{}（第{}版）", s.name.trim(), s.version);
            let rows = s
                .dimensions
                .iter()
                .flat_map(|d| {
                    let span = d.indicators.len().max(1);
                    let head = format!("{}（{}分）", d.name.trim(), d.full_points());
                    d.indicators
                        .iter()
                        .enumerate()
                        .map(move |(i, ind)| {
                            let first = (i == 0).then(|| {
                                view! { <th scope="rowgroup" rowspan=span.to_string()>{head.clone()}</th> }
                            });
                            view! {
                                <tr>
                                    {first}
                                    <td>{ind.name.trim().to_string()}</td>
                                    <td class="num">{ind.max.to_string()}</td>
                                    <td class="guidance">{ind.guidance.trim().to_string()}</td>
                                </tr>
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .collect_view();
            let b = &s.grade_bands;
            let bands = format!(
                "优秀 {} 分及以上，良好 {} 分及以上，合格 {} 分及以上，低于合格分数线为不合格。{}",
                b.excellent,
                b.good,
                b.pass,
                if s.excellent_needs_innovation {
                    "评为优秀须有至少一项经认定的创新成果。"
                } else {
                    ""
                }
            );
            let a = &s.aggregation;
            let mut rules = Vec::new();
            if a.trim_min_assessors > 0 {
                // Counted per indicator: the points given on it, blanks left out
                // (`scoring::aggregate_points`, never fewer than 3).
                rules.push(format!(
                    "某个指标的评委评分（空项不计）达到 {n} 个时，去掉一个最高分和一个最低分后取平均，不足 {n} 个时直接取平均",
                    n = a.trim_min_assessors.max(3)
                ));
            } else {
                rules.push("各评委评分取平均".to_string());
            }
            rules.push(if a.self_weight_pct > 0 {
                format!("自评占 {}%", a.self_weight_pct)
            } else {
                "自评仅供参考，不计入得分".to_string()
            });
            if let Some(c) = s.excellent_cap_pct {
                rules.push(format!("优秀比例不超过 {c}%"));
            }
            view! {
                <div class="print-only scheme-print">
                    <h1>{title}</h1>
                    {unsaved.get().then(|| view! { <p class="draft-mark">"含尚未保存的修改"</p> })}
                    <table class="scheme-print__table">
                        <caption>{format!("{}年度 · 满分合计 {} 分", s.year, s.full_points())}</caption>
                        <thead><tr>
                            <th scope="col">"一级指标"</th><th scope="col">"二级指标"</th>
                            <th scope="col" class="num">"满分"</th><th scope="col">"评分细则"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p>{crate::domain::scheme_edit::step_rule(s)}</p>
                    {item_list("加分项目", &s.bonus_items, "加", Some(format!("加分合计不超过 {} 分。", s.bonus_cap)))}
                    {item_list("扣分项目", &s.deduction_items, "扣", None)}
                    {(!s.veto_items.is_empty()).then(|| view! {
                        <h2>{crate::ui::text::VETO_ITEMS}</h2>
                        <p>{crate::ui::text::VETO_RULE}"："
                            {s.veto_items.iter().map(|v| v.name.trim().to_string()).collect::<Vec<_>>().join("；")}"。"</p>
                    })}
                    <h2>"等次"</h2>
                    <p>{bands}</p>
                    <h2>"汇总"</h2>
                    <p>{format!("{}。", rules.join("；"))}</p>
                </div>
            }
        })
    }
}

/// A list of 加分 or 扣分 items with their points each time (`verb`: 加 / 扣).
fn item_list(
    title: &'static str,
    items: &[AdjustmentItem],
    verb: &'static str,
    note: Option<String>,
) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        let lines = items
            .iter()
            .map(|i| {
                // An item of 0 points acts in the sheets (材料弄虚作假: the indicator
                // scored 0): said so, not a puzzling 扣 0 分.
                let each = if i.points == crate::domain::Points::ZERO {
                    format!("不另{verb}分")
                } else {
                    format!("每次{verb} {} 分", i.points)
                };
                view! { <li>{format!("{}：{each}", i.name.trim())}</li> }
            })
            .collect_view();
        view! {
            <h2>{title}</h2>
            <ul>{lines}</ul>
            {note.map(|n| view! { <p>{n}</p> })}
        }
    })
}
