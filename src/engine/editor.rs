//! An editable plan with live totals, funding split and undo history.
//!
//! Every change is an [`Edit`]; applying one returns its inverse, which is what the undo stack
//! keeps. Cell edits update the totals incrementally; structural edits recompute them in full.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::{FundingSplit, Totals, validate};
use crate::model::limits::{self, Exceeded};
use crate::model::{
    Baseline, BudgetLine, Comparison, FundingSource, ItemId, MoneyUnit, Phase, Plan, ShareRule, SourceKind, Target,
    TargetUnit, TargetVariant, Year, YearRange,
};

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

/// One change to a funding source's fields ([`Edit::SetSource`]). Its inverse sets the field's
/// old value back, even when the value did not change: typing merged into one undo step
/// ([`Editor::apply_merging`]) is taken back by the first keystroke's inverse, so that inverse
/// must cover every field the later keystrokes set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceChange {
    /// The source's name.
    Name(String),
    /// The kind of money.
    Kind(SourceKind),
    /// The rule for the whole plan.
    Rule(ShareRule),
    /// The rule for one phase (by the phase's id); `None` goes back to the plan-wide rule there.
    PhaseRule {
        /// The phase.
        phase: ItemId,
        /// Its own rule, or none.
        rule: Option<ShareRule>,
    },
}

/// One change to a target indicator ([`Edit::SetTarget`]). A field's inverse sets its old value
/// back, even an unchanged one (see [`SourceChange`]). Variants (sub-groups) have no id of their
/// own: they are named by their position in the target's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetChange {
    /// The area the indicator belongs to.
    Group(String),
    /// The indicator's name.
    Name(String),
    /// The unit of its values.
    Unit(TargetUnit),
    /// How its values are to be read.
    Comparison(Comparison),
    /// Where it starts from.
    Baseline(Option<Baseline>),
    /// One milestone: of the target itself (`variant` is `None`) or of one of its variants;
    /// `value` `None` removes it.
    Milestone {
        /// The variant, by position, or the target itself.
        variant: Option<usize>,
        /// The milestone's year.
        year: Year,
        /// The value, or none.
        value: Option<Decimal>,
    },
    /// The lead agency.
    Agency(String),
    /// The coordinating agencies.
    Partners(Vec<String>),
    /// The notes.
    Notes(String),
    /// The name of a variant, by position.
    VariantName {
        /// The variant's position.
        variant: usize,
        /// Its new name.
        name: String,
    },
    /// A variant inserted at `index` (clamped to the end).
    InsertVariant {
        /// Position.
        index: usize,
        /// The variant.
        variant: TargetVariant,
    },
    /// The variant at `index` removed.
    RemoveVariant {
        /// Position.
        index: usize,
    },
}

/// One undoable change to a plan.
///
/// Lines, sources and targets are named by their [`ItemId`], unique across the plan as a draft file
/// requires. An edit naming an id the plan does not hold changes nothing and is no undo step; so
/// is an insertion of an item whose id is already in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Set or clear cells (one paste or fill is one edit).
    SetCells(Vec<CellChange>),
    /// Insert budget lines, in order, at `index` (clamped to the end): one added line, or the
    /// lines a paste needs. Changes nothing when `lines` is empty or one of their ids is in use.
    InsertLines {
        /// Position of the first one.
        index: usize,
        /// The lines.
        lines: Vec<BudgetLine>,
    },
    /// Remove the budget lines with these ids (ids the plan does not hold are passed over).
    RemoveLines {
        /// The lines, by id, in any order.
        lines: Vec<ItemId>,
    },
    /// Move a budget line so that it stands at position `to`. Changes nothing when `to` is past
    /// the last line.
    MoveLine {
        /// The line.
        line: ItemId,
        /// Its new position.
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
    /// Insert a funding source at `index` (clamped to the end).
    InsertSource {
        /// Position.
        index: usize,
        /// The source.
        source: FundingSource,
    },
    /// Remove the funding source with this id.
    RemoveSource {
        /// The source.
        id: ItemId,
    },
    /// Change one field of the funding source with this id.
    SetSource {
        /// The source.
        id: ItemId,
        /// What changes.
        change: SourceChange,
    },
    /// Insert a target at `index` (clamped to the end).
    InsertTarget {
        /// Position.
        index: usize,
        /// The target (boxed: a target is larger than any other edit).
        target: Box<Target>,
    },
    /// Remove the target with this id.
    RemoveTarget {
        /// The target.
        id: ItemId,
    },
    /// Move the target with this id so that it stands at position `to`. Changes nothing when `to`
    /// is past the last target.
    MoveTarget {
        /// The target.
        id: ItemId,
        /// Its new position.
        to: usize,
    },
    /// Change one field (or variant) of the target with this id.
    SetTarget {
        /// The target.
        id: ItemId,
        /// What changes.
        change: TargetChange,
    },
    /// Change the plan's own fields.
    SetMeta(Box<PlanMeta>),
    /// Several edits as one undo step.
    Batch(Vec<Edit>),
}

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
}

