//! 考评方案: the list of scheme versions (new default scheme, copy for a new year) and
//! one version's editor: the two-level tree of dimensions and indicators, bonus,
//! deduction and veto items, grade bands and aggregation settings. Edits go to a draft;
//! 保存方案 checks it and saves it, as a new version when scores exist.

use leptos::prelude::*;

use crate::domain::default_scheme::copy_scheme_for_year;
use crate::domain::roster::parse_year;
use crate::domain::scheme_edit::{add_blank_scheme, add_default_scheme, scheme_rows, SchemeRow};
use crate::route::Route;
use crate::ui::components::fields::navigate;
use crate::ui::components::modal::Modal;
use crate::ui::components::scheme_editor::SchemeEditor;
use crate::ui::state::{AppContext, Notice};

/// Copying a version for a new year: (scheme id, its name, suggested year), the year
/// typed and what is wrong with it.
#[derive(Clone, Copy)]
struct Copying {
    what: RwSignal<Option<(String, String, u16)>>,
    year: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

impl Copying {
    /// Opens the dialog for one version, suggesting the next year.
    fn start(self, id: String, name: String, year: u16) {
        self.year.set((year + 1).to_string());
        self.error.set(None);
        self.what.set(Some((id, name, year + 1)));
    }

    /// Copies the version for the year typed, or says why not.
    fn run(self, ctx: AppContext) {
        let Some((id, name, _)) = self.what.get_untracked() else {
            return;
        };
        let text = self.year.get_untracked();
        let Some(year) = parse_year(&text) else {
            self.error.set(Some(format!(
                "新方案年度「{}」不对，{}，如 2027",
                text.trim(),
                crate::domain::roster::YEAR_HINT
            )));
            return;
        };
        // A year typed wrong (2030 for 2026) makes a scheme no round can use yet.
        if let Some(e) = crate::domain::scheme_edit::year_to_come(year, ctx.this_year()) {
            self.error.set(Some(e));
            return;
        }
        match ctx.update("复制考评方案", |s| {
            copy_scheme_for_year(s, &id, year).ok_or_else(|| format!("找不到考评方案「{name}」"))
        }) {
            Ok(new_id) => {
                let new_name = ctx
                    .state
                    .with_untracked(|s| s.scheme(&new_id).map(|x| x.name.clone()))
                    .unwrap_or_default();
                ctx.notice.set(Some(Notice::info(format!(
                    "已将「{name}」复制为「{new_name}」。"
                ))));
                self.what.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
    }
}

fn new_default(ctx: AppContext) {
    let year = ctx.this_year();
    let now = ctx.now_iso();
    if let Ok(id) = ctx.update("新建默认方案", |s| {
        Ok::<_, String>(add_default_scheme(s, year, &now))
    }) {
        let name = ctx
            .state
            .with_untracked(|s| s.scheme(&id).map(|x| x.name.clone()))
            .unwrap_or_default();
        ctx.notice.set(Some(Notice::info(format!(
            "已新建默认方案「{name}」（100 分，7 个一级指标）。"
        ))));
    }
}

fn new_blank(ctx: AppContext) {
    let year = ctx.this_year();
    let now = ctx.now_iso();
    if let Ok(id) = ctx.update("新建空白方案", |s| {
        Ok::<_, String>(add_blank_scheme(s, year, &now))
    }) {
        ctx.notice
            .set(Some(Notice::info("已新建空白方案，请编写指标后保存。")));
        navigate(&Route::Scheme(id));
    }
}

/// The 考评方案 page.
#[component]
pub fn SchemesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let rows = Memo::new(move |_| ctx.state.with(scheme_rows));
    let copying = Copying {
        what: RwSignal::new(None),
        year: RwSignal::new(String::new()),
        error: RwSignal::new(None),
    };
    let this_years = Memo::new(move |_| {
        let year = ctx.this_year();
        ctx.state.with(|s| {
            s.schemes
                .iter()
                .filter(|x| x.year == year)
                .map(|x| format!("「{}」", x.version_label()))
                .collect::<Vec<_>>()
        })
    });
    let again_open = RwSignal::new(false);
    let again_message = Signal::derive(move || {
        format!(
            "本年度已有考评方案{}。仍要再新建一个默认方案吗？新方案会另起名（加“（2）”等），可在列表中删除。",
            this_years.get().join("、")
        )
    });
    // 删除 of a version no round uses: (id, name), asked first; 撤销 brings it back.
    let deleting = RwSignal::new(None::<(String, String)>);
    let delete_open = RwSignal::new(false);
    let delete_message = Signal::derive(move || {
        deleting.with(|d| {
            d.as_ref()
                .map(|(_, name)| format!("将删除考评方案「{name}」。它还没有用于任何考评轮次；删除后可点“撤销”恢复。"))
                .unwrap_or_default()
        })
    });
    let confirm_delete = Callback::new(move |_| {
        let Some((id, name)) = deleting.get_untracked() else {
            return;
        };
        if ctx
            .update("删除考评方案", |s| {
                crate::domain::delete_scheme(s, &id).map_err(|e| e.to_string())
            })
            .is_ok()
        {
            ctx.keep_scheme_draft(&id, None);
            ctx.notice
                .set(Some(Notice::info(format!("已删除考评方案「{name}」。"))));
        }
    });

    view! {
        <section class="schemes">
            <h1>"考评方案"</h1>
            <p>"每年的考评方案可从上一年复制后修改。已有评分的方案不会被直接修改：保存修改时会生成新版本，原版本及其评分保持不变。"</p>
            <p><button type="button" on:click=move |_| {
                    // A second click (a double-click) made a silent duplicate: asked first
                    // when this year already has a scheme (a clerk's review).
                    if this_years.get_untracked().is_empty() { new_default(ctx) } else { again_open.set(true) }
                }>"新建默认方案"</button>
                <span class="hint">" 按内置的默认方案（100 分）新建本年度方案。"</span></p>
            <p><button type="button" on:click=move |_| new_blank(ctx)>"新建空白方案"</button>
                <span class="hint">" 从一个一级指标、一个二级指标开始，自行编写本年度方案。"</span></p>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"还没有考评方案。点“新建默认方案”开始。"</p> }>
                <table class="scheme-list">
                    <caption class="visually-hidden">"考评方案版本"</caption>
                    <thead><tr>
                        <th scope="col">"方案名称"</th><th scope="col">"所属方案"</th><th scope="col" class="num">"年度"</th>
                        <th scope="col" class="num">"版本"</th><th scope="col" class="num">"满分"</th><th scope="col">"指标"</th>
                        <th scope="col">"评分情况"</th><th scope="col">"操作"</th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| scheme_row(r, copying, deleting, delete_open)).collect_view()}
                    </tbody>
                </table>
            </Show>
            {move || copying.what.get().map(|(_, name, _)| copy_dialog(ctx, copying, name))}
            <crate::ui::components::confirm::ConfirmDialog open=again_open title="确认新建默认方案"
                message=again_message confirm_label="新建" on_confirm=Callback::new(move |_| new_default(ctx)) />
            <crate::ui::components::confirm::ConfirmDialog open=delete_open title="确认删除考评方案"
                message=delete_message confirm_label="删除" on_confirm=confirm_delete />
        </section>
    }
}

