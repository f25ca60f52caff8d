//! Reading who does what from a workbook: a sheet of tasks ([`find_tasks`]: kehoach's own
//! "Nhiệm vụ" sheet, or a plan's appendix table «Kế hoạch thành phần | Nội dung | Chủ trì |
//! Phối hợp | Thời gian»), the agencies' responsibilities ([`find_agencies`]: the directory's
//! short names, levels and followed districts) and the reporting calendar ([`find_reports`]).
//!
//! A sheet is one of these by its name ("Nhiệm vụ", "Tasks", "Trách nhiệm", "Lịch báo cáo" …)
//! or by the headings of its table. What the sheet states and the plan derives (a task's money,
//! an agency's total) is not imported but checked; every doubt is a warning at its cell.

mod agencies;
mod reports;
mod tasks;

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

pub use agencies::{AgenciesFound, find_agencies};
pub use reports::{ReportsFound, find_reports};
pub use tasks::{TasksFound, find_tasks};

use super::grid::{Cell, SheetGrid};
use super::labels::year_of;
use super::numbers::{TextValue, read_text};
use super::{ImportResult, Workbook};
use crate::diagnostic::{Diagnostic, Location};
use crate::locale::{Lang, Text};
use crate::model::{ItemId, MoneyUnit, Plan};
use crate::text::fold;

/// Which of these sheets a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WorkSheet {
    /// Tasks.
    Tasks,
    /// The agencies' responsibilities.
    Agencies,
    /// The reporting calendar.
    Reports,
}

/// What a sheet's name says it holds.
fn kind_by_name(name: &str) -> Option<WorkSheet> {
    match fold(name).as_str() {
        "nhiem vu" | "tasks" | "nhiem vu, giai phap" | "nhiem vu giai phap" => Some(WorkSheet::Tasks),
        "trach nhiem" | "responsibilities" | "co quan" | "agencies" => Some(WorkSheet::Agencies),
        "lich bao cao" | "reporting calendar" | "bao cao" | "reports" => Some(WorkSheet::Reports),
        _ => None,
    }
}

/// Which of these sheets `grid` is: by its name when it holds such a table (its headings taken
/// loosely), else by its table's headings alone.
pub(crate) fn kind_of(grid: &SheetGrid) -> Option<WorkSheet> {
    let has_table = |kind: WorkSheet, named: bool| match kind {
        WorkSheet::Tasks => tasks::header(grid, named).is_some(),
        WorkSheet::Agencies => agencies::header(grid, named).is_some(),
        WorkSheet::Reports => reports::header(grid, named).is_some(),
    };
    if let Some(kind) = kind_by_name(grid.name())
        && has_table(kind, true)
    {
        return Some(kind);
    }
    [WorkSheet::Tasks, WorkSheet::Reports, WorkSheet::Agencies].into_iter().find(|&kind| has_table(kind, false))
}

/// A table's header row and what each of its columns holds (the first column of each role).
#[derive(Debug, Clone)]
struct Header<R> {
    row: u32,
    cols: Vec<(u32, R)>,
    /// Columns whose heading repeats a role already taken: not read.
    repeated: Vec<u32>,
}

impl<R: Copy + PartialEq> Header<R> {
    fn col(&self, role: R) -> Option<u32> {
        self.cols.iter().find(|(_, r)| *r == role).map(|(c, _)| *c)
    }

    fn has(&self, role: R) -> bool {
        self.col(role).is_some()
    }
}

