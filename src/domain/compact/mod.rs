//! The compact stored form of a round's score sheets.
//!
//! A large city has 300 units × 8 sources × 50 indicators × 5 rounds = 600,000
//! scores; one JSON object per score would not fit in local storage. So [`Round`]
//! serialises through [`RoundStored`]: per source (each assessor in the round's
//! assessor order, then the self-assessment) **one string** covering the round's
//! units in `unit_ids` order, one character per score.
//!
//! Grammar of a source string (`null` when the source has no sheet at all):
//!
//! ```text
//! source   = segment ("," segment)*        one segment per unit in unit_ids order
//! segment  = "-"                           no sheet from this source for this unit
//!          | ["+"] cell*                   a sheet; "+" marks it submitted
//! cell     = ALPHA                         points = index in ALPHA × 0.5
//!          | "."                           blank (not a zero)
//!          | "{" integer "}"               any other value, in hundredths (e.g. {25})
//! ALPHA    = 0-9 a-z A-Z                   62 characters: 0 to 30.5 points
//! ```
//!
//! Sheet metadata goes into a table of distinct [`RecordMeta`] values (`mt`) and one
//! index string per source (`mi`, one character per unit, `.` for default metadata,
//! same alphabet and escapes). Evidence notes are kept only where present (`ev`).
//! Sheets that do not fit the grid (a unit not in the round, an unknown assessor, a
//! duplicate) are kept whole in `extra`; when sheets are not in grid order, `ord`
//! records the original order. So serialise → deserialise is the identity for every
//! round, and decoding untrusted text never panics: it fails with a [`CompactError`]
//! that says in Chinese where the data is broken.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::*;
use super::points::Points;

mod decode;
#[cfg(test)]
use decode::{parse_cells, parse_indices};

/// The 62 one-character values: index × 0.5 points.
pub const ALPHA: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn alpha_index(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'a'..='z' => Some(c as u32 - 'a' as u32 + 10),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 36),
        _ => None,
    }
}

fn push_index(out: &mut String, n: usize) {
    match ALPHA.get(n) {
        Some(&c) => out.push(c as char),
        None => {
            out.push('{');
            out.push_str(&n.to_string());
            out.push('}');
        }
    }
}

fn push_points(out: &mut String, p: Option<Points>) {
    match p {
        None => out.push('.'),
        Some(p) => {
            let h = p.hundredths();
            if h >= 0 && h % 50 == 0 && ((h / 50) as usize) < ALPHA.len() {
                out.push(ALPHA[(h / 50) as usize] as char);
            } else {
                out.push('{');
                out.push_str(&h.to_string());
                out.push('}');
            }
        }
    }
}

/// Why stored round data cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompactError {
    #[error(
        "考评轮次「{round}」的评分数据损坏：有 {found} 组评委评分，但本轮有 {expected} 位评委"
    )]
    SourceCount {
        round: String,
        found: usize,
        expected: usize,
    },
    #[error("考评轮次「{round}」的评分数据损坏：{source_name}的评分覆盖 {found} 个单位，但本轮有 {expected} 个单位")]
    SegmentCount {
        round: String,
        source_name: String,
        found: usize,
        expected: usize,
    },
    #[error("考评轮次「{round}」的评分数据损坏：{source_name}对单位「{unit}」的评分中有无法识别的内容「{text}」")]
    BadCell {
        round: String,
        source_name: String,
        unit: String,
        text: String,
    },
    #[error("考评轮次「{round}」的评分数据损坏：{what}")]
    Other { round: String, what: String },
}

