//! Line, year, phase and grand totals, computed in full or updated for one edited cell.
//!
//! Decimal addition is exact, so updating by the difference of one cell gives the same figures as
//! a full recompute, with no drift however many edits are made.

use rust_decimal::Decimal;

use crate::model::{ItemId, Plan, Year};

/// A column of the year axis ([`Totals::year_axis`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSlot {
    /// A year.
    Year(Year),
    /// The subtotal of a phase (index), after its last year.
    PhaseTotal(usize),
}

/// Every derived figure of the budget table.
///
/// Rows are the plan's lines in order; a group row's figures roll up from the lines under it.
/// Phase slots are the plan's phases in order plus one last slot for years outside every phase.
///
/// Memory is O(lines × columns + phases): a line's total per phase is kept only for the phases
/// that own a column (a year counts in the first phase containing it, so of 1,000 overlapping
/// phases one holds money), not for lines × phases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    columns: Vec<Year>,
    col_phase: Vec<usize>,
    /// Compact slot of each column in `line_phase`.
    col_slot: Vec<usize>,
    /// Compact slot of each phase slot (phases, then outside), `NO_SLOT` when it owns no column.
    phase_slot: Vec<usize>,
    /// Number of compact slots.
    slots: usize,
    phase_count: usize,
    parent: Vec<Option<usize>>,
    is_group: Vec<bool>,
    /// Rolled-up cells of group rows (row-major, `columns.len()` per row; empty for leaves).
    group_cells: Vec<Vec<Decimal>>,
    /// How many filled leaf cells lie under each group cell, to tell empty from 0.
    group_filled: Vec<Vec<u32>>,
    line_total: Vec<Decimal>,
    /// rows × compact slots.
    line_phase: Vec<Decimal>,
    year_total: Vec<Decimal>,
    year_filled: Vec<u32>,
    phase_total: Vec<Decimal>,
    grand: Decimal,
    negative: std::collections::BTreeSet<(ItemId, Year)>,
    /// Whether every sum is exact. Beyond 28 significant digits a decimal rounds; such totals
    /// are never updated by differences (they would drift from a computation from scratch).
    exact: bool,
}

const NO_SLOT: usize = usize::MAX;

/// Adds `value` to `target`, stopping at a decimal's bounds; `exact` becomes false if the sum
/// rounded or stopped.
fn sum(target: &mut Decimal, value: Decimal, exact: &mut bool) {
    match self::exact(*target, value) {
        Some(s) => *target = s,
        None => {
            *exact = false;
            *target = target.saturating_add(value);
        }
    }
}

/// `a + b` when it is exact: a decimal keeps at most 28 significant digits and rounds beyond
/// (its scale then drops below the operands').
fn exact(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    // Adding 0 is exact (and gives the other operand back, with its own scale).
    (a.is_zero() || b.is_zero() || sum.scale() >= a.scale().max(b.scale())).then_some(sum)
}

impl Totals {
    /// Computes every figure of `plan` from scratch, in O(cells + phases log phases).
    pub fn compute(plan: &Plan) -> Self {
        let columns = plan.columns();
        let phase_count = plan.phases.len();
        let cover = plan.phase_cover();
        let col_phase: Vec<usize> = columns.iter().map(|&y| cover.phase_of(y).unwrap_or(phase_count)).collect();
        let mut phase_slot = vec![NO_SLOT; phase_count + 1];
        let mut slots = 0;
        let col_slot: Vec<usize> = col_phase
            .iter()
            .map(|&p| {
                if phase_slot[p] == NO_SLOT {
                    phase_slot[p] = slots;
                    slots += 1;
                }
                phase_slot[p]
            })
            .collect();
        let rows = plan.lines.len();
        let cols = columns.len();

        // Outline: parent of each row, and which rows are groups.
        let mut parent = vec![None; rows];
        let mut is_group = vec![false; rows];
        let mut stack: Vec<usize> = Vec::new();
        for (i, line) in plan.lines.iter().enumerate() {
            while let Some(&top) = stack.last() {
                if plan.lines[top].depth >= line.depth {
                    stack.pop();
                } else {
                    break;
                }
            }
            parent[i] = stack.last().copied();
            if let Some(p) = parent[i] {
                is_group[p] = true;
            }
            stack.push(i);
        }

        let mut totals = Totals {
            col_phase,
            col_slot,
            phase_slot,
            slots,
            phase_count,
            group_cells: is_group.iter().map(|&g| if g { vec![Decimal::ZERO; cols] } else { Vec::new() }).collect(),
            group_filled: is_group.iter().map(|&g| if g { vec![0; cols] } else { Vec::new() }).collect(),
            parent,
            is_group,
            line_total: vec![Decimal::ZERO; rows],
            line_phase: vec![Decimal::ZERO; rows * slots],
            year_total: vec![Decimal::ZERO; cols],
            year_filled: vec![0; cols],
            phase_total: vec![Decimal::ZERO; phase_count + 1],
            grand: Decimal::ZERO,
            negative: Default::default(),
            exact: true,
            columns,
        };
        totals.add_all(plan);
        totals
    }

