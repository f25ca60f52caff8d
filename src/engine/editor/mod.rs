//! An editable plan with live totals, funding split and undo history.
//!
//! Every change is an [`Edit`]; applying one returns its inverse, which is what the undo stack
//! keeps. Cell edits update the totals incrementally; structural edits recompute them in full.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::{FundingSplit, Totals, validate};
use crate::model::limits::{self, Exceeded};
use crate::model::{BudgetLine, ItemId, Plan, Year};

mod edit;
mod fields;
#[cfg(test)]
mod tests;
mod work;

pub use edit::*;
use fields::{set_source_field, set_target_field};

/// How many steps undo remembers.
pub const UNDO_DEPTH: usize = 1000;

/// What an edit changed, so a view repaints only that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Cells whose value changed: (row, year), the row as it was when the cell changed. Totals
    /// changed with them.
    pub cells: Vec<(usize, Year)>,
    /// Rows whose figures changed: the rows of `cells` and every group above them, sorted, each
    /// once. Empty when `structure` is set (every row may have moved).
    pub rows: Vec<usize>,
    /// Rows whose name, code, agency or notes changed (their figures did not), sorted, each once.
    /// Empty when `structure` is set.
    pub meta_rows: Vec<usize>,
    /// Lines, phases, years or the unit changed: everything may have moved.
    pub structure: bool,
    /// Funding sources changed.
    pub funding: bool,
    /// Targets changed.
    pub targets: bool,
    /// Title, issuer or notes changed, or a line's fields (`meta_rows`).
    pub meta: bool,
    /// Tasks, agencies or the reporting calendar changed.
    pub work: bool,
}

impl Impact {
    fn merge(&mut self, other: Impact) {
        self.cells.extend(other.cells);
        self.meta_rows.extend(other.meta_rows);
        self.structure |= other.structure;
        self.funding |= other.funding;
        self.targets |= other.targets;
        self.meta |= other.meta;
        self.work |= other.work;
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
            && self.meta_rows.is_empty()
            && !self.structure
            && !self.funding
            && !self.targets
            && !self.meta
            && !self.work
    }
}

