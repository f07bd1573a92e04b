//! The roster of units (单位名册): adding, editing and deleting units, and the search
//! and filters of the roster table. A unit that other records refer to (score sheets,
//! outcomes, pairings, rectification, …) cannot be deleted: the refusal names them.

use std::collections::BTreeSet;

pub use super::form_merge::EditConflict;
use super::form_merge::{conflicts, pick, Field};
use super::model::*;

/// Why a roster change was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("请填写单位名称")]
    MissingName,
    #[error("已有名为「{0}」的单位，单位名称不能重复")]
    DuplicateName(String),
    #[error(
        "{}入选年份「{value}」不对，{}，如 2026",
        whose(unit),
        year_hint(value)
    )]
    BadYear { unit: String, value: String },
    #[error("请填写{}入选年份", whose(unit))]
    MissingYear { unit: String },
    #[error(
        "{}入选年份 {year} 还没有到（今年是 {this_year} 年），请核对",
        whose(unit)
    )]
    FutureYear {
        unit: String,
        year: u16,
        this_year: i32,
    },
    /// Every problem of the form at once (name and year), so one submit names them all.
    #[error("{}", crate::domain::problems::one_per_line(.0))]
    Several(Vec<RosterError>),
    #[error("找不到这个单位，可能已被删除（如在另一个窗口中）")]
    NotFound(String),
    #[error(
        "单位「{unit}」入选年份 {year} 晚于其状态履历中最早的变更（{first}，{to}），请核对年份"
    )]
    YearAfterHistory {
        unit: String,
        year: u16,
        first: String,
        to: &'static str,
    },
    #[error(
        "单位「{unit}」入选年份 {year} 晚于其参加的「{round}」（{round_year}年），请核对年份；确属误加入该考评的，请先在该考评页面的参评单位中把它移除"
    )]
    YearAfterRound {
        unit: String,
        year: u16,
        round: String,
        round_year: u16,
    },
    #[error("单位「{unit}」不能删除：{reasons}。{}", if *.left { "这些记录随单位保留在履历中；该单位已退出或摘牌，不必删除。" } else { "请先处理这些记录（误加入考评的，可在该考评页面的参评单位中点“移除”，再删除）；如该单位确已不再参加，可把状态变更为“退出”。" })]
    InUse {
        unit: String,
        reasons: String,
        /// The unit has left (退出, 摘牌): the advice to let it leave is not given.
        left: bool,
    },
    #[error(
        "{}入选年份 {year} 还没有到，当前状态只能是“创建中”，不能是“{status}”：明年入选的单位，授牌、警示等请在入选后按实际日期办理",
        whose(unit)
    )]
    StatusBeforeEntry {
        unit: String,
        year: u16,
        status: &'static str,
    },
}

/// The unit form's field labels (its fields' accessible names): the merge names a
/// changed field by them, and a refusal names the fields it is about
/// ([`FieldsAt`](crate::domain::problems::FieldsAt)).
pub mod labels {
    pub const NAME: &str = "名称";
    pub const SECTOR: &str = "系统/行业";
    pub const ORG_TYPE: &str = "组织类型";
    pub const LEADER: &str = "责任人";
    pub const CONTACT: &str = "联系方式";
    pub const YEAR: &str = "入选年份";
    pub const STATUS: &str = "当前状态";
}

impl crate::domain::problems::FieldsAt for RosterError {
    fn fields(&self) -> Vec<String> {
        match self {
            RosterError::MissingName | RosterError::DuplicateName(_) => {
                vec![labels::NAME.to_string()]
            }
            RosterError::BadYear { .. }
            | RosterError::MissingYear { .. }
            | RosterError::FutureYear { .. }
            | RosterError::YearAfterHistory { .. }
            | RosterError::YearAfterRound { .. } => vec![labels::YEAR.to_string()],
            RosterError::StatusBeforeEntry { .. } => vec![labels::STATUS.to_string()],
            RosterError::Several(all) => crate::domain::problems::fields_of(all),
            RosterError::NotFound(_) | RosterError::InUse { .. } => Vec::new(),
        }
    }
}

/// `单位「甲」的`, or nothing when the name is not known yet.
fn whose(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!("单位「{unit}」的")
    }
}

/// What a clerk enters for a unit, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitInput {
    pub name: String,
    /// 系统/行业.
    pub sector: String,
    pub org_type: OrgType,
    /// 责任人.
    pub leader: String,
    /// 联系方式.
    pub contact: String,
    /// 入选年份, as typed.
    pub entered_year: String,
    /// The status a new unit starts with (ignored when editing: status changes go
    /// through `lifecycle::change_status` so they are recorded in the history).
    pub status: UnitStatus,
}

impl UnitInput {
    /// An empty form for a new candidate unit entering in `year`.
    pub fn blank(year: u16) -> UnitInput {
        UnitInput {
            name: String::new(),
            sector: String::new(),
            org_type: OrgType::Branch,
            leader: String::new(),
            contact: String::new(),
            entered_year: year.to_string(),
            status: UnitStatus::Candidate,
        }
    }

    /// The form filled in from an existing unit.
    pub fn from_unit(u: &Unit) -> UnitInput {
        UnitInput {
            name: u.name.clone(),
            sector: u.sector.clone(),
            org_type: u.org_type,
            leader: u.leader.clone(),
            contact: u.contact.clone(),
            entered_year: u.entered_year.to_string(),
            status: u.status,
        }
    }
}

impl UnitInput {
    /// What a form opened on `base` saves over `current` (the record as stored now,
    /// perhaps changed by another tab meanwhile): the fields the person changed from
    /// `base`, and the stored value of every other field, so a field they did not touch
    /// never writes back what it showed when the form opened.
    pub fn merged(base: &UnitInput, mine: &UnitInput, current: &UnitInput) -> UnitInput {
        UnitInput {
            name: pick(&base.name, &mine.name, &current.name),
            sector: pick(&base.sector, &mine.sector, &current.sector),
            org_type: pick(&base.org_type, &mine.org_type, &current.org_type),
            leader: pick(&base.leader, &mine.leader, &current.leader),
            contact: pick(&base.contact, &mine.contact, &current.contact),
            entered_year: pick(
                &base.entered_year,
                &mine.entered_year,
                &current.entered_year,
            ),
            status: current.status,
        }
    }
}

