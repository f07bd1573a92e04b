//! 考评: the list of rounds and the 新建考评 form (one round's page is
//! `round_detail.rs`).

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::round_setup::labels;
use crate::ui::components::fields::{
    keep_draft_fields, marks, DraftField, FormError, FormFaults, Refusal,
};

/// The draft key of the 新建考评 form.
const NEW_ROUND_DRAFT: &str = "新建考评";

use crate::domain::round_setup::{
    create_round, default_scheme_choice, default_unit_ids, round_summary, scheme_choices,
    suggest_year, NewRound,
};
use crate::domain::{AppState, Id, Scheme};
use crate::route::Route;
use crate::ui::components::fields::navigate;
use crate::ui::state::{AppContext, Notice};

/// One line of the rounds list.
#[derive(Clone, PartialEq)]
struct RoundLine {
    id: Id,
    name: String,
    year: u16,
    scheme: String,
    units: usize,
    assessors: usize,
    completeness: String,
}

fn round_lines(s: &AppState) -> Vec<RoundLine> {
    let mut lines: Vec<RoundLine> = s
        .rounds
        .iter()
        .map(|r| {
            let scheme = s.scheme(&r.scheme_id);
            let n = scheme.map(|sc| sc.indicator_count()).unwrap_or(0);
            RoundLine {
                id: r.id.clone(),
                name: r.name.clone(),
                year: r.year,
                scheme: scheme
                    .map(Scheme::version_label)
                    .unwrap_or_else(|| format!("方案「{}」缺失", r.scheme_id)),
                units: r.unit_ids.len(),
                assessors: r.assessors.len(),
                completeness: round_summary(r, n)
                    .weighed(scheme.map_or(0, |sc| sc.aggregation.self_weight_pct))
                    .label(),
            }
        })
        .collect();
    crate::domain::sorting::sort_by(&mut lines, |a, b| {
        b.year.cmp(&a.year).then(a.name.cmp(&b.name))
    });
    lines
}

