//! 动态管理: the rules that propose status changes (each with its switch and
//! threshold), the proposals of the latest round under them, the 优秀 → 可推荐表彰
//! list and the sites due for their periodic 复查. Rules are
//! `domain::lifecycle_settings` and `domain::lifecycle`.

use leptos::prelude::*;

use crate::domain::lifecycle_settings::{self, RulesInput};
use crate::domain::Grade;
use crate::route::Route;
use crate::ui::components::fields::{
    update_form, ChoiceChecks, ChoiceSelect, FormError, FormFaults, TextField,
};
use crate::ui::components::proposals::ProposalList;
use crate::ui::components::reviews::ReviewsDue;
use crate::ui::state::{AppContext, Notice};

/// The switches: code and the rule in words.
const SWITCHES: [(&str, &str); 6] = [
    ("fail_warns", "已授牌单位考评不合格 → 警示"),
    (
        "fail_while_warned_delists",
        "警示期间仍不合格，或整改期满仍有事项未完成 → 摘牌",
    ),
    ("veto_delists", "一票否决 → 摘牌（创建单位 → 退出）"),
    ("two_passes_warn", "连续两年考评为合格 → 警示"),
    ("candidate_good_names", "创建单位考评达到授牌等次 → 授牌"),
    ("excellent_commends", "示范点考评优秀 → 可推荐表彰"),
];

fn switches_of(i: &RulesInput) -> Vec<String> {
    let on = [
        i.fail_warns,
        i.fail_while_warned_delists,
        i.veto_delists,
        i.two_passes_warn,
        i.candidate_good_names,
        i.excellent_commends,
    ];
    SWITCHES
        .iter()
        .zip(on)
        .filter(|(_, on)| *on)
        .map(|((c, _), _)| c.to_string())
        .collect()
}

fn grade_code(g: Grade) -> &'static str {
    match g {
        Grade::Excellent => "excellent",
        Grade::Good => "good",
        Grade::Pass => "pass",
        Grade::Fail => "fail",
    }
}

/// The 动态管理 page.
#[component]
pub fn LifecyclePage() -> impl IntoView {
    let ctx = AppContext::get();
    let latest = ctx.state.with_untracked(|s| {
        s.rounds
            .iter()
            .max_by(|a, b| a.year.cmp(&b.year).then(b.id.cmp(&a.id)))
            .map(|r| (r.id.clone(), r.name.clone()))
    });
    view! {
        <section class="lifecycle">
            <h1>"动态管理"</h1>
            <p class="hint no-print">"规则只提出建议：每项状态变更都由工委确认（填写日期和文号）后才记入单位的状态履历。关闭的规则不再提出建议。"</p>
            <RulesForm />
            {match latest.clone() {
                Some((rid, name)) => view! {
                    <h2>{format!("{name}：状态变更建议")}</h2>
                    <ProposalList round_id=rid.clone() />
                    <Commendations round_id=rid name />
                }.into_any(),
                None => view! {
                    <h2>"状态变更建议"</h2>
                    <ProposalList />
                }.into_any(),
            }}
            <ReviewsDue />
        </section>
    }
}

