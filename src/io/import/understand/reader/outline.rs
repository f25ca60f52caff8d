//! The lines of the table as an outline: levels from the numbering, memo rows and their items
//! left out, an unnamed row that totals the lines above it taken for a total, and the parents'
//! figures settled against their children ([`super::super::hierarchy`]).

use std::collections::HashMap;

use super::super::amounts::Amount;
use super::super::entries::{Entry, EntryRole};
use super::super::hierarchy::{self, Event, Outline};
use super::super::numbering::{self, Style};
use super::Reader;
use super::matrix::{Amounts, Matrix};

/// The lines as an outline.
pub(super) struct Lines {
    /// Each line's entry index and level, in order.
    pub levels: Vec<(usize, u8)>,
    pub outline: Outline,
}

impl Lines {
    /// The entry index of outline node `n` (a detail line: its parent's).
    pub fn entry_of(&self, n: usize) -> Option<usize> {
        let node = self.outline.nodes.get(n)?;
        let li = node.line.or_else(|| node.detail_of.and_then(|p| self.outline.nodes.get(p)?.line))?;
        self.levels.get(li).map(|x| x.0)
    }

    /// Settles the outline of the table's lines, reporting what does not add up.
    pub fn of(r: &mut Reader<'_, '_>, m: &Matrix, a: &Amounts) -> Lines {
        let mut levels = levels(&r.entries, &mut r.roles);
        let unlabelled = unlabelled_totals(r, m, a, &levels);
        levels.retain(|(j, _)| !unlabelled.contains(j));
        let width = m.cols.len();
        let rows: Vec<Vec<Amount>> =
            levels.iter().map(|(j, _)| a.of(*j).cloned().unwrap_or_else(|| vec![Amount::Empty; width])).collect();
        // Parents are checked on the years' own figures; their subtotals and totals are checked
        // against those below (`super::checks`), so that one wrong cell is reported once.
        let compare: Vec<bool> = (0..width).map(|c| m.is_year_col(c, &r.fields)).collect();
        let mut outline = hierarchy::settle(&levels.iter().map(|(_, l)| *l).collect::<Vec<_>>(), &rows, &compare);
        // Lines without any numbering may show their outline by indentation alone: taken when
        // every parent it makes adds up to its children, else the lines stay flat.
        if let Some(indented) = by_indent(&r.entries, &levels) {
            let hinted = hierarchy::settle(&indented, &rows, &compare);
            if hinted.events.is_empty() && hinted.nodes.iter().any(|n| !n.children.is_empty()) {
                for ((_, level), l) in levels.iter_mut().zip(&indented) {
                    *level = *l;
                }
                outline = hinted;
            }
        }
        for ev in &outline.events {
            match ev {
                Event::Mismatch { line, field, stated, sum } => {
                    let Some(e) = levels.get(*line).and_then(|(j, _)| r.entries.get(*j)) else { continue };
                    let (label, y) = m.col_label(*field, &r.fields);
                    r.report.parent_mismatch(r.view.pos(y, e.l), &e.name, &label, *stated, *sum);
                }
                Event::MovedUp { line, moved } => {
                    let Some(e) = levels.get(*line).and_then(|(j, _)| r.entries.get(*j)) else { continue };
                    let y = r.tf.name.unwrap_or(r.axis.slot);
                    r.report.moved_up(r.view.pos(y, e.l), &e.name, *moved);
                }
            }
        }
        Lines { levels, outline }
    }
}

/// The level of every line, from the numbering alone: a memo row ("Trong đó:") opens no level;
/// the lines after it that are deeper than the line above it are its items (their role becomes
/// a memo's).
fn levels(entries: &[Entry], roles: &mut [EntryRole]) -> Vec<(usize, u8)> {
    let styles = line_styles(entries);
    let lines: Vec<usize> =
        entries.iter().enumerate().filter(|(_, e)| e.role == EntryRole::Line).map(|(i, _)| i).collect();
    let levels =
        numbering::levels(&lines.iter().map(|&j| styles.get(j).copied().unwrap_or(Style::None)).collect::<Vec<_>>());
    let level_of: HashMap<usize, u8> = lines.iter().copied().zip(levels).collect();
    let mut memo_parent: Option<u8> = None;
    let mut last_level: Option<u8> = None;
    let mut out = Vec::new();
    for (j, e) in entries.iter().enumerate() {
        match e.role {
            EntryRole::Memo => memo_parent = Some(last_level.unwrap_or(0)),
            EntryRole::Line => {
                let level = level_of.get(&j).copied().unwrap_or(0);
                if let Some(pl) = memo_parent {
                    if level > pl {
                        if let Some(r) = roles.get_mut(j) {
                            *r = EntryRole::Memo;
                        }
                        continue;
                    }
                    memo_parent = None;
                }
                last_level = Some(level);
                out.push((j, level));
            }
            EntryRole::Total { .. } => memo_parent = None,
            _ => {}
        }
    }
    out
}

/// Levels from the names' indentation, when no line is numbered and the names are indented in
/// at least two depths: each distinct indentation is a level, shallowest first; a line can only
/// go one level deeper than the line above it.
fn by_indent(entries: &[Entry], levels: &[(usize, u8)]) -> Option<Vec<u8>> {
    let lines: Vec<&Entry> = levels.iter().filter_map(|(j, _)| entries.get(*j)).collect();
    if lines.len() < 2 || levels.iter().any(|(_, l)| *l > 0) {
        return None;
    }
    if lines.iter().any(|e| e.numbering.is_some() || e.prefix.is_some()) {
        return None;
    }
    let mut depths: Vec<u16> = lines.iter().map(|e| e.indent).collect();
    depths.sort_unstable();
    depths.dedup();
    // Indents one space apart are typing slips, not levels.
    depths.dedup_by(|b, a| b.saturating_sub(*a) < 2);
    if depths.len() < 2 || depths.len() > 6 {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut above: Option<u8> = None;
    for e in &lines {
        let rank = depths.iter().rposition(|d| *d <= e.indent).unwrap_or(0);
        let mut level = u8::try_from(rank).unwrap_or(u8::MAX);
        level = match above {
            Some(a) => level.min(a.saturating_add(1)),
            None => 0,
        };
        above = Some(level);
        out.push(level);
    }
    Some(out)
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

/// Unnamed rows equal to the sum of the top-level lines above them (since the last such row):
/// totals without a label. Their role becomes a total's; they are reported.
fn unlabelled_totals(r: &mut Reader<'_, '_>, m: &Matrix, a: &Amounts, levels: &[(usize, u8)]) -> Vec<usize> {
    let top = levels.iter().map(|(_, l)| *l).min().unwrap_or(0);
    let mut since: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for &(j, level) in levels {
        let Some(e) = r.entries.get(j) else { continue };
        if e.name.is_empty() && e.code.is_empty() && e.has_money && since.len() >= 2 {
            let mut sum = vec![Amount::Empty; m.cols.len()];
            for &s in &since {
                if let Some(row) = a.of(s) {
                    Amount::add_rows(&mut sum, row);
                }
            }
            if a.of(j).is_some_and(|row| same(row, &sum)) {
                found.push(j);
                r.report.unlabelled_total(r.view.pos(r.axis.slot.max(r.view.y_range().start), e.l));
                if let Some(role) = r.roles.get_mut(j) {
                    *role = EntryRole::Total { bare: false };
                }
                since.clear();
                continue;
            }
        }
        if level == top {
            since.push(j);
        }
    }
    found
}

/// Whether two rows of figures agree wherever the first states a figure (and it states one).
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
