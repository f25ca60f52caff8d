//! Pasting a block of cells (copied from Excel, LibreOffice, Word or the grid itself) into the
//! budget table: where each cell lands, what the table must gain to hold it, and one edit.
//!
//! The block is given line by line (a row of the block is a budget line; the grid transposes a
//! block pasted in the years-as-rows view before calling). Its columns are either untagged (a
//! block from elsewhere: every column after the names is a year, in order) or tagged with what
//! each one was when the grid copied it ([`Column`]): names, a year, or a figure the table
//! computes (a phase subtotal, the line total), which a paste skips, so that the grid's own copy
//! pastes back where it came from.

use super::{AmountError, CellChange, Edit, LineMeta, PlanMeta, Totals, parse_amount};
use crate::locale::{Lang, NumberError, parse_number};
use crate::model::{BudgetLine, ItemId, MoneyUnit, Plan, Year};

/// What a column of a copied block was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The lines' names.
    Names,
    /// Amounts of one year.
    Year(Year),
    /// A computed figure (a phase subtotal, a total): not pasted.
    Computed,
}

/// Where the block's top-left cell is pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The name of line `line` (`line` may be the number of lines: after the last one).
    Names {
        /// Line index.
        line: usize,
    },
    /// The amount of line `line` in `year`.
    Year {
        /// Line index.
        line: usize,
        /// The year.
        year: Year,
    },
}

/// What to do with a block that reaches past the last line or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Refuse with what it needs ([`Overflow`]), so the planner can be asked.
    Ask,
    /// Add the lines and years it needs.
    Extend,
    /// Paste what fits and count what is left out.
    Clip,
}

/// A block that needs more lines or years than the table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow {
    /// Lines to add.
    pub lines: usize,
    /// Years to add after the last one.
    pub years: usize,
}

/// A paste worked out: the edit (one undo step) and what it did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    /// Lines added, names set and cells written, as one edit.
    pub edit: Edit,
    /// Cells written (amounts set or cleared) and names set.
    pub written: usize,
    /// Block cells (row, column; from 0) that are neither a number nor empty, or too large.
    pub not_numbers: Vec<(usize, usize)>,
    /// Non-empty cells left out because they fall beyond the table ([`Fit::Clip`]).
    pub beyond: usize,
    /// Non-empty cells left out because they fall on a group line, whose figures add up its
    /// children.
    pub on_groups: usize,
}

/// How the block's text is read: the language's number format and the unit the numbers are in
/// (the grid's display unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Number format.
    pub lang: Lang,
    /// Unit of the typed numbers.
    pub unit: MoneyUnit,
}

