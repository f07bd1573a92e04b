//! 结对: pairings of a site with partners (in the roster or not), idle ones standing
//! out (no activity for the setting's months), and one pairing's page with its
//! activity log, its status and notes on the partner, and deletion. Rules are
//! `domain::between_rounds::pairing`.

use leptos::prelude::*;

use crate::ui::components::gone_drafts::TextOfGoneRecord;

use crate::domain::between_rounds::pairing::{self, PairingDraft};
use crate::domain::between_rounds::{MonthsSetting, UNIT_FIELD};
use crate::domain::form_merge::EditConflict;
use crate::domain::{Pairing, PairingActivity, PairingStatus};
use crate::route::Route;
use crate::ui::components::between::{by_code, name, options, unit_options, MonthsSettingForm};
use crate::ui::components::between_forms::{correction_draft_key, ActivityLogForm};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    update_form, ChoiceSelect, DateField, FormActions, FormFaults, Refusal, TextArea, TextField,
};
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// A pairing as listed.
#[derive(Clone, PartialEq)]
struct Row {
    p: Pairing,
    site: String,
    last: Option<String>,
    idle: bool,
}

/// The 结对 page.
#[component]
pub fn PairingsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let idle_only = RwSignal::new(String::new());
    crate::ui::components::fields::keep_filters("结对", vec![idle_only]);
    crate::ui::components::fields::filters_from_link(&[("idle", idle_only)]);
    let rows = Memo::new(move |_| {
        ctx.state.with(|s| {
            let months = s.settings.idle_pairing_months;
            let mut v: Vec<Row> = s
                .pairings
                .iter()
                .map(|p| Row {
                    p: p.clone(),
                    site: name(s, &p.site_id),
                    last: pairing::last_activity(p).map(str::to_string),
                    idle: pairing::is_idle(p, months, &today),
                })
                .filter(|r| idle_only.get() != "yes" || r.idle)
                .collect();
            v.sort_by(|a, b| {
                b.idle
                    .cmp(&a.idle)
                    .then(a.site.cmp(&b.site))
                    .then(a.p.id.cmp(&b.p.id))
            });
            v
        })
    });
    let months = Memo::new(move |_| ctx.state.with(|s| s.settings.idle_pairing_months));
    let total = Memo::new(move |_| ctx.state.with(|s| s.pairings.len()));
    // A pairing half entered before the person left opens again with its text.
    let adding = RwSignal::new(crate::ui::components::fields::has_draft(ADD_DRAFT));
    let idle_opts = Signal::derive(|| vec![("yes".to_string(), "只看不活跃".to_string())]);
    view! {
        <section class="pairings">
            // On paper the list says what it is and as of when, as 督导's does (a clerk's
            // review: it printed with neither a date nor page numbers).
            <h1 class="no-print">"结对"</h1>
            <p class="print-only print-title">{format!(
                "结对情况（截至{}）",
                crate::domain::reports::notice::written_date(&ctx.today())
            )}</p>
            <p class="hint">{move || format!("示范点与其他党组织结对共建（“创建一个、成功一个、带动一片”）。进行中的结对超过{}个月没有活动即标为“{}”。", months.get(), text::IDLE)}</p>
            <div class="filters" role="search" aria-label="筛选结对">
                <ChoiceSelect label="是否活跃" options=idle_opts value=idle_only all_label=text::ANY />
            </div>
            <p role="status">{move || format!("共{}个结对，其中不活跃{}个（当前列出{}个）。", total.get(),
                ctx.state.with(|s| pairing::idle(s, &ctx.today()).len()), rows.with(Vec::len))}</p>
            <p class="no-print">
                <button type="button" aria-expanded=move || adding.get().to_string()
                    on:click=move |_| adding.update(|a| *a = !*a)>"新建结对"</button>
            </p>
            <MonthsSettingForm which=MonthsSetting::IdlePairing />
            <Show when=move || adding.get()>
                <AddPairingForm on_done=Callback::new(move |_| adding.set(false)) />
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"没有结对。"</p> }>
                <div class="table-wrap">
                    <table class="pairing-list">
                        <caption class="visually-hidden">"结对清单"</caption>
                        <thead><tr>
                            <th scope="col">"示范点"</th><th scope="col">"结对单位"</th><th scope="col">"开始日期"</th>
                            <th scope="col">"状态"</th><th scope="col" class="num">"活动次数"</th><th scope="col">"最近活动"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| (r.p.id.clone(), r.p.meta.rev, r.idle)
                                children=move |r: Row| view! {
                                    <tr class:idle=r.idle>
                                        <td><a href=Route::Pairing(r.p.id.clone()).href()>{r.site.clone()}</a></td>
                                        <td>{r.p.partner_name.clone()}{r.p.partner_unit_id.is_none().then_some("（名册外）")}</td>
                                        <td>{r.p.start.clone()}</td>
                                        <td>{r.p.status.label()}{r.idle.then(|| view! { " "<span class="badge badge--warn">{text::IDLE}</span> })}</td>
                                        <td class="num">{r.p.activities.len()}</td>
                                        <td>{r.last.clone().unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The code of the "partner outside the roster" choice.
const OUTSIDE: &str = "";

/// Shared fields of the add and edit forms, as signals.
#[derive(Clone, Copy)]
struct Fields {
    site: RwSignal<String>,
    partner: RwSignal<String>,
    partner_name: RwSignal<String>,
    start: RwSignal<String>,
    goals: RwSignal<String>,
    status: RwSignal<String>,
    ended: RwSignal<String>,
    progress: RwSignal<String>,
}

impl Fields {
    fn new(p: Option<&Pairing>, site: String, today: String) -> Fields {
        Fields {
            site: RwSignal::new(p.map(|p| p.site_id.clone()).unwrap_or(site)),
            partner: RwSignal::new(
                p.and_then(|p| p.partner_unit_id.clone())
                    .unwrap_or_default(),
            ),
            partner_name: RwSignal::new(p.map(|p| p.partner_name.clone()).unwrap_or_default()),
            start: RwSignal::new(p.map(|p| p.start.clone()).unwrap_or(today)),
            goals: RwSignal::new(p.map(|p| p.goals.clone()).unwrap_or_default()),
            status: RwSignal::new(p.map(|p| p.status).unwrap_or_default().code().to_string()),
            ended: RwSignal::new(p.and_then(|p| p.ended_on.clone()).unwrap_or_default()),
            progress: RwSignal::new(p.map(|p| p.partner_progress.clone()).unwrap_or_default()),
        }
    }
    /// The fields kept as a draft while the form is open.
    fn texts(self) -> Vec<RwSignal<String>> {
        vec![
            self.site,
            self.partner,
            self.partner_name,
            self.start,
            self.goals,
            self.status,
            self.ended,
            self.progress,
        ]
    }
    fn draft(self) -> PairingDraft {
        let partner = self.partner.get_untracked();
        PairingDraft {
            site_id: self.site.get_untracked(),
            partner_unit_id: Some(partner).filter(|p| p != OUTSIDE),
            partner_name: self.partner_name.get_untracked(),
            start: self.start.get_untracked(),
            goals: self.goals.get_untracked(),
            status: by_code(
                &PairingStatus::ALL,
                PairingStatus::code,
                &self.status.get_untracked(),
            )
            .unwrap_or_default(),
            ended_on: self.ended.get_untracked(),
            partner_progress: self.progress.get_untracked(),
        }
    }
    fn view(self, ctx: AppContext, faults: FormFaults) -> impl IntoView {
        // The partner chosen, and the note when it was cleared because the same unit
        // was then chosen as the site (a clerk's review: it went without a word).
        let chosen = StoredValue::new(self.partner.get_untracked());
        let cleared = RwSignal::new(None::<String>);
        let (site, partner) = (self.site, self.partner);
        Effect::new(move |_| {
            let now = partner.get();
            let was = chosen.get_value();
            if now == OUTSIDE && was != OUTSIDE && was == site.get_untracked() {
                let name = ctx
                    .state
                    .with_untracked(|s| crate::domain::between_rounds::unit_name(s, &was));
                cleared.set(Some(format!("「{name}」已选为示范点，不能同时是结对单位：结对单位已改回“名册外单位”，请重新选择。")));
            } else if now != OUTSIDE {
                cleared.set(None);
            }
            chosen.set_value(now);
        });
        // The note answered: a name typed for the unit outside the roster (a clerk's
        // review: it stayed through later saves and errors).
        let partner_name = self.partner_name;
        Effect::new(move |was: Option<String>| {
            let typed = partner_name.get();
            if was.is_some_and(|w| w != typed) && !typed.trim().is_empty() {
                cleared.set(None);
            }
            typed
        });
        view! {
            <ChoiceSelect label=pairing::labels::SITE options=unit_options(ctx) value=self.site faults also=UNIT_FIELD />
            // Never the site itself (a clerk's review: it was offered, then refused).
            <ChoiceSelect label=pairing::PARTNER_LABEL options=partners(ctx, self.site) value=self.partner all_label="名册外单位" faults />
            {move || cleared.get().map(|t| view! { <p class="hint warn" role="status">{t}</p> })}
            <Show when=move || self.partner.get() == OUTSIDE>
                <TextField label=pairing::OUTSIDE_NAME_LABEL value=self.partner_name wide=true faults />
            </Show>
            <DateField label=pairing::labels::START value=self.start faults />
            <TextField label=pairing::GOALS_LABEL value=self.goals wide=true faults />
            <ChoiceSelect label=pairing::labels::STATUS options=Signal::derive(|| options(&PairingStatus::ALL, PairingStatus::code, PairingStatus::label)) value=self.status faults />
            <Show when=move || self.status.get() == PairingStatus::Ended.code()>
                <DateField label="结对结束日期" value=self.ended faults />
            </Show>
            <TextArea label=pairing::PARTNER_PROGRESS_LABEL value=self.progress rows=2 placeholder="结对单位创建情况，如：已申报创建单位" faults />
        }
    }
}

/// The roster as partners of `site`: every unit but the site.
fn partners(ctx: AppContext, site: RwSignal<String>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let site = site.get();
        ctx.state.with(|s| {
            crate::domain::roster::unit_choices(s)
                .into_iter()
                .filter(|(id, _)| *id != site)
                .collect()
        })
    })
}

