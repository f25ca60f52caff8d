//! Last resort: a panic shows a readable panel instead of a dead page.

use wasm_bindgen::JsCast;

/// Replaces the default panic behaviour: log to the console and show the `app-error` panel.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&info.to_string());
    }));
}

/// Shows the fatal-error panel, built with plain DOM calls (the reactive system may be broken).
pub fn show_fatal(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.query_selector("[data-testid=app-error]").ok().flatten().is_some() {
        return;
    }
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    let _ = panel.set_attribute("data-testid", "app-error");
    let _ = panel.set_attribute("role", "alert");
    panel.set_class_name("app-error");
    let Ok(title) = document.create_element("h2") else {
        return;
    };
    title.set_text_content(Some("Đã xảy ra lỗi nội bộ · An internal error occurred"));
    let Ok(text) = document.create_element("p") else {
        return;
    };
    text.set_text_content(Some(
        "Bản nháp đã lưu vẫn còn trong trình duyệt. Hãy tải lại trang. · Your saved drafts are still in the browser. Please reload the page.",
    ));
    let Ok(pre) = document.create_element("pre") else {
        return;
    };
    pre.set_text_content(Some(detail));
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&text);
    let _ = panel.append_child(&pre);
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Tải lại · Reload"));
        // A listener, not an onclick attribute: the Content-Security-Policy forbids inline handlers.
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = panel.append_child(&button);
    }
    // A plain link, not a handler: it must work even when the module that panicked cannot run.
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("data-testid", "app-error-drafts");
        let _ = link.set_attribute("href", crate::ui::drafts::LIST_START);
        link.set_class_name("button");
        link.set_text_content(Some("Về danh sách bản nháp · Back to the draft list"));
        let _ = panel.append_child(&link);
    }
    if let Some(el) = body.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.append_child(&panel);
    }
}
