//! The ranking table of a round: one `<tr>` per unit with rank, unit (a link to its
//! breakdown), dimension subtotals, total, grade and suggested type; sortable by
//! clicking the column headers; a search and 系统/行业 and 等次 filters above it. The
//! header row stays in view while the rows scroll, and the unit, 总分 and 等次 columns
//! stay in view while a wide table scrolls sideways. A long ranking draws only the rows
//! in its frame (`row_window`), and every row when it is printed.

use leptos::either::Either;
use leptos::html::{a, details, li, span, summary, td, tr, ul};
use leptos::prelude::*;

use crate::domain::report::{ranking_sectors, sort_rows, RankingFilter, RankingRow, Sort, SortKey};
use crate::domain::{Grade, Points};
use crate::route::Route;
use crate::ui::components::fields::{ChoiceSelect, TextField};
use crate::ui::components::row_window::RowWindow;
use crate::ui::components::sort_header::SortHeader;
use crate::ui::text;

/// The grade filter's code for the units not graded.
const UNGRADED: &str = "none";

/// The grade filter's choices: a stable code per grade, and 未评定.
fn grade_choices() -> Vec<(String, String)> {
    Grade::ALL
        .iter()
        .enumerate()
        .map(|(i, g)| (i.to_string(), g.label().to_string()))
        .chain([(UNGRADED.to_string(), "未评定".to_string())])
        .collect()
}

/// The filter the three controls describe.
fn filter_of(text: String, sector: String, grade: String) -> RankingFilter {
    RankingFilter {
        text,
        sector: (!sector.is_empty()).then_some(sector),
        grade: match grade.as_str() {
            "" => None,
            UNGRADED => Some(None),
            code => code
                .parse::<usize>()
                .ok()
                .and_then(|i| Grade::ALL.get(i).copied())
                .map(Some),
        },
    }
}

