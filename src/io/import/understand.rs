//! Understanding a sheet: finding the budget table in a [`SheetGrid`] and turning it into a
//! [`Plan`], with what was recognised and diagnostics at their cells.
//!
//! The table is read along two axes: the *year axis* (rows when years are rows, columns when
//! years are columns) whose entries are years, phase headings, subtotals and totals, and the
//! *line axis* whose entries are budget lines, total columns and columns that are not money.
//! [`View`] maps (year-axis index, line-axis index) to a cell, so both layouts share one reading.

use std::ops::Range;

use rust_decimal::Decimal;

use super::grid::{Cell, SheetGrid};
use super::labels::{self, Label, PhaseRef, classify, funding_in_text, unit_line};
use super::limits::{MAX_AMOUNT_DONG_DIGITS, MAX_TEXT_CHARS};
use super::numbers::{Evidence, TextValue, read_text};
use super::report::Report;
use super::result::{
    Axis, ExcludeReason, Excluded, Found, FoundLine, FoundPhase, FoundYear, ImportOptions, ImportResult, Orientation,
    PhaseEvidence, Recognised,
};
use crate::model::{BudgetLine, FundingSource, ItemId, MoneyUnit, Phase, Plan, ShareRule, SourceKind, Year, YearRange};
use crate::text::fold;

/// Reads the budget table of `grid` into a plan. Pure and total: any grid gives a result, with
/// an error diagnostic when no table is found.
pub fn understand(grid: &SheetGrid, options: &ImportOptions) -> ImportResult {
    let mut report = Report::new(grid.name());
    for &(row, col) in grid.clipped() {
        report.clipped((row, col), MAX_TEXT_CHARS);
    }
    let Some(axis) = find_year_axis(grid, options) else {
        return nothing_found(grid, options, report);
    };
    Reader::new(grid, options, axis, report).read()
}

/// The result when no table was found: an empty plan and an error.
fn nothing_found(grid: &SheetGrid, options: &ImportOptions, mut report: Report) -> ImportResult {
    report.no_table((grid.first_row(), grid.first_col()));
    let unit = options.plan_unit.or(options.unit).unwrap_or_default();
    let mut plan = Plan::new("", YearRange::new(2026, 2030), unit);
    let found = find_title(grid, grid.end_row());
    if let Some(t) = &found {
        plan.title = t.value.clone();
    }
    ImportResult {
        plan,
        recognised: Recognised { sheet: grid.name().to_string(), title: found, ..Recognised::default() },
        diagnostics: report.finish(),
    }
}

// ---------------------------------------------------------------------------------------------
// The two axes.

/// The grid seen along the table's axes: `y` indexes the year axis, `l` the line axis.
#[derive(Clone, Copy)]
struct View<'g> {
    grid: &'g SheetGrid,
    /// Years are rows (`y` is a row, `l` a column); otherwise years are columns.
    years_in_rows: bool,
}

impl<'g> View<'g> {
    fn pos(&self, y: u32, l: u32) -> (u32, u32) {
        if self.years_in_rows { (y, l) } else { (l, y) }
    }

    fn cell(&self, y: u32, l: u32) -> &'g Cell {
        let (r, c) = self.pos(y, l);
        self.grid.get(r, c)
    }

    fn y_range(&self) -> Range<u32> {
        if self.years_in_rows {
            self.grid.first_row()..self.grid.end_row()
        } else {
            self.grid.first_col()..self.grid.end_col()
        }
    }

    fn l_range(&self) -> Range<u32> {
        if self.years_in_rows {
            self.grid.first_col()..self.grid.end_col()
        } else {
            self.grid.first_row()..self.grid.end_row()
        }
    }

    /// The span along the year axis of a merged region covering (y, l), if it spans several.
    fn merged_y_span(&self, y: u32, l: u32) -> Option<(u32, u32)> {
        let (r, c) = self.pos(y, l);
        let m = self.grid.merge_at(r, c)?;
        let span = if self.years_in_rows { (m.first_row, m.last_row) } else { (m.first_col, m.last_col) };
        (span.1 > span.0).then_some(span)
    }

    fn axis_of_l(&self) -> Axis {
        if self.years_in_rows { Axis::Column } else { Axis::Row }
    }

    fn axis_of_y(&self) -> Axis {
        if self.years_in_rows { Axis::Row } else { Axis::Column }
    }
}

/// Where the years are: their orientation, the line-axis index holding them, and the year-axis
/// index of each.
struct YearAxis {
    years_in_rows: bool,
    slot: u32,
    years: Vec<(u32, Year)>,
}

/// Finds the longest run of increasing years in one row or column, over both orientations.
fn find_year_axis(grid: &SheetGrid, options: &ImportOptions) -> Option<YearAxis> {
    let orientations: &[bool] = match options.orientation {
        Some(Orientation::YearsAsRows) => &[true],
        Some(Orientation::YearsAsColumns) => &[false],
        None => &[true, false],
    };
    let mut best: Option<((usize, usize, bool), YearAxis)> = None;
    for &years_in_rows in orientations {
        let view = View { grid, years_in_rows };
        for l in view.l_range() {
            if let (Some(h), false) = (options.header_row, years_in_rows)
                && l != h
            {
                continue;
            }
            let chain = year_chain(view, l, options.header_row.filter(|_| years_in_rows));
            if is_counter(view, l, &chain) {
                continue;
            }
            let textual = chain.iter().filter(|(_, _, t)| *t).count();
            if chain.len() < 2 && textual == 0 {
                continue;
            }
            let score = (chain.len(), textual, years_in_rows);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                let years = chain.into_iter().map(|(y, year, _)| (y, year)).collect();
                best = Some((score, YearAxis { years_in_rows, slot: l, years }));
            }
        }
    }
    best.map(|(_, axis)| axis)
}

/// The longest run of increasing years (steps of 1–5 years, at most 6 entries apart) in line
/// `l`, with whether each label was text; entries at or above `below` are skipped.
fn year_chain(view: View<'_>, l: u32, below: Option<u32>) -> Vec<(u32, Year, bool)> {
    let mut best: Vec<(u32, Year, bool)> = Vec::new();
    let mut current: Vec<(u32, Year, bool)> = Vec::new();
    for y in view.y_range() {
        if below.is_some_and(|h| y <= h) {
            continue;
        }
        let cell = view.cell(y, l);
        let Some(year) = labels::year_of(cell) else { continue };
        let follows =
            current.last().is_none_or(|&(py, pyear, _)| year > pyear && year - pyear <= 5 && y.saturating_sub(py) <= 6);
        if !follows {
            if current.len() > best.len() {
                best = std::mem::take(&mut current);
            }
            current.clear();
        }
        current.push((y, year, matches!(cell, Cell::Text(_))));
    }
    if current.len() > best.len() { current } else { best }
}

