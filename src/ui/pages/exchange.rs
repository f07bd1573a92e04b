//! 数据交换: the committee exports task files (one per unit and assessor of a round)
//! and published results; anyone imports files (several return files at once, or one
//! task, results or backup file), sees per file whether it is accepted and why not, one
//! merged preview with the conflicts to decide, and confirms. A snapshot is taken
//! before every import and can be restored from the list on this page.
//!
//! Everything is computed by `domain::exchange`; this page reads files, shows the
//! verdicts and the preview, and applies through `ctx.update` only on 确认导入.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::copies::{preview_task_copy, CopyEntry};
use crate::domain::exchange::{
    apply, ensure_committee_key, export_all_tasks, export_results, export_to_assessor,
    export_to_unit, file_name, preview, preview_many, ChangeStatus, Decisions, ExchangeError,
    FileVerdict, ImportOptions, PackageKind, Party, Preview, SignatureCheck,
};
use crate::domain::AppState;
use crate::files;
use crate::ui::app::short_time;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::snapshots::SnapshotList;
use crate::ui::state::{AppContext, Notice};

/// Said in the preview when the task already has a copy in this browser.
const COPY_EXISTS: &str = "本浏览器中已有这份任务的副本：确认后将切换到该副本，其中已填写的内容保留，不会被此文件覆盖。如需按此文件重新开始，请先在该副本的“数据管理”中删除副本。";

/// The most changes listed one by one in the preview.
const LISTED_CHANGES: usize = 200;

/// The 数据交换 page.
#[component]
pub fn ExchangePage() -> impl IntoView {
    let ctx = AppContext::get();
    let focused = Memo::new(move |_| ctx.state.with(|s| s.workspace.is_some()));
    view! {
        <section class="exchange">
            <h1>"数据交换"</h1>
            {move || if focused.get() {
                view! { <p>"在这里打开工委发来的文件（新的任务文件或考评结果文件）。导入前会先显示将要发生的变化，确认后才会改动数据，并自动保存一份快照。填好后请在“我的任务”中导出报送文件。"</p> }
            } else {
                view! { <p>"工委与各单位、评委之间用文件交换数据：工委导出任务文件发给单位和评委，对方填好后导出报送文件交回，工委在这里一次导入。导入前会先显示将要发生的变化，确认后才会改动数据，并自动保存一份快照。"</p> }
            }}
            <Show when=move || !focused.get()>
                <ExportPanel />
            </Show>
            <ImportPanel />
            <SnapshotList />
        </section>
    }
}

/// A round as offered in the select.
#[derive(Clone, PartialEq)]
struct RoundChoice {
    id: String,
    name: String,
    published: bool,
}

/// Someone a task file can be made for.
#[derive(Clone, PartialEq)]
struct Recipient {
    party: Party,
    name: String,
    /// When the access code was issued, if it was.
    issued: Option<String>,
}

fn round_choices(s: &AppState) -> Vec<RoundChoice> {
    let mut rs: Vec<(u16, usize, RoundChoice)> = s
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.year,
                i,
                RoundChoice {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    published: r.published,
                },
            )
        })
        .collect();
    // Latest first: by year, then by the order they were made.
    crate::domain::sorting::sort_by_key(&mut rs, |b| std::cmp::Reverse((b.0, b.1)));
    rs.into_iter().map(|x| x.2).collect()
}

fn recipients(s: &AppState, round_id: &str) -> (Vec<Recipient>, Vec<Recipient>) {
    let Some(r) = s.round(round_id) else {
        return (Vec::new(), Vec::new());
    };
    let issued = |p: &Party| {
        s.exchange
            .code_for(round_id, p)
            .map(|c| c.issued_at.clone())
    };
    let units = r
        .unit_ids
        .iter()
        .map(|u| {
            let party = Party::Unit(u.clone());
            Recipient {
                issued: issued(&party),
                name: s
                    .unit(u)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| u.clone()),
                party,
            }
        })
        .collect();
    let assessors = r
        .assessors
        .iter()
        .map(|a| {
            let party = Party::Assessor(a.id.clone());
            Recipient {
                issued: issued(&party),
                name: a.name.clone(),
                party,
            }
        })
        .collect();
    (units, assessors)
}

