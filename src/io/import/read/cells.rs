//! Cells streamed from a reader into a [`SheetGrid`], with the used range checked as it grows.

use calamine::{Data, DataRef, Dimensions};

use super::super::error::{ImportError, SizeLimit};
use super::super::grid::{Cell, Region, SheetGrid, decimal_from_f64};
use super::super::limits::{MAX_CELL_RECORDS, MAX_CELLS, MAX_COLS, MAX_MERGED, MAX_ROWS, MAX_TEXT_CHARS};

/// Refuses a used range beyond the limits; `extent` is the range as far as read (`A1:B50001`).
pub(super) fn check_size(
    sheet: &str,
    rows: u64,
    cols: u64,
    extent: impl FnOnce() -> String,
) -> Result<(), ImportError> {
    let limit = if rows > u64::from(MAX_ROWS) {
        SizeLimit::Rows
    } else if cols > u64::from(MAX_COLS) {
        SizeLimit::Columns
    } else if rows.saturating_mul(cols) > MAX_CELLS {
        SizeLimit::Cells
    } else {
        return Ok(());
    };
    Err(ImportError::SheetTooLarge { sheet: sheet.into(), rows, cols, limit, extent: extent() })
}

/// A failure while streaming cells: a limit, or the reader's own error.
pub(super) enum ReadFailure {
    Limit(ImportError),
    Reader(String),
}

impl ReadFailure {
    pub(super) fn into_import(self, damaged: impl Fn(String) -> ImportError) -> ImportError {
        match self {
            ReadFailure::Limit(e) => e,
            ReadFailure::Reader(detail) => damaged(detail),
        }
    }
}

impl From<ImportError> for ReadFailure {
    fn from(e: ImportError) -> Self {
        ReadFailure::Limit(e)
    }
}

/// Collects streamed cells, checking the used range as it grows.
pub(super) struct GridBuilder {
    name: String,
    cells: Vec<(u32, u32, Cell, bool, bool)>,
    bounds: Option<(u32, u32, u32, u32)>,
    records: u64,
}

impl GridBuilder {
    pub(super) fn new(name: &str) -> Self {
        Self { name: name.to_string(), cells: Vec::new(), bounds: None, records: 0 }
    }

    pub(super) fn push(
        &mut self,
        row: u32,
        col: u32,
        (cell, clipped): (Cell, bool),
        formula: bool,
    ) -> Result<(), ImportError> {
        self.records += 1;
        if self.records > MAX_CELL_RECORDS {
            let (rows, cols) = self.size();
            let limit = SizeLimit::CellRecords;
            return Err(ImportError::SheetTooLarge {
                sheet: self.name.clone(),
                rows,
                cols,
                limit,
                extent: self.extent(),
            });
        }
        if cell.is_blank() && !formula {
            return Ok(());
        }
        let (r0, c0, r1, c1) = self.bounds.unwrap_or((row, col, row, col));
        self.bounds = Some((r0.min(row), c0.min(col), r1.max(row), c1.max(col)));
        let (rows, cols) = self.size();
        check_size(&self.name, rows, cols, || self.extent())?;
        self.cells.push((row, col, cell, formula, clipped));
        Ok(())
    }

