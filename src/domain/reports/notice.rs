//! The year's 通报, drafted from the year's figures in the form of an official notice:
//! title, 主送, 一、基本情况 二、考评结果 三、动态管理 四、存在的问题 五、下一步工作,
//! 落款 and date. The committee's own paragraphs ([`NoticeText`]) are kept with the
//! year. Printed matter a unit sees: the types are never named by the committee's
//! internal words.

use thiserror::Error;

use super::figures::{ChangeKind, YearFigures};
use super::problems::{days_text, FiveProblems};
use crate::domain::dates::parse_date;
use crate::domain::model::*;
use crate::domain::report::RoundReport;

/// Why the 通报 text was not saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NoticeError {
    #[error("成文日期“{0}”不是有效日期，请按“2026-12-31”的格式填写。")]
    BadDate(String),
    #[error("成文日期 {date} 与{year}年度通报不符：应在{year}年内或{next}年上半年（通报总结的是{year}年度）。")]
    DateOutsideYear { date: String, year: u16, next: u16 },
    #[error("成文日期 {date} 早于通报中写到的 {event}，通报不能在它所写的事情之前成文；请核对成文日期。")]
    BeforeItsEvents { date: String, event: String },
    #[error("成文日期 {date} 晚于今天，请核对年份和月份（通报按成文的那一天说明情况）。")]
    InFuture { date: String },
    #[error("发文字号「{doc_no}」的年份 {doc_year} 与成文日期 {date} 不符：发文字号按成文的年份编号，请核对发文字号或成文日期。")]
    DocNoYear {
        doc_no: String,
        doc_year: i32,
        date: String,
    },
}

/// The labels of the 通报 form's fields (also their accessible names), which a
/// refusal marks.
pub mod labels {
    pub const DOC_NO: &str = "发文字号";
    pub const DATE: &str = "成文日期";
}

impl crate::domain::problems::FieldsAt for NoticeError {
    fn fields(&self) -> Vec<String> {
        match self {
            NoticeError::DocNoYear { .. } => vec![labels::DOC_NO.into(), labels::DATE.into()],
            _ => vec![labels::DATE.into()],
        }
    }
}

/// One numbered part of the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoticeSection {
    /// e.g. "一、基本情况".
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The whole notice, ready to print or write to .docx.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    pub year: u16,
    /// 草稿：… while the year's results are not the published ones
    /// (`publishing::draft_mark`), printed above everything; empty: final.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft: String,
    /// 发文字号, centred above the title; empty: none.
    #[serde(default)]
    pub doc_no: String,
    pub title: String,
    /// 主送 with its colon, e.g. "各基层党组织：".
    pub recipients: String,
    /// The opening paragraph.
    pub opening: String,
    pub sections: Vec<NoticeSection>,
    pub signer: String,
    /// 成文日期 as written: "2026年12月1日".
    pub date: String,
}

/// The default 主送.
pub const DEFAULT_RECIPIENTS: &str = "各基层党组织";
/// The default 落款.
pub const DEFAULT_SIGNER: &str = "中共市直机关工作委员会";
/// The 落款 of the committee's papers of `year`: the one it set last for a 通报 of that
/// year or before, else [`DEFAULT_SIGNER`].
pub fn signer_of_year(state: &AppState, year: u16) -> String {
    state
        .notices
        .iter()
        .filter(|n| n.year <= year && !n.signer.trim().is_empty())
        .max_by_key(|n| n.year)
        .map_or_else(
            || DEFAULT_SIGNER.to_string(),
            |n| n.signer.trim().to_string(),
        )
}

/// How the body of a paper signed `signer` names the committee: 市直机关工委 under the
/// default 落款, else the 落款 without its leading 中共 (a body renamed in the 落款 is
/// not left named the old way in the text).
pub fn body_name(signer: &str) -> String {
    let signer = signer.trim();
    if signer.is_empty() || signer == DEFAULT_SIGNER {
        "市直机关工委".to_string()
    } else {
        signer.strip_prefix("中共").unwrap_or(signer).to_string()
    }
}