/// One version in the list, with its 复制为新方案 button, and 删除 when no round uses it.
fn scheme_row(
    r: SchemeRow,
    copying: Copying,
    deleting: RwSignal<Option<(String, String)>>,
    delete_open: RwSignal<bool>,
) -> impl IntoView {
    // Named with its version: two versions share a name (a clerk's review).
    let (id, name, year) = (
        r.id.clone(),
        format!("{}（第{}版）", r.name, r.version),
        r.year,
    );
    let unused = r.rounds.is_empty();
    let to_delete = (r.id.clone(), r.name.clone());
    let scores = if r.has_scores {
        format!("已有评分（{}）", r.rounds.join("、"))
    } else if r.rounds.is_empty() {
        "尚无评分".to_string()
    } else {
        format!("尚无评分（已用于{}）", r.rounds.join("、"))
    };
    view! {
        <tr>
            <td><a href=Route::Scheme(r.id.clone()).href()>{r.name.clone()}</a></td>
            <td>{r.family_name.clone()}</td>
            <td class="num">{r.year}</td>
            <td class="num">{format!("第{}版", r.version)}</td>
            <td class="num">{r.full_points.to_string()}</td>
            <td>{format!("{} 个一级、{} 个二级", r.dimensions, r.indicators)}</td>
            <td>{scores}</td>
            <td class="actions">
                <button type="button" aria-label=format!("复制为新方案：{}", r.name) on:click=move |_| copying.start(id.clone(), name.clone(), year)>"复制为新方案"</button>
                {unused.then(|| view! {
                    <button type="button" class="danger" aria-label=format!("删除方案：{}", r.name)
                        on:click=move |_| { deleting.set(Some(to_delete.clone())); delete_open.set(true); }>"删除"</button>
                })}
            </td>
        </tr>
    }
}

