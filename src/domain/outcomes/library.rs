//! Reading outcomes: the stage reached, the history, the library's search, filters,
//! sorting and CSV export (the views of a year are in `year.rs`).

use std::cmp::Ordering;

use crate::domain::dates::{days_between, year_of};
use crate::domain::model::*;
use crate::domain::sorting::TableSort;

// ---------------------------------------------------------------------------
// Reading an outcome
// ---------------------------------------------------------------------------

/// How far an outcome has come along its path (recognition is shown apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeStage {
    Registered,
    Filed,
    FeedbackGiven,
    System,
    Municipal,
}

impl OutcomeStage {
    pub const ALL: [OutcomeStage; 5] = [
        OutcomeStage::Registered,
        OutcomeStage::Filed,
        OutcomeStage::FeedbackGiven,
        OutcomeStage::System,
        OutcomeStage::Municipal,
    ];
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeStage::Registered => "已登记",
            OutcomeStage::Filed => "已备案",
            OutcomeStage::FeedbackGiven => "已反馈",
            OutcomeStage::System => "本系统推广",
            OutcomeStage::Municipal => "市直机关推介",
        }
    }
    /// A stable code for a form's option value.
    pub fn code(self) -> &'static str {
        match self {
            OutcomeStage::Registered => "registered",
            OutcomeStage::Filed => "filed",
            OutcomeStage::FeedbackGiven => "feedback",
            OutcomeStage::System => "system",
            OutcomeStage::Municipal => "municipal",
        }
    }
}

/// The stage an outcome has reached.
pub fn stage(o: &Outcome) -> OutcomeStage {
    match o.promotion {
        PromotionStage::Municipal => OutcomeStage::Municipal,
        PromotionStage::System => OutcomeStage::System,
        PromotionStage::OwnUnit if o.feedback_on.is_some() => OutcomeStage::FeedbackGiven,
        PromotionStage::OwnUnit if o.filed_on.is_some() => OutcomeStage::Filed,
        PromotionStage::OwnUnit => OutcomeStage::Registered,
    }
}

/// The stage an outcome had reached on `day` (`YYYY-MM-DD`): a finished year's table
/// counts outcomes as they stood at its end, not as they stand now. A step taken later
/// is not counted; the current stage without a date (data from before dates were kept)
/// is taken as reached.
pub fn stage_on(o: &Outcome, day: &str) -> OutcomeStage {
    let by = |d: &Option<Date>| d.as_deref().is_some_and(|d| d <= day);
    let current_by = || o.promoted_on.as_deref().is_none_or(|d| d <= day);
    match o.promotion {
        PromotionStage::Municipal if current_by() => return OutcomeStage::Municipal,
        PromotionStage::System if current_by() => return OutcomeStage::System,
        _ => {}
    }
    if o.promotion == PromotionStage::Municipal && by(&o.path.system_on) {
        OutcomeStage::System
    } else if by(&o.feedback_on) {
        OutcomeStage::FeedbackGiven
    } else if by(&o.filed_on) {
        OutcomeStage::Filed
    } else {
        OutcomeStage::Registered
    }
}

/// Whether an outcome had been recognised (认定) by `day`: a recognition without a date
/// (data from before dates were kept) counts as made.
pub fn recognised_by(o: &Outcome, day: &str) -> bool {
    recognition_by(o, day).is_some()
}

/// The recognition (认定) standing on `day`, with its date when known: replayed from the
/// outcome's history when that holds its 认定 steps, so one undone after `day` still
/// stands on `day` (a clerk's review: undoing a 2025 认定 today rewrote 2025's year-end
/// count and list). An outcome whose history has no 认定 step (data from before the
/// history was kept) stands as its fields say, a recognition without a date counting
/// as made.
pub fn recognition_by(o: &Outcome, day: &str) -> Option<Option<Date>> {
    let steps: Vec<&OutcomeEvent> = o
        .path
        .history
        .iter()
        .filter(|e| e.step == OutcomeStep::Recognise)
        .collect();
    if steps.is_empty() {
        return (o.recognised && o.path.recognised_on.as_deref().is_none_or(|d| d <= day))
            .then(|| o.path.recognised_on.clone());
    }
    let last = steps.into_iter().rev().find(|e| e.date.as_str() <= day)?;
    (!last.undo).then(|| Some(last.date.clone()))
}

