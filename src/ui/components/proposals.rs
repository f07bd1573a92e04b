//! The lifecycle proposals of a round (`lifecycle::propose_changes`) and the 摘牌
//! proposals of warned units whose rectification deadline has passed with items still
//! open (`lifecycle::propose_overdue`): each can be confirmed (recorded in the unit's
//! history with the decision's date and 文号) or not adopted. Nothing changes until a
//! person decides.

use leptos::prelude::*;

use crate::domain::lifecycle::{
    self, confirm_proposal, dismiss_proposal, pending_proposals_and_held, reconsider_proposal,
    set_aside_proposals, LifecycleError, Proposal, SetAside,
};
use crate::domain::UnitStatus;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{focus_button_when_drawn, focus_when_drawn};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The decision's fields and the proposal waiting for confirmation in the dialog.
/// The question's title, and what 撤销 calls the change.
const DISMISS: &str = "不采纳状态变更建议";
/// What 撤销 calls taking a 不采纳 back.
const RECONSIDER: &str = "重新考虑状态变更建议";

/// The id of the 牌匾编号 box of a 授牌 proposal for unit `unit_id`.
fn plaque_field_id(unit_id: &str) -> String {
    format!("plaque-{unit_id}")
}

/// The decision's two fields above the list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DecisionField {
    Date,
    DocNo,
}

#[derive(Clone, Copy)]
struct Decision {
    ctx: AppContext,
    date: RwSignal<String>,
    doc_no: RwSignal<String>,
    /// The plaque numbers typed for 授牌 proposals, by unit.
    plaques: RwSignal<std::collections::BTreeMap<String, String>>,
    // A decision is checked first (文号, date), then confirmed in a dialog.
    pending: RwSignal<Option<Proposal>>,
    dialog_open: RwSignal<bool>,
    dialog_message: RwSignal<String>,
    /// Why the last 确认 was refused, by the proposal's unit: said beside it, not only
    /// in the banner at the top of a long page.
    refused: RwSignal<Option<(String, String)>>,
    /// The unit whose 牌匾编号 the last 确认 was refused for (taken by another unit).
    refused_plaque: RwSignal<Option<String>>,
    /// The decision field the last 确认 was refused for, with why: said under that
    /// field too, which takes the keyboard (a keyboard review: focus went to an empty
    /// 文号 while the reason stood beside the item, a screen further down).
    refused_field: RwSignal<Option<(DecisionField, String)>>,
    dismissing: RwSignal<Option<Proposal>>,
    dismiss_open: RwSignal<bool>,
    dismiss_message: RwSignal<String>,
    date_field: NodeRef<leptos::html::Input>,
    doc_field: NodeRef<leptos::html::Input>,
}

impl Decision {
    /// The plaque number typed for `p`'s unit (empty if none).
    fn plaque(self, p: &Proposal) -> String {
        self.plaques
            .with_untracked(|m| m.get(&p.unit_id).cloned().unwrap_or_default())
    }

    /// Records the proposal's change in the unit's history.
    fn apply(self, p: Proposal) {
        let ctx = self.ctx;
        let (d, n) = (self.date.get_untracked(), self.doc_no.get_untracked());
        let plaque = self.plaque(&p);
        let now = ctx.now();
        let done = ctx.update(text::CONFIRM_STATUS_CHANGE, |s| {
            confirm_proposal(s, &p, d.trim(), &n, &plaque, &now)
        });
        if done.is_ok() {
            ctx.notice.set(Some(Notice::info(format!(
                "已将「{}」的状态由「{}」变更为「{}」，并记入该单位的状态履历。",
                p.unit_name,
                p.from.label(),
                p.to.label()
            ))));
        }
    }

