//! 申报遴选 (BRIEF 11): a unit applies to become a candidate (the committee enters
//! the application: basis, plans, contact); the committee rates it on the speech's
//! three selection standards (基础较好, 后劲充足, 创先争优意愿较强: a level each and a
//! note) and decides 入选培育 / 暂缓 / 不予入选 with a note. 入选培育 puts the unit into
//! the roster as 创建中 (培育) with the decision's date and 文号 in its status history:
//! a new unit is added through `roster::add_unit`; a unit already in the roster as
//! 摘牌 or 退出 (a re-application) goes back to 创建中 through
//! `lifecycle::change_status`. 入选培育 and 不予入选 are final; 暂缓 can be decided
//! again. Every refusal changes nothing.

use super::dates::{self, Now};
use super::lifecycle::{self, LifecycleError, StatusChangeRequest};
use super::model::*;
use super::roster::same_name;
use super::roster::{self, RosterError, UnitInput};

/// Why an application change was refused (the data is left as it was).
/// The earliest year an application can be dated: the year 保障投入 records start
/// from too.
pub const EARLIEST_APPLICATION: i32 = 2000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationError {
    #[error("请填写申报单位名称")]
    MissingName,
    #[error("{what}有 {count} 个字，最多 {most} 个字（入选后它会进入单位名册）")]
    TooLong {
        what: &'static str,
        count: usize,
        most: usize,
    },
    #[error("申报日期「{0}」格式不正确，应为“年-月-日”，如 2026-03-15")]
    BadDate(String),
    /// Every problem of a form at once, in the form's order.
    #[error("{}", crate::domain::problems::one_per_line(.0))]
    Several(Vec<ApplicationError>),
    #[error("「{0}」已在名册中（状态为“{1}”），不必再申报")]
    AlreadyInProgramme(String, &'static str),
    #[error("「{0}」在这份申报登记之后已列入名册（状态为“{1}”），不能再入选培育；这份申报已无需决定的，请删除，或决定为“不予入选”并写明说明")]
    JoinedSince(String, &'static str),
    #[error("「{0}」已有一份待决定的申报")]
    DuplicatePending(String),
    #[error("找不到这份申报")]
    NotFound,
    #[error("「{0}」的申报已决定为“{1}”，不能再修改")]
    Final(String, &'static str),
    #[error("请为「{0}」的“{1}”选择评定等级")]
    MissingLevel(String, &'static str),
    #[error("请先按三项标准评定「{0}」的申报，再作决定")]
    NotRated(String),
    #[error("请选择遴选结果（入选培育、暂缓或不予入选）")]
    NoDecision,
    #[error("请填写「{0}」的决定说明")]
    MissingNote(String),
    #[error("「{0}」入选培育须依据工委的决定，请填写决定的文号")]
    MissingDocNo(String),
    #[error("决定文号「{doc_no}」的年份 {doc_year} 与决定日期 {date} 不符：文号按发文的年份编号，请核对决定文号或决定日期")]
    DocNoYear {
        doc_no: String,
        doc_year: i32,
        date: String,
    },
    #[error("决定日期「{0}」格式不正确，应为“年-月-日”，如 2026-03-15")]
    BadDecisionDate(String),
    #[error("{what} {value} 晚于今天，请核对年份和月份")]
    FutureDate { what: &'static str, value: String },
    #[error("{what} {value} 早于 {EARLIEST_APPLICATION} 年，请核对年份")]
    TooEarly { what: &'static str, value: String },
    #[error("请填写{0}")]
    MissingDate(&'static str),
    #[error("决定日期 {decided} 早于此前暂缓的日期 {deferred}")]
    DecidedBeforeDeferral { decided: String, deferred: String },
    #[error("决定日期 {decided} 早于申报日期 {applied}")]
    DecidedBeforeApplied { decided: String, applied: String },
    #[error("「{0}」的申报已入选培育并建立了单位，不能删除；如需撤销，请在单位页面变更其状态")]
    AcceptedCannotDelete(String),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
}

/// The labels of the application forms' fields: also the names a refusal marks them by
/// ([`FieldsAt`](crate::domain::problems::FieldsAt)). The three rating fields are
/// [`STANDARDS`].
pub mod labels {
    pub const NAME: &str = "申报单位名称";
    pub const SECTOR: &str = "系统/行业";
    pub const APPLIED_ON: &str = "申报日期";
    pub const DECISION: &str = "遴选结果";
    pub const DECIDED_ON: &str = "决定日期";
    pub const DOC_NO: &str = "决定文号";
    pub const NOTE: &str = "决定说明";
}

impl crate::domain::problems::FieldsAt for ApplicationError {
    fn fields(&self) -> Vec<String> {
        use ApplicationError as E;
        let one = |l: &str| vec![l.to_string()];
        match self {
            E::Several(all) => crate::domain::problems::fields_of(all),
            E::MissingName | E::AlreadyInProgramme(..) | E::DuplicatePending(_) => {
                one(labels::NAME)
            }
            E::TooLong { what, .. }
            | E::MissingDate(what)
            | E::FutureDate { what, .. }
            | E::TooEarly { what, .. } => one(what),
            E::BadDate(_) => one(labels::APPLIED_ON),
            E::MissingLevel(_, standard) => one(standard),
            E::NoDecision | E::JoinedSince(..) => one(labels::DECISION),
            E::MissingNote(_) => one(labels::NOTE),
            E::MissingDocNo(_) | E::DocNoYear { .. } => one(labels::DOC_NO),
            E::BadDecisionDate(_) | E::DecidedBeforeDeferral { .. } => one(labels::DECIDED_ON),
            // Said by 修改申报 (its 申报日期 is after a decision taken) and by the decision
            // (its date before the application): each form marks the one it has.
            E::DecidedBeforeApplied { .. } => {
                vec![
                    labels::APPLIED_ON.to_string(),
                    labels::DECIDED_ON.to_string(),
                ]
            }
            E::Roster(e) => crate::domain::problems::FieldsAt::fields(e),
            E::Lifecycle(e) => crate::domain::problems::FieldsAt::fields(e),
            E::NotFound | E::Final(..) | E::NotRated(_) | E::AcceptedCannotDelete(_) => Vec::new(),
        }
    }
}

impl ApplicationDecision {
    pub const DECISIONS: [ApplicationDecision; 3] = [
        ApplicationDecision::Accepted,
        ApplicationDecision::Deferred,
        ApplicationDecision::Rejected,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ApplicationDecision::Pending => "待遴选",
            ApplicationDecision::Accepted => "入选培育",
            ApplicationDecision::Deferred => "暂缓",
            ApplicationDecision::Rejected => "不予入选",
        }
    }
    /// A stable code for forms.
    pub fn code(self) -> &'static str {
        match self {
            ApplicationDecision::Pending => "pending",
            ApplicationDecision::Accepted => "accepted",
            ApplicationDecision::Deferred => "deferred",
            ApplicationDecision::Rejected => "rejected",
        }
    }
    /// Whether the application can still be rated and decided.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ApplicationDecision::Pending | ApplicationDecision::Deferred
        )
    }
}

/// The three selection standards of the speech, in order.
pub const STANDARDS: [&str; 3] = ["基础较好", "后劲充足", "创先争优意愿较强"];

/// The levels a standard is rated at: 5 好, 4 较好, 3 一般, 2 较弱, 1 弱 (0: not rated).
pub const LEVELS: [(u8, &str); 5] = [(5, "好"), (4, "较好"), (3, "一般"), (2, "较弱"), (1, "弱")];

/// The name of a level (`—` when not rated).
pub fn level_label(level: u8) -> &'static str {
    LEVELS
        .iter()
        .find(|(l, _)| *l == level)
        .map(|(_, t)| *t)
        .unwrap_or("—")
}

/// What the committee enters for an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationDraft {
    pub org_name: String,
    pub sector: String,
    pub org_type: OrgType,
    pub applied_on: String,
    /// 创建基础.
    pub basis: String,
    /// 创建计划.
    pub plans: String,
    pub leader: String,
    pub contact: String,
}

/// The three levels (1–5) and the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub foundation: u8,
    pub potential: u8,
    pub willingness: u8,
    pub note: String,
}

