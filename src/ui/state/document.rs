//! The open plan: an engine [`Editor`] and the signals that tell each part of the view what
//! changed.
//!
//! The editor itself is not reactive. Every change goes through [`Document::apply`], which hands
//! the engine's [`Impact`] to [`Document::notify`]: only the rows whose cells changed, the totals,
//! the funding panel or the targets are told to repaint.

use leptos::prelude::*;

use super::{Notices, Session};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Edit, Editor, Impact};
use crate::locale::{Message, Text};
use crate::model::Plan;
use crate::model::limits::Exceeded;

/// The open plan and its change triggers. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Document {
    /// The plan being edited.
    editor: StoredValue<Editor>,
    /// Bumped when lines, phases, years or the unit change: the grid is rebuilt.
    pub structure: RwSignal<u64>,
    /// Bumped when any amount changes: the side panels (funding split, charts, diagnostics,
    /// comparison, print annex) repaint. A cell edit bumps it once the frame that shows the new
    /// cell and totals has been painted (see [`Document::notify`]).
    pub totals: RwSignal<u64>,
    /// A bump of `totals` is scheduled after the next frame.
    totals_pending: StoredValue<bool>,
    /// Bumped when the funding sources change.
    pub funding: RwSignal<u64>,
    /// Bumped when targets change.
    pub targets: RwSignal<u64>,
    /// Bumped when tasks, agencies or the reporting calendar change.
    pub work: RwSignal<u64>,
    /// Bumped when the plan's title or notes change.
    pub meta: RwSignal<u64>,
    /// Bumped on every change at all (autosave listens).
    pub changed: RwSignal<u64>,
    /// One trigger per budget line: its cells and totals repaint when it fires.
    rows: StoredValue<Vec<ArcTrigger>>,
    /// Triggers of the year, phase and grand totals: the totals row's cells follow only their
    /// own, so an edit repaints three of them, not the whole row.
    sums: StoredValue<SumTriggers>,
    /// The plan's display precision ([`typed_places`]), kept with the editor: every figure shown
    /// is rounded to it, so a change of it repaints everything.
    places: StoredValue<u32>,
    /// The plan's title as last seen: a draft named after its title follows it until renamed.
    title_seen: StoredValue<String>,
    /// The session, whose draft name follows the plan's title.
    session: Session,
    /// Where a refused edit is said.
    notices: Notices,
}

/// The plan's display precision ([`crate::engine::Totals::typed_places`]).
fn typed_places(e: &Editor) -> u32 {
    e.totals().typed_places(e.plan())
}

impl Document {
    /// An empty plan; `session` names the open draft, `notices` hears of refused edits.
    pub fn new(session: Session, notices: Notices) -> Self {
        Self {
            editor: StoredValue::new(Editor::new(Plan::default())),
            structure: RwSignal::new(0),
            totals: RwSignal::new(0),
            totals_pending: StoredValue::new(false),
            funding: RwSignal::new(0),
            targets: RwSignal::new(0),
            work: RwSignal::new(0),
            meta: RwSignal::new(0),
            changed: RwSignal::new(0),
            rows: StoredValue::new(Vec::new()),
            sums: StoredValue::new(SumTriggers::default()),
            places: StoredValue::new(0),
            title_seen: StoredValue::new(String::new()),
            session,
            notices,
        }
    }

    /// The document provided by the app root.
    pub fn get() -> Self {
        expect_context::<Document>()
    }

    /// Opens `editor`'s plan as the session's draft `id` named `name` (replacing the editor and
    /// its history).
    pub fn open(&self, id: String, name: String, editor: Editor) {
        self.places.set_value(typed_places(&editor));
        self.title_seen.set_value(editor.plan().title.clone());
        self.editor.set_value(editor);
        self.rebuild_triggers();
        self.session.draft_id.set(id);
        self.session.draft_name.set(name);
        self.session.has_draft.set(true);
        self.bump_all();
    }

    /// The plan's display precision, in its own unit.
    pub fn places(&self) -> u32 {
        self.places.get_value()
    }

