//! What the grid shows where: the slots along each axis, their sizes, and the figure, label and
//! test id of every cell. Pure functions of the editor, no DOM.

use rust_decimal::Decimal;

use crate::engine::Editor;
use crate::model::Year;

/// Height of one body row, in CSS pixels.
pub const ROW_H: i32 = 28;
/// Height of one header row.
pub const HEAD_ROW_H: i32 = 28;
/// Width of a year column.
pub const YEAR_W: i32 = 92;
/// Width of a phase subtotal column.
pub const PHASE_W: i32 = 104;
/// Width of the total column.
pub const TOTAL_W: i32 = 116;
/// Width of a line column when years are rows.
pub const LINE_W: i32 = 128;
/// Width of the header column: line names, or years when years are rows.
pub const NAME_W: i32 = 280;
/// Width of the header column when it holds years.
pub const YEAR_HEAD_W: i32 = 150;
/// Columns beyond this many are virtualised.
pub const VIRTUAL_COLS: usize = 60;

/// One position along an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A budget line, by row index in the plan.
    Line(usize),
    /// A year.
    Year(Year),
    /// A phase subtotal, by phase index.
    Phase(usize),
    /// The total.
    Total,
}

/// A phase band above the year columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// First body column (0-based among body columns).
    pub first: usize,
    /// Number of body columns spanned.
    pub span: usize,
    /// Phase index, or `None` for years outside every phase.
    pub phase: Option<usize>,
}

/// The grid's geometry for one structure of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Years are rows (and lines columns).
    pub transposed: bool,
    /// Body rows (the total row is pinned in the header and not among them).
    pub rows: Vec<Slot>,
    /// Body columns (the header column is not among them).
    pub cols: Vec<Slot>,
    /// Left edge of each body column, from the right edge of the header column.
    pub col_x: Vec<i32>,
    /// Width of each body column.
    pub col_w: Vec<i32>,
    /// Width of the header column.
    pub header_w: i32,
    /// Phase bands above the columns (only when years are columns).
    pub bands: Vec<Band>,
    /// Structure revision this layout was built for.
    pub rev: u64,
}

impl Layout {
    /// Lays out the plan of `ed`.
    pub fn build(ed: &Editor, transposed: bool, rev: u64) -> Self {
        let plan = ed.plan();
        let totals = ed.totals();
        let mut years = Vec::new();
        let mut bands: Vec<Band> = Vec::new();
        let columns = totals.columns();
        for (i, &y) in columns.iter().enumerate() {
            let phase = totals.phase_of_column(i);
            match bands.last_mut() {
                Some(b) if b.phase == phase && phase.is_some() => b.span += 1,
                _ => bands.push(Band { first: years.len(), span: 1, phase }),
            }
            years.push(Slot::Year(y));
            let next = columns.get(i + 1).map(|_| totals.phase_of_column(i + 1));
            if let Some(p) = phase
                && next != Some(Some(p))
            {
                years.push(Slot::Phase(p));
                if let Some(b) = bands.last_mut() {
                    b.span += 1;
                }
            }
        }
        let lines: Vec<Slot> = (0..plan.lines.len()).map(Slot::Line).collect();
        let (rows, mut cols) = if transposed { (years, lines) } else { (lines, years) };
        cols.push(Slot::Total);
        let col_w: Vec<i32> = cols
            .iter()
            .map(|s| match s {
                Slot::Year(_) => YEAR_W,
                Slot::Phase(_) => PHASE_W,
                Slot::Total => TOTAL_W,
                Slot::Line(_) => LINE_W,
            })
            .collect();
        let mut col_x = Vec::with_capacity(col_w.len());
        let mut x = 0;
        for w in &col_w {
            col_x.push(x);
            x += w;
        }
        Layout {
            transposed,
            rows,
            cols,
            col_x,
            col_w,
            header_w: if transposed { YEAR_HEAD_W } else { NAME_W },
            bands: if transposed { Vec::new() } else { bands },
            rev,
        }
    }

    /// Changes whenever the structure or the orientation does: keys of rendered rows and cells.
    pub fn generation(&self) -> u64 {
        self.rev * 2 + self.transposed as u64
    }

