//! A sheet of tasks: kehoach's own (group, number, task, lead, partners, time, places, budget
//! lines, money, targets, notes) or a plan's appendix table («Kế hoạch thành phần | Nội dung |
//! Chủ trì | Phối hợp | Thời gian»), the group in a column of its own (merged down over its tasks)
//! or in a row of its own above them.

use std::collections::HashSet;

use super::{
    Header, Link, Linker, TASKS_WORDS, figure, find_header, merged_from_above, rows_after, sheet_unit, split_list,
    stated_amount, text_of, unread_columns,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::engine::Totals;
use crate::engine::work::lines_money;
use crate::io::import::grid::{Cell, SheetGrid};
use crate::locale::{Lang, Text};
use crate::model::limits::{MAX_LINKS, MAX_TASKS};
use crate::model::{Plan, Task};
use crate::text::fold;

/// Tasks read from a sheet, with what was doubtful.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TasksFound {
    /// The tasks in the sheet's order, ids starting at 1 (renumber them into a plan); their
    /// budget lines and targets are the plan's ids.
    pub tasks: Vec<Task>,
    /// Warnings at their cells.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Group,
    Number,
    Name,
    Lead,
    Partners,
    Time,
    Places,
    Lines,
    Money,
    Targets,
    Notes,
}

fn role_of(f: &str) -> Option<Role> {
    let has = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    if has(&["ke hoach thanh phan", "nhom nhiem vu"]) || f == "nhom" || f == "group" || f == "ke hoach" {
        Some(Role::Group)
    } else if has(&["dong kinh phi", "budget line", "hang muc"]) {
        Some(Role::Lines)
    } else if has(&["kinh phi", "du toan", "money"]) || f == "amount" {
        Some(Role::Money)
    } else if has(&["chu tri", "lead"]) {
        Some(Role::Lead)
    } else if has(&["phoi hop", "coordinat", "partner"]) {
        Some(Role::Partners)
    } else if has(&["thoi gian", "thoi han", "tien do", "deadline"]) || f == "time" || f == "when" {
        Some(Role::Time)
    } else if has(&["dia ban", "dia diem", "pham vi thuc hien", "places"]) || f == "place" {
        Some(Role::Places)
    } else if has(&["chi tieu", "muc tieu", "target"]) {
        Some(Role::Targets)
    } else if has(&["ghi chu", "note"]) {
        Some(Role::Notes)
    } else if ["stt", "tt", "so tt", "so thu tu", "no.", "no", "#", "number"].contains(&f) {
        Some(Role::Number)
    } else if has(&["noi dung", "nhiem vu", "giai phap", "hoat dong"]) || f == "task" || f == "tasks" {
        Some(Role::Name)
    } else {
        None
    }
}

/// The header of a tasks table: the task's column and, in a sheet named for tasks, one more;
/// elsewhere the lead's column and the partners' or the time's.
pub(super) fn header(grid: &SheetGrid, named: bool) -> Option<Header<Role>> {
    let accept = |h: &Header<Role>| {
        h.has(Role::Name)
            && if named {
                [Role::Lead, Role::Partners, Role::Time, Role::Number, Role::Group].iter().any(|r| h.has(*r))
            } else {
                h.has(Role::Lead) && (h.has(Role::Partners) || h.has(Role::Time))
            }
    };
    find_header(grid, role_of, accept, !named)
}

