//! The shapes real offices give their budget tables, each built as a small grid here: what the
//! import must make of it, figure by figure, and what it must say.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::Severity;
use kehoach::engine::Totals;
use kehoach::io::import::{
    Cell, ExcludeReason, FigureKind, ImportOptions, ImportResult, Region, SheetGrid, understand,
};
use kehoach::locale::Lang;
use kehoach::model::{MoneyUnit, ShareRule, SourceKind, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn n(v: i64) -> Cell {
    Cell::Number(Decimal::from(v))
}

fn e() -> Cell {
    Cell::Empty
}

fn codes(r: &ImportResult) -> Vec<(&str, String)> {
    r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect()
}

fn outline(r: &ImportResult) -> Vec<(String, u8)> {
    r.plan.lines.iter().map(|l| (l.name.clone(), l.depth)).collect()
}

fn grand(r: &ImportResult) -> Decimal {
    Totals::compute(&r.plan).grand()
}

/// `STT | Nội dung nhiệm vụ | Đơn vị thực hiện | 2021 … 2025`, with the total row's label in
/// the names column at the bottom: the agency column is not the names, the total is not a line.
#[test]
fn names_agency_and_a_total_row_labelled_in_the_names_column() {
    let mut rows = vec![
        vec![t("KẾ HOẠCH KINH PHÍ THỰC HIỆN CÁC NHIỆM VỤ GIAI ĐOẠN 2021-2025")],
        vec![e(), e(), e(), e(), e(), e(), e(), t("Đơn vị tính: triệu đồng")],
        vec![
            t("STT"),
            t("Nội dung nhiệm vụ"),
            t("Đơn vị thực hiện"),
            t("2021"),
            t("2022"),
            t("2023"),
            t("2024"),
            t("2025"),
        ],
    ];
    let mut sums = [0i64; 5];
    for k in 1..=40i64 {
        let agency = if k % 2 == 0 { "Sở Giáo dục và Đào tạo" } else { "Sở Tài chính" };
        let mut row = vec![n(k), t(&format!("Nhiệm vụ số {k}")), t(agency)];
        for (y, s) in sums.iter_mut().enumerate() {
            let v = k * 10 + y as i64;
            *s += v;
            row.push(n(v));
        }
        rows.push(row);
    }
    let mut total = vec![e(), t("TỔNG CỘNG"), e()];
    total.extend(sums.iter().map(|s| n(*s)));
    rows.push(total);
    let r = understand(&SheetGrid::from_rows("KH", rows), &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines.len(), 40);
    assert_eq!(r.plan.lines[0].name, "Nhiệm vụ số 1");
    assert_eq!(r.plan.lines[0].agency, "Sở Tài chính");
    assert_eq!(r.plan.lines[1].agency, "Sở Giáo dục và Đào tạo");
    assert_eq!(grand(&r), Decimal::from(sums.iter().sum::<i64>()));
    assert!(r.recognised.excluded.iter().any(|x| x.reason == ExcludeReason::Total && x.label == "TỔNG CỘNG"));
}

/// An annual estimate: `Thực hiện năm 2023 | Ước thực hiện năm 2024 | Dự toán năm 2025 | So sánh
/// (%)`, rows numbered I, 1, 2, a, b, II, -, -: every year kept with its kind, parents as groups,
/// the sheet's own (correct) totals agreeing.
#[test]
fn an_annual_estimate_with_kinds_of_figures_and_numbered_levels() {
    let rows = vec![
        vec![t("DỰ TOÁN THU, CHI NGÂN SÁCH NĂM 2025")],
        vec![e(), e(), e(), e(), e(), t("ĐVT: triệu đồng")],
        vec![
            t("STT"),
            t("Nội dung"),
            t("Thực hiện năm 2023"),
            t("Ước thực hiện năm 2024"),
            t("Dự toán năm 2025"),
            t("So sánh (%)"),
        ],
        vec![e(), t("TỔNG CHI"), n(1000), n(1200), n(1500), n(125)],
        vec![t("I"), t("Chi thường xuyên"), n(700), n(800), n(1000), n(125)],
        vec![t("1"), t("Sự nghiệp giáo dục"), n(400), n(450), n(600), n(133)],
        vec![t("2"), t("Sự nghiệp văn hóa"), n(300), n(350), n(400), n(114)],
        vec![t("a"), t("Thư viện"), n(100), n(150), n(150), n(100)],
        vec![t("b"), t("Bảo tàng"), n(200), n(200), n(250), n(125)],
        vec![t("II"), t("Chi đầu tư phát triển"), n(300), n(400), n(500), n(125)],
        vec![t("-"), t("Trường học"), n(200), n(300), n(350), n(117)],
        vec![t("-"), t("Trạm y tế"), n(100), n(100), n(150), n(150)],
    ];
    let r = understand(&SheetGrid::from_rows("DT", rows), &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let years: Vec<(i32, Option<FigureKind>)> = r.recognised.years.iter().map(|y| (y.year, y.kind)).collect();
    assert_eq!(
        years,
        [(2023, Some(FigureKind::Actual)), (2024, Some(FigureKind::Expected)), (2025, Some(FigureKind::Estimate))]
    );
    let o: Vec<(&str, u8)> = r.plan.lines.iter().map(|l| (l.name.as_str(), l.depth)).collect();
    assert_eq!(
        o,
        [
            ("Chi thường xuyên", 0),
            ("Sự nghiệp giáo dục", 1),
            ("Sự nghiệp văn hóa", 1),
            ("Thư viện", 2),
            ("Bảo tàng", 2),
            ("Chi đầu tư phát triển", 0),
            ("Trường học", 1),
            ("Trạm y tế", 1),
        ]
    );
    let totals = Totals::compute(&r.plan);
    assert_eq!(totals.year_total(2025), dec!(1500));
    assert_eq!(grand(&r), dec!(3700));
    assert!(r.plan.notes.contains("Dự toán"), "{}", r.plan.notes);
    assert!(r.recognised.excluded.iter().any(|x| x.reason == ExcludeReason::Percent && x.label == "So sánh (%)"));
}

/// A district estimate: `Dự toán giao năm 2024 | Dự toán giao năm 2025`, rows numbered I, 2, 2.6,
/// 2.6.1, -, +, *.
#[test]
fn a_district_estimate_with_deep_numbering() {
    let rows = vec![
        vec![t("Đơn vị tính: đồng")],
        vec![t("TT"), t("Nội dung"), t("Dự toán giao năm 2024"), t("Dự toán giao năm 2025")],
        vec![t("I"), t("Chi sự nghiệp giáo dục"), n(9_000_000), n(10_000_000)],
        vec![t("2"), t("Khối THCS"), n(9_000_000), n(10_000_000)],
        vec![t("2.6"), t("Trường THCS Nà Phặc"), n(9_000_000), n(10_000_000)],
        vec![t("2.6.1"), t("Chi thường xuyên"), n(9_000_000), n(10_000_000)],
        vec![t("-"), t("Chi con người"), n(6_000_000), n(7_000_000)],
        vec![t("+"), t("Lương"), n(5_000_000), n(6_000_000)],
        vec![t("*"), t("Lương ngạch bậc"), n(5_000_000), n(6_000_000)],
        vec![t("+"), t("Phụ cấp"), n(1_000_000), n(1_000_000)],
        vec![t("-"), t("Chi hoạt động"), n(3_000_000), n(3_000_000)],
    ];
    let r = understand(&SheetGrid::from_rows("Huyện", rows), &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.unit, MoneyUnit::Dong);
    let depths: Vec<u8> = r.plan.lines.iter().map(|l| l.depth).collect();
    assert_eq!(depths, [0, 1, 2, 3, 4, 5, 6, 5, 4]);
    assert_eq!(grand(&r), dec!(19_000_000));
    let kinds: Vec<Option<FigureKind>> = r.recognised.years.iter().map(|y| y.kind).collect();
    assert_eq!(kinds, [Some(FigureKind::Allocated), Some(FigureKind::Allocated)]);
}

/// A medium-term plan: under each `Năm 2021 … Năm 2023` the sub-columns `Tổng số | NSTW | NSĐP`,
/// and a `Kế hoạch giai đoạn 2021-2023` block: the year is its total (not added to its parts),
/// the parts become sources with their amounts, the block is a cross-checked phase.
#[test]
fn a_medium_term_plan_with_sources_under_each_year() {
    let mut head = vec![t("STT"), t("Danh mục")];
    let mut sub = vec![e(), e()];
    for y in ["Năm 2021", "Năm 2022", "Năm 2023", "Kế hoạch giai đoạn 2021-2023"] {
        head.extend([t(y), e(), e()]);
        sub.extend([t("Tổng số"), t("NSTW"), t("NSĐP")]);
    }
    let line = |code: &str, name: &str, years: [(i64, i64); 3]| {
        let mut row = vec![t(code), t(name)];
        let (mut tw, mut dp) = (0, 0);
        for (a, b) in years {
            row.extend([n(a + b), n(a), n(b)]);
            tw += a;
            dp += b;
        }
        row.extend([n(tw + dp), n(tw), n(dp)]);
        row
    };
    let rows = vec![
        vec![t("KẾ HOẠCH ĐẦU TƯ CÔNG TRUNG HẠN GIAI ĐOẠN 2021-2023")],
        vec![t("Đơn vị: triệu đồng")],
        head,
        sub,
        line("1", "Trường mầm non A", [(100, 50), (120, 60), (80, 40)]),
        line("2", "Trường tiểu học B", [(200, 100), (0, 0), (40, 20)]),
    ];
    let merged: Vec<Region> =
        (0..4).map(|k| Region { first_row: 2, first_col: 2 + 3 * k, last_row: 2, last_col: 4 + 3 * k }).collect();
    let grid = SheetGrid::from_rows("TH", rows).with_merged(merged);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines.len(), 2);
    let a: Vec<(i32, Decimal)> = r.plan.lines[0].amounts.iter().map(|(y, v)| (*y, *v)).collect();
    assert_eq!(a, [(2021, dec!(150)), (2022, dec!(180)), (2023, dec!(120))]);
    assert_eq!(grand(&r), dec!(810));
    let phases: Vec<YearRange> = r.plan.phases.iter().map(|p| p.years).collect();
    assert_eq!(phases, [YearRange::new(2021, 2023)]);
    let sources: Vec<(SourceKind, ShareRule)> = r.plan.sources.iter().map(|s| (s.kind, s.rule)).collect();
    assert_eq!(
        sources,
        [
            (SourceKind::CentralBudget, ShareRule::Amount { value: dec!(540) }),
            (SourceKind::LocalBudget, ShareRule::Amount { value: dec!(270) })
        ]
    );
    let phase = r.plan.phases[0].id;
    assert_eq!(r.plan.sources[0].phase_rules.get(&phase), Some(&ShareRule::Amount { value: dec!(540) }));
}

/// The same, with a wrong part: the whole stays, the disagreement is said at its cell.
#[test]
fn sources_that_exceed_their_years_total_are_reported() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2021"), e(), e()],
        vec![e(), t("Tổng số"), t("NSTW"), t("NSĐP")],
        vec![t("Trường A"), n(100), n(70), n(40)],
    ];
    let grid = SheetGrid::from_rows("S", rows).with_merged(vec![Region {
        first_row: 1,
        first_col: 1,
        last_row: 1,
        last_col: 3,
    }]);
    let r = understand(&grid, &ImportOptions::default());
    assert_eq!(codes(&r), [("parts_exceed_total", "'S'!B4".to_string())]);
    assert_eq!(grand(&r), dec!(100));
}

