//! 批量导入名册: paste a block from Excel or WPS, or open an .xlsx or .csv; the preview
//! says row by row what will be added, changed, left alone or not imported (and why);
//! nothing changes until 确认导入. The rules are `domain::roster_import`; the file is read
//! by the office module (`crate::office`), loaded on the first file.

use leptos::prelude::*;

use crate::domain::grid::parse_block;
use crate::domain::roster_import::{
    apply_roster, preview_roster, roster_sheet, RosterColumn, RosterPreview, RowPlan,
};
use crate::files;
use crate::office;
use crate::ui::state::{AppContext, Notice};

/// Where the rows came from, for the messages.
#[derive(Clone)]
struct Chosen {
    source: String,
    rows: Vec<Vec<String>>,
}

/// Reads a chosen file into rows: .xlsx by its content (the sheet that holds the
/// roster, named when the workbook has several), anything else as CSV text. Returns
/// the sheet's name, if one was chosen among several, with the rows.
async fn read_table(file: web_sys::File) -> Result<(Option<String>, Vec<Vec<String>>), String> {
    let name = file.name();
    let bytes = files::read_bytes(&file).await.map_err(|e| e.to_string())?;
    let is_zip = bytes.starts_with(b"PK");
    if is_zip || name.to_lowercase().ends_with(".xlsx") {
        let mut sheets = office::read_xlsx(&bytes).await.map_err(|e| e.to_string())?;
        let rows: Vec<Vec<Vec<String>>> = sheets.iter().map(|s| s.rows.clone()).collect();
        let at = roster_sheet(&rows).unwrap_or(0);
        let several = sheets.len() > 1;
        if at >= sheets.len() {
            return Err("工作簿中没有工作表".into());
        }
        let sheet = sheets.swap_remove(at);
        return Ok((several.then_some(sheet.name), sheet.rows));
    }
    if name.to_lowercase().ends_with(".xls") {
        return Err("这是旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入".into());
    }
    let text = files::decode_office_text(&bytes).map_err(|e| e.to_string())?;
    office::read_csv(&text)
        .await
        .map(|rows| (None, rows))
        .map_err(|e| e.to_string())
}

/// Said when the roster changed between the preview and 确认导入.
const ROSTER_CHANGED: &str = "名册在预览之后已有改动（另一个窗口或本页的其他操作），原来的预览已不准确，没有导入。下方已按现在的名册重新预览，请核对后再点“确认导入”。";

