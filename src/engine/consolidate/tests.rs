use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::engine::{FundingSplit, Totals};
use crate::model::{BudgetLine, FundingSource, ShareRule, SourceKind};

/// A line of a test unit: code, name, depth, amounts.
type Line<'a> = (&'a str, &'a str, u8, &'a [(Year, Decimal)]);

/// A [`Line`] that owns its parts.
type OwnedLine = (String, String, u8, Vec<(Year, Decimal)>);

fn unit(name: &str, money: MoneyUnit, lines: &[Line]) -> UnitDraft {
    let mut plan = Plan::new(name, YearRange::new(2021, 2025), money);
    plan.push_phase("Giai đoạn 1", YearRange::new(2021, 2022));
    plan.push_phase("Giai đoạn 2", YearRange::new(2023, 2025));
    for (code, line, depth, amounts) in lines {
        let id = plan.push_line(line, amounts);
        let l = plan.lines.iter_mut().find(|l| l.id == id).unwrap();
        l.code = code.to_string();
        l.depth = *depth;
    }
    UnitDraft { name: name.into(), origin: String::new(), plan }
}

fn with_sources(mut u: UnitDraft, shares: &[(SourceKind, Decimal)]) -> UnitDraft {
    for (kind, p) in shares {
        let id = u.plan.next_id();
        u.plan.sources.push(FundingSource {
            id,
            name: kind.name().get(crate::locale::Lang::Vi).into(),
            kind: *kind,
            rule: ShareRule::percent(*p),
            phase_rules: Default::default(),
        });
    }
    u
}

fn names(plan: &Plan) -> Vec<(String, u8)> {
    plan.lines.iter().map(|l| (l.name.clone(), l.depth)).collect()
}

#[test]
fn a_code_with_a_similar_name_matches_and_is_reported() {
    let a = unit("A", MoneyUnit::Million, &[("1", "Tuyên truyền", 0, &[(2021, dec!(10))])]);
    let b = unit("B", MoneyUnit::Million, &[("1.", "Công tác tuyên truyền", 0, &[(2021, dec!(5))])]);
    let c = unit("C", MoneyUnit::Million, &[("1", "Khen thưởng", 0, &[(2021, dec!(7))])]);
    let out = consolidate(&[a, b, c], &[], "T");
    assert_eq!(
        names(&out.plan),
        [("Khen thưởng".to_string(), 0), ("Tuyên truyền".to_string(), 0)],
        "same code, a different name: kept apart"
    );
    assert_eq!(out.matches[1].how, MatchedBy::Code);
    let d = out.diagnostics.iter().find(|d| d.code == "matched_by_code").unwrap();
    assert_eq!(d.location, PlanPlace::LineName(1).into());
    assert_eq!(Totals::compute(&out.plan).line_total(1), dec!(15));
}

#[test]
fn the_same_name_under_different_groups_stays_apart() {
    let lines: &[Line] = &[
        ("1", "Tuyên truyền", 0, &[]),
        ("", "Chi khác", 1, &[(2021, dec!(1))]),
        ("2", "Đào tạo", 0, &[]),
        ("", "Chi khác", 1, &[(2021, dec!(2))]),
        ("", "Chi khác", 1, &[(2022, dec!(4))]),
    ];
    let out = consolidate(&[unit("A", MoneyUnit::Million, lines), unit("B", MoneyUnit::Million, lines)], &[], "T");
    assert_eq!(out.plan.lines.len(), 5, "{:?}", names(&out.plan));
    let totals = Totals::compute(&out.plan);
    assert_eq!(totals.line_total(0), dec!(2));
    assert_eq!(totals.line_total(2), dec!(12));
    assert_eq!(totals.line_total(3), dec!(4), "the first 'Chi khác' of each unit together");
    assert_eq!(totals.line_total(4), dec!(8), "the second together, not with the first");
}

#[test]
fn a_figure_for_a_whole_group_goes_to_a_line_under_it() {
    let a = unit(
        "A",
        MoneyUnit::Million,
        &[
            ("1", "Đào tạo", 0, &[]),
            ("a", "Tập huấn", 1, &[(2021, dec!(10))]),
            ("b", "Hội thảo", 1, &[(2022, dec!(5))]),
        ],
    );
    let b = unit("B", MoneyUnit::Million, &[("1", "Đào tạo", 0, &[(2021, dec!(100))])]);
    let out = consolidate(&[b, a], &[], "T");
    assert_eq!(
        names(&out.plan),
        [
            ("Đào tạo".to_string(), 0),
            ("Đào tạo (chưa chi tiết)".to_string(), 1),
            ("Tập huấn".to_string(), 1),
            ("Hội thảo".to_string(), 1)
        ]
    );
    let totals = Totals::compute(&out.plan);
    assert_eq!(totals.grand(), dec!(115), "no amount left out of the group");
    assert!(out.diagnostics.iter().any(|d| d.code == "group_money_not_broken_down"));
    let b = breakdown(&out.plan, &totals, Some(0), Scope::Total).unwrap();
    assert_eq!(b.parts, [("B".to_string(), dec!(100)), ("A".to_string(), dec!(15))]);
}

