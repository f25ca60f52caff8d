//! What serde cannot check: every limit of [`crate::model::limits`] with the JSON path of the
//! value beyond it, unique ids, and the totals a file states.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{DerivedTotals, DraftFile, LoadError, join_key};
use crate::diagnostic::{Diagnostic, Location};
use crate::engine::Totals;
use crate::locale::{Lang, format_decimal};
use crate::model::limits::{
    MAX_AGENCIES, MAX_AMOUNT_DONG_DIGITS, MAX_CELLS, MAX_LINES, MAX_MILESTONES, MAX_OUTLINE_DEPTH, MAX_PARTNERS,
    MAX_PHASE_RULES, MAX_PHASES, MAX_PRECISION, MAX_REPORTS, MAX_SOURCES, MAX_TARGETS, MAX_TASKS, MAX_TEXT,
    MAX_VARIANTS, MAX_YEARS, PLAN_YEARS, year_ok,
};
use crate::model::{Plan, ShareRule, Year, YearRange};

/// Most errors listed; the others are counted in one last error.
const MAX_ERRORS: usize = 50;

/// The errors of a draft: the first [`MAX_ERRORS`], and how many more.
#[derive(Debug, Default)]
pub(super) struct Errors {
    list: Vec<LoadError>,
    more: usize,
}

impl Errors {
    /// Adds the error `make` builds (built only while fewer than [`MAX_ERRORS`] are listed).
    pub(super) fn push(&mut self, make: impl FnOnce() -> LoadError) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(make());
        } else {
            self.more += 1;
        }
    }

    /// Counts `n` errors not listed.
    pub(super) fn more(&mut self, n: usize) {
        self.more += n;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether no more errors are listed (a check may stop looking).
    pub(super) fn full(&self) -> bool {
        self.list.len() >= MAX_ERRORS
    }

    /// The errors, with "… and 4,212 more errors" after them when there were more.
    pub(super) fn finish(mut self) -> Vec<LoadError> {
        if self.more > 0 {
            let n = Decimal::from(self.more as u64);
            self.list.push(LoadError::new(
                "$",
                crate::locale::Text::new(
                    format!("… và {} lỗi khác.", format_decimal(n, Lang::Vi)),
                    format!(
                        "… and {} more {}.",
                        format_decimal(n, Lang::En),
                        if self.more == 1 { "error" } else { "errors" }
                    ),
                ),
            ));
        }
        self.list
    }
}

/// `n` written the reader's way, in both languages.
fn num(n: usize) -> (String, String) {
    let d = Decimal::from(n as u64);
    (format_decimal(d, Lang::Vi), format_decimal(d, Lang::En))
}

/// Too many items at `path`: `what` names them (vi, en).
fn too_many(path: String, n: usize, max: usize, what: (&str, &str)) -> LoadError {
    let ((n_vi, n_en), (max_vi, max_en)) = (num(n), num(max));
    LoadError::new(
        path,
        crate::locale::Text::new(
            format!("Quá nhiều {} ({n_vi}; tối đa {max_vi}).", what.0),
            format!("Too many {} ({n_en}; at most {max_en}).", what.1),
        ),
    )
}

/// The top-level lists, by key: their most items, and what they hold.
const LISTS: [(&str, usize, (&str, &str)); 7] = [
    ("lines", MAX_LINES, ("dòng", "lines")),
    ("phases", MAX_PHASES, ("giai đoạn", "phases")),
    ("sources", MAX_SOURCES, ("nguồn kinh phí", "funding sources")),
    ("targets", MAX_TARGETS, ("chỉ tiêu", "targets")),
    ("tasks", MAX_TASKS, ("nhiệm vụ", "tasks")),
    ("agencies", MAX_AGENCIES, ("cơ quan", "agencies")),
    ("reports", MAX_REPORTS, ("mục báo cáo", "calendar entries")),
];

/// Checks the lengths of the top-level lists, as the first pass over the text counted them:
/// before anything is built, so a file of a million tiny lines costs nothing.
pub(super) fn list_lengths(lists: &[(String, usize)], errors: &mut Errors) {
    for (key, max, what) in LISTS {
        if let Some(&(_, n)) = lists.iter().filter(|(k, _)| k == key).max_by_key(|(_, n)| *n)
            && n > max
        {
            errors.push(|| too_many(format!("$.{key}"), n, max, what));
        }
    }
}

