//! What a changed record would change, field by field, for the preview: the value held
//! here and the value in the file (`本机 2 → 文件 2.5`), so that the person sees what
//! 修改 means and what each side of a 冲突 holds before choosing (`本机 2，文件 2.5`: no
//! arrow there, since either side may be the one that changed, and either may be kept).

use super::*;
use crate::domain::between_rounds::pairing::{
    labels as pairing_labels, GOALS_LABEL, PARTNER_PROGRESS_LABEL,
};
use crate::domain::between_rounds::resources::{
    ACTIVITY_FUNDS_LABEL, PARTY_FUNDS_LABEL, PART_TIME_STAFF_LABEL, PREMISES_AREA_LABEL,
    PREMISES_LABEL, STAFF_LABEL,
};
use crate::domain::comments::COMMENT_KEY;
use crate::domain::outcomes::labels;
use crate::domain::Points;

/// Before a line of a 冲突 that is taken whichever side is chosen.
pub const EITHER_WAY: &str = "（无论选哪边都导入）";

/// A long text is not quoted; that it changed is said.
const QUOTED_CHARS: usize = 30;

impl Preview {
    /// For a record that differs from the one held here (修改, 冲突 or 本机的较新): each
    /// field that differs, `名称：本机 … → 文件 …` (`本机 …，文件 …` for a 冲突 and a
    /// 本机的较新), in the form's order. For a score sheet, each
    /// indicator whose score differs (`空` for a blank) and how many evidence notes
    /// changed. Empty for a new record, and when the record (or a sheet's round and
    /// scheme) is not held here.
    pub fn field_changes(&self, state: &AppState, change: &Change) -> Vec<String> {
        let mut lines = self.chosen_changes(state, change);
        // What a 冲突 brings whichever is chosen: the fields only the file changed, in
        // both versions (a clerk's review: a unit's 兼职 replaced the committee's figure
        // with the preview listing only the 专职 to choose).
        if let (ChangeStatus::Conflict, Some(kept), Some(held)) = (
            change.status,
            change.kept.as_ref(),
            find(state, &change.incoming),
        ) {
            let either = Change {
                status: ChangeStatus::Changed,
                incoming: kept.clone(),
                kept: None,
                ..change.clone()
            };
            if !held.same_content(kept) {
                lines.extend(
                    self.chosen_changes(state, &either)
                        .into_iter()
                        .map(|l| format!("{EITHER_WAY}{l}")),
                );
            }
        }
        lines
    }

