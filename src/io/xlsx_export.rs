//! Export to .xlsx, laid out the way provincial offices lay out plan annexes: title, issuing
//! body, "Đơn vị tính", a two-row header with the phases above their years, a "Tổng số" row, the
//! lines with a subtotal column per phase and a total column. Every derived cell is a live
//! formula (SUM for a line's phase and total, SUBTOTAL for groups and the total row, so nothing is
//! counted twice) with its value cached, so the file stays live in Excel and LibreOffice and
//! reads correctly everywhere. Funding and targets get sheets of their own, and so do the tasks,
//! the agencies' responsibilities and the reporting calendar when the plan has them
//! ([`TASKS_SHEET`], [`RESPONSIBILITIES_SHEET`], [`CALENDAR_SHEET`]).
//! A consolidated plan also gets a sheet per unit laid out as the budget sheet, the budget sheet's
//! amounts then sums over them, and the list of units ([`UNITS_SHEET`], [`ADJUSTMENTS_SHEET`],
//! `consolidation.rs`).
//!
//! Numbers in an .xlsx file are IEEE doubles by the file format: amounts are exact up to 15
//! significant digits, which covers any budget in đồng below a trillion trillion; longer ones are
//! written as they round.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::diagnostic::cell_ref;
use crate::engine::{FundingSplit, Totals};
use crate::locale::Lang;
use crate::model::{Plan, ShareRule, Year};

mod consolidation;
mod work;

pub use consolidation::{ADJUSTMENTS_SHEET, UNITS_SHEET, sheet_names as unit_sheet_names};
pub use work::{CALENDAR_SHEET, RESPONSIBILITIES_SHEET, TASKS_SHEET};
pub(crate) use work::{DATES_HEADING, line_labels, target_labels};

/// Name of the budget sheet.
pub const BUDGET_SHEET: &str = "Kinh phí";
/// Name of the funding sheet.
pub const FUNDING_SHEET: &str = "Nguồn kinh phí";
/// Name of the targets sheet.
pub const TARGETS_SHEET: &str = "Mục tiêu";

/// Why the export failed (only on a bug or an impossible sheet, e.g. beyond Excel's limits).
#[derive(Debug, thiserror::Error)]
#[error("xlsx export failed: {0}")]
pub struct ExportError(#[from] XlsxError);

/// What a budget-sheet column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Year(i32),
    Phase(usize),
}

