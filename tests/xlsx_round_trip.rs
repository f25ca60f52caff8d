//! kehoach's own `.xlsx`, imported back, gives the same plan: groups (not doubled), every kind
//! of funding rule, plan-wide and per phase, title and issuer, targets.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::engine::{FundingSplit, Totals};
use kehoach::io::import::{ImportOptions, import};
use kehoach::io::xlsx_export::to_xlsx;
use kehoach::locale::Lang;
use kehoach::model::{FundingSource, ItemId, Plan, ShareRule, SourceKind};
use kehoach::reference;
use rust_decimal_macros::dec;

/// The reference plan with groups, the three kinds of rule and a rule of its own in phase 2.
fn plan() -> Plan {
    let mut plan = reference::plan();
    // "Hoạt động" heads Tuyên truyền and CSVC; "Quản trị" heads the other two.
    let mut lines = plan.lines.clone();
    for l in &mut lines {
        l.depth = 1;
    }
    let group =
        |name: &str, id: u32| kehoach::model::BudgetLine { id: ItemId(id), name: name.into(), ..Default::default() };
    let mut outline = vec![group("Hoạt động", 100)];
    outline.extend(lines.iter().take(2).cloned());
    outline.push(group("Quản trị", 101));
    outline.extend(lines.iter().skip(2).cloned());
    plan.lines = outline;
    let phase2 = plan.phases[1].id;
    let sources = [
        ("Ngân sách Trung ương", SourceKind::CentralBudget, ShareRule::percent(dec!(40))),
        ("Xã hội hóa", SourceKind::Mobilised, ShareRule::Amount { value: dec!(350) }),
        ("Ngân sách tỉnh", SourceKind::ProvincialBudget, ShareRule::Remainder),
    ];
    for (name, kind, rule) in sources {
        let id = plan.next_id();
        plan.sources.push(FundingSource { id, name: name.into(), kind, rule, ..Default::default() });
    }
    plan.sources[0].phase_rules.insert(phase2, ShareRule::percent(dec!(30)));
    plan.targets = kehoach::reference::seed_targets_plan().targets.into_iter().take(2).collect();
    plan
}

/// A line as compared: name, depth, amounts by year.
type Outline = (String, u8, Vec<(i32, rust_decimal::Decimal)>);

#[test]
fn the_own_export_imports_back_as_the_same_plan() {
    for lang in [Lang::Vi, Lang::En] {
        let original = plan();
        let bytes = to_xlsx(&original, lang).expect("exports");
        let r = import(&bytes, &ImportOptions::default()).expect("imports");
        assert!(r.diagnostics.is_empty(), "{lang:?}: {:#?}", r.diagnostics);
        assert!(r.can_confirm());
        let back = r.plan;
        assert_eq!(back.title, original.title, "{lang:?}");
        assert_eq!(back.issuer, original.issuer, "{lang:?}");
        assert_eq!(back.unit, original.unit);
        assert_eq!(back.period, original.period, "{lang:?}");
        let phases: Vec<_> = back.phases.iter().map(|p| (p.name.clone(), p.years)).collect();
        let want: Vec<_> = original.phases.iter().map(|p| (p.name.clone(), p.years)).collect();
        assert_eq!(phases, want, "{lang:?}");
        // Lines: names, outline and amounts (groups hold none; their figures roll up).
        let lines = |p: &Plan| -> Vec<Outline> {
            p.lines
                .iter()
                .map(|l| (l.name.clone(), l.depth, l.amounts.iter().map(|(y, v)| (*y, *v)).collect()))
                .collect()
        };
        assert_eq!(lines(&back), lines(&original), "{lang:?}");
        let (a, b) = (Totals::compute(&back), Totals::compute(&original));
        assert_eq!(a.grand(), dec!(5400), "{lang:?}: not doubled");
        assert_eq!((a.phase_total(0), a.phase_total(1)), (b.phase_total(0), b.phase_total(1)));
        // Funding: the rules themselves, not the amounts they gave.
        let rules = |p: &Plan| -> Vec<(String, SourceKind, ShareRule, Vec<ShareRule>)> {
            p.sources
                .iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        s.kind,
                        s.rule,
                        p.phases.iter().filter_map(|ph| s.phase_rules.get(&ph.id).copied()).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(rules(&back), rules(&original), "{lang:?}");
        let split = |p: &Plan| FundingSplit::compute(p, &Totals::compute(p)).grand.amounts;
        assert_eq!(split(&back), split(&original), "{lang:?}");
        // Targets.
        let targets = |p: &Plan| p.targets.iter().map(|t| (t.name.clone(), t.milestones.clone())).collect::<Vec<_>>();
        assert_eq!(targets(&back), targets(&original), "{lang:?}");
    }
}
