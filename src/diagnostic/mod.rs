//! Messages about a plan or an import, each tied to a place the planner can find.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::locale::Lang;

mod place;
pub use place::{Place, place};

/// How serious a diagnostic is. Nothing is blocking except where an import cannot proceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something is wrong and must be fixed (or the input cannot be used).
    Error,
    /// Something looks doubtful; the planner should check it.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as in `data-severity`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One message with its place: a sheet cell (`'Kinh phí'!C14`), a JSON path
/// (`$.lines[2].amounts.2014`) or a place in the plan written as a JSON path of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine code, e.g. `negative_amount`.
    pub code: Cow<'static, str>,
    /// Where: `'Sheet'!C14`, `$.lines[2].amounts.2014`, or empty for the whole plan.
    pub location: String,
    /// Message in Vietnamese.
    pub message_vi: String,
    /// Message in English.
    pub message_en: String,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(
        code: &'static str,
        location: impl Into<String>,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            code: Cow::Borrowed(code),
            location: location.into(),
            message_vi: vi.into(),
            message_en: en.into(),
        }
    }

    /// An error.
    pub fn error(
        code: &'static str,
        location: impl Into<String>,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            code: Cow::Borrowed(code),
            location: location.into(),
            message_vi: vi.into(),
            message_en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.message_vi,
            Lang::En => &self.message_en,
        }
    }
}

/// A cell reference in A1 style for a 0-based row and column: `cell_ref(13, 2)` is `C14`.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut s: String = letters.into_iter().collect();
    s.push_str(&(row as u64 + 1).to_string());
    s
}

/// A sheet-qualified reference: `sheet_cell("Kinh phí", 13, 2)` is `'Kinh phí'!C14`.
pub fn sheet_cell(sheet: &str, row: u32, col: u32) -> String {
    format!("'{}'!{}", sheet.replace('\'', "''"), cell_ref(row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a1_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(13, 2), "C14");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 701), "ZZ10");
        assert_eq!(cell_ref(0, 702), "AAA1");
        assert_eq!(sheet_cell("Kinh phí", 13, 2), "'Kinh phí'!C14");
        assert_eq!(sheet_cell("O'Neil", 0, 0), "'O''Neil'!A1");
    }
}
