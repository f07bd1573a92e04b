//! The lists a clerk takes to Excel or WPS, as plain tables: the ranking with dimension
//! scores and the grade note, every assessor's raw score sheet, the roster with its
//! status history, and the units and assessors who have not returned their files.
//! The writers (`xlsx`, `csv`) turn these into files.

use super::{date, text, year_lists, Cell, Column, SumOf, Table};
use crate::domain::model::*;
use crate::domain::report::{ranking_rows, RoundReport, INCOMPLETE_NOTE};
use crate::domain::round_setup::expects;
use crate::domain::scoring::compute_round;

/// The ranking: 排名, 单位, 系统/行业, each dimension, 加减分, 总分, 等次, 等次说明,
/// 类型. Ungraded units have no rank, scores or total and the grade 未评定.
pub fn ranking_table(report: &RoundReport) -> Table {
    let mut columns = vec![
        Column::new("排名", 6.0),
        Column::new("单位", 28.0),
        Column::new("系统/行业", 12.0),
    ];
    columns.extend(report.dimension_names.iter().map(|n| Column::new(n, 12.0)));
    columns.extend([
        Column::new("加减分", 8.0),
        Column::new("总分", 8.0),
        Column::new("等次", 8.0),
        Column::new("等次说明", 30.0),
        Column::new("类型", 18.0),
    ]);
    let rows = ranking_rows(report)
        .into_iter()
        .map(|r| {
            let graded = r.total.is_some();
            let mut cells = vec![
                r.rank.map_or(Cell::Empty, |k| Cell::Number(f64::from(k))),
                text(r.unit_name.clone()),
                text(r.sector.clone()),
            ];
            cells.extend(r.dimensions.iter().map(|d| {
                if graded {
                    Cell::Number(d.rounded().as_f64())
                } else {
                    Cell::Empty
                }
            }));
            cells.push(if graded {
                Cell::Number(r.adjustment.as_f64())
            } else {
                Cell::Empty
            });
            cells.push(r.total.map_or(Cell::Empty, |t| Cell::Number(t.as_f64())));
            cells.push(text(r.grade.map_or("未评定", |g| g.label())));
            // A total counted from an incomplete scoring says so: the file travels
            // without the 结果 page's mark.
            let mut notes = r.grade_notes.clone();
            if graded && !r.complete {
                notes.push(INCOMPLETE_NOTE.to_string());
            }
            cells.push(text(notes.join("；")));
            // The type's neutral name: a file travels, and the speech's words (吃老本,
            // 闭门造车) are the committee's own.
            cells.push(text(r.effective_type().map_or("", |t| t.public_label())));
            cells
        })
        .collect();
    Table {
        sheet: "排名表".to_string(),
        columns,
        rows,
        // Units with fewer assessors than the scheme asks are said under the table, as
        // 结果 and the publication say it (a clerk's review: the file that left the
        // office read as a fully assessed ranking).
        footer: crate::domain::report::short_panel_message(report)
            .into_iter()
            .chain([crate::domain::report::ROUNDING_NOTE.to_string()])
            .map(|line| vec![text(line)])
            .collect(),
        title: format!("{}　排名表", report.round_name),
    }
}

/// A name fit for a sheet: at most 31 characters, none of `[]:*?/\`, unique among
/// `taken` (a number is added).
pub fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .take(28)
        .collect();
    let base = if clean.trim().is_empty() {
        "评委".to_string()
    } else {
        clean
    };
    let mut out = base.clone();
    let mut k = 2;
    while taken.iter().any(|t| t == &out) {
        out = format!("{base}{k}");
        k += 1;
    }
    out
}