/// The first row (of the first 40) whose headings `accept` takes. With `guard_years`, a row with a
/// year label, or followed by a row of years, is a budget or targets table's header, not one of
/// these.
fn find_header<R: Copy + PartialEq>(
    grid: &SheetGrid,
    role_of: fn(&str) -> Option<R>,
    accept: impl Fn(&Header<R>) -> bool,
    guard_years: bool,
) -> Option<Header<R>> {
    (grid.first_row()..grid.end_row()).take(40).find_map(|row| {
        let mut header = Header { row, cols: Vec::new(), repeated: Vec::new() };
        for col in grid.first_col()..grid.end_col() {
            let Cell::Text(t) = grid.get(row, col) else { continue };
            if t.chars().count() > 80 {
                continue;
            }
            if let Some(role) = role_of(&fold(t)) {
                if header.has(role) {
                    header.repeated.push(col);
                } else {
                    header.cols.push((col, role));
                }
            }
        }
        let years = |r: u32| (grid.first_col()..grid.end_col()).filter(|&c| year_of(grid.get(r, c)).is_some()).count();
        let budget_like = guard_years && (years(row) > 0 || years(row.saturating_add(1)) >= 2);
        (accept(&header) && !budget_like).then_some(header)
    })
}

/// The text of a cell: text trimmed, a number as written, a date as a planner reads it; an error
/// value is a warning and reads as empty.
fn text_of(grid: &SheetGrid, row: u32, col: u32, out: &mut Vec<Diagnostic>) -> String {
    match grid.get(row, col) {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => n.normalize().to_string(),
        Cell::Date(d) => d.text(Lang::Vi),
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => {
            out.push(Diagnostic::warning(
                "error_cell",
                Location::cell(grid.name(), row, col),
                crate::text!("Ô lỗi {e}; coi như trống.", "Error cell {e}; taken as empty."),
            ));
            String::new()
        }
        Cell::Empty => String::new(),
    }
}

/// The cell whose value stands at (`row`, `col`): the cell itself, or the top of a merged region
/// running down the column from above it (a lead agency merged over several tasks).
fn merged_from_above(grid: &SheetGrid, row: u32, col: u32) -> (u32, u32) {
    match grid.merge_at(row, col) {
        Some(m) if m.first_col == col && m.first_row < row => (m.first_row, col),
        _ => (row, col),
    }
}

/// Names with a comma inside ("Sở Văn hóa, Thể thao và Du lịch", "các sở, ban, ngành"), folded,
/// by the words around each comma: a list is not cut there.
const COMMA_NAMES: [&[&str]; 5] = [
    &["van hoa", "the thao"],
    &["lao dong", "thuong binh"],
    &["so", "ban", "nganh"],
    &["co quan", "don vi"],
    &["hoi", "doan the"],
];

/// Whether the comma between `left` and `right` (folded) lies inside one of [`COMMA_NAMES`].
fn comma_inside_name(left: &str, right: &str) -> bool {
    COMMA_NAMES
        .iter()
        .any(|words| words.windows(2).any(|w| matches!(w, [a, b] if left.ends_with(a) && right.starts_with(b))))
}

/// A list as the plans write it in one cell: items on lines of their own or after ";", else
/// after ","; a comma inside a name the plan knows (`known`, folded), inside one of
/// [`COMMA_NAMES`], or before words with no capital ("các huyện, thành phố") does not cut.
/// Bullets ("- ", "+ ", "• ") are dropped.
fn split_list(text: &str, known: &HashSet<String>) -> Vec<String> {
    let clean = |s: &str| s.trim().trim_start_matches(['-', '+', '•', '*', '–']).trim().to_string();
    let text = text.trim();
    if text.contains(';') || text.contains('\n') {
        return text.split([';', '\n', '\r']).map(clean).filter(|s| !s.is_empty()).collect();
    }
    let pieces: Vec<String> = text.split(',').map(clean).filter(|s| !s.is_empty()).collect();
    let folded: Vec<String> = pieces.iter().map(|p| fold(p)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut take = 1;
        for len in (2..=pieces.len().saturating_sub(i).min(4)).rev() {
            let Some(run) = folded.get(i..i + len) else { continue };
            if known.contains(&run.join(", ")) || run.windows(2).all(|w| matches!(w, [a, b] if comma_inside_name(a, b)))
            {
                take = len;
                break;
            }
        }
        let item = pieces.get(i..i + take).map(|p| p.join(", ")).unwrap_or_default();
        match out.last_mut() {
            // "ban", "ngành liên quan", "thành phố": no capital, the previous item goes on.
            Some(last) if take == 1 && !item.chars().any(char::is_uppercase) => {
                last.push_str(", ");
                last.push_str(&item);
            }
            _ => out.push(item),
        }
        i += take;
    }
    out
}

