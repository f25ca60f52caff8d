//! Importing the tables of a Word document (`.docx`): the budget table of a plan written in Word
//! (section "IV. Kinh phí thực hiện"), and its targets table.
//!
//! The package is checked as a workbook's is (`super::guard`: every part's unpacked size and
//! packing ratio, `word/document.xml` bounded as a sheet part), then `word/document.xml` is read
//! as XML events (`read.rs`). Each outermost table becomes a [`SheetGrid`] named `Bảng N` (its
//! number in the document, from 1), with the paragraphs written just before it (its caption:
//! "IV. Kinh phí thực hiện", "Đơn vị tính: Triệu đồng") as rows above its own, so that the
//! understanding finds the title and the unit line as it does above a sheet's table. Cells
//! spanning columns (`w:gridSpan`) or merged down (`w:vMerge`) become merged regions. Every cell
//! is text: numbers written in the Vietnamese style ("1.095,5") are read by the understanding.
//!
//! Diagnostics at a table's cells are then placed as [`Location::TableCell`] ("Bảng 2, hàng 5,
//! cột C", counting the table's own rows), those at its caption, the paragraphs after it, or at
//! the table as a whole, as [`Location::Table`]. The paragraphs just after a table are placed in
//! the rows below it, where the understanding finds a funding note ("ngân sách Trung ương 40 %").

mod read;

use std::io::Read;

use read::{RawTable, VMerge};

use super::error::{Format, ImportError, SizeLimit};
use super::grid::{Cell, Region, SheetGrid};
use super::limits::{MAX_CELLS, MAX_FILE_BYTES, MAX_MERGED, MAX_OPEN_RANGE_CELLS, MAX_SHEET_PART_BYTES};
use super::read::SheetInfo;
use super::result::{ImportOptions, ImportResult};
use crate::diagnostic::{Diagnostic, Location};
use crate::locale::Text;

/// The part holding the document's body.
const DOCUMENT_PART: &str = "word/document.xml";

/// The name of the table at `index` (0-based) in the document: `Bảng 1` for the first.
pub(crate) fn table_name(index: usize) -> String {
    format!("Bảng {}", index.saturating_add(1))
}

