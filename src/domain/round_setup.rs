//! Setting up an evaluation round (新建考评) and what the round page shows about it:
//! the scheme versions to choose from, the units taken by default, the checks on the
//! form, and which sheets are in, partly blank or missing.
//!
//! The form hands over what the person typed ([`NewRound`]); [`create_round`] checks
//! it and adds the round, or says in Chinese what is wrong and changes nothing.

use std::collections::BTreeSet;

use super::default_scheme::{default_scheme, save_scheme_edit};
use super::model::*;

/// Why a new round cannot be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundSetupError {
    #[error("年度「{0}」不正确，请填写四位数的年份，如 2026")]
    BadYear(String),
    #[error("{year}年度还没有到：考评最晚可提前为明年（{latest}年）建立，请核对年份")]
    FutureYear { year: u16, latest: u16 },
    #[error("请选择考评方案")]
    NoScheme,
    #[error("所选的考评方案「{0}」不存在（可能已被删除），请重新选择")]
    SchemeNotFound(String),
    #[error("请至少选择一个参评单位")]
    NoUnits,
    #[error("所选单位「{0}」不在单位名册中，请刷新页面后重新选择")]
    UnknownUnit(String),
    #[error("请至少填写一位评委姓名")]
    NoAssessors,
    /// The name as [`RepeatedAssessor::said`] says it.
    #[error("评委{0}填写了不止一次，每位评委只填一次")]
    DuplicateAssessor(String),
    #[error("自评权重「{0}」不正确，请填写 0 到 100 之间的整数（表示百分比）")]
    BadWeight(String),
    #[error("已经有名为「{0}」的考评，不能重复创建。如是建错了要重建，请打开该考评，在页面底部“删除考评”（结果发布前可以删除）；否则请改用其他年度")]
    DuplicateRound(String),
    #[error("没有这个考评轮次，可能已被删除")]
    RoundNotFound,
    #[error("「{0}」的结果已经发布，各单位可能已经收到，不能删除")]
    PublishedRound(String),
    #[error("「{0}」已经录入了分数或加减分，不能更换考评方案：已录的分数是按原方案的指标打的")]
    RoundHasScores(String),
    #[error("「{0}」用的就是这个方案，不需要更换")]
    SameScheme(String),
}

/// The labels of the 新建考评 form's fields: also the names a refusal marks them by
/// ([`FieldsAt`](crate::domain::problems::FieldsAt)).
pub mod labels {
    pub const YEAR: &str = "年度";
    pub const SCHEME: &str = "考评方案";
    pub const WEIGHT: &str = "自评权重（%）";
    pub const ASSESSORS: &str = "评委姓名";
}

impl crate::domain::problems::FieldsAt for RoundSetupError {
    fn fields(&self) -> Vec<String> {
        use RoundSetupError as E;
        let field = match self {
            E::BadYear(_) | E::FutureYear { .. } | E::DuplicateRound(_) => labels::YEAR,
            E::NoScheme | E::SchemeNotFound(_) | E::SameScheme(_) => labels::SCHEME,
            E::BadWeight(_) => labels::WEIGHT,
            E::NoAssessors | E::DuplicateAssessor(_) => labels::ASSESSORS,
            // The units are a list of boxes to tick, said by the message.
            E::NoUnits
            | E::UnknownUnit(_)
            | E::RoundNotFound
            | E::PublishedRound(_)
            | E::RoundHasScores(_) => return Vec::new(),
        };
        vec![field.to_string()]
    }
}

/// What deleting a round takes with it, said in its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundDeletion {
    pub name: String,
    /// Score sheets with at least one score (assessors' and self-assessments).
    pub scored_sheets: usize,
    /// Bonus, deduction and veto items recorded.
    pub adjustments: usize,
    /// Task files sent out for it.
    pub sent: usize,
}

impl RoundDeletion {
    /// Whether anything was entered in the round (then the person types to confirm).
    pub fn has_work(&self) -> bool {
        self.scored_sheets > 0 || self.adjustments > 0 || self.sent > 0
    }

    /// The confirmation's words.
    pub fn message(&self) -> String {
        let mut text = format!("将删除「{}」", self.name);
        let mut what = Vec::new();
        if self.scored_sheets > 0 {
            what.push(format!("已有分数的评分表 {} 份", self.scored_sheets));
        }
        if self.adjustments > 0 {
            what.push(format!("加减分登记 {} 项", self.adjustments));
        }
        if !what.is_empty() {
            text.push_str(&format!("，连同{}一并删除", what.join("、")));
        }
        if self.sent > 0 {
            text.push_str(&format!(
                "；已发出的 {} 份任务文件作废，之后交回的报送文件将被拒收",
                self.sent
            ));
        }
        text.push_str("。单位名册、考评方案和成果等不受影响。删除前会自动保存一份快照；删错了可立即点“撤销”，或在“数据管理”中恢复快照。");
        text
    }
}

/// What deleting round `id` would take with it; a published round is refused (its
/// results may have gone out to the units).
pub fn deletion_of(state: &AppState, id: &str) -> Result<RoundDeletion, RoundSetupError> {
    let r = state.round(id).ok_or(RoundSetupError::RoundNotFound)?;
    if r.published {
        return Err(RoundSetupError::PublishedRound(r.name.clone()));
    }
    Ok(RoundDeletion {
        name: r.name.clone(),
        scored_sheets: r
            .sheets
            .iter()
            .filter(|s| s.points.iter().any(Option::is_some))
            .count(),
        adjustments: r.adjustments.len(),
        sent: state
            .exchange
            .sent
            .iter()
            .filter(|t| t.round_id == id)
            .count(),
    })
}

/// Deletes round `id` (one made by mistake: a wrong year, the wrong units) with the
/// access codes, sent tasks and receipts of it. Nothing changes on an error.
pub fn delete_round(state: &mut AppState, id: &str) -> Result<RoundDeletion, RoundSetupError> {
    let gone = deletion_of(state, id)?;
    state.rounds.retain(|r| r.id != id);
    let ex = &mut state.exchange;
    ex.codes.retain(|c| c.round_id != id);
    ex.sent.retain(|t| t.round_id != id);
    ex.received.retain(|r| r.round_id != id);
    Ok(gone)
}

