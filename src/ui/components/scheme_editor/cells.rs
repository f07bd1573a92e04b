//! The editor's input cells: text and points bound to the draft, and the labelled
//! settings fields built from them.

use leptos::prelude::*;

use crate::domain::scheme_edit::{parse_points_field, parse_small_number};
use crate::domain::{Points, Scheme};

use super::Editor;

/// A name shown in labels; an empty name is shown as （未命名）.
pub(super) fn shown(name: &str) -> String {
    if name.trim().is_empty() {
        "（未命名）".to_string()
    } else {
        name.trim().to_string()
    }
}

/// A text input bound to the draft: starts from `initial`, writes each change.
pub(super) fn text_cell(
    label: impl Fn() -> String + Send + Sync + 'static,
    initial: String,
    draft: RwSignal<Scheme>,
    apply: impl Fn(&mut Scheme, String) + 'static,
    wide: bool,
) -> impl IntoView {
    if wide {
        view! {
            <textarea rows="2" aria-label=label prop:value=initial
                on:input=move |e| { let v = event_target_value(&e); draft.update(|s| apply(s, v)); }></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" aria-label=label prop:value=initial
                on:input=move |e| { let v = event_target_value(&e); draft.update(|s| apply(s, v)); } />
        }
        .into_any()
    }
}

/// A points input bound to the draft: text that cannot be read is kept in `bad` (and
/// shown) until it is corrected; readable text updates the draft at once.
pub(super) fn points_cell(
    label: impl Fn() -> String + Send + Sync + Clone + 'static,
    key: String,
    initial: Points,
    ed: Editor,
    apply: impl Fn(&mut Scheme, Points) + 'static,
) -> impl IntoView {
    let Editor { draft, bad } = ed;
    let key2 = key.clone();
    let what = label.clone();
    view! {
        <input type="text" inputmode="decimal" class="points" aria-label=label prop:value=initial.to_string()
            aria-invalid=move || bad.with(|b| b.contains_key(&key2)).then_some("true")
            on:input=move |e| {
                let v = event_target_value(&e);
                match parse_points_field(&what(), &v) {
                    Ok(p) => { bad.update(|b| { b.remove(&key); }); draft.update(|s| apply(s, p)); }
                    Err(msg) => bad.update(|b| { b.insert(key.clone(), msg); }),
                }
            } />
    }
}

/// A labelled points setting of the whole scheme (a cap or a grade line).
pub(super) fn settings_points(
    ed: Editor,
    label: &'static str,
    key: &'static str,
    initial: Points,
    apply: fn(&mut Scheme, Points),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            {points_cell(move || label.to_string(), key.to_string(), initial, ed, apply)}
        </label>
    }
}

/// A labelled small whole-number setting (0..=`max`); blank is allowed only when
/// `blank_ok` (then it means “not set”).
pub(super) fn settings_number(
    ed: Editor,
    label: &'static str,
    initial: String,
    max: u8,
    blank_ok: bool,
    apply: fn(&mut Scheme, Option<u8>),
) -> impl IntoView {
    let Editor { draft, bad } = ed;
    let key = format!("setting:{label}");
    let key2 = key.clone();
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" inputmode="numeric" class="points" prop:value=initial
                aria-invalid=move || bad.with(|b| b.contains_key(&key2)).then_some("true")
                on:input=move |e| {
                    let v = event_target_value(&e);
                    match parse_small_number(label, &v, max) {
                        Ok(n) if n.is_some() || blank_ok => { bad.update(|b| { b.remove(&key); }); draft.update(|s| apply(s, n)); }
                        Ok(_) => bad.update(|b| { b.insert(key.clone(), format!("请填写{label}")); }),
                        Err(msg) => bad.update(|b| { b.insert(key.clone(), msg); }),
                    }
                } />
        </label>
    }
}
