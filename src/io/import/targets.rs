//! Reading a sheet of target indicators: indicator rows, milestone-year columns ("2015",
//! "Năm 2015", "Đến năm 2020"), cells such as "96%", "trên 96%" or 20, and optional columns for the
//! area, the sub-group (a row for "xã đặc biệt khó khăn" under its indicator), the unit, the
//! comparison, the lead and coordinating agencies and notes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::grid::{Cell, SheetGrid};
use super::labels::year_of;
use crate::diagnostic::{Diagnostic, Location};
use crate::engine::targets::parse_target_value;
use crate::locale::Lang;
use crate::model::{Comparison, ItemId, Target, TargetUnit, TargetVariant, Year};
use crate::text::fold;

/// Targets read from a sheet, with what was doubtful.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetsFound {
    /// The targets, ids starting at 1 (renumber them into a plan).
    pub targets: Vec<Target>,
    /// Warnings at their cells.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Group,
    SubGroup,
    Unit,
    Comparison,
    Agency,
    Partners,
    Notes,
    Year(Year),
}

fn role_of(cell: &Cell) -> Option<Role> {
    let text = cell.text()?;
    let f = fold(text);
    let has = |k: &str| f.contains(k);
    if has("chi tieu") || has("muc tieu") || has("indicator") || has("target") {
        return Some(Role::Name);
    }
    if has("linh vuc") || f == "nhom" || has("area") {
        return Some(Role::Group);
    }
    if has("doi tuong") || has("sub-group") || has("subgroup") {
        return Some(Role::SubGroup);
    }
    if has("phoi hop") || has("coordinat") {
        return Some(Role::Partners);
    }
    if has("chu tri") || has("lead agency") || has("co quan") {
        return Some(Role::Agency);
    }
    if has("ghi chu") || f == "notes" || f == "note" {
        return Some(Role::Notes);
    }
    if has("so sanh") || has("comparison") {
        return Some(Role::Comparison);
    }
    if f == "don vi" || f == "dvt" || f == "don vi tinh" || f == "unit" {
        return Some(Role::Unit);
    }
    year_of(cell).map(Role::Year)
}

fn comparison_of(text: &str) -> Option<Comparison> {
    let f = fold(text);
    Comparison::ALL.into_iter().find(|c| {
        [Lang::Vi, Lang::En].into_iter().any(|lang| fold(c.name().get(lang)) == f) || c.symbol() == text.trim()
    })
}

fn unit_of(text: &str) -> TargetUnit {
    let f = fold(text);
    match f.as_str() {
        "%" | "ty le" | "percent" | "ty le %" => TargetUnit::Percent,
        "" | "so luong" | "count" => TargetUnit::Count,
        _ => TargetUnit::Named(text.trim().to_string()),
    }
}

