//! The edits of a plan: each says what changes, and applying one returns its inverse.

use rust_decimal::Decimal;

use crate::model::{
    Agency, AgencyLevel, Baseline, BudgetLine, Comparison, FundingSource, ItemId, MoneyUnit, Phase, Plan, Report,
    ReportKind, ShareRule, SourceKind, Target, TargetUnit, TargetVariant, Task, Year, YearRange,
};

/// One cell's new content: a value, or `None` to clear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellChange {
    /// The line, by id.
    pub line: ItemId,
    /// The year.
    pub year: Year,
    /// The new value; `None` empties the cell.
    pub value: Option<Decimal>,
}

/// Everything about a line except its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineMeta {
    /// Name.
    pub name: String,
    /// Code or numbering.
    pub code: String,
    /// Outline depth.
    pub depth: u8,
    /// Lead agency.
    pub agency: String,
    /// Notes.
    pub notes: String,
}

impl LineMeta {
    /// The fields of `line`.
    pub fn from_line(line: &BudgetLine) -> Self {
        Self {
            name: line.name.clone(),
            code: line.code.clone(),
            depth: line.depth,
            agency: line.agency.clone(),
            notes: line.notes.clone(),
        }
    }
}

/// The plan's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMeta {
    /// Title.
    pub title: String,
    /// Issuing body.
    pub issuer: String,
    /// Period.
    pub period: YearRange,
    /// Unit amounts are stored in.
    pub unit: MoneyUnit,
    /// Decimal places of splits.
    pub precision: u32,
    /// Notes.
    pub notes: String,
}

impl PlanMeta {
    /// The meta fields of `plan`.
    pub fn of(plan: &Plan) -> Self {
        Self {
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            period: plan.period,
            unit: plan.unit,
            precision: plan.precision,
            notes: plan.notes.clone(),
        }
    }
}

/// One change to a funding source's fields ([`Edit::SetSource`]). Its inverse sets the field's
/// old value back, even when the value did not change: typing merged into one undo step
/// ([`Editor::apply_merging`]) is taken back by the first keystroke's inverse, so that inverse
/// must cover every field the later keystrokes set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceChange {
    /// The source's name.
    Name(String),
    /// The kind of money.
    Kind(SourceKind),
    /// The rule for the whole plan.
    Rule(ShareRule),
    /// The rule for one phase (by the phase's id); `None` goes back to the plan-wide rule there.
    PhaseRule {
        /// The phase.
        phase: ItemId,
        /// Its own rule, or none.
        rule: Option<ShareRule>,
    },
}

/// One change to a target indicator ([`Edit::SetTarget`]). A field's inverse sets its old value
/// back, even an unchanged one (see [`SourceChange`]). Variants (sub-groups) have no id of their
/// own: they are named by their position in the target's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetChange {
    /// The area the indicator belongs to.
    Group(String),
    /// The indicator's name.
    Name(String),
    /// The unit of its values.
    Unit(TargetUnit),
    /// How its values are to be read.
    Comparison(Comparison),
    /// Where it starts from.
    Baseline(Option<Baseline>),
    /// One milestone: of the target itself (`variant` is `None`) or of one of its variants;
    /// `value` `None` removes it.
    Milestone {
        /// The variant, by position, or the target itself.
        variant: Option<usize>,
        /// The milestone's year.
        year: Year,
        /// The value, or none.
        value: Option<Decimal>,
    },
    /// The lead agency.
    Agency(String),
    /// The coordinating agencies.
    Partners(Vec<String>),
    /// The notes.
    Notes(String),
    /// The name of a variant, by position.
    VariantName {
        /// The variant's position.
        variant: usize,
        /// Its new name.
        name: String,
    },
    /// A variant inserted at `index` (clamped to the end).
    InsertVariant {
        /// Position.
        index: usize,
        /// The variant.
        variant: TargetVariant,
    },
    /// The variant at `index` removed.
    RemoveVariant {
        /// Position.
        index: usize,
    },
}

