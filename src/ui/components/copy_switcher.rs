//! 切换数据: the copies of this browser (its own data and each task copy opened from a
//! task file), the one shown now, and a button for each of the others. Shown only when
//! the browser holds more than one.

use leptos::prelude::*;

use crate::domain::copies::{label_of, MAIN_LABEL};
use crate::ui::components::confirm::ConfirmDialog;
use crate::ui::state::AppContext;

/// The copy switcher at the top of every page.
#[component]
pub fn CopySwitcher() -> impl IntoView {
    let ctx = AppContext::get();
    let list = ctx.copies();
    if list.copies.is_empty() {
        return ().into_any();
    }
    let current = ctx.current_copy();
    let shown = Memo::new(move |_| ctx.state.with(label_of));
    let main_label = if list.main_label.is_empty() {
        MAIN_LABEL.to_string()
    } else {
        list.main_label.clone()
    };
    let mut others: Vec<(Option<String>, String)> = Vec::new();
    if current.is_some() {
        others.push((None, main_label));
    }
    for c in &list.copies {
        if current.as_deref() != Some(c.id.as_str()) {
            others.push((Some(c.id.clone()), c.label.clone()));
        }
    }
    view! {
        <nav class="copies no-print" aria-label="切换数据">
            <span>"本浏览器中有 "{list.copies.len() + 1}" 份数据，当前："</span>
            <strong>{move || shown.get()}</strong>
            <ul>
                {others.into_iter().map(|(id, label)| {
                    let name = format!("切换到：{label}");
                    view! {
                        <li>
                            <button type="button" class="quiet"
                                on:click=move |_| ctx.switch_copy(id.clone())>{name}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
    .into_any()
}

/// 删除此任务副本, on 数据管理 of a task copy: its data goes, the browser's other data
/// stays, and the tab shows the main data. Asks first.
#[component]
pub fn RemoveCopy() -> impl IntoView {
    let ctx = AppContext::get();
    if ctx.current_copy().is_none() {
        return ().into_any();
    }
    let open = RwSignal::new(false);
    let message = Signal::derive(move || {
        format!(
            "将从本浏览器中删除任务副本「{}」的全部数据，不能撤销；本浏览器中的其他数据不受影响。如还需要其中的内容，请先导出报送文件或备份。",
            ctx.state.with_untracked(label_of)
        )
    });
    let remove = Callback::new(move |_| {
        if let Err(e) = ctx.remove_this_copy() {
            ctx.notice.set(Some(crate::ui::state::Notice::error(format!(
                "任务副本没有删除：{e}"
            ))));
        }
    });
    view! {
        <h2>"任务副本"</h2>
        <p>"这是本浏览器中的一份任务副本，与本机的其他数据分开保存。填写完毕、报送文件已交回后，可以把它删除。"</p>
        <button type="button" class="danger" on:click=move |_| open.set(true)>"删除此任务副本"</button>
        <ConfirmDialog open=open title="确认删除任务副本" message=message
            confirm_label="删除副本" on_confirm=remove />
    }
    .into_any()
}
