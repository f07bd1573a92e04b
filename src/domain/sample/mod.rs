//! Deterministic sample data: a realistic city of about 40 units for demonstrations and
//! tests ([`sample_city`]), and a large city for size measurements ([`large_city`]).
//! The generator is a small hand-written PRNG (SplitMix64): the same seed always gives
//! the same data, on every platform.

use std::collections::BTreeMap;

use super::default_scheme::default_scheme;
use super::model::*;
use super::points::Points;

mod details;
mod phases;
use details::*;
use phases::*;

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

/// A day of `year` as [`date`] draws it (the same draws, so the rest of the city does
/// not move), but not after `today` (`YYYY-MM-DD`): a month past it is taken as many
/// months back as today's month. A sample opened after its `today` then shows nothing
/// that has not happened yet — no outcome recognised next year, no visit next week.
fn date_until(year: i32, rng: &mut Rng, today: &str) -> String {
    let d = date(year, rng);
    if d.as_str() <= today {
        return d;
    }
    let today_month: u32 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
    let month: u32 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let back = (month - 1) % today_month.max(1) + 1;
    let moved = format!("{year:04}-{back:02}{}", d.get(7..).unwrap_or("-01"));
    if moved.as_str() <= today {
        moved
    } else {
        // Today's own month, after today's day: the first of the month.
        format!("{}-01", today.get(..7).unwrap_or("2026-01"))
    }
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
    /// 保障投入 with staff and premises for every year (else the latest only: the
    /// large city must stay within its storage budget).
    resource_detail_every_year: bool,
    today: &'static str,
}

fn generate(seed: u64, plan: &Plan) -> AppState {
    let mut rng = Rng::new(seed);
    let mut st = AppState::default();
    let years = (
        *plan.years.first().unwrap_or(&2025),
        *plan.years.last().unwrap_or(&2026),
    );
    // The phases draw from one generator in a fixed order: the sample is the same
    // city for the same seed.
    let quality = sample_units(&mut st, &mut rng, plan, years);
    sample_rounds(&mut st, &mut rng, plan, years, &quality);
    sample_outcomes(&mut st, &mut rng, plan);
    sample_between(&mut st, &mut rng, plan, years);
    st
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
        resource_detail_every_year: true,
        today: "2026-06-30",
    };
    let mut st = generate(seed, &plan);
    history_touches(&mut st, 2026);
    raised_before_leaving(&mut st);
    early_sites(&mut st);
    outcome_paths(&mut st, plan.today);
    sample_applications(&mut st);
    record_publications(&mut st);
    st
}

/// The rectification items of the units that left (退出, 摘牌) raised a month before
/// they left, where their deadline is after it: undated, an item reads as raised on its
/// first deadline, past the unit's departure, and came back as long overdue once the
/// unit was selected again (a clerk's review).
fn raised_before_leaving(st: &mut AppState) {
    let left: Vec<(Id, Date)> = st
        .units
        .iter()
        .filter_map(|u| {
            u.history
                .iter()
                .rev()
                .find(|h| matches!(h.to, UnitStatus::Withdrawn | UnitStatus::Delisted))
                .map(|h| (u.id.clone(), h.date.clone()))
        })
        .collect();
    for r in st.rectifications.iter_mut() {
        let Some((_, on)) = left.iter().find(|(u, _)| *u == r.unit_id) else {
            continue;
        };
        if r.opened_on.is_empty() && r.deadline.as_str() > on.as_str() {
            r.opened_on = crate::domain::dates::add_days(on, -30).unwrap_or_else(|| on.clone());
        }
    }
}

/// The sample's published rounds as publishing records them (`publishing::set_published`):
/// with the digest of the results published, so that a change made since (a 加减分 in the
/// 2025 round) shows as 与已发布的结果不同, as it would on real data. Computed last, when
/// the outcomes the grades depend on are in place.
fn record_publications(st: &mut AppState) {
    use super::exchange::{publication_of, result_rows};
    let published: Vec<(Id, u16)> = st
        .rounds
        .iter()
        .filter(|r| r.published)
        .map(|r| (r.id.clone(), r.year))
        .collect();
    for (id, year) in published {
        let Ok(rows) = result_rows(st, &id) else {
            continue;
        };
        if let Some(round) = st.rounds.iter_mut().find(|r| r.id == id) {
            round.publication = Some(publication_of(
                &rows,
                &format!("{}-01-20T09:00:00Z", year + 1),
            ));
        }
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
        resource_detail_every_year: false,
        today: "2026-06-30",
    };
    let mut st = generate(seed, &plan);
    history_touches(&mut st, 2026);
    st
}