/// Checks the input against the roster (`except` is the unit being edited) and returns
/// the trimmed name and the year.
fn check_input(
    state: &AppState,
    input: &UnitInput,
    except: Option<&str>,
    now: &str,
) -> Result<(String, u16), RosterError> {
    let name = clean_name(&input.name);
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(RosterError::MissingName);
    } else if let Some(held) = state
        .units
        .iter()
        .find(|u| Some(u.id.as_str()) != except && same_name(&u.name, &name))
    {
        // Named as the roster has it, which is what its search finds.
        errors.push(RosterError::DuplicateName(held.name.clone()));
    }
    let typed = input.entered_year.trim();
    let this_year = crate::domain::dates::year_of(now.get(..10).unwrap_or(now));
    let year = parse_year(typed)
        .ok_or_else(|| {
            if typed.is_empty() {
                RosterError::MissingYear { unit: name.clone() }
            } else {
                RosterError::BadYear {
                    unit: name.clone(),
                    value: typed.to_string(),
                }
            }
        })
        .and_then(|y| match this_year {
            Some(t) if year_to_come(y, t) => Err(RosterError::FutureYear {
                unit: name.clone(),
                year: y,
                this_year: t,
            }),
            _ => Ok(y),
        })
        .and_then(|y| {
            // A unit entering next year is a candidate until then: named (or warned…)
            // before it entered, no later status change or 授牌 date could be recorded.
            let status = except
                .and_then(|id| state.unit(id))
                .map_or(input.status, |u| u.status);
            match this_year {
                Some(t) if i32::from(y) > t && status != UnitStatus::Candidate => {
                    Err(RosterError::StatusBeforeEntry {
                        unit: name.clone(),
                        year: y,
                        status: status.label(),
                    })
                }
                _ => Ok(y),
            }
        })
        .and_then(|y| {
            // A unit's history cannot begin before it entered the programme.
            let first = except
                .and_then(|id| state.unit(id))
                .and_then(|u| u.history.iter().min_by(|a, b| a.date.cmp(&b.date)));
            match first {
                Some(c) if crate::domain::dates::year_of(&c.date) < Some(i32::from(y)) => {
                    Err(RosterError::YearAfterHistory {
                        unit: name.clone(),
                        year: y,
                        first: c.date.clone(),
                        to: c.to.label(),
                    })
                }
                _ => Ok(y),
            }
        })
        .and_then(|y| {
            // Nor after a year it was assessed in: the round ranks it while 报表 and the
            // 通报 leave it out as not yet entered (a clerk's review: 2024 typed as 2027
            // went through, and the printed 通报 contradicted itself).
            let earliest = except.and_then(|id| {
                state
                    .rounds
                    .iter()
                    .filter(|r| r.unit_ids.iter().any(|u| u == id))
                    .min_by_key(|r| r.year)
            });
            match earliest {
                Some(r) if r.year < y => Err(RosterError::YearAfterRound {
                    unit: name.clone(),
                    year: y,
                    round: r.name.clone(),
                    round_year: r.year,
                }),
                _ => Ok(y),
            }
        });
    if let Err(e) = &year {
        errors.push(e.clone());
    }
    crate::domain::problems::gather(errors, RosterError::Several)?;
    Ok((name, year?))
}

/// Whether two unit names are the same name: spaces (half- or full-width) anywhere
/// in them do not make a second unit ("市审计局 机关党支部" is "市审计局机关党支部").
pub fn same_name(a: &str, b: &str) -> bool {
    bare_name(a) == bare_name(b)
}

/// A unit's name with how it left, as the app shows a unit that has left:
/// `市信访局办公室党支部（已退出）`.
pub fn departed_name(name: &str, left_as: UnitStatus) -> String {
    format!("{name}（已{}）", left_as.label())
}

/// A name as the app shows a unit that has left, `市信访局办公室党支部（已退出）`,
/// without that mark (as copied back from a table or list the app drew); any other
/// name as it is.
pub fn without_departed_mark(name: &str) -> &str {
    let name = name.trim();
    [UnitStatus::Withdrawn, UnitStatus::Delisted]
        .iter()
        .find_map(|s| name.strip_suffix(departed_name("", *s).as_str()))
        .unwrap_or(name)
}

/// A unit name without its spaces and invisible characters, with half-width brackets as
/// full-width and other full-width letters and digits as half-width: what
/// [`same_name`] compares (`市税务局(第二)党支部` is `市税务局（第二）党支部`, `ＡＢＣ` is
/// `ABC`, and a name pasted from a web page or WPS with a zero-width space in it is the
/// name without it).
pub fn bare_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            // Full-width letters and digits (ＡＢＣ, ２０２６) are the same name as typed
            // half-width; brackets stay full-width, as above.
            '（' | '）' => c,
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A name as it is kept: trimmed, without the invisible characters a copy from a web
/// page or an office program can carry in it (see [`bare_name`]), and without the
/// spaces typed inside it: none beside a Chinese character (`市 交通局　机关党总支`
/// is 市交通局机关党总支), one between two Latin words or numbers. Stray spaces were kept
/// as typed: unseen on screen, they went into every table and export and sorted the
/// unit among its equals (a clerk's review).
pub fn clean_name(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && out.chars().last().is_some_and(|b| !is_cjk(b) && !is_cjk(c)) {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// A character of Chinese writing: ideographs, CJK punctuation and the full-width forms
/// (brackets, letters and digits typed with a Chinese input method).
fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}'
    )
}

/// A character that takes no room on screen or paper: zero-width spaces and joiners,
/// the word joiner, the byte-order mark and the soft hyphen, which copying from web
/// pages and some office programs leaves inside names.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}'
    )
}

/// What follows a year's four digits when a date was typed for it (`2024-03-01`,
/// `2024/9/1`, `2024.6`, `2024年3月`): [`parse_year`] takes such a date, [`year_hint`]
/// says when it does not exist.
const DATE_MARKS: [char; 4] = ['-', '/', '.', '年'];

