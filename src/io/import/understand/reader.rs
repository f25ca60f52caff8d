//! Reading one table, once its years are found: header, fields, lines, unit, amounts, outline,
//! cross-checks, phases and funding, into a plan with what was recognised and every doubt at its
//! cell.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::diagnostic::cell_ref;
use crate::io::import::grid::{Cell, SheetGrid};
use crate::io::import::limits::MAX_TEXT_CHARS;
use crate::io::import::numbers::Evidence;
use crate::io::import::report::Report;
use crate::io::import::result::{
    ExcludeReason, Excluded, FieldUse, FoundField, FoundLine, FoundYear, ImportOptions, ImportResult, Orientation,
    Recognised,
};
use crate::model::{BudgetLine, ItemId, MoneyUnit, Plan, SourceKind, Year, YearRange};

use super::amounts::{Amount, AmountReader, is_numeric, quiet_value};
use super::axis::YearAxis;
use super::entries::{self, Entry, EntryRole, TextFields};
use super::fields::{self, Field, Part, Role};
use super::funding::{self, PartSums};
use super::hierarchy::{self, Event};
use super::numbering::{self, Style};
use super::phases;
use super::tags::FigureKind;
use super::unit;
use super::view::{Hidden, View};

/// One table read: the result and how much it holds, to choose between tables.
pub(super) struct Table {
    pub result: ImportResult,
    /// Cells read as amounts.
    pub amounts: usize,
    /// The line-axis range the table spans.
    pub extent: (u32, u32),
    /// Whether it has a total line or field.
    pub has_total: bool,
}

/// A column of the amounts matrix: a field, or the sum of a year's parts when no field holds the
/// year's whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Field(usize),
    PartsOf(usize),
}

/// The fields chosen for one year.
#[derive(Debug, Clone)]
struct YearPick {
    year: Year,
    kind: Option<FigureKind>,
    whole: Option<usize>,
    parts: Vec<usize>,
    /// The column holding the year's amount.
    primary: usize,
    /// Several columns for the year, none of them its whole or a source ("Năm 2013 / Số báo cáo
    /// / Số xét duyệt"): which one holds the year's money cannot be told.
    ambiguous: Vec<usize>,
}

