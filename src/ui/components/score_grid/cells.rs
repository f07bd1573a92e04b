//! The grid's shape and its cells' behaviour: moving, typing, saving a cell,
//! pasting a block, the refused and the unsaved.

use super::*;

/// What the table is built from; it is rebuilt only when this changes (not when a
/// score changes), so focus and typing survive every save.
#[derive(Clone, PartialEq)]
pub(super) struct Shape {
    pub(super) unit_names: Vec<String>,
    pub(super) columns: Vec<(String, Points)>,
    /// Each column's 评分细则.
    pub(super) guidance: Vec<String>,
    pub(super) dimensions: Vec<(String, usize)>,
    pub(super) full: Points,
    pub(super) caption: String,
}

impl Shape {
    pub(super) fn of(g: &Grid) -> Shape {
        Shape {
            unit_names: g.unit_names.clone(),
            columns: g.columns.iter().map(|c| (c.name.clone(), c.max)).collect(),
            guidance: g.columns.iter().map(|c| c.guidance.clone()).collect(),
            dimensions: g.dimensions.clone(),
            full: g.full_points(),
            caption: format!("{} · {}", g.round_name, g.source_name),
        }
    }
}

/// Sets a cell's text only when it changes.
pub(super) fn put_text(t: RwSignal<String>, v: String) {
    if t.with_untracked(|x| *x != v) {
        t.set(v);
    }
}

/// A paste's change serial number and the cells it refused, with their text.
pub(super) type PastedRefused = (u64, Vec<(usize, String)>);

/// The cells' state and behaviour, shared by every cell's handlers.
#[derive(Clone, Copy)]
pub(super) struct Cells {
    pub(super) rows: usize,
    pub(super) cols: usize,
    /// What each cell shows (row-major).
    pub(super) texts: StoredValue<Vec<RwSignal<String>>>,
    /// Why a cell's text is not stored, if it is not.
    pub(super) errors: StoredValue<Vec<RwSignal<Option<CellError>>>>,
    /// The refused cells and why, by cell: what the alert above the grid lists (it
    /// reads this one signal, not every cell's).
    pub(super) refused: RwSignal<std::collections::BTreeMap<usize, CellError>>,
    /// The banner a paste with refused cells put up: taken down once the last refused
    /// cell is corrected, as it no longer holds.
    pub(super) paste_notice: StoredValue<Option<String>>,
    /// The last paste that stored something and refused some cells: its change's serial
    /// number (see `AppContext::last_change`) and the refused cells with what it put in
    /// them, taken back when that change is undone.
    pub(super) pasted: StoredValue<Option<PastedRefused>>,
    /// Typed into since the last commit.
    pub(super) dirty: StoredValue<Vec<bool>>,
    /// The stored value of each cell typed into, as it was at the first keystroke: a
    /// cell changed meanwhile (another window, an undo) is not written over unseen.
    pub(super) began: StoredValue<std::collections::BTreeMap<usize, Option<Points>>>,
    /// The cell in edit mode (F2 / double click), where ←/→ move the caret.
    pub(super) editing: RwSignal<Option<usize>>,
    /// Focus just arrived by mouse: keep the whole content selected on mouse-up.
    pub(super) just_focused: StoredValue<bool>,
    /// The cell that last had focus (kept in focus when the drawn rows move).
    pub(super) current: StoredValue<Option<usize>>,
    /// The rows and columns drawn.
    pub(super) win: GridWindow,
    /// The cell focus is moving to while it is being drawn: a key pressed meanwhile
    /// moves on from there.
    pub(super) pending: StoredValue<Option<usize>>,
    pub(super) grid: Memo<Result<Grid, GridError>>,
    pub(super) round_id: StoredValue<String>,
    pub(super) key: StoredValue<String>,
    pub(super) ctx: AppContext,
    /// A paste held back because part of it fell outside the grid (a start cell one row
    /// off, a whole sheet over a smaller one): its cell, its text and how many cells fell
    /// outside, written only once the person confirms.
    pub(super) overflow: StoredValue<Option<(usize, String, usize)>>,
    pub(super) overflow_open: RwSignal<bool>,
}

