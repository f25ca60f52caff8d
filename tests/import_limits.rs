//! Spreadsheet import of what is not a budget table: files that cannot be imported, the size
//! limits, random grids and mutated workbooks (nothing panics, everything is refused or read).
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::{Diagnostic, Severity};
use kehoach::engine::Totals;
use kehoach::io::import::{
    Cell, FileKind, Format, ImportError, ImportOptions, Orientation, Region, SheetGrid, SizeLimit, import,
    open_workbook, understand,
};
use kehoach::locale::{Lang, Message};
use kehoach::model::MoneyUnit;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[path = "support/grids.rs"]
mod grids;
use grids::{fixture, n, one_line_grid, t};

// ---------------------------------------------------------------------------------------------
// Files that cannot be imported.

#[test]
fn a_pdf_is_not_a_spreadsheet() {
    let e = open_workbook(&fixture("not_a_spreadsheet.xlsx")).expect_err("refused");
    assert_eq!(e, ImportError::NotASpreadsheet { found: FileKind::Pdf });
    assert!(e.text(Lang::Vi).contains("PDF"));
    assert!(e.text(Lang::En).contains("PDF"));
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let e = open_workbook(&fixture("truncated.xlsx")).expect_err("refused");
    assert!(matches!(e, ImportError::Damaged { format: Format::Xlsx, .. }), "{e:?}");
    assert!(e.text(Lang::Vi).contains("hỏng"));
}

