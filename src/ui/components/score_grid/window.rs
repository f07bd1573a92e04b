//! Which cells of the grid are drawn: the rows in view and [`OVERSCAN`] rows on either
//! side (`components::row_window`), and of those rows the indicator columns in view and
//! [`OVERSCAN_COLS`] columns on either side. A large city's grid is 300 units × 50
//! indicators; drawing all 15,000 inputs made every keystroke re-lay and repaint them
//! (about 100 ms a key; `docs/performance.md`), and drawing every column of the rows in
//! view still made each key lay out, paint and layerize some 2,000 inputs. Columns not
//! drawn are stood for by a cell spanning them, so the header (drawn whole) and the
//! scrollbar stay those of the whole table. Cells typed into that leave the window are
//! stored first; moving by keyboard to a cell not drawn draws it and then focuses it.

use super::*;
use crate::ui::components::row_window::{rows_in_view, span_in_view, ALL_ROWS};

/// Rows drawn beyond those in view, above and below.
const OVERSCAN: usize = 5;
/// A row's height before one is measured, in pixels.
const ROW_GUESS: f64 = 32.0;
/// Grids with this many indicators or fewer draw every column (the default scheme has 22).
pub(super) const ALL_COLS: usize = 24;
/// Columns drawn beyond those in view, left and right.
const OVERSCAN_COLS: usize = 3;
/// The columns drawn before the frame is measured (as wide as a large screen shows).
const FIRST_COLS: usize = 20;

/// The rows and columns drawn now and the measured row height.
#[derive(Clone, Copy)]
pub(super) struct GridWindow {
    /// The rows drawn, `start..end`.
    pub(super) range: RwSignal<(usize, usize)>,
    /// The indicator columns drawn, `start..end`.
    pub(super) col_range: RwSignal<(usize, usize)>,
    row_px: StoredValue<f64>,
    rows: usize,
    cols: usize,
}

impl GridWindow {
    pub(super) fn new(rows: usize, cols: usize) -> GridWindow {
        GridWindow {
            range: RwSignal::new((0, if rows <= ALL_ROWS { rows } else { 30 })),
            col_range: RwSignal::new((0, if cols <= ALL_COLS { cols } else { FIRST_COLS })),
            row_px: StoredValue::new(ROW_GUESS),
            rows,
            cols,
        }
    }

    /// Heights in pixels of the spacers above and below the drawn rows.
    pub(super) fn spacers(self) -> (f64, f64) {
        let (s, e) = self.range.get();
        let h = self.row_px.get_value();
        (s as f64 * h, (self.rows - e) as f64 * h)
    }

    /// The scroll container moved or was resized: draw the cells now in view.
    pub(super) fn on_scroll(self, cells: Cells, scroller: &web_sys::Element) {
        let rows = self.rows_in_frame(scroller);
        let cols = self.cols_in_frame(scroller);
        self.show(cells, rows, cols);
    }

    /// Draws cell (`row`, `col`) if it is not drawn, keeping the window's size, and
    /// focuses the pending cell once drawn (the browser then scrolls it into view).
    pub(super) fn reveal(self, cells: Cells, row: usize, col: usize) {
        let shift = |(s, e): (usize, usize), i: usize, n: usize, over: usize| {
            let width = e - s;
            if i < s {
                let start = i.saturating_sub(over);
                (start, (start + width).min(n))
            } else if i >= e {
                let end = (i + 1 + over).min(n);
                (end.saturating_sub(width), end)
            } else {
                (s, e)
            }
        };
        let rows = shift(self.range.get_untracked(), row, self.rows, OVERSCAN);
        let cols = shift(
            self.col_range.get_untracked(),
            col,
            self.cols,
            OVERSCAN_COLS,
        );
        if !self.show(cells, rows, cols) {
            // Already the window (its cells not drawn yet): focus them once they are.
            cells.settle_focus();
        }
    }

