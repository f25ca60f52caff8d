//! Checks on a plan: every doubt becomes a diagnostic with the draft's JSON path as its place.
//! Nothing here blocks editing.
//!
//! Every check is O(n log n) at most in its items (phases are compared in one sorted sweep,
//! [`crate::model::PhaseCover`]), and each kind of diagnostic is listed at most
//! [`MAX_PER_KIND`] times, the rest counted in one summary ("… và 4.212 lỗi khác cùng loại"):
//! a message beyond the cap is not even formatted.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Location, PlanPlace, Severity};
use crate::engine::{FundingSplit, Totals};
use crate::locale::{Lang, Text, format_decimal};
use crate::model::{Plan, ShareRule};

/// At most this many diagnostics of one kind are listed; the rest are summed up in one line.
pub const MAX_PER_KIND: usize = 50;

/// All diagnostics of `plan`: amounts, phases, lines, funding and targets.
pub fn validate(plan: &Plan, totals: &Totals, split: &FundingSplit) -> Vec<Diagnostic> {
    let mut out = Capped::default();
    check_period_and_phases(plan, &mut out);
    check_lines(plan, totals, &mut out);
    check_years_outside_phases(plan, totals, &mut out);
    check_funding(plan, split, &mut out);
    crate::engine::work::validate_work(plan, totals, &mut out);
    let mut out = out.finish();
    out.extend(crate::engine::targets::validate_targets(plan));
    out
}

/// A year of the period that holds money but lies in no phase: its money is in the grand total
/// and in no phase's subtotal (a paste or an import that reached past the last phase).
fn check_years_outside_phases(plan: &Plan, totals: &Totals, out: &mut Capped) {
    if plan.phases.is_empty() {
        return;
    }
    let cover = crate::model::PhaseCover::new(&plan.phases);
    for &year in totals.columns() {
        if !plan.period.contains(year) || cover.phase_of(year).is_some() || !totals.year_has_values(year) {
            continue;
        }
        let line = plan.lines.iter().position(|l| l.amounts.contains_key(&year)).unwrap_or(0);
        out.push("year_outside_phases", PlanPlace::Phases, || {
            let total = totals.year_total(year);
            Diagnostic::warning(
                "year_outside_phases",
                PlanPlace::Amount(line, year), crate::locale::Text::new(format!(
                    "Năm {year} có kinh phí ({}) nhưng không thuộc giai đoạn nào: số này có trong tổng cộng nhưng không có trong tổng của giai đoạn nào. Hãy mở rộng một giai đoạn hoặc thêm giai đoạn mới.",
                    format_decimal(total, Lang::Vi)
                ), format!(
                    "Year {year} holds money ({}) but lies in no phase: it is in the grand total and in no phase's subtotal. Extend a phase or add one.",
                    format_decimal(total, Lang::En)
                )))
        });
    }
}

/// Diagnostics with at most [`MAX_PER_KIND`] of each kind; the others are counted, and
/// [`Capped::finish`] adds one summary per kind that had more.
#[derive(Debug, Default)]
pub(crate) struct Capped {
    out: Vec<Diagnostic>,
    /// Per kind: code, how many were found, the severity and where the summary points.
    kinds: Vec<(&'static str, usize, Severity, Location)>,
}

impl Capped {
    /// Adds the diagnostic `make` builds, if fewer than [`MAX_PER_KIND`] of kind `code` were
    /// added; counts it either way. `summary_at` is the place of the summary (`$.lines` …).
    pub(crate) fn push(
        &mut self,
        code: &'static str,
        summary_at: impl Into<Location>,
        make: impl FnOnce() -> Diagnostic,
    ) {
        // A handful of kinds: a linear search is the fastest map.
        match self.kinds.iter_mut().find(|k| k.0 == code) {
            Some(kind) => {
                kind.1 += 1;
                if kind.1 <= MAX_PER_KIND {
                    self.out.push(make());
                }
            }
            None => {
                let d = make();
                self.kinds.push((code, 1, d.severity, summary_at.into()));
                self.out.push(d);
            }
        }
    }

    /// The diagnostics, with a summary after them for each kind beyond the cap.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        for (code, count, severity, at) in self.kinds {
            if count > MAX_PER_KIND {
                self.out.push(summary(code, severity, at, count - MAX_PER_KIND));
            }
        }
        self.out
    }
}

/// "… và 4.212 lỗi khác cùng loại." / "… and 4,212 more of the same kind."
fn summary(code: &'static str, severity: Severity, at: Location, more: usize) -> Diagnostic {
    let n = Decimal::from(more as u64);
    let (what_vi, what_en) = match (severity, more) {
        (Severity::Error, 1) => ("lỗi", "error"),
        (Severity::Error, _) => ("lỗi", "errors"),
        (Severity::Warning, 1) => ("cảnh báo", "warning"),
        (Severity::Warning, _) => ("cảnh báo", "warnings"),
        (Severity::Info, 1) => ("ghi chú", "note"),
        (Severity::Info, _) => ("ghi chú", "notes"),
    };
    let text = Text::each(|lang| match lang {
        Lang::Vi => format!("… và {} {what_vi} khác cùng loại.", format_decimal(n, lang)),
        Lang::En => format!("… and {} more {what_en} of the same kind.", format_decimal(n, lang)),
    });
    Diagnostic::new(severity, code, at, text)
}

