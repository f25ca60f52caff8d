//! Consolidation on three small unit plans whose sum is known: two drafts (one in tỷ đồng) and a
//! workbook written by LibreOffice (fixtures/consolidate/).

use kehoach::engine::consolidate::{self, MatchedBy, Scope, UnitDraft};
use kehoach::engine::{FundingSplit, Totals};
use kehoach::io::import::{ImportOptions, import};
use kehoach::io::json::{from_json, to_json};
use kehoach::model::{Correction, MoneyUnit, Plan, SourceKind};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/consolidate/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn draft(name: &str) -> UnitDraft {
    let loaded = from_json(std::str::from_utf8(&fixture(name)).unwrap()).unwrap();
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
    UnitDraft { name: loaded.name, origin: name.into(), plan: loaded.plan }
}

fn workbook() -> UnitDraft {
    let r = import(&fixture("so_gddt.xlsx"), &ImportOptions::default()).unwrap();
    assert!(r.can_confirm(), "{:#?}", r.diagnostics);
    UnitDraft { name: "Sở Giáo dục và Đào tạo".into(), origin: "so_gddt.xlsx".into(), plan: r.plan }
}

fn units() -> Vec<UnitDraft> {
    vec![draft("ba_be.json"), draft("cho_don.json"), workbook()]
}

fn row(plan: &Plan, name: &str) -> usize {
    plan.lines.iter().position(|l| l.name == name).unwrap_or_else(|| panic!("no line {name}: {:?}", plan.lines))
}

#[test]
fn the_units_read_as_written() {
    let [a, b, c] = <[UnitDraft; 3]>::try_from(units()).unwrap();
    assert_eq!(Totals::compute(&a.plan).grand(), dec!(500));
    assert_eq!(Totals::compute(&b.plan).grand(), dec!(0.9));
    assert_eq!(b.plan.unit, MoneyUnit::Billion);
    assert_eq!(Totals::compute(&c.plan).grand(), dec!(800), "{:#?}", c.plan.lines);
}

#[test]
fn three_units_add_up_to_the_sum_of_theirs() {
    let out = consolidate::consolidate(&units(), &[], "Tổng hợp");
    let plan = &out.plan;
    let totals = Totals::compute(plan);
    assert_eq!(plan.unit, MoneyUnit::Million, "two of three units use triệu đồng");
    assert_eq!(totals.grand(), dec!(2200));
    assert_eq!((totals.phase_total(0), totals.phase_total(1)), (dec!(680.5), dec!(1519.5)));
    let names: Vec<&str> = plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["Tuyên truyền", "Đào tạo, bồi dưỡng", "Tập huấn cán bộ", "Hội thảo", "Mua sắm thiết bị", "Khen thưởng"]
    );
    assert_eq!(totals.line_total(row(plan, "Tuyên truyền")), dec!(1100));
    assert_eq!(totals.line_total(row(plan, "Tập huấn cán bộ")), dec!(600));
    assert_eq!(totals.line_total(row(plan, "Đào tạo, bồi dưỡng")), dec!(650));
    assert_eq!(totals.line_total(row(plan, "Khen thưởng")), dec!(150));
    assert_eq!(totals.line_total(row(plan, "Mua sắm thiết bị")), dec!(300));
    assert_eq!(plan.lines[row(plan, "Tập huấn cán bộ")].amounts[&2021], dec!(80.5));
    // Each unit's total, converted.
    let cons = plan.consolidation.as_ref().unwrap();
    let totals_by_unit: Vec<(String, Decimal, MoneyUnit)> =
        cons.units.iter().map(|u| (u.name.clone(), u.total, u.unit)).collect();
    assert_eq!(
        totals_by_unit,
        [
            ("Huyện Ba Bể".to_string(), dec!(500), MoneyUnit::Million),
            ("Huyện Chợ Đồn".to_string(), dec!(900), MoneyUnit::Billion),
            ("Sở Giáo dục và Đào tạo".to_string(), dec!(800), MoneyUnit::Million)
        ]
    );
    // Funding by kind: 40/60 of 500 and 50/50 of 900; the workbook has no sources.
    let split = FundingSplit::compute(plan, &totals);
    let kinds: Vec<SourceKind> = plan.sources.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SourceKind::CentralBudget, SourceKind::LocalBudget]);
    assert_eq!(split.grand.amounts, [dec!(650), dec!(750)]);
    assert_eq!(split.grand.unassigned, dec!(800));
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert!(codes.contains(&"unit_converted"), "{codes:?}");
    assert!(codes.contains(&"unit_unassigned"), "{codes:?}");
    assert!(codes.contains(&"target_values_differ"), "{codes:?}");
    let one: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "line_of_one_unit")
        .map(|d| d.text.get(kehoach::locale::Lang::Vi).to_string())
        .collect();
    assert_eq!(one, ["Dòng «Hội thảo» chỉ có ở Huyện Ba Bể.", "Dòng «Mua sắm thiết bị» chỉ có ở Huyện Chợ Đồn."]);
}

