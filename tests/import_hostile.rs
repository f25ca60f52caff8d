//! Issue 14, the import side: nothing bricks, freezes or leaks. Hostile workbooks made in the test
//! (zip bombs, thousands of sheets, a stale `<dimension>`, dates and malformed cells where amounts
//! belong, links to other workbooks, damaged `.xls` records): each is refused within a second with
//! a message naming the place and the sizes, or read with a warning at its cell.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/package.rs"]
mod package;

use std::time::{Duration, Instant};

use kehoach::diagnostic::{Diagnostic, Severity};
use kehoach::engine::Totals;
use kehoach::io::import::{
    Format, ImportError, ImportOptions, ImportResult, SizeLimit, Unpacked, import, open_workbook,
};
use kehoach::locale::{Lang, Message};
use package::{Deflate, Part, sheet_xml, table_rows, workbook_parts, zip};
use rust_decimal_macros::dec;

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

/// Runs `f`, asserting it takes less than `limit` (a debug build: natively the release is ~10×
/// faster).
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < limit, "{what} took {took:?}");
    out
}

fn refusal(bytes: &[u8]) -> ImportError {
    within(Duration::from_secs(1), "refusal", || open_workbook(bytes).map(|_| ()).expect_err("refused"))
}

/// An xlsx of one sheet "Kinh phí" whose part is `sheet`.
fn one_sheet(sheet: Part) -> Vec<u8> {
    let mut parts = workbook_parts(&["Kinh phí"], &["worksheets/sheet1.xml"], "");
    parts.push(sheet);
    zip(&parts)
}

/// A sheet part of `<row>`s repeated to `size` bytes, deflated (about 150 times smaller).
fn bomb(name: &str, size: u64) -> Part {
    let head = sheet_xml("", "");
    let (open, close) = head.split_at(head.len() - "</sheetData></worksheet>".len());
    let unit = b"<row/>";
    let times = (size - head.len() as u64).div_ceil(unit.len() as u64);
    let (data, inflated) = Deflate::new().literal(open).repeat(unit, times).literal(close).finish();
    Part::deflated(name, data, inflated)
}

#[test]
fn a_sheet_that_unpacks_to_a_gigabyte_is_refused_from_the_directory() {
    let bytes = one_sheet(bomb("xl/worksheets/sheet1.xml", GIB));
    assert!(bytes.len() < 8 << 20, "{}", bytes.len());
    let e = refusal(&bytes);
    assert!(
        matches!(&e, ImportError::UnpackedTooLarge { part: Some(p), sheet: Some(s), limit: Unpacked::PartSize(_), .. }
            if p == "xl/worksheets/sheet1.xml" && s == "Kinh phí"),
        "{e:?}"
    );
    assert_eq!(e.code(), "unpacked_too_large");
    assert!(
        e.text(Lang::Vi).starts_with(
            "Phần «xl/worksheets/sheet1.xml» của tệp (trang «Kinh phí») sẽ nặng 1,0 GB khi giải nén; giới hạn là 256 MB."
        ),
        "{}",
        e.text(Lang::Vi)
    );
    assert!(
        e.text(Lang::En).starts_with(
            "Part 'xl/worksheets/sheet1.xml' of the file (sheet 'Kinh phí') would be 1.0 GB once unpacked; the limit is 256 MB."
        ),
        "{}",
        e.text(Lang::En)
    );
    // The whole import too, and the worker's reply.
    assert_eq!(import(&bytes, &ImportOptions::default()).expect_err("refused").code(), "unpacked_too_large");
}

#[test]
fn parts_packed_tighter_than_spreadsheets_are_refused() {
    // 40 MB of sheet from 270 KB: under the size limit, but 150 times smaller packed.
    let e = refusal(&one_sheet(bomb("xl/worksheets/sheet1.xml", 40 * MIB)));
    assert!(matches!(e, ImportError::UnpackedTooLarge { limit: Unpacked::PartRatio, .. }), "{e:?}");
    assert!(e.text(Lang::En).contains("real spreadsheets pack at most about 100 times"), "{}", e.text(Lang::En));
    // Several parts of 15 MB, each under the ratio's threshold, together 150 times the file.
    let mut parts = workbook_parts(&["A", "B", "C"], &["worksheets/a.xml", "worksheets/b.xml", "worksheets/c.xml"], "");
    for name in ["a", "b", "c"] {
        parts.push(bomb(&format!("xl/worksheets/{name}.xml"), 15 * MIB));
    }
    let e = refusal(&zip(&parts));
    assert!(matches!(e, ImportError::UnpackedTooLarge { part: None, limit: Unpacked::TotalRatio, .. }), "{e:?}");
    assert!(e.text(Lang::Vi).starts_with("Tệp sẽ nặng 45 MB khi giải nén"), "{}", e.text(Lang::Vi));
}