/// The default 五、下一步工作, one paragraph per line.
pub const DEFAULT_NEXT_STEPS: &str = "（一）抓好整改落实。各单位要对照考评结果和存在的问题，逐项制定整改措施，明确责任人和时限，确保按期整改到位。\n（二）加强经验提炼。各示范点要及时总结提炼创建经验，按要求报送成果备案，推动好经验好做法在本系统和市直机关推广。\n（三）发挥示范带动作用。各示范点要用好结对共建机制，定期开展联学联建活动，做到“创建一个、成功一个、带动一片”。";

/// The default 五、下一步工作 of a year without a round: no 考评结果 to act on.
pub const DEFAULT_NEXT_STEPS_NO_ROUND: &str = "（一）抓好整改落实。各单位要对照存在的问题，逐项制定整改措施，明确责任人和时限，确保按期整改到位。\n（二）加强经验提炼。各示范点要及时总结提炼创建经验，按要求报送成果备案，推动好经验好做法在本系统和市直机关推广。\n（三）发挥示范带动作用。各示范点要用好结对共建机制，定期开展联学联建活动，做到“创建一个、成功一个、带动一片”。";

/// The 下一步工作 a year's 通报 starts from: about 考评结果 only when the year has a round.
pub fn default_next_steps(state: &AppState, year: u16) -> &'static str {
    if super::round_of_year(state, year).is_some() {
        DEFAULT_NEXT_STEPS
    } else {
        DEFAULT_NEXT_STEPS_NO_ROUND
    }
}

/// The numbers of a 通报's parts, in order.
const SECTION_NUMBERS: [&str; 5] = ["一", "二", "三", "四", "五"];

/// The stored text of a year, or an empty one for that year.
pub fn notice_text(state: &AppState, year: u16) -> NoticeText {
    state
        .notices
        .iter()
        .find(|n| n.year == year)
        .cloned()
        .unwrap_or(NoticeText {
            year,
            ..NoticeText::default()
        })
}

/// The year's 通报 as the data and the committee's text draft it on `today`.
pub fn notice_of_year(state: &AppState, year: u16, today: &str) -> Notice {
    let report = super::report_of_year(state, year);
    let five = super::problems::five_problems(state, year, today, report.as_ref());
    let figures = super::figures::year_figures(state, year, today, report.as_ref());
    build_notice(state, report.as_ref(), &figures, &five)
}

/// Keeps, with the year's saved text, the 通报 as it reads now (`NoticeText::saved_body`).
pub fn keep_saved_body(state: &mut AppState, year: u16, today: &str) {
    let body = notice_of_year(state, year, today).body_text();
    if let Some(t) = state.notices.iter_mut().find(|n| n.year == year) {
        t.saved_body = body;
    }
}

/// The lines of `notice` (the year's 通报 as it reads now) that were not in it when its
/// text was saved, with when that was: the data changed since. `None` when the text was
/// never saved with its body, or nothing reads otherwise.
pub fn changed_since_saved(state: &AppState, notice: &Notice) -> Option<(String, Vec<String>)> {
    let t = state.notices.iter().find(|n| n.year == notice.year)?;
    if t.saved_body.is_empty() {
        return None;
    }
    let now = notice.body_text();
    let changed: Vec<String> = now
        .iter()
        .filter(|l| !t.saved_body.contains(l))
        .cloned()
        .collect();
    let gone = t.saved_body.iter().any(|l| !now.contains(l));
    (!changed.is_empty() || gone).then(|| (t.meta.updated.clone(), changed))
}

