//! kehoach's `.xlsx` export read by an independent reader: LibreOffice (Debian's
//! `libreoffice-calc-nogui`, installed by `scripts/setup --browser`) opens it, recalculates every
//! formula (SUM, SUBTOTAL) and converts each sheet to CSV; the recalculated figures must be the
//! plan's own, the funding sheet's rules as written.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/libreoffice.rs"]
mod libreoffice;
#[path = "support/package.rs"]
#[allow(dead_code)]
mod package;
#[path = "support/temp.rs"]
mod temp;
#[path = "support/work.rs"]
mod work;

use std::io::Read;

use kehoach::engine::{FundingSplit, Totals};
use kehoach::io::xlsx_export::{BUDGET_SHEET, FUNDING_SHEET, RESPONSIBILITIES_SHEET, TASKS_SHEET, to_xlsx};
use kehoach::locale::Lang;
use kehoach::model::{FundingSource, Plan, ShareRule, SourceKind};
use libreoffice::sheet;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Every sheet of `xlsx` as LibreOffice computes it: a grid of cell texts per sheet.
fn libreoffice_sheets(xlsx: &[u8], name: &str) -> Vec<libreoffice::Sheet> {
    libreoffice::recalculated_sheets(xlsx, "lo", name)
}

/// The numbers of the row whose label (in column `col`) is `label`, in order.
fn numbers_of(grid: &[Vec<String>], col: usize, label: &str) -> Vec<Decimal> {
    let row =
        grid.iter().find(|r| r.get(col).is_some_and(|c| c.trim() == label)).unwrap_or_else(|| panic!("no row {label}"));
    row.iter().skip(col + 1).filter_map(|c| c.trim().parse::<Decimal>().ok()).collect()
}

/// The reference plan with groups and a source of each rule kind.
fn plan() -> Plan {
    let mut plan = kehoach::reference::plan();
    plan.lines[1].depth = 1;
    plan.lines[2].depth = 1;
    let phase2 = plan.phases[1].id;
    for (name, kind, rule) in [
        ("Ngân sách Trung ương", SourceKind::CentralBudget, ShareRule::percent(dec!(40))),
        ("Xã hội hóa", SourceKind::Mobilised, ShareRule::Amount { value: dec!(350) }),
        ("Ngân sách tỉnh", SourceKind::ProvincialBudget, ShareRule::Remainder),
    ] {
        let id = plan.next_id();
        plan.sources.push(FundingSource { id, name: name.into(), kind, rule, ..Default::default() });
    }
    plan.sources[0].phase_rules.insert(phase2, ShareRule::percent(dec!(30)));
    plan
}

#[test]
fn libreoffice_recalculates_the_export_to_the_plans_own_figures() {
    for (lang, total_label) in [(Lang::Vi, "Tổng số"), (Lang::En, "Total")] {
        let plan = plan();
        let totals = Totals::compute(&plan);
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let sheets = libreoffice_sheets(&bytes, &format!("export-{}", lang.code()));
        if sheets.is_empty() {
            return;
        }
        let budget = sheet(&sheets, BUDGET_SHEET);
        // The total row: the years and each phase's subtotal, then the grand total, all
        // recalculated by LibreOffice's SUBTOTAL over the lines (groups counted once).
        let row = numbers_of(budget, 1, total_label);
        assert_eq!(row.last().copied(), Some(totals.grand()), "{lang:?}: grand total {row:?}");
        assert!(row.contains(&totals.phase_total(0)) && row.contains(&totals.phase_total(1)), "{lang:?}: {row:?}");
        // A group's line total is the sum of its lines.
        let group = numbers_of(budget, 1, &plan.lines[0].name);
        assert_eq!(group.last().copied(), Some(totals.line_total(0)), "{lang:?}: {group:?}");
        // The funding sheet: each source's amounts per phase and in total, as the split gives.
        let funding = sheet(&sheets, FUNDING_SHEET);
        let split = FundingSplit::compute(&plan, &totals);
        for (i, s) in plan.sources.iter().enumerate() {
            let figures = numbers_of(funding, 0, &s.name);
            assert_eq!(
                figures.last().copied(),
                split.grand.amounts.get(i).copied(),
                "{lang:?} {}: {figures:?}",
                s.name
            );
        }
        let sum = numbers_of(funding, 0, total_label);
        assert_eq!(sum.last().copied(), Some(totals.grand()), "{lang:?}: funding total {sum:?}");
        // No formula LibreOffice cannot compute: no "Err:502", "#NAME?", "#REF!" anywhere.
        for (name, grid) in &sheets {
            for cell in grid.iter().flatten() {
                assert!(!cell.starts_with("Err:") && !cell.starts_with('#'), "{lang:?} {name}: {cell}");
            }
        }
    }
}