/// Finds a targets table in `grid`: a header row with an indicator column and at least one
/// milestone-year column. `None` when the sheet holds none.
pub fn find_targets(grid: &SheetGrid) -> Option<TargetsFound> {
    let sheet = grid.name().to_string();
    let (header, roles) = (grid.first_row()..grid.end_row()).take(40).find_map(|row| {
        let roles: Vec<(u32, Role)> = (grid.first_col()..grid.end_col())
            .filter_map(|col| role_of(grid.get(row, col)).map(|r| (col, r)))
            .collect();
        let has_name = roles.iter().any(|(_, r)| *r == Role::Name);
        let years = roles.iter().filter(|(_, r)| matches!(r, Role::Year(_))).count();
        (has_name && years >= 1).then_some((row, roles))
    })?;
    let col_of = |role: Role| roles.iter().find(|(_, r)| *r == role).map(|(c, _)| *c);
    let name_col = col_of(Role::Name)?;
    let text_at = |row: u32, col: Option<u32>| -> String {
        col.and_then(|c| match grid.get(row, c) {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) => Some(n.normalize().to_string()),
            _ => None,
        })
        .unwrap_or_default()
    };
    let year_cols: Vec<(u32, Year)> =
        roles.iter().filter_map(|(c, r)| if let Role::Year(y) = r { Some((*c, *y)) } else { None }).collect();

    let mut found = TargetsFound::default();
    let mut blank_rows = 0;
    for row in header.saturating_add(1)..grid.end_row() {
        let name = text_at(row, Some(name_col));
        let sub = text_at(row, col_of(Role::SubGroup));
        let mut milestones = BTreeMap::new();
        let mut percent_sign = false;
        let mut comparison = col_of(Role::Comparison).and_then(|c| comparison_of(&text_at(row, Some(c))));
        for &(col, year) in &year_cols {
            let value = match grid.get(row, col) {
                Cell::Number(n) => Some(*n),
                Cell::Text(t) if !t.trim().is_empty() && t.trim() != "-" => match parse_target_value(t, Lang::Vi) {
                    Ok(v) => {
                        percent_sign |= v.percent;
                        comparison = comparison.or(v.comparison);
                        Some(v.value)
                    }
                    Err(_) => {
                        if found.diagnostics.len() < super::limits::MAX_TARGET_VALUE_WARNINGS {
                            found.diagnostics.push(Diagnostic::warning(
                                "target_value_unreadable",
                                Location::cell(&sheet, row, col),
                                crate::text!(
                                    "Không đọc được giá trị chỉ tiêu «{}»; ô được bỏ qua.",
                                    "The target value '{}' cannot be read; the cell is skipped.",
                                    crate::text::clip(t, 40)
                                ),
                            ));
                        }
                        None
                    }
                },
                Cell::Error(e) => {
                    found.diagnostics.push(Diagnostic::warning(
                        "error_cell",
                        Location::cell(&sheet, row, col),
                        crate::text!("Ô lỗi {e}; coi như trống.", "Error cell {e}; taken as empty."),
                    ));
                    None
                }
                _ => None,
            };
            if let Some(v) = value {
                milestones.insert(year, v);
            }
        }
        let is_variant = !sub.is_empty() && (name.is_empty() || found.targets.last().is_some_and(|t| t.name == name));
        if name.is_empty() && sub.is_empty() && milestones.is_empty() {
            blank_rows += 1;
            if blank_rows >= 3 && !found.targets.is_empty() {
                break;
            }
            continue;
        }
        blank_rows = 0;
        if is_variant {
            if let Some(t) = found.targets.last_mut() {
                t.variants.push(TargetVariant { name: sub, milestones });
            }
            continue;
        }
        if name.is_empty() {
            continue;
        }
        let unit = match col_of(Role::Unit) {
            Some(c) => unit_of(&text_at(row, Some(c))),
            None if percent_sign => TargetUnit::Percent,
            None if milestones.values().all(|v| *v <= Decimal::ONE_HUNDRED) => TargetUnit::Percent,
            None => TargetUnit::Count,
        };
        let partners = text_at(row, col_of(Role::Partners))
            .split([';', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let id = ItemId(found.targets.len() as u32 + 1);
        found.targets.push(Target {
            id,
            group: text_at(row, col_of(Role::Group)),
            name,
            unit,
            comparison: comparison.unwrap_or_default(),
            baseline: None,
            milestones,
            variants: Vec::new(),
            agency: text_at(row, col_of(Role::Agency)),
            partners,
            notes: text_at(row, col_of(Role::Notes)),
        });
        if found.targets.len() >= 5_000 {
            break;
        }
    }
    (!found.targets.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_a_targets_sheet_as_planners_write_it() {
        let grid = SheetGrid::from_rows(
            "Chỉ tiêu",
            vec![
                vec![t("MỤC TIÊU ĐẾN NĂM 2020")],
                vec![t("Lĩnh vực"), t("Chỉ tiêu"), t("Đối tượng"), t("Năm 2015"), t("Năm 2020"), t("Chủ trì")],
                vec![
                    t("Xóa mù chữ"),
                    t("Người 15–60 tuổi biết chữ"),
                    Cell::Empty,
                    t("trên 96%"),
                    t("98%"),
                    t("Sở GD&ĐT"),
                ],
                vec![
                    t("Mô hình"),
                    t("Gia đình học tập"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Number(dec!(60)),
                    Cell::Empty,
                ],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    t("xã đặc biệt khó khăn"),
                    Cell::Empty,
                    Cell::Number(dec!(50)),
                    Cell::Empty,
                ],
                vec![
                    t("Thí điểm"),
                    t("Gia đình thí điểm mỗi huyện"),
                    Cell::Empty,
                    Cell::Number(dec!(20)),
                    t("nhiều"),
                    Cell::Empty,
                ],
            ],
        );
        let found = find_targets(&grid).unwrap();
        assert_eq!(found.targets.len(), 3);
        let literacy = &found.targets[0];
        assert_eq!(literacy.comparison, Comparison::MoreThan);
        assert_eq!(literacy.unit, TargetUnit::Percent);
        assert_eq!(literacy.milestones[&2015], dec!(96));
        assert_eq!(literacy.milestones[&2020], dec!(98));
        assert_eq!(literacy.agency, "Sở GD&ĐT");
        assert_eq!(found.targets[1].variants[0].name, "xã đặc biệt khó khăn");
        assert_eq!(found.targets[1].variants[0].milestones[&2020], dec!(50));
        assert_eq!(found.diagnostics.len(), 1);
        assert_eq!(found.diagnostics[0].location.to_string(), "'Chỉ tiêu'!E6");
    }

    #[test]
    fn a_budget_sheet_holds_no_targets() {
        let grid = SheetGrid::from_rows(
            "Kinh phí",
            vec![
                vec![t("Năm"), t("Tuyên truyền"), t("Tổng")],
                vec![t("2013"), Cell::Number(dec!(70)), Cell::Number(dec!(70))],
            ],
        );
        assert!(find_targets(&grid).is_none());
    }
}
