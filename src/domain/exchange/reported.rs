//! What a unit reports in its return passes the rules the committee's own forms apply
//! to the same entry: no date after the importing clerk's today, no 结对活动 before its
//! pairing began, no 保障投入 for a year to come, from before the unit entered or of
//! another year than the round's (nor an area for premises it says it has not), no 佐证说明 longer than the form takes, and
//! no record of a 整改期限 moved or a 销号 withdrawn (those the committee's own steps
//! write), nothing dated after the unit left (退出, 摘牌) or after its pairing ended.
//! A 整改进展 dated before the 督导 or 警示 that found the problem is left out, said
//! (the copy cannot check it nor take it back).
//! Only what is new in the file is judged: an entry already held here stands.
//! Amounts so large they were probably typed in 元 are said as warnings, as the forms
//! ask about them.

use super::error::ExchangeError;
use super::records::{find, Rec};
use crate::domain::between_rounds::resources::large_amounts;
use crate::domain::between_rounds::TEXT_MAX;
use crate::domain::dates::{format_date, parse_date, Ymd};
use crate::domain::focused::EVIDENCE_NOTE_MAX;
use crate::domain::model::*;
use crate::domain::outcomes::{corner_quoted, departure_word};

/// Leaves out of a unit's return each new 整改进展 dated before the 督导 or 警示 that
/// found the problem, and says so: the committee's form refuses such a date, but the
/// copy holds no visits to check it by, and cannot correct or delete a progress note
/// once recorded. Taken in, it left the visit unsavable and the item in an earlier year
/// (a clerk's review); refusing the file would refuse every later return too (a
/// re-test). The rest of the file comes in.
pub fn leave_out_progress_before_found(
    state: &AppState,
    recs: &mut [Rec],
    sender: &str,
) -> Vec<String> {
    let mut said = Vec::new();
    for rec in recs.iter_mut() {
        let Rec::Rectification(r) = rec else {
            continue;
        };
        let Some((found, by)) =
            crate::domain::between_rounds::rectification::found_on(state, &r.id)
        else {
            continue;
        };
        let held = state.rectifications.iter().find(|h| h.id == r.id);
        let early: Vec<ProgressNote> = r
            .progress
            .iter()
            .filter(|n| n.kind == NoteKind::Progress && n.date < found)
            .filter(|n| !held.is_some_and(|h| h.progress.contains(n)))
            .cloned()
            .collect();
        if early.is_empty() {
            continue;
        }
        r.progress.retain(|n| !early.contains(n));
        for n in early {
            said.push(format!(
                "{sender}报送的整改事项「{}」有一条整改进展日期 {}，早于{by}（{found}），没有导入，其余内容照常导入；请告知对方核对这条进展（对方副本中的这条进展以后报送时仍会带来，仍不导入）",
                r.description, n.date
            ));
        }
    }
    said
}

/// What the return was sent for: the round's year, and the revision of each record as
/// the committee sent it (its key to its revision).
pub struct ReportScope<'a> {
    pub round_year: u16,
    pub sent: &'a std::collections::BTreeMap<String, u32>,
}

