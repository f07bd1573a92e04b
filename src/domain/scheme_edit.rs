//! Editing a scheme version as a draft: adding, removing and reordering dimensions,
//! indicators and items with fresh ids, reading numbers as typed, checking the draft
//! before it is saved, and the rows of the scheme list.

use std::collections::BTreeSet;

use super::default_scheme::{default_scheme, scheme_has_scores};
use super::model::*;
use super::points::Points;
use super::validation::{named, validate_scheme};

/// Up or down in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Which list of adjustment items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemList {
    Bonus,
    Deduction,
    Veto,
}

impl ItemList {
    /// The id prefix of new items of this list.
    fn prefix(self) -> &'static str {
        match self {
            ItemList::Bonus => "b",
            ItemList::Deduction => "k",
            ItemList::Veto => "v",
        }
    }
}

/// Every id used inside the scheme (dimensions, indicators, items).
fn ids_in(scheme: &Scheme) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for d in &scheme.dimensions {
        ids.insert(d.id.clone());
        for i in &d.indicators {
            ids.insert(i.id.clone());
        }
    }
    for i in scheme.bonus_items.iter().chain(&scheme.deduction_items) {
        ids.insert(i.id.clone());
    }
    for v in &scheme.veto_items {
        ids.insert(v.id.clone());
    }
    ids
}

/// `prefix` followed by the smallest number not yet used in the scheme.
pub fn fresh_item_id(scheme: &Scheme, prefix: &str) -> Id {
    let ids = ids_in(scheme);
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !ids.contains(id))
        .unwrap_or_else(|| format!("{prefix}x"))
}

/// Appends an empty dimension (one indicator of 5 points) and returns its id.
pub fn add_dimension(scheme: &mut Scheme) -> Id {
    let id = fresh_item_id(scheme, "d");
    scheme.dimensions.push(Dimension {
        id: id.clone(),
        name: "新一级指标".to_string(),
        role: DimensionRole::OwnConstruction,
        indicators: Vec::new(),
    });
    let last = scheme.dimensions.len() - 1;
    add_indicator(scheme, last);
    id
}

/// Appends an indicator (5 points, step 0.5) to the dimension at `dim`; its id.
pub fn add_indicator(scheme: &mut Scheme, dim: usize) -> Option<Id> {
    let prefix = format!("{}-", scheme.dimensions.get(dim)?.id);
    let id = fresh_item_id(scheme, &prefix);
    let d = scheme.dimensions.get_mut(dim)?;
    d.indicators.push(Indicator {
        id: id.clone(),
        name: format!("{}新指标{}", d.name, d.indicators.len() + 1),
        max: Points::whole(5),
        step: Points(50),
        guidance: String::new(),
    });
    Some(id)
}

/// What the printed scheme says of the 计分单位 (the score grid refuses other points):
/// `各二级指标的得分须为 0.5 分的整数倍。`, naming the indicators of another step.
pub fn step_rule(scheme: &Scheme) -> String {
    let steps: Vec<(Points, &str)> = scheme
        .indicators()
        .map(|i| (i.step, i.name.trim()))
        .collect();
    let mut counts: Vec<(Points, usize)> = Vec::new();
    for (step, _) in &steps {
        match counts.iter_mut().find(|(s, _)| s == step) {
            Some((_, n)) => *n += 1,
            None => counts.push((*step, 1)),
        }
    }
    let Some(&(common, _)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return String::new();
    };
    let others: Vec<String> = counts
        .iter()
        .filter(|(s, _)| *s != common)
        .map(|(s, _)| {
            let names: Vec<&str> = steps
                .iter()
                .filter(|(t, _)| t == s)
                .map(|(_, n)| *n)
                .collect();
            format!("{}为 {s} 分的整数倍", names.join("、"))
        })
        .collect();
    if others.is_empty() {
        format!("各二级指标的得分须为 {common} 分的整数倍。")
    } else {
        format!(
            "各二级指标的得分须为 {common} 分的整数倍（{}）。",
            others.join("；")
        )
    }
}

/// Whether removing `ind` loses something typed, so the editor asks first: its 评分细则,
/// or a name other than the one [`add_indicator`] gave it.
pub fn worth_asking(ind: &Indicator) -> bool {
    let name = ind.name.trim();
    !ind.guidance.trim().is_empty() || !(name.is_empty() || name.contains("新指标"))
}

/// Removes the dimension at `dim` with its indicators.
pub fn remove_dimension(scheme: &mut Scheme, dim: usize) -> Option<Dimension> {
    (dim < scheme.dimensions.len()).then(|| scheme.dimensions.remove(dim))
}

/// Removes the indicator at `ind` of the dimension at `dim`.
pub fn remove_indicator(scheme: &mut Scheme, dim: usize, ind: usize) -> Option<Indicator> {
    let d = scheme.dimensions.get_mut(dim)?;
    (ind < d.indicators.len()).then(|| d.indicators.remove(ind))
}

