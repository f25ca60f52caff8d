//! Understanding a sheet: finding its budget table(s) in a [`SheetGrid`] and turning the chosen
//! one into a [`Plan`](crate::model::Plan), with what was recognised and diagnostics at their
//! cells.
//!
//! The steps, one module each:
//! - [`axis`]: where the years are (a header row of year columns, or a column of years); each
//!   run of years is a candidate table;
//! - [`fields`]: the header (several rows, merged cells) and what each field holds: a year's
//!   amounts of some kind ("Dự toán năm 2025"), a part by source ("NSTW"), a phase subtotal, a
//!   total, a percentage, or text ([`tags`] reads one header text);
//! - [`entries`]: the lines, totals wherever their label is, memo rows, the table's end;
//! - [`numbering`] and [`hierarchy`]: the outline from the numbering, parents checked against
//!   their children;
//! - [`unit`]: the title and the unit, or a guess the planner must confirm;
//! - [`phases`], [`funding`]: phases and funding sources the table states;
//! - [`reader`]: one table read with its cross-checks and an account of what was left out.

mod amounts;
mod axis;
mod entries;
mod fields;
mod funding;
mod hierarchy;
mod ledger;
mod numbering;
mod phases;
mod reader;
mod tags;
mod unit;
mod view;

pub use tags::FigureKind;
pub(crate) use unit::find_title;

use super::grid::SheetGrid;
use super::report::Report;
use super::result::{ImportOptions, ImportResult, Recognised, TableFound};
use crate::model::{Plan, YearRange};
use view::{Hidden, OrientedGrid};

/// Most candidate tables read on one sheet.
const MAX_TABLES: usize = 4;

/// Reads the budget table of `grid` into a plan. Pure and total: any grid gives a result, with
/// an error diagnostic when no table is found. When the sheet holds several tables, the one with
/// the most amounts is read and the others are listed in [`Recognised::tables`].
pub fn understand(grid: &SheetGrid, options: &ImportOptions) -> ImportResult {
    let mut result = read_table(grid, options);
    // The agencies the table names (a "Chủ trì" column) make the plan's directory.
    result.plan.sync_agencies();
    result
}