/// The key of 新建结对's draft (see `fields::keep_draft`).
const ADD_DRAFT: &str = "新建结对";

/// The form that adds a pairing.
#[component]
fn AddPairingForm(on_done: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::components::fields::focus_first_field(form_ref);
    let first = ctx
        .state
        .with_untracked(|s| s.units.first().map(|u| u.id.clone()))
        .unwrap_or_default();
    let f = Fields::new(None, first, ctx.today());
    let kept = crate::ui::components::fields::keep_draft(ADD_DRAFT, f.texts());
    let faults = FormFaults::new();
    let error = faults.error;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now();
        match update_form(ctx, "新建结对", |s| pairing::add(s, f.draft(), &now)) {
            Ok(_) => {
                faults.clear();
                kept.done();
                ctx.notice.set(Some(Notice::info("已新建结对。")));
                on_done.run(());
                crate::ui::components::modal::focus_page_heading();
            }
            Err(e) => faults.refuse(e),
        }
    };
    view! {
        <form node_ref=form_ref class="step-form" aria-label="新建结对" on:submit=submit>
            <h2>"新建结对"</h2>
            {kept.note()}
            {f.view(ctx, faults)}
            <FormActions submit_label="保存结对" on_cancel=Callback::new(move |_| { kept.done(); on_done.run(()); }) error error_id=faults.error_id() />
        </form>
    }
}