/// Whether a run of "years" is really a numbering that reached the 1950s: the number before its
/// first entry continues it (1949 above 1950), or it is headed "STT".
fn is_counter(view: View<'_>, l: u32, chain: &[(u32, Year, bool)]) -> bool {
    let Some(&(y0, first, false)) = chain.first() else { return false };
    let before = y0.checked_sub(1).map(|y| view.cell(y, l));
    let continues = matches!(before, Some(Cell::Number(d)) if *d == Decimal::from(first - 1));
    continues || (view.y_range().start..y0).any(|y| classify(view.cell(y, l)) == Label::Numbering)
}

// ---------------------------------------------------------------------------------------------
// Entries of the year axis and of the line axis.

/// A stated sum along the year axis.
#[derive(Debug, Clone, PartialEq, Eq)]
enum YearSum {
    Grand,
    Bare,
    Phase(PhaseRef),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum YearKind {
    Record(Year),
    Sum(YearSum),
    Section(PhaseRef, String),
    Excluded(ExcludeReason, String, Option<Decimal>),
    Notes,
    Agency,
    Unknown(String),
}

#[derive(Debug, Clone)]
struct YearEntry {
    y: u32,
    kind: YearKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum LineKind {
    Line(String),
    Sum { all: bool },
    Excluded(ExcludeReason, String, Option<Decimal>),
}

#[derive(Debug, Clone)]
struct LineEntry {
    l: u32,
    kind: LineKind,
}

/// A line of the plan being built.
#[derive(Debug, Clone)]
struct LineInfo {
    l: u32,
    name: String,
    code: String,
    depth: u8,
    heading: bool,
    notes: String,
    agency: String,
}

/// A phase candidate: its label, its records (a range of record indices) and where it came from.
#[derive(Debug, Clone)]
struct PhaseCandidate {
    pref: PhaseRef,
    label: String,
    records: Range<usize>,
    at: (u32, u32),
    evidence: PhaseEvidence,
}

/// One cell read as an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amount {
    Value(Decimal),
    Empty,
    /// An error value or text: reported at the cell; sums including it are not checked.
    Invalid,
}

/// A stated sum to cross-check: the records and lines it covers.
#[derive(Debug, Clone)]
struct Check {
    records: Range<usize>,
    lines: Range<usize>,
    subtotal: bool,
}

struct Reader<'g, 'o> {
    view: View<'g>,
    grid: &'g SheetGrid,
    options: &'o ImportOptions,
    axis: YearAxis,
    report: Report,
    recognised: Recognised,
    /// Years as rows: the row above the line names is a second header row.
    names_banded: bool,
}

impl<'g, 'o> Reader<'g, 'o> {
    fn new(grid: &'g SheetGrid, options: &'o ImportOptions, axis: YearAxis, report: Report) -> Self {
        let view = View { grid, years_in_rows: axis.years_in_rows };
        let recognised = Recognised {
            sheet: grid.name().to_string(),
            orientation: Some(if axis.years_in_rows { Orientation::YearsAsRows } else { Orientation::YearsAsColumns }),
            ..Recognised::default()
        };
        Self { view, grid, options, axis, report, recognised, names_banded: false }
    }

    fn read(mut self) -> ImportResult {
        let name_slot = self.find_name_slot();
        self.names_banded =
            self.axis.years_in_rows && name_slot.is_some_and(|n| n > self.grid.first_row() && self.header_above(n));
        let year_entries = self.year_entries(name_slot);
        let band_slot = self.band_slot();
        let header_top = self.header_rows(name_slot, band_slot);
        let (unit, converted_to) = self.find_unit(header_top);
        let title = find_title(self.grid, header_top);
        self.recognised.title = title.clone();

        let line_entries = self.line_entries(name_slot);
        if self.axis.years_in_rows {
            self.exclude_left_numbering(name_slot);
        }
        let mut lines = self.lines_of(&line_entries, name_slot, &year_entries);
        let records: Vec<(u32, Year)> = year_entries
            .iter()
            .filter_map(|e| if let YearKind::Record(y) = e.kind { Some((e.y, y)) } else { None })
            .collect();
        let mut phases = Vec::new();
        if let Some(b) = band_slot {
            self.band_phases(b, &records, &mut phases);
        }
        let (phases_in_table, year_checks) = self.phases_and_sums(&year_entries, records.len());
        phases.extend(phases_in_table);
        let phases = dedupe_phases(phases);
        let mut line_checks = line_sums(&line_entries, &lines);
        line_checks.extend(mark_groups(&mut lines));

        let evidence = self.evidence(&records, &lines);
        let values = self.values(&records, &lines, &evidence, unit);
        self.cross_check(&records, &lines, &values, &evidence, unit, &year_checks, &line_checks);

        let mut plan =
            Plan::new(title.as_ref().map(|t| t.value.as_str()).unwrap_or(""), YearRange::new(2026, 2030), unit);
        let phase_list = self.build_phases(&phases, &records);
        plan.phases = phase_list;
        let sources = self.funding(&year_entries, &line_entries, &records, &lines, &values);
        self.fill_lines(&mut plan, &records, &lines, &values, converted_to);
        plan.period = period(&plan, &records, title.as_ref().map(|t| t.value.as_str()));
        self.stretch_edge_phases(&mut plan);
        for (id, mut s) in (plan.next_id().0..).zip(sources) {
            s.id = ItemId(id);
            plan.sources.push(s);
        }
        if let Some(to) = converted_to {
            plan.unit = to;
            plan.precision = to.exponent();
        }
        if lines.is_empty() {
            let at = self.view.pos(self.axis.years.first().map(|y| y.0).unwrap_or(0), self.axis.slot);
            self.report.no_lines(at);
        }
        self.recognised.lines = lines
            .iter()
            .map(|li| {
                let (row, col) = self.view.pos(name_slot.unwrap_or(self.axis.slot), li.l);
                FoundLine { name: li.name.clone(), row, col }
            })
            .collect();
        self.recognised.years = records
            .iter()
            .map(|&(y, year)| {
                let (row, col) = self.view.pos(y, self.axis.slot);
                FoundYear { year, row, col }
            })
            .collect();
        ImportResult { plan, recognised: self.recognised, diagnostics: self.report.finish() }
    }

    /// The year-axis index of the line names: the header row above the years (years as rows) or
    /// the label column left of them (years as columns).
    fn find_name_slot(&self) -> Option<u32> {
        if let (Some(h), true) = (self.options.header_row, self.axis.years_in_rows) {
            return Some(h);
        }
        let first = self.axis.years.first()?.0;
        let start = self.view.y_range().start;
        let mut y = first;
        while y > start {
            y -= 1;
            let label = self.entry_label(y);
            let skippable = matches!(
                label,
                Label::GrandTotal
                    | Label::BareSum
                    | Label::PhaseTotal(_)
                    | Label::Section(_)
                    | Label::Percent
                    | Label::Share(_)
            );
            if skippable || (label == Label::Blank && self.entry_is_blank(y)) {
                continue;
            }
            return Some(y);
        }
        None
    }

