//! 复查: the sites due for their periodic 复查 on 动态管理, each with 记录复查 (date,
//! conclusion, 情况说明; `lifecycle::record_due_review`, which refuses a date that
//! would leave it due), and a site's 复查记录 on its page, where one can be recorded at
//! any time (held early, before it falls due) and one entered by mistake deleted.

use leptos::prelude::*;

use crate::domain::lifecycle::{delete_review, labels, record_due_review, record_review};
use crate::domain::lifecycle_settings::{self, ReviewDue};
use crate::domain::{Review, ReviewConclusion, UnitStatus};
use crate::route::Route;
use crate::ui::components::between::{by_code, options};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{
    focus_button_when_drawn, focus_first_field, focus_when_drawn, keep_draft, update_form,
    ChoiceSelect, DateField, FormActions, FormFaults, Refusal, TextArea,
};
use crate::ui::state::{AppContext, Notice};

/// The button's and the form's name.
const RECORD: &str = "记录复查";
/// The id of the unit page's 记录复查 button.
const RECORD_BUTTON_ID: &str = "record-review";
/// Said when 保存复查记录 is pressed before a conclusion is chosen.
const NO_CONCLUSION: &str = "请选择复查结论（合格或不合格）";

/// Where the 记录复查 form of a unit keeps what was typed and not saved.
fn draft_key(unit_id: &str) -> String {
    format!("{RECORD}:{unit_id}")
}

/// A 复查 as one line: "2026-11-20 合格：阵地、台账齐全".
fn review_line(r: &Review) -> String {
    if r.note.is_empty() {
        format!("{} {}", r.date, r.conclusion.label())
    } else {
        format!("{} {}：{}", r.date, r.conclusion.label(), r.note)
    }
}

