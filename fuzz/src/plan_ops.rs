//! The `plan_ops` fuzz target: a random draft built from the input's bytes, opened through the
//! JSON loader, then random edits through the engine's `Editor` (cells, lines, outline, phases,
//! sources, targets, the plan's period and unit, spread and scale, undo, redo), checking after
//! every step:
//!
//! - the totals and the funding split equal a computation from scratch;
//! - the diagnostics are bounded: at most `MAX_PER_KIND` of each kind and its summary;
//! - undo gives back exactly the draft's JSON from before the step, redo the one after;
//! - the plan written as a draft reads back unchanged (or is refused only for an amount beyond
//!   the limit, which scaling may reach).
//!
//! Sizes come from the bytes but are capped (at most 12 lines, 6 phases, 5 sources, 4 targets
//! and 48 edits; a "large" input multiplies the items, up to 600 lines, 60 overlapping phases,
//! 100 sources and 120 targets, with 8 edits), so an input takes milliseconds. Every byte
//! string decodes to something: missing bytes read as 0.
//!
//! Shared with the native tests (`tests/fuzz_regressions.rs` includes this file by path), which
//! replay the seeds and a few hundred generated inputs.

use std::collections::BTreeMap;

use kehoach::engine::ops::{Spread, convert_unit, scale, spread};
use kehoach::engine::{
    CellChange, Edit, Editor, FundingSplit, LineMeta, MAX_PER_KIND, PlanMeta, SourceChange, TargetChange, Totals,
};
use kehoach::io::json::{from_json, to_json};
use kehoach::model::{
    BudgetLine, Comparison, FundingSource, ItemId, MoneyUnit, Phase, Plan, ShareRule, SourceKind, Target, TargetUnit,
    TargetVariant, Year, YearRange,
};
use rust_decimal::Decimal;

/// The input's bytes, read one at a time; 0 once they run out.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { usize::from(self.u8()) % n }
    }

    fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    /// A year near `base`: mostly within a dozen years, sometimes decades away, always within
    /// 1990–2080 (so the years of a plan never span more than a draft may).
    fn year(&mut self, base: Year) -> Year {
        let y = match self.below(16) {
            0 => 1990 + self.below(20) as Year,
            1 => 2080 - self.below(20) as Year,
            _ => base - 3 + self.below(16) as Year,
        };
        y.clamp(1990, 2080)
    }

    /// An amount in `unit`: small whole numbers, decimals, negatives, zero, and now and then one
    /// just below the limit of 10^21 đồng.
    fn amount(&mut self, unit: MoneyUnit) -> Decimal {
        let v = i64::from(self.u8()) * 37 + i64::from(self.u8());
        match self.below(12) {
            0 => Decimal::ZERO,
            1 => -Decimal::from(v),
            2 => Decimal::new(v, 3),
            3 => unit.max_amount() - Decimal::from(v + 1),
            4 => Decimal::new(v, 6),
            _ => Decimal::from(v),
        }
    }

    fn rule(&mut self, unit: MoneyUnit) -> ShareRule {
        match self.below(5) {
            0 => ShareRule::Remainder,
            1 => ShareRule::Amount { value: self.amount(unit).abs() },
            2 => ShareRule::percent(Decimal::new(self.below(12_000) as i64, 2)),
            _ => ShareRule::percent(Decimal::from(self.below(101) as i64)),
        }
    }
}