    /// Draws rows `rows` and columns `cols`; false when they are already the window.
    /// Focus follows (`Cells::settle_focus`). Cells typed into that leave the drawn ones
    /// are stored first (they get no blur once removed).
    fn show(self, cells: Cells, rows: (usize, usize), cols: (usize, usize)) -> bool {
        let (was_rows, was_cols) = (self.range.get_untracked(), self.col_range.get_untracked());
        if (rows, cols) == (was_rows, was_cols) {
            return false;
        }
        let n = cells.cols;
        let drawn = move |i: usize| {
            (rows.0..rows.1).contains(&(i / n)) && (cols.0..cols.1).contains(&(i % n))
        };
        let leaving: Vec<usize> = cells.dirty.with_value(|d| {
            d.iter()
                .enumerate()
                .filter(|(i, on)| **on && !drawn(*i))
                .map(|(i, _)| i)
                .collect()
        });
        for i in leaving {
            cells.commit(i);
        }
        if rows != was_rows {
            self.range.set(rows);
        }
        if cols != was_cols {
            self.col_range.set(cols);
        }
        // Moving cells in and out may take focus from the cell that had it (drawing
        // cells before it moves it): give it back once the cells are drawn.
        cells.settle_focus();
        true
    }

    /// The rows to draw for what the frame shows now.
    fn rows_in_frame(self, scroller: &web_sys::Element) -> (usize, usize) {
        if self.rows <= ALL_ROWS {
            return (0, self.rows);
        }
        let (s, e) = self.range.get_untracked();
        if let Some(h) = measured_row_px(s, e) {
            self.row_px.set_value(h);
        }
        let h = self.row_px.get_value().max(1.0);
        // The header's height: where the first drawn row starts, less the spacer.
        let head = row_of(s)
            .map(|tr| f64::from(tr.offset_top()) - s as f64 * h)
            .unwrap_or(0.0);
        rows_in_view(
            f64::from(scroller.scroll_top()) - head,
            f64::from(scroller.client_height()),
            h,
            self.rows,
            OVERSCAN,
        )
    }

    /// The columns to draw for what the frame shows now, from where the indicators'
    /// headers (always drawn) are on screen: those right of the unit column (which
    /// stays in view) and left of the frame's right edge.
    fn cols_in_frame(self, scroller: &web_sys::Element) -> (usize, usize) {
        let n = self.cols;
        if n <= ALL_COLS {
            return (0, n);
        }
        let frame = scroller.get_bounding_client_rect();
        let left_edge = by_id(UNIT_HEAD_ID)
            .map(|h| h.get_bounding_client_rect().right())
            .unwrap_or_else(|| frame.left());
        let right_edge = frame.left() + f64::from(scroller.client_left() + scroller.client_width());
        let rect = |c: usize| by_id(&col_head_id(c)).map(|h| h.get_bounding_client_rect());
        // The headers run left to right: the first ending past the left edge, the first
        // starting at or past the right edge.
        let first = partition(n, |c| rect(c).is_some_and(|r| r.right() <= left_edge));
        let end = partition(n, |c| rect(c).is_some_and(|r| r.left() < right_edge));
        let first = first.min(n - 1);
        span_in_view(first, end.saturating_sub(1).max(first), n, OVERSCAN_COLS)
    }
}

/// The first `i` in `0..n` for which `before(i)` is false, `before` being true for a
/// first run of indices and false after (a binary search: a dozen header lookups, not
/// fifty).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The average height of the drawn rows, from the first cells of the first and last.
fn measured_row_px(s: usize, e: usize) -> Option<f64> {
    if e <= s + 1 {
        return None;
    }
    let a = f64::from(row_of(s)?.offset_top());
    let b = f64::from(row_of(e - 1)?.offset_top());
    let h = (b - a) / (e - 1 - s) as f64;
    (h > 4.0).then_some(h)
}

/// The id of the unit column's header (it stays in view when the grid scrolls sideways).
pub(super) const UNIT_HEAD_ID: &str = "sg-unit-head";

/// The id of indicator column `c`'s header.
pub(super) fn col_head_id(c: usize) -> String {
    format!("sg-col-{c}")
}

/// The id of drawn row `r`'s header cell (the unit's name; drawn whatever the
/// columns drawn).
pub(super) fn row_head_id(r: usize) -> String {
    format!("sg-row-{r}")
}

fn by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The table row of drawn row `r`.
fn row_of(r: usize) -> Option<web_sys::HtmlElement> {
    by_id(&row_head_id(r))?
        .closest("tr")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
