//! The office-shaped workbooks of `fixtures/offices/` (see `fixtures/README.md`), each imported
//! as a planner would, in every format it is kept in: its totals, its outline, its sources and
//! what the import says.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::Severity;
use kehoach::engine::Totals;
use kehoach::io::import::{ExcludeReason, FigureKind, ImportOptions, ImportResult, import};
use kehoach::locale::Lang;
use kehoach::model::{MoneyUnit, ShareRule, SourceKind, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/offices/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run scripts/fixtures/make_offices.sh)"))
}

fn open(name: &str) -> ImportResult {
    import(&fixture(name), &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn codes(r: &ImportResult) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

fn grand(r: &ImportResult) -> Decimal {
    Totals::compute(&r.plan).grand()
}

/// Every fixture with the grand total its own figures give, in every format.
#[test]
fn every_office_fixture_gives_its_own_total() {
    let cases: [(&str, &[&str], Option<Decimal>, MoneyUnit); 10] = [
        ("tasks_agency_total_bottom", &["xlsx"], Some(dec!(545030)), MoneyUnit::Million),
        ("annual_estimate_kinds", &["xlsx", "xls"], Some(dec!(23817)), MoneyUnit::Million),
        ("district_estimate_dong", &["xlsx", "xls"], Some(dec!(20262500000)), MoneyUnit::Dong),
        ("medium_term_sources", &["xlsx", "xls"], Some(dec!(21200)), MoneyUnit::Million),
        ("dong_without_unit", &["xlsx"], Some(dec!(536000000)), MoneyUnit::Dong),
        ("tcvn3_labels", &["xlsx", "xls"], Some(dec!(3080)), MoneyUnit::Million),
        ("total_in_billion", &["xlsx"], Some(dec!(8962)), MoneyUnit::Million),
        ("memo_rows", &["xlsx"], Some(dec!(1550)), MoneyUnit::Million),
        ("hidden_row_and_column", &["xlsx", "xls"], Some(dec!(100)), MoneyUnit::Million),
        ("ledger_accounts", &["xlsx"], None, MoneyUnit::Million),
    ];
    for (stem, formats, total, unit) in cases {
        for ext in formats {
            let name = format!("{stem}.{ext}");
            let r = open(&name);
            match total {
                Some(t) => {
                    assert!(!r.has_errors(), "{name}: {:#?}", r.diagnostics);
                    assert_eq!(grand(&r), t, "{name}");
                    assert_eq!(r.plan.unit, unit, "{name}");
                }
                None => assert!(r.has_errors() && !r.can_confirm(), "{name}: refused"),
            }
        }
    }
}

#[test]
fn the_agency_column_is_the_lead_agency_and_the_total_row_is_not_a_line() {
    let r = open("tasks_agency_total_bottom.xlsx");
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.lines.len(), 2000);
    assert_eq!(r.plan.lines[0].name, "Nhiệm vụ 1 của kế hoạch");
    assert_eq!(r.plan.lines[0].agency, "Sở Giáo dục và Đào tạo");
    assert_eq!(r.plan.lines[1].agency, "Sở Tài chính");
    assert!(r.can_confirm());
}

#[test]
fn an_annual_estimate_keeps_every_year_with_its_kind_and_its_outline() {
    for name in ["annual_estimate_kinds.xlsx", "annual_estimate_kinds.xls"] {
        let r = open(name);
        let years: Vec<(i32, Option<FigureKind>)> = r.recognised.years.iter().map(|y| (y.year, y.kind)).collect();
        assert_eq!(
            years,
            [(2023, Some(FigureKind::Actual)), (2024, Some(FigureKind::Expected)), (2025, Some(FigureKind::Estimate))],
            "{name}"
        );
        let totals = Totals::compute(&r.plan);
        // The sheet's own total row: 2025 is 5 020 + 400 + 575 + 1 500 + 2 250 + 140.
        assert_eq!(totals.year_total(2025), dec!(9885), "{name}");
        let outline: Vec<(&str, u8)> = r.plan.lines.iter().map(|l| (l.name.as_str(), l.depth)).collect();
        assert_eq!(outline[0], ("Chi thường xuyên", 0), "{name}");
        assert_eq!(outline[3], ("Đào tạo lại", 2), "{name}");
        assert_eq!(outline.last(), Some(&("Dự phòng", 0)), "{name}: the reserve is beside the parts");
        // No warning says the sheet's own totals are wrong.
        assert!(!codes(&r).iter().any(|c| c.ends_with("mismatch")), "{name}: {:#?}", r.diagnostics);
        assert!(r.recognised.excluded.iter().any(|x| x.reason == ExcludeReason::Percent), "{name}");
    }
}

#[test]
fn a_district_estimate_in_đồng_keeps_its_deep_outline_and_leaves_its_memo_out() {
    for name in ["district_estimate_dong.xlsx", "district_estimate_dong.xls"] {
        let r = open(name);
        let depths: Vec<u8> = r.plan.lines.iter().map(|l| l.depth).collect();
        assert_eq!(depths, [0, 1, 2, 3, 4, 5, 6, 5, 4], "{name}");
        assert_eq!(codes(&r), ["left_out"], "{name}: the memo named with its sum");
        assert!(r.diagnostics[0].text.get(Lang::En).contains("1,230,000,000"), "{name}");
    }
}

#[test]
fn sources_under_each_year_become_the_plans_sources_with_their_amounts() {
    for name in ["medium_term_sources.xlsx", "medium_term_sources.xls"] {
        let r = open(name);
        assert!(r.diagnostics.is_empty(), "{name}: {:#?}", r.diagnostics);
        assert_eq!(r.plan.phases.iter().map(|p| p.years).collect::<Vec<_>>(), [YearRange::new(2021, 2025)]);
        let sources: Vec<(SourceKind, ShareRule)> = r.plan.sources.iter().map(|s| (s.kind, s.rule)).collect();
        assert_eq!(
            sources,
            [
                (SourceKind::CentralBudget, ShareRule::Amount { value: dec!(15500) }),
                (SourceKind::LocalBudget, ShareRule::Amount { value: dec!(5700) })
            ],
            "{name}"
        );
        let per_year: Vec<Decimal> = r.plan.lines[0].amounts.values().copied().collect();
        assert_eq!(
            per_year,
            [dec!(1500), dec!(1000), dec!(0), dec!(0), dec!(0)],
            "{name}: the total, not total + parts"
        );
    }
}

#[test]
fn amounts_in_đồng_without_a_unit_line_cannot_be_confirmed_until_the_unit_is_chosen() {
    let r = open("dong_without_unit.xlsx");
    assert_eq!(r.recognised.unit_unknown, Some(MoneyUnit::Dong));
    assert!(!r.can_confirm());
    assert_eq!(codes(&r), ["unit_unknown"]);
    let chosen = import(
        &fixture("dong_without_unit.xlsx"),
        &ImportOptions { unit: Some(MoneyUnit::Dong), plan_unit: Some(MoneyUnit::Million), ..ImportOptions::default() },
    )
    .expect("imports");
    assert!(chosen.can_confirm());
    assert_eq!(grand(&chosen), dec!(536), "536 million đồng");
}

#[test]
fn tcvn3_text_never_reaches_the_plan() {
    for name in ["tcvn3_labels.xlsx", "tcvn3_labels.xls"] {
        let r = open(name);
        assert_eq!(r.plan.title, "KẾ HOẠCH KINH PHÍ XÂY DỰNG XÃ HỘI HỌC TẬP", "{name}");
        assert_eq!(r.plan.issuer, "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "{name}");
        let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["Tuyên truyền", "Cơ sở vật chất, tài liệu", "Đào tạo bồi dưỡng", "Quản lý, chỉ đạo"],
            "{name}"
        );
        assert_eq!(r.plan.unit, MoneyUnit::Million, "{name}: the TCVN3 unit line is read");
        assert!(r.recognised.legacy.is_some(), "{name}");
        assert_eq!(codes(&r), ["legacy_encoding"], "{name}: the total row is recognised, the scratch table left");
        let text: String = format!("{:?}", r.plan);
        for legacy in ['§', '¬', 'æ', 'è', 'Ö', '®', 'ñ', '©', 'Ø'] {
            assert!(!text.contains(legacy), "{name}: {legacy} in {text}");
        }
    }
}

#[test]
fn a_total_in_tỷ_beside_triệu_is_cross_checked_not_added() {
    let r = open("total_in_billion.xlsx");
    assert_eq!(codes(&r), ["field_unit_checked"], "{:#?}", r.diagnostics);
    assert!(r.recognised.excluded.iter().any(|x| x.reason == ExcludeReason::Total && x.label == "Tổng (tỷ đồng)"));
}

#[test]
fn memo_rows_are_named_not_added() {
    let r = open("memo_rows.xlsx");
    assert_eq!(r.plan.lines.len(), 2);
    assert_eq!(codes(&r), ["left_out"]);
}

#[test]
fn hidden_rows_and_columns_are_skipped_and_said() {
    for name in ["hidden_row_and_column.xlsx", "hidden_row_and_column.xls"] {
        let r = open(name);
        assert_eq!(r.recognised.hidden, (1, 1), "{name}");
        assert_eq!(codes(&r), ["hidden_skipped"], "{name}");
        assert!(r.plan.lines.iter().all(|l| !l.name.contains("cũ")), "{name}");
    }
}

#[test]
fn a_ledger_is_refused_with_what_it_is() {
    let r = open("ledger_accounts.xlsx");
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].code, "ledger");
    assert!(
        e[0].text.get(Lang::En).contains("Tài khoản") && e[0].text.get(Lang::En).contains("Số tiền"),
        "{}",
        e[0].text.get(Lang::En)
    );
}