/// A year as typed (`2026`, `２０２６`, ` 2026年 `, `2026年度`, `2026.0`), or the year
/// of a date typed where a year was asked (`2025-03-01`, `2023/9/1`, `2025.6`,
/// `2025年3月`; a date that exists), between 1990 and 2100.
pub fn parse_year(text: &str) -> Option<u16> {
    let t = crate::domain::typed::half_width(text);
    let t = t.trim_end_matches("年度").trim_end_matches('年');
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let (year, rest) = t.split_at(digits);
    // A month, or a month and a day, that make a date of that year: 2024.13.01 or
    // 2026.02.30 is a slip to check, not 2024 (a clerk's review).
    let date_tail = |r: &str| {
        if !(r.starts_with(DATE_MARKS)
            && r.chars()
                .all(|c| c.is_ascii_digit() || "-/.年月日号".contains(c)))
        {
            return false;
        }
        let parts: Vec<u32> = r
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        match parts.as_slice() {
            [m] => (1..=12).contains(m),
            [m, d] => crate::domain::dates::parse_date(&format!("{year}-{m:02}-{d:02}")).is_some(),
            _ => false,
        }
    };
    if !(rest.is_empty() || rest == ".0" || date_tail(rest)) {
        return None;
    }
    let y: u16 = year.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// The year of an Excel date kept as its serial number (days since 1899-12-30), as a
/// workbook gives a year cell typed as a date: 32874 (1990-01-01) to 73415
/// (2100-12-31); `None` for anything else.
pub fn year_of_excel_date(text: &str) -> Option<u16> {
    let n: i64 = text.trim().parse().ok()?;
    if !(32874..=73415).contains(&n) {
        return None;
    }
    let date = crate::domain::dates::add_days("1900-01-01", n - 2)?;
    u16::try_from(crate::domain::dates::year_of(&date)?).ok()
}

/// Whether 入选年份 `year` is too far ahead in `this_year`: next year's cohort may be
/// entered in December, nothing further ahead.
pub fn year_to_come(year: u16, this_year: i32) -> bool {
    i32::from(year) > this_year + 1
}

/// What is wrong with a year [`parse_year`] refused, said after “……不对，”: a date
/// with no such day (2024.13.01), or else what a year must be (the re-test: a date
/// refused as not being a year read as if dates were not taken at all).
pub fn year_hint(text: &str) -> &'static str {
    let t = crate::domain::typed::half_width(text);
    let year_first = t.chars().take_while(char::is_ascii_digit).count() == 4;
    if year_first && t.get(4..).is_some_and(|r| r.starts_with(DATE_MARKS)) {
        "写成日期的，这个日期不存在（月份应为 1 至 12，日不超过当月的天数）"
    } else {
        YEAR_HINT
    }
}

/// What a year must be ([`parse_year`]), said after “……不对，”.
pub const YEAR_HINT: &str = "应为 1990 年以后的四位数年份";

/// The units as a form offers them: the programme's units (创建中, 已授牌, 警示) in
/// roster order, then those 摘牌 or 退出, marked so (still chosen for their records).
pub fn unit_choices(state: &AppState) -> Vec<(Id, String)> {
    let gone = |u: &&Unit| matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn);
    let current = state.units.iter().filter(|u| !gone(u));
    let departed = state.units.iter().filter(gone);
    current
        .map(|u| (u.id.clone(), u.name.clone()))
        .chain(departed.map(|u| (u.id.clone(), departed_name(&u.name, u.status))))
        .collect()
}

/// Adds a unit and returns its id. Refuses an empty or duplicate name or a bad year.
pub fn add_unit(state: &mut AppState, input: &UnitInput, now: &str) -> Result<Id, RosterError> {
    let (name, year) = check_input(state, input, None, now)?;
    let id = loop {
        let id = state.new_id("u");
        if state.unit(&id).is_none() {
            break id;
        }
    };
    let mut meta = RecordMeta::default();
    meta.touch(now, &state.settings.origin.clone());
    state.units.push(Unit {
        id: id.clone(),
        name,
        sector: input.sector.trim().to_string(),
        org_type: input.org_type,
        leader: input.leader.trim().to_string(),
        contact: super::typed::half_width_digits(input.contact.trim()),
        entered_year: year,
        status: input.status,
        plaque_no: None,
        named_on: None,
        rectify_by: None,
        history: Vec::new(),
        reviews: Vec::new(),
        extensions: Vec::new(),
        meta,
    });
    Ok(id)
}

/// The fields of unit `id` that both this form (opened on `base`, now `mine`) and
/// another window (since `base`) changed, to different values: saving would silently
/// put one over the other.
pub fn edit_conflicts(
    state: &AppState,
    id: &str,
    base: &UnitInput,
    mine: &UnitInput,
) -> Vec<EditConflict> {
    let Some(current) = state.unit(id).map(UnitInput::from_unit) else {
        return Vec::new();
    };
    let fields: [Field<UnitInput>; 6] = [
        (labels::NAME, |u| u.name.trim().to_string()),
        (labels::SECTOR, |u| u.sector.trim().to_string()),
        (labels::ORG_TYPE, |u| u.org_type.label().to_string()),
        (labels::LEADER, |u| u.leader.trim().to_string()),
        (labels::CONTACT, |u| u.contact.trim().to_string()),
        (labels::YEAR, |u| u.entered_year.trim().to_string()),
    ];
    conflicts(base, mine, &current, &fields)
}

/// [`edit_unit`] from a form opened on `base`: only the fields changed from `base` are
/// written (see [`UnitInput::merged`]).
pub fn edit_unit_from(
    state: &mut AppState,
    id: &str,
    base: &UnitInput,
    input: &UnitInput,
    now: &str,
) -> Result<(), RosterError> {
    let current = state
        .unit(id)
        .map(UnitInput::from_unit)
        .ok_or_else(|| RosterError::NotFound(id.to_string()))?;
    edit_unit(state, id, &UnitInput::merged(base, input, &current), now)
}

/// Changes a unit's record (not its status). Refuses what [`add_unit`] refuses.
pub fn edit_unit(
    state: &mut AppState,
    id: &str,
    input: &UnitInput,
    now: &str,
) -> Result<(), RosterError> {
    if state.unit(id).is_none() {
        return Err(RosterError::NotFound(id.to_string()));
    }
    let (name, year) = check_input(state, input, Some(id), now)?;
    let origin = state.settings.origin.clone();
    let unit = state
        .units
        .iter_mut()
        .find(|u| u.id == id)
        .ok_or_else(|| RosterError::NotFound(id.to_string()))?;
    unit.name = name;
    unit.sector = input.sector.trim().to_string();
    unit.org_type = input.org_type;
    unit.leader = input.leader.trim().to_string();
    unit.contact = super::typed::half_width_digits(input.contact.trim());
    unit.entered_year = year;
    unit.meta.touch(now, &origin);
    Ok(())
}

