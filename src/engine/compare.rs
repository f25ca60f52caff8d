//! Differences between two drafts: per cell and per total.

use std::collections::{HashMap, HashSet, VecDeque};

use rust_decimal::Decimal;

use crate::engine::Totals;
use crate::model::{ItemId, Plan, Year};

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
    /// The money of the budget lines an agency leads, by its name.
    AgencyMoney(String),
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
    /// `a − b`, empty counted as 0: how much more the first draft (the open one) has.
    pub fn delta(&self) -> Decimal {
        self.a.unwrap_or_default().saturating_sub(self.b.unwrap_or_default())
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
    // Names in order (the first draft's, then the second's new ones), each looked up once: a
    // search per name made 1,000 phases a million comparisons.
    let names = |x: &mut dyn Iterator<Item = &String>, y: &mut dyn Iterator<Item = &String>| -> Vec<String> {
        let mut out: Vec<String> = x.cloned().collect();
        let mut seen: HashSet<String> = out.iter().cloned().collect();
        for name in y {
            if seen.insert(name.clone()) {
                out.push(name.clone());
            }
        }
        out
    };
    let first = |x: &mut dyn Iterator<Item = &String>| -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, name) in x.enumerate() {
            map.entry(name.clone()).or_insert(i);
        }
        map
    };
    let (pa, pb) = (first(&mut a.phases.iter().map(|p| &p.name)), first(&mut b.phases.iter().map(|p| &p.name)));
    for name in names(&mut a.phases.iter().map(|p| &p.name), &mut b.phases.iter().map(|p| &p.name)) {
        let x = pa.get(&name).map(|&i| ta.phase_total(i));
        let y = pb.get(&name).map(|&i| tb.phase_total(i));
        push(Subject::PhaseTotal(name), x, y);
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
    let (sa, sb) = (first(&mut a.sources.iter().map(|s| &s.name)), first(&mut b.sources.iter().map(|s| &s.name)));
    for name in names(&mut a.sources.iter().map(|s| &s.name), &mut b.sources.iter().map(|s| &s.name)) {
        let x = sa.get(&name).and_then(|&i| split_a.grand.amounts.get(i).copied());
        let y = sb.get(&name).and_then(|&i| split_b.grand.amounts.get(i).copied());
        push(Subject::Source(name), x, y);
    }
    let (ra, rb) = (crate::engine::work::responsibilities(a, &ta), crate::engine::work::responsibilities(b, &tb));
    let money = |r: &[crate::engine::work::Responsibility], name: &str| {
        r.iter().find(|x| x.name == name).map(|x| x.money).filter(|m| !m.is_zero())
    };
    let agencies: Vec<String> = names(&mut ra.iter().map(|r| &r.name), &mut rb.iter().map(|r| &r.name));
    for name in agencies {
        let (x, y) = (money(&ra, &name), money(&rb, &name));
        push(Subject::AgencyMoney(name), x, y);
    }

    // Lines: pairs (index in a, index in b). Each line of `a` takes the first line of `b` not yet
    // taken with its id and name, else with its name: queues of `b`'s lines by (id, name) and by
    // name, in order, from which taken lines are dropped as they come up. Searching `b` for every
    // line of `a` (and folding both names each time) was quadratic: 50,000 lines froze the page.
    let fold_a: Vec<String> = a.lines.iter().map(|l| crate::text::fold(&l.name)).collect();
    let fold_b: Vec<String> = b.lines.iter().map(|l| crate::text::fold(&l.name)).collect();
    let mut by_id: HashMap<(ItemId, &str), VecDeque<usize>> = HashMap::new();
    let mut by_name: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, lb) in b.lines.iter().enumerate() {
        by_id.entry((lb.id, fold_b[j].as_str())).or_default().push_back(j);
        by_name.entry(fold_b[j].as_str()).or_default().push_back(j);
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut used_b = vec![false; b.lines.len()];
    let take = |queue: Option<&mut VecDeque<usize>>, used_b: &mut Vec<bool>| -> Option<usize> {
        let queue = queue?;
        while let Some(j) = queue.pop_front() {
            if !used_b[j] {
                used_b[j] = true;
                return Some(j);
            }
        }
        None
    };
    for (i, la) in a.lines.iter().enumerate() {
        let name = fold_a[i].as_str();
        let j = match take(by_id.get_mut(&(la.id, name)), &mut used_b) {
            Some(j) => Some(j),
            None => take(by_name.get_mut(name), &mut used_b),
        };
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

/// What differs between two tasks matched across drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskField {
    /// The task is only in the open draft.
    Added,
    /// The task is only in the other draft.
    Removed,
    /// Its heading.
    Group,
    /// Its text.
    Name,
    /// Its lead agency.
    Lead,
    /// Its coordinating agencies.
    Partners,
    /// Its time.
    Time,
    /// Its places.
    Places,
    /// The money of the budget lines it spends.
    Money,
    /// The targets it serves.
    Targets,
}

impl TaskField {
    /// Stable code, as in `data-field`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Group => "group",
            Self::Name => "name",
            Self::Lead => "lead",
            Self::Partners => "partners",
            Self::Time => "time",
            Self::Places => "places",
            Self::Money => "money",
            Self::Targets => "targets",
        }
    }
}