/// Text longer than [`MAX_TEXT`] characters.
fn long_text(path: String, chars: usize) -> LoadError {
    let ((n_vi, n_en), (max_vi, max_en)) = (num(chars), num(MAX_TEXT));
    LoadError::new(
        path,
        crate::text!(
            "Chuỗi quá dài ({n_vi} ký tự; tối đa {max_vi}).",
            "Text too long ({n_en} characters; at most {max_en})."
        ),
    )
}

/// Checks a text field; `path` is made only for an error.
fn text(value: &str, path: impl FnOnce() -> String, errors: &mut Errors) {
    if value.len() > MAX_TEXT {
        let chars = value.chars().count();
        if chars > MAX_TEXT {
            errors.push(|| long_text(path(), chars));
        }
    }
}

/// Checks every text of a JSON value (in any field, known or not), with one path buffer.
pub(super) fn texts(value: &Value, path: &mut String, errors: &mut Errors) {
    if errors.full() {
        return;
    }
    match value {
        Value::String(s) => text(s, || path.clone(), errors),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    texts(item, path, errors);
                    path.truncate(len);
                }
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                if matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    let len = path.len();
                    let joined = join_key(path, k);
                    path.push_str(joined.get(len..).unwrap_or_default());
                    texts(v, path, errors);
                    path.truncate(len);
                }
            }
        }
        _ => {}
    }
}

fn year_range(path: &str, r: &YearRange, errors: &mut Errors) {
    let (lo, hi) = (PLAN_YEARS.start(), PLAN_YEARS.end());
    if !year_ok(r.first) || !year_ok(r.last) {
        errors.push(|| {
            LoadError::new(
                path,
                crate::text!(
                    "Năm {}–{} nằm ngoài khoảng cho phép ({lo}–{hi}).",
                    "Years {}–{} are outside the accepted range ({lo}–{hi}).",
                    r.first,
                    r.last
                ),
            )
        });
    } else if r.len() > MAX_YEARS {
        errors.push(|| {
            LoadError::new(
                path,
                crate::text!(
                    "Khoảng năm quá dài ({} năm; tối đa {MAX_YEARS}).",
                    "The year range is too long ({} years; at most {MAX_YEARS}).",
                    r.len()
                ),
            )
        });
    }
}

/// A year outside [`PLAN_YEARS`] at `path`.
fn year(y: Year, path: impl FnOnce() -> String, errors: &mut Errors) {
    if !year_ok(y) {
        let (lo, hi) = (PLAN_YEARS.start(), PLAN_YEARS.end());
        errors.push(|| {
            LoadError::new(
                path(),
                crate::text!(
                    "Năm {y} nằm ngoài khoảng cho phép ({lo}–{hi}).",
                    "Year {y} is outside the accepted range ({lo}–{hi})."
                ),
            )
        });
    }
}

/// An amount (in `unit`) at or beyond 10^[`MAX_AMOUNT_DONG_DIGITS`] đồng (`max`, the unit's
/// [`MoneyUnit::max_amount`], computed once).
fn amount(value: Decimal, max: Decimal, path: impl FnOnce() -> String, errors: &mut Errors) {
    if value.abs() >= max {
        errors.push(|| {
            LoadError::new(path(), crate::text!("Số tiền {value} quá lớn: mỗi số tiền phải nhỏ hơn 10^{MAX_AMOUNT_DONG_DIGITS} đồng (một triệu tỷ đồng).", "The amount {value} is too large: every amount must stay below 10^{MAX_AMOUNT_DONG_DIGITS} đồng (a million billion đồng)."))
        });
    }
}

