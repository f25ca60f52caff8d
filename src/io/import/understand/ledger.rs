//! Sheets with figures but no year axis: a flat ledger (a row per account: fund code, account
//! code, amount), a long list with a "Năm" column (a row per item and year), or a report whose
//! columns are kinds of figures of one period ("Số báo cáo", "Số xét duyệt"). A long list is
//! pivoted (one line per label, its amounts by year); the others are refused with a message that
//! says what the sheet is and which columns hold its figures.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::io::import::grid::{Cell, SheetGrid};
use crate::io::import::labels;
use crate::io::import::report::Report;
use crate::io::import::result::{ImportOptions, ImportResult, Orientation, Recognised};
use crate::model::limits::LABEL_YEARS;
use crate::model::{BudgetLine, ItemId, Plan, Year, YearRange};

use super::amounts::{is_numeric, quiet_value};
use super::tags::{self, TextRole};
use super::unit;
use super::view::Hidden;

/// A column of a sheet without years, with its header.
#[derive(Debug, Clone)]
struct Column {
    col: u32,
    header: String,
    role: Option<TextRole>,
    numbers: usize,
    texts: usize,
}

/// The header (up to three rows of labels right above the first row of figures, a row numbering
/// the columns skipped) and its columns.
fn columns(grid: &SheetGrid, hidden: &Hidden) -> Option<(u32, Vec<Column>)> {
    let first = grid.first_row();
    let end = grid.end_row();
    let cols = || (grid.first_col()..grid.end_col()).filter(|&c| !hidden.col(c));
    let numbers_in = |r: u32| cols().filter(|&c| matches!(grid.get(r, c), Cell::Number(_))).count();
    let texts_in = |r: u32| {
        cols()
            .filter(|&c| matches!(grid.get(r, c), Cell::Text(t) if !is_numeric(grid.get(r, c)) && !t.trim().is_empty()))
            .count()
    };
    let counting = |r: u32| {
        let v: Vec<Decimal> =
            cols().filter_map(|c| if let Cell::Number(d) = grid.get(r, c) { Some(*d) } else { None }).collect();
        v.len() >= 2
            && v.windows(2)
                .all(|w| matches!(w, [a, b] if b > a && b.checked_sub(*a).is_some_and(|d| d <= Decimal::TWO)))
            && v.first().is_some_and(|f| *f <= Decimal::from(3))
    };
    // The first row of a run of figures (stray sums in the title rows are not the table).
    let figures = |r: u32| !hidden.row(r) && numbers_in(r) >= 2 && !counting(r);
    let data = (first..end).find(|&r| figures(r) && (r + 1..end.min(r + 4)).any(figures))?;
    // The header names the columns of figures: rows above the figures with text over them (rows
    // of text beside them are lines without figures, skipped).
    let figure_cols: Vec<u32> = cols().filter(|&c| matches!(grid.get(data, c), Cell::Number(_))).collect();
    let over_figures = |r: u32| {
        figure_cols.iter().any(|&c| {
            let shown =
                grid.merge_at(r, c).map(|m| grid.get(m.first_row, m.first_col)).unwrap_or_else(|| grid.get(r, c));
            matches!(shown, Cell::Text(t) if !t.trim().is_empty())
        })
    };
    let mut header_rows: Vec<u32> = Vec::new();
    let mut r = data;
    while r > first && header_rows.len() < 3 && data - r < 15 {
        r -= 1;
        if hidden.row(r) || counting(r) || texts_in(r) == 0 {
            if header_rows.is_empty() {
                continue;
            }
            break;
        }
        if over_figures(r) {
            header_rows.push(r);
        } else if !header_rows.is_empty() {
            break;
        }
    }
    header_rows.reverse();
    let header = *header_rows.last()?;
    let mut out = Vec::new();
    for c in cols() {
        let mut header_text = String::new();
        for &r in &header_rows {
            let cell =
                grid.merge_at(r, c).map(|m| grid.get(m.first_row, m.first_col)).unwrap_or_else(|| grid.get(r, c));
            if let Cell::Text(t) = cell
                && !t.trim().is_empty()
                && tags::unit_in(t).is_none()
                && !header_text.contains(t.trim())
            {
                if !header_text.is_empty() {
                    header_text.push_str(" / ");
                }
                header_text.push_str(&labels::tidy(t));
            }
        }
        let mut numbers = 0;
        let mut texts = 0;
        for r in data..end {
            if hidden.row(r) {
                continue;
            }
            match grid.get(r, c) {
                c if is_numeric(c) => numbers += 1,
                Cell::Text(t) if !t.trim().is_empty() => texts += 1,
                _ => {}
            }
        }
        let role = tags::tag(&header_text.replace(" / ", " ")).role;
        out.push(Column { col: c, header: header_text, role, numbers, texts });
    }
    Some((header, out))
}

