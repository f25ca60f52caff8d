//! Reading one cell as an amount, with what is wrong with it reported at the cell.

use rust_decimal::Decimal;

use crate::io::import::grid::Cell;
use crate::io::import::limits::MAX_AMOUNT_DONG_DIGITS;
use crate::io::import::numbers::{self, Evidence, TextValue, read_text};
use crate::io::import::report::Report;
use crate::model::MoneyUnit;

/// One cell read as an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Amount {
    Value(Decimal),
    #[default]
    Empty,
    /// An error value or text: reported at the cell; sums including it are not checked.
    Invalid,
}

impl Amount {
    pub fn value(self) -> Option<Decimal> {
        match self {
            Amount::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The sum of two amounts: invalid if either is, empty if both are.
    pub fn plus(self, other: Amount) -> Amount {
        match (self, other) {
            (Amount::Invalid, _) | (_, Amount::Invalid) => Amount::Invalid,
            (Amount::Empty, x) | (x, Amount::Empty) => x,
            (Amount::Value(x), Amount::Value(y)) => Amount::Value(x.saturating_add(y)),
        }
    }

    /// Adds a row of amounts into `acc`, field by field.
    pub fn add_rows(acc: &mut [Amount], other: &[Amount]) {
        for (a, b) in acc.iter_mut().zip(other) {
            *a = a.plus(*b);
        }
    }
}

/// A number, or text that reads as one.
pub(super) fn is_numeric(cell: &Cell) -> bool {
    match cell {
        Cell::Number(_) => true,
        Cell::Text(t) => is_numeric_text(t),
        _ => false,
    }
}

/// Text that reads as a number ("1.095", "3,08").
pub(super) fn is_numeric_text(t: &str) -> bool {
    // Most text is words: a first look at the characters avoids parsing them.
    let t = t.trim();
    let number_char = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | ',' | '-' | '−' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '(' | ')' | '+')
    };
    if t.is_empty() || !t.chars().all(number_char) {
        return false;
    }
    matches!(read_text(t), TextValue::Number(_) | TextValue::Ambiguous { .. })
}

/// The value of a cell that is a number or number-like text, without reporting.
pub(super) fn quiet_value(cell: &Cell) -> Option<Decimal> {
    match cell {
        Cell::Number(d) => Some(*d),
        Cell::Text(t) if is_numeric_text(t) => match read_text(t) {
            TextValue::Number(d) => Some(d),
            TextValue::Ambiguous { grouped, .. } => Some(grouped),
            _ => None,
        },
        _ => None,
    }
}

/// Reads cells as amounts in a unit, deciding ambiguous text ("1.095") from the table's other
/// numbers.
pub(super) struct AmountReader {
    pub evidence: Evidence,
    pub unit: MoneyUnit,
}

impl AmountReader {
    /// Reads one cell at `at`, reporting what is wrong with it.
    pub fn read(&self, report: &mut Report, at: (u32, u32), cell: &Cell) -> Amount {
        let value = match cell {
            Cell::Empty if report.unreadable(at) => return Amount::Invalid,
            Cell::Empty => return Amount::Empty,
            Cell::Number(d) => *d,
            Cell::Text(t) => match read_text(t) {
                TextValue::Number(d) => d,
                TextValue::Ambiguous { grouped, decimal } => {
                    let (v, confident) = self.evidence.resolve(grouped, decimal, self.unit);
                    if !confident {
                        let other = if v == grouped { decimal } else { grouped };
                        report.ambiguous(at, t, v, other);
                    }
                    v
                }
                TextValue::Nothing => return Amount::Empty,
                TextValue::ErrorText => {
                    report.error_cell(at, t.trim());
                    return Amount::Invalid;
                }
                TextValue::NotANumber => {
                    report.text_in_number_cell(at, t);
                    return Amount::Invalid;
                }
            },
            Cell::Bool(b) => {
                report.text_in_number_cell(at, if *b { "TRUE" } else { "FALSE" });
                return Amount::Invalid;
            }
            Cell::Error(e) => {
                report.error_cell(at, e);
                return Amount::Invalid;
            }
            Cell::Date(d) => {
                report.date_in_number_cell(at, d);
                return Amount::Invalid;
            }
        };
        if numbers::order_of(value).is_some_and(|o| o + self.unit.exponent() as i32 >= MAX_AMOUNT_DONG_DIGITS) {
            report.too_large(at, value);
            return Amount::Invalid;
        }
        Amount::Value(value)
    }
}
