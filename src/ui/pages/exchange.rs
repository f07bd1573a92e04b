//! 数据交换: the committee exports task files (one per unit and assessor of a round)
//! and published results; anyone imports files (several return files at once, or one
//! task, results or backup file), sees per file whether it is accepted and why not, one
//! merged preview with the conflicts to decide, and confirms. A snapshot is taken
//! before every import and can be restored from the list on this page.
//!
//! Everything is computed by `domain::exchange`; this page reads files, shows the
//! verdicts and the preview, and applies through `ctx.update` only on 确认导入.

use leptos::prelude::*;

use crate::domain::exchange::{
    ensure_committee_key, export_all_tasks, export_results, export_to_assessor, export_to_unit,
    file_name, ExchangeError, PackageKind, Party,
};
use crate::domain::AppState;
use crate::files;
use crate::route::Route;
use crate::ui::app::local_time;
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::components::import_panel::ImportPanel;
use crate::ui::components::snapshots::SnapshotList;
use crate::ui::state::{AppContext, Notice};

/// The 数据交换 page.
#[component]
pub fn ExchangePage(
    /// The round chosen for export when the page opens (else the latest).
    #[prop(optional)]
    round: Option<String>,
) -> impl IntoView {
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
                <ExportPanel round=round.clone() />
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
    /// The last task file sent carried another scheme version (更换考评方案 since).
    outdated: bool,
    /// Whose return files came in (`；已收到报送文件 2 份…`), once a code was issued (a
    /// clerk's review: collecting files, they looked here, and it was only on the round
    /// page).
    received: String,
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
    let received = |p: &Party| match issued(p) {
        Some(_) => crate::domain::exchange::received_count_line(s, round_id, p),
        None => String::new(),
    };
    let units = r
        .unit_ids
        .iter()
        .map(|u| {
            let party = Party::Unit(u.clone());
            Recipient {
                issued: issued(&party),
                received: received(&party),
                outdated: s.exchange.sent_with_another_scheme(r, &party),
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
                received: received(&party),
                outdated: s.exchange.sent_with_another_scheme(r, &party),
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

/// The round chosen for export (the first when none is chosen).
type Current = Memo<Option<RoundChoice>>;

/// One recipient's export button and whether their access code was issued.
fn recipient_row(ctx: AppContext, current: Current, who: Recipient) -> impl IntoView {
    let label = format!("导出任务文件：{}", who.name);
    let note = who
        .issued
        .as_ref()
        .map(|t| format!("已于 {} 发放访问码{}", local_time(t), who.received))
        .unwrap_or_else(|| "尚未导出".to_string());
    let outdated = who.outdated;
    let who = StoredValue::new(who);
    view! {
        <li>
            <button type="button" on:click=move |_| {
                if let Some(r) = current.get_untracked() {
                    export_task(ctx, &r.id, &who.get_value());
                }
            }>{label}</button>
            <span class="muted">{note}</span>
            {outdated.then(|| view! { <span class="warning">{OUTDATED_TASK}</span> })}
        </li>
    }
}

/// Said beside a party whose last task file carried the scheme version the round no
/// longer uses.
const OUTDATED_TASK: &str =
    "　已发出的任务文件是按更换前的考评方案做的，按它填写的报送文件将被拒收，请重新导出发给对方";

/// Downloads the chosen round's published results, signed.
fn export_published(ctx: AppContext, current: Current) {
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
}

/// 导出全部任务文件: the button, its progress (files done, of) and its confirmation.
fn export_all_control(
    ctx: AppContext,
    current: Current,
    people: Memo<(Vec<Recipient>, Vec<Recipient>)>,
    all_open: RwSignal<bool>,
    all_progress: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    view! {
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
    }
}

/// The committee's exports: task files per unit and assessor of a round, and results.
#[component]
fn ExportPanel(round: Option<String>) -> impl IntoView {
    let ctx = AppContext::get();
    let rounds = Memo::new(move |_| ctx.state.with(round_choices));
    let chosen = RwSignal::new(round.unwrap_or_default());
    let current: Current = Memo::new(move |_| {
        let c = chosen.get();
        rounds.with(|rs| {
            rs.iter()
                .find(|r| r.id == c)
                .or_else(|| rs.first())
                .cloned()
        })
    });
    // Why the chosen round's published results cannot be exported now, if they cannot.
    let results_refusal = Memo::new(move |_| {
        let id = current.with(|r| r.as_ref().filter(|r| r.published).map(|r| r.id.clone()))?;
        let now = ctx.now_iso();
        ctx.state
            .with(|s| export_results(s, &id, &now).err().map(|e| e.to_string()))
    });
    let people = Memo::new(move |_| {
        let rid = current.with(|r| r.as_ref().map(|r| r.id.clone()).unwrap_or_default());
        ctx.state.with(|s| recipients(s, &rid))
    });
    let row = move |who: Recipient| recipient_row(ctx, current, who);
    // Outside the re-rendered part: an open dialog and an export in progress stay.
    let all_open = RwSignal::new(false);
    let all_progress = RwSignal::new(None::<(usize, usize)>);
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
                {move || current.with(|r| r.as_ref().is_some_and(|r| r.published)).then(|| view! {
                    <p class="warning" role="note">"本轮结果已经发布：这时再发的任务文件一般只供对方查阅；交回的报送文件导入后会改动本轮的数据，结果须重新发布（导入时会提示）。要发下一年度的任务，请先在“考评”中新建考评，再在上面选择该轮次。"</p>
                })}
                {move || {
                    let n = people.with(|(u, a)| u.iter().chain(a).filter(|w| w.outdated).count());
                    (n > 0).then(|| view! {
                        <p class="warning" role="note">{format!(
                            "本轮更换了考评方案：已发出的 {n} 份任务文件是按原方案做的（下面标出），对方按它填写的报送文件将被拒收。请重新导出这些任务文件发给对方（访问码不变）。"
                        )}</p>
                    })
                }}
                {export_all_control(ctx, current, people, all_open, all_progress)}
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
                    // Results changed since publishing cannot be exported: said here,
                    // before the click, not in the banner far above (a clerk's review:
                    // the button seemed to do nothing).
                    match results_refusal.get() {
                        Some(why) => view! {
                            <p class="warning" role="note">{why}" "
                                <a href=move || current.with(|r| Route::Results(r.as_ref().map(|r| r.id.clone())).href())>"去“结果”页"</a>
                            </p>
                        }.into_any(),
                        None => view! {
                            <p>"导出本轮已发布的结果（排名、得分、等次），发给各单位和评委查看。"</p>
                            <button type="button" on:click=move |_| export_published(ctx, current)>"导出结果"</button>
                        }.into_any(),
                    }
                } else {
                    view! { <p class="muted">"本轮结果尚未发布：在“结果”页发布后，可在这里导出结果文件。"</p> }.into_any()
                }}
            }.into_any()
        }}
    }
}