impl Impact {
    fn merge(&mut self, other: Impact) {
        self.cells.extend(other.cells);
        self.meta_rows.extend(other.meta_rows);
        self.structure |= other.structure;
        self.funding |= other.funding;
        self.targets |= other.targets;
        self.meta |= other.meta;
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
            && self.meta_rows.is_empty()
            && !self.structure
            && !self.funding
            && !self.targets
            && !self.meta
    }
}

/// The amounts `edit` writes into cells (those of an inserted line included).
fn amounts_written(edit: &Edit, out: &mut Vec<Decimal>) {
    match edit {
        Edit::SetCells(changes) => out.extend(changes.iter().filter_map(|c| c.value)),
        Edit::InsertLines { lines, .. } => out.extend(lines.iter().flat_map(|l| l.amounts.values().copied())),
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

/// Puts `value` in `slot` unless they are equal (a value written differently, 1,5 over 1,50, is
/// left as it is, as a cell's is), and gives back the value there before and whether it changed.
fn swap<T: PartialEq + Clone>(slot: &mut T, value: T) -> (T, bool) {
    if *slot == value { (slot.clone(), false) } else { (std::mem::replace(slot, value), true) }
}

/// Applies `change` to `source`: the change that undoes it, and whether anything changed.
fn set_source_field(source: &mut FundingSource, change: SourceChange) -> (SourceChange, bool) {
    match change {
        SourceChange::Name(name) => {
            let (old, changed) = swap(&mut source.name, name);
            (SourceChange::Name(old), changed)
        }
        SourceChange::Kind(kind) => {
            let (old, changed) = swap(&mut source.kind, kind);
            (SourceChange::Kind(old), changed)
        }
        SourceChange::Rule(rule) => {
            let (old, changed) = swap(&mut source.rule, rule);
            (SourceChange::Rule(old), changed)
        }
        SourceChange::PhaseRule { phase, rule } => {
            let old = source.phase_rules.get(&phase).copied();
            if old == rule {
                return (SourceChange::PhaseRule { phase, rule: old }, false);
            }
            match rule {
                Some(r) => source.phase_rules.insert(phase, r),
                None => source.phase_rules.remove(&phase),
            };
            (SourceChange::PhaseRule { phase, rule: old }, true)
        }
    }
}

/// Applies `change` to `target`: the change that undoes it and whether anything changed, or
/// `None` (nothing done) when it names a variant the target does not have.
fn set_target_field(target: &mut Target, change: TargetChange) -> Option<(TargetChange, bool)> {
    Some(match change {
        TargetChange::Group(group) => {
            let (old, changed) = swap(&mut target.group, group);
            (TargetChange::Group(old), changed)
        }
        TargetChange::Name(name) => {
            let (old, changed) = swap(&mut target.name, name);
            (TargetChange::Name(old), changed)
        }
        TargetChange::Unit(unit) => {
            let (old, changed) = swap(&mut target.unit, unit);
            (TargetChange::Unit(old), changed)
        }
        TargetChange::Comparison(comparison) => {
            let (old, changed) = swap(&mut target.comparison, comparison);
            (TargetChange::Comparison(old), changed)
        }
        TargetChange::Baseline(baseline) => {
            let (old, changed) = swap(&mut target.baseline, baseline);
            (TargetChange::Baseline(old), changed)
        }
        TargetChange::Milestone { variant, year, value } => {
            let series = match variant {
                None => &mut target.milestones,
                Some(v) => &mut target.variants.get_mut(v)?.milestones,
            };
            let old = series.get(&year).copied();
            if old == value {
                return Some((TargetChange::Milestone { variant, year, value: old }, false));
            }
            match value {
                Some(v) => series.insert(year, v),
                None => series.remove(&year),
            };
            (TargetChange::Milestone { variant, year, value: old }, true)
        }
        TargetChange::Agency(agency) => {
            let (old, changed) = swap(&mut target.agency, agency);
            (TargetChange::Agency(old), changed)
        }
        TargetChange::Partners(partners) => {
            let (old, changed) = swap(&mut target.partners, partners);
            (TargetChange::Partners(old), changed)
        }
        TargetChange::Notes(notes) => {
            let (old, changed) = swap(&mut target.notes, notes);
            (TargetChange::Notes(old), changed)
        }
        TargetChange::VariantName { variant, name } => {
            let (old, changed) = swap(&mut target.variants.get_mut(variant)?.name, name);
            (TargetChange::VariantName { variant, name: old }, changed)
        }
        TargetChange::InsertVariant { index, variant } => {
            let index = index.min(target.variants.len());
            target.variants.insert(index, variant);
            (TargetChange::RemoveVariant { index }, true)
        }
        TargetChange::RemoveVariant { index } => {
            if index >= target.variants.len() {
                return None;
            }
            let variant = target.variants.remove(index);
            (TargetChange::InsertVariant { index, variant }, true)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Message;
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
        ed.apply(Edit::RemoveLines { lines: vec![ed.plan().lines[0].id] })
            .expect("an edit that does not add to the span");
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
        plan.sources.push(FundingSource {
            id: s2,
            name: "NSĐP".into(),
            rule: ShareRule::Remainder,
            ..Default::default()
        });
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
        assert_eq!(
            format!("{:?}", ed.plan().sources[0].rule),
            format!("{:?}", before.sources[0].rule),
            "40 as written"
        );
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
}