/// The plan as an .xlsx workbook.
pub fn to_xlsx(plan: &Plan, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let totals = Totals::compute(plan);
    let split = FundingSplit::compute(plan, &totals);
    // As many decimals as the screen shows (at most 6 in the number format).
    let places = totals.typed_places(plan).min(6);
    // A consolidated plan (of one unit at least): a sheet per unit (and one of the adjustments),
    // the budget sheet's amounts their sums.
    let parts = plan
        .consolidation
        .as_deref()
        .filter(|c| !c.units.is_empty())
        .map(|c| consolidation::Parts::new(plan, c, &totals, lang));
    let places = parts.as_ref().map_or(places, |p| p.places(places));
    let summary = parts.as_ref().map(|p| move |i, y, at| p.summary_cell(plan, i, y, at));
    let view = BudgetView {
        name: BUDGET_SHEET,
        plan,
        totals: &totals,
        axis: &totals,
        caption: None,
        leaf: summary.as_ref().map(|f| f as LeafOf),
    };
    let refs = budget_sheet(workbook.add_worksheet(), &view, lang, places)?;
    funding_sheet(workbook.add_worksheet(), plan, &split, lang, places, &refs)?;
    targets_sheet(workbook.add_worksheet(), plan, lang)?;
    work::work_sheets(&mut workbook, plan, &totals, lang, places, &refs)?;
    if let Some(parts) = &parts {
        parts.write(&mut workbook, plan, &totals, lang, places, &refs)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// What a leaf cell of a budget-layout sheet holds.
enum Leaf {
    Blank,
    Value(Decimal),
    /// A formula and its cached result.
    Formula(String, Decimal),
}

/// One sheet laid out as the budget sheet: the summary, or a unit's share of it.
struct BudgetView<'a> {
    /// The sheet's name.
    name: &'a str,
    /// Title, issuer, unit, phases and lines; the lines' amounts fill the leaf cells unless
    /// `leaf` says otherwise.
    plan: &'a Plan,
    /// The figures cached with the formulas.
    totals: &'a Totals,
    /// The figures giving the columns (the summary's, the same on every such sheet).
    axis: &'a Totals,
    /// A line above the table, on the left ("Kinh phí của đơn vị: Huyện Ba Bể").
    caption: Option<&'a str>,
    /// Each leaf cell, by line index, year and (row, column), when not the line's amount.
    leaf: Option<LeafOf<'a>>,
}

/// A budget-layout sheet's leaf cell by line index, year and (row, column).
type LeafOf<'a> = &'a dyn Fn(usize, Year, (u32, u16)) -> Leaf;

/// The number format of amounts with `places` decimals: `#,##0`, `#,##0.0` … (the reader's
/// spreadsheet shows its own separators: 1.095,5 in Vietnamese).
fn amount_format(places: u32) -> String {
    if places == 0 { "#,##0".to_string() } else { format!("#,##0.{}", "0".repeat(places as usize)) }
}

/// A4 landscape, fitted to the page's width, header rows (and the names column) on every page.
fn print_setup(
    ws: &mut Worksheet,
    header_rows: Option<(u32, u32)>,
    name_cols: Option<(u16, u16)>,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    if let Some((a, b)) = header_rows {
        ws.set_repeat_rows(a, b)?;
    }
    if let Some((a, b)) = name_cols {
        ws.set_repeat_columns(a, b)?;
    }
    Ok(())
}

/// Where the budget sheet's totals are, for the funding sheet's formulas.
struct BudgetRefs {
    /// The "Tổng số" row.
    total_row: u32,
    /// The first line's row (line `i` is on row `first_line + i`).
    first_line: u32,
    /// The lines' total column.
    total_col: u16,
    /// Each phase's subtotal column, if it has one.
    phase_cols: Vec<Option<u16>>,
}

fn number(v: Decimal) -> f64 {
    v.to_f64().unwrap_or_default()
}

fn result(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Hierarchical numbering from the outline: 1, 2, 2.1, 2.2 … (a line's own code wins).
pub(crate) fn numbering(plan: &Plan) -> Vec<String> {
    let mut counters: Vec<u32> = Vec::new();
    plan.lines
        .iter()
        .map(|line| {
            let depth = line.depth as usize;
            counters.truncate(depth + 1);
            while counters.len() < depth + 1 {
                counters.push(0);
            }
            counters[depth] += 1;
            if line.code.trim().is_empty() {
                counters.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(".")
            } else {
                line.code.trim().to_string()
            }
        })
        .collect()
}

fn budget_sheet(ws: &mut Worksheet, view: &BudgetView, lang: Lang, places: u32) -> Result<BudgetRefs, ExportError> {
    let BudgetView { name, plan, totals, axis, caption, leaf } = *view;
    ws.set_name(name)?;
    let amounts = amount_format(places);
    let title = Format::new().set_bold().set_font_size(13).set_align(FormatAlign::Center).set_text_wrap();
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#E6EEF8");
    let text = Format::new().set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin).set_num_format(&amounts);
    let bold = Format::new().set_border(FormatBorder::Thin).set_bold().set_num_format(&amounts);
    let bold_text = Format::new().set_border(FormatBorder::Thin).set_bold();
    let sub = Format::new()
        .set_border(FormatBorder::Thin)
        .set_bold()
        .set_background_color("#EEF4FB")
        .set_num_format(&amounts);
    let italic = Format::new().set_italic().set_align(FormatAlign::Right);

    // Columns: STT, Nội dung, years with a subtotal after each phase, Tổng số, [Chủ trì], [Ghi chú].
    let columns: Vec<Column> = axis
        .year_axis()
        .into_iter()
        .map(|s| match s {
            crate::engine::YearSlot::Year(y) => Column::Year(y),
            crate::engine::YearSlot::PhaseTotal(p) => Column::Phase(p),
        })
        .collect();
    let first_col: u16 = 2;
    let total_col = first_col + columns.len() as u16;
    let has_agency = plan.lines.iter().any(|l| !l.agency.trim().is_empty());
    let has_notes = plan.lines.iter().any(|l| !l.notes.trim().is_empty());
    let agency_col = total_col + 1;
    let notes_col = total_col + 1 + has_agency as u16;
    let last_col = notes_col - 1 + has_notes as u16;

    ws.merge_range(0, 0, 0, last_col, &plan.title, &title)?;
    ws.set_row_height(0, 36)?;
    if !plan.issuer.is_empty() {
        ws.merge_range(1, 0, 1, last_col, &plan.issuer, &Format::new().set_align(FormatAlign::Center))?;
    }
    let unit = unit_line(plan, lang);
    ws.write_string_with_format(2, last_col, &unit, &italic)?;
    if let Some(caption) = caption {
        ws.write_string_with_format(2, 0, caption, &Format::new().set_bold())?;
    }

    let (band, labels, total_row, first_line) = (4u32, 5u32, 6u32, 7u32);
    ws.merge_range(band, 0, labels, 0, crate::locale::label(lang, "STT", "No."), &head)?;
    ws.merge_range(band, 1, labels, 1, crate::locale::label(lang, "Nội dung", "Budget line"), &head)?;
    ws.merge_range(band, total_col, labels, total_col, crate::locale::label(lang, "Tổng số", "Total"), &head)?;
    if has_agency {
        ws.merge_range(
            band,
            agency_col,
            labels,
            agency_col,
            crate::locale::label(lang, "Đơn vị chủ trì", "Lead agency"),
            &head,
        )?;
    }
    if has_notes {
        ws.merge_range(band, notes_col, labels, notes_col, crate::locale::label(lang, "Ghi chú", "Notes"), &head)?;
    }
    // Phase bands over their years and subtotal.
    let mut k = 0;
    while k < columns.len() {
        let col = first_col + k as u16;
        let phase = match columns[k] {
            Column::Year(y) => plan.phase_of(y),
            Column::Phase(p) => Some(p),
        };
        let mut end = k;
        while end + 1 < columns.len() && phase.is_some() {
            let next = match columns[end + 1] {
                Column::Year(y) => plan.phase_of(y),
                Column::Phase(p) => Some(p),
            };
            if next != phase {
                break;
            }
            end += 1;
        }
        let text = match phase.and_then(|p| plan.phases.get(p)) {
            Some(ph) => format!("{} ({} - {})", ph.name, ph.years.first, ph.years.last),
            None => String::new(),
        };
        if end > k {
            ws.merge_range(band, col, band, first_col + end as u16, &text, &head)?;
        } else {
            ws.write_string_with_format(band, col, &text, &head)?;
        }
        k = end + 1;
    }
    for (k, c) in columns.iter().enumerate() {
        let text = match c {
            Column::Year(y) => y.to_string(),
            Column::Phase(p) if lang == Lang::Vi => {
                let name = plan.phases.get(*p).map(|ph| ph.short_name()).unwrap_or_default();
                format!("Cộng {}", crate::text::clip(&name, 40))
            }
            // The phases' names are the planner's (Vietnamese) words: in English, by number.
            Column::Phase(p) => format!("Total phase {}", p + 1),
        };
        ws.write_string_with_format(labels, first_col + k as u16, &text, &head)?;
    }

    // Where each row's descendants end, for group SUBTOTALs.
    let n = plan.lines.len();
    let descendants_end: Vec<usize> = (0..n)
        .map(|i| {
            let depth = plan.lines[i].depth;
            // Exclusive: the first line after `i` that is not deeper.
            (i + 1..n).find(|&j| plan.lines[j].depth <= depth).unwrap_or(n)
        })
        .collect();
    let numbers = numbering(plan);
    let last_line_row = first_line + n.saturating_sub(1) as u32;

    // The runs of adjacent year columns of each phase (`None`: every year), found once: asking
    // each year's phase for every line and phase column cost lines × phases² with many phases.
    let mut runs: std::collections::HashMap<Option<usize>, Vec<(u16, u16)>> = std::collections::HashMap::new();
    let mut year_index = 0;
    for (k, c) in columns.iter().enumerate() {
        let col = first_col + k as u16;
        let Column::Year(_) = c else { continue };
        let phase = axis.phase_of_column(year_index);
        year_index += 1;
        for key in std::iter::once(None).chain(phase.map(Some)) {
            let list = runs.entry(key).or_default();
            match list.last_mut() {
                Some((_, b)) if *b + 1 == col => *b = col,
                _ => list.push((col, col)),
            }
        }
    }
    // A year column's cells of one line, as an A1 range list for SUM.
    let year_ranges = |row: u32, phase: Option<usize>| -> String {
        let parts: Vec<String> = runs.get(&phase).into_iter().flatten().map(|&(a, b)| range(row, a, row, b)).collect();
        if parts.is_empty() { "0".to_string() } else { format!("SUM({})", parts.join(",")) }
    };

    for (i, line) in plan.lines.iter().enumerate() {
        let row = first_line + i as u32;
        let group = totals.is_group(i);
        let fmt = if group { &bold } else { &cell };
        ws.write_string_with_format(row, 0, &numbers[i], if group { &bold_text } else { &text })?;
        let indent = Format::new().set_border(FormatBorder::Thin).set_indent(line.depth.min(15));
        let name_fmt = if group { indent.clone().set_bold() } else { indent };
        ws.write_string_with_format(row, 1, &line.name, &name_fmt)?;
        let children = (row + 1, first_line + descendants_end[i] as u32 - 1);
        for (k, c) in columns.iter().enumerate() {
            let col = first_col + k as u16;
            match c {
                Column::Year(y) => {
                    if group {
                        let f = format!("=SUBTOTAL(9,{})", range(children.0, col, children.1, col));
                        let v = totals.group_cell(i, *y).unwrap_or_default();
                        ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(v)), fmt)?;
                    } else {
                        let value = match leaf {
                            Some(leaf) => leaf(i, *y, (row, col)),
                            None => line.amounts.get(y).map_or(Leaf::Blank, |v| Leaf::Value(*v)),
                        };
                        match value {
                            Leaf::Value(v) => ws.write_number_with_format(row, col, number(v), fmt)?,
                            Leaf::Formula(f, v) => {
                                ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(v)), fmt)?
                            }
                            Leaf::Blank => ws.write_blank(row, col, fmt)?,
                        };
                    }
                }
                Column::Phase(p) => {
                    let f = if group {
                        format!("=SUBTOTAL(9,{})", range(children.0, col, children.1, col))
                    } else {
                        format!("={}", year_ranges(row, Some(*p)))
                    };
                    let v = totals.line_phase_total(i, *p);
                    ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(v)), &sub)?;
                }
            }
        }
        let f = if group {
            format!("=SUBTOTAL(9,{})", range(children.0, total_col, children.1, total_col))
        } else {
            format!("={}", year_ranges(row, None))
        };
        ws.write_formula_with_format(row, total_col, Formula::new(f).set_result(result(totals.line_total(i))), &bold)?;
        if has_agency {
            ws.write_string_with_format(row, agency_col, &line.agency, &text)?;
        }
        if has_notes {
            ws.write_string_with_format(row, notes_col, &line.notes, &text)?;
        }
    }

    // The "Tổng số" row, first as in the plans, summing every line once.
    ws.write_string_with_format(total_row, 0, "", &bold_text)?;
    ws.write_string_with_format(total_row, 1, crate::locale::label(lang, "Tổng số", "Total"), &bold_text)?;
    for (k, c) in columns.iter().enumerate() {
        let col = first_col + k as u16;
        let v = match c {
            Column::Year(y) => totals.year_total(*y),
            Column::Phase(p) => totals.phase_total(*p),
        };
        let f = if n == 0 {
            "=0".to_string()
        } else {
            format!("=SUBTOTAL(9,{})", range(first_line, col, last_line_row, col))
        };
        ws.write_formula_with_format(total_row, col, Formula::new(f).set_result(result(v)), &bold)?;
    }
    let f = if n == 0 {
        "=0".to_string()
    } else {
        format!("=SUBTOTAL(9,{})", range(first_line, total_col, last_line_row, total_col))
    };
    ws.write_formula_with_format(total_row, total_col, Formula::new(f).set_result(result(totals.grand())), &bold)?;

    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 40)?;
    for k in 0..=columns.len() as u16 {
        ws.set_column_width(first_col + k, 12)?;
    }
    ws.set_freeze_panes(first_line, first_col)?;
    print_setup(ws, Some((band, labels)), Some((0, 1)))?;
    let mut phase_cols = vec![None; plan.phases.len()];
    for (k, c) in columns.iter().enumerate() {
        if let Column::Phase(p) = c
            && let Some(slot) = phase_cols.get_mut(*p)
        {
            *slot = Some(first_col + k as u16);
        }
    }
    Ok(BudgetRefs { total_row, first_line, total_col, phase_cols })
}

