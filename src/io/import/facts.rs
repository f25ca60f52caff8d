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

// Until read.rs asks for these facts (being integrated there); remove then.

use std::io::{Cursor, Read};

use super::limits::{MAX_CELL_RECORDS, MAX_FILE_BYTES};
use super::merges;

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

// ---------------------------------------------------------------------------------------------
// .xls

/// Hidden rows (ROW `fDyZero`), hidden columns (COLINFO `fHidden`) and the font of every text
/// cell of the sheet named `sheet` (as calamine lists it) in the .xls `bytes` (BIFF8, or BIFF5).
/// `None` when the file is not such a workbook, is encrypted, or has no sheet of that name.
pub(crate) fn xls_facts(bytes: &[u8], sheet: &str) -> Option<SheetFacts> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    let stream = workbook_stream(bytes)?;
    let globals = read_globals(&stream)?;
    let offset = globals.sheets.iter().find(|(_, name)| name == sheet)?.0;
    let substream = stream.get(usize::try_from(offset).ok()?..)?;
    read_sheet(substream, &globals)
}

/// The workbook stream of the compound file (`Workbook`, or `Book` for BIFF5), as calamine
/// finds it: by name, case-insensitively, preferring the root storage.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let path =
        ["/Workbook", "/Book"].iter().map(std::path::PathBuf::from).find(|p| file.is_stream(p)).or_else(|| {
            file.walk()
                .find(|e| {
                    e.is_stream()
                        && (e.name().eq_ignore_ascii_case("Workbook") || e.name().eq_ignore_ascii_case("Book"))
                })
                .map(|e| e.path().to_path_buf())
        })?;
    let stream = file.open_stream(path).ok()?;
    let mut out = Vec::new();
    // The directory's claimed length is not trusted: the read stops at the file's limit.
    stream.take(MAX_FILE_BYTES as u64).read_to_end(&mut out).ok()?;
    Some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Biff {
    Biff5,
    Biff8,
}

/// What the workbook globals say: the font names (FONT records in order), the font of each XF,
/// and the sheets' offsets and names.
struct Globals {
    fonts: Vec<String>,
    xf_fonts: Vec<u16>,
    sheets: Vec<(u32, String)>,
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const CODEPAGE: u16 = 0x0042;
const FONT: u16 = 0x0031;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const ROW: u16 = 0x0208;
const COLINFO: u16 = 0x007D;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;

/// BIFF records from the start of `data`: (type, body). Stops at the end or at a record that
/// runs past it; each step consumes at least four bytes. CONTINUE records come out as records
/// of their own (none of the records read here is long enough to be continued).
fn records(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = usize::from(u16_at(rest, 2)?);
        let body = rest.get(4..4 + len)?;
        rest = rest.get(4 + len..)?;
        Some((typ, body))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*data.get(at)?, *data.get(at + 1)?, *data.get(at + 2)?, *data.get(at + 3)?]))
}

/// The BIFF version of a BOF record's body, as calamine reads it; `None` for BIFF2–4.
fn bof_version(body: &[u8]) -> Option<Biff> {
    match u16_at(body, 0)? {
        0x0500 => Some(Biff::Biff5),
        0x0600 => Some(Biff::Biff8),
        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 => None,
        0 if u16_at(body, 2) == Some(0x1000) => Some(Biff::Biff5),
        _ => Some(Biff::Biff8),
    }
}

fn read_globals(stream: &[u8]) -> Option<Globals> {
    let mut records = records(stream);
    let (typ, body) = records.next()?;
    if typ != BOF {
        return None;
    }
    let biff = bof_version(body)?;
    let mut codepage = 1200u16;
    let mut fonts = Vec::new();
    let mut xf_fonts = Vec::new();
    let mut sheets = Vec::new();
    for (typ, body) in records {
        match typ {
            // The records after it are encrypted: nothing can be told.
            FILEPASS => return None,
            CODEPAGE => codepage = u16_at(body, 0).unwrap_or(codepage),
            FONT if fonts.len() < MAX_STYLE_RECORDS => {
                fonts.push(font_name(body, biff, codepage).unwrap_or_default());
            }
            XF if xf_fonts.len() < MAX_STYLE_RECORDS => xf_fonts.push(u16_at(body, 0).unwrap_or(0)),
            BOUNDSHEET => {
                if let Some(sheet) = bound_sheet(body, biff, codepage) {
                    sheets.push(sheet);
                }
            }
            EOF => break,
            _ => {}
        }
    }
    Some(Globals { fonts, xf_fonts, sheets })
}