/// Parts without a whole: the year is the sum of its parts, never both.
#[test]
fn a_year_of_parts_only_is_their_sum() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2024"), e(), t("Năm 2025"), e()],
        vec![e(), t("Ngân sách tỉnh"), t("Vốn khác"), t("Ngân sách tỉnh"), t("Vốn khác")],
        vec![t("Trường A"), n(100), n(20), n(110), n(30)],
    ];
    let grid = SheetGrid::from_rows("S", rows).with_merged(vec![
        Region { first_row: 1, first_col: 1, last_row: 1, last_col: 2 },
        Region { first_row: 1, first_col: 3, last_row: 1, last_col: 4 },
    ]);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let a: Vec<Decimal> = r.plan.lines[0].amounts.values().copied().collect();
    assert_eq!(a, [dec!(120), dec!(140)]);
    let sources: Vec<(&str, SourceKind)> = r.plan.sources.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(sources, [("Ngân sách tỉnh", SourceKind::ProvincialBudget), ("Vốn khác", SourceKind::Other)]);
}

/// A `Tổng (tỷ đồng)` column beside the triệu columns is cross-checked at its own precision,
/// never added.
#[test]
fn a_total_column_in_another_unit_is_not_added() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("2024"), t("2025"), t("Tổng (tỷ đồng)")],
        vec![t("Tuyên truyền"), n(1200), n(1337), Cell::Number(dec!(2.54))],
        vec![t("Tập huấn"), n(400), n(600), n(1)],
    ];
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(grand(&r), dec!(3537));
    assert_eq!(r.plan.lines.len(), 2);
    let w: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(w, ["field_unit_checked"], "{:#?}", r.diagnostics);
}

