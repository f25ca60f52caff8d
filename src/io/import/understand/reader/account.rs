//! An account of the table for the preview: what each field holds, and every row or column
//! that was not read as the plan's money, with how many figures it holds and (when they are
//! money) their sum. Money left out is also a warning at its place: nothing is dropped in
//! silence.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::io::import::grid::Cell;
use crate::io::import::result::{ExcludeReason, Excluded, FieldUse, FoundField};
use crate::model::MoneyUnit;

use super::super::amounts::{is_numeric, quiet_value};
use super::super::entries::EntryRole;
use super::super::fields::{Field, Part, Role};
use super::super::tags::{self, TextRole};
use super::Reader;
use super::matrix::{Matrix, YearPick};

/// Accounts for every field, entry, hidden cell and figure below the table.
pub(super) fn all(r: &mut Reader<'_, '_>, m: &Matrix, unit: MoneyUnit) {
    r.recognised.fields = found_fields(&r.fields, &m.col_of_field, &m.picks);
    r.recognised.name_field = r.tf.name.filter(|_| !r.axis.years_in_rows);
    numbering_columns(r);
    fields(r, m, unit);
    entries(r);
    hidden(r);
    if let Some(end) = r.table_end {
        outside(r, end);
    }
}

/// The fields as the preview lists them (blank ones left out).
fn found_fields(fields: &[Field], col_of_field: &BTreeMap<usize, usize>, picks: &[YearPick]) -> Vec<FoundField> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.role, Role::Blank))
        .map(|(i, f)| {
            let (year, kind, source) = match &f.role {
                Role::Year { year, kind, part } => {
                    let source = match part {
                        Part::Source { name, .. } => Some(name.clone()),
                        _ => None,
                    };
                    (Some(*year), *kind, source)
                }
                _ => (None, None, None),
            };
            let used = match &f.role {
                Role::Year { .. }
                    if col_of_field.contains_key(&i) || picks.iter().any(|p| p.ambiguous.contains(&i)) =>
                {
                    FieldUse::Amounts
                }
                Role::Year { .. } | Role::Unknown => FieldUse::LeftOut,
                Role::Phase { .. } | Role::Total { .. } => FieldUse::Checked,
                Role::Share { .. } => FieldUse::Share,
                Role::Compare => FieldUse::Percent,
                Role::Skipped => FieldUse::Skipped,
                Role::Text(_) | Role::Label | Role::Blank => FieldUse::Text,
            };
            FoundField { index: f.y, label: f.label.clone(), year, kind, source, used }
        })
        .collect()
}

/// Years as rows: the numbering columns left of the years ("STT").
fn numbering_columns(r: &mut Reader<'_, '_>) {
    if !r.axis.years_in_rows {
        return;
    }
    let Some(&name_row) = r.recognised.header_rows.last() else { return };
    for l in r.view.l_range().start..r.axis.slot {
        if let Some(t) = tags::tag_cell(r.view.cell(name_row, l))
            && t.role == Some(TextRole::Code)
        {
            let axis = r.view.axis_of_l();
            r.recognised.excluded.push(Excluded {
                axis,
                index: l,
                label: t.text,
                reason: ExcludeReason::Numbering,
                count: 0,
                sum: None,
            });
        }
    }
}

/// How many figures field `y` holds over the lines, and their sum.
fn figures(r: &Reader<'_, '_>, y: u32) -> (u32, Decimal) {
    let mut n = 0u32;
    let mut s = Decimal::ZERO;
    for (e, role) in r.entries.iter().zip(&r.roles) {
        if *role == EntryRole::Line
            && let Some(v) = quiet_value(r.view.cell(y, e.l))
        {
            n += 1;
            s = s.saturating_add(v);
        }
    }
    (n, s)
}

