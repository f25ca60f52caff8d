//! The engine: totals, funding split, validation and the editable plan with undo. It knows
//! nothing of the UI.

pub mod amount;
pub mod compare;
pub mod consolidate;
mod editor;
pub mod ops;
pub mod paste;
mod split;
pub mod targets;
mod totals;
mod validate;
pub mod work;

pub use amount::{AmountError, parse_amount};
pub use editor::{
    AgencyChange, CellChange, Edit, Editor, Impact, LineMeta, PlanMeta, ReportChange, SourceChange, TargetChange,
    TaskChange, UNDO_DEPTH,
};
pub use split::{FundingSplit, Split, apportion, split_by_rules};
pub use totals::{Totals, YearSlot};
pub(crate) use validate::Capped;
pub use validate::{MAX_PER_KIND, validate};