#[test]
fn every_figure_is_traced_to_its_units() {
    let out = consolidate::consolidate(&units(), &[], "Tổng hợp");
    let plan = &out.plan;
    let totals = Totals::compute(plan);
    let training = row(plan, "Tập huấn cán bộ");
    let b = consolidate::breakdown(plan, &totals, Some(training), Scope::Year(2023)).unwrap();
    assert_eq!(b.value, dec!(280));
    assert_eq!(
        b.parts,
        [
            ("Huyện Ba Bể".to_string(), dec!(30)),
            ("Huyện Chợ Đồn".to_string(), dec!(200)),
            ("Sở Giáo dục và Đào tạo".to_string(), dec!(50))
        ]
    );
    assert_eq!(b.adjustment, Decimal::ZERO);
    let group = consolidate::breakdown(plan, &totals, Some(row(plan, "Đào tạo, bồi dưỡng")), Scope::Phase(1)).unwrap();
    let parts: Vec<Decimal> = group.parts.iter().map(|p| p.1).collect();
    assert_eq!(parts, [dec!(119.5), dec!(200), dec!(150)]);
    let whole = consolidate::breakdown(plan, &totals, None, Scope::Total).unwrap();
    assert_eq!(whole.parts.iter().map(|p| p.1).collect::<Vec<_>>(), [dec!(500), dec!(900), dec!(800)]);
    // Every cell: the units' parts add up to it.
    let columns = consolidate::unit_columns(plan, &totals, Scope::Total).unwrap();
    assert!(columns.adjustments.iter().all(Decimal::is_zero));
    for (r, parts) in columns.rows.iter().enumerate() {
        assert_eq!(parts.iter().copied().sum::<Decimal>(), totals.line_total(r), "row {r}");
    }
}

#[test]
fn targets_keep_each_units_values() {
    let out = consolidate::consolidate(&units(), &[], "Tổng hợp");
    let t = &out.plan.targets[0];
    assert_eq!(t.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Huyện Ba Bể", "Huyện Chợ Đồn"]);
    // They agree on 2025 (98) and differ on 2022 (96 / 95).
    assert_eq!(t.milestones.get(&2025), Some(&dec!(98)));
    assert_eq!(t.milestones.get(&2022), None);
    assert!(t.notes.contains("2022: Huyện Ba Bể 96; Huyện Chợ Đồn 95"), "{}", t.notes);
}

#[test]
fn a_correction_keeps_lines_apart_or_joins_them() {
    let units = units();
    let out = consolidate::consolidate(&units, &[], "Tổng hợp");
    let m = out.matches.iter().find(|m| m.unit == 1 && m.name == "tuyên  truyền").unwrap();
    assert_eq!(m.how, MatchedBy::Name);
    let apart = Correction::Apart { unit: "Huyện Chợ Đồn".into(), key: m.key.clone() };
    let buy = out.matches.iter().find(|m| m.name == "Mua sắm thiết bị").unwrap();
    let reward = out.matches.iter().find(|m| m.unit == 0 && m.name == "Khen thưởng").unwrap();
    let join = Correction::Join {
        unit: "Huyện Chợ Đồn".into(),
        key: buy.key.clone(),
        with_unit: "Huyện Ba Bể".into(),
        with_key: reward.key.clone(),
    };
    let out = consolidate::consolidate(&units, &[apart, join], "Tổng hợp");
    let totals = Totals::compute(&out.plan);
    assert_eq!(totals.grand(), dec!(2200), "a correction moves money, never adds or drops it");
    let names: Vec<&str> = out.plan.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["tuyên truyền", "Tuyên truyền", "Đào tạo, bồi dưỡng", "Tập huấn cán bộ", "Hội thảo", "Khen thưởng"]
    );
    assert_eq!(totals.line_total(row(&out.plan, "Khen thưởng")), dec!(450));
    assert_eq!(out.plan.consolidation.as_ref().unwrap().corrections.len(), 2);
}

