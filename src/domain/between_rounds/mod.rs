//! Between rounds (BRIEF items 6, 7, 8, 12): pairings (结对), rectification (整改),
//! resources (保障投入) and the committee's guidance visits (督导). Add, edit and delete
//! operations that check their input and change nothing when they refuse, and the
//! figures the screens show: overdue items, idle pairings, the last visit per unit.

pub mod guidance;
pub mod pairing;
pub mod rectification;
pub mod resource_paste;
pub mod resources;

use super::dates::{self, Now};
use super::model::AppState;

/// Why a change between rounds was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BetweenRoundsError {
    /// Every problem of a form at once, in the form's order (see [`all_of`]).
    #[error("{}", crate::domain::problems::one_per_line(.0))]
    Several(Vec<BetweenRoundsError>),
    #[error("找不到单位「{0}」")]
    UnitNotFound(String),
    #[error("请选择单位（名册中还没有单位的，请先在“单位”中添加）")]
    NoUnitChosen,
    #[error("找不到这条记录，可能已被删除（如在另一个窗口中）")]
    NotFound(String),
    /// The activity a correction or a deletion was opened on is no longer in the log
    /// as it was: one of the same day, form and content is, changed.
    #[error("这条活动记录在此期间已被改动（本页的其他操作、另一个窗口或一次导入），本次没有保存。请核对页面上的这条活动记录后再操作。")]
    ActivityGone,
    /// The activity a correction or a deletion was opened on is no longer in the log at
    /// all (a clerk's review: the same vague refusal at each 保存修改, no way on said).
    #[error("这条活动记录已被删除（本页的其他操作、另一个窗口或一次导入），本次没有保存。")]
    ActivityDeleted,
    #[error("{what}的日期「{value}」格式不正确，应为“年-月-日”，如 2026-03-15")]
    BadDate { what: &'static str, value: String },
    #[error("「{0}」已在名册中，请在“结对单位（名册内）”中选择它，不要按名册外单位填写（否则它的单位页看不到这个结对）")]
    PartnerOnRoster(String),
    #[error("请填写{0}")]
    Missing(&'static str),
    /// The date of an event left empty (`督导` → 请填写督导日期).
    #[error("请填写{0}日期")]
    MissingDate(&'static str),
    #[error("{what}的日期 {value} 晚于今天，请核对年份和月份（只能记录已经发生的事）")]
    FutureDate { what: &'static str, value: String },
    #[error("{what}「{value}」不是有效的数字：请只填以万元为单位的数字，最多两位小数，不带“¥”“元”等符号（如 ¥15,000 元填 1.5）")]
    BadAmount { what: &'static str, value: String },
    #[error("{what}请按“万元”填写：「{value}」应填 {wan}")]
    AmountInYuan {
        what: &'static str,
        value: String,
        wan: String,
    },
    #[error("{what}不能是负数（填写的是「{value}」）；没有就填 0 或留空")]
    NegativeAmount { what: &'static str, value: String },
    #[error("{what}「{value}」不对，应为 0 或正整数；没有就填 0 或留空")]
    BadCount { what: &'static str, value: String },
    #[error("{what}「{value}」超过上限（{limit}），没有保存；请核对")]
    TooLarge {
        what: &'static str,
        value: String,
        limit: String,
    },
    /// An amount above the limit that reads as a sum in 元.
    #[error("{what}「{value}」超过上限（{limit}），没有保存；金额按“万元”填写，如是按“元”填写的，应填 {wan}")]
    TooLargeInYuan {
        what: &'static str,
        value: String,
        limit: String,
        wan: String,
    },
    #[error("年度「{0}」不对，应为 2000 至 2100 之间的四位数年份，如 2026")]
    BadResourceYear(String),
    #[error(
        "年度 {year} 还没有到（今年是 {this_year} 年）：保障投入按已经过去或正在进行的年度登记"
    )]
    FutureResourceYear { year: u16, this_year: u16 },
    #[error("这是{unit}{year}年度的记录，修改时不能改年度；要登记{new_year}年度，请另外登记一条（{year}年度的记录保持不变）")]
    ResourceYearFixed {
        unit: String,
        year: u16,
        new_year: String,
    },
    #[error("这是{unit}{year}年度的记录，修改时不能改单位；其他单位的保障投入请另外登记")]
    ResourceUnitFixed { unit: String, year: u16 },
    #[error("填写了阵地面积 {0} 平方米，但“是否有阵地”选的是“无”：有阵地请选“有”；没有阵地请把面积清空或填 0")]
    AreaWithoutPremises(u32),
    #[error(
        "经费和人数都没有填写，阵地为“无”：这样保存就是全部为 0，请至少填写一项（{}）",
        crate::domain::between_rounds::resources::BLANK_IS_ZERO
    )]
    NothingEntered,
    #[error("「{0}」填了两次：本次一并督导的另一单位应是另一个单位，没有就选“（无）”")]
    VisitedTwice(String),
    #[error("单位「{unit}」已{how}{}，不再登记新的整改事项；请核对单位", left_on(.left))]
    ForDepartedUnit {
        unit: String,
        how: &'static str,
        left: String,
    },
    #[error("该整改事项已销号，不能再修改")]
    AlreadyClosed,
    #[error("这是「{unit}」的整改事项，已有整改进展，不能改到「{other}」名下；如单位登记错了，请删除这一条，再为「{other}」重新登记")]
    RectificationUnitFixed { unit: String, other: String },
    #[error("该事项已有整改进展，状态不能改回“未开始”；请选“整改中”或“已完成”")]
    BackToNotStarted,
    #[error("该整改事项还没有销号，无需撤销")]
    NotClosed,
    #[error("销号由工委确认，请使用“销号”")]
    CloseThroughClosure,
    #[error("单位「{unit}」{year}年度的保障投入已登记，请修改已有记录")]
    DuplicateResource { unit: String, year: u16 },
    #[error("单位「{unit}」已于 {left} {how}，此后已不是示范点，不能登记 {date} 的督导；请核对督导日期或督导单位")]
    VisitAfterLeaving {
        unit: String,
        left: String,
        how: &'static str,
        date: String,
    },
    #[error("单位「{unit}」是{entered}年入选的，{date}还不在示范点建设之列，不登记此前的督导；请核对督导日期")]
    VisitBeforeEntry {
        unit: String,
        date: String,
        entered: u16,
    },
    #[error("单位「{unit}」是{entered}年入选的，{date}还不在示范点建设之列，不登记此前开始的结对；请核对结对开始日期")]
    PairingBeforeEntry {
        unit: String,
        date: String,
        entered: u16,
    },
    #[error("{date}的活动「{title}」已经记录过（日期、形式和内容都相同），不重复记录；如是另一次活动，请在内容中写明区别")]
    DuplicateActivity { date: String, title: String },
    #[error("{date}的进展「{note}」已经记录过，不重复记录；如是另一项进展，请在内容中写明区别")]
    DuplicateProgress { date: String, note: String },
    #[error("单位「{unit}」是{entered}年入选的，{year}年度还不在示范点建设之列，不登记该年度的保障投入；请核对年度")]
    ResourceBeforeEntry {
        unit: String,
        year: u16,
        entered: u16,
    },
    #[error(
        "单位「{unit}」是{entered}年入选的，整改期限 {date} 在入选之前，请核对整改期限（例如年份）"
    )]
    DeadlineBeforeEntry {
        unit: String,
        date: String,
        entered: u16,
    },
    #[error("单位「{unit}」是{entered}年入选的，{date}还不在示范点建设之列，不登记此前的整改进展；请核对进展日期")]
    ProgressBeforeEntry {
        unit: String,
        date: String,
        entered: u16,
    },
    #[error("{what}有 {count} 字，超过 {most} 字的上限；请精简（详细材料可作为附件另行报送）")]
    TooLong {
        what: &'static str,
        count: usize,
        most: usize,
    },
    #[error("结对双方不能是同一个单位")]
    SelfPairing,
    #[error("「{site}」与「{partner}」已有进行中的结对（开始于 {start}），不能重复建立；可在原结对中记录活动")]
    DuplicatePairing {
        site: String,
        partner: String,
        start: String,
    },
    #[error("「{site}」与「{partner}」已有 {start} 开始、仍在进行的结对，与这个结对的时间重叠：同一对单位同一时间只记一个结对，活动也只记在一个结对中；请核对结对开始、结束日期和结对状态")]
    OverlapsRunning {
        site: String,
        partner: String,
        start: String,
    },
    #[error("「{site}」与「{partner}」已有 {start} 至 {end} 的结对，与这个结对的时间重叠：同一对单位同一时间只记一个结对，活动也只记在一个结对中；请核对结对开始、结束日期")]
    OverlappingPairing {
        site: String,
        partner: String,
        start: String,
        end: String,
    },
    #[error("「{site}」已{status}，不再作为示范点新建结对，已结束的结对也不再恢复")]
    SiteNotActive { site: String, status: &'static str },
    #[error("活动日期 {date} 早于结对开始日期 {start}，请核对")]
    ActivityBeforeStart { date: String, start: String },
    #[error("请填写结对的结束日期")]
    MissingEndDate,
    #[error("结对结束日期 {end} 早于结对开始日期 {start}，请核对")]
    EndBeforeStart { end: String, start: String },
    #[error("结对结束日期 {end} 早于已记录的最后一次活动（{last}），请核对")]
    EndBeforeActivity { end: String, last: String },
    #[error("活动日期 {date} 晚于结对结束日期 {end}：结对已结束，请核对")]
    ActivityAfterEnd { date: String, end: String },
    #[error("结对开始日期 {start} 晚于已记录的第一次活动（{first}），请核对；如活动记错了，请先修改或删除该活动")]
    StartAfterActivity { start: String, first: String },
    #[error("日期 {date} 早于{by}（{found}），请核对")]
    BeforeFound {
        date: String,
        found: String,
        /// 发现这个问题的督导, or 提出这项整改的警示决定.
        by: &'static str,
    },
    #[error("销号日期 {date} 早于最近一次整改进展（{last}），请核对")]
    ClosedBeforeProgress { date: String, last: String },
    #[error("督导日期 {date} 晚于由这次督导转成的整改事项的{what}（{item_date}），请核对")]
    VisitAfterItsItem {
        date: String,
        what: &'static str,
        item_date: String,
    },
    #[error("这次督导发现的问题已转为「{unit}」的整改事项，不能把「{unit}」从被督导单位中去掉；如确是登记错了单位，请先删除那项整改事项")]
    VisitUnitHasItem { unit: String },
    #[error("整改期限 {deadline} 早于督导日期 {visit}，请核对")]
    DeadlineBeforeVisit { deadline: String, visit: String },
    #[error("这次督导发现的这个问题已转为「{unit}」的整改事项，不必再转；可在“整改”中跟踪")]
    FindingAlreadyItem { unit: String },
    #[error("{what}应为1到60之间的整数（月），填的是“{value}”，请改正")]
    BadMonths { what: &'static str, value: String },
}

/// The name a refusal about the unit chosen gives its field
/// ([`FieldsAt`](crate::domain::problems::FieldsAt)): each form labels its unit choice
/// in its own words (整改单位, 督导的单位, …) and marks it under this name too.
pub const UNIT_FIELD: &str = "单位";

impl crate::domain::problems::FieldsAt for BetweenRoundsError {
    fn fields(&self) -> Vec<String> {
        use BetweenRoundsError as E;
        match self {
            E::Several(all) => crate::domain::problems::fields_of(all),
            // The unit a record is about (a pairing's is its site).
            E::NoUnitChosen | E::UnitNotFound(_) | E::SiteNotActive { .. } => {
                vec![UNIT_FIELD.to_string()]
            }
            // A date named by its event (督导, 活动): the field is its 日期.
            E::MissingDate(what) | E::BadDate { what, .. } | E::FutureDate { what, .. } => {
                vec![date_field(what)]
            }
            E::VisitBeforeEntry { .. } | E::VisitAfterLeaving { .. } => {
                vec![date_field("督导")]
            }
            E::ActivityBeforeStart { .. } | E::ActivityAfterEnd { .. } => {
                vec![date_field("活动")]
            }
            E::PairingBeforeEntry { .. }
            | E::StartAfterActivity { .. }
            | E::OverlappingPairing { .. }
            | E::OverlapsRunning { .. } => {
                vec![date_field("结对开始")]
            }
            E::MissingEndDate | E::EndBeforeStart { .. } | E::EndBeforeActivity { .. } => {
                vec![date_field("结对结束")]
            }
            E::ProgressBeforeEntry { .. } => vec![date_field("进展")],
            E::DuplicateProgress { .. } => vec!["进展情况".to_string()],
            E::ClosedBeforeProgress { .. } => vec![date_field("销号")],
            // A field named in the message as the form labels it (保障投入's labels add
            // the unit: 活动经费（万元）).
            E::Missing(what)
            | E::BadAmount { what, .. }
            | E::AmountInYuan { what, .. }
            | E::NegativeAmount { what, .. }
            | E::BadCount { what, .. }
            | E::TooLarge { what, .. }
            | E::TooLargeInYuan { what, .. }
            | E::TooLong { what, .. }
            | E::BadMonths { what, .. } => {
                vec![resources::form_label(what).unwrap_or(what).to_string()]
            }
            E::BadResourceYear(_)
            | E::FutureResourceYear { .. }
            | E::ResourceYearFixed { .. }
            | E::ResourceBeforeEntry { .. } => vec![resources::YEAR_LABEL.to_string()],
            E::DuplicateResource { .. } => {
                vec![UNIT_FIELD.to_string(), resources::YEAR_LABEL.to_string()]
            }
            E::ResourceUnitFixed { .. } => vec![UNIT_FIELD.to_string()],
            E::AreaWithoutPremises(_) => vec![
                resources::PREMISES_LABEL.to_string(),
                resources::PREMISES_AREA_LABEL.to_string(),
            ],
            // Nothing typed: the first figure is where to start.
            E::NothingEntered => vec![resources::PARTY_FUNDS_LABEL.to_string()],
            // The partner: itself, or paired already; a name outside the roster that
            // is on it.
            E::SelfPairing | E::DuplicatePairing { .. } => {
                vec![pairing::PARTNER_LABEL.to_string()]
            }
            E::PartnerOnRoster(_) => vec![pairing::OUTSIDE_NAME_LABEL.to_string()],
            E::DeadlineBeforeEntry { .. } | E::DeadlineBeforeVisit { .. } => {
                vec![rectification::labels::DEADLINE.to_string()]
            }
            _ => Vec::new(),
        }
    }
}

/// The label of the field of a date a check names by its event (`督导` → 督导日期); a
/// date that is itself the field's name (整改期限) stays as it is.
fn date_field(what: &str) -> String {
    if what.ends_with("日期") || what.ends_with("期限") {
        what.to_string()
    } else {
        format!("{what}日期")
    }
}

/// Which between-rounds threshold a setting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthsSetting {
    /// A pairing with no activity for this long is idle.
    IdlePairing,
    /// A site with no visit for this long is listed on 概览.
    VisitGap,
}

impl MonthsSetting {
    /// The Chinese name (also the field's label).
    pub fn label(self) -> &'static str {
        match self {
            MonthsSetting::IdlePairing => "结对不活跃判定（月）",
            MonthsSetting::VisitGap => "未督导提示（月）",
        }
    }
    /// The current value in `state`.
    pub fn get(self, state: &AppState) -> u32 {
        match self {
            MonthsSetting::IdlePairing => state.settings.idle_pairing_months,
            MonthsSetting::VisitGap => state.settings.visit_gap_months,
        }
    }
}

