//! The scheme editor: dimensions and indicators with their points and 评分细则, items,
//! grade bands and aggregation, kept as a draft while the clerk visits other pages.
//! `tree` draws the dimensions, `items` the item lists, `cells` the bound inputs.

mod cells;
mod items;
mod print;
mod tree;

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::default_scheme::{save_scheme_edit, scheme_has_scores, scheme_sent_out};
use crate::domain::roster::parse_year;
use crate::domain::scheme_edit::{add_dimension, check_draft, total_question};
use crate::domain::{Points, Scheme};
use crate::route::Route;
use crate::ui::components::fields::navigate;
use crate::ui::state::{AppContext, Notice};

use cells::{settings_number, settings_points, shown};

/// Field keys of inputs whose text cannot be read yet, with the message.
type BadFields = RwSignal<BTreeMap<String, String>>;

/// The draft being edited and its unreadable inputs, shared by every part of the editor.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<Scheme>,
    bad: BadFields,
}

impl Editor {
    /// A structural edit: rows are rebuilt, so pending unreadable text is dropped.
    fn restructure(self, f: impl FnOnce(&mut Scheme)) {
        self.bad.set(BTreeMap::new());
        self.draft.update(|s| f(s));
    }

    fn dim_name(self, d: usize) -> String {
        self.draft.with(|s| {
            s.dimensions
                .get(d)
                .map(|x| shown(&x.name))
                .unwrap_or_default()
        })
    }

    fn ind_name(self, d: usize, i: usize) -> String {
        self.draft.with(|s| {
            s.dimensions
                .get(d)
                .and_then(|x| x.indicators.get(i))
                .map(|x| shown(&x.name))
                .unwrap_or_default()
        })
    }
}

/// The shape of the draft: what changes only when something is added, removed or
/// moved (then the editor's rows are rebuilt from the draft).
#[derive(Clone, PartialEq)]
struct Shape {
    dims: Vec<usize>,
    bonus: usize,
    deductions: usize,
    vetoes: usize,
    ids: Vec<String>,
}

fn shape_of(s: &Scheme) -> Shape {
    Shape {
        dims: s.dimensions.iter().map(|d| d.indicators.len()).collect(),
        bonus: s.bonus_items.len(),
        deductions: s.deduction_items.len(),
        vetoes: s.veto_items.len(),
        ids: s
            .dimensions
            .iter()
            .flat_map(|d| {
                std::iter::once(d.id.clone()).chain(d.indicators.iter().map(|i| i.id.clone()))
            })
            .chain(s.bonus_items.iter().map(|i| i.id.clone()))
            .chain(s.deduction_items.iter().map(|i| i.id.clone()))
            .chain(s.veto_items.iter().map(|i| i.id.clone()))
            .collect(),
    }
}

/// What the editor knows about the stored version it started from.
#[derive(Clone)]
struct Versions {
    version: u32,
    next_version: u32,
    /// Why a save makes a new version (its scores, or task files out), if it does.
    kept_because: Option<String>,
}

