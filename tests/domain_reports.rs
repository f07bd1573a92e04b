//! 报表 (issue 12, must-show 2's domain half): the speech's five problems and the
//! year's other figures on a small fixture, every figure worked out by hand below.

mod domain_support;

use domain_support::{by, outcome, round, sheet, state, unit};
use exemplar::domain::report::round_report;
use exemplar::domain::reports::figures::year_figures;
use exemplar::domain::reports::notice::{build_notice, set_notice_text, NoticeError};
use exemplar::domain::reports::problems::{five_problems, FiveProblems};
use exemplar::domain::*;

const TODAY: &str = "2026-12-01";

/// Five sites (甲 a, 乙 b, 丙 c, 丁 d named since 2024; 戊 e a candidate since 2026)
/// and 己 f, de-listed (never counted). Sectors: a, b 机关; c, d, e 教育.
///
/// 2026 round, one assessor, self-assessment weight 0, indicators A 40 (own), B 30
/// (both), C 30 (demonstration):
///
/// | unit | A  | B  | C  | total | demo = (B+C)/60 |
/// | a    | 36 | 27 | 27 | 90    | 54/60 = 90%     |
/// | b    | 30 | 20 | 15 | 65    | 35/60 = 58.33%  |
/// | c    | 32 | 24 | 24 | 80    | 48/60 = 80%     |
/// | d    | 28 | 21 | 18 | 67    | 39/60 = 65%     |
/// | e    | 11 | 15 |  9 | 35    | 24/60 = 40%     |
///
/// Types set by the committee: b 二类, e 三类, the rest 一类.
fn city() -> AppState {
    let mut units = vec![
        unit("a", "甲支部", UnitStatus::Named),
        unit("b", "乙支部", UnitStatus::Named),
        unit("c", "丙支部", UnitStatus::Named),
        unit("d", "丁支部", UnitStatus::Named),
        unit("e", "戊支部", UnitStatus::Candidate),
        unit("f", "己支部", UnitStatus::Delisted),
    ];
    for u in &mut units {
        u.sector = if ["a", "b"].contains(&u.id.as_str()) {
            "机关".into()
        } else {
            "教育".into()
        };
    }
    units[4].entered_year = 2026;
    units[1].history.push(StatusChange {
        date: "2026-04-02".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Warned,
        reason: "考评不合格".into(),
        doc_no: "工委〔2026〕3号".into(),
    });
    units[1].history.push(StatusChange {
        date: "2026-10-09".into(),
        from: UnitStatus::Warned,
        to: UnitStatus::Named,
        reason: "整改到位".into(),
        doc_no: "工委〔2026〕9号".into(),
    });
    units[5].history.push(StatusChange {
        date: "2026-05-20".into(),
        from: UnitStatus::Warned,
        to: UnitStatus::Delisted,
        reason: "逾期未整改".into(),
        doc_no: "工委〔2026〕5号".into(),
    });
    let mut r = round("r26", 2026, &["a", "b", "c", "d", "e"], &["x"]);
    for (u, cells) in [
        ("a", ["36", "27", "27"]),
        ("b", ["30", "20", "15"]),
        ("c", ["32", "24", "24"]),
        ("d", ["28", "21", "18"]),
        ("e", ["11", "15", "9"]),
    ] {
        r.sheets.push(sheet(u, by("x"), &cells));
    }
    for (u, t) in [
        ("a", SiteType::TrueExemplar),
        ("b", SiteType::LivingOnPast),
        ("c", SiteType::TrueExemplar),
        ("d", SiteType::TrueExemplar),
        ("e", SiteType::ClosedDoor),
    ] {
        r.type_overrides.push(TypeOverride {
            unit_id: u.into(),
            site_type: t,
            note: "工委研究确定".into(),
        });
    }
    let mut st = state(units, vec![r], outcomes());
    st.schemes[0].aggregation.self_weight_pct = 0;
    st.pairings = pairings().into();
    st.guidance_visits = visits().into();
    st
}

/// Filed (备案): o1 (a) on 2026-03-01; o2 (c) on 2025-11-01 (last year); o4 (d) on
/// 2026-12-15, after the reference date 2026-12-01.
/// 反馈 → 推介 (市直机关), days counted by hand:
/// o1 a 2026-01-10 → 03-01: 21 + 28 + 1 = 50; o2 c 2026-02-01 → 02-11: 10;
/// o3 b 2025-12-01 → 2026-04-30: 30 + 31 + 28 + 31 + 30 = 150; o4 d 06-01 → 06-21: 20;
/// o5 a 2025-01-01 → 2025-02-01: 31 (last year).
fn outcomes() -> Vec<Outcome> {
    let promoted = |id: &str, u: &str, fb: &str, pr: &str| {
        let mut o = outcome(id, u, fb, false);
        o.feedback_on = Some(fb.into());
        o.promoted_on = Some(pr.into());
        o.promotion = PromotionStage::Municipal;
        o
    };
    let mut o1 = promoted("o1", "a", "2026-01-10", "2026-03-01");
    o1.filed_on = Some("2026-03-01".into());
    let mut o2 = promoted("o2", "c", "2026-02-01", "2026-02-11");
    o2.filed_on = Some("2025-11-01".into());
    let o3 = promoted("o3", "b", "2025-12-01", "2026-04-30");
    let mut o4 = promoted("o4", "d", "2026-06-01", "2026-06-21");
    o4.filed_on = Some("2026-12-15".into());
    let mut o5 = promoted("o5", "a", "2025-01-01", "2025-02-01");
    o5.filed_on = None;
    vec![o1, o2, o3, o4, o5]
}

fn pairing(id: &str, site: &str, start: &str, acts: &[&str], status: PairingStatus) -> Pairing {
    Pairing {
        id: id.into(),
        site_id: site.into(),
        partner_unit_id: None,
        partner_name: format!("伙伴{id}"),
        start: start.into(),
        goals: String::new(),
        activities: acts
            .iter()
            .map(|d| PairingActivity {
                date: d.to_string(),
                title: "联学".into(),
                note: String::new(),
                form: ActivityForm::default(),
                participants: String::new(),
                result: String::new(),
            })
            .collect(),
        partner_progress: String::new(),
        status,
        ended_on: None,
        meta: RecordMeta::default(),
    }
}