    /// Checks the decision on a copy, then asks to confirm it.
    fn confirm(self, p: Proposal) {
        let ctx = self.ctx;
        let (d, n) = (self.date.get_untracked(), self.doc_no.get_untracked());
        let plaque = self.plaque(&p);
        let now = ctx.now();
        let checked = ctx.state.with_untracked(|s| {
            let mut trial = s.clone();
            confirm_proposal(&mut trial, &p, d.trim(), &n, &plaque, &now)
                .map(|()| trial.rectifications.len() > s.rectifications.len())
        });
        match checked {
            Err(e) => {
                // The field to mend takes the keyboard: the 文号 or the date above the list.
                let which = match e {
                    LifecycleError::MissingDocNo { .. } => Some(DecisionField::DocNo),
                    LifecycleError::MissingDate { .. }
                    | LifecycleError::BadDate { .. }
                    | LifecycleError::FutureDate { .. }
                    | LifecycleError::BeforeEntry { .. } => Some(DecisionField::Date),
                    _ => None,
                };
                let field = which.map(|w| match w {
                    DecisionField::DocNo => self.doc_field,
                    DecisionField::Date => self.date_field,
                });
                self.refused_field.set(which.map(|w| (w, e.to_string())));
                self.refused.set(Some((p.unit_id.clone(), e.to_string())));
                if let Some(input) = field.and_then(|f| f.get_untracked()) {
                    let _ = input.focus();
                }
                // A number taken by another unit: its box takes the keyboard, marked.
                let plaque = matches!(e, LifecycleError::DuplicatePlaque { .. });
                self.refused_plaque.set(plaque.then(|| p.unit_id.clone()));
                if plaque {
                    focus_when_drawn(plaque_field_id(&p.unit_id));
                }
            }
            Ok(with_item) => {
                self.refused.set(None);
                self.refused_plaque.set(None);
                self.refused_field.set(None);
                let deadline = ctx
                    .state
                    .with_untracked(|s| lifecycle::decided_deadline(s, &p, &d))
                    .map(|by| format!("，整改期限 {by}"))
                    .unwrap_or_default();
                let item = if with_item {
                    "；同时为其建立一项整改事项（整改期限同警示，可在“整改”中修改或补充）"
                } else {
                    ""
                };
                let plaque = if plaque.trim().is_empty() {
                    String::new()
                } else {
                    format!("，牌匾编号 {}", plaque.trim())
                };
                let today = ctx.today();
                // A site that leaves ends its running pairings (lifecycle::change_status).
                let pairings = ctx.state.with_untracked(|s| {
                    lifecycle::pairings_ended_note(s, &p.unit_id, p.to, d.trim())
                });
                let draft = ctx.state.with_untracked(|s| {
                    let mut said = lifecycle::draft_basis(s, &p).unwrap_or_default();
                    said.push_str(&lifecycle::decided_before_scores(s, &p, &d).unwrap_or_default());
                    said.push_str(
                        &lifecycle::deadline_already_past(s, &p, d.trim(), &today)
                            .unwrap_or_default(),
                    );
                    said
                });
                let year = lifecycle::doc_year_note(&n, d.trim()).unwrap_or_default();
                self.dialog_message.set(format!(
                    "{draft}将「{}」由「{}」变更为「{}」（{}，文号 {}{plaque}{deadline}），并记入该单位的状态履历{pairings}{item}{year}。",
                    p.unit_name,
                    p.from.label(),
                    p.to.label(),
                    d.trim(),
                    n.trim()
                ));
                self.pending.set(Some(p));
                self.dialog_open.set(true);
            }
        }
    }

    /// Asks before setting a proposal aside: it is not made again this round.
    fn ask_dismiss(self, p: Proposal) {
        self.dismiss_message.set(format!(
            "不采纳对「{}」的建议（{} → {}）？本轮不再提出这条建议；如点错，可在本页“本轮已不采纳的建议”中点“重新考虑”。",
            p.unit_name,
            p.from.label(),
            p.to.label()
        ));
        self.dismissing.set(Some(p));
        self.dismiss_open.set(true);
    }

