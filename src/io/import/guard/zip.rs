//! The zip package of an `.xlsx`, `.xlsm`, `.xlsb` or `.ods`, checked from its central directory
//! before a reader unpacks anything.
//!
//! The `zip` crate (9.x) stops every read at the unpacked size the central directory declares
//! (`Crc32Reader::with_size_limit`: a part inflating beyond it is an error after one byte more),
//! and calamine reads parts only through it. So the declared sizes bound what is inflated, and
//! checking them here is enough: no part needs to be inflated to learn its real size. Packed sizes
//! are taken at most as large as the file (a directory may claim anything).
//!
//! The shared strings part is the exception: calamine reads it whole when the workbook is opened
//! and reserves room for the count it declares (`uniqueCount`), so it is streamed once here,
//! counting its strings and stopping at [`MAX_SHARED_STRINGS`]. So is an OpenDocument
//! `content.xml`, whose repeated rows and columns calamine writes out (`ods.rs`).

use std::io::{Cursor, Read};

use super::super::error::{Format, ImportError, Unpacked};
use super::super::limits::{
    MAX_PACKING_RATIO, MAX_PART_BYTES, MAX_SHARED_STRINGS, MAX_SHEET_PART_BYTES, MAX_UNPACKED_BYTES,
    RATIO_CHECKED_FROM_BYTES,
};
use super::super::merges::{self, Package};

/// Opens the package's central directory and checks every part's declared sizes against the
/// limits, then counts the shared strings. The archive is handed back for the sheets' own scans.
pub(crate) fn check_package(bytes: &[u8], format: Format) -> Result<Package<'_>, ImportError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Damaged { format, detail: e.to_string() })?;
    let file_len = bytes.len() as u64;
    let (mut total, mut packed_total) = (0u64, 0u64);
    let mut strings_part = None;
    let mut refused: Option<(String, u64, u64, Unpacked)> = None;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else { continue };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let (size, packed) = (entry.size(), entry.compressed_size().min(file_len));
        total = total.saturating_add(size);
        packed_total = packed_total.saturating_add(packed);
        if refused.is_none() {
            refused = part_limit(&name, format)
                .filter(|&limit| size > limit)
                .map(Unpacked::PartSize)
                .or_else(|| too_tight(size, packed).then_some(Unpacked::PartRatio))
                .map(|limit| (name.clone(), size, packed, limit));
        }
        if is_shared_strings(&name) {
            strings_part = Some(name);
        }
    }
    if let Some((part, bytes, packed, limit)) = refused {
        let sheet = sheet_of_part(&mut zip, &part, format);
        return Err(ImportError::UnpackedTooLarge { part: Some(part), sheet, bytes, packed, limit });
    }
    let packed_total = packed_total.min(file_len);
    let whole = if total > MAX_UNPACKED_BYTES {
        Some(Unpacked::TotalSize(MAX_UNPACKED_BYTES))
    } else {
        too_tight(total, packed_total).then_some(Unpacked::TotalRatio)
    };
    if let Some(limit) = whole {
        return Err(ImportError::UnpackedTooLarge {
            part: None,
            sheet: None,
            bytes: total,
            packed: packed_total,
            limit,
        });
    }
    if let Some(part) = strings_part
        && matches!(format, Format::Xlsx | Format::Xlsm)
    {
        count_shared_strings(&mut zip, &part)?;
    }
    if format == Format::Ods {
        super::ods::check_content(&mut zip)?;
    }
    Ok(zip)
}

/// The size limit of a part a reader parses; `None` for parts no reader opens (pictures,
/// embedded objects), which count only in the total.
fn part_limit(name: &str, format: Format) -> Option<u64> {
    let lower = name.to_ascii_lowercase();
    let sheet = match format {
        Format::Ods => lower == "content.xml",
        Format::Docx => lower == "word/document.xml",
        _ => lower.contains("worksheets/"),
    };
    if sheet {
        Some(MAX_SHEET_PART_BYTES)
    } else if [".xml", ".rels", ".bin"].iter().any(|e| lower.ends_with(e)) && !lower.contains("embeddings/") {
        Some(MAX_PART_BYTES)
    } else {
        None
    }
}

/// Whether `size` unpacked from `packed` is tighter than any spreadsheet packs.
fn too_tight(size: u64, packed: u64) -> bool {
    size > RATIO_CHECKED_FROM_BYTES && size > packed.saturating_mul(MAX_PACKING_RATIO)
}

fn is_shared_strings(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sharedstrings.xml")
}

/// The sheet whose part is `part`, for the message (the whole workbook of an `.ods`).
fn sheet_of_part(zip: &mut Package<'_>, part: &str, format: Format) -> Option<String> {
    if matches!(format, Format::Ods | Format::Docx) {
        return None;
    }
    let paths = merges::sheet_paths(zip)?;
    paths.into_iter().find(|(_, path)| path.eq_ignore_ascii_case(part)).map(|(name, _)| name)
}

/// Streams the shared strings part, refusing a declared count (`uniqueCount`, `count`) or a
/// number of `<si>` elements beyond [`MAX_SHARED_STRINGS`]: stops at the first string too many.
fn count_shared_strings(zip: &mut Package<'_>, part: &str) -> Result<(), ImportError> {
    const CHUNK: usize = 64 * 1024;
    /// Bytes kept from the previous chunk: a tag name with its prefix (`<x:si `) fits.
    const CARRY: usize = 64;
    let Ok(mut file) = zip.by_name(part) else { return Ok(()) };
    let mut buf = vec![0u8; CARRY + CHUNK];
    let (mut carry, mut count, mut first) = (0usize, 0u64, true);
    while let Some(space) = buf.get_mut(carry..) {
        let n = match file.read(space) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let Some(window) = buf.get(..carry + n) else { break };
        if first {
            first = false;
            let declared = merges::tags(window, "sst")
                .next()
                .into_iter()
                .flat_map(|t| [merges::attr(t, "uniqueCount"), merges::attr(t, "count")])
                .flatten()
                .filter_map(|v| v.trim().parse::<u64>().ok())
                .max();
            if let Some(declared) = declared.filter(|&d| d > MAX_SHARED_STRINGS) {
                return Err(ImportError::TooManyStrings { count: declared, limit: MAX_SHARED_STRINGS });
            }
        }
        // A tag is counted once it can be told complete (a byte after its name); those that
        // could be told in the previous window end before the carry's last three bytes.
        for _ in merges::tag_positions(window, "si").filter(|&at| at + 3 > carry) {
            count += 1;
            if count > MAX_SHARED_STRINGS {
                return Err(ImportError::TooManyStrings { count, limit: MAX_SHARED_STRINGS });
            }
        }
        let len = window.len();
        let keep = len.min(CARRY);
        buf.copy_within(len - keep..len, 0);
        carry = keep;
    }
    Ok(())
}
