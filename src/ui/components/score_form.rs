//! Scoring one unit at a time (逐个单位录入): the indicators down the page, each with
//! its full points and 评分细则 beside it, and — for a unit's self-assessment — a
//! 佐证说明 for each; an assessor writes a 评语 per unit (`domain::comments`). The same checks and the same store as the grid
//! (`domain::grid::apply_edits`, `domain::focused::set_evidence_notes`); a value that
//! is refused stays in its box with the reason and is not stored.
//!
//! [`ScoreEntry`] puts the grid and this form behind one switch.

use leptos::prelude::*;

use crate::domain::comments::{comment_of, set_comment};
use crate::domain::focused::{evidence_notes, set_evidence_notes};
use crate::domain::grid::{apply_edits, column_as_row, parse_block, CellEdit, Grid, SELF_KEY};
use crate::domain::Points;
use crate::ui::components::evidence_notes::EvidenceNotes;
use crate::ui::components::fields::{update_inline, ChoiceSelect, FormError};
use crate::ui::components::score_grid::ScoreGrid;
use crate::ui::state::{AppContext, Notice};
use std::collections::BTreeMap;

/// One indicator as the form shows it.
#[derive(Clone, PartialEq)]
struct Line {
    id: String,
    dimension: String,
    name: String,
    max: String,
    guidance: String,
}

fn lines(s: &crate::domain::AppState, round_id: &str) -> Vec<Line> {
    let Some(scheme) = s.round(round_id).and_then(|r| s.scheme(&r.scheme_id)) else {
        return Vec::new();
    };
    scheme
        .dimensions
        .iter()
        .flat_map(|d| {
            d.indicators.iter().map(move |i| Line {
                id: i.id.clone(),
                dimension: d.name.clone(),
                name: i.name.clone(),
                max: i.max.to_string(),
                guidance: i.guidance.clone(),
            })
        })
        .collect()
}

/// The grid or the one-unit form, with a switch between them.
#[component]
pub fn ScoreEntry(
    /// The round's id.
    round_id: String,
    /// The source: an assessor id or `self`.
    source_key: String,
    /// A unit's own copy: the unit whose 佐证说明 stand under the grid (in
    /// 逐个单位录入 they stand beside the scores).
    #[prop(optional, into)]
    notes_of: Option<String>,
) -> impl IntoView {
    // The way of entry is kept while the person visits other pages (Back finds it).
    let ctx = AppContext::get();
    let place = format!("录入方式/{round_id}/{source_key}");
    let by_unit = RwSignal::new(ctx.list_filters(&place).is_some());
    Effect::new(move |_| {
        let form = by_unit.get();
        ctx.keep_list_filters(&place, form.then(|| vec!["逐个单位".to_string()]));
    });
    let notes_of = StoredValue::new(notes_of);
    let rid = StoredValue::new(round_id);
    let key = StoredValue::new(source_key);
    view! {
        <div class="entry-switch" role="group" aria-label="录入方式">
            <button type="button" aria-pressed=move || (!by_unit.get()).to_string()
                on:click=move |_| by_unit.set(false)>"表格录入"</button>
            <button type="button" aria-pressed=move || by_unit.get().to_string()
                on:click=move |_| by_unit.set(true)>"逐个单位录入"</button>
        </div>
        {move || if by_unit.get() {
            view! { <ScoreForm round_id=rid.get_value() source_key=key.get_value() /> }.into_any()
        } else {
            view! {
                <ScoreGrid round_id=rid.get_value() source_key=key.get_value() />
                {notes_of.get_value().map(|u| view! { <EvidenceNotes round_id=rid.get_value() unit_id=u /> })}
            }.into_any()
        }}
    }
}

