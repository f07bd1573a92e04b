//! What a unit reports in its return passes the rules the committee's own forms apply
//! to the same entry: no date after the importing clerk's today, no 结对活动 before its
//! pairing began, no 保障投入 for a year to come or from before the unit entered (nor an
//! area for premises it says it has not), no 佐证说明 longer than the form takes, and
//! no record of a 整改期限 moved or a 销号 withdrawn (those the committee's own steps
//! write). Only what is new in the file is judged: an entry already held here stands.
//! Amounts so large they were probably typed in 元 are said as warnings, as the forms
//! ask about them.

use super::error::ExchangeError;
use super::records::{find, Rec};
use crate::domain::between_rounds::resources::large_amounts;
use crate::domain::dates::{parse_date, Ymd};
use crate::domain::focused::EVIDENCE_NOTE_MAX;
use crate::domain::model::*;
use crate::domain::outcomes::corner_quoted;

/// `date`, said for a message (`2026-12-01`).
fn day(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Checks the records of a unit's return (after [`super::ownership::check_ownership`])
/// against the forms' rules, `today` being the importing clerk's date (`None`: dates
/// are not bounded). Returns the warnings to show; refuses the file on the first entry
/// no form would take, naming it.
pub fn check_reported(
    state: &AppState,
    recs: &[Rec],
    today: Option<Ymd>,
    sender: &str,
) -> Result<Vec<String>, ExchangeError> {
    let refused = |what: String| ExchangeError::ReportRefused {
        sender: sender.to_string(),
        what,
    };
    let ahead = |date: &str| {
        today
            .zip(parse_date(date))
            .filter(|(t, d)| d > t)
            .map(|(t, _)| day(t))
    };
    let mut warnings = Vec::new();
    for rec in recs {
        let held = find(state, rec);
        match (rec, held.as_ref()) {
            (Rec::Outcome(o), held) => {
                let same = matches!(held, Some(Rec::Outcome(h)) if h.date == o.date);
                if let Some(t) = ahead(&o.date).filter(|_| !same) {
                    return Err(refused(format!(
                        "成果{}的日期 {} 晚于今天（{t}）",
                        corner_quoted(&o.title),
                        o.date
                    )));
                }
            }
            (Rec::Pairing(p), held) => {
                let before: &[PairingActivity] = match held {
                    Some(Rec::Pairing(h)) => &h.activities,
                    _ => &[],
                };
                for a in p.activities.iter().filter(|a| !before.contains(a)) {
                    let what = |why: String| {
                        refused(format!(
                            "结对「{}」的活动「{}」日期 {} {why}",
                            p.partner_name, a.title, a.date
                        ))
                    };
                    if let Some(t) = ahead(&a.date) {
                        return Err(what(format!("晚于今天（{t}）")));
                    }
                    if parse_date(&a.date) < parse_date(&p.start) {
                        return Err(what(format!("早于结对开始日期 {}", p.start)));
                    }
                }
            }
            (Rec::Rectification(r), held) => {
                let before: &[ProgressNote] = match held {
                    Some(Rec::Rectification(h)) => &h.progress,
                    _ => &[],
                };
                let unit = state.unit(&r.unit_id).map_or("", |u| u.name.as_str());
                for n in r.progress.iter().filter(|n| !before.contains(n)) {
                    if n.kind != NoteKind::Progress {
                        return Err(refused(format!(
                            "单位「{unit}」的整改事项有一条{}的记录（{}）：这种记录由工委办理时生成，单位只能报送整改进展",
                            match n.kind {
                                NoteKind::Deadline => "调整整改期限",
                                _ => "撤销销号",
                            },
                            n.date
                        )));
                    }
                    if let Some(t) = ahead(&n.date) {
                        return Err(refused(format!(
                            "单位「{unit}」的整改进展日期 {} 晚于今天（{t}）",
                            n.date
                        )));
                    }
                }
            }
            (Rec::Resource(e), held) => {
                let same = matches!(held, Some(Rec::Resource(h)) if h == e);
                if same {
                    continue;
                }
                let unit = state.unit(&e.unit_id);
                let name = unit.map_or("", |u| u.name.as_str());
                if let Some(t) = today.filter(|t| i32::from(e.year) > t.year) {
                    return Err(refused(format!(
                        "单位「{name}」{} 年的保障投入还没有到（今天是 {}）",
                        e.year,
                        day(t)
                    )));
                }
                if let Some(u) = unit.filter(|u| e.year < u.entered_year) {
                    return Err(refused(format!(
                        "单位「{name}」{} 年的保障投入早于其入选年份 {}",
                        e.year, u.entered_year
                    )));
                }
                if !e.premises && e.premises_area > 0 {
                    return Err(refused(format!(
                        "单位「{name}」{} 年的保障投入阵地为“无”，却写了阵地面积 {} 平方米",
                        e.year, e.premises_area
                    )));
                }
                let big = large_amounts(e);
                if !big.is_empty() {
                    warnings.push(format!(
                        "单位「{name}」{} 年的保障投入：{}，数额很大，是不是按“元”填写了？请与对方核对（按万元填写）",
                        e.year,
                        big.join("、")
                    ));
                }
            }
            (Rec::Sheet { sheet, .. }, held) => {
                let before = match held {
                    Some(Rec::Sheet { sheet: h, .. }) => Some(&h.evidence),
                    _ => None,
                };
                let long = sheet.evidence.iter().find(|(k, v)| {
                    v.chars().count() > EVIDENCE_NOTE_MAX
                        && before.and_then(|b| b.get(*k)) != Some(*v)
                });
                if let Some((_, v)) = long {
                    return Err(refused(format!(
                        "有一条佐证说明 {} 字，超过每项 {EVIDENCE_NOTE_MAX} 字的上限",
                        v.chars().count()
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(warnings)
}
