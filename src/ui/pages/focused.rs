//! The focused shell of a copy opened from a task file (`state.workspace` set): a unit
//! fills its self-assessment and outcomes, an assessor scores its units, and each
//! exports one signed return file. The committee's navigation is replaced by a short
//! one, and the top says who the person is acting as.

use leptos::prelude::*;

use crate::domain::exchange::{
    export_assessor_return, export_unit_return, file_name, unreported_outcome, PackageKind, Party,
};
use crate::domain::focused::{departure_note, task};
use crate::domain::outcomes::{namesake_note_of, register_outcome, stage, OutcomeInput};
use crate::domain::{Id, Outcome};
use crate::files;
use crate::route::Route;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::update_form;
use crate::ui::components::modal::Modal;
use crate::ui::components::outcome_form::{save_outcome_edit, OutcomeForm};
use crate::ui::components::print_sheets::PrintSheets;
use crate::ui::components::score_form::ScoreEntry;
use crate::ui::components::unit_reports::UnitReports;
use crate::ui::state::{AppContext, Notice};
use crate::ui::text;

/// The focused navigation: entries and the sections they stand for.
const FOCUSED_NAV: [(&str, &str); 3] = [
    ("我的任务", "#/"),
    ("导入文件", "#/exchange"),
    ("数据管理", "#/data"),
];

