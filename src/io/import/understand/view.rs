//! The grid seen along a table's two axes, with hidden rows and columns left out.
//!
//! A table is read along the *year axis* (columns when years are columns; rows when years are
//! rows), whose entries are called fields (years, phase subtotals, totals, text columns such as
//! the names), and the *line axis*, whose entries are the budget lines, total rows and the header.
//! [`OrientedGrid`] maps (year-axis index `y`, line-axis index `l`) to a cell, so both layouts
//! share one reading.

use std::ops::Range;

use crate::io::import::grid::{Cell, Region, SheetGrid};
use crate::io::import::result::Axis;

/// Hidden rows and columns of a grid, as flags over its used range.
#[derive(Debug, Clone, Default)]
pub(super) struct Hidden {
    any: bool,
    rows: Vec<bool>,
    cols: Vec<bool>,
    first_row: u32,
    first_col: u32,
}

impl Hidden {
    pub(super) fn of(grid: &SheetGrid) -> Self {
        let mut rows = vec![false; grid.rows() as usize];
        for &r in grid.hidden_rows() {
            if let Some(f) = r.checked_sub(grid.first_row()).and_then(|i| rows.get_mut(i as usize)) {
                *f = true;
            }
        }
        let mut cols = vec![false; grid.cols() as usize];
        for &c in grid.hidden_cols() {
            if let Some(f) = c.checked_sub(grid.first_col()).and_then(|i| cols.get_mut(i as usize)) {
                *f = true;
            }
        }
        let any = rows.iter().any(|h| *h) || cols.iter().any(|h| *h);
        Self { any, rows, cols, first_row: grid.first_row(), first_col: grid.first_col() }
    }

    pub(super) fn row(&self, r: u32) -> bool {
        r.checked_sub(self.first_row).and_then(|i| self.rows.get(i as usize)).copied().unwrap_or(false)
    }

    pub(super) fn col(&self, c: u32) -> bool {
        c.checked_sub(self.first_col).and_then(|i| self.cols.get(i as usize)).copied().unwrap_or(false)
    }

    pub(super) fn any(&self) -> bool {
        self.any
    }
}

static EMPTY: Cell = Cell::Empty;

/// The grid seen along the table's axes (not a view on screen): `y` indexes the year axis, `l`
/// the line axis.
#[derive(Clone, Copy)]
pub(super) struct OrientedGrid<'g> {
    pub grid: &'g SheetGrid,
    /// Years are rows (`y` is a row, `l` a column); otherwise years are columns.
    pub years_in_rows: bool,
    pub hidden: &'g Hidden,
}

impl<'g> OrientedGrid<'g> {
    /// The sheet position (row, column) of (y, l).
    pub fn pos(&self, y: u32, l: u32) -> (u32, u32) {
        if self.years_in_rows { (y, l) } else { (l, y) }
    }

    /// Whether (y, l) lies in a hidden row or column.
    pub fn is_hidden(&self, y: u32, l: u32) -> bool {
        if !self.hidden.any {
            return false;
        }
        let (r, c) = self.pos(y, l);
        self.hidden.row(r) || self.hidden.col(c)
    }

    /// The cell at (y, l); hidden cells read as empty.
    pub fn cell(&self, y: u32, l: u32) -> &'g Cell {
        if self.is_hidden(y, l) {
            return &EMPTY;
        }
        let (r, c) = self.pos(y, l);
        self.grid.get(r, c)
    }

    /// The cell at (y, l) as stored, hidden or not.
    pub fn raw(&self, y: u32, l: u32) -> &'g Cell {
        let (r, c) = self.pos(y, l);
        self.grid.get(r, c)
    }

    pub fn y_range(&self) -> Range<u32> {
        if self.years_in_rows {
            self.grid.first_row()..self.grid.end_row()
        } else {
            self.grid.first_col()..self.grid.end_col()
        }
    }

    pub fn l_range(&self) -> Range<u32> {
        if self.years_in_rows {
            self.grid.first_col()..self.grid.end_col()
        } else {
            self.grid.first_row()..self.grid.end_row()
        }
    }

    /// The merged region covering (y, l).
    pub fn merge(&self, y: u32, l: u32) -> Option<&'g Region> {
        let (r, c) = self.pos(y, l);
        self.grid.merge_at(r, c)
    }

    /// The span along the year axis of a merged region covering (y, l), if it spans several.
    pub fn merged_y_span(&self, y: u32, l: u32) -> Option<(u32, u32)> {
        let m = self.merge(y, l)?;
        let span = if self.years_in_rows { (m.first_row, m.last_row) } else { (m.first_col, m.last_col) };
        (span.1 > span.0).then_some(span)
    }

    /// The span along the line axis of a merged region covering (y, l).
    pub fn merged_l_span(&self, y: u32, l: u32) -> Option<(u32, u32)> {
        let m = self.merge(y, l)?;
        let span = if self.years_in_rows { (m.first_col, m.last_col) } else { (m.first_row, m.last_row) };
        (span.1 > span.0).then_some(span)
    }

    /// The text shown at (y, l): the cell's own, or the top-left cell's of the merged region
    /// covering it. Hidden cells show nothing.
    pub fn shown(&self, y: u32, l: u32) -> &'g Cell {
        if self.is_hidden(y, l) {
            return &EMPTY;
        }
        match self.merge(y, l) {
            Some(m) => self.grid.get(m.first_row, m.first_col),
            None => self.cell(y, l),
        }
    }

    pub fn axis_of_l(&self) -> Axis {
        if self.years_in_rows { Axis::Column } else { Axis::Row }
    }

    pub fn axis_of_y(&self) -> Axis {
        if self.years_in_rows { Axis::Row } else { Axis::Column }
    }
}
