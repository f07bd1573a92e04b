//! What a whole state holds that today's forms would refuse, though an older version
//! of the app let it in: said before a backup replaces this copy's data, so that a
//! hand-edited or old backup is restored knowingly and put right afterwards.
//!
//! These are cautions, not refusals: a backup made by an older version (before a
//! rule existed) must still restore. A state the app never made — two units whose
//! names are the same character for character — is refused by [`check_roster`].

use std::collections::BTreeMap;

use super::ValidationError;
use crate::domain::model::AppState;
use crate::domain::outcomes::{corner_quoted, filing_key};
use crate::domain::roster::{bare_name, year_to_come};

/// One thing a form would now refuse, named so that a clerk finds it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Caution {
    #[error("单位「{first}」和「{second}」名称相同（只差空格、全角半角或看不见的字符）")]
    SameName { first: String, second: String },
    #[error("单位「{unit}」入选年份 {year} 晚于其最早的状态变更（{first}）")]
    EntryAfterHistory {
        unit: String,
        year: u16,
        first: String,
    },
    #[error(
        "单位「{unit}」入选年份 {year} 远在 {this_year} 年之后（只有下一年入选的单位可以提前登记）"
    )]
    EntryAhead {
        unit: String,
        year: u16,
        this_year: i32,
    },
    #[error("备案编号「{no}」同时用于{}", .outcomes.join("、"))]
    FilingNoShared { no: String, outcomes: Vec<String> },
}

/// Two units with one name, character for character (after trimming): the roster has
/// refused this from its first version, so no state the app made holds it, and names
/// are how a pasted table or a roster file finds its unit.
pub fn check_roster(state: &AppState) -> Vec<ValidationError> {
    let mut seen = BTreeMap::new();
    let mut errs = Vec::new();
    for u in &state.units {
        let name = u.name.trim();
        if seen.insert(name, ()).is_some() {
            errs.push(ValidationError::DuplicateUnitName {
                name: name.to_string(),
            });
        }
    }
    errs
}

/// How many cautions [`cautions_said`] names before it counts the rest.
const NAMED: usize = 8;

/// The cautions said in one paragraph, for the question before a backup replaces the
/// data (`None` when there are none): the first few named, the rest counted.
pub fn cautions_said(list: &[Caution]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let named: Vec<String> = list.iter().take(NAMED).map(ToString::to_string).collect();
    let more = list.len().saturating_sub(NAMED);
    Some(format!(
        "请注意：此备份中有 {} 处现在的表单不允许的情况（可能来自旧版本，或文件被改动过）：{}{}。可以恢复，恢复后请在相应页面核对更正。",
        list.len(),
        named.join("；"),
        if more > 0 {
            format!("；另有 {more} 处")
        } else {
            String::new()
        }
    ))
}

