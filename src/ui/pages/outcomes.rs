//! 成果: the outcome library (every outcome across units and years, with search,
//! filters, sortable columns, a count line and a CSV export) and registering an
//! outcome; one outcome's page is `outcome_detail.rs`. Rules and figures are
//! `domain::outcomes`; this file lays them out and dispatches through `AppContext`.

use leptos::html::{a, td, tr};
use leptos::prelude::*;

use crate::domain::outcomes::{
    count_line, filter_outcomes, namesake_note_of, outcome_sectors, outcome_years, outcomes_csv,
    outcomes_csv_name, register_outcome, sort_outcome_rows, OutcomeFilter, OutcomeInput,
    OutcomeRow, OutcomeSort, OutcomeSortKey, OutcomeStage,
};
use crate::domain::{Innovation, OutcomeKind};
use crate::route::Route;
use crate::ui::components::between::unit_options;
use crate::ui::components::fields::{update_form, ChoiceSelect, TextField};
use crate::ui::components::outcome_form::{by_code, choices, OutcomeForm};
use crate::ui::components::row_window::RowWindow;
use crate::ui::components::sort_header::SortHeader;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The library's search and filters as typed and chosen.
#[derive(Clone, Copy)]
struct Filters {
    query: RwSignal<String>,
    unit: RwSignal<String>,
    sector: RwSignal<String>,
    year: RwSignal<String>,
    kind: RwSignal<String>,
    innovation: RwSignal<String>,
    stage: RwSignal<String>,
    recognised: RwSignal<String>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            query: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            sector: RwSignal::new(String::new()),
            year: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            innovation: RwSignal::new(String::new()),
            stage: RwSignal::new(String::new()),
            recognised: RwSignal::new(String::new()),
        }
    }

    fn filter(self) -> OutcomeFilter {
        OutcomeFilter {
            query: self.query.get(),
            unit_id: Some(self.unit.get()).filter(|u| !u.is_empty()),
            sector: Some(self.sector.get()).filter(|s| !s.is_empty()),
            year: self.year.get().parse().ok(),
            kind: by_code(&OutcomeKind::ALL, &self.kind.get()),
            innovation: by_code(&Innovation::ALL, &self.innovation.get()),
            stage: by_code(&OutcomeStage::ALL, &self.stage.get()),
            recognised: match self.recognised.get().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
        }
    }
}

/// The search box and the filter selects.
fn filter_bar(ctx: AppContext, f: Filters) -> impl IntoView {
    let sector_opts = Signal::derive(move || {
        ctx.state
            .with(outcome_sectors)
            .into_iter()
            .map(|s| (s.clone(), s))
            .collect()
    });
    let year_opts = Signal::derive(move || {
        ctx.state
            .with(outcome_years)
            .into_iter()
            .map(|y| (y.to_string(), format!("{y}年")))
            .collect()
    });
    let kind_opts = Signal::derive(|| choices(&OutcomeKind::ALL, OutcomeKind::label));
    let innovation_opts = Signal::derive(|| choices(&Innovation::ALL, Innovation::label));
    let stage_opts = Signal::derive(|| choices(&OutcomeStage::ALL, OutcomeStage::label));
    let recognised_opts = Signal::derive(|| {
        vec![
            ("yes".to_string(), "已认定".to_string()),
            ("no".to_string(), "未认定".to_string()),
        ]
    });
    view! {
        <div class="filters" role="search" aria-label="查找成果">
            <TextField label="搜索成果" value=f.query search=true placeholder="成果名称、简介、单位或编号中的词" />
            <ChoiceSelect label="单位" options=unit_options(ctx) value=f.unit all_label=text::ANY />
            <ChoiceSelect label="系统/行业" options=sector_opts value=f.sector all_label=text::ANY />
            <ChoiceSelect label="年度" options=year_opts value=f.year all_label=text::ANY />
            <ChoiceSelect label="类别" options=kind_opts value=f.kind all_label=text::ANY />
            <ChoiceSelect label="创新类型" options=innovation_opts value=f.innovation all_label=text::ANY />
            <ChoiceSelect label="阶段" options=stage_opts value=f.stage all_label=text::ANY />
            <ChoiceSelect label="认定" options=recognised_opts value=f.recognised all_label=text::ANY />
        </div>
    }
}