/// The draft the bytes describe, within the limits of a draft file.
fn draft(b: &mut Bytes, next: &mut u32) -> Plan {
    let mut id = || {
        *next += 1;
        ItemId(*next)
    };
    let large = b.u8() >= 0xF0;
    let first = 2000 + b.below(40) as Year;
    let period = YearRange::new(first, first + b.below(12) as Year);
    let unit = MoneyUnit::ALL[b.below(4)];
    let mut plan = Plan::new("Kế hoạch thử", period, unit);
    plan.precision = b.below(13) as u32;
    let times = |n: usize| if large { n } else { 1 };
    for _ in 0..b.below(7) * times(10) {
        let a = b.year(first);
        let years = YearRange::new(a, a + b.below(8) as Year - 1);
        plan.phases.push(Phase { id: id(), name: format!("GĐ {}", plan.phases.len() + 1), years });
    }
    let mut depth = 0u8;
    for _ in 0..b.below(13) * times(50) {
        depth = match b.below(4) {
            0 => depth.saturating_sub(1 + b.below(3) as u8),
            1 => (depth + 1).min(16),
            _ => depth,
        };
        let amounts: BTreeMap<Year, Decimal> = (0..b.below(6)).map(|_| (b.year(first), b.amount(unit))).collect();
        let name = if b.below(8) == 0 { String::new() } else { format!("Dòng {}", plan.lines.len() + 1) };
        plan.lines.push(BudgetLine { id: id(), name, depth, amounts, ..Default::default() });
    }
    for _ in 0..b.below(6) * times(20) {
        let mut source = FundingSource {
            id: id(),
            name: format!("Nguồn {}", plan.sources.len() + 1),
            kind: SourceKind::ALL[b.below(8)],
            rule: b.rule(unit),
            ..Default::default()
        };
        for _ in 0..b.below(3) {
            if let Some(p) = plan.phases.get(b.below(plan.phases.len())) {
                source.phase_rules.insert(p.id, b.rule(unit));
            }
        }
        plan.sources.push(source);
    }
    for _ in 0..b.below(5) * times(30) {
        let series = |b: &mut Bytes| -> BTreeMap<Year, Decimal> {
            (0..b.below(5)).map(|_| (b.year(first), Decimal::from(b.below(130) as i64 - 10))).collect()
        };
        plan.targets.push(Target {
            id: id(),
            name: if b.bool() { format!("Chỉ tiêu {}", plan.targets.len() + 1) } else { String::new() },
            unit: if b.bool() { TargetUnit::Percent } else { TargetUnit::Count },
            comparison: Comparison::ALL[b.below(4)],
            milestones: series(b),
            variants: (0..b.below(3))
                .map(|v| TargetVariant { name: format!("nhóm {v}"), milestones: series(b) })
                .collect(),
            ..Default::default()
        });
    }
    plan
}

/// The figures of `kept` (updated edit by edit) are those of `fresh` (computed from scratch):
/// every line's total and phase totals, every year's, every phase's, the grand total, group
/// cells and negative cells. The columns may differ: a year whose last amount was cleared keeps
/// its (empty) column until the next change of structure, so the grid does not jump.
fn same_figures(kept: &Totals, fresh: &Totals, plan: &Plan) {
    assert_eq!(kept.grand(), fresh.grand(), "grand total");
    assert_eq!(kept.outside_total(), fresh.outside_total(), "outside the phases");
    for p in 0..plan.phases.len() {
        assert_eq!(kept.phase_total(p), fresh.phase_total(p), "phase {p}");
    }
    for row in 0..plan.lines.len() {
        assert_eq!(kept.line_total(row), fresh.line_total(row), "line {row}");
        assert_eq!(kept.line_outside_total(row), fresh.line_outside_total(row), "line {row} outside");
        for p in 0..plan.phases.len() {
            assert_eq!(kept.line_phase_total(row, p), fresh.line_phase_total(row, p), "line {row}, phase {p}");
        }
        assert_eq!(kept.is_group(row), fresh.is_group(row), "line {row} a group");
        assert_eq!(kept.parent(row), fresh.parent(row), "line {row}'s parent");
    }
    for &year in kept.columns().iter().chain(fresh.columns()) {
        assert_eq!(kept.year_total(year), fresh.year_total(year), "year {year}");
        assert_eq!(kept.year_has_values(year), fresh.year_has_values(year), "year {year} filled");
        for row in 0..plan.lines.len() {
            assert_eq!(kept.group_cell(row, year), fresh.group_cell(row, year), "group {row}, {year}");
        }
    }
    for &year in fresh.columns() {
        assert!(kept.column_of(year).is_some(), "year {year} has no column");
    }
    assert!(kept.negative_cells().eq(fresh.negative_cells()), "negative cells");
}

/// Every check of one state of the editor.
fn check_state(editor: &Editor) {
    let plan = editor.plan();
    let totals = Totals::compute(plan);
    same_figures(editor.totals(), &totals, plan);
    assert_eq!(
        editor.split(),
        &FundingSplit::compute(plan, editor.totals()),
        "the split differs from a computation from scratch"
    );
    assert_eq!(editor.split().grand, FundingSplit::compute(plan, &totals).grand, "the plan's split");
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in editor.diagnostics() {
        *kinds.entry(d.code.to_string()).or_default() += 1;
    }
    for (code, n) in kinds {
        assert!(n <= MAX_PER_KIND + 1, "{n} diagnostics of kind {code}");
    }
    let json = to_json("fuzz", plan);
    // The editor refuses an edit beyond the limits: its draft always reads back.
    match from_json(&json) {
        Ok(again) => assert_eq!(&again.plan, plan, "the plan changed when written and read"),
        Err(errors) => panic!("our own draft is refused: {errors:?}\n{json}"),
    }
}