/// Reads the table whose years are `axis`, not past line-axis index `stop`.
pub(super) fn read(grid: &SheetGrid, hidden: &Hidden, options: &ImportOptions, axis: &YearAxis, stop: u32) -> Table {
    let view = View { grid, years_in_rows: axis.years_in_rows, hidden };
    let mut report = Report::new(grid.name());
    for &(row, col) in grid.clipped() {
        report.clipped((row, col), MAX_TEXT_CHARS);
    }
    let mut recognised = Recognised {
        sheet: grid.name().to_string(),
        orientation: Some(if axis.years_in_rows { Orientation::YearsAsRows } else { Orientation::YearsAsColumns }),
        legacy: grid.legacy().cloned(),
        ..Recognised::default()
    };
    if let Some(l) = grid.legacy() {
        report.legacy(l.first, l.encoding.label(), l.cells);
    }

    // Header and fields.
    let header = fields::header(view, axis);
    let ys = if axis.years_in_rows { fields::rows_top(view, axis)..view.y_range().end } else { view.y_range() };
    let mut fields = fields::fields(view, axis, &header, ys);
    for f in fields.iter_mut().filter(|f| options.skip_fields.contains(&f.y)) {
        f.role = Role::Skipped;
    }
    let body_start = header.band.end;
    let (entries, tf, table_end) = if axis.years_in_rows {
        let e = entries::columns(view, &fields, axis.slot.saturating_add(1), &options.not_money);
        (e, TextFields::default(), None)
    } else {
        let tf = entries::text_fields(view, &fields, body_start..stop, options.name_field);
        let (e, end) = entries::rows(view, &fields, &tf, body_start, stop, &options.not_money);
        (e, tf, end)
    };
    let extent_end = entries.last().map(|e| e.l + 1).unwrap_or(body_start);
    // Years as rows: rows past the table's last figure are not fields (notes below the table).
    if axis.years_in_rows {
        let last = fields.iter().rposition(|f| {
            matches!(f.role, Role::Year { .. } | Role::Phase { .. } | Role::Total { .. })
                || (matches!(f.role, Role::Share { .. }) && row_has_numbers(view, f.y, &entries))
        });
        if let Some(last) = last {
            fields.truncate(last + 1);
        }
    }
    let has_numbers = |f: &Field| row_has_numbers(view, f.y, &entries);

    // Header rows and the title.
    recognised.header_rows = if axis.years_in_rows {
        fields
            .iter()
            .take_while(|f| !matches!(f.role, Role::Year { .. }))
            .filter(|f| matches!(f.role, Role::Text(_) | Role::Label))
            .map(|f| f.y)
            .collect()
    } else {
        header.band.clone().collect()
    };
    let top_row = if axis.years_in_rows {
        recognised.header_rows.first().copied().unwrap_or(axis.years.first().map(|y| y.0).unwrap_or(0))
    } else {
        header.band.start
    };
    let (title, issuer) = unit::title_and_issuer(grid, top_row);
    recognised.title = title.clone();

    // Years: the fields chosen for each, and the others left out.
    let picks = pick_years(&fields, &has_numbers);
    let records: Vec<Year> = picks.iter().map(|p| p.year).collect();
    let mut cols: Vec<Col> = Vec::new();
    let mut col_of_field: BTreeMap<usize, usize> = BTreeMap::new();
    let kept = |i: usize, f: &Field| -> bool {
        match f.role {
            Role::Year { .. } => picks.iter().any(|p| p.whole == Some(i) || p.parts.contains(&i)),
            Role::Phase { .. } | Role::Total { .. } => has_numbers(f),
            _ => false,
        }
    };
    for (i, f) in fields.iter().enumerate() {
        if kept(i, f) {
            col_of_field.insert(i, cols.len());
            cols.push(Col::Field(i));
        }
    }
    let mut picks = picks;
    for (k, p) in picks.iter_mut().enumerate() {
        p.primary = match p.whole.and_then(|w| col_of_field.get(&w)) {
            Some(&c) => c,
            None => {
                cols.push(Col::PartsOf(k));
                cols.len() - 1
            }
        };
    }

    for p in picks.iter().filter(|p| !p.ambiguous.is_empty()) {
        let labels: Vec<String> = p.ambiguous.iter().filter_map(|i| fields.get(*i)).map(|f| f.label.clone()).collect();
        let y = p.ambiguous.first().and_then(|i| fields.get(*i)).map(|f| f.y).unwrap_or(0);
        report.several_columns(view.pos(y, header.band.end.saturating_sub(1)), p.year, &labels);
    }

    // The unit.
    let body_row = if axis.years_in_rows { top_row.saturating_add(1) } else { body_start };
    let unit_line = unit::find_unit_line(grid, top_row, body_row);
    let year_units: Vec<MoneyUnit> =
        picks.iter().filter_map(|p| p.whole.or(p.parts.first().copied())).filter_map(|i| fields.get(i)?.unit).collect();
    let field_unit = most_common(&year_units);
    let lines_idx: Vec<usize> =
        entries.iter().enumerate().filter(|(_, e)| e.role == EntryRole::Line).map(|(i, _)| i).collect();
    let written = options.unit.or(unit_line.as_ref().map(|u| u.value)).or(field_unit);
    let table_unit = match written {
        Some(u) => u,
        None => {
            let ys: Vec<u32> = picks
                .iter()
                .filter_map(|p| p.whole.or(p.parts.first().copied()))
                .filter_map(|i| fields.get(i))
                .map(|f| f.y)
                .collect();
            let values = lines_idx
                .iter()
                .filter_map(|&j| entries.get(j))
                .flat_map(|e| ys.iter().map(move |&y| (y, e.l)))
                .filter_map(|(y, l)| quiet_value(view.cell(y, l)));
            let guess = unit::guess(values);
            recognised.unit_unknown = Some(guess);
            report.unit_unknown((grid.first_row(), grid.first_col()), guess);
            guess
        }
    };
    if options.unit.is_none() {
        recognised.unit = unit_line;
    }
    for (i, f) in fields.iter().enumerate() {
        if let Some(u) = f.unit
            && u != table_unit
            && col_of_field.contains_key(&i)
        {
            let l = header.band.end.saturating_sub(1);
            report.field_unit(view.pos(f.y, l), &f.label, u, table_unit, matches!(f.role, Role::Year { .. }));
        }
    }

    // Amounts: every kept field of every line and total, in the table's unit.
    let mut evidence = Evidence::default();
    for &j in &lines_idx {
        let Some(e) = entries.get(j) else { continue };
        for p in &picks {
            for i in p.whole.iter().chain(&p.parts) {
                if let Some(f) = fields.get(*i)
                    && let Some(v) = quiet_value(view.cell(f.y, e.l))
                    && !matches!(view.cell(f.y, e.l), Cell::Text(t) if matches!(crate::io::import::numbers::read_text(t), crate::io::import::numbers::TextValue::Ambiguous { .. }))
                {
                    evidence.add(v);
                }
            }
        }
    }
    let reader = AmountReader { evidence, unit: table_unit };
    let valued: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.role, EntryRole::Line | EntryRole::Total { .. }))
        .map(|(i, _)| i)
        .collect();
    let mut stated: Vec<Vec<Amount>> = Vec::with_capacity(valued.len());
    let mut amounts_read = 0usize;
    for &j in &valued {
        let Some(e) = entries.get(j) else { continue };
        let mut row = vec![Amount::Empty; cols.len()];
        for (c, col) in cols.iter().enumerate() {
            if let Col::Field(i) = col
                && let Some(f) = fields.get(*i)
            {
                let a = reader.read(&mut report, view.pos(f.y, e.l), view.cell(f.y, e.l));
                let a = match (a, f.unit) {
                    (Amount::Value(v), Some(u)) if u != table_unit => Amount::Value(u.convert(v, table_unit)),
                    (a, _) => a,
                };
                if matches!(a, Amount::Value(_)) {
                    amounts_read += 1;
                }
                if let Some(slot) = row.get_mut(c) {
                    *slot = a;
                }
            }
        }
        for (c, col) in cols.iter().enumerate() {
            if let Col::PartsOf(k) = col {
                let parts: Vec<Amount> = picks
                    .get(*k)
                    .map(|p| {
                        p.parts
                            .iter()
                            .filter_map(|i| col_of_field.get(i).and_then(|&pc| row.get(pc).copied()))
                            .collect()
                    })
                    .unwrap_or_default();
                let mut sum = Amount::Empty;
                for a in parts {
                    sum = match (sum, a) {
                        (Amount::Invalid, _) | (_, Amount::Invalid) => Amount::Invalid,
                        (Amount::Empty, x) | (x, Amount::Empty) => x,
                        (Amount::Value(x), Amount::Value(y)) => Amount::Value(x.saturating_add(y)),
                    };
                }
                if let Some(slot) = row.get_mut(c) {
                    *slot = sum;
                }
            }
        }
        stated.push(row);
    }
    let valued_at: std::collections::HashMap<usize, usize> = valued.iter().enumerate().map(|(r, &j)| (j, r)).collect();
    let row_of = |j: usize| valued_at.get(&j).copied();

    // Lines: numbering, memo blocks, an unnamed row that is the total of those above.
    let mut roles: Vec<EntryRole> = entries.iter().map(|e| e.role.clone()).collect();
    // Levels come from the lines' numbering alone: a memo row ("Trong đó:") opens no level; the
    // lines after it that are deeper than the line above it are its items.
    let styles = line_styles(&entries);
    let line_entries: Vec<usize> =
        entries.iter().enumerate().filter(|(_, e)| e.role == EntryRole::Line).map(|(i, _)| i).collect();
    let levels_of_lines = numbering::levels(
        &line_entries.iter().map(|&j| styles.get(j).copied().unwrap_or(Style::None)).collect::<Vec<_>>(),
    );
    let level_of: std::collections::HashMap<usize, u8> =
        line_entries.iter().copied().zip(levels_of_lines.iter().copied()).collect();
    let mut memo_parent_level: Option<u8> = None;
    let mut last_line_level: Option<u8> = None;
    let mut line_levels: Vec<(usize, u8)> = Vec::new();
    for (j, e) in entries.iter().enumerate() {
        match e.role {
            EntryRole::Memo => {
                memo_parent_level = Some(last_line_level.unwrap_or(0));
            }
            EntryRole::Line => {
                let level = level_of.get(&j).copied().unwrap_or(0);
                if let Some(pl) = memo_parent_level {
                    if level > pl {
                        if let Some(r) = roles.get_mut(j) {
                            *r = EntryRole::Memo;
                        }
                        continue;
                    }
                    memo_parent_level = None;
                }
                last_line_level = Some(level);
                line_levels.push((j, level));
            }
            EntryRole::Total { .. } => memo_parent_level = None,
            _ => {}
        }
    }
    // An unnamed row equal to the sum of the top-level lines above it is a total.
    let mut since_total: Vec<usize> = Vec::new();
    let top_level = line_levels.iter().map(|(_, l)| *l).min().unwrap_or(0);
    let mut unlabelled_totals: Vec<usize> = Vec::new();
    for &(j, level) in &line_levels {
        let Some(e) = entries.get(j) else { continue };
        if e.name.is_empty() && e.code.is_empty() && e.has_money && since_total.len() >= 2 {
            let mut sum = vec![Amount::Empty; cols.len()];
            for &s in &since_total {
                if let Some(r) = row_of(s).and_then(|r| stated.get(r)) {
                    add_into(&mut sum, r);
                }
            }
            if row_of(j).and_then(|r| stated.get(r)).is_some_and(|r| same(r, &sum)) {
                unlabelled_totals.push(j);
                report.unlabelled_total(view.pos(axis.slot.max(view.y_range().start), e.l));
                if let Some(r) = roles.get_mut(j) {
                    *r = EntryRole::Total { bare: false };
                }
                since_total.clear();
                continue;
            }
        }
        if level == top_level {
            since_total.push(j);
        }
    }
    line_levels.retain(|(j, _)| !unlabelled_totals.contains(j));

    // The outline and the parents' figures.
    let line_rows: Vec<Vec<Amount>> = line_levels
        .iter()
        .map(|(j, _)| {
            row_of(*j).and_then(|r| stated.get(r)).cloned().unwrap_or_else(|| vec![Amount::Empty; cols.len()])
        })
        .collect();
    // Parents are checked on the years' own figures; their subtotals and totals are checked
    // against those below, so that one wrong cell is reported once.
    let compare: Vec<bool> = cols
        .iter()
        .map(|c| match c {
            Col::PartsOf(_) => true,
            Col::Field(i) => matches!(fields.get(*i).map(|f| &f.role), Some(Role::Year { .. })),
        })
        .collect();
    let levels: Vec<u8> = line_levels.iter().map(|(_, l)| *l).collect();
    let outline = hierarchy::settle(&levels, &line_rows, &compare);
    let col_label = |c: usize| -> (String, u32) {
        match cols.get(c) {
            Some(Col::Field(i)) => fields.get(*i).map(|f| (f.label.clone(), f.y)).unwrap_or_default(),
            Some(Col::PartsOf(k)) => picks
                .get(*k)
                .map(|p| (p.year.to_string(), p.parts.first().and_then(|i| fields.get(*i)).map(|f| f.y).unwrap_or(0)))
                .unwrap_or_default(),
            None => (String::new(), 0),
        }
    };
    for ev in &outline.events {
        match ev {
            Event::Mismatch { line, field, stated, sum } => {
                let Some(&(j, _)) = line_levels.get(*line) else { continue };
                let Some(e) = entries.get(j) else { continue };
                let (label, y) = col_label(*field);
                report.parent_mismatch(view.pos(y, e.l), &e.name, &label, *stated, *sum);
            }
            Event::MovedUp { line, moved } => {
                let Some(&(j, _)) = line_levels.get(*line) else { continue };
                let Some(e) = entries.get(j) else { continue };
                let y = tf.name.unwrap_or(axis.slot);
                report.moved_up(view.pos(y, e.l), &e.name, *moved);
            }
        }
    }

    // Stated sums: each against the years' own figures it covers (a line's, or for a total
    // line the top-level lines' sum), so that one wrong cell is reported once.
    let field_index = |i: usize| fields.get(i);
    let (phase_candidates, year_sums) = phases::from_fields(
        &fields,
        &records,
        |i| fields.get(i).is_some_and(&has_numbers),
        |i| {
            view.pos(
                fields.get(i).map(|f| f.y).unwrap_or(0),
                if axis.years_in_rows { axis.slot } else { header.band.end.saturating_sub(1) },
            )
        },
    );
    let part_col = |record: usize, part: &Part| -> Option<usize> {
        let p = picks.get(record)?;
        match part {
            Part::Whole => Some(p.primary),
            Part::Source { kind, name } => {
                let same_name = p.parts.iter().find(|i| matches!(field_index(**i).map(|f| &f.role), Some(Role::Year { part: Part::Source { name: n, .. }, .. }) if n == name));
                let same_kind = p.parts.iter().find(|i| matches!(field_index(**i).map(|f| &f.role), Some(Role::Year { part: Part::Source { kind: k, .. }, .. }) if k == kind && *kind != SourceKind::Other));
                same_name.or(same_kind).and_then(|i| col_of_field.get(i).copied())
            }
            Part::Other(_) => None,
        }
    };
    let root_entry: Vec<(usize, usize)> = outline
        .roots
        .iter()
        .filter_map(|&n| {
            let node = outline.nodes.get(n)?;
            let li = node.line.or_else(|| node.detail_of.and_then(|p| outline.nodes.get(p)?.line))?;
            Some((line_levels.get(li)?.0, n))
        })
        .collect();
    let mut block_start_pos = 0usize;
    let mut has_total = false;
    for (r, &j) in valued.iter().enumerate() {
        let Some(e) = entries.get(j) else { continue };
        let Some(row) = stated.get(r) else { continue };
        let role = roles.get(j).cloned();
        // The figures the stated sums of this entry cover.
        let base: Vec<Amount> = match role {
            Some(EntryRole::Total { bare }) => {
                has_total = true;
                let from = if bare { block_start_pos } else { 0 };
                let mut sum = vec![Amount::Empty; cols.len()];
                for (pos, n) in &root_entry {
                    if (!bare || (*pos >= from && *pos < j))
                        && let Some(node) = outline.nodes.get(*n)
                    {
                        add_into(&mut sum, &node.eff);
                    }
                }
                if bare {
                    block_start_pos = j;
                }
                for (c, a) in row.iter().enumerate() {
                    let (Amount::Value(st), Some(Amount::Value(total))) = (a, sum.get(c)) else { continue };
                    if !compare.get(c).copied().unwrap_or(false) {
                        continue;
                    }
                    let f = match cols.get(c) {
                        Some(Col::Field(i)) => fields.get(*i),
                        _ => None,
                    };
                    if !agrees(*st, *total, f.and_then(|f| f.unit), table_unit) {
                        report.mismatch(view.pos(col_label(c).1, e.l), *st, *total, bare);
                    }
                }
                sum
            }
            _ => row.clone(),
        };
        for s in &year_sums {
            let Some(&c) = col_of_field.get(&s.field) else { continue };
            let Some(Amount::Value(st)) = row.get(c).copied() else { continue };
            let mut expected = Decimal::ZERO;
            let mut ok = true;
            for rec in s.records.clone() {
                match part_col(rec, &s.part).and_then(|pc| base.get(pc).copied()) {
                    Some(Amount::Value(v)) => expected = expected.saturating_add(v),
                    Some(Amount::Empty) => {}
                    _ => ok = false,
                }
            }
            if !ok || s.records.is_empty() {
                continue;
            }
            let f = fields.get(s.field);
            if !agrees(st, expected, f.and_then(|f| f.unit), table_unit) {
                let y = f.map(|f| f.y).unwrap_or(0);
                let subtotal = s.subtotal || matches!(role, Some(EntryRole::Total { bare: true }));
                report.mismatch(view.pos(y, e.l), st, expected, subtotal);
            }
        }
        // A year's whole against its sources.
        for p in picks.iter().filter(|p| p.whole.is_some() && !p.parts.is_empty()) {
            let Some(Amount::Value(whole)) = row.get(p.primary).copied() else { continue };
            let parts: Decimal = p
                .parts
                .iter()
                .filter_map(|i| col_of_field.get(i).and_then(|&c| row.get(c)).and_then(|a| a.value()))
                .fold(Decimal::ZERO, Decimal::saturating_add);
            if parts > whole {
                let y = p.whole.and_then(|w| fields.get(w)).map(|f| f.y).unwrap_or(0);
                report.parts_exceed(view.pos(y, e.l), whole, parts);
            }
        }
    }
    has_total |= fields.iter().any(|f| matches!(f.role, Role::Total { .. }) && has_numbers(f));

    // The plan: phases, lines in outline order, funding.
    let mut plan =
        Plan::new(title.as_ref().map(|t| t.value.as_str()).unwrap_or(""), YearRange::new(2026, 2030), table_unit);
    let record_at = |r: usize| {
        let y = picks
            .get(r)
            .and_then(|p| p.whole.or(p.parts.first().copied()))
            .and_then(|i| fields.get(i))
            .map(|f| f.y)
            .unwrap_or(0);
        view.pos(y, axis.slot)
    };
    let mut candidates = phases::from_bands(&fields, &records, |y, l| view.pos(y, l));
    candidates.extend(phase_candidates);
    let candidates = phases::dedupe(candidates);
    plan.phases = phases::build(&candidates, &records, record_at, &mut report, &mut recognised.phases);
    let convert_to = options.plan_unit.filter(|&p| p != table_unit);
    let conv = |v: Decimal| match convert_to {
        Some(to) => table_unit.convert(v, to),
        None => v,
    };
    let first_id = plan.phases.len() as u32 + 1;
    let mut next_id = first_id;
    for &(n, depth) in &outline.order {
        let Some(node) = outline.nodes.get(n) else { continue };
        let group = !node.children.is_empty();
        let (name, code, agency, notes, l) = match node.line {
            Some(li) => {
                let Some(e) = line_levels.get(li).and_then(|(j, _)| entries.get(*j)) else { continue };
                let code =
                    e.numbering.as_ref().map(|n| n.code.clone()).filter(|_| !e.code.is_empty()).unwrap_or_else(|| {
                        if e.code.is_empty() {
                            e.prefix.as_ref().map(|p| p.code.clone()).unwrap_or_default()
                        } else {
                            e.code.clone()
                        }
                    });
                (e.name.clone(), code, e.agency.clone(), e.notes.clone(), Some(e.l))
            }
            None => ("Chưa chi tiết".to_string(), String::new(), String::new(), String::new(), None),
        };
        let name = if name.is_empty() {
            let placeholder = match l {
                Some(l) if axis.years_in_rows => format!("Cột {}", cell_ref(0, l).trim_end_matches('1')),
                Some(l) => format!("Dòng {}", l + 1),
                None => "Chưa chi tiết".into(),
            };
            if let Some(l) = l {
                let y = tf.name.unwrap_or(if axis.years_in_rows {
                    recognised.header_rows.last().copied().unwrap_or(0)
                } else {
                    axis.slot
                });
                report.unnamed_line(view.pos(y, l), &placeholder);
            }
            placeholder
        } else {
            name
        };
        let mut line = BudgetLine {
            id: ItemId(next_id),
            name: crate::text::clip(&name, 500),
            code: crate::text::clip(&code, 20),
            depth,
            agency: crate::text::clip(&agency, 500),
            notes: crate::text::clip(&notes, MAX_TEXT_CHARS),
            ..BudgetLine::default()
        };
        next_id += 1;
        if !group {
            for p in &picks {
                if let Some(Amount::Value(v)) = node.eff.get(p.primary) {
                    line.amounts.insert(p.year, conv(*v));
                }
            }
        }
        if let Some(l) = l {
            let y = tf.name.unwrap_or(if axis.years_in_rows {
                recognised.header_rows.last().copied().unwrap_or(0)
            } else {
                axis.slot
            });
            let (row, col) = view.pos(y, l);
            recognised.lines.push(FoundLine { name: line.name.clone(), row, col });
        } else {
            recognised.lines.push(FoundLine { name: line.name.clone(), row: 0, col: 0 });
        }
        plan.lines.push(line);
    }
    plan.issuer = issuer.unwrap_or_default();
    plan.period = phases::period(&plan, &records, title.as_ref().map(|t| t.value.as_str()));
    phases::stretch_edges(&mut plan, &mut recognised.phases);
    if picks.iter().any(|p| p.kind.is_some()) {
        let kinds: Vec<String> = picks
            .iter()
            .map(|p| match p.kind {
                Some(k) => format!("{}: {}", p.year, k.label_vi()),
                None => p.year.to_string(),
            })
            .collect();
        plan.notes = format!("Số liệu nhập từ bảng «{}»: {}.", grid.name(), kinds.join("; "));
    }

    // Funding: sources in the years' parts, share fields and entries, or a note on the sheet.
    let mut parts_by_source: Vec<PartSums> = Vec::new();
    for p in &picks {
        for i in &p.parts {
            let Some(Role::Year { part: Part::Source { kind, name }, .. }) = fields.get(*i).map(|f| &f.role) else {
                continue;
            };
            let Some(&c) = col_of_field.get(i) else { continue };
            let sum: Decimal = outline
                .roots
                .iter()
                .filter_map(|&n| outline.nodes.get(n)?.eff.get(c)?.value())
                .fold(Decimal::ZERO, Decimal::saturating_add);
            let entry = match parts_by_source
                .iter_mut()
                .find(|s| s.kind == *kind && (*kind != SourceKind::Other || s.name == *name))
            {
                Some(s) => s,
                None => {
                    parts_by_source.push(PartSums { kind: *kind, name: name.clone(), by_year: BTreeMap::new() });
                    let last = parts_by_source.len() - 1;
                    let Some(s) = parts_by_source.get_mut(last) else { continue };
                    s
                }
            };
            let slot = entry.by_year.entry(p.year).or_insert(Decimal::ZERO);
            *slot = slot.saturating_add(conv(sum));
        }
    }
    let mut sources = funding::from_parts(&parts_by_source, &plan.phases);
    let grand: Decimal =
        plan.lines.iter().flat_map(|l| l.amounts.values()).fold(Decimal::ZERO, |a, v| a.saturating_add(*v));
    if sources.is_empty() {
        for f in &fields {
            if let Role::Share { kind, pct } = f.role {
                let figures = sum_along_y(view, f.y, &entries, &roles);
                if let Some(s) = funding::from_share(&f.label, kind, pct, conv(figures), grand)
                    && !sources.iter().any(|x| x.kind == s.kind)
                {
                    sources.push(s);
                }
            }
        }
        for e in &entries {
            if let EntryRole::Share { kind, pct } = e.role {
                let figures: Decimal = fields
                    .iter()
                    .filter(|f| {
                        matches!(f.role, Role::Year { .. })
                            && picks.iter().any(|p| Some(fields.iter().position(|x| x.y == f.y)) == Some(p.whole))
                    })
                    .filter_map(|f| quiet_value(view.cell(f.y, e.l)))
                    .fold(Decimal::ZERO, Decimal::saturating_add);
                if let Some(s) = funding::from_share(&e.name, kind, pct, conv(figures), grand)
                    && !sources.iter().any(|x| x.kind == s.kind)
                {
                    sources.push(s);
                }
            }
        }
    }
    if sources.is_empty()
        && let Some((note, found)) = funding::note(grid)
    {
        recognised.funding_note = Some(note);
        sources = found;
    }
    for (id, mut s) in (plan.next_id().0..).zip(sources) {
        s.id = ItemId(id);
        plan.sources.push(s);
    }
    if let Some(to) = convert_to {
        plan.unit = to;
        plan.precision = to.exponent();
    }

    // What was recognised, and what was left out.
    recognised.years = picks
        .iter()
        .map(|p| {
            let y = p.whole.or(p.parts.first().copied()).and_then(|i| fields.get(i)).map(|f| f.y).unwrap_or(0);
            let (row, col) = view.pos(y, axis.slot);
            FoundYear { year: p.year, row, col, kind: p.kind }
        })
        .collect();
    recognised.fields = found_fields(&fields, &col_of_field, &picks);
    recognised.name_field = tf.name.filter(|_| !axis.years_in_rows);
    let table_span = body_start..extent_end;
    if axis.years_in_rows
        && let Some(&name_row) = recognised.header_rows.last()
    {
        // Numbering columns left of the years.
        for l in view.l_range().start..axis.slot {
            if let Some(t) = super::tags::tag_cell(view.cell(name_row, l))
                && t.role == Some(super::tags::TextRole::Code)
            {
                recognised.excluded.push(Excluded {
                    axis: view.axis_of_l(),
                    index: l,
                    label: t.text,
                    reason: ExcludeReason::Numbering,
                    count: 0,
                    sum: None,
                });
            }
        }
    }
    account_fields(
        view,
        &fields,
        &picks,
        &col_of_field,
        &entries,
        &roles,
        &table_span,
        &mut recognised,
        &mut report,
        table_unit,
        &header,
    );
    account_entries(view, &fields, &entries, &roles, &mut recognised, &mut report, table_unit, axis);
    account_hidden(view, &fields, &table_span, &mut recognised, &mut report, table_unit, axis);
    if let Some(end) = table_end {
        account_outside(view, &fields, end, stop, &mut recognised, &mut report, table_unit, axis);
    }
    if plan.lines.is_empty() {
        let at = view.pos(axis.years.first().map(|y| y.0).unwrap_or(0), axis.slot);
        report.no_lines(at);
    }
    Table {
        result: ImportResult { plan, recognised, diagnostics: report.finish() },
        amounts: amounts_read,
        extent: (top_row.min(body_start), extent_end),
        has_total,
    }
}

