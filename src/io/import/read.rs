//! Reading a workbook's bytes into [`SheetGrid`]s with calamine, within the import's limits.

use std::cell::RefCell;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};

use super::error::{Format, ImportError, SizeLimit};
use super::facts::SheetFacts;
use super::grid::{Cell, Region, SheetGrid, decimal_from_f64};
use super::limits::{MAX_CELL_RECORDS, MAX_CELLS, MAX_COLS, MAX_FILE_BYTES, MAX_MERGED, MAX_ROWS, MAX_TEXT_CHARS};
use super::sniff::{Sniffed, ole2_failure, sniff};
use crate::text::legacy::{self, Legacy};

type Source<'a> = Cursor<&'a [u8]>;

/// One worksheet as listed by [`Workbook::sheets`], before its cells are read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// Rows of the used range as the file declares it (0 when the sheet is empty).
    pub rows: u32,
    /// Columns of the used range as the file declares it.
    pub cols: u32,
    /// Whether the sheet is hidden in the workbook.
    pub hidden: bool,
}

enum Inner<'a> {
    Xlsx(Box<Xlsx<Source<'a>>>),
    Xlsb(Box<Xlsb<Source<'a>>>),
    Xls(Box<Xls<Source<'a>>>),
    Ods(Box<Ods<Source<'a>>>),
}

/// An opened workbook: its format and worksheets. Cells are read sheet by sheet with
/// [`Workbook::sheet`], each checked against the limits before it is loaded.
pub struct Workbook<'a> {
    format: Format,
    sheets: Vec<SheetInfo>,
    inner: RefCell<Inner<'a>>,
    bytes: &'a [u8],
}

impl std::fmt::Debug for Workbook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook").field("format", &self.format).field("sheets", &self.sheets).finish()
    }
}

/// Opens a workbook from its bytes. The format is told by content, not by file name: `.xlsx`,
/// `.xlsm`, `.xlsb`, `.xls` and `.ods` are read; a PDF or anything else is
/// [`ImportError::NotASpreadsheet`], a truncated file [`ImportError::Damaged`], a workbook with a
/// password to open [`ImportError::Encrypted`].
pub fn open_workbook(bytes: &[u8]) -> Result<Workbook<'_>, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::FileTooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES });
    }
    let Sniffed::Spreadsheet(format) = sniff(bytes)?;
    guarded(format, || open_format(bytes, format))?
}

/// Runs a reader step, turning a panic inside the reader (calamine indexes some malformed
/// records unchecked) into [`ImportError::Damaged`]. Native builds unwind; on `wasm32` a panic
/// aborts, so there this only documents the risk.
fn guarded<T>(format: Format, f: impl FnOnce() -> T) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| ImportError::Damaged { format, detail: "the reader failed on a malformed record".into() })
}

fn open_format(bytes: &[u8], format: Format) -> Result<Workbook<'_>, ImportError> {
    let cursor = Cursor::new(bytes);
    let damaged = |detail: String| ImportError::Damaged { format, detail };
    let inner = match format {
        Format::Xlsx | Format::Xlsm => match Xlsx::new(cursor) {
            Ok(x) => Inner::Xlsx(Box::new(x)),
            Err(calamine::XlsxError::Password) => return Err(ImportError::Encrypted),
            Err(e) => return Err(damaged(e.to_string())),
        },
        Format::Xlsb => match Xlsb::new(cursor) {
            Ok(x) => Inner::Xlsb(Box::new(x)),
            Err(calamine::XlsbError::Password) => return Err(ImportError::Encrypted),
            Err(e) => return Err(damaged(e.to_string())),
        },
        Format::Xls => match Xls::new(cursor) {
            Ok(x) => Inner::Xls(Box::new(x)),
            Err(calamine::XlsError::Password) => return Err(ImportError::Encrypted),
            Err(e) => return Err(ole2_failure(bytes, e.to_string())),
        },
        Format::Ods => match Ods::new(cursor) {
            Ok(x) => Inner::Ods(Box::new(x)),
            Err(calamine::OdsError::Password) => return Err(ImportError::Encrypted),
            Err(e) => return Err(damaged(e.to_string())),
        },
    };
    let mut inner = inner;
    let sheets = list_sheets(&mut inner);
    if sheets.is_empty() {
        return Err(ImportError::NoWorksheet);
    }
    Ok(Workbook { format, sheets, inner: RefCell::new(inner), bytes })
}

