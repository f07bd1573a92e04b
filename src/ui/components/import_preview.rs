//! How an import is shown before it is confirmed: the verdict on each file, the counts
//! line, and the merged preview (notes, warnings, counts per record type, the changes
//! and a choice per conflict).

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::exchange::{
    unrecorded_receipts, ChangeStatus, Decisions, FileVerdict, Preview, SignatureCheck,
};
use crate::domain::AppState;
use crate::ui::app::local_time;

/// The most changes listed one by one in the preview.
const LISTED_CHANGES: usize = 200;

/// One file's verdict: accepted (with what it is, from whom, and its signature) or not, and why.
pub fn verdict_item(v: &FileVerdict) -> impl IntoView {
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
                format!("文件所写的导出时间 {}", local_time(&info.made_at))
            } else {
                format!("文件所写的导出时间「{}」无法识别", info.made_at)
            };
            let claim = info
                .claim_note()
                .map(|c| format!("；{c}"))
                .unwrap_or_default();
            // Sentences, not brackets: who it is from carries brackets of its own.
            let text = format!(
                "：已接受。{}。{}；{when}{claim}{round}{sig}。",
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

/// `新增 3 项、修改 2 项`, counting conflicts by the decisions; `state` is the data the
/// preview was made against (a conflict kept here may still take the file's other
/// changes, and says so).
pub fn summary_line(p: &Preview, d: &Decisions, state: &AppState) -> String {
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
        let updated = p.kept_with_file_changes(state, d);
        // Whose the other changes are: the committee's in a copy, the sender's at the
        // committee (a clerk's review: the committee read 如工委的办理情况 of a unit's
        // 兼职 taken in).
        let whose = if state.workspace.is_some() {
            "即只有工委改过的项目和工委的办理情况"
        } else {
            "即只有对方改过的项目"
        };
        parts.push(if updated > 0 {
            format!("保留本机 {kept} 项（其中 {updated} 项同时导入了文件中的其他修改，{whose}）")
        } else {
            format!("保留本机 {kept} 项")
        });
    }
    if !p.removed.is_empty() {
        parts.push(format!("删除 {} 项", p.removed.len()));
    }
    parts.join("、")
}

/// The merged preview: notes, warnings, counts per record type, the list of changes
/// (a changed record with its fields, held → incoming) and a choice per conflict.
/// `state` is this copy's data, to compare against.
pub fn preview_view(
    p: &Preview,
    state: &AppState,
    take_file: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let groups = p.groups();
    let replaces = p.replaces_state;
    // A column of its own for records the file altered, when there are any (a re-test:
    // counted under 本机的较新, the table said the committee had changed them).
    let altered = groups.values().any(|g| g.altered > 0);
    let file_name_of = |i: usize| p.files.get(i).map(|f| f.name.clone()).unwrap_or_default();
    let listed: Vec<(String, Vec<String>)> = p
        .changes
        .iter()
        .filter(|c| c.status != ChangeStatus::Unchanged)
        .take(LISTED_CHANGES + 1)
        .map(|c| {
            let line = format!(
                "{}：{}（{}）",
                c.status_label(),
                c.label,
                file_name_of(c.file)
            );
            // A 本机的较新 line says where the file differs too (a clerk's review: whether
            // an assessor's file agreed with the score kept could not be told).
            let fields = if matches!(c.status, ChangeStatus::Changed | ChangeStatus::Stale) {
                p.field_changes(state, c)
            } else {
                Vec::new()
            };
            (line, fields)
        })
        .chain(
            p.removed
                .iter()
                .map(|(_, label)| (format!("删除：{label}"), Vec::new())),
        )
        .collect();
    let listed_total = p
        .changes
        .iter()
        .filter(|c| c.status != ChangeStatus::Unchanged)
        .count()
        + p.removed.len();
    let more = listed_total.saturating_sub(LISTED_CHANGES);
    let conflicts: Vec<(String, String, String, Vec<String>)> = p
        .conflicts()
        .map(|c| {
            (
                c.key.clone(),
                c.label.clone(),
                file_name_of(c.file),
                p.field_changes(state, c),
            )
        })
        .collect();
    view! {
        <h3>"导入预览"</h3>
        {p.is_noop().then(|| {
            let receipts = unrecorded_receipts(state, &p.files);
            view! {
                <p class="exchange__noop" role="status">{p.noop_message()}{(receipts > 0).then(|| {
                    format!("点“确认导入”可记为收到报送文件 {receipts} 份。")
                })}</p>
            }
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
                        {altered.then(|| view! { <th scope="col" class="num">"与此前收到的不同"</th> })}
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
                            {altered.then(|| view! { <td class="num">{g.altered}</td> })}
                            {replaces.then(|| view! { <td class="num">{g.removed}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!listed.is_empty()).then(|| view! {
            <h4>"变化明细"</h4>
            <ul class="changes" aria-label="变化明细">
                {listed.into_iter().take(LISTED_CHANGES).map(|(l, fields)| view! {
                    <li>{l}{field_list(fields)}</li>
                }).collect_view()}
                {(more > 0).then(|| view! { <li>{format!("……另有 {more} 项")}</li> })}
            </ul>
        })}
        {(!conflicts.is_empty()).then(|| view! {
            <h4>"冲突：请逐项选择"</h4>
            <p>"以下记录在工委下发任务之后，本机和对方都改过。默认保留本机的版本。"</p>
            {conflicts.into_iter().enumerate().map(|(i, (key, label, file, fields))| {
                let key = StoredValue::new(key);
                let name = format!("conflict-{i}");
                let legend = format!("{label}（文件“{file}”）");
                view! {
                    <fieldset class="conflict">
                        <legend>{legend}</legend>
                        {field_list(fields)}
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

/// What a changed record would change, one field per line (nothing when none).
fn field_list(lines: Vec<String>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        view! {
            <ul class="field-changes" aria-label="改动内容">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        }
    })
}