/// The stored form of a [`Round`] (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundStored {
    pub id: Id,
    pub name: String,
    pub year: u16,
    pub scheme_id: Id,
    pub unit_ids: Vec<Id>,
    pub assessors: Vec<Assessor>,
    /// Per assessor (round order): the source string, or `null` with no sheet at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sa: Vec<Option<String>>,
    /// The self-assessments' source string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ss: Option<String>,
    /// Distinct sheet metadata as `[rev, updated, by]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mt: Vec<(u32, String, String)>,
    /// Per source (assessors then self): one character per unit indexing `mt`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mi: Vec<Option<String>>,
    /// Evidence notes as `[source index, unit index, notes]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ev: Vec<(u32, u32, BTreeMap<Id, String>)>,
    /// Sheets kept whole because they do not fit the grid. Read also as `sheets`: a
    /// round written by hand may list every sheet as a plain object there (see
    /// `docs/exchange-format.md`, "The backup, field by field"); the next save puts
    /// them into the compact strings.
    #[serde(default, alias = "sheets", skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<ScoreSheet>,
    /// Original positions of the sheets (grid order, then `extra`), when not in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ord: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_overrides: Vec<TypeOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided_proposals: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed_proposals: Vec<DismissedProposal>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(default, skip_serializing_if = "is_default_meta")]
    pub meta: RecordMeta,
}

fn is_default_meta(m: &RecordMeta) -> bool {
    *m == RecordMeta::default()
}

/// Puts a round's sheets in grid order (assessors in round order, then the
/// self-assessment; units in `unit_ids` order), so the stored form needs no `ord`.
pub fn sort_sheets(round: &mut Round) {
    let mut taken = std::collections::BTreeSet::new();
    let mut keyed: Vec<((usize, usize, usize), ScoreSheet)> = Vec::new();
    for (k, s) in round.sheets.take_all().into_iter().enumerate() {
        let src = match &s.source {
            SheetSource::Assessor(id) => round.assessors.iter().position(|a| &a.id == id),
            SheetSource::SelfAssessment => Some(round.assessors.len()),
        };
        let unit = round.unit_ids.iter().position(|u| u == &s.unit_id);
        let key = match (src, unit) {
            (Some(si), Some(ui)) if taken.insert((si, ui)) => (0, si, ui),
            // Sheets that do not fit the grid keep their order, after the grid.
            _ => (1, k, 0),
        };
        keyed.push((key, s));
    }
    crate::domain::sorting::sort_by_key(&mut keyed, |(k, _)| *k);
    round.sheets = keyed.into_iter().map(|(_, s)| s).collect();
}

