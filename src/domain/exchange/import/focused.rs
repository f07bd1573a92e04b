//! Opening a task file: the focused copy a unit's or an assessor's task becomes.

use super::*;

/// The next id number after the largest `<origin>.<prefix><n>` in the records.
pub(super) fn next_id_after(state: &AppState, origin: &str) -> u64 {
    let pre = format!("{origin}.");
    all_records(state)
        .values()
        .filter_map(|r| {
            let key = r.key();
            let id = key.split_once(':').map(|(_, id)| id.to_string())?;
            let rest = id.strip_prefix(&pre)?;
            let digits: String = rest.chars().skip_while(|c| !c.is_ascii_digit()).collect();
            digits.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0)
}

pub(super) fn base_of(recs: impl Iterator<Item = Rec>) -> BTreeMap<String, u32> {
    recs.map(|r| (r.key(), r.meta().rev)).collect()
}

pub(super) fn focused_from_unit(pkg: &Package, c: &ToUnit) -> AppState {
    let me = c.unit.id.clone();
    let mut st = AppState {
        units: std::iter::once(c.unit.clone())
            .chain(c.partner_units.iter().cloned())
            .collect(),
        schemes: vec![c.scheme.clone()].into(),
        rounds: vec![c.round.clone().into()],
        outcomes: c.outcomes.clone().into(),
        pairings: c.pairings.clone().into(),
        rectifications: c.rectifications.clone().into(),
        resources: c.resources.clone().into(),
        ..AppState::default()
    };
    let sheets = c.round.sheets.iter().map(|s| Rec::Sheet {
        round_id: c.round.id.clone(),
        sheet: s.clone(),
    });
    let owned = || {
        c.outcomes
            .iter()
            .cloned()
            .map(Rec::Outcome)
            .chain(c.pairings.iter().cloned().map(Rec::Pairing))
            .chain(c.rectifications.iter().cloned().map(Rec::Rectification))
            .chain(c.resources.iter().cloned().map(Rec::Resource))
    };
    let base = base_of(sheets.clone().chain(owned()));
    let issued = super::super::ownership::issued_records(sheets.clone().chain(owned()));
    st.settings.origin = me.clone();
    st.settings.next_id = next_id_after(&st, &me);
    st.workspace = Some(Workspace {
        party: Party::Unit(me),
        party_name: c.unit.name.clone(),
        round_id: c.round.id.clone(),
        access_code: c.access_code.clone(),
        issued_at: if c.issued_at.is_empty() {
            pkg.envelope.made_at.clone()
        } else {
            c.issued_at.clone()
        },
        base,
        results: Vec::new(),
        committee_key: c.committee_key.clone(),
        issued,
        returned: BTreeMap::new(),
        task_made_at: pkg.envelope.made_at.clone(),
        corrected: Default::default(),
    });
    st
}

pub(super) fn focused_from_assessor(c: &ToAssessor) -> Result<AppState, ExchangeError> {
    let assessor = c
        .round
        .assessors
        .iter()
        .find(|a| a.id == c.assessor_id)
        .cloned()
        .ok_or_else(|| ExchangeError::BadContent {
            kind: PackageKind::ToAssessor.label().to_string(),
            detail: format!("考评轮次中没有评委「{}」", c.assessor_id),
        })?;
    let mut st = AppState {
        units: c.units.clone().into(),
        schemes: vec![c.scheme.clone()].into(),
        rounds: vec![c.round.clone().into()],
        ..AppState::default()
    };
    let sheets = || {
        c.round.sheets.iter().map(|s| Rec::Sheet {
            round_id: c.round.id.clone(),
            sheet: s.clone(),
        })
    };
    let base = base_of(sheets());
    let issued = super::super::ownership::issued_records(sheets());
    st.settings.origin = assessor.id.clone();
    st.settings.next_id = next_id_after(&st, &assessor.id);
    st.workspace = Some(Workspace {
        party: Party::Assessor(assessor.id.clone()),
        party_name: assessor.name.clone(),
        round_id: c.round.id.clone(),
        access_code: c.access_code.clone(),
        issued_at: c.issued_at.clone(),
        base,
        results: Vec::new(),
        committee_key: c.committee_key.clone(),
        issued,
        returned: BTreeMap::new(),
        task_made_at: String::new(),
        corrected: Default::default(),
    });
    Ok(st)
}
