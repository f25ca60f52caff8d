//! The editor's tests: every edit, its undo, its refusal.

use super::*;
use crate::locale::Message;
use crate::model::{
    Baseline, Comparison, FundingSource, MoneyUnit, ShareRule, SourceKind, Target, TargetUnit, TargetVariant, YearRange,
};
use rust_decimal_macros::dec;

#[test]
fn edits_beyond_the_limits_are_refused_and_change_nothing() {
    use crate::locale::Lang;
    use crate::model::limits::{Items, MAX_LINES, MAX_TEXT};
    let mut ed = small();
    let json = |ed: &Editor| crate::io::json::to_json("t", ed.plan());
    let before = json(&ed);
    let a = ed.plan().lines[0].id;
    let cell = |year, value| Edit::SetCells(vec![CellChange { line: a, year, value: Some(value) }]);
    // An amount of 10^21 đồng (10^15 triệu), a year outside 1900–2200, a span of 201 years.
    let err = ed.apply(cell(2020, dec!(1_000_000_000_000_000))).unwrap_err();
    assert_eq!(err, Exceeded::Amount(dec!(1_000_000_000_000_000)));
    assert!(err.text(Lang::Vi).starts_with("Thay đổi không được thực hiện: số tiền 1.000.000.000.000.000"));
    assert_eq!(ed.apply(cell(2201, dec!(1))).unwrap_err(), Exceeded::Year(2201));
    ed.apply(cell(1900, dec!(1))).expect("123 years");
    assert_eq!(ed.apply(cell(2200, dec!(1))).unwrap_err(), Exceeded::Span(301));
    ed.undo();
    // A name longer than the longest text.
    let meta = LineMeta { name: "x".repeat(MAX_TEXT + 1), ..LineMeta::from_line(&ed.plan().lines[0]) };
    assert_eq!(
        ed.apply(Edit::SetLineMeta { line: a, meta }).unwrap_err(),
        Exceeded::TextTooLong { chars: MAX_TEXT + 1 }
    );
    // Typed into a field, merged with the keystrokes before: the last one refused.
    let mut meta = PlanMeta::of(ed.plan());
    meta.title = "tt".into();
    ed.apply_merging(Edit::SetMeta(Box::new(meta.clone())), "title").expect("a short title");
    meta.title = "t".repeat(MAX_TEXT + 1);
    assert!(ed.apply_merging(Edit::SetMeta(Box::new(meta)), "title").is_err());
    assert_eq!(ed.plan().title, "tt");
    ed.undo();
    // Another unit makes every amount larger in đồng: 1,000 tỷ is 10^12 đồng, 1,000 × 10^18 is not.
    let mut meta = PlanMeta::of(ed.plan());
    ed.apply(cell(2020, dec!(1_000_000_000_000))).expect("10^18 đồng");
    meta.unit = MoneyUnit::Billion;
    assert!(matches!(ed.apply(Edit::SetMeta(Box::new(meta))).unwrap_err(), Exceeded::Amount(_)));
    ed.undo();
    assert_eq!(json(&ed), before, "nothing refused is kept, nor in the undo history");
    assert!(!ed.can_undo());
    // One line more than the most.
    let mut plan = Plan::new("t", YearRange::new(2020, 2020), MoneyUnit::Million);
    plan.lines = (0..MAX_LINES as u32).map(|i| BudgetLine { id: ItemId(i + 1), ..Default::default() }).collect();
    let mut ed = Editor::new(plan);
    let line = BudgetLine { id: ItemId(u32::MAX - 1), name: "one more".into(), ..Default::default() };
    assert_eq!(
        ed.apply(Edit::InsertLines { index: 0, lines: vec![line] }).unwrap_err(),
        Exceeded::TooMany { what: Items::Lines, n: MAX_LINES + 1, max: MAX_LINES }
    );
    assert_eq!(ed.plan().lines.len(), MAX_LINES);
    assert!(!ed.can_undo());
    // A plan already beyond a limit (an older version's) still takes edits that do not add to it.
    ed.apply(Edit::RemoveLines { lines: vec![ed.plan().lines[0].id] }).expect("fewer lines");
    let mut plan = ed.plan().clone();
    plan.period = YearRange::new(1900, 2200);
    let mut ed = Editor::new(plan);
    ed.apply(Edit::RemoveLines { lines: vec![ed.plan().lines[0].id] }).expect("an edit that does not add to the span");
}

