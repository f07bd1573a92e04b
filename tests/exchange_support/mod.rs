//! A small committee state for the exchange tests and fixtures, and helpers to act as
//! the unit or assessor on the other side. Deterministic: fixed times and entropy.
#![allow(dead_code)]

use exemplar::domain::exchange::*;
use exemplar::domain::*;

pub const ISSUED: &str = "2026-09-01T09:00:00Z";
pub const LATER: &str = "2026-10-15T16:30:00Z";
pub const ENTROPY: &[u8] = b"fixed entropy for the tests";

pub fn unit(id: &str, name: &str) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        sector: "综合管理系统".into(),
        org_type: OrgType::Branch,
        leader: "王书记".into(),
        contact: "0000-1234567".into(),
        entered_year: 2024,
        status: UnitStatus::Candidate,
        plaque_no: None,
        named_on: None,
        rectify_by: None,
        history: vec![],
        reviews: Vec::new(),
        extensions: Vec::new(),
        meta: RecordMeta::default(),
    }
}

/// Full marks on every indicator except the first, which gets `first`.
pub fn points(scheme: &Scheme, first: Option<Points>) -> Vec<Option<Points>> {
    scheme
        .indicators()
        .enumerate()
        .map(|(i, ind)| if i == 0 { first } else { Some(ind.max) })
        .collect()
}

pub fn sheet(scheme: &Scheme, unit: &str, source: SheetSource) -> ScoreSheet {
    ScoreSheet {
        unit_id: unit.into(),
        source,
        points: points(scheme, Some(Points(200))),
        evidence: Default::default(),
        submitted: false,
        meta: RecordMeta {
            rev: 1,
            updated: "2026-08-20T10:00:00Z".into(),
            by: "committee".into(),
        },
    }
}

pub fn outcome(id: &str, unit: &str, title: &str) -> Outcome {
    Outcome {
        id: id.into(),
        unit_id: unit.into(),
        title: title.into(),
        date: "2026-05-10".into(),
        kind: OutcomeKind::Practice,
        innovations: vec![Innovation::Method],
        description: "做法与成效".into(),
        evidence: vec!["台账2026-05".into()],
        filed_on: None,
        feedback_on: None,
        promotion: PromotionStage::OwnUnit,
        promoted_on: None,
        recognised: false,
        incentive: String::new(),
        path: OutcomePath::default(),
        meta: RecordMeta {
            rev: 1,
            updated: "2026-06-01T08:00:00Z".into(),
            by: "committee".into(),
        },
    }
}

/// The committee: scheme s1 (default, 22 indicators), units u1–u4 (u4 not in the
/// round), round r1 with assessors a1 (u1, u2) and a2 (all), some sheets and records,
/// access codes issued to u1, u2, a1 and a2 (none to u3), with their task files exported
/// (so the committee's ledger of what it sent is there).
pub fn committee() -> AppState {
    let scheme = default_scheme("s1", "s1", 2026);
    let mut st = AppState {
        units: vec![
            unit("u1", "市财政局机关党委"),
            unit("u2", "市教育局机关党支部"),
            unit("u3", "市卫健委党总支"),
            unit("u4", "市图书馆党支部"),
        ]
        .into(),
        ..AppState::default()
    };
    st.rounds.push(
        Round {
            id: "r1".into(),
            name: "2026年度考评".into(),
            year: 2026,
            scheme_id: "s1".into(),
            unit_ids: vec!["u1".into(), "u2".into(), "u3".into()],
            assessors: vec![
                Assessor {
                    id: "a1".into(),
                    name: "张评委".into(),
                    org: "市委组织部".into(),
                    unit_ids: vec!["u1".into(), "u2".into()],
                },
                Assessor {
                    id: "a2".into(),
                    name: "李评委".into(),
                    org: String::new(),
                    unit_ids: vec![],
                },
            ],
            sheets: vec![
                sheet(&scheme, "u1", SheetSource::Assessor("a1".into())),
                sheet(&scheme, "u1", SheetSource::SelfAssessment),
            ]
            .into(),
            adjustments: vec![],
            type_overrides: vec![],
            decided_proposals: vec![],
            dismissed_proposals: vec![],
            published: false,
            publication: None,
            meta: RecordMeta::default(),
        }
        .into(),
    );
    st.schemes.push(scheme);
    st.outcomes = vec![
        outcome("o1", "u1", "“党建+业务”双融合工作法"),
        outcome("o2", "u2", "“红色课堂”进校园"),
    ]
    .into();
    st.pairings.push(Pairing {
        id: "p1".into(),
        site_id: "u1".into(),
        partner_unit_id: Some("u2".into()),
        partner_name: "市教育局机关党支部".into(),
        start: "2026-03-01".into(),
        goals: "共建共学".into(),
        activities: vec![PairingActivity {
            date: "2026-04-12".into(),
            title: "联合主题党日".into(),
            note: String::new(),
            form: ActivityForm::Other,
            participants: String::new(),
            result: String::new(),
        }],
        partner_progress: String::new(),
        status: PairingStatus::Active,
        ended_on: None,
        meta: RecordMeta::default(),
    });
    st.rectifications.push(Rectification {
        id: "c1".into(),
        unit_id: "u1".into(),
        category: ProblemCategory::WeakRadiation,
        description: "结对活动次数偏少".into(),
        owner: "王书记".into(),
        deadline: "2026-12-31".into(),
        status: RectificationStatus::Open,
        progress: vec![],
        source: ProblemSource::Other,
        visit_id: None,
        closure: None,
        opened_on: String::new(),
        meta: RecordMeta::default(),
    });
    st.resources.push(ResourceEntry {
        id: "e1".into(),
        unit_id: "u1".into(),
        year: 2026,
        funds: Points::whole(5),
        activity_funds: Points(150),
        staff: 3,
        part_time_staff: 0,
        premises: false,
        premises_area: 0,
        note: String::new(),
        meta: RecordMeta::default(),
    });
    st.settings.next_id = 10;
    for p in [
        Party::Unit("u1".into()),
        Party::Unit("u2".into()),
        Party::Assessor("a1".into()),
        Party::Assessor("a2".into()),
    ] {
        issue_code(&mut st, "r1", p, ISSUED, ENTROPY);
    }
    // The task files went out: the committee keeps what each one sent.
    for u in ["u1", "u2"] {
        export_to_unit(&mut st, "r1", u, ISSUED, ENTROPY).expect("task file to a unit");
    }
    for a in ["a1", "a2"] {
        export_to_assessor(&mut st, "r1", a, ISSUED, ENTROPY).expect("task file to an assessor");
    }
    st
}