/// Idle after 6 months, read at 2026-12-01:
/// p1 a, last 2026-09-10 (limit 2027-03-10): running; p2 b, last 2026-05-31 (limit
/// 2026-11-30, passed): idle; p3 c, started 2026-06-15, none (limit 2026-12-15):
/// running; p4 d ended: not counted; p5 e, started 2026-01-10, none: idle.
/// Read at 2025-12-31: p1 (start 2025-01-01, nothing by then) and p2 (start 2025-03-01)
/// are both idle; the others had not started.
fn pairings() -> Vec<Pairing> {
    vec![
        pairing(
            "p1",
            "a",
            "2025-01-01",
            &["2026-09-10"],
            PairingStatus::Active,
        ),
        pairing(
            "p2",
            "b",
            "2025-03-01",
            &["2026-05-31"],
            PairingStatus::Active,
        ),
        pairing("p3", "c", "2026-06-15", &[], PairingStatus::Active),
        pairing("p4", "d", "2024-01-01", &[], PairingStatus::Ended),
        pairing("p5", "e", "2026-01-10", &[], PairingStatus::Active),
    ]
}

/// No visit in 12 months, read at 2026-12-01: a (2026-05-01) visited; b (2025-11-30,
/// limit 2026-11-30 passed) not; c (2025-12-01, limit is the day itself) visited; d
/// never; e only after the reference date (2027-01-05): never, but it entered in 2026,
/// less than 12 months before, so it is not yet overdue.
fn visits() -> Vec<GuidanceVisit> {
    let visit = |id: &str, u: &str, date: &str| GuidanceVisit {
        id: id.into(),
        unit_id: u.into(),
        more_units: vec![],
        date: date.into(),
        by: "组织部".into(),
        form: VisitForm::Inspection,
        looked_at: vec![],
        other_check: String::new(),
        findings: String::new(),
        advice: String::new(),
        follow_up: String::new(),
        meta: RecordMeta::default(),
    };
    vec![
        visit("v1", "a", "2026-05-01"),
        visit("v2", "b", "2025-11-30"),
        visit("v3", "c", "2025-12-01"),
        visit("v4", "e", "2027-01-05"),
    ]
}

fn problems_of(st: &AppState, year: u16) -> FiveProblems {
    let report = exemplar::domain::reports::report_of_year(st, year);
    five_problems(st, year, TODAY, report.as_ref())
}

fn ids(lines: &[exemplar::domain::reports::SiteLine]) -> Vec<&str> {
    lines.iter().map(|l| l.unit_id.as_str()).collect()
}

#[test]
fn uneven_progress_is_the_spread_of_totals_and_the_share_of_types_two_and_three() {
    let st = city();
    let f = problems_of(&st, 2026);
    assert_eq!(f.reference, "2026-12-01");
    assert_eq!(f.uneven.graded, 5);
    // 90 − 35 = 55; 机关 90 − 65 = 25; 教育 80 − 35 = 45.
    assert_eq!(f.uneven.spread, Some(Points::whole(55)));
    assert_eq!(
        f.uneven.by_sector,
        vec![
            ("教育".to_string(), 3, Points::whole(45)),
            ("机关".to_string(), 2, Points::whole(25)),
        ]
    );
    // b and e of 5: 40%; lowest total first.
    assert_eq!(f.uneven.lagging, 2);
    assert_eq!(f.uneven.lagging_pct, Some(40));
    assert_eq!(ids(&f.uneven.sites), ["e", "b"]);
}

/// A clerk's finding: a unit with most of its items still blank scored 35, and 报表
/// read its half total as the year's 极差 and its type as 二类/三类.
#[test]
fn a_unit_whose_scores_are_not_all_in_is_left_out_of_the_spread_and_said_so() {
    let mut st = city();
    // e (the lowest, 35) has two of its three items blank: its total is 11.
    st.rounds[0].sheets[4] = sheet("e", by("x"), &["11", "", ""]);
    let f = problems_of(&st, 2026);
    assert_eq!(f.uneven.graded, 4);
    assert_eq!(f.uneven.incomplete, 1);
    // 90 − 65 = 25 among a, b, c, d; 教育 (c, d) 80 − 67 = 13.
    assert_eq!(f.uneven.spread, Some(Points::whole(25)));
    assert_eq!(
        f.uneven.by_sector,
        vec![
            ("教育".to_string(), 2, Points::whole(13)),
            ("机关".to_string(), 2, Points::whole(25)),
        ]
    );
    // b of 4: 25%.
    assert_eq!(f.uneven.lagging, 1);
    assert_eq!(f.uneven.lagging_pct, Some(25));
    assert_eq!(ids(&f.uneven.sites), ["b"]);
    let figures = f.figures(None);
    assert_eq!(figures[0].headline, "总分极差 25 分");
    assert!(
        figures[0]
            .detail
            .ends_with("；另有 1 个单位评分不全，未计入"),
        "{}",
        figures[0].detail
    );
    // The notice says the same.
    let report = exemplar::domain::reports::report_of_year(&st, 2026);
    let figs = year_figures(&st, 2026, TODAY, report.as_ref());
    let all = build_notice(&st, report.as_ref(), &figs, &f)
        .all_text()
        .join("\n");
    assert!(all.contains("总分最高与最低相差25分"), "{all}");
    assert!(
        all.contains("另有1个单位评分尚未完成，未计入上述统计。"),
        "{all}"
    );
    // 示范带动得分率 leaves it out too, and says so.
    assert!(
        figures[2]
            .detail
            .ends_with("（另有 1 个单位评分不全，未计入）"),
        "{}",
        figures[2].detail
    );
    // Its grade is named as resting on scores not all in.
    assert!(all.contains("戊支部（评分不全）"), "{all}");
    // With every unit half-scored there is no spread to give, and it is said why.
    for i in 0..st.rounds[0].sheets.len() {
        st.rounds[0].sheets[i].points[2] = None;
    }
    let f = problems_of(&st, 2026);
    assert_eq!((f.uneven.graded, f.uneven.incomplete), (0, 5));
    assert_eq!(f.uneven.spread, None);
    let figures = f.figures(None);
    assert_eq!(figures[0].headline, "评分不全");
    assert_eq!(figures[0].detail, "另有 5 个单位评分不全，未计入");
}

