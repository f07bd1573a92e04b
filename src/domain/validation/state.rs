//! The checks of the whole state: unique ids in every collection, references that
//! resolve, real dates, then each scheme and round and the size limits.

use super::*;

/// Checks the whole state: unique ids in every collection, every reference resolves,
/// every scheme and round is consistent, every date is a real `YYYY-MM-DD`.
pub fn validate_state(state: &AppState) -> Result<(), Vec<ValidationError>> {
    let c = StateCheck {
        unit_ids: state
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect(),
    };
    let mut errs = Vec::new();
    unique_ids(state, &mut errs);
    units(state, &mut errs);
    for s in &state.schemes {
        errs.extend(validate_scheme(s));
    }
    for r in &state.rounds {
        errs.extend(validate_round(r, state.scheme(&r.scheme_id), &state.units));
    }
    c.outcomes(state, &mut errs);
    c.pairings(state, &mut errs);
    c.rectifications(state, &mut errs);
    c.resources_and_applications(state, &mut errs);
    c.guidance(state, &mut errs);
    check_limits(state, &mut errs);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

fn unique_ids(state: &AppState, errs: &mut Vec<ValidationError>) {
    check_unique("单位", state.units.iter().map(|x| x.id.as_str()), errs);
    check_unique(
        "考评方案",
        state.schemes.iter().map(|x| x.id.as_str()),
        errs,
    );
    check_unique("考评轮次", state.rounds.iter().map(|x| x.id.as_str()), errs);
    check_unique("成果", state.outcomes.iter().map(|x| x.id.as_str()), errs);
    check_unique("结对", state.pairings.iter().map(|x| x.id.as_str()), errs);
    check_unique(
        "整改事项",
        state.rectifications.iter().map(|x| x.id.as_str()),
        errs,
    );
    check_unique(
        "保障投入记录",
        state.resources.iter().map(|x| x.id.as_str()),
        errs,
    );
    check_unique(
        "申报",
        state.applications.iter().map(|x| x.id.as_str()),
        errs,
    );
    check_unique(
        "督导记录",
        state.guidance_visits.iter().map(|x| x.id.as_str()),
        errs,
    );
}

/// The roster by id (for references and names).
struct StateCheck<'a> {
    unit_ids: BTreeMap<&'a str, &'a str>,
}

/// A date that must be a real `YYYY-MM-DD`; the record's name is made only for a
/// message.
fn date(what: &dyn Fn() -> String, d: &str, errs: &mut Vec<ValidationError>) {
    if dates::parse_date(d).is_none() {
        errs.push(ValidationError::BadDate {
            what: what(),
            value: d.to_string(),
        });
    }
}

fn units(state: &AppState, errs: &mut Vec<ValidationError>) {
    for u in &state.units {
        if let Some(d) = &u.named_on {
            date(&|| format!("单位「{}」的授牌", u.name), d, errs);
        }
        if let Some(d) = &u.rectify_by {
            date(&|| format!("单位「{}」的整改期限", u.name), d, errs);
        }
        for h in &u.history {
            date(&|| format!("单位「{}」的状态变更", u.name), &h.date, errs);
        }
        for r in &u.reviews {
            date(&|| format!("单位「{}」的复查", u.name), &r.date, errs);
        }
        for e in &u.extensions {
            for d in [&e.date, &e.from, &e.to] {
                date(&|| format!("单位「{}」的整改期限延期", u.name), d, errs);
            }
        }
    }
}

impl StateCheck<'_> {
    fn uname(&self, id: &str) -> String {
        self.unit_ids
            .get(id)
            .map(|s| s.to_string())
            .unwrap_or_else(|| id.to_string())
    }

    fn known(&self, id: &str) -> bool {
        self.unit_ids.contains_key(id)
    }

    fn outcomes(&self, state: &AppState, errs: &mut Vec<ValidationError>) {
        for o in &state.outcomes {
            let owner = || format!("成果{}", crate::domain::outcomes::corner_quoted(&o.title));
            if !self.known(&o.unit_id) {
                errs.push(dangling(owner(), "单位", &o.unit_id));
            }
            date(&owner, &o.date, errs);
            for d in [
                &o.filed_on,
                &o.feedback_on,
                &o.promoted_on,
                &o.path.recognised_on,
                &o.path.system_on,
            ]
            .into_iter()
            .flatten()
            {
                date(&owner, d, errs);
            }
            for d in o
                .path
                .incentives
                .iter()
                .map(|i| &i.date)
                .chain(o.path.history.iter().map(|e| &e.date))
            {
                date(&owner, d, errs);
            }
        }
    }

    fn pairings(&self, state: &AppState, errs: &mut Vec<ValidationError>) {
        for p in &state.pairings {
            let owner = || format!("结对「{}—{}」", self.uname(&p.site_id), p.partner_name);
            if !self.known(&p.site_id) {
                errs.push(dangling(owner(), "示范点", &p.site_id));
            }
            if let Some(pid) = &p.partner_unit_id {
                if !self.known(pid) {
                    errs.push(dangling(owner(), "结对单位", pid));
                }
            }
            date(&owner, &p.start, errs);
            for a in &p.activities {
                date(
                    &|| format!("{}的活动「{}」", owner(), a.title),
                    &a.date,
                    errs,
                );
            }
        }
    }

    fn rectifications(&self, state: &AppState, errs: &mut Vec<ValidationError>) {
        for r in &state.rectifications {
            let owner = || format!("单位「{}」的整改事项", self.uname(&r.unit_id));
            if !self.known(&r.unit_id) {
                errs.push(dangling("整改事项".to_string(), "单位", &r.unit_id));
            }
            date(&owner, &r.deadline, errs);
            for n in &r.progress {
                date(&|| format!("{}的进展", owner()), &n.date, errs);
            }
        }
    }

    fn resources_and_applications(&self, state: &AppState, errs: &mut Vec<ValidationError>) {
        for r in &state.resources {
            if !self.known(&r.unit_id) {
                errs.push(dangling(
                    format!("{}年保障投入记录", r.year),
                    "单位",
                    &r.unit_id,
                ));
            }
        }
        for a in &state.applications {
            let owner = || format!("「{}」的申报", a.org_name);
            date(&owner, &a.applied_on, errs);
            if let Some(d) = &a.decided_on {
                date(&owner, d, errs);
            }
            if let Some(uid) = &a.unit_id {
                if !self.known(uid) {
                    errs.push(dangling(owner(), "单位", uid));
                }
            }
        }
    }

    fn guidance(&self, state: &AppState, errs: &mut Vec<ValidationError>) {
        for g in &state.guidance_visits {
            let owner = || format!("单位「{}」的督导记录", self.uname(&g.unit_id));
            if !self.known(&g.unit_id) {
                errs.push(dangling("督导记录".to_string(), "单位", &g.unit_id));
            }
            date(&owner, &g.date, errs);
        }
    }
}
