//! The application shell: header, notices, the empty state and the main views.

use leptos::prelude::*;

use crate::locale::Lang;
use crate::model::{Plan, YearRange};
use crate::ui::budget::BudgetView;
use crate::ui::state::{View, Workbench};

/// The workbench root.
#[component]
pub fn App() -> impl IntoView {
    let ws = Workbench::new();
    provide_context(ws);

    // Undo and redo when the focus is not in a text field (the grid handles its own keys).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if in_field || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => {
                ev.prevent_default();
                ws.redo();
            }
            "z" => {
                ev.prevent_default();
                ws.undo();
            }
            "y" => {
                ev.prevent_default();
                ws.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <div class="workbench" data-testid="workbench" lang=move || ws.lang.get().code()>
            <Header />
            <Notices />
            <Show when=move || ws.has_draft.get() fallback=|| view! { <EmptyState /> }>
                <nav class="tabs">
                    <button class:active=move || ws.view.get() == View::Budget data-testid="view-budget"
                        on:click=move |_| ws.view.set(View::Budget)>{move || ws.tr("Kinh phí", "Budget")}</button>
                    <button class:active=move || ws.view.get() == View::Targets data-testid="view-targets"
                        on:click=move |_| ws.view.set(View::Targets)>{move || ws.tr("Mục tiêu, chỉ tiêu", "Targets")}</button>
                </nav>
                {move || match ws.view.get() {
                    View::Budget => view! { <BudgetView /> }.into_any(),
                    _ => view! { <p>"…"</p> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// Opens a new empty plan covering the next five years.
pub fn new_plan(ws: Workbench) {
    let year = js_sys::Date::new_0().get_full_year() as i32;
    let vi = ws.lang.get_untracked().is_vi();
    let plan =
        Plan::new(if vi { "Kế hoạch mới" } else { "New plan" }, YearRange::new(year, year + 4), Default::default());
    let name = plan.title.clone();
    ws.open(new_id(), name, plan);
}

/// Opens the reference plan (seed 000, section IV) as a new draft.
pub fn open_example(ws: Workbench) {
    let plan = crate::reference::plan();
    ws.open(new_id(), "Bắc Kạn 2012–2020 (ví dụ)".into(), plan);
}

/// A fresh draft id: time and randomness, unique across tabs.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let rand = (js_sys::Math::random() * 1e9) as u64;
    format!("d{now:x}{rand:x}")
}

#[component]
fn Header() -> impl IntoView {
    let ws = Workbench::get();
    view! {
        <header class="topbar">
            <span class="brand" title="kehoach">"kế hoạch"</span>
            <Show when=move || ws.has_draft.get()>
                <input class="draft-name" data-testid="draft-name" aria-label=move || ws.tr("Tên bản nháp", "Draft name")
                    prop:value=move || ws.draft_name.get()
                    on:input=move |ev| { ws.draft_name.set(event_target_value(&ev)); ws.changed.update(|v| *v += 1); } />
            </Show>
            <span class="spacer"></span>
            <button data-testid="draft-new" on:click=move |_| new_plan(ws)>{move || ws.tr("Kế hoạch mới", "New plan")}</button>
            <select data-testid="locale" aria-label="Ngôn ngữ / Language" on:change=move |ev| {
                if let Some(l) = Lang::from_code(&event_target_value(&ev)) { ws.lang.set(l) }
            }>
                <option value="vi" selected=move || ws.lang.get() == Lang::Vi>"Tiếng Việt"</option>
                <option value="en" selected=move || ws.lang.get() == Lang::En>"English"</option>
            </select>
        </header>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let ws = Workbench::get();
    view! {
        <div class="notices">
            <For each=move || ws.notices.get() key=|n| n.id let:n>
                <div class=format!("notice {}", n.level) role="status" data-testid="notice" data-level=n.level>
                    <span>{let (vi, en) = (n.vi.clone(), n.en.clone()); move || if ws.lang.get().is_vi() { vi.clone() } else { en.clone() }}</span>
                    <button class="icon" on:click=move |_| ws.notices.update(|l| l.retain(|x| x.id != n.id))>"×"</button>
                </div>
            </For>
        </div>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let ws = Workbench::get();
    view! {
        <section class="empty-state" data-testid="empty-state">
            <h1>{move || ws.tr("Lập phụ lục kinh phí cho kế hoạch nhiều năm", "Draft the budget annex of a multi-year plan")}</h1>
            <p>{move || ws.tr(
                "Nhập bảng kinh phí từ Excel, hoặc bắt đầu một kế hoạch mới. Mọi dữ liệu ở lại trong trình duyệt của bạn.",
                "Import a budget sheet from Excel, or start a new plan. Everything stays in your browser.")}</p>
            <div class="choices">
                <button class="primary" data-testid="open-example" on:click=move |_| open_example(ws)>
                    <b>{move || ws.tr("Mở ví dụ", "Open the example")}</b>
                    <span>{move || ws.tr("Bắc Kạn, Đề án XHHT 2012–2020: 4 nội dung, 2 giai đoạn, 5,4 tỷ đồng",
                        "Bắc Kạn learning-society plan 2012–2020: 4 lines, 2 phases, 5.4 billion VND")}</span>
                </button>
                <button data-testid="empty-new" on:click=move |_| new_plan(ws)>
                    <b>{move || ws.tr("Kế hoạch mới", "New plan")}</b>
                    <span>{move || ws.tr("Bảng trống, 5 năm tới", "An empty table for the next five years")}</span>
                </button>
            </div>
        </section>
    }
}
