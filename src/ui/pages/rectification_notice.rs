//! 整改通知: the notice to one unit listing its rectification items still open, as an
//! official document (A4 print, .docx). Drafting is
//! `domain::reports::rectification_notice`; the document is the shared
//! `components::official_document`.

use leptos::prelude::*;

use crate::domain::reports::rectification_notice::rectification_notice;
use crate::route::Route;
use crate::ui::components::official_document::{download_docx, official_document};
use crate::ui::state::AppContext;

/// The 整改通知 page of unit `unit_id`.
pub fn rectification_notice_page(unit_id: String) -> AnyView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let uid = StoredValue::new(unit_id);
    let notice = Memo::new(move |_| {
        ctx.state
            .with(|s| rectification_notice(s, &uid.get_value(), &today))
    });
    let unit = Memo::new(move |_| {
        ctx.state
            .with(|s| s.unit(&uid.get_value()).map(|u| u.name.clone()))
    });
    let busy = RwSignal::new(false);
    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        if let Ok(n) = notice.get_untracked() {
            let stem = n.title.clone();
            download_docx(n, &stem, busy);
        }
    };
    view! {
        <section class="notice-page">
            <p class="crumbs no-print"><a href=Route::Rectification.href()>"整改"</a>" › 整改通知"</p>
            <h1 class="no-print">{move || match unit.get() {
                Some(name) => format!("整改通知：{name}"),
                None => "整改通知".to_string(),
            }}</h1>
            {move || match notice.get() {
                Err(why) => view! {
                    <p class="empty">{why.to_string()}</p>
                }.into_any(),
                Ok(n) => view! {
                    <p class="no-print muted">"由该单位未完成的整改事项（未开始、整改中）生成，按整改期限排列；落款沿用最近一次通报的落款，成文日期为今天。打印时只印通知正文（A4）；需要改动文字的，可下载Word文档修改。"</p>
                    <p class="no-print">
                        <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印整改通知"</button>" "
                        <button type="button" aria-disabled=move || busy.get().to_string() on:click=download>"下载Word文档"</button>
                    </p>
                    {move || busy.get().then(|| view! { <p class="no-print" role="status">{crate::ui::text::WRITING_DOCX}</p> })}
                    {official_document(&n, "整改通知正文")}
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}