pub fn code(st: &AppState, party: Party) -> String {
    st.exchange
        .code_for("r1", &party)
        .map(|c| c.code.clone())
        .expect("code issued")
}

/// Opens a task file in a blank browser (preview then apply).
pub fn open_task(file: &str) -> AppState {
    let blank = AppState::default();
    let p = preview(
        &blank,
        "task.json",
        file.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("task file previews");
    apply(&blank, &p, &Decisions::default()).expect("task file applies")
}

/// The unit u1's copy, opened from the committee's task file.
pub fn unit_copy(committee: &mut AppState) -> AppState {
    let f = export_to_unit(committee, "r1", "u1", ISSUED, ENTROPY).expect("export to unit");
    open_task(&f)
}

/// The assessor's copy, opened from the committee's task file.
pub fn assessor_copy(committee: &mut AppState, assessor: &str) -> AppState {
    let f =
        export_to_assessor(committee, "r1", assessor, ISSUED, ENTROPY).expect("export to assessor");
    open_task(&f)
}

/// Some work in the unit's copy: a new outcome, a changed self-assessment, progress.
pub fn unit_works(copy: &mut AppState) {
    let id = copy.new_id("o");
    let mut o = outcome(&id, "u1", "“四强”党支部创建手册");
    o.meta = RecordMeta::default();
    o.meta.touch(LATER, "u1");
    copy.outcomes.push(o);
    if let Some(s) = copy.rounds[0]
        .sheets
        .iter_mut()
        .find(|s| s.source == SheetSource::SelfAssessment)
    {
        s.points[0] = Some(Points(350));
        s.submitted = true;
        s.meta.touch(LATER, "u1");
    }
    if let Some(r) = copy.rectifications.first_mut() {
        r.status = RectificationStatus::InProgress;
        r.progress
            .push(ProgressNote::progress("2026-10-10", "已开展结对活动两次"));
        r.meta.touch(LATER, "u1");
    }
}

/// Some work in an assessor's copy: every assigned unit scored.
pub fn assessor_works(copy: &mut AppState, first: Points) {
    let scheme = copy.schemes[0].clone();
    let ws = copy.workspace.clone().expect("focused");
    let Party::Assessor(me) = ws.party else {
        panic!("not an assessor copy")
    };
    let round = &mut copy.rounds[0];
    for u in round.unit_ids.clone() {
        let src = SheetSource::Assessor(me.clone());
        match round
            .sheets
            .iter_mut()
            .find(|s| s.unit_id == u && s.source == src)
        {
            Some(s) => {
                s.points = points(&scheme, Some(first));
                s.meta.touch(LATER, &me);
            }
            None => {
                let mut s = sheet(&scheme, &u, src);
                s.points = points(&scheme, Some(first));
                s.meta = RecordMeta::default();
                s.meta.touch(LATER, &me);
                round.sheets.push(s);
            }
        }
    }
}

/// Sets score `at` of assessor a1's sheet on `unit` in the first round, as changed by
/// `by` at `when`.
pub fn set_a1_score(st: &mut AppState, unit: &str, at: usize, p: Points, by: &str, when: &str) {
    let src = SheetSource::Assessor("a1".into());
    let sheet = st.rounds[0]
        .sheets
        .iter_mut()
        .find(|x| x.unit_id == unit && x.source == src)
        .expect("the unit's a1 sheet");
    sheet.points[at] = Some(p);
    sheet.meta.touch(when, by);
}

/// The serialised state, to compare before and after.
pub fn ser(st: &AppState) -> String {
    serde_json::to_string(st).expect("serialises")
}

/// In a unit's copy: logs activity `date` `title` on pairing `pid` at `at`, exports the
/// return then and notes it as sent; the return file.
pub fn logged_and_returned(
    copy: &mut AppState,
    pid: &str,
    date: &str,
    title: &str,
    at: &str,
) -> String {
    exemplar::domain::between_rounds::pairing::add_activity(copy, pid, activity(date, title), at)
        .expect("logged");
    let back = export_unit_return(copy, at).expect("exports");
    note_return_sent(copy);
    back
}

/// An activity of the form 其他 with only its date and content.
pub fn activity(date: &str, title: &str) -> PairingActivity {
    PairingActivity {
        date: date.into(),
        title: title.into(),
        note: String::new(),
        form: ActivityForm::Other,
        participants: String::new(),
        result: String::new(),
    }
}
