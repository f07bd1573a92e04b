//! The 报表 page's exports: each list as an .xlsx workbook and as CSV with a BOM. The
//! tables and writers are `domain::office` (the .xlsx written by the office module,
//! `crate::office`); the download is `files.rs`.

use leptos::prelude::*;

use crate::domain::office::csv::tables_csv;
use crate::domain::office::tables::ExportList;
use crate::domain::office::{file_name, OfficeError};
use crate::office;
use crate::ui::state::{AppContext, Notice};

/// The MIME type of an .xlsx file.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes `list` as .xlsx (`excel`) or CSV and offers it; says what happened. The
/// .xlsx is written by the office module, loaded on first use (`busy` meanwhile).
fn export(
    ctx: AppContext,
    list: ExportList,
    year: u16,
    round_id: Option<&str>,
    excel: bool,
    busy: RwSignal<bool>,
    nothing: RwSignal<Option<String>>,
) {
    nothing.set(None);
    let stamp = crate::files::stamp(ctx.clock.now_ms());
    // Overdue rectification is counted at today while the year runs.
    let today = ctx.today();
    let tables = ctx
        .state
        .with_untracked(|s| list.tables_at(s, Some(year), round_id, Some(&today)));
    let say = move |out: Result<String, String>| {
        ctx.notice.set(Some(match out {
            Ok(name) => Notice::info(format!("已导出“{name}”，可用Excel或WPS打开。")),
            Err(m) => Notice::error(format!("导出{}失败：{m}", list.label())),
        }));
    };
    let (stem, tables) = match tables {
        Ok(t) => t,
        // Nothing to export is not a failure: said plainly beside the button (a clerk's
        // review: said at the top of the page, out of sight, it pushed the page down
        // under the pointer, and a second click took another list).
        Err(e @ OfficeError::NothingIn(_)) => {
            return nothing.set(Some(e.to_string()));
        }
        Err(e) => return say(Err(e.to_string())),
    };
    let stem = format!("{stem}-{stamp}");
    if !excel {
        let name = file_name(&stem, "csv");
        let out = crate::files::download(&name, "text/csv;charset=utf-8", &tables_csv(&tables))
            .map(|()| name)
            .map_err(|e| e.to_string());
        return say(out);
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        let name = file_name(&stem, "xlsx");
        let out = match office::write_xlsx(&tables).await {
            Ok(bytes) => crate::files::download_bytes(&name, XLSX, &bytes)
                .map(|()| name)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        busy.set(false);
        say(out);
    });
}

/// The two buttons of one list: Excel and CSV. `busy` is shared by the buttons of a
/// page, so that one workbook is written at a time.
#[component]
pub fn ExportButtons(
    /// The list.
    list: ExportList,
    /// The year the list is of.
    year: u16,
    /// The round the list is taken from (none for the roster and the year lists).
    round_id: Option<String>,
    /// Set while the office module writes a workbook.
    busy: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let nothing = RwSignal::new(None::<String>);
    view! {
        // Busy is said with aria-disabled, not disabled: a disabled button loses focus.
        <button type="button" aria-disabled=move || busy.get().to_string()
            on:click=move |_| if !busy.get_untracked() { rid.with_value(|r| export(ctx, list, year, r.as_deref(), true, busy, nothing)) }>
            {format!("导出{}（Excel）", list.label())}
        </button>" "
        <button type="button" on:click=move |_| rid.with_value(|r| export(ctx, list, year, r.as_deref(), false, busy, nothing))>
            {format!("导出{}（CSV）", list.label())}
        </button>
        <span class="export-nothing" role="status">{move || nothing.get().map(|m| format!(" {m}"))}</span>
    }
}

/// What shows while a workbook is written.
#[component]
pub fn ExportBusy(busy: RwSignal<bool>) -> impl IntoView {
    move || {
        busy.get()
            .then(|| view! { <p role="status">"正在生成 Excel 文件……"</p> })
    }
}

/// Buttons for every list: Excel and CSV. A round's lists are left out when the year has
/// none; the roster and the year lists are always there.
#[component]
pub fn OfficeExports(
    /// The year shown (for the wording).
    year: u16,
    /// The year's round, if it has one.
    round_id: Option<String>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let lists: Vec<ExportList> = ExportList::ALL
        .into_iter()
        .filter(|l| round_id.is_some() || !l.needs_round())
        .collect();
    view! {
        <div class="exports no-print">
            {round_id.is_none().then(|| view! { <p class="muted">{format!("{year}年度没有考评，没有排名表、评委评分表和未报送名单可导出。")}</p> })}
            <ul class="export-list">
                {lists.into_iter().map(|l| view! {
                    <li>
                        <span>{l.label()}</span>" "
                        <ExportButtons list=l year round_id=round_id.clone() busy />
                    </li>
                }).collect_view()}
            </ul>
            <ExportBusy busy />
        </div>
    }
}
