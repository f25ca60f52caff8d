//! Splitting totals between funding sources, exactly.
//!
//! # Rounding
//! A share of a total is rarely a whole number of the smallest unit (40 % of 1 095,5). Amounts are
//! rounded to the plan's precision (by default the đồng) with the **largest-remainder method**:
//! every quota is first rounded down, then the units still missing are handed one by one to the
//! quotas that lost the most in rounding down (the earlier source first on a tie). The amounts
//! therefore always add up exactly to the part of the total the rules cover, and that part plus
//! the unassigned rest is exactly the total. If the total itself has more decimals than the
//! precision, its own decimals are used so the sum stays exact.
//!
//! # Rules
//! Fixed amounts are taken first; percent shares are shares of the whole total (as plans state
//! them: "Ngân sách Trung ương đảm bảo 40 % tổng kinh phí"); a "remainder" source takes what is
//! left; anything still uncovered is reported as unassigned, and over-assignment as a negative
//! unassigned amount.
//!
//! The plan-wide split is computed per phase (and for years outside every phase) and summed, so
//! per-phase rules and plan-wide rules mix. A plan-wide fixed amount is spread over the phases in
//! proportion to their totals.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::Totals;
use crate::model::{Plan, ShareRule};

/// Splits `total` into parts proportional to `weights` (fractions of the total, e.g. 0.4),
/// each rounded to `places` decimals by the largest-remainder method.
///
/// The parts add up exactly to `total × Σweights` rounded to `places` (to `total` itself when the
/// weights sum to 1). Negative weights are treated as 0.
pub fn apportion(total: Decimal, weights: &[Decimal], places: u32) -> Vec<Decimal> {
    let places = places.max(total.scale()).min(20);
    let unit = Decimal::new(1, places);
    let weights: Vec<Decimal> = weights.iter().map(|w| if w.is_sign_negative() { Decimal::ZERO } else { *w }).collect();
    let weight_sum = saturating_sum(weights.iter().copied());
    if weights.is_empty() {
        return Vec::new();
    }
    let negative = total.is_sign_negative();
    let magnitude = total.abs();
    // The covered part: exactly the total when the weights reach 1.
    let target = if weight_sum == Decimal::ONE {
        magnitude
    } else {
        mul(magnitude, weight_sum).round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
    };
    let quotas: Vec<Decimal> = weights
        .iter()
        .map(|w| if weight_sum.is_zero() { Decimal::ZERO } else { mul(target, div(*w, weight_sum)) })
        .collect();
    let mut parts: Vec<Decimal> =
        quotas.iter().map(|q| q.round_dp_with_strategy(places, RoundingStrategy::ToZero)).collect();
    let assigned = saturating_sum(parts.iter().copied());
    let missing =
        target.checked_sub(assigned).and_then(|d| d.checked_div(unit)).and_then(|d| d.round().to_i64()).unwrap_or(0);
    if missing > 0 {
        let mut order: Vec<usize> = (0..parts.len()).filter(|&i| !weights[i].is_zero()).collect();
        order.sort_by(|&a, &b| (quotas[b] - parts[b]).cmp(&(quotas[a] - parts[a])).then(a.cmp(&b)));
        // In exact arithmetic fewer units are missing than there are parts, and each of the first
        // `missing` parts in that order gets one. When a product lost digits (beyond 28
        // significant digits) many more can be missing: they are handed out in whole rounds, so
        // this takes one pass however large `missing` is (a unit-by-unit loop hung on such a
        // plan, found by fuzzing `understand`).
        let n = order.len() as i64;
        if n > 0 {
            let (rounds, extra) = (missing / n, missing % n);
            for (k, &i) in order.iter().enumerate() {
                let units = rounds + i64::from((k as i64) < extra);
                if units > 0 {
                    parts[i] = parts[i].saturating_add(unit.saturating_mul(Decimal::from(units)));
                }
            }
        }
    }
    for p in &mut parts {
        *p = if negative { -*p } else { *p }.normalize();
    }
    parts
}

fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| {
        // Beyond 28 digits: keep as much precision as fits.
        let a = a.round_sf(14).unwrap_or(a);
        let b = b.round_sf(14).unwrap_or(b);
        a.saturating_mul(b)
    })
}

fn div(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b).unwrap_or_default()
}

/// A sum that stops at a decimal's bounds (±7.9 × 10^28) instead of panicking.
///
/// The loaders keep every amount below 10^21 đồng, so totals never get there; but a split
/// multiplies: percent shares of any size, or phase totals of opposite signs whose grand total
/// is nearly 0 (weights of 10^27), drove the products to the bound and the sums of the parts
/// past it (found by fuzzing `from_json`). Such a plan's split is meaningless but must not
/// crash; every sane plan's sums stay far from the bound and are exact.
fn saturating_sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, Decimal::saturating_add)
}