/// A shared strings part of `count` strings `<si><t>NNNNNN</t></si>`, each number different (so
/// that it packs like real text), declaring `declared` strings.
fn shared_strings(count: u64, declared: u64) -> Part {
    let head = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{declared}" uniqueCount="{declared}">"#
    );
    let mut d = Deflate::new();
    d.literal(head.as_bytes());
    d.literal(b"<si><t>000000</t></si>");
    for i in 1..count {
        d.copy(7, 22);
        d.literal(format!("{:06}", i % 1_000_000).as_bytes());
        d.copy(9, 22);
    }
    let (data, size) = d.literal(b"</sst>").finish();
    Part::deflated("xl/sharedStrings.xml", data, size)
}

#[test]
fn shared_strings_are_counted_while_unpacked() {
    let strings = |part: Part| {
        let rel = r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#;
        let mut parts = workbook_parts(&["Kinh phí"], &["worksheets/sheet1.xml"], rel);
        parts.push(Part::stored("xl/worksheets/sheet1.xml", &sheet_xml("", &table_rows(&|_| None))));
        parts.push(part);
        zip(&parts)
    };
    // A declared count calamine would reserve room for.
    let e = refusal(&strings(shared_strings(3, 1_000_000_000_000)));
    assert_eq!(e, ImportError::TooManyStrings { count: 1_000_000_000_000, limit: 2_000_000 });
    assert_eq!(e.code(), "too_many_strings");
    // 2.1 million strings declaring 3: stopped at the first string too many (47 MB unpacked).
    let bytes = strings(shared_strings(2_100_000, 3));
    let e = within(Duration::from_secs(5), "counting strings", || open_workbook(&bytes).expect_err("refused"));
    assert_eq!(e, ImportError::TooManyStrings { count: 2_000_001, limit: 2_000_000 });
    assert!(e.text(Lang::Vi).contains("vượt giới hạn 2000000"), "{}", e.text(Lang::Vi));
    // A real table of strings passes.
    assert!(open_workbook(&strings(shared_strings(1_000, 1_000))).is_ok());
}

#[test]
fn a_directory_that_understates_a_part_stops_its_inflation() {
    // The directory says 2 KB; the part inflates to 1 GB. The zip reader stops one byte after
    // what was declared: nothing is unpacked beyond it.
    let mut sheet = bomb("xl/worksheets/sheet1.xml", GIB);
    sheet.size = 2048;
    let bytes = one_sheet(sheet);
    let e = within(Duration::from_secs(1), "understated part", || import(&bytes, &ImportOptions::default()))
        .expect_err("refused");
    assert!(matches!(e, ImportError::Damaged { format: Format::Xlsx, .. } | ImportError::NoWorksheet), "{e:?}");
}

/// An xlsx of `n` sheets all stored in the one part of a small table (51 KB for 10,000).
fn many_sheets(n: usize) -> Vec<u8> {
    let names: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let targets = vec!["worksheets/sheet1.xml"; n];
    let mut parts = workbook_parts(&names, &targets, "");
    parts.push(Part::stored("xl/worksheets/sheet1.xml", &sheet_xml("", &table_rows(&|_| None))));
    zip(&parts)
}

#[test]
fn a_workbook_of_ten_thousand_sheets_is_refused_at_once() {
    let e = refusal(&many_sheets(10_000));
    assert_eq!(e, ImportError::TooManySheets { count: 10_000, limit: 1_000 });
    assert_eq!(e.code(), "too_many_sheets");
    assert_eq!(
        e.text(Lang::Vi),
        "Sổ làm việc có 10000 trang tính, vượt giới hạn 1000 trang. Hãy chép trang có bảng kinh phí sang một tệp mới rồi nhập tệp đó."
    );
    // A thousand are listed without reading their cells, and the first table is imported.
    let bytes = many_sheets(1_000);
    let r =
        within(Duration::from_secs(20), "1,000 sheets", || import(&bytes, &ImportOptions::default())).expect("imports");
    assert_eq!(r.recognised.sheet, "S0");
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(1410));
}

fn warnings(r: &ImportResult) -> Vec<(&str, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.code != "unit_unknown")
        .map(|d| (d.code.as_ref(), d.location.to_string()))
        .collect()
}

