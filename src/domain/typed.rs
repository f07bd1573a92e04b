//! What people type through a Chinese input method: full-width digits and signs are
//! read as their ASCII forms before a number, year or date is parsed.

/// `text` trimmed, with full-width digits and `．` `－` `／` `％` as ASCII.
pub fn half_width(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            '／' => '/',
            '％' => '%',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::half_width;

    #[test]
    fn full_width_reads_as_ascii() {
        assert_eq!(half_width(" １２ "), "12");
        assert_eq!(half_width("２０２６－０３／０１"), "2026-03/01");
        assert_eq!(half_width("３．５"), "3.5");
        assert_eq!(half_width("３０％"), "30%");
        assert_eq!(half_width("十二"), "十二");
    }
}
