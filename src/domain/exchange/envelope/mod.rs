//! The envelope of an exchange file: format tag, version, kind, sender, time, scheme,
//! checksum, signature and the content as an embedded JSON text. Reading a file here
//! checks everything that needs no application state: size, encoding, nesting, JSON,
//! format, version (newer refused, older migrated), checksum, control characters.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::content::Content;
use super::error::ExchangeError;
use crate::domain::model::Id;

mod text;
pub use text::*;

/// The `format` tag of every exchange file.
pub const FORMAT_TAG: &str = "exemplar-exchange";
/// The format version this build writes. Raise it with a migration in [`MIGRATIONS`].
pub const FORMAT_VERSION: u32 = 2;
/// The first version whose signature covers the envelope's header (who, when, which
/// round) as well as the content ([`signed_message`]). Version 1 signed the content
/// alone, so a file's `made_at` could be edited without breaking its signature.
pub const HEADER_SIGNED_FROM: u32 = 2;
/// Largest file accepted, in bytes (30 MB): the largest backup the browser's storage
/// can hold is well below it (the large city's is 1.5 MB), and the file reader refuses
/// larger files before reading them (`files::MAX_FILE_BYTES`).
pub const MAX_BYTES: usize = 30 * 1024 * 1024;
/// Largest content of a results file, in bytes: 5,000 rows need about 600 KB.
pub const MAX_RESULTS_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects accepted, in the envelope or the content.
pub const MAX_DEPTH: usize = 32;

/// A migration turns the content of a version-`n` file of a kind into version `n + 1`.
/// Pure, on untyped JSON; the envelope fields are the same in every version.
pub type Migration = fn(PackageKind, Value) -> Result<Value, ExchangeError>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[Migration] = &[header_signed];

/// 1 → 2: the content is unchanged; only what the signature covers changed.
fn header_signed(_: PackageKind, v: Value) -> Result<Value, ExchangeError> {
    Ok(v)
}

/// Who made a file or whom a code was issued to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "id", rename_all = "snake_case")]
pub enum Party {
    /// 工委 (the committee's copy).
    Committee,
    /// A unit, by id.
    Unit(Id),
    /// An assessor, by id.
    Assessor(Id),
    /// Anyone who received published results (no record of their own).
    Public,
}

impl Party {
    /// The id in records' `meta.by` (`committee`, the unit or assessor id).
    pub fn origin(&self) -> String {
        match self {
            Party::Committee => "committee".to_string(),
            Party::Unit(id) | Party::Assessor(id) => id.clone(),
            Party::Public => "public".to_string(),
        }
    }

    /// As named in messages: `工委`, `单位「名称」`, `评委「姓名」`.
    pub fn describe(&self, name: &str) -> String {
        let shown = |id: &str| {
            if name.is_empty() {
                id.to_string()
            } else {
                name.to_string()
            }
        };
        match self {
            Party::Committee => "工委".to_string(),
            Party::Unit(id) => format!("单位「{}」", shown(id)),
            Party::Assessor(id) => format!("评委「{}」", shown(id)),
            Party::Public => "结果查看者".to_string(),
        }
    }
}

/// The six kinds of package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// 工委 → 单位: the round, the scheme, that unit's record and its access code.
    ToUnit,
    /// 工委 → 评委: the round, the scheme, the units assigned and the access code.
    ToAssessor,
    /// 单位 → 工委: self-assessment, outcomes, pairings, rectification, resources.
    UnitReturn,
    /// 评委 → 工委: the assessor's score sheets.
    AssessorReturn,
    /// 工委 → 所有人: published results of a round.
    Results,
    /// 完整备份: the whole state.
    Backup,
}

impl PackageKind {
    pub const ALL: [PackageKind; 6] = [
        PackageKind::ToUnit,
        PackageKind::ToAssessor,
        PackageKind::UnitReturn,
        PackageKind::AssessorReturn,
        PackageKind::Results,
        PackageKind::Backup,
    ];

