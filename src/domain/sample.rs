//! Deterministic sample data: a realistic city of about 40 units for demonstrations and
//! tests ([`sample_city`]), and a large city for size measurements ([`large_city`]).
//! The generator is a small hand-written PRNG (SplitMix64): the same seed always gives
//! the same data, on every platform.

use std::collections::BTreeMap;

use super::default_scheme::default_scheme;
use super::model::*;
use super::points::Points;

/// SplitMix64: tiny, fast, deterministic; good enough for sample data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const DEPARTMENTS: &[(&str, &str)] = &[
    ("市财政局", "经济系统"),
    ("市教育局", "教科文卫系统"),
    ("市卫生健康委", "教科文卫系统"),
    ("市公安局", "政法系统"),
    ("市税务局", "经济系统"),
    ("市住房城乡建设局", "城建交通系统"),
    ("市交通运输局", "城建交通系统"),
    ("市农业农村局", "农业农村系统"),
    ("市商务局", "经济系统"),
    ("市文化广电旅游局", "教科文卫系统"),
    ("市民政局", "社会事业系统"),
    ("市人力资源社会保障局", "社会事业系统"),
    ("市自然资源和规划局", "城建交通系统"),
    ("市生态环境局", "城建交通系统"),
    ("市水利局", "农业农村系统"),
    ("市市场监督管理局", "经济系统"),
    ("市统计局", "综合管理系统"),
    ("市审计局", "综合管理系统"),
    ("市应急管理局", "政法系统"),
    ("市医疗保障局", "社会事业系统"),
    ("市机关事务管理局", "综合管理系统"),
    ("市发展和改革委员会", "经济系统"),
    ("市工业和信息化局", "经济系统"),
    ("市科学技术局", "教科文卫系统"),
    ("市司法局", "政法系统"),
    ("市退役军人事务局", "社会事业系统"),
    ("市档案馆", "综合管理系统"),
    ("市委党校", "综合管理系统"),
    ("市信访局", "政法系统"),
    ("市城市管理局", "城建交通系统"),
    ("市林业局", "农业农村系统"),
    ("市体育局", "教科文卫系统"),
    ("市国资委", "经济系统"),
    ("市地方金融监管局", "经济系统"),
    ("市数据资源局", "综合管理系统"),
    ("市总工会", "群团系统"),
    ("团市委", "群团系统"),
    ("市妇联", "群团系统"),
    ("市残联", "群团系统"),
    ("市科协", "群团系统"),
    ("市政务服务中心", "综合管理系统"),
    ("市公积金管理中心", "经济系统"),
];

