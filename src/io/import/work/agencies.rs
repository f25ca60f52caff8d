//! A sheet of the agencies' responsibilities, as kehoach exports it: per agency its name, short
//! name, level and the districts it follows (read), the tasks, targets and budget lines it leads
//! or coordinates and its money by phase (derived from the rest of the plan: not read, the total
//! checked).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Header, figure, find_header, rows_after, sheet_unit, split_list, stated_amount, text_of, unread_columns};
use crate::diagnostic::{Diagnostic, Location};
use crate::engine::Totals;
use crate::engine::work::responsibilities;
use crate::io::import::grid::{Cell, SheetGrid};
use crate::locale::{Lang, Text};
use crate::model::limits::{MAX_AGENCIES, MAX_LINKS};
use crate::model::{Agency, AgencyLevel, Plan};
use crate::text::fold;

/// Agencies read from a sheet, with what was doubtful.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgenciesFound {
    /// The agencies in the sheet's order, ids starting at 1 (renumber them into a plan).
    pub agencies: Vec<Agency>,
    /// Warnings at their cells.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Name,
    Short,
    Level,
    Follows,
    Total,
    /// What the plan derives: the tasks, targets and lines listed, the money by phase.
    Derived,
}

fn role_of(f: &str) -> Option<Role> {
    let has = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    if has(&["viet tat", "short"]) {
        Some(Role::Short)
    } else if ["cap", "cap hanh chinh", "level"].contains(&f) {
        Some(Role::Level)
    } else if has(&["theo doi", "chi dao dia ban", "phu trach dia ban", "follow"]) {
        Some(Role::Follows)
    } else if has(&["tong kinh phi", "tong so", "total"]) || f == "tong" || f == "tong cong" {
        Some(Role::Total)
    } else if has(&[
        "nhiem vu",
        "chi tieu",
        "dong kinh phi",
        "ngoai cac giai doan",
        "tasks",
        "targets",
        "budget lines",
        "outside the phases",
    ]) || f.starts_with("giai doan")
        || f.starts_with("phase")
    {
        Some(Role::Derived)
    } else if (f.starts_with("co quan") || f.starts_with("don vi")) && !f.contains("tinh") && !f.contains(':')
        || f == "agency"
        || f == "agencies"
        || f == "ten"
    {
        Some(Role::Name)
    } else {
        None
    }
}

/// The header of a responsibilities table: the agency's column and, outside a sheet named for
/// them, its short name's or its level's.
pub(super) fn header(grid: &SheetGrid, named: bool) -> Option<Header<Role>> {
    let accept = |h: &Header<Role>| {
        h.has(Role::Name)
            && (h.has(Role::Short)
                || h.has(Role::Level)
                || named && [Role::Follows, Role::Total, Role::Derived].iter().any(|r| h.has(*r)))
    };
    find_header(grid, role_of, accept, !named)
}

/// The level a cell names, in either language or as its code.
fn level_of(text: &str) -> Option<AgencyLevel> {
    let f = fold(text);
    AgencyLevel::ALL
        .into_iter()
        .find(|l| [Lang::Vi, Lang::En].into_iter().any(|lang| fold(l.name().get(lang)) == f) || l.code() == text.trim())
}