/// The 考评 page.
#[component]
pub fn RoundsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let lines = Memo::new(move |_| ctx.state.with(round_lines));
    view! {
        <section class="rounds">
            <h1>"考评"</h1>
            {move || {
                let lines = lines.get();
                if lines.is_empty() {
                    view! { <p>"还没有考评轮次。请用下面的“新建考评”创建。"</p> }.into_any()
                } else {
                    view! {
                        <table class="rounds-list">
                            <caption class="visually-hidden">"考评轮次"</caption>
                            <thead><tr>
                                <th scope="col">"考评"</th>
                                <th scope="col" class="num">"年度"</th>
                                <th scope="col">"考评方案"</th>
                                <th scope="col" class="num">"单位"</th>
                                <th scope="col" class="num">"评委"</th>
                                <th scope="col">"评分完成情况"</th>
                            </tr></thead>
                            <tbody>
                                {lines.into_iter().map(|l| view! {
                                    <tr>
                                        <th scope="row"><a href=Route::Round(l.id.clone()).href()>{l.name}</a></th>
                                        <td class="num">{l.year}</td>
                                        <td>{l.scheme}</td>
                                        <td class="num">{l.units}</td>
                                        <td class="num">{l.assessors}</td>
                                        <td>{l.completeness}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
            <NewRoundForm />
        </section>
    }
}

/// Units of the roster for the picker: id, name, status.
type PickUnits = Memo<Vec<(Id, String, &'static str)>>;

/// The 新建考评 form.
#[component]
fn NewRoundForm() -> impl IntoView {
    let ctx = AppContext::get();
    let start = ctx.state.with_untracked(|s| {
        let year = suggest_year(s, ctx.this_year());
        let choice = default_scheme_choice(s, year);
        (year, choice, default_unit_ids(s))
    });
    let year = RwSignal::new(start.0.to_string());
    let scheme_id = RwSignal::new(start.1.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let weight = RwSignal::new(
        start
            .1
            .as_ref()
            .map(|c| c.self_weight_pct.to_string())
            .unwrap_or_else(|| "0".into()),
    );
    // The units ticked, in id order: a list, so that the form's draft keeps them.
    let selected: RwSignal<Vec<Id>> = RwSignal::new(
        start
            .2
            .into_iter()
            .collect::<BTreeSet<Id>>()
            .into_iter()
            .collect(),
    );
    let names = RwSignal::new(String::new());
    // Typed and left (another page, a reload): the form comes back as it was.
    let kept = keep_draft_fields(
        NEW_ROUND_DRAFT,
        vec![
            DraftField::Text(year),
            DraftField::Text(scheme_id),
            DraftField::Text(weight),
            DraftField::Checks(selected),
            DraftField::Text(names),
        ],
    );
    let faults = FormFaults::new();
    let (year_bad, year_said) = marks(Some(faults), labels::YEAR, None);
    let (scheme_bad, scheme_said) = marks(Some(faults), labels::SCHEME, None);
    let (weight_bad, weight_said) = marks(Some(faults), labels::WEIGHT, None);
    let (names_bad, names_said) = marks(Some(faults), labels::ASSESSORS, None);
    // A field with its own hint is described by the hint, and by a refusal about it.
    let with_hint = |hint: &'static str, said: Option<String>| match said {
        Some(e) => format!("{hint} {e}"),
        None => hint.to_string(),
    };

    let year_num = move || year.with(|y| y.trim().parse::<u16>().unwrap_or(start.0));
    let choices = Memo::new(move |_| {
        let y = year_num();
        ctx.state.with(|s| scheme_choices(s, y))
    });
    let units: PickUnits = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone(), u.status.label()))
                .collect::<Vec<_>>()
        })
    });

    let on_scheme = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(c) = choices.get_untracked().into_iter().find(|c| c.id == id) {
            weight.set(c.self_weight_pct.to_string());
        }
        scheme_id.set(id);
    };

    // A year with its own scheme takes it, as the form's first choice did.
    let on_year = move |text: String| {
        year.set(text);
        let y = year_num();
        let own = ctx.state.with_untracked(|s| {
            s.schemes
                .iter()
                .any(|x| x.year == y)
                .then(|| default_scheme_choice(s, y))
                .flatten()
        });
        if let Some(c) = own {
            weight.set(c.self_weight_pct.to_string());
            scheme_id.set(c.id);
        }
    };
    // What a clerk would want to see before creating a round for the wrong year.
    let scheme_year_hint = move || {
        let y = year_num();
        let sy = scheme_id.with(|id| ctx.state.with(|s| s.scheme(id).map(|x| x.year)))?;
        (sy != y).then(|| format!("所选方案是 {sy} 年度的，本次考评是 {y} 年度；如不是有意沿用，请选 {y} 年度的方案。"))
    };
    let late_units = move || {
        let y = year_num();
        let late: Vec<String> = selected.with(|sel| {
            ctx.state.with(|s| {
                s.units
                    .iter()
                    .filter(|u| sel.contains(&u.id) && u.entered_year > y)
                    .map(|u| format!("{}（{}年入选）", u.name, u.entered_year))
                    .collect()
            })
        });
        (!late.is_empty()).then(|| {
            format!(
                "以下单位入选年份晚于 {y} 年，通常不参加 {y} 年度考评：{}",
                late.join("、")
            )
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NewRound {
            year: year.get_untracked(),
            scheme_id: scheme_id.get_untracked(),
            unit_ids: selected.get_untracked().into_iter().collect(),
            assessor_names: names.get_untracked(),
            self_weight: weight.get_untracked(),
        };
        submit_round(ctx, &form, faults, move || kept.done());
    };

    view! {
        <form class="new-round" on:submit=on_submit aria-labelledby="new-round-title" novalidate>
            <h2 id="new-round-title">"新建考评"</h2>
            {kept.note()}
            <div>
                <label class="field">
                    <span>{labels::YEAR}</span>
                    <input type="number" min="2000" max="2100" step="1"
                        aria-invalid=year_bad aria-describedby=year_said
                        prop:value=move || year.get()
                        on:input=move |e| on_year(event_target_value(&e)) />
                </label>
                <div class="field">
                    <label for="new-round-scheme">{labels::SCHEME}</label>
                    <select id="new-round-scheme" aria-invalid=scheme_bad aria-describedby=scheme_said prop:value=move || scheme_id.get() on:change=on_scheme>
                        {move || choices.get().into_iter().map(|c| {
                            let id = c.id.clone();
                            view! {
                                <option value=c.id.clone() selected=move || scheme_id.with(|s| *s == id)>{c.label}</option>
                            }
                        }).collect_view()}
                    </select>
                    {move || scheme_year_hint().map(|h| view! { <p class="hint warn" role="status">{h}</p> })}
                </div>
                <label class="field">
                    <span>{labels::WEIGHT}</span>
                    <input type="number" min="0" max="100" step="1" aria-invalid=weight_bad
                        aria-describedby=move || with_hint("weight-hint", weight_said())
                        prop:value=move || weight.get()
                        on:input=move |e| weight.set(event_target_value(&e)) />
                </label>
                <p id="weight-hint" class="hint">"默认取自所选方案；填写不同的数值会为本次考评生成该方案的新版本，原方案不变。"</p>
            </div>
            {unit_picker(units, selected)}
            {move || late_units().map(|h| view! { <p class="hint warn" role="status">{h}</p> })}
            <label class="field field--wide">
                <span>{labels::ASSESSORS}</span>
                <textarea rows="5" aria-invalid=names_bad
                    aria-describedby=move || with_hint("names-hint", names_said())
                    prop:value=move || names.get()
                    on:input=move |e| names.set(event_target_value(&e))></textarea>
            </label>
            // The scheme's minimum said before the round is made (a clerk's review: it was
            // said only on the round page afterwards).
            <p id="names-hint" class="hint">{move || {
                let min = scheme_id.with(|id| choices.with(|c| c.iter().find(|c| c.id == *id).map_or(0, |c| c.min_assessors)));
                if min > 1 {
                    format!("每行填写一位评委的姓名。按所选考评方案，每个单位至少应有 {min} 位评委评分（不足的单位会在考评页标出）。")
                } else {
                    "每行填写一位评委的姓名，至少一位。".to_string()
                }
            }}</p>
            <FormError error=faults.error id=faults.error_id() />
            <p><button type="submit" class="primary">"创建考评"</button></p>
        </form>
    }
}

/// Creates the round and opens its page (`created` first), or shows at the form why not.
fn submit_round(ctx: AppContext, form: &NewRound, faults: FormFaults, created: impl FnOnce()) {
    let now = ctx.now_iso();
    // Checked on a copy first, so a mistake is shown at the form only.
    let mut probe = ctx.state.get_untracked();
    if let Err(e) = create_round(&mut probe, form, &now) {
        faults.refuse(Refusal::of(&e));
        return;
    }
    faults.clear();
    if let Ok(id) = ctx.update("新建考评", |s| create_round(s, form, &now)) {
        let name = ctx
            .state
            .with_untracked(|s| s.round(&id).map(|r| r.name.clone()))
            .unwrap_or_default();
        ctx.notice
            .set(Some(Notice::info(format!("已创建「{name}」。"))));
        // The form is done with before its page goes.
        created();
        navigate(&Route::Round(id));
    }
}

/// The roster's units to tick, with 全选: ticked when all are, half-ticked when some
/// are, and then a click clears them (a clerk's review: with 39 of 41 ticked it showed
/// unticked, and a click to clear ticked all, the 摘牌 and 退出 units too).
fn unit_picker(units: PickUnits, selected: RwSignal<Vec<Id>>) -> impl IntoView {
    let all_ticked = move || {
        let us = units.get();
        !us.is_empty() && selected.with(|sel| us.iter().all(|(id, _, _)| sel.contains(id)))
    };
    let some_ticked = move || {
        let us = units.get();
        selected.with(|sel| us.iter().any(|(id, _, _)| sel.contains(id)))
    };
    view! {
        <fieldset class="unit-picker">
            <legend>{move || format!("参评单位（已选 {} / {} 个）", selected.with(|s| s.len()), units.with(|u| u.len()))}</legend>
            <label class="unit-picker__all">
                <input type="checkbox" prop:checked=all_ticked
                    prop:indeterminate=move || some_ticked() && !all_ticked()
                    on:change=move |_| {
                        if some_ticked() {
                            selected.set(Vec::new());
                        } else {
                            selected.set(units.get_untracked().into_iter().map(|(id, _, _)| id).collect());
                        }
                    } />
                "全选"
            </label>
            {move || if units.with(|u| u.is_empty()) {
                view! { <p>"单位名册为空。请先在“单位”页面添加单位，或在“数据管理”中载入示例数据。"</p> }.into_any()
            } else {
                view! {
                    <ul class="unit-picker__list">
                        {units.get().into_iter().map(|(id, name, status)| {
                            let id2 = id.clone();
                            view! {
                                <li><label>
                                    <input type="checkbox"
                                        prop:checked=move || selected.with(|s| s.contains(&id))
                                        on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            selected.update(|s| {
                                                s.retain(|x| *x != id2);
                                                if on { s.push(id2.clone()); s.sort(); }
                                            });
                                        } />
                                    {name}
                                    <span class="muted">{format!("（{status}）")}</span>
                                </label></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </fieldset>
    }
}
