//! An editable plan with live totals, funding split and undo history.
//!
//! Every change is an [`Edit`]; applying one returns its inverse, which is what the undo stack
//! keeps. Cell edits update the totals incrementally; structural edits recompute them in full.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::{FundingSplit, Totals, validate};
use crate::model::limits::{self, Exceeded};
use crate::model::{BudgetLine, FundingSource, ItemId, MoneyUnit, Phase, Plan, Target, Year, YearRange};

/// How many steps undo remembers.
pub const UNDO_DEPTH: usize = 1000;

/// One cell's new content: a value, or `None` to clear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellChange {
    /// The line, by id.
    pub line: ItemId,
    /// The year.
    pub year: Year,
    /// The new value; `None` empties the cell.
    pub value: Option<Decimal>,
}

/// Everything about a line except its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineMeta {
    /// Name.
    pub name: String,
    /// Code or numbering.
    pub code: String,
    /// Outline depth.
    pub depth: u8,
    /// Lead agency.
    pub agency: String,
    /// Notes.
    pub notes: String,
}

impl LineMeta {
    /// The fields of `line`.
    pub fn from_line(line: &BudgetLine) -> Self {
        Self {
            name: line.name.clone(),
            code: line.code.clone(),
            depth: line.depth,
            agency: line.agency.clone(),
            notes: line.notes.clone(),
        }
    }
}

/// The plan's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMeta {
    /// Title.
    pub title: String,
    /// Issuing body.
    pub issuer: String,
    /// Period.
    pub period: YearRange,
    /// Unit amounts are stored in.
    pub unit: MoneyUnit,
    /// Decimal places of splits.
    pub precision: u32,
    /// Notes.
    pub notes: String,
}

impl PlanMeta {
    /// The meta fields of `plan`.
    pub fn of(plan: &Plan) -> Self {
        Self {
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            period: plan.period,
            unit: plan.unit,
            precision: plan.precision,
            notes: plan.notes.clone(),
        }
    }
}

/// One undoable change to a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Set or clear cells (one paste or fill is one edit).
    SetCells(Vec<CellChange>),
    /// Insert a line at `index`.
    InsertLine {
        /// Position.
        index: usize,
        /// The line.
        line: BudgetLine,
    },
    /// Remove the line at `index`.
    RemoveLine {
        /// Position.
        index: usize,
    },
    /// Move a line from one position to another.
    MoveLine {
        /// Old position.
        from: usize,
        /// New position.
        to: usize,
    },
    /// Change a line's name, code, depth, agency or notes.
    SetLineMeta {
        /// The line.
        line: ItemId,
        /// Its new fields.
        meta: LineMeta,
    },
    /// Replace the phases.
    SetPhases(Vec<Phase>),
    /// Replace the funding sources.
    SetSources(Vec<FundingSource>),
    /// Replace the targets.
    SetTargets(Vec<Target>),
    /// Change the plan's own fields.
    SetMeta(Box<PlanMeta>),
    /// Several edits as one undo step.
    Batch(Vec<Edit>),
}

/// What an edit changed, so a view repaints only that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Cells whose value changed: (row, year). Totals changed with them.
    pub cells: Vec<(usize, Year)>,
    /// Lines, phases, years or the unit changed: everything may have moved.
    pub structure: bool,
    /// Funding sources changed.
    pub funding: bool,
    /// Targets changed.
    pub targets: bool,
    /// Title, issuer or notes changed.
    pub meta: bool,
}

impl Impact {
    fn merge(&mut self, other: Impact) {
        self.cells.extend(other.cells);
        self.structure |= other.structure;
        self.funding |= other.funding;
        self.targets |= other.targets;
        self.meta |= other.meta;
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty() && !self.structure && !self.funding && !self.targets && !self.meta
    }
}

/// The amounts `edit` writes into cells (those of an inserted line included).
fn amounts_written(edit: &Edit, out: &mut Vec<Decimal>) {
    match edit {
        Edit::SetCells(changes) => out.extend(changes.iter().filter_map(|c| c.value)),
        Edit::InsertLine { line, .. } => out.extend(line.amounts.values().copied()),
        Edit::Batch(edits) => edits.iter().for_each(|e| amounts_written(e, out)),
        _ => {}
    }
}

/// A plan being edited, with its derived figures always up to date.
#[derive(Debug, Clone)]
pub struct Editor {
    plan: Plan,
    totals: Totals,
    split: FundingSplit,
    row_of: HashMap<ItemId, usize>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    merge_key: Option<String>,
}

impl Editor {
    /// Starts editing `plan`.
    pub fn new(plan: Plan) -> Self {
        let totals = Totals::compute(&plan);
        Self::with_totals(plan, totals)
    }

    /// Starts editing `plan` whose totals are already known (a loaded draft's): `totals` must be
    /// `Totals::compute(&plan)`.
    pub fn with_totals(plan: Plan, totals: Totals) -> Self {
        let split = FundingSplit::compute(&plan, &totals);
        let row_of = plan.lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        Self { plan, totals, split, row_of, undo: Vec::new(), redo: Vec::new(), merge_key: None }
    }