/// FONT: the name at offset 14 (cch u8, then in BIFF8 a flags byte and the characters).
fn font_name(body: &[u8], biff: Biff, codepage: u16) -> Option<String> {
    short_string(body.get(14..)?, biff, codepage)
}

/// BOUNDSHEET: the substream's offset (u32) and the sheet's name (after the state and type
/// bytes).
fn bound_sheet(body: &[u8], biff: Biff, codepage: u16) -> Option<(u32, String)> {
    let offset = u32_at(body, 0)?;
    let mut name = short_string(body.get(6..)?, biff, codepage)?;
    name.retain(|c| c != '\0');
    Some((offset, name))
}

/// A ShortXLUnicodeString (BIFF8: cch u8, flags u8 whose bit 0 says UTF-16LE, characters) or a
/// BIFF5 byte string (cch u8, bytes in the workbook's code page). Decoded as calamine does; a
/// string cut short by its record keeps the characters present.
fn short_string(data: &[u8], biff: Biff, codepage: u16) -> Option<String> {
    let (&cch, rest) = data.split_first()?;
    let cch = usize::from(cch);
    match biff {
        Biff::Biff5 => Some(decode_8bit(rest.get(..cch.min(rest.len()))?, codepage)),
        Biff::Biff8 => {
            let (&flags, chars) = rest.split_first()?;
            if flags & 1 == 0 {
                Some(decode_8bit(chars.get(..cch.min(chars.len()))?, codepage))
            } else {
                let chars = chars.get(..(2 * cch).min(chars.len() & !1))?;
                if codepage == 1252 {
                    // calamine decodes the UTF-16 bytes themselves in the stated code page.
                    return Some(decode_8bit(chars, codepage));
                }
                let units = chars.chunks_exact(2).filter_map(|u| <[u8; 2]>::try_from(u).ok()).map(u16::from_le_bytes);
                Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
            }
        }
    }
}

/// 8-bit text: Windows-1252 when the workbook says so, otherwise Latin-1 (what calamine does
/// for the default code page 1200; other code pages agree with it on ASCII).
fn decode_8bit(bytes: &[u8], codepage: u16) -> String {
    const CP1252_80_9F: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ];
    bytes
        .iter()
        .map(|&b| match (codepage, b) {
            (1252, 0x80..=0x9F) => CP1252_80_9F
                .get(usize::from(b - 0x80))
                .and_then(|&u| char::from_u32(u32::from(u)))
                .unwrap_or(char::from(b)),
            _ => char::from(b),
        })
        .collect()
}

/// The facts of the sheet substream starting at `substream` (its BOF), up to its EOF; records
/// of nested substreams (embedded charts) are skipped.
fn read_sheet(substream: &[u8], globals: &Globals) -> Option<SheetFacts> {
    let mut records = records(substream);
    let (typ, _) = records.next()?;
    if typ != BOF {
        return None;
    }
    let mut rows = Bits::new(XLS_ROWS);
    let mut cols = Bits::new(XLS_COLS);
    // (row, col, XF index) of every text cell.
    let mut text_cells: Vec<(u32, u32, u16)> = Vec::new();
    let mut pending_formula: Option<(u32, u32, u16)> = None;
    let mut depth = 0usize;
    for (typ, body) in records {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF => depth += 1,
            EOF => break,
            ROW => {
                if let (Some(row), Some(flags)) = (u16_at(body, 0), u16_at(body, 12))
                    && flags & 0x20 != 0
                {
                    rows.set(u32::from(row));
                }
            }
            COLINFO => {
                if let (Some(first), Some(last), Some(flags)) = (u16_at(body, 0), u16_at(body, 2), u16_at(body, 8))
                    && flags & 1 != 0
                {
                    // Excel writes colLast = 256 for "to the end"; columns stop at 255.
                    cols.set_range(u32::from(first), u32::from(last));
                }
            }
            LABELSST | LABEL | RSTRING => {
                if let Some(cell) = cell_ref(body)
                    && text_cells.len() < MAX_CELL_RECORDS as usize
                {
                    text_cells.push(cell);
                }
            }
            FORMULA => {
                pending_formula = None;
                // FormulaValue: bytes 6..14; 0xFFFF at 12 marks a non-number, byte 6 its kind:
                // 0 a string (in the STRING record that follows), 3 an empty string.
                if let Some(cell) = cell_ref(body)
                    && body.get(12..14) == Some(&[0xFF, 0xFF])
                {
                    match body.get(6) {
                        Some(0) => pending_formula = Some(cell),
                        Some(3) if text_cells.len() < MAX_CELL_RECORDS as usize => text_cells.push(cell),
                        _ => {}
                    }
                }
            }
            STRING => {
                if let Some(cell) = pending_formula.take()
                    && text_cells.len() < MAX_CELL_RECORDS as usize
                {
                    text_cells.push(cell);
                }
            }
            _ => {}
        }
    }
    let mut facts =
        SheetFacts { hidden_rows: rows.ones(XLS_ROWS), hidden_cols: cols.ones(XLS_COLS), ..SheetFacts::default() };
    resolve_fonts(&mut facts, text_cells, globals);
    Some(facts)
}