#[test]
fn experience_not_dug_out_counts_sites_with_no_filing_in_the_year() {
    let st = city();
    let f = problems_of(&st, 2026);
    // e entered in 2026: not counted (a clerk's review: units selected that day were
    // printed as 本年度没有成果备案).
    assert_eq!((f.not_dug.sites, f.not_dug.new_this_year), (4, 1));
    assert_eq!(ids(&f.not_dug.without), ["b", "c", "d"]);
    let figures = f.figures(None);
    assert_eq!(figures[1].headline, "3 个（占 75%）");
    assert!(
        figures[1]
            .detail
            .ends_with("（另有本年度新入选的 1 个，不计入）"),
        "{}",
        figures[1].detail
    );
    let report = exemplar::domain::reports::report_of_year(&st, 2026);
    let figs = year_figures(&st, 2026, TODAY, report.as_ref());
    let all = build_notice(&st, report.as_ref(), &figs, &f)
        .all_text()
        .join("\n");
    assert!(
        all.contains("3个单位本年度没有成果备案，占75%。本年度新入选的1个单位不计入。"),
        "{all}"
    );
    // 2025: e had not entered; f, de-listed in 2026, was still 警示 at the end of
    // 2025; only c filed in 2025.
    let last = problems_of(&st, 2025);
    assert_eq!(last.reference, "2025-12-31");
    assert_eq!(last.not_dug.sites, 5);
    assert_eq!(ids(&last.not_dug.without), ["a", "b", "d", "f"]);
}

#[test]
fn weak_radiation_counts_idle_pairings_and_the_demonstration_rate() {
    let st = city();
    let f = problems_of(&st, 2026);
    assert_eq!(f.radiation.pairings, 4);
    assert_eq!(ids(&f.radiation.idle), ["b", "e"]);
    // (90 + 58.33 + 80 + 65 + 40) / 5 = 333.33 / 5 = 66.666 → 66.67%.
    assert_eq!(f.radiation.demo_rate, Some(Points(6667)));
    let last = problems_of(&st, 2025);
    assert_eq!(last.radiation.pairings, 2);
    // Listed by name in code-point order: 乙 (U+4E59) before 甲 (U+7532).
    assert_eq!(ids(&last.radiation.idle), ["b", "a"]);
    assert_eq!(last.radiation.demo_rate, None);
    // Ending a pairing today does not rewrite a past year: p2 ran through 2025.
    let mut ended = st.clone();
    let p2 = ended
        .pairings
        .iter_mut()
        .find(|p| p.id == "p2")
        .expect("p2");
    p2.status = PairingStatus::Ended;
    p2.ended_on = Some("2026-11-01".into());
    assert_eq!(problems_of(&ended, 2025).radiation, last.radiation);
    assert_eq!(
        problems_of(&ended, 2026).radiation.pairings,
        3,
        "but not now"
    );
}

