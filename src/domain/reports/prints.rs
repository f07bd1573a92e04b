//! What 报表's print views print (A4 landscape tables, every report card of a round):
//! the roster with each unit's recent grades, the not-returned list (the same table as
//! its export, `office::tables::not_returned_table`), and the order of the cards. The
//! tables are `office::Table`s, so a print and an Excel file of a list agree.

use super::round_of_year;
use crate::domain::model::*;
use crate::domain::office::{Cell, Column, Table};
use crate::domain::report::{ranking_rows, RoundReport};
use crate::domain::scoring::compute_round;

/// How many recent years of grades the roster shows.
pub const RECENT_YEARS: usize = 3;

/// The years of the grades the roster shows for `year`: the latest [`RECENT_YEARS`]
/// years up to `year` that have a round, oldest first.
pub fn grade_years(state: &AppState, year: u16) -> Vec<u16> {
    let mut years: Vec<u16> = state
        .rounds
        .iter()
        .map(|r| r.year)
        .filter(|y| *y <= year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let skip = years.len().saturating_sub(RECENT_YEARS);
    years.split_off(skip)
}

/// The roster as printed for `year` as it stood on `reference` (today, or the year's
/// end for a past year, see [`super::reference_date`]): 序号, 单位, 系统/行业, 组织类型,
/// 责任人, 联系方式, 入选年份, 状态 (on `reference`), 授牌日期 and 牌匾编号 (while it held
/// the plaque then, see [`Unit::plaque_held_on`]), and a column "2025年等次" per year
/// of [`grade_years`] (the grade in that year's round; 未评定 when the unit was in it
/// without a grade, marked 评分不全 when graded on scores not all in; empty when it was
/// not in it). Every unit that had entered by then, in roster order.
pub fn roster_print_table(state: &AppState, year: u16, reference: &str) -> Table {
    let years = grade_years(state, year);
    let rounds: Vec<_> = years.iter().map(|y| round_of_year(state, *y)).collect();
    let results: Vec<Option<crate::domain::scoring::RoundResults>> = rounds
        .iter()
        .map(|r| r.and_then(|r| compute_round(state, &r.id).ok()))
        .collect();
    let mut columns = vec![
        Column::new("序号", 5.0),
        Column::new("单位", 28.0),
        Column::new("系统/行业", 12.0),
        Column::new("组织类型", 10.0),
        Column::new("责任人", 10.0),
        Column::new("联系方式", 16.0),
        Column::new("入选年份", 9.0),
        Column::new("状态", 8.0),
        Column::new("授牌日期", 12.0),
        Column::new("牌匾编号", 14.0),
    ];
    // A year whose grades are not the published ones says so in its heading, which
    // every printed page repeats.
    columns.extend(
        years
            .iter()
            .zip(&rounds)
            .zip(&results)
            .map(|((y, r), res)| {
                let marked =
                    r.filter(|r| crate::domain::publishing::draft_mark(r, res.as_ref()).is_some());
                match marked {
                    Some(r) if r.published => {
                        Column::new(&format!("{y}年等次（草稿，与已发布的不同）"), 12.0)
                    }
                    Some(_) => Column::new(&format!("{y}年等次（草稿，未发布）"), 12.0),
                    None => Column::new(&format!("{y}年等次"), 10.0),
                }
            }),
    );
    let rows = state
        .units
        .iter()
        .filter_map(|u| u.status_on(reference).map(|status| (u, status)))
        .enumerate()
        .map(|(i, (u, status))| {
            // As the exported roster: only while it holds the plaque.
            let named = u
                .plaque_held_on(status, Some(reference))
                .map(str::to_string);
            let plaque = named.as_ref().and(u.plaque_no.clone());
            let mut cells = vec![
                Cell::Number((i + 1) as f64),
                Cell::Text(u.name.clone()),
                Cell::Text(u.sector.clone()),
                Cell::Text(u.org_type.label().to_string()),
                Cell::Text(u.leader.clone()),
                Cell::Text(u.contact.clone()),
                Cell::Number(f64::from(u.entered_year)),
                Cell::Text(status.label().to_string()),
                named.map_or(Cell::Empty, Cell::Date),
                Cell::Text(plaque.unwrap_or_default()),
            ];
            // A grade from scores not all in says so, as the ranking does (a clerk's first
            // day: a unit with 18 of 22 items blank printed as plain 不合格).
            cells.extend(results.iter().map(
                |res| match res.as_ref().and_then(|r| r.unit(&u.id)) {
                    Some(x) => Cell::Text(match x.grade {
                        None => "未评定".to_string(),
                        Some(g) if x.graded && !x.completeness.is_complete() => format!(
                            "{}（{}）",
                            g.label(),
                            crate::domain::report::INCOMPLETE_MARK
                        ),
                        Some(g) => g.label().to_string(),
                    }),
                    None => Cell::Empty,
                },
            ));
            cells
        })
        .collect();
    Table {
        sheet: "名册".to_string(),
        columns,
        rows,
        footer: vec![],
        title: String::new(),
    }
}

/// The units of a round's report cards, in the ranking's order (graded units by
/// position, then the ungraded).
pub fn card_units(report: &RoundReport) -> Vec<Id> {
    ranking_rows(report)
        .into_iter()
        .map(|r| r.unit_id.clone())
        .collect()
}

/// A cell as printed: text as it is, a whole number without decimals, other numbers
/// with up to two, a date as `YYYY-MM-DD`, empty as nothing.
pub fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Date(s) => s.clone(),
        Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
        Cell::Number(n) => {
            let s = format!("{n:.2}");
            s.trim_end_matches('0').to_string()
        }
        Cell::Sum { value, .. } => cell_text(&Cell::Number(*value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_print_as_people_write_them() {
        assert_eq!(cell_text(&Cell::Number(12.0)), "12");
        assert_eq!(cell_text(&Cell::Number(3.5)), "3.5");
        assert_eq!(cell_text(&Cell::Number(1.25)), "1.25");
        assert_eq!(cell_text(&Cell::Date("2026-03-01".into())), "2026-03-01");
        assert_eq!(cell_text(&Cell::Empty), "");
    }
}