/// What moving a round to another scheme version changes, said in its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeSwitch {
    pub round: String,
    /// The scheme versions, e.g. `2026年度基层党建示范点考评方案（第1版）`.
    pub from: String,
    pub to: String,
    /// 自评权重 before and after (it belongs to the scheme version).
    pub self_weight: (u8, u8),
    /// Task files already sent out for the round: their returns will be refused.
    pub sent: usize,
    /// 佐证说明 written against indicators the new version does not have (dropped).
    pub dropped_notes: usize,
}

impl SchemeSwitch {
    /// The confirmation's words.
    pub fn message(&self) -> String {
        let mut text = format!("「{}」将由{}改用{}", self.round, self.from, self.to);
        if self.self_weight.0 != self.self_weight.1 {
            text.push_str(&format!(
                "，自评权重由 {}% 变为 {}%",
                self.self_weight.0, self.self_weight.1
            ));
        }
        text.push('。');
        if self.dropped_notes > 0 {
            text.push_str(&format!(
                "已填写的佐证说明中有 {} 条对应的指标在新方案中没有，将被删除。",
                self.dropped_notes
            ));
        }
        if self.sent > 0 {
            text.push_str(&format!(
                "已发出的 {} 份任务文件是按原方案做的：更换后请重新导出任务文件发给评委和单位，按原方案填写的报送文件将被拒收。",
                self.sent
            ));
        }
        text
    }
}

/// What moving round `round_id` to scheme version `scheme_id` would change. Refused
/// once the round has any score (the scores were given against the old indicators).
pub fn scheme_switch(
    state: &AppState,
    round_id: &str,
    scheme_id: &str,
) -> Result<SchemeSwitch, RoundSetupError> {
    let r = state
        .round(round_id)
        .ok_or(RoundSetupError::RoundNotFound)?;
    if r.has_scores() || r.published {
        return Err(RoundSetupError::RoundHasScores(r.name.clone()));
    }
    if r.scheme_id == scheme_id {
        return Err(RoundSetupError::SameScheme(r.name.clone()));
    }
    let to = state
        .scheme(scheme_id)
        .ok_or_else(|| RoundSetupError::SchemeNotFound(scheme_id.to_string()))?;
    let from = state.scheme(&r.scheme_id);
    let kept: BTreeSet<&str> = to.indicators().map(|i| i.id.as_str()).collect();
    let dropped_notes = r
        .sheets
        .iter()
        .flat_map(|s| s.evidence.keys())
        .filter(|k| !kept.contains(k.as_str()))
        .count();
    Ok(SchemeSwitch {
        dropped_notes,
        round: r.name.clone(),
        from: from
            .map(Scheme::version_label)
            .unwrap_or_else(|| format!("方案「{}」", r.scheme_id)),
        to: to.version_label(),
        self_weight: (
            from.map(|s| s.aggregation.self_weight_pct).unwrap_or(0),
            to.aggregation.self_weight_pct,
        ),
        sent: state
            .exchange
            .sent
            .iter()
            .filter(|t| t.round_id == round_id)
            .count(),
    })
}

/// Moves round `round_id`, with nothing scored yet, to scheme version `scheme_id`
/// (a corrected version made after the round was set up, or a scheme chosen by
/// mistake). Nothing changes on an error.
pub fn switch_scheme(
    state: &mut AppState,
    round_id: &str,
    scheme_id: &str,
    now: &str,
) -> Result<SchemeSwitch, RoundSetupError> {
    let switch = scheme_switch(state, round_id, scheme_id)?;
    let by = state.settings.origin.clone();
    let indicators: BTreeSet<Id> = state
        .scheme(scheme_id)
        .map(|s| s.indicators().map(|i| i.id.clone()).collect())
        .unwrap_or_default();
    let n = indicators.len();
    if let Some(r) = state.rounds.iter_mut().find(|r| r.id == round_id) {
        r.scheme_id = scheme_id.to_string();
        // Sheets hold no score (checked), only notes: sized for the new indicators.
        for sheet in r.sheets.iter_mut() {
            sheet.points = vec![None; n];
            sheet.evidence.retain(|k, _| indicators.contains(k));
            sheet.meta.touch(now, &by);
        }
        r.meta.touch(now, &by);
    }
    Ok(switch)
}

/// What the 新建考评 form holds, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewRound {
    /// 年度, as typed.
    pub year: String,
    /// The chosen scheme version's id, or [`BUILT_IN_SCHEME`], or empty when none chosen.
    pub scheme_id: String,
    /// The units ticked (any order; the round keeps the roster's order).
    pub unit_ids: Vec<Id>,
    /// 评委姓名, one per line (also split on 、，,；;).
    pub assessor_names: String,
    /// 自评权重 in percent, as typed.
    pub self_weight: String,
}

/// The scheme choice that adds the built-in default scheme for the round's year
/// (offered when there is no scheme yet).
pub const BUILT_IN_SCHEME: &str = "builtin-default";

/// A scheme version as offered in the form's select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeChoice {
    pub id: Id,
    /// e.g. `2026年度基层党建示范点考评方案（第2版）`.
    pub label: String,
    pub self_weight_pct: u8,
    /// 每个单位至少的评委人数 of the scheme.
    pub min_assessors: u8,
}

/// The scheme versions to choose from: newest year first, then newest version first.
/// With no scheme at all, the built-in default scheme is offered for `year`.
pub fn scheme_choices(state: &AppState, year: u16) -> Vec<SchemeChoice> {
    let mut schemes: Vec<&Scheme> = state.schemes.iter().collect();
    crate::domain::sorting::sort_by(&mut schemes, |a, b| {
        b.year
            .cmp(&a.year)
            .then(b.version.cmp(&a.version))
            .then(a.id.cmp(&b.id))
    });
    if schemes.is_empty() {
        let built_in = super::default_scheme::default_scheme("", "", year);
        return vec![SchemeChoice {
            id: BUILT_IN_SCHEME.to_string(),
            label: format!("内置默认方案（{year}年度，新建）"),
            self_weight_pct: built_in.aggregation.self_weight_pct,
            min_assessors: built_in.aggregation.min_assessors,
        }];
    }
    schemes
        .into_iter()
        .map(|s| SchemeChoice {
            id: s.id.clone(),
            label: s.version_label(),
            self_weight_pct: s.aggregation.self_weight_pct,
            min_assessors: s.aggregation.min_assessors,
        })
        .collect()
}

