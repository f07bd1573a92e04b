//! 保障投入: a unit's funds, activity funds, staff and premises per year, and the
//! comparison of units in one year.

use super::{all_of, check_unit, BetweenRoundsError};
use crate::domain::model::*;
use crate::domain::points::Points;

/// The 党建工作经费 field (万元), as the form and the import preview name it.
pub const PARTY_FUNDS_LABEL: &str = "党建工作经费（万元）";
/// The 活动经费 field (万元).
pub const ACTIVITY_FUNDS_LABEL: &str = "活动经费（万元）";
/// The other fields of the form, as the import preview names them too.
pub const STAFF_LABEL: &str = "专职党务干部（人）";
pub const PART_TIME_STAFF_LABEL: &str = "兼职党务干部（人）";
pub const PREMISES_LABEL: &str = "是否有阵地";
pub const PREMISES_AREA_LABEL: &str = "阵地面积（平方米）";

/// How the form reads a field left empty, said on the form and when nothing is typed
/// (a clerk's review: the form asked for 0 where nothing was, and saved 0 where a field
/// was left empty, without saying so).
pub const BLANK_IS_ZERO: &str = "经费、人数、面积不填的按 0 计";

/// What a person enters for one unit and year, as typed (amounts in 万元; counts
/// and the area may be left empty for 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDraft {
    pub unit_id: Id,
    pub year: String,
    /// 党建工作经费 (万元).
    pub funds: String,
    /// 活动经费 (万元).
    pub activity_funds: String,
    /// 专职党务干部（人）.
    pub staff: String,
    /// 兼职党务干部（人）.
    pub part_time_staff: String,
    pub premises: bool,
    /// 阵地面积（平方米）.
    pub premises_area: String,
    pub note: String,
}

/// What a count of people may be followed by: `2人`, `2 名`.
const PEOPLE: &[&str] = &["人", "名"];
/// What an area may be followed by, as the paste reads 阵地: `80㎡`, `80 平方米`.
pub(super) const SQUARE_METRES: &[&str] = &["平方米", "平米", "㎡", "m2", "m²"];

/// A count as typed: empty is 0; otherwise a whole number, not negative, in full- or
/// half-width digits, and perhaps its unit after it (one of `units`).
fn count(what: &'static str, text: &str, units: &[&str]) -> Result<u32, BetweenRoundsError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    let half = crate::domain::typed::half_width(t);
    let n = units
        .iter()
        .find_map(|u| half.strip_suffix(u))
        .unwrap_or(&half)
        .trim_end();
    n.parse::<u32>().map_err(|_| BetweenRoundsError::BadCount {
        what,
        value: t.to_string(),
    })
}

/// The most people of one kind a unit's entry may give.
const MOST_STAFF: u32 = crate::domain::validation::limits::STAFF;
/// The largest 阵地 a unit's entry may give, in m²: a branch's activity rooms are tens
/// to hundreds of m²; more than ten hectares is a typing slip.
const MOST_AREA_M2: u32 = 100_000;

/// A count as [`count`] reads it, no more than `most` (`said_in` names its unit in the
/// message: `人`, `平方米`).
fn count_at_most(
    what: &'static str,
    text: &str,
    units: &[&str],
    most: u32,
    said_in: &str,
) -> Result<u32, BetweenRoundsError> {
    let n = count(what, text, units)?;
    if n > most {
        return Err(BetweenRoundsError::TooLarge {
            what,
            value: text.trim().to_string(),
            limit: format!("{most} {said_in}"),
        });
    }
    Ok(n)
}

/// A field's check without its value, for [`all_of`].
fn passed<T>(r: &Result<T, BetweenRoundsError>) -> Result<(), BetweenRoundsError> {
    r.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// The year of an entry: four digits, 2000–2100, not after this year. This year is
/// that of the day after `now`'s UTC date (see `dates::not_yet`): on New Year's morning
/// in Beijing the UTC date is still the old year.
fn entry_year(text: &str, now: &str) -> Result<u16, BetweenRoundsError> {
    let t = text.trim();
    let year = crate::domain::typed::half_width(t)
        .parse::<u16>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| BetweenRoundsError::BadResourceYear(t.to_string()))?;
    let latest_day = now
        .get(..10)
        .and_then(|d| crate::domain::dates::add_days(d, 1));
    match latest_day.and_then(|d| d.get(..4).and_then(|y| y.parse::<u16>().ok())) {
        Some(this_year) if year > this_year => {
            Err(BetweenRoundsError::FutureResourceYear { year, this_year })
        }
        _ => Ok(year),
    }
}

