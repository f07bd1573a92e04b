//! Reading the compact stored form back into a round: every string checked, every
//! error said in Chinese (the grammar is in the parent module's documentation).

use super::*;

/// Parses one cell run (a segment without its `+`), or says what is wrong.
/// Works on bytes: every valid cell is ASCII, and this runs for every score stored.
pub(super) fn parse_cells(seg: &str) -> Result<Vec<Option<Points>>, String> {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'.' => out.push(None),
            b'{' => {
                let rest = seg.get(i + 1..).unwrap_or("");
                let Some(end) = rest.find('}') else {
                    return Err(rest.chars().take(12).collect());
                };
                let num = &rest[..end];
                let v: i64 = num
                    .parse()
                    .map_err(|_| format!("{{{}}}", num.chars().take(12).collect::<String>()))?;
                if v.unsigned_abs() > 1_000_000_000_000 {
                    return Err(format!("{{{num}}}"));
                }
                out.push(Some(Points(v)));
                // Skip past the closing brace.
                i += end + 1;
            }
            _ => match alpha_index(b as char) {
                Some(v) if b.is_ascii() => out.push(Some(Points(v as i64 * 50))),
                // Not a cell: name the whole character (it may be several bytes).
                _ => {
                    return Err(seg
                        .get(i..)
                        .and_then(|r| r.chars().next())
                        .map(String::from)
                        .unwrap_or_default())
                }
            },
        }
        i += 1;
    }
    Ok(out)
}

/// Parses a meta index string into one optional index per unit.
pub(super) fn parse_indices(s: &str) -> Option<Vec<Option<usize>>> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push(None),
            '{' => {
                let mut num = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    num.push(c);
                }
                if !closed {
                    return None;
                }
                out.push(Some(num.parse().ok()?));
            }
            c => out.push(Some(alpha_index(c)? as usize)),
        }
    }
    Some(out)
}

/// `CompactError::Other` for the round named `round`.
fn other(round: &str, what: String) -> CompactError {
    CompactError::Other {
        round: round.to_string(),
        what,
    }
}

/// One optional string per source: the assessors in order, then the self-assessments.
type PerSource = Vec<Option<String>>;

/// The score strings and the revision index strings, one of each per source, checked
/// against the number of assessors.
fn source_strings(r: &mut RoundStored) -> Result<(PerSource, PerSource), CompactError> {
    let n_ass = r.assessors.len();
    let mut sa: Vec<Option<String>> = if r.sa.is_empty() {
        vec![None; n_ass]
    } else {
        std::mem::take(&mut r.sa)
    };
    if sa.len() != n_ass {
        return Err(CompactError::SourceCount {
            round: r.name.clone(),
            found: sa.len(),
            expected: n_ass,
        });
    }
    sa.push(r.ss.take());
    let mi: Vec<Option<String>> = if r.mi.is_empty() {
        vec![None; n_ass + 1]
    } else {
        std::mem::take(&mut r.mi)
    };
    if mi.len() != n_ass + 1 {
        return Err(other(
            &r.name,
            format!("评分表修订信息有 {} 组，应为 {} 组", mi.len(), n_ass + 1),
        ));
    }
    Ok((sa, mi))
}

/// Each source and its name in messages: the assessors in order, then 自评.
fn sources(r: &RoundStored) -> Vec<(SheetSource, String)> {
    r.assessors
        .iter()
        .map(|a| {
            (
                SheetSource::Assessor(a.id.clone()),
                format!("评委「{}」", a.name),
            )
        })
        .chain(std::iter::once((
            SheetSource::SelfAssessment,
            "自评".to_string(),
        )))
        .collect()
}

/// Evidence notes by (source, unit) position; a position given twice is an error.
type Evidence = BTreeMap<(u32, u32), BTreeMap<Id, String>>;

fn evidence(r: &mut RoundStored) -> Result<Evidence, CompactError> {
    let mut ev = Evidence::new();
    for (si, ui, notes) in std::mem::take(&mut r.ev) {
        if ev.insert((si, ui), notes).is_some() {
            return Err(other(
                &r.name,
                format!("第{}组第{}个单位的佐证说明重复", si + 1, ui + 1),
            ));
        }
    }
    Ok(ev)
}

/// One source's revision indices, one per unit (none when the source has no index string).
fn source_metas(
    r: &RoundStored,
    sname: &str,
    index: &Option<String>,
) -> Result<Vec<Option<usize>>, CompactError> {
    let n_units = r.unit_ids.len();
    let Some(m) = index else {
        return Ok(vec![None; n_units]);
    };
    let v = parse_indices(m)
        .ok_or_else(|| other(&r.name, format!("{sname}的评分表修订信息无法识别")))?;
    if v.len() != n_units {
        return Err(other(
            &r.name,
            format!(
                "{sname}的评分表修订信息覆盖 {} 个单位，应为 {n_units} 个",
                v.len()
            ),
        ));
    }
    Ok(v)
}

