//! An official document on screen and on A4 (`style/print.css`, GB/T 9704 proportions):
//! the year's 通报 and a unit's 整改通知 are both a `domain::reports::notice::Notice`,
//! drawn by [`official_document`] and written to .docx by [`download_docx`] (the office
//! module, `crate::office`).

use leptos::prelude::*;

use crate::domain::office::docx::NoticeFile;
use crate::domain::office::file_name;
use crate::domain::reports::notice::Notice as NoticeDoc;
use crate::ui::state::{AppContext, Notice};

/// The MIME type of a .docx file.
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The document: title, 主送, opening, numbered sections, 落款 and 成文日期. `label` is
/// its accessible name (e.g. 通报正文).
pub fn official_document(n: &NoticeDoc, label: &'static str) -> AnyView {
    let sections = n
        .sections
        .iter()
        .map(|s| {
            view! {
                <h2 class="official__heading">{s.heading.clone()}</h2>
                {s.paragraphs.iter().map(|p| view! { <p class="official__body">{p.clone()}</p> }).collect_view()}
            }
        })
        .collect_view();
    let (signer_right, date_right) =
        crate::domain::reports::notice::closing_indents(&n.signer, &n.date);
    view! {
        <article class="official" aria-label=label>
            {(!n.draft.is_empty()).then(|| view! { <p class="official__draft">{n.draft.clone()}</p> })}
            {(!n.doc_no.is_empty()).then(|| view! { <p class="official__doc-no">{n.doc_no.clone()}</p> })}
            <h1 class="official__title">{n.title.clone()}</h1>
            <p class="official__to">{n.recipients.clone()}</p>
            <p class="official__body">{n.opening.clone()}</p>
            {sections}
            <p class="official__signer" style:margin-right=format!("{signer_right}em")>{n.signer.clone()}</p>
            <p class="official__date" style:margin-right=format!("{date_right}em")>{n.date.clone()}</p>
        </article>
    }
    .into_any()
}

/// Writes `notice` as a .docx named after `stem` and downloads it, saying so (or why
/// not) in the banner; `busy` is true meanwhile (the office module may load first).
pub fn download_docx(notice: NoticeDoc, stem: &str, busy: RwSignal<bool>) {
    let ctx = AppContext::get();
    let doc = NoticeFile {
        notice,
        made_at: ctx.now_iso(),
    };
    let name = file_name(stem, "docx");
    busy.set(true);
    leptos::task::spawn_local(async move {
        let out = match crate::office::write_docx(&doc).await {
            Ok(bytes) => {
                crate::files::download_bytes(&name, DOCX, &bytes).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        busy.set(false);
        ctx.notice.set(Some(match out {
            Ok(()) => Notice::info(format!("已下载“{name}”，可用Word或WPS打开修改。")),
            Err(m) => Notice::error(format!("下载Word文档失败：{m}")),
        }));
    });
}
