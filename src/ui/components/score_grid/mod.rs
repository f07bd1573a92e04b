//! The score grid: one source's scores in a round as a spreadsheet of units (rows) ×
//! indicators (columns), with one input per cell.
//!
//! It works like Excel or WPS: arrow keys, Tab / Shift+Tab and Enter / Shift+Enter
//! move; a cell's content is selected when focus arrives, so typing overwrites it; F2
//! or a double click edits inside the cell (then ←/→ move the caret); Esc drops the
//! cell's unsaved change. A block copied from Excel or WPS is pasted from the focused
//! cell. Every value is checked against its indicator (`domain::grid`); a bad value is
//! kept in the cell with a message there and in the summary, and is never stored.
//! Stored changes go through `ctx.update`: one per cell left, one per pasted block.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::grid::{apply_edits, parse_block, CellEdit, CellError, Grid, GridError};
use crate::domain::Points;
use crate::ui::components::row_window::spacer_row;
use crate::ui::state::{AppContext, HeldCell, Notice};

mod cells;
mod events;
mod window;
use cells::*;
use window::{col_head_id, GridWindow, UNIT_HEAD_ID};

/// What every cell's id starts with.
const CELL_ID_PREFIX: &str = "sg-c";

fn cell_id(row: usize, col: usize) -> String {
    format!("{CELL_ID_PREFIX}{row}-{col}")
}

fn show(p: Option<Points>) -> String {
    p.map(|p| p.to_string()).unwrap_or_default()
}

/// The score grid of one source in a round.
#[component]
pub fn ScoreGrid(
    /// The round's id.
    #[prop(into)]
    round_id: String,
    /// The source: an assessor's id, or `self` for the self-assessment.
    #[prop(into)]
    source_key: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let round_id = StoredValue::new(round_id);
    let key = StoredValue::new(source_key);
    let grid = Memo::new(move |_| {
        ctx.state
            .with(|s| Grid::read(s, &round_id.get_value(), &key.get_value()))
    });
    let shape =
        Memo::new(move |_| grid.with(|g| g.as_ref().map(Shape::of).map_err(|e| e.to_string())));
    move || match shape.get() {
        Err(e) => view! { <p class="error">{e}</p> }.into_any(),
        Ok(shape) => grid_table(ctx, grid, round_id, key, shape).into_any(),
    }
}

/// The cells' state for a grid of `rows` × `cols`, each showing its stored value.
fn new_cells(
    ctx: AppContext,
    grid: Memo<Result<Grid, GridError>>,
    round_id: StoredValue<String>,
    key: StoredValue<String>,
    rows: usize,
    cols: usize,
    win: GridWindow,
) -> Cells {
    let initial: Vec<RwSignal<String>> = grid.with_untracked(|g| {
        (0..rows * cols)
            .map(|i| {
                let v = g.as_ref().ok().and_then(|g| g.value(i / cols, i % cols));
                RwSignal::new(show(v))
            })
            .collect()
    });
    Cells {
        rows,
        cols,
        texts: StoredValue::new(initial),
        errors: StoredValue::new((0..rows * cols).map(|_| RwSignal::new(None)).collect()),
        refused: RwSignal::new(Default::default()),
        paste_notice: StoredValue::new(None),
        pasted: StoredValue::new(None),
        dirty: StoredValue::new(vec![false; rows * cols]),
        began: StoredValue::new(Default::default()),
        editing: RwSignal::new(None),
        just_focused: StoredValue::new(false),
        current: StoredValue::new(None),
        win,
        pending: StoredValue::new(None),
        grid,
        round_id,
        key,
        ctx,
        overflow: StoredValue::new(None),
        overflow_open: RwSignal::new(false),
    }
}

