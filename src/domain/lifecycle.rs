//! Dynamic management (动态管理): rules propose status changes from a round's
//! results; nothing changes until a person confirms a proposal, and every change is
//! appended to the unit's history with its date, reason and 文号.
//!
//! Allowed transitions ([`transition_allowed`]):
//!
//! | from \ to | 创建中 | 已授牌 | 警示 | 摘牌 | 退出 |
//! | --- | --- | --- | --- | --- | --- |
//! | 创建中 | – | ✓ | | | ✓ |
//! | 已授牌 | | – | ✓ | ✓ | ✓ |
//! | 警示 | | ✓ | – | ✓ | ✓ |
//! | 摘牌 | ✓ (重新申报获批) | | | – | ✓ |
//! | 退出 | ✓ (重新申报获批) | | | | – |

use super::dates::{self, Now};
use super::model::*;
use super::scoring::{compute_round, ScoringError};
use super::validation::check_date;

mod correction;
mod earlier_naming;
mod extension;
mod review;
mod rules;
pub use correction::{correct_last_change, CorrectionEffects, HistoryCorrection};
pub use earlier_naming::{can_record_earlier_naming, record_earlier_naming, record_plaque_no};
pub use extension::{
    can_extend_deadline, extend_deadline, far_deadline_note, ExtensionError, ExtensionRequest,
};
pub use review::{delete_review, record_due_review, record_review, reviewed, ReviewError};
use rules::{grade_rule, veto_rule};

/// A proposed status change, waiting for a person to confirm or dismiss it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The round whose results gave rise to it (`None` for deadline proposals).
    pub round_id: Option<Id>,
    pub unit_id: Id,
    pub unit_name: String,
    pub from: UnitStatus,
    pub to: UnitStatus,
    /// Why, in Chinese.
    pub reason: String,
    /// Suggested rectification deadline when `to` is 警示.
    pub rectify_by: Option<Date>,
}

/// Why a status change was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("找不到单位「{0}」")]
    UnitNotFound(String),
    #[error(
        "单位「{unit}」的状态已是「{actual}」，不再是建议所依据的「{expected}」，请重新生成建议"
    )]
    Stale {
        unit: String,
        expected: &'static str,
        actual: &'static str,
    },
    #[error("单位「{unit}」不能从「{from}」直接变更为「{to}」")]
    NotAllowed {
        unit: String,
        from: &'static str,
        to: &'static str,
    },
    #[error("单位「{unit}」状态变更的日期「{value}」格式不正确，应为“年-月-日”，如 2026-03-15")]
    BadDate { unit: String, value: String },
    #[error("请填写单位「{unit}」状态变更的日期（决定日期），如 2026-03-15")]
    MissingDate { unit: String },
    #[error(
        "单位「{unit}」状态变更的日期 {value} 晚于今天，请核对年份和月份（只能记录已经作出的决定）"
    )]
    FutureDate { unit: String, value: String },
    #[error("单位「{unit}」的状态变更需要填写理由")]
    MissingReason { unit: String },
    #[error("将单位「{unit}」变更为「{to}」须依据工委的决定，请填写决定的文号")]
    MissingDocNo { unit: String, to: &'static str },
    #[error("给单位「{unit}」警示须定出整改期限")]
    MissingDeadline { unit: String },
    #[error("单位「{unit}」的整改期限「{value}」格式不正确，应为“年-月-日”，如 2026-09-30")]
    BadDeadline { unit: String, value: String },
    #[error("单位「{unit}」的整改期限「{deadline}」早于其授牌日期「{date}」，请核对")]
    DeadlineBeforeNaming {
        unit: String,
        deadline: String,
        date: String,
    },
    #[error(
        "单位「{unit}」的整改期限「{deadline}」不晚于警示日期「{date}」：整改期限应在警示之后"
    )]
    DeadlineBeforeDate {
        unit: String,
        deadline: String,
        date: String,
    },
    #[error("单位「{unit}」状态变更的日期 {value} 早于上一次变更（{last_to}）的日期 {last}；履历按日期先后记录，请核对日期")]
    BeforeLastChange {
        unit: String,
        value: String,
        last: String,
        last_to: &'static str,
    },
    #[error("{}", plaque_taken_words(.unit, .plaque, .other, *.other_left))]
    DuplicatePlaque {
        unit: String,
        plaque: String,
        other: String,
        /// How the other unit left (摘牌, 退出示范点建设), when it has: its plaque was
        /// taken back, and its number is still not given again.
        other_left: Option<&'static str>,
    },
    #[error("单位「{unit}」状态变更的日期 {value} 早于其入选年份（{year}年），请核对日期")]
    BeforeEntry {
        unit: String,
        value: String,
        year: u16,
    },
    #[error("警示的整改事项没有建立：{0}")]
    WarningItem(String),
    #[error("单位「{unit}」现在是“{status}”，只有已授牌或警示的单位才能补记授牌信息")]
    NotHoldingPlaque { unit: String, status: &'static str },
    #[error("请填写单位「{unit}」的牌匾编号")]
    MissingPlaque { unit: String },
    #[error("单位「{unit}」的授牌已记入状态履历（{date}），授牌日期以履历为准，不能补记")]
    NamingInHistory { unit: String, date: String },
    #[error("请填写单位「{unit}」的授牌日期")]
    MissingNamingDate { unit: String },
    #[error("单位「{unit}」的授牌日期「{value}」{why}，请核对")]
    EarlierNamingDate {
        unit: String,
        value: String,
        why: String,
    },
    /// Every field left empty at once, in the form's order, so one submit names them
    /// all (a clerk's review: 理由, then 文号, one click each).
    #[error("{}", crate::domain::problems::one_per_line(.0))]
    Several(Vec<LifecycleError>),
    #[error("单位「{unit}」还没有状态变更记录，无可更正")]
    NoHistory { unit: String },
    #[error("单位「{unit}」的警示日期 {value} 晚于该次警示的整改期限延期决定（{extension}），请核对日期")]
    AfterExtension {
        unit: String,
        value: String,
        extension: String,
    },
    #[error(transparent)]
    Scoring(#[from] ScoringError),
}

/// The labels of the unit page's status forms (状态变更, 补记授牌信息, 修改牌匾编号,
/// 整改期限延期), by which a refusal marks its fields.
pub mod labels {
    pub const STATUS: &str = "新状态";
    pub const DATE: &str = "变更日期";
    pub const REASON: &str = "变更理由";
    pub const DOC_NO: &str = "文号";
    pub const PLAQUE: &str = "牌匾编号";
    pub const DEADLINE: &str = "整改期限";
    pub const NAMING_DATE: &str = "授牌日期";
    pub const EXTENSION_DATE: &str = "决定日期";
    pub const EXTENDED_TO: &str = "延期后的整改期限";
    pub const EXTENSION_REASON: &str = "延期理由";
    pub const REVIEW_DATE: &str = "复查日期";
    pub const REVIEW_CONCLUSION: &str = "复查结论";
    pub const REVIEW_NOTE: &str = "情况说明";
}

impl crate::domain::problems::FieldsAt for ReviewError {
    fn fields(&self) -> Vec<String> {
        use ReviewError as E;
        let field = match self {
            E::MissingDate { .. }
            | E::BadDate { .. }
            | E::SameDate { .. }
            | E::TooEarlyForDue { .. }
            | E::CountsForMissed { .. } => labels::REVIEW_DATE,
            E::MissingNote => labels::REVIEW_NOTE,
            _ => return Vec::new(),
        };
        vec![field.to_string()]
    }
}

impl crate::domain::problems::FieldsAt for LifecycleError {
    fn fields(&self) -> Vec<String> {
        use LifecycleError as E;
        let field = match self {
            E::Several(all) => return crate::domain::problems::fields_of(all),
            E::NotAllowed { .. } => labels::STATUS,
            E::BadDate { .. }
            | E::MissingDate { .. }
            | E::FutureDate { .. }
            | E::BeforeLastChange { .. }
            | E::AfterExtension { .. }
            | E::BeforeEntry { .. } => labels::DATE,
            E::MissingReason { .. } => labels::REASON,
            E::MissingDocNo { .. } => labels::DOC_NO,
            E::MissingDeadline { .. }
            | E::BadDeadline { .. }
            | E::DeadlineBeforeNaming { .. }
            | E::DeadlineBeforeDate { .. } => labels::DEADLINE,
            E::DuplicatePlaque { .. } | E::MissingPlaque { .. } => labels::PLAQUE,
            E::MissingNamingDate { .. } | E::EarlierNamingDate { .. } => labels::NAMING_DATE,
            _ => return Vec::new(),
        };
        vec![field.to_string()]
    }
}

impl crate::domain::problems::FieldsAt for ExtensionError {
    fn fields(&self) -> Vec<String> {
        use ExtensionError as E;
        let field = match self {
            E::MissingDate | E::BadDate { .. } => labels::EXTENSION_DATE,
            E::MissingDeadline | E::BadDeadline { .. } => labels::EXTENDED_TO,
            E::MissingReason => labels::EXTENSION_REASON,
            E::MissingDocNo => labels::DOC_NO,
            _ => return Vec::new(),
        };
        vec![field.to_string()]
    }
}

/// Whether a unit may go from `from` to `to` (see the module table).
pub fn transition_allowed(from: UnitStatus, to: UnitStatus) -> bool {
    use UnitStatus::*;
    matches!(
        (from, to),
        (Candidate, Named)
            | (Candidate, Withdrawn)
            | (Named, Warned)
            | (Named, Delisted)
            | (Named, Withdrawn)
            | (Warned, Named)
            | (Warned, Delisted)
            | (Warned, Withdrawn)
            | (Delisted, Candidate)
            | (Delisted, Withdrawn)
            | (Withdrawn, Candidate)
    )
}

/// A status change a person makes (directly or by confirming a proposal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChangeRequest {
    pub to: UnitStatus,
    /// Date of the decision, `YYYY-MM-DD`.
    pub date: Date,
    pub reason: String,
    /// 文号 of the decision.
    pub doc_no: String,
    /// Plaque number when naming (kept if already set and this is `None`).
    pub plaque_no: Option<String>,
    /// Rectification deadline when warning.
    pub rectify_by: Option<Date>,
}