/// The fields as the preview lists them (blank ones left out).
fn found_fields(fields: &[Field], col_of_field: &BTreeMap<usize, usize>, picks: &[YearPick]) -> Vec<FoundField> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.role, Role::Blank))
        .map(|(i, f)| {
            let (year, kind, source) = match &f.role {
                Role::Year { year, kind, part } => {
                    let source = match part {
                        Part::Source { name, .. } => Some(name.clone()),
                        _ => None,
                    };
                    (Some(*year), *kind, source)
                }
                _ => (None, None, None),
            };
            let used = match &f.role {
                Role::Year { .. }
                    if col_of_field.contains_key(&i) || picks.iter().any(|p| p.ambiguous.contains(&i)) =>
                {
                    FieldUse::Amounts
                }
                Role::Year { .. } | Role::Unknown => FieldUse::LeftOut,
                Role::Phase { .. } | Role::Total { .. } => FieldUse::Checked,
                Role::Share { .. } => FieldUse::Share,
                Role::Compare => FieldUse::Percent,
                Role::Skipped => FieldUse::Skipped,
                Role::Text(_) | Role::Label | Role::Blank => FieldUse::Text,
            };
            FoundField { index: f.y, label: f.label.clone(), year, kind, source, used }
        })
        .collect()
}

fn row_has_numbers(view: View<'_>, y: u32, entries: &[Entry]) -> bool {
    entries.iter().any(|e| is_numeric(view.cell(y, e.l)))
}