#[test]
fn weak_guidance_counts_sites_with_no_visit_in_twelve_months() {
    let st = city();
    let f = problems_of(&st, 2026);
    assert_eq!(f.guidance.sites, 5);
    // d never visited first, then b, last visited on 2025-11-30.
    assert_eq!(ids(&f.guidance.unvisited), ["d", "b"]);
    // A year on, e (entered 2026, never visited) is overdue too.
    let later = problems_of_at(&st, 2027, "2027-01-02");
    assert!(
        ids(&later.guidance.unvisited).contains(&"e"),
        "{:?}",
        later.guidance.unvisited
    );
    // Listed as 概览 and 督导 list them: never visited first, then the longest ago, then
    // by name (a clerk's review: in roster order, matched by hand).
    let keys: Vec<(bool, String, String)> = later
        .guidance
        .unvisited
        .iter()
        .map(|l| (l.note != "从未督导", l.note.clone(), l.name.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        keys.len() >= 3 && !keys[0].0 && keys[keys.len() - 1].0,
        "{keys:?}"
    );
}

#[test]
fn late_promotion_is_the_median_and_longest_days_from_feedback_to_promotion() {
    let st = city();
    let f = problems_of(&st, 2026);
    // 10, 20, 50, 150: median (20 + 50) / 2 = 35, longest 150; slowest first.
    assert_eq!(f.promotion.days, vec![10, 20, 50, 150]);
    assert_eq!(f.promotion.median, Some(35.0));
    assert_eq!(f.promotion.longest, Some(150));
    assert_eq!(ids(&f.promotion.outcomes), ["b", "a", "d", "c"]);
    // A title with its own 「」 is quoted with 『』 inside, as everywhere else (a clerk
    // read 「「为民服务直通车」党员积分管理办法」).
    let mut quoted = st.clone();
    for o in quoted.outcomes.iter_mut() {
        o.title = format!("「直通车」{}", o.title);
    }
    let q = problems_of(&quoted, 2026);
    assert!(
        q.promotion.outcomes[0].note.starts_with("「『直通车』"),
        "{}",
        q.promotion.outcomes[0].note
    );
    let last = problems_of(&st, 2025);
    assert_eq!(last.promotion.median, Some(31.0));
}

#[test]
fn the_figures_put_last_year_beside_this_year() {
    let st = city();
    let now = problems_of(&st, 2026);
    let last = problems_of(&st, 2025);
    let figs = now.figures(Some(&last));
    assert_eq!(figs.len(), 5);
    assert_eq!(figs[0].headline, "总分极差 55 分");
    assert_eq!(figs[0].previous, "无考评数据");
    // 3 of 4 = 75% (e, new in 2026, not counted); last year 4 of 5 (f was still 警示
    // then).
    assert_eq!(figs[1].headline, "3 个（占 75%）");
    assert_eq!(figs[1].previous, "4 个（占 80%）");
    assert_eq!(figs[2].headline, "2 个结对");
    assert_eq!(figs[3].headline, "2 个（占 40%）");
    assert_eq!(figs[4].headline, "中位 35 天，最长 150 天");
    assert_eq!(figs[4].previous, "中位 31 天，最长 31 天");
    assert!(figs.iter().all(|f| !f.definition.is_empty()));
}

#[test]
fn other_figures_of_the_year() {
    let st = city();
    let report = round_report(&st, "r26").unwrap();
    let f = year_figures(&st, 2026, TODAY, Some(&report));
    // Now: 1 candidate (e), 4 named, 1 de-listed.
    assert_eq!(f.status_counts, [1, 4, 0, 1, 0]);
    // At the end of 2025, as the history tells: e not yet entered, b named (warned
    // only in 2026), f warned (de-listed only in 2026).
    let past = year_figures(&st, 2025, TODAY, None);
    assert_eq!(past.reference, "2025-12-31");
    assert_eq!(past.status_counts, [0, 4, 1, 0, 0]);
    // e enters in 2026: on no status of 2025, and said to be left out.
    assert_eq!(past.entering_later, 1);
    assert_eq!(f.entering_later, 0);
    // 2026: b warned 04-02, f de-listed 05-20, b's warning lifted 10-09 (not a new
    // 授牌).
    use exemplar::domain::reports::figures::ChangeKind;
    assert_eq!(f.changes_of(ChangeKind::Warned), 1);
    assert_eq!(f.changes_of(ChangeKind::Delisted), 1);
    assert_eq!(f.changes_of(ChangeKind::Named), 0);
    assert_eq!(f.changes_of(ChangeKind::Lifted), 1);
    // e entered in 2026 by the roster (no decision recorded): 入选培育 all the same,
    // undated, listed first.
    assert_eq!(f.changes_of(ChangeKind::Admitted), 1);
    assert_eq!(
        (f.changes[0].unit_id.as_str(), f.changes[0].date.as_str()),
        ("e", "")
    );
    assert_eq!(f.changes[1].unit_id, "b");
    // Default bands (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 70): a 90 优秀 (no recognised
    // innovation, so the scheme's condition may lower it), c 80 良好, d 67, b 65 and
    // e 35 不合格, in ranking order.
    let total: usize = f.grades.iter().sum();
    assert_eq!(total, 5);
    assert_eq!(f.grades[2], 0);
    assert_eq!(f.grades[3], 3);
    assert_eq!(f.grade_units[3], ["丁支部", "乙支部", "戊支部"]);
    // Outcomes dated 2026: o1, o2, o4 (o3 and o5 are dated 2025).
    assert_eq!(f.outcomes.total, 3);
}

#[test]
fn the_notice_carries_the_figures_and_the_committees_text() {
    let mut st = city();
    let report = round_report(&st, "r26").unwrap();
    let five = problems_of(&st, 2026);
    let figs = year_figures(&st, 2026, TODAY, Some(&report));
    let n = build_notice(&st, Some(&report), &figs, &five);
    assert_eq!(n.title, "关于2026年度基层党建示范点考评情况的通报");
    assert_eq!(n.recipients, "各基层党组织：");
    assert_eq!(n.date, "2026年12月1日");
    let headings: Vec<&str> = n.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、考评结果",
            "三、动态管理",
            "四、存在的问题",
            "五、下一步工作"
        ]
    );
    let all = n.all_text().join("\n");
    assert!(all.contains("不合格等次（3个）：丁支部、乙支部、戊支部。"));
    assert!(all.contains("本年度摘牌1个：己支部（工委〔2026〕5号）。"));
    // 退出 is part of the year's changes too.
    assert!(all.contains("本年度退出："), "{all}");
    assert!(all.contains("总分最高与最低相差55分"));
    // Overdue rectification, as 报表 counts it (a clerk's review: never said).
    let overdue_units: std::collections::BTreeSet<&str> =
        figs.overdue.iter().map(|l| l.unit_id.as_str()).collect();
    let said = if figs.overdue.is_empty() {
        "目前，没有逾期未完成的整改事项。".to_string()
    } else {
        format!(
            "目前，逾期未完成的整改事项{}项，涉及{}个单位。",
            figs.overdue.len(),
            overdue_units.len()
        )
    };
    assert!(all.contains(&said), "{all}");
    assert!(all.contains("用时中位数为35天，最长150天"));
    assert!(all.contains(
        "目前，全市共有基层党建示范点和创建单位5个，其中已授牌示范点4个、创建单位1个、警示0个。"
    ));
    // Never the committee's internal words.
    assert!(!all.contains("吃老本") && !all.contains("闭门造车"));
    // Types are counted among the units graded (candidates among them), not called
    // 示范点; the method names self-assessment only when it counts.
    assert!(all.contains("的二类、三类单位"), "{all}");
    assert!(all.contains("占参评单位的"), "{all}");
    let method = if report.self_weight_pct == 0 {
        "采取评委实地考察评分的方式进行".to_string()
    } else {
        format!(
            "采取单位自评（占{}%）与评委实地考察评分相结合的方式进行",
            report.self_weight_pct
        )
    };
    assert!(all.contains(&method), "{all}");
    // Idle pairings are counted out of the running ones.
    assert!(
        all.contains(&format!(
            "（三）辐射带动不强。{}个结对中有{}个超过",
            five.radiation.pairings,
            five.radiation.idle.len()
        )),
        "{all}"
    );

    // The committee's own text is kept with the year.
    let text = NoticeText {
        year: 2026,
        recipients: "各党委（党组）".into(),
        doc_no: " 市直工委〔2026〕12号 ".into(),
        next_steps: "一是抓整改。\n二是抓推广。".into(),
        date: "2026-12-20".into(),
        ..NoticeText::default()
    };
    // Not after the day it is written (a clerk's review: 12-20 was saved on 12-07).
    assert_eq!(
        set_notice_text(
            &mut st.clone(),
            text.clone(),
            "2026-12-07T10:00:00Z",
            "2026-12-07"
        ),
        Err(NoticeError::InFuture {
            date: "2026-12-20".into()
        })
    );
    set_notice_text(&mut st, text, "2026-12-20T10:00:00Z", "2026-12-20").unwrap();
    let n = build_notice(&st, Some(&report), &figs, &five);
    assert_eq!(n.recipients, "各党委（党组）：");
    assert_eq!(n.doc_no, "市直工委〔2026〕12号");
    // Not published yet: the draft mark first, then the 发文字号 above the title.
    assert_eq!(n.draft, "草稿：结果尚未发布");
    assert_eq!(
        n.all_text()[..2],
        ["草稿：结果尚未发布", "市直工委〔2026〕12号"],
        "first, above the title"
    );
    assert_eq!(n.date, "2026年12月20日");
    assert_eq!(n.sections[4].paragraphs, ["一是抓整改。", "二是抓推广。"]);
    let before = st.clone();
    let bad = NoticeText {
        year: 2026,
        date: "2026-13-01".into(),
        ..NoticeText::default()
    };
    assert_eq!(
        set_notice_text(&mut st, bad, "x", "x"),
        Err(NoticeError::BadDate("2026-13-01".into()))
    );
    // The 2026 通报 is dated in 2026 or early 2027; not in 2025, not in 2028.
    for (date, ok) in [
        ("2025-12-31", false),
        ("2026-12-28", true),
        ("2027-01-15", true),
        ("2028-01-01", false),
    ] {
        let text = NoticeText {
            year: 2026,
            date: date.into(),
            ..NoticeText::default()
        };
        let got = set_notice_text(&mut st.clone(), text, "x", "x");
        assert_eq!(got.is_ok(), ok, "{date}: {got:?}");
    }
    // The 发文字号 is numbered in the year it is written.
    for (doc_no, date, ok) in [
        ("市直机关工委〔2025〕12号", "2027-02-10", false),
        ("市直机关工委〔２０２５〕12号", "2027-02-10", false),
        ("市直机关工委〔2027〕12号", "2027-02-10", true),
        ("市直机关工委[2026]12号", "2026-12-20", true),
        ("市直机关工委〔2026〕12号", "", true),
        ("市直机关工委12号", "2027-02-10", true),
    ] {
        let text = NoticeText {
            year: 2026,
            doc_no: doc_no.into(),
            date: date.into(),
            ..NoticeText::default()
        };
        // Written by then; with no date, the 通报 takes the day it is saved (2026).
        let now = if date.is_empty() {
            "2026-12-01T10:00:00Z"
        } else {
            "2027-03-01T10:00:00Z"
        };
        let got = set_notice_text(&mut st.clone(), text, now, &now[..10]);
        assert_eq!(got.is_ok(), ok, "{doc_no} {date}: {got:?}");
        // The form marks both fields (a clerk's review: it marked none).
        if let Err(e) = got {
            assert_eq!(
                exemplar::domain::problems::FieldsAt::fields(&e),
                ["发文字号", "成文日期"]
            );
        }
    }
    // Nor before the last change it reports (b's warning lifted on 2026-10-09).
    let early = NoticeText {
        year: 2026,
        date: "2026-06-01".into(),
        ..NoticeText::default()
    };
    let got = set_notice_text(&mut st.clone(), early, "2026-12-01T10:00:00Z", "2026-12-01");
    assert!(
        matches!(&got, Err(NoticeError::BeforeItsEvents { event, .. }) if event.starts_with("2026-10-09 ")),
        "{got:?}"
    );
    if let Err(e) = got {
        assert_eq!(
            exemplar::domain::problems::FieldsAt::fields(&e),
            ["成文日期"]
        );
    }
    // Nor before the results it announces were published (a clerk's review).
    let mut published = st.clone();
    let round = published
        .rounds
        .iter_mut()
        .find(|r| r.year == 2026)
        .expect("the year's round");
    round.publication = Some(exemplar::domain::Publication {
        at: "2026-12-07T03:53:00Z".into(),
        digest: String::new(),
        units: Default::default(),
    });
    let on = |date: &str| NoticeText {
        year: 2026,
        date: date.into(),
        ..NoticeText::default()
    };
    let got = set_notice_text(
        &mut published.clone(),
        on("2026-12-05"),
        "2026-12-08T10:00:00Z",
        "2026-12-08",
    );
    assert_eq!(
        got,
        Err(NoticeError::BeforeItsEvents {
            date: "2026-12-05".into(),
            event: "2026-12-07 发布2026年度考评结果".into()
        })
    );
    assert!(set_notice_text(
        &mut published,
        on("2026-12-07"),
        "2026-12-08T10:00:00Z",
        "2026-12-08"
    )
    .is_ok());
    assert_eq!(st, before);
}

