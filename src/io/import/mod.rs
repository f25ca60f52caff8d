//! Importing the budget table of a spreadsheet (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), or of
//! a Word document's tables (`.docx`, `docx`), into a [`Plan`](crate::model::Plan). Plain Rust, no
//! web dependency: the browser hands over the file's bytes.
//!
//! Two steps, usable apart:
//! 1. [`open_workbook`] tells the format by content and lists the sheets; [`Workbook::sheet`]
//!    reads one sheet into a [`SheetGrid`] within [`limits`]. Binary numbers become exact
//!    decimals at that boundary ([`decimal_from_f64`]).
//! 2. [`understand`] finds the table in a grid (years as rows or as columns, headers, phases,
//!    subtotals, columns that are not money), cross-checks the totals the sheet states, and
//!    returns an [`ImportResult`]: the plan, what was [`Recognised`] where, and diagnostics at
//!    their cells. [`find_funding`] reads a separate funding sheet, [`find_targets`] a targets
//!    table, [`find_tasks`], [`find_agencies`] and [`find_reports`] the sheets of tasks,
//!    responsibilities and the reporting calendar.
//!
//! [`import`] does both for the usual case. A Word document (`.docx`) is read by [`import`] only:
//! each of its tables is a grid named `Bảng N` with its caption above it, understood as a sheet,
//! its diagnostics placed at the table's cells ([`Location::TableCell`](crate::diagnostic::Location)).

// Nothing reachable from a file may panic: no unwrap, no unchecked indexing (tests may).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

mod docx;
mod error;
mod facts;
mod funding;
mod grid;
mod guard;
mod labels;
mod merges;
mod numbers;
mod read;
pub mod remote;
mod report;
mod result;
mod sniff;
mod targets;
mod understand;
mod work;

pub use error::{FileKind, Format, ImportError, SizeLimit, Unpacked};
pub use funding::find_funding;
pub use grid::{Cell, CellDate, LinkedCells, MalformedCell, Region, SheetGrid, decimal_from_f64};
pub use read::{SheetInfo, Workbook, open_workbook};
pub use result::{
    Axis, ExcludeReason, Excluded, FieldUse, FigureKind, Found, FoundField, FoundLine, FoundPhase, FoundYear,
    ImportOptions, ImportResult, LegacyText, Orientation, PhaseEvidence, Recognised, TableFound,
};
pub use targets::{TargetsFound, find_targets};
pub use understand::understand;
pub use work::{AgenciesFound, ReportsFound, TasksFound, find_agencies, find_reports, find_tasks};

use crate::model::ItemId;