/// Refused cells outlive the grid: those left when the person last went elsewhere are
/// shown again (with their reasons), and the context keeps the current ones, so leaving
/// the page loses nothing and closing it asks first.
fn keep_refused_cells(cells: Cells, grid: Memo<Result<Grid, GridError>>) {
    let (round, key) = (cells.round_id.get_value(), cells.key.get_value());
    let held = cells.ctx.held_cells(&round, &key);
    grid.with_untracked(|g| {
        let Ok(g) = g else { return };
        for h in &held {
            let row = g.unit_ids.iter().position(|u| *u == h.unit_id);
            let col = g
                .columns
                .iter()
                .position(|c| c.indicator_id == h.indicator_id);
            let (Some(row), Some(col)) = (row, col) else {
                continue;
            };
            let i = row * cells.cols + col;
            if let (Some(text), Err(GridError::Cell(e))) =
                (cells.text(i), g.check(row, col, &h.text))
            {
                put_text(text, h.text.clone());
                cells.put_error(i, Some(e));
            }
        }
    });
    Effect::new(move |_| {
        let refused: Vec<usize> = cells.refused.with(|m| m.keys().copied().collect());
        let kept = grid.with_untracked(|g| {
            let Ok(g) = g else { return Vec::new() };
            refused
                .iter()
                .filter_map(|&i| {
                    Some(HeldCell {
                        unit_id: g.unit_ids.get(i / cells.cols)?.clone(),
                        indicator_id: g.columns.get(i % cells.cols)?.indicator_id.clone(),
                        text: cells.text(i)?.get_untracked(),
                    })
                })
                .collect()
        });
        cells.ctx.hold_cells(&round, &key, kept);
    });
}

/// Undoing a paste takes back its refused cells too: they were part of it, and left
/// behind they read as typed and would be kept across pages (a clerk's review).
/// A refused cell the person has typed into since keeps what they typed.
fn drop_refused_when_paste_undone(cells: Cells, grid: Memo<Result<Grid, GridError>>) {
    Effect::new(move |_| {
        grid.track();
        let Some(Some((serial, pasted))) = cells.pasted.try_get_value() else {
            return;
        };
        if cells.ctx.last_undone() != Some(serial) {
            return;
        }
        cells.pasted.set_value(None);
        for (i, text) in pasted {
            let still = cells.text(i).is_some_and(|t| t.get_untracked() == text)
                && cells
                    .error(i)
                    .is_some_and(|e| e.with_untracked(Option::is_some));
            if still {
                cells.revert(i);
            }
        }
    });
}

/// Shows stored values (after a save, an undo, another tab) in every cell that is
/// neither being typed into nor holding a refused value. Only cells whose stored value
/// changed since the last pass are looked at: a large city's grid has 15,000 cells, and
/// formatting each of them on every typed score took milliseconds a keystroke.
fn follow_stored_values(cells: Cells, grid: Memo<Result<Grid, GridError>>) {
    let cols = cells.cols;
    Effect::new(move |last: Option<Vec<Option<Points>>>| {
        grid.with(|g| {
            let Ok(g) = g else { return Vec::new() };
            let now: Vec<Option<Points>> = (0..cells.rows * cols)
                .map(|i| g.value(i / cols, i % cols))
                .collect();
            if !cells.alive() {
                return now;
            }
            // Each list read once.
            let (Some(texts), Some(errors), Some(dirty)) = (
                cells.texts.try_get_value(),
                cells.errors.try_get_value(),
                cells.dirty.try_get_value(),
            ) else {
                return now;
            };
            for (i, (text, error)) in texts.iter().zip(&errors).enumerate() {
                let unchanged = last.as_ref().is_some_and(|l| l.get(i) == now.get(i));
                let busy = dirty.get(i).copied().unwrap_or(false);
                if unchanged || busy || error.with_untracked(Option::is_some) {
                    continue;
                }
                put_text(*text, show(now[i]));
            }
            now
        })
    });
}

