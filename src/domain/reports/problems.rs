//! The speech's five problems (BRIEF 13), each measured for a year with the sites
//! behind it: 进展不平衡, 经验挖掘不够, 辐射带动不强, 指导不够有力, 推广滞后.

use std::collections::BTreeMap;

use super::{percent, reference_date, sites_of_year, SiteLine};
use crate::domain::between_rounds::guidance::last_visit;
use crate::domain::between_rounds::unit_name;
use crate::domain::dates::year_of;
use crate::domain::model::*;
use crate::domain::outcomes::days_feedback_to_promotion;
use crate::domain::points::Points;
use crate::domain::report::RoundReport;

/// 进展不平衡: the spread of the round's totals, overall and by 系统, and the share of
/// sites typed 二类 or 三类.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Uneven {
    /// Graded units in the year's round whose scores are all in (the figures count
    /// only these).
    pub graded: usize,
    /// Graded units whose scores are not all in, left out of the figures: a half-scored
    /// total would read as the spread, and its type as 二类/三类.
    pub incomplete: usize,
    /// Highest total minus lowest total.
    pub spread: Option<Points>,
    /// Per 系统 with at least two graded units: (系统, units, spread), by name.
    pub by_sector: Vec<(String, usize, Points)>,
    /// Units whose type (after the committee's override) is 二类 or 三类.
    pub lagging: usize,
    pub lagging_pct: Option<u32>,
    /// The 二类/三类 units, lowest total first.
    pub sites: Vec<SiteLine>,
}

/// 经验挖掘不够: sites with no outcome filed (备案) in the year. A unit that entered the
/// programme in the year is not counted (as 指导不够有力 does not count it overdue): one
/// selected in December has had no time to file (a clerk's review).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotDug {
    /// The year's sites that entered before it.
    pub sites: usize,
    /// The year's sites that entered in it, left out.
    pub new_this_year: usize,
    pub without: Vec<SiteLine>,
    /// Whether any outcome at all was filed in the year (none: a year kept elsewhere).
    pub any_filed: bool,
}

/// 辐射带动不强: running pairings with no activity for the setting's months, and the
/// round's mean score rate in 示范带动 dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Radiation {
    /// Running pairings that had started by the reference date.
    pub pairings: usize,
    pub months: u32,
    /// One line per idle pairing (the site, with its partner and last activity).
    pub idle: Vec<SiteLine>,
    /// Mean share of full points in demonstration dimensions, percent (hundredths).
    pub demo_rate: Option<Points>,
}

/// 指导不够有力: sites with no guidance visit in the setting's months.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Guidance {
    pub sites: usize,
    pub months: u32,
    pub unvisited: Vec<SiteLine>,
    /// Whether any visit at all is recorded by the reference date.
    pub any_visit: bool,
}

/// 推广滞后: days from 反馈 to 市直机关推介 for the outcomes promoted in the year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Promotion {
    /// Days of each promoted outcome, ascending.
    pub days: Vec<i64>,
    pub median: Option<f64>,
    pub longest: Option<i64>,
    /// One line per promoted outcome, the slowest first.
    pub outcomes: Vec<SiteLine>,
}

/// The five figures of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct FiveProblems {
    pub year: u16,
    /// The date the figures are read at (see [`reference_date`]).
    pub reference: Date,
    pub uneven: Uneven,
    pub not_dug: NotDug,
    pub radiation: Radiation,
    pub guidance: Guidance,
    pub promotion: Promotion,
}

/// Measures the five problems of `year`; `report` is the year's round report, if any.
pub fn five_problems(
    state: &AppState,
    year: u16,
    today: &str,
    report: Option<&RoundReport>,
) -> FiveProblems {
    let reference = reference_date(year, today);
    FiveProblems {
        year,
        uneven: uneven(report),
        not_dug: not_dug(state, year, &reference),
        radiation: radiation(state, &reference, report),
        guidance: guidance(state, year, &reference),
        promotion: promotion(state, year, &reference),
        reference,
    }
}