/// [`understand`] before the plan's agency directory is made.
fn read_table(grid: &SheetGrid, options: &ImportOptions) -> ImportResult {
    if let Some(range) = options.range {
        return within_range(grid, options, range);
    }
    let hidden = Hidden::of(grid);
    if let Some(result) = ledger::pivot(grid, &hidden, options) {
        return result;
    }
    let rows = OrientedGrid { grid, years_in_rows: true, hidden: &hidden };
    let cols = OrientedGrid { grid, years_in_rows: false, hidden: &hidden };
    let candidates = axis::candidates(rows, cols, options);
    if candidates.is_empty() {
        return nothing_found(grid, &hidden, options);
    }
    let mut tables: Vec<(reader::Table, &axis::YearAxis)> = Vec::new();
    for axis in candidates.iter().take(MAX_TABLES) {
        // A table stops where the next table of the same layout begins.
        let view = if axis.years_in_rows { rows } else { cols };
        let stop = candidates
            .iter()
            .filter(|o| o.years_in_rows == axis.years_in_rows && o.slot > axis.slot)
            .filter(|o| {
                // Only a table whose years span the same fields: a second block below.
                let a = axis.years.first().map(|y| y.0).unwrap_or(0);
                let b = o.years.first().map(|y| y.0).unwrap_or(0);
                a.abs_diff(b) <= 20
            })
            .map(|o| o.slot.saturating_sub(2))
            .min()
            .unwrap_or(view.l_range().end)
            .max(axis.slot.saturating_add(1));
        tables.push((reader::read(grid, &hidden, options, axis, stop), axis));
    }
    let best = tables
        .iter()
        .enumerate()
        .max_by_key(|(i, (t, _))| {
            (!t.result.has_errors(), t.amounts.min(1), t.amounts, t.has_total, std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i)
        .unwrap_or(0);
    let others: Vec<TableFound> = tables
        .iter()
        .enumerate()
        .filter(|(i, (t, _))| *i != best && t.amounts > 0 && !t.result.has_errors())
        .filter(|(_, (t, a))| {
            let chosen = &tables.get(best).map(|(b, ba)| (b.extent, ba.years_in_rows));
            !chosen.is_some_and(|(e, rows)| rows == a.years_in_rows && e.0 < t.extent.1 && t.extent.0 < e.1)
        })
        .map(|(_, (t, a))| table_found(grid, t, a))
        .collect();
    let mut result = tables.swap_remove(best).0.result;
    result.recognised.tables = others;
    result
}

/// The table the planner marked: only its cells are read; the figures outside it are counted and
/// said, so that marking a range never drops money in silence.
fn within_range(grid: &SheetGrid, options: &ImportOptions, range: super::grid::Region) -> ImportResult {
    let (inside, count, sum) = grid.within(&range);
    let mut result = understand(&inside, &ImportOptions { range: None, ..options.clone() });
    if count > 0 {
        result.recognised.excluded.push(super::result::Excluded {
            axis: super::result::Axis::Row,
            index: range.first_row,
            label: range.a1(),
            reason: super::result::ExcludeReason::OutsideTable,
            count,
            sum: Some(sum),
        });
        let mut report = Report::new(grid.name());
        report.left_out(
            (range.first_row, range.first_col),
            &range.a1(),
            count,
            sum,
            "chúng nằm ngoài vùng bảng đã chọn",
            "they lie outside the marked range",
        );
        result.diagnostics.extend(report.finish());
    }
    result
}

fn table_found(grid: &SheetGrid, t: &reader::Table, a: &axis::YearAxis) -> TableFound {
    let years = (a.years.first().map(|y| y.1).unwrap_or(0), a.years.last().map(|y| y.1).unwrap_or(0));
    let (ys, ye) = (a.years.first().map(|y| y.0).unwrap_or(0), a.years.last().map(|y| y.0).unwrap_or(0));
    let (rows, cols) = if a.years_in_rows {
        ((ys, ye), (t.extent.0, t.extent.1.saturating_sub(1)))
    } else {
        ((t.extent.0, t.extent.1.saturating_sub(1)), (grid.first_col(), grid.end_col().saturating_sub(1)))
    };
    TableFound {
        header_row: if a.years_in_rows {
            t.result.recognised.header_rows.last().copied().unwrap_or(ys)
        } else {
            a.slot
        },
        rows,
        cols,
        years,
        amounts: u32::try_from(t.amounts).unwrap_or(u32::MAX),
        years_in_rows: a.years_in_rows,
    }
}

/// The result when no table was found: an empty plan and an error.
fn nothing_found(grid: &SheetGrid, hidden: &Hidden, options: &ImportOptions) -> ImportResult {
    let mut report = Report::new(grid.name());
    report.read_notes(grid);
    let guessing = options.orientation.is_none() && options.header_row.is_none();
    let header = if guessing { ledger::explain(grid, hidden, &mut report) } else { None };
    if header.is_none() {
        report.no_table((grid.first_row(), grid.first_col()));
    }
    let unit = options.plan_unit.or(options.unit).unwrap_or_default();
    let mut plan = Plan::new("", YearRange::new(2026, 2030), unit);
    let found = find_title(grid, header.unwrap_or(grid.end_row().min(grid.first_row().saturating_add(8))));
    if let Some(t) = &found {
        plan.title = t.value.clone();
    }
    ImportResult {
        plan,
        recognised: Recognised {
            sheet: grid.name().to_string(),
            title: found,
            legacy: grid.legacy().cloned(),
            ..Recognised::default()
        },
        diagnostics: report.finish(),
    }
}
