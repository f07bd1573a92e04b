//! The office module from the app's side: the .xlsx/.docx writers and the .xlsx/.csv
//! readers live in a second wasm (`src/bin/exemplar-office.rs`) that is loaded the first
//! time one of these functions is called, through `window.exemplarOffice()` (the loader
//! `scripts/bundle.py` puts in the page: a script file beside `index.html`, or inlined
//! in the single file). Later calls reuse the loaded module. With `files` and `store`,
//! the only module that talks to the browser for this.

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::office::docx::NoticeFile;
use crate::domain::office::Table;
use crate::domain::sheet_read::NamedSheet;
use crate::files::js_err;

/// Why an office file could not be written or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OfficeCallError {
    /// The module could not be loaded (a file missing beside the page, or blocked).
    #[error("无法加载生成和读取 Office 文件的程序部分（{0}）。请刷新页面后再试；若是从U盘打开的，请确认程序文件完整")]
    Load(String),
    /// The module ran and refused: its message says why.
    #[error("{0}")]
    Failed(String),
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = window, js_name = exemplarOffice, catch)]
    fn load_office() -> Result<js_sys::Promise, JsValue>;
}

/// The loaded module (its exported functions), loading it on the first call.
async fn module() -> Result<JsValue, OfficeCallError> {
    let promise = load_office().map_err(|e| OfficeCallError::Load(js_err(e)))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| OfficeCallError::Load(js_err(e)))
}

/// Calls the module's function `name` with one argument.
async fn call(name: &str, arg: &JsValue) -> Result<JsValue, OfficeCallError> {
    let m = module().await?;
    let f = js_sys::Reflect::get(&m, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| OfficeCallError::Load(format!("缺少 {name}")))?;
    f.call1(&JsValue::NULL, arg)
        .map_err(|e| OfficeCallError::Failed(js_err(e)))
}

fn bytes(v: JsValue) -> Result<Vec<u8>, OfficeCallError> {
    v.dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| OfficeCallError::Failed("生成的文件不完整".into()))
}

fn json_arg<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, OfficeCallError> {
    serde_json::to_string(v)
        .map(|s| JsValue::from_str(&s))
        .map_err(|e| OfficeCallError::Failed(e.to_string()))
}

fn rows<T: DeserializeOwned>(v: JsValue) -> Result<T, OfficeCallError> {
    let text = v
        .as_string()
        .ok_or_else(|| OfficeCallError::Failed("读出的表格不完整".into()))?;
    serde_json::from_str(&text).map_err(|e| OfficeCallError::Failed(e.to_string()))
}

/// The tables as .xlsx bytes (`domain::office::xlsx::workbook`, in the module).
pub async fn write_xlsx(tables: &[Table]) -> Result<Vec<u8>, OfficeCallError> {
    bytes(call("office_write_xlsx", &json_arg(tables)?).await?)
}

/// The 通报 as .docx bytes (`domain::office::docx::notice_docx`, in the module).
pub async fn write_docx(file: &NoticeFile) -> Result<Vec<u8>, OfficeCallError> {
    bytes(call("office_write_docx", &json_arg(file)?).await?)
}

/// Every worksheet of an .xlsx, rows of text (`domain::sheet_read::read_xlsx_sheets`).
pub async fn read_xlsx(file: &[u8]) -> Result<Vec<NamedSheet>, OfficeCallError> {
    let arg = js_sys::Uint8Array::from(file);
    rows(call("office_read_xlsx", &arg).await?)
}

/// CSV text as rows of text (`domain::sheet_read::read_csv`).
pub async fn read_csv(text: &str) -> Result<Vec<Vec<String>>, OfficeCallError> {
    rows(call("office_read_csv", &JsValue::from_str(text)).await?)
}