fn funding_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    split: &FundingSplit,
    lang: Lang,
    places: u32,
    refs: &BudgetRefs,
) -> Result<(), ExportError> {
    ws.set_name(FUNDING_SHEET)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#E6EEF8").set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let amounts = amount_format(places);
    let money = Format::new().set_border(FormatBorder::Thin).set_num_format(&amounts);
    let bold = Format::new().set_border(FormatBorder::Thin).set_bold().set_num_format(&amounts);
    ws.write_string_with_format(
        0,
        0,
        crate::locale::label(lang, "Nguồn kinh phí", "Funding sources"),
        &Format::new().set_bold(),
    )?;
    let unit = unit_line(plan, lang);
    ws.write_string(1, 0, &unit)?;
    // Each source's rule, plan-wide and per phase where it differs, in cells the import reads back:
    // a rule name and its value.
    let phase_rules: Vec<usize> = (0..plan.phases.len())
        .filter(|&p| plan.sources.iter().any(|s| s.phase_rules.contains_key(&plan.phases[p].id)))
        .collect();
    let mut headers = vec![
        crate::locale::label(lang, "Nguồn", "Source").to_string(),
        crate::locale::label(lang, "Loại", "Kind").to_string(),
        crate::locale::label(lang, "Quy tắc", "Rule").to_string(),
        crate::locale::label(lang, "Giá trị", "Value").to_string(),
    ];
    let phase_label = |p: &crate::model::Phase| format!("{} ({} - {})", p.name, p.years.first, p.years.last);
    for &p in &phase_rules {
        let label = phase_label(&plan.phases[p]);
        headers.push(crate::text!("Quy tắc – {label}", "Rule – {label}").into_string(lang));
        headers.push(crate::text!("Giá trị – {label}", "Value – {label}").into_string(lang));
    }
    headers.extend(plan.phases.iter().map(phase_label));
    headers.push(crate::locale::label(lang, "Tổng số", "Total").to_string());
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, h, &head)?;
    }
    let first_amount = 4 + 2 * phase_rules.len() as u16;
    // Once per phase, not once per source and phase: a draft may have thousands of sources.
    let per_phase: Vec<(usize, Decimal)> = plan
        .phases
        .iter()
        .zip(&split.phases)
        .map(|(phase, ps)| {
            let remainders = plan.sources.iter().filter(|s| s.rule_for(Some(phase.id)) == ShareRule::Remainder).count();
            let given = (0..plan.sources.len()).fold(Decimal::ZERO, |a, k| a.saturating_add(ps.amount(k)));
            (remainders, given)
        })
        .collect();
    let rows = plan.sources.len();
    let write_rule = |ws: &mut Worksheet, row: u32, col: u16, rule: ShareRule| -> Result<(), XlsxError> {
        let (name, value) = match rule {
            ShareRule::Percent { value } => (crate::locale::label(lang, "Tỷ lệ (%)", "Share (%)"), Some(value)),
            ShareRule::Amount { value } => (crate::locale::label(lang, "Số tiền cố định", "Fixed amount"), Some(value)),
            ShareRule::Remainder => (crate::locale::label(lang, "Phần còn lại", "Remainder"), None),
        };
        ws.write_string_with_format(row, col, name, &cell)?;
        match value {
            Some(v) => ws.write_number_with_format(row, col + 1, number(v), &cell)?,
            None => ws.write_blank(row, col + 1, &cell)?,
        };
        Ok(())
    };
    for (i, s) in plan.sources.iter().enumerate() {
        let row = 4 + i as u32;
        ws.write_string_with_format(row, 0, &s.name, &cell)?;
        ws.write_string_with_format(row, 1, s.kind.name().into_string(lang), &cell)?;
        write_rule(ws, row, 2, s.rule)?;
        for (k, &p) in phase_rules.iter().enumerate() {
            let col = 4 + 2 * k as u16;
            match s.phase_rules.get(&plan.phases[p].id) {
                Some(rule) => write_rule(ws, row, col, *rule)?,
                None => {
                    ws.write_blank(row, col, &cell)?;
                    ws.write_blank(row, col + 1, &cell)?;
                }
            }
        }
        for (p, ps) in split.phases.iter().enumerate() {
            let col = first_amount + p as u16;
            match phase_formula(plan, split, refs, &phase_rules, &per_phase, i, p) {
                Some(f) => {
                    ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(ps.amount(i))), &money)?
                }
                None => ws.write_number_with_format(row, col, number(ps.amount(i)), &money)?,
            };
        }
        let tc = first_amount + split.phases.len() as u16;
        let v = split.grand.amounts.get(i).copied().unwrap_or_default();
        if split.phases.is_empty() || !split.outside.total.is_zero() {
            ws.write_number_with_format(row, tc, number(v), &bold)?;
        } else {
            let f = format!("=SUM({})", range(row, first_amount, row, tc - 1));
            ws.write_formula_with_format(row, tc, Formula::new(f).set_result(result(v)), &bold)?;
        }
    }
    let row = 4 + rows as u32;
    ws.write_string_with_format(row, 0, crate::locale::label(lang, "Chưa có nguồn", "Unassigned"), &cell)?;
    for (p, ps) in split.phases.iter().enumerate() {
        let col = first_amount + p as u16;
        // What the budget's phase subtotal leaves after the sources, when that is the figure.
        let given: Decimal = (0..rows).fold(Decimal::ZERO, |a, i| a.saturating_add(ps.amount(i)));
        match refs.phase_cols.get(p).copied().flatten() {
            Some(pc) if ps.total.saturating_sub(given) == ps.unassigned => {
                let sources = if rows == 0 { "0".to_string() } else { format!("SUM({})", range(4, col, row - 1, col)) };
                let f = format!("={}-{sources}", budget_cell(refs.total_row, pc));
                ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(ps.unassigned)), &money)?;
            }
            _ => {
                ws.write_number_with_format(row, col, number(ps.unassigned), &money)?;
            }
        }
    }
    let tc = first_amount + split.phases.len() as u16;
    ws.write_number_with_format(row, tc, number(split.grand.unassigned), &bold)?;
    let row = row + 1;
    ws.write_string_with_format(row, 0, crate::locale::label(lang, "Tổng số", "Total"), &bold)?;
    for c in first_amount..=tc {
        let f = format!("=SUM({})", range(4, c, row - 1, c));
        let v = if c == tc {
            split.grand.total
        } else {
            split.phases.get((c - first_amount) as usize).map(|s| s.total).unwrap_or_default()
        };
        ws.write_formula_with_format(row, c, Formula::new(f).set_result(result(v)), &bold)?;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 26)?;
    print_setup(ws, Some((3, 3)), Some((0, 0)))?;
    Ok(())
}