/// The editor of one scheme version.
#[component]
pub fn SchemeEditor(
    /// The stored version.
    scheme: Scheme,
    /// The draft kept from the last visit, if the person left with changes unsaved.
    kept: Option<Scheme>,
    /// Bumped to make the editor afresh.
    generation: RwSignal<u32>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let stored_id = scheme.id.clone();
    let stored_id_for_draft = StoredValue::new(stored_id.clone());
    // Scored, or sent out in task files: the version stays as it is, a save is a new one.
    let kept_because = ctx.state.with_untracked(|s| {
        if scheme_has_scores(s, &stored_id) {
            Some("此方案已有评分".to_string())
        } else {
            match scheme_sent_out(s, &stored_id) {
                0 => None,
                n => Some(format!("使用此方案的考评已发出 {n} 份任务文件")),
            }
        }
    });
    let next_version = ctx.state.with_untracked(|s| {
        s.schemes
            .iter()
            .filter(|x| x.family == scheme.family)
            .map(|x| x.version)
            .max()
            .unwrap_or(scheme.version)
            + 1
    });
    let versions = StoredValue::new(Versions {
        version: scheme.version,
        next_version,
        kept_because,
    });
    let title = scheme.name.clone();
    let original = StoredValue::new(scheme.clone());
    let restored = kept.is_some();
    let draft = RwSignal::new(kept.unwrap_or(scheme));
    let ed = Editor {
        draft,
        bad: RwSignal::new(BTreeMap::new()),
    };
    let errors = RwSignal::new(Vec::<String>::new());
    let shape = Memo::new(move |_| draft.with(shape_of));
    let total = Memo::new(move |_| draft.with(|s| s.full_points()));
    let dirty = Memo::new(move |_| original.with_value(|o| draft.with(|d| o != d)));
    // The draft outlives the page: leaving the editor keeps it, saving or dropping ends it.
    Effect::new(move |_| {
        if dirty.get() {
            draft
                .with(|d| ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), Some(d.clone())));
        } else {
            ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), None);
        }
    });
    // 放弃修改 throws away every edit at once, and 撤销 cannot bring them back: asked first.
    let discard_open = RwSignal::new(false);
    let discard = Callback::new(move |_| {
        errors.set(Vec::new());
        ctx.keep_scheme_draft(&stored_id_for_draft.get_value(), None);
        generation.update(|g| *g += 1);
    });
    // A total other than 100, new in this draft, is asked about before it is saved.
    let total_asked = RwSignal::new(None::<String>);
    let total_open = RwSignal::new(false);
    // The stored version changed under the editor (撤销, another window, an import):
    // with nothing unsaved the editor shows it at once; with changes unsaved it says so,
    // rather than letting 保存方案 quietly put the old values back.
    let stored_now = Memo::new(move |_| {
        ctx.state
            .with(|s| s.scheme(&stored_id_for_draft.get_value()).cloned())
    });
    let changed_elsewhere = Memo::new(move |_| {
        stored_now.with(|n| original.with_value(|o| n.as_ref().is_some_and(|n| n != o)))
    });
    Effect::new(move |_| {
        if changed_elsewhere.get() && !dirty.get_untracked() {
            generation.update(|g| *g += 1);
        }
    });
    let on_save = move |confirmed: bool| {
        // Nothing changed: no new version of the same scheme (it could not be deleted
        // once a round used it).
        if !dirty.get_untracked() && ed.bad.with_untracked(BTreeMap::is_empty) {
            errors.set(Vec::new());
            ctx.notice
                .set(Some(Notice::info("方案没有修改，无需保存。")));
            return;
        }
        if !confirmed {
            let q = original.with_value(|o| ed.draft.with_untracked(|d| total_question(d, o)));
            if q.is_some() && draft_problems(ctx, ed).is_empty() {
                // The draft passes the checks: a list from an earlier 保存方案 is no
                // longer true, whatever is answered (a clerk's review: it stayed on
                // after 取消).
                errors.set(Vec::new());
                total_asked.set(q);
                total_open.set(true);
                return;
            }
        }
        save(ctx, ed, errors, generation, versions.get_value());
    };

    let s0 = draft.get_untracked();
    view! {
        <section class="scheme-editor">
            <div class="no-print">
            {editor_head(title, s0.year, versions.get_value(), restored, total, dirty)}
            {move || changed_elsewhere.get().then(|| view! {
                <p class="notice-scored" role="alert">
                    "已保存的方案刚在别处被改动（撤销、另一个窗口或导入）。本页还有未保存的修改：“保存方案”将以本页的内容为准；“放弃修改”则显示已保存的方案。"
                </p>
            })}
            {basic_info(ed, &s0)}

            <h2>"一级指标和二级指标"</h2>
            {move || tree::dimension_tree(ed, shape.get())}
            <p><button type="button" on:click=move |_| ed.restructure(|s| { add_dimension(s); })>"添加一级指标"</button></p>

            {items::item_sections(ed, shape, s0.bonus_cap)}
            {band_settings(ed, &s0)}
            {aggregation_settings(ed, &s0)}
            {problems(ed.bad, errors)}
            <div class="form-actions save-bar no-print">
                <button type="button" on:click=move |_| on_save(false)>"保存方案"</button>
                // A value that could not be read changes no draft, yet is there to drop.
                <button type="button" disabled=move || !dirty.get() && ed.bad.with(BTreeMap::is_empty)
                    on:click=move |_| discard_open.set(true)>"放弃修改"</button>
                <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印方案"</button>
            </div>
            </div>
            {print::scheme_print(draft, dirty)}
            <crate::ui::components::confirm::ConfirmDialog open=discard_open title="确认放弃修改"
                message=Signal::derive(|| "将放弃本页尚未保存的全部修改，回到已保存的版本。放弃后不能撤销。".to_string())
                confirm_label="放弃修改" on_confirm=discard />
            <crate::ui::components::confirm::ConfirmDialog open=total_open title="确认满分合计"
                message=Signal::derive(move || total_asked.get().unwrap_or_default())
                confirm_label="保存方案" on_confirm=Callback::new(move |_| on_save(true)) />
        </section>
    }
}