/// The amounts `edit` writes into cells (those of an inserted line included).
fn amounts_written(edit: &Edit, out: &mut Vec<Decimal>) {
    match edit {
        Edit::SetCells(changes) => out.extend(changes.iter().filter_map(|c| c.value)),
        Edit::InsertLines { lines, .. } => out.extend(lines.iter().flat_map(|l| l.amounts.values().copied())),
        Edit::Batch(edits) => edits.iter().for_each(|e| amounts_written(e, out)),
        Edit::ReplacePlan(plan) => out.extend(plan.lines.iter().flat_map(|l| l.amounts.values().copied())),
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
        // Only a step on the stack can take the next keystrokes: after a keystroke that changed
        // nothing (40 typed as "40,"), the next one is a step of its own, not merged into
        // whatever step came before.
        self.merge_key = (!impact.is_empty()).then(|| key.to_string());
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

    /// Performs `edit` and says what it changed, with the rows it touched ([`Impact::rows`]).
    fn perform(&mut self, edit: Edit) -> (Edit, Impact) {
        let (inverse, mut impact) = self.perform_one(edit);
        if impact.structure {
            impact.meta_rows.clear();
        } else {
            impact.rows = self.rows_with_groups(&impact.cells);
            impact.meta_rows.sort_unstable();
            impact.meta_rows.dedup();
        }
        (inverse, impact)
    }

    /// The rows of `cells` and every group above them, sorted, each once.
    fn rows_with_groups(&self, cells: &[(usize, Year)]) -> Vec<usize> {
        let mut seen = HashSet::new();
        for &(row, _) in cells {
            let mut r = Some(row);
            // A row seen before had its groups taken then.
            while let Some(i) = r
                && seen.insert(i)
            {
                r = self.totals.parent(i);
            }
        }
        let mut rows: Vec<usize> = seen.into_iter().collect();
        rows.sort_unstable();
        rows
    }

    /// Whether none of `ids` is the id of an item of the plan, nor repeated among them.
    fn ids_free(&self, ids: impl IntoIterator<Item = ItemId>) -> bool {
        let plan = &self.plan;
        let mut used: HashSet<ItemId> = plan
            .phases
            .iter()
            .map(|p| p.id)
            .chain(plan.sources.iter().map(|s| s.id))
            .chain(plan.targets.iter().map(|t| t.id))
            .chain(plan.tasks.iter().map(|t| t.id))
            .chain(plan.agencies.iter().map(|a| a.id))
            .chain(plan.reports.iter().map(|r| r.id))
            .collect();
        ids.into_iter().all(|id| !self.row_of.contains_key(&id) && used.insert(id))
    }

    fn perform_one(&mut self, edit: Edit) -> (Edit, Impact) {
        let mut impact = Impact::default();
        // What an edit that changes nothing gives back.
        let nothing = || Edit::Batch(Vec::new());
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
            Edit::InsertLines { index, lines } => {
                if lines.is_empty() || !self.ids_free(lines.iter().map(|l| l.id)) {
                    return (nothing(), impact);
                }
                let index = index.min(self.plan.lines.len());
                let ids = lines.iter().map(|l| l.id).collect();
                self.plan.lines.splice(index..index, lines);
                impact.structure = true;
                Edit::RemoveLines { lines: ids }
            }
            Edit::RemoveLines { lines } => {
                let gone: HashSet<ItemId> = lines.into_iter().filter(|id| self.row_of.contains_key(id)).collect();
                if gone.is_empty() {
                    return (nothing(), impact);
                }
                // The removed lines in runs of consecutive rows, each put back by one insertion.
                let mut runs: Vec<(usize, Vec<BudgetLine>)> = Vec::new();
                let mut kept = Vec::with_capacity(self.plan.lines.len() - gone.len().min(self.plan.lines.len()));
                for (row, line) in std::mem::take(&mut self.plan.lines).into_iter().enumerate() {
                    if !gone.contains(&line.id) {
                        kept.push(line);
                        continue;
                    }
                    match runs.last_mut() {
                        Some((start, run)) if *start + run.len() == row => run.push(line),
                        _ => runs.push((row, vec![line])),
                    }
                }
                self.plan.lines = kept;
                impact.structure = true;
                // First run first: each goes back where it was, the runs before it being back.
                let mut inverse: Vec<Edit> =
                    runs.into_iter().map(|(index, lines)| Edit::InsertLines { index, lines }).collect();
                if inverse.len() == 1 { inverse.remove(0) } else { Edit::Batch(inverse) }
            }
            Edit::MoveLine { line, to } => {
                let Some(from) = self.row_of(line) else {
                    return (nothing(), impact);
                };
                if to >= self.plan.lines.len() || from == to {
                    return (nothing(), impact);
                }
                let moved = self.plan.lines.remove(from);
                self.plan.lines.insert(to, moved);
                impact.structure = true;
                Edit::MoveLine { line, to: from }
            }
            Edit::SetLineMeta { line, meta } => {
                let Some(row) = self.row_of(line) else {
                    return (nothing(), impact);
                };
                let l = &mut self.plan.lines[row];
                let old = LineMeta::from_line(l);
                if old == meta {
                    return (nothing(), impact);
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
                    impact.meta_rows.push(row);
                }
                Edit::SetLineMeta { line, meta: old }
            }
            Edit::SetPhases(phases) => {
                let old = std::mem::replace(&mut self.plan.phases, phases);
                impact.structure = true;
                Edit::SetPhases(old)
            }
            Edit::InsertSource { index, source } => {
                if !self.ids_free([source.id]) {
                    return (nothing(), impact);
                }
                let id = source.id;
                let index = index.min(self.plan.sources.len());
                self.plan.sources.insert(index, source);
                impact.funding = true;
                Edit::RemoveSource { id }
            }
            Edit::RemoveSource { id } => {
                let Some(index) = self.plan.sources.iter().position(|s| s.id == id) else {
                    return (nothing(), impact);
                };
                let source = self.plan.sources.remove(index);
                impact.funding = true;
                Edit::InsertSource { index, source }
            }
            Edit::SetSource { id, change } => {
                let Some(source) = self.plan.sources.iter_mut().find(|s| s.id == id) else {
                    return (nothing(), impact);
                };
                let (old, changed) = set_source_field(source, change);
                impact.funding = changed;
                Edit::SetSource { id, change: old }
            }
            Edit::InsertTarget { index, target } => {
                if !self.ids_free([target.id]) {
                    return (nothing(), impact);
                }
                let id = target.id;
                let index = index.min(self.plan.targets.len());
                self.plan.targets.insert(index, *target);
                impact.targets = true;
                Edit::RemoveTarget { id }
            }
            Edit::RemoveTarget { id } => {
                let Some(index) = self.plan.targets.iter().position(|t| t.id == id) else {
                    return (nothing(), impact);
                };
                let target = Box::new(self.plan.targets.remove(index));
                impact.targets = true;
                Edit::InsertTarget { index, target }
            }
            Edit::MoveTarget { id, to } => {
                let Some(from) = self.plan.targets.iter().position(|t| t.id == id) else {
                    return (nothing(), impact);
                };
                if to >= self.plan.targets.len() || from == to {
                    return (nothing(), impact);
                }
                let moved = self.plan.targets.remove(from);
                self.plan.targets.insert(to, moved);
                impact.targets = true;
                Edit::MoveTarget { id, to: from }
            }
            Edit::SetTarget { id, change } => {
                let Some(target) = self.plan.targets.iter_mut().find(|t| t.id == id) else {
                    return (nothing(), impact);
                };
                let Some((old, changed)) = set_target_field(target, change) else {
                    return (nothing(), impact);
                };
                impact.targets = changed;
                Edit::SetTarget { id, change: old }
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
            Edit::InsertTask { .. }
            | Edit::RemoveTask { .. }
            | Edit::MoveTask { .. }
            | Edit::SetTask { .. }
            | Edit::InsertAgency { .. }
            | Edit::RemoveAgency { .. }
            | Edit::SetAgency { .. }
            | Edit::RenameAgency { .. }
            | Edit::InsertReport { .. }
            | Edit::RemoveReport { .. }
            | Edit::SetReport { .. } => match self.perform_work(edit, &mut impact) {
                Some(inverse) => inverse,
                None => return (nothing(), Impact::default()),
            },
            Edit::ReplacePlan(plan) => {
                let old = std::mem::replace(&mut self.plan, *plan);
                impact = Impact {
                    structure: true,
                    funding: true,
                    targets: true,
                    meta: true,
                    work: true,
                    ..Impact::default()
                };
                Edit::ReplacePlan(Box::new(old))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    let (inv, imp) = self.perform_one(e);
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
