//! The phases of generating a city, in the order they draw from the one generator:
//! the roster, the schemes and rounds with every sheet, outcomes, and the records
//! between rounds.

use super::*;

/// The roster, and how good each unit is (what its scores are drawn around).
pub(super) fn sample_units(
    st: &mut AppState,
    rng: &mut Rng,
    plan: &Plan,
    years: (u16, u16),
) -> BTreeMap<Id, Quality> {
    let (first_year, last_year) = years;
    // Units.
    let names = unit_names(rng, plan.units);
    let mut quality: BTreeMap<Id, Quality> = BTreeMap::new();
    for (k, (name, sector, org_type)) in names.into_iter().enumerate() {
        let id = st.new_id("u");
        let entered_year = if plan.late_entrants && k % 7 == 6 {
            last_year
        } else {
            first_year.saturating_sub(1 + rng.below(2) as u16)
        };
        let mut unit = Unit {
            id: id.clone(),
            name,
            sector: sector.to_string(),
            org_type,
            leader: person(rng),
            contact: format!("1{:02}{:08}", 30 + rng.below(60), rng.below(100_000_000)),
            entered_year,
            status: UnitStatus::Candidate,
            plaque_no: None,
            named_on: None,
            rectify_by: None,
            history: Vec::new(),
            reviews: Vec::new(),
            extensions: Vec::new(),
            meta: RecordMeta::default(),
        };
        if entered_year < last_year {
            let named = format!("{}-12-{:02}", entered_year, 10 + rng.below(18));
            unit.history.push(StatusChange {
                date: named.clone(),
                from: UnitStatus::Candidate,
                to: UnitStatus::Named,
                reason: "创建期满，考评良好以上，予以授牌".to_string(),
                // One number per decision: the units named on one day share it, two
                // days never do (the draw stays, so the rest of the sample is as it was).
                doc_no: {
                    let _ = rng.below(40);
                    format!(
                        "市直机关工委〔{}〕{}号",
                        entered_year,
                        40 + named
                            .get(8..10)
                            .and_then(|d| d.parse::<u32>().ok())
                            .unwrap_or(0)
                    )
                },
            });
            unit.status = UnitStatus::Named;
            unit.plaque_no = Some(format!("SFD-{}-{:03}", entered_year, k + 1));
            unit.named_on = Some(named);
        }
        // A few less diligent or less outward-looking units.
        let own = rng.range(0.72, 0.97);
        let demo = if k % 5 == 3 {
            own - rng.range(0.15, 0.3)
        } else {
            own + rng.range(-0.08, 0.04)
        };
        let own = if k % 11 == 5 { own - 0.2 } else { own };
        quality.insert(id, Quality { own, demo });
        st.units.push(unit);
    }
    quality
}

/// A scheme version and a round per year, with every source's sheets and adjustments.
pub(super) fn sample_rounds(
    st: &mut AppState,
    rng: &mut Rng,
    plan: &Plan,
    years: (u16, u16),
    quality: &BTreeMap<Id, Quality>,
) {
    let last_year = years.1;
    // Schemes and rounds.
    for &year in &plan.years {
        let sid = st.new_id("s");
        let mut scheme = (plan.scheme)(&sid, year);
        // The latest round's page shows the what-if normalised totals beside the
        // official ones (docs/scoring.md §8).
        scheme.aggregation.what_if_normalised = year == last_year;
        let rid = st.new_id("r");
        let unit_ids: Vec<Id> = st
            .units
            .iter()
            .filter(|u| u.entered_year <= year)
            .map(|u| u.id.clone())
            .collect();
        let assessors = sample_assessors(rng, plan, year);
        let sheets = sample_sheets(rng, plan, &scheme, &assessors, &unit_ids, quality, year);
        let adjustments = sample_adjustments(st, rng, &scheme, &unit_ids, year == last_year);
        st.rounds.push(
            Round {
                id: rid,
                name: format!("{year}年度考评"),
                year,
                scheme_id: sid,
                unit_ids,
                assessors,
                sheets: sheets.into(),
                adjustments,
                type_overrides: Vec::new(),
                decided_proposals: Vec::new(),
                dismissed_proposals: Vec::new(),
                published: year != last_year,
                publication: None,
                meta: RecordMeta::default(),
            }
            .into(),
        );
        st.schemes.push(scheme);
    }
}

fn sample_assessors(rng: &mut Rng, plan: &Plan, year: u16) -> Vec<Assessor> {
    (0..plan.assessors)
        .map(|i| Assessor {
            id: format!("a{year}-{}", i + 1),
            name: person(rng),
            org: rng
                .pick(&[
                    "市直机关工委组织部",
                    "市委组织部",
                    "党建专家",
                    "市直机关工委办公室",
                    "党校教授",
                ])
                .to_string(),
            unit_ids: Vec::new(),
        })
        .collect()
}

