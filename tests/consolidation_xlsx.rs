//! A consolidated plan through `.xlsx`: a sheet per unit laid out as the budget sheet, holding
//! the unit's contributions; the budget sheet's amounts live sums of the unit sheets (and of the
//! adjustments made in the consolidated plan), the plan's own figures cached; a list of the units.
//! Read back with calamine, with kehoach's own import, and recalculated by LibreOffice.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/libreoffice.rs"]
mod libreoffice;
#[path = "support/temp.rs"]
mod temp;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use kehoach::engine::Totals;
use kehoach::io::import::{ImportOptions, decimal_from_f64, import};
use kehoach::io::xlsx_export::{
    ADJUSTMENTS_SHEET, BUDGET_SHEET, FUNDING_SHEET, TARGETS_SHEET, UNITS_SHEET, to_xlsx, unit_sheet_names,
};
use kehoach::locale::Lang;
use kehoach::model::{Consolidation, ItemId, MoneyUnit, Plan, UnitShare, Year, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const BA_BE: &str = "Huyện Ba Bể";
const CHO_DON: &str = "Huyện Chợ Đồn";
const SO_GD: &str = "Sở Giáo dục và Đào tạo";

/// Rows of the budget layout (0-based): the "Tổng số" row, then the lines.
const TOTAL_ROW: u32 = 6;
const FIRST_LINE: u32 = 7;
/// Columns: STT, Nội dung, 2021, 2022, Cộng GĐ 1, 2023, 2024, 2025, Cộng GĐ 2, Tổng số.
const YEAR_COLS: [(Year, u32); 5] = [(2021, 2), (2022, 3), (2023, 5), (2024, 6), (2025, 7)];
const PHASE_COLS: [u32; 2] = [4, 8];
const TOTAL_COL: u32 = 9;

/// A unit's contributions: line index, then (year, amount).
type Cells = &'static [(usize, &'static [(Year, Decimal)])];

/// Three units' contributions to the lines "Hội nghị, hội thảo" (1), "In ấn tài liệu" (2) (both
/// under the group "Tuyên truyền, phổ biến" (0)), "Đào tạo, bồi dưỡng" (3), "Kiểm tra, giám sát" (4).
const UNITS: [(&str, &str, MoneyUnit, Cells); 3] = [
    (
        BA_BE,
        "Ke hoach Ba Be.xlsx",
        MoneyUnit::Million,
        &[
            (1, &[(2021, dec!(70.5)), (2022, dec!(30.25)), (2023, dec!(40))]),
            (2, &[(2021, dec!(12.3))]),
            (3, &[(2024, dec!(100.75))]),
        ],
    ),
    (
        CHO_DON,
        "Cho Don.xlsx",
        MoneyUnit::Thousand,
        &[
            (1, &[(2021, dec!(20.1)), (2023, dec!(15.5))]),
            (3, &[(2022, dec!(55.25)), (2025, dec!(60))]),
            (4, &[(2023, dec!(8.4))]),
        ],
    ),
    (
        SO_GD,
        "draft-42",
        MoneyUnit::Dong,
        &[
            (2, &[(2022, dec!(110.6)), (2024, dec!(95.45))]),
            (3, &[(2021, dec!(200)), (2023, dec!(150.5))]),
            (4, &[(2025, dec!(25.125))]),
        ],
    ),
];

/// The adjusted cell: "Hội nghị, hội thảo" in 2021, 90.6 from the units, 95.6 in the plan.
const ADJUSTED: (usize, Year, Decimal) = (1, 2021, dec!(95.6));