/// The import panel on the 单位 page.
#[component]
pub fn RosterImport() -> impl IntoView {
    let ctx = AppContext::get();
    let pasted = RwSignal::new(String::new());
    let chosen = StoredValue::new(None::<Chosen>);
    let preview = RwSignal::new(None::<Result<RosterPreview, String>>);
    let reading = RwSignal::new(false);

    let show = move |source: String, rows: Vec<Vec<String>>| {
        let year = ctx.this_year();
        let p = ctx
            .state
            .with_untracked(|s| preview_roster(s, &rows, year))
            .map_err(|e| format!("“{source}”不能导入：{e}"));
        chosen.set_value(Some(Chosen { source, rows }));
        preview.set(Some(p));
    };
    let from_paste = move |_| {
        let text = pasted.get_untracked();
        show("粘贴的内容".to_string(), parse_block(&text));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::take_chosen(&ev).into_iter().next() else {
            return;
        };
        let name = file.name();
        reading.set(true);
        leptos::task::spawn_local(async move {
            match read_table(file).await {
                Ok((sheet, rows)) => show(
                    match sheet {
                        Some(sheet) => format!("{name}（工作表「{sheet}」）"),
                        None => name,
                    },
                    rows,
                ),
                Err(e) => {
                    chosen.set_value(None);
                    preview.set(Some(Err(format!("“{name}”不能导入：{e}"))));
                }
            }
            reading.set(false);
            // The person goes on at the preview of the file they chose.
            if preview.with_untracked(|p| matches!(p, Some(Ok(_)))) {
                crate::ui::components::fields::focus_when_drawn(PREVIEW_SOURCE);
            }
        });
    };
    let cancel = move || {
        chosen.set_value(None);
        preview.set(None);
    };
    let confirm = move |_| {
        let Some(c) = chosen.get_value() else { return };
        let now = ctx.now_iso();
        let year = ctx.this_year();
        // Previewed again on the data as it is now: when another window (or this page)
        // changed the roster since, the preview shown is no longer what would happen,
        // and confirming it would write over that change unsaid. The new preview is
        // shown instead, to be confirmed again.
        let again = ctx
            .state
            .with_untracked(|s| preview_roster(s, &c.rows, year))
            .map_err(|e| format!("“{}”不能导入：{e}", c.source));
        let shown = preview.with_untracked(|p| p.as_ref().and_then(|p| p.as_ref().ok()).cloned());
        if again.as_ref().ok() != shown.as_ref() {
            preview.set(Some(again));
            ctx.notice.set(Some(Notice::warning(ROSTER_CHANGED)));
            return;
        }
        // Kept aside first, as every import is (a clerk's review: a roster import that
        // rewrote phones and 系统/行业 could not be undone after a reload).
        let label = format!("导入名册前：{}", c.source);
        let done =
            ctx.update_kept_wholesale(&format!("导入名册：{}", c.source), &label, |s| {
                let p = preview_roster(s, &c.rows, year).map_err(|e| e.to_string())?;
                apply_roster(s, &p, &now).map_err(|e| e.to_string())
            });
        if let Ok(((added, changed), kept)) = done {
            cancel();
            pasted.set(String::new());
            ctx.notice.set(Some(Notice::info(format!(
                "已导入名册：新增 {added} 个单位，修改 {changed} 个。{}",
                if kept {
                    "导入前的数据已存为快照；导入错了可点右上角“撤销”退回，刷新页面后也可在“数据管理”中恢复该快照。"
                } else {
                    "导入错了可点右上角“撤销”退回。"
                }
            ))));
        }
    };

    let order = RosterColumn::ORDER.map(RosterColumn::label).join("、");
    view! {
        <details class="roster-import">
            <summary>"批量导入名册（从 Excel、WPS 或 CSV）"</summary>
            <p class="hint">{format!(
                "第一行可以是表头（如“单位名称”“系统/行业”“组织类型”“责任人”“联系电话”“入选年份”，顺序不限，其他列不读）；没有表头时按 {order} 的顺序读取。已在名册中的单位按名称对应，只改表中写了的项；新单位的状态为“创建中”。"
            )}</p>
            <label class="field">
                <span>"从 Excel 或 WPS 粘贴名册"</span>
                <textarea rows="5" placeholder="在表格中选中要导入的行（可含表头），复制后粘贴到这里"
                    prop:value=move || pasted.get()
                    on:input=move |e| pasted.set(event_target_value(&e))></textarea>
            </label>
            <div class="form-actions">
                <button type="button" disabled=move || pasted.with(|t| t.trim().is_empty())
                    on:click=from_paste>"预览粘贴的内容"</button>
                <label class="file-button">
                    <span>"选择 Excel 或 CSV 文件"</span>
                    <input type="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                        on:change=on_file disabled=move || reading.get() />
                </label>
            </div>
            {move || reading.get().then(|| view! { <p role="status">"正在读取文件……"</p> })}
            {move || preview.get().map(|p| match p {
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Ok(p) => view! {
                    <p class="muted" id=PREVIEW_SOURCE tabindex="-1">{format!("读取自：{}", chosen.with_value(|c| c.as_ref().map(|c| c.source.clone()).unwrap_or_default()))}</p>
                    <PreviewTable preview=p.clone() />
                    <div class="form-actions">
                        <button type="button" disabled=p.is_noop() on:click=confirm>"确认导入"</button>
                        <button type="button" on:click=move |_| cancel()>"取消"</button>
                    </div>
                }.into_any(),
            })}
        </details>
    }
}

/// The id of the preview's first line: the keyboard goes on there when reading a file
/// (its input disabled meanwhile) dropped it.
const PREVIEW_SOURCE: &str = "roster-preview-source";

/// The rows of a preview: 行, 单位名称, what happens.
#[component]
fn PreviewTable(preview: RosterPreview) -> impl IntoView {
    let rows = preview.rows.clone();
    let notes = preview.notes.clone();
    view! {
        <p role="status">{format!("导入预览：{}。", preview.summary())}</p>
        {(!notes.is_empty()).then(|| view! {
            <ul class="warnings" aria-label="请注意">
                {notes.into_iter().map(|n| view! { <li>{format!("{n}。")}</li> }).collect_view()}
            </ul>
        })}
        <table class="roster-import__preview" aria-label="名册导入预览">
            <thead><tr>
                <th scope="col" class="num">"行"</th>
                <th scope="col">"单位名称"</th>
                <th scope="col">"处理"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let what = r.what();
                    let (row, name, class) = match r {
                        RowPlan::Add { row, input } => (row, input.name, "add"),
                        RowPlan::Change { row, input, .. } => (row, input.name, "change"),
                        RowPlan::Same { row, name } => (row, name, "same"),
                        RowPlan::Refused { row, name, .. } => (row, name, "refused"),
                    };
                    view! {
                        <tr class=format!("roster-import__{class}")>
                            <td class="num">{row}</td><td>{name}</td><td>{what}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