/// A cell of the budget sheet, as another sheet refers to it.
fn budget_cell(row: u32, col: u16) -> String {
    format!("'{BUDGET_SHEET}'!{}", cell_ref(row, col as u32))
}

/// The formula of source `i`'s amount in phase `p`, on the budget sheet's phase subtotal: a share
/// of it (rounded as the plan rounds, the share read from the rule's cell on this sheet), or what
/// it leaves after the other sources for the one source taking the remainder. `None` where a
/// formula would not give the plan's figure (a fixed amount spread over the phases, several
/// remainders, shares whose roundings the plan evens out): the figure is written instead.
/// `per_phase`: for each phase, how many sources take its remainder and what all sources get.
fn phase_formula(
    plan: &Plan,
    split: &FundingSplit,
    refs: &BudgetRefs,
    phase_rules: &[usize],
    per_phase: &[(usize, Decimal)],
    i: usize,
    p: usize,
) -> Option<String> {
    let phase = plan.phases.get(p)?;
    let pc = refs.phase_cols.get(p).copied().flatten()?;
    let ps = split.phases.get(p)?;
    let total = budget_cell(refs.total_row, pc);
    let row = 4 + i as u32;
    let source = plan.sources.get(i)?;
    let rule = source.rule_for(Some(phase.id));
    match rule {
        ShareRule::Percent { value } => {
            let expected = (ps.total * value / Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(plan.precision, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            if expected != ps.amount(i) {
                return None;
            }
            // The share's own cell: the phase's rule where the source has one, else the plan-wide.
            let value_col = match phase_rules.iter().position(|&q| q == p) {
                Some(k) if source.phase_rules.contains_key(&phase.id) => 4 + 2 * k as u16 + 1,
                _ => 3,
            };
            Some(format!("=ROUND({total}*{}/100,{})", cell_ref(row, value_col as u32), plan.precision))
        }
        ShareRule::Remainder => {
            let &(remainders, given) = per_phase.get(p)?;
            let others = given.saturating_sub(ps.amount(i));
            if remainders != 1 || ps.total.saturating_sub(others) != ps.amount(i) {
                return None;
            }
            let col = 4 + 2 * phase_rules.len() as u16 + p as u16;
            let last = 4 + plan.sources.len() as u32 - 1;
            let mut parts = Vec::new();
            if row > 4 {
                parts.push(range(4, col, row - 1, col));
            }
            if row < last {
                parts.push(range(row + 1, col, last, col));
            }
            Some(if parts.is_empty() { format!("={total}") } else { format!("={total}-SUM({})", parts.join(",")) })
        }
        ShareRule::Amount { .. } => None,
    }
}

fn targets_sheet(ws: &mut Worksheet, plan: &Plan, lang: Lang) -> Result<(), ExportError> {
    ws.set_name(TARGETS_SHEET)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#E6EEF8").set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    ws.write_string_with_format(
        0,
        0,
        crate::locale::label(lang, "Mục tiêu, chỉ tiêu", "Targets"),
        &Format::new().set_bold(),
    )?;
    let mut years: Vec<i32> = plan
        .targets
        .iter()
        .flat_map(|t| t.milestones.keys().chain(t.variants.iter().flat_map(|v| v.milestones.keys())))
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut headers: Vec<String> = vec![
        crate::locale::label(lang, "Lĩnh vực", "Area").to_string(),
        crate::locale::label(lang, "Chỉ tiêu", "Indicator").to_string(),
        crate::locale::label(lang, "Đối tượng", "Sub-group").to_string(),
        crate::locale::label(lang, "Đơn vị", "Unit").to_string(),
        crate::locale::label(lang, "So sánh", "Comparison").to_string(),
    ];
    headers.extend(years.iter().map(|y| year_heading(*y, lang)));
    headers.push(crate::locale::label(lang, "Chủ trì", "Lead agency").to_string());
    headers.push(crate::locale::label(lang, "Phối hợp", "Coordinating").to_string());
    headers.push(crate::locale::label(lang, "Ghi chú", "Notes").to_string());
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &head)?;
    }
    let mut row = 3u32;
    for t in &plan.targets {
        let mut write_row = |variant: Option<&crate::model::TargetVariant>| -> Result<(), ExportError> {
            ws.write_string_with_format(row, 0, &t.group, &cell)?;
            ws.write_string_with_format(row, 1, &t.name, &cell)?;
            ws.write_string_with_format(row, 2, variant.map(|v| v.name.as_str()).unwrap_or(""), &cell)?;
            ws.write_string_with_format(row, 3, t.unit.label(lang), &cell)?;
            ws.write_string_with_format(row, 4, t.comparison.name().get(lang), &cell)?;
            let milestones = variant.map(|v| &v.milestones).unwrap_or(&t.milestones);
            for (k, y) in years.iter().enumerate() {
                let col = 5 + k as u16;
                match milestones.get(y) {
                    Some(v) => ws.write_number_with_format(row, col, number(*v), &cell)?,
                    None => ws.write_blank(row, col, &cell)?,
                };
            }
            let base = 5 + years.len() as u16;
            ws.write_string_with_format(row, base, &t.agency, &cell)?;
            ws.write_string_with_format(row, base + 1, t.partners.join("; "), &cell)?;
            ws.write_string_with_format(row, base + 2, &t.notes, &cell)?;
            row += 1;
            Ok(())
        };
        write_row(None)?;
        for v in &t.variants {
            write_row(Some(v))?;
        }
    }
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 48)?;
    ws.set_column_width(2, 22)?;
    print_setup(ws, Some((2, 2)), Some((0, 1)))?;
    Ok(())
}

