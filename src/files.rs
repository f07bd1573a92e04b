//! Browser file I/O: offering a download and reading a file the person chose.
//! With `store`, the only module that touches `Blob`, object URLs and files.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a file could not be written or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileError {
    #[error("浏览器无法生成下载文件：{0}")]
    Download(String),
    #[error("无法读取所选文件：{0}")]
    Read(String),
    #[error("文件太大（{0} MB），超过 {1} MB 的上限")]
    TooLarge(u64, u64),
    #[error("浏览器无法生成随机数（访问码需要）：{0}")]
    Random(String),
}

/// Files larger than this are refused before reading.
pub const MAX_FILE_BYTES: f64 = crate::domain::exchange::MAX_BYTES as f64;

/// A thrown JavaScript value as text (an `Error`'s message, or the string itself).
pub(crate) fn js_err(v: JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}

/// Offers `content` as a download named `file_name` with the given MIME type.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| FileError::Download(js_err(e)))?;
    offer(file_name, &blob)
}

/// Offers `bytes` (an .xlsx or .docx) as a download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), FileError> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|e| FileError::Download(js_err(e)))?;
    offer(file_name, &blob)
}

/// Clicks a hidden link to `blob` so the browser saves it as `file_name`.
fn offer(file_name: &str, blob: &web_sys::Blob) -> Result<(), FileError> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|e| FileError::Download(js_err(e)))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| FileError::Download("没有页面".into()))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| FileError::Download(js_err(e)))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_attribute("style", "display:none").ok();
    if let Some(body) = document.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    } else {
        a.click();
    }
    // Revoke later so the download has started.
    let url2 = url.clone();
    let cb = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Reads a chosen file as UTF-8 text, refusing files over [`MAX_FILE_BYTES`].
pub async fn read_text(file: &web_sys::File) -> Result<String, FileError> {
    let size = file.size();
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge(
            (size / 1024.0 / 1024.0).ceil() as u64,
            (MAX_FILE_BYTES / 1024.0 / 1024.0) as u64,
        ));
    }
    let v = JsFuture::from(file.text())
        .await
        .map_err(|e| FileError::Read(js_err(e)))?;
    v.as_string()
        .ok_or_else(|| FileError::Read("内容不是文本".into()))
}

/// The files chosen in a file input, in order.
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let mut out = Vec::new();
    if let Some(list) = input.files() {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    out
}

/// A file name stamp, `20261128-1530`, in local time for the clock reading `now_ms`
/// (see [`crate::clock::Clock::now_ms`]).
pub fn stamp(now_ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(now_ms));
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The files chosen in an `<input type="file">`'s change event. The input is emptied, so
/// choosing the same file again is a change too.
pub fn take_chosen(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let list = chosen_files(&input);
    input.set_value("");
    list
}

/// Reads a chosen file's bytes (as they are: the exchange reader checks the encoding),
/// refusing files over [`MAX_FILE_BYTES`] before reading.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, FileError> {
    let size = file.size();
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge(
            (size / 1024.0 / 1024.0).ceil() as u64,
            (MAX_FILE_BYTES / 1024.0 / 1024.0) as u64,
        ));
    }
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| FileError::Read(js_err(e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A text file as the person's office program saved it: UTF-16 when it starts with a
/// byte-order mark, UTF-8 (with or without a BOM) when it is valid UTF-8, otherwise
/// GB18030 (what Excel and WPS write as "CSV" on a
/// Chinese Windows), decoded by the browser.
pub fn decode_office_text(bytes: &[u8]) -> Result<String, FileError> {
    // Excel's “Unicode 文本” is UTF-16 with a byte-order mark.
    if let Some(t) = crate::domain::sheet_read::utf16_text(bytes) {
        return Ok(t);
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(t.trim_start_matches('\u{feff}').to_string());
    }
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts)
        .map_err(|e| FileError::Read(js_err(e)))?;
    decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| FileError::Read("文件的文字编码无法识别（既不是 UTF-8，也不是 GBK）".into()))
}

/// `n` random bytes from the browser's cryptographic generator (for access codes).
pub fn random_bytes(n: usize) -> Result<Vec<u8>, FileError> {
    let mut out = vec![0u8; n];
    let crypto = web_sys::window()
        .ok_or_else(|| FileError::Random("没有页面".into()))?
        .crypto()
        .map_err(|e| FileError::Random(js_err(e)))?;
    crypto
        .get_random_values_with_u8_array(&mut out)
        .map_err(|e| FileError::Random(js_err(e)))?;
    Ok(out)
}

/// Waits `ms` milliseconds (the browser keeps running meanwhile).
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(done.unchecked_ref(), ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the browser has drawn what the current task built: in the animation
/// frame after the next one, so work started then (e.g. a list below a big table) is
/// not part of the frame that first shows the table. A hidden tab draws no frames: a
/// timeout then.
pub async fn after_first_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let resolve2 = resolve.clone();
        let w2 = w.clone();
        let second = Closure::once_into_js(move || {
            let _ = resolve2.call0(&JsValue::NULL);
        });
        let first = Closure::once_into_js(move || {
            let _ = w2.request_animation_frame(second.unchecked_ref());
        });
        if w.request_animation_frame(first.unchecked_ref()).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
        let fallback = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 500);
    });
    let _ = JsFuture::from(promise).await;
}

/// Lets the browser draw and handle input before long work goes on: resolves after a
/// zero-delay timeout (after the next paint when the page is visible).
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let resolve2 = resolve.clone();
        let after_paint = Closure::once_into_js(move || {
            let _ = resolve2.call0(&JsValue::NULL);
        });
        // requestAnimationFrame does not fire in a hidden tab: a timeout then.
        if w.request_animation_frame(after_paint.unchecked_ref())
            .is_err()
        {
            let _ = resolve.call0(&JsValue::NULL);
        }
        let fallback = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 50);
    });
    let _ = JsFuture::from(promise).await;
}
