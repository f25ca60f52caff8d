//! The BIFF records of an `.xls` workbook stream, walked as calamine 0.38's `Xls::new` walks them
//! (its `parse_workbook`), before it does: calamine reads every sheet of the workbook when the
//! file is opened, and trusts what the records say.
//!
//! - A DIMENSIONS record makes it reserve rows × columns cells: an impossible one (last row
//!   before the first: rows wrap to 4 billion in a release build) asks for terabytes and aborts.
//!   Such a record (the reader needs it for nothing else) is neutralised.
//! - Each sheet becomes a dense range over its cells' bounding box: two cells far apart (an
//!   `.xls` column index goes to 65,535) make gigabytes. A sheet whose range would exceed
//!   [`MAX_OPEN_RANGE_CELLS`], alone or with the sheets before it, has its cells blanked and is
//!   refused as too large when it is read, naming its extent; the other sheets stay readable.
//! - One malformed cell record (a boolean/error cell of an unknown kind, a record too short)
//!   makes it refuse the whole file: such a record is blanked and reported as a warning at its
//!   cell.
//! - A sheet starting beyond the stream, a MERGECELLS record listing more regions than it holds,
//!   a workbook record too short for its fields: calamine would index past its buffer (a panic,
//!   an abort in WebAssembly). The first is refused as damaged, the others neutralised.
//!
//! A record is neutralised or blanked by changing its type in place (to 0, which no reader reads,
//! or to BLANK, 0x0201, which calamine skips), so every offset stays as it was.
//!
//! Also gathered on the way, for the sheets' readers: each sheet's used range (the size listed
//! without reading any cell) and the formulas whose first references are to another workbook.

use super::super::limits::{MAX_MALFORMED_CELLS, MAX_OPEN_RANGE_CELLS, MAX_SHEETS};
use super::Fail;

/// What the walk found in the workbook stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Biff {
    /// One entry per BOUNDSHEET record, in order (calamine's order of sheets).
    pub sheets: Vec<SheetBiff>,
    /// Whether records were changed (the stream must be handed over rewritten).
    pub patched: bool,
    /// The names of the other workbooks the formulas refer to (SUPBOOK records).
    pub books: Vec<String>,
}

/// What the walk found in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SheetBiff {
    /// The name, decoded as calamine decodes it for the usual code pages (for messages).
    pub name: String,
    /// The bounding box of the cells calamine keeps: (first row, first col, last row, last col).
    pub bounds: Option<(u32, u32, u32, u32)>,
    /// Set when the sheet's cells were blanked: (rows, cols, whether alone (not only with the
    /// sheets before it) it is too large).
    pub oversized: Option<(u64, u64, bool)>,
    /// Cells whose record was malformed and blanked: (row, col, what the value was stored as:
    /// `b` a logical value, `e` an error code, `n` a number, empty when not known).
    pub malformed: Vec<(u32, u32, &'static str)>,
    /// Formula cells whose first reference is to another workbook.
    pub external: Vec<(u32, u32)>,
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BLANK: u16 = 0x0201;
const IGNORED: u16 = 0x0000;
const ERROR_CODES: [u8; 8] = [0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A, 0x2B];

/// One record as calamine's `RecordIter` cuts it: the CONTINUE records after it are its own.
struct Rec {
    at: usize,
    typ: u16,
    body: std::ops::Range<usize>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16_at(b, at)?) | (u32::from(u16_at(b, at + 2)?) << 16))
}