/// The cautions of `state` as read in `this_year` (`None`: no year to compare an
/// entry year with).
pub fn cautions(state: &AppState, this_year: Option<i32>) -> Vec<Caution> {
    let mut out = Vec::new();
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    for u in &state.units {
        match names.get(&bare_name(&u.name)) {
            // Exactly the same name is refused ([`check_roster`]), not cautioned.
            Some(first) if first.trim() != u.name.trim() => out.push(Caution::SameName {
                first: first.to_string(),
                second: u.name.clone(),
            }),
            Some(_) => {}
            None => {
                names.insert(bare_name(&u.name), &u.name);
            }
        }
        if let Some(first) = u.history.iter().map(|h| h.date.as_str()).min() {
            if crate::domain::dates::year_of(first) < Some(i32::from(u.entered_year)) {
                out.push(Caution::EntryAfterHistory {
                    unit: u.name.clone(),
                    year: u.entered_year,
                    first: first.to_string(),
                });
            }
        }
        if let Some(this_year) = this_year.filter(|t| year_to_come(u.entered_year, *t)) {
            out.push(Caution::EntryAhead {
                unit: u.name.clone(),
                year: u.entered_year,
                this_year,
            });
        }
    }
    let mut filings: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for o in &state.outcomes {
        if o.path.filing_no.trim().is_empty() {
            continue;
        }
        let unit = state.unit(&o.unit_id).map_or("", |u| u.name.as_str());
        filings
            .entry(filing_key(&o.path.filing_no))
            .or_insert_with(|| (o.path.filing_no.trim().to_string(), Vec::new()))
            .1
            .push(format!("单位「{unit}」的成果{}", corner_quoted(&o.title)));
    }
    out.extend(
        filings
            .into_values()
            .filter(|(_, list)| list.len() > 1)
            .map(|(no, outcomes)| Caution::FilingNoShared { no, outcomes }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{StatusChange, UnitStatus};

    fn city() -> AppState {
        crate::domain::sample::sample_city(2026)
    }

    #[test]
    fn the_sample_city_has_no_caution_and_passes_the_roster_check() {
        let s = city();
        assert_eq!(cautions(&s, Some(2026)), vec![]);
        assert_eq!(check_roster(&s), vec![]);
    }

    #[test]
    fn two_units_of_one_name_are_refused_and_a_name_differing_in_spaces_is_cautioned() {
        let mut s = city();
        let first = s.units[0].name.clone();
        s.units[1].name = format!(" {first} ");
        assert_eq!(
            check_roster(&s),
            vec![ValidationError::DuplicateUnitName {
                name: first.clone()
            }]
        );
        assert_eq!(cautions(&s, None), vec![]);
        let spaced: String = first
            .chars()
            .flat_map(|c| [c, ' '])
            .collect::<String>()
            .trim()
            .to_string();
        s.units[1].name = spaced.clone();
        assert_eq!(check_roster(&s), vec![]);
        assert_eq!(
            cautions(&s, None),
            vec![Caution::SameName {
                first,
                second: spaced
            }]
        );
    }

    #[test]
    fn an_entry_year_after_the_first_change_or_years_ahead_is_cautioned() {
        let mut s = city();
        let u = &mut s.units[0];
        u.history = vec![StatusChange {
            date: "2024-05-01".into(),
            from: UnitStatus::Candidate,
            to: UnitStatus::Named,
            reason: String::new(),
            doc_no: String::new(),
        }];
        u.entered_year = 2025;
        let name = u.name.clone();
        assert_eq!(
            cautions(&s, Some(2026)),
            vec![Caution::EntryAfterHistory {
                unit: name.clone(),
                year: 2025,
                first: "2024-05-01".into()
            }]
        );
        s.units[0].history.clear();
        s.units[0].entered_year = 2027;
        assert_eq!(cautions(&s, Some(2026)), vec![], "next year's cohort");
        s.units[0].entered_year = 2030;
        assert_eq!(
            cautions(&s, Some(2026)),
            vec![Caution::EntryAhead {
                unit: name,
                year: 2030,
                this_year: 2026
            }]
        );
        assert_eq!(cautions(&s, None), vec![], "no year to compare with");
        let said = cautions_said(&cautions(&s, Some(2026))).expect("one");
        assert!(said.contains("有 1 处现在的表单不允许的情况"), "{said}");
        assert!(said.contains("入选年份 2030 远在 2026 年之后"), "{said}");
        assert_eq!(cautions_said(&[]), None);
    }

    #[test]
    fn one_filing_number_on_two_outcomes_is_cautioned_with_both_named() {
        let mut s = city();
        let filed: Vec<usize> = (0..s.outcomes.len())
            .filter(|&i| !s.outcomes[i].path.filing_no.is_empty())
            .take(2)
            .collect();
        assert_eq!(filed.len(), 2, "the sample files two outcomes at least");
        let no = s.outcomes[filed[0]].path.filing_no.clone();
        s.outcomes[filed[1]].path.filing_no = format!(" {} ", no.replace('〔', "("));
        let found = cautions(&s, None);
        assert_eq!(found.len(), 1);
        let text = found[0].to_string();
        assert!(text.starts_with(&format!("备案编号「{no}」同时用于单位「")));
        for i in filed {
            assert!(text.contains(&corner_quoted(&s.outcomes[i].title)));
        }
    }
}
