//! Checks on a plan: every doubt becomes a diagnostic with the draft's JSON path as its place.
//! Nothing here blocks editing.

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::{FundingSplit, Totals};
use crate::locale::{Lang, format_decimal};
use crate::model::{Plan, ShareRule};

/// At most this many diagnostics of one kind are listed; the rest are summed up in one line.
pub const MAX_PER_KIND: usize = 50;

/// All diagnostics of the budget part of `plan`: amounts, phases, lines and funding.
pub fn validate(plan: &Plan, totals: &Totals, split: &FundingSplit) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_period_and_phases(plan, &mut out);
    check_lines(plan, totals, &mut out);
    check_funding(plan, split, &mut out);
    out.extend(crate::engine::targets::validate_targets(plan));
    out
}

fn amount_path(plan: &Plan, line: crate::model::ItemId, year: i32) -> String {
    let i = plan.line_index(line).unwrap_or(0);
    format!("$.lines[{i}].amounts.{year}")
}

fn line_label(plan: &Plan, i: usize) -> String {
    let name = plan.lines.get(i).map(|l| l.name.trim()).unwrap_or("");
    if name.is_empty() { format!("#{}", i + 1) } else { format!("«{}»", crate::text::clip(name, 60)) }
}

fn check_period_and_phases(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let period = plan.period;
    if period.first > period.last {
        out.push(Diagnostic::error(
            "period_inverted",
            "$.period",
            format!("Thời kỳ của kế hoạch bắt đầu ({}) sau khi kết thúc ({}).", period.first, period.last),
            format!("The plan's period starts ({}) after it ends ({}).", period.first, period.last),
        ));
    }
    for (i, phase) in plan.phases.iter().enumerate() {
        let name = crate::text::clip(&phase.name, 60);
        if phase.years.first > phase.years.last {
            out.push(Diagnostic::error(
                "phase_inverted",
                format!("$.phases[{i}].years"),
                format!("Giai đoạn «{name}» bắt đầu ({}) sau khi kết thúc ({}).", phase.years.first, phase.years.last),
                format!("Phase '{name}' starts ({}) after it ends ({}).", phase.years.first, phase.years.last),
            ));
            continue;
        }
        if !period.contains(phase.years.first) || !period.contains(phase.years.last) {
            out.push(Diagnostic::warning(
                "phase_outside_period",
                format!("$.phases[{i}].years"),
                format!(
                    "Giai đoạn «{name}» ({}–{}) nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                    phase.years.first, phase.years.last, period.first, period.last
                ),
                format!(
                    "Phase '{name}' ({}–{}) lies outside the plan's period ({}–{}).",
                    phase.years.first, phase.years.last, period.first, period.last
                ),
            ));
        }
        for (j, other) in plan.phases.iter().enumerate().skip(i + 1) {
            if other.years.first <= other.years.last && phase.years.overlaps(&other.years) {
                let other_name = crate::text::clip(&other.name, 60);
                out.push(Diagnostic::error(
                    "phases_overlap",
                    format!("$.phases[{j}].years"),
                    format!(
                        "Giai đoạn «{other_name}» trùng năm với giai đoạn «{name}»; các năm trùng chỉ được tính vào «{name}»."
                    ),
                    format!(
                        "Phase '{other_name}' overlaps phase '{name}'; the shared years count in '{name}' only."
                    ),
                ));
            }
        }
    }
}