/// Reads the agencies of `grid`: name, short name, level (guessed from the name when blank) and
/// followed districts, checking the total money stated against the money of the lines each leads
/// in `plan`. `None` when the sheet holds no such table.
pub fn find_agencies(grid: &SheetGrid, plan: &Plan) -> Option<AgenciesFound> {
    let named = super::kind_by_name(grid.name()) == Some(super::WorkSheet::Agencies);
    let header = header(grid, named)?;
    let sheet = grid.name().to_string();
    let col = |r: Role| header.col(r);
    let name_col = col(Role::Name)?;
    let at = |row: u32, col: u32| Location::cell(&sheet, row, col);
    let mut found = AgenciesFound::default();
    let out = &mut found.diagnostics;
    let unit = sheet_unit(grid, header.row, col(Role::Total)).unwrap_or(plan.unit);
    let money: HashMap<String, Decimal> =
        responsibilities(plan, &Totals::compute(plan)).into_iter().map(|r| (r.name, r.money)).collect();
    let none = Default::default();
    let mut blank_rows = 0;
    let mut end = grid.end_row();
    for row in header.row.saturating_add(1)..grid.end_row() {
        let filled: Vec<u32> = (grid.first_col()..grid.end_col()).filter(|&c| !grid.get(row, c).is_blank()).collect();
        if filled.is_empty() {
            blank_rows += 1;
            if blank_rows >= 3 && !found.agencies.is_empty() {
                end = row;
                rows_after(grid, row, &Text::fixed("cơ quan", "agencies"), out);
                break;
            }
            continue;
        }
        blank_rows = 0;
        let name = text_of(grid, row, name_col, out);
        if name.is_empty() {
            out.push(Diagnostic::warning(
                "agency_without_name",
                at(row, filled.first().copied().unwrap_or(name_col)),
                crate::text!(
                    "Dòng {} có số liệu nhưng không có tên cơ quan; dòng không được đọc.",
                    "Row {} holds something but no agency's name; it is not read.",
                    row + 1
                ),
            ));
            continue;
        }
        if found.agencies.iter().any(|a| a.name == name) {
            out.push(Diagnostic::warning(
                "agency_repeated",
                at(row, name_col),
                crate::text!(
                    "Cơ quan «{}» đã có ở dòng trên; dòng này không được đọc.",
                    "The agency '{}' is listed above already; this row is not read.",
                    crate::text::clip(&name, 60)
                ),
            ));
            continue;
        }
        if found.agencies.len() >= MAX_AGENCIES {
            out.push(Diagnostic::warning(
                "too_many_agencies",
                at(row, name_col),
                crate::text!(
                    "Quá {MAX_AGENCIES} cơ quan; các dòng từ đây không được đọc.",
                    "More than {MAX_AGENCIES} agencies; the rows from here are not read."
                ),
            ));
            end = row;
            break;
        }
        let level_text = col(Role::Level).map(|c| text_of(grid, row, c, out)).unwrap_or_default();
        let level = match level_of(&level_text) {
            Some(level) => level,
            None if level_text.is_empty() => AgencyLevel::guess(&name),
            None => {
                let guess = AgencyLevel::guess(&name);
                out.push(Diagnostic::warning(
                    "agency_level_unknown",
                    at(row, col(Role::Level).unwrap_or(name_col)),
                    Text::each(|lang| {
                        let (level, guess) = (crate::text::clip(&level_text, 40), guess.name());
                        let guess = guess.get(lang);
                        match lang {
                            Lang::Vi => format!("Không nhận ra cấp «{level}»; lấy theo tên cơ quan: {guess}."),
                            Lang::En => {
                                format!("The level '{level}' is not recognised; taken from the agency's name: {guess}.")
                            }
                        }
                    }),
                ));
                guess
            }
        };
        let mut follows =
            split_list(&col(Role::Follows).map(|c| text_of(grid, row, c, out)).unwrap_or_default(), &none);
        if follows.len() > MAX_LINKS {
            follows.truncate(MAX_LINKS);
            out.push(Diagnostic::warning(
                "too_many_links",
                at(row, col(Role::Follows).unwrap_or(name_col)),
                crate::text!(
                    "Ô liệt kê quá {MAX_LINKS} mục; chỉ {MAX_LINKS} mục đầu được nhập.",
                    "The cell lists more than {MAX_LINKS} items; the first {MAX_LINKS} are imported."
                ),
            ));
        }
        if let Some(c) = col(Role::Total) {
            let expected = money.get(name.trim()).copied().unwrap_or_default();
            if let Some(v) = stated_amount(grid, (row, c), expected, out).map(|v| unit.convert(v, plan.unit))
                && v != expected
            {
                out.push(Diagnostic::warning(
                    "agency_money_differs",
                    at(row, c),
                    Text::each(|lang| {
                        let (name, v, e) = (crate::text::clip(&name, 60), figure(v, lang), figure(expected, lang));
                        match lang {
                            Lang::Vi => {
                                format!("Tổng kinh phí ghi cho «{name}» ({v}) khác kinh phí các dòng cơ quan này chủ trì ({e}).")
                            }
                            Lang::En => format!(
                                "The total stated for '{name}' ({v}) differs from the money of the budget lines it leads ({e})."
                            ),
                        }
                    }),
                ));
            }
        }
        found.agencies.push(Agency {
            id: crate::model::ItemId(found.agencies.len() as u32 + 1),
            short: col(Role::Short).map(|c| text_of(grid, row, c, out)).unwrap_or_default(),
            name,
            level,
            follows,
        });
    }
    // Columns of figures with headings of their own (a phase's name) are the derived money.
    let figures =
        |c: u32| (header.row.saturating_add(1)..end).all(|r| matches!(grid.get(r, c), Cell::Number(_) | Cell::Empty));
    unread_columns(
        grid,
        &header,
        end,
        |c| header.col(Role::Derived) == Some(c) || is_derived(&header, c) || figures(c),
        out,
    );
    (!found.agencies.is_empty()).then_some(found)
}

/// Whether column `c` is one of the derived ones (each role keeps its first column; the derived
/// columns after it are told by their headings' place between it and the total).
fn is_derived(header: &Header<Role>, c: u32) -> bool {
    match (header.col(Role::Derived), header.col(Role::Total)) {
        (Some(first), Some(total)) => first <= c && c < total,
        (Some(first), None) => first <= c,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_agencies_and_checks_their_money() {
        let mut plan = crate::reference::plan();
        plan.lines[0].agency = "Sở Giáo dục và Đào tạo".into();
        let grid = SheetGrid::from_rows(
            "Trách nhiệm",
            vec![
                vec![
                    t("Cơ quan, đơn vị"),
                    t("Tên viết tắt"),
                    t("Cấp"),
                    t("Chủ trì nhiệm vụ"),
                    t("Tổng kinh phí"),
                    t("Theo dõi, chỉ đạo địa bàn"),
                ],
                vec![
                    t("Sở Giáo dục và Đào tạo"),
                    t("Sở GD&ĐT"),
                    t("Cấp tỉnh"),
                    t("1. Tuyên truyền"),
                    Cell::Number(400.into()),
                    t("huyện Na Rì; huyện Pác Nặm"),
                ],
                vec![t("Hội Khuyến học"), Cell::Empty, t("Hội nhóm"), Cell::Empty, Cell::Number(5.into())],
                vec![t("UBND huyện Ba Bể"), Cell::Empty, Cell::Empty],
            ],
        );
        let found = find_agencies(&grid, &plan).unwrap();
        let a = &found.agencies;
        assert_eq!(a.len(), 3);
        assert_eq!((a[0].short.as_str(), a[0].level), ("Sở GD&ĐT", AgencyLevel::Province));
        assert_eq!(a[0].follows, vec!["huyện Na Rì", "huyện Pác Nặm"]);
        assert_eq!((a[1].level, a[2].level), (AgencyLevel::Association, AgencyLevel::District));
        let codes: Vec<(&str, String)> =
            found.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect();
        assert_eq!(
            codes,
            vec![
                ("agency_level_unknown", "'Trách nhiệm'!C3".to_string()),
                ("agency_money_differs", "'Trách nhiệm'!E3".to_string())
            ]
        );
    }
}