    /// The label of year-axis entry `y`: the cell in the year slot, or the one just before it when
    /// that is blank (a label merged across both, or a header written in the row above).
    fn entry_label(&self, y: u32) -> Label {
        let slot = self.axis.slot;
        let own = classify(self.view.cell(y, slot));
        if own != Label::Blank || slot <= self.view.l_range().start {
            return own;
        }
        let before = slot - 1;
        if self.view.merged_y_span(y, before).is_some() {
            return own;
        }
        match self.view.cell(y, before) {
            c @ Cell::Text(_) => classify(c),
            _ => own,
        }
    }

    fn entry_text(&self, y: u32) -> String {
        let slot = self.axis.slot;
        for l in [Some(slot), slot.checked_sub(1)].into_iter().flatten() {
            if let Cell::Text(t) = self.view.cell(y, l)
                && !t.trim().is_empty()
            {
                return labels::tidy(t);
            }
        }
        match self.view.cell(y, slot) {
            Cell::Number(d) => d.to_string(),
            _ => String::new(),
        }
    }

    fn entry_is_blank(&self, y: u32) -> bool {
        self.view.l_range().all(|l| self.view.cell(y, l).is_blank())
    }

    /// Whether entry `y` has a number (or number-like text) on the line side of the year slot.
    fn entry_has_numbers(&self, y: u32) -> bool {
        let slot = self.axis.slot;
        self.view.l_range().filter(|&l| l > slot).any(|l| is_numeric(self.view.cell(y, l)))
    }

    /// Classifies the year-axis entries after the name slot.
    fn year_entries(&mut self, name_slot: Option<u32>) -> Vec<YearEntry> {
        let chain: std::collections::BTreeMap<u32, Year> = self.axis.years.iter().copied().collect();
        let start = name_slot.map(|n| n.saturating_add(1)).unwrap_or(self.view.y_range().start);
        let mut out = Vec::new();
        for y in start..self.view.y_range().end {
            if let Some(&year) = chain.get(&y) {
                out.push(YearEntry { y, kind: YearKind::Record(year) });
                continue;
            }
            let label = self.entry_label(y);
            let text = self.entry_text(y);
            let kind = match label {
                Label::Blank if self.entry_is_blank(y) => continue,
                Label::Blank => YearKind::Unknown(String::new()),
                Label::GrandTotal => YearKind::Sum(YearSum::Grand),
                Label::BareSum => YearKind::Sum(YearSum::Bare),
                Label::PhaseTotal(p) => YearKind::Sum(YearSum::Phase(p)),
                Label::Section(p) => YearKind::Section(p, text),
                Label::Numbering => YearKind::Excluded(ExcludeReason::Numbering, text, None),
                Label::Percent => YearKind::Excluded(ExcludeReason::Percent, text, None),
                Label::Share(p) => YearKind::Excluded(ExcludeReason::Share, text, p),
                Label::FundingLeadIn => YearKind::Excluded(ExcludeReason::Share, text, None),
                Label::Notes => YearKind::Notes,
                Label::Agency => YearKind::Agency,
                Label::UnitColumn | Label::Caption => YearKind::Excluded(ExcludeReason::Text, text, None),
                Label::Year(_) | Label::Name(_) => YearKind::Unknown(text),
            };
            out.push(YearEntry { y, kind });
        }
        self.trim_year_entries(out)
    }

    /// Records the numbering column left of the year column (years as rows) as excluded.
    fn exclude_left_numbering(&mut self, name_slot: Option<u32>) {
        let Some(n) = name_slot else { return };
        for l in self.view.l_range().start..self.axis.slot {
            if classify(self.view.cell(n, l)) == Label::Numbering {
                let label = cell_text(self.view.cell(n, l));
                self.exclude_l(l, &label, ExcludeReason::Numbering);
            }
        }
    }

    /// Keeps the entries inside the table; reports numbers under labels that are not understood.
    fn trim_year_entries(&mut self, entries: Vec<YearEntry>) -> Vec<YearEntry> {
        let first_record = self.axis.years.first().map(|y| y.0).unwrap_or(0);
        let last_known = entries
            .iter()
            .filter(|e| matches!(e.kind, YearKind::Record(_) | YearKind::Sum(_) | YearKind::Section(..)))
            .map(|e| e.y)
            .max()
            .unwrap_or(first_record);
        let mut kept = Vec::new();
        for e in entries {
            match &e.kind {
                YearKind::Unknown(label) => {
                    if e.y > first_record && e.y < last_known && self.entry_has_numbers(e.y) {
                        let at = self.view.pos(e.y, self.axis.slot);
                        self.report.unrecognised(at, label, self.axis.years_in_rows);
                        self.exclude_y(e.y, label, ExcludeReason::Unrecognised);
                    }
                }
                YearKind::Excluded(reason, label, _) => {
                    self.exclude_y(e.y, label, *reason);
                    kept.push(e);
                }
                YearKind::Notes | YearKind::Agency => {
                    let reason = if e.kind == YearKind::Notes { ExcludeReason::Notes } else { ExcludeReason::Text };
                    let label = self.entry_text(e.y);
                    self.exclude_y(e.y, &label, reason);
                    kept.push(e);
                }
                YearKind::Sum(sum) => {
                    let reason = if *sum == YearSum::Grand { ExcludeReason::Total } else { ExcludeReason::Subtotal };
                    let label = self.entry_text(e.y);
                    self.exclude_y(e.y, &label, reason);
                    kept.push(e);
                }
                _ => kept.push(e),
            }
        }
        kept
    }

    fn exclude_y(&mut self, y: u32, label: &str, reason: ExcludeReason) {
        let axis = self.view.axis_of_y();
        self.recognised.excluded.push(Excluded { axis, index: y, label: label.to_string(), reason });
    }

    fn exclude_l(&mut self, l: u32, label: &str, reason: ExcludeReason) {
        let axis = self.view.axis_of_l();
        self.recognised.excluded.push(Excluded { axis, index: l, label: label.to_string(), reason });
    }

    /// The line-axis index just before the year slot, when it holds phase bands.
    fn band_slot(&self) -> Option<u32> {
        let b = self.axis.slot.checked_sub(1)?;
        if b < self.view.l_range().start {
            return None;
        }
        let has_band =
            self.axis.years.iter().any(|&(y, _)| matches!(classify(self.band_text_cell(y, b)), Label::Section(_)));
        has_band.then_some(b)
    }

    /// The text of the band cell covering (y, b): the top-left cell of its merged region.
    fn band_text_cell(&self, y: u32, b: u32) -> &'g Cell {
        match self.view.merged_y_span(y, b) {
            Some((first, _)) => self.view.cell(first, b),
            None => self.view.cell(y, b),
        }
    }

