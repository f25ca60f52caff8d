//! The cells of one sheet as plain data: what the reader produces and the understanding reads.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The value of one cell, as stored in the file.
///
/// Numbers typed as text ("1.095", "3,08") stay [`Cell::Text`]: the understanding step reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Cell {
    /// No value.
    #[default]
    Empty,
    /// A number, exact (see [`decimal_from_f64`] for how binary numbers are converted).
    Number(Decimal),
    /// Text.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#REF!`, `#DIV/0!` or `#N/A`.
    Error(String),
    /// A date (or a duration): a number shown as a date by its cell's format. Never an amount; a
    /// year label when it is a year typed into a date-formatted cell, or the first of January.
    Date(CellDate),
}

/// The value of a date-formatted cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellDate {
    /// The number stored (days since the workbook's epoch, with the time as a fraction).
    pub serial: Decimal,
    /// The calendar date it shows.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
    /// Whether the format shows a duration (`[h]:mm`) rather than a date.
    pub duration: bool,
}

impl CellDate {
    /// The date as a planner reads it: `01/01/2013` in Vietnamese, `2013-01-01` in English; a
    /// duration as its hours and minutes (`36:30`).
    pub fn text(&self, lang: crate::locale::Lang) -> String {
        if self.duration {
            let minutes = (self.serial * Decimal::from(1440)).round();
            let minutes = rust_decimal::prelude::ToPrimitive::to_i64(&minutes).unwrap_or(0);
            return format!("{}:{:02}", minutes / 60, (minutes % 60).abs());
        }
        match lang {
            crate::locale::Lang::Vi => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
            crate::locale::Lang::En => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Cell {
    /// Whether the cell has no value (also text of white space only).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text, if the cell holds text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A rectangle of merged cells, inclusive, in absolute sheet coordinates (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Region {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row, inclusive.
    pub last_row: u32,
    /// Last column, inclusive.
    pub last_col: u32,
}

impl Region {
    /// A range typed as `A5:H40` (either corner first, `$` allowed), or one cell `B3`.
    pub fn parse(text: &str) -> Option<Region> {
        let text = text.trim();
        let (a, b) = text.split_once(':').unwrap_or((text, text));
        let (r1, c1) = super::merges::parse_cell(a)?;
        let (r2, c2) = super::merges::parse_cell(b)?;
        Some(Region { first_row: r1.min(r2), first_col: c1.min(c2), last_row: r1.max(r2), last_col: c1.max(c2) })
    }

    /// The range in A1 style: `A5:H40`.
    pub fn a1(&self) -> String {
        use crate::diagnostic::cell_ref;
        format!("{}:{}", cell_ref(self.first_row, self.first_col), cell_ref(self.last_row, self.last_col))
    }

    /// Whether the region covers the cell.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        self.first_row <= row && row <= self.last_row && self.first_col <= col && col <= self.last_col
    }
}

/// The used range of one sheet: rows × columns of cells, with merged regions and formula marks.
///
/// Coordinates are absolute and 0-based (`A1` is row 0, column 0); the grid stores the bounding
/// box of the non-empty cells, starting at ([`SheetGrid::first_row`], [`SheetGrid::first_col`]).
/// Every accessor is total: a position outside the grid reads as [`Cell::Empty`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SheetGrid {
    name: String,
    first_row: u32,
    first_col: u32,
    rows: u32,
    cols: u32,
    cells: Vec<Cell>,
    formulas: Vec<bool>,
    merged: Vec<Region>,
    /// Merged regions by covered cell (small regions), and the indices of large ones.
    #[serde(skip)]
    merge_index: MergeIndex,
    clipped: Vec<(u32, u32)>,
    /// Rows hidden in the file, sorted.
    #[serde(default)]
    hidden_rows: Vec<u32>,
    /// Columns hidden in the file, sorted.
    #[serde(default)]
    hidden_cols: Vec<u32>,
    /// Text cells decoded from a legacy Vietnamese encoding when read.
    #[serde(default)]
    legacy: Option<LegacyText>,
    /// Cells whose stored value could not be read (taken as empty).
    #[serde(default)]
    malformed: Vec<MalformedCell>,
    /// Cells whose formula takes its value from another workbook.
    #[serde(default)]
    linked: Option<LinkedCells>,
}

/// A cell whose stored value could not be read (`<c t="b"><v>2</v></c>`): taken as empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MalformedCell {
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
    /// The value as stored, when the file tells it (clipped), else empty.
    pub value: String,
    /// What it was stored as: `b` a logical value, `e` an error code, `s` a shared string's index,
    /// `n` a number; empty when not known.
    pub kind: String,
}

