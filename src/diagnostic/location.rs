//! Where a diagnostic is, as data: a sheet's cell, a path in a draft file being read, or an item
//! of the open plan. The engine and the import make these; the screen reads them without
//! parsing text ([`super::place`] names them, the grid and the panels go to them).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Year;

/// A diagnostic's place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Location {
    /// The plan, the file or the draft as a whole.
    #[default]
    Whole,
    /// A file, by its name (an import refused before any sheet was read).
    File(String),
    /// A cell of a sheet (0-based row and column): `'Kinh phí'!C14`.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// 0-based row.
        row: u32,
        /// 0-based column.
        col: u32,
    },
    /// A cell of a table of a Word document (the table's number in the document from 1; 0-based
    /// row of the table's own rows and column): `Bảng 2, hàng 5, cột C`. A merged cell is at its
    /// first row and column.
    TableCell {
        /// The table's number in the document, from 1.
        table: usize,
        /// 0-based row, counting the table's rows.
        row: u32,
        /// 0-based column of the table's grid.
        col: u32,
    },
    /// A table of a Word document as a whole, or its caption (the paragraphs just before it,
    /// where the unit line is): `Bảng 2`.
    Table {
        /// The table's number in the document, from 1.
        table: usize,
    },
    /// A place in a draft file being read, as its JSON path (`$.lines[2].amounts.2014`): an
    /// address in the file, which may hold anything.
    Json(String),
    /// An item of the plan.
    Plan(PlanPlace),
}

/// An item of the plan (indices from 0, as in the draft's JSON; the screen counts from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanPlace {
    /// The plan's period.
    Period,
    /// The phases as a whole.
    Phases,
    /// The years of a phase.
    PhaseYears(usize),
    /// The budget lines as a whole.
    Lines,
    /// A budget line.
    Line(usize),
    /// A budget line's name.
    LineName(usize),
    /// A budget line's amounts.
    LineAmounts(usize),
    /// One amount: a budget line's allocation in a year.
    Amount(usize, Year),
    /// The funding sources as a whole.
    Sources,
    /// A funding source's name.
    SourceName(usize),
    /// A funding source's share or amount.
    SourceShare(usize),
    /// The targets as a whole.
    Targets,
    /// A target's name.
    TargetName(usize),
    /// A target's baseline value.
    TargetBaseline(usize),
    /// The tasks as a whole.
    Tasks,
    /// A task's text.
    TaskName(usize),
    /// A task's lead agency.
    TaskLead(usize),
    /// A task's time.
    TaskTime(usize),
    /// The agencies as a whole.
    Agencies,
    /// An agency of the directory.
    Agency(usize),
    /// A milestone of a target, or of one of its variants.
    Milestone {
        /// The target.
        target: usize,
        /// The variant (a group of communes …), or the target itself.
        variant: Option<usize>,
        /// The milestone's year.
        year: Year,
    },
}

impl Location {
    /// A sheet's cell.
    pub fn cell(sheet: &str, row: u32, col: u32) -> Self {
        Location::Cell { sheet: sheet.to_string(), row, col }
    }

    /// The budget line and year this place is in, if it is in a line.
    pub fn line(&self) -> Option<(usize, Option<Year>)> {
        match self {
            Location::Plan(PlanPlace::Line(i) | PlanPlace::LineName(i) | PlanPlace::LineAmounts(i)) => Some((*i, None)),
            Location::Plan(PlanPlace::Amount(i, y)) => Some((*i, Some(*y))),
            _ => None,
        }
    }

    /// Whether this is a place among the targets.
    pub fn is_target(&self) -> bool {
        matches!(
            self,
            Location::Plan(
                PlanPlace::Targets
                    | PlanPlace::TargetName(_)
                    | PlanPlace::TargetBaseline(_)
                    | PlanPlace::Milestone { .. }
            )
        )
    }

    /// Whether this is a place among the funding sources.
    pub fn is_source(&self) -> bool {
        matches!(self, Location::Plan(PlanPlace::Sources | PlanPlace::SourceName(_) | PlanPlace::SourceShare(_)))
    }
}

impl PlanPlace {
    /// The item a path in a draft file names, if it names one (`$.lines[2].amounts.2014`,
    /// `$.targets[0].variants[1].milestones.2030`, `$.sources[4].rule` …): a file that could not
    /// be opened still says which line or target is wrong.
    pub fn of_json_path(path: &str) -> Option<Self> {
        let rest = path.strip_prefix("$.")?;
        let indexed = |rest: &str, key: &str| -> Option<(usize, String)> {
            let r = rest.strip_prefix(key)?.strip_prefix('[')?;
            let (i, after) = r.split_once(']')?;
            Some((i.parse().ok()?, after.to_string()))
        };
        let year_after = |after: &str, key: &str| after.strip_prefix(key).and_then(|y| y.parse::<Year>().ok());
        if let Some((i, after)) = indexed(rest, "lines") {
            return Some(match year_after(&after, ".amounts.") {
                Some(y) => PlanPlace::Amount(i, y),
                None => PlanPlace::Line(i),
            });
        }
        if let Some((i, _)) = indexed(rest, "phases") {
            return Some(PlanPlace::PhaseYears(i));
        }
        if let Some((i, _)) = indexed(rest, "sources") {
            return Some(PlanPlace::SourceName(i));
        }
        if let Some((i, after)) = indexed(rest, "targets") {
            let (variant, inner) = match indexed(after.trim_start_matches('.'), "variants") {
                Some((v, inner)) => (Some(v), inner),
                None => (None, after),
            };
            return Some(match year_after(&inner, ".milestones.") {
                Some(year) => PlanPlace::Milestone { target: i, variant, year },
                None => PlanPlace::TargetName(i),
            });
        }
        rest.starts_with("period").then_some(PlanPlace::Period)
    }
}

