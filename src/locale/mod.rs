//! Display language and number conventions: Vietnamese (1.095,5) or English (1,095.5).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod text;
pub use text::{Message, Text, label};

/// The display language, which also decides how numbers are written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese: `1.095,5`.
    #[default]
    Vi,
    /// English: `1,095.5`.
    En,
}

impl Lang {
    /// The code used in the `locale` select: `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Inverse of [`Lang::code`].
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        }
    }
}

/// Writes `value` with thousands grouping in the language's style, trailing zeros removed:
/// `format_decimal(1095.5, Vi)` is `"1.095,5"`.
pub fn format_decimal(value: Decimal, lang: Lang) -> String {
    let text = value.normalize().to_string();
    group_digits(&text, lang)
}

/// Like [`format_decimal`] with exactly `places` decimals (rounded half away from zero).
pub fn format_fixed(value: Decimal, lang: Lang, places: u32) -> String {
    let rounded = value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let mut text = rounded.to_string();
    if places > 0 {
        let have = text.split_once('.').map(|(_, f)| f.len()).unwrap_or(0);
        if have == 0 {
            text.push('.');
        }
        for _ in have..places as usize {
            text.push('0');
        }
    }
    group_digits(&text, lang)
}

/// Writes a share in percent: `format_percent(40, Vi)` is `"40 %"`, `33,3 %` with decimals.
pub fn format_percent(value: Decimal, lang: Lang) -> String {
    format!("{} %", format_decimal(value, lang))
}

fn group_digits(plain: &str, lang: Lang) -> String {
    let (group, decimal) = lang.separators();
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    out.push_str(sign);
    let digits = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// Why typed text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    /// Nothing but white space.
    #[error("empty")]
    Empty,
    /// Letters or symbols that are not part of a number.
    #[error("'{0}' is not a number")]
    NotANumber(String),
    /// Too many digits for an exact decimal (28 significant digits).
    #[error("'{0}' has too many digits")]
    TooLong(String),
}

impl Message for NumberError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Empty, Lang::Vi) => "Ô trống".into(),
            (Self::Empty, Lang::En) => "Empty".into(),
            (Self::NotANumber(t), Lang::Vi) => {
                format!("«{}» không phải là số. Ví dụ: 1.095,5", crate::text::clip(t, 40))
            }
            (Self::NotANumber(t), Lang::En) => {
                format!("'{}' is not a number. Example: 1,095.5", crate::text::clip(t, 40))
            }
            (Self::TooLong(t), Lang::Vi) => {
                format!("«{}» có quá nhiều chữ số", crate::text::clip(t, 40))
            }
            (Self::TooLong(t), Lang::En) => {
                format!("'{}' has too many digits", crate::text::clip(t, 40))
            }
        }
    }
}

/// Reads a number typed by a planner, in the language's style, and leniently in the other style
/// where that cannot be mistaken: in Vietnamese `1.095,5`, `1095,5`, `1.095` (one thousand and
/// ninety-five) and `3.5` (a lone dot not followed by three digits); in English the mirror image.
/// Spaces used as grouping, a leading `+`, and accounting negatives `(15)` are accepted.
pub fn parse_number(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    let (group, decimal) = lang.separators();
    parse_with(text, group, decimal)
}

fn parse_with(text: &str, group: char, decimal: char) -> Result<Decimal, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let not_a_number = || NumberError::NotANumber(trimmed.to_string());
    let (negative, body) = if let Some(inner) = trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        (true, inner.trim())
    } else if let Some(rest) = trimmed.strip_prefix('-').or_else(|| trimmed.strip_prefix('−')) {
        (true, rest.trim_start())
    } else if let Some(rest) = trimmed.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, trimmed)
    };
    // Spaces (also no-break and thin spaces) only ever group digits.
    let body: String = body.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
    if !body.chars().any(|c| c.is_ascii_digit()) || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(not_a_number());
    }
    let groups = body.matches(group).count();
    let decimals = body.matches(decimal).count();
    let canonical = if decimals > 1 {
        return Err(not_a_number());
    } else if decimals == 1 {
        let (int, frac) = body.split_once(decimal).ok_or_else(not_a_number)?;
        if frac.contains(group) || !valid_grouping(int, group) || frac.is_empty() && int.is_empty() {
            return Err(not_a_number());
        }
        format!("{}.{}", int.replace(group, ""), frac)
    } else if groups == 0 {
        body.clone()
    } else if valid_grouping(&body, group) {
        body.replace(group, "")
    } else if groups == 1 {
        // A lone separator that cannot be grouping is read as the decimal mark of the other style.
        body.replacen(group, ".", 1)
    } else {
        return Err(not_a_number());
    };
    let canonical = if canonical.starts_with('.') { format!("0{canonical}") } else { canonical };
    let canonical = canonical.strip_suffix('.').map(str::to_string).unwrap_or(canonical);
    let digits = canonical.chars().filter(|c| c.is_ascii_digit()).count();
    let value = Decimal::from_str(&canonical).map_err(|_| {
        if digits > 28 {
            NumberError::TooLong(trimmed.to_string())
        } else {
            NumberError::NotANumber(trimmed.to_string())
        }
    })?;
    if digits > 28 && value.scale() == 0 && canonical.len() > 29 {
        return Err(NumberError::TooLong(trimmed.to_string()));
    }
    Ok(if negative { -value } else { value })
}

