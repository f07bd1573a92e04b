//! The stored document: the whole [`AppState`] inside a versioned envelope, as kept in
//! local storage and written to a backup file. Pure functions: serialise, read the
//! header cheaply, parse with migration, refuse a newer schema.
//!
//! ```json
//! {"format":"exemplar-state","schema":1,"rev":12,"saved_at":"2026-11-28T15:00:00Z","state":{…}}
//! ```

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::model::AppState;

/// The schema version this build writes. Raise it with a migration in [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 1;

/// The `format` tag of a stored document and of a full backup file.
pub const FORMAT_TAG: &str = "exemplar-state";

/// A migration turns a document of schema `n` into schema `n + 1`. It is pure, works on
/// untyped JSON (the old shape has no Rust type any more) and has its own test.
pub type Migration = fn(Value) -> Result<Value, DocumentError>;

/// `MIGRATIONS[i]` migrates schema `i + 1` to `i + 2`. Schema 1 is the first, so the
/// list is empty until the first change of shape.
pub const MIGRATIONS: &[Migration] = &[];

/// What is known about a stored document without parsing all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub schema: u32,
    pub rev: u64,
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub rev: u64,
    pub saved_at: String,
    pub state: AppState,
}

/// Why a stored document or backup could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("数据已损坏或不完整（{0}），可能在复制或传递中被截断或改动")]
    NotJson(String),
    #[error("这不是本程序的数据文件（缺少“{FORMAT_TAG}”标记）")]
    WrongFormat,
    #[error("数据由更新版本的程序保存（数据版本 {found}，本程序只认识到版本 {supported}），为避免损坏已拒绝读取。请使用新版本程序打开。")]
    NewerSchema { found: u32, supported: u32 },
    #[error("数据版本 {0} 无法识别")]
    BadSchema(u32),
    #[error("升级旧版本数据失败：{0}")]
    Migration(String),
    #[error("数据内容不完整或格式不对：{0}")]
    BadContent(String),
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    schema: u32,
    rev: u64,
    saved_at: &'a str,
    state: &'a AppState,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    format: Option<String>,
    schema: Option<u32>,
    #[serde(default)]
    rev: u64,
    #[serde(default)]
    saved_at: String,
    state: Option<Box<RawValue>>,
}

/// A document of the current schema, read in one pass (see [`parse_with`]).
#[derive(Deserialize)]
struct EnvelopeCurrent {
    format: String,
    schema: u32,
    #[serde(default)]
    rev: u64,
    #[serde(default)]
    saved_at: String,
    state: AppState,
}