/// Limits on what an import reads: a workbook beyond them is refused with a message.
pub mod limits {
    /// Largest file, in bytes (30 MB).
    pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;
    /// Most rows of a sheet's used range (real ledgers have 30,000): as many as a plan's lines
    /// ([`crate::model::limits::MAX_LINES`]).
    pub const MAX_ROWS: u32 = crate::model::limits::MAX_LINES as u32;
    /// Most columns of a sheet's used range.
    pub const MAX_COLS: u32 = 500;
    /// Most cells of a sheet's used range (rows × columns): 50,000 rows of 40 columns.
    pub const MAX_CELLS: u64 = 2_000_000;
    /// Most cell records read from one sheet, empty formatted cells included.
    pub const MAX_CELL_RECORDS: u64 = 4_000_000;
    /// Longest text cell kept, in characters; longer text is cut (with a warning). The plan's
    /// bound on a text ([`crate::model::limits::MAX_TEXT`]).
    pub const MAX_TEXT_CHARS: usize = crate::model::limits::MAX_TEXT;
    /// Most merged regions kept per sheet.
    pub const MAX_MERGED: usize = 10_000;
    /// Amounts must stay below 10^21 đồng (a million tỷ đồng); larger ones are skipped with a
    /// warning, so that no sum of a plan can overflow. The model's bound
    /// ([`crate::model::MAX_AMOUNT_DONG_DIGITS`]), as a signed order of magnitude.
    pub const MAX_AMOUNT_DONG_DIGITS: i32 = crate::model::MAX_AMOUNT_DONG_DIGITS as i32;
    /// Largest sheet, in cells, read to look for a targets table.
    pub const MAX_TARGET_SHEET_CELLS: u64 = 50_000;
    /// Largest sheet, in cells, read to look for tasks, agencies' responsibilities or a reporting
    /// calendar (5,000 tasks of 10 columns).
    pub const MAX_WORK_SHEET_CELLS: u64 = 50_000;
    /// Largest sheet, in cells, read to look for funding sources besides the budget table.
    pub const MAX_FUNDING_SHEET_CELLS: u64 = 10_000;
    /// Most sheets of a workbook (real ones have a few dozen, rarely a few hundred).
    pub const MAX_SHEETS: usize = 1_000;
    /// Largest sheet part of a zip package once unpacked (`xl/worksheets/sheet1.xml`, an
    /// OpenDocument `content.xml`), 256 MiB: 50,000 rows of 40 cells with formulas take 150 MB.
    pub const MAX_SHEET_PART_BYTES: u64 = 256 << 20;
    /// Largest other part a reader parses once unpacked (shared strings, styles, the workbook
    /// part, relationships …: names ending in `.xml`, `.rels` or `.bin`), 64 MiB.
    pub const MAX_PART_BYTES: u64 = 64 << 20;
    /// Largest sum of the unpacked sizes of a package's parts, 512 MiB.
    pub const MAX_UNPACKED_BYTES: u64 = 512 << 20;
    /// Most times a part (or the whole package) may unpack larger than it is packed, once it is
    /// over [`RATIO_CHECKED_FROM_BYTES`]: spreadsheet XML packs 5 to 15 times, a zip bomb 1,000.
    pub const MAX_PACKING_RATIO: u64 = 100;
    /// Unpacked size from which [`MAX_PACKING_RATIO`] is checked, 16 MiB (smaller parts read fast
    /// however tightly packed).
    pub const RATIO_CHECKED_FROM_BYTES: u64 = 16 << 20;
    /// Most shared strings of a workbook (the count its table declares, and those it holds).
    pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
    /// Largest used range (rows × columns) of any sheet of an `.xls` or `.ods` workbook, and of
    /// all its sheets together: their readers hold every sheet whole from the moment the file is
    /// opened (an `.ods` with its repeated rows and columns written out), so such a sheet is
    /// refused, naming it: when it is read (`.xls`), or at once (`.ods`).
    /// The same bound holds for all the tables of a `.docx` together (their spans written out),
    /// checked when the document is opened.
    pub const MAX_OPEN_RANGE_CELLS: u64 = 4_000_000;
    /// Most cells read with a malformed value (each a warning at its cell) before a sheet is
    /// refused as damaged.
    pub const MAX_MALFORMED_CELLS: usize = 1_000;
    /// Most funding sources read from a table of sources with their rules on another sheet; rows
    /// after them are left out. Far more than a plan has (two to four), far fewer than a plan may
    /// hold ([`crate::model::limits::MAX_SOURCES`]): such a table is written by hand.
    pub const MAX_RULES_TABLE_SOURCES: usize = 200;
    /// Most warnings about target values that cannot be read, in one targets table: a sheet full
    /// of them says the first ones, not thousands.
    pub const MAX_TARGET_VALUE_WARNINGS: usize = 200;
    /// Longest name of a funding source an import makes, in characters (longer text is cut): a
    /// source's name is a few words.
    pub const MAX_SOURCE_NAME_CHARS: usize = 120;
    /// Longest budget line name an import makes, in characters (longer text is cut): the names of
    /// real lines run to a sentence or two.
    pub const MAX_LINE_NAME_CHARS: usize = 500;
    /// Longest budget line code (its numbering: «1.2.3», «II», «a») an import keeps, in characters.
    pub const MAX_LINE_CODE_CHARS: usize = 20;
    /// Longest implementing agency of a budget line an import keeps, in characters.
    pub const MAX_AGENCY_CHARS: usize = 500;
    /// Longest plan title an import makes from the rows above the table, in characters (longer
    /// text is cut): at most four rows of heading.
    pub const MAX_TITLE_CHARS: usize = 500;
    /// Longest issuer (the body above the table, «UBND tỉnh …») an import keeps, in characters.
    pub const MAX_ISSUER_CHARS: usize = 200;
}

