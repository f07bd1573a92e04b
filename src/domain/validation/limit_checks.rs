//! The limits every door applies (text lengths, years, amounts), as the exchange format
//! document lists them.

use super::*;

/// Names, years, money and staff within [`limits`].
pub(super) fn check_limits(state: &AppState, errs: &mut Vec<ValidationError>) {
    use limits::*;
    let mut out = |what: String, value: String, limit: String| {
        errs.push(ValidationError::OutOfLimits { what, value, limit })
    };
    let mut name = |what: String, s: &str, most: usize| {
        let n = s.chars().count();
        if s.trim().is_empty() || n > most {
            let shown: String = s.chars().take(20).collect();
            out(
                what,
                format!("「{shown}」（{n} 个字）"),
                format!("1–{most} 个字，不能为空"),
            );
        }
    };
    for u in &state.units {
        name("单位名称".into(), &u.name, NAME_CHARS);
    }
    for sc in &state.schemes {
        name("考评方案名称".into(), &sc.name, NAME_CHARS);
    }
    for r in &state.rounds {
        name("考评轮次名称".into(), &r.name, NAME_CHARS);
    }
    for o in &state.outcomes {
        name(format!("成果「{}」的标题", o.id), &o.title, TITLE_CHARS);
    }
    let mut at_most = |what: String, s: &str, most: usize| {
        let n = s.chars().count();
        if n > most {
            errs.push(ValidationError::OutOfLimits {
                what,
                value: format!("（{n} 个字）"),
                limit: format!("最多 {most} 个字"),
            });
        }
    };
    let mut text = |what: String, s: &str| at_most(what, s, TEXT_CHARS);
    for o in &state.outcomes {
        text(
            format!(
                "成果「{}」的{}",
                o.title,
                crate::domain::outcomes::labels::DESCRIPTION
            ),
            &o.description,
        );
    }
    for r in &state.rectifications {
        text("整改事项的问题描述".into(), &r.description);
        for p in &r.progress {
            text("整改进展".into(), &p.note);
        }
    }
    for p in &state.pairings {
        text(format!("结对「{}」的目标", p.partner_name), &p.goals);
        text(
            format!("结对「{}」的对方进展", p.partner_name),
            &p.partner_progress,
        );
        for a in &p.activities {
            text(format!("结对活动（{}）的成效", a.date), &a.result);
            text(format!("结对活动（{}）的备注", a.date), &a.note);
        }
    }
    for o in &state.outcomes {
        text(
            format!(
                "成果{}的佐证材料",
                crate::domain::outcomes::corner_quoted(&o.title)
            ),
            &o.evidence.join("\n"),
        );
    }
    for v in &state.guidance_visits {
        for (what, s) in [
            ("发现问题", &v.findings),
            ("指导意见", &v.advice),
            ("跟进情况", &v.follow_up),
        ] {
            text(format!("督导记录（{}）的{what}", v.date), s);
        }
    }
    for a in &state.applications {
        for (what, s) in [
            ("创建基础", &a.statement),
            ("创建计划", &a.plans),
            ("评定意见", &a.rating_note),
            ("说明", &a.note),
        ] {
            text(format!("「{}」申报的{what}", a.org_name), s);
        }
        for d in &a.deferrals {
            text(format!("「{}」申报暂缓时的说明", a.org_name), &d.note);
        }
    }
    for n in state.notices.iter() {
        for (what, s) in [
            ("基本情况（补充）", &n.situation),
            ("存在的问题（补充）", &n.problems),
            ("下一步工作", &n.next_steps),
            ("发文字号", &n.doc_no),
        ] {
            text(format!("通报的{what}"), s);
        }
    }
    // One-line texts have the same bound, so that no backup the app made before these
    // fields had one is refused on restore.
    for p in &state.pairings {
        for a in &p.activities {
            text(format!("结对活动（{}）的活动内容", a.date), &a.title);
            text(format!("结对活动（{}）的参加人员", a.date), &a.participants);
        }
    }
    for e in &state.resources {
        text(format!("{} 年保障投入的备注", e.year), &e.note);
    }
    for v in &state.guidance_visits {
        text(format!("督导记录（{}）的督导人员", v.date), &v.by);
        text(
            format!("督导记录（{}）的其他督导内容", v.date),
            &v.other_check,
        );
    }
    for n in state.notices.iter() {
        text("通报的主送".into(), &n.recipients);
        text("通报的落款".into(), &n.signer);
    }
    fn year(errs: &mut Vec<ValidationError>, what: String, y: u16) {
        if !YEARS.contains(&y) {
            errs.push(ValidationError::OutOfLimits {
                what,
                value: format!(" {y} "),
                limit: format!("{}–{} 年", YEARS.start(), YEARS.end()),
            });
        }
    }
    for u in &state.units {
        year(
            errs,
            format!("单位「{}」的入选年度", u.name),
            u.entered_year,
        );
    }
    for r in &state.rounds {
        year(errs, format!("考评轮次「{}」的年度", r.name), r.year);
    }
    for e in &state.resources {
        year(errs, "保障投入的年度".into(), e.year);
        for (what, v) in [("党建工作经费", e.funds), ("活动经费", e.activity_funds)] {
            if v.hundredths() < 0 || v.hundredths() > FUNDS_WAN * 100 {
                errs.push(ValidationError::OutOfLimits {
                    what: format!("{} 年保障投入的{what}", e.year),
                    value: format!(" {v} 万元 "),
                    limit: format!("0–{FUNDS_WAN} 万元"),
                });
            }
        }
        if e.staff > STAFF {
            errs.push(ValidationError::OutOfLimits {
                what: format!("{} 年保障投入的党务干部人数", e.year),
                value: format!(" {} ", e.staff),
                limit: format!("0–{STAFF} 人"),
            });
        }
    }
}