/// Whether the committee has acted on an outcome (备案 or beyond, or 认定): its name,
/// category, date and innovation types are then the committee's to change. A unit's
/// copy refuses such an edit, and an import keeps the committee's values.
pub fn settled(o: &Outcome) -> bool {
    o.recognised || stage(o) != OutcomeStage::Registered
}

/// The fields of an outcome that [`settled`] fixes, as a unit's form would change them.
pub const SETTLED_FIELDS: &str = "名称、类别、日期和创新类型";

/// The fields [`settled`] fixes on which `theirs` differs from `held`, each as `theirs`
/// has it (e.g. "名称「……」", "日期 2026-05-01"): what a file tried to change.
pub fn settled_differences(theirs: &Outcome, held: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    if theirs.title.trim() != held.title.trim() {
        out.push(format!("名称{}", super::corner_quoted(&theirs.title)));
    }
    if theirs.kind != held.kind {
        out.push(format!("类别“{}”", theirs.kind.label()));
    }
    if theirs.date.trim() != held.date.trim() {
        out.push(format!("日期 {}", theirs.date));
    }
    if Innovation::set_of(&theirs.innovations) != Innovation::set_of(&held.innovations) {
        let names: Vec<&str> = theirs.innovations.iter().map(|i| i.label()).collect();
        out.push(if names.is_empty() {
            "创新类型（无）".to_string()
        } else {
            format!("创新类型“{}”", names.join("、"))
        });
    }
    out
}

/// Puts `from`'s settled fields (see [`SETTLED_FIELDS`]) into `into`.
pub fn take_settled_fields(into: &mut Outcome, from: &Outcome) {
    into.title = from.title.clone();
    into.kind = from.kind;
    into.date = from.date.clone();
    into.innovations = from.innovations.clone();
}

/// Days from 反馈 to 市直机关推介, when the outcome has both dates (the speech's "推介
/// 不够及时" is measured by it).
pub fn days_feedback_to_promotion(o: &Outcome) -> Option<i64> {
    if o.promotion != PromotionStage::Municipal {
        return None;
    }
    days_between(o.feedback_on.as_deref()?, o.promoted_on.as_deref()?)
}

/// Who took a step, in words: 工委, the unit's name, or the id as recorded.
pub fn who(state: &AppState, by: &str) -> String {
    if by == "committee" {
        return "工委".to_string();
    }
    match state.unit(by) {
        Some(u) => u.name.clone(),
        None if by.is_empty() => "—".to_string(),
        None => by.to_string(),
    }
}

/// One line of an outcome's history as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub date: Date,
    /// "备案", "撤销认定", …
    pub what: String,
    /// Who, in words.
    pub by: String,
    /// 备案编号 or 文号.
    pub doc_no: String,
    /// The feedback, the incentive, or the reason for undoing.
    pub note: String,
    /// This line undoes a step.
    pub undo: bool,
}

/// An event's note; a registration, dated by the outcome's date, also says the day it
/// was entered when that is another (a clerk's review: 2026-09-15 登记 read as
/// registered in September, entered on 2026-12-01).
fn registration_note(e: &crate::domain::model::OutcomeEvent) -> String {
    let entered = crate::domain::dates::beijing_day(&e.at).filter(|d| *d != e.date);
    match entered {
        Some(d) if e.step == OutcomeStep::Register && !e.undo => {
            let said = format!("按成果日期记，{d} 录入");
            if e.note.is_empty() {
                said
            } else {
                format!("{}；{said}", e.note)
            }
        }
        _ => e.note.clone(),
    }
}

