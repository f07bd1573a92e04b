//! Validation with typed errors. Every message is Chinese and names the unit, the
//! indicator and the value involved, so a person can find and fix the entry.
//!
//! Validation never changes the data it is given: it reads and reports.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::dates;
use super::model::*;
use super::points::Points;

mod limit_checks;
use limit_checks::*;

mod round;
pub use round::*;

mod state;
pub use state::validate_state;

mod cautions;
pub use cautions::{cautions, cautions_said, check_roster, Caution};

/// The limits ([`limits`]) that `after` breaks and `before` did not: what a change
/// may not bring in, whichever form it came through, since a backup of a state
/// beyond them could not be restored. Limits `before` already broke (data from an
/// older version) do not block other changes.
pub fn new_limit_errors(before: &AppState, after: &AppState) -> Vec<ValidationError> {
    let mut now = Vec::new();
    check_limits(after, &mut now);
    if now.is_empty() {
        return now;
    }
    let mut was = Vec::new();
    check_limits(before, &mut was);
    now.retain(|e| !was.contains(e));
    now
}

/// What is wrong with some data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{}指标「{indicator}」的分值 {value} 超出范围（0–{max}）", unit_prefix(.unit))]
    PointsOutOfRange {
        unit: String,
        indicator: String,
        value: Points,
        max: Points,
    },
    #[error("{}指标「{indicator}」的分值 {value} 不是 {step} 的整数倍", unit_prefix(.unit))]
    PointsOffStep {
        unit: String,
        indicator: String,
        value: Points,
        step: Points,
    },
    #[error("{}引用了方案中不存在的指标「{indicator}」", unit_prefix(.unit))]
    UnknownIndicator { unit: String, indicator: String },
    #[error("{kind}编号「{id}」重复")]
    DuplicateId { kind: String, id: String },
    #[error("名册中有两个单位都叫「{name}」，单位名称不能重复")]
    DuplicateUnitName { name: String },
    #[error("{owner}引用的{kind}「{id}」不存在")]
    DanglingReference {
        owner: String,
        kind: String,
        id: String,
    },
    #[error(
        "考评轮次「{round}」中有单位「{unit}」的{source_name}评分表，但该单位不在本轮考评名单中"
    )]
    SheetUnitNotInRound {
        round: String,
        unit: String,
        source_name: String,
    },
    #[error("考评轮次「{round}」中单位「{unit}」的{source_name}评分表有 {len} 项分值，方案应为 {expected} 项")]
    SheetLength {
        round: String,
        unit: String,
        source_name: String,
        len: usize,
        expected: usize,
    },
    #[error("考评轮次「{round}」中单位「{unit}」的{source_name}评分表重复")]
    DuplicateSheet {
        round: String,
        unit: String,
        source_name: String,
    },
    #[error("{what}的日期「{value}」格式不正确，应为“年-月-日”，如 2026-03-15")]
    BadDate { what: String, value: String },
    #[error("考评轮次「{round}」中单位「{unit}」登记的{kind}项目「{item}」在方案中不存在")]
    UnknownItem {
        round: String,
        unit: String,
        kind: String,
        item: String,
    },
    #[error("考评方案「{scheme}」有误：{reason}")]
    BadScheme { scheme: String, reason: String },
    #[error("{what}{value}超出允许的范围（{limit}）")]
    OutOfLimits {
        what: String,
        value: String,
        limit: String,
    },
}

/// The limits every door applies to free-form fields (the screens' own limits): a file
/// or a backup cannot carry a year 0, a negative fund or a title of a million characters.
pub mod limits {
    /// Years of a round, a resource entry or a unit's entry into the programme.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1921..=2100;
    /// Names of units, rounds and schemes, in characters (generous: the screens set
    /// none, and a state the app made must always restore).
    pub const NAME_CHARS: usize = 200;
    /// Outcome titles, in characters (the limit of the screen that registers them).
    pub const TITLE_CHARS: usize = 100;
    /// Longer texts (descriptions, notes, goals), in characters.
    pub const TEXT_CHARS: usize = 20_000;