    /// The tag written in the `kind` field.
    pub fn tag(self) -> &'static str {
        match self {
            PackageKind::ToUnit => "to_unit",
            PackageKind::ToAssessor => "to_assessor",
            PackageKind::UnitReturn => "unit_return",
            PackageKind::AssessorReturn => "assessor_return",
            PackageKind::Results => "results",
            PackageKind::Backup => "backup",
        }
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            PackageKind::ToUnit => "工委下发给单位的任务文件",
            PackageKind::ToAssessor => "工委下发给评委的评分任务文件",
            PackageKind::UnitReturn => "单位报送文件",
            PackageKind::AssessorReturn => "评委报送文件",
            PackageKind::Results => "考评结果发布文件",
            PackageKind::Backup => "完整备份",
        }
    }

    /// Whether a file of this kind must be signed with an access code.
    pub fn needs_signature(self) -> bool {
        matches!(self, PackageKind::UnitReturn | PackageKind::AssessorReturn)
    }

    fn from_tag(tag: &str) -> Option<PackageKind> {
        PackageKind::ALL.into_iter().find(|k| k.tag() == tag)
    }
}

/// Which scheme version a file was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeRef {
    pub id: Id,
    pub name: String,
    pub version: u32,
}

impl SchemeRef {
    /// 「名称（第N版）」, as the scheme itself is named.
    pub fn version_label(&self) -> String {
        crate::domain::model::version_label(&self.name, self.version)
    }
}

/// Which round a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRef {
    pub id: Id,
    pub name: String,
}

/// The envelope as written. `content` is the content's exact JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    pub kind: PackageKind,
    pub made_by: Party,
    #[serde(default)]
    pub made_by_name: String,
    pub made_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<SchemeRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundRef>,
    pub checksum: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    pub content: String,
}

/// A file that passed every check that needs no state.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The envelope (with `content` as it was in the file, before any migration).
    pub envelope: Envelope,
    /// The content, migrated to the current version and typed.
    pub content: Content,
    /// Strings that look like markup, as `(place, excerpt)`: kept as plain text, shown as
    /// a warning in the preview.
    pub markup: Vec<(String, String)>,
}