/// The 0-based index of the table named `name` (`Bảng 2`, or its listing with the caption).
fn table_index(name: &str) -> Option<usize> {
    let rest = name.trim().strip_prefix("Bảng ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// A Word document's tables, read and checked, not yet understood.
pub(crate) struct Document {
    tables: Vec<RawTable>,
}

impl Document {
    /// Opens a `.docx` from its bytes: checks the package, reads `word/document.xml`'s tables.
    pub(crate) fn open(bytes: &[u8]) -> Result<Self, ImportError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(ImportError::FileTooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES });
        }
        let damaged = |detail: String| ImportError::Damaged { format: Format::Docx, detail };
        let mut zip = super::guard::check_package(bytes, Format::Docx)?;
        let mut xml = Vec::new();
        {
            let file = zip.by_name(DOCUMENT_PART).map_err(|e| damaged(format!("{DOCUMENT_PART}: {e}")))?;
            file.take(MAX_SHEET_PART_BYTES).read_to_end(&mut xml).map_err(|e| damaged(e.to_string()))?;
        }
        let xml = String::from_utf8(xml).map_err(|_| damaged(format!("{DOCUMENT_PART} is not UTF-8")))?;
        let tables = read::read_tables(&xml)?;
        // Each table's grid is built when it is looked at (several times for the first budget
        // table and the targets): all of them together are bounded as an .xls workbook's sheets.
        let mut cells = 0u64;
        for (i, t) in tables.iter().enumerate() {
            let rows = (t.caption.len() + t.rows.len() + t.after.len()) as u64;
            let cols = u64::from(t.cols().max(1));
            cells = cells.saturating_add(rows.saturating_mul(cols));
            if cells > MAX_OPEN_RANGE_CELLS {
                let limit = if rows * cols > MAX_CELLS { SizeLimit::Cells } else { SizeLimit::Workbook };
                let rows = t.rows.len() as u64;
                return Err(ImportError::SheetTooLarge {
                    sheet: table_name(i),
                    rows,
                    cols,
                    limit,
                    extent: String::new(),
                });
            }
        }
        Ok(Self { tables })
    }

    /// The tables as a workbook's sheets: `Bảng N`, their size, their caption.
    pub(crate) fn sheets(&self) -> Vec<SheetInfo> {
        self.tables
            .iter()
            .enumerate()
            .map(|(i, t)| SheetInfo {
                name: table_name(i),
                rows: u32::try_from(t.rows.len()).unwrap_or(u32::MAX),
                cols: t.cols(),
                hidden: false,
                caption: (!t.caption.is_empty()).then(|| t.caption.join(" · ")),
            })
            .collect()
    }

    /// Rows of caption above the table at `index` in its grid.
    fn offset(&self, index: usize) -> u32 {
        self.tables.get(index).map_or(0, |t| u32::try_from(t.caption.len()).unwrap_or(0))
    }

    /// The table at `index` as a grid named `Bảng N`: its caption's paragraphs in the first
    /// column of the rows above, its cells below, spans and vertical merges as merged regions,
    /// then the paragraphs after it (a funding note) in the rows below.
    /// A table beyond [`MAX_CELLS`] is [`ImportError::SheetTooLarge`].
    pub(crate) fn grid(&self, index: usize) -> Result<SheetGrid, ImportError> {
        let name = table_name(index);
        let table = self.tables.get(index).ok_or_else(|| ImportError::SheetNotFound(name.clone()))?;
        let offset = self.offset(index);
        let cols = table.cols().max(1);
        let height = u64::from(offset).saturating_add(table.rows.len() as u64).saturating_add(table.after.len() as u64);
        if height.saturating_mul(u64::from(cols)) > MAX_CELLS {
            return Err(ImportError::SheetTooLarge {
                sheet: name,
                rows: table.rows.len() as u64,
                cols: u64::from(cols),
                limit: SizeLimit::Cells,
                extent: String::new(),
            });
        }
        let mut rows: Vec<Vec<Cell>> = table.caption.iter().map(|c| vec![Cell::Text(c.clone())]).collect();
        let mut merged: Vec<Region> = Vec::new();
        // Vertical merges still open: the first column of the merge and its region's index.
        let mut open: Vec<(u32, usize)> = Vec::new();
        let mut clipped = Vec::new();
        for (r, raw) in (offset..).zip(&table.rows) {
            let mut row = vec![Cell::Empty; cols as usize];
            for cell in raw {
                let last_col = cell.col.saturating_add(cell.span).saturating_sub(1);
                if cell.vmerge == VMerge::Continue
                    && let Some(&(_, i)) = open.iter().find(|(c, _)| *c == cell.col)
                    && let Some(region) = merged.get_mut(i)
                {
                    region.last_row = r;
                    continue;
                }
                open.retain(|(c, _)| *c < cell.col || *c > last_col);
                if (cell.span > 1 || cell.vmerge == VMerge::Restart) && merged.len() < MAX_MERGED {
                    if cell.vmerge == VMerge::Restart {
                        open.push((cell.col, merged.len()));
                    }
                    merged.push(Region { first_row: r, first_col: cell.col, last_row: r, last_col });
                }
                if !cell.text.trim().is_empty()
                    && let Some(slot) = row.get_mut(cell.col as usize)
                {
                    *slot = Cell::Text(cell.text.clone());
                    if cell.clipped {
                        clipped.push((r, cell.col));
                    }
                }
            }
            rows.push(row);
        }
        rows.extend(table.after.iter().map(|p| vec![Cell::Text(p.clone())]));
        merged.retain(|m| m.first_row != m.last_row || m.first_col != m.last_col);
        let mut grid = SheetGrid::from_rows(&name, rows).with_merged(merged);
        for (r, c) in clipped {
            grid.mark_clipped(r, c);
        }
        Ok(grid)
    }

    /// Warnings about tables nested in the cells of the table at `index` (their text is not
    /// read).
    fn nested_warnings(&self, index: usize) -> Vec<Diagnostic> {
        let Some(table) = self.tables.get(index) else { return Vec::new() };
        let mut out = Vec::new();
        for (r, row) in (0u32..).zip(&table.rows) {
            for cell in row.iter().filter(|c| c.nested > 0) {
                out.push(Diagnostic::warning(
                    "nested_table",
                    Location::TableCell { table: index + 1, row: r, col: cell.col },
                    Text::fixed(
                        "Ô này chứa một bảng lồng bên trong: bảng lồng không được đọc. Nếu nó có số liệu cần nhập, hãy chép nó ra ngoài thành bảng riêng.",
                        "This cell holds a table nested in it: the nested table is not read. If it holds figures to import, copy it out as a table of its own.",
                    ),
                ));
            }
        }
        out
    }

    /// Places every diagnostic at a cell of one of the tables' grids in the table's own words:
    /// [`Location::TableCell`] (the table's rows, from 0), or [`Location::Table`] for the caption
    /// rows above it, the paragraphs below it and a table read as empty (a targets table named
    /// alone).
    fn place(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            let Location::Cell { sheet, row, col } = &d.location else { continue };
            let Some(index) = table_index(sheet).filter(|&i| i < self.tables.len() && *sheet == table_name(i)) else {
                continue;
            };
            let offset = self.offset(index);
            let rows = self.tables.get(index).map_or(0, |t| t.rows.len());
            d.location = match row.checked_sub(offset).filter(|&r| (r as usize) < rows) {
                Some(row) => Location::TableCell { table: index + 1, row, col: *col },
                None => Location::Table { table: index + 1 },
            };
        }
    }
}