/// Where each cell of `block` lands when pasted at `anchor` (see the module's documentation),
/// and the edit that puts it there. `tags` describes the block's columns when the grid copied it.
pub fn paste(
    plan: &Plan,
    totals: &Totals,
    anchor: Anchor,
    block: &[Vec<String>],
    tags: Option<&[Column]>,
    reading: Reading,
    fit: Fit,
) -> Result<Pasted, Overflow> {
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    let columns = column_kinds(anchor, block, tags, width, reading.lang);
    let table_years = totals.columns();
    let (first_line, start) = match anchor {
        Anchor::Names { line } => (line, 0),
        Anchor::Year { line, year } => (line, table_years.iter().position(|&y| y == year).unwrap_or(table_years.len())),
    };
    // The year each column goes to: consecutive columns of the table from `start`, beyond its
    // last year the years after it.
    let last = table_years.last().copied().unwrap_or(plan.period.last).max(plan.period.last);
    let mut next = start;
    let mut new_years = 0;
    let years: Vec<Option<Year>> = columns
        .iter()
        .map(|kind| match kind {
            Kind::Year => {
                let year = match table_years.get(next) {
                    Some(&y) => y,
                    None => {
                        new_years += 1;
                        last + new_years
                    }
                };
                next += 1;
                Some(year)
            }
            _ => None,
        })
        .collect();
    let new_years = new_years as usize;
    let new_lines = (first_line + block.len()).saturating_sub(plan.lines.len());
    if fit == Fit::Ask && (new_lines > 0 || new_years > 0) {
        return Err(Overflow { lines: new_lines, years: new_years });
    }
    let extend = fit == Fit::Extend;
    let mut edits = Vec::new();
    let mut ids: Vec<Option<ItemId>> = (0..block.len()).map(|k| plan.lines.get(first_line + k).map(|l| l.id)).collect();
    if extend {
        let mut lines = Vec::new();
        for (next_id, id) in (plan.next_id().0..).zip(ids.iter_mut().filter(|id| id.is_none())) {
            let line = BudgetLine { id: ItemId(next_id), ..Default::default() };
            *id = Some(line.id);
            lines.push(line);
        }
        if !lines.is_empty() {
            edits.push(Edit::InsertLines { index: plan.lines.len(), lines });
        }
        if new_years > 0 {
            let mut meta = PlanMeta::of(plan);
            meta.period.last = last + new_years as Year;
            edits.push(Edit::SetMeta(Box::new(meta)));
        }
    }
    let mut out =
        Pasted { edit: Edit::Batch(Vec::new()), written: 0, not_numbers: Vec::new(), beyond: 0, on_groups: 0 };
    let mut changes = Vec::new();
    for (r, row) in block.iter().enumerate() {
        let line_index = first_line + r;
        let existing = plan.lines.get(line_index);
        for (c, text) in row.iter().enumerate() {
            let filled = !text.trim().is_empty();
            let Some(id) = ids.get(r).copied().flatten() else {
                out.beyond += usize::from(filled);
                continue;
            };
            match columns.get(c) {
                Some(Kind::Names) => {
                    let mut meta = existing.map(LineMeta::from_line).unwrap_or_default();
                    meta.name = text.trim().to_string();
                    edits.push(Edit::SetLineMeta { line: id, meta });
                    out.written += 1;
                }
                Some(Kind::Year) => {
                    let Some(year) = years.get(c).copied().flatten() else { continue };
                    if year > last && !extend {
                        out.beyond += usize::from(filled);
                        continue;
                    }
                    if existing.is_some() && totals.is_group(line_index) {
                        out.on_groups += usize::from(filled);
                        continue;
                    }
                    match parse_amount(text, reading.lang, reading.unit, plan.unit) {
                        Ok(v) => {
                            changes.push(CellChange { line: id, year, value: Some(v) });
                            out.written += 1;
                        }
                        Err(AmountError::Empty) => {
                            if existing.is_some_and(|l| l.amounts.contains_key(&year)) {
                                changes.push(CellChange { line: id, year, value: None });
                                out.written += 1;
                            }
                        }
                        Err(_) => out.not_numbers.push((r, c)),
                    }
                }
                Some(Kind::Computed) | None => {}
            }
        }
    }
    edits.push(Edit::SetCells(changes));
    out.edit = Edit::Batch(edits);
    Ok(out)
}

/// What each column of the block holds, the anchor considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Names,
    Year,
    Computed,
}