/// The worksheets (not chart sheets) with their declared size.
fn list_sheets(inner: &mut Inner<'_>) -> Vec<SheetInfo> {
    let meta: Vec<calamine::Sheet> = match inner {
        Inner::Xlsx(x) => x.sheets_metadata().to_vec(),
        Inner::Xlsb(x) => x.sheets_metadata().to_vec(),
        Inner::Xls(x) => x.sheets_metadata().to_vec(),
        Inner::Ods(x) => x.sheets_metadata().to_vec(),
    };
    let mut out = Vec::new();
    for sheet in meta.into_iter().filter(|s| s.typ == SheetType::WorkSheet) {
        let dims = match inner {
            Inner::Xlsx(x) => x.worksheet_cells_reader(&sheet.name).ok().map(|r| r.dimensions()),
            Inner::Xlsb(x) => x.worksheet_cells_reader(&sheet.name).ok().map(|r| r.dimensions()),
            Inner::Xls(x) => x.worksheet_range(&sheet.name).ok().map(|r| range_dims(&r)),
            Inner::Ods(x) => x.worksheet_range(&sheet.name).ok().map(|r| range_dims(&r)),
        };
        // A sheet whose cells cannot even be located is not a worksheet after all.
        let Some(dims) = dims else { continue };
        let (rows, cols) = size_of(dims);
        out.push(SheetInfo { name: sheet.name, rows, cols, hidden: sheet.visible != calamine::SheetVisible::Visible });
    }
    out
}

fn range_dims<T: calamine::CellType>(range: &calamine::Range<T>) -> Dimensions {
    match (range.start(), range.end()) {
        (Some(s), Some(e)) => Dimensions::new(s, e),
        _ => Dimensions::new((0, 0), (0, 0)),
    }
}

fn size_of(d: Dimensions) -> (u32, u32) {
    let rows = d.end.0.saturating_sub(d.start.0).saturating_add(1);
    let cols = d.end.1.saturating_sub(d.start.1).saturating_add(1);
    (rows, cols)
}

impl Workbook<'_> {
    /// The file's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The worksheets, in workbook order.
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// Reads the cells of the sheet named `name`. Its declared size is checked before any cell is
    /// loaded, and its actual used range while reading: more than
    /// [`MAX_ROWS`](super::limits::MAX_ROWS) rows, [`MAX_COLS`](super::limits::MAX_COLS) columns
    /// or [`MAX_CELLS`](super::limits::MAX_CELLS) cells is [`ImportError::SheetTooLarge`].
    pub fn sheet(&self, name: &str) -> Result<SheetGrid, ImportError> {
        let info =
            self.sheets.iter().find(|s| s.name == name).ok_or_else(|| ImportError::SheetNotFound(name.into()))?;
        check_size(name, u64::from(info.rows), u64::from(info.cols))?;
        let format = self.format;
        let mut inner = self
            .inner
            .try_borrow_mut()
            .map_err(|_| ImportError::Damaged { format, detail: "the workbook is being read already".into() })?;
        guarded(format, || read_sheet(&mut inner, self.bytes, format, name))?
    }
}