/// The consolidated plan: triệu đồng, phases 2021–2022 and 2023–2025, a group of two lines and two
/// more lines, each cell the units' sum, but for one adjusted cell when `adjusted`.
fn consolidated(adjusted: bool) -> Plan {
    let mut plan = Plan::new(
        "Kế hoạch tổng hợp thực hiện Đề án xây dựng xã hội học tập giai đoạn 2021–2025",
        YearRange::new(2021, 2025),
        MoneyUnit::Million,
    );
    plan.issuer = "UBND tỉnh Bắc Kạn".into();
    plan.push_phase("Giai đoạn 1", YearRange::new(2021, 2022));
    plan.push_phase("Giai đoạn 2", YearRange::new(2023, 2025));
    for (name, depth) in [
        ("Tuyên truyền, phổ biến", 0),
        ("Hội nghị, hội thảo", 1),
        ("In ấn tài liệu", 1),
        ("Đào tạo, bồi dưỡng", 0),
        ("Kiểm tra, giám sát", 0),
    ] {
        plan.push_line(name, &[]);
        plan.lines.last_mut().expect("line").depth = depth;
    }
    let mut units = Vec::new();
    for (k, (name, origin, unit, cells)) in UNITS.iter().enumerate() {
        let mut amounts: BTreeMap<ItemId, BTreeMap<Year, Decimal>> = BTreeMap::new();
        for &(line, years) in cells.iter() {
            let id = plan.lines[line].id;
            for &(y, v) in years {
                amounts.entry(id).or_default().insert(y, v);
                *plan.lines[line].amounts.entry(y).or_default() += v;
            }
        }
        let total = amounts.values().flat_map(|m| m.values()).sum();
        units.push(UnitShare {
            id: ItemId(100 + k as u32),
            name: name.to_string(),
            origin: origin.to_string(),
            unit: *unit,
            total,
            amounts,
            ..Default::default()
        });
    }
    if adjusted {
        let (line, year, value) = ADJUSTED;
        assert_eq!(plan.lines[line].amounts[&year], dec!(90.6), "the units' sum");
        plan.lines[line].amounts.insert(year, value);
    }
    plan.consolidation = Some(Box::new(Consolidation { units, corrections: Vec::new() }));
    plan
}

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: &[u8]) -> Book {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("opens")
}

fn values(book: &mut Book, sheet: &str) -> Range<Data> {
    book.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"))
}

fn formulas(book: &mut Book, sheet: &str) -> Range<String> {
    book.worksheet_formula(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"))
}

/// A cell's number (`None`: empty), to 9 decimals.
fn number(range: &Range<Data>, row: u32, col: u32) -> Option<Decimal> {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => None,
        Some(Data::Float(f)) => decimal_from_f64(*f).map(|d| d.round_dp(9).normalize()),
        Some(Data::Int(i)) => Some(Decimal::from(*i)),
        Some(other) => panic!("({row}, {col}) holds {other:?}, not a number"),
    }
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        None | Some(Data::Empty) => String::new(),
        Some(other) => other.to_string(),
    }
}

fn formula(range: &Range<String>, row: u32, col: u32) -> String {
    range.get_value((row, col)).cloned().unwrap_or_default()
}

/// What unit `k` puts in line `line`, year `year`.
fn contribution(k: usize, line: usize, year: Year) -> Option<Decimal> {
    UNITS[k].3.iter().find(|(l, _)| *l == line).and_then(|(_, ys)| ys.iter().find(|(y, _)| *y == year)).map(|(_, v)| *v)
}

/// Every cell of a sheet's budget table (rows 0 to the last line, every column) that is not a
/// leaf line's year cell.
fn layout_cells(plan: &Plan) -> Vec<(u32, u32)> {
    let totals = Totals::compute(plan);
    let mut cells = Vec::new();
    for row in 0..FIRST_LINE + plan.lines.len() as u32 {
        for col in 0..=TOTAL_COL {
            let line = row.checked_sub(FIRST_LINE).map(|i| i as usize);
            let leaf_year = line.is_some_and(|i| !totals.is_group(i)) && YEAR_COLS.iter().any(|(_, c)| *c == col);
            if !leaf_year {
                cells.push((row, col));
            }
        }
    }
    cells
}