/// One total split between the sources.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// The total that was split.
    pub total: Decimal,
    /// Amount of each source, in the plan's source order.
    pub amounts: Vec<Decimal>,
    /// What no source covers (negative when the sources cover more than the total).
    pub unassigned: Decimal,
}

impl Split {
    /// Fraction of the total each source covers (0 for an empty total).
    pub fn fractions(&self) -> Vec<Decimal> {
        self.amounts.iter().map(|a| if self.total.is_zero() { Decimal::ZERO } else { div(*a, self.total) }).collect()
    }

    /// Splits another total (a year or a line within this split's scope) in the same proportions,
    /// exactly: the parts and the unassigned rest add up to `total`.
    pub fn apply_to(&self, total: Decimal, places: u32) -> Split {
        let amounts = if self.total.is_zero() {
            vec![Decimal::ZERO; self.amounts.len()]
        } else {
            apportion(total, &self.fractions(), places)
        };
        let unassigned = total.saturating_sub(saturating_sum(amounts.iter().copied()));
        Split { total, amounts, unassigned }
    }
}

/// Splits `total` by one rule per source. `fixed` gives the amount each `Amount` rule stands for in
/// this scope (a plan-wide amount spread over the phases); `None` uses the rule's own value.
pub fn split_by_rules(total: Decimal, rules: &[ShareRule], fixed: &[Option<Decimal>], places: u32) -> Split {
    let n = rules.len();
    let mut amounts = vec![Decimal::ZERO; n];
    let mut covered = Decimal::ZERO;
    for (i, rule) in rules.iter().enumerate() {
        if let ShareRule::Amount { value } = rule {
            amounts[i] = fixed.get(i).copied().flatten().unwrap_or(*value);
            covered = covered.saturating_add(amounts[i]);
        }
    }
    let percents: Vec<Decimal> = rules
        .iter()
        .map(|r| match r {
            ShareRule::Percent { value } => div(*value, Decimal::ONE_HUNDRED),
            _ => Decimal::ZERO,
        })
        .collect();
    if percents.iter().any(|p| !p.is_zero()) {
        // Percent shares are shares of the whole total; they are apportioned together so that
        // shares reaching 100 % cover the total exactly.
        let parts = apportion(total, &percents, places);
        for (i, part) in parts.into_iter().enumerate() {
            if !percents[i].is_zero() {
                amounts[i] = part;
                covered = covered.saturating_add(part);
            }
        }
    }
    if let Some(i) = rules.iter().position(|r| matches!(r, ShareRule::Remainder)) {
        amounts[i] = total.saturating_sub(covered);
        covered = total;
    }
    Split { total, amounts, unassigned: total.saturating_sub(covered) }
}

/// The funding split of a whole plan: per phase, outside the phases, and in total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundingSplit {
    /// One split per phase, in phase order.
    pub phases: Vec<Split>,
    /// The split of years outside every phase.
    pub outside: Split,
    /// The plan-wide split: the sum of the phase splits and the outside split.
    pub grand: Split,
    /// Sum of the plan-wide percent shares.
    pub percent_sum: Decimal,
}