#[test]
fn shares_are_recomputed_from_amounts() {
    let a = with_sources(
        unit("A", MoneyUnit::Million, &[("", "X", 0, &[(2021, dec!(1000))])]),
        &[(SourceKind::CentralBudget, dec!(40)), (SourceKind::LocalBudget, dec!(60))],
    );
    let b = with_sources(
        unit("B", MoneyUnit::Million, &[("", "X", 0, &[(2021, dec!(3000))])]),
        &[(SourceKind::CentralBudget, dec!(50)), (SourceKind::LocalBudget, dec!(50))],
    );
    let out = consolidate(&[a.clone(), b], &[], "T");
    let rules: Vec<ShareRule> = out.plan.sources.iter().map(|s| s.rule).collect();
    assert_eq!(rules, [ShareRule::percent(dec!(47.5)), ShareRule::percent(dec!(52.5))], "1900 and 2100 of 4000");
    // Shares that no exact percent gives back: fixed amounts per phase.
    let c = with_sources(
        unit("C", MoneyUnit::Million, &[("", "X", 0, &[(2023, dec!(1))])]),
        &[(SourceKind::CentralBudget, dec!(100))],
    );
    let out = consolidate(&[a, c], &[], "T");
    let totals = Totals::compute(&out.plan);
    let split = FundingSplit::compute(&out.plan, &totals);
    assert_eq!(split.grand.amounts, [dec!(401), dec!(600)]);
    assert_eq!(split.phases[0].amounts, [dec!(400), dec!(600)]);
    assert_eq!(split.phases[1].amounts, [dec!(1), dec!(0)]);
    assert_eq!(split.grand.unassigned, Decimal::ZERO);
    // The plan-wide percents state the shares of the whole (401 and 600 of 1001), in hundredths.
    let rules: Vec<ShareRule> = out.plan.sources.iter().map(|s| s.rule).collect();
    assert_eq!(rules, [ShareRule::percent(dec!(40.06)), ShareRule::percent(dec!(59.94))]);
}

#[test]
fn phases_that_disagree_are_reported_and_money_counts_by_year() {
    let a = unit("A", MoneyUnit::Million, &[("", "X", 0, &[(2022, dec!(10)), (2023, dec!(20))])]);
    let b = unit("B", MoneyUnit::Million, &[("", "X", 0, &[(2022, dec!(1))])]);
    let mut c = with_sources(
        unit("C", MoneyUnit::Million, &[("", "X", 0, &[(2022, dec!(6)), (2023, dec!(4))])]),
        &[(SourceKind::CentralBudget, dec!(50)), (SourceKind::LocalBudget, dec!(50))],
    );
    c.plan.phases[0].years = YearRange::new(2021, 2023);
    c.plan.phases[1].years = YearRange::new(2024, 2025);
    let out = consolidate(&[a, b, c], &[], "T");
    let d: Vec<&Diagnostic> = out.diagnostics.iter().filter(|d| d.code == "unit_phases_differ").collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].text.get(crate::locale::Lang::Vi).starts_with("C chia giai đoạn khác (2021–2023, 2024–2025)"));
    let totals = Totals::compute(&out.plan);
    assert_eq!((totals.phase_total(0), totals.phase_total(1)), (dec!(17), dec!(24)));
    // C's 50/50 of its first phase (10) lands 3/3 in 2021–2022 and 2/2 in 2023–2025.
    let split = FundingSplit::compute(&out.plan, &totals);
    assert_eq!(split.phases[0].amounts, [dec!(3), dec!(3)]);
    assert_eq!(split.phases[1].amounts, [dec!(2), dec!(2)]);
}

#[test]
fn consolidation_is_exact_on_random_units() {
    let mut rng = crate::reference::Xorshift(0xC0_5011_DA7E);
    for round in 0..60 {
        let count = 1 + rng.below(5) as usize;
        let mut units = Vec::new();
        let mut expected = Decimal::ZERO;
        for k in 0..count {
            let money = MoneyUnit::ALL[rng.below(4) as usize];
            let mut lines: Vec<OwnedLine> = Vec::new();
            for i in 0..rng.below(12) {
                let depth = if i > 0 && rng.below(3) == 0 { 1 } else { 0 };
                let amounts: Vec<(Year, Decimal)> = (0..rng.below(4))
                    .map(|_| {
                        (2019 + rng.below(9) as Year, Decimal::new(rng.below(100_000) as i64, rng.below(4) as u32))
                    })
                    .collect();
                lines.push((
                    rng.below(4).to_string(),
                    ["Tuyên truyền", "tuyên truyền", "Đào tạo", "Hội thảo", "Khác"][rng.below(5) as usize].into(),
                    depth,
                    amounts,
                ));
            }
            let borrowed: Vec<Line> =
                lines.iter().map(|(c, n, d, a)| (c.as_str(), n.as_str(), *d, a.as_slice())).collect();
            let mut u = unit(&format!("U{k}"), money, &borrowed);
            if rng.below(2) == 0 {
                u = with_sources(u, &[(SourceKind::CentralBudget, dec!(33.3)), (SourceKind::Mobilised, dec!(10))]);
            }
            units.push(u);
        }
        let to = common_unit(&units);
        for u in &units {
            expected += u.plan.unit.convert(Totals::compute(&u.plan).grand(), to);
        }
        let out = consolidate(&units, &[], "T");
        let totals = Totals::compute(&out.plan);
        assert_eq!(totals.grand(), expected, "round {round}");
        let columns = unit_columns(&out.plan, &totals, Scope::Total).unwrap();
        assert!(columns.adjustments.iter().all(Decimal::is_zero), "round {round}");
        assert_eq!(columns.total_adjustment, Decimal::ZERO, "round {round}");
        // Funding of each kind is the sum of the units' (converted).
        let split = FundingSplit::compute(&out.plan, &totals);
        for (i, s) in out.plan.sources.iter().enumerate() {
            let want: Decimal = units
                .iter()
                .map(|u| {
                    let t = Totals::compute(&u.plan);
                    let sp = FundingSplit::compute(&u.plan, &t);
                    u.plan
                        .sources
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.kind == s.kind)
                        .map(|(j, _)| u.plan.unit.convert(sp.grand.amount(j), to))
                        .sum::<Decimal>()
                })
                .sum();
            assert_eq!(split.grand.amount(i), want, "round {round}: {:?}", s.kind);
        }
        let _ = BudgetLine::default();
    }
}

