//! Bulk operations on allocations, exact in decimals: spreading a phase total over its years and
//! scaling amounts by a percentage. Each returns the cell changes, to be applied as one edit.

use rust_decimal::Decimal;

use super::{CellChange, Totals, apportion};
use crate::model::{Plan, Year};

/// How a total is spread over years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// The same amount each year (the remainder of the rounding goes to the earliest years).
    Evenly,
    /// In proportion to the amounts already there (evenly if there are none).
    Proportionally,
}

/// Spreads `total` over `years` of line `line`, rounded to `places` decimals; the new amounts add
/// up to `total` exactly.
pub fn spread(plan: &Plan, line: usize, years: &[Year], total: Decimal, how: Spread, places: u32) -> Vec<CellChange> {
    let Some(l) = plan.lines.get(line) else { return Vec::new() };
    if years.is_empty() {
        return Vec::new();
    }
    let current: Vec<Decimal> = years.iter().map(|y| l.amounts.get(y).copied().unwrap_or_default()).collect();
    let sum: Decimal = current.iter().fold(Decimal::ZERO, |a, b| a.saturating_add(*b));
    let n = Decimal::from(years.len() as u64);
    let weights: Vec<Decimal> = match how {
        Spread::Proportionally if !sum.is_zero() && current.iter().all(|v| !v.is_sign_negative()) => {
            current.iter().map(|v| v.checked_div(sum).unwrap_or_default()).collect()
        }
        _ => years.iter().map(|_| Decimal::ONE.checked_div(n).unwrap_or_default()).collect(),
    };
    // Weights that are rounded thirds may not sum to exactly 1: apportion still hits `total`
    // because it rounds the covered part, which is then within one unit; force exactness.
    let mut parts = apportion(total, &weights, places);
    let got: Decimal = parts.iter().fold(Decimal::ZERO, |a, b| a.saturating_add(*b));
    if got != total
        && let Some(first) = parts.first_mut()
    {
        *first = first.saturating_add(total.saturating_sub(got));
    }
    years
        .iter()
        .zip(parts)
        .map(|(&year, value)| CellChange { line: l.id, year, value: Some(value.normalize()) })
        .collect()
}

/// Multiplies every filled cell of `lines` × `years` by `percent` / 100, exactly.
pub fn scale(plan: &Plan, lines: &[usize], years: &[Year], percent: Decimal) -> Vec<CellChange> {
    let factor = percent.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
    let mut out = Vec::new();
    for &i in lines {
        let Some(l) = plan.lines.get(i) else { continue };
        for year in years {
            if let Some(v) = l.amounts.get(year) {
                let scaled = v.checked_mul(factor).unwrap_or(*v);
                out.push(CellChange { line: l.id, year: *year, value: Some(scaled.normalize()) });
            }
        }
    }
    out
}

/// Which way a fill copies: down the lines (the first line's figures into the others, year by
/// year) or along the years (the first year's figure into the others, line by line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillAlong {
    /// From the first of the lines to the others.
    Lines,
    /// From the first of the years to the others.
    Years,
}

/// Fill (Ctrl+D, Ctrl+R) over the block `lines` × `years`: the first line's (or year's) figure is
/// copied into the rest, an empty one empties them. A group line's figure is its sum: it can be a
/// source, never a target.
pub fn fill(plan: &Plan, totals: &Totals, lines: &[usize], years: &[Year], along: FillAlong) -> Vec<CellChange> {
    let figure = |i: usize, y: Year| {
        if totals.is_group(i) {
            totals.group_cell(i, y)
        } else {
            plan.lines.get(i).and_then(|l| l.amounts.get(&y).copied())
        }
    };
    let mut out = Vec::new();
    for (k, &i) in lines.iter().enumerate() {
        let Some(line) = plan.lines.get(i).filter(|_| !totals.is_group(i)) else { continue };
        for (m, &y) in years.iter().enumerate() {
            let source = match along {
                FillAlong::Lines if k > 0 => lines.first().map(|&s| (s, y)),
                FillAlong::Years if m > 0 => years.first().map(|&s| (i, s)),
                _ => None,
            };
            if let Some((si, sy)) = source {
                out.push(CellChange { line: line.id, year: y, value: figure(si, sy) });
            }
        }
    }
    out
}

/// Empties every typed cell of `lines` × `years` (Delete); computed figures are left alone.
pub fn clear(plan: &Plan, totals: &Totals, lines: &[usize], years: &[Year]) -> Vec<CellChange> {
    lines
        .iter()
        .filter(|&&i| !totals.is_group(i))
        .filter_map(|&i| plan.lines.get(i))
        .flat_map(|l| {
            years.iter().filter(|y| l.amounts.contains_key(y)).map(|&year| CellChange { line: l.id, year, value: None })
        })
        .collect()
}

