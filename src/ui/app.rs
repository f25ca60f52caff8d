//! The application shell: header, banners, the empty state and the main views.

use leptos::prelude::*;

use crate::locale::Lang;
use crate::model::{Plan, YearRange};
use crate::ui::budget::BudgetView;
use crate::ui::drafts::{DraftList, Drafts, SaveBanners, export_docx, export_json, export_xlsx};
use crate::ui::import::{Import, ImportButton, ImportPreview};
use crate::ui::lazy::{lazy, lazy_view};
use crate::ui::print::{PrintAnnex, Printing, print};
use crate::ui::state::{Document, Notices, Prefs, Session, Tab};

/// The workbench root.
#[component]
pub fn App() -> impl IntoView {
    let (doc, prefs, session, notices) = crate::ui::state::provide();
    if let Some(lang) = stored_lang() {
        prefs.lang.set(lang);
    }
    let drafts = Drafts::start(doc, session, notices);
    provide_context(drafts);
    open_sample_from_url(doc, session, drafts);
    // The file worker's module is fetched once the page is up, not on the first import.
    // So are the page's lazily loaded parts (targets, comparison, sheet import preview).
    set_timeout(
        || {
            crate::platform::worker::warm();
            crate::ui::lazy::preload();
        },
        std::time::Duration::from_millis(1500),
    );
    if debug_flag("panic") {
        // A deliberate bug, to check the last-resort panel (used by the browser tests).
        set_timeout(|| panic!("deliberate panic (?debug=panic)"), std::time::Duration::from_millis(300));
    }
    provide_context(Import::new(session));
    crate::ui::consolidate::Consolidating::provide();
    let consolidating = crate::ui::consolidate::Consolidating::get();
    provide_context(Printing(RwSignal::new(false)));
    Effect::new(move |_| {
        let lang = prefs.lang.get();
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item("kehoach.lang", lang.code());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    // Undo and redo when the focus is not in a text field (the grid handles its own keys).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if in_field || !(ev.ctrl_key() || ev.meta_key()) || !session.has_draft.get_untracked() {
            return;
        }
        if doc.history_key(&ev.key(), ev.shift_key()) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <div class="workbench" data-testid="workbench" lang=move || prefs.lang.get().code()>
            <Header />
            <div class="notices">
                <SaveBanners />
                <NoticeBar />
            </div>
            <Show when=move || session.has_draft.get() fallback=|| view! { <EmptyState /> }>
                <nav class="tabs">
                    <button class:active=move || prefs.tab.get() == Tab::Budget data-testid="view-budget"
                        on:click=move |_| prefs.tab.set(Tab::Budget)>{move || prefs.tr("Kinh phí", "Budget")}</button>
                    <button class:active=move || prefs.tab.get() == Tab::Targets data-testid="view-targets"
                        on:click=move |_| prefs.tab.set(Tab::Targets)>{move || prefs.tr("Mục tiêu, chỉ tiêu", "Targets")}{move || crate::ui::targets::count_label(doc, prefs)}</button>
                    <button class:active=move || prefs.tab.get() == Tab::Tasks data-testid="view-tasks"
                        on:click=move |_| prefs.tab.set(Tab::Tasks)>{move || prefs.tr("Nhiệm vụ", "Tasks")}{move || crate::ui::tasks::count_label(doc, prefs)}</button>
                    <button class:active=move || prefs.tab.get() == Tab::Compare data-testid="view-compare"
                        on:click=move |_| prefs.tab.set(Tab::Compare)>{move || prefs.tr("So sánh", "Compare")}</button>
                </nav>
                {move || match prefs.tab.get() {
                    Tab::Budget => view! { <BudgetView /> }.into_any(),
                    Tab::Targets => lazy_view(lazy!(crate::ui::targets::targets_view_lazy())).into_any(),
                    Tab::Tasks => lazy_view(lazy!(crate::ui::tasks::tasks_view_lazy())).into_any(),
                    Tab::Compare => lazy_view(lazy!(crate::ui::compare::compare_view_lazy())).into_any(),
                }}
            </Show>
            <ImportPreview />
            <Show when=move || consolidating.open.get()>
                {lazy_view(lazy!(crate::ui::consolidate::consolidate_dialog_lazy()))}
            </Show>
            <PrintAnnex />
        </div>
    }
}