/// Memo rows ("Trong đó", "+ Trong đó") and their items are never added.
#[test]
fn memo_rows_are_not_added() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("STT"), t("Nội dung"), t("Năm 2024"), t("Năm 2025")],
        vec![t("1"), t("Chi sự nghiệp giáo dục"), n(500), n(600)],
        vec![e(), t("Trong đó:"), e(), e()],
        vec![t("-"), t("Chi lương"), n(300), n(350)],
        vec![t("-"), t("Chi mua sắm"), n(50), n(60)],
        vec![t("2"), t("Chi sự nghiệp y tế"), n(200), n(250)],
        vec![e(), t("+ Trong đó: chi cho tuyến xã"), n(80), n(90)],
        vec![e(), t("Tổng cộng"), n(700), n(850)],
    ];
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Chi sự nghiệp giáo dục", "Chi sự nghiệp y tế"]);
    assert_eq!(grand(&r), dec!(1550));
    let memo: Decimal =
        r.recognised.excluded.iter().filter(|x| x.reason == ExcludeReason::Memo).filter_map(|x| x.sum).sum();
    assert_eq!(memo, dec!(930), "{:#?}", r.recognised.excluded);
    assert_eq!(codes(&r).iter().map(|c| c.0).collect::<Vec<_>>(), ["left_out"], "named, with its sum");
}

