//! The one modal dialog every confirmation and edit form opens in.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What Tab can stop at inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// A modal dialog, the browser's own (`<dialog>` opened with `showModal`): while it is
/// open the page behind cannot be clicked or reached, Tab and Shift+Tab go round the
/// dialog's own fields and buttons, Esc closes it (`on_close`, as 取消 does), and
/// focus goes back to where it was when it closes. Focus starts on the first field or
/// button inside, or on the one marked `autofocus`.
#[component]
pub fn Modal(
    /// The id of the element that names the dialog (its title).
    labelled_by: &'static str,
    /// Called on Esc: the owner closes the dialog (as its 取消 does).
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Where focus was: given back when the dialog goes.
    let before = StoredValue::new_local(
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    on_cleanup(move || {
        // Closed first: while it is open the page behind is inert and takes no focus.
        if let Some(d) = dialog.try_get_untracked().flatten() {
            d.close();
        }
        // Given back once the page has taken in what the dialog did: the control that
        // opened it may be gone by then (a deleted row's 删除), and focus would fall to
        // the top of the document; the page's heading takes it instead, unless what the
        // dialog did has put focus somewhere already (a decided card's heading).
        let el = before.try_get_value().flatten();
        set_timeout(
            move || match el {
                Some(el) if el.is_connected() => {
                    let _ = el.focus();
                }
                // Focus nowhere (what the dialog did put it nowhere): the control drawn
                // in the opener's place takes it, else the page's heading.
                Some(el) if focus_is_lost() => match drawn_anew(&el) {
                    Some(el) => {
                        let _ = el.focus();
                    }
                    None => focus_page_heading(),
                },
                _ => focus_heading_if_lost(),
            },
            std::time::Duration::ZERO,
        );
    });
    // Tab past the last control comes back to the first (and Shift+Tab the other way),
    // instead of leaving for the browser's own bar.
    let keep_tab_inside = move |e: web_sys::KeyboardEvent| {
        if e.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get_untracked() else {
            return;
        };
        let Ok(list) = d.query_selector_all(FOCUSABLE) else {
            return;
        };
        let controls: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            return;
        };
        let active = document().active_element();
        let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.as_ref());
        if e.shift_key() && at(first) {
            e.prevent_default();
            let _ = last.focus();
        } else if !e.shift_key() && at(last) {
            e.prevent_default();
            let _ = first.focus();
        }
    };
    view! {
        <dialog class="modal" node_ref=dialog aria-labelledby=labelled_by
            on:keydown=keep_tab_inside
            on:cancel=move |e: web_sys::Event| { e.prevent_default(); on_close.run(()); }>
            {children()}
        </dialog>
    }
}

/// The control that stands where `gone` stood, drawn anew since (the row of a unit
/// just saved): the element of the same id, else the one control of the same kind and
/// accessible name. Focused, it keeps the person's place in a long list (a clerk's
/// review: 保存修改 at the 200th unit went back to the top of the page).
fn drawn_anew(gone: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    // A button (修改, 删除 of a row): a field's id may be given anew to another form's.
    if !gone.tag_name().eq_ignore_ascii_case("button") {
        return None;
    }
    let doc = document();
    let id = gone.id();
    if !id.is_empty() {
        return doc
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    }
    let label = gone.get_attribute("aria-label")?;
    let list = doc.query_selector_all(&gone.tag_name()).ok()?;
    let mut same = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.get_attribute("aria-label").as_deref() == Some(label.as_str()));
    let first = same.next()?;
    same.next().is_none().then_some(first)
}

/// Focuses the page's main heading when focus is nowhere (on the page's body): after a
/// page drawn anew (创建考评 opens the round, a saved form closes), so that the keyboard
/// and a screen reader carry on from the new page rather than from its top.
pub fn focus_heading_if_lost() {
    if focus_is_lost() {
        focus_page_heading();
    }
}

/// Whether focus is nowhere: on the page's body.
fn focus_is_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"))
}

/// Focuses the page's main heading (made focusable for it), if there is one.
pub fn focus_page_heading() {
    let heading = document()
        .query_selector(".content h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(h) = heading {
        if !h.has_attribute("tabindex") {
            let _ = h.set_attribute("tabindex", "-1");
        }
        let _ = h.focus();
    }
}