/// Most lines of a `?sample=LINESxYEARS` plan.
const SAMPLE_MOST_LINES: usize = 20_000;
/// Most years of a `?sample=LINESxYEARS` plan.
const SAMPLE_MOST_YEARS: usize = 100;

/// `?sample=2000x30` opens a synthetic plan of that many lines and years (for benchmarks and for
/// trying the workbench at scale).
fn open_sample_from_url(doc: Document, session: Session, drafts: Drafts) {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return };
    let Some(spec) = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("sample=")) else {
        return;
    };
    let Some((lines, years)) = spec.split_once('x') else { return };
    let (Ok(lines), Ok(years)) = (lines.parse::<usize>(), years.parse::<usize>()) else { return };
    if (1..=SAMPLE_MOST_LINES).contains(&lines) && (1..=SAMPLE_MOST_YEARS).contains(&years) {
        let plan = crate::reference::large_plan(lines, years);
        drafts.create(doc, session, format!("Mẫu {lines} × {years}"), plan);
    }
}

/// Whether the page's address has `debug=<flag>` (hooks for the browser tests).
pub fn debug_flag(flag: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.trim_start_matches('?').split('&').any(|kv| kv == format!("debug={flag}")))
}

/// Whether the page was opened as `?start=list` (from the internal-error panel); the address
/// is then put back to plain, so that a reload opens the last draft as usual.
pub fn take_start_list() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let asked =
        window.location().search().is_ok_and(|q| q.trim_start_matches('?').split('&').any(|kv| kv == "start=list"));
    if asked && let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    asked
}

fn stored_lang() -> Option<Lang> {
    let s = web_sys::window()?.local_storage().ok()??;
    Lang::from_code(&s.get_item("kehoach.lang").ok()??)
}

/// Opens a new empty plan covering the next five years, as a new saved draft.
pub fn new_plan(doc: Document, prefs: Prefs, session: Session) {
    let year = js_sys::Date::new_0().get_full_year() as i32;
    let lang = prefs.lang.get_untracked();
    let plan = Plan::new(
        crate::locale::label(lang, "Kế hoạch mới", "New plan"),
        YearRange::new(year, year + 4),
        Default::default(),
    );
    let name = plan.title.clone();
    Drafts::get().create(doc, session, name, plan);
}

/// Opens the reference plan (seed 000, section IV) as a new draft.
pub fn open_example(doc: Document, session: Session) {
    let plan = crate::reference::plan();
    Drafts::get().create(doc, session, "Bắc Kạn 2012–2020 (ví dụ)".into(), plan);
}

/// A fresh draft id: time and randomness, unique across tabs.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let rand = (js_sys::Math::random() * 1e9) as u64;
    format!("d{now:x}{rand:x}")
}