    /// Header rows, top first, recorded in `recognised`; returns the top row of the table.
    fn header_rows(&mut self, name_slot: Option<u32>, band_slot: Option<u32>) -> u32 {
        let rows: Vec<u32> = if self.axis.years_in_rows {
            let mut v = Vec::new();
            if let Some(n) = name_slot {
                if self.names_banded {
                    v.push(n - 1);
                }
                v.push(n);
            }
            v
        } else {
            let k = self.axis.slot;
            let above = band_slot.or_else(|| (k > self.grid.first_row() && self.header_above(k)).then(|| k - 1));
            above.into_iter().chain(std::iter::once(k)).collect()
        };
        let top = rows.first().copied().unwrap_or_else(|| {
            let first = self.axis.years.first().map(|y| y.0).unwrap_or(0);
            if self.axis.years_in_rows { first } else { self.axis.slot }
        });
        self.recognised.header_rows = rows;
        top
    }

    /// Whether the row above the header row `n` (years as rows) is a second header row: merged
    /// cells reaching into `n`, or several labels that are not the unit line.
    fn header_above(&self, n: u32) -> bool {
        let above = n - 1;
        let cols = self.grid.first_col()..self.grid.end_col();
        let merged_down = cols.clone().any(|c| self.grid.merge_at(above, c).is_some_and(|m| m.contains(n, c)));
        let labels = cols
            .filter(|&c| match self.grid.get(above, c) {
                Cell::Text(t) => !t.trim().is_empty() && unit_line(t).is_none(),
                _ => false,
            })
            .count();
        merged_down || labels >= 2
    }

    /// The unit the amounts are written in, and the unit to convert them into (if different).
    fn find_unit(&mut self, top: u32) -> (MoneyUnit, Option<MoneyUnit>) {
        let found = find_unit_line(self.grid, top);
        let sheet_unit = match (self.options.unit, &found) {
            (Some(u), _) => u,
            (None, Some(f)) => f.value,
            (None, None) => {
                self.report.unit_assumed((self.grid.first_row(), self.grid.first_col()));
                MoneyUnit::Million
            }
        };
        if self.options.unit.is_none() {
            self.recognised.unit = found;
        }
        let convert = self.options.plan_unit.filter(|&p| p != sheet_unit);
        (sheet_unit, convert)
    }

    /// Classifies the line-axis entries after the year slot.
    fn line_entries(&mut self, name_slot: Option<u32>) -> Vec<LineEntry> {
        let slot = self.axis.slot;
        let mut out = Vec::new();
        let end = self.view.l_range().end;
        for l in slot.saturating_add(1)..end {
            let (label, text) = self.line_label(name_slot, l);
            let numbers = self.axis.years.iter().filter(|&&(y, _)| is_numeric(self.view.cell(y, l))).count();
            let texts = self.axis.years.iter().filter(|&&(y, _)| is_plain_text(self.view.cell(y, l))).count();
            if self.options.not_money.contains(&l) {
                out.push(LineEntry { l, kind: LineKind::Excluded(ExcludeReason::UserMarked, text, None) });
                continue;
            }
            let kind = match label {
                Label::GrandTotal => LineKind::Sum { all: true },
                // A bare "Cộng" column totals its row; a bare "Cộng" row closes a group of lines.
                Label::BareSum => LineKind::Sum { all: self.axis.years_in_rows },
                Label::PhaseTotal(_) => LineKind::Sum { all: false },
                Label::Numbering => LineKind::Excluded(ExcludeReason::Numbering, text, None),
                Label::Notes => LineKind::Excluded(ExcludeReason::Notes, text, None),
                Label::Percent => LineKind::Excluded(ExcludeReason::Percent, text, None),
                Label::Share(p) => LineKind::Excluded(ExcludeReason::Share, text, p),
                Label::FundingLeadIn => LineKind::Excluded(ExcludeReason::Share, text, None),
                Label::Agency | Label::UnitColumn | Label::Caption => {
                    LineKind::Excluded(ExcludeReason::Text, text, None)
                }
                Label::Blank if numbers == 0 => continue,
                Label::Blank => LineKind::Line(String::new()),
                _ if numbers == 0 && texts > 0 && self.axis.years_in_rows => {
                    LineKind::Excluded(ExcludeReason::Text, text, None)
                }
                Label::Name(n) => LineKind::Line(n),
                Label::Year(_) | Label::Section(_) => LineKind::Line(text),
            };
            out.push(LineEntry { l, kind });
        }
        self.trim_line_entries(out, name_slot)
    }

    /// The label of line-axis entry `l` and its text: the name slot's cell, or in a two-row header
    /// the row above when the name cell is blank.
    fn line_label(&self, name_slot: Option<u32>, l: u32) -> (Label, String) {
        let Some(n) = name_slot else { return (Label::Blank, String::new()) };
        let own = self.view.cell(n, l);
        let mut label = classify(own);
        let mut text = cell_text(own);
        if self.names_banded && n > self.grid.first_row() {
            let above = self.view.cell(n - 1, l);
            let band = classify(above);
            if label == Label::Blank {
                label = band;
                text = cell_text(above);
            } else if matches!(label, Label::Name(_)) {
                // A band such as "Nguồn vốn" or "Trong đó" over source columns makes them shares.
                let band_text = fold(&self.band_over(n - 1, l));
                if band_text.starts_with("nguon")
                    || band_text.starts_with("trong do")
                    || band_text.contains("co cau nguon")
                {
                    label = Label::Share(labels::percent_in(&text));
                }
            }
        }
        (label, text)
    }

    /// The text of the (possibly merged) header cell over column `l` in row `row`.
    fn band_over(&self, row: u32, l: u32) -> String {
        let (r, c) = self.view.pos(row, l);
        let cell = match self.grid.merge_at(r, c) {
            Some(m) => self.grid.get(m.first_row, m.first_col),
            None => self.grid.get(r, c),
        };
        cell_text(cell)
    }

    /// Drops entries past the table's end (text after the last line with amounts) and records
    /// exclusions.
    fn trim_line_entries(&mut self, entries: Vec<LineEntry>, name_slot: Option<u32>) -> Vec<LineEntry> {
        let slot = self.axis.slot;
        let has_amounts = |e: &LineEntry| self.axis.years.iter().any(|&(y, _)| is_numeric(self.view.cell(y, e.l)));
        let last = entries
            .iter()
            .filter(|e| {
                matches!(e.kind, LineKind::Sum { .. }) || (matches!(e.kind, LineKind::Line(_)) && has_amounts(e))
            })
            .map(|e| e.l)
            .max()
            .unwrap_or(slot);
        let mut kept = Vec::new();
        for e in entries {
            match &e.kind {
                LineKind::Excluded(reason, label, _) => {
                    self.exclude_l(e.l, label, *reason);
                    kept.push(e);
                }
                LineKind::Sum { all } => {
                    let label = name_slot.map(|n| cell_text(self.view.cell(n, e.l))).unwrap_or_default();
                    let reason = if *all { ExcludeReason::Total } else { ExcludeReason::Subtotal };
                    self.exclude_l(e.l, &label, reason);
                    kept.push(e);
                }
                LineKind::Line(_) if e.l > last => {}
                LineKind::Line(_) => kept.push(e),
            }
        }
        kept
    }

