//! The limits of a plan, stated once.
//!
//! Every way into kehoach checks them at its boundary: the JSON draft loader
//! ([`crate::io::json`]) refuses a draft beyond them with the JSON path and the limit, the
//! spreadsheet import ([`crate::io::import::limits`]) reads no more than they allow, and the UI's
//! year fields accept only [`YEARS`]. Within them the engine (totals, funding split, validation,
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
/// and baseline) lies in this range.
pub const YEARS: RangeInclusive<Year> = 1900..=2200;

/// Most years a period or a phase may span, and the span of a plan's period together with the
/// years holding money.
pub const MAX_YEARS: usize = 200;

/// Most budget lines: as many as the rows of the largest sheet an import reads.
pub const MAX_LINES: usize = 50_000;

/// Most cells of the budget table: lines × year columns (the years of the period, of the phases
/// and of the amounts). The totals keep a figure per group cell and per line and phase, so this
/// bounds their memory (2,000,000 cells: 10,000 lines × 200 years, or 50,000 × 40).
pub const MAX_CELLS: usize = 2_000_000;

/// Most phases. Phases that do not overlap need a year each, so a plan within [`YEARS`] has at
/// most 301 that count; the rest overlap (an error the checks report). The funding split keeps a
/// figure per source for each phase holding money or with rules of its own: at most
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

/// Whether `year` is within [`YEARS`].
pub fn year_ok(year: Year) -> bool {
    YEARS.contains(&year)
}