/// A long list with a "Năm" column, pivoted: one line per label, its amounts by year. `None`
/// when the sheet is not one.
pub(super) fn pivot(grid: &SheetGrid, hidden: &Hidden, options: &ImportOptions) -> Option<ImportResult> {
    let (header, cols) = columns(grid, hidden)?;
    let year_col = cols.iter().find(|c| c.role == Some(TextRole::YearCaption))?;
    let mut years: Vec<(u32, Year)> = Vec::new();
    for r in header + 1..grid.end_row() {
        if hidden.row(r) {
            continue;
        }
        if let Cell::Number(d) = grid.get(r, year_col.col)
            && let Some(y) = labels::year_of(&Cell::Number(*d))
        {
            years.push((r, y));
        }
    }
    let mut distinct: Vec<Year> = years.iter().map(|y| y.1).collect();
    distinct.sort_unstable();
    distinct.dedup();
    // A long list repeats its years; a column of years each once is a table by year.
    if years.len() < 2 || distinct.len() == years.len() || years.len() * 5 < year_col.numbers * 4 {
        return None;
    }
    let amount = cols
        .iter()
        .filter(|c| c.col != year_col.col && c.role.is_none() && c.numbers >= years.len() / 2)
        .max_by_key(|c| c.numbers)?;
    let label = match options.name_field {
        Some(f) => cols.iter().find(|c| c.col == f)?,
        None => cols
            .iter()
            .filter(|c| c.col != year_col.col && c.col != amount.col && c.texts > 0)
            .max_by_key(|c| (c.role == Some(TextRole::Name), c.texts))?,
    };
    let mut report = Report::new(grid.name());
    let mut lines: Vec<(String, BTreeMap<Year, Decimal>)> = Vec::new();
    let mut slots: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &(r, year) in &years {
        let name = match grid.get(r, label.col) {
            Cell::Text(t) => labels::tidy(t),
            Cell::Number(d) => d.normalize().to_string(),
            _ => String::new(),
        };
        let Some(v) = quiet_value(grid.get(r, amount.col)) else { continue };
        let slot = *slots.entry(name.clone()).or_insert_with(|| {
            lines.push((name, BTreeMap::new()));
            lines.len() - 1
        });
        if let Some((_, amounts)) = lines.get_mut(slot) {
            let a = amounts.entry(year).or_insert(Decimal::ZERO);
            *a = a.saturating_add(v);
        }
    }
    let unit_line = unit::find_unit_line(grid, header, header + 1);
    let written = options.unit.or(unit_line.as_ref().map(|u| u.value));
    let mut recognised = Recognised {
        sheet: grid.name().to_string(),
        orientation: Some(Orientation::YearsAsRows),
        header_rows: vec![header],
        unit: unit_line,
        legacy: grid.legacy().cloned(),
        ..Recognised::default()
    };
    let table_unit = match written {
        Some(u) => u,
        None => {
            let guess = unit::guess(lines.iter().flat_map(|(_, a)| a.values().copied()));
            recognised.unit_unknown = Some(guess);
            report.unit_unknown((grid.first_row(), grid.first_col()), guess);
            guess
        }
    };
    report.ledger_pivoted((header, year_col.col), &label.header, &amount.header);
    let first = distinct.first().copied().unwrap_or(2026);
    let last = distinct.last().copied().unwrap_or(first);
    let title = unit::find_title(grid, header);
    let mut plan =
        Plan::new(title.as_ref().map(|t| t.value.as_str()).unwrap_or(""), YearRange::new(first, last), table_unit);
    recognised.title = title;
    // Amounts are stored in the plan's unit when the planner chose one, converted exactly.
    let plan_unit = options.plan_unit.unwrap_or(table_unit);
    plan.unit = plan_unit;
    for (k, (name, mut amounts)) in lines.into_iter().enumerate() {
        let name = if name.is_empty() { format!("Dòng {}", k + 1) } else { name };
        // Amounts (each a sum of the item's rows of a year) beyond the bound are left out.
        amounts.retain(|_, v| {
            let ok = plan_unit.accepts(table_unit.convert(*v, plan_unit));
            if !ok {
                report.too_large((header, amount.col), *v);
            }
            ok
        });
        for v in amounts.values_mut() {
            *v = table_unit.convert(*v, plan_unit);
        }
        plan.lines.push(BudgetLine {
            id: ItemId(k as u32 + 1),
            name: crate::text::clip(&name, crate::io::import::limits::MAX_LINE_NAME_CHARS),
            amounts,
            ..BudgetLine::default()
        });
    }
    recognised.years = distinct
        .iter()
        .map(|&year| crate::io::import::result::FoundYear { year, row: header, col: year_col.col, kind: None })
        .collect();
    Some(ImportResult { plan, recognised, diagnostics: report.finish() })
}