/// A paste of at least this many changed cells keeps the data as it stood as a snapshot
/// first, kept as the snapshots before a deletion are: 撤销 does not outlive a reload (a
/// review: a whole sheet pasted one row low was there for good after a reload).
pub(super) const PASTE_SNAPSHOT_CELLS: usize = 20;

impl Cells {
    pub(super) fn alive(self) -> bool {
        self.texts.try_with_value(|_| ()).is_some()
    }

    pub(super) fn text(self, i: usize) -> Option<RwSignal<String>> {
        self.texts.try_with_value(|t| t.get(i).copied()).flatten()
    }

    pub(super) fn error(self, i: usize) -> Option<RwSignal<Option<CellError>>> {
        self.errors.try_with_value(|t| t.get(i).copied()).flatten()
    }

    /// Sets cell `i`'s error, only when it changes.
    pub(super) fn put_error(self, i: usize, v: Option<CellError>) {
        let Some(e) = self.error(i) else { return };
        if e.with_untracked(|x| *x == v) {
            return;
        }
        let cleared = v.is_none();
        self.refused.update(|m| match &v {
            Some(x) => {
                m.insert(i, x.clone());
            }
            None => {
                m.remove(&i);
            }
        });
        e.set(v);
        if cleared && self.refused.with_untracked(|m| m.is_empty()) {
            if let Some(said) = self.paste_notice.get_value() {
                self.paste_notice.set_value(None);
                if self
                    .ctx
                    .notice
                    .with_untracked(|n| n.as_ref().is_some_and(|n| n.text == said))
                {
                    self.ctx.notice.set(None);
                }
            }
        }
    }

    /// Typed into cell `i`: notes the stored value the typing began from (at the
    /// first keystroke since the cell was last stored or reverted).
    pub(super) fn began_typing(self, i: usize) {
        if self.dirty.with_value(|d| d.get(i).copied().unwrap_or(true)) {
            return;
        }
        let now = self.stored(i / self.cols, i % self.cols);
        self.began.update_value(|m| {
            m.insert(i, now);
        });
    }

    pub(super) fn set_dirty(self, i: usize, on: bool) {
        self.dirty.update_value(|d| {
            if let Some(x) = d.get_mut(i) {
                *x = on;
            }
        });
    }

    pub(super) fn stored(self, row: usize, col: usize) -> Option<Points> {
        self.grid
            .with_untracked(|g| g.as_ref().ok().and_then(|g| g.value(row, col)))
    }

    pub(super) fn input(row: usize, col: usize) -> Option<web_sys::HtmlInputElement> {
        web_sys::window()?
            .document()?
            .get_element_by_id(&cell_id(row, col))?
            .dyn_into::<web_sys::HtmlInputElement>()
            .ok()
    }

    /// Moves focus to cell (`row`, `col`), drawing it first if it is not drawn.
    pub(super) fn focus(self, row: usize, col: usize) {
        if let Some(input) = Self::input(row, col) {
            let _ = input.focus();
            input.select();
            return;
        }
        self.pending.set_value(Some(row * self.cols + col));
        self.win.reveal(self, row, col);
    }