/// Cells whose formulas take their values from other workbooks (`=[1]Sheet1!A1`,
/// `='C:\…\[other.xlsx]Sheet1'!B2`): the values imported are those the file kept from the
/// last time it was opened with its links.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkedCells {
    /// How many cells of the sheet (0 when the format does not tell which: `.xlsb`).
    pub cells: u32,
    /// The first of them (row, column), 0-based.
    pub first: Option<(u32, u32)>,
    /// The file names of the linked workbooks, as far as the file tells.
    pub books: Vec<String>,
}

/// Text of a sheet that was typed in a legacy Vietnamese encoding (TCVN3 or VNI) and decoded to
/// Unicode when the sheet was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyText {
    /// The encoding.
    pub encoding: crate::text::legacy::Legacy,
    /// How many text cells were decoded.
    pub cells: u32,
    /// The first decoded cell (row, column), 0-based.
    pub first: (u32, u32),
    /// Whether the cells' fonts told the encoding (rather than the text alone).
    pub by_font: bool,
}

/// Finds the merged region covering a cell without scanning every region: small regions by
/// cell, regions of a few rows by row, the (rare) rest by a scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MergeIndex {
    cells: std::collections::HashMap<(u32, u32), u32>,
    rows: std::collections::HashMap<u32, Vec<u32>>,
    large: Vec<u32>,
}

/// Regions up to this many cells are indexed by cell; up to this many rows, by row.
const INDEXED_REGION_CELLS: u64 = 256;
const INDEXED_REGION_ROWS: u32 = 256;

impl MergeIndex {
    fn new(regions: &[Region]) -> Self {
        let mut index = MergeIndex::default();
        for (i, m) in regions.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let height = m.last_row.saturating_sub(m.first_row).saturating_add(1);
            let area = u64::from(height) * u64::from(m.last_col.saturating_sub(m.first_col).saturating_add(1));
            if area <= INDEXED_REGION_CELLS {
                for r in m.first_row..=m.last_row {
                    for c in m.first_col..=m.last_col {
                        index.cells.entry((r, c)).or_insert(i);
                    }
                }
            } else if height <= INDEXED_REGION_ROWS {
                for r in m.first_row..=m.last_row {
                    index.rows.entry(r).or_default().push(i);
                }
            } else {
                index.large.push(i);
            }
        }
        index
    }
}

static EMPTY: Cell = Cell::Empty;

impl SheetGrid {
    /// A grid named `name` from rows of cells starting at `A1` (short rows are padded with empty
    /// cells). Handy for tests and for pasted tables.
    pub fn from_rows(name: &str, rows: Vec<Vec<Cell>>) -> Self {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let height = rows.len();
        let mut cells = Vec::with_capacity(height.saturating_mul(cols));
        for mut row in rows {
            row.resize(cols, Cell::Empty);
            cells.extend(row);
        }
        let (rows, cols) = (u32::try_from(height).unwrap_or(u32::MAX), u32::try_from(cols).unwrap_or(u32::MAX));
        Self::of_cells(name, (0, 0), (rows, cols), cells)
    }

    /// An empty grid of `rows` × `cols` whose top-left cell is at (`first_row`, `first_col`).
    pub(crate) fn blank(name: &str, first_row: u32, first_col: u32, rows: u32, cols: u32) -> Self {
        let n = rows as usize * cols as usize;
        Self::of_cells(name, (first_row, first_col), (rows, cols), vec![Cell::Empty; n])
    }

    /// A grid of `cells` (row after row) whose top-left cell is at `first` (row, column), of
    /// `size` (rows, columns), with nothing else known of it.
    fn of_cells(name: &str, first: (u32, u32), size: (u32, u32), cells: Vec<Cell>) -> Self {
        Self {
            name: name.to_string(),
            first_row: first.0,
            first_col: first.1,
            rows: size.0,
            cols: size.1,
            formulas: vec![false; cells.len()],
            cells,
            merged: Vec::new(),
            merge_index: MergeIndex::default(),
            clipped: Vec::new(),
            hidden_rows: Vec::new(),
            hidden_cols: Vec::new(),
            legacy: None,
            malformed: Vec::new(),
            linked: None,
        }
    }

