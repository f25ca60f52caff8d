//! The numbering of budget lines ("I", "1", "1.1", "2.6.1", "a", "A", "-", "+", "*") and the
//! outline levels it implies.
//!
//! Offices number a table's lines by level (I, II for parts; 1, 2 for items; a, b or "-" for
//! details), in a column of its own or at the start of the name ("1. Quốc lộ 1", "- BDTX
//! đường"). Which style is which level differs from office to office, so levels come from the
//! order the styles appear in: a style not seen in the lines above the current one opens a deeper
//! level; a style seen above returns to that level.

/// How a line is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    /// I, II, III …
    Roman,
    /// A, B, C …
    Upper,
    /// a, b, c … (also "a)", "a.")
    Lower,
    /// 1, 2, 3 … with this many dots (1.1 has one, 2.6.1 two).
    Arabic(u8),
    /// "-", "–", "—".
    Dash,
    /// "+".
    Plus,
    /// "*", "•".
    Star,
    /// No numbering.
    None,
}

/// A line's numbering: its style and the code as written ("2.6.1", "a", "-").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numbering {
    pub style: Style,
    pub code: String,
}

fn roman_value(s: &str) -> Option<u32> {
    const ROMAN: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
        "XVIII", "XIX", "XX",
    ];
    ROMAN.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

/// Reads a code cell ("I", "1", "1.1", "a", "-", "01", "2.6.1."). `None` when it is not a
/// numbering (a word, an account code of four digits or more is still Arabic).
pub(crate) fn of_code(text: &str) -> Option<Numbering> {
    let t = text.trim();
    let core = t.trim_end_matches(['.', ')', ':']).trim_start_matches('(').trim();
    if core.is_empty() {
        return match t {
            "-" | "–" | "—" => Some(Numbering { style: Style::Dash, code: "-".into() }),
            _ => None,
        };
    }
    let style = match core {
        "-" | "–" | "—" | "--" => Style::Dash,
        "+" => Style::Plus,
        "*" | "•" | "**" => Style::Star,
        _ if roman_value(core).is_some() => Style::Roman,
        _ if core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_uppercase()) => Style::Upper,
        _ if core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase()) => Style::Lower,
        _ if core.chars().all(|c| c.is_ascii_digit() || c == '.')
            && core.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !core.contains("..") =>
        {
            let dots = core.matches('.').count();
            Style::Arabic(u8::try_from(dots).unwrap_or(u8::MAX).min(8))
        }
        _ => return None,
    };
    Some(Numbering { style, code: core.to_string() })
}