/// Checks every value of a typed file against the limits and turns it into a plan: its name,
/// the plan, and the totals it states. Linear in the file.
pub(super) fn into_plan(file: DraftFile, errors: &mut Errors) -> (String, Plan, Option<DerivedTotals>) {
    year_range("$.period", &file.period, errors);
    if file.period.first > file.period.last {
        errors.push(|| {
            LoadError::new(
                "$.period",
                crate::locale::Text::fixed(
                    "Năm đầu của thời kỳ lớn hơn năm cuối.",
                    "The period's first year is after its last year.",
                ),
            )
        });
    }
    for (key, max, what) in LISTS {
        let n = match key {
            "lines" => file.lines.len(),
            "phases" => file.phases.len(),
            "sources" => file.sources.len(),
            "targets" => file.targets.len(),
            "tasks" => file.tasks.len(),
            "agencies" => file.agencies.len(),
            _ => file.reports.len(),
        };
        if n > max {
            errors.push(|| too_many(format!("$.{key}"), n, max, what));
        }
    }
    if !errors.is_empty() {
        return (file.name, Plan::default(), None);
    }
    for (field, value) in
        [("name", &file.name), ("title", &file.title), ("issuer", &file.issuer), ("notes", &file.notes)]
    {
        text(value, || format!("$.{field}"), errors);
    }
    for (i, phase) in file.phases.iter().enumerate() {
        text(&phase.name, || format!("$.phases[{i}].name"), errors);
        year_range(&format!("$.phases[{i}].years"), &phase.years, errors);
    }
    let max = file.unit.max_amount();
    for (i, line) in file.lines.iter().enumerate() {
        for (field, value) in
            [("name", &line.name), ("code", &line.code), ("agency", &line.agency), ("notes", &line.notes)]
        {
            text(value, || format!("$.lines[{i}].{field}"), errors);
        }
        if line.depth > MAX_OUTLINE_DEPTH {
            errors.push(|| {
                LoadError::new(
                    format!("$.lines[{i}].depth"),
                    crate::text!(
                        "Cấp lồng nhau tối đa là {MAX_OUTLINE_DEPTH}.",
                        "The deepest outline level is {MAX_OUTLINE_DEPTH}."
                    ),
                )
            });
        }
        for (&y, &value) in &line.amounts {
            if errors.full() {
                break;
            }
            if year_ok(y) {
                amount(value, max, || format!("$.lines[{i}].amounts.{y}"), errors);
            } else {
                errors.push(|| {
                    LoadError::new(
                        format!("$.lines[{i}].amounts.{y}"),
                        crate::text!("Năm {y} nằm ngoài khoảng cho phép.", "Year {y} is outside the accepted range."),
                    )
                });
            }
        }
    }
    for (i, source) in file.sources.iter().enumerate() {
        text(&source.name, || format!("$.sources[{i}].name"), errors);
        if let ShareRule::Amount { value } = source.rule {
            amount(value, max, || format!("$.sources[{i}].rule.value"), errors);
        }
        if source.phase_rules.len() > MAX_PHASE_RULES {
            let n = source.phase_rules.len();
            errors.push(|| {
                too_many(
                    format!("$.sources[{i}].phase_rules"),
                    n,
                    MAX_PHASE_RULES,
                    ("quy tắc theo giai đoạn", "phase rules"),
                )
            });
        }
        for (phase, rule) in &source.phase_rules {
            if let ShareRule::Amount { value } = *rule {
                amount(value, max, || format!("$.sources[{i}].phase_rules.{}.value", phase.0), errors);
            }
        }
    }
    for (i, target) in file.targets.iter().enumerate() {
        check_target(i, target, errors);
    }
    unique_ids(&file, errors);
    amounts_span(&file, errors);
    let plan = Plan {
        title: file.title,
        issuer: file.issuer,
        period: file.period,
        unit: file.unit,
        precision: file.precision.unwrap_or(file.unit.exponent()).min(MAX_PRECISION),
        phases: file.phases,
        lines: file.lines,
        sources: file.sources,
        targets: file.targets,
        agencies: file.agencies,
        tasks: file.tasks,
        reports: file.reports,
        notes: file.notes,
        consolidation: file.consolidation,
    };
    (file.name, plan, file.totals)
}