fn small() -> Editor {
    let mut plan = Plan::new("t", YearRange::new(2020, 2022), MoneyUnit::Million);
    plan.push_phase("GĐ 1", YearRange::new(2020, 2021));
    plan.push_line("A", &[(2020, dec!(10)), (2021, dec!(20))]);
    plan.push_line("B", &[(2022, dec!(5))]);
    Editor::new(plan)
}

#[test]
fn cell_edit_updates_totals_and_undoes() {
    let mut ed = small();
    assert_eq!(ed.totals().grand(), dec!(35));
    let impact = ed.set_cell(0, 2020, Some(dec!(15))).expect("within the limits");
    assert_eq!(impact.cells, vec![(0, 2020)]);
    assert!(!impact.structure);
    assert_eq!(ed.totals().grand(), dec!(40));
    assert_eq!(ed.totals().phase_total(0), dec!(35));
    assert_eq!(ed.totals().outside_total(), dec!(5));
    ed.set_cell(1, 2022, None).expect("within the limits");
    assert_eq!(ed.totals().grand(), dec!(35));
    ed.undo();
    ed.undo();
    assert_eq!(ed.totals().grand(), dec!(35));
    assert_eq!(ed.plan().lines[0].amounts[&2020], dec!(10));
    assert_eq!(ed.totals(), &Totals::compute(ed.plan()));
    ed.redo();
    assert_eq!(ed.totals().grand(), dec!(40));
    assert!(ed.can_redo());
}

#[test]
fn structural_edits_undo_to_the_same_plan() {
    let mut ed = small();
    let before = ed.plan().clone();
    let line = BudgetLine { id: ed.plan().next_id(), name: "C".into(), ..Default::default() };
    ed.apply(Edit::InsertLines { index: 1, lines: vec![line] }).expect("within the limits");
    ed.apply(Edit::MoveLine { line: ed.plan().lines[0].id, to: 2 }).expect("within the limits");
    ed.apply(Edit::RemoveLines { lines: vec![ed.plan().lines[0].id] }).expect("within the limits");
    let id = ed.plan().lines[0].id;
    ed.apply(Edit::SetLineMeta { line: id, meta: LineMeta { name: "Z".into(), depth: 1, ..Default::default() } })
        .expect("within the limits");
    let source = FundingSource { id: ed.plan().next_id(), name: "S".into(), ..Default::default() };
    ed.apply(Edit::Batch(vec![Edit::SetPhases(vec![]), Edit::InsertSource { index: 0, source }]))
        .expect("within the limits");
    while ed.can_undo() {
        ed.undo();
    }
    assert_eq!(ed.plan(), &before);
    assert_eq!(ed.totals(), &Totals::compute(&before));
}

#[test]
fn typing_into_one_field_is_one_undo_step() {
    let mut ed = small();
    for v in [dec!(1), dec!(12), dec!(123)] {
        let id = ed.plan().lines[0].id;
        ed.apply_merging(Edit::SetCells(vec![CellChange { line: id, year: 2020, value: Some(v) }]), "a")
            .expect("within the limits");
    }
    assert_eq!(ed.totals().grand(), dec!(148));
    ed.undo();
    assert_eq!(ed.totals().grand(), dec!(35));
    assert!(!ed.can_undo());
}

#[test]
fn an_edit_that_changes_nothing_is_not_an_undo_step() {
    let mut ed = small();
    ed.set_cell(0, 2020, Some(dec!(10))).expect("within the limits");
    assert!(!ed.can_undo());
    // Nor does it change how the value is written.
    ed.set_cell(0, 2020, Some(dec!(10.000))).expect("within the limits");
    assert!(!ed.can_undo());
    assert_eq!(ed.plan().lines[0].amounts[&2020].to_string(), "10");
}

/// Undoes every step, counting them.
fn undo_all(ed: &mut Editor) -> usize {
    let mut n = 0;
    while ed.undo().is_some() {
        n += 1;
    }
    n
}

