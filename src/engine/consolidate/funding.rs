//! Funding of a consolidated plan: each unit's sources by kind and consolidated phase, summed;
//! the consolidated shares recomputed from those amounts.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::{FundingSplit, Totals};
use crate::model::{FundingShare, FundingSource, ItemId, MoneyUnit, Phase, PhaseCover, Plan, ShareRule, SourceKind};

/// What a unit's sources cover in each consolidated phase (`phases`), by kind, converted to `to`;
/// and what no source of the unit covers (in `to`).
///
/// A unit's phase that falls in several consolidated phases is split by its years' money: every
/// part but the last in the proportions of the unit's phase, the last takes the rest, so each
/// source's amount is kept exactly.
pub(super) fn unit_funding(unit: &Plan, phases: &[Phase], to: MoneyUnit) -> (Vec<FundingShare>, Decimal) {
    let totals = Totals::compute(unit);
    let split = FundingSplit::compute(unit, &totals);
    let cover = PhaseCover::new(phases);
    let scope_count = unit.phases.len() + 1;
    // The money of each unit scope, by consolidated phase, in year order.
    let mut parts: Vec<Vec<(Option<ItemId>, Decimal)>> = vec![Vec::new(); scope_count];
    for (col, &year) in totals.columns().iter().enumerate() {
        let money = totals.year_total(year);
        if money.is_zero() {
            continue;
        }
        let scope = totals.phase_of_column(col).unwrap_or(unit.phases.len());
        let into = cover.phase_of(year).and_then(|p| phases.get(p)).map(|p| p.id);
        let list = &mut parts[scope];
        match list.iter_mut().find(|(p, _)| *p == into) {
            Some((_, m)) => *m += money,
            None => list.push((into, money)),
        }
    }
    let mut by_key: BTreeMap<(usize, Option<ItemId>), (String, Decimal)> = BTreeMap::new();
    for (scope, list) in parts.iter().enumerate() {
        let Some(s) = split.phases.get(scope).or((scope == unit.phases.len()).then_some(&split.outside)) else {
            continue;
        };
        if list.is_empty() || s.amounts.is_empty() {
            continue;
        }
        let mut given = vec![Decimal::ZERO; unit.sources.len()];
        for (k, (into, money)) in list.iter().enumerate() {
            let amounts: Vec<Decimal> = if k + 1 == list.len() {
                (0..unit.sources.len()).map(|i| s.amount(i) - given[i]).collect()
            } else {
                s.apply_to(*money, unit.precision).amounts
            };
            for (i, a) in amounts.into_iter().enumerate() {
                given[i] += a;
                if a.is_zero() {
                    continue;
                }
                let source = &unit.sources[i];
                let kind = SourceKind::ALL.iter().position(|k| *k == source.kind).unwrap_or(0);
                let e = by_key.entry((kind, *into)).or_insert_with(|| (source.name.trim().to_string(), Decimal::ZERO));
                e.1 += unit.unit.convert(a, to);
            }
        }
    }
    let shares = by_key
        .into_iter()
        .map(|((kind, phase), (name, amount))| FundingShare { kind: SourceKind::ALL[kind], name, phase, amount })
        .collect();
    (shares, unit.unit.convert(split.grand.unassigned, to))
}

