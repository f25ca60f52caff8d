//! What an import returns: the plan, what was recognised where, and the diagnostics; and the
//! corrections a planner can make.

use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::model::{MoneyUnit, Plan, Year, YearRange};

pub use super::grid::LegacyText;
pub use super::understand::FigureKind;

/// How the budget table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// One row per year, one column per budget line (as in the reference table).
    YearsAsRows,
    /// One column per year, one row per budget line.
    YearsAsColumns,
}

/// Corrections the planner can make when the import guessed wrong. The default guesses all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// The sheet to import (by name); `None` picks the first sheet holding a budget table.
    pub sheet: Option<String>,
    /// The header row, 0-based: the row of the years when years are columns, the row of the line
    /// names when years are rows.
    pub header_row: Option<u32>,
    /// The unit the sheet's amounts are in, overriding the unit line.
    pub unit: Option<MoneyUnit>,
    /// The unit to store amounts in; amounts are converted exactly. `None` keeps the sheet's unit.
    pub plan_unit: Option<MoneyUnit>,
    /// The layout, overriding the guess.
    pub orientation: Option<Orientation>,
    /// Columns (years as rows) or rows (years as columns), 0-based, that hold no money and must
    /// not become budget lines.
    pub not_money: Vec<u32>,
    /// The column (years as columns) holding the lines' names, 0-based, overriding the guess.
    pub name_field: Option<u32>,
    /// Fields (columns when years are columns, rows when years are rows), 0-based, not to read:
    /// a second column for a year, figures that are not the plan's.
    pub skip_fields: Vec<u32>,
    /// The range the planner marked as the table: cells outside it are not read, except the text
    /// of the rows above it (the title and the unit line).
    pub range: Option<super::grid::Region>,
}

/// A value found at a cell (0-based row and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Row of the cell.
    pub row: u32,
    /// Column of the cell.
    pub col: u32,
}

/// A budget line found, with the cell of its name. Its amounts lie along that cell's column
/// (years as rows) or row (years as columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundLine {
    /// Name as imported.
    pub name: String,
    /// Row of the name cell.
    pub row: u32,
    /// Column of the name cell.
    pub col: u32,
}

/// A year found, with the cell of its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundYear {
    /// The year.
    pub year: Year,
    /// Row of the label.
    pub row: u32,
    /// Column of the label.
    pub col: u32,
    /// The kind of figure its column holds ("Dự toán", "Ước thực hiện"), when the header says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FigureKind>,
}

/// How a phase was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseEvidence {
    /// A heading row or column: "Giai đoạn 1 (2012 - 2015)".
    Heading,
    /// A subtotal: "Cộng GĐ 1", its years being those since the previous subtotal.
    Subtotal,
    /// A band of a two-row header spanning the phase's years.
    HeaderBand,
}

/// A phase found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundPhase {
    /// Name given to the phase.
    pub name: String,
    /// Its years.
    pub years: YearRange,
    /// Row of the label it was recognised from.
    pub row: u32,
    /// Column of that label.
    pub col: u32,
    /// How it was recognised.
    pub evidence: PhaseEvidence,
}

/// Whether an excluded entry is a row or a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// A row (the index is its 0-based row).
    Row,
    /// A column (the index is its 0-based column).
    Column,
}

/// Why a row or column with content was not imported as money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExcludeReason {
    /// Numbering ("STT").
    Numbering,
    /// Percentages ("%", "Tỷ lệ", "So với năm trước").
    Percent,
    /// A share of the total by funding source ("NSTW (40%)").
    Share,
    /// A total ("Tổng", "Tổng số"): cross-checked, not imported.
    Total,
    /// A subtotal ("Cộng GĐ 1"): cross-checked, not imported.
    Subtotal,
    /// Notes ("Ghi chú").
    Notes,
    /// Text only, no amounts (agency, unit …).
    Text,
    /// Marked "not money" by the planner.
    UserMarked,
    /// Numbers under a label that is neither a year nor a total.
    Unrecognised,
    /// A memo ("Trong đó …"): part of the line above, already in its figure.
    Memo,
    /// Another kind of figure for a year already read ("Ước thực hiện 2024" beside "Dự toán
    /// 2024"), or a second column for the same year.
    OtherFigure,
    /// Hidden in the workbook.
    Hidden,
    /// Below or beside the table, outside it.
    OutsideTable,
}