/// An excerpt: a parent whose listed children fall short keeps its figure; the difference is a
/// visible line under it, reported at the parent's cell.
#[test]
fn an_excerpt_keeps_the_parents_figure() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("STT"), t("Nội dung"), t("Năm 2025")],
        vec![t("I"), t("Chi thường xuyên"), n(1000)],
        vec![t("1"), t("Giáo dục"), n(600)],
        vec![t("2"), t("Y tế"), n(300)],
        vec![t("II"), t("Chi đầu tư"), n(500)],
        vec![e(), t("Tổng cộng"), n(1500)],
    ];
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(codes(&r), [("parent_mismatch", "'S'!C3".to_string())]);
    assert_eq!(grand(&r), dec!(1500));
    assert_eq!(
        outline(&r),
        [
            ("Chi thường xuyên".into(), 0),
            ("Giáo dục".into(), 1),
            ("Y tế".into(), 1),
            ("Chưa chi tiết".into(), 1),
            ("Chi đầu tư".into(), 0)
        ]
    );
}

/// A flat ledger (a row per account: fund code, account code, amount) has no years: it is
/// refused with a message that says so, and its codes never become years.
#[test]
fn a_ledger_of_accounts_is_not_a_plan_by_year() {
    let mut rows = vec![vec![t("Mã quỹ"), t("Tài khoản"), t("Tên tài khoản"), t("Số tiền")]];
    for (k, acct) in [2011i64, 2012, 2013, 2014, 2015].iter().enumerate() {
        rows.push(vec![n(12), n(*acct), t(&format!("Tài khoản {k}")), n(1_000_000 * (k as i64 + 1))]);
    }
    let r = understand(&SheetGrid::from_rows("Sổ", rows), &ImportOptions::default());
    assert!(r.plan.lines.is_empty());
    let e: Vec<&str> =
        r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code.as_ref()).collect();
    assert_eq!(e, ["ledger"], "{:#?}", r.diagnostics);
}