/// Every assessor's raw score sheet, one table per assessor, ready to print for
/// signature: a line per unit the assessor scores, a column per indicator (its name
/// and full points), 合计 (the plain sum of the points entered), and the signature
/// lines under it. A blank stays blank.
pub fn assessor_tables(state: &AppState, round: &Round) -> Vec<Table> {
    let Some(scheme) = state.scheme(&round.scheme_id) else {
        return Vec::new();
    };
    let indicators: Vec<&Indicator> = scheme.indicators().collect();
    let mut taken: Vec<String> = Vec::new();
    round
        .assessors
        .iter()
        .map(|a| {
            let source = SheetSource::Assessor(a.id.clone());
            let mut columns = vec![Column::new("单位", 28.0)];
            columns.extend(
                indicators
                    .iter()
                    // Narrow, the heading wrapped: a sheet to sign prints legibly
                    // on one A4 page wide.
                    .map(|i| Column::new(&format!("{}（{}分）", i.name, i.max), 6.0)),
            );
            columns.push(Column::new("合计", 8.0));
            let rows = round
                .unit_ids
                .iter()
                .filter(|u| expects(round, &source, u))
                .map(|u| {
                    let name = state.unit(u).map_or(u.clone(), |x| x.name.clone());
                    let sheet = round.sheet(u, &source);
                    let mut cells = vec![text(name)];
                    let mut sum = crate::domain::points::Points::ZERO;
                    for k in 0..indicators.len() {
                        match sheet.and_then(|s| s.points.get(k).copied().flatten()) {
                            Some(p) => {
                                sum = sum + p;
                                cells.push(Cell::Number(p.as_f64()));
                            }
                            None => cells.push(Cell::Empty),
                        }
                    }
                    cells.push(if sheet.is_some() {
                        // A formula in Excel: a score corrected on paper is summed again.
                        Cell::Sum {
                            value: sum.as_f64(),
                            of: SumOf::Left { from: 1 },
                        }
                    } else {
                        Cell::Empty
                    });
                    cells
                })
                .collect();
            let sheet = sheet_name(&a.name, &taken);
            taken.push(sheet.clone());
            // Scores the committee holds otherwise than the assessor's own return (changed
            // from paper after it came in): said above the signature (a clerk's review: a
            // judge would sign scores never given, unmarked).
            let party = crate::domain::exchange::Party::Assessor(a.id.clone());
            let returned = crate::domain::exchange::received_from(state, &round.id, &party).0 > 0;
            let changed_here: Vec<String> = round
                .unit_ids
                .iter()
                .filter(|u| expects(round, &source, u))
                .filter(|u| {
                    returned
                        && round
                            .sheet(u, &source)
                            .is_some_and(|s| s.meta.by == state.settings.origin)
                })
                .map(|u| state.unit(u).map_or(u.clone(), |x| x.name.clone()))
                .collect();
            let mut footer = vec![vec![text(format!("{}　评委：{}", round.name, a.name))]];
            if !changed_here.is_empty() {
                footer.push(vec![text(format!(
                    "※ 以下单位的分数在收到评委报送的文件后由工委录入或修改，请评委核对后签名：{}",
                    changed_here.join("、")
                ))]);
            }
            footer.push(vec![text("评委签名："), Cell::Empty, text("日期：")]);
            Table {
                sheet,
                columns,
                rows,
                footer,
                title: format!("{}　评委评分表　评委：{}", round.name, a.name),
            }
        })
        .collect()
}

/// The roster (名册) and, as a second table, every unit's status history (状态变更).
pub fn roster_tables(state: &AppState) -> Vec<Table> {
    roster_tables_at(state, None)
}

