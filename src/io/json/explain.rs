//! serde's errors told to a planner, wholly in Vietnamese or wholly in English: no "invalid
//! type: boolean `true`, expected a Decimal type representing a fixed-point number" inside a
//! Vietnamese sentence. Each error is sorted into a kind (wrong type, bad number, unknown value,
//! missing field, repeated field, bad key, syntax at line:column) and said with what to write.

use serde_json::Value;

use super::{LoadError, join_key};
use crate::text::clip;

/// What serde said, sorted.
#[derive(Debug, PartialEq, Eq)]
enum Kind<'a> {
    /// `invalid type: {got}, expected {expected}`.
    WrongType { got: &'a str, expected: &'a str },
    /// `invalid value: {got}, expected {expected}` (a decimal that does not parse, an integer
    /// out of range).
    InvalidValue { got: &'a str, expected: &'a str },
    /// `unknown variant `x`, expected one of `a`, `b``.
    UnknownVariant { got: &'a str, allowed: Vec<&'a str> },
    /// `missing field `f``.
    Missing(&'a str),
    /// `duplicate field `f``.
    Duplicate(&'a str),
    /// A map key that is not the number it must be (a year, a phase id).
    BadKey,
    /// Anything else.
    Other,
}

/// The text between the first pair of backticks of `s`.
fn ticked(s: &str) -> Option<&str> {
    let (_, rest) = s.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

fn classify(raw: &str) -> Kind<'_> {
    // serde_json adds the place when it reads text; the place is given apart.
    let raw = raw.rsplit_once(" at line ").map_or(raw, |(head, _)| head);
    let pair = |rest: &'static str| raw.strip_prefix(rest).and_then(|r| r.split_once(", expected "));
    if let Some((got, expected)) = pair("invalid type: ") {
        Kind::WrongType { got, expected }
    } else if raw.contains("key to be a number") || raw.contains("invalid digit") {
        Kind::BadKey
    } else if let Some((got, expected)) = pair("invalid value: ") {
        Kind::InvalidValue { got, expected }
    } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let got = ticked(rest).unwrap_or_default();
        let allowed = rest.split('`').skip(3).step_by(2).collect();
        Kind::UnknownVariant { got, allowed }
    } else if let Some(f) = raw.strip_prefix("missing field ").and_then(ticked) {
        Kind::Missing(f)
    } else if let Some(f) = raw.strip_prefix("duplicate field ").and_then(ticked) {
        Kind::Duplicate(f)
    } else {
        Kind::Other
    }
}

/// What serde calls the value it found (`string "abc"`, `integer `5``, `map` …), in words.
fn got_words(got: &str) -> (String, String) {
    if let Some(s) = got.strip_prefix("string ") {
        let s = clip(s.trim_matches('"'), 40);
        return (format!("chuỗi «{s}»"), format!("the text \"{s}\""));
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = got.strip_prefix(prefix).and_then(ticked) {
            return (format!("số {n}"), format!("the number {n}"));
        }
    }
    if let Some(b) = got.strip_prefix("boolean ").and_then(ticked) {
        return (format!("giá trị {b}"), format!("the value {b}"));
    }
    match got {
        "null" | "unit" => ("null".into(), "null".into()),
        "map" => ("một đối tượng { … }".into(), "an object { … }".into()),
        "sequence" => ("một danh sách [ … ]".into(), "a list [ … ]".into()),
        _ => ("giá trị này".into(), "this value".into()),
    }
}

/// What serde expected, in words, helped by the field's name (`first`, `year` …).
fn expected_words(expected: &str, field: &str) -> (&'static str, &'static str) {
    let year = matches!(field, "first" | "last" | "year");
    if expected.contains("Decimal") {
        ("một số viết trong dấu ngoặc kép, như \"1095.5\"", "a number in double quotes, such as \"1095.5\"")
    } else if year && expected.starts_with('i') {
        ("một năm, như 2021", "a year, such as 2021")
    } else if expected == "u8" {
        ("một số nguyên từ 0 đến 255", "a whole number from 0 to 255")
    } else if expected == "u32" {
        ("một số nguyên từ 0 đến 4.294.967.295", "a whole number from 0 to 4,294,967,295")
    } else if matches!(expected, "i32" | "i64" | "u64" | "u16" | "usize") {
        ("một số nguyên", "a whole number")
    } else if expected.contains("ShareRule") {
        (
            "một quy tắc như { \"type\": \"percent\", \"value\": \"40\" }",
            "a rule such as { \"type\": \"percent\", \"value\": \"40\" }",
        )
    } else if expected.contains("TargetUnit") {
        ("một đơn vị như { \"type\": \"percent\" }", "a unit such as { \"type\": \"percent\" }")
    } else if expected.contains("string") {
        ("một chuỗi trong dấu ngoặc kép", "a text in double quotes")
    } else if expected.contains("sequence") {
        ("một danh sách [ … ]", "a list [ … ]")
    } else if expected.contains("struct") || expected.contains("map") || expected.contains("enum") {
        ("một đối tượng { … }", "an object { … }")
    } else if expected.contains("bool") {
        ("true hoặc false", "true or false")
    } else if expected.contains("variant") {
        ("một giá trị được phép", "an accepted value")
    } else {
        ("một giá trị khác", "another value")
    }
}