    /// The same grid with these merged regions.
    pub fn with_merged(mut self, merged: Vec<Region>) -> Self {
        self.merge_index = MergeIndex::new(&merged);
        self.merged = merged;
        self
    }

    /// The same grid with these rows and columns hidden (0-based, any order).
    pub fn with_hidden(mut self, mut rows: Vec<u32>, mut cols: Vec<u32>) -> Self {
        rows.sort_unstable();
        rows.dedup();
        cols.sort_unstable();
        cols.dedup();
        self.hidden_rows = rows;
        self.hidden_cols = cols;
        self
    }

    /// Rows hidden in the file, sorted.
    pub fn hidden_rows(&self) -> &[u32] {
        &self.hidden_rows
    }

    /// Columns hidden in the file, sorted.
    pub fn hidden_cols(&self) -> &[u32] {
        &self.hidden_cols
    }

    /// What was decoded from a legacy Vietnamese encoding, if anything.
    pub fn legacy(&self) -> Option<&LegacyText> {
        self.legacy.as_ref()
    }

    /// Decodes text cells typed in a legacy Vietnamese encoding (TCVN3, VNI) to Unicode: cells
    /// whose font names the encoding (`fonts`: row, column, encoding, all-capitals font); then
    /// other cells whose text alone tells the encoding; and, when the fonts are not known (`fonts`
    /// empty) and the sheet's texts vote for one encoding, every cell plausible in it.
    pub(crate) fn decode_legacy(&mut self, fonts: &[(u32, u32, crate::text::legacy::Legacy, bool)], fonts_known: bool) {
        use crate::text::legacy::{self, SheetVote};
        let mut decoded = 0u32;
        let mut first: Option<(u32, u32)> = None;
        let mut encoding = None;
        let mut by_font = false;
        let mut done: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
        for &(row, col, enc, upper) in fonts {
            let Some(i) = self.index(row, col) else { continue };
            let Some(Cell::Text(t)) = self.cells.get(i) else { continue };
            if t.is_ascii() {
                continue;
            }
            if legacy::detect(t).is_some_and(|d| d != enc) && !legacy::plausible(t, enc) {
                continue;
            }
            let text = legacy::decode(t, enc, upper);
            if let Some(Cell::Text(slot)) = self.cells.get_mut(i) {
                *slot = text;
            }
            done.insert((row, col));
            decoded += 1;
            first = first.min(Some((row, col))).or(Some((row, col)));
            encoding = Some(enc);
            by_font = true;
        }
        let mut vote = SheetVote::default();
        for cell in &self.cells {
            if let Cell::Text(t) = cell
                && !t.is_ascii()
            {
                vote.add(t);
            }
        }
        if let Some(enc) = vote.winner() {
            let cols = self.cols.max(1) as usize;
            for (i, cell) in self.cells.iter_mut().enumerate() {
                let Cell::Text(t) = cell else { continue };
                // With the fonts known, a cell in a Unicode font is decoded only when its text
                // leaves no doubt ("Mê Linh" in Times New Roman stays as it is).
                let decode = if fonts_known { legacy::detect(t) == Some(enc) } else { legacy::plausible(t, enc) };
                if t.is_ascii() || !decode {
                    continue;
                }
                let at = (self.first_row + (i / cols) as u32, self.first_col + (i % cols) as u32);
                if done.contains(&at) {
                    continue;
                }
                *t = legacy::decode(t, enc, false);
                decoded += 1;
                first = Some(first.map_or(at, |f| f.min(at)));
                encoding = encoding.or(Some(enc));
            }
        }
        if let (Some(encoding), Some(first)) = (encoding, first) {
            self.legacy = Some(LegacyText { encoding, cells: decoded, first, by_font });
        }
    }

    /// The sheet's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Row of the grid's top-left cell.
    pub fn first_row(&self) -> u32 {
        self.first_row
    }

    /// Column of the grid's top-left cell.
    pub fn first_col(&self) -> u32 {
        self.first_col
    }

