//! The plan a table gives: its phases, its lines in outline order (groups without amounts of
//! their own, "Chưa chi tiết" lines for what parents state beyond their lines), the kinds of
//! figure in its notes, and the funding the table states.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::diagnostic::cell_ref;
use crate::io::import::limits::{MAX_AGENCY_CHARS, MAX_LINE_CODE_CHARS, MAX_LINE_NAME_CHARS, MAX_TEXT_CHARS};
use crate::io::import::result::{FoundLine, FoundYear};
use crate::model::{BudgetLine, FundingSource, ItemId, MoneyUnit, Plan, ShareRule, SourceKind, YearRange};

use super::super::amounts::{Amount, quiet_value};
use super::super::entries::EntryRole;
use super::super::fields::{Part, Role};
use super::super::funding::{self, PartSums};
use super::super::phases::{self, Candidate};
use super::Reader;
use super::matrix::Matrix;
use super::outline::Lines;

/// Builds the plan, in `unit` or converted to the planner's plan unit.
pub(super) fn plan(r: &mut Reader<'_, '_>, m: &Matrix, o: &Lines, candidates: Vec<Candidate>, unit: MoneyUnit) -> Plan {
    let title = r.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let mut plan = Plan::new(&title, YearRange::new(2026, 2030), unit);
    let view = r.view;
    let slot = r.axis.slot;
    let record_at = |rec: usize| {
        let y = m.picks.get(rec).and_then(|p| p.label_field()).and_then(|i| r.fields.get(i)).map(|f| f.y).unwrap_or(0);
        view.pos(y, slot)
    };
    let mut all = phases::from_bands(&r.fields, &m.records, |y, l| view.pos(y, l));
    all.extend(candidates);
    let all = phases::dedupe(all);
    plan.phases = phases::build(&all, &m.records, record_at, &mut r.report, &mut r.recognised.phases);
    let convert_to = r.options.plan_unit.filter(|&p| p != unit);
    let conv = |v: Decimal| match convert_to {
        Some(to) => unit.convert(v, to),
        None => v,
    };
    lines(r, m, o, &mut plan, &conv);
    plan.issuer = r.issuer.clone().unwrap_or_default();
    plan.period = phases::period(&plan, &m.records, r.title.as_ref().map(|t| t.value.as_str()));
    phases::stretch_edges(&mut plan, &mut r.recognised.phases);
    if m.picks.iter().any(|p| p.kind.is_some()) {
        let kinds: Vec<String> = m
            .picks
            .iter()
            .map(|p| match p.kind {
                Some(k) => format!("{}: {}", p.year, k.name().get(crate::locale::Lang::Vi)),
                None => p.year.to_string(),
            })
            .collect();
        plan.notes = format!("Số liệu nhập từ bảng «{}»: {}.", r.grid.name(), kinds.join("; "));
    }
    let sources = sources(r, m, o, &plan, &conv);
    for (id, mut s) in (plan.next_id().0..).zip(sources) {
        s.id = ItemId(id);
        plan.sources.push(s);
    }
    check_stated_funding(r, &plan, convert_to.unwrap_or(unit));
    if let Some(to) = convert_to {
        plan.unit = to;
        plan.precision = to.exponent();
    }
    r.recognised.years = m
        .picks
        .iter()
        .map(|p| {
            let y = p.label_field().and_then(|i| r.fields.get(i)).map(|f| f.y).unwrap_or(0);
            let (row, col) = view.pos(y, slot);
            FoundYear { year: p.year, row, col, kind: p.kind }
        })
        .collect();
    if plan.lines.is_empty() {
        let at = view.pos(r.axis.years.first().map(|y| y.0).unwrap_or(0), slot);
        r.report.no_lines(at);
    }
    plan
}

