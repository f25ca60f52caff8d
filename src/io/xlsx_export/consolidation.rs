//! The sheets of a consolidated plan (a plan adding up the plans of several units): one sheet per
//! unit laid out exactly as the budget sheet, its leaf cells the unit's contributions; when the
//! planner changed cells of the consolidated plan afterwards, a sheet of those adjustments, laid
//! out the same; and a short list of the units with their totals. The budget sheet's leaf cells
//! are then live sums over those sheets (`='Huyện Ba Bể'!D8+'Huyện Chợ Đồn'!D8+…`, the same cell
//! on each), the plan's own figure cached, so that recalculating gives the plan's figures
//! exactly and a reader that does not recalculate reads them as they are. These sheets come after
//! the others: the list of units, the units' sheets in the units' order, the adjustments.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook};

use super::work::Formats;
use super::{
    BUDGET_SHEET, BudgetRefs, BudgetView, CALENDAR_SHEET, ExportError, FUNDING_SHEET, Leaf, RESPONSIBILITIES_SHEET,
    TARGETS_SHEET, TASKS_SHEET, budget_sheet, capitalise, print_setup, range, result, unit_line,
};
use crate::diagnostic::cell_ref;
use crate::engine::Totals;
use crate::locale::{Lang, Text, format_decimal, label};
use crate::model::{Consolidation, Plan, Year};

/// Name of the sheet listing the units, in each language.
pub const UNITS_SHEET: Text = Text::fixed("Đơn vị", "Units");
/// Name of the sheet of the adjustments made in the consolidated plan, in each language.
pub const ADJUSTMENTS_SHEET: Text = Text::fixed("Điều chỉnh", "Adjustments");

/// Longest formula Excel takes, in characters; a longer sum is written as its figure.
const MAX_FORMULA_CHARS: usize = 8_192;
/// Longest sheet name Excel takes, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;

/// The names the units' sheets get in a workbook exported in `lang`, in the units' order: the
/// unit's name without the characters Excel refuses (`[]:*?/\`, made `-`), cut to 31 characters,
/// made unique (case ignored, as Excel compares) with " (2)", " (3)" …, never one of the
/// workbook's other sheets.
pub fn sheet_names(consolidation: &Consolidation, lang: Lang) -> Vec<String> {
    let fixed = [BUDGET_SHEET, FUNDING_SHEET, TARGETS_SHEET, "History"];
    let named = [TASKS_SHEET, RESPONSIBILITIES_SHEET, CALENDAR_SHEET, UNITS_SHEET, ADJUSTMENTS_SHEET];
    let mut taken: HashSet<String> =
        fixed.into_iter().chain(named.iter().map(|t| t.get(lang))).map(str::to_lowercase).collect();
    consolidation
        .units
        .iter()
        .enumerate()
        .map(|(k, unit)| {
            let mut base = clean(&unit.name);
            if base.is_empty() {
                base = crate::text!("Đơn vị {}", "Unit {}", k + 1).into_string(lang);
            }
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name.to_lowercase()) {
                let suffix = format!(" ({n})");
                let room = MAX_SHEET_NAME - suffix.encode_utf16().count();
                name = format!("{}{suffix}", trim(cut(&base, room)));
                n += 1;
            }
            taken.insert(name.to_lowercase());
            name
        })
        .collect()
}

/// A name as a sheet may bear it (possibly empty).
fn clean(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) {
                '-'
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let spaced = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    trim(cut(trim(&spaced), MAX_SHEET_NAME)).to_string()
}

/// Without the spaces and apostrophes a sheet name may not start or end with.
fn trim(name: &str) -> &str {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}

/// The longest start of `name` of at most `units` UTF-16 units.
fn cut(name: &str, units: usize) -> &str {
    let mut used = 0;
    for (at, c) in name.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &name[..at];
        }
    }
    name
}

/// A sheet's name as a formula refers to it: quoted, quotes doubled.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// One sheet of a part of the consolidated plan: a unit's, or the adjustments.
struct Part {
    sheet: String,
    /// The line above its table.
    caption: String,
    /// The plan with the part's amounts as its leaf lines' (in the years the budget sheet shows).
    plan: Plan,
    totals: Totals,
}