/// (row, col, XF index) at the start of a cell record.
fn cell_ref(body: &[u8]) -> Option<(u32, u32, u16)> {
    Some((u32::from(u16_at(body, 0)?), u32::from(u16_at(body, 2)?), u16_at(body, 4)?))
}

/// Fills `fonts` and `text_fonts` from the text cells' XF indexes: cell → XF → FONT record
/// (index 4 does not exist: from 5 on, index `i` is the record `i - 1`) → name. A cell whose
/// XF or font is missing is left out. The last record of a cell counts.
fn resolve_fonts(facts: &mut SheetFacts, mut cells: Vec<(u32, u32, u16)>, globals: &Globals) {
    cells.reverse();
    cells.sort_by_key(|&(r, c, _)| (r, c));
    cells.dedup_by_key(|&mut (r, c, _)| (r, c));
    // The output index of each FONT record's name, once looked up.
    let mut by_record: Vec<Option<u16>> = vec![None; globals.fonts.len()];
    for (row, col, xf) in cells {
        let Some(&ifnt) = globals.xf_fonts.get(usize::from(xf)) else { continue };
        let record = match ifnt {
            0..=3 => usize::from(ifnt),
            4 => continue,
            _ => usize::from(ifnt) - 1,
        };
        let Some(name) = globals.fonts.get(record) else { continue };
        let index = match by_record.get(record).copied().flatten() {
            Some(i) => i,
            None => {
                let i = match facts.fonts.iter().position(|f| f == name) {
                    Some(i) => i,
                    None => {
                        facts.fonts.push(name.clone());
                        facts.fonts.len() - 1
                    }
                };
                let Ok(i) = u16::try_from(i) else { continue };
                if let Some(slot) = by_record.get_mut(record) {
                    *slot = Some(i);
                }
                i
            }
        };
        facts.text_fonts.push((row, col, index));
    }
}

// ---------------------------------------------------------------------------------------------
// .xlsx

/// Hidden rows (`<row r hidden="1">`) and hidden columns (`<col min max hidden="1">`) of the
/// sheet named `sheet` in the xlsx/xlsm `bytes`, from a byte scan of its part; fonts are left
/// empty. `None` when the sheet's part cannot be found.
#[cfg(test)]
pub(crate) fn xlsx_facts(bytes: &[u8], sheet: &str) -> Option<SheetFacts> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    Some(xlsx_facts_in_part(&merges::xlsx_sheet_part(bytes, sheet)?))
}