    /// 万元: funds and activity funds are 0 up to this.
    pub const FUNDS_WAN: i64 = 100_000;
    /// Staff of one unit.
    pub const STAFF: u32 = 10_000;
}

fn unit_prefix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!("单位「{unit}」")
    }
}

/// How a sheet's source is named in messages: `评委「张三」` or `自评`.
pub fn source_name(round: &Round, source: &SheetSource) -> String {
    match source {
        SheetSource::SelfAssessment => "自评".to_string(),
        SheetSource::Assessor(id) => match round.assessors.iter().find(|a| &a.id == id) {
            Some(a) => format!("评委「{}」", a.name),
            None => format!("评委「{id}」"),
        },
    }
}

/// Checks one score against the indicator at `index` of the scheme (the score grid
/// calls this as a person types). A blank is always fine and is not passed here.
pub fn check_points(scheme: &Scheme, index: usize, value: Points) -> Result<(), ValidationError> {
    check_points_for("", scheme, index, value)
}

/// As [`check_points`], naming the unit in the message.
pub fn check_points_for(
    unit_name: &str,
    scheme: &Scheme,
    index: usize,
    value: Points,
) -> Result<(), ValidationError> {
    let Some(ind) = scheme.indicators().nth(index) else {
        return Err(ValidationError::UnknownIndicator {
            unit: unit_name.to_string(),
            indicator: format!("第{}项", index + 1),
        });
    };
    check_indicator_points(|| unit_name.to_string(), ind, value)
}

/// Checks `value` against one indicator's range and step. The unit's name is only
/// made when there is an error (this runs for every score of a round).
pub fn check_indicator_points(
    unit_name: impl FnOnce() -> String,
    ind: &Indicator,
    value: Points,
) -> Result<(), ValidationError> {
    if value < Points::ZERO || value > ind.max {
        return Err(ValidationError::PointsOutOfRange {
            unit: unit_name(),
            indicator: ind.name.clone(),
            value,
            max: ind.max,
        });
    }
    if ind.step > Points::ZERO && value.hundredths() % ind.step.hundredths() != 0 {
        return Err(ValidationError::PointsOffStep {
            unit: unit_name(),
            indicator: ind.name.clone(),
            value,
            step: ind.step,
        });
    }
    Ok(())
}

/// Checks a `YYYY-MM-DD` date; `what` names the record in the message.
pub fn check_date(what: &str, value: &str) -> Result<(), ValidationError> {
    if dates::parse_date(value).is_some() {
        Ok(())
    } else {
        Err(ValidationError::BadDate {
            what: what.to_string(),
            value: value.to_string(),
        })
    }
}

