//! Text helpers for recognising Vietnamese labels regardless of accents, case and spacing.

pub mod legacy;

/// Folds Vietnamese text for matching: lower case, accents removed (đ → d), runs of white space
/// collapsed into one space, trimmed.
///
/// `fold("Cộng  GĐ 1")` is `"cong gd 1"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for lower in ch.to_lowercase() {
            out.push(strip_accent(lower));
        }
    }
    out
}

/// Maps one lower-case Vietnamese letter to its base Latin letter.
fn strip_accent(ch: char) -> char {
    const GROUPS: [(&str, char); 7] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ìíịỉĩ", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ỳýỵỷỹ", 'y'),
        ("đ", 'd'),
    ];
    if ch.is_ascii() {
        return ch;
    }
    for (set, base) in GROUPS {
        if set.contains(ch) {
            return base;
        }
    }
    // Combining marks (text in decomposed form) are dropped by mapping to themselves; callers
    // compare folded strings, so a stray mark only prevents a match, never invents one.
    ch
}

/// Shortens `text` to at most `max` characters, marking the cut with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// A file name safe on every system, from a draft name: `Bắc Kạn 2012/2020` → `Bắc Kạn 2012-2020.json`.
pub fn file_name(name: &str, extension: &str) -> String {
    let cleaned: String =
        name.chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect();
    let cleaned = cleaned.trim().trim_matches('.');
    let base = if cleaned.is_empty() { "kehoach".to_string() } else { cleaned.chars().take(120).collect() };
    format!("{base}.{extension}")
}

/// A size in bytes for a message, in Vietnamese and English: `(“1,2 TB”, “1.2 TB”)`, one
/// decimal from KB up.
pub fn byte_size(bytes: u64) -> (String, String) {
    use rust_decimal::Decimal;
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return (format!("{bytes} byte"), format!("{bytes} bytes"));
    }
    let mut value = Decimal::from(bytes) / Decimal::from(1024);
    let mut unit = 0;
    while value >= Decimal::from(1024) && unit + 1 < UNITS.len() {
        value /= Decimal::from(1024);
        unit += 1;
    }
    let value = value.round_dp(1);
    let name = UNITS.get(unit).copied().unwrap_or("PB");
    let show = |lang| format!("{} {name}", crate::locale::format_decimal(value, lang));
    (show(crate::locale::Lang::Vi), show(crate::locale::Lang::En))
}

#[cfg(test)]
mod tests {

    #[test]
    fn byte_sizes_read_as_a_planner_says_them() {
        assert_eq!(byte_size(512), ("512 byte".to_string(), "512 bytes".to_string()));
        assert_eq!(byte_size(1_280_437_129_920), ("1,2 TB".to_string(), "1.2 TB".to_string()));
        assert_eq!(byte_size(1 << 30).1, "1 GB");
        assert_eq!(byte_size(30 * 1024 * 1024 + 512 * 1024).0, "30,5 MB");
    }
    use super::*;

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("  Cộng  GĐ 1 "), "cong gd 1");
        assert_eq!(fold("Tổng số"), "tong so");
        assert_eq!(fold("Đơn vị tính: Triệu đồng"), "don vi tinh: trieu dong");
        assert_eq!(fold("Ngân sách Trung ương"), "ngan sach trung uong");
        assert_eq!(fold("Giai đoạn\n1"), "giai doan 1");
    }

    #[test]
    fn makes_safe_file_names() {
        assert_eq!(file_name("Bắc Kạn 2012/2020", "json"), "Bắc Kạn 2012-2020.json");
        assert_eq!(file_name("  ", "xlsx"), "kehoach.xlsx");
        assert_eq!(file_name("a:b*c?", "json"), "a-b-c-.json");
    }

    #[test]
    fn clips_long_text() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