/// An amount in 万元 as clerks write it: `12`, `12.5`, `12万元`, `12万`, `1,200`.
const FUNDS_WHAT: &str = "党建工作经费";
const ACTIVITY_FUNDS_WHAT: &str = "活动经费";
const STAFF_WHAT: &str = "专职党务干部人数";
const PART_TIME_STAFF_WHAT: &str = "兼职党务干部人数";
const AREA_WHAT: &str = "阵地面积";
/// The label of the year's field in the form.
pub const YEAR_LABEL: &str = "年度";

/// The form's label of a field a check names without its unit (`活动经费` →
/// `活动经费（万元）`), for marking it; `None` for a name not of this form.
pub fn form_label(what: &str) -> Option<&'static str> {
    Some(match what {
        FUNDS_WHAT => PARTY_FUNDS_LABEL,
        ACTIVITY_FUNDS_WHAT => ACTIVITY_FUNDS_LABEL,
        STAFF_WHAT => STAFF_LABEL,
        PART_TIME_STAFF_WHAT => PART_TIME_STAFF_LABEL,
        AREA_WHAT => PREMISES_AREA_LABEL,
        _ => return None,
    })
}

/// A sum in 元 as it is to be typed in 万元, which the field takes to two decimals: the
/// exact figure when it fits, else the figure rounded with why (a clerk's review: the
/// hint said 应填 1.2345, which the same field then refused).
fn in_wan(yuan: f64) -> String {
    let cents = yuan / 100.0;
    let rounded = cents.round();
    if (cents - rounded).abs() < 1e-6 {
        return format!("{}", rounded / 100.0);
    }
    if rounded == 0.0 {
        return "0（不足 50 元，按万元保留两位小数记为 0；如需记下，请写在备注中）".to_string();
    }
    format!("约 {}（按万元保留两位小数）", rounded / 100.0)
}

fn amount(what: &'static str, text: &str) -> Result<Points, BetweenRoundsError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Points(0));
    }
    // A sum in 元: said in 万元, not refused as "not a number".
    if let Some(yuan) = t.strip_suffix('元').filter(|r| !r.ends_with('万')) {
        if let Ok(n) = yuan.trim().replace([',', '，'], "").parse::<f64>() {
            return Err(BetweenRoundsError::AmountInYuan {
                what,
                value: text.trim().to_string(),
                wan: in_wan(n),
            });
        }
    }
    let t = t.trim_end_matches("万元").trim_end_matches('万').trim_end();
    // Thousands separators only where they separate thousands (1,200), not 1,2.
    let whole = t.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split([',', '，']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(BetweenRoundsError::BadAmount {
            what,
            value: text.to_string(),
        });
    }
    let t = t.replace([',', '，'], "");
    let most = crate::domain::validation::limits::FUNDS_WAN;
    match Points::parse(&t) {
        // Above what any door takes (the backup's own check): refused here, by name,
        // before the 数额很大 question could ask about it.
        // A sum in 元 lands here (250000 for 25 万元): said with what it would be.
        Ok(p) if p.0 > most * 100 && p.0 / 10_000 <= most * 100 => {
            Err(BetweenRoundsError::TooLargeInYuan {
                what,
                value: text.trim().to_string(),
                limit: format!("{most} 万元"),
                wan: in_wan(p.0 as f64 / 100.0),
            })
        }
        Ok(p) if p.0 > most * 100 => Err(BetweenRoundsError::TooLarge {
            what,
            value: text.trim().to_string(),
            limit: format!("{most} 万元"),
        }),
        Ok(p) if p.0 >= 0 => Ok(p),
        Ok(_) => Err(BetweenRoundsError::NegativeAmount {
            what,
            value: text.to_string(),
        }),
        Err(_) => Err(BetweenRoundsError::BadAmount {
            what,
            value: text.to_string(),
        }),
    }
}