/// Downloads the rows shown as a CSV file, and says so.
fn export_csv(ctx: AppContext, rows: Memo<Vec<OutcomeRow>>) {
    let (name, text) = rows.with_untracked(|r| {
        (
            outcomes_csv_name(&crate::files::stamp(ctx.clock.now_ms())),
            ctx.state.with_untracked(|s| outcomes_csv(s, r)),
        )
    });
    ctx.notice.set(Some(
        match crate::files::download(&name, "text/csv;charset=utf-8", &text) {
            Ok(()) => Notice::info(format!(
                "已导出成果清单“{name}”（{} 项），可用Excel或WPS打开。",
                rows.with_untracked(Vec::len)
            )),
            Err(e) => Notice::error(format!("导出成果清单失败：{e}")),
        },
    ));
}

/// The key of 登记新成果's draft (see `fields::keep_draft`).
const REGISTER_DRAFT: &str = "登记成果";

/// The 成果 page: the library.
#[component]
pub fn OutcomesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let f = Filters::new();
    crate::ui::components::fields::keep_filters(
        "成果",
        vec![
            f.query,
            f.unit,
            f.sector,
            f.year,
            f.kind,
            f.innovation,
            f.stage,
            f.recognised,
        ],
    );
    let sort = RwSignal::new(OutcomeSort::default());
    let filter = Memo::new(move |_| f.filter());
    let rows: Memo<Vec<OutcomeRow>> = Memo::new(move |_| {
        let f = filter.get();
        let mut rows = ctx.state.with(|s| filter_outcomes(s, &f));
        sort_outcome_rows(&mut rows, sort.get());
        rows
    });
    let total = Memo::new(move |_| ctx.state.with(|s| s.outcomes.len()));

    // An outcome half entered before the person left opens again with its text.
    let registering = RwSignal::new(crate::ui::components::fields::has_draft(REGISTER_DRAFT));
    let register = Callback::new(move |input: OutcomeInput| {
        let now = ctx.now();
        let title = input.title.trim().to_string();
        update_form(ctx, "登记成果", |s| register_outcome(s, &input, &now)).map(|id| {
            let done = format!(
                "已登记成果{}。",
                crate::domain::outcomes::corner_quoted(&title)
            );
            // A second outcome under a name the unit already has: said, not refused.
            ctx.notice
                .set(Some(match ctx.state.with(|s| namesake_note_of(s, &id)) {
                    Some(note) => Notice::warning(format!("{done}{note}")),
                    None => Notice::info(format!("{done}可打开该成果办理备案、反馈、认定和推广。")),
                }));
            registering.set(false);
        })
    });

    view! {
        <section class="outcomes">
            <h1>"成果"</h1>
            // Printed instead of the page's title: what the list is, which outcomes, and
            // as of when (stages and 认定 change; a clerk's review: no date on paper).
            <h2 class="print-only print-title">{move || {
                let f = filter.get();
                format!(
                    "成果清单（{}，截至{}）",
                    ctx.state.with(|s| f.describe(s)),
                    crate::domain::reports::notice::written_date(&ctx.today())
                )
            }}</h2>
            <p class="hint">"各单位历年的实践成果、制度成果和理论成果。办理顺序：登记 → 备案 → 反馈 → 认定为创新成果、本系统推广 → 市直机关推介；经认定的创新成果计入当年度“优秀”条件。"</p>
            {filter_bar(ctx, f)}
            <p role="status">{move || count_line(total.get(), rows.with(Vec::len))}</p>
            <p class="no-print">
                <button type="button" on:click=move |_| export_csv(ctx, rows) disabled=move || rows.with(Vec::is_empty)>"导出成果清单"</button>" "
                <button type="button" aria-expanded=move || registering.get().to_string()
                    on:click=move |_| registering.update(|r| *r = !*r)>"登记新成果"</button>
            </p>
            <Show when=move || registering.get()>
                <h2>"登记新成果"</h2>
                // An outcome is a unit's: with no unit on the roster it is said before
                // anything is typed (a clerk's review: said only once 登记 was pressed).
                {move || ctx.state.with(|s| s.units.is_empty()).then(|| view! {
                    <p class="hint warn" role="note">"名册中还没有单位。成果要登记在所属单位名下：请先在“单位”中添加单位，或在“数据管理”中载入示例数据。"</p>
                })}
                <OutcomeForm initial=OutcomeInput::blank(&ctx.today()) form_label="登记成果"
                    submit_label="登记" units=unit_options(ctx) clear_after=true on_submit=register draft_key=REGISTER_DRAFT
                    on_cancel=Callback::new(move |_| registering.set(false)) focus_on_open=true />
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || if total.get() == 0 {
                    "还没有成果。可点“登记新成果”登记，或由单位在填报模式中登记后随回传文件报来。"
                } else { "没有符合条件的成果。" }}</p> }>
                {outcome_table(rows, sort, filter)}
            </Show>
        </section>
    }
}

