//! Checks on target indicators and their milestones.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::validate::Capped;
use crate::diagnostic::{Diagnostic, PlanPlace};
use crate::locale::{Lang, format_decimal};
use crate::model::{Plan, Target, TargetUnit, TargetVariant, Year};

/// Diagnostics of the plan's targets: percentages outside 0–100, milestones outside the period,
/// a rising target that falls (or a falling one that rises), a variant above its main target.
///
/// Linear in the milestones; each kind is listed at most [`MAX_PER_KIND`](super::MAX_PER_KIND)
/// times and summed up beyond (5,000 targets made 135,836 diagnostics), and a message beyond the
/// cap is not formatted.
pub fn validate_targets(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Capped::default();
    for (i, target) in plan.targets.iter().enumerate() {
        if target.name.trim().is_empty() {
            out.push("target_without_name", PlanPlace::Targets, || {
                Diagnostic::warning(
                    "target_without_name",
                    PlanPlace::TargetName(i),
                    crate::text!("Chỉ tiêu thứ {} chưa có tên.", "Target {} has no name.", i + 1),
                )
            });
        }
        let at = Series { plan, target, index: i, variant: None };
        check_series(&at, &target.milestones, &mut out);
        if let Some(b) = target.baseline {
            check_percent(&at, b.value, b.year, || PlanPlace::TargetBaseline(i), &mut out);
        }
        for (v, variant) in target.variants.iter().enumerate() {
            let at = Series { plan, target, index: i, variant: Some((v, variant)) };
            check_series(&at, &variant.milestones, &mut out);
            for (year, value) in &variant.milestones {
                let Some(main) = target.milestones.get(year) else {
                    continue;
                };
                if target.comparison.rising() && value > main {
                    out.push("variant_above_main", PlanPlace::Targets, || {
                        let vname = at.name();
                        Diagnostic::warning(
                            "variant_above_main",
                            at.path(*year),
                            crate::locale::Text::new(
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
                            ),
                        )
                    });
                }
            }
        }
    }
    out.finish()
}

/// One series of milestones: a target's, or one of its variants'. Names and paths are made only
/// for the diagnostics that are listed.
struct Series<'a> {
    plan: &'a Plan,
    target: &'a Target,
    index: usize,
    variant: Option<(usize, &'a TargetVariant)>,
}

impl Series<'_> {
    fn name(&self) -> String {
        let name = label(self.target, self.index);
        match self.variant {
            Some((_, v)) => format!("{name} / «{}»", crate::text::clip(&v.name, 40)),
            None => name,
        }
    }

    fn path(&self, year: Year) -> PlanPlace {
        PlanPlace::Milestone { target: self.index, variant: self.variant.map(|(v, _)| v), year }
    }
}

fn label(target: &Target, i: usize) -> String {
    if target.name.trim().is_empty() {
        format!("#{}", i + 1)
    } else {
        format!("«{}»", crate::text::clip(&target.name, 60))
    }
}

fn check_percent(at: &Series, value: Decimal, year: Year, path: impl FnOnce() -> PlanPlace, out: &mut Capped) {
    if at.target.unit == TargetUnit::Percent && (value < Decimal::ZERO || value > Decimal::ONE_HUNDRED) {
        out.push("percent_out_of_range", PlanPlace::Targets, || {
            let name = at.name();
            Diagnostic::error(
                "percent_out_of_range",
                path(),
                crate::locale::Text::new(
                    format!("Chỉ tiêu {name} năm {year}: {} % nằm ngoài 0–100 %.", format_decimal(value, Lang::Vi)),
                    format!("Target {name} for {year}: {} % is outside 0–100 %.", format_decimal(value, Lang::En)),
                ),
            )
        });
    } else if value < Decimal::ZERO {
        out.push("negative_target", PlanPlace::Targets, || {
            let name = at.name();
            Diagnostic::error(
                "negative_target",
                path(),
                crate::text!("Chỉ tiêu {name} năm {year} là số âm.", "Target {name} for {year} is negative."),
            )
        });
    }
}

