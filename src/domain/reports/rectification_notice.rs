//! 整改通知: the notice the committee sends one unit listing its rectification items still
//! open, as an official document. It is the same [`Notice`] as the year's 通报, so it
//! prints on A4 and writes to .docx the same way. It says what is to be done and by
//! when; the committee's internal words (the problem categories, the unit's type) stay
//! on its own screens. A unit 摘牌 or 退出 is no longer a site and gets none.

use super::notice::{written_date, Notice, NoticeSection};
use crate::domain::between_rounds::rectification as rect;
use crate::domain::model::*;

/// The fixed 二、有关要求, naming the committee as its body text does
/// ([`body_name`](super::notice::body_name)).
fn requirements(signer: &str) -> Vec<String> {
    vec![
        "（一）请对照上述事项，逐项明确整改措施、责任人和完成时限，按期整改到位。".to_string(),
        format!(
            "（二）整改过程中请及时记录整改进展；事项整改完成后报告{}，经核实后销号。",
            super::notice::body_name(signer)
        ),
        "（三）逾期未完成整改的，将按照示范点动态管理的有关规定处理。".to_string(),
    ]
}

/// Why a unit gets no 整改通知; the message says it to the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoNotice {
    #[error("名册中没有这个单位，可能已被删除。")]
    NotOnRoster,
    #[error("「{0}」没有未完成的整改事项（未开始或整改中），不需要发整改通知。")]
    NothingOpen(String),
    /// 摘牌 or 退出: out of the programme; its open items (`open`) stay on 整改.
    #[error("「{name}」已{status}，不在示范点管理范围内，不发整改通知{}", open_items(*.open))]
    NotASite {
        name: String,
        status: &'static str,
        open: usize,
    },
}

fn open_items(open: usize) -> String {
    if open == 0 {
        "。".to_string()
    } else {
        format!("；其未完成的{open}项整改事项仍列在整改页面，可在那里办结。")
    }
}

/// The 整改通知 for `unit_id` on `today` (`YYYY-MM-DD`, its 成文日期): its open items
/// (未开始, 整改中), earliest deadline first, opening with the 警示 decision (its date
/// and 文号) when items come from one. None for a unit not on the roster, with nothing
/// open, or 摘牌/退出.
pub fn rectification_notice(
    state: &AppState,
    unit_id: &str,
    today: &str,
) -> Result<Notice, NoNotice> {
    let unit = state.unit(unit_id).ok_or(NoNotice::NotOnRoster)?;
    let mut items: Vec<&Rectification> = state
        .rectifications
        .iter()
        .filter(|r| r.unit_id == unit_id && r.status.is_open())
        .collect();
    if matches!(unit.status, UnitStatus::Delisted | UnitStatus::Withdrawn) {
        return Err(NoNotice::NotASite {
            name: unit.name.clone(),
            status: unit.status.label(),
            open: items.len(),
        });
    }
    if items.is_empty() {
        return Err(NoNotice::NothingOpen(unit.name.clone()));
    }
    items.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.id.cmp(&b.id)));
    let grounds = grounds(unit, &items);
    let year = crate::domain::dates::year_of(today)
        .and_then(|y| u16::try_from(y).ok())
        .unwrap_or_default();
    let signer = super::notice::signer_of_year(state, year);
    let paragraphs = items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut terms = vec![format!("整改期限：{}", written_date(&r.deadline))];
            if !r.owner.trim().is_empty() {
                terms.push(format!("责任人：{}", r.owner.trim()));
            }
            let late = rect::days_overdue(r, today);
            if late > 0 {
                terms.push(format!("已逾期{late}天，请抓紧整改"));
            }
            format!(
                "（{}）{}（{}）",
                ordinal(i + 1),
                r.description.trim(),
                terms.join("；")
            )
        })
        .collect();
    Ok(Notice {
        draft: String::new(),
        year,
        doc_no: String::new(),
        title: format!("关于{}抓好示范点建设问题整改的通知", unit.name),
        recipients: format!("{}：", unit.name),
        opening: format!(
            "根据{grounds}，现将你单位示范点建设需要整改的事项通知如下，请认真研究，抓好落实。"
        ),
        sections: vec![
            NoticeSection {
                heading: "一、整改事项".to_string(),
                paragraphs,
            },
            NoticeSection {
                heading: "二、有关要求".to_string(),
                paragraphs: requirements(&signer),
            },
        ],
        signer,
        date: written_date(today),
    })
}

