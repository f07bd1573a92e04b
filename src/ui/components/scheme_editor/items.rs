//! The editor's item lists: 加分, 扣分 and 一票否决 items, each a table of rows.

use leptos::prelude::*;

use crate::domain::scheme_edit::{add_item, remove_item, ItemList};
use crate::domain::{Points, Scheme};

use super::cells::{points_cell, settings_points, shown, text_cell};
use super::{Editor, Shape};

/// The three item sections with their tables and add buttons.
pub(super) fn item_sections(ed: Editor, shape: Memo<Shape>, bonus_cap: Points) -> impl IntoView {
    view! {
        <h2>"加分项目"</h2>
        {settings_points(ed, "加分上限", "bonus_cap", bonus_cap, |s, p| s.bonus_cap = p)}
        <table class="items"><caption class="visually-hidden">"加分项目"</caption>
            <thead><tr><th scope="col">"项目"</th><th scope="col">"每次加分"</th><th scope="col">"操作"</th></tr></thead>
            <tbody>{move || item_rows(ed, ItemList::Bonus, shape.get())}</tbody></table>
        <button type="button" on:click=move |_| ed.restructure(|s| { add_item(s, ItemList::Bonus); })>"添加加分项目"</button>

        <h2>"扣分项目"</h2>
        <table class="items"><caption class="visually-hidden">"扣分项目"</caption>
            <thead><tr><th scope="col">"项目"</th><th scope="col">"每次扣分"</th><th scope="col">"操作"</th></tr></thead>
            <tbody>{move || item_rows(ed, ItemList::Deduction, shape.get())}</tbody></table>
        <button type="button" on:click=move |_| ed.restructure(|s| { add_item(s, ItemList::Deduction); })>"添加扣分项目"</button>

        <h2>{crate::ui::text::VETO_ITEMS}</h2>
        <p class="hint">{crate::ui::text::VETO_RULE}"。"</p>
        <table class="items"><caption class="visually-hidden">{crate::ui::text::VETO_ITEMS}</caption>
            <thead><tr><th scope="col">"项目"</th><th scope="col">"操作"</th></tr></thead>
            <tbody>{move || item_rows(ed, ItemList::Veto, shape.get())}</tbody></table>
        <button type="button" on:click=move |_| ed.restructure(|s| { add_item(s, ItemList::Veto); })>"添加否决项目"</button>
    }
}

/// The current name of item `k` of `list` (for labels).
fn item_name(s: &Scheme, list: ItemList, k: usize) -> String {
    let n = match list {
        ItemList::Bonus => s.bonus_items.get(k).map(|x| x.name.clone()),
        ItemList::Deduction => s.deduction_items.get(k).map(|x| x.name.clone()),
        ItemList::Veto => s.veto_items.get(k).map(|x| x.name.clone()),
    };
    shown(&n.unwrap_or_default())
}

/// Item `k`'s name, points (none for a veto) and id as stored in the draft.
fn item_parts(s: &Scheme, list: ItemList, k: usize) -> (String, Option<Points>, String) {
    match list {
        ItemList::Bonus => {
            let x = &s.bonus_items[k];
            (x.name.clone(), Some(x.points), x.id.clone())
        }
        ItemList::Deduction => {
            let x = &s.deduction_items[k];
            (x.name.clone(), Some(x.points), x.id.clone())
        }
        ItemList::Veto => {
            let x = &s.veto_items[k];
            (x.name.clone(), None, x.id.clone())
        }
    }
}

fn set_item_name(s: &mut Scheme, list: ItemList, k: usize, v: String) {
    match list {
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
    }
}

fn set_item_points(s: &mut Scheme, list: ItemList, k: usize, p: Points) {
    let item = match list {
        ItemList::Bonus => s.bonus_items.get_mut(k),
        _ => s.deduction_items.get_mut(k),
    };
    if let Some(x) = item {
        x.points = p
    }
}

/// The rows of one item list, rebuilt when the draft's shape changes.
fn item_rows(ed: Editor, list: ItemList, sh: Shape) -> impl IntoView {
    let draft = ed.draft;
    let snapshot = draft.get_untracked();
    let (kind, n) = match list {
        ItemList::Bonus => ("加分", sh.bonus),
        ItemList::Deduction => ("扣分", sh.deductions),
        ItemList::Veto => ("否决", sh.vetoes),
    };
    let item_name = move |k: usize| draft.with(|s| item_name(s, list, k));
    (0..n)
        .map(|k| {
            let (name, points, id) = item_parts(&snapshot, list, k);
            view! {
                <tr>
                    <td>{text_cell(move || format!("{kind}项目 {}", item_name(k)), name, draft,
                        move |s, v| set_item_name(s, list, k, v), false)}</td>
                    {points.map(|p| view! {
                        <td>{points_cell(move || format!("{kind}分值 {}", item_name(k)), format!("item:{id}:{k}"), p, ed,
                            move |s, p| set_item_points(s, list, k, p))}</td>
                    })}
                    <td><button type="button" class="danger" aria-label=move || format!("删除 {}", item_name(k))
                        on:click=move |_| ed.restructure(move |s| { remove_item(s, list, k); })>"删除"</button></td>
                </tr>
            }
        })
        .collect_view()
}