#[test]
fn bringing_a_unit_up_to_date_is_one_undo_step() {
    let a = unit("A", MoneyUnit::Million, &[("", "X", 0, &[(2021, dec!(10))])]);
    let b = unit("B", MoneyUnit::Million, &[("", "X", 0, &[(2021, dec!(5))])]);
    let out = consolidate(&[a, b.clone()], &[], "T");
    let mut editor = crate::engine::Editor::new(out.plan.clone());
    let mut newer = b;
    newer.plan.lines[0].amounts.insert(2022, dec!(7));
    let updated = update(editor.plan(), &newer, dec!(10));
    editor.apply(crate::engine::Edit::ReplacePlan(Box::new(updated.plan))).unwrap();
    assert_eq!(editor.totals().grand(), dec!(22));
    assert_eq!(editor.split().grand.total, dec!(22));
    editor.undo();
    assert_eq!(editor.plan(), &out.plan);
    assert_eq!(editor.totals().grand(), dec!(15));
}

#[test]
fn a_tie_of_money_units_goes_to_the_one_nearest_to_trieu() {
    let a = unit("A", MoneyUnit::Billion, &[("", "X", 0, &[(2021, dec!(1.5))])]);
    let b = unit("B", MoneyUnit::Million, &[("", "X", 0, &[(2021, dec!(10))])]);
    let c = unit("C", MoneyUnit::Dong, &[("", "X", 0, &[(2021, dec!(1000))])]);
    let out = consolidate(&[a.clone(), b.clone()], &[], "T");
    assert_eq!(out.plan.unit, MoneyUnit::Million);
    assert_eq!(Totals::compute(&out.plan).grand(), dec!(1510));
    assert_eq!(common_unit(&[a.clone(), c.clone()]), MoneyUnit::Billion);
    assert_eq!(common_unit(&[a.clone(), a, c]), MoneyUnit::Billion);
}

#[test]
fn lines_numbered_differently_by_the_units_are_numbered_one_way() {
    let a = unit(
        "A",
        MoneyUnit::Million,
        &[
            ("1", "Tuyên truyền", 0, &[]),
            ("a", "Hội nghị", 1, &[(2021, dec!(1))]),
            ("2", "Khen thưởng", 0, &[(2021, dec!(1))]),
        ],
    );
    let b = unit(
        "B",
        MoneyUnit::Million,
        &[("III", "Mua sắm", 0, &[(2021, dec!(1))]), ("DA-7", "Dự án riêng", 0, &[(2021, dec!(1))])],
    );
    let out = consolidate(&[a.clone(), b], &[], "T");
    let codes: Vec<(&str, &str)> = out.plan.lines.iter().map(|l| (l.code.as_str(), l.name.as_str())).collect();
    // B's lines come first (no line before them in B); "DA-7" is not a sequence number: the
    // top level keeps its codes; the level under "Tuyên truyền" was fine.
    assert_eq!(
        codes,
        [("III", "Mua sắm"), ("DA-7", "Dự án riêng"), ("1", "Tuyên truyền"), ("a", "Hội nghị"), ("2", "Khen thưởng")]
    );
    let c = unit(
        "C",
        MoneyUnit::Million,
        &[("I", "Khen thưởng", 0, &[(2021, dec!(1))]), ("II", "Mua sắm", 0, &[(2021, dec!(1))])],
    );
    let out = consolidate(&[a, c], &[], "T");
    let codes: Vec<(&str, &str)> = out.plan.lines.iter().map(|l| (l.code.as_str(), l.name.as_str())).collect();
    assert_eq!(codes, [("1", "Tuyên truyền"), ("a", "Hội nghị"), ("2", "Khen thưởng"), ("3", "Mua sắm")]);
    assert!(out.diagnostics.iter().any(|d| d.code == "lines_renumbered"));
}
