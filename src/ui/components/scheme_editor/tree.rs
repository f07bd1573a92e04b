//! The editor's tree: one fieldset per 一级指标 with a table of its 二级指标.

use leptos::prelude::*;

use crate::domain::scheme_edit::{
    add_indicator, move_dimension, move_indicator, remove_dimension, remove_indicator,
    worth_asking, Direction,
};
use crate::domain::{Dimension, DimensionRole, Indicator, Points};

use super::cells::{points_cell, text_cell};
use super::{Editor, Shape};

/// Every dimension of the draft, rebuilt when its shape changes.
pub(super) fn dimension_tree(ed: Editor, sh: Shape) -> impl IntoView {
    let snapshot = ed.draft.get_untracked();
    let n_dims = sh.dims.len();
    sh.dims
        .iter()
        .enumerate()
        .map(|(d, &n_ind)| dimension_view(ed, snapshot.dimensions[d].clone(), d, n_ind, n_dims))
        .collect_view()
}

/// One dimension: its name, role and moves, then its indicators.
fn dimension_view(
    ed: Editor,
    dim: Dimension,
    d: usize,
    n_ind: usize,
    n_dims: usize,
) -> impl IntoView {
    let draft = ed.draft;
    let dim_name = move |d: usize| ed.dim_name(d);
    let delete_open = RwSignal::new(false);
    let rows = (0..n_ind)
        .map(|i| indicator_row(ed, dim.indicators[i].clone(), d, i, n_ind))
        .collect_view();
    let subtotal = move || {
        draft
            .with(|s| {
                s.dimensions
                    .get(d)
                    .map(|x| x.full_points())
                    .unwrap_or(Points::ZERO)
            })
            .to_string()
    };
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
                        on:click=move |_| {
                            let name = dim_name(d);
                            ed.restructure(move |s| { move_dimension(s, d, Direction::Up); });
                            follow(&name, "上移", "下移");
                        }>"上移"</button>
                    <button type="button" aria-label=move || format!("下移 {}", dim_name(d)) disabled=d + 1 == n_dims
                        on:click=move |_| {
                            let name = dim_name(d);
                            ed.restructure(move |s| { move_dimension(s, d, Direction::Down); });
                            follow(&name, "下移", "上移");
                        }>"下移"</button>
                    <button type="button" class="danger" aria-label=move || format!("删除一级指标 {}", dim_name(d))
                        on:click=move |_| if n_ind == 0 {
                            ed.restructure(move |s| { remove_dimension(s, d); });
                        } else {
                            delete_open.set(true);
                        }>"删除一级指标"</button>
                </span>
            </div>
            // A dimension goes with its indicators and their 评分细则: asked first (a
            // clerk's review: one click took a whole dimension, with no way back but
            // 放弃修改, which drops every other edit too).
            <crate::ui::components::confirm::ConfirmDialog open=delete_open title="确认删除一级指标"
                message=Signal::derive(move || format!(
                    "将删除一级指标「{}」及其 {n_ind} 个二级指标（含评分细则），满分合计随之减少。方案保存之前，可点“放弃修改”退回全部未保存的修改。",
                    dim_name(d)
                ))
                confirm_label="删除" on_confirm=Callback::new(move |_| ed.restructure(move |s| { remove_dimension(s, d); })) />
            <table class="indicators">
                <caption class="visually-hidden">{move || format!("{}的二级指标", dim_name(d))}</caption>
                <thead><tr>
                    <th scope="col">"二级指标"</th><th scope="col">"满分"</th><th scope="col">"计分单位"</th>
                    <th scope="col">"评分细则"</th><th scope="col">"操作"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button type="button" aria-label=move || format!("添加指标到 {}", dim_name(d))
                on:click=move |_| ed.restructure(move |s| { add_indicator(s, d); })>"添加二级指标"</button>
        </fieldset>
    }
}

/// After a move, the keyboard stays with the item moved (its button `pressed`, or the
/// other way when it reached the end): pressing again moves it on (a clerk's review: it
/// stayed on the row's place and the next press moved the item back).
fn follow(name: &str, pressed: &str, other: &str) {
    crate::ui::components::fields::focus_button_when_drawn(
        format!("{pressed} {name}"),
        format!("{other} {name}"),
    );
}

/// One indicator's row: name, points, step, 评分细则 and its moves.
fn indicator_row(ed: Editor, ind: Indicator, d: usize, i: usize, n_ind: usize) -> impl IntoView {
    let draft = ed.draft;
    let ind_name = move |d: usize, i: usize| ed.ind_name(d, i);
    let key = format!("ind:{}:{}", d, ind.id);
    let delete_open = RwSignal::new(false);
    // A row as added goes at once; one with a name or 评分细则 typed is asked about
    // first (a clerk's review: a double click took two indicators with their 评分细则,
    // with no way back but 放弃修改, which drops every other edit too).
    let filled = move || {
        draft.with(|s| {
            s.dimensions
                .get(d)
                .and_then(|x| x.indicators.get(i))
                .is_some_and(worth_asking)
        })
    };
    view! {
        <tr>
            <td>{text_cell(move || format!("指标名称 {}", ind_name(d, i)), ind.name.clone(), draft,
                move |s, v| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.name = v }, false)}</td>
            <td>{points_cell(move || format!("满分 {}", ind_name(d, i)), format!("{key}:max"), ind.max, ed,
                move |s, p| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.max = p })}</td>
            <td>{points_cell(move || format!("计分单位 {}", ind_name(d, i)), format!("{key}:step"), ind.step, ed,
                move |s, p| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.step = p })}</td>
            <td class="guidance">{text_cell(move || format!("评分细则 {}", ind_name(d, i)), ind.guidance.clone(), draft,
                move |s, v| if let Some(x) = s.dimensions.get_mut(d).and_then(|x| x.indicators.get_mut(i)) { x.guidance = v }, true)}</td>
            <td class="actions">
                <button type="button" aria-label=move || format!("上移 {}", ind_name(d, i)) disabled=i == 0
                    on:click=move |_| {
                        let name = ind_name(d, i);
                        ed.restructure(move |s| { move_indicator(s, d, i, Direction::Up); });
                        follow(&name, "上移", "下移");
                    }>"↑"</button>
                <button type="button" aria-label=move || format!("下移 {}", ind_name(d, i)) disabled=i + 1 == n_ind
                    on:click=move |_| {
                        let name = ind_name(d, i);
                        ed.restructure(move |s| { move_indicator(s, d, i, Direction::Down); });
                        follow(&name, "下移", "上移");
                    }>"↓"</button>
                <button type="button" class="danger" aria-label=move || format!("删除 {}", ind_name(d, i))
                    on:click=move |_| if filled() {
                        delete_open.set(true);
                    } else {
                        ed.restructure(move |s| { remove_indicator(s, d, i); });
                    }>"删除"</button>
                <crate::ui::components::confirm::ConfirmDialog open=delete_open title="确认删除二级指标"
                    message=Signal::derive(move || format!(
                        "将删除二级指标「{}」（含评分细则），满分合计随之减少。方案保存之前，可点“放弃修改”退回全部未保存的修改。",
                        ind_name(d, i)
                    ))
                    confirm_label="删除" on_confirm=Callback::new(move |_| ed.restructure(move |s| { remove_indicator(s, d, i); })) />
            </td>
        </tr>
    }
}
