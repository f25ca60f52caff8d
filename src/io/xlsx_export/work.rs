//! The sheets of who does what: the tasks (when the plan has any), each agency's
//! responsibilities (when any agency acts or is in the directory) and the reporting calendar
//! (when the plan has one). Their money is live: formulas on the budget sheet's total and phase
//! columns, each with the plan's own figure cached; the import reads these sheets back
//! ([`crate::io::import::find_tasks`], [`crate::io::import::find_agencies`],
//! [`crate::io::import::find_reports`]).

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

use super::{BUDGET_SHEET, BudgetRefs, ExportError, amount_format, number, numbering, print_setup, result, unit_line};
use crate::diagnostic::cell_ref;
use crate::engine::Totals;
use crate::engine::work::{calendar, lines_money, responsibilities};
use crate::locale::{Lang, Text, label};
use crate::model::{ItemId, Plan};
use crate::text::fold;

/// Name of the tasks sheet, in each language.
pub const TASKS_SHEET: Text = Text::fixed("Nhiệm vụ", "Tasks");
/// Name of the responsibilities sheet, in each language.
pub const RESPONSIBILITIES_SHEET: Text = Text::fixed("Trách nhiệm", "Responsibilities");
/// Name of the reporting calendar's sheet, in each language.
pub const CALENDAR_SHEET: Text = Text::fixed("Lịch báo cáo", "Reporting calendar");

/// The tasks sheet's columns: heading in each language, width.
const TASK_COLUMNS: [(&str, &str, f64); 11] = [
    ("Kế hoạch thành phần, nhóm", "Group", 22.0),
    ("STT", "No.", 6.0),
    ("Nội dung", "Task", 48.0),
    ("Chủ trì", "Lead agency", 22.0),
    ("Phối hợp", "Coordinating", 28.0),
    ("Thời gian", "Time", 14.0),
    ("Địa bàn", "Places", 18.0),
    ("Dòng kinh phí", "Budget lines", 28.0),
    ("Kinh phí", "Money", 13.0),
    ("Chỉ tiêu", "Targets", 28.0),
    ("Ghi chú", "Notes", 20.0),
];

/// The calendar's columns: heading in each language, width.
const REPORT_COLUMNS: [(&str, &str, f64); 5] = [
    ("Loại", "Kind", 18.0),
    ("Nội dung", "Report", 44.0),
    ("Thời gian", "When", 26.0),
    ("Đơn vị báo cáo", "From", 26.0),
    ("Nơi nhận", "To", 26.0),
];

/// The heading of the calendar's list of dates, below its entries.
pub(crate) const DATES_HEADING: Text = Text::fixed("Các mốc báo cáo", "Report dates");

/// Most dates the calendar's sheet lists (a quarterly report over a long period gives many).
const MAX_DATES: usize = 5_000;

/// Most ranges a money formula sums; beyond them the figure is written instead (Excel takes
/// 255 arguments).
const MAX_FORMULA_RANGES: usize = 100;

/// How each budget line is named where a task or an agency lists it: its name, or its number and
/// name ("2.1 Tuyên truyền") when another line has the same name. The import matches both.
pub(crate) fn line_labels(plan: &Plan) -> Vec<String> {
    let numbers = numbering(plan);
    let names: Vec<String> = plan.lines.iter().map(|l| fold(&l.name)).collect();
    let count = counts(&names);
    plan.lines
        .iter()
        .zip(&numbers)
        .zip(&names)
        .map(|((line, number), name)| {
            let twin = count.get(name.as_str()).is_some_and(|&n| n > 1);
            if twin { format!("{number} {}", line.name.trim()) } else { line.name.trim().to_string() }
        })
        .collect()
}

/// How many times each (folded) name occurs.
fn counts(names: &[String]) -> HashMap<&str, usize> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for n in names {
        *count.entry(n.as_str()).or_default() += 1;
    }
    count
}

/// How each target is named where a task or an agency lists it: its name, or its name and group
/// ("Biết chữ (Xóa mù chữ)", else its place: "Biết chữ (#3)") when another target has the same
/// name. The import matches both.
pub(crate) fn target_labels(plan: &Plan) -> Vec<String> {
    let names: Vec<String> = plan.targets.iter().map(|t| fold(&t.name)).collect();
    let count = counts(&names);
    plan.targets
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (t, name))| {
            let twin = count.get(name.as_str()).is_some_and(|&n| n > 1);
            match (twin, t.group.trim()) {
                (false, _) => t.name.trim().to_string(),
                (true, "") => format!("{} (#{})", t.name.trim(), i + 1),
                (true, group) => format!("{} ({group})", t.name.trim()),
            }
        })
        .collect()
}

