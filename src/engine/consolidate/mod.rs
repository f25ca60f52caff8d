//! Consolidation (tổng hợp): the plans of several units (districts, departments) added up into
//! one plan, every figure traceable to the units.
//!
//! Lines are matched under the same group by code and name, then by name (accents, case and
//! spacing ignored), then by code with a similar name; the planner corrects the matching with
//! [`Correction`]s. Amounts are converted exactly into one money unit and summed; funding sources
//! of the same kind are summed and the shares recomputed from the amounts; targets keep each
//! unit's values as a variant named after the unit. What each unit contributes is kept with the
//! plan ([`crate::model::Consolidation`]): [`breakdown`] answers "how much of this cell comes
//! from whom", and [`update`] replaces one unit's share with its new version, keeping the
//! planner's own changes to the consolidated plan.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, PlanPlace, Severity};
use crate::engine::Totals;
use crate::locale::Text;
use crate::model::{
    Agency, Consolidation, Correction, ItemId, LineLink, MoneyUnit, Phase, Plan, Target, TargetVariant, Task,
    UnitShare, Year, YearRange, fold_name,
};

mod breakdown;
mod funding;
mod lines;
#[cfg(test)]
mod tests;

pub use breakdown::{Breakdown, Scope, UnitColumns, breakdown, unit_columns};
pub use lines::{LineMatch, MatchedBy};
use lines::{Outline, Place, UnitLines, add_amount, correction_for};

/// A unit's draft to consolidate.
#[derive(Debug, Clone)]
pub struct UnitDraft {
    /// The unit's name, e.g. "Huyện Ba Bể".
    pub name: String,
    /// Where the draft came from: a saved draft's id or a file's name.
    pub origin: String,
    /// The unit's plan.
    pub plan: Plan,
}

/// A consolidated plan, how its lines were matched and what the planner should look at.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The consolidated plan, with what each unit contributes.
    pub plan: Plan,
    /// Its totals (an editor starts from them: [`crate::engine::Editor::with_totals`]).
    pub totals: Totals,
    /// Every unit line and the consolidated line it went into, unit by unit.
    pub matches: Vec<LineMatch>,
    /// Differences that matter: money units converted, phases that disagree, lines only one
    /// unit has, lines matched by code only, targets stated differently, totals that changed.
    pub diagnostics: Vec<Diagnostic>,
}

/// Adds up `units` into a new plan titled `title`, applying the planner's `corrections`.
///
/// The money unit is the one most units use (on a tie, the one nearest to triệu đồng); the phases those most units share; the period
/// spans every unit's.
pub fn consolidate(units: &[UnitDraft], corrections: &[Correction], title: &str) -> Outcome {
    let unit = common_unit(units);
    let first = units.iter().map(|u| u.plan.period.first).min().unwrap_or(2026);
    let last = units.iter().map(|u| u.plan.period.last).max().unwrap_or(first);
    let mut plan = Plan::new(title, YearRange::new(first, last), unit);
    let signatures: Vec<Vec<(Year, Year)>> = units.iter().map(|u| signature(&u.plan.phases)).collect();
    if let Some(chosen) = most_common(signatures.iter().filter(|s| !s.is_empty()).cloned()) {
        let from = signatures.iter().position(|s| *s == chosen).unwrap_or(0);
        plan.phases = units[from].plan.phases.iter().map(|p| Phase { id: ItemId(0), ..p.clone() }).collect();
        for (i, p) in plan.phases.iter_mut().enumerate() {
            p.id = ItemId(i as u32 + 1);
        }
    }
    plan.precision = units
        .iter()
        .map(|u| u.plan.precision as i64 + unit.exponent() as i64 - u.plan.unit.exponent() as i64)
        .max()
        .unwrap_or(0)
        .clamp(unit.exponent() as i64, crate::model::limits::MAX_PRECISION as i64) as u32;
    plan.consolidation = Some(Box::new(Consolidation { units: Vec::new(), corrections: corrections.to_vec() }));
    let chosen = signature(&plan.phases);
    let mut builder = Builder::new(plan);
    for (u, mine) in units.iter().zip(&signatures) {
        if !mine.is_empty() && *mine != chosen {
            builder.phases_differ(&u.name, &u.plan.phases);
        }
    }
    for (k, u) in units.iter().enumerate() {
        builder.add(k, u);
    }
    builder.finish()
}

