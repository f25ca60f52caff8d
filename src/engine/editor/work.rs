//! The edits of tasks, agencies and the reporting calendar.

use super::{AgencyChange, Edit, Editor, Impact, ReportChange, TaskChange};

/// Puts `value` in `slot`; returns the old value and whether it changed.
fn put<T: PartialEq>(slot: &mut T, value: T) -> (T, bool) {
    let changed = *slot != value;
    (std::mem::replace(slot, value), changed)
}

/// Inserts `item` at `index` (clamped); returns where it went.
fn insert_at<T>(list: &mut Vec<T>, index: usize, item: T) -> usize {
    let index = index.min(list.len());
    list.insert(index, item);
    index
}

impl Editor {
    /// Performs an edit of the work (tasks, agencies, calendar); `None` when it changes nothing.
    pub(super) fn perform_work(&mut self, edit: Edit, impact: &mut Impact) -> Option<Edit> {
        impact.work = true;
        let plan = &mut self.plan;
        Some(match edit {
            Edit::InsertTask { index, task } => {
                if !self.ids_free([task.id]) {
                    return None;
                }
                let id = task.id;
                insert_at(&mut self.plan.tasks, index, *task);
                Edit::RemoveTask { id }
            }
            Edit::RemoveTask { id } => {
                let index = plan.tasks.iter().position(|t| t.id == id)?;
                Edit::InsertTask { index, task: Box::new(plan.tasks.remove(index)) }
            }
            Edit::MoveTask { id, to } => {
                let from = plan.tasks.iter().position(|t| t.id == id)?;
                if to >= plan.tasks.len() || from == to {
                    return None;
                }
                let moved = plan.tasks.remove(from);
                plan.tasks.insert(to, moved);
                Edit::MoveTask { id, to: from }
            }
            Edit::SetTask { id, change } => {
                let task = plan.tasks.iter_mut().find(|t| t.id == id)?;
                let (old, changed) = match change {
                    TaskChange::Group(v) => put(&mut task.group, v).map_old(TaskChange::Group),
                    TaskChange::Number(v) => put(&mut task.number, v).map_old(TaskChange::Number),
                    TaskChange::Name(v) => put(&mut task.name, v).map_old(TaskChange::Name),
                    TaskChange::Lead(v) => put(&mut task.lead, v).map_old(TaskChange::Lead),
                    TaskChange::Partners(v) => put(&mut task.partners, v).map_old(TaskChange::Partners),
                    TaskChange::Time(v) => put(&mut task.time, v).map_old(TaskChange::Time),
                    TaskChange::Places(v) => put(&mut task.places, v).map_old(TaskChange::Places),
                    TaskChange::Lines(v) => put(&mut task.lines, v).map_old(TaskChange::Lines),
                    TaskChange::Targets(v) => put(&mut task.targets, v).map_old(TaskChange::Targets),
                    TaskChange::Notes(v) => put(&mut task.notes, v).map_old(TaskChange::Notes),
                };
                // The old value goes back even when nothing changed: a merged typing session's
                // first inverse restores what was there before it.
                impact.work = changed;
                Edit::SetTask { id, change: old }
            }
            Edit::InsertAgency { index, agency } => {
                if !self.ids_free([agency.id]) || self.plan.agency_index(&agency.name).is_some() {
                    return None;
                }
                let id = agency.id;
                insert_at(&mut self.plan.agencies, index, agency);
                Edit::RemoveAgency { id }
            }
            Edit::RemoveAgency { id } => {
                let index = plan.agencies.iter().position(|a| a.id == id)?;
                Edit::InsertAgency { index, agency: plan.agencies.remove(index) }
            }
            Edit::SetAgency { id, change } => {
                let agency = plan.agencies.iter_mut().find(|a| a.id == id)?;
                let (old, changed) = match change {
                    AgencyChange::Short(v) => put(&mut agency.short, v).map_old(AgencyChange::Short),
                    AgencyChange::Level(v) => put(&mut agency.level, v).map_old(AgencyChange::Level),
                    AgencyChange::Follows(v) => put(&mut agency.follows, v).map_old(AgencyChange::Follows),
                };
                impact.work = changed;
                Edit::SetAgency { id, change: old }
            }
            Edit::RenameAgency { from, to } => {
                let (from, to) = (from.trim().to_string(), to.trim().to_string());
                let taken = plan.agency_index(&to).is_some() || plan.agency_names().contains(&to.as_str());
                if to.is_empty() || from == to || taken {
                    return None;
                }
                let mut any = false;
                let mut rename = |slot: &mut String| {
                    if slot.trim() == from {
                        *slot = to.clone();
                        any = true;
                    }
                };
                for a in &mut plan.agencies {
                    rename(&mut a.name);
                }
                let mut rows = Vec::new();
                for (row, line) in plan.lines.iter_mut().enumerate() {
                    let before = line.agency.clone();
                    rename(&mut line.agency);
                    if line.agency != before {
                        rows.push(row);
                    }
                }
                let mut targets = false;
                for t in &mut plan.targets {
                    let before = (t.agency.clone(), t.partners.clone());
                    rename(&mut t.agency);
                    t.partners.iter_mut().for_each(&mut rename);
                    targets |= before != (t.agency.clone(), t.partners.clone());
                }
                for t in &mut plan.tasks {
                    rename(&mut t.lead);
                    t.partners.iter_mut().for_each(&mut rename);
                }
                for r in &mut plan.reports {
                    rename(&mut r.from);
                    rename(&mut r.to);
                }
                if !any {
                    return None;
                }
                impact.meta |= !rows.is_empty();
                impact.meta_rows.extend(rows);
                impact.targets |= targets;
                Edit::RenameAgency { from: to, to: from }
            }
            Edit::InsertReport { index, report } => {
                if !self.ids_free([report.id]) {
                    return None;
                }
                let id = report.id;
                insert_at(&mut self.plan.reports, index, report);
                Edit::RemoveReport { id }
            }
            Edit::RemoveReport { id } => {
                let index = plan.reports.iter().position(|r| r.id == id)?;
                Edit::InsertReport { index, report: plan.reports.remove(index) }
            }
            Edit::SetReport { id, change } => {
                let report = plan.reports.iter_mut().find(|r| r.id == id)?;
                let (old, changed) = match change {
                    ReportChange::Kind(v) => put(&mut report.kind, v).map_old(ReportChange::Kind),
                    ReportChange::Name(v) => put(&mut report.name, v).map_old(ReportChange::Name),
                    ReportChange::When(v) => put(&mut report.when, v).map_old(ReportChange::When),
                    ReportChange::From(v) => put(&mut report.from, v).map_old(ReportChange::From),
                    ReportChange::To(v) => put(&mut report.to, v).map_old(ReportChange::To),
                };
                impact.work = changed;
                Edit::SetReport { id, change: old }
            }
            _ => return None,
        })
    }
}

/// The old value of a field, wrapped back into its change.
trait MapOld<T> {
    fn map_old<C>(self, wrap: impl FnOnce(T) -> C) -> (C, bool);
}

impl<T> MapOld<T> for (T, bool) {
    fn map_old<C>(self, wrap: impl FnOnce(T) -> C) -> (C, bool) {
        (wrap(self.0), self.1)
    }
}
