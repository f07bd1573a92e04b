//! The scheme editor: dimensions and indicators with their points and 评分细则, items,
//! grade bands and aggregation, kept as a draft while the clerk visits other pages.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::default_scheme::{save_scheme_edit, scheme_has_scores};
use crate::domain::roster::parse_year;
use crate::domain::scheme_edit::{
    add_dimension, add_indicator, add_item, check_draft, move_dimension, move_indicator,
    parse_points_field, parse_small_number, remove_dimension, remove_indicator, remove_item,
    Direction, ItemList,
};
use crate::domain::{DimensionRole, Points, Scheme};
use crate::route::Route;
use crate::ui::components::fields::navigate;
use crate::ui::state::{AppContext, Notice};

/// Field keys of inputs whose text cannot be read yet, with the message.
type BadFields = RwSignal<BTreeMap<String, String>>;

/// The shape of the draft: what changes only when something is added, removed or
/// moved (then the editor's rows are rebuilt from the draft).
#[derive(Clone, PartialEq)]
struct Shape {
    dims: Vec<usize>,
    bonus: usize,
    deductions: usize,
    vetoes: usize,
    ids: Vec<String>,
}

fn shape_of(s: &Scheme) -> Shape {
    Shape {
        dims: s.dimensions.iter().map(|d| d.indicators.len()).collect(),
        bonus: s.bonus_items.len(),
        deductions: s.deduction_items.len(),
        vetoes: s.veto_items.len(),
        ids: s
            .dimensions
            .iter()
            .flat_map(|d| {
                std::iter::once(d.id.clone()).chain(d.indicators.iter().map(|i| i.id.clone()))
            })
            .chain(s.bonus_items.iter().map(|i| i.id.clone()))
            .chain(s.deduction_items.iter().map(|i| i.id.clone()))
            .chain(s.veto_items.iter().map(|i| i.id.clone()))
            .collect(),
    }
}

/// A name shown in labels; an empty name is shown as （未命名）.
fn shown(name: &str) -> String {
    if name.trim().is_empty() {
        "（未命名）".to_string()
    } else {
        name.trim().to_string()
    }
}

/// A text input bound to the draft: starts from `initial`, writes each change.
fn text_cell(
    label: impl Fn() -> String + Send + Sync + 'static,
    initial: String,
    draft: RwSignal<Scheme>,
    apply: impl Fn(&mut Scheme, String) + 'static,
    wide: bool,
) -> impl IntoView {
    if wide {
        view! {
            <textarea rows="2" aria-label=label prop:value=initial
                on:input=move |e| { let v = event_target_value(&e); draft.update(|s| apply(s, v)); }></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" aria-label=label prop:value=initial
                on:input=move |e| { let v = event_target_value(&e); draft.update(|s| apply(s, v)); } />
        }
        .into_any()
    }
}

/// A points input bound to the draft: text that cannot be read is kept in `bad` (and
/// shown) until it is corrected; readable text updates the draft at once.
fn points_cell(
    label: impl Fn() -> String + Send + Sync + Clone + 'static,
    key: String,
    initial: Points,
    draft: RwSignal<Scheme>,
    bad: BadFields,
    apply: impl Fn(&mut Scheme, Points) + 'static,
) -> impl IntoView {
    let key2 = key.clone();
    let what = label.clone();
    view! {
        <input type="text" inputmode="decimal" class="points" aria-label=label prop:value=initial.to_string()
            aria-invalid=move || bad.with(|b| b.contains_key(&key2)).then_some("true")
            on:input=move |e| {
                let v = event_target_value(&e);
                match parse_points_field(&what(), &v) {
                    Ok(p) => { bad.update(|b| { b.remove(&key); }); draft.update(|s| apply(s, p)); }
                    Err(msg) => bad.update(|b| { b.insert(key.clone(), msg); }),
                }
            } />
    }
}