#[test]
fn each_unit_has_a_sheet_laid_out_as_the_budget_sheet_with_its_contributions() {
    let plan = consolidated(true);
    for lang in [Lang::Vi, Lang::En] {
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let mut book = open(&bytes);
        let (units_sheet, adjustments_sheet) = (UNITS_SHEET, ADJUSTMENTS_SHEET);
        let adjustments = adjustments_sheet.get(lang);
        let expected =
            [BUDGET_SHEET, FUNDING_SHEET, TARGETS_SHEET, units_sheet.get(lang), BA_BE, CHO_DON, SO_GD, adjustments];
        assert_eq!(book.sheet_names(), expected, "{lang:?}");
        let summary = values(&mut book, BUDGET_SHEET);
        let summary_formulas = formulas(&mut book, BUDGET_SHEET);
        let layout = layout_cells(&plan);
        for (k, (name, ..)) in UNITS.iter().enumerate() {
            let sheet = values(&mut book, name);
            let sheet_formulas = formulas(&mut book, name);
            // The unit's contributions in the leaf cells, blank where it has none.
            for line in 1..plan.lines.len() {
                for (year, col) in YEAR_COLS {
                    let row = FIRST_LINE + line as u32;
                    assert_eq!(
                        number(&sheet, row, col),
                        contribution(k, line, year),
                        "{lang:?} {name} line {line} {year}"
                    );
                    assert_eq!(formula(&sheet_formulas, row, col), "", "{lang:?} {name}: a figure, not a formula");
                }
            }
            // Everything else as on the budget sheet: headings, names, the same formulas; the
            // line above the table names the unit.
            for &(row, col) in &layout {
                if (row, col) == (2, 0) {
                    assert!(text(&sheet, row, col).contains(name), "{lang:?} {name}: {}", text(&sheet, row, col));
                    continue;
                }
                assert_eq!(
                    formula(&sheet_formulas, row, col),
                    formula(&summary_formulas, row, col),
                    "{lang:?} {name} ({row}, {col})"
                );
                if formula(&summary_formulas, row, col).is_empty() {
                    assert_eq!(text(&sheet, row, col), text(&summary, row, col), "{lang:?} {name} ({row}, {col})");
                }
            }
            // The formulas' cached figures are the unit's own.
            let own: Decimal = UNITS[k].3.iter().flat_map(|(_, ys)| ys.iter().map(|(_, v)| *v)).sum();
            assert_eq!(number(&sheet, TOTAL_ROW, TOTAL_COL), Some(own.normalize()), "{lang:?} {name}");
            let group: Decimal =
                [1, 2].iter().flat_map(|&l| YEAR_COLS.map(|(y, _)| contribution(k, l, y))).flatten().sum();
            assert_eq!(number(&sheet, FIRST_LINE, TOTAL_COL), Some(group.normalize()), "{lang:?} {name}: the group");
        }
        assert_eq!(number(&values(&mut book, BA_BE), TOTAL_ROW, TOTAL_COL), Some(dec!(253.8)));
        assert_eq!(number(&values(&mut book, BA_BE), TOTAL_ROW, PHASE_COLS[0]), Some(dec!(113.05)));
        // The adjustments' sheet: the one adjusted cell, the plan less the units' sum.
        let adjusted = values(&mut book, adjustments);
        for line in 1..plan.lines.len() {
            for (year, col) in YEAR_COLS {
                let want = ((line, year) == (ADJUSTED.0, ADJUSTED.1)).then_some(dec!(5));
                assert_eq!(number(&adjusted, FIRST_LINE + line as u32, col), want, "{lang:?} line {line} {year}");
            }
        }
        assert_eq!(number(&adjusted, TOTAL_ROW, TOTAL_COL), Some(dec!(5)));
    }
}