    /// After the drawn cells change: once they are drawn, focuses the cell focus is
    /// moving to, or gives focus back to the cell that had it if the change took it
    /// away (an input moved or drawn again loses focus). Done in the tasks that draw
    /// the cells, before the next key is handled, or at the next frame at the latest;
    /// never takes focus from elsewhere on the page.
    pub(super) fn settle_focus(self) {
        // Only when a cell has focus now (or focus is moving to one).
        let in_grid = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|a| a.id().starts_with(CELL_ID_PREFIX));
        if !in_grid && self.pending.get_value().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            for k in 0..8 {
                leptos::task::tick().await;
                // The cells are drawn by the tasks the change queued: not before the
                // second tick.
                if k >= 1 && self.try_settle_focus() {
                    return;
                }
            }
            request_animation_frame(move || {
                if !self.try_settle_focus() {
                    self.pending.try_set_value(None);
                }
            });
        });
    }

    /// See [`Cells::settle_focus`]: false while the cell to focus is not drawn yet.
    fn try_settle_focus(self) -> bool {
        if !self.alive() {
            return true;
        }
        let pending = self.pending.get_value();
        let Some(i) = pending.or(self.current.get_value()) else {
            return true;
        };
        let Some(input) = Self::input(i / self.cols, i % self.cols) else {
            return false;
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let on_page = active
            .as_ref()
            .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
        if pending.is_some() || on_page {
            self.pending.set_value(None);
            if active.as_ref() != Some(input.as_ref()) {
                let _ = input.focus();
                input.select();
            }
        }
        true
    }

    /// Stores what the person typed into cell `i`, or shows why it cannot be stored.
    pub(super) fn commit(self, i: usize) {
        if !self.alive()
            || !self
                .dirty
                .with_value(|d| d.get(i).copied().unwrap_or(false))
        {
            return;
        }
        self.set_dirty(i, false);
        let began = self.began.try_update_value(|m| m.remove(&i)).flatten();
        let Some(text) = self.text(i) else {
            return;
        };
        let (row, col) = (i / self.cols, i % self.cols);
        let typed = text.get_untracked();
        let checked = self.grid.with_untracked(|g| {
            g.as_ref().ok().map(|g| {
                (
                    g.check(row, col, &typed),
                    g.value(row, col),
                    g.cell_label(row, col),
                )
            })
        });
        let Some((checked, stored, what)) = checked else {
            return;
        };
        match checked {
            Ok(v) if v == stored => {
                self.put_error(i, None);
                put_text(text, show(stored));
            }
            // Changed elsewhere while it was being typed in (a clerk's review: two tabs
            // on one grid, the later Enter wrote over the other's score unseen): not
            // stored; what was typed and what the cell holds now are both said.
            Ok(_) if began.is_some_and(|b| b != stored) => {
                self.put_error(i, None);
                put_text(text, show(stored));
                self.ctx.notice.set(Some(Notice::warning(
                    crate::ui::text::score_changed_while_typing(
                        &what,
                        began.flatten(),
                        stored,
                        &typed,
                    ),
                )));
            }
            Ok(value) => {
                self.put_error(i, None);
                let edits = [CellEdit { row, col, value }];
                let (rid, key) = (self.round_id.get_value(), self.key.get_value());
                let now = self.ctx.now_iso();
                let verb = if value.is_some() {
                    "录入评分"
                } else {
                    "清除评分"
                };
                if self
                    .ctx
                    .update_typed(&format!("{verb}：{what}"), |s| {
                        apply_edits(s, &rid, &key, &edits, &now)
                    })
                    .is_err()
                {
                    put_text(text, show(stored));
                }
            }
            Err(GridError::Cell(e)) => self.put_error(i, Some(e)),
            Err(e) => self.ctx.notice.set(Some(Notice::error(e.to_string()))),
        }
    }

    /// Drops the unsaved change of cell `i`: it shows the stored value again.
    pub(super) fn revert(self, i: usize) {
        self.set_dirty(i, false);
        self.began.update_value(|m| {
            m.remove(&i);
        });
        if let Some(text) = self.text(i) {
            self.put_error(i, None);
            put_text(text, show(self.stored(i / self.cols, i % self.cols)));
        }
    }

    /// Pastes a block copied from Excel / WPS with its top-left cell at cell `i`; a
    /// block part of which falls outside the grid is asked about first.
    pub(super) fn paste(self, i: usize, data: &str) {
        self.paste_as(i, data, false);
    }

    /// The held-back paste, confirmed.
    pub(super) fn paste_confirmed(self) {
        if let Some((i, data, _)) = self.overflow.get_value() {
            self.overflow.set_value(None);
            self.paste_as(i, &data, true);
        }
    }

    fn paste_as(self, i: usize, data: &str, confirmed: bool) {
        let block = parse_block(data);
        if block.is_empty() {
            return;
        }
        let (row, col) = (i / self.cols, i % self.cols);
        let Some(planned) = self
            .grid
            .with_untracked(|g| g.as_ref().ok().map(|g| g.plan_paste(row, col, &block)))
        else {
            return;
        };
        let plan = match planned {
            Ok(plan) => plan,
            Err(e) => {
                // Refused as a whole: nothing is stored, nothing on screen changes.
                self.ctx.notice.set(Some(Notice::error(e.to_string())));
                return;
            }
        };
        // Cells beyond the grid: most likely the start cell or the copied block is not
        // the one meant (a review: a sheet pasted one row low shifted every unit's
        // scores onto the next, said only in a passing notice).
        if plan.outside > 0 && !plan.edits.is_empty() && !confirmed {
            self.overflow
                .set_value(Some((i, data.to_string(), plan.outside)));
            self.overflow_open.set(true);
            return;
        }
        let at = |r: usize, c: usize| r * self.cols + c;
        for e in &plan.edits {
            let j = at(e.row, e.col);
            self.set_dirty(j, false);
            if let Some(text) = self.text(j) {
                self.put_error(j, None);
                put_text(text, show(e.value));
            }
        }
        for &(r, c) in &plan.unchanged {
            let j = at(r, c);
            self.set_dirty(j, false);
            if let Some(text) = self.text(j) {
                self.put_error(j, None);
                put_text(text, show(self.stored(r, c)));
            }
        }
        for p in &plan.problems {
            let j = at(p.row, p.col);
            self.set_dirty(j, false);
            if let Some(text) = self.text(j) {
                put_text(text, p.text.clone());
                self.put_error(j, Some(p.error.clone()));
            }
        }
        let mut kept = false;
        if !plan.edits.is_empty() {
            let (rid, key) = (self.round_id.get_value(), self.key.get_value());
            let now = self.ctx.now_iso();
            let what = format!("粘贴评分（{} 个单元格）", plan.edits.len());
            let change =
                |s: &mut crate::domain::AppState| apply_edits(s, &rid, &key, &plan.edits, &now);
            let done = if plan.edits.len() >= PASTE_SNAPSHOT_CELLS {
                let label = format!("粘贴评分前：{} 个单元格", plan.edits.len());
                self.ctx.update_kept(&what, &label, change).map(|(_, k)| k)
            } else {
                self.ctx.update(&what, change).map(|_| false)
            };
            kept = done.as_ref().is_ok_and(|k| *k);
            if done.is_err() {
                for e in &plan.edits {
                    if let Some(text) = self.text(at(e.row, e.col)) {
                        put_text(text, show(self.stored(e.row, e.col)));
                    }
                }
                return;
            }
            let refused: Vec<(usize, String)> = plan
                .problems
                .iter()
                .map(|p| (at(p.row, p.col), p.text.clone()))
                .collect();
            self.pasted.set_value(
                self.ctx
                    .last_change()
                    .filter(|_| !refused.is_empty())
                    .map(|n| (n, refused)),
            );
        }
        let mut said = plan.summary();
        if kept {
            said.push_str(crate::ui::text::PASTE_SNAPSHOT_KEPT);
        }
        self.paste_notice
            .set_value((!plan.problems.is_empty()).then(|| said.clone()));
        self.ctx.notice.set(Some(Notice::info(said)));
        if let Some(input) = Self::input(row, col) {
            input.select();
        }
    }

    /// Moves between cells like a spreadsheet.
    pub(super) fn on_key(self, i: usize, ev: &web_sys::KeyboardEvent) {
        if ev.is_composing() {
            return;
        }
        self.just_focused.set_value(false);
        // A key pressed while focus is still moving to a cell being drawn moves on from
        // that cell.
        let i = self.pending.get_value().unwrap_or(i);
        let (row, col) = (i / self.cols, i % self.cols);
        let (rows, cols) = (self.rows, self.cols);
        let editing = self.editing.get_untracked() == Some(i);
        let shift = ev.shift_key();
        let target = match ev.key().as_str() {
            "ArrowUp" => Some(row.checked_sub(1).map(|r| (r, col))),
            "ArrowDown" => Some((row + 1 < rows).then_some((row + 1, col))),
            "ArrowLeft" if !editing => Some(col.checked_sub(1).map(|c| (row, c))),
            "ArrowRight" if !editing => Some((col + 1 < cols).then_some((row, col + 1))),
            // As in Excel: Home and End along the row, with Ctrl to the grid's corners.
            "Home" if !editing => Some(Some((if ev.ctrl_key() { 0 } else { row }, 0))),
            "End" if !editing => Some(Some((
                if ev.ctrl_key() {
                    rows.saturating_sub(1)
                } else {
                    row
                },
                cols.saturating_sub(1),
            ))),
            "Enter" if shift => Some(row.checked_sub(1).map(|r| (r, col))),
            "Enter" => Some((row + 1 < rows).then_some((row + 1, col))),
            "Tab" => {
                let next = if shift { i.checked_sub(1) } else { Some(i + 1) };
                match next.filter(|&j| j < rows * cols) {
                    // Past the first or last cell, Tab leaves the grid as usual.
                    None => return,
                    Some(j) => Some(Some((j / cols, j % cols))),
                }
            }
            "Escape" => {
                ev.prevent_default();
                // As in Excel, Esc also ends editing inside the cell (F2): the arrows,
                // Home and End move between cells again.
                self.editing.set(None);
                self.revert(i);
                if let Some(input) = Self::input(row, col) {
                    // The stored value now, not when the cell's text is next drawn:
                    // drawn later, it would put the caret at the end, and the next digit
                    // would be added to it instead of replacing it.
                    input.set_value(&show(self.stored(row, col)));
                    input.select();
                }
                return;
            }
            // Ctrl+Z is the app's 撤销, never the browser's own undo of a text box: that
            // put an old text back in a cell whose score stayed, and leaving the cell
            // then saved it as a new change (a clerk's review). Typing not saved yet
            // is dropped first, as Esc does.
            "z" | "Z" if (ev.ctrl_key() || ev.meta_key()) && !shift && !ev.alt_key() => {
                ev.prevent_default();
                let stored = show(self.stored(row, col));
                match Self::input(row, col) {
                    Some(input) if input.value() != stored => {
                        self.editing.set(None);
                        self.revert(i);
                        input.set_value(&stored);
                        input.select();
                    }
                    _ => self.ctx.undo(),
                }
                return;
            }
            "F2" => {
                ev.prevent_default();
                self.editing.set(Some(i));
                if let Some(input) = Self::input(row, col) {
                    let end = input.value().encode_utf16().count() as u32;
                    let _ = input.set_selection_range(end, end);
                }
                return;
            }
            _ => None,
        };
        let Some(target) = target else { return };
        ev.prevent_default();
        // Enter confirms the cell: a value refused there keeps the keyboard on it to be
        // corrected (a keyboard review: it moved on, and the bad cell was one row up).
        if ev.key() == "Enter" {
            self.commit(i);
            if self
                .error(i)
                .is_some_and(|e| e.with_untracked(Option::is_some))
            {
                if let Some(input) = Self::input(row, col) {
                    input.select();
                }
                return;
            }
        }
        match target {
            Some((r, c)) => self.focus(r, c),
            // At the edge: store the cell and stay.
            None => {
                self.commit(i);
                if let Some(input) = Self::input(row, col) {
                    input.select();
                }
            }
        }
    }
}
