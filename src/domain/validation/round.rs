//! The checks of one round against its scheme and the roster: ids, references,
//! sheets, points.

use super::*;

/// Checks one round against its scheme and the roster. `units` is the roster.
pub fn validate_round(
    round: &Round,
    scheme: Option<&Scheme>,
    units: &[Unit],
) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    let owner = format!("考评轮次「{}」", round.name);
    let names: HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    let unit_name = |id: &str| -> String {
        names
            .get(id)
            .map(|n| n.to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let indicators: Vec<&Indicator> = scheme.map(|s| s.indicators().collect()).unwrap_or_default();
    if scheme.is_none() {
        errs.push(dangling(owner.clone(), "考评方案", &round.scheme_id));
    }
    check_unique(
        "本轮考评名单中的单位",
        round.unit_ids.iter().map(String::as_str),
        &mut errs,
    );
    check_unique(
        "本轮评委",
        round.assessors.iter().map(|a| a.id.as_str()),
        &mut errs,
    );
    check_unique(
        "本轮加减分记录",
        round.adjustments.iter().map(|a| a.id.as_str()),
        &mut errs,
    );
    // Positions, so that each sheet is looked up once and duplicates are found in a
    // grid of flags rather than a set of strings (this loop runs for every sheet).
    let unit_pos: HashMap<&str, usize> = round
        .unit_ids
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i))
        .collect();
    let assessor_pos: HashMap<&str, usize> = round
        .assessors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let indicator_ids: HashSet<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
    let sources = round.assessors.len() + 1;
    let mut seen_grid = vec![false; round.unit_ids.len() * sources];
    for uid in &round.unit_ids {
        if !names.contains_key(uid.as_str()) {
            errs.push(dangling(owner.clone(), "单位", uid));
        }
    }
    for a in &round.assessors {
        for uid in &a.unit_ids {
            if !unit_pos.contains_key(uid.as_str()) {
                errs.push(dangling(
                    format!("{owner}的评委「{}」", a.name),
                    "本轮单位",
                    uid,
                ));
            }
        }
    }
    let mut seen_sheets = BTreeSet::new();
    for sheet in &round.sheets {
        // Names are made only for a message: this loop runs for every sheet.
        let uname = || unit_name(&sheet.unit_id);
        let src = || source_name(round, &sheet.source);
        let upos = unit_pos.get(sheet.unit_id.as_str()).copied();
        if upos.is_none() {
            errs.push(ValidationError::SheetUnitNotInRound {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
            });
        }
        let spos = match &sheet.source {
            SheetSource::Assessor(aid) => {
                let found = assessor_pos.get(aid.as_str()).copied();
                if found.is_none() {
                    errs.push(dangling(
                        format!("{owner}中单位「{}」的评分表", uname()),
                        "评委",
                        aid,
                    ));
                }
                found
            }
            SheetSource::SelfAssessment => Some(sources - 1),
        };
        let first = match (upos, spos) {
            (Some(u), Some(s)) => seen_grid
                .get_mut(u * sources + s)
                .is_none_or(|seen| !std::mem::replace(seen, true)),
            _ => seen_sheets.insert((sheet.unit_id.as_str(), &sheet.source)),
        };
        if !first {
            errs.push(ValidationError::DuplicateSheet {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
            });
        }
        let Some(scheme) = scheme else { continue };
        let expected = scheme.indicator_count();
        if sheet.points.len() != expected {
            errs.push(ValidationError::SheetLength {
                round: round.name.clone(),
                unit: uname(),
                source_name: src(),
                len: sheet.points.len(),
                expected,
            });
        }
        for (p, ind) in sheet.points.iter().zip(&indicators) {
            if let Some(p) = p {
                if let Err(e) = check_indicator_points(uname, ind, *p) {
                    errs.push(e);
                }
            }
        }
        for key in sheet.evidence.keys() {
            if key != crate::domain::comments::COMMENT_KEY && !indicator_ids.contains(key.as_str())
            {
                errs.push(ValidationError::UnknownIndicator {
                    unit: uname(),
                    indicator: key.clone(),
                });
            }
        }
    }
    for adj in &round.adjustments {
        let uname = unit_name(&adj.unit_id);
        if !unit_pos.contains_key(adj.unit_id.as_str()) {
            errs.push(dangling(
                format!("{owner}的加减分记录「{}」", adj.id),
                "本轮单位",
                &adj.unit_id,
            ));
        }
        let Some(scheme) = scheme else { continue };
        let (kind, known) = match adj.kind {
            AdjustmentKind::Bonus => (
                "加分",
                scheme.bonus_items.iter().any(|i| i.id == adj.item_id),
            ),
            AdjustmentKind::Deduction => (
                "扣分",
                scheme.deduction_items.iter().any(|i| i.id == adj.item_id),
            ),
            AdjustmentKind::Veto => (
                "一票否决",
                scheme.veto_items.iter().any(|i| i.id == adj.item_id),
            ),
        };
        if !known {
            errs.push(ValidationError::UnknownItem {
                round: round.name.clone(),
                unit: uname,
                kind: kind.to_string(),
                item: adj.item_id.clone(),
            });
        }
    }
    for o in &round.type_overrides {
        if !unit_pos.contains_key(o.unit_id.as_str()) {
            errs.push(dangling(
                format!("{owner}的类型认定"),
                "本轮单位",
                &o.unit_id,
            ));
        }
    }
    errs
}