/// Swaps `v[i]` with its neighbour; false (and nothing moves) at either end.
fn move_in<T>(v: &mut [T], i: usize, dir: Direction) -> bool {
    let j = match dir {
        Direction::Up if i > 0 => i - 1,
        Direction::Down if i + 1 < v.len() => i + 1,
        _ => return false,
    };
    v.swap(i, j);
    true
}

/// Moves a dimension up or down; false at either end.
pub fn move_dimension(scheme: &mut Scheme, dim: usize, dir: Direction) -> bool {
    dim < scheme.dimensions.len() && move_in(&mut scheme.dimensions, dim, dir)
}

/// Moves an indicator up or down within its dimension; false at either end.
pub fn move_indicator(scheme: &mut Scheme, dim: usize, ind: usize, dir: Direction) -> bool {
    match scheme.dimensions.get_mut(dim) {
        Some(d) if ind < d.indicators.len() => move_in(&mut d.indicators, ind, dir),
        _ => false,
    }
}

/// Appends a bonus, deduction or veto item and returns its id.
pub fn add_item(scheme: &mut Scheme, list: ItemList) -> Id {
    let id = fresh_item_id(scheme, list.prefix());
    match list {
        ItemList::Bonus => scheme.bonus_items.push(AdjustmentItem {
            id: id.clone(),
            name: "新加分项目".to_string(),
            points: Points::whole(1),
        }),
        ItemList::Deduction => scheme.deduction_items.push(AdjustmentItem {
            id: id.clone(),
            name: "新扣分项目".to_string(),
            points: Points::whole(1),
        }),
        ItemList::Veto => scheme.veto_items.push(VetoItem {
            id: id.clone(),
            name: "新否决项目".to_string(),
        }),
    }
    id
}

/// Removes the item at `idx` of a list; false if there is none.
pub fn remove_item(scheme: &mut Scheme, list: ItemList, idx: usize) -> bool {
    fn rm<T>(v: &mut Vec<T>, i: usize) -> bool {
        (i < v.len()).then(|| v.remove(i)).is_some()
    }
    match list {
        ItemList::Bonus => rm(&mut scheme.bonus_items, idx),
        ItemList::Deduction => rm(&mut scheme.deduction_items, idx),
        ItemList::Veto => rm(&mut scheme.veto_items, idx),
    }
}

/// Points as typed for the field `what` (e.g. "指标「方法创新」的满分"), with the
/// reason in words when they cannot be read.
pub fn parse_points_field(what: &str, text: &str) -> Result<Points, String> {
    Points::parse(text).map_err(|e| format!("{what}「{}」不对：{e}", text.trim()))
}

/// A whole number from 0 to `max` as typed for the field `what`; blank is `None`.
pub fn parse_small_number(what: &str, text: &str, max: u8) -> Result<Option<u8>, String> {
    let t = crate::domain::typed::half_width(text);
    let t = t.trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u16>() {
        Ok(n) if n <= u16::from(max) => Ok(Some(n as u8)),
        _ => Err(format!(
            "{what}「{}」不对：应为 0 到 {max} 之间的整数",
            text.trim()
        )),
    }
}

/// A scheme's year past next year, the latest a round may use it (a slip: 2030 for
/// 2026), said in words; `None` for a year a round can use.
pub fn year_to_come(year: u16, this_year: u16) -> Option<String> {
    let latest = this_year.saturating_add(1);
    (year > latest)
        .then(|| format!("{year}年度还没有到：方案最晚可提前为明年（{latest}年）准备，请核对年份"))
}

/// A name another scheme (another family) already goes by, compared as names are
/// (spaces, full-width forms aside): the two would read alike in 新建考评's list (a
/// clerk's review: 第2版 renamed after another year's scheme was offered twice under
/// one name). `None` when the name is free or the family's own.
pub fn name_taken(state: &AppState, draft: &Scheme) -> Option<String> {
    let key = super::roster::bare_name(&draft.name);
    if key.is_empty() {
        return None;
    }
    state
        .schemes
        .iter()
        .find(|s| s.family != draft.family && super::roster::bare_name(&s.name) == key)
        .map(|s| {
            format!(
                "方案名称「{}」已是另一个方案（{}年度）的名称，新建考评时两者无法区分，请改用其他名称",
                draft.name.trim(),
                s.year
            )
        })
}

/// The most points an indicator's 满分, an item's points or the 加分上限 may be: more is
/// a slip of the keyboard (a clerk's review: 满分 99999999 and a 扣分 of 500 per
/// occurrence saved, the first only with the question on the total).
pub const MOST_POINTS: Points = Points::whole(100);

