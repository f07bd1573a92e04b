//! Drawing only the rows of a long table that are in its scrolling frame: the score
//! grid (300 units × 50 inputs; it draws only the columns in view too) and the ranking
//! of a large city. Rows out of view are stood for by a spacer row of their height
//! above and below, so the scrollbar and the scroll position are those of the whole
//! table. Tables of up to [`ALL_ROWS`] rows are
//! drawn whole.

use leptos::prelude::*;

/// Tables with this many rows or fewer are drawn whole.
pub const ALL_ROWS: usize = 60;
/// The window moves in steps of this many rows (fewer redraws while scrolling).
const STEP: usize = 5;

/// The rows `start..end` to draw when the frame shows `view_px` pixels of the table's
/// body from `top` pixels below the first row, rows being `row_px` high: those in view
/// and `overscan` more on either side, in steps of [`STEP`]. Never past the last row;
/// a frame scrolled past the end draws the last rows.
pub fn rows_in_view(
    top: f64,
    view_px: f64,
    row_px: f64,
    rows: usize,
    overscan: usize,
) -> (usize, usize) {
    let h = row_px.max(1.0);
    let first = ((top.max(0.0) / h) as usize).min(rows.saturating_sub(1));
    let last = first + (view_px.max(0.0) / h) as usize + 1;
    span_in_view(first, last, rows, overscan)
}

/// The items `start..end` of `n` to draw when items `first..=last` are in view: those
/// and `overscan` more on either side, in steps of [`STEP`], never past the last.
pub fn span_in_view(first: usize, last: usize, n: usize, overscan: usize) -> (usize, usize) {
    let start = first.saturating_sub(overscan) / STEP * STEP;
    let end = ((last + overscan) / STEP * STEP + STEP).min(n);
    (start.min(end), end)
}

/// A spacer row `height` pixels high, standing for the rows not drawn above or below
/// the window; nothing when `height` is 0. Hidden from screen readers: the table says
/// how many rows it has with `aria-rowcount`.
pub fn spacer_row(height: f64, width: usize) -> impl IntoView {
    (height > 0.0).then(|| {
        view! {
            <tr class="row-spacer" aria-hidden="true">
                <td colspan=width.to_string() style:height=format!("{height}px")></td>
            </tr>
        }
    })
}
