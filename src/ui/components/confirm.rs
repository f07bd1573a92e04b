//! A confirmation dialog for actions that replace or delete data.

use leptos::prelude::*;

use crate::ui::components::modal::Modal;
use crate::ui::text;

/// A modal dialog asking the person to confirm. Shown while `open` is true.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's title (its accessible name).
    #[prop(into)]
    title: String,
    /// What will happen, in plain words.
    #[prop(into)]
    message: Signal<String>,
    /// The confirm button's label.
    #[prop(into, optional)]
    confirm_label: Option<String>,
    /// When set, the person must type this word before confirming.
    #[prop(into, optional)]
    type_to_confirm: Option<String>,
    /// Called when the person confirms.
    on_confirm: Callback<()>,
    /// A step to take first, offered beside the choice without closing the dialog (导出
    /// 备份 before 清空): its label and what it does.
    #[prop(optional)]
    first: Option<(&'static str, Callback<()>)>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let need = StoredValue::new(type_to_confirm);
    let can_confirm =
        move || need.with_value(|n| n.as_ref().is_none_or(|w| typed.get().trim() == w));
    let confirm_label =
        StoredValue::new(confirm_label.unwrap_or_else(|| text::CONFIRM.to_string()));
    let title = StoredValue::new(title);
    let title_id = "confirm-dialog-title";
    // Closes and forgets the typed word; confirming does the same before acting.
    let cancel = Callback::new(move |_| {
        open.set(false);
        typed.set(String::new());
    });
    view! {
        <Show when=move || open.get()>
            <Modal labelled_by=title_id on_close=cancel>
                <h2 id=title_id>{title.get_value()}</h2>
                <p class="modal__message">{move || message.get()}</p>
                {need.get_value().map(|w| {
                    let label = format!("请输入“{w}”以确认");
                    view! {
                        <label class="field">
                            <span>{label}</span>
                            <input type="text" autofocus prop:value=move || typed.get()
                                on:input=move |e| typed.set(event_target_value(&e)) />
                        </label>
                    }
                })}
                <div class="modal__actions">
                    {first.map(|(label, act)| view! {
                        <button type="button" on:click=move |_| act.run(())>{label}</button>
                    })}
                    <button type="button" class="danger" disabled=move || !can_confirm()
                        on:click=move |_| { cancel.run(()); on_confirm.run(()); }>
                        {confirm_label.get_value()}
                    </button>
                    // Focus starts on the safe choice, unless a word is to be typed.
                    <button type="button" autofocus=need.with_value(Option::is_none)
                        on:click=move |_| cancel.run(())>
                        {text::CANCEL}
                    </button>
                </div>
            </Modal>
        </Show>
    }
}
