//! The office module: a second wasm that the app loads the first time a clerk writes an
//! .xlsx or .docx or opens a roster file, so that the office crates (`rust_xlsxwriter`,
//! `docx-rs`, `zip`, `quick-xml`, `csv`) do not weigh on the first screen.
//!
//! Built without the `app` feature (no pages, storage or benchmark hooks) by
//! `scripts/build-office`; the app calls it through `src/office.rs`. Every function takes
//! plain data (JSON text or the file's bytes) and returns the file's bytes or the rows as
//! JSON; a failure is thrown as the message the clerk is shown.

#[cfg(target_arch = "wasm32")]
mod exports {
    use exemplar::domain::office::{docx, xlsx, Table};
    use exemplar::domain::sheet_read;
    use wasm_bindgen::prelude::*;

    fn fail(e: impl std::fmt::Display) -> JsValue {
        JsValue::from_str(&e.to_string())
    }

    /// The tables (JSON of `Vec<Table>`) as .xlsx bytes.
    #[wasm_bindgen]
    pub fn office_write_xlsx(tables: &str) -> Result<Vec<u8>, JsValue> {
        let tables: Vec<Table> = serde_json::from_str(tables).map_err(fail)?;
        xlsx::workbook(&tables).map_err(fail)
    }

    /// The 通报 (JSON of `docx::NoticeFile`) as .docx bytes.
    #[wasm_bindgen]
    pub fn office_write_docx(file: &str) -> Result<Vec<u8>, JsValue> {
        let file: docx::NoticeFile = serde_json::from_str(file).map_err(fail)?;
        docx::notice_docx(&file).map_err(fail)
    }

    /// Every worksheet of an .xlsx (JSON of `Vec<sheet_read::NamedSheet>`).
    #[wasm_bindgen]
    pub fn office_read_xlsx(bytes: &[u8]) -> Result<String, JsValue> {
        let sheets = sheet_read::read_xlsx_sheets(bytes).map_err(fail)?;
        serde_json::to_string(&sheets).map_err(fail)
    }

    /// CSV text as JSON rows of text.
    #[wasm_bindgen]
    pub fn office_read_csv(text: &str) -> Result<String, JsValue> {
        let rows = sheet_read::read_csv(text).map_err(fail)?;
        serde_json::to_string(&rows).map_err(fail)
    }
}

fn main() {}