#[component]
fn Header() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let notices = Notices::get();
    let drafts = Drafts::get();
    let show_list = drafts.list_open;
    let printing = expect_context::<Printing>();
    let close = Callback::new(move |_| show_list.set(false));
    // Escape closes the drafts menu, wherever the focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && show_list.get_untracked() {
            show_list.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let saved = move || {
        if drafts.error.get().is_some() {
            prefs.tr("Chưa lưu được", "Not saved").to_string()
        } else if drafts.dirty.get() {
            prefs.tr("Đang lưu…", "Saving…").to_string()
        } else if drafts.saved_at.get().is_some() || drafts.rev.get().is_some() {
            prefs.tr("Đã lưu trong trình duyệt", "Saved in this browser").to_string()
        } else {
            String::new()
        }
    };
    view! {
        <header class="topbar">
            <span class="brand" title="kehoach">"kế hoạch"</span>
            <Show when=move || session.has_draft.get()>
                <input class="draft-name" data-testid="draft-name" aria-label=move || prefs.tr("Tên bản nháp", "Draft name")
                    prop:value=move || session.draft_name.get()
                    on:input=move |ev| { session.draft_name.set(event_target_value(&ev)); doc.changed.update(|v| *v += 1); } />
                <span class="save-state muted" data-testid="save-state" data-dirty=move || drafts.dirty.get().to_string()>{saved}</span>
            </Show>
            <span class="spacer"></span>
            <div class="drafts-menu">
                <button data-testid="drafts" aria-expanded=move || show_list.get().to_string()
                    on:click=move |_| show_list.update(|v| *v = !*v)>
                    {move || format!("{} ({})", prefs.tr("Bản nháp", "Drafts"), drafts.list.get().len())}
                </button>
                <Show when=move || show_list.get()>
                    <DraftList on_close=close />
                </Show>
            </div>
            <button data-testid="draft-new" on:click=move |_| new_plan(doc, prefs, session)>{move || prefs.tr("+ Kế hoạch mới", "+ New plan")}</button>
            <ImportButton />
            <crate::ui::consolidate::ConsolidateButton />
            <Show when=move || session.has_draft.get()>
                <button data-testid="export-json" on:click=move |_| export_json(doc, session, notices)>{move || prefs.tr("Tải JSON", "Export JSON")}</button>
                <button data-testid="export-xlsx" on:click=move |_| export_xlsx(doc, prefs, session, notices)>{move || prefs.tr("Xuất Excel", "Export Excel")}</button>
                <button data-testid="export-docx" on:click=move |_| export_docx(doc, prefs, session, notices)>{move || prefs.tr("Xuất Word", "Export Word")}</button>
                <button data-testid="print" on:click=move |_| print(printing)>{move || prefs.tr("In phụ lục", "Print annex")}</button>
            </Show>
            <select data-testid="locale" aria-label="Ngôn ngữ / Language" on:change=move |ev| {
                if let Some(l) = Lang::from_code(&event_target_value(&ev)) { prefs.lang.set(l) }
            }>
                <option value="vi" selected=move || prefs.lang.get() == Lang::Vi>"Tiếng Việt"</option>
                <option value="en" selected=move || prefs.lang.get() == Lang::En>"English"</option>
            </select>
        </header>
    }
}

/// The messages at the top of the page.
#[component]
fn NoticeBar() -> impl IntoView {
    let prefs = Prefs::get();
    let notices = Notices::get();
    view! {
        <For each=move || notices.list.get() key=|n| n.id let:n>
            <div class=format!("notice {}", n.severity.code()) role="status" data-testid="notice" data-level=n.severity.code()>
                <span>{let text = n.text.clone(); move || prefs.say(&text)}</span>
                <button class="icon" on:click=move |_| notices.dismiss(n.id)>"×"</button>
            </div>
        </For>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    view! {
        <section class="empty-state" data-testid="empty-state">
            <h1>{move || prefs.tr("Lập phụ lục kinh phí cho kế hoạch nhiều năm", "Draft the budget annex of a multi-year plan")}</h1>
            <p>{move || prefs.tr(
                "Nhập bảng kinh phí từ Excel, hoặc bắt đầu một kế hoạch mới. Mọi dữ liệu ở lại trong trình duyệt của bạn.",
                "Import a budget sheet from Excel, or start a new plan. Everything stays in your browser.")}</p>
            <div class="choices">
                <button class="primary" data-testid="open-example" on:click=move |_| open_example(doc, session)>
                    <b>{move || prefs.tr("Mở ví dụ", "Open the example")}</b>
                    <span>{move || prefs.tr("Bắc Kạn, Đề án XHHT 2012–2020: 4 nội dung, 2 giai đoạn, 5,4 tỷ đồng",
                        "Bắc Kạn learning-society plan 2012–2020: 4 lines, 2 phases, 5.4 billion VND")}</span>
                </button>
                <button data-testid="empty-new" on:click=move |_| new_plan(doc, prefs, session)>
                    <b>{move || prefs.tr("Kế hoạch mới", "New plan")}</b>
                    <span>{move || prefs.tr("Bảng trống, 5 năm tới", "An empty table for the next five years")}</span>
                </button>
            </div>
        </section>
    }
}
