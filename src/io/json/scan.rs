//! One pass over a draft's bytes before it is parsed: how deep it nests, which object repeats a
//! key, and how long its top-level lists are.
//!
//! serde_json keeps the last of two equal keys silently; a draft holding `"2021"` twice in one
//! line's amounts would lose a figure without a word. The pass is linear in the text and builds
//! nothing but the keys of the objects being read (as positions in the text): their keys are
//! sorted when the object closes, so an object of k keys costs O(k log k).

use std::borrow::Cow;

use crate::model::limits::MAX_JSON_DEPTH;

/// Most repeated keys reported.
const MAX_REPORTED: usize = 20;

/// What the pass found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// The text nests deeper than [`MAX_JSON_DEPTH`] (the pass stopped there).
    pub too_deep: bool,
    /// JSON paths of repeated keys (the second occurrence's place), at most [`MAX_REPORTED`].
    pub duplicates: Vec<String>,
    /// How many repeated keys there are in all.
    pub duplicate_count: usize,
    /// Length of each list directly under the top-level object, by key.
    pub lists: Vec<(String, usize)>,
}

enum Frame {
    /// An object: where its keys start in `keys`, the key being read (its value is inside), and
    /// whether the next string is a key.
    Object { keys_from: usize, key: Option<(usize, usize)>, expect_key: bool },
    /// A list: the index of the item being read, and whether it has any.
    List { index: usize, any: bool },
}

/// Scans `text` (any text: invalid JSON only makes the findings meaningless, never a panic; the
/// parse that follows reports it).
pub(super) fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut stack: Vec<Frame> = Vec::new();
    // Keys of the open objects, innermost last, as (start, end) of their contents.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut scratch: Vec<(Cow<'_, str>, usize)> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                mark_item(&mut stack);
                let start = i + 1;
                let Some(end) = string_end(bytes, start) else { break };
                if let Some(Frame::Object { key, expect_key, .. }) = stack.last_mut()
                    && *expect_key
                {
                    *expect_key = false;
                    *key = Some((start, end));
                    keys.push((start, end));
                }
                i = end + 1;
                continue;
            }
            b'{' | b'[' => {
                mark_item(&mut stack);
                if stack.len() >= MAX_JSON_DEPTH {
                    out.too_deep = true;
                    return out;
                }
                stack.push(if b == b'{' {
                    Frame::Object { keys_from: keys.len(), key: None, expect_key: true }
                } else {
                    Frame::List { index: 0, any: false }
                });
            }
            b'}' => {
                if let Some(Frame::Object { keys_from, .. }) = stack.last() {
                    let from = *keys_from;
                    stack.pop();
                    if keys.len() > from + 1 {
                        repeated(text, &stack, keys.get(from..).unwrap_or_default(), &mut scratch, &mut out);
                    }
                    keys.truncate(from);
                }
            }
            b']' => {
                if let Some(Frame::List { index, any }) = stack.last() {
                    let len = if *any { index + 1 } else { 0 };
                    stack.pop();
                    if let [Frame::Object { key: Some((s, e)), .. }] = stack.as_slice() {
                        out.lists.push((key_text(text, *s, *e).into_owned(), len));
                    }
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::List { index, .. }) => *index += 1,
                None => {}
            },
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => mark_item(&mut stack),
        }
        i += 1;
    }
    out
}

/// A value starts in the innermost list: it has an item.
fn mark_item(stack: &mut [Frame]) {
    if let Some(Frame::List { any, .. }) = stack.last_mut() {
        *any = true;
    }
}

/// The position of the quote ending the string whose contents start at `start`.
fn string_end(bytes: &[u8], mut start: usize) -> Option<usize> {
    loop {
        let at = start + memchr::memchr2(b'"', b'\\', bytes.get(start..)?)?;
        if bytes.get(at) == Some(&b'"') {
            return Some(at);
        }
        start = at + 2; // a backslash and the character it escapes
    }
}

/// A key as text: escapes decoded when there are any.
fn key_text(text: &str, start: usize, end: usize) -> Cow<'_, str> {
    let raw = text.get(start..end).unwrap_or_default();
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let quoted = text.get(start.saturating_sub(1)..end + 1).unwrap_or_default();
    serde_json::from_str::<String>(quoted).map(Cow::Owned).unwrap_or(Cow::Borrowed(raw))
}

/// Reports the keys of one object (`keys`, in order) that appear twice; `stack` holds the
/// objects and lists around it.
fn repeated<'t>(
    text: &'t str,
    stack: &[Frame],
    keys: &[(usize, usize)],
    scratch: &mut Vec<(Cow<'t, str>, usize)>,
    out: &mut Scan,
) {
    scratch.clear();
    scratch.extend(keys.iter().enumerate().map(|(order, &(s, e))| (key_text(text, s, e), order)));
    scratch.sort_unstable();
    for pair in scratch.windows(2) {
        if let [(a, _), (b, _)] = pair
            && a == b
        {
            out.duplicate_count += 1;
            if out.duplicates.len() < MAX_REPORTED {
                let mut path = String::from("$");
                for frame in stack {
                    match frame {
                        Frame::Object { key: Some((s, e)), .. } => {
                            path = super::join_key(&path, &key_text(text, *s, *e))
                        }
                        Frame::List { index, .. } => path.push_str(&format!("[{index}]")),
                        Frame::Object { key: None, .. } => {}
                    }
                }
                out.duplicates.push(super::join_key(&path, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_keys_with_their_place() {
        let s = scan(
            r#"{"a": 1, "lines": [{"id": 1}, {"id": 2, "amounts": {"2021": "1", "2022": "2", "2021": "3"}}], "a": 2}"#,
        );
        assert_eq!(s.duplicates, vec!["$.lines[1].amounts.2021", "$.a"]);
        assert_eq!(s.duplicate_count, 2);
        assert_eq!(s.lists, vec![("lines".to_string(), 2)]);
        assert!(!s.too_deep);
    }

    #[test]
    fn escapes_strings_and_empty_lists_are_read_right() {
        // "\u0061" is "a"; brackets and quotes inside strings are text.
        let s = scan(r#"{"a": "x\"{[", "\u0061": 1, "b\\": [], "c": [[1, 2], "]"], "d": {"e": 1, "f": {"e": 2}}}"#);
        assert_eq!(s.duplicates, vec!["$.a"]);
        assert_eq!(s.lists, vec![("b\\".to_string(), 0), ("c".to_string(), 2)]);
    }

    #[test]
    fn stops_at_the_depth_limit_and_survives_any_text() {
        assert!(scan(&"[".repeat(MAX_JSON_DEPTH + 1)).too_deep);
        assert!(!scan(&"[".repeat(MAX_JSON_DEPTH)).too_deep);
        for text in ["", "\"", "{\"a", "{\"a\\", "}}]]", "{,,,}", "[\"\\\"]", "{\"a\":1,\"a\"", "\u{feff}{}"] {
            let _ = scan(text);
        }
    }
}