/// One difference of a task: its text (the open draft's, else the other's), what differs, and
/// the value in each draft as words (money as a decimal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDifference {
    /// The task's text.
    pub task: String,
    /// What differs.
    pub field: TaskField,
    /// In the open draft.
    pub a: String,
    /// In the other draft.
    pub b: String,
}

/// The differences of the tasks of `a` and `b`: tasks matched by id, then by text (accents,
/// case and spacing ignored), each field compared; the targets by their names.
pub fn compare_tasks(a: &Plan, b: &Plan) -> Vec<TaskDifference> {
    let (ta, tb) = (Totals::compute(a), Totals::compute(b));
    let mut used = vec![false; b.tasks.len()];
    let mut out = Vec::new();
    let target_names = |p: &Plan, ids: &[ItemId]| -> String {
        ids.iter()
            .filter_map(|id| p.targets.iter().find(|t| t.id == *id).map(|t| t.name.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for x in &a.tasks {
        let folded = crate::text::fold(&x.name);
        let j = b
            .tasks
            .iter()
            .enumerate()
            .position(|(j, y)| !used[j] && y.id == x.id && crate::text::fold(&y.name) == folded)
            .or_else(|| b.tasks.iter().enumerate().position(|(j, y)| !used[j] && crate::text::fold(&y.name) == folded))
            .or_else(|| b.tasks.iter().enumerate().position(|(j, y)| !used[j] && y.id == x.id));
        let Some(j) = j else {
            out.push(TaskDifference {
                task: x.name.clone(),
                field: TaskField::Added,
                a: x.name.clone(),
                b: String::new(),
            });
            continue;
        };
        used[j] = true;
        let y = &b.tasks[j];
        let mut differ = |field: TaskField, p: String, q: String| {
            if p != q {
                out.push(TaskDifference { task: x.name.clone(), field, a: p, b: q });
            }
        };
        differ(TaskField::Name, x.name.clone(), y.name.clone());
        differ(TaskField::Group, x.group.clone(), y.group.clone());
        differ(TaskField::Lead, x.lead.trim().to_string(), y.lead.trim().to_string());
        differ(TaskField::Partners, x.partners.join("; "), y.partners.join("; "));
        differ(TaskField::Time, x.time.trim().to_string(), y.time.trim().to_string());
        differ(TaskField::Places, x.places.join("; "), y.places.join("; "));
        let (ma, mb) =
            (crate::engine::work::lines_money(a, &ta, &x.lines), crate::engine::work::lines_money(b, &tb, &y.lines));
        differ(TaskField::Money, ma.normalize().to_string(), mb.normalize().to_string());
        differ(TaskField::Targets, target_names(a, &x.targets), target_names(b, &y.targets));
    }
    for (j, y) in b.tasks.iter().enumerate() {
        if !used[j] {
            out.push(TaskDifference {
                task: y.name.clone(),
                field: TaskField::Removed,
                a: String::new(),
                b: y.name.clone(),
            });
        }
    }
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

    #[test]
    fn tasks_differ_by_field_and_agencies_by_money() {
        let mut a = reference::plan();
        a.lines[0].agency = "Sở Thông tin và Truyền thông".into();
        let l0 = a.lines[0].id;
        a.tasks.push(crate::model::Task {
            id: ItemId(500),
            name: "Tuyên truyền".into(),
            lead: "Sở Thông tin và Truyền thông".into(),
            time: "2013–2015".into(),
            lines: vec![l0],
            ..Default::default()
        });
        let mut b = a.clone();
        b.tasks[0].time = "hằng năm".into();
        b.tasks[0].name = "  tuyên   truyền ".into();
        b.tasks[0].id = ItemId(501);
        b.tasks.push(crate::model::Task { id: ItemId(502), name: "Hội thảo".into(), ..Default::default() });
        b.lines[0].agency = String::new();
        let d = compare_tasks(&a, &b);
        let fields: Vec<TaskField> = d.iter().map(|x| x.field).collect();
        assert_eq!(fields, vec![TaskField::Name, TaskField::Time, TaskField::Removed], "{d:?}");
        assert_eq!((d[1].a.as_str(), d[1].b.as_str()), ("2013–2015", "hằng năm"));
        assert!(compare_tasks(&a, &a).is_empty());
        let money = compare(&a, &b);
        let line0 = Totals::compute(&a).line_total(0);
        assert!(money.contains(&Difference {
            subject: Subject::AgencyMoney("Sở Thông tin và Truyền thông".into()),
            a: Some(line0),
            b: None
        }));
    }
}
