//! Export to Word (.docx), laid out as the plans' annexes are: A4, Times New Roman 13, the plan's
//! title and issuer, then in numbered parts the budget table ("Đơn vị tính" above it, "Tổng số"
//! first, a subtotal after each phase, in the orientation the planner chose), the funding split
//! per phase, the targets by area, and where the plan has them the tasks, each agency's
//! responsibilities and the reporting calendar. Every table is a real Word table (editable, no
//! image), its header rows repeated on every page; a table too wide for a portrait page is set
//! in a landscape section, and one too wide for that is split into several tables that repeat
//! their first columns.
//!
//! The WordprocessingML is written here and zipped with the `zip` crate the import already uses:
//! docx-rs (0.4.22) cannot mark a header row to repeat (`w:tblHeader`) and would bring a second
//! zip and quick-xml into the file worker's module.
//!
//! Figures are written as the screen shows them: in the language's style (5.400 / 5,400) with
//! the plan's decimals ([`Totals::typed_places`]); they are text, as in any Word table.

use rust_decimal::Decimal;

use crate::engine::work::{calendar, lines_money, responsibilities};
use crate::engine::{FundingSplit, Totals};
use crate::locale::{Lang, Message, format_fixed, format_percent, label};
use crate::model::{Plan, ShareRule, Target};

mod package;
mod table;

use package::{Align, Body, Orientation, Para};
use table::{Cell, Column, Row, Style, Table, Width};

/// Most dates the reporting calendar lists (a monthly report over a long period gives many).
const MAX_DATES: usize = 2_000;

/// Why the export failed: only on a bug, the package is written to memory.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// The zip package could not be written.
    #[error("docx export failed: {0}")]
    Package(String),
}

impl Message for DocxError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Package(detail), Lang::Vi) => format!("Không ghi được tệp Word (.docx): {detail}"),
            (Self::Package(detail), Lang::En) => format!("Could not write the Word file (.docx): {detail}"),
        }
    }
}

/// The plan as a Word document, labels in `lang`; the budget table with the years as rows (and
/// the lines as columns) when `years_as_rows`, else the lines as rows.
pub fn to_docx(plan: &Plan, lang: Lang, years_as_rows: bool) -> Result<Vec<u8>, DocxError> {
    let totals = Totals::compute(plan);
    let places = totals.typed_places(plan);
    let money = |v: Decimal| format_fixed(v, lang, places);
    let continued = label(lang, "(tiếp theo)", "(continued)");
    let mut doc = Writer { body: Body::new(&plan.title, lang.code())?, parts: 0, plan, titled: false };
    let unit = crate::io::xlsx_export::unit_line(plan, lang);

    // A plan without lines has no budget to show (a plan of targets, or of tasks).
    if !plan.lines.is_empty() {
        let budget = budget_table(plan, &totals, lang, years_as_rows, &money);
        doc.part(label(lang, "Dự toán kinh phí", "Budget estimate"), budget.orientation());
        money_table(&mut doc.body, &budget, &unit, continued);
    }
    if !plan.sources.is_empty() {
        let split = FundingSplit::compute(plan, &totals);
        let table = funding_table(plan, &split, lang, &money);
        doc.part(label(lang, "Cơ cấu nguồn kinh phí", "Funding"), table.orientation());
        money_table(&mut doc.body, &table, &unit, continued);
    }
    if !plan.targets.is_empty() {
        let table = targets_table(plan, lang);
        doc.part(label(lang, "Mục tiêu, chỉ tiêu", "Targets"), table.orientation());
        table.write(&mut doc.body, continued);
    }
    if !plan.tasks.is_empty() {
        let table = tasks_table(plan, &totals, &money, lang);
        doc.part(label(lang, "Nhiệm vụ và phân công thực hiện", "Tasks and who does them"), table.orientation());
        money_table(&mut doc.body, &table, &unit, continued);
    }
    let duties = responsibilities(plan, &totals);
    if !duties.is_empty() {
        let table = responsibilities_table(plan, &duties, &money, lang);
        doc.part(label(lang, "Trách nhiệm cụ thể", "Responsibilities"), table.orientation());
        money_table(&mut doc.body, &table, &unit, continued);
    }
    if !plan.reports.is_empty() {
        let (reports, dates) = calendar_tables(plan, lang);
        doc.part(label(lang, "Lịch báo cáo, sơ kết, tổng kết", "Reporting calendar"), reports.orientation());
        reports.write(&mut doc.body, continued);
        if let Some((dates, more)) = dates {
            let heading = crate::io::xlsx_export::DATES_HEADING.into_string(lang);
            doc.body.para(&heading, Para { bold: true, keep_next: true, after: 60, ..Para::default() });
            dates.write(&mut doc.body, continued);
            if let Some(more) = more {
                doc.body.para(&more, Para { italic: true, ..Para::default() });
            }
        }
    }
    doc.title(Orientation::Portrait);
    doc.body.finish()
}