    /// Adds every leaf cell of `plan`, in O(cells + groups × columns): each cell goes to its
    /// line, its year, phase and the grand total, and its parent group's cell; then the groups,
    /// deepest rows first, hand their figures to their parents. Walking every cell up through
    /// all its ancestors cost cells × depth. Sums stop at a decimal's bounds instead of
    /// panicking: the loaders keep amounts below 10^21 đồng, but edits (a scale by 300 % again
    /// and again) can go further.
    fn add_all(&mut self, plan: &Plan) {
        let slots = self.slots;
        for (row, line) in plan.lines.iter().enumerate() {
            if self.is_group[row] {
                continue;
            }
            let parent = self.parent[row];
            // A line's years are in order, as are the columns: a forward search from the last.
            let mut from = 0;
            for (&year, &amount) in &line.amounts {
                let Some(col) = self.columns.get(from..).and_then(|c| c.binary_search(&year).ok()).map(|c| c + from)
                else {
                    continue;
                };
                from = col + 1;
                sum(&mut self.year_total[col], amount, &mut self.exact);
                self.year_filled[col] += 1;
                sum(&mut self.line_total[row], amount, &mut self.exact);
                sum(&mut self.line_phase[row * slots + self.col_slot[col]], amount, &mut self.exact);
                if let Some(p) = parent {
                    sum(&mut self.group_cells[p][col], amount, &mut self.exact);
                    self.group_filled[p][col] += 1;
                }
                if amount.is_sign_negative() && !amount.is_zero() {
                    self.negative.insert((line.id, year));
                }
            }
        }
        for (col, &total) in self.year_total.iter().enumerate() {
            sum(&mut self.phase_total[self.col_phase[col]], total, &mut self.exact);
            sum(&mut self.grand, total, &mut self.exact);
        }
        // Children follow their parent in the outline: from the last row up, each row is complete
        // when it is reached.
        for row in (0..plan.lines.len()).rev() {
            let Some(p) = self.parent[row] else { continue };
            let total = self.line_total[row];
            sum(&mut self.line_total[p], total, &mut self.exact);
            for slot in 0..slots {
                let v = self.line_phase[row * slots + slot];
                sum(&mut self.line_phase[p * slots + slot], v, &mut self.exact);
            }
            if self.is_group[row] {
                let (cells, filled) =
                    (std::mem::take(&mut self.group_cells[row]), std::mem::take(&mut self.group_filled[row]));
                for (target, v) in self.group_cells[p].iter_mut().zip(&cells) {
                    sum(target, *v, &mut self.exact);
                }
                for (target, f) in self.group_filled[p].iter_mut().zip(&filled) {
                    *target += *f;
                }
                self.group_cells[row] = cells;
                self.group_filled[row] = filled;
            }
        }
    }

    /// Applies the change of one leaf cell from `old` to `new`. `plan` already holds the new value.
    /// Returns `false` when the change needs a full recompute instead (a year not yet shown,
    /// a group row, a row out of range, or a sum that would lose digits: beyond 28 significant
    /// digits a decimal rounds, and a total updated by differences would then drift from the
    /// sum of the figures, found by fuzzing `plan_ops`). The figures are then left half updated,
    /// for the recompute to replace.
    pub fn apply_cell(
        &mut self,
        plan: &Plan,
        row: usize,
        year: Year,
        old: Option<Decimal>,
        new: Option<Decimal>,
    ) -> bool {
        let Some(col) = self.column_of(year) else {
            return false;
        };
        if row >= self.line_total.len() || self.is_group[row] || !self.exact {
            return false;
        }
        let Some(delta) = exact(new.unwrap_or_default(), -old.unwrap_or_default()) else {
            return false;
        };
        let filled = new.is_some() as i64 - old.is_some() as i64;
        if !self.add(row, col, delta, filled) {
            return false;
        }
        let id = plan.lines[row].id;
        match new {
            Some(v) if v.is_sign_negative() && !v.is_zero() => {
                self.negative.insert((id, year));
            }
            _ => {
                self.negative.remove(&(id, year));
            }
        }
        true
    }