/// The scheme preselected for a year: the newest version of that year's scheme, or
/// else the first choice (the newest scheme of all).
pub fn default_scheme_choice(state: &AppState, year: u16) -> Option<SchemeChoice> {
    let choices = scheme_choices(state, year);
    let of_year = state
        .schemes
        .iter()
        .filter(|s| s.year == year)
        .max_by(|a, b| a.version.cmp(&b.version).then(b.id.cmp(&a.id)))
        .map(|s| s.id.clone());
    match of_year {
        Some(id) => choices.into_iter().find(|c| c.id == id),
        None => choices.into_iter().next(),
    }
}

/// The year suggested for a new round: the year after the latest round, or `this_year`
/// when there is no round yet; never past next year, the latest a round may be made
/// for (a clerk's review: with next year's round made, the form offered the year
/// after and then refused it).
pub fn suggest_year(state: &AppState, this_year: u16) -> u16 {
    state
        .rounds
        .iter()
        .map(|r| r.year)
        .max()
        .map(|y| y.saturating_add(1))
        .unwrap_or(this_year)
        .min(this_year.saturating_add(1))
}

/// Whether a unit in this status takes part in a round by default (培育/创建中, 已授牌
/// and 警示 are in the programme; 摘牌 and 退出 are not).
pub fn in_programme(status: UnitStatus) -> bool {
    matches!(
        status,
        UnitStatus::Candidate | UnitStatus::Named | UnitStatus::Warned
    )
}

/// The round's units that have since left the programme (摘牌 or 退出), as
/// `名称（摘牌）`, in round order: they are still graded, ranked and named in the 通报
/// unless taken out of the round, which the round page says.
pub fn departed_units(state: &AppState, round: &Round) -> Vec<String> {
    round
        .unit_ids
        .iter()
        .filter_map(|id| state.unit(id))
        .filter(|u| !in_programme(u.status))
        .map(|u| format!("{}（{}）", u.name, u.status.label()))
        .collect()
}

/// The units ticked by default: every unit in the programme, in roster order.
pub fn default_unit_ids(state: &AppState) -> Vec<Id> {
    state
        .units
        .iter()
        .filter(|u| in_programme(u.status))
        .map(|u| u.id.clone())
        .collect()
}

/// The names in the 评委姓名 box: one per line (、，,；; also separate), trimmed and
/// without invisible characters, empty ones left out, in the order typed (duplicates
/// kept, so they can be reported).
pub fn parse_assessor_names(text: &str) -> Vec<String> {
    text.split(['\n', '\r', '、', '，', ',', '；', ';'])
        .map(crate::domain::roster::clean_name)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A repeated assessor: the name typed again, the earlier spelling it repeats, and
/// whether that one is already in the round (else it was typed earlier in the same box).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedAssessor<'a> {
    pub typed: &'a str,
    pub first: &'a str,
    pub in_round: bool,
}

impl RepeatedAssessor<'_> {
    /// The person as a message names them: the earlier spelling, and the one typed when
    /// it is written differently (`「杨静」（填的「杨 静」与之只差空格、全角半角或大小写，
    /// 是同一位）`).
    pub fn said(&self) -> String {
        if self.typed == self.first {
            format!("「{}」", self.first)
        } else {
            format!(
                "「{}」（填的「{}」与之只差空格、全角半角或大小写，是同一位）",
                self.first, self.typed
            )
        }
    }
}

/// What a person's name is compared by: without spaces and invisible characters,
/// full-width letters as half-width (`王 一` is `王一`, as a name copied from a Word
/// table often has a space inside it), Latin letters in any case.
fn person_key(name: &str) -> String {
    crate::domain::roster::bare_name(name).to_lowercase()
}

/// The first name of `names` that is a person named before it, in the round
/// (`earlier`) or earlier in `names`.
pub fn repeated_assessor<'a>(
    earlier: impl IntoIterator<Item = &'a str>,
    names: &'a [String],
) -> Option<RepeatedAssessor<'a>> {
    let mut seen: Vec<(String, &str, bool)> = earlier
        .into_iter()
        .map(|n| (person_key(n), n, true))
        .collect();
    for n in names {
        let key = person_key(n);
        if let Some((_, first, in_round)) = seen.iter().find(|(k, _, _)| *k == key) {
            return Some(RepeatedAssessor {
                typed: n.as_str(),
                first,
                in_round: *in_round,
            });
        }
        seen.push((key, n.as_str(), false));
    }
    None
}

/// The name a round of this year gets.
pub fn round_name(year: u16) -> String {
    format!("{year}年度考评")
}

fn parse_year(text: &str) -> Result<u16, RoundSetupError> {
    let t = text.trim();
    let ascii = crate::domain::typed::half_width(t);
    match ascii.parse::<u16>() {
        Ok(y) if (2000..=2100).contains(&y) && ascii.len() == 4 => Ok(y),
        _ => Err(RoundSetupError::BadYear(t.to_string())),
    }
}

fn parse_weight(text: &str) -> Result<u8, RoundSetupError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    match crate::domain::typed::half_width(t)
        .trim_end_matches('%')
        .trim()
        .parse::<u8>()
    {
        Ok(w) if w <= 100 => Ok(w),
        _ => Err(RoundSetupError::BadWeight(t.to_string())),
    }
}

/// Checks the form and adds the round; returns its id. Nothing changes on an error.
///
/// - The round is named `YYYY年度考评`; a second round of the same name is refused.
/// - Units keep the roster's order; assessors get new ids in the order typed and are
///   assigned all units of the round.
/// - When the 自评权重 differs from the chosen scheme version's, the round gets a new
///   version of that scheme with the weight (the version chosen is not changed, since
///   other rounds may be scored against it). With [`BUILT_IN_SCHEME`], the default
///   scheme for the year is added first.
pub fn create_round(
    state: &mut AppState,
    form: &NewRound,
    now: &str,
) -> Result<Id, RoundSetupError> {
    let mut next = state.clone();
    let id = create_round_in(&mut next, form, now)?;
    *state = next;
    Ok(id)
}