fn check_series(at: &Series, milestones: &BTreeMap<Year, Decimal>, out: &mut Capped) {
    let period = at.plan.period;
    let mut previous: Option<(Year, Decimal)> = None;
    for (&year, &value) in milestones {
        check_percent(at, value, year, || at.path(year), out);
        if !period.contains(year) {
            out.push("milestone_outside_period", PlanPlace::Targets, || {
                let name = at.name();
                Diagnostic::warning(
                    "milestone_outside_period",
                    at.path(year),
                    crate::text!(
                        "Mốc {year} của chỉ tiêu {name} nằm ngoài thời kỳ của kế hoạch ({}–{}).",
                        "Milestone {year} of target {name} lies outside the plan's period ({}–{}).",
                        period.first,
                        period.last
                    ),
                )
            });
        }
        if let Some((py, pv)) = previous {
            let comparison = at.target.comparison;
            let wrong_way = match comparison {
                c if c.rising() => value < pv,
                crate::model::Comparison::AtMost => value > pv,
                _ => false,
            };
            if wrong_way {
                out.push("milestone_regresses", PlanPlace::Targets, || {
                    let name = at.name();
                    let (vi_dir, en_dir) =
                        if comparison.rising() { ("thấp hơn", "below") } else { ("cao hơn", "above") };
                    Diagnostic::warning(
                        "milestone_regresses",
                        at.path(year),
                        crate::locale::Text::new(
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
                        ),
                    )
                });
            }
        }
        previous = Some((year, value));
    }
}

/// A milestone value as planners write it: the number, the comparison the words say, and whether
/// a percent sign was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetValue {
    /// The number.
    pub value: Decimal,
    /// "trên" (more than), "đạt … trở lên" / "ít nhất" (at least), "không quá" / "dưới" (at most).
    pub comparison: Option<crate::model::Comparison>,
    /// A "%" was written.
    pub percent: bool,
}

