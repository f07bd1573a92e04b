//! The packed form of a stored document, so that a large city's data and its previous
//! copy both fit in local storage (see `docs/performance.md`).
//!
//! A packed value is one header line (plain JSON, readable by
//! [`document::peek_header`](super::document::peek_header)) and, after a newline, the
//! document's JSON compressed with DEFLATE and written 15 bits per character in the
//! range U+4000–U+BFFF (no surrogates, one UTF-16 code unit each):
//!
//! ```text
//! {"format":"exemplar-state","schema":1,"rev":12,"saved_at":"…","packing":"deflate-u15","bytes":81234}
//! 䀀䁂…
//! ```
//!
//! Backup files stay plain JSON; only local storage holds the packed form. A plain
//! document is still read as it is.

use serde::Deserialize;

use super::document::{self, Document, DocumentError, FORMAT_TAG, SCHEMA_VERSION};
use super::model::AppState;
use super::revisions::Stamp;

/// The `packing` value of the header.
pub const PACKING: &str = "deflate-u15";

/// The first character of the 15-bit alphabet.
const BASE: u32 = 0x4000;

/// Largest document accepted when unpacking (guards against a crafted value).
const MAX_UNPACKED: usize = 256 * 1024 * 1024;

#[derive(Deserialize)]
struct PackedHeader {
    format: String,
    packing: Option<String>,
    bytes: Option<usize>,
}

/// Packs `state` as revision `rev`, with no writer named (snapshots, tests).
pub fn pack(state: &AppState, rev: u64, saved_at: &str) -> String {
    pack_stamped(state, &Stamp::new(rev, ""), "", saved_at)
}

/// Packs `state` as `stamp`, saved on top of the revision before it written by
/// `parent_writer` (see [`super::revisions`]).
pub fn pack_stamped(
    state: &AppState,
    stamp: &Stamp,
    parent_writer: &str,
    saved_at: &str,
) -> String {
    let plain = document::serialize(state, stamp.rev, saved_at);
    let deflated = miniz_oxide::deflate::compress_to_vec(plain.as_bytes(), 6);
    let named = |key: &str, v: &str| {
        if v.is_empty() {
            String::new()
        } else {
            format!(",\"{key}\":{}", serde_json::Value::String(v.to_string()))
        }
    };
    // Written by hand to keep format, schema and rev first, as peek_header expects.
    let mut out = format!(
        "{{\"format\":\"{FORMAT_TAG}\",\"schema\":{SCHEMA_VERSION},\"rev\":{},\"saved_at\":{}{}{},\"packing\":\"{PACKING}\",\"bytes\":{}}}\n",
        stamp.rev,
        serde_json::Value::String(saved_at.to_string()),
        named("writer", &stamp.writer),
        named("parent", parent_writer),
        deflated.len()
    );
    encode15(&deflated, &mut out);
    out
}

/// The DEFLATE level of [`deflate15`]: the fastest, since a part is written on every
/// saved change. For a round of the large city (169,000 characters of JSON) level 1
/// packed natively in 1–6 ms against 10–23 ms at level 6, into 19,628 characters
/// against 13,050: the typed score reaches storage sooner, for a little more space.
const PART_LEVEL: u8 = 1;

/// `plain` compressed with DEFLATE and written 15 bits per character, with the number
/// of compressed bytes (needed to read it back; see [`inflate15`]).
pub fn deflate15(plain: &str) -> (String, usize) {
    let deflated = miniz_oxide::deflate::compress_to_vec(plain.as_bytes(), PART_LEVEL);
    let mut out = String::with_capacity(deflated.len() * 8 / 15 + 2);
    encode15(&deflated, &mut out);
    (out, deflated.len())
}

/// The text [`deflate15`] packed into `body` (`bytes` compressed bytes).
pub fn inflate15(body: &str, bytes: usize) -> Result<String, DocumentError> {
    let deflated = decode15(body, bytes)?;
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_UNPACKED)
        .map_err(|_| DocumentError::NotJson("压缩数据已损坏".into()))?;
    String::from_utf8(plain).map_err(|_| DocumentError::NotJson("压缩数据已损坏".into()))
}

/// Reads a stored value, packed or plain.
pub fn parse_stored(raw: &str) -> Result<Document, DocumentError> {
    match unpack(raw)? {
        Some(plain) => document::parse(&plain),
        None => document::parse(raw),
    }
}