/// Finds the plan's budget lines or targets by the names the sheets give them.
struct Linker {
    ids: Vec<ItemId>,
    labels: Vec<String>,
    by_label: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

/// What a name finds.
enum Link {
    /// One item.
    Found(usize),
    /// Several items of that name: the first, and how many.
    Twins(usize, usize),
    /// None.
    Missing,
}

impl Linker {
    fn new(items: impl Iterator<Item = (ItemId, String)>, labels: Vec<String>) -> Self {
        let mut linker = Linker { ids: Vec::new(), labels, by_label: HashMap::new(), by_name: HashMap::new() };
        for (i, (id, name)) in items.enumerate() {
            linker.ids.push(id);
            linker.by_name.entry(fold(&name)).or_default().push(i);
            if let Some(label) = linker.labels.get(i) {
                linker.by_label.entry(fold(label)).or_insert(i);
            }
        }
        linker
    }

    fn lines(plan: &Plan) -> Self {
        let labels = crate::io::xlsx_export::line_labels(plan);
        Self::new(plan.lines.iter().map(|l| (l.id, l.name.clone())), labels)
    }

    fn targets(plan: &Plan) -> Self {
        let labels = crate::io::xlsx_export::target_labels(plan);
        Self::new(plan.targets.iter().map(|t| (t.id, t.name.clone())), labels)
    }

    fn find(&self, name: &str) -> Link {
        let f = fold(name);
        if let Some(&i) = self.by_label.get(&f) {
            return Link::Found(i);
        }
        match self.by_name.get(&f).map(Vec::as_slice) {
            Some([i]) => Link::Found(*i),
            Some([i, ..]) => Link::Twins(*i, self.by_name.get(&f).map_or(0, Vec::len)),
            _ => Link::Missing,
        }
    }