/// Amounts of 万元 above which an entry is worth a second look: a branch's yearly
/// funds are tens of 万元, and a sum typed in 元 lands here.
pub const LARGE_AMOUNT_WAN: i64 = 1000;

/// The amounts of `entry` so large they were probably typed in 元, each as
/// `党建工作经费 50000 万元`.
pub fn large_amounts(entry: &ResourceEntry) -> Vec<String> {
    [
        (FUNDS_WHAT, entry.funds),
        (ACTIVITY_FUNDS_WHAT, entry.activity_funds),
    ]
    .into_iter()
    .filter_map(|(what, p)| large(what, p))
    .collect()
}

/// The amounts of `draft` so large they were probably typed in 元, as
/// [`large_amounts`] says them, read as saving reads them (an amount that cannot be
/// read is left to saving to refuse): asked about before the draft is saved.
pub fn large_in_draft(draft: &ResourceDraft) -> Vec<String> {
    [
        (FUNDS_WHAT, &draft.funds),
        (ACTIVITY_FUNDS_WHAT, &draft.activity_funds),
    ]
    .into_iter()
    .filter_map(|(what, text)| large(what, amount(what, text).ok()?))
    .collect()
}

fn large(what: &str, p: Points) -> Option<String> {
    (p.0 >= LARGE_AMOUNT_WAN * 100).then(|| format!("{what} {p} 万元"))
}

/// How an entry's 阵地 reads: `有，120 平方米`, `有（面积未填）` or `无`.
pub fn premises_text(entry: &ResourceEntry) -> String {
    match (entry.premises, entry.premises_area) {
        (false, _) => "无".to_string(),
        (true, 0) => "有（面积未填）".to_string(),
        (true, area) => format!("有，{area} 平方米"),
    }
}

/// An entry in one line, as the unit's page, the report card and a unit's copy say it:
/// `党建工作经费 12 万元，活动经费 6 万元，专职 2 人、兼职 1 人，阵地有，80 平方米`.
pub fn summary_text(entry: &ResourceEntry) -> String {
    format!(
        "党建工作经费 {} 万元，活动经费 {} 万元，专职 {} 人、兼职 {} 人，阵地{}",
        entry.funds,
        entry.activity_funds,
        entry.staff,
        entry.part_time_staff,
        premises_text(entry)
    )
}

/// The names of the units in the programme (创建中, 已授牌, 警示) with no entry for
/// `year`, in roster order: who has not reported yet.
pub fn units_without_entry(state: &AppState, year: u16) -> Vec<String> {
    state
        .units
        .iter()
        // In the programme at the year's end, as 报表 counts a year: a unit that joined
        // later owed nothing for it.
        .filter(|u| {
            u.status_on(&format!("{year}-12-31"))
                .is_some_and(crate::domain::round_setup::in_programme)
        })
        .filter(|u| {
            !state
                .resources
                .iter()
                .any(|r| r.unit_id == u.id && r.year == year)
        })
        .map(|u| u.name.clone())
        .collect()
}

/// The unit a new entry for `year` is most likely for: the first on the roster in the
/// programme that year with no entry for it yet, as [`units_without_entry`] lists them
/// (a clerk's review: 2025's form opened on a unit that entered in 2026, and saving was
/// refused). When every such unit has one, the first of them; `None` when no unit was
/// in the programme that year (the form then asks for a unit).
pub fn next_unit_without_entry(state: &AppState, year: u16) -> Option<&Id> {
    let end = format!("{year}-12-31");
    let owing: Vec<&Unit> = state
        .units
        .iter()
        .filter(|u| {
            u.status_on(&end)
                .is_some_and(crate::domain::round_setup::in_programme)
        })
        .collect();
    owing
        .iter()
        .find(|u| {
            !state
                .resources
                .iter()
                .any(|r| r.unit_id == u.id && r.year == year)
        })
        .or(owing.first())
        .map(|u| &u.id)
}