/// What the import recognised, and where, so the planner can check it and correct it with
/// [`ImportOptions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Recognised {
    /// The sheet.
    pub sheet: String,
    /// The title: the text rows above the table.
    pub title: Option<Found<String>>,
    /// The unit line; `None` when the unit was assumed or given in the options.
    pub unit: Option<Found<MoneyUnit>>,
    /// The layout.
    pub orientation: Option<Orientation>,
    /// Header rows, 0-based, top first.
    pub header_rows: Vec<u32>,
    /// Budget lines in order.
    pub lines: Vec<FoundLine>,
    /// Years in order.
    pub years: Vec<FoundYear>,
    /// Phases in order.
    pub phases: Vec<FoundPhase>,
    /// Rows and columns with content that were not imported, with the reason.
    pub excluded: Vec<Excluded>,
    /// The text the funding suggestion was read from, if any.
    pub funding_note: Option<Found<String>>,
    /// No unit is written anywhere: this is the guess from the amounts, and the planner must
    /// choose the unit before the import can be confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_unknown: Option<MoneyUnit>,
    /// Text decoded from a legacy Vietnamese encoding (TCVN3, VNI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy: Option<LegacyText>,
    /// Hidden rows and columns skipped within the table.
    #[serde(default)]
    pub hidden: (u32, u32),
    /// Other tables found on the sheet, to choose instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableFound>,
    /// What each field (column when years are columns) of the table holds, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FoundField>,
    /// The field holding the lines' names, if one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_field: Option<u32>,
}

/// What a field of the table holds, as the preview lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldUse {
    /// A year's amounts (or a part of them by source), read into the plan.
    Amounts,
    /// A stated subtotal or total, cross-checked.
    Checked,
    /// Another column of a year already read, or figures under a header that names no year:
    /// left out.
    LeftOut,
    /// A funding share.
    Share,
    /// Percentages or comparisons.
    Percent,
    /// Text: numbering, names, agency, notes.
    Text,
    /// Skipped by the planner.
    Skipped,
}

/// One field of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundField {
    /// Its 0-based column (years as columns) or row (years as rows).
    pub index: u32,
    /// Its header, the texts joined.
    pub label: String,
    /// Its year, if it holds one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Year>,
    /// The kind of figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FigureKind>,
    /// The funding source it is the part of, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What the import does with it.
    pub used: FieldUse,
}

/// A table found on a sheet: where it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableFound {
    /// The header row to give in [`ImportOptions::header_row`] to read this table.
    pub header_row: u32,
    /// Its first and last row, 0-based.
    pub rows: (u32, u32),
    /// Its first and last column, 0-based.
    pub cols: (u32, u32),
    /// Its years, first and last.
    pub years: (Year, Year),
    /// How many amounts it holds.
    pub amounts: u32,
    /// Whether years are rows.
    pub years_in_rows: bool,
}

/// A row or column left out of the amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    /// Row or column.
    pub axis: Axis,
    /// Its 0-based index.
    pub index: u32,
    /// Its label as written.
    pub label: String,
    /// Why.
    pub reason: ExcludeReason,
    /// How many numbers it holds within the table.
    #[serde(default)]
    pub count: u32,
    /// What its numbers add up to, in the plan's unit, when they are money left out (not for
    /// percentages, numbering or cross-checked totals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Decimal>,
}

/// The outcome of understanding a sheet: always a plan (possibly without lines), what was
/// recognised, and every warning or error with its cell.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The plan: title, unit, period, phases, lines with amounts, suggested funding sources.
    pub plan: Plan,
    /// What was recognised where.
    pub recognised: Recognised,
    /// Warnings and errors, each at a cell (`'Kinh phí'!C14`).
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportResult {
    /// Whether any diagnostic is an error (nothing usable was found).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error)
    }

    /// Whether the result may be opened as a draft: no error, some lines, and nothing left for
    /// the planner to decide (the unit when none is written).
    pub fn can_confirm(&self) -> bool {
        !self.has_errors() && !self.plan.lines.is_empty() && self.recognised.unit_unknown.is_none()
    }
}
