//! Small hand-checkable fixtures shared by the domain tests: a 3-indicator scheme
//! (own construction 40, outcomes 30 (both), demonstration 30; step 0.5) with the
//! default scheme's bonus, deduction and veto items.
#![allow(dead_code)]

use std::collections::BTreeMap;

use exemplar::domain::*;

pub fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

pub fn scheme3() -> Scheme {
    let mut s = default_scheme("s1", "s1", 2026);
    let ind = |id: &str, name: &str, max: i64| Indicator {
        id: id.into(),
        name: name.into(),
        max: Points::whole(max),
        step: Points(50),
        guidance: String::new(),
    };
    s.name = "示例方案".into();
    s.dimensions = vec![
        Dimension {
            id: "d1".into(),
            name: "自身建设".into(),
            role: DimensionRole::OwnConstruction,
            indicators: vec![ind("A", "阵地与制度", 40)],
        },
        Dimension {
            id: "d2".into(),
            name: "创建成果".into(),
            role: DimensionRole::Both,
            indicators: vec![ind("B", "创建成果", 30)],
        },
        Dimension {
            id: "d3".into(),
            name: "示范带动".into(),
            role: DimensionRole::Demonstration,
            indicators: vec![ind("C", "结对带动", 30)],
        },
    ];
    s
}

pub fn unit(id: &str, name: &str, status: UnitStatus) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        sector: String::new(),
        org_type: OrgType::Branch,
        leader: String::new(),
        contact: String::new(),
        entered_year: 2024,
        status,
        plaque_no: None,
        named_on: None,
        rectify_by: None,
        history: vec![],
        reviews: Vec::new(),
        extensions: Vec::new(),
        meta: RecordMeta::default(),
    }
}

pub fn assessor(id: &str) -> Assessor {
    Assessor {
        id: id.into(),
        name: format!("评委{id}"),
        org: String::new(),
        unit_ids: vec![],
    }
}

/// Points from text: "36.5" or "" for a blank.
pub fn sheet(unit: &str, source: SheetSource, cells: &[&str]) -> ScoreSheet {
    ScoreSheet {
        unit_id: unit.into(),
        source,
        points: cells
            .iter()
            .map(|c| if c.is_empty() { None } else { Some(p(c)) })
            .collect(),
        evidence: BTreeMap::new(),
        submitted: true,
        meta: RecordMeta::default(),
    }
}

pub fn by(a: &str) -> SheetSource {
    SheetSource::Assessor(a.into())
}

pub fn round(id: &str, year: u16, units: &[&str], assessors: &[&str]) -> Round {
    Round {
        id: id.into(),
        name: format!("{year}年度考评"),
        year,
        scheme_id: "s1".into(),
        unit_ids: units.iter().map(|u| u.to_string()).collect(),
        assessors: assessors.iter().map(|a| assessor(a)).collect(),
        sheets: vec![].into(),
        adjustments: vec![],
        type_overrides: vec![],
        decided_proposals: vec![],
        dismissed_proposals: vec![],
        published: false,
        publication: None,
        meta: RecordMeta::default(),
    }
}

pub fn adj(id: &str, unit: &str, kind: AdjustmentKind, item: &str, count: u32) -> Adjustment {
    Adjustment {
        id: id.into(),
        unit_id: unit.into(),
        kind,
        item_id: item.into(),
        count,
        note: String::new(),
    }
}

pub fn outcome(id: &str, unit: &str, date: &str, recognised: bool) -> Outcome {
    Outcome {
        id: id.into(),
        unit_id: unit.into(),
        title: format!("成果{id}"),
        date: date.into(),
        kind: OutcomeKind::Practice,
        innovations: vec![Innovation::Method],
        description: String::new(),
        evidence: vec![],
        filed_on: None,
        feedback_on: None,
        promotion: PromotionStage::OwnUnit,
        promoted_on: None,
        recognised,
        incentive: String::new(),
        path: OutcomePath::default(),
        meta: RecordMeta::default(),
    }
}

/// A state with the 3-indicator scheme, the given units and rounds.
pub fn state(units: Vec<Unit>, rounds: Vec<Round>, outcomes: Vec<Outcome>) -> AppState {
    AppState {
        units: units.into(),
        schemes: vec![scheme3()].into(),
        rounds: rounds.into_iter().map(Into::into).collect(),
        outcomes: outcomes.into(),
        ..AppState::default()
    }
}
