//! One validation for every door: 数据管理 → 从备份恢复 reads a file with the same checks
//! as 数据交换's import of a backup. Both end in [`check_state`]; the byte-level checks
//! ([`super::decode_text`]: size, strict UTF-8, nesting) are shared as well.

use serde_json::Value;

use super::content::Content;
use super::envelope::{check_depth, decode_text, read_package, scan_text, ENVELOPE};
use super::error::{zh_serde, ExchangeError};
use crate::domain::damaged::DAMAGED_TAG;
use crate::domain::document::{self, DocumentError};
use crate::domain::model::AppState;
use crate::domain::validation::{check_roster, validate_state};

/// A whole state that may replace this copy's: no control or bidirectional-override
/// characters in any string (as a file's content is checked), and every rule of
/// `validate_state` (duplicate ids, references, ranges, dates…), and no two units of
/// one name ([`check_roster`]: what the roster has always refused, so only a file
/// edited by hand holds it).
pub fn check_state(state: &AppState) -> Result<(), ExchangeError> {
    // Through text (plain data with string keys: serialising cannot fail), which reuses
    // the serialiser the wasm has rather than adding one into `Value` per type.
    let text = serde_json::to_string(state).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    scan_text("", &v, &mut Vec::new())?;
    let mut errs = validate_state(state).err().unwrap_or_default();
    errs.extend(check_roster(state));
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ExchangeError::invalid(errs))
    }
}

/// A backup read for 数据管理 → 从备份恢复.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The state the backup holds (checked by [`check_state`]).
    pub state: AppState,
    /// When the backup was saved or exported, as the file says (a claim, shown as such).
    pub saved_at: String,
}

fn document_error(e: DocumentError) -> ExchangeError {
    let kind = "完整备份".to_string();
    match e {
        DocumentError::NotJson(d) | DocumentError::BadContent(d) => ExchangeError::BadContent {
            kind,
            detail: zh_serde(&d),
        },
        DocumentError::NewerSchema { found, supported } => {
            ExchangeError::NewerVersion { found, supported }
        }
        DocumentError::BadSchema(found) => ExchangeError::BadVersion { found },
        DocumentError::Migration(m) => ExchangeError::Migration(m),
        DocumentError::WrongFormat => ExchangeError::NotAStateFile,
    }
}

/// Reads a backup file of either form — the stored document (`exemplar-state`, what
/// 数据管理 → 导出备份 writes) or an exchange file of kind `backup` — with the checks
/// the exchange import makes: size, strict UTF-8, nesting, JSON, version, text, state.
pub fn read_restore(bytes: &[u8]) -> Result<Restored, ExchangeError> {
    read_restore_unchecked(bytes)?.check()
}

/// A backup read and parsed whose state is not checked yet ([`check_state`]): the
/// two halves of [`read_restore`], so that a page can let the browser draw between
/// them (each takes about a tenth of a second on a large city).
#[derive(Debug)]
pub struct UncheckedRestore(Restored);

impl UncheckedRestore {
    /// The state checked: the backup, or why it cannot be used.
    pub fn check(self) -> Result<Restored, ExchangeError> {
        check_state(&self.0.state)?;
        Ok(self.0)
    }
}

/// [`read_restore`] up to the state's check: text, JSON, version, envelope.
pub fn read_restore_unchecked(bytes: &[u8]) -> Result<UncheckedRestore, ExchangeError> {
    let text = decode_text(bytes)?;
    let as_document = |text: &str| -> Result<Restored, ExchangeError> {
        check_depth(ENVELOPE, text.as_bytes())?;
        let doc = document::parse(text).map_err(document_error)?;
        Ok(Restored {
            state: doc.state,
            saved_at: doc.saved_at,
        })
    };
    let restored = if document::peek_header(text.trim_start()).is_some() {
        as_document(text.trim_start())?
    } else {
        let pkg = match read_package(bytes) {
            // A stored document written some other way (e.g. pretty-printed).
            Err(ExchangeError::WrongFormat { found }) if found == document::FORMAT_TAG => {
                return as_document(text).map(UncheckedRestore);
            }
            // Damaged data written out for recovery: said as such at either door.
            Err(ExchangeError::WrongFormat { found }) if found == DAMAGED_TAG => {
                return Err(ExchangeError::WrongFormat { found })
            }
            // Said for this door: a backup is what it expects, not an exchange file.
            Err(ExchangeError::WrongFormat { .. } | ExchangeError::NotData) => {
                return Err(ExchangeError::NotAStateFile)
            }
            other => other?,
        };
        match pkg.content {
            Content::Backup(b) => Restored {
                state: b.state,
                saved_at: pkg.envelope.made_at,
            },
            _ => {
                return Err(ExchangeError::NotForThisCopy(format!(
                    "这是{}，不是完整备份。请在“数据交换”中导入",
                    pkg.envelope.kind.label()
                )))
            }
        }
    };
    Ok(UncheckedRestore(restored))
}

/// Refuses a backup made by another kind of copy than this one: a unit's or assessor's
/// copy over the committee's data, the committee's over a copy, or another party's
/// copy over this one. A browser with no data takes any (a new computer). A clerk's
/// review: a unit's backup handed over instead of its return was offered to the
/// committee as a replacement of all its data; the committee's backup opened in a
/// unit's copy wiped what the unit had not sent and gave it every unit's access code.
pub fn check_backup_fits(state: &AppState, backup: &AppState) -> Result<(), ExchangeError> {
    if super::is_blank(state) {
        return Ok(());
    }
    let who = |ws: &super::Workspace| ws.party.describe(&ws.party_name);
    let message = match (&state.workspace, &backup.workspace) {
        (None, None) => return Ok(()),
        (None, Some(there)) => format!(
            "这是{}填报副本的备份，只含对方自己的任务，不能替换工委的全部数据。要导入对方填报的内容，请对方在“我的任务”中导出报送文件交回；如确需在本机改用此备份，请先导出本机的备份，在“数据管理”中清空全部数据后再恢复",
            who(there)
        ),
        (Some(here), None) => format!(
            "这是工委的完整备份，不能在{}的填报副本中打开（其中有所有单位的数据和访问码）。请向工委索取本副本的任务文件；如这台电脑要改作工委使用，请先导出本副本的备份，在“数据管理”中删除各个任务副本（浏览器中的第一个副本用“清空全部数据”），浏览器中没有数据后再恢复",
            who(here)
        ),
        (Some(here), Some(there)) if here.party != there.party || here.round_id != there.round_id => {
            format!(
                "这是{}填报副本的备份，不是本副本（{}）的。请选择本副本导出的备份",
                who(there),
                who(here)
            )
        }
        (Some(_), Some(_)) => return Ok(()),
    };
    Err(ExchangeError::NotForThisCopy(message))
}
