//! 评委分工 on the round page: which units each assessor scores, how many assessors
//! each unit has (a unit below the scheme's minimum stands out), and adding or
//! removing units and assessors after the round was created. A removal that would
//! drop scores says what goes and asks; every change can be undone (撤销).

use leptos::prelude::*;

use crate::domain::panel::{
    add_assessor, add_unit, impact, is_assigned, labels, panel_rows, remove_assessor, remove_unit,
    set_assigned, task_files_sent, Removal,
};
use crate::domain::{AppState, Id};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::{update_form, ChoiceSelect, FormError, FormFaults, TextField};
use crate::ui::state::{AppContext, Notice};

/// What the panel shows, derived from the state. The table is built from `min`,
/// `assessors`, the row ids and names and `addable`; the ticks and counts are read
/// reactively from [`Ticks`], so ticking a box does not rebuild the table (focus
/// stays on the box).
#[derive(Clone, PartialEq)]
struct PanelView {
    min: u8,
    assessors: Vec<(Id, String)>,
    /// Per unit: id, name, assessor count, below the minimum, ticks per assessor.
    rows: Vec<(Id, String, usize, bool, Vec<bool>)>,
    /// Roster units not in the round: (id, name).
    addable: Vec<(String, String)>,
}

/// The table's shape: what rebuilds it when it changes.
#[derive(Clone, PartialEq)]
struct Shape {
    min: u8,
    assessors: Vec<(Id, String)>,
    units: Vec<(Id, String)>,
    addable: Vec<(String, String)>,
}

/// Per unit: (count, below the minimum, ticks per assessor).
type Ticks = Vec<(usize, bool, Vec<bool>)>;

