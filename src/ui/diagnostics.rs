//! Lists of diagnostics: the open draft's, or an import's.

use leptos::prelude::*;

use crate::diagnostic::{Diagnostic, Location, PlanPlace, Severity, place};
use crate::locale::{Lang, Text};
use crate::ui::grid::layout::Slot;
use crate::ui::grid::{GridCtx, Pos, move_to};
use crate::ui::state::{Document, Prefs, Tab};

/// A list of diagnostics (`diagnostics`, each `diagnostic` with severity and location).
/// `on_pick` is called with a diagnostic's location when it is clicked.
#[component]
pub fn DiagnosticList(
    /// The diagnostics to show.
    #[prop(into)]
    items: Signal<Vec<Diagnostic>>,
    /// Called with the location of a clicked diagnostic.
    #[prop(optional)]
    on_pick: Option<Callback<Location>>,
    /// The places are in the open draft: named with its lines', sources' and targets' names.
    #[prop(optional)]
    named: bool,
) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let counts = move || {
        let list = items.get();
        let e = list.iter().filter(|d| d.severity == Severity::Error).count();
        (e, list.len() - e)
    };
    view! {
        <div class="diagnostics-box">
            <p class="muted counts">{move || {
                let (e, w) = counts();
                if e + w == 0 { prefs.tr("Không có vấn đề nào.", "No problems found.").to_string() }
                else {
                    match prefs.lang.get() {
                        Lang::Vi => {
                            let parts: Vec<String> = [(e, "lỗi"), (w, "cảnh báo")].iter().filter(|(n, _)| *n > 0).map(|(n, t)| format!("{n} {t}")).collect();
                            parts.join(", ")
                        }
                        Lang::En => {
                            let word = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
                            let parts: Vec<String> = [(e, "error", "errors"), (w, "warning", "warnings")].iter().filter(|(n, _, _)| *n > 0).map(|(n, one, many)| word(*n, one, many)).collect();
                            parts.join(", ")
                        }
                    }
                }
            }}</p>
            <ul class="diagnostics" data-testid="diagnostics">
                {move || {
                    let lang = prefs.lang.get();
                    items.get().into_iter().map(|d| {
                        let loc = d.location.clone();
                        let pick = move |_| if let Some(cb) = on_pick { cb.run(loc.clone()) };
                        view! {
                            <li class=format!("diagnostic {}", d.severity.code()) data-testid="diagnostic"
                                data-severity=d.severity.code() data-code=d.code data-location=d.location.to_string()
                                on:click=pick>
                                <span class="badge">{severity_name(d.severity).get(lang).to_string()}</span>
                                <span class="loc">{
                                    if named { doc.with(|e| place(&d.location, e.plan(), lang)) }
                                    else { place(&d.location, &crate::model::Plan::default(), lang) }
                                }</span>
                                <span class="msg">{d.text.get(lang).to_string()}</span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </div>
    }
}

/// Goes to a place outside the grid (a target's milestone, a source, a phase, the period): its
/// view, then its field. Returns whether the place is one of those.
pub fn focus_place(prefs: Prefs, location: &Location) -> bool {
    let Location::Plan(item) = location else { return false };
    let field = match *item {
        PlanPlace::Milestone { target: i, variant: Some(v), year } => {
            Some((Tab::Targets, format!("variant-milestone-{}-{}-{year}", i + 1, v + 1)))
        }
        PlanPlace::Milestone { target: i, variant: None, year } => {
            Some((Tab::Targets, format!("target-milestone-{}-{year}", i + 1)))
        }
        PlanPlace::TargetName(i) | PlanPlace::TargetBaseline(i) => {
            Some((Tab::Targets, format!("target-name-{}", i + 1)))
        }
        PlanPlace::SourceName(i) | PlanPlace::SourceShare(i) => Some((Tab::Budget, format!("source-name-{}", i + 1))),
        PlanPlace::PhaseYears(i) => Some((Tab::Budget, format!("phase-name-{}", i + 1))),
        PlanPlace::Period => Some((Tab::Budget, "period-first".to_string())),
        _ => None,
    };
    let Some((view, testid)) = field else { return false };
    prefs.tab.set(view);
    request_animation_frame(move || focus_testid(&testid));
    true
}

/// What a severity is called on its badge.
fn severity_name(severity: Severity) -> Text {
    match severity {
        Severity::Error => Text::fixed("Lỗi", "Error"),
        Severity::Warning => Text::fixed("Cảnh báo", "Warning"),
        Severity::Info => Text::fixed("Ghi chú", "Note"),
    }
}

/// Focuses (and scrolls to) the element with `data-testid` = `testid`, if it is on the page.
fn focus_testid(testid: &str) {
    use wasm_bindgen::JsCast;
    let found = document().query_selector(&format!("[data-testid=\"{testid}\"]")).ok().flatten();
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// The open draft's diagnostics; clicking one moves the cursor to its cell.
#[component]
pub fn DiagnosticsPanel(ctx: GridCtx) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let items = Memo::new(move |_| doc.diagnostics());
    let pick = Callback::new(move |location: Location| {
        if focus_place(prefs, &location) {
            return;
        }
        let Some((line, year)) = location.line() else { return };
        let pos = ctx.layout.with_untracked(|l| {
            let find = |slots: &[Slot], s: Slot| slots.iter().position(|x| *x == s);
            let year_slot = year.map(Slot::Year);
            if l.transposed {
                let c = find(&l.cols, Slot::Line(line))? + 1;
                let r = year_slot.and_then(|y| find(&l.rows, y)).unwrap_or(0);
                Some(Pos { r, c })
            } else {
                let r = find(&l.rows, Slot::Line(line))?;
                let c = year_slot.and_then(|y| find(&l.cols, y)).map(|c| c + 1).unwrap_or(0);
                Some(Pos { r, c })
            }
        });
        if let Some(pos) = pos {
            move_to(ctx, pos, false);
            ctx.focus();
        }
    });
    view! {
        <section class="panel" data-testid="draft-diagnostics">
            <h3>{move || prefs.tr("Kiểm tra", "Checks")}</h3>
            <DiagnosticList items=items on_pick=pick named=true />
        </section>
    }
}