/// The committee's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub decision: ApplicationDecision,
    pub date: String,
    pub doc_no: String,
    pub note: String,
}

/// What a draft is checked for, as [`add`] and [`edit`] say; `except` is the application
/// being edited. Returns the trimmed name and the 摘牌 or 退出 unit of that name, if any.
fn checked_draft(
    state: &AppState,
    d: &ApplicationDraft,
    except: Option<&str>,
    now: &Now,
) -> Result<(String, Option<Id>), ApplicationError> {
    let name = crate::domain::roster::clean_name(&d.org_name);
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(ApplicationError::MissingName);
    }
    // What goes onto the roster on 入选培育 must fit there (a longer name was taken
    // here and then refused at the decision, with no way to correct it but deleting).
    let most = crate::domain::validation::limits::NAME_CHARS;
    for (what, text) in [
        (labels::NAME, name.as_str()),
        (labels::SECTOR, d.sector.trim()),
    ] {
        let count = text.chars().count();
        if count > most {
            errors.push(ApplicationError::TooLong { what, count, most });
        }
    }
    if d.applied_on.trim().is_empty() {
        errors.push(ApplicationError::MissingDate(labels::APPLIED_ON));
    } else if dates::parse_date(d.applied_on.trim()).is_none() {
        errors.push(ApplicationError::BadDate(d.applied_on.trim().to_string()));
    } else if now.has_not_come(d.applied_on.trim()) {
        errors.push(ApplicationError::FutureDate {
            what: labels::APPLIED_ON,
            value: d.applied_on.trim().to_string(),
        });
    } else if dates::year_of(d.applied_on.trim()) < Some(EARLIEST_APPLICATION) {
        // A slip of the year (1990 for 2026): it would start a year of its own in the
        // 申报年度 filter and on the printed list.
        errors.push(ApplicationError::TooEarly {
            what: labels::APPLIED_ON,
            value: d.applied_on.trim().to_string(),
        });
    }
    crate::domain::problems::gather(errors, ApplicationError::Several)?;
    let existing = state.units.iter().find(|u| same_name(&u.name, &name));
    if let Some(u) = existing {
        if !matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn) {
            return Err(ApplicationError::AlreadyInProgramme(name, u.status.label()));
        }
    }
    let unit_id = existing.map(|u| u.id.clone());
    if state.applications.iter().any(|a| {
        Some(a.id.as_str()) != except && same_name(&a.org_name, &name) && a.decision.is_open()
    }) {
        return Err(ApplicationError::DuplicatePending(name));
    }
    Ok((name, unit_id))
}