#[test]
fn libreoffice_reads_the_funding_rules_as_written() {
    let plan = plan();
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let sheets = libreoffice_sheets(&bytes, "rules");
    if sheets.is_empty() {
        return;
    }
    let funding = sheet(&sheets, FUNDING_SHEET);
    let row =
        |name: &str| funding.iter().find(|r| r.first().map(|c| c.trim()) == Some(name)).cloned().unwrap_or_default();
    let central = row("Ngân sách Trung ương");
    assert_eq!(central.get(2).map(String::as_str), Some("Tỷ lệ (%)"));
    assert_eq!(central.get(3).map(String::as_str), Some("40"));
    assert_eq!(central.get(4).map(String::as_str), Some("Tỷ lệ (%)"), "the phase-2 rule");
    assert_eq!(central.get(5).map(String::as_str), Some("30"));
    assert_eq!(row("Xã hội hóa").get(2).map(String::as_str), Some("Số tiền cố định"));
    assert_eq!(row("Ngân sách tỉnh").get(2).map(String::as_str), Some("Phần còn lại"));
}

#[test]
fn libreoffice_recalculates_the_tasks_and_agencies_money() {
    let plan = work::plan_with_tasks();
    let totals = Totals::compute(&plan);
    let parts = kehoach::engine::work::responsibilities(&plan, &totals);
    for lang in [Lang::Vi, Lang::En] {
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let sheets = libreoffice_sheets(&bytes, &format!("tasks-{}", lang.code()));
        if sheets.is_empty() {
            return;
        }
        // Each task's money, after its name: a SUM over the budget sheet's totals of its lines.
        let tasks = sheet(&sheets, TASKS_SHEET.get(lang));
        for t in plan.tasks.iter().filter(|t| !t.lines.is_empty()) {
            let figures = numbers_of(tasks, 2, &t.name);
            let want = kehoach::engine::work::lines_money(&plan, &totals, &t.lines);
            assert_eq!(figures, vec![want], "{lang:?} {}", t.name);
        }
        // Each agency's money by phase and in total.
        let agencies = sheet(&sheets, RESPONSIBILITIES_SHEET.get(lang));
        for p in parts.iter().filter(|p| !p.lines.is_empty()) {
            let figures = numbers_of(agencies, 0, &p.name);
            let mut want: Vec<Decimal> = p.money_by_phase.iter().take(plan.phases.len()).copied().collect();
            want.push(p.money);
            assert_eq!(figures, want, "{lang:?} {}", p.name);
        }
        for (name, grid) in &sheets {
            for cell in grid.iter().flatten() {
                assert!(!cell.starts_with("Err:") && !cell.starts_with('#'), "{lang:?} {name}: {cell}");
            }
        }
    }
}

/// The parts of an `.xlsx` (name, bytes), in order.
fn parts_of(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("reads");
            (f.name().expect("a name").to_string(), bytes)
        })
        .collect()
}