    /// The budget lines, with their codes, notes and agencies from the columns that hold them
    /// (years as columns).
    fn lines_of(&mut self, entries: &[LineEntry], name_slot: Option<u32>, years: &[YearEntry]) -> Vec<LineInfo> {
        let code_slot = self.code_slot(name_slot);
        let notes_slot = years.iter().find(|e| e.kind == YearKind::Notes).map(|e| e.y);
        let agency_slot = years.iter().find(|e| e.kind == YearKind::Agency).map(|e| e.y);
        let mut out = Vec::new();
        for e in entries {
            let LineKind::Line(name) = &e.kind else { continue };
            let mut name = name.clone();
            if name.is_empty() {
                name = if self.axis.years_in_rows {
                    format!("Cột {}", crate::diagnostic::cell_ref(0, e.l).trim_end_matches('1'))
                } else {
                    format!("Dòng {}", e.l + 1)
                };
                let at = self.view.pos(name_slot.unwrap_or(self.axis.slot), e.l);
                self.report.unnamed_line(at, &name);
            }
            let text_at = |slot: Option<u32>| slot.map(|s| cell_text(self.view.cell(s, e.l))).unwrap_or_default();
            out.push(LineInfo {
                l: e.l,
                name: crate::text::clip(&name, 500),
                code: crate::text::clip(&text_at(code_slot), 20),
                depth: 0,
                heading: false,
                notes: crate::text::clip(&text_at(notes_slot), MAX_TEXT_CHARS),
                agency: crate::text::clip(&text_at(agency_slot), 500),
            });
        }
        out
    }

    /// The numbering column left of the line names (years as columns).
    fn code_slot(&self, name_slot: Option<u32>) -> Option<u32> {
        if self.axis.years_in_rows {
            return None;
        }
        let n = name_slot?;
        let start = self.view.y_range().start;
        (start..n).rev().take(3).find(|&y| classify(self.view.cell(y, self.axis.slot)) == Label::Numbering)
    }

    /// Phases from headings and subtotals, and the stated sums along the year axis.
    fn phases_and_sums(&self, entries: &[YearEntry], total: usize) -> (Vec<PhaseCandidate>, Vec<(u32, Check)>) {
        let last_record_pos = entries.iter().rposition(|e| matches!(e.kind, YearKind::Record(_)));
        let mut phases: Vec<PhaseCandidate> = Vec::new();
        let mut sums: Vec<(u32, Check)> = Vec::new();
        let mut count = 0usize;
        let mut block_start = 0usize;
        let mut open: Option<usize> = None;
        let all_lines = 0..usize::MAX;
        for (pos, e) in entries.iter().enumerate() {
            let at = self.view.pos(e.y, self.axis.slot);
            match &e.kind {
                YearKind::Record(_) => count += 1,
                YearKind::Section(pref, label) => {
                    close_section(&mut phases, open.take(), count);
                    open = Some(phases.len());
                    phases.push(PhaseCandidate {
                        pref: pref.clone(),
                        label: label.clone(),
                        records: count..count,
                        at,
                        evidence: PhaseEvidence::Heading,
                    });
                    block_start = count;
                    if self.entry_has_numbers(e.y) {
                        // A heading with figures states the phase's subtotal; its range is set
                        // when the section closes.
                        sums.push((
                            e.y,
                            Check { records: usize::MAX..usize::MAX, lines: all_lines.clone(), subtotal: true },
                        ));
                    }
                }
                YearKind::Sum(YearSum::Grand) => {
                    sums.push((e.y, Check { records: 0..total, lines: all_lines.clone(), subtotal: false }));
                }
                YearKind::Sum(sum) => {
                    let bare_grand =
                        *sum == YearSum::Bare && last_record_pos.is_none_or(|last| pos > last) && phases.is_empty();
                    if bare_grand {
                        sums.push((e.y, Check { records: 0..total, lines: all_lines.clone(), subtotal: false }));
                        continue;
                    }
                    let range = match open.take() {
                        Some(i) => {
                            close_section(&mut phases, Some(i), count);
                            phases.get(i).map(|p| p.records.clone()).unwrap_or(block_start..count)
                        }
                        None => {
                            let pref = if let YearSum::Phase(p) = sum { p.clone() } else { PhaseRef::default() };
                            if *sum == YearSum::Bare && last_record_pos.is_none_or(|last| pos > last) {
                                // A bare "Cộng" after the last year, following subtotals: the total.
                                sums.push((
                                    e.y,
                                    Check { records: 0..total, lines: all_lines.clone(), subtotal: false },
                                ));
                                continue;
                            }
                            phases.push(PhaseCandidate {
                                pref,
                                label: self.entry_text(e.y),
                                records: block_start..count,
                                at,
                                evidence: PhaseEvidence::Subtotal,
                            });
                            block_start..count
                        }
                    };
                    block_start = count;
                    sums.push((e.y, Check { records: range, lines: all_lines.clone(), subtotal: true }));
                }
                _ => {}
            }
        }
        close_section(&mut phases, open, count);
        // Headings with figures: their range is now known.
        for (y, check) in sums.iter_mut() {
            if check.records.start == usize::MAX {
                let at = self.view.pos(*y, self.axis.slot);
                check.records = phases.iter().find(|p| p.at == at).map(|p| p.records.clone()).unwrap_or(0..0);
            }
        }
        (phases, sums)
    }

    /// Phases from the band before the year slot: merged cells (or cells up to the next one)
    /// labelled "Giai đoạn …" over several years.
    fn band_phases(&self, b: u32, records: &[(u32, Year)], phases: &mut Vec<PhaseCandidate>) {
        let Some(last_y) = records.last().map(|r| r.0) else { return };
        let first_y = records.first().map(|r| r.0).unwrap_or(0);
        let mut y = first_y;
        while y <= last_y {
            let (start, end) = match self.view.merged_y_span(y, b) {
                Some(span) => span,
                None => {
                    if self.view.cell(y, b).is_blank() {
                        y += 1;
                        continue;
                    }
                    let mut e = y;
                    while e < last_y && self.view.cell(e + 1, b).is_blank() {
                        e += 1;
                    }
                    (y, e)
                }
            };
            let cell = self.view.cell(start, b);
            if let Label::Section(pref) = classify(cell) {
                let from = records.iter().position(|r| r.0 >= start).unwrap_or(records.len());
                let to = records.iter().rposition(|r| r.0 <= end).map(|i| i + 1).unwrap_or(from);
                if to > from {
                    phases.push(PhaseCandidate {
                        pref,
                        label: cell_text(cell),
                        records: from..to,
                        at: self.view.pos(start, b),
                        evidence: PhaseEvidence::HeaderBand,
                    });
                }
            }
            y = end.max(y).saturating_add(1);
        }
    }

    /// Unambiguous amounts of the table, to decide ambiguous ones.
    fn evidence(&self, records: &[(u32, Year)], lines: &[LineInfo]) -> Evidence {
        let mut e = Evidence::default();
        for &(y, _) in records {
            for li in lines {
                match self.view.cell(y, li.l) {
                    Cell::Number(d) => e.add(*d),
                    Cell::Text(t) => {
                        if let TextValue::Number(d) = read_text(t) {
                            e.add(d);
                        }
                    }
                    _ => {}
                }
            }
        }
        e
    }