/// Makes and downloads the task file for `who`. Issuing the access code and recording
/// what the file sent change the data, so every export goes through `ctx.update`; a
/// later one reuses the code.
fn export_task(ctx: AppContext, round_id: &str, who: &Recipient) {
    let now = ctx.now_iso();
    let kind = match who.party {
        Party::Unit(_) => PackageKind::ToUnit,
        _ => PackageKind::ToAssessor,
    };
    let run = |s: &mut AppState, entropy: &[u8]| match &who.party {
        Party::Unit(u) => export_to_unit(s, round_id, u, &now, entropy),
        Party::Assessor(a) => export_to_assessor(s, round_id, a, &now, entropy),
        _ => Err(ExchangeError::Export("只能给单位或评委导出任务文件".into())),
    };
    // A later export reuses the code, but still goes through `ctx.update`: the committee
    // keeps what each task file sent (the conflict rule's base).
    // Entropy every time: a code or the committee's signing key may still be missing.
    let entropy = match files::random_bytes(32) {
        Ok(b) => b,
        Err(e) => {
            ctx.notice.set(Some(Notice::error(e.to_string())));
            return;
        }
    };
    let text = ctx.update(&format!("导出任务文件：{}", who.name), |s| {
        run(s, &entropy)
    });
    match text {
        Ok(text) => {
            // The round and the person in the name: a clerk sends dozens of these.
            let round = ctx
                .state
                .with_untracked(|s| s.round(round_id).map(|r| r.name.clone()))
                .unwrap_or_default();
            let name = file_name(kind, &format!("{round}-{}", who.name), &now);
            match files::download(&name, "application/json", &text) {
                Ok(()) => ctx.notice.set(Some(Notice::info(format!(
                    "已导出任务文件“{name}”。文件中含有{}的访问码，请妥善交给对方本人。",
                    who.party.describe(&who.name)
                )))),
                Err(e) => ctx.notice.set(Some(Notice::error(e.to_string()))),
            }
        }
        Err(e) => ctx.notice.set(Some(Notice::error(e))),
    }
}

/// Makes every task file of a round (issuing the codes not issued yet, as one change
/// that can be undone) and downloads them one after another, with a pause between
/// them so that the browser keeps every one. `progress` shows how far it is.
/// Always a change through `ctx.update`: the committee records what the files sent
/// (the conflict rule's base) and may still need its signing key.
fn export_all(ctx: AppContext, round_id: String, progress: RwSignal<Option<(usize, usize)>>) {
    let now = ctx.now_iso();
    let made = match files::random_bytes(32) {
        Ok(entropy) => ctx.update("导出全部任务文件", |s| {
            export_all_tasks(s, &round_id, &now, &entropy)
        }),
        Err(e) => Err(e.to_string()),
    };
    let task_files = match made {
        Ok(f) => f,
        Err(e) => {
            ctx.notice.set(Some(Notice::error(e)));
            return;
        }
    };
    let total = task_files.len();
    progress.set(Some((0, total)));
    leptos::task::spawn_local(async move {
        for (k, f) in task_files.iter().enumerate() {
            if let Err(e) = files::download(&f.name, "application/json", &f.text) {
                ctx.notice.set(Some(Notice::error(format!(
                    "导出到第 {} 个文件（{}）时出错：{e}。前面 {k} 个文件已下载。",
                    k + 1,
                    f.who
                ))));
                progress.set(None);
                return;
            }
            progress.set(Some((k + 1, total)));
            files::pause(150).await;
        }
        progress.set(None);
        ctx.notice.set(Some(Notice::info(format!(
            "已导出全部 {total} 个任务文件，保存在浏览器的下载文件夹中。每个文件含有对方的访问码，请分别交给本人。"
        ))));
    });
}

