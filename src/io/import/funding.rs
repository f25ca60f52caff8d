//! Funding sources stated on a sheet of their own ("Nguồn vốn": "Ngân sách Trung ương | 40 %").

use rust_decimal::Decimal;

use super::grid::{Cell, SheetGrid};
use super::labels::{self, percent_in};
use super::limits;
use super::numbers::{TextValue, read_text};
use crate::model::{FundingSource, Phase, ShareRule, SourceKind};
use crate::text::fold;

/// Suggested funding sources found in sheets that list them, such as a "Nguồn vốn" sheet with
/// "Ngân sách Trung ương | 40 %" rows: a share in percent, or a fixed amount when the column is
/// money ("Số tiền", "Kinh phí"). Sources whose kind cannot be told are left out, as are total
/// rows. A sheet that states each source's rule ("Quy tắc | Giá trị", as kehoach's own export
/// writes it, per phase too) gives those rules exactly, per-phase rules matched to `phases` by
/// their years. Ids are left at 0 for the caller to assign.
pub fn find_funding(sheets: &[SheetGrid], phases: &[Phase]) -> Vec<FundingSource> {
    let mut out: Vec<FundingSource> = Vec::new();
    for grid in sheets {
        if let Some(sources) = rules_table(grid, phases) {
            out.extend(sources);
            continue;
        }
        for source in funding_of_sheet(grid) {
            if !out.iter().any(|s| s.kind == source.kind) {
                out.push(source);
            }
        }
    }
    out
}