#[test]
fn a_past_years_notice_counts_the_units_at_that_years_end() {
    let st = city();
    let five = problems_of(&st, 2025);
    let figs = year_figures(&st, 2025, TODAY, None);
    let n = build_notice(&st, None, &figs, &five);
    let all = n.all_text().join("\n");
    // Not today's 5 (e entered in 2026); f was 警示 until 2026-05-20.
    assert!(
        all.contains("截至2025年底，全市共有基层党建示范点和创建单位5个，其中已授牌示范点4个、创建单位0个、警示1个。"),
        "{all}"
    );
    // No round that year: no 考评工作 is said to have been carried out.
    assert!(
        n.opening
            .contains("现将2025年度基层党建示范点建设有关情况通报如下（本年度未开展考评）"),
        "{}",
        n.opening
    );
    assert!(!n.opening.contains("组织开展了"), "{}", n.opening);
    // Nor titled or laid out as a 考评 通报: no 考评结果 part, the others numbered on,
    // and 下一步工作 not about 考评结果.
    assert_eq!(n.title, "关于2025年度基层党建示范点建设情况的通报");
    let headings: Vec<&str> = n.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、动态管理",
            "三、存在的问题",
            "四、下一步工作"
        ]
    );
    assert!(!all.contains("等次"), "{all}");
    assert!(!all.contains("对照考评结果"), "{all}");
    use exemplar::domain::reports::notice::default_next_steps;
    assert!(!default_next_steps(&st, 2025).contains("考评结果"));
    assert!(default_next_steps(&st, 2026).contains("考评结果"));
}

#[test]
fn a_year_with_no_records_says_so_rather_than_every_site_failing() {
    let mut st = city();
    st.outcomes
        .retain(|o| o.filed_on.as_deref().is_none_or(|d| !d.starts_with("2025")));
    st.guidance_visits
        .retain(|v| v.date.as_str() > "2025-12-31");
    let last = problems_of(&st, 2025);
    let now = problems_of(&st, 2026);
    let figs = now.figures(Some(&last));
    assert_eq!(figs[1].previous, "无备案记录");
    assert_eq!(figs[3].previous, "无督导记录");
    // No pairing running in 2025: said so, not "0 个结对" (which reads as all well).
    let mut none = st.clone();
    none.pairings = Vec::new().into();
    let past = problems_of(&none, 2025).figures(None);
    assert_eq!(past[2].headline, "无进行中的结对");
    // Nobody is listed behind a figure that has nothing to count.
    let past = last.figures(None);
    assert!(past[1].sites.is_empty() && past[3].sites.is_empty());
    let figures = year_figures(&st, 2025, TODAY, None);
    let all = build_notice(&st, None, &figures, &last)
        .all_text()
        .join("\n");
    assert!(
        all.contains("（二）经验挖掘不够。本年度没有成果备案记录。"),
        "{all}"
    );
    assert!(
        all.contains("（四）指导不够有力。尚无督导或指导记录。"),
        "{all}"
    );
    // No pairing at all is said as such, not as "0 个结对" idle.
    st.pairings.clear();
    let none = problems_of(&st, 2025);
    let all = build_notice(&st, None, &figures, &none)
        .all_text()
        .join("\n");
    assert!(
        all.contains("（三）辐射带动不强。尚无正在开展的结对。"),
        "{all}"
    );
}