/// The dialog asking for the new version's year.
fn copy_dialog(ctx: AppContext, copying: Copying, name: String) -> impl IntoView {
    let Copying { what, year, error } = copying;
    view! {
        <Modal labelled_by="copy-title" on_close=Callback::new(move |_| what.set(None))>
            <form on:submit=move |e| { e.prevent_default(); copying.run(ctx); }>
                <h2 id="copy-title">"复制为新方案"</h2>
                <p>{format!("将把「{name}」复制为新年度方案的第 1 版，指标和设置全部保留，之后可以修改。")}</p>
                <label class="field">
                    <span>"新方案年度"</span>
                    <input type="text" inputmode="numeric" prop:value=move || year.get()
                        on:input=move |e| year.set(event_target_value(&e)) />
                </label>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="modal__actions">
                    <button type="submit">"复制"</button>
                    <button type="button" on:click=move |_| what.set(None)>{crate::ui::text::CANCEL}</button>
                </div>
            </form>
        </Modal>
    }
}

/// One scheme version, for viewing and editing.
pub fn scheme_page(id: String) -> AnyView {
    view! { <SchemePage id=id /> }.into_any()
}

#[component]
fn SchemePage(id: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = StoredValue::new(id);
    // The editor is made afresh for the stored version (and when changes are dropped).
    let generation = RwSignal::new(0u32);
    let exists = Memo::new(move |_| ctx.state.with(|s| s.scheme(&id.get_value()).is_some()));
    // The version's scheme, known while it is here: a version undone (撤销 of a save that
    // made it) points to the scheme's version still here (a clerk's review: the page
    // read 找不到考评方案 with no way back but the list).
    let family = StoredValue::new(
        ctx.state
            .with_untracked(|s| s.scheme(&id.get_value()).map(|x| x.family.clone())),
    );
    move || {
        generation.track();
        if !exists.get() {
            let latest = ctx.state.with_untracked(|s| {
                let f = family.get_value()?;
                s.schemes
                    .iter()
                    .filter(|x| x.family == f)
                    .max_by_key(|x| x.version)
                    .map(|x| (x.id.clone(), x.version_label()))
            });
            return view! {
                <section>
                    <h1>"找不到考评方案"</h1>
                    <p>{crate::ui::text::record_gone("考评方案")}</p>
                    {latest.map(|(to, label)| view! {
                        <p>"该方案现有的最新版本："<a href=Route::Scheme(to).href()>{label}</a></p>
                    })}
                    <p><a href=Route::Schemes.href()>"返回考评方案列表"</a></p>
                </section>
            }
            .into_any();
        }
        let scheme = ctx
            .state
            .with_untracked(|s| s.scheme(&id.get_value()).cloned());
        // Changes not yet saved when the person last left the editor come back.
        let kept = ctx.scheme_draft(&id.get_value());
        match scheme {
            Some(s) => {
                view! { <SchemeEditor scheme=s kept=kept generation=generation /> }.into_any()
            }
            None => ().into_any(),
        }
    }
}