/// What refers to the unit, in words ("「2026年度考评」的 6 份评分表", "3 项成果", …);
/// empty when the unit can be deleted.
pub fn unit_references(state: &AppState, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in &state.rounds {
        let sheets = r.sheets.iter().filter(|s| s.unit_id == id).count();
        let adjustments = r.adjustments.iter().filter(|a| a.unit_id == id).count();
        if sheets > 0 {
            out.push(format!("「{}」中有它的 {sheets} 份评分表", r.name));
        }
        if adjustments > 0 {
            out.push(format!(
                "「{}」中登记了它的 {adjustments} 项加减分或否决",
                r.name
            ));
        }
        if sheets == 0 && adjustments == 0 && r.unit_ids.iter().any(|u| u == id) {
            out.push(format!("它在「{}」的参评名单中", r.name));
        } else if sheets == 0
            && adjustments == 0
            && r.assessors
                .iter()
                .any(|a| a.unit_ids.iter().any(|u| u == id))
        {
            out.push(format!("「{}」的评委分工中有它", r.name));
        }
    }
    let count = |n: usize, what: &str, out: &mut Vec<String>| {
        if n > 0 {
            out.push(format!("有 {n} {what}"));
        }
    };
    count(
        state.outcomes.iter().filter(|o| o.unit_id == id).count(),
        "项成果",
        &mut out,
    );
    count(
        state
            .pairings
            .iter()
            .filter(|p| p.site_id == id || p.partner_unit_id.as_deref() == Some(id))
            .count(),
        "个结对",
        &mut out,
    );
    count(
        state
            .rectifications
            .iter()
            .filter(|r| r.unit_id == id)
            .count(),
        "项整改事项",
        &mut out,
    );
    count(
        state.resources.iter().filter(|r| r.unit_id == id).count(),
        "条保障投入记录",
        &mut out,
    );
    count(
        state
            .guidance_visits
            .iter()
            .filter(|g| g.units().any(|u| u == id))
            .count(),
        "条督导记录",
        &mut out,
    );
    count(
        state
            .applications
            .iter()
            .filter(|a| a.unit_id.as_deref() == Some(id))
            .count(),
        "份申报",
        &mut out,
    );
    out
}

/// Deletes a unit that nothing refers to and returns it. Refuses, naming what refers
/// to it, otherwise.
pub fn delete_unit(state: &mut AppState, id: &str) -> Result<Unit, RosterError> {
    let pos = state
        .units
        .iter()
        .position(|u| u.id == id)
        .ok_or_else(|| RosterError::NotFound(id.to_string()))?;
    let refs = unit_references(state, id);
    if !refs.is_empty() {
        let u = &state.units[pos];
        return Err(RosterError::InUse {
            unit: u.name.clone(),
            reasons: refs.join("；"),
            left: matches!(u.status, UnitStatus::Withdrawn | UnitStatus::Delisted),
        });
    }
    Ok(state.units.remove(pos))
}

/// The roster table's search and filters; `None` means "all".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterFilter {
    /// Part of the name, the 责任人 or the 联系方式 (case, spaces and the width of
    /// letters, digits and brackets ignored).
    pub query: String,
    pub status: Option<UnitStatus>,
    pub sector: Option<String>,
    pub org_type: Option<OrgType>,
    pub entered_year: Option<u16>,
}

impl RosterFilter {
    /// Whether the unit passes the search and every filter.
    pub fn matches(&self, u: &Unit) -> bool {
        let q = bare_name(self.query.trim()).to_lowercase();
        // Found as the roster compares names: spaces (a full-width one inside 张　伟, as
        // a clerk's review found), bracket width and invisible characters aside; so the
        // 责任人 and the 联系方式 too.
        let found = |t: &str| bare_name(t).to_lowercase().contains(&q);
        (q.is_empty() || found(&u.name) || found(&u.leader) || found(&u.contact))
            && self.status.is_none_or(|s| u.status == s)
            && self.sector.as_deref().is_none_or(|s| u.sector == s)
            && self.org_type.is_none_or(|t| u.org_type == t)
            && self.entered_year.is_none_or(|y| u.entered_year == y)
    }
}

/// The units that pass the filter, in roster order.
pub fn filter_units<'a>(units: &'a [Unit], filter: &RosterFilter) -> Vec<&'a Unit> {
    units.iter().filter(|u| filter.matches(u)).collect()
}

/// A roster column a clerk can sort by (its header's button).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RosterSortKey {
    Name,
    Sector,
    OrgType,
    Leader,
    Contact,
    EnteredYear,
    Status,
}

/// How the roster table is sorted: `key: None` is the roster's own order (as entered
/// or imported), the order before any header is clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RosterSort {
    pub key: Option<RosterSortKey>,
    pub descending: bool,
}

impl crate::domain::sorting::TableSort for RosterSort {
    type Key = RosterSortKey;

    /// Another column starts ascending (入选年份 newest first); the same column flips,
    /// and a third click goes back to the roster's own order.
    fn click(self, key: RosterSortKey) -> Self {
        let starts_descending = key == RosterSortKey::EnteredYear;
        match self.key {
            Some(k) if k == key && self.descending == starts_descending => RosterSort {
                key: Some(key),
                descending: !self.descending,
            },
            Some(k) if k == key => RosterSort::default(),
            _ => RosterSort {
                key: Some(key),
                descending: starts_descending,
            },
        }
    }