    /// The plan as it is now.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Its totals.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Its funding split.
    pub fn split(&self) -> &FundingSplit {
        &self.split
    }

    /// Every diagnostic of the plan as it is now.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        validate(&self.plan, &self.totals, &self.split)
    }

    /// Row of the line with `id`.
    pub fn row_of(&self, id: ItemId) -> Option<usize> {
        self.row_of.get(&id).copied()
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies `edit` as one undo step, or refuses it (the plan unchanged) when it would take the
    /// plan beyond one of its [limits](crate::model::limits): more lines, sources, years or cells
    /// than a draft may hold, a text too long, an amount too large.
    pub fn apply(&mut self, edit: Edit) -> Result<Impact, Exceeded> {
        self.merge_key = None;
        self.push(edit)
    }

    /// Applies `edit`, merging it into the previous step when that step had the same `key`: typing
    /// "4", "40", "40,5" into one field is one undo step. Refused as [`Editor::apply`].
    pub fn apply_merging(&mut self, edit: Edit, key: &str) -> Result<Impact, Exceeded> {
        if self.merge_key.as_deref() == Some(key) && !self.undo.is_empty() {
            // The inverse already on the stack restores the state before the first keystroke.
            let (_, impact) = self.perform_within_limits(edit)?;
            self.redo.clear();
            return Ok(impact);
        }
        let impact = self.push(edit)?;
        self.merge_key = Some(key.to_string());
        Ok(impact)
    }

    /// Ends a merging session, so the next edit of the same field is a new undo step.
    pub fn end_merge(&mut self) {
        self.merge_key = None;
    }

    fn push(&mut self, edit: Edit) -> Result<Impact, Exceeded> {
        let (inverse, impact) = self.perform_within_limits(edit)?;
        if !impact.is_empty() {
            self.undo.push(inverse);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        Ok(impact)
    }

    /// Performs `edit` and checks the plan against its limits afterwards; beyond them, the edit is
    /// undone at once. A plan already beyond a limit before the edit (made by an older version)
    /// is not held to it, but an amount the edit writes always is.
    fn perform_within_limits(&mut self, edit: Edit) -> Result<(Edit, Impact), Exceeded> {
        let mut written = Vec::new();
        amounts_written(&edit, &mut written);
        let unit = self.plan.unit;
        let (inverse, impact) = self.perform(edit);
        let max = self.plan.unit.max_amount();
        let amounts = if self.plan.unit == unit {
            written.into_iter().try_for_each(|v| limits::check_amount(v, max))
        } else {
            // Another unit: every amount is read anew.
            self.plan.lines.iter().flat_map(|l| l.amounts.values()).try_for_each(|v| limits::check_amount(*v, max))
        };
        let Err(why) = amounts.and_then(|()| limits::check(&self.plan)) else {
            return Ok((inverse, impact));
        };
        let (edit, _) = self.perform(inverse);
        if !matches!(why, Exceeded::Amount(_)) && limits::check(&self.plan).is_err() {
            return Ok(self.perform(edit));
        }
        Err(why)
    }

    /// Undoes the last step.
    pub fn undo(&mut self) -> Option<Impact> {
        self.merge_key = None;
        let edit = self.undo.pop()?;
        let (inverse, impact) = self.perform(edit);
        self.redo.push(inverse);
        Some(impact)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> Option<Impact> {
        self.merge_key = None;
        let edit = self.redo.pop()?;
        let (inverse, impact) = self.perform(edit);
        self.undo.push(inverse);
        Some(impact)
    }

    /// Sets one cell (by row index) as one undo step.
    pub fn set_cell(&mut self, row: usize, year: Year, value: Option<Decimal>) -> Result<Impact, Exceeded> {
        match self.plan.lines.get(row) {
            Some(line) => self.apply(Edit::SetCells(vec![CellChange { line: line.id, year, value }])),
            None => Ok(Impact::default()),
        }
    }

    fn perform(&mut self, edit: Edit) -> (Edit, Impact) {
        let mut impact = Impact::default();
        let inverse = match edit {
            Edit::SetCells(changes) => {
                let mut inverse = Vec::with_capacity(changes.len());
                let mut full = false;
                for change in changes {
                    let Some(row) = self.row_of(change.line) else {
                        continue;
                    };
                    let amounts = &mut self.plan.lines[row].amounts;
                    // The same value (1,5 typed over 1,50) changes nothing, not even how the cell
                    // is written: replacing it without an undo step made the draft's JSON differ
                    // from the one undo gives back (found by fuzzing `plan_ops`).
                    if amounts.get(&change.year).copied() == change.value {
                        continue;
                    }
                    let old = match change.value {
                        Some(v) => amounts.insert(change.year, v),
                        None => amounts.remove(&change.year),
                    };
                    inverse.push(CellChange { line: change.line, year: change.year, value: old });
                    if !full && !self.totals.apply_cell(&self.plan, row, change.year, old, change.value) {
                        full = true;
                    }
                    impact.cells.push((row, change.year));
                }
                // A year that had no column yet: the generic recompute below takes it.
                impact.structure |= full;
                inverse.reverse();
                Edit::SetCells(inverse)
            }
            Edit::InsertLine { index, line } => {
                let index = index.min(self.plan.lines.len());
                self.plan.lines.insert(index, line);
                impact.structure = true;
                Edit::RemoveLine { index }
            }
            Edit::RemoveLine { index } => {
                if index >= self.plan.lines.len() {
                    return (Edit::Batch(Vec::new()), impact);
                }
                let line = self.plan.lines.remove(index);
                impact.structure = true;
                Edit::InsertLine { index, line }
            }
            Edit::MoveLine { from, to } => {
                let n = self.plan.lines.len();
                if from >= n || to >= n || from == to {
                    return (Edit::Batch(Vec::new()), impact);
                }
                let line = self.plan.lines.remove(from);
                self.plan.lines.insert(to, line);
                impact.structure = true;
                Edit::MoveLine { from: to, to: from }
            }
            Edit::SetLineMeta { line, meta } => {
                let Some(row) = self.row_of(line) else {
                    return (Edit::Batch(Vec::new()), impact);
                };
                let l = &mut self.plan.lines[row];
                let old = LineMeta::from_line(l);
                if old == meta {
                    return (Edit::Batch(Vec::new()), impact);
                }
                let depth_changed = old.depth != meta.depth;
                l.name = meta.name;
                l.code = meta.code;
                l.depth = meta.depth;
                l.agency = meta.agency;
                l.notes = meta.notes;
                if depth_changed {
                    impact.structure = true;
                } else {
                    impact.meta = true;
                    impact.cells.push((row, i32::MIN));
                }
                Edit::SetLineMeta { line, meta: old }
            }
            Edit::SetPhases(phases) => {
                let old = std::mem::replace(&mut self.plan.phases, phases);
                impact.structure = true;
                Edit::SetPhases(old)
            }
            Edit::SetSources(sources) => {
                let old = std::mem::replace(&mut self.plan.sources, sources);
                impact.funding = true;
                Edit::SetSources(old)
            }
            Edit::SetTargets(targets) => {
                let old = std::mem::replace(&mut self.plan.targets, targets);
                impact.targets = true;
                Edit::SetTargets(old)
            }
            Edit::SetMeta(meta) => {
                let old = PlanMeta::of(&self.plan);
                let structural = old.period != meta.period || old.unit != meta.unit;
                let funding = old.precision != meta.precision;
                let PlanMeta { title, issuer, period, unit, precision, notes } = *meta;
                self.plan.title = title;
                self.plan.issuer = issuer;
                self.plan.period = period;
                self.plan.unit = unit;
                self.plan.precision = precision;
                self.plan.notes = notes;
                impact.meta = true;
                impact.structure = structural;
                impact.funding = funding;
                Edit::SetMeta(Box::new(old))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    let (inv, imp) = self.perform(e);
                    inverses.push(inv);
                    impact.merge(imp);
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        };
        if impact.structure {
            self.totals = Totals::compute(&self.plan);
            self.row_of = self.plan.lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        }
        if impact.structure || impact.funding || !impact.cells.is_empty() {
            self.split = FundingSplit::compute(&self.plan, &self.totals);
        }
        (inverse, impact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(err.message(Lang::Vi).starts_with("Thay đổi không được thực hiện: số tiền 1.000.000.000.000.000"));
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
            ed.apply(Edit::InsertLine { index: 0, line }).unwrap_err(),
            Exceeded::TooMany { what: Items::Lines, n: MAX_LINES + 1, max: MAX_LINES }
        );
        assert_eq!(ed.plan().lines.len(), MAX_LINES);
        assert!(!ed.can_undo());
        // A plan already beyond a limit (an older version's) still takes edits that do not add to it.
        ed.apply(Edit::RemoveLine { index: 0 }).expect("fewer lines");
        let mut plan = ed.plan().clone();
        plan.period = YearRange::new(1900, 2200);
        let mut ed = Editor::new(plan);
        ed.apply(Edit::RemoveLine { index: 0 }).expect("an edit that does not add to the span");
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
        ed.apply(Edit::InsertLine { index: 1, line }).expect("within the limits");
        ed.apply(Edit::MoveLine { from: 0, to: 2 }).expect("within the limits");
        ed.apply(Edit::RemoveLine { index: 0 }).expect("within the limits");
        let id = ed.plan().lines[0].id;
        ed.apply(Edit::SetLineMeta { line: id, meta: LineMeta { name: "Z".into(), depth: 1, ..Default::default() } })
            .expect("within the limits");
        ed.apply(Edit::Batch(vec![Edit::SetPhases(vec![]), Edit::SetSources(vec![])])).expect("within the limits");
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
}
