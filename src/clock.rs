//! The app's one clock: the only place that reads the time. Pages and components ask
//! the [`AppContext`](crate::ui::state::AppContext) (`ctx.today()`, `ctx.now_iso()`),
//! which holds a [`Clock`]; the date rule itself is the pure
//! [`dates::local_date`](crate::domain::dates::local_date).
//!
//! A seam for tests and demonstrations: opening the app with `?clock=2027-07-01` (or a
//! full time, `?clock=2027-07-01T09:00:00+08:00`) in the address starts the clock at that
//! moment; it then runs on normally. Without it the clock is the computer's.

use crate::domain::dates;

/// Where "now" comes from: the computer's time, shifted by a fixed amount when the
/// page was opened with `?clock=`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Clock {
    /// Milliseconds added to the computer's time.
    offset_ms: f64,
}

impl Clock {
    /// The computer's clock, or the one the page's address sets (`?clock=`).
    pub fn from_page() -> Clock {
        let wanted = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|q| clock_param(&q));
        match wanted {
            Some(text) => Clock::starting_at(&text).unwrap_or_default(),
            None => Clock::default(),
        }
    }

    /// A clock that reads `text` (a date, or an ISO time) now and runs on from there.
    pub fn starting_at(text: &str) -> Option<Clock> {
        // A bare date means nine in the morning, local time.
        let full = if text.len() == 10 {
            format!("{text}T09:00:00")
        } else {
            text.to_string()
        };
        let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&full)).get_time();
        (!at.is_nan()).then(|| Clock {
            offset_ms: at - js_sys::Date::now(),
        })
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn now_ms(&self) -> f64 {
        js_sys::Date::now() + self.offset_ms
    }

    /// The current time as an ISO string (UTC), for stamps on records.
    pub fn now_iso(&self) -> String {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(self.now_ms()));
        String::from(d.to_iso_string())
    }

    /// Today's date in this browser's time zone, `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        let ms = self.now_ms();
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        // getTimezoneOffset is minutes *behind* UTC (Beijing: -480).
        let offset = -(d.get_timezone_offset() as i64);
        dates::local_date(ms, offset)
    }

    /// This year, by [`today`](Self::today).
    pub fn this_year(&self) -> u16 {
        dates::year_of(&self.today())
            .and_then(|y| u16::try_from(y).ok())
            .unwrap_or(2026)
    }
}

/// The value of `clock=` in a query string such as `?clock=2027-07-01`.
fn clock_param(query: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("clock="))
        .map(|v| {
            js_sys::decode_uri_component(v)
                .map(String::from)
                .unwrap_or_else(|_| v.to_string())
        })
        .filter(|v| !v.is_empty())
}

/// `2026-11-28T07:30:12.345Z` → local `2026-11-28 15:30:12`: with its year, since a
/// snapshot, a save or a file's export time may be from last year. In this browser's
/// time zone, as every time the app shows (the text unchanged when it is not a time).
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}