/// A small scratch table under the signature is not the main table; the main one is read and
/// the other is listed.
#[test]
fn the_main_table_is_chosen_over_a_scratch_table() {
    let mut rows =
        vec![vec![t("Đơn vị tính: triệu đồng")], vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025"), t("Năm 2026")]];
    for k in 1..=12i64 {
        rows.push(vec![t(&format!("Nội dung {k}")), n(k * 10), n(k * 11), n(k * 12)]);
    }
    rows.push(vec![t("Tổng cộng"), n(780), n(858), n(936)]);
    rows.push(vec![]);
    rows.push(vec![e(), e(), t("Ngày 15 tháng 10 năm 2024")]);
    rows.push(vec![e(), e(), t("Người lập biểu")]);
    rows.push(vec![]);
    rows.push(vec![]);
    rows.push(vec![t("nháp"), t("2024"), t("2025")]);
    rows.push(vec![t("x"), n(5), n(6)]);
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(r.plan.lines.len(), 12, "{:#?}", r.diagnostics);
    assert_eq!(grand(&r), dec!(2574));
    assert_eq!(r.recognised.tables.len(), 1, "the scratch table is listed");
    assert_eq!(r.recognised.tables[0].header_row, 20);
    // Choosing it reads it.
    let other = understand(
        &SheetGrid::from_rows("S", vec![vec![t("nháp"), t("2024"), t("2025")], vec![t("x"), n(5), n(6)]]),
        &ImportOptions { unit: Some(MoneyUnit::Million), ..ImportOptions::default() },
    );
    assert_eq!(grand(&other), dec!(11));
}

/// A range the planner marks is the table: a second table beside the main one is read alone,
/// and the figures outside the range are counted and said, never dropped in silence.
#[test]
fn a_marked_range_is_read_alone_and_what_lies_outside_is_said() {
    let mut rows = vec![
        vec![t("KẾ HOẠCH VỐN")],
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025"), e(), t("Hạng mục"), t("Năm 2024"), t("Năm 2025")],
    ];
    for k in 1..=6i64 {
        rows.push(vec![
            t(&format!("Dự án {k}")),
            n(k * 100),
            n(k * 110),
            e(),
            t(&format!("Hạng mục {k}")),
            n(k),
            n(k * 2),
        ]);
    }
    let grid = SheetGrid::from_rows("S", rows);
    let range = Region::parse("e3:G9").unwrap();
    assert_eq!(range.a1(), "E3:G9");
    let r = understand(&grid, &ImportOptions { range: Some(range), ..ImportOptions::default() });
    assert_eq!(r.plan.lines.len(), 6, "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines[0].name, "Hạng mục 1");
    assert_eq!(grand(&r), dec!(63), "1..6 and 2..12: 21 + 42");
    assert_eq!(r.plan.unit, MoneyUnit::Million, "the unit line above the range is still read");
    assert_eq!(r.plan.title, "KẾ HOẠCH VỐN", "the title, not the other table's texts");
    let left = r.diagnostics.iter().find(|d| d.code == "left_out").expect("the figures outside are said");
    assert!(left.text.get(Lang::En).contains("12 figures"), "{}", left.text.get(Lang::En));
    assert!(
        left.text.get(Lang::En).contains("4,410") || left.text.get(Lang::En).contains("4410"),
        "{}",
        left.text.get(Lang::En)
    );
    let out = r.recognised.excluded.iter().find(|x| x.reason == ExcludeReason::OutsideTable).unwrap();
    assert_eq!((out.count, out.sum), (12, Some(dec!(4410))));
    // A range cutting the last line off the main table: that line's figures are named.
    let r = understand(&grid, &ImportOptions { range: Region::parse("$A$3:$C$8"), ..ImportOptions::default() });
    assert_eq!(r.plan.lines.len(), 5);
    assert_eq!(grand(&r), dec!(3150));
    let out = r.recognised.excluded.iter().find(|x| x.reason == ExcludeReason::OutsideTable).unwrap();
    assert_eq!(out.count, 2 + 12, "line 6 of the main table and the whole second table");
    assert!(Region::parse("A").is_none() && Region::parse("1:2").is_none());
    // A range on a second table below the first: the sheet's title, not the first table's texts.
    let grid = SheetGrid::from_rows(
        "S",
        vec![
            vec![t("KẾ HOẠCH VỐN")],
            vec![t("Đơn vị tính: triệu đồng")],
            vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025")],
            vec![t("Dự án A"), n(10), n(20)],
            vec![],
            vec![t("Vốn sự nghiệp"), t("Năm 2024"), t("Năm 2025")],
            vec![t("Dự án B"), n(1), n(2)],
        ],
    );
    let r = understand(&grid, &ImportOptions { range: Region::parse("A6:C7"), ..ImportOptions::default() });
    assert_eq!((r.plan.title.as_str(), r.plan.unit, grand(&r)), ("KẾ HOẠCH VỐN", MoneyUnit::Million, dec!(3)));
}

/// Lines with no numbering at all, their outline shown by indentation: parents become groups
/// when their figures add up to the indented lines under them; an indent that does not add up
/// is a typing slip and the lines stay flat.
#[test]
fn indentation_gives_the_outline_when_nothing_is_numbered() {
    let head = || vec![vec![t("Đơn vị tính: triệu đồng")], vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025")]];
    let mut rows = head();
    rows.push(vec![t("Chi đầu tư phát triển"), n(300), n(330)]);
    rows.push(vec![t("    Xây dựng trường học"), n(200), n(220)]);
    rows.push(vec![t("    Trang thiết bị"), n(100), n(110)]);
    rows.push(vec![t("Chi thường xuyên"), n(50), n(60)]);
    rows.push(vec![t("\tBồi dưỡng giáo viên"), n(50), n(60)]);
    rows.push(vec![t("Tổng cộng"), n(350), n(390)]);
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(grand(&r), dec!(740), "parents are not added on top of their lines: {:#?}", r.diagnostics);
    assert_eq!(
        outline(&r),
        vec![
            ("Chi đầu tư phát triển".to_string(), 0),
            ("Xây dựng trường học".to_string(), 1),
            ("Trang thiết bị".to_string(), 1),
            ("Chi thường xuyên".to_string(), 0),
            ("Bồi dưỡng giáo viên".to_string(), 1),
        ]
    );
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:#?}", r.diagnostics);
    // An indent that does not add up: the lines stay flat, every figure counted.
    let mut rows = head();
    rows.push(vec![t("Tuyên truyền"), n(70), n(70)]);
    rows.push(vec![t("   Cơ sở vật chất"), n(400), n(500)]);
    rows.push(vec![t("Đào tạo"), n(25), n(30)]);
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(grand(&r), dec!(1095));
    assert!(outline(&r).iter().all(|(_, d)| *d == 0), "{:?}", outline(&r));
}

/// Hidden rows and columns are skipped and said, with what they hold.
#[test]
fn hidden_rows_and_columns_are_skipped_and_said() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2024"), t("Ghi chép"), t("Năm 2025")],
        vec![t("A"), n(10), Cell::Error("#VALUE!".into()), n(20)],
        vec![t("B (cũ)"), n(999), e(), n(999)],
        vec![t("C"), n(30), e(), n(40)],
    ];
    let grid = SheetGrid::from_rows("S", rows).with_hidden(vec![3], vec![2]);
    let r = understand(&grid, &ImportOptions::default());
    let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["A", "C"]);
    assert_eq!(grand(&r), dec!(100));
    assert_eq!(r.recognised.hidden, (1, 1));
    assert_eq!(codes(&r).iter().map(|c| c.0).collect::<Vec<_>>(), ["hidden_skipped"], "{:#?}", r.diagnostics);
    assert!(r.diagnostics[0].text.get(Lang::En).contains("1,998"), "{}", r.diagnostics[0].text.get(Lang::En));
}