#[test]
fn funding_is_never_found_in_the_rows_of_unrelated_sheets() {
    let r = open("unrelated_budget_rows.xlsx");
    assert!(r.plan.sources.is_empty(), "{:?}", r.plan.sources);
    assert_eq!(grand(&r), dec!(220));
}

#[test]
fn vni_text_is_decoded_by_its_font_or_by_itself() {
    for name in ["vni_labels.xlsx", "vni_labels.xls"] {
        let r = open(name);
        assert_eq!(r.plan.title, "KẾ HOẠCH KINH PHÍ NĂM 2024 - 2025", "{name}");
        let names: Vec<&str> = r.plan.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Tuyên truyền", "Tập huấn", "Mua sắm thiết bị"], "{name}");
        assert_eq!(r.plan.unit, MoneyUnit::Million, "{name}");
        assert_eq!(grand(&r), dec!(1840), "{name}: the VNI total row is a total");
        assert_eq!(
            r.recognised.legacy.as_ref().map(|l| l.encoding),
            Some(kehoach::text::legacy::Legacy::Vni),
            "{name}"
        );
        assert_eq!(codes(&r), ["legacy_encoding"], "{name}");
    }
}

#[test]
fn a_long_list_with_a_year_column_is_pivoted_by_its_names() {
    let r = open("long_list_with_years.xlsx");
    let lines: Vec<(&str, Vec<(i32, Decimal)>)> =
        r.plan.lines.iter().map(|l| (l.name.as_str(), l.amounts.iter().map(|(y, v)| (*y, *v)).collect())).collect();
    assert_eq!(
        lines,
        [
            ("Tuyên truyền", vec![(2024, dec!(70)), (2025, dec!(85))]),
            ("Tập huấn", vec![(2024, dec!(400)), (2025, dec!(450))]),
            ("In tài liệu", vec![(2026, dec!(60))])
        ]
    );
    assert_eq!(codes(&r), ["ledger_pivoted"]);
    assert!(r.can_confirm());
    // Kept in tỷ đồng when the planner asks: converted exactly.
    let options = ImportOptions { plan_unit: Some(MoneyUnit::Billion), ..ImportOptions::default() };
    let b = import(&fixture("long_list_with_years.xlsx"), &options).unwrap();
    assert_eq!(b.plan.unit, MoneyUnit::Billion);
    assert_eq!(b.plan.lines[0].amounts.get(&2025), Some(&dec!(0.085)));
    assert_eq!(grand(&b) * dec!(1000), grand(&r));
}

#[test]
fn a_broken_cell_in_a_funding_sheet_that_was_read_is_said() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng").unwrap();
    ws.write_string(1, 0, "Nội dung").unwrap();
    ws.write_string(1, 1, "Năm 2025").unwrap();
    ws.write_string(2, 0, "Tuyên truyền").unwrap();
    ws.write_number(2, 1, 100.0).unwrap();
    let f = wb.add_worksheet();
    f.set_name("Nguồn vốn").unwrap();
    f.write_string(0, 0, "Nguồn vốn").unwrap();
    f.write_string(0, 1, "Tỷ lệ").unwrap();
    f.write_string(1, 0, "Ngân sách tỉnh").unwrap();
    f.write_string(1, 1, "70 %").unwrap();
    f.write_string(2, 0, "Xã hội hóa").unwrap();
    f.write_formula(2, 1, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let r = import(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(r.plan.sources.len(), 1);
    let broken: Vec<String> =
        r.diagnostics.iter().filter(|d| d.code == "error_cell").map(|d| d.location.to_string()).collect();
    assert_eq!(broken, ["'Nguồn vốn'!B3"]);
}