/// The refused cells, listed above the grid (the first eight).
fn problem_alert(cells: Cells) -> impl IntoView {
    let problems = move || {
        cells
            .refused
            .with(|m| m.values().cloned().collect::<Vec<_>>())
    };
    move || {
        let list = problems();
        (!list.is_empty()).then(|| {
            let n = list.len();
            let shown: Vec<String> = list.iter().take(8).map(|e| e.to_string()).collect();
            view! {
                <div class="grid-alert" role="alert">
                    <p>{format!("有 {n} 个单元格的内容有误，未保存（原数据保持不变）。请在标红的单元格中改正，或按 Esc 取消：")}</p>
                    <ul>
                        {shown.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        {(n > 8).then(|| view! { <li>{format!("……另有 {} 处", n - 8)}</li> })}
                    </ul>
                </div>
            }
        })
    }
}

/// The open column's 评分细则, with a button to close it.
fn guidance_box(
    open: RwSignal<Option<usize>>,
    columns: StoredValue<Vec<(String, Points)>>,
    guidance: StoredValue<Vec<String>>,
) -> impl IntoView {
    move || {
        open.get().map(|c| {
            let name = columns.with_value(|cs| cs.get(c).map(|x| x.0.clone()).unwrap_or_default());
            let text = guidance.with_value(|g| g.get(c).cloned().unwrap_or_default());
            let text = if text.is_empty() { "本项未写评分细则。".to_string() } else { text };
            view! {
                <div class="guidance-box" role="region" aria-label="评分细则"
                    on:keydown=move |e| if e.key() == "Escape" { e.prevent_default(); open.set(None); }>
                    <p><strong>{format!("评分细则 · {name}：")}</strong>{text}</p>
                    <button type="button" class="quiet small" on:click=move |_| open.set(None)>"关闭细则"</button>
                </div>
            }
        })
    }
}

/// The two header rows: the dimensions over their indicators, each indicator with its
/// maximum and a button that opens its 评分细则.
fn grid_head(
    dimensions: Vec<(String, usize)>,
    columns: StoredValue<Vec<(String, Points)>>,
    open: RwSignal<Option<usize>>,
) -> impl IntoView {
    view! {
        <thead>
            <tr aria-rowindex="1">
                <th scope="col" rowspan="2" class="score-grid__unit" id=UNIT_HEAD_ID>"单位"</th>
                {dimensions.into_iter().map(|(name, n)| view! {
                    <th scope="colgroup" colspan=n.to_string() class="score-grid__dim">{name}</th>
                }).collect_view()}
                <th scope="col" rowspan="2" class="num">"合计"</th>
                <th scope="col" rowspan="2" class="num">"空项"</th>
            </tr>
            <tr aria-rowindex="2">
                {columns.get_value().into_iter().enumerate().map(|(c, (name, max))| view! {
                    <th scope="col" class="score-grid__ind" id=col_head_id(c)>{format!("{name}（{max}分）")}" "
                        <button type="button" class="quiet small guidance-btn"
                            aria-label=format!("评分细则：{name}")
                            aria-expanded=move || (open.get() == Some(c)).to_string()
                            on:click=move |_| open.update(|o| *o = if *o == Some(c) { None } else { Some(c) })
                            // Esc closes it, as it closes a dialog.
                            on:keydown=move |e| if e.key() == "Escape" && open.get_untracked() == Some(c) {
                                e.prevent_default();
                                open.set(None);
                            }>"细则"</button>
                    </th>
                }).collect_view()}
            </tr>
        </thead>
    }
}

/// The spacer standing for the rows not drawn above (`above`) or below the window.
fn spacer(win: GridWindow, above: bool, width: usize) -> impl IntoView {
    move || {
        let (top, bottom) = win.spacers();
        spacer_row(if above { top } else { bottom }, width)
    }
}

/// The cell standing for the columns not drawn left (`left`) or right of the window,
/// spanning them so that the cells drawn stay under their headers; nothing when none.
fn col_spacer(win: GridWindow, left: bool, cols: usize) -> impl IntoView {
    move || {
        let (s, e) = win.col_range.get();
        let span = if left { s } else { cols - e };
        (span > 0).then(
            || view! { <td class="col-spacer" colspan=span.to_string() aria-hidden="true"></td> },
        )
    }
}

fn grid_table(
    ctx: AppContext,
    grid: Memo<Result<Grid, GridError>>,
    round_id: StoredValue<String>,
    key: StoredValue<String>,
    shape: Shape,
) -> impl IntoView {
    let rows = shape.unit_names.len();
    let cols = shape.columns.len();
    let win = GridWindow::new(rows, cols);
    let cells = new_cells(ctx, grid, round_id, key, rows, cols, win);
    keep_refused_cells(cells, grid);
    follow_stored_values(cells, grid);
    drop_refused_when_paste_undone(cells, grid);
    let full = shape.full;
    let Shape {
        unit_names,
        columns,
        guidance,
        dimensions,
        caption,
        ..
    } = shape;
    let columns = StoredValue::new(columns);
    // The column whose 评分细则 is open, if any.
    let open_guidance = RwSignal::new(None::<usize>);
    let guidance = StoredValue::new(guidance);
    let unit_names = StoredValue::new(unit_names);
    let width = cols + 3;
    // A frame wider or taller than the cells first drawn (a large screen), or one
    // resized with the window, draws the cells it now shows.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let follow = move || {
        // Not after the grid is gone (a frame requested just before leaving the page).
        if let Some(el) = cells.alive().then(|| scroller.get_untracked()).flatten() {
            win.on_scroll(cells, &el);
        }
    };
    let resized = window_event_listener(leptos::ev::resize, move |_| follow());
    request_animation_frame(follow);
    on_cleanup(move || resized.remove());

    view! {
        <p class="grid-help" id="grid-help">
            "方向键、Tab、回车在单元格间移动，Home、End 到本行首尾（加 Ctrl 到表格首尾，在末格再按 Tab 即离开表格）；进入单元格后直接输入即覆盖原内容；按 F2 或双击可修改单元格内的文字；Esc 取消本格修改。"
            "可从 Excel 或 WPS 表格复制多行多列分数，选中起始单元格后粘贴（Ctrl+V）。空白表示未评分（不是 0 分）。"
        </p>
        {problem_alert(cells)}
        {guidance_box(open_guidance, columns, guidance)}
        // Past the header's 细则 buttons (one per indicator) in one Tab.
        {(rows > 0).then(|| view! {
            <button type="button" class="skip-link no-print" on:click=move |_| cells.focus(0, 0)>
                "跳到第一个评分格"
            </button>
            // Every cell is a Tab stop: past the whole grid in one (a keyboard review).
            <button type="button" class="skip-link no-print" on:click=move |_| {
                if let Some(end) = leptos::prelude::document().get_element_by_id("grid-end") {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(end) {
                        let _ = el.focus();
                    }
                }
            }>
                "跳过评分表"
            </button>
        })}
        <div class="grid-scroll" node_ref=scroller on:scroll=move |_| follow()>
            <table class="score-grid" role="grid" aria-label="评分表" aria-describedby="grid-help"
                aria-rowcount=(rows + 2).to_string() aria-colcount=width.to_string()>
                <caption>{format!("{caption}（满分 {full} 分）")}</caption>
                {grid_head(dimensions, columns, open_guidance)}
                <tbody
                    on:input=move |e| events::on_input(cells, e)
                    on:focusin=move |e| events::on_focus(cells, e)
                    on:focusout=move |e| events::on_blur(cells, e)
                    on:mouseup=move |e| events::on_mouse_up(cells, e)
                    on:dblclick=move |e| events::on_double_click(cells, e)
                    on:keydown=move |e| events::on_key_down(cells, e)
                    on:paste=move |e| events::on_paste(cells, e)
                >
                    {spacer(win, true, width)}
                    <For each=move || { let (s, e) = win.range.get(); s..e } key=|r| *r let(r)>
                        {grid_row(cells, grid, r, unit_names, columns)}
                    </For>
                    {spacer(win, false, width)}
                </tbody>
            </table>
        </div>
        // Shown while it has the keyboard, so the focus is seen where 跳过评分表 put it.
        <span id="grid-end" class="skip-target" tabindex="-1">"（评分表到此结束）"</span>
        <crate::ui::components::confirm::ConfirmDialog open=cells.overflow_open title=crate::ui::text::PASTE_OVERFLOW_TITLE
            message=Signal::derive(move || {
                cells.overflow_open.track();
                cells.overflow.with_value(|o| o.as_ref().map(|(_, _, n)| crate::ui::text::paste_overflow(*n)).unwrap_or_default())
            })
            confirm_label="仍然粘贴" on_confirm=Callback::new(move |_| cells.paste_confirmed()) />
    }
}