    /// Ends the merging of typed edits: the next keystroke in a field starts a new undo step
    /// (a field left, Enter pressed).
    pub fn end_merge(&self) {
        self.editor.update_value(|e| e.end_merge());
    }

    /// Changes the editor directly, without telling the view (the caller notifies).
    pub fn update<U>(&self, f: impl FnOnce(&mut Editor) -> U) -> Option<U> {
        self.editor.try_update_value(f)
    }

    fn bump_all(&self) {
        for s in [self.structure, self.totals, self.funding, self.targets, self.meta, self.work] {
            s.update(|v| *v += 1);
        }
    }

    /// Applies one edit as one undo step and repaints what it touched; an edit beyond the plan's
    /// limits is refused with a notice saying which.
    pub fn apply(&self, edit: Edit) {
        // The refusal is on screen as a notice.
        let _ = self.applied(self.editor.try_update_value(|e| e.apply(edit)));
    }

    /// Applies an edit typed into a field, merged with the previous one of the same `key`. A
    /// refusal is a notice, and its message for the field to mark.
    pub fn apply_merging(&self, edit: Edit, key: &str) -> Result<(), Text> {
        self.applied(self.editor.try_update_value(|e| e.apply_merging(edit, key)))
    }

    fn applied(&self, result: Option<Result<Impact, Exceeded>>) -> Result<(), Text> {
        match result {
            Some(Ok(impact)) => self.notify(impact, true),
            Some(Err(why)) => {
                let text = why.to_text();
                self.notices.push(Severity::Error, text.clone());
                return Err(text);
            }
            None => {}
        }
        Ok(())
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        if let Some(Some(impact)) = self.editor.try_update_value(|e| e.undo()) {
            self.notify(impact, true);
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        if let Some(Some(impact)) = self.editor.try_update_value(|e| e.redo()) {
            self.notify(impact, true);
        }
    }

    /// Undoes (Ctrl+Z) or redoes (Ctrl+Y, Ctrl+Shift+Z) for a key pressed with Ctrl or ⌘;
    /// returns whether the key was one of those.
    pub fn history_key(&self, key: &str, shift: bool) -> bool {
        match key.to_lowercase().as_str() {
            "z" if shift => self.redo(),
            "z" => self.undo(),
            "y" => self.redo(),
            _ => return false,
        }
        true
    }

    /// Tells the view what an edit changed.
    pub fn notify(&self, mut impact: Impact, changed: bool) {
        if impact.is_empty() {
            return;
        }
        if impact.meta {
            // A draft still named after its plan's title ("Kế hoạch mới") takes the new title.
            let title = self.editor.with_value(|e| e.plan().title.clone());
            let seen = self.title_seen.get_value();
            if title != seen {
                let name = self.session.draft_name.get_untracked();
                // "Kế hoạch mới (2)": the name the list made unique follows too, with its number.
                let suffix = name.strip_prefix(seen.as_str()).filter(|rest| {
                    rest.is_empty()
                        || rest
                            .strip_prefix(" (")
                            .and_then(|r| r.strip_suffix(')'))
                            .is_some_and(|n| n.parse::<u32>().is_ok())
                });
                if let Some(suffix) = suffix
                    && !title.trim().is_empty()
                {
                    self.session.draft_name.set(format!("{title}{suffix}"));
                }
                self.title_seen.set_value(title);
            }
        }
        let places = self.editor.with_value(typed_places);
        if places != self.places.get_value() {
            // The first amount with a decimal, or the last one gone: every figure is shown anew.
            self.places.set_value(places);
            impact.structure = true;
        }
        if impact.structure {
            self.rebuild_triggers();
            self.bump_all();
        } else {
            // The rows whose figures changed with every group above them (the engine's), and the
            // rows renamed.
            self.rows.with_value(|triggers| {
                for &r in impact.rows.iter().chain(&impact.meta_rows) {
                    if let Some(t) = triggers.get(r) {
                        t.notify();
                    }
                }
            });
            if !impact.meta_rows.is_empty() {
                // The diagnostics name the lines.
                self.bump_totals_after_paint();
            }
            if !impact.cells.is_empty() {
                let (mut cols, mut phases) = (Vec::new(), Vec::new());
                self.editor.with_value(|e| {
                    let t = e.totals();
                    for &(_, year) in &impact.cells {
                        if let Some(c) = t.column_of(year) {
                            cols.push(c);
                            phases.push(t.phase_of_column(c).unwrap_or(t.phase_count()));
                        }
                    }
                });
                self.sums.with_value(|s| {
                    cols.sort_unstable();
                    cols.dedup();
                    phases.sort_unstable();
                    phases.dedup();
                    for c in cols {
                        if let Some(t) = s.years.get(c) {
                            t.notify();
                        }
                    }
                    for p in phases {
                        if let Some(t) = s.phases.get(p) {
                            t.notify();
                        }
                    }
                    s.grand.notify();
                });
                self.bump_totals_after_paint();
            }
            if impact.funding {
                self.funding.update(|v| *v += 1);
            }
            if impact.work {
                self.work.update(|v| *v += 1);
            }
            if impact.targets {
                self.targets.update(|v| *v += 1);
            }
            if impact.meta {
                self.meta.update(|v| *v += 1);
            }
        }
        if changed {
            self.changed.update(|v| *v += 1);
        }
    }

    /// Bumps `totals` once the next frame has been painted: the grid's cells and totals (their
    /// own triggers, fired at once) are on screen in the frame that follows the keypress, and
    /// the side panels recompute and repaint in the frame after it. Several edits within one
    /// frame (a paste, a fill) bump it once.
    fn bump_totals_after_paint(&self) {
        if self.totals_pending.get_value() {
            return;
        }
        self.totals_pending.set_value(true);
        let (totals, pending) = (self.totals, self.totals_pending);
        request_animation_frame(move || {
            // A task queued from the frame's callback runs after that frame is painted.
            set_timeout(
                move || {
                    pending.set_value(false);
                    totals.update(|v| *v += 1);
                },
                std::time::Duration::ZERO,
            );
        });
    }

    fn rebuild_triggers(&self) {
        let (lines, cols, phases) =
            self.editor.with_value(|e| (e.plan().lines.len(), e.totals().columns().len(), e.plan().phases.len() + 1));
        self.rows.set_value((0..lines).map(|_| ArcTrigger::new()).collect());
        self.sums.set_value(SumTriggers {
            years: (0..cols).map(|_| ArcTrigger::new()).collect(),
            phases: (0..phases).map(|_| ArcTrigger::new()).collect(),
            grand: ArcTrigger::new(),
        });
    }

    /// Subscribes the running effect to the total of `year` (by year), of phase `phase` (its
    /// index; the last index stands for years outside every phase) or to the grand total.
    pub fn track_sum(&self, year: Option<crate::model::Year>, phase: Option<usize>) {
        self.structure.track();
        let col = year.and_then(|y| self.editor.with_value(|e| e.totals().column_of(y)));
        self.sums.with_value(|s| match (col, phase) {
            (Some(c), _) => {
                if let Some(t) = s.years.get(c) {
                    t.track()
                }
            }
            (None, Some(p)) => {
                if let Some(t) = s.phases.get(p) {
                    t.track()
                }
            }
            _ => s.grand.track(),
        });
    }

    /// Subscribes the running effect to the figures of line `row`.
    pub fn track_row(&self, row: usize) {
        self.rows.with_value(|t| {
            if let Some(t) = t.get(row) {
                t.track();
            }
        });
    }

    /// Reads the editor without subscribing to anything.
    pub fn with<U>(&self, f: impl FnOnce(&Editor) -> U) -> U {
        self.editor.with_value(f)
    }

    /// Diagnostics of the plan as it is now (subscribes to every change).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.structure.track();
        self.totals.track();
        self.funding.track();
        self.targets.track();
        self.work.track();
        self.with(|e| e.diagnostics())
    }
}

/// Triggers of the totals row.
#[derive(Default)]
struct SumTriggers {
    years: Vec<ArcTrigger>,
    phases: Vec<ArcTrigger>,
    grand: ArcTrigger,
}
