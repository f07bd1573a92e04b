//! The focused shell of a copy opened from a task file (`state.workspace` set): a unit
//! fills its self-assessment and outcomes, an assessor scores its units, and each
//! exports one signed return file. The committee's navigation is replaced by a short
//! one, and the top says who the person is acting as.

use leptos::prelude::*;

use crate::domain::exchange::{
    export_assessor_return, export_unit_return, file_name, PackageKind, Party,
};
use crate::domain::focused::{add_outcome, task};
use crate::domain::{OutcomeKind, PromotionStage};
use crate::files;
use crate::route::Route;
use crate::ui::components::score_grid::ScoreGrid;
use crate::ui::state::{AppContext, Notice};

/// The focused navigation: entries and the sections they stand for.
const FOCUSED_NAV: [(&str, &str); 3] = [
    ("我的任务", "#/"),
    ("导入文件", "#/exchange"),
    ("数据管理", "#/data"),
];

fn focused_section(route: &Route) -> usize {
    match route {
        Route::Exchange => 1,
        Route::Data => 2,
        _ => 0,
    }
}

/// The navigation of the focused shell.
#[component]
pub fn FocusedNav() -> impl IntoView {
    let ctx = AppContext::get();
    let section = Memo::new(move |_| focused_section(&ctx.route.get()));
    view! {
        <nav class="sidenav no-print" aria-label="任务导航">
            <ul>
                {FOCUSED_NAV.iter().enumerate().map(|(i, (label, href))| view! {
                    <li>
                        <a href=*href aria-current=move || (section.get() == i).then_some("page")>{*label}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The page of the focused shell for a route: 导入文件, 数据管理, else 我的任务.
pub fn render(route: Route) -> AnyView {
    let page = match route {
        Route::Exchange => view! { <super::exchange::ExchangePage /> }.into_any(),
        Route::Data => view! { <super::data::DataPage /> }.into_any(),
        _ => view! { <MyTaskPage /> }.into_any(),
    };
    view! {
        <Headline />
        {page}
    }
    .into_any()
}

/// `您正在以单位「…」身份填报 2026年度考评`, at the top of every focused page.
#[component]
fn Headline() -> impl IntoView {
    let ctx = AppContext::get();
    let line = Memo::new(move |_| {
        ctx.state
            .with(|s| task(s).map(|t| t.headline()).unwrap_or_default())
    });
    view! { <p class="focused-mode" role="note">{move || line.get()}</p> }
}

/// 我的任务: the grid of this party's source, the unit's outcomes, and the export.
#[component]
fn MyTaskPage() -> impl IntoView {
    let ctx = AppContext::get();
    // Only what decides the layout: the grid must not be rebuilt on every change.
    let shape = Memo::new(move |_| {
        ctx.state.with(|s| {
            task(s).map(|t| {
                (
                    t.party.clone(),
                    t.round_id.clone(),
                    t.source_key.clone(),
                    t.round_name.clone(),
                )
            })
        })
    });
    move || {
        match shape.get() {
        None => view! { <h1>"我的任务"</h1> }.into_any(),
        Some((Party::Unit(uid), rid, key, _)) => view! {
            <section class="my-task">
                <h1>"我的任务"</h1>
                <p>"请填写本单位的自评分和成果，完成后点“导出报送文件”，把文件交给工委。数据保存在本浏览器中，可以分几次填写。"</p>
                <h2>"自评"</h2>
                <p class="muted">{move || ctx.state.with(|s| task(s).map(|t| t.completeness()).unwrap_or_default())}</p>
                <ScoreGrid round_id=rid source_key=key />
                <h2>"成果"</h2>
                <OutcomeForm unit_id=uid.clone() />
                <OutcomeList unit_id=uid />
                <ExportReturn />
                <ResultsReceived />
            </section>
        }
        .into_any(),
        Some((Party::Assessor(_), rid, key, _)) => view! {
            <section class="my-task">
                <h1>"我的任务"</h1>
                <p>"请为下列单位逐项评分，完成后点“导出报送文件”，把文件交给工委。数据保存在本浏览器中，可以分几次填写。"</p>
                <h2>"评分进度"</h2>
                <p>{move || ctx.state.with(|s| task(s).map(|t| t.completeness()).unwrap_or_default())}</p>
                <ul class="task-units" aria-label="评分进度">
                    {move || ctx.state.with(|s| task(s).map(|t| t.units).unwrap_or_default())
                        .into_iter()
                        .map(|u| view! { <li>{format!("{}：{}", u.name, u.status.label())}</li> })
                        .collect_view()}
                </ul>
                <h2>"评分表"</h2>
                <ScoreGrid round_id=rid source_key=key />
                <ExportReturn />
                <ResultsReceived />
            </section>
        }
        .into_any(),
        Some(_) => view! {
            <section class="my-task">
                <h1>"考评结果"</h1>
                <ResultsReceived />
            </section>
        }
        .into_any(),
    }
    }
}

/// The form that adds an outcome of the unit.
#[component]
fn OutcomeForm(
    /// The unit whose outcome it is.
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let unit_id = StoredValue::new(unit_id);
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(0usize);
    let date = RwSignal::new(crate::store::today());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = OutcomeKind::ALL
            .get(kind.get_untracked())
            .copied()
            .unwrap_or(OutcomeKind::Practice);
        let t = title.get_untracked();
        let now = crate::store::now_iso();
        let res = ctx.update(&format!("添加成果：{}", t.trim()), |s| {
            add_outcome(s, &unit_id.get_value(), &t, k, &date.get_untracked(), &now)
        });
        match res {
            Ok(_) => {
                error.set(None);
                title.set(String::new());
                ctx.notice
                    .set(Some(Notice::info(format!("已添加成果“{}”。", t.trim()))));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="outcome-form" aria-label="添加成果" on:submit=submit>
            <label class="field">
                <span>"成果名称"</span>
                <input type="text" prop:value=move || title.get()
                    on:input=move |e| title.set(event_target_value(&e)) />
            </label>
            <label class="field">
                <span>"类型"</span>
                <select on:change=move |e| kind.set(event_target_value(&e).parse().unwrap_or(0))>
                    {OutcomeKind::ALL.iter().enumerate().map(|(i, k)| view! {
                        <option value=i.to_string() selected=move || kind.get() == i>{k.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"日期"</span>
                <input type="date" prop:value=move || date.get()
                    on:input=move |e| date.set(event_target_value(&e)) />
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit">"添加成果"</button>
        </form>
    }
}

/// The unit's outcomes, newest first.
#[component]
fn OutcomeList(
    /// The unit whose outcomes are listed.
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let unit_id = StoredValue::new(unit_id);
    let rows = Memo::new(move |_| {
        ctx.state.with(|s| {
            let mut list: Vec<(String, String, String, PromotionStage)> = s
                .outcomes
                .iter()
                .filter(|o| o.unit_id == unit_id.get_value())
                .map(|o| {
                    (
                        o.title.clone(),
                        o.kind.label().to_string(),
                        o.date.clone(),
                        o.promotion,
                    )
                })
                .collect();
            crate::domain::sorting::sort_by(&mut list, |a, b| b.2.cmp(&a.2));
            list
        })
    });
    move || {
        let list = rows.get();
        if list.is_empty() {
            view! { <p class="muted">"本单位还没有成果。"</p> }.into_any()
        } else {
            view! {
                <ul class="outcomes" aria-label="本单位的成果">
                    {list.into_iter().map(|(t, k, d, p)| view! {
                        <li>{format!("{t}（{k}，{d}，{}）", p.label())}</li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

/// 导出报送文件: the signed return file of this copy.
#[component]
fn ExportReturn() -> impl IntoView {
    let ctx = AppContext::get();
    let export = move |_| {
        // A cell the grid refused (shown in red) holds text that is not saved: the
        // file would carry the old value while the screen shows the new one.
        let refused_cell = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("[role=grid] input[aria-invalid=true]")
                    .ok()
                    .flatten()
            })
            .is_some();
        if refused_cell {
            ctx.notice.set(Some(Notice::error(
                "评分表中有标红的单元格：其中的输入无效，没有保存。请改正，或在该格按 Esc 恢复原值，再导出报送文件。",
            )));
            return;
        }
        let now = crate::store::now_iso();
        let made = ctx.state.with_untracked(|s| {
            let ws = s.workspace.as_ref()?;
            Some(match ws.party {
                Party::Unit(_) => export_unit_return(s, &now)
                    .map(|t| (t, file_name(PackageKind::UnitReturn, &ws.party_name, &now))),
                _ => export_assessor_return(s, &now).map(|t| {
                    (
                        t,
                        file_name(PackageKind::AssessorReturn, &ws.party_name, &now),
                    )
                }),
            })
        });
        let res = match made {
            None => Err("本机不是从任务文件打开的".to_string()),
            Some(r) => r.map_err(|e| e.to_string()).and_then(|(text, name)| {
                files::download(&name, "application/json", &text)
                    .map(|()| name)
                    .map_err(|e| e.to_string())
            }),
        };
        match res {
            Ok(name) => ctx.notice.set(Some(Notice::info(format!(
                "已导出报送文件“{name}”，请把它交给工委。之后如有修改，可再次导出，工委以最新的文件为准。"
            )))),
            Err(e) => ctx.notice.set(Some(Notice::error(e))),
        }
    };
    view! {
        <h2>"报送"</h2>
        <p>"报送文件用工委发来的访问码签名，工委导入时据此确认文件确实来自您、且未被改动。"</p>
        <button type="button" class="primary" on:click=export>"导出报送文件"</button>
    }
}

/// Published results received from the committee, if any.
#[component]
fn ResultsReceived() -> impl IntoView {
    let ctx = AppContext::get();
    let results = Memo::new(move |_| {
        ctx.state.with(|s| {
            s.workspace
                .as_ref()
                .map(|w| w.results.clone())
                .unwrap_or_default()
        })
    });
    // A unit finds its own row marked (an assessor has none).
    let own = Memo::new(move |_| {
        ctx.state
            .with(|s| match s.workspace.as_ref().map(|w| &w.party) {
                Some(crate::domain::exchange::Party::Unit(u)) => Some(u.clone()),
                _ => None,
            })
    });
    move || {
        let list = results.get();
        let own = own.get();
        (!list.is_empty()).then(|| {
            view! {
                <h2>"已发布的考评结果"</h2>
                {list.into_iter().map(|r| view! {
                    <div class="table-wrap">
                        <table aria-label=format!("{}结果", r.round_name)>
                            <caption>{format!("{}（发布于 {}）", r.round_name, crate::ui::app::date_time(&r.published_at))}</caption>
                            <thead><tr>
                                <th scope="col" class="num">"名次"</th>
                                <th scope="col">"单位"</th>
                                <th scope="col" class="num">"得分"</th>
                                <th scope="col">"等次"</th>
                            </tr></thead>
                            <tbody>
                                {r.rows.into_iter().map(|row| {
                                    let mine = own.as_deref() == Some(row.unit_id.as_str());
                                    view! {
                                    <tr class:own-row=mine>
                                        <td class="num">{row.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                                        <th scope="row">{row.unit_name}{mine.then_some("（本单位）")}</th>
                                        <td class="num">{row.total.to_string()}</td>
                                        <td>{row.grade.map(|g| g.label().to_string()).unwrap_or_else(|| "未评定".into())}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }).collect_view()}
            }
        })
    }
}
