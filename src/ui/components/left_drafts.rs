//! The offer of what other tabs typed and left unsaved: a tab closed with a form half
//! filled (the browser closed, or 离开 chosen), or one still open elsewhere.

use leptos::prelude::*;

use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::state::{AppContext, Notice};

/// Says which forms another tab left unsaved, and offers to take them into this tab or
/// drop them (asked first). Nothing when there are none.
#[component]
pub fn LeftDraftsOffer() -> impl IntoView {
    let ctx = AppContext::get();
    let drop_open = RwSignal::new(false);
    let names = move || ctx.left_drafts.get().join("、");
    let take = move |_| {
        let done = ctx.take_left_drafts();
        // The page drawn anew, as if visited again: a form it shows opens with the text.
        ctx.new_visit();
        ctx.route.update(|_| {});
        let mut said = String::new();
        if !done.taken.is_empty() {
            said.push_str(&format!(
                "已把未保存的内容恢复到本窗口：{}。打开相应的页面，表单中即是这些内容，请核对后保存。",
                done.taken.join("、")
            ));
        }
        if !done.still.is_empty() {
            said.push_str(&format!(
                "另有{}未恢复：本窗口中同一表单已有填写的内容，没有覆盖。请先保存或取消本窗口中的该表单，再点“恢复到本窗口”。",
                done.still.join("、")
            ));
        }
        if said.is_empty() {
            said.push_str("其他窗口的这些内容已在那里保存或取消，没有需要恢复的内容。");
        }
        ctx.notice.set(Some(Notice::info(said)));
    };
    view! {
        <Show when=move || !ctx.left_drafts.with(Vec::is_empty)>
            <div class="banner banner--warning no-print" role="region" aria-label="其他窗口未保存的内容">
                <div class="banner__body">
                    <p>{move || format!(
                        "另一个窗口（或上次关闭的窗口）有填写后尚未保存的内容：{}。可以恢复到本窗口继续填写；若那个窗口仍开着，请只在一个窗口中保存。",
                        names()
                    )}</p>
                    <details>
                        <summary>"查看这些内容"</summary>
                        // Read when the offer changes: the person tells text saved since from
                        // text to take back.
                        <ul aria-label="其他窗口未保存的表单内容">
                            {move || { ctx.left_drafts.track(); ctx.left_draft_contents() }
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ul>
                    </details>
                </div>
                <div class="banner__actions">
                    <button type="button" on:click=take>"恢复到本窗口"</button>
                    <button type="button" class="quiet" on:click=move |_| drop_open.set(true)>"不要了"</button>
                </div>
            </div>
        </Show>
        <ConfirmDialog open=drop_open title=crate::ui::text::CONFIRM_DROP_DRAFTS
            message=Signal::derive(move || format!("{}中填写后尚未保存的内容将被删除，不能撤销。", names()))
            confirm_label="删除"
            on_confirm=Callback::new(move |_| {
                ctx.drop_left_drafts();
                ctx.notice.set(Some(Notice::info("已删除其他窗口未保存的内容。")));
            }) />
    }
}