/// What is wrong with the draft: fields that cannot be read, [`check_draft`], and a
/// year changed to one past next year (copying refuses it too; a year held already is
/// left as it is). Empty when it can be saved.
fn draft_problems(ctx: AppContext, ed: Editor) -> Vec<String> {
    let d = ed.draft.get_untracked();
    let mut errs: Vec<String> = ed.bad.with_untracked(|b| b.values().cloned().collect());
    errs.extend(check_draft(&d));
    errs.extend(
        ctx.state
            .with_untracked(|s| crate::domain::scheme_edit::name_taken(s, &d)),
    );
    let held_year = ctx
        .state
        .with_untracked(|s| s.scheme(&d.id).map(|x| x.year));
    if held_year != Some(d.year) {
        errs.extend(crate::domain::scheme_edit::year_to_come(
            d.year,
            ctx.this_year(),
        ));
    }
    errs
}

/// Saves the draft (as a new version when the stored one has scores), or lists what is
/// wrong with it and saves nothing.
fn save(
    ctx: AppContext,
    ed: Editor,
    errors: RwSignal<Vec<String>>,
    generation: RwSignal<u32>,
    v: Versions,
) {
    let errs = draft_problems(ctx, ed);
    let d = ed.draft.get_untracked();
    if !errs.is_empty() {
        errors.set(errs);
        // The pinned 保存方案 may be far from the list: bring the list to the person.
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            let list = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".save-errors").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(list) = list {
                list.scroll_into_view();
                let _ = list.focus();
            }
        });
        return;
    }
    errors.set(Vec::new());
    let now = ctx.now_iso();
    let old_id = d.id.clone();
    if let Ok(new_id) = ctx.update("保存考评方案", |s| {
        Ok::<_, String>(save_scheme_edit(s, d, &now))
    }) {
        ctx.keep_scheme_draft(&old_id, None);
        if new_id == old_id {
            ctx.notice.set(Some(Notice::info("已保存方案。")));
            generation.update(|g| *g += 1);
        } else {
            let (next_version, version) = (v.next_version, v.version);
            let why = v.kept_because.unwrap_or_default();
            // The rounds scored on the old version keep it: said, so that a fix made
            // here is not taken to apply to them.
            let (rounds, unscored): (Vec<String>, Vec<String>) = ctx.state.with_untracked(|s| {
                let on_old = || s.rounds.iter().filter(|r| r.scheme_id == old_id);
                (
                    on_old().map(|r| r.name.clone()).collect(),
                    on_old()
                        .filter(|r| !r.has_scores())
                        .map(|r| r.name.clone())
                        .collect(),
                )
            });
            let mut kept = if rounds.is_empty() {
                String::new()
            } else {
                format!("{}仍按第 {version} 版评分。", rounds.join("、"))
            };
            // A round with no score yet may move to the new version on its own page.
            if !unscored.is_empty() {
                kept.push_str(&format!(
                    "{}还没有录入分数，如要改用新版本，请在其考评页“更换考评方案”，再重新导出任务文件。",
                    unscored.join("、")
                ));
            }
            ctx.notice.set(Some(Notice::info(format!(
                "{why}，修改已保存为新版本（第 {next_version} 版）；原第 {version} 版及其评分未改变，{kept}新建考评轮次时可选用新版本。"
            ))));
            navigate(&Route::Scheme(new_id));
        }
    }
}

/// The title, the notes on a kept draft or existing scores, and the running total.
fn editor_head(
    title: String,
    year: u16,
    v: Versions,
    restored: bool,
    total: Memo<Points>,
    dirty: Memo<bool>,
) -> impl IntoView {
    let Versions {
        version,
        next_version,
        kept_because,
    } = v;
    view! {
        <p class="no-print"><a href=Route::Schemes.href()>"← 返回考评方案列表"</a></p>
        <h1>{title}</h1>
        <p class="hint">{format!("第 {version} 版 · {year} 年度")}</p>
        {restored.then(|| view! {
            <p class="notice-scored" role="note">
                "这是您上次离开此页时尚未保存的修改，已为您保留。请“保存方案”，或“放弃修改”回到已保存的版本。"
            </p>
        })}
        {kept_because.map(|why| view! {
            <p class="notice-scored" role="note">
                {format!("{why}，保存将生成新版本（第 {next_version} 版），原第 {version} 版及其评分、已发出的任务文件保持不变。")}
            </p>
        })}
        <p class="total-bar">
            "满分合计："<output aria-label="满分合计">{move || total.get().to_string()}</output>" 分"
            {move || (total.get() != Points::whole(100)).then_some("（通常为 100 分）")}
            {move || dirty.get().then_some(" · 有未保存的修改")}
        </p>
    }
}