/// Converts every amount of the plan (allocations and fixed source amounts) to `unit`, exactly,
/// as one edit. Split precision keeps the same smallest unit (the đồng stays the đồng).
pub fn convert_unit(plan: &Plan, unit: crate::model::MoneyUnit) -> super::Edit {
    use super::{Edit, PlanMeta, SourceChange};
    use crate::model::ShareRule;
    let from = plan.unit;
    let mut cells = Vec::new();
    for line in &plan.lines {
        for (&year, &v) in &line.amounts {
            cells.push(CellChange { line: line.id, year, value: Some(from.convert(v, unit)) });
        }
    }
    let convert_rule = |r: ShareRule| match r {
        ShareRule::Amount { value } => Some(ShareRule::Amount { value: from.convert(value, unit) }),
        _ => None,
    };
    // The fixed amounts of the sources, plan-wide and per phase.
    let mut edits = vec![Edit::SetCells(cells)];
    for s in &plan.sources {
        if let Some(rule) = convert_rule(s.rule) {
            edits.push(Edit::SetSource { id: s.id, change: SourceChange::Rule(rule) });
        }
        for (&phase, &r) in &s.phase_rules {
            if let Some(rule) = convert_rule(r) {
                edits.push(Edit::SetSource { id: s.id, change: SourceChange::PhaseRule { phase, rule: Some(rule) } });
            }
        }
    }
    let mut meta = PlanMeta::of(plan);
    // The smallest unit of the split stays the same amount of money.
    let shift = unit.exponent() as i64 - from.exponent() as i64;
    meta.precision = (meta.precision as i64 + shift).clamp(0, 12) as u32;
    meta.unit = unit;
    edits.push(Edit::SetMeta(Box::new(meta)));
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MoneyUnit, YearRange};
    use rust_decimal_macros::dec;

    fn plan() -> Plan {
        let mut p = Plan::new("", YearRange::new(2016, 2020), MoneyUnit::Million);
        p.push_line(
            "a",
            &[(2016, dec!(300)), (2017, dec!(200)), (2018, dec!(200)), (2019, dec!(200)), (2020, dec!(200))],
        );
        p
    }

    #[test]
    fn spreads_evenly_and_exactly() {
        let p = plan();
        let years: Vec<i32> = (2016..=2020).collect();
        let c = spread(&p, 0, &years, dec!(1000), Spread::Evenly, 0);
        assert!(c.iter().all(|c| c.value == Some(dec!(200))));
        let c = spread(&p, 0, &years[..3], dec!(100), Spread::Evenly, 0);
        let v: Vec<Decimal> = c.iter().map(|c| c.value.unwrap()).collect();
        assert_eq!(v, vec![dec!(34), dec!(33), dec!(33)]);
        let c = spread(&p, 0, &years[..3], dec!(100), Spread::Evenly, 2);
        assert_eq!(c.iter().map(|c| c.value.unwrap()).sum::<Decimal>(), dec!(100));
    }

    #[test]
    fn spreads_in_proportion() {
        let p = plan();
        let years: Vec<i32> = (2016..=2020).collect();
        let c = spread(&p, 0, &years, dec!(2200), Spread::Proportionally, 0);
        let v: Vec<Decimal> = c.iter().map(|c| c.value.unwrap()).collect();
        assert_eq!(v, vec![dec!(600), dec!(400), dec!(400), dec!(400), dec!(400)]);
    }

    #[test]
    fn converts_units_exactly_and_back() {
        let mut ed = super::super::Editor::new(crate::reference::plan_with_sources());
        ed.apply(convert_unit(ed.plan(), MoneyUnit::Billion)).expect("within the limits");
        assert_eq!(ed.plan().unit, MoneyUnit::Billion);
        assert_eq!(ed.totals().grand(), dec!(5.4));
        assert_eq!(ed.totals().phase_total(0), dec!(3.08));
        assert_eq!(ed.split().grand.amounts, vec![dec!(2.16), dec!(3.24)]);
        assert_eq!(ed.plan().precision, 9);
        ed.apply(convert_unit(ed.plan(), MoneyUnit::Dong)).expect("within the limits");
        assert_eq!(ed.totals().grand(), dec!(5400000000));
        ed.undo();
        ed.undo();
        assert_eq!(ed.plan(), &crate::reference::plan_with_sources());
    }

    #[test]
    fn scales_exactly() {
        let p = plan();
        let c = scale(&p, &[0], &[2016, 2017], dec!(110));
        assert_eq!(c[0].value, Some(dec!(330)));
        assert_eq!(c[1].value, Some(dec!(220)));
        let c = scale(&p, &[0], &[2016], dec!(33.3));
        assert_eq!(c[0].value, Some(dec!(99.9)));
    }

    #[test]
    fn fill_copies_the_first_line_or_year_and_never_into_a_group() {
        let mut plan = crate::reference::plan();
        plan.lines[1].depth = 1; // line 0 becomes a group of line 1
        let totals = Totals::compute(&plan);
        let years = [2013, 2014, 2015];
        // Down from the group: its figures (the sums) into lines 1 and 2; the group itself untouched.
        let changes = fill(&plan, &totals, &[0, 1, 2], &years, FillAlong::Lines);
        assert!(changes.iter().all(|c| c.line != plan.lines[0].id));
        let to_line2: Vec<_> =
            changes.iter().filter(|c| c.line == plan.lines[2].id).map(|c| (c.year, c.value)).collect();
        assert_eq!(to_line2, years.iter().map(|&y| (y, totals.group_cell(0, y))).collect::<Vec<_>>());
        // Right along the years: 2013's figure into 2014 and 2015.
        let right = fill(&plan, &totals, &[2], &years, FillAlong::Years);
        let v2013 = plan.lines[2].amounts.get(&2013).copied();
        assert_eq!(right.iter().map(|c| (c.year, c.value)).collect::<Vec<_>>(), vec![(2014, v2013), (2015, v2013)]);
        // Clear: typed cells only.
        let cleared = clear(&plan, &totals, &[0, 1, 2], &[2012, 2013]);
        assert!(cleared.iter().all(|c| c.value.is_none() && c.line != plan.lines[0].id && c.year == 2013));
        assert_eq!(cleared.len(), 2);
    }
}