fn panel_view(s: &AppState, round_id: &str) -> Option<PanelView> {
    let r = s.round(round_id)?;
    let min = s
        .scheme(&r.scheme_id)
        .map(|sc| sc.aggregation.min_assessors)
        .unwrap_or(0);
    let name = |id: &str| {
        s.unit(id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let rows = panel_rows(r, min)
        .into_iter()
        .map(|p| {
            let ticks = r
                .assessors
                .iter()
                .map(|a| is_assigned(a, &p.unit_id))
                .collect();
            let n = name(&p.unit_id);
            (p.unit_id, n, p.assessors, p.below_min, ticks)
        })
        .collect();
    Some(PanelView {
        min,
        assessors: r
            .assessors
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect(),
        rows,
        addable: s
            .units
            .iter()
            .filter(|u| !r.unit_ids.contains(&u.id))
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect(),
    })
}

/// What the panel's parts share: the round, the ticks and counts, and a removal
/// waiting for confirmation.
#[derive(Clone, Copy)]
struct Panel {
    ctx: AppContext,
    rid: StoredValue<String>,
    ticks: Memo<Ticks>,
    pending: RwSignal<Option<(Removal, String)>>,
    open: RwSignal<bool>,
    /// The accessible name of the control that asked (a checkbox, a 移除 button): the
    /// keyboard goes back to it after the removal, or to the panel's heading when the
    /// removal took it away, not to the top of the page.
    refocus: StoredValue<Option<String>>,
}

impl Panel {
    fn tick(self, u: usize, a: usize) -> bool {
        self.ticks
            .with(|t| t.get(u).and_then(|r| r.2.get(a)).copied().unwrap_or(false))
    }

    fn count(self, u: usize) -> String {
        self.ticks.with(|t| {
            t.get(u)
                .map(|r| {
                    if r.1 {
                        format!("{}（评委不足）", r.0)
                    } else {
                        r.0.to_string()
                    }
                })
                .unwrap_or_default()
        })
    }

    fn low_class(self, u: usize) -> &'static str {
        if self.ticks.with(|t| t.get(u).is_some_and(|r| r.1)) {
            "panel-row panel-row--low"
        } else {
            "panel-row"
        }
    }

    fn low_count(self) -> usize {
        self.ticks.with(|t| t.iter().filter(|r| r.1).count())
    }

    /// Runs a removal at once when it drops nothing; otherwise asks first.
    fn ask(self, removal: Removal, what: String) {
        let ctx = self.ctx;
        let empty = ctx.state.with_untracked(|s| {
            task_files_sent(s, &self.rid.get_value(), &removal) == 0
                && s.round(&self.rid.get_value())
                    .is_none_or(|r| impact(r, &removal).is_empty())
        });
        if empty {
            run_removal(ctx, &self.rid.get_value(), &removal, &what);
        } else {
            self.refocus.set_value(
                document()
                    .active_element()
                    .and_then(|e| e.get_attribute("aria-label")),
            );
            self.pending.set(Some((removal, what)));
            self.open.set(true);
        }
    }
}

/// The 评委分工 section of a round's page.
#[component]
pub fn RoundPanel(
    /// The round's id.
    #[prop(into)]
    round_id: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let data = Memo::new(move |_| ctx.state.with(|s| panel_view(s, &rid.get_value())));
    let shape = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref().map(|v| Shape {
                min: v.min,
                assessors: v.assessors.clone(),
                units: v.rows.iter().map(|r| (r.0.clone(), r.1.clone())).collect(),
                addable: v.addable.clone(),
            })
        })
    });
    let ticks: Memo<Ticks> = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref()
                .map(|v| v.rows.iter().map(|r| (r.2, r.3, r.4.clone())).collect())
                .unwrap_or_default()
        })
    });
    let p = Panel {
        ctx,
        rid,
        ticks,
        pending: RwSignal::new(None),
        open: RwSignal::new(false),
        refocus: StoredValue::new(None),
    };
    let (pending, open) = (p.pending, p.open);
    let message = Signal::derive(move || {
        pending
            .get()
            .map(|(removal, what)| {
                let (goes, sent) = ctx.state.with(|s| {
                    (
                        s.round(&rid.get_value())
                            .map(|r| impact(r, &removal).describe())
                            .unwrap_or_default(),
                        task_files_sent(s, &rid.get_value(), &removal),
                    )
                });
                let goes = if goes.is_empty() {
                    String::new()
                } else {
                    format!("将同时删除已录入的{goes}")
                };
                let sent = if sent > 0 {
                    "已发出的任务文件作废，之后交回的报送文件将被拒收（如移除后再添加，须重新导出任务文件）"
                } else {
                    ""
                };
                let what_happens = [goes.as_str(), sent]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("；");
                // Scores that go are kept in a snapshot first, as any deletion's are (a
                // clerk's review: 撤销 alone was gone after a reload).
                let back = if goes.is_empty() {
                    "移除后可以点击页面上方的“撤销”恢复。"
                } else {
                    "移除前的数据将存为快照：可以点击页面上方的“撤销”恢复，刷新页面后也可在“数据管理”中恢复该快照。"
                };
                format!("{what}：{what_happens}。{back}")
            })
            .unwrap_or_default()
    });
    let on_confirm = Callback::new(move |_| {
        if let Some((removal, what)) = pending.get_untracked() {
            run_removal(ctx, &rid.get_value(), &removal, &what);
        }
        pending.set(None);
        // After the page has redrawn, before the dialog's own fallback to the page's
        // heading (which leaves focus where it finds it).
        let label = p.refocus.get_value();
        set_timeout(
            move || {
                use wasm_bindgen::JsCast;
                let doc = document();
                let again = label.and_then(|l| {
                    let quoted = l.replace('\\', "\\\\").replace('"', "\\\"");
                    doc.query_selector(&format!("[aria-label=\"{quoted}\"]"))
                        .ok()
                        .flatten()
                });
                let target = again.or_else(|| doc.get_element_by_id("panel-title"));
                if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            },
            std::time::Duration::ZERO,
        );
    });

    view! {
        <section class="panel" aria-labelledby="panel-title">
            <h2 id="panel-title" tabindex="-1">"评委分工"</h2>
            {move || shape.get().map(|v| panel_body(p, v))}
            <ConfirmDialog open title="确认移除" message confirm_label="移除" on_confirm />
        </section>
    }
}

