//! Reading one table, once its years are found, in steps that each have a file:
//! - here: the header, the fields and the entries, the title, the unit;
//! - [`matrix`]: the fields chosen for each year and the amounts of every line and total;
//! - [`outline`]: memo rows, unnamed totals, the outline and the parents' figures;
//! - [`checks`]: every stated sum against the figures it covers;
//! - [`build`]: the plan (phases, lines, funding);
//! - [`account`]: what each field holds and what was left out, with its sum.

mod account;
mod build;
mod checks;
mod matrix;
mod outline;

use crate::io::import::grid::SheetGrid;
use crate::io::import::report::Report;
use crate::io::import::result::{Found, ImportOptions, ImportResult, Orientation, Recognised};
use crate::model::MoneyUnit;

use super::amounts::{is_numeric, quiet_value};
use super::axis::YearAxis;
use super::entries::{self, Entry, EntryRole, TextFields};
use super::fields::{self, Field, Header, Role};
use super::unit;
use super::view::{Hidden, OrientedGrid};

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

/// Reads the table whose years are `axis`, not past line-axis index `stop`.
pub(super) fn read(grid: &SheetGrid, hidden: &Hidden, options: &ImportOptions, axis: &YearAxis, stop: u32) -> Table {
    let mut r = Reader::new(grid, hidden, options, axis, stop);
    let m = matrix::Matrix::of(&mut r);
    let unit = r.unit(&m);
    let a = m.amounts(&mut r, unit);
    let o = outline::Lines::of(&mut r, &m, &a);
    let (candidates, has_total) = checks::run(&mut r, &m, &a, &o, unit);
    let plan = build::plan(&mut r, &m, &o, candidates, unit);
    account::all(&mut r, &m, unit);
    let extent = (r.top_row.min(r.body_start), r.extent_end);
    let Reader { report, recognised, .. } = r;
    Table {
        result: ImportResult { plan, recognised, diagnostics: report.finish() },
        amounts: a.read,
        extent,
        has_total,
    }
}

/// One table being read: the grid seen along its axes, its header, fields and entries, and what
/// has been found so far.
struct Reader<'g, 'o> {
    view: OrientedGrid<'g>,
    grid: &'g SheetGrid,
    options: &'o ImportOptions,
    axis: &'o YearAxis,
    /// The line-axis index the table does not reach (where the next table begins).
    stop: u32,
    header: Header,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    /// The entries' roles as the reading refines them (memo items, unnamed totals).
    roles: Vec<EntryRole>,
    tf: TextFields,
    /// Where the table ends, when something ends it before `stop` (a signature, blank rows).
    table_end: Option<u32>,
    body_start: u32,
    extent_end: u32,
    top_row: u32,
    title: Option<Found<String>>,
    issuer: Option<String>,
    report: Report,
    recognised: Recognised,
}

impl<'g, 'o> Reader<'g, 'o> {
    /// The header, the fields, the entries and the title.
    fn new(grid: &'g SheetGrid, hidden: &'g Hidden, options: &'o ImportOptions, axis: &'o YearAxis, stop: u32) -> Self {
        let view = OrientedGrid { grid, years_in_rows: axis.years_in_rows, hidden };
        let mut report = Report::new(grid.name());
        report.read_notes(grid);
        if let Some(l) = grid.legacy() {
            report.legacy(l.first, l.encoding.label(), l.cells);
        }
        let mut recognised = Recognised {
            sheet: grid.name().to_string(),
            orientation: Some(if axis.years_in_rows { Orientation::YearsAsRows } else { Orientation::YearsAsColumns }),
            legacy: grid.legacy().cloned(),
            ..Recognised::default()
        };
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
        // Years as rows: rows past the table's last figure are not fields (notes below it).
        if axis.years_in_rows {
            let last = fields.iter().rposition(|f| {
                matches!(f.role, Role::Year { .. } | Role::Phase { .. } | Role::Total { .. })
                    || (matches!(f.role, Role::Share { .. }) && row_has_numbers(view, f.y, &entries))
            });
            if let Some(last) = last {
                fields.truncate(last + 1);
            }
        }
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
        let roles = entries.iter().map(|e| e.role.clone()).collect();
        Reader {
            view,
            grid,
            options,
            axis,
            stop,
            header,
            fields,
            entries,
            roles,
            tf,
            table_end,
            body_start,
            extent_end,
            top_row,
            title,
            issuer,
            report,
            recognised,
        }
    }

    /// Whether field `f` holds a figure in any entry.
    fn has_numbers(&self, f: &Field) -> bool {
        row_has_numbers(self.view, f.y, &self.entries)
    }

    /// The line-axis index where the fields' labels are reported (their lowest header row).
    fn label_l(&self) -> u32 {
        if self.axis.years_in_rows { self.axis.slot } else { self.header.band.end.saturating_sub(1) }
    }

    /// The table's unit: as the planner chose it, a unit line, the year fields' headers, or a
    /// guess from the amounts that the planner must confirm.
    fn unit(&mut self, m: &matrix::Matrix) -> MoneyUnit {
        let body_row = if self.axis.years_in_rows { self.top_row.saturating_add(1) } else { self.body_start };
        let unit_line = unit::find_unit_line(self.grid, self.top_row, body_row);
        let year_units: Vec<MoneyUnit> = m.year_fields().filter_map(|i| self.fields.get(i)?.unit).collect();
        let written = self.options.unit.or(unit_line.as_ref().map(|u| u.value)).or(most_common(&year_units));
        let table_unit = match written {
            Some(u) => u,
            None => {
                let ys: Vec<u32> = m.year_fields().filter_map(|i| self.fields.get(i)).map(|f| f.y).collect();
                let view = self.view;
                let values = self
                    .entries
                    .iter()
                    .filter(|e| e.role == EntryRole::Line)
                    .flat_map(|e| ys.iter().map(move |&y| (y, e.l)))
                    .filter_map(|(y, l)| quiet_value(view.cell(y, l)));
                let guess = unit::guess(values);
                self.recognised.unit_unknown = Some(guess);
                self.report.unit_unknown((self.grid.first_row(), self.grid.first_col()), guess);
                guess
            }
        };
        if self.options.unit.is_none() {
            self.recognised.unit = unit_line;
        }
        let l = self.label_l();
        for (i, f) in self.fields.iter().enumerate() {
            if let Some(u) = f.unit
                && u != table_unit
                && m.col_of_field.contains_key(&i)
            {
                let amounts = matches!(f.role, Role::Year { .. });
                self.report.field_unit(self.view.pos(f.y, l), &f.label, u, table_unit, amounts);
            }
        }
        table_unit
    }
}

fn row_has_numbers(view: OrientedGrid<'_>, y: u32, entries: &[Entry]) -> bool {
    entries.iter().any(|e| is_numeric(view.cell(y, e.l)))
}

fn most_common(units: &[MoneyUnit]) -> Option<MoneyUnit> {
    MoneyUnit::ALL.into_iter().filter(|u| units.contains(u)).max_by_key(|u| units.iter().filter(|x| *x == u).count())
}
