//! 成果库: an outcome's path and the outcome library's views.
//!
//! The path, each step dated and recorded with who took it:
//! 登记 (the unit or the committee) → 备案 (date, filing number) → 反馈 (feedback text,
//! date) → 认定 (recognised as an innovation outcome, with 文号) and, after 反馈,
//! promotion 本单位 → 本系统推广 → 市直机关推介 (each dated); 表彰/奖励 once it is filed.
//! A step can be undone with a reason; the undoing is a line of the history, which is
//! never rewritten. `Outcome::recognised` stays the flag scoring reads.
//!
//! Also here: search, filters and sorting of the library, the days from 反馈 to 推介,
//! the CSV export, a unit's outcomes of a year and the counts by kind and stage.

//! The rules of the path are in `path.rs` (and undoing a step in `undo.rs`); reading outcomes (stage, history, the
//! library's search, filters, sorting and export, the views of a year) in `library.rs`.

/// The outcome form's field labels, as its messages and the import preview name them.
pub mod labels {
    pub const UNIT: &str = "所属单位";
    pub const TITLE: &str = "成果名称";
    pub const DATE: &str = "成果日期";
    pub const KIND: &str = "成果类别";
    pub const INNOVATIONS: &str = "创新类型";
    pub const DESCRIPTION: &str = "成果简介";
    pub const EVIDENCE: &str = "佐证材料";
    /// The fields of the steps' forms (备案, 反馈, 认定, 表彰/奖励).
    pub const FILING_NO: &str = "备案编号";
    pub const FEEDBACK: &str = "反馈意见";
    pub const DOC_NO: &str = "认定文号";
    pub const INCENTIVE_WHAT: &str = "表彰/奖励内容";
    pub const INCENTIVE_DOC_NO: &str = "表彰/奖励文号";

    use crate::domain::model::OutcomeStep;

    /// The date field of a step's form (备案 → 备案日期).
    pub fn step_date(step: OutcomeStep) -> &'static str {
        match step {
            OutcomeStep::Register => "登记日期",
            OutcomeStep::File => "备案日期",
            OutcomeStep::Feedback => "反馈日期",
            OutcomeStep::Recognise => "认定日期",
            OutcomeStep::PromoteSystem => "推广日期",
            OutcomeStep::PromoteMunicipal => "推介日期",
            OutcomeStep::Incentive => "表彰/奖励日期",
        }
    }

    /// [`step_date`] of the step labelled `label` (`备案`), if it is one.
    pub fn step_date_of(label: &str) -> Option<&'static str> {
        OutcomeStep::ALL
            .into_iter()
            .find(|s| s.label() == label)
            .map(step_date)
    }
}

impl crate::domain::problems::FieldsAt for OutcomeError {
    fn fields(&self) -> Vec<String> {
        // A date's problem names the date by its label (成果日期, or a step's 备案日期).
        let date = |what: &str| vec![what.to_string()];
        match self {
            OutcomeError::Several(all) => crate::domain::problems::fields_of(all),
            OutcomeError::NoUnitChosen | OutcomeError::NoUnit(_) | OutcomeError::UnitFixed(_) => {
                vec![labels::UNIT.to_string()]
            }
            OutcomeError::NoTitle
            | OutcomeError::TitleTooLong(_)
            | OutcomeError::AlreadyRegistered { .. } => vec![labels::TITLE.to_string()],
            OutcomeError::BadDate { what, .. }
            | OutcomeError::FutureDate { what, .. }
            | OutcomeError::TooEarly { what, .. } => date(what),
            OutcomeError::MissingDate(what) => date(what),
            OutcomeError::RecognisedYearFixed { .. }
            | OutcomeError::BeforeEntry { .. }
            | OutcomeError::AfterLeaving { .. }
            | OutcomeError::RegistrationAfterStep { .. } => vec![labels::DATE.to_string()],
            // A step's own fields, in its form.
            OutcomeError::BeforeRegistration { step, .. }
            | OutcomeError::BeforePrevious { step, .. } => labels::step_date_of(step)
                .map(|d| vec![d.to_string()])
                .unwrap_or_default(),
            OutcomeError::RecogniseAfterLeaving { .. } => date(labels::step_date(
                crate::domain::model::OutcomeStep::Recognise,
            )),
            OutcomeError::NoFilingNo | OutcomeError::FilingNoTaken { .. } => {
                vec![labels::FILING_NO.to_string()]
            }
            OutcomeError::NoFeedback => vec![labels::FEEDBACK.to_string()],
            OutcomeError::NoDocNo => vec![labels::DOC_NO.to_string()],
            OutcomeError::NoIncentiveWhat => vec![labels::INCENTIVE_WHAT.to_string()],
            OutcomeError::NoIncentiveDocNo => vec![labels::INCENTIVE_DOC_NO.to_string()],
            OutcomeError::NoInnovation(_) => vec![labels::INNOVATIONS.to_string()],
            _ => Vec::new(),
        }
    }
}

mod grade_effect;
mod library;
mod path;
mod steps;
mod undo;
mod year;

pub use grade_effect::*;
pub use library::*;
pub use path::*;
pub use steps::*;
pub use undo::*;
pub use year::*;

use super::model::Date;
use super::model::Id;