    /// Adds `delta` to a cell's figures and its groups'; `false` if a sum lost digits.
    fn add(&mut self, row: usize, col: usize, delta: Decimal, filled: i64) -> bool {
        let slots = self.slots;
        let slot = self.col_phase[col];
        let compact = self.col_slot[col];
        let mut ok = true;
        let mut add = |target: &mut Decimal| match exact(*target, delta) {
            Some(sum) => *target = sum,
            None => ok = false,
        };
        add(&mut self.year_total[col]);
        add(&mut self.phase_total[slot]);
        add(&mut self.grand);
        self.year_filled[col] = (self.year_filled[col] as i64 + filled).max(0) as u32;
        let mut r = Some(row);
        while let Some(i) = r {
            add(&mut self.line_total[i]);
            add(&mut self.line_phase[i * slots + compact]);
            if self.is_group[i] {
                add(&mut self.group_cells[i][col]);
                let f = &mut self.group_filled[i][col];
                *f = (*f as i64 + filled).max(0) as u32;
            }
            r = self.parent[i];
        }
        ok
    }

    /// The year columns, in order.
    pub fn columns(&self) -> &[Year] {
        &self.columns
    }

    /// Column index of `year`.
    pub fn column_of(&self, year: Year) -> Option<usize> {
        self.columns.binary_search(&year).ok()
    }

    /// The year columns as the annexes print them: each year, and after a phase's last year its
    /// subtotal ("Cộng GĐ 1").
    pub fn year_axis(&self) -> Vec<YearSlot> {
        let years = self.columns();
        let mut out = Vec::with_capacity(years.len() + self.phase_count());
        for (i, &y) in years.iter().enumerate() {
            out.push(YearSlot::Year(y));
            let phase = self.phase_of_column(i);
            let next = years.get(i + 1).map(|_| self.phase_of_column(i + 1));
            if let Some(p) = phase
                && next != Some(Some(p))
            {
                out.push(YearSlot::PhaseTotal(p));
            }
        }
        out
    }

    /// Phase index of column `col`, `None` for a year outside every phase.
    pub fn phase_of_column(&self, col: usize) -> Option<usize> {
        self.col_phase.get(col).copied().filter(|&p| p < self.phase_count)
    }

    /// Whether row `row` is a group.
    pub fn is_group(&self, row: usize) -> bool {
        self.is_group.get(row).copied().unwrap_or(false)
    }

    /// Parent group of row `row`.
    pub fn parent(&self, row: usize) -> Option<usize> {
        self.parent.get(row).copied().flatten()
    }

    /// Rolled-up value of a group row's cell, `None` when no line under it has a value there.
    pub fn group_cell(&self, row: usize, year: Year) -> Option<Decimal> {
        let col = self.column_of(year)?;
        let filled = *self.group_filled.get(row)?.get(col)?;
        (filled > 0).then(|| self.group_cells[row][col])
    }

    /// Total of row `row` over all years (a group: of its lines).
    pub fn line_total(&self, row: usize) -> Decimal {
        self.line_total.get(row).copied().unwrap_or_default()
    }

    /// Total of row `row` within phase `phase`.
    pub fn line_phase_total(&self, row: usize, phase: usize) -> Decimal {
        match self.phase_slot.get(phase) {
            Some(&slot) if slot != NO_SLOT => self.line_phase.get(row * self.slots + slot).copied().unwrap_or_default(),
            _ => Decimal::ZERO,
        }
    }

    /// Total of row `row` over years outside every phase.
    pub fn line_outside_total(&self, row: usize) -> Decimal {
        self.line_phase_total(row, self.phase_count)
    }

    /// Total of `year` over all lines.
    pub fn year_total(&self, year: Year) -> Decimal {
        self.column_of(year).map(|c| self.year_total[c]).unwrap_or_default()
    }

    /// Whether any line has a value in `year`.
    pub fn year_has_values(&self, year: Year) -> bool {
        self.column_of(year).map(|c| self.year_filled[c] > 0).unwrap_or(false)
    }

    /// Total of phase `phase` (by index).
    pub fn phase_total(&self, phase: usize) -> Decimal {
        if phase < self.phase_count { self.phase_total[phase] } else { Decimal::ZERO }
    }