/// The document being written: the title on the first part's first page, the parts numbered
/// I., II. …
struct Writer<'a> {
    body: Body,
    parts: usize,
    plan: &'a Plan,
    titled: bool,
}

impl Writer<'_> {
    /// The plan's title and issuer, once, in a section of `orientation`.
    fn title(&mut self, orientation: Orientation) {
        if self.titled {
            return;
        }
        self.titled = true;
        self.body.orient(orientation);
        self.body.para(&self.plan.title, Para { bold: true, align: Align::Center, after: 60, ..Para::default() });
        let issuer = self.plan.issuer.trim();
        if !issuer.is_empty() {
            self.body.para(issuer, Para { italic: true, align: Align::Center, after: 240, ..Para::default() });
        }
    }

    /// Starts a part in `orientation` (a new section when it changes): its numbered heading.
    fn part(&mut self, heading: &str, orientation: Orientation) {
        self.title(orientation);
        self.body.orient(orientation);
        self.parts += 1;
        let text = format!("{}. {heading}", roman(self.parts));
        self.body.para(&text, Para { bold: true, keep_next: true, after: 60, ..Para::default() });
    }
}

/// `n` in Roman numerals (the parts are few).
fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, digits) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A table of money: "Đơn vị tính: …" right-aligned above it.
fn money_table(body: &mut Body, table: &Table, unit: &str, continued: &str) {
    body.para(unit, Para { italic: true, align: Align::Right, keep_next: true, after: 60, ..Para::default() });
    table.write(body, continued);
}

/// A phase's heading: "Giai đoạn 1 (2012 - 2015)".
fn phase_heading(phase: &crate::model::Phase) -> String {
    format!("{} ({} - {})", phase.name, phase.years.first, phase.years.last)
}

/// A phase's subtotal label: "Cộng GĐ 1"; in English by number, the phases' names being the
/// planner's (Vietnamese) words, as the xlsx export labels them.
fn subtotal_label(plan: &Plan, p: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let name = plan.phases.get(p).map(|ph| ph.short_name()).unwrap_or_default();
            format!("Cộng {}", crate::text::clip(&name, 40))
        }
        Lang::En => format!("Total phase {}", p + 1),
    }
}

/// What a year-axis slot of the budget table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Year(i32),
    Phase(usize),
    Total,
}

/// The year axis: each year, a phase's subtotal after its last year, the total last.
fn year_axis(totals: &Totals) -> Vec<Slot> {
    let mut out: Vec<Slot> = totals
        .year_axis()
        .into_iter()
        .map(|s| match s {
            crate::engine::YearSlot::Year(y) => Slot::Year(y),
            crate::engine::YearSlot::PhaseTotal(p) => Slot::Phase(p),
        })
        .collect();
    out.push(Slot::Total);
    out
}

/// The figure of line `row` (`None`: the total row) at `slot`, blank where nothing is typed.
fn figure(plan: &Plan, totals: &Totals, row: Option<usize>, slot: Slot) -> Option<Decimal> {
    match (row, slot) {
        (Some(i), Slot::Year(y)) if totals.is_group(i) => totals.group_cell(i, y),
        (Some(i), Slot::Year(y)) => plan.lines.get(i).and_then(|l| l.amounts.get(&y)).copied(),
        (Some(i), Slot::Phase(p)) => Some(totals.line_phase_total(i, p)),
        (Some(i), Slot::Total) => Some(totals.line_total(i)),
        (None, Slot::Year(y)) => Some(totals.year_total(y)),
        (None, Slot::Phase(p)) => Some(totals.phase_total(p)),
        (None, Slot::Total) => Some(totals.grand()),
    }
}

