//! The reference plan (seed 000, section IV) must give every figure of its table and its text.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::engine::{Editor, FundingSplit, Totals};
use kehoach::model::{MoneyUnit, ShareRule};
use kehoach::reference;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn table_figures() {
    let plan = reference::plan();
    let t = Totals::compute(&plan);
    assert_eq!(t.grand(), dec!(5400));
    assert_eq!(t.phase_total(0), dec!(3080));
    assert_eq!(t.phase_total(1), dec!(2320));
    assert_eq!(t.outside_total(), dec!(0));
    let years = [
        (2013, dec!(895)),
        (2014, dec!(1095)),
        (2015, dec!(1090)),
        (2016, dec!(565)),
        (2017, dec!(465)),
        (2018, dec!(465)),
        (2019, dec!(465)),
        (2020, dec!(360)),
    ];
    for (y, v) in years {
        assert_eq!(t.year_total(y), v, "year {y}");
    }
    // 2012 belongs to phase 1 and has no money: shown, empty, total 0.
    assert!(t.columns().contains(&2012));
    assert!(!t.year_has_values(2012));
    assert_eq!(t.year_total(2012), dec!(0));
    let lines = [dec!(400), dec!(2500), dec!(2300), dec!(200)];
    let phase1 = [dec!(200), dec!(1400), dec!(1400), dec!(80)];
    let phase2 = [dec!(200), dec!(1100), dec!(900), dec!(120)];
    for i in 0..4 {
        assert_eq!(t.line_total(i), lines[i]);
        assert_eq!(t.line_phase_total(i, 0), phase1[i]);
        assert_eq!(t.line_phase_total(i, 1), phase2[i]);
    }
}

#[test]
fn text_figures_in_billions() {
    let plan = reference::plan_with_sources();
    let t = Totals::compute(&plan);
    let to_ty = |v: Decimal| MoneyUnit::Million.convert(v, MoneyUnit::Billion);
    assert_eq!(to_ty(t.grand()), dec!(5.4));
    assert_eq!(to_ty(t.phase_total(0)), dec!(3.08));
    assert_eq!(to_ty(t.phase_total(1)), dec!(2.32));
    let lines: Vec<Decimal> = (0..4).map(|i| to_ty(t.line_total(i))).collect();
    assert_eq!(lines, vec![dec!(0.4), dec!(2.5), dec!(2.3), dec!(0.2)]);
    let split = FundingSplit::compute(&plan, &t);
    assert_eq!(split.grand.amounts, vec![dec!(2160), dec!(3240)]);
    assert_eq!(to_ty(split.grand.amounts[0]), dec!(2.16));
    assert_eq!(to_ty(split.grand.amounts[1]), dec!(3.24));
    assert_eq!(split.grand.unassigned, dec!(0));
    assert_eq!(split.phases[0].amounts, vec![dec!(1232), dec!(1848)]);
    assert_eq!(split.phases[1].amounts, vec![dec!(928), dec!(1392)]);
    assert_eq!(split.percent_sum, dec!(100));
}

#[test]
fn every_split_adds_up_exactly() {
    let mut plan = reference::plan_with_sources();
    plan.sources[0].rule = ShareRule::percent(dec!(33.3333));
    plan.sources[1].rule = ShareRule::Remainder;
    plan.precision = 0;
    plan.lines[0].amounts.insert(2014, dec!(70.5));
    let t = Totals::compute(&plan);
    let split = FundingSplit::compute(&plan, &t);
    assert_eq!(split.grand.amounts.iter().copied().sum::<Decimal>() + split.grand.unassigned, t.grand());
    for (p, s) in split.phases.iter().enumerate() {
        assert_eq!(s.amounts.iter().copied().sum::<Decimal>() + s.unassigned, t.phase_total(p));
        assert_eq!(s.unassigned, dec!(0));
    }
    for &y in t.columns() {
        let year = split.scope_of_year(&plan, y).apply_to(t.year_total(y), plan.precision);
        assert_eq!(year.amounts.iter().copied().sum::<Decimal>() + year.unassigned, t.year_total(y), "year {y}");
    }
    for i in 0..plan.lines.len() {
        let line = split.grand.apply_to(t.line_total(i), plan.precision);
        assert_eq!(line.amounts.iter().copied().sum::<Decimal>() + line.unassigned, t.line_total(i));
    }
}

#[test]
fn editing_a_cell_updates_every_total() {
    let mut ed = Editor::new(reference::plan_with_sources());
    // 2014 Tuyên truyền 70 → 100.
    ed.set_cell(0, 2014, Some(dec!(100))).expect("within the limits");
    let t = ed.totals();
    assert_eq!(t.grand(), dec!(5430));
    assert_eq!(t.year_total(2014), dec!(1125));
    assert_eq!(t.phase_total(0), dec!(3110));
    assert_eq!(t.line_total(0), dec!(430));
    assert_eq!(ed.split().grand.amounts, vec![dec!(2172), dec!(3258)]);
    assert_eq!(t, &Totals::compute(ed.plan()));
}

#[test]
fn diagnostics_of_the_reference_plan() {
    let ed = Editor::new(reference::plan_with_sources());
    let d = ed.diagnostics();
    assert!(d.is_empty(), "{d:#?}");
    let ed = Editor::new(reference::plan());
    // No sources: nothing to say about funding.
    assert!(ed.diagnostics().is_empty());
}
