//! Which rows of the grid are drawn: the rows in view and [`OVERSCAN`] rows on either
//! side (`components::row_window`). A large city's grid is 300 units × 50 indicators;
//! drawing all 15,000 inputs made every keystroke re-lay and repaint them (about 100 ms
//! a key; `docs/performance.md`). Cells typed into that leave the window are stored
//! first.

use super::*;
use crate::ui::components::row_window::{rows_in_view, ALL_ROWS};

/// Rows drawn beyond those in view, above and below.
const OVERSCAN: usize = 5;
/// A row's height before one is measured, in pixels.
const ROW_GUESS: f64 = 32.0;

/// The rows drawn now and the measured row height.
#[derive(Clone, Copy)]
pub(super) struct RowWindow {
    pub(super) range: RwSignal<(usize, usize)>,
    row_px: StoredValue<f64>,
    rows: usize,
}

impl RowWindow {
    pub(super) fn new(rows: usize) -> RowWindow {
        RowWindow {
            range: RwSignal::new((0, if rows <= ALL_ROWS { rows } else { 30 })),
            row_px: StoredValue::new(ROW_GUESS),
            rows,
        }
    }

    /// Heights in pixels of the spacers above and below the drawn rows.
    pub(super) fn spacers(self) -> (f64, f64) {
        let (s, e) = self.range.get();
        let h = self.row_px.get_value();
        (s as f64 * h, (self.rows - e) as f64 * h)
    }

    /// The scroll container moved: draw the rows now in view. Cells typed into that
    /// leave the drawn rows are stored first (they get no blur once removed).
    pub(super) fn on_scroll(self, cells: Cells, scroller: &web_sys::Element) {
        if self.rows <= ALL_ROWS {
            return;
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
        let (start, end) = rows_in_view(
            f64::from(scroller.scroll_top()) - head,
            f64::from(scroller.client_height()),
            h,
            self.rows,
            OVERSCAN,
        );
        if (start, end) == (s, e) {
            return;
        }
        let cols = cells.cols;
        let leaving: Vec<usize> = cells.dirty.with_value(|d| {
            d.iter()
                .enumerate()
                .filter(|(i, on)| **on && !(start..end).contains(&(i / cols)))
                .map(|(i, _)| i)
                .collect()
        });
        for i in leaving {
            cells.commit(i);
        }
        self.range.set((start, end));
        // Moving rows in and out may take focus from the cell that had it: give it back
        // once the rows are drawn, if that cell is still drawn.
        let keep = cells
            .current
            .get_value()
            .filter(|i| (start..end).contains(&(i / cols)));
        if let Some(i) = keep {
            request_animation_frame(move || {
                let Some(input) = Cells::input(i / cols, i % cols) else {
                    return;
                };
                // Only when focus fell to the page itself: never take it from elsewhere.
                let lost = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
                if lost {
                    let _ = input.focus();
                }
            });
        }
    }
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

/// The id of drawn row `r`'s header cell (the unit's name; drawn whatever the
/// columns drawn).
pub(super) fn row_head_id(r: usize) -> String {
    format!("sg-row-{r}")
}

/// The table row of drawn row `r`.
fn row_of(r: usize) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(&row_head_id(r))?
        .closest("tr")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
