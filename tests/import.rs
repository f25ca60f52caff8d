//! Spreadsheet import: every fixture of `fixtures/` (see `fixtures/README.md`), the reference
//! table in every format and both orientations, the broken files, and a totality check of the
//! understanding on random grids.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::{Diagnostic, Severity};
use kehoach::engine::Totals;
use kehoach::io::import::{
    Axis, Cell, ExcludeReason, FileKind, Format, ImportError, ImportOptions, ImportResult, Orientation, PhaseEvidence,
    Region, SheetGrid, SizeLimit, find_funding, import, open_workbook, understand,
};
use kehoach::locale::Lang;
use kehoach::model::{MoneyUnit, ShareRule, SourceKind, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run scripts/fixtures/make_all.sh)"))
}

fn import_fixture(name: &str) -> ImportResult {
    import(&fixture(name), &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn warnings(r: &ImportResult) -> Vec<&Diagnostic> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect()
}

fn errors(r: &ImportResult) -> Vec<&Diagnostic> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// The reference figures: phases 3080 / 2320, total 5400, lines 400 / 2500 / 2300 / 200.
fn assert_reference_totals(name: &str, r: &ImportResult) {
    let totals = Totals::compute(&r.plan);
    assert_eq!(r.plan.phases.len(), 2, "{name}: phases");
    assert_eq!(totals.phase_total(0), dec!(3080), "{name}: phase 1");
    assert_eq!(totals.phase_total(1), dec!(2320), "{name}: phase 2");
    assert_eq!(totals.grand(), dec!(5400), "{name}: grand total");
    assert_eq!(totals.outside_total(), Decimal::ZERO, "{name}: money outside the phases");
    let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Tuyên truyền", "CSVC, tài liệu", "Đào tạo bồi dưỡng", "Quản lý"], "{name}: lines");
    let line_totals: Vec<Decimal> = (0..4).map(|i| totals.line_total(i)).collect();
    assert_eq!(line_totals, [dec!(400), dec!(2500), dec!(2300), dec!(200)], "{name}: line totals");
}

// ---------------------------------------------------------------------------------------------
// The reference table in every format and both orientations.

#[test]
fn seed_table_from_every_format_and_orientation_gives_the_reference_totals() {
    for stem in ["seed_rows", "seed_columns"] {
        for (ext, format) in [
            ("xlsx", Format::Xlsx),
            ("xlsm", Format::Xlsx),
            ("xls", Format::Xls),
            ("xlsb", Format::Xlsb),
            ("ods", Format::Ods),
        ] {
            let name = format!("{stem}.{ext}");
            let bytes = fixture(&name);
            assert_eq!(open_workbook(&bytes).map(|w| w.format()).ok(), Some(format), "{name}: format");
            let r = import(&bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(r.diagnostics.is_empty(), "{name}: {:#?}", r.diagnostics);
            assert_reference_totals(&name, &r);
            let expected = if stem == "seed_rows" { Orientation::YearsAsRows } else { Orientation::YearsAsColumns };
            assert_eq!(r.recognised.orientation, Some(expected), "{name}");
            assert_eq!(r.plan.unit, MoneyUnit::Million, "{name}");
            assert_eq!(r.plan.period, YearRange::new(2012, 2020), "{name}: period from the title");
        }
    }
}

#[test]
fn years_as_rows_infers_phases_from_the_subtotal_rows() {
    let r = import_fixture("seed_rows.xlsx");
    let phases: Vec<(&str, YearRange)> = r.plan.phases.iter().map(|p| (p.name.as_str(), p.years)).collect();
    // The table starts in 2013, the title's period in 2012: the first phase takes the empty 2012,
    // as the plan's text has it ("Giai đoạn 2012 - 2015").
    assert_eq!(phases, [("Giai đoạn 1", YearRange::new(2012, 2015)), ("Giai đoạn 2", YearRange::new(2016, 2020))]);
    assert!(r.recognised.phases.iter().all(|p| p.evidence == PhaseEvidence::Subtotal));
    assert_eq!((r.recognised.phases[0].row, r.recognised.phases[0].col), (8, 0), "'Cộng GĐ 1' is A9");
    assert_eq!(r.recognised.header_rows, [3]);
    let unit = r.recognised.unit.as_ref().map(|u| (u.value, u.row, u.col));
    assert_eq!(unit, Some((MoneyUnit::Million, 2, 5)));
    let title = r.recognised.title.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
    assert!(title.starts_with("DỰ KIẾN KINH PHÍ HÀNG NĂM"), "{title}");
    assert_eq!(r.plan.title, title);
    let years: Vec<i32> = r.recognised.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2013..=2020).collect::<Vec<_>>());
    assert_eq!(
        (r.recognised.lines[1].name.as_str(), r.recognised.lines[1].row, r.recognised.lines[1].col),
        ("CSVC, tài liệu", 3, 2)
    );
    let excluded: Vec<(Axis, u32, ExcludeReason)> =
        r.recognised.excluded.iter().map(|e| (e.axis, e.index, e.reason)).collect();
    assert!(excluded.contains(&(Axis::Row, 4, ExcludeReason::Total)), "{excluded:?}");
    assert!(excluded.contains(&(Axis::Row, 8, ExcludeReason::Subtotal)), "{excluded:?}");
    assert!(excluded.contains(&(Axis::Column, 5, ExcludeReason::Total)), "{excluded:?}");
}