/// Said in a confirmation when the year in a 文号 (`〔2026〕`, `[2026]`) is not the
/// year of the decision's date: one of the two is most likely mistyped (a clerk's review:
/// a 警示 corrected to 2025-06-01 kept 〔2026〕5号, unsaid). `None` when they agree or
/// the 文号 names no year.
pub fn doc_year_note(doc_no: &str, date: &str) -> Option<String> {
    let year_of_date: u16 = date.trim().get(..4)?.parse().ok()?;
    let doc = doc_no.trim();
    // The first bracket followed by four digits (a name may hold other brackets).
    let year_of_doc: u16 = doc
        .char_indices()
        .filter(|(_, c)| ['〔', '[', '［', '（', '('].contains(c))
        .find_map(|(i, c)| {
            let digits: String = doc[i + c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            (digits.len() == 4).then(|| digits.parse().ok()).flatten()
        })?;
    (year_of_doc != year_of_date).then(|| {
        format!("。请注意：文号中的年份（{year_of_doc}）与日期（{year_of_date}年）不一致，请核对")
    })
}

/// What a change dated `date` with `doc_no` repeats of `unit`'s 状态履历: a change
/// already recorded that day, or the same 文号 on another of its changes (a clerk's
/// review: 授牌 and 警示 on one day, or both under 〔2026〕30号, went through unsaid).
/// Said before confirming, not refused: one document may decide several things.
pub fn repeat_note(unit: &Unit, date: &str, doc_no: &str) -> Option<String> {
    let date = date.trim();
    let doc = doc_no.trim();
    let mut said = Vec::new();
    if let Some(c) = unit.history.iter().rev().find(|c| c.date == date) {
        said.push(format!(
            "该单位 {date} 已记有一次状态变更（{}→{}），同一天再变更请核对日期",
            c.from.label(),
            c.to.label()
        ));
    }
    if !doc.is_empty() {
        if let Some(c) = unit
            .history
            .iter()
            .rev()
            .find(|c| crate::domain::typed::same_code(&c.doc_no, doc))
        {
            said.push(format!(
                "文号 {doc} 已用于该单位 {} 的“{}”，请核对文号",
                c.date,
                c.to.label()
            ));
        }
    }
    (!said.is_empty()).then(|| format!("。请注意：{}", said.join("；")))
}

/// Whether a change to `to` rests on a decision of the committee, recorded with its 文号
/// (授牌, 警示 and 摘牌; see [`change_status`]).
pub fn needs_doc_no(to: UnitStatus) -> bool {
    matches!(
        to,
        UnitStatus::Named | UnitStatus::Warned | UnitStatus::Delisted
    )
}

/// Another unit than `unit_id` that holds plaque number `plaque` (read as the same
/// number whatever its width or case): a plaque names one site.
fn plaque_holder<'a>(state: &'a AppState, unit_id: &str, plaque: &str) -> Option<&'a Unit> {
    state.units.iter().find(|u| {
        u.id != unit_id
            && u.plaque_no
                .as_deref()
                .is_some_and(|p| crate::domain::typed::same_code(p, plaque))
    })
}