/// The sheets of a consolidated plan's parts, worked out before anything is written: the budget
/// sheet's formulas refer to them.
pub(super) struct Parts<'a> {
    consolidation: &'a Consolidation,
    units: Vec<Part>,
    /// The sheet of the leaf cells where the plan differs from its units' sum (the plan's figure
    /// less the sum), when there are any.
    adjustments: Option<Part>,
    /// The parts' sheets as formulas name them, units first.
    sheets: Vec<String>,
}

impl<'a> Parts<'a> {
    pub(super) fn new(plan: &Plan, consolidation: &'a Consolidation, totals: &Totals, lang: Lang) -> Self {
        let names = sheet_names(consolidation, lang);
        let shown = |y: &Year| totals.column_of(*y).is_some();
        let leaf = |i: usize| !totals.is_group(i);
        // The units' sum of each leaf cell they fill.
        let mut sums: Vec<BTreeMap<Year, Decimal>> = vec![BTreeMap::new(); plan.lines.len()];
        let units: Vec<Part> = consolidation
            .units
            .iter()
            .zip(names)
            .map(|(unit, sheet)| {
                let amounts = |i: usize, line: &crate::model::BudgetLine| -> BTreeMap<Year, Decimal> {
                    let Some(cells) = unit.amounts.get(&line.id).filter(|_| leaf(i)) else { return BTreeMap::new() };
                    cells.iter().filter(|(y, _)| shown(y)).map(|(y, v)| (*y, *v)).collect()
                };
                let part_plan = part_of(plan, amounts);
                for (sum, line) in sums.iter_mut().zip(&part_plan.lines) {
                    for (y, v) in &line.amounts {
                        let s = sum.entry(*y).or_default();
                        *s = s.saturating_add(*v);
                    }
                }
                let name = if unit.name.trim().is_empty() { sheet.as_str() } else { unit.name.trim() };
                let caption = crate::text!("Kinh phí của đơn vị: {}", "Budget of unit: {}", name);
                Part { sheet, caption: caption.into_string(lang), totals: Totals::compute(&part_plan), plan: part_plan }
            })
            .collect();
        let differences = |i: usize, line: &crate::model::BudgetLine| -> BTreeMap<Year, Decimal> {
            if !leaf(i) {
                return BTreeMap::new();
            }
            let sum = &sums[i];
            let years: std::collections::BTreeSet<Year> = line.amounts.keys().chain(sum.keys()).copied().collect();
            years
                .into_iter()
                .filter_map(|y| {
                    let own = line.amounts.get(&y).copied().unwrap_or_default();
                    let d = own.saturating_sub(sum.get(&y).copied().unwrap_or_default());
                    (!d.is_zero()).then_some((y, d))
                })
                .collect()
        };
        let adjusted = part_of(plan, differences);
        let adjustments = adjusted.lines.iter().any(|l| !l.amounts.is_empty()).then(|| Part {
            sheet: ADJUSTMENTS_SHEET.get(lang).to_string(),
            caption: label(
                lang,
                "Điều chỉnh tại bản tổng hợp (bản tổng hợp trừ tổng các đơn vị)",
                "Adjustments made in the consolidated plan (the plan less the units' sum)",
            )
            .to_string(),
            totals: Totals::compute(&adjusted),
            plan: adjusted,
        });
        let sheets = units.iter().chain(&adjustments).map(|p| quoted(&p.sheet)).collect();
        Self { consolidation, units, adjustments, sheets }
    }

    /// The parts' sheets, units first.
    fn parts(&self) -> impl Iterator<Item = &Part> {
        self.units.iter().chain(&self.adjustments)
    }

    /// Decimal places enough for the budget sheet's (`places`) and every part's figures (at
    /// most 6).
    pub(super) fn places(&self, places: u32) -> u32 {
        self.parts().map(|p| p.totals.typed_places(&p.plan)).fold(places, u32::max).min(6)
    }