/// What the notice rests on: the 警示 decision (when an item comes from one: the
/// latest, with its date and 文号) and where the other items were found, e.g.
/// "2026年3月5日对你单位示范点作出的警示决定（市直工委〔2026〕3号）和年度考评中发现的问题".
/// A unit never warned (an item marked 警示决定 by mistake) is not told of a decision
/// that was not made: such items count as found in 日常工作.
fn grounds(unit: &Unit, items: &[&Rectification]) -> String {
    let warned = unit.ever_warned();
    let mut found: Vec<&str> = Vec::new();
    for r in items {
        let said = match r.source {
            ProblemSource::Warning if warned => continue,
            ProblemSource::Warning => "日常工作",
            ProblemSource::Evaluation => "年度考评",
            ProblemSource::Visit => "督导检查",
            ProblemSource::Other => "日常工作",
        };
        if !found.contains(&said) {
            found.push(said);
        }
    }
    let warning = (warned && items.iter().any(|r| r.source == ProblemSource::Warning)).then(|| {
        match unit
            .history
            .iter()
            .rev()
            .find(|h| h.to == UnitStatus::Warned)
        {
            Some(h) => format!(
                "{}对你单位示范点作出的警示决定{}",
                written_date(&h.date),
                bracketed(&h.doc_no)
            ),
            None => "对你单位示范点作出的警示决定".to_string(),
        }
    });
    // The deadlines printed may be those of a later 整改期限延期: its decision is cited too.
    let warning = warning.map(|w| match unit.current_extensions().last() {
        Some(e) => format!(
            "{w}及{}作出的整改期限延期决定{}",
            written_date(&e.date),
            bracketed(&e.doc_no)
        ),
        None => w,
    });
    let found = (!found.is_empty()).then(|| format!("{}中发现的问题", found.join("、")));
    match (warning, found) {
        (Some(w), Some(f)) => format!("{w}和{f}"),
        (Some(w), None) => w,
        (None, Some(f)) => f,
        (None, None) => "有关规定".to_string(),
    }
}

