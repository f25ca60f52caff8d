//! Helpers shared by the import tests: fixtures by name and grids built in memory.
#![allow(dead_code)]

use kehoach::io::import::{Cell, SheetGrid};
use rust_decimal::Decimal;

/// The bytes of `fixtures/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run scripts/fixtures/make_all.sh)"))
}

/// A text cell.
pub fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

/// A number cell.
pub fn n(v: Decimal) -> Cell {
    Cell::Number(v)
}

/// A years-as-rows table with one line, amounts given as cells.
pub fn one_line_grid(unit: &str, amounts: Vec<Cell>) -> SheetGrid {
    let mut rows = vec![vec![t(unit)], vec![t("Năm"), t("Tuyên truyền")]];
    for (k, a) in amounts.into_iter().enumerate() {
        rows.push(vec![n(Decimal::from(2013 + k as i64)), a]);
    }
    SheetGrid::from_rows("Kinh phí", rows)
}