fn create_round_in(
    state: &mut AppState,
    form: &NewRound,
    now: &str,
) -> Result<Id, RoundSetupError> {
    let year = parse_year(&form.year)?;
    // A year typed wrong (2099 for 2026) would make a round that cannot be removed and
    // that 动态管理 takes for the latest; next year's may be set up ahead.
    if let Some(latest) = crate::domain::dates::year_of(now.get(..10).unwrap_or(now))
        .and_then(|y| u16::try_from(y + 1).ok())
    {
        if year > latest {
            return Err(RoundSetupError::FutureYear { year, latest });
        }
    }
    let name = round_name(year);
    if state.rounds.iter().any(|r| r.name == name) {
        return Err(RoundSetupError::DuplicateRound(name));
    }
    let scheme_key = form.scheme_id.trim();
    if scheme_key.is_empty() {
        return Err(RoundSetupError::NoScheme);
    }
    if scheme_key != BUILT_IN_SCHEME && state.scheme(scheme_key).is_none() {
        return Err(RoundSetupError::SchemeNotFound(scheme_key.to_string()));
    }
    let chosen: BTreeSet<&str> = form.unit_ids.iter().map(String::as_str).collect();
    if chosen.is_empty() {
        return Err(RoundSetupError::NoUnits);
    }
    if let Some(unknown) = chosen.iter().find(|id| state.unit(id).is_none()) {
        return Err(RoundSetupError::UnknownUnit(unknown.to_string()));
    }
    let names = parse_assessor_names(&form.assessor_names);
    if names.is_empty() {
        return Err(RoundSetupError::NoAssessors);
    }
    if let Some(r) = repeated_assessor([], &names) {
        return Err(RoundSetupError::DuplicateAssessor(r.said()));
    }
    let weight = parse_weight(&form.self_weight)?;

    let mut scheme_id = if scheme_key == BUILT_IN_SCHEME {
        let id = fresh_id(state, "s", |s, id| s.scheme(id).is_some());
        state.schemes.push(default_scheme(&id, &id, year));
        id
    } else {
        scheme_key.to_string()
    };
    let current_weight = state
        .scheme(&scheme_id)
        .map(|s| s.aggregation.self_weight_pct)
        .unwrap_or(0);
    if weight != current_weight {
        scheme_id = weighted_version(state, &scheme_id, weight, now);
    }

    let unit_ids: Vec<Id> = state
        .units
        .iter()
        .filter(|u| chosen.contains(u.id.as_str()))
        .map(|u| u.id.clone())
        .collect();
    let assessors: Vec<Assessor> = names
        .into_iter()
        .map(|name| Assessor {
            id: fresh_id(state, "a", |s, id| {
                s.rounds
                    .iter()
                    .any(|r| r.assessors.iter().any(|a| a.id == id))
            }),
            name,
            org: String::new(),
            unit_ids: Vec::new(),
        })
        .collect();
    let id = fresh_id(state, "r", |s, id| s.round(id).is_some());
    let by = state.settings.origin.clone();
    let mut meta = RecordMeta::default();
    meta.touch(now, &by);
    state.rounds.push(
        Round {
            id: id.clone(),
            name,
            year,
            scheme_id,
            unit_ids,
            assessors,
            sheets: Sheets::new(),
            adjustments: Vec::new(),
            type_overrides: Vec::new(),
            decided_proposals: Vec::new(),
            dismissed_proposals: Vec::new(),
            published: false,
            publication: None,
            meta,
        }
        .into(),
    );
    Ok(id)
}

/// A new id with `prefix` that `taken` says is free.
fn fresh_id(state: &mut AppState, prefix: &str, taken: impl Fn(&AppState, &str) -> bool) -> Id {
    loop {
        let id = state.new_id(prefix);
        if !taken(state, &id) {
            return id;
        }
    }
}

/// Adds a new version of scheme `id` with another self-assessment weight; returns its id.
fn weighted_version(state: &mut AppState, id: &str, weight: u8, now: &str) -> Id {
    let Some(mut edited) = state.scheme(id).cloned() else {
        return id.to_string();
    };
    edited.aggregation.self_weight_pct = weight;
    // A fresh id makes save_scheme_edit add it; family and version follow the original.
    let version = super::default_scheme::next_version(state, &edited.family);
    edited.id = fresh_id(state, "s", |s, id| s.scheme(id).is_some());
    edited.version = version;
    edited.meta = RecordMeta::default();
    save_scheme_edit(state, edited, now)
}

// ---------------------------------------------------------------------------
// What the round page shows
// ---------------------------------------------------------------------------

/// Where one source's sheet for one unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetStatus {
    /// The assessor is not assigned this unit.
    NotAssigned,
    /// No score at all yet.
    NotStarted,
    /// Some scores, this many blanks.
    Partial(usize),
    /// Every indicator scored.
    Complete,
}

impl SheetStatus {
    /// As shown in the round's table: 未评 / 缺 3 项 / 已评 / 不评.
    pub fn label(self) -> String {
        match self {
            SheetStatus::NotAssigned => "不评".to_string(),
            SheetStatus::NotStarted => "未评".to_string(),
            SheetStatus::Partial(n) => format!("缺 {n} 项"),
            SheetStatus::Complete => "已评".to_string(),
        }
    }
}

/// Whether `source` is expected to score `unit_id` in `round`.
pub fn expects(round: &Round, source: &SheetSource, unit_id: &str) -> bool {
    match source {
        SheetSource::SelfAssessment => round.unit_ids.iter().any(|u| u == unit_id),
        SheetSource::Assessor(aid) => round
            .assessors
            .iter()
            .find(|a| &a.id == aid)
            .is_some_and(|a| a.unit_ids.is_empty() || a.unit_ids.iter().any(|u| u == unit_id)),
    }
}

/// Where the sheet of `unit_id` from `source` stands; `indicators` is the scheme's count.
pub fn sheet_status(
    round: &Round,
    source: &SheetSource,
    unit_id: &str,
    indicators: usize,
) -> SheetStatus {
    if !expects(round, source, unit_id) {
        return SheetStatus::NotAssigned;
    }
    let filled = round
        .sheet(unit_id, source)
        .map(|s| {
            s.points
                .iter()
                .take(indicators)
                .filter(|p| p.is_some())
                .count()
        })
        .unwrap_or(0);
    if filled == 0 {
        SheetStatus::NotStarted
    } else if filled < indicators {
        SheetStatus::Partial(indicators - filled)
    } else {
        SheetStatus::Complete
    }
}

/// One source's progress over the round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProgress {
    pub source: SheetSource,
    /// 评委 name, or 自评.
    pub name: String,
    /// Units this source is expected to score.
    pub expected: usize,
    /// Units with every indicator scored.
    pub complete: usize,
    /// Units with some scores and some blanks.
    pub partial: usize,
    /// Blank cells over the partial units.
    pub blanks: usize,
    /// Units with no score at all, in round order.
    pub not_started: Vec<Id>,
}