#[test]
fn the_budget_sheet_sums_the_unit_sheets_with_the_plans_figures_cached() {
    let plan = consolidated(true);
    let totals = Totals::compute(&plan);
    assert_eq!(
        (totals.grand(), totals.phase_total(0), totals.phase_total(1)),
        (dec!(999.725), dec!(504), dec!(495.725))
    );
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let mut book = open(&bytes);
    let summary = values(&mut book, BUDGET_SHEET);
    let summary_formulas = formulas(&mut book, BUDGET_SHEET);
    let mut formula_cells = 0;
    for (i, line) in plan.lines.iter().enumerate().skip(1) {
        let row = FIRST_LINE + i as u32;
        for (year, col) in YEAR_COLS {
            let at = format!("{}{}", (b'A' + col as u8) as char, row + 1);
            let f = formula(&summary_formulas, row, col);
            match line.amounts.get(&year) {
                Some(v) => {
                    let want = format!("'{BA_BE}'!{at}+'{CHO_DON}'!{at}+'{SO_GD}'!{at}+'Điều chỉnh'!{at}");
                    assert_eq!(f.trim_start_matches('='), want, "line {i} {year}");
                    assert_eq!(number(&summary, row, col), Some(v.normalize()), "line {i} {year}: cached");
                    formula_cells += 1;
                }
                // Empty in the plan and in every unit: empty.
                None => {
                    assert_eq!((f.as_str(), number(&summary, row, col)), ("", None), "line {i} {year}");
                    assert!((0..3).all(|k| contribution(k, i, year).is_none()));
                }
            }
        }
    }
    assert_eq!(formula_cells, 13, "every filled leaf cell is a sum");
    // The adjusted cell caches the plan's figure, not the units' sum.
    let (line, _, value) = ADJUSTED;
    assert_eq!(number(&summary, FIRST_LINE + line as u32, 2), Some(value));
    // The derived cells stay SUBTOTAL/SUM formulas over the sheet, with the plan's figures.
    assert!(formula(&summary_formulas, TOTAL_ROW, TOTAL_COL).contains("SUBTOTAL(9,J8:J12)"));
    assert_eq!(number(&summary, TOTAL_ROW, TOTAL_COL), Some(dec!(999.725)));
    assert_eq!(number(&summary, TOTAL_ROW, PHASE_COLS[0]), Some(dec!(504)));
    assert_eq!(number(&summary, TOTAL_ROW, PHASE_COLS[1]), Some(dec!(495.725)));
    assert_eq!(number(&summary, FIRST_LINE, TOTAL_COL), Some(dec!(399.7)), "the group");
}

#[test]
fn without_adjustments_there_is_no_adjustments_sheet() {
    let plan = consolidated(false);
    let bytes = to_xlsx(&plan, Lang::En).expect("exports");
    let mut book = open(&bytes);
    assert!(!book.sheet_names().iter().any(|s| s == ADJUSTMENTS_SHEET.get(Lang::En)), "{:?}", book.sheet_names());
    let f = formula(&formulas(&mut book, BUDGET_SHEET), FIRST_LINE + 1, 2);
    assert_eq!(f.trim_start_matches('='), format!("'{BA_BE}'!C9+'{CHO_DON}'!C9+'{SO_GD}'!C9"));
    assert_eq!(number(&values(&mut book, BUDGET_SHEET), FIRST_LINE + 1, 2), Some(dec!(90.6)));
}

#[test]
fn the_units_sheet_lists_who_contributes_what() {
    let plan = consolidated(true);
    for (lang, unit_names) in
        [(Lang::Vi, ["Triệu đồng", "Nghìn đồng", "Đồng"]), (Lang::En, ["Million VND", "Thousand VND", "VND"])]
    {
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let mut book = open(&bytes);
        let sheet = values(&mut book, UNITS_SHEET.get(lang));
        let sheet_formulas = formulas(&mut book, UNITS_SHEET.get(lang));
        // Header on row 3; columns: No., unit, origin, money unit, phase 1, phase 2, total, notes.
        let totals = [dec!(253.8), dec!(159.25), dec!(581.675)];
        let phase1 = [dec!(113.05), dec!(75.35), dec!(310.6)];
        for (k, (name, origin, ..)) in UNITS.iter().enumerate() {
            let row = 4 + k as u32;
            assert_eq!((text(&sheet, row, 1), text(&sheet, row, 2)), (name.to_string(), origin.to_string()));
            assert_eq!(text(&sheet, row, 3), unit_names[k], "{lang:?}");
            assert_eq!(formula(&sheet_formulas, row, 6).trim_start_matches('='), format!("'{name}'!J7"));
            assert_eq!(formula(&sheet_formulas, row, 4).trim_start_matches('='), format!("'{name}'!E7"));
            assert_eq!(number(&sheet, row, 6), Some(totals[k]), "{lang:?} {name}");
            assert_eq!(number(&sheet, row, 4), Some(phase1[k]), "{lang:?} {name}");
            assert_eq!(text(&sheet, row, 7), "", "{lang:?} {name}: its sheet shows all its draft");
        }
        // The adjustments, then the sum: the budget sheet's totals.
        assert_eq!(text(&sheet, 7, 1), ADJUSTMENTS_SHEET.get(lang));
        assert_eq!(number(&sheet, 7, 6), Some(dec!(5)));
        assert_eq!(formula(&sheet_formulas, 8, 6).trim_start_matches('='), "SUM(G5:G8)");
        assert_eq!(
            (number(&sheet, 8, 4), number(&sheet, 8, 5), number(&sheet, 8, 6)),
            (Some(dec!(504)), Some(dec!(495.725)), Some(dec!(999.725)))
        );
    }
}