#[test]
fn years_as_columns_reads_phases_from_a_merged_two_row_header() {
    let r = import_fixture("seed_columns.xlsx");
    let phases: Vec<(&str, YearRange)> = r.plan.phases.iter().map(|p| (p.name.as_str(), p.years)).collect();
    assert_eq!(phases, [("Giai đoạn 1", YearRange::new(2012, 2015)), ("Giai đoạn 2", YearRange::new(2016, 2020))]);
    assert!(r.recognised.phases.iter().all(|p| p.evidence == PhaseEvidence::HeaderBand));
    assert_eq!(r.recognised.header_rows, [3, 4]);
    let excluded: Vec<(Axis, u32, ExcludeReason)> =
        r.recognised.excluded.iter().map(|e| (e.axis, e.index, e.reason)).collect();
    assert!(excluded.contains(&(Axis::Column, 4, ExcludeReason::Subtotal)), "{excluded:?}");
    assert!(excluded.contains(&(Axis::Column, 11, ExcludeReason::Total)), "{excluded:?}");
    assert!(excluded.contains(&(Axis::Row, 9, ExcludeReason::Total)), "{excluded:?}");
}

#[test]
fn section_rows_name_phases_with_their_years_and_a_note_suggests_funding() {
    let r = import_fixture("sections.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_reference_totals("sections.xlsx", &r);
    let phases: Vec<(&str, YearRange)> = r.plan.phases.iter().map(|p| (p.name.as_str(), p.years)).collect();
    assert_eq!(phases, [("Giai đoạn 1", YearRange::new(2012, 2015)), ("Giai đoạn 2", YearRange::new(2016, 2020))]);
    assert!(r.recognised.phases.iter().all(|p| p.evidence == PhaseEvidence::Heading));
    let note = r.recognised.funding_note.as_ref().map(|n| n.value.as_str());
    assert_eq!(note, Some("Ghi chú: Trong đó NSTW 40%, NSĐP 60%."));
    assert_funding_40_60(&r);
}

fn assert_funding_40_60(r: &ImportResult) {
    let sources: Vec<(SourceKind, ShareRule)> = r.plan.sources.iter().map(|s| (s.kind, s.rule)).collect();
    assert_eq!(
        sources,
        [
            (SourceKind::CentralBudget, ShareRule::percent(dec!(40))),
            (SourceKind::LocalBudget, ShareRule::percent(dec!(60)))
        ]
    );
    let names: Vec<&str> = r.plan.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ngân sách Trung ương", "Ngân sách địa phương"]);
    // Ids are unique across the plan.
    let mut ids: Vec<u32> = r.plan.phases.iter().map(|p| p.id.0).collect();
    ids.extend(r.plan.lines.iter().map(|l| l.id.0));
    ids.extend(r.plan.sources.iter().map(|s| s.id.0));
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids must be unique");
}

#[test]
fn numbers_typed_as_vietnamese_text_are_read() {
    let r = import_fixture("text_numbers.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_reference_totals("text_numbers.xlsx", &r);
}

#[test]
fn numbering_percent_share_and_notes_columns_are_not_money_years_as_rows() {
    let r = import_fixture("extra_columns_rows.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_reference_totals("extra_columns_rows.xlsx", &r);
    let excluded: Vec<(u32, ExcludeReason)> =
        r.recognised.excluded.iter().filter(|e| e.axis == Axis::Column).map(|e| (e.index, e.reason)).collect();
    for expected in [
        (0, ExcludeReason::Numbering),
        (6, ExcludeReason::Total),
        (7, ExcludeReason::Percent),
        (8, ExcludeReason::Share),
        (9, ExcludeReason::Share),
        (10, ExcludeReason::Notes),
    ] {
        assert!(excluded.contains(&expected), "{expected:?} in {excluded:?}");
    }
    assert_funding_40_60(&r);
}

#[test]
fn numbering_percent_share_and_notes_columns_are_not_money_years_as_columns() {
    let r = import_fixture("extra_columns_cols.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_reference_totals("extra_columns_cols.xlsx", &r);
    let codes: Vec<&str> = r.plan.lines.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["1", "2", "3", "4"], "STT becomes the line code");
    assert_eq!(r.plan.lines[1].notes, "Gồm nâng cấp 5 trung tâm GDTX");
    let reasons: Vec<ExcludeReason> = r.recognised.excluded.iter().map(|e| e.reason).collect();
    for expected in [ExcludeReason::Percent, ExcludeReason::Share, ExcludeReason::Notes, ExcludeReason::Total] {
        assert!(reasons.contains(&expected), "{expected:?} in {reasons:?}");
    }
    assert_funding_40_60(&r);
}

#[test]
fn wrong_subtotals_are_warnings_at_their_cells_with_both_figures() {
    let r = import_fixture("wrong_subtotal.xlsx");
    assert!(errors(&r).is_empty());
    assert_reference_totals("wrong_subtotal.xlsx", &r);
    let w: Vec<(&str, &str)> = warnings(&r).iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(w, [("total_mismatch", "'Kinh phí'!F7"), ("subtotal_mismatch", "'Kinh phí'!C9")]);
    let sub = &r.diagnostics[1];
    assert!(sub.message_vi.contains("1.300") && sub.message_vi.contains("1.400"), "{}", sub.message_vi);
    assert!(sub.message_en.contains("1,300") && sub.message_en.contains("1,400"), "{}", sub.message_en);
}

#[test]
fn error_cells_are_warnings_at_their_cells_and_count_as_empty() {
    let r = import_fixture("error_cells.xlsx");
    assert!(errors(&r).is_empty());
    let w: Vec<(&str, &str)> = warnings(&r).iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(
        w,
        [("error_cell", "'Kinh phí'!B7"), ("error_cell", "'Kinh phí'!E10"), ("error_cell", "'Kinh phí'!C12")],
        "sums over an error cell are not cross-checked again"
    );
    assert!(r.diagnostics[0].message_en.contains("#REF!"));
    assert!(r.diagnostics[1].message_en.contains("#DIV/0!"));
    assert!(r.diagnostics[2].message_en.contains("#N/A"));
    // Empty is not 0: the cells are absent.
    assert_eq!(r.plan.lines[0].amounts.get(&2014), None);
    assert_eq!(r.plan.lines[3].amounts.get(&2016), None);
    assert_eq!(r.plan.lines[1].amounts.get(&2018), None);
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(5400) - dec!(70) - dec!(25) - dec!(200));
}

#[test]
fn tỷ_đồng_with_decimal_commas_and_an_ambiguous_dot() {
    let r = import_fixture("billion_text.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.unit, MoneyUnit::Billion);
    assert_eq!(r.plan.precision, 9);
    let totals = Totals::compute(&r.plan);
    assert_eq!((totals.phase_total(0), totals.phase_total(1), totals.grand()), (dec!(3.08), dec!(2.32), dec!(5.4)));
    assert_eq!(r.plan.lines[3].amounts.get(&2013), Some(&dec!(0.025)));

    let options = ImportOptions { plan_unit: Some(MoneyUnit::Million), ..ImportOptions::default() };
    let r = import(&fixture("billion_text.xlsx"), &options).expect("imports");
    assert_eq!(r.plan.unit, MoneyUnit::Million);
    assert_eq!(r.plan.precision, 6);
    assert_reference_totals("billion_text.xlsx in triệu", &r);
}

#[test]
fn a_funding_sheet_suggests_sources() {
    let r = import_fixture("funding_sheet.xlsx");
    assert_eq!(r.recognised.sheet, "Kinh phí");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_funding_40_60(&r);
    let bytes = fixture("funding_sheet.xlsx");
    let wb = open_workbook(&bytes).expect("opens");
    let names: Vec<&str> = wb.sheets().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Kinh phí", "Nguồn vốn"]);
    let sources = find_funding(&[wb.sheet("Nguồn vốn").expect("reads")], &[]);
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0].name, "Ngân sách Trung ương");
}

#[test]
fn a_sheet_without_a_table_gives_an_empty_plan_and_an_error() {
    let r = import_fixture("no_table.xlsx");
    assert!(r.plan.lines.is_empty());
    let e = errors(&r);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].code.as_ref(), e[0].location.as_str()), ("no_table", "'Thuyết minh'!A1"));
    assert!(e[0].message_vi.contains("Năm 2013"));
}