/// The history of an outcome, oldest first (by date; steps of one day in the order
/// they were taken: a 本系统推广 dated before a 认定 entered earlier comes first, as a
/// unit's 状态履历 reads). An undoing comes before the same step taken again after
/// it, whatever their dates: an undo is dated the day it was recorded, the step taken
/// again by its decision, perhaps earlier (a clerk's review: 撤销认定 of 12-06 read last,
/// below the 认定 of 12-02 that replaced it, as if that were withdrawn). Data from before
/// histories were kept has none: its lines are then made from the dates on record (and
/// say so in `note`).
pub fn history(state: &AppState, o: &Outcome) -> Vec<HistoryLine> {
    if !o.path.history.is_empty() {
        let all = &o.path.history;
        let placed = |i: usize| -> &str {
            let e = &all[i];
            if !e.undo {
                return e.date.as_str();
            }
            all[i + 1..]
                .iter()
                .filter(|x| !x.undo && x.step == e.step)
                .map(|x| x.date.as_str())
                .chain(std::iter::once(e.date.as_str()))
                .min()
                .unwrap_or(e.date.as_str())
        };
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| placed(a).cmp(placed(b)));
        return order
            .into_iter()
            .map(|i| &all[i])
            .map(|e| HistoryLine {
                date: e.date.clone(),
                what: if e.undo {
                    format!("撤销{}", e.step.label())
                } else {
                    e.step.label().to_string()
                },
                by: who(state, &e.by),
                // An undoing keeps the number of what it undid: said in its note, not in
                // the 文号 column, where it read as the withdrawal's own (a clerk's review).
                doc_no: if e.undo {
                    String::new()
                } else {
                    e.doc_no.clone()
                },
                note: match (e.undo, e.doc_no.trim()) {
                    (true, doc) if !doc.is_empty() => {
                        format!("{}（所撤销的为 {doc}）", registration_note(e))
                    }
                    _ => registration_note(e),
                },
                undo: e.undo,
            })
            .collect();
    }
    let from_record = "据原有记录".to_string();
    let line = |date: &Date, what: &str, doc_no: &str, note: &str| HistoryLine {
        date: date.clone(),
        what: what.to_string(),
        by: "—".to_string(),
        doc_no: doc_no.to_string(),
        note: if note.is_empty() {
            from_record.clone()
        } else {
            format!("{note}（{from_record}）")
        },
        undo: false,
    };
    // An outcome a unit registered in its copy arrives without the committee's
    // history (a return file cannot write it): its registration is the unit's, not a
    // line from old records. Dated as every registration is, by the outcome's date
    // (as `path::seed_history` will record it at the committee's first step).
    let registered = line(&o.date, OutcomeStep::Register.label(), "", "");
    let registered = if state.unit(&o.meta.by).is_some() {
        HistoryLine {
            note: super::path::UNIT_REGISTERED.to_string(),
            ..registered
        }
    } else {
        registered
    };
    let mut out = vec![HistoryLine {
        by: if o.meta.by.is_empty() {
            "—".to_string()
        } else {
            who(state, &o.meta.by)
        },
        ..registered
    }];
    if let Some(d) = &o.filed_on {
        out.push(line(d, OutcomeStep::File.label(), &o.path.filing_no, ""));
    }
    if let Some(d) = &o.feedback_on {
        out.push(line(d, OutcomeStep::Feedback.label(), "", &o.path.feedback));
    }
    if o.recognised {
        let d = o.path.recognised_on.clone().unwrap_or_default();
        out.push(line(
            &d,
            OutcomeStep::Recognise.label(),
            &o.path.recognition_doc_no,
            "",
        ));
    }
    if let Some(d) = &o.path.system_on {
        out.push(line(d, OutcomeStep::PromoteSystem.label(), "", ""));
    }
    if let Some(d) = &o.promoted_on {
        if o.promotion == PromotionStage::Municipal || o.path.system_on.is_none() {
            out.push(line(d, o.promotion.label(), "", ""));
        }
    }
    // Undated lines (a recognition recorded without its date) last.
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.date.is_empty(), &a.date).cmp(&(b.date.is_empty(), &b.date))
    });
    out
}

// ---------------------------------------------------------------------------
// The library: search, filters, sorting, export
// ---------------------------------------------------------------------------

/// The library's search and filters; `None` (or an empty query) lets everything through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutcomeFilter {
    /// Words to find (all of them) in the title, the description, the unit's name, the
    /// 备案编号 or the 认定文号 (a clerk's review: a search for a unit or a filing number
    /// found nothing, as if the outcome did not exist).
    pub query: String,
    pub unit_id: Option<Id>,
    /// 系统/行业 of the unit.
    pub sector: Option<String>,
    /// The year of the outcome's date.
    pub year: Option<i32>,
    pub kind: Option<OutcomeKind>,
    pub innovation: Option<Innovation>,
    pub stage: Option<OutcomeStage>,
    pub recognised: Option<bool>,
}