/// A plan with an outline: A ⊃ A1 ⊃ A1a, then B; a phase, two sources and a target.
fn outlined() -> Editor {
    let mut plan = Plan::new("t", YearRange::new(2020, 2022), MoneyUnit::Million);
    plan.push_phase("GĐ 1", YearRange::new(2020, 2021));
    plan.push_line("A", &[]);
    plan.push_line("A1", &[]);
    plan.push_line("A1a", &[(2020, dec!(10))]);
    plan.push_line("B", &[(2021, dec!(5))]);
    plan.lines[1].depth = 1;
    plan.lines[2].depth = 2;
    let (s1, s2, t) = (plan.next_id(), ItemId(plan.next_id().0 + 1), ItemId(plan.next_id().0 + 2));
    plan.sources.push(FundingSource {
        id: s1,
        name: "NSTW".into(),
        rule: ShareRule::percent(dec!(40)),
        ..Default::default()
    });
    plan.sources.push(FundingSource { id: s2, name: "NSĐP".into(), rule: ShareRule::Remainder, ..Default::default() });
    plan.targets.push(Target {
        id: t,
        name: "Biết chữ".into(),
        milestones: [(2020, dec!(90))].into_iter().collect(),
        variants: vec![TargetVariant { name: "xã khó khăn".into(), ..Default::default() }],
        ..Default::default()
    });
    Editor::new(plan)
}

#[test]
fn impact_names_the_rows_with_every_group_above_them() {
    let mut ed = outlined();
    let id = |ed: &Editor, row: usize| ed.plan().lines[row].id;
    let cell = |line, year, value| CellChange { line, year, value: Some(value) };
    let impact = ed.apply(Edit::SetCells(vec![cell(id(&ed, 2), 2020, dec!(11))])).unwrap();
    assert_eq!(impact.cells, vec![(2, 2020)]);
    assert_eq!(impact.rows, vec![0, 1, 2], "A1a, and its groups A1 and A");
    assert!(impact.meta_rows.is_empty() && !impact.meta && !impact.structure);
    // Two lines, several years: each row once, sorted.
    let impact = ed
        .apply(Edit::SetCells(vec![
            cell(id(&ed, 3), 2021, dec!(6)),
            cell(id(&ed, 2), 2021, dec!(1)),
            cell(id(&ed, 2), 2022, dec!(1)),
        ]))
        .unwrap();
    assert_eq!(impact.rows, vec![0, 1, 2, 3]);
    // Undo says the same rows.
    assert_eq!(ed.undo().unwrap().rows, vec![0, 1, 2, 3]);
    // A name: that row only, as a name, no figure.
    let mut meta = LineMeta::from_line(&ed.plan().lines[1]);
    meta.name = "A1 mới".into();
    let impact = ed.apply(Edit::SetLineMeta { line: id(&ed, 1), meta }).unwrap();
    assert_eq!((impact.meta_rows.clone(), impact.rows.clone(), impact.cells.clone()), (vec![1], vec![], vec![]));
    assert!(impact.meta && !impact.structure && !impact.is_empty());
    assert_eq!(ed.undo().unwrap().meta_rows, vec![1]);
    // A change of structure names no row: everything may have moved.
    let impact = ed.apply(Edit::MoveLine { line: id(&ed, 3), to: 0 }).unwrap();
    assert!(impact.structure && impact.rows.is_empty() && impact.meta_rows.is_empty());
    // A cell of a year without a column is a change of structure too.
    let impact = ed.apply(Edit::SetCells(vec![cell(id(&ed, 3), 2030, dec!(1))])).unwrap();
    assert!(impact.structure && impact.rows.is_empty());
}