/// Keeps the committee's text of a year (replacing the year's earlier text). `now` is
/// the time recorded, `today` the local date a 成文日期 may not pass.
pub fn set_notice_text(
    state: &mut AppState,
    mut text: NoticeText,
    now: &str,
    today: &str,
) -> Result<(), NoticeError> {
    text.date = text.date.trim().to_string();
    if !text.date.is_empty() {
        let Some(d) = parse_date(&text.date) else {
            return Err(NoticeError::BadDate(text.date));
        };
        // A year's 通报 is written in that year or in the first half of the next.
        let year = i32::from(text.year);
        if d.year != year && !(d.year == year + 1 && d.month <= 6) {
            return Err(NoticeError::DateOutsideYear {
                date: text.date,
                year: text.year,
                next: text.year.saturating_add(1),
            });
        }
        // Nor before the last change of the year it reports (三、动态管理).
        let figures = super::figures::year_figures(state, text.year, now, None);
        if let Some(last) = figures
            .changes
            .iter()
            .filter(|c| !c.date.is_empty())
            .max_by(|a, b| a.date.cmp(&b.date))
            .filter(|c| c.date.as_str() > text.date.as_str())
        {
            return Err(NoticeError::BeforeItsEvents {
                date: text.date,
                event: format!("{} {}（{}）", last.date, last.kind.label(), last.name),
            });
        }
        // Nor before the results it announces were published, nor after today: its
        // figures are counted as of the day it is written (a clerk's review: 12-31 was
        // saved on 12-07, beside 目前…逾期5项 counted that day).
        let published = super::round_of_year(state, text.year)
            .and_then(|r| r.publication.as_ref())
            .and_then(|p| p.at.get(..10));
        if let Some(day) = published.filter(|d| *d > text.date.as_str()) {
            return Err(NoticeError::BeforeItsEvents {
                date: text.date,
                event: format!("{day} 发布{}年度考评结果", text.year),
            });
        }
        if parse_date(today).is_some() && text.date.as_str() > today {
            return Err(NoticeError::InFuture { date: text.date });
        }
    }
    // 市直工委〔2027〕3号 is numbered in the year it is written (成文日期, or the date the
    // 通报 takes by default).
    if let Some(doc_year) = crate::domain::typed::doc_no_year(&text.doc_no) {
        let date = if text.date.is_empty() {
            default_written_on(text.year, now)
        } else {
            text.date.clone()
        };
        if parse_date(&date).is_some_and(|d| d.year != doc_year) {
            return Err(NoticeError::DocNoYear {
                doc_no: text.doc_no.trim().to_string(),
                doc_year,
                date,
            });
        }
    }
    let meta = state
        .notices
        .iter()
        .find(|n| n.year == text.year)
        .map(|n| n.meta.clone())
        .unwrap_or_default();
    text.meta = meta;
    text.meta.touch(now, "committee");
    state.notices.retain(|n| n.year != text.year);
    state.notices.push(text);
    state.notices.sort_by_key(|n| n.year);
    Ok(())
}

/// The 成文日期 a year's 通报 takes by default: today while that is a date the 通报 may
/// bear (in the year, or in the first half of the next, when a year's 通报 is usually
/// written); for a year further back, the year's last day.
pub fn default_written_on(year: u16, today: &str) -> Date {
    let today = today.get(..10).unwrap_or(today);
    let in_window = parse_date(today).is_some_and(|d| {
        let y = i32::from(year);
        d.year == y || (d.year == y + 1 && d.month <= 6)
    });
    if in_window {
        today.to_string()
    } else {
        format!("{year:04}-12-31")
    }
}

/// A date as a 成文日期: "2026年12月1日" (GB/T 9704: Arabic numerals, no leading zeros).
pub fn written_date(date: &str) -> String {
    match parse_date(date) {
        Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
        None => date.to_string(),
    }
}