/// [`xlsx_facts`] of an inflated sheet part (from `merges::xlsx_sheet_part`, so that one
/// inflate serves the merged cells too).
pub(crate) fn xlsx_facts_in_part(xml: &[u8]) -> SheetFacts {
    // <dimension> and <cols> come before <sheetData>; the rows are inside it.
    let body_start = merges::tag_positions(xml, "sheetData").next().unwrap_or(xml.len());
    let (head, body) = xml.split_at(body_start.min(xml.len()));

    // The columns listed stop at the sheet's declared width; a missing or one-cell dimension
    // (some writers put "A1" whatever the sheet holds) says nothing, and Excel's width counts.
    let width = merges::tags(head, "dimension")
        .next()
        .and_then(|t| merges::attr(t, "ref"))
        .and_then(merges::parse_range)
        .filter(|d| d.end != (0, 0))
        .map_or(XLSX_COLS, |d| d.end.1.saturating_add(1).min(XLSX_COLS));

    let mut cols = Bits::new(XLSX_COLS);
    // Excel writes at most one <col> per column; more is hostile and not read.
    for tag in merges::tags(head, "col").take(XLSX_COLS as usize) {
        if !is_true(merges::attr(tag, "hidden")) {
            continue;
        }
        let min = merges::attr(tag, "min").and_then(|v| v.trim().parse::<u32>().ok());
        let max = merges::attr(tag, "max").and_then(|v| v.trim().parse::<u32>().ok());
        if let (Some(min), Some(max)) = (min, max)
            && min >= 1
            && max >= min
        {
            cols.set_range(min - 1, (max - 1).min(width.saturating_sub(1)));
        }
    }

    let mut rows = Bits::new(XLSX_ROWS);
    let mut unnumbered = false;
    for at in memchr::memmem::find_iter(body, b"hidden") {
        let Some((name, attrs)) = enclosing_tag(body, at) else { continue };
        if name != b"row" || !is_true(merges::attr(attrs, "hidden")) {
            continue;
        }
        match merges::attr(attrs, "r").map(|r| r.trim().parse::<u32>()) {
            Some(Ok(r)) if (1..=XLSX_ROWS).contains(&r) => rows.set(r - 1),
            Some(_) => {}
            None => unnumbered = true,
        }
    }
    if unnumbered {
        // A row without `r` is the one after the previous row: count them all.
        let mut next = 0u32;
        for tag in merges::tags(body, "row") {
            let row = match merges::attr(tag, "r").and_then(|r| r.trim().parse::<u32>().ok()) {
                Some(r) if r >= 1 => r - 1,
                _ => next,
            };
            if row >= XLSX_ROWS {
                break;
            }
            if is_true(merges::attr(tag, "hidden")) {
                rows.set(row);
            }
            next = row + 1;
        }
    }
    SheetFacts { hidden_rows: rows.ones(XLSX_ROWS), hidden_cols: cols.ones(width), ..SheetFacts::default() }
}

/// An xsd:boolean attribute that is true.
fn is_true(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("1" | "true"))
}

/// The local name and attribute text of the start tag in which the attribute name starting at
/// `at` stands, or `None` when `at` is not an attribute name in a tag (text, a value, another
/// attribute's name ending in the same letters). Looks back at most [`MAX_TAG_BYTES`].
fn enclosing_tag(xml: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
    if !xml.get(at.checked_sub(1)?)?.is_ascii_whitespace() {
        return None;
    }
    let window = xml.get(at.saturating_sub(MAX_TAG_BYTES)..at)?;
    let lt = memchr::memrchr(b'<', window)?;
    let inside = window.get(lt + 1..)?;
    if memchr::memchr(b'>', inside).is_some() {
        return None;
    }
    let name_len = inside.iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'/').count();
    let name = inside.get(..name_len)?;
    let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    let rest = xml.get(at..)?;
    let end = memchr::memchr(b'>', rest.get(..MAX_TAG_BYTES.min(rest.len()))?)?;
    let attrs_start = at - inside.len() + name_len;
    let attrs = xml.get(attrs_start..at + end)?;
    Some((local, attrs))
}

// ---------------------------------------------------------------------------------------------

/// A set of positions below a fixed size, allocated on first use.
struct Bits {
    size: u32,
    words: Vec<u64>,
}

impl Bits {
    fn new(size: u32) -> Self {
        Bits { size, words: Vec::new() }
    }

    fn set(&mut self, at: u32) {
        self.set_range(at, at);
    }

