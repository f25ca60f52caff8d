//! Importing the tables of a Word document (`.docx`, issue 18): the fixtures of `fixtures/docx/`,
//! written by LibreOffice from the HTML of `fixtures/docx/src/` (`scripts/fixtures/make_docx.sh`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/package.rs"]
#[allow(dead_code)]
mod package;

use std::time::{Duration, Instant};

use kehoach::diagnostic::{Location, Severity, place};
use kehoach::engine::{FundingSplit, Totals};
use kehoach::io::import::remote::{Reply, import_reply};
use kehoach::io::import::{
    FileKind, Format, ImportError, ImportOptions, ImportResult, SizeLimit, Unpacked, import, open_workbook,
};
use kehoach::locale::{Lang, Message};
use kehoach::model::{MoneyUnit, ShareRule, SourceKind, TargetUnit};
use package::{Deflate, Part};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn docx(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run scripts/fixtures/make_docx.sh)"))
}

fn import_docx(name: &str, options: &ImportOptions) -> ImportResult {
    import(&docx(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn errors(r: &ImportResult) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} at {}: {}", d.code, d.location, d.text.get(Lang::En)))
        .collect()
}

fn line_names(r: &ImportResult) -> Vec<&str> {
    r.plan.lines.iter().map(|l| l.name.as_str()).collect()
}

const LINES: [&str; 4] = ["Tuyên truyền", "CSVC, tài liệu", "Đào tạo bồi dưỡng", "Quản lý"];

/// Phases 3080 / 2320 (or as given), grand total, line totals 400 / 2500 / 2300 / 200.
fn assert_totals(name: &str, r: &ImportResult, phases: &[Decimal], grand: Decimal, lines: [Decimal; 4]) {
    let totals = Totals::compute(&r.plan);
    assert_eq!(r.plan.phases.len(), phases.len(), "{name}: phases {:?}", r.plan.phases);
    for (i, p) in phases.iter().enumerate() {
        assert_eq!(totals.phase_total(i), *p, "{name}: phase {}", i + 1);
    }
    assert_eq!(totals.grand(), grand, "{name}: grand total");
    assert_eq!(line_names(r), LINES, "{name}: lines");
    let got: Vec<Decimal> = (0..4).map(|i| totals.line_total(i)).collect();
    assert_eq!(got, lines, "{name}: line totals");
}

const REFERENCE_LINES: [Decimal; 4] = [dec!(400), dec!(2500), dec!(2300), dec!(200)];

#[test]
fn the_seed_table_written_by_libreoffice_gives_the_reference_totals() {
    let r = import_docx("seed_table.docx", &ImportOptions::default());
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert_eq!(r.recognised.sheet, "Bảng 1");
    assert_eq!(r.plan.unit, MoneyUnit::Million);
    assert!(r.recognised.unit.is_some(), "the unit line of the caption is read");
    assert_totals("seed_table.docx", &r, &[dec!(3080), dec!(2320)], dec!(5400), REFERENCE_LINES);
    // The paragraph after the table states the funding.
    let sources: Vec<(&str, SourceKind, ShareRule)> =
        r.plan.sources.iter().map(|s| (s.name.as_str(), s.kind, s.rule)).collect();
    assert_eq!(
        sources,
        [
            ("Ngân sách Trung ương", SourceKind::CentralBudget, ShareRule::percent(dec!(40))),
            ("Ngân sách địa phương", SourceKind::LocalBudget, ShareRule::percent(dec!(60)))
        ]
    );
    let totals = Totals::compute(&r.plan);
    assert_eq!(FundingSplit::compute(&r.plan, &totals).grand.amounts, [dec!(2160), dec!(3240)]);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn merged_header_cells_span_the_years() {
    let r = import_docx("merged_header.docx", &ImportOptions::default());
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert_eq!(r.plan.unit, MoneyUnit::Million);
    let totals = Totals::compute(&r.plan);
    assert_eq!(totals.grand(), dec!(5400));
    assert_eq!(line_names(&r), LINES);
    let got: Vec<Decimal> = (0..4).map(|i| totals.line_total(i)).collect();
    assert_eq!(got, REFERENCE_LINES);
    // Both header rows (below the two caption rows): "Năm" spans the years, "Nội dung" and
    // "Tổng" reach down over the years' row.
    assert_eq!(r.recognised.header_rows, [2, 3]);
    let years: Vec<i32> = r.recognised.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2013..=2020).collect::<Vec<_>>());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn numbers_written_in_the_vietnamese_style_are_exact() {
    let r = import_docx("decimal_text.docx", &ImportOptions::default());
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert_eq!(r.plan.lines[0].amounts.get(&2014), Some(&dec!(70.5)));
    assert_totals(
        "decimal_text.docx",
        &r,
        &[dec!(3080.5), dec!(2320)],
        dec!(5400.5),
        [dec!(400.5), dec!(2500), dec!(2300), dec!(200)],
    );
    // Beside "1.095,5", a "2.500" could be 2,5: read as 2500 from the totals, and each such cell
    // is a doubt placed at the table's cell.
    let doubts: Vec<(&str, String)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect();
    assert_eq!(doubts.len(), 7, "{doubts:#?}");
    assert!(r.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(doubts[0], ("ambiguous_number", "Bảng 1, hàng 2, cột C".to_string()));
    assert_eq!(r.diagnostics[0].location, Location::TableCell { table: 1, row: 1, col: 2 });
    assert_eq!(doubts[6], ("ambiguous_number", "Bảng 1, hàng 12, cột F".to_string()));
    assert!(r.diagnostics[6].text.get(Lang::Vi).contains("«2.320»"));
}

#[test]
fn several_tables_are_listed_with_their_captions_and_the_budget_one_is_picked() {
    let bytes = docx("several_tables.docx");
    let Reply::Done { format, sheets, .. } = import_reply(&bytes, &ImportOptions::default()) else { panic!("refused") };
    assert_eq!(format, "docx");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Bảng 1", "Bảng 2"]);
    let captions: Vec<&str> = sheets.iter().map(|s| s.caption.as_deref().unwrap_or("")).collect();
    assert!(captions[0].ends_with("II. Mục tiêu cụ thể"), "{captions:?}");
    // The section's prose before the budget table is no part of its caption.
    assert_eq!(captions[1], "IV. Kinh phí thực hiện · Đơn vị tính: Triệu đồng");
    assert_eq!((sheets[1].rows, sheets[1].cols), (12, 6));

    // By default the budget table, and the targets of the other.
    let r = import_docx("several_tables.docx", &ImportOptions::default());
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert_eq!(r.recognised.sheet, "Bảng 2");
    assert_totals("several_tables.docx", &r, &[dec!(3080), dec!(2320)], dec!(5400), REFERENCE_LINES);
    assert_eq!(r.plan.targets.len(), 3, "{:#?}", r.plan.targets);
    let t = &r.plan.targets[0];
    assert_eq!(t.unit, TargetUnit::Percent);
    assert_eq!(t.milestones.get(&2015), Some(&dec!(96)));
    assert_eq!(t.milestones.get(&2020), Some(&dec!(98)));

    // The 2014 total is stated 100 too high: a doubt at the table's cell, in its own words.
    let doubt = r.diagnostics.iter().find(|d| d.code == "total_mismatch").expect("the wrong total");
    assert_eq!(doubt.severity, Severity::Warning);
    assert_eq!(doubt.location, Location::TableCell { table: 2, row: 3, col: 5 });
    assert_eq!(doubt.location.to_string(), "Bảng 2, hàng 4, cột F");
    assert_eq!(place(&doubt.location, &r.plan, Lang::En), "Table 2, row 4, column F");
    assert!(
        r.diagnostics.iter().all(|d| !matches!(d.location, Location::Cell { .. })),
        "no sheet cell left: {:#?}",
        r.diagnostics
    );

    // The same table by name gives the same; the targets table by name gives only targets.
    let named =
        import_docx("several_tables.docx", &ImportOptions { sheet: Some("Bảng 2".into()), ..Default::default() });
    assert_eq!(Totals::compute(&named.plan).grand(), dec!(5400));
    let targets =
        import_docx("several_tables.docx", &ImportOptions { sheet: Some("Bảng 1".into()), ..Default::default() });
    assert!(errors(&targets).is_empty(), "{:#?}", errors(&targets));
    assert!(targets.plan.lines.is_empty());
    assert_eq!(targets.plan.targets.len(), 3);
    let no_table = targets.diagnostics.iter().find(|d| d.code == "no_table").expect("no budget table");
    assert_eq!((no_table.severity, no_table.location.to_string()), (Severity::Warning, "Bảng 1".to_string()));
    let missing = import(&bytes, &ImportOptions { sheet: Some("Bảng 3".into()), ..Default::default() });
    assert_eq!(missing.unwrap_err(), ImportError::SheetNotFound("Bảng 3".into()));
}

#[test]
fn a_word_document_is_no_workbook() {
    let e = open_workbook(&docx("seed_table.docx")).expect_err("not a workbook");
    assert_eq!(e, ImportError::NotASpreadsheet { found: FileKind::Word });
}

// ---------------------------------------------------------------------------------------------
// Documents made in the test: hostile ones are refused within a second, with the sizes.

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A `.docx` whose `word/document.xml` is `part`.
fn docx_of(part: Part) -> Vec<u8> {
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    package::zip(&[Part::stored("[Content_Types].xml", types.as_bytes()), part])
}

/// A `.docx` of this body.
fn docx_body(body: &str) -> Vec<u8> {
    let xml = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    docx_of(Part::stored("word/document.xml", xml.as_bytes()))
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn refused(bytes: &[u8]) -> ImportError {
    let t = Instant::now();
    let e = import(bytes, &ImportOptions::default()).map(|_| ()).expect_err("refused");
    assert!(t.elapsed() < Duration::from_secs(1), "took {:?}", t.elapsed());
    e
}

#[test]
fn a_document_part_that_unpacks_too_large_is_refused_from_the_directory() {
    let head = format!("<w:document {W}><w:body>");
    let (data, size) = Deflate::new()
        .literal(head.as_bytes())
        .repeat(b"<w:p/>", (1 << 30) / 6)
        .literal(b"</w:body></w:document>")
        .finish();
    let bytes = docx_of(Part::deflated("word/document.xml", data, size));
    assert!(bytes.len() < 8 << 20, "{}", bytes.len());
    let e = refused(&bytes);
    assert!(
        matches!(&e, ImportError::UnpackedTooLarge { part: Some(p), limit: Unpacked::PartSize(_), .. } if p == "word/document.xml"),
        "{e:?}"
    );
    // 40 MB from a few hundred KB: packed tighter than any document.
    let (data, size) = Deflate::new().literal(head.as_bytes()).repeat(b"<w:p/>", 7 << 20).finish();
    let e = refused(&docx_of(Part::deflated("word/document.xml", data, size)));
    assert!(matches!(e, ImportError::UnpackedTooLarge { limit: Unpacked::PartRatio, .. }), "{e:?}");
}

#[test]
fn tables_beyond_the_limits_are_refused_naming_the_table() {
    // 4,001 rows of one cell spanning 500 columns: two million cells.
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="500"/></w:tcPr><w:p/></w:tc></w:tr>"#;
    let e = refused(&docx_body(&format!("{}<w:tbl>{}</w:tbl>", p("Bảng kinh phí"), row.repeat(4_001))));
    assert!(
        matches!(&e, ImportError::SheetTooLarge { sheet, limit: SizeLimit::Cells, rows: 4_001, cols: 500, .. } if sheet == "Bảng 1"),
        "{e:?}"
    );
    assert!(e.text(Lang::Vi).contains("«Bảng 1»"), "{}", e.text(Lang::Vi));
    // Three tables of 1.5 million cells each: each one could be read, not all together.
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="500"/></w:tcPr><w:p/></w:tc></w:tr>"#;
    let table = format!("<w:tbl>{}</w:tbl>", row.repeat(3_000));
    let e = refused(&docx_body(&table.repeat(3)));
    assert!(
        matches!(&e, ImportError::SheetTooLarge { sheet, limit: SizeLimit::Workbook, .. } if sheet == "Bảng 3"),
        "{e:?}"
    );
    // A row wider than the columns read.
    let wide = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="400"/></w:tcPr></w:tc><w:tc><w:tcPr><w:gridSpan w:val="400"/></w:tcPr></w:tc></w:tr>"#;
    let e = refused(&docx_body(&format!("<w:tbl></w:tbl><w:tbl>{wide}</w:tbl>")));
    assert!(
        matches!(&e, ImportError::SheetTooLarge { sheet, limit: SizeLimit::Columns, .. } if sheet == "Bảng 2"),
        "{e:?}"
    );
    // More rows than a plan has lines.
    let e = refused(&docx_body(&format!("<w:tbl>{}</w:tbl>", "<w:tr></w:tr>".repeat(50_001))));
    assert!(matches!(e, ImportError::SheetTooLarge { limit: SizeLimit::Rows, .. }), "{e:?}");
    // More tables than a workbook has sheets.
    let e = refused(&docx_body(&"<w:tbl></w:tbl>".repeat(1_001)));
    assert!(matches!(e, ImportError::TooManySheets { count: 1_001, limit: 1_000 }), "{e:?}");
}

#[test]
fn broken_and_empty_documents_say_what_they_are() {
    let e = refused(&docx_body("<w:tbl><w:tr></w:tbl>"));
    assert!(matches!(e, ImportError::Damaged { format: Format::Docx, .. }), "{e:?}");
    assert!(e.text(Lang::Vi).starts_with("Tệp .docx bị hỏng"), "{}", e.text(Lang::Vi));
    let e = refused(&docx_body(&p("Chỉ có chữ, không có bảng.")));
    assert_eq!(e, ImportError::NoTables);
    assert!(e.text(Lang::Vi).contains("không có bảng nào"), "{}", e.text(Lang::Vi));
    let Reply::Refused { code, .. } = import_reply(&docx_body(""), &ImportOptions::default()) else {
        panic!("a document without tables is refused")
    };
    assert_eq!(code, "no_tables");
    // Cut short: damaged, told from the local headers as a Word document.
    let whole = docx("seed_table.docx");
    let e = refused(&whole[..whole.len() * 6 / 10]);
    assert!(matches!(e, ImportError::Damaged { format: Format::Docx, .. }), "{e:?}");
    assert_eq!(e, open_workbook(&whole[..whole.len() * 6 / 10]).expect_err("cut"));
}

#[test]
fn a_table_nested_in_a_cell_is_noted_at_the_cell() {
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(text));
    let nested = format!("<w:tc>{}<w:tbl><w:tr>{}</w:tr></w:tbl></w:tc>", p("Tuyên truyền"), cell("999"));
    let body = format!(
        "{}<w:tbl><w:tr>{}{nested}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        p("Đơn vị tính: Triệu đồng"),
        cell("Năm"),
        cell("2013"),
        cell("70"),
        cell("2014"),
        cell("80")
    );
    let r = import(&docx_body(&body), &ImportOptions::default()).expect("imports");
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert_eq!(line_names(&r), ["Tuyên truyền"]);
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(150));
    let d = r.diagnostics.iter().find(|d| d.code == "nested_table").expect("noted");
    assert_eq!((d.severity, d.location.to_string()), (Severity::Warning, "Bảng 1, hàng 1, cột B".to_string()));
}

#[test]
fn a_mangled_document_is_read_or_refused_never_a_panic() {
    use std::io::Read;
    let whole = docx("seed_table.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(whole.as_slice())).expect("zip");
    let mut xml = Vec::new();
    archive.by_name("word/document.xml").expect("part").read_to_end(&mut xml).expect("read");
    let table = xml.windows(7).position(|w| w == b"<w:tbl>").expect("a table");
    // A fixed pseudo-random walk: bytes of the table's XML overwritten, deleted or cut.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut read, mut refused) = (0, 0);
    for round in 0..300 {
        let mut part = xml.clone();
        for _ in 0..1 + round % 4 {
            if part.len() <= table + 1 {
                break;
            }
            let at = table + next(part.len() - table);
            let alphabet = b"<>/\"=w:trcpgSpanvMerge0123456789 ";
            match next(3) {
                0 => part[at] = alphabet[next(alphabet.len())],
                1 => {
                    part.remove(at);
                }
                _ => part.truncate(at),
            }
        }
        match import(&docx_of(Part::stored("word/document.xml", &part)), &ImportOptions::default()) {
            Ok(_) => read += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(read > 0 && refused > 0, "read {read}, refused {refused}");
}
