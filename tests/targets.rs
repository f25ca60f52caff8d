//! The targets of the five seed plans: entered, validated, and carried by JSON and xlsx.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::engine::{Editor, FundingSplit, Totals, validate};
use kehoach::io::json::{from_json, to_json};
use kehoach::model::{Comparison, TargetUnit};
use kehoach::reference::seed_targets_plan;
use rust_decimal_macros::dec;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed-targets.json");

#[test]
fn the_fixture_holds_the_seed_targets() {
    let generated = to_json("Chỉ tiêu của năm kế hoạch mẫu", &seed_targets_plan());
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &generated).unwrap();
    }
    let text = std::fs::read_to_string(FIXTURE).expect("fixtures/seed-targets.json (UPDATE_FIXTURES=1 writes it)");
    let plan = from_json(&text).unwrap().plan;
    assert_eq!(plan, seed_targets_plan());
    assert_eq!(plan.targets.len(), 14);
    let literacy = &plan.targets[0];
    assert_eq!(literacy.comparison, Comparison::MoreThan);
    assert_eq!(literacy.milestones[&2015], dec!(96));
    assert_eq!(literacy.milestones[&2020], dec!(98));
    let families = plan.targets.iter().find(|t| t.name.contains("Gia đình học tập»")).unwrap();
    assert_eq!(families.variants[0].name, "xã đặc biệt khó khăn");
    assert_eq!(families.variants[0].milestones[&2020], dec!(50));
    let pilot = plan.targets.iter().find(|t| t.unit == TargetUnit::Named("gia đình".into())).unwrap();
    assert_eq!(pilot.milestones[&2015], dec!(20));
}

#[test]
fn the_seed_targets_validate_cleanly() {
    let plan = seed_targets_plan();
    let totals = Totals::compute(&plan);
    let d = validate(&plan, &totals, &FundingSplit::compute(&plan, &totals));
    let target_diags: Vec<_> = d.iter().filter(|d| d.location.to_string().starts_with("$.targets")).collect();
    assert!(target_diags.is_empty(), "{target_diags:#?}");
}

#[test]
fn target_edits_undo() {
    let mut ed = Editor::new(seed_targets_plan());
    let id = ed.plan().targets[0].id;
    let change = kehoach::engine::TargetChange::Milestone { variant: None, year: 2020, value: Some(dec!(94)) };
    ed.apply(kehoach::engine::Edit::SetTarget { id, change }).expect("within the limits");
    assert!(ed.diagnostics().iter().any(|d| d.code == "milestone_regresses"));
    ed.undo();
    assert_eq!(ed.plan(), &seed_targets_plan());
}

#[test]
fn targets_round_trip_through_json() {
    let plan = seed_targets_plan();
    assert_eq!(from_json(&to_json("x", &plan)).unwrap().plan, plan);
}

#[test]
fn targets_round_trip_through_xlsx() {
    let mut plan = seed_targets_plan();
    plan.targets[0].partners = vec!["Sở Tài chính".into(), "Hội Khuyến học".into()];
    plan.targets[0].notes = "Tính cả người dân tộc thiểu số".into();
    let bytes = kehoach::io::xlsx_export::to_xlsx(&plan, kehoach::locale::Lang::Vi).unwrap();
    let result = kehoach::io::import::import(&bytes, &Default::default()).unwrap();
    assert!(!result.has_errors(), "{:#?}", result.diagnostics);
    let strip = |ts: &[kehoach::model::Target]| {
        ts.iter().map(|t| kehoach::model::Target { id: kehoach::model::ItemId(0), ..t.clone() }).collect::<Vec<_>>()
    };
    assert_eq!(strip(&result.plan.targets), strip(&plan.targets));
}

#[test]
fn a_budget_workbook_brings_its_targets_along() {
    let mut plan = kehoach::reference::plan_with_sources();
    plan.targets = seed_targets_plan().targets.into_iter().take(3).collect();
    let bytes = kehoach::io::xlsx_export::to_xlsx(&plan, kehoach::locale::Lang::Vi).unwrap();
    let result = kehoach::io::import::import(&bytes, &Default::default()).unwrap();
    assert_eq!(kehoach::engine::Totals::compute(&result.plan).grand(), dec!(5400));
    assert_eq!(result.plan.targets.len(), 3);
    assert_eq!(result.plan.targets[0].milestones[&2015], dec!(96));
}
