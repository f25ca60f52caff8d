//! Finding where a table's years are: a header row of year columns ("Năm 2021", "Dự toán năm
//! 2025", "KH 2026") or a column of years (2013, 2014 …). A sheet may hold several tables; each
//! run of years is a candidate, scored by the amounts found along it.

use crate::io::import::grid::Cell;
use crate::io::import::labels;
use crate::io::import::result::{ImportOptions, Orientation};
use crate::model::Year;
use crate::model::limits::LABEL_YEARS;

use super::tags::{self, TextRole};
use super::view::OrientedGrid;

/// Where the years of one table are.
#[derive(Debug, Clone)]
pub(super) struct YearAxis {
    pub years_in_rows: bool,
    /// The line-axis index holding the year labels (a row when years are columns).
    pub slot: u32,
    /// The year-axis index of each year label, in order; a year may come twice with different
    /// kinds of figure ("Dự toán 2024", "Ước thực hiện 2024").
    pub years: Vec<(u32, Year)>,
    /// How many labels were text ("Năm 2013") rather than bare numbers.
    pub textual: usize,
    /// Numbers found along the years beyond the labels: the table's amounts.
    pub money: usize,
}

impl YearAxis {
    fn score(&self) -> u64 {
        let len = self.years.len() as u64;
        (self.money as u64 + 10 * len) * if self.textual > 0 { 2 } else { 1 }
    }
}

