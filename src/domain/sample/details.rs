//! What the sample city adds after the generated years: status changes and record
//! touches over time, outcomes along their path, sites named early (for 复查), and
//! applications in every state, so every screen has something to show.

use super::*;

pub(super) fn history_touches(st: &mut AppState, last_year: u16) {
    // One unit warned last year (its deadline extended once), one de-listed, one
    // withdrawn: the printed history shows every kind of change.
    let named: Vec<usize> = (0..st.units.len())
        .filter(|&i| st.units[i].status == UnitStatus::Named)
        .collect();
    let changes = [
        (
            UnitStatus::Warned,
            "年度考评不合格，予以警示，限期整改",
            Some(format!("{last_year}-09-30")),
        ),
        (UnitStatus::Delisted, "整改期满复查仍不合格，予以摘牌", None),
        (UnitStatus::Withdrawn, "单位机构改革撤并，申请退出", None),
    ];
    for (k, (to, reason, rectify_by)) in changes.into_iter().enumerate() {
        let Some(&i) = named.get(3 + k * 5) else {
            continue;
        };
        let u = &mut st.units[i];
        let from = u.status;
        let date = format!("{}-03-{:02}", last_year, 10 + k);
        u.history.push(StatusChange {
            date: date.clone(),
            from,
            to,
            reason: reason.to_string(),
            doc_no: format!("市直机关工委〔{last_year}〕{}号", 5 + k),
        });
        u.status = to;
        u.rectify_by = rectify_by;
        // The warned one had its 整改期限 extended once, by decision (延期).
        if to == UnitStatus::Warned {
            u.extensions.push(DeadlineExtension {
                date: format!("{last_year}-06-15"),
                from: format!("{last_year}-07-31"),
                to: format!("{last_year}-09-30"),
                doc_no: format!("市直机关工委〔{last_year}〕21号"),
                reason: "支部换届后班子调整，申请延期，经研究同意".to_string(),
            });
        }
        // A site that leaves the programme ends its pairings; what the generator dated
        // after it left (an outcome, a guidance visit) is moved to before, as the forms
        // would refuse it after.
        if matches!(to, UnitStatus::Delisted | UnitStatus::Withdrawn) {
            let id = u.id.clone();
            let before = |days: i64| {
                crate::domain::dates::add_days(&date, -days).unwrap_or_else(|| date.clone())
            };
            for (n, o) in st
                .outcomes
                .iter_mut()
                .filter(|o| o.unit_id == id && o.date > date)
                .enumerate()
            {
                o.date = before(20 + 7 * n as i64);
            }
            for (n, v) in st
                .guidance_visits
                .iter_mut()
                .filter(|v| v.unit_id == id && v.date > date)
                .enumerate()
            {
                v.date = before(10 + 7 * n as i64);
            }
            for p in st.pairings.iter_mut().filter(|p| p.site_id == id) {
                p.status = PairingStatus::Ended;
                // Ended with the site, as a status change ends it.
                p.ended_on = Some(crate::domain::lifecycle::pairing_end(p, &date));
            }
        }
    }
    // An item from a 警示决定 belongs to a unit that was warned: the generator's others
    // were found in the year's 考评.
    let warned: Vec<Id> = st
        .units
        .iter()
        .filter(|u| u.ever_warned())
        .map(|u| u.id.clone())
        .collect();
    for r in st.rectifications.iter_mut() {
        if r.source == ProblemSource::Warning && !warned.contains(&r.unit_id) {
            r.source = ProblemSource::Evaluation;
        }
        // An item found in 督导 comes from a visit to its unit that found something.
        if r.source == ProblemSource::Visit && r.visit_id.is_none() {
            match st
                .guidance_visits
                .iter()
                .find(|v| v.unit_id == r.unit_id && !v.findings.is_empty())
            {
                Some(v) => r.visit_id = Some(v.id.clone()),
                None => r.source = ProblemSource::Evaluation,
            }
        }
    }
}

/// Gives the sample's outcomes a consistent, dated path with its history: filing
/// numbers, feedback, recognition 文号, promotion dates, a few incentives and one
/// recognition withdrawn with a reason. Which steps each outcome reached is left as
/// generated (so scores, grades and types do not move); earlier steps it skipped are
/// filled in, and dates are spread after the outcome's date (not past `today` for an
/// outcome dated before it).
pub(super) fn outcome_paths(st: &mut AppState, today: &str) {
    let mut paths = Paths {
        today,
        numbers: BTreeMap::new(),
        withdrawn_shown: false,
    };
    for (k, o) in st.outcomes.iter_mut().enumerate() {
        paths.path_of(o, k as i64);
    }
}

const FEEDBACK: &[&str] = &[
    "做法扎实，建议进一步提炼可复制的操作流程",
    "成效明显，请补充群众评价和数据佐证",
    "思路清晰，建议在本系统范围内交流推广",
    "特色鲜明，请结合业务工作深化拓展",
];