/// The library's table with its sortable headers. A long library draws only the rows
/// in its frame (`row_window`), and every row when it is printed.
fn outcome_table(
    rows: Memo<Vec<OutcomeRow>>,
    sort: RwSignal<OutcomeSort>,
    filter: Memo<OutcomeFilter>,
) -> impl IntoView {
    let (win, follow) = RowWindow::follow(move || rows.try_with_untracked(Vec::len));
    // A new search or filter shows its first rows.
    Effect::watch(move || filter.track(), move |_, _, _| win.to_top(), false);
    let drawn = move || {
        rows.with(|rows| {
            let (s, e) = win.drawn(rows.len());
            rows[s..e]
                .iter()
                .enumerate()
                .map(|(i, r)| (s + i, r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let spacers = move |above: bool| move || win.spacer(rows.with(Vec::len), above, COLUMNS);
    view! {
        <div class="table-wrap table-wrap--outcomes" node_ref=win.frame on:scroll=move |_| follow()>
            <table class="outcome-list" aria-rowcount=move || (rows.with(Vec::len) + 1).to_string()>
                <caption class="visually-hidden">"成果清单"</caption>
                <thead><tr aria-rowindex="1">
                    <SortHeader label="成果名称" key=OutcomeSortKey::Title sort />
                    <SortHeader label="单位" key=OutcomeSortKey::Unit sort />
                    <SortHeader label="日期" key=OutcomeSortKey::Date sort />
                    <SortHeader label="类别" key=OutcomeSortKey::Kind sort />
                    <th scope="col">"创新类型"</th>
                    <SortHeader label="阶段" key=OutcomeSortKey::Stage sort />
                    <SortHeader label="认定" key=OutcomeSortKey::Recognised sort />
                    <SortHeader label="反馈至推介天数" key=OutcomeSortKey::Days sort class="num" />
                </tr></thead>
                <tbody node_ref=win.body>
                    {spacers(true)}
                    <For each=drawn key=|(i, r)| (*i, r.id.clone(), r.rev)
                        children=|(i, r)| outcome_row(r, i) />
                    {spacers(false)}
                </tbody>
            </table>
        </div>
    }
}

/// The library's columns.
const COLUMNS: usize = 8;

/// One row of the library. Built with the element builders rather than `view!`: a row
/// never changes while it lives (its key holds the outcome's revision), and the builders
/// make plain typed elements, without the type-erased children and their placeholder
/// nodes that `view!` makes under `erase_components`. `place` is its place in the rows
/// listed (0 for the first), for `aria-rowindex`.
fn outcome_row(r: OutcomeRow, place: usize) -> impl IntoView {
    let href = Route::Outcome(r.id.clone()).href();
    let days = r
        .days_to_promotion
        .map(|d| d.to_string())
        .unwrap_or_default();
    // Plain text cells take their text as a property: one call, no child views.
    tr().aria_rowindex((place + 2).to_string()).child((
        td().child(a().href(href).prop("textContent", r.title)),
        td().prop("textContent", r.unit_name),
        td().prop("textContent", r.date),
        td().prop("textContent", r.kind.label()),
        td().prop("textContent", r.innovations),
        td().prop("textContent", r.stage.label()),
        td().prop("textContent", if r.recognised { "已认定" } else { "—" }),
        td().class("num").prop("textContent", days),
    ))
}