impl From<PlanPlace> for Location {
    fn from(place: PlanPlace) -> Self {
        Location::Plan(place)
    }
}

/// `'Kinh phí'!C14`, `Bảng 2, hàng 5, cột C` (a Word table's cell, in Vietnamese: [`super::place`]
/// words it in either language), `$.lines[2].amounts.2014` (the draft's JSON path for an item of
/// the plan), a file's name, or nothing for the whole.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Whole => Ok(()),
            Location::File(name) => f.write_str(name),
            Location::Cell { sheet, row, col } => f.write_str(&super::sheet_cell(sheet, *row, *col)),
            Location::TableCell { .. } | Location::Table { .. } => {
                f.write_str(&super::place::table_place(self, crate::locale::Lang::Vi))
            }
            Location::Json(path) => f.write_str(path),
            Location::Plan(place) => write!(f, "{place}"),
        }
    }
}

/// The draft's JSON path of the item: `$.lines[2].amounts.2014`.
impl fmt::Display for PlanPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PlanPlace::Period => write!(f, "$.period"),
            PlanPlace::Phases => write!(f, "$.phases"),
            PlanPlace::PhaseYears(i) => write!(f, "$.phases[{i}].years"),
            PlanPlace::Lines => write!(f, "$.lines"),
            PlanPlace::Line(i) => write!(f, "$.lines[{i}]"),
            PlanPlace::LineName(i) => write!(f, "$.lines[{i}].name"),
            PlanPlace::LineAmounts(i) => write!(f, "$.lines[{i}].amounts"),
            PlanPlace::Amount(i, y) => write!(f, "$.lines[{i}].amounts.{y}"),
            PlanPlace::Sources => write!(f, "$.sources"),
            PlanPlace::SourceName(i) => write!(f, "$.sources[{i}].name"),
            PlanPlace::SourceShare(i) => write!(f, "$.sources[{i}].rule.value"),
            PlanPlace::Targets => write!(f, "$.targets"),
            PlanPlace::TargetName(i) => write!(f, "$.targets[{i}].name"),
            PlanPlace::TargetBaseline(i) => write!(f, "$.targets[{i}].baseline.value"),
            PlanPlace::Tasks => write!(f, "$.tasks"),
            PlanPlace::TaskName(i) => write!(f, "$.tasks[{i}].name"),
            PlanPlace::TaskLead(i) => write!(f, "$.tasks[{i}].lead"),
            PlanPlace::TaskTime(i) => write!(f, "$.tasks[{i}].time"),
            PlanPlace::Agencies => write!(f, "$.agencies"),
            PlanPlace::Agency(i) => write!(f, "$.agencies[{i}].name"),
            PlanPlace::Milestone { target, variant: Some(v), year } => {
                write!(f, "$.targets[{target}].variants[{v}].milestones.{year}")
            }
            PlanPlace::Milestone { target, variant: None, year } => write!(f, "$.targets[{target}].milestones.{year}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_the_draft_and_the_sheet_write_them() {
        assert_eq!(Location::cell("Kinh phí", 13, 2).to_string(), "'Kinh phí'!C14");
        assert_eq!(Location::Plan(PlanPlace::Amount(1, 2026)).to_string(), "$.lines[1].amounts.2026");
        let m = PlanPlace::Milestone { target: 0, variant: Some(1), year: 2030 };
        assert_eq!(Location::from(m).to_string(), "$.targets[0].variants[1].milestones.2030");
        assert_eq!(Location::Whole.to_string(), "");
        assert_eq!(Location::TableCell { table: 2, row: 4, col: 2 }.to_string(), "Bảng 2, hàng 5, cột C");
        assert_eq!(Location::Table { table: 1 }.to_string(), "Bảng 1");
        assert_eq!(Location::Plan(PlanPlace::Amount(2, 2014)).line(), Some((2, Some(2014))));
        assert!(Location::from(m).is_target() && !Location::from(m).is_source());
        assert_eq!(
            PlanPlace::of_json_path("$.targets[3].variants[1].milestones.2025"),
            Some(PlanPlace::Milestone { target: 3, variant: Some(1), year: 2025 })
        );
        assert_eq!(PlanPlace::of_json_path("$.lines[2].amounts.2014"), Some(PlanPlace::Amount(2, 2014)));
        assert_eq!(PlanPlace::of_json_path("$['$schema']"), None);
    }
}