/// A moment in November of `year`, when the sheets come in.
fn stamp_day(rng: &mut Rng, year: u16) -> String {
    format!(
        "{year}-11-{:02}T{:02}:{:02}:00Z",
        10 + rng.below(15),
        8 + rng.below(10),
        rng.below(60)
    )
}

/// Every assessor's sheet for every unit (each assessor a little strict or lenient),
/// then each unit's self-assessment with some evidence notes.
fn sample_sheets(
    rng: &mut Rng,
    plan: &Plan,
    scheme: &Scheme,
    assessors: &[Assessor],
    unit_ids: &[Id],
    quality: &BTreeMap<Id, Quality>,
    year: u16,
) -> Vec<ScoreSheet> {
    let mut sheets = Vec::new();
    let biases: Vec<f64> = assessors.iter().map(|_| rng.range(-0.04, 0.04)).collect();
    for (ai, a) in assessors.iter().enumerate() {
        let updated = stamp_day(rng, year);
        for uid in unit_ids {
            let Some(q) = quality.get(uid) else { continue };
            let points = score_sheet(rng, scheme, q, biases[ai], 0.0);
            sheets.push(ScoreSheet {
                unit_id: uid.clone(),
                source: SheetSource::Assessor(a.id.clone()),
                points,
                evidence: BTreeMap::new(),
                submitted: true,
                meta: RecordMeta {
                    rev: 1,
                    updated: updated.clone(),
                    by: a.id.clone(),
                },
            });
        }
    }
    for uid in unit_ids {
        let Some(q) = quality.get(uid) else { continue };
        let points = score_sheet(rng, scheme, q, 0.06, 0.0);
        let mut evidence = BTreeMap::new();
        let ids: Vec<Id> = scheme.indicators().map(|i| i.id.clone()).collect();
        for _ in 0..plan.evidence_notes {
            evidence.insert(rng.pick(&ids).clone(), rng.pick(EVIDENCE).to_string());
        }
        sheets.push(ScoreSheet {
            unit_id: uid.clone(),
            source: SheetSource::SelfAssessment,
            points,
            evidence,
            submitted: true,
            meta: RecordMeta {
                rev: 1,
                updated: stamp_day(rng, year),
                by: uid.clone(),
            },
        });
    }
    sheets
}

/// Adjustments: some bonus, some deductions, and (in the latest round) a rare veto.
fn sample_adjustments(
    st: &mut AppState,
    rng: &mut Rng,
    scheme: &Scheme,
    unit_ids: &[Id],
    latest: bool,
) -> Vec<Adjustment> {
    let mut adjustments = Vec::new();
    for uid in unit_ids {
        if rng.chance(0.2) {
            let item = rng.pick(&scheme.bonus_items).id.clone();
            adjustments.push(Adjustment {
                id: st.new_id("j"),
                unit_id: uid.clone(),
                kind: AdjustmentKind::Bonus,
                item_id: item,
                count: 1 + rng.below(2) as u32,
                note: String::new(),
            });
        }
        if rng.chance(0.12) {
            let item = scheme.deduction_items[rng.below(4) as usize].id.clone();
            adjustments.push(Adjustment {
                id: st.new_id("j"),
                unit_id: uid.clone(),
                kind: AdjustmentKind::Deduction,
                item_id: item,
                count: 1,
                note: String::new(),
            });
        }
    }
    if latest {
        if let Some(uid) = unit_ids.get(unit_ids.len() / 2) {
            adjustments.push(Adjustment {
                id: st.new_id("j"),
                unit_id: uid.clone(),
                kind: AdjustmentKind::Veto,
                item_id: scheme.veto_items[1].id.clone(),
                count: 1,
                note: "年内发生安全责任事故，经核实".to_string(),
            });
        }
    }
    adjustments
}

/// Outcomes per unit and year.
pub(super) fn sample_outcomes(st: &mut AppState, rng: &mut Rng, plan: &Plan) {
    // Outcomes.
    let unit_ids: Vec<Id> = st.units.iter().map(|u| u.id.clone()).collect();
    for &year in &plan.years {
        for uid in &unit_ids {
            let mut n = plan.outcomes_per_unit_year;
            while n > 0.0 {
                if !rng.chance(n.min(1.0)) {
                    break;
                }
                n -= 1.0;
                let (form, kind) = *rng.pick(OUTCOME_FORMS);
                let brand = rng.pick(BRANDS);
                let d = date_until(year as i32, rng, plan.today);
                let filed = rng.chance(0.7);
                let promotion = *rng.pick(&PromotionStage::ALL);
                let id = st.new_id("o");
                let outcome = Outcome {
                    id,
                    unit_id: uid.clone(),
                    title: form.replace("{}", brand),
                    date: d.clone(),
                    kind,
                    innovations: vec![*rng.pick(&Innovation::ALL)],
                    description: format!("围绕「{brand}」开展实践，形成可复制可推广的经验做法"),
                    evidence: Vec::new(),
                    filed_on: filed.then(|| d.clone()),
                    feedback_on: (filed && rng.chance(0.6)).then(|| d.clone()),
                    promotion,
                    promoted_on: (promotion != PromotionStage::OwnUnit).then(|| d.clone()),
                    recognised: rng.chance(0.45),
                    incentive: String::new(),
                    path: OutcomePath::default(),
                    meta: RecordMeta::default(),
                };
                // Nothing before the unit joined: its draws are made all the same, so
                // the rest of the city stays as it was.
                if joined_by(st, uid, year) {
                    st.outcomes.push(outcome);
                }
            }
        }
    }
}

