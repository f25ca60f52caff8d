//! Reading a workbook's bytes into [`SheetGrid`]s with calamine, within the import's limits.
//!
//! The container is checked first (`super::guard`): a zip package's declared sizes, an `.xls`'s
//! sector chains and records; what calamine cannot survive is refused or neutralised before it
//! reads. Cells are then streamed sheet by sheet ([`Workbook::sheet`]), the used range checked as
//! it grows, so that a stale declared size (`<dimension ref="A1:XFD1048576">`) refuses nothing.

mod cells;
mod dates;
pub(crate) mod links;
mod xlsx;

use std::cell::RefCell;
use std::io::Cursor;
use std::rc::Rc;

use calamine::{Dimensions, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};

use super::error::{Format, ImportError, SizeLimit};
use super::facts::SheetFacts;
use super::grid::{LinkedCells, MalformedCell, Region, SheetGrid};
use super::guard::{self, Biff, SheetBiff};
use super::limits::{MAX_FILE_BYTES, MAX_SHEETS};
use super::merges::Package;
use super::sniff::{Sniffed, ole2_failure, sniff};
use crate::text::legacy::{self, Legacy};
use cells::read_range;

/// The bytes a reader reads: the file's, or an `.xls` rewritten by the checks.
#[derive(Clone)]
enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Owned(Rc<[u8]>),
}

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(b) => b,
            Bytes::Owned(b) => b,
        }
    }
}

type Source<'a> = Cursor<Bytes<'a>>;

/// One worksheet as listed by [`Workbook::sheets`], before its cells are read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// Rows of the used range as the file declares it (0 when the sheet is empty); for `.xls`,
    /// of the cells it holds.
    pub rows: u32,
    /// Columns of the used range as the file declares it.
    pub cols: u32,
    /// Whether the sheet is hidden in the workbook.
    pub hidden: bool,
    /// A Word table's caption: the paragraphs just before it ("IV. Kinh phí thực hiện · Đơn vị
    /// tính: Triệu đồng"); `None` for a sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

enum Inner<'a> {
    Xlsx(Box<Xlsx<Source<'a>>>),
    Xlsb(Box<Xlsb<Source<'a>>>),
    Xls(Box<Xls<Source<'a>>>),
    Ods(Box<Ods<Source<'a>>>),
}

/// An opened workbook: its format and worksheets. Cells are read sheet by sheet with
/// [`Workbook::sheet`], each checked against the limits while it is loaded.
pub struct Workbook<'a> {
    format: Format,
    sheets: Vec<SheetInfo>,
    inner: RefCell<Inner<'a>>,
    bytes: Bytes<'a>,
    /// The zip package (`.xlsx`, `.xlsm`) with each sheet's part, for the scans calamine does not
    /// make (merged cells, hidden rows and columns).
    package: Option<(Package<'a>, Vec<(String, String)>)>,
    /// The workbooks linked by formulas (`.xlsx`: `xl/externalLinks/`; `.xls`: SUPBOOK records).
    books: Vec<String>,
    /// What the `.xls` records said, by sheet name (the last sheet of a name, as calamine keeps).
    xls: Vec<(String, SheetBiff)>,
}

impl std::fmt::Debug for Workbook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook").field("format", &self.format).field("sheets", &self.sheets).finish()
    }
}

/// Opens a workbook from its bytes. The format is told by content, not by file name: `.xlsx`,
/// `.xlsm`, `.xlsb`, `.xls` and `.ods` are read; a PDF or anything else is
/// [`ImportError::NotASpreadsheet`], a truncated file [`ImportError::Damaged`], a workbook with a
/// password to open [`ImportError::Encrypted`]. A package that would unpack too large is
/// [`ImportError::UnpackedTooLarge`], one of too many sheets [`ImportError::TooManySheets`].
pub fn open_workbook(bytes: &[u8]) -> Result<Workbook<'_>, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::FileTooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES });
    }
    let format = match sniff(bytes)? {
        Sniffed::Spreadsheet(format) => format,
        // A Word document's tables are read by `import` (`super::docx`), not as a workbook.
        Sniffed::Document(_) => return Err(ImportError::NotASpreadsheet { found: super::error::FileKind::Word }),
    };
    guarded(format, || open_format(bytes, format))?
}

