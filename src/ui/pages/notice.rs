//! 通报: the year's notice drafted from its figures, in the form of an official
//! document. The committee writes what the data cannot say (主送, paragraphs for 基本
//! 情况 and 存在的问题, 下一步工作, 落款, 成文日期), kept with the year; the page prints
//! on A4 (`style/print.css`, GB/T 9704 proportions) and downloads as .docx.
//! Drafting is `domain::reports::notice`; the .docx is `domain::office::docx`, run by
//! the office module (`crate::office`).

use leptos::prelude::*;

use crate::ui::components::round_report::PublicationNote;

use crate::domain::reports::figures::year_figures;
use crate::domain::reports::notice::{
    build_notice, changed_since_saved, default_next_steps, keep_saved_body, labels, notice_text,
    set_notice_text,
};
use crate::domain::reports::problems::five_problems;
use crate::domain::reports::report_of_year;
use crate::domain::NoticeText;
use crate::route::Route;
use crate::ui::app::local_time;
use crate::ui::components::fields::{
    update_form, DateField, FormActions, FormFaults, TextArea, TextField,
};
use crate::ui::components::official_document::{download_docx, official_document};
use crate::ui::state::{AppContext, Notice};

/// The 通报 form's submit button.
const SAVE: &str = "保存通报内容";

/// The 通报 page of `year`.
pub fn notice_page(year: u16) -> AnyView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let notice = Memo::new(move |_| {
        ctx.state.with(|s| {
            let report = report_of_year(s, year);
            let five = five_problems(s, year, &today, report.as_ref());
            let figures = year_figures(s, year, &today, report.as_ref());
            let publication = crate::domain::reports::round_of_year(s, year).and_then(|r| {
                crate::domain::publishing::publication_note(r, report.as_ref().map(|x| &x.results))
            });
            // Status changes the round proposes and nobody has decided: the notice counts
            // only those recorded, so it would go out short of them (a clerk's review:
            // "本年度授牌：无" with 14 proposals open). Said on screen, never printed.
            let undecided = report.as_ref().and_then(|x| {
                let n = crate::domain::lifecycle::propose_from(s, &x.round_id, &x.results, &today)
                    .map_or(0, |p| p.len());
                (n > 0).then(|| (n, x.round_id.clone()))
            });
            (
                build_notice(s, report.as_ref(), &figures, &five),
                publication,
                undecided,
            )
        })
    });
    let undecided = Memo::new(move |_| notice.with(|(_, _, u)| u.clone()));
    // The data changed since the text was saved: the 通报 no longer reads as saved (and
    // perhaps issued under its 文号), said with the lines that differ (a clerk's review:
    // an issued notice's counts changed unremarked).
    let since_saved =
        Memo::new(move |_| notice.with(|(n, _, _)| ctx.state.with(|s| changed_since_saved(s, n))));
    // Text typed before the person left opens again.
    let editing = RwSignal::new(crate::ui::components::fields::has_draft(&draft_key(year)));
    let busy = RwSignal::new(false);
    let download = move |_: ()| {
        if busy.get_untracked() {
            return;
        }
        // Results not (or no longer) the published ones: the file's name says so, as the
        // ranking export's does; the file travels without this page's note.
        let draft = notice.with_untracked(|(_, p, _)| p.is_some());
        download_docx(
            notice.with_untracked(|(n, _, _)| n.clone()),
            &format!(
                "{year}年度基层党建示范点考评情况的通报{}",
                if draft { "（草稿）" } else { "" }
            ),
            busy,
        )
    };
    // Printed or downloaded after the data changed since the text was saved (perhaps
    // issued under its 文号): asked first, as the note above says (a clerk's review:
    // both buttons went ahead, two documents under one number).
    let print = move || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let asked = RwSignal::new(false);
    let after_asking = StoredValue::new(None::<bool>);
    let ask_or = move |downloading: bool| {
        if since_saved.with_untracked(Option::is_some) {
            after_asking.set_value(Some(downloading));
            asked.set(true);
        } else if downloading {
            download(());
        } else {
            print();
        }
    };
    let go_on = Callback::new(move |_| match after_asking.get_value() {
        Some(true) => download(()),
        Some(false) => print(),
        None => {}
    });
    view! {
        <section class="notice-page">
            <h1 class="no-print">{format!("{year}年度通报")}</h1>
            <p class="no-print"><a href=Route::Reports(Some(year)).href()>{format!("回到{year}年度报表")}</a></p>
            <p class="no-print muted">"以下通报由本年度数据生成；数据说明不了的内容（主送、补充段落、下一步工作、落款、成文日期）由工委填写，随年度保存。打印时只印通报正文（A4）。"</p>
            {(year > ctx.this_year()).then(|| view! {
                <p class="warning no-print" role="note">{crate::ui::text::year_not_begun(year, ctx.this_year())}</p>
            })}
            {move || ctx.state.with(|s| crate::domain::reports::round_of_year(s, year).is_none()).then(|| view! {
                <p class="warning no-print" role="note">{format!("{year}年度没有考评：通报中没有考评结果，只有名册、成果、结对、整改等情况。请核对年度是否选对。")}</p>
            })}
            <PublicationNote note=Signal::derive(move || notice.with(|(_, p, _)| p.clone())) />
            {move || undecided.get().map(|(n, round)| view! {
                <p class="warning no-print" role="note">
                    {format!("本年度考评还有 {n} 条“动态管理建议”（授牌、警示、摘牌等）尚未确认或不采纳。通报只统计已确认的状态变更；若在处理之前印发，通报中的授牌、警示、摘牌等情况就与处理后的不一致。")}
                    " "<a href=Route::Results(Some(round)).href()>"到考评结果页处理"</a>
                </p>
            })}
            {move || since_saved.get().map(|(at, lines)| view! {
                <div class="warning no-print" role="note">
                    <p>{format!(
                        "通报内容于 {} 保存之后，数据有变动，下面的正文与保存时不同。如已按保存时的正文印发，请勿再以同一文号打印或下载；如要按现在的数据成文，请点“填写通报内容”核对后重新保存。{}",
                        local_time(&at),
                        if lines.is_empty() { "（保存时的部分段落现在没有了。）" } else { "现在与保存时不同的段落：" }
                    )}</p>
                    <ul>{lines.into_iter().take(6).map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            })}
            <p class="no-print">
                <button type="button" on:click=move |_| editing.set(true)>"填写通报内容"</button>" "
                <button type="button" on:click=move |_| ask_or(false)>"打印通报"</button>" "
                <button type="button" aria-disabled=move || busy.get().to_string() on:click=move |_| ask_or(true)>"下载Word文档"</button>
            </p>
            <crate::ui::components::confirm::ConfirmDialog open=asked title="通报内容保存后数据有变动"
                message=Signal::derive(move || ctx.state.with(|s| {
                    let doc_no = notice_text(s, year).doc_no;
                    let doc = if doc_no.trim().is_empty() { String::new() } else { format!("（{}）", doc_no.trim()) };
                    format!("正文已与保存时不同。如保存时的正文已经印发{doc}，再以同一文号打印或下载，就会有两份内容不同的同号文件。要按现在的数据成文，请先点“填写通报内容”核对后重新保存。仍要继续吗？")
                }))
                confirm_label="仍然继续" on_confirm=go_on />
            {move || busy.get().then(|| view! { <p class="no-print" role="status">{crate::ui::text::WRITING_DOCX}</p> })}
            {move || editing.get().then(|| view! {
                <NoticeForm year=year on_done=Callback::new(move |_| editing.set(false)) />
            })}
            {move || notice.with(|(n, _, _)| official_document(n, "通报正文"))}
        </section>
    }
    .into_any()
}