fn check_target(i: usize, target: &crate::model::Target, errors: &mut Errors) {
    for (field, value) in
        [("group", &target.group), ("name", &target.name), ("agency", &target.agency), ("notes", &target.notes)]
    {
        text(value, || format!("$.targets[{i}].{field}"), errors);
    }
    if let crate::model::TargetUnit::Named(n) = &target.unit {
        text(n, || format!("$.targets[{i}].unit.name"), errors);
    }
    if target.partners.len() > MAX_PARTNERS {
        let n = target.partners.len();
        errors.push(|| too_many(format!("$.targets[{i}].partners"), n, MAX_PARTNERS, ("cơ quan phối hợp", "partners")));
    }
    for (p, partner) in target.partners.iter().enumerate().take(MAX_PARTNERS) {
        text(partner, || format!("$.targets[{i}].partners[{p}]"), errors);
    }
    if let Some(b) = target.baseline {
        year(b.year, || format!("$.targets[{i}].baseline.year"), errors);
    }
    let series =
        |path: &dyn Fn() -> String, milestones: &std::collections::BTreeMap<Year, Decimal>, errors: &mut Errors| {
            if milestones.len() > MAX_MILESTONES {
                errors.push(|| too_many(path(), milestones.len(), MAX_MILESTONES, ("mốc", "milestones")));
            }
            for &y in milestones.keys() {
                if errors.full() {
                    break;
                }
                year(y, || format!("{}.{y}", path()), errors);
            }
        };
    series(&|| format!("$.targets[{i}].milestones"), &target.milestones, errors);
    if target.variants.len() > MAX_VARIANTS {
        let n = target.variants.len();
        errors.push(|| too_many(format!("$.targets[{i}].variants"), n, MAX_VARIANTS, ("nhóm đối tượng", "variants")));
    }
    for (v, variant) in target.variants.iter().enumerate().take(MAX_VARIANTS) {
        text(&variant.name, || format!("$.targets[{i}].variants[{v}].name"), errors);
        series(&|| format!("$.targets[{i}].variants[{v}].milestones"), &variant.milestones, errors);
    }
}

fn unique_ids(file: &DraftFile, errors: &mut Errors) {
    let mut seen = std::collections::HashSet::new();
    let lists: [(&str, Vec<crate::model::ItemId>); 7] = [
        ("phases", file.phases.iter().map(|p| p.id).collect()),
        ("lines", file.lines.iter().map(|l| l.id).collect()),
        ("sources", file.sources.iter().map(|s| s.id).collect()),
        ("targets", file.targets.iter().map(|t| t.id).collect()),
        ("agencies", file.agencies.iter().map(|a| a.id).collect()),
        ("tasks", file.tasks.iter().map(|t| t.id).collect()),
        ("reports", file.reports.iter().map(|r| r.id).collect()),
    ];
    for (key, ids) in lists {
        for (index, id) in ids.into_iter().enumerate() {
            if !seen.insert(id) {
                errors.push(|| {
                    LoadError::new(
                        format!("$.{key}[{index}].id"),
                        crate::text!("Mã {} bị trùng.", "The id {} is used twice.", id.0),
                    )
                });
            }
        }
    }
}

/// The years of the amounts, with the period, span at most [`MAX_YEARS`], so the table stays a
/// sane width.
fn amounts_span(file: &DraftFile, errors: &mut Errors) {
    let first = file.lines.iter().filter_map(|l| l.amounts.first_key_value()).map(|(y, _)| *y).min();
    let last = file.lines.iter().filter_map(|l| l.amounts.last_key_value()).map(|(y, _)| *y).max();
    if let (Some(first), Some(last)) = (first, last) {
        // In i64: the years here are not yet known to be in range (their errors are collected
        // above), and i32::MAX − i32::MIN overflowed (found by fuzzing).
        let span = i64::from(last.max(file.period.last)) - i64::from(first.min(file.period.first)) + 1;
        if span > MAX_YEARS as i64 {
            errors.push(|| {
                LoadError::new(
                    "$.lines",
                    crate::text!(
                        "Số liệu trải qua {span} năm (tối đa {MAX_YEARS}).",
                        "The amounts span {span} years (at most {MAX_YEARS})."
                    ),
                )
            });
        }
    }
}