fn uneven(report: Option<&RoundReport>) -> Uneven {
    let Some(report) = report else {
        return Uneven::default();
    };
    let (graded, incomplete): (Vec<_>, Vec<_>) = report
        .results
        .units
        .iter()
        .filter(|u| u.graded)
        .partition(|u| u.completeness.is_complete());
    let spread_of = |totals: &[Points]| -> Option<Points> {
        let max = totals.iter().max()?;
        let min = totals.iter().min()?;
        Some(*max - *min)
    };
    let totals: Vec<Points> = graded.iter().map(|u| u.total).collect();
    let mut sectors: BTreeMap<String, Vec<Points>> = BTreeMap::new();
    for u in &graded {
        let sector = report.sectors.get(&u.unit_id).cloned().unwrap_or_default();
        sectors.entry(sector).or_default().push(u.total);
    }
    let by_sector = sectors
        .into_iter()
        .filter(|(name, t)| !name.is_empty() && t.len() >= 2)
        .filter_map(|(name, t)| spread_of(&t).map(|s| (name, t.len(), s)))
        .collect();
    let mut lagging: Vec<(Points, SiteLine)> = graded
        .iter()
        .filter_map(|u| {
            let t = report.type_of(&u.unit_id)?.effective();
            (t != SiteType::TrueExemplar).then(|| {
                let note = format!("总分 {}，{}", u.total, t.label());
                let line = SiteLine {
                    unit_id: u.unit_id.clone(),
                    name: u.unit_name.clone(),
                    note,
                };
                (u.total, line)
            })
        })
        .collect();
    lagging.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    Uneven {
        graded: graded.len(),
        incomplete: incomplete.len(),
        spread: spread_of(&totals),
        by_sector,
        lagging: lagging.len(),
        lagging_pct: percent(lagging.len(), graded.len()),
        sites: lagging.into_iter().map(|(_, l)| l).collect(),
    }
}

fn not_dug(state: &AppState, year: u16, reference: &str) -> NotDug {
    let (sites, new): (Vec<&Unit>, Vec<&Unit>) = sites_of_year(state, year)
        .into_iter()
        .partition(|u| u.entered_year < year);
    let filed_in_year = |o: &&crate::domain::Outcome| {
        o.filed_on
            .as_deref()
            .is_some_and(|d| year_of(d) == Some(i32::from(year)) && d <= reference)
    };
    let filed = |unit_id: &str| {
        state
            .outcomes
            .iter()
            .filter(filed_in_year)
            .any(|o| o.unit_id == unit_id)
    };
    let without = sites
        .iter()
        .filter(|u| !filed(&u.id))
        .map(|u| SiteLine {
            unit_id: u.id.clone(),
            name: u.name.clone(),
            note: format!("{year}年没有成果备案"),
        })
        .collect();
    NotDug {
        sites: sites.len(),
        new_this_year: new.len(),
        without,
        any_filed: state.outcomes.iter().any(|o| filed_in_year(&o)),
    }
}

fn radiation(state: &AppState, reference: &str, report: Option<&RoundReport>) -> Radiation {
    let months = state.settings.idle_pairing_months;
    let running: Vec<&Pairing> = state
        .pairings
        .iter()
        .filter(|p| crate::domain::between_rounds::pairing::running_on(p, reference))
        .collect();
    let mut idle: Vec<SiteLine> = running
        .iter()
        .filter_map(|p| {
            let last = crate::domain::between_rounds::pairing::last_activity_by(p, reference);
            crate::domain::between_rounds::pairing::idle_on(p, months, reference).then(|| {
                SiteLine {
                    unit_id: p.site_id.clone(),
                    name: unit_name(state, &p.site_id),
                    note: match last {
                        Some(d) => format!("与{}结对，最近一次活动：{d}", p.partner_name),
                        None => format!("与{}结对（{}起），尚无活动", p.partner_name, p.start),
                    },
                }
            })
        })
        .collect();
    idle.sort_by(|a, b| a.name.cmp(&b.name).then(a.note.cmp(&b.note)));
    let demo_rate = report.and_then(|r| {
        // Units with scores not all in are left out, as in 进展不平衡.
        let complete: Vec<_> = r
            .types
            .iter()
            .filter(|t| {
                r.results
                    .unit(&t.unit_id)
                    .is_some_and(|u| u.completeness.is_complete())
            })
            .collect();
        let n = complete.len() as i64;
        let sum: i64 = complete.iter().map(|t| t.demo_pct.hundredths()).sum();
        // The mean of hundredths of a percent, rounded half-up.
        (n > 0).then(|| Points((2 * sum + n) / (2 * n)))
    });
    Radiation {
        pairings: running.len(),
        months,
        idle,
        demo_rate,
    }
}