fn budget_table(
    plan: &Plan,
    totals: &Totals,
    lang: Lang,
    years_as_rows: bool,
    money: &dyn Fn(Decimal) -> String,
) -> Table {
    let axis = year_axis(totals);
    let numbers = crate::io::xlsx_export::numbering(plan);
    let total_label = label(lang, "Tổng số", "Total");
    let slot_label = |slot: Slot| match slot {
        Slot::Year(y) => y.to_string(),
        Slot::Phase(p) => subtotal_label(plan, p, lang),
        Slot::Total => total_label.to_string(),
    };
    let cell =
        |row: Option<usize>, slot: Slot| Cell::from(figure(plan, totals, row, slot).map(money).unwrap_or_default());
    let mut table = Table::default();
    if years_as_rows {
        // Years down, lines across: the year column, each line, the total.
        table.columns.push(Column::text(label(lang, "Năm", "Year"), 1).key());
        for (i, line) in plan.lines.iter().enumerate() {
            table.columns.push(Column::figure(format!("{} {}", numbers[i], line.name.trim())));
        }
        table.columns.push(Column { shade: true, ..Column::figure(total_label) });
        // "Tổng số" first, as the plans print it.
        for slot in std::iter::once(Slot::Total).chain(axis.iter().copied().filter(|s| *s != Slot::Total)) {
            let style = match slot {
                Slot::Year(_) => Style::Plain,
                Slot::Phase(_) => Style::Subtotal,
                Slot::Total => Style::Bold,
            };
            let mut cells = vec![Cell::from(slot_label(slot))];
            cells.extend((0..plan.lines.len()).map(|i| cell(Some(i), slot)));
            cells.push(cell(None, slot));
            table.rows.push(Row { cells, style });
        }
        return table;
    }
    // Lines down, years across: STT, the line, each year with a subtotal after each phase, the
    // total; a band over each phase's years and subtotal.
    table.columns.push(Column { width: Width::Fit, ..Column::text(label(lang, "STT", "No."), 1).key().centred() });
    table.columns.push(Column::text(label(lang, "Nội dung", "Budget line"), 1).key());
    let mut year_index = 0;
    for &slot in &axis {
        let band = match slot {
            Slot::Year(_) => {
                let phase = totals.phase_of_column(year_index);
                year_index += 1;
                phase
            }
            Slot::Phase(p) => Some(p),
            Slot::Total => None,
        }
        .and_then(|p| plan.phases.get(p).map(|ph| (p, phase_heading(ph))));
        let shade = !matches!(slot, Slot::Year(_));
        table.columns.push(Column { band, shade, ..Column::figure(slot_label(slot)) });
    }
    let mut total = vec![Cell::default(), Cell::from(total_label)];
    total.extend(axis.iter().map(|&s| cell(None, s)));
    table.rows.push(Row { cells: total, style: Style::Bold });
    for (i, line) in plan.lines.iter().enumerate() {
        let mut cells =
            vec![Cell::from(numbers[i].as_str()), Cell { paras: vec![line.name.clone()], indent: line.depth }];
        cells.extend(axis.iter().map(|&s| cell(Some(i), s)));
        let style = if totals.is_group(i) { Style::Bold } else { Style::Plain };
        table.rows.push(Row { cells, style });
    }
    table
}

/// A source's rule as the annex states it: "40 %", "số tiền cố định", "phần còn lại".
fn rule_text(rule: ShareRule, lang: Lang, money: &dyn Fn(Decimal) -> String) -> String {
    match rule {
        ShareRule::Percent { value } => format_percent(value, lang),
        ShareRule::Amount { value } => crate::text!("cố định {}", "fixed {}", money(value)).into_string(lang),
        ShareRule::Remainder => label(lang, "phần còn lại", "remainder").to_string(),
    }
}

