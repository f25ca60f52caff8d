//! Messages about a plan or an import, each tied to a place the planner can find.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::locale::Text;

mod location;
mod place;
pub use location::{Location, PlanPlace};
pub use place::place;

/// How serious a diagnostic is. Nothing is blocking except where an import cannot proceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something is wrong and must be fixed (or the input cannot be used).
    Error,
    /// Something looks doubtful; the planner should check it.
    Warning,
    /// For the planner's information: something done, nothing to check.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`, as in `data-severity` and a notice's `data-level`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One message with its place: a sheet cell (`'Kinh phí'!C14`), a path in a draft file
/// (`$.lines[2].amounts.2014`) or an item of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine code, e.g. `negative_amount`.
    pub code: Cow<'static, str>,
    /// Where: a sheet's cell, a path in a draft file, an item of the plan, or the whole.
    pub location: Location,
    /// What the planner reads.
    pub text: Text,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(code: &'static str, location: impl Into<Location>, text: Text) -> Self {
        Self::new(Severity::Warning, code, location, text)
    }

    /// An error.
    pub fn error(code: &'static str, location: impl Into<Location>, text: Text) -> Self {
        Self::new(Severity::Error, code, location, text)
    }

    /// A diagnostic of any severity.
    pub fn new(severity: Severity, code: &'static str, location: impl Into<Location>, text: Text) -> Self {
        Self { severity, code: Cow::Borrowed(code), location: location.into(), text }
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