    fn size(&self) -> (u64, u64) {
        match self.bounds {
            Some((r0, c0, r1, c1)) => (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
            None => (0, 0),
        }
    }

    /// The used range so far in A1 style, empty when no cell holds a value.
    fn extent(&self) -> String {
        self.bounds
            .map(|(r0, c0, r1, c1)| Region { first_row: r0, first_col: c0, last_row: r1, last_col: c1 }.a1())
            .unwrap_or_default()
    }

    /// The position after the last cell pushed (where a cell without its own address would be).
    pub(super) fn next_position(&self) -> (u32, u32) {
        self.cells.last().map_or((0, 0), |&(r, c, ..)| (r, c.saturating_add(1)))
    }

    pub(super) fn finish(self, merged: &[Dimensions]) -> SheetGrid {
        let Some((r0, c0, r1, c1)) = self.bounds else {
            return SheetGrid::blank(&self.name, 0, 0, 0, 0);
        };
        let mut grid = SheetGrid::blank(&self.name, r0, c0, r1 - r0 + 1, c1 - c0 + 1);
        for (row, col, cell, formula, clipped) in self.cells {
            grid.set(row, col, cell, formula);
            if clipped {
                grid.mark_clipped(row, col);
            }
        }
        let regions: Vec<Region> = merged
            .iter()
            .filter(|d| d.end.0 >= r0 && d.start.0 <= r1 && d.end.1 >= c0 && d.start.1 <= c1)
            .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
            .take(MAX_MERGED)
            .map(|d| Region { first_row: d.start.0, first_col: d.start.1, last_row: d.end.0, last_col: d.end.1 })
            .collect();
        grid.with_merged(regions)
    }
}

/// Formats read whole at open (`.xls`, `.ods`): the range is already in memory.
pub(super) fn read_range(
    name: &str,
    values: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    merged: &[Dimensions],
) -> Result<(SheetGrid, Vec<(u32, u32)>), ImportError> {
    let (rows, cols) = (values.height() as u64, values.width() as u64);
    if !values.is_empty() {
        let (r0, c0) = values.start().unwrap_or((0, 0));
        let (r1, c1) = values.end().unwrap_or((0, 0));
        let extent = || Region { first_row: r0, first_col: c0, last_row: r1, last_col: c1 }.a1();
        check_size(name, rows, cols, extent)?;
    }
    let mut formula_at = std::collections::HashSet::new();
    let mut linked = Vec::new();
    if let Some(f) = formulas {
        let (fr, fc) = f.start().unwrap_or((0, 0));
        for (r, c, text) in f.used_cells() {
            if !text.is_empty() {
                formula_at.insert((fr as usize + r, fc as usize + c));
                if super::links::is_external_formula(text)
                    && let (Ok(row), Ok(col)) = (u32::try_from(fr as usize + r), u32::try_from(fc as usize + c))
                {
                    linked.push((row, col));
                }
            }
        }
    }
    let (sr, sc) = values.start().unwrap_or((0, 0));
    let mut builder = GridBuilder::new(name);
    for (r, c, data) in values.used_cells() {
        let (row, col) = (sr as usize + r, sc as usize + c);
        let (Ok(row32), Ok(col32)) = (u32::try_from(row), u32::try_from(col)) else { continue };
        builder.push(row32, col32, from_data(data), formula_at.contains(&(row, col)))?;
    }
    Ok((builder.finish(merged), linked))
}

/// A cell of a fully read range.
pub(super) fn from_data(d: &Data) -> (Cell, bool) {
    match d {
        Data::Int(i) => (Cell::Number((*i).into()), false),
        Data::Float(f) => (number(*f), false),
        Data::String(s) => text(s),
        Data::Bool(b) => (Cell::Bool(*b), false),
        Data::DateTime(dt) => (super::dates::date_cell(dt), false),
        Data::DateTimeIso(s) => (super::dates::iso_date_cell(s), false),
        Data::DurationIso(s) => text(s),
        Data::Error(e) => (Cell::Error(e.to_string()), false),
        Data::Empty => (Cell::Empty, false),
    }
}

/// A streamed cell.
pub(super) fn from_data_ref(d: DataRef<'_>) -> (Cell, bool) {
    match d {
        DataRef::Int(i) => (Cell::Number(i.into()), false),
        DataRef::Float(f) => (number(f), false),
        DataRef::String(s) => text(&s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => (Cell::Bool(b), false),
        DataRef::DateTime(dt) => (super::dates::date_cell(&dt), false),
        DataRef::DateTimeIso(s) => (super::dates::iso_date_cell(&s), false),
        DataRef::DurationIso(s) => text(&s),
        DataRef::Error(e) => (Cell::Error(e.to_string()), false),
        DataRef::Empty => (Cell::Empty, false),
    }
}

/// The f64 → Decimal boundary (see [`decimal_from_f64`]); a number no decimal can hold is `#NUM!`.
pub(super) fn number(f: f64) -> Cell {
    match decimal_from_f64(f) {
        Some(d) => Cell::Number(d),
        None => Cell::Error("#NUM!".into()),
    }
}

/// Text, cut at [`MAX_TEXT_CHARS`] characters; the flag tells whether it was cut.
pub(super) fn text(s: &str) -> (Cell, bool) {
    if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
        (Cell::Text(s.chars().take(MAX_TEXT_CHARS).collect()), true)
    } else {
        (Cell::Text(s.to_string()), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Message;

    #[test]
    fn refuses_a_used_range_beyond_the_limits_while_reading() {
        let mut b = GridBuilder::new("S");
        assert!(b.push(0, 0, (Cell::Text("a".into()), false), false).is_ok());
        assert!(b.push(49_999, 0, (Cell::Text("b".into()), false), false).is_ok());
        let far = b.push(50_000, 0, (Cell::Text("c".into()), false), false);
        assert!(
            matches!(&far, Err(ImportError::SheetTooLarge { limit: SizeLimit::Rows, extent, .. }) if extent == "A1:A50001"),
            "{far:?}"
        );

        let mut b = GridBuilder::new("S");
        assert!(b.push(0, 0, (Cell::Text("a".into()), false), false).is_ok());
        let wide = b.push(0, 500, (Cell::Text("b".into()), false), false);
        assert!(matches!(wide, Err(ImportError::SheetTooLarge { limit: SizeLimit::Columns, .. })));

        let mut b = GridBuilder::new("S");
        assert!(b.push(0, 0, (Cell::Text("a".into()), false), false).is_ok());
        let big = b.push(4_999, 400, (Cell::Text("b".into()), false), false);
        assert!(matches!(big, Err(ImportError::SheetTooLarge { limit: SizeLimit::Cells, .. })));
    }

    #[test]
    fn limit_max_cell_records() {
        // Empty formatted cells leave the used range empty but are counted.
        let mut b = GridBuilder::new("S");
        assert!(b.push(0, 0, (Cell::Text("a".into()), false), false).is_ok());
        for i in 1..MAX_CELL_RECORDS {
            assert!(b.push((i / 100) as u32, (i % 100) as u32, (Cell::Empty, false), false).is_ok());
        }
        let e = b.push(45_000, 0, (Cell::Empty, false), false).expect_err("refused");
        assert_eq!(
            e,
            ImportError::SheetTooLarge {
                sheet: "S".into(),
                rows: 1,
                cols: 1,
                limit: SizeLimit::CellRecords,
                extent: "A1:A1".into()
            }
        );
        assert_eq!(
            e.text(crate::locale::Lang::En),
            "Sheet 'S' is too large (1 rows × 1 columns; at most 4000000 stored cells, formatted empty ones \
             included). Its cells with values reach from A1 to A1. There may be stray cells far from the table: \
             delete the extra rows and columns, or copy the budget table alone into a new sheet."
        );
        assert!(e.text(crate::locale::Lang::Vi).contains("tối đa 4000000 ô được lưu, kể cả ô trống có định dạng"));
    }

    #[test]
    fn blank_cells_do_not_widen_the_used_range() {
        let mut b = GridBuilder::new("S");
        assert!(b.push(2, 1, (Cell::Text("a".into()), false), false).is_ok());
        assert!(b.push(4_000_000, 16_000, (Cell::Empty, false), false).is_ok());
        let grid = b.finish(&[]);
        assert_eq!((grid.first_row(), grid.first_col(), grid.rows(), grid.cols()), (2, 1, 1, 1));
    }
}