#[test]
fn large_sheet_of_2000_lines_and_30_years() {
    let r = import_fixture("large.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", &r.diagnostics[..r.diagnostics.len().min(5)]);
    assert_eq!(r.plan.lines.len(), 2000);
    assert_eq!(r.plan.phases.len(), 6);
    assert_eq!(r.plan.period, YearRange::new(2021, 2050));
    assert_eq!(r.plan.lines[1999].code, "2000");
    assert!(r.plan.lines.iter().all(|l| l.amounts.len() == 30));
    assert_eq!(r.plan.sources.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Files that cannot be imported.

#[test]
fn a_pdf_is_not_a_spreadsheet() {
    let e = open_workbook(&fixture("not_a_spreadsheet.xlsx")).expect_err("refused");
    assert_eq!(e, ImportError::NotASpreadsheet { found: FileKind::Pdf });
    assert!(e.message(Lang::Vi).contains("PDF"));
    assert!(e.message(Lang::En).contains("PDF"));
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let e = open_workbook(&fixture("truncated.xlsx")).expect_err("refused");
    assert!(matches!(e, ImportError::Damaged { format: Format::Xlsx, .. }), "{e:?}");
    assert!(e.message(Lang::Vi).contains("hỏng"));
}

#[test]
fn a_password_protected_workbook_is_encrypted() {
    let e = open_workbook(&fixture("encrypted.xlsx")).expect_err("refused");
    assert_eq!(e, ImportError::Encrypted);
    assert!(e.message(Lang::En).contains("password"));
}

#[test]
fn empty_and_oversized_files_are_refused() {
    assert_eq!(open_workbook(&[]).expect_err("refused"), ImportError::EmptyFile);
    let big = vec![0u8; kehoach::io::import::limits::MAX_FILE_BYTES + 1];
    assert!(matches!(open_workbook(&big), Err(ImportError::FileTooLarge { .. })));
    // Every truncation of a real workbook is refused without a panic.
    let bytes = fixture("seed_rows.xlsx");
    for cut in (0..bytes.len()).step_by(97) {
        if let Ok(wb) = open_workbook(&bytes[..cut]) {
            let _ = wb.sheet("Kinh phí");
        }
    }
}

fn workbook_with_cells(cells: &[(u32, u16)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for &(r, c) in cells {
        ws.write_number(r, c, 1.0).expect("writes");
    }
    wb.save_to_buffer().expect("saves")
}

#[test]
fn oversized_sheets_are_refused_before_their_cells_are_read() {
    // MAX_ROWS, MAX_COLS and MAX_CELLS.
    for (cells, limit, en, vi) in [
        (
            vec![(0, 0), (50_000, 0)],
            SizeLimit::Rows,
            "(50001 rows × 1 columns; at most 50000 rows)",
            "tối đa 50000 dòng",
        ),
        (vec![(0, 0), (0, 500)], SizeLimit::Columns, "(1 rows × 501 columns; at most 500 columns)", "tối đa 500 cột"),
        (
            vec![(0, 0), (4_999, 400)],
            SizeLimit::Cells,
            "(5000 rows × 401 columns; at most 2000000 cells)",
            "tối đa 2000000 ô",
        ),
    ] {
        let bytes = workbook_with_cells(&cells);
        let wb = open_workbook(&bytes).expect("opens");
        let e = wb.sheet("Sheet1").expect_err("refused");
        assert!(matches!(&e, ImportError::SheetTooLarge { limit: l, .. } if *l == limit), "{e:?}");
        assert!(e.message(Lang::En).starts_with(&format!("Sheet 'Sheet1' is too large {en}.")), "{e:?}");
        assert!(e.message(Lang::Vi).contains("quá lớn") && e.message(Lang::Vi).contains(vi));
        assert_eq!(e.to_diagnostic("t.xlsx").code, "sheet_too_large");
    }
    // At the limits: 50000 rows × 40 columns = 2000000 cells; 1 row × 500 columns.
    for cells in [[(0, 0), (49_999, 39)], [(0, 0), (0, 499)]] {
        assert!(open_workbook(&workbook_with_cells(&cells)).expect("opens").sheet("Sheet1").is_ok());
    }
}

#[test]
fn limit_max_file_bytes() {
    let limit = kehoach::io::import::limits::MAX_FILE_BYTES;
    let e = open_workbook(&vec![0u8; limit + 1]).expect_err("refused");
    assert_eq!(e, ImportError::FileTooLarge { bytes: limit + 1, limit });
    assert!(e.message(Lang::En).starts_with("The file is 31 MB, more than the 30 MB limit."), "{e:?}");
    assert!(e.message(Lang::Vi).starts_with("Tệp nặng 31 MB, vượt giới hạn 30 MB."), "{e:?}");
    assert_eq!(e.to_diagnostic("big.xlsx").code, "file_too_large");
    // At the limit the size passes (these bytes are then no spreadsheet).
    assert!(matches!(open_workbook(&vec![0u8; limit]), Err(ImportError::NotASpreadsheet { .. })));
}

#[test]
fn limit_max_text_chars() {
    let max = kehoach::io::import::limits::MAX_TEXT_CHARS;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ờ".repeat(max + 1)).expect("writes");
    ws.write_string(1, 0, "ờ".repeat(max)).expect("writes");
    let bytes = wb.save_to_buffer().expect("saves");
    let grid = open_workbook(&bytes).expect("opens").sheet("Sheet1").expect("reads");
    assert_eq!(grid.clipped(), [(0, 0)]);
    assert_eq!(grid.get(0, 0).text().map(|t| t.chars().count()), Some(max));
    assert_eq!(grid.get(1, 0).text().map(|t| t.chars().count()), Some(max));
    let r = understand(&grid, &ImportOptions::default());
    let clipped: Vec<&Diagnostic> = r.diagnostics.iter().filter(|d| d.code == "text_clipped").collect();
    assert_eq!(clipped.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(clipped[0].location, "'Sheet1'!A1");
    assert_eq!(clipped[0].severity, Severity::Warning);
    assert_eq!(clipped[0].message_en, "A text cell is longer than 10000 characters: cut short.");
    assert_eq!(clipped[0].message_vi, "Ô chữ dài quá 10000 ký tự: đã cắt bớt.");
}

#[test]
fn limit_max_merged() {
    let max = kehoach::io::import::limits::MAX_MERGED;
    // 101 rows of 100 merged pairs: 10,100 regions over 20,200 cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    for row in 0..=100u32 {
        for pair in 0..100u16 {
            ws.merge_range(row, 2 * pair, row, 2 * pair + 1, "m", &format).expect("merges");
        }
    }
    let bytes = wb.save_to_buffer().expect("saves");
    let grid = open_workbook(&bytes).expect("opens").sheet("Sheet1").expect("reads");
    assert_eq!(grid.merged().len(), max);
    assert_eq!(grid.merged()[0], Region { first_row: 0, first_col: 0, last_row: 0, last_col: 1 });
    assert!(grid.merge_at(100, 198).is_none());
}

#[test]
fn limit_max_amount_dong_digits() {
    // 10^21 − 1 đồng is read; 10^21 đồng and more is skipped with a warning at its cell.
    let below = Decimal::from_i128_with_scale(10i128.pow(21) - 1, 0);
    let limit = Decimal::from_i128_with_scale(10i128.pow(21), 0);
    let grid = one_line_grid("Đơn vị tính: đồng", vec![n(below), n(limit), n(-limit), n(dec!(5))]);
    let r = understand(&grid, &ImportOptions::default());
    assert_eq!(r.plan.unit, MoneyUnit::Dong);
    let w: Vec<(&str, &str)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(w, [("amount_too_large", "'Kinh phí'!B4"), ("amount_too_large", "'Kinh phí'!B5")]);
    assert!(
        r.diagnostics[0].message_en.ends_with("is too large to be an amount of the plan: skipped. Check the unit.")
    );
    assert!(r.diagnostics[0].message_vi.contains("quá lớn để là số tiền của kế hoạch: bỏ qua"));
    let amounts = &r.plan.lines[0].amounts;
    assert_eq!((amounts.get(&2013), amounts.get(&2014), amounts.get(&2016)), (Some(&below), None, Some(&dec!(5))));
    // In tỷ đồng (10^9 đồng) the limit is 10^12.
    let grid = one_line_grid("ĐVT: tỷ đồng", vec![n(dec!(999999999999)), n(dec!(1000000000000))]);
    let r = understand(&grid, &ImportOptions::default());
    let w: Vec<(&str, &str)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(w, [("amount_too_large", "'Kinh phí'!B4")]);
}

/// A workbook whose first sheet, "Kinh phí", holds a one-line budget table stating no funding,
/// and whose second sheet, `name`, holds `rows` of text, with an empty formatted cell at `corner`
/// that sets the sheet's declared size.
fn budget_and_sheet(name: &str, rows: &[&[&str]], corner: (u32, u16)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Kinh phí").expect("names");
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng").expect("writes");
    ws.write_string(1, 0, "Năm").expect("writes");
    ws.write_string(1, 1, "Tuyên truyền").expect("writes");
    for (k, year) in (2013..=2015).enumerate() {
        ws.write_number(2 + k as u32, 0, year).expect("writes");
        ws.write_number(2 + k as u32, 1, 70).expect("writes");
    }
    let ws = wb.add_worksheet().set_name(name).expect("names");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32, c as u16, *text).expect("writes");
            }
        }
    }
    ws.write_blank(corner.0, corner.1, &rust_xlsxwriter::Format::new().set_bold()).expect("writes");
    wb.save_to_buffer().expect("saves")
}

