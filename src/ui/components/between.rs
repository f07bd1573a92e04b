//! Pieces shared by the between-rounds screens (结对, 整改, 保障投入, 督导), the unit's
//! page and 概览: option lists for the form kit and the unit's between-rounds summary.
//! Figures come from `domain::between_rounds`.

use leptos::prelude::*;

use crate::domain::between_rounds::{
    guidance, pairing, rectification, resources, set_months, MonthsSetting,
};
use crate::domain::{RectificationStatus, UnitStatus};
use crate::route::Route;
use crate::ui::components::fields::{update_form, FormError, FormFaults, TextField};
use crate::ui::state::AppContext;
use crate::ui::text;

/// (code, text) pairs for an enum's values, from its `code` and `label`.
pub fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|t| (code(*t).to_string(), label(*t).to_string()))
        .collect()
}

/// The value whose code is `c`, if any.
pub fn by_code<T: Copy>(all: &[T], code: fn(T) -> &'static str, c: &str) -> Option<T> {
    all.iter().copied().find(|t| code(*t) == c)
}

/// The roster as (id, name) choices: see `roster::unit_choices`.
pub fn unit_options(ctx: AppContext) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || ctx.state.with(crate::domain::roster::unit_choices))
}

/// A unit's between-rounds summary on its page: open and overdue 整改 items, the last
/// 督导 visit, its pairings and its 保障投入 by year.
#[component]
pub fn UnitBetweenRounds(
    /// The unit shown.
    #[prop(into)]
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let uid = StoredValue::new(unit_id);
    let summary = Memo::new(move |_| {
        ctx.state.with(|s| {
            let id = uid.get_value();
            let items: Vec<(String, String, String, bool, bool)> = s
                .rectifications
                .iter()
                // An item reported done still waits for 销号: listed too (a clerk's
                // review: the page said nothing was outstanding while one waited).
                .filter(|r| r.unit_id == id && r.status != RectificationStatus::Closed)
                .map(|r| {
                    // Past its deadline and owed in the unit's earlier spell, before it
                    // left and was selected again: said, as it is not counted overdue (a
                    // clerk's review: 逾期0项 beside an item six months past due).
                    let earlier = rectification::owed_in_earlier_spell(s, r, &today);
                    let when = if earlier {
                        format!(
                            "期限 {}，{}，{}",
                            r.deadline,
                            r.status.label(),
                            text::RAISED_BEFORE_RESELECTED
                        )
                    } else {
                        format!("期限 {}，{}", r.deadline, r.status.label())
                    };
                    (
                        r.id.clone(),
                        format!("{}：{}", r.category.label(), r.description),
                        when,
                        rectification::is_overdue_in(s, r, &today),
                        earlier,
                    )
                })
                .collect();
            let awaiting = s
                .rectifications
                .iter()
                .filter(|r| r.unit_id == id && r.status == RectificationStatus::Done)
                .count();
            let counts = (rectification::unit_open_counts(s, &id, &today), awaiting);
            let last = guidance::last_visit(s, &id, &today).map(str::to_string);
            let pairs: Vec<(String, String, bool, Option<String>)> = pairing::of_unit(s, &id)
                .into_iter()
                .map(|p| {
                    let ended = (p.status == crate::domain::PairingStatus::Ended).then(|| {
                        p.ended_on
                            .as_ref()
                            .map_or_else(|| "已结束".to_string(), |d| format!("已于{d}结束"))
                    });
                    (
                        p.id.clone(),
                        format!("{} ↔ {}", name(s, &p.site_id), p.partner_name),
                        ended.is_none()
                            && pairing::is_idle(p, s.settings.idle_pairing_months, &today),
                        ended,
                    )
                })
                .collect();
            let money: Vec<String> = resources::of_unit(s, &id)
                .into_iter()
                .map(|r| format!("{}年：{}", r.year, resources::summary_text(r)))
                .collect();
            (items, counts, last, pairs, money)
        })
    });
    view! {
        {move || {
            let (items, ((open, late), awaiting), last, pairs, money) = summary.get();
            let earlier = items.iter().filter(|i| i.4).count();
            let earlier = if earlier > 0 {
                format!("（其中{earlier}项为{}）", text::RAISED_BEFORE_RESELECTED)
            } else {
                String::new()
            };
            let awaiting = if awaiting > 0 {
                format!("另有{awaiting}项已完成、待核验销号。")
            } else {
                String::new()
            };
            let left = ctx.state.with(|s| {
                s.unit(&uid.get_value())
                    .filter(|u| matches!(u.status, UnitStatus::Withdrawn | UnitStatus::Delisted))
                    .map(|u| u.status.label())
            });
            view! {
                <h2>"整改事项"</h2>
                <p>{match left {
                    // A unit that has left owes nothing more (`rectification::unit_left_by`).
                    Some(status) if open > 0 => format!("未完成的整改事项{open}项（单位已{status}，不再计为逾期）。{awaiting}"),
                    _ => format!("未完成的整改事项{open}项，其中逾期{late}项{earlier}。{awaiting}"),
                }}
                    <a class="no-print" href=crate::route::href_with(&Route::Rectification, &[("unit", &uid.get_value())])>"去整改"</a></p>
                {(!items.is_empty()).then(|| view! {
                    <ul class="between-list">
                        {items.into_iter().map(|(id, what, when, late, _)| view! {
                            <li class:overdue=late>
                                <a href=Route::RectificationItem(id).href()>{what}</a>
                                {format!("（{when}）")}
                                {late.then(|| view! { <span class="badge badge--danger">"逾期"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                <h2>"督导"</h2>
                <p>{match last {
                    Some(d) => format!("最近一次督导/指导：{d}。"),
                    None => "尚无督导/指导记录。".to_string(),
                }}<a class="no-print" href=crate::route::href_with(&Route::Guidance, &[("unit", &uid.get_value())])>"去督导"</a></p>
                <h2>"结对"</h2>
                {if pairs.is_empty() {
                    view! { <p class="muted">"尚无结对。"</p> }.into_any()
                } else {
                    view! { <ul class="between-list">
                        {pairs.into_iter().map(|(id, what, idle, ended)| view! {
                            <li><a href=Route::Pairing(id).href()>{what}</a>
                                {idle.then(|| view! { <span class="badge badge--warn">"不活跃"</span> })}
                                {ended.map(|e| view! { <span class="badge">{e}</span> })}</li>
                        }).collect_view()}
                    </ul> }.into_any()
                }}
                <h2>"保障投入"</h2>
                {if money.is_empty() {
                    view! { <p class="muted">"尚未登记保障投入。"</p> }.into_any()
                } else {
                    view! { <ul class="between-list">{money.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any()
                }}
            }
        }}
    }
}

/// A unit's name, or its id when it is not in the roster.
pub fn name(s: &crate::domain::AppState, id: &str) -> String {
    crate::domain::between_rounds::unit_name(s, id)
}

/// A small form that sets one between-rounds threshold (in months).
#[component]
pub fn MonthsSettingForm(
    /// Which threshold.
    which: MonthsSetting,
) -> impl IntoView {
    let ctx = AppContext::get();
    let value = RwSignal::new(ctx.state.with_untracked(|s| which.get(s)).to_string());
    let faults = FormFaults::new();
    let error = faults.error;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = value.get_untracked();
        match update_form(ctx, which.label(), |s| set_months(s, which, &typed)) {
            Ok(m) => {
                faults.clear();
                value.set(m.to_string());
                ctx.notice.set(Some(crate::ui::state::Notice::info(format!(
                    "已将“{}”设为{m}个月。",
                    which.label()
                ))));
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form class="step-form no-print" aria-label=format!("设置{}", which.label()) on:submit=submit>
            <TextField label=which.label() value=value faults />
            <div class="form-actions"><button type="submit">{format!("保存{}", which.label())}</button></div>
            <FormError error id=faults.error_id() />
        </form>
    }
}

/// The 保障投入 of a unit in a year as a term and its definition, for a `<dl>` (the
/// report card, beside the 保障投入 dimension in its chart).
#[component]
pub fn ResourcesFact(
    /// The unit.
    #[prop(into)]
    unit_id: String,
    /// The year.
    year: u16,
) -> impl IntoView {
    let ctx = AppContext::get();
    let text = ctx.state.with_untracked(|s| {
        resources::of_unit_year(s, &unit_id, year)
            .map(resources::summary_text)
            .unwrap_or_else(|| "未登记".to_string())
    });
    view! { <dt>{format!("{year}年保障投入")}</dt><dd>{text}</dd> }
}