/// Adds an application and returns its id. Refuses an empty name, a bad date, a name
/// already in the programme (创建中, 已授牌, 警示) and a second undecided application of
/// the same name. A 摘牌 or 退出 unit of that name is linked, so 入选 brings it back.
pub fn add(
    state: &mut AppState,
    d: ApplicationDraft,
    now: impl Into<Now>,
) -> Result<Id, ApplicationError> {
    let now = &now.into();
    let (name, unit_id) = checked_draft(state, &d, None, now)?;
    let id = state.new_id("q");
    let mut meta = RecordMeta::default();
    meta.touch(now, &state.settings.origin.clone());
    state.applications.push(Application {
        id: id.clone(),
        org_name: name,
        sector: d.sector.trim().to_string(),
        org_type: d.org_type,
        applied_on: d.applied_on.trim().to_string(),
        statement: d.basis.trim().to_string(),
        foundation: 0,
        potential: 0,
        willingness: 0,
        decision: ApplicationDecision::Pending,
        note: String::new(),
        plans: d.plans.trim().to_string(),
        leader: d.leader.trim().to_string(),
        contact: d.contact.trim().to_string(),
        rating_note: String::new(),
        decided_on: None,
        doc_no: String::new(),
        unit_id,
        deferrals: Vec::new(),
        meta,
    });
    Ok(id)
}