#[test]
fn a_unit_whose_draft_totals_more_than_its_sheet_says_so() {
    let mut plan = consolidated(false);
    let unit = &mut plan.consolidation.as_mut().expect("consolidated").units[0];
    // A contribution to a line since removed from the consolidated plan.
    unit.amounts.insert(ItemId(999), BTreeMap::from([(2021, dec!(10))]));
    unit.total += dec!(10);
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let mut book = open(&bytes);
    let sheet = values(&mut book, UNITS_SHEET.get(Lang::Vi));
    assert_eq!(number(&sheet, 4, 6), Some(dec!(253.8)));
    assert_eq!(text(&sheet, 4, 7), "Bản của đơn vị có tổng số 263,8");
    assert!(!book.sheet_names().iter().any(|s| s == "Điều chỉnh"));
}

#[test]
fn the_consolidated_export_imports_back_to_the_same_plan() {
    let plan = consolidated(true);
    let mut plain = plan.clone();
    plain.consolidation = None;
    let totals = Totals::compute(&plan);
    for lang in [Lang::Vi, Lang::En] {
        let r = import(&to_xlsx(&plan, lang).expect("exports"), &ImportOptions::default()).expect("imports");
        assert!(r.diagnostics.is_empty(), "{lang:?}: {:#?}", r.diagnostics);
        assert_eq!(r.recognised.sheet, BUDGET_SHEET, "{lang:?}");
        let back = r.plan;
        let amounts =
            |p: &Plan| p.lines.iter().map(|l| (l.name.clone(), l.depth, l.amounts.clone())).collect::<Vec<_>>();
        assert_eq!(amounts(&back), amounts(&plan), "{lang:?}");
        let b = Totals::compute(&back);
        assert_eq!(b.grand(), totals.grand(), "{lang:?}");
        assert_eq!((b.phase_total(0), b.phase_total(1)), (totals.phase_total(0), totals.phase_total(1)), "{lang:?}");
        assert_eq!(back.phases.len(), 2);
        // The unit sheets and the list of units add nothing: the same plan as without them.
        let alone = import(&to_xlsx(&plain, lang).expect("exports"), &ImportOptions::default()).expect("imports").plan;
        assert_eq!(back, alone, "{lang:?}");
    }
}

#[test]
fn unit_sheet_names_are_made_fit_for_excel() {
    let mut plan = consolidated(true);
    let names = [
        "Ban Quản lý các dự án đầu tư xây dựng tỉnh Bắc Kạn",
        "Huyện Ba Bể",
        "huyện ba bể",
        "Phòng GD/ĐT: [Ngân Sơn]*?",
        "  ",
        "Kinh phí",
        "'Sở Y tế'",
        "Phòng Tài chính – Kế hoạch của UBND huyện Pác Nặm",
        "Phòng Tài chính – Kế hoạch của UBND huyện Pác Nặm",
        "Xã Nà Phặc's",
    ];
    let c = plan.consolidation.as_mut().expect("consolidated");
    let template = c.units[0].clone();
    c.units = names
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let mut u = template.clone();
            u.name = n.to_string();
            u.id = ItemId(200 + k as u32);
            u.amounts = BTreeMap::new();
            u
        })
        .collect();
    // The first unit contributes everything.
    c.units[0].amounts = plan.lines.iter().map(|l| (l.id, l.amounts.clone())).collect();
    let sheets = unit_sheet_names(plan.consolidation.as_ref().expect("consolidated"), Lang::Vi);
    assert_eq!(
        sheets,
        [
            "Ban Quản lý các dự án đầu tư xâ",
            "Huyện Ba Bể",
            "huyện ba bể (2)",
            "Phòng GD-ĐT- -Ngân Sơn---",
            "Đơn vị 5",
            "Kinh phí (2)",
            "Sở Y tế",
            "Phòng Tài chính – Kế hoạch của",
            "Phòng Tài chính – Kế hoạch (2)",
            "Xã Nà Phặc's",
        ]
        .map(String::from)
    );
    assert!(sheets.iter().all(|s| s.encode_utf16().count() <= 31));
    let bytes = to_xlsx(&plan, Lang::Vi).expect("every name is a valid sheet name");
    let mut book = open(&bytes);
    for s in &sheets {
        assert!(book.sheet_names().contains(s), "{s}");
    }
    let f = formula(&formulas(&mut book, BUDGET_SHEET), FIRST_LINE + 1, 2);
    // The first unit gives every figure: no adjustments.
    assert!(f.ends_with("+'Kinh phí (2)'!C9+'Sở Y tế'!C9+'Phòng Tài chính – Kế hoạch của'!C9+'Phòng Tài chính – Kế hoạch (2)'!C9+'Xã Nà Phặc''s'!C9"), "{f}");
    assert!(f.trim_start_matches('=').starts_with("'Ban Quản lý các dự án đầu tư xâ'!C9+'Huyện Ba Bể'!C9+"), "{f}");
}