#[test]
fn a_new_version_of_a_unit_replaces_its_share_and_keeps_the_planners_changes() {
    let out = consolidate::consolidate(&units(), &[], "Tổng hợp");
    let mut plan = out.plan;
    // The planner adds 10 to a cell of the consolidation.
    let r = row(&plan, "Khen thưởng");
    *plan.lines[r].amounts.get_mut(&2025).unwrap() += dec!(10);
    // Chợ Đồn sends a new version: training 2023 is 0.25 tỷ, a new line, no more equipment.
    let mut b = draft("cho_don.json");
    b.plan.lines[2].amounts.insert(2023, dec!(0.25));
    b.plan.lines.remove(3);
    b.plan.push_line("Xây dựng thư viện", &[(2025, dec!(0.1))]);
    let again = consolidate::update(&plan, &b, dec!(10));
    let new = &again.plan;
    let totals = Totals::compute(new);
    // 2200 + 10 (planner) − 900 + (400 + 250 + 100) = 2060.
    assert_eq!(totals.grand(), dec!(2060));
    assert_eq!(totals.line_total(row(new, "Khen thưởng")), dec!(160), "the planner's 10 kept");
    assert_eq!(totals.line_total(row(new, "Mua sắm thiết bị")), dec!(0));
    assert_eq!(totals.line_total(row(new, "Xây dựng thư viện")), dec!(100));
    let b = consolidate::breakdown(new, &totals, Some(row(new, "Khen thưởng")), Scope::Total).unwrap();
    assert_eq!(b.adjustment, dec!(10));
    let changed: Vec<&str> = again.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert!(changed.contains(&"unit_total_changed"), "{changed:?}: 900 → 750 is −16.7 %");
    assert!(changed.contains(&"line_left_by_unit"), "{changed:?}: nobody buys equipment any more");
    assert_eq!(new.consolidation.as_ref().unwrap().units[1].total, dec!(750));
    // The same version again changes nothing.
    let same = consolidate::update(new, &draft_with(&again), dec!(10));
    assert_eq!(Totals::compute(&same.plan).grand(), dec!(2060));
    assert!(!same.diagnostics.iter().any(|d| d.code == "unit_total_changed"));
    // The line ids of the consolidation stay: a comparison pairs them.
    for line in &plan.lines {
        if let Some(l) = new.lines.iter().find(|l| l.name == line.name) {
            assert_eq!(l.id, line.id, "{}", line.name);
        }
    }
}

fn draft_with(out: &consolidate::Outcome) -> UnitDraft {
    let _ = out;
    let mut b = draft("cho_don.json");
    b.plan.lines[2].amounts.insert(2023, dec!(0.25));
    b.plan.lines.remove(3);
    b.plan.push_line("Xây dựng thư viện", &[(2025, dec!(0.1))]);
    b
}