fn funding_table(plan: &Plan, split: &FundingSplit, lang: Lang, money: &dyn Fn(Decimal) -> String) -> Table {
    let mut table = Table::default();
    table.columns.push(Column::text(label(lang, "Nguồn", "Source"), 3).key());
    table.columns.push(Column { width: Width::Fit, ..Column::text(label(lang, "Tỷ lệ", "Share"), 1) });
    table.columns.extend(plan.phases.iter().map(|p| Column::figure(phase_heading(p))));
    let outside = !split.outside.total.is_zero();
    if outside {
        table.columns.push(Column::figure(label(lang, "Ngoài các giai đoạn", "Outside the phases")));
    }
    table.columns.push(Column { shade: true, ..Column::figure(label(lang, "Tổng số", "Total")) });
    for (i, s) in plan.sources.iter().enumerate() {
        // The plan-wide rule, then each phase's own where the source has one.
        let mut rules = vec![rule_text(s.rule, lang, money)];
        for phase in &plan.phases {
            if let Some(rule) = s.phase_rules.get(&phase.id) {
                rules.push(format!("{}: {}", phase.short_name(), rule_text(*rule, lang, money)));
            }
        }
        let mut cells = vec![Cell::from(s.name.trim()), Cell::list(rules)];
        cells.extend(split.phases.iter().map(|ps| Cell::from(money(ps.amount(i)))));
        if outside {
            cells.push(Cell::from(money(split.outside.amount(i))));
        }
        cells.push(Cell::from(money(split.grand.amounts.get(i).copied().unwrap_or_default())));
        table.rows.push(Row { cells, style: Style::Plain });
    }
    if !split.grand.unassigned.is_zero() {
        let mut cells = vec![Cell::from(label(lang, "Chưa có nguồn", "Unassigned")), Cell::default()];
        cells.extend(split.phases.iter().map(|ps| Cell::from(money(ps.unassigned))));
        if outside {
            cells.push(Cell::from(money(split.outside.unassigned)));
        }
        cells.push(Cell::from(money(split.grand.unassigned)));
        table.rows.push(Row { cells, style: Style::Plain });
    }
    let mut cells = vec![Cell::from(label(lang, "Tổng số", "Total")), Cell::default()];
    cells.extend(split.phases.iter().map(|ps| Cell::from(money(ps.total))));
    if outside {
        cells.push(Cell::from(money(split.outside.total)));
    }
    cells.push(Cell::from(money(split.grand.total)));
    table.rows.push(Row { cells, style: Style::Bold });
    table
}

/// Targets by area, areas in the order they first appear.
fn by_area(targets: &[Target]) -> Vec<(&str, Vec<&Target>)> {
    let mut out: Vec<(&str, Vec<&Target>)> = Vec::new();
    for t in targets {
        let area = t.group.trim();
        match out.iter_mut().find(|(a, _)| *a == area) {
            Some((_, list)) => list.push(t),
            None => out.push((area, vec![t])),
        }
    }
    out
}

fn targets_table(plan: &Plan, lang: Lang) -> Table {
    let mut years: Vec<i32> = plan
        .targets
        .iter()
        .flat_map(|t| t.milestones.keys().chain(t.variants.iter().flat_map(|v| v.milestones.keys())))
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    let notes = plan.targets.iter().any(|t| !t.notes.trim().is_empty());
    let mut table = Table::default();
    table.columns.push(Column::text(label(lang, "Chỉ tiêu", "Indicator"), 5).key());
    table.columns.push(Column { width: Width::Fit, ..Column::text(label(lang, "Đơn vị", "Unit"), 1).key() });
    table.columns.extend(years.iter().map(|&y| Column::figure(crate::io::xlsx_export::year_heading(y, lang))));
    table.columns.push(Column::text(label(lang, "Chủ trì", "Lead agency"), 2));
    table.columns.push(Column::text(label(lang, "Phối hợp", "Coordinating"), 2));
    if notes {
        table.columns.push(Column::text(label(lang, "Ghi chú", "Notes"), 2));
    }
    let milestones = |t: &Target, ms: &std::collections::BTreeMap<i32, Decimal>| -> Vec<Cell> {
        years
            .iter()
            .map(|y| {
                let v =
                    ms.get(y).map(|v| format!("{} {}", t.comparison.symbol(), crate::locale::format_decimal(*v, lang)));
                Cell::from(v.unwrap_or_default())
            })
            .collect()
    };
    for (area, list) in by_area(&plan.targets) {
        let heading = if area.is_empty() { label(lang, "(chưa có lĩnh vực)", "(no area)") } else { area };
        table.rows.push(Row { cells: vec![Cell::from(heading)], style: Style::Heading });
        for t in list {
            let mut cells = vec![Cell::from(t.name.trim()), Cell::from(t.unit.label(lang))];
            cells.extend(milestones(t, &t.milestones));
            cells.push(Cell::from(t.agency.trim()));
            cells.push(Cell::list(t.partners.iter().map(|p| p.trim().to_string())));
            if notes {
                cells.push(Cell::from(t.notes.trim()));
            }
            table.rows.push(Row { cells, style: Style::Plain });
            for v in &t.variants {
                let mut cells = vec![
                    Cell { paras: vec![format!("– {}", v.name.trim())], indent: 1 },
                    Cell::from(t.unit.label(lang)),
                ];
                cells.extend(milestones(t, &v.milestones));
                table.rows.push(Row { cells, style: Style::Plain });
            }
        }
    }
    table
}