impl From<Round> for RoundStored {
    fn from(r: Round) -> RoundStored {
        let n_src = r.assessors.len() + 1;
        let n_units = r.unit_ids.len();
        let mut unit_pos: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, u) in r.unit_ids.iter().enumerate() {
            unit_pos.entry(u.as_str()).or_insert(i);
        }
        let mut src_pos: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, a) in r.assessors.iter().enumerate() {
            src_pos.entry(a.id.as_str()).or_insert(i);
        }
        // grid[src][unit] = index into r.sheets
        let mut grid: Vec<Vec<Option<usize>>> = vec![vec![None; n_units]; n_src];
        let mut extra_idx = Vec::new();
        for (k, s) in r.sheets.iter().enumerate() {
            let si = match &s.source {
                SheetSource::Assessor(id) => src_pos.get(id.as_str()).copied(),
                SheetSource::SelfAssessment => Some(n_src - 1),
            };
            let ui = unit_pos.get(s.unit_id.as_str()).copied();
            match (si, ui) {
                (Some(si), Some(ui)) if grid[si][ui].is_none() => grid[si][ui] = Some(k),
                _ => extra_idx.push(k),
            }
        }
        let mut strings: Vec<Option<String>> = Vec::with_capacity(n_src);
        let mut meta_table: Vec<RecordMeta> = Vec::new();
        let mut meta_lookup: BTreeMap<(u32, &str, &str), usize> = BTreeMap::new();
        let mut mi: Vec<Option<String>> = Vec::with_capacity(n_src);
        let mut ev = Vec::new();
        let mut order: Vec<usize> = Vec::with_capacity(r.sheets.len());
        for (si, row) in grid.iter().enumerate() {
            if row.iter().all(|c| c.is_none()) {
                strings.push(None);
                mi.push(None);
                continue;
            }
            let mut s = String::new();
            let mut m = String::new();
            let mut any_meta = false;
            for (ui, cell) in row.iter().enumerate() {
                if ui > 0 {
                    s.push(',');
                }
                let Some(k) = cell else {
                    s.push('-');
                    m.push('.');
                    continue;
                };
                order.push(*k);
                let sheet = &r.sheets[*k];
                if sheet.submitted {
                    s.push('+');
                }
                for p in &sheet.points {
                    push_points(&mut s, *p);
                }
                if sheet.meta == RecordMeta::default() {
                    m.push('.');
                } else {
                    any_meta = true;
                    let key = (
                        sheet.meta.rev,
                        sheet.meta.updated.as_str(),
                        sheet.meta.by.as_str(),
                    );
                    let idx = *meta_lookup.entry(key).or_insert_with(|| {
                        meta_table.push(sheet.meta.clone());
                        meta_table.len() - 1
                    });
                    push_index(&mut m, idx);
                }
                if !sheet.evidence.is_empty() {
                    ev.push((si as u32, ui as u32, sheet.evidence.clone()));
                }
            }
            strings.push(Some(s));
            mi.push(if any_meta { Some(m) } else { None });
        }
        order.extend(extra_idx.iter().copied());
        let in_order = order.iter().enumerate().all(|(i, k)| i == *k);
        let ss = strings.pop().flatten();
        let mi = if mi.iter().all(|m| m.is_none()) {
            Vec::new()
        } else {
            mi
        };
        let sa = if strings.iter().all(|s| s.is_none()) {
            Vec::new()
        } else {
            strings
        };
        let mt = meta_table
            .into_iter()
            .map(|m| (m.rev, m.updated, m.by))
            .collect();
        let extra = extra_idx.iter().map(|&k| r.sheets[k].clone()).collect();
        RoundStored {
            id: r.id,
            name: r.name,
            year: r.year,
            scheme_id: r.scheme_id,
            unit_ids: r.unit_ids,
            assessors: r.assessors,
            sa,
            ss,
            mt,
            mi,
            ev,
            extra,
            ord: if in_order {
                None
            } else {
                Some(order.into_iter().map(|k| k as u32).collect())
            },
            adjustments: r.adjustments,
            type_overrides: r.type_overrides,
            decided_proposals: r.decided_proposals,
            dismissed_proposals: r.dismissed_proposals,
            published: r.published,
            publication: r.publication,
            meta: r.meta,
        }
    }
}

/// The stored size of a state in characters as local storage counts them (UTF-16
/// code units of its JSON).
pub fn stored_chars(state: &AppState) -> Result<usize, serde_json::Error> {
    Ok(serde_json::to_string(state)?.encode_utf16().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_parse_and_reject() {
        assert_eq!(
            parse_cells("0.Z{25}{-50}"),
            Ok(vec![
                Some(Points(0)),
                None,
                Some(Points(61 * 50)),
                Some(Points(25)),
                Some(Points(-50))
            ])
        );
        assert!(parse_cells("{12").is_err());
        assert!(parse_cells("{x}").is_err());
        assert!(parse_cells("!").is_err());
        assert!(parse_cells("{99999999999999999999}").is_err());
        // The message names the whole character, even when it takes several bytes.
        assert_eq!(parse_cells("ab中c"), Err("中".to_string()));
        assert_eq!(
            parse_cells("{25}1."),
            Ok(vec![Some(Points(25)), Some(Points(50)), None])
        );
    }

    #[test]
    fn indices_parse() {
        assert_eq!(parse_indices(".1{70}"), Some(vec![None, Some(1), Some(70)]));
        assert_eq!(parse_indices("{x}"), None);
        assert_eq!(parse_indices("!"), None);
        assert_eq!(parse_indices("{12"), None);
    }
}
