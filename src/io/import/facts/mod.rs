//! What a workbook says about a sheet beyond its cell values, read straight from the file:
//! hidden rows and columns, and (for .xls) the font of every text cell.
//!
//! calamine gives neither hidden rows nor columns, and fonts only for .xlsx through
//! `Xlsx::worksheet_style` (a second full parse of the sheet's XML). Real office workbooks hide
//! rows and columns holding stale or broken figures, and type Vietnamese in legacy fonts (TCVN3
//! `.VnTime`, VNI `VNI-Times` …) whose text must be decoded by font.
//!
//! - .xls: the `Workbook` (BIFF8) or `Book` (BIFF5) stream of the compound file, read with the
//!   `cfb` crate; then its records: FONT and XF in the workbook globals, and in the sheet's
//!   substream ROW (`fDyZero`), COLINFO (`fHidden`) and the text cells (LABELSST, LABEL,
//!   RSTRING, and FORMULA with a text result).
//! - .xlsx / .xlsm: a byte scan of the sheet part (as in [`super::merges`]): `hidden` attributes
//!   of `<row>` tags and `<col min max>` ranges. No fonts: the caller asks calamine's
//!   `worksheet_style` only when the text suggests a legacy font.
//!
//! Rows and columns are 0-based positions in the sheet (not relative to the used range).
//! Everything is bounded: a file over [`MAX_FILE_BYTES`] is not read, hidden rows and columns
//! are kept in bit sets of the format's sheet size (at most 1,048,576 rows, 16,384 columns),
//! the columns listed stop at the sheet's declared width, and text cells stop at
//! [`MAX_CELL_RECORDS`]. `None` means "cannot tell" (the caller then assumes no facts).
//!
//! Not reported: rows hidden only because the sheet's default row is hidden (`zeroHeight` in
//! xlsx, DEFAULTROWHEIGHT `fDyZero` in xls): Excel writes a row record for every row holding
//! cells, so such rows are empty; rows or columns of zero height or width that are not flagged
//! hidden.

mod bits;
#[cfg(test)]
mod tests;
mod xls;
mod xlsx;

use bits::Bits;
pub(crate) use xls::{Biff, short_string, xls_facts};
#[cfg(test)]
pub(crate) use xlsx::xlsx_facts;
pub(crate) use xlsx::xlsx_facts_in_part;

/// What the file says about a sheet beyond its cell values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SheetFacts {
    /// 0-based rows hidden in the sheet (sorted, deduplicated).
    pub hidden_rows: Vec<u32>,
    /// 0-based columns hidden in the sheet (sorted, deduplicated).
    pub hidden_cols: Vec<u32>,
    /// Font names used by text cells (distinct, in the order of first use by `text_fonts`).
    pub fonts: Vec<String>,
    /// Which text cell uses which font: (row, col, index into `fonts`), only for cells holding
    /// text (strings, shared strings, text results of formulas), sorted by (row, col).
    pub text_fonts: Vec<(u32, u32, u16)>,
}

/// Rows of an xlsx sheet (Excel's limit).
const XLSX_ROWS: u32 = 1_048_576;
/// Columns of an xlsx sheet (Excel's limit, `XFD`).
const XLSX_COLS: u32 = 16_384;
/// Rows and columns of a BIFF5/BIFF8 sheet.
const XLS_ROWS: u32 = 65_536;
const XLS_COLS: u32 = 256;
/// Most FONT and XF records kept from the workbook globals (cells refer to them by u16).
const MAX_STYLE_RECORDS: usize = 65_536;
/// The furthest a `hidden` attribute is looked for from the start of its tag, in bytes (a
/// `<row>` tag with every attribute is about 200 bytes).
const MAX_TAG_BYTES: usize = 1024;
