//! Phases (giai đoạn) from what a table states about them: subtotals ("Cộng GĐ 1", a
//! "Giai đoạn 2021-2025" column), headings ("Giai đoạn 1 (2012 - 2015)") and header bands over
//! their years; and which years each stated sum covers.

use std::ops::Range;

use crate::io::import::labels::{self, PhaseRef};
use crate::io::import::report::Report;
use crate::io::import::result::{FoundPhase, PhaseEvidence};
use crate::model::limits::{LABEL_YEARS, MAX_YEARS};
use crate::model::{ItemId, Phase, Plan, Year, YearRange};
use crate::text::fold;

use super::fields::{Field, Part, Role};

/// A phase candidate: its label, its years (a range of record indices) and where it came from.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub pref: PhaseRef,
    pub label: String,
    pub records: Range<usize>,
    pub at: (u32, u32),
    pub evidence: PhaseEvidence,
}

/// A stated sum along the year axis: field `field` (an index into the fields) states the sum of
/// the records in `records`, for the part `part`.
#[derive(Debug, Clone)]
pub(super) struct YearSum {
    pub field: usize,
    pub records: Range<usize>,
    pub part: Part,
    pub subtotal: bool,
}

/// Phases and stated sums from the fields in order. `records` are the table's distinct years in
/// order; `has_numbers(field)` tells whether a field holds figures; `at(field)` its label's cell.
pub(super) fn from_fields(
    fields: &[Field],
    records: &[Year],
    has_numbers: impl Fn(usize) -> bool,
    at: impl Fn(usize) -> (u32, u32),
) -> (Vec<Candidate>, Vec<YearSum>) {
    let total = records.len();
    let last_year_field = fields.iter().rposition(|f| matches!(f.role, Role::Year { .. }));
    let mut phases: Vec<Candidate> = Vec::new();
    let mut sums: Vec<YearSum> = Vec::new();
    // Records seen so far (the index after the last year field's record).
    let mut count = 0usize;
    let mut block_start = 0usize;
    let mut open: Option<usize> = None;
    let mut heading_sums: Vec<(usize, usize)> = Vec::new();
    // The block the last subtotal closed: the parts that follow it ("Cộng GĐ 1 / NSTW") cover it too.
    let mut last_block: Option<Range<usize>> = None;
    for (i, f) in fields.iter().enumerate() {
        let after_years = last_year_field.is_none_or(|l| i > l);
        match &f.role {
            Role::Year { year, .. } => {
                if let Some(r) = records.iter().position(|r| r == year) {
                    count = count.max(r + 1);
                }
            }
            Role::Total { bare: false, part } => {
                sums.push(YearSum { field: i, records: 0..total, part: part.clone(), subtotal: false });
            }
            Role::Phase { pref, part, total_word: false }
                if *part != Part::Whole
                    && count == block_start
                    && open.and_then(|o| phases.get(o)).is_some_and(|p| p.pref == *pref) =>
            {
                // A part of the heading block just opened ("Kế hoạch giai đoạn 2021-2025 / NSTW"):
                // its years are the block's, known when it closes.
                if let Some(o) = open {
                    heading_sums.push((sums.len(), o));
                    sums.push(YearSum { field: i, records: 0..0, part: part.clone(), subtotal: true });
                }
            }
            Role::Phase { pref, part, total_word: false } => {
                let explicit = pref.years.filter(|y| y.first < y.last);
                let ahead = explicit.is_some_and(|y| records.get(count).is_some_and(|&next| next >= y.first));
                let heading = !has_numbers(i) || (!after_years && (explicit.is_none() || ahead));
                if heading {
                    close(&mut phases, open.take(), count);
                    open = Some(phases.len());
                    phases.push(Candidate {
                        pref: pref.clone(),
                        label: f.label.clone(),
                        records: count..count,
                        at: at(i),
                        evidence: PhaseEvidence::Heading,
                    });
                    block_start = count;
                    if has_numbers(i) {
                        // A heading with figures states its phase's subtotal; its range is known
                        // when the phase closes.
                        heading_sums.push((sums.len(), phases.len() - 1));
                        sums.push(YearSum { field: i, records: 0..0, part: part.clone(), subtotal: true });
                    }
                    continue;
                }
                // A phase column after its years ("Giai đoạn 2021-2025" over figures).
                let range = match explicit {
                    Some(years) => {
                        let from = records.iter().position(|&r| r >= years.first).unwrap_or(total);
                        let to = records.iter().rposition(|&r| r <= years.last).map(|p| p + 1).unwrap_or(from);
                        from..to.max(from)
                    }
                    None => block_start..count,
                };
                if *part == Part::Whole && !phases.iter().any(|p| p.records == range) {
                    phases.push(Candidate {
                        pref: pref.clone(),
                        label: f.label.clone(),
                        records: range.clone(),
                        at: at(i),
                        evidence: PhaseEvidence::Subtotal,
                    });
                }
                sums.push(YearSum { field: i, records: range, part: part.clone(), subtotal: true });
            }
            Role::Phase { part, .. } | Role::Total { bare: true, part } => {
                let bare = matches!(f.role, Role::Total { .. });
                let pref = match &f.role {
                    Role::Phase { pref, .. } => pref.clone(),
                    _ => PhaseRef::default(),
                };
                if *part != Part::Whole
                    && open.is_none()
                    && block_start == count
                    && let Some(range) = last_block.clone()
                {
                    sums.push(YearSum { field: i, records: range, part: part.clone(), subtotal: true });
                    continue;
                }
                let range = match open.take() {
                    Some(o) => {
                        close(&mut phases, Some(o), count);
                        phases.get(o).map(|p| p.records.clone()).unwrap_or(block_start..count)
                    }
                    None if bare && after_years && (phases.is_empty() || block_start == count) => {
                        // A bare "Cộng" after the years, no open block: the total.
                        sums.push(YearSum { field: i, records: 0..total, part: part.clone(), subtotal: false });
                        continue;
                    }
                    None => {
                        let range = block_start..count;
                        if *part == Part::Whole && !phases.iter().any(|p| p.records == range) {
                            phases.push(Candidate {
                                pref,
                                label: f.label.clone(),
                                records: range.clone(),
                                at: at(i),
                                evidence: PhaseEvidence::Subtotal,
                            });
                        }
                        range
                    }
                };
                block_start = count;
                last_block = Some(range.clone());
                sums.push(YearSum { field: i, records: range, part: part.clone(), subtotal: true });
            }
            _ => {}
        }
    }
    close(&mut phases, open, count);
    for (s, p) in heading_sums {
        let range = phases.get(p).map(|p| p.records.clone()).unwrap_or(0..0);
        if let Some(sum) = sums.get_mut(s) {
            sum.records = range;
        }
    }
    (phases, sums)
}