    fn dismiss(self, p: Proposal) {
        let ctx = self.ctx;
        if ctx.mutate(DISMISS, |s| dismiss_proposal(s, &p)) {
            ctx.notice.set(Some(Notice::info(format!(
                "已不采纳对「{}」的状态变更建议，本轮不再提出。",
                p.unit_name
            ))));
        }
    }
}

/// The proposals waiting for a decision: those of round `round_id` (when given) and
/// the deadline proposals (only those of `unit_id` when given).
#[component]
pub fn ProposalList(
    /// The round whose results gave rise to the proposals (none: deadline proposals only).
    #[prop(into, optional)]
    round_id: Option<String>,
    /// Show only this unit's proposal.
    #[prop(into, optional)]
    unit_id: Option<String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let dc = Decision {
        ctx,
        date: RwSignal::new(today.clone()),
        doc_no: RwSignal::new(String::new()),
        plaques: RwSignal::new(Default::default()),
        refused_plaque: RwSignal::new(None),
        refused_field: RwSignal::new(None),
        pending: RwSignal::new(None),
        dialog_open: RwSignal::new(false),
        dialog_message: RwSignal::new(String::new()),
        refused: RwSignal::new(None),
        dismissing: RwSignal::new(None),
        dismiss_open: RwSignal::new(false),
        dismiss_message: RwSignal::new(String::new()),
        date_field: NodeRef::new(),
        doc_field: NodeRef::new(),
    };
    let rid = StoredValue::new(round_id);
    let only = StoredValue::new(unit_id);
    let both = Memo::new(move |_| {
        ctx.state.with(|s| {
            pending_proposals_and_held(s, rid.get_value().as_deref(), &today).map(
                |(mut v, mut held)| {
                    if let Some(u) = only.get_value() {
                        v.retain(|p| p.unit_id == u);
                        held.clear();
                    }
                    (v, held)
                },
            )
        })
    });
    let proposals = Memo::new(move |_| both.with(|b| b.clone().map(|(v, _)| v)));
    // Graded, but waiting for a missing sheet: said, so the unit is not taken to have
    // been passed over (a clerk's review).
    let held =
        Memo::new(move |_| both.with(|b| b.as_ref().map(|(_, h)| h.clone()).unwrap_or_default()));
    let pending = dc.pending;
    let on_confirm = Callback::new(move |_| {
        if let Some(p) = pending.get_untracked() {
            dc.apply(p);
        }
        pending.set(None);
    });
    let dismissing = dc.dismissing;
    let on_dismiss = Callback::new(move |_| {
        if let Some(p) = dismissing.get_untracked() {
            dc.dismiss(p);
        }
        dismissing.set(None);
    });
    view! {
        {move || {
            let h = held.get();
            (!h.is_empty()).then(|| view! {
                <p class="hint" role="note">{format!(
                    "评分不全的单位（{}）待评分补齐后再提出状态变更建议。",
                    h.join("、")
                )}</p>
            })
        }}
        {move || match proposals.get() {
            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! {
                <p class="muted">"没有待决定的状态变更建议。"</p>
            }.into_any(),
            Ok(list) => proposals_view(dc, list).into_any(),
        }}
        {move || rid.get_value().map(|r| view! { <SetAsideList round_id=r only=only.get_value() /> })}
        <ConfirmDialog open=dc.dialog_open title=text::CONFIRM_STATUS_CHANGE message=dc.dialog_message
            confirm_label="确认" on_confirm=on_confirm />
        <ConfirmDialog open=dc.dismiss_open title=DISMISS message=dc.dismiss_message
            confirm_label="不采纳" on_confirm=on_dismiss />
    }
}