    /// A leaf cell of the budget sheet (line `i`, `year`, at `(row, col)`): the sum of the same
    /// cell on every part's sheet, the plan's figure cached; blank where neither the plan nor any
    /// part has one. A sum too long for a formula is written as the plan's figure.
    pub(super) fn summary_cell(&self, plan: &Plan, i: usize, year: Year, (row, col): (u32, u16)) -> Leaf {
        let own = plan.lines.get(i).and_then(|l| l.amounts.get(&year)).copied();
        let any =
            own.is_some() || self.parts().any(|p| p.plan.lines.get(i).is_some_and(|l| l.amounts.contains_key(&year)));
        if !any || self.sheets.is_empty() {
            return own.map_or(Leaf::Blank, Leaf::Value);
        }
        let at = cell_ref(row, u32::from(col));
        let f = format!("={}", self.sheets.iter().map(|s| format!("{s}!{at}")).collect::<Vec<_>>().join("+"));
        if f.chars().count() > MAX_FORMULA_CHARS {
            return own.map_or(Leaf::Blank, Leaf::Value);
        }
        Leaf::Formula(f, own.unwrap_or_default())
    }

    /// Writes the list of units, then each part's sheet.
    pub(super) fn write(
        &self,
        workbook: &mut Workbook,
        plan: &Plan,
        totals: &Totals,
        lang: Lang,
        places: u32,
        refs: &BudgetRefs,
    ) -> Result<(), ExportError> {
        self.units_sheet(workbook, plan, totals, lang, places, refs)?;
        for part in self.parts() {
            let view = BudgetView {
                name: &part.sheet,
                plan: &part.plan,
                totals: &part.totals,
                axis: totals,
                caption: Some(&part.caption),
                leaf: None,
            };
            budget_sheet(workbook.add_worksheet(), &view, lang, places)?;
        }
        Ok(())
    }