/// Why a sheet with figures but no years cannot be imported, as a diagnostic: a ledger of
/// accounts, or columns of figures none of which names a year. Returns the first header row, or
/// `None` when it has no figures.
pub(super) fn explain(grid: &SheetGrid, hidden: &Hidden, report: &mut Report) -> Option<u32> {
    let (header, cols) = columns(grid, hidden)?;
    // Account codes make a ledger; a row number (STT) does not.
    let codes: Vec<&Column> = cols
        .iter()
        .filter(|c| c.role == Some(TextRole::Code))
        .filter(|c| {
            !matches!(
                crate::text::fold(&c.header).as_str(),
                "stt" | "tt" | "so tt" | "so thu tu" | "no" | "#" | "s tt" | "so"
            )
        })
        .collect();
    let figures: Vec<&Column> =
        cols.iter().filter(|c| c.role.is_none() && c.numbers >= 2 && !looks_like_years(grid, c, header)).collect();
    if figures.is_empty() {
        return None;
    }
    let names = |list: &[&Column]| -> String {
        let mut v: Vec<String> =
            list.iter().take(5).map(|c| format!("«{}»", crate::text::clip(&c.header, 40))).collect();
        if list.len() > 5 {
            v.push("…".into());
        }
        v.join(", ")
    };
    let at = (header, cols.first().map(|c| c.col).unwrap_or(0));
    if codes.is_empty() {
        report.no_year_columns(at, &names(&figures));
    } else {
        report.ledger(at, &names(&codes), &names(&figures));
    }
    Some(header.saturating_sub(2))
}

fn looks_like_years(grid: &SheetGrid, c: &Column, header: u32) -> bool {
    let mut years = 0;
    let mut n = 0;
    for r in header + 1..grid.end_row().min(header + 200) {
        if let Cell::Number(d) = grid.get(r, c.col) {
            n += 1;
            if d.fract().is_zero()
                && d.mantissa() >= i128::from(*LABEL_YEARS.start())
                && d.mantissa() <= i128::from(*LABEL_YEARS.end())
            {
                years += 1;
            }
        }
    }
    n > 0 && years * 10 >= n * 9
}