/// The record at `*at`, moving past it; `None` at the end, `Err` where calamine's iterator fails.
fn next_record(stream: &[u8], at: &mut usize) -> Option<Result<Rec, Fail>> {
    let rest = stream.get(*at..)?;
    if rest.len() < 4 {
        return if rest.is_empty() { None } else { Some(Err(Fail::Clean)) };
    }
    let (typ, len) = (u16_at(rest, 0)?, usize::from(u16_at(rest, 2)?));
    if rest.len() < len + 4 {
        return Some(Err(Fail::Clean));
    }
    let rec = Rec { at: *at, typ, body: *at + 4..*at + 4 + len };
    *at += 4 + len;
    let next = stream.get(*at..).unwrap_or(&[]);
    if next.len() > 4 && u16_at(next, 0) == Some(CONTINUE) {
        loop {
            let next = stream.get(*at..).unwrap_or(&[]);
            if next.len() <= 4 || u16_at(next, 0) != Some(CONTINUE) {
                break;
            }
            let len = usize::from(u16_at(next, 2).unwrap_or(0));
            if next.len() < len + 4 {
                return Some(Err(Fail::Clean));
            }
            *at += 4 + len;
        }
    }
    Some(Ok(rec))
}

fn set_type(stream: &mut [u8], at: usize, typ: u16) {
    if let Some(slot) = stream.get_mut(at..at + 2) {
        slot.copy_from_slice(&typ.to_le_bytes());
    }
}

/// Walks the workbook `stream`, changing in place what calamine cannot survive.
pub(crate) fn check(stream: &mut [u8]) -> Result<Biff, Fail> {
    let mut out = Biff::default();
    let mut at = 0usize;
    let mut biff8 = true;
    let mut codepage = 1200u16;
    let mut positions = Vec::new();
    let mut supbooks: Vec<Option<String>> = Vec::new();
    let mut xtis: Vec<u16> = Vec::new();
    while let Some(rec) = next_record(stream, &mut at) {
        let rec = rec?;
        let body = stream.get(rec.body.clone()).unwrap_or(&[]);
        let short = |n: usize| body.len() < n;
        match rec.typ {
            0x002F | 0x0042 | 0x0022 | 0x0017 if short(2) => {
                return Err(Fail::Damaged("a workbook record is cut short"));
            }
            // Encrypted: calamine stops here and says so.
            0x002F if u16_at(body, 0) != Some(0) => return Err(Fail::Clean),
            0x0042 => codepage = u16_at(body, 0).unwrap_or(codepage),
            BOF if short(2) => return Err(Fail::Damaged("a BOF record is cut short")),
            BOF => {
                let version = u16_at(body, 0).unwrap_or(0);
                biff8 = match version {
                    0x0500 => false,
                    0 => u16_at(body, 2) != Some(0x1000),
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 => false,
                    _ => true,
                };
            }
            0x0085 if short(6) => return Err(Fail::Damaged("a sheet record (BOUNDSHEET) is cut short")),
            0x0085 => {
                positions.push(u32_at(body, 0).unwrap_or(0) as usize);
                let biff = if biff8 { FactsBiff::Biff8 } else { FactsBiff::Biff5 };
                let mut name = body.get(6..).and_then(|b| short_string(b, biff, codepage)).unwrap_or_default();
                name.retain(|c| c != '\0');
                out.sheets.push(SheetBiff { name, ..SheetBiff::default() });
                if out.sheets.len() > MAX_SHEETS {
                    return Err(Fail::TooManySheets(out.sheets.len()));
                }
            }
            0x0018 => {
                let cce = usize::from(u16_at(body, 4).unwrap_or(u16::MAX));
                if short(14) || cce > body.len() {
                    set_type(stream, rec.at, IGNORED);
                    out.patched = true;
                }
            }
            0x01AE => supbooks.push(supbook(body)),
            0x0017 if biff8 => {
                let count = usize::from(u16_at(body, 0).unwrap_or(0));
                let xti = body.get(2..).unwrap_or(&[]).chunks_exact(6).take(count);
                xtis = xti.map(|x| u16_at(x, 0).unwrap_or(u16::MAX)).collect();
            }
            EOF => break,
            _ => {}
        }
    }
    out.books = supbooks.iter().flatten().cloned().collect();
    let external_xti: Vec<bool> =
        xtis.iter().map(|&i| supbooks.get(usize::from(i)).is_some_and(Option::is_some)).collect();

    let mut budget = (MAX_OPEN_RANGE_CELLS, MAX_OPEN_RANGE_CELLS);
    for (i, &pos) in positions.iter().enumerate() {
        if pos > stream.len() {
            return Err(Fail::Damaged("a sheet starts beyond the end of the workbook stream"));
        }
        let walk = walk_sheet(stream, pos, biff8, &external_xti, false)?;
        out.patched |= walk.patched;
        if walk.cut {
            // calamine stops the whole workbook at this record, after reading the ones before
            // it (which is why they are checked): the sheets after it are never read.
            break;
        }
        let cells = |b: Option<(u32, u32, u32, u32)>| {
            b.map_or(0, |(r0, c0, r1, c1)| (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1))
        };
        let (values, formulas) = (cells(walk.bounds), cells(walk.formula_bounds));
        let Some(sheet) = out.sheets.get_mut(i) else { continue };
        sheet.malformed = walk.malformed;
        sheet.external = walk.external;
        if values > budget.0 || formulas > budget.1 {
            let alone = values > MAX_OPEN_RANGE_CELLS || formulas > MAX_OPEN_RANGE_CELLS;
            let (r0, c0, r1, c1) = walk.bounds.or(walk.formula_bounds).unwrap_or((0, 0, 0, 0));
            sheet.oversized = Some((u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1, alone));
            sheet.bounds = walk.bounds;
            walk_sheet(stream, pos, biff8, &external_xti, true)?;
            out.patched = true;
        } else {
            budget = (budget.0 - values, budget.1 - formulas);
            sheet.bounds = walk.bounds;
        }
    }
    Ok(out)
}