#[test]
fn a_consolidation_of_no_unit_exports_as_a_plain_plan() {
    let mut plan = consolidated(true);
    plan.consolidation.as_mut().expect("consolidated").units.clear();
    let mut book = open(&to_xlsx(&plan, Lang::Vi).expect("exports"));
    assert_eq!(book.sheet_names(), [BUDGET_SHEET, FUNDING_SHEET, TARGETS_SHEET]);
    assert_eq!(formula(&formulas(&mut book, BUDGET_SHEET), FIRST_LINE + 1, 2), "");
}

/// The numbers of the row whose label (in column `col`) is `label`, in order.
fn numbers_of(grid: &[Vec<String>], col: usize, label: &str) -> Vec<Decimal> {
    let row =
        grid.iter().find(|r| r.get(col).is_some_and(|c| c.trim() == label)).unwrap_or_else(|| panic!("no row {label}"));
    row.iter()
        .skip(col + 1)
        .filter_map(|c| c.trim().parse::<Decimal>().ok())
        .map(|d| d.round_dp(9).normalize())
        .collect()
}

/// No cell LibreOffice could not compute: no "Err:502", "#NAME?", "#REF!" anywhere.
fn assert_no_error_cell(sheets: &[libreoffice::Sheet], what: &str) {
    for (name, grid) in sheets {
        for cell in grid.iter().flatten() {
            assert!(!cell.starts_with("Err:") && !cell.starts_with('#'), "{what} {name}: {cell}");
        }
    }
}

#[test]
fn libreoffice_recalculates_the_consolidated_budget_to_the_plans_figures() {
    let plan = consolidated(true);
    let totals = Totals::compute(&plan);
    for (lang, total_label) in [(Lang::Vi, "Tổng số"), (Lang::En, "Total")] {
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let sheets = libreoffice::recalculated_sheets(&bytes, "lo", &format!("consolidated-{}", lang.code()));
        if sheets.is_empty() {
            return;
        }
        assert_no_error_cell(&sheets, &format!("{lang:?}"));
        let budget = libreoffice::sheet(&sheets, BUDGET_SHEET);
        // The total row: 2021, 2022, Cộng GĐ 1, 2023, 2024, 2025, Cộng GĐ 2, Tổng số.
        let row = numbers_of(budget, 1, total_label);
        assert_eq!(
            row,
            [
                totals.year_total(2021),
                totals.year_total(2022),
                totals.phase_total(0),
                totals.year_total(2023),
                totals.year_total(2024),
                totals.year_total(2025),
                totals.phase_total(1),
                totals.grand(),
            ]
            .map(|d| d.normalize()),
            "{lang:?}"
        );
        assert_eq!(row.last().copied(), Some(dec!(999.725)));
        assert_eq!((row[2], row[6]), (dec!(504), dec!(495.725)));
        // Each line, every year: the plan's own figures, the adjusted cell included.
        for (i, line) in plan.lines.iter().enumerate() {
            let figures = numbers_of(budget, 1, &line.name);
            let mut want: Vec<Decimal> = Vec::new();
            for (y, _) in YEAR_COLS {
                if totals.is_group(i) {
                    // A group's SUBTOTAL over empty cells is 0.
                    want.push(totals.group_cell(i, y).unwrap_or_default());
                } else {
                    want.extend(line.amounts.get(&y).copied());
                }
                if y == 2022 {
                    want.push(totals.line_phase_total(i, 0));
                }
            }
            want.push(totals.line_phase_total(i, 1));
            want.push(totals.line_total(i));
            let want: Vec<Decimal> = want.into_iter().map(|d| d.normalize()).collect();
            assert_eq!(figures, want, "{lang:?} {}", line.name);
        }
        assert_eq!(
            numbers_of(budget, 1, "Hội nghị, hội thảo").first().copied(),
            Some(dec!(95.6)),
            "{lang:?}: adjusted"
        );
        // A unit's sheet recalculated: its own totals.
        let ba_be = numbers_of(libreoffice::sheet(&sheets, BA_BE), 1, total_label);
        assert_eq!(ba_be.last().copied(), Some(dec!(253.8)), "{lang:?} {ba_be:?}");
        // The list of units sums to the plan's total.
        let units = numbers_of(libreoffice::sheet(&sheets, UNITS_SHEET.get(lang)), 1, total_label);
        assert_eq!(units, [dec!(504), dec!(495.725), dec!(999.725)], "{lang:?}");
    }
}