/// Runs a reader step, turning a panic inside the reader (calamine indexes some malformed
/// records unchecked) into [`ImportError::Damaged`]. Native builds unwind; on `wasm32` a panic
/// aborts, so there this only documents the risk (the checks of `guard` refuse the known ones).
fn guarded<T>(format: Format, f: impl FnOnce() -> T) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| ImportError::Damaged { format, detail: "the reader failed on a malformed record".into() })
}

fn open_format(bytes: &[u8], format: Format) -> Result<Workbook<'_>, ImportError> {
    let damaged = |detail: String| ImportError::Damaged { format, detail };
    let mut package = None;
    let mut books = Vec::new();
    let mut biff = None;
    let mut source = Bytes::Borrowed(bytes);
    match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods => {
            let mut zip = guard::check_package(bytes, format)?;
            if matches!(format, Format::Xlsx | Format::Xlsm) {
                books = links::xlsx_linked_books(&mut zip);
                let paths = super::merges::sheet_paths(&mut zip).unwrap_or_default();
                package = Some((zip, paths));
            } else if format == Format::Xlsb {
                books = links::xlsx_linked_books(&mut zip);
            }
        }
        Format::Docx => return Err(ImportError::NotASpreadsheet { found: super::error::FileKind::Word }),
        Format::Xls => {
            let checked = guard::check_xls(bytes)?;
            if let Some(rewritten) = checked.rewritten {
                source = Bytes::Owned(rewritten.into());
            }
            biff = checked.biff;
        }
    }
    let cursor = Cursor::new(source.clone());
    let mut inner = match format {
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
        Format::Docx => return Err(ImportError::NotASpreadsheet { found: super::error::FileKind::Word }),
    };
    if let Some(b) = &biff {
        books.clone_from(&b.books);
    }
    let xls = biff.map(|b| by_name(&inner, b)).unwrap_or_default();
    let sheets = list_sheets(&mut inner, &xls)?;
    if sheets.is_empty() {
        return Err(ImportError::NoWorksheet);
    }
    Ok(Workbook { format, sheets, inner: RefCell::new(inner), bytes: source, package, books, xls })
}

/// The `.xls` records' findings keyed by calamine's sheet names (BOUNDSHEET order is calamine's
/// order of sheets; a later sheet of the same name is the one calamine keeps).
fn by_name(inner: &Inner<'_>, biff: Biff) -> Vec<(String, SheetBiff)> {
    let Inner::Xls(x) = inner else { return Vec::new() };
    let mut out: Vec<(String, SheetBiff)> = Vec::new();
    for (meta, sheet) in x.sheets_metadata().iter().zip(biff.sheets) {
        out.retain(|(n, _)| *n != meta.name);
        out.push((meta.name.clone(), sheet));
    }
    out
}