/// The plan's lines in outline order, with where each was found.
fn lines(r: &mut Reader<'_, '_>, m: &Matrix, o: &Lines, plan: &mut Plan, conv: &impl Fn(Decimal) -> Decimal) {
    let view = r.view;
    // Where the lines' names are: the names column, or (years as rows) the header row.
    let name_y = r.tf.name.unwrap_or(if r.axis.years_in_rows {
        r.recognised.header_rows.last().copied().unwrap_or(0)
    } else {
        r.axis.slot
    });
    let mut next_id = plan.phases.len() as u32 + 1;
    let plan_unit = r.options.plan_unit.unwrap_or(plan.unit);
    for &(n, depth) in &o.outline.order {
        let Some(node) = o.outline.nodes.get(n) else { continue };
        let (name, code, agency, notes, l) = match node.line {
            Some(li) => {
                let Some(e) = o.levels.get(li).and_then(|(j, _)| r.entries.get(*j)) else { continue };
                // The code column's text, or the numbering written before the name.
                let code = if e.code.is_empty() {
                    e.prefix.as_ref().map(|p| p.code.clone()).unwrap_or_default()
                } else {
                    e.numbering.as_ref().map(|n| n.code.clone()).unwrap_or_else(|| e.code.clone())
                };
                (e.name.clone(), code, e.agency.clone(), e.notes.clone(), Some(e.l))
            }
            None => ("Chưa chi tiết".to_string(), String::new(), String::new(), String::new(), None),
        };
        let name = match (name.is_empty(), l) {
            (true, Some(l)) => {
                let placeholder = if r.axis.years_in_rows {
                    format!("Cột {}", cell_ref(0, l).trim_end_matches('1'))
                } else {
                    format!("Dòng {}", l + 1)
                };
                r.report.unnamed_line(view.pos(name_y, l), &placeholder);
                placeholder
            }
            _ => name,
        };
        let mut line = BudgetLine {
            id: ItemId(next_id),
            name: crate::text::clip(&name, MAX_LINE_NAME_CHARS),
            code: crate::text::clip(&code, MAX_LINE_CODE_CHARS),
            depth,
            agency: crate::text::clip(&agency, MAX_AGENCY_CHARS),
            notes: crate::text::clip(&notes, MAX_TEXT_CHARS),
            ..BudgetLine::default()
        };
        next_id += 1;
        // A group's figures roll up from its lines: it holds none of its own.
        if node.children.is_empty() {
            for p in &m.picks {
                if let Some(Amount::Value(v)) = node.eff.get(p.primary) {
                    // Each cell is within the bound on amounts, but a sum need not be (a year's
                    // parts by source, a parent's figure beyond its lines' negative sum).
                    if !plan_unit.accepts(conv(*v)) {
                        let y = p.label_field().and_then(|i| r.fields.get(i)).map(|f| f.y).unwrap_or(0);
                        r.report.too_large(view.pos(y, l.unwrap_or(r.axis.slot)), *v);
                        continue;
                    }
                    line.amounts.insert(p.year, conv(*v));
                }
            }
        }
        let (row, col) = l.map(|l| view.pos(name_y, l)).unwrap_or((0, 0));
        r.recognised.lines.push(FoundLine { name: line.name.clone(), row, col });
        plan.lines.push(line);
    }
}

