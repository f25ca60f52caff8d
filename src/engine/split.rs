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
//! proportion to their totals (over those without a rule of their own for the source).

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
    Shares::new(weights).apportion(total, places)
}

/// Weights made ready once for apportioning several totals: the same percent shares in every
/// phase, the same phase weights for every fixed amount (a division per weight, not per weight
/// and total).
struct Shares {
    weights: Vec<Decimal>,
    sum: Decimal,
    /// Each weight's fraction of `sum` (0 for a weight of 0).
    fractions: Vec<Decimal>,
}

impl Shares {
    fn new(weights: &[Decimal]) -> Self {
        let weights: Vec<Decimal> =
            weights.iter().map(|w| if w.is_sign_negative() { Decimal::ZERO } else { *w }).collect();
        let sum = saturating_sum(weights.iter().copied());
        let fractions =
            weights.iter().map(|w| if sum.is_zero() || w.is_zero() { Decimal::ZERO } else { div(*w, sum) }).collect();
        Self { weights, sum, fractions }
    }

    fn apportion(&self, total: Decimal, places: u32) -> Vec<Decimal> {
        let (weights, weight_sum) = (&self.weights, self.sum);
        if weights.is_empty() {
            return Vec::new();
        }
        // The total's own decimals, without trailing zeros: a total kept up to date edit by edit
        // can carry the zeros of an amount cleared since ("1.50000"), and the split may not
        // depend on that (found by fuzzing `plan_ops`: the editor's split had 5 decimals where
        // a computation from scratch had 3).
        let places = places.max(total.normalize().scale()).min(20);
        let unit = Decimal::new(1, places);
        let negative = total.is_sign_negative();
        let magnitude = total.abs();
        // The covered part: exactly the total when the weights reach 1.
        let target = if weight_sum == Decimal::ONE {
            magnitude
        } else {
            mul(magnitude, weight_sum).round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        };
        let quotas: Vec<Decimal> =
            self.fractions.iter().map(|f| if f.is_zero() { Decimal::ZERO } else { mul(target, *f) }).collect();
        distribute(quotas, weights, target, unit, places, negative)
    }
}