/// The scheme's name and year.
fn basic_info(ed: Editor, s0: &Scheme) -> impl IntoView {
    let Editor { draft, bad } = ed;
    view! {
        <h2>"基本信息"</h2>
        <label class="field field--wide">
            <span>"方案名称"</span>
            <input type="text" prop:value=s0.name.clone()
                on:input=move |e| { let v = event_target_value(&e); draft.update(|s| s.name = v); } />
        </label>
        <label class="field">
            <span>"年度"</span>
            <input type="text" inputmode="numeric" prop:value=s0.year.to_string()
                aria-invalid=move || bad.with(|b| b.contains_key("year")).then_some("true")
                on:input=move |e| {
                    let v = event_target_value(&e);
                    match parse_year(&v) {
                        Some(y) => { bad.update(|b| { b.remove("year"); }); draft.update(|s| s.year = y); }
                        None => bad.update(|b| { b.insert("year".into(), format!("年度「{}」不对，{}", v.trim(), crate::domain::roster::YEAR_HINT)); }),
                    }
                } />
        </label>
    }
}

/// The grade lines and the innovation rule for 优秀.
fn band_settings(ed: Editor, s0: &Scheme) -> impl IntoView {
    let draft = ed.draft;
    view! {
        <h2>"等次分数线"</h2>
        {settings_points(ed, "优秀分数线", "band_excellent", s0.grade_bands.excellent, |s, p| s.grade_bands.excellent = p)}
        {settings_points(ed, "良好分数线", "band_good", s0.grade_bands.good, |s, p| s.grade_bands.good = p)}
        {settings_points(ed, "合格分数线", "band_pass", s0.grade_bands.pass, |s, p| s.grade_bands.pass = p)}
        <label class="field field--check">
            <input type="checkbox" prop:checked=s0.excellent_needs_innovation
                on:change=move |e| { let v = event_target_checked(&e); draft.update(|s| s.excellent_needs_innovation = v); } />
            <span>"优秀须有至少一项认定的创新成果"</span>
        </label>
    }
}

/// How assessors' scores are combined, the 优秀 cap and the normalised what-if.
fn aggregation_settings(ed: Editor, s0: &Scheme) -> impl IntoView {
    let draft = ed.draft;
    view! {
        <h2>"汇总设置"</h2>
        {settings_number(ed, "去掉最高最低分的评委人数下限", s0.aggregation.trim_min_assessors.to_string(), 50, false,
            |s, n| s.aggregation.trim_min_assessors = n.unwrap_or(0))}
        {settings_number(ed, "自评权重（%）", s0.aggregation.self_weight_pct.to_string(), 100, false,
            |s, n| s.aggregation.self_weight_pct = n.unwrap_or(0))}
        {settings_number(ed, "优秀比例上限（%）", s0.excellent_cap_pct.map(|c| c.to_string()).unwrap_or_default(), 100, true,
            |s, n| s.excellent_cap_pct = n)}
        <p class="hint">"某个指标的评委评分（空项不计）达到下限时，去掉一个最高分和一个最低分后取平均（下限不足 3 按 3 计），填 0 表示不去掉；自评权重为 0 时自评仅供参考；优秀比例上限留空表示不限。"</p>
        {settings_number(ed, "每个单位至少的评委人数", s0.aggregation.min_assessors.to_string(), 50, false,
            |s, n| s.aggregation.min_assessors = n.unwrap_or(0))}
        <label class="field field--check">
            <input type="checkbox" prop:checked=s0.aggregation.what_if_normalised
                on:change=move |e| { let v = event_target_checked(&e); draft.update(|s| s.aggregation.what_if_normalised = v); } />
            <span>"在考评页并列显示标准化总分（假设，仅供参考，不替代正式总分）"</span>
        </label>
        <p class="hint">"评委人数不足下限的单位在考评页的“评委分工”中标出，填 0 表示不设下限。标准化总分把每位评委的评分按其平均分和离散程度换算后再汇总，用来查看评委宽严不一的影响。"</p>
    }
}

/// The unreadable inputs (as they are typed) and the draft's problems (on saving).
fn problems(bad: BadFields, errors: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        {move || {
            let pending = bad.get();
            (!pending.is_empty()).then(|| view! {
                <div class="error" role="alert">
                    <p>"以下输入无法识别，请改正："</p>
                    <ul>{pending.into_values().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        {move || {
            let errs = errors.get();
            (!errs.is_empty()).then(|| view! {
                <div class="error save-errors" role="alert" aria-label="方案有误，未保存" tabindex="-1">
                    <p>"方案有以下问题，未保存："</p>
                    <ul>{errs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })
        }}
    }
}