/// The most characters of an item's name in a scheme (the default's longest is 35): a
/// longer one fills a column of the printed scheme (a clerk's review: 420 characters
/// saved without a word, half a page in 打印方案).
pub const NAME_CHARS: usize = 80;

/// What is said of a name over [`NAME_CHARS`]: `{within}第 2 个二级指标的名称有 420 个字…`.
fn long_name(within: &str, kind: &str, name: &str, index: usize) -> Option<String> {
    let n = name.trim().chars().count();
    (n > NAME_CHARS).then(|| {
        format!(
            "{within}第 {} 个{kind}的名称有 {n} 个字，超过 {NAME_CHARS} 字，请精简（具体要求可写在评分细则中）",
            index + 1
        )
    })
}

/// Whether a name holds a tab or a line break: a row (or rows) of a sheet pasted into
/// one box (a clerk's review: 经费保障⇥３⇥0.5⇥… saved as one indicator's name).
fn pasted_row(name: &str) -> bool {
    name.contains(['\t', '\n', '\r'])
}

/// What is said of a name that is a pasted row (`what`: the indicator, as `named` says).
fn pasted_row_said(what: &str) -> String {
    let what: String = what
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{what}的名称中有制表符或换行，像是从表格粘贴了整行：名称栏只填名称，满分、计分单位和评分细则请分别填在各自的栏中（每个指标一行，用“添加二级指标”逐个添加）")
}

/// Everything wrong with a draft before it is saved: the checks of
/// `validation::validate_scheme`, plus names that must not be empty and a dimension
/// without indicators. Each message names the dimension, indicator or item.
pub fn check_draft(scheme: &Scheme) -> Vec<String> {
    let mut out = Vec::new();
    if scheme.name.trim().is_empty() {
        out.push("请填写方案名称".to_string());
    }
    if !(1990..=2100).contains(&scheme.year) {
        out.push(format!(
            "方案年度 {} 不对，{}",
            scheme.year,
            crate::domain::roster::YEAR_HINT
        ));
    }
    if scheme.dimensions.is_empty() {
        out.push("方案至少要有一个一级指标".to_string());
    }
    // 0 beside fields where 0 means "none" (a clerk's review): here it would leave no
    // unit 优秀, which no committee sets by this field.
    if scheme.excellent_cap_pct == Some(0) {
        out.push("优秀比例上限填了 0：这样没有任何单位能评为优秀。不设上限请留空".to_string());
    }
    // A clerk's review: a new blank scheme's 加分上限 is 0, and its 加分项目 then counted
    // nothing, while the printed scheme promised 每次加 2 分 and 加分合计不超过 0 分.
    if !scheme.bonus_items.is_empty() && scheme.bonus_cap == Points::ZERO {
        out.push(format!(
            "列了 {} 个加分项目，但加分上限是 0：这样加分一律不计入总分。请填写加分上限（默认方案为 10 分）；不设加分请删除加分项目",
            scheme.bonus_items.len()
        ));
    }
    for (k, d) in scheme.dimensions.iter().enumerate() {
        if d.name.trim().is_empty() {
            out.push(format!("第 {} 个一级指标没有名称", k + 1));
        }
        if d.indicators.is_empty() {
            out.push(format!("{}下没有二级指标", named("一级指标", &d.name, k)));
        }
        out.extend(long_name("", "一级指标", &d.name, k));
        if pasted_row(&d.name) {
            out.push(pasted_row_said(&named("一级指标", &d.name, k)));
        }
        for (j, i) in d.indicators.iter().enumerate() {
            if i.name.trim().is_empty() {
                out.push(format!(
                    "{}的第 {} 个二级指标没有名称",
                    named("一级指标", &d.name, k),
                    j + 1
                ));
            }
            if pasted_row(&i.name) {
                out.push(pasted_row_said(&named("二级指标", &i.name, j)));
            }
            out.extend(long_name(
                &format!("{}的", named("一级指标", &d.name, k)),
                "二级指标",
                &i.name,
                j,
            ));
            if i.max > MOST_POINTS {
                out.push(format!(
                    "{}的满分 {} 分超过 {MOST_POINTS} 分（一个二级指标一般为几分），可能多打了数字，请核对",
                    named("二级指标", &i.name, j),
                    i.max
                ));
            }
        }
    }
    for (what, verb, items) in [
        ("加分", "加", &scheme.bonus_items),
        ("扣分", "扣", &scheme.deduction_items),
    ] {
        for (j, i) in items.iter().enumerate() {
            if i.name.trim().is_empty() {
                out.push(format!("第 {} 个{what}项目没有名称", j + 1));
            }
            out.extend(long_name("", &format!("{what}项目"), &i.name, j));
            if i.points > MOST_POINTS {
                out.push(format!(
                    "{}每次{} {} 分，超过 {MOST_POINTS} 分，可能多打了数字，请核对",
                    named(&format!("{what}项目"), &i.name, j),
                    verb,
                    i.points
                ));
            }
        }
    }
    if scheme.bonus_cap > MOST_POINTS {
        out.push(format!(
            "加分上限 {} 分超过 {MOST_POINTS} 分，可能多打了数字，请核对",
            scheme.bonus_cap
        ));
    }
    for (j, v) in scheme.veto_items.iter().enumerate() {
        if v.name.trim().is_empty() {
            out.push(format!("第 {} 个否决项目没有名称", j + 1));
        }
        out.extend(long_name("", "否决项目", &v.name, j));
    }
    out.extend(duplicate_names(scheme));
    let structural = validate_scheme(scheme);
    // A line no unit can reach makes the grade empty for everyone (said once the
    // points themselves are right, since they decide what can be reached).
    if out.is_empty() && structural.is_empty() {
        let most = scheme.full_points() + scheme.bonus_cap;
        let b = &scheme.grade_bands;
        for (grade, line) in [("合格", b.pass), ("良好", b.good), ("优秀", b.excellent)] {
            if line > most {
                out.push(format!(
                    "{grade}分数线 {line} 高于本方案能得到的最高分 {most}（满分 {} 加上加分上限 {}），没有单位能达到",
                    scheme.full_points(),
                    scheme.bonus_cap
                ));
            }
        }
    }
    out.extend(structural.into_iter().map(|e| e.to_string()));
    out
}

