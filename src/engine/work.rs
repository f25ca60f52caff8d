//! Who does what, read from the plan: when a task is due ([`TaskTime`]), each agency's
//! responsibilities with the money of the lines it leads ([`responsibilities`]), the reporting
//! calendar by date ([`calendar`]), and the doubts about tasks and agencies ([`validate_work`]).

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::Totals;
use crate::engine::validate::Capped;
use crate::model::{AgencyLevel, ItemId, Plan, Report, ReportKind, Year, YearRange};
use crate::text::fold;

/// When a task is due, as its text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskTime {
    /// Years from … to …: "2013–2015", "2013 - 2015", "giai đoạn 2016-2020".
    Years(YearRange),
    /// A year: "2014", "năm 2014", "từ năm 2013" (from then on: [`TaskTime::From`]).
    Year(Year),
    /// From a year on: "từ năm 2013", "từ 2013".
    From(Year),
    /// A month of a year, maybe "before" it: "tháng 5/2013", "trước tháng 5/2013", "quý II/2014"
    /// (the quarter's last month).
    Month {
        /// The year.
        year: Year,
        /// 1–12.
        month: u8,
        /// "trước": due before the month begins.
        before: bool,
    },
    /// A phase of the plan, by index: "Giai đoạn 1", "GĐ 2".
    Phase(usize),
    /// Every year of the plan: "hằng năm", "hàng năm", "từng năm", "thường xuyên", "định kỳ".
    Yearly,
    /// Anything else ("Theo hướng dẫn của Bộ"): no date to check.
    Text,
}

impl TaskTime {
    /// Reads a task's time as the plans write it.
    pub fn read(text: &str, plan: &Plan) -> Self {
        let f = fold(text);
        let f = f.trim();
        if f.is_empty() {
            return TaskTime::Text;
        }
        if ["hang nam", "hàng năm", "tung nam", "thuong xuyen", "dinh ky", "moi nam", "annual", "yearly", "every year"]
            .iter()
            .any(|k| f.contains(k))
        {
            return TaskTime::Yearly;
        }
        let years = years_in(f);
        let before = f.contains("truoc") || f.contains("before");
        if let Some(month) = month_in(f)
            && let Some(&year) = years.first()
        {
            return TaskTime::Month { year, month, before };
        }
        match years.as_slice() {
            [a, b, ..] if a <= b => return TaskTime::Years(YearRange::new(*a, *b)),
            [y] if f.contains("tu ") || f.starts_with("from") => return TaskTime::From(*y),
            [y] => return TaskTime::Year(*y),
            _ => {}
        }
        if let Some(i) = phase_in(f, plan) {
            return TaskTime::Phase(i);
        }
        TaskTime::Text
    }

    /// The years it covers within `plan` (its period for "every year" and "from … on"); empty
    /// for a time with no date.
    pub fn years(self, plan: &Plan) -> Option<YearRange> {
        match self {
            TaskTime::Years(r) => Some(r),
            TaskTime::Year(y) | TaskTime::Month { year: y, .. } => Some(YearRange::new(y, y)),
            TaskTime::From(y) => Some(YearRange::new(y, plan.period.last.max(y))),
            TaskTime::Phase(i) => plan.phases.get(i).map(|p| p.years),
            TaskTime::Yearly => Some(plan.period),
            TaskTime::Text => None,
        }
    }
}