    /// Reads one amount, reporting what is wrong with the cell.
    fn amount(&mut self, y: u32, l: u32, evidence: &Evidence, unit: MoneyUnit) -> Amount {
        let at = self.view.pos(y, l);
        let value = match self.view.cell(y, l) {
            Cell::Empty => return Amount::Empty,
            Cell::Number(d) => *d,
            Cell::Text(t) => match read_text(t) {
                TextValue::Number(d) => d,
                TextValue::Ambiguous { grouped, decimal } => {
                    let (v, confident) = evidence.resolve(grouped, decimal, unit);
                    if !confident {
                        let other = if v == grouped { decimal } else { grouped };
                        self.report.ambiguous(at, t, v, other);
                    }
                    v
                }
                TextValue::Nothing => return Amount::Empty,
                TextValue::ErrorText => {
                    self.report.error_cell(at, t.trim());
                    return Amount::Invalid;
                }
                TextValue::NotANumber => {
                    self.report.text_in_number_cell(at, t);
                    return Amount::Invalid;
                }
            },
            Cell::Bool(b) => {
                self.report.text_in_number_cell(at, if *b { "TRUE" } else { "FALSE" });
                return Amount::Invalid;
            }
            Cell::Error(e) => {
                self.report.error_cell(at, e);
                return Amount::Invalid;
            }
        };
        if super::numbers::order_of(value).is_some_and(|o| o + unit.exponent() as i32 >= MAX_AMOUNT_DONG_DIGITS) {
            self.report.too_large(at, value);
            return Amount::Invalid;
        }
        Amount::Value(value)
    }

    /// The amounts: records × lines, row-major, in the sheet's unit.
    fn values(
        &mut self,
        records: &[(u32, Year)],
        lines: &[LineInfo],
        evidence: &Evidence,
        unit: MoneyUnit,
    ) -> Vec<Amount> {
        let mut out = Vec::with_capacity(records.len().saturating_mul(lines.len()));
        for &(y, _) in records {
            for li in lines {
                // A group heading's own figures are a stated sum, cross-checked, not amounts.
                let v = if li.heading { Amount::Empty } else { self.amount(y, li.l, evidence, unit) };
                out.push(v);
            }
        }
        out
    }

    /// Compares every stated sum with what the imported amounts add up to.
    #[allow(clippy::too_many_arguments)]
    fn cross_check(
        &mut self,
        records: &[(u32, Year)],
        lines: &[LineInfo],
        values: &[Amount],
        evidence: &Evidence,
        unit: MoneyUnit,
        year_checks: &[(u32, Check)],
        line_checks: &[(u32, Check)],
    ) {
        let width = lines.len();
        // The sum of the amounts in a block, or `None` when a cell in it was invalid (already
        // reported: comparing would only repeat the same problem).
        let sum = |recs: &Range<usize>, lns: &Range<usize>| -> Option<Decimal> {
            let mut s = Decimal::ZERO;
            for r in recs.clone().take(records.len()) {
                for j in lns.start.min(width)..lns.end.min(width) {
                    match values.get(r.saturating_mul(width).saturating_add(j)) {
                        Some(Amount::Value(v)) => s = s.checked_add(*v).unwrap_or(s),
                        Some(Amount::Invalid) => return None,
                        _ => {}
                    }
                }
            }
            Some(s)
        };
        let compare = |this: &mut Self, y: u32, l: u32, expected: Option<Decimal>, subtotal: bool| {
            let stated = this.amount(y, l, evidence, unit);
            if let (Amount::Value(stated), Some(expected)) = (stated, expected)
                && stated != expected
            {
                this.report.mismatch(this.view.pos(y, l), stated, expected, subtotal);
            }
        };
        // Sums along the year axis, for every line and every line-axis sum.
        for (y, check) in year_checks {
            for (j, li) in lines.iter().enumerate() {
                if li.heading {
                    continue;
                }
                compare(self, *y, li.l, sum(&check.records, &(j..j + 1)), check.subtotal);
            }
            for (l, lcheck) in line_checks {
                compare(self, *y, *l, sum(&check.records, &lcheck.lines), check.subtotal || lcheck.subtotal);
            }
        }
        // Sums along the line axis, for every record.
        for (l, lcheck) in line_checks {
            for (r, &(y, _)) in records.iter().enumerate() {
                compare(self, y, *l, sum(&(r..r + 1), &lcheck.lines), lcheck.subtotal);
            }
        }
    }