/// Changes a unit's status and appends the change to its history. Refuses (and
/// changes nothing) if the unit does not exist, the transition is not allowed, a date
/// is malformed or has not come by `now` (see [`dates::not_yet`]), the reason is empty,
/// a decision (授牌/警示/摘牌) has no 文号, a warning has no rectification deadline
/// (or one before its date), or the date is before the unit's last change. A unit back
/// from 警示 keeps its 授牌日期.
/// Why plaque number `plaque` is refused for `unit`: another unit holds it, or held it
/// and has left (a clerk's review: “已是「…」的” beside that unit's page saying the plaque
/// was taken back, and 请核对编号 not saying what to do).
fn plaque_taken_words(unit: &str, plaque: &str, other: &str, left: Option<&str>) -> String {
    match left {
        None => format!("牌匾编号「{plaque}」已是「{other}」的，不能再给单位「{unit}」；请核对编号"),
        Some(how) => format!(
            "牌匾编号「{plaque}」是「{other}」用过的（该单位已{how}，牌匾已收回）；收回的编号不再发给别的单位，请给「{unit}」另编一个编号"
        ),
    }
}

/// The refusal of plaque number `plaque` for unit `unit` because `holder` has it.
pub(crate) fn duplicate_plaque(unit: &str, plaque: &str, holder: &Unit) -> LifecycleError {
    let left = matches!(holder.status, UnitStatus::Delisted | UnitStatus::Withdrawn)
        .then(|| crate::domain::outcomes::departure_word(holder.status));
    LifecycleError::DuplicatePlaque {
        unit: unit.to_string(),
        plaque: plaque.to_string(),
        other: holder.name.clone(),
        other_left: left,
    }
}

