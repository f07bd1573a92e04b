//! 数据交换's import: choosing files (or dropping them), the progress while they are
//! read and checked, the verdict on each, the merged preview with the conflicts to
//! decide, and 确认导入 / 取消. A task file opened where there is already data goes into
//! a copy of its own (`domain::copies`). Everything is computed by `domain::exchange`;
//! this applies through `ctx.update` only on 确认导入.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::copies::{preview_task_copy, CopyEntry};
use crate::domain::exchange::{
    apply, preview, preview_many, record_receipts, unrecorded_receipts, Decisions, ExchangeError,
    FileVerdict, ImportOptions, PackageKind, Preview, SignatureCheck,
};
use crate::domain::AppState;
use crate::files;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::fields::navigate;
use crate::ui::components::import_preview::{preview_view, summary_line, verdict_item};
use crate::ui::state::{AppContext, Notice};

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
    exists: impl Fn(&str) -> bool,
) -> Checked {
    if let [(name, bytes)] = chosen {
        let as_copy = preview_task_copy(state, name, bytes, &opts, now, exists);
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

/// Applies a checked import: into a copy of its own for a task file opened where there
/// is data, otherwise through `ctx.update` with the notice saying what came in. True when
/// the panel can be cleared.
fn apply_checked(ctx: AppContext, c: &Checked, decisions: &Decisions) -> bool {
    if let Some(entry) = c.new_copy.clone() {
        // Into a copy of its own: this copy's data is not touched.
        let opened = apply(&AppState::default(), &c.preview, decisions)
            .map_err(|e| e.to_string())
            .and_then(|next| ctx.open_task_copy(entry, &next).map_err(|e| e.to_string()));
        if let Err(e) = opened {
            ctx.notice
                .set(Some(Notice::error(format!("任务副本没有建立：{e}"))));
        }
        return false;
    }
    let names: Vec<String> = c.preview.files.iter().map(|f| f.name.clone()).collect();
    let opens_task = c
        .preview
        .files
        .iter()
        .any(|f| matches!(f.kind, PackageKind::ToUnit | PackageKind::ToAssessor));
    let counts = ctx
        .state
        .with_untracked(|s| summary_line(&c.preview, decisions, s));
    // A results file adds no records to count: say what it brought instead.
    let results_saved: Vec<String> = c.preview.results_saved_line().into_iter().collect();
    let what = format!("导入文件：{}", names.join("、"));
    // The snapshot before an import is skipped when there was no data (`snapshot`).
    let kept = if ctx.state.with_untracked(|s| *s == AppState::default()) {
        "也可点“撤销”。"
    } else {
        "导入前的数据已存为快照，可在“快照”中恢复，也可点“撤销”。"
    };
    if ctx
        .update(&what, |s| {
            apply(s, &c.preview, decisions).map(|next| *s = next)
        })
        .is_err()
    {
        return false;
    }
    // Taken in by the person's choice though not verified: said again once imported (a
    // clerk's review: the message read as for verified files alone).
    let unverified: Vec<&str> = c
        .preview
        .files
        .iter()
        .filter(|f| matches!(f.signature, SignatureCheck::Overridden(_)))
        .map(|f| f.name.as_str())
        .collect();
    let unverified = if unverified.is_empty() {
        String::new()
    } else {
        format!(
            "其中「{}」未通过身份核对，是按您的选择导入的，请向对方核实。",
            unverified.join("」「")
        )
    };
    let text = if results_saved.is_empty() {
        format!(
            "已导入 {} 个文件：{counts}。{unverified}{kept}",
            names.len()
        )
    } else {
        format!(
            "{}，可在“我的任务”中查看。{unverified}{kept}",
            results_saved.join("；")
        )
    };
    ctx.notice.set(Some(Notice::info(text)));
    if opens_task || !results_saved.is_empty() {
        navigate(&crate::route::Route::Dashboard);
    }
    true
}

/// The import's state, shared by its steps: the files read, the progress, the checked
/// preview and the person's answers.
#[derive(Clone, Copy)]
struct Import {
    ctx: AppContext,
    chosen: StoredValue<Vec<(String, Vec<u8>)>>,
    unread: StoredValue<Vec<(String, String)>>,
    progress: RwSignal<Option<(usize, usize, String)>>,
    accept_unverified: RwSignal<bool>,
    checked: RwSignal<Option<Checked>>,
    take_file: RwSignal<BTreeSet<String>>,
    // Access codes and keys a backup would change: confirmed on their own.
    confirm_security: RwSignal<bool>,
    snapshot_error: RwSignal<String>,
    snapshot_open: RwSignal<bool>,
}

impl Import {
    fn new(ctx: AppContext) -> Self {
        Import {
            ctx,
            chosen: StoredValue::new(Vec::new()),
            unread: StoredValue::new(Vec::new()),
            progress: RwSignal::new(None),
            accept_unverified: RwSignal::new(false),
            checked: RwSignal::new(None),
            take_file: RwSignal::new(BTreeSet::new()),
            confirm_security: RwSignal::new(false),
            snapshot_error: RwSignal::new(String::new()),
            snapshot_open: RwSignal::new(false),
        }
    }

    /// Checks the files read against the data as it is now.
    fn recheck(self) {
        let ctx = self.ctx;
        let opts = ImportOptions {
            accept_unverified: self.accept_unverified.get_untracked(),
            today: crate::domain::dates::parse_date(&ctx.today()),
        };
        let now = ctx.now_iso();
        let result = self.chosen.with_value(|files| {
            ctx.state.with_untracked(|s| {
                check(s, files, self.unread.get_value(), opts, &now, |id| {
                    ctx.copy_exists(id)
                })
            })
        });
        self.take_file.set(BTreeSet::new());
        self.confirm_security.set(false);
        self.checked.set(Some(result));
    }

    fn reset(self) {
        self.chosen.set_value(Vec::new());
        self.unread.set_value(Vec::new());
        self.checked.set(None);
        self.take_file.set(BTreeSet::new());
        self.confirm_security.set(false);
        self.accept_unverified.set(false);
    }

    /// Reads the files one by one (showing progress), then checks them.
    async fn read_files(self, list: Vec<web_sys::File>) {
        let progress = self.progress;
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
        self.chosen.set_value(read);
        self.unread.set_value(failed);
        self.recheck();
        progress.set(None);
        // The person goes on at the results of the files they chose.
        crate::ui::components::fields::focus_when_drawn(CHECKED_HEADING);
    }

    fn apply_now(self) {
        if let Some(c) = self.checked.get_untracked() {
            let decisions = Decisions {
                take_file: self.take_file.get_untracked(),
                confirm_security: self.confirm_security.get_untracked(),
            };
            if apply_checked(self.ctx, &c, &decisions) {
                self.reset();
            }
        }
    }

    /// 确认导入: a snapshot first (or the question whether to go on without one), then
    /// the import; nothing to do when the files hold what is here already.
    fn confirm(self) {
        let (ctx, checked) = (self.ctx, self.checked);
        let Some(noop) = checked.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.preview.is_noop().then(|| c.preview.noop_message()))
        }) else {
            return;
        };
        if checked.with_untracked(|c| c.as_ref().is_some_and(|c| c.new_copy.is_some())) {
            // Nothing here changes, so no snapshot is needed.
            self.apply_now();
            return;
        }
        // A tab that may not write takes no snapshot either (a review: while held for
        // lost rounds, one was written of the data without them, pushing out an older
        // one) and records no receipt.
        if ctx.refused_now() {
            return;
        }
        if let Some(message) = noop {
            let files = checked.with_untracked(|c| {
                c.as_ref()
                    .map(|c| c.preview.files.clone())
                    .unwrap_or_default()
            });
            self.reset();
            // A return that brings nothing new still came in: it is recorded.
            let newly = ctx.state.with_untracked(|s| unrecorded_receipts(s, &files));
            let recorded = newly > 0
                && ctx
                    .update("记录收到报送文件", |s| {
                        record_receipts(s, &files);
                        Ok::<_, String>(())
                    })
                    .is_ok();
            let text = if recorded {
                format!("{message}已记为收到报送文件 {newly} 份，其他数据未改变。")
            } else {
                format!("{message}数据未改变。")
            };
            ctx.notice.set(Some(Notice::info(text)));
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
            Ok(()) => self.apply_now(),
            Err(e) => {
                self.snapshot_error.set(e);
                self.snapshot_open.set(true);
            }
        }
    }
}