#[test]
fn the_funding_sheet_follows_an_edit_of_the_budget_in_libreoffice() {
    // Shares with the remainder: every phase amount is a formula on the budget's subtotals.
    let mut plan = kehoach::reference::plan();
    for (name, rule) in
        [("Ngân sách Trung ương", ShareRule::percent(dec!(40))), ("Ngân sách tỉnh", ShareRule::Remainder)]
    {
        let id = plan.next_id();
        plan.sources.push(FundingSource { id, name: name.into(), rule, ..Default::default() });
    }
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let parts = parts_of(&bytes);
    let funding_xml = parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("sheet 2");
    assert!(funding_xml.contains("<f>ROUND('Kinh phí'!"), "{funding_xml}");
    // Edit the budget in the file as a planner would in LibreOffice: line 1, 2012 from 70 to 170.
    let totals = Totals::compute(&plan);
    let budget_xml = parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("sheet 1");
    // Line 1's first amount, in the first phase (before any subtotal column): row 8, column C + k.
    let (&year, &old) = plan.lines[0].amounts.iter().next().expect("an amount");
    let k = totals.columns().iter().position(|&y| y == year).expect("a column");
    let cell = format!(r#"<c r="{}" s="#, kehoach::diagnostic::cell_ref(7, 2 + k as u32));
    let at = budget_xml.find(&cell).expect("line 1's cell");
    let end = at + budget_xml[at..].find("</c>").expect("closes");
    let edited_cell = budget_xml[at..end].replace(&format!("<v>{old}</v>"), &format!("<v>{}</v>", old + dec!(100)));
    assert_ne!(edited_cell, budget_xml[at..end], "the value was found");
    let edited = format!("{}{}{}", &budget_xml[..at], edited_cell, &budget_xml[end..]);
    let parts: Vec<package::Part> = parts
        .iter()
        .map(|(n, b)| package::Part::stored(n, if n == "xl/worksheets/sheet1.xml" { edited.as_bytes() } else { b }))
        .collect();
    let sheets = libreoffice_sheets(&package::zip(&parts), "edited");
    if sheets.is_empty() {
        return;
    }
    // Phase 1 grew by 100: the central budget's 40 % of it by 40, the province's remainder by 60.
    let funding = sheet(&sheets, FUNDING_SHEET);
    let split = FundingSplit::compute(&plan, &totals);
    let central = numbers_of(funding, 0, "Ngân sách Trung ương");
    let province = numbers_of(funding, 0, "Ngân sách tỉnh");
    assert_eq!(central.iter().rev().nth(2).copied(), Some(split.phases[0].amount(0) + dec!(40)), "{central:?}");
    assert_eq!(province.iter().rev().nth(2).copied(), Some(split.phases[0].amount(1) + dec!(60)), "{province:?}");
    assert_eq!(central.last().copied(), Some(split.grand.amounts[0] + dec!(40)), "{central:?}");
    let total = numbers_of(funding, 0, "Tổng số");
    assert_eq!(total.last().copied(), Some(totals.grand() + dec!(100)), "{total:?}");
}

#[test]
fn the_export_has_number_formats_print_titles_and_labels_in_its_language() {
    let mut plan = plan();
    plan.lines[3].amounts.insert(2014, dec!(1095.5));
    let parts = parts_of(&to_xlsx(&plan, Lang::En).expect("exports"));
    let text = |name: &str| {
        parts.iter().find(|(n, _)| n == name).map(|(_, b)| String::from_utf8_lossy(b).into_owned()).unwrap_or_default()
    };
    // Amounts as "#,##0.0" (one decimal: 1.095,5 typed), not General.
    assert!(text("xl/styles.xml").contains(r##"formatCode="#,##0.0""##), "{}", text("xl/styles.xml"));
    // Every sheet: A4 landscape, fitted to the page's width.
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"] {
        let xml = text(sheet);
        assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#), "{sheet}");
        assert!(xml.contains(r#"fitToHeight="0""#) && xml.contains("fitToPage=\"1\""), "{sheet}: {xml}");
    }
    // Header rows and the names column printed on every page.
    let workbook = text("xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    assert!(workbook.contains("'Kinh phí'!$A:$B,'Kinh phí'!$5:$6"), "{workbook}");
    // English labels: no Vietnamese phase abbreviation in the subtotal headers.
    let strings = text("xl/sharedStrings.xml");
    assert!(strings.contains("Total phase 1") && !strings.contains("Total GĐ"), "{strings}");
}