/// Corrects what an application says (a name or date typed wrong) while it waits for a
/// decision (待遴选 or 暂缓), with the checks of [`add`]; the rating and any 暂缓 stay.
/// A date after a 暂缓 already decided on it is refused. Returns whether anything changed.
pub fn edit(
    state: &mut AppState,
    id: &str,
    d: ApplicationDraft,
    now: impl Into<Now>,
) -> Result<bool, ApplicationError> {
    let now = &now.into();
    open_mut(state, id)?;
    let (name, unit_id) = checked_draft(state, &d, Some(id), now)?;
    let origin = state.settings.origin.clone();
    let a = open_mut(state, id)?;
    let applied_on = d.applied_on.trim().to_string();
    if let Some(deferred) = a
        .deferrals
        .iter()
        .map(|x| x.date.as_str())
        .chain(a.decided_on.as_deref())
        .min()
        .filter(|first| applied_on.as_str() > *first)
    {
        return Err(ApplicationError::DecidedBeforeApplied {
            decided: deferred.to_string(),
            applied: applied_on,
        });
    }
    let before = a.clone();
    a.org_name = name;
    a.sector = d.sector.trim().to_string();
    a.org_type = d.org_type;
    a.applied_on = applied_on;
    a.statement = d.basis.trim().to_string();
    a.plans = d.plans.trim().to_string();
    a.leader = d.leader.trim().to_string();
    a.contact = d.contact.trim().to_string();
    a.unit_id = unit_id;
    if *a == before {
        return Ok(false);
    }
    a.meta.touch(now, &origin);
    Ok(true)
}

fn open_mut<'a>(
    state: &'a mut AppState,
    id: &str,
) -> Result<&'a mut Application, ApplicationError> {
    let a = state
        .applications
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or(ApplicationError::NotFound)?;
    if !a.decision.is_open() {
        return Err(ApplicationError::Final(
            a.org_name.clone(),
            a.decision.label(),
        ));
    }
    Ok(a)
}

/// Rates an undecided (or deferred) application: each level 1–5, with a note.
pub fn rate(state: &mut AppState, id: &str, r: &Rating, now: &str) -> Result<(), ApplicationError> {
    let origin = state.settings.origin.clone();
    let a = open_mut(state, id)?;
    // Every standard left unrated is said at once, each marked.
    let missing: Vec<ApplicationError> = [r.foundation, r.potential, r.willingness]
        .into_iter()
        .zip(STANDARDS)
        .filter(|(level, _)| !(1..=5).contains(level))
        .map(|(_, name)| ApplicationError::MissingLevel(a.org_name.clone(), name))
        .collect();
    crate::domain::problems::gather(missing, ApplicationError::Several)?;
    a.foundation = r.foundation;
    a.potential = r.potential;
    a.willingness = r.willingness;
    a.rating_note = r.note.trim().to_string();
    a.meta.touch(now, &origin);
    Ok(())
}

/// Whether all three standards are rated.
pub fn is_rated(a: &Application) -> bool {
    [a.foundation, a.potential, a.willingness]
        .iter()
        .all(|l| (1..=5).contains(l))
}

/// Decides an application. Refuses a decided one, one not rated, a missing note, a bad
/// date or one before the application, and 入选培育 without a 文号. 入选培育 puts the
/// unit into the roster as 创建中 with the decision in its history (all or nothing).
pub fn decide(
    state: &mut AppState,
    id: &str,
    d: &Decision,
    now: impl Into<Now>,
) -> Result<(), ApplicationError> {
    let now = &now.into();
    let mut copy = state.clone();
    decide_in(&mut copy, id, d, now)?;
    *state = copy;
    Ok(())
}