fn range(r0: u32, c0: u16, r1: u32, c1: u16) -> String {
    if r0 == r1 && c0 == c1 {
        cell_ref(r0, c0 as u32)
    } else {
        format!("{}:{}", cell_ref(r0, c0 as u32), cell_ref(r1, c1 as u32))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "Đơn vị tính: Triệu đồng" / "Unit: million VND", as the annexes write it.
pub(crate) fn unit_line(plan: &Plan, lang: Lang) -> String {
    let name = plan.unit.name();
    match lang {
        Lang::Vi => format!("Đơn vị tính: {}", capitalise(name.get(lang))),
        Lang::En => format!("Unit: {}", name.get(lang)),
    }
}

/// A year's column heading: "Năm 2015" / "2015".
pub fn year_heading(year: crate::model::Year, lang: Lang) -> String {
    crate::text!("Năm {year}", "{year}").into_string(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    #[test]
    fn writes_a_workbook() {
        let bytes = to_xlsx(&reference::plan_with_sources(), Lang::Vi).unwrap();
        assert!(bytes.starts_with(b"PK"));
        assert!(bytes.len() > 5000);
    }

    #[test]
    fn numbers_outline() {
        let mut plan = reference::plan();
        plan.lines[1].depth = 1;
        plan.lines[2].depth = 1;
        assert_eq!(numbering(&plan), vec!["1", "1.1", "1.2", "2"]);
    }
}