    /// Sets `first..=last`, clipped to the size.
    fn set_range(&mut self, first: u32, last: u32) {
        let last = last.min(self.size.saturating_sub(1));
        if first > last || first >= self.size {
            return;
        }
        if self.words.is_empty() {
            self.words = vec![0; self.size.div_ceil(64) as usize];
        }
        let mut at = first;
        while at <= last {
            let word = (at / 64) as usize;
            let bit = at % 64;
            let span = (64 - bit).min(last - at + 1);
            let mask = if span == 64 { u64::MAX } else { ((1u64 << span) - 1) << bit };
            if let Some(w) = self.words.get_mut(word) {
                *w |= mask;
            }
            at += span;
        }
    }

    /// The positions set below `limit`, ascending.
    fn ones(&self, limit: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for (i, &word) in self.words.iter().enumerate() {
            let mut w = word;
            while w != 0 {
                let at = i as u32 * 64 + w.trailing_zeros();
                if at >= limit {
                    return out;
                }
                out.push(at);
                w &= w - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use calamine::Reader;

    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// The text fonts of `facts` as (row, col, font name).
    fn named(facts: &SheetFacts) -> Vec<(u32, u32, &str)> {
        facts.text_fonts.iter().map(|&(r, c, f)| (r, c, facts.fonts[usize::from(f)].as_str())).collect()
    }

    const WRITTEN_FONTS: [(u32, u32, &str); 9] = [
        (0, 0, ".VnTimeH"),
        (1, 0, ".VnTime"),
        (1, 2, ".VnArial Narrow"), // a formula whose result is text
        (2, 0, "VNI-Times"),
        (3, 0, "Calibri"),
        (4, 0, "Calibri"),
        (6, 0, ".vntime"),
        (10, 0, "Calibri"),
        (11, 0, ".VnTime"),
    ];

    #[test]
    fn xls_facts_are_what_was_written() {
        let bytes = fixture("facts/hidden_rows_cols_fonts.xls");
        let facts = xls_facts(&bytes, "Tổng hợp").unwrap();
        assert_eq!(facts.hidden_rows, [4, 5, 10]);
        assert_eq!(facts.hidden_cols, [3, 5, 6, 7]);
        assert_eq!(named(&facts), WRITTEN_FONTS);
        // Distinct names, in the order of first use; B2 (a number) has none.
        assert_eq!(facts.fonts, [".VnTimeH", ".VnTime", ".VnArial Narrow", "VNI-Times", "Calibri", ".vntime"]);

        let cover = xls_facts(&bytes, "Bìa").unwrap();
        assert_eq!((cover.hidden_rows.as_slice(), cover.hidden_cols.as_slice()), (&[][..], &[1][..]));
        assert_eq!(named(&cover), [(0, 0, "Calibri"), (0, 2, "Calibri")]);

        assert_eq!(xls_facts(&bytes, "Tong hop"), None);
    }

    #[test]
    fn xlsx_facts_are_what_was_written() {
        let bytes = fixture("facts/hidden_rows_cols_fonts.xlsx");
        let facts = xlsx_facts(&bytes, "Tổng hợp").unwrap();
        assert_eq!(
            facts,
            SheetFacts { hidden_rows: vec![4, 5, 10], hidden_cols: vec![3, 5, 6, 7], ..SheetFacts::default() }
        );
        assert_eq!(xlsx_facts(&bytes, "Bìa").unwrap().hidden_cols, [1]);
        assert_eq!(xlsx_facts(&bytes, "Tong hop"), None);
        // The fixtures without hidden rows or columns have none.
        let large = fixture("large.xlsx");
        let x: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(large.as_slice())).unwrap();
        for name in x.sheet_names() {
            assert_eq!(xlsx_facts(&large, &name), Some(SheetFacts::default()));
        }
    }

    #[test]
    fn garbage_truncated_and_empty_inputs_do_not_panic() {
        let xls = fixture("facts/hidden_rows_cols_fonts.xls");
        let xlsx = fixture("facts/hidden_rows_cols_fonts.xlsx");
        for bytes in [&b""[..], b"\xD0\xCF\x11\xE0", b"PK\x03\x04", &[0u8; 4096], &xlsx, &xls] {
            assert_eq!(xls_facts(bytes, "Tổng hợp").filter(|_| bytes != xls.as_slice()), None);
            assert_eq!(xlsx_facts(bytes, "Tổng hợp").filter(|_| bytes != xlsx.as_slice()), None);
        }
        for bytes in [&xls, &xlsx] {
            for len in (0..bytes.len()).step_by(61) {
                let cut = &bytes[..len];
                let _ = xls_facts(cut, "Tổng hợp");
                let _ = xlsx_facts(cut, "Tổng hợp");
            }
            // Every byte in turn set to 0xFF (sizes, offsets, record lengths, sector numbers).
            for at in (0..bytes.len()).step_by(7) {
                let mut bad = bytes.clone();
                bad[at] = 0xFF;
                let _ = xls_facts(&bad, "Tổng hợp");
                let _ = xlsx_facts(&bad, "Tổng hợp");
            }
        }
        // The workbook that makes calamine allocate without bound is refused or read, quickly.
        let bomb = fixture("memory_bomb.xls");
        let _ = xls_facts(&bomb, "Sheet1");
        // A file over the limit is not read.
        let mut big = xls.clone();
        big.resize(MAX_FILE_BYTES + 1, 0);
        assert_eq!(xls_facts(&big, "Tổng hợp"), None);
    }

    #[test]
    fn a_stream_claiming_a_huge_size_is_not_trusted() {
        let mut xls = fixture("facts/hidden_rows_cols_fonts.xls");
        let name: Vec<u8> = "Workbook".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let entry = memchr::memmem::find(&xls, &name).unwrap();
        // The directory entry's stream size (u64 at 120).
        xls[entry + 120..entry + 128].copy_from_slice(&0xFFFF_FFF0u64.to_le_bytes());
        assert_eq!(xls_facts(&xls, "Tổng hợp"), None);
    }

    #[test]
    fn a_column_range_to_the_end_is_bounded() {
        let head = r#"<worksheet><dimension ref="A1:J5"/><cols><col min="1" max="16384" hidden="1"/></cols>"#;
        let rows = r#"<sheetData><row r="2" hidden="1"><c r="A2"/></row></sheetData></worksheet>"#;
        let facts = xlsx_facts_in_part(format!("{head}{rows}").as_bytes());
        assert_eq!(facts.hidden_cols, (0..10).collect::<Vec<_>>());
        assert_eq!(facts.hidden_rows, [1]);
        // Without a dimension (or with "A1"), at most Excel's width.
        for dim in ["", r#"<dimension ref="A1"/>"#] {
            let xml = format!(r#"<worksheet>{dim}<cols><col min="3" max="99999" hidden="true"/></cols><sheetData/>"#);
            assert_eq!(xlsx_facts_in_part(xml.as_bytes()).hidden_cols, (2..XLSX_COLS).collect::<Vec<_>>());
        }
        // A million <col> tags claiming every column, and rows past Excel's last: bounded work.
        let mut xml = String::from(r#"<worksheet><dimension ref="A1:B2"/><cols>"#);
        for _ in 0..1_000_000 {
            xml.push_str(r#"<col min="1" max="16384" hidden="1"/>"#);
        }
        xml.push_str(r#"</cols><sheetData><row r="1048576" hidden="1"/><row r="1048577" hidden="1"/><row r="0" hidden="1"/><row r="-3" hidden="1"/>"#);
        xml.push_str("</sheetData>");
        let facts = xlsx_facts_in_part(xml.as_bytes());
        assert_eq!(facts.hidden_cols, [0, 1]);
        assert_eq!(facts.hidden_rows, [1_048_575]);
    }

    #[test]
    fn xlsx_rows_without_numbers_and_hidden_in_text() {
        let xml = br#"<worksheet><sheetData><row><c t="inlineStr"><is><t> hidden="1"</t></is></c></row>
            <row hidden="1"/><row r="5"/><x:row spans="1:2" hidden="true"/><row r="9" hidden="0"/>
            <row r="10" customHeight="1" ht="0"/></sheetData></worksheet>"#;
        assert_eq!(xlsx_facts_in_part(xml).hidden_rows, [1, 5]);
        let xml = br#"<sheetData><row r="3" hidden="1" x14ac:dyDescent="0.25"><c><v>1</v></c></row><rowx hidden="1"/><row r="4" nothidden="1"/>"#;
        assert_eq!(xlsx_facts_in_part(xml).hidden_rows, [2]);
    }

    // Synthetic BIFF workbooks, for what LibreOffice does not write.

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&u16::try_from(body.len()).unwrap().to_le_bytes());
        out.extend_from_slice(body);
        out
    }

    fn biff8_font(name: &str) -> Vec<u8> {
        let mut body = vec![0u8; 14];
        body.push(u8::try_from(name.len()).unwrap());
        body.push(0);
        body.extend_from_slice(name.as_bytes());
        rec(FONT, &body)
    }

    fn cell(typ: u16, row: u16, col: u16, xf: u16, rest: &[u8]) -> Vec<u8> {
        let mut body = [row.to_le_bytes(), col.to_le_bytes(), xf.to_le_bytes()].concat();
        body.extend_from_slice(rest);
        rec(typ, &body)
    }

    fn row_rec(row: u16, hidden: bool) -> Vec<u8> {
        let mut body = vec![0u8; 16];
        body[..2].copy_from_slice(&row.to_le_bytes());
        body[12] = if hidden { 0x20 } else { 0 };
        rec(ROW, &body)
    }

    /// A compound file holding `data` as the stream `name`.
    fn compound(name: &str, data: &[u8]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream(name).unwrap().write_all(data).unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    /// Globals (built by `globals(offset of the sheet)`) followed by the sheet's substream.
    fn workbook(globals: impl Fn(u32) -> Vec<u8>, sheet: &[u8]) -> Vec<u8> {
        let len = u32::try_from(globals(0).len()).unwrap();
        [globals(len), sheet.to_vec()].concat()
    }

    #[test]
    fn biff8_records_font_index_four_nested_substreams_and_a_column_range() {
        let globals = |offset: u32| {
            let mut g = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
            for name in ["Arial", "Arial", "Arial", "Arial", ".VnTime", ".VnTimeH"] {
                g.extend(biff8_font(name));
            }
            // XF 0 → font 0, XF 1 → font 5 (record 4), XF 2 → font 6 (record 5), XF 3 → font 4 (none).
            for ifnt in [0u16, 5, 6, 4] {
                g.extend(rec(XF, &[ifnt.to_le_bytes().as_slice(), &[0; 18]].concat()));
            }
            g.extend(rec(BOUNDSHEET, &[offset.to_le_bytes().as_slice(), &[0, 0, 6, 0], b"Sheet1"].concat()));
            g.extend(rec(EOF, &[]));
            g
        };
        let sheet = [
            rec(BOF, &[0x00, 0x06, 0x10, 0x00]),
            rec(COLINFO, &[0u16, 0xFFFF, 0, 0, 1, 0].map(u16::to_le_bytes).concat()),
            row_rec(3, true),
            row_rec(2, false),
            cell(LABELSST, 0, 0, 1, &[0; 4]),
            cell(LABEL, 1, 1, 2, &[1, 0, 0, b'x']),
            cell(RSTRING, 2, 2, 3, &[1, 0, 0, b'x']),
            cell(LABELSST, 5, 0, 999, &[0; 4]),
            // A formula with a text result (in the STRING record after it) and an empty one.
            cell(FORMULA, 7, 0, 0, &[0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]),
            rec(STRING, &[1, 0, 0, b'y']),
            cell(FORMULA, 8, 0, 0, &[3, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]),
            cell(FORMULA, 9, 0, 0, &[0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0]),
            // An embedded chart's substream: its records are not the sheet's.
            rec(BOF, &[0x00, 0x06, 0x20, 0x00]),
            cell(LABELSST, 20, 0, 1, &[0; 4]),
            row_rec(20, true),
            rec(EOF, &[]),
            cell(LABELSST, 6, 0, 0, &[0; 4]),
            rec(EOF, &[]),
            // After the sheet's end.
            row_rec(30, true),
        ]
        .concat();
        let bytes = compound("/Workbook", &workbook(globals, &sheet));
        let facts = xls_facts(&bytes, "Sheet1").unwrap();
        assert_eq!(facts.hidden_rows, [3]);
        assert_eq!(facts.hidden_cols, (0..256).collect::<Vec<_>>());
        assert_eq!(
            named(&facts),
            [(0, 0, ".VnTime"), (1, 1, ".VnTimeH"), (6, 0, "Arial"), (7, 0, "Arial"), (8, 0, "Arial")]
        );
        assert_eq!(facts.fonts, [".VnTime", ".VnTimeH", "Arial"]);

        // Encrypted: nothing can be told.
        let encrypted = |offset: u32| {
            let g = globals(offset);
            [&g[..8], &rec(FILEPASS, &[1, 0, 1, 0])[..], &g[8..]].concat()
        };
        assert_eq!(xls_facts(&compound("/Workbook", &workbook(encrypted, &sheet)), "Sheet1"), None);
        // A sheet offset past the stream, or not at a BOF.
        let bad = |_| globals(1_000_000);
        assert_eq!(xls_facts(&compound("/Workbook", &workbook(bad, &sheet)), "Sheet1"), None);
        let bad = |offset: u32| globals(offset + 4);
        assert_eq!(xls_facts(&compound("/Workbook", &workbook(bad, &sheet)), "Sheet1"), None);
    }

    #[test]
    fn biff5_book_with_a_code_page() {
        let globals = |offset: u32| {
            let mut g = rec(BOF, &[0x00, 0x05, 0x05, 0x00]);
            g.extend(rec(CODEPAGE, &1252u16.to_le_bytes()));
            for name in ["Arial", "Arial", "Arial", "Arial", "VNI-Times"] {
                let mut body = vec![0u8; 14];
                body.push(u8::try_from(name.len()).unwrap());
                body.extend_from_slice(name.as_bytes());
                g.extend(rec(FONT, &body));
            }
            g.extend(rec(XF, &[0; 16]));
            g.extend(rec(XF, &[[5, 0].as_slice(), &[0; 14]].concat()));
            // "Kosten €" in Windows-1252.
            g.extend(rec(BOUNDSHEET, &[offset.to_le_bytes().as_slice(), &[0, 0, 8], b"Kosten \x80"].concat()));
            g.extend(rec(EOF, &[]));
            g
        };
        let sheet = [
            rec(BOF, &[0x00, 0x05, 0x10, 0x00]),
            row_rec(7, true),
            rec(COLINFO, &[2u16, 3, 0, 0, 1].map(u16::to_le_bytes).concat()),
            cell(LABEL, 0, 1, 1, &[3, 0, b'a', b'b', b'c']),
            rec(EOF, &[]),
        ]
        .concat();
        let bytes = compound("/Book", &workbook(globals, &sheet));
        let facts = xls_facts(&bytes, "Kosten €").unwrap();
        assert_eq!(
            facts,
            SheetFacts {
                hidden_rows: vec![7],
                hidden_cols: vec![2, 3],
                fonts: vec!["VNI-Times".into()],
                text_fonts: vec![(0, 1, 0)]
            }
        );
    }

    #[test]
    fn sheet_names_decode_as_calamine_does() {
        assert_eq!(short_string(&[3, 0, b'B', 0xEC, b'a'], Biff::Biff8, 1200).as_deref(), Some("Bìa"));
        let utf16: Vec<u8> = "Tổng".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(short_string(&[&[4, 1][..], &utf16].concat(), Biff::Biff8, 1200).as_deref(), Some("Tổng"));
        // Cut short by its record: the characters present.
        assert_eq!(short_string(&[9, 0, b'a', b'b'], Biff::Biff8, 1200).as_deref(), Some("ab"));
        assert_eq!(short_string(&[9, 1, b'a', 0, b'b'], Biff::Biff8, 1200).as_deref(), Some("a"));
        assert_eq!(short_string(&[2, 0x80, b'x'], Biff::Biff5, 1252).as_deref(), Some("€x"));
        assert_eq!(short_string(&[], Biff::Biff8, 1200), None);
    }

    #[test]
    fn bits_set_ranges_across_words() {
        let mut bits = Bits::new(200);
        bits.set_range(60, 130);
        bits.set(199);
        bits.set(200);
        bits.set_range(150, 140);
        let expected: Vec<u32> = (60..=130).chain([199]).collect();
        assert_eq!(bits.ones(200), expected);
        assert_eq!(bits.ones(100), (60..100).collect::<Vec<_>>());
        assert_eq!(Bits::new(10).ones(10), Vec::<u32>::new());
    }
}
