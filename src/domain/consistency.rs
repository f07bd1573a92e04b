//! Assessor consistency (评委评分一致性): per round and assessor, how far their points
//! sit from the rest of the panel, whether they order the units as the panel does, and
//! how often trimming drops their points; plus an optional "what if" total from
//! z-score-normalised sheets. The rules and thresholds are in `docs/scoring.md` §8.
//!
//! Everything is read off the scoring engine's [`RoundResults`] (each indicator's
//! points by assessor, and which were dropped), so the figures use the same sheets,
//! assignments and trimming as the official totals. Statistics are `f64`; they are
//! figures to look at, not scores.

use std::collections::BTreeMap;

use super::model::*;
use super::points::Points;
use super::scoring::{RoundResults, UnitResult};

/// An assessor is flagged when their mean deviation of the sheet total from the rest
/// of the panel is at least this share of the scheme's full points (5%: 5 of 100).
pub const DEVIATION_FLAG_PCT: f64 = 5.0;
/// … or when their rank correlation with the panel is below this (with at least
/// [`MIN_UNITS_FOR_RANK`] units compared).
pub const RANK_FLAG_BELOW: f64 = 0.3;
/// Units needed before the rank correlation can flag anyone.
pub const MIN_UNITS_FOR_RANK: usize = 4;
/// … or when their points are dropped at least this many times as often as chance
/// would drop them, with at least [`MIN_TRIMMED_POINTS`] points on trimmed indicators.
pub const DROPPED_FLAG_RATIO: f64 = 2.0;
/// Points on trimmed indicators needed before the dropped share can flag anyone.
pub const MIN_TRIMMED_POINTS: usize = 10;

/// Why an assessor is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Their totals sit far from the rest of the panel.
    Deviation,
    /// They order the units unlike the panel.
    Rank,
    /// Trimming drops their points unusually often.
    Dropped,
}

impl Flag {
    /// In Chinese, for the round page.
    pub fn label(self) -> &'static str {
        match self {
            Flag::Deviation => "总分偏离其他评委",
            Flag::Rank => "排序与其他评委不一致",
            Flag::Dropped => "常被去掉",
        }
    }
}

/// One assessor's figures in one round.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessorConsistency {
    pub assessor_id: Id,
    pub name: String,
    /// Units where this assessor and at least one other scored a common indicator.
    pub units_compared: usize,
    /// Per indicator (scheme order): the mean of (their points − the mean of the other
    /// assessors' points on that unit), over the units where both exist.
    pub indicator_dev: Vec<Option<f64>>,
    /// The mean over compared units of the per-unit sum of those differences: how many
    /// points their total sits above (+) or below (−) the rest of the panel.
    pub total_dev: Option<f64>,
    /// Spearman's rank correlation (ties take their average rank) between their
    /// per-unit totals and the rest of the panel's, over the compared units.
    pub spearman: Option<f64>,
    /// Their points on indicators that were trimmed.
    pub trimmed_points: usize,
    /// Share of those dropped (a tie for the highest or lowest shares the drop).
    pub dropped_share: Option<f64>,
    /// Share chance alone would drop (2/k for each trimmed indicator with k points).
    pub chance_share: Option<f64>,
    pub flags: Vec<Flag>,
}

/// Spearman's rank correlation of two equally long lists, ties at their average rank
/// (the Pearson correlation of the ranks). `None` with fewer than 2 values or when
/// either list is all ties.
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return None;
    }
    let rx = ranks(xs);
    let ry = ranks(ys);
    let n = rx.len() as f64;
    let mx = rx.iter().sum::<f64>() / n;
    let my = ry.iter().sum::<f64>() / n;
    let (mut cov, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        cov += (a - mx) * (b - my);
        vx += (a - mx) * (a - mx);
        vy += (b - my) * (b - my);
    }
    if vx == 0.0 || vy == 0.0 {
        return None;
    }
    Some(cov / (vx * vy).sqrt())
}

/// 1-based ranks, ascending, ties at their average rank.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        // Positions i..=j (0-based) share the mean of ranks i+1..=j+1.
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = avg;
        }
        i = j + 1;
    }
    out
}

/// Running sums for one assessor.
#[derive(Default)]
struct Acc {
    dev_sum: Vec<f64>,
    dev_n: Vec<usize>,
    /// Per compared unit: (own total, rest-of-panel total, sum of differences).
    units: Vec<(f64, f64, f64)>,
    trimmed: usize,
    dropped: f64,
    chance: f64,
}

