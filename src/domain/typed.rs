//! What people type through a Chinese input method: full-width digits and signs are
//! read as their ASCII forms before a number, year or date is parsed.

/// `text` trimmed, with full-width forms (digits, letters, `．` `－` `／` `％` and the
/// other signs of U+FF01–U+FF5E, and the ideographic space) as ASCII.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `text` with full-width digits and the signs `－` `＋` of a phone number as ASCII,
/// the rest as typed: a 联系方式 typed through a Chinese input method (`１３９…`) reads
/// and sorts as the number it is, its words untouched.
pub fn half_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | '－' | '＋' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// An identifier as typed, for comparing: half-width, upper case (`sfd-2021-001` and
/// `ＳＦＤ－２０２１－００１` are `SFD-2021-001`).
pub fn same_code(a: &str, b: &str) -> bool {
    half_width(a).to_uppercase() == half_width(b).to_uppercase()
}

/// The year in a 发文字号's brackets (`市直工委〔2027〕3号` → 2027), if it has one.
pub fn doc_no_year(doc_no: &str) -> Option<i32> {
    // Digits typed full-width (an input method left so) are the same year (a re-test:
    // 〔２０２５〕 went unchecked).
    let doc_no = half_width(doc_no);
    let doc_no = doc_no.as_str();
    let open = doc_no.find(['〔', '[', '［', '（', '('])?;
    let rest = &doc_no[open..];
    let rest = &rest[rest.chars().next()?.len_utf8()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].chars().next()?;
    (digits.len() == 4 && matches!(after, '〕' | ']' | '］' | '）' | ')'))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::{half_width, half_width_digits, same_code};

    #[test]
    fn a_phone_typed_full_width_reads_as_digits_and_its_words_stay() {
        assert_eq!(half_width_digits("１３９０００００００６"), "13900000006");
        assert_eq!(
            half_width_digits("０３１１－８８８８（办公室）"),
            "0311-8888（办公室）"
        );
    }

    #[test]
    fn full_width_reads_as_ascii() {
        assert_eq!(half_width(" １２ "), "12");
        assert_eq!(half_width("２０２６－０３／０１"), "2026-03/01");
        assert_eq!(half_width("３．５"), "3.5");
        assert_eq!(half_width("３０％"), "30%");
        assert_eq!(half_width("十二"), "十二");
        assert_eq!(half_width("　ＳＦＤ－２０２１－００１　"), "SFD-2021-001");
        assert!(same_code("sfd-2021-001", "ＳＦＤ－２０２１－００１"));
        assert!(!same_code("SFD-2021-001", "SFD-2021-002"));
    }
}
