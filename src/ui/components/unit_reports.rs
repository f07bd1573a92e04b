//! What a unit reports between rounds in its own copy: activities of its pairings,
//! progress on its rectification items, and its 保障投入. The return file carries them;
//! closing an item, moving a deadline and other units' records stay the committee's.

use leptos::prelude::*;

use crate::domain::between_rounds::rectification as rect;
use crate::domain::between_rounds::{pairing, resources};
use crate::domain::{Pairing, PairingActivity, Rectification, RectificationStatus};
use crate::ui::components::between_forms::{ActivityLogForm, ProgressNoteForm, ResourceForm};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The unit's pairings, open items and resources, each with its form.
#[component]
pub fn UnitReports(unit_id: String) -> impl IntoView {
    let uid = StoredValue::new(unit_id);
    view! {
        <h2>"结对活动"</h2>
        <UnitPairings unit_id=uid.get_value() />
        <h2>"整改进展"</h2>
        <UnitItems unit_id=uid.get_value() />
        <h2>"保障投入"</h2>
        <UnitResources unit_id=uid.get_value() />
    }
}

#[component]
fn UnitPairings(unit_id: String) -> impl IntoView {
    let ctx = AppContext::get();
    // Each pairing with, per activity, whether it may be deleted here (logged here and
    // not yet returned: a slip or a duplicate goes before it reaches the committee).
    let list = Memo::new(move |_| {
        ctx.state.with(|s| {
            pairing::of_unit(s, &unit_id)
                .into_iter()
                .filter(|p| p.site_id == unit_id)
                .map(|p| {
                    let unreported = p
                        .activities
                        .iter()
                        .map(|a| crate::domain::exchange::unreported_activity(s, &p.id, a))
                        .collect::<Vec<bool>>();
                    (p.clone(), unreported)
                })
                .collect::<Vec<(Pairing, Vec<bool>)>>()
        })
    });
    let deleting = RwSignal::new(None::<(String, PairingActivity)>);
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        deleting
            .get()
            .map(|(_, a)| {
                text::unreported_delete_question(&format!("{}的结对活动“{}”", a.date, a.title))
            })
            .unwrap_or_default()
    });
    let do_delete = Callback::new(move |_| {
        if let Some((pid, a)) = deleting.get_untracked() {
            let now = ctx.now_iso();
            let label = format!("删除结对活动前：{} {}", a.date, a.title);
            if ctx
                .update_kept(text::DELETE_ACTIVITY, &label, |s| {
                    pairing::delete_activity(s, &pid, &a, &now)
                })
                .is_ok()
            {
                ctx.notice.set(Some(Notice::info(format!(
                    "已删除{}的结对活动“{}”。",
                    a.date, a.title
                ))));
            }
        }
        deleting.set(None);
    });
    let dialog = view! {
        <crate::ui::components::confirm::ConfirmDialog open=delete_open title="确认删除结对活动"
            message=delete_message confirm_label="删除" on_confirm=do_delete />
    };
    let pairs_view = move || {
        let pairs = list.get();
        if pairs.is_empty() {
            return view! { <p class="empty">"工委没有为本单位登记结对。"</p> }.into_any();
        }
        pairs
            .into_iter()
            .map(|(p, unreported)| {
                let title = format!("与{}的结对", p.partner_name);
                let (label, list_label) = (title.clone(), format!("{title}的活动"));
                // Ended: said at once, not only when an activity after it is refused.
                let ended = (p.status == crate::domain::PairingStatus::Ended).then(|| {
                    match &p.ended_on {
                        Some(d) => format!("此结对已于{d}结束，只能补记{d}及以前的活动。"),
                        None => "此结对已结束，只能补记结束以前的活动。".to_string(),
                    }
                });
                // The activity being corrected: its place in the log, itself, the revision.
                let correcting = RwSignal::new(None::<(usize, PairingActivity, u32)>);
                let (pid, rev) = (p.id.clone(), p.meta.rev);
                view! {
                    <section class="unit-report" aria-label=label>
                        <h3>{title.clone()}</h3>
                        // What the committee set the pairing to achieve, and how the
                        // partner is doing: the unit reads what it works towards (a
                        // clerk's re-test: a new 结对目标 arrived and showed nowhere).
                        {(!p.goals.trim().is_empty()).then(|| view! {
                            <p>{format!("结对目标：{}", p.goals.trim())}</p>
                        })}
                        {(!p.partner_progress.trim().is_empty()).then(|| view! {
                            <p>{format!("结对单位进展：{}", p.partner_progress.trim())}</p>
                        })}
                        {ended.map(|e| view! { <p class="hint" role="note">{e}</p> })}
                        {if p.activities.is_empty() {
                            view! { <p class="empty">{crate::ui::text::NO_ACTIVITY_YET}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="between-list" aria-label=list_label>
                                    {p.activities.iter().enumerate().map(|(i, a)| {
                                        let what = format!("{} {}", a.date, a.title);
                                        let a2 = a.clone();
                                        let gone = (p.id.clone(), a.clone());
                                        let delete = unreported.get(i).copied().unwrap_or(false).then(|| view! {
                                            " "<button type="button" class="quiet" aria-label=format!("删除活动 {what}")
                                                on:click=move |_| { deleting.set(Some(gone.clone())); delete_open.set(true); }>"删除"</button>
                                        });
                                        view! {
                                            <li>{format!("{}　{}　{}", a.date, a.form.label(), a.title)}" "
                                                <button type="button" aria-label=format!("修改活动 {what}")
                                                    on:click=move |_| correcting.set(Some((i, a2.clone(), rev)))>"修改"</button>
                                                {delete}</li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {move || match correcting.get() {
                            Some(c) => view! {
                                <ActivityLogForm pairing_id=pid.clone() correcting=c
                                    on_done=Callback::new(move |_| correcting.set(None)) />
                            }.into_any(),
                            None => view! { <ActivityLogForm pairing_id=pid.clone() /> }.into_any(),
                        }}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! { {dialog} {pairs_view} }
}

#[component]
fn UnitItems(unit_id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let list = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.rectifications
                .iter()
                .filter(|r| r.unit_id == unit_id && r.status != RectificationStatus::Closed)
                .cloned()
                .collect::<Vec<Rectification>>()
        })
    });
    let today = ctx.today();
    move || {
        let items = list.get();
        if items.is_empty() {
            return view! { <p class="empty">"本单位没有待整改的事项。"</p> }.into_any();
        }
        items
            .into_iter()
            .map(|r| {
                let (heading, cut) = rect::heading_of(&r.description);
                let title = format!("整改事项：{heading}");
                let label = title.clone();
                view! {
                    <section class="unit-report" aria-label=label>
                        <h3>{title}</h3>
                        {cut.then(|| view! { <p>{r.description.clone()}</p> })}
                        <p>{format!("整改期限 {}，{}", r.deadline, r.status.label())}
                            {(rect::days_overdue(&r, &today) > 0).then(|| view! {
                                " "<span class="badge badge--danger">{format!("已逾期{}天", rect::days_overdue(&r, &today))}</span>
                            })}</p>
                        {(!r.progress.is_empty()).then(|| view! {
                            <ul class="between-list">
                                {r.progress.iter().map(|n| view! { <li>{format!("{}：{}", n.date, n.note)}</li> }).collect_view()}
                            </ul>
                        })}
                        <ProgressNoteForm item_id=r.id.clone() what=r.description.clone() />
                        {report_done(ctx, &r)}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    }
}

/// 报告已完成: the unit says the item is done; the committee checks it and 销号.
fn report_done(ctx: AppContext, r: &Rectification) -> impl IntoView {
    if r.status == RectificationStatus::Done {
        return view! { <p class="muted">"已报告整改完成，待工委核实销号。"</p> }.into_any();
    }
    let id = StoredValue::new(r.id.clone());
    let label = format!("报告已完成：{}", r.description);
    // One click must not report a whole item done: asked first.
    let open = RwSignal::new(false);
    let message = format!(
        "报告「{}」整改已全部完成？报告后将随报送文件交给工委，由工委核实后销号。",
        r.description
    );
    let done = move |_| {
        let now = ctx.now_iso();
        if ctx
            .update(text::REPORT_DONE, |s| {
                rect::report_done(s, &id.get_value(), &now)
            })
            .is_ok()
        {
            ctx.notice.set(Some(Notice::info(
                "已报告整改完成，将随报送文件交给工委，由工委核实后销号。",
            )));
        }
    };
    view! {
        <p class="form-actions no-print">
            <button type="button" aria-label=label on:click=move |_| open.set(true)>"报告已完成"</button>
            " "<span class="muted">"整改全部完成后再点；由工委核实后销号。"</span>
        </p>
        <crate::ui::components::confirm::ConfirmDialog open title="确认报告整改完成"
            message=Signal::derive(move || message.clone()) confirm_label="报告已完成"
            on_confirm=Callback::new(done) />
    }
    .into_any()
}

#[component]
fn UnitResources(unit_id: String) -> impl IntoView {
    let ctx = AppContext::get();
    // The task's year (the round's), not today's; a year still to come is said, not
    // asked for (the form would refuse it).
    let this_year = ctx.this_year();
    let round_year = ctx.state.with_untracked(|s| {
        s.workspace
            .as_ref()
            .and_then(|w| s.round(&w.round_id))
            .map(|r| r.year)
    });
    let Some(year) = ctx
        .state
        .with_untracked(|s| crate::domain::return_check::resources_year(s, this_year))
        .or(round_year.is_none().then_some(this_year))
    else {
        let y = round_year.unwrap_or(this_year);
        return view! {
            <p class="muted">{format!("本轮是{y}年度考评，{y}年的保障投入到{y}年再填报（现在填报会因年度还没有到而不能保存）。")}</p>
        }
        .into_any();
    };
    let uid = StoredValue::new(unit_id);
    let entry = Memo::new(move |_| {
        ctx.state
            .with(|s| resources::of_unit_year(s, &uid.get_value(), year).cloned())
    });
    (move || {
        let e = entry.get();
        let said = e.as_ref().map(|e| {
            format!(
                "{year}年已填报：{}。可在下面修改。",
                crate::domain::between_rounds::resources::summary_text(e)
            )
        });
        view! {
            <p class="muted">{said.unwrap_or_else(|| format!("请填报本单位{year}年的保障投入。"))}</p>
            <ResourceForm entry=e fixed_unit=uid.get_value() year=year.to_string()
                on_done=Callback::new(|_: Option<u16>| ()) />
        }
    })
    .into_any()
}