/// The consolidated plan's sources: one per kind the units use, named as the first unit names
/// it. Percent shares of the whole when they give back every unit amount exactly; otherwise a
/// fixed amount in each phase and outside the phases (the sums), the plan-wide percent then
/// stating the share of the whole when no money lies outside the phases.
pub(super) fn sources(plan: &Plan, totals: &Totals, shares: &[&FundingShare], next_id: &mut u32) -> Vec<FundingSource> {
    let mut kinds: Vec<(SourceKind, String)> = Vec::new();
    let mut sums: BTreeMap<(usize, Option<ItemId>), Decimal> = BTreeMap::new();
    for s in shares {
        let k = match kinds.iter().position(|(kind, _)| *kind == s.kind) {
            Some(k) => k,
            None => {
                kinds.push((s.kind, s.name.clone()));
                kinds.len() - 1
            }
        };
        *sums.entry((k, s.phase)).or_default() += s.amount;
    }
    // Kinds in the order offered to the planner.
    let mut order: Vec<usize> = (0..kinds.len()).collect();
    order.sort_by_key(|&k| SourceKind::ALL.iter().position(|x| *x == kinds[k].0));
    let grand = totals.grand();
    let mut make = |k: usize, rule: ShareRule, phase_rules: BTreeMap<ItemId, ShareRule>| {
        let id = ItemId(*next_id);
        *next_id += 1;
        let name = if kinds[k].1.is_empty() {
            kinds[k].0.name().get(crate::locale::Lang::Vi).to_string()
        } else {
            kinds[k].1.clone()
        };
        FundingSource { id, name, kind: kinds[k].0, rule, phase_rules }
    };
    let kind_total = |k: usize| -> Decimal { sums.iter().filter(|((kk, _), _)| *kk == k).map(|(_, a)| *a).sum() };
    let wanted = |k: usize, phase: Option<ItemId>| sums.get(&(k, phase)).copied().unwrap_or_default();

    // Percent shares of the whole, when exact and giving back every sum.
    if !grand.is_zero() {
        let percents: Option<Vec<Decimal>> = order
            .iter()
            .map(|&k| {
                let p = (kind_total(k) * Decimal::ONE_HUNDRED).checked_div(grand)?.normalize();
                (p.scale() <= 6 && p * grand / Decimal::ONE_HUNDRED == kind_total(k)).then_some(p)
            })
            .collect();
        if let Some(percents) = percents {
            let mut trial = plan.clone();
            trial.sources = order
                .iter()
                .zip(&percents)
                .enumerate()
                .map(|(i, (&k, p))| FundingSource {
                    id: ItemId(i as u32),
                    kind: kinds[k].0,
                    rule: ShareRule::percent(*p),
                    ..Default::default()
                })
                .collect();
            let split = FundingSplit::compute(&trial, totals);
            let same = order.iter().enumerate().all(|(i, &k)| {
                plan.phases.iter().enumerate().all(|(p, phase)| {
                    split.phases.get(p).map(|s| s.amount(i)).unwrap_or_default() == wanted(k, Some(phase.id))
                }) && split.outside.amount(i) == wanted(k, None)
            });
            if same {
                return order
                    .iter()
                    .zip(percents)
                    .map(|(&k, p)| make(k, ShareRule::percent(p), BTreeMap::new()))
                    .collect();
            }
        }
    }
    // Fixed amounts in each phase with money. When the years outside the phases hold no money,
    // the plan-wide rule applies to none: it states each kind's share of the whole, in hundredths
    // of a percent apportioned so that they never pass 100 %.
    let outside = totals.outside_total();
    let shown: Vec<Decimal> = if grand.is_zero() {
        vec![Decimal::ZERO; order.len()]
    } else {
        let weights: Vec<Decimal> = order.iter().map(|&k| kind_total(k) / grand).collect();
        crate::engine::apportion(Decimal::ONE_HUNDRED, &weights, 2)
    };
    order
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let phase_rules: BTreeMap<ItemId, ShareRule> = plan
                .phases
                .iter()
                .enumerate()
                .filter(|(p, _)| !totals.phase_total(*p).is_zero())
                .map(|(_, phase)| (phase.id, ShareRule::Amount { value: wanted(k, Some(phase.id)) }))
                .collect();
            // Every phase with money has its own rule: a plan-wide fixed amount falls wholly on
            // the years outside the phases.
            let rule = if outside.is_zero() && !plan.phases.is_empty() {
                ShareRule::percent(shown[i].normalize())
            } else {
                ShareRule::Amount { value: wanted(k, None) }
            };
            make(k, rule, phase_rules)
        })
        .collect()
}