fn decide_in(
    state: &mut AppState,
    id: &str,
    d: &Decision,
    now: &Now,
) -> Result<(), ApplicationError> {
    let a = open_mut(state, id)?.clone();
    let mut errors = Vec::new();
    if d.decision == ApplicationDecision::Pending {
        errors.push(ApplicationError::NoDecision);
    }
    if !is_rated(&a) {
        errors.push(ApplicationError::NotRated(a.org_name.clone()));
    }
    let date = d.date.trim();
    let before_date = errors.len();
    if date.is_empty() {
        errors.push(ApplicationError::MissingDate(labels::DECIDED_ON));
    } else if dates::parse_date(date).is_none() {
        errors.push(ApplicationError::BadDecisionDate(date.to_string()));
    } else if now.has_not_come(date) {
        errors.push(ApplicationError::FutureDate {
            what: labels::DECIDED_ON,
            value: date.to_string(),
        });
    } else if a.decision == ApplicationDecision::Deferred
        && a.decided_on.as_deref().is_some_and(|d| date < d)
    {
        errors.push(ApplicationError::DecidedBeforeDeferral {
            decided: date.to_string(),
            deferred: a.decided_on.clone().unwrap_or_default(),
        });
    } else if date < a.applied_on.as_str() {
        errors.push(ApplicationError::DecidedBeforeApplied {
            decided: date.to_string(),
            applied: a.applied_on.clone(),
        });
    }
    let date_ok = errors.len() == before_date;
    // In the form's order: 遴选结果, 决定日期, 决定文号, 决定说明.
    let doc_no = d.doc_no.trim();
    if d.decision == ApplicationDecision::Accepted && doc_no.is_empty() {
        errors.push(ApplicationError::MissingDocNo(a.org_name.clone()));
    }
    // The 通报 prints the 文号 beside the unit: one of another year than the decision's
    // is a slip (a clerk's review: 〔2025〕 on a 2026 decision went unremarked, though
    // the 通报's own form refuses the same).
    if let (Some(doc_year), Some(day)) = (
        crate::domain::typed::doc_no_year(doc_no),
        dates::parse_date(date).filter(|_| date_ok),
    ) {
        if day.year != doc_year {
            errors.push(ApplicationError::DocNoYear {
                doc_no: doc_no.to_string(),
                doc_year,
                date: date.to_string(),
            });
        }
    }
    // 入选培育 rests on its 文号; 暂缓 and 不予入选 say why.
    if d.note.trim().is_empty() && d.decision != ApplicationDecision::Accepted {
        errors.push(ApplicationError::MissingNote(a.org_name.clone()));
    }
    crate::domain::problems::gather(errors, ApplicationError::Several)?;
    let mut unit_id = a.unit_id.clone();
    if d.decision == ApplicationDecision::Accepted {
        let reason = match d.note.trim() {
            "" => "申报遴选入选培育".to_string(),
            note => format!("申报遴选入选培育：{note}"),
        };
        unit_id = Some(enter_candidate(state, &a, date, &reason, doc_no, now)?);
    }
    let origin = state.settings.origin.clone();
    let x = open_mut(state, id)?;
    // A 暂缓 decided again is kept, not overwritten.
    if x.decision == ApplicationDecision::Deferred {
        if let Some(date) = x.decided_on.clone() {
            x.deferrals.push(Deferral {
                date,
                doc_no: std::mem::take(&mut x.doc_no),
                note: std::mem::take(&mut x.note),
            });
        }
    }
    x.decision = d.decision;
    x.decided_on = Some(date.to_string());
    x.doc_no = doc_no.to_string();
    x.note = d.note.trim().to_string();
    x.unit_id = unit_id;
    x.meta.touch(now, &origin);
    Ok(())
}

/// A roster field an application for a unit already on the roster brings up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterField {
    Sector,
    Leader,
    Contact,
}

impl RosterField {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            RosterField::Sector => "系统/行业",
            RosterField::Leader => "责任人",
            RosterField::Contact => "联系方式",
        }
    }

    fn of(self, u: &mut Unit) -> &mut String {
        match self {
            RosterField::Sector => &mut u.sector,
            RosterField::Leader => &mut u.leader,
            RosterField::Contact => &mut u.contact,
        }
    }
}

/// One roster field that 入选培育 changes to what the application says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterUpdate {
    pub field: RosterField,
    pub from: String,
    pub to: String,
}