/// Checks the records of a unit's return (after [`super::ownership::check_ownership`])
/// against the forms' rules, `today` being the importing clerk's date (`None`: dates
/// are not bounded). Returns the warnings to show; refuses the file naming every entry
/// no form would take, so that the unit puts them all right at once.
pub fn check_reported(
    state: &AppState,
    recs: &[Rec],
    today: Option<Ymd>,
    sender: &str,
    scope: &ReportScope,
) -> Result<Vec<String>, ExchangeError> {
    let mut problems: Vec<String> = Vec::new();
    // After today: most likely the unit's computer clock, said so.
    let ahead = |date: &str| {
        today
            .zip(parse_date(date))
            .filter(|(t, d)| d > t)
            .map(|(t, _)| format!("晚于今天（{}），可能是对方电脑的日期不对", format_date(t)))
    };
    let mut warnings = Vec::new();
    for rec in recs {
        let held = find(state, rec);
        match (rec, held.as_ref()) {
            (Rec::Outcome(o), held) => {
                if matches!(held, Some(Rec::Outcome(h)) if h.date == o.date) {
                    continue;
                }
                let what = format!("成果{}的日期 {}", corner_quoted(&o.title), o.date);
                let entered = state.unit(&o.unit_id).map(|u| u.entered_year);
                if let Some(why) = ahead(&o.date) {
                    problems.push(format!("{what} {why}"));
                } else if let Some(y) = entered.filter(|y| {
                    o.date.as_str() < crate::domain::between_rounds::entry_start(*y).as_str()
                }) {
                    problems.push(format!("{what} 早于本单位的入选年份 {y}"));
                } else if let Some(h) = state.unit(&o.unit_id).and_then(|u| u.departure_by(&o.date))
                {
                    problems.push(format!(
                        "{what} 在本单位{}（{}）之后",
                        departure_word(h.to),
                        h.date
                    ));
                }
            }
            (Rec::Pairing(p), held) => {
                let before: &[PairingActivity] = match held {
                    Some(Rec::Pairing(h)) => &h.activities,
                    _ => &[],
                };
                for a in p.activities.iter().filter(|a| !before.contains(a)) {
                    let what = format!(
                        "结对「{}」的活动「{}」日期 {}",
                        p.partner_name, a.title, a.date
                    );
                    if let Some(why) = ahead(&a.date) {
                        problems.push(format!("{what} {why}"));
                    } else if parse_date(&a.date) < parse_date(&p.start) {
                        problems.push(format!("{what} 早于结对开始日期 {}", p.start));
                    } else if let Some(end) = p.ended_on.as_deref().filter(|e| a.date.as_str() > *e)
                    {
                        problems.push(format!("{what} 晚于结对结束日期 {end}"));
                    }
                }
            }
            (Rec::Rectification(r), held) => {
                let before: &[ProgressNote] = match held {
                    Some(Rec::Rectification(h)) => &h.progress,
                    _ => &[],
                };
                let item = format!("整改事项「{}」", r.description);
                for n in r.progress.iter().filter(|n| !before.contains(n)) {
                    if n.kind != NoteKind::Progress {
                        problems.push(format!(
                            "{item}有一条{}的记录（{}）：这种记录由工委办理时生成，单位只能报送整改进展",
                            match n.kind {
                                NoteKind::Deadline => "调整整改期限",
                                _ => "撤销销号",
                            },
                            n.date
                        ));
                    } else if let Some(why) = ahead(&n.date) {
                        problems.push(format!("{item}的整改进展日期 {} {why}", n.date));
                    } else if let Some(u) = state.unit(&r.unit_id).filter(|u| {
                        n.date.as_str()
                            < crate::domain::between_rounds::entry_start(u.entered_year).as_str()
                    }) {
                        problems.push(format!(
                            "{item}的整改进展日期 {} 早于本单位的入选年份 {}",
                            n.date, u.entered_year
                        ));
                    }
                    let count = n.note.trim().chars().count();
                    if count > TEXT_MAX {
                        problems.push(format!(
                            "{item}有一条整改进展 {count} 字，超过每条 {TEXT_MAX} 字的上限"
                        ));
                    }
                }
            }
            (Rec::Resource(e), held) => {
                if matches!(held, Some(Rec::Resource(h)) if h == e) {
                    continue;
                }
                let what = format!("{} 年的保障投入", e.year);
                // A unit's copy asks for its round's year only: another year's entry,
                // new or changed since it was sent, was not made by its form (a
                // clerk's review: an edited backup rewrote 2025's figures).
                let sent = scope.sent.get(&rec.key());
                let by_sender = held.is_none() || sent.is_none_or(|b| e.meta.rev > *b);
                if by_sender && e.year != scope.round_year {
                    problems.push(format!(
                        "{what}不是本轮（{}年度）的：单位只报送本轮年度的保障投入，其他年度的由工委登记",
                        scope.round_year
                    ));
                }
                if let Some(t) = today.filter(|t| i32::from(e.year) > t.year) {
                    problems.push(format!(
                        "{what}还没有到（今天是 {}），可能是对方电脑的日期不对",
                        format_date(t)
                    ));
                }
                if let Some(u) = state.unit(&e.unit_id).filter(|u| e.year < u.entered_year) {
                    problems.push(format!("{what}早于本单位的入选年份 {}", u.entered_year));
                }
                if !e.premises && e.premises_area > 0 {
                    problems.push(format!(
                        "{what}阵地为“无”，却写了阵地面积 {} 平方米",
                        e.premises_area
                    ));
                }
                let big = large_amounts(e);
                if !big.is_empty() {
                    warnings.push(format!(
                        "{sender}{} 年的保障投入：{}，数额很大，是不是按“元”填写了？请与对方核对（按万元填写）",
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
                    problems.push(format!(
                        "有一条佐证说明 {} 字，超过每项 {EVIDENCE_NOTE_MAX} 字的上限",
                        v.chars().count()
                    ));
                }
            }
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(warnings)
    } else {
        Err(ExchangeError::ReportRefused {
            sender: sender.to_string(),
            count: problems.len(),
            what: problems.join("；"),
        })
    }
}
