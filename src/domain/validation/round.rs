//! The checks of one round against its scheme and the roster: ids, references,
//! sheets, points.

use super::*;

/// What the checks of one round share: the round, its scheme, positions and names.
struct RoundCheck<'a> {
    round: &'a Round,
    scheme: Option<&'a Scheme>,
    owner: String,
    names: HashMap<&'a str, &'a str>,
    indicators: Vec<&'a Indicator>,
    indicator_ids: HashSet<&'a str>,
    // Positions, so that each sheet is looked up once and duplicates are found in a
    // grid of flags rather than a set of strings (the sheet loop runs for every sheet).
    unit_pos: HashMap<&'a str, usize>,
    assessor_pos: HashMap<&'a str, usize>,
    errs: Vec<ValidationError>,
}

/// Checks one round against its scheme and the roster. `units` is the roster.
pub fn validate_round(
    round: &Round,
    scheme: Option<&Scheme>,
    units: &[Unit],
) -> Vec<ValidationError> {
    let indicators: Vec<&Indicator> = scheme.map(|s| s.indicators().collect()).unwrap_or_default();
    let mut c = RoundCheck {
        round,
        scheme,
        owner: format!("考评轮次「{}」", round.name),
        names: units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect(),
        indicator_ids: indicators.iter().map(|i| i.id.as_str()).collect(),
        indicators,
        unit_pos: round
            .unit_ids
            .iter()
            .enumerate()
            .map(|(i, u)| (u.as_str(), i))
            .collect(),
        assessor_pos: round
            .assessors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect(),
        errs: Vec::new(),
    };
    c.ids_and_roster();
    c.sheets();
    c.adjustments();
    c.type_overrides();
    c.errs
}

impl RoundCheck<'_> {
    fn unit_name(&self, id: &str) -> String {
        self.names
            .get(id)
            .map(|n| n.to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// The scheme exists, ids are unique, and units and assessors' units are known.
    fn ids_and_roster(&mut self) {
        let (round, errs) = (self.round, &mut self.errs);
        if self.scheme.is_none() {
            errs.push(dangling(self.owner.clone(), "考评方案", &round.scheme_id));
        }
        check_unique(
            "本轮考评名单中的单位",
            round.unit_ids.iter().map(String::as_str),
            errs,
        );
        check_unique(
            "本轮评委",
            round.assessors.iter().map(|a| a.id.as_str()),
            errs,
        );
        check_unique(
            "本轮加减分记录",
            round.adjustments.iter().map(|a| a.id.as_str()),
            errs,
        );
        for uid in &round.unit_ids {
            if !self.names.contains_key(uid.as_str()) {
                errs.push(dangling(self.owner.clone(), "单位", uid));
            }
        }
        for a in &round.assessors {
            for uid in &a.unit_ids {
                if !self.unit_pos.contains_key(uid.as_str()) {
                    errs.push(dangling(
                        format!("{}的评委「{}」", self.owner, a.name),
                        "本轮单位",
                        uid,
                    ));
                }
            }
        }
    }

    /// Each sheet: its unit and source are in the round, it is the only one of its
    /// kind, and its points and evidence fit the scheme.
    fn sheets(&mut self) {
        let round = self.round;
        let sources = round.assessors.len() + 1;
        let mut seen_grid = vec![false; round.unit_ids.len() * sources];
        let mut seen_sheets = BTreeSet::new();
        for sheet in &round.sheets {
            // Names are made only for a message: this loop runs for every sheet.
            let uname = || self.unit_name(&sheet.unit_id);
            let src = || source_name(round, &sheet.source);
            let upos = self.unit_pos.get(sheet.unit_id.as_str()).copied();
            let mut errs = Vec::new();
            if upos.is_none() {
                errs.push(ValidationError::SheetUnitNotInRound {
                    round: round.name.clone(),
                    unit: uname(),
                    source_name: src(),
                });
            }
            let spos = match &sheet.source {
                SheetSource::Assessor(aid) => {
                    let found = self.assessor_pos.get(aid.as_str()).copied();
                    if found.is_none() {
                        errs.push(dangling(
                            format!("{}中单位「{}」的评分表", self.owner, uname()),
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
            if let Some(scheme) = self.scheme {
                self.sheet_contents(sheet, scheme, &mut errs);
            }
            self.errs.append(&mut errs);
        }
    }

    /// A sheet's points against the scheme's indicators, and its evidence keys.
    fn sheet_contents(&self, sheet: &ScoreSheet, scheme: &Scheme, errs: &mut Vec<ValidationError>) {
        let uname = || self.unit_name(&sheet.unit_id);
        let expected = scheme.indicator_count();
        if sheet.points.len() != expected {
            errs.push(ValidationError::SheetLength {
                round: self.round.name.clone(),
                unit: uname(),
                source_name: source_name(self.round, &sheet.source),
                len: sheet.points.len(),
                expected,
            });
        }
        for (p, ind) in sheet.points.iter().zip(&self.indicators) {
            if let Some(p) = p {
                if let Err(e) = check_indicator_points(uname, ind, *p) {
                    errs.push(e);
                }
            }
        }
        for key in sheet.evidence.keys() {
            if key != crate::domain::comments::COMMENT_KEY
                && !self.indicator_ids.contains(key.as_str())
            {
                errs.push(ValidationError::UnknownIndicator {
                    unit: uname(),
                    indicator: key.clone(),
                });
            }
        }
    }

    /// Each adjustment: its unit is in the round and its item in the scheme.
    fn adjustments(&mut self) {
        for adj in &self.round.adjustments {
            let uname = self.unit_name(&adj.unit_id);
            if !self.unit_pos.contains_key(adj.unit_id.as_str()) {
                self.errs.push(dangling(
                    format!("{}的加减分记录「{}」", self.owner, adj.id),
                    "本轮单位",
                    &adj.unit_id,
                ));
            }
            let Some(scheme) = self.scheme else { continue };
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
                self.errs.push(ValidationError::UnknownItem {
                    round: self.round.name.clone(),
                    unit: uname,
                    kind: kind.to_string(),
                    item: adj.item_id.clone(),
                });
            }
        }
    }

    /// Each type override names a unit in the round.
    fn type_overrides(&mut self) {
        for o in &self.round.type_overrides {
            if !self.unit_pos.contains_key(o.unit_id.as_str()) {
                self.errs.push(dangling(
                    format!("{}的类型认定", self.owner),
                    "本轮单位",
                    &o.unit_id,
                ));
            }
        }
    }
}