/// One step: an edit, an undo or a redo.
enum Step {
    Apply(Edit),
    Undo,
    Redo,
}

fn step(b: &mut Bytes, editor: &Editor, next: &mut u32) -> Step {
    let plan = editor.plan();
    let rows = plan.lines.len();
    let first = plan.period.first;
    let unit = plan.unit;
    let line_id = |b: &mut Bytes| plan.lines.get(b.below(rows.max(1))).map(|l| l.id).unwrap_or(ItemId(0));
    // The line at a position; past the last one, an id no item has.
    let line_at = |row: usize| plan.lines.get(row).map(|l| l.id).unwrap_or(ItemId(u32::MAX));
    match b.below(16) {
        0..=2 => {
            let cells = (0..1 + b.below(4))
                .map(|_| CellChange {
                    line: line_id(b),
                    year: b.year(first),
                    value: if b.below(5) == 0 { None } else { Some(b.amount(unit)) },
                })
                .collect();
            Step::Apply(Edit::SetCells(cells))
        }
        3 => {
            *next += 1;
            let amounts = (0..b.below(4)).map(|_| (b.year(first), b.amount(unit))).collect();
            let line = BudgetLine {
                id: ItemId(*next),
                name: format!("Mới {next}"),
                depth: b.below(4) as u8,
                amounts,
                ..Default::default()
            };
            Step::Apply(Edit::InsertLines { index: b.below(rows + 2), lines: vec![line] })
        }
        // By position as the bytes say, one past the last naming no line (nothing done).
        4 => Step::Apply(Edit::RemoveLines { lines: vec![line_at(b.below(rows + 1))] }),
        5 => {
            let line = line_at(b.below(rows + 1));
            Step::Apply(Edit::MoveLine { line, to: b.below(rows + 1) })
        }
        6 => {
            let depth = b.below(18) as u8;
            Step::Apply(Edit::SetLineMeta {
                line: line_id(b),
                meta: LineMeta { name: format!("Tên {}", b.u8()), depth: depth.min(16), ..Default::default() },
            })
        }
        7 => {
            let mut phases = plan.phases.clone();
            match b.below(3) {
                0 if !phases.is_empty() => {
                    phases.remove(b.below(phases.len()));
                }
                1 if !phases.is_empty() => {
                    let k = b.below(phases.len());
                    let a = b.year(first);
                    phases[k].years = YearRange::new(a, a + b.below(8) as Year - 1);
                }
                _ => {
                    *next += 1;
                    let a = b.year(first);
                    phases.push(Phase {
                        id: ItemId(*next),
                        name: "GĐ mới".into(),
                        years: YearRange::new(a, a + b.below(6) as Year),
                    });
                }
            }
            Step::Apply(Edit::SetPhases(phases))
        }
        8 => {
            let sources = &plan.sources;
            if sources.is_empty() || b.below(4) == 0 {
                *next += 1;
                let source = FundingSource {
                    id: ItemId(*next),
                    name: "Nguồn mới".into(),
                    rule: b.rule(unit),
                    ..Default::default()
                };
                Step::Apply(Edit::InsertSource { index: sources.len(), source })
            } else {
                let id = sources[b.below(sources.len())].id;
                if b.bool() {
                    Step::Apply(Edit::SetSource { id, change: SourceChange::Rule(b.rule(unit)) })
                } else if let Some(p) = plan.phases.get(b.below(plan.phases.len().max(1))) {
                    let change = SourceChange::PhaseRule { phase: p.id, rule: Some(b.rule(unit)) };
                    Step::Apply(Edit::SetSource { id, change })
                } else {
                    Step::Apply(Edit::RemoveSource { id })
                }
            }
        }
        9 => {
            if let Some(t) = plan.targets.get(b.below(plan.targets.len().max(1))) {
                let year = b.year(first);
                let value = if b.bool() { Some(Decimal::from(b.below(130) as i64 - 10)) } else { None };
                Step::Apply(Edit::SetTarget {
                    id: t.id,
                    change: TargetChange::Milestone { variant: None, year, value },
                })
            } else {
                *next += 1;
                let target = Target { id: ItemId(*next), name: "Mới".into(), ..Default::default() };
                Step::Apply(Edit::InsertTarget { index: plan.targets.len(), target: Box::new(target) })
            }
        }
        10 => {
            let mut meta = PlanMeta::of(plan);
            let a = 2000 + b.below(40) as Year;
            meta.period = YearRange::new(a, a + b.below(12) as Year);
            meta.precision = b.below(13) as u32;
            meta.title = format!("Kế hoạch {}", b.u8());
            Step::Apply(Edit::SetMeta(Box::new(meta)))
        }
        11 => {
            let row = b.below(rows.max(1));
            let years: Vec<Year> = (0..1 + b.below(5)).map(|k| first + k as Year).collect();
            let how = if b.bool() { Spread::Evenly } else { Spread::Proportionally };
            Step::Apply(Edit::SetCells(spread(plan, row, &years, b.amount(unit).abs(), how, plan.precision)))
        }
        12 => {
            let rows: Vec<usize> = (0..rows).filter(|_| b.bool()).collect();
            let years: Vec<Year> = (0..b.below(8)).map(|k| first + k as Year).collect();
            Step::Apply(Edit::SetCells(scale(plan, &rows, &years, Decimal::from(b.below(300) as i64))))
        }
        13 => Step::Apply(convert_unit(plan, MoneyUnit::ALL[b.below(4)])),
        14 => Step::Undo,
        _ => Step::Redo,
    }
}

