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
use crate::domain::grid::{apply_edits, CellEdit, Grid, SELF_KEY};
use crate::ui::components::fields::{update_inline, ChoiceSelect, FormError};
use crate::ui::components::score_grid::ScoreGrid;
use crate::ui::state::AppContext;

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
) -> impl IntoView {
    let by_unit = RwSignal::new(false);
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
            view! { <ScoreGrid round_id=rid.get_value() source_key=key.get_value() /> }.into_any()
        }}
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
    let chosen = RwSignal::new(
        units
            .get_untracked()
            .first()
            .map(|u| u.0.clone())
            .unwrap_or_default(),
    );
    let row = move || units.with(|us| chosen.with(|c| us.iter().position(|u| &u.0 == c)));
    let options = Signal::derive(move || units.get());
    let errors: RwSignal<Vec<(usize, String)>> = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        chosen.track();
        errors.set(Vec::new());
    });
    let step = move |d: isize| {
        let us = units.get_untracked();
        if let Some(i) = row() {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < us.len() {
                chosen.set(us[j as usize].0.clone());
            }
        }
    };
    let value = move |col: usize| {
        grid.with(|g| {
            row()
                .and_then(|r| g.as_ref().and_then(|g| g.value(r, col)))
                .map(|p| p.to_string())
                .unwrap_or_default()
        })
    };
    let store = move |col: usize, text: String| {
        let Some(r) = row() else { return };
        let checked = grid.with_untracked(|g| g.as_ref().map(|g| g.check(r, col, &text)));
        match checked {
            Some(Ok(v)) => {
                errors.update(|e| e.retain(|x| x.0 != col));
                let now = ctx.now_iso();
                let edits = [CellEdit {
                    row: r,
                    col,
                    value: v,
                }];
                let _ = ctx.update("录入评分", |s| {
                    apply_edits(s, &rid.get_value(), &key.get_value(), &edits, &now)
                });
            }
            Some(Err(e)) => errors.update(|list| {
                list.retain(|x| x.0 != col);
                list.push((col, e.to_string()));
            }),
            None => {}
        }
    };
    let note = move |col: usize| {
        let uid = chosen.get();
        ctx.state.with(|s| {
            evidence_notes(s, &rid.get_value(), &uid)
                .get(col)
                .map(|n| n.2.clone())
                .unwrap_or_default()
        })
    };
    let store_note = move |id: String, text: String| {
        let uid = chosen.get_untracked();
        let now = ctx.now_iso();
        let _ = ctx.update("填写佐证说明", |s| {
            set_evidence_notes(s, &rid.get_value(), &uid, &[(id, text)], &now)
        });
    };
    let remark = move || {
        let uid = chosen.get();
        ctx.state
            .with(|s| comment_of(s, &rid.get_value(), &key.get_value(), &uid))
    };
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
    let summary = move || {
        grid.with(|g| match (g, row()) {
            (Some(g), Some(r)) => format!(
                "本单位合计 {} 分（满分 {}），空 {} 项",
                g.row_total_text(r),
                g.full_points(),
                g.row_blanks(r)
            ),
            _ => String::new(),
        })
    };
    view! {
        <section class="score-form" aria-label="逐个单位录入">
            {move || if units.with(|u| u.is_empty()) {
                view! { <p class="muted">"没有要评分的单位。"</p> }.into_any()
            } else {
                let several = units.with(|u| u.len() > 1);
                view! {
                    <div class="score-form__nav">
                        {several.then(|| view! { <ChoiceSelect label="评分单位" options value=chosen /> })}
                        {several.then(|| view! {
                            <button type="button" on:click=move |_| step(-1)
                                disabled=move || row().is_none_or(|r| r == 0)>"上一个单位"</button>
                            <button type="button" on:click=move |_| step(1)
                                disabled=move || row().is_none_or(|r| r + 1 >= units.with(|u| u.len()))>"下一个单位"</button>
                        })}
                        <output aria-label="本单位合计">{summary}</output>
                    </div>
                }.into_any()
            }}
            <ol class="score-form__list">
                {move || shape.get().into_iter().enumerate().map(|(col, l)| {
                    let label = l.name.clone();
                    let err = move || errors.with(|e| e.iter().find(|x| x.0 == col).map(|x| x.1.clone()));
                    let err_id = format!("sf-err-{col}");
                    let guidance = if l.guidance.is_empty() { "（本项未写评分细则）".to_string() } else { l.guidance.clone() };
                    let note_label = format!("佐证说明：{}", l.name);
                    let id = l.id.clone();
                    view! {
                        <li class="score-form__item">
                            <div class="score-form__score">
                                <p class="muted small">{l.dimension.clone()}</p>
                                <label class="field">
                                    <span>{format!("{}（满分 {}）", l.name, l.max)}</span>
                                    <input type="text" inputmode="decimal" class="points" aria-label=label
                                        aria-invalid=move || err().map(|_| "true")
                                        aria-describedby=err_id.clone()
                                        prop:value=move || value(col)
                                        on:change=move |e| store(col, event_target_value(&e)) />
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
                                        <textarea rows="3" aria-label=note_label
                                            prop:value=move || note(col)
                                            on:change=move |e| store_note(id.clone(), event_target_value(&e))></textarea>
                                    </label>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(!is_self).then(|| view! {
                <label class="field field--wide score-form__remark">
                    <span>"评语"</span>
                    <textarea rows="4" aria-label="评语" placeholder="对本单位的总体评价（选填）"
                        prop:value=remark
                        on:change=move |e| store_remark(event_target_value(&e))></textarea>
                </label>
                <FormError error=remark_error />
            })}
        </section>
    }
}