/// The question to ask before saving a draft whose full points are not the usual 100
/// and differ from the stored version's (a deliberate 120-point scheme is not asked
/// again at every save). `None` when there is nothing to ask.
pub fn total_question(draft: &Scheme, stored: &Scheme) -> Option<String> {
    let total = draft.full_points();
    if total == Points::whole(100) || total == stored.full_points() {
        return None;
    }
    let b = &draft.grade_bands;
    Some(format!(
        "满分合计为 {total} 分，不是通常的 100 分。等次分数线（合格 {}、良好 {}、优秀 {}）按得分计，不随满分折算。确认按满分 {total} 分保存吗？",
        b.pass, b.good, b.excellent
    ))
}

/// Names given twice: two 一级指标, two 二级指标 anywhere in the scheme, two items of
/// a kind (the grid's columns and the report would show two alike).
fn duplicate_names(scheme: &Scheme) -> Vec<String> {
    fn twice<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for n in names.map(str::trim).filter(|n| !n.is_empty()) {
            if !seen.insert(n) && !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
    let mut out = Vec::new();
    let say = |what: &str, names: Vec<&str>| {
        names
            .into_iter()
            .map(|n| format!("{what}「{n}」重复了：名称不能相同，请改一个"))
            .collect::<Vec<_>>()
    };
    out.extend(say(
        "一级指标",
        twice(scheme.dimensions.iter().map(|d| d.name.as_str())),
    ));
    out.extend(say(
        "二级指标",
        twice(scheme.indicators().map(|i| i.name.as_str())),
    ));
    out.extend(say(
        "加分项目",
        twice(scheme.bonus_items.iter().map(|i| i.name.as_str())),
    ));
    out.extend(say(
        "扣分项目",
        twice(scheme.deduction_items.iter().map(|i| i.name.as_str())),
    ));
    out.extend(say(
        "否决项目",
        twice(scheme.veto_items.iter().map(|i| i.name.as_str())),
    ));
    out
}

/// A new scheme id not used by any scheme in the state.
fn fresh_scheme_id(state: &mut AppState) -> Id {
    loop {
        let id = state.new_id("s");
        if state.scheme(&id).is_none() {
            return id;
        }
    }
}

/// Adds the built-in default scheme for `year` as a new family and returns its id.
pub fn add_default_scheme(state: &mut AppState, year: u16, now: &str) -> Id {
    let id = fresh_scheme_id(state);
    let mut s = default_scheme(&id, &id, year);
    s.name = super::default_scheme::unique_scheme_name(state, &s.name);
    s.meta.touch(now, &state.settings.origin.clone());
    state.schemes.push(s);
    id
}

/// Adds a blank scheme for `year` as a new family and returns its id: one 一级指标
/// with one 二级指标 of 100 points (a scheme needs at least one of each to be saved),
/// no bonus, deduction or veto items, and the default's grade bands and aggregation.
pub fn add_blank_scheme(state: &mut AppState, year: u16, now: &str) -> Id {
    let id = fresh_scheme_id(state);
    let mut s = default_scheme(&id, &id, year);
    s.name =
        super::default_scheme::unique_scheme_name(state, &format!("{year}年度考评方案（空白）"));
    s.dimensions = vec![Dimension {
        id: "d1".to_string(),
        name: "一级指标1".to_string(),
        role: DimensionRole::OwnConstruction,
        indicators: vec![Indicator {
            id: "d1-1".to_string(),
            name: "二级指标1".to_string(),
            max: Points::whole(100),
            step: Points(50),
            guidance: String::new(),
        }],
    }];
    s.bonus_items.clear();
    s.deduction_items.clear();
    s.veto_items.clear();
    s.bonus_cap = Points::ZERO;
    s.meta.touch(now, &state.settings.origin.clone());
    state.schemes.push(s);
    id
}

/// One row of the scheme list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRow {
    pub id: Id,
    pub name: String,
    /// The name of the family's first version (what the versions share).
    pub family_name: String,
    pub year: u16,
    pub version: u32,
    pub full_points: Points,
    pub dimensions: usize,
    pub indicators: usize,
    pub has_scores: bool,
    /// Names of the rounds that use this version.
    pub rounds: Vec<String>,
}

