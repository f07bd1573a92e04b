//! Published results as a file: the rows as published, their digest, and the signed
//! results file.

use super::*;

/// The published results of a round as rows in ranking order (未评定 last).
pub fn published_results(
    state: &AppState,
    round_id: &str,
    now: &str,
) -> Result<PublishedResults, ExchangeError> {
    let round = round_of(state, round_id)?;
    if !round.published {
        return Err(ExchangeError::Export(format!(
            "考评轮次「{}」尚未发布结果",
            round.name
        )));
    }
    let rows = result_rows(state, round_id)?;
    // The file says when the results were published, and carries what was published:
    // a change of scores since then has to be published again first.
    let published_at = match &round.publication {
        Some(p) if p.digest != results_digest(&rows) => {
            return Err(ExchangeError::Export(format!(
                "「{}」发布后评分或加减分有改动，现在的结果与已发布的不同。请先在“结果”页重新发布，再导出结果文件。",
                round.name
            )))
        }
        Some(p) => p.at.clone(),
        // Published before the time was recorded.
        None => now.to_string(),
    };
    Ok(PublishedResults {
        round_id: round.id.clone(),
        round_name: round.name.clone(),
        year: round.year,
        scheme_id: round.scheme_id.clone(),
        published_at,
        rows,
    })
}

/// A round's results as published: one row per unit in ranking order (未评定 last).
pub fn result_rows(state: &AppState, round_id: &str) -> Result<Vec<ResultRow>, ExchangeError> {
    let results =
        compute_round(state, round_id).map_err(|e| ExchangeError::Export(e.to_string()))?;
    Ok(rows_of(&results))
}

/// What the one results file, sent to every unit and assessor, says of a vetoed unit:
/// that a rule of the scheme set its grade, neither that it was a veto nor for what (a
/// unit's 一票否决 is its own matter, told to it by the committee on its report card,
/// not to the whole city; a clerk's review read it in the file with Notepad).
pub const VETO_PUBLIC_NOTE: &str = "按考评办法的有关规定评为不合格";

/// [`result_rows`] from a round's already computed results.
pub fn rows_of(results: &RoundResults) -> Vec<ResultRow> {
    results
        .ranking()
        .map(|u| ResultRow {
            unit_id: u.unit_id.clone(),
            unit_name: u.unit_name.clone(),
            total: u.total,
            grade: u.grade,
            rank: u.rank,
            grade_note: if u.vetoes.is_empty() {
                u.grade_notes.join("；")
            } else {
                VETO_PUBLIC_NOTE.to_string()
            },
        })
        .collect()
}

/// SHA-256 (hex) of result rows: what [`Publication::digest`] records. Over the
/// figures only (unit, total, grade, rank): the grade's note explains them and is left
/// out, so that rounds published before notes travelled do not read as changed.
pub fn results_digest(rows: &[ResultRow]) -> String {
    use sha2::{Digest, Sha256};
    let figures: Vec<ResultRow> = rows
        .iter()
        .map(|r| ResultRow {
            grade_note: String::new(),
            ..r.clone()
        })
        .collect();
    // Plain data with string keys: serialising cannot fail.
    let text = serde_json::to_string(&figures).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short digest (16 hex digits of SHA-256) of one unit's published figures: its
/// total, grade and rank, as [`results_digest`] counts them.
pub fn unit_figures_digest(row: &ResultRow) -> String {
    use sha2::{Digest, Sha256};
    let figures = ResultRow {
        grade_note: String::new(),
        ..row.clone()
    };
    // Plain data with string keys: serialising cannot fail.
    let text = serde_json::to_string(&figures).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The record of publishing `rows` at `at`: their digest, and each unit's.
pub fn publication_of(rows: &[ResultRow], at: &str) -> Publication {
    Publication {
        at: at.to_string(),
        digest: results_digest(rows),
        units: rows
            .iter()
            .map(|r| (r.unit_id.clone(), unit_figures_digest(r)))
            .collect(),
    }
}

/// 工委 → 所有人: the published results of a round, signed with the committee's key
/// ([`super::ensure_committee_key`]; unsigned when this copy has none, and then every
/// copy that pinned a key refuses it).
pub fn export_results(
    state: &AppState,
    round_id: &str,
    now: &str,
) -> Result<String, ExchangeError> {
    let pr = published_results(state, round_id, now)?;
    let round = round_of(state, round_id)?;
    let scheme = scheme_of(state, round)?;
    let (scheme_ref, round_ref) = refs(round, scheme);
    let header = Header {
        kind: PackageKind::Results,
        made_by: Party::Committee,
        made_by_name: "工委".to_string(),
        made_at: now.to_string(),
        scheme: scheme_ref,
        round: round_ref,
    };
    // Plain data with string keys: serialising cannot fail.
    let text = serde_json::to_string(&Content::Results(Box::new(pr))).unwrap_or_default();
    let key = state.exchange.key.as_ref();
    Ok(seal_with(header, text, |m| {
        key.and_then(|k| sign_results(k, m))
    }))
}