fn find<'r>(r: &'r ImportResult, code: &str) -> &'r Diagnostic {
    r.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{code}: {:#?}", r.diagnostics))
}

#[test]
fn a_stale_dimension_refuses_nothing() {
    let bytes = one_sheet(Part::stored(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<dimension ref="A1:XFD1048576"/>"#, &table_rows(&|_| None)),
    ));
    let wb = open_workbook(&bytes).expect("opens");
    assert_eq!((wb.sheets()[0].rows, wb.sheets()[0].cols), (1_048_576, 16_384), "as declared");
    let grid = wb.sheet("Kinh phí").expect("read");
    assert_eq!((grid.rows(), grid.cols()), (5, 3));
    let r = import(&bytes, &ImportOptions::default()).expect("imports");
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(1410));
}

#[test]
fn a_truly_oversized_sheet_names_its_real_extent() {
    let rows = format!(r#"{}<row r="50001"><c r="B50001"><v>1</v></c></row>"#, table_rows(&|_| None));
    let bytes = one_sheet(Part::stored("xl/worksheets/sheet1.xml", &sheet_xml(r#"<dimension ref="A1"/>"#, &rows)));
    let e = open_workbook(&bytes).expect("opens").sheet("Kinh phí").expect_err("refused");
    assert!(matches!(&e, ImportError::SheetTooLarge { limit: SizeLimit::Rows, extent, .. } if extent == "A1:C50001"));
    assert!(e.text(Lang::Vi).contains("Các ô có giá trị trải từ A1 đến C50001."), "{}", e.text(Lang::Vi));
    assert!(e.text(Lang::En).contains("Its cells with values reach from A1 to C50001."), "{}", e.text(Lang::En));
}

#[test]
fn a_malformed_cell_is_a_warning_at_its_cell() {
    for (xml, value) in [
        (r#"<c r="B4" t="b"><v>2</v></c>"#, "«2» ghi là giá trị logic (TRUE/FALSE)"),
        (r#"<c r="B4" t="n"><v>7O</v></c>"#, "«7O» ghi là số"),
        (r#"<c r="B4" t="s"><v>99</v></c>"#, "«99» ghi là số thứ tự của một chuỗi dùng chung"),
        (r#"<c r="B4" t="x"><v>1</v></c>"#, "«1»"),
    ] {
        let rows = table_rows(&|r| (r == "B4").then(|| xml.to_string()));
        let bytes = one_sheet(Part::stored("xl/worksheets/sheet1.xml", &sheet_xml("", &rows)));
        let r = import(&bytes, &ImportOptions::default()).expect("imports");
        assert_eq!(warnings(&r), [("malformed_cell", "'Kinh phí'!B4".to_string())], "{xml}");
        let d = find(&r, "malformed_cell");
        assert!(d.text.get(Lang::Vi).starts_with(&format!("Ô lưu giá trị {value}")), "{}", d.text.get(Lang::Vi));
        assert!(
            d.text
                .get(Lang::Vi)
                .ends_with("coi là ô trống. Hãy gõ lại ô này trong bảng gốc (hoặc nhập số tiền sau khi nhập).")
        );
        assert!(d.text.get(Lang::En).contains("which cannot be read: taken as empty."), "{}", d.text.get(Lang::En));
        assert_eq!(r.plan.lines[0].amounts.get(&2014), None, "{xml}");
        assert_eq!(Totals::compute(&r.plan).grand(), dec!(1340));
    }
}

#[test]
fn date_cells_in_amount_columns_are_warnings_not_money() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Kinh phí").unwrap();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng").unwrap();
    ws.write_string(1, 0, "Nội dung").unwrap();
    // Years as dates in the header: the first of January names the year, so does a year typed
    // into a date-formatted cell (2015 shows as 07/07/1905).
    ws.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2013, 1, 1).unwrap(), &date).unwrap();
    ws.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2014, 1, 1).unwrap(), &date).unwrap();
    ws.write_number_with_format(1, 3, 2015, &date).unwrap();
    for (r, name) in [(2, "Tuyên truyền"), (3, "Cơ sở vật chất")] {
        ws.write_string(r, 0, name).unwrap();
        for c in 1..=3 {
            ws.write_number(r, c, 100.0 * f64::from(c)).unwrap();
        }
    }
    // An amount that is a date (C4: 01/01/2013, serial 41275).
    ws.write_datetime_with_format(3, 2, ExcelDateTime::from_ymd(2013, 1, 1).unwrap(), &date).unwrap();
    let r = import(&wb.save_to_buffer().unwrap(), &ImportOptions::default()).expect("imports");
    let years: Vec<_> = r.recognised.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2013, 2014, 2015], "{:#?}", r.diagnostics);
    assert_eq!(warnings(&r), [("date_in_number_cell", "'Kinh phí'!C4".to_string())]);
    let d = find(&r, "date_in_number_cell");
    assert_eq!(
        d.text.get(Lang::Vi),
        "Ô là một ngày (01/01/2013), không phải số tiền: bỏ qua. Nếu đó là số tiền, hãy định dạng ô là Số (Number) trong bảng gốc rồi nhập lại."
    );
    assert_eq!(
        d.text.get(Lang::En),
        "The cell is a date (2013-01-01), not an amount: skipped. If it is an amount, format the cell as Number in the original and import again."
    );
    assert_eq!(r.plan.lines[1].amounts.get(&2014), None);
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(1000));
}

