//! The stored layout of one copy's data: **parts and a manifest**, so that one edit
//! rewrites only what it changed (see `docs/architecture.md`, "Storage layout").
//!
//! * Each round is one *part*, and everything else (units, outcomes, settings…) is one
//!   more part, the *rest*. A part is packed like a stored document (DEFLATE, 15 bits
//!   a character, see [`super::packing`]) and stored under a name made from a hash of
//!   its packed text: a changed part always gets a new name, so writing it never
//!   touches the part the stored manifest names.
//! * The *manifest*, under the state key and written last, names the parts of one
//!   revision. Its first line is the same header as a packed document's (format,
//!   schema, rev, saved_at, writer, parent), with `"packing":"parts"`:
//!
//! ```text
//! {"format":"exemplar-state","schema":1,"rev":12,"saved_at":"…","writer":"t…","packing":"parts"}
//! {"rest":"3f9a…","rounds":["c01b…","77de…"]}
//! ```
//!
//! * Changed score sheets may instead travel in the manifest itself (`"sheets"`, see
//!   [`SheetDelta`]), on top of the round parts it names: a typed score then rewrites
//!   the manifest alone (a few hundred characters), not its round's part. Once the
//!   manifest carries more than [`MAX_SHEETS`] sheets, their rounds' parts are written
//!   again and the manifest drops them. Such a manifest says `"packing":"parts+sheets"`,
//!   so an app from before it refuses it (and falls back to its previous copy) instead
//!   of reading the round parts without the sheets.
//!
//! A crash between part writes leaves the old manifest, whose parts are all still
//! there: the loader reads only the parts the manifest names, so it never sees a mix.
//! Parts no manifest names any more are removed after a save ([`unused_parts`]).
//! The single packed value the app stored before (`"packing":"deflate-u15"`) still
//! loads ([`read_stored`]); the first save then writes the parts and a manifest.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::document::{self, Document, DocumentError, FORMAT_TAG, SCHEMA_VERSION};
use super::model::{AppState, Round, ScoreSheet, Shared};
use super::packing;
use super::revisions::Stamp;

mod plan;
mod salvage;

pub use plan::{plan_save, rest_eq, rest_of, PartCache, SavePlan};
pub use salvage::{salvage, Salvaged};

/// The `packing` value of a manifest's header.
pub const LAYOUT: &str = "parts";

/// The `packing` value of a manifest that also carries changed sheets.
pub const LAYOUT_SHEETS: &str = "parts+sheets";

/// The most changed sheets a manifest carries before their rounds' parts are written.
pub const MAX_SHEETS: usize = 32;

/// A score sheet that differs from its round's part: sheet `at` of round `round` (the
/// manifest's order) is `sheet`, or, with `at` the part's number of sheets, is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetDelta {
    #[serde(rename = "r")]
    pub round: usize,
    #[serde(rename = "i")]
    pub at: usize,
    #[serde(rename = "s")]
    pub sheet: ScoreSheet,
}

/// The names of the parts of one stored revision, and its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub schema: u32,
    pub stamp: Stamp,
    /// The writer of the revision this one was saved on top of.
    pub parent_writer: String,
    pub saved_at: String,
    /// The part holding everything but the rounds.
    pub rest: String,
    /// The parts holding the rounds, in the state's order.
    pub rounds: Vec<String>,
    /// Sheets changed since their rounds' parts were written, in order of round and
    /// position.
    pub sheets: Vec<SheetDelta>,
}

#[derive(Serialize, Deserialize)]
struct ManifestBody {
    rest: String,
    #[serde(default)]
    rounds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sheets: Vec<SheetDelta>,
}

#[derive(Deserialize)]
struct ManifestHeader {
    format: String,
    #[serde(default)]
    schema: u32,
    #[serde(default)]
    rev: u64,
    #[serde(default)]
    saved_at: String,
    #[serde(default)]
    writer: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    packing: Option<String>,
}

impl Manifest {
    /// The stored text: the header line, then the part names.
    pub fn to_stored(&self) -> String {
        let named = |key: &str, v: &str| {
            if v.is_empty() {
                String::new()
            } else {
                format!(",\"{key}\":{}", serde_json::Value::String(v.to_string()))
            }
        };
        let body = ManifestBody {
            rest: self.rest.clone(),
            rounds: self.rounds.clone(),
            sheets: self.sheets.clone(),
        };
        let layout = if self.sheets.is_empty() {
            LAYOUT
        } else {
            LAYOUT_SHEETS
        };
        // Written by hand to keep format, schema and rev first, as peek_header expects.
        format!(
            "{{\"format\":\"{FORMAT_TAG}\",\"schema\":{},\"rev\":{},\"saved_at\":{}{}{},\"packing\":\"{layout}\"}}\n{}",
            self.schema,
            self.stamp.rev,
            serde_json::Value::String(self.saved_at.clone()),
            named("writer", &self.stamp.writer),
            named("parent", &self.parent_writer),
            serde_json::to_string(&body).unwrap_or_default()
        )
    }