/// One pairing's page.
pub fn pairing_page(id: String) -> AnyView {
    view! { <PairingPage id /> }.into_any()
}

#[component]
fn PairingPage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let id = StoredValue::new(id);
    let found = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.pairings.iter().find(|p| p.id == id.get_value()).map(|p| {
                (
                    p.clone(),
                    name(s, &p.site_id),
                    pairing::is_idle(p, s.settings.idle_pairing_months, &today),
                    s.settings.idle_pairing_months,
                )
            })
        })
    });
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        found.with(|f| {
            f.as_ref()
                .map(|(p, site, _, _)| {
                    format!(
                        "将删除「{site}」与「{}」的结对及其{}条活动记录。删除后可点“撤销”找回{}。",
                        p.partner_name,
                        p.activities.len(),
                        text::UNDO_LIMITS
                    )
                })
                .unwrap_or_default()
        })
    });
    // A year of 结对 records goes with it: kept as a snapshot too, as a deleted outcome
    // is (a clerk's review: no word of 撤销, nor of any copy kept).
    let do_delete = Callback::new(move |_| {
        let label = found.with_untracked(|f| {
            f.as_ref().map_or_else(String::new, |(p, site, _, _)| {
                format!("删除结对前：{site} ↔ {}", p.partner_name)
            })
        });
        if let Ok((_, kept)) = ctx.update_kept("删除结对", &label, |s| {
            pairing::delete(s, &id.get_value())
        }) {
            ctx.notice.set(Some(Notice::info(format!(
                "已删除结对。{}",
                text::deleted_note(kept)
            ))));
            // The record's page is gone: back to the list it was opened from.
            crate::ui::components::fields::navigate(&Route::Pairings);
        }
    });
    // The activity being corrected: its place in the log, itself, the pairing's revision.
    // A correction left unsaved on another visit opens again with what was typed.
    let correcting = RwSignal::new(found.with_untracked(|f| {
        f.as_ref().and_then(|(p, ..)| {
            p.activities.iter().enumerate().find_map(|(i, a)| {
                crate::ui::components::fields::has_draft(&correction_draft_key(&p.id, a))
                    .then(|| (i, a.clone(), p.meta.rev))
            })
        })
    }));
    // Deleted by what it is: the log may change while the confirmation is open.
    let remove_activity = move |a: &PairingActivity| {
        let now = ctx.now();
        if ctx
            .update(crate::ui::text::DELETE_ACTIVITY, |s| {
                pairing::delete_activity(s, &id.get_value(), a, &now)
            })
            .is_ok()
        {
            correcting.set(None);
            ctx.notice.set(Some(Notice::info("已删除结对活动。")));
        }
    };
    let pending_remove = RwSignal::new(None::<(PairingActivity, String)>);
    let remove_open = RwSignal::new(false);
    let remove_message = Signal::derive(move || {
        pending_remove
            .get()
            .map(|(_, w)| format!("将删除活动记录“{w}”。"))
            .unwrap_or_default()
    });
    view! {
        {move || match found.get() {
            None => view! {
                <section>
                    <h1>"找不到结对"</h1>
                    <p>{text::record_gone("结对")}</p>
                    <TextOfGoneRecord id=id.get_value() />
                    <p><a href=Route::Pairings.href()>"返回结对"</a></p>
                </section>
            }.into_any(),
            Some((p, site, idle, months)) => view! {
                <section class="pairing-page">
                    <p class="no-print"><a href=Route::Pairings.href()>"← 返回结对"</a></p>
                    <h1>{format!("{site} ↔ {}", p.partner_name)}</h1>
                    {idle.then(|| view! { <p class="warning" role="note"><span class="badge badge--warn">{text::IDLE}</span>{format!(" 超过{months}个月没有结对活动。")}</p> })}
                    <dl class="facts">
                        <dt>"示范点"</dt><dd><a href=Route::Unit(p.site_id.clone()).href()>{site.clone()}</a></dd>
                        <dt>"结对单位"</dt><dd>{p.partner_name.clone()}{p.partner_unit_id.is_none().then_some("（名册外）")}</dd>
                        <dt>"开始日期"</dt><dd>{p.start.clone()}</dd>
                        <dt>"结对目标"</dt><dd>{if p.goals.is_empty() { "—".to_string() } else { p.goals.clone() }}</dd>
                        <dt>"状态"</dt><dd>{match &p.ended_on {
                            Some(e) if p.status == PairingStatus::Ended => format!("{}（{e}）", p.status.label()),
                            _ => p.status.label().to_string(),
                        }}</dd>
                        <dt>"结对单位进展"</dt><dd>{if p.partner_progress.is_empty() { "—".to_string() } else { p.partner_progress.clone() }}</dd>
                    </dl>
                    <h2>"活动记录"</h2>
                    {if p.activities.is_empty() {
                        view! { <p class="empty">{crate::ui::text::NO_ACTIVITY_YET}</p> }.into_any()
                    } else {
                        view! {
                            <table class="activity-log">
                                <caption class="visually-hidden">"结对活动记录"</caption>
                                <thead><tr><th scope="col">"日期"</th><th scope="col">"形式"</th><th scope="col">"内容"</th>
                                    <th scope="col">"参加人员"</th><th scope="col">"成效"</th><th scope="col" class="no-print">"操作"</th></tr></thead>
                                <tbody>
                                    {p.activities.iter().enumerate().map(|(i, a)| {
                                        let what = format!("{} {}", a.date, a.title);
                                        let w2 = what.clone();
                                        // The row being corrected is marked, for the eye and for a screen reader.
                                        let marked = move || correcting.with(|c| c.as_ref().is_some_and(|(j, _, _)| *j == i));
                                        view! { <tr class:row--editing=marked aria-current=move || marked().then_some("true")>
                                            <td>{a.date.clone()}</td><td>{a.form.label()}</td><td>{a.title.clone()}</td>
                                            <td>{a.participants.clone()}</td><td>{a.result.clone()}</td>
                                            <td class="no-print"><button type="button" aria-label=format!("修改活动 {what}")
                                                on:click={let (a, rev) = (a.clone(), p.meta.rev); move |_| correcting.set(Some((i, a.clone(), rev)))}>"修改"</button>" "
                                                <button type="button" class="danger" aria-label=format!("删除活动 {what}")
                                                on:click={let a = a.clone(); move |_| { pending_remove.set(Some((a.clone(), w2.clone()))); remove_open.set(true); }}>"删除"</button></td>
                                        </tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    {let pid = p.id.clone(); move || match correcting.get() {
                        Some(c) => view! {
                            <ActivityLogForm pairing_id=pid.clone() correcting=c
                                on_done=Callback::new(move |_| correcting.set(None)) />
                        }.into_any(),
                        None => view! { <ActivityLogForm pairing_id=pid.clone() /> }.into_any(),
                    }}
                    <EditPairing pairing=p.clone() />
                    <p class="no-print"><button type="button" class="danger" on:click=move |_| delete_open.set(true)>"删除结对"</button></p>
                </section>
            }.into_any(),
        }}
        <ConfirmDialog open=delete_open title="确认删除结对" message=delete_message confirm_label="删除" on_confirm=do_delete />
        <ConfirmDialog open=remove_open title="确认删除活动记录" message=remove_message confirm_label="删除"
            on_confirm=Callback::new(move |_| { if let Some((a, _)) = pending_remove.get_untracked() { remove_activity(&a) } }) />
    }
}

/// 修改结对: the pairing's fields, opened by a button. What is typed is kept while the
/// person visits other pages; coming back opens the form again with it.
#[component]
fn EditPairing(pairing: Pairing) -> impl IntoView {
    let draft_key = format!("修改结对/{}", pairing.id);
    let editing = RwSignal::new(crate::ui::components::fields::has_draft(&draft_key));
    // The conflicts with another window's change already said: the same save again
    // goes ahead.
    let seen = StoredValue::new(Vec::<EditConflict>::new());
    let pairing = StoredValue::new(pairing);
    view! {
        <p class="no-print"><button type="button" aria-expanded=move || editing.get().to_string()
            on:click=move |_| {
                if !editing.get_untracked() {
                    seen.set_value(Vec::new());
                }
                editing.update(|e| *e = !*e)
            }>"修改结对"</button></p>
        {move || editing.get().then(|| view! {
            <EditPairingForm pairing=pairing.get_value() draft_key=draft_key.clone() seen editing />
        })}
    }
}

/// Saved over a change made since the form opened (another window, an import), only
/// the fields changed here are written; a field both changed is said first (a clerk's
/// review: saving again put back the other window's 结对单位进展).
#[component]
fn EditPairingForm(
    pairing: Pairing,
    draft_key: String,
    seen: StoredValue<Vec<EditConflict>>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let f = Fields::new(Some(&pairing), String::new(), ctx.today());
    // What the form opened with, as hidden fields of its draft: opened again from its
    // draft, it still writes only the fields changed in it.
    let opened = Fields::new(Some(&pairing), String::new(), ctx.today());
    let mut fields = f.texts();
    fields.extend(opened.texts());
    let kept = crate::ui::components::fields::keep_draft(draft_key, fields);
    let faults = FormFaults::new();
    let error = faults.error;
    let pid = StoredValue::new(pairing.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, draft, base) = (pid.get_value(), f.draft(), opened.draft());
        let (conflicts, changed_elsewhere) = ctx.state.with_untracked(|s| {
            (
                pairing::edit_conflicts(s, &id, &base, &draft),
                s.pairings
                    .iter()
                    .find(|p| p.id == id)
                    .is_some_and(|p| PairingDraft::from_pairing(p) != base),
            )
        });
        if !conflicts.is_empty() && seen.with_value(|s| *s != conflicts) {
            faults.refuse(Refusal::edited_elsewhere(&conflicts, text::SAVE_CHANGES));
            seen.set_value(conflicts);
            return;
        }
        let now = ctx.now();
        match update_form(ctx, "修改结对", |s| {
            pairing::edit_from(s, &id, &base, draft, &now)
        }) {
            Ok(()) => {
                faults.clear();
                kept.done();
                editing.set(false);
                ctx.notice
                    .set(Some(Notice::info(text::changes_saved(changed_elsewhere))));
            }
            Err(e) => faults.refuse(e),
        }
    };
    let on_cancel = Callback::new(move |_| {
        kept.done();
        editing.set(false);
    });
    view! {
        <form class="step-form" aria-label="修改结对" on:submit=submit>
            {kept.note()}
            {f.view(ctx, faults)}
            <FormActions submit_label=text::SAVE_CHANGES on_cancel error error_id=faults.error_id() />
        </form>
    }
}