#[test]
fn the_consolidation_travels_in_the_draft_file() {
    let out = consolidate::consolidate(&units(), &[], "Tổng hợp");
    let text = to_json("Tổng hợp", &out.plan);
    assert!(text.contains("urn:kehoach:draft:v3"));
    let back = from_json(&text).unwrap();
    assert_eq!(back.plan, out.plan);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn the_consolidated_workbook_reads_back_as_the_same_plan() {
    let mut plan = consolidate::consolidate(&units(), &[], "Tổng hợp").plan;
    let r = row(&plan, "Tuyên truyền");
    *plan.lines[r].amounts.get_mut(&2021).unwrap() += dec!(10);
    for lang in [kehoach::locale::Lang::Vi, kehoach::locale::Lang::En] {
        let bytes = kehoach::io::xlsx_export::to_xlsx(&plan, lang).unwrap();
        let back = import(&bytes, &ImportOptions::default()).unwrap();
        let lines: Vec<(String, Decimal)> = back
            .plan
            .lines
            .iter()
            .zip(0..)
            .map(|(l, i)| (l.name.clone(), Totals::compute(&back.plan).line_total(i)))
            .collect();
        assert_eq!(Totals::compute(&back.plan).grand(), dec!(2210), "{lang:?}: {lines:?} {:#?}", back.diagnostics);
    }
}

#[test]
fn the_example_and_a_changed_copy_add_up_with_their_shares_kept() {
    let a =
        UnitDraft { name: "Bắc Kạn".into(), origin: String::new(), plan: kehoach::reference::plan_with_sources() };
    let mut b = UnitDraft { name: "Bắc Kạn (bản sao)".into(), origin: String::new(), plan: a.plan.clone() };
    *b.plan.lines[1].amounts.values_mut().next().unwrap() += dec!(100.5);
    let out = consolidate::consolidate(&[a.clone(), b.clone()], &[], "Tổng hợp");
    let totals = Totals::compute(&out.plan);
    let (ta, tb) = (Totals::compute(&a.plan), Totals::compute(&b.plan));
    assert_eq!(totals.grand(), ta.grand() + tb.grand());
    assert_eq!(out.plan.lines.len(), a.plan.lines.len(), "every line matched");
    assert_eq!(
        out.plan.phases.iter().map(|p| p.years).collect::<Vec<_>>(),
        a.plan.phases.iter().map(|p| p.years).collect::<Vec<_>>()
    );
    for p in 0..a.plan.phases.len() {
        assert_eq!(totals.phase_total(p), ta.phase_total(p) + tb.phase_total(p));
    }
    // The same shares in both: the consolidation states them as they were.
    let rules: Vec<_> = out.plan.sources.iter().map(|s| s.rule).collect();
    let theirs: Vec<_> = a.plan.sources.iter().map(|s| s.rule).collect();
    assert_eq!(rules, theirs);
    let split = FundingSplit::compute(&out.plan, &totals);
    let (sa, sb) = (FundingSplit::compute(&a.plan, &ta), FundingSplit::compute(&b.plan, &tb));
    for i in 0..rules.len() {
        assert_eq!(split.grand.amount(i), sa.grand.amount(i) + sb.grand.amount(i));
    }
    assert!(
        !out.diagnostics.iter().any(|d| d.severity == kehoach::diagnostic::Severity::Warning),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
#[ignore = "prints the size of a consolidation of 30 units of 200 lines × 10 years"]
fn size_of_a_large_consolidation() {
    let units: Vec<UnitDraft> = kehoach::reference::unit_plans(30, 200, 10)
        .into_iter()
        .map(|(name, plan)| UnitDraft { name, origin: String::new(), plan })
        .collect();
    let one = to_json("u", &units[0].plan).len();
    let out = consolidate::consolidate(&units, &[], "T");
    let mut plain = out.plan.clone();
    plain.consolidation = None;
    let compact = |p: &Plan| kehoach::io::json::write_json("t", p, &Totals::compute(p), false).len();
    println!(
        "one unit {one} B ({} compact); consolidation {} B ({} compact), without the units' shares {} B ({} compact)",
        compact(&units[0].plan),
        to_json("t", &out.plan).len(),
        compact(&out.plan),
        to_json("t", &plain).len(),
        compact(&plain)
    );
}