    /// Total width of the body columns.
    pub fn body_width(&self) -> i32 {
        self.col_x.last().copied().unwrap_or(0) + self.col_w.last().copied().unwrap_or(0)
    }

    /// Number of header rows: the phase bands (when years are columns), column labels, pinned total.
    pub fn head_rows(&self) -> i32 {
        if self.transposed { 2 } else { 3 }
    }

    /// Height of the header.
    pub fn head_h(&self) -> i32 {
        self.head_rows() * HEAD_ROW_H
    }

    /// The (line part, year part) of a body cell; `Total` stands for the total row or column.
    pub fn parts(&self, row: Slot, col: Slot) -> (Slot, Slot) {
        if self.transposed { (col, row) } else { (row, col) }
    }

    /// Body columns intersecting `[left, left + width)`, with one column to spare on each side.
    pub fn visible_cols(&self, left: i32, width: i32) -> (usize, usize) {
        let n = self.cols.len();
        if n <= VIRTUAL_COLS {
            return (0, n);
        }
        let start = self.col_x.partition_point(|&x| x <= left).saturating_sub(2);
        let end = self.col_x.partition_point(|&x| x < left + width + 1).saturating_add(1).min(n);
        (start, end.max(start))
    }

    /// Body rows intersecting the viewport, with a few to spare.
    pub fn visible_rows(&self, top: i32, height: i32) -> (usize, usize) {
        let n = self.rows.len();
        let first = (top.max(0) / ROW_H) as usize;
        let count = (height.max(0) / ROW_H) as usize + 2;
        let start = first.saturating_sub(4).min(n);
        let end = (first + count + 4).min(n);
        (start, end)
    }
}

/// The figure in a cell, `None` for an empty one. `line` is `Line(_)` or `Total`, `year` is
/// `Year(_)`, `Phase(_)` or `Total`.
pub fn figure(ed: &Editor, line: Slot, year: Slot) -> Option<Decimal> {
    let t = ed.totals();
    match (line, year) {
        (Slot::Line(i), Slot::Year(y)) => {
            if t.is_group(i) {
                t.group_cell(i, y)
            } else {
                ed.plan().lines.get(i).and_then(|l| l.amounts.get(&y)).copied()
            }
        }
        (Slot::Line(i), Slot::Phase(p)) => Some(t.line_phase_total(i, p)),
        (Slot::Line(i), Slot::Total) => Some(t.line_total(i)),
        (Slot::Total, Slot::Year(y)) => Some(t.year_total(y)),
        (Slot::Total, Slot::Phase(p)) => Some(t.phase_total(p)),
        (Slot::Total, Slot::Total) => Some(t.grand()),
        _ => None,
    }
}

/// Whether the cell holds a typed allocation (a leaf line in a year).
pub fn editable(ed: &Editor, line: Slot, year: Slot) -> bool {
    matches!((line, year), (Slot::Line(i), Slot::Year(_)) if !ed.totals().is_group(i))
}

/// The `data-testid` of a cell (see shared/TESTIDS.md).
pub fn testid(line: Slot, year: Slot) -> Option<String> {
    Some(match (line, year) {
        (Slot::Line(i), Slot::Year(y)) => format!("cell-{}-{y}", i + 1),
        (Slot::Line(i), Slot::Total) => format!("line-total-{}", i + 1),
        (Slot::Line(i), Slot::Phase(p)) => format!("line-phase-total-{}-{}", i + 1, p + 1),
        (Slot::Total, Slot::Year(y)) => format!("year-total-{y}"),
        (Slot::Total, Slot::Phase(p)) => format!("phase-total-{}", p + 1),
        (Slot::Total, Slot::Total) => "grand-total".to_string(),
        _ => return None,
    })
}

/// The label of a year-axis slot: "2013", "Cộng GĐ 1", "Tổng số".
pub fn year_label(ed: &Editor, slot: Slot, lang: crate::locale::Lang) -> String {
    match slot {
        Slot::Year(y) => y.to_string(),
        Slot::Phase(p) => {
            let name = ed.plan().phases.get(p).map(|p| p.short_name()).unwrap_or_default();
            format!("{} {}", crate::locale::label(lang, "Cộng", "Total"), name)
        }
        Slot::Total => crate::locale::label(lang, "Tổng", "Total").to_string(),
        Slot::Line(_) => String::new(),
    }
}