/// The rows of `rows` (line indices) whose money counts: a line inside a listed group is counted
/// with the group, as [`lines_money`] counts.
fn counted(rows: &[usize], totals: &Totals) -> Vec<usize> {
    let listed: std::collections::HashSet<usize> = rows.iter().copied().collect();
    let mut out: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&row| {
            let mut up = totals.parent(row);
            while let Some(p) = up {
                if listed.contains(&p) {
                    return false;
                }
                up = totals.parent(p);
            }
            true
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `=SUM(...)` of column `col` of the budget sheet over the line rows `rows` (sorted), runs of
/// adjacent rows as one range; `None` when there are too many runs for one formula.
fn sum_of_lines(refs: &BudgetRefs, rows: &[usize], col: u16) -> Option<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, b)) if *b + 1 == row => *b = row,
            _ => runs.push((row, row)),
        }
    }
    if runs.is_empty() || runs.len() > MAX_FORMULA_RANGES {
        return None;
    }
    let at = |row: usize| cell_ref(refs.first_line + row as u32, u32::from(col));
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b { format!("'{BUDGET_SHEET}'!{}", at(a)) } else { format!("'{BUDGET_SHEET}'!{}:{}", at(a), at(b)) }
        })
        .collect();
    Some(format!("=SUM({})", parts.join(",")))
}

/// The cell formats of the sheets beside the budget (tasks, responsibilities, calendar, units).
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) head: Format,
    pub(super) cell: Format,
    pub(super) money: Format,
    pub(super) bold_money: Format,
}

impl Formats {
    /// The formats, amounts with `places` decimals.
    pub(super) fn new(places: u32) -> Self {
        let amounts = amount_format(places);
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
        Self {
            title: Format::new().set_bold().set_font_size(13),
            head: Format::new()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_background_color("#E6EEF8"),
            money: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top).set_num_format(&amounts),
            bold_money: Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_bold()
                .set_num_format(&amounts),
            cell,
        }
    }
}

/// Writes a money cell: the formula summing `col` of the budget sheet over `rows` with `value`
/// cached, or `value` itself when no formula gives it; blank when no line is listed.
fn write_money(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    refs: &BudgetRefs,
    rows: &[usize],
    budget_col: Option<u16>,
    value: Decimal,
    format: &Format,
) -> Result<(), ExportError> {
    if rows.is_empty() {
        ws.write_blank(row, col, format)?;
        return Ok(());
    }
    match budget_col.and_then(|c| sum_of_lines(refs, rows, c)) {
        Some(f) => ws.write_formula_with_format(row, col, Formula::new(f).set_result(result(value)), format)?,
        None => ws.write_number_with_format(row, col, number(value), format)?,
    };
    Ok(())
}

/// Adds the tasks, responsibilities and calendar sheets the plan calls for.
pub(super) fn work_sheets(
    workbook: &mut Workbook,
    plan: &Plan,
    totals: &Totals,
    lang: Lang,
    places: u32,
    refs: &BudgetRefs,
) -> Result<(), ExportError> {
    let formats = Formats::new(places);
    let lines = line_labels(plan);
    let targets = target_labels(plan);
    if !plan.tasks.is_empty() {
        tasks_sheet(workbook.add_worksheet(), plan, totals, lang, &formats, refs, (&lines, &targets))?;
    }
    let parts = responsibilities(plan, totals);
    if !parts.is_empty() {
        responsibilities_sheet(
            workbook.add_worksheet(),
            plan,
            totals,
            lang,
            &formats,
            refs,
            &parts,
            (&lines, &targets),
        )?;
    }
    if !plan.reports.is_empty() {
        calendar_sheet(workbook.add_worksheet(), plan, lang, &formats)?;
    }
    Ok(())
}

/// The names `ids` point to (in `ids`' order; ids of no item left out), joined with "; ".
/// `at`: each item's index by its id.
fn linked(ids: &[ItemId], at: &HashMap<ItemId, usize>, labels: &[String]) -> String {
    ids.iter()
        .filter_map(|id| at.get(id).and_then(|&i| labels.get(i)))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("; ")
}