/// A clerk's review: with no round in the year the 通报 left out the recognised count,
/// and with every site filing it printed 0个单位本年度没有成果备案，占0%.
#[test]
fn a_notice_without_a_round_counts_recognitions_and_every_site_filing_is_said_plainly() {
    let st = city();
    let figures = year_figures(&st, 2025, TODAY, None);
    let mut five = problems_of(&st, 2025);
    let all = build_notice(&st, None, &figures, &five)
        .all_text()
        .join("\n");
    assert!(
        all.contains(&format!(
            "本年度尚未进行考评评定。本年度登记成果{}项，其中认定为创新成果{}项。",
            figures.outcomes.total, figures.outcomes.recognised
        )),
        "{all}"
    );
    five.not_dug.any_filed = true;
    five.not_dug.without.clear();
    let all = build_notice(&st, None, &figures, &five)
        .all_text()
        .join("\n");
    assert!(
        all.contains("（二）经验挖掘不够。本年度各单位均有成果备案。"),
        "{all}"
    );
    assert!(!all.contains("0个单位"), "{all}");
}

#[test]
fn a_units_status_on_a_date_follows_its_history() {
    let st = city();
    let b = &st.units[1];
    assert_eq!(b.status_on("2026-01-01"), Some(UnitStatus::Named));
    assert_eq!(b.status_on("2026-04-02"), Some(UnitStatus::Warned));
    assert_eq!(b.status_on("2026-10-08"), Some(UnitStatus::Warned));
    assert_eq!(b.status_on("2026-10-09"), Some(UnitStatus::Named));
    // Before the year it entered: not in the programme at all.
    let e = &st.units[4];
    assert_eq!(e.status_on("2025-12-31"), None);
    assert_eq!(e.status_on("2026-06-30"), Some(UnitStatus::Candidate));
    assert_eq!(e.status_on("not a date"), None);
    // A change entered late and back-dated falls where its date puts it.
    let mut late = b.clone();
    late.history.swap(0, 1);
    assert_eq!(late.status_on("2026-05-01"), Some(UnitStatus::Warned));
    assert_eq!(late.status_on("2026-01-01"), Some(UnitStatus::Named));
    assert_eq!(late.status_on("2026-12-01"), Some(UnitStatus::Named));
}