/// [`roster_tables`] as the roster stood on `reference` (`YYYY-MM-DD`, a year's 31
/// December, or today while the year runs): the units then in the roster with their
/// status on that day, 授牌 and 牌匾 only if named by then, and the changes up to it.
/// With `None`, as it stands now.
pub fn roster_tables_at(state: &AppState, reference: Option<&str>) -> Vec<Table> {
    let on = |d: &str| reference.is_none_or(|r| d <= r);
    let units: Vec<(&Unit, UnitStatus)> = state
        .units
        .iter()
        .filter_map(|u| match reference {
            Some(r) => u.status_on(r).map(|st| (u, st)),
            None => Some((u, u.status)),
        })
        .collect();
    let roster = Table {
        sheet: "名册".to_string(),
        columns: vec![
            Column::new("单位", 28.0),
            Column::new("系统/行业", 12.0),
            Column::new("组织类型", 10.0),
            Column::new("责任人", 10.0),
            Column::new("联系方式", 16.0),
            Column::new("入选年份", 9.0),
            // As it stands now, or on the day the title names (a year's roster).
            Column::new(
                if reference.is_some() {
                    "状态"
                } else {
                    "当前状态"
                },
                9.0,
            ),
            Column::new("授牌日期", 12.0),
            Column::new("牌匾编号", 14.0),
            Column::new("整改期限", 12.0),
        ],
        rows: units
            .iter()
            .map(|(u, status)| {
                let named = u.plaque_held_on(*status, reference);
                // The deadline of the 警示 the unit is under now, if it was under it then.
                let rectify_by = u
                    .rectify_by
                    .as_deref()
                    .filter(|_| *status == UnitStatus::Warned && u.status == UnitStatus::Warned);
                vec![
                    text(u.name.clone()),
                    text(u.sector.clone()),
                    text(u.org_type.label()),
                    text(u.leader.clone()),
                    text(u.contact.clone()),
                    Cell::Number(f64::from(u.entered_year)),
                    text(status.label()),
                    date(named),
                    text(named.and(u.plaque_no.clone()).unwrap_or_default()),
                    date(rectify_by),
                ]
            })
            .collect(),
        footer: vec![],
        title: String::new(),
    };
    let mut changes: Vec<(&Unit, &StatusChange)> = units
        .iter()
        .flat_map(|(u, _)| u.history.iter().map(move |c| (*u, c)))
        .filter(|(_, c)| on(&c.date))
        .collect();
    changes.sort_by(|a, b| a.1.date.cmp(&b.1.date).then(a.0.name.cmp(&b.0.name)));
    let history = Table {
        sheet: "状态变更".to_string(),
        columns: vec![
            Column::new("单位", 28.0),
            Column::new("日期", 12.0),
            Column::new("原状态", 9.0),
            Column::new("新状态", 9.0),
            Column::new("原因", 30.0),
            Column::new("文号", 22.0),
        ],
        rows: changes
            .into_iter()
            .map(|(u, c)| {
                vec![
                    text(u.name.clone()),
                    date(Some(&c.date)),
                    // An entry into the programme (入选培育) has no status before it.
                    text(if c.from == c.to {
                        "—"
                    } else {
                        c.from.label()
                    }),
                    text(c.to.label()),
                    text(c.reason.clone()),
                    text(c.doc_no.clone()),
                ]
            })
            .collect(),
        footer: vec![],
        title: String::new(),
    };
    vec![roster, history]
}

/// Who has not returned their files in a round, or returned them with blanks (for
/// reminders): each assessor with units still to score, then with sheets not filled in
/// completely; then each unit without its self-assessment, or with blanks in it.
pub fn not_returned_table(state: &AppState, round: &Round) -> Table {
    let mut rows = Vec::new();
    if let Ok(results) = compute_round(state, &round.id) {
        let c = &results.completeness;
        let name = |id: &str| state.unit(id).map_or(id.to_string(), |u| u.name.clone());
        let contact = |id: &str| {
            state.unit(id).map_or(String::new(), |x| {
                format!("{} {}", x.leader, x.contact).trim().to_string()
            })
        };
        for s in &c.by_source {
            let blank: Vec<&crate::domain::scoring::SheetBlanks> = c
                .sheets_with_blanks
                .iter()
                .filter(|b| b.source == s.source)
                .collect();
            match &s.source {
                SheetSource::Assessor(aid) => {
                    let a = round.assessors.iter().find(|a| &a.id == aid);
                    let org = a.map_or(String::new(), |a| a.org.clone());
                    if !s.missing_units.is_empty() {
                        let names: Vec<String> = s.missing_units.iter().map(|u| name(u)).collect();
                        rows.push(vec![
                            text("评委"),
                            text(s.name.clone()),
                            text(org.clone()),
                            text(format!("评分表：{}", names.join("、"))),
                            Cell::Number(s.missing_units.len() as f64),
                        ]);
                    }
                    if !blank.is_empty() {
                        let names: Vec<String> = blank
                            .iter()
                            .map(|b| format!("{}（{} 项空白）", name(&b.unit_id), b.blanks))
                            .collect();
                        rows.push(vec![
                            text("评委"),
                            text(s.name.clone()),
                            text(org),
                            text(format!("评分表未填完：{}", names.join("、"))),
                            Cell::Number(blank.len() as f64),
                        ]);
                    }
                }
                SheetSource::SelfAssessment => {
                    for u in &s.missing_units {
                        rows.push(vec![
                            text("单位"),
                            text(name(u)),
                            text(contact(u)),
                            text("自评表"),
                            Cell::Number(1.0),
                        ]);
                    }
                    for b in blank {
                        rows.push(vec![
                            text("单位"),
                            text(name(&b.unit_id)),
                            text(contact(&b.unit_id)),
                            text(format!("自评表未填完（{} 项空白）", b.blanks)),
                            Cell::Number(1.0),
                        ]);
                    }
                }
            }
        }
    }
    Table {
        sheet: "未报送名单".to_string(),
        columns: vec![
            Column::new("类别", 6.0),
            Column::new("名称", 28.0),
            Column::new("单位/联系人", 22.0),
            Column::new("未交回或未填完", 40.0),
            Column::new("份数", 6.0),
        ],
        rows,
        footer: vec![],
        title: String::new(),
    }
}