/// A year column after the table's other years is never dropped without a word, and a column
/// of figures under a header that names no year is named with its sum.
#[test]
fn figures_under_an_unknown_header_are_named_with_their_sum() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2024"), t("Năm 2025"), t("Kinh phí khác")],
        vec![t("A"), n(10), n(20), n(5)],
        vec![t("B"), n(30), n(40), n(7)],
    ];
    let r = understand(&SheetGrid::from_rows("S", rows), &ImportOptions::default());
    assert_eq!(grand(&r), dec!(100));
    assert_eq!(codes(&r), [("left_out", "'S'!D2".to_string())]);
    assert!(r.diagnostics[0].text.get(Lang::En).contains("12"), "{}", r.diagnostics[0].text.get(Lang::En));
}

/// Two kinds of figure for one year: the plan's own is kept, the other named with its sum.
#[test]
fn two_kinds_for_one_year_keep_the_estimate() {
    let rows = vec![
        vec![t("Đơn vị tính: triệu đồng")],
        vec![t("Nội dung"), t("Năm 2024"), e(), t("Năm 2025")],
        vec![e(), t("Dự toán"), t("Ước thực hiện"), t("Dự toán")],
        vec![t("A"), n(100), n(90), n(120)],
        vec![t("B"), n(50), n(55), n(60)],
    ];
    let grid = SheetGrid::from_rows("S", rows).with_merged(vec![Region {
        first_row: 1,
        first_col: 1,
        last_row: 1,
        last_col: 2,
    }]);
    let r = understand(&grid, &ImportOptions::default());
    assert_eq!(grand(&r), dec!(330));
    assert_eq!(codes(&r), [("left_out", "'S'!C3".to_string())]);
    assert!(r.diagnostics[0].text.get(Lang::En).contains("145"), "{}", r.diagnostics[0].text.get(Lang::En));
}