    /// The plan's phases, with warnings for overlaps and for years outside their phase.
    fn build_phases(&mut self, candidates: &[PhaseCandidate], records: &[(u32, Year)]) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        for (k, c) in candidates.iter().enumerate() {
            let years_of_records: Vec<Year> =
                records.get(c.records.clone()).unwrap_or(&[]).iter().map(|r| r.1).collect();
            let years = match (c.pref.years, years_of_records.first(), years_of_records.last()) {
                (Some(y), _, _) => y,
                (None, Some(&a), Some(&b)) => YearRange::new(a, b),
                _ => continue,
            };
            if years.first > years.last || years.len() > 200 || !labels::YEARS.contains(&years.first) {
                continue;
            }
            let name = c.pref.name(if c.label.is_empty() { "Giai đoạn" } else { &c.label });
            let name = if name.is_empty() { format!("Giai đoạn {}", k + 1) } else { name };
            for (y, year) in records.get(c.records.clone()).unwrap_or(&[]) {
                if !years.contains(*year) {
                    let at = self.view.pos(*y, self.axis.slot);
                    self.report.year_outside_phase(at, *year, &name, years);
                }
            }
            if let Some(other) = phases.iter().find(|p| p.years.overlaps(&years)) {
                let other = other.name.clone();
                self.report.phase_overlap(c.at, &name, &other);
            }
            self.recognised.phases.push(FoundPhase {
                name: name.clone(),
                years,
                row: c.at.0,
                col: c.at.1,
                evidence: c.evidence,
            });
            let id = ItemId(phases.len() as u32 + 1);
            phases.push(Phase { id, name, years });
        }
        phases
    }

    /// Fills the plan's lines with their amounts, converted if asked.
    fn fill_lines(
        &mut self,
        plan: &mut Plan,
        records: &[(u32, Year)],
        lines: &[LineInfo],
        values: &[Amount],
        convert_to: Option<MoneyUnit>,
    ) {
        let from = plan.unit;
        let width = lines.len();
        let first_id = plan.phases.len() as u32 + 1;
        for (j, (id, li)) in (first_id..).zip(lines).enumerate() {
            let mut line = BudgetLine {
                id: ItemId(id),
                name: li.name.clone(),
                code: li.code.clone(),
                depth: li.depth,
                agency: li.agency.clone(),
                notes: li.notes.clone(),
                ..BudgetLine::default()
            };
            for (r, &(_, year)) in records.iter().enumerate() {
                if let Some(Amount::Value(v)) = values.get(r.saturating_mul(width).saturating_add(j)) {
                    let v = match convert_to {
                        Some(to) => from.convert(*v, to),
                        None => *v,
                    };
                    line.amounts.insert(year, v);
                }
            }
            plan.lines.push(line);
        }
    }

    /// Suggested funding: share columns (rows) with a percent or figures, then notes in the text.
    fn funding(
        &mut self,
        year_entries: &[YearEntry],
        line_entries: &[LineEntry],
        records: &[(u32, Year)],
        lines: &[LineInfo],
        values: &[Amount],
    ) -> Vec<FundingSource> {
        let mut out: Vec<FundingSource> = Vec::new();
        let grand: Decimal = values.iter().fold(Decimal::ZERO, |a, v| match v {
            Amount::Value(v) => a.checked_add(*v).unwrap_or(a),
            _ => a,
        });
        let push = |out: &mut Vec<FundingSource>, name: &str, pct: Option<Decimal>, figures: Decimal| {
            let kind = SourceKind::guess(name);
            if kind == SourceKind::Other || out.iter().any(|s| s.kind == kind) {
                return;
            }
            let pct = pct.or_else(|| {
                (grand > Decimal::ZERO && figures > Decimal::ZERO)
                    .then(|| figures.checked_mul(Decimal::ONE_HUNDRED).and_then(|f| f.checked_div(grand)))
                    .flatten()
                    .map(|p| p.round_dp(2).normalize())
            });
            let Some(pct) = pct else { return };
            let clean = strip_percent(name);
            // "NSTW", "NSĐP": abbreviations read better spelt out.
            let abbreviation = !clean.contains(' ') && clean.chars().count() <= 6;
            out.push(FundingSource {
                name: if clean.is_empty() || abbreviation { kind.label_vi().to_string() } else { clean },
                kind,
                rule: ShareRule::percent(pct),
                ..FundingSource::default()
            });
        };
        let line_ls: Vec<u32> = lines.iter().map(|l| l.l).collect();
        for e in line_entries {
            if let LineKind::Excluded(ExcludeReason::Share, label, pct) = &e.kind {
                let figures = self.sum_along(e.l, records.iter().map(|r| r.0), true);
                push(&mut out, label, *pct, figures);
            }
        }
        for e in year_entries {
            if let YearKind::Excluded(ExcludeReason::Share, label, pct) = &e.kind {
                let figures = self.sum_along(e.y, line_ls.iter().copied(), false);
                push(&mut out, label, *pct, figures);
            }
        }
        if out.is_empty()
            && let Some((note, found)) = funding_note(self.grid)
        {
            self.recognised.funding_note = Some(note);
            out = found;
        }
        out
    }

    /// Sum of the numbers of a share entry: line-axis entry `index` over records, or year-axis
    /// entry `index` over lines.
    fn sum_along(&self, index: u32, others: impl Iterator<Item = u32>, line_axis: bool) -> Decimal {
        let mut s = Decimal::ZERO;
        for o in others {
            let cell = if line_axis { self.view.cell(o, index) } else { self.view.cell(index, o) };
            let v = match cell {
                Cell::Number(d) => Some(*d),
                Cell::Text(t) => match read_text(t) {
                    TextValue::Number(d) => Some(d),
                    _ => None,
                },
                _ => None,
            };
            if let Some(v) = v {
                s = s.checked_add(v).unwrap_or(s);
            }
        }
        s
    }
}

/// Closes the open section `open` at record `count`.
fn close_section(phases: &mut [PhaseCandidate], open: Option<usize>, count: usize) {
    if let Some(p) = open.and_then(|i| phases.get_mut(i)) {
        p.records = p.records.start..count.max(p.records.start);
    }
}

/// Merges candidates that cover the same years (a heading and its subtotal, a band and its
/// subtotal column), keeping the first with the richest label.
fn dedupe_phases(candidates: Vec<PhaseCandidate>) -> Vec<PhaseCandidate> {
    let mut out: Vec<PhaseCandidate> = Vec::new();
    for c in candidates {
        let same = out.iter_mut().find(|p| {
            (!p.records.is_empty() && p.records == c.records)
                || (p.pref.number.is_some() && p.pref.number == c.pref.number)
                || (p.pref.years.is_some() && p.pref.years == c.pref.years)
        });
        match same {
            Some(p) => {
                if p.pref.years.is_none() {
                    p.pref.years = c.pref.years;
                }
                if p.pref.number.is_none() {
                    p.pref.number = c.pref.number;
                }
                if p.records.is_empty() {
                    p.records = c.records;
                }
            }
            None => out.push(c),
        }
    }
    out.sort_by_key(|p| (p.records.start, p.records.end));
    out
}

/// Stated sums along the line axis: total columns (rows) over every line, subtotals over the
/// lines since the previous subtotal.
fn line_sums(entries: &[LineEntry], lines: &[LineInfo]) -> Vec<(u32, Check)> {
    let mut out = Vec::new();
    let mut block_start = 0usize;
    for e in entries {
        let LineKind::Sum { all } = e.kind else { continue };
        let before = lines.iter().filter(|li| li.l < e.l).count();
        let range = if all { 0..lines.len() } else { block_start..before };
        if !all {
            block_start = before;
        }
        out.push((e.l, Check { records: 0..0, lines: range, subtotal: !all }));
    }
    out
}

/// Lines that only head a group of lines become group rows (no amounts, children one level
/// deeper): a heading is numbered I, II … or written in capitals or ends with ":", and is followed
/// by a line that is not a heading. Returns the checks of the headings' own figures against their
/// children.
fn mark_groups(lines: &mut [LineInfo]) -> Vec<(u32, Check)> {
    let heading: Vec<bool> = lines.iter().map(|l| looks_like_heading(&l.name, &l.code)).collect();
    let mut checks = Vec::new();
    if !heading.iter().any(|h| *h) {
        return checks;
    }
    let mut i = 0;
    while i < lines.len() {
        let is_heading = heading.get(i).copied().unwrap_or(false);
        let children = heading.get(i + 1..).map(|rest| rest.iter().take_while(|h| !**h).count()).unwrap_or(0);
        if !is_heading || children == 0 {
            i += 1;
            continue;
        }
        if let Some(line) = lines.get_mut(i) {
            line.heading = true;
            checks.push((line.l, Check { records: 0..0, lines: i + 1..i + 1 + children, subtotal: true }));
        }
        for child in lines.iter_mut().skip(i + 1).take(children) {
            child.depth = 1;
        }
        i += 1 + children;
    }
    checks
}

