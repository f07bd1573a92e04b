//! Which columns of a large grid are drawn: those in view and [`COL_OVERSCAN`] either
//! side. With the rows windowed (`window.rs`) a large city's grid still drew 30 rows ×
//! 50 indicators, 1,500 inputs, and every keystroke re-laid and repainted them; drawing
//! only the columns in view cuts that to about a third. The header keeps every column
//! (it sets their widths); in each row the columns not drawn are one empty cell that
//! spans them. Grids drawn whole by rows (up to `ALL_ROWS` units) are drawn whole.

use super::window::ALL_ROWS;
use super::*;

/// Columns drawn beyond those in view, left and right.
const COL_OVERSCAN: usize = 2;
/// The window moves in steps of this many columns (fewer redraws while moving).
const COL_STEP: usize = 2;
/// Columns drawn before the first scroll (about a screen's width).
const FIRST_COLS: usize = 16;

/// The id of the unit column's header cell.
pub(super) const UNIT_HEAD: &str = "sg-h-unit";

/// The id of column `c`'s header cell.
pub(super) fn col_head_id(c: usize) -> String {
    format!("sg-h-{c}")
}

/// The columns drawn now.
#[derive(Clone, Copy)]
pub(super) struct ColWindow {
    pub(super) range: RwSignal<(usize, usize)>,
    cols: usize,
    /// Whether this grid draws only some columns.
    on: bool,
}

impl ColWindow {
    pub(super) fn new(rows: usize, cols: usize) -> ColWindow {
        let on = rows > ALL_ROWS && cols > FIRST_COLS;
        ColWindow {
            range: RwSignal::new((0, if on { FIRST_COLS } else { cols })),
            cols,
            on,
        }
    }

    /// Whether column `c` is drawn now.
    pub(super) fn drawn(self, c: usize) -> bool {
        let (s, e) = self.range.get_untracked();
        (s..e).contains(&c)
    }

    /// The columns to draw so that `first..=last` are in view.
    fn around(self, first: usize, last: usize) -> (usize, usize) {
        let start = first.saturating_sub(COL_OVERSCAN) / COL_STEP * COL_STEP;
        let end = ((last + 1 + COL_OVERSCAN).div_ceil(COL_STEP) * COL_STEP).min(self.cols);
        (start.min(end), end)
    }

    /// Draws column `c` (a keyboard move to a column not drawn). Cells typed into that
    /// leave the drawn columns are stored first.
    pub(super) fn show(self, cells: Cells, c: usize) {
        if !self.on || self.drawn(c) {
            return;
        }
        let (s, e) = self.range.get_untracked();
        let width = e - s;
        let (start, end) = if c < s {
            let start = c.saturating_sub(COL_OVERSCAN) / COL_STEP * COL_STEP;
            (start, (start + width).min(self.cols))
        } else {
            let end = ((c + 1 + COL_OVERSCAN).div_ceil(COL_STEP) * COL_STEP).min(self.cols);
            (end.saturating_sub(width), end)
        };
        self.moved(cells, start, end);
    }

    /// The scroll container moved: draw the columns now in view.
    pub(super) fn on_scroll(self, cells: Cells, scroller: &web_sys::Element) {
        if !self.on {
            return;
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let head = |id: &str| {
            doc.get_element_by_id(id)
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        };
        // The unit column stays at the left (sticky) and covers what scrolls under it.
        let covered = head(UNIT_HEAD).map_or(0.0, |t| f64::from(t.offset_width()));
        let left = f64::from(scroller.scroll_left()) + covered;
        let right = f64::from(scroller.scroll_left() + scroller.client_width());
        let mut first = None;
        let mut last = 0;
        for c in 0..self.cols {
            let Some(th) = head(&col_head_id(c)) else {
                continue;
            };
            let (x, w) = (f64::from(th.offset_left()), f64::from(th.offset_width()));
            if x + w > left && first.is_none() {
                first = Some(c);
            }
            if x < right {
                last = c;
            }
        }
        let (start, end) = self.around(first.unwrap_or(0), last);
        if (start, end) != self.range.get_untracked() {
            self.moved(cells, start, end);
        }
    }

    /// Draws columns `start..end`, storing first the typed cells that leave.
    fn moved(self, cells: Cells, start: usize, end: usize) {
        let cols = cells.cols;
        let leaving: Vec<usize> = cells.dirty.with_value(|d| {
            d.iter()
                .enumerate()
                .filter(|(i, on)| **on && !(start..end).contains(&(i % cols)))
                .map(|(i, _)| i)
                .collect()
        });
        for i in leaving {
            cells.commit(i);
        }
        self.range.set((start, end));
    }
}

/// The cell standing for the columns not drawn left (`left`) or right of the window.
pub(super) fn col_spacer(win: ColWindow, left: bool) -> impl IntoView {
    move || {
        let (s, e) = win.range.get();
        let n = if left { s } else { win.cols - e };
        (n > 0).then(|| {
            view! { <td class="score-grid__colspacer" colspan=n.to_string() aria-hidden="true"></td> }
        })
    }
}