#[test]
fn limit_max_funding_sheet_cells() {
    // A funding sheet is looked at only up to 10,000 cells (declared size); larger ones are
    // skipped silently (no suggestion), as they are no funding table.
    let funding: &[&[&str]] = &[
        &["Nguồn vốn", "Tỷ lệ"],
        &["Ngân sách Trung ương", "40 %"],
        &["Ngân sách địa phương", "60 %"],
        &["Tổng cộng", "100 %"],
    ];
    let at_limit =
        import(&budget_and_sheet("Nguồn vốn", funding, (99, 99)), &ImportOptions::default()).expect("imports");
    assert!(!at_limit.has_errors(), "{:#?}", at_limit.diagnostics);
    let names: Vec<&str> = at_limit.plan.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ngân sách Trung ương", "Ngân sách địa phương"]);
    let over = import(&budget_and_sheet("Nguồn vốn", funding, (99, 100)), &ImportOptions::default()).expect("imports");
    assert!(!over.has_errors(), "{:#?}", over.diagnostics);
    assert!(over.plan.sources.is_empty(), "{:#?}", over.plan.sources);
    assert_eq!(over.plan.lines.len(), 1);
}

#[test]
fn limit_max_target_sheet_cells() {
    // A targets sheet is looked at only up to 50,000 cells (declared size); larger ones are
    // skipped silently.
    let targets: &[&[&str]] = &[
        &["Lĩnh vực", "Chỉ tiêu", "Đối tượng", "Năm 2015", "Năm 2020", "Chủ trì"],
        &["Xóa mù chữ", "Người 15–60 tuổi biết chữ", "", "trên 96%", "98%", "Sở GD&ĐT"],
    ];
    let at_limit =
        import(&budget_and_sheet("Chỉ tiêu", targets, (99, 499)), &ImportOptions::default()).expect("imports");
    assert!(!at_limit.has_errors(), "{:#?}", at_limit.diagnostics);
    let names: Vec<&str> = at_limit.plan.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Người 15–60 tuổi biết chữ"]);
    let over = import(&budget_and_sheet("Chỉ tiêu", targets, (100, 499)), &ImportOptions::default()).expect("imports");
    assert!(!over.has_errors(), "{:#?}", over.diagnostics);
    assert!(over.plan.targets.is_empty(), "{:#?}", over.plan.targets);
    assert_eq!(over.plan.lines.len(), 1);
}

