//! Telling a file's format by its content (magic bytes and container entries), never by its name.

use super::error::{FileKind, Format, ImportError};

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A spreadsheet format calamine reads.
    Spreadsheet(Format),
    /// A document whose tables are read ([`Format::Docx`]).
    Document(Format),
}

const ZIP_LOCAL: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells the format of `bytes`, or why they cannot be a spreadsheet.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Sniffed, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    if bytes.starts_with(ZIP_LOCAL) || bytes.starts_with(ZIP_EMPTY) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE2) {
        return sniff_ole2(bytes);
    }
    Err(ImportError::NotASpreadsheet { found: guess_other(bytes) })
}

/// A zip container: OOXML (xlsx, xlsm, xlsb), OpenDocument, or something else.
fn sniff_zip(bytes: &[u8]) -> Result<Sniffed, ImportError> {
    let Some(names) = central_directory_names(bytes) else {
        // The directory sits at the end of a zip: without it the file was cut short. Tell what it
        // would have been from the local headers at the front, for the message.
        let format =
            local_header_names(bytes).and_then(|names| classify_zip(&names, bytes).ok()).unwrap_or(Format::Xlsx);
        return Err(ImportError::Damaged { format, detail: "zip central directory missing (file truncated)".into() });
    };
    classify_zip(&names, bytes)
        .map(|format| match format {
            Format::Docx => Sniffed::Document(format),
            _ => Sniffed::Spreadsheet(format),
        })
        .map_err(|found| ImportError::NotASpreadsheet { found })
}

fn classify_zip(names: &[String], bytes: &[u8]) -> Result<Format, FileKind> {
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if names.iter().any(|n| {
        let l = n.to_ascii_lowercase();
        l.starts_with("xl/") && l.ends_with("workbook.xml") && !l.contains("/_rels/")
    }) {
        return Ok(if has("xl/vbaProject.bin") { Format::Xlsm } else { Format::Xlsx });
    }
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("ppt/presentation.xml") {
        return Err(FileKind::Presentation);
    }
    if has("mimetype") || has("content.xml") {
        // OpenDocument stores its media type uncompressed at the front of the file.
        let head = bytes.get(..bytes.len().min(512)).unwrap_or(&[]);
        if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if contains(head, b"application/vnd.oasis.opendocument") {
            return Err(FileKind::OtherOpenDocument);
        }
        if has("content.xml") {
            return Ok(Format::Ods);
        }
    }
    Err(FileKind::Unknown)
}

/// An OLE2 compound file: Excel 97–2003, an encrypted OOXML package, or another Office document.
/// Anything not encrypted is handed to the `.xls` reader; [`ole2_failure`] explains a failure.
fn sniff_ole2(bytes: &[u8]) -> Result<Sniffed, ImportError> {
    // Directory entry names are UTF-16LE; an encrypted OOXML package holds these two streams.
    if contains(bytes, &utf16("EncryptedPackage")) || contains(bytes, &utf16("EncryptionInfo")) {
        return Err(ImportError::Encrypted);
    }
    Ok(Sniffed::Spreadsheet(Format::Xls))
}

/// Why an OLE2 file the `.xls` reader refused is not an `.xls`: another Office document, or a
/// damaged workbook.
pub(crate) fn ole2_failure(bytes: &[u8], detail: String) -> ImportError {
    if contains(bytes, &utf16("WordDocument")) {
        ImportError::NotASpreadsheet { found: FileKind::Word }
    } else if contains(bytes, &utf16("PowerPoint Document")) {
        ImportError::NotASpreadsheet { found: FileKind::Presentation }
    } else if contains(bytes, &utf16("Workbook")) || contains(bytes, &utf16("Book")) || bytes.len() < 4096 {
        ImportError::Damaged { format: Format::Xls, detail }
    } else {
        ImportError::NotASpreadsheet { found: FileKind::Unknown }
    }
}