/// Reads "96", "96%", "trên 96%", "> 96 %", "đạt 98% trở lên", "≥ 98", "không quá 2%", "96,5".
pub fn parse_target_value(text: &str, lang: Lang) -> Result<TargetValue, crate::locale::NumberError> {
    use crate::model::Comparison;
    let folded: String = crate::text::fold(text).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let folded = format!(" {} ", folded.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut comparison = None;
    let mut rest = text.trim().to_string();
    // Whole words, longest phrases first: "không quá" must not read as "hơn".
    let words: [(&str, Comparison); 10] = [
        ("khong qua", Comparison::AtMost),
        ("tro len", Comparison::AtLeast),
        ("tren", Comparison::MoreThan),
        ("hon", Comparison::MoreThan),
        ("more than", Comparison::MoreThan),
        ("it nhat", Comparison::AtLeast),
        ("toi thieu", Comparison::AtLeast),
        ("at least", Comparison::AtLeast),
        ("duoi", Comparison::AtMost),
        ("at most", Comparison::AtMost),
    ];
    for (word, c) in words {
        if folded.contains(&format!(" {word} ")) {
            comparison = Some(c);
            break;
        }
    }
    for (sym, c) in [
        ("≥", Comparison::AtLeast),
        (">=", Comparison::AtLeast),
        ("≤", Comparison::AtMost),
        ("<=", Comparison::AtMost),
        (">", Comparison::MoreThan),
        ("<", Comparison::AtMost),
    ] {
        if rest.contains(sym) {
            comparison = comparison.or(Some(c));
            rest = rest.replace(sym, " ");
        }
    }
    // Keep only the number itself (and its separators and sign).
    let percent = rest.contains('%');
    let start = rest.find(|c: char| c.is_ascii_digit() || c == '-' || c == ',' || c == '.');
    let number: String = match start {
        Some(i) => rest[i..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '-')).collect(),
        None => String::new(),
    };
    let value = crate::locale::parse_number(number.trim(), lang).map_err(|e| match e {
        crate::locale::NumberError::Empty if !text.trim().is_empty() => {
            crate::locale::NumberError::NotANumber(text.trim().to_string())
        }
        other => other,
    })?;
    Ok(TargetValue { value, comparison, percent })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, ItemId, MoneyUnit, Target, TargetVariant, YearRange};
    use rust_decimal_macros::dec;

    #[test]
    fn reads_milestones_as_written() {
        let p = |s| parse_target_value(s, Lang::Vi).unwrap();
        assert_eq!(p("96%"), TargetValue { value: dec!(96), comparison: None, percent: true });
        assert_eq!(
            p("trên 96%"),
            TargetValue { value: dec!(96), comparison: Some(Comparison::MoreThan), percent: true }
        );
        assert_eq!(
            p("Đạt 98% trở lên"),
            TargetValue { value: dec!(98), comparison: Some(Comparison::AtLeast), percent: true }
        );
        assert_eq!(p("≥ 98,5 %").value, dec!(98.5));
        assert_eq!(p("≥ 98,5 %").comparison, Some(Comparison::AtLeast));
        assert_eq!(p("> 96").comparison, Some(Comparison::MoreThan));
        assert_eq!(p("không quá 2%").comparison, Some(Comparison::AtMost));
        assert_eq!(p("20"), TargetValue { value: dec!(20), comparison: None, percent: false });
        assert!(parse_target_value("nhiều", Lang::Vi).is_err());
        assert!(parse_target_value("", Lang::Vi).is_err());
    }

    fn plan_with(target: Target) -> Plan {
        let mut plan = Plan::new("", YearRange::new(2012, 2020), MoneyUnit::Million);
        plan.targets.push(target);
        plan
    }

    #[test]
    fn flags_what_a_planner_would_want_checked() {
        let target = Target {
            id: ItemId(1),
            name: "Biết chữ 15–60".into(),
            comparison: Comparison::MoreThan,
            milestones: [(2015, dec!(96)), (2020, dec!(94)), (2025, dec!(101))].into_iter().collect(),
            variants: vec![TargetVariant {
                name: "xã ĐBKK".into(),
                milestones: [(2015, dec!(97))].into_iter().collect(),
            }],
            ..Default::default()
        };
        let d = validate_targets(&plan_with(target));
        let at: Vec<String> = d.iter().map(|d| d.location.to_string()).collect();
        let codes: Vec<(&str, &str)> = d.iter().zip(&at).map(|(d, l)| (d.code.as_ref(), l.as_str())).collect();
        assert!(codes.contains(&("milestone_regresses", "$.targets[0].milestones.2020")), "{codes:?}");
        assert!(codes.contains(&("percent_out_of_range", "$.targets[0].milestones.2025")), "{codes:?}");
        assert!(codes.contains(&("milestone_outside_period", "$.targets[0].milestones.2025")), "{codes:?}");
        assert!(codes.contains(&("variant_above_main", "$.targets[0].variants[0].milestones.2015")), "{codes:?}");
    }

    #[test]
    fn counts_may_exceed_100_and_falling_targets_may_fall() {
        let count = Target {
            id: ItemId(1),
            name: "Gia đình học tập thí điểm".into(),
            unit: crate::model::TargetUnit::Named("gia đình".into()),
            milestones: [(2015, dec!(20)), (2020, dec!(150))].into_iter().collect(),
            ..Default::default()
        };
        assert!(validate_targets(&plan_with(count)).is_empty());
        let falling = Target {
            id: ItemId(1),
            name: "Mù chữ trong độ tuổi lao động".into(),
            comparison: Comparison::AtMost,
            milestones: [(2015, dec!(2)), (2020, dec!(1))].into_iter().collect(),
            ..Default::default()
        };
        assert!(validate_targets(&plan_with(falling)).is_empty());
    }
}