    /// The units: name, origin, the money unit of their own draft, their total per phase and in
    /// all (formulas on their sheets' "Tổng số" row), then the adjustments and the sum, which is
    /// the budget sheet's.
    fn units_sheet(
        &self,
        workbook: &mut Workbook,
        plan: &Plan,
        totals: &Totals,
        lang: Lang,
        places: u32,
        refs: &BudgetRefs,
    ) -> Result<(), ExportError> {
        let ws = workbook.add_worksheet();
        ws.set_name(UNITS_SHEET.get(lang))?;
        let Formats { title, head, cell, money, bold_money: bold } = Formats::new(places);
        let bold_text = Format::new().set_border(FormatBorder::Thin).set_bold();
        ws.write_string_with_format(0, 0, label(lang, "Các đơn vị được tổng hợp", "Units consolidated"), &title)?;
        ws.write_string(1, 0, unit_line(plan, lang))?;
        // The phases with a subtotal column on the budget sheet (and so on each part's).
        let phases: Vec<(usize, u16)> =
            refs.phase_cols.iter().enumerate().filter_map(|(p, c)| c.map(|c| (p, c))).collect();
        let mut headers: Vec<(String, f64)> = [
            ("STT", "No.", 6.0),
            ("Đơn vị", "Unit", 32.0),
            ("Bản gốc", "Origin", 28.0),
            ("Đơn vị tính gốc", "Original money unit", 16.0),
        ]
        .iter()
        .map(|(vi, en, w)| (label(lang, vi, en).to_string(), *w))
        .collect();
        let first_money = headers.len() as u16;
        for &(p, _) in &phases {
            let ph = &plan.phases[p];
            headers.push((format!("{} ({} - {})", ph.name, ph.years.first, ph.years.last), 14.0));
        }
        let total_col = first_money + phases.len() as u16;
        headers.push((label(lang, "Tổng số", "Total").to_string(), 14.0));
        headers.push((label(lang, "Ghi chú", "Notes").to_string(), 30.0));
        let header = 3u32;
        for (c, (text, width)) in headers.iter().enumerate() {
            ws.write_string_with_format(header, c as u16, text, &head)?;
            ws.set_column_width(c as u16, *width)?;
        }
        // A part's row: its figures, formulas on its sheet's total row.
        let figures = |ws: &mut rust_xlsxwriter::Worksheet, row: u32, part: &Part| -> Result<(), ExportError> {
            let sheet = quoted(&part.sheet);
            for (k, &(p, pc)) in phases.iter().enumerate() {
                let f = format!("={sheet}!{}", cell_ref(refs.total_row, u32::from(pc)));
                let v = part.totals.phase_total(p);
                ws.write_formula_with_format(
                    row,
                    first_money + k as u16,
                    Formula::new(f).set_result(result(v)),
                    &money,
                )?;
            }
            let f = format!("={sheet}!{}", cell_ref(refs.total_row, u32::from(refs.total_col)));
            let v = part.totals.grand();
            ws.write_formula_with_format(row, total_col, Formula::new(f).set_result(result(v)), &bold)?;
            Ok(())
        };
        let first = header + 1;
        let mut row = first;
        for (k, (unit, part)) in self.consolidation.units.iter().zip(&self.units).enumerate() {
            ws.write_number_with_format(row, 0, (k + 1) as f64, &cell)?;
            ws.write_string_with_format(row, 1, unit.name.trim(), &cell)?;
            ws.write_string_with_format(row, 2, unit.origin.trim(), &cell)?;
            ws.write_string_with_format(row, 3, capitalise(unit.unit.name().get(lang)), &cell)?;
            figures(ws, row, part)?;
            // What the unit's own draft totals, when its sheet shows less or more (lines since
            // removed from the consolidated plan, years it does not show).
            let note = if unit.total == part.totals.grand() {
                String::new()
            } else {
                let total = format_decimal(unit.total, lang);
                crate::text!("Bản của đơn vị có tổng số {total}", "The unit's own draft totals {total}")
                    .into_string(lang)
            };
            ws.write_string_with_format(row, total_col + 1, &note, &cell)?;
            row += 1;
        }
        if let Some(part) = &self.adjustments {
            ws.write_string_with_format(row, 0, "", &cell)?;
            ws.write_string_with_format(row, 1, &part.sheet, &cell)?;
            ws.write_string_with_format(row, 2, "", &cell)?;
            ws.write_string_with_format(row, 3, "", &cell)?;
            figures(ws, row, part)?;
            let note = label(lang, "Bản tổng hợp trừ tổng các đơn vị", "The plan less the units' sum");
            ws.write_string_with_format(row, total_col + 1, note, &cell)?;
            row += 1;
        }
        // The sum: the budget sheet's totals.
        for c in 0..first_money {
            ws.write_string_with_format(row, c, if c == 1 { label(lang, "Tổng số", "Total") } else { "" }, &bold_text)?;
        }
        for c in first_money..=total_col {
            let v = match phases.get((c - first_money) as usize) {
                Some(&(p, _)) => totals.phase_total(p),
                None => totals.grand(),
            };
            let f = if row == first { "=0".to_string() } else { format!("=SUM({})", range(first, c, row - 1, c)) };
            ws.write_formula_with_format(row, c, Formula::new(f).set_result(result(v)), &bold)?;
        }
        ws.write_string_with_format(row, total_col + 1, "", &bold_text)?;
        ws.set_freeze_panes(first, 2)?;
        print_setup(ws, Some((header, header)), Some((0, 1)))?;
        Ok(())
    }
}

/// `plan`'s budget table with each line's amounts given by `amounts` (line index, line).
fn part_of(plan: &Plan, amounts: impl Fn(usize, &crate::model::BudgetLine) -> BTreeMap<Year, Decimal>) -> Plan {
    let mut part = Plan::new(&plan.title, plan.period, plan.unit);
    part.issuer = plan.issuer.clone();
    part.precision = plan.precision;
    part.phases = plan.phases.clone();
    part.lines = plan
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| crate::model::BudgetLine { amounts: amounts(i, line), ..line.clone() })
        .collect();
    part
}