/// What 入选培育 of application `a`, by a unit already on the roster (摘牌 or 退出
/// applying again), changes in its roster entry besides its status: the 系统/行业,
/// 责任人 and 联系方式 the application gives where they differ (one left blank in the
/// application keeps the roster's). Empty for a new unit.
pub fn roster_updates(state: &AppState, a: &Application) -> Vec<RosterUpdate> {
    let Some(u) = a.unit_id.as_deref().and_then(|id| state.unit(id)) else {
        return Vec::new();
    };
    [
        (RosterField::Sector, &u.sector, &a.sector),
        (RosterField::Leader, &u.leader, &a.leader),
        (RosterField::Contact, &u.contact, &a.contact),
    ]
    .into_iter()
    .filter(|(_, held, given)| !given.trim().is_empty() && held.trim() != given.trim())
    .map(|(field, held, given)| RosterUpdate {
        field,
        from: held.clone(),
        to: given.trim().to_string(),
    })
    .collect()
}

/// The 组织类型 an application gives, and the roster's, where they differ for a unit
/// already on the roster: 入选培育 keeps the roster's (a form's default 党支部 must not
/// turn a 党委 into a branch), and says so (a clerk's review: the difference went
/// unsaid). `None` for a new unit or the same type.
pub fn org_type_kept(state: &AppState, a: &Application) -> Option<(OrgType, OrgType)> {
    let u = a.unit_id.as_deref().and_then(|id| state.unit(id))?;
    (u.org_type != a.org_type).then_some((u.org_type, a.org_type))
}

/// Puts the applicant into the roster as 创建中 and records the decision in its
/// history; returns the unit's id.
fn enter_candidate(
    state: &mut AppState,
    a: &Application,
    date: &str,
    reason: &str,
    doc_no: &str,
    now: &Now,
) -> Result<Id, ApplicationError> {
    // Linked when registered, or a unit of its name put on the roster since (a clerk's
    // review: added by hand meanwhile, the decision was refused as 单位名称不能重复).
    let linked = match a.unit_id.as_deref().and_then(|id| state.unit(id)) {
        Some(u) => Some(u.id.clone()),
        None => match state.units.iter().find(|u| same_name(&u.name, &a.org_name)) {
            Some(u) if !matches!(u.status, UnitStatus::Delisted | UnitStatus::Withdrawn) => {
                return Err(ApplicationError::JoinedSince(
                    u.name.clone(),
                    u.status.label(),
                ))
            }
            Some(u) => Some(u.id.clone()),
            None => None,
        },
    };
    if let Some(uid) = linked {
        let req = StatusChangeRequest {
            to: UnitStatus::Candidate,
            date: date.to_string(),
            reason: reason.to_string(),
            doc_no: doc_no.to_string(),
            plaque_no: None,
            rectify_by: None,
        };
        lifecycle::change_status(state, &uid, &req, now)?;
        // The application is the unit's latest word on who answers for it.
        let updates = roster_updates(state, a);
        let origin = state.settings.origin.clone();
        if let Some(u) = state.units.iter_mut().find(|u| u.id == uid) {
            for x in &updates {
                *x.field.of(u) = x.to.clone();
            }
            if !updates.is_empty() {
                u.meta.touch(now, &origin);
            }
        }
        return Ok(uid);
    }
    let input = UnitInput {
        name: a.org_name.clone(),
        sector: a.sector.clone(),
        org_type: a.org_type,
        leader: a.leader.clone(),
        contact: a.contact.clone(),
        entered_year: date.get(..4).unwrap_or_default().to_string(),
        status: UnitStatus::Candidate,
    };
    let uid = roster::add_unit(state, &input, now)?;
    if let Some(u) = state.units.iter_mut().find(|u| u.id == uid) {
        // A new unit has no earlier status: its first entry goes from 创建中 to 创建中,
        // shown on its page as the entry into the programme.
        u.history.push(StatusChange {
            date: date.to_string(),
            from: UnitStatus::Candidate,
            to: UnitStatus::Candidate,
            reason: reason.to_string(),
            doc_no: doc_no.to_string(),
        });
    }
    Ok(uid)
}

/// Deletes an application that did not put a unit into the roster.
pub fn delete(state: &mut AppState, id: &str) -> Result<Application, ApplicationError> {
    let pos = state
        .applications
        .iter()
        .position(|a| a.id == id)
        .ok_or(ApplicationError::NotFound)?;
    let a = &state.applications[pos];
    if a.decision == ApplicationDecision::Accepted {
        return Err(ApplicationError::AcceptedCannotDelete(a.org_name.clone()));
    }
    Ok(state.applications.remove(pos))
}