/// Reads one sheet's cells with the format's reader, then what calamine does not give: hidden
/// rows and columns, and text typed in a legacy Vietnamese encoding (told by the cells' fonts
/// where the format gives them, else by the text), decoded to Unicode.
fn read_sheet(inner: &mut Inner<'_>, bytes: &[u8], format: Format, name: &str) -> Result<SheetGrid, ImportError> {
    let damaged = |detail: String| ImportError::Damaged { format, detail };
    let (grid, facts) = match inner {
        Inner::Xlsx(x) => {
            let (grid, facts) = read_xlsx(x, Some(bytes), name).map_err(|e| e.into_import(damaged))?;
            let fonts = if maybe_legacy(&grid) { xlsx_fonts(x, name) } else { Vec::new() };
            (grid, facts.map(|f| SheetFacts { fonts: Vec::new(), text_fonts: Vec::new(), ..f }).map(|f| (f, fonts)))
        }
        Inner::Xlsb(x) => (read_xlsb(x, name).map_err(|e| e.into_import(damaged))?, None),
        Inner::Xls(x) => {
            let values = x.worksheet_range(name).map_err(|e| damaged(e.to_string()))?;
            let formulas = x.worksheet_formula(name).ok();
            let merged = x.merge_cells_by_sheet_name(name).unwrap_or_default();
            let grid = read_range(name, &values, formulas.as_ref(), &merged)?;
            let facts = super::facts::xls_facts(bytes, name).map(|f| {
                let fonts = legacy_fonts(&f.fonts, &f.text_fonts);
                (f, fonts)
            });
            (grid, facts)
        }
        Inner::Ods(x) => {
            let values = x.worksheet_range(name).map_err(|e| damaged(e.to_string()))?;
            let formulas = x.worksheet_formula(name).ok();
            (read_range(name, &values, formulas.as_ref(), &[])?, None)
        }
    };
    let mut grid = match &facts {
        Some((f, _)) => grid.with_hidden(f.hidden_rows.clone(), f.hidden_cols.clone()),
        None => grid,
    };
    // An .xls gives every text cell's font; an .xlsx only when asked (legacy-looking text).
    let fonts_known = matches!(format, Format::Xls) && facts.is_some();
    let fonts = facts.map(|(_, fonts)| fonts).unwrap_or_default();
    grid.decode_legacy(&fonts, fonts_known || !fonts.is_empty());
    Ok(grid)
}

/// Whether a sheet has text that may be in a legacy encoding: non-ASCII text made only of
/// characters up to U+00FF.
fn maybe_legacy(grid: &SheetGrid) -> bool {
    (grid.first_row()..grid.end_row()).any(|r| {
        (grid.first_col()..grid.end_col()).any(|c| match grid.get(r, c) {
            Cell::Text(t) => !t.is_ascii() && t.chars().all(|ch| (ch as u32) <= 0xFF),
            _ => false,
        })
    })
}

/// The text cells whose font names a legacy encoding, with the encoding and whether the font is
/// all capitals.
fn legacy_fonts(fonts: &[String], text_fonts: &[(u32, u32, u16)]) -> Vec<(u32, u32, Legacy, bool)> {
    let encodings: Vec<Option<(Legacy, bool)>> = fonts.iter().map(|f| legacy::font_encoding(f)).collect();
    text_fonts
        .iter()
        .filter_map(|&(r, c, f)| encodings.get(f as usize).copied().flatten().map(|(e, upper)| (r, c, e, upper)))
        .collect()
}

/// An xlsx sheet's text cells in legacy fonts, from calamine's styles (a second pass over the
/// sheet, made only when its text suggests a legacy encoding).
fn xlsx_fonts(x: &mut Xlsx<Source<'_>>, name: &str) -> Vec<(u32, u32, Legacy, bool)> {
    let Ok(styles) = x.worksheet_style(name) else { return Vec::new() };
    let Some((r0, c0)) = styles.start() else { return Vec::new() };
    let mut out = Vec::new();
    for (r, c, style) in styles.cells() {
        let Some(font) = style.font.as_ref().and_then(|f| f.name.as_deref()) else { continue };
        if let Some((e, upper)) = legacy::font_encoding(font) {
            out.push((r0.saturating_add(r), c0.saturating_add(c), e, upper));
        }
    }
    out
}