/// Roman numerals of a group's heading: "I", "II", "IV.".
fn is_roman(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whether a text opens a group: "Kế hoạch thành phần 1: …", "Nhóm nhiệm vụ …", "Phần I".
fn names_a_group(text: &str) -> bool {
    let f = fold(text);
    ["ke hoach thanh phan", "nhom ", "phan "].iter().any(|k| f.starts_with(k))
}

/// Reads the tasks of `grid`, linking their budget lines and targets to `plan`'s by name and
/// checking the money the sheet states against those lines' money. `None` when the sheet holds no
/// tasks table.
pub fn find_tasks(grid: &SheetGrid, plan: &Plan) -> Option<TasksFound> {
    let named = super::kind_by_name(grid.name()) == Some(super::WorkSheet::Tasks);
    let header = header(grid, named)?;
    let sheet = grid.name().to_string();
    let col = |r: Role| header.col(r);
    let name_col = col(Role::Name)?;
    let mut found = TasksFound::default();
    let out = &mut found.diagnostics;
    let at = |row: u32, col: u32| Location::cell(&sheet, row, col);
    let totals = Totals::compute(plan);
    let unit = sheet_unit(grid, header.row, col(Role::Money)).unwrap_or(plan.unit);
    let (lines, targets) = (Linker::lines(plan), Linker::targets(plan));
    // Agencies the plan or this sheet names: a comma inside one does not cut a list.
    let mut known: HashSet<String> = plan.agency_names().into_iter().map(fold).collect();
    if let Some(c) = col(Role::Lead) {
        known.extend((header.row + 1..grid.end_row()).filter_map(|r| grid.get(r, c).text().map(fold)));
    }
    // Blanks in a group column mean "as above" only in a sheet that neither merges its groups
    // nor is kehoach's own (which writes every group and leaves a task without one blank).
    let group_merged = col(Role::Group)
        .is_some_and(|c| grid.merged().iter().any(|m| m.first_col == c && m.last_col == c && m.last_row > m.first_row));
    let ditto = !group_merged && col(Role::Lines).is_none();
    let mut group = String::new();
    let mut group_from_row = false;
    let mut ditto_warned = false;
    let mut blank_rows = 0;
    let mut end = grid.end_row();
    // Columns read as groups' own rows (a heading's column may have no heading of its own).
    let mut group_cols: HashSet<u32> = HashSet::new();
    for row in header.row.saturating_add(1)..grid.end_row() {
        let filled: Vec<u32> = (grid.first_col()..grid.end_col()).filter(|&c| !grid.get(row, c).is_blank()).collect();
        if filled.is_empty() {
            blank_rows += 1;
            if blank_rows >= 3 && !found.tasks.is_empty() {
                end = row;
                rows_after(grid, row, &TASKS_WORDS, out);
                break;
            }
            continue;
        }
        blank_rows = 0;
        let own = |c: Option<u32>| c.map(|c| text_of(grid, row, c, &mut Vec::new())).unwrap_or_default();
        // A group's own row: one text and nothing else ("Kế hoạch thành phần 1: …").
        if let [c] = filled.as_slice()
            && let Cell::Text(t) = grid.get(row, *c)
        {
            let wide = grid.merge_at(row, *c).is_some_and(|m| m.last_col > m.first_col);
            let by_place = Some(*c) == col(Role::Group) || (*c < name_col && Some(*c) != col(Role::Number));
            let by_words = col(Role::Group).is_none() && *c == name_col && names_a_group(t);
            if by_place || wide || by_words {
                group_cols.insert(*c);
                group = t.trim().to_string();
                group_from_row = true;
                ditto_warned = false;
                continue;
            }
        }
        // "I | KẾ HOẠCH THÀNH PHẦN 1" with nothing else, in a table without a group column.
        let (number, name) = (own(col(Role::Number)), own(Some(name_col)));
        if col(Role::Group).is_none()
            && filled.iter().all(|c| Some(*c) == col(Role::Number) || *c == name_col)
            && !name.is_empty()
            && (is_roman(&number) || names_a_group(&name))
        {
            group = if number.is_empty() {
                name
            } else if number.ends_with(['.', ')']) {
                format!("{number} {name}")
            } else {
                format!("{number}. {name}")
            };
            group_from_row = true;
            continue;
        }
        if name.is_empty() {
            let first = filled.first().copied().unwrap_or(name_col);
            out.push(Diagnostic::warning(
                "task_without_name",
                at(row, first),
                crate::text!(
                    "Dòng {} có số liệu nhưng không có nội dung nhiệm vụ; dòng không được đọc.",
                    "Row {} holds something but no task; it is not read.",
                    row + 1
                ),
            ));
            continue;
        }
        if found.tasks.len() >= MAX_TASKS {
            out.push(Diagnostic::warning(
                "too_many_tasks",
                at(row, name_col),
                crate::text!(
                    "Quá {MAX_TASKS} nhiệm vụ; các dòng từ đây không được đọc.",
                    "More than {MAX_TASKS} tasks; the rows from here are not read."
                ),
            ));
            end = row;
            break;
        }
        // The group: its cell, the top of its merged cell, or the group above.
        let mut task_group = group.clone();
        if let Some(gc) = col(Role::Group) {
            let (r, c) = merged_from_above(grid, row, gc);
            let text = text_of(grid, r, c, out);
            if !text.is_empty() {
                task_group = text.clone();
                if r == row {
                    group = text;
                    group_from_row = false;
                    ditto_warned = false;
                }
            } else if !group_from_row {
                if ditto && !group.is_empty() {
                    if !ditto_warned {
                        out.push(Diagnostic::warning(
                            "task_group_from_above",
                            at(row, gc),
                            crate::text!(
                                "Ô nhóm để trống: lấy nhóm «{}» ở dòng trên cho các dòng từ đây.",
                                "Blank group cell: the group '{}' above is taken for the rows from here.",
                                crate::text::clip(&group, 60)
                            ),
                        ));
                        ditto_warned = true;
                    }
                } else {
                    task_group = String::new();
                }
            }
        }
        let read = |role: Role, out: &mut Vec<_>| -> String {
            col(role)
                .map(|c| {
                    let (r, c) = merged_from_above(grid, row, c);
                    text_of(grid, r, c, out)
                })
                .unwrap_or_default()
        };
        let mut task = Task {
            id: crate::model::ItemId(found.tasks.len() as u32 + 1),
            group: task_group,
            number: text_of(grid, row, col(Role::Number).unwrap_or(u32::MAX), out),
            name: text_of(grid, row, name_col, out),
            lead: read(Role::Lead, out),
            time: read(Role::Time, out),
            notes: col(Role::Notes).map(|c| text_of(grid, row, c, out)).unwrap_or_default(),
            ..Task::default()
        };
        let none = HashSet::new();
        for (role, list, known) in
            [(Role::Partners, &mut task.partners, &known), (Role::Places, &mut task.places, &none)]
        {
            *list = split_list(&read(role, out), known);
            cap(list, (row, col(role).unwrap_or(name_col)), &sheet, out);
        }
        for (role, linker, ids, what) in [
            (Role::Lines, &lines, &mut task.lines, LinkKind::Line),
            (Role::Targets, &targets, &mut task.targets, LinkKind::Target),
        ] {
            let Some(c) = col(role) else { continue };
            let (list, doubts) = linker.link(&text_of(grid, row, c, out));
            *ids = list;
            cap(ids, (row, c), &sheet, out);
            for (name, link) in doubts {
                out.push(what.doubt(&name, &link, linker, at(row, c)));
            }
        }
        if let Some(c) = col(Role::Money) {
            let expected = lines_money(plan, &totals, &task.lines);
            if let Some(v) = stated_amount(grid, (row, c), expected, out).map(|v| unit.convert(v, plan.unit)) {
                if task.lines.is_empty() && !v.is_zero() {
                    out.push(Diagnostic::warning(
                        "task_money_without_lines",
                        at(row, c),
                        Text::each(|lang| {
                            let (name, v) = (crate::text::clip(&task.name, 60), figure(v, lang));
                            match lang {
                                Lang::Vi => format!(
                                    "Nhiệm vụ «{name}» ghi kinh phí {v} nhưng không gắn dòng kinh phí nào: kinh phí của nhiệm vụ lấy từ các dòng kinh phí nên con số này không được nhập."
                                ),
                                Lang::En => format!(
                                    "Task '{name}' states money of {v} but links no budget line: a task's money comes from its budget lines, so the figure is not imported."
                                ),
                            }
                        }),
                    ));
                } else if !task.lines.is_empty() && v != expected {
                    out.push(Diagnostic::warning(
                        "task_money_differs",
                        at(row, c),
                        Text::each(|lang| {
                            let name = crate::text::clip(&task.name, 60);
                            let (v, e) = (figure(v, lang), figure(expected, lang));
                            match lang {
                                Lang::Vi => {
                                    format!("Kinh phí ghi cho nhiệm vụ «{name}» ({v}) khác kinh phí các dòng gắn với nó ({e}).")
                                }
                                Lang::En => {
                                    format!("The money stated for task '{name}' ({v}) differs from its budget lines' money ({e}).")
                                }
                            }
                        }),
                    ));
                }
            }
        }
        found.tasks.push(task);
    }
    unread_columns(grid, &header, end, |c| group_cols.contains(&c), out);
    (!found.tasks.is_empty()).then_some(found)
}

/// Keeps at most [`MAX_LINKS`] items of a list, saying so.
fn cap<T>(list: &mut Vec<T>, (row, col): (u32, u32), sheet: &str, out: &mut Vec<Diagnostic>) {
    if list.len() > MAX_LINKS {
        list.truncate(MAX_LINKS);
        out.push(Diagnostic::warning(
            "too_many_links",
            Location::cell(sheet, row, col),
            crate::text!(
                "Ô liệt kê quá {MAX_LINKS} mục; chỉ {MAX_LINKS} mục đầu được nhập.",
                "The cell lists more than {MAX_LINKS} items; the first {MAX_LINKS} are imported."
            ),
        ));
    }
}

/// What a task links.
#[derive(Clone, Copy)]
enum LinkKind {
    Line,
    Target,
}

impl LinkKind {
    /// The warning about a name that finds no item, or several.
    fn doubt(self, name: &str, link: &Link, linker: &Linker, at: Location) -> Diagnostic {
        let name = crate::text::clip(name, 60);
        match (self, link) {
            (LinkKind::Line, Link::Twins(i, n)) => Diagnostic::warning(
                "task_line_ambiguous",
                at,
                crate::text!(
                    "Có {n} dòng kinh phí tên «{name}»; nhiệm vụ được gắn với dòng đầu tiên ({}).",
                    "{n} budget lines are named '{name}'; the task is linked to the first ({}).",
                    linker.labels.get(*i).map(String::as_str).unwrap_or_default()
                ),
            ),
            (LinkKind::Target, Link::Twins(i, n)) => Diagnostic::warning(
                "task_target_ambiguous",
                at,
                crate::text!(
                    "Có {n} chỉ tiêu tên «{name}»; nhiệm vụ được gắn với chỉ tiêu đầu tiên ({}).",
                    "{n} targets are named '{name}'; the task is linked to the first ({}).",
                    linker.labels.get(*i).map(String::as_str).unwrap_or_default()
                ),
            ),
            (LinkKind::Line, _) => Diagnostic::warning(
                "task_line_not_found",
                at,
                crate::text!(
                    "Kế hoạch không có dòng kinh phí «{name}»; nhiệm vụ không được gắn với nó.",
                    "The plan has no budget line '{name}'; the task is not linked to it."
                ),
            ),
            (LinkKind::Target, _) => Diagnostic::warning(
                "task_target_not_found",
                at,
                crate::text!(
                    "Kế hoạch không có chỉ tiêu «{name}»; nhiệm vụ không được gắn với nó.",
                    "The plan has no target '{name}'; the task is not linked to it."
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::grid::Region;
    use rust_decimal_macros::dec;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// The appendix of a plan: groups merged down their tasks, partners on lines of their own.
    #[test]
    fn reads_an_appendix_with_merged_groups() {
        let e = Cell::Empty;
        let grid = SheetGrid::from_rows(
            "Phụ lục",
            vec![
                vec![t("PHỤ LỤC: NHIỆM VỤ")],
                vec![t("Kế hoạch thành phần"), t("Nội dung"), t("Chủ trì"), t("Phối hợp"), t("Thời gian")],
                vec![
                    t("Kế hoạch thành phần 1: Xóa mù chữ"),
                    t("Điều tra số người mù chữ"),
                    t("Sở Giáo dục và Đào tạo"),
                    t("Sở Lao động - Thương binh và Xã hội\nUBND các huyện, thành phố"),
                    t("2013"),
                ],
                vec![
                    e.clone(),
                    t("Mở lớp xóa mù chữ"),
                    t("Sở Giáo dục và Đào tạo"),
                    t("Hội Khuyến học"),
                    t("2013-2015"),
                ],
                vec![
                    t("Kế hoạch thành phần 2: Học tập suốt đời"),
                    t("Xây dựng mô hình gia đình học tập"),
                    t("Hội Khuyến học"),
                    t("Sở Văn hóa, Thể thao và Du lịch, Mặt trận Tổ quốc tỉnh"),
                    t("Giai đoạn 2"),
                ],
            ],
        )
        .with_merged(vec![Region { first_row: 2, first_col: 0, last_row: 3, last_col: 0 }]);
        let found = find_tasks(&grid, &crate::reference::plan()).unwrap();
        assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);
        let tasks = &found.tasks;
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[1].group, "Kế hoạch thành phần 1: Xóa mù chữ");
        assert_eq!(tasks[0].partners, vec!["Sở Lao động - Thương binh và Xã hội", "UBND các huyện, thành phố"]);
        assert_eq!(tasks[2].partners, vec!["Sở Văn hóa, Thể thao và Du lịch", "Mặt trận Tổ quốc tỉnh"]);
        assert_eq!((tasks[1].time.as_str(), tasks[2].lead.as_str()), ("2013-2015", "Hội Khuyến học"));
    }

    /// Groups in rows of their own, numbers, links by name, and the money checked.
    #[test]
    fn reads_group_rows_links_and_checks_the_money() {
        let e = Cell::Empty;
        let grid = SheetGrid::from_rows(
            "Nhiệm vụ",
            vec![
                vec![t("STT"), t("Nội dung"), t("Chủ trì"), t("Dòng kinh phí"), t("Kinh phí"), t("Chỉ tiêu")],
                vec![t("I"), t("KẾ HOẠCH THÀNH PHẦN 1"), e.clone(), e.clone(), e.clone(), e.clone()],
                vec![t("1"), t("Tuyên truyền"), t("Sở GD&ĐT"), t("Tuyên truyền"), Cell::Number(dec!(400)), e.clone()],
                vec![t("2"), t("Mua sắm"), t("Sở GD&ĐT"), t("CSVC, tài liệu; Xe"), Cell::Number(dec!(1)), e.clone()],
                vec![e.clone(), e.clone(), t("Sở Tài chính")],
            ],
        );
        let plan = crate::reference::plan();
        let found = find_tasks(&grid, &plan).unwrap();
        assert_eq!(found.tasks.len(), 2);
        assert_eq!(found.tasks[0].group, "I. KẾ HOẠCH THÀNH PHẦN 1");
        assert_eq!(found.tasks[1].group, "I. KẾ HOẠCH THÀNH PHẦN 1");
        assert_eq!(found.tasks[0].lines, vec![plan.lines[0].id]);
        assert_eq!(found.tasks[1].lines, vec![plan.lines[1].id]);
        let codes: Vec<(&str, String)> =
            found.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect();
        assert_eq!(
            codes,
            vec![
                ("task_line_not_found", "'Nhiệm vụ'!D4".to_string()),
                ("task_money_differs", "'Nhiệm vụ'!E4".to_string()),
                ("task_without_name", "'Nhiệm vụ'!C5".to_string()),
            ]
        );
    }
}