/// Makes the committee's signing key before the first results export (kept in the
/// data, so it goes through `ctx.update`). False, with the reason shown, if it cannot.
fn ensure_signing_key(ctx: AppContext) -> bool {
    if ctx.state.with_untracked(|s| s.exchange.key.is_some()) {
        return true;
    }
    let now = ctx.now_iso();
    let made = files::random_bytes(32)
        .map_err(|e| e.to_string())
        .and_then(|entropy| {
            ctx.update("生成工委签名密钥", |s| {
                ensure_committee_key(s, &now, &entropy)
                    .map(|_| ())
                    .ok_or("无法生成签名密钥")
            })
        });
    match made {
        Ok(()) => true,
        Err(e) => {
            ctx.notice.set(Some(Notice::error(e)));
            false
        }
    }
}

/// The committee's exports: task files per unit and assessor of a round, and results.
#[component]
fn ExportPanel() -> impl IntoView {
    let ctx = AppContext::get();
    let rounds = Memo::new(move |_| ctx.state.with(round_choices));
    let chosen = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        let c = chosen.get();
        rounds.with(|rs| {
            rs.iter()
                .find(|r| r.id == c)
                .or_else(|| rs.first())
                .cloned()
        })
    });
    let people = Memo::new(move |_| {
        let rid = current.with(|r| r.as_ref().map(|r| r.id.clone()).unwrap_or_default());
        ctx.state.with(|s| recipients(s, &rid))
    });
    let row = move |who: Recipient| {
        let label = format!("导出任务文件：{}", who.name);
        let note = who
            .issued
            .as_ref()
            .map(|t| format!("已于 {} 发放访问码", short_time(t)))
            .unwrap_or_else(|| "尚未导出".to_string());
        let who = StoredValue::new(who);
        view! {
            <li>
                <button type="button" on:click=move |_| {
                    if let Some(r) = current.get_untracked() {
                        export_task(ctx, &r.id, &who.get_value());
                    }
                }>{label}</button>
                <span class="muted">{note}</span>
            </li>
        }
    };
    let all_open = RwSignal::new(false);
    let all_progress = RwSignal::new(None::<(usize, usize)>);
    let export_published = move |_| {
        if !ensure_signing_key(ctx) {
            return;
        }
        let Some(r) = current.get_untracked() else {
            return;
        };
        let now = ctx.now_iso();
        let out = ctx.state.with_untracked(|s| export_results(s, &r.id, &now));
        let res = out.map_err(|e| e.to_string()).and_then(|text| {
            let name = file_name(PackageKind::Results, &r.name, &now);
            files::download(&name, "application/json", &text)
                .map(|()| name)
                .map_err(|e| e.to_string())
        });
        match res {
            Ok(name) => ctx
                .notice
                .set(Some(Notice::info(format!("已导出考评结果“{name}”。")))),
            Err(e) => ctx.notice.set(Some(Notice::error(e))),
        }
    };
    view! {
        <h2>"导出"</h2>
        {move || if rounds.with(|r| r.is_empty()) {
            view! { <p>"还没有考评轮次。请先在“考评”中新建考评，或在“数据管理”中载入示例数据；单位和评委可在下方“导入”中打开工委发来的任务文件。"</p> }.into_any()
        } else {
            view! {
                <label class="field">
                    <span>"考评轮次"</span>
                    <select on:change=move |e| chosen.set(event_target_value(&e))
                        prop:value=move || current.with(|r| r.as_ref().map(|r| r.id.clone()).unwrap_or_default())>
                        {move || rounds.get().into_iter().map(|r| view! {
                            <option value=r.id.clone()>{r.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <p class="muted">"任务文件含有对方的访问码，对方报送的文件用它签名，工委导入时据此核对来源。同一轮次再次导出时沿用已发放的访问码。"</p>
                <p class="no-print">
                    <button type="button" on:click=move |_| all_open.set(true)
                        disabled=move || all_progress.with(Option::is_some)>
                        {move || format!("导出全部任务文件（{} 个）", people.with(|p| p.0.len() + p.1.len()))}
                    </button>
                    {move || all_progress.get().map(|(done, total)| view! {
                        " "<progress aria-label="正在导出任务文件" max=total value=done></progress>
                        <span role="status">{format!(" 已下载 {done} / {total} 个")}</span>
                    })}
                </p>
                <ConfirmDialog open=all_open title="确认导出全部任务文件"
                    message=Signal::derive(move || people.with(|p| format!(
                        "将一次下载 {} 个文件：{} 个单位的考评任务和 {} 位评委的评分任务，尚未发放的访问码将在此时发放。浏览器可能询问“是否允许此网站下载多个文件”，请选择允许。",
                        p.0.len() + p.1.len(), p.0.len(), p.1.len()
                    )))
                    confirm_label="导出"
                    on_confirm=Callback::new(move |_| {
                        if let Some(r) = current.get_untracked() {
                            export_all(ctx, r.id, all_progress);
                        }
                    }) />
                <div class="exchange__columns">
                    <div>
                        <h3>"发给单位（自评和成果）"</h3>
                        <ul class="export-list" aria-label="发给单位的任务文件">
                            {move || people.get().0.into_iter().map(row).collect_view()}
                        </ul>
                    </div>
                    <div>
                        <h3>"发给评委（评分）"</h3>
                        <ul class="export-list" aria-label="发给评委的任务文件">
                            {move || people.get().1.into_iter().map(row).collect_view()}
                        </ul>
                    </div>
                </div>
                <h3>"考评结果"</h3>
                {move || if current.with(|r| r.as_ref().is_some_and(|r| r.published)) {
                    view! {
                        <p>"导出本轮已发布的结果（排名、得分、等次），发给各单位和评委查看。"</p>
                        <button type="button" on:click=export_published>"导出结果"</button>
                    }.into_any()
                } else {
                    view! { <p class="muted">"本轮结果尚未发布：在“结果”页发布后，可在这里导出结果文件。"</p> }.into_any()
                }}
            }.into_any()
        }}
    }
}

/// What checking the chosen files gave.
#[derive(Clone, PartialEq)]
struct Checked {
    /// Files that could not even be read (too large, unreadable).
    unread: Vec<(String, String)>,
    verdicts: Vec<FileVerdict>,
    preview: Preview,
    /// A task file opened in a copy that has data: it goes into a copy of its own.
    new_copy: Option<CopyEntry>,
}

impl Checked {
    fn accepted(&self) -> usize {
        self.preview.files.len()
    }
    fn overridable(&self) -> bool {
        self.verdicts
            .iter()
            .any(|v| v.result.as_ref().err().is_some_and(|e| e.overridable()))
    }
}

/// Previews the files against `state`: one file on its own (any kind), several as a
/// batch of return files.
fn check(
    state: &AppState,
    chosen: &[(String, Vec<u8>)],
    unread: Vec<(String, String)>,
    opts: ImportOptions,
    now: &str,
) -> Checked {
    if let [(name, bytes)] = chosen {
        let as_copy = preview_task_copy(state, name, bytes, &opts, now);
        let (result, new_copy) = match as_copy {
            Some(Ok((entry, p))) => (Ok(p), Some(entry)),
            Some(Err(e)) => (Err(e), None),
            None => (preview(state, name, bytes, &opts), None),
        };
        match result {
            Ok(p) => {
                let info = p.files.first().cloned().ok_or(ExchangeError::Empty);
                Checked {
                    unread,
                    verdicts: vec![FileVerdict {
                        name: name.clone(),
                        result: info,
                    }],
                    preview: p,
                    new_copy,
                }
            }
            Err(e) => {
                let batch = preview_many(state, &[], &opts);
                Checked {
                    unread,
                    verdicts: vec![FileVerdict {
                        name: name.clone(),
                        result: Err(e),
                    }],
                    preview: batch.merged,
                    new_copy: None,
                }
            }
        }
    } else {
        let batch = preview_many(state, chosen, &opts);
        Checked {
            unread,
            verdicts: batch.verdicts,
            preview: batch.merged,
            new_copy: None,
        }
    }
}

/// Choosing files, the progress while they are read and checked, the verdicts, the
/// merged preview with conflicts, and 确认导入 / 取消.
#[component]
fn ImportPanel() -> impl IntoView {
    let ctx = AppContext::get();
    let chosen: StoredValue<Vec<(String, Vec<u8>)>> = StoredValue::new(Vec::new());
    let unread: StoredValue<Vec<(String, String)>> = StoredValue::new(Vec::new());
    let progress = RwSignal::new(None::<(usize, usize, String)>);
    let accept_unverified = RwSignal::new(false);
    let checked = RwSignal::new(None::<Checked>);
    let take_file = RwSignal::new(BTreeSet::<String>::new());
    // Access codes and keys a backup would change: confirmed on their own.
    let confirm_security = RwSignal::new(false);
    let snapshot_error = RwSignal::new(String::new());
    let snapshot_open = RwSignal::new(false);
    let dragging = RwSignal::new(false);

    let recheck = move || {
        let opts = ImportOptions {
            accept_unverified: accept_unverified.get_untracked(),
        };
        let now = ctx.now_iso();
        let mut result = chosen.with_value(|files| {
            ctx.state
                .with_untracked(|s| check(s, files, unread.get_value(), opts, &now))
        });
        if result
            .new_copy
            .as_ref()
            .is_some_and(|e| ctx.copy_exists(&e.id))
        {
            result.preview.notes.push(COPY_EXISTS.to_string());
        }
        take_file.set(BTreeSet::new());
        confirm_security.set(false);
        checked.set(Some(result));
    };

    let reset = move || {
        chosen.set_value(Vec::new());
        unread.set_value(Vec::new());
        checked.set(None);
        take_file.set(BTreeSet::new());
        confirm_security.set(false);
        accept_unverified.set(false);
    };

    let start = move |list: Vec<web_sys::File>| {
        if list.is_empty() || progress.get_untracked().is_some() {
            return;
        }
        reset();
        leptos::task::spawn_local(async move {
            let total = list.len();
            let mut read = Vec::new();
            let mut failed = Vec::new();
            for (i, f) in list.iter().enumerate() {
                progress.set(Some((i, total + 1, format!("正在读取“{}”", f.name()))));
                files::yield_to_browser().await;
                match files::read_bytes(f).await {
                    Ok(b) => read.push((f.name(), b)),
                    Err(e) => failed.push((f.name(), e.to_string())),
                }
            }
            progress.set(Some((total, total + 1, "正在检查文件内容".to_string())));
            files::yield_to_browser().await;
            chosen.set_value(read);
            unread.set_value(failed);
            recheck();
            progress.set(None);
        });
    };

    let on_input = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let list = files::chosen_files(&input);
        // Reset so the same files can be chosen again.
        input.set_value("");
        start(list);
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let mut list = Vec::new();
        if let Some(fl) = ev.data_transfer().and_then(|d| d.files()) {
            for i in 0..fl.length() {
                if let Some(f) = fl.get(i) {
                    list.push(f);
                }
            }
        }
        start(list);
    };

    let apply_now = move || {
        let Some(c) = checked.get_untracked() else {
            return;
        };
        let decisions = Decisions {
            take_file: take_file.get_untracked(),
            confirm_security: confirm_security.get_untracked(),
        };
        if let Some(entry) = c.new_copy.clone() {
            // Into a copy of its own: this copy's data is not touched.
            let opened = apply(&AppState::default(), &c.preview, &decisions)
                .map_err(|e| e.to_string())
                .and_then(|next| ctx.open_task_copy(entry, &next).map_err(|e| e.to_string()));
            if let Err(e) = opened {
                ctx.notice
                    .set(Some(Notice::error(format!("任务副本没有建立：{e}"))));
            }
            return;
        }
        let names: Vec<String> = c.preview.files.iter().map(|f| f.name.clone()).collect();
        let opens_task = c
            .preview
            .files
            .iter()
            .any(|f| matches!(f.kind, PackageKind::ToUnit | PackageKind::ToAssessor));
        let counts = summary_line(&c.preview, &decisions);
        // A results file adds no records to count: say what it brought instead.
        let results_saved: Vec<String> = c.preview.results_saved_line().into_iter().collect();
        let what = format!("导入文件：{}", names.join("、"));
        if ctx
            .update(&what, |s| {
                apply(s, &c.preview, &decisions).map(|next| *s = next)
            })
            .is_ok()
        {
            reset();
            let text = if results_saved.is_empty() {
                format!(
                    "已导入 {} 个文件：{counts}。导入前的数据已存为快照，可在“快照”中恢复，也可点“撤销”。",
                    names.len()
                )
            } else {
                format!(
                    "{}，可在“我的任务”中查看。导入前的数据已存为快照，也可点“撤销”。",
                    results_saved.join("；")
                )
            };
            ctx.notice.set(Some(Notice::info(text)));
            if opens_task || !results_saved.is_empty() {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash("#/");
                }
            }
        }
    };

    let confirm = move |_| {
        let Some(noop) = checked.with_untracked(|c| c.as_ref().map(|c| c.preview.is_noop())) else {
            return;
        };
        if checked.with_untracked(|c| c.as_ref().is_some_and(|c| c.new_copy.is_some())) {
            // Nothing here changes, so no snapshot is needed.
            apply_now();
            return;
        }
        if noop {
            reset();
            ctx.notice.set(Some(Notice::info(
                "所选文件中的数据与本机相同，没有需要导入的内容，数据未改变。",
            )));
            return;
        }
        let names = checked.with_untracked(|c| {
            c.as_ref()
                .map(|c| {
                    c.preview
                        .files
                        .iter()
                        .map(|f| f.name.clone())
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default()
        });
        match ctx.snapshot(&format!("导入前：{names}")) {
            Ok(()) => apply_now(),
            Err(e) => {
                snapshot_error.set(e);
                snapshot_open.set(true);
            }
        }
    };
    let snapshot_message = Signal::derive(move || {
        format!(
            "{} 如果仍然导入，导入前的数据将不能从快照恢复（仍可立即点“撤销”退回，或先取消并“导出备份”）。",
            snapshot_error.get()
        )
    });

    view! {
        <h2>"导入"</h2>
        {move || if ctx.state.with(|s| s.workspace.is_some()) {
            view! { <p>"选择工委发来的任务文件或考评结果文件。"</p> }
        } else {
            view! { <p>"可一次选择多个单位和评委的报送文件；任务文件、结果文件和备份请单独导入。"</p> }
        }}
        <div class="dropzone" class:dropzone--over=move || dragging.get()
            on:dragover=move |e: web_sys::DragEvent| { e.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="file-button">
                <span>"选择要导入的文件"</span>
                <input type="file" multiple accept=".json,application/json" on:change=on_input
                    disabled=move || progress.get().is_some() />
            </label>
            <p class="muted">"也可以把文件拖放到这里。"</p>
        </div>
        {move || progress.get().map(|(done, total, what)| view! {
            <div class="exchange__progress" role="status">
                <progress aria-label="正在读取和检查文件" max=total.to_string() value=done.to_string()></progress>
                <span>{what}</span>
            </div>
        })}
        {move || checked.get().map(|c| {
            let overridable = c.overridable();
            let accepted = c.accepted();
            let needs_security = !c.preview.security.is_empty();
            view! {
                <h3>"文件检查结果"</h3>
                <ul class="verdicts" aria-label="文件检查结果">
                    {c.unread.iter().map(|(name, why)| view! {
                        <li class="verdict verdict--refused">
                            <strong>{name.clone()}</strong>"：未接受。"{why.clone()}
                        </li>
                    }).collect_view()}
                    {c.verdicts.iter().map(verdict_item).collect_view()}
                </ul>
                {(overridable || accept_unverified.get_untracked()).then(|| view! {
                    <div class="exchange__override">
                        <p>"有文件未通过签名验证：无法确认它确实由对方用工委发放的访问码导出，可能被改动或冒名。只有在确认文件来源可靠时才导入。"</p>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || accept_unverified.get()
                                on:change=move |e| { accept_unverified.set(event_target_checked(&e)); recheck(); } />
                            <span>"仍然导入未通过验证的文件"</span>
                        </label>
                    </div>
                })}
                {(accepted > 0).then(|| preview_view(&c.preview, take_file))}
                {(accepted > 0 && !c.preview.security.is_empty()).then(|| view! {
                    <div class="exchange__override">
                        <p>"此文件会更换下列访问码或签名密钥。换掉以后，只有持新访问码的人导出的文件才能通过签名验证。请逐项核对，确认来源可靠再导入："</p>
                        <ul class="warnings" aria-label="访问码和签名密钥的变化">
                            {c.preview.security.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                        </ul>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || confirm_security.get()
                                on:change=move |e| confirm_security.set(event_target_checked(&e)) />
                            <span>"我已核对，确认更换上述访问码和签名密钥"</span>
                        </label>
                    </div>
                })}
                <div class="exchange__actions">
                    <button type="button"
                        disabled=move || accepted == 0 || (needs_security && !confirm_security.get())
                        on:click=confirm>"确认导入"</button>
                    <button type="button" on:click=move |_| reset()>"取消"</button>
                </div>
            }
        })}
        <ConfirmDialog open=snapshot_open title=crate::ui::text::SNAPSHOT_NOT_KEPT message=snapshot_message
            confirm_label="仍然导入" on_confirm=Callback::new(move |_| apply_now()) />
    }
}

fn verdict_item(v: &FileVerdict) -> impl IntoView {
    match &v.result {
        Ok(info) => {
            let sig = match &info.signature {
                SignatureCheck::NotRequired => String::new(),
                SignatureCheck::Verified => "，签名已验证".to_string(),
                SignatureCheck::Overridden(why) => format!("，未通过验证但选择仍然导入（{why}）"),
            };
            let round = info
                .round
                .as_ref()
                .map(|r| format!("，考评轮次「{}」", r.name))
                .unwrap_or_default();
            // Who it is from as this copy knows it; the file's own name and time are
            // claims and said to be.
            let when = if info.made_at_is_time() {
                format!("文件所写的导出时间 {}", short_time(&info.made_at))
            } else {
                format!("文件所写的导出时间「{}」无法识别", info.made_at)
            };
            let claim = info
                .claim_note()
                .map(|c| format!("；{c}"))
                .unwrap_or_default();
            let text = format!(
                "：已接受。{}（{}；{when}{claim}{round}{sig}）",
                info.kind.label(),
                info.identity(),
            );
            view! {
                <li class="verdict verdict--accepted">
                    <strong>{v.name.clone()}</strong>{text}
                </li>
            }
            .into_any()
        }
        Err(e) => {
            let flag = if e.overridable() {
                "（未通过验证）"
            } else {
                ""
            };
            view! {
                <li class="verdict verdict--refused">
                    <strong>{v.name.clone()}</strong>{format!("：未接受{flag}。{e}")}
                </li>
            }
            .into_any()
        }
    }
}

/// `新增 3 项、修改 2 项`, counting conflicts by the decisions.
fn summary_line(p: &Preview, d: &Decisions) -> String {
    let mut added = 0;
    let mut changed = 0;
    let mut kept = 0;
    for c in &p.changes {
        match c.status {
            ChangeStatus::Added => added += 1,
            ChangeStatus::Changed => changed += 1,
            ChangeStatus::Conflict if d.take_file.contains(&c.key) => changed += 1,
            ChangeStatus::Conflict | ChangeStatus::Stale => kept += 1,
            ChangeStatus::Unchanged => {}
        }
    }
    let mut parts = vec![format!("新增 {added} 项"), format!("修改 {changed} 项")];
    if kept > 0 {
        parts.push(format!("保留本机 {kept} 项"));
    }
    if !p.removed.is_empty() {
        parts.push(format!("删除 {} 项", p.removed.len()));
    }
    parts.join("、")
}

/// The merged preview: notes, warnings, counts per record type, the list of changes
/// and a choice per conflict.
fn preview_view(p: &Preview, take_file: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let groups = p.groups();
    let replaces = p.replaces_state;
    let file_name_of = |i: usize| p.files.get(i).map(|f| f.name.clone()).unwrap_or_default();
    let listed: Vec<String> = p
        .changes
        .iter()
        .filter(|c| c.status != ChangeStatus::Unchanged)
        .map(|c| {
            format!(
                "{}：{}（{}）",
                c.status.label(),
                c.label,
                file_name_of(c.file)
            )
        })
        .chain(p.removed.iter().map(|(_, label)| format!("删除：{label}")))
        .collect();
    let more = listed.len().saturating_sub(LISTED_CHANGES);
    let conflicts: Vec<(String, String, String)> = p
        .conflicts()
        .map(|c| (c.key.clone(), c.label.clone(), file_name_of(c.file)))
        .collect();
    view! {
        <h3>"导入预览"</h3>
        {p.is_noop().then(|| view! {
            <p class="exchange__noop" role="status">"所选文件中的数据与本机相同，没有需要导入的内容。"</p>
        })}
        {(!p.notes.is_empty()).then(|| view! {
            <ul class="notes">{p.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        })}
        {(!p.warnings.is_empty()).then(|| view! {
            <ul class="warnings" aria-label="注意">{p.warnings.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        })}
        <div class="table-wrap">
            <table class="exchange__summary" aria-label="各类记录的变化">
                <thead>
                    <tr>
                        <th scope="col">"类别"</th>
                        <th scope="col" class="num">"新增"</th>
                        <th scope="col" class="num">"修改"</th>
                        <th scope="col" class="num">"无变化"</th>
                        <th scope="col" class="num">"本机的较新"</th>
                        <th scope="col" class="num">"冲突"</th>
                        {replaces.then(|| view! { <th scope="col" class="num">"删除"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {groups.into_iter().map(|(t, g)| view! {
                        <tr>
                            <th scope="row">{t.label()}</th>
                            <td class="num">{g.added}</td>
                            <td class="num">{g.changed}</td>
                            <td class="num">{g.unchanged}</td>
                            <td class="num">{g.stale}</td>
                            <td class="num">{g.conflicting}</td>
                            {replaces.then(|| view! { <td class="num">{g.removed}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!listed.is_empty()).then(|| view! {
            <h4>"变化明细"</h4>
            <ul class="changes" aria-label="变化明细">
                {listed.into_iter().take(LISTED_CHANGES).map(|l| view! { <li>{l}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li>{format!("……另有 {more} 项")}</li> })}
            </ul>
        })}
        {(!conflicts.is_empty()).then(|| view! {
            <h4>"冲突：请逐项选择"</h4>
            <p>"以下记录在工委下发任务之后，本机和对方都改过。默认保留本机的版本。"</p>
            {conflicts.into_iter().enumerate().map(|(i, (key, label, file))| {
                let key = StoredValue::new(key);
                let name = format!("conflict-{i}");
                let legend = format!("{label}（文件“{file}”）");
                view! {
                    <fieldset class="conflict">
                        <legend>{legend}</legend>
                        <label class="check">
                            <input type="radio" name=name.clone()
                                prop:checked=move || !take_file.with(|t| t.contains(&key.get_value()))
                                on:change=move |_| take_file.update(|t| { t.remove(&key.get_value()); }) />
                            <span>"保留本机"</span>
                        </label>
                        <label class="check">
                            <input type="radio" name=name
                                prop:checked=move || take_file.with(|t| t.contains(&key.get_value()))
                                on:change=move |_| take_file.update(|t| { t.insert(key.get_value()); }) />
                            <span>"采用文件"</span>
                        </label>
                    </fieldset>
                }
            }).collect_view()}
        })}
    }
}
