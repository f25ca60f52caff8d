//! The limits of a plan, stated once.
//!
//! Every way into kehoach checks them at its boundary: the JSON draft loader
//! ([`crate::io::json`]) refuses a draft beyond them with the JSON path and the limit, the
//! spreadsheet import ([`crate::io::import::limits`]) reads no more than they allow, and the UI's
//! year fields accept only [`PLAN_YEARS`]. The import reads fewer numbers as years than a plan
//! may hold ([`LABEL_YEARS`]). Within them the engine (totals, funding split, validation,
//! targets checks) is at most O(n log n) in each kind of item, so that a plan at every limit at
//! once loads, recomputes and validates in well under a second natively (`cargo bench --bench
//! engine`, "at-limits").
//!
//! They are far beyond any real plan (a provincial annex has tens of lines, two to four phases,
//! two or three sources and a few dozen targets), and close enough that nothing a planner can
//! open freezes or exhausts the browser's memory.

use std::ops::RangeInclusive;

use super::Year;

/// Every year of a plan (its period, its phases, the years of its amounts, a target's milestones
/// and baseline) lies in this range, typed or loaded from a draft: wide enough for any programme
/// and for old or far-off years written on purpose, and narrow enough that a slip of the keyboard
/// (20213, 213) is refused rather than becoming a year.
pub const PLAN_YEARS: RangeInclusive<Year> = 1900..=2200;

/// Numbers that a spreadsheet import takes for a year where it looks for one (a column or row
/// heading, the years in a phase's label or a target's, a date on 1 January, a column of years in
/// a ledger). Narrower than [`PLAN_YEARS`] on purpose: in a sheet, a whole number such as 1,900 or
/// 2,150 is far more often an amount, a code or a row number than a year, while a plan's years
/// lie well inside this range. A year outside it but within [`PLAN_YEARS`] can still be typed or
/// loaded from a draft.
pub const LABEL_YEARS: RangeInclusive<Year> = 1950..=2100;

/// Most years a period or a phase may span, and the span of a plan's period together with the
/// years holding money: the year columns of the table. An import leaves out a phase whose label
/// spans more.
pub const MAX_YEARS: usize = 200;

/// Most budget lines: as many as the rows of the largest sheet an import reads.
pub const MAX_LINES: usize = 50_000;

/// Most cells of the budget table: lines × year columns (the years of the period, of the phases
/// and of the amounts). The totals keep a figure per group cell and per line and phase, so this
/// bounds their memory (2,000,000 cells: 10,000 lines × 200 years, or 50,000 × 40).
pub const MAX_CELLS: usize = 2_000_000;

/// Most phases. Phases that do not overlap need a year each, so a plan within [`PLAN_YEARS`] has
/// at most 301 that count; the rest overlap (an error the checks report). The funding split keeps
/// a figure per source for each phase holding money or with rules of its own: at most
/// 1,000 × [`MAX_SOURCES`].
pub const MAX_PHASES: usize = 1_000;

/// Most funding sources.
pub const MAX_SOURCES: usize = 5_000;

/// Most per-phase rules of one funding source.
pub const MAX_PHASE_RULES: usize = MAX_PHASES;

/// Most target indicators.
pub const MAX_TARGETS: usize = 5_000;

/// Most milestones of one target, or of one of its sub-group variants.
pub const MAX_MILESTONES: usize = MAX_YEARS;

/// Most sub-group variants of one target.
pub const MAX_VARIANTS: usize = 50;

/// Most coordinating agencies of one target.
pub const MAX_PARTNERS: usize = 50;

/// Longest text (a name, a code, notes, a title …), in characters.
pub const MAX_TEXT: usize = 10_000;

/// Most tasks in a plan.
pub const MAX_TASKS: usize = 5_000;

/// Most agencies in a plan's directory.
pub const MAX_AGENCIES: usize = 5_000;

/// Most entries of a plan's reporting calendar.
pub const MAX_REPORTS: usize = 1_000;

/// Most items one task links or lists (its budget lines, targets, places, coordinating
/// agencies), and most districts one agency follows.
pub const MAX_LINKS: usize = 1_000;