/// The last key of a JSON path (`$.period.first` → `first`).
fn field_of(path: &str) -> &str {
    path.rsplit(['.', '[']).next().unwrap_or_default().trim_end_matches(']').trim_matches('\'')
}

/// The error of a field that did not deserialise. `root` is the field's value and `segments`
/// serde's path inside it; `prefix` is the field's own JSON path.
pub(super) fn data_error(prefix: &str, root: &Value, segments: &serde_path_to_error::Path, raw: &str) -> LoadError {
    // Walk down as far as the value goes: the place to name, and what is there.
    let mut path = prefix.to_string();
    let mut node = Some(root);
    for segment in segments.iter() {
        let next = match segment {
            serde_path_to_error::Segment::Seq { index } => {
                let next = node.and_then(|n| n.get(*index));
                if next.is_some() {
                    path.push_str(&format!("[{index}]"));
                }
                next
            }
            serde_path_to_error::Segment::Map { key } | serde_path_to_error::Segment::Enum { variant: key } => {
                let next = node.and_then(|n| n.get(key.as_str()));
                if next.is_some() {
                    path = join_key(&path, key);
                }
                next
            }
            serde_path_to_error::Segment::Unknown => continue,
        };
        if next.is_none() {
            break;
        }
        node = next;
    }
    match classify(raw) {
        Kind::WrongType { got, expected } => {
            let (got_vi, got_en) = got_words(got);
            let (exp_vi, exp_en) = expected_words(expected, field_of(&path));
            LoadError::new(
                path,
                crate::text!(
                    "Sai kiểu dữ liệu: ở đây cần {exp_vi}, không phải {got_vi}.",
                    "Wrong type: {exp_en} is expected here, not {got_en}."
                ),
            )
        }
        Kind::InvalidValue { got, expected } if expected.contains("Decimal") => {
            let (got_vi, got_en) = got_words(got);
            LoadError::new(
                path,
                crate::locale::Text::new(
                    format!(
                        "{} không phải là một số hợp lệ: số viết trong dấu ngoặc kép, dấu chấm thập phân, không phân nhóm, không quá 28 chữ số, như \"1095.5\" hoặc \"-15\".",
                        capitalise(&got_vi)
                    ),
                    format!(
                        "{} is not a valid number: numbers are written in double quotes, with a decimal point, no grouping and at most 28 digits, such as \"1095.5\" or \"-15\".",
                        capitalise(&got_en)
                    ),
                ),
            )
        }
        Kind::InvalidValue { got, expected } => {
            let (got_vi, got_en) = got_words(got);
            let (exp_vi, exp_en) = expected_words(expected, field_of(&path));
            LoadError::new(
                path,
                crate::locale::Text::new(
                    format!("{} nằm ngoài khoảng cho phép: ở đây cần {exp_vi}.", capitalise(&got_vi)),
                    format!("{} is out of range: {exp_en} is expected here.", capitalise(&got_en)),
                ),
            )
        }
        Kind::UnknownVariant { got, allowed } => {
            let got = clip(got, 40);
            let list = allowed.join(", ");
            LoadError::new(
                path,
                crate::text!(
                    "«{got}» không phải giá trị được phép ở đây; hãy dùng một trong: {list}.",
                    "'{got}' is not an accepted value here; use one of: {list}."
                ),
            )
        }
        Kind::Missing(f) => {
            LoadError::new(join_key(&path, f), crate::text!("Thiếu trường «{f}».", "The field '{f}' is missing."))
        }
        Kind::Duplicate(f) => LoadError::new(
            join_key(&path, f),
            crate::text!(
                "Trường «{f}» xuất hiện hai lần trong cùng một đối tượng; hãy giữ lại một.",
                "The field '{f}' appears twice in the same object; keep one."
            ),
        ),
        Kind::BadKey => {
            // The path stops at the map: name the key that is not a number.
            let phase_ids = field_of(&path) == "phase_rules";
            let bad = node.and_then(Value::as_object).and_then(|map| {
                map.keys().find(|k| if phase_ids { k.parse::<u32>().is_err() } else { k.parse::<i32>().is_err() })
            });
            let key = bad.map(|k| clip(k, 40)).unwrap_or_default();
            let at = bad.map_or(path.clone(), |k| join_key(&path, k));
            let (what_vi, what_en) = if phase_ids {
                ("mã của một giai đoạn (số nguyên, như \"1\")", "a phase's id (a whole number, such as \"1\")")
            } else {
                ("một năm (số nguyên, như \"2021\")", "a year (a whole number, such as \"2021\")")
            };
            LoadError::new(at, crate::text!("Khoá «{key}» phải là {what_vi}.", "The key '{key}' must be {what_en}."))
        }
        Kind::Other => LoadError::new(
            path,
            crate::locale::Text::fixed(
                "Giá trị không hợp lệ ở đây; hãy đối chiếu với định dạng bản nháp (docs/FORMAT.md).",
                "The value here is not valid; compare it with the draft format (docs/FORMAT.md).",
            ),
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The error of a text that is not JSON: where, and what the likely cause is.
pub(super) fn syntax_error(e: &serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    let raw = e.to_string();
    if e.classify() == serde_json::error::Category::Eof {
        return LoadError::new(
            "$",
            crate::text!(
                "Tệp JSON kết thúc quá sớm (dòng {line}, cột {column}): thiếu phần cuối, có lẽ tệp chưa được tải về hoặc lưu hết. Hãy xuất lại bản nháp từ kehoach.",
                "The JSON ends too early (line {line}, column {column}): its end is missing, perhaps an incomplete download or save. Export the draft from kehoach again."
            ),
        );
    }
    let (vi, en) = if raw.contains("trailing comma") {
        ("có một dấu phẩy thừa trước } hoặc ]", "there is a comma too many before } or ]")
    } else if raw.contains("expected `,` or") {
        ("thiếu một dấu phẩy giữa hai mục", "a comma is missing between two items")
    } else if raw.contains("key must be a string") {
        ("tên trường phải nằm trong dấu ngoặc kép", "a key must be in double quotes")
    } else if raw.contains("expected `:`") {
        ("thiếu dấu hai chấm sau tên trường", "a colon is missing after a key")
    } else if raw.contains("control character") {
        (
            "một chuỗi chứa ký tự xuống dòng hoặc tab chưa viết dạng \\n, \\t",
            "a text holds a line break or tab not written as \\n, \\t",
        )
    } else if raw.contains("escape") || raw.contains("surrogate") || raw.contains("unicode") {
        ("một ký tự thoát \\ trong chuỗi không hợp lệ", "an escape \\ in a text is not valid")
    } else if raw.contains("trailing characters") {
        ("còn nội dung sau khi bản nháp đã kết thúc", "something follows the end of the draft")
    } else if raw.contains("number out of range") || raw.contains("invalid number") {
        ("một số quá lớn hoặc viết sai", "a number is too large or badly written")
    } else if raw.contains("expected value") || raw.contains("expected ident") {
        (
            "thiếu hoặc sai một giá trị (chuỗi, số, true, false, null, { … } hay [ … ])",
            "a value is missing or misspelt (a text, a number, true, false, null, { … } or [ … ])",
        )
    } else {
        ("cú pháp JSON không đúng", "the JSON syntax is wrong")
    };
    LoadError::new(
        "$",
        crate::text!(
            "Lỗi cú pháp JSON ở dòng {line}, cột {column}: {vi}. Tệp bị hỏng hoặc đã bị sửa tay.",
            "JSON syntax error at line {line}, column {column}: {en}. The file is damaged or was edited by hand."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_serde_messages() {
        assert_eq!(
            classify("invalid type: boolean `true`, expected a Decimal type representing a fixed-point number"),
            Kind::WrongType { got: "boolean `true`", expected: "a Decimal type representing a fixed-point number" }
        );
        assert_eq!(
            classify("unknown variant `ty`, expected one of `dong`, `thousand`, `million`, `billion`"),
            Kind::UnknownVariant { got: "ty", allowed: vec!["dong", "thousand", "million", "billion"] }
        );
        assert_eq!(classify("missing field `name` at line 1 column 3"), Kind::Missing("name"));
        assert_eq!(classify("invalid value: expected key to be a number in quotes"), Kind::BadKey);
        assert_eq!(classify("something new"), Kind::Other);
        assert_eq!(field_of("$.period.first"), "first");
        assert_eq!(field_of("$.lines[2]"), "2");
        assert_eq!(field_of("$['$schema']"), "$schema");
    }
}