/// The editor of one scheme version.
#[component]
pub fn SchemeEditor(
    /// The stored version.
    scheme: Scheme,
    /// The draft kept from the last visit, if the person left with changes unsaved.
    kept: Option<Scheme>,
    /// Bumped to make the editor afresh.
    generation: RwSignal<u32>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let stored_id = scheme.id.clone();
    let stored_id_for_draft = StoredValue::new(stored_id.clone());
    let has_scores = ctx
        .state
        .with_untracked(|s| scheme_has_scores(s, &stored_id));
    let next_version = ctx.state.with_untracked(|s| {
        s.schemes
            .iter()
            .filter(|x| x.family == scheme.family)
            .map(|x| x.version)
            .max()
            .unwrap_or(scheme.version)
            + 1
    });
    let title = scheme.name.clone();
    let version = scheme.version;
    let original = StoredValue::new(scheme.clone());
    let restored = kept.is_some();
    let draft = RwSignal::new(kept.unwrap_or(scheme));
    let bad: BadFields = RwSignal::new(BTreeMap::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let shape = Memo::new(move |_| draft.with(shape_of));
    let total = Memo::new(move |_| draft.with(|s| s.full_points()));
    let dirty = Memo::new(move |_| original.with_value(|o| draft.with(|d| o != d)));
    // The draft outlives the page: leaving the editor keeps it, saving or dropping ends it.
    Effect::new(move |_| {
        if dirty.get() {
            draft
                .with(|d| ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), Some(d.clone())));
        } else {
            ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), None);
        }
    });

    let save = move |_| {
        let d = draft.get_untracked();
        let mut errs: Vec<String> = bad.with_untracked(|b| b.values().cloned().collect());
        errs.extend(check_draft(&d));
        if !errs.is_empty() {
            errors.set(errs);
            return;
        }
        errors.set(Vec::new());
        let now = ctx.now_iso();
        let old_id = d.id.clone();
        if let Ok(new_id) = ctx.update("保存考评方案", |s| {
            Ok::<_, String>(save_scheme_edit(s, d, &now))
        }) {
            ctx.keep_scheme_draft(&old_id, None);
            if new_id == old_id {
                ctx.notice.set(Some(Notice::info("已保存方案。")));
                generation.update(|g| *g += 1);
            } else {
                ctx.notice.set(Some(Notice::info(format!(
                    "此方案已有评分，修改已保存为新版本（第 {next_version} 版）；原第 {version} 版及其评分未改变。"
                ))));
                navigate(&Route::Scheme(new_id));
            }
        }
    };
    let discard = move |_| {
        errors.set(Vec::new());
        ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), None);
        generation.update(|g| *g += 1);
    };

    // Structural edits: rows are rebuilt, so pending unreadable text is dropped.
    let restructure = move |f: Box<dyn FnOnce(&mut Scheme)>| {
        bad.set(BTreeMap::new());
        draft.update(|s| f(s));
    };

    let dim_name = move |d: usize| {
        draft.with(|s| {
            s.dimensions
                .get(d)
                .map(|x| shown(&x.name))
                .unwrap_or_default()
        })
    };
    let ind_name = move |d: usize, i: usize| {
        draft.with(|s| {
            s.dimensions
                .get(d)
                .and_then(|x| x.indicators.get(i))
                .map(|x| shown(&x.name))
                .unwrap_or_default()
        })
    };

    let tree = move || {
        let sh = shape.get();
        let snapshot = draft.get_untracked();
        sh.dims.iter().enumerate().map(|(d, &n_ind)| {
            let dim = snapshot.dimensions[d].clone();
            let n_dims = sh.dims.len();
            let rows = (0..n_ind).map(|i| {
                let ind = dim.indicators[i].clone();
                let key = format!("ind:{}:{}", d, ind.id);
                view! {
                    <tr>
                        <td>{text_cell(move || format!("指标名称 {}", ind_name(d, i)), ind.name.clone(), draft,
                            move |s, v| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.name = v }, false)}</td>
                        <td>{points_cell(move || format!("满分 {}", ind_name(d, i)), format!("{key}:max"), ind.max, draft, bad,
                            move |s, p| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.max = p })}</td>
                        <td>{points_cell(move || format!("计分单位 {}", ind_name(d, i)), format!("{key}:step"), ind.step, draft, bad,
                            move |s, p| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.step = p })}</td>
                        <td class="guidance">{text_cell(move || format!("评分细则 {}", ind_name(d, i)), ind.guidance.clone(), draft,
                            move |s, v| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.guidance = v }, true)}</td>
                        <td class="actions">
                            <button type="button" aria-label=move || format!("上移 {}", ind_name(d, i)) disabled=i == 0
                                on:click=move |_| restructure(Box::new(move |s| { move_indicator(s, d, i, Direction::Up); }))>"↑"</button>
                            <button type="button" aria-label=move || format!("下移 {}", ind_name(d, i)) disabled=i + 1 == n_ind
                                on:click=move |_| restructure(Box::new(move |s| { move_indicator(s, d, i, Direction::Down); }))>"↓"</button>
                            <button type="button" class="danger" aria-label=move || format!("删除 {}", ind_name(d, i))
                                on:click=move |_| restructure(Box::new(move |s| { remove_indicator(s, d, i); }))>"删除"</button>
                        </td>
                    </tr>
                }
            }).collect_view();
            let subtotal = move || draft.with(|s| s.dimensions.get(d).map(|x| x.full_points()).unwrap_or(Points::ZERO)).to_string();
            view! {
                <fieldset class="dimension">
                    <legend>{move || format!("一级指标 {}：{}（小计 {} 分）", d + 1, dim_name(d), subtotal())}</legend>
                    <div class="dimension__head">
                        <label class="field">
                            <span>"一级指标名称"</span>
                            {text_cell(move || format!("一级指标名称 {}", dim_name(d)), dim.name.clone(), draft,
                                move |s, v| if let Some(x) = s.dimensions.get_mut(d) { x.name = v }, false)}
                        </label>
                        <label class="field">
                            <span>"考评侧重"</span>
                            <select aria-label=move || format!("考评侧重 {}", dim_name(d)) on:change=move |e| {
                                let v = event_target_value(&e);
                                if let Some(r) = DimensionRole::ALL.iter().find(|r| r.label() == v) {
                                    draft.update(|s| if let Some(x) = s.dimensions.get_mut(d) { x.role = *r });
                                }
                            }>
                                {DimensionRole::ALL.iter().map(|r| view! {
                                    <option value=r.label() selected=dim.role == *r>{r.label()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <span class="dimension__actions">
                            <button type="button" aria-label=move || format!("上移 {}", dim_name(d)) disabled=d == 0
                                on:click=move |_| restructure(Box::new(move |s| { move_dimension(s, d, Direction::Up); }))>"上移"</button>
                            <button type="button" aria-label=move || format!("下移 {}", dim_name(d)) disabled=d + 1 == n_dims
                                on:click=move |_| restructure(Box::new(move |s| { move_dimension(s, d, Direction::Down); }))>"下移"</button>
                            <button type="button" class="danger" aria-label=move || format!("删除 {}", dim_name(d))
                                on:click=move |_| restructure(Box::new(move |s| { remove_dimension(s, d); }))>"删除一级指标"</button>
                        </span>
                    </div>
                    <table class="indicators">
                        <caption class="visually-hidden">{move || format!("{}的二级指标", dim_name(d))}</caption>
                        <thead><tr>
                            <th scope="col">"二级指标"</th><th scope="col">"满分"</th><th scope="col">"计分单位"</th>
                            <th scope="col">"评分细则"</th><th scope="col">"操作"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <button type="button" aria-label=move || format!("添加指标到 {}", dim_name(d))
                        on:click=move |_| restructure(Box::new(move |s| { add_indicator(s, d); }))>"添加二级指标"</button>
                </fieldset>
            }
        }).collect_view()
    };

    let items = move |list: ItemList| {
        let sh = shape.get();
        let snapshot = draft.get_untracked();
        let (kind, n) = match list {
            ItemList::Bonus => ("加分", sh.bonus),
            ItemList::Deduction => ("扣分", sh.deductions),
            ItemList::Veto => ("否决", sh.vetoes),
        };
        let item_name = move |k: usize| {
            draft.with(|s| {
                let n = match list {
                    ItemList::Bonus => s.bonus_items.get(k).map(|x| x.name.clone()),
                    ItemList::Deduction => s.deduction_items.get(k).map(|x| x.name.clone()),
                    ItemList::Veto => s.veto_items.get(k).map(|x| x.name.clone()),
                };
                shown(&n.unwrap_or_default())
            })
        };
        (0..n)
            .map(|k| {
                let (name, points, id) = match list {
                    ItemList::Bonus => {
                        let x = &snapshot.bonus_items[k];
                        (x.name.clone(), Some(x.points), x.id.clone())
                    }
                    ItemList::Deduction => {
                        let x = &snapshot.deduction_items[k];
                        (x.name.clone(), Some(x.points), x.id.clone())
                    }
                    ItemList::Veto => {
                        let x = &snapshot.veto_items[k];
                        (x.name.clone(), None, x.id.clone())
                    }
                };
                let set_name = move |s: &mut Scheme, v: String| match list {
                    ItemList::Bonus => {
                        if let Some(x) = s.bonus_items.get_mut(k) {
                            x.name = v
                        }
                    }
                    ItemList::Deduction => {
                        if let Some(x) = s.deduction_items.get_mut(k) {
                            x.name = v
                        }
                    }
                    ItemList::Veto => {
                        if let Some(x) = s.veto_items.get_mut(k) {
                            x.name = v
                        }
                    }
                };
                let set_points = move |s: &mut Scheme, p: Points| {
                    let item = match list {
                        ItemList::Bonus => s.bonus_items.get_mut(k),
                        _ => s.deduction_items.get_mut(k),
                    };
                    if let Some(x) = item {
                        x.points = p
                    }
                };
                view! {
                    <tr>
                        <td>{text_cell(move || format!("{kind}项目 {}", item_name(k)), name, draft, set_name, false)}</td>
                        {points.map(|p| view! {
                            <td>{points_cell(move || format!("{kind}分值 {}", item_name(k)), format!("item:{id}:{k}"), p, draft, bad, set_points)}</td>
                        })}
                        <td><button type="button" class="danger" aria-label=move || format!("删除 {}", item_name(k))
                            on:click=move |_| restructure(Box::new(move |s| { remove_item(s, list, k); }))>"删除"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };

    let settings_points = |label: &'static str,
                           key: &'static str,
                           initial: Points,
                           apply: fn(&mut Scheme, Points)| {
        view! {
            <label class="field">
                <span>{label}</span>
                {points_cell(move || label.to_string(), key.to_string(), initial, draft, bad, apply)}
            </label>
        }
    };
    let settings_number = move |label: &'static str,
                                initial: String,
                                max: u8,
                                blank_ok: bool,
                                apply: fn(&mut Scheme, Option<u8>)| {
        let key = format!("setting:{label}");
        let key2 = key.clone();
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" inputmode="numeric" class="points" prop:value=initial
                    aria-invalid=move || bad.with(|b| b.contains_key(&key2)).then_some("true")
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        match parse_small_number(label, &v, max) {
                            Ok(n) if n.is_some() || blank_ok => { bad.update(|b| { b.remove(&key); }); draft.update(|s| apply(s, n)); }
                            Ok(_) => bad.update(|b| { b.insert(key.clone(), format!("请填写{label}")); }),
                            Err(msg) => bad.update(|b| { b.insert(key.clone(), msg); }),
                        }
                    } />
            </label>
        }
    };

    let s0 = draft.get_untracked();
    view! {
        <section class="scheme-editor">
            <p class="no-print"><a href=Route::Schemes.href()>"← 返回考评方案列表"</a></p>
            <h1>{title}</h1>
            <p class="hint">{format!("第 {version} 版 · {} 年度", s0.year)}</p>
            {restored.then(|| view! {
                <p class="notice-scored" role="note">
                    "这是您上次离开此页时尚未保存的修改，已为您保留。请“保存方案”，或“放弃修改”回到已保存的版本。"
                </p>
            })}
            {has_scores.then(|| view! {
                <p class="notice-scored" role="note">
                    {format!("此方案已有评分，保存将生成新版本（第 {next_version} 版），原第 {version} 版及其评分保持不变。")}
                </p>
            })}
            <p class="total-bar">
                "满分合计："<output aria-label="满分合计">{move || total.get().to_string()}</output>" 分"
                {move || (total.get() != Points::whole(100)).then_some("（通常为 100 分）")}
                {move || dirty.get().then_some(" · 有未保存的修改")}
            </p>

            <h2>"基本信息"</h2>
            <label class="field field--wide">
                <span>"方案名称"</span>
                <input type="text" prop:value=s0.name.clone()
                    on:input=move |e| { let v = event_target_value(&e); draft.update(|s| s.name = v); } />
            </label>
            <label class="field">
                <span>"年度"</span>
                <input type="text" inputmode="numeric" prop:value=s0.year.to_string()
                    aria-invalid=move || bad.with(|b| b.contains_key("year")).then_some("true")
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        match parse_year(&v) {
                            Some(y) => { bad.update(|b| { b.remove("year"); }); draft.update(|s| s.year = y); }
                            None => bad.update(|b| { b.insert("year".into(), format!("年度「{}」不对，应为四位数年份", v.trim())); }),
                        }
                    } />
            </label>

            <h2>"一级指标和二级指标"</h2>
            {tree}
            <p><button type="button" on:click=move |_| restructure(Box::new(|s| { add_dimension(s); }))>"添加一级指标"</button></p>

            <h2>"加分项目"</h2>
            {settings_points("加分上限", "bonus_cap", s0.bonus_cap, |s, p| s.bonus_cap = p)}
            <table class="items"><caption class="visually-hidden">"加分项目"</caption>
                <thead><tr><th scope="col">"项目"</th><th scope="col">"每次加分"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>{move || items(ItemList::Bonus)}</tbody></table>
            <button type="button" on:click=move |_| restructure(Box::new(|s| { add_item(s, ItemList::Bonus); }))>"添加加分项目"</button>

            <h2>"扣分项目"</h2>
            <table class="items"><caption class="visually-hidden">"扣分项目"</caption>
                <thead><tr><th scope="col">"项目"</th><th scope="col">"每次扣分"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>{move || items(ItemList::Deduction)}</tbody></table>
            <button type="button" on:click=move |_| restructure(Box::new(|s| { add_item(s, ItemList::Deduction); }))>"添加扣分项目"</button>

            <h2>"一票否决项目"</h2>
            <p class="hint">"出现任一项，等次即为不合格，不论得分多少。"</p>
            <table class="items"><caption class="visually-hidden">"一票否决项目"</caption>
                <thead><tr><th scope="col">"项目"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>{move || items(ItemList::Veto)}</tbody></table>
            <button type="button" on:click=move |_| restructure(Box::new(|s| { add_item(s, ItemList::Veto); }))>"添加否决项目"</button>

            <h2>"等次分数线"</h2>
            {settings_points("优秀分数线", "band_excellent", s0.grade_bands.excellent, |s, p| s.grade_bands.excellent = p)}
            {settings_points("良好分数线", "band_good", s0.grade_bands.good, |s, p| s.grade_bands.good = p)}
            {settings_points("合格分数线", "band_pass", s0.grade_bands.pass, |s, p| s.grade_bands.pass = p)}
            <label class="field field--check">
                <input type="checkbox" prop:checked=s0.excellent_needs_innovation
                    on:change=move |e| { let v = event_target_checked(&e); draft.update(|s| s.excellent_needs_innovation = v); } />
                <span>"优秀须有至少一项认定的创新成果"</span>
            </label>

            <h2>"汇总设置"</h2>
            {settings_number("去掉最高最低分的评委人数下限", s0.aggregation.trim_min_assessors.to_string(), 50, false,
                |s, n| s.aggregation.trim_min_assessors = n.unwrap_or(0))}
            {settings_number("自评权重（%）", s0.aggregation.self_weight_pct.to_string(), 100, false,
                |s, n| s.aggregation.self_weight_pct = n.unwrap_or(0))}
            {settings_number("优秀比例上限（%）", s0.excellent_cap_pct.map(|c| c.to_string()).unwrap_or_default(), 100, true,
                |s, n| s.excellent_cap_pct = n)}
            <p class="hint">"评委人数达到下限时，每个指标去掉一个最高分和一个最低分后取平均，填 0 表示不去掉；自评权重为 0 时自评仅供参考；优秀比例上限留空表示不限。"</p>
            {settings_number("每个单位至少的评委人数", s0.aggregation.min_assessors.to_string(), 50, false,
                |s, n| s.aggregation.min_assessors = n.unwrap_or(0))}
            <label class="field field--check">
                <input type="checkbox" prop:checked=s0.aggregation.what_if_normalised
                    on:change=move |e| { let v = event_target_checked(&e); draft.update(|s| s.aggregation.what_if_normalised = v); } />
                <span>"在考评页并列显示标准化总分（假设，仅供参考，不替代正式总分）"</span>
            </label>
            <p class="hint">"评委人数不足下限的单位在考评页的“评委分工”中标出，填 0 表示不设下限。标准化总分把每位评委的评分按其平均分和离散程度换算后再汇总，用来查看评委宽严不一的影响。"</p>

            {move || {
                let pending = bad.get();
                (!pending.is_empty()).then(|| view! {
                    <div class="error" role="alert">
                        <p>"以下输入无法识别，请改正："</p>
                        <ul>{pending.into_values().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || {
                let errs = errors.get();
                (!errs.is_empty()).then(|| view! {
                    <div class="error save-errors" role="alert" aria-label="方案有误，未保存">
                        <p>"方案有以下问题，未保存："</p>
                        <ul>{errs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <div class="form-actions save-bar no-print">
                <button type="button" on:click=save>"保存方案"</button>
                <button type="button" disabled=move || !dirty.get() on:click=discard>"放弃修改"</button>
            </div>
        </section>
    }
}