/// Deepest outline level of a budget line (0 is the top level).
pub const MAX_OUTLINE_DEPTH: u8 = 16;

/// Most decimal places of a funding split.
pub const MAX_PRECISION: u32 = 12;

/// Amounts (and fixed funding amounts) stay below 10^21 đồng (a million tỷ đồng, far beyond any
/// provincial plan), in the JSON draft as in the spreadsheet import: with at most
/// [`MAX_CELLS`] cells no total can then overflow a decimal (10^28 < 7.9 × 10^28). Found by
/// fuzzing: two amounts of 7.9 × 10^28 in one year made the totals panic.
pub const MAX_AMOUNT_DONG_DIGITS: u32 = 21;

/// Largest JSON draft file, in bytes.
pub const MAX_DRAFT_BYTES: usize = 32 * 1024 * 1024;

/// Deepest nesting of arrays and objects in a JSON draft.
pub const MAX_JSON_DEPTH: usize = 32;

/// Whether `year` is within [`PLAN_YEARS`].
pub fn year_ok(year: Year) -> bool {
    PLAN_YEARS.contains(&year)
}

/// Items a plan holds a bounded number of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// Budget lines ([`MAX_LINES`]).
    Lines,
    /// Phases ([`MAX_PHASES`]).
    Phases,
    /// Funding sources ([`MAX_SOURCES`]).
    Sources,
    /// Per-phase rules of one source ([`MAX_PHASE_RULES`]).
    PhaseRules,
    /// Targets ([`MAX_TARGETS`]).
    Targets,
    /// Milestones of one target or variant ([`MAX_MILESTONES`]).
    Milestones,
    /// Variants of one target ([`MAX_VARIANTS`]).
    Variants,
    /// Coordinating agencies of one target ([`MAX_PARTNERS`]).
    Partners,
    /// Tasks ([`MAX_TASKS`]).
    Tasks,
    /// Agencies of the directory ([`MAX_AGENCIES`]).
    Agencies,
    /// Entries of the reporting calendar ([`MAX_REPORTS`]).
    Reports,
    /// Lines, targets, places or agencies one task lists ([`MAX_LINKS`]).
    Links,
}

impl Items {
    /// The name of the items (Vietnamese, English).
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Items::Lines => ("dòng", "lines"),
            Items::Phases => ("giai đoạn", "phases"),
            Items::Sources => ("nguồn kinh phí", "funding sources"),
            Items::PhaseRules => ("quy tắc theo giai đoạn của một nguồn", "phase rules of one source"),
            Items::Targets => ("chỉ tiêu", "targets"),
            Items::Milestones => ("mốc của một chỉ tiêu", "milestones of one target"),
            Items::Variants => ("nhóm đối tượng của một chỉ tiêu", "variants of one target"),
            Items::Partners => ("cơ quan phối hợp của một chỉ tiêu", "coordinating agencies of one target"),
            Items::Tasks => ("nhiệm vụ", "tasks"),
            Items::Agencies => ("cơ quan", "agencies"),
            Items::Reports => ("mục báo cáo", "calendar entries"),
            Items::Links => ("mục liên kết của một nhiệm vụ", "links of one task"),
        }
    }
}

/// A plan beyond one of the limits: why an edit is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    /// More items than allowed.
    #[error("too many {what:?}: {n} (at most {max})")]
    TooMany {
        /// Which items.
        what: Items,
        /// How many there would be.
        n: usize,
        /// The limit.
        max: usize,
    },
    /// A text longer than [`MAX_TEXT`] characters.
    #[error("text of {chars} characters")]
    TextTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A year outside [`PLAN_YEARS`].
    #[error("year {0} outside the accepted range")]
    Year(Year),
    /// The period, a phase or the years holding money span more than [`MAX_YEARS`] years.
    #[error("{0} years")]
    Span(usize),
    /// More than [`MAX_CELLS`] cells (lines × year columns).
    #[error("{cells} cells")]
    Cells {
        /// Lines.
        lines: usize,
        /// Year columns.
        years: usize,
        /// Their product.
        cells: usize,
    },
    /// An outline deeper than [`MAX_OUTLINE_DEPTH`].
    #[error("outline level {0}")]
    Depth(u8),
    /// An amount at or beyond 10^[`MAX_AMOUNT_DONG_DIGITS`] đồng (in the plan's unit).
    #[error("amount {0}")]
    Amount(rust_decimal::Decimal),
}