fn line_label(plan: &Plan, i: usize) -> String {
    let name = plan.lines.get(i).map(|l| l.name.trim()).unwrap_or("");
    if name.is_empty() { format!("#{}", i + 1) } else { format!("«{}»", crate::text::clip(name, 60)) }
}

fn check_period_and_phases(plan: &Plan, out: &mut Capped) {
    let period = plan.period;
    if period.first > period.last {
        out.push("period_inverted", PlanPlace::Period, || {
            Diagnostic::error(
                "period_inverted",
                PlanPlace::Period,
                crate::text!(
                    "Thời kỳ của kế hoạch bắt đầu ({}) sau khi kết thúc ({}).",
                    "The plan's period starts ({}) after it ends ({}).",
                    period.first,
                    period.last
                ),
            )
        });
    }
    for (i, phase) in plan.phases.iter().enumerate() {
        let (first, last) = (phase.years.first, phase.years.last);
        let name = || crate::text::clip(&phase.name, 60);
        if first > last {
            out.push("phase_inverted", PlanPlace::Phases, || {
                let name = name();
                Diagnostic::error(
                    "phase_inverted",
                    PlanPlace::PhaseYears(i),
                    crate::text!(
                        "Giai đoạn «{name}» bắt đầu ({first}) sau khi kết thúc ({last}).",
                        "Phase '{name}' starts ({first}) after it ends ({last})."
                    ),
                )
            });
            continue;
        }
        if !period.contains(first) || !period.contains(last) {
            out.push("phase_outside_period", PlanPlace::Phases, || {
                let name = name();
                Diagnostic::warning(
                    "phase_outside_period",
                    PlanPlace::PhaseYears(i),
                    crate::text!(
                        "Giai đoạn «{name}» ({first}–{last}) nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                        "Phase '{name}' ({first}–{last}) lies outside the plan's period ({}–{}).",
                        period.first,
                        period.last
                    ),
                )
            });
        }
    }
    // One sorted sweep: each phase sharing years with an earlier one, named with the phase its
    // shared years count in.
    for &(j, i) in plan.phase_cover().overlaps() {
        out.push("phases_overlap", PlanPlace::Phases, || {
            let name = crate::text::clip(plan.phases.get(i).map_or("", |p| p.name.as_str()), 60);
            let other_name = crate::text::clip(plan.phases.get(j).map_or("", |p| p.name.as_str()), 60);
            Diagnostic::error(
                "phases_overlap",
                PlanPlace::PhaseYears(j), crate::text!("Giai đoạn «{other_name}» trùng năm với giai đoạn «{name}»; các năm trùng chỉ được tính vào «{name}».", "Phase '{other_name}' overlaps phase '{name}'; the shared years count in '{name}' only."))
        });
    }
}

fn check_lines(plan: &Plan, totals: &Totals, out: &mut Capped) {
    // Only the listed ones are looked up (a look-up by id is a search through the lines).
    for (line, year) in totals.negative_cells() {
        out.push("negative_amount", PlanPlace::Lines, || {
            let i = plan.line_index(line).unwrap_or(0);
            let value = plan.lines.get(i).and_then(|l| l.amounts.get(&year)).copied().unwrap_or_default();
            Diagnostic::warning(
                "negative_amount",
                PlanPlace::Amount(i, year),
                crate::locale::Text::new(
                    format!("Số âm ({}) ở dòng {}, năm {year}.", format_decimal(value, Lang::Vi), line_label(plan, i)),
                    format!(
                        "Negative amount ({}) in line {}, year {year}.",
                        format_decimal(value, Lang::En),
                        line_label(plan, i)
                    ),
                ),
            )
        });
    }

    let mut outside = std::collections::BTreeSet::new();
    for (i, line) in plan.lines.iter().enumerate() {
        // Only lines reaching past the period are searched: the first and last keys tell.
        let reaches_out = line.amounts.first_key_value().is_some_and(|(&y, _)| y < plan.period.first)
            || line.amounts.last_key_value().is_some_and(|(&y, _)| y > plan.period.last);
        if reaches_out {
            let before = line.amounts.range(..plan.period.first);
            let after = line.amounts.range(plan.period.first..).filter(|(y, _)| **y > plan.period.last);
            for (&year, _) in before.chain(after) {
                if outside.insert(year) {
                    out.push("year_outside_period", PlanPlace::Lines, || {
                        Diagnostic::warning(
                            "year_outside_period",
                            PlanPlace::Amount(i, year),
                            crate::text!(
                                "Năm {year} có kinh phí nhưng nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                                "Year {year} holds money but lies outside the plan's period ({}–{}).",
                                plan.period.first,
                                plan.period.last
                            ),
                        )
                    });
                }
            }
        }
        if totals.is_group(i) {
            if !line.amounts.is_empty() {
                out.push("group_with_amounts", PlanPlace::Lines, || {
                    Diagnostic::warning(
                        "group_with_amounts",
                        PlanPlace::LineAmounts(i), crate::text!("Nhóm {} có số liệu riêng; tổng của nhóm được cộng từ các dòng con nên số liệu riêng không được tính.", "Group {} has amounts of its own; a group's total comes from its lines, so they are not counted.", line_label(plan, i)))
                });
            }
        } else if line.amounts.is_empty() {
            out.push("empty_line", PlanPlace::Lines, || {
                Diagnostic::warning(
                    "empty_line",
                    PlanPlace::Line(i),
                    crate::text!(
                        "Dòng {} chưa có kinh phí năm nào.",
                        "Line {} has no amount in any year.",
                        line_label(plan, i)
                    ),
                )
            });
        }
        if line.name.chars().all(char::is_whitespace) {
            out.push("line_without_name", PlanPlace::Lines, || {
                Diagnostic::warning(
                    "line_without_name",
                    PlanPlace::LineName(i),
                    crate::text!("Dòng thứ {} chưa có tên.", "Line {} has no name.", i + 1),
                )
            });
        }
    }
}

