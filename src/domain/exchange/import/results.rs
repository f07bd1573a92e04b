//! Receiving published results: in a task copy or a blank browser; the committee's signature and the rows checked.

use super::*;

pub(super) fn with_results(
    state: &AppState,
    r: &PublishedResults,
) -> Result<AppState, ExchangeError> {
    if state.workspace.is_none() && !is_blank(state) {
        // The committee's own copy holds the round it published; another committee
        // computer (one that does not) is pointed to the backup instead.
        let why = if state.round(&r.round_id).is_some() {
            "这是工委发布的考评结果文件，供单位和评委查看；工委本机已有这些数据，无需导入"
        } else {
            "这是工委发布的考评结果文件，供单位和评委查看，不能导入工委的数据。要在这台电脑上接着做工委的工作，请在原来的电脑上“导出备份”，在这里“从备份恢复”"
        };
        return Err(ExchangeError::NotForThisCopy(why.to_string()));
    }
    let mut next = state.clone();
    let ws = next.workspace.get_or_insert_with(|| Workspace {
        party: Party::Public,
        party_name: String::new(),
        round_id: String::new(),
        access_code: String::new(),
        issued_at: String::new(),
        base: BTreeMap::new(),
        results: Vec::new(),
        committee_key: String::new(),
        issued: Default::default(),
        returned: Default::default(),
        task_made_at: String::new(),
        corrected: Default::default(),
    });
    match ws.results.iter_mut().find(|x| x.round_id == r.round_id) {
        // A file published before the results held (the committee published again
        // since) would put the superseded figures back.
        Some(slot) if slot.published_at.as_str() > r.published_at.as_str() => {
            return Err(ExchangeError::OlderResults(r.round_name.clone()));
        }
        Some(slot) => *slot = r.clone(),
        None => ws.results.push(r.clone()),
    }
    Ok(next)
}

/// The most rows a results file may have: far beyond any real round.
pub const MAX_RESULT_ROWS: usize = 5000;

/// A results file must be signed by the committee's key pinned in this copy. With no
/// key pinned (a blank browser, or a copy from an older task file) it can only be taken
/// with the explicit override.
pub(super) fn check_results_signature(
    state: &AppState,
    pkg: &Package,
    opts: &ImportOptions,
) -> Result<SignatureCheck, ExchangeError> {
    let pinned = state
        .workspace
        .as_ref()
        .map(|w| w.committee_key.as_str())
        .filter(|k| !k.is_empty());
    let Some(key) = pinned else {
        let e = ExchangeError::ResultsUnverified;
        return if opts.accept_unverified {
            Ok(SignatureCheck::Overridden(e.imported_anyway()))
        } else {
            Err(e)
        };
    };
    let signed = pkg
        .envelope
        .signature
        .as_deref()
        .is_some_and(|sig| verify_results(key, &signed_message(&pkg.envelope), sig));
    if signed {
        Ok(SignatureCheck::Verified)
    } else {
        Err(ExchangeError::ResultsForged)
    }
}

/// Rows that no real publication has: an unknown round, duplicate units, a negative
/// total, rank 0, ranks out of order, more rows than the round has units.
pub(super) fn check_result_rows(
    state: &AppState,
    r: &PublishedResults,
) -> Result<(), ExchangeError> {
    let bad = |what: String| Err(ExchangeError::BadResults(what));
    if r.rows.len() > MAX_RESULT_ROWS {
        return bad(format!(
            "共 {} 行，远超任何一次考评的规模（上限 {MAX_RESULT_ROWS} 行）",
            r.rows.len()
        ));
    }
    if !(2000..=2100).contains(&r.year) {
        return bad(format!("年度 {} 不合理", r.year));
    }
    // A task copy knows its round and scheme: the file must be about them, and no total
    // can pass the scheme's full points plus its bonus cap.
    let task_copy = state
        .workspace
        .as_ref()
        .is_some_and(|w| !w.round_id.is_empty());
    let mut most = None;
    if task_copy {
        let Some(round) = state.round(&r.round_id) else {
            // A genuine file for another round of the same person: say where it goes.
            let here = state
                .workspace
                .as_ref()
                .and_then(|w| state.round(&w.round_id))
                .map_or(String::new(), |x| {
                    format!("，而现在打开的是「{}」的任务", x.name)
                });
            return Err(ExchangeError::NotForThisCopy(format!(
                "这是「{}」的结果文件{here}：如本浏览器里有「{}」的任务副本，请先点页面顶部的“切换数据”换到它，再导入；没有的话，说明没有在这里打开过该轮次的任务文件，结果文件只能在打开过任务的地方查看，或请工委提供考评报告",
                r.round_name, r.round_name
            )));
        };
        if round.scheme_id != r.scheme_id || round.year != r.year {
            return bad(format!(
                "考评轮次「{}」的方案或年度与本机的不同",
                r.round_name
            ));
        }
        most = state
            .scheme(&round.scheme_id)
            .map(|sc| sc.full_points() + sc.bonus_cap);
    }
    let mut seen = BTreeSet::new();
    let mut last_rank = 0u32;
    let mut unranked = false;
    for (i, row) in r.rows.iter().enumerate() {
        let at = format!("第 {} 行（{}）", i + 1, row.unit_name);
        if row.unit_id.is_empty() || !seen.insert(row.unit_id.as_str()) {
            return bad(format!("{at}的单位重复或为空"));
        }
        if row.total.hundredths() < 0 {
            return bad(format!("{at}的总分 {} 为负数", row.total));
        }
        if let Some(max) = most.filter(|m| row.total > *m) {
            return bad(format!(
                "{at}的总分 {} 超过满分加上加分上限 {max}",
                row.total
            ));
        }
        match row.rank {
            Some(0) => return bad(format!("{at}的名次为 0")),
            Some(n) if unranked || n < last_rank || n as usize > r.rows.len() => {
                return bad(format!("{at}的名次 {n} 与排序不符"))
            }
            Some(n) => last_rank = n,
            None => unranked = true,
        }
    }
    Ok(())
}