/// The whole target on one input: see the module's documentation.
pub fn plan_ops_bytes(data: &[u8]) {
    let mut b = Bytes { data, at: 0 };
    let mut next = 0u32;
    let plan = draft(&mut b, &mut next);
    let large = plan.lines.len() > 12 || plan.phases.len() > 6;
    // Opened as a file would be: written, then read by the JSON loader.
    let json = to_json("fuzz", &plan);
    let loaded = match from_json(&json) {
        Ok(loaded) => loaded,
        Err(errors) => panic!("a draft within the limits is refused: {errors:?}\n{json}"),
    };
    assert_eq!(loaded.plan, plan, "the draft changed when opened");
    assert!(loaded.warnings.is_empty(), "warnings on opening our own draft: {:?}", loaded.warnings);
    let mut editor = Editor::new(loaded.plan);
    // The draft as opened: equal to the one written, but "-0" reads as 0 (found by this target:
    // the generator writes a negated 0), so undo is compared with the plan as read.
    let opened = to_json("fuzz", editor.plan());
    check_state(&editor);
    // JSON of the plan before each step that undo would take back, and after each undone one.
    let mut undo: Vec<String> = Vec::new();
    let mut redo: Vec<String> = Vec::new();
    let max_steps = if large { 8 } else { 48 };
    for _ in 0..max_steps {
        if b.done() {
            break;
        }
        let before = to_json("fuzz", editor.plan());
        match step(&mut b, &editor, &mut next) {
            Step::Apply(edit) => match editor.apply(edit) {
                Ok(impact) => {
                    if !impact.is_empty() {
                        undo.push(before);
                        redo.clear();
                    }
                }
                // Beyond a limit: refused, and the draft as it was.
                Err(_) => assert_eq!(to_json("fuzz", editor.plan()), before, "a refused edit changed the draft"),
            },
            Step::Undo => match editor.undo() {
                Some(_) => {
                    let expected = undo.pop().expect("the editor undid a step the target did not make");
                    assert_eq!(to_json("fuzz", editor.plan()), expected, "undo did not restore the draft");
                    redo.push(before);
                }
                None => assert!(undo.is_empty(), "the editor has nothing to undo"),
            },
            Step::Redo => match editor.redo() {
                Some(_) => {
                    let expected = redo.pop().expect("the editor redid a step the target did not undo");
                    assert_eq!(to_json("fuzz", editor.plan()), expected, "redo did not restore the draft");
                    undo.push(before);
                }
                None => assert!(redo.is_empty(), "the editor has nothing to redo"),
            },
        }
        check_state(&editor);
    }
    // Everything undone: the draft as it was opened.
    while editor.undo().is_some() {}
    assert_eq!(to_json("fuzz", editor.plan()), opened, "undoing every step did not give back the draft");
}
