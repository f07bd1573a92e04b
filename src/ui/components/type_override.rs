//! The committee's type for a unit in a round: the suggestion with its reasons, and a
//! form to set another type with a note (`typing::set_type_override`) or go back to
//! the suggestion (`typing::clear_type_override`).

use leptos::prelude::*;

use crate::domain::typing::{clear_type_override, set_type_override, TypeSuggestion};
use crate::domain::SiteType;
use crate::ui::state::{AppContext, Notice};

/// The type section of a unit's breakdown.
#[component]
pub fn TypeOverrideForm(
    /// The round.
    #[prop(into)]
    round_id: String,
    /// The unit's suggestion (with any override).
    suggestion: TypeSuggestion,
) -> impl IntoView {
    let ctx = AppContext::get();
    let current = suggestion.effective();
    let chosen = RwSignal::new(current);
    let note = RwSignal::new(
        suggestion
            .overridden
            .as_ref()
            .map(|o| o.note.clone())
            .unwrap_or_default(),
    );
    let rid = StoredValue::new(round_id);
    let uid = StoredValue::new(suggestion.unit_id.clone());
    let uname = StoredValue::new(suggestion.unit_name.clone());
    let save = move |_| {
        let t = chosen.get_untracked();
        let n = note.get_untracked();
        let (r, u, name) = (rid.get_value(), uid.get_value(), uname.get_value());
        let done = ctx.update("更改类型", |s| {
            let round = s
                .rounds
                .iter_mut()
                .find(|x| x.id == r)
                .ok_or_else(|| format!("找不到考评轮次「{r}」"))?;
            if set_type_override(round, &u, t, &n) {
                Ok(())
            } else if n.trim().is_empty() {
                Err(format!(
                    "请在“说明”中写明将「{name}」认定为{}的理由。",
                    t.label()
                ))
            } else {
                Err(format!("单位「{name}」不在考评轮次「{}」中。", round.name))
            }
        });
        if done.is_ok() {
            ctx.notice.set(Some(Notice::info(format!(
                "已将「{name}」的类型认定为{}。",
                t.label()
            ))));
        }
    };
    let clear = move |_| {
        let (r, u, name) = (rid.get_value(), uid.get_value(), uname.get_value());
        if ctx.mutate("恢复建议类型", |s| {
            if let Some(round) = s.rounds.iter_mut().find(|x| x.id == r) {
                clear_type_override(round, &u);
            }
        }) {
            ctx.notice.set(Some(Notice::info(format!(
                "「{name}」的类型已恢复为系统建议。"
            ))));
        }
    };
    let overridden = suggestion.overridden.clone();
    view! {
        <p>
            "系统建议："<strong>{suggestion.suggested.label()}</strong>
            {format!("（自身建设类得分率{}%，示范带动类得分率{}%，本年度新增成果{}项）",
                suggestion.own_pct, suggestion.demo_pct, suggestion.new_outcomes)}
        </p>
        <ul>{suggestion.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
        {overridden.map(|o| view! {
            <p class="override">"工委认定："<strong>{o.site_type.label()}</strong>{format!("。说明：{}", o.note)}</p>
        })}
        <div class="type-form">
            <div class="field">
                <label for="type-override-type">"类型"</label>
                <select id="type-override-type" on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(t) = SiteType::ALL.iter().find(|t| t.label() == v) { chosen.set(*t); }
                }>
                    {SiteType::ALL.iter().map(|t| view! {
                        <option value=t.label() selected=*t == current>{t.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="field field--wide">
                <span>"说明"</span>
                <input type="text" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e)) />
            </label>
            <button type="button" class="primary" on:click=save>"保存类型"</button>
            {suggestion.overridden.is_some().then(|| view! {
                <button type="button" on:click=clear>"恢复建议类型"</button>
            })}
        </div>
    }
}