/// The revision of a sheet from the round's table (`mt`).
fn sheet_meta(r: &RoundStored, index: Option<usize>) -> Result<RecordMeta, CompactError> {
    match index {
        None => Ok(RecordMeta::default()),
        Some(k) => match r.mt.get(k) {
            Some((rev, updated, by)) => Ok(RecordMeta {
                rev: *rev,
                updated: updated.clone(),
                by: by.clone(),
            }),
            None => Err(other(&r.name, format!("修订信息编号 {k} 不存在"))),
        },
    }
}

/// The sheets of source `si` (its score string `text`, one segment per unit), appended
/// to `sheets`; the evidence notes they carry are taken out of `ev`.
fn decode_source(
    r: &RoundStored,
    si: usize,
    (source, sname): &(SheetSource, String),
    text: &Option<String>,
    metas: &[Option<usize>],
    ev: &mut Evidence,
    sheets: &mut Vec<ScoreSheet>,
) -> Result<(), CompactError> {
    let n_units = r.unit_ids.len();
    let Some(text) = text else {
        if metas.iter().any(|m| m.is_some()) {
            return Err(other(&r.name, format!("{sname}没有评分表，却有修订信息")));
        }
        return Ok(());
    };
    let segments: Vec<&str> = text.split(',').collect();
    if segments.len() != n_units {
        return Err(CompactError::SegmentCount {
            round: r.name.clone(),
            source_name: sname.clone(),
            found: segments.len(),
            expected: n_units,
        });
    }
    for (ui, seg) in segments.into_iter().enumerate() {
        let unit_id = r.unit_ids.get(ui).cloned().unwrap_or_default();
        let index = metas.get(ui).copied().flatten();
        if seg == "-" {
            if index.is_some() {
                return Err(other(
                    &r.name,
                    format!("{sname}对单位「{unit_id}」没有评分表，却有修订信息"),
                ));
            }
            continue;
        }
        let (submitted, cells) = match seg.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, seg),
        };
        let points = parse_cells(cells).map_err(|text| CompactError::BadCell {
            round: r.name.clone(),
            source_name: sname.clone(),
            unit: unit_id.clone(),
            text,
        })?;
        let meta = sheet_meta(r, index)?;
        let evidence = ev.remove(&(si as u32, ui as u32)).unwrap_or_default();
        sheets.push(ScoreSheet {
            unit_id,
            source: source.clone(),
            points,
            evidence,
            submitted,
            meta,
        });
    }
    Ok(())
}

/// The sheets put back in their stored order (`ord`: each sheet's position), if given.
fn restore_order(
    round: &str,
    sheets: Vec<ScoreSheet>,
    ord: Option<Vec<u32>>,
) -> Result<Vec<ScoreSheet>, CompactError> {
    let Some(ord) = ord else {
        return Ok(sheets);
    };
    if ord.len() != sheets.len() {
        return Err(other(
            round,
            format!("评分表顺序有 {} 项，应为 {} 项", ord.len(), sheets.len()),
        ));
    }
    let mut placed: Vec<Option<ScoreSheet>> = vec![None; sheets.len()];
    for (s, &pos) in sheets.into_iter().zip(ord.iter()) {
        match placed.get_mut(pos as usize) {
            Some(slot @ None) => *slot = Some(s),
            _ => return Err(other(round, format!("评分表顺序中的位置 {pos} 无效或重复"))),
        }
    }
    Ok(placed.into_iter().flatten().collect())
}

impl TryFrom<RoundStored> for Round {
    type Error = CompactError;

    /// The round back from its stored form, in phases: the source strings and their
    /// revision indices, the evidence notes, each source's sheets, the sheets kept
    /// whole (`extra`), and the stored order.
    fn try_from(mut r: RoundStored) -> Result<Round, CompactError> {
        let (strings, indices) = source_strings(&mut r)?;
        let mut ev = evidence(&mut r)?;
        let mut sheets = Vec::new();
        for (si, source) in sources(&r).iter().enumerate() {
            let metas = source_metas(&r, &source.1, &indices[si])?;
            decode_source(&r, si, source, &strings[si], &metas, &mut ev, &mut sheets)?;
        }
        if let Some(((si, ui), _)) = ev.into_iter().next() {
            return Err(other(
                &r.name,
                format!("第{}组第{}个单位有佐证说明，却没有评分表", si + 1, ui + 1),
            ));
        }
        sheets.append(&mut r.extra);
        let sheets = restore_order(&r.name, sheets, r.ord.take())?;
        Ok(Round {
            id: r.id,
            name: r.name,
            year: r.year,
            scheme_id: r.scheme_id,
            unit_ids: r.unit_ids,
            assessors: r.assessors,
            sheets: sheets.into(),
            adjustments: r.adjustments,
            type_overrides: r.type_overrides,
            decided_proposals: r.decided_proposals,
            dismissed_proposals: r.dismissed_proposals,
            published: r.published,
            publication: r.publication,
            meta: r.meta,
        })
    }
}