#[test]
fn libreoffice_follows_unit_sheets_with_awkward_names() {
    let mut plan = consolidated(true);
    let c = plan.consolidation.as_mut().expect("consolidated");
    c.units[0].name = "Xã Nà Phặc's [Ngân Sơn]".into();
    c.units[1].name = "Ban Quản lý các dự án đầu tư xây dựng tỉnh Bắc Kạn".into();
    c.units[2].name = "ban quản lý các dự án đầu tư xây dựng".into();
    let names = unit_sheet_names(c, Lang::Vi);
    assert_eq!(names[2], "ban quản lý các dự án đầu t (2)");
    let totals = Totals::compute(&plan);
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let sheets = libreoffice::recalculated_sheets(&bytes, "lo", "consolidated-names");
    if sheets.is_empty() {
        return;
    }
    assert_no_error_cell(&sheets, "names");
    let row = numbers_of(libreoffice::sheet(&sheets, BUDGET_SHEET), 1, "Tổng số");
    assert_eq!(row.last().copied(), Some(totals.grand()));
    assert_eq!((row[2], row[6]), (totals.phase_total(0), totals.phase_total(1)));
    let first = numbers_of(libreoffice::sheet(&sheets, BUDGET_SHEET), 1, "Hội nghị, hội thảo");
    assert_eq!(first.first().copied(), Some(dec!(95.6)));
}

#[test]
fn a_year_only_one_unit_fills_is_a_column_on_every_unit_sheet() {
    let mut plan = consolidated(true);
    // 2026, past the period and the phases: Sở Giáo dục và Đào tạo alone plans money then.
    let line = &mut plan.lines[4];
    line.amounts.insert(2026, dec!(7.5));
    let id = line.id;
    let c = plan.consolidation.as_mut().expect("consolidated");
    c.units[2].amounts.entry(id).or_default().insert(2026, dec!(7.5));
    c.units[2].total += dec!(7.5);
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let mut book = open(&bytes);
    let summary = values(&mut book, BUDGET_SHEET);
    // Columns: … Cộng GĐ 2 (8), 2026 (9), Tổng số (10).
    assert_eq!(text(&summary, 5, 9), "2026");
    assert_eq!(text(&summary, 4, 10), "Tổng số");
    for name in [BA_BE, CHO_DON, SO_GD] {
        let sheet = values(&mut book, name);
        let row: Vec<String> = (0..=10).map(|c| text(&sheet, 5, c)).collect();
        let want: Vec<String> = (0..=10).map(|c| text(&summary, 5, c)).collect();
        assert_eq!(row, want, "{name}");
        assert_eq!(text(&sheet, 4, 10), "Tổng số", "{name}");
    }
    let so_gd = values(&mut book, SO_GD);
    assert_eq!(number(&so_gd, FIRST_LINE + 4, 9), Some(dec!(7.5)));
    assert_eq!(number(&so_gd, TOTAL_ROW, 10), Some(dec!(589.175)));
    assert_eq!(number(&values(&mut book, BA_BE), FIRST_LINE + 4, 9), None);
    assert_eq!(number(&summary, TOTAL_ROW, 10), Some(dec!(1007.225)));
}