/// Sets a threshold from what the person typed (1–60 months).
pub fn set_months(
    state: &mut AppState,
    which: MonthsSetting,
    typed: &str,
) -> Result<u32, BetweenRoundsError> {
    let months = crate::domain::typed::half_width(typed)
        .trim_end_matches(['个', '月'])
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=60).contains(m))
        .ok_or_else(|| BetweenRoundsError::BadMonths {
            what: which.label(),
            value: typed.to_string(),
        })?;
    match which {
        MonthsSetting::IdlePairing => state.settings.idle_pairing_months = months,
        MonthsSetting::VisitGap => state.settings.visit_gap_months = months,
    }
    Ok(months)
}

/// Checks a required `YYYY-MM-DD` date.
fn check_date(what: &'static str, value: &str) -> Result<(), BetweenRoundsError> {
    if value.trim().is_empty() {
        return Err(BetweenRoundsError::MissingDate(what));
    }
    if dates::parse_date(value.trim()).is_none() {
        return Err(BetweenRoundsError::BadDate {
            what,
            value: value.to_string(),
        });
    }
    Ok(())
}

/// Checks that `text` is not blank.
fn require(what: &'static str, text: &str) -> Result<(), BetweenRoundsError> {
    if text.trim().is_empty() {
        Err(BetweenRoundsError::Missing(what))
    } else {
        Ok(())
    }
}