/// The plain document inside a packed value; `None` when `raw` is not packed.
pub fn unpack(raw: &str) -> Result<Option<String>, DocumentError> {
    let Some((head, body)) = raw.split_once('\n') else {
        return Ok(None);
    };
    let Ok(h) = serde_json::from_str::<PackedHeader>(head) else {
        return Ok(None);
    };
    if h.format != FORMAT_TAG {
        return Err(DocumentError::WrongFormat);
    }
    match h.packing.as_deref() {
        None => return Ok(None),
        Some(PACKING) => {}
        Some(other) => {
            return Err(DocumentError::BadContent(format!(
                "未知的压缩方式“{other}”"
            )))
        }
    }
    if let Some(d) = document::peek_header(head) {
        if d.schema > SCHEMA_VERSION {
            return Err(DocumentError::NewerSchema {
                found: d.schema,
                supported: SCHEMA_VERSION,
            });
        }
    }
    let bytes = h
        .bytes
        .ok_or_else(|| DocumentError::BadContent("压缩数据缺少长度".into()))?;
    inflate15(body, bytes).map(Some)
}

/// Appends `bytes` as 15-bit characters.
fn encode15(bytes: &[u8], out: &mut String) {
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push15(out, (acc >> bits) & 0x7fff);
        }
    }
    if bits > 0 {
        push15(out, (acc << (15 - bits)) & 0x7fff);
    }
}

fn push15(out: &mut String, v: u32) {
    // BASE + v ≤ 0xBFFF: never a surrogate, always a valid char.
    if let Some(c) = char::from_u32(BASE + v) {
        out.push(c);
    }
}

/// Reads `len` bytes back from 15-bit characters.
fn decode15(text: &str, len: usize) -> Result<Vec<u8>, DocumentError> {
    let bad = || DocumentError::NotJson("压缩数据已损坏或被截断".into());
    if len > MAX_UNPACKED {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.chars() {
        let v = (c as u32)
            .checked_sub(BASE)
            .filter(|v| *v <= 0x7fff)
            .ok_or_else(bad)?;
        acc = ((acc << 15) | v) & 0x3fff_ffff;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if out.len() != len {
        return Err(bad());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;

    #[test]
    fn packs_and_unpacks_to_the_same_state() {
        let s = sample_city(7);
        let packed = pack(&s, 9, "2026-11-28T00:00:00Z");
        let doc = parse_stored(&packed).unwrap();
        assert_eq!(doc.state, s);
        assert_eq!(doc.rev, 9);
        let plain = document::serialize(&s, 9, "x");
        assert!(
            packed.chars().count() * 4 < plain.chars().count(),
            "packed {} vs plain {}",
            packed.chars().count(),
            plain.chars().count()
        );
        assert_eq!(document::peek_header(&packed).map(|h| h.rev), Some(9));
    }

    #[test]
    fn plain_documents_still_read() {
        let s = sample_city(1);
        let plain = document::serialize(&s, 3, "t");
        assert_eq!(parse_stored(&plain).unwrap().state, s);
    }

    #[test]
    fn every_byte_pattern_round_trips() {
        for len in 0..64usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            let mut s = String::new();
            encode15(&bytes, &mut s);
            assert!(s.chars().all(|c| (0x4000..=0xBFFF).contains(&(c as u32))));
            assert_eq!(decode15(&s, len).unwrap(), bytes);
        }
    }

    #[test]
    fn damaged_packed_values_are_errors() {
        let s = sample_city(2);
        let packed = pack(&s, 1, "t");
        let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
        assert!(matches!(parse_stored(&cut), Err(DocumentError::NotJson(_))));
        let mut flipped: Vec<char> = packed.chars().collect();
        let n = flipped.len();
        flipped[n - 10] = 'A';
        let flipped: String = flipped.into_iter().collect();
        assert!(parse_stored(&flipped).is_err());
        let newer = packed.replacen("\"schema\":1", "\"schema\":9", 1);
        assert!(matches!(
            parse_stored(&newer),
            Err(DocumentError::NewerSchema { .. })
        ));
        let odd = packed.replacen(PACKING, "zstd", 1);
        assert!(matches!(
            parse_stored(&odd),
            Err(DocumentError::BadContent(_))
        ));
    }
}