impl OutcomeFilter {
    /// What the filter keeps, in words for a printed list's title line: each condition
    /// chosen (年度, 单位, 系统/行业, 类别, 创新类型, 阶段, 认定, the words searched), or
    /// 全部 when none is.
    pub fn describe(&self, state: &AppState) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("{y}年度"));
        }
        if let Some(u) = self.unit_id.as_deref() {
            parts.push(
                state
                    .unit(u)
                    .map_or_else(|| u.to_string(), |u| u.name.clone()),
            );
        }
        if let Some(s) = &self.sector {
            parts.push(s.clone());
        }
        if let Some(k) = self.kind {
            parts.push(k.label().to_string());
        }
        if let Some(i) = self.innovation {
            parts.push(i.label().to_string());
        }
        if let Some(st) = self.stage {
            parts.push(format!("阶段：{}", st.label()));
        }
        if let Some(r) = self.recognised {
            parts.push(if r { "已认定" } else { "未认定" }.to_string());
        }
        let q = self.query.trim();
        if !q.is_empty() {
            parts.push(format!("含“{q}”"));
        }
        if parts.is_empty() {
            "全部".to_string()
        } else {
            parts.join("，")
        }
    }
}

/// One row of the library's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub id: Id,
    pub title: String,
    pub unit_id: Id,
    pub unit_name: String,
    pub sector: String,
    pub date: Date,
    pub kind: OutcomeKind,
    /// The innovations, named and joined ("方法创新、载体创新").
    pub innovations: String,
    pub stage: OutcomeStage,
    pub recognised: bool,
    /// Days from 反馈 to 市直机关推介.
    pub days_to_promotion: Option<i64>,
    /// Its revision, so a table keyed on rows redraws a changed one.
    pub rev: u32,
}

fn row_of(state: &AppState, o: &Outcome) -> OutcomeRow {
    let unit = state.unit(&o.unit_id);
    OutcomeRow {
        id: o.id.clone(),
        title: o.title.clone(),
        unit_id: o.unit_id.clone(),
        unit_name: unit
            .map(|u| u.name.clone())
            .unwrap_or_else(|| o.unit_id.clone()),
        sector: unit.map(|u| u.sector.clone()).unwrap_or_default(),
        date: o.date.clone(),
        kind: o.kind,
        innovations: o
            .innovations
            .iter()
            .map(|i| i.label())
            .collect::<Vec<_>>()
            .join("、"),
        stage: stage(o),
        recognised: o.recognised,
        days_to_promotion: days_feedback_to_promotion(o),
        rev: o.meta.rev,
    }
}

fn matches(state: &AppState, o: &Outcome, f: &OutcomeFilter) -> bool {
    let words: Vec<String> = f.query.split_whitespace().map(str::to_lowercase).collect();
    if !words.is_empty() {
        let unit = state.unit(&o.unit_id).map_or("", |u| u.name.as_str());
        let hay = format!(
            "{}\n{}\n{unit}\n{}\n{}",
            o.title, o.description, o.path.filing_no, o.path.recognition_doc_no
        )
        .to_lowercase();
        if !words.iter().all(|w| hay.contains(w.as_str())) {
            return false;
        }
    }
    if f.unit_id.as_ref().is_some_and(|u| *u != o.unit_id) {
        return false;
    }
    if let Some(sector) = &f.sector {
        if state.unit(&o.unit_id).map(|u| &u.sector) != Some(sector) {
            return false;
        }
    }
    if f.year.is_some() && year_of(&o.date) != f.year {
        return false;
    }
    if f.kind.is_some_and(|k| k != o.kind) {
        return false;
    }
    if f.innovation.is_some_and(|i| !o.innovations.contains(&i)) {
        return false;
    }
    if f.stage.is_some_and(|s| s != stage(o)) {
        return false;
    }
    if f.recognised.is_some_and(|r| r != o.recognised) {
        return false;
    }
    true
}

