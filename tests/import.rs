//! Spreadsheet import: every fixture of `fixtures/` (see `fixtures/README.md`), the reference
//! table in every format and both orientations, the broken files, and a totality check of the
//! understanding on random grids.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::{Diagnostic, Severity};
use kehoach::engine::Totals;
use kehoach::io::import::{
    Axis, Cell, ExcludeReason, Format, ImportError, ImportOptions, ImportResult, Orientation, PhaseEvidence, Region,
    SheetGrid, find_funding, import, open_workbook, understand,
};
use kehoach::locale::Lang;
use kehoach::model::{MoneyUnit, ShareRule, SourceKind, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[path = "support/grids.rs"]
mod grids;
use grids::{fixture, n, one_line_grid, t};

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
    let at: Vec<String> = warnings(&r).iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = warnings(&r).iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
    assert_eq!(w, [("total_mismatch", "'Kinh phí'!F7"), ("subtotal_mismatch", "'Kinh phí'!C9")]);
    let sub = &r.diagnostics[1];
    assert!(
        sub.text.get(Lang::Vi).contains("1.300") && sub.text.get(Lang::Vi).contains("1.400"),
        "{}",
        sub.text.get(Lang::Vi)
    );
    assert!(
        sub.text.get(Lang::En).contains("1,300") && sub.text.get(Lang::En).contains("1,400"),
        "{}",
        sub.text.get(Lang::En)
    );
}

#[test]
fn error_cells_are_warnings_at_their_cells_and_count_as_empty() {
    let r = import_fixture("error_cells.xlsx");
    assert!(errors(&r).is_empty());
    let at: Vec<String> = warnings(&r).iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = warnings(&r).iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
    assert_eq!(
        w,
        [("error_cell", "'Kinh phí'!B7"), ("error_cell", "'Kinh phí'!E10"), ("error_cell", "'Kinh phí'!C12")],
        "sums over an error cell are not cross-checked again"
    );
    assert!(r.diagnostics[0].text.get(Lang::En).contains("#REF!"));
    assert!(r.diagnostics[1].text.get(Lang::En).contains("#DIV/0!"));
    assert!(r.diagnostics[2].text.get(Lang::En).contains("#N/A"));
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
    assert_eq!((e[0].code.as_ref(), e[0].location.to_string().as_str()), ("no_table", "'Thuyết minh'!A1"));
    assert!(e[0].text.get(Lang::Vi).contains("Năm 2013"));
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
    assert!(warnings(&r).iter().any(|d| d.code == "total_mismatch" && d.location.to_string() == "'Kinh phí'!F6"));
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
    let at: Vec<String> = r.diagnostics.iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = r.diagnostics.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
    assert_eq!(w, [("ambiguous_number", "'Kinh phí'!B4")]);
    assert!(r.diagnostics[0].text.get(Lang::Vi).contains("1.095"));
}

#[test]
fn text_in_a_number_cell_is_a_warning_and_a_dash_is_empty() {
    let grid = one_line_grid(
        "Đơn vị tính: Triệu đồng",
        vec![t("70"), t("khoảng 70"), t("-"), t("#REF!"), Cell::Error("#N/A".into())],
    );
    let r = understand(&grid, &ImportOptions::default());
    let at: Vec<String> = r.diagnostics.iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = r.diagnostics.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
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
    let at: Vec<String> = r.diagnostics.iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = r.diagnostics.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
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