use crate::io::import::facts::{Biff as FactsBiff, short_string};

/// A SUPBOOK record: the file name of another workbook, `None` for the workbook itself or add-ins.
fn supbook(body: &[u8]) -> Option<String> {
    let cch = u16_at(body, 2)?;
    if cch == 0x0401 || cch == 0x3A01 || cch == 0 {
        return None;
    }
    let flags = *body.get(4)?;
    let chars = body.get(5..).unwrap_or(&[]);
    let text: String = if flags & 1 == 0 {
        chars.iter().take(usize::from(cch)).map(|&b| char::from(b)).collect()
    } else {
        let units = chars.chunks_exact(2).take(usize::from(cch)).map(|u| u16_at(u, 0).unwrap_or(0));
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
    };
    // An encoded path: control characters mark drives and separators ("\x01\x03C\x03dir\x03a.xls").
    let name = text.split(|c: char| c.is_control() || c == '/' || c == '\\').rfind(|s| !s.is_empty())?;
    Some(name.chars().take(120).collect())
}

/// What one sheet's records hold.
#[derive(Default)]
struct Walk {
    bounds: Option<(u32, u32, u32, u32)>,
    formula_bounds: Option<(u32, u32, u32, u32)>,
    malformed: Vec<(u32, u32, &'static str)>,
    external: Vec<(u32, u32)>,
    patched: bool,
    /// Whether a record ran past the stream's end (calamine fails there).
    cut: bool,
}

fn grow(bounds: &mut Option<(u32, u32, u32, u32)>, row: u32, col: u32) {
    let (r0, c0, r1, c1) = bounds.unwrap_or((row, col, row, col));
    *bounds = Some((r0.min(row), c0.min(col), r1.max(row), c1.max(col)));
}

/// Walks the sheet substream at `pos` as calamine does; with `blank`, turns every cell record
/// into BLANK.
fn walk_sheet(stream: &mut [u8], pos: usize, biff8: bool, external_xti: &[bool], blank: bool) -> Result<Walk, Fail> {
    let mut w = Walk::default();
    let mut at = pos;
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut fmla_pos = (0u32, 0u32);
    while let Some(rec) = next_record(stream, &mut at) {
        let Ok(rec) = rec else {
            w.cut = true;
            break;
        };
        if depth > 0 {
            match rec.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let body = stream.get(rec.body.clone()).unwrap_or(&[]);
        let cell = (u32::from(u16_at(body, 0).unwrap_or(0)), u32::from(u16_at(body, 2).unwrap_or(0)));
        // What the record holds: value cells (first..=last column), a formula, or a fault.
        let mut values: Option<(u32, u32, u32)> = None;
        let mut fault: Option<&'static str> = None;
        match rec.typ {
            BOF => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
                continue;
            }
            EOF => break,
            0x0200 => {
                if dimensions_unsafe(body) {
                    set_type(stream, rec.at, IGNORED);
                    w.patched = true;
                }
                continue;
            }
            0x00E5 => {
                let count = usize::from(u16_at(body, 0).unwrap_or(u16::MAX));
                if body.len() < 2 + 8 * count {
                    set_type(stream, rec.at, IGNORED);
                    w.patched = true;
                }
                continue;
            }
            0x0203 if body.len() < 14 => fault = Some("n"),
            0x027E if body.len() < 10 => fault = Some("n"),
            0x00FD if body.len() < 10 => fault = Some(""),
            0x0203 | 0x027E | 0x00FD => values = Some((cell.0, cell.1, cell.1)),
            0x0204 | 0x00D6 if body.len() < 6 || !string_ok(body.get(6..).unwrap_or(&[]), biff8) => fault = Some(""),
            0x0204 | 0x00D6 => values = Some((cell.0, cell.1, cell.1)),
            0x0205 => match (body.get(6), body.get(7)) {
                (Some(_), Some(0)) => values = Some((cell.0, cell.1, cell.1)),
                (Some(e), Some(1)) if ERROR_CODES.contains(e) => values = Some((cell.0, cell.1, cell.1)),
                (Some(_), Some(1)) => fault = Some("e"),
                (Some(_), Some(_)) => fault = Some("b"),
                _ => fault = Some(""),
            },
            0x0207 => {
                if string_ok(body, biff8) {
                    values = Some((fmla_pos.0, fmla_pos.1, fmla_pos.1));
                } else {
                    fault = Some("");
                }
                if fault.is_some() || blank {
                    // The position is the formula's, not in this record.
                    if fault.is_some() && !blank {
                        w.malformed.push((fmla_pos.0, fmla_pos.1, ""));
                    }
                    set_type(stream, rec.at, BLANK);
                    w.patched = true;
                    continue;
                }
            }
            0x00BD => {
                let first = u16_at(body, 2).unwrap_or(0);
                let last = body.len().checked_sub(2).and_then(|i| u16_at(body, i)).unwrap_or(0);
                let ok = body.len() >= 6 && last >= first && body.len() == 6 + 6 * (usize::from(last - first) + 1);
                if ok {
                    values = Some((cell.0, u32::from(first), u32::from(last)));
                } else {
                    fault = Some("n");
                }
            }
            0x0006 => {
                if body.len() < 20 {
                    fault = Some("");
                } else {
                    fmla_pos = cell;
                    match formula_value(body.get(6..14).unwrap_or(&[])) {
                        Err(what) => fault = Some(what),
                        Ok(has_value) => {
                            grow(&mut w.formula_bounds, cell.0, cell.1);
                            if has_value {
                                values = Some((cell.0, cell.1, cell.1));
                            }
                            if !blank && external_first(body, external_xti) {
                                w.external.push(cell);
                            }
                        }
                    }
                }
            }
            _ => continue,
        }
        if blank || fault.is_some() {
            if let Some(what) = fault.filter(|_| !blank) {
                if w.malformed.len() >= MAX_MALFORMED_CELLS {
                    return Err(Fail::Damaged("too many malformed cell records"));
                }
                w.malformed.push((cell.0, cell.1, what));
            }
            set_type(stream, rec.at, BLANK);
            w.patched = true;
            continue;
        }
        if let Some((row, first, last)) = values {
            grow(&mut w.bounds, row, first);
            grow(&mut w.bounds, row, last);
        }
    }
    Ok(w)
}

/// Whether calamine's reservation for a DIMENSIONS record would be impossible or beyond the
/// limit (calamine's own arithmetic: a last row before the first wraps in a release build).
fn dimensions_unsafe(body: &[u8]) -> bool {
    let (rf, rl, cf, cl) = match body.len() {
        10 => (
            u32::from(u16_at(body, 0).unwrap_or(0)),
            u32::from(u16_at(body, 2).unwrap_or(0)),
            u32::from(u16_at(body, 4).unwrap_or(0)),
            u32::from(u16_at(body, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(body, 0).unwrap_or(0),
            u32_at(body, 4).unwrap_or(0),
            u32::from(u16_at(body, 8).unwrap_or(0)),
            u32::from(u16_at(body, 10).unwrap_or(0)),
        ),
        // calamine refuses the whole file over a record it needs for nothing else.
        _ => return true,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl < 1 || cl < 1 {
        return false;
    }
    let (Some(rows), Some(cols)) = ((rl - 1).checked_sub(rf), (cl - 1).checked_sub(cf)) else { return true };
    (u64::from(rows) + 1) * (u64::from(cols) + 1) > MAX_OPEN_RANGE_CELLS
}

/// Whether calamine's `parse_string` reads an XLUnicodeString (BIFF8) or a byte string (BIFF5).
fn string_ok(data: &[u8], biff8: bool) -> bool {
    let need = if biff8 { 3 } else { 2 };
    data.len() >= need || (data.len() == 2 && u16_at(data, 0) == Some(0))
}

/// calamine's `parse_formula_value`: whether the cached result is a value of this record (not a
/// text in the STRING record after it), or what is wrong with it.
fn formula_value(v: &[u8]) -> Result<bool, &'static str> {
    if v.len() < 8 || v.get(6..8) != Some(&[0xFF, 0xFF]) {
        return Ok(true);
    }
    match (v.first(), v.get(2)) {
        (Some(0x00), _) => Ok(false),
        (Some(0x01 | 0x03), _) => Ok(true),
        (Some(0x02), Some(e)) if ERROR_CODES.contains(e) => Ok(true),
        (Some(0x02), _) => Err("e"),
        _ => Err(""),
    }
}

/// Whether a FORMULA record's expression starts (after plain operands and operators) with a
/// reference to another workbook: a 3-D reference or an external name whose XTI entry names a
/// SUPBOOK of another file.
fn external_first(body: &[u8], external_xti: &[bool]) -> bool {
    let cce = usize::from(u16_at(body, 20).unwrap_or(0));
    let rgce = body.get(22..22 + cce).unwrap_or(&[]);
    let mut at = 0usize;
    for _ in 0..16 {
        let Some(&ptg) = rgce.get(at) else { return false };
        let size = match ptg {
            0x3A | 0x5A | 0x7A | 0x3B | 0x5B | 0x7B | 0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D | 0x39 | 0x59 | 0x79 => {
                let ixti = u16_at(rgce, at + 1).map_or(usize::MAX, usize::from);
                return external_xti.get(ixti).copied().unwrap_or(false);
            }
            0x03..=0x16 => 1,
            0x1C | 0x1D => 2,
            0x1E | 0x21 | 0x41 | 0x61 => 3,
            0x22 | 0x42 | 0x62 => 4,
            0x24 | 0x44 | 0x64 | 0x23 | 0x43 | 0x63 => 5,
            0x1F | 0x25 | 0x45 | 0x65 => 9,
            _ => return false,
        };
        at += size;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(body.len() as u16).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    /// A BIFF8 workbook stream: globals with one sheet, then the sheet's records.
    fn stream(cells: &[Vec<u8>]) -> Vec<u8> {
        stream_with(&[], cells)
    }

    /// The same with `extra` records in the globals.
    fn stream_with(extra: &[Vec<u8>], cells: &[Vec<u8>]) -> Vec<u8> {
        let mut globals = record(BOF, &[0, 6, 5, 0, 0, 0, 0, 0]);
        for r in extra {
            globals.extend_from_slice(r);
        }
        let mut sheet_name = vec![0u8; 4];
        sheet_name.extend_from_slice(&[0, 0, 1, 0, b'S']);
        let bound = record(0x0085, &sheet_name);
        let eof = record(EOF, &[]);
        let pos = globals.len() + bound.len() + eof.len();
        let mut bound = bound;
        bound[4..8].copy_from_slice(&(pos as u32).to_le_bytes());
        globals.extend(bound);
        globals.extend(eof.clone());
        globals.extend(record(BOF, &[0, 6, 0x10, 0, 0, 0, 0, 0]));
        for c in cells {
            globals.extend_from_slice(c);
        }
        globals.extend(eof);
        globals
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend_from_slice(&col.to_le_bytes());
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&1.0f64.to_le_bytes());
        record(0x0203, &b)
    }

    #[test]
    fn finds_the_used_range_and_blanks_a_malformed_cell() {
        let bad_bool = record(0x0205, &[2, 0, 1, 0, 0, 0, 2, 9]);
        let mut s = stream(&[number(0, 0), number(3, 4), bad_bool]);
        let biff = check(&mut s).unwrap();
        assert!(biff.patched);
        assert_eq!(biff.sheets[0].name, "S");
        assert_eq!(biff.sheets[0].bounds, Some((0, 0, 3, 4)));
        assert_eq!(biff.sheets[0].malformed, [(2, 1, "b")]);
        // Walked again, the blanked record is gone.
        let again = check(&mut s).unwrap();
        assert!(!again.patched && again.sheets[0].malformed.is_empty());
    }

    /// A FORMULA record at (`row`, `col`) whose expression is one 3-D reference through XTI
    /// entry `ixti`.
    fn formula_3d(row: u16, col: u16, ixti: u16) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend_from_slice(&col.to_le_bytes());
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&70.0f64.to_le_bytes());
        b.extend_from_slice(&[0; 6]);
        b.extend_from_slice(&7u16.to_le_bytes());
        b.push(0x5A);
        b.extend_from_slice(&ixti.to_le_bytes());
        b.extend_from_slice(&[1, 0, 1, 0]);
        record(0x0006, &b)
    }

    #[test]
    fn finds_formulas_linked_to_other_workbooks() {
        let own = record(0x01AE, &[1, 0, 1, 4]);
        let path = b"\x01\x01C\x03KH\x03Nguon von.xls";
        let mut other = vec![1, 0, path.len() as u8, 0, 0];
        other.extend_from_slice(path);
        let xti = record(0x0017, &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
        let mut s = stream_with(&[own, record(0x01AE, &other), xti], &[formula_3d(2, 1, 1), formula_3d(3, 1, 0)]);
        let biff = check(&mut s).unwrap();
        assert_eq!(biff.books, ["Nguon von.xls"]);
        assert_eq!(biff.sheets[0].external, [(2, 1)]);
        assert_eq!(biff.sheets[0].bounds, Some((2, 1, 3, 1)));
    }

    #[test]
    fn neutralises_an_impossible_dimensions_record_and_blanks_a_huge_sheet() {
        // Rows 10..=4 (the last before the first).
        let mut dims = 10u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&5u32.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 1, 0, 0, 0]);
        let mut s = stream(&[record(0x0200, &dims), number(0, 0), number(65_535, 255), number(1, 60_000)]);
        let biff = check(&mut s).unwrap();
        assert!(biff.patched);
        assert_eq!(biff.sheets[0].oversized, Some((65_536, 60_001, true)));
        let again = check(&mut s).unwrap();
        assert_eq!(again.sheets[0].bounds, None);
        assert_eq!(again.sheets[0].oversized, None);
    }
}