fn column_kinds(anchor: Anchor, block: &[Vec<String>], tags: Option<&[Column]>, width: usize, lang: Lang) -> Vec<Kind> {
    let on_names = matches!(anchor, Anchor::Names { .. });
    if let Some(tags) = tags.filter(|t| t.len() == width) {
        return tags
            .iter()
            .map(|t| match t {
                // Names pasted on a year column are not amounts: left out.
                Column::Names if on_names => Kind::Names,
                Column::Names => Kind::Computed,
                Column::Year(_) => Kind::Year,
                Column::Computed => Kind::Computed,
            })
            .collect();
    }
    // A block from elsewhere pasted on the names: its first column is names when it holds text
    // that is not a number ("Tuyên truyền"); a block of figures only goes to the years.
    let names_first = on_names
        && block
            .iter()
            .filter_map(|row| row.first())
            .any(|t| matches!(parse_number(t, lang), Err(e) if e != NumberError::Empty));
    (0..width).map(|c| if c == 0 && names_first { Kind::Names } else { Kind::Year }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearRange;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn plan() -> Plan {
        let mut plan = Plan::new("t", YearRange::new(2013, 2015), MoneyUnit::Million);
        plan.push_phase("GĐ 1", YearRange::new(2013, 2015));
        plan.push_line("A", &[(2013, dec!(1))]);
        plan.push_line("B", &[]);
        plan
    }

    fn block(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    const VI: Reading = Reading { lang: Lang::Vi, unit: MoneyUnit::Million };

    fn applied(plan: &Plan, pasted: &Pasted) -> Plan {
        let mut ed = super::super::Editor::new(plan.clone());
        ed.apply(pasted.edit.clone()).expect("within the limits");
        ed.plan().clone()
    }

    #[test]
    fn names_and_amounts_pasted_on_the_names_go_to_the_names_and_the_first_years() {
        let p = plan();
        let t = Totals::compute(&p);
        let b = block(&[&["Tuyên truyền", "70", "80", "1.095,5"], &["Đào tạo", "", "5", ""]]);
        let pasted = paste(&p, &t, Anchor::Names { line: 0 }, &b, None, VI, Fit::Ask).expect("fits");
        let after = applied(&p, &pasted);
        assert_eq!(after.period, p.period, "no year added");
        assert_eq!(after.lines[0].name, "Tuyên truyền");
        assert_eq!(after.lines[0].amounts.get(&2015), Some(&dec!(1095.5)));
        assert_eq!(after.lines[1].name, "Đào tạo");
        assert_eq!(after.lines[1].amounts.len(), 1);
        assert_eq!(Totals::compute(&after).grand(), dec!(70) + dec!(80) + dec!(1095.5) + dec!(5));
    }

    #[test]
    fn figures_alone_pasted_on_the_names_go_to_the_years() {
        let p = plan();
        let t = Totals::compute(&p);
        let pasted =
            paste(&p, &t, Anchor::Names { line: 1 }, &block(&[&["7", "8"]]), None, VI, Fit::Ask).expect("fits");
        let after = applied(&p, &pasted);
        assert_eq!(after.lines[1].name, "B");
        assert_eq!(after.lines[1].amounts.values().copied().collect::<Vec<_>>(), [dec!(7), dec!(8)]);
    }

    #[test]
    fn a_block_too_large_asks_extends_or_says_what_it_left_out() {
        let p = plan();
        let t = Totals::compute(&p);
        let b = block(&[&["1", "2"], &["3", "4"], &["5", "6"]]);
        let at = Anchor::Year { line: 1, year: 2015 };
        assert_eq!(paste(&p, &t, at, &b, None, VI, Fit::Ask), Err(Overflow { lines: 2, years: 1 }));
        let clipped = paste(&p, &t, at, &b, None, VI, Fit::Clip).expect("clips");
        assert_eq!((clipped.written, clipped.beyond), (1, 5));
        let extended = paste(&p, &t, at, &b, None, VI, Fit::Extend).expect("extends");
        let after = applied(&p, &extended);
        assert_eq!((after.lines.len(), after.period.last), (4, 2016));
        assert_eq!(after.lines[3].amounts.get(&2016), Some(&dec!(6)));
    }

    #[test]
    fn the_grids_own_copy_pastes_back_where_it_came_from() {
        // Names, 2013, 2014, the phase subtotal, 2015: the subtotal is skipped, not put in 2015.
        let p = plan();
        let t = Totals::compute(&p);
        let tags = [Column::Names, Column::Year(2013), Column::Year(2014), Column::Computed, Column::Year(2015)];
        let b = block(&[&["A", "1", "2", "3", "9"]]);
        let pasted = paste(&p, &t, Anchor::Names { line: 1 }, &b, Some(&tags), VI, Fit::Ask).expect("fits");
        let after = applied(&p, &pasted);
        assert_eq!(after.lines[1].name, "A");
        let amounts: Vec<(Year, Decimal)> = after.lines[1].amounts.iter().map(|(y, v)| (*y, *v)).collect();
        assert_eq!(amounts, [(2013, dec!(1)), (2014, dec!(2)), (2015, dec!(9))]);
    }

    #[test]
    fn text_group_lines_and_units_are_accounted_for() {
        let mut p = plan();
        p.lines[0].depth = 0;
        p.lines[1].depth = 1; // A is now B's group
        p.lines[0].amounts.clear();
        let t = Totals::compute(&p);
        let b = block(&[&["5", "abc"], &["1,5", "2"]]);
        let billions = Reading { lang: Lang::Vi, unit: MoneyUnit::Billion };
        let pasted = paste(&p, &t, Anchor::Year { line: 0, year: 2013 }, &b, None, billions, Fit::Ask).expect("fits");
        assert_eq!((pasted.on_groups, pasted.not_numbers.clone(), pasted.written), (2, vec![], 2));
        let after = applied(&p, &pasted);
        assert_eq!(after.lines[1].amounts.get(&2013), Some(&dec!(1500)), "1,5 tỷ is 1.500 triệu");
        let b = block(&[&["x"], &["abc"]]);
        let pasted = paste(&p, &t, Anchor::Year { line: 0, year: 2014 }, &b, None, VI, Fit::Ask).expect("fits");
        assert_eq!(pasted.not_numbers, vec![(1, 0)]);
    }
}