/// Replaces the share of the unit named like `unit` with this version (or adds it as a new
/// unit), keeping the other units' shares and the planner's own changes to the consolidated
/// plan; a unit whose total changed by more than `threshold` percent is reported.
pub fn update(plan: &Plan, unit: &UnitDraft, threshold: Decimal) -> Outcome {
    let mut builder = Builder::new(plan.clone());
    let name = fold_name(&unit.name);
    let at = builder.cons.units.iter().position(|u| fold_name(&u.name) == name);
    let old = at.map(|k| builder.remove(k));
    let k = at.unwrap_or(builder.cons.units.len());
    let mine = signature(&unit.plan.phases);
    if !mine.is_empty() && mine != signature(&builder.plan.phases) {
        builder.phases_differ(&unit.name, &unit.plan.phases);
    }
    builder.plan.period = YearRange::new(
        builder.plan.period.first.min(unit.plan.period.first),
        builder.plan.period.last.max(unit.plan.period.last),
    );
    builder.add(k, unit);
    let mut outcome = builder.finish();
    if let Some(old) = &old {
        // Lines only this unit had money on, and no longer has: kept (with what the planner put
        // there), said.
        let cons = outcome.plan.consolidation.as_deref();
        let funded = |id: &ItemId| cons.is_some_and(|c| c.units.iter().any(|u| u.amounts.contains_key(id)));
        for (row, line) in outcome.plan.lines.iter().enumerate() {
            if old.amounts.contains_key(&line.id) && !funded(&line.id) {
                let (name, unit) = (line.name.clone(), unit.name.clone());
                outcome.diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    "line_left_by_unit",
                    PlanPlace::LineName(row),
                    crate::text!(
                        "Dòng «{name}» không còn đơn vị nào ghi số liệu ({unit} đã bỏ); dòng được giữ, hãy xóa nếu không cần.",
                        "No unit has money on line '{name}' any more ({unit} dropped it); the line is kept: remove it if it is not needed."
                    ),
                ));
            }
        }
    }
    if let Some(old) = old {
        let new = outcome.plan.consolidation.as_ref().and_then(|c| c.units.get(k)).map(|u| u.total).unwrap_or_default();
        if changed_beyond(old.total, new, threshold) {
            let (name, old_total) = (unit.name.clone(), old.total);
            outcome.diagnostics.push(Diagnostic::warning(
                "unit_total_changed",
                PlanPlace::Lines,
                Text::each(move |lang| {
                    let (o, n) =
                        (crate::locale::format_decimal(old_total, lang), crate::locale::format_decimal(new, lang));
                    let pct = percent_change(old_total, new);
                    match lang {
                        crate::locale::Lang::Vi => format!("Tổng của {name} đổi từ {o} thành {n} ({pct} %)."),
                        crate::locale::Lang::En => format!("{name}'s total changed from {o} to {n} ({pct} %)."),
                    }
                }),
            ));
        }
    }
    outcome
}

/// Whether `new` differs from `old` by more than `threshold` percent of `old` (any change of a
/// zero total counts).
pub fn changed_beyond(old: Decimal, new: Decimal, threshold: Decimal) -> bool {
    if old.is_zero() {
        return !new.is_zero();
    }
    ((new - old).abs() * Decimal::ONE_HUNDRED / old.abs()) > threshold
}

/// The change from `old` to `new` in percent of `old`, signed, one decimal.
fn percent_change(old: Decimal, new: Decimal) -> String {
    if old.is_zero() {
        return "∞".into();
    }
    let p = ((new - old) * Decimal::ONE_HUNDRED / old.abs()).round_dp(1).normalize();
    if p.is_sign_positive() { format!("+{p}") } else { p.to_string() }
}

fn signature(phases: &[Phase]) -> Vec<(Year, Year)> {
    phases.iter().map(|p| (p.years.first, p.years.last)).collect()
}

/// The value met most often (the first met on a tie).
fn most_common<T: PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

