//! The fields chosen for each year (the plan's own kind of figure where several are given; the
//! year's whole, or its parts by source) and the amounts of every line and total in them.

use std::collections::{BTreeMap, HashMap};

use crate::io::import::grid::Cell;
use crate::io::import::numbers::{Evidence, TextValue, read_text};
use crate::model::{MoneyUnit, Year};

use super::super::amounts::{Amount, AmountReader, quiet_value};
use super::super::entries::EntryRole;
use super::super::fields::{Field, Part, Role};
use super::super::tags::FigureKind;
use super::Reader;

/// A column of the amounts matrix: a field, or the sum of a year's parts when no field holds the
/// year's whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Field(usize),
    PartsOf(usize),
}

/// The fields chosen for one year.
#[derive(Debug, Clone)]
pub(super) struct YearPick {
    pub year: Year,
    pub kind: Option<FigureKind>,
    pub whole: Option<usize>,
    pub parts: Vec<usize>,
    /// The column holding the year's amount.
    pub primary: usize,
    /// Several columns for the year, none of them its whole or a source ("Năm 2013 / Số báo cáo
    /// / Số xét duyệt"): which one holds the year's money cannot be told.
    pub ambiguous: Vec<usize>,
}

impl YearPick {
    /// The field that labels the year: its whole, or its first part.
    pub fn label_field(&self) -> Option<usize> {
        self.whole.or(self.parts.first().copied())
    }
}

/// The years and the columns of the amounts matrix.
pub(super) struct Matrix {
    pub picks: Vec<YearPick>,
    /// The table's distinct years, in order.
    pub records: Vec<Year>,
    pub cols: Vec<Col>,
    pub col_of_field: BTreeMap<usize, usize>,
}

/// The amounts of the lines and totals (the "valued" entries) in the matrix's columns.
pub(super) struct Amounts {
    /// The entries that hold amounts (lines and totals), by index.
    pub valued: Vec<usize>,
    pub stated: Vec<Vec<Amount>>,
    row_of: HashMap<usize, usize>,
    /// Cells read as amounts.
    pub read: usize,
}

impl Amounts {
    /// The amounts of entry `j`, if it holds any.
    pub fn of(&self, j: usize) -> Option<&Vec<Amount>> {
        self.row_of.get(&j).and_then(|&r| self.stated.get(r))
    }
}