/// Splits a numbering written at the start of a name: "1. Quốc lộ 1" → ("1", "Quốc lộ 1"),
/// "a) Nguồn" → ("a", "Nguồn"), " - BDTX đường" → ("-", "BDTX đường"), "I. Số dư" → ("I", "Số
/// dư"). A name without one comes back whole. A number that is part of the name ("2.000 hộ",
/// "5 trung tâm") is not a numbering: it must be followed by ".", ")" or a dash and a space, or
/// be a bullet.
pub(crate) fn split_name(name: &str) -> (Option<Numbering>, String) {
    let t = name.trim_start();
    let whole = || (None, name.trim().to_string());
    let mut chars = t.char_indices();
    let Some((_, first)) = chars.next() else { return whole() };
    // Bullets: "- ", "+ ", "* ", "• ".
    if matches!(first, '-' | '–' | '—' | '+' | '*' | '•') {
        let rest = t.get(first.len_utf8()..).unwrap_or_default();
        let rest_trim = rest.trim_start_matches(['-', '*']).trim_start();
        if rest_trim.is_empty() || rest_trim.starts_with(|c: char| c.is_ascii_digit()) && first == '-' {
            // "-5" is a number, not a bullet.
            return whole();
        }
        let style = match first {
            '+' => Style::Plus,
            '*' | '•' => Style::Star,
            _ => Style::Dash,
        };
        let code = match style {
            Style::Plus => "+",
            Style::Star => "*",
            _ => "-",
        };
        return (Some(Numbering { style, code: code.into() }), rest_trim.trim().to_string());
    }
    // "1.", "1.1.", "2.6.1", "a)", "I.", "A." followed by a space or the name.
    let head_end = t.find(|c: char| c.is_whitespace()).unwrap_or(t.len());
    let head = t.get(..head_end).unwrap_or_default();
    // "2.6.1 Trường": dotted numbers of one or two digits per part need no closing mark
    // (thousands are grouped by three: "2.000 hộ" is a number).
    let dotted = head.contains('.')
        && head
            .trim_end_matches('.')
            .split('.')
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    let closed = head.ends_with('.') || head.ends_with(')') || head.ends_with(':') || dotted;
    let core = head.trim_end_matches(['.', ')', ':']);
    let rest = t.get(head_end..).unwrap_or_default().trim();
    if !core.is_empty()
        && closed
        && !rest.is_empty()
        && let Some(n) = of_code(core)
    {
        let letters_ok = !matches!(n.style, Style::Upper | Style::Lower) || head.len() <= 2;
        if letters_ok && !matches!(n.style, Style::Dash | Style::Plus | Style::Star) {
            return (Some(n), rest.to_string());
        }
    }
    // "1.Quốc lộ 1": the number glued to the name.
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if !digits.is_empty()
        && digits.ends_with('.')
        && let Some(after) = t.get(digits.len()..)
        && after.starts_with(|c: char| c.is_alphabetic())
        && let Some(n) = of_code(&digits)
    {
        return (Some(n), after.trim().to_string());
    }
    whole()
}

/// Outline levels (0 = top) of lines numbered in these styles, in order: a style not open above
/// opens a deeper level; a style open above closes the levels below it. An unnumbered line is
/// not taken for a detail of a bulleted one ("- Trường A" then "Dự phòng"): it stands beside the
/// first bullet open above.
pub(crate) fn levels(styles: &[Style]) -> Vec<u8> {
    let mut open: Vec<Style> = Vec::new();
    let mut out = Vec::with_capacity(styles.len());
    for &style in styles {
        let bullet = |s: &Style| matches!(s, Style::Dash | Style::Plus | Style::Star);
        match open.iter().rposition(|s| *s == style) {
            Some(i) => open.truncate(i + 1),
            None if style == Style::None && open.iter().any(bullet) => {
                let b = open.iter().position(bullet).unwrap_or(open.len());
                open.truncate(b);
                open.push(style);
            }
            None => open.push(style),
        }
        out.push(u8::try_from(open.len().saturating_sub(1)).unwrap_or(u8::MAX).min(12));
    }
    out
}