/// Checks one scheme on its own: positive full points and steps, full points on the
/// step, non-negative bonus cap and item points, grade bands in order, percentages
/// at most 100, no duplicate ids inside it.
pub fn validate_scheme(scheme: &Scheme) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    let bad = |reason: String| ValidationError::BadScheme {
        scheme: scheme.name.clone(),
        reason,
    };
    let mut ids = BTreeSet::new();
    for (k, d) in scheme.dimensions.iter().enumerate() {
        if !ids.insert(d.id.as_str()) {
            errs.push(dup("方案中的一级指标", &d.id));
        }
        for (j, i) in d.indicators.iter().enumerate() {
            if !ids.insert(i.id.as_str()) {
                errs.push(dup("方案中的指标", &i.id));
            }
            let what = indicator_label(k, &d.name, j, &i.name);
            if i.max <= Points::ZERO {
                errs.push(bad(format!("{what}的满分 {} 应大于 0", i.max)));
            }
            if i.step <= Points::ZERO {
                errs.push(bad(format!("{what}的计分单位 {} 应大于 0", i.step)));
            } else if i.max.hundredths() % i.step.hundredths() != 0 {
                errs.push(bad(format!(
                    "{what}的满分 {} 不是计分单位 {} 的整数倍",
                    i.max, i.step
                )));
            }
        }
    }
    let items = (scheme
        .bonus_items
        .iter()
        .enumerate()
        .map(|(j, i)| ("加分", j, i)))
    .chain(
        scheme
            .deduction_items
            .iter()
            .enumerate()
            .map(|(j, i)| ("扣分", j, i)),
    );
    for (kind, j, item) in items {
        if !ids.insert(item.id.as_str()) {
            errs.push(dup("方案中的加减分项目", &item.id));
        }
        if item.points < Points::ZERO {
            errs.push(bad(format!(
                "{}的分值 {} 不能为负数",
                named(&format!("{kind}项目"), &item.name, j),
                item.points
            )));
        }
    }
    for v in &scheme.veto_items {
        if !ids.insert(v.id.as_str()) {
            errs.push(dup("方案中的否决项目", &v.id));
        }
    }
    if scheme.bonus_cap < Points::ZERO {
        errs.push(bad(format!("加分上限 {} 不能为负数", scheme.bonus_cap)));
    }
    let b = &scheme.grade_bands;
    // A negative line is named as such: the order below would read as met (−10 ≤ 80).
    for (name, line) in [("优秀", b.excellent), ("良好", b.good), ("合格", b.pass)] {
        if line < Points::ZERO {
            errs.push(bad(format!("{name}分数线 {line} 不能为负数")));
        }
    }
    // Said as which line is above which (a clerk's review: "合格 70 ≤ 良好 95 ≤ 优秀
    // 90" read as a false statement, naming no line to change).
    if b.good > b.excellent {
        errs.push(bad(format!(
            "良好分数线（{}）不能高于优秀分数线（{}），请核对",
            b.good, b.excellent
        )));
    }
    if b.pass > b.good {
        errs.push(bad(format!(
            "合格分数线（{}）不能高于良好分数线（{}），请核对",
            b.pass, b.good
        )));
    }
    if scheme.aggregation.self_weight_pct > 100 {
        errs.push(bad(format!(
            "自评权重 {}% 超过 100%",
            scheme.aggregation.self_weight_pct
        )));
    }
    if let Some(c) = scheme.excellent_cap_pct {
        if c > 100 {
            errs.push(bad(format!("优秀比例上限 {c}% 超过 100%")));
        }
    }
    errs
}

/// A scheme's part as a message names it: `kind「name」`, or by its place when the
/// name is still blank (`第 2 个一级指标（未填名称）`), never an empty 「」.
pub fn named(kind: &str, name: &str, idx: usize) -> String {
    if name.trim().is_empty() {
        format!("第 {} 个{kind}（未填名称）", idx + 1)
    } else {
        format!("{kind}「{}」", name.trim())
    }
}

/// An indicator as a message names it: by its name, or by its place under its
/// dimension when blank (`一级指标「务实创新」的第 2 个二级指标（未填名称）`).
pub fn indicator_label(dim_idx: usize, dim_name: &str, idx: usize, name: &str) -> String {
    if name.trim().is_empty() {
        format!(
            "{}的第 {} 个二级指标（未填名称）",
            named("一级指标", dim_name, dim_idx),
            idx + 1
        )
    } else {
        format!("指标「{}」", name.trim())
    }
}

fn dup(kind: &str, id: &str) -> ValidationError {
    ValidationError::DuplicateId {
        kind: kind.to_string(),
        id: id.to_string(),
    }
}

fn dangling(owner: String, kind: &str, id: &str) -> ValidationError {
    ValidationError::DanglingReference {
        owner,
        kind: kind.to_string(),
        id: id.to_string(),
    }
}

fn check_unique<'a>(
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
    errs: &mut Vec<ValidationError>,
) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            errs.push(dup(kind, id));
        }
    }
}