impl SourceProgress {
    /// Units with at least one score.
    pub fn scored(&self) -> usize {
        self.complete + self.partial
    }
}

/// The progress of every assessor (round order), then of the self-assessments.
pub fn round_progress(round: &Round, indicators: usize) -> Vec<SourceProgress> {
    let mut sources: Vec<(SheetSource, String)> = round
        .assessors
        .iter()
        .map(|a| (SheetSource::Assessor(a.id.clone()), a.name.clone()))
        .collect();
    sources.push((SheetSource::SelfAssessment, "自评".to_string()));
    sources
        .into_iter()
        .map(|(source, name)| {
            let mut p = SourceProgress {
                source: source.clone(),
                name,
                expected: 0,
                complete: 0,
                partial: 0,
                blanks: 0,
                not_started: Vec::new(),
            };
            for uid in &round.unit_ids {
                match sheet_status(round, &source, uid, indicators) {
                    SheetStatus::NotAssigned => {}
                    SheetStatus::NotStarted => {
                        p.expected += 1;
                        p.not_started.push(uid.clone());
                    }
                    SheetStatus::Partial(b) => {
                        p.expected += 1;
                        p.partial += 1;
                        p.blanks += b;
                    }
                    SheetStatus::Complete => {
                        p.expected += 1;
                        p.complete += 1;
                    }
                }
            }
            p
        })
        .collect()
}

/// The round's completeness in one line for the list: complete sheets of all expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundSummary {
    /// (unit, source) pairs expected, assessors and self-assessments.
    pub expected: usize,
    /// Of those, fully scored.
    pub complete: usize,
    /// Of those, partly scored.
    pub partial: usize,
    /// Of `expected`, the units' 自评表, and of those fully filled in: said apart, as
    /// 概览 and 结果 count the 评委评分表 that the results wait for.
    pub self_expected: usize,
    pub self_complete: usize,
    /// The scheme's 自评权重 is 0: the 自评表 count for nothing, and the label says so
    /// (a clerk's review: 16/24 read as a round not finished, for sheets that change
    /// nothing).
    pub self_for_reference: bool,
}

impl RoundSummary {
    /// Marks the 自评表 as counting for nothing when `self_weight_pct` is 0.
    pub fn weighed(self, self_weight_pct: u8) -> RoundSummary {
        RoundSummary {
            self_for_reference: self_weight_pct == 0,
            ..self
        }
    }

    /// e.g. `已完成 14/32 份（其中自评表 0/8 份），另有 2 份未填完` or
    /// `全部 32 份评分已完成`.
    pub fn label(&self) -> String {
        if self.expected > 0 && self.complete == self.expected {
            return format!("全部 {} 份评分已完成", self.expected);
        }
        let own = if self.self_expected > 0 {
            let note = if self.self_for_reference {
                "，只作参考、不计入得分"
            } else {
                ""
            };
            format!(
                "（其中自评表 {}/{} 份{note}）",
                self.self_complete, self.self_expected
            )
        } else {
            String::new()
        };
        if self.partial > 0 {
            format!(
                "已完成 {}/{} 份{own}，另有 {} 份未填完",
                self.complete, self.expected, self.partial
            )
        } else {
            format!("已完成 {}/{} 份{own}", self.complete, self.expected)
        }
    }
}