fn tasks_table(plan: &Plan, totals: &Totals, money: &dyn Fn(Decimal) -> String, lang: Lang) -> Table {
    let places = plan.tasks.iter().any(|t| !t.places.is_empty());
    let mut table = Table::default();
    table.columns.push(Column { width: Width::Fit, ..Column::text(label(lang, "STT", "No."), 1).centred() });
    table.columns.push(Column::text(label(lang, "Nội dung", "Task"), 6));
    table.columns.push(Column::text(label(lang, "Chủ trì", "Lead agency"), 3));
    table.columns.push(Column::text(label(lang, "Phối hợp", "Coordinating"), 3));
    table.columns.push(Column::text(label(lang, "Thời gian", "Time"), 2));
    if places {
        table.columns.push(Column::text(label(lang, "Địa bàn", "Places"), 2));
    }
    table.columns.push(Column::figure(label(lang, "Kinh phí", "Money")));
    let mut group = "";
    for t in &plan.tasks {
        let this = t.group.trim();
        if this != group && !this.is_empty() {
            table.rows.push(Row { cells: vec![Cell::from(this)], style: Style::Heading });
        }
        group = this;
        let mut cells = vec![
            Cell::from(t.number.trim()),
            Cell::from(t.name.trim()),
            Cell::from(t.lead.trim()),
            Cell::list(t.partners.iter().map(|p| p.trim().to_string())),
            Cell::from(t.time.trim()),
        ];
        if places {
            cells.push(Cell::list(t.places.iter().map(|p| p.trim().to_string())));
        }
        // Blank when the task lists no budget line, as in the xlsx export.
        let value = (!t.lines.is_empty()).then(|| money(lines_money(plan, totals, &t.lines)));
        cells.push(Cell::from(value.unwrap_or_default()));
        table.rows.push(Row { cells, style: Style::Plain });
    }
    table
}

fn responsibilities_table(
    plan: &Plan,
    duties: &[crate::engine::work::Responsibility],
    money: &dyn Fn(Decimal) -> String,
    lang: Lang,
) -> Table {
    let mut table = Table::default();
    table.columns.push(Column::text(label(lang, "Cơ quan, đơn vị", "Agency"), 3).key());
    table.columns.push(Column::text(label(lang, "Chủ trì", "Leads"), 4));
    table.columns.push(Column::text(label(lang, "Phối hợp", "Coordinates"), 4));
    table.columns.push(Column::text(label(lang, "Theo dõi, chỉ đạo địa bàn", "Districts followed"), 2));
    table.columns.push(Column::figure(label(lang, "Kinh phí phụ trách", "Money it leads")));
    let task = |i: &usize| {
        plan.tasks
            .get(*i)
            .map(|t| match t.number.trim() {
                "" => t.name.trim().to_string(),
                n => format!("{n} {}", t.name.trim()),
            })
            .unwrap_or_default()
    };
    let target = |i: &usize| {
        let name = plan.targets.get(*i).map(|t| t.name.trim()).unwrap_or_default();
        crate::text!("Chỉ tiêu: {name}", "Target: {name}").into_string(lang)
    };
    for r in duties {
        let name = if r.short.trim().is_empty() { r.name.clone() } else { format!("{} ({})", r.name, r.short.trim()) };
        // The tasks it leads, then the targets it answers for.
        let leads = r.leads.iter().map(task).chain(r.targets_led.iter().map(target));
        let coordinates = r.coordinates.iter().map(task).chain(r.targets_coordinated.iter().map(target));
        let value = (!r.lines.is_empty()).then(|| money(r.money));
        table.rows.push(Row {
            cells: vec![
                Cell::from(name),
                Cell::list(leads),
                Cell::list(coordinates),
                Cell::list(r.follows.iter().cloned()),
                Cell::from(value.unwrap_or_default()),
            ],
            style: Style::Plain,
        });
    }
    table
}