    /// The items a cell names (after ";" or on lines of their own; a name not found is tried
    /// cut at its commas), each once, with the names not found or found twice.
    fn link(&self, text: &str) -> (Vec<ItemId>, Vec<(String, Link)>) {
        let mut ids = Vec::new();
        let mut doubts = Vec::new();
        let add = |i: usize, ids: &mut Vec<ItemId>| {
            if let Some(&id) = self.ids.get(i)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        };
        for piece in text.split([';', '\n', '\r']) {
            let piece = piece.trim().trim_start_matches(['-', '+', '•', '*', '–']).trim();
            if piece.is_empty() {
                continue;
            }
            match self.find(piece) {
                Link::Found(i) => add(i, &mut ids),
                Link::Twins(i, n) => {
                    add(i, &mut ids);
                    doubts.push((piece.to_string(), Link::Twins(i, n)));
                }
                Link::Missing => {
                    // "Tuyên truyền, Quản lý": several names after commas, longest first.
                    let parts: Vec<&str> = piece.split(',').map(str::trim).collect();
                    let mut found = Vec::new();
                    let mut missing = Vec::new();
                    let mut k = 0;
                    while k < parts.len() {
                        let hit = (1..=parts.len() - k).rev().find_map(|len| {
                            let joined = parts.get(k..k + len)?.join(", ");
                            match self.find(&joined) {
                                Link::Missing => None,
                                link => Some((len, joined, link)),
                            }
                        });
                        match hit {
                            Some((len, joined, link)) => {
                                found.push((joined, link));
                                k += len;
                            }
                            None => {
                                missing.push(parts.get(k).copied().unwrap_or_default().to_string());
                                k += 1;
                            }
                        }
                    }
                    if found.is_empty() {
                        doubts.push((piece.to_string(), Link::Missing));
                        continue;
                    }
                    for (name, link) in found {
                        match link {
                            Link::Found(i) => add(i, &mut ids),
                            Link::Twins(i, n) => {
                                add(i, &mut ids);
                                doubts.push((name, Link::Twins(i, n)));
                            }
                            Link::Missing => {}
                        }
                    }
                    doubts.extend(missing.into_iter().filter(|m| !m.is_empty()).map(|m| (m, Link::Missing)));
                }
            }
        }
        (ids, doubts)
    }
}

/// A figure stated in a cell, for a cross-check: a number, or text read as one (an ambiguous
/// "1.095" read as `expected` when one reading gives it). An unreadable one is a warning.
fn stated_amount(
    grid: &SheetGrid,
    (row, col): (u32, u32),
    expected: Decimal,
    out: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let at = || Location::cell(grid.name(), row, col);
    match grid.get(row, col) {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => match read_text(t) {
            TextValue::Number(v) => Some(v),
            TextValue::Ambiguous { grouped, decimal } => Some(if decimal == expected { decimal } else { grouped }),
            TextValue::Nothing => None,
            TextValue::ErrorText | TextValue::NotANumber => {
                out.push(Diagnostic::warning(
                    "amount_unreadable",
                    at(),
                    crate::text!(
                        "Không đọc được số tiền «{}»; không đối chiếu.",
                        "The amount '{}' cannot be read; not checked.",
                        crate::text::clip(t.trim(), 40)
                    ),
                ));
                None
            }
        },
        Cell::Error(e) => {
            out.push(Diagnostic::warning(
                "error_cell",
                at(),
                crate::text!("Ô lỗi {e}; coi như trống.", "Error cell {e}; taken as empty."),
            ));
            None
        }
        Cell::Date(_) | Cell::Bool(_) => {
            out.push(Diagnostic::warning(
                "amount_unreadable",
                at(),
                Text::fixed("Ô này không phải số tiền; không đối chiếu.", "This cell is not an amount; not checked."),
            ));
            None
        }
        Cell::Empty => None,
    }
}

/// The unit a sheet's amounts are in: a unit line above the header ("Đơn vị tính: Triệu
/// đồng"), or the unit in the money column's heading ("Kinh phí (triệu đồng)"); `None` when
/// neither says.
fn sheet_unit(grid: &SheetGrid, header: u32, money_col: Option<u32>) -> Option<MoneyUnit> {
    for row in grid.first_row()..header {
        for col in grid.first_col()..grid.end_col() {
            if let Cell::Text(t) = grid.get(row, col) {
                let f = fold(t);
                let f = f.trim_start_matches(['(', '[', '*', ' ']);
                if ["don vi tinh", "dvt", "d.v.t", "don vi:", "unit:"].iter().any(|k| f.starts_with(k))
                    && let Some(unit) = MoneyUnit::recognise(t)
                {
                    return Some(unit);
                }
            }
        }
    }
    let heading = grid.get(header, money_col?).text()?;
    heading.contains('(').then(|| MoneyUnit::recognise(heading)).flatten()
}

/// A figure for a message, in `lang`'s style.
fn figure(v: Decimal, lang: Lang) -> String {
    crate::locale::format_decimal(v, lang)
}

/// A warning once the table has ended (three blank rows) but more rows follow: they are not
/// read.
fn rows_after(grid: &SheetGrid, from: u32, what: &Text, out: &mut Vec<Diagnostic>) {
    let first = (from..grid.end_row())
        .find_map(|r| (grid.first_col()..grid.end_col()).find(|&c| !grid.get(r, c).is_blank()).map(|c| (r, c)));
    if let Some((row, col)) = first {
        out.push(Diagnostic::warning(
            "rows_after_table",
            Location::cell(grid.name(), row, col),
            Text::each(|lang| match lang {
                Lang::Vi => {
                    format!("Các dòng từ đây nằm sau bảng {} (sau 3 dòng trống) nên không được đọc.", what.get(lang))
                }
                Lang::En => {
                    format!(
                        "The rows from here lie after the {} table (after 3 blank rows) and are not read.",
                        what.get(lang)
                    )
                }
            }),
        ));
    }
}

/// Warnings for the columns a table does not read that hold something: a heading not
/// recognised, or one repeating another's (`skip`: columns read elsewhere or derived).
fn unread_columns<R: Copy + PartialEq>(
    grid: &SheetGrid,
    header: &Header<R>,
    last_row: u32,
    skip: impl Fn(u32) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    for col in grid.first_col()..grid.end_col() {
        if header.cols.iter().any(|(c, _)| *c == col) || skip(col) {
            continue;
        }
        let holds = (header.row.saturating_add(1)..last_row).any(|r| !grid.get(r, col).is_blank());
        if !holds {
            continue;
        }
        let heading = crate::text::clip(grid.get(header.row, col).text().unwrap_or("").trim(), 40);
        let repeated = header.repeated.contains(&col);
        out.push(Diagnostic::warning(
            "column_not_read",
            Location::cell(grid.name(), header.row, col),
            if repeated {
                crate::text!(
                    "Cột «{heading}» trùng tên với một cột trước nên không được đọc.",
                    "The column '{heading}' repeats an earlier column's heading and is not read."
                )
            } else {
                crate::text!(
                    "Không nhận ra cột «{heading}»; cột không được đọc.",
                    "The column '{heading}' is not recognised and is not read."
                )
            },
        ));
    }
}

/// What [`add_work`] brought in, for the message when the workbook has no budget table.
pub(crate) const TASKS_WORDS: Text = Text::fixed("các nhiệm vụ", "the tasks");
/// See [`TASKS_WORDS`].
pub(crate) const AGENCIES_WORDS: Text = Text::fixed("danh mục cơ quan", "the agencies");
/// See [`TASKS_WORDS`].
pub(crate) const REPORTS_WORDS: Text = Text::fixed("lịch báo cáo", "the reporting calendar");

/// Reads every (small) sheet of tasks, responsibilities or reporting calendar of `workbook` into
/// the plan (the budget sheet excepted unless it holds no budget table): tasks first, linked to
/// the plan's lines and targets, then the agencies, then the calendar. Returns what was found.
pub(crate) fn add_work(workbook: &Workbook<'_>, result: &mut ImportResult, budget_ok: bool) -> Vec<Text> {
    let budget_sheet = result.recognised.sheet.clone();
    let mut sheets: Vec<(WorkSheet, SheetGrid)> = Vec::new();
    for info in workbook.sheets() {
        if budget_ok && info.name == budget_sheet {
            continue;
        }
        if workbook.most_cells(&info.name) > super::limits::MAX_WORK_SHEET_CELLS {
            if kind_by_name(&info.name).is_some() {
                result.diagnostics.push(Diagnostic::warning(
                    "work_sheet_too_large",
                    Location::cell(&info.name, 0, 0),
                    crate::text!(
                        "Trang «{}» quá lớn ({} ô) để đọc nhiệm vụ, cơ quan hay lịch báo cáo; trang được bỏ qua.",
                        "The sheet '{}' is too large ({} cells) to read tasks, agencies or a reporting calendar from; it is skipped.",
                        info.name,
                        workbook.most_cells(&info.name)
                    ),
                ));
            }
            continue;
        }
        let Ok(grid) = workbook.sheet(&info.name) else { continue };
        if let Some(kind) = kind_of(&grid) {
            sheets.push((kind, grid));
        }
    }
    let mut found = Vec::new();
    let mut next = result.plan.next_id().0;
    let mut tasks = 0;
    for (_, grid) in sheets.iter().filter(|(k, _)| *k == WorkSheet::Tasks) {
        let Some(TasksFound { tasks: list, diagnostics }) = find_tasks(grid, &result.plan) else { continue };
        for mut t in list {
            if result.plan.tasks.len() >= crate::model::limits::MAX_TASKS {
                break;
            }
            t.id = ItemId(next);
            next += 1;
            tasks += 1;
            result.plan.tasks.push(t);
        }
        result.diagnostics.extend(diagnostics);
    }
    if tasks > 0 {
        found.push(TASKS_WORDS);
    }
    let mut agencies = 0;
    for (_, grid) in sheets.iter().filter(|(k, _)| *k == WorkSheet::Agencies) {
        let Some(AgenciesFound { agencies: list, diagnostics }) = find_agencies(grid, &result.plan) else { continue };
        result.diagnostics.extend(diagnostics);
        // The sheet lists the directory in its order: those it lists first, as it lists them.
        let mut ordered = Vec::new();
        for mut a in list {
            if let Some(i) = result.plan.agency_index(&a.name) {
                // An agency the plan's lines or targets named already: the sheet tells the rest.
                let mut known = result.plan.agencies.remove(i);
                known.short = a.short;
                known.level = a.level;
                known.follows = a.follows;
                ordered.push(known);
            } else if result.plan.agencies.len() + ordered.len() < crate::model::limits::MAX_AGENCIES {
                a.id = ItemId(next);
                next += 1;
                ordered.push(a);
            } else {
                continue;
            }
            agencies += 1;
        }
        ordered.append(&mut result.plan.agencies);
        result.plan.agencies = ordered;
    }
    if agencies > 0 {
        found.push(AGENCIES_WORDS);
    }
    let mut reports = 0;
    for (_, grid) in sheets.iter().filter(|(k, _)| *k == WorkSheet::Reports) {
        let Some(ReportsFound { reports: list, diagnostics }) = find_reports(grid) else { continue };
        result.diagnostics.extend(diagnostics);
        for mut r in list {
            if result.plan.reports.len() >= crate::model::limits::MAX_REPORTS {
                break;
            }
            r.id = ItemId(next);
            next += 1;
            reports += 1;
            result.plan.reports.push(r);
        }
    }
    if reports > 0 {
        found.push(REPORTS_WORDS);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cut_where_the_plans_cut_them() {
        let none = HashSet::new();
        assert_eq!(split_list("Sở Tài chính; Sở Nội vụ", &none), vec!["Sở Tài chính", "Sở Nội vụ"]);
        assert_eq!(split_list("Sở Tài chính\n- Sở Nội vụ\n", &none), vec!["Sở Tài chính", "Sở Nội vụ"]);
        assert_eq!(
            split_list("Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính", &none),
            vec!["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính"]
        );
        assert_eq!(
            split_list("Các sở, ban, ngành liên quan, UBND các huyện, thành phố", &none),
            vec!["Các sở, ban, ngành liên quan", "UBND các huyện, thành phố"]
        );
        assert_eq!(split_list("huyện Na Rì, huyện Ba Bể", &none), vec!["huyện Na Rì", "huyện Ba Bể"]);
        let known: HashSet<String> = [fold("Hội Khuyến học, Hội Cựu giáo chức")].into_iter().collect();
        assert_eq!(split_list("Hội Khuyến học, Hội Cựu giáo chức, Sở Y tế", &known).len(), 2);
    }

    #[test]
    fn names_link_to_the_plans_items_also_after_commas() {
        let plan = crate::reference::plan();
        let linker = Linker::lines(&plan);
        let (ids, doubts) = linker.link("tuyên truyền; CSVC, tài liệu");
        assert_eq!(ids, vec![plan.lines[0].id, plan.lines[1].id]);
        assert!(doubts.is_empty());
        let (ids, doubts) = linker.link("Quản lý, Tuyên truyền, Xe ô tô");
        assert_eq!(ids, vec![plan.lines[3].id, plan.lines[0].id]);
        assert!(matches!(doubts.as_slice(), [(name, Link::Missing)] if name == "Xe ô tô"));
        // Two lines of one name: each by its number and name; the bare name is a doubt.
        let mut plan = plan;
        plan.lines[3].name = "Tuyên truyền".into();
        let linker = Linker::lines(&plan);
        assert_eq!(linker.labels[3], "4 Tuyên truyền");
        assert_eq!(linker.link("4 Tuyên truyền; 1 Tuyên truyền").0, vec![plan.lines[3].id, plan.lines[0].id]);
        let (ids, doubts) = linker.link("Tuyên truyền");
        assert_eq!(ids, vec![plan.lines[0].id]);
        assert!(matches!(doubts.as_slice(), [(_, Link::Twins(0, 2))]));
    }
}