/// Where the 落款 and the 成文日期 stand: their right indents, in characters of the body
/// size (GB/T 9704-2012 7.3.5.2, a document without a seal). The signer is 右空二字 and
/// the date, on the next line, starts two characters right of the signer's first; a
/// date too long for that stays 右空二字 and the signer moves left instead. Digits and
/// other ASCII count half a character.
pub fn closing_indents(signer: &str, date: &str) -> (f64, f64) {
    let width = |s: &str| -> f64 {
        s.trim()
            .chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    };
    let (signer, date) = (width(signer), width(date));
    if signer - date >= 2.0 {
        (2.0, signer - date)
    } else {
        (4.0 + date - signer, 2.0)
    }
}

fn or_default(text: &str, default: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        default.to_string()
    } else {
        t.to_string()
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Drafts the notice of a year from its figures and the committee's text.
pub fn build_notice(
    state: &AppState,
    report: Option<&RoundReport>,
    figures: &YearFigures,
    five: &FiveProblems,
) -> Notice {
    let year = figures.year;
    let text = notice_text(state, year);
    // A year without a round has no 考评结果 to report: that part is left out, the
    // others numbered on, and the title and default 下一步工作 speak of 建设 (a clerk's
    // review: it read as a 考评 通报 listing 优秀等次：无 and the rest).
    let mut sections = vec![situation(report, figures, &text)];
    if report.is_some() {
        sections.push(results(figures));
    }
    sections.push(lifecycle(figures));
    sections.push(problems(five, &text));
    let default_next = if report.is_some() {
        DEFAULT_NEXT_STEPS
    } else {
        DEFAULT_NEXT_STEPS_NO_ROUND
    };
    sections.push(NoticeSection {
        heading: "五、下一步工作".to_string(),
        paragraphs: lines(&or_default(&text.next_steps, default_next)),
    });
    for (i, s) in sections.iter_mut().enumerate() {
        let name = s
            .heading
            .split_once('、')
            .map_or(s.heading.as_str(), |(_, n)| n);
        s.heading = format!("{}、{name}", SECTION_NUMBERS.get(i).copied().unwrap_or(""));
    }
    let draft = super::round_of_year(state, year)
        .and_then(|r| crate::domain::publishing::draft_mark(r, report.map(|x| &x.results)))
        .unwrap_or_default()
        .to_string();
    Notice {
        year,
        draft,
        doc_no: text.doc_no.trim().to_string(),
        title: if report.is_some() {
            format!("关于{year}年度基层党建示范点考评情况的通报")
        } else {
            format!("关于{year}年度基层党建示范点建设情况的通报")
        },
        recipients: format!(
            "{}：",
            or_default(&text.recipients, DEFAULT_RECIPIENTS).trim_end_matches('：')
        ),
        // A year without a round has no 考评工作 to speak of.
        opening: if report.is_some() {
            format!(
                "根据《示范点考评办法》和《考核管理暂行办法》，{}组织开展了{year}年度基层党建示范点考评工作。现将有关情况通报如下。",
                body_name(&or_default(&text.signer, DEFAULT_SIGNER))
            )
        } else {
            format!(
                "根据《示范点考评办法》和《考核管理暂行办法》，现将{year}年度基层党建示范点建设有关情况通报如下（本年度未开展考评）。"
            )
        },
        sections,
        signer: or_default(&text.signer, DEFAULT_SIGNER),
        date: written_date(&or_default(&text.date, &figures.written_on)),
    }
}

fn situation(report: Option<&RoundReport>, f: &YearFigures, text: &NoticeText) -> NoticeSection {
    let [candidate, named, warned, _, _] = f.status_counts;
    // A past year speaks of its end, not of today.
    let when = as_of(f);
    let mut p = vec![format!(
        "{when}，全市共有基层党建示范点和创建单位{}个，其中已授牌示范点{named}个、创建单位{candidate}个、警示{warned}个。",
        candidate + named + warned
    )];
    match report {
        Some(r) => {
            // A unit graded and since 摘牌 or 退出 is not among the sites counted above;
            // the sentence splits the graded count itself (a clerk's review: "不在上述39个
            // 之内" beside 40 graded could not be squared, a site not graded being among
            // the 39).
            let departed = match f.departed_graded {
                0 => String::new(),
                k => format!(
                    "（其中{}个为现有示范点和创建单位，另有{k}个单位已摘牌或退出）",
                    r.graded_count().saturating_sub(k)
                ),
            };
            // Self-assessment is named only when it counts in the totals.
            let method = if r.self_weight_pct == 0 {
                "采取评委实地考察评分的方式进行".to_string()
            } else {
                format!(
                    "采取单位自评（占{}%）与评委实地考察评分相结合的方式进行",
                    r.self_weight_pct
                )
            };
            p.push(format!(
                "本年度考评共对{}个单位进行了评定{departed}，{method}。本年度登记成果{}项，其中认定为创新成果{}项。",
                r.graded_count(),
                f.outcomes.total,
                f.outcomes.recognised
            ))
        }
        // The recognised count is the year's fact, round or no round (a clerk's review).
        None => p.push(format!(
            "本年度尚未进行考评评定。本年度登记成果{}项，其中认定为创新成果{}项。",
            f.outcomes.total, f.outcomes.recognised
        )),
    }
    p.extend(lines(&text.situation));
    NoticeSection {
        heading: "一、基本情况".to_string(),
        paragraphs: p,
    }
}

/// When the figures stand, as the 通报 says it: 截至2025年底 for a past year, 目前 else.
fn as_of(f: &YearFigures) -> String {
    if f.reference == format!("{:04}-12-31", f.year) {
        format!("截至{}年底", f.year)
    } else {
        "目前".to_string()
    }
}

fn results(f: &YearFigures) -> NoticeSection {
    let paragraphs = Grade::ALL
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let names = &f.grade_units[i];
            if names.is_empty() {
                format!("{}等次：无。", g.label())
            } else {
                format!(
                    "{}等次（{}个）：{}。",
                    g.label(),
                    names.len(),
                    names.join("、")
                )
            }
        })
        .collect();
    NoticeSection {
        heading: "二、考评结果".to_string(),
        paragraphs,
    }
}