/// Refuses a used range beyond the limits.
fn check_size(sheet: &str, rows: u64, cols: u64) -> Result<(), ImportError> {
    let limit = if rows > u64::from(MAX_ROWS) {
        SizeLimit::Rows
    } else if cols > u64::from(MAX_COLS) {
        SizeLimit::Columns
    } else if rows.saturating_mul(cols) > MAX_CELLS {
        SizeLimit::Cells
    } else {
        return Ok(());
    };
    Err(ImportError::SheetTooLarge { sheet: sheet.into(), rows, cols, limit })
}

/// A failure while streaming cells: a limit, or the reader's own error.
enum ReadFailure {
    Limit(ImportError),
    Reader(String),
}

impl ReadFailure {
    fn into_import(self, damaged: impl Fn(String) -> ImportError) -> ImportError {
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
struct GridBuilder {
    name: String,
    cells: Vec<(u32, u32, Cell, bool, bool)>,
    bounds: Option<(u32, u32, u32, u32)>,
    records: u64,
}

impl GridBuilder {
    fn new(name: &str) -> Self {
        Self { name: name.to_string(), cells: Vec::new(), bounds: None, records: 0 }
    }

    fn push(&mut self, row: u32, col: u32, (cell, clipped): (Cell, bool), formula: bool) -> Result<(), ImportError> {
        self.records += 1;
        if self.records > MAX_CELL_RECORDS {
            let (rows, cols) = self.size();
            let limit = SizeLimit::CellRecords;
            return Err(ImportError::SheetTooLarge { sheet: self.name.clone(), rows, cols, limit });
        }
        if cell.is_blank() && !formula {
            return Ok(());
        }
        let (r0, c0, r1, c1) = self.bounds.unwrap_or((row, col, row, col));
        self.bounds = Some((r0.min(row), c0.min(col), r1.max(row), c1.max(col)));
        let (rows, cols) = self.size();
        check_size(&self.name, rows, cols)?;
        self.cells.push((row, col, cell, formula, clipped));
        Ok(())
    }

    fn size(&self) -> (u64, u64) {
        match self.bounds {
            Some((r0, c0, r1, c1)) => (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
            None => (0, 0),
        }
    }

    fn finish(self, merged: &[Dimensions]) -> SheetGrid {
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

fn read_xlsx(
    x: &mut Xlsx<Source<'_>>,
    bytes: Option<&[u8]>,
    name: &str,
) -> Result<(SheetGrid, Option<SheetFacts>), ReadFailure> {
    let mut builder = GridBuilder::new(name);
    {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| ReadFailure::Reader(e.to_string()))?;
        while let Some(rec) =
            reader.next_cell_with_formula_metadata().map_err(|e| ReadFailure::Reader(e.to_string()))?
        {
            builder.push(rec.pos.0, rec.pos.1, from_data_ref(rec.value), rec.formula.is_some())?;
        }
    }
    // Merged regions and hidden rows and columns are in the sheet's XML: one inflate for both.
    let part = bytes.and_then(|b| super::merges::xlsx_sheet_part(b, name));
    let merged = match part.as_deref().and_then(super::merges::merged_regions_in_part) {
        Some(regions) => regions,
        None => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
    };
    let facts = part.as_deref().map(super::facts::xlsx_facts_in_part);
    Ok((builder.finish(&merged), facts))
}

fn read_xlsb(x: &mut Xlsb<Source<'_>>, name: &str) -> Result<SheetGrid, ReadFailure> {
    let mut builder = GridBuilder::new(name);
    let mut reader = x.worksheet_cells_reader(name).map_err(|e| ReadFailure::Reader(e.to_string()))?;
    while let Some(cell) = reader.next_cell().map_err(|e| ReadFailure::Reader(e.to_string()))? {
        let (row, col) = cell.get_position();
        builder.push(row, col, from_data_ref(cell.get_value().clone()), false)?;
    }
    Ok(builder.finish(&[]))
}

/// Formats read whole at open (`.xls`, `.ods`): the range is already in memory.
fn read_range(
    name: &str,
    values: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    merged: &[Dimensions],
) -> Result<SheetGrid, ImportError> {
    let (rows, cols) = size_of(range_dims(values));
    if !values.is_empty() {
        check_size(name, u64::from(rows), u64::from(cols))?;
    }
    let mut formula_at = std::collections::HashSet::new();
    if let Some(f) = formulas {
        let (fr, fc) = f.start().unwrap_or((0, 0));
        for (r, c, text) in f.used_cells() {
            if !text.is_empty() {
                formula_at.insert((fr as usize + r, fc as usize + c));
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
    Ok(builder.finish(merged))
}

/// A cell of a fully read range.
fn from_data(d: &Data) -> (Cell, bool) {
    match d {
        Data::Int(i) => (Cell::Number((*i).into()), false),
        Data::Float(f) => (number(*f), false),
        Data::String(s) => text(s),
        Data::Bool(b) => (Cell::Bool(*b), false),
        // A date is kept as its serial number: a year typed into a date-formatted cell stays 2013.
        Data::DateTime(dt) => (number(dt.as_f64()), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text(s),
        Data::Error(e) => (Cell::Error(e.to_string()), false),
        Data::Empty => (Cell::Empty, false),
    }
}

/// A streamed cell.
fn from_data_ref(d: DataRef<'_>) -> (Cell, bool) {
    match d {
        DataRef::Int(i) => (Cell::Number(i.into()), false),
        DataRef::Float(f) => (number(f), false),
        DataRef::String(s) => text(&s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => (Cell::Bool(b), false),
        DataRef::DateTime(dt) => (number(dt.as_f64()), false),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(&s),
        DataRef::Error(e) => (Cell::Error(e.to_string()), false),
        DataRef::Empty => (Cell::Empty, false),
    }
}

/// The f64 → Decimal boundary (see [`decimal_from_f64`]); a number no decimal can hold is `#NUM!`.
fn number(f: f64) -> Cell {
    match decimal_from_f64(f) {
        Some(d) => Cell::Number(d),
        None => Cell::Error("#NUM!".into()),
    }
}

/// Text, cut at [`MAX_TEXT_CHARS`] characters; the flag tells whether it was cut.
fn text(s: &str) -> (Cell, bool) {
    if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
        (Cell::Text(s.chars().take(MAX_TEXT_CHARS).collect()), true)
    } else {
        (Cell::Text(s.to_string()), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_used_range_beyond_the_limits_while_reading() {
        let mut b = GridBuilder::new("S");
        assert!(b.push(0, 0, (Cell::Text("a".into()), false), false).is_ok());
        assert!(b.push(49_999, 0, (Cell::Text("b".into()), false), false).is_ok());
        let far = b.push(50_000, 0, (Cell::Text("c".into()), false), false);
        assert!(matches!(far, Err(ImportError::SheetTooLarge { limit: SizeLimit::Rows, .. })));

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
            ImportError::SheetTooLarge { sheet: "S".into(), rows: 1, cols: 1, limit: SizeLimit::CellRecords }
        );
        assert_eq!(
            e.message(crate::locale::Lang::En),
            "Sheet 'S' is too large (1 rows × 1 columns; at most 4000000 stored cells, formatted empty ones \
             included). There may be stray cells far from the table: delete the extra rows and columns, or copy the \
             budget table alone into a new sheet."
        );
        assert!(e.message(crate::locale::Lang::Vi).contains("tối đa 4000000 ô được lưu, kể cả ô trống có định dạng"));
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
