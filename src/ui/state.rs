//! The workbench's shared state: the open plan (an engine [`Editor`]) and the signals that tell
//! each part of the view what changed.
//!
//! The editor itself is not reactive. Every change goes through [`Workbench::apply`], which hands
//! the engine's [`Impact`] to [`Workbench::notify`]: only the rows whose cells changed, the totals,
//! the funding panel or the targets are told to repaint.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::engine::{Edit, Editor, Impact};
use crate::locale::{Lang, format_decimal};
use crate::model::limits::Exceeded;
use crate::model::{MoneyUnit, Plan};

/// Which main view is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The budget grid with funding.
    Budget,
    /// Target indicators.
    Targets,
    /// Compare with another draft.
    Compare,
}

/// A short message shown at the top of the page (storage trouble, import done …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Unique id, to dismiss it.
    pub id: u64,
    /// `error`, `warning` or `info`.
    pub level: &'static str,
    /// Text in Vietnamese.
    pub vi: String,
    /// Text in English.
    pub en: String,
}

/// Everything the components share, passed by context. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct Workbench {
    /// Display language and number style.
    pub lang: RwSignal<Lang>,
    /// Unit amounts are shown in (the plan keeps its own).
    pub display_unit: RwSignal<Option<MoneyUnit>>,
    /// Years as rows (as in the seed's table) instead of columns.
    pub transposed: RwSignal<bool>,
    /// The main view.
    pub view: RwSignal<View>,
    /// The plan being edited.
    pub editor: StoredValue<Editor>,
    /// Whether a draft is open (otherwise the empty state invites to start).
    pub has_draft: RwSignal<bool>,
    /// Id of the open draft in storage.
    pub draft_id: RwSignal<String>,
    /// Name of the open draft.
    pub draft_name: RwSignal<String>,
    /// Bumped when lines, phases, years or the unit change: the grid is rebuilt.
    pub structure: RwSignal<u64>,
    /// Bumped when any amount changes: the side panels (funding split, charts, diagnostics,
    /// comparison, print annex) repaint. A cell edit bumps it once the frame that shows the new
    /// cell and totals has been painted (see [`Workbench::notify`]).
    pub totals: RwSignal<u64>,
    /// A bump of `totals` is scheduled after the next frame.
    totals_pending: StoredValue<bool>,
    /// Bumped when the funding sources change.
    pub funding: RwSignal<u64>,
    /// Bumped when targets change.
    pub targets: RwSignal<u64>,
    /// Bumped when the plan's title or notes change.
    pub meta: RwSignal<u64>,
    /// Bumped on every change at all (autosave listens).
    pub changed: RwSignal<u64>,
    /// One trigger per budget line: its cells and totals repaint when it fires.
    rows: StoredValue<Vec<ArcTrigger>>,
    /// Triggers of the year, phase and grand totals: the totals row's cells follow only their
    /// own, so an edit repaints three of them, not the whole row.
    sums: StoredValue<SumTriggers>,
    /// Messages at the top of the page.
    pub notices: RwSignal<Vec<Notice>>,
    /// The draft the open one is compared with.
    pub compare_with: RwSignal<Option<String>>,
    /// An import preview is on screen (the draft's own diagnostics step aside).
    pub importing: RwSignal<bool>,
    /// The plan's display precision ([`typed_places`]), kept with the editor: every figure shown
    /// is rounded to it, so a change of it repaints everything.
    places: StoredValue<u32>,
    /// The plan's title as last seen: a draft named after its title follows it until renamed.
    title_seen: StoredValue<String>,
}

/// The plan's display precision ([`crate::engine::Totals::typed_places`]).
fn typed_places(e: &Editor) -> u32 {
    e.totals().typed_places(e.plan())
}