/// The rule's hint, the warning of units short of assessors, the matrix and the
/// form to add units and assessors.
fn panel_body(p: Panel, v: Shape) -> impl IntoView {
    let min_line = if v.min > 0 {
        format!("勾选每位评委要评的单位。按考评方案，每个单位至少应有 {} 位评委；不足的单位标为“评委不足”。", v.min)
    } else {
        "勾选每位评委要评的单位。".to_string()
    };
    let min = v.min;
    view! {
        <p class="hint">{min_line}</p>
        {move || {
            let low = p.low_count();
            (low > 0).then(|| view! {
                <p class="warn" role="note">{format!("有 {low} 个单位评委不足 {min} 位。")}</p>
            })
        }}
        <div class="table-scroll">
            <table class="panel-matrix">
                <caption class="visually-hidden">"评委分工：每位评委评哪些单位"</caption>
                <thead><tr>
                    <th scope="col">"单位"</th>
                    <th scope="col" class="num">"评委人数"</th>
                    {v.assessors.iter().map(|(aid, name)| {
                        let removal = Removal::Assessor(aid.clone());
                        let what = format!("移除评委「{name}」");
                        view! {
                            <th scope="col">{name.clone()}" "
                                <button type="button" class="quiet small"
                                    aria-label=format!("移除评委：{name}")
                                    on:click=move |_| p.ask(removal.clone(), what.clone())>"移除"</button>
                            </th>
                        }
                    }).collect_view()}
                    <th scope="col">"操作"</th>
                </tr></thead>
                <tbody>
                    {v.units.iter().enumerate().map(|(ui, (uid, uname))| unit_row(p, &v.assessors, ui, uid, uname)).collect_view()}
                </tbody>
            </table>
        </div>
        <AddToPanel round_id=p.rid.get_value() addable=v.addable.clone() />
    }
}

/// One unit's row: its count, a tick per assessor and its remove button.
fn unit_row(
    p: Panel,
    assessors: &[(Id, String)],
    ui: usize,
    uid: &Id,
    uname: &str,
) -> impl IntoView {
    let removal = Removal::Unit(uid.clone());
    let what = format!("移除单位「{uname}」");
    view! {
        <tr class=move || p.low_class(ui)>
            <th scope="row">{uname.to_string()}</th>
            <td class="num">{move || p.count(ui)}</td>
            {assessors.iter().enumerate().map(|(ai, (aid, aname))| tick_cell(p, ui, ai, aid, aname, uid, uname)).collect_view()}
            <td><button type="button" class="quiet small"
                aria-label=format!("移除单位：{uname}")
                on:click=move |_| p.ask(removal.clone(), what.clone())>"移除"</button></td>
        </tr>
    }
}

/// Whether assessor `ai` scores unit `ui`: ticking assigns at once, unticking may ask.
fn tick_cell(
    p: Panel,
    ui: usize,
    ai: usize,
    aid: &Id,
    aname: &str,
    uid: &Id,
    uname: &str,
) -> impl IntoView {
    let label = format!("{aname} 评 {uname}");
    let (aid, uid2, uname2, aname2) = (
        aid.clone(),
        uid.clone(),
        uname.to_string(),
        aname.to_string(),
    );
    view! {
        <td class="tick"><input type="checkbox" aria-label=label prop:checked=move || p.tick(ui, ai)
            on:change=move |e| {
                let on = event_target_checked(&e);
                if on {
                    assign(p.ctx, &p.rid.get_value(), &aid, &uid2, true);
                } else {
                    let removal = Removal::Assignment(aid.clone(), uid2.clone());
                    p.ask(removal, format!("不再由评委「{aname2}」评「{uname2}」"));
                }
                // Show what the data says (a refused or asked change leaves it).
                if let Some(el) = e.target() {
                    use wasm_bindgen::JsCast;
                    if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                        input.set_checked(p.tick(ui, ai));
                    }
                }
            } /></td>
    }
}

/// Ticks a unit for an assessor.
fn assign(ctx: AppContext, round_id: &str, assessor_id: &str, unit_id: &str, on: bool) {
    let now = ctx.now_iso();
    let _ = ctx.update("调整评委分工", |s| {
        set_assigned(s, round_id, assessor_id, unit_id, on, &now)
    });
}

