//! The sheets of an OpenDocument `content.xml`, measured before calamine reads them.
//!
//! calamine reads every sheet of an `.ods` when it is opened, repeating each cell
//! `table:number-columns-repeated` times (up to 16,384 a row) and each row
//! `table:number-rows-repeated` times (up to 1,048,576 a sheet) into a dense range of up to 100
//! million cells: a 735-byte file asks for 3 GB (an abort). This streams `content.xml` once,
//! following calamine's `read_table`/`read_row` arithmetic on tags alone, and refuses a sheet
//! whose range (or whose stored cells) would exceed
//! [`MAX_OPEN_RANGE_CELLS`](super::super::limits::MAX_OPEN_RANGE_CELLS), alone or with the sheets
//! before it, naming it and its extent. A cell with content but no value type counts as holding a
//! value (the measure can only be larger than calamine's).

use std::io::Read;

use super::super::error::{ImportError, SizeLimit};
use super::super::grid::Region;
use super::super::limits::MAX_OPEN_RANGE_CELLS;
use super::super::merges::{self, Package};

/// calamine's caps on an OpenDocument sheet.
const MAX_COLUMNS: u64 = 16_384;
const MAX_ROWS: u64 = 1_048_576;
/// Longest tag kept across chunks (a longer one is skipped).
const MAX_TAG: usize = 64 * 1024;

/// One sheet as calamine will hold it.
#[derive(Default)]
struct Sheet {
    name: String,
    /// Cells stored row by row (columns repeated, rows not).
    stored: u64,
    /// Rows so far, repeated.
    rows: u64,
    /// (first row, first column, last row, last column) of the cells holding values.
    bounds: Option<(u64, u64, u64, u64)>,
    // The row being read: cells stored, empty cells pending, first and end of its values.
    row_repeat: u64,
    row_stored: u64,
    pending: u64,
    first: Option<u64>,
    end: u64,
}

impl Sheet {
    fn cell(&mut self, repeat: u64, value: bool) {
        let room = |s: &Self| MAX_COLUMNS.saturating_sub(s.row_stored);
        self.row_stored += self.pending.min(room(self));
        self.pending = 0;
        let repeat = repeat.min(room(self));
        if value {
            self.first = self.first.or(Some(self.row_stored));
            self.row_stored += repeat;
            self.end = self.row_stored;
        } else {
            self.pending = repeat;
        }
    }

    fn end_row(&mut self) {
        self.stored = self.stored.saturating_add(self.row_stored);
        let repeat = self.row_repeat.min(MAX_ROWS.saturating_sub(self.rows));
        if let (Some(first), true) = (self.first, repeat > 0) {
            let (r0, c0, r1, c1) = self.bounds.unwrap_or((self.rows, first, 0, 0));
            self.bounds = Some((r0, c0.min(first), r1.max(self.rows + repeat - 1), c1.max(self.end - 1)));
        }
        self.rows += repeat;
        (self.row_stored, self.pending, self.first, self.end) = (0, 0, None, 0);
    }