    fn aria(self, key: RosterSortKey) -> &'static str {
        match (self.key == Some(key), self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Sorts the roster's rows in place. Blank cells (no 系统/行业, no 责任人) go last
/// whichever the direction; ties keep the roster's order.
pub fn sort_units(units: &mut Vec<Unit>, sort: RosterSort) {
    let Some(key) = sort.key else {
        return;
    };
    let text = |u: &Unit| -> String {
        match key {
            RosterSortKey::Name => bare_name(&u.name),
            RosterSortKey::Sector => u.sector.trim().to_string(),
            RosterSortKey::Leader => u.leader.trim().to_string(),
            RosterSortKey::Contact => u.contact.trim().to_string(),
            RosterSortKey::OrgType | RosterSortKey::EnteredYear | RosterSortKey::Status => {
                String::new()
            }
        }
    };
    crate::domain::sorting::sort_by(units, |a, b| {
        let by = match key {
            RosterSortKey::OrgType => a.org_type.cmp(&b.org_type),
            RosterSortKey::EnteredYear => a.entered_year.cmp(&b.entered_year),
            RosterSortKey::Status => a.status.cmp(&b.status),
            _ => {
                let (x, y) = (text(a), text(b));
                let blank = x.is_empty().cmp(&y.is_empty());
                if blank != std::cmp::Ordering::Equal {
                    return blank;
                }
                x.cmp(&y)
            }
        };
        if sort.descending {
            by.reverse()
        } else {
            by
        }
    });
}

/// The sectors in use, sorted, for the sector filter.
pub fn sectors(units: &[Unit]) -> Vec<String> {
    units
        .iter()
        .map(|u| u.sector.clone())
        .filter(|s| !s.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The entry years in use, newest first, for the year filter.
pub fn entry_years(units: &[Unit]) -> Vec<u16> {
    let mut ys: Vec<u16> = units
        .iter()
        .map(|u| u.entered_year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    ys.reverse();
    ys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;

    #[test]
    fn the_roster_sorts_by_a_column_and_back_blank_cells_last() {
        use crate::domain::sorting::TableSort;
        let mut units = sample_city(2026).units;
        units[1].sector = String::new();
        let order: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
        let by = |sort: RosterSort| {
            let mut v = units.clone();
            sort_units(&mut v, sort);
            v
        };
        // No column clicked: the roster's order.
        let same = by(RosterSort::default());
        assert_eq!(same.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), order);
        // 入选年份 starts newest first; clicking again flips.
        let year = RosterSort::default().click(RosterSortKey::EnteredYear);
        assert_eq!(year.aria(RosterSortKey::EnteredYear), "descending");
        assert_eq!(year.aria(RosterSortKey::Name), "none");
        let v = by(year);
        assert!(v.windows(2).all(|w| w[0].entered_year >= w[1].entered_year));
        let v = by(year.click(RosterSortKey::EnteredYear));
        assert!(v.windows(2).all(|w| w[0].entered_year <= w[1].entered_year));
        // A third click: the roster's order again.
        let back = year
            .click(RosterSortKey::EnteredYear)
            .click(RosterSortKey::EnteredYear);
        assert_eq!(back, RosterSort::default());
        assert_eq!(
            RosterSort::default()
                .click(RosterSortKey::Name)
                .click(RosterSortKey::Name)
                .click(RosterSortKey::Name),
            RosterSort::default()
        );
        // A text column ascending, then descending: the unit without a sector last both ways.
        let sector = RosterSort::default().click(RosterSortKey::Sector);
        assert_eq!(sector.aria(RosterSortKey::Sector), "ascending");
        for s in [sector, sector.click(RosterSortKey::Sector)] {
            let v = by(s);
            assert!(v.last().is_some_and(|u| u.sector.is_empty()), "{s:?}");
            let named: Vec<&str> = v
                .iter()
                .map(|u| u.sector.as_str())
                .filter(|x| !x.is_empty())
                .collect();
            assert!(named.windows(2).all(|w| if s.descending {
                w[0] >= w[1]
            } else {
                w[0] <= w[1]
            }));
        }
        // Ties keep the roster's order.
        let v = by(RosterSort::default().click(RosterSortKey::Status));
        for w in v.windows(2).filter(|w| w[0].status == w[1].status) {
            let at = |u: &Unit| order.iter().position(|i| *i == u.id);
            assert!(at(&w[0]) < at(&w[1]));
        }
    }

    #[test]
    fn the_entry_year_cannot_be_moved_after_a_round_the_unit_is_in() {
        let mut s = sample_city(2026);
        let r = s.rounds.iter().min_by_key(|r| r.year).unwrap().clone();
        let i = s
            .units
            .iter()
            .position(|u| r.unit_ids.contains(&u.id))
            .expect("a unit of the earliest round");
        // Its history out of the way: the round alone refuses.
        s.units[i].history.clear();
        let u = s.units[i].clone();
        let mut input = UnitInput::from_unit(&u);
        input.entered_year = (r.year + 1).to_string();
        let before = s.clone();
        let e = edit_unit(&mut s, &u.id, &input, "2026-12-01T09:00:00Z").unwrap_err();
        assert!(
            matches!(&e, RosterError::YearAfterRound { round_year, .. } if *round_year == r.year),
            "{e}"
        );
        assert!(e.to_string().contains(&r.name), "{e}");
        assert_eq!(s, before, "nothing changed");
        input.entered_year = r.year.to_string();
        edit_unit(&mut s, &u.id, &input, "2026-12-01T09:00:00Z").expect("the round's year");
    }

    #[test]
    fn the_entry_year_cannot_be_moved_after_the_units_first_change() {
        let mut s = sample_city(2026);
        let u = s
            .units
            .iter()
            .find(|u| !u.history.is_empty())
            .expect("a unit with a history")
            .clone();
        let first = u.history.iter().map(|c| c.date.clone()).min().unwrap();
        let first_year: u16 = first[..4].parse().unwrap();
        let mut input = UnitInput::from_unit(&u);
        input.entered_year = (first_year + 1).to_string();
        let before = s.clone();
        let e = edit_unit(&mut s, &u.id, &input, "2026-12-01T09:00:00Z").unwrap_err();
        assert!(
            matches!(&e, RosterError::YearAfterHistory { year, .. } if *year == first_year + 1),
            "{e}"
        );
        assert!(e.to_string().contains(&first), "{e}");
        assert_eq!(s, before, "nothing changed");
        input.entered_year = first_year.to_string();
        edit_unit(&mut s, &u.id, &input, "2026-12-01T09:00:00Z")
            .expect("the year of its first change");
    }

    #[test]
    fn forms_offer_the_programmes_units_first_and_the_departed_marked_last() {
        let mut s = sample_city(2026);
        s.units[0].status = UnitStatus::Withdrawn;
        let first = s.units[0].name.clone();
        let choices = unit_choices(&s);
        assert_eq!(
            choices.len(),
            s.units.len(),
            "every unit can still be chosen"
        );
        let departed = s
            .units
            .iter()
            .filter(|u| matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn))
            .count();
        let (current, gone) = choices.split_at(choices.len() - departed);
        assert!(current.iter().all(|(_, n)| !n.contains("（已")));
        assert!(gone
            .iter()
            .all(|(_, n)| n.ends_with("（已摘牌）") || n.ends_with("（已退出）")));
        assert!(gone.iter().any(|(_, n)| *n == format!("{first}（已退出）")));
        assert_eq!(current[0].1, s.units[1].name, "roster order otherwise");
    }

    #[test]
    fn a_form_opened_before_another_tabs_change_writes_only_its_own_fields() {
        let mut s = sample_city(2026);
        let id = s.units[0].id.clone();
        let base = UnitInput::from_unit(&s.units[0]);
        // Another tab changes 联系方式 while this tab's form is open.
        let mut theirs = base.clone();
        theirs.contact = "0571-88886666".into();
        edit_unit(&mut s, &id, &theirs, "2026-12-01T09:00:00Z").expect("saved");
        // This form changes 系统/行业 only; the 联系方式 it showed is not written back.
        let mut mine = base.clone();
        mine.sector = "政法系统".into();
        edit_unit_from(&mut s, &id, &base, &mine, "2026-12-01T09:05:00Z").expect("saved");
        let u = s.unit(&id).expect("unit");
        assert_eq!(u.contact, "0571-88886666");
        assert_eq!(u.sector, "政法系统");
        // A unit deleted meanwhile is said in words, not by its id.
        let e = edit_unit_from(&mut s, "u-gone", &base, &mine, "2026-12-01T09:06:00Z").unwrap_err();
        assert_eq!(
            e.to_string(),
            "找不到这个单位，可能已被删除（如在另一个窗口中）"
        );
    }

    fn input(name: &str, year: &str) -> UnitInput {
        UnitInput {
            name: name.into(),
            sector: "教育系统".into(),
            org_type: OrgType::GeneralBranch,
            leader: "张三".into(),
            contact: "0571-1234".into(),
            entered_year: year.into(),
            status: UnitStatus::Candidate,
        }
    }

    #[test]
    fn a_name_is_kept_without_the_spaces_typed_inside_it() {
        assert_eq!(clean_name("  市 交通局  机关党总支 "), "市交通局机关党总支");
        assert_eq!(
            clean_name("市 审计局\u{3000} 机关党支部"),
            "市审计局机关党支部"
        );
        assert_eq!(
            clean_name("市\u{200b}科技局（ABC  实验室）党支部"),
            "市科技局（ABC实验室）党支部"
        );
        assert_eq!(clean_name("IBM  China 党支部"), "IBM China党支部");
        assert_eq!(clean_name("第 2 党支部"), "第2党支部");
        let mut s = AppState::default();
        let id = add_unit(&mut s, &input("市 交通局  机关党总支", "2026"), "t1").unwrap();
        assert_eq!(s.unit(&id).unwrap().name, "市交通局机关党总支");
    }

    #[test]
    fn add_edit_and_delete_a_unit() {
        let mut s = AppState::default();
        let id = add_unit(&mut s, &input("  市教育局机关党总支 ", "2026"), "t1").unwrap();
        let u = s.unit(&id).unwrap();
        assert_eq!(u.name, "市教育局机关党总支");
        assert_eq!(u.entered_year, 2026);
        assert_eq!(u.status, UnitStatus::Candidate);
        assert_eq!(u.meta.rev, 1);

        // A phone typed full-width is kept as the number it is (a clerk's first day).
        let mut phone = input("市教育局机关党总支", "2026");
        phone.contact = "１３９１１１１２２２２".into();
        edit_unit(&mut s, &id, &phone, "t1").unwrap();
        assert_eq!(s.unit(&id).unwrap().contact, "13911112222");

        let mut changed = input("市教育局机关党委", "２０２５年");
        changed.org_type = OrgType::PartyCommittee;
        changed.status = UnitStatus::Named; // ignored: status changes are recorded elsewhere
        edit_unit(&mut s, &id, &changed, "t2").unwrap();
        let u = s.unit(&id).unwrap();
        assert_eq!(
            (u.name.as_str(), u.entered_year, u.org_type, u.status),
            (
                "市教育局机关党委",
                2025,
                OrgType::PartyCommittee,
                UnitStatus::Candidate
            )
        );
        assert_eq!(u.meta.rev, 3, "added, its phone, then this");

        let removed = delete_unit(&mut s, &id).unwrap();
        assert_eq!(removed.name, "市教育局机关党委");
        assert!(s.units.is_empty());
        assert_eq!(
            delete_unit(&mut s, &id),
            Err(RosterError::NotFound(id.clone()))
        );
    }

    #[test]
    fn bad_input_is_refused_and_changes_nothing() {
        let mut s = AppState::default();
        let a = add_unit(&mut s, &input("甲支部", "2024"), "t").unwrap();
        add_unit(&mut s, &input("乙支部", "2024"), "t").unwrap();
        let before = s.clone();
        assert_eq!(
            add_unit(&mut s, &input("  ", "2024"), "t"),
            Err(RosterError::MissingName)
        );
        assert_eq!(
            add_unit(&mut s, &input("乙支部 ", "2024"), "t"),
            Err(RosterError::DuplicateName("乙支部".into()))
        );
        // A space inside (half- or full-width) does not make another unit.
        assert!(matches!(
            add_unit(&mut s, &input("乙\u{3000}支 部", "2024"), "t"),
            Err(RosterError::DuplicateName(_))
        ));
        let err = add_unit(&mut s, &input("丙支部", "24"), "t").unwrap_err();
        assert_eq!(
            err.to_string(),
            "单位「丙支部」的入选年份「24」不对，应为 1990 年以后的四位数年份，如 2026"
        );
        assert_eq!(
            edit_unit(&mut s, &a, &input("乙支部", "2024"), "t"),
            Err(RosterError::DuplicateName("乙支部".into()))
        );
        // Both fields wrong: both named at once.
        let err = add_unit(&mut s, &input(" ", "二四"), "t").unwrap_err();
        assert_eq!(
            err.to_string(),
            "请填写单位名称\n入选年份「二四」不对，应为 1990 年以后的四位数年份，如 2026"
        );
        // An empty year asks for it.
        let err = add_unit(&mut s, &input("丁支部", " "), "t").unwrap_err();
        assert_eq!(err.to_string(), "请填写单位「丁支部」的入选年份");
        // A year not yet come (next year's cohort may be entered in December).
        let now = "2026-12-03T08:00:00Z";
        let err = add_unit(&mut s, &input("丁支部", "2035"), now).unwrap_err();
        assert_eq!(
            err.to_string(),
            "单位「丁支部」的入选年份 2035 还没有到（今年是 2026 年），请核对"
        );
        let err = add_unit(&mut s, &input("乙支部", "1900"), "t").unwrap_err();
        assert!(
            matches!(&err, RosterError::Several(v) if v.len() == 2),
            "{err:?}"
        );
        assert_eq!(s, before, "refused changes leave the data as it was");
        // Keeping its own name is not a duplicate.
        assert!(edit_unit(&mut s, &a, &input("甲支部", "2024"), "t").is_ok());
        assert_eq!(s.units.len(), 2);
        assert!(add_unit(&mut s, &input("丁支部", "2027"), "2026-12-03T08:00:00Z").is_ok());
    }

    #[test]
    fn a_unit_entering_next_year_is_only_a_candidate_until_then() {
        let now = "2026-12-03T08:00:00Z";
        let mut s = AppState::default();
        let named = UnitInput {
            status: UnitStatus::Named,
            ..input("市档案馆党支部", "2027")
        };
        let err = add_unit(&mut s, &named, now).unwrap_err();
        assert!(
            matches!(
                &err,
                RosterError::StatusBeforeEntry {
                    year: 2027,
                    status: "已授牌",
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("只能是“创建中”"), "{err}");
        assert!(s.units.is_empty(), "nothing added");
        // This year, named at once is fine; moved to next year afterwards it is not.
        let id = add_unit(
            &mut s,
            &UnitInput {
                entered_year: "2026".into(),
                ..named.clone()
            },
            now,
        )
        .unwrap();
        let before = s.clone();
        assert!(matches!(
            edit_unit(&mut s, &id, &named, now),
            Err(RosterError::StatusBeforeEntry { .. })
        ));
        assert_eq!(s, before);
        // A candidate entering next year is next year's cohort, as before.
        let candidate = UnitInput {
            status: UnitStatus::Candidate,
            ..input("市方志办党支部", "2027")
        };
        assert!(add_unit(&mut s, &candidate, now).is_ok());
    }

    #[test]
    fn years_as_people_type_them() {
        assert_eq!(parse_year("2026"), Some(2026));
        assert_eq!(parse_year(" 2026年"), Some(2026));
        assert_eq!(parse_year("２０２６"), Some(2026));
        assert_eq!(parse_year("1989"), None);
        assert_eq!(parse_year("二〇二六"), None);
        assert_eq!(parse_year(""), None);
        // What Excel and clerks put in a year column.
        for typed in [
            "2024年度",
            "2024.0",
            "2024-03-01",
            "2024/9/1",
            "2024.6",
            "2024年3月",
            "2024年3月1日",
            "２０２４．６",
        ] {
            assert_eq!(parse_year(typed), Some(2024), "{typed}");
        }
        for wrong in [
            "20245",
            "2024x",
            "2024-",
            "2024年第一批",
            "2024.5.x",
            "26",
            // Dates no calendar has: a slip, not a year.
            "2024.13.01",
            "2024/13/01",
            "2026.02.30",
            "2024年0月",
            "2024.1.2.3",
        ] {
            assert_eq!(parse_year(wrong), None, "{wrong}");
        }
        // A date that does not exist is said so, not as if dates were refused.
        assert_eq!(
            year_hint("2024.13.01"),
            "写成日期的，这个日期不存在（月份应为 1 至 12，日不超过当月的天数）"
        );
        assert_eq!(
            year_hint("２０２６年２月３０日").len(),
            year_hint("2024/13/1").len()
        );
        assert_eq!(year_hint("26"), YEAR_HINT);
        assert_eq!(year_hint("2024x"), YEAR_HINT);
        // A date cell read from a workbook as its serial number.
        assert_eq!(year_of_excel_date("45717"), Some(2025)); // 2025-03-01
        assert_eq!(year_of_excel_date("32874"), Some(1990));
        assert_eq!(year_of_excel_date("2024"), None);
        assert_eq!(year_of_excel_date("45717.5"), None);
    }

    #[test]
    fn a_field_changed_here_and_in_another_window_is_a_conflict() {
        let mut s = AppState::default();
        let mut input = UnitInput::blank(2024);
        input.name = "市民政局综合科党支部".into();
        input.leader = "王芳".into();
        let id = add_unit(&mut s, &input, "2026-12-03T08:00:00Z").expect("added");
        let base = UnitInput::from_unit(s.unit(&id).expect("unit"));
        // Another window saves a contact and a leader.
        let mut theirs = base.clone();
        theirs.contact = "甲窗口填的电话 111".into();
        theirs.leader = "李明".into();
        edit_unit(&mut s, &id, &theirs, "2026-12-03T08:01:00Z").expect("saved there");
        // This form changed the contact too, and the sector only here.
        let mut mine = base.clone();
        mine.contact = "乙窗口填的电话 222".into();
        mine.sector = "民政".into();
        assert_eq!(
            edit_conflicts(&s, &id, &base, &mine),
            vec![EditConflict {
                field: "联系方式",
                theirs: "甲窗口填的电话 111".into(),
                mine: "乙窗口填的电话 222".into(),
            }]
        );
        // The same value on both sides is no conflict.
        mine.contact = "甲窗口填的电话 111".into();
        assert!(edit_conflicts(&s, &id, &base, &mine).is_empty());
        // Saved anyway, the other window's leader stays.
        mine.contact = "乙窗口填的电话 222".into();
        edit_unit_from(&mut s, &id, &base, &mine, "2026-12-03T08:02:00Z").expect("saved");
        let u = s.unit(&id).expect("unit");
        assert_eq!(
            (u.leader.as_str(), u.contact.as_str(), u.sector.as_str()),
            ("李明", "乙窗口填的电话 222", "民政")
        );
    }

    #[test]
    fn names_differ_not_by_spaces_or_bracket_width() {
        assert!(same_name("市税务局（第二）党支部", "市税务局(第二) 党支部"));
        assert!(same_name(
            "市税务局\u{200b}党支部",
            "市税务局党支部\u{feff}"
        ));
        assert!(!same_name(
            "市税务局（第二）党支部",
            "市税务局（第三）党支部"
        ));
        // The roster's search finds a name the same way.
        let u = Unit {
            name: "市测试局(机关)党支部".into(),
            ..sample_city(2026).units[0].clone()
        };
        for q in ["（机关）", "测试局 (机关)", "(机关)党支部", "ｍ"] {
            let f = RosterFilter {
                query: q.into(),
                ..RosterFilter::default()
            };
            assert_eq!(f.matches(&u), q != "ｍ", "{q}");
        }
        // A second unit of that name is refused by the name the roster has.
        let mut s = sample_city(2026);
        s.units[0].name = "市测试局(机关)党支部".into();
        let mut again = UnitInput::blank(2026);
        again.name = "市测试局（机关）党支部".into();
        assert_eq!(
            add_unit(&mut s, &again, "2026-12-01T09:00:00+08:00"),
            Err(RosterError::DuplicateName("市测试局(机关)党支部".into()))
        );
    }

    #[test]
    fn a_unit_others_refer_to_cannot_be_deleted() {
        let mut s = sample_city(2026);
        // A unit with sheets in the rounds of the sample city.
        let scored = s.rounds[0].sheets[0].unit_id.clone();
        let name = s.unit(&scored).unwrap().name.clone();
        let before = s.clone();
        let err = delete_unit(&mut s, &scored).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("单位「{name}」不能删除：")),
            "{msg}"
        );
        assert!(msg.contains("份评分表"), "{msg}");
        assert!(msg.contains("可把状态变更为“退出”"), "{msg}");
        assert_eq!(s, before, "a refused delete changes nothing");
        // A unit that has left is not told to leave (a clerk's review).
        let mut gone = s.clone();
        if let Some(u) = gone.units.iter_mut().find(|u| u.id == scored) {
            u.status = UnitStatus::Withdrawn;
        }
        let msg = delete_unit(&mut gone, &scored).unwrap_err().to_string();
        assert!(!msg.contains("变更为“退出”"), "{msg}");
        assert!(msg.contains("不必删除"), "{msg}");

        // Each kind of reference alone blocks deletion.
        let mut base = AppState::default();
        let id = add_unit(&mut base, &input("丁支部", "2024"), "t").unwrap();
        let other = add_unit(&mut base, &input("戊支部", "2024"), "t").unwrap();
        let o = sample_city(2026);
        type AddRef<'a> = Box<dyn Fn(&mut AppState) + 'a>;
        let cases: Vec<(&str, AddRef)> = vec![
            (
                "份评分表",
                Box::new(|st: &mut AppState| {
                    let mut r = o.rounds[0].clone();
                    r.adjustments.clear();
                    r.sheets.truncate(1);
                    r.sheets[0].unit_id = id.clone();
                    st.rounds.push(r);
                }),
            ),
            (
                "项成果",
                Box::new(|st: &mut AppState| {
                    let mut x = o.outcomes[0].clone();
                    x.unit_id = id.clone();
                    st.outcomes.push(x);
                }),
            ),
            (
                "个结对",
                Box::new(|st: &mut AppState| {
                    let mut x = o.pairings[0].clone();
                    x.site_id = other.clone();
                    x.partner_unit_id = Some(id.clone());
                    st.pairings.push(x);
                }),
            ),
            (
                "项整改事项",
                Box::new(|st: &mut AppState| {
                    let mut x = o.rectifications[0].clone();
                    x.unit_id = id.clone();
                    st.rectifications.push(x);
                }),
            ),
            (
                "参评名单",
                Box::new(|st: &mut AppState| {
                    let mut r = o.rounds[0].clone();
                    r.sheets.clear();
                    r.adjustments.clear();
                    r.unit_ids = vec![id.clone()];
                    st.rounds.push(r);
                }),
            ),
            (
                "条保障投入记录",
                Box::new(|st: &mut AppState| {
                    let mut x = o.resources[0].clone();
                    x.unit_id = id.clone();
                    st.resources.push(x);
                }),
            ),
        ];
        for (what, add_ref) in cases {
            let mut st = base.clone();
            add_ref(&mut st);
            let err = delete_unit(&mut st, &id).unwrap_err();
            assert!(err.to_string().contains(what), "{what}: {err}");
            assert_eq!(st.units.len(), 2);
        }
        // Without references it goes.
        let mut st = base.clone();
        assert!(delete_unit(&mut st, &id).is_ok());
    }

    #[test]
    fn search_and_filters_combine() {
        let mut s = AppState::default();
        let mut a = input("市财政局机关党支部", "2024");
        a.sector = "经济系统".into();
        a.org_type = OrgType::Branch;
        a.leader = "王立新".into();
        let mut b = input("市教育局机关党委", "2025");
        b.org_type = OrgType::PartyCommittee;
        let mut c = input("市教育局直属党支部", "2025");
        c.org_type = OrgType::Branch;
        for x in [&a, &b, &c] {
            add_unit(&mut s, x, "t").unwrap();
        }
        s.units[1].status = UnitStatus::Named;
        let names = |f: &RosterFilter| -> Vec<String> {
            filter_units(&s.units, f)
                .iter()
                .map(|u| u.name.clone())
                .collect()
        };
        let all = RosterFilter::default();
        assert_eq!(names(&all).len(), 3);
        let q = RosterFilter {
            query: " 教育局 ".into(),
            ..all.clone()
        };
        assert_eq!(names(&q), ["市教育局机关党委", "市教育局直属党支部"]);
        let q2 = RosterFilter {
            org_type: Some(OrgType::Branch),
            ..q.clone()
        };
        assert_eq!(names(&q2), ["市教育局直属党支部"]);
        // The 责任人 is found too.
        let by_leader = RosterFilter {
            query: "立新".into(),
            ..all.clone()
        };
        assert_eq!(names(&by_leader), ["市财政局机关党支部"]);
        // Spaces inside, as pasted from a Word table, do not hide a name.
        let mut spaced = s.clone();
        for u in &mut spaced.units {
            u.leader = u.leader.replace("立新", "立\u{3000}新");
        }
        assert!(spaced.units.iter().any(|u| u.leader == "王立\u{3000}新"));
        let joined: Vec<&str> = filter_units(&spaced.units, &by_leader)
            .iter()
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(joined, ["市财政局机关党支部"]);
        let st = RosterFilter {
            status: Some(UnitStatus::Named),
            ..all.clone()
        };
        assert_eq!(names(&st), ["市教育局机关党委"]);
        let sec = RosterFilter {
            sector: Some("经济系统".into()),
            ..all.clone()
        };
        assert_eq!(names(&sec), ["市财政局机关党支部"]);
        let yr = RosterFilter {
            entered_year: Some(2024),
            ..all.clone()
        };
        assert_eq!(names(&yr), ["市财政局机关党支部"]);
        let none = RosterFilter {
            entered_year: Some(2024),
            status: Some(UnitStatus::Named),
            ..all
        };
        assert!(names(&none).is_empty());
        assert_eq!(sectors(&s.units), ["教育系统", "经济系统"]);
        assert_eq!(entry_years(&s.units), [2025, 2024]);
    }
}