/// The key of the year's notice form's draft (see `fields::keep_draft`).
fn draft_key(year: u16) -> String {
    format!("通报内容{year}")
}

/// The committee's own text of the year's notice.
#[component]
fn NoticeForm(year: u16, on_done: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let t = ctx.state.with_untracked(|s| notice_text(s, year));
    let recipients = RwSignal::new(t.recipients.clone());
    let doc_no = RwSignal::new(t.doc_no.clone());
    let situation = RwSignal::new(t.situation.clone());
    let problems = RwSignal::new(t.problems.clone());
    let next_steps = RwSignal::new(if t.next_steps.is_empty() {
        ctx.state
            .with_untracked(|s| default_next_steps(s, year))
            .to_string()
    } else {
        t.next_steps.clone()
    });
    let signer = RwSignal::new(t.signer.clone());
    let date = RwSignal::new(t.date.clone());
    let kept = crate::ui::components::fields::keep_draft(
        draft_key(year),
        vec![
            recipients, situation, problems, next_steps, signer, date, doc_no,
        ],
    );
    let faults = FormFaults::new();
    let error = faults.error;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = NoticeText {
            year,
            recipients: recipients.get_untracked(),
            doc_no: doc_no.get_untracked(),
            situation: situation.get_untracked(),
            problems: problems.get_untracked(),
            next_steps: next_steps.get_untracked(),
            signer: signer.get_untracked(),
            date: date.get_untracked(),
            ..NoticeText::default()
        };
        let now = ctx.now_iso();
        let today = ctx.today();
        match update_form(ctx, SAVE, |s| {
            set_notice_text(s, text, &now, &today).map(|()| keep_saved_body(s, year, &today))
        }) {
            Ok(()) => {
                faults.clear();
                kept.done();
                ctx.notice.set(Some(Notice::info("已保存通报内容。")));
                on_done.run(());
            }
            Err(r) => faults.refuse(r),
        }
    };
    view! {
        <form class="notice-form no-print" aria-label="通报内容" on:submit=submit>
            {kept.note()}
            <TextField label=labels::DOC_NO value=doc_no placeholder="如 市直机关工委〔2026〕12号；不填则不印" wide=true faults />
            <TextField label="主送" value=recipients placeholder="各基层党组织" wide=true />
            <TextArea label="基本情况（补充）" value=situation rows=3 />
            <TextArea label="存在的问题（补充）" value=problems rows=3 />
            // Left empty, the standard paragraphs print: said, not done silently (a
            // clerk's review).
            <TextArea label="下一步工作" value=next_steps rows=6 placeholder="不填则印通用的三段：抓好整改落实、加强经验提炼、发挥示范带动作用" />
            <TextField label="落款" value=signer placeholder="中共市直机关工作委员会" wide=true />
            // A clerk's re-test: the body's first sentence changed with the 落款, unsaid.
            <p class="hint">"正文中对工委的称呼随落款改变（去掉开头的“中共”）；本年度各单位考评报告的落款也随之改变。"</p>
            <DateField label=labels::DATE value=date faults />
            <FormActions submit_label=SAVE on_cancel=Callback::new(move |_| { kept.done(); on_done.run(()); }) error error_id=faults.error_id() />
        </form>
    }
}