/// The form's state, shared by its parts: the round and source, the grid read from the
/// data, the units in order, the unit chosen and the refused values by column.
#[derive(Clone, Copy)]
struct Form {
    ctx: AppContext,
    rid: StoredValue<String>,
    key: StoredValue<String>,
    grid: Memo<Option<Grid>>,
    units: Memo<Vec<(String, String)>>,
    chosen: RwSignal<String>,
    errors: RwSignal<Vec<(usize, String)>>,
    /// Set when a move to another unit was refused because a score here is refused
    /// (red): leaving would drop what was typed without a word.
    held: RwSignal<bool>,
    /// The boxes typed in and not yet stored, by column, with the stored value the
    /// typing began from: such a box is not redrawn by another window's save, and its
    /// value is not stored over a score changed meanwhile (as in the grid).
    began: StoredValue<BTreeMap<usize, Option<Points>>>,
}

impl Form {
    /// The chosen unit's row in the grid.
    fn row(self) -> Option<usize> {
        self.units
            .with(|us| self.chosen.with(|c| us.iter().position(|u| &u.0 == c)))
    }

    /// Whether the chosen unit may be left: not while a typed score is refused.
    fn may_leave(self) -> bool {
        let ok = self.errors.with_untracked(Vec::is_empty);
        self.held.set(!ok);
        ok
    }

    /// Moves to the previous (`-1`) or next (`1`) unit.
    fn step(self, d: isize) {
        if !self.may_leave() {
            return;
        }
        let us = self.units.get_untracked();
        if let Some(i) = self.row() {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < us.len() {
                self.chosen.set(us[j as usize].0.clone());
            }
        }
    }

    /// The chosen unit's stored score in column `col`.
    fn stored(self, col: usize) -> Option<Points> {
        let r = self.row()?;
        self.grid
            .with_untracked(|g| g.as_ref().and_then(|g| g.value(r, col)))
    }

    /// Typed into box `col`: notes the stored value the typing began from.
    fn began_typing(self, col: usize) {
        if self.began.with_value(|m| m.contains_key(&col)) {
            return;
        }
        let now = self.stored(col);
        self.began.update_value(|m| {
            m.insert(col, now);
        });
    }

    /// Whether box `col` holds typing not yet stored.
    fn typing(self, col: usize) -> bool {
        self.began.with_value(|m| m.contains_key(&col))
    }

    fn value(self, col: usize) -> String {
        self.grid.with(|g| {
            self.row()
                .and_then(|r| g.as_ref().and_then(|g| g.value(r, col)))
                .map(|p| p.to_string())
                .unwrap_or_default()
        })
    }

    /// Writes `edits` to this form's sheet as one change named `what`; false if refused.
    fn write(self, what: &str, edits: &[CellEdit], now: &str) -> bool {
        self.ctx
            .update(what, |s| {
                apply_edits(s, &self.rid.get_value(), &self.key.get_value(), edits, now)
            })
            .is_ok()
    }

    /// Stores a score the grid's checks accept; keeps the reason for one they refuse.
    /// A score changed elsewhere since the typing began is not written over: the box
    /// shows it again, with a warning (a box the form alone would let another window's
    /// save be replaced unseen).
    fn store(self, col: usize, text: String, shown: RwSignal<String>) {
        let Some(r) = self.row() else { return };
        let began = self.began.try_update_value(|m| m.remove(&col)).flatten();
        let checked = self.grid.with_untracked(|g| {
            g.as_ref().map(|g| {
                (
                    g.check(r, col, &text),
                    g.value(r, col),
                    g.cell_label(r, col),
                )
            })
        });
        let Some((checked, stored, what)) = checked else {
            return;
        };
        let stored_text = stored.map(|p| p.to_string()).unwrap_or_default();
        match checked {
            Ok(v) if v != stored && began.is_some_and(|b| b != stored) => {
                self.errors.update(|e| e.retain(|x| x.0 != col));
                shown.set(stored_text);
                self.ctx.notice.set(Some(Notice::warning(
                    crate::ui::text::score_changed_while_typing(
                        &what,
                        began.flatten(),
                        stored,
                        &text,
                    ),
                )));
            }
            Ok(v) => {
                self.errors.update(|e| e.retain(|x| x.0 != col));
                let now = self.ctx.now_iso();
                let edits = [CellEdit {
                    row: r,
                    col,
                    value: v,
                }];
                if !self.write("录入评分", &edits, &now) {
                    shown.set(stored_text);
                }
            }
            Err(e) => {
                // Still being put right: kept from redrawing, from the same start.
                if let Some(b) = began {
                    self.began.update_value(|m| {
                        m.insert(col, b);
                    });
                }
                self.errors.update(|list| {
                    list.retain(|x| x.0 != col);
                    list.push((col, e.to_string()));
                });
            }
        }
    }