/// Sums [`round_progress`] for the list of rounds.
pub fn round_summary(round: &Round, indicators: usize) -> RoundSummary {
    round_progress(round, indicators).iter().fold(
        RoundSummary {
            expected: 0,
            complete: 0,
            partial: 0,
            self_expected: 0,
            self_complete: 0,
            self_for_reference: false,
        },
        |acc, p| {
            let own = p.source == SheetSource::SelfAssessment;
            RoundSummary {
                expected: acc.expected + p.expected,
                complete: acc.complete + p.complete,
                partial: acc.partial + p.partial,
                self_expected: acc.self_expected + if own { p.expected } else { 0 },
                self_complete: acc.self_complete + if own { p.complete } else { 0 },
                self_for_reference: false,
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::points::Points;
    use crate::domain::sample::sample_city;

    fn form(state: &AppState) -> NewRound {
        NewRound {
            year: "2027".into(),
            scheme_id: state.schemes[0].id.clone(),
            unit_ids: default_unit_ids(state),
            assessor_names: "张三\n李四\n\n 王五 ".into(),
            self_weight: "0".into(),
        }
    }

    #[test]
    fn a_round_names_its_units_that_have_left_the_programme() {
        let mut s = sample_city(1);
        let r = s.rounds.iter().max_by_key(|r| r.year).cloned().unwrap();
        let left = departed_units(&s, &r);
        assert!(left.iter().any(|l| l.ends_with("（摘牌）")), "{left:?}");
        assert!(left.iter().any(|l| l.ends_with("（退出）")), "{left:?}");
        // Back in the programme: not named.
        for u in s.units.iter_mut() {
            if !in_programme(u.status) {
                u.status = UnitStatus::Named;
            }
        }
        assert!(departed_units(&s, &r).is_empty());
    }

    #[test]
    fn creates_a_round_with_units_in_roster_order_and_new_assessors() {
        let mut s = sample_city(1);
        let mut f = form(&s);
        f.unit_ids.reverse();
        let n_schemes = s.schemes.len();
        let id = create_round(&mut s, &f, "2027-01-05T08:00:00Z").expect("valid form");
        let r = s.round(&id).expect("the round is there");
        assert_eq!(r.name, "2027年度考评");
        assert_eq!(r.year, 2027);
        assert_eq!(r.unit_ids, default_unit_ids(&s));
        let names: Vec<&str> = r.assessors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["张三", "李四", "王五"]);
        let ids: BTreeSet<&str> = r.assessors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "assessor ids are distinct");
        assert!(r.sheets.is_empty());
        assert_eq!(
            s.schemes.len(),
            n_schemes,
            "same weight: no new scheme version"
        );
        assert!(crate::domain::validate_state(&s).is_ok());
    }

    #[test]
    fn default_units_leave_out_delisted_and_withdrawn() {
        let mut s = sample_city(1);
        s.units[0].status = UnitStatus::Delisted;
        s.units[1].status = UnitStatus::Withdrawn;
        s.units[2].status = UnitStatus::Warned;
        let ids = default_unit_ids(&s);
        assert!(!ids.contains(&s.units[0].id));
        assert!(!ids.contains(&s.units[1].id));
        assert!(ids.contains(&s.units[2].id));
    }

    #[test]
    fn every_bad_form_is_refused_with_a_chinese_message_and_changes_nothing() {
        let s0 = sample_city(1);
        type Change = Box<dyn Fn(&mut NewRound)>;
        let cases: Vec<(Change, RoundSetupError)> = vec![
            (
                Box::new(|f| f.year = "二〇二七".into()),
                RoundSetupError::BadYear("二〇二七".into()),
            ),
            (
                Box::new(|f| f.year = "27".into()),
                RoundSetupError::BadYear("27".into()),
            ),
            (
                Box::new(|f| f.year = "".into()),
                RoundSetupError::BadYear("".into()),
            ),
            (
                Box::new(|f| f.year = "2026".into()),
                RoundSetupError::DuplicateRound("2026年度考评".into()),
            ),
            (
                Box::new(|f| f.scheme_id = "".into()),
                RoundSetupError::NoScheme,
            ),
            (
                Box::new(|f| f.scheme_id = "s999".into()),
                RoundSetupError::SchemeNotFound("s999".into()),
            ),
            (Box::new(|f| f.unit_ids.clear()), RoundSetupError::NoUnits),
            (
                Box::new(|f| f.unit_ids.push("u999".into())),
                RoundSetupError::UnknownUnit("u999".into()),
            ),
            (
                Box::new(|f| f.assessor_names = " \n \n".into()),
                RoundSetupError::NoAssessors,
            ),
            (
                Box::new(|f| f.assessor_names = "张三\n李四\n张三".into()),
                RoundSetupError::DuplicateAssessor("「张三」".into()),
            ),
            (
                Box::new(|f| f.self_weight = "120".into()),
                RoundSetupError::BadWeight("120".into()),
            ),
            (
                Box::new(|f| f.self_weight = "三成".into()),
                RoundSetupError::BadWeight("三成".into()),
            ),
        ];
        // A year after next, typed by mistake: refused on the day's year; next year is
        // fine (set up ahead).
        let mut s = s0.clone();
        let mut f = form(&s);
        f.year = "2099".into();
        assert_eq!(
            create_round(&mut s, &f, "2026-12-03T05:00:00Z"),
            Err(RoundSetupError::FutureYear {
                year: 2099,
                latest: 2027
            })
        );
        assert_eq!(s, s0, "nothing changes");
        f.year = "2028".into();
        assert!(create_round(&mut s, &f, "2026-12-03T05:00:00Z").is_err());
        f.year = "2027".into();
        assert!(create_round(&mut s, &f, "2026-12-03T05:00:00Z").is_ok());
        for (change, expected) in cases {
            let mut s = s0.clone();
            let mut f = form(&s);
            change(&mut f);
            let err = create_round(&mut s, &f, "now").expect_err("refused");
            assert_eq!(err, expected);
            assert!(err
                .to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert_eq!(s, s0, "nothing changed for {err}");
        }
    }

    #[test]
    fn a_refused_round_names_the_field_at_fault() {
        use crate::domain::problems::FieldsAt;
        let s0 = sample_city(2026);
        let at = |change: fn(&mut NewRound)| {
            let mut s = s0.clone();
            let mut f = form(&s);
            change(&mut f);
            create_round(&mut s, &f, "2026-12-03T05:00:00Z")
                .expect_err("refused")
                .fields()
        };
        assert_eq!(at(|f| f.year = "二〇二六".into()), vec![labels::YEAR]);
        assert_eq!(at(|f| f.self_weight = "120".into()), vec![labels::WEIGHT]);
        assert_eq!(at(|f| f.scheme_id = " ".into()), vec![labels::SCHEME]);
        assert_eq!(
            at(|f| f.assessor_names = "张三\n张三".into()),
            vec![labels::ASSESSORS]
        );
        // The units are boxes to tick: the message says it, no field is marked.
        assert!(at(|f| f.unit_ids.clear()).is_empty());
    }

    #[test]
    fn a_round_made_by_mistake_is_deleted_with_its_codes_and_a_published_one_is_not() {
        let mut s = sample_city(2026);
        let s0 = s.clone();
        let mut f = form(&s);
        f.year = "2027".into();
        let id = create_round(&mut s, &f, "2026-12-03T05:00:00Z").expect("created");
        let fresh = deletion_of(&s, &id).expect("deletable");
        assert!(!fresh.has_work(), "nothing entered yet");
        assert!(
            fresh.message().starts_with("将删除「2027年度考评」。"),
            "{}",
            fresh.message()
        );
        // A task file sent and a score typed: the confirmation counts them.
        let unit = s.round(&id).expect("round").unit_ids[0].clone();
        crate::domain::exchange::export_to_unit(&mut s, &id, &unit, "2026-12-03T06:00:00Z", b"e")
            .expect("a task file");
        let sheet = crate::domain::ScoreSheet {
            unit_id: unit.clone(),
            source: SheetSource::SelfAssessment,
            points: vec![Some(Points(100))],
            evidence: Default::default(),
            submitted: false,
            meta: Default::default(),
        };
        let r: &mut Round = s.rounds.iter_mut().find(|r| r.id == id).expect("round");
        r.sheets.push(sheet);
        let d = deletion_of(&s, &id).expect("deletable");
        assert_eq!((d.scored_sheets, d.sent), (1, 1));
        assert!(
            d.message().contains("已有分数的评分表 1 份一并删除"),
            "{}",
            d.message()
        );
        assert!(d.message().contains("1 份任务文件作废"), "{}", d.message());
        delete_round(&mut s, &id).expect("deleted");
        assert!(s.round(&id).is_none());
        assert_eq!(s.rounds, s0.rounds);
        assert!(s.exchange.codes.iter().all(|c| c.round_id != id));
        assert!(s.exchange.sent.iter().all(|t| t.round_id != id));
        assert_eq!(crate::domain::validate_state(&s), Ok(()));
        // A published round stays.
        let published = s
            .rounds
            .iter()
            .find(|r| r.published)
            .expect("the sample publishes")
            .id
            .clone();
        let before = s.clone();
        assert!(matches!(
            delete_round(&mut s, &published),
            Err(RoundSetupError::PublishedRound(_))
        ));
        assert_eq!(s, before);
        assert_eq!(
            delete_round(&mut s, "nope"),
            Err(RoundSetupError::RoundNotFound)
        );
    }

    #[test]
    fn assessor_names_split_on_lines_and_chinese_separators() {
        assert_eq!(
            parse_assessor_names("张三、李四，王五\r\n赵六; 孙七\n\n"),
            ["张三", "李四", "王五", "赵六", "孙七"]
        );
        assert!(parse_assessor_names("  \n").is_empty());
    }

    #[test]
    fn another_weight_makes_a_new_scheme_version_and_keeps_the_chosen_one() {
        let mut s = sample_city(1);
        let mut f = form(&s);
        let chosen = s.schemes[0].clone();
        f.self_weight = "20%".into();
        let id = create_round(&mut s, &f, "now").expect("valid");
        let r = s.round(&id).expect("round");
        assert_ne!(r.scheme_id, chosen.id);
        let v = s.scheme(&r.scheme_id).expect("new version");
        assert_eq!(v.family, chosen.family);
        assert_eq!(v.version, chosen.version + 1);
        assert_eq!(v.aggregation.self_weight_pct, 20);
        assert_eq!(
            s.scheme(&chosen.id),
            Some(&chosen),
            "the chosen version is unchanged"
        );
        assert!(crate::domain::validate_state(&s).is_ok());
    }

    #[test]
    fn with_no_scheme_the_built_in_default_is_offered_and_added() {
        let mut s = sample_city(1);
        let mut f = form(&s);
        s.schemes.clear();
        s.rounds.clear();
        let choices = scheme_choices(&s, 2027);
        assert_eq!(choices.len(), 1);
        assert_eq!(choices[0].id, BUILT_IN_SCHEME);
        f.scheme_id = BUILT_IN_SCHEME.into();
        let id = create_round(&mut s, &f, "now").expect("valid");
        let r = s.round(&id).expect("round");
        let sch = s.scheme(&r.scheme_id).expect("default scheme added");
        assert_eq!(sch.year, 2027);
        assert_eq!(s.schemes.len(), 1);
    }

    #[test]
    fn choices_and_defaults() {
        let s = sample_city(1);
        let c = scheme_choices(&s, 2027);
        assert_eq!(c.len(), s.schemes.len());
        assert!(c[0].label.contains("2026") && c[0].label.contains("第1版"));
        assert_eq!(suggest_year(&s, 2026), 2027);
        assert_eq!(suggest_year(&AppState::default(), 2026), 2026);
        // Next year's round made: next year still, never the year after.
        let mut ahead = s.clone();
        let mut next = ahead.rounds[0].clone();
        next.year = 2027;
        ahead.rounds.push(next);
        assert_eq!(suggest_year(&ahead, 2026), 2027);
        let d = default_scheme_choice(&s, 2025).expect("a 2025 scheme");
        assert!(d.label.contains("2025"));
        let d = default_scheme_choice(&s, 2030).expect("falls back to the newest");
        assert!(d.label.contains("2026"));
    }

    #[test]
    fn progress_counts_complete_partial_and_missing_sheets() {
        let mut s = sample_city(1);
        let f = form(&s);
        let id = create_round(&mut s, &f, "now").expect("valid");
        let r = s.round(&id).expect("round").clone();
        let n = s.scheme(&r.scheme_id).expect("scheme").indicator_count();
        let mut r2 = r.clone();
        let a0 = SheetSource::Assessor(r.assessors[0].id.clone());
        let mut full = vec![Some(Points::whole(1)); n];
        r2.sheets.push(ScoreSheet {
            unit_id: r.unit_ids[0].clone(),
            source: a0.clone(),
            points: full.clone(),
            evidence: Default::default(),
            submitted: false,
            meta: RecordMeta::default(),
        });
        full[3] = None;
        full[4] = None;
        r2.sheets.push(ScoreSheet {
            unit_id: r.unit_ids[1].clone(),
            source: a0.clone(),
            points: full,
            evidence: Default::default(),
            submitted: false,
            meta: RecordMeta::default(),
        });
        // An all-blank sheet counts as not started.
        r2.sheets.push(ScoreSheet {
            unit_id: r.unit_ids[2].clone(),
            source: a0.clone(),
            points: vec![None; n],
            evidence: Default::default(),
            submitted: false,
            meta: RecordMeta::default(),
        });
        let p = round_progress(&r2, n);
        assert_eq!(p.len(), r.assessors.len() + 1);
        assert_eq!(p[0].expected, r.unit_ids.len());
        assert_eq!((p[0].complete, p[0].partial, p[0].blanks), (1, 1, 2));
        assert_eq!(p[0].scored(), 2);
        assert_eq!(p[0].not_started.len(), r.unit_ids.len() - 2);
        assert_eq!(p[0].not_started[0], r.unit_ids[2]);
        assert_eq!(p[1].scored(), 0);
        assert_eq!(p.last().map(|l| l.name.as_str()), Some("自评"));
        assert_eq!(
            sheet_status(&r2, &a0, &r.unit_ids[1], n),
            SheetStatus::Partial(2)
        );
        assert_eq!(SheetStatus::Partial(2).label(), "缺 2 项");
        let sum = round_summary(&r2, n);
        assert_eq!(sum.expected, r.unit_ids.len() * (r.assessors.len() + 1));
        assert_eq!((sum.complete, sum.partial), (1, 1));
        assert!(sum.label().contains("另有 1 份未填完"));
        // The units' 自评表 are said apart (a clerk compared 10/32 with 结果's 还缺14份
        // 评委评分表, the other 8 being 自评).
        assert_eq!(sum.self_expected, r.unit_ids.len());
        assert!(
            sum.label()
                .contains(&format!("（其中自评表 0/{} 份）", r.unit_ids.len())),
            "{}",
            sum.label()
        );
        // When they count for nothing, that is said (a clerk's review: 16/24 read as a
        // round not finished).
        assert!(
            sum.weighed(0).label().contains(&format!(
                "（其中自评表 0/{} 份，只作参考、不计入得分）",
                r.unit_ids.len()
            )),
            "{}",
            sum.weighed(0).label()
        );
        assert_eq!(sum.weighed(20).label(), sum.label());

        // An assessor assigned some units only is expected for those.
        r2.assessors[1].unit_ids = vec![r.unit_ids[0].clone()];
        let a1 = SheetSource::Assessor(r.assessors[1].id.clone());
        assert_eq!(
            sheet_status(&r2, &a1, &r.unit_ids[1], n),
            SheetStatus::NotAssigned
        );
        assert_eq!(round_progress(&r2, n)[1].expected, 1);
    }

    #[test]
    fn sample_rounds_are_complete() {
        let s = sample_city(1);
        for r in &s.rounds {
            let n = s.scheme(&r.scheme_id).expect("scheme").indicator_count();
            let sum = round_summary(r, n);
            assert_eq!(sum.complete, sum.expected);
            assert!(sum.label().starts_with("全部"));
        }
    }

    /// A round set up, then its scheme corrected: the scored round's version stays,
    /// the correction is a new version.
    fn round_and_corrected_scheme() -> (AppState, Id, Id) {
        let mut s = sample_city(1);
        let f = form(&s);
        let old = f.scheme_id.clone();
        let id = create_round(&mut s, &f, "2027-01-05T08:00:00Z").expect("valid form");
        assert!(
            crate::domain::scheme_has_scores(&s, &old),
            "the sample scored it"
        );
        let mut edited = s.scheme(&old).expect("scheme").clone();
        edited.dimensions[0].indicators[0].name = "改正后的指标".into();
        let new = save_scheme_edit(&mut s, edited, "2027-01-06T08:00:00Z");
        assert_ne!(new, old, "a new version");
        (s, id, new)
    }

    #[test]
    fn a_round_with_no_scores_moves_to_the_corrected_version() {
        let (mut s, id, new) = round_and_corrected_scheme();
        let first = s
            .scheme(&new)
            .expect("v2")
            .indicators()
            .next()
            .unwrap()
            .id
            .clone();
        let r = s.rounds.iter_mut().find(|r| r.id == id).unwrap();
        let unit = r.unit_ids[0].clone();
        let mut sheet = ScoreSheet {
            unit_id: unit,
            source: SheetSource::SelfAssessment,
            points: vec![None; 22],
            evidence: Default::default(),
            submitted: false,
            meta: Default::default(),
        };
        sheet.evidence.insert(first.clone(), "台账齐全".into());
        sheet.evidence.insert("gone".into(), "旧指标的说明".into());
        r.sheets.push(sheet);
        let rev = r.meta.rev;
        let told = switch_scheme(&mut s, &id, &new, "2027-01-07T08:00:00Z").expect("no scores");
        assert_eq!(told.dropped_notes, 1);
        let msg = told.message();
        assert!(
            msg.contains("（第1版）改用") && msg.contains("（第2版）"),
            "{msg}"
        );
        assert!(msg.contains("1 条") && !msg.contains("任务文件"), "{msg}");
        let r = s.round(&id).unwrap();
        assert_eq!(r.scheme_id, new);
        assert!(r.meta.rev > rev);
        let sheet = r.sheets.get(0).unwrap();
        assert_eq!(
            sheet.points.len(),
            s.scheme(&new).unwrap().indicator_count()
        );
        assert_eq!(
            sheet.evidence.len(),
            1,
            "the note of a kept indicator stays"
        );
        assert!(crate::domain::validate_state(&s).is_ok());
    }

    #[test]
    fn a_scored_round_keeps_its_scheme_and_nothing_changes() {
        let (mut s, _, new) = round_and_corrected_scheme();
        let scored = s.rounds.iter().find(|r| r.has_scores()).unwrap().id.clone();
        let before = s.clone();
        let e = switch_scheme(&mut s, &scored, &new, "now").unwrap_err();
        assert!(matches!(e, RoundSetupError::RoundHasScores(_)));
        assert!(e.to_string().contains("不能更换考评方案"), "{e}");
        assert_eq!(s, before);
    }

    #[test]
    fn the_same_or_an_unknown_scheme_is_refused() {
        let (mut s, id, _) = round_and_corrected_scheme();
        let own = s.round(&id).unwrap().scheme_id.clone();
        let before = s.clone();
        assert!(matches!(
            switch_scheme(&mut s, &id, &own, "now"),
            Err(RoundSetupError::SameScheme(_))
        ));
        assert!(matches!(
            switch_scheme(&mut s, &id, "s404", "now"),
            Err(RoundSetupError::SchemeNotFound(_))
        ));
        assert!(matches!(
            switch_scheme(&mut s, "r404", &own, "now"),
            Err(RoundSetupError::RoundNotFound)
        ));
        assert_eq!(s, before);
    }

    /// A clerk's review: after 更换考评方案, 数据交换 still listed the task files sent
    /// before as plainly 已发放, though their returns would be refused.
    #[test]
    fn a_task_sent_before_the_switch_is_known_as_made_with_the_old_scheme() {
        use crate::domain::exchange::{export_to_unit, Party};
        let (mut s, id, new) = round_and_corrected_scheme();
        let unit = s.round(&id).unwrap().unit_ids[0].clone();
        let party = Party::Unit(unit.clone());
        let stale = |s: &AppState| {
            s.exchange
                .sent_with_another_scheme(s.round(&id).unwrap(), &party)
        };
        export_to_unit(&mut s, &id, &unit, "2027-01-06T09:00:00Z", b"entropy").expect("sent");
        assert!(!stale(&s), "sent with the scheme the round uses");
        switch_scheme(&mut s, &id, &new, "2027-01-07T09:00:00Z").expect("switched");
        assert!(stale(&s));
        export_to_unit(&mut s, &id, &unit, "2027-01-07T10:00:00Z", b"entropy").expect("sent");
        assert!(!stale(&s), "sent again with the new version");
        // A party never sent anything is not said to hold an old one.
        let other = Party::Unit(s.round(&id).unwrap().unit_ids[1].clone());
        assert!(!s
            .exchange
            .sent_with_another_scheme(s.round(&id).unwrap(), &other));
    }

    #[test]
    fn switching_after_tasks_went_out_says_to_send_them_again() {
        let (mut s, id, new) = round_and_corrected_scheme();
        let aid = s.round(&id).unwrap().assessors[0].id.clone();
        s.exchange.sent.push(crate::domain::exchange::SentTask {
            round_id: id.clone(),
            party: crate::domain::exchange::Party::Assessor(aid),
            at: "2027-01-06T09:00:00Z".into(),
            records: Default::default(),
            scheme_id: String::new(),
            earlier: Default::default(),
        });
        let msg = scheme_switch(&s, &id, &new).unwrap().message();
        assert!(
            msg.contains("已发出的 1 份任务文件") && msg.contains("重新导出"),
            "{msg}"
        );
    }
}