#[test]
fn a_password_protected_workbook_is_encrypted() {
    let e = open_workbook(&fixture("encrypted.xlsx")).expect_err("refused");
    assert_eq!(e, ImportError::Encrypted);
    assert!(e.text(Lang::En).contains("password"));
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
fn oversized_sheets_are_refused_while_their_cells_are_read() {
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
        assert!(e.text(Lang::En).starts_with(&format!("Sheet 'Sheet1' is too large {en}.")), "{e:?}");
        assert!(e.text(Lang::Vi).contains("quá lớn") && e.text(Lang::Vi).contains(vi));
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
    assert!(e.text(Lang::En).starts_with("The file is 31 MB, more than the 30 MB limit."), "{e:?}");
    assert!(e.text(Lang::Vi).starts_with("Tệp nặng 31 MB, vượt giới hạn 30 MB."), "{e:?}");
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
    assert_eq!(clipped[0].location.to_string(), "'Sheet1'!A1");
    assert_eq!(clipped[0].severity, Severity::Warning);
    assert_eq!(clipped[0].text.get(Lang::En), "A text cell is longer than 10000 characters: cut short.");
    assert_eq!(clipped[0].text.get(Lang::Vi), "Ô chữ dài quá 10000 ký tự: đã cắt bớt.");
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
    let at: Vec<String> = r.diagnostics.iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = r.diagnostics.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
    assert_eq!(w, [("amount_too_large", "'Kinh phí'!B4"), ("amount_too_large", "'Kinh phí'!B5")]);
    assert!(
        r.diagnostics[0]
            .text
            .get(Lang::En)
            .ends_with("is too large to be an amount of the plan: skipped. Check the unit.")
    );
    assert!(r.diagnostics[0].text.get(Lang::Vi).contains("quá lớn để là số tiền của kế hoạch: bỏ qua"));
    let amounts = &r.plan.lines[0].amounts;
    assert_eq!((amounts.get(&2013), amounts.get(&2014), amounts.get(&2016)), (Some(&below), None, Some(&dec!(5))));
    // In tỷ đồng (10^9 đồng) the limit is 10^12.
    let grid = one_line_grid("ĐVT: tỷ đồng", vec![n(dec!(999999999999)), n(dec!(1000000000000))]);
    let r = understand(&grid, &ImportOptions::default());
    let at: Vec<String> = r.diagnostics.iter().map(|d| d.location.to_string()).collect();
    let w: Vec<(&str, &str)> = r.diagnostics.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
    assert_eq!(w, [("amount_too_large", "'Kinh phí'!B4")]);
}

/// A workbook whose first sheet, "Kinh phí", holds a one-line budget table stating no funding,
/// and whose second sheet, `name`, holds `rows` of text, with an empty formatted cell at `corner`
/// that sets the sheet's declared size; `filled`: with a number in every cell below `rows` up to
/// `corner`, so that the sheet really is that large.
fn budget_and_sheet(name: &str, rows: &[&[&str]], corner: (u32, u16), filled: bool) -> Vec<u8> {
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
    if filled {
        for r in rows.len() as u32 + 1..=corner.0 {
            for c in 0..=corner.1 {
                ws.write_number(r, c, 1).expect("writes");
            }
        }
    }
    ws.write_blank(corner.0, corner.1, &rust_xlsxwriter::Format::new().set_bold()).expect("writes");
    wb.save_to_buffer().expect("saves")
}

#[test]
fn limit_max_funding_sheet_cells() {
    // A funding sheet is looked at only up to 10,000 cells; larger ones are skipped silently (no
    // suggestion), as they are no funding table. Its size is the declared one unless its XML is
    // too small to hold that many cells: a stale size hides nothing.
    let funding: &[&[&str]] = &[
        &["Nguồn vốn", "Tỷ lệ"],
        &["Ngân sách Trung ương", "40 %"],
        &["Ngân sách địa phương", "60 %"],
        &["Tổng cộng", "100 %"],
    ];
    let at_limit =
        import(&budget_and_sheet("Nguồn vốn", funding, (99, 99), true), &ImportOptions::default()).expect("imports");
    assert!(!at_limit.has_errors(), "{:#?}", at_limit.diagnostics);
    let names: Vec<&str> = at_limit.plan.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ngân sách Trung ương", "Ngân sách địa phương"]);
    let over =
        import(&budget_and_sheet("Nguồn vốn", funding, (99, 100), true), &ImportOptions::default()).expect("imports");
    assert!(!over.has_errors(), "{:#?}", over.diagnostics);
    assert!(over.plan.sources.is_empty(), "{:#?}", over.plan.sources);
    assert_eq!(over.plan.lines.len(), 1);
    // Declared as large, but a few cells (a formatted cell far away, a stale <dimension>).
    let stale = import(&budget_and_sheet("Nguồn vốn", funding, (1_048_575, 16_383), false), &ImportOptions::default())
        .expect("imports");
    let names: Vec<&str> = stale.plan.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ngân sách Trung ương", "Ngân sách địa phương"]);
}

#[test]
fn limit_max_target_sheet_cells() {
    // A targets sheet is looked at only up to 50,000 cells; larger ones are skipped silently.
    // Declared large but small in fact, it is looked at.
    let targets: &[&[&str]] = &[
        &["Lĩnh vực", "Chỉ tiêu", "Đối tượng", "Năm 2015", "Năm 2020", "Chủ trì"],
        &["Xóa mù chữ", "Người 15–60 tuổi biết chữ", "", "trên 96%", "98%", "Sở GD&ĐT"],
    ];
    let at_limit =
        import(&budget_and_sheet("Chỉ tiêu", targets, (99, 499), false), &ImportOptions::default()).expect("imports");
    assert!(!at_limit.has_errors(), "{:#?}", at_limit.diagnostics);
    let names: Vec<&str> = at_limit.plan.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Người 15–60 tuổi biết chữ"]);
    let over =
        import(&budget_and_sheet("Chỉ tiêu", targets, (100, 499), true), &ImportOptions::default()).expect("imports");
    assert!(!over.has_errors(), "{:#?}", over.diagnostics);
    assert!(over.plan.targets.is_empty(), "{:#?}", over.plan.targets);
    assert_eq!(over.plan.lines.len(), 1);
    let stale = import(&budget_and_sheet("Chỉ tiêu", targets, (1_048_575, 16_383), false), &ImportOptions::default())
        .expect("imports");
    assert_eq!(stale.plan.targets.len(), 1);
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