fn fields(r: &mut Reader<'_, '_>, m: &Matrix, unit: MoneyUnit) {
    let label_l = r.label_l();
    let span = r.body_start..r.extent_end;
    for (i, f) in r.fields.iter().enumerate() {
        // A year column read as the plan's amounts leaves nothing out.
        if matches!(f.role, Role::Year { .. }) && m.col_of_field.contains_key(&i) {
            continue;
        }
        let (count, sum) = figures(r, f.y);
        let sum = match f.unit {
            Some(u) if u != unit => u.convert(sum, unit),
            _ => sum,
        };
        let at = r.view.pos(f.y, label_l);
        let mut left: Option<(ExcludeReason, bool)> = None;
        match &f.role {
            Role::Year { year, kind, part } if !m.col_of_field.contains_key(&i) && count > 0 => {
                left = Some((ExcludeReason::OtherFigure, true));
                let pick = m.picks.iter().find(|p| p.year == *year);
                let chosen = pick.and_then(|p| p.kind);
                let breakdown =
                    matches!(part, Part::Other(_)) && pick.is_some_and(|p| p.whole.is_some()) && *kind == chosen;
                let (why_vi, why_en) = match (kind, chosen) {
                    _ if breakdown => (
                        format!(
                            "đây là một phần của tổng số năm {year} (chi tiết theo nội dung), tổng số đã được nhập"
                        ),
                        format!("it is a part of year {year}'s total (a breakdown), and the total is imported"),
                    ),
                    (Some(k), Some(c)) if *k != c => (
                        format!(
                            "năm {year} đã lấy số «{}»; cột «{}» là loại số khác",
                            c.name().get(crate::locale::Lang::Vi),
                            k.name().get(crate::locale::Lang::Vi)
                        ),
                        format!(
                            "year {year} takes the '{}' figures; this column holds '{}'",
                            c.name().get(crate::locale::Lang::En),
                            k.name().get(crate::locale::Lang::En)
                        ),
                    ),
                    _ => (
                        format!(
                            "năm {year} đã có một cột số liệu khác; hãy đánh dấu «bỏ qua» cột không dùng nếu chọn sai"
                        ),
                        format!(
                            "year {year} already has another column; mark the one not to use 'skip' if this is wrong"
                        ),
                    ),
                };
                r.report.left_out(at, &f.label, count, sum, &why_vi, &why_en);
            }
            Role::Phase { .. } if count > 0 => left = Some((ExcludeReason::Subtotal, false)),
            Role::Total { .. } if count > 0 => left = Some((ExcludeReason::Total, false)),
            Role::Share { .. } if count > 0 => left = Some((ExcludeReason::Share, true)),
            Role::Compare if count > 0 || !f.label.is_empty() => left = Some((ExcludeReason::Percent, false)),
            Role::Skipped => left = Some((ExcludeReason::UserMarked, true)),
            Role::Unknown | Role::Label | Role::Blank if count > 0 => {
                // A column of text with a few numbers among it (names such as "2000") is text.
                let texts = r
                    .entries
                    .iter()
                    .filter(|e| matches!(r.view.cell(f.y, e.l), c @ Cell::Text(t) if !is_numeric(c) && !t.trim().is_empty()))
                    .count();
                if !matches!(f.role, Role::Unknown) && texts >= count as usize {
                    continue;
                }
                left = Some((ExcludeReason::Unrecognised, true));
                r.report.left_out(
                    at,
                    &f.label,
                    count,
                    sum,
                    "tiêu đề cột không cho biết năm, giai đoạn hay tổng; nếu là số tiền của một năm, hãy ghi năm vào tiêu đề",
                    "its header names no year, phase or total; if it is a year's money, write the year in its header",
                );
            }
            Role::Text(role) => {
                let reason = match role {
                    TextRole::Code => ExcludeReason::Numbering,
                    TextRole::Notes => ExcludeReason::Notes,
                    _ => ExcludeReason::Text,
                };
                if count > 0 || reason != ExcludeReason::Text {
                    left = Some((reason, false));
                }
                // Broken cells in a column that is not money still tell the sheet is broken there.
                for e in &r.entries {
                    if span.contains(&e.l)
                        && let Cell::Error(err) = r.view.cell(f.y, e.l)
                    {
                        r.report.error_cell(r.view.pos(f.y, e.l), err);
                    }
                }
            }
            _ => {}
        }
        if let Some((reason, money)) = left {
            let axis = r.view.axis_of_y();
            r.recognised.excluded.push(Excluded {
                axis,
                index: f.y,
                label: f.label.clone(),
                reason,
                count,
                sum: money.then_some(sum),
            });
        }
    }
}

fn entries(r: &mut Reader<'_, '_>) {
    let years: Vec<u32> = r.fields.iter().filter(|f| matches!(f.role, Role::Year { .. })).map(|f| f.y).collect();
    let (mut memo_count, mut memo_sum, mut memo_at) = (0u32, Decimal::ZERO, None);
    for (e, role) in r.entries.iter().zip(&r.roles) {
        // The lines are the plan's; only what is left out is counted and summed.
        if *role == EntryRole::Line {
            continue;
        }
        let (count, sum) =
            years.iter().fold((0u32, Decimal::ZERO), |(n, s), &y| match quiet_value(r.view.cell(y, e.l)) {
                Some(v) => (n + 1, s.saturating_add(v)),
                None => (n, s),
            });
        let reason = match role {
            EntryRole::Line => continue,
            EntryRole::Total { bare: false } => ExcludeReason::Total,
            EntryRole::Total { bare: true } => ExcludeReason::Subtotal,
            EntryRole::Memo => {
                memo_count += count;
                memo_sum = memo_sum.saturating_add(sum);
                memo_at = memo_at.or(Some(r.view.pos(r.axis.slot, e.l)));
                ExcludeReason::Memo
            }
            EntryRole::Share { .. } => ExcludeReason::Share,
            EntryRole::Compare => ExcludeReason::Percent,
            EntryRole::Notes => ExcludeReason::Notes,
            EntryRole::Text => ExcludeReason::Text,
            EntryRole::UserMarked => ExcludeReason::UserMarked,
        };
        let money = matches!(reason, ExcludeReason::Memo | ExcludeReason::UserMarked | ExcludeReason::Share);
        r.recognised.excluded.push(Excluded {
            axis: r.view.axis_of_l(),
            index: e.l,
            label: e.name.clone(),
            reason,
            count,
            sum: (money && count > 0).then_some(sum),
        });
    }
    if memo_count > 0
        && let Some(at) = memo_at
    {
        r.report.left_out(
            at,
            "Trong đó",
            memo_count,
            memo_sum,
            "các dòng «trong đó» chi tiết cho dòng trên, số của chúng đã nằm trong số của dòng đó",
            "'of which' rows detail the line above; their figures are already in its figure",
        );
    }
}

