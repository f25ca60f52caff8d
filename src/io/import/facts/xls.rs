//! Facts of a .xls sheet: the BIFF records of its compound file.

use std::io::{Cursor, Read};

use super::{Bits, MAX_STYLE_RECORDS, SheetFacts, XLS_COLS, XLS_ROWS};
use crate::io::import::limits::{MAX_CELL_RECORDS, MAX_FILE_BYTES};

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
pub(crate) enum Biff {
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

pub(super) const BOF: u16 = 0x0809;
pub(super) const EOF: u16 = 0x000A;
pub(super) const FILEPASS: u16 = 0x002F;
pub(super) const CODEPAGE: u16 = 0x0042;
pub(super) const FONT: u16 = 0x0031;
pub(super) const XF: u16 = 0x00E0;
pub(super) const BOUNDSHEET: u16 = 0x0085;
pub(super) const ROW: u16 = 0x0208;
pub(super) const COLINFO: u16 = 0x007D;
pub(super) const LABELSST: u16 = 0x00FD;
pub(super) const LABEL: u16 = 0x0204;
pub(super) const RSTRING: u16 = 0x00D6;
pub(super) const FORMULA: u16 = 0x0006;
pub(super) const STRING: u16 = 0x0207;

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
pub(crate) fn short_string(data: &[u8], biff: Biff, codepage: u16) -> Option<String> {
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