/// One step of an outcome's history.
fn ev(
    step: OutcomeStep,
    undo: bool,
    date: &str,
    by: &str,
    doc_no: &str,
    note: &str,
) -> OutcomeEvent {
    OutcomeEvent {
        step,
        undo,
        date: date.to_string(),
        by: by.to_string(),
        at: String::new(),
        doc_no: doc_no.to_string(),
        note: note.to_string(),
    }
}

/// What the outcomes' paths share: today, the numbers given so far per prefix and
/// year, and whether the withdrawn recognition has been shown.
struct Paths<'t> {
    today: &'t str,
    numbers: BTreeMap<String, u32>,
    withdrawn_shown: bool,
}

impl Paths<'_> {
    /// `n` days after `d`. An outcome dated before `today` has its steps by then; a
    /// later one (the sample spreads outcomes over the whole year) has them in the
    /// weeks after its date.
    fn later(&self, d: &str, n: i64) -> String {
        crate::domain::dates::add_days(d, n)
            .filter(|x| x.as_str() <= self.today || d > self.today)
            .unwrap_or_else(|| d.to_string())
    }

    /// The next number of a kind in `d`'s year, as 〔year〕n号.
    fn next_no(&mut self, prefix: &str, d: &str) -> String {
        let year = d.get(..4).unwrap_or("2026").to_string();
        // The committee's own decisions on outcomes are numbered after those the
        // sample gives its status changes and namings (below 70), never the same.
        let first = if prefix == "市直机关工委" {
            70
        } else {
            0
        };
        let n = self
            .numbers
            .entry(format!("{prefix}{year}"))
            .or_insert(first);
        *n += 1;
        format!("{prefix}〔{year}〕{n}号")
    }

    /// Outcome `k`'s registration, filing and (when it went further) feedback,
    /// recognition and promotion.
    fn path_of(&mut self, o: &mut Outcome, k: i64) {
        let mut history = vec![ev(
            OutcomeStep::Register,
            false,
            &o.date,
            &o.unit_id,
            "",
            "",
        )];
        let needs_feedback =
            o.recognised || o.promotion != PromotionStage::OwnUnit || o.feedback_on.is_some();
        if o.filed_on.is_none() && !needs_feedback {
            o.path.history = history;
            return;
        }
        let filed = self.later(&o.date, 5 + k % 10);
        let filing_no = self.next_no("备", &filed);
        history.push(ev(
            OutcomeStep::File,
            false,
            &filed,
            "committee",
            &filing_no,
            "",
        ));
        o.filed_on = Some(filed.clone());
        o.path.filing_no = filing_no;
        if needs_feedback {
            let fb = self.later(&filed, 10 + k % 20);
            let text = FEEDBACK[(k as usize) % FEEDBACK.len()];
            history.push(ev(OutcomeStep::Feedback, false, &fb, "committee", "", text));
            o.feedback_on = Some(fb.clone());
            o.path.feedback = text.to_string();
            self.recognition(o, k, &fb, &mut history);
            if o.promotion != PromotionStage::OwnUnit {
                self.promotion(o, k, &fb, &mut history);
            }
        }
        o.path.history = history;
    }

    /// Recognition after feedback; one recognition taken back on review, to show an
    /// undone step.
    fn recognition(&mut self, o: &mut Outcome, k: i64, fb: &str, history: &mut Vec<OutcomeEvent>) {
        if o.recognised {
            let d = self.later(fb, 7 + k % 10);
            let doc = self.next_no("市直机关工委", &d);
            history.push(ev(OutcomeStep::Recognise, false, &d, "committee", &doc, ""));
            o.path.recognised_on = Some(d);
            o.path.recognition_doc_no = doc;
        } else if !self.withdrawn_shown {
            self.withdrawn_shown = true;
            let d = self.later(fb, 7);
            let doc = self.next_no("市直机关工委", &d);
            history.push(ev(OutcomeStep::Recognise, false, &d, "committee", &doc, ""));
            let back = self.later(&d, 20);
            history.push(ev(
                OutcomeStep::Recognise,
                true,
                &back,
                "committee",
                &doc,
                "经复核，创新点与已认定成果重复，撤销认定",
            ));
        }
    }

    /// Promotion in the system, then (for some) to the city with a commendation.
    fn promotion(&mut self, o: &mut Outcome, k: i64, fb: &str, history: &mut Vec<OutcomeEvent>) {
        let sys = self.later(fb, 15 + k % 30);
        history.push(ev(
            OutcomeStep::PromoteSystem,
            false,
            &sys,
            "committee",
            "",
            "",
        ));
        o.path.system_on = Some(sys.clone());
        o.promoted_on = Some(sys.clone());
        if o.promotion != PromotionStage::Municipal {
            return;
        }
        let m = self.later(&sys, 20 + k % 60);
        history.push(ev(
            OutcomeStep::PromoteMunicipal,
            false,
            &m,
            "committee",
            "",
            "",
        ));
        o.promoted_on = Some(m.clone());
        if k % 3 == 0 {
            let d = self.later(&m, 10);
            let doc = self.next_no("市直机关工委", &d);
            let what = "市直机关党建创新优秀成果";
            history.push(ev(
                OutcomeStep::Incentive,
                false,
                &d,
                "committee",
                &doc,
                &format!("表彰：{what}"),
            ));
            o.path.incentives.push(Incentive {
                kind: IncentiveKind::Commendation,
                what: what.to_string(),
                date: d,
                doc_no: doc,
            });
        }
    }
}