/// The four-digit years of `f` (folded text) that are plausible plan years, in order.
fn years_in(f: &str) -> Vec<Year> {
    let mut out = Vec::new();
    let bytes = f.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4
                && let Ok(y) = f[start..i].parse::<Year>()
                && crate::model::limits::LABEL_YEARS.contains(&y)
            {
                out.push(y);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A month named in `f`: "tháng 5/2013", "tháng 12 năm 2014", "5/2013", "quý II/2014" (its last
/// month).
fn month_in(f: &str) -> Option<u8> {
    if let Some(rest) = f.split("thang ").nth(1) {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(m) = digits.parse::<u8>()
            && (1..=12).contains(&m)
        {
            return Some(m);
        }
    }
    if let Some(rest) = f.split("quy ").nth(1) {
        let roman: String = rest.chars().take_while(|c| matches!(c, 'i' | 'v')).collect();
        let q = match roman.as_str() {
            "i" => 1,
            "ii" => 2,
            "iii" => 3,
            "iv" => 4,
            _ => rest.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(0) as u8,
        };
        if (1..=4).contains(&q) {
            return Some(q * 3);
        }
    }
    // "5/2013": a month before a slash and a year.
    let (m, y) = f.split_once('/')?;
    let m: String = m.chars().rev().take_while(char::is_ascii_digit).collect::<String>().chars().rev().collect();
    let y: String = y.chars().take_while(char::is_ascii_digit).collect();
    let m = m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
    (y.len() == 4).then_some(m)
}

/// A phase of `plan` that `f` names: "giai đoạn 1", "gđ 2", or a phase's own name.
fn phase_in(f: &str, plan: &Plan) -> Option<usize> {
    for (i, phase) in plan.phases.iter().enumerate() {
        let name = fold(&phase.name);
        if !name.is_empty() && f.contains(name.as_str()) {
            return Some(i);
        }
    }
    for key in ["giai doan ", "gd "] {
        if let Some(rest) = f.split(key).nth(1) {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = n.parse::<usize>()
                && n >= 1
                && n <= plan.phases.len()
            {
                return Some(n - 1);
            }
        }
    }
    None
}

/// One agency's part in the plan ("Trách nhiệm cụ thể").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsibility {
    /// The agency's name.
    pub name: String,
    /// Its short name, if the directory gives one.
    pub short: String,
    /// Its level.
    pub level: AgencyLevel,
    /// The tasks it leads (indices).
    pub leads: Vec<usize>,
    /// The tasks it coordinates (indices).
    pub coordinates: Vec<usize>,
    /// The targets it leads (indices).
    pub targets_led: Vec<usize>,
    /// The targets it coordinates (indices).
    pub targets_coordinated: Vec<usize>,
    /// The budget lines it leads (row indices).
    pub lines: Vec<usize>,
    /// The money of those lines by phase (in phase order; the last entry is the years outside
    /// every phase).
    pub money_by_phase: Vec<Decimal>,
    /// The money of those lines in all.
    pub money: Decimal,
    /// The districts or communes it follows.
    pub follows: Vec<String>,
}

/// Each agency's responsibilities: every agency the plan names where someone acts, in the order
/// first named, then the directory's agencies that act nowhere. The money of a group line counts once (a line inside a group
/// led by the same agency is not added again).
pub fn responsibilities(plan: &Plan, totals: &Totals) -> Vec<Responsibility> {
    // Where they act first, in the order the plan names them, then the directory's agencies that
    // act nowhere: an agency given a short name or a level keeps its place.
    let mut names: Vec<&str> = plan.agency_names();
    let used: std::collections::HashSet<&str> = names.iter().copied().collect();
    names.extend(plan.agencies.iter().map(|a| a.name.trim()).filter(|n| !used.contains(n) && !n.is_empty()));
    // One pass over tasks, targets and lines, each name looked up once: linear in the plan.
    let index: std::collections::HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let phases = plan.phases.len();
    let mut out: Vec<Responsibility> = names
        .iter()
        .map(|&name| {
            let entry = plan.agency_index(name).and_then(|i| plan.agencies.get(i));
            Responsibility {
                name: name.to_string(),
                short: entry.map(|a| a.short.clone()).unwrap_or_default(),
                level: entry.map_or_else(|| AgencyLevel::guess(name), |a| a.level),
                leads: Vec::new(),
                coordinates: Vec::new(),
                targets_led: Vec::new(),
                targets_coordinated: Vec::new(),
                lines: Vec::new(),
                money_by_phase: vec![Decimal::ZERO; phases + 1],
                money: Decimal::ZERO,
                follows: entry.map(|a| a.follows.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let at = |name: &str| index.get(name.trim()).copied();
    for (i, t) in plan.tasks.iter().enumerate() {
        if let Some(k) = at(&t.lead) {
            out[k].leads.push(i);
        }
        for k in unique(t.partners.iter().filter_map(|p| at(p))) {
            out[k].coordinates.push(i);
        }
    }
    for (i, t) in plan.targets.iter().enumerate() {
        if let Some(k) = at(&t.agency) {
            out[k].targets_led.push(i);
        }
        for k in unique(t.partners.iter().filter_map(|p| at(p))) {
            out[k].targets_coordinated.push(i);
        }
    }
    for (row, line) in plan.lines.iter().enumerate() {
        if let Some(k) = at(&line.agency) {
            out[k].lines.push(row);
        }
    }
    for r in &mut out {
        // A line counts unless a group above it is led by the same agency.
        for row in outermost(&r.lines, totals) {
            for p in 0..phases {
                r.money_by_phase[p] = r.money_by_phase[p].saturating_add(totals.line_phase_total(row, p));
            }
            r.money_by_phase[phases] = r.money_by_phase[phases].saturating_add(totals.line_outside_total(row));
            r.money = r.money.saturating_add(totals.line_total(row));
        }
    }
    out
}

/// The distinct values of `items`, in order.
fn unique(items: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for k in items {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The money of the budget lines `ids` (a task's), each counted once and a line inside a group
/// also listed not counted again.
pub fn lines_money(plan: &Plan, totals: &Totals, ids: &[ItemId]) -> Decimal {
    let ids: std::collections::HashSet<ItemId> = ids.iter().copied().collect();
    let rows: Vec<usize> = plan.lines.iter().enumerate().filter(|(_, l)| ids.contains(&l.id)).map(|(i, _)| i).collect();
    outermost(&rows, totals).into_iter().fold(Decimal::ZERO, |a, row| a.saturating_add(totals.line_total(row)))
}

/// The rows of `rows` that no group above them among `rows` already holds: each sum of money
/// once. Linear in the rows and their depth.
fn outermost(rows: &[usize], totals: &Totals) -> Vec<usize> {
    let set: std::collections::HashSet<usize> = rows.iter().copied().collect();
    rows.iter()
        .copied()
        .filter(|&row| {
            let mut up = totals.parent(row);
            while let Some(p) = up {
                if set.contains(&p) {
                    return false;
                }
                up = totals.parent(p);
            }
            true
        })
        .collect()
}

/// One date of the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The year.
    pub year: Year,
    /// The month (1–12), or 12 where the text gives the year only ("cuối năm 2025").
    pub month: u8,
    /// The entry of [`Plan::reports`] it comes from (index).
    pub report: usize,
}

/// The dates a report's `when` gives within the plan's period: "định kỳ 6 tháng" (June and
/// December of every year), "tháng 6 và tháng 12 hằng năm", "hằng năm" or "theo từng năm"
/// (December), "hằng quý" (every quarter's last month; the "quy" of "theo quy định" is no quarter),
/// "cuối năm 2025", "tháng 5/2013"; a mid-term review with no
/// date falls at the end of the period's middle year, the final review at its end.
pub fn report_dates(report: &Report, plan: &Plan) -> Vec<(Year, u8)> {
    let f = fold(&report.when);
    let period = plan.period;
    let every_year = |months: &[u8]| -> Vec<(Year, u8)> {
        period.years().take(crate::model::limits::MAX_YEARS).flat_map(|y| months.iter().map(move |&m| (y, m))).collect()
    };
    let months: Vec<u8> = f
        .split("thang ")
        .skip(1)
        .filter_map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
        .collect();
    let yearly = ["hang nam", "tung nam", "moi nam", "dinh ky", "annual", "every year"].iter().any(|k| f.contains(k));
    // "quý" (a quarter) and "quy" ("theo quy định", "quy chế") fold alike: the accent tells them
    // apart; written without accents, "hang quy", "moi quy" or "tung quy" is a quarter.
    let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let quarter = report.when.to_lowercase().contains("quý")
        || words.windows(2).any(|w| matches!(w, [a, "quy"] if matches!(*a, "hang" | "moi" | "tung")));
    if f.contains("6 thang") && yearly || f.contains("6 thang mot lan") || f.contains("nua nam") {
        return every_year(&[6, 12]);
    }
    if quarter && (yearly || f.contains("hang quy") || f.contains("moi quy") || f.contains("tung quy")) {
        return every_year(&[3, 6, 9, 12]);
    }
    let years = years_in(&f);
    if yearly {
        return every_year(if months.is_empty() { &[12] } else { &months });
    }
    if !years.is_empty() {
        let months = if months.is_empty() { vec![month_in(&f).unwrap_or(12)] } else { months };
        return years.iter().flat_map(|&y| months.iter().map(move |&m| (y, m))).collect();
    }
    match report.kind {
        ReportKind::MidTerm if !period.is_empty() => {
            vec![(period.first + (period.len() as i32 - 1) / 2, 12)]
        }
        ReportKind::Final if !period.is_empty() => vec![(period.last, 12)],
        ReportKind::Periodic => every_year(&[12]),
        _ => Vec::new(),
    }
}

/// The reporting calendar by date (then by the order of the entries).
pub fn calendar(plan: &Plan) -> Vec<CalendarEntry> {
    let mut out: Vec<CalendarEntry> = plan
        .reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            report_dates(r, plan).into_iter().map(move |(year, month)| CalendarEntry { year, month, report: i })
        })
        .collect();
    out.sort_by_key(|e| (e.year, e.month, e.report));
    out
}

/// The doubts about tasks and agencies: a task with no lead agency, a task dated outside the
/// plan's period, an agency of the directory that acts nowhere, and — once the plan has tasks —
/// a budget line with money that no task spends and a target no task serves.
pub(crate) fn validate_work(plan: &Plan, totals: &Totals, out: &mut Capped) {
    use crate::diagnostic::PlanPlace;
    for (i, task) in plan.tasks.iter().enumerate() {
        let name = crate::text::clip(task.name.trim(), 60);
        if task.lead.trim().is_empty() {
            out.push("task_without_lead", PlanPlace::Tasks, || {
                Diagnostic::warning(
                    "task_without_lead",
                    PlanPlace::TaskLead(i),
                    crate::text!(
                        "Nhiệm vụ {} «{name}» chưa có cơ quan chủ trì.",
                        "Task {} '{name}' has no lead agency.",
                        i + 1
                    ),
                )
            });
        }
        if let Some(years) = TaskTime::read(&task.time, plan).years(plan)
            && !plan.period.is_empty()
            && (years.first < plan.period.first || years.last > plan.period.last)
        {
            let (time, (a, b)) = (crate::text::clip(task.time.trim(), 40), (plan.period.first, plan.period.last));
            out.push("task_outside_period", PlanPlace::Tasks, || {
                Diagnostic::warning(
                    "task_outside_period",
                    PlanPlace::TaskTime(i),
                    crate::text!(
                        "Thời gian của nhiệm vụ {} «{name}» ({time}) nằm ngoài thời kỳ của kế hoạch ({a}–{b}).",
                        "The time of task {} '{name}' ({time}) lies outside the plan's period ({a}–{b}).",
                        i + 1
                    ),
                )
            });
        }
    }
    let names = plan.agency_names();
    for (i, agency) in plan.agencies.iter().enumerate() {
        let name = agency.name.trim();
        if !name.is_empty() && !names.contains(&name) {
            let name = crate::text::clip(name, 60);
            out.push("agency_acts_nowhere", PlanPlace::Agencies, || {
                Diagnostic::warning(
                    "agency_acts_nowhere",
                    PlanPlace::Agency(i),
                    crate::text!(
                        "Cơ quan «{name}» không chủ trì hay phối hợp việc gì, không phụ trách dòng kinh phí hay chỉ tiêu nào.",
                        "The agency '{name}' leads or coordinates nothing: no task, budget line or target."
                    ),
                )
            });
        }
    }
    if plan.tasks.is_empty() {
        return;
    }
    let spent: std::collections::HashSet<ItemId> = plan.tasks.iter().flat_map(|t| t.lines.iter().copied()).collect();
    for (row, line) in plan.lines.iter().enumerate() {
        // A line counts as spent when it, or a group above it, is linked.
        let mut linked = spent.contains(&line.id);
        let mut up = totals.parent(row);
        while let (false, Some(p)) = (linked, up) {
            linked = plan.lines.get(p).is_some_and(|l| spent.contains(&l.id));
            up = totals.parent(p);
        }
        if linked || totals.line_total(row).is_zero() || totals.is_group(row) {
            continue;
        }
        let name = crate::text::clip(line.name.trim(), 60);
        out.push("line_not_spent", PlanPlace::Lines, || {
            Diagnostic::warning(
                "line_not_spent",
                PlanPlace::Line(row),
                crate::text!(
                    "Dòng kinh phí {} «{name}» chưa gắn với nhiệm vụ nào.",
                    "No task spends budget line {} '{name}'.",
                    row + 1
                ),
            )
        });
    }
    let served: std::collections::HashSet<ItemId> = plan.tasks.iter().flat_map(|t| t.targets.iter().copied()).collect();
    for (i, target) in plan.targets.iter().enumerate() {
        if served.contains(&target.id) {
            continue;
        }
        let name = crate::text::clip(target.name.trim(), 60);
        out.push("target_not_served", PlanPlace::Targets, || {
            Diagnostic::warning(
                "target_not_served",
                PlanPlace::TargetName(i),
                crate::text!(
                    "Chỉ tiêu {} «{name}» chưa có nhiệm vụ nào phục vụ.",
                    "No task serves target {} '{name}'.",
                    i + 1
                ),
            )
        });
    }
}

#[cfg(test)]
#[path = "work_tests.rs"]
mod tests;
