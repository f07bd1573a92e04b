//! 复查: the sites due for their periodic 复查 on 动态管理, each with 记录复查 (date,
//! conclusion, 情况说明; `lifecycle::record_review`), and a site's 复查记录 on its page.

use leptos::prelude::*;

use crate::domain::lifecycle::record_review;
use crate::domain::lifecycle_settings::{self, ReviewDue};
use crate::domain::{Review, ReviewConclusion};
use crate::route::Route;
use crate::ui::components::fields::{
    focus_first_field, keep_draft, update_inline, ChoiceSelect, DateField, FormActions, TextArea,
};
use crate::ui::state::{AppContext, Notice};

/// The button's and the form's name.
const RECORD: &str = "记录复查";

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
    // The site whose 复查 is being recorded: (id, name).
    let open = RwSignal::new(None::<(String, String)>);
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
        {move || open.get().map(|(id, name)| view! {
            <ReviewForm unit_id=id name on_done=Callback::new(move |_| open.set(None)) />
        })}
    }
}

fn due_row(r: ReviewDue, open: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let who = (r.unit_id.clone(), r.name.clone());
    let label = format!("{RECORD}：{}", r.name);
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
                    on:click=move |_| open.set(Some(who.clone()))>{RECORD}</button>
            </td>
        </tr>
    }
}

/// 记录复查 for one site: its date (today to begin with), conclusion and 情况说明.
#[component]
fn ReviewForm(unit_id: String, name: String, on_done: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(ctx.today());
    let conclusion = RwSignal::new(ReviewConclusion::Passed.code().to_string());
    let note = RwSignal::new(String::new());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    focus_first_field(form_ref);
    let kept = keep_draft(format!("{RECORD}:{unit_id}"), vec![date, conclusion, note]);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(unit_id);
    let title = format!("{RECORD}：{name}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now_iso();
        let c = ReviewConclusion::from_code(&conclusion.get_untracked())
            .unwrap_or(ReviewConclusion::Passed);
        let saved = update_inline(ctx, RECORD, |s| {
            record_review(
                s,
                &id.get_value(),
                &date.get_untracked(),
                c,
                &note.get_untracked(),
                &now,
            )
        });
        match saved {
            Ok(()) => {
                kept.done();
                let said = match c {
                    ReviewConclusion::Passed => format!("已记录「{name}」的复查（合格）。"),
                    ReviewConclusion::Failed => format!("已记录「{name}」的复查（不合格）。需要警示或摘牌的，请在单位页面用“变更状态”办理。"),
                };
                ctx.notice.set(Some(Notice::info(said)));
                on_done.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let cancel = Callback::new(move |_| {
        kept.done();
        on_done.run(());
    });
    let conclusions = Signal::derive(|| {
        ReviewConclusion::ALL
            .iter()
            .map(|c| (c.code().to_string(), c.label().to_string()))
            .collect::<Vec<_>>()
    });
    view! {
        <form class="step-form no-print" aria-label=title.clone() node_ref=form_ref on:submit=submit>
            <h3>{title.clone()}</h3>
            {kept.note()}
            <DateField label="复查日期" value=date />
            <ChoiceSelect label="复查结论" options=conclusions value=conclusion />
            <TextArea label="情况说明" value=note rows=2 placeholder="复查看了什么、发现的问题（不合格时必填）" />
            <FormActions submit_label="保存复查记录" on_cancel=cancel error />
        </form>
    }
}

/// A site's 复查记录 on its page, newest first; nothing when none is recorded.
#[component]
pub fn UnitReviews(reviews: Vec<Review>) -> impl IntoView {
    (!reviews.is_empty()).then(|| {
        view! {
            <h2>"复查记录"</h2>
            <ul class="reviews-done" aria-label="复查记录">
                {reviews.iter().rev().map(|r| view! { <li>{review_line(r)}</li> }).collect_view()}
            </ul>
        }
    })
}
