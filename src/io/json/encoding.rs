//! From a file's bytes to a draft's text: UTF-8 with or without its byte order mark, UTF-16
//! (as Windows Notepad saves "Unicode"), and a clear word for an empty file or another encoding,
//! instead of being sent to the spreadsheet import ("save as .xlsx").

use std::borrow::Cow;

use super::LoadError;
use crate::locale::{Lang, format_decimal};
use crate::model::limits::MAX_DRAFT_BYTES;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How the bytes of a text file are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// NUL bytes that are not UTF-16's pattern (UTF-32, or not text at all).
    Other,
}

/// The encoding of `bytes` and the length of its byte order mark.
fn sniff(bytes: &[u8]) -> (Encoding, usize) {
    if bytes.starts_with(UTF8_BOM) {
        return (Encoding::Utf8, 3);
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return (Encoding::Other, 0);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (Encoding::Utf16Le, 2);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (Encoding::Utf16Be, 2);
    }
    // No mark: JSON is mostly ASCII, so UTF-16 has a NUL in every other byte.
    let head = bytes.get(..64).unwrap_or(bytes);
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    match (nul_at(0), nul_at(1)) {
        (0, 0) => (Encoding::Utf8, 0),
        (0, _) => (Encoding::Utf16Le, 0),
        (_, 0) => (Encoding::Utf16Be, 0),
        _ => (Encoding::Other, 0),
    }
}

/// The UTF-16 code units of `body` (a last odd byte is left out).
fn units(body: &[u8], encoding: Encoding) -> impl Iterator<Item = u16> + '_ {
    body.chunks_exact(2).map(move |c| {
        let pair: [u8; 2] = c.try_into().unwrap_or_default();
        if encoding == Encoding::Utf16Le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
    })
}

/// Whether a picked file is a JSON draft (to be read by [`from_json_bytes`]) rather than a
/// spreadsheet: by its content (`{` or `[` first, in UTF-8 or UTF-16), or by its name (`.json`)
/// unless its content is a workbook's (a zip package or an OLE2 compound file).
pub fn is_draft_file(name: &str, bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return false;
    }
    if name.trim().to_lowercase().ends_with(".json") {
        return true;
    }
    let (encoding, bom) = sniff(bytes);
    let body = bytes.get(bom..).unwrap_or_default();
    let first = match encoding {
        Encoding::Utf8 => body.iter().find(|b| !b.is_ascii_whitespace()).copied(),
        Encoding::Utf16Le | Encoding::Utf16Be => units(body, encoding)
            .find(|&u| !(u < 0x80 && (u as u8).is_ascii_whitespace()))
            .and_then(|u| u8::try_from(u).ok()),
        Encoding::Other => None,
    };
    matches!(first, Some(b'{' | b'['))
}