pub fn change_status(
    state: &mut AppState,
    unit_id: &str,
    req: &StatusChangeRequest,
    now: impl Into<Now>,
) -> Result<(), LifecycleError> {
    let now = &now.into();
    let origin = state.settings.origin.clone();
    // A plaque number names one site: never a second unit's.
    let plaque = req
        .plaque_no
        .as_deref()
        .map(crate::domain::typed::half_width)
        .unwrap_or_default();
    if req.to == UnitStatus::Named && !plaque.is_empty() {
        if let Some(other) = plaque_holder(state, unit_id, &plaque) {
            let unit = state
                .unit(unit_id)
                .map_or(unit_id.to_string(), |u| u.name.clone());
            return Err(duplicate_plaque(&unit, &plaque, other));
        }
    }
    let unit = state
        .units
        .iter_mut()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| LifecycleError::UnitNotFound(unit_id.to_string()))?;
    let bad_date = |value: &str| LifecycleError::BadDate {
        unit: unit.name.clone(),
        value: value.to_string(),
    };
    // The fields left empty, named together; one alone is refused below, in its place.
    let empty: Vec<LifecycleError> = [
        req.date
            .trim()
            .is_empty()
            .then(|| LifecycleError::MissingDate {
                unit: unit.name.clone(),
            }),
        req.reason
            .trim()
            .is_empty()
            .then(|| LifecycleError::MissingReason {
                unit: unit.name.clone(),
            }),
        (needs_doc_no(req.to) && req.doc_no.trim().is_empty()).then(|| {
            LifecycleError::MissingDocNo {
                unit: unit.name.clone(),
                to: req.to.label(),
            }
        }),
        (req.to == UnitStatus::Warned && req.rectify_by.is_none()).then(|| {
            LifecycleError::MissingDeadline {
                unit: unit.name.clone(),
            }
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if empty.len() > 1 {
        return Err(LifecycleError::Several(empty));
    }
    if req.date.trim().is_empty() {
        return Err(LifecycleError::MissingDate {
            unit: unit.name.clone(),
        });
    }
    check_date("", &req.date).map_err(|_| bad_date(&req.date))?;
    if now.has_not_come(&req.date) {
        return Err(LifecycleError::FutureDate {
            unit: unit.name.clone(),
            value: req.date.clone(),
        });
    }
    if let Some(d) = &req.rectify_by {
        check_date("", d).map_err(|_| bad_date(d))?;
    }
    if req.date.get(..4).and_then(|y| y.parse::<u16>().ok()) < Some(unit.entered_year) {
        return Err(LifecycleError::BeforeEntry {
            unit: unit.name.clone(),
            value: req.date.clone(),
            year: unit.entered_year,
        });
    }
    // The history reads in date order: a warning cannot come before the naming it
    // warns about.
    if let Some(last) = unit.history.last().filter(|h| h.date > req.date) {
        return Err(LifecycleError::BeforeLastChange {
            unit: unit.name.clone(),
            value: req.date.clone(),
            last: last.date.clone(),
            last_to: last.to.label(),
        });
    }
    // Nor before a decision extending the warning it ends (a clerk's review: 解除警示
    // was taken dated before the 整改期限延期 of that same warning).
    if let Some(ext) = unit
        .current_extensions()
        .into_iter()
        .filter(|e| e.date > req.date)
        .max_by(|a, b| a.date.cmp(&b.date))
    {
        return Err(LifecycleError::BeforeLastChange {
            unit: unit.name.clone(),
            value: req.date.clone(),
            last: ext.date.clone(),
            last_to: "整改期限延期",
        });
    }
    if !transition_allowed(unit.status, req.to) {
        return Err(LifecycleError::NotAllowed {
            unit: unit.name.clone(),
            from: unit.status.label(),
            to: req.to.label(),
        });
    }
    if req.reason.trim().is_empty() {
        return Err(LifecycleError::MissingReason {
            unit: unit.name.clone(),
        });
    }
    if needs_doc_no(req.to) && req.doc_no.trim().is_empty() {
        return Err(LifecycleError::MissingDocNo {
            unit: unit.name.clone(),
            to: req.to.label(),
        });
    }
    if req.to == UnitStatus::Warned {
        match &req.rectify_by {
            None => {
                return Err(LifecycleError::MissingDeadline {
                    unit: unit.name.clone(),
                })
            }
            // Not the day of the warning itself: no time to put anything right (a
            // clerk's review: a zero-day period was taken).
            Some(d) if d.as_str() <= req.date.as_str() => {
                return Err(LifecycleError::DeadlineBeforeDate {
                    unit: unit.name.clone(),
                    deadline: d.clone(),
                    date: req.date.clone(),
                })
            }
            Some(_) => {}
        }
    }
    let from = unit.status;
    unit.history.push(StatusChange {
        date: req.date.clone(),
        from,
        to: req.to,
        reason: req.reason.trim().to_string(),
        doc_no: req.doc_no.trim().to_string(),
    });
    unit.status = req.to;
    match req.to {
        UnitStatus::Named => {
            // Back from 警示 the unit keeps its plaque and the date it was named: the
            // history records the restoration.
            if from != UnitStatus::Warned || unit.named_on.is_none() {
                unit.named_on = Some(req.date.clone());
            }
            if req.plaque_no.is_some() {
                // As ASCII: a number typed in full width reads the same as the plaque.
                unit.plaque_no = Some(plaque.clone());
            }
            unit.rectify_by = None;
        }
        UnitStatus::Warned => unit.rectify_by = req.rectify_by.clone(),
        _ => unit.rectify_by = None,
    }
    unit.meta.touch(&req.date, &origin);
    if matches!(req.to, UnitStatus::Delisted | UnitStatus::Withdrawn) {
        end_pairings_of(state, unit_id, &req.date, now);
    }
    Ok(())
}

/// The end dates the running pairings of site `unit_id` take when it leaves the
/// programme on `date` (摘牌 or 退出): that day, or a pairing's last logged activity
/// (or its start) when later, since none is logged after a pairing ends.
pub fn pairing_ends(state: &AppState, unit_id: &str, date: &str) -> Vec<Date> {
    state
        .pairings
        .iter()
        .filter(|p| p.site_id == unit_id && p.status == PairingStatus::Active)
        .map(|p| pairing_end(p, date))
        .collect()
}

/// What a confirmation says of the running pairings a change of unit `unit_id` to `to`
/// on `date` ends (empty when it ends none): `；其2个进行中的结对同日结束`.
pub fn pairings_ended_note(state: &AppState, unit_id: &str, to: UnitStatus, date: &str) -> String {
    if !matches!(to, UnitStatus::Delisted | UnitStatus::Withdrawn) {
        return String::new();
    }
    let ending = pairing_ends(state, unit_id, date);
    let later = ending.iter().filter(|e| e.as_str() > date).count();
    match (ending.len(), later) {
        (0, _) => String::new(),
        (n, 0) => format!("；其{n}个进行中的结对同日结束"),
        (n, k) => format!("；其{n}个进行中的结对同时结束（其中{k}个有晚于该日的活动记录，结束日期记为最后一次活动的日期）"),
    }
}

/// The end date pairing `p` takes when its site leaves on `date`: that day, or its
/// last logged activity (or its start) when later.
pub fn pairing_end(p: &Pairing, date: &str) -> Date {
    let last = crate::domain::between_rounds::pairing::last_activity(p);
    [Some(date), Some(p.start.as_str()), last]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(date)
        .to_string()
}

/// A site that leaves the programme ends its running pairings ([`pairing_ends`]).
fn end_pairings_of(state: &mut AppState, unit_id: &str, date: &str, now: &str) {
    let origin = state.settings.origin.clone();
    for p in state
        .pairings
        .iter_mut()
        .filter(|p| p.site_id == unit_id && p.status == PairingStatus::Active)
    {
        p.ended_on = Some(pairing_end(p, date));
        p.status = PairingStatus::Ended;
        p.meta.touch(now, &origin);
    }
}

/// The units of round `round_id` that no change is proposed for while their scoring is
/// incomplete ([`propose_changes`] waits for every sheet, a veto excepted), by name: a
/// 创建中 unit graded 良好 with a sheet missing is not forgotten, only waiting, and the
/// page says so.
fn held_for_scoring(
    state: &AppState,
    round_id: &str,
    results: &crate::domain::RoundResults,
) -> Result<Vec<String>, ScoringError> {
    let round = state
        .round(round_id)
        .ok_or_else(|| ScoringError::RoundNotFound(round_id.to_string()))?;
    Ok(results
        .units
        .iter()
        .filter(|r| r.graded && waits_for_scoring(r))
        .filter_map(|r| state.unit(&r.unit_id))
        .filter(|u| !round.proposal_decided(&u.id, u.status))
        .map(|u| u.name.clone())
        .collect())
}

/// Proposes status changes from a round's results under `state.settings.lifecycle_rules`.
/// `today` (`YYYY-MM-DD`) is the date a warning's deadline is counted from. Units whose
/// proposal in this round was already decided, and units whose scoring is not complete
/// (unless vetoed), are skipped, and so are units whose status was last changed after
/// the round's year (the round's result is older than their present status). Rules,
/// first match per unit:
///
/// 1. a veto (if `veto_delists`): 已授牌/警示 → 摘牌; 创建中 → 退出;
/// 2. 不合格 while 警示 (if `fail_while_warned_delists`) → 摘牌;
/// 3. 不合格 while 已授牌 (if `fail_warns`) → 警示, deadline `today` + `rectify_months`;
/// 4. 合格 in this round and in the unit's previous round while 已授牌
///    (if `two_passes_warn`) → 警示;
/// 5. 创建中 graded `naming_grade` (良好 unless set otherwise) or better (if
///    `candidate_good_names`) → 已授牌;
/// 6. 警示 graded 合格 or better → 已授牌 (the re-check passed), once every 整改 item
///    of the unit is closed (销号): with items open the warning is not over.
///
/// Nothing is proposed for a unit whose status changed after the round's year or its
/// scores, or that came back (入选培育 after 退出 or 摘牌) within or after the year.
pub fn propose_changes(
    state: &AppState,
    round_id: &str,
    today: &str,
) -> Result<Vec<Proposal>, ScoringError> {
    let results = compute_round(state, round_id)?;
    propose_from(state, round_id, &results, today)
}

/// A status change rests on complete scoring: until every expected sheet is in with no
/// blanks, nothing is proposed for the unit (a veto excepted: it decides alone).
fn waits_for_scoring(r: &crate::domain::UnitResult) -> bool {
    !r.completeness.is_complete() && r.vetoes.is_empty()
}

/// [`propose_changes`] from the round's results computed already.
pub fn propose_from(
    state: &AppState,
    round_id: &str,
    results: &crate::domain::RoundResults,
    today: &str,
) -> Result<Vec<Proposal>, ScoringError> {
    let rules = &state.settings.lifecycle_rules;
    let round = state
        .round(round_id)
        .ok_or_else(|| ScoringError::RoundNotFound(round_id.to_string()))?;
    // Only rule 4 looks back, and only for 已授牌 units graded 合格 now.
    let needed: Vec<&str> = if rules.two_passes_warn {
        results
            .units
            .iter()
            .filter(|r| r.graded && r.grade == Some(Grade::Pass))
            .filter(|r| state.unit(&r.unit_id).map(|u| u.status) == Some(UnitStatus::Named))
            .map(|r| r.unit_id.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let previous = previous_grades(state, round, &needed);
    let deadline = dates::add_months(today, rules.rectify_months as u32);
    let mut out = Vec::new();
    for r in results.units.iter().filter(|r| r.graded) {
        if waits_for_scoring(r) {
            continue;
        }
        let Some(unit) = state.unit(&r.unit_id) else {
            continue;
        };
        if round.proposal_decided(&unit.id, unit.status) {
            continue;
        }
        let Some(grade) = r.grade else { continue };
        let status = unit.status;
        let year = round.year;
        // A status set after the round's year (the 警示 its own result brought, recorded
        // by hand; a later round's decision) has moved on from it: the round's result is
        // not a fresh ground, and 警示期间…仍为不合格 would punish it twice.
        // So has one set after the unit's scores in the round were in (a clerk's review:
        // a 警示 for last year's result, given after this year's scoring, made this
        // year's 不合格 read as 警示期间仍为不合格 and proposed 摘牌).
        let scored = scores_last_day(round, &unit.id);
        if unit.history.last().is_some_and(|h| {
            h.date.as_str() > format!("{year}-12-31").as_str()
                || scored.as_deref().is_some_and(|d| h.date.as_str() > d)
        }) {
            continue;
        }
        // Back in the programme (入选培育 again after 退出 or 摘牌) within or after the
        // round's year: the year's scores are from its earlier spell or from a year
        // spent partly outside the programme, no ground for a change in its new one (a
        // clerk's review: a unit selected again three weeks before was proposed for 授牌
        // on its earlier spell's 良好).
        let year_began = format!("{year}-01-01");
        if unit.history.iter().any(|h| {
            matches!(h.from, UnitStatus::Delisted | UnitStatus::Withdrawn)
                && h.date.as_str() >= year_began.as_str()
        }) {
            continue;
        }
        let change = if !r.vetoes.is_empty() && rules.veto_delists {
            veto_rule(r, status, year)
        } else {
            grade_rule(rules, r, grade, status, year, &previous, &deadline)
        };
        // A warning ends when its rectification does: no restoring with items open.
        let open_items = || {
            state
                .rectifications
                .iter()
                .any(|x| x.unit_id == unit.id && x.status != RectificationStatus::Closed)
        };
        let change = change.filter(|(to, _, _)| {
            !(status == UnitStatus::Warned && *to == UnitStatus::Named && open_items())
        });
        if let Some((to, reason, rectify_by)) = change {
            out.push(Proposal {
                round_id: Some(round.id.clone()),
                unit_id: unit.id.clone(),
                unit_name: unit.name.clone(),
                from: status,
                to,
                reason,
                rectify_by,
            });
        }
    }
    Ok(out)
}

/// The grade of each unit of `round` in its previous round (the latest earlier year in
/// which it was graded): `(unit id, grade, year)`. Only the units in `needed` are looked
/// up, and earlier rounds are scored newest first only until each has been found, since
/// scoring a round is the expensive part.
fn previous_grades(state: &AppState, round: &Round, needed: &[&str]) -> Vec<(Id, Grade, u16)> {
    let mut out = Vec::new();
    if needed.is_empty() {
        return out;
    }
    let mut earlier: Vec<&Round> = state
        .rounds
        .iter()
        .filter(|r| r.year < round.year)
        .map(|r| &**r)
        .collect();
    crate::domain::sorting::sort_by_key(&mut earlier, |r| std::cmp::Reverse(r.year));
    let mut pending: Vec<&str> = needed.to_vec();
    for r in earlier {
        if pending.is_empty() {
            break;
        }
        if !pending.iter().any(|u| r.unit_ids.iter().any(|x| x == u)) {
            continue;
        }
        let Ok(res) = compute_round(state, &r.id) else {
            continue;
        };
        pending.retain(|uid| match res.unit(uid).and_then(|u| u.grade) {
            Some(g) => {
                out.push((uid.to_string(), g, r.year));
                false
            }
            None => true,
        });
    }
    out
}

/// Proposes 摘牌 for warned units whose rectification deadline has passed (before
/// `today`) with rectification items not yet closed (销号; an item the unit reported
/// 已完成 counts until the committee closes it) whose own deadline has passed too (an
/// item due later, or one whose deadline the committee extended, is not yet late)
/// (if `fail_while_warned_delists`).
pub fn propose_overdue(state: &AppState, today: &str) -> Vec<Proposal> {
    if !state.settings.lifecycle_rules.fail_while_warned_delists {
        return Vec::new();
    }
    let mut out = Vec::new();
    for u in state
        .units
        .iter()
        .filter(|u| u.status == UnitStatus::Warned)
    {
        let Some(by) = &u.rectify_by else { continue };
        if dates::days_between(by, today).is_none_or(|d| d <= 0) {
            continue;
        }
        // Only 销号 settles an item: one the unit reported 已完成 still waits for the
        // committee's check, and a unit cannot talk itself out of 摘牌.
        let unsettled: Vec<&Rectification> = state
            .rectifications
            .iter()
            .filter(|r| {
                r.unit_id == u.id
                    && r.status != RectificationStatus::Closed
                    && dates::days_between(&r.deadline, today).is_none_or(|d| d > 0)
            })
            .collect();
        if unsettled.is_empty() {
            continue;
        }
        let open = unsettled.iter().filter(|r| r.status.is_open()).count();
        let reported = unsettled.len() - open;
        let reason = match (open, reported) {
            (n, 0) => format!("整改期限{by}已过，仍有{n}项整改未完成"),
            (0, m) => format!("整改期限{by}已过，{m}项整改单位已报完成，尚未核实销号"),
            (n, m) => format!(
                "整改期限{by}已过，仍有{n}项整改未完成，另有{m}项单位已报完成、尚未核实销号"
            ),
        };
        out.push(Proposal {
            round_id: None,
            unit_id: u.id.clone(),
            unit_name: u.name.clone(),
            from: u.status,
            to: UnitStatus::Delisted,
            reason,
            rectify_by: None,
        });
    }
    out
}

/// A warned unit past its 整改期限 with nothing unsettled on record, so no 摘牌 is
/// proposed for it: its warning waits for the committee all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningToSettle {
    pub unit_id: Id,
    pub unit_name: String,
    pub rectify_by: Date,
    /// Its rectification items closed (销号); 0 with no open ones: none was ever recorded.
    pub closed_items: usize,
    /// Its items not closed, each due after the unit's 整改期限 (moved on the item, not by
    /// a 整改期限延期 of the unit): no 摘牌 is proposed for them.
    pub open_items: usize,
}

impl WarningToSettle {
    /// What the committee is to do, in words.
    pub fn message(&self) -> String {
        if self.open_items > 0 {
            format!(
                "整改期限{}已过，{}项整改事项尚未销号，其期限已在“整改”中改到此后，但单位的整改期限没有延期：如工委已决定延期，请在单位页面用“整改期限延期”登记决定；否则请作出决定",
                self.rectify_by, self.open_items
            )
        } else if self.closed_items > 0 {
            format!(
                "整改期限{}已过，{}项整改事项已全部销号：可在单位页面作出“解除警示”的决定",
                self.rectify_by, self.closed_items
            )
        } else {
            format!(
                "整改期限{}已过，但没有登记整改事项：请在“整改”中登记，或在单位页面作出决定",
                self.rectify_by
            )
        }
    }
}

/// Warned units past their 整改期限 (before `today`) that [`propose_overdue`] leaves
/// out: none of their items is unsettled, or those open were moved past it on the item
/// (a warned unit past its deadline is never left unlisted).
pub fn warnings_to_settle(state: &AppState, today: &str) -> Vec<WarningToSettle> {
    let proposed: Vec<Id> = propose_overdue(state, today)
        .into_iter()
        .map(|p| p.unit_id)
        .collect();
    state
        .units
        .iter()
        .filter(|u| u.status == UnitStatus::Warned && !proposed.contains(&u.id))
        .filter_map(|u| {
            let by = u.rectify_by.as_ref()?;
            if dates::days_between(by, today).is_none_or(|d| d <= 0) {
                return None;
            }
            let items: Vec<&Rectification> = state
                .rectifications
                .iter()
                .filter(|r| r.unit_id == u.id)
                .collect();
            let closed = items
                .iter()
                .filter(|r| r.status == RectificationStatus::Closed)
                .count();
            Some(WarningToSettle {
                unit_id: u.id.clone(),
                unit_name: u.name.clone(),
                rectify_by: by.clone(),
                closed_items: closed,
                open_items: items.len() - closed,
            })
        })
        .collect()
}

/// Every proposal waiting for a decision: those of round `round_id` (when given), then
/// the deadline proposals ([`propose_overdue`]) of units without a round proposal, so a
/// unit is never proposed twice.
pub fn pending_proposals(
    state: &AppState,
    round_id: Option<&str>,
    today: &str,
) -> Result<Vec<Proposal>, LifecycleError> {
    pending_proposals_and_held(state, round_id, today).map(|(v, _)| v)
}

/// [`pending_proposals`], with the round's units held for incomplete scoring (see
/// `held_for_scoring`), from one computation of the round.
pub fn pending_proposals_and_held(
    state: &AppState,
    round_id: Option<&str>,
    today: &str,
) -> Result<(Vec<Proposal>, Vec<String>), LifecycleError> {
    let (mut v, held) = match round_id {
        Some(r) => {
            let results = compute_round(state, r)?;
            (
                propose_from(state, r, &results, today)?,
                held_for_scoring(state, r, &results)?,
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let overdue: Vec<Proposal> = propose_overdue(state, today)
        .into_iter()
        .filter(|p| !v.iter().any(|q| q.unit_id == p.unit_id))
        .collect();
    v.extend(overdue);
    Ok((v, held))
}

/// Said before a proposal is confirmed when the round it rests on is not published: its
/// scores and grades may still change, and the decision would quote them (a clerk's
/// review: a 警示 citing a draft total went into a unit's printed 履历 unremarked).
pub fn draft_basis(state: &AppState, proposal: &Proposal) -> Option<String> {
    let round = state.round(proposal.round_id.as_deref()?)?;
    (!round.published).then(|| {
        format!(
            "注意：这条建议依据的「{}」结果尚未发布（草稿），分数和等次还可能改动。",
            round.name
        )
    })
}

/// Said before a warning proposal is confirmed when, decided on `date`, its 整改期限
/// would already be behind `today` (a clerk's review: 2026-01-15 typed for 2026-11-15
/// gave a deadline long past, unremarked).
pub fn deadline_already_past(
    state: &AppState,
    proposal: &Proposal,
    date: &str,
    today: &str,
) -> Option<String> {
    let by = decided_deadline(state, proposal, date)?;
    (by.as_str() < today).then(|| {
        format!("注意：按这个决定日期，整改期限 {by} 已在今天（{today}）之前，请核对决定日期。")
    })
}

/// Said before a round's proposal is confirmed when `date` is earlier than the last day
/// the unit's scores in that round were entered: the decision would rest on scores not
/// yet given (a clerk's review: a 授牌 typed as 2026-01-15 for 2026-11-15 went into the
/// unit's 履历 unremarked). The scores' day is their stamp's day in Beijing.
pub fn decided_before_scores(state: &AppState, proposal: &Proposal, date: &str) -> Option<String> {
    let round = state.round(proposal.round_id.as_deref()?)?;
    let last = scores_last_day(round, &proposal.unit_id)?;
    let date = date.trim();
    (dates::parse_date(date).is_some() && date < last.as_str()).then(|| {
        format!(
            "注意：决定日期 {date} 早于该单位在「{}」中最后一次录入评分的日期（{last}），决定所依据的分数那时还没有录完，请核对决定日期。",
            round.name
        )
    })
}

/// The day (in Beijing) the unit's sheets in `round` were last changed; `None` when
/// none carries a time (sheets from before times were kept).
fn scores_last_day(round: &Round, unit_id: &str) -> Option<String> {
    round
        .sheets
        .iter()
        .filter(|s| s.unit_id == unit_id)
        .filter_map(|s| dates::beijing_day(&s.meta.updated))
        .max()
}

/// Said before a 摘牌 or 退出 dated `date` when the unit has records after that day
/// ([`records_after_leaving`]): a year typed wrong, likely.
pub fn records_after_leaving_note(
    state: &AppState,
    unit_id: &str,
    to: UnitStatus,
    date: &str,
) -> Option<String> {
    let later = records_after_leaving(state, unit_id, to, date);
    (!later.is_empty()).then(|| {
        format!(
            "请注意：该单位在 {} 之后还有记录：{}；如变更日期有误（例如年份），请点“取消”后改正",
            date.trim(),
            later.join("、")
        )
    })
}

/// What unit `unit_id` holds dated after `date`, said when it is recorded as leaving
/// (`to`: 摘牌, 退出) on that day: its outcomes, the rounds whose scores for it were
/// entered later, 保障投入 of later years and 督导 visits after it. A year typed wrong is
/// the likely cause (a clerk's review: 摘牌 dated 2025-09-15 for a unit with a 2026
/// 成果, 保障投入 and 考评 went through unsaid). Empty for any other change, or when
/// nothing is later.
pub fn records_after_leaving(
    state: &AppState,
    unit_id: &str,
    to: UnitStatus,
    date: &str,
) -> Vec<String> {
    if !matches!(to, UnitStatus::Delisted | UnitStatus::Withdrawn) {
        return Vec::new();
    }
    let date = date.trim();
    let mut out = Vec::new();
    let outcomes: Vec<&str> = state
        .outcomes
        .iter()
        .filter(|o| o.unit_id == unit_id && o.date.as_str() > date)
        .map(|o| o.date.as_str())
        .collect();
    if let Some(last) = outcomes.iter().max() {
        out.push(format!("成果 {} 项（最晚 {last}）", outcomes.len()));
    }
    for r in state.rounds.iter() {
        if let Some(day) = scores_last_day(r, unit_id).filter(|d| d.as_str() > date) {
            out.push(format!("{}的评分（录入于 {day}）", r.name));
        }
    }
    let year: u16 = date
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(u16::MAX);
    let mut years: Vec<u16> = state
        .resources
        .iter()
        .filter(|e| e.unit_id == unit_id && e.year > year)
        .map(|e| e.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    if !years.is_empty() {
        let years: Vec<String> = years.iter().map(u16::to_string).collect();
        out.push(format!("{}年度保障投入", years.join("、")));
    }
    let visits = state
        .guidance_visits
        .iter()
        .filter(|v| v.unit_id == unit_id || v.more_units.iter().any(|u| u == unit_id))
        .filter(|v| v.date.as_str() > date)
        .count();
    if visits > 0 {
        out.push(format!("督导 {visits} 次"));
    }
    out
}

/// The 整改期限 a warning proposal gets when decided on `date` (`None`: not a warning).
/// Counted from the decision's date: the proposal's was counted from the day it was
/// drawn up, and a decision may be dated earlier or later.
pub fn decided_deadline(state: &AppState, proposal: &Proposal, date: &str) -> Option<Date> {
    if proposal.to != UnitStatus::Warned {
        return None;
    }
    warning_deadline(state, date).or_else(|| proposal.rectify_by.clone())
}

/// The 整改期限 of a 警示 decided on `date`: the rules' months after it (`None` for a
/// date that is not one).
pub fn warning_deadline(state: &AppState, date: &str) -> Option<Date> {
    dates::add_months(
        date.trim(),
        state.settings.lifecycle_rules.rectify_months as u32,
    )
}

/// Applies a proposal as decided on `date` under 文号 `doc_no`, with the plaque's number
/// when it names the unit (`plaque_no`, may be empty). Refuses if the unit's status is
/// no longer the proposal's `from`, and what [`change_status`] refuses at `now`. Marks
/// the proposal decided in its round.
pub fn confirm_proposal(
    state: &mut AppState,
    proposal: &Proposal,
    date: &str,
    doc_no: &str,
    plaque_no: &str,
    now: impl Into<Now>,
) -> Result<(), LifecycleError> {
    let now = &now.into();
    let unit = state
        .unit(&proposal.unit_id)
        .ok_or_else(|| LifecycleError::UnitNotFound(proposal.unit_id.clone()))?;
    if unit.status != proposal.from {
        return Err(LifecycleError::Stale {
            unit: unit.name.clone(),
            expected: proposal.from.label(),
            actual: unit.status.label(),
        });
    }
    let req = StatusChangeRequest {
        to: proposal.to,
        date: date.to_string(),
        reason: proposal.reason.clone(),
        doc_no: doc_no.to_string(),
        plaque_no: (proposal.to == UnitStatus::Named && !plaque_no.trim().is_empty())
            .then(|| plaque_no.trim().to_string()),
        rectify_by: decided_deadline(state, proposal, date),
    };
    let mut next = state.clone();
    change_status(&mut next, &proposal.unit_id, &req, now)?;
    if proposal.to == UnitStatus::Warned {
        let year = proposal
            .round_id
            .as_deref()
            .and_then(|id| state.round(id))
            .map(|r| r.year);
        warning_item(&mut next, &proposal.unit_id, &req, year, now)?;
    }
    mark_confirmed(&mut next, proposal);
    *state = next;
    Ok(())
}

/// A warning confirmed from a proposal gives the unit one 整改 item from the decision
/// (to rectify what the round's 考评 of `year` found, by the warning's deadline) unless
/// it has open items already: without one, the rule that de-lists a unit whose items
/// are still open after the deadline would have nothing to look at. The committee can
/// edit or add items on 整改. The item does not repeat the decision's reason: printed
/// in a 整改通知 beside its own deadline, "限期6个月整改" and the score read twice over.
fn warning_item(
    state: &mut AppState,
    unit_id: &str,
    req: &StatusChangeRequest,
    year: Option<u16>,
    now: &str,
) -> Result<(), LifecycleError> {
    use super::between_rounds::rectification::{add, RectificationDraft};
    let open = state
        .rectifications
        .iter()
        .any(|r| r.unit_id == unit_id && r.status != RectificationStatus::Closed);
    if open {
        return Ok(());
    }
    let draft = RectificationDraft {
        unit_id: unit_id.to_string(),
        category: ProblemCategory::Other,
        source: ProblemSource::Warning,
        description: match year {
            Some(y) => format!("按警示决定，对照{y}年度考评反馈的问题逐项整改"),
            None => "按警示决定逐项整改".to_string(),
        },
        owner: String::new(),
        deadline: req.rectify_by.clone().unwrap_or_default(),
        status: RectificationStatus::Open,
    };
    add(state, draft, now)
        .map(|_| ())
        .map_err(|e| LifecycleError::WarningItem(e.to_string()))
}

/// Dismisses a proposal: nothing changes but it is not proposed again for this round
/// while the unit keeps the status it was made from ([`Round::proposal_decided`]).
pub fn dismiss_proposal(state: &mut AppState, proposal: &Proposal) {
    mark_decided(state, proposal);
    if let Some(r) = round_of_mut(state, proposal) {
        let set_aside = DismissedProposal {
            unit_id: proposal.unit_id.clone(),
            from: proposal.from,
        };
        if !r.dismissed_proposals.contains(&set_aside) {
            r.dismissed_proposals.push(set_aside);
        }
    }
}

/// A proposal of round `round_id` set aside (不采纳) that still stands: its unit keeps
/// the status it was made from. With what it proposed, worked out again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub unit_id: Id,
    pub unit_name: String,
    pub from: UnitStatus,
    /// The proposal as it would be made again now (`None`: nothing would be, the
    /// unit's scores or the rules having changed since).
    pub again: Option<Proposal>,
}

/// The proposals of round `round_id` set aside that still stand, in roster order: kept
/// in the round, so listed after a reload (a clerk's review: a proposal set aside by
/// mistake was gone from every page once the page reloaded).
pub fn set_aside_proposals(state: &AppState, round_id: &str, today: &str) -> Vec<SetAside> {
    let Some(round) = state.round(round_id) else {
        return Vec::new();
    };
    let standing: Vec<&Unit> = state
        .units
        .iter()
        .filter(|u| {
            round
                .dismissed_proposals
                .iter()
                .any(|d| d.unit_id == u.id && d.from == u.status)
        })
        .collect();
    if standing.is_empty() {
        return Vec::new();
    }
    // What each would propose again: the round with every one of them reconsidered.
    let mut trial = state.clone();
    for u in &standing {
        reconsider_proposal(&mut trial, round_id, &u.id);
    }
    let again = propose_changes(&trial, round_id, today).unwrap_or_default();
    standing
        .into_iter()
        .map(|u| SetAside {
            unit_id: u.id.clone(),
            unit_name: u.name.clone(),
            from: u.status,
            again: again.iter().find(|p| p.unit_id == u.id).cloned(),
        })
        .collect()
}

/// Takes back a 不采纳 of round `round_id` for unit `unit_id` (the one made from its
/// present status), so the round proposes for the unit again. Says whether anything
/// was set aside.
pub fn reconsider_proposal(state: &mut AppState, round_id: &str, unit_id: &str) -> bool {
    let Some(status) = state.unit(unit_id).map(|u| u.status) else {
        return false;
    };
    let Some(r) = state.rounds.iter_mut().find(|r| r.id == round_id) else {
        return false;
    };
    let before = r.dismissed_proposals.len();
    r.dismissed_proposals
        .retain(|d| !(d.unit_id == unit_id && d.from == status));
    if r.dismissed_proposals.len() == before {
        return false;
    }
    // No other set aside for the unit: its id no longer marks a decision (a confirmed
    // proposal clears the unit's set-aside entries, so none was confirmed).
    if r.dismissed_proposals.iter().all(|d| d.unit_id != unit_id) {
        r.decided_proposals.retain(|u| u != unit_id);
    }
    true
}

fn round_of_mut<'a>(state: &'a mut AppState, proposal: &Proposal) -> Option<&'a mut Shared<Round>> {
    let rid = proposal.round_id.as_ref()?;
    state.rounds.iter_mut().find(|r| &r.id == rid)
}

/// Marks the unit's proposal of its round decided. A confirmed one stands for every
/// proposal of the round (what was set aside before it no longer counts apart).
fn mark_decided(state: &mut AppState, proposal: &Proposal) {
    if let Some(r) = round_of_mut(state, proposal) {
        if !r.decided_proposals.contains(&proposal.unit_id) {
            r.decided_proposals.push(proposal.unit_id.clone());
        }
    }
}

/// Marks a confirmed proposal decided: see [`mark_decided`].
fn mark_confirmed(state: &mut AppState, proposal: &Proposal) {
    mark_decided(state, proposal);
    if let Some(r) = round_of_mut(state, proposal) {
        r.dismissed_proposals
            .retain(|d| d.unit_id != proposal.unit_id);
    }
}

#[cfg(test)]
mod doc_year_tests {
    use super::doc_year_note;

    #[test]
    fn a_doc_no_of_another_year_than_its_date_is_said() {
        assert_eq!(
            doc_year_note("市直机关工委〔2026〕5号", "2025-06-01").as_deref(),
            Some("。请注意：文号中的年份（2026）与日期（2025年）不一致，请核对")
        );
        assert_eq!(doc_year_note("市直机关工委〔2026〕5号", "2026-03-10"), None);
        assert!(doc_year_note("市直工委[2024]3号", "2026-01-02").is_some());
        assert_eq!(doc_year_note("第5号", "2026-01-02"), None, "no year named");
        assert!(doc_year_note("市直工委（扩大）〔2025〕3号", "2026-01-02").is_some());
        assert_eq!(doc_year_note("", "2026-01-02"), None);
        assert_eq!(doc_year_note("市直工委〔2026〕5号", ""), None);
    }
}