/// Pairings, rectification items, resources and guidance visits.
pub(super) fn sample_between(st: &mut AppState, rng: &mut Rng, plan: &Plan, years: (u16, u16)) {
    let (first_year, last_year) = years;
    let unit_ids: Vec<Id> = st.units.iter().map(|u| u.id.clone()).collect();
    // Pairings, rectifications, resources, guidance.
    for (k, uid) in unit_ids.iter().enumerate() {
        if k % 3 == 0 {
            sample_pairing(st, rng, &unit_ids, k, first_year, plan.today);
        }
        if k % 4 == 1 {
            sample_rectification(st, rng, plan, uid, k, last_year);
        }
        sample_resources(st, rng, plan, uid, k);
        if k % 3 != 2 {
            sample_visit(st, rng, uid, k, last_year, plan.today);
        }
    }
    // Visits of the year before too, so that 报表 has last year's 指导不够有力 (drawn
    // after everything else: the rest of the sample stays as it was).
    if first_year < last_year {
        for (k, uid) in unit_ids.iter().enumerate().filter(|(k, _)| k % 2 == 0) {
            sample_visit(st, rng, uid, k, first_year, plan.today);
            // None before the unit joined (drawn all the same, as for outcomes).
            if !joined_by(st, uid, first_year) {
                st.guidance_visits.pop();
            }
        }
    }
}

/// Unit `k` pairs with another unit of the roster, one it is not yet paired with
/// either way round (as `pairing::add` requires); its activities fall on or after
/// the start, in date order.
fn sample_pairing(
    st: &mut AppState,
    rng: &mut Rng,
    unit_ids: &[Id],
    k: usize,
    first_year: u16,
    today: &str,
) {
    let uid = &unit_ids[k];
    let paired = |a: &Id| {
        st.pairings.iter().any(|p| {
            (p.site_id == *uid && p.partner_unit_id.as_ref() == Some(a))
                || (p.site_id == *a && p.partner_unit_id.as_ref() == Some(uid))
        })
    };
    // A unit that joined later pairs from the spring of its first year, with a partner
    // on the roster by then.
    let joined = st.unit(uid).map_or(first_year, |u| u.entered_year);
    let start_year = first_year.max(joined);
    let n = unit_ids.len();
    let Some(partner) = (0..n)
        .map(|i| &unit_ids[(k * 7 + 5 + i) % n])
        .find(|a| *a != uid && !paired(a) && joined_by(st, a, start_year))
    else {
        return;
    };
    let partner_name = st.unit(partner).map(|u| u.name.clone()).unwrap_or_default();
    let start_year = start_year as i32;
    let this_year: i32 = today
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(i32::MAX);
    let start = format!("{start_year}-03-01");
    let mut activities: Vec<PairingActivity> = (0..rng.below(5))
        .enumerate()
        .map(|(i, _)| {
            let year = (start_year + rng.below(2) as i32).min(this_year);
            let drawn = date_until(year, rng, today);
            PairingActivity {
                date: drawn.max(start.clone()),
                title: rng.pick(ACTIVITIES).to_string(),
                note: String::new(),
                form: ActivityForm::ALL[(k + i) % ActivityForm::ALL.len()],
                participants: "双方党组织书记、党员代表".to_string(),
                result: String::new(),
            }
        })
        .collect();
    activities.sort_by(|x, y| x.date.cmp(&y.date));
    let id = st.new_id("p");
    st.pairings.push(Pairing {
        id,
        site_id: uid.clone(),
        partner_unit_id: Some(partner.clone()),
        partner_name,
        start,
        goals: "共建共享，互学互促，带动结对单位创建示范点".to_string(),
        activities,
        partner_progress: rng
            .pick(&["已启动创建", "进展明显", "已申报创建单位", "尚需加强"])
            .to_string(),
        status: PairingStatus::Active,
        ended_on: None,
        meta: RecordMeta::default(),
    });
}