    /// [`Preview::field_changes`] between the two versions to choose from (for a 修改,
    /// what is held and the file's).
    fn chosen_changes(&self, state: &AppState, change: &Change) -> Vec<String> {
        // A 冲突 with its own 保留本机 version differs from it only in what is chosen.
        let Some(held) = change
            .kept
            .clone()
            .or_else(|| find(state, &change.incoming))
        else {
            return Vec::new();
        };
        // Two versions side by side (`本机 …，文件 …`) where nothing goes from one to the
        // other by default: a 冲突, and a 本机的较新 that keeps what is here.
        let mut out = Lines::new(matches!(
            change.status,
            ChangeStatus::Conflict | ChangeStatus::Stale
        ));
        match (&held, &change.incoming) {
            (Rec::Sheet { round_id, sheet: a }, Rec::Sheet { sheet: b, .. }) => {
                return sheet_changes(state, round_id, a, b, out)
            }
            (Rec::Resource(a), Rec::Resource(b)) => {
                out.value("年度", a.year, b.year);
                out.value(PARTY_FUNDS_LABEL, a.funds, b.funds);
                out.value(ACTIVITY_FUNDS_LABEL, a.activity_funds, b.activity_funds);
                out.value(STAFF_LABEL, a.staff, b.staff);
                out.value(PART_TIME_STAFF_LABEL, a.part_time_staff, b.part_time_staff);
                out.value(PREMISES_LABEL, yes_no(a.premises), yes_no(b.premises));
                out.value(PREMISES_AREA_LABEL, a.premises_area, b.premises_area);
                out.text("备注", &a.note, &b.note);
            }
            (Rec::Outcome(a), Rec::Outcome(b)) => {
                out.text(labels::TITLE, &a.title, &b.title);
                out.value(labels::KIND, a.kind.label(), b.kind.label());
                out.value(labels::DATE, &a.date, &b.date);
                out.value(
                    labels::INNOVATIONS,
                    innovations(&a.innovations),
                    innovations(&b.innovations),
                );
                out.text(labels::DESCRIPTION, &a.description, &b.description);
                out.text(
                    labels::EVIDENCE,
                    &a.evidence.join("；"),
                    &b.evidence.join("；"),
                );
                // The committee's handling (备案, 反馈, 认定, 推广, 表彰): what a unit's copy
                // learns from a task file.
                let stage = |o: &Outcome| crate::domain::outcomes::stage(o).label();
                out.value("办理阶段", stage(a), stage(b));
                let day = |d: &Option<String>| shown(d.as_deref().unwrap_or_default()).to_string();
                out.value(
                    labels::step_date(OutcomeStep::File),
                    day(&a.filed_on),
                    day(&b.filed_on),
                );
                out.value(
                    labels::FILING_NO,
                    shown(&a.path.filing_no),
                    shown(&b.path.filing_no),
                );
                out.value(
                    labels::step_date(OutcomeStep::Feedback),
                    day(&a.feedback_on),
                    day(&b.feedback_on),
                );
                out.text(labels::FEEDBACK, &a.path.feedback, &b.path.feedback);
                let recognised = |o: &Outcome| {
                    if o.recognised {
                        format!("已认定（{}）", o.path.recognition_doc_no.trim())
                            .replace("（）", "")
                    } else {
                        "未认定".to_string()
                    }
                };
                out.value("认定", recognised(a), recognised(b));
                out.count(
                    "表彰/奖励",
                    a.path.incentives.len(),
                    b.path.incentives.len(),
                    a.path.incentives != b.path.incentives,
                );
            }
            (Rec::Pairing(a), Rec::Pairing(b)) => {
                // The committee's fields: a copy learns here that its pairing ended (a
                // clerk's review: the update said only 修改, and activities logged after
                // the end then had the next return refused whole).
                let state_of = |p: &Pairing| match (p.status, p.ended_on.as_deref()) {
                    (PairingStatus::Ended, Some(d)) => format!("已结束（{d}）"),
                    (s, _) => s.label().to_string(),
                };
                out.value(pairing_labels::STATUS, state_of(a), state_of(b));
                out.value("结对单位", &a.partner_name, &b.partner_name);
                out.value(pairing_labels::START, &a.start, &b.start);
                out.text(GOALS_LABEL, &a.goals, &b.goals);
                out.text(
                    PARTNER_PROGRESS_LABEL,
                    &a.partner_progress,
                    &b.partner_progress,
                );
                out.count(
                    "结对活动",
                    a.activities.len(),
                    b.activities.len(),
                    a.activities != b.activities,
                );
                let said = |x: &PairingActivity| format!("{} {}", x.date, x.title);
                out.items("结对活动", &a.activities, &b.activities, said);
                activity_changes(&mut out, &a.activities, &b.activities);
            }
            (Rec::Rectification(a), Rec::Rectification(b)) => {
                out.value("整改状态", a.status.label(), b.status.label());
                out.count(
                    "整改进展",
                    a.progress.len(),
                    b.progress.len(),
                    a.progress != b.progress,
                );
                let said = |x: &ProgressNote| format!("{} {}", x.date, x.note);
                out.items("整改进展", &a.progress, &b.progress, said);
            }
            _ => {}
        }
        out.lines
    }
}

