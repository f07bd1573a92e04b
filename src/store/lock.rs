//! The save lock across tabs: the Web Locks API where the browser has it, else the
//! next microtask (see `docs/architecture.md`, "Two tabs").

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` while this origin's lock `name` is held (the Web Locks API: no other tab
/// runs its own `f` for the same name meanwhile), or, where the browser has no such API
/// (plain http on an intranet is not a secure context), in a microtask right after the
/// caller's work. Either way `f` runs after the caller returns. Returns whether the
/// lock was used.
pub fn with_lock(name: &str, f: impl FnOnce() + 'static) -> bool {
    use std::cell::RefCell;
    use std::rc::Rc;
    // Shared by the locked call and the fallbacks; whichever comes first runs `f`.
    let slot = Rc::new(RefCell::new(Some(f)));
    let run = {
        let slot = slot.clone();
        move || {
            let f = slot.borrow_mut().take();
            if let Some(f) = f {
                f();
            }
        }
    };
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")).ok())
        .filter(|l| l.is_object());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &JsValue::from_str("request"))
            .ok()
            .and_then(|r| r.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        // Still after the caller's own work (as with the lock): a message the caller
        // shows next never hides what the save then reports.
        wasm_bindgen_futures::spawn_local(async move { run() });
        return false;
    };
    let run_locked = run.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        run_locked();
        JsValue::UNDEFINED
    });
    match request.call2(&locks, &JsValue::from_str(name), &callback) {
        Ok(promise) => {
            // A refused request (e.g. the page is going away) still runs `f`, unlocked.
            let on_error = Closure::once_into_js(move |_e: JsValue| run());
            if let Some(catch) = js_sys::Reflect::get(&promise, &JsValue::from_str("catch"))
                .ok()
                .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
            {
                let _ = catch.call1(&promise, &on_error);
            }
            true
        }
        Err(_) => {
            run();
            false
        }
    }
}

/// Runs `f` once, `ms` milliseconds from now (at once where the browser has no timer).
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let f = std::rc::Rc::new(std::cell::RefCell::new(Some(f)));
    let run = {
        let f = f.clone();
        move || {
            let g = f.borrow_mut().take();
            if let Some(g) = g {
                g();
            }
        }
    };
    let callback = Closure::once_into_js(run.clone());
    let set = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
            .ok()
    });
    if set.is_none() {
        run();
    }
}

/// How long after a save the next one waits, in milliseconds: `default`, or what the
/// page's address asks for with `?savedelay=` (a seam for tests, at most 10 s).
pub fn save_delay(default: i32) -> i32 {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| {
            s.trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("savedelay="))
                .and_then(|v| v.parse::<i32>().ok())
        })
        .map_or(default, |ms| ms.clamp(0, 10_000))
}