#[test]
fn old_stored_data_without_notices_still_loads() {
    let st: AppState = serde_json::from_str(r#"{"units":[]}"#).unwrap();
    assert!(st.notices.is_empty());
}

#[test]
fn the_sample_city_shows_all_five_problems() {
    let st = exemplar::domain::sample::sample_city(2026);
    for today in ["2026-12-01", "2027-03-01"] {
        let f = problems_of_at(&st, 2026, today);
        let figs = f.figures(None);
        for fig in &figs {
            assert!(
                !fig.sites.is_empty(),
                "{} at {today}: no sites",
                fig.category.label()
            );
        }
        assert!(f.promotion.median.is_some());
        assert!(f.uneven.spread.is_some());
        // The 通报 counts the overdue rectification 报表 lists.
        let report = exemplar::domain::reports::report_of_year(&st, 2026);
        let figs = year_figures(&st, 2026, today, report.as_ref());
        assert!(!figs.overdue.is_empty(), "the sample has overdue items");
        let all = build_notice(&st, report.as_ref(), &figs, &f)
            .all_text()
            .join("\n");
        let when = if today.starts_with("2027") {
            "截至2026年底"
        } else {
            "目前"
        };
        assert!(
            all.contains(&format!(
                "{when}，逾期未完成的整改事项{}项，涉及",
                figs.overdue.len()
            )),
            "{all}"
        );
    }
}

fn problems_of_at(st: &AppState, year: u16, today: &str) -> FiveProblems {
    let report = exemplar::domain::reports::report_of_year(st, year);
    five_problems(st, year, today, report.as_ref())
}

#[test]
fn a_withdrawal_is_reported_and_a_lifted_warning_is_not_a_new_naming() {
    let mut st = city();
    let report = round_report(&st, "r26").unwrap();
    let five = problems_of(&st, 2026);
    use exemplar::domain::reports::figures::ChangeKind;
    let before = year_figures(&st, 2026, TODAY, Some(&report));
    // Two units of the city: one warned and lifted, one withdrawn, in 2026.
    let (a, b) = (st.units[0].id.clone(), st.units[1].id.clone());
    for (id, steps) in [
        (
            a,
            vec![
                (
                    UnitStatus::Named,
                    UnitStatus::Warned,
                    "2026-03-01",
                    "工委〔2026〕7号",
                ),
                (
                    UnitStatus::Warned,
                    UnitStatus::Named,
                    "2026-09-01",
                    "工委〔2026〕9号",
                ),
            ],
        ),
        (
            b,
            vec![(UnitStatus::Named, UnitStatus::Withdrawn, "2026-10-01", "")],
        ),
    ] {
        let u = st.units.iter_mut().find(|u| u.id == id).unwrap();
        for (from, to, date, doc) in steps {
            u.history.push(StatusChange {
                date: date.into(),
                from,
                to,
                reason: "测试".into(),
                doc_no: doc.into(),
            });
        }
    }
    let figs = year_figures(&st, 2026, TODAY, Some(&report));
    let more = |k: ChangeKind| figs.changes_of(k) - before.changes_of(k);
    assert_eq!(more(ChangeKind::Named), 0, "lifting is not naming");
    assert_eq!(more(ChangeKind::Lifted), 1);
    assert_eq!(more(ChangeKind::Warned), 1);
    assert_eq!(more(ChangeKind::Withdrawn), 1);
    let all = build_notice(&st, Some(&report), &figs, &five).all_text();
    let line = |verb: &str| {
        all.iter()
            .find(|l| l.starts_with(&format!("本年度{verb}")))
            .cloned()
            .unwrap_or_default()
    };
    let (na, nb) = (st.units[0].name.clone(), st.units[1].name.clone());
    // Both lifted by one decision: named together, its 文号 after them.
    assert!(
        line("解除警示").contains(&format!("{na}、{nb}（工委〔2026〕9号）")),
        "{all:?}"
    );
    // Two decisions: each 文号 after its own unit, the groups apart.
    assert!(line("警示").contains("（工委〔2026〕7号）；"), "{all:?}");
    assert!(line("退出").contains(&nb), "{all:?}");
    assert!(!line("授牌").contains(&na), "{all:?}");
}

#[test]
fn a_unit_graded_and_since_gone_is_named_so_and_the_counts_agree() {
    let mut st = city();
    let d = st.units.iter_mut().find(|u| u.id == "d").unwrap();
    d.history.push(StatusChange {
        date: "2026-11-25".into(),
        from: UnitStatus::Named,
        to: UnitStatus::Withdrawn,
        reason: "单位撤并".into(),
        doc_no: "工委〔2026〕9号".into(),
    });
    d.status = UnitStatus::Withdrawn;
    let report = round_report(&st, "r26").unwrap();
    let f = year_figures(&st, 2026, TODAY, Some(&report));
    assert_eq!(f.departed_graded, 1);
    assert_eq!(f.grade_units[3], ["丁支部（已退出）", "乙支部", "戊支部"]);
    let five = problems_of(&st, 2026);
    let n = build_notice(&st, Some(&report), &f, &five);
    let situation = n.sections[0].paragraphs.join("");
    // 3 named + 1 candidate now (d gone, f de-listed): 4 sites, 5 graded.
    assert!(
        situation.contains("共有基层党建示范点和创建单位4个")
            && situation.contains(
                "共对5个单位进行了评定（其中4个为现有示范点和创建单位，另有1个单位已摘牌或退出）"
            ),
        "{situation}"
    );
    let results = n.sections[1].paragraphs.join("");
    assert!(results.contains("丁支部（已退出）"), "{results}");
    // Without a departure the sentence is as before.
    let st = city();
    let report = round_report(&st, "r26").unwrap();
    let f = year_figures(&st, 2026, TODAY, Some(&report));
    let n = build_notice(&st, Some(&report), &f, &problems_of(&st, 2026));
    assert_eq!(f.departed_graded, 0);
    assert!(!n.sections[0].paragraphs.join("").contains("已摘牌或退出"));
}

#[test]
fn a_year_without_a_round_can_be_reported_when_something_happened_in_it() {
    use exemplar::domain::reports::report_years;
    let mut st = state(
        vec![unit("a", "甲支部", UnitStatus::Candidate)],
        vec![],
        vec![],
    );
    st.rounds = Vec::new();
    // Nothing but this year.
    assert_eq!(report_years(&st, 2026), [2026]);
    // A naming in 2024, an outcome dated 2023, a visit in 2025 and a round set up
    // ahead for 2027: each year can be chosen. A date after this year adds none.
    st.units[0].history.push(StatusChange {
        date: "2024-06-01".into(),
        from: UnitStatus::Candidate,
        to: UnitStatus::Named,
        reason: "创建期满".into(),
        doc_no: "工委〔2024〕2号".into(),
    });
    let mut o = outcomes().remove(0);
    o.unit_id = "a".into();
    o.date = "2023-09-09".into();
    st.outcomes.push(o.clone());
    o.id = "later".into();
    o.date = "2028-01-01".into();
    st.outcomes.push(o);
    let mut v = visits().remove(0);
    v.unit_id = "a".into();
    v.date = "2025-05-05".into();
    st.guidance_visits.push(v);
    st.rounds.push(round("r27", 2027, &["a"], &[]).into());
    assert_eq!(report_years(&st, 2026), [2027, 2026, 2025, 2024, 2023]);
}

#[test]
fn a_year_with_nothing_to_count_from_says_so_rather_than_listing_nobody() {
    // No round, no filing, no visit: those three figures count nothing, so no site is
    // said to be involved or not; 结对 and 推介 count what there is (none).
    let mut st = state(vec![unit("a", "甲支部", UnitStatus::Named)], vec![], vec![]);
    st.rounds = Vec::new();
    let figures = problems_of(&st, 2026).figures(None);
    let counted: Vec<bool> = figures.iter().map(|f| f.counted).collect();
    assert_eq!(counted, [false, false, true, false, true]);
    assert!(figures.iter().all(|f| f.sites.is_empty()));
    // With the city's records, every figure counts.
    let figures = problems_of(&city(), 2026).figures(None);
    assert!(figures.iter().all(|f| f.counted), "{figures:?}");
}

#[test]
fn a_unit_admitted_in_the_year_is_said_in_the_notice_with_its_decision() {
    // The sample admits 市图书馆党支部 through 申报遴选 (入选培育, 〔2026〕18号); five
    // more units the roster says entered in 2026 (创建中, entered on 单位) are counted
    // too, as the 名册's 入选年份 counts them (a clerk's review: the 通报 said 1, the
    // 名册 6).
    let st = exemplar::domain::sample::sample_city(2026);
    let report = exemplar::domain::reports::report_of_year(&st, 2026);
    let five = problems_of(&st, 2026);
    let figs = year_figures(&st, 2026, TODAY, report.as_ref());
    let entered = st.units.iter().filter(|u| u.entered_year == 2026).count();
    assert_eq!(entered, 6);
    assert_eq!(
        figs.changes_of(exemplar::domain::reports::figures::ChangeKind::Admitted),
        entered
    );
    let all = build_notice(&st, report.as_ref(), &figs, &five)
        .all_text()
        .join("\n");
    assert!(all.contains("本年度入选培育6个："), "{all}");
    // The one entered by a decision first, with its 文号, the others after a `；`: a
    // 文号 at the end of the line read as if it covered all six.
    assert!(
        all.contains("本年度入选培育6个：市图书馆党支部（市直机关工委〔2026〕18号）；"),
        "{all}"
    );
    // A year with none says so, as 报表 does (a clerk's review: the 2025 通报 left the
    // line out, the 2026 one had it); 解除警示 is said only in a year with one.
    let past = year_figures(&st, 2025, TODAY, None);
    let all = build_notice(&st, None, &past, &problems_of(&st, 2025))
        .all_text()
        .join("\n");
    assert!(all.contains("本年度入选培育：无。"), "{all}");
    assert!(!all.contains("本年度解除警示"), "{all}");
}

/// A clerk's review: the 考评报告 a unit receives named no issuing body and no date.
#[test]
fn a_report_card_is_signed_by_the_committee_and_dated() {
    use exemplar::domain::report::card_dateline;
    let mut s = exemplar::domain::sample::sample_city(2026);
    let latest = s.rounds.iter().map(|r| r.year).max().expect("a round");
    let draft = s
        .rounds
        .iter()
        .find(|r| r.year == latest)
        .map(|r| Round::clone(r))
        .expect("the latest round");
    // Not yet published: the day it is printed.
    let (signer, date) = card_dateline(
        &s,
        &Round {
            publication: None,
            ..draft.clone()
        },
        "2026-12-01T09:00:00Z",
    );
    assert_eq!(signer, "中共市直机关工作委员会");
    assert_eq!(date, "制表日期：2026年12月1日");
    // Published on the evening of 3 December (UTC), the 4th in Beijing; signed as the
    // committee signed its 通报 of that year.
    let published = Round {
        publication: Some(Publication {
            at: "2026-12-03T17:00:00Z".into(),
            digest: String::new(),
            units: Default::default(),
        }),
        ..draft
    };
    let mut notices: Vec<NoticeText> = s
        .notices
        .iter()
        .filter(|n| n.year != latest)
        .cloned()
        .collect();
    notices.push(NoticeText {
        year: latest,
        signer: "中共某市直属机关工作委员会".into(),
        ..Default::default()
    });
    s.notices = notices.into();
    assert_eq!(
        card_dateline(&s, &published, "2026-12-05T09:00:00Z"),
        (
            "中共某市直属机关工作委员会".to_string(),
            "2026年12月4日".to_string()
        )
    );
}

/// A clerk's review: a 通报 saved with its 文号 and 成文日期 went on changing with the
/// data (a unit selected the next day was added to 入选培育 and to the count), with
/// nothing said. The page now says which lines read otherwise than when it was saved.
#[test]
fn a_saved_notice_says_which_lines_changed_with_the_data_since() {
    use exemplar::domain::reports::notice::{changed_since_saved, keep_saved_body, notice_of_year};
    let mut st = city();
    let text = NoticeText {
        year: 2026,
        doc_no: "市直工委〔2026〕30号".into(),
        date: "2026-11-30".into(),
        ..NoticeText::default()
    };
    set_notice_text(&mut st, text, "2026-12-01T10:00:00Z", "2026-12-01").unwrap();
    // Saved without its body (as before this was kept): nothing to compare with.
    assert_eq!(
        changed_since_saved(&st, &notice_of_year(&st, 2026, TODAY)),
        None
    );
    keep_saved_body(&mut st, 2026, TODAY);
    assert_eq!(
        changed_since_saved(&st, &notice_of_year(&st, 2026, TODAY)),
        None
    );
    // A unit selected for the year after it was saved.
    let mut u = unit("g", "庚支部", UnitStatus::Candidate);
    u.entered_year = 2026;
    u.history.push(StatusChange {
        date: "2026-12-01".into(),
        from: UnitStatus::Candidate,
        to: UnitStatus::Candidate,
        reason: "申报遴选入选培育".into(),
        doc_no: "市直工委〔2026〕31号".into(),
    });
    st.units.push(u);
    let (at, lines) = changed_since_saved(&st, &notice_of_year(&st, 2026, TODAY)).expect("said");
    assert_eq!(at, st.notices[0].meta.updated);
    assert!(
        lines.iter().any(|l| l.contains("创建单位2个")),
        "the count: {lines:?}"
    );
    // Saved again, it reads as saved.
    keep_saved_body(&mut st, 2026, TODAY);
    assert_eq!(
        changed_since_saved(&st, &notice_of_year(&st, 2026, TODAY)),
        None
    );
}

/// A clerk's review: 标记已完成 on an item 287 days overdue made the 通报's overdue
/// figure smaller at once, with nothing said, before the committee had verified it.
#[test]
fn an_item_reported_done_past_its_deadline_is_said_beside_the_overdue_figure() {
    use exemplar::domain::between_rounds::rectification::report_done;
    let today = "2026-12-06";
    let mut st = sample::sample_city(2026);
    let notice = |st: &AppState, today: &str| {
        let report = exemplar::domain::reports::report_of_year(st, 2026);
        let five = five_problems(st, 2026, today, report.as_ref());
        let figs = year_figures(st, 2026, today, report.as_ref());
        let n = build_notice(st, report.as_ref(), &figs, &five);
        (figs, n.all_text().join("\n"))
    };
    let (before, said) = notice(&st, today);
    assert!(before.overdue.len() >= 2, "the sample has overdue items");
    let k = before.done_awaiting_closure;
    assert_eq!(
        said.contains(&format!("另有{k}项已过整改期限、单位已报告完成")),
        k > 0,
        "{said}"
    );
    let first = before.overdue[0].unit_id.clone();
    let id = st
        .rectifications
        .iter()
        .find(|r| {
            r.unit_id == first
                && exemplar::domain::between_rounds::rectification::is_overdue(r, today)
        })
        .expect("an overdue item")
        .id
        .clone();
    report_done(&mut st, &id, "2026-12-06T08:00:00Z").expect("reported done");
    let (after, said) = notice(&st, today);
    assert_eq!(after.overdue.len(), before.overdue.len() - 1);
    assert_eq!(after.done_awaiting_closure, k + 1);
    assert!(
        said.contains(&format!(
            "另有{}项已过整改期限、单位已报告完成，待核验后销号。",
            after.done_awaiting_closure
        )),
        "{said}"
    );
    // A finished year read at its end does not say it (when it was reported is not
    // known).
    let (later, said) = notice(&st, "2027-04-01");
    assert_eq!(later.done_awaiting_closure, 0);
    assert!(!said.contains("已报告完成"), "{said}");
}