/// Rounds `quotas` down to `places` and hands the units still missing to reach `target` to the
/// quotas that lost the most (the earlier one on a tie); negated when the total was negative.
fn distribute(
    quotas: Vec<Decimal>,
    weights: &[Decimal],
    target: Decimal,
    unit: Decimal,
    places: u32,
    negative: bool,
) -> Vec<Decimal> {
    let mut parts: Vec<Decimal> =
        quotas.iter().map(|q| q.round_dp_with_strategy(places, RoundingStrategy::ToZero)).collect();
    let assigned = saturating_sum(parts.iter().copied());
    let missing =
        target.checked_sub(assigned).and_then(|d| d.checked_div(unit)).and_then(|d| d.round().to_i64()).unwrap_or(0);
    if missing > 0 {
        // What each quota lost in rounding down, once: the order compares these (two
        // subtractions per comparison cost 5,000 sources × 40 phases a tenth of a second).
        let lost: Vec<Decimal> = quotas.iter().zip(&parts).map(|(q, p)| q.saturating_sub(*p)).collect();
        let mut order: Vec<usize> = (0..parts.len()).filter(|&i| !weights[i].is_zero()).collect();
        let by_loss = |a: &usize, b: &usize| lost[*b].cmp(&lost[*a]).then(a.cmp(b));
        // In exact arithmetic fewer units are missing than there are parts, and each of the first
        // `missing` parts in that order gets one. When a product lost digits (beyond 28
        // significant digits) many more can be missing: they are handed out in whole rounds, so
        // this takes one pass however large `missing` is (a unit-by-unit loop hung on such a
        // plan, found by fuzzing `understand`).
        let n = order.len() as i64;
        if n > 0 {
            let (rounds, extra) = (missing / n, missing % n);
            // Only the set of the first `extra` matters, not their order: a selection, O(n).
            if extra > 0 && (extra as usize) < order.len() {
                order.select_nth_unstable_by(extra as usize, by_loss);
            }
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

/// `value` / 100, exactly: the decimal point moves two places (a division is a hundred times
/// slower, and is done for every source in every phase).
fn hundredth(value: Decimal) -> Decimal {
    let scale = value.scale() + 2;
    if scale <= 28 {
        let mut v = value;
        if v.set_scale(scale).is_ok() {
            return v;
        }
    }
    div(value, Decimal::ONE_HUNDRED)
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
    /// Amount of each source, in the plan's source order; empty in the split of a phase without
    /// money, whose few amounts are in [`Split::sparse`]. Read one with [`Split::amount`].
    pub amounts: Vec<Decimal>,
    /// In the split of a phase without money: the only sources with an amount (their own fixed
    /// amounts for the phase, and the remainder's opposite), by index, in order. A thousand
    /// phases without money then keep no figure per source.
    pub sparse: Vec<(usize, Decimal)>,
    /// What no source covers (negative when the sources cover more than the total).
    pub unassigned: Decimal,
    /// What the fixed amounts and percent shares cover, before any "remainder" source takes
    /// the rest: more than `total` means the sources are given more than there is.
    pub assigned: Decimal,
}

impl Split {
    /// The amount of source `index` (0 when it has none here).
    pub fn amount(&self, index: usize) -> Decimal {
        match self.amounts.get(index) {
            Some(a) => *a,
            None => match self.sparse.binary_search_by_key(&index, |&(i, _)| i) {
                Ok(k) => self.sparse.get(k).map(|&(_, a)| a).unwrap_or_default(),
                Err(_) => Decimal::ZERO,
            },
        }
    }

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
        let assigned = saturating_sum(amounts.iter().copied());
        let unassigned = total.saturating_sub(assigned);
        Split { total, amounts, unassigned, assigned, sparse: Vec::new() }
    }
}

/// Splits `total` by one rule per source. `fixed` gives the amount each `Amount` rule stands for in
/// this scope (a plan-wide amount spread over the phases); `None` uses the rule's own value.
pub fn split_by_rules(total: Decimal, rules: &[ShareRule], fixed: &[Option<Decimal>], places: u32) -> Split {
    split_with(total, rules, fixed, places, None)
}

/// The percent shares of `rules`, as fractions (40 % → 0.4).
fn percents(rules: &[ShareRule]) -> Vec<Decimal> {
    rules
        .iter()
        .map(|r| match r {
            ShareRule::Percent { value } => hundredth(*value),
            _ => Decimal::ZERO,
        })
        .collect()
}

/// [`split_by_rules`], with the percent shares of `rules` already made ready when they are the
/// plan-wide ones.
fn split_with(
    total: Decimal,
    rules: &[ShareRule],
    fixed: &[Option<Decimal>],
    places: u32,
    shares: Option<&Shares>,
) -> Split {
    let n = rules.len();
    let mut amounts = vec![Decimal::ZERO; n];
    let mut covered = Decimal::ZERO;
    for (i, rule) in rules.iter().enumerate() {
        if let ShareRule::Amount { value } = rule {
            amounts[i] = fixed.get(i).copied().flatten().unwrap_or(*value);
            covered = covered.saturating_add(amounts[i]);
        }
    }
    let own;
    let shares = match shares {
        Some(shares) => shares,
        None => {
            own = Shares::new(&percents(rules));
            &own
        }
    };
    if shares.weights.iter().any(|p| !p.is_zero()) {
        // Percent shares are shares of the whole total; they are apportioned together so that
        // shares reaching 100 % cover the total exactly.
        let parts = shares.apportion(total, places);
        for (i, part) in parts.into_iter().enumerate() {
            if !shares.weights[i].is_zero() {
                amounts[i] = part;
                covered = covered.saturating_add(part);
            }
        }
    }
    let assigned = covered;
    if let Some(i) = rules.iter().position(|r| matches!(r, ShareRule::Remainder)) {
        amounts[i] = total.saturating_sub(covered);
        covered = total;
    }
    Split { total, amounts, unassigned: total.saturating_sub(covered), assigned, sparse: Vec::new() }
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
    ///
    /// O(sources × scopes holding money + phases + per-phase rules), whatever the number of
    /// phases: a phase without money (1,000 overlapping phases have one phase with money) is
    /// split only by its own rules, without a figure per source.
    pub fn compute(plan: &Plan, totals: &Totals) -> Self {
        let n = plan.sources.len();
        let places = plan.precision;
        let grand_total = totals.grand();
        let phase_count = plan.phases.len();
        let outside_scope = phase_count;
        let scope_totals: Vec<Decimal> =
            (0..phase_count).map(|p| totals.phase_total(p)).chain(std::iter::once(totals.outside_total())).collect();

        // Each plan-wide fixed amount is spread over the scopes holding money in proportion to
        // their totals (parts in the order of `money`); with no money at all it sits outside the
        // phases.
        let money: Vec<usize> = (0..scope_totals.len()).filter(|&k| !scope_totals[k].is_zero()).collect();
        let weights: Vec<Decimal> = if grand_total.is_zero() {
            Vec::new()
        } else {
            money.iter().map(|&k| div(scope_totals[k], grand_total)).collect()
        };
        let scope_shares = Shares::new(&weights);
        // A phase with a rule of its own for the source takes no part of its plan-wide amount:
        // the amount is spread over the other scopes holding money (over all of them if every
        // one has its own rule).
        let spread: Vec<Vec<Decimal>> =
            plan.sources
                .iter()
                .map(|s| match s.rule {
                    ShareRule::Amount { value } if !grand_total.is_zero() => {
                        let keeps = |k: usize| plan.phases.get(k).is_none_or(|p| !s.phase_rules.contains_key(&p.id));
                        if s.phase_rules.is_empty() || money.iter().all(|&k| keeps(k)) {
                            scope_shares.apportion(value, places)
                        } else if money.iter().any(|&k| keeps(k)) {
                            let kept = saturating_sum(money.iter().filter(|&&k| keeps(k)).map(|&k| scope_totals[k]));
                            let own: Vec<Decimal> = money
                                .iter()
                                .map(|&k| {
                                    if keeps(k) && !kept.is_zero() { div(scope_totals[k], kept) } else { Decimal::ZERO }
                                })
                                .collect();
                            apportion(value, &own, places)
                        } else {
                            scope_shares.apportion(value, places)
                        }
                    }
                    _ => Vec::new(),
                })
                .collect();
        let wide_rules: Vec<ShareRule> = plan.sources.iter().map(|s| s.rule).collect();
        let wide_shares = Shares::new(&percents(&wide_rules));
        let spread_at = |i: usize, k: usize, value: Decimal| -> Decimal {
            if grand_total.is_zero() {
                if k == outside_scope { value } else { Decimal::ZERO }
            } else {
                money.binary_search(&k).ok().and_then(|m| spread[i].get(m)).copied().unwrap_or_default()
            }
        };

        // The sources with a rule of their own for each phase.
        let mut phase_by_id: std::collections::HashMap<crate::model::ItemId, Vec<usize>> = Default::default();
        for (k, p) in plan.phases.iter().enumerate() {
            phase_by_id.entry(p.id).or_default().push(k);
        }
        let mut overrides: Vec<Vec<usize>> = vec![Vec::new(); phase_count];
        for (i, s) in plan.sources.iter().enumerate() {
            for id in s.phase_rules.keys() {
                for &k in phase_by_id.get(id).map(Vec::as_slice).unwrap_or_default() {
                    overrides[k].push(i);
                }
            }
        }
        let remainders: Vec<usize> = (0..n).filter(|&i| matches!(plan.sources[i].rule, ShareRule::Remainder)).collect();
        let wide_amounts =
            plan.sources.iter().any(|s| matches!(s.rule, ShareRule::Amount { value } if !value.is_zero()));

        let mut scopes = Vec::with_capacity(scope_totals.len());
        for (k, &total) in scope_totals.iter().enumerate() {
            let phase_id = plan.phases.get(k).map(|p| p.id);
            let own = overrides.get(k).map(Vec::as_slice).unwrap_or_default();
            let dense = !total.is_zero() || (k == outside_scope && grand_total.is_zero() && wide_amounts);
            if !dense {
                scopes.push(split_without_money(plan, k, own, &remainders));
                continue;
            }
            let rules: Vec<ShareRule> = if own.is_empty() {
                wide_rules.clone()
            } else {
                plan.sources.iter().map(|s| s.rule_for(phase_id)).collect()
            };
            let fixed: Vec<Option<Decimal>> = plan
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let overridden = phase_id.is_some_and(|p| s.phase_rules.contains_key(&p));
                    match s.rule {
                        ShareRule::Amount { value } if !overridden => Some(spread_at(i, k, value)),
                        _ => None,
                    }
                })
                .collect();
            // The plan-wide percent shares serve unless a rule of this phase changes one.
            let percent = |r: ShareRule| match r {
                ShareRule::Percent { value } => Some(value),
                _ => None,
            };
            let same = own.iter().all(|&i| percent(plan.sources[i].rule) == percent(rules[i]));
            scopes.push(split_with(total, &rules, &fixed, places, same.then_some(&wide_shares)));
        }
        let outside = scopes.pop().unwrap_or_default();
        let mut grand = Split { total: grand_total, amounts: vec![Decimal::ZERO; n], ..Split::default() };
        for s in scopes.iter().chain(std::iter::once(&outside)) {
            for (g, a) in grand.amounts.iter_mut().zip(&s.amounts) {
                *g = g.saturating_add(*a);
            }
            for &(i, a) in &s.sparse {
                if let Some(g) = grand.amounts.get_mut(i) {
                    *g = g.saturating_add(a);
                }
            }
            grand.assigned = grand.assigned.saturating_add(s.assigned);
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

/// The split of phase `k` (or of the years outside the phases), which holds no money: only the
/// fixed amounts of the sources with a rule of their own for it (`own`) can be more than 0, and
/// the first "remainder" source takes their opposite. Plan-wide fixed amounts go to the scopes
/// holding money, and percent shares of 0 are 0. The same figures as [`split_by_rules`], without
/// one per source.
fn split_without_money(plan: &Plan, k: usize, own: &[usize], remainders: &[usize]) -> Split {
    let phase_id = plan.phases.get(k).map(|p| p.id);
    let mut parts: Vec<(usize, Decimal)> = Vec::new();
    let mut covered = Decimal::ZERO;
    let mut remainder: Option<usize> = None;
    for &i in own {
        match plan.sources.get(i).map(|s| s.rule_for(phase_id)) {
            Some(ShareRule::Amount { value }) => {
                parts.push((i, value));
                covered = covered.saturating_add(value);
            }
            Some(ShareRule::Remainder) => remainder = Some(remainder.map_or(i, |r| r.min(i))),
            _ => {}
        }
    }
    // The first plan-wide remainder not overridden here: each one skipped has a rule of its own
    // for this phase, so this loop is bounded by `own`.
    let wide = remainders
        .iter()
        .copied()
        .find(|&i| !phase_id.is_some_and(|p| plan.sources.get(i).is_some_and(|s| s.phase_rules.contains_key(&p))));
    let remainder = match (remainder, wide) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let assigned = covered;
    let mut unassigned = Decimal::ZERO.saturating_sub(covered);
    if let Some(r) = remainder {
        parts.push((r, unassigned));
        unassigned = Decimal::ZERO;
    }
    parts.retain(|(_, v)| !v.is_zero());
    parts.sort_unstable_by_key(|&(i, _)| i);
    Split { total: Decimal::ZERO, amounts: Vec::new(), unassigned, assigned, sparse: parts }
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
    /// Found by fuzzing `plan_ops`: trailing zeros of a total (left by an edit) changed the
    /// places a split was rounded to.
    #[test]
    fn trailing_zeros_of_a_total_do_not_change_its_split() {
        let weights = [dec!(0.16), dec!(0.16), dec!(0.68)];
        assert_eq!(apportion(dec!(1000.35300), &weights, 3), apportion(dec!(1000.353), &weights, 3));
        assert_eq!(apportion(dec!(1000.35300), &weights, 3), vec![dec!(160.057), dec!(160.056), dec!(680.24)]);
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

    /// The split as it was computed before phases without money were split sparsely: every
    /// scope by every rule. The sparse split must give the same figures.
    fn dense(plan: &Plan, totals: &Totals) -> (Vec<Split>, Split) {
        let places = plan.precision;
        let grand_total = totals.grand();
        let scope_totals: Vec<Decimal> = (0..plan.phases.len())
            .map(|p| totals.phase_total(p))
            .chain(std::iter::once(totals.outside_total()))
            .collect();
        let weights: Vec<Decimal> = scope_totals
            .iter()
            .map(|t| if grand_total.is_zero() { Decimal::ZERO } else { div(*t, grand_total) })
            .collect();
        let spread: Vec<Vec<Decimal>> = plan
            .sources
            .iter()
            .map(|s| match s.rule {
                ShareRule::Amount { value } if !grand_total.is_zero() => {
                    // Not over the phases with money that have a rule of their own for it.
                    let keeps = |k: usize| plan.phases.get(k).is_none_or(|p| !s.phase_rules.contains_key(&p.id));
                    let money = |k: usize| !scope_totals[k].is_zero();
                    let n = scope_totals.len();
                    let kept: Decimal = (0..n).filter(|&k| money(k) && keeps(k)).map(|k| scope_totals[k]).sum();
                    if (0..n).all(|k| !money(k) || keeps(k)) || kept.is_zero() {
                        apportion(value, &weights, places)
                    } else {
                        let own: Vec<Decimal> = (0..n)
                            .map(|k| if money(k) && keeps(k) { div(scope_totals[k], kept) } else { Decimal::ZERO })
                            .collect();
                        apportion(value, &own, places)
                    }
                }
                ShareRule::Amount { value } => {
                    let mut v = vec![Decimal::ZERO; scope_totals.len()];
                    *v.last_mut().unwrap() = value;
                    v
                }
                _ => vec![Decimal::ZERO; scope_totals.len()],
            })
            .collect();
        let mut scopes: Vec<Split> = scope_totals
            .iter()
            .enumerate()
            .map(|(k, &total)| {
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
                split_by_rules(total, &rules, &fixed, places)
            })
            .collect();
        let outside = scopes.pop().unwrap();
        (scopes, outside)
    }

    #[test]
    fn phases_without_money_split_as_every_rule_would() {
        use crate::model::{FundingSource, ItemId, MoneyUnit, YearRange};
        let mut rng = crate::reference::Xorshift(0xDEAD_BEEF_1234_5678);
        let pad = |s: &Split, n: usize| -> Vec<Decimal> { (0..n).map(|i| s.amount(i)).collect() };
        for round in 0..400 {
            let mut plan = Plan::new("", YearRange::new(2020, 2027), MoneyUnit::Million);
            plan.precision = rng.below(3) as u32;
            for p in 0..rng.below(6) {
                let a = 2018 + rng.below(10) as i32;
                plan.phases.push(crate::model::Phase {
                    id: ItemId(100 + p as u32),
                    name: format!("p{p}"),
                    years: YearRange::new(a, a + rng.below(4) as i32),
                });
            }
            for l in 0..rng.below(4) {
                let amounts: Vec<(i32, Decimal)> = (0..rng.below(4))
                    .map(|_| (2018 + rng.below(12) as i32, Decimal::from(rng.below(200) as i64 - 40)))
                    .collect();
                plan.push_line(&format!("l{l}"), &amounts);
            }
            let rule = |rng: &mut crate::reference::Xorshift| match rng.below(4) {
                0 => ShareRule::Amount { value: Decimal::from(rng.below(300) as i64) },
                1 => ShareRule::Remainder,
                _ => ShareRule::percent(Decimal::from(rng.below(70) as i64)),
            };
            for s in 0..rng.below(5) {
                let mut source =
                    FundingSource { id: ItemId(200 + s as u32), rule: rule(&mut rng), ..Default::default() };
                for _ in 0..rng.below(3) {
                    source.phase_rules.insert(ItemId(100 + rng.below(6) as u32), rule(&mut rng));
                }
                plan.sources.push(source);
            }
            let totals = Totals::compute(&plan);
            let split = FundingSplit::compute(&plan, &totals);
            let (phases, outside) = dense(&plan, &totals);
            let n = plan.sources.len();
            assert_eq!(split.phases.len(), phases.len());
            for (k, (got, want)) in split.phases.iter().zip(&phases).chain([(&split.outside, &outside)]).enumerate() {
                assert_eq!(pad(got, n), want.amounts, "round {round}, scope {k}: {plan:?}");
                assert_eq!((got.total, got.unassigned, got.assigned), (want.total, want.unassigned, want.assigned));
            }
        }
    }
}