/// Whether a cell is a year label: a year number, or a short header naming one year.
pub(super) fn year_label(cell: &Cell) -> Option<(Year, bool)> {
    match cell {
        Cell::Number(_) | Cell::Date(_) => labels::year_of(cell).map(|y| (y, false)),
        Cell::Text(t) => {
            if t.len() > 80 {
                return None;
            }
            // Most texts name no year: a quick look for four digits making one (or "FY").
            let b = t.as_bytes();
            let four = b.windows(4).any(|w| {
                w.iter().all(u8::is_ascii_digit)
                    && std::str::from_utf8(w)
                        .ok()
                        .and_then(|s| s.parse::<Year>().ok())
                        .is_some_and(|y| LABEL_YEARS.contains(&y))
            });
            let fy = b.windows(2).any(|w| w.eq_ignore_ascii_case(b"fy"));
            if (!four && !fy) || !tags::may_be_year_header(t) {
                return None;
            }
            let tag = tags::tag(t);
            let header_like = !tag.other && !tag.compare && !tag.several_years && tag.role != Some(TextRole::Code);
            match tag.year {
                Some(y) if header_like => Some((y, true)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Every table's year axis in the grid, best first.
pub(super) fn candidates(rows: OrientedGrid<'_>, cols: OrientedGrid<'_>, options: &ImportOptions) -> Vec<YearAxis> {
    let views: Vec<OrientedGrid<'_>> = match options.orientation {
        Some(Orientation::YearsAsRows) => vec![rows],
        Some(Orientation::YearsAsColumns) => vec![cols],
        None => vec![rows, cols],
    };
    let mut found: Vec<YearAxis> = Vec::new();
    // Every year label of the sheet, found in one pass over its cells, by row then column.
    let grid = rows.grid;
    let mut labels: Vec<(u32, u32, Year, bool)> = Vec::new();
    for r in grid.first_row()..grid.end_row() {
        if rows.hidden.row(r) {
            continue;
        }
        for c in grid.first_col()..grid.end_col() {
            if let Some((year, textual)) = year_label(grid.get(r, c))
                && !rows.hidden.col(c)
            {
                labels.push((r, c, year, textual));
            }
        }
    }
    for view in views {
        // (line, entry along the years, year, textual), by line then entry.
        let mut along: Vec<(u32, u32, Year, bool)> = labels
            .iter()
            .map(
                |&(r, c, year, textual)| if view.years_in_rows { (c, r, year, textual) } else { (r, c, year, textual) },
            )
            .collect();
        if view.years_in_rows {
            along.sort_unstable_by_key(|x| (x.0, x.1));
        }
        for line in along.chunk_by(|a, b| a.0 == b.0) {
            let l = line.first().map(|x| x.0).unwrap_or(0);
            if let (Some(h), false) = (options.header_row, view.years_in_rows)
                && l != h
            {
                continue;
            }
            let below = options.header_row.filter(|_| view.years_in_rows);
            let line: Vec<(u32, Year, bool)> = line.iter().map(|&(_, y, year, textual)| (y, year, textual)).collect();
            let mut header = HeaderScan::new(view);
            for chain in chains(view, l, &line, below) {
                let textual = chain.iter().filter(|c| c.2).count();
                if (chain.len() < 2 && textual == 0) || is_counter(view, l, &chain, &mut header) {
                    continue;
                }
                let years = chain.iter().map(|&(y, year, _)| (y, year)).collect();
                let mut axis = YearAxis { years_in_rows: view.years_in_rows, slot: l, years, textual, money: 0 };
                axis.money = money_along(view, &axis);
                found.push(axis);
            }
        }
    }
    found.retain(|a| a.money > 0 || options.header_row.is_some());
    found.sort_by_key(|a| std::cmp::Reverse(a.score()));
    // A label belongs to one table: a run whose labels a better run already holds (a row of
    // years read again as a column) is dropped.
    let mut used: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
    found.retain(|a| {
        let cells: Vec<(u32, u32)> =
            a.years.iter().map(|&(y, _)| if a.years_in_rows { (y, a.slot) } else { (a.slot, y) }).collect();
        if cells.iter().any(|c| used.contains(c)) {
            return false;
        }
        used.extend(cells);
        true
    });
    found
}

/// Runs of the year labels along line `l` (`labels`: entry, year, whether text, in order): each
/// year at least the one before (equal only for text labels, which may differ by kind), at most 5
/// years and 8 entries apart. Entries at or above `below` are skipped.
fn chains(
    view: OrientedGrid<'_>,
    l: u32,
    labels: &[(u32, Year, bool)],
    below: Option<u32>,
) -> Vec<Vec<(u32, Year, bool)>> {
    let mut out: Vec<Vec<(u32, Year, bool)>> = Vec::new();
    let mut current: Vec<(u32, Year, bool)> = Vec::new();
    // A label merged across most of the table is a title ("Năm 2013" over a whole report), not
    // the header of one year's figures.
    let width = view.y_range().len() as u32;
    let title_span =
        |y: u32| view.merged_y_span(y, l).is_some_and(|(a, b)| b - a + 1 >= 4 && (b - a + 1) * 5 >= width * 3);
    for &(y, year, textual) in labels {
        if below.is_some_and(|h| y <= h) {
            continue;
        }
        if title_span(y) {
            continue;
        }
        let follows = current.last().is_none_or(|&(py, pyear, ptext)| {
            let step_ok = if textual && ptext { year >= pyear } else { year > pyear };
            step_ok && year - pyear <= 5 && y.saturating_sub(py) <= 8
        });
        if !follows {
            out.push(std::mem::take(&mut current));
        }
        current.push((y, year, textual));
    }
    out.push(current);
    out.retain(|c| !c.is_empty());
    out
}

/// Whether a run of "years" is really a numbering or a code that reached the 1950s: the number
/// before its first entry continues it (1949 above 1950), or it is headed "STT", "Mã", "Tài
/// khoản". `header` follows the line down to the chain (chains come in order along a line).
fn is_counter(view: OrientedGrid<'_>, l: u32, chain: &[(u32, Year, bool)], header: &mut HeaderScan) -> bool {
    let Some(&(y0, first, false)) = chain.first() else { return false };
    let before = y0.checked_sub(1).map(|y| view.cell(y, l));
    let continues = matches!(before, Some(Cell::Number(d)) if *d == rust_decimal::Decimal::from(first - 1));
    continues || header.is_code_above(view, l, y0)
}

/// The column's header: the last text above a point of a line, found by one walk down the line
/// for all its chains (not one walk up per chain: a long column of year-like amounts has many).
struct HeaderScan {
    /// Where the walk has reached.
    next: u32,
    /// The last non-blank text seen, and whether it heads a code ("STT", "Mã") once asked.
    last: Option<(u32, Option<bool>)>,
}

impl HeaderScan {
    fn new(view: OrientedGrid<'_>) -> Self {
        HeaderScan { next: view.y_range().start, last: None }
    }

    /// Whether the first non-blank text above `y` on line `l` heads a code column.
    fn is_code_above(&mut self, view: OrientedGrid<'_>, l: u32, y: u32) -> bool {
        while self.next < y {
            if matches!(view.cell(self.next, l), Cell::Text(t) if !t.trim().is_empty()) {
                self.last = Some((self.next, None));
            }
            self.next += 1;
        }
        let Some((at, known)) = &mut self.last else { return false };
        *known.get_or_insert_with(
            || matches!(view.cell(*at, l), Cell::Text(t) if tags::tag(t).role == Some(TextRole::Code)),
        )
    }
}

/// Numbers (or number-like text) along the years beyond the labels, counted up to a bound.
fn money_along(view: OrientedGrid<'_>, axis: &YearAxis) -> usize {
    const BOUND: usize = 200_000;
    let mut n = 0;
    let mut scanned = 0usize;
    for l in axis.slot.saturating_add(1)..view.l_range().end {
        for &(y, _) in &axis.years {
            scanned += 1;
            if matches!(view.cell(y, l), Cell::Number(_))
                || matches!(view.cell(y, l), Cell::Text(t) if super::amounts::is_numeric_text(t))
            {
                n += 1;
            }
        }
        if scanned >= BOUND {
            break;
        }
    }
    n
}
