//! A sheet of the reporting calendar: per entry its kind, what is reported, when, by whom and to
//! whom. kehoach's own sheet lists the dates these give below the entries: derived, not read.

use super::{Header, find_header, rows_after, text_of, unread_columns};
use crate::diagnostic::{Diagnostic, Location};
use crate::io::import::grid::SheetGrid;
use crate::locale::{Lang, Text};
use crate::model::limits::MAX_REPORTS;
use crate::model::{Report, ReportKind};
use crate::text::fold;

/// Calendar entries read from a sheet, with what was doubtful.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportsFound {
    /// The entries in the sheet's order, ids starting at 1 (renumber them into a plan).
    pub reports: Vec<Report>,
    /// Warnings at their cells.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Kind,
    Name,
    When,
    From,
    To,
}

fn role_of(f: &str) -> Option<Role> {
    let has = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    if has(&["don vi bao cao", "co quan bao cao", "noi gui"]) || f == "from" {
        Some(Role::From)
    } else if has(&["noi nhan", "gui ve", "co quan nhan", "don vi nhan"]) || f == "to" {
        Some(Role::To)
    } else if f == "loai" || f == "kind" || has(&["hinh thuc", "loai bao cao"]) {
        Some(Role::Kind)
    } else if has(&["thoi gian", "thoi han", "ky bao cao"]) || f == "when" {
        Some(Role::When)
    } else if has(&["noi dung", "ten bao cao"]) || f == "bao cao" || f == "report" {
        Some(Role::Name)
    } else {
        None
    }
}

/// The header of a calendar: what is reported and when, and, outside a sheet named for the
/// calendar, its kind, sender or receiver.
pub(super) fn header(grid: &SheetGrid, named: bool) -> Option<Header<Role>> {
    let accept = |h: &Header<Role>| {
        h.has(Role::Name)
            && h.has(Role::When)
            && (named || [Role::Kind, Role::From, Role::To].iter().any(|r| h.has(*r)))
    };
    find_header(grid, role_of, accept, !named)
}

/// The kind a cell names, in either language or as its code.
fn kind_of(text: &str) -> Option<ReportKind> {
    let f = fold(text);
    ReportKind::ALL
        .into_iter()
        .find(|k| [Lang::Vi, Lang::En].into_iter().any(|lang| fold(k.name().get(lang)) == f) || k.code() == text.trim())
}

/// The kind an entry's words suggest: a mid-term review ("sơ kết"), the final one ("tổng
/// kết"), else a periodic report.
fn guess_kind(name: &str) -> ReportKind {
    let f = fold(name);
    if f.contains("so ket") || f.contains("mid-term") {
        ReportKind::MidTerm
    } else if f.contains("tong ket") || f.contains("final") {
        ReportKind::Final
    } else {
        ReportKind::Periodic
    }
}

