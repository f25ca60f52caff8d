//! Every figure the table states as a sum, against the figures it covers: phase subtotals and
//! totals along the years (of each line, and of each total line), total and subtotal lines
//! against the top-level lines, a year's whole against its sources. Each is checked against the
//! years' own figures, never against other stated sums, so that one wrong cell is reported once.

use rust_decimal::Decimal;

use crate::model::{MoneyUnit, SourceKind};

use super::super::amounts::Amount;
use super::super::entries::EntryRole;
use super::super::fields::{Part, Role};
use super::super::phases::{self, Candidate};
use super::Reader;
use super::matrix::{Amounts, Col, Matrix};
use super::outline::Lines;

/// Checks the stated sums; returns the phases they state and whether the table has a total.
pub(super) fn run(
    r: &mut Reader<'_, '_>,
    m: &Matrix,
    a: &Amounts,
    o: &Lines,
    unit: MoneyUnit,
) -> (Vec<Candidate>, bool) {
    let label_l = r.label_l();
    let view = r.view;
    let (candidates, year_sums) = phases::from_fields(
        &r.fields,
        &m.records,
        |i| r.fields.get(i).is_some_and(|f| r.has_numbers(f)),
        |i| view.pos(r.fields.get(i).map(|f| f.y).unwrap_or(0), label_l),
    );
    // The column holding a record's part.
    let part_col = |record: usize, part: &Part| -> Option<usize> {
        let p = m.picks.get(record)?;
        let source_of = |i: &usize| match r.fields.get(*i).map(|f| &f.role) {
            Some(Role::Year { part: Part::Source { kind, name }, .. }) => Some((*kind, name.clone())),
            _ => None,
        };
        match part {
            Part::Whole => Some(p.primary),
            Part::Source { kind, name } => {
                let same_name = p.parts.iter().find(|i| source_of(i).is_some_and(|(_, n)| n == *name));
                let same_kind = p
                    .parts
                    .iter()
                    .find(|i| source_of(i).is_some_and(|(k, _)| k == *kind && *kind != SourceKind::Other));
                same_name.or(same_kind).and_then(|i| m.col_of_field.get(i).copied())
            }
            Part::Other(_) => None,
        }
    };
    let roots: Vec<(usize, usize)> = o.outline.roots.iter().filter_map(|&n| Some((o.entry_of(n)?, n))).collect();
    let mut block_start = 0usize;
    let mut has_total = false;
    let mut mismatches: Vec<((u32, u32), Decimal, Decimal, bool)> = Vec::new();
    let mut exceeding: Vec<((u32, u32), Decimal, Decimal)> = Vec::new();
    for (row_index, &j) in a.valued.iter().enumerate() {
        let Some(l) = r.entries.get(j).map(|e| e.l) else { continue };
        let Some(row) = a.stated.get(row_index) else { continue };
        let role = r.roles.get(j).cloned();
        // The years' figures the stated sums of this entry cover: its own, or for a total line
        // the top-level lines' (since the last subtotal for a bare "Cộng").
        let base: Vec<Amount> = match role {
            Some(EntryRole::Total { bare }) => {
                has_total = true;
                let mut sum = vec![Amount::Empty; m.cols.len()];
                for (pos, n) in &roots {
                    if (!bare || (*pos >= block_start && *pos < j))
                        && let Some(node) = o.outline.nodes.get(*n)
                    {
                        Amount::add_rows(&mut sum, &node.eff);
                    }
                }
                if bare {
                    block_start = j;
                }
                for (c, stated) in row.iter().enumerate() {
                    let (Amount::Value(st), Some(Amount::Value(total))) = (stated, sum.get(c)) else { continue };
                    if m.is_year_col(c, &r.fields) && !agrees(*st, *total, field_unit(r, m, c), unit) {
                        mismatches.push((view.pos(m.col_label(c, &r.fields).1, l), *st, *total, bare));
                    }
                }
                sum
            }
            _ => row.clone(),
        };
        for s in &year_sums {
            let Some(&c) = m.col_of_field.get(&s.field) else { continue };
            let Some(Amount::Value(st)) = row.get(c).copied() else { continue };
            let mut expected = Decimal::ZERO;
            let mut ok = !s.records.is_empty();
            for rec in s.records.clone() {
                match part_col(rec, &s.part).and_then(|pc| base.get(pc).copied()) {
                    Some(Amount::Value(v)) => expected = expected.saturating_add(v),
                    Some(Amount::Empty) => {}
                    _ => ok = false,
                }
            }
            if ok && !agrees(st, expected, field_unit(r, m, c), unit) {
                let y = r.fields.get(s.field).map(|f| f.y).unwrap_or(0);
                let subtotal = s.subtotal || matches!(role, Some(EntryRole::Total { bare: true }));
                mismatches.push((view.pos(y, l), st, expected, subtotal));
            }
        }
        // A year's whole against its sources.
        for p in m.picks.iter().filter(|p| p.whole.is_some() && !p.parts.is_empty()) {
            let Some(Amount::Value(whole)) = row.get(p.primary).copied() else { continue };
            let parts: Decimal = p
                .parts
                .iter()
                .filter_map(|i| m.col_of_field.get(i).and_then(|&c| row.get(c)).and_then(|a| a.value()))
                .fold(Decimal::ZERO, Decimal::saturating_add);
            if parts > whole {
                let y = p.whole.and_then(|w| r.fields.get(w)).map(|f| f.y).unwrap_or(0);
                exceeding.push((view.pos(y, l), whole, parts));
            }
        }
    }
    for (at, stated, sum, subtotal) in mismatches {
        r.report.mismatch(at, stated, sum, subtotal);
    }
    for (at, whole, parts) in exceeding {
        r.report.parts_exceed(at, whole, parts);
    }
    has_total |= r.fields.iter().any(|f| matches!(f.role, Role::Total { .. }) && r.has_numbers(f));
    (candidates, has_total)
}

fn field_unit(r: &Reader<'_, '_>, m: &Matrix, c: usize) -> Option<MoneyUnit> {
    match m.cols.get(c) {
        Some(Col::Field(i)) => r.fields.get(*i).and_then(|f| f.unit),
        _ => None,
    }
}

/// Whether a stated figure agrees with the sum of what it covers: exactly, or, for a field in a
/// coarser unit than the table's ("Tổng (tỷ đồng)" beside triệu), to the figure's own decimals.
fn agrees(stated: Decimal, expected: Decimal, field_unit: Option<MoneyUnit>, table: MoneyUnit) -> bool {
    if stated == expected {
        return true;
    }
    match field_unit {
        Some(u) if u.exponent() > table.exponent() => {
            // Offices round as Excel's ROUND does: halves away from zero.
            let s = table.convert(stated, u);
            let e = table.convert(expected, u);
            e.round_dp_with_strategy(s.scale(), rust_decimal::RoundingStrategy::MidpointAwayFromZero) == s
        }
        _ => false,
    }
}