fn focused_section(route: &Route) -> usize {
    match route {
        Route::Exchange | Route::ExchangeRound(_) => 1,
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
        Route::Exchange | Route::ExchangeRound(_) => {
            view! { <super::exchange::ExchangePage /> }.into_any()
        }
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
                    t.results_in(),
                    t.round_published,
                )
            })
        })
    });
    move || {
        match shape.get() {
        None => view! { <h1>"我的任务"</h1> }.into_any(),
        Some((Party::Unit(uid), rid, key, results_in, published)) => {
            let own = uid.clone();
            view! {
            <section class="my-task">
                <h1>"我的任务"</h1>
                <TaskIntro results_in published what="自评"
                    over="本轮自评已经结束，不需要再报送；自评收在下面。如需更正，请先与工委联系，商定后在下面修改，再导出报送文件交给工委（工委导入后须重新发布结果）。成果仍可登记，随报送文件交给工委。"
                    running="请填写本单位的自评分和佐证说明，登记成果，记录结对活动、整改进展和本年度保障投入，完成后点“导出报送文件”，把文件交给工委。数据保存在本浏览器中，可以分几次填写。" />
                <DepartureNote unit_id=uid.clone() />
                <RoundOver results_in summary="本单位的自评和佐证说明（本轮已结束；更正须先与工委联系）">
                    <h2>"自评"</h2>
                    <p class="muted">{move || ctx.state.with(|s| task(s).map(|t| t.completeness()).unwrap_or_default())}</p>
                    <ScoreEntry round_id=rid.clone() source_key=key.clone() notes_of=own />
                </RoundOver>
                <h2>"成果"</h2>
                <UnitOutcomes unit_id=uid.clone() />
                <UnitReports unit_id=uid />
                <ExportReturn />
                <PrintSheets />
                {(!results_in).then(|| view! { <ResultsReceived /> })}
            </section>
            }
            .into_any()
        }
        Some((Party::Assessor(_), rid, key, results_in, published)) => view! {
            <section class="my-task">
                <h1>"我的任务"</h1>
                <TaskIntro results_in published what="评分"
                    over="本轮评分已经结束，不需要再报送；评分收在下面。如需更正，请先与工委联系，商定后在下面修改，再导出报送文件交给工委（工委导入后须重新发布结果）。"
                    running="请为下列单位逐项评分，完成后点“导出报送文件”，把文件交给工委。数据保存在本浏览器中，可以分几次填写。" />
                <RoundOver results_in summary="本人的评分（本轮已结束；更正须先与工委联系）">
                    <h2>"评分进度"</h2>
                    <p>{move || ctx.state.with(|s| task(s).map(|t| t.completeness()).unwrap_or_default())}</p>
                    <ul class="task-units" aria-label="评分进度">
                        {move || ctx.state.with(|s| task(s).map(|t| t.units).unwrap_or_default())
                            .into_iter()
                            .map(|u| view! { <li>{format!("{}：{}", u.name, u.status.label())}</li> })
                            .collect_view()}
                    </ul>
                    <h2>"评分表"</h2>
                    <ScoreEntry round_id=rid.clone() source_key=key.clone() />
                    <ExportReturn />
                    <PrintSheets />
                </RoundOver>
                {(!results_in).then(|| view! { <ResultsReceived /> })}
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

/// That the unit has left the programme (摘牌 or 退出), when, and what is no longer
/// taken; nothing while it is in.
#[component]
fn DepartureNote(unit_id: Id) -> impl IntoView {
    let ctx = AppContext::get();
    move || {
        ctx.state
            .with(|s| departure_note(s, &unit_id, &ctx.today()))
            .map(|n| view! { <p class="banner banner--warning" role="note" aria-label="本单位状态">{n}</p> })
    }
}

/// The first lines of 我的任务: what to do while the round runs; once its results have
/// come, that it is over (`over`, after the common opening) and the results table.
#[component]
fn TaskIntro(
    results_in: bool,
    /// The round was published when the task file was sent (its results not in yet).
    published: bool,
    /// What this party enters: 自评 or 评分.
    what: &'static str,
    over: &'static str,
    running: &'static str,
) -> impl IntoView {
    if results_in {
        view! {
            <p class="done" role="note">{format!("工委已发布本轮考评结果，见下表。{over}")}</p>
            <ResultsReceived />
        }
        .into_any()
    } else if published {
        // A task file sent after publication: said before anything is typed.
        view! {
            <p class="done" role="note">{format!(
                "工委已经发布本轮考评结果（这份任务文件是在发布之后发来的）。本轮{what}已经结束，不需要再报送，下面的内容一般只供查阅；如需更正，请先与工委联系。收到工委发来的考评结果文件后，在“导入文件”中导入即可查看结果。"
            )}</p>
        }
        .into_any()
    } else {
        view! { <p>{running}</p> }.into_any()
    }
}

/// The round's own entry (score grid, notes): as it is while the round runs; folded
/// away under `summary` once its results have come, kept for reference.
#[component]
fn RoundOver(results_in: bool, summary: &'static str, children: Children) -> impl IntoView {
    if results_in {
        view! {
            <details class="round-over">
                <summary>{summary}</summary>
                {children()}
            </details>
        }
        .into_any()
    } else {
        children().into_any()
    }
}

/// The unit's outcomes in its own copy: the form that registers one (with evidence
/// references: document name, page, where kept — no uploads) and the list, each with a
/// button to correct it. Rules are `domain::outcomes`; the path beyond the record
/// (备案, 反馈, 认定, 推广, 表彰) is the committee's.
#[component]
fn UnitOutcomes(
    /// The unit whose outcomes they are.
    unit_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let uid = StoredValue::new(unit_id.clone());
    let no_units = Signal::derive(Vec::new);
    let add = Callback::new(move |input: OutcomeInput| {
        let now = ctx.now();
        let t = input.title.trim().to_string();
        update_form(ctx, &format!("添加成果：{t}"), |s| {
            register_outcome(s, &input, &now)
        })
        .map(|id| {
            let done = format!("已添加成果{}。", crate::domain::outcomes::corner_quoted(&t));
            ctx.notice
                .set(Some(match ctx.state.with(|s| namesake_note_of(s, &id)) {
                    Some(note) => Notice::warning(format!("{done}{note}")),
                    None => Notice::info(done),
                }));
        })
    });
    let rows = Memo::new(move |_| {
        ctx.state.with(|s| {
            let mut list: Vec<Outcome> = s
                .outcomes
                .iter()
                .filter(|o| o.unit_id == uid.get_value())
                .cloned()
                .collect();
            crate::domain::sorting::sort_by(&mut list, |a, b| b.date.cmp(&a.date));
            // Each with whether it may be deleted here (not yet returned).
            list.into_iter()
                .map(|o| {
                    let unreported = unreported_outcome(s, &o.id);
                    (o, unreported)
                })
                .collect::<Vec<(Outcome, bool)>>()
        })
    });
    let editing = RwSignal::new(None::<Outcome>);
    // An outcome entered here and not yet returned may be deleted (a duplicate, a slip);
    // asked first, and 撤销 brings it back.
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        deleting
            .get()
            .map(|(_, t)| {
                text::unreported_delete_question(&format!(
                    "成果{}",
                    crate::domain::outcomes::corner_quoted(&t)
                ))
            })
            .unwrap_or_default()
    });
    let do_delete = Callback::new(move |_| {
        if let Some((id, t)) = deleting.get_untracked() {
            let what = format!("删除成果：{t}");
            let label = format!("删除成果前：{t}");
            if ctx
                .update_kept(&what, &label, |s| {
                    crate::domain::outcomes::delete_outcome(s, &id)
                })
                .is_ok()
            {
                ctx.notice.set(Some(Notice::info(format!(
                    "已删除成果{}。",
                    crate::domain::outcomes::corner_quoted(&t)
                ))));
            }
        }
        deleting.set(None);
    });
    view! {
        <ConfirmDialog open=delete_open title=text::CONFIRM_DELETE_OUTCOME message=delete_message
            confirm_label="删除" on_confirm=do_delete />
        <OutcomeForm initial=OutcomeInput { unit_id: unit_id.clone(), ..OutcomeInput::blank(&ctx.today()) }
            form_label="添加成果" submit_label="添加成果" units=no_units clear_after=true on_submit=add draft_key="添加成果" />
        {move || {
            let list = rows.get();
            if list.is_empty() {
                view! { <p class="muted">"本单位还没有成果。"</p> }.into_any()
            } else {
                view! {
                    <ul class="outcomes" aria-label="本单位的成果">
                        {list.into_iter().map(|(o, may_delete)| {
                            let text = format!(
                                "{}（{}，{}，{}）",
                                o.title, o.kind.label(), o.date, stage(&o).label()
                            );
                            let evidence = (!o.evidence.is_empty())
                                .then(|| format!("佐证材料：{}", o.evidence.join("；")));
                            // What the committee answered, for the unit to act on (a
                            // clerk's review: the copy showed neither 反馈 nor 认定).
                            let answered = [
                                (!o.path.feedback.trim().is_empty())
                                    .then(|| format!("工委反馈意见：{}", o.path.feedback.trim())),
                                o.recognised.then(|| "已认定为创新成果".to_string()),
                            ]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("；");
                            let answered = (!answered.is_empty()).then_some(answered);
                            let name = format!("{} {}", text::EDIT, o.title);
                            let gone = (o.id.clone(), o.title.clone());
                            let delete = may_delete.then(|| view! {
                                " "<button type="button" class="quiet" aria-label=format!("删除 {}", o.title)
                                    on:click=move |_| { deleting.set(Some(gone.clone())); delete_open.set(true); }>"删除"</button>
                            });
                            view! {
                                <li>
                                    {text}" "
                                    <button type="button" aria-label=name on:click=move |_| editing.set(Some(o.clone()))>{text::EDIT}</button>
                                    {delete}
                                    {evidence.map(|e| view! { <br /><span class="muted">{e}</span> })}
                                    {answered.map(|a| view! { <br /><span>{a}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        {move || editing.get().map(|o| {
            let id = o.id.clone();
            let title = format!("修改成果：{}", o.title);
            // Saved over another window's change, only the fields changed here are
            // written (`save_outcome_edit`).
            let base = OutcomeInput::from_outcome(&o);
            let seen = StoredValue::new(Vec::new());
            let save = Callback::new(move |input: OutcomeInput| {
                save_outcome_edit(ctx, &id, &base, seen, &input).map(|()| editing.set(None))
            });
            view! {
                <Modal labelled_by="outcome-edit-title" on_close=Callback::new(move |_| editing.set(None))>
                    <h2 id="outcome-edit-title">{title}</h2>
                    {crate::domain::outcomes::settled(&o).then(|| view! {
                        <p class="hint" role="note">{format!("工委已办理备案或认定：{}只能由工委修改，本单位可修改简介和佐证材料。", crate::domain::outcomes::SETTLED_FIELDS)}</p>
                    })}
                    <OutcomeForm initial=OutcomeInput::from_outcome(&o) form_label=text::EDIT_OUTCOME submit_label=text::SAVE_CHANGES
                        units=no_units on_submit=save on_cancel=Callback::new(move |_| editing.set(None))
                        settled=crate::domain::outcomes::settled(&o) />
                </Modal>
            }
        })}
    }
}

/// 导出报送文件: the signed return file of this copy.
#[component]
fn ExportReturn() -> impl IntoView {
    let ctx = AppContext::get();
    // A unit's own copy is asked about its self-assessment, an assessor about scores.
    let ask_title = if ctx.state.with_untracked(|s| {
        s.workspace
            .as_ref()
            .is_some_and(|w| matches!(w.party, crate::domain::exchange::Party::Unit(_)))
    }) {
        "自评还没有填完"
    } else {
        "评分还没有填完"
    };
    let ask_open = RwSignal::new(false);
    let ask_text = RwSignal::new(String::new());
    // Why the last click exported nothing, said beside the button too (a clerk's
    // review: the banner above was out of view, and an older 已导出 stood there).
    let not_exported = RwSignal::new(None::<String>);
    let refuse = move |why: String| {
        ctx.notice.set(Some(Notice::error(why.clone())));
        not_exported.set(Some(why));
    };
    // A cell the grid refused (shown in red) holds text that is not saved: the file
    // would carry the old value while the screen shows the new one. Said before
    // anything else (before asking about blanks, which is moot until it is mended).
    let refused_cell = move || {
        let red = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("[role=grid] input[aria-invalid=true]")
                    .ok()
                    .flatten()
            })
            .is_some();
        if red {
            refuse(
                "没有导出报送文件：评分表中有标红的单元格，其中的输入无效，没有保存。请改正，或在该格按 Esc 恢复原值，再导出报送文件。".to_string(),
            );
        }
        red
    };
    let export = move || {
        if refused_cell() {
            return;
        }
        let now = ctx.now();
        let made = ctx.state.with_untracked(|s| {
            let ws = s.workspace.as_ref()?;
            // Named by round as well: two rounds' returns of one unit do not collide.
            let who = match s.round(&ws.round_id) {
                Some(r) => format!("{}-{}", r.name, ws.party_name),
                None => ws.party_name.clone(),
            };
            Some(match ws.party {
                Party::Unit(_) => export_unit_return(s, &now)
                    .map(|t| (t, file_name(PackageKind::UnitReturn, &who, &now))),
                _ => export_assessor_return(s, &now)
                    .map(|t| (t, file_name(PackageKind::AssessorReturn, &who, &now))),
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
        if res.is_ok() {
            // What the file carried, for the next task update (no undo entry: the file
            // is out, and undo keeps the note).
            ctx.note_quietly(crate::domain::exchange::note_return_sent);
        }
        match res {
            Ok(name) => {
                not_exported.set(None);
                ctx.notice.set(Some(Notice::info(format!(
                    "已导出报送文件“{name}”，请把它交给工委。之后如有修改，可再次导出，工委以最新的文件为准。"
                ))))
            }
            Err(e) => refuse(format!("没有导出报送文件：{e}")),
        }
    };
    // An incomplete return says what is missing and asks first.
    let blanks = move || {
        ctx.state.with_untracked(|s| {
            crate::domain::focused::task(s).and_then(|t| {
                let missing = crate::domain::return_check::missing_lines(&t);
                (!missing.is_empty())
                    .then(|| crate::domain::return_check::missing_message(&t, &missing))
            })
        })
    };
    // Typed but not saved (a form's draft), or the year's 保障投入 not entered: the file
    // would go without it while the clerk believes it is in. Said in one question with
    // the blanks, if any, so one 仍然导出 answers for all.
    let before_open = RwSignal::new(false);
    let before_text = RwSignal::new(String::new());
    let on_click = move |_| {
        if refused_cell() {
            return;
        }
        let unsaved = ctx.unsaved_forms();
        let gap = ctx
            .state
            .with_untracked(|s| crate::domain::return_check::resources_gap(s, ctx.this_year()));
        let mut said = String::new();
        if !unsaved.is_empty() {
            said.push_str(&format!(
                "以下表单中填写的内容还没有保存，不会进入报送文件：{}。请先在各表单点保存（不需要的请清空或取消）。",
                unsaved.join("、")
            ));
        }
        if let Some(gap) = gap {
            said.push_str(&format!("{gap}，工委看到的将是“未登记”。"));
        }
        match (said.is_empty(), blanks()) {
            (true, None) => export(),
            (true, Some(text)) => {
                ask_text.set(text);
                ask_open.set(true);
            }
            (false, blanks) => {
                // The blanks' words carry the question; otherwise it is asked here.
                let question = blanks.unwrap_or_else(|| "仍要导出吗？".to_string());
                before_text.set(format!("{said}{question}"));
                before_open.set(true);
            }
        }
    };
    view! {
        <h2>"报送"</h2>
        <p>"报送文件用工委发来的访问码签名，工委导入时据此确认文件确实来自您、且未被改动。"</p>
        <button type="button" class="primary" on:click=on_click>"导出报送文件"</button>
        {move || not_exported.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
        <ConfirmDialog open=before_open title="报送内容还不完整" message=before_text confirm_label="仍然导出"
            on_confirm=Callback::new(move |_| export()) />
        <ConfirmDialog open=ask_open title=ask_title message=ask_text confirm_label="仍然导出"
            on_confirm=Callback::new(move |_| export()) />
    }
}

/// Beside another unit's grade that a rule of the scheme decided, and what it means.
const RULE_MARK: &str = "※";
const RULE_FOOTNOTE: &str =
    "※ 等次按考评办法的有关规定确定（如一票否决、“优秀”的附加条件），不完全取决于得分。";

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
        // A unit reads why its own grade is what it is, not why another unit's is (a
        // veto's reason is that unit's matter); an assessor, on the committee's side,
        // reads them all.
        let is_unit = own.is_some();
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
                                {r.rows.iter().cloned().map(|row| {
                                    let mine = own.as_deref() == Some(row.unit_id.as_str());
                                    // Another unit's grade set by a rule (a veto, the
                                    // 优秀 conditions) is marked, its reason not shown.
                                    let marked = is_unit && !mine && !row.grade_note.is_empty();
                                    let total = row.total_text();
                                    view! {
                                    <tr class:own-row=mine>
                                        <td class="num">{row.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                                        <th scope="row">{row.unit_name}{mine.then_some("（本单位）")}</th>
                                        <td class="num">{total}</td>
                                        <td>
                                            {row.grade.map(|g| g.label().to_string()).unwrap_or_else(|| "未评定".into())}
                                            {marked.then_some(RULE_MARK)}
                                            {(!row.grade_note.is_empty() && (mine || !is_unit)).then(|| view! { <div class="grade-note">{format!("（{}）", row.grade_note)}</div> })}
                                        </td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                        {(is_unit && r.rows.iter().any(|x| !x.grade_note.is_empty() && own.as_deref() != Some(x.unit_id.as_str())))
                            .then(|| view! { <p class="muted small">{RULE_FOOTNOTE}</p> })}
                    </div>
                }).collect_view()}
            }
        })
    }
}