#[test]
fn an_unknown_sheet_is_named_in_the_error() {
    let bytes = fixture("seed_rows.xlsx");
    let options = ImportOptions { sheet: Some("Tổng hợp".into()), ..ImportOptions::default() };
    let e = import(&bytes, &options).expect_err("refused");
    assert_eq!(e, ImportError::SheetNotFound("Tổng hợp".into()));
}

// ---------------------------------------------------------------------------------------------
// Corrections by the planner.

#[test]
fn a_column_marked_not_money_is_left_out_and_totals_then_disagree() {
    let options = ImportOptions { not_money: vec![4], ..ImportOptions::default() };
    let r = import(&fixture("seed_rows.xlsx"), &options).expect("imports");
    assert_eq!(r.plan.lines.len(), 3);
    assert!(r.recognised.excluded.iter().any(|e| e.index == 4 && e.reason == ExcludeReason::UserMarked));
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(5200));
    assert!(warnings(&r).iter().any(|d| d.code == "total_mismatch" && d.location == "'Kinh phí'!F6"));
}

#[test]
fn the_unit_and_the_plan_unit_can_be_given() {
    let options = ImportOptions {
        unit: Some(MoneyUnit::Thousand),
        plan_unit: Some(MoneyUnit::Million),
        ..ImportOptions::default()
    };
    let r = import(&fixture("seed_rows.xlsx"), &options).expect("imports");
    assert_eq!(r.plan.unit, MoneyUnit::Million);
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(5.4));
    assert_eq!(r.recognised.unit, None, "the unit line was overridden");
}

