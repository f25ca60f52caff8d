//! The workbench's state, split by what reads it, each part provided as its own context:
//!
//! - [`Document`]: the open plan (an engine [`crate::engine::Editor`]), its edits and the
//!   triggers that tell each part of the view what an edit changed;
//! - [`Prefs`]: how the planner likes to see it (language, unit, orientation, tab);
//! - [`Session`]: which draft is open, what it is compared with, whether an import is on screen;
//! - [`Notices`]: the messages at the top of the page;
//! - [`Figures`]: amounts written for the screen, which reads the document and the preferences.
//!
//! All are `Copy` handles; a component asks for the ones it reads (`Prefs::get()` …), and
//! functions are handed the ones they write.

use leptos::prelude::*;
use rust_decimal::Decimal;

mod document;
mod figures;
mod notices;
mod prefs;
mod session;

pub use document::Document;
pub use figures::Figures;
pub use notices::{Notice, Notices};
pub use prefs::{Prefs, Tab};
pub use session::Session;

/// Creates every part of the state and provides each as a context (the app root calls it once).
pub fn provide() -> (Document, Prefs, Session, Notices) {
    let notices = Notices::new();
    let session = Session::new();
    let prefs = Prefs::new();
    let doc = Document::new(session, notices);
    provide_context(notices);
    provide_context(session);
    provide_context(prefs);
    provide_context(doc);
    provide_context(Figures { doc, prefs });
    (doc, prefs, session, notices)
}

/// Rows of a list panel (sources, phases) built at first; more on request. Real plans have a
/// handful; a draft at the limits (5,000 sources, 1,000 phases) must not build them all at once.
pub const SHOWN_ROWS: usize = 50;

/// Columns of phases in the funding-by-phase table.
pub const SHOWN_PHASE_COLUMNS: usize = 20;

/// "… and N more" under a list panel cut at `shown` of `count` rows, with a button for more.
#[component]
pub fn MoreRows(
    /// How many rows the list has.
    count: Signal<usize>,
    /// How many are built.
    shown: RwSignal<usize>,
    /// `data-testid` of the line.
    testid: &'static str,
    /// What the rows are, in Vietnamese ("nguồn").
    vi: &'static str,
    /// What the rows are, in English ("sources").
    en: &'static str,
) -> impl IntoView {
    let prefs = Prefs::get();
    view! {
        <Show when=move || { count.get() > shown.get() }>
            <p class="muted more-rows" data-testid=testid data-value=move || (count.get() - shown.get().min(count.get())).to_string()>
                {move || {
                    let lang = prefs.lang.get();
                    let rest = Decimal::from(count.get().saturating_sub(shown.get()) as u64);
                    let rest = crate::locale::format_decimal(rest, lang);
                    crate::text!("… và {rest} {vi} khác chưa hiện. ", "… and {rest} more {en} not shown. ").into_string(lang)
                }}
                <button class="link" on:click=move |_| shown.update(|n| *n += SHOWN_ROWS)>
                    {move || prefs.tr("Hiện thêm", "Show more")}
                </button>
            </p>
        </Show>
    }
}

/// `data-value` of an amount: the exact decimal, `.` as separator, no grouping, no trailing zeros.
pub fn data_value(value: Decimal) -> String {
    if value.is_zero() { "0".to_string() } else { value.normalize().to_string() }
}
