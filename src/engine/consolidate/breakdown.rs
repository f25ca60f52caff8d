//! Who contributes what: any cell, line or total of a consolidated plan split by unit.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::engine::Totals;
use crate::model::{ItemId, Plan, Year};

/// Which figures of a line (or of the whole plan) a breakdown adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One year.
    Year(Year),
    /// A phase (index), its years as the totals count them.
    Phase(usize),
    /// Every year.
    Total,
}

/// A figure of the consolidated plan and what each unit contributes to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// The figure as the plan shows it.
    pub value: Decimal,
    /// Each unit's part, in the units' order (name, amount).
    pub parts: Vec<(String, Decimal)>,
    /// What the units do not explain: the planner's own changes to the consolidated plan
    /// (`value` minus the parts).
    pub adjustment: Decimal,
}

/// A column per unit: every row's figure in `scope`, split by unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitColumns {
    /// The units' names, one column each.
    pub units: Vec<String>,
    /// Per row of the plan (a group: its lines'), each unit's part.
    pub rows: Vec<Vec<Decimal>>,
    /// Per row, the part no unit explains.
    pub adjustments: Vec<Decimal>,
    /// The whole plan's figure per unit.
    pub total: Vec<Decimal>,
    /// The part of the whole plan's figure no unit explains.
    pub total_adjustment: Decimal,
}

fn in_scope(totals: &Totals, scope: Scope) -> impl Fn(Year) -> bool {
    let phase_of: HashMap<Year, Option<usize>> =
        totals.columns().iter().enumerate().map(|(c, &y)| (y, totals.phase_of_column(c))).collect();
    move |y: Year| match scope {
        Scope::Year(x) => x == y,
        Scope::Phase(p) => phase_of.get(&y).copied().flatten() == Some(p),
        Scope::Total => true,
    }
}

fn row_value(totals: &Totals, plan: &Plan, row: usize, scope: Scope) -> Decimal {
    match scope {
        Scope::Year(y) => {
            if totals.is_group(row) {
                totals.group_cell(row, y).unwrap_or_default()
            } else {
                plan.lines.get(row).and_then(|l| l.amounts.get(&y)).copied().unwrap_or_default()
            }
        }
        Scope::Phase(p) => totals.line_phase_total(row, p),
        Scope::Total => totals.line_total(row),
    }
}

/// Every row's figure in `scope` split by unit (a group's rows rolled up), and the whole
/// plan's; `None` for a plan that is not a consolidation.
pub fn unit_columns(plan: &Plan, totals: &Totals, scope: Scope) -> Option<UnitColumns> {
    let cons = plan.consolidation.as_deref()?;
    let keep = in_scope(totals, scope);
    let row_of: HashMap<ItemId, usize> = plan.lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let n = cons.units.len();
    let mut rows = vec![vec![Decimal::ZERO; n]; plan.lines.len()];
    let mut total = vec![Decimal::ZERO; n];
    for (k, unit) in cons.units.iter().enumerate() {
        for (id, cells) in &unit.amounts {
            let Some(&row) = row_of.get(id) else { continue };
            if totals.is_group(row) {
                continue;
            }
            let part: Decimal = cells.iter().filter(|(y, _)| keep(**y)).map(|(_, a)| *a).sum();
            if part.is_zero() {
                continue;
            }
            let mut at = Some(row);
            while let Some(r) = at {
                rows[r][k] += part;
                at = totals.parent(r);
            }
            total[k] += part;
        }
    }
    let adjustments: Vec<Decimal> = rows
        .iter()
        .enumerate()
        .map(|(r, parts)| row_value(totals, plan, r, scope) - parts.iter().copied().sum::<Decimal>())
        .collect();
    let whole = match scope {
        Scope::Year(y) => totals.year_total(y),
        Scope::Phase(p) => totals.phase_total(p),
        Scope::Total => totals.grand(),
    };
    let total_adjustment = whole - total.iter().copied().sum::<Decimal>();
    Some(UnitColumns {
        units: cons.units.iter().map(|u| u.name.clone()).collect(),
        rows,
        adjustments,
        total,
        total_adjustment,
    })
}

/// The figure of `row` (or of the whole plan, `None`) in `scope`, split by unit; `None` for a
/// plan that is not a consolidation.
pub fn breakdown(plan: &Plan, totals: &Totals, row: Option<usize>, scope: Scope) -> Option<Breakdown> {
    let columns = unit_columns(plan, totals, scope)?;
    let (parts, adjustment) = match row {
        Some(r) => (columns.rows.get(r)?.clone(), columns.adjustments[r]),
        None => (columns.total.clone(), columns.total_adjustment),
    };
    let value = parts.iter().copied().sum::<Decimal>() + adjustment;
    Some(Breakdown { value, parts: columns.units.into_iter().zip(parts).collect(), adjustment })
}