fn tasks_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    totals: &Totals,
    lang: Lang,
    formats: &Formats,
    refs: &BudgetRefs,
    (lines, targets): (&[String], &[String]),
) -> Result<(), ExportError> {
    ws.set_name(TASKS_SHEET.get(lang))?;
    let Formats { title, head, cell, money, .. } = formats;
    ws.write_string_with_format(0, 0, label(lang, "Nhiệm vụ, giải pháp", "Tasks"), title)?;
    ws.write_string(1, 0, unit_line(plan, lang))?;
    let header = 3u32;
    for (c, (vi, en, width)) in TASK_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, label(lang, vi, en), head)?;
        ws.set_column_width(c as u16, *width)?;
    }
    let first = header + 1;
    let line_at: HashMap<ItemId, usize> = plan.lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let target_at: HashMap<ItemId, usize> = plan.targets.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for (i, task) in plan.tasks.iter().enumerate() {
        let row = first + i as u32;
        // A run of tasks under the same group shares one merged cell, as the plans print it.
        let group = task.group.trim();
        let starts_run = i == 0 || plan.tasks.get(i - 1).is_none_or(|t| t.group.trim() != group) || group.is_empty();
        if starts_run {
            let run = plan.tasks[i..].iter().take_while(|t| t.group.trim() == group).count().max(1);
            if run > 1 && !group.is_empty() {
                ws.merge_range(row, 0, row + run as u32 - 1, 0, group, cell)?;
            } else {
                ws.write_string_with_format(row, 0, group, cell)?;
            }
        }
        ws.write_string_with_format(row, 1, task.number.trim(), cell)?;
        ws.write_string_with_format(row, 2, task.name.trim(), cell)?;
        ws.write_string_with_format(row, 3, task.lead.trim(), cell)?;
        ws.write_string_with_format(row, 4, task.partners.join("; "), cell)?;
        ws.write_string_with_format(row, 5, task.time.trim(), cell)?;
        ws.write_string_with_format(row, 6, task.places.join("; "), cell)?;
        ws.write_string_with_format(row, 7, linked(&task.lines, &line_at, lines), cell)?;
        let rows: Vec<usize> = task.lines.iter().filter_map(|id| line_at.get(id).copied()).collect();
        let value = lines_money(plan, totals, &task.lines);
        write_money(ws, (row, 8), refs, &counted(&rows, totals), Some(refs.total_col), value, money)?;
        ws.write_string_with_format(row, 9, linked(&task.targets, &target_at, targets), cell)?;
        ws.write_string_with_format(row, 10, task.notes.trim(), cell)?;
    }
    ws.set_freeze_panes(first, 0)?;
    print_setup(ws, Some((header, header)), None)?;
    Ok(())
}

/// A task as an agency's list names it: "1.2 Tuyên truyền …", or by its place when unnumbered.
fn task_item(plan: &Plan, i: usize) -> String {
    let Some(task) = plan.tasks.get(i) else { return String::new() };
    match task.number.trim() {
        "" => format!("{}. {}", i + 1, task.name.trim()),
        number => format!("{number} {}", task.name.trim()),
    }
}

#[allow(clippy::too_many_arguments)]
fn responsibilities_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    totals: &Totals,
    lang: Lang,
    formats: &Formats,
    refs: &BudgetRefs,
    parts: &[crate::engine::work::Responsibility],
    (lines, targets): (&[String], &[String]),
) -> Result<(), ExportError> {
    ws.set_name(RESPONSIBILITIES_SHEET.get(lang))?;
    let Formats { title, head, cell, money, bold_money } = formats;
    ws.write_string_with_format(0, 0, label(lang, "Trách nhiệm của các cơ quan, đơn vị", "Responsibilities"), title)?;
    ws.write_string(1, 0, unit_line(plan, lang))?;
    let phases = plan.phases.len();
    let outside = parts.iter().any(|p| p.money_by_phase.get(phases).is_some_and(|v| !v.is_zero()));
    let mut headers: Vec<(String, f64)> = [
        ("Cơ quan, đơn vị", "Agency", 30.0),
        ("Tên viết tắt", "Short name", 14.0),
        ("Cấp", "Level", 12.0),
        ("Chủ trì nhiệm vụ", "Tasks led", 36.0),
        ("Phối hợp nhiệm vụ", "Tasks coordinated", 36.0),
        ("Chỉ tiêu chủ trì", "Targets led", 30.0),
        ("Chỉ tiêu phối hợp", "Targets coordinated", 30.0),
        ("Dòng kinh phí chủ trì", "Budget lines led", 30.0),
    ]
    .iter()
    .map(|(vi, en, w)| (label(lang, vi, en).to_string(), *w))
    .collect();
    let first_money = headers.len() as u16;
    headers.extend(plan.phases.iter().map(|p| (format!("{} ({} - {})", p.name, p.years.first, p.years.last), 13.0)));
    if outside {
        headers.push((label(lang, "Ngoài các giai đoạn", "Outside the phases").to_string(), 13.0));
    }
    let total_col = first_money + phases as u16 + outside as u16;
    headers.push((label(lang, "Tổng kinh phí", "Total money").to_string(), 14.0));
    headers.push((label(lang, "Theo dõi, chỉ đạo địa bàn", "Districts followed").to_string(), 24.0));
    let header = 3u32;
    for (c, (text, width)) in headers.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, text, head)?;
        ws.set_column_width(c as u16, *width)?;
    }
    let list = |items: &[usize], name: &dyn Fn(usize) -> String| -> String {
        items.iter().map(|&i| name(i)).collect::<Vec<_>>().join("\n")
    };
    let target = |i: usize| targets.get(i).cloned().unwrap_or_default();
    let line = |i: usize| lines.get(i).cloned().unwrap_or_default();
    let task = |i: usize| task_item(plan, i);
    for (k, part) in parts.iter().enumerate() {
        let row = header + 1 + k as u32;
        ws.write_string_with_format(row, 0, &part.name, cell)?;
        ws.write_string_with_format(row, 1, part.short.trim(), cell)?;
        ws.write_string_with_format(row, 2, part.level.name().get(lang), cell)?;
        ws.write_string_with_format(row, 3, list(&part.leads, &task), cell)?;
        ws.write_string_with_format(row, 4, list(&part.coordinates, &task), cell)?;
        ws.write_string_with_format(row, 5, list(&part.targets_led, &target), cell)?;
        ws.write_string_with_format(row, 6, list(&part.targets_coordinated, &target), cell)?;
        ws.write_string_with_format(row, 7, list(&part.lines, &line), cell)?;
        let rows = counted(&part.lines, totals);
        for p in 0..phases {
            let value = part.money_by_phase.get(p).copied().unwrap_or_default();
            let col = refs.phase_cols.get(p).copied().flatten();
            write_money(ws, (row, first_money + p as u16), refs, &rows, col, value, money)?;
        }
        if outside {
            let value = part.money_by_phase.get(phases).copied().unwrap_or_default();
            write_money(ws, (row, first_money + phases as u16), refs, &rows, None, value, money)?;
        }
        write_money(ws, (row, total_col), refs, &rows, Some(refs.total_col), part.money, bold_money)?;
        ws.write_string_with_format(row, total_col + 1, part.follows.join("; "), cell)?;
    }
    ws.set_freeze_panes(header + 1, 1)?;
    print_setup(ws, Some((header, header)), Some((0, 0)))?;
    Ok(())
}