/// One undoable change to a plan.
///
/// Lines, sources and targets are named by their [`ItemId`], unique across the plan as a draft file
/// requires. An edit naming an id the plan does not hold changes nothing and is no undo step; so
/// is an insertion of an item whose id is already in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Set or clear cells (one paste or fill is one edit).
    SetCells(Vec<CellChange>),
    /// Insert budget lines, in order, at `index` (clamped to the end): one added line, or the
    /// lines a paste needs. Changes nothing when `lines` is empty or one of their ids is in use.
    InsertLines {
        /// Position of the first one.
        index: usize,
        /// The lines.
        lines: Vec<BudgetLine>,
    },
    /// Remove the budget lines with these ids (ids the plan does not hold are passed over).
    RemoveLines {
        /// The lines, by id, in any order.
        lines: Vec<ItemId>,
    },
    /// Move a budget line so that it stands at position `to`. Changes nothing when `to` is past
    /// the last line.
    MoveLine {
        /// The line.
        line: ItemId,
        /// Its new position.
        to: usize,
    },
    /// Change a line's name, code, depth, agency or notes.
    SetLineMeta {
        /// The line.
        line: ItemId,
        /// Its new fields.
        meta: LineMeta,
    },
    /// Replace the phases.
    SetPhases(Vec<Phase>),
    /// Insert a funding source at `index` (clamped to the end).
    InsertSource {
        /// Position.
        index: usize,
        /// The source.
        source: FundingSource,
    },
    /// Remove the funding source with this id.
    RemoveSource {
        /// The source.
        id: ItemId,
    },
    /// Change one field of the funding source with this id.
    SetSource {
        /// The source.
        id: ItemId,
        /// What changes.
        change: SourceChange,
    },
    /// Insert a target at `index` (clamped to the end).
    InsertTarget {
        /// Position.
        index: usize,
        /// The target (boxed: a target is larger than any other edit).
        target: Box<Target>,
    },
    /// Remove the target with this id.
    RemoveTarget {
        /// The target.
        id: ItemId,
    },
    /// Move the target with this id so that it stands at position `to`. Changes nothing when `to`
    /// is past the last target.
    MoveTarget {
        /// The target.
        id: ItemId,
        /// Its new position.
        to: usize,
    },
    /// Change one field (or variant) of the target with this id.
    SetTarget {
        /// The target.
        id: ItemId,
        /// What changes.
        change: TargetChange,
    },
    /// Change the plan's own fields.
    SetMeta(Box<PlanMeta>),
    /// Several edits as one undo step.
    Batch(Vec<Edit>),
    /// Replace the whole plan (a consolidation brought up to date with a unit's new version).
    ReplacePlan(Box<Plan>),
    /// Insert a task at `index` (clamped to the end). Changes nothing when its id is in use.
    InsertTask {
        /// Where.
        index: usize,
        /// The task.
        task: Box<Task>,
    },
    /// Remove the task `id`.
    RemoveTask {
        /// Which.
        id: ItemId,
    },
    /// Move the task `id` to index `to`.
    MoveTask {
        /// Which.
        id: ItemId,
        /// Where to.
        to: usize,
    },
    /// Change one field of the task `id`.
    SetTask {
        /// Which.
        id: ItemId,
        /// What.
        change: TaskChange,
    },
    /// Add an agency to the directory at `index`. Changes nothing when its id is in use or an
    /// agency of its name is listed.
    InsertAgency {
        /// Where.
        index: usize,
        /// The agency.
        agency: Agency,
    },
    /// Remove the agency `id` from the directory (where it is named, its name stays).
    RemoveAgency {
        /// Which.
        id: ItemId,
    },
    /// Change the short name, level or followed districts of the agency `id`.
    SetAgency {
        /// Which.
        id: ItemId,
        /// What.
        change: AgencyChange,
    },
    /// Rename an agency everywhere: in the directory and wherever it acts (lines, targets,
    /// tasks, reports). Changes nothing when `to` is empty or already names an agency.
    RenameAgency {
        /// Its name now.
        from: String,
        /// Its new name.
        to: String,
    },
    /// Insert an entry of the reporting calendar at `index`.
    InsertReport {
        /// Where.
        index: usize,
        /// The entry.
        report: Report,
    },
    /// Remove the calendar entry `id`.
    RemoveReport {
        /// Which.
        id: ItemId,
    },
    /// Change one field of the calendar entry `id`.
    SetReport {
        /// Which.
        id: ItemId,
        /// What.
        change: ReportChange,
    },
}

/// One field of a task, with its new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskChange {
    /// The heading it stands under.
    Group(String),
    /// Its number ("1.", "1.1", "a)").
    Number(String),
    /// What is to be done.
    Name(String),
    /// The lead agency.
    Lead(String),
    /// The coordinating agencies.
    Partners(Vec<String>),
    /// When.
    Time(String),
    /// The districts or communes it covers.
    Places(Vec<String>),
    /// The budget lines whose money it spends.
    Lines(Vec<ItemId>),
    /// The targets it serves.
    Targets(Vec<ItemId>),
    /// Notes.
    Notes(String),
}

/// One field of an agency of the directory, with its new value (its name changes through
/// [`Edit::RenameAgency`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgencyChange {
    /// Short name.
    Short(String),
    /// Level.
    Level(AgencyLevel),
    /// The districts or communes it follows.
    Follows(Vec<String>),
}

/// One field of a calendar entry, with its new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportChange {
    /// Periodic, dated, mid-term or final.
    Kind(ReportKind),
    /// What it is.
    Name(String),
    /// When.
    When(String),
    /// Who reports.
    From(String),
    /// To whom.
    To(String),
}