fn lifecycle(f: &YearFigures) -> NoticeSection {
    let mut paragraphs = Vec::new();
    for kind in ChangeKind::ALL {
        let verb = kind.label();
        let of_kind: Vec<_> = f.changes.iter().filter(|c| c.kind == kind).collect();
        // 解除警示 is said only when there was one (most years have none). 入选培育
        // is said every year, as 报表 says it (a clerk's review: the 2025 通报 left
        // the line out, the 2026 one had it).
        if of_kind.is_empty() && kind == ChangeKind::Lifted {
            continue;
        }
        paragraphs.push(if of_kind.is_empty() {
            format!("本年度{verb}：无。")
        } else {
            format!(
                "本年度{verb}{}个：{}。",
                of_kind.len(),
                by_decision(&of_kind)
            )
        });
    }
    // Overdue rectification, as 报表 counts it (a clerk's review: the 通报 never said it).
    let when = as_of(f);
    let mut overdue = if f.overdue.is_empty() {
        format!("{when}，没有逾期未完成的整改事项。")
    } else {
        let units: std::collections::BTreeSet<&str> =
            f.overdue.iter().map(|l| l.unit_id.as_str()).collect();
        format!(
            "{when}，逾期未完成的整改事项{}项，涉及{}个单位。",
            f.overdue.len(),
            units.len()
        )
    };
    // Reported done past the deadline, not yet verified: not hidden in the figure above
    // (a clerk's review: one click on 标记已完成 made the overdue count smaller).
    if f.done_awaiting_closure > 0 {
        overdue.push_str(&format!(
            "另有{}项已过整改期限、单位已报告完成，待核验后销号。",
            f.done_awaiting_closure
        ));
    }
    paragraphs.push(overdue);
    NoticeSection {
        heading: "三、动态管理".to_string(),
        paragraphs,
    }
}