/// When application `id`'s organisation was refused (不予入选) on an earlier
/// application of the same year, the date of that decision: the clerk registering it
/// again is told, since it is often the same papers sent twice.
pub fn refused_this_year(state: &AppState, id: &str) -> Option<String> {
    let a = state.applications.iter().find(|a| a.id == id)?;
    let year = dates::year_of(&a.applied_on)?;
    state
        .applications
        .iter()
        .filter(|b| {
            b.id != a.id
                && b.decision == ApplicationDecision::Rejected
                && same_name(&b.org_name, &a.org_name)
                && dates::year_of(&b.applied_on) == Some(year)
        })
        .filter_map(|b| b.decided_on.clone())
        .max()
}

/// The organisation's other applications of the same year as `a`, one line each
/// (`同年另有一份申报（2026-03-02 申报）：2026-07-01 决定为“不予入选”`), oldest first: on
/// the printed 遴选名单 a 不予入选 and a later 入选培育 of one unit read as a contradiction
/// with nothing linking them (a review).
pub fn others_this_year(state: &AppState, a: &Application) -> Vec<String> {
    let Some(year) = dates::year_of(&a.applied_on) else {
        return Vec::new();
    };
    let mut others: Vec<&Application> = state
        .applications
        .iter()
        .filter(|b| {
            b.id != a.id
                && same_name(&b.org_name, &a.org_name)
                && dates::year_of(&b.applied_on) == Some(year)
        })
        .collect();
    others.sort_by(|x, y| x.applied_on.cmp(&y.applied_on).then(x.id.cmp(&y.id)));
    others
        .into_iter()
        .map(|b| {
            let said = match (&b.decision, &b.decided_on) {
                (ApplicationDecision::Pending, _) | (_, None) => b.decision.label().to_string(),
                (d, Some(on)) => format!("{on} 决定为“{}”", d.label()),
            };
            format!("同年另有一份申报（{} 申报）：{said}", b.applied_on)
        })
        .collect()
}

/// The applications as listed: undecided first (oldest first), then decided (newest
/// decision first), ties by id.
pub fn listed(state: &AppState, year: Option<u16>) -> Vec<Application> {
    let mut v: Vec<Application> = state
        .applications
        .iter()
        .filter(|a| in_year(a, year))
        .cloned()
        .collect();
    v.sort_by(|a, b| {
        let open = |x: &Application| !x.decision.is_open();
        open(a).cmp(&open(b)).then_with(|| {
            if a.decision.is_open() {
                a.applied_on.cmp(&b.applied_on)
            } else {
                b.decided_on.cmp(&a.decided_on)
            }
            .then_with(|| a.id.cmp(&b.id))
        })
    });
    v
}

/// How many applications have each decision: 待遴选, 入选培育, 暂缓, 不予入选.
pub fn counts(state: &AppState, year: Option<u16>) -> [usize; 4] {
    let mut c = [0; 4];
    for a in state.applications.iter().filter(|a| in_year(a, year)) {
        let i = match a.decision {
            ApplicationDecision::Pending => 0,
            ApplicationDecision::Accepted => 1,
            ApplicationDecision::Deferred => 2,
            ApplicationDecision::Rejected => 3,
        };
        c[i] += 1;
    }
    c
}

/// Whether application `a` was made in `year` (any year for `None`).
fn in_year(a: &Application, year: Option<u16>) -> bool {
    year.is_none_or(|y| dates::year_of(&a.applied_on) == Some(i32::from(y)))
}

/// The years applications were made in, newest first (for the page's year choice).
pub fn years(state: &AppState) -> Vec<u16> {
    let mut v: Vec<u16> = state
        .applications
        .iter()
        .filter_map(|a| dates::year_of(&a.applied_on))
        .filter_map(|y| u16::try_from(y).ok())
        .collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

#[cfg(test)]
#[path = "applications_tests.rs"]
mod tests;