/// [`check_date`], and the date must have come by `now` (see [`dates::Now`]): for
/// what has happened (an activity, progress, a visit, a 销号).
fn check_past_date(what: &'static str, value: &str, now: &Now) -> Result<(), BetweenRoundsError> {
    check_date(what, value)?;
    if now.has_not_come(value.trim()) {
        return Err(BetweenRoundsError::FutureDate {
            what,
            value: value.trim().to_string(),
        });
    }
    Ok(())
}

/// The first day of a unit's entry year (入选年份): nothing of the programme happens
/// to it before.
pub fn entry_start(entered_year: u16) -> String {
    format!("{entered_year:04}-01-01")
}

/// The most characters of one free-text entry of 整改 (a progress note, 销号依据,
/// 撤销原因): as a 佐证说明, a few paragraphs; longer material goes as an attachment.
pub const TEXT_MAX: usize = 500;

/// `text` is at most [`TEXT_MAX`] characters.
fn check_length(what: &'static str, text: &str) -> Result<(), BetweenRoundsError> {
    let count = text.trim().chars().count();
    if count > TEXT_MAX {
        return Err(BetweenRoundsError::TooLong {
            what,
            count,
            most: TEXT_MAX,
        });
    }
    Ok(())
}

/// The checks of one form, all made: `Ok` when every one passed, the one problem, or
/// [`BetweenRoundsError::Several`] naming them all, so one submit says everything.
fn all_of<const N: usize>(
    checks: [Result<(), BetweenRoundsError>; N],
) -> Result<(), BetweenRoundsError> {
    let errors = checks.into_iter().filter_map(Result::err).collect();
    crate::domain::problems::gather(errors, BetweenRoundsError::Several)
}

/// Checks that `unit_id` is in the roster.
fn check_unit(state: &AppState, unit_id: &str) -> Result<(), BetweenRoundsError> {
    if unit_id.trim().is_empty() {
        return Err(BetweenRoundsError::NoUnitChosen);
    }
    state
        .unit(unit_id)
        .map(|_| ())
        .ok_or_else(|| BetweenRoundsError::UnitNotFound(unit_id.to_string()))
}

/// The unit's name, or its id when it is not in the roster.
pub fn unit_name(state: &AppState, unit_id: &str) -> String {
    state
        .unit(unit_id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| unit_id.to_string())
}

/// Whether `date` lies more than `months` months before `today` (the date `months`
/// months after it is already past). An unreadable date counts as long ago.
fn older_than(date: &str, months: u32, today: &str) -> bool {
    match dates::add_months(date, months) {
        Some(limit) => dates::days_between(&limit, today).is_some_and(|d| d > 0),
        None => true,
    }
}

/// `（2026-03-12）` after how a unit left, or nothing when its history has no date.
fn left_on(left: &str) -> String {
    if left.is_empty() {
        String::new()
    } else {
        format!("（{left}）")
    }
}