/// Refuses a table of more than [`MAX_CELLS`] cells (lines × year columns), before its totals
/// are computed: they keep a figure per group cell.
pub(super) fn cells(plan: &Plan, errors: &mut Errors) {
    let (lines, years) = (plan.lines.len(), plan.columns().len());
    let cells = lines.saturating_mul(years);
    if cells > MAX_CELLS {
        let ((l_vi, l_en), (y_vi, y_en)) = (num(lines), num(years));
        let ((c_vi, c_en), (max_vi, max_en)) = (num(cells), num(MAX_CELLS));
        errors.push(|| {
            LoadError::new(
                "$.lines",
                crate::text!(
                    "Bảng quá lớn: {l_vi} dòng × {y_vi} năm là {c_vi} ô (tối đa {max_vi}).",
                    "The table is too large: {l_en} lines × {y_en} years make {c_en} cells (at most {max_en})."
                ),
            )
        });
    }
}

/// Warns where the totals a file states differ from the figures (`totals`, computed): at most
/// [`MAX_PER_KIND`](crate::engine::MAX_PER_KIND) listed, the rest summed up.
pub(super) fn compare_totals(plan: &Plan, totals: &Totals, stated: &DerivedTotals, warnings: &mut Vec<Diagnostic>) {
    let actual = DerivedTotals::of(plan, totals);
    let mut out = crate::engine::Capped::default();
    let mut differ = |path: &dyn Fn() -> String, stated: Decimal, actual: Decimal| {
        if stated != actual {
            out.push("stated_total_differs", Location::Json("$.totals".into()), || {
                Diagnostic::warning(
                    "stated_total_differs",
                    Location::Json(path()),
                    crate::text!(
                        "Tổng ghi trong tệp là {stated}, nhưng cộng lại được {actual}; dùng {actual}.",
                        "The file states {stated}, but the figures add up to {actual}; {actual} is used."
                    ),
                )
            });
        }
    };
    differ(&|| "$.totals.grand".into(), stated.grand, actual.grand);
    for (i, s) in stated.phases.iter().enumerate() {
        differ(&|| format!("$.totals.phases[{i}]"), *s, actual.phases.get(i).copied().unwrap_or_default());
    }
    for (y, s) in &stated.years {
        differ(&|| format!("$.totals.years.{y}"), *s, actual.years.get(y).copied().unwrap_or_default());
    }
    for (i, s) in stated.lines.iter().enumerate() {
        differ(&|| format!("$.totals.lines[{i}]"), *s, actual.lines.get(i).copied().unwrap_or_default());
    }
    warnings.extend(out.finish());
}

/// A task's links to budget lines and targets the plan does not hold are dropped, each kind of
/// drop said once with the first place (`$.tasks[2].lines`): a hand-edited file may name a line
/// since deleted.
pub(super) fn links(plan: &mut Plan, warnings: &mut Vec<Diagnostic>) {
    let lines: std::collections::HashSet<_> = plan.lines.iter().map(|l| l.id).collect();
    let targets: std::collections::HashSet<_> = plan.targets.iter().map(|t| t.id).collect();
    let (mut dropped_lines, mut dropped_targets) = ((0usize, None), (0usize, None));
    for (i, task) in plan.tasks.iter_mut().enumerate() {
        let before = (task.lines.len(), task.targets.len());
        task.lines.retain(|id| lines.contains(id));
        task.targets.retain(|id| targets.contains(id));
        if task.lines.len() < before.0 {
            dropped_lines.0 += before.0 - task.lines.len();
            dropped_lines.1.get_or_insert(format!("$.tasks[{i}].lines"));
        }
        if task.targets.len() < before.1 {
            dropped_targets.0 += before.1 - task.targets.len();
            dropped_targets.1.get_or_insert(format!("$.tasks[{i}].targets"));
        }
    }
    if let (n, Some(at)) = dropped_lines {
        warnings.push(Diagnostic::warning(
            "task_link_unknown",
            Location::Json(at),
            crate::text!(
                "{n} liên kết của nhiệm vụ tới dòng kinh phí không có trong bản nháp: đã bỏ.",
                "{n} links of tasks to budget lines the draft does not hold: dropped."
            ),
        ));
    }
    if let (n, Some(at)) = dropped_targets {
        warnings.push(Diagnostic::warning(
            "task_link_unknown",
            Location::Json(at),
            crate::text!(
                "{n} liên kết của nhiệm vụ tới chỉ tiêu không có trong bản nháp: đã bỏ.",
                "{n} links of tasks to targets the draft does not hold: dropped."
            ),
        ));
    }
}
