//! The application shell.

use leptos::prelude::*;

use crate::locale::Lang;

/// The workbench root.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Vi);
    view! {
        <div class="workbench" data-testid="workbench" lang=move || lang.get().code()>
            <header class="topbar">
                <span class="brand">"kehoach"</span>
                <select data-testid="locale" on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) { lang.set(l) }
                }>
                    <option value="vi" selected=true>"Tiếng Việt"</option>
                    <option value="en">"English"</option>
                </select>
            </header>
            <main>
                <p>{move || lang.get().pick("Nhập bảng kinh phí hoặc bắt đầu kế hoạch mới.", "Import a budget sheet or start a new plan.")}</p>
            </main>
        </div>
    }
}