/// Choosing files, the progress while they are read and checked, the verdicts, the
/// merged preview with conflicts, and 确认导入 / 取消.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = AppContext::get();
    let im = Import::new(ctx);
    let Import {
        progress,
        accept_unverified,
        checked,
        take_file,
        confirm_security,
        snapshot_error,
        snapshot_open,
        ..
    } = im;

    let start = Callback::new(move |list: Vec<web_sys::File>| {
        if list.is_empty() || progress.get_untracked().is_some() {
            return;
        }
        im.reset();
        leptos::task::spawn_local(im.read_files(list));
    });
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
        <FileDrop busy=Signal::derive(move || progress.get().is_some()) on_files=start />
        {move || progress.get().map(|(done, total, what)| view! {
            <div class="exchange__progress" role="status">
                <progress aria-label="正在读取和检查文件" max=total.to_string() value=done.to_string()></progress>
                <span>{what}</span>
            </div>
        })}
        {move || checked.get().map(|c| view! {
            <CheckedView c accept_unverified take_file confirm_security
                on_recheck=Callback::new(move |_| im.recheck())
                on_confirm=Callback::new(move |_| im.confirm())
                on_cancel=Callback::new(move |_| im.reset()) />
        })}
        <ConfirmDialog open=snapshot_open title=crate::ui::text::SNAPSHOT_NOT_KEPT message=snapshot_message
            confirm_label="仍然导入" on_confirm=Callback::new(move |_| im.apply_now()) />
    }
}

