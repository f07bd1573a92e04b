//! Drawing only the rows of a long table that are in its scrolling frame: the score
//! grid (300 units × 50 inputs; it draws only the columns in view too), the ranking of
//! a large city and the 成果 library (1,172 outcomes). Rows out of view are stood for by
//! a spacer row of their height above and below, so the scrollbar and the scroll
//! position are those of the whole table. Tables of up to [`ALL_ROWS`] rows are drawn
//! whole, and every table is drawn whole when printed. [`RowWindow`] is the window of
//! a list of read-only rows; the score grid keeps its own (it moves with the keyboard).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// Rows of a long list drawn beyond those in its frame, above and below.
const OVERSCAN: usize = 10;
/// The rows of a long list drawn before its frame is measured (a frame as tall as a
/// large screen).
const FIRST_ROWS: usize = 40;
/// A row's height in pixels before one is measured.
const ROW_GUESS: f64 = 30.0;

/// Which rows of a long table of read-only rows are drawn: those in its frame and
/// [`OVERSCAN`] either side, or all of them while printing or when there are at most
/// [`ALL_ROWS`]. The frame (`frame`, the element that scrolls) and the table's body
/// (`body`) are bound by the table's view.
#[derive(Clone, Copy)]
pub struct RowWindow {
    range: RwSignal<(usize, usize)>,
    row_px: RwSignal<f64>,
    printing: RwSignal<bool>,
    /// The element that scrolls.
    pub frame: NodeRef<leptos::html::Div>,
    /// The table's body, whose rows are measured.
    pub body: NodeRef<leptos::html::Tbody>,
}

impl RowWindow {
    /// A window over the first rows, following its frame from the next frame on, the
    /// window's size and printing; `rows` says how many rows the list has now (`None`
    /// once the list is gone). Returns what the frame's `scroll` event calls.
    pub fn follow(
        rows: impl Fn() -> Option<usize> + Copy + 'static,
    ) -> (RowWindow, impl Fn() + Copy) {
        let win = RowWindow {
            range: RwSignal::new((0, FIRST_ROWS)),
            row_px: RwSignal::new(ROW_GUESS),
            printing: RwSignal::new(false),
            frame: NodeRef::new(),
            body: NodeRef::new(),
        };
        // A frame taller than the rows first drawn (a large screen), or one resized
        // with the window, draws the rows it now shows. Not after the list is gone (a
        // frame requested just before leaving the page).
        let follow = move || {
            if let Some(n) = rows() {
                win.follow_scroll(n);
            }
        };
        // Printing (Ctrl+P) lays out every row; the browser runs the redraw between
        // `beforeprint` and laying the pages out. A resize while printing is not
        // followed, so after printing the frame is measured again, once the rows in
        // view are drawn back (the next frame).
        let before_print =
            window_event_listener_untyped("beforeprint", move |_| win.printing.set(true));
        let after_print = window_event_listener_untyped("afterprint", move |_| {
            win.printing.set(false);
            request_animation_frame(follow);
        });
        let resized = window_event_listener(leptos::ev::resize, move |_| follow());
        request_animation_frame(follow);
        on_cleanup(move || {
            before_print.remove();
            after_print.remove();
            resized.remove();
        });
        (win, follow)
    }

    /// Back to the first rows, the frame scrolled to the top (a new search or filter).
    pub fn to_top(self) {
        self.range.set((0, FIRST_ROWS));
        if let Some(frame) = self.frame.get_untracked() {
            frame.set_scroll_top(0);
        }
    }

    /// The rows drawn of `n`.
    pub fn drawn(self, n: usize) -> (usize, usize) {
        if n <= ALL_ROWS || self.printing.get() {
            return (0, n);
        }
        let (s, e) = self.range.get();
        (s.min(n), e.min(n))
    }

    /// The spacer row above (`above`) or below the rows drawn of `n`, `width` columns
    /// wide.
    pub fn spacer(self, n: usize, above: bool, width: usize) -> impl IntoView {
        let (s, e) = self.drawn(n);
        let h = self.row_px.get();
        spacer_row(
            if above {
                s as f64 * h
            } else {
                (n - e) as f64 * h
            },
            width,
        )
    }

    /// The frame scrolled: draw the rows now in it, with the row height measured on
    /// the rows drawn.
    fn follow_scroll(self, n: usize) {
        if n <= ALL_ROWS || self.printing.get_untracked() {
            return;
        }
        let (Some(frame), Some(body)) = (self.frame.get_untracked(), self.body.get_untracked())
        else {
            return;
        };
        let rows = body.children();
        let drawn: Vec<web_sys::HtmlElement> = (0..rows.length())
            .filter_map(|i| rows.item(i))
            .filter(|r| !r.class_list().contains("row-spacer"))
            .filter_map(|r| r.dyn_into().ok())
            .collect();
        let (s, _) = self.range.get_untracked();
        let (Some(first), Some(last)) = (drawn.first(), drawn.last()) else {
            return;
        };
        if drawn.len() > 1 {
            let h = f64::from(last.offset_top() - first.offset_top()) / (drawn.len() - 1) as f64;
            if h > 4.0 && (h - self.row_px.get_untracked()).abs() > 0.5 {
                self.row_px.set(h);
            }
        }
        let h = self.row_px.get_untracked();
        // Where the first row would start: the first drawn row less the spacer above.
        let head = f64::from(first.offset_top()) - s as f64 * h;
        let range = rows_in_view(
            f64::from(frame.scroll_top()) - head,
            f64::from(frame.client_height()),
            h,
            n,
            OVERSCAN,
        );
        if range != self.range.get_untracked() {
            self.range.set(range);
        }
    }
}