/// Whether `bytes` are a Word document (`.docx`), told by content as a workbook's format is.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    matches!(super::sniff::sniff(bytes), Ok(super::sniff::Sniffed::Document(Format::Docx)))
}

/// The tables of a `.docx` as a workbook's sheets (for the worker's reply).
pub(crate) fn list_tables(bytes: &[u8]) -> Result<Vec<SheetInfo>, ImportError> {
    Ok(Document::open(bytes)?.sheets())
}

/// Imports a `.docx`: the table named by [`ImportOptions::sheet`] (`Bảng 2`), or the first table
/// holding a budget; then the targets of the other tables. A targets table named alone gives its
/// targets only (the missing budget table a warning). A document without tables is
/// [`ImportError::NoTables`].
pub(crate) fn import(bytes: &[u8], options: &ImportOptions) -> Result<ImportResult, ImportError> {
    let doc = Document::open(bytes)?;
    if doc.tables.is_empty() {
        return Err(ImportError::NoTables);
    }
    let (chosen, mut result) = match &options.sheet {
        Some(name) => {
            let index = table_index(name)
                .filter(|&i| i < doc.tables.len())
                .ok_or_else(|| ImportError::SheetNotFound(name.clone()))?;
            let grid = doc.grid(index)?;
            if super::is_targets_sheet(&grid) {
                // A targets table has year columns and figures, but holds no budget: it is read
                // for its targets (below), as the only thing imported.
                (None, super::understand(&SheetGrid::from_rows(grid.name(), Vec::new()), options))
            } else {
                (Some(index), super::understand(&grid, options))
            }
        }
        None => first_table(&doc, options)?,
    };
    let budget_ok = !result.has_errors();
    let mut targets = Vec::new();
    for index in 0..doc.tables.len() {
        if budget_ok && Some(index) == chosen {
            continue;
        }
        let Ok(grid) = doc.grid(index) else { continue };
        if u64::from(grid.rows()) * u64::from(grid.cols()) > super::limits::MAX_TARGET_SHEET_CELLS
            || super::work::kind_of(&grid).is_some()
        {
            continue;
        }
        if let Some(found) = super::find_targets(&grid) {
            targets.push(found);
        }
    }
    let mut found = Vec::new();
    if !targets.is_empty() {
        super::push_targets(&mut result, targets);
        found.push(Text::fixed("các chỉ tiêu", "the targets"));
    }
    super::only_found(&mut result, budget_ok, &found);
    match chosen {
        Some(index) => result.diagnostics.extend(doc.nested_warnings(index)),
        // No budget table was read: what the empty table's understanding says is of the table.
        None => {
            for d in &mut result.diagnostics {
                if let Location::Cell { sheet, .. } = &d.location
                    && let Some(index) = table_index(sheet)
                    && *sheet == result.recognised.sheet
                {
                    d.location = Location::Table { table: index + 1 };
                }
            }
        }
    }
    doc.place(&mut result.diagnostics);
    result.plan.sync_agencies();
    Ok(result)
}

