//! The plan: one draft of a programme plan's financial annex.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Agency, AgencyLevel, FundingSource, MoneyUnit, Report, Target, Task};

/// A calendar year.
pub type Year = i32;

/// Stable identity of an item inside one plan (lines, phases, sources, targets).
///
/// Ids survive reordering and renaming; undo, compare and the UI key items by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ItemId(pub u32);

/// An inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct YearRange {
    /// First year, inclusive.
    pub first: Year,
    /// Last year, inclusive.
    pub last: Year,
}

impl YearRange {
    /// A range from `first` to `last`, both included.
    pub fn new(first: Year, last: Year) -> Self {
        Self { first, last }
    }

    /// Whether `year` lies in the range.
    pub fn contains(&self, year: Year) -> bool {
        self.first <= year && year <= self.last
    }

    /// Whether two ranges share at least one year.
    pub fn overlaps(&self, other: &YearRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// The years of the range in order.
    pub fn years(&self) -> impl Iterator<Item = Year> + use<> {
        self.first..=self.last
    }

    /// Number of years (0 for an inverted range).
    pub fn len(&self) -> usize {
        if self.last < self.first { 0 } else { (self.last - self.first + 1) as usize }
    }

    /// Whether the range holds no year.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A phase (giai đoạn): a named range of years with its own subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Phase {
    /// Stable id.
    pub id: ItemId,
    /// Name as shown, e.g. "Giai đoạn 1" or "GĐ 2016–2020".
    pub name: String,
    /// The years of the phase. A phase may contain years with no money.
    pub years: YearRange,
}

impl Phase {
    /// The short form used in subtotal labels: "Giai đoạn 1" → "GĐ 1" ("Cộng GĐ 1").
    pub fn short_name(&self) -> String {
        let trimmed = self.name.trim();
        for long in ["Giai đoạn", "giai đoạn", "GIAI ĐOẠN"] {
            if let Some(rest) = trimmed.strip_prefix(long) {
                return format!("GĐ{rest}");
            }
        }
        trimmed.to_string()
    }
}

/// A budget line (nội dung / hạng mục). Lines form an outline: a line followed by deeper lines
/// is a group whose figures roll up from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BudgetLine {
    /// Stable id.
    pub id: ItemId,
    /// Name, e.g. "Tuyên truyền".
    pub name: String,
    /// Optional code or numbering, e.g. "a" or "1.2".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// Outline depth: 0 for top-level lines; a line followed by deeper lines is a group.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub depth: u8,
    /// Lead agency (chủ trì), if stated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    /// Free notes (ghi chú).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Allocations by year, in the plan's unit. A missing year is an empty cell, not 0.
    #[serde(default, deserialize_with = "crate::model::bounded::unique_keys")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "BTreeMap<String, crate::model::DecimalString>"))]
    pub amounts: BTreeMap<Year, Decimal>,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// One draft of a plan's financial annex: budget lines by year, phases, funding sources and
/// target indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Title, e.g. "Kế hoạch thực hiện Đề án Xây dựng xã hội học tập giai đoạn 2012–2020".
    pub title: String,
    /// Issuing body, e.g. "UBND tỉnh Bắc Kạn".
    pub issuer: String,
    /// The plan's period; years with money outside it are kept and reported.
    pub period: YearRange,
    /// Unit all amounts are stored in.
    pub unit: MoneyUnit,
    /// Decimal places (in `unit`) that funding splits are rounded to. The đồng is the default:
    /// 6 places for triệu đồng.
    pub precision: u32,
    /// Phases in display order.
    pub phases: Vec<Phase>,
    /// Budget lines in display order (an outline, see [`BudgetLine::depth`]).
    pub lines: Vec<BudgetLine>,
    /// Funding sources in display order.
    pub sources: Vec<FundingSource>,
    /// Target indicators in display order.
    pub targets: Vec<Target>,
    /// The agencies that act in the plan, each name once ([`Plan::sync_agencies`]).
    pub agencies: Vec<Agency>,
    /// Tasks in display order.
    pub tasks: Vec<Task>,
    /// The reporting calendar.
    pub reports: Vec<Report>,
    /// Free notes on the annex.
    pub notes: String,
    /// For a plan that adds up the plans of several units: what each unit contributes.
    pub consolidation: Option<Box<super::Consolidation>>,
}