/// Whether `int` is digits grouped by threes with `group` (or has no separator at all).
fn valid_grouping(int: &str, group: char) -> bool {
    if !int.contains(group) {
        return true;
    }
    let mut parts = int.split(group);
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
}

/// Reads a share typed as "40", "40 %", "40,5%" or "12.5 %".
pub fn parse_percent(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    let t = text.trim().trim_end_matches('%').trim_end();
    parse_number(t, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_both_styles() {
        assert_eq!(format_decimal(dec!(1095.5), Lang::Vi), "1.095,5");
        assert_eq!(format_decimal(dec!(1095.5), Lang::En), "1,095.5");
        assert_eq!(format_decimal(dec!(5400), Lang::Vi), "5.400");
        assert_eq!(format_decimal(dec!(2.160), Lang::Vi), "2,16");
        assert_eq!(format_decimal(dec!(-1234567.25), Lang::En), "-1,234,567.25");
        assert_eq!(format_decimal(dec!(0), Lang::Vi), "0");
        assert_eq!(format_decimal(dec!(999), Lang::Vi), "999");
        assert_eq!(format_fixed(dec!(3.08), Lang::Vi, 3), "3,080");
        assert_eq!(format_fixed(dec!(1095), Lang::En, 1), "1,095.0");
        assert_eq!(format_fixed(dec!(2.5), Lang::En, 0), "3");
        assert_eq!(format_percent(dec!(33.5), Lang::Vi), "33,5 %");
    }

    #[test]
    fn parses_vietnamese_style() {
        let vi = |s| parse_number(s, Lang::Vi);
        assert_eq!(vi("1.095,5"), Ok(dec!(1095.5)));
        assert_eq!(vi("1095,5"), Ok(dec!(1095.5)));
        assert_eq!(vi("1.095"), Ok(dec!(1095)));
        assert_eq!(vi("1.095.000"), Ok(dec!(1095000)));
        assert_eq!(vi("3,08"), Ok(dec!(3.08)));
        assert_eq!(vi("3.5"), Ok(dec!(3.5)));
        assert_eq!(vi(" 70 "), Ok(dec!(70)));
        assert_eq!(vi("-15,5"), Ok(dec!(-15.5)));
        assert_eq!(vi("(15)"), Ok(dec!(-15)));
        assert_eq!(vi("1 095,5"), Ok(dec!(1095.5)));
        assert_eq!(vi(",5"), Ok(dec!(0.5)));
        assert_eq!(vi("0"), Ok(dec!(0)));
    }

    #[test]
    fn parses_english_style() {
        let en = |s| parse_number(s, Lang::En);
        assert_eq!(en("1,095.5"), Ok(dec!(1095.5)));
        assert_eq!(en("1,095"), Ok(dec!(1095)));
        assert_eq!(en("1.095"), Ok(dec!(1.095)));
        assert_eq!(en("3,08"), Ok(dec!(3.08)));
        assert_eq!(en("+12"), Ok(dec!(12)));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in ["abc", "12a", "1,2,3.4.5", "1.2.3,4,5", "--5", "1,095,5", "1e5", "Tổng", ".", ","] {
            assert!(parse_number(bad, Lang::Vi).is_err(), "{bad} accepted");
        }
        assert_eq!(parse_number("   ", Lang::Vi), Err(NumberError::Empty));
        assert!(matches!(parse_number("1".repeat(40).as_str(), Lang::En), Err(NumberError::TooLong(_))));
    }

    #[test]
    fn parses_percent() {
        assert_eq!(parse_percent("40 %", Lang::Vi), Ok(dec!(40)));
        assert_eq!(parse_percent("12,5%", Lang::Vi), Ok(dec!(12.5)));
        assert_eq!(parse_percent("12.5", Lang::En), Ok(dec!(12.5)));
    }

    #[test]
    fn round_trips_formatting() {
        for v in [dec!(0), dec!(1), dec!(-1095.5), dec!(123456789.123456), dec!(0.000001)] {
            for lang in [Lang::Vi, Lang::En] {
                assert_eq!(parse_number(&format_decimal(v, lang), lang), Ok(v.normalize()), "{v} {lang:?}");
            }
        }
    }
}