/// The units of one kind of change, those of one decision together with its 文号 after
/// them, groups apart by `；`, and last those recorded without a 文号: `甲、乙（〔2026〕5号）；
/// 丙`. Listed one after another with the 文号 after each, a 文号 at the end of the line
/// read as if it covered every unit before it.
fn by_decision(changes: &[&super::figures::ChangeLine]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in changes.iter().filter(|c| !c.doc_no.is_empty()) {
        match groups.iter_mut().find(|(d, _)| *d == c.doc_no) {
            Some((_, names)) => names.push(&c.name),
            None => groups.push((&c.doc_no, vec![&c.name])),
        }
    }
    let mut parts: Vec<String> = groups
        .into_iter()
        .map(|(doc, names)| format!("{}（{doc}）", names.join("、")))
        .collect();
    let plain: Vec<&str> = changes
        .iter()
        .filter(|c| c.doc_no.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    if !plain.is_empty() {
        parts.push(plain.join("、"));
    }
    parts.join("；")
}

/// The notice's sentence on units left out of 进展不平衡's figures.
fn not_counted(incomplete: usize) -> String {
    if incomplete == 0 {
        String::new()
    } else {
        format!("另有{incomplete}个单位评分尚未完成，未计入上述统计。")
    }
}

fn problems(five: &FiveProblems, text: &NoticeText) -> NoticeSection {
    let u = &five.uneven;
    let mut p = vec![match u.spread {
        Some(s) => format!(
            "（一）进展不平衡。本年度考评总分最高与最低相差{s}分；需在持续创新、联系实际和示范带动上下功夫的二类、三类单位{}个，占参评单位的{}%。{}",
            u.lagging,
            u.lagging_pct.unwrap_or(0),
            not_counted(u.incomplete)
        ),
        None if u.incomplete > 0 => format!(
            "（一）进展不平衡。本年度考评评分尚未完成。{}",
            not_counted(u.incomplete)
        ),
        None => "（一）进展不平衡。本年度尚无考评结果。".to_string(),
    }];
    let nd = &five.not_dug;
    let new_units = match nd.new_this_year {
        0 => String::new(),
        k => format!("本年度新入选的{k}个单位不计入。"),
    };
    p.push(if nd.any_filed && nd.without.is_empty() {
        // Said as it is: 0个单位…占0% reads oddly in an official document.
        if nd.sites == 0 && nd.new_this_year == 0 {
            "（二）经验挖掘不够。本年度尚无在册单位。".to_string()
        } else if nd.sites == 0 {
            "（二）经验挖掘不够。本年度的单位均为新入选，不作统计。".to_string()
        } else {
            format!("（二）经验挖掘不够。本年度各单位均有成果备案。{new_units}")
        }
    } else if nd.any_filed {
        format!(
            "（二）经验挖掘不够。{}个单位本年度没有成果备案，占{}%。{new_units}",
            nd.without.len(),
            super::percent(nd.without.len(), nd.sites).unwrap_or(0)
        )
    } else {
        "（二）经验挖掘不够。本年度没有成果备案记录。".to_string()
    });
    let r = &five.radiation;
    let demo = r.demo_rate.map_or(String::new(), |d| {
        format!("；示范带动类指标平均得分率为{d}%")
    });
    // No pairing at all is not "0 idle": it is said as it is.
    p.push(if r.pairings == 0 {
        format!("（三）辐射带动不强。尚无正在开展的结对{demo}。")
    } else {
        format!(
            "（三）辐射带动不强。{}个结对中有{}个超过{}个月没有开展活动{demo}。",
            r.pairings,
            r.idle.len(),
            r.months
        )
    });
    let g = &five.guidance;
    p.push(if g.any_visit {
        format!(
            "（四）指导不够有力。{}个单位超过{}个月没有接受督导或指导。",
            g.unvisited.len(),
            g.months
        )
    } else {
        "（四）指导不够有力。尚无督导或指导记录。".to_string()
    });
    let pr = &five.promotion;
    p.push(match (pr.median, pr.longest) {
        (Some(m), Some(l)) => format!(
            "（五）推广滞后。本年度推介到市直机关的{}项成果，从反馈到推介用时中位数为{}天，最长{l}天。",
            pr.days.len(),
            days_text(m)
        ),
        _ => "（五）推广滞后。本年度没有成果推介到市直机关。".to_string(),
    });
    p.extend(lines(&text.problems));
    NoticeSection {
        heading: "四、存在的问题".to_string(),
        paragraphs: p,
    }
}

impl Notice {
    /// Every line of the notice in reading order (for plain-text checks and the .docx).
    /// [`all_text`](Self::all_text) without the 草稿 mark: what publishing does not
    /// change.
    pub fn body_text(&self) -> Vec<String> {
        let mut v = self.all_text();
        if !self.draft.is_empty() {
            v.remove(0);
        }
        v
    }

    pub fn all_text(&self) -> Vec<String> {
        let mut v: Vec<String> = [&self.draft, &self.doc_no]
            .into_iter()
            .filter(|x| !x.is_empty())
            .cloned()
            .collect();
        v.extend([
            self.title.clone(),
            self.recipients.clone(),
            self.opening.clone(),
        ]);
        for s in &self.sections {
            v.push(s.heading.clone());
            v.extend(s.paragraphs.iter().cloned());
        }
        v.push(self.signer.clone());
        v.push(self.date.clone());
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_past_years_notice_is_dated_today_while_it_may_be() {
        // The year running, and the first half of the next: today.
        assert_eq!(default_written_on(2026, "2026-12-04"), "2026-12-04");
        assert_eq!(default_written_on(2025, "2026-01-15"), "2026-01-15");
        assert_eq!(
            default_written_on(2025, "2026-06-30T10:00:00+08:00"),
            "2026-06-30"
        );
        // Later than a 通报 of that year may be dated (see `set_notice_text`): its last day.
        assert_eq!(default_written_on(2025, "2026-07-01"), "2025-12-31");
        assert_eq!(default_written_on(2023, "2026-12-04"), "2023-12-31");
        // Always a date `set_notice_text` accepts for the year.
        for (year, today) in [
            (2025, "2026-03-01"),
            (2023, "2026-12-04"),
            (2026, "2026-02-02"),
        ] {
            let mut st = AppState::default();
            let text = NoticeText {
                year,
                date: default_written_on(year, today),
                ..NoticeText::default()
            };
            assert!(set_notice_text(&mut st, text, "2026-12-04T09:00:00Z", "2026-12-04").is_ok());
        }
    }

    #[test]
    fn the_date_starts_two_characters_right_of_the_signer() {
        // The default 落款 (11 characters) over a date of 7 (digits count half): the
        // signer 右空二字, the date 右空四字, as before.
        assert_eq!(
            closing_indents(DEFAULT_SIGNER, "2026年12月20日"),
            (2.0, 4.0)
        );
        // A longer 落款: the date moves left with its first character.
        let (s, d) = closing_indents("中共某某市直属机关工作委员会", "2026年12月3日");
        assert_eq!(s, 2.0);
        assert_eq!(d, 14.0 - 6.5);
        // A short one: the date stays 右空二字 and the signer moves left.
        assert_eq!(closing_indents("市委", "2026年12月20日"), (9.0, 2.0));
        // Either way the date's first character is two right of the signer's:
        // start = width − indent − length.
        for (signer, date) in [
            ("中共市直机关工委", "2027年1月5日"),
            ("市委", "2026年12月20日"),
        ] {
            let (s, d) = closing_indents(signer, date);
            let len = |t: &str| -> f64 {
                t.chars()
                    .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                    .sum()
            };
            assert_eq!(
                (-d - len(date)) - (-s - len(signer)),
                2.0,
                "{signer} / {date}"
            );
        }
    }
}