impl Default for Plan {
    fn default() -> Self {
        Self::new("", YearRange::new(2026, 2030), MoneyUnit::Million)
    }
}

impl Plan {
    /// An empty plan over `period`, amounts in `unit`.
    pub fn new(title: &str, period: YearRange, unit: MoneyUnit) -> Self {
        Self {
            title: title.to_string(),
            issuer: String::new(),
            period,
            unit,
            precision: unit.exponent(),
            phases: Vec::new(),
            lines: Vec::new(),
            sources: Vec::new(),
            targets: Vec::new(),
            agencies: Vec::new(),
            tasks: Vec::new(),
            reports: Vec::new(),
            notes: String::new(),
            consolidation: None,
        }
    }

    /// Every agency name the plan uses where someone acts (lines' leads, targets' leads and
    /// partners, tasks' leads and partners, reports' senders and receivers), each once, in the
    /// order first met; names compared trimmed.
    pub fn agency_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let lines = self.lines.iter().map(|l| l.agency.as_str());
        let targets = self
            .targets
            .iter()
            .flat_map(|t| std::iter::once(t.agency.as_str()).chain(t.partners.iter().map(String::as_str)));
        let tasks = self
            .tasks
            .iter()
            .flat_map(|t| std::iter::once(t.lead.as_str()).chain(t.partners.iter().map(String::as_str)));
        let reports = self.reports.iter().flat_map(|r| [r.from.as_str(), r.to.as_str()]);
        for name in lines.chain(targets).chain(tasks).chain(reports).map(str::trim) {
            if !name.is_empty() && seen.insert(name) {
                out.push(name);
            }
        }
        out
    }

    /// Adds to the directory every agency the plan names and the directory lacks (its level
    /// guessed from its name); returns how many were added. A draft of format version 1 gets its
    /// directory this way, and so does a name typed where an agency acts.
    pub fn sync_agencies(&mut self) -> usize {
        let known: std::collections::HashSet<&str> = self.agencies.iter().map(|a| a.name.trim()).collect();
        let missing: Vec<String> =
            self.agency_names().into_iter().filter(|n| !known.contains(n)).map(str::to_string).collect();
        for (id, name) in (self.next_id().0..).zip(&missing) {
            self.agencies.push(Agency {
                id: ItemId(id),
                level: AgencyLevel::guess(name),
                name: name.clone(),
                ..Default::default()
            });
        }
        missing.len()
    }

    /// Index of the directory's agency named `name` (trimmed).
    pub fn agency_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.agencies.iter().position(|a| a.name.trim() == name)
    }

    /// A fresh id, larger than every id in use.
    pub fn next_id(&self) -> ItemId {
        let max = self
            .phases
            .iter()
            .map(|p| p.id.0)
            .chain(self.lines.iter().map(|l| l.id.0))
            .chain(self.sources.iter().map(|s| s.id.0))
            .chain(self.targets.iter().map(|t| t.id.0))
            .chain(self.agencies.iter().map(|a| a.id.0))
            .chain(self.tasks.iter().map(|t| t.id.0))
            .chain(self.reports.iter().map(|r| r.id.0))
            .max()
            .unwrap_or(0);
        ItemId(max + 1)
    }

    /// The year columns shown: the period, every phase's years (of phases spanning at most
    /// [`MAX_YEARS`](super::limits::MAX_YEARS)) and every year holding money, in order.
    ///
    /// The phases' years are merged as sorted intervals first, so that many overlapping phases
    /// cost O(n log n), not one insertion per phase and year.
    pub fn columns(&self) -> Vec<Year> {
        let mut ranges: Vec<(Year, Year)> = self
            .phases
            .iter()
            .filter(|p| !p.years.is_empty() && p.years.len() <= super::limits::MAX_YEARS)
            .map(|p| (p.years.first, p.years.last))
            .collect();
        if !self.period.is_empty() {
            ranges.push((self.period.first, self.period.last));
        }
        ranges.sort_unstable();
        let mut merged: Vec<(Year, Year)> = Vec::new();
        for (first, last) in ranges {
            match merged.last_mut() {
                Some(m) if i64::from(first) <= i64::from(m.1) + 1 => m.1 = m.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        // The years holding money, marked in a table over their span when it is a sane one
        // (a look-up per cell, not a tree insertion); a set otherwise.
        let lo =
            merged.iter().map(|r| r.0).chain(self.lines.iter().filter_map(|l| l.amounts.keys().next().copied())).min();
        let hi = merged
            .iter()
            .map(|r| r.1)
            .chain(self.lines.iter().filter_map(|l| l.amounts.keys().next_back().copied()))
            .max();
        let (Some(lo), Some(hi)) = (lo, hi) else { return Vec::new() };
        let span = i64::from(hi) - i64::from(lo) + 1;
        if span <= 4096 {
            let mut marked = vec![false; span as usize];
            let at = |y: Year| (i64::from(y) - i64::from(lo)) as usize;
            for (first, last) in merged {
                marked[at(first)..=at(last)].fill(true);
            }
            for line in &self.lines {
                for &y in line.amounts.keys() {
                    marked[at(y)] = true;
                }
            }
            return marked
                .iter()
                .enumerate()
                .filter(|(_, m)| **m)
                .map(|(k, _)| (i64::from(lo) + k as i64) as Year)
                .collect();
        }
        let mut years: std::collections::BTreeSet<Year> = std::collections::BTreeSet::new();
        for (first, last) in merged {
            years.extend(first..=last);
        }
        for line in &self.lines {
            years.extend(line.amounts.keys().copied());
        }
        years.into_iter().collect()
    }

    /// Index of the phase containing `year`, the first one if phases overlap. One look-up; for
    /// many years, [`Plan::phase_cover`] answers each in O(log n).
    pub fn phase_of(&self, year: Year) -> Option<usize> {
        self.phases.iter().position(|p| p.years.contains(year))
    }

    /// Which phase each year counts in and which phases overlap, found in one sorted sweep.
    pub fn phase_cover(&self) -> super::PhaseCover {
        super::PhaseCover::new(&self.phases)
    }

    /// Index of the line with `id`.
    pub fn line_index(&self, id: ItemId) -> Option<usize> {
        self.lines.iter().position(|l| l.id == id)
    }

    /// Adds a budget line at the end and returns its id.
    pub fn push_line(&mut self, name: &str, amounts: &[(Year, Decimal)]) -> ItemId {
        let id = self.next_id();
        self.lines.push(BudgetLine {
            id,
            name: name.to_string(),
            amounts: amounts.iter().copied().collect(),
            ..BudgetLine::default()
        });
        id
    }

    /// Adds a phase and returns its id.
    pub fn push_phase(&mut self, name: &str, years: YearRange) -> ItemId {
        let id = self.next_id();
        self.phases.push(Phase { id, name: name.to_string(), years });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MoneyUnit;

    /// The columns are the period, the short phases' years and the years holding money, over a
    /// narrow span (a table of years) as over a wide one (a set).
    #[test]
    fn columns_are_the_union_of_period_phases_and_money() {
        let mut rng = crate::reference::Xorshift(0x5555_AAAA_1234_9876);
        for round in 0..200 {
            let wide = round % 4 == 0;
            let mut plan = Plan::new("", YearRange::new(2020, 2020 + rng.below(6) as Year), MoneyUnit::Million);
            for _ in 0..rng.below(4) {
                let a = 2010 + rng.below(30) as Year;
                plan.push_phase("p", YearRange::new(a, a + rng.below(300) as Year - 40));
            }
            for _ in 0..rng.below(4) {
                let y = if wide && rng.below(3) == 0 { 9000 } else { 2000 + rng.below(50) as Year };
                plan.push_line("l", &[(y, Decimal::ONE)]);
            }
            let mut naive: std::collections::BTreeSet<Year> = plan.period.years().collect();
            for p in &plan.phases {
                if p.years.len() <= crate::model::limits::MAX_YEARS {
                    naive.extend(p.years.years());
                }
            }
            for l in &plan.lines {
                naive.extend(l.amounts.keys().copied());
            }
            assert_eq!(plan.columns(), naive.into_iter().collect::<Vec<_>>(), "round {round}: {plan:?}");
        }
    }
}