/// An entry with nothing in it yet, for `unit_id` and `year`.
pub fn blank_entry(id: Id, unit_id: Id, year: u16) -> ResourceEntry {
    ResourceEntry {
        id,
        unit_id,
        year,
        funds: Points(0),
        activity_funds: Points(0),
        staff: 0,
        part_time_staff: 0,
        premises: false,
        premises_area: 0,
        note: String::new(),
        meta: RecordMeta::default(),
    }
}

/// Records or replaces (`id` given) the entry of a unit and year. A second entry for
/// the same unit and year is refused.
pub fn save(
    state: &mut AppState,
    id: Option<&str>,
    d: ResourceDraft,
    now: &str,
) -> Result<Id, BetweenRoundsError> {
    check_unit(state, &d.unit_id)?;
    let year = entry_year(&d.year, now);
    let funds = amount(FUNDS_WHAT, &d.funds);
    let activity_funds = amount(ACTIVITY_FUNDS_WHAT, &d.activity_funds);
    let staff = count_at_most(STAFF_WHAT, &d.staff, PEOPLE, MOST_STAFF, "人");
    let part_time_staff = count_at_most(
        PART_TIME_STAFF_WHAT,
        &d.part_time_staff,
        PEOPLE,
        MOST_STAFF,
        "人",
    );
    let premises_area = count_at_most(
        AREA_WHAT,
        &d.premises_area,
        SQUARE_METRES,
        MOST_AREA_M2,
        "平方米",
    );
    all_of([
        passed(&year),
        passed(&funds),
        passed(&activity_funds),
        passed(&staff),
        passed(&part_time_staff),
        passed(&premises_area),
    ])?;
    // A form saved with nothing typed is a slip, not a unit with nothing: a real
    // nothing is typed as 0.
    let blank = [
        &d.funds,
        &d.activity_funds,
        &d.staff,
        &d.part_time_staff,
        &d.premises_area,
    ]
    .iter()
    .all(|t| t.trim().is_empty());
    if blank && !d.premises {
        return Err(BetweenRoundsError::NothingEntered);
    }
    let (year, funds, activity_funds) = (year?, funds?, activity_funds?);
    let (staff, part_time_staff, premises_area) = (staff?, part_time_staff?, premises_area?);
    // An area typed beside 无 is a contradiction to ask about, not a number to drop.
    if !d.premises && premises_area > 0 {
        return Err(BetweenRoundsError::AreaWithoutPremises(premises_area));
    }
    // An entry is a unit's figures for one year: editing it cannot move it to another
    // year (the year it was would lose its figures without a word).
    if let Some(held) = id.and_then(|id| state.resources.iter().find(|r| r.id == id)) {
        if held.year != year {
            return Err(BetweenRoundsError::ResourceYearFixed {
                unit: super::unit_name(state, &held.unit_id),
                year: held.year,
                new_year: year.to_string(),
            });
        }
        // Nor to another unit (the first would lose its figures the same way).
        if held.unit_id != d.unit_id {
            return Err(BetweenRoundsError::ResourceUnitFixed {
                unit: super::unit_name(state, &held.unit_id),
                year: held.year,
            });
        }
    }
    // A new entry for a year before the unit entered the programme is a slip of the
    // year (an entry kept from before is left as it is).
    if id.is_none() {
        if let Some(u) = state.unit(&d.unit_id).filter(|u| year < u.entered_year) {
            return Err(BetweenRoundsError::ResourceBeforeEntry {
                unit: u.name.clone(),
                year,
                entered: u.entered_year,
            });
        }
    }
    let dup = state
        .resources
        .iter()
        .any(|r| r.unit_id == d.unit_id && r.year == year && Some(r.id.as_str()) != id);
    if dup {
        return Err(BetweenRoundsError::DuplicateResource {
            unit: super::unit_name(state, &d.unit_id),
            year,
        });
    }
    let by = state.settings.origin.clone();
    let id = match id {
        Some(id) => id.to_string(),
        None => {
            let id = state.new_id("m");
            state
                .resources
                .push(blank_entry(id.clone(), d.unit_id.clone(), year));
            id
        }
    };
    let r = state
        .resources
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| BetweenRoundsError::NotFound(id.clone()))?;
    r.unit_id = d.unit_id;
    r.year = year;
    r.funds = funds;
    r.activity_funds = activity_funds;
    r.staff = staff;
    r.part_time_staff = part_time_staff;
    r.premises = d.premises;
    r.premises_area = if d.premises { premises_area } else { 0 };
    r.note = d.note.trim().to_string();
    r.meta.touch(now, &by);
    Ok(id)
}