fn guidance(state: &AppState, year: u16, reference: &str) -> Guidance {
    let months = state.settings.visit_gap_months;
    let sites = sites_of_year(state, year);
    let mut unvisited: Vec<(Option<&str>, SiteLine)> = sites
        .iter()
        .filter_map(|u| {
            let last = last_visit(state, &u.id, reference);
            crate::domain::between_rounds::guidance::visit_overdue(u, last, months, reference).then(
                || {
                    let line = SiteLine {
                        unit_id: u.id.clone(),
                        name: u.name.clone(),
                        note: match last {
                            Some(d) => format!("最近一次督导：{d}"),
                            None => "从未督导".to_string(),
                        },
                    };
                    (last, line)
                },
            )
        })
        .collect();
    // Never visited first, then the longest ago, as 概览 and 督导 list them (a clerk's
    // review: the report's list, in roster order, had to be matched by hand).
    unvisited.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    let unvisited = unvisited.into_iter().map(|(_, line)| line).collect();
    Guidance {
        sites: sites.len(),
        months,
        unvisited,
        any_visit: state
            .guidance_visits
            .iter()
            .any(|v| v.date.as_str() <= reference),
    }
}

fn promotion(state: &AppState, year: u16, reference: &str) -> Promotion {
    let mut rows: Vec<(i64, SiteLine)> = state
        .outcomes
        .iter()
        .filter(|o| {
            o.promoted_on
                .as_deref()
                .is_some_and(|d| year_of(d) == Some(i32::from(year)) && d <= reference)
        })
        .filter_map(|o| {
            let days = days_feedback_to_promotion(o)?;
            Some((
                days,
                SiteLine {
                    unit_id: o.unit_id.clone(),
                    name: unit_name(state, &o.unit_id),
                    note: format!(
                        "{}反馈后 {days} 天推介",
                        crate::domain::outcomes::corner_quoted(&o.title)
                    ),
                },
            ))
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    let mut days: Vec<i64> = rows.iter().map(|r| r.0).collect();
    days.sort_unstable();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    Promotion {
        longest: days.last().copied(),
        median,
        days,
        outcomes: rows.into_iter().map(|(_, l)| l).collect(),
    }
}

/// A number of days as text: whole, or with one decimal for a half.
pub fn days_text(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{d:.0}")
    } else {
        format!("{d:.1}")
    }
}

/// The headline and detail of a figure that counts sites: "N 个（占 P%）" of the
/// year's sites, or `no_record` when the year has no record at all to count from.
fn share_of_sites(
    has_records: bool,
    count: usize,
    sites: usize,
    no_record: &str,
) -> (String, String) {
    let headline = if has_records {
        format!("{count} 个（占 {}%）", percent(count, sites).unwrap_or(0))
    } else {
        no_record.to_string()
    };
    (headline, format!("共 {sites} 个示范点和创建单位"))
}

/// One of the five, as the 报表 page and the 通报 show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemFigure {
    pub category: ProblemCategory,
    /// The figure, e.g. "12 个（占 30%）".
    pub headline: String,
    /// What else goes with it, e.g. the spread by 系统.
    pub detail: String,
    /// What the figure counts, in one sentence.
    pub definition: String,
    /// Last year's figure, or "无数据".
    pub previous: String,
    /// What each line behind the figure is: "单位", "结对" (a unit may have two idle
    /// pairings) or "成果" (a unit may have two outcomes promoted).
    pub lines_are: &'static str,
    pub sites: Vec<SiteLine>,
    /// Whether the year has records to count from: without any (no round scored, no
    /// filing, no visit), no site is said to be involved or not.
    pub counted: bool,
}

impl FiveProblems {
    /// The headline of each problem with its detail, in the speech's order.
    fn headlines(&self) -> [(String, String); 5] {
        let u = &self.uneven;
        let uneven = match u.spread {
            Some(s) => (
                format!("总分极差 {s} 分"),
                format!(
                    "二类、三类 {} 个（占 {}%）{}{}",
                    u.lagging,
                    u.lagging_pct.unwrap_or(0),
                    sector_text(&u.by_sector),
                    incomplete_text(u.incomplete)
                ),
            ),
            None if u.incomplete > 0 => (
                "评分不全".to_string(),
                incomplete_text(u.incomplete)
                    .trim_start_matches('；')
                    .to_string(),
            ),
            None => ("无考评数据".to_string(), String::new()),
        };
        let nd = &self.not_dug;
        // A year with no filing at all, or no visit ever, has no records to count
        // from (the year was kept elsewhere), not every site failing.
        let mut not_dug = share_of_sites(nd.any_filed, nd.without.len(), nd.sites, NO_FILING);
        if nd.new_this_year > 0 {
            not_dug.1.push_str(&format!(
                "（另有本年度新入选的 {} 个，不计入）",
                nd.new_this_year
            ));
        }
        let r = &self.radiation;
        let radiation = (
            // No pairing running reads as none, not as 0 idle (which sounds well).
            if r.pairings == 0 {
                NO_PAIRING.to_string()
            } else {
                format!("{} 个结对", r.idle.len())
            },
            format!(
                "进行中的结对 {} 个；示范带动得分率 {}{}",
                r.pairings,
                r.demo_rate
                    .map_or("无考评数据".to_string(), |p| format!("{p}%")),
                // The rate leaves them out as 进展不平衡 does: said here too.
                if r.demo_rate.is_some() && u.incomplete > 0 {
                    format!("（另有 {} 个单位评分不全，未计入）", u.incomplete)
                } else {
                    String::new()
                }
            ),
        );
        let g = &self.guidance;
        let guidance = share_of_sites(g.any_visit, g.unvisited.len(), g.sites, NO_VISIT);
        let p = &self.promotion;
        let promotion = match (p.median, p.longest) {
            (Some(m), Some(l)) => (
                format!("中位 {} 天，最长 {l} 天", days_text(m)),
                format!("本年度推介 {} 项", p.days.len()),
            ),
            _ => ("无推介".to_string(), String::new()),
        };
        [uneven, not_dug, radiation, guidance, promotion]
    }