/// Reads the calendar entries of `grid`, up to the list of dates kehoach writes below them.
/// `None` when the sheet holds no calendar.
pub fn find_reports(grid: &SheetGrid) -> Option<ReportsFound> {
    let named = super::kind_by_name(grid.name()) == Some(super::WorkSheet::Reports);
    let header = header(grid, named)?;
    let sheet = grid.name().to_string();
    let col = |r: Role| header.col(r);
    let name_col = col(Role::Name)?;
    let at = |row: u32, col: u32| Location::cell(&sheet, row, col);
    let dates = crate::io::xlsx_export::DATES_HEADING;
    let dates = [fold(dates.get(Lang::Vi)), fold(dates.get(Lang::En))];
    let mut found = ReportsFound::default();
    let out = &mut found.diagnostics;
    let mut blank_rows = 0;
    let mut end = grid.end_row();
    for row in header.row.saturating_add(1)..grid.end_row() {
        let filled: Vec<u32> = (grid.first_col()..grid.end_col()).filter(|&c| !grid.get(row, c).is_blank()).collect();
        if filled.is_empty() {
            blank_rows += 1;
            if blank_rows >= 3 && !found.reports.is_empty() {
                end = row;
                rows_after(grid, row, &Text::fixed("lịch báo cáo", "reporting calendar"), out);
                break;
            }
            continue;
        }
        blank_rows = 0;
        // The dates below the entries are what the entries give: the table ends there.
        let texts: Vec<String> = filled.iter().filter_map(|&c| grid.get(row, c).text().map(fold)).collect();
        if texts.iter().any(|t| dates.contains(t)) || texts.iter().filter(|t| role_of(t).is_some()).count() >= 2 {
            end = row;
            break;
        }
        let name = text_of(grid, row, name_col, out);
        if name.is_empty() {
            out.push(Diagnostic::warning(
                "report_without_name",
                at(row, filled.first().copied().unwrap_or(name_col)),
                crate::text!(
                    "Dòng {} có số liệu nhưng không có nội dung báo cáo; dòng không được đọc.",
                    "Row {} holds something but no report; it is not read.",
                    row + 1
                ),
            ));
            continue;
        }
        if found.reports.len() >= MAX_REPORTS {
            out.push(Diagnostic::warning(
                "too_many_reports",
                at(row, name_col),
                crate::text!(
                    "Quá {MAX_REPORTS} mục báo cáo; các dòng từ đây không được đọc.",
                    "More than {MAX_REPORTS} calendar entries; the rows from here are not read."
                ),
            ));
            end = row;
            break;
        }
        let kind_text = col(Role::Kind).map(|c| text_of(grid, row, c, out)).unwrap_or_default();
        let kind = match kind_of(&kind_text) {
            Some(kind) => kind,
            None if kind_text.is_empty() => guess_kind(&name),
            None => {
                let guess = guess_kind(&format!("{kind_text} {name}"));
                out.push(Diagnostic::warning(
                    "report_kind_unknown",
                    at(row, col(Role::Kind).unwrap_or(name_col)),
                    Text::each(|lang| {
                        let (kind, guess) = (crate::text::clip(&kind_text, 40), guess.name());
                        let guess = guess.get(lang);
                        match lang {
                            Lang::Vi => format!("Không nhận ra loại «{kind}»; coi là: {guess}."),
                            Lang::En => format!("The kind '{kind}' is not recognised; taken as: {guess}."),
                        }
                    }),
                ));
                guess
            }
        };
        let text =
            |role: Role, out: &mut Vec<Diagnostic>| col(role).map(|c| text_of(grid, row, c, out)).unwrap_or_default();
        found.reports.push(Report {
            id: crate::model::ItemId(found.reports.len() as u32 + 1),
            kind,
            name,
            when: text(Role::When, out),
            from: text(Role::From, out),
            to: text(Role::To, out),
        });
    }
    unread_columns(grid, &header, end, |_| false, out);
    (!found.reports.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::grid::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_the_entries_not_the_dates_below() {
        let grid = SheetGrid::from_rows(
            "Lịch báo cáo",
            vec![
                vec![t("Lịch báo cáo, sơ kết, tổng kết")],
                vec![t("Loại"), t("Nội dung"), t("Thời gian"), t("Đơn vị báo cáo"), t("Nơi nhận")],
                vec![
                    t("Báo cáo định kỳ"),
                    t("Báo cáo tình hình"),
                    t("tháng 6 và tháng 12 hằng năm"),
                    t("Các sở"),
                    t("UBND tỉnh"),
                ],
                vec![Cell::Empty, t("Sơ kết giai đoạn 1"), t("năm 2015")],
                vec![t("Hội nghị"), t("Tổng kết"), t("năm 2020")],
                vec![],
                vec![t("Các mốc báo cáo")],
                vec![t("Tháng"), t("Loại"), t("Nội dung"), t("Đơn vị báo cáo"), t("Nơi nhận")],
                vec![t("06/2013"), t("Báo cáo định kỳ"), t("Báo cáo tình hình")],
            ],
        );
        let found = find_reports(&grid).unwrap();
        let kinds: Vec<ReportKind> = found.reports.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![ReportKind::Periodic, ReportKind::MidTerm, ReportKind::Final]);
        assert_eq!(found.reports[0].to, "UBND tỉnh");
        assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
        assert_eq!(found.diagnostics[0].location.to_string(), "'Lịch báo cáo'!A5");
    }
}