    fn range(&self) -> u64 {
        self.bounds.map_or(0, |(r0, c0, r1, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
    }
}

/// Streams `content.xml` and refuses a sheet calamine would hold too large.
pub(super) fn check_content(zip: &mut Package<'_>) -> Result<(), ImportError> {
    let Ok(mut file) = zip.by_name("content.xml") else { return Ok(()) };
    let mut budget = MAX_OPEN_RANGE_CELLS;
    let mut sheet: Option<Sheet> = None;
    let mut buf: Vec<u8> = Vec::with_capacity(128 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        buf.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        let mut done = 0usize;
        while let Some(lt) = memchr::memchr(b'<', buf.get(done..).unwrap_or(&[])).map(|i| done + i) {
            let Some(gt) = memchr::memchr(b'>', buf.get(lt..).unwrap_or(&[])).map(|i| lt + i) else {
                done = if buf.len() - lt > MAX_TAG { buf.len() } else { lt };
                break;
            };
            let tag = buf.get(lt + 1..gt).unwrap_or(&[]);
            done = gt + 1;
            on_tag(tag, &mut sheet, &mut budget)?;
        }
        if done == 0 && buf.len() > MAX_TAG {
            done = buf.len();
        }
        buf.drain(..done.min(buf.len()));
    }
    Ok(())
}

fn on_tag(tag: &[u8], sheet: &mut Option<Sheet>, budget: &mut u64) -> Result<(), ImportError> {
    // An end tag's name starts after its `/`.
    let start = usize::from(tag.first() == Some(&b'/'));
    let name_len =
        tag.iter().skip(start).position(|b| b.is_ascii_whitespace() || *b == b'/').map_or(tag.len(), |i| start + i);
    let (name, attrs) = tag.split_at(name_len);
    let closed = tag.last() == Some(&b'/');
    let number = |attr: &str| merges::attr(attrs, attr).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1);
    match name {
        b"table:table" => {
            let name = merges::attr(attrs, "table:name").unwrap_or("").to_string();
            *sheet = Some(Sheet { name, ..Sheet::default() });
        }
        b"table:table-row" => {
            if let Some(s) = sheet.as_mut() {
                s.row_repeat = number("table:number-rows-repeated");
                if closed {
                    s.end_row();
                }
            }
        }
        b"table:table-cell" | b"table:covered-table-cell" => {
            if let Some(s) = sheet.as_mut() {
                let value = merges::attr(attrs, "office:value-type").is_some() || !closed;
                s.cell(number("table:number-columns-repeated"), value);
            }
        }
        b"/table:table-row" => {
            if let Some(s) = sheet.as_mut() {
                s.end_row();
            }
        }
        b"/table:table" => {
            if let Some(s) = sheet.take() {
                let cells = s.range().max(s.stored);
                if cells > *budget {
                    let (r0, c0, r1, c1) = s.bounds.unwrap_or((0, 0, 0, 0));
                    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    let extent =
                        Region { first_row: clamp(r0), first_col: clamp(c0), last_row: clamp(r1), last_col: clamp(c1) };
                    let limit = if cells > MAX_OPEN_RANGE_CELLS { SizeLimit::Cells } else { SizeLimit::Workbook };
                    return Err(ImportError::SheetTooLarge {
                        sheet: s.name,
                        rows: r1 - r0 + 1,
                        cols: c1 - c0 + 1,
                        limit,
                        extent: extent.a1(),
                    });
                }
                *budget -= cells;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(xml: &str) -> Result<(), ImportError> {
        let mut budget = MAX_OPEN_RANGE_CELLS;
        let mut sheet = None;
        for tag in xml.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            on_tag(tag.as_bytes(), &mut sheet, &mut budget)?;
        }
        Ok(())
    }

    #[test]
    fn follows_calamine_on_repeated_rows_and_columns() {
        let row = |rows: u32, cols: u32| {
            format!(
                r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" office:value="1"/></table:table-row>"#
            )
        };
        let sheet = |rows: &str| format!(r#"<table:table table:name="S">{rows}</table:table>"#);
        assert!(measure(&sheet(&row(1_000, 100))).is_ok());
        // Empty rows before, a million rows of 100 columns after the third: D2:CY1000001.
        let e = measure(&sheet(&format!(r#"<table:table-row/>{}"#, row(1_000_000, 100)))).expect_err("refused");
        assert!(
            matches!(&e, ImportError::SheetTooLarge { rows: 1_000_000, cols: 100, extent, .. } if extent == "D2:CY1000001"),
            "{e:?}"
        );
        // Columns stop at 16,384 and rows at 1,048,576, as in calamine.
        let e = measure(&sheet(&row(2_000_000, 1_000_000))).expect_err("refused");
        assert!(matches!(e, ImportError::SheetTooLarge { rows: 1_048_576, cols: 16_381, .. }), "{e:?}");
        // Two sheets under the limit alone but not together.
        let e = measure(&format!("{}{}", sheet(&row(30_000, 100)), sheet(&row(30_000, 100)))).expect_err("refused");
        assert!(matches!(e, ImportError::SheetTooLarge { limit: SizeLimit::Workbook, .. }), "{e:?}");
    }
}