/// A table of sources with their rules: `Nguồn | Loại | Quy tắc | Giá trị | Quy tắc – <phase> |
/// Giá trị – <phase> …`.
fn rules_table(grid: &SheetGrid, phases: &[Phase]) -> Option<Vec<FundingSource>> {
    let header = (grid.first_row()..grid.end_row().min(grid.first_row() + 20)).find(|&r| {
        (grid.first_col()..grid.end_col())
            .any(|c| matches!(grid.get(r, c).text().map(fold).as_deref(), Some("quy tac" | "rule")))
    })?;
    let head = |c: u32| grid.get(header, c).text().map(fold).unwrap_or_default();
    let cols = grid.first_col()..grid.end_col();
    let name_col =
        cols.clone().find(|&c| matches!(head(c).as_str(), "nguon" | "source" | "nguon von" | "nguon kinh phi"))?;
    let kind_col = cols.clone().find(|&c| matches!(head(c).as_str(), "loai" | "kind"));
    let rule_col = cols.clone().find(|&c| matches!(head(c).as_str(), "quy tac" | "rule"))?;
    // Per-phase rule columns, matched by the years in their header.
    let phase_cols: Vec<(u32, crate::model::ItemId)> = cols
        .clone()
        .filter(|&c| c > rule_col + 1 && (head(c).starts_with("quy tac") || head(c).starts_with("rule")))
        .filter_map(|c| {
            let years = labels::years_in(&head(c));
            let (first, last) = (years.first()?, years.last()?);
            let phase = phases
                .iter()
                .find(|p| p.years.first == *first && p.years.last == *last)
                .or_else(|| phases.iter().find(|p| p.years.contains(*first) && p.years.contains(*last)))?;
            Some((c, phase.id))
        })
        .collect();
    let rule_at = |r: u32, c: u32| -> Option<ShareRule> {
        let name = fold(grid.get(r, c).text()?);
        let value = match grid.get(r, c + 1) {
            Cell::Number(d) => Some(*d),
            Cell::Text(t) => match read_text(t) {
                TextValue::Number(d) => Some(d),
                _ => None,
            },
            _ => None,
        };
        if name.starts_with("ty le") || name.starts_with("share") {
            Some(ShareRule::percent(value?))
        } else if name.starts_with("so tien") || name.starts_with("fixed") {
            Some(ShareRule::Amount { value: value? })
        } else if name.starts_with("phan con lai") || name.starts_with("remainder") {
            Some(ShareRule::Remainder)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    for r in header + 1..grid.end_row() {
        let Some(name) = grid.get(r, name_col).text().map(labels::tidy) else { continue };
        let folded = fold(&name);
        if name.is_empty()
            || folded.starts_with("chua co nguon")
            || folded == "unassigned"
            || folded.starts_with("tong")
            || folded == "total"
        {
            continue;
        }
        let Some(rule) = rule_at(r, rule_col) else { continue };
        let kind = kind_col
            .and_then(|c| grid.get(r, c).text().map(fold))
            .and_then(|k| {
                SourceKind::ALL.into_iter().find(|s| {
                    fold(s.name().get(crate::locale::Lang::Vi)) == k || fold(s.name().get(crate::locale::Lang::En)) == k
                })
            })
            .unwrap_or_else(|| SourceKind::guess(&name));
        let mut phase_rules = std::collections::BTreeMap::new();
        for &(c, id) in &phase_cols {
            if let Some(rule) = rule_at(r, c) {
                phase_rules.insert(id, rule);
            }
        }
        out.push(FundingSource {
            name: crate::text::clip(&name, limits::MAX_SOURCE_NAME_CHARS),
            kind,
            rule,
            phase_rules,
            ..FundingSource::default()
        });
        if out.len() >= limits::MAX_RULES_TABLE_SOURCES {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn funding_of_sheet(grid: &SheetGrid) -> Vec<FundingSource> {
    let mut out = Vec::new();
    for r in grid.first_row()..grid.end_row() {
        let Some((c, name)) = source_name_in_row(grid, r) else { continue };
        let Some(rule) = share_in_row(grid, r, c) else { continue };
        let kind = SourceKind::guess(&name);
        out.push(FundingSource { name, kind, rule, ..FundingSource::default() });
    }
    out
}

/// The first text cell of row `r` naming a funding source, with its column.
fn source_name_in_row(grid: &SheetGrid, r: u32) -> Option<(u32, String)> {
    for c in grid.first_col()..grid.end_col() {
        let Cell::Text(t) = grid.get(r, c) else { continue };
        let folded = fold(t);
        if folded.starts_with("tong") || folded.starts_with("cong") || folded.starts_with("total") {
            return None;
        }
        if SourceKind::guess(t) != SourceKind::Other {
            let name = labels::tidy(t.split('(').next().unwrap_or(t));
            return (!name.is_empty() && name.chars().count() <= 120).then_some((c, name));
        }
    }
    None
}

/// The share stated right of column `c` in row `r`.
fn share_in_row(grid: &SheetGrid, r: u32, c: u32) -> Option<ShareRule> {
    for col in c.saturating_add(1)..grid.end_col() {
        let cell = grid.get(r, col);
        let number = match cell {
            Cell::Text(t) if t.contains('%') => return percent_in(t).map(ShareRule::percent),
            Cell::Text(t) => match read_text(t) {
                TextValue::Number(d) => d,
                _ => continue,
            },
            Cell::Number(d) => *d,
            _ => continue,
        };
        return rule_for(number, &column_header(grid, r, col));
    }
    None
}

/// The nearest text above (r, c): the column's header.
fn column_header(grid: &SheetGrid, r: u32, c: u32) -> String {
    (grid.first_row()..r).rev().find_map(|row| grid.get(row, c).text().map(fold)).unwrap_or_default()
}

/// A percent or an amount, from the number and its column's header.
fn rule_for(n: Decimal, header: &str) -> Option<ShareRule> {
    if n <= Decimal::ZERO {
        return None;
    }
    let percent_header = header.contains('%') || header.contains("ty le") || header.contains("ty trong");
    let money_header = ["so tien", "kinh phi", "trieu", "dong", "amount", "du toan"].iter().any(|k| header.contains(k));
    // A cell formatted as a percentage holds 0.4 for 40 %.
    let as_percent = |v: Decimal| if v <= Decimal::ONE { v.checked_mul(Decimal::ONE_HUNDRED) } else { Some(v) };
    if percent_header {
        as_percent(n).filter(|p| *p <= Decimal::ONE_HUNDRED).map(|p| ShareRule::percent(p.normalize()))
    } else if money_header || n > Decimal::ONE_HUNDRED {
        Some(ShareRule::Amount { value: n })
    } else {
        as_percent(n).map(|p| ShareRule::percent(p.normalize()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_a_funding_sheet() {
        let grid = SheetGrid::from_rows(
            "Nguồn vốn",
            vec![
                vec![t("Nguồn vốn"), t("Tỷ lệ")],
                vec![t("Ngân sách Trung ương"), t("40 %")],
                vec![t("Ngân sách địa phương"), Cell::Number(dec!(0.6))],
                vec![t("Tổng cộng"), t("100%")],
            ],
        );
        let f = find_funding(&[grid], &[]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].kind, SourceKind::CentralBudget);
        assert_eq!(f[0].rule, ShareRule::percent(dec!(40)));
        assert_eq!(f[1].kind, SourceKind::LocalBudget);
        assert_eq!(f[1].rule, ShareRule::percent(dec!(60)));
    }

    #[test]
    fn reads_amounts_under_a_money_header() {
        let grid = SheetGrid::from_rows(
            "Nguồn",
            vec![vec![t("Nguồn"), t("Số tiền (triệu đồng)")], vec![t("Xã hội hóa"), Cell::Number(dec!(500))]],
        );
        let f = find_funding(&[grid], &[]);
        assert_eq!(f[0].rule, ShareRule::Amount { value: dec!(500) });
    }
}