/// Opens `bytes`, picks the sheet ([`ImportOptions::sheet`], or the first sheet holding a budget
/// table), understands it, and when it states no funding, suggests funding from the other sheets
/// (such as "Nguồn vốn"); then reads the targets, tasks, agencies and reporting calendar of the
/// other sheets, and adds every agency named to the directory.
///
/// A Word document (`.docx`) is read as its tables: [`ImportOptions::sheet`] names one as `Bảng N`
/// (its number in the document), else the first holding a budget table is read, and the targets
/// of the others.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<ImportResult, ImportError> {
    if docx::is_docx(bytes) {
        return docx::import(bytes, options);
    }
    let workbook = open_workbook(bytes)?;
    let mut result = match &options.sheet {
        Some(name) => understand(&workbook.sheet(name)?, options),
        None => first_table(&workbook, options)?,
    };
    if result.plan.sources.is_empty() {
        // Funding only from a sheet about funding ("Nguồn vốn", "Cơ cấu nguồn"), never from the
        // rows of unrelated sheets.
        let chosen = result.recognised.sheet.clone();
        let others: Vec<SheetGrid> = workbook
            .sheets()
            .iter()
            .filter(|s| s.name != chosen && is_funding_sheet(&s.name))
            .filter(|s| workbook.most_cells(&s.name) <= limits::MAX_FUNDING_SHEET_CELLS)
            .filter_map(|s| workbook.sheet(&s.name).ok())
            .collect();
        let found = find_funding(&others, &result.plan.phases);
        if !found.is_empty() {
            // A funding sheet that was read and is broken somewhere says so, cell by cell.
            for grid in &others {
                let mut report = report::Report::new(grid.name());
                for r in grid.first_row()..grid.end_row() {
                    for c in grid.first_col()..grid.end_col() {
                        if let Cell::Error(e) = grid.get(r, c) {
                            report.error_cell((r, c), e);
                        }
                    }
                }
                result.diagnostics.extend(report.finish());
            }
        }
        for (id, mut source) in (result.plan.next_id().0..).zip(found) {
            source.id = ItemId(id);
            result.plan.sources.push(source);
        }
    }
    let budget_ok = !result.has_errors();
    let mut found = Vec::new();
    if add_targets(&workbook, &mut result, budget_ok) {
        found.push(crate::locale::Text::fixed("các chỉ tiêu", "the targets"));
    }
    found.extend(work::add_work(&workbook, &mut result, budget_ok));
    only_found(&mut result, budget_ok, &found);
    result.plan.sync_agencies();
    Ok(result)
}

/// When no budget table was read (`budget_ok` false) but other things were (`found`: "the
/// targets" …), the missing budget table is a warning, not an error: a workbook of targets or
/// tasks only is importable.
fn only_found(result: &mut ImportResult, budget_ok: bool, found: &[crate::locale::Text]) {
    if !budget_ok && !found.is_empty() {
        // A workbook of targets or tasks only is importable: the missing budget table is a
        // warning, not an error.
        let only = crate::locale::Text::each(|lang| {
            let parts: Vec<&str> = found.iter().map(|t| t.get(lang)).collect();
            match lang {
                crate::locale::Lang::Vi => format!("Chỉ {} được nhập.", parts.join(", ")),
                crate::locale::Lang::En => format!("Only {} are imported.", parts.join(", ")),
            }
        });
        for d in result.diagnostics.iter_mut().filter(|d| d.code == "no_table" || d.code == "no_lines") {
            d.severity = crate::diagnostic::Severity::Warning;
            d.text = std::mem::take(&mut d.text).then(" ", &only);
        }
    }
}

