//! The app root: loads the data, provides the context, follows the URL's hash and lays
//! out the title, the navigation and the current page.

use leptos::prelude::*;

use crate::route::{Route, NAV};
use crate::store::Store;
use crate::ui::components::banner::Banner;
use crate::ui::components::copy_switcher::CopySwitcher;
use crate::ui::components::left_drafts::LeftDraftsOffer;
use crate::ui::pages;
use crate::ui::state::{AppContext, Notice, ReadOnly};

/// How long after an action a move to another page still shows its success message
/// (the action moved there itself).
const NOTICE_FOLLOWS_MS: f64 = 1500.0;
use crate::ui::text;

/// Leaving the page with the cursor still in a box: taking the focus from it fires its
/// `change`, so what was typed there is taken in (and then saved) like any edit.
fn take_in_focused_field() {
    use wasm_bindgen::JsCast;
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = focused {
        let _ = field.blur();
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Focuses the page's link to `href` (the row of a record in its list), brought to the
/// middle of the window; whether there was one drawn (a list that draws only the rows
/// in its frame may not have it).
fn focus_link_to(href: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Some(links) = w
        .document()
        .and_then(|d| d.query_selector_all("main a[href]").ok())
    else {
        return false;
    };
    let link = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|a| a.get_attribute("href").as_deref() == Some(href));
    let Some(link) = link else {
        return false;
    };
    let top = link.get_bounding_client_rect().top();
    let height = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let y = w.scroll_y().unwrap_or(0.0);
    w.scroll_to_with_x_and_y(0.0, (y + top - height / 2.0).max(0.0));
    let _ = link.focus();
    true
}

/// The whole app, on the store of the copy the page asks for (`?copy=`), else the
/// browser's main data.
#[component]
pub fn App() -> impl IntoView {
    let (store, missing_copy) = crate::store::copies::current();
    let before = crate::store::copies::note_opened(store.copy_id().as_deref());
    view! {
        <AppWith store=store missing_copy=missing_copy.is_some()
            copy_before=before.map(|c| c.label) />
    }
}

/// The whole app on a given store (tests mount it on their own key prefix).
#[component]
pub fn AppWith(
    /// Where the data is kept.
    store: Store,
    /// The page asked for a task copy this browser does not hold.
    #[prop(optional)]
    missing_copy: bool,
    /// The copy in use before this page opened on another (its label).
    #[prop(default = None)]
    copy_before: Option<String>,
) -> impl IntoView {
    let ctx = AppContext::load(store.clone());
    provide_context(ctx);
    if missing_copy && ctx.notice.with_untracked(Option::is_none) {
        ctx.notice
            .set(Some(crate::ui::state::Notice::warning(text::COPY_MISSING)));
    }
    if let Some(before) = copy_before.filter(|_| ctx.notice.with_untracked(Option::is_none)) {
        let shown = ctx.state.with_untracked(crate::domain::copies::label_of);
        ctx.notice.set(Some(crate::ui::state::Notice::warning(
            text::copy_in_use_before(&before, &shown),
        )));
    }
    ctx.route.set(Route::parse(&current_hash()));
    // A success message, or an action's refusal, belongs to the page and the action
    // that made it: when the person moves on to another page, it goes (unless the
    // action itself just moved there, as an import does). Warnings, and errors that
    // offer a way out (an export, a reload, a conflict's choices), stay until closed.
    let notice_at = StoredValue::new(0.0_f64);
    Effect::new(move |_| {
        ctx.notice.track();
        notice_at.set_value(ctx.clock.now_ms());
    });
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        // Back or Forward leaves a field holding focus (and what was typed in it) while
        // its page goes: it is taken in first, as when the page closes.
        take_in_focused_field();
        ctx.new_visit();
        let now = Route::parse(&current_hash());
        // Back from a record to its list (Back, or the page's 返回 link): the list is
        // found at the record's row (a clerk's review: a 300-unit roster went back to
        // its top after each unit looked at).
        let record = ctx
            .route
            .with_untracked(|was| was.back_to_its_list(&now).then(|| was.href()));
        ctx.route.set(now);
        let stale = ctx.clock.now_ms() - notice_at.get_value() > NOTICE_FOLLOWS_MS;
        if stale
            && ctx
                .notice
                .with_untracked(|n| n.as_ref().is_some_and(Notice::passes))
        {
            ctx.notice.set(None);
        }
        // A new page starts at the top, with the bar (撤销, the save status) in view.
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        // Once it is drawn, focus goes to the row of the record just left, else (focus
        // left on nothing) to its heading.
        crate::store::after(0, move || {
            if !record.as_deref().is_some_and(focus_link_to) {
                crate::ui::components::modal::focus_heading_if_lost();
            }
        });
    });
    // The tab's title follows the page, once it is drawn.
    Effect::new(move |_| {
        ctx.route.track();
        crate::store::after(0, title_from_heading);
    });
    // Focus must not fall to the page's body when the element holding it goes (取消 on a
    // form, a saved form closing, a list drawn anew): once that is done, if the element
    // is gone and focus is nowhere, it goes to the page's heading. A click on the page's
    // background (the element still there) or another window taking focus is left alone.
    let focus_listener = window_event_listener(leptos::ev::focusout, move |e| {
        if e.related_target().is_some() {
            return;
        }
        if let Some(was) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            crate::store::after(0, move || {
                if !was.is_connected() {
                    crate::ui::components::modal::focus_heading_if_lost();
                }
            });
        }
    });
    // Ctrl+Z (⌘Z) outside a box undoes the last change, as 撤销 does (a keyboard review:
    // 撤销 was 17 Shift+Tabs back from the page). A box keeps its own (the score grid's
    // undoes its cells, and says it did by taking the key).
    let undo_listener = window_event_listener(leptos::ev::keydown, move |e| {
        let key = e.key();
        if !(e.ctrl_key() || e.meta_key())
            || e.shift_key()
            || e.alt_key()
            || !(key == "z" || key == "Z")
            || e.default_prevented()
        {
            return;
        }
        let in_a_box = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| {
                let tag = el.tag_name().to_ascii_lowercase();
                el.is_content_editable() || matches!(tag.as_str(), "input" | "textarea" | "select")
            });
        // An open dialog is answered first.
        let dialog_open = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("dialog[open]").ok().flatten())
            .is_some();
        if in_a_box || dialog_open || ctx.undo_label().is_none() {
            return;
        }
        e.prevent_default();
        ctx.undo();
    });
    let page_hidden = || {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden())
    };
    let tab_listener = send_wrapper::SendWrapper::new(store.watch_other_tabs(
        move |raw| ctx.other_tab_wrote(raw, page_hidden()),
        move || ctx.snapshots_changed.update(|n| *n += 1),
        move || ctx.other_tab_left_drafts(),
    ));
    // Leaving or hiding the page saves what waits for the lock at once, showing it
    // again takes in what other tabs saved meanwhile, and a page whose changes are not
    // saved asks before it closes.
    let hide_listener = window_event_listener(leptos::ev::pagehide, move |_| {
        take_in_focused_field();
        ctx.save_pending();
    });
    let visibility_listener = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if page_hidden() {
            ctx.save_pending();
        } else {
            ctx.page_shown();
        }
    });
    let unload_listener = window_event_listener(leptos::ev::beforeunload, move |e| {
        take_in_focused_field();
        ctx.save_pending();
        if ctx.has_unsaved() {
            e.prevent_default();
            e.set_return_value("有修改未能保存，离开后将丢失。");
        }
    });
    on_cleanup(move || {
        hash_listener.remove();
        focus_listener.remove();
        undo_listener.remove();
        hide_listener.remove();
        visibility_listener.remove();
        unload_listener.remove();
        drop(tab_listener);
    });

    let section = Memo::new(move |_| ctx.route.get().section());
    // A copy opened from a task file shows the focused shell (pages/focused.rs).
    let focused = Memo::new(move |_| ctx.state.with(|s| s.workspace.is_some()));
    view! {
        <div class="app">
            // The first stop of the keyboard: past the bar and the 15 entries of the
            // navigation, to the page's heading (not a hash link: the hash is the route).
            <a class="skip-link no-print" href="#main" on:click=move |e| {
                e.prevent_default();
                crate::ui::components::modal::focus_page_heading();
            }>"跳到主要内容"</a>
            <header class="topbar no-print">
                <a class="topbar__title" href="#/">{text::APP_TITLE}</a>
                <SaveStatus />
            </header>
            <div class="layout">
                <Show when=move || !focused.get() fallback=|| view! { <pages::focused::FocusedNav /> }>
                <nav class="sidenav no-print" aria-label="主导航">
                    <ul>
                        {NAV.iter().enumerate().map(|(i, (label, href))| view! {
                            <li>
                                <a href=*href
                                   aria-current=move || (section.get() == Some(i)).then_some("page")>
                                   {*label}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
                </Show>
                <main id="main" class="content">
                    <FileModeNotice />
                    <CopySwitcher />
                    <Banner />
                    <LeftDraftsOffer />
                    {move || if focused.get() {
                        pages::focused::render(ctx.route.get())
                    } else {
                        pages::render(ctx.route.get())
                    }}
                </main>
            </div>
        </div>
    }
}

/// Where the data stands: saved when, unsaved, read-only; and the undo button.
#[component]
fn SaveStatus() -> impl IntoView {
    let ctx = AppContext::get();
    let undo_label = move || {
        ctx.rev.track();
        ctx.undo_label()
    };
    view! {
        <div class="savestatus" role="status" aria-live="polite">
            {move || if let Some(why) = ctx.read_only.get() {
                match why {
                    ReadOnly::NewerApp => "只读：数据来自更新版本的程序".to_string(),
                    ReadOnly::Unreadable => "只读：无法读取已保存的数据".to_string(),
                }
            } else if ctx.held_for_lost_rounds.get() {
                "暂不接受修改：有考评轮次没有恢复".to_string()
            } else if ctx.conflict.get() {
                "与另一个窗口的修改冲突，尚未保存".to_string()
            } else if ctx.unsaved.get() {
                "有修改未能保存！请导出备份".to_string()
            } else if ctx.pending.get() {
                "正在保存…".to_string()
            } else {
                let t = ctx.saved_at.get();
                if t.is_empty() { "尚无保存的数据".to_string() } else { format!("已保存 {}", local_time(&t)) }
            }}
        </div>
        {move || undo_label().map(|w| view! {
            <button type="button" class="quiet undo" title=format!("撤销：{w}") on:click=move |_| ctx.undo()>
                {text::UNDO}
            </button>
        })}
    }
}

/// An ISO 8601 time as a date in this browser's time zone; `None` if unreadable.
fn local(iso: &str) -> Option<js_sys::Date> {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    (!d.get_time().is_nan()).then_some(d)
}

/// A time in this browser's time zone as `2026年12月1日 09:00` (for dates people keep).
pub fn date_time(iso: &str) -> String {
    let Some(d) = local(iso) else {
        return iso.to_string();
    };
    format!(
        "{}年{}月{}日 {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

pub use crate::clock::local_time;

/// When opened from disk (file://), says where the data lives and to export before
/// moving the file.
#[component]
fn FileModeNotice() -> impl IntoView {
    let from_disk = web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:");
    from_disk.then(|| view! { <p class="file-mode no-print">{text::FILE_MODE_NOTICE}</p> })
}

/// The tab's title: the page's heading, then the app's name. A screen reader reads it
/// when a page opens, and the browser's tabs and history tell the pages apart.
fn title_from_heading() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // What the heading shows on screen: its print-only words (结果's 考评排名表草稿…, a
    // clerk's review) left out of a copy.
    let heading = doc
        .query_selector(".content h1")
        .ok()
        .flatten()
        .and_then(|h| h.clone_node_with_deep(true).ok())
        .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(h).ok())
        .and_then(|h| {
            if let Ok(hidden) = h.query_selector_all(".print-only") {
                for i in 0..hidden.length() {
                    if let Some(n) = hidden.item(i) {
                        if let Some(parent) = n.parent_node() {
                            let _ = parent.remove_child(&n);
                        }
                    }
                }
            }
            h.text_content()
        })
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    doc.set_title(&match heading {
        Some(h) => format!("{h} - {}", text::APP_TITLE),
        None => text::APP_TITLE.to_string(),
    });
}