/// What a non-container file looks like.
fn guess_other(bytes: &[u8]) -> FileKind {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let head_trimmed: Vec<u8> = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    if bytes.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if head_trimmed.starts_with(b"<!doctype html")
        || head_trimmed.starts_with(b"<html")
        || contains(&head_trimmed, b"<table")
        || contains(&head_trimmed, b"urn:schemas-microsoft-com:office:excel")
    {
        FileKind::Html
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xFF\xD8\xFF") || bytes.starts_with(b"GIF8") {
        FileKind::Image
    } else if std::str::from_utf8(head).is_ok() && !head.contains(&0) {
        FileKind::Text
    } else {
        FileKind::Unknown
    }
}

/// Names listed in the zip's central directory, or `None` when it is missing or cut.
fn central_directory_names(bytes: &[u8]) -> Option<Vec<String>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const MAX_ENTRIES: usize = 100_000;
    // The end record is 22 bytes plus a comment of at most 65,535 bytes.
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(search_from..)?;
    let pos = search_from + rfind(tail, EOCD)?;
    let total = u16_at(bytes, pos + 10)? as usize;
    let mut offset = u32_at(bytes, pos + 16)? as u64;
    if offset == 0xFFFF_FFFF {
        // Zip64: the locator just before the end record points at the zip64 end record.
        let locator = pos.checked_sub(20)?;
        if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
            return None;
        }
        let eocd64 = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
        if bytes.get(eocd64..eocd64 + 4)? != b"PK\x06\x06" {
            return None;
        }
        offset = u64_at(bytes, eocd64 + 48)?;
    }
    let mut at = usize::try_from(offset).ok()?;
    let mut names = Vec::new();
    while names.len() < total.min(MAX_ENTRIES) {
        if bytes.get(at..at + 4)? != b"PK\x01\x02" {
            return None;
        }
        let name_len = u16_at(bytes, at + 28)? as usize;
        let extra_len = u16_at(bytes, at + 30)? as usize;
        let comment_len = u16_at(bytes, at + 32)? as usize;
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        at = at.checked_add(46 + name_len + extra_len + comment_len)?;
    }
    Some(names)
}

/// Names of the local file headers found walking from the front (for a truncated file).
fn local_header_names(bytes: &[u8]) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut at = 0usize;
    while names.len() < 64 && bytes.get(at..at + 4) == Some(ZIP_LOCAL) {
        let flags = u16_at(bytes, at + 6)?;
        let size = u32_at(bytes, at + 18)? as usize;
        let name_len = u16_at(bytes, at + 26)? as usize;
        let extra_len = u16_at(bytes, at + 28)? as usize;
        let name = bytes.get(at + 30..at + 30 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        if flags & 0x08 != 0 {
            // Sizes follow the data: find the next header by its signature.
            let from = at + 30 + name_len + extra_len;
            // The last header before the cut has no next one: the names so far tell.
            let Some(next) = bytes.get(from..).and_then(|rest| find(rest, ZIP_LOCAL)) else { break };
            at = from + next;
        } else {
            at = at.checked_add(30 + name_len + extra_len + size)?;
        }
    }
    (!names.is_empty()).then_some(names)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(s))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(s))
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(haystack.len());
    }
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_non_spreadsheets() {
        let not = |b: &[u8]| match sniff(b) {
            Err(ImportError::NotASpreadsheet { found }) => Some(found),
            _ => None,
        };
        assert_eq!(not(b"%PDF-1.4\n..."), Some(FileKind::Pdf));
        assert_eq!(not(b"<html><table><tr><td>1</td></tr></table></html>"), Some(FileKind::Html));
        assert_eq!(not(b"Nam;Tuyen truyen\n2013;70\n"), Some(FileKind::Text));
        assert_eq!(not(b"\x89PNG\r\n"), Some(FileKind::Image));
        assert_eq!(sniff(b""), Err(ImportError::EmptyFile));
    }

    #[test]
    fn a_zip_cut_short_is_damaged() {
        let mut b = b"PK\x03\x04".to_vec();
        b.extend_from_slice(&[0; 200]);
        assert!(matches!(sniff(&b), Err(ImportError::Damaged { .. })));
    }

    #[test]
    fn an_encrypted_package_is_encrypted() {
        let mut b = OLE2.to_vec();
        b.extend_from_slice(&[0; 600]);
        b.extend_from_slice(&utf16("EncryptedPackage"));
        assert_eq!(sniff(&b), Err(ImportError::Encrypted));
    }
}