/// A finding waiting for the plan's final row numbers.
enum Finding {
    /// About a consolidated line (a node of the outline).
    Line(usize, Severity, &'static str, Text),
    /// About the plan as a whole.
    Whole(Severity, &'static str, Text),
    /// About a consolidated target, by id.
    Target(ItemId, Severity, &'static str, Text),
}

/// The consolidated plan as it grows unit by unit.
struct Builder {
    plan: Plan,
    outline: Outline,
    cons: Consolidation,
    /// The plan's own amounts beyond what the units contribute (the planner's changes).
    base: HashMap<ItemId, BTreeMap<Year, Decimal>>,
    matches: Vec<LineMatch>,
    findings: Vec<Finding>,
}

impl Builder {
    fn new(mut plan: Plan) -> Self {
        let cons = plan.consolidation.take().map(|c| *c).unwrap_or_default();
        let next = plan.next_id().0.max(cons.units.iter().map(|u| u.id.0 + 1).max().unwrap_or(1));
        let mut outline = Outline::of_plan(&plan, next);
        // The planner's changes: the plan's amounts less every unit's contribution.
        let mut base: HashMap<ItemId, BTreeMap<Year, Decimal>> = HashMap::new();
        let groups = UnitLines::of(&plan).is_group;
        for (line, group) in plan.lines.iter().zip(groups) {
            if !line.amounts.is_empty() && !group {
                base.insert(line.id, line.amounts.clone());
            }
        }
        for u in &cons.units {
            for (id, years) in &u.amounts {
                let cells = base.entry(*id).or_default();
                for (y, a) in years {
                    add_amount(cells, *y, -*a);
                }
            }
            for link in &u.lines {
                if let Some(&n) = outline.by_id.get(&link.line) {
                    outline.placed.insert((fold_name(&u.name), link.key.clone()), n);
                }
            }
        }
        for cells in base.values_mut() {
            cells.retain(|_, a| !a.is_zero());
        }
        base.retain(|_, cells| !cells.is_empty());
        Builder { plan, outline, cons, base, matches: Vec::new(), findings: Vec::new() }
    }

    fn fresh_id(&mut self) -> ItemId {
        let id = ItemId(self.outline.next_id);
        self.outline.next_id += 1;
        id
    }

    /// Takes unit `k` out: its share, its targets' values and its tasks.
    fn remove(&mut self, k: usize) -> UnitShare {
        let share = self.cons.units.remove(k);
        let name = fold_name(&share.name);
        self.outline.placed.retain(|(unit, _), _| *unit != name);
        let prefix = format!("{} — ", share.name);
        for t in self.plan.targets.iter_mut().filter(|t| share.targets.contains(&t.id)) {
            t.variants.retain(|v| v.name != share.name && !v.name.starts_with(&prefix));
        }
        self.plan.tasks.retain(|t| !share.tasks.contains(&t.id));
        share
    }

    fn phases_differ(&mut self, unit: &str, phases: &[Phase]) {
        let theirs = describe_phases(phases);
        let ours = describe_phases(&self.plan.phases);
        let unit = unit.to_string();
        self.findings.push(Finding::Whole(
            Severity::Warning,
            "unit_phases_differ",
            crate::text!(
                "{unit} chia giai đoạn khác ({theirs}); bản tổng hợp dùng {ours}: số liệu của {unit} được tính theo năm vào các giai đoạn này.",
                "{unit} divides its phases differently ({theirs}); the consolidation uses {ours}: {unit}'s figures count by year in these phases."
            ),
        ));
    }

    /// Adds unit `k` (its share inserted at index `k`).
    fn add(&mut self, k: usize, unit: &UnitDraft) {
        let to = self.plan.unit;
        let from = unit.plan.unit;
        let uname = unit.name.trim().to_string();
        let ukey = fold_name(&uname);
        if from != to {
            let (f, t, n) = (from, to, uname.clone());
            self.findings.push(Finding::Whole(
                Severity::Info,
                "unit_converted",
                Text::each(move |lang| match lang {
                    crate::locale::Lang::Vi => format!(
                        "{n} lập dự toán bằng {}; đã quy đổi chính xác sang {}.",
                        f.name().get(lang),
                        t.name().get(lang)
                    ),
                    crate::locale::Lang::En => format!(
                        "{n} wrote its amounts in {}; converted exactly into {}.",
                        f.name().get(lang),
                        t.name().get(lang)
                    ),
                }),
            ));
        }
        let id = ItemId(self.cons.units.iter().map(|u| u.id.0).max().unwrap_or(0) + 1);
        let mut share =
            UnitShare { id, name: uname.clone(), origin: unit.origin.clone(), unit: from, ..Default::default() };
        let lines = UnitLines::of(&unit.plan);
        let mut node_of: Vec<usize> = Vec::with_capacity(unit.plan.lines.len());
        // Marks the lines this unit has taken (a unit matches a line once).
        let tag = usize::MAX - k;
        for (i, line) in unit.plan.lines.iter().enumerate() {
            let key = &lines.keys[i];
            let parent = lines.parent[i].map(|p| node_of[p]);
            let mut chosen: Option<(usize, MatchedBy)> = None;
            let mut apart = false;
            for c in correction_for(&self.cons.corrections, &uname, key) {
                match c {
                    Correction::Apart { .. } => apart = true,
                    Correction::Join { unit: u, key: kk, with_unit, with_key } => {
                        let other = if *u == uname && kk == key { (with_unit, with_key) } else { (u, kk) };
                        if let Some(&n) = self.outline.placed.get(&(fold_name(other.0), other.1.clone())) {
                            chosen = Some((n, MatchedBy::Corrected));
                        }
                    }
                }
            }
            if chosen.is_none() && !apart {
                chosen = self.outline.find(tag, parent, line);
            }
            let (n, how) = match chosen {
                Some(found) => found,
                None => {
                    // After the node of the unit's previous line in the same group.
                    let after = (0..i).rev().find(|&j| lines.parent[j] == lines.parent[i]).map(|j| node_of[j]);
                    let place = match after {
                        Some(a) if self.outline.nodes[a].parent == parent => Place::After(a),
                        Some(_) => Place::Last,
                        None => Place::First,
                    };
                    let n = self.outline.add_new(parent, place, line);
                    (n, if apart { MatchedBy::Corrected } else { MatchedBy::New })
                }
            };
            node_of.push(n);
            let node = &mut self.outline.nodes[n];
            node.taken_by = Some(tag);
            if node.line.agency.is_empty() && !line.agency.trim().is_empty() {
                node.line.agency = line.agency.trim().to_string();
            }
            let cid = node.line.id;
            if how == MatchedBy::Code {
                let (theirs, ours, u) = (line.name.trim().to_string(), node.line.name.clone(), uname.clone());
                let code = line.code.trim().to_string();
                self.findings.push(Finding::Line(
                    n,
                    Severity::Warning,
                    "matched_by_code",
                    crate::text!(
                        "Dòng «{theirs}» của {u} được gộp vào «{ours}» vì cùng mã {code}; hãy kiểm tra, tách ra nếu không phải một nội dung.",
                        "Line '{theirs}' of {u} was put with '{ours}' because of the same code {code}; check it, and keep them apart if they differ."
                    ),
                ));
            }
            self.outline.placed.insert((ukey.clone(), key.clone()), n);
            share.lines.push(LineLink { key: key.clone(), line: cid });
            self.matches.push(LineMatch {
                unit: k,
                key: key.clone(),
                name: line.name.trim().to_string(),
                line: cid,
                how,
            });
            if !lines.is_group[i] && !line.amounts.is_empty() {
                let cells = share.amounts.entry(cid).or_default();
                for (&y, &a) in &line.amounts {
                    add_amount(cells, y, from.convert(a, to));
                }
            }
        }
        share.total = share.amounts.values().flat_map(|c| c.values()).copied().sum();

        // Funding, by kind and consolidated phase.
        let (funding, unassigned) = funding::unit_funding(&unit.plan, &self.plan.phases, to);
        share.funding = funding;
        if !unassigned.is_zero() && !share.total.is_zero() {
            let u = uname.clone();
            self.findings.push(Finding::Whole(
                Severity::Warning,
                "unit_unassigned",
                Text::each(move |lang| match lang {
                    crate::locale::Lang::Vi => format!(
                        "{u} còn {} chưa có nguồn kinh phí; phần này cũng chưa có nguồn trong bản tổng hợp.",
                        crate::locale::format_decimal(unassigned, lang)
                    ),
                    crate::locale::Lang::En => format!(
                        "{u} leaves {} without a funding source; it has none in the consolidation either.",
                        crate::locale::format_decimal(unassigned, lang)
                    ),
                }),
            ));
        }

        // Targets: the unit's values as a variant named after it.
        let target_ids = self.add_targets(&uname, &unit.plan.targets);
        share.targets = target_ids.iter().copied().collect::<std::collections::BTreeSet<_>>().into_iter().collect();

        // Tasks, their lines and targets mapped onto the consolidated ones.
        let line_map: HashMap<ItemId, ItemId> =
            unit.plan.lines.iter().zip(&node_of).map(|(l, &n)| (l.id, self.outline.nodes[n].line.id)).collect();
        let target_map: HashMap<ItemId, ItemId> =
            unit.plan.targets.iter().map(|t| t.id).zip(target_ids.iter().copied()).collect();
        for t in &unit.plan.tasks {
            let id = self.fresh_id();
            let group = if t.group.trim().is_empty() { uname.clone() } else { format!("{uname}: {}", t.group.trim()) };
            self.plan.tasks.push(Task {
                id,
                group,
                lines: t.lines.iter().filter_map(|l| line_map.get(l).copied()).collect(),
                targets: t.targets.iter().filter_map(|l| target_map.get(l).copied()).collect(),
                ..t.clone()
            });
            share.tasks.push(id);
        }
        for a in &unit.plan.agencies {
            if self.plan.agency_index(&a.name).is_none() {
                let id = self.fresh_id();
                self.plan.agencies.push(Agency { id, ..a.clone() });
            }
        }
        for r in &unit.plan.reports {
            let same = |x: &crate::model::Report| {
                x.kind == r.kind && fold_name(&x.name) == fold_name(&r.name) && fold_name(&x.when) == fold_name(&r.when)
            };
            if !self.plan.reports.iter().any(same) {
                let id = self.fresh_id();
                self.plan.reports.push(crate::model::Report { id, ..r.clone() });
            }
        }
        let at = k.min(self.cons.units.len());
        self.cons.units.insert(at, share);
    }

    /// Puts a unit's targets into the consolidated ones (matched by area and name); returns the
    /// consolidated id of each, in the unit's order.
    fn add_targets(&mut self, unit: &str, targets: &[Target]) -> Vec<ItemId> {
        let mut out = Vec::with_capacity(targets.len());
        for t in targets {
            let key = (fold_name(&t.group), fold_name(&t.name));
            let found = self.plan.targets.iter().position(|x| (fold_name(&x.group), fold_name(&x.name)) == key);
            let at = match found {
                Some(at) => at,
                None => {
                    let id = self.fresh_id();
                    self.plan.targets.push(Target {
                        id,
                        milestones: BTreeMap::new(),
                        variants: Vec::new(),
                        baseline: None,
                        notes: String::new(),
                        ..t.clone()
                    });
                    self.plan.targets.len() - 1
                }
            };
            let target = &mut self.plan.targets[at];
            if !t.milestones.is_empty() || t.variants.is_empty() {
                target.variants.push(TargetVariant { name: unit.to_string(), milestones: t.milestones.clone() });
            }
            for v in &t.variants {
                target.variants.push(TargetVariant {
                    name: format!("{unit} — {}", v.name.trim()),
                    milestones: v.milestones.clone(),
                });
            }
            out.push(target.id);
        }
        out
    }

    /// The final plan: amounts summed, groups' own money moved to a line under them, sources
    /// rebuilt, targets' common values, and the findings placed.
    fn finish(mut self) -> Outcome {
        self.own_money_of_groups();
        if self.outline.renumber() > 0 {
            self.findings.push(Finding::Whole(
                Severity::Info,
                "lines_renumbered",
                Text::fixed(
                    "Các đơn vị đánh số dòng khác nhau: các dòng của bản tổng hợp được đánh số lại theo một cách.",
                    "The units number their lines differently: the consolidation's lines are numbered one way.",
                ),
            ));
        }
        // Amounts: the planner's changes plus every unit's contribution.
        let mut amounts: HashMap<ItemId, BTreeMap<Year, Decimal>> = std::mem::take(&mut self.base);
        let mut units_on: HashMap<ItemId, Vec<usize>> = HashMap::new();
        for (k, u) in self.cons.units.iter().enumerate() {
            for (id, cells) in &u.amounts {
                let line = amounts.entry(*id).or_default();
                for (y, a) in cells {
                    add_amount(line, *y, *a);
                }
                units_on.entry(*id).or_default().push(k);
            }
        }
        let order = self.outline.order();
        let mut row_of = vec![usize::MAX; self.outline.nodes.len()];
        let mut lines = Vec::with_capacity(order.len());
        for (row, &n) in order.iter().enumerate() {
            row_of[n] = row;
            let mut line = self.outline.nodes[n].line.clone();
            line.amounts = if self.outline.nodes[n].children.is_empty() {
                amounts.remove(&line.id).unwrap_or_default()
            } else {
                BTreeMap::new()
            };
            lines.push(line);
        }
        self.plan.lines = lines;

        // Lines only one unit has (when there are several).
        if self.cons.units.len() > 1 {
            for &n in &order {
                let node = &self.outline.nodes[n];
                if !node.children.is_empty() {
                    continue;
                }
                if let Some(units) = units_on.get(&node.line.id)
                    && units.len() == 1
                {
                    let unit = self.cons.units[units[0]].name.clone();
                    let name = node.line.name.clone();
                    self.findings.push(Finding::Line(
                        n,
                        Severity::Info,
                        "line_of_one_unit",
                        crate::text!("Dòng «{name}» chỉ có ở {unit}.", "Line '{name}' comes from {unit} only."),
                    ));
                }
            }
        }

        // Sources, from every unit's funding.
        let shares: Vec<&crate::model::FundingShare> = self.cons.units.iter().flat_map(|u| u.funding.iter()).collect();
        let mut next = self.outline.next_id;
        // The totals do not depend on the sources: computed once, for the shares and the caller.
        let totals = Totals::compute(&self.plan);
        self.plan.sources = funding::sources(&self.plan, &totals, &shares, &mut next);
        self.outline.next_id = next;
        self.common_target_values();
        self.plan.sync_agencies();
        let names: Vec<&str> = self.cons.units.iter().map(|u| u.name.as_str()).collect();
        if self.plan.notes.is_empty() || self.plan.notes.starts_with("Tổng hợp từ ") {
            self.plan.notes = format!("Tổng hợp từ {} đơn vị: {}.", names.len(), names.join(", "));
        }

        let target_row: HashMap<ItemId, usize> = self.plan.targets.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let diagnostics = self
            .findings
            .into_iter()
            .map(|f| match f {
                Finding::Line(n, s, code, text) => {
                    Diagnostic::new(s, code, PlanPlace::LineName(row_of.get(n).copied().unwrap_or(0)), text)
                }
                Finding::Whole(s, code, text) => Diagnostic::new(s, code, crate::diagnostic::Location::Whole, text),
                Finding::Target(id, s, code, text) => {
                    Diagnostic::new(s, code, PlanPlace::TargetName(target_row.get(&id).copied().unwrap_or(0)), text)
                }
            })
            .collect();
        let mut plan = self.plan;
        plan.consolidation = Some(Box::new(self.cons));
        Outcome { plan, totals, matches: self.matches, diagnostics }
    }

    /// A consolidated line that has lines under it (from one unit) and money of its own (from
    /// another, which did not break it down): that money goes to a line "… (chưa chi tiết)"
    /// under it, so that no amount is left out of the group's total.
    fn own_money_of_groups(&mut self) {
        for n in 0..self.outline.nodes.len() {
            if self.outline.nodes[n].children.is_empty() {
                continue;
            }
            let id = self.outline.nodes[n].line.id;
            let holders: Vec<usize> =
                (0..self.cons.units.len()).filter(|&k| self.cons.units[k].amounts.contains_key(&id)).collect();
            if holders.is_empty() && !self.base.contains_key(&id) {
                continue;
            }
            let name = format!("{} (chưa chi tiết)", self.outline.nodes[n].line.name);
            let folded = fold_name(&name);
            let existing =
                self.outline.nodes[n].children.iter().copied().find(|&c| self.outline.nodes[c].folded == folded);
            let child = match existing {
                Some(c) => c,
                None => {
                    let template = crate::model::BudgetLine { name: name.clone(), ..Default::default() };
                    self.outline.add_new(Some(n), Place::First, &template)
                }
            };
            let cid = self.outline.nodes[child].line.id;
            for &k in &holders {
                if let Some(cells) = self.cons.units[k].amounts.remove(&id) {
                    let into = self.cons.units[k].amounts.entry(cid).or_default();
                    for (y, a) in cells {
                        add_amount(into, y, a);
                    }
                }
            }
            if let Some(cells) = self.base.remove(&id) {
                let into = self.base.entry(cid).or_default();
                for (y, a) in cells {
                    add_amount(into, y, a);
                }
            }
            let group = self.outline.nodes[n].line.name.clone();
            let units: Vec<String> = holders.iter().map(|&k| self.cons.units[k].name.clone()).collect();
            let units = units.join(", ");
            self.findings.push(Finding::Line(
                child,
                Severity::Warning,
                "group_money_not_broken_down",
                crate::text!(
                    "«{group}» có dòng con ở đơn vị khác nhưng {units} ghi số liệu cho cả mục: phần đó được đặt ở dòng «{name}».",
                    "'{group}' has lines under it in other units but {units} gave one figure for it: that money is on the line '{name}'."
                ),
            ));
        }
    }

    /// A consolidated target's own milestones: the values the units agree on; a year the units
    /// state differently is left empty and noted.
    fn common_target_values(&mut self) {
        let units: Vec<String> = self.cons.units.iter().map(|u| u.name.clone()).collect();
        let ids: std::collections::HashSet<ItemId> =
            self.cons.units.iter().flat_map(|u| u.targets.iter().copied()).collect();
        for t in self.plan.targets.iter_mut().filter(|t| ids.contains(&t.id)) {
            let mut by_year: BTreeMap<Year, Vec<(String, Decimal)>> = BTreeMap::new();
            for v in t.variants.iter().filter(|v| units.contains(&v.name)) {
                for (&y, &value) in &v.milestones {
                    by_year.entry(y).or_default().push((v.name.clone(), value));
                }
            }
            t.milestones.clear();
            let mut differ = Vec::new();
            for (y, values) in by_year {
                if values.iter().all(|(_, v)| *v == values[0].1) {
                    t.milestones.insert(y, values[0].1);
                } else {
                    let list: Vec<String> = values.iter().map(|(u, v)| format!("{u} {}", v.normalize())).collect();
                    differ.push(format!("{y}: {}", list.join("; ")));
                }
            }
            const MARK: &str = "Các đơn vị nêu khác nhau — ";
            let kept: Vec<&str> = t.notes.lines().filter(|l| !l.starts_with(MARK)).collect();
            let mut notes = kept.join("\n");
            if !differ.is_empty() {
                let text = differ.join(" | ");
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(&format!("{MARK}{text}"));
                let name = t.name.clone();
                self.findings.push(Finding::Target(
                    t.id,
                    Severity::Warning,
                    "target_values_differ",
                    crate::text!(
                        "Chỉ tiêu «{name}»: các đơn vị nêu giá trị khác nhau ({text}); giá trị của từng đơn vị được giữ.",
                        "Target '{name}': the units state different values ({text}); each unit's values are kept."
                    ),
                ));
            }
            t.notes = notes;
        }
    }
}

/// "2021–2022, 2023–2025".
fn describe_phases(phases: &[Phase]) -> String {
    if phases.is_empty() {
        return "—".into();
    }
    phases.iter().map(|p| format!("{}–{}", p.years.first, p.years.last)).collect::<Vec<_>>().join(", ")
}

/// The money unit a set of drafts is consolidated in: the one most of them use; on a tie, the one
/// nearest to triệu đồng, the usual unit of plan annexes.
pub fn common_unit(units: &[UnitDraft]) -> MoneyUnit {
    let count = |m: MoneyUnit| units.iter().filter(|u| u.plan.unit == m).count();
    let best = MoneyUnit::ALL.into_iter().map(count).max().unwrap_or(0);
    MoneyUnit::ALL
        .into_iter()
        .filter(|m| best > 0 && count(*m) == best)
        .min_by_key(|m| (m.exponent() as i64 - MoneyUnit::Million.exponent() as i64).abs())
        .unwrap_or_default()
}
