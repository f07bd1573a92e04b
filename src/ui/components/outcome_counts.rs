//! A year's outcomes by kind and by stage, with a 合计 row and column: one table for
//! 概览 and 报表 (a clerk's review: 报表's had no 合计 row, 概览's had).

use leptos::prelude::*;

use crate::domain::outcomes::{KindStageCounts, OutcomeStage};

/// The line above the table: the year's outcomes and how many were recognised.
pub fn outcome_count_line(c: &KindStageCounts) -> String {
    format!(
        "{}年度登记成果{}项，其中经认定的创新成果{}项。",
        c.year, c.total, c.recognised
    )
}

/// The table of `counts`.
#[component]
pub fn OutcomeCountsTable(counts: KindStageCounts) -> impl IntoView {
    view! {
        <table class="outcome-counts">
            <caption class="sr-only">{format!("{}年度成果按类别和阶段", counts.year)}</caption>
            <thead><tr>
                <th scope="col">"类别"</th>
                {OutcomeStage::ALL.iter().map(|s| view! { <th scope="col" class="num">{s.label()}</th> }).collect_view()}
                <th scope="col" class="num">"合计"</th>
            </tr></thead>
            <tbody>
                {counts.rows.iter().map(|(k, by, n)| view! {
                    <tr>
                        <th scope="row">{k.label()}</th>
                        {by.iter().map(|x| view! { <td class="num">{*x}</td> }).collect_view()}
                        <td class="num">{*n}</td>
                    </tr>
                }).collect_view()}
                <tr>
                    <th scope="row">"合计"</th>
                    {counts.by_stage.iter().map(|x| view! { <td class="num">{*x}</td> }).collect_view()}
                    <td class="num">{counts.total}</td>
                </tr>
            </tbody>
        </table>
    }
}
