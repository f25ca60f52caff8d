//! Streaming an `.xlsx` or `.xlsb` sheet's cells, past cells whose stored value is malformed.
//!
//! calamine's cell readers stop at a value they cannot read (`<c t="b"><v>2</v></c>`, a number
//! that is not one, a shared string index beyond the table) with an error, after consuming the
//! cell's start: asked again, they go on with the next cell. So such an error is taken as one
//! unreadable cell (a warning at it, the cell empty), up to
//! [`MAX_MALFORMED_CELLS`](super::super::limits::MAX_MALFORMED_CELLS); an error of the XML itself
//! or of the zip stream still refuses the file. The cell is found afterwards in the sheet's part
//! (the n-th `<c>` element), with its address and the value it held.

use calamine::{XlsxError, XlsxFormulaMetadata};

use super::super::facts::SheetFacts;
use super::super::grid::{MalformedCell, SheetGrid};
use super::super::limits::MAX_MALFORMED_CELLS;
use super::super::merges;
use super::cells::{GridBuilder, ReadFailure, from_data_ref};
use super::{Source, links};

/// One sheet read from an `.xlsx`.
pub(super) struct XlsxRead {
    pub grid: SheetGrid,
    pub facts: Option<SheetFacts>,
    /// Cells whose value could not be read.
    pub malformed: Vec<MalformedCell>,
    /// Cells whose formula refers to another workbook.
    pub linked: Vec<(u32, u32)>,
}

/// Whether an error of calamine's cell reader concerns one cell's value (the reader can go on).
fn one_cell(e: &XlsxError) -> bool {
    !matches!(e, XlsxError::Io(_) | XlsxError::Zip(_) | XlsxError::Xml(_) | XlsxError::XmlEof(_))
}

/// Reads an xlsx sheet's cells; `part` is the sheet's XML (for merged cells, hidden rows and
/// columns, and to locate malformed cells), when it could be found.
pub(super) fn read_xlsx(
    x: &mut calamine::Xlsx<Source<'_>>,
    part: Option<&[u8]>,
    name: &str,
) -> Result<XlsxRead, ReadFailure> {
    let mut builder = GridBuilder::new(name);
    // (index of the `<c>` element, where it would be without an address, the reader's message)
    let mut bad: Vec<(usize, (u32, u32))> = Vec::new();
    let mut linked = Vec::new();
    let mut linked_shared = std::collections::HashSet::new();
    {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| ReadFailure::Reader(e.to_string()))?;
        let mut index = 0usize;
        loop {
            match reader.next_cell_with_formula_metadata() {
                Ok(Some(rec)) => {
                    index += 1;
                    let external = match &rec.formula {
                        Some(XlsxFormulaMetadata::Normal { formula }) => links::is_external_formula(formula),
                        Some(XlsxFormulaMetadata::Shared { shared_index, formula, .. }) => {
                            let ext = links::is_external_formula(formula);
                            if ext {
                                linked_shared.insert(*shared_index);
                            }
                            ext
                        }
                        Some(XlsxFormulaMetadata::SharedDerived { shared_index }) => {
                            !linked_shared.is_empty() && linked_shared.contains(shared_index)
                        }
                        _ => false,
                    };
                    if external {
                        linked.push(rec.pos);
                    }
                    builder.push(rec.pos.0, rec.pos.1, from_data_ref(rec.value), rec.formula.is_some())?;
                }
                Ok(None) => break,
                Err(e) if one_cell(&e) && bad.len() < MAX_MALFORMED_CELLS => {
                    bad.push((index, builder.next_position()));
                    index += 1;
                }
                Err(e) => return Err(ReadFailure::Reader(e.to_string())),
            }
        }
    }
    // Merged regions and hidden rows and columns are in the sheet's XML: one inflate for both.
    let merged = match part.and_then(merges::merged_regions_in_part) {
        Some(regions) => regions,
        None => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
    };
    let facts = part.map(super::super::facts::xlsx_facts_in_part);
    let malformed = locate(part, &bad);
    Ok(XlsxRead { grid: builder.finish(&merged), facts, malformed, linked })
}

/// The malformed cells' addresses and values, from the sheet's part: the n-th `<c>` element of
/// `<sheetData>`. Without the part (or an address), where the reader was.
fn locate(part: Option<&[u8]>, bad: &[(usize, (u32, u32))]) -> Vec<MalformedCell> {
    let unknown = |(row, col): (u32, u32)| MalformedCell { row, col, value: String::new(), kind: String::new() };
    let Some(xml) = part.filter(|_| !bad.is_empty()) else {
        return bad.iter().map(|&(_, at)| unknown(at)).collect();
    };
    let start = merges::tag_positions(xml, "sheetData").next().unwrap_or(0);
    let body = xml.get(start..).unwrap_or(&[]);
    let mut cells = merges::tag_positions(body, "c");
    let mut at = 0usize;
    let mut out = Vec::new();
    for &(index, guess) in bad {
        let Some(pos) = cells.nth(index.saturating_sub(at)) else {
            out.push(unknown(guess));
            continue;
        };
        at = index + 1;
        let rest = body.get(pos..).unwrap_or(&[]);
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = rest.get(1..tag_end).unwrap_or(&[]);
        let (row, col) = merges::attr(tag, "r").and_then(merges::parse_cell).unwrap_or(guess);
        let kind = merges::attr(tag, "t").unwrap_or("n");
        // The stored value: the text of the cell's `<v>` (the cell ends at its first `</`).
        let inside = rest.get(tag_end + 1..).unwrap_or(&[]);
        let inside = inside.get(..memchr::memmem::find(inside, b"</").unwrap_or(0)).unwrap_or(&[]);
        let value = memchr::memrchr(b'>', inside).and_then(|i| inside.get(i + 1..)).unwrap_or(inside);
        let value = crate::text::clip(String::from_utf8_lossy(value).trim(), 40);
        out.push(MalformedCell { row, col, value, kind: kind.chars().take(8).collect() });
    }
    out
}

/// Reads an xlsb sheet's cells, past records whose value cannot be read (their place is where
/// the reader was: xlsb gives no address with the error).
pub(super) fn read_xlsb(
    x: &mut calamine::Xlsb<Source<'_>>,
    name: &str,
) -> Result<(SheetGrid, Vec<MalformedCell>), ReadFailure> {
    let mut builder = GridBuilder::new(name);
    let mut bad = Vec::new();
    let mut reader = x.worksheet_cells_reader(name).map_err(|e| ReadFailure::Reader(e.to_string()))?;
    loop {
        match reader.next_cell() {
            Ok(Some(cell)) => {
                let (row, col) = cell.get_position();
                builder.push(row, col, from_data_ref(cell.get_value().clone()), false)?;
            }
            Ok(None) => break,
            Err(calamine::XlsbError::CellError(_) | calamine::XlsbError::Unrecognized { .. })
                if bad.len() < MAX_MALFORMED_CELLS =>
            {
                let (row, col) = builder.next_position();
                bad.push(MalformedCell { row, col, value: String::new(), kind: String::new() });
            }
            Err(e) => return Err(ReadFailure::Reader(e.to_string())),
        }
    }
    Ok((builder.finish(&[]), bad))
}
