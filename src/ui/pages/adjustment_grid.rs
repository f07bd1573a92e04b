//! 加减分批量登记 (`#/rounds/<id>/adjustments`): the round's units down, the scheme's
//! bonus, deduction and veto items across; each cell the number of times (a veto: a
//! checkbox). 保存 makes the records match the grid, all or nothing. Rules are
//! `domain::adjustment_grid`.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::adjustment_grid::{self, AdjustmentGrid, CellEdit};
use crate::domain::adjustments::kind_label;
use crate::domain::AdjustmentKind;
use crate::route::Route;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::update_inline;
use crate::ui::components::round_report::PublishedEditHint;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The page for a route.
pub fn page(id: String) -> AnyView {
    view! { <AdjustmentGridPage id /> }.into_any()
}

type Cells = BTreeMap<(String, String), String>;

fn cells_of(g: &AdjustmentGrid) -> Cells {
    let mut m = BTreeMap::new();
    for r in &g.rows {
        for (c, n) in g.items.iter().zip(&r.counts) {
            let text = if *n == 0 {
                String::new()
            } else {
                n.to_string()
            };
            m.insert((r.unit_id.clone(), c.key()), text);
        }
    }
    m
}

#[component]
fn AdjustmentGridPage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(id);
    let grid = Memo::new(move |_| {
        ctx.state
            .with(|s| adjustment_grid::grid(s, &rid.get_value()).map_err(|e| e.to_string()))
    });
    let name = Memo::new(move |_| {
        ctx.state
            .with(|s| s.round(&rid.get_value()).map(|r| r.name.clone()))
            .unwrap_or_default()
    });
    let cells = RwSignal::new(Cells::new());
    Effect::new(move |_| {
        if let Ok(g) = grid.get() {
            cells.set(cells_of(&g));
        }
    });
    let error = RwSignal::new(None::<String>);
    // The cells the last save refused, by (unit, item key).
    let invalid = RwSignal::new(Vec::<(String, String)>::new());
    let edits = move || -> Vec<CellEdit> {
        cells
            .get_untracked()
            .into_iter()
            .map(|((unit_id, key), text)| CellEdit { unit_id, key, text })
            .collect()
    };
    let store = move || {
        let edits = edits();
        let vetoed = ctx
            .state
            .with_untracked(|s| adjustment_grid::vetoed_units(s, &rid.get_value()));
        match update_inline(ctx, text::ADJUSTMENT_GRID, |s| {
            adjustment_grid::save_grid(s, &rid.get_value(), &edits)
        }) {
            Ok(c) => {
                error.set(None);
                invalid.set(Vec::new());
                // A bonus over the cap is kept as entered, but the total counts the cap:
                // say so, rather than let the total look wrong.
                let (capped, unvetoed) = ctx.state.with_untracked(|s| {
                    let rid = rid.get_value();
                    (
                        adjustment_grid::capped_note(&adjustment_grid::capped_bonuses(s, &rid)),
                        adjustment_grid::removed_veto_note(s, &rid, &vetoed),
                    )
                });
                ctx.notice.set(Some(Notice::info(format!(
                    "已保存加减分：新增{}条，修改{}条，删除{}条。{capped}{unvetoed}",
                    c.added, c.changed, c.removed
                ))));
            }
            Err(e) => {
                // The cells refused are marked, and the keyboard goes to the first.
                let bad = ctx
                    .state
                    .with_untracked(|s| adjustment_grid::bad_cells(s, &rid.get_value(), &edits));
                error.set(Some(e));
                invalid.set(bad);
                // After the marks are drawn.
                request_animation_frame(focus_first_invalid);
            }
        }
    };
    // A large count is asked about first: the cells take times, not points.
    let asking = RwSignal::new(false);
    let question = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let large = ctx
            .state
            .with_untracked(|s| adjustment_grid::large_counts(s, &rid.get_value(), &edits()));
        if large.is_empty() {
            store();
        } else {
            question.set(format!(
                "以下格子填的次数较大，请核对（表中每格填的是次数，不是分数）：{}。仍要保存吗？",
                large.join("；")
            ));
            asking.set(true);
        }
    };
    let on_confirm = Callback::new(move |_| store());
    view! {
        <section class="adjustment-grid">
            <p class="crumbs"><a href=Route::Rounds.href()>"考评"</a>" › "
                <a href=move || Route::Round(rid.get_value()).href()>{move || name.get()}</a>" › "{text::ADJUSTMENT_GRID}</p>
            <h1>{text::ADJUSTMENT_GRID}</h1>
            <PublishedEditHint round_id=rid.get_value() />
            <p class="hint">"每格填写该项目适用的次数（空白为0），一票否决项勾选即可；点“保存加减分”后一并生效，有一格填错则都不保存。每条记录的说明可在单位的得分明细中查看。"</p>
            {move || match grid.get() {
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                Ok(g) => view! {
                    <form aria-label=text::ADJUSTMENT_GRID on:submit=save>
                        <div class="table-wrap table-wrap--grid">
                            <table class="adjust-grid">
                                <caption class="visually-hidden">"加减分登记表"</caption>
                                <thead><tr>
                                    <th scope="col">"单位"</th>
                                    {g.items.iter().map(|c| view! {
                                        <th scope="col" title=c.label()>{format!("{}：{}", kind_label(c.kind), c.label())}</th>
                                    }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {g.rows.iter().map(|r| {
                                        let unit = r.name.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{unit.clone()}</th>
                                                {g.items.iter().map(|c| grid_cell(cells, invalid, r.unit_id.clone(), c.key(), c.kind, format!("{unit} {} {}", kind_label(c.kind), c.name))).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <div class="form-actions"><button type="submit">"保存加减分"</button></div>
                        <p id=GRID_ERROR>{move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</p>
                    </form>
                }.into_any(),
            }}
            <ConfirmDialog open=asking title="次数较大，请核对" message=question
                confirm_label="仍然保存" on_confirm=on_confirm />
        </section>
    }
}

/// The id of the grid's error line, which a refused cell is described by.
const GRID_ERROR: &str = "adjust-grid-error";

/// Puts the keyboard on the first cell marked refused, once it is marked.
fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let first = doc
        .query_selector(".adjust-grid [aria-invalid=\"true\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}

/// One cell: a count box, or a checkbox for a veto item; marked (`aria-invalid`, and
/// described by the error) when the last save refused it.
fn grid_cell(
    cells: RwSignal<Cells>,
    invalid: RwSignal<Vec<(String, String)>>,
    unit: String,
    key: String,
    kind: AdjustmentKind,
    label: String,
) -> impl IntoView {
    let k = (unit, key);
    let (k1, k2, k3) = (k.clone(), k.clone(), k);
    let bad = Memo::new(move |_| invalid.with(|v| v.contains(&k3)));
    let get = move || cells.with(|m| m.get(&k1).cloned().unwrap_or_default());
    let set = move |v: String| {
        cells.update(|m| {
            m.insert(k2.clone(), v);
        })
    };
    if kind == AdjustmentKind::Veto {
        view! {
            <td><input type="checkbox" aria-label=label prop:checked=move || get() == "1"
                on:change=move |e| set(if event_target_checked(&e) { "1".into() } else { String::new() }) /></td>
        }
        .into_any()
    } else {
        view! {
            <td><input type="text" inputmode="numeric" size="2" aria-label=label prop:value=get
                aria-invalid=move || bad.get().then_some("true")
                aria-describedby=move || bad.get().then_some(GRID_ERROR)
                on:input=move |e| set(event_target_value(&e)) /></td>
        }
        .into_any()
    }
}
