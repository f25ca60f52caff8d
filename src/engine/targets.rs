//! Checks on target indicators and their milestones.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::locale::{Lang, format_decimal};
use crate::model::{Plan, Target, TargetUnit, Year};

/// Diagnostics of the plan's targets: percentages outside 0–100, milestones outside the period,
/// a rising target that falls (or a falling one that rises), a variant above its main target.
pub fn validate_targets(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, target) in plan.targets.iter().enumerate() {
        let name = label(target, i);
        if target.name.trim().is_empty() {
            out.push(Diagnostic::warning(
                "target_without_name",
                format!("$.targets[{i}].name"),
                format!("Chỉ tiêu thứ {} chưa có tên.", i + 1),
                format!("Target {} has no name.", i + 1),
            ));
        }
        check_series(plan, target, &name, &target.milestones, &format!("$.targets[{i}].milestones"), &mut out);
        if let Some(b) = target.baseline {
            check_percent(target, &name, b.value, b.year, &format!("$.targets[{i}].baseline.value"), &mut out);
        }
        for (v, variant) in target.variants.iter().enumerate() {
            let path = format!("$.targets[{i}].variants[{v}].milestones");
            let vname = format!("{name} / «{}»", crate::text::clip(&variant.name, 40));
            check_series(plan, target, &vname, &variant.milestones, &path, &mut out);
            for (year, value) in &variant.milestones {
                let Some(main) = target.milestones.get(year) else {
                    continue;
                };
                let above = if target.comparison.rising() { value > main } else { false };
                if above {
                    out.push(Diagnostic::warning(
                        "variant_above_main",
                        format!("{path}.{year}"),
                        format!(
                            "Chỉ tiêu {vname} năm {year} ({}) cao hơn chỉ tiêu chung ({}).",
                            format_decimal(*value, Lang::Vi),
                            format_decimal(*main, Lang::Vi)
                        ),
                        format!(
                            "Target {vname} for {year} ({}) is above the main target ({}).",
                            format_decimal(*value, Lang::En),
                            format_decimal(*main, Lang::En)
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn label(target: &Target, i: usize) -> String {
    if target.name.trim().is_empty() {
        format!("#{}", i + 1)
    } else {
        format!("«{}»", crate::text::clip(&target.name, 60))
    }
}

fn check_percent(target: &Target, name: &str, value: Decimal, year: Year, path: &str, out: &mut Vec<Diagnostic>) {
    if target.unit == TargetUnit::Percent && (value < Decimal::ZERO || value > Decimal::ONE_HUNDRED) {
        out.push(Diagnostic::error(
            "percent_out_of_range",
            path,
            format!("Chỉ tiêu {name} năm {year}: {} % nằm ngoài 0–100 %.", format_decimal(value, Lang::Vi)),
            format!("Target {name} for {year}: {} % is outside 0–100 %.", format_decimal(value, Lang::En)),
        ));
    } else if value < Decimal::ZERO {
        out.push(Diagnostic::error(
            "negative_target",
            path,
            format!("Chỉ tiêu {name} năm {year} là số âm."),
            format!("Target {name} for {year} is negative."),
        ));
    }
}

fn check_series(
    plan: &Plan,
    target: &Target,
    name: &str,
    milestones: &BTreeMap<Year, Decimal>,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut previous: Option<(Year, Decimal)> = None;
    for (&year, &value) in milestones {
        let here = format!("{path}.{year}");
        check_percent(target, name, value, year, &here, out);
        if !plan.period.contains(year) {
            out.push(Diagnostic::warning(
                "milestone_outside_period",
                &here,
                format!(
                    "Mốc {year} của chỉ tiêu {name} nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                    plan.period.first, plan.period.last
                ),
                format!(
                    "Milestone {year} of target {name} lies outside the plan's period ({}–{}).",
                    plan.period.first, plan.period.last
                ),
            ));
        }
        if let Some((py, pv)) = previous {
            let wrong_way = match target.comparison {
                c if c.rising() => value < pv,
                crate::model::Comparison::AtMost => value > pv,
                _ => false,
            };
            if wrong_way {
                let (vi_dir, en_dir) =
                    if target.comparison.rising() { ("thấp hơn", "below") } else { ("cao hơn", "above") };
                out.push(Diagnostic::warning(
                    "milestone_regresses",
                    &here,
                    format!(
                        "Chỉ tiêu {name}: mốc {year} ({}) {vi_dir} mốc {py} ({}).",
                        format_decimal(value, Lang::Vi),
                        format_decimal(pv, Lang::Vi)
                    ),
                    format!(
                        "Target {name}: the {year} milestone ({}) is {en_dir} the {py} one ({}).",
                        format_decimal(value, Lang::En),
                        format_decimal(pv, Lang::En)
                    ),
                ));
            }
        }
        previous = Some((year, value));
    }
}
