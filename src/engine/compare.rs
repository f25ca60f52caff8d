//! Differences between two drafts: per cell and per total.

use rust_decimal::Decimal;

use crate::engine::Totals;
use crate::model::{Plan, Year};

/// What a difference is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A typed allocation: line name and year.
    Cell(String, Year),
    /// A line's total.
    LineTotal(String),
    /// A year's total.
    YearTotal(Year),
    /// A phase's total, by name.
    PhaseTotal(String),
    /// The grand total.
    Grand,
    /// A funding source's amount, by name.
    Source(String),
}

/// One difference: the value in the first draft and in the second (`None` for empty or absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What differs.
    pub subject: Subject,
    /// In the first draft.
    pub a: Option<Decimal>,
    /// In the second draft.
    pub b: Option<Decimal>,
}

impl Difference {
    /// `b − a`, empty counted as 0.
    pub fn delta(&self) -> Decimal {
        self.b.unwrap_or_default().saturating_sub(self.a.unwrap_or_default())
    }
}

/// Every difference between `a` and `b`. Lines are matched by id and name (a duplicate keeps its
/// ids), then by name alone (a renamed line shows as removed and added); phases and sources by name. Totals come first, then cells.
pub fn compare(a: &Plan, b: &Plan) -> Vec<Difference> {
    let (ta, tb) = (Totals::compute(a), Totals::compute(b));
    let mut out = Vec::new();
    let mut push = |subject: Subject, x: Option<Decimal>, y: Option<Decimal>| {
        if x.unwrap_or_default() != y.unwrap_or_default() || x.is_some() != y.is_some() {
            out.push(Difference { subject, a: x, b: y });
        }
    };
    push(Subject::Grand, Some(ta.grand()), Some(tb.grand()));
    let mut phase_names: Vec<String> = a.phases.iter().map(|p| p.name.clone()).collect();
    for p in &b.phases {
        if !phase_names.contains(&p.name) {
            phase_names.push(p.name.clone());
        }
    }
    for name in &phase_names {
        let x = a.phases.iter().position(|p| &p.name == name).map(|i| ta.phase_total(i));
        let y = b.phases.iter().position(|p| &p.name == name).map(|i| tb.phase_total(i));
        push(Subject::PhaseTotal(name.clone()), x, y);
    }
    let mut years: Vec<Year> = ta.columns().iter().chain(tb.columns()).copied().collect();
    years.sort_unstable();
    years.dedup();
    for &y in &years {
        let x = ta.year_has_values(y).then(|| ta.year_total(y));
        let z = tb.year_has_values(y).then(|| tb.year_total(y));
        push(Subject::YearTotal(y), x, z);
    }
    let split_a = crate::engine::FundingSplit::compute(a, &ta);
    let split_b = crate::engine::FundingSplit::compute(b, &tb);
    let mut source_names: Vec<String> = a.sources.iter().map(|s| s.name.clone()).collect();
    for s in &b.sources {
        if !source_names.contains(&s.name) {
            source_names.push(s.name.clone());
        }
    }
    for name in &source_names {
        let x = a.sources.iter().position(|s| &s.name == name).and_then(|i| split_a.grand.amounts.get(i).copied());
        let y = b.sources.iter().position(|s| &s.name == name).and_then(|i| split_b.grand.amounts.get(i).copied());
        push(Subject::Source(name.clone()), x, y);
    }

    // Lines: pairs (index in a, index in b).
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut used_b = vec![false; b.lines.len()];
    for (i, la) in a.lines.iter().enumerate() {
        let j = b
            .lines
            .iter()
            .enumerate()
            .position(|(j, lb)| {
                !used_b[j] && lb.id == la.id && crate::text::fold(&lb.name) == crate::text::fold(&la.name)
            })
            .or_else(|| {
                b.lines
                    .iter()
                    .enumerate()
                    .position(|(j, lb)| !used_b[j] && crate::text::fold(&lb.name) == crate::text::fold(&la.name))
            });
        if let Some(j) = j {
            used_b[j] = true;
        }
        pairs.push((Some(i), j));
    }
    for (j, used) in used_b.iter().enumerate() {
        if !used {
            pairs.push((None, Some(j)));
        }
    }
    let mut cells = Vec::new();
    for (i, j) in pairs {
        let name =
            i.map(|i| a.lines[i].name.clone()).or_else(|| j.map(|j| b.lines[j].name.clone())).unwrap_or_default();
        let x = i.map(|i| ta.line_total(i));
        let y = j.map(|j| tb.line_total(j));
        push(Subject::LineTotal(name.clone()), x, y);
        for &year in &years {
            let x = i.and_then(|i| a.lines[i].amounts.get(&year).copied());
            let y = j.and_then(|j| b.lines[j].amounts.get(&year).copied());
            if x != y {
                cells.push(Difference { subject: Subject::Cell(name.clone(), year), a: x, b: y });
            }
        }
    }
    out.extend(cells);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;
    use rust_decimal_macros::dec;

    #[test]
    fn same_plan_has_no_difference() {
        assert!(compare(&reference::plan(), &reference::plan()).is_empty());
    }

    #[test]
    fn finds_cells_and_totals() {
        let a = reference::plan();
        let mut b = reference::plan();
        b.lines[0].amounts.insert(2014, dec!(100));
        b.lines[1].amounts.remove(&2020);
        let d = compare(&a, &b);
        assert!(d.contains(&Difference { subject: Subject::Grand, a: Some(dec!(5400)), b: Some(dec!(5230)) }));
        assert!(d.contains(&Difference {
            subject: Subject::PhaseTotal("Giai đoạn 1".into()),
            a: Some(dec!(3080)),
            b: Some(dec!(3110))
        }));
        assert!(d.contains(&Difference {
            subject: Subject::Cell("Tuyên truyền".into(), 2014),
            a: Some(dec!(70)),
            b: Some(dec!(100))
        }));
        assert!(d.contains(&Difference {
            subject: Subject::Cell("CSVC, tài liệu".into(), 2020),
            a: Some(dec!(200)),
            b: None
        }));
        assert!(d.contains(&Difference {
            subject: Subject::YearTotal(2014),
            a: Some(dec!(1095)),
            b: Some(dec!(1125))
        }));
    }

    #[test]
    fn added_and_removed_lines_show_as_one_sided() {
        let a = reference::plan();
        let mut b = reference::plan();
        b.lines.remove(3);
        b.push_line("Hội thảo", &[(2016, dec!(5))]);
        let d = compare(&a, &b);
        assert!(d.contains(&Difference { subject: Subject::LineTotal("Quản lý".into()), a: Some(dec!(200)), b: None }));
        assert!(d.contains(&Difference { subject: Subject::LineTotal("Hội thảo".into()), a: None, b: Some(dec!(5)) }));
    }
}
