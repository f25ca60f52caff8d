//! Words the planner reads, in every language the app speaks: one [`Text`] type for labels and
//! messages, one [`Message`] trait for what can say itself ([`Text`], an error, a refusal).
//!
//! Adding a language: a variant of [`Lang`], a field here, and one more argument to
//! [`Text::new`], [`Text::fixed`] and [`crate::text!`]; the compiler lists every place that
//! says something and has not said it in the new language.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Lang;

/// Something the planner reads, in Vietnamese and English.
///
/// Labels are [`Text::fixed`] (no allocation); messages with figures are written with
/// [`crate::text!`] or [`Text::each`], which formats once per language so that numbers take
/// each language's style (`1.095,5` / `1,095.5`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Text {
    vi: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Text {
    /// A text written in both languages.
    pub fn new(vi: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Self { vi: vi.into(), en: en.into() }
    }

    /// A fixed text (a label): no allocation.
    pub const fn fixed(vi: &'static str, en: &'static str) -> Self {
        Self { vi: Cow::Borrowed(vi), en: Cow::Borrowed(en) }
    }

    /// A text written once per language by `write` (numbers in that language's style).
    pub fn each(write: impl Fn(Lang) -> String) -> Self {
        Self::new(write(Lang::Vi), write(Lang::En))
    }

    /// The same words in every language (a name, a file name, a figure).
    pub fn same(words: impl Into<String>) -> Self {
        let words: String = words.into();
        Self::new(words.clone(), words)
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, owned.
    pub fn into_string(self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi.into_owned(),
            Lang::En => self.en.into_owned(),
        }
    }

    /// The text in `lang` for the life of the program: a fixed text's own words, or
    /// `None` for a formatted one.
    pub fn label(&self, lang: Lang) -> Option<&'static str> {
        match (lang, &self.vi, &self.en) {
            (Lang::Vi, Cow::Borrowed(s), _) | (Lang::En, _, Cow::Borrowed(s)) => Some(s),
            _ => None,
        }
    }

    /// This text followed by `more` in each language, with `between` (a space, a colon …) in
    /// between.
    pub fn then(self, between: &str, more: &Text) -> Self {
        Self::each(|lang| format!("{}{between}{}", self.get(lang), more.get(lang)))
    }

    /// Whether the text is empty in every language.
    pub fn is_empty(&self) -> bool {
        self.vi.is_empty() && self.en.is_empty()
    }
}

/// A fixed text ([`Text::fixed`]) in `lang`, where a `&'static str` is needed (a label, an
/// attribute, a word inside a sentence): `label(lang, "Tổng số", "Total")`.
pub fn label(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    Text::fixed(vi, en).label(lang).unwrap_or(vi)
}

/// Anything the planner can be told, in their language: a [`Text`], an error, a refusal.
pub trait Message {
    /// The words in `lang`.
    fn text(&self, lang: Lang) -> String;

    /// The words in every language.
    fn to_text(&self) -> Text {
        Text::each(|lang| self.text(lang))
    }
}

impl Message for Text {
    fn text(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }

    fn to_text(&self) -> Text {
        self.clone()
    }
}

/// A [`Text`] from a Vietnamese and an English format string with the same arguments:
/// `text!("Dòng {n}", "Line {n}")`, `text!("{} dòng", "{} lines", count)`.
///
/// The arguments are evaluated once per language; a figure that must be written in each
/// language's style goes through [`Text::each`].
#[macro_export]
macro_rules! text {
    ($vi:literal, $en:literal $(,)?) => {
        $crate::locale::Text::new(format!($vi), format!($en))
    };
    ($vi:literal, $en:literal, $($arg:expr),+ $(,)?) => {
        $crate::locale::Text::new(format!($vi, $($arg),+), format!($en, $($arg),+))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_each_language_once() {
        let n = 3;
        let t = crate::text!("Dòng {n}", "Line {n}");
        assert_eq!((t.get(Lang::Vi), t.get(Lang::En)), ("Dòng 3", "Line 3"));
        let t = crate::text!("{} dòng", "{} lines", n + 1);
        assert_eq!(t.into_string(Lang::En), "4 lines");
        let label = Text::fixed("Ngân sách", "Budget");
        assert_eq!(label.label(Lang::En), Some("Budget"));
        assert_eq!(crate::text!("a{n}", "b{n}").label(Lang::Vi), None);
        let sum = Text::each(|lang| crate::locale::format_decimal(rust_decimal::Decimal::new(10955, 1), lang));
        assert_eq!((sum.get(Lang::Vi), sum.get(Lang::En)), ("1.095,5", "1,095.5"));
        let joined = Text::fixed("Lỗi", "Error").then(": ", &Text::same("x"));
        assert_eq!(joined.get(Lang::Vi), "Lỗi: x");
    }
}