    /// The positions of the sheets this manifest carries for its `round`-th round.
    pub fn carried_in(&self, round: usize) -> std::collections::BTreeSet<usize> {
        self.sheets
            .iter()
            .filter(|d| d.round == round)
            .map(|d| d.at)
            .collect()
    }

    /// Every part this manifest names.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.rest.as_str()).chain(self.rounds.iter().map(String::as_str))
    }
}

/// Whether a stored value is a manifest (and not a packed or plain document).
pub fn is_manifest(raw: &str) -> bool {
    raw.split_once('\n')
        .and_then(|(head, _)| serde_json::from_str::<ManifestHeader>(head).ok())
        .is_some_and(|h| is_layout(h.packing.as_deref()))
}

fn is_layout(packing: Option<&str>) -> bool {
    matches!(packing, Some(LAYOUT | LAYOUT_SHEETS))
}

/// Reads a manifest; a newer schema is refused.
pub fn parse_manifest(raw: &str) -> Result<Manifest, DocumentError> {
    let (head, body) = raw
        .split_once('\n')
        .ok_or_else(|| DocumentError::NotJson("数据目录不完整".into()))?;
    let h: ManifestHeader =
        serde_json::from_str(head).map_err(|e| DocumentError::NotJson(e.to_string()))?;
    if h.format != FORMAT_TAG {
        return Err(DocumentError::WrongFormat);
    }
    if h.schema > SCHEMA_VERSION {
        return Err(DocumentError::NewerSchema {
            found: h.schema,
            supported: SCHEMA_VERSION,
        });
    }
    if !is_layout(h.packing.as_deref()) {
        return Err(DocumentError::BadContent("不是分块保存的数据目录".into()));
    }
    let b: ManifestBody =
        serde_json::from_str(body).map_err(|e| DocumentError::NotJson(e.to_string()))?;
    Ok(Manifest {
        schema: h.schema,
        stamp: Stamp::new(h.rev, &h.writer),
        parent_writer: h.parent,
        saved_at: h.saved_at,
        rest: b.rest,
        rounds: b.rounds,
        sheets: b.sheets,
    })
}

/// One part as stored: its name and its packed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub value: String,
}

#[derive(Deserialize)]
struct PartHeader {
    bytes: usize,
}

/// Packs the JSON of one part; its name is a hash of the packed text.
pub fn pack_part(json: &str) -> Part {
    let (body, bytes) = packing::deflate15(json);
    let value = format!("{{\"bytes\":{bytes}}}\n{body}");
    Part {
        name: part_name(&value),
        value,
    }
}