/// The scheme versions, newest year first, then by family and version.
pub fn scheme_rows(state: &AppState) -> Vec<SchemeRow> {
    let family_name = |family: &str| {
        state
            .schemes
            .iter()
            .filter(|s| s.family == family)
            .min_by_key(|s| s.version)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<SchemeRow> = state
        .schemes
        .iter()
        .map(|s| SchemeRow {
            id: s.id.clone(),
            name: s.name.clone(),
            family_name: family_name(&s.family),
            year: s.year,
            version: s.version,
            full_points: s.full_points(),
            dimensions: s.dimensions.len(),
            indicators: s.indicator_count(),
            has_scores: scheme_has_scores(state, &s.id),
            rounds: state
                .rounds
                .iter()
                .filter(|r| r.scheme_id == s.id)
                .map(|r| r.name.clone())
                .collect(),
        })
        .collect();
    crate::domain::sorting::sort_by(&mut rows, |a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.family_name.cmp(&b.family_name))
            .then_with(|| a.version.cmp(&b.version))
            .then_with(|| a.id.cmp(&b.id))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::default_scheme::{copy_scheme_for_year, save_scheme_edit};
    use crate::domain::sample::sample_city;

    #[test]
    fn a_name_another_scheme_goes_by_is_said() {
        let s = sample_city(2026);
        let mut draft = s.schemes[0].clone();
        assert_eq!(name_taken(&s, &draft), None, "its own name");
        let other = crate::domain::default_scheme::default_scheme("x", "x", 2027);
        let mut st = s.clone();
        st.schemes.push(Scheme {
            name: "2027年度 专用方案".into(),
            ..other
        });
        draft.name = " 2027年度专用方案".into();
        let said = name_taken(&st, &draft).expect("said");
        assert_eq!(said, "方案名称「2027年度专用方案」已是另一个方案（2027年度）的名称，新建考评时两者无法区分，请改用其他名称");
        // A later version of the same family may keep the family's name.
        let mut version = st.schemes.last().unwrap().clone();
        version.id = "x2".into();
        version.version = 2;
        assert_eq!(name_taken(&st, &version), None);
    }

    /// A clerk's review: two rows of a sheet pasted into a name box were saved as one
    /// indicator's name, tabs and all.
    #[test]
    fn a_row_pasted_into_a_name_is_refused() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        assert!(check_draft(&s).is_empty());
        s.dimensions[0].indicators[0].name =
            "经费保障\t３\t0.5\t经费列入预算 阵地建设\t三分".into();
        let all = check_draft(&s);
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(
            all[0].starts_with("二级指标「经费保障 ３ 0.5 经费列入预算 阵地建设 三分」的名称中有制表符或换行，像是从表格粘贴了整行"),
            "{all:?}"
        );
        s.dimensions[0].indicators[0].name = "经费保障".into();
        s.dimensions[1].name = "组织\n建设".into();
        assert_eq!(check_draft(&s).len(), 1);
    }

    /// A clerk's review: 满分 99999999 saved after the question on the total, and a 扣分
    /// of 500 per occurrence with none.
    #[test]
    fn points_past_a_hundred_are_said() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        s.dimensions[0].indicators[0].max = Points::whole(99_999_999);
        s.deduction_items[0].points = Points::whole(500);
        s.bonus_cap = Points::whole(1000);
        let all = check_draft(&s);
        let ind = s.dimensions[0].indicators[0].name.clone();
        let item = s.deduction_items[0].name.clone();
        assert!(
            all.contains(&format!("二级指标「{ind}」的满分 99999999 分超过 100 分（一个二级指标一般为几分），可能多打了数字，请核对")),
            "{all:?}"
        );
        assert!(
            all.contains(&format!(
                "扣分项目「{item}」每次扣 500 分，超过 100 分，可能多打了数字，请核对"
            )),
            "{all:?}"
        );
        assert!(all.contains(&"加分上限 1000 分超过 100 分，可能多打了数字，请核对".to_string()));
        let s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        assert!(check_draft(&s).is_empty(), "the default is within");
    }

    /// A clerk's review: 优秀比例上限 0 (typed for "no limit", as 0 means beside it)
    /// saved silently and would leave no unit 优秀.
    #[test]
    fn an_excellent_cap_of_zero_is_said() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        s.excellent_cap_pct = Some(0);
        let all = check_draft(&s).join("\n");
        assert!(all.contains("优秀比例上限填了 0"), "{all}");
        s.excellent_cap_pct = Some(30);
        assert!(check_draft(&s).is_empty());
    }

    /// A clerk's review: bonus items under a 加分上限 of 0 counted nothing, silently.
    #[test]
    fn bonus_items_under_a_cap_of_zero_are_said() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        assert!(!s.bonus_items.is_empty());
        s.bonus_cap = Points::ZERO;
        let all = check_draft(&s).join("\n");
        assert!(
            all.contains("但加分上限是 0：这样加分一律不计入总分"),
            "{all}"
        );
        s.bonus_items.clear();
        assert!(check_draft(&s).is_empty());
    }

    /// A clerk's review: the printed scheme did not say scores go in steps of 0.5, and
    /// the score grid refused 16.3.
    #[test]
    fn the_printed_step_rule_names_the_odd_ones_out() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        assert_eq!(step_rule(&s), "各二级指标的得分须为 0.5 分的整数倍。");
        s.dimensions[0].indicators[0].step = Points::whole(1);
        let name = s.dimensions[0].indicators[0].name.clone();
        assert_eq!(
            step_rule(&s),
            format!("各二级指标的得分须为 0.5 分的整数倍（{name}为 1 分的整数倍）。")
        );
    }

    #[test]
    fn a_row_as_added_is_removed_without_asking() {
        let mut s = crate::domain::default_scheme::default_scheme("s1", "s1", 2026);
        assert!(worth_asking(&s.dimensions[0].indicators[0]));
        add_indicator(&mut s, 0);
        let added = s.dimensions[0].indicators.last().expect("added").clone();
        assert!(!worth_asking(&added));
        let mut named = added.clone();
        named.name = "党员先锋作用".into();
        assert!(worth_asking(&named));
        let mut guided = added;
        guided.guidance = "有先锋岗得 2 分".into();
        assert!(worth_asking(&guided));
    }

    /// A clerk's review: a scheme's year could be saved as 2030 in 2026.
    #[test]
    fn a_year_past_next_year_is_said() {
        assert_eq!(year_to_come(2027, 2026), None);
        assert_eq!(year_to_come(2020, 2026), None);
        assert_eq!(
            year_to_come(2030, 2026).as_deref(),
            Some("2030年度还没有到：方案最晚可提前为明年（2027年）准备，请核对年份")
        );
    }

    #[test]
    fn a_new_or_copied_scheme_never_takes_a_name_already_used() {
        let mut st = AppState::default();
        let a = add_default_scheme(&mut st, 2026, "2026-01-01T00:00:00Z");
        let b = add_default_scheme(&mut st, 2026, "2026-01-01T00:00:00Z");
        let c = copy_scheme_for_year(&mut st, &a, 2026).expect("copied");
        let d = copy_scheme_for_year(&mut st, &a, 2027).expect("copied");
        let name = |id: &str| st.scheme(id).map(|s| s.name.clone()).unwrap_or_default();
        assert_eq!(name(&a), "2026年度基层党建示范点考评方案");
        assert_eq!(name(&b), "2026年度基层党建示范点考评方案（2）");
        assert_eq!(name(&c), "2026年度基层党建示范点考评方案（3）");
        assert_eq!(name(&d), "2027年度基层党建示范点考评方案");
    }

    fn names(s: &Scheme, dim: usize) -> Vec<String> {
        s.dimensions[dim]
            .indicators
            .iter()
            .map(|i| i.name.clone())
            .collect()
    }

    #[test]
    fn adding_gives_fresh_ids_and_the_total_follows() {
        let mut s = default_scheme("s1", "s1", 2026);
        assert_eq!(s.full_points(), Points::whole(100));
        let d = add_dimension(&mut s);
        assert_eq!(d, "d8");
        assert_eq!(s.dimensions[7].indicators[0].id, "d8-1");
        assert_eq!(s.full_points(), Points::whole(105));
        let i = add_indicator(&mut s, 0).unwrap();
        assert_eq!(i, "d1-5");
        assert_eq!(s.full_points(), Points::whole(110));
        assert_eq!(add_item(&mut s, ItemList::Veto), "v4");
        let next_bonus = fresh_item_id(&s, "b");
        assert_eq!(add_item(&mut s, ItemList::Bonus), next_bonus);
        assert_ne!(fresh_item_id(&s, "b"), next_bonus);
        assert!(check_draft(&s).is_empty(), "{:?}", check_draft(&s));
        assert_eq!(add_indicator(&mut s, 99), None);
    }

    #[test]
    fn reorder_and_remove() {
        let mut s = default_scheme("s1", "s1", 2026);
        let first = names(&s, 1);
        assert!(!move_indicator(&mut s, 1, 0, Direction::Up), "top stays");
        assert!(move_indicator(&mut s, 1, 0, Direction::Down));
        assert_eq!(names(&s, 1)[0], first[1]);
        assert_eq!(names(&s, 1)[1], first[0]);
        let last = s.dimensions[1].indicators.len() - 1;
        assert!(
            !move_indicator(&mut s, 1, last, Direction::Down),
            "bottom stays"
        );
        assert!(!move_indicator(&mut s, 1, 99, Direction::Up));

        let dim0 = s.dimensions[0].name.clone();
        assert!(move_dimension(&mut s, 0, Direction::Down));
        assert_eq!(s.dimensions[1].name, dim0);
        assert!(!move_dimension(&mut s, 0, Direction::Up));

        let removed = remove_indicator(&mut s, 1, 0).unwrap();
        assert_eq!(s.full_points(), Points::whole(100) - removed.max);
        assert!(remove_indicator(&mut s, 1, 99).is_none());
        let n = s.dimensions.len();
        remove_dimension(&mut s, 0).unwrap();
        assert_eq!(s.dimensions.len(), n - 1);
        assert!(remove_item(&mut s, ItemList::Deduction, 0));
        assert!(!remove_item(&mut s, ItemList::Veto, 99));
    }

    #[test]
    fn numbers_as_typed() {
        assert_eq!(
            parse_points_field("指标「方法创新」的满分", " 3.5 "),
            Ok(Points(350))
        );
        assert_eq!(
            parse_points_field("指标「方法创新」的满分", "三分"),
            Err("指标「方法创新」的满分「三分」不对：不是数字".to_string())
        );
        assert_eq!(parse_small_number("自评权重", "20%", 100), Ok(Some(20)));
        assert_eq!(parse_small_number("优秀比例上限", "  ", 100), Ok(None));
        assert_eq!(
            parse_small_number("自评权重", "120", 100),
            Err("自评权重「120」不对：应为 0 到 100 之间的整数".to_string())
        );
        assert!(parse_small_number("自评权重", "-1", 100).is_err());
    }

    #[test]
    fn a_name_longer_than_a_printed_column_takes_is_refused_and_the_default_passes() {
        let mut s = default_scheme("s1", "s1", 2026);
        assert!(check_draft(&s).is_empty(), "{:?}", check_draft(&s));
        s.dimensions[1].indicators[1].name = "很长的指标名称".repeat(60);
        s.veto_items[0].name = "否".repeat(NAME_CHARS);
        let all = check_draft(&s).join("\n");
        assert!(
            all.contains("一级指标「务实创新」的第 2 个二级指标的名称有 420 个字，超过 80 字"),
            "{all}"
        );
        assert!(!all.contains("否决项目的名称"), "80 characters pass: {all}");
    }

    #[test]
    fn a_bad_draft_lists_every_problem_by_name() {
        let mut s = default_scheme("s1", "s1", 2026);
        s.name = " ".into();
        s.dimensions[1].indicators[0].max = Points::ZERO;
        s.dimensions[1].indicators[1].name = String::new();
        s.dimensions[2].indicators.clear();
        s.grade_bands.good = Points::whole(95);
        let errs = check_draft(&s);
        let all = errs.join("\n");
        assert!(all.contains("请填写方案名称"), "{all}");
        assert!(
            all.contains("一级指标「务实创新」的第 2 个二级指标没有名称"),
            "{all}"
        );
        assert!(all.contains("一级指标「服务中心」下没有二级指标"), "{all}");
        assert!(all.contains("的满分 0 应大于 0"), "{all}");
        assert!(
            all.contains("良好分数线（95）不能高于优秀分数线（90）"),
            "{all}"
        );
        assert_eq!(errs.len(), 5, "{all}");
    }

    #[test]
    fn a_total_other_than_100_is_asked_about_once_it_changes() {
        let stored = default_scheme("s1", "s1", 2026);
        let mut d = stored.clone();
        assert_eq!(total_question(&d, &stored), None);
        let m = d.dimensions[0].indicators[0].max;
        d.dimensions[0].indicators[0].max = m + Points::whole(1);
        let q = total_question(&d, &stored).unwrap_or_default();
        assert!(q.starts_with("满分合计为 101 分，不是通常的 100 分"), "{q}");
        assert!(q.contains("优秀 90"), "{q}");
        // Saved that way, the next edit of the same scheme is not asked again.
        let stored = d.clone();
        d.name = "改名".into();
        assert_eq!(total_question(&d, &stored), None);
    }

    #[test]
    fn a_blank_name_is_named_by_its_place_never_as_an_empty_pair_of_brackets() {
        let mut s = default_scheme("s1", "s1", 2026);
        s.dimensions[1].name = " ".into();
        s.dimensions[1].indicators[1].name = String::new();
        s.dimensions[1].indicators[1].max = Points::ZERO;
        s.dimensions[2].name = String::new();
        s.dimensions[2].indicators.clear();
        s.bonus_items[0].name = String::new();
        s.bonus_items[0].points = Points::whole(-1);
        let all = check_draft(&s).join("\n");
        assert!(!all.contains("「」"), "{all}");
        assert!(
            all.contains("第 2 个一级指标（未填名称）的第 2 个二级指标没有名称"),
            "{all}"
        );
        assert!(
            all.contains(
                "第 2 个一级指标（未填名称）的第 2 个二级指标（未填名称）的满分 0 应大于 0"
            ),
            "{all}"
        );
        assert!(
            all.contains("第 3 个一级指标（未填名称）下没有二级指标"),
            "{all}"
        );
        assert!(
            all.contains("第 1 个加分项目（未填名称）的分值 -1 不能为负数"),
            "{all}"
        );
    }

    #[test]
    fn a_draft_with_twin_names_or_a_grade_none_can_reach_is_refused() {
        let mut s = default_scheme("s1", "s1", 2026);
        assert!(check_draft(&s).is_empty());
        s.grade_bands.excellent = Points::whole(150);
        assert_eq!(
            check_draft(&s),
            ["优秀分数线 150 高于本方案能得到的最高分 110（满分 100 加上加分上限 10），没有单位能达到"]
        );
        let mut s = default_scheme("s1", "s1", 2026);
        let first = s.dimensions[0].name.clone();
        s.dimensions[1].name = format!(" {first} ");
        let ind = s.dimensions[0].indicators[0].name.clone();
        s.dimensions[2].indicators[0].name = ind.clone();
        let all = check_draft(&s).join("\n");
        assert!(all.contains(&format!("一级指标「{first}」重复了")), "{all}");
        assert!(all.contains(&format!("二级指标「{ind}」重复了")), "{all}");
    }

    #[test]
    fn rows_say_which_versions_have_scores() {
        let mut st = sample_city(2026);
        let n = st.schemes.len();
        let scored = st.rounds[0].scheme_id.clone();
        let copy = copy_scheme_for_year(&mut st, &scored, 2027).unwrap();
        let new = add_default_scheme(&mut st, 2027, "t");
        assert_eq!(st.schemes.len(), n + 2);
        let rows = scheme_rows(&st);
        assert_eq!(rows[0].year, 2027);
        let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap().clone();
        assert!(row(&scored).has_scores);
        assert_eq!(row(&scored).rounds, vec![st.rounds[0].name.clone()]);
        assert!(!row(&copy).has_scores);
        assert!(!row(&new).has_scores);
        assert_eq!(row(&new).full_points, Points::whole(100));

        // Editing the scored version makes version 2 of its family; the row list shows
        // both, the family named after version 1.
        let mut edited = st.scheme(&scored).unwrap().clone();
        edited.dimensions[0].indicators[0].max = Points::whole(5);
        let v2 = save_scheme_edit(&mut st, edited, "t");
        let rows = scheme_rows(&st);
        let r2 = rows.iter().find(|r| r.id == v2).unwrap();
        assert_eq!(r2.version, 2);
        assert_eq!(r2.family_name, row(&scored).name);
        assert_eq!(r2.full_points, Points::whole(101));
        assert_eq!(
            st.scheme(&scored).unwrap().full_points(),
            Points::whole(100),
            "the scored version is unchanged"
        );
    }

    #[test]
    fn a_blank_scheme_is_a_new_family_that_passes_the_checks() {
        let mut st = AppState::default();
        let a = add_default_scheme(&mut st, 2027, "t");
        let b = add_blank_scheme(&mut st, 2027, "t");
        assert_ne!(a, b);
        let s = st.scheme(&b).unwrap();
        assert_eq!(s.family, b);
        assert_eq!(s.name, "2027年度考评方案（空白）");
        assert_eq!(s.dimensions.len(), 1);
        assert_eq!(s.dimensions[0].indicators.len(), 1);
        assert_eq!(s.full_points(), Points::whole(100));
        assert!(
            s.bonus_items.is_empty() && s.deduction_items.is_empty() && s.veto_items.is_empty()
        );
        assert_eq!(s.bonus_cap, Points::ZERO);
        assert_eq!(check_draft(s), Vec::<String>::new());
        // Adding to it gives fresh ids after the first ones.
        let mut s = s.clone();
        assert_eq!(add_dimension(&mut s), "d2");
        assert_eq!(add_indicator(&mut s, 0).as_deref(), Some("d1-2"));
    }
}