/// The outcomes that pass the filter, as table rows, in stored order.
pub fn filter_outcomes(state: &AppState, f: &OutcomeFilter) -> Vec<OutcomeRow> {
    state
        .outcomes
        .iter()
        .filter(|o| matches(state, o, f))
        .map(|o| row_of(state, o))
        .collect()
}

/// A column the library can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeSortKey {
    Title,
    Unit,
    Date,
    Kind,
    Stage,
    Recognised,
    /// Days from 反馈 to 推介 (outcomes without them last, either way).
    Days,
}

/// How the library is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeSort {
    pub key: OutcomeSortKey,
    pub descending: bool,
}

impl Default for OutcomeSort {
    /// Newest first.
    fn default() -> Self {
        OutcomeSort {
            key: OutcomeSortKey::Date,
            descending: true,
        }
    }
}

impl TableSort for OutcomeSort {
    type Key = OutcomeSortKey;

    /// The same column flips; another starts newest (dates) or ascending.
    fn click(self, key: OutcomeSortKey) -> Self {
        if self.key == key {
            OutcomeSort {
                key,
                descending: !self.descending,
            }
        } else {
            OutcomeSort {
                key,
                descending: key == OutcomeSortKey::Date,
            }
        }
    }

    fn aria(self, key: OutcomeSortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Sorts rows in place; ties by date (newest first), then id.
pub fn sort_outcome_rows(rows: &mut Vec<OutcomeRow>, sort: OutcomeSort) {
    crate::domain::sorting::sort_by(rows, |a, b| {
        let by = match sort.key {
            OutcomeSortKey::Days => {
                // Missing days stay last whatever the direction.
                let present = b
                    .days_to_promotion
                    .is_some()
                    .cmp(&a.days_to_promotion.is_some());
                if present != Ordering::Equal {
                    return present;
                }
                a.days_to_promotion.cmp(&b.days_to_promotion)
            }
            OutcomeSortKey::Title => a.title.cmp(&b.title),
            OutcomeSortKey::Unit => a.unit_name.cmp(&b.unit_name),
            OutcomeSortKey::Date => a.date.cmp(&b.date),
            OutcomeSortKey::Kind => a.kind.cmp(&b.kind),
            OutcomeSortKey::Stage => a.stage.cmp(&b.stage),
            OutcomeSortKey::Recognised => b.recognised.cmp(&a.recognised),
        };
        let by = if sort.descending { by.reverse() } else { by };
        by.then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The years outcomes are dated in, latest first.
pub fn outcome_years(state: &AppState) -> Vec<i32> {
    let mut ys: Vec<i32> = state
        .outcomes
        .iter()
        .filter_map(|o| year_of(&o.date))
        .collect();
    ys.sort_unstable_by(|a, b| b.cmp(a));
    ys.dedup();
    ys
}

/// The sectors (系统/行业) of units with outcomes, in code-point order.
pub fn outcome_sectors(state: &AppState) -> Vec<String> {
    let mut ss: Vec<String> = state
        .outcomes
        .iter()
        .filter_map(|o| state.unit(&o.unit_id))
        .map(|u| u.sector.clone())
        .filter(|s| !s.is_empty())
        .collect();
    ss.sort();
    ss.dedup();
    ss
}

/// The count line: "共 N 项成果" or "共 N 项成果，符合条件的 M 项".
pub fn count_line(total: usize, shown: usize) -> String {
    if total == shown {
        format!("共 {total} 项成果")
    } else {
        format!("共 {total} 项成果，符合条件的 {shown} 项")
    }
}

/// The rows as CSV text for Excel or WPS, in their order, with the columns of the
/// year's 成果 workbook (`office::year_lists::outcomes_table`: the path's dates and
/// numbers, 认定文号, 表彰/奖励): UTF-8 with a byte-order mark, CRLF, formula-safe.
pub fn outcomes_csv(state: &AppState, rows: &[OutcomeRow]) -> String {
    let ids: Vec<Id> = rows.iter().map(|r| r.id.clone()).collect();
    crate::domain::office::csv::tables_csv(&[
        crate::domain::office::year_lists::outcomes_list_table(state, &ids),
    ])
}

/// The export's file name: `成果库-<stamp>.csv`.
pub fn outcomes_csv_name(stamp: &str) -> String {
    format!("成果库-{stamp}.csv")
}