/// The lists the 报表 page exports. The first four are the round's (the roster is
/// everyone's, whatever the year); the last five are the round's year's, chosen by date
/// (see `year_lists`), and their labels begin with 年度.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportList {
    Ranking,
    AssessorSheets,
    Roster,
    NotReturned,
    Outcomes,
    Rectification,
    Pairings,
    Resources,
    Visits,
}

impl ExportList {
    pub const ALL: [ExportList; 9] = [
        ExportList::Ranking,
        ExportList::AssessorSheets,
        ExportList::Roster,
        ExportList::NotReturned,
        ExportList::Outcomes,
        ExportList::Rectification,
        ExportList::Pairings,
        ExportList::Resources,
        ExportList::Visits,
    ];

    /// The list's name, also in the file name.
    pub fn label(self) -> &'static str {
        match self {
            ExportList::Ranking => "排名表",
            ExportList::AssessorSheets => "评委评分表",
            ExportList::Roster => "名册及状态变更",
            ExportList::NotReturned => "未报送名单",
            ExportList::Outcomes => "年度成果",
            ExportList::Rectification => "年度整改事项",
            ExportList::Pairings => "年度结对及活动",
            ExportList::Resources => "年度保障投入",
            ExportList::Visits => "年度督导记录",
        }
    }

    /// Whether the list is a round's (its ranking, sheets, returns): a year with no round
    /// has none. The roster and the year lists need only the year.
    pub fn needs_round(self) -> bool {
        matches!(
            self,
            ExportList::Ranking | ExportList::AssessorSheets | ExportList::NotReturned
        )
    }

    /// Whether the list is the records of the round's year rather than the round's own.
    pub fn is_year_list(self) -> bool {
        matches!(
            self,
            ExportList::Outcomes
                | ExportList::Rectification
                | ExportList::Pairings
                | ExportList::Resources
                | ExportList::Visits
        )
    }

    /// The list's tables from the round `round_id` (the roster needs none), and the
    /// file name's stem ("2026年度考评-排名表", "2026年度成果"). Overdue rectification is
    /// counted at 31 December of the round's year (see [`ExportList::tables_at`]).
    pub fn tables(
        self,
        state: &AppState,
        round_id: Option<&str>,
    ) -> Result<(String, Vec<Table>), super::OfficeError> {
        self.tables_at(state, None, round_id, None)
    }

    /// As [`ExportList::tables`], with overdue rectification counted at the year's
    /// reference date for `today` (31 December, or `today` while the year runs); without
    /// `today`, at 31 December.
    ///
    /// The year is `year`, else the round's; the roster with neither is today's.
    pub fn tables_at(
        self,
        state: &AppState,
        year: Option<u16>,
        round_id: Option<&str>,
        today: Option<&str>,
    ) -> Result<(String, Vec<Table>), super::OfficeError> {
        let round = round_id.and_then(|id| state.round(id));
        let year = year.or(round.map(|r| r.year));
        let mut stem = match (round, year) {
            // The year lists' names start with 年度 ("2026年度成果"); the roster's does not.
            (_, Some(y)) if !self.needs_round() && !self.is_year_list() => {
                format!("{y}年度{}", self.label())
            }
            (_, Some(y)) if !self.needs_round() => format!("{y}{}", self.label()),
            (Some(r), _) if self.needs_round() => format!("{}-{}", r.name, self.label()),
            _ => self.label().to_string(),
        };
        // The year's end, or today while the year runs (overdue items, the roster).
        let reference = |y: u16| {
            let end = format!("{y:04}-12-31");
            today.map_or(end, |t| {
                crate::domain::reports::reference_date(y, t.get(..10).unwrap_or(t))
            })
        };
        let tables = match (self, round, year) {
            (ExportList::Roster, _, None) => roster_tables(state),
            // The year's roster: as it stood at the year's end (or today while it runs).
            (ExportList::Roster, _, Some(y)) => roster_tables_at(state, Some(&reference(y))),
            (ExportList::Ranking, Some(r), _) => {
                let report = crate::domain::report::round_report(state, &r.id)
                    .map_err(|_| super::OfficeError::Empty)?;
                let mut t = ranking_table(&report);
                // Grades and ranks not yet the published ones say so in the file's name,
                // on every printed page and under the table (CSV has no page header), as
                // the printed matter does: the file travels without the page's note.
                if let Some(mark) = crate::domain::publishing::draft_mark(r, Some(&report.results))
                {
                    stem.push_str("（草稿）");
                    t.title = format!("{}（{mark}）", t.title);
                    t.footer.push(vec![text(format!(
                        "{mark}。正式的分数、等次和排名以工委发布的为准。"
                    ))]);
                }
                vec![t]
            }
            (ExportList::AssessorSheets, Some(r), _) => {
                let mut tables = assessor_tables(state, r);
                // Scores changed after the round was published: the sheets a judge signs
                // say so, as the ranking does (a clerk's review: unmarked beside it). Not
                // before publication: judges sign their sheets then as a matter of course.
                let results = crate::domain::scoring::compute_round(state, &r.id).ok();
                if crate::domain::publishing::changed_since_publication_of(r, results.as_ref()) {
                    let mark = crate::domain::publishing::CHANGED_MARK;
                    stem.push_str("（草稿）");
                    for t in &mut tables {
                        t.title = format!("{}（{mark}）", t.title);
                    }
                }
                tables
            }
            (ExportList::NotReturned, Some(r), _) => vec![not_returned_table(state, r)],
            (ExportList::Outcomes, _, Some(y)) => {
                vec![year_lists::outcomes_table(state, y, &reference(y))]
            }
            (ExportList::Rectification, _, Some(y)) => {
                vec![year_lists::rectification_table(state, y, &reference(y))]
            }
            (ExportList::Pairings, _, Some(y)) => {
                year_lists::pairing_tables(state, y, &reference(y))
            }
            (ExportList::Resources, _, Some(y)) => {
                vec![year_lists::resources_table(state, y, &reference(y))]
            }
            (ExportList::Visits, _, Some(y)) => vec![year_lists::visits_table(state, y)],
            _ => return Err(super::OfficeError::Empty),
        };
        if tables.is_empty() {
            return Err(super::OfficeError::Empty);
        }
        // A page printed from WPS says what it is and as of when: the lists' own title
        // when they have one (the ranking, an assessor's sheet), else the file's name;
        // and the day it was made, or for a year's lists the day they stand at (its 31
        // December once it is over: a clerk's review found a 2025 roster "截至" today).
        let many = tables.len() > 1;
        let as_of = match year {
            Some(y) if !self.needs_round() => today.map(|_| reference(y)),
            _ => today.and_then(|t| t.get(..10)).map(str::to_string),
        }
        .map(|d| format!("（截至{d}）"))
        .unwrap_or_default();
        let tables = tables
            .into_iter()
            .map(|mut t| {
                if t.title.is_empty() {
                    let what = stem.replace('-', "　");
                    t.title = if many {
                        format!("{what}　{}{as_of}", t.sheet)
                    } else {
                        format!("{what}{as_of}")
                    };
                } else {
                    // A draft ranking can still change: it says as of when, too.
                    t.title.push_str(&as_of);
                }
                t
            })
            .collect::<Vec<_>>();
        // A header-only file says nothing a clerk should have to open to learn.
        if tables.iter().all(|t| t.rows.is_empty()) {
            return Err(super::OfficeError::NothingIn(format!("「{stem}」")));
        }
        Ok((stem, tables))
    }
}
