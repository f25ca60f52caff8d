//! Facts read from files written for the purpose and from hostile bytes.

use std::io::Write;

use calamine::Reader;

use std::io::Cursor;

use super::xls::*;
use super::*;
use crate::io::import::limits::MAX_FILE_BYTES;

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