#[test]
fn lines_are_inserted_removed_and_moved_by_id_one_step_each() {
    let mut ed = outlined();
    let before = ed.plan().clone();
    let next = ed.plan().next_id().0;
    let lines: Vec<BudgetLine> = (0..3)
        .map(|k| BudgetLine {
            id: ItemId(next + k),
            name: format!("N{k}"),
            amounts: [(2020, dec!(1))].into_iter().collect(),
            ..Default::default()
        })
        .collect();
    let impact = ed.apply(Edit::InsertLines { index: 3, lines: lines.clone() }).unwrap();
    assert!(impact.structure);
    let names: Vec<&str> = ed.plan().lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["A", "A1", "A1a", "N0", "N1", "N2", "B"]);
    assert_eq!(ed.totals().grand(), dec!(18));
    let after_insert = ed.plan().clone();
    // Lines apart from each other, removed at once; an unknown id among them passed over.
    let (a, n1, b) = (ed.plan().lines[0].id, ItemId(next + 1), ed.plan().lines[6].id);
    ed.apply(Edit::RemoveLines { lines: vec![b, ItemId(9999), a, n1] }).unwrap();
    let names: Vec<&str> = ed.plan().lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["A1", "A1a", "N0", "N2"]);
    let after_remove = ed.plan().clone();
    ed.apply(Edit::MoveLine { line: ItemId(next + 2), to: 0 }).unwrap();
    let names: Vec<&str> = ed.plan().lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["N2", "A1", "A1a", "N0"]);
    let after_move = ed.plan().clone();
    // Each one undo step, undone and redone exactly, totals with them.
    ed.undo();
    assert_eq!(ed.plan(), &after_remove);
    ed.undo();
    assert_eq!(ed.plan(), &after_insert);
    assert_eq!(ed.totals(), &Totals::compute(&after_insert));
    assert_eq!(ed.row_of(n1), Some(4));
    ed.redo();
    ed.redo();
    assert_eq!(ed.plan(), &after_move);
    assert_eq!(undo_all(&mut ed), 3);
    assert_eq!(ed.plan(), &before);
    assert_eq!(ed.totals(), &Totals::compute(&before));
}

#[test]
fn line_edits_naming_no_line_or_a_used_id_change_nothing() {
    let mut ed = outlined();
    let before = ed.plan().clone();
    let unknown = ItemId(9999);
    let source_id = ed.plan().sources[0].id;
    let line_id = ed.plan().lines[0].id;
    let line = |id| BudgetLine { id, name: "X".into(), ..Default::default() };
    for edit in [
        Edit::RemoveLines { lines: vec![unknown] },
        Edit::RemoveLines { lines: vec![] },
        Edit::MoveLine { line: unknown, to: 0 },
        Edit::MoveLine { line: line_id, to: 4 },
        Edit::MoveLine { line: line_id, to: 0 },
        Edit::InsertLines { index: 0, lines: vec![] },
        // An id in use, by a line or by another kind of item, or twice among the new lines.
        Edit::InsertLines { index: 0, lines: vec![line(line_id)] },
        Edit::InsertLines { index: 0, lines: vec![line(source_id)] },
        Edit::InsertLines { index: 0, lines: vec![line(unknown), line(unknown)] },
        Edit::SetLineMeta { line: unknown, meta: LineMeta::default() },
    ] {
        let impact = ed.apply(edit.clone()).unwrap();
        assert!(impact.is_empty(), "{edit:?}: {impact:?}");
    }
    assert_eq!(ed.plan(), &before);
    assert!(!ed.can_undo());
}