/// A one-year report whose year is only in its title ("Năm 2013" merged over the whole sheet),
/// its columns kinds of figures: no column names a year, and its row numbers are not money.
#[test]
fn a_year_in_a_title_over_the_whole_sheet_is_not_a_year_column() {
    let rows = vec![
        vec![t("Năm 2013"), e(), e(), e(), e()],
        vec![e(), e(), e(), e(), t("Đơn vị tính: Đồng")],
        vec![t("TT"), t("Nội dung"), t("Số kiến nghị"), t("Số đã nộp"), t("Số còn phải nộp")],
        vec![n(1), t("Nộp trả quỹ"), n(5_000_000), n(3_000_000), n(2_000_000)],
        vec![n(2), t("Giảm trừ cấp phát"), n(1_000_000), n(1_000_000), n(0)],
        vec![n(3), t("Bổ sung quyết toán"), n(700_000), n(0), n(700_000)],
    ];
    let grid = SheetGrid::from_rows("PL3", rows).with_merged(vec![Region {
        first_row: 0,
        first_col: 0,
        last_row: 0,
        last_col: 4,
    }]);
    let r = understand(&grid, &ImportOptions::default());
    assert!(r.plan.lines.is_empty());
    let e: Vec<&str> =
        r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code.as_ref()).collect();
    assert_eq!(e, ["no_year_columns"], "{:#?}", r.diagnostics);
    assert!(r.diagnostics[0].text.get(Lang::En).contains("Số kiến nghị"), "{}", r.diagnostics[0].text.get(Lang::En));
}