/// The reports, and the dates they fall due (with a note of how many more when cut).
type Calendar = (Table, Option<(Table, Option<String>)>);

fn calendar_tables(plan: &Plan, lang: Lang) -> Calendar {
    let mut reports = Table::default();
    reports.columns.push(Column::text(label(lang, "Loại", "Kind"), 2));
    reports.columns.push(Column::text(label(lang, "Nội dung", "Report"), 5));
    reports.columns.push(Column::text(label(lang, "Thời gian", "When"), 3));
    reports.columns.push(Column::text(label(lang, "Đơn vị báo cáo", "From"), 3));
    reports.columns.push(Column::text(label(lang, "Nơi nhận", "To"), 3));
    for r in &plan.reports {
        reports.rows.push(Row {
            cells: vec![
                Cell::from(r.kind.name().get(lang)),
                Cell::from(r.name.trim()),
                Cell::from(r.when.trim()),
                Cell::from(r.from.trim()),
                Cell::from(r.to.trim()),
            ],
            style: Style::Plain,
        });
    }
    let dates = calendar(plan);
    if dates.is_empty() {
        return (reports, None);
    }
    let mut table = Table::default();
    table.columns.push(Column { width: Width::Fit, ..Column::text(label(lang, "Tháng", "Month"), 1).centred() });
    table.columns.push(Column::text(label(lang, "Nội dung", "Report"), 5));
    table.columns.push(Column::text(label(lang, "Đơn vị báo cáo", "From"), 3));
    table.columns.push(Column::text(label(lang, "Nơi nhận", "To"), 3));
    for entry in dates.iter().take(MAX_DATES) {
        let Some(r) = plan.reports.get(entry.report) else { continue };
        table.rows.push(Row {
            cells: vec![
                Cell::from(format!("{:02}/{}", entry.month, entry.year)),
                Cell::from(r.name.trim()),
                Cell::from(r.from.trim()),
                Cell::from(r.to.trim()),
            ],
            style: Style::Plain,
        });
    }
    let more = dates
        .len()
        .checked_sub(MAX_DATES)
        .filter(|n| *n > 0)
        .map(|more| crate::text!("… và {more} mốc nữa", "… and {more} more dates").into_string(lang));
    (reports, Some((table, more)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;

    #[test]
    fn numbers_the_parts_in_roman() {
        assert_eq!((1..=6).map(roman).collect::<Vec<_>>(), ["I", "II", "III", "IV", "V", "VI"]);
    }

    #[test]
    fn the_year_axis_puts_each_phase_after_its_years() {
        let plan = reference::plan();
        let axis = year_axis(&Totals::compute(&plan));
        let phase1 = axis.iter().position(|s| *s == Slot::Phase(0)).unwrap();
        assert_eq!(axis[phase1 - 1], Slot::Year(2015));
        assert_eq!(axis[phase1 + 1], Slot::Year(2016));
        assert_eq!(axis.last(), Some(&Slot::Total));
    }

    #[test]
    fn a_plan_of_targets_alone_has_no_budget_part() {
        let plan = reference::seed_targets_plan();
        let docx = to_docx(&plan, Lang::Vi, false).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains("I. Mục tiêu, chỉ tiêu") && !xml.contains("Dự toán kinh phí"));
        // The title first, once.
        let title = xml.find(&plan.title).unwrap();
        assert!(title < xml.find("<w:tbl>").unwrap() && xml.matches(&plan.title).count() == 1);
        // An empty plan: the title alone.
        let empty = Plan::new("Trống", crate::model::YearRange::new(2021, 2025), crate::model::MoneyUnit::Million);
        assert!(to_docx(&empty, Lang::En, true).is_ok());
    }

    #[test]
    fn writes_a_package() {
        for years_as_rows in [false, true] {
            let bytes = to_docx(&reference::plan_with_sources(), Lang::Vi, years_as_rows).unwrap();
            assert!(bytes.starts_with(b"PK"));
        }
    }
}
