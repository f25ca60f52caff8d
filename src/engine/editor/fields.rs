//! Changing one field of a funding source or a target, with the change that puts it back.

use super::{SourceChange, TargetChange};
use crate::model::{FundingSource, Target};

/// Puts `value` in `slot` unless they are equal (a value written differently, 1,5 over 1,50, is
/// left as it is, as a cell's is), and gives back the value there before and whether it changed.
pub(super) fn swap<T: PartialEq + Clone>(slot: &mut T, value: T) -> (T, bool) {
    if *slot == value { (slot.clone(), false) } else { (std::mem::replace(slot, value), true) }
}

/// Applies `change` to `source`: the change that undoes it, and whether anything changed.
pub(super) fn set_source_field(source: &mut FundingSource, change: SourceChange) -> (SourceChange, bool) {
    match change {
        SourceChange::Name(name) => {
            let (old, changed) = swap(&mut source.name, name);
            (SourceChange::Name(old), changed)
        }
        SourceChange::Kind(kind) => {
            let (old, changed) = swap(&mut source.kind, kind);
            (SourceChange::Kind(old), changed)
        }
        SourceChange::Rule(rule) => {
            let (old, changed) = swap(&mut source.rule, rule);
            (SourceChange::Rule(old), changed)
        }
        SourceChange::PhaseRule { phase, rule } => {
            let old = source.phase_rules.get(&phase).copied();
            if old == rule {
                return (SourceChange::PhaseRule { phase, rule: old }, false);
            }
            match rule {
                Some(r) => source.phase_rules.insert(phase, r),
                None => source.phase_rules.remove(&phase),
            };
            (SourceChange::PhaseRule { phase, rule: old }, true)
        }
    }
}

/// Applies `change` to `target`: the change that undoes it and whether anything changed, or
/// `None` (nothing done) when it names a variant the target does not have.
pub(super) fn set_target_field(target: &mut Target, change: TargetChange) -> Option<(TargetChange, bool)> {
    Some(match change {
        TargetChange::Group(group) => {
            let (old, changed) = swap(&mut target.group, group);
            (TargetChange::Group(old), changed)
        }
        TargetChange::Name(name) => {
            let (old, changed) = swap(&mut target.name, name);
            (TargetChange::Name(old), changed)
        }
        TargetChange::Unit(unit) => {
            let (old, changed) = swap(&mut target.unit, unit);
            (TargetChange::Unit(old), changed)
        }
        TargetChange::Comparison(comparison) => {
            let (old, changed) = swap(&mut target.comparison, comparison);
            (TargetChange::Comparison(old), changed)
        }
        TargetChange::Baseline(baseline) => {
            let (old, changed) = swap(&mut target.baseline, baseline);
            (TargetChange::Baseline(old), changed)
        }
        TargetChange::Milestone { variant, year, value } => {
            let series = match variant {
                None => &mut target.milestones,
                Some(v) => &mut target.variants.get_mut(v)?.milestones,
            };
            let old = series.get(&year).copied();
            if old == value {
                return Some((TargetChange::Milestone { variant, year, value: old }, false));
            }
            match value {
                Some(v) => series.insert(year, v),
                None => series.remove(&year),
            };
            (TargetChange::Milestone { variant, year, value: old }, true)
        }
        TargetChange::Agency(agency) => {
            let (old, changed) = swap(&mut target.agency, agency);
            (TargetChange::Agency(old), changed)
        }
        TargetChange::Partners(partners) => {
            let (old, changed) = swap(&mut target.partners, partners);
            (TargetChange::Partners(old), changed)
        }
        TargetChange::Notes(notes) => {
            let (old, changed) = swap(&mut target.notes, notes);
            (TargetChange::Notes(old), changed)
        }
        TargetChange::VariantName { variant, name } => {
            let (old, changed) = swap(&mut target.variants.get_mut(variant)?.name, name);
            (TargetChange::VariantName { variant, name: old }, changed)
        }
        TargetChange::InsertVariant { index, variant } => {
            let index = index.min(target.variants.len());
            target.variants.insert(index, variant);
            (TargetChange::RemoveVariant { index }, true)
        }
        TargetChange::RemoveVariant { index } => {
            if index >= target.variants.len() {
                return None;
            }
            let variant = target.variants.remove(index);
            (TargetChange::InsertVariant { index, variant }, true)
        }
    })
}