/// A medium-term plan whose phase block comes first (`Kế hoạch giai đoạn 2021-2023 | Năm 2021 …`),
/// each with `Tổng số | NSTW | NSĐP`: the block is the phase, checked against the years after it.
#[test]
fn a_phase_block_before_its_years_is_the_phase() {
    let mut head = vec![t("Danh mục")];
    let mut sub = vec![e()];
    for y in ["Kế hoạch giai đoạn 2021-2023", "Năm 2021", "Năm 2022", "Năm 2023"] {
        head.extend([t(y), e(), e()]);
        sub.extend([t("Tổng số"), t("NSTW"), t("NSĐP")]);
    }
    let years = [(100, 50), (120, 60), (80, 40)];
    let mut row = vec![t("Trường A"), n(450), n(300), n(150)];
    for (a, b) in years {
        row.extend([n(a + b), n(a), n(b)]);
    }
    let rows = vec![vec![t("Đơn vị tính: triệu đồng")], head, sub, row];
    let merged: Vec<Region> =
        (0..4).map(|k| Region { first_row: 1, first_col: 1 + 3 * k, last_row: 1, last_col: 3 + 3 * k }).collect();
    let r = understand(&SheetGrid::from_rows("TH", rows).with_merged(merged), &ImportOptions::default());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(grand(&r), dec!(450));
    assert_eq!(r.plan.phases.iter().map(|p| p.years).collect::<Vec<_>>(), [YearRange::new(2021, 2023)]);
    let sources: Vec<ShareRule> = r.plan.sources.iter().map(|s| s.rule).collect();
    assert_eq!(sources, [ShareRule::Amount { value: dec!(300) }, ShareRule::Amount { value: dec!(150) }]);
    // A wrong part of the block is said at its cell.
    let mut head = vec![t("Danh mục")];
    let mut sub = vec![e()];
    for y in ["Kế hoạch giai đoạn 2021-2023", "Năm 2021", "Năm 2022", "Năm 2023"] {
        head.extend([t(y), e(), e()]);
        sub.extend([t("Tổng số"), t("NSTW"), t("NSĐP")]);
    }
    let mut row = vec![t("Trường A"), n(450), n(310), n(150)];
    for (a, b) in years {
        row.extend([n(a + b), n(a), n(b)]);
    }
    let rows = vec![vec![t("Đơn vị tính: triệu đồng")], head, sub, row];
    let merged: Vec<Region> =
        (0..4).map(|k| Region { first_row: 1, first_col: 1 + 3 * k, last_row: 1, last_col: 3 + 3 * k }).collect();
    let r = understand(&SheetGrid::from_rows("TH", rows).with_merged(merged), &ImportOptions::default());
    let w: Vec<(&str, String)> = r.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect();
    assert_eq!(w, [("subtotal_mismatch", "'TH'!C4".to_string())]);
}

/// Seed 000 states its funding in words beside the table: "ngân sách Trung ương đảm bảo 40%
/// tổng kinh phí: 2,16 tỷ đồng". The shares become sources; the amounts written are checked
/// against the table (5.400 triệu), in whatever unit they are written.
#[test]
fn amounts_a_funding_note_states_are_checked_against_the_table() {
    let grid = |note: &str| {
        let rows = vec![
            vec![t("Đơn vị tính: triệu đồng")],
            vec![t("Năm"), t("Tuyên truyền")],
            vec![n(2013), n(3080)],
            vec![n(2014), n(2320)],
            vec![t(note)],
        ];
        understand(&SheetGrid::from_rows("Kinh phí", rows), &ImportOptions::default())
    };
    let right = grid(
        "Trong đó: ngân sách Trung ương đảm bảo 40% tổng kinh phí: 2,16 tỷ đồng; ngân sách địa phương đảm bảo 60%: 3,24 tỷ đồng.",
    );
    let kinds: Vec<SourceKind> = right.plan.sources.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SourceKind::CentralBudget, SourceKind::LocalBudget]);
    assert!(!right.diagnostics.iter().any(|d| d.code == "stated_funding_differs"), "{:#?}", right.diagnostics);
    let wrong = grid(
        "Trong đó: ngân sách Trung ương đảm bảo 40% tổng kinh phí: 2,5 tỷ đồng; ngân sách địa phương đảm bảo 60%: 3.240 triệu đồng.",
    );
    let differs: Vec<(String, String)> = wrong
        .diagnostics
        .iter()
        .filter(|d| d.code == "stated_funding_differs")
        .map(|d| (d.location.to_string(), d.text.get(Lang::Vi).to_string()))
        .collect();
    assert_eq!(differs.len(), 1, "{differs:?}");
    assert_eq!(differs[0].0, "'Kinh phí'!A5");
    assert!(differs[0].1.contains("2,5 tỷ đồng") && differs[0].1.contains("2,16 tỷ đồng"), "{}", differs[0].1);
}