fn calendar_sheet(ws: &mut Worksheet, plan: &Plan, lang: Lang, formats: &Formats) -> Result<(), ExportError> {
    ws.set_name(CALENDAR_SHEET.get(lang))?;
    let Formats { title, head, cell, .. } = formats;
    ws.write_string_with_format(0, 0, label(lang, "Lịch báo cáo, sơ kết, tổng kết", "Reporting calendar"), title)?;
    let header = 2u32;
    for (c, (vi, en, width)) in REPORT_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, label(lang, vi, en), head)?;
        ws.set_column_width(c as u16, *width)?;
    }
    for (i, r) in plan.reports.iter().enumerate() {
        let row = header + 1 + i as u32;
        ws.write_string_with_format(row, 0, r.kind.name().get(lang), cell)?;
        ws.write_string_with_format(row, 1, r.name.trim(), cell)?;
        ws.write_string_with_format(row, 2, r.when.trim(), cell)?;
        ws.write_string_with_format(row, 3, r.from.trim(), cell)?;
        ws.write_string_with_format(row, 4, r.to.trim(), cell)?;
    }
    // The dates the entries give, in order: what falls due when.
    let heading = header + plan.reports.len() as u32 + 2;
    ws.write_string_with_format(heading, 0, DATES_HEADING.get(lang), title)?;
    let dates_header = heading + 1;
    let columns =
        [("Tháng", "Month"), ("Loại", "Kind"), ("Nội dung", "Report"), ("Đơn vị báo cáo", "From"), ("Nơi nhận", "To")];
    for (c, (vi, en)) in columns.iter().enumerate() {
        ws.write_string_with_format(dates_header, c as u16, label(lang, vi, en), head)?;
    }
    let dates = calendar(plan);
    for (k, entry) in dates.iter().take(MAX_DATES).enumerate() {
        let row = dates_header + 1 + k as u32;
        let Some(r) = plan.reports.get(entry.report) else { continue };
        ws.write_string_with_format(row, 0, format!("{:02}/{}", entry.month, entry.year), cell)?;
        ws.write_string_with_format(row, 1, r.kind.name().get(lang), cell)?;
        ws.write_string_with_format(row, 2, r.name.trim(), cell)?;
        ws.write_string_with_format(row, 3, r.from.trim(), cell)?;
        ws.write_string_with_format(row, 4, r.to.trim(), cell)?;
    }
    if let Some(more) = dates.len().checked_sub(MAX_DATES).filter(|n| *n > 0) {
        let row = dates_header + 1 + MAX_DATES as u32;
        ws.write_string(row, 0, crate::text!("… và {more} mốc nữa", "… and {more} more dates").get(lang))?;
    }
    print_setup(ws, Some((header, header)), None)?;
    Ok(())
}
