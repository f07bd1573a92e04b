//! Reading a file's bytes as text and JSON: size, strict UTF-8, nesting, refused
//! characters and markup, each refusal said in plain words.

use super::*;

/// Line (1-based) of a byte offset.
pub(super) fn line_of(text: &[u8], offset: usize) -> usize {
    1 + text[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Refuses nesting deeper than [`MAX_DEPTH`] before any parser recurses into it.
pub(crate) fn check_depth(place: &str, text: &[u8]) -> Result<(), ExchangeError> {
    let (mut depth, mut in_str, mut esc) = (0usize, false, false);
    for (i, &b) in text.iter().enumerate() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ExchangeError::TooDeep {
                        place: place.to_string(),
                        limit: MAX_DEPTH,
                        line: line_of(text, i),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

pub(super) fn parse_json(place: &str, text: &str) -> Result<Value, ExchangeError> {
    // Text that does not start as an object or an array is some other file chosen by
    // mistake, not a damaged one of ours (a clerk's review: a CSV whose first line began
    // 2026年, a number to JSON, was called damaged, and the clerk sent to copy it again;
    // a CSV's first field may be quoted as well).
    let first = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .next();
    if place == ENVELOPE && !matches!(first, Some('{' | '[')) {
        return Err(ExchangeError::NotData);
    }
    check_depth(place, text.as_bytes())?;
    serde_json::from_str(text).map_err(|e| ExchangeError::NotJson {
        place: place.to_string(),
        line: e.line(),
        column: e.column(),
        detail: json_detail(&e),
    })
}

pub(super) fn json_detail(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件在中途结束".to_string(),
        Category::Syntax => "语法错误".to_string(),
        Category::Io => "读取失败".to_string(),
        Category::Data => crate::domain::exchange::error::zh_serde(&e.to_string()),
    }
}

/// Characters refused in any string: control characters other than tab and line
/// breaks, and the bidirectional overrides that can disguise text.
pub(super) fn refused_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Looks like markup: `<` followed by a letter, `/`, `!` or `?`.
pub(super) fn looks_like_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Walks every string (keys too): refuses control characters, collects markup.
/// `place` names `v` in what is said (`""` for the top); below it, keys are joined
/// with `.` and indices written `[i]`.
pub(crate) fn scan_text(
    place: &str,
    v: &Value,
    markup: &mut Vec<(String, String)>,
) -> Result<(), ExchangeError> {
    walk(place, &mut Vec::new(), v, markup)
}

/// One step of the path from `place` down to a string.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path written out, only when something is said about it: a large city has
/// hundreds of thousands of strings, and naming each as it is passed cost more than
/// checking it.
fn path_text(place: &str, path: &[Step]) -> String {
    let mut at = place.to_string();
    for step in path {
        match step {
            Step::Key(k) if at.is_empty() => at.push_str(k),
            Step::Key(k) => {
                at.push('.');
                at.push_str(k);
            }
            Step::Index(i) => at.push_str(&format!("[{i}]")),
        }
    }
    at
}

fn check_string(
    s: &str,
    place: &str,
    path: &[Step],
    markup: &mut Vec<(String, String)>,
) -> Result<(), ExchangeError> {
    if let Some(c) = s.chars().find(|&c| refused_char(c)) {
        return Err(ExchangeError::BadText {
            place: path_text(place, path),
            code: c as u32,
        });
    }
    if markup.len() < 50 && looks_like_markup(s) {
        markup.push((path_text(place, path), s.chars().take(40).collect()));
    }
    Ok(())
}

fn walk<'a>(
    place: &str,
    path: &mut Vec<Step<'a>>,
    v: &'a Value,
    markup: &mut Vec<(String, String)>,
) -> Result<(), ExchangeError> {
    match v {
        Value::String(s) => check_string(s, place, path, markup),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(Step::Index(i));
                let r = walk(place, path, x, markup);
                path.pop();
                r?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, x) in map {
                path.push(Step::Key(k));
                let r = check_string(k, place, path, markup)
                    .and_then(|()| walk(place, path, x, markup));
                path.pop();
                r?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The first checks of every file, whichever door it comes through (数据交换 or
/// 数据管理 → 从备份恢复): size, a leading BOM dropped, not empty, strict UTF-8 (never
/// replaced silently). A file cut inside a multi-byte character is said to be cut.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ExchangeError> {
    if bytes.len() > MAX_BYTES {
        // Rounded up, so one byte over the limit never reads as the limit itself.
        let tenths = (bytes.len() as u64 * 10).div_ceil(1024 * 1024);
        return Err(ExchangeError::TooLarge {
            size_mb: format!("{}.{}", tenths / 10, tenths % 10),
            limit_mb: MAX_BYTES / (1024 * 1024),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExchangeError::Empty);
    }
    // Notepad's "Unicode": the text of an exported file saved again in another encoding.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ExchangeError::Utf16);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let text_like = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'['));
        if e.error_len().is_none() {
            ExchangeError::CutShort { offset }
        } else if text_like {
            ExchangeError::BadBytes { offset }
        } else {
            ExchangeError::NotUtf8 { offset }
        }
    })
}

/// The whole file, as its errors name it (a backup is one too: "交换文件" read wrong
/// to a clerk restoring one).
pub(crate) const ENVELOPE: &str = "文件";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_the_path_from_the_top() {
        let v: Value = serde_json::json!({
            "units": [{ "name": "好" }, { "name": "<b>市委</b>" }],
            "zones": [{ "notes": ["a", "b\u{0007}"] }]
        });
        // Keys in order: the markup under "units" is seen before the refusal.
        let mut markup = Vec::new();
        let err = scan_text("", &v, &mut markup).unwrap_err();
        assert_eq!(
            err,
            ExchangeError::BadText {
                place: "zones[0].notes[1]".into(),
                code: 7
            }
        );
        assert_eq!(
            markup,
            vec![("units[1].name".to_string(), "<b>市委</b>".to_string())]
        );
        let mut markup = Vec::new();
        scan_text("信封的 made_by", &serde_json::json!(["<p>"]), &mut markup).unwrap();
        assert_eq!(markup[0].0, "信封的 made_by[0]");
        let keyed = serde_json::json!({ "a\u{202E}b": 1 });
        let err = scan_text("信封的 x", &keyed, &mut Vec::new()).unwrap_err();
        assert!(
            matches!(err, ExchangeError::BadText { place, code: 0x202E } if place == "信封的 x.a\u{202E}b")
        );
    }
}