impl Matrix {
    /// Chooses the fields of each year and lays out the columns; reports years whose money
    /// cannot be told apart.
    pub fn of(r: &mut Reader<'_, '_>) -> Matrix {
        let mut picks = pick_years(&r.fields, &|f| r.has_numbers(f));
        let records: Vec<Year> = picks.iter().map(|p| p.year).collect();
        let mut cols: Vec<Col> = Vec::new();
        let mut col_of_field: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, f) in r.fields.iter().enumerate() {
            let kept = match f.role {
                Role::Year { .. } => picks.iter().any(|p| p.whole == Some(i) || p.parts.contains(&i)),
                Role::Phase { .. } | Role::Total { .. } => r.has_numbers(f),
                _ => false,
            };
            if kept {
                col_of_field.insert(i, cols.len());
                cols.push(Col::Field(i));
            }
        }
        for (k, p) in picks.iter_mut().enumerate() {
            p.primary = match p.whole.and_then(|w| col_of_field.get(&w)) {
                Some(&c) => c,
                None => {
                    cols.push(Col::PartsOf(k));
                    cols.len() - 1
                }
            };
        }
        let l = r.label_l();
        for p in picks.iter().filter(|p| !p.ambiguous.is_empty()) {
            let labels: Vec<String> =
                p.ambiguous.iter().filter_map(|i| r.fields.get(*i)).map(|f| f.label.clone()).collect();
            let y = p.ambiguous.first().and_then(|i| r.fields.get(*i)).map(|f| f.y).unwrap_or(0);
            r.report.several_columns(r.view.pos(y, l), p.year, &labels);
        }
        Matrix { picks, records, cols, col_of_field }
    }

    /// The field labelling each year.
    pub fn year_fields(&self) -> impl Iterator<Item = usize> + '_ {
        self.picks.iter().filter_map(YearPick::label_field)
    }

    /// Whether column `c` holds a year's own figures (not a stated sum of them).
    pub fn is_year_col(&self, c: usize, fields: &[Field]) -> bool {
        match self.cols.get(c) {
            Some(Col::PartsOf(_)) => true,
            Some(Col::Field(i)) => matches!(fields.get(*i).map(|f| &f.role), Some(Role::Year { .. })),
            None => false,
        }
    }

    /// Column `c`'s label and its year-axis index, for messages.
    pub fn col_label(&self, c: usize, fields: &[Field]) -> (String, u32) {
        match self.cols.get(c) {
            Some(Col::Field(i)) => fields.get(*i).map(|f| (f.label.clone(), f.y)).unwrap_or_default(),
            Some(Col::PartsOf(k)) => self
                .picks
                .get(*k)
                .map(|p| (p.year.to_string(), p.parts.first().and_then(|i| fields.get(*i)).map(|f| f.y).unwrap_or(0)))
                .unwrap_or_default(),
            None => (String::new(), 0),
        }
    }

    /// Reads the amounts of every line and total in the table's unit, reporting what is wrong
    /// with a cell at the cell.
    pub fn amounts(&self, r: &mut Reader<'_, '_>, unit: MoneyUnit) -> Amounts {
        let view = r.view;
        // Ambiguous text ("1.095") is decided from the unambiguous amounts of the years.
        let mut evidence = Evidence::default();
        for e in r.entries.iter().filter(|e| e.role == EntryRole::Line) {
            for p in &self.picks {
                for i in p.whole.iter().chain(&p.parts) {
                    let Some(f) = r.fields.get(*i) else { continue };
                    let cell = view.cell(f.y, e.l);
                    let ambiguous =
                        matches!(cell, Cell::Text(t) if matches!(read_text(t), TextValue::Ambiguous { .. }));
                    if let Some(v) = quiet_value(cell).filter(|_| !ambiguous) {
                        evidence.add(v);
                    }
                }
            }
        }
        let reader = AmountReader { evidence, unit };
        let valued: Vec<usize> = r
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.role, EntryRole::Line | EntryRole::Total { .. }))
            .map(|(i, _)| i)
            .collect();
        let mut stated = Vec::with_capacity(valued.len());
        let mut read = 0usize;
        for &j in &valued {
            let Some(l) = r.entries.get(j).map(|e| e.l) else { continue };
            let mut row = vec![Amount::Empty; self.cols.len()];
            for (c, col) in self.cols.iter().enumerate() {
                let Col::Field(i) = col else { continue };
                let Some(f) = r.fields.get(*i) else { continue };
                let at = view.pos(f.y, l);
                let a = match (reader.read(&mut r.report, at, view.cell(f.y, l)), f.unit) {
                    // The reader's bound is in the table's unit: a figure of a field in a larger
                    // unit ("Năm 2021 (tỷ đồng)" in a table in đồng) is checked once converted.
                    (Amount::Value(v), Some(u)) if u != unit => {
                        let converted = u.convert(v, unit);
                        if unit.accepts(converted) {
                            Amount::Value(converted)
                        } else {
                            r.report.too_large(at, v);
                            Amount::Invalid
                        }
                    }
                    (a, _) => a,
                };
                read += usize::from(matches!(a, Amount::Value(_)));
                if let Some(slot) = row.get_mut(c) {
                    *slot = a;
                }
            }
            for (c, col) in self.cols.iter().enumerate() {
                let Col::PartsOf(k) = col else { continue };
                let mut sum = Amount::Empty;
                for i in self.picks.get(*k).map(|p| p.parts.as_slice()).unwrap_or_default() {
                    if let Some(a) = self.col_of_field.get(i).and_then(|&pc| row.get(pc).copied()) {
                        sum = sum.plus(a);
                    }
                }
                if let Some(slot) = row.get_mut(c) {
                    *slot = sum;
                }
            }
            stated.push(row);
        }
        let row_of = valued.iter().enumerate().map(|(r, &j)| (j, r)).collect();
        Amounts { valued, stated, row_of, read }
    }
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