    /// A column or row of scores copied from Excel / WPS, pasted into box `col`: laid
    /// into this box and the ones after it, checked as the grid checks a paste. False
    /// (the browser pastes as usual) for a single value.
    fn paste(self, col: usize, data: &str) -> bool {
        let block = parse_block(data);
        let cells: Vec<String> = match (column_as_row(&block), block.as_slice()) {
            (Some(cells), _) => cells,
            (None, [one]) => one.clone(),
            _ => return false,
        };
        if cells.len() < 2 {
            return false;
        }
        let Some(r) = self.row() else { return false };
        let planned = self
            .grid
            .with_untracked(|g| g.as_ref().map(|g| g.plan_paste(r, col, &[cells])));
        let plan = match planned {
            Some(Ok(plan)) => plan,
            Some(Err(e)) => {
                self.ctx.notice.set(Some(Notice::error(e.to_string())));
                return true;
            }
            None => return false,
        };
        self.errors.update(|list| {
            list.retain(|x| {
                !plan.edits.iter().any(|e| e.col == x.0)
                    && !plan.unchanged.iter().any(|u| u.1 == x.0)
            });
            for p in &plan.problems {
                list.retain(|x| x.0 != p.col);
                list.push((p.col, p.error.to_string()));
            }
        });
        if !plan.edits.is_empty() {
            let now = self.ctx.now_iso();
            let what = format!("粘贴评分（{} 项）", plan.edits.len());
            let edits = plan.edits.clone();
            if !self.write(&what, &edits, &now) {
                return true;
            }
        }
        self.ctx.notice.set(Some(Notice::info(plan.summary())));
        true
    }

    fn note(self, col: usize) -> String {
        let uid = self.chosen.get();
        self.ctx.state.with(|s| {
            evidence_notes(s, &self.rid.get_value(), &uid)
                .get(col)
                .map(|n| n.2.clone())
                .unwrap_or_default()
        })
    }

    fn store_note(self, id: String, text: String) {
        let uid = self.chosen.get_untracked();
        let now = self.ctx.now_iso();
        let _ = self.ctx.update(crate::ui::text::WRITE_EVIDENCE_NOTE, |s| {
            set_evidence_notes(s, &self.rid.get_value(), &uid, &[(id, text)], &now)
        });
    }

    fn summary(self) -> String {
        self.grid.with(|g| match (g, self.row()) {
            // 未评 for a unit with nothing scored, as the grid and the round page say.
            (Some(g), Some(r)) if g.row_scored(r) => format!(
                "本单位合计 {} 分（满分 {}），空 {} 项",
                g.row_total_text(r),
                g.full_points(),
                g.row_blanks(r)
            ),
            (Some(g), Some(_)) => format!(
                "本单位{}（满分 {}）",
                crate::domain::grid::NOT_SCORED,
                g.full_points()
            ),
            _ => String::new(),
        })
    }
}