impl crate::locale::Message for Exceeded {
    /// What was refused and why.
    fn text(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::format_decimal;
        let num = |n: usize| format_decimal(rust_decimal::Decimal::from(n as u64), lang);
        let (lo, hi) = (PLAN_YEARS.start(), PLAN_YEARS.end());
        let why = match self {
            Exceeded::TooMany { what, n, max } => {
                let (w_vi, w_en) = what.names();
                crate::text!(
                    "sẽ có {} {w_vi}, tối đa là {}",
                    "there would be {} {w_en}, at most {}",
                    num(*n),
                    num(*max)
                )
                .into_string(lang)
            }
            Exceeded::TextTooLong { chars } => crate::text!(
                "một đoạn chữ dài {} ký tự, tối đa là {}",
                "a text of {} characters, at most {}",
                num(*chars),
                num(MAX_TEXT)
            )
            .into_string(lang),
            Exceeded::Year(y) => {
                crate::text!("năm {y} nằm ngoài khoảng {lo}–{hi}", "year {y} is outside {lo}–{hi}").into_string(lang)
            }
            Exceeded::Span(n) => crate::text!(
                "các năm sẽ trải qua {} năm, tối đa là {MAX_YEARS}",
                "the years would span {} years, at most {MAX_YEARS}",
                num(*n)
            )
            .into_string(lang),
            Exceeded::Cells { lines, years, cells } => crate::text!(
                "bảng sẽ có {} dòng × {} năm = {} ô, tối đa là {}",
                "the table would have {} lines × {} years = {} cells, at most {}",
                num(*lines),
                num(*years),
                num(*cells),
                num(MAX_CELLS)
            )
            .into_string(lang),
            Exceeded::Depth(d) => crate::text!(
                "cấp {d} sâu hơn cấp sâu nhất ({MAX_OUTLINE_DEPTH})",
                "level {d} is deeper than the deepest ({MAX_OUTLINE_DEPTH})"
            )
            .into_string(lang),
            Exceeded::Amount(v) => crate::text!(
                "số tiền {} không nhỏ hơn 10^{MAX_AMOUNT_DONG_DIGITS} đồng",
                "the amount {} is not below 10^{MAX_AMOUNT_DONG_DIGITS} đồng",
                format_decimal(*v, lang)
            )
            .into_string(lang),
        };
        crate::text!(
            "Thay đổi không được thực hiện: {why}. Bản nháp giữ nguyên như trước.",
            "The change was not made: {why}. The draft is as it was."
        )
        .into_string(lang)
    }
}

fn count(what: Items, n: usize, max: usize) -> Result<(), Exceeded> {
    if n > max { Err(Exceeded::TooMany { what, n, max }) } else { Ok(()) }
}

fn text(s: &str) -> Result<(), Exceeded> {
    if s.len() > MAX_TEXT {
        let chars = s.chars().count();
        if chars > MAX_TEXT {
            return Err(Exceeded::TextTooLong { chars });
        }
    }
    Ok(())
}

fn years(r: super::YearRange) -> Result<(), Exceeded> {
    for y in [r.first, r.last] {
        if !year_ok(y) {
            return Err(Exceeded::Year(y));
        }
    }
    if r.len() > MAX_YEARS { Err(Exceeded::Span(r.len())) } else { Ok(()) }
}

/// The limits of the agencies, tasks and reporting calendar.
fn check_work(plan: &super::Plan) -> Result<(), Exceeded> {
    count(Items::Tasks, plan.tasks.len(), MAX_TASKS)?;
    count(Items::Agencies, plan.agencies.len(), MAX_AGENCIES)?;
    count(Items::Reports, plan.reports.len(), MAX_REPORTS)?;
    for a in &plan.agencies {
        for t in [&a.name, &a.short] {
            text(t)?;
        }
        count(Items::Links, a.follows.len(), MAX_LINKS)?;
        a.follows.iter().try_for_each(|t| text(t))?;
    }
    for task in &plan.tasks {
        for t in [&task.group, &task.number, &task.name, &task.lead, &task.time, &task.notes] {
            text(t)?;
        }
        for n in [task.partners.len(), task.places.len(), task.lines.len(), task.targets.len()] {
            count(Items::Links, n, MAX_LINKS)?;
        }
        task.partners.iter().chain(&task.places).try_for_each(|t| text(t))?;
    }
    for r in &plan.reports {
        for t in [&r.name, &r.when, &r.from, &r.to] {
            text(t)?;
        }
    }
    Ok(())
}