/// Carries out a removal (the dialog has asked, or nothing entered goes), called `what`.
/// One that drops scores or other entries keeps the data as it stood in a snapshot
/// first, as deleting a unit or a round does.
fn run_removal(ctx: AppContext, round_id: &str, removal: &Removal, what: &str) {
    let now = ctx.now_iso();
    let entered = ctx.state.with_untracked(|s| {
        s.round(round_id)
            .is_some_and(|r| !impact(r, removal).is_empty())
    });
    let action = match removal {
        Removal::Unit(_) => "移除参评单位",
        Removal::Assessor(_) => "移除评委",
        Removal::Assignment(..) => "调整评委分工",
    };
    let change = |s: &mut AppState| match removal {
        Removal::Unit(u) => remove_unit(s, round_id, u, &now),
        Removal::Assessor(a) => remove_assessor(s, round_id, a, &now),
        Removal::Assignment(a, u) => set_assigned(s, round_id, a, u, false, &now),
    };
    let done = if entered {
        ctx.update_kept(action, &format!("{what}前"), change)
            .map(|((), kept)| kept)
    } else {
        ctx.update(action, change).map(|()| false)
    };
    match done {
        Ok(true) => ctx.notice.set(Some(Notice::info(
            "已移除。移除前的数据已存为快照：如需恢复，请点击“撤销”，刷新页面后也可在“数据管理”中恢复该快照。",
        ))),
        Ok(false) => ctx
            .notice
            .set(Some(Notice::info("已移除。如需恢复，请点击“撤销”。"))),
        Err(_) => {}
    }
}

/// Adding a roster unit or a new assessor to the round.
#[component]
fn AddToPanel(
    /// The round's id.
    round_id: String,
    /// Roster units not in the round: (id, name).
    addable: Vec<(String, String)>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rid = StoredValue::new(round_id);
    let has_addable = !addable.is_empty();
    let first = addable
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let unit = RwSignal::new(first);
    let options = Signal::derive(move || addable.clone());
    let name = RwSignal::new(String::new());
    let unit_faults = FormFaults::new();
    let name_faults = FormFaults::new();
    let add_u = move |_| {
        let now = ctx.now_iso();
        let id = unit.get_untracked();
        match update_form(ctx, "加入参评单位", |s| {
            add_unit(s, &rid.get_value(), &id, &now)
        }) {
            Ok(()) => unit_faults.clear(),
            Err(e) => unit_faults.refuse(e),
        }
    };
    let add_a = move |_| {
        let now = ctx.now_iso();
        let n = name.get_untracked();
        match update_form(ctx, "添加评委", |s| {
            add_assessor(s, &rid.get_value(), &n, &now)
        }) {
            Ok(ids) => {
                name_faults.clear();
                name.set(String::new());
                let added = ctx.state.with_untracked(|s| {
                    s.round(&rid.get_value())
                        .map(|r| {
                            r.assessors
                                .iter()
                                .filter(|a| ids.contains(&a.id))
                                .map(|a| a.name.clone())
                                .collect::<Vec<_>>()
                                .join("、")
                        })
                        .unwrap_or_default()
                });
                ctx.notice
                    .set(Some(Notice::info(format!("已添加评委：{added}。"))));
            }
            Err(e) => name_faults.refuse(e),
        }
    };
    view! {
        <div class="panel-add">
            {has_addable.then(|| view! {
                <div class="inline-form">
                    <ChoiceSelect label=labels::ADD_UNIT options value=unit faults=unit_faults />
                    <button type="button" on:click=add_u>"加入考评"</button>
                    <FormError error=unit_faults.error id=unit_faults.error_id() />
                </div>
            })}
            <div class="inline-form">
                <TextField label=labels::NEW_ASSESSOR value=name faults=name_faults
                    placeholder="几位可用顿号分隔" />
                <button type="button" on:click=add_a>"添加评委"</button>
                <FormError error=name_faults.error id=name_faults.error_id() />
            </div>
        </div>
    }
}