/// The figures for every assessor of the round, in the round's order.
pub fn assess(round: &Round, scheme: &Scheme, results: &RoundResults) -> Vec<AssessorConsistency> {
    let n_ind = scheme.indicator_count();
    let mut acc: BTreeMap<&str, Acc> = round
        .assessors
        .iter()
        .map(|a| {
            let acc = Acc {
                dev_sum: vec![0.0; n_ind],
                dev_n: vec![0; n_ind],
                ..Acc::default()
            };
            (a.id.as_str(), acc)
        })
        .collect();
    for unit in &results.units {
        // Per assessor on this unit: (own, rest) totals and the difference sum.
        let mut per_unit: BTreeMap<&str, (f64, f64, f64, bool)> = BTreeMap::new();
        for (i, ind) in unit.indicators.iter().enumerate() {
            let vals: Vec<(&str, f64)> = ind
                .sources
                .iter()
                .filter_map(|s| s.points.map(|p| (&*s.assessor_id, p.as_f64())))
                .collect();
            let k = vals.len();
            let sum: f64 = vals.iter().map(|v| v.1).sum();
            let (hi, lo) = vals
                .iter()
                .fold((f64::MIN, f64::MAX), |(h, l), v| (h.max(v.1), l.min(v.1)));
            let n_hi = vals.iter().filter(|v| v.1 == hi).count() as f64;
            let n_lo = vals.iter().filter(|v| v.1 == lo).count() as f64;
            for &(aid, x) in &vals {
                let Some(a) = acc.get_mut(aid) else { continue };
                if ind.trimmed {
                    a.trimmed += 1;
                    a.chance += 2.0 / k as f64;
                    if x == hi {
                        a.dropped += 1.0 / n_hi;
                    }
                    if x == lo {
                        a.dropped += 1.0 / n_lo;
                    }
                }
                if k < 2 {
                    continue;
                }
                let rest = (sum - x) / (k - 1) as f64;
                if let (Some(ds), Some(dn)) = (a.dev_sum.get_mut(i), a.dev_n.get_mut(i)) {
                    *ds += x - rest;
                    *dn += 1;
                }
                let e = per_unit.entry(aid).or_insert((0.0, 0.0, 0.0, false));
                e.0 += x;
                e.1 += rest;
                e.2 += x - rest;
                e.3 = true;
            }
        }
        for (aid, (own, rest, diff, any)) in per_unit {
            if let (true, Some(a)) = (any, acc.get_mut(aid)) {
                a.units.push((own, rest, diff));
            }
        }
    }
    let full = scheme.full_points().as_f64();
    round
        .assessors
        .iter()
        .map(|a| {
            let acc = acc.remove(a.id.as_str()).unwrap_or_default();
            summarise(a, acc, full)
        })
        .collect()
}

fn summarise(a: &Assessor, acc: Acc, full: f64) -> AssessorConsistency {
    let n = acc.units.len();
    let total_dev = (n > 0).then(|| acc.units.iter().map(|u| u.2).sum::<f64>() / n as f64);
    let own: Vec<f64> = acc.units.iter().map(|u| u.0).collect();
    let rest: Vec<f64> = acc.units.iter().map(|u| u.1).collect();
    let rho = spearman(&own, &rest);
    let indicator_dev = acc
        .dev_sum
        .iter()
        .zip(&acc.dev_n)
        .map(|(s, &c)| (c > 0).then(|| s / c as f64))
        .collect();
    let t = acc.trimmed as f64;
    let dropped_share = (acc.trimmed > 0).then(|| acc.dropped / t);
    let chance_share = (acc.trimmed > 0).then(|| acc.chance / t);
    let mut flags = Vec::new();
    if total_dev.is_some_and(|d| d.abs() >= full * DEVIATION_FLAG_PCT / 100.0 - 1e-9) {
        flags.push(Flag::Deviation);
    }
    if n >= MIN_UNITS_FOR_RANK && rho.is_some_and(|r| r < RANK_FLAG_BELOW) {
        flags.push(Flag::Rank);
    }
    if acc.trimmed >= MIN_TRIMMED_POINTS && acc.dropped >= DROPPED_FLAG_RATIO * acc.chance - 1e-9 {
        flags.push(Flag::Dropped);
    }
    AssessorConsistency {
        assessor_id: a.id.clone(),
        name: a.name.clone(),
        units_compared: n,
        indicator_dev,
        total_dev,
        spearman: rho,
        trimmed_points: acc.trimmed,
        dropped_share,
        chance_share,
        flags,
    }
}

/// A unit's assessors' totals this far apart, in percent of the scheme's full points,
/// are said beside its grade.
pub const SPLIT_FLAG_PCT: i64 = 30;

/// The lowest and highest of a unit's assessors' totals, when they lie at least
/// [`SPLIT_FLAG_PCT`] percent of `full` apart: the grade (and a status change it brings)
/// then hangs on who sat on the panel (a clerk's review: totals of 99, 77 and 28 made a
/// 不合格 and a 警示 proposal with nothing said beside them). Only assessors who scored
/// every indicator they were asked are compared (a sheet half done is no total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelSplit {
    pub lowest: (String, Points),
    pub highest: (String, Points),
}

