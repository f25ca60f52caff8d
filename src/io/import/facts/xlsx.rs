//! Facts of an .xlsx sheet: a byte scan of its part.

use super::{Bits, MAX_TAG_BYTES, SheetFacts, XLSX_COLS, XLSX_ROWS};
#[cfg(test)]
use crate::io::import::limits::MAX_FILE_BYTES;
use crate::io::import::merges;

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