/// The id of the 文件检查结果 heading.
const CHECKED_HEADING: &str = "import-checked";

/// The verdict on each file, the override and security questions, the merged preview,
/// and 确认导入 / 取消.
#[component]
fn CheckedView(
    c: Checked,
    accept_unverified: RwSignal<bool>,
    take_file: RwSignal<BTreeSet<String>>,
    confirm_security: RwSignal<bool>,
    on_recheck: Callback<()>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let overridable = c.overridable();
    let accepted = c.accepted();
    let needs_security = !c.preview.security.is_empty();
    // Said to a screen reader when the check ends (the list itself is not a live region).
    let refused = c.unread.len() + c.verdicts.iter().filter(|v| v.result.is_err()).count();
    let summary = format!("文件检查完成：{accepted}个文件已接受，{refused}个未接受。");
    view! {
        <h3 id=CHECKED_HEADING tabindex="-1">"文件检查结果"</h3>
        <p class="visually-hidden" role="status">{summary}</p>
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
                <p>"有文件未通过身份核对（原因见上），无法确认它确实来自所写的发件方，可能被改动或冒名。只有在确认文件来源可靠时才导入。"</p>
                <label class="check">
                    <input type="checkbox" prop:checked=move || accept_unverified.get()
                        on:change=move |e| { accept_unverified.set(event_target_checked(&e)); on_recheck.run(()); } />
                    <span>"仍然导入未通过验证的文件"</span>
                </label>
            </div>
        })}
        {(accepted > 0).then(|| {
            let ctx = crate::ui::state::AppContext::get();
            ctx.state.with_untracked(|s| preview_view(&c.preview, s, take_file))
        })}
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
        // A greyed button says why (a clerk's review: it did not).
        {(accepted == 0).then(|| view! {
            <p class="muted">"没有可以导入的文件，本机数据不会改动。请按上面写明的原因处理（如请对方重新导出），再重新选择文件。"</p>
        })}
        <div class="exchange__actions">
            <button type="button"
                disabled=move || accepted == 0 || (needs_security && !confirm_security.get())
                on:click=move |_| on_confirm.run(())>"确认导入"</button>
            <button type="button" on:click=move |_| on_cancel.run(())>"取消"</button>
        </div>
    }
}

/// Choosing files or dropping them here; `busy` while they are read.
#[component]
fn FileDrop(busy: Signal<bool>, on_files: Callback<Vec<web_sys::File>>) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_input = move |ev: leptos::ev::Event| {
        on_files.run(files::take_chosen(&ev));
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
        on_files.run(list);
    };
    view! {
        <div class="dropzone" class:dropzone--over=move || dragging.get()
            on:dragover=move |e: web_sys::DragEvent| { e.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="file-button">
                <span>"选择要导入的文件"</span>
                <input type="file" multiple accept=".json,application/json" on:change=on_input
                    disabled=move || busy.get() />
            </label>
            <p class="muted">"也可以把文件拖放到这里。"</p>
        </div>
    }
}