#[test]
fn orientation_and_header_row_can_be_given() {
    let options = ImportOptions {
        orientation: Some(Orientation::YearsAsColumns),
        header_row: Some(4),
        ..ImportOptions::default()
    };
    let r = import(&fixture("seed_columns.xlsx"), &options).expect("imports");
    assert_reference_totals("seed_columns.xlsx with options", &r);
    // Forcing the wrong orientation finds no table, and says so.
    let options = ImportOptions { orientation: Some(Orientation::YearsAsColumns), ..ImportOptions::default() };
    let r = import(&fixture("seed_rows.xlsx"), &options).expect("imports");
    assert!(r.plan.lines.is_empty());
    assert_eq!(errors(&r).first().map(|d| d.code.as_ref()), Some("no_table"));
    // Years as rows with the header row given.
    let options = ImportOptions { header_row: Some(3), ..ImportOptions::default() };
    let r = import(&fixture("seed_rows.xlsx"), &options).expect("imports");
    assert_reference_totals("seed_rows.xlsx with header row", &r);
}

// ---------------------------------------------------------------------------------------------
// Grids built in memory: number heuristics, and totality.

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn n(v: Decimal) -> Cell {
    Cell::Number(v)
}

/// A years-as-rows table with one line, amounts given as cells.
fn one_line_grid(unit: &str, amounts: Vec<Cell>) -> SheetGrid {
    let mut rows = vec![vec![t(unit)], vec![t("Năm"), t("Tuyên truyền")]];
    for (k, a) in amounts.into_iter().enumerate() {
        rows.push(vec![n(Decimal::from(2013 + k as i64)), a]);
    }
    SheetGrid::from_rows("Kinh phí", rows)
}

#[test]
fn an_ambiguous_number_among_hundreds_is_a_thousands_group() {
    let grid = one_line_grid("Đơn vị tính: Triệu đồng", vec![t("400"), t("1.095"), t("500"), n(dec!(300))]);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines[0].amounts.get(&2014), Some(&dec!(1095)));
}

#[test]
fn an_ambiguous_number_among_small_tỷ_is_a_decimal() {
    let grid = one_line_grid("ĐVT: tỷ đồng", vec![t("0,4"), t("1.095"), t("2,5"), t("0,2")]);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines[0].amounts.get(&2014), Some(&dec!(1.095)));
}

#[test]
fn an_ambiguous_number_without_enough_evidence_is_a_warning_at_its_cell() {
    let grid = one_line_grid("Đơn vị tính: Triệu đồng", vec![t("12"), t("1.095"), t("30,5"), t("8")]);
    let r = understand(&grid, &ImportOptions::default());
    let w: Vec<(&str, &str)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(w, [("ambiguous_number", "'Kinh phí'!B4")]);
    assert!(r.diagnostics[0].message_vi.contains("1.095"));
}

#[test]
fn text_in_a_number_cell_is_a_warning_and_a_dash_is_empty() {
    let grid = one_line_grid(
        "Đơn vị tính: Triệu đồng",
        vec![t("70"), t("khoảng 70"), t("-"), t("#REF!"), Cell::Error("#N/A".into())],
    );
    let r = understand(&grid, &ImportOptions::default());
    let w: Vec<(&str, &str)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(
        w,
        [("text_in_number_cell", "'Kinh phí'!B4"), ("error_cell", "'Kinh phí'!B6"), ("error_cell", "'Kinh phí'!B7")]
    );
    assert_eq!(r.plan.lines[0].amounts.len(), 1);
}

