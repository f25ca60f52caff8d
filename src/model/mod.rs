//! The plan model: phases, budget lines, funding sources and targets. Plain data, no behaviour
//! beyond simple look-ups; the engine computes everything derived.

pub mod bounded;
mod consolidation;
mod cover;
pub mod limits;
mod plan;
mod source;
mod target;
mod unit;
mod work;

pub use consolidation::{Consolidation, Correction, FundingShare, LineLink, UnitShare, fold_name, line_key};
pub use cover::PhaseCover;
pub use plan::{BudgetLine, ItemId, Phase, Plan, Year, YearRange};
pub use source::{FundingSource, ShareRule, SourceKind};
pub use target::{Baseline, Comparison, Target, TargetUnit, TargetVariant};
pub use unit::{MAX_AMOUNT_DONG_DIGITS, MoneyUnit};
pub use work::{Agency, AgencyLevel, Report, ReportKind, Task};

/// JSON Schema stand-in for amounts: a decimal written as a string ("1095.5", "-15", "2.16").
#[cfg(not(target_arch = "wasm32"))]
#[derive(schemars::JsonSchema)]
#[schemars(
    description = "An exact decimal as a string, '.' as decimal separator, no grouping",
    extend("pattern" = "^-?[0-9]+(\\.[0-9]+)?$")
)]
pub struct DecimalString(#[allow(dead_code)] String);