/// Checks `plan` against every limit but the size of its amounts (see [`check_amount`]): counts,
/// texts, years and spans, cells, outline depth. Linear in the items, not in the cells: cheap
/// enough to run after every edit.
pub fn check(plan: &super::Plan) -> Result<(), Exceeded> {
    count(Items::Lines, plan.lines.len(), MAX_LINES)?;
    count(Items::Phases, plan.phases.len(), MAX_PHASES)?;
    count(Items::Sources, plan.sources.len(), MAX_SOURCES)?;
    count(Items::Targets, plan.targets.len(), MAX_TARGETS)?;
    check_work(plan)?;
    for t in [&plan.title, &plan.issuer, &plan.notes] {
        text(t)?;
    }
    years(plan.period)?;
    for phase in &plan.phases {
        text(&phase.name)?;
        years(phase.years)?;
    }
    let (mut first, mut last) = (plan.period.first, plan.period.last);
    for line in &plan.lines {
        for t in [&line.name, &line.code, &line.agency, &line.notes] {
            text(t)?;
        }
        if line.depth > MAX_OUTLINE_DEPTH {
            return Err(Exceeded::Depth(line.depth));
        }
        if let (Some((&a, _)), Some((&b, _))) = (line.amounts.first_key_value(), line.amounts.last_key_value()) {
            for y in [a, b] {
                if !year_ok(y) {
                    return Err(Exceeded::Year(y));
                }
            }
            (first, last) = (first.min(a), last.max(b));
        }
    }
    years(super::YearRange::new(first, last))?;
    let (lines, columns) = (plan.lines.len(), plan.columns().len());
    let cells = lines.saturating_mul(columns);
    if cells > MAX_CELLS {
        return Err(Exceeded::Cells { lines, years: columns, cells });
    }
    let max = plan.unit.max_amount();
    for source in &plan.sources {
        text(&source.name)?;
        count(Items::PhaseRules, source.phase_rules.len(), MAX_PHASE_RULES)?;
        for rule in std::iter::once(&source.rule).chain(source.phase_rules.values()) {
            if let super::ShareRule::Amount { value } = *rule {
                check_amount(value, max)?;
            }
        }
    }
    for target in &plan.targets {
        for t in [&target.group, &target.name, &target.agency, &target.notes] {
            text(t)?;
        }
        if let super::TargetUnit::Named(n) = &target.unit {
            text(n)?;
        }
        count(Items::Partners, target.partners.len(), MAX_PARTNERS)?;
        for p in &target.partners {
            text(p)?;
        }
        if let Some(b) = target.baseline
            && !year_ok(b.year)
        {
            return Err(Exceeded::Year(b.year));
        }
        count(Items::Variants, target.variants.len(), MAX_VARIANTS)?;
        let series = std::iter::once(&target.milestones).chain(target.variants.iter().map(|v| &v.milestones));
        for milestones in series {
            count(Items::Milestones, milestones.len(), MAX_MILESTONES)?;
            if let (Some((&a, _)), Some((&b, _))) = (milestones.first_key_value(), milestones.last_key_value()) {
                for y in [a, b] {
                    if !year_ok(y) {
                        return Err(Exceeded::Year(y));
                    }
                }
            }
        }
        for v in &target.variants {
            text(&v.name)?;
        }
    }
    Ok(())
}

/// Checks one amount against `max`, the plan unit's [`MoneyUnit::max_amount`](super::MoneyUnit::max_amount).
pub fn check_amount(value: rust_decimal::Decimal, max: rust_decimal::Decimal) -> Result<(), Exceeded> {
    if value.abs() >= max { Err(Exceeded::Amount(value)) } else { Ok(()) }
}
