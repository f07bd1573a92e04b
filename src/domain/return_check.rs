//! Before a copy exports its return: what is still missing from the sheets, in plain
//! words, so the person can finish first or send what there is knowingly.

use super::focused::Task;
use super::round_setup::SheetStatus;

/// One line per unit not fully scored, e.g. `甲支部：未评分` or `乙支部：缺 3 项`.
/// Empty when every sheet of the task is complete.
/// A sheet with blanks names them, the first three shortened: `缺 2 项（甲指标、乙指标）`.
pub fn missing_lines(task: &Task) -> Vec<String> {
    task.units
        .iter()
        .filter_map(|u| match u.status {
            SheetStatus::NotStarted => Some(format!("{}：未评分", u.name)),
            SheetStatus::Partial(n) => Some(format!("{}：缺 {n} 项{}", u.name, named(&u.blanks))),
            SheetStatus::Complete | SheetStatus::NotAssigned => None,
        })
        .collect()
}

/// `（甲指标、乙指标等）`: the blanks by name, each cut to 16 characters.
fn named(blanks: &[String]) -> String {
    if blanks.is_empty() {
        return String::new();
    }
    let short: Vec<String> = blanks
        .iter()
        .take(3)
        .map(|b| {
            if b.chars().count() > 16 {
                format!("{}…", b.chars().take(16).collect::<String>())
            } else {
                b.clone()
            }
        })
        .collect();
    let more = if blanks.len() > 3 { "等" } else { "" };
    format!("（{}{more}）", short.join("、"))
}

/// The question asked before exporting an incomplete return: a unit's own copy speaks
/// of its self-assessment, an assessor's of the units scored.
pub fn missing_message(task: &Task, lines: &[String]) -> String {
    if matches!(task.party, crate::domain::exchange::Party::Unit(_)) {
        return format!(
            "自评还没有填完：{}。仍要导出吗？工委会看到自评未填完；之后补填，可以再次导出。",
            lines.join("；")
        );
    }
    let shown: Vec<&str> = lines.iter().take(10).map(String::as_str).collect();
    let more = if lines.len() > 10 {
        format!("等，共 {} 个单位", lines.len())
    } else {
        String::new()
    };
    format!(
        "评分还没有填完：{}{more}。仍要导出吗？工委会看到哪些单位未评完；之后补评，可以再次导出。",
        shown.join("；")
    )
}

/// The year a unit's copy asks its 保障投入 for: its round's, while that year has come
/// (`this_year` or earlier). `None` for a round of a year still to come (a 2027 round
/// set up in 2026: the year's figures cannot be entered yet) or a copy without a round.
pub fn resources_year(state: &crate::domain::AppState, this_year: u16) -> Option<u16> {
    let ws = state.workspace.as_ref()?;
    let year = state.round(&ws.round_id)?.year;
    (year <= this_year).then_some(year)
}

/// For a unit's own copy: `2026年度保障投入还没有登记` when the unit has no 保障投入 entry
/// for its round's year (the committee's report card would say 未登记). `None` for an
/// assessor's copy, once it is entered, or while the round's year has not come
/// ([`resources_year`]).
pub fn resources_gap(state: &crate::domain::AppState, this_year: u16) -> Option<String> {
    let ws = state.workspace.as_ref()?;
    let crate::domain::exchange::Party::Unit(unit_id) = &ws.party else {
        return None;
    };
    let year = resources_year(state, this_year)?;
    let entered = state
        .resources
        .iter()
        .any(|r| r.unit_id == *unit_id && r.year == year);
    (!entered).then(|| format!("{year}年度保障投入还没有登记"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::Party;
    use crate::domain::focused::TaskUnit;

    fn task(statuses: &[(&str, SheetStatus)]) -> Task {
        Task {
            party: Party::Assessor("a1".into()),
            party_name: "张三".into(),
            round_id: "r1".into(),
            round_name: "2026年度考评".into(),
            source_key: "a1".into(),
            units: statuses
                .iter()
                .map(|(n, s)| TaskUnit {
                    id: n.to_string(),
                    name: n.to_string(),
                    status: *s,
                    blanks: match s {
                        SheetStatus::Partial(_) => vec![
                            "党组（党委）专题研究示范点建设每年不少于2次".to_string(),
                            "方法创新".to_string(),
                        ],
                        _ => Vec::new(),
                    },
                })
                .collect(),
            results: Vec::new(),
            round_published: false,
        }
    }

    #[test]
    fn lists_units_not_started_or_with_blanks() {
        let t = task(&[
            ("甲支部", SheetStatus::Complete),
            ("乙支部", SheetStatus::Partial(3)),
            ("丙支部", SheetStatus::NotStarted),
        ]);
        let lines = missing_lines(&t);
        assert_eq!(
            lines,
            vec![
                "乙支部：缺 3 项（党组（党委）专题研究示范点建设每…、方法创新）",
                "丙支部：未评分"
            ]
        );
        assert_eq!(
            missing_message(&t, &lines),
            "评分还没有填完：乙支部：缺 3 项（党组（党委）专题研究示范点建设每…、方法创新）；丙支部：未评分。仍要导出吗？工委会看到哪些单位未评完；之后补评，可以再次导出。"
        );
        // A unit's own copy speaks of its self-assessment.
        let mut own = task(&[("甲支部", SheetStatus::Partial(2))]);
        own.party = Party::Unit("甲支部".into());
        let lines = missing_lines(&own);
        assert!(missing_message(&own, &lines).starts_with("自评还没有填完：甲支部：缺 2 项（"));
        assert!(missing_lines(&task(&[("甲支部", SheetStatus::Complete)])).is_empty());
    }
}