/// The lines of one record's changes.
struct Lines {
    lines: Vec<String>,
    /// Between the two sides: an arrow for a 修改 (the file's value replaces this one),
    /// a comma for a 冲突 (two versions to choose from).
    sep: &'static str,
}

impl Lines {
    fn new(conflict: bool) -> Self {
        Lines {
            lines: Vec::new(),
            sep: if conflict { "，" } else { " → " },
        }
    }

    /// A short value: both sides shown.
    fn value<T: PartialEq + std::fmt::Display>(&mut self, what: &str, here: T, file: T) {
        if here != file {
            let sep = self.sep;
            self.lines
                .push(format!("{what}：本机 {here}{sep}文件 {file}"));
        }
    }

    /// A text: both sides quoted when short, otherwise only that it changed.
    fn text(&mut self, what: &str, here: &str, file: &str) {
        if here == file {
            return;
        }
        let shown = |t: &str| {
            if t.is_empty() {
                "空".to_string()
            } else {
                format!("“{t}”")
            }
        };
        let sep = self.sep;
        // One side empty: said as 空, the other's words from the start, as a short text
        // is (a clerk's review: 本机 0 字…自第 1 字起不同 read as something overwritten).
        let cut = |t: &str| {
            let more = if t.chars().count() > QUOTED_CHARS {
                "…"
            } else {
                ""
            };
            format!(
                "“{}{more}”",
                t.chars().take(QUOTED_CHARS).collect::<String>()
            )
        };
        if here.is_empty() || file.is_empty() {
            let side = |t: &str| {
                if t.is_empty() {
                    "空".to_string()
                } else {
                    cut(t)
                }
            };
            self.lines.push(format!(
                "{what}：本机 {}{sep}文件 {}",
                side(here),
                side(file)
            ));
            return;
        }
        if here.chars().count() <= QUOTED_CHARS && file.chars().count() <= QUOTED_CHARS {
            self.lines.push(format!(
                "{what}：本机 {}{sep}文件 {}",
                shown(here),
                shown(file)
            ));
        } else {
            // Too long to quote whole: where they part, and the file's words there.
            let at = here
                .chars()
                .zip(file.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let from = at.saturating_sub(5);
            let excerpt: String = file.chars().skip(from).take(QUOTED_CHARS).collect();
            let before = if from > 0 { "…" } else { "" };
            let after = if file.chars().count() > from + QUOTED_CHARS {
                "…"
            } else {
                ""
            };
            self.lines.push(format!(
                "{what}：本机 {} 字{sep}文件 {} 字，自第 {} 字起不同，文件为“{before}{excerpt}{after}”",
                here.chars().count(),
                file.chars().count(),
                at + 1
            ));
        }
    }

    /// A list's entries one side has and the other has not, each said (`said`, cut to
    /// a quotable length), so that what is added or dropped is seen before confirming.
    fn items<T: PartialEq>(
        &mut self,
        what: &str,
        here: &[T],
        file: &[T],
        said: impl Fn(&T) -> String,
    ) {
        let cut = |t: String| {
            if t.chars().count() > QUOTED_CHARS {
                format!("{}…", t.chars().take(QUOTED_CHARS).collect::<String>())
            } else {
                t
            }
        };
        let only = |a: &[T], b: &[T]| -> Vec<String> {
            a.iter()
                .filter(|x| !b.contains(x))
                .map(|x| format!("“{}”", cut(said(x))))
                .collect()
        };
        let (mut added, mut dropped) = (only(file, here), only(here, file));
        // The same entry on both sides with another field changed (an activity's 成效
        // filled in): one entry changed, not one added and one dropped, which read as
        // a deletion.
        let changed: Vec<String> = added
            .iter()
            .filter(|a| dropped.contains(a))
            .cloned()
            .collect();
        if !changed.is_empty() {
            added.retain(|a| !changed.contains(a));
            dropped.retain(|d| !changed.contains(d));
            self.lines
                .push(format!("有改动的{what}：{}", changed.join("；")));
        }
        if !added.is_empty() {
            self.lines
                .push(format!("文件中有、本机没有的{what}：{}", added.join("；")));
        }
        if !dropped.is_empty() {
            self.lines.push(format!(
                "本机有、文件中没有的{what}：{}",
                dropped.join("；")
            ));
        }
    }

    /// A list: how many entries on each side, or that entries changed.
    fn count(&mut self, what: &str, here: usize, file: usize, differ: bool) {
        let sep = self.sep;
        if here != file {
            self.lines
                .push(format!("{what}：本机 {here} 条{sep}文件 {file} 条"));
        } else if differ {
            self.lines.push(format!("{what}：{here} 条中有改动"));
        }
    }
}

/// Each field of an activity changed in the file (the same date and 活动内容 on both
/// sides): what it was and what it becomes, as for any other record (a clerk's review:
/// only the activity was named, not what changed in it).
fn activity_changes(out: &mut Lines, here: &[PairingActivity], file: &[PairingActivity]) {
    for b in file.iter().filter(|b| !here.contains(b)) {
        let Some(a) = here
            .iter()
            .find(|a| a.date == b.date && a.title == b.title && !file.contains(a))
        else {
            continue;
        };
        let title: String = b.title.chars().take(QUOTED_CHARS).collect();
        let at = |what: &str| format!("结对活动“{} {title}”的{what}", b.date);
        out.value(&at("活动形式"), a.form.label(), b.form.label());
        out.text(&at("参加人员"), &a.participants, &b.participants);
        out.text(&at("活动成效"), &a.result, &b.result);
        out.text(&at("备注"), &a.note, &b.note);
    }
}

/// A value that may be empty, as the preview shows it.
fn shown(v: &str) -> &str {
    if v.trim().is_empty() {
        "（空）"
    } else {
        v.trim()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "有"
    } else {
        "无"
    }
}

fn innovations(v: &[Innovation]) -> String {
    if v.is_empty() {
        "无".to_string()
    } else {
        v.iter().map(|i| i.label()).collect::<Vec<_>>().join("、")
    }
}

/// A sheet's scores that differ, in the scheme's order, then the evidence notes.
fn sheet_changes(
    state: &AppState,
    round_id: &str,
    held: &ScoreSheet,
    file: &ScoreSheet,
    mut lines: Lines,
) -> Vec<String> {
    let Some(scheme) = state
        .round(round_id)
        .and_then(|r| state.scheme(&r.scheme_id))
    else {
        return Vec::new();
    };
    let at = |s: &ScoreSheet, i: usize| s.points.get(i).copied().flatten();
    let shown = |p: Option<Points>| p.map_or_else(|| "空".to_string(), |v| v.to_string());
    for (i, ind) in scheme.indicators().enumerate() {
        lines.value(&ind.name, shown(at(held, i)), shown(at(file, i)));
    }
    let note = |s: &ScoreSheet, id: &str| s.evidence.get(id).cloned().unwrap_or_default();
    for ind in scheme.indicators() {
        lines.text(
            &format!("佐证说明（{}）", ind.name),
            &note(held, &ind.id),
            &note(file, &ind.id),
        );
    }
    let remark = |s: &ScoreSheet| s.evidence.get(COMMENT_KEY).cloned().unwrap_or_default();
    lines.text("评语", &remark(held), &remark(file));
    lines.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_says_where_it_parts_and_quotes_the_file_there() {
        let mut lines = Lines::new(false);
        let here = "一二三四五六七八九十".repeat(4);
        let mut file = here.clone();
        file.replace_range(
            file.char_indices().nth(20).map_or(0, |(i, _)| i)..,
            "新增的内容在这里",
        );
        lines.text("成果简介", &here, &file);
        assert_eq!(
            lines.lines,
            ["成果简介：本机 40 字 → 文件 28 字，自第 21 字起不同，文件为“…六七八九十新增的内容在这里”"]
        );
        // Short texts are quoted whole; equal ones say nothing.
        let mut lines = Lines::new(false);
        lines.text("评语", "好", "较好");
        lines.text("评语", "同", "同");
        assert_eq!(lines.lines, ["评语：本机 “好” → 文件 “较好”"]);
        // In a 冲突 neither side is the newer: no arrow.
        let mut lines = Lines::new(true);
        lines.text("评语", "好", "较好");
        lines.count("整改进展", 0, 1, true);
        assert_eq!(
            lines.lines,
            [
                "评语：本机 “好”，文件 “较好”",
                "整改进展：本机 0 条，文件 1 条"
            ]
        );
        // A list's entries on one side only are each said, long ones cut.
        let mut lines = Lines::new(false);
        let long = "很".repeat(40);
        lines.items(
            "整改进展",
            &["甲", "乙"],
            &["甲", "丙", long.as_str()],
            |x| x.to_string(),
        );
        assert_eq!(
            lines.lines,
            [
                format!("文件中有、本机没有的整改进展：“丙”；“{}…”", "很".repeat(30)),
                "本机有、文件中没有的整改进展：“乙”".to_string()
            ]
        );
        // The same entry with another field changed is one changed entry (a clerk read
        // an activity whose 成效 was filled in as added and deleted).
        let mut lines = Lines::new(false);
        lines.items(
            "结对活动",
            &[("2025-08-20 互学互访", ""), ("2025-09-01 共建", "")],
            &[
                ("2025-08-20 互学互访", "形成清单3项"),
                ("2025-10-01 新活动", ""),
            ],
            |x| x.0.to_string(),
        );
        assert_eq!(
            lines.lines,
            [
                "有改动的结对活动：“2025-08-20 互学互访”",
                "文件中有、本机没有的结对活动：“2025-10-01 新活动”",
                "本机有、文件中没有的结对活动：“2025-09-01 共建”"
            ]
        );
    }

    #[test]
    fn a_changed_activity_says_which_of_its_fields_changed() {
        let activity = |participants: &str, result: &str| PairingActivity {
            date: "2026-11-20".into(),
            title: "联合开展主题党日".into(),
            note: String::new(),
            form: ActivityForm::JointStudy,
            participants: participants.into(),
            result: result.into(),
        };
        let here = [activity("双方党员28人", "")];
        let file = [activity("双方党员30人", "")];
        let mut lines = Lines::new(false);
        activity_changes(&mut lines, &here, &file);
        assert_eq!(
            lines.lines,
            ["结对活动“2026-11-20 联合开展主题党日”的参加人员：本机 “双方党员28人” → 文件 “双方党员30人”"]
        );
        // The same activity on both sides: nothing said.
        let mut lines = Lines::new(false);
        activity_changes(&mut lines, &here, &here);
        assert!(lines.lines.is_empty());
    }
}

#[cfg(test)]
mod text_line_tests {
    use super::Lines;

    /// A clerk's review: an empty note given a long one read 本机 0 字…自第 1 字起不同,
    /// as if something had been overwritten; a short one read 本机 空.
    #[test]
    fn an_empty_side_is_said_as_empty_whatever_the_others_length() {
        let long = "2026年党组会议纪要第3期、第7期，记载专题研究示范点创建工作的议题和决定事项";
        let mut out = Lines::new(false);
        out.text("佐证说明", "", long);
        assert_eq!(out.lines.len(), 1);
        assert!(
            out.lines[0].starts_with("佐证说明：本机 空 → 文件 “2026年党组会议纪要"),
            "{}",
            out.lines[0]
        );
        assert!(out.lines[0].ends_with("…”"), "{}", out.lines[0]);
        let mut out = Lines::new(false);
        out.text("佐证说明", long, "");
        assert!(out.lines[0].ends_with("→ 文件 空"), "{}", out.lines[0]);
    }
}