    /// Decimal places of the plan's typed amounts and fixed funding amounts, the precision its
    /// figures are shown with (on screen and in the xlsx export): the grand total keeps the
    /// largest scale of what it adds up, as typed (1.095,5 + 4.304,5 is 5.400,0).
    pub fn typed_places(&self, plan: &Plan) -> u32 {
        let fixed = plan
            .sources
            .iter()
            .flat_map(|s| std::iter::once(&s.rule).chain(s.phase_rules.values()))
            .filter_map(|r| match r {
                crate::model::ShareRule::Amount { value } => Some(value.scale()),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        self.grand().scale().max(fixed)
    }

    /// Total of years outside every phase.
    pub fn outside_total(&self) -> Decimal {
        self.phase_total.get(self.phase_count).copied().unwrap_or_default()
    }

    /// The grand total.
    pub fn grand(&self) -> Decimal {
        self.grand
    }

    /// Cells holding a negative amount, by line id and year.
    pub fn negative_cells(&self) -> impl Iterator<Item = (ItemId, Year)> + '_ {
        self.negative.iter().copied()
    }

    /// Number of phases the totals were computed for.
    pub fn phase_count(&self) -> usize {
        self.phase_count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MoneyUnit, YearRange};

    /// Found by fuzzing `plan_ops`: a running total that needs more than 28 digits rounds; kept
    /// by differences it then drifts from the figures. Such an edit asks for a recompute.
    #[test]
    fn an_edit_that_would_round_a_total_asks_for_a_recompute() {
        use std::str::FromStr;
        let mut plan = Plan::new("", YearRange::new(2020, 2021), MoneyUnit::Million);
        plan.push_line("a", &[(2020, Decimal::from(999_999_999_999_999i64))]);
        plan.push_line("b", &[]);
        let mut totals = Totals::compute(&plan);
        let tiny = Decimal::from_str("0.00000000000000000004").unwrap();
        plan.lines[1].amounts.insert(2020, tiny);
        assert!(!totals.apply_cell(&plan, 1, 2020, None, Some(tiny)));
        // Computed from scratch, the total rounded: it is not updated by differences either.
        let mut totals = Totals::compute(&plan);
        plan.lines[0].amounts.clear();
        assert!(!totals.apply_cell(&plan, 0, 2020, Some(Decimal::from(999_999_999_999_999i64)), None));
        assert_eq!(Totals::compute(&plan).grand(), tiny);
        // Exact sums are updated by differences as before.
        let mut totals = Totals::compute(&plan);
        plan.lines[0].amounts.insert(2021, Decimal::new(15, 1));
        assert!(totals.apply_cell(&plan, 0, 2021, None, Some(Decimal::new(15, 1))));
        assert_eq!(totals, Totals::compute(&plan));
    }

    /// The full computation (leaves, then groups rolled up) gives the figures of adding every
    /// cell one by one through all its ancestors, on random outlines and phases.
    #[test]
    fn rolling_groups_up_agrees_with_adding_cell_by_cell() {
        let mut rng = crate::reference::Xorshift(0x0123_4567_89AB_CDEF);
        for round in 0..200 {
            let mut plan = Plan::new("", YearRange::new(2020, 2031), MoneyUnit::Million);
            for p in 0..rng.below(5) {
                let a = 2019 + rng.below(12) as i32;
                plan.push_phase(&format!("p{p}"), YearRange::new(a, a + rng.below(5) as i32));
            }
            let mut depth = 0u8;
            for l in 0..rng.below(25) {
                depth = match rng.below(3) {
                    0 => depth.saturating_sub(1 + rng.below(3) as u8),
                    1 => depth + 1,
                    _ => depth,
                };
                let amounts: Vec<(i32, Decimal)> = (0..rng.below(5))
                    .map(|_| {
                        (2020 + rng.below(12) as i32, Decimal::new(rng.below(2000) as i64 - 300, rng.below(3) as u32))
                    })
                    .collect();
                plan.push_line(&format!("l{l}"), &amounts);
                plan.lines.last_mut().unwrap().depth = depth;
            }
            let full = Totals::compute(&plan);
            let mut empty = plan.clone();
            for line in &mut empty.lines {
                line.amounts.clear();
            }
            let mut one_by_one = Totals::compute(&empty);
            for (row, line) in plan.lines.iter().enumerate() {
                for (&year, &amount) in &line.amounts {
                    if !full.is_group(row) {
                        assert!(one_by_one.apply_cell(&plan, row, year, None, Some(amount)), "round {round}");
                    }
                }
            }
            assert_eq!(full, one_by_one, "round {round}: {plan:?}");
        }
    }
}