    /// Number of rows of the used range.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// Number of columns of the used range.
    pub fn cols(&self) -> u32 {
        self.cols
    }

    /// One past the last row.
    pub fn end_row(&self) -> u32 {
        self.first_row.saturating_add(self.rows)
    }

    /// One past the last column.
    pub fn end_col(&self) -> u32 {
        self.first_col.saturating_add(self.cols)
    }

    fn index(&self, row: u32, col: u32) -> Option<usize> {
        let r = row.checked_sub(self.first_row)?;
        let c = col.checked_sub(self.first_col)?;
        if r >= self.rows || c >= self.cols {
            return None;
        }
        (r as usize).checked_mul(self.cols as usize)?.checked_add(c as usize)
    }

    /// The cell at an absolute position; [`Cell::Empty`] outside the grid.
    pub fn get(&self, row: u32, col: u32) -> &Cell {
        self.index(row, col).and_then(|i| self.cells.get(i)).unwrap_or(&EMPTY)
    }

    /// Whether the cell held a formula (its cached result is the value). Known for `.xlsx`,
    /// `.xlsm`, `.xls` and `.ods`; always `false` for `.xlsb`.
    pub fn is_formula(&self, row: u32, col: u32) -> bool {
        self.index(row, col).and_then(|i| self.formulas.get(i)).copied().unwrap_or(false)
    }

    /// Merged regions.
    pub fn merged(&self) -> &[Region] {
        &self.merged
    }

    /// The merged region covering a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Region> {
        if let Some(&i) = self.merge_index.cells.get(&(row, col)) {
            return self.merged.get(i as usize);
        }
        let in_row = self.merge_index.rows.get(&row).into_iter().flatten();
        in_row
            .chain(&self.merge_index.large)
            .filter_map(|&i| self.merged.get(i as usize))
            .find(|m| m.contains(row, col))
    }

    /// Text cells cut at [`super::limits::MAX_TEXT_CHARS`] characters when read.
    pub fn clipped(&self) -> &[(u32, u32)] {
        &self.clipped
    }

    pub(crate) fn set(&mut self, row: u32, col: u32, cell: Cell, formula: bool) {
        if let Some(i) = self.index(row, col) {
            if let Some(slot) = self.cells.get_mut(i) {
                *slot = cell;
            }
            if let Some(slot) = self.formulas.get_mut(i) {
                *slot = formula;
            }
        }
    }

    /// The grid read only within `range`: every other cell blank, except the text of the sheet's
    /// heading above it (the title, the unit line: the rows before any row of figures or of a
    /// table's header). Also gives how many numbers were blanked and their sum.
    pub fn within(&self, range: &Region) -> (SheetGrid, u32, Decimal) {
        let heading_end = (self.first_row..range.first_row)
            .find(|&r| {
                let cells = (self.first_col..self.end_col()).map(|c| self.get(r, c));
                let (mut filled, mut number) = (0, false);
                for cell in cells {
                    filled += usize::from(!cell.is_blank());
                    number |= matches!(cell, Cell::Number(_));
                }
                number || filled >= 3
            })
            .unwrap_or(range.first_row);
        let mut grid = self.clone();
        let mut count = 0u32;
        let mut sum = Decimal::ZERO;
        for r in self.first_row..self.end_row() {
            for c in self.first_col..self.end_col() {
                if range.contains(r, c) {
                    continue;
                }
                let cell = self.get(r, c);
                match cell {
                    Cell::Empty => continue,
                    Cell::Text(_) if r < heading_end => continue,
                    Cell::Number(n) => {
                        count = count.saturating_add(1);
                        sum = sum.saturating_add(*n);
                    }
                    _ => {}
                }
                grid.set(r, c, Cell::Empty, false);
            }
        }
        (grid, count, sum)
    }

    pub(crate) fn mark_clipped(&mut self, row: u32, col: u32) {
        self.clipped.push((row, col));
    }

    /// Cells whose stored value could not be read (taken as empty).
    pub fn malformed(&self) -> &[MalformedCell] {
        &self.malformed
    }

    /// The same grid with these cells noted as unreadable.
    pub fn with_malformed(mut self, mut cells: Vec<MalformedCell>) -> Self {
        cells.sort_by_key(|m| (m.row, m.col));
        self.malformed = cells;
        self
    }

    /// Cells whose formulas take their values from other workbooks, if any.
    pub fn linked(&self) -> Option<&LinkedCells> {
        self.linked.as_ref()
    }

    /// The same grid with these cells noted as linked to other workbooks (`None`: no link).
    pub fn with_linked(mut self, linked: Option<LinkedCells>) -> Self {
        self.linked = linked;
        self
    }
}