impl FundingSplit {
    /// Splits every phase total and the grand total of `plan` between its sources.
    pub fn compute(plan: &Plan, totals: &Totals) -> Self {
        let n = plan.sources.len();
        let places = plan.precision;
        let grand_total = totals.grand();
        let scope_totals: Vec<Decimal> = (0..plan.phases.len())
            .map(|p| totals.phase_total(p))
            .chain(std::iter::once(totals.outside_total()))
            .collect();

        // Spread each plan-wide fixed amount over the scopes in proportion to their totals.
        let weights: Vec<Decimal> = scope_totals
            .iter()
            .map(|t| if grand_total.is_zero() { Decimal::ZERO } else { div(*t, grand_total) })
            .collect();
        let spread: Vec<Vec<Decimal>> = plan
            .sources
            .iter()
            .map(|s| match s.rule {
                ShareRule::Amount { value } if !grand_total.is_zero() => apportion(value, &weights, places),
                ShareRule::Amount { value } => {
                    // No money yet: the whole fixed amount sits outside the phases.
                    let mut v = vec![Decimal::ZERO; scope_totals.len()];
                    if let Some(last) = v.last_mut() {
                        *last = value;
                    }
                    v
                }
                _ => vec![Decimal::ZERO; scope_totals.len()],
            })
            .collect();

        let mut scopes = Vec::with_capacity(scope_totals.len());
        for (k, &total) in scope_totals.iter().enumerate() {
            let phase_id = plan.phases.get(k).map(|p| p.id);
            let rules: Vec<ShareRule> = plan.sources.iter().map(|s| s.rule_for(phase_id)).collect();
            let fixed: Vec<Option<Decimal>> = plan
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let overridden = phase_id.is_some_and(|p| s.phase_rules.contains_key(&p));
                    if overridden { None } else { Some(spread[i][k]) }
                })
                .collect();
            scopes.push(split_by_rules(total, &rules, &fixed, places));
        }
        let outside = scopes.pop().unwrap_or_default();
        let mut grand = Split { total: grand_total, amounts: vec![Decimal::ZERO; n], unassigned: Decimal::ZERO };
        for s in scopes.iter().chain(std::iter::once(&outside)) {
            for (g, a) in grand.amounts.iter_mut().zip(&s.amounts) {
                *g = g.saturating_add(*a);
            }
        }
        grand.unassigned = grand_total.saturating_sub(saturating_sum(grand.amounts.iter().copied()));
        let percent_sum = saturating_sum(plan.sources.iter().map(|s| match s.rule {
            ShareRule::Percent { value } => value,
            _ => Decimal::ZERO,
        }));
        FundingSplit { phases: scopes, outside, grand, percent_sum }
    }

    /// The split that applies to `year` (its phase's, or the outside split).
    pub fn scope_of_year(&self, plan: &Plan, year: crate::model::Year) -> &Split {
        plan.phase_of(year).and_then(|p| self.phases.get(p)).unwrap_or(&self.outside)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn apportion_adds_up_exactly() {
        assert_eq!(apportion(dec!(5400), &[dec!(0.4), dec!(0.6)], 0), vec![dec!(2160), dec!(3240)]);
        assert_eq!(
            apportion(dec!(100), &[dec!(1) / dec!(3), dec!(1) / dec!(3), dec!(1) / dec!(3)], 0),
            vec![dec!(34), dec!(33), dec!(33)]
        );
        let parts = apportion(dec!(1095.5), &[dec!(0.4), dec!(0.6)], 0);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec!(1095.5));
        assert_eq!(parts, vec![dec!(438.2), dec!(657.3)]);
        let parts = apportion(dec!(10), &[dec!(0.3333), dec!(0.3333), dec!(0.3334)], 2);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec!(10));
        assert_eq!(apportion(dec!(-100), &[dec!(0.5), dec!(0.5)], 0), vec![dec!(-50), dec!(-50)]);
    }

    /// Found by fuzzing `understand`: when the total times the weights passes 28 digits, the
    /// products lose digits and the parts rounded down miss 10^15 units of 10^-15; handing them
    /// out one at a time froze the page. They now go out in whole rounds, in one pass.
    #[test]
    fn apportion_is_one_pass_when_products_lose_digits() {
        let started = std::time::Instant::now();
        let parts = apportion(Decimal::MAX, &[dec!(3), dec!(7)], 15);
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "took {:?}", started.elapsed());
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| *p > Decimal::ZERO), "{parts:?}");
        // Still in proportion: 3 : 7.
        assert!((parts[1] / parts[0] - dec!(7) / dec!(3)).abs() < dec!(0.000001), "{parts:?}");
        // The exact path is unchanged: the largest remainders get the missing units.
        assert_eq!(apportion(dec!(101), &[dec!(0.25), dec!(0.25), dec!(0.5)], 0), vec![dec!(25), dec!(25), dec!(51)]);
    }
    #[test]
    fn apportion_partial_weights_cover_only_their_part() {
        let parts = apportion(dec!(1000), &[dec!(0.4)], 0);
        assert_eq!(parts, vec![dec!(400)]);
        let parts = apportion(dec!(7), &[dec!(0.5), dec!(0.25)], 0);
        // 7 × 0.75 = 5.25 → 5 units: 3.5 and 1.75 floor to 3 and 1, one more unit to the larger remainder.
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec!(5));
    }

    #[test]
    fn rules_cover_fixed_percent_and_remainder() {
        let rules =
            [ShareRule::Amount { value: dec!(500) }, ShareRule::Percent { value: dec!(40) }, ShareRule::Remainder];
        let s = split_by_rules(dec!(5400), &rules, &[None, None, None], 6);
        assert_eq!(s.amounts, vec![dec!(500), dec!(2160), dec!(2740)]);
        assert_eq!(s.unassigned, dec!(0));

        let s = split_by_rules(dec!(5400), &[ShareRule::percent(dec!(40))], &[None], 6);
        assert_eq!(s.unassigned, dec!(3240));

        let s =
            split_by_rules(dec!(100), &[ShareRule::percent(dec!(70)), ShareRule::percent(dec!(50))], &[None, None], 0);
        assert_eq!(s.unassigned, dec!(-20));
    }
}
