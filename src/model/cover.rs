//! Which phase each year counts in, and which phases share years, found with one sorted sweep.
//!
//! Phases may overlap (a draft can say anything); a shared year counts in the first phase, by
//! index, that contains it. Asking [`Plan::phase_of`](super::Plan::phase_of) for every year
//! costs phases × years, and comparing phases pairwise costs phases²: 1,000 overlapping phases
//! made half a million diagnostics. [`PhaseCover`] takes the phases in index order once and keeps
//! the years already covered as merged intervals: each phase is checked against them in
//! O(log n), its uncovered years become its own, and every interval is merged away at most once,
//! so building it is O(n log n) in the phases, whatever their years.

use std::collections::BTreeMap;

use super::{Phase, Year};

/// The years each phase owns (the years it is the first phase to contain), and the phases that
/// share years with an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhaseCover {
    /// Disjoint year intervals `(first, last, phase index)`, sorted by `first`.
    owned: Vec<(Year, Year, usize)>,
    /// `(phase, earlier)`: phase `phase` shares years with the earlier phases, and the first
    /// shared year counts in phase `earlier`. In phase order.
    overlaps: Vec<(usize, usize)>,
}

impl PhaseCover {
    /// The cover of `phases`, in their order. Inverted phases (first after last) cover nothing.
    pub fn new(phases: &[Phase]) -> Self {
        // The union of the years covered so far, as disjoint intervals first → last (in i64, so
        // that adjacency at the ends of i32 does not overflow). Adjacent intervals are merged.
        let mut union: BTreeMap<i64, i64> = BTreeMap::new();
        let mut owned: BTreeMap<Year, (Year, usize)> = BTreeMap::new();
        let mut overlaps = Vec::new();
        let mut touched: Vec<(i64, i64)> = Vec::new();
        for (index, phase) in phases.iter().enumerate() {
            let (a, b) = (i64::from(phase.years.first), i64::from(phase.years.last));
            if a > b {
                continue;
            }
            // The covered intervals that overlap [a, b] or touch it, in order.
            touched.clear();
            for (&s, &e) in union.range(..=b + 1).rev() {
                if e < a - 1 {
                    break;
                }
                touched.push((s, e));
            }
            touched.reverse();
            // The years of [a, b] not covered yet become this phase's; the first covered year
            // inside [a, b] tells the phase it overlaps.
            let mut next = a;
            let mut shared: Option<i64> = None;
            for &(s, e) in &touched {
                let (s_in, e_in) = (s.max(a), e.min(b));
                if s_in > e_in {
                    continue; // only adjacent
                }
                shared.get_or_insert(s_in);
                if next < s_in {
                    owned.insert(year(next), (year(s_in - 1), index));
                }
                next = next.max(e_in + 1);
            }
            if next <= b {
                owned.insert(year(next), (year(b), index));
            }
            if let Some(y) = shared
                && let Some(owner) = lookup(&owned, year(y))
            {
                overlaps.push((index, owner));
            }
            let first = touched.first().map_or(a, |t| t.0.min(a));
            let last = touched.last().map_or(b, |t| t.1.max(b));
            for (s, _) in &touched {
                union.remove(s);
            }
            union.insert(first, last);
        }
        Self { owned: owned.into_iter().map(|(f, (l, p))| (f, l, p)).collect(), overlaps }
    }

    /// Index of the phase `year` counts in: the first phase containing it.
    pub fn phase_of(&self, year: Year) -> Option<usize> {
        let i = self.owned.partition_point(|&(first, _, _)| first <= year);
        let &(_, last, phase) = self.owned.get(i.checked_sub(1)?)?;
        (year <= last).then_some(phase)
    }

    /// Every phase that shares years with an earlier one, with the earlier phase its first
    /// shared year counts in, in phase order.
    pub fn overlaps(&self) -> &[(usize, usize)] {
        &self.overlaps
    }

    /// The year intervals `(first, last, phase)` each phase owns, sorted and disjoint.
    pub fn owned(&self) -> &[(Year, Year, usize)] {
        &self.owned
    }
}

/// Back to a year: every value here lies between two years of the phases.
fn year(v: i64) -> Year {
    Year::try_from(v).unwrap_or(if v < 0 { Year::MIN } else { Year::MAX })
}

fn lookup(owned: &BTreeMap<Year, (Year, usize)>, y: Year) -> Option<usize> {
    let (_, &(last, phase)) = owned.range(..=y).next_back()?;
    (y <= last).then_some(phase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemId, YearRange};

    fn phases(ranges: &[(Year, Year)]) -> Vec<Phase> {
        ranges
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| Phase { id: ItemId(i as u32 + 1), name: format!("p{i}"), years: YearRange::new(a, b) })
            .collect()
    }

    /// The cover agrees with asking every phase in order, on random phases.
    #[test]
    fn agrees_with_the_first_phase_containing_each_year() {
        let mut rng = crate::reference::Xorshift(0x1234_5678_9abc_def1);
        for round in 0..300 {
            let n = 1 + rng.below(12) as usize;
            let ranges: Vec<(Year, Year)> = (0..n)
                .map(|_| {
                    let a = 2000 + rng.below(30) as Year;
                    let b = if rng.below(8) == 0 { a - 1 } else { a + rng.below(6) as Year };
                    (a, b)
                })
                .collect();
            let ps = phases(&ranges);
            let cover = PhaseCover::new(&ps);
            let naive = |y: Year| ps.iter().position(|p| p.years.contains(y));
            for y in 1995..2040 {
                assert_eq!(cover.phase_of(y), naive(y), "round {round}, year {y}, {ranges:?}");
            }
            let expected: Vec<(usize, usize)> = (0..n)
                .filter_map(|j| {
                    let shared = ps[j].years.years().find(|&y| naive(y).is_some_and(|i| i < j))?;
                    Some((j, naive(shared)?))
                })
                .collect();
            assert_eq!(cover.overlaps(), expected.as_slice(), "round {round}, {ranges:?}");
        }
    }

    #[test]
    fn a_thousand_overlapping_phases_are_one_pass() {
        let ps = phases(&vec![(2021, 2030); 1000]);
        let cover = PhaseCover::new(&ps);
        assert_eq!(cover.owned(), &[(2021, 2030, 0)]);
        assert_eq!(cover.overlaps().len(), 999);
        assert!(cover.overlaps().iter().all(|&(_, i)| i == 0));
        let extreme = phases(&[(Year::MIN, Year::MAX), (0, 0), (Year::MAX, Year::MAX)]);
        let cover = PhaseCover::new(&extreme);
        assert_eq!(cover.phase_of(Year::MAX), Some(0));
        assert_eq!(cover.overlaps(), &[(1, 0), (2, 0)]);
    }
}