impl Workbench {
    /// Creates the state with an empty plan and no draft open.
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(Lang::Vi),
            display_unit: RwSignal::new(None),
            transposed: RwSignal::new(false),
            view: RwSignal::new(View::Budget),
            editor: StoredValue::new(Editor::new(Plan::default())),
            has_draft: RwSignal::new(false),
            draft_id: RwSignal::new(String::new()),
            draft_name: RwSignal::new(String::new()),
            structure: RwSignal::new(0),
            totals: RwSignal::new(0),
            totals_pending: StoredValue::new(false),
            funding: RwSignal::new(0),
            targets: RwSignal::new(0),
            meta: RwSignal::new(0),
            changed: RwSignal::new(0),
            rows: StoredValue::new(Vec::new()),
            sums: StoredValue::new(SumTriggers::default()),
            notices: RwSignal::new(Vec::new()),
            compare_with: RwSignal::new(None),
            importing: RwSignal::new(false),
            places: StoredValue::new(0),
            title_seen: StoredValue::new(String::new()),
        }
    }

    /// The state provided by the app root.
    pub fn get() -> Self {
        expect_context::<Workbench>()
    }

    /// Opens `editor`'s plan as the current draft (replacing the editor and its history).
    pub fn open(&self, id: String, name: String, editor: Editor) {
        self.places.set_value(typed_places(&editor));
        self.title_seen.set_value(editor.plan().title.clone());
        self.editor.set_value(editor);
        self.rebuild_triggers();
        self.draft_id.set(id);
        self.draft_name.set(name);
        self.has_draft.set(true);
        self.bump_all();
    }

    fn bump_all(&self) {
        for s in [self.structure, self.totals, self.funding, self.targets, self.meta] {
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
    /// refusal is a notice, and its message (in the current language) for the field to mark.
    pub fn apply_merging(&self, edit: Edit, key: &str) -> Result<(), String> {
        self.applied(self.editor.try_update_value(|e| e.apply_merging(edit, key)))
    }

    fn applied(&self, result: Option<Result<Impact, Exceeded>>) -> Result<(), String> {
        match result {
            Some(Ok(impact)) => self.notify(impact, true),
            Some(Err(why)) => {
                self.notice("error", why.message(Lang::Vi), why.message(Lang::En));
                return Err(why.message(self.lang.get_untracked()));
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
                let name = self.draft_name.get_untracked();
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
                    self.draft_name.set(format!("{title}{suffix}"));
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
        self.with(|e| e.diagnostics())
    }

    /// The unit figures are shown in (subscribes).
    pub fn shown_unit(&self) -> MoneyUnit {
        self.structure.track();
        let plan_unit = self.with(|e| e.plan().unit);
        self.display_unit.get().unwrap_or(plan_unit)
    }

    /// An amount in the plan's unit, written in the display unit and the language's style
    /// (subscribes to both).
    ///
    /// Rounded to the plan's display precision ([`Workbench::display_places`]): a funding split
    /// computed to the đồng shows as the typed amounts do (1.060,7, not 1.060,651075); the
    /// exact figure stays in `data-value`.
    pub fn format_amount(&self, amount: Decimal) -> String {
        let lang = self.lang.get();
        let plan_unit = self.with(|e| e.plan().unit);
        let unit = self.display_unit.get().unwrap_or(plan_unit);
        let shown = plan_unit.convert(amount, unit);
        let places = self.display_places(unit);
        format_decimal(shown.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero), lang)
    }

    /// Decimal places amounts are shown with in `unit`: the plan's ([`typed_places`]), moved by
    /// the unit's size (a triệu with one decimal is a tỷ with four).
    pub fn display_places(&self, unit: MoneyUnit) -> u32 {
        let plan_unit = self.with(|e| e.plan().unit);
        let shift = i64::from(unit.exponent()) - i64::from(plan_unit.exponent());
        (i64::from(self.places.get_value()) + shift).clamp(0, 28) as u32
    }

    /// Converts a number typed in the display unit to the plan's unit.
    pub fn typed_to_plan_unit(&self, typed: Decimal) -> Decimal {
        let plan_unit = self.with(|e| e.plan().unit);
        let unit = self.display_unit.get_untracked().unwrap_or(plan_unit);
        unit.convert(typed, plan_unit)
    }

    /// Shows a message at the top of the page.
    pub fn notice(&self, level: &'static str, vi: impl Into<String>, en: impl Into<String>) {
        let (vi, en) = (vi.into(), en.into());
        self.notices.update(|list| {
            if list.iter().any(|n| n.vi == vi) {
                return;
            }
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.push(Notice { id, level, vi, en });
        });
    }

    /// Picks the text for the current language (subscribes to the language).
    pub fn tr(&self, vi: &'static str, en: &'static str) -> &'static str {
        self.lang.get().pick(vi, en)
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}

/// Triggers of the totals row.
#[derive(Default)]
struct SumTriggers {
    years: Vec<ArcTrigger>,
    phases: Vec<ArcTrigger>,
    grand: ArcTrigger,
}

/// Rows of a list panel (sources, phases) built at first; more on request. Real plans have a
/// handful; a draft at the limits (5,000 sources, 1,000 phases) must not build them all at once.
pub const SHOWN_ROWS: usize = 50;

/// Columns of phases in the funding-by-phase table.
pub const SHOWN_PHASE_COLUMNS: usize = 20;

/// "… and N more" under a list panel cut at `shown` of `count` rows, with a button for more.
#[component]
pub fn MoreRows(
    count: Signal<usize>,
    shown: RwSignal<usize>,
    testid: &'static str,
    vi: &'static str,
    en: &'static str,
) -> impl IntoView {
    let ws = Workbench::get();
    view! {
        <Show when=move || { count.get() > shown.get() }>
            <p class="muted more-rows" data-testid=testid data-value=move || (count.get() - shown.get().min(count.get())).to_string()>
                {move || {
                    let rest = rust_decimal::Decimal::from(count.get().saturating_sub(shown.get()) as u64);
                    let rest = crate::locale::format_decimal(rest, ws.lang.get());
                    if ws.lang.get().is_vi() { format!("… và {rest} {vi} khác chưa hiện. ") } else { format!("… and {rest} more {en} not shown. ") }
                }}
                <button class="link" on:click=move |_| shown.update(|n| *n += SHOWN_ROWS)>
                    {move || ws.tr("Hiện thêm", "Show more")}
                </button>
            </p>
        </Show>
    }
}

/// `data-value` of an amount: the exact decimal, `.` as separator, no grouping, no trailing zeros.
pub fn data_value(value: Decimal) -> String {
    if value.is_zero() { "0".to_string() } else { value.normalize().to_string() }
}