/// Why a change to the outcome library was refused (the data is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    /// Every problem of a form at once, in the form's order, so that one submit
    /// names them all.
    #[error("{}", crate::domain::problems::one_per_line(.0))]
    Several(Vec<OutcomeError>),
    #[error("成果{q}工委已办理备案或认定，其{fields}只能由工委修改；本单位可修改简介和佐证材料", fields = SETTLED_FIELDS, q = corner_quoted(.0))]
    SettledForUnit(String),
    #[error("成果{q}工委已办理，所属单位不能再改；如确是登记错了单位，请撤销办理到“登记”后再改，或撤销后删除，为正确的单位重新登记", q = corner_quoted(.0))]
    UnitFixed(String),
    #[error("成果{q}已认定为创新成果，计入 {from} 年度的“优秀”条件；改为 {to} 年的日期可能影响该单位 {from} 年度的等次。如确是日期登记错了，请先撤销认定，改正日期后再认定", q = corner_quoted(.title))]
    RecognisedYearFixed { title: String, from: i32, to: i32 },
    #[error("成果{q}工委已办理备案或认定，办理记录不能随删除丢失；如确是登记错了，请先撤销办理到“登记”，再删除", q = corner_quoted(.0))]
    HandledCannotDelete(String),
    #[error("该单位已登记过成果{q}（成果日期 {date}），不必重复登记；如是另一项成果，请在名称上加以区别", q = corner_quoted(.title))]
    AlreadyRegistered { title: String, date: String },
    #[error("找不到这项成果（可能已被删除），请刷新页面")]
    NotFound(Id),
    #[error("请选择成果所属的单位（名册中还没有单位的，请先在“单位”中添加）")]
    NoUnitChosen,
    #[error("找不到单位「{0}」")]
    NoUnit(Id),
    #[error("请填写成果名称")]
    NoTitle,
    #[error("成果名称不能超过 100 个字（现在 {0} 个字）")]
    TitleTooLong(usize),
    #[error("{what}“{value}”不对，应为 年-月-日，例如 2026-05-01")]
    BadDate { what: String, value: String },
    #[error("请填写{0}")]
    MissingDate(String),
    #[error("{what} {value} 晚于今天，请核对年份和月份")]
    FutureDate { what: String, value: String },
    #[error("{what} {value} 早于 1990 年，请核对年份")]
    TooEarly { what: String, value: String },
    #[error("{step}的日期 {date} 早于成果日期 {registered}")]
    BeforeRegistration {
        step: &'static str,
        date: Date,
        registered: Date,
    },
    #[error("{step}的日期 {date} 早于{previous}的日期 {previous_date}")]
    BeforePrevious {
        step: &'static str,
        date: Date,
        previous: &'static str,
        previous_date: Date,
    },
    #[error("成果{q}尚未{needs}，不能{step}（顺序为 登记→备案→反馈→认定、推广）", q = corner_quoted(.title))]
    OutOfOrder {
        title: String,
        step: &'static str,
        needs: &'static str,
    },
    #[error("成果{q}已经{step}，不能重复办理", q = corner_quoted(.title))]
    AlreadyDone { title: String, step: &'static str },
    #[error("备案须填写备案编号")]
    NoFilingNo,
    #[error("备案编号「{no}」已用于单位「{unit}」的成果{q}，一个编号只备案一项成果，请核对编号", q = corner_quoted(.title))]
    FilingNoTaken {
        no: String,
        unit: String,
        title: String,
    },
    #[error("反馈须填写反馈意见")]
    NoFeedback,
    #[error("认定须填写认定文件的文号")]
    NoDocNo,
    #[error("成果{q}未注明创新类型（方法创新、载体创新或制度创新），不能认定为创新成果", q = corner_quoted(.0))]
    NoInnovation(String),
    #[error("成果{q}已在市直机关推介，没有更高的推广阶段", q = corner_quoted(.0))]
    TopStage(String),
    #[error("请填写表彰或奖励的内容")]
    NoIncentiveWhat,
    #[error("表彰或奖励须填写决定的文号")]
    NoIncentiveDocNo,
    #[error("成果{q}尚未{step}，没有可撤销的", q = corner_quoted(.title))]
    NotDone { title: String, step: &'static str },
    #[error("请先撤销「{later}」，再撤销「{step}」")]
    UndoBlocked {
        step: &'static str,
        later: &'static str,
    },
    #[error("撤销须填写理由，理由会记入成果履历")]
    NoReason,
    #[error("找不到要撤销的表彰或奖励（可能已被撤销）")]
    NoSuchIncentive,
    #[error("单位「{unit}」是{entered}年入选的，{date} 的成果在入选之前，不在示范点建设之列，不能登记；如日期有误，请更正")]
    BeforeEntry {
        unit: String,
        entered: u16,
        date: Date,
    },
    #[error("单位「{unit}」已于 {left} {how}，{date} 的成果不在示范点建设之列，不能登记；如日期有误，请更正")]
    AfterLeaving {
        unit: String,
        left: Date,
        how: &'static str,
        date: Date,
    },
    #[error("单位「{unit}」已于 {left} {how}，{date} 不能再认定其成果为创新成果（认定会计入该单位当年度的“优秀”条件）；如认定日期填错了，请改正")]
    RecogniseAfterLeaving {
        unit: String,
        left: Date,
        how: &'static str,
        date: Date,
    },
    #[error("成果日期 {date} 晚于已办理的{step}（{step_date}），请先核对日期")]
    RegistrationAfterStep {
        date: Date,
        step: &'static str,
        step_date: Date,
    },
}