fn most_common(units: &[MoneyUnit]) -> Option<MoneyUnit> {
    MoneyUnit::ALL.into_iter().filter(|u| units.contains(u)).max_by_key(|u| units.iter().filter(|x| *x == u).count())
}

fn add_into(acc: &mut [Amount], other: &[Amount]) {
    for (a, b) in acc.iter_mut().zip(other) {
        *a = match (*a, *b) {
            (Amount::Invalid, _) | (_, Amount::Invalid) => Amount::Invalid,
            (Amount::Empty, x) | (x, Amount::Empty) => x,
            (Amount::Value(x), Amount::Value(y)) => Amount::Value(x.saturating_add(y)),
        };
    }
}

/// Whether two rows of figures agree wherever the first states a figure.
fn same(row: &[Amount], sum: &[Amount]) -> bool {
    let mut any = false;
    for (a, b) in row.iter().zip(sum) {
        match (a, b) {
            (Amount::Value(x), Amount::Value(y)) => {
                if x != y {
                    return false;
                }
                any |= !x.is_zero();
            }
            (Amount::Value(x), Amount::Empty) if !x.is_zero() => return false,
            _ => {}
        }
    }
    any
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

/// The style of each entry's numbering: the code column's, unless that column only counts the
/// rows (1, 2, 3 … on every line) while the names carry their own numbering.
fn line_styles(entries: &[Entry]) -> Vec<Style> {
    let lines: Vec<&Entry> = entries.iter().filter(|e| e.role == EntryRole::Line).collect();
    let mut expected = 1u64;
    let counter = !lines.is_empty()
        && lines.iter().all(|e| {
            let ok = e.code.trim().parse::<u64>().ok() == Some(expected);
            expected += 1;
            ok
        })
        && lines.iter().any(|e| e.prefix.is_some());
    let mut numberings: Vec<Option<numbering::Numbering>> = entries
        .iter()
        .map(|e| if counter || e.numbering.is_none() { e.prefix.clone() } else { e.numbering.clone() })
        .collect();
    numbering::disambiguate(&mut numberings);
    numberings.iter().map(|n| n.as_ref().map(|n| n.style).unwrap_or(Style::None)).collect()
}

/// Chooses the fields of each year: the preferred kind of figure where several are given ("Dự
/// toán" over "Ước thực hiện"), its whole or its parts by source.
fn pick_years(fields: &[Field], has_numbers: &impl Fn(&Field) -> bool) -> Vec<YearPick> {
    let mut by_year: BTreeMap<Year, Vec<usize>> = BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        if let Role::Year { year, .. } = f.role {
            by_year.entry(year).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (year, ids) in by_year {
        let with_numbers: Vec<usize> =
            ids.iter().copied().filter(|&i| fields.get(i).is_some_and(has_numbers)).collect();
        let ids = if with_numbers.is_empty() { ids } else { with_numbers };
        let kind_of = |i: usize| match fields.get(i).map(|f| &f.role) {
            Some(Role::Year { kind, .. }) => *kind,
            _ => None,
        };
        // The plan's own figure first: Kế hoạch, Dự toán giao, Dự toán … Quyết toán; no kind
        // ("Năm 2025") counts as the first.
        let kind = ids.iter().map(|&i| kind_of(i)).min_by_key(|k| k.map(|k| k as u8 + 1).unwrap_or(0)).flatten();
        let chosen: Vec<usize> = ids.iter().copied().filter(|&i| kind_of(i) == kind).collect();
        let part_of = |i: usize| match fields.get(i).map(|f| &f.role) {
            Some(Role::Year { part, .. }) => part.clone(),
            _ => Part::Whole,
        };
        let whole = chosen.iter().copied().find(|&i| part_of(i) == Part::Whole);
        let parts: Vec<usize> = chosen.iter().copied().filter(|&i| matches!(part_of(i), Part::Source { .. })).collect();
        let others: Vec<usize> = chosen.iter().copied().filter(|&i| matches!(part_of(i), Part::Other(_))).collect();
        let ambiguous =
            if whole.is_none() && parts.is_empty() && others.len() > 1 { others.clone() } else { Vec::new() };
        let whole = whole.or_else(|| if parts.is_empty() { others.first().copied() } else { None });
        out.push(YearPick { year, kind, whole, parts, primary: 0, ambiguous });
    }
    out
}

/// Sum of the figures of field `y` over the line entries.
fn sum_along_y(view: View<'_>, y: u32, entries: &[Entry], roles: &[EntryRole]) -> Decimal {
    entries
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == EntryRole::Line)
        .filter_map(|(e, _)| quiet_value(view.cell(y, e.l)))
        .fold(Decimal::ZERO, Decimal::saturating_add)
}

/// Counts and sums the numbers of field `y` over the table's entries.
fn field_figures(view: View<'_>, y: u32, entries: &[Entry], roles: &[EntryRole]) -> (u32, Decimal) {
    let mut n = 0u32;
    let mut s = Decimal::ZERO;
    for (e, r) in entries.iter().zip(roles) {
        if !matches!(r, EntryRole::Line) {
            continue;
        }
        if let Some(v) = quiet_value(view.cell(y, e.l)) {
            n += 1;
            s = s.saturating_add(v);
        }
    }
    (n, s)
}

#[allow(clippy::too_many_arguments)]
fn account_fields(
    view: View<'_>,
    fields: &[Field],
    picks: &[YearPick],
    col_of_field: &BTreeMap<usize, usize>,
    entries: &[Entry],
    roles: &[EntryRole],
    span: &std::ops::Range<u32>,
    recognised: &mut Recognised,
    report: &mut Report,
    unit: MoneyUnit,
    header: &fields::Header,
) {
    let label_l = header.band.end.saturating_sub(1);
    for (i, f) in fields.iter().enumerate() {
        let axis = view.axis_of_y();
        let (count, sum) = field_figures(view, f.y, entries, roles);
        let conv = |s: Decimal| match f.unit {
            Some(u) if u != unit => u.convert(s, unit),
            _ => s,
        };
        let at = view.pos(f.y, label_l);
        let mut push = |reason: ExcludeReason, money: bool| {
            recognised.excluded.push(Excluded {
                axis,
                index: f.y,
                label: f.label.clone(),
                reason,
                count,
                sum: money.then(|| conv(sum)),
            });
        };
        match &f.role {
            Role::Year { year, kind, .. } if !col_of_field.contains_key(&i) && count > 0 => {
                push(ExcludeReason::OtherFigure, true);
                let chosen = picks.iter().find(|p| p.year == *year).and_then(|p| p.kind);
                let (why_vi, why_en) = match (kind, chosen) {
                    (Some(k), Some(c)) if *k != c => (
                        format!("năm {year} đã lấy số «{}»; cột «{}» là loại số khác", c.label_vi(), k.label_vi()),
                        format!(
                            "year {year} takes the '{}' figures; this column holds '{}'",
                            c.label_en(),
                            k.label_en()
                        ),
                    ),
                    _ => (
                        format!("năm {year} đã có một cột số liệu khác; hãy đánh dấu cột không dùng nếu chọn sai"),
                        format!("year {year} already has another column; mark the one not to use if this is wrong"),
                    ),
                };
                report.left_out(at, &f.label, count, conv(sum), &why_vi, &why_en);
            }
            Role::Phase { .. } if count > 0 => push(ExcludeReason::Subtotal, false),
            Role::Total { .. } if count > 0 => push(ExcludeReason::Total, false),
            Role::Share { .. } if count > 0 => push(ExcludeReason::Share, true),
            Role::Compare if count > 0 || !f.label.is_empty() => push(ExcludeReason::Percent, false),
            Role::Skipped => push(ExcludeReason::UserMarked, true),
            Role::Unknown | Role::Label | Role::Blank if count > 0 => {
                let is_text_col = matches!(f.role, Role::Label | Role::Blank)
                    && entries.iter().filter(|e| matches!(view.cell(f.y, e.l), Cell::Text(t) if !is_numeric(view.cell(f.y, e.l)) && !t.trim().is_empty())).count()
                        >= count as usize;
                if is_text_col {
                    continue;
                }
                push(ExcludeReason::Unrecognised, true);
                report.left_out(
                    at,
                    &f.label,
                    count,
                    conv(sum),
                    "tiêu đề cột không cho biết năm, giai đoạn hay tổng; nếu là số tiền của một năm, hãy ghi năm vào tiêu đề",
                    "its header names no year, phase or total; if it is a year's money, write the year in its header",
                );
            }
            Role::Text(role) => {
                let reason = match role {
                    super::tags::TextRole::Code => ExcludeReason::Numbering,
                    super::tags::TextRole::Notes => ExcludeReason::Notes,
                    _ => ExcludeReason::Text,
                };
                if count > 0 || reason != ExcludeReason::Text {
                    push(reason, false);
                }
                // Broken cells in a column that is not money still tell the sheet is broken there.
                for e in entries {
                    if span.contains(&e.l)
                        && let Cell::Error(err) = view.cell(f.y, e.l)
                    {
                        report.error_cell(view.pos(f.y, e.l), err);
                    }
                }
            }
            _ => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn account_entries(
    view: View<'_>,
    fields: &[Field],
    entries: &[Entry],
    roles: &[EntryRole],
    recognised: &mut Recognised,
    report: &mut Report,
    unit: MoneyUnit,
    axis: &YearAxis,
) {
    let money: Vec<&Field> = fields.iter().filter(|f| matches!(f.role, Role::Year { .. })).collect();
    let mut memo_count = 0u32;
    let mut memo_sum = Decimal::ZERO;
    let mut memo_at = None;
    for (e, role) in entries.iter().zip(roles) {
        let (count, sum) =
            money.iter().fold((0u32, Decimal::ZERO), |(n, s), f| match quiet_value(view.cell(f.y, e.l)) {
                Some(v) => (n + 1, s.saturating_add(v)),
                None => (n, s),
            });
        let conv = |s: Decimal| s;
        let reason = match role {
            EntryRole::Line => continue,
            EntryRole::Total { bare: false } => ExcludeReason::Total,
            EntryRole::Total { bare: true } => ExcludeReason::Subtotal,
            EntryRole::Memo => {
                memo_count += count;
                memo_sum = memo_sum.saturating_add(sum);
                memo_at = memo_at.or(Some(view.pos(axis.slot, e.l)));
                ExcludeReason::Memo
            }
            EntryRole::Share { .. } => ExcludeReason::Share,
            EntryRole::Compare => ExcludeReason::Percent,
            EntryRole::Notes => ExcludeReason::Notes,
            EntryRole::Text => ExcludeReason::Text,
            EntryRole::UserMarked => ExcludeReason::UserMarked,
        };
        let money_left = matches!(reason, ExcludeReason::Memo | ExcludeReason::UserMarked | ExcludeReason::Share);
        recognised.excluded.push(Excluded {
            axis: view.axis_of_l(),
            index: e.l,
            label: e.name.clone(),
            reason,
            count,
            sum: (money_left && count > 0).then(|| conv(sum)),
        });
    }
    if memo_count > 0
        && let Some(at) = memo_at
    {
        report.left_out(
            at,
            "Trong đó",
            memo_count,
            memo_sum,
            "các dòng «trong đó» chi tiết cho dòng trên, số của chúng đã nằm trong số của dòng đó",
            "'of which' rows detail the line above; their figures are already in its figure",
        );
    }
    let _ = unit;
}

fn account_hidden(
    view: View<'_>,
    fields: &[Field],
    span: &std::ops::Range<u32>,
    recognised: &mut Recognised,
    report: &mut Report,
    unit: MoneyUnit,
    axis: &YearAxis,
) {
    if !view.hidden.any() {
        return;
    }
    let mut count = 0u32;
    let mut sum = Decimal::ZERO;
    let mut hidden_l = std::collections::BTreeSet::new();
    let mut hidden_y = std::collections::BTreeSet::new();
    for l in span.clone() {
        for f in fields {
            if !view.is_hidden(f.y, l) {
                continue;
            }
            let (r, c) = view.pos(f.y, l);
            if view.hidden.row(r) {
                if axis.years_in_rows {
                    hidden_y.insert(f.y)
                } else {
                    hidden_l.insert(l)
                };
            }
            if view.hidden.col(c) {
                if axis.years_in_rows {
                    hidden_l.insert(l)
                } else {
                    hidden_y.insert(f.y)
                };
            }
            if let Some(v) = quiet_value(view.raw(f.y, l)) {
                count += 1;
                sum = sum.saturating_add(v);
            }
        }
    }
    let (rows, cols) = if axis.years_in_rows {
        (hidden_y.len() as u32, hidden_l.len() as u32)
    } else {
        (hidden_l.len() as u32, hidden_y.len() as u32)
    };
    if rows + cols == 0 {
        return;
    }
    recognised.hidden = (rows, cols);
    for &l in &hidden_l {
        recognised.excluded.push(Excluded {
            axis: view.axis_of_l(),
            index: l,
            label: String::new(),
            reason: ExcludeReason::Hidden,
            count: 0,
            sum: None,
        });
    }
    for &y in &hidden_y {
        recognised.excluded.push(Excluded {
            axis: view.axis_of_y(),
            index: y,
            label: String::new(),
            reason: ExcludeReason::Hidden,
            count: 0,
            sum: None,
        });
    }
    let first = hidden_l
        .iter()
        .next()
        .map(|&l| view.pos(axis.slot, l))
        .or_else(|| hidden_y.iter().next().map(|&y| view.pos(y, axis.slot)))
        .unwrap_or((0, 0));
    report.hidden(first, rows, cols, count, sum);
    let _ = unit;
}

#[allow(clippy::too_many_arguments)]
fn account_outside(
    view: View<'_>,
    fields: &[Field],
    end: u32,
    stop: u32,
    recognised: &mut Recognised,
    report: &mut Report,
    unit: MoneyUnit,
    axis: &YearAxis,
) {
    let money: Vec<&Field> = fields.iter().filter(|f| matches!(f.role, Role::Year { .. })).collect();
    let mut count = 0u32;
    let mut sum = Decimal::ZERO;
    let mut first = None;
    for l in end..stop.min(view.l_range().end) {
        for f in &money {
            if let Some(v) = quiet_value(view.cell(f.y, l)) {
                count += 1;
                sum = sum.saturating_add(v);
                first = first.or(Some(l));
            }
        }
    }
    let Some(first) = first else { return };
    recognised.excluded.push(Excluded {
        axis: view.axis_of_l(),
        index: first,
        label: String::new(),
        reason: ExcludeReason::OutsideTable,
        count,
        sum: Some(sum),
    });
    report.left_out(
        view.pos(axis.slot, first),
        "",
        count,
        sum,
        "chúng nằm dưới bảng, sau phần chữ ký hoặc sau các hàng trống; nếu đó là một bảng khác, hãy chọn bảng đó",
        "they lie below the table, after the signatures or blank rows; if they are another table, choose that table",
    );
    let _ = unit;
}