#[test]
fn a_missing_unit_must_be_chosen_before_confirming() {
    let grid = SheetGrid::from_rows(
        "S",
        vec![vec![t("Năm"), t("Tuyên truyền")], vec![n(dec!(2013)), n(dec!(70))], vec![n(dec!(2014)), n(dec!(70))]],
    );
    let r = understand(&grid, &ImportOptions::default());
    assert_eq!(r.diagnostics.iter().map(|d| d.code.as_ref()).collect::<Vec<_>>(), ["unit_unknown"]);
    assert_eq!(r.recognised.unit_unknown, Some(MoneyUnit::Million), "the guess for hundreds");
    assert!(!r.can_confirm(), "no unit, no confirming");
    // Once the planner chooses, the question is answered.
    let r = understand(&grid, &ImportOptions { unit: Some(MoneyUnit::Million), ..ImportOptions::default() });
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert!(r.can_confirm());
}

#[test]
fn amounts_in_đồng_without_a_unit_line_are_guessed_as_đồng_and_must_be_confirmed() {
    let grid = SheetGrid::from_rows(
        "S",
        vec![
            vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025")],
            vec![t("Tuyên truyền"), t("45.000.000"), n(dec!(52000000))],
            vec![t("Tập huấn"), n(dec!(120000000)), n(dec!(98500000))],
        ],
    );
    let r = understand(&grid, &ImportOptions::default());
    assert_eq!(r.recognised.unit_unknown, Some(MoneyUnit::Dong));
    assert_eq!(r.plan.unit, MoneyUnit::Dong, "the preview shows the guess");
    assert!(!r.can_confirm());
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(315500000));
}

#[test]
fn group_headings_hold_their_lines_and_their_figures_are_cross_checked() {
    let grid = SheetGrid::from_rows(
        "S",
        vec![
            vec![t("Đơn vị tính: triệu đồng")],
            vec![t("STT"), t("Nội dung"), t("2013"), t("2014")],
            vec![t("I"), t("Chi thường xuyên"), n(dec!(100)), n(dec!(120))],
            vec![t("1"), t("Tuyên truyền"), n(dec!(40)), n(dec!(50))],
            vec![t("2"), t("Quản lý"), n(dec!(60)), n(dec!(60))],
            vec![t("II"), t("Chi đầu tư"), Cell::Empty, Cell::Empty],
            vec![t("1"), t("CSVC"), n(dec!(400)), n(dec!(500))],
            vec![t(""), t("Tổng cộng"), n(dec!(500)), n(dec!(620))],
        ],
    );
    let r = understand(&grid, &ImportOptions::default());
    // The parent states 120 for 2014, its lines add up to 110: the office's figure stands, the
    // 10 kept under it; the total (620) then agrees.
    let w: Vec<(&str, &str)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.as_str())).collect();
    assert_eq!(w, [("parent_mismatch", "'S'!D3")]);
    let depths: Vec<(&str, u8, usize)> =
        r.plan.lines.iter().map(|l| (l.name.as_str(), l.depth, l.amounts.len())).collect();
    assert_eq!(
        depths,
        [
            ("Chi thường xuyên", 0, 0),
            ("Tuyên truyền", 1, 2),
            ("Quản lý", 1, 2),
            ("Chưa chi tiết", 1, 1),
            ("Chi đầu tư", 0, 0),
            ("CSVC", 1, 2)
        ]
    );
    assert_eq!(r.plan.lines[3].amounts.get(&2014), Some(&dec!(10)));
    assert_eq!(Totals::compute(&r.plan).grand(), dec!(1120));
}

#[test]
fn merged_band_over_years_without_merge_information_still_names_phases() {
    let band = SheetGrid::from_rows(
        "S",
        vec![
            vec![t(""), t("GĐ 2016–2020"), t(""), t("Giai đoạn 2021 - 2025"), t("")],
            vec![t("Nội dung"), t("2016"), t("2017"), t("2021"), t("2022")],
            vec![t("Tuyên truyền"), n(dec!(1)), n(dec!(2)), n(dec!(3)), n(dec!(4))],
        ],
    )
    .with_merged(vec![Region { first_row: 0, first_col: 1, last_row: 0, last_col: 2 }]);
    let r = understand(&band, &ImportOptions { unit: Some(MoneyUnit::Million), ..ImportOptions::default() });
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let phases: Vec<(&str, YearRange)> = r.plan.phases.iter().map(|p| (p.name.as_str(), p.years)).collect();
    assert_eq!(
        phases,
        [("Giai đoạn 2016–2020", YearRange::new(2016, 2020)), ("Giai đoạn 2021–2025", YearRange::new(2021, 2025))]
    );
}

use kehoach::reference::Xorshift as Rng;