/// Funding the table states: the years' parts by source (with their amounts, in total and per
/// phase), else share fields or entries ("NSTW (40%)"), else a note on the sheet.
fn sources(
    r: &mut Reader<'_, '_>,
    m: &Matrix,
    o: &Lines,
    plan: &Plan,
    conv: &impl Fn(Decimal) -> Decimal,
) -> Vec<FundingSource> {
    let view = r.view;
    let mut parts: Vec<PartSums> = Vec::new();
    // Where each source's first part is labelled, for a report.
    let mut parts_at: Vec<(u32, u32)> = Vec::new();
    for p in &m.picks {
        for i in &p.parts {
            let Some(Role::Year { part: Part::Source { kind, name }, .. }) = r.fields.get(*i).map(|f| &f.role) else {
                continue;
            };
            let Some(&c) = m.col_of_field.get(i) else { continue };
            let sum: Decimal = o
                .outline
                .roots
                .iter()
                .filter_map(|&n| o.outline.nodes.get(n)?.eff.get(c)?.value())
                .fold(Decimal::ZERO, Decimal::saturating_add);
            let at = match parts.iter().position(|s| s.kind == *kind && (*kind != SourceKind::Other || s.name == *name))
            {
                Some(at) => at,
                None => {
                    parts.push(PartSums { kind: *kind, name: name.clone(), by_year: BTreeMap::new() });
                    parts_at.push(view.pos(r.fields.get(*i).map(|f| f.y).unwrap_or(0), r.label_l()));
                    parts.len() - 1
                }
            };
            if let Some(s) = parts.get_mut(at) {
                let slot = s.by_year.entry(p.year).or_insert(Decimal::ZERO);
                *slot = slot.saturating_add(conv(sum));
            }
        }
    }
    let mut out = funding::from_parts(&parts, &plan.phases);
    // A source's sums over the lines and years need not stay within the bound on amounts that
    // each cell keeps: such a source is left out, with a report.
    let plan_unit = r.options.plan_unit.unwrap_or(plan.unit);
    let too_large = |rule: &ShareRule| match rule {
        ShareRule::Amount { value } => (!plan_unit.accepts(*value)).then_some(*value),
        _ => None,
    };
    let mut kept = Vec::with_capacity(out.len());
    for (s, at) in out.into_iter().zip(&parts_at) {
        match too_large(&s.rule).or_else(|| s.phase_rules.values().find_map(&too_large)) {
            Some(value) => r.report.too_large(*at, value),
            None => kept.push(s),
        }
    }
    out = kept;
    if !out.is_empty() {
        return out;
    }
    // The plan's grand total, summed only when a share needs it.
    let grand_total = std::cell::OnceCell::new();
    let grand = || {
        *grand_total.get_or_init(|| {
            plan.lines.iter().flat_map(|l| l.amounts.values()).fold(Decimal::ZERO, |a, v| a.saturating_add(*v))
        })
    };
    let lines: Vec<u32> =
        r.entries.iter().zip(&r.roles).filter(|(_, role)| **role == EntryRole::Line).map(|(e, _)| e.l).collect();
    for f in &r.fields {
        if let Role::Share { kind, pct } = f.role {
            let figures = lines
                .iter()
                .filter_map(|&l| quiet_value(view.cell(f.y, l)))
                .fold(Decimal::ZERO, Decimal::saturating_add);
            if let Some(s) = funding::from_share(&f.label, kind, pct, conv(figures), grand())
                && !out.iter().any(|x| x.kind == s.kind)
            {
                out.push(s);
            }
        }
    }
    let whole_ys: Vec<u32> =
        m.picks.iter().filter_map(|p| p.whole).filter_map(|i| r.fields.get(i)).map(|f| f.y).collect();
    for e in &r.entries {
        if let EntryRole::Share { kind, pct } = e.role {
            let figures = whole_ys
                .iter()
                .filter_map(|&y| quiet_value(view.cell(y, e.l)))
                .fold(Decimal::ZERO, Decimal::saturating_add);
            if let Some(s) = funding::from_share(&e.name, kind, pct, conv(figures), grand())
                && !out.iter().any(|x| x.kind == s.kind)
            {
                out.push(s);
            }
        }
    }
    if out.is_empty()
        && let Some((note, found)) = funding::note(r.grid)
    {
        r.recognised.funding_note = Some(note);
        out = found;
    }
    out
}

/// A funding note that states amounts beside its shares ("40% …: 2,16 tỷ đồng") is checked
/// against the table: a share of the grand total that differs from the amount written, beyond
/// the rounding of the figure as written, is a warning at the note. `amounts_unit` is the unit the
/// plan's amounts are in.
fn check_stated_funding(r: &mut Reader<'_, '_>, plan: &Plan, amounts_unit: MoneyUnit) {
    let Some(note) = r.recognised.funding_note.clone() else { return };
    let grand = plan.lines.iter().flat_map(|l| l.amounts.values()).fold(Decimal::ZERO, |a, v| a.saturating_add(*v));
    for (kind, stated, unit) in funding::stated_amounts(&note.value) {
        let Some(source) = plan.sources.iter().find(|s| s.kind == kind) else { continue };
        let crate::model::ShareRule::Percent { value: pct } = source.rule else { continue };
        let share = grand.checked_mul(pct).and_then(|v| v.checked_div(Decimal::ONE_HUNDRED)).unwrap_or_default();
        let share = amounts_unit.convert(share, unit);
        // Half a unit of the last digit written: "2,16 tỷ" stands for 2,155–2,165 tỷ.
        let tolerance = Decimal::new(5, stated.scale() + 1);
        if (share - stated).abs() > tolerance {
            r.report.stated_funding_differs((note.row, note.col), &source.name, pct, stated, share, unit);
        }
    }
}