/// One unit's scores as a form.
#[component]
pub fn ScoreForm(
    /// The round's id.
    round_id: String,
    /// The source: an assessor id or `self`.
    source_key: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let is_self = source_key == SELF_KEY;
    let rid = StoredValue::new(round_id);
    let key = StoredValue::new(source_key);
    let grid = Memo::new(move |_| {
        ctx.state
            .with(|s| Grid::read(s, &rid.get_value(), &key.get_value()).ok())
    });
    let shape = Memo::new(move |_| ctx.state.with(|s| lines(s, &rid.get_value())));
    let units = Memo::new(move |_| {
        grid.with(|g| {
            g.as_ref()
                .map(|g| {
                    g.unit_ids
                        .iter()
                        .cloned()
                        .zip(g.unit_names.iter().cloned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The unit being scored is kept while the person visits other pages or switches
    // to the grid and back: with forty units on a site visit, the place matters.
    let place = format!("评分单位/{}/{}", rid.get_value(), key.get_value());
    let kept = ctx
        .list_filters(&place)
        .and_then(|v| v.into_iter().next())
        .filter(|u| units.with_untracked(|us| us.iter().any(|x| &x.0 == u)));
    let chosen = RwSignal::new(kept.unwrap_or_else(|| {
        units
            .get_untracked()
            .first()
            .map(|u| u.0.clone())
            .unwrap_or_default()
    }));
    Effect::new(move |_| {
        let uid = chosen.get();
        ctx.keep_list_filters(&place, (!uid.is_empty()).then(|| vec![uid]));
    });
    let errors: RwSignal<Vec<(usize, String)>> = RwSignal::new(Vec::new());
    let held = RwSignal::new(false);
    let began = StoredValue::new(BTreeMap::new());
    Effect::new(move |_| {
        chosen.track();
        errors.set(Vec::new());
        held.set(false);
        began.set_value(BTreeMap::new());
    });
    // Once the refused scores are put right, the warning goes.
    Effect::new(move |_| {
        if errors.with(Vec::is_empty) {
            held.set(false);
        }
    });
    let f = Form {
        ctx,
        rid,
        key,
        grid,
        units,
        chosen,
        errors,
        held,
        began,
    };
    view! {
        <section class="score-form" aria-label="逐个单位录入">
            {move || unit_nav(f)}
            <ol class="score-form__list">
                {move || shape.get().into_iter().enumerate().map(|(col, l)| line_item(f, col, l, is_self)).collect_view()}
            </ol>
            {(!is_self).then(|| remark_field(f))}
        </section>
    }
}

/// The unit chooser, previous/next and the chosen unit's total.
fn unit_nav(f: Form) -> AnyView {
    let units = f.units;
    if units.with(|u| u.is_empty()) {
        return view! { <p class="muted">"没有要评分的单位。"</p> }.into_any();
    }
    let several = units.with(|u| u.len() > 1);
    let options = Signal::derive(move || units.get());
    let chosen = f.chosen;
    // The chooser's own value: it becomes the chosen unit unless a refused score holds
    // the form here, then it goes back.
    let picked = RwSignal::new(chosen.get_untracked());
    Effect::new(move |_| {
        let p = picked.get();
        if p == chosen.get_untracked() {
            return;
        }
        if f.may_leave() {
            chosen.set(p);
        } else {
            picked.set(chosen.get_untracked());
        }
    });
    Effect::new(move |_| {
        let c = chosen.get();
        if picked.get_untracked() != c {
            picked.set(c);
        }
    });
    view! {
        <div class="score-form__nav">
            {several.then(|| view! { <ChoiceSelect label="评分单位" options value=picked /> })}
            {several.then(|| view! {
                <button type="button" on:click=move |_| f.step(-1)
                    disabled=move || f.row().is_none_or(|r| r == 0)>"上一个单位"</button>
                <button type="button" on:click=move |_| f.step(1)
                    disabled=move || f.row().is_none_or(|r| r + 1 >= units.with(|u| u.len()))>"下一个单位"</button>
            })}
            <output aria-label="本单位合计">{move || f.summary()}</output>
        </div>
        {move || f.held.get().then(|| view! {
            <p class="error" role="alert">"本单位有标红的分数没有保存：请改正（或改回原来的分数）后再换单位，否则输入的内容会丢失。"</p>
        })}
    }
    .into_any()
}

/// One indicator: its score box, 评分细则 and (for a self-assessment) 佐证说明.
fn line_item(f: Form, col: usize, l: Line, is_self: bool) -> impl IntoView {
    let errors = f.errors;
    let label = l.name.clone();
    let err = move || errors.with(|e| e.iter().find(|x| x.0 == col).map(|x| x.1.clone()));
    let err_id = format!("sf-err-{col}");
    let guidance = if l.guidance.is_empty() {
        "（本项未写评分细则）".to_string()
    } else {
        l.guidance.clone()
    };
    let note_label = format!("佐证说明：{}", l.name);
    let id = l.id.clone();
    // The box follows its own stored note: a refused note stays as typed while
    // other changes are saved.
    let note = Memo::new(move |_| f.note(col));
    // The score box follows its own stored score, and not while it is typed in: another
    // window's save wiped what was being typed here (the 评语's defect, found again).
    let stored = Memo::new(move |_| f.value(col));
    let shown = RwSignal::new(stored.get_untracked());
    Effect::new(move |_| {
        let v = stored.get();
        if !f.typing(col) && shown.with_untracked(|s| *s != v) {
            shown.set(v);
        }
    });
    view! {
        <li class="score-form__item">
            <div class="score-form__score">
                <p class="muted small">{l.dimension.clone()}</p>
                <label class="field">
                    <span>{format!("{}（满分 {}）", l.name, l.max)}</span>
                    <input type="text" inputmode="decimal" class="points" aria-label=label
                        aria-invalid=move || err().map(|_| "true")
                        aria-describedby=err_id.clone()
                        prop:value=move || shown.get()
                        on:input=move |_| f.began_typing(col)
                        on:change=move |e| f.store(col, event_target_value(&e), shown)
                        on:paste=move |e: leptos::ev::ClipboardEvent| {
                            let data = e.clipboard_data().and_then(|d| d.get_data("text").ok()).unwrap_or_default();
                            if f.paste(col, &data) {
                                e.prevent_default();
                            }
                        } />
                </label>
                <p id=err_id class="cell-error" role="alert">{err}</p>
            </div>
            <div class="score-form__guidance">
                <p><strong>"评分细则："</strong>{guidance}</p>
            </div>
            {is_self.then(|| {
                let id = id.clone();
                view! {
                    <label class="field score-form__note">
                        <span>"佐证说明"</span>
                        <textarea rows="3" aria-label=note_label maxlength=crate::domain::focused::EVIDENCE_NOTE_MAX
                            prop:value=move || note.get()
                            on:change=move |e| f.store_note(id.clone(), event_target_value(&e))></textarea>
                    </label>
                }
            })}
        </li>
    }
}

/// An assessor's 评语 on the chosen unit.
fn remark_field(f: Form) -> impl IntoView {
    let Form {
        ctx,
        rid,
        key,
        chosen,
        ..
    } = f;
    // The box follows its own stored 评语, not every change: another window's save
    // elsewhere left the stored value as it was and wiped what was being typed (a
    // clerk's review).
    let remark = Memo::new(move |_| {
        let uid = chosen.get();
        ctx.state
            .with(|s| comment_of(s, &rid.get_value(), &key.get_value(), &uid))
    });
    let remark_error = RwSignal::new(None::<String>);
    let store_remark = move |text: String| {
        let uid = chosen.get_untracked();
        let now = ctx.now_iso();
        match update_inline(ctx, "填写评语", |s| {
            set_comment(s, &rid.get_value(), &key.get_value(), &uid, &text, &now)
        }) {
            Ok(_) => remark_error.set(None),
            Err(e) => remark_error.set(Some(e)),
        }
    };
    view! {
        <label class="field field--wide score-form__remark">
            <span>"评语"</span>
            // Longer is refused on saving, and what was typed would be lost on the next unit.
            <textarea rows="4" aria-label="评语" maxlength=crate::domain::comments::COMMENT_MAX
                placeholder=format!("对本单位的总体评价（选填，最多 {} 字）", crate::domain::comments::COMMENT_MAX)
                prop:value=move || remark.get()
                on:change=move |e| store_remark(event_target_value(&e))></textarea>
        </label>
        <FormError error=remark_error />
    }
}