/// Four sites named earlier (2021 and 2022), so 动态管理 lists sites due for their
/// three-yearly 复查: every fourth 已授牌 unit whose only history is its naming. The
/// first has had its 复查 (so it is not due), the second a yearly check (shown as its
/// last 复查 while it is due).
pub(super) fn early_sites(st: &mut AppState) {
    let named = st
        .units
        .iter_mut()
        .filter(|u| u.status == UnitStatus::Named && u.history.len() == 1);
    for (k, u) in named.step_by(4).take(4).enumerate() {
        let year = 2021 + (k % 2) as u16;
        let date = format!("{year}-12-{:02}", 12 + k);
        u.history[0].date = date.clone();
        u.history[0].doc_no = format!("市直机关工委〔{year}〕{}号", 30 + k);
        u.named_on = Some(date);
        u.entered_year = year;
        let review = |date: &str, note: &str| Review {
            date: date.to_string(),
            conclusion: ReviewConclusion::Passed,
            note: note.to_string(),
        };
        match k {
            0 => {
                u.reviews = vec![review(
                    "2024-11-28",
                    "阵地、台账、活动记录齐全，示范带动作用发挥较好",
                )]
            }
            1 => u.reviews = vec![review("2023-12-05", "年度检查，运行正常")],
            _ => {}
        }
        if let Some(p) = u.plaque_no.clone() {
            if let Some(old) = p.get(4..8) {
                u.plaque_no = Some(p.replacen(old, &year.to_string(), 1));
            }
        }
    }
}

/// 申报遴选 in every state: one waiting to be rated, one rated and waiting, one
/// 入选培育 (now a 创建中 unit with the decision in its history), one 暂缓 and one
/// 不予入选. Made through `applications`' own functions, so the data is what the
/// screen would make.
pub(super) fn sample_applications(st: &mut AppState) {
    use crate::domain::applications::{add, decide, rate, ApplicationDraft, Decision, Rating};
    let now = "2026-05-20T09:00:00Z";
    let apps: [(&str, &str, [u8; 3], Option<ApplicationDecision>); 5] = [
        ("市大数据中心党支部", "2026-05-08", [0, 0, 0], None),
        ("市体育局机关党支部", "2026-04-20", [4, 3, 4], None),
        (
            "市图书馆党支部",
            "2026-03-15",
            [5, 4, 5],
            Some(ApplicationDecision::Accepted),
        ),
        (
            "市地方志办公室党支部",
            "2026-03-18",
            [3, 4, 3],
            Some(ApplicationDecision::Deferred),
        ),
        (
            "市气象局机关党支部",
            "2026-03-20",
            [2, 2, 3],
            Some(ApplicationDecision::Rejected),
        ),
    ];
    for (name, applied_on, levels, decision) in apps {
        let draft = ApplicationDraft {
            org_name: name.to_string(),
            sector: "综合管理系统".to_string(),
            org_type: OrgType::Branch,
            applied_on: applied_on.to_string(),
            basis: "党员42名，活动阵地齐全，“三会一课”等制度落实较好".to_string(),
            plans: "围绕服务中心工作打造特色品牌，三年内形成可复制的经验".to_string(),
            leader: "李明".to_string(),
            contact: "0571-8700 0000".to_string(),
        };
        let Ok(id) = add(st, draft, now) else {
            continue;
        };
        if levels[0] == 0 {
            continue;
        }
        let rating = Rating {
            foundation: levels[0],
            potential: levels[1],
            willingness: levels[2],
            note: "经实地了解，情况属实".to_string(),
        };
        if rate(st, &id, &rating, now).is_err() {
            continue;
        }
        let Some(decision) = decision else { continue };
        let (note, doc_no) = match decision {
            ApplicationDecision::Accepted => (
                "三项标准均达到要求，列为示范点创建单位",
                "市直机关工委〔2026〕18号",
            ),
            ApplicationDecision::Deferred => ("后劲有待观察，暂缓一年再议", ""),
            _ => ("基础尚需夯实，建议明年再申报", ""),
        };
        let d = Decision {
            decision,
            date: "2026-04-28".to_string(),
            doc_no: doc_no.to_string(),
            note: note.to_string(),
        };
        let _ = decide(st, &id, &d, now);
    }
}
