//! 佐证说明 under a unit's self-assessment grid: one box per indicator, each saved when
//! it is left, as beside the scores in 逐个单位录入 (`score_form.rs`) — both show the
//! same stored notes, and nothing typed waits for a button.

use leptos::prelude::*;

use crate::domain::focused::{evidence_notes, set_evidence_notes};
use crate::ui::state::AppContext;

/// The 佐证说明 of `unit_id`'s self-assessment in `round_id`.
#[component]
pub fn EvidenceNotes(
    /// The round.
    round_id: String,
    /// The unit.
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let uid = StoredValue::new(unit_id);
    let notes = Memo::new(move |_| {
        ctx.state
            .with(|s| evidence_notes(s, &rid.get_value(), &uid.get_value()))
    });
    let boxes = notes
        .get_untracked()
        .into_iter()
        .enumerate()
        .map(|(i, (id, name, _))| {
            // Each box follows its own stored note: a refused note stays as typed while
            // the others are saved.
            let stored = Memo::new(move |_| {
                notes.with(|n| n.get(i).map(|x| x.2.clone()).unwrap_or_default())
            });
            let label = format!("佐证说明：{name}");
            let save = move |e: leptos::ev::Event| {
                let text = event_target_value(&e);
                let now = ctx.now_iso();
                // A refusal (too long) is shown in the banner; the box keeps the text.
                let _ = ctx.update(crate::ui::text::WRITE_EVIDENCE_NOTE, |s| {
                    set_evidence_notes(
                        s,
                        &rid.get_value(),
                        &uid.get_value(),
                        &[(id.clone(), text)],
                        &now,
                    )
                });
            };
            view! {
                <label class="field field--wide">
                    <span>{label.clone()}</span>
                    // Longer is refused on saving, and what was typed would be lost.
                    <textarea rows="2" aria-label=label maxlength=crate::domain::focused::EVIDENCE_NOTE_MAX
                        prop:value=move || stored.get()
                        on:change=save></textarea>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="evidence-notes" aria-label="佐证说明">
            <h2>"佐证说明"</h2>
            <p class="hint">"逐项写明自评分的依据：材料名称、页码、存放地点等（不上传文件）。每项不超过 500 字；写完离开文本框即保存，随报送文件交给工委。"</p>
            {boxes}
        </section>
    }
}