/// Row `r`: the unit, its cells, its total and its blanks.
fn grid_row(
    cells: Cells,
    grid: Memo<Result<Grid, GridError>>,
    r: usize,
    unit_names: StoredValue<Vec<String>>,
    columns: StoredValue<Vec<(String, Points)>>,
) -> impl IntoView {
    let win = cells.win;
    let unit = StoredValue::new(unit_names.with_value(|u| u.get(r).cloned().unwrap_or_default()));
    let cols = cells.cols;
    view! {
        <tr aria-rowindex=(r + 3).to_string()>
            <th scope="row" class="score-grid__unit" id=window::row_head_id(r) aria-colindex="1">{unit.get_value()}</th>
            {col_spacer(win, true, cols)}
            <For each=move || { let (s, e) = win.col_range.get(); s..e } key=|c| *c let(c)>
                {grid_cell(cells, r, c, unit, columns)}
            </For>
            {col_spacer(win, false, cols)}
            <td class="num score-grid__total" aria-colindex=(cols + 2).to_string()>{move || grid.with(|g| g.as_ref().map(|g| g.row_total_text(r)).unwrap_or_default())}</td>
            <td class="num" aria-colindex=(cols + 3).to_string()>{move || grid.with(|g| g.as_ref().map(|g| g.row_blanks_text(r)).unwrap_or_default())}</td>
        </tr>
    }
}

