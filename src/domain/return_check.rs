//! Before a copy exports its return: what is still missing from the sheets, in plain
//! words, so the person can finish first or send what there is knowingly.

use super::focused::Task;
use super::round_setup::SheetStatus;

/// One line per unit not fully scored, e.g. `甲支部：未评分` or `乙支部：缺 3 项`.
/// Empty when every sheet of the task is complete.
pub fn missing_lines(task: &Task) -> Vec<String> {
    task.units
        .iter()
        .filter_map(|u| match u.status {
            SheetStatus::NotStarted => Some(format!("{}：未评分", u.name)),
            SheetStatus::Partial(n) => Some(format!("{}：缺 {n} 项", u.name)),
            SheetStatus::Complete | SheetStatus::NotAssigned => None,
        })
        .collect()
}

/// The question asked before exporting an incomplete return.
pub fn missing_message(lines: &[String]) -> String {
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
                })
                .collect(),
            results: Vec::new(),
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
        assert_eq!(lines, vec!["乙支部：缺 3 项", "丙支部：未评分"]);
        assert_eq!(
            missing_message(&lines),
            "评分还没有填完：乙支部：缺 3 项；丙支部：未评分。仍要导出吗？工委会看到哪些单位未评完；之后补评，可以再次导出。"
        );
        assert!(missing_lines(&task(&[("甲支部", SheetStatus::Complete)])).is_empty());
    }
}