/// Phases from header bands: a phase label over several year fields ("Giai đoạn 1 (2012 - 2015)"
/// merged over "Năm 2013 … Cộng GĐ 1").
pub(super) fn from_bands(fields: &[Field], records: &[Year], at: impl Fn(u32, u32) -> (u32, u32)) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut i = 0;
    while i < fields.len() {
        let Some((pref, label, l)) = fields.get(i).and_then(|f| f.band_phase.clone()) else {
            i += 1;
            continue;
        };
        let mut j = i;
        let mut years: Vec<Year> = Vec::new();
        while let Some(f) = fields.get(j) {
            if f.band_phase.as_ref().is_none_or(|(_, other, ol)| *other != label || *ol != l) {
                break;
            }
            if let Role::Year { year, .. } = f.role {
                years.push(year);
            }
            j += 1;
        }
        if let (Some(first), Some(last)) = (years.first(), years.last()) {
            let from = records.iter().position(|r| r == first).unwrap_or(0);
            let to = records.iter().position(|r| r == last).map(|p| p + 1).unwrap_or(from);
            if to > from {
                let y = fields.get(i).map(|f| f.y).unwrap_or(0);
                out.push(Candidate {
                    pref,
                    label,
                    records: from..to,
                    at: at(y, l),
                    evidence: PhaseEvidence::HeaderBand,
                });
            }
        }
        i = j.max(i + 1);
    }
    out
}

fn close(phases: &mut [Candidate], open: Option<usize>, count: usize) {
    if let Some(p) = open.and_then(|i| phases.get_mut(i)) {
        p.records = p.records.start..count.max(p.records.start);
    }
}

/// Merges candidates that cover the same years (a heading and its subtotal, a band and its
/// subtotal column), keeping the first with the richest label.
pub(super) fn dedupe(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in candidates {
        let same = out.iter_mut().find(|p| {
            (!p.records.is_empty() && p.records == c.records)
                || (p.pref.number.is_some() && p.pref.number == c.pref.number)
                || (p.pref.years.is_some() && p.pref.years == c.pref.years)
        });
        match same {
            Some(p) => {
                if p.pref.years.is_none() {
                    p.pref.years = c.pref.years;
                }
                if p.pref.number.is_none() {
                    p.pref.number = c.pref.number;
                }
                if p.records.is_empty() {
                    p.records = c.records;
                }
            }
            None => out.push(c),
        }
    }
    out.sort_by_key(|p| (p.records.start, p.records.end));
    out
}