/// The first table (in document order) understood without error, skipping tables of targets,
/// tasks or responsibilities; else the first table's result, which explains what was expected.
fn first_table(doc: &Document, options: &ImportOptions) -> Result<(Option<usize>, ImportResult), ImportError> {
    let mut first: Option<(usize, ImportResult)> = None;
    let mut fallback = None;
    for index in 0..doc.tables.len() {
        let Ok(grid) = doc.grid(index) else { continue };
        if super::is_targets_sheet(&grid) || super::work::kind_of(&grid).is_some() {
            fallback = fallback.or(Some(index));
            continue;
        }
        let result = super::understand(&grid, options);
        if !result.has_errors() {
            return Ok((Some(index), result));
        }
        if first.is_none() {
            first = Some((index, result));
        }
    }
    match (first, fallback) {
        (Some((index, result)), _) => Ok((Some(index), result)),
        (None, Some(index)) => {
            Ok((None, super::understand(&SheetGrid::from_rows(&table_name(index), Vec::new()), options)))
        }
        // Every table is too large to read: say so of the first.
        (None, None) => Err(doc.grid(0).err().unwrap_or(ImportError::NoTables)),
    }
}

/// A `.docx` in memory, for tests: `document.xml` and the few parts Word needs.
#[cfg(test)]
pub(crate) fn test_docx(document_xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (DOCUMENT_PART, document_xml),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("zip part");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_round_trip() {
        assert_eq!(table_name(1), "Bảng 2");
        assert_eq!(table_index("Bảng 2"), Some(1));
        assert_eq!(table_index("Bảng 12 · IV. Kinh phí"), Some(11));
        assert_eq!(table_index("Bảng 0"), None);
        assert_eq!(table_index("Kinh phí"), None);
    }

    #[test]
    fn merges_become_regions_below_the_caption() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Đơn vị tính: Triệu đồng</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Năm</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2013</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>2014</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let doc = Document::open(&test_docx(xml)).unwrap();
        let grid = doc.grid(0).unwrap();
        assert_eq!(grid.name(), "Bảng 1");
        assert_eq!(grid.get(0, 0), &Cell::Text("Đơn vị tính: Triệu đồng".into()));
        assert_eq!(grid.get(1, 1), &Cell::Text("Năm".into()));
        assert_eq!(grid.get(2, 2), &Cell::Text("2014".into()));
        let mut merged = grid.merged().to_vec();
        merged.sort_by_key(|m| (m.first_row, m.first_col));
        assert_eq!(
            merged,
            [
                Region { first_row: 1, first_col: 0, last_row: 2, last_col: 0 },
                Region { first_row: 1, first_col: 1, last_row: 1, last_col: 2 }
            ]
        );
        let sheets = doc.sheets();
        assert_eq!((sheets[0].rows, sheets[0].cols), (2, 3));
        assert_eq!(sheets[0].caption.as_deref(), Some("Đơn vị tính: Triệu đồng"));
        let mut d = vec![Diagnostic::warning("x", Location::cell("Bảng 1", 2, 2), Text::fixed("", ""))];
        doc.place(&mut d);
        assert_eq!(d[0].location, Location::TableCell { table: 1, row: 1, col: 2 });
    }

    #[test]
    fn a_document_without_tables_is_refused() {
        let xml =
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Chỉ có chữ</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(import(&test_docx(xml), &ImportOptions::default()).unwrap_err(), ImportError::NoTables);
        assert!(is_docx(&test_docx(xml)));
    }
}