fn looks_like_heading(name: &str, code: &str) -> bool {
    // Upper-case Roman numerals number the top level ("I", "II."); lower-case "i" is a letter code.
    let code = code.trim().trim_end_matches(['.', ')']);
    let roman = matches!(code, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X");
    // A heading in capitals has words ("CHI THƯỜNG XUYÊN"); "CSVC" is an abbreviation.
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let words = name.split_whitespace().count();
    let capitals = letters.len() >= 8 && words >= 2 && letters.iter().all(|c| !c.is_lowercase());
    roman || capitals || name.trim_end().ends_with(':')
}

impl Reader<'_, '_> {
    /// A first (last) phase known only from its subtotal starts (ends) where its years do; when
    /// the period reaches further and the years in between hold no money, the phase takes them:
    /// "Giai đoạn 2012–2015" of a plan whose table starts in 2013.
    fn stretch_edge_phases(&mut self, plan: &mut Plan) {
        let has_money = |plan: &Plan, range: std::ops::RangeInclusive<Year>| {
            plan.lines.iter().any(|l| l.amounts.range(range.clone()).next().is_some())
        };
        let inferred = |found: &[FoundPhase], years: YearRange| {
            found.iter().any(|f| f.years == years && f.evidence == PhaseEvidence::Subtotal)
        };
        let period = plan.period;
        let first = plan.phases.iter().map(|p| p.years.first).min();
        let last = plan.phases.iter().map(|p| p.years.last).max();
        if let Some(first) = first.filter(|&f| f > period.first) {
            let gap = period.first..=first.saturating_sub(1);
            if !has_money(plan, gap) {
                if let Some(i) = plan.phases.iter().position(|p| p.years.first == first) {
                    let years = plan.phases.get(i).map(|p| p.years);
                    if let Some(years) = years.filter(|y| inferred(&self.recognised.phases, *y)) {
                        let stretched = YearRange::new(period.first, years.last);
                        if let Some(p) = plan.phases.get_mut(i) {
                            p.years = stretched;
                        }
                        for f in self.recognised.phases.iter_mut().filter(|f| f.years == years) {
                            f.years = stretched;
                        }
                    }
                }
            }
        }
        if let Some(last) = last.filter(|&l| l < period.last) {
            let gap = last.saturating_add(1)..=period.last;
            if !has_money(plan, gap) {
                if let Some(i) = plan.phases.iter().position(|p| p.years.last == last) {
                    let years = plan.phases.get(i).map(|p| p.years);
                    if let Some(years) = years.filter(|y| inferred(&self.recognised.phases, *y)) {
                        let stretched = YearRange::new(years.first, period.last);
                        if let Some(p) = plan.phases.get_mut(i) {
                            p.years = stretched;
                        }
                        for f in self.recognised.phases.iter_mut().filter(|f| f.years == years) {
                            f.years = stretched;
                        }
                    }
                }
            }
        }
    }
}

/// The plan's period: the years found and the phases' years, extended to a range the title
/// states ("giai đoạn 2012–2020") when that contains them.
fn period(plan: &Plan, records: &[(u32, Year)], title: Option<&str>) -> YearRange {
    let mut first = records.iter().map(|r| r.1).min();
    let mut last = records.iter().map(|r| r.1).max();
    for p in &plan.phases {
        first = Some(first.map_or(p.years.first, |f| f.min(p.years.first)));
        last = Some(last.map_or(p.years.last, |l| l.max(p.years.last)));
    }
    let (Some(mut first), Some(mut last)) = (first, last) else {
        return plan.period;
    };
    if let Some(title) = title {
        let ys = labels::years_in(&fold(title));
        if let (Some(&a), Some(&b)) = (ys.iter().min(), ys.iter().max())
            && a < b
            && b - a <= 50
            && a <= first
            && last <= b
        {
            first = a;
            last = b;
        }
    }
    YearRange::new(first, last)
}

/// A number, or text that reads as one.
fn is_numeric(cell: &Cell) -> bool {
    match cell {
        Cell::Number(_) => true,
        Cell::Text(t) => matches!(read_text(t), TextValue::Number(_) | TextValue::Ambiguous { .. }),
        _ => false,
    }
}

/// Text that is not a number, a dash or an error.
fn is_plain_text(cell: &Cell) -> bool {
    match cell {
        Cell::Text(t) => read_text(t) == TextValue::NotANumber,
        _ => false,
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => labels::tidy(t),
        Cell::Number(d) => d.normalize().to_string(),
        _ => String::new(),
    }
}

/// A source's name without its percentage: "NSTW (40%)" → "NSTW".
fn strip_percent(name: &str) -> String {
    let cut = name.find(|c: char| c == '(' || c.is_ascii_digit()).unwrap_or(name.len());
    let head = name.get(..cut).unwrap_or(name);
    labels::tidy(head.trim_end_matches([' ', ':', '-', '–']))
}

/// The text rows above the table, joined: the title.
pub(crate) fn find_title(grid: &SheetGrid, top: u32) -> Option<Found<String>> {
    let mut parts: Vec<String> = Vec::new();
    let mut at = None;
    for r in grid.first_row()..top.min(grid.end_row()) {
        let mut row_text: Vec<String> = Vec::new();
        for c in grid.first_col()..grid.end_col() {
            let Cell::Text(t) = grid.get(r, c) else { continue };
            let folded = fold(t);
            if t.trim().is_empty()
                || unit_line(t).is_some()
                || folded.starts_with("ghi chu")
                || !funding_in_text(t).is_empty()
            {
                continue;
            }
            if at.is_none() {
                at = Some((r, c));
            }
            row_text.push(labels::tidy(t));
        }
        if !row_text.is_empty() {
            parts.push(row_text.join(" "));
        }
        if parts.len() >= 4 {
            break;
        }
    }
    let (row, col) = at?;
    Some(Found { value: crate::text::clip(&parts.join(" "), 500), row, col })
}

/// The unit line: above the table first, then in the header, then anywhere.
fn find_unit_line(grid: &SheetGrid, top: u32) -> Option<Found<MoneyUnit>> {
    let rows_in_order = (grid.first_row()..top.min(grid.end_row())).chain(top..grid.end_row());
    for r in rows_in_order {
        for c in grid.first_col()..grid.end_col() {
            if let Cell::Text(t) = grid.get(r, c)
                && let Some(u) = unit_line(t)
            {
                return Some(Found { value: u, row: r, col: c });
            }
        }
    }
    None
}

/// The first text cell stating funding shares ("Trong đó NSTW 40%, NSĐP 60%").
fn funding_note(grid: &SheetGrid) -> Option<(Found<String>, Vec<FundingSource>)> {
    for r in grid.first_row()..grid.end_row() {
        for c in grid.first_col()..grid.end_col() {
            let Cell::Text(t) = grid.get(r, c) else { continue };
            if !t.contains('%') {
                continue;
            }
            let found = funding_in_text(t);
            if found.is_empty() {
                continue;
            }
            let sources = found
                .into_iter()
                .map(|(kind, name, pct)| FundingSource {
                    name,
                    kind,
                    rule: ShareRule::percent(pct),
                    ..FundingSource::default()
                })
                .collect();
            return Some((Found { value: labels::tidy(t), row: r, col: c }, sources));
        }
    }
    None
}