const SUFFIXES: &[(&str, OrgType)] = &[
    ("机关党委", OrgType::PartyCommittee),
    ("第一党支部", OrgType::Branch),
    ("机关党总支", OrgType::GeneralBranch),
    ("办公室党支部", OrgType::Branch),
    ("第二党支部", OrgType::Branch),
    ("综合科党支部", OrgType::Branch),
    ("离退休干部党支部", OrgType::Branch),
    ("业务一处党支部", OrgType::Branch),
    ("直属单位党总支", OrgType::GeneralBranch),
    ("青年党支部", OrgType::Branch),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const GIVEN: &[&str] = &[
    "建国", "海燕", "志强", "丽华", "晓明", "静", "伟", "敏", "军", "秀英", "红梅", "立新", "文博",
    "思远", "雪梅", "国庆", "春华", "卫东", "玉兰", "振华",
];

const BRANDS: &[&str] = &[
    "红色引擎",
    "先锋领航",
    "党建+服务",
    "初心驿站",
    "红色管家",
    "百姓连心桥",
    "清风财政",
    "育人先锋",
    "健康卫士",
    "红色税苑",
    "连心桥",
    "党员e家",
    "红色堡垒",
    "为民服务直通车",
];
const OUTCOME_FORMS: &[(&str, OutcomeKind)] = &[
    ("「{}」工作法", OutcomeKind::Practice),
    ("「{}」志愿服务项目", OutcomeKind::Practice),
    ("「{}」服务品牌建设实践", OutcomeKind::Practice),
    ("党建与业务融合「{}」机制", OutcomeKind::Institutional),
    ("「{}」党员积分管理办法", OutcomeKind::Institutional),
    ("「{}」结对共建制度", OutcomeKind::Institutional),
    ("关于「{}」品牌建设的调研报告", OutcomeKind::Theoretical),
    (
        "以「{}」推动机关党建高质量发展的思考",
        OutcomeKind::Theoretical,
    ),
];
const ACTIVITIES: &[&str] = &[
    "联合主题党日",
    "支部书记互学互访",
    "共上一堂党课",
    "志愿服务进社区",
    "台账规范化现场观摩",
    "结对共建座谈会",
    "党建品牌经验交流",
];
const EVIDENCE: &[&str] = &[
    "见党组会议纪要",
    "见年度工作总结",
    "见活动照片及签到表",
    "见制度汇编第3页",
    "见满意度测评报告",
    "见结对协议",
    "见经费使用台账",
];

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn date(year: i32, rng: &mut Rng) -> String {
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    format!("{year:04}-{month:02}-{day:02}")
}

/// All unit names, in a seed-dependent order, `count` of them (at most 420).
fn unit_names(rng: &mut Rng, count: usize) -> Vec<(String, &'static str, OrgType)> {
    let mut all: Vec<(String, &'static str, OrgType)> = Vec::new();
    for (suffix, ot) in SUFFIXES {
        for (dept, sector) in DEPARTMENTS {
            all.push((format!("{dept}{suffix}"), sector, *ot));
        }
    }
    for i in (1..all.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        all.swap(i, j);
    }
    all.truncate(count);
    all
}

struct Quality {
    own: f64,
    demo: f64,
}

fn score_sheet(
    rng: &mut Rng,
    scheme: &Scheme,
    q: &Quality,
    bias: f64,
    blank_p: f64,
) -> Vec<Option<Points>> {
    let mut out = Vec::with_capacity(scheme.indicator_count());
    for d in &scheme.dimensions {
        let base = match d.role {
            DimensionRole::OwnConstruction => q.own,
            DimensionRole::Demonstration => q.demo,
            DimensionRole::Both => (q.own + q.demo) / 2.0,
        };
        for ind in &d.indicators {
            if blank_p > 0.0 && rng.chance(blank_p) {
                out.push(None);
                continue;
            }
            let frac = (base + bias + rng.range(-0.08, 0.08)).clamp(0.0, 1.0);
            let step = ind.step.hundredths().max(1);
            let steps = (frac * ind.max.hundredths() as f64 / step as f64).round() as i64;
            out.push(Some(Points((steps * step).clamp(0, ind.max.hundredths()))));
        }
    }
    out
}

/// Options for [`generate`].
struct Plan {
    units: usize,
    assessors: usize,
    years: Vec<u16>,
    /// Build the scheme of a year.
    scheme: fn(&str, u16) -> Scheme,
    outcomes_per_unit_year: f64,
    evidence_notes: usize,
    /// Every seventh unit enters in the last year (a candidate in its first round).
    late_entrants: bool,
    today: &'static str,
}

fn generate(seed: u64, plan: &Plan) -> AppState {
    let mut rng = Rng::new(seed);
    let mut st = AppState::default();
    let first_year = *plan.years.first().unwrap_or(&2025);
    let last_year = *plan.years.last().unwrap_or(&2026);

    // Units.
    let names = unit_names(&mut rng, plan.units);
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
            leader: person(&mut rng),
            contact: format!("1{:02}{:08}", 30 + rng.below(60), rng.below(100_000_000)),
            entered_year,
            status: UnitStatus::Candidate,
            plaque_no: None,
            named_on: None,
            rectify_by: None,
            history: Vec::new(),
            meta: RecordMeta::default(),
        };
        if entered_year < last_year {
            let named = format!("{}-12-{:02}", entered_year, 10 + rng.below(18));
            unit.history.push(StatusChange {
                date: named.clone(),
                from: UnitStatus::Candidate,
                to: UnitStatus::Named,
                reason: "创建期满，考评良好以上，予以授牌".to_string(),
                doc_no: format!("市直机关工委〔{}〕{}号", entered_year, 20 + rng.below(40)),
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
        let assessors: Vec<Assessor> = (0..plan.assessors)
            .map(|i| Assessor {
                id: format!("a{year}-{}", i + 1),
                name: person(&mut rng),
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
            .collect();
        let mut sheets = Vec::new();
        let biases: Vec<f64> = assessors.iter().map(|_| rng.range(-0.04, 0.04)).collect();
        let stamp_day = |rng: &mut Rng| {
            format!(
                "{year}-11-{:02}T{:02}:{:02}:00Z",
                10 + rng.below(15),
                8 + rng.below(10),
                rng.below(60)
            )
        };
        for (ai, a) in assessors.iter().enumerate() {
            let updated = stamp_day(&mut rng);
            for uid in &unit_ids {
                let Some(q) = quality.get(uid) else { continue };
                let points = score_sheet(&mut rng, &scheme, q, biases[ai], 0.0);
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
        for uid in &unit_ids {
            let Some(q) = quality.get(uid) else { continue };
            let points = score_sheet(&mut rng, &scheme, q, 0.06, 0.0);
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
                    updated: stamp_day(&mut rng),
                    by: uid.clone(),
                },
            });
        }
        // Adjustments: some bonus, some deductions, a rare veto.
        let mut adjustments = Vec::new();
        for uid in &unit_ids {
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
        if year == last_year {
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
        st.rounds.push(Round {
            id: rid,
            name: format!("{year}年度考评"),
            year,
            scheme_id: sid,
            unit_ids,
            assessors,
            sheets,
            adjustments,
            type_overrides: Vec::new(),
            decided_proposals: Vec::new(),
            published: year != last_year,
            publication: None,
            meta: RecordMeta::default(),
        });
        st.schemes.push(scheme);
    }

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
                let d = date(year as i32, &mut rng);
                let filed = rng.chance(0.7);
                let promotion = *rng.pick(&PromotionStage::ALL);
                let id = st.new_id("o");
                st.outcomes.push(Outcome {
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
                });
            }
        }
    }

    // Pairings, rectifications, resources, guidance.
    for (k, uid) in unit_ids.iter().enumerate() {
        if k % 3 == 0 {
            let partner = &unit_ids[(k * 7 + 5) % unit_ids.len()];
            let partner_name = st.unit(partner).map(|u| u.name.clone()).unwrap_or_default();
            let start_year = first_year as i32;
            let activities = (0..rng.below(5))
                .enumerate()
                .map(|(i, _)| PairingActivity {
                    date: date(start_year + rng.below(2) as i32, &mut rng),
                    title: rng.pick(ACTIVITIES).to_string(),
                    note: String::new(),
                    form: ActivityForm::ALL[(k + i) % ActivityForm::ALL.len()],
                    participants: "双方党组织书记、党员代表".to_string(),
                    result: String::new(),
                })
                .collect();
            let id = st.new_id("p");
            st.pairings.push(Pairing {
                id,
                site_id: uid.clone(),
                partner_unit_id: (partner != uid).then(|| partner.clone()),
                partner_name,
                start: format!("{start_year}-03-01"),
                goals: "共建共享，互学互促，带动结对单位创建示范点".to_string(),
                activities,
                partner_progress: rng
                    .pick(&["已启动创建", "进展明显", "已申报创建单位", "尚需加强"])
                    .to_string(),
                status: PairingStatus::Active,
                meta: RecordMeta::default(),
            });
        }
        if k % 4 == 1 {
            let category = *rng.pick(&ProblemCategory::ALL);
            let deadline = date(last_year as i32, &mut rng);
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
                description: format!("{}，需制定整改措施", category.label()),
                owner: person(&mut rng),
                deadline: deadline.clone(),
                status,
                progress: if status == RectificationStatus::Open {
                    Vec::new()
                } else {
                    vec![ProgressNote {
                        date: deadline.clone(),
                        note: "已召开专题会议部署整改".to_string(),
                    }]
                },
                source: ProblemSource::ALL[(k / 4) % ProblemSource::ALL.len()],
                visit_id: None,
                closure: (status == RectificationStatus::Closed).then(|| Closure {
                    date: deadline.clone(),
                    evidence: "整改报告及台账已核验".to_string(),
                    by: "committee".to_string(),
                }),
                meta: RecordMeta::default(),
            });
        }
        for &year in &plan.years {
            {
                let detail = Some(&year) == plan.years.last();
                let id = st.new_id("m");
                st.resources.push(ResourceEntry {
                    id,
                    unit_id: uid.clone(),
                    year,
                    funds: Points(100 * (2 + rng.below(20) as i64)),
                    activity_funds: Points(50 * (1 + rng.below(10) as i64)),
                    staff: 1 + rng.below(4) as u32,
                    // Staff and premises in detail for the latest year only (the
                    // large city must stay within its storage budget).
                    part_time_staff: if detail { 2 + (k % 3) as u32 } else { 0 },
                    premises: detail && k % 5 != 4,
                    premises_area: if detail && k % 5 != 4 {
                        60 + 20 * (k % 6) as u32
                    } else {
                        0
                    },
                    note: String::new(),
                    meta: RecordMeta::default(),
                });
            }
        }
        if k % 3 != 2 {
            let id = st.new_id("g");
            st.guidance_visits.push(GuidanceVisit {
                id,
                unit_id: uid.clone(),
                date: date(last_year as i32, &mut rng),
                more_units: Vec::new(),
                by: format!("工委组织部 {}", person(&mut rng)),
                form: VisitForm::ALL[k % VisitForm::ALL.len()],
                other_check: String::new(),
                findings: if k % 2 == 0 {
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
    }
    st
}

fn history_touches(st: &mut AppState, last_year: u16) {
    // One unit warned last year, one de-listed, one withdrawn: the printed history
    // shows every kind of change.
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
        u.history.push(StatusChange {
            date: format!("{}-03-{:02}", last_year, 10 + k),
            from,
            to,
            reason: reason.to_string(),
            doc_no: format!("市直机关工委〔{last_year}〕{}号", 5 + k),
        });
        u.status = to;
        u.rectify_by = rectify_by;
    }
}

/// Gives the sample's outcomes a consistent, dated path with its history: filing
/// numbers, feedback, recognition 文号, promotion dates, a few incentives and one
/// recognition withdrawn with a reason. Which steps each outcome reached is left as
/// generated (so scores, grades and types do not move); earlier steps it skipped are
/// filled in, and dates are spread after the outcome's date (not past `today` for an
/// outcome dated before it).
fn outcome_paths(st: &mut AppState, today: &str) {
    use super::dates::add_days;
    const FEEDBACK: &[&str] = &[
        "做法扎实，建议进一步提炼可复制的操作流程",
        "成效明显，请补充群众评价和数据佐证",
        "思路清晰，建议在本系统范围内交流推广",
        "特色鲜明，请结合业务工作深化拓展",
    ];
    // An outcome dated before `today` has its steps by then; a later one (the sample
    // spreads outcomes over the whole year) has them in the weeks after its date.
    let later = |d: &str, n: i64| -> String {
        add_days(d, n)
            .filter(|x| x.as_str() <= today || d > today)
            .unwrap_or_else(|| d.to_string())
    };
    let mut numbers: BTreeMap<String, u32> = BTreeMap::new();
    let mut next_no = |prefix: &str, d: &str| -> String {
        let year = d.get(..4).unwrap_or("2026").to_string();
        let n = numbers.entry(format!("{prefix}{year}")).or_insert(0);
        *n += 1;
        format!("{prefix}〔{year}〕{n}号")
    };
    let mut withdrawn_shown = false;
    for (k, o) in st.outcomes.iter_mut().enumerate() {
        let k = k as i64;
        let ev = |step, undo, date: &str, by: &str, doc_no: &str, note: &str| OutcomeEvent {
            step,
            undo,
            date: date.to_string(),
            by: by.to_string(),
            at: String::new(),
            doc_no: doc_no.to_string(),
            note: note.to_string(),
        };
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
            continue;
        }
        let filed = later(&o.date, 5 + k % 10);
        let filing_no = next_no("备", &filed);
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
            let fb = later(&filed, 10 + k % 20);
            let text = FEEDBACK[(k as usize) % FEEDBACK.len()];
            history.push(ev(OutcomeStep::Feedback, false, &fb, "committee", "", text));
            o.feedback_on = Some(fb.clone());
            o.path.feedback = text.to_string();
            if o.recognised {
                let d = later(&fb, 7 + k % 10);
                let doc = next_no("市直工委", &d);
                history.push(ev(OutcomeStep::Recognise, false, &d, "committee", &doc, ""));
                o.path.recognised_on = Some(d);
                o.path.recognition_doc_no = doc;
            } else if !withdrawn_shown {
                // One recognition taken back on review, to show an undone step.
                withdrawn_shown = true;
                let d = later(&fb, 7);
                let doc = next_no("市直工委", &d);
                history.push(ev(OutcomeStep::Recognise, false, &d, "committee", &doc, ""));
                let back = later(&d, 20);
                history.push(ev(
                    OutcomeStep::Recognise,
                    true,
                    &back,
                    "committee",
                    &doc,
                    "经复核，创新点与已认定成果重复，撤销认定",
                ));
            }
            if o.promotion != PromotionStage::OwnUnit {
                let sys = later(&fb, 15 + k % 30);
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
                if o.promotion == PromotionStage::Municipal {
                    let m = later(&sys, 20 + k % 60);
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
                        let d = later(&m, 10);
                        let doc = next_no("市直工委", &d);
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
        }
        o.path.history = history;
    }
}

/// A realistic city of about 40 units: two yearly rounds (2025, 2026) of the default
/// scheme with 5 assessors each and the units' self-assessments (all sheets full),
/// outcomes, pairings with activity logs, rectification items (some overdue as of
/// 2026-06-30), resources, applications, guidance visits and some status history.
/// The 2026 round is not yet published. Deterministic in `seed`.
pub fn sample_city(seed: u64) -> AppState {
    let plan = Plan {
        units: 40,
        assessors: 5,
        years: vec![2025, 2026],
        scheme: |id, year| default_scheme(id, id, year),
        outcomes_per_unit_year: 1.2,
        evidence_notes: 3,
        late_entrants: true,
        today: "2026-06-30",
    };
    let mut st = generate(seed, &plan);
    history_touches(&mut st, 2026);
    early_sites(&mut st);
    outcome_paths(&mut st, plan.today);
    sample_applications(&mut st);
    st
}

/// Four sites named earlier (2021 and 2022), so 动态管理 lists sites due for their
/// three-yearly 复查: every fourth 已授牌 unit whose only history is its naming.
fn early_sites(st: &mut AppState) {
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
fn sample_applications(st: &mut AppState) {
    use super::applications::{add, decide, rate, ApplicationDraft, Decision, Rating};
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

/// A 50-indicator scheme (7 dimensions, 2 points each, 100 in all) for the large city.
pub fn fifty_indicator_scheme(id: &str, year: u16) -> Scheme {
    let mut s = default_scheme(id, id, year);
    let counts = [7, 7, 8, 8, 8, 6, 6];
    for (d, &c) in s.dimensions.iter_mut().zip(counts.iter()) {
        let template = d.indicators[0].clone();
        d.indicators = (0..c)
            .map(|k| Indicator {
                id: format!("{}-{}", d.id, k + 1),
                name: format!("{}（第{}项）", d.name, k + 1),
                max: Points::whole(2),
                step: Points(50),
                guidance: template.guidance.clone(),
            })
            .collect();
    }
    s
}

/// The large city of the size requirement: 300 units, 5 yearly rounds (2022–2026)
/// with 7 assessors plus the self-assessment, a 50-indicator scheme, and the usual
/// outcomes, pairings, rectifications, resources and guidance. Deterministic in `seed`.
pub fn large_city(seed: u64) -> AppState {
    let plan = Plan {
        units: 300,
        assessors: 7,
        years: vec![2022, 2023, 2024, 2025, 2026],
        scheme: fifty_indicator_scheme,
        outcomes_per_unit_year: 0.8,
        evidence_notes: 2,
        late_entrants: false,
        today: "2026-06-30",
    };
    let mut st = generate(seed, &plan);
    history_touches(&mut st, 2026);
    st
}