/// The plan's phases, with warnings for overlaps and for years outside their phase.
pub(super) fn build(
    candidates: &[Candidate],
    records: &[Year],
    record_at: impl Fn(usize) -> (u32, u32),
    report: &mut Report,
    found: &mut Vec<FoundPhase>,
) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    for (k, c) in candidates.iter().enumerate() {
        let years_of_records: Vec<Year> = records.get(c.records.clone()).unwrap_or(&[]).to_vec();
        let years = match (c.pref.years, years_of_records.first(), years_of_records.last()) {
            (Some(y), _, _) => y,
            (None, Some(&a), Some(&b)) => YearRange::new(a, b),
            _ => continue,
        };
        if years.first > years.last || years.len() > MAX_YEARS || !LABEL_YEARS.contains(&years.first) {
            continue;
        }
        let name = c.pref.name(if c.label.is_empty() { "Giai đoạn" } else { &c.label });
        let name = if name.is_empty() { format!("Giai đoạn {}", k + 1) } else { name };
        for (r, year) in years_of_records.iter().enumerate() {
            if !years.contains(*year) {
                report.year_outside_phase(record_at(c.records.start + r), *year, &name, years);
            }
        }
        if let Some(other) = phases.iter().find(|p| p.years.overlaps(&years)) {
            let other = other.name.clone();
            report.phase_overlap(c.at, &name, &other);
        }
        found.push(FoundPhase { name: name.clone(), years, row: c.at.0, col: c.at.1, evidence: c.evidence });
        let id = ItemId(phases.len() as u32 + 1);
        phases.push(Phase { id, name, years });
    }
    phases
}

/// A first (last) phase known only from its subtotal starts (ends) where its years do; when
/// the period reaches further and the years in between hold no money, the phase takes them:
/// "Giai đoạn 2012–2015" of a plan whose table starts in 2013.
pub(super) fn stretch_edges(plan: &mut Plan, found: &mut [FoundPhase]) {
    let has_money = |plan: &Plan, range: std::ops::RangeInclusive<Year>| {
        plan.lines.iter().any(|l| l.amounts.range(range.clone()).next().is_some())
    };
    let period = plan.period;
    for first_edge in [true, false] {
        let edge = if first_edge {
            plan.phases.iter().map(|p| p.years.first).min()
        } else {
            plan.phases.iter().map(|p| p.years.last).max()
        };
        let Some(edge) = edge else { continue };
        let (gap, reaches) = if first_edge {
            (period.first..=edge.saturating_sub(1), edge > period.first)
        } else {
            (edge.saturating_add(1)..=period.last, edge < period.last)
        };
        if !reaches || has_money(plan, gap) {
            continue;
        }
        let Some(i) =
            plan.phases.iter().position(|p| if first_edge { p.years.first == edge } else { p.years.last == edge })
        else {
            continue;
        };
        let Some(years) = plan.phases.get(i).map(|p| p.years) else { continue };
        if !found.iter().any(|f| f.years == years && f.evidence == PhaseEvidence::Subtotal) {
            continue;
        }
        let stretched = if first_edge {
            YearRange::new(period.first, years.last)
        } else {
            YearRange::new(years.first, period.last)
        };
        if let Some(p) = plan.phases.get_mut(i) {
            p.years = stretched;
        }
        for f in found.iter_mut().filter(|f| f.years == years) {
            f.years = stretched;
        }
    }
}

/// The plan's period: the years found and the phases' years, extended to a range the title
/// states ("giai đoạn 2012–2020") when that contains them.
pub(super) fn period(plan: &Plan, records: &[Year], title: Option<&str>) -> YearRange {
    let mut first = records.iter().min().copied();
    let mut last = records.iter().max().copied();
    for p in &plan.phases {
        first = Some(first.map_or(p.years.first, |f| f.min(p.years.first)));
        last = Some(last.map_or(p.years.last, |l| l.max(p.years.last)));
    }
    let (Some(mut first), Some(mut last)) = (first, last) else {
        return plan.period;
    };
    if let Some(title) = title {
        let ys = labels::years_in(&fold(title));
        if let (Some(&a), Some(&b)) = (ys.iter().min(), ys.iter().max())
            && a < b
            && b - a <= 50
            && a <= first
            && last <= b
        {
            first = a;
            last = b;
        }
    }
    YearRange::new(first, last)
}
