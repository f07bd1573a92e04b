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

impl TryFrom<RoundStored> for Round {
    type Error = CompactError;

    fn try_from(r: RoundStored) -> Result<Round, CompactError> {
        let round_name = r.name.clone();
        let other = |what: String| CompactError::Other {
            round: round_name.clone(),
            what,
        };
        let n_ass = r.assessors.len();
        let n_units = r.unit_ids.len();
        let sa: Vec<Option<String>> = if r.sa.is_empty() {
            vec![None; n_ass]
        } else {
            r.sa
        };
        if sa.len() != n_ass {
            return Err(CompactError::SourceCount {
                round: r.name.clone(),
                found: sa.len(),
                expected: n_ass,
            });
        }
        let mi: Vec<Option<String>> = if r.mi.is_empty() {
            vec![None; n_ass + 1]
        } else {
            r.mi
        };
        if mi.len() != n_ass + 1 {
            return Err(other(format!(
                "评分表修订信息有 {} 组，应为 {} 组",
                mi.len(),
                n_ass + 1
            )));
        }
        let sources: Vec<(SheetSource, String)> = r
            .assessors
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
            .collect();
        let strings: Vec<&Option<String>> = sa.iter().chain(std::iter::once(&r.ss)).collect();
        let mut ev: BTreeMap<(u32, u32), BTreeMap<Id, String>> = BTreeMap::new();
        for (si, ui, notes) in r.ev {
            if ev.insert((si, ui), notes).is_some() {
                return Err(other(format!(
                    "第{}组第{}个单位的佐证说明重复",
                    si + 1,
                    ui + 1
                )));
            }
        }
        let mut sheets = Vec::new();
        for (si, ((source, sname), text)) in sources.iter().zip(strings).enumerate() {
            let metas = match &mi[si] {
                None => vec![None; n_units],
                Some(m) => {
                    let v = parse_indices(m)
                        .ok_or_else(|| other(format!("{sname}的评分表修订信息无法识别")))?;
                    if v.len() != n_units {
                        return Err(other(format!(
                            "{sname}的评分表修订信息覆盖 {} 个单位，应为 {n_units} 个",
                            v.len()
                        )));
                    }
                    v
                }
            };
            let Some(text) = text else {
                if metas.iter().any(|m| m.is_some()) {
                    return Err(other(format!("{sname}没有评分表，却有修订信息")));
                }
                continue;
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
                if seg == "-" {
                    if metas.get(ui).copied().flatten().is_some() {
                        return Err(other(format!(
                            "{sname}对单位「{unit_id}」没有评分表，却有修订信息"
                        )));
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
                let meta = match metas.get(ui).copied().flatten() {
                    None => RecordMeta::default(),
                    Some(k) => match r.mt.get(k) {
                        Some((rev, updated, by)) => RecordMeta {
                            rev: *rev,
                            updated: updated.clone(),
                            by: by.clone(),
                        },
                        None => return Err(other(format!("修订信息编号 {k} 不存在"))),
                    },
                };
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
        }
        if let Some(((si, ui), _)) = ev.into_iter().next() {
            return Err(other(format!(
                "第{}组第{}个单位有佐证说明，却没有评分表",
                si + 1,
                ui + 1
            )));
        }
        sheets.extend(r.extra);
        if let Some(ord) = r.ord {
            if ord.len() != sheets.len() {
                return Err(other(format!(
                    "评分表顺序有 {} 项，应为 {} 项",
                    ord.len(),
                    sheets.len()
                )));
            }
            let mut placed: Vec<Option<ScoreSheet>> = vec![None; sheets.len()];
            for (s, &pos) in sheets.into_iter().zip(ord.iter()) {
                match placed.get_mut(pos as usize) {
                    Some(slot @ None) => *slot = Some(s),
                    _ => return Err(other(format!("评分表顺序中的位置 {pos} 无效或重复"))),
                }
            }
            sheets = placed.into_iter().flatten().collect();
        }
        Ok(Round {
            id: r.id,
            name: r.name,
            year: r.year,
            scheme_id: r.scheme_id,
            unit_ids: r.unit_ids,
            assessors: r.assessors,
            sheets,
            adjustments: r.adjustments,
            type_overrides: r.type_overrides,
            decided_proposals: r.decided_proposals,
            published: r.published,
            publication: r.publication,
            meta: r.meta,
        })
    }
}