impl Package {
    /// `单位「名称」` etc.
    pub fn sender(&self) -> String {
        self.envelope.made_by.describe(&self.envelope.made_by_name)
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// SHA-256 of the content text's UTF-8 bytes, lower-case hex (64 characters).
pub fn checksum(content: &str) -> String {
    hex(&Sha256::digest(content.as_bytes()))
}

type HmacSha256 = hmac::Hmac<Sha256>;

fn mac(code: &str, content: &str) -> Option<HmacSha256> {
    use hmac::Mac;
    let mut m = <HmacSha256 as Mac>::new_from_slice(code.as_bytes()).ok()?;
    m.update(content.as_bytes());
    Some(m)
}

/// HMAC-SHA256 of the content text's UTF-8 bytes, keyed by the access code's UTF-8
/// bytes, lower-case hex.
pub fn sign(code: &str, content: &str) -> String {
    use hmac::Mac;
    mac(code, content)
        .map(|m| hex(&m.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Whether `signature` (hex) is the HMAC of `content` under `code` (constant time).
pub fn verify(code: &str, content: &str, signature: &str) -> bool {
    use hmac::Mac;
    let Some(bytes) = unhex(&signature.to_ascii_lowercase()) else {
        return false;
    };
    mac(code, content).is_some_and(|m| m.verify_slice(&bytes).is_ok())
}

/// What goes on an envelope besides the content.
#[derive(Debug, Clone)]
pub struct Header {
    pub kind: PackageKind,
    pub made_by: Party,
    pub made_by_name: String,
    pub made_at: String,
    pub scheme: Option<SchemeRef>,
    pub round: Option<RoundRef>,
}

/// Writes a file: serialises the content once, checksums it, signs it with `code` when
/// given, and puts it in the envelope.
pub fn seal(header: Header, content: &Content, code: Option<&str>) -> String {
    // Serialising plain data with string keys cannot fail.
    let text = serde_json::to_string(content).unwrap_or_default();
    seal_text(header, text, code)
}

/// [`seal`] with the content text given (the tests use it to make broken files).
pub fn seal_text(header: Header, text: String, code: Option<&str>) -> String {
    seal_with(header, text, |m| code.map(|c| sign(c, m)))
}

/// The envelope's fields a signature covers besides the content, in this order.
#[derive(Serialize)]
struct SignedHeader<'a> {
    format: &'a str,
    version: u32,
    kind: PackageKind,
    made_by: &'a Party,
    made_by_name: &'a str,
    made_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: &'a Option<SchemeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: &'a Option<RoundRef>,
}

/// What the signature of `env` signs. From version 2 ([`HEADER_SIGNED_FROM`]): the
/// header (every envelope field but `checksum`, `signature` and `content`) as compact
/// JSON, a line feed, then the content text; so neither the time nor the sender nor
/// the round can be edited without breaking it. Version 1: the content text alone.
pub fn signed_message(env: &Envelope) -> String {
    if env.version < HEADER_SIGNED_FROM {
        return env.content.clone();
    }
    let header = SignedHeader {
        format: &env.format,
        version: env.version,
        kind: env.kind,
        made_by: &env.made_by,
        made_by_name: &env.made_by_name,
        made_at: &env.made_at,
        scheme: &env.scheme,
        round: &env.round,
    };
    // Plain data with string keys: serialising cannot fail.
    let mut m = serde_json::to_string(&header).unwrap_or_default();
    m.push('\n');
    m.push_str(&env.content);
    m
}

/// Puts content text in an envelope, signed by `sign` (HMAC or Ed25519, or none) over
/// [`signed_message`].
pub fn seal_with(
    header: Header,
    text: String,
    sign: impl FnOnce(&str) -> Option<String>,
) -> String {
    let mut env = Envelope {
        format: FORMAT_TAG.to_string(),
        version: FORMAT_VERSION,
        kind: header.kind,
        made_by: header.made_by,
        made_by_name: header.made_by_name,
        made_at: header.made_at,
        scheme: header.scheme,
        round: header.round,
        checksum: checksum(&text),
        signature: None,
        content: text,
    };
    env.signature = sign(&signed_message(&env));
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

const CONTENT: &str = "文件内容";

/// Reads a file: everything that can be checked without the application state.
pub fn read_package(bytes: &[u8]) -> Result<Package, ExchangeError> {
    read_package_with(bytes, FORMAT_VERSION, MIGRATIONS)
}

/// [`read_package`] with an explicit current version and migration list (for tests).
pub fn read_package_with(
    bytes: &[u8],
    current: u32,
    migrations: &[Migration],
) -> Result<Package, ExchangeError> {
    let text = decode_text(bytes)?;
    let raw = parse_json(ENVELOPE, text)?;
    // Not an object: there is no mark to name (said in words by the message).
    let obj = raw.as_object().ok_or_else(|| ExchangeError::WrongFormat {
        found: String::new(),
    })?;
    let format = obj.get("format").and_then(Value::as_str).unwrap_or("");
    if format != FORMAT_TAG {
        return Err(ExchangeError::WrongFormat {
            found: format.chars().take(40).collect(),
        });
    }
    let version = match obj.get("version").and_then(Value::as_u64) {
        Some(v) => u32::try_from(v).unwrap_or(u32::MAX),
        None => {
            return Err(ExchangeError::BadEnvelope {
                field: "version".to_string(),
                detail: "格式版本（version）应为正整数".to_string(),
            })
        }
    };
    if version > current {
        return Err(ExchangeError::NewerVersion {
            found: version,
            supported: current,
        });
    }
    if version == 0 {
        return Err(ExchangeError::BadVersion { found: 0 });
    }
    let kind_tag = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let kind = PackageKind::from_tag(kind_tag).ok_or_else(|| ExchangeError::UnknownKind {
        found: kind_tag.chars().take(40).collect(),
    })?;
    let envelope: Envelope = serde_json::from_value(raw.clone()).map_err(|e| envelope_error(&e))?;
    // Every string of the envelope (the sender's name, the time, the round's and the
    // scheme's names and ids…), not only some: the content is scanned below.
    let mut markup = Vec::new();
    for (field, v) in obj.iter().filter(|(k, _)| k.as_str() != "content") {
        scan_text(&format!("信封的 {field}"), v, &mut markup)?;
    }
    let actual = checksum(&envelope.content);
    if !actual.eq_ignore_ascii_case(&envelope.checksum) {
        return Err(ExchangeError::ChecksumMismatch {
            expected: short(&envelope.checksum),
            actual: short(&actual),
        });
    }
    // Far beyond any real round: refused before the content is parsed at all.
    if kind == PackageKind::Results && envelope.content.len() > MAX_RESULTS_BYTES {
        return Err(ExchangeError::BadContent {
            kind: kind.label().to_string(),
            detail: format!(
                "内容有 {} KB，远超任何一次考评的规模（上限 {} KB），已拒绝",
                envelope.content.len() / 1024,
                MAX_RESULTS_BYTES / 1024
            ),
        });
    }
    let mut value = parse_json(CONTENT, &envelope.content)?;
    scan_text("", &value, &mut markup)?;
    let migrated = version < current;
    for step in version..current {
        let migrate = migrations
            .get((step - 1) as usize)
            .ok_or_else(|| ExchangeError::Migration(format!("缺少从版本 {step} 升级的步骤")))?;
        value = migrate(kind, value)?;
    }
    let sender = envelope.made_by.describe(&envelope.made_by_name);
    let content = if migrated {
        Content::from_text(kind, &value.to_string(), &sender)?
    } else {
        Content::from_text(kind, &envelope.content, &sender)?
    };
    Ok(Package {
        envelope,
        content,
        markup,
    })
}

fn short(hex: &str) -> String {
    let s: String = hex.chars().take(12).collect();
    if hex.chars().count() > 12 {
        format!("{s}…")
    } else if s.is_empty() {
        "（空）".to_string()
    } else {
        s
    }
}

fn envelope_error(e: &serde_json::Error) -> ExchangeError {
    let msg = e.to_string();
    let field = msg
        .split('`')
        .nth(1)
        .filter(|_| msg.starts_with("missing field"))
        .unwrap_or("")
        .to_string();
    ExchangeError::BadEnvelope {
        field: if field.is_empty() {
            "信封".to_string()
        } else {
            field
        },
        detail: super::error::zh_serde(&msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answer_checksum_and_signature() {
        // SHA-256("abc") and HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog").
        assert_eq!(
            checksum("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let sig = sign("key", "The quick brown fox jumps over the lazy dog");
        assert_eq!(
            sig,
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
        assert!(verify(
            "key",
            "The quick brown fox jumps over the lazy dog",
            &sig
        ));
        assert!(!verify(
            "kez",
            "The quick brown fox jumps over the lazy dog",
            &sig
        ));
        assert!(!verify("key", "x", "zz"));
    }

    #[test]
    fn depth_counts_only_outside_strings() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            check_depth("x", deep.as_bytes()),
            Err(ExchangeError::TooDeep { .. })
        ));
        let quoted = format!("\"{deep}\\\"{deep}\"");
        assert!(check_depth("x", quoted.as_bytes()).is_ok());
    }

    #[test]
    fn markup_and_control_characters() {
        assert!(looks_like_markup("<script>alert(1)</script>"));
        assert!(!looks_like_markup("分值 < 5 分"));
        assert!(refused_char('\u{202E}'));
        assert!(refused_char('\u{0}'));
        assert!(!refused_char('\n'));
    }
}