/// Serialises a state as a document with the given revision. The header fields come
/// first so [`peek_header`] can read them from the first bytes.
pub fn serialize(state: &AppState, rev: u64, saved_at: &str) -> String {
    let env = EnvelopeOut {
        format: FORMAT_TAG,
        schema: SCHEMA_VERSION,
        rev,
        saved_at,
        state,
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(&env).unwrap_or_default()
}

/// Reads `schema` and `rev` from the start of a document written by [`serialize`],
/// without parsing the rest. `None` when the start does not look like one.
pub fn peek_header(raw: &str) -> Option<Header> {
    let head: String = raw.chars().take(160).collect();
    let number_after = |key: &str| -> Option<u64> {
        let at = head.find(key)? + key.len();
        let digits: String = head[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    };
    if !head.starts_with(&format!("{{\"format\":\"{FORMAT_TAG}\"")) {
        return None;
    }
    let schema = u32::try_from(number_after("\"schema\":")?).ok()?;
    let rev = number_after("\"rev\":")?;
    Some(Header { schema, rev })
}

/// Parses a document: checks the format tag, refuses a newer schema, migrates an older
/// one step by step, and reads the state.
pub fn parse(raw: &str) -> Result<Document, DocumentError> {
    parse_with(raw, SCHEMA_VERSION, MIGRATIONS)
}

/// [`parse`] with an explicit current version and migration list (for tests).
pub fn parse_with(
    raw: &str,
    current: u32,
    migrations: &[Migration],
) -> Result<Document, DocumentError> {
    // The common case, a document this version wrote, is read in one pass. Anything
    // else (an older schema, or an error to explain) takes the careful path below.
    if peek_header(raw).is_some_and(|h| h.schema == current) {
        if let Ok(env) = serde_json::from_str::<EnvelopeCurrent>(raw) {
            if env.format == FORMAT_TAG && env.schema == current {
                return Ok(Document {
                    rev: env.rev,
                    saved_at: env.saved_at,
                    state: env.state,
                });
            }
        }
    }
    let env: EnvelopeIn = serde_json::from_str(raw)
        .map_err(|e| DocumentError::NotJson(crate::domain::exchange::zh_serde(&e.to_string())))?;
    if env.format.as_deref() != Some(FORMAT_TAG) {
        return Err(DocumentError::WrongFormat);
    }
    let schema = env.schema.ok_or(DocumentError::BadSchema(0))?;
    if schema > current {
        return Err(DocumentError::NewerSchema {
            found: schema,
            supported: current,
        });
    }
    if schema == 0 {
        return Err(DocumentError::BadSchema(0));
    }
    let raw_state = env
        .state
        .ok_or_else(|| DocumentError::BadContent("缺少 state".into()))?;
    // The state is typed straight from its text; only an older document goes through a
    // `Value` for its migrations (quicker, and one deserialiser per type in the wasm).
    let migrated;
    let value: &RawValue = if schema < current {
        let mut v: Value = serde_json::from_str(raw_state.get()).map_err(|e| {
            DocumentError::NotJson(crate::domain::exchange::zh_serde(&e.to_string()))
        })?;
        for step in schema..current {
            let migrate = migrations
                .get((step - 1) as usize)
                .ok_or_else(|| DocumentError::Migration(format!("缺少从版本 {step} 升级的步骤")))?;
            v = migrate(v)?;
        }
        migrated = serde_json::value::to_raw_value(&v)
            .map_err(|e| DocumentError::BadContent(e.to_string()))?;
        &migrated
    } else {
        &raw_state
    };
    let state: AppState = serde_json::from_str(value.get()).map_err(|e| {
        DocumentError::BadContent(crate::domain::exchange::zh_serde(&e.to_string()))
    })?;
    Ok(Document {
        rev: env.rev,
        saved_at: env.saved_at,
        state,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{OrgType, Unit, UnitStatus};

    fn sample() -> AppState {
        let mut s = AppState::default();
        let id = s.new_id("u");
        s.units.push(Unit {
            id,
            name: "市财政局机关党委".into(),
            sector: "经济".into(),
            org_type: OrgType::PartyCommittee,
            leader: "张三".into(),
            contact: "".into(),
            entered_year: 2024,
            status: UnitStatus::Candidate,
            plaque_no: None,
            named_on: None,
            rectify_by: None,
            history: vec![],
            reviews: Vec::new(),
            extensions: Vec::new(),
            meta: Default::default(),
        });
        s
    }

    #[test]
    fn round_trip_and_header() {
        let s = sample();
        let raw = serialize(&s, 7, "2026-11-28T10:00:00Z");
        assert_eq!(
            peek_header(&raw),
            Some(Header {
                schema: SCHEMA_VERSION,
                rev: 7
            })
        );
        let doc = parse(&raw).unwrap();
        assert_eq!(doc.state, s);
        assert_eq!(doc.rev, 7);
        assert_eq!(doc.saved_at, "2026-11-28T10:00:00Z");
    }

    #[test]
    fn newer_schema_is_refused() {
        let raw = serialize(&sample(), 1, "t").replace("\"schema\":1", "\"schema\":99");
        assert_eq!(
            parse(&raw),
            Err(DocumentError::NewerSchema {
                found: 99,
                supported: SCHEMA_VERSION
            })
        );
        assert_eq!(peek_header(&raw).map(|h| h.schema), Some(99));
    }

    #[test]
    fn corrupt_values_are_errors_not_panics() {
        let raw = serialize(&sample(), 1, "t");
        assert!(matches!(
            parse(&raw[..raw.len() / 2]),
            Err(DocumentError::NotJson(_))
        ));
        assert!(matches!(
            parse("{\"a\":1}"),
            Err(DocumentError::WrongFormat)
        ));
        assert!(matches!(parse(""), Err(DocumentError::NotJson(_))));
        let bad_state =
            "{\"format\":\"exemplar-state\",\"schema\":1,\"rev\":1,\"state\":{\"units\":5}}";
        assert!(matches!(
            parse(bad_state),
            Err(DocumentError::BadContent(_))
        ));
        assert_eq!(peek_header("garbage"), None);
    }

    /// A pretend schema-1 document whose units list was called `orgs`.
    fn rename_orgs(mut v: Value) -> Result<Value, DocumentError> {
        let obj = v
            .as_object_mut()
            .ok_or_else(|| DocumentError::Migration("state 不是对象".into()))?;
        if let Some(orgs) = obj.remove("orgs") {
            obj.insert("units".into(), orgs);
        }
        Ok(v)
    }

    #[test]
    fn migrations_run_in_order_from_the_stored_version() {
        let s = sample();
        let current = serialize(&s, 3, "t");
        // A version-1 document from before a (hypothetical) rename of `orgs` to `units`.
        let old = current.replace("\"units\":", "\"orgs\":");
        // With the migration registered as 1 → 2 and current = 2, the old document reads.
        let doc = parse_with(&old, 2, &[rename_orgs]).unwrap();
        assert_eq!(doc.state, s);
        // A missing step is an error, not a silent pass.
        assert!(matches!(
            parse_with(&old, 3, &[rename_orgs]),
            Err(DocumentError::Migration(_))
        ));
        // The migration itself is pure: same input, same output.
        let v: Value = serde_json::json!({"orgs": []});
        assert_eq!(rename_orgs(v.clone()).unwrap(), rename_orgs(v).unwrap());
    }
}