impl PanelSplit {
    /// `评委总分从 28（王五）到 99（张三），相差 71 分`.
    pub fn describe(&self) -> String {
        format!(
            "评委总分从 {}（{}）到 {}（{}），相差 {} 分",
            self.lowest.1,
            self.lowest.0,
            self.highest.1,
            self.highest.0,
            self.highest.1 - self.lowest.1
        )
    }
}

/// See [`PanelSplit`].
pub fn panel_split(unit: &UnitResult, full: Points) -> Option<PanelSplit> {
    let mut totals: BTreeMap<&str, (String, Option<Points>)> = BTreeMap::new();
    for ind in &unit.indicators {
        for s in &ind.sources {
            let e = totals
                .entry(&*s.assessor_id)
                .or_insert_with(|| (s.assessor_name.to_string(), Some(Points::ZERO)));
            e.1 = e.1.zip(s.points).map(|(t, p)| t + p);
        }
    }
    let whole: Vec<(String, Points)> = totals
        .into_values()
        .filter_map(|(name, t)| t.map(|t| (name, t)))
        .collect();
    let lowest = whole.iter().min_by_key(|(_, t)| *t)?.clone();
    let highest = whole.iter().max_by_key(|(_, t)| *t)?.clone();
    let gap = (highest.1 - lowest.1).hundredths();
    (whole.len() >= 2 && gap * 100 >= full.hundredths() * SPLIT_FLAG_PCT)
        .then_some(PanelSplit { lowest, highest })
}

/// The "what if" total of one unit: official beside normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub unit_id: Id,
    /// `None` when the unit is not graded (未评定: nothing scored), as the ranking shows
    /// a dash rather than 0.
    pub official: Option<Points>,
    /// `None` when no assessor scored the unit.
    pub normalised: Option<Points>,
}

/// Totals with each assessor's sheet totals normalised: z = (T − the assessor's mean)
/// ÷ the assessor's standard deviation, put back on the scale of all sheets
/// (pooled mean + pooled sd × z); a unit's figure is the mean of those (dropping one
/// highest and one lowest under the scheme's trimming rule) plus its bonus minus its
/// deductions, rounded half-up to hundredths, not below 0. An assessor with one unit
/// or all totals equal has z = 0 on each sheet. Never replaces the official total.
pub fn what_if(round: &Round, scheme: &Scheme, results: &RoundResults) -> Vec<WhatIf> {
    // Sheet totals (sum of the points given), by assessor and unit.
    let mut totals: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
    for (ui, unit) in results.units.iter().enumerate() {
        let mut per: BTreeMap<&str, (f64, bool)> = BTreeMap::new();
        for ind in &unit.indicators {
            for s in &ind.sources {
                if let Some(p) = s.points {
                    let e = per.entry(&*s.assessor_id).or_insert((0.0, false));
                    e.0 += p.as_f64();
                    e.1 = true;
                }
            }
        }
        for (aid, (t, any)) in per {
            if any && round.assessors.iter().any(|a| a.id == aid) {
                totals.entry(aid).or_default().push((ui, t));
            }
        }
    }
    let all: Vec<f64> = totals.values().flatten().map(|x| x.1).collect();
    let (pm, psd) = mean_sd(&all);
    let mut per_unit: Vec<Vec<f64>> = vec![Vec::new(); results.units.len()];
    for list in totals.values() {
        let vals: Vec<f64> = list.iter().map(|x| x.1).collect();
        let (m, sd) = mean_sd(&vals);
        for &(ui, t) in list {
            let z = if sd > 0.0 { (t - m) / sd } else { 0.0 };
            if let Some(v) = per_unit.get_mut(ui) {
                v.push(pm + psd * z);
            }
        }
    }
    let trim_min = scheme.aggregation.trim_min_assessors as usize;
    results
        .units
        .iter()
        .zip(per_unit)
        .map(|(u, mut vals)| {
            let k = vals.len();
            let normalised = (k > 0).then(|| {
                vals.sort_by(f64::total_cmp);
                let kept = if trim_min > 0 && k >= trim_min.max(3) {
                    &vals[1..k - 1]
                } else {
                    &vals[..]
                };
                let mean = kept.iter().sum::<f64>() / kept.len() as f64;
                let t = mean + u.bonus.as_f64() - u.deductions.as_f64();
                Points::round_half_up(t.max(0.0))
            });
            WhatIf {
                unit_id: u.unit_id.clone(),
                official: u.graded.then_some(u.total),
                normalised,
            }
        })
        .collect()
}

/// Mean and population standard deviation (0, 0 for an empty list).
fn mean_sd(xs: &[f64]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n;
    (m, v.sqrt())
}