/// The decision's date and 文号, then each proposal with its buttons.
fn proposals_view(dc: Decision, list: Vec<Proposal>) -> impl IntoView {
    let Decision {
        date,
        doc_no,
        refused,
        refused_field,
        date_field,
        doc_field,
        ..
    } = dc;
    let invalid =
        move |f: DecisionField| refused_field.with(|r| r.as_ref().is_some_and(|(w, _)| *w == f));
    let described = move |f: DecisionField, hint: &'static str| {
        if invalid(f) {
            format!("proposal-field-error {hint}")
        } else {
            hint.to_string()
        }
    };
    let mended = move || {
        refused.set(None);
        refused_field.set(None);
    };
    view! {
        <p>{format!("共{}条建议待决定。确认后记入单位的状态履历（日期、理由、文号）；不采纳则本轮不再提出。", list.len())}</p>
        // The decision's fields are the screen's: on paper for the committee's meeting,
        // an example 文号 and today's date read as decided (a clerk's review).
        <div class="proposal-fields no-print">
            <label class="field">
                <span>"决定日期"</span>
                <input type="date" aria-label="决定日期" node_ref=date_field prop:value=move || date.get()
                    aria-invalid=move || invalid(DecisionField::Date).then_some("true")
                    aria-describedby=move || invalid(DecisionField::Date).then_some("proposal-field-error")
                    on:input=move |e| { date.set(event_target_value(&e)); mended(); } />
            </label>
            <label class="field">
                <span>"文号"</span>
                <input type="text" aria-label="文号" aria-describedby=move || described(DecisionField::DocNo, "proposal-doc-hint") node_ref=doc_field placeholder=crate::ui::text::DOC_NO_EXAMPLE prop:value=move || doc_no.get()
                    aria-invalid=move || invalid(DecisionField::DocNo).then_some("true")
                    on:input=move |e| { doc_no.set(event_target_value(&e)); mended(); } />
            </label>
        </div>
        {move || refused_field.get().map(|(_, why)| view! {
            <p class="error no-print" id="proposal-field-error">{why}</p>
        })}
        // One 文号 for every decision confirmed from here (a clerk's review: a 警示
        // decision's number went on to a 授牌 confirmed next, unsaid).
        <p class="hint no-print" id="proposal-doc-hint">"这里的日期和文号用于下面确认的每一项；分属不同决定文件的，确认下一项前请先改填文号（确认前的对话框会再列出）。"</p>
        <ul class="proposals">
            {list.into_iter().map(|p| proposal_item(dc, p)).collect_view()}
        </ul>
    }
}

fn proposal_item(dc: Decision, p: Proposal) -> impl IntoView {
    let (pc, pd) = (p.clone(), p.clone());
    // Counted from the decision date typed above, as confirming will count it.
    let ctx = dc.ctx;
    let pp = p.clone();
    let deadline = move || {
        let date = dc.date.get();
        ctx.state
            .with(|s| lifecycle::decided_deadline(s, &pp, &date))
            .map(|d| format!("（整改期限：{d}，自决定日期起算）"))
    };
    view! {
        <li class="proposal">
            <div>
                <strong>{p.unit_name.clone()}</strong>
                {format!("：{} → {}", p.from.label(), p.to.label())}
                <div class="muted">{p.reason.clone()}{deadline}</div>
                // A deadline proposal cannot be set aside; an extension is the way out.
                {p.round_id.is_none().then(|| view! {
                    <div class="muted">"整改期限已到的摘牌建议不能“不采纳”；如工委决定延期整改，请在该单位页面点“整改期限延期”，填写决定日期、文号和理由（到期的整改事项随之顺延），建议随即撤回。"</div>
                })}
                {(p.to == UnitStatus::Named).then(|| {
                    let uid = p.unit_id.clone();
                    // Drawn again when the list changes (another proposal decided): the
                    // number typed is shown, as it is the one recorded (a clerk's review:
                    // the box read empty and confirming still recorded it).
                    let typed = {
                        let uid = uid.clone();
                        move || dc.plaques.with(|m| m.get(&uid).cloned().unwrap_or_default())
                    };
                    let invalid = {
                        let uid = uid.clone();
                        move || dc.refused_plaque.get().as_ref() == Some(&uid)
                    };
                    view! {
                        <label class="field no-print">
                            <span>"牌匾编号"</span>
                            <input type="text" id=plaque_field_id(&uid) aria-label=format!("牌匾编号：{}", p.unit_name) placeholder="如 SFD-2026-001（可留空）"
                                prop:value=typed aria-invalid=move || invalid().then_some("true")
                                on:input=move |e| {
                                    let v = event_target_value(&e);
                                    dc.plaques.update(|m| { m.insert(uid.clone(), v); });
                                    // Typed again: no longer the number refused (a re-test).
                                    if dc.refused_plaque.get_untracked().as_ref() == Some(&uid) {
                                        dc.refused_plaque.set(None);
                                    }
                                } />
                        </label>
                    }
                })}
            </div>
            {
                let uid = p.unit_id.clone();
                move || dc.refused.get().filter(|(u, _)| *u == uid).map(|(_, why)| view! {
                    <p class="error" role="alert">{why}</p>
                })
            }
            <div class="proposal__actions">
                // The unit's name is beside the buttons; a screen reader hears it in each.
                <button type="button" class="primary" aria-label=format!("确认 {}", p.unit_name)
                    on:click=move |_| dc.confirm(pc.clone())>"确认"</button>
                // A deadline proposal stands while its items stay open:
                // it cannot be set aside for a round.
                {p.round_id.is_some().then(|| {
                    let name = p.unit_name.clone();
                    view! {
                        <button type="button" aria-label=format!("不采纳 {name}")
                            on:click=move |_| dc.ask_dismiss(pd.clone())>"不采纳"</button>
                    }
                })}
            </div>
        </li>
    }
}