/// Deletes an entry.
pub fn delete(state: &mut AppState, id: &str) -> Result<(), BetweenRoundsError> {
    let before = state.resources.len();
    state.resources.retain(|r| r.id != id);
    if state.resources.len() == before {
        return Err(BetweenRoundsError::NotFound(id.to_string()));
    }
    if state.workspace.is_none() {
        state.exchange.note_removed(format!("resource:{id}"), id);
    }
    Ok(())
}

/// The years with entries, newest first.
pub fn years(state: &AppState) -> Vec<u16> {
    let mut v: Vec<u16> = state.resources.iter().map(|r| r.year).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

/// A unit's name in the year's comparison, marked （已摘牌） or （已退出） when it had
/// left by the end of `year` (or by `today`, in a year still running): a reader of the
/// printed table tells the units that are no longer sites from those that are (a
/// clerk's review).
pub fn unit_label_in_year(state: &AppState, unit_id: &str, year: u16, today: &str) -> String {
    let name = super::unit_name(state, unit_id);
    let end = format!("{year:04}-12-31");
    let day = if today < end.as_str() { today } else { &end };
    match state.unit(unit_id).and_then(|u| u.departure_by(day)) {
        Some(h) => crate::domain::roster::departed_name(&name, h.to),
        None => name,
    }
}

/// The entries of `year`, by total funds (largest first), then unit name.
pub fn compare_year(state: &AppState, year: u16) -> Vec<&ResourceEntry> {
    let mut v: Vec<&ResourceEntry> = state.resources.iter().filter(|r| r.year == year).collect();
    v.sort_by(|a, b| {
        (b.funds + b.activity_funds)
            .cmp(&(a.funds + a.activity_funds))
            .then_with(|| {
                super::unit_name(state, &a.unit_id).cmp(&super::unit_name(state, &b.unit_id))
            })
    });
    v
}

/// The sums of a year's entries: what the 保障投入 page's 合计 line and the export's say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearTotals {
    pub units: usize,
    pub funds: Points,
    pub activity_funds: Points,
    pub staff: u32,
    pub part_time_staff: u32,
    /// Units with 阵地.
    pub premises: usize,
}

/// Adds up `entries` (one year's, as [`compare_year`] gives them).
pub fn year_totals(entries: &[&ResourceEntry]) -> YearTotals {
    entries
        .iter()
        .fold(YearTotals::default(), |t, r| YearTotals {
            units: t.units + 1,
            funds: t.funds + r.funds,
            activity_funds: t.activity_funds + r.activity_funds,
            staff: t.staff + r.staff,
            part_time_staff: t.part_time_staff + r.part_time_staff,
            premises: t.premises + usize::from(r.premises),
        })
}

/// A unit's entries, newest year first.
pub fn of_unit<'a>(state: &'a AppState, unit_id: &str) -> Vec<&'a ResourceEntry> {
    let mut v: Vec<&ResourceEntry> = state
        .resources
        .iter()
        .filter(|r| r.unit_id == unit_id)
        .collect();
    v.sort_by_key(|r| std::cmp::Reverse(r.year));
    v
}

/// The entry of a unit in a year, if recorded.
pub fn of_unit_year<'a>(
    state: &'a AppState,
    unit_id: &str,
    year: u16,
) -> Option<&'a ResourceEntry> {
    state
        .resources
        .iter()
        .find(|r| r.unit_id == unit_id && r.year == year)
}