/// What a sample problem of `category` looks like (the category itself is shown
/// beside it, so it is not repeated here).
fn problem_text(category: ProblemCategory) -> &'static str {
    match category {
        ProblemCategory::UnevenProgress => "各支部创建进度差距较大，个别支部台账不全",
        ProblemCategory::ExperienceNotDug => "特色做法停留在活动层面，尚未提炼成可复制的工作法",
        ProblemCategory::WeakRadiation => "结对帮带次数少，周边支部参与度不高",
        ProblemCategory::WeakGuidance => "上级党组织指导频次不足，问题反馈不及时",
        ProblemCategory::LatePromotion => "成果认定后未及时在系统内宣传推介",
        ProblemCategory::ShowNotModel => "阵地建设重展示、轻实效，党员群众认可度不高",
        ProblemCategory::Other => "党建台账归档不规范，部分记录缺少签字",
    }
}

/// A rectification item of unit `k`, in each status depending on its deadline.
fn sample_rectification(
    st: &mut AppState,
    rng: &mut Rng,
    plan: &Plan,
    uid: &Id,
    k: usize,
    last_year: u16,
) {
    let category = *rng.pick(&ProblemCategory::ALL);
    let deadline = date(last_year as i32, rng);
    let overdue = deadline.as_str() < plan.today;
    let status = if overdue && k % 8 == 1 {
        RectificationStatus::InProgress
    } else if overdue && k % 16 == 5 {
        RectificationStatus::Closed
    } else if overdue {
        RectificationStatus::Done
    } else {
        RectificationStatus::Open
    };
    let id = st.new_id("x");
    st.rectifications.push(Rectification {
        id,
        unit_id: uid.clone(),
        category,
        description: problem_text(category).to_string(),
        owner: person(rng),
        deadline: deadline.clone(),
        status,
        progress: if status == RectificationStatus::Open {
            Vec::new()
        } else {
            vec![ProgressNote::progress(
                deadline.clone(),
                "已召开专题会议部署整改",
            )]
        },
        source: ProblemSource::ALL[(k / 4) % ProblemSource::ALL.len()],
        visit_id: None,
        closure: (status == RectificationStatus::Closed).then(|| Closure {
            date: deadline.clone(),
            evidence: "整改报告及台账已核验".to_string(),
            by: "committee".to_string(),
        }),
        opened_on: String::new(),
        meta: RecordMeta::default(),
    });
}

/// Unit `k`'s resources for every year.
fn sample_resources(st: &mut AppState, rng: &mut Rng, plan: &Plan, uid: &Id, k: usize) {
    for &year in &plan.years {
        let detail = plan.resource_detail_every_year || Some(&year) == plan.years.last();
        let id = st.new_id("m");
        let joined = joined_by(st, uid, year);
        let entry = ResourceEntry {
            id,
            unit_id: uid.clone(),
            year,
            funds: Points(100 * (2 + rng.below(20) as i64)),
            activity_funds: Points(50 * (1 + rng.below(10) as i64)),
            staff: 1 + rng.below(4) as u32,
            // Staff and premises: see `Plan::resource_detail_every_year`.
            part_time_staff: if detail { 2 + (k % 3) as u32 } else { 0 },
            premises: detail && k % 5 != 4,
            premises_area: if detail && k % 5 != 4 {
                60 + 20 * (k % 6) as u32
            } else {
                0
            },
            note: String::new(),
            meta: RecordMeta::default(),
        };
        // Nothing before the unit joined (drawn all the same, as for outcomes).
        if joined {
            st.resources.push(entry);
        }
    }
}

/// Whether unit `uid` was on the roster in `year` (entered that year or before).
fn joined_by(st: &AppState, uid: &Id, year: u16) -> bool {
    st.unit(uid).is_some_and(|u| u.entered_year <= year)
}

/// A guidance visit to unit `k` in `year`.
fn sample_visit(st: &mut AppState, rng: &mut Rng, uid: &Id, k: usize, year: u16, today: &str) {
    let id = st.new_id("g");
    st.guidance_visits.push(GuidanceVisit {
        id,
        unit_id: uid.clone(),
        date: date_until(year as i32, rng, today),
        more_units: Vec::new(),
        by: format!("工委组织部 {}", person(rng)),
        form: VisitForm::ALL[k % VisitForm::ALL.len()],
        other_check: String::new(),
        findings: if k.is_multiple_of(2) {
            "经验提炼不够，结对活动记录不全".to_string()
        } else {
            String::new()
        },
        looked_at: vec![
            VisitCheck::Premises,
            VisitCheck::Records,
            VisitCheck::Briefing,
        ],
        advice: "进一步提炼经验做法，加强结对带动".to_string(),
        follow_up: String::new(),
        meta: RecordMeta::default(),
    });
}