/// The text of a draft file: UTF-8 (its byte order mark dropped) or UTF-16 decoded. An empty
/// file, invalid UTF-8 or UTF-16, or another encoding is refused with what to do.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, LoadError> {
    // UTF-16 takes two bytes for each character of ASCII.
    if bytes.len() > 2 * MAX_DRAFT_BYTES {
        let mb = bytes.len() / 1_048_576;
        let limit = MAX_DRAFT_BYTES / 1_048_576;
        return Err(LoadError::new(
            "$",
            crate::text!(
                "Tệp quá lớn ({mb} MB); giới hạn là {limit} MB.",
                "The file is too large ({mb} MB); the limit is {limit} MB."
            ),
        ));
    }
    let (encoding, bom) = sniff(bytes);
    let body = bytes.get(bom..).unwrap_or_default();
    let text: Cow<'_, str> = match encoding {
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) => {
                let at = e.valid_up_to() + bom;
                return Err(LoadError::new(
                    "$",
                    crate::locale::Text::new(
                        format!(
                            "Tệp không phải văn bản UTF-8 (byte thứ {} không hợp lệ): có lẽ được lưu bằng một bảng mã cũ (TCVN3, VNI, Windows-1258). Hãy mở tệp bằng một trình soạn thảo văn bản và lưu lại với bảng mã UTF-8.",
                            format_decimal((at + 1).into(), Lang::Vi)
                        ),
                        format!(
                            "The file is not UTF-8 text (byte {} is invalid): it was probably saved in a legacy encoding (TCVN3, VNI, Windows-1258). Open it in a text editor and save it with the UTF-8 encoding.",
                            format_decimal((at + 1).into(), Lang::En)
                        ),
                    ),
                ));
            }
        },
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let decoded: Result<String, _> = char::decode_utf16(units(body, encoding)).collect();
            match decoded {
                Ok(text) if body.len() % 2 == 0 => Cow::Owned(text),
                _ => {
                    return Err(LoadError::new(
                        "$",
                        crate::locale::Text::fixed(
                            "Tệp có vẻ là văn bản UTF-16 (Unicode) nhưng bị hỏng hoặc bị cắt cụt. Hãy xuất lại bản nháp từ kehoach, hoặc mở tệp bằng một trình soạn thảo văn bản và lưu lại với bảng mã UTF-8.",
                            "The file looks like UTF-16 (Unicode) text but is damaged or cut short. Export the draft from kehoach again, or open it in a text editor and save it with the UTF-8 encoding.",
                        ),
                    ));
                }
            }
        }
        Encoding::Other => {
            return Err(LoadError::new(
                "$",
                crate::locale::Text::fixed(
                    "Tệp chứa các byte 0: không phải văn bản UTF-8 hay UTF-16, nên không phải một bản nháp JSON. Hãy mở tệp bằng một trình soạn thảo văn bản và lưu lại với bảng mã UTF-8.",
                    "The file holds zero bytes: it is neither UTF-8 nor UTF-16 text, so not a JSON draft. Open it in a text editor and save it with the UTF-8 encoding.",
                ),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(empty_draft());
    }
    Ok(text)
}

/// An empty (or blank) draft file.
pub(super) fn empty_draft() -> LoadError {
    LoadError::new(
        "$",
        crate::locale::Text::fixed(
            "Tệp bản nháp trống: không có nội dung JSON nào. Hãy chọn lại tệp .json đã xuất từ kehoach.",
            "The draft file is empty: it holds no JSON. Choose the .json file exported from kehoach again.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend(if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        out
    }

    #[test]
    fn reads_utf8_and_utf16_with_or_without_a_mark() {
        let text = "{\"title\": \"Kế hoạch\"}";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        assert_eq!(decode(&[UTF8_BOM, text.as_bytes()].concat()).unwrap(), text);
        for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
            let bytes = utf16(text, le, bom);
            assert_eq!(decode(&bytes).unwrap(), text, "le {le}, bom {bom}");
            assert!(is_draft_file("draft.txt", &bytes), "le {le}, bom {bom}");
        }
    }

    #[test]
    fn tells_drafts_from_workbooks() {
        assert!(is_draft_file("a.json", b""));
        assert!(is_draft_file("A.JSON", b"  "));
        assert!(is_draft_file("draft", b" \n{}"));
        assert!(is_draft_file("draft", b"\xEF\xBB\xBF[1]"));
        assert!(!is_draft_file("draft.json", b"PK\x03\x04rest"));
        assert!(!is_draft_file("sheet.xlsx", b"PK\x03\x04rest"));
        assert!(!is_draft_file("sheet.xls", b""));
        assert!(!is_draft_file("sheet.csv", b"a,b"));
    }

    #[test]
    fn refuses_empty_files_and_other_encodings_clearly() {
        for empty in [&b""[..], b"   \n", UTF8_BOM, b"\xFF\xFE", b"\xFF\xFE \x00"] {
            let e = decode(empty).unwrap_err();
            assert!(e.text.get(Lang::En).starts_with("The draft file is empty"), "{empty:?}: {e:?}");
        }
        let e = decode(b"{\"title\": \"K\xea ho\xe1ch\"}").unwrap_err();
        assert!(e.text.get(Lang::En).contains("not UTF-8 text (byte 13 is invalid)"), "{e:?}");
        let e = decode(&utf16("{}", true, true)[..5]).unwrap_err();
        assert!(e.text.get(Lang::Vi).contains("UTF-16"), "{e:?}");
        let e = decode(b"\xFF\xFE\x00\x00{\x00\x00\x00").unwrap_err();
        assert!(e.text.get(Lang::En).contains("neither UTF-8 nor UTF-16"), "{e:?}");
        for e in [decode(b"").unwrap_err(), decode(b"\xC0").unwrap_err()] {
            assert!(!e.text.get(Lang::En).contains("xlsx") && !e.text.get(Lang::Vi).contains("xlsx"), "{e:?}");
        }
    }
}
