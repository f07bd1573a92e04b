//! The text typed into a record's forms when the record went from under them (deleted
//! in another window, or by an import): shown, so it is not lost unsaid.

use leptos::prelude::*;

use crate::domain::Id;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::state::{AppContext, Notice};

/// On the page of a record no longer in the data: what this tab typed into its forms
/// and did not save, to copy elsewhere, or drop (asked first). Nothing when there is none.
#[component]
pub fn TextOfGoneRecord(id: Id) -> impl IntoView {
    let ctx = AppContext::get();
    let lines = RwSignal::new(ctx.drafts_of_record(&id));
    let drop_open = RwSignal::new(false);
    view! {
        <Show when=move || !lines.with(Vec::is_empty)>
            <div class="banner banner--warning" role="region" aria-label="未能保存的内容">
                // The text and its list in one column beside the button (the banner lays
                // its children in a row).
                <div class="banner__body">
                    <p>"您在这个记录的表单中填写的以下内容还没有保存；记录已不在，这些内容无法再保存到它。如仍需要，请复制下面的文字另行登记："</p>
                    <ul>
                        {move || lines.get().into_iter().map(|d| view! { <li>{d.line}</li> }).collect_view()}
                    </ul>
                </div>
                <div class="banner__actions">
                    <button type="button" class="quiet" on:click=move |_| drop_open.set(true)>"不要了"</button>
                </div>
            </div>
        </Show>
        <ConfirmDialog open=drop_open title=crate::ui::text::CONFIRM_DROP_DRAFTS
            message=Signal::derive(|| "这些尚未保存的内容将被删除，不能撤销。".to_string())
            confirm_label="删除"
            on_confirm=Callback::new(move |_| {
                for d in lines.get_untracked() {
                    ctx.drop_record_draft(&d);
                }
                lines.set(Vec::new());
                // What an earlier 恢复到本窗口 said of this text no longer holds (a clerk's
                // re-test: it stayed above the page after the text was dropped).
                ctx.notice.set(Some(Notice::info("已删除这些未保存的内容。")));
            }) />
    }
}