/// The name of a part with packed text `value`: 24 hex digits of its SHA-256.
pub fn part_name(value: &str) -> String {
    Sha256::digest(value.as_bytes())[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The JSON inside part `name`, checked against its name.
pub fn unpack_part(name: &str, raw: &str) -> Result<String, DocumentError> {
    if part_name(raw) != name {
        return Err(DocumentError::NotJson("数据的一部分已损坏".into()));
    }
    let (head, body) = raw
        .split_once('\n')
        .ok_or_else(|| DocumentError::NotJson("数据的一部分已损坏".into()))?;
    let h: PartHeader =
        serde_json::from_str(head).map_err(|e| DocumentError::NotJson(e.to_string()))?;
    packing::inflate15(body, h.bytes)
}

/// Joins the parts a manifest names into the document, reading each part with
/// `read_part(name)`. A part that is missing or damaged is an error (nothing is
/// guessed).
pub fn join(
    m: &Manifest,
    read_part: impl Fn(&str) -> Option<String>,
) -> Result<Document, DocumentError> {
    join_cached(m, &PartCache::default(), read_part)
}

/// [`join`], taking from `cache` the parts it already holds (a part's name is the hash
/// of its content, so a cached part with the same name is the same content): another
/// tab's save of one typed score is taken in without reading the whole city again.
pub fn join_cached(
    m: &Manifest,
    cache: &PartCache,
    read_part: impl Fn(&str) -> Option<String>,
) -> Result<Document, DocumentError> {
    if m.schema == SCHEMA_VERSION {
        if let Some(mut state) = cache.state_for(m) {
            apply_sheets(&mut state, &m.sheets)?;
            return Ok(Document {
                rev: m.stamp.rev,
                saved_at: m.saved_at.clone(),
                state,
            });
        }
    }
    let json = |name: &str| -> Result<String, DocumentError> {
        let raw =
            read_part(name).ok_or_else(|| DocumentError::NotJson("数据的一部分缺失".into()))?;
        unpack_part(name, &raw)
    };
    let rest = json(&m.rest)?;
    let rounds = m
        .rounds
        .iter()
        .map(|n| json(n))
        .collect::<Result<Vec<_>, _>>()?;
    if m.schema == SCHEMA_VERSION {
        let bad = |e: serde_json::Error| DocumentError::BadContent(e.to_string());
        let mut state: AppState = serde_json::from_str(&rest).map_err(bad)?;
        state.rounds = rounds
            .iter()
            .map(|r| serde_json::from_str::<Round>(r).map(Shared::new))
            .collect::<Result<_, _>>()
            .map_err(bad)?;
        apply_sheets(&mut state, &m.sheets)?;
        return Ok(Document {
            rev: m.stamp.rev,
            saved_at: m.saved_at.clone(),
            state,
        });
    }
    // An older schema: put the whole document together and let its migrations run.
    let doc = format!(
        "{{\"format\":\"{FORMAT_TAG}\",\"schema\":{},\"rev\":{},\"saved_at\":{},\"state\":{}}}",
        m.schema,
        m.stamp.rev,
        serde_json::Value::String(m.saved_at.clone()),
        with_rounds(&rest, &rounds)?
    );
    // The sheets are in this app's form: put them in after the migrations.
    let mut doc = document::parse(&doc)?;
    apply_sheets(&mut doc.state, &m.sheets)?;
    Ok(doc)
}

/// Puts the manifest's changed sheets into the rounds read from the parts. A sheet
/// that points past its round's sheets is an error (nothing is guessed).
pub fn apply_sheets(state: &mut AppState, sheets: &[SheetDelta]) -> Result<(), DocumentError> {
    for d in sheets {
        let put = state
            .rounds
            .get_mut(d.round)
            .is_some_and(|r| r.sheets.put(d.at, d.sheet.clone()));
        if !put {
            return Err(DocumentError::BadContent(
                "数据目录中的评分表与轮次对不上".into(),
            ));
        }
    }
    Ok(())
}

/// The rest's JSON object with `rounds` set to the rounds' JSON (older schemas only).
fn with_rounds(rest: &str, rounds: &[String]) -> Result<String, DocumentError> {
    let bad = |e: serde_json::Error| DocumentError::NotJson(e.to_string());
    let mut v: serde_json::Value = serde_json::from_str(rest).map_err(bad)?;
    let rs = rounds
        .iter()
        .map(|r| serde_json::from_str::<serde_json::Value>(r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    match v.as_object_mut() {
        Some(o) => {
            o.insert("rounds".into(), serde_json::Value::Array(rs));
        }
        None => return Err(DocumentError::BadContent("数据目录指向的内容不对".into())),
    }
    Ok(v.to_string())
}

/// Reads a stored value in any layout: a manifest (its parts read with `read_part`),
/// or the single packed or plain document stored before parts existed.
pub fn read_stored(
    raw: &str,
    read_part: impl Fn(&str) -> Option<String>,
) -> Result<Document, DocumentError> {
    read_stored_cached(raw, &PartCache::default(), read_part)
}

/// [`read_stored`], taking from `cache` the parts it holds (see [`join_cached`]).
pub fn read_stored_cached(
    raw: &str,
    cache: &PartCache,
    read_part: impl Fn(&str) -> Option<String>,
) -> Result<Document, DocumentError> {
    if is_manifest(raw) {
        join_cached(&parse_manifest(raw)?, cache, read_part)
    } else {
        packing::parse_stored(raw)
    }
}

/// The stored parts (by name) that none of `keep` names: what a save may remove.
pub fn unused_parts<'a>(stored: &'a [String], keep: &[&Manifest]) -> Vec<&'a str> {
    let named: std::collections::HashSet<&str> = keep.iter().flat_map(|m| m.parts()).collect();
    stored
        .iter()
        .map(String::as_str)
        .filter(|n| !named.contains(n))
        .collect()
}

#[cfg(test)]
mod tests;