/// The sites due for 复查 (授牌满 `review_years` 年 with none recorded for it), each
/// with 记录复查; the form opens under the table.
#[component]
pub fn ReviewsDue() -> impl IntoView {
    let ctx = AppContext::get();
    let today = ctx.today();
    let reviews = Memo::new(move |_| {
        ctx.state
            .with(|s| lifecycle_settings::reviews_due(s, &today))
    });
    let period = Memo::new(move |_| ctx.state.with(|s| s.settings.lifecycle_rules.review_years));
    // The site whose 复查 is being recorded: (id, name, due on).
    let open = RwSignal::new(None::<(String, String, String)>);
    view! {
        <h2>{move || format!("到期复查的示范点（授牌满{}年）", period.get())}</h2>
        <p class="hint no-print">"复查后点“记录复查”，写明日期和结论，该示范点即从本表移出，到下一个复查节点再列入；补做的复查记在已过的节点上。复查不合格不会自动改变状态，需要警示或摘牌的，请在单位页面用“变更状态”办理。"</p>
        {move || {
            let list = reviews.get();
            if list.is_empty() {
                view! { <p class="empty">"没有到期复查的示范点。"</p> }.into_any()
            } else {
                view! {
                    <p>{format!("{}个示范点到期复查。", list.len())}</p>
                    <table class="reviews">
                        <caption class="visually-hidden">"到期复查"</caption>
                        <thead><tr>
                            <th scope="col">"示范点"</th><th scope="col">"状态"</th><th scope="col">"授牌日期"</th>
                            <th scope="col">"复查到期日"</th><th scope="col">"到期节点"</th><th scope="col">"授牌至今"</th>
                            <th scope="col">"上次复查"</th><th scope="col" class="no-print">"操作"</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|r| due_row(r, open)).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
        {move || open.get().map(|(id, name, due)| {
            // Closed, saved or not, the keyboard goes back to the site's 记录复查, or to
            // the first one left, not to the page's top (a clerk's review).
            let back = id.clone();
            let done = Callback::new(move |_| {
                open.set(None);
                let next = reviews.with_untracked(|l| {
                    l.iter()
                        .find(|r| r.unit_id == back)
                        .or_else(|| l.first())
                        .map(|r| format!("{RECORD}：{}", r.name))
                });
                if let Some(name) = next {
                    focus_button_when_drawn(name, String::new());
                }
            });
            view! { <ReviewForm unit_id=id name due_on=Some(due) on_done=done /> }
        })}
    }
}

fn due_row(r: ReviewDue, open: RwSignal<Option<(String, String, String)>>) -> impl IntoView {
    let ctx = AppContext::get();
    let who = (r.unit_id.clone(), r.name.clone(), r.due_on.clone());
    let label = format!("{RECORD}：{}", r.name);
    // Another site's form, typed into and not saved, is kept as a draft: said, so the
    // clerk knows where it went.
    let choose = move || {
        if let Some((id, name, _)) = open.get_untracked().filter(|(id, ..)| *id != who.0) {
            if ctx.form_draft(&draft_key(&id)).is_some() {
                ctx.notice.set(Some(Notice::info(format!(
                    "「{name}」的复查记录尚未保存，填写的内容已保留：再点该行的“{RECORD}”可继续填写。"
                ))));
            }
        }
        open.set(Some(who.clone()));
    };
    view! {
        <tr>
            <th scope="row"><a href=Route::Unit(r.unit_id.clone()).href()>{r.name.clone()}</a></th>
            <td>{r.status.label()}</td>
            <td>{r.named_on.clone()}</td>
            <td>{r.due_on.clone()}</td>
            <td>{format!("授牌满{}年", r.years)}</td>
            <td>{format!("{}年", r.years_now)}</td>
            <td>{r.last_review.as_ref().map_or_else(|| "—".to_string(), review_line)}</td>
            <td class="no-print">
                <button type="button" class="small" aria-label=label
                    on:click=move |_| choose()>{RECORD}</button>
            </td>
        </tr>
    }
}

/// 记录复查 for one site: its date (today to begin with), conclusion and 情况说明; from
/// the due list (`due_on`), a date that does not count for that 复查 is refused.
#[component]
fn ReviewForm(
    unit_id: String,
    name: String,
    due_on: Option<String>,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(ctx.today());
    // Chosen, not preset: a 复查 saved with one keypress would say 合格 unread.
    let conclusion = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    focus_first_field(form_ref);
    let kept = keep_draft(draft_key(&unit_id), vec![date, conclusion, note]);
    let faults = FormFaults::new();
    let error = faults.error;
    let id = StoredValue::new(unit_id);
    let title = format!("{RECORD}：{name}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now();
        let Some(c) = by_code(
            &ReviewConclusion::ALL,
            ReviewConclusion::code,
            &conclusion.get_untracked(),
        ) else {
            faults.refuse(Refusal {
                message: NO_CONCLUSION.to_string(),
                fields: vec![labels::REVIEW_CONCLUSION.to_string()],
            });
            return;
        };
        let today = ctx.today();
        let saved = update_form(ctx, RECORD, |s| match &due_on {
            Some(due) => record_due_review(
                s,
                &id.get_value(),
                due,
                &today,
                &date.get_untracked(),
                c,
                &note.get_untracked(),
                &now,
            ),
            None => record_review(
                s,
                &id.get_value(),
                &date.get_untracked(),
                c,
                &note.get_untracked(),
                &now,
            ),
        });
        match saved {
            Ok(()) => {
                faults.clear();
                kept.done();
                let said = match c {
                    ReviewConclusion::Passed => format!("已记录「{name}」的复查（合格）。"),
                    ReviewConclusion::Failed => format!("已记录「{name}」的复查（不合格）。需要警示或摘牌的，请在单位页面用“变更状态”办理。"),
                };
                ctx.notice.set(Some(Notice::info(said)));
                on_done.run(());
            }
            Err(e) => faults.refuse(e),
        }
    };
    let cancel = Callback::new(move |_| {
        kept.done();
        on_done.run(());
    });
    let conclusions = Signal::derive(|| {
        options(
            &ReviewConclusion::ALL,
            ReviewConclusion::code,
            ReviewConclusion::label,
        )
    });
    view! {
        <form class="step-form no-print" aria-label=title.clone() node_ref=form_ref on:submit=submit>
            <h3>{title.clone()}</h3>
            {kept.note()}
            <DateField label=labels::REVIEW_DATE value=date faults />
            <ChoiceSelect label=labels::REVIEW_CONCLUSION options=conclusions value=conclusion all_label="请选择" faults />
            <TextArea label=labels::REVIEW_NOTE value=note rows=2 placeholder="复查看了什么、发现的问题（不合格时必填）" faults />
            <FormActions submit_label="保存复查记录" on_cancel=cancel error error_id=faults.error_id() />
        </form>
    }
}

/// A site's 复查记录 on its page, newest first, each with 删除 (confirmed; 撤销 brings it
/// back); for a site (已授牌 or 警示) 记录复查 too. Nothing for a unit that is no site
/// and never had one.
#[component]
pub fn UnitReviews(unit_id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(unit_id);
    let unit = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.unit(&id.get_value()).map(|u| {
                (
                    u.name.clone(),
                    matches!(u.status, UnitStatus::Named | UnitStatus::Warned),
                    u.reviews.clone(),
                )
            })
        })
    });
    let adding = RwSignal::new(false);
    // The 复查 to delete (its date), once 删除 is pressed.
    let deleting = RwSignal::new(None::<String>);
    let confirm_open = RwSignal::new(false);
    let message = Signal::derive(move || {
        format!(
            "将删除{}的复查记录。删除后可用右上角的“撤销”恢复{}。",
            deleting.get().unwrap_or_default(),
            crate::ui::text::UNDO_LIMITS
        )
    });
    let do_delete = Callback::new(move |_| {
        let Some(date) = deleting.get_untracked() else {
            return;
        };
        let now = ctx.now();
        // Named by the unit too: several such snapshots are told apart (a clerk's review).
        let name = unit.with_untracked(|u| u.as_ref().map(|(n, _, _)| n.clone()));
        let label = format!(
            "删除复查记录前：{}{date}",
            name.map(|n| format!("{n} ")).unwrap_or_default()
        );
        if let Ok((_, kept)) = ctx.update_kept("删除复查记录", &label, |s| {
            delete_review(s, &id.get_value(), &date, &now)
        }) {
            ctx.notice.set(Some(Notice::info(format!(
                "已删除{date}的复查记录。{}",
                crate::ui::text::deleted_note(kept)
            ))));
        }
        deleting.set(None);
    });
    move || {
        let (name, site, reviews) = unit.get()?;
        if !site && reviews.is_empty() {
            return None;
        }
        let who = name.clone();
        Some(view! {
            <h2>"复查记录"</h2>
            {if reviews.is_empty() {
                view! { <p class="empty">"尚无复查记录。"</p> }.into_any()
            } else {
                view! {
                    <ul class="reviews-done" aria-label="复查记录">
                        {reviews.iter().rev().map(|r| {
                            let date = r.date.clone();
                            view! { <li>{review_line(r)}" "
                                <button type="button" class="quiet small no-print"
                                    aria-label=format!("删除复查记录：{}", r.date)
                                    on:click=move |_| { deleting.set(Some(date.clone())); confirm_open.set(true); }>
                                    "删除"</button></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {site.then(|| view! {
                <div class="no-print">
                    {move || if adding.get() {
                        // Closed, saved or not, the keyboard goes back to 记录复查, not
                        // to the page's top (a clerk's re-test).
                        view! { <ReviewForm unit_id=id.get_value() name=who.clone() due_on=None
                            on_done=Callback::new(move |_| {
                                adding.set(false);
                                focus_when_drawn(RECORD_BUTTON_ID);
                            }) /> }.into_any()
                    } else {
                        view! { <p><button type="button" id=RECORD_BUTTON_ID on:click=move |_| adding.set(true)>{RECORD}</button>
                            " "<span class="muted">"到期前已做的复查，也可在这里记录。"</span></p> }.into_any()
                    }}
                </div>
            })}
            <ConfirmDialog open=confirm_open title="确认删除复查记录" message
                confirm_label="删除" on_confirm=do_delete />
        })
    }
}