/// The 保障投入 form's fields that an entry fills in, in the form's order: what a form
/// opened on `r` shows (党建工作经费, 活动经费, 专职, 兼职, 阵地 `yes`/`no`, 阵地面积, 备注).
pub fn form_texts(r: &ResourceEntry) -> [String; 7] {
    [
        r.funds.to_string(),
        r.activity_funds.to_string(),
        r.staff.to_string(),
        r.part_time_staff.to_string(),
        if r.premises { "yes" } else { "no" }.to_string(),
        r.premises_area.to_string(),
        r.note.clone(),
    ]
}

/// The labels of [`form_texts`]' fields.
const FORM_LABELS: [&str; 7] = [
    PARTY_FUNDS_LABEL,
    ACTIVITY_FUNDS_LABEL,
    STAFF_LABEL,
    PART_TIME_STAFF_LABEL,
    PREMISES_LABEL,
    PREMISES_AREA_LABEL,
    "备注",
];

/// An entry edited in this form (`mine`) while another window saved it (`current`), both
/// from what the form opened with (`opened`, [`form_texts`]): each field the form left
/// as it opened takes the other window's value, so saving the form does not put back
/// what the other window changed; a field both changed keeps the form's. Also names
/// each field both changed to different values
/// (`「专职党务干部（人）」已被改为“7”（本窗口填的是“4”）`): the person decides those.
pub fn merge_edits(
    opened: &[String; 7],
    mine: &[String; 7],
    current: &[String; 7],
) -> ([String; 7], Vec<String>) {
    let shown = |i: usize, v: &str| -> String {
        match (i, v) {
            (4, "yes") => "有".to_string(),
            (4, "no") => "无".to_string(),
            _ => v.to_string(),
        }
    };
    let mut out = mine.clone();
    let mut both = Vec::new();
    for i in 0..7 {
        let (was, m, c) = (opened[i].trim(), mine[i].trim(), current[i].trim());
        if m == was {
            out[i] = current[i].clone();
        } else if c != was && c != m {
            both.push(
                crate::domain::form_merge::EditConflict {
                    field: FORM_LABELS[i],
                    theirs: shown(i, c),
                    mine: shown(i, m),
                }
                .said(),
            );
        }
    }
    (out, both)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: [&str; 7]) -> [String; 7] {
        v.map(str::to_string)
    }

    /// A clerk's review: the report card said "经费 10 万元、活动经费 1 万元", not the
    /// 党建工作经费 of the 保障投入 page and its exports.
    #[test]
    fn an_entry_in_one_line_names_its_funds_as_the_page_does() {
        let e: ResourceEntry = serde_json::from_value(serde_json::json!({
            "id": "f1", "unit_id": "u1", "year": 2026, "funds": 10, "activity_funds": 1,
            "staff": 2, "part_time_staff": 1, "premises": true, "premises_area": 80
        }))
        .expect("an entry");
        assert_eq!(
            summary_text(&e),
            "党建工作经费 10 万元，活动经费 1 万元，专职 2 人、兼职 1 人，阵地有，80 平方米"
        );
    }

    /// A clerk's review: tab A changed 党建工作经费 and 活动经费, tab B 党建工作经费 and
    /// 专职 and saved; A's second 保存 put 专职 back. Fields A left alone take B's values;
    /// a field both changed is named.
    #[test]
    fn each_side_keeps_the_fields_it_changed() {
        let opened = texts(["10", "2", "4", "1", "yes", "50", ""]);
        let b = texts(["10", "2", "7", "1", "yes", "50", "B的备注"]);
        let a = texts(["11", "2.5", "4", "1", "yes", "50", ""]);
        assert_eq!(
            merge_edits(&opened, &a, &b),
            (
                texts(["11", "2.5", "7", "1", "yes", "50", "B的备注"]),
                vec![]
            )
        );
        // Both changed 党建工作经费 (and the same 阵地): named; the form's value kept for
        // it, the other window's 专职 taken.
        let b = texts(["22", "2", "7", "1", "no", "50", ""]);
        let a = texts(["11", "2.5", "4", "1", "no", "50", ""]);
        assert_eq!(
            merge_edits(&opened, &a, &b),
            (
                texts(["11", "2.5", "7", "1", "no", "50", ""]),
                vec!["「党建工作经费（万元）」已被改为“22”（本窗口填的是“11”）".to_string()]
            )
        );
    }
}