/// Whether a sheet's name says it is about funding.
fn is_funding_sheet(name: &str) -> bool {
    let f = crate::text::fold(name);
    ["nguon", "co cau", "funding", "source"].iter().any(|k| f.contains(k))
}

/// Whether a sheet's targets table is one: most of its indicators are percentages, as targets
/// are ("96 %", "trên 98%"), not amounts.
fn is_targets_sheet(grid: &SheetGrid) -> bool {
    find_targets(grid).is_some_and(|t| {
        let percent = t.targets.iter().filter(|x| x.unit == crate::model::TargetUnit::Percent).count();
        percent * 2 >= t.targets.len()
    })
}

/// Targets from every (small) sheet holding a targets table, the budget sheet excepted unless it
/// holds no budget table (`budget_ok`), and the sheets of tasks, responsibilities and calendar
/// too. Whether any were found.
fn add_targets(workbook: &Workbook<'_>, result: &mut ImportResult, budget_ok: bool) -> bool {
    let budget_sheet = result.recognised.sheet.clone();
    let mut found = Vec::new();
    for info in workbook.sheets() {
        if (budget_ok && info.name == budget_sheet) || workbook.most_cells(&info.name) > limits::MAX_TARGET_SHEET_CELLS
        {
            continue;
        }
        let Ok(grid) = workbook.sheet(&info.name) else { continue };
        if work::kind_of(&grid).is_some() {
            continue;
        }
        if let Some(targets) = find_targets(&grid) {
            found.push(targets);
        }
    }
    if found.is_empty() {
        return false;
    }
    push_targets(result, found);
    true
}

/// Adds the targets found to the plan, numbered after its items, with their diagnostics.
fn push_targets(result: &mut ImportResult, found: Vec<TargetsFound>) {
    let mut next = result.plan.next_id().0;
    for TargetsFound { targets, diagnostics } in found {
        for mut t in targets {
            t.id = ItemId(next);
            next += 1;
            result.plan.targets.push(t);
        }
        result.diagnostics.extend(diagnostics);
    }
}

/// The first sheet (visible ones first) whose table is understood without error; else the first
/// sheet's result, which explains what was expected. Sheets of targets, tasks, responsibilities
/// or a reporting calendar are no budget tables: when the workbook holds nothing else, the result
/// says the first of them holds no budget table (and the import reads them as what they are).
fn first_table(workbook: &Workbook<'_>, options: &ImportOptions) -> Result<ImportResult, ImportError> {
    let mut order: Vec<&SheetInfo> = workbook.sheets().iter().filter(|s| !s.hidden).collect();
    order.extend(workbook.sheets().iter().filter(|s| s.hidden));
    let mut first: Option<Result<ImportResult, ImportError>> = None;
    let mut fallback: Option<String> = None;
    for info in order {
        // A sheet of targets is not a budget table, though it has year columns.
        let grid = workbook.sheet(&info.name);
        if grid.as_ref().is_ok_and(|g| is_targets_sheet(g) || work::kind_of(g).is_some()) {
            if fallback.is_none() {
                fallback = Some(info.name.clone());
            }
            continue;
        }
        let outcome = grid.map(|grid| understand(&grid, options));
        match outcome {
            Ok(result) if !result.has_errors() => return Ok(result),
            other => {
                if first.is_none() {
                    first = Some(other);
                }
            }
        }
    }
    match (first, fallback) {
        (Some(first), _) => first,
        (None, Some(name)) => Ok(understand(&SheetGrid::from_rows(&name, Vec::new()), options)),
        (None, None) => Err(ImportError::NoWorksheet),
    }
}