/// The sites of the latest round graded 优秀 (advice: 可推荐表彰).
#[component]
fn Commendations(round_id: String, name: String) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let list = Memo::new(move |_| {
        ctx.state
            .with(|s| lifecycle_settings::commendations(s, &rid.get_value()))
    });
    view! {
        <h2>{format!("{name}：可推荐表彰")}</h2>
        {move || match list.get() {
            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
            Ok(v) if v.is_empty() => view! { <p class="muted">"没有可推荐表彰的示范点（或该规则已关闭）。"</p> }.into_any(),
            Ok(v) => view! {
                <ul class="commendations" aria-label="可推荐表彰">
                    {v.into_iter().map(|c| view! {
                        <li><a href=Route::Unit(c.unit_id.clone()).href()>{c.name.clone()}</a>{format!("：{}", c.reason)}</li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

/// The rules' switches and thresholds, saved together.
#[component]
fn RulesForm() -> impl IntoView {
    let ctx = AppContext::get();
    let current = ctx
        .state
        .with_untracked(|s| RulesInput::from_rules(&s.settings.lifecycle_rules));
    let on = RwSignal::new(switches_of(&current));
    let months = RwSignal::new(current.rectify_months.clone());
    let years = RwSignal::new(current.review_years.clone());
    let grade = RwSignal::new(grade_code(current.naming_grade).to_string());
    let faults = FormFaults::new();
    let error = faults.error;
    // The rules in force changed under the form (撤销, another window, an import): each
    // field left as the form had it follows; one changed here keeps what was typed (a
    // clerk's review: after 撤销 the form still showed the undone rule and months, and
    // 保存规则 would have put them back).
    let stored = Memo::new(move |_| {
        ctx.state
            .with(|s| RulesInput::from_rules(&s.settings.lifecycle_rules))
    });
    let synced = StoredValue::new(current);
    Effect::new(move |_| {
        let now = stored.get();
        let was = synced.get_value();
        if now == was {
            return;
        }
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        if sorted(on.get_untracked()) == sorted(switches_of(&was)) {
            on.set(switches_of(&now));
        }
        if months.get_untracked() == was.rectify_months {
            months.set(now.rectify_months.clone());
        }
        if years.get_untracked() == was.review_years {
            years.set(now.review_years.clone());
        }
        if grade.get_untracked() == grade_code(was.naming_grade) {
            grade.set(grade_code(now.naming_grade).to_string());
        }
        synced.set_value(now);
    });
    let grades = Signal::derive(|| {
        [Grade::Excellent, Grade::Good, Grade::Pass]
            .into_iter()
            // Nothing ranks above 优秀: it stands alone.
            .map(|g| {
                let label = match g {
                    Grade::Excellent => g.label().to_string(),
                    _ => format!("{}及以上", g.label()),
                };
                (grade_code(g).to_string(), label)
            })
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = on.get_untracked();
        let is_on = |c: &str| checked.iter().any(|x| x == c);
        let input = RulesInput {
            fail_warns: is_on("fail_warns"),
            rectify_months: months.get_untracked(),
            fail_while_warned_delists: is_on("fail_while_warned_delists"),
            veto_delists: is_on("veto_delists"),
            two_passes_warn: is_on("two_passes_warn"),
            candidate_good_names: is_on("candidate_good_names"),
            naming_grade: [Grade::Excellent, Grade::Good, Grade::Pass]
                .into_iter()
                .find(|g| grade_code(*g) == grade.get_untracked())
                .unwrap_or(Grade::Good),
            excellent_commends: is_on("excellent_commends"),
            review_years: years.get_untracked(),
        };
        match update_form(ctx, "保存动态管理规则", |s| {
            lifecycle_settings::set_rules(s, &input)
        }) {
            Ok(()) => {
                faults.clear();
                ctx.notice.set(Some(Notice::info("已保存动态管理规则。")));
            }
            Err(e) => faults.refuse(e),
        }
    };
    let options: Vec<(String, String)> = SWITCHES
        .iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect();
    view! {
        <form class="step-form no-print" aria-label="动态管理规则" on:submit=submit>
            <h2>"规则"</h2>
            <ChoiceChecks legend="启用的规则" options value=on />
            <TextField label=lifecycle_settings::labels::RECTIFY_MONTHS value=months faults />
            <ChoiceSelect label=lifecycle_settings::labels::NAMING_GRADE options=grades value=grade faults />
            <TextField label=lifecycle_settings::labels::REVIEW_YEARS value=years faults />
            <div class="form-actions"><button type="submit">"保存规则"</button></div>
            <FormError error id=faults.error_id() />
        </form>
    }
}