#[test]
fn sources_are_edited_by_id_one_step_each() {
    let mut ed = outlined();
    let before = ed.plan().clone();
    let (s1, s2) = (ed.plan().sources[0].id, ed.plan().sources[1].id);
    let phase = ed.plan().phases[0].id;
    let set = |change| Edit::SetSource { id: s1, change };
    let mut states = vec![ed.plan().clone()];
    let new = FundingSource {
        id: ed.plan().next_id(),
        name: "Xã hội hóa".into(),
        rule: ShareRule::Amount { value: dec!(3) },
        ..Default::default()
    };
    for edit in [
        set(SourceChange::Name("Trung ương".into())),
        set(SourceChange::Kind(SourceKind::CentralBudget)),
        set(SourceChange::Rule(ShareRule::percent(dec!(50)))),
        set(SourceChange::PhaseRule { phase, rule: Some(ShareRule::percent(dec!(60))) }),
        Edit::InsertSource { index: 1, source: new.clone() },
        Edit::RemoveSource { id: s2 },
    ] {
        let impact = ed.apply(edit.clone()).unwrap();
        assert!(impact.funding && !impact.structure && impact.rows.is_empty(), "{edit:?}: {impact:?}");
        states.push(ed.plan().clone());
    }
    let s = &ed.plan().sources;
    assert_eq!((s.len(), s[0].name.as_str(), s[1].id), (2, "Trung ương", new.id));
    assert_eq!(s[0].rule_for(Some(phase)), ShareRule::percent(dec!(60)));
    assert_eq!(ed.split(), &FundingSplit::compute(ed.plan(), ed.totals()));
    // Back step by step through every state, and forward again.
    for state in states.iter().rev().skip(1) {
        ed.undo();
        assert_eq!(ed.plan(), state);
        assert_eq!(ed.split(), &FundingSplit::compute(state, ed.totals()));
    }
    assert!(!ed.can_undo());
    while ed.redo().is_some() {}
    assert_eq!(ed.plan(), states.last().unwrap());
    // Back to the plan-wide rule in the phase.
    ed.apply(set(SourceChange::PhaseRule { phase, rule: None })).unwrap();
    assert!(ed.plan().sources[0].phase_rules.is_empty());
    assert_eq!(undo_all(&mut ed), 7);
    assert_eq!(ed.plan(), &before);
    // Unknown ids, a used id, an unchanged value: nothing, and no step.
    for edit in [
        Edit::SetSource { id: ItemId(9999), change: SourceChange::Name("x".into()) },
        Edit::RemoveSource { id: ItemId(9999) },
        Edit::InsertSource { index: 0, source: FundingSource { id: s2, ..Default::default() } },
        Edit::InsertSource { index: 0, source: FundingSource { id: ed.plan().lines[0].id, ..Default::default() } },
        set(SourceChange::Rule(ShareRule::percent(dec!(40.00)))),
        set(SourceChange::PhaseRule { phase, rule: None }),
    ] {
        assert!(ed.apply(edit.clone()).unwrap().is_empty(), "{edit:?}");
    }
    assert_eq!(ed.plan(), &before);
    assert_eq!(ed.plan().sources[0].rule, ShareRule::Percent { value: dec!(40) });
    assert_eq!(format!("{:?}", ed.plan().sources[0].rule), format!("{:?}", before.sources[0].rule), "40 as written");
    assert!(!ed.can_undo());
}

#[test]
fn targets_are_edited_by_id_one_step_each() {
    let mut ed = outlined();
    let before = ed.plan().clone();
    let t = ed.plan().targets[0].id;
    let set = |change| Edit::SetTarget { id: t, change };
    let other = Target { id: ed.plan().next_id(), name: "Thư viện".into(), ..Default::default() };
    let mut states = vec![ed.plan().clone()];
    for edit in [
        set(TargetChange::Group("Xóa mù chữ".into())),
        set(TargetChange::Name("Người biết chữ".into())),
        set(TargetChange::Unit(TargetUnit::Named("người".into()))),
        set(TargetChange::Comparison(Comparison::MoreThan)),
        set(TargetChange::Baseline(Some(Baseline { year: 2019, value: dec!(85) }))),
        set(TargetChange::Milestone { variant: None, year: 2021, value: Some(dec!(95)) }),
        set(TargetChange::Milestone { variant: None, year: 2020, value: None }),
        set(TargetChange::Milestone { variant: Some(0), year: 2021, value: Some(dec!(80)) }),
        set(TargetChange::Agency("Sở GD&ĐT".into())),
        set(TargetChange::Partners(vec!["Hội Khuyến học".into()])),
        set(TargetChange::Notes("ghi chú".into())),
        set(TargetChange::VariantName { variant: 0, name: "xã ĐBKK".into() }),
        set(TargetChange::InsertVariant {
            index: 5,
            variant: TargetVariant { name: "thôn".into(), ..Default::default() },
        }),
        set(TargetChange::RemoveVariant { index: 0 }),
        Edit::InsertTarget { index: 0, target: Box::new(other.clone()) },
        Edit::MoveTarget { id: other.id, to: 1 },
        Edit::RemoveTarget { id: t },
    ] {
        let impact = ed.apply(edit.clone()).unwrap();
        assert!(impact.targets && !impact.funding && !impact.structure, "{edit:?}: {impact:?}");
        states.push(ed.plan().clone());
    }
    assert_eq!(ed.plan().targets, vec![other.clone()]);
    let edited = &states[states.len() - 4].targets[0];
    assert_eq!(edited.milestones, [(2021, dec!(95))].into_iter().collect());
    assert_eq!(edited.variants.len(), 1);
    assert_eq!(edited.variants[0].name, "thôn", "the variant inserted at the end, the first removed");
    assert_eq!(states[states.len() - 2].targets.iter().map(|t| t.id).collect::<Vec<_>>(), [t, other.id]);
    for state in states.iter().rev().skip(1) {
        ed.undo();
        assert_eq!(ed.plan(), state);
    }
    assert!(!ed.can_undo());
    while ed.redo().is_some() {}
    assert_eq!(ed.plan(), states.last().unwrap());
    assert_eq!(undo_all(&mut ed), 17);
    assert_eq!(ed.plan(), &before);
    // Unknown ids or variants, a used id, a move nowhere, an unchanged value: nothing, no step.
    for edit in [
        Edit::SetTarget { id: ItemId(9999), change: TargetChange::Name("x".into()) },
        Edit::RemoveTarget { id: ItemId(9999) },
        Edit::MoveTarget { id: ItemId(9999), to: 0 },
        Edit::MoveTarget { id: t, to: 1 },
        Edit::MoveTarget { id: t, to: 0 },
        Edit::InsertTarget { index: 0, target: Box::new(Target { id: t, ..Default::default() }) },
        set(TargetChange::Milestone { variant: Some(3), year: 2020, value: Some(dec!(1)) }),
        set(TargetChange::VariantName { variant: 3, name: "x".into() }),
        set(TargetChange::RemoveVariant { index: 3 }),
        set(TargetChange::Milestone { variant: None, year: 2020, value: Some(dec!(90.0)) }),
        set(TargetChange::Name("Biết chữ".into())),
    ] {
        assert!(ed.apply(edit.clone()).unwrap().is_empty(), "{edit:?}");
    }
    assert_eq!(ed.plan(), &before);
    assert_eq!(ed.plan().targets[0].milestones[&2020].to_string(), "90", "90 as written");
    assert!(!ed.can_undo());
}