/// A decision's 文号 in brackets after it (`（市直工委〔2026〕3号）`); nothing without one.
fn bracketed(doc_no: &str) -> String {
    let doc = doc_no.trim();
    if doc.is_empty() {
        String::new()
    } else {
        format!("（{doc}）")
    }
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (up to 99; an item list longer than that is numbered
/// in digits).
fn ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reports::notice::DEFAULT_SIGNER;
    use crate::domain::sample::sample_city;

    #[test]
    fn a_renamed_body_in_the_signature_is_the_body_named_in_the_text() {
        // A clerk's review: the 落款 changed, the 要求 still said 报告市直机关工委.
        let mut s = sample_city(2026);
        let unit = s
            .rectifications
            .iter()
            .find(|r| r.status.is_open())
            .expect("an open item")
            .unit_id
            .clone();
        let said = |s: &AppState| {
            let n = rectification_notice(s, &unit, "2026-12-03").expect("a notice");
            (n.signer.clone(), n.sections[1].paragraphs[1].clone())
        };
        let (signer, asked) = said(&s);
        assert_eq!(signer, DEFAULT_SIGNER);
        assert!(asked.contains("报告市直机关工委，"), "{asked}");
        let mut notices: Vec<NoticeText> = s.notices.iter().cloned().collect();
        notices.push(NoticeText {
            year: 2026,
            signer: "中共某市直属机关工作委员会".into(),
            ..Default::default()
        });
        notices.retain(|n| n.year != 2026 || !n.signer.is_empty());
        s.notices = notices.into();
        let (signer, asked) = said(&s);
        assert_eq!(signer, "中共某市直属机关工作委员会");
        assert!(asked.contains("报告某市直属机关工作委员会，"), "{asked}");
    }

    #[test]
    fn ordinals_read_as_written() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100].map(ordinal).to_vec();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "二十", "二十一", "九十九", "100"]
        );
    }

    #[test]
    fn the_notice_lists_a_units_open_items_by_deadline_and_keeps_internal_words_out() {
        let mut s = sample_city(2026);
        let today = "2026-12-03";
        // A second open item, due earlier (and past), beside one of the sample's.
        let mut second = s
            .rectifications
            .iter()
            .find(|r| r.status.is_open())
            .expect("an open item in the sample")
            .clone();
        second.id = "r-second".into();
        second.description = "党员活动室台账不全".into();
        second.deadline = "2026-01-15".into();
        second.status = RectificationStatus::Open;
        s.rectifications.push(second.clone());
        let unit = s.unit(&second.unit_id).expect("its unit").clone();
        let open: Vec<&Rectification> = s
            .rectifications
            .iter()
            .filter(|r| r.unit_id == unit.id && r.status.is_open())
            .collect();
        let n = rectification_notice(&s, &unit.id, today).expect("a notice");
        assert_eq!(
            n.title,
            format!("关于{}抓好示范点建设问题整改的通知", unit.name)
        );
        assert_eq!(n.recipients, format!("{}：", unit.name));
        assert_eq!(n.date, "2026年12月3日");
        assert_eq!(n.signer, DEFAULT_SIGNER);
        let items = &n.sections[0].paragraphs;
        assert_eq!(items.len(), open.len());
        assert!(items[0].starts_with("（一）"));
        // Earliest deadline first.
        let first = open.iter().min_by_key(|r| &r.deadline).expect("one");
        assert!(items[0].contains(first.description.trim()), "{items:?}");
        // An overdue item says so; none names its category or the unit's type.
        for (p, r) in items.iter().zip({
            let mut o = open.clone();
            o.sort_by(|a, b| a.deadline.cmp(&b.deadline).then(a.id.cmp(&b.id)));
            o
        }) {
            assert_eq!(p.contains("已逾期"), rect::is_overdue(r, today), "{p}");
        }
        for text in n.all_text() {
            for internal in ["吃老本", "闭门造车", "示而不范", "一类", "二类", "三类"]
            {
                assert!(!text.contains(internal), "{internal} in {text}");
            }
        }
    }

    #[test]
    fn no_notice_without_open_items_and_the_years_signer_is_used() {
        let mut s = sample_city(2026);
        let unit = s
            .units
            .iter()
            .find(|u| {
                !s.rectifications
                    .iter()
                    .any(|r| r.unit_id == u.id && r.status.is_open())
            })
            .expect("a unit with nothing open")
            .id
            .clone();
        let name = s.unit(&unit).expect("on the roster").name.clone();
        assert_eq!(
            rectification_notice(&s, &unit, "2026-12-03"),
            Err(NoNotice::NothingOpen(name))
        );
        assert_eq!(
            rectification_notice(&s, "no-such-unit", "2026-12-03"),
            Err(NoNotice::NotOnRoster)
        );
        let with_items = s
            .rectifications
            .iter()
            .find(|r| r.status.is_open())
            .expect("an open item")
            .unit_id
            .clone();
        let mut text = super::super::notice::notice_text(&s, 2026);
        text.signer = "中共某某市直机关工作委员会".into();
        super::super::notice::set_notice_text(&mut s, text, "2026-12-03T01:00:00Z", "2026-12-03")
            .expect("kept");
        let n = rectification_notice(&s, &with_items, "2026-12-03").expect("a notice");
        assert_eq!(n.signer, "中共某某市直机关工作委员会");
    }

    /// A 警示 with its 文号 and one item from the decision, on a named unit without
    /// open items.
    fn warned(s: &mut AppState) -> Id {
        let unit = s
            .units
            .iter()
            .find(|u| {
                u.status == UnitStatus::Named
                    && !s
                        .rectifications
                        .iter()
                        .any(|r| r.unit_id == u.id && r.status.is_open())
            })
            .expect("a named unit with nothing open")
            .id
            .clone();
        let req = crate::domain::lifecycle::StatusChangeRequest {
            to: UnitStatus::Warned,
            date: "2026-03-05".into(),
            reason: "年度考评不合格".into(),
            doc_no: "市直工委〔2026〕3号".into(),
            plaque_no: None,
            rectify_by: Some("2026-09-05".into()),
        };
        rect::warn_with_items(
            s,
            &unit,
            &req,
            ProblemCategory::Other,
            "党员活动阵地长期闲置",
            "2026-03-05T01:00:00Z",
        )
        .expect("warned");
        unit
    }

    #[test]
    fn a_warned_units_notice_rests_on_the_decision_with_its_date_and_number() {
        let mut s = sample_city(2026);
        let unit = warned(&mut s);
        let n = rectification_notice(&s, &unit, "2026-12-03").expect("a notice");
        assert_eq!(
            n.opening,
            "根据2026年3月5日对你单位示范点作出的警示决定（市直工委〔2026〕3号），现将你单位示范点建设需要整改的事项通知如下，请认真研究，抓好落实。"
        );
        assert!(n.sections[0].paragraphs[0].contains("党员活动阵地长期闲置"));
        // An item found on a visit besides: both grounds, the decision first.
        let mut visit = s
            .rectifications
            .iter()
            .find(|r| r.unit_id == unit)
            .expect("its item")
            .clone();
        visit.id = "r-visit".into();
        visit.source = ProblemSource::Visit;
        visit.description = "台账不全".into();
        s.rectifications.push(visit);
        let n = rectification_notice(&s, &unit, "2026-12-03").expect("a notice");
        assert!(
            n.opening.starts_with(
                "根据2026年3月5日对你单位示范点作出的警示决定（市直工委〔2026〕3号）和督导检查中发现的问题，"
            ),
            "{}",
            n.opening
        );
        // After an 整改期限延期, the deadlines printed are the extension's: it is cited.
        let req = crate::domain::lifecycle::ExtensionRequest {
            date: "2026-08-20".into(),
            to: "2027-03-31".into(),
            doc_no: "市直工委〔2026〕12号".into(),
            reason: "新班子调整".into(),
        };
        crate::domain::lifecycle::extend_deadline(&mut s, &unit, &req, "2026-12-03T09:00:00Z")
            .expect("extended");
        let n = rectification_notice(&s, &unit, "2026-12-03").expect("a notice");
        assert!(
            n.opening.starts_with(
                "根据2026年3月5日对你单位示范点作出的警示决定（市直工委〔2026〕3号）及2026年8月20日作出的整改期限延期决定（市直工委〔2026〕12号）和督导检查中发现的问题，"
            ),
            "{}",
            n.opening
        );
    }

    #[test]
    fn a_delisted_unit_gets_no_notice_and_is_told_where_its_items_are() {
        let mut s = sample_city(2026);
        let unit = warned(&mut s);
        let req = crate::domain::lifecycle::StatusChangeRequest {
            to: UnitStatus::Delisted,
            date: "2026-10-08".into(),
            reason: "整改期满复查仍不合格".into(),
            doc_no: "市直工委〔2026〕9号".into(),
            plaque_no: None,
            rectify_by: None,
        };
        crate::domain::lifecycle::change_status(&mut s, &unit, &req, "2026-10-08T01:00:00Z")
            .expect("delisted");
        let name = s.unit(&unit).expect("on the roster").name.clone();
        let got = rectification_notice(&s, &unit, "2026-12-03");
        assert_eq!(
            got,
            Err(NoNotice::NotASite {
                name: name.clone(),
                status: "摘牌",
                open: 1
            })
        );
        let said = got.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            said,
            format!("「{name}」已摘牌，不在示范点管理范围内，不发整改通知；其未完成的1项整改事项仍列在整改页面，可在那里办结。")
        );
        // With nothing open it is still the status that is said.
        for r in s.rectifications.iter_mut().filter(|r| r.unit_id == unit) {
            r.status = RectificationStatus::Closed;
        }
        let said = rectification_notice(&s, &unit, "2026-12-03")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            said,
            format!("「{name}」已摘牌，不在示范点管理范围内，不发整改通知。")
        );
    }

    #[test]
    fn an_item_marked_as_from_a_warning_of_a_unit_never_warned_cites_no_decision() {
        let mut s = sample_city(2026);
        let item = s
            .rectifications
            .iter_mut()
            .find(|r| r.status.is_open() && r.source != ProblemSource::Warning)
            .expect("an open item");
        item.source = ProblemSource::Warning;
        let unit = item.unit_id.clone();
        let u = s.unit(&unit).expect("its unit");
        assert!(
            u.status != UnitStatus::Warned && !u.history.iter().any(|h| h.to == UnitStatus::Warned),
            "never warned"
        );
        let n = rectification_notice(&s, &unit, "2026-12-03").expect("a notice");
        assert!(!n.opening.contains("警示决定"), "{}", n.opening);
        assert!(n.opening.contains("日常工作"), "{}", n.opening);
    }

    #[test]
    fn the_sample_marks_no_item_as_from_a_warning_of_a_unit_never_warned() {
        let s = sample_city(2026);
        for r in s
            .rectifications
            .iter()
            .filter(|r| r.source == ProblemSource::Warning)
        {
            let u = s.unit(&r.unit_id).expect("its unit");
            assert!(
                u.status == UnitStatus::Warned
                    || u.history.iter().any(|h| h.to == UnitStatus::Warned),
                "{}",
                u.name
            );
        }
    }
}
