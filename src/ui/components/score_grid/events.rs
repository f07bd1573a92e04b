//! The cells' event handlers, on the grid's body once rather than on each input: a
//! large city's grid draws a few hundred inputs and draws more at every scroll step,
//! and seven listeners apiece made drawing a cell cost about twice as much.

use super::*;

/// The cell an event happened in, and its input: from the input's id.
fn cell_of(cells: Cells, ev: &web_sys::Event) -> Option<(usize, web_sys::HtmlInputElement)> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let id = input.id();
    let (r, c) = id.strip_prefix(CELL_ID_PREFIX)?.split_once('-')?;
    let (r, c) = (r.parse::<usize>().ok()?, c.parse::<usize>().ok()?);
    (r < cells.rows && c < cells.cols).then_some((r * cells.cols + c, input))
}

/// Typed into: the cell shows it, unsaved until it is left.
pub(super) fn on_input(cells: Cells, ev: web_sys::Event) {
    let Some((i, input)) = cell_of(cells, &ev) else {
        return;
    };
    if let Some(text) = cells.text(i) {
        text.set(input.value());
    }
    cells.began_typing(i);
    cells.set_dirty(i, true);
    cells.put_error(i, None);
}

/// Focus arrived: the cell's content is selected, so typing overwrites it.
pub(super) fn on_focus(cells: Cells, ev: web_sys::FocusEvent) {
    let Some((i, input)) = cell_of(cells, &ev) else {
        return;
    };
    if cells.editing.get_untracked() != Some(i) {
        cells.editing.set(None);
    }
    cells.just_focused.set_value(true);
    cells.current.set_value(Some(i));
    input.select();
}

/// As in a spreadsheet: a click (the first or a later one) selects the whole cell, so
/// typing overwrites it; only F2 or a double click puts the caret inside.
pub(super) fn on_mouse_up(cells: Cells, ev: web_sys::MouseEvent) {
    let Some((i, input)) = cell_of(cells, &ev) else {
        return;
    };
    let editing = cells.editing.get_untracked() == Some(i);
    if cells.just_focused.get_value() || !editing {
        ev.prevent_default();
        cells.just_focused.set_value(false);
        if !editing {
            input.select();
        }
    }
}

/// A double click edits inside the cell.
pub(super) fn on_double_click(cells: Cells, ev: web_sys::MouseEvent) {
    if let Some((i, _)) = cell_of(cells, &ev) {
        cells.editing.set(Some(i));
    }
}

/// Focus left the cell: what was typed is stored, or refused with a message.
pub(super) fn on_blur(cells: Cells, ev: web_sys::FocusEvent) {
    if let Some((i, _)) = cell_of(cells, &ev) {
        cells.commit(i);
    }
}

pub(super) fn on_key_down(cells: Cells, ev: web_sys::KeyboardEvent) {
    if let Some((i, _)) = cell_of(cells, &ev) {
        cells.on_key(i, &ev);
    }
}

/// A block copied from Excel or WPS, pasted from this cell.
pub(super) fn on_paste(cells: Cells, ev: web_sys::ClipboardEvent) {
    let Some((i, _)) = cell_of(cells, &ev) else {
        return;
    };
    let data = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
        .unwrap_or_default();
    ev.prevent_default();
    cells.paste(i, &data);
}