#[test]
fn typing_into_a_source_or_target_field_is_one_undo_step() {
    let mut ed = outlined();
    let before = ed.plan().clone();
    let (s1, t) = (ed.plan().sources[0].id, ed.plan().targets[0].id);
    ed.apply(Edit::SetSource { id: s1, change: SourceChange::Kind(SourceKind::Other) }).unwrap();
    let kind_other = ed.plan().clone();
    // The name field sets the kind it guesses with every keystroke: the first keystroke's
    // inverse puts back both, though its own guess changed nothing.
    for name in ["N", "Ngân sách", "Ngân sách tỉnh"] {
        let kind = SourceKind::guess(name);
        let edit = Edit::Batch(vec![
            Edit::SetSource { id: s1, change: SourceChange::Kind(kind) },
            Edit::SetSource { id: s1, change: SourceChange::Name(name.into()) },
        ]);
        ed.apply_merging(edit, "source-name-1").unwrap();
    }
    assert_eq!(ed.plan().sources[0].kind, SourceKind::ProvincialBudget);
    ed.undo();
    assert_eq!(ed.plan(), &kind_other);
    // A milestone typed with its comparison in words; the first keystroke set the
    // comparison it already had.
    for (comparison, value) in [(Comparison::AtLeast, dec!(9)), (Comparison::MoreThan, dec!(96))] {
        let edit = Edit::Batch(vec![
            Edit::SetTarget { id: t, change: TargetChange::Comparison(comparison) },
            Edit::SetTarget {
                id: t,
                change: TargetChange::Milestone { variant: None, year: 2021, value: Some(value) },
            },
        ]);
        ed.apply_merging(edit, "target-milestone").unwrap();
    }
    assert_eq!(ed.plan().targets[0].comparison, Comparison::MoreThan);
    ed.undo();
    assert_eq!(ed.plan(), &kind_other);
    // A keystroke that changes nothing ("40" typed on as "40,") is no step, and the next one
    // is a step of its own, not merged into the step before it.
    let share = |v| Edit::SetSource { id: s1, change: SourceChange::Rule(ShareRule::percent(v)) };
    ed.apply_merging(share(dec!(40)), "source-share-1").unwrap();
    ed.apply_merging(share(dec!(40.5)), "source-share-1").unwrap();
    assert_eq!(ed.plan().sources[0].rule, ShareRule::percent(dec!(40.5)));
    ed.undo();
    assert_eq!(ed.plan(), &kind_other, "40,5 taken back alone");
    ed.undo();
    assert_eq!(ed.plan(), &before);
    assert!(!ed.can_undo());
}