fn random_cell(rng: &mut Rng) -> Cell {
    const WORDS: [&str; 24] = [
        "Năm",
        "Tổng số",
        "Cộng GĐ 1",
        "Cộng",
        "Giai đoạn 1 (2012 - 2015)",
        "GĐ 2",
        "STT",
        "Ghi chú",
        "NSTW (40%)",
        "Tỷ lệ (%)",
        "Tuyên truyền",
        "1.095",
        "3,08",
        "1,095.5",
        "-",
        "#REF!",
        "Năm 2014",
        "Đơn vị tính: tỷ đồng",
        "Trong đó NSTW 40%, NSĐP 60%",
        "I",
        "Chi thường xuyên:",
        "",
        "2013",
        "Tổng",
    ];
    match rng.below(10) {
        0..=2 => Cell::Empty,
        3 => Cell::Number(Decimal::from(2010 + rng.below(15) as i64)),
        4 => Cell::Number(Decimal::new(rng.next() as i64 % 1_000_000, (rng.below(4)) as u32)),
        5 => Cell::Number(if rng.below(2) == 0 { Decimal::MAX } else { Decimal::MIN }),
        6 => Cell::Error("#DIV/0!".into()),
        7 => Cell::Bool(rng.below(2) == 0),
        _ => Cell::Text(WORDS[rng.below(WORDS.len() as u64) as usize].into()),
    }
}

#[test]
fn understanding_is_total_on_random_grids() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..3000 {
        let rows = 1 + rng.below(14) as usize;
        let cols = 1 + rng.below(12) as usize;
        let grid: Vec<Vec<Cell>> = (0..rows).map(|_| (0..cols).map(|_| random_cell(&mut rng)).collect()).collect();
        let merged: Vec<Region> = (0..rng.below(4))
            .map(|_| {
                let (r, c) = (rng.below(rows as u64) as u32, rng.below(cols as u64) as u32);
                Region {
                    first_row: r,
                    first_col: c,
                    last_row: r + rng.below(3) as u32,
                    last_col: c + rng.below(4) as u32,
                }
            })
            .collect();
        let grid = SheetGrid::from_rows("Fuzz", grid).with_merged(merged);
        let options = ImportOptions {
            orientation: match round % 3 {
                0 => None,
                1 => Some(Orientation::YearsAsRows),
                _ => Some(Orientation::YearsAsColumns),
            },
            header_row: (round % 5 == 0).then(|| rng.below(rows as u64) as u32),
            plan_unit: (round % 7 == 0).then_some(MoneyUnit::Dong),
            not_money: vec![rng.below(cols as u64) as u32],
            ..ImportOptions::default()
        };
        let r = understand(&grid, &options);
        let _ = Totals::compute(&r.plan);
        assert!(r.diagnostics.len() <= 501);
    }
}

#[test]
fn understanding_handles_degenerate_grids() {
    for grid in [
        SheetGrid::default(),
        SheetGrid::from_rows("S", vec![]),
        SheetGrid::from_rows("S", vec![vec![]]),
        SheetGrid::from_rows("S", vec![vec![n(dec!(2013))]]),
        SheetGrid::from_rows("S", vec![vec![t("Năm 2013")]]),
        SheetGrid::from_rows("S", vec![vec![n(dec!(2013)), n(dec!(2014))], vec![n(Decimal::MAX), n(Decimal::MAX)]]),
    ] {
        let r = understand(
            &grid,
            &ImportOptions { header_row: Some(u32::MAX), not_money: vec![u32::MAX], ..ImportOptions::default() },
        );
        let _ = Totals::compute(&r.plan);
        let r = understand(&grid, &ImportOptions::default());
        let _ = Totals::compute(&r.plan);
    }
}

#[test]
fn mutated_workbooks_are_refused_or_read_never_crash() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for name in ["seed_rows.xlsx", "seed_columns.xls", "seed_rows.xlsb", "seed_columns.ods"] {
        let original = fixture(name);
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len() as u64) as usize;
                bytes[at] = rng.next() as u8;
            }
            if let Ok(wb) = open_workbook(&bytes) {
                for info in wb.sheets().to_vec() {
                    if let Ok(grid) = wb.sheet(&info.name) {
                        let _ = Totals::compute(&understand(&grid, &ImportOptions::default()).plan);
                    }
                }
            }
        }
    }
}

#[test]
fn a_two_row_header_over_lines_and_funding_columns() {
    let grid = SheetGrid::from_rows(
        "S",
        vec![
            vec![t("Đơn vị tính: triệu đồng")],
            vec![t("Năm"), t("Nội dung chi"), t(""), t("Nguồn vốn"), t("")],
            vec![t(""), t("Tuyên truyền"), t("Quản lý"), t("Trung ương"), t("Địa phương")],
            vec![n(dec!(2013)), n(dec!(70)), n(dec!(25)), n(dec!(38)), n(dec!(57))],
            vec![n(dec!(2014)), n(dec!(70)), n(dec!(25)), n(dec!(38)), n(dec!(57))],
        ],
    )
    .with_merged(vec![
        Region { first_row: 1, first_col: 0, last_row: 2, last_col: 0 },
        Region { first_row: 1, first_col: 1, last_row: 1, last_col: 2 },
        Region { first_row: 1, first_col: 3, last_row: 1, last_col: 4 },
    ]);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.recognised.header_rows, [1, 2]);
    let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Tuyên truyền", "Quản lý"]);
    let sources: Vec<(SourceKind, ShareRule)> = r.plan.sources.iter().map(|s| (s.kind, s.rule)).collect();
    assert_eq!(
        sources,
        [
            (SourceKind::CentralBudget, ShareRule::percent(dec!(40))),
            (SourceKind::LocalBudget, ShareRule::percent(dec!(60)))
        ]
    );
}