/// Converts a binary number read from a file into an exact decimal: rounded to 15 significant
/// digits, Excel's own precision, so `0.1 + 0.2` stored as `0.30000000000000004` reads as `0.3`.
///
/// This is the only place the import touches `f64`: readers hand over binary numbers, and from
/// here on every amount is a [`Decimal`]. Infinite and NaN values give `None`; so do magnitudes
/// beyond what a `Decimal` holds (about 7.9 × 10²⁸). Magnitudes below 10⁻²⁸ read as 0.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        return Some(Decimal::ZERO);
    }
    if let Some(d) = short_decimal(value) {
        return Some(d);
    }
    // `{:.14e}` writes 15 significant digits: "3.00000000000000e-1".
    let text = format!("{value:.14e}");
    match Decimal::from_scientific(&text) {
        Ok(d) => Some(d.normalize()),
        Err(_) if value.abs() < 1.0 => Some(Decimal::ZERO),
        Err(_) => None,
    }
}

/// The common case without formatting: `value` × 10^k is a whole number below 10^15 for some
/// k ≤ 6 (2013, 1095, 0.4, 2.5). Then that decimal is exactly what rounding to 15 significant
/// digits gives, since the product is within half a unit in the last place of the whole number.
fn short_decimal(value: f64) -> Option<Decimal> {
    const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0];
    for (k, p) in POW10.iter().enumerate() {
        let scaled = value * p;
        if scaled.abs() >= 1e15 {
            return None;
        }
        if scaled == scaled.trunc() {
            // |scaled| < 10^15 < 2^63: the conversion is exact.
            return Some(Decimal::new(scaled as i64, k as u32).normalize());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_binary_numbers_to_fifteen_digits() {
        assert_eq!(decimal_from_f64(0.1 + 0.2), Some(dec!(0.3)));
        assert_eq!(decimal_from_f64(1095.0), Some(dec!(1095)));
        assert_eq!(decimal_from_f64(3.08), Some(dec!(3.08)));
        assert_eq!(decimal_from_f64(-2.5), Some(dec!(-2.5)));
        assert_eq!(decimal_from_f64(5400.0 * 0.4), Some(dec!(2160)));
        assert_eq!(decimal_from_f64(123456789012345678.0), Some(dec!(123456789012346000)));
        assert_eq!(decimal_from_f64(1e-40), Some(Decimal::ZERO));
        assert_eq!(decimal_from_f64(1e300), None);
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(decimal_from_f64(f64::INFINITY), None);
        assert_eq!(decimal_from_f64(0.07), Some(dec!(0.07)));
        assert_eq!(decimal_from_f64(0.025), Some(dec!(0.025)));
        assert_eq!(decimal_from_f64(1.0 / 3.0), Some(dec!(0.333333333333333)));
        assert_eq!(decimal_from_f64(-1234.5), Some(dec!(-1234.5)));
    }

    #[test]
    fn the_short_path_agrees_with_formatting() {
        let mut rng = crate::reference::Xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let x = rng.next();
            let v = (x % 10_000_000) as f64 / [1.0, 10.0, 100.0, 1000.0, 7.0][(x % 5) as usize];
            let formatted = Decimal::from_scientific(&format!("{v:.14e}")).map(|d| d.normalize()).ok();
            assert_eq!(decimal_from_f64(v), formatted, "{v}");
        }
    }

    #[test]
    fn grid_reads_outside_as_empty() {
        let g = SheetGrid::from_rows("S", vec![vec![Cell::Text("a".into())], vec![]]);
        assert_eq!(g.get(0, 0), &Cell::Text("a".into()));
        assert_eq!(g.get(1, 0), &Cell::Empty);
        assert_eq!(g.get(5, 5), &Cell::Empty);
        assert_eq!(g.get(u32::MAX, u32::MAX), &Cell::Empty);
    }
}