/// The worksheets (not chart sheets) with their declared size, without reading their cells: an
/// `.xlsx` or `.xlsb` sheet's `<dimension>`, an `.xls` sheet's cells as its records placed them.
fn list_sheets(inner: &mut Inner<'_>, xls: &[(String, SheetBiff)]) -> Result<Vec<SheetInfo>, ImportError> {
    let meta: Vec<calamine::Sheet> = match inner {
        Inner::Xlsx(x) => x.sheets_metadata().to_vec(),
        Inner::Xlsb(x) => x.sheets_metadata().to_vec(),
        Inner::Xls(x) => x.sheets_metadata().to_vec(),
        Inner::Ods(x) => x.sheets_metadata().to_vec(),
    };
    if meta.len() > MAX_SHEETS {
        return Err(ImportError::TooManySheets { count: meta.len(), limit: MAX_SHEETS });
    }
    let mut out = Vec::new();
    for sheet in meta.into_iter().filter(|s| s.typ == SheetType::WorkSheet) {
        let known = xls.iter().find(|(n, _)| *n == sheet.name).map(|(_, b)| b);
        let dims = match inner {
            Inner::Xlsx(x) => x.worksheet_cells_reader(&sheet.name).ok().map(|r| r.dimensions()),
            Inner::Xlsb(x) => x.worksheet_cells_reader(&sheet.name).ok().map(|r| r.dimensions()),
            Inner::Xls(_) if known.is_some() => known.map(|s| match s.bounds {
                Some((r0, c0, r1, c1)) => Dimensions::new((r0, c0), (r1, c1)),
                None => Dimensions::new((0, 0), (0, 0)),
            }),
            Inner::Xls(x) => x.worksheet_range(&sheet.name).ok().map(|r| range_dims(&r)),
            Inner::Ods(x) => x.worksheet_range(&sheet.name).ok().map(|r| range_dims(&r)),
        };
        // A sheet whose cells cannot even be located is not a worksheet after all.
        let Some(dims) = dims else { continue };
        let (rows, cols) = size_of(dims);
        out.push(SheetInfo {
            name: sheet.name,
            rows,
            cols,
            hidden: sheet.visible != calamine::SheetVisible::Visible,
            caption: None,
        });
    }
    Ok(out)
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

/// The fewest bytes of sheet XML a cell with a value takes (`<c><v>1</v></c>` is 15).
pub const MIN_CELL_BYTES: u64 = 12;

impl Workbook<'_> {
    /// The file's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The worksheets, in workbook order.
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// The most cells the sheet named `name` can hold: its declared size, and for an `.xlsx` no
    /// more than its part's unpacked size allows (a cell with a value takes at least
    /// [`MIN_CELL_BYTES`] bytes of XML), so that a stale `<dimension ref="A1:XFD1048576">` does
    /// not make a small sheet look huge. Cheap: the package's directory is read, not the sheet.
    pub fn most_cells(&self, name: &str) -> u64 {
        let Some(info) = self.sheets.iter().find(|s| s.name == name) else { return 0 };
        let declared = u64::from(info.rows) * u64::from(info.cols);
        let part = self.package.as_ref().and_then(|(zip, paths)| {
            let path = paths.iter().find(|(n, _)| n == name)?.1.as_str();
            zip.clone().by_name(path).ok().map(|f| f.size())
        });
        match part {
            Some(bytes) => declared.min(bytes / MIN_CELL_BYTES),
            None => declared,
        }
    }

    /// Reads the cells of the sheet named `name`, checking its used range while reading: more
    /// than [`MAX_ROWS`](super::limits::MAX_ROWS) rows, [`MAX_COLS`](super::limits::MAX_COLS)
    /// columns or [`MAX_CELLS`](super::limits::MAX_CELLS) cells is
    /// [`ImportError::SheetTooLarge`], naming the cells' real extent. The size the file declares
    /// is not trusted either way (a stale `<dimension>` refuses nothing).
    pub fn sheet(&self, name: &str) -> Result<SheetGrid, ImportError> {
        if !self.sheets.iter().any(|s| s.name == name) {
            return Err(ImportError::SheetNotFound(name.into()));
        }
        let known = self.xls.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        if let Some(sheet) = known
            && let Some((rows, cols, alone)) = sheet.oversized
        {
            let extent = sheet
                .bounds
                .map(|(r0, c0, r1, c1)| Region { first_row: r0, first_col: c0, last_row: r1, last_col: c1 }.a1())
                .unwrap_or_default();
            let limit = if alone { SizeLimit::Cells } else { SizeLimit::Workbook };
            return Err(ImportError::SheetTooLarge { sheet: name.into(), rows, cols, limit, extent });
        }
        let format = self.format;
        let mut inner = self
            .inner
            .try_borrow_mut()
            .map_err(|_| ImportError::Damaged { format, detail: "the workbook is being read already".into() })?;
        guarded(format, || self.read_sheet(&mut inner, name))?
    }

    /// Reads one sheet's cells with the format's reader, then what calamine does not give: hidden
    /// rows and columns, text typed in a legacy Vietnamese encoding (told by the cells' fonts
    /// where the format gives them, else by the text) decoded to Unicode, cells it could not read
    /// and cells linked to other workbooks.
    fn read_sheet(&self, inner: &mut Inner<'_>, name: &str) -> Result<SheetGrid, ImportError> {
        let format = self.format;
        let damaged = |detail: String| ImportError::Damaged { format, detail };
        let mut malformed = Vec::new();
        let (grid, facts, linked) = match inner {
            Inner::Xlsx(x) => {
                let part = self.package.as_ref().and_then(|(zip, paths)| {
                    let path = paths.iter().find(|(n, _)| n == name)?.1.as_str();
                    super::merges::read_part(&mut zip.clone(), path)
                });
                let read = xlsx::read_xlsx(x, part.as_deref(), name).map_err(|e| e.into_import(damaged))?;
                malformed = read.malformed;
                let fonts = if maybe_legacy(&read.grid) { xlsx_fonts(x, name) } else { Vec::new() };
                let facts = read
                    .facts
                    .map(|f| SheetFacts { fonts: Vec::new(), text_fonts: Vec::new(), ..f })
                    .map(|f| (f, fonts));
                (read.grid, facts, read.linked)
            }
            Inner::Xlsb(x) => {
                let (grid, bad) = xlsx::read_xlsb(x, name).map_err(|e| e.into_import(damaged))?;
                malformed = bad;
                (grid, None, Vec::new())
            }
            Inner::Xls(x) => {
                let values = x.worksheet_range(name).map_err(|e| damaged(e.to_string()))?;
                let formulas = x.worksheet_formula(name).ok();
                let merged = x.merge_cells_by_sheet_name(name).unwrap_or_default();
                let (grid, _) = read_range(name, &values, formulas.as_ref(), &merged)?;
                let facts = super::facts::xls_facts(self.bytes.as_ref(), name).map(|f| {
                    let fonts = legacy_fonts(&f.fonts, &f.text_fonts);
                    (f, fonts)
                });
                let known = self.xls.iter().find(|(n, _)| n == name).map(|(_, b)| b);
                if let Some(sheet) = known {
                    malformed = sheet
                        .malformed
                        .iter()
                        .map(|&(row, col, kind)| MalformedCell { row, col, value: String::new(), kind: kind.into() })
                        .collect();
                }
                (grid, facts, known.map(|s| s.external.clone()).unwrap_or_default())
            }
            Inner::Ods(x) => {
                let values = x.worksheet_range(name).map_err(|e| damaged(e.to_string()))?;
                let formulas = x.worksheet_formula(name).ok();
                let (grid, linked) = read_range(name, &values, formulas.as_ref(), &[])?;
                (grid, None, linked)
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
        // An .xlsb tells no formulas: its links are known only from the package.
        let linked = if !linked.is_empty() || (format == Format::Xlsb && !self.books.is_empty()) {
            let first = linked.iter().min().copied();
            let cells = u32::try_from(linked.len()).unwrap_or(u32::MAX);
            Some(LinkedCells { cells, first, books: self.books.clone() })
        } else {
            None
        };
        Ok(grid.with_malformed(malformed).with_linked(linked))
    }
}

/// Whether a sheet has text that may be in a legacy encoding: non-ASCII text made only of
/// characters up to U+00FF.
fn maybe_legacy(grid: &SheetGrid) -> bool {
    use super::grid::Cell;
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