    /// The five figures beside last year's (`previous`), for the 报表 page.
    pub fn figures(&self, previous: Option<&FiveProblems>) -> Vec<ProblemFigure> {
        let now = self.headlines();
        let before = previous.map(|p| p.headlines());
        let defs = definitions(self.radiation.months, self.guidance.months);
        // A year with no records at all lists nobody: every site would be 'involved'
        // beside a figure that says there is nothing to count.
        let none: Vec<SiteLine> = Vec::new();
        let sites = [
            &self.uneven.sites,
            if self.not_dug.any_filed {
                &self.not_dug.without
            } else {
                &none
            },
            &self.radiation.idle,
            if self.guidance.any_visit {
                &self.guidance.unvisited
            } else {
                &none
            },
            &self.promotion.outcomes,
        ];
        let counted = [
            self.uneven.spread.is_some(),
            self.not_dug.any_filed,
            true,
            self.guidance.any_visit,
            true,
        ];
        FIVE.iter()
            .enumerate()
            .map(|(i, c)| ProblemFigure {
                category: *c,
                headline: now[i].0.clone(),
                detail: now[i].1.clone(),
                definition: defs[i].clone(),
                previous: before
                    .as_ref()
                    .map_or("无数据".to_string(), |b| b[i].0.clone()),
                lines_are: match c {
                    ProblemCategory::WeakRadiation => "结对",
                    ProblemCategory::LatePromotion => "成果",
                    _ => "单位",
                },
                sites: sites[i].clone(),
                counted: counted[i],
            })
            .collect()
    }
}

/// 经验挖掘不够's figure for a year with no filing at all.
pub const NO_FILING: &str = "无备案记录";
/// 辐射带动不强's figure when no pairing was running.
pub const NO_PAIRING: &str = "无进行中的结对";
/// 指导不够有力's figure when no visit at all is recorded.
pub const NO_VISIT: &str = "无督导记录";

/// The five in the speech's order.
pub const FIVE: [ProblemCategory; 5] = [
    ProblemCategory::UnevenProgress,
    ProblemCategory::ExperienceNotDug,
    ProblemCategory::WeakRadiation,
    ProblemCategory::WeakGuidance,
    ProblemCategory::LatePromotion,
];

/// What the figures leave out, after their detail ("" when nothing is).
fn incomplete_text(incomplete: usize) -> String {
    if incomplete == 0 {
        return String::new();
    }
    format!(
        "；另有 {incomplete} 个单位{}，未计入",
        crate::domain::report::INCOMPLETE_MARK
    )
}

fn sector_text(by_sector: &[(String, usize, Points)]) -> String {
    if by_sector.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = by_sector
        .iter()
        .map(|(name, _, s)| format!("{name} {s} 分"))
        .collect();
    format!("；各系统极差：{}", parts.join("、"))
}

fn definitions(pairing_months: u32, visit_months: u32) -> [String; 5] {
    [
        "本年度考评中最高与最低总分之差（有两个以上单位的系统另计），以及被定为二类、三类的单位所占比例；评分不全的单位不计入。".to_string(),
        "创建中、已授牌、警示的单位中，本年度没有任何成果备案的单位数；本年度新入选的单位不计入。".to_string(),
        format!("进行中的结对里，最近一次活动（没有活动的从结对开始算）距统计日已超过{pairing_months}个月的结对数。示范带动得分率是各参评单位在示范带动类指标（方案中标为“示范带动”或“兼顾”的一级指标）上得分率的平均数，评分不全的单位不计入。"),
        format!("创建中、已授牌、警示的单位中，距统计日已超过{visit_months}个月没有督导或指导的单位数。"),
        "本年度推介到市直机关的成果，从反馈到推介所用天数的中位数和最长值。".to_string(),
    ]
}