/// The ranking table. Rows are keyed by unit and place, so a change of data or order
/// rebuilds only the rows drawn.
#[component]
pub fn RankingTable(
    /// The round the rows belong to (for the links).
    #[prop(into)]
    round_id: String,
    /// The score columns' names (the scheme's dimensions).
    dimension_names: Vec<String>,
    /// The rows in ranking order; recomputed only when the data changes.
    rows: Memo<Vec<RankingRow>>,
    /// Printed above the header on every page while the results are not the published
    /// ones (`publishing::draft_mark`).
    #[prop(optional, into)]
    mark: Signal<Option<&'static str>>,
) -> impl IntoView {
    let sort = RwSignal::new(Sort::default());
    // A new generation of keys whenever the rows are recomputed, so that changed rows
    // are rebuilt even where a unit keeps its place.
    let generation = Memo::new(move |prev: Option<&u64>| {
        rows.track();
        prev.map_or(0, |p| p + 1)
    });
    let search = RwSignal::new(String::new());
    let sector = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let filter = Memo::new(move |_| filter_of(search.get(), sector.get(), grade.get()));
    let sectors = Signal::derive(move || {
        rows.with(|r| ranking_sectors(r))
            .into_iter()
            .map(|s| (s.clone(), s))
            .collect::<Vec<_>>()
    });
    let sorted = Memo::new(move |_| {
        let mut r = rows.get();
        filter.with(|f| {
            if f.is_active() {
                r.retain(|row| f.matches(row));
            }
        });
        sort_rows(&mut r, sort.get());
        r
    });
    let count = move || {
        let (shown, all) = (sorted.with(Vec::len), rows.with(Vec::len));
        if shown == all {
            format!("共 {all} 个单位")
        } else {
            format!("符合条件的 {shown} 个（共 {all} 个单位）")
        }
    };
    let round_id = StoredValue::new(round_id);
    let width = dimension_names.len() + 6;
    let headers = dimension_names
        .into_iter()
        .enumerate()
        .map(|(i, name)| view! { <SortHeader label=name key=SortKey::Dimension(i) sort class="num" /> })
        .collect_view();
    // Not after the table is gone (a frame requested just before leaving the page).
    let (win, follow) = RowWindow::follow(move || sorted.try_with_untracked(Vec::len));
    // A new search or filter shows its first rows.
    Effect::watch(move || filter.get(), move |_, _, _| win.to_top(), false);
    let drawn = move || {
        let g = generation.get();
        sorted.with(|rows| {
            let (s, e) = win.drawn(rows.len());
            rows[s..e]
                .iter()
                .enumerate()
                .map(|(i, r)| (g, s + i, r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let spacers = move |above: bool| move || win.spacer(sorted.with(Vec::len), above, width);
    view! {
        <div class="ranking-filters no-print" role="search" aria-label="筛选排名表">
            <TextField label="查找单位" value=search search=true />
            <ChoiceSelect label="系统/行业" options=sectors value=sector all_label=text::ANY />
            <ChoiceSelect label="等次" options=Signal::derive(grade_choices) value=grade all_label=text::ANY />
            <p class="muted" role="status">{count}</p>
        </div>
        <div class="table-wrap table-wrap--ranking" node_ref=win.frame on:scroll=move |_| follow()>
        <table class="ranking" aria-rowcount=move || (sorted.with(Vec::len) + 1).to_string()>
            <caption class="sr-only">"排名表：点击列标题可按该列排序"</caption>
            <thead>
                {move || mark.get().map(|m| view! {
                    <tr class="print-only ranking-mark"><th colspan=width.to_string()>{m}</th></tr>
                })}
                <tr aria-rowindex="1">
                    <SortHeader label="排名" key=SortKey::Rank sort class="num" />
                    <SortHeader label="单位" key=SortKey::Name sort class="key-unit" />
                    {headers}
                    <SortHeader label="加减分" key=SortKey::Adjustment sort class="num" />
                    <SortHeader label="总分" key=SortKey::Total sort class="num key-total" />
                    <SortHeader label="等次" key=SortKey::Grade sort class="key-grade" />
                    <SortHeader label="类型建议" key=SortKey::Type sort />
                </tr>
            </thead>
            <tbody node_ref=win.body>
                {spacers(true)}
                <For
                    each=drawn
                    key=|(g, i, r)| (*g, *i, r.unit_id.clone())
                    children=move |(_, i, row)| ranking_row(row, i, round_id.get_value())
                />
                {spacers(false)}
            </tbody>
        </table>
        </div>
    }
}

/// One row of the ranking table. Built with the element builders rather than `view!`:
/// nothing in a row changes while it lives (changed data rebuilds it, see `generation`),
/// and the builders make plain typed elements, without the type-erased children and
/// their placeholder nodes that `view!` makes under `erase_components` (300 rows of
/// those were a third of the table's first draw).
/// `place` is its place in the sorted rows (0 for the first), for `aria-rowindex`.
fn ranking_row(row: RankingRow, place: usize, round_id: String) -> impl IntoView {
    let href = Route::ResultDetail {
        round: round_id,
        unit: row.unit_id.clone(),
    }
    .href();
    let rank = row
        .rank
        .map(|r| r.to_string())
        .unwrap_or_else(|| "—".into());
    let total = row
        .total
        .map(|t| t.to_string())
        .unwrap_or_else(|| "未评定".into());
    let grade = row.grade.map(|g| g.label()).unwrap_or("未评定");
    let grade_notes = row.grade_notes.join("；");
    let dims = row
        .dimensions
        .iter()
        // An ungraded unit has no scores to show: a dash, not a misleading 0.
        .map(|d| {
            let text = if row.total.is_some() {
                d.to_string()
            } else {
                "—".to_string()
            };
            td().class("num").prop("textContent", text)
        })
        .collect::<Vec<_>>();
    // Signed, so that the total reads as the columns plus this one.
    let adjustment = match row.total {
        None => "—".to_string(),
        Some(_) if row.adjustment > Points::ZERO => format!("+{}", row.adjustment),
        Some(_) => row.adjustment.to_string(),
    };
    // The note is also there for keyboard and screen-reader users, not only in the
    // tooltip (e.g. why a 优秀 total is graded 良好).
    let grade_cell = if grade_notes.is_empty() {
        Either::Left(
            td().title(grade_notes)
                .class("key-grade")
                .prop("textContent", grade),
        )
    } else {
        let said = format!("（{grade_notes}）");
        Either::Right(
            td().title(grade_notes)
                .class("key-grade grade-noted")
                .child((
                    grade,
                    span().class("grade-mark").aria_hidden("true").child("※"),
                    span().class("sr-only").child(said),
                )),
        )
    };
    let unit_cell = td().class("key-unit").child((
        a().href(href).prop("textContent", row.unit_name.clone()),
        (!row.complete).then(|| {
            span()
                .class("incomplete-mark")
                .child(format!("（{}）", crate::domain::report::INCOMPLETE_MARK))
        }),
    ));
    // Plain text cells take their text as a property: one call, no child views.
    tr().aria_rowindex((place + 2).to_string()).child((
        // 并列 before a shared rank, as the cards print it: drawn by the stylesheet from
        // the attribute (read out with the cell, printed), the cell's text staying the
        // number a copy into Excel sorts.
        td().class("num rank")
            .attr("data-tied", row.tied.then_some("并列"))
            .prop("textContent", rank),
        unit_cell,
        dims,
        td().class("num").prop("textContent", adjustment),
        td().class("num key-total").prop("textContent", total),
        grade_cell,
        td().child(type_cell(&row)),
    ))
}

/// The 类型建议 cell's content: the type with its reasons to unfold, or a dash.
fn type_cell(row: &RankingRow) -> impl IntoView {
    let Some(t) = row.effective_type() else {
        return Either::Left(span().class("muted").child("—"));
    };
    let label = match (row.override_type, row.suggested) {
        (Some(o), Some(s)) if o != s => {
            format!("{}（已改定，建议{}）", o.label(), s.label())
        }
        (Some(o), _) => format!("{}（已认定）", o.label()),
        _ => t.label().to_string(),
    };
    let items = row
        .reasons
        .iter()
        .map(|r| li().child(r.clone()))
        .chain(
            row.override_note
                .as_ref()
                .map(|n| li().child(format!("改定说明：{n}"))),
        )
        .collect::<Vec<_>>();
    // On paper the type's neutral name: the speech's words (吃老本, 闭门造车) are the
    // committee's own and a printed list travels.
    Either::Right((
        details()
            .class("type-reasons no-print")
            .title(row.reasons.join("；"))
            .child((summary().child(label), ul().child(items))),
        span().class("print-only").child(t.public_label()),
    ))
}