#[test]
fn values_linked_to_other_workbooks_are_imported_with_a_notice() {
    let rel = r#"<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>"#;
    let mut parts = workbook_parts(&["Kinh phí"], &["worksheets/sheet1.xml"], rel);
    let rows = table_rows(&|r| match r {
        "B4" => Some(r#"<c r="B4"><f>[1]Sheet1!B2</f><v>70</v></c>"#.into()),
        "C5" => Some(r#"<c r="C5"><f>'[1]Nguồn vốn'!C2*1</f><v>400</v></c>"#.into()),
        "B5" => Some(r#"<c r="B5"><f>SUM(B3:B4)-B3</f><v>70</v></c>"#.into()),
        _ => None,
    });
    parts.push(Part::stored("xl/worksheets/sheet1.xml", &sheet_xml("", &rows)));
    parts.push(Part::stored("xl/externalLinks/externalLink1.xml", br#"<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>"#));
    parts.push(Part::stored("xl/externalLinks/_rels/externalLink1.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/Ke%20hoach/Nguon%20von%202013.xlsx" TargetMode="External"/></Relationships>"#));
    let r = import(&zip(&parts), &ImportOptions::default()).expect("imports");
    assert_eq!(warnings(&r), [("linked_values", "'Kinh phí'!B4".to_string())]);
    let d = find(&r, "linked_values");
    assert_eq!(
        d.text.get(Lang::Vi),
        "2 ô lấy số từ sổ làm việc khác (Nguon von 2013.xlsx), ô đầu tiên là B4: đã nhập các giá trị được lưu lần cuối tệp được mở cùng tệp liên kết, có thể đã cũ. Hãy kiểm tra chúng với tệp gốc."
    );
    assert!(
        d.text
            .get(Lang::En)
            .starts_with("2 cells take their values from other workbooks (Nguon von 2013.xlsx), the first at B4")
    );
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(1410), "the cached values are imported");
}

fn file(path: &str) -> Vec<u8> {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `Workbook` stream of an `.xls` and a function writing a compound file back around it.
fn xls_stream(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    cfb.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
    stream
}

fn xls_file(stream: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut cfb = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/Workbook").unwrap().write_all(stream).unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

/// The offsets of the records of type `typ` at (`row`, `col`) in a BIFF stream.
fn xls_records(stream: &[u8], typ: u16, row: u16, col: u16) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let t = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let body = &stream[at + 4..(at + 4 + len).min(stream.len())];
        if t == typ && body.len() >= 4 && body[..4] == [row.to_le_bytes(), col.to_le_bytes()].concat()[..] {
            out.push(at);
        }
        at += 4 + len;
    }
    out
}

#[test]
fn a_malformed_xls_cell_is_a_warning_and_the_rest_is_read() {
    let mut stream = xls_stream(&file("fixtures/seed_rows.xls"));
    // F7, the 2014 total (=SUM(B7:E7)): its cached result becomes an error of an unknown code.
    let at = xls_records(&stream, 0x0006, 6, 5)[0];
    stream[at + 4 + 6..at + 4 + 14].copy_from_slice(&[0x02, 0, 0x99, 0, 0, 0, 0xFF, 0xFF]);
    let bytes = xls_file(&stream);
    let r =
        within(Duration::from_secs(1), "malformed xls", || import(&bytes, &ImportOptions::default())).expect("imports");
    assert_eq!(warnings(&r), [("malformed_cell", "'Kinh phí'!F7".to_string())]);
    assert_eq!(
        find(&r, "malformed_cell").text.get(Lang::En),
        "The value stored in the cell (an error code) is damaged: taken as empty. Retype the cell in the original (or enter the amount after importing)."
    );
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(5400));
}

#[test]
fn xls_records_that_made_calamine_explode_are_refused_or_neutralised() {
    let damaged = |path: &str, detail: &str| {
        let e = refusal(&file(path));
        assert!(
            matches!(&e, ImportError::Damaged { format: Format::Xls, detail: d } if d.contains(detail)),
            "{path}: {e:?}"
        );
        assert!(e.text(Lang::Vi).starts_with("Tệp .xls bị hỏng"), "{}", e.text(Lang::Vi));
    };
    // A sector chain that loops: calamine read it up to 24 GB, 45 s.
    damaged("fixtures/memory_bomb.xls", "a sector chain of the compound file loops");
    damaged("fuzz/regressions/workbook/xls-cfb-chain-oom-1.xls", "a sector chain of the compound file loops");
    damaged("fuzz/regressions/workbook/xls-cfb-chain-oom-2.xls", "a sector chain of the compound file loops");
    // A DIMENSIONS record of 4 billion rows × 65,535 columns: an abort reserving 11 PB. The record
    // is neutralised; the file is then refused by calamine for a record cut short.
    damaged("fuzz/regressions/workbook/xls-dimensions-reserve-abort.xls", "End of stream");
    // Cells 65,000 columns apart: 2.9 GB of range. The sheet is listed, and refused when read,
    // naming its extent.
    for (path, extent) in [
        ("fuzz/regressions/workbook/xls-65526-columns-2.9gb.xls", "A1:CRXF521"),
        ("fuzz/regressions/workbook/xls-sparse-range-abort.xls", "A1:BLGO35076"),
    ] {
        let bytes = file(path);
        let wb = within(Duration::from_secs(1), path, || open_workbook(&bytes)).expect("opens");
        let name = wb.sheets()[0].name.clone();
        let e = wb.sheet(&name).expect_err("refused");
        assert!(
            matches!(&e, ImportError::SheetTooLarge { limit: SizeLimit::Cells, extent: x, .. } if x == extent),
            "{path}: {e:?}"
        );
    }
}

#[test]
fn a_malformed_xlsb_cell_is_a_warning_where_the_reader_was() {
    use std::io::{Read, Write};
    let original = file("fixtures/seed_rows.xlsb");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(original.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.bin" {
            // B7 (70, a BrtCellReal; B6 before it holds 70 too) becomes a BrtCellError of an
            // unknown code.
            let b = [5u8, 16, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x51, 0x40];
            let at = data.windows(b.len()).enumerate().filter(|(_, w)| *w == b).nth(1).expect("B7").0;
            data[at] = 3;
            data[at + 2 + 8] = 0x99;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let r = import(&bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(warnings(&r), [("malformed_cell", "'Kinh phí'!B7".to_string())]);
    assert_eq!(
        find(&r, "malformed_cell").text.get(Lang::Vi),
        "Giá trị lưu trong ô bị hỏng: coi là ô trống. Hãy gõ lại ô này trong bảng gốc (hoặc nhập số tiền sau khi nhập)."
    );
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(5330));
}

#[test]
fn an_opendocument_sheet_of_repeated_rows_is_refused_before_it_is_written_out() {
    let ods = |rows: u32| {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Kinh phí"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip(&[
            Part::stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            Part::stored("content.xml", content.as_bytes()),
            Part::stored("META-INF/manifest.xml", br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#),
        ])
    };
    // 1 KB asking calamine for a million rows of 99 cells: 3 GB, an abort.
    let bytes = ods(1_000_000);
    assert!(bytes.len() < 1500);
    let e = refusal(&bytes);
    assert!(
        matches!(&e, ImportError::SheetTooLarge { sheet, rows: 1_000_000, cols: 99, limit: SizeLimit::Cells, extent }
            if sheet == "Kinh phí" && extent == "A1:CU1000000"),
        "{e:?}"
    );
    assert!(e.text(Lang::Vi).contains("Các ô có giá trị trải từ A1 đến CU1000000."), "{}", e.text(Lang::Vi));
    // 25,000 such rows are a sheet like others (too large only when read).
    let bytes = ods(25_000);
    let wb = open_workbook(&bytes).expect("opens");
    assert!(matches!(wb.sheet("Kinh phí"), Err(ImportError::SheetTooLarge { limit: SizeLimit::Cells, .. })));
}