fn check_lines(plan: &Plan, totals: &Totals, out: &mut Vec<Diagnostic>) {
    let mut negatives = 0;
    for (line, year) in totals.negative_cells() {
        negatives += 1;
        if negatives > MAX_PER_KIND {
            continue;
        }
        let i = plan.line_index(line).unwrap_or(0);
        let value = plan.lines.get(i).and_then(|l| l.amounts.get(&year)).copied().unwrap_or_default();
        out.push(Diagnostic::warning(
            "negative_amount",
            amount_path(plan, line, year),
            format!("Số âm ({}) ở dòng {}, năm {year}.", format_decimal(value, Lang::Vi), line_label(plan, i)),
            format!(
                "Negative amount ({}) in line {}, year {year}.",
                format_decimal(value, Lang::En),
                line_label(plan, i)
            ),
        ));
    }
    summarise(out, "negative_amount", negatives, "$.lines");

    let mut outside = std::collections::BTreeSet::new();
    let mut empty = 0;
    for (i, line) in plan.lines.iter().enumerate() {
        // Only lines reaching past the period are searched: the first and last keys tell.
        let reaches_out = line.amounts.first_key_value().is_some_and(|(&y, _)| y < plan.period.first)
            || line.amounts.last_key_value().is_some_and(|(&y, _)| y > plan.period.last);
        let beyond = if reaches_out {
            Some(line.amounts.range(..plan.period.first).chain(line.amounts.range(plan.period.last + 1..)))
        } else {
            None
        };
        for (&year, _) in beyond.into_iter().flatten() {
            if outside.insert(year) {
                out.push(Diagnostic::warning(
                    "year_outside_period",
                    format!("$.lines[{i}].amounts.{year}"),
                    format!(
                        "Năm {year} có kinh phí nhưng nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                        plan.period.first, plan.period.last
                    ),
                    format!(
                        "Year {year} holds money but lies outside the plan's period ({}–{}).",
                        plan.period.first, plan.period.last
                    ),
                ));
            }
        }
        if totals.is_group(i) {
            if !line.amounts.is_empty() {
                out.push(Diagnostic::warning(
                    "group_with_amounts",
                    format!("$.lines[{i}].amounts"),
                    format!(
                        "Nhóm {} có số liệu riêng; tổng của nhóm được cộng từ các dòng con nên số liệu riêng không được tính.",
                        line_label(plan, i)
                    ),
                    format!(
                        "Group {} has amounts of its own; a group's total comes from its lines, so they are not counted.",
                        line_label(plan, i)
                    ),
                ));
            }
        } else if line.amounts.is_empty() {
            empty += 1;
            if empty <= MAX_PER_KIND {
                out.push(Diagnostic::warning(
                    "empty_line",
                    format!("$.lines[{i}]"),
                    format!("Dòng {} chưa có kinh phí năm nào.", line_label(plan, i)),
                    format!("Line {} has no amount in any year.", line_label(plan, i)),
                ));
            }
        }
        if line.name.chars().all(char::is_whitespace) {
            out.push(Diagnostic::warning(
                "line_without_name",
                format!("$.lines[{i}].name"),
                format!("Dòng thứ {} chưa có tên.", i + 1),
                format!("Line {} has no name.", i + 1),
            ));
        }
    }
    summarise(out, "empty_line", empty, "$.lines");
}

fn summarise(out: &mut Vec<Diagnostic>, code: &'static str, count: usize, location: &str) {
    if count > MAX_PER_KIND {
        let more = count - MAX_PER_KIND;
        out.push(Diagnostic::warning(
            code,
            location,
            format!("… và {more} chỗ khác cùng loại."),
            format!("… and {more} more of the same kind."),
        ));
    }
}

fn check_funding(plan: &Plan, split: &FundingSplit, out: &mut Vec<Diagnostic>) {
    if plan.sources.is_empty() {
        return;
    }
    for (i, source) in plan.sources.iter().enumerate() {
        if source.name.trim().is_empty() {
            out.push(Diagnostic::warning(
                "source_without_name",
                format!("$.sources[{i}].name"),
                format!("Nguồn kinh phí thứ {} chưa có tên.", i + 1),
                format!("Funding source {} has no name.", i + 1),
            ));
        }
        if let ShareRule::Percent { value } | ShareRule::Amount { value } = source.rule
            && value.is_sign_negative()
            && !value.is_zero()
        {
            out.push(Diagnostic::error(
                "negative_share",
                format!("$.sources[{i}].rule.value"),
                format!("Nguồn «{}» có tỷ lệ hoặc số tiền âm.", source.name),
                format!("Source '{}' has a negative share or amount.", source.name),
            ));
        }
    }
    let remainders = plan.sources.iter().filter(|s| matches!(s.rule, ShareRule::Remainder)).count();
    if remainders > 1 {
        out.push(Diagnostic::warning(
            "several_remainders",
            "$.sources",
            "Nhiều nguồn cùng nhận «phần còn lại»; chỉ nguồn đầu tiên được tính.",
            "Several sources take 'the remainder'; only the first one does.",
        ));
    }
    let unassigned = split.grand.unassigned;
    let sum = split.percent_sum;
    if unassigned > Decimal::ZERO {
        out.push(Diagnostic::warning(
            "unassigned",
            "$.sources",
            format!(
                "Còn {} chưa có nguồn (tổng tỷ lệ {} %).",
                format_decimal(unassigned, Lang::Vi),
                format_decimal(sum, Lang::Vi)
            ),
            format!(
                "{} is not covered by any source (shares add up to {} %).",
                format_decimal(unassigned, Lang::En),
                format_decimal(sum, Lang::En)
            ),
        ));
    } else if unassigned < Decimal::ZERO || sum > Decimal::ONE_HUNDRED {
        out.push(Diagnostic::error(
            "over_assigned",
            "$.sources",
            format!(
                "Các nguồn vượt tổng kinh phí {} (tổng tỷ lệ {} %).",
                format_decimal(-unassigned, Lang::Vi),
                format_decimal(sum, Lang::Vi)
            ),
            format!(
                "The sources exceed the total by {} (shares add up to {} %).",
                format_decimal(-unassigned, Lang::En),
                format_decimal(sum, Lang::En)
            ),
        ));
    }
}