/// The round's proposals set aside (不采纳) that still stand, each with a way to take
/// the 不采纳 back: kept in the round, so listed after a reload too.
#[component]
fn SetAsideList(round_id: String, only: Option<String>) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let rid = StoredValue::new(round_id);
    let list = Memo::new(move |_| {
        ctx.state.with(|s| {
            let mut v: Vec<SetAside> = set_aside_proposals(s, &rid.get_value(), &today)
                .into_iter()
                // Listed only while it would be made again: one the scores no longer
                // give rise to holds nothing back.
                .filter(|a| a.again.is_some())
                .collect();
            if let Some(u) = &only {
                v.retain(|a| &a.unit_id == u);
            }
            v
        })
    });
    let reconsider = move |a: SetAside| {
        let r = rid.get_value();
        if ctx.mutate(RECONSIDER, |s| {
            reconsider_proposal(s, &r, &a.unit_id);
        }) {
            ctx.notice.set(Some(Notice::info(format!(
                "已重新提出对「{}」的状态变更建议，请在上方确认或不采纳。",
                a.unit_name
            ))));
            // The keyboard goes to the proposal put back, not to the page's top (a
            // clerk's review: 123 presses of Tab to get back to it).
            focus_button_when_drawn(format!("确认 {}", a.unit_name), String::new());
        }
    };
    move || {
        let v = list.get();
        (!v.is_empty()).then(|| {
            view! {
                <section class="set-aside" aria-label="本轮已不采纳的建议">
                    <h3>{format!("本轮已不采纳的建议（{}条）", v.len())}</h3>
                    <ul class="proposals">
                        {v.into_iter().map(|a| {
                            let p = a.again.clone();
                            let name = a.unit_name.clone();
                            let aa = a.clone();
                            view! {
                                <li class="proposal">
                                    <div>
                                        <strong>{a.unit_name.clone()}</strong>
                                        {p.as_ref().map(|p| format!("：{} → {}", p.from.label(), p.to.label()))}
                                        <div class="muted">{p.map(|p| p.reason).unwrap_or_default()}</div>
                                    </div>
                                    <div class="proposal__actions">
                                        <button type="button" aria-label=format!("重新考虑 {name}")
                                            on:click=move |_| reconsider(aa.clone())>"重新考虑"</button>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