fn check_funding(plan: &Plan, split: &FundingSplit, out: &mut Capped) {
    if plan.sources.is_empty() {
        return;
    }
    let mut remainders = 0;
    for (i, source) in plan.sources.iter().enumerate() {
        if source.name.trim().is_empty() {
            out.push("source_without_name", PlanPlace::Sources, || {
                Diagnostic::warning(
                    "source_without_name",
                    PlanPlace::SourceName(i),
                    crate::text!("Nguồn kinh phí thứ {} chưa có tên.", "Funding source {} has no name.", i + 1),
                )
            });
        }
        if let ShareRule::Percent { value } | ShareRule::Amount { value } = source.rule
            && value.is_sign_negative()
            && !value.is_zero()
        {
            out.push("negative_share", PlanPlace::Sources, || {
                let name = crate::text::clip(&source.name, 60);
                Diagnostic::error(
                    "negative_share",
                    PlanPlace::SourceShare(i),
                    crate::text!(
                        "Nguồn «{name}» có tỷ lệ hoặc số tiền âm.",
                        "Source '{name}' has a negative share or amount."
                    ),
                )
            });
        }
        remainders += usize::from(matches!(source.rule, ShareRule::Remainder));
    }
    if remainders > 1 {
        out.push("several_remainders", PlanPlace::Sources, || {
            Diagnostic::warning(
                "several_remainders",
                PlanPlace::Sources,
                crate::locale::Text::fixed(
                    "Nhiều nguồn cùng nhận «phần còn lại»; chỉ nguồn đầu tiên được tính.",
                    "Several sources take 'the remainder'; only the first one does.",
                ),
            )
        });
    }
    let grand = &split.grand;
    let sum = split.percent_sum;
    let (vi, en) = (|v| format_decimal(v, Lang::Vi), |v| format_decimal(v, Lang::En));
    if grand.assigned > grand.total.max(Decimal::ZERO) {
        // The figures as they are: what the fixed amounts and shares give, the real total, and
        // the difference (a "remainder" source would be given its negative).
        let excess = grand.assigned.saturating_sub(grand.total);
        out.push("over_assigned", PlanPlace::Sources, || {
            Diagnostic::error(
                "over_assigned",
                PlanPlace::Sources,
                crate::locale::Text::new(
                    format!(
                        "Các nguồn được giao {}, nhiều hơn tổng kinh phí {} là {} (tổng tỷ lệ {} %).",
                        vi(grand.assigned),
                        vi(grand.total),
                        vi(excess),
                        vi(sum)
                    ),
                    format!(
                        "The sources are given {}, {} more than the total of {} (shares add up to {} %).",
                        en(grand.assigned),
                        en(excess),
                        en(grand.total),
                        en(sum)
                    ),
                ),
            )
        });
    } else if sum > Decimal::ONE_HUNDRED {
        out.push("over_assigned", PlanPlace::Sources, || {
            Diagnostic::error(
                "over_assigned",
                PlanPlace::Sources,
                crate::locale::Text::new(
                    format!("Tổng tỷ lệ các nguồn là {} %, vượt quá 100 %.", vi(sum)),
                    format!("The sources' shares add up to {} %, more than 100 %.", en(sum)),
                ),
            )
        });
    } else if grand.unassigned > Decimal::ZERO {
        out.push("unassigned", PlanPlace::Sources, || {
            Diagnostic::warning(
                "unassigned",
                PlanPlace::Sources,
                crate::locale::Text::new(
                    format!(
                        "Còn {} trong tổng kinh phí {} chưa có nguồn (tổng tỷ lệ {} %).",
                        vi(grand.unassigned),
                        vi(grand.total),
                        vi(sum)
                    ),
                    format!(
                        "{} of the total of {} is not covered by any source (shares add up to {} %).",
                        en(grand.unassigned),
                        en(grand.total),
                        en(sum)
                    ),
                ),
            )
        });
    }
}