fn grid_cell(
    cells: Cells,
    r: usize,
    c: usize,
    unit: StoredValue<String>,
    columns: StoredValue<Vec<(String, Points)>>,
) -> impl IntoView {
    // The cells' events are handled on the grid's body (`events.rs`).
    let i = r * cells.cols + c;
    let (Some(text), Some(error)) = (cells.text(i), cells.error(i)) else {
        return view! { <td></td> }.into_any();
    };
    let label = format!(
        "{} {}",
        unit.get_value(),
        columns.with_value(|cs| cs.get(c).map(|x| x.0.clone()).unwrap_or_default())
    );
    // Read after the name, as the column header shows it (a keyboard review: a screen
    // reader heard the unit and the item, not the points).
    let full_marks = columns.with_value(|cs| cs.get(c).map(|x| format!("满分 {} 分", x.1)));
    let err_id = format!("{}-err", cell_id(r, c));
    let err_id2 = err_id.clone();
    view! {
        <td class="score-grid__cell" aria-colindex=(c + 2).to_string() class:invalid=move || error.with(|e| e.is_some())>
            <input
                id=cell_id(r, c)
                type="text"
                inputmode="decimal"
                autocomplete="off"
                aria-label=label
                aria-description=full_marks
                aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                aria-describedby=move || error.with(|e| e.is_some()).then(|| err_id.clone())
                prop:value=move || text.get()
            />
            {move || error.get().map(|e| view! {
                <span class="cell-error" id=err_id2.clone()>{e.short()}</span>
            })}
        </td>
    }
    .into_any()
}