/// Hidden rows and columns within the table: skipped, counted and said once.
fn hidden(r: &mut Reader<'_, '_>) {
    let view = r.view;
    if !view.hidden.any() {
        return;
    }
    let (mut count, mut sum) = (0u32, Decimal::ZERO);
    let (mut hidden_l, mut hidden_y) = (BTreeSet::new(), BTreeSet::new());
    for l in r.body_start..r.extent_end {
        for f in &r.fields {
            if !view.is_hidden(f.y, l) {
                continue;
            }
            // A hidden row is a hidden entry when years are columns, a hidden field when years are
            // rows (and the other way round for columns).
            let (row, col) = view.pos(f.y, l);
            let (entry_hidden, field_hidden) = if r.axis.years_in_rows {
                (view.hidden.col(col), view.hidden.row(row))
            } else {
                (view.hidden.row(row), view.hidden.col(col))
            };
            if entry_hidden {
                hidden_l.insert(l);
            }
            if field_hidden {
                hidden_y.insert(f.y);
            }
            if let Some(v) = quiet_value(view.raw(f.y, l)) {
                count += 1;
                sum = sum.saturating_add(v);
            }
        }
    }
    let (rows, cols) =
        if r.axis.years_in_rows { (hidden_y.len(), hidden_l.len()) } else { (hidden_l.len(), hidden_y.len()) };
    let (rows, cols) = (u32::try_from(rows).unwrap_or(u32::MAX), u32::try_from(cols).unwrap_or(u32::MAX));
    if rows + cols == 0 {
        return;
    }
    r.recognised.hidden = (rows, cols);
    for &l in &hidden_l {
        let axis = view.axis_of_l();
        r.recognised.excluded.push(Excluded {
            axis,
            index: l,
            label: String::new(),
            reason: ExcludeReason::Hidden,
            count: 0,
            sum: None,
        });
    }
    for &y in &hidden_y {
        let axis = view.axis_of_y();
        r.recognised.excluded.push(Excluded {
            axis,
            index: y,
            label: String::new(),
            reason: ExcludeReason::Hidden,
            count: 0,
            sum: None,
        });
    }
    let slot = r.axis.slot;
    let first = hidden_l
        .iter()
        .next()
        .map(|&l| view.pos(slot, l))
        .or_else(|| hidden_y.iter().next().map(|&y| view.pos(y, slot)))
        .unwrap_or((0, 0));
    r.report.hidden(first, rows, cols, count, sum);
}

/// Figures in the year fields below the table's end (after a signature or blank rows).
fn outside(r: &mut Reader<'_, '_>, end: u32) {
    let years: Vec<u32> = r.fields.iter().filter(|f| matches!(f.role, Role::Year { .. })).map(|f| f.y).collect();
    let (mut count, mut sum, mut first) = (0u32, Decimal::ZERO, None);
    for l in end..r.stop.min(r.view.l_range().end) {
        for &y in &years {
            if let Some(v) = quiet_value(r.view.cell(y, l)) {
                count += 1;
                sum = sum.saturating_add(v);
                first = first.or(Some(l));
            }
        }
    }
    let Some(first) = first else { return };
    let axis = r.view.axis_of_l();
    r.recognised.excluded.push(Excluded {
        axis,
        index: first,
        label: String::new(),
        reason: ExcludeReason::OutsideTable,
        count,
        sum: Some(sum),
    });
    r.report.left_out(
        r.view.pos(r.axis.slot, first),
        "",
        count,
        sum,
        "chúng nằm dưới bảng, sau phần chữ ký hoặc sau các hàng trống; nếu đó là một bảng khác, hãy chọn bảng đó",
        "they lie below the table, after the signatures or blank rows; if they are another table, choose that table",
    );
}