/// Fixes letters read as Roman numerals: a "C", "D", "I", "V" or "X" right after the letter before
/// it in the alphabet ("H" then "I") is a letter; a lone "I" followed by "II" stays Roman.
pub(crate) fn disambiguate(numbering: &mut [Option<Numbering>]) {
    let mut previous_letter: Option<char> = None;
    for n in numbering.iter_mut().flatten() {
        let single = n.code.chars().count() == 1;
        let c = n.code.chars().next().unwrap_or(' ');
        match n.style {
            Style::Roman if single && previous_letter.is_some_and(|p| (p as u8).wrapping_add(1) == c as u8) => {
                n.style = Style::Upper;
                previous_letter = Some(c);
            }
            Style::Upper => previous_letter = Some(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(code: &str) -> Option<Style> {
        of_code(code).map(|n| n.style)
    }

    #[test]
    fn reads_codes() {
        assert_eq!(style("I"), Some(Style::Roman));
        assert_eq!(style("IV."), Some(Style::Roman));
        assert_eq!(style("A"), Some(Style::Upper));
        assert_eq!(style("a)"), Some(Style::Lower));
        assert_eq!(style("1"), Some(Style::Arabic(0)));
        assert_eq!(style("01"), Some(Style::Arabic(0)));
        assert_eq!(style("2.6"), Some(Style::Arabic(1)));
        assert_eq!(style("2.6.1"), Some(Style::Arabic(2)));
        assert_eq!(style("2.6.1."), Some(Style::Arabic(2)));
        assert_eq!(style("-"), Some(Style::Dash));
        assert_eq!(style("+"), Some(Style::Plus));
        assert_eq!(style("*"), Some(Style::Star));
        assert_eq!(style("Tổng"), None);
        assert_eq!(style("ab"), None);
    }

    #[test]
    fn splits_numbering_from_names() {
        let s = |t: &str| {
            let (n, rest) = split_name(t);
            (n.map(|n| n.code), rest)
        };
        assert_eq!(s("1. Quốc lộ 1"), (Some("1".into()), "Quốc lộ 1".into()));
        assert_eq!(s("1.Quốc lộ 1"), (Some("1".into()), "Quốc lộ 1".into()));
        assert_eq!(s("a) Nguồn Quỹ BTĐB TW:"), (Some("a".into()), "Nguồn Quỹ BTĐB TW:".into()));
        assert_eq!(s(" - BDTX đường"), (Some("-".into()), "BDTX đường".into()));
        assert_eq!(s(" + Văn phòng Cục"), (Some("+".into()), "Văn phòng Cục".into()));
        assert_eq!(s(" * Đấu thầu"), (Some("*".into()), "Đấu thầu".into()));
        assert_eq!(s("I. Số dư kinh phí"), (Some("I".into()), "Số dư kinh phí".into()));
        assert_eq!(s("2.6.1 Trường THCS"), (Some("2.6.1".into()), "Trường THCS".into()));
        assert_eq!(s("2.6.1. Trường THCS"), (Some("2.6.1".into()), "Trường THCS".into()));
        assert_eq!(s("5 trung tâm GDTX"), (None, "5 trung tâm GDTX".into()));
        assert_eq!(s("2.000 hộ gia đình"), (None, "2.000 hộ gia đình".into()));
        assert_eq!(s("-5"), (None, "-5".into()));
        assert_eq!(s("Tuyên truyền"), (None, "Tuyên truyền".into()));
    }

    #[test]
    fn levels_follow_the_order_styles_appear_in() {
        use Style::*;
        // I, 1, a, b, 2, II, -, -
        assert_eq!(levels(&[Roman, Arabic(0), Lower, Lower, Arabic(0), Roman, Dash, Dash]), [0, 1, 2, 2, 1, 0, 1, 1]);
        // I, 2, 2.6, 2.6.1, -, +, *, 2.7
        assert_eq!(
            levels(&[Roman, Arabic(0), Arabic(1), Arabic(2), Dash, Plus, Star, Arabic(1)]),
            [0, 1, 2, 3, 4, 5, 6, 2]
        );
        // Unnumbered lines stay level with each other.
        assert_eq!(levels(&[None, None, None]), [0, 0, 0]);
        // An unnumbered line after bullets stands beside the first bullet.
        assert_eq!(levels(&[Roman, Dash, Dash, None]), [0, 1, 1, 1]);
        // A style first seen deep opens a deeper level again after it was closed.
        assert_eq!(levels(&[Upper, Arabic(0), Upper, Roman, Arabic(0)]), [0, 1, 0, 1, 2]);
    }

    #[test]
    fn letters_are_not_roman_numerals_in_sequence() {
        let mut n: Vec<Option<Numbering>> = ["G", "H", "I", "K"].iter().map(|c| of_code(c)).collect();
        disambiguate(&mut n);
        assert!(n.iter().flatten().all(|x| x.style == Style::Upper));
        let mut n: Vec<Option<Numbering>> = ["I", "II"].iter().map(|c| of_code(c)).collect();
        disambiguate(&mut n);
        assert!(n.iter().flatten().all(|x| x.style == Style::Roman));
    }
}
