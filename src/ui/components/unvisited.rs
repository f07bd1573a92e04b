//! The sites with no 督导 in the last months, as 概览 and 督导 both list them.

use leptos::prelude::*;

use crate::domain::between_rounds::guidance::UnvisitedSite;
use crate::route::Route;
use crate::ui::text;

/// The heading of the list: "近12个月未督导的单位".
pub fn unvisited_title(months: u32) -> String {
    format!("近{months}个月未督导的单位")
}

/// The list of sites without a visit in the last `months` months, each
/// a link to its unit with its last visit. With `limit`, the first `limit` only and a
/// link to 督导 (概览); without, every one (督导 itself).
#[component]
pub fn UnvisitedSites(
    /// The sites, longest without a visit first.
    sites: Vec<UnvisitedSite>,
    /// Whether there is any 示范点 or 创建单位 at all.
    any_sites: bool,
    /// The months looked back over.
    months: u32,
    /// How many to list; all when `None`.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let title = unvisited_title(months);
    if !any_sites {
        // Where to add them (a clerk's review: the empty 督导 page said nothing more).
        return view! {
            <p>{text::NO_SITES_TO_VISIT}<a href=Route::Units.href()>"去单位添加"</a></p>
        }
        .into_any();
    }
    if sites.is_empty() {
        // Said with its rule: a unit entered this year is not yet counted (a clerk's
        // review: with one new unit never visited, the sentence read as untrue).
        return view! { <p>{format!("所有示范点和创建单位近{months}个月内都有督导/指导（当年入选的单位从次年起计）。")}</p> }
            .into_any();
    }
    let n = sites.len();
    let shown = limit.unwrap_or(n);
    let cut = if n > shown {
        format!("（列出前{shown}个）")
    } else {
        String::new()
    };
    view! {
        <p>{format!("{n}个单位{cut}：")}
            {limit.is_some().then(|| view! { <a href=Route::Guidance.href()>"去督导"</a> })}</p>
        <ul class="between-list unvisited" aria-label=title>
            {sites.into_iter().take(shown).map(|u| view! {
                <li><a href=Route::Unit(u.unit_id.clone()).href()>{u.name.clone()}</a>
                    {format!("（{}）", u.last.map(|d| format!("最近一次 {d}")).unwrap_or_else(|| "从未督导".into()))}</li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
